"""TLS servers for the tls/rdp probe tests: a test CA made with the openssl CLI in a temp dir,
certificates it issues (valid, wrong name, expired, self-signed, expiring, weak, with CRL/AIA/OCSP
URLs), a tiny http.server for those URLs, and `openssl s_server -www` per certificate, each
stopped by its PID.
"""
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading

from probe_common import free_port, stop, wait_port


def run(*cmd, env=None):
    p = subprocess.run(list(cmd), capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stderr[-2000:]))
    return p.stdout


class TestCa:
    """A CA in DIR; issue() makes server certificates signed by it."""

    def __init__(self, name="SSOD Probe Test CA"):
        self.dir = tempfile.mkdtemp(prefix="ssod-tls-")
        self.key = self.path("ca.key")
        self.cert = self.path("ca.pem")
        self.serial = 1
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
            "-subj", "/CN=%s %d" % (name, os.getpid()), "-keyout", self.key, "-out", self.cert,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")

    def path(self, name):
        return os.path.join(self.dir, name)

    def issue(self, label, cn, san=None, days=365, shift=None, eku="serverAuth", bits=2048, digest="sha256",
              crl=None, aia=None, ocsp=None, self_signed=False):
        """Makes LABEL.pem/LABEL.key. SHIFT ("-400d", "+10d") fakes the clock while signing
        (libfaketime), which moves the validity window; SAN a list of "DNS:x"/"IP:y"."""
        key, csr, crt, ext = (self.path(label + s) for s in (".key", ".csr", ".pem", ".ext"))
        lines = ["[v3]", "basicConstraints=CA:FALSE"]
        if san:
            lines.append("subjectAltName=" + ",".join(san))
        if eku:
            lines.append("extendedKeyUsage=" + eku)
        if crl:
            lines.append("crlDistributionPoints=" + ",".join("URI:" + u for u in crl))
        access = ["caIssuers;URI:" + u for u in (aia or [])] + ["OCSP;URI:" + u for u in (ocsp or [])]
        if access:
            lines.append("authorityInfoAccess=" + ",".join(access))
        with open(ext, "w") as f:
            f.write("\n".join(lines) + "\n")
        pre = ["faketime", "-f", shift] if shift else []
        run("openssl", "req", "-newkey", "rsa:%d" % bits, "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=" + cn)
        if self_signed:
            run(*pre, "openssl", "x509", "-req", "-in", csr, "-signkey", key, "-days", str(days), "-" + digest,
                "-extfile", ext, "-extensions", "v3", "-out", crt)
        else:
            self.serial += 1
            run(*pre, "openssl", "x509", "-req", "-in", csr, "-CA", self.cert, "-CAkey", self.key,
                "-set_serial", str(self.serial), "-days", str(days), "-" + digest, "-extfile", ext,
                "-extensions", "v3", "-out", crt)
        return crt, key

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def sha1_fingerprint(cert):
    """`openssl x509 -fingerprint -sha1` as uppercase hex without colons."""
    out = run("openssl", "x509", "-in", cert, "-noout", "-fingerprint", "-sha1")
    return out.strip().split("=", 1)[1].replace(":", "").upper()


class TlsServer:
    """`openssl s_server -www` on 127.0.0.1:PORT (inside namespace NS when given) with CERT/KEY."""

    def __init__(self, cert, key, ns=None):
        self.port = free_port()
        # Security level 0 so that the weak (RSA-1024, SHA-1) certificate can be served at all.
        cmd = ["openssl", "s_server", "-www", "-accept", "127.0.0.1:%d" % self.port, "-cert", cert, "-key", key,
               "-cipher", "DEFAULT:@SECLEVEL=0", "-quiet"]
        if ns:
            cmd = ["ip", "netns", "exec", ns] + cmd
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.ready = wait_port(self.port, ns=ns)

    @property
    def target(self):
        return "127.0.0.1:%d" % self.port

    def close(self):
        stop(self.proc)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class UrlServer:
    """Serves DIRECTORY on 127.0.0.1:PORT in a thread (the CRL and AIA URLs of the valid cert)."""

    def __init__(self, directory):
        handler = functools.partial(_Quiet, directory=directory)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return "http://127.0.0.1:%d/%s" % (self.port, path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
