#!/usr/bin/env python3
"""`check iis` against the lab's real directory (Samba AD DC, GSSAPI with the admin's ticket): the
applicationHost.config of tests/data/iis names the lab's hosts, and each HTTP/ SPN it needs is looked
up: HTTP/sso.lab.test is held by sso_http, the pool's account (ok); HTTP/portal.lab.test is the lab's
seeded duplicate. `check winrm` with the lab's TLS endpoint as the HTTPS listener and the web
account's HTTP/ SPN as the WinRM conflict. Also the exit codes. Needs root.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(HERE, "..", "directory"))
from labtest import LabTest  # noqa: E402

CONFIG = os.path.join(ROOT, "tests", "data", "iis", "applicationHost.config")


def by_subject(doc):
    out = {}
    for f in doc.get("findings", []):
        out.setdefault(f["subject"], []).append(f)
    return out


def run(t):
    t.kinit_admin()
    code, out, err, _ = t.cli("check", "iis", "--config", CONFIG, "--computer", "WEB01", "--dc", "dc1.lab.test", "--json")
    try:
        doc = json.loads(out)
    except ValueError:
        print(out, err)
        doc = {}
    s = by_subject(doc)
    print(json.dumps({k: [f["id"] for f in v] for k, v in s.items()}, indent=1))
    t.check(code == 1, "check iis: exit 1 (errors in the configuration)")
    t.check(doc.get("directory") and "dc1.lab.test" in doc["directory"], "check iis: asked the lab's DC")
    ok = [f for f in s.get("HTTP/sso.lab.test", []) if f["id"] == "iis.spn-ok"]
    t.check(len(ok) == 1 and "sso_http" in ok[0]["title"], "HTTP/sso.lab.test is held by sso_http, the pool's account")
    dup = [f for f in s.get("HTTP/portal.lab.test", []) if f["id"] == "iis.spn-duplicate"]
    t.check(len(dup) == 1 and "svc_portal_old" in dup[0]["title"] and dup[0]["fix"]["id"] == "spn-duplicates",
            "HTTP/portal.lab.test: the seeded duplicate is named, fix spn-duplicates")
    t.check(any(f["id"] == "iis.app-pool-credentials" for f in s.get("Intranet", [])),
            "Intranet: the missing useAppPoolCredentials is an error")
    # Without a directory the SPNs are only said, and a broken file is exit 2 naming its line.
    code, out, err, _ = t.cli("check", "iis", "--config", CONFIG, "--json")
    t.check(code == 1 and '"iis.spn-needed"' in out and '"iis.spn-ok"' not in out, "without CONN: the SPNs are said, not looked up")
    bad = os.path.join(t.state, "broken.config")
    with open(bad, "w") as f:
        f.write("<configuration>\n<system.applicationHost>\n</configuration>\n")
    code, out, err, _ = t.cli("check", "iis", "--config", bad)
    t.check(code == 2 and bad in err and "line 3" in err, "a malformed file: exit 2 naming the file and line (%s)" % err.strip())

    # check winrm: a server's registry (.reg as regedit writes it) with an HTTPS listener; the lab's
    # TLS endpoint tls-ok plays the listener (on 443), its certificate's SHA-1 from the manifest.
    m = t.manifest()
    tls_ok = [x for x in m["services"]["tls"] if x["case"] == "valid"][0]
    ca = m["services"]["ca"]["file"]

    def reg(thumb):
        path = os.path.join(t.state, "winrm-%s.reg" % thumb[:6])
        text = ("Windows Registry Editor Version 5.00\r\n\r\n"
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Listener\\*+HTTPS]\r\n"
                "\"hostname\"=\"%s\"\r\n\"certThumbprint\"=\"%s\"\r\n\r\n"
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WSMAN\\Client]\r\n"
                "\"trusted_hosts\"=\"*\"\r\n\r\n") % (tls_ok["name"], thumb)
        with open(path, "wb") as f:
            f.write(b"\xff\xfe" + text.encode("utf-16-le"))
        return path

    def winrm(path, host, *extra):
        code, out, err, _ = t.cli("check", "winrm", "--against", path, "--host", host, *extra, "--json")
        try:
            return code, json.loads(out)
        except ValueError:
            print(out, err)
            return code, {"findings": []}

    code, doc = winrm(reg(tls_ok["cert"]["sha1"]), tls_ok["name"], "--https-port", "443", "--ca-file", ca)
    ids = [f["id"] for f in doc["findings"]]
    t.check("winrm.listener-match" in ids and doc.get("presented_thumbprint") == tls_ok["cert"]["sha1"],
            "check winrm: the listener's thumbprint is the certificate tls-ok presents (%s)" % ids)
    t.check("winrm.trusted-hosts-all" in ids and "tls.trusted" in ids, "check winrm: TrustedHosts = * warned; the certificate checked")
    code, doc = winrm(reg("00" * 20), tls_ok["name"], "--https-port", "443", "--ca-file", ca)
    t.check(code == 1 and any(f["id"] == "winrm.listener-mismatch" for f in doc["findings"]),
            "check winrm: another thumbprint than presented is an error")
    # WinRM over HTTP to sso.lab.test asks for HTTP/sso.lab.test, which the web account sso_http holds.
    code, doc = winrm(reg("00" * 20), "sso.lab.test", "--https-port", "1", "--dc", "dc1.lab.test")
    f = [x for x in doc["findings"] if x["id"] == "winrm.spn-conflict"]
    t.check(code == 1 and f and "sso_http" in f[0]["title"], "check winrm: HTTP/sso.lab.test held by sso_http is a conflict")

    # check host, rds-session-host: TERMSRV/ of the host (the DC dc1 plays it; AD's sPNMappings do
    # not map TERMSRV to HOST, so a session host registers TERMSRV/ itself: first missing, then
    # registered with samba-tool) and of the farm name (nobody), and an RDP host's certificate.
    rdp = [x for x in m["services"]["rdp"] if x["security"] == "tls"][0]
    sysreg = os.path.join(t.state, "rdsh-system.reg")
    text = ("Windows Registry Editor Version 5.00\r\n\r\n"
            "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp]\r\n"
            "\"UserAuthentication\"=dword:00000001\r\n\"SecurityLayer\"=dword:00000002\r\n\r\n")
    with open(sysreg, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    def host_check():
        code, out, err, _ = t.cli("check", "host", "--role", "rds-session-host", "--system", sysreg, "--computer",
                                  "dc1.lab.test", "--farm", "rds.lab.test", "--dc", "dc1.lab.test", "--cert",
                                  rdp["cert"]["file"], "--ca-file", ca, "--json")
        try:
            doc = json.loads(out)
        except ValueError:
            print(out, err)
            doc = {"findings": []}
        return {(x["id"], x["subject"]) for x in doc["findings"]}

    fs = host_check()
    print(sorted(fs))
    t.check(("host.termsrv-missing", "TERMSRV/dc1.lab.test") in fs, "check host: TERMSRV/dc1.lab.test held by nobody: an error")
    p = t.exec("samba-tool", "spn", "add", "TERMSRV/dc1.lab.test", "DC1$", "-s", t.state + "/etc/smb.conf")
    t.check(p.returncode == 0, "samba-tool spn add TERMSRV/dc1.lab.test DC1$")
    fs = host_check()
    t.check(("host.termsrv-ok", "TERMSRV/dc1.lab.test") in fs, "check host: then TERMSRV/dc1.lab.test is answered by DC1$")
    t.check(("host.termsrv-farm-missing", "TERMSRV/rds.lab.test") in fs, "check host: the farm name's TERMSRV/ is held by nobody")
    t.check(any(i == "tls.name-mismatch" for i, _ in fs) and any(i == "tls.rdp-install" for i, _ in fs),
            "check host --cert: the host's certificate does not carry the farm name; the install commands are given")


if __name__ == "__main__":
    sys.exit(LabTest("ssod-ck", services=True).main(run))
