#!/usr/bin/env python3
"""`diagnose` end to end on the lab: every scenario against the lab's real servers (the Samba AD DC,
Apache with mod_auth_gssapi on sso/nosso/ssoalias, the TLS endpoints, the RDP hosts) in the test's
own isolated lab namespace, with the admin's ticket. Asserts the JSON contract, the findings each
scenario must show there and the fix each proposes, that a silently dropping target ends at its
timeout, the text output, and the exit codes (0 no error, 1 an error, 2 bad usage). Needs root.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "directory"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labtest import LabTest  # noqa: E402

DC = "10.77.0.2"
TIMEOUT = 4


def diagnose(t, scenario, *targets, extra=(), timeout=60):
    args = ["diagnose", "--scenario", scenario, "--dc", DC, "--timeout", str(TIMEOUT), "--json"]
    for x in targets:
        args += ["--target", x]
    code, out, err, secs = t.cli(*(args + list(extra)), timeout=timeout)
    try:
        doc = json.loads(out)
    except ValueError:
        print("not JSON (exit %d):\n%s\n%s" % (code, out[:2000], err[-2000:]))
        doc = {"findings": [], "probes": []}
    print("  %s %s: exit %d, %.2f s, %d checks, %d findings" % (scenario, " ".join(targets), code, secs,
                                                           len(doc["probes"]), len(doc["findings"])))
    for f in doc["findings"]:
        print("     %-7s %-32s %s" % (f["severity"], f["id"], f["title"][:110]))
    return code, doc, secs


def find(doc, fid, subject_has=None):
    for f in doc["findings"]:
        if f["id"] == fid and (subject_has is None or subject_has in f.get("subject", "") or subject_has in f["title"]):
            return f
    return None


def probes_of(doc, kind):
    return [p for p in doc["probes"] if p["id"] == kind]


def check_contract(t, doc, label):
    ok = isinstance(doc.get("ms"), int) and isinstance(doc.get("findings"), list) and isinstance(doc.get("probes"), list)
    for f in doc.get("findings", []):
        ok = ok and all(k in f for k in ("id", "severity", "title", "evidence", "fix"))
        ok = ok and f["severity"] in ("ok", "info", "warning", "error")
        ok = ok and (f["fix"] is None or ("kind" in f["fix"] and "id" in f["fix"]))
    for p in doc.get("probes", []):
        ok = ok and all(k in p for k in ("id", "target", "ms", "outcome"))
    t.check(ok, "%s: JSON has findings[{id,severity,title,evidence,fix}], probes[{id,target,ms,outcome}] and ms" % label)


def run(t):
    t.kinit_admin()
    ca = os.path.join(t.state, "services", "ca.pem")

    # Web SSO: the working name over http and https, the name without an SPN, the CNAME.
    code, doc, _ = diagnose(t, "web", "http://sso.lab.test/secure", "https://sso.lab.test/secure",
                            "http://nosso.lab.test/secure", "http://ssoalias.lab.test/secure", extra=["--ca-file", ca])
    check_contract(t, doc, "web")
    t.check(code == 1, "web: exit 1 (nosso has an error)")
    t.check(len(probes_of(doc, "http")) == 4 and len(probes_of(doc, "tls")) == 1,
            "web: an http check per URL, TLS only for the https one")
    t.check(find(doc, "http.kerberos-ok", "sso.lab.test") is not None, "web: sso.lab.test logs on with Kerberos")
    f = find(doc, "spn.held", "HTTP/sso.lab.test")
    t.check(f is not None and "sso_http" in f["title"], "web: HTTP/sso.lab.test held by exactly one account, sso_http")
    f = find(doc, "spn.not-held", "HTTP/nosso.lab.test")
    t.check(f is not None and f["severity"] == "error" and f["fix"] and f["fix"]["kind"] == "spn"
            and f["fix"]["id"] == "spn-add" and f["fix"]["inputs"].get("spn") == "HTTP/nosso.lab.test",
            "web: nosso.lab.test: SPN not held, fix spn-add {spn: HTTP/nosso.lab.test}")
    f = find(doc, "kerberos.err.s-principal-unknown", "nosso")
    t.check(f is not None and f["severity"] == "error", "web: nosso.lab.test: the KDC says S_PRINCIPAL_UNKNOWN")
    t.check(find(doc, "dns.cname", "ssoalias") is not None or find(doc, "dns.cname-info", "ssoalias") is not None,
            "web: ssoalias.lab.test is reported as a CNAME")
    t.check(find(doc, "tls.trusted", "sso.lab.test") is not None,
            "web: the --ca-file reaches the TLS check (the lab CA's certificate is trusted)")
    t.check(all(p["outcome"] in ("completed", "timeout") and p["ms"] <= TIMEOUT * 1000 + 300 for p in doc["probes"]),
            "web: every check completed within its %d s" % TIMEOUT)

    # PowerShell remoting on the Apache /wsman endpoint (5985; nothing on 5986).
    code, doc, _ = diagnose(t, "winrm", "sso.lab.test")
    check_contract(t, doc, "winrm")
    http = probes_of(doc, "http")
    t.check(len(http) == 1 and http[0]["target"] == "http://sso.lab.test:5985/wsman", "winrm: probes /wsman on 5985")
    t.check(find(doc, "http.kerberos-ok") is not None, "winrm: WinRM HTTP logs on with Kerberos (HTTP/sso.lab.test)")
    t.check(find(doc, "ports.refused") is not None or find(doc, "ports.failed") is not None,
            "winrm: 5986 (HTTPS listener) is reported closed")
    t.check(find(doc, "tls.connect-failed") is not None, "winrm: no HTTPS listener certificate to check on 5986")

    # A load-balanced farm: the shared account sso_http must hold the VIP's and the nodes' SPNs.
    code, doc, _ = diagnose(t, "web-farm", "http://sso.lab.test/secure", "http://nosso.lab.test/secure",
                            extra=["--account", "sso_http"])
    check_contract(t, doc, "web-farm")
    t.check(find(doc, "spn.held", "HTTP/sso.lab.test") is not None, "web-farm: the shared account holds HTTP/sso.lab.test")
    f = find(doc, "spn.not-held", "HTTP/nosso.lab.test")
    t.check(f is not None and f["fix"] and f["fix"]["inputs"] == {"spn": "HTTP/nosso.lab.test", "account": "sso_http"},
            "web-farm: HTTP/nosso.lab.test missing, fix carries the shared account")
    t.check(any(find(doc, i) for i in ("spn.delegation-none", "spn.delegation-constrained",
                                       "spn.delegation-unconstrained", "spn.delegation-target-missing")),
            "web-farm: the shared account's delegation is reported")
    code, doc, _ = diagnose(t, "web-farm", "http://sso.lab.test/secure", extra=["--account", "Administrator"])
    f = find(doc, "spn.wrong-account")
    if f is None:
        print(json.dumps([p for p in doc["probes"] if p["id"] == "spn"], indent=1)[:3000])
    t.check(f is not None and "sso_http" in f["title"] and f["severity"] == "error",
            "web-farm: the SPN on another account than --account is an error naming the holder")

    # A Remote Desktop farm: NLA required; the lab's RDP hosts hold no TERMSRV SPN.
    code, doc, _ = diagnose(t, "rds-farm", "rdp-nla.lab.test", "rdp-tls.lab.test", extra=["--ca-file", ca])
    check_contract(t, doc, "rds-farm")
    t.check(find(doc, "rdp.nla-required", "rdp-nla") is not None, "rds-farm: rdp-nla requires NLA")
    f = find(doc, "rdp.nla-not-required", "rdp-tls") or find(doc, "rdp.nla-off", "rdp-tls")
    t.check(f is not None and f["severity"] in ("warning", "error"), "rds-farm: rdp-tls does not require NLA: flagged")
    f = find(doc, "spn.not-held", "TERMSRV/rdp-nla.lab.test")
    t.check(f is not None and f["fix"]["inputs"].get("spn") == "TERMSRV/rdp-nla.lab.test",
            "rds-farm: TERMSRV/rdp-nla.lab.test not registered, fix spn-add")
    t.check(len(probes_of(doc, "dns")) == 3, "rds-farm: DNS per host plus the domain's SRV records")
    t.check(code == 1, "rds-farm: exit 1")

    # A session-connector host: NLA must be off.
    code, doc, _ = diagnose(t, "session-connector", "rdp-tls.lab.test", "rdp-nla.lab.test", extra=["--ca-file", ca])
    check_contract(t, doc, "session-connector")
    t.check(find(doc, "rdp.nla-off", "rdp-tls") is not None or find(doc, "rdp.nla-optional", "rdp-tls") is not None,
            "session-connector: rdp-tls without NLA is what the connector needs")
    f = find(doc, "rdp.nla-required-connector", "rdp-nla")
    t.check(f is not None and f["severity"] == "error" and f["fix"] is not None,
            "session-connector: NLA required on rdp-nla is an error with a fix (%s)" % (f or {}).get("fix"))

    # A silently dropping target ends at its timeout, with everything else reported.
    if t.silent_address():
        code, doc, secs = diagnose(t, "web", "http://sso.lab.test/secure", "http://%s/" % t.SILENT)
        silent = [p for p in doc["probes"] if t.SILENT in p["target"]]
        t.check(silent and any(p["outcome"] == "timeout" for p in silent), "silent target: its checks time out")
        t.check(all(p["ms"] <= TIMEOUT * 1000 + 300 for p in doc["probes"]), "silent target: no check past its timeout")
        t.check(doc.get("ms", 10 ** 9) <= TIMEOUT * 1000 + 800 and secs < TIMEOUT + 3,
                "silent target: the whole run ends by the deadline (%s ms, %.2f s with lab exec)" % (doc.get("ms"), secs))
        t.check(find(doc, "http.kerberos-ok", "sso.lab.test") is not None, "silent target: the other target still answered")

    # The client's settings (a .reg export as regedit writes it): browser policy and delegation.
    reg = os.path.join(t.state, "client-settings.reg")
    text = ("Windows Registry Editor Version 5.00\r\n\r\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge]\r\n"
            "\"AuthServerAllowlist\"=\"sso.lab.test\"\r\n\r\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation]\r\n"
            "\"AllowDefaultCredentials\"=dword:00000001\r\n\r\n"
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowDefaultCredentials]\r\n"
            "\"1\"=\"TERMSRV/rdp-nla.lab.test\"\r\n\r\n")
    with open(reg, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    code, doc, _ = diagnose(t, "web", "http://sso.lab.test/secure", "http://nosso.lab.test/secure", extra=["--policy", reg])
    t.check(find(doc, "policy.browser-negotiate", "sso.lab.test") is not None
            and find(doc, "policy.browser-negotiate", "nosso") is None,
            "web --policy: Edge's AuthServerAllowlist lets Kerberos go to sso.lab.test")
    f = find(doc, "policy.browser-no-negotiate", "nosso")
    t.check(f is not None and f["fix"] and f["fix"]["id"] == "browser-sso",
            "web --policy: nosso.lab.test is not allowed, fix: the browser single sign-on wizard")
    code, doc, _ = diagnose(t, "rds-farm", "rdp-nla.lab.test", "rdp-tls.lab.test", extra=["--policy", reg])
    t.check(find(doc, "policy.delegation-allowed", "TERMSRV/rdp-nla.lab.test") is not None,
            "rds-farm --policy: the user's credentials go to TERMSRV/rdp-nla.lab.test")
    f = find(doc, "policy.delegation-denied", "TERMSRV/rdp-tls.lab.test")
    t.check(f is not None and f["fix"] and f["fix"]["id"] == "farm-sso",
            "rds-farm --policy: not to TERMSRV/rdp-tls.lab.test, fix: the farm single sign-on wizard")
    code, out, err, _ = t.cli("diagnose", "--scenario", "winrm", "--target", "sso.lab.test", "--dc", DC)
    t.check("left out: policy" in out, "winrm without --policy: the TrustedHosts check is left out and says so")

    # The spn probe on its own, against the lab manifest's seeded facts.
    for dup in t.manifest()["duplicate_spns"]:
        code, out, err, _ = t.cli("probe", "spn", dup["spn"], "--dc", "dc1.lab.test", "--timeout", "5", "--json")
        doc = json.loads(out) if out.strip().startswith("{") else {"findings": []}
        f = find(doc, "spn.duplicate")
        t.check(code == 1 and f is not None and all(h in f["title"] for h in dup["holders"])
                and f["fix"] and f["fix"]["id"] == "spn-duplicates",
                "probe spn %s: duplicate held by %s, fix spn-duplicates" % (dup["spn"], dup["holders"]))
    code, out, err, _ = t.cli("probe", "spn", "http://sso.lab.test/", "--domain", "lab.test", "--json")
    doc = json.loads(out) if out.strip().startswith("{") else {"findings": [], "probes": [{}]}
    t.check(code == 0 and find(doc, "spn.held") is not None and doc["probes"][0].get("data", {}).get("holders")
            == ["sso_http"], "probe spn URL --domain: DCs from DNS SRV, HTTP/sso.lab.test held by sso_http")
    # A DC given by address: the domain comes from the SPN's name; with a short name there is none.
    code, out, err, _ = t.cli("probe", "spn", "HTTP/sso.lab.test", "--dc", DC, "--json")
    doc = json.loads(out) if out.strip().startswith("{") else {"findings": []}
    t.check(find(doc, "spn.held") is not None, "probe spn --dc ADDRESS: the DCs of lab.test (from the SPN) are asked")
    code, out, err, _ = t.cli("probe", "spn", "HTTP/sso", "--dc", DC, "--json")
    doc = json.loads(out) if out.strip().startswith("{") else {"findings": []}
    f = find(doc, "spn.directory-unavailable")
    t.check(f is not None and "host name" in f["explanation"] + f["title"] + json.dumps(f["evidence"]),
            "probe spn short name --dc ADDRESS: says a Kerberos bind needs the DC's host name (%s)" % (f or {}).get("title"))

    # Text output and usage errors.
    code, out, err, _ = t.cli("diagnose", "--scenario", "web", "--target", "http://sso.lab.test/secure", "--dc", DC,
                              "--timeout", str(TIMEOUT))
    t.check(code == 0 and "Web single sign-on" in out and "done in" in out and "sso.lab.test" in out,
            "text output: scenario title, findings and the total time (exit %d)" % code)
    code, out, err, _ = t.cli("diagnose", "--scenario", "moon", "--target", "x")
    t.check(code == 2 and "moon" in err, "unknown scenario: exit 2 naming it")
    code, out, err, _ = t.cli("diagnose", "--scenario", "web")
    t.check(code == 2 and "usage" in err, "no --target: exit 2 with usage")


if __name__ == "__main__":
    sys.exit(LabTest("ssod-dg", services=True).main(run))
