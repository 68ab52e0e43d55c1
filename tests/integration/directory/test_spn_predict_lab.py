#!/usr/bin/env python3
"""spn predict against a real Samba AD DC and its DNS (scripts/lab.sh, own isolated namespace).

The CLI runs inside the lab namespace, whose resolver is the DC, so CNAMEs are followed through the
lab's own DNS (never the host's). Every expectation is derived from the lab's manifest (lab.json: its
DNS records, accounts, SPNs, duplicates, the CNAME whose SPN is on the wrong account) and from the
lab's krb5.conf for curl, never from the tool's output. Also: bad input exits 2 before connecting.

Needs root (namespaces, provisioning) and the lab packages; otherwise it is skipped (exit 77).
"""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from labtest import CLI, LabTest  # noqa: E402

T = LabTest("ssod-p")
check = T.check
# The classes a computer's HOST/ SPN stands in for (default sPNMappings, FACTS.md §6.1).
HOST_ALIASES = set((
    "alerter,appmgmt,cisvc,clipsrv,browser,dhcp,dnscache,replicator,eventlog,eventsystem,policyagent,oakley,"
    "dmserver,dns,mcsvc,fax,msiserver,ias,messenger,netlogon,netman,netdde,netddedsm,nmagent,plugplay,"
    "protectedstorage,rasman,rpclocator,rpc,rpcss,remoteaccess,rsvp,samss,scardsvr,scesrv,seclogon,scm,dcom,"
    "cifs,spooler,snmp,schedule,tapisrv,trksvr,trkwks,ups,time,wins,www,http,w3svc,iisadmin,msdtc").split(","))


def cli(state, *args):
    rc, out, err, _ = T.cli(*args)
    return rc, out, err


class Manifest:
    """The lab's truth: who holds an SPN, where a name points, how curl's krb5 canonicalizes."""

    def __init__(self, m, krb5_conf):
        self.m = m
        self.holders = {}
        for a in m["accounts"]:
            for spn in a["spns"]:
                self.holders.setdefault(spn.lower(), set()).add(a["sAMAccountName"])
        self.cnames = {k.lower(): v.lower() for k, v in m["dns"]["cname"].items()}
        lib, section = {}, None
        for line in open(krb5_conf):
            line = line.split("#", 1)[0].strip()
            if line.startswith("["):
                section = line.strip("[]")
            elif section == "libdefaults" and "=" in line:
                key, value = (x.strip() for x in line.split("=", 1))
                lib[key] = value.lower()
        self.canonicalize = lib.get("dns_canonicalize_hostname", "true")
        self.rdns = lib.get("rdns", "true") in ("true", "yes", "1", "on", "t", "y")

    def canonical(self, host):
        seen = [host]
        while host in self.cnames:
            host = self.cnames[host]
            seen.append(host)
        return host

    def who(self, spn):
        """(holders, via_host_alias) as the KDC finds them, restricted to the manifest's accounts."""
        exact = self.holders.get(spn.lower(), set())
        if exact:
            return sorted(exact, key=str.lower), False
        cls, rest = spn.split("/", 1)
        if cls.lower() in HOST_ALIASES:
            alias = self.holders.get(("HOST/" + rest).lower(), set())
            if alias:
                return sorted(alias, key=str.lower), True
        return [], False


def low(names):
    return [n.lower() for n in names]


def predict(state, dc, target, *extra):
    rc, out, err = cli(state, "spn", "predict", target, *dc, "--json", *extra)
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, {}, err


def run(t):
    state = t.state
    manifest = t.manifest()
    truth = Manifest(manifest, manifest["krb5_conf"])
    t.kinit_admin()
    # A Kerberos (GSSAPI) bind needs the DC's name: ldap/<IP> is no SPN of the DC.
    dc = ["--dc", manifest["dc"]["hostname"]]

    # The CNAME whose SPN is on the wrong account: Edge and IE follow it to the canonical name.
    mismatch = manifest["cname_spn_mismatch"][0]
    alias, target_host = mismatch["alias"], truth.canonical(mismatch["alias"])
    check(target_host == mismatch["target"], "the manifest's CNAME %s -> %s is in its dns records" % (alias, target_host))
    want_spn = "HTTP/" + target_host
    want_holders, want_via = truth.who(want_spn)
    alias_holders, _ = truth.who("HTTP/" + alias)
    for client in ("edge", "ie"):
        rc, p, err = predict(state, dc, "http://%s/" % alias, "--client", client)
        kinds = [s["kind"] for s in p.get("steps", [])]
        check(p.get("spn", "").lower() == want_spn.lower() and "cname" in kinds
              and [h.lower() for h in p.get("holders", [])] == [h.lower() for h in want_holders]
              and p.get("via_host_alias") == want_via and want_via,
              "%s http://%s/ -> %s, CNAME step, holder %s via HOST alias (%s)" % (
                  client, alias, want_spn, want_holders, err.strip()[-200:]))
        check(rc == 1 and p.get("verdict_code") == "alias_spn_elsewhere"
              and [h.lower() for h in p.get("alias_spn_holders", [])] == [h.lower() for h in alias_holders],
              "%s: HTTP/%s is on %s, not on the account reached: alias_spn_elsewhere, exit 1 (got %s, %s)" % (
                  client, alias, alias_holders, rc, p.get("verdict_code")))
    rc, p, _ = predict(state, dc, "http://%s/" % alias, "--service-account", mismatch["alias_spn_holder"])
    check(rc == 1 and p.get("verdict_code") == "service_account_mismatch" and p.get("service_account_holds") is False,
          "--service-account %s: mismatch (KRB_AP_ERR_MODIFIED), exit 1" % mismatch["alias_spn_holder"])
    check("KRB_AP_ERR_MODIFIED" in p.get("verdict", ""), "the mismatch verdict names KRB_AP_ERR_MODIFIED")
    rc, p, _ = predict(state, dc, "http://%s/" % alias, "--service-account", want_holders[0])
    check(rc == 0 and p.get("verdict_code") == "ok" and p.get("service_account_holds") is True,
          "--service-account %s (the holder): ok, exit 0" % want_holders[0])

    # curl: MIT krb5 as the lab's krb5.conf says (dns_canonicalize_hostname, rdns; the lab has no PTR zone).
    curl_host = alias if truth.canonicalize == "false" else target_host
    curl_spn = "HTTP/" + curl_host
    curl_holders, _ = truth.who(curl_spn)
    rc, p, _ = predict(state, dc, "http://%s/" % alias, "--client", "curl")
    check(p.get("spn", "").lower() == curl_spn.lower()
          and sorted(h.lower() for h in p.get("holders", [])) == sorted(h.lower() for h in curl_holders)
          and rc == (0 if len(curl_holders) == 1 else 1)
          and any("dns_canonicalize_hostname = %s" % truth.canonicalize in s["text"] for s in p.get("steps", [])),
          "curl (dns_canonicalize_hostname = %s, rdns = %s) -> %s held by %s" % (
              truth.canonicalize, truth.rdns, curl_spn, curl_holders))

    # Remote Desktop: TERMSRV/<name as typed>; HOST/ does not stand in for TERMSRV.
    rdsh = next(a for a in manifest["accounts"] if a["sAMAccountName"].upper() == "RDSH01$")["dNSHostName"]
    termsrv = "TERMSRV/" + rdsh
    termsrv_holders, _ = truth.who(termsrv)
    rc, p, _ = predict(state, dc, rdsh, "--client", "mstsc")
    check(p.get("spn", "").lower() == termsrv.lower() and low(p.get("holders", ["?"])) == low(termsrv_holders)
          and p.get("via_host_alias") is False
          and (p.get("verdict_code") == "not_held") == (not termsrv_holders) and rc == (1 if not termsrv_holders else 0),
          "mstsc %s -> %s, holders %s (the lab registered %s)" % (rdsh, termsrv, termsrv_holders,
                                                                   termsrv_holders or "no TERMSRV/"))
    check(any(s["kind"] == "host_alias" and "TERMSRV" in s["text"] for s in p.get("steps", [])),
          "mstsc: a step says HOST/ does not stand in for TERMSRV")
    rc, p, _ = predict(state, dc, "rdp://%s:3390" % rdsh)
    check(p.get("client") == "mstsc" and p.get("spn", "").lower() == termsrv.lower(),
          "rdp://%s:3390 picks mstsc by itself; the port stays out of the SPN" % rdsh)

    # Duplicates: exact, and through the HOST alias.
    for d in manifest["duplicate_spns"]:
        cls, host = d["spn"].split("/", 1)
        rc, p, _ = predict(state, dc, "http://%s/" % host)
        want = sorted(h.lower() for h in d["holders"])
        check(rc == 1 and p.get("verdict_code") == "duplicate"
              and sorted(h.lower() for h in p.get("holders", [])) == want
              and p.get("via_host_alias") == (cls.upper() == "HOST"),
              "http://%s/ -> duplicate %s held by %s%s (exit 1)" % (
                  host, d["spn"], want, " through the HOST alias" if cls.upper() == "HOST" else ""))

    # A missing SPN: nobody holds it (nor HOST/ on that name).
    for miss in manifest["missing_spns"]:
        rc, p, _ = predict(state, dc, "http://%s/" % miss["dns_name"])
        check(rc == 1 and p.get("spn", "").lower() == miss["spn"].lower() and p.get("holders") == []
              and p.get("verdict_code") == "not_held" and miss["expected_kdc_error"] in p.get("verdict", ""),
              "http://%s/ -> %s not held (%s), exit 1" % (miss["dns_name"], miss["spn"], miss["expected_kdc_error"]))

    # An IP address: NTLM, no SPN.
    rc, p, _ = predict(state, dc, "http://%s/" % manifest["dc"]["ip"])
    check(rc == 1 and p.get("kerberos") is False and p.get("spn", "x") is None and p.get("verdict_code") == "no_kerberos",
          "http://%s/ -> no Kerberos (NTLM), spn null, exit 1" % manifest["dc"]["ip"])

    # WinRM: the name as typed; -IncludePortInSPN adds the port, which the HOST alias does not cover.
    web01 = next(a for a in manifest["accounts"] if a["sAMAccountName"].upper() == "WEB01$")["dNSHostName"]
    winrm_holders, winrm_via = truth.who("HTTP/" + web01)
    rc, p, _ = predict(state, dc, web01, "--client", "winrm")
    check(rc == (0 if len(winrm_holders) == 1 else 1) and p.get("spn", "").lower() == ("HTTP/" + web01).lower()
          and low(p.get("holders", ["?"])) == low(winrm_holders) and p.get("via_host_alias") == winrm_via,
          "winrm %s -> HTTP/%s held by %s" % (web01, web01, winrm_holders))
    port_spn = "HTTP/%s:5985" % web01
    port_holders, _ = truth.who(port_spn)
    rc, p, _ = predict(state, dc, web01, "--client", "winrm-port")
    check(p.get("spn", "").lower() == port_spn.lower() and low(p.get("holders", ["?"])) == low(port_holders)
          and rc == (0 if len(port_holders) == 1 else 1),
          "winrm-port %s -> %s held by %s" % (web01, port_spn, port_holders or "nobody"))
    rc, p, _ = predict(state, dc, "https://%s:5986/wsman" % web01, "--client", "winrm-port")
    check(p.get("spn", "").lower() == ("HTTP/%s:5986" % web01).lower(), "winrm-port over HTTPS -> :5986")

    # The text form: numbered steps, the SPN, the holders, the verdict.
    rc, out, _ = cli(state, "spn", "predict", "http://%s/" % alias, *dc)
    check("  1. " in out and ("SPN: " + want_spn) in out and "Holders: " + ", ".join(want_holders) in out
          and "Verdict: " in out, "text output: numbered steps, SPN, holders, verdict")
    # Without CONN: the prediction alone, through the lab's DNS.
    rc, p, _ = predict(state, [], "http://%s/" % alias)
    check(rc == 0 and p.get("spn", "").lower() == want_spn.lower() and p.get("directory_checked") is False,
          "without --dc: predicts %s, exit 0, directory not checked" % want_spn)

    # A DNS server that cannot be reached: exit 2 with a message, not a guess made from silence.
    rc_conf = os.path.join(state, "resolv-unreachable.conf")
    with open(rc_conf, "w") as f:
        f.write("nameserver 127.0.0.2\n")  # loopback of the lab namespace: nothing listens on 53
    p = t.exec("unshare", "-m", "sh", "-c", 'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"', "sh", rc_conf,
               CLI, "spn", "predict", "http://%s/" % alias, "--no-directory", "--timeout", "2")
    check(p.returncode == 2 and "DNS gave no" in p.stderr,
          "unreachable DNS server: exit 2, says so (%s)" % p.stderr.strip()[-160:])

    # Bad input: exit 2 with a message, before any connection (a dead DC address proves it).
    dead = ["--dc", "127.0.0.1:1"]
    for args, says in ((["", "--client", "edge"], "the target is empty"),
                       (["http://"], "has no host"),
                       (["ftp://%s/" % web01], "is not supported"),
                       (["%s:99999" % web01], "not a number from 1 to 65535"),
                       (["web 01"], "contains a blank"),
                       ([web01, "--client", "safari"], "unknown --client"),
                       (["rdp://%s" % rdsh, "--client", "edge"], "--client mstsc"),
                       (["http://%s/" % web01, "--service-account", "no_such_account"], "no account named")):
        rc, out, err = cli(state, "spn", "predict", *args, *(dc if "--service-account" in args else dead))
        check(rc == 2 and says in err, "spn predict %r: exit 2, says %r (%s)" % (args, says, err.strip()[-160:]))

    timings = t.timings
    print("timings: %d runs, max %.2f s, mean %.2f s" % (len(timings), max(timings), sum(timings) / len(timings)))
    check(max(timings) < 15, "every run ends within 15 s")


if __name__ == "__main__":
    sys.exit(T.main(run))
