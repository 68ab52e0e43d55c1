#!/usr/bin/env python3
"""`ssodoctor-cli probe tls` against real openssl s_server instances presenting certificates of a
test CA: trust with and without --ca-file, name mismatch, expired, not yet valid, self-signed,
expiring, weak key/SHA-1, the Remote Desktop self-generated certificate, the WinRM listener
command, CRL/AIA/OCSP fetches (answering, and silently dropped inside a private namespace),
a closed port and a silent address. Needs root for the namespace part (skipped otherwise).
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_common import (SILENT, Checks, SilentNamespace, can_use_namespaces, cli_json, finding, findings,
                          free_port, probe_data, probe_ms)
from tls_fixture import TestCa, TlsServer, UrlServer, sha1_fingerprint

NAME = "web.probe.test"


def fix_of(f):
    return (f or {}).get("fix") or {}


def openssl_verify(port, ca, name):
    """Independent check: openssl s_client's verify result for NAME with CA."""
    p = subprocess.run(["openssl", "s_client", "-connect", "127.0.0.1:%d" % port, "-CAfile", ca,
                        "-verify_hostname", name, "-cipher", "DEFAULT:@SECLEVEL=0"],
                       input="", capture_output=True, text=True, timeout=20)
    for line in p.stdout.splitlines():
        if "Verify return code:" in line:
            return int(line.split(":")[1].split()[0])
    return None


def main():
    for tool in ("openssl", "faketime"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            print("SKIP: %s not installed" % tool)
            return 77
    t = Checks()
    ca = TestCa()
    servers = []
    urls = None
    ns = None
    try:
        # The CRL/AIA/OCSP URLs of the valid certificate, served on loopback.
        urls = UrlServer(ca.dir)
        subprocess.run(["openssl", "x509", "-in", ca.cert, "-outform", "DER", "-out", ca.path("ca.crt")], check=True)
        for name in ("ca.crl", "ocsp"):
            open(ca.path(name), "wb").write(b"0" * 64)

        def serve(label, **kw):
            crt, key = ca.issue(label, **kw)
            s = TlsServer(crt, key)
            servers.append(s)
            t.check(s.ready, "s_server with the %s certificate listens on %d" % (label, s.port))
            return s, crt

        valid, valid_crt = serve("valid", cn=NAME, san=["DNS:" + NAME, "DNS:alias.probe.test"],
                                 crl=[urls.url("ca.crl")], aia=[urls.url("ca.crt")], ocsp=[urls.url("ocsp")])
        rc, out, secs, _ = cli_json(["probe", "tls", valid.target, "--name", NAME, "--ca-file", ca.cert])
        print("  valid: %.2f s" % secs)
        t.check(rc == 0, "valid certificate with --ca-file: exit 0 (got %d)" % rc)
        for fid in ("tls.trusted", "tls.name-ok", "tls.validity-ok", "tls.key-ok", "tls.revocation-ok"):
            f = finding(out, fid)
            t.check(f is not None and f["severity"] == "ok", "valid: %s is ok" % fid)
        data = probe_data(out)
        chain = data.get("chain", [])
        t.check(data.get("trusted") is True, "valid: data.trusted")
        t.check(bool(chain) and chain[0]["sha1"] == sha1_fingerprint(valid_crt),
                "valid: SHA-1 thumbprint equals openssl x509 -fingerprint -sha1")
        t.check(bool(chain) and sorted(chain[0]["san"]) == sorted(["DNS:" + NAME, "DNS:alias.probe.test"]), "valid: SAN listed")
        t.check(bool(chain) and chain[0]["crl"] == [urls.url("ca.crl")] and chain[0]["aia"] == [urls.url("ca.crt")]
                and chain[0]["ocsp"] == [urls.url("ocsp")], "valid: CRL DP, AIA and OCSP URLs read from the certificate")
        t.check(bool(chain) and chain[0]["eku"] == ["serverAuth"] and chain[0]["key"] == "RSA 2048"
                and chain[0]["sig_alg"] == "sha256WithRSAEncryption", "valid: EKU, key, signature algorithm")
        fetches = data.get("fetches", [])
        t.check(len(fetches) == 3 and all(x["result"].startswith("HTTP 200") for x in fetches),
                "valid: 3 URLs fetched with HTTP 200: %s" % fetches)
        t.check(openssl_verify(valid.port, ca.cert, NAME) == 0, "openssl s_client agrees: verify ok for %s" % NAME)
        rc, out, _, _ = cli_json(["probe", "tls", valid.target, "--name", "alias.probe.test", "--ca-file", ca.cert])
        t.check(finding(out, "tls.name-ok") is not None, "valid: the second SAN name matches too")

        # Without the CA file the system store does not know the test CA.
        rc, out, _, _ = cli_json(["probe", "tls", valid.target, "--name", NAME])
        f = finding(out, "tls.untrusted")
        t.check(rc == 1 and f is not None and f["severity"] == "error", "without --ca-file: tls.untrusted error, exit 1")
        t.check(probe_data(out).get("trusted") is False, "without --ca-file: data.trusted false")

        # Wrong name.
        rc, out, _, _ = cli_json(["probe", "tls", valid.target, "--name", "other.probe.test", "--ca-file", ca.cert])
        f = finding(out, "tls.name-mismatch")
        t.check(f is not None and f["severity"] == "error" and "other.probe.test" in f["title"] and NAME in f["title"],
                "wrong name: tls.name-mismatch error naming both names: %s" % (f or {}).get("title"))
        t.check(finding(out, "tls.trusted") is not None, "wrong name: the chain itself is still trusted")
        t.check(openssl_verify(valid.port, ca.cert, "other.probe.test") not in (0, None),
                "openssl s_client agrees: hostname mismatch")

        expired, _ = serve("expired", cn=NAME, san=["DNS:" + NAME], shift="-400d", days=30)
        rc, out, _, _ = cli_json(["probe", "tls", expired.target, "--name", NAME, "--ca-file", ca.cert])
        f = finding(out, "tls.expired")
        t.check(rc == 1 and f is not None and f["severity"] == "error", "expired: tls.expired error")

        future, _ = serve("future", cn=NAME, san=["DNS:" + NAME], shift="+10d", days=30)
        rc, out, _, _ = cli_json(["probe", "tls", future.target, "--name", NAME, "--ca-file", ca.cert])
        t.check(finding(out, "tls.not-yet-valid") is not None, "not yet valid: tls.not-yet-valid")

        # Certificate files instead of an endpoint (the certificate-check wizard's second source):
        # PEM, DER .cer, a PKCS#7 .p7b chain (openssl crl2pkcs7, DER and PEM), checked offline.
        cer, p7b, p7b_pem = ca.path("valid.cer"), ca.path("chain.p7b"), ca.path("chain-pem.p7b")
        subprocess.run(["openssl", "x509", "-in", valid_crt, "-outform", "DER", "-out", cer], check=True)
        for out_file, form in ((p7b, "DER"), (p7b_pem, "PEM")):
            subprocess.run(["openssl", "crl2pkcs7", "-nocrl", "-certfile", ca.cert, "-certfile", valid_crt,
                            "-outform", form, "-out", out_file], check=True)
        for path, fmt in ((valid_crt, "PEM"), (cer, "DER"), (p7b, "PKCS#7 (DER)"), (p7b_pem, "PKCS#7 (PEM)")):
            rc, out, _, _ = cli_json(["probe", "tls", path, "--name", NAME, "--ca-file", ca.cert, "--no-revocation"])
            data = probe_data(out)
            chain = data.get("chain", [])
            t.check(rc == 0 and data.get("format") == fmt and finding(out, "tls.trusted") is not None
                    and finding(out, "tls.name-ok") is not None and bool(chain)
                    and chain[0]["sha1"] == sha1_fingerprint(valid_crt),
                    "file %s (%s): trusted, name ok, the leaf first (exit %d)" % (os.path.basename(path), fmt, rc))
        rc, out, _, _ = cli_json(["probe", "tls", p7b, "--name", NAME, "--ca-file", ca.cert, "--no-revocation"])
        t.check(len(probe_data(out).get("chain", [])) == 2, "file .p7b: both certificates of the chain are read")
        rc, out, _, _ = cli_json(["probe", "tls", cer, "--name", NAME, "--no-revocation"])
        t.check(rc == 1 and finding(out, "tls.untrusted") is not None, "file without --ca-file: untrusted, like the endpoint")
        verify = subprocess.run(["openssl", "verify", "-purpose", "sslserver", "-CAfile", ca.cert, valid_crt],
                                capture_output=True, text=True)
        t.check(verify.returncode == 0, "openssl verify agrees: the file's chain is valid with the CA")
        rc, out, _, _ = cli_json(["probe", "tls", cer, "--name", "farm.probe.test", "--ca-file", ca.cert, "--no-revocation"])
        f = finding(out, "tls.name-mismatch")
        t.check(rc == 1 and f is not None and "farm.probe.test" in f["title"],
                "file with the farm name users type: tls.name-mismatch names it")
        exp_crt, _ = ca.issue("expiredfile", cn=NAME, san=["DNS:" + NAME], shift="-400d", days=30)
        rc, out, _, _ = cli_json(["probe", "tls", exp_crt, "--name", NAME, "--ca-file", ca.cert, "--no-revocation"])
        t.check(finding(out, "tls.expired") is not None and finding(out, "tls.trusted") is not None,
                "expired file: tls.expired, the chain still trusted")
        rc, out, _, _ = cli_json(["probe", "tls", cer, "--ca-file", ca.cert])
        f = finding(out, "probe.bad-target")
        t.check(f is not None and "--name" in json.dumps(f), "file without --name: says the name users type is needed")
        rc, out, _, _ = cli_json(["probe", "tls", ca.key, "--name", NAME])
        f = finding(out, "probe.bad-target")
        t.check(f is not None and "private key" in json.dumps(f), "a key file: says it is a private key, not a certificate")

        soon, _ = serve("soon", cn=NAME, san=["DNS:" + NAME], days=5)
        rc, out, _, _ = cli_json(["probe", "tls", soon.target, "--name", NAME, "--ca-file", ca.cert])
        f = finding(out, "tls.expiring-soon")
        t.check(rc == 0 and f is not None and f["severity"] == "warning",
                "expiring in 5 days: tls.expiring-soon warning: %s" % (f or {}).get("title"))

        selfs, _ = serve("selfsigned", cn=NAME, san=["DNS:" + NAME], self_signed=True)
        rc, out, _, _ = cli_json(["probe", "tls", selfs.target, "--name", NAME, "--ca-file", ca.cert])
        t.check(finding(out, "tls.self-signed") is not None and finding(out, "tls.untrusted") is not None,
                "self-signed: tls.self-signed and tls.untrusted")
        t.check(probe_data(out).get("chain", [{}])[0].get("self_signed") is True, "self-signed: data self_signed")

        weak, _ = serve("weak", cn=NAME, san=["DNS:" + NAME], bits=1024, digest="sha1")
        rc, out, _, _ = cli_json(["probe", "tls", weak.target, "--name", NAME, "--ca-file", ca.cert])
        wk, ws = finding(out, "tls.weak-key"), finding(out, "tls.weak-signature")
        t.check(wk is not None and wk["severity"] == "warning" and "RSA 1024" in wk["title"], "weak: RSA 1024 warning")
        t.check(ws is not None and "sha1WithRSAEncryption" in ws["title"], "weak: SHA-1 signature warning")

        rdcert, _ = serve("rdself", cn="RDSH01", self_signed=True, days=182)
        rc, out, _, _ = cli_json(["probe", "tls", rdcert.target, "--name", "rdsh01.probe.test", "--purpose", "rdp"])
        f = finding(out, "tls.rdp-self-generated")
        t.check(f is not None and fix_of(f).get("id") == "root-update",
                "Remote Desktop self-generated certificate recognised, fix root-update")
        mm = finding(out, "tls.name-mismatch")
        t.check(mm is not None and any(e["value"] == "TERMSRV/rdsh01.probe.test" for e in mm["evidence"]),
                "rdp purpose: the TERMSRV SPN hint in the evidence")

        noeku, _ = serve("clientonly", cn=NAME, san=["DNS:" + NAME], eku="clientAuth")
        rc, out, _, _ = cli_json(["probe", "tls", noeku.target, "--name", NAME, "--ca-file", ca.cert])
        t.check(finding(out, "tls.no-server-auth") is not None, "clientAuth-only EKU: tls.no-server-auth")

        # WinRM: the listener command with the SHA-1 thumbprint.
        rc, out, _, _ = cli_json(["probe", "tls", valid.target, "--name", NAME, "--ca-file", ca.cert,
                                  "--purpose", "winrm", "--no-revocation"])
        f = finding(out, "tls.winrm-listener")
        cmd = next((e["value"] for e in (f or {}).get("evidence", []) if e["label"] == "Command"), "")
        want = ('winrm create winrm/config/Listener?Address=*+Transport=HTTPS @{Hostname="%s";'
                'CertificateThumbprint="%s"}' % (NAME, sha1_fingerprint(valid_crt)))
        t.check(cmd == want, "winrm purpose prints the listener command: %s" % cmd)
        t.check(finding(out, "tls.revocation-skipped") is not None and not probe_data(out).get("fetches"),
                "--no-revocation: nothing fetched")

        # A closed port: refused at once.
        rc, out, secs, _ = cli_json(["probe", "tls", "127.0.0.1:%d" % free_port(), "--timeout", "5"])
        f = finding(out, "tls.connect-failed")
        print("  closed port: probe %d ms (CLI wall %.2f s)" % (probe_ms(out), secs))
        t.check(f is not None and "refused" in f["title"] and probe_ms(out) < 1000,
                "closed port: refused in %d ms" % probe_ms(out))

        if not can_use_namespaces():
            print("SKIP (not root): silent CRL URLs and silent address")
        else:
            ns = SilentNamespace("ssodtls")
            t.check(ns.ok, "private namespace with a silent address %s" % SILENT)
            crt, key = ca.issue("silentcrl", cn=NAME, san=["DNS:" + NAME], crl=["http://%s/ca.crl" % SILENT],
                                aia=["http://%s/ca.crt" % SILENT], ocsp=["http://%s/ocsp" % SILENT])
            s = TlsServer(crt, key, ns=ns.ns)
            servers.append(s)
            t.check(s.ready, "s_server with the silent-CRL certificate inside the namespace")
            rc, out, secs, _ = cli_json(["probe", "tls", s.target, "--name", NAME, "--ca-file", ca.cert,
                                         "--timeout", "5"], ns=ns.ns)
            f = finding(out, "tls.revocation-unreachable")
            fetches = probe_data(out).get("fetches", [])
            slowest = max([x["ms"] for x in fetches] or [0])
            print("  silent CRL/AIA/OCSP: probe %d ms (CLI wall %.2f s), slowest fetch %d ms" % (probe_ms(out), secs, slowest))
            t.check(f is not None and f["severity"] == "warning" and fix_of(f).get("kind") == "wizard"
                    and fix_of(f).get("id") == "root-update",
                    "silent CRL: tls.revocation-unreachable warning with fix wizard root-update")
            t.check(len(fetches) == 3 and all("no answer" in x["result"] for x in fetches),
                    "silent CRL: all 3 fetches report no answer: %s" % fetches)
            t.check(1900 <= slowest <= 2300, "silent CRL: each fetch ends at its 2 s limit (%d ms)" % slowest)
            t.check(probe_ms(out) < 4000, "silent CRL: the probe ends well within --timeout 5 (%d ms)" % probe_ms(out))

            rc, out, secs, _ = cli_json(["probe", "tls", "%s:443" % SILENT, "--timeout", "2"], ns=ns.ns)
            f = finding(out, "tls.connect-failed")
            outcome = ((out or {}).get("probes") or [{}])[0].get("outcome")
            print("  silent address: probe %d ms (CLI wall %.2f s)" % (probe_ms(out), secs))
            t.check(f is not None and "silent" in f["title"] and outcome == "timeout",
                    "silent address: tls.connect-failed silent, outcome timeout")
            t.check(1800 <= probe_ms(out) <= 2000, "silent address: ends within --timeout 2 (%d ms)" % probe_ms(out))
    finally:
        for s in servers:
            s.close()
        if urls:
            urls.close()
        if ns:
            ns.close()
        ca.close()
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
