#!/usr/bin/env python3
"""The lab services (scripts/lab-services.sh) answer as their manifest (lab.json "services") says.

Brings up an isolated lab with its services and checks each one from inside the namespace with
standard tools only (no SSO Doctor code): curl --negotiate after kinit for the web SSO names,
openssl s_client for every TLS endpoint's certificate, chain check, name and dates, curl for the CRL
and AIA URLs (and that the slow one times out), and a few lines of Python sending the X.224
Connection Request of FACTS.md §4.4 to each RDP host. Then `lab.sh down` must leave no process,
namespace or X display behind.

Needs root (namespaces, provisioning) and the lab packages; otherwise it is skipped (exit 77).
"""
import datetime
import glob
import hashlib
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../directory"))
from labtest import LabTest  # noqa: E402

T = LabTest("ssod-sv", services=True)
check = T.check
PY = "/usr/bin/python3"
PROTOCOLS = {"rdp": 0, "ssl": 1, "ssl_hybrid": 3}


def x224(ip, port, requested):
    """Sends an X.224 Connection Request with RDP_NEG_REQ (FACTS.md §4.4) and returns
    ("selected"|"failure", value, sha1 of the TLS certificate when TLS was selected)."""
    req = bytes([3, 0, 0, 19, 14, 0xE0, 0, 0, 0, 0, 0, 1, 0, 8, 0]) + struct.pack("<I", requested)
    with socket.create_connection((ip, port), timeout=5) as s:
        s.sendall(req)
        data = b""
        while len(data) < 4 or len(data) < struct.unpack(">H", data[2:4])[0]:
            chunk = s.recv(64)
            if not chunk:
                break
            data += chunk
        if len(data) < 19 or data[5] != 0xD0:
            return ["bad", data.hex(), None]
        kind, _flags, _length, value = struct.unpack("<BBHI", data[11:19])
        kind = {2: "selected", 3: "failure"}.get(kind, "bad")
        sha1 = None
        if kind == "selected" and value != 0:  # TLS starts on the same socket
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            with ctx.wrap_socket(s) as t:
                sha1 = hashlib.sha1(t.getpeercert(binary_form=True)).hexdigest().upper()
        return [kind, value, sha1]


def curl(*args, ccache=None, timeout=30):
    """curl in the namespace: (http code or None, curl exit code, stderr, seconds)."""
    env = ["env", "KRB5CCNAME=" + ccache] if ccache else []
    start = time.monotonic()
    p = T.exec(*env, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *args, timeout=timeout)
    secs = time.monotonic() - start
    return (p.stdout.strip() if p.stdout.strip() != "000" else None), p.returncode, p.stderr, secs


def s_client(ip, name, ca):
    """openssl s_client to IP:443 with SNI NAME, verifying against CA and NAME:
    (verify return code, PEM of the server certificate)."""
    p = T.exec("openssl", "s_client", "-connect", ip + ":443", "-servername", name, "-CAfile", ca,
               "-verify_hostname", name, stdin="", timeout=20)
    m = re.search(r"Verify return code: (\d+)", p.stdout)
    pem = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", p.stdout, re.S)
    return (int(m.group(1)) if m else None), (pem.group(0) if pem else "")


def cert_facts(pem):
    p = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha1", "-enddate", "-ext",
                        "subjectAltName"], input=pem, capture_output=True, text=True)
    sha1 = re.search(r"SHA1 Fingerprint=([0-9A-F:]+)", p.stdout, re.I)
    end = re.search(r"notAfter=(.*)", p.stdout)
    return {"sha1": sha1.group(1).replace(":", "") if sha1 else None, "not_after": end.group(1) if end else None,
            "dns_names": re.findall(r"DNS:([^,\s]+)", p.stdout)}


def openssl_time(s):
    return datetime.datetime.strptime(s.replace("  ", " "), "%b %d %H:%M:%S %Y %Z").replace(
        tzinfo=datetime.timezone.utc)


# verify return codes of openssl (X509_V_ERR_*) for each case of the manifest
VERIFY = {"valid": 0, "expiring_soon": 0, "revocation_unreachable": 0, "expired": 10,
          "self_signed": 18, "name_mismatch": 62}


def check_web(t, svc):
    web = svc["web"]
    ports, paths = web["ports"], web["paths"]
    ca = svc["ca"]["file"]
    nocc = "FILE:" + os.path.join(t.state, "no-such-ccache")
    code, _, _, _ = curl("http://sso.lab.test" + paths["open"], ccache=nocc)
    check(code == "200", "web: / is open (200 without a ticket), got %s" % code)
    for n in web["names"]:
        url = "http://%s%s" % (n["name"], paths["negotiate"])
        code, _, _, _ = curl("--negotiate", "-u", ":", url, ccache=nocc)
        check(code == str(n["expect"]["no_ticket"]), "web: %s without a ticket -> %s (got %s)"
              % (url, n["expect"]["no_ticket"], code))
    p = T.exec("curl", "-s", "-D", "-", "-o", "/dev/null", "http://sso.lab.test/secure")
    check("WWW-Authenticate: Negotiate" in p.stdout, "web: 401 offers WWW-Authenticate: Negotiate")
    t.kinit_admin()
    for n in web["names"]:
        url = "http://%s%s" % (n["name"], paths["negotiate"])
        code, _, _, _ = curl("--negotiate", "-u", ":", url)
        # the lab's krb5.conf does not canonicalize, so a CNAME's own SPN is asked for
        want = n["expect"]["with_ticket"] if "cname" not in n else n["expect"]["with_ticket_no_canonicalization"]
        check(code == str(want), "web: %s with a ticket -> %s (got %s)" % (url, want, code))
        k = T.exec("kvno", n["spn"])
        if n["spn_registered"]:
            check(k.returncode == 0, "web: kvno %s works" % n["spn"])
        else:
            check("Server not found in Kerberos database" in k.stderr,
                  "web: kvno %s -> Server not found (%s)" % (n["spn"], k.stderr.strip()))
    # a client that follows the CNAME (MIT default canonicalization) asks for the target's SPN
    alias = [n for n in web["names"] if "cname" in n][0]
    conf = os.path.join(t.state, "krb5-canon.conf")
    with open(os.path.join(t.state, "krb5.conf")) as f:
        text = f.read().replace("dns_canonicalize_hostname = false", "dns_canonicalize_hostname = true")
    with open(conf, "w") as f:
        f.write(text)
    p = T.exec("env", "KRB5_CONFIG=" + conf, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
               "--negotiate", "-u", ":", "http://%s/secure" % alias["name"])
    check(p.stdout == str(alias["expect"]["with_ticket"]), "web: %s with CNAME canonicalization -> %s (got %s)"
          % (alias["name"], alias["expect"]["with_ticket"], p.stdout))
    code, _, _, _ = curl("--negotiate", "-u", ":", "--cacert", ca, "https://sso.lab.test:%d/secure" % ports["https"])
    check(code == "200", "web: https://sso.lab.test/secure with a ticket, certificate trusted via the lab CA (got %s)" % code)
    code, _, _, _ = curl("--negotiate", "-u", ":", "http://sso.lab.test:%d%s" % (ports["winrm"], paths["winrm"]))
    check(code == "200", "web: WinRM-like %s with a ticket -> 200 (got %s)" % (web["winrm"]["url"], code))
    code, _, _, _ = curl("--negotiate", "-u", ":", "http://sso.lab.test:%d%s" % (ports["winrm"], paths["winrm"]),
                         ccache=nocc)
    check(code == "401", "web: WinRM-like endpoint without a ticket -> 401 (got %s)" % code)
    _, pem = s_client(web["ip"], "sso.lab.test", ca)
    check(cert_facts(pem)["sha1"] == web["cert"]["sha1"], "web: HTTPS certificate is the manifest's")


def check_tls(t, svc):
    ca = svc["ca"]["file"]
    now = datetime.datetime.now(datetime.timezone.utc)
    for e in svc["tls"]:
        rc, pem = s_client(e["ip"], e["name"], ca)
        f = cert_facts(pem)
        check(rc == VERIFY[e["case"]], "tls: %s (%s) verify code %s (got %s)" % (e["name"], e["case"], VERIFY[e["case"]], rc))
        check(f["sha1"] == e["cert"]["sha1"] and f["not_after"] == e["cert"]["not_after"],
              "tls: %s certificate SHA-1 and notAfter as in the manifest" % e["name"])
        check((e["name"] in f["dns_names"]) == e["name_matches"], "tls: %s SAN %s" % (e["name"], f["dns_names"]))
        left = openssl_time(e["cert"]["not_after"]) - now
        if e["case"] == "expired":
            check(left.total_seconds() < 0, "tls: %s has expired" % e["name"])
        elif e["case"] == "expiring_soon":
            check(datetime.timedelta(0) < left < datetime.timedelta(days=14), "tls: %s expires in %s" % (e["name"], left))
        elif e["case"] != "self_signed":
            check(left > datetime.timedelta(days=14), "tls: %s valid for more than 14 days" % e["name"])
    # the CDP/AIA of the good certificates is served; the slow one's times out
    ok = [e for e in svc["tls"] if e["case"] == "valid"][0]
    for key in ("crl_url", "aia_ca_issuers_url"):
        p = T.exec("curl", "-sf", "-o", "/dev/null", "--max-time", "5", ok["cert"][key])
        check(p.returncode == 0, "tls: %s %s is served" % (key, ok["cert"][key]))
    crl = T.exec("sh", "-c", "curl -sf --max-time 5 '%s' | openssl crl -inform DER -noout -issuer" % ok["cert"]["crl_url"])
    check(crl.returncode == 0 and "SSO Doctor Lab CA" in crl.stdout, "tls: the CRL parses and names the lab CA")
    aia = T.exec("sh", "-c", "curl -sf --max-time 5 '%s' | openssl x509 -inform DER -noout -fingerprint -sha1"
                 % ok["cert"]["aia_ca_issuers_url"])
    ca_fp = subprocess.run(["openssl", "x509", "-in", ca, "-noout", "-fingerprint", "-sha1"],
                           capture_output=True, text=True).stdout
    check(aia.returncode == 0 and aia.stdout == ca_fp, "tls: the AIA URL serves the lab CA certificate")
    slow = [e for e in svc["tls"] if e["case"] == "revocation_unreachable"][0]
    for key in ("crl_url", "ocsp_url"):
        code, rc, _, secs = curl("--max-time", "2", slow["cert"][key])
        check(rc == 28 and secs >= 1.8, "tls: %s %s times out (curl %d after %.1f s)" % (key, slow["cert"][key], rc, secs))


def check_rdp(t, svc):
    for h in svc["rdp"]:
        for offer, want in sorted(h["negotiation"].items()):
            p = T.exec(PY, os.path.abspath(__file__), "--x224", h["ip"], str(h["port"]), str(PROTOCOLS[offer]))
            got = p.stdout.split() if p.returncode == 0 else [p.stderr.strip()[-200:]]
            kind = "failure" if "failure" in want else "selected"
            ok = len(got) == 3 and got[0] == kind and got[1] == str(want[kind])
            check(ok, "rdp: %s offered %s -> %s %s (got %s)" % (h["name"], offer, kind, want[kind], got))
            if ok and kind == "selected" and want[kind] != 0:
                check(got[2] == h["cert"]["sha1"], "rdp: %s TLS certificate after X.224 is the manifest's" % h["name"])
        # NLA with the manifest's credentials passes, a wrong password does not (xfreerdp as the
        # independent client; it wants an X display: the lab's own Xvfb)
        cred = h.get("credentials")
        if cred and shutil.which("xfreerdp"):
            def auth(pw):
                return T.exec("env", "DISPLAY=" + t.display, "HOME=" + os.path.join(t.state, "xfreerdp-home"),
                              "xfreerdp", "/v:%s:%d" % (h["ip"], h["port"]), "/u:" + cred["user"], "/p:" + pw,
                              "/sec:nla", "/cert:ignore", "+auth-only", timeout=60).returncode
            check(auth(cred["password"]) == 0, "rdp: %s NLA with the manifest's credentials (xfreerdp +auth-only)" % h["name"])
            check(auth("wrong-password") != 0, "rdp: %s NLA with a wrong password fails" % h["name"])


def run(t):
    m = t.manifest()
    svc = m.get("services")
    check(svc is not None, "lab.json has a services object")
    if not svc:
        return
    check(all(k in m for k in ("realm", "accounts", "duplicate_spns", "dns")), "lab.json keeps its other facts")
    check(os.path.exists(svc["ca"]["file"]) and svc["ca"]["file"] == os.path.join(t.state, "services", "ca.pem"),
          "CA certificate at STATE/services/ca.pem")
    for name, ip in svc["dns"]["a"].items():
        p = T.exec("getent", "hosts", name)
        check(p.stdout.split()[:1] == [ip], "dns: %s -> %s (got %s)" % (name, ip, p.stdout.strip()))
    p = T.exec("host", "ssoalias.lab.test")
    check("is an alias for sso.lab.test" in p.stdout, "dns: ssoalias.lab.test is a CNAME to sso.lab.test")
    t.pids = {}
    for f in glob.glob(os.path.join(t.state, "services", "*.pid")):
        t.pids[os.path.basename(f)[:-4]] = int(open(f).read())
    t.display = open(os.path.join(t.state, "services", "rdp-nla", "display")).read().strip()
    check_web(t, svc)
    check_tls(t, svc)
    check_rdp(t, svc)


def after_down(t):
    left = [n for n, pid in getattr(t, "pids", {}).items() if os.path.exists("/proc/%d/exe" % pid)]
    check(getattr(t, "pids", None) and not left, "down: no service process left (%s)" % left)
    ns = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    check(t.ns not in ns and "ssodblk-" + hashlib.md5(t.ns.encode()).hexdigest()[:8] not in ns,
          "down: the lab namespace and the silent address's namespace are gone")
    dpy = getattr(t, "display", ":x")[1:]
    check(not os.path.exists("/tmp/.X%s-lock" % dpy), "down: the X display %s is released" % dpy)
    check(not os.path.exists(t.state), "down: the state dir is gone")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--x224":  # run inside the namespace by check_rdp
        print(*x224(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
        sys.exit(0)
    tools = ["apache2", "xrdp", "freerdp-shadow-cli", "Xvfb", "xwininfo", "winpr-hash", "faketime", "curl", "openssl"]
    missing = [x for x in tools if not shutil.which(x) and not os.path.exists("/usr/sbin/" + x)]
    if missing:
        print("skipped: the lab services need %s (scripts/setup-debian.sh)" % " ".join(missing))
        sys.exit(77)
    sys.exit(T.main(run, after_down=after_down))
