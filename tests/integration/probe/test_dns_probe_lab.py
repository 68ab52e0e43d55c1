#!/usr/bin/env python3
"""ssodoctor-cli probe dns against the Samba AD DC's own DNS (scripts/lab.sh, isolated namespace).

Everything runs inside the lab namespace, whose resolver is the DC; expectations come from the
lab's manifest and from `dig` asking the DC, never from the tool's output. Covers: A records, the
CNAME app -> web01 (a warning under --expect-a whose explanation names HTTP/web01.lab.test, info
without it), NXDOMAIN as an error, the SRV records Samba registers for lab.test, --server, a
silent DNS server (10.77.5.5) ending within --timeout + 0.5 s, and PTR records: none (no reverse
zone by default), then a reverse zone made with samba-tool with an agreeing PTR, a PTR naming
another host and one that does not resolve back.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probefix import LabTest, findings, outcome, probe_data, probe_ms, run_cli, startup_seconds  # noqa: E402

T = LabTest("ssod-pd")
check = T.check
MARGIN = 0.5


def dig(t, *args):
    p = t.exec("dig", "+time=2", "+tries=1", "@" + t.manifest()["dc"]["ip"], *args)
    return p.stdout


def dig_short(t, *args):
    return [l.strip().rstrip(".").lower() for l in dig(t, "+short", *args).splitlines() if l.strip()]


def one(doc, fid):
    f = findings(doc, fid)
    return f[0] if len(f) == 1 else None


def forward(t, m):
    dc = m["dc"]["ip"]
    name = "web01.lab.test"
    rc, doc, err, secs = run_cli("probe", "dns", name, "--timeout", "3", lab=T)
    data = probe_data(doc)
    print("dns %s: %.2f s" % (name, secs))
    check(rc == 0, "probe dns %s exits 0 (%d) %s" % (name, rc, err.strip()))
    check(m["dns"]["a"][name] in data.get("addresses", []), "A record of %s from the manifest" % name)
    check(sorted(a for a in data.get("addresses", []) if ":" not in a) == sorted(dig_short(t, "A", name)),
          "IPv4 addresses equal dig's (%s)" % data.get("addresses"))
    check(data.get("canonical") == name and data.get("cname_chain") == [], "an A record: no chain")
    r = one(doc, "dns.resolved")
    check(r is not None and r["severity"] == "ok" and dc in r["title"], "dns.resolved ok names the address")
    check(not findings(doc, "dns.a-record"), "no A-record verdict without --expect-a")
    rc, doc, err, secs = run_cli("probe", "dns", name, "--expect-a", lab=T)
    check(one(doc, "dns.a-record") is not None and one(doc, "dns.a-record")["severity"] == "ok",
          "--expect-a on an A record: dns.a-record ok")

    # The CNAME app -> web01: what browsers ask for.
    alias, target = "app.lab.test", m["dns"]["cname"]["app.lab.test"]
    d = dig_short(t, "A", alias)
    check(d[:1] == [target], "dig: %s is a CNAME of %s (%s)" % (alias, target, d))
    rc, doc, err, secs = run_cli("probe", "dns", alias, "--expect-a", lab=T)
    data = probe_data(doc)
    check(data.get("cname_chain") == [target] and data.get("canonical") == target,
          "chain %s -> %s (%s)" % (alias, target, data.get("cname_chain")))
    check(data.get("addresses", [])[:1] == d[1:2], "the alias's address is the target's, as dig says")
    w = one(doc, "dns.cname")
    check(w is not None and w["severity"] == "warning", "--expect-a: a CNAME is a warning")
    if w:
        check("HTTP/" + target in w["title"] and "HTTP/" + target in w["explanation"],
              "the warning explains browsers ask for HTTP/%s" % target)
        check(w["fix"] and w["fix"]["kind"] == "spn" and w["fix"]["id"] == "spn-add"
              and w["fix"]["inputs"].get("spn") == "HTTP/" + target, "its fix registers HTTP/%s (%s)" % (target, w["fix"]))
        check(any(e["value"] == "HTTP/" + target for e in w["evidence"]), "evidence: the SPN browsers ask for")
    check(rc == 0, "a warning alone exits 0")
    rc, doc, err, secs = run_cli("probe", "dns", alias, lab=T)
    i = one(doc, "dns.cname-info")
    check(i is not None and i["severity"] == "info" and not findings(doc, "dns.cname"),
          "without --expect-a a CNAME is info")

    # NXDOMAIN.
    missing = "nosuch%d.lab.test" % os.getpid()
    check("NXDOMAIN" in dig(t, "A", missing), "dig: %s is NXDOMAIN" % missing)
    rc, doc, err, secs = run_cli("probe", "dns", missing, "--timeout", "3", lab=T)
    nf = one(doc, "dns.not-found")
    check(nf is not None and nf["severity"] == "error" and rc == 1, "NXDOMAIN: dns.not-found error, exit 1")
    check(not findings(doc, "dns.no-answer"), "NXDOMAIN is not reported as 'no answer'")
    check(outcome(doc) == "completed", "NXDOMAIN is an answer: outcome completed")

    # --server: the DC named explicitly.
    rc, doc, err, secs = run_cli("probe", "dns", alias, "--server", dc, lab=T)
    data = probe_data(doc)
    check(rc == 0 and data.get("server") == dc and data.get("cname_chain") == [target], "--server %s works" % dc)
    rc, doc, err, secs = run_cli("probe", "dns", alias, "--server", "dc1.lab.test", lab=T)
    check(rc == 1 and outcome(doc) == "failed", "--server must be an address")


def srv(t, m):
    dom = m["dns_domain"]
    rc, doc, err, secs = run_cli("probe", "dns", dom, "--srv", "--timeout", "4", lab=T)
    data = probe_data(doc)
    print("dns --srv %s: %.2f s" % (dom, secs))
    records = ["_kerberos._tcp", "_kerberos._udp", "_kpasswd._tcp", "_kpasswd._udp", "_ldap._tcp.dc._msdcs", "_gc._tcp"]
    for r in records:
        name = "%s.%s" % (r, dom)
        want = sorted(dig_short(t, "SRV", name))  # "prio weight port target"
        got = sorted("%d %d %d %s" % (e["priority"], e["weight"], e["port"], e["target"])
                     for e in data.get("srv", {}).get(name, []))
        check(got == want, "SRV %s equals dig's (%s / %s)" % (name, got, want))
        if want:
            ok = [f for f in findings(doc, "dns.srv-found") if f["subject"] == name]
            check(len(ok) == 1, "dns.srv-found for %s" % name)
            check(all(e["addresses"] == dig_short(t, "A", e["target"]) for e in data["srv"][name]),
                  "the targets of %s are resolved" % name)
    check(any(data.get("srv", {}).get("_kerberos._tcp.%s" % dom, [])), "Samba publishes _kerberos._tcp")
    check(rc == 0 or findings(doc, "dns.srv-missing-kdc") or findings(doc, "dns.srv-missing-dc"),
          "exit 0 unless a KDC/DC record is missing")

    # A domain without AD records: KDC/DC missing are errors, GC missing is info.
    other = "nosuch%d.%s" % (os.getpid(), dom)
    rc, doc, err, secs = run_cli("probe", "dns", other, "--srv", "--timeout", "3", lab=T)
    kdc = findings(doc, "dns.srv-missing-kdc")
    check(len(kdc) == 2 and all(f["severity"] == "error" for f in kdc), "missing _kerberos records: 2 errors")
    dcf = one(doc, "dns.srv-missing-dc")
    check(dcf is not None and dcf["severity"] == "error" and "nltest /dsregdns" in dcf["explanation"],
          "missing _ldap._tcp.dc._msdcs: error with the DNS registration fix")
    gc = one(doc, "dns.srv-missing-gc")
    check(gc is not None and gc["severity"] == "info", "missing _gc._tcp: info")
    check(len(findings(doc, "dns.srv-missing-kpasswd")) == 2, "missing _kpasswd: reported")
    check(rc == 1, "missing KDC records exit 1")


def silent(t):
    if not t.silent_address():
        check(False, "silent address set up")
        return
    timeout = 2.0
    start = startup_seconds(T)
    print("CLI start and exit without network work: %.2f s" % start)
    for args in (["web01.lab.test"], ["lab.test", "--srv"], [t.SILENT]):
        rc, doc, err, secs = run_cli("probe", "dns", *args, "--server", t.SILENT, "--timeout", str(timeout), lab=T)
        ms = probe_ms(doc)
        print("dns %s --server %s --timeout %.1f: probe %s ms, CLI %.2f s" % (" ".join(args), t.SILENT, timeout, ms, secs))
        check(ms is not None and ms <= timeout * 1000, "silent DNS server: the probe %s ends within --timeout (%s ms)"
              % (" ".join(args), ms))
        check(secs <= timeout + MARGIN + start, "the CLI ends within --timeout + %.1f s + its start-up (%.2f s)"
              % (MARGIN, secs))
        na = one(doc, "dns.no-answer")
        check(na is not None and na["severity"] == "error" and t.SILENT in na["title"],
              "a clear dns.no-answer error naming the server (%s)" % [f["id"] for f in findings(doc)])
        check(not findings(doc, "dns.not-found"), "silence is not reported as NXDOMAIN")
        check(outcome(doc) == "timeout" and rc == 1, "outcome timeout, exit 1 (%s, %d)" % (outcome(doc), rc))
    d = t.exec("dig", "+time=1", "+tries=1", "@" + t.SILENT, "web01.lab.test")
    check("timed out" in d.stdout or "no servers could be reached" in d.stdout, "dig gets no answer from it either")


def ptr(t, m):
    dc = m["dc"]["ip"]
    # Samba has no reverse zone unless one is made.
    rc, doc, err, secs = run_cli("probe", "dns", "web01.lab.test", lab=T)
    pm = one(doc, "dns.ptr-missing")
    check(dig_short(t, "-x", dc) == [], "dig: no PTR for %s yet" % dc)
    check(pm is not None and pm["severity"] == "info", "no reverse zone: dns.ptr-missing info")
    conf = os.path.join(t.state, "etc", "smb.conf")
    auth = ["-U", "Administrator", "--password=" + m["admin"]["password"], "-s", conf]
    zone = "0.77.10.in-addr.arpa"
    steps = [["dns", "zonecreate", dc, zone], ["dns", "add", dc, zone, "2", "PTR", "web01.lab.test"],
             ["dns", "add", dc, "lab.test", "stray", "A", "10.77.0.9"],
             ["dns", "add", dc, zone, "9", "PTR", "web02.lab.test"]]
    for s in steps:
        p = t.exec("samba-tool", *s, *auth)
        check(p.returncode == 0, "samba-tool %s (%s)" % (" ".join(s), (p.stderr or p.stdout).strip()[-200:]))
    check(dig_short(t, "-x", dc) == ["web01.lab.test"], "dig: PTR %s -> web01.lab.test" % dc)

    rc, doc, err, secs = run_cli("probe", "dns", "web01.lab.test", lab=T)
    ok = one(doc, "dns.ptr-ok")
    check(ok is not None and probe_data(doc).get("ptr", {}).get(dc) == "web01.lab.test",
          "web01: forward and reverse agree (dns.ptr-ok)")
    # portal.lab.test shares the address, whose PTR names web01: MIT rdns asks for web01's SPN.
    rc, doc, err, secs = run_cli("probe", "dns", "portal.lab.test", lab=T)
    other = one(doc, "dns.ptr-other-name")
    check(other is not None and other["severity"] == "warning" and "web01.lab.test" in other["title"],
          "portal: PTR names web01 -> dns.ptr-other-name warning")
    # stray.lab.test -> 10.77.0.9, whose PTR names web02, which resolves to 10.77.0.2.
    check(dig_short(t, "A", "web02.lab.test") == [dc], "dig: web02 is %s, not 10.77.0.9" % dc)
    rc, doc, err, secs = run_cli("probe", "dns", "stray.lab.test", lab=T)
    mm = one(doc, "dns.ptr-mismatch")
    check(mm is not None and mm["severity"] == "warning" and "web02.lab.test" in mm["title"],
          "stray: forward/reverse disagree -> dns.ptr-mismatch warning")
    # An address: PTR only.
    rc, doc, err, secs = run_cli("probe", "dns", dc, lab=T)
    data = probe_data(doc)
    check(one(doc, "dns.ptr-ok") is not None and data.get("ptr") == {dc: "web01.lab.test"}
          and not findings(doc, "dns.resolved"), "an address target: PTR only, agreeing")
    rc, doc, err, secs = run_cli("probe", "dns", "10.77.0.9", lab=T)
    check(one(doc, "dns.ptr-mismatch") is not None, "10.77.0.9: its PTR name does not lead back")


def bad(t):
    for target in ("web 01.lab.test", "a..b", "x" * 300):
        rc, doc, err, secs = run_cli("probe", "dns", target, lab=T)
        check(rc == 1 and outcome(doc) == "failed" and findings(doc, "probe.bad-target"),
              "a bad name is refused before asking DNS (%s)" % target[:20])


def run(t):
    m = t.manifest()
    forward(t, m)
    srv(t, m)
    bad(t)
    silent(t)
    ptr(t, m)


if __name__ == "__main__":
    sys.exit(T.main(run))
