#!/usr/bin/env python3
"""probe http against real servers in the Samba lab's namespace: Apache with mod_auth_gssapi and a
keytab for HTTP/web01.lab.test (registered on a new account by this test), names without an SPN, an
IP URL, a CNAME, a stale keytab, no ticket cache, Basic only, a redirect, hostile servers and a
silent address. Cross-checks with curl --negotiate and kvno in the namespace. Needs root.
"""
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "directory"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labtest import LabTest  # noqa: E402
import http_fixture  # noqa: E402

PORT = 18080
HOSTILE_PORT = 18090
WEB_USER, WEB_PASS = "svc_httpprobe", "Probe-Web-Pw-1!"
RSS_LIMIT_KB = 200 * 1024


def ids(out):
    return [f["id"] for f in out.get("findings", [])]


def finding(out, fid):
    for f in out.get("findings", []):
        if f["id"] == fid:
            return f
    return None


def run(t):
    ns = t.ns
    ip = t.manifest()["dc"]["ip"]
    conf = t.state + "/etc/smb.conf"
    t.kinit_admin()
    for cmd in (["samba-tool", "user", "create", WEB_USER, WEB_PASS, "-s", conf],
                ["samba-tool", "spn", "add", "HTTP/web01.lab.test", WEB_USER, "-s", conf]):
        p = t.exec(*cmd)
        t.check(p.returncode == 0, " ".join(cmd[:4]) + (": " + p.stderr.strip() if p.returncode else ""))
    keytab = t.state + "/http-web01.keytab"
    p = t.exec("samba-tool", "domain", "exportkeytab", keytab, "--principal=HTTP/web01.lab.test", "-s", conf)
    t.check(p.returncode == 0 and os.path.exists(keytab), "keytab exported for HTTP/web01.lab.test")
    apache = http_fixture.Apache(ns, ip, PORT, keytab)
    hostile = []
    try:
        t.check(apache.start(), "Apache with mod_auth_gssapi listens on %s:%d in %s" % (ip, PORT, ns))
        cases(t, ip, apache, hostile)
    finally:
        for h in hostile:
            h.stop()
        if t.failures:
            print("--- apache error.log (tail) ---\n" + apache.error_log()[-3000:])
        apache.stop()


def probe(t, url, *opts, timeout=5):
    code, out, err, secs = t.cli("probe", "http", url, "--timeout", str(timeout), "--json", *opts,
                                 timeout=timeout + 30)
    try:
        data = json.loads(out)
    except ValueError:
        print("not JSON (exit %d): %s %s" % (code, out[:500], err[:500]))
        data = {}
    print("  %-58s %-16s exit %d  %.2f s  %s" % (url, " ".join(opts), code, secs, ",".join(ids(data))))
    left = [f["id"] for f in data.get("findings", [])
            if re.search(r"\{[a-z_]+\}", f["title"] + f.get("explanation", "") + ((f.get("fix") or {}).get("text") or ""))]
    t.check(not left, "%s: every placeholder filled %s" % (url, left))
    return code, data, secs


def probe_data(out):
    return out["probes"][0]["data"] if out.get("probes") else {}


def curl_status(t, url, negotiate=True):
    args = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5"]
    if negotiate:
        args += ["--negotiate", "-u", ":"]
    return t.exec(*(args + [url])).stdout.strip()


def cases(t, ip, apache, hostile):
    base = "http://web01.lab.test:%d" % PORT
    secure = base + "/secure/index.html"

    # The working name: Negotiate offered, Kerberos used, 200, mutual token verified.
    code, out, _ = probe(t, secure)
    d = probe_data(out)
    t.check(code == 0, "working name: exit 0")
    t.check("http.negotiate-offered" in ids(out) and "http.kerberos-ok" in ids(out), "working name: Negotiate offered, Kerberos ok")
    t.check(d.get("schemes") == ["Negotiate"] and d.get("first_status") == 401, "working name: schemes [Negotiate], first 401")
    t.check(d.get("mechanism") == "kerberos" and d.get("auth_status") == 200, "working name: mechanism kerberos, 200")
    t.check(d.get("mutual") == "verified" and "http.mutual-verified" in ids(out), "working name: mutual token verified")
    t.check(d.get("spn") == "HTTP/web01.lab.test" and d.get("token_kind") == "spnego-init-kerberos"
            and d.get("token_bytes", 0) > 500, "working name: SPNEGO/Kerberos token for HTTP/web01.lab.test (%s bytes)" % d.get("token_bytes"))
    t.check(curl_status(t, secure) == "200", "cross-check: curl --negotiate gets 200")
    t.check(curl_status(t, secure, negotiate=False) == "401", "cross-check: curl without Negotiate gets 401")

    # The name without an SPN: KDC_ERR_S_PRINCIPAL_UNKNOWN, fix spn-add.
    url = "http://intranet.lab.test:%d/secure/index.html" % PORT
    code, out, _ = probe(t, url)
    f = finding(out, "http.spn-unknown")
    t.check(code == 1 and f is not None and f["severity"] == "error", "unregistered name: http.spn-unknown error, exit 1")
    t.check(f is not None and f["fix"] and f["fix"]["kind"] == "spn" and f["fix"]["id"] == "spn-add"
            and f["fix"]["inputs"] == {"spn": "HTTP/intranet.lab.test"}, "unregistered name: fix spn-add {spn: HTTP/intranet.lab.test}")
    t.check(f is not None and any("Server not found in Kerberos database" in e["value"] for e in f["evidence"])
            and any(e["value"] == "7" for e in f["evidence"]), "unregistered name: evidence has the KDC error (code 7)")
    t.check(probe_data(out).get("mechanism") == "ntlm" and "http.ntlm-fallback" in ids(out), "unregistered name: would fall back to NTLM")
    kvno = t.exec("kvno", "HTTP/intranet.lab.test")
    t.check(kvno.returncode != 0 and "Server not found" in kvno.stderr, "cross-check: kvno HTTP/intranet.lab.test fails the same way")

    # An IP URL: clients use NTLM.
    code, out, _ = probe(t, "http://%s:%d/secure/index.html" % (ip, PORT))
    t.check("http.ip-address" in ids(out) and probe_data(out).get("mechanism") == "ntlm", "IP URL: http.ip-address, mechanism ntlm")
    t.check(finding(out, "http.ip-address")["severity"] == "warning" if finding(out, "http.ip-address") else False, "IP URL: warning")

    # The CNAME app.lab.test -> web01.lab.test.
    app = "http://app.lab.test:%d/secure/index.html" % PORT
    code, out, _ = probe(t, app, "--client", "chrome")
    d = probe_data(out)
    t.check(d.get("spn") == "HTTP/web01.lab.test" and "http.cname" in ids(out) and "http.kerberos-ok" in ids(out),
            "CNAME, chrome: follows the CNAME, asks for HTTP/web01.lab.test, Kerberos ok")
    t.check(any(s["kind"] == "cname" for s in d.get("spn_steps", [])), "CNAME, chrome: the CNAME hop is a prediction step")
    # core's ClientProfile: Firefox on Windows (SSPI) canonicalizes like IE (nsAuthSSPI MakeSN).
    code, out, _ = probe(t, app, "--client", "firefox")
    t.check(probe_data(out).get("spn") == "HTTP/web01.lab.test" and "http.kerberos-ok" in ids(out),
            "CNAME, firefox (SSPI rule): HTTP/web01.lab.test, Kerberos ok")
    # A client that uses the name as typed asks for HTTP/app.lab.test, which svc_sql holds.
    code, out, _ = probe(t, app, "--client", "winrm")
    d = probe_data(out)
    t.check(d.get("spn") == "HTTP/app.lab.test" and "http.cname-as-typed" in ids(out), "CNAME, winrm: HTTP/app.lab.test, the CNAME explained")
    f = finding(out, "http.rejected")
    t.check(f is not None and d.get("auth_status") == 401 and "KRB_AP_ERR_MODIFIED" in f["explanation"]
            and "HTTP/app.lab.test" in f["title"], "CNAME, winrm: ticket for svc_sql's SPN rejected (401 after token)")
    t.check(curl_status(t, app) == "401", "cross-check: curl --negotiate (name as typed) gets 401 for app.lab.test")

    # Only Basic, a redirect.
    code, out, _ = probe(t, base + "/basic/index.html")
    d = probe_data(out)
    t.check("http.negotiate-not-offered" in ids(out) and d.get("schemes") == ["Basic"] and d.get("mechanism") == "none",
            "Basic only: http.negotiate-not-offered, schemes [Basic]")
    code, out, _ = probe(t, base + "/moved")
    d = probe_data(out)
    t.check("http.redirect" in ids(out) and (d.get("redirect") or {}).get("location", "").endswith("/secure/index.html"),
            "redirect: reported with its location, not followed")

    # No ticket cache.
    os.environ["SSOD_LAB_CCNAME"] = "FILE:" + t.state + "/no-such-cache"
    try:
        code, out, _ = probe(t, secure)
    finally:
        del os.environ["SSOD_LAB_CCNAME"]
    f = finding(out, "http.no-credentials")
    t.check(f is not None and f["severity"] == "warning" and code == 0, "no ticket cache: http.no-credentials warning, exit 0")

    # Hostile servers: clear finding within the timeout, bounded memory.
    for n, (mode, expect) in enumerate([("garbage", {"http.bad-response"}), ("endless", {"http.no-auth-required"}),
                                        ("silent", {"probe.no-answer"}),
                                        ("hugeheader", {"http.bad-response", "probe.no-answer"})]):
        h = http_fixture.Hostile(t.ns, ip, HOSTILE_PORT + n, mode)
        hostile.append(h)
        t.check(h.start(), "hostile %s server up" % mode)
        start = time.monotonic()
        p = t.exec("/usr/bin/time", "-f", "MAXRSS %M", os.environ.get("SSOD_CLI", "ssodoctor-cli"), "probe", "http",
                   "http://web01.lab.test:%d/" % (HOSTILE_PORT + n), "--timeout", "3", "--json", timeout=40)
        secs = time.monotonic() - start
        rss = [int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("MAXRSS ")]
        try:
            out = json.loads(p.stdout)
        except ValueError:
            out = {}
        own_ms = out["probes"][0]["ms"] if out.get("probes") else -1
        print("  hostile %-10s %.2f s (probe %d ms)  max RSS %s KiB  %s" % (mode, secs, own_ms, rss[0] if rss else "?",
                                                                      ",".join(ids(out))))
        t.check(0 <= own_ms <= 3000, "hostile %s: the probe's own time is within the 3 s timeout (%d ms)" % (mode, own_ms))
        t.check(bool(expect & set(ids(out))), "hostile %s: finding %s" % (mode, "/".join(sorted(expect))))
        t.check(secs < 3.5 + 0.5, "hostile %s: ends within the 3 s timeout + margin (%.2f s incl. namespace start)" % (mode, secs))
        t.check(bool(rss) and rss[0] < RSS_LIMIT_KB, "hostile %s: bounded memory (%s KiB)" % (mode, rss[0] if rss else "?"))
        h.stop()

    # A silent address.
    if t.silent_address():
        code, out, secs = probe(t, "http://%s/" % t.SILENT, timeout=2)
        # The CLI's own wall time, start-up included (slower under ASan on a loaded machine).
        t.check(secs < 3.0, "silent address: ends within --timeout + 1 s (%.2f s)" % secs)
        t.check("probe.no-answer" in ids(out) and out["probes"][0]["outcome"] == "timeout", "silent address: probe.no-answer, outcome timeout")

    # A stale keytab: the account's password changes after Apache got its keytab (run last).
    p = t.exec("samba-tool", "user", "setpassword", WEB_USER, "--newpassword=Probe-Web-Pw-2!", "-s", t.state + "/etc/smb.conf")
    t.check(p.returncode == 0, "password of %s reset (keytab now stale)" % WEB_USER)
    t.kinit_admin()  # a fresh cache: no service ticket from before the reset
    code, out, _ = probe(t, secure)
    f = finding(out, "http.rejected")
    t.check(code == 1 and f is not None and "HTTP/web01.lab.test" in f["title"] and probe_data(out).get("auth_status") == 401,
            "stale keytab: 401 after the token, http.rejected names HTTP/web01.lab.test")
    t.check(f is not None and f["fix"] and f["fix"]["inputs"].get("spn") == "HTTP/web01.lab.test", "stale keytab: fix carries the SPN")
    t.check(curl_status(t, secure) == "401", "cross-check: curl --negotiate gets 401 with the stale keytab")


if __name__ == "__main__":
    t = LabTest("ssodhttp")
    rc = t.main(run)
    if t.timings:
        print("CLI runs: %d, slowest %.2f s" % (len(t.timings), max(t.timings)))
    sys.exit(rc)
