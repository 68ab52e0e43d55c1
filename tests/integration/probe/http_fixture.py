"""Servers for the HTTP Negotiate probe's lab test, started inside the Samba lab's namespace and
stopped by PID: Apache with mod_auth_gssapi (TESTBED.md "Apache with mod_auth_gssapi") and a
hostile HTTP server (garbage, an endless body, silence after accept, an endless header).
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

MODULES = "/usr/lib/apache2/modules"

CONF = """ServerRoot {root}
Listen {ip}:{port}
PidFile {root}/httpd.pid
ErrorLog {root}/error.log
LogLevel info auth_gssapi:debug
LoadModule mpm_event_module {mods}/mod_mpm_event.so
LoadModule authn_core_module {mods}/mod_authn_core.so
LoadModule authn_file_module {mods}/mod_authn_file.so
LoadModule authz_core_module {mods}/mod_authz_core.so
LoadModule authz_user_module {mods}/mod_authz_user.so
LoadModule auth_basic_module {mods}/mod_auth_basic.so
LoadModule auth_gssapi_module {mods}/mod_auth_gssapi.so
LoadModule alias_module {mods}/mod_alias.so
User www-data
Group www-data
ServerName web01.lab.test
DocumentRoot {root}/htdocs
<Location /secure>
  AuthType GSSAPI
  AuthName "lab"
  GssapiCredStore keytab:{keytab}
  GssapiAllowedMech krb5
  Require valid-user
</Location>
<Location /basic>
  AuthType Basic
  AuthName "basic only"
  AuthUserFile {root}/htpasswd
  Require valid-user
</Location>
Redirect 302 /moved http://web01.lab.test:{port}/secure/index.html
"""


def ns_wait_port(ns, ip, port, secs=10.0):
    """True once IP:PORT accepts inside NS (bounded)."""
    code = ("import socket,sys,time\nend=time.time()+%f\nwhile time.time()<end:\n"
            " s=socket.socket()\n s.settimeout(0.3)\n try:\n  s.connect((%r,%d)); sys.exit(0)\n"
            " except OSError: time.sleep(0.1)\n finally: s.close()\nsys.exit(1)\n") % (secs, ip, port)
    return subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", code], timeout=secs + 5).returncode == 0


class Apache:
    def __init__(self, ns, ip, port, keytab):
        self.ns, self.ip, self.port = ns, ip, port
        self.root = tempfile.mkdtemp(prefix="ssod-httpd-")
        os.chmod(self.root, 0o755)
        os.makedirs(os.path.join(self.root, "htdocs", "secure"))
        os.makedirs(os.path.join(self.root, "htdocs", "basic"))
        for d in ("secure", "basic"):
            with open(os.path.join(self.root, "htdocs", d, "index.html"), "w") as f:
                f.write("hello from %s\n" % d)
        open(os.path.join(self.root, "htpasswd"), "w").close()
        self.keytab = os.path.join(self.root, "http.keytab")
        subprocess.run(["cp", keytab, self.keytab], check=True)
        subprocess.run(["chown", "www-data", self.keytab], check=True)
        self.conf = os.path.join(self.root, "httpd.conf")
        with open(self.conf, "w") as f:
            f.write(CONF.format(root=self.root, ip=ip, port=port, mods=MODULES, keytab=self.keytab))
        self.proc = None

    def start(self):
        # ip netns exec execs apache2 itself: the PID is Apache's parent process.
        self.proc = subprocess.Popen(["ip", "netns", "exec", self.ns, "apache2", "-DFOREGROUND", "-f", self.conf],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.root, "out.log"), "w"))
        return ns_wait_port(self.ns, self.ip, self.port)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        subprocess.run(["rm", "-rf", self.root])

    def error_log(self):
        try:
            return open(os.path.join(self.root, "error.log")).read()
        except OSError:
            return ""


HOSTILE = r'''
import socket, sys, threading, time
ip, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# endless modes: a head, then the same bytes for ever
ENDLESS = {"endless": (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", b"x"),
           "hugeheader": (b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nX-Big: ", b"a")}
def serve(c):
    try:
        c.recv(65536)
        if mode == "garbage":
            c.sendall(b"\x16\x03\x01\x02\x00garbage \x00\xff not http at all\r\n\r\n" * 8)
        elif mode in ENDLESS:
            head, fill = ENDLESS[mode]
            c.sendall(head)
            while True:
                c.sendall(fill * 65536)
        elif mode == "silent":
            time.sleep(3600)
    except OSError:
        pass
    finally:
        c.close()
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((ip, port))
s.listen(16)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
'''


class Hostile:
    def __init__(self, ns, ip, port, mode):
        self.ns, self.ip, self.port, self.mode = ns, ip, port, mode
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(["ip", "netns", "exec", self.ns, sys.executable, "-c", HOSTILE, self.ip,
                                      str(self.port), self.mode], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return ns_wait_port(self.ns, self.ip, self.port)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
