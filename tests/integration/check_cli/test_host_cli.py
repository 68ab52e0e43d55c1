#!/usr/bin/env python3
"""`check host` end to end on offline hives written by hivex (hivexregedit --merge onto an empty hive
from tests/tools/make_empty_hive.py, the .reg rewritten by tests/tools/reg_for_hivex.py), not by
SSO Doctor's own writer, and on the same .reg files directly: the session-connector role (Windows
version, 64-bit, the VC++ runtime, NLA off, the RemoteApp logoff limit, the connector's stored
credentials), rds-session-host, rdp-client (delegation to the farm, the encryption oracle). A
plain-text connector password planted in the hive must appear in no output: text, JSON, or Qt's
debug log.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.environ.get("SSOD_CLI", "build/app/ssodoctor-cli")
TOOLS = os.environ.get("SSOD_TOOLS", os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
SECRET = "Pl41n-Connector-S3cret!"
FAILURES = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        FAILURES.append(what)


def write_reg(path, sections):
    text = "Windows Registry Editor Version 5.00\r\n\r\n"
    for key, values in sections:
        text += "[%s]\r\n" % key
        for name, value in values:
            text += '"%s"=%s\r\n' % (name, value)
        text += "\r\n"
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


def hive_from_reg(reg, out_dir):
    """hivexregedit merges each hive group of REG into an empty hive named after it (SOFTWARE, SYSTEM)."""
    work = tempfile.mkdtemp(dir=out_dir)
    conv = subprocess.run(["python3", os.path.join(TOOLS, "reg_for_hivex.py"), reg, work],
                          capture_output=True, text=True, check=True)
    made = {}
    for g in json.loads(conv.stdout)["groups"]:
        name = g["prefix"].split("\\")[-1].upper()
        d = os.path.join(out_dir, name.lower() + "-" + os.path.basename(reg))
        os.makedirs(d, exist_ok=True)
        hive = os.path.join(d, name)
        subprocess.run(["python3", os.path.join(TOOLS, "make_empty_hive.py"), hive], check=True)
        subprocess.run(["hivexregedit", "--merge", "--prefix", g["prefix"], hive, g["reg"]], check=True,
                       capture_output=True)
        made[name] = hive
    return made


def cli(*args, env=None):
    p = subprocess.run([CLI] + list(args), capture_output=True, text=True, timeout=60, env=env)
    return p.returncode, p.stdout, p.stderr


def ids(out):
    try:
        return [f["id"] for f in json.loads(out)["findings"]]
    except (ValueError, KeyError):
        return []


def finding(out, fid):
    for f in json.loads(out)["findings"]:
        if f["id"] == fid:
            return f
    return None


def main():
    if not shutil.which("hivexregedit"):
        print("SKIP: hivexregedit not installed (apt-get install libwin-hivex-perl)")
        return 77
    tmp = tempfile.mkdtemp(prefix="ssod-host-")
    try:
        cv = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
        software = os.path.join(tmp, "software.reg")
        write_reg(software, [
            (cv, [("ProductName", '"Windows Server 2019 Standard"'), ("CurrentMajorVersionNumber", "dword:0000000a"),
                  ("CurrentMinorVersionNumber", "dword:00000000"), ("CurrentVersion", '"6.3"'),
                  ("CurrentBuild", '"17763"'), ("InstallationType", '"Server"')]),
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\VisualStudio\\14.0\\VC\\Runtimes\\x64",
             [("Installed", "dword:00000001"), ("Version", '"v14.29.30133.00"')]),
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Thycotic\\SessionConnector",
             [("CredentialsEncrypted", "dword:00000000"), ("SecretServerUserName", '"svc_connector"'),
              ("SecretServerPassword", '"%s"' % SECRET)]),
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services",
             [("RemoteAppLogoffTimeLimit", "dword:00000000")]),
        ])
        system = os.path.join(tmp, "system.reg")
        write_reg(system, [
            ("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp",
             [("UserAuthentication", "dword:00000001"), ("SecurityLayer", "dword:00000002")]),
            ("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment",
             [("PROCESSOR_ARCHITECTURE", '"AMD64"')]),
        ])
        hives = hive_from_reg(software, tmp)
        hives.update(hive_from_reg(system, tmp))
        check("SOFTWARE" in hives and "SYSTEM" in hives, "hivexregedit wrote a SOFTWARE and a SYSTEM hive")

        for label, sw, sy in (("hives", hives.get("SOFTWARE"), hives.get("SYSTEM")), (".reg files", software, system)):
            code, out, err = cli("check", "host", "--role", "session-connector", "--software", sw, "--system", sy, "--json")
            got = ids(out)
            print("  %s: exit %d %s" % (label, code, got))
            check(code == 1, "%s: exit 1 (errors found)" % label)
            for fid in ("host.windows-ok", "host.64-bit", "host.vc-ok", "host.connector-plaintext"):
                check(fid in got, "%s: %s" % (label, fid))
            nla = [f for f in json.loads(out)["findings"] if f["id"] == "host.setting-differs"]
            check(len(nla) == 1 and nla[0]["fix"] == {"kind": "setting", "id": "rdp.nla", "inputs": {"value": "off"},
                                                      "text": nla[0]["fix"]["text"]},
                  "%s: NLA on is the one setting to change, fix rdp.nla=off" % label)
            check(any(f["id"] == "host.setting-ok" and f["subject"] == "rds.remoteapp-logoff-time-limit"
                      for f in json.loads(out)["findings"]), "%s: RemoteApp logoff immediately is ok" % label)
            check(json.loads(out)["facts"].get("connector_credentials") == "plain-text", "%s: facts say plain-text" % label)
            # The planted password appears nowhere: JSON, text, stderr, Qt's debug log.
            env = dict(os.environ, QT_LOGGING_RULES="*.debug=true")
            code2, text, err2 = cli("check", "host", "--role", "session-connector", "--software", sw, "--system", sy,
                                    env=env)
            check(SECRET not in out + err + text + err2 and "Pl41n" not in out + text,
                  "%s: the plain-text password is in no output (text, JSON, debug log)" % label)
            check("plain text" in text and "SecretServerPassword" in out, "%s: the value is named, not shown" % label)

        # After the connector encrypted it: no plain text.
        fixed = os.path.join(tmp, "software-fixed.reg")
        write_reg(fixed, [("HKEY_LOCAL_MACHINE\\SOFTWARE\\Thycotic\\SessionConnector",
                           [("CredentialsEncrypted", "dword:00000001"), ("SecretServerPassword", '"AQAAANCMnd8BFdERjHoAwE"')])])
        code, out, err = cli("check", "host", "--role", "session-connector", "--software", fixed, "--json")
        got = ids(out)
        check("host.connector-ok" in got and "host.not-read" in got,
              "encrypted credentials: connector ok; checks needing SYSTEM say which file is missing")

        # An old server, and rds-session-host expectations.
        old = os.path.join(tmp, "old.reg")
        write_reg(old, [(cv, [("ProductName", '"Windows Server 2008 R2 Enterprise"'), ("CurrentVersion", '"6.1"'),
                              ("InstallationType", '"Server"')])])
        code, out, err = cli("check", "host", "--role", "rds-session-host", "--software", old, "--system", system, "--json")
        got = ids(out)
        check("host.windows-too-old" in got, "Windows Server 2008 R2 (6.1) is too old for the role")
        f = [x for x in json.loads(out)["findings"] if x["subject"] == "rdp.security-layer"]
        check(f and f[0]["id"] == "host.setting-ok", "rds-session-host: security layer TLS (2) is ok")

        # rdp-client: delegation to the farm, the encryption oracle.
        client = os.path.join(tmp, "client.reg")
        write_reg(client, [
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation",
             [("AllowDefaultCredentials", "dword:00000001")]),
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowDefaultCredentials",
             [("1", '"TERMSRV/rds.contoso.com"')]),
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters",
             [("AllowEncryptionOracle", "dword:00000002")]),
        ])
        code, out, err = cli("check", "host", "--role", "rdp-client", "--software", client, "--farm", "rds.contoso.com",
                             "--farm", "rdsh01.contoso.com", "--json")
        fs = json.loads(out)["findings"]
        check(any(x["id"] == "host.delegation-ok" and x["subject"] == "TERMSRV/rds.contoso.com" for x in fs),
              "rdp-client: credentials go to TERMSRV/rds.contoso.com")
        denied = [x for x in fs if x["id"] == "host.delegation-denied"]
        check(denied and denied[0]["subject"] == "TERMSRV/rdsh01.contoso.com"
              and denied[0]["fix"]["id"] == "delegation.default-credentials",
              "rdp-client: not to TERMSRV/rdsh01.contoso.com, fix delegation.default-credentials")
        check(any(x["id"] == "host.oracle-vulnerable" for x in fs), "rdp-client: encryption oracle Vulnerable is a warning")

        # Usage.
        code, out, err = cli("check", "host", "--role", "moon", "--software", software)
        check(code == 2 and "session-connector" in err, "unknown role: exit 2 listing the roles")
        code, out, err = cli("check", "host", "--role", "rdp-client", "--software", os.path.join(tmp, "missing.reg"))
        check(code == 2 and "missing.reg" in err, "a missing file: exit 2 naming it")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
