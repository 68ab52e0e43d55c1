"""RDP servers for the rdp probe test (TESTBED.md "RDP servers"): xrdp with security_layer tls or
negotiate (no NLA) and freerdp-shadow-cli with NLA enforced on its own Xvfb display, each on a
127.0.0.1 port with a certificate from the test CA, each stopped by its PID; and a hostile
server (python) that answers garbage, a TPKT announcing 65535 bytes, or an endless stream.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time

from probe_common import free_port, stop, wait_port


def _edit_globals(text, values):
    """Sets KEY=VALUE in the [Globals] (and [Logging]) sections of an xrdp.ini, leaving the
    sessions' own "port=" lines alone."""
    out, section, done = [], None, set()
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("["):
            if section in ("Globals", "Logging"):
                out.extend("%s=%s" % (k, v) for k, (sec, v) in values.items() if sec == section and k not in done)
                done.update(k for k, (sec, _) in values.items() if sec == section)
            section = s.strip("[]")
        elif section in ("Globals", "Logging") and "=" in s and not s.startswith((";", "#")):
            key = s.split("=", 1)[0].strip()
            if key in values and values[key][0] == section:
                out.append("%s=%s" % (key, values[key][1]))
                done.add(key)
                continue
        out.append(line)
    return "\n".join(out) + "\n"


class XrdpServer:
    """xrdp -n -c INI on 127.0.0.1:PORT with SECURITY (tls | negotiate | rdp) and CERT/KEY."""

    def __init__(self, security, cert, key):
        self.dir = tempfile.mkdtemp(prefix="ssod-xrdp-")
        self.port = free_port()
        ini = os.path.join(self.dir, "xrdp.ini")
        # xrdp runs as the xrdp user on Debian; give it its own readable copies of cert and key.
        for src, name in ((cert, "cert.pem"), (key, "key.pem")):
            shutil.copy(src, os.path.join(self.dir, name))
        text = open("/etc/xrdp/xrdp.ini").read()
        text = _edit_globals(text, {
            "port": ("Globals", "tcp://127.0.0.1:%d" % self.port), "fork": ("Globals", "false"),
            "security_layer": ("Globals", security), "certificate": ("Globals", os.path.join(self.dir, "cert.pem")),
            "key_file": ("Globals", os.path.join(self.dir, "key.pem")),
            "LogFile": ("Logging", os.path.join(self.dir, "xrdp.log")), "EnableSyslog": ("Logging", "false")})
        open(ini, "w").write(text)
        self.log = open(os.path.join(self.dir, "stdout.log"), "w")
        self.proc = subprocess.Popen(["xrdp", "-n", "-c", ini], stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=self.dir)
        self.ready = wait_port(self.port)

    @property
    def target(self):
        return "127.0.0.1:%d" % self.port

    def close(self):
        stop(self.proc)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class ShadowServer:
    """freerdp-shadow-cli /sec:nla +auth on its own Xvfb display, 127.0.0.1:PORT, CERT/KEY."""

    def __init__(self, cert, key, user="probe", password="Probe-Pass-1"):
        self.dir = tempfile.mkdtemp(prefix="ssod-shadow-")
        self.port = free_port()
        self.xvfb = self.proc = None
        self.ready = False
        shadow = os.path.join(self.dir, ".config", "freerdp", "shadow")
        os.makedirs(shadow)
        shutil.copy(cert, os.path.join(shadow, "shadow.crt"))
        shutil.copy(key, os.path.join(shadow, "shadow.key"))
        sam = os.path.join(self.dir, "sam")
        line = subprocess.run(["winpr-hash", "-u", user, "-p", password], capture_output=True, text=True).stdout
        open(sam, "w").write(line)
        self.log = open(os.path.join(self.dir, "shadow.log"), "w")
        # On a busy machine the display can vanish before the server opens it: try a few displays.
        for first in (140, 170, 200):
            self.display = self._start_xvfb(first + os.getpid() % 30)
            if not self.display:
                continue
            env = dict(os.environ, HOME=self.dir, DISPLAY=self.display)
            self.proc = subprocess.Popen(["freerdp-shadow-cli", "/port:%d" % self.port, "/bind-address:127.0.0.1",
                                          "/sec:nla", "+auth", "/sam-file:" + sam], env=env, cwd=self.dir,
                                         stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
            end = time.monotonic() + 15
            while time.monotonic() < end and self.proc.poll() is None and not self.ready:
                self.ready = wait_port(self.port, limit=0.5)
            if self.ready:
                return
            stop(self.proc)
            stop(self.xvfb)
            self.proc = self.xvfb = None

    def _start_xvfb(self, first):
        for n in range(first, first + 30):
            if os.path.exists("/tmp/.X%d-lock" % n):
                continue
            # -noreset: freerdp-shadow-cli opens the display twice, and without it Xvfb resets when
            # the first connection closes, so the second one fails about one start in three.
            self.xvfb = subprocess.Popen(["Xvfb", ":%d" % n, "-screen", "0", "800x600x24", "-nolisten", "tcp", "-noreset"],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
            end = time.monotonic() + 10
            while time.monotonic() < end and self.xvfb.poll() is None:
                if subprocess.run(["xwininfo", "-root", "-display", ":%d" % n], capture_output=True).returncode == 0:
                    return ":%d" % n
                time.sleep(0.1)
            stop(self.xvfb)
            self.xvfb = None
        return None

    @property
    def target(self):
        return "127.0.0.1:%d" % self.port

    def close(self):
        stop(self.proc)
        stop(self.xvfb)
        shutil.rmtree(self.dir, ignore_errors=True)


class HostileServer:
    """A TCP server on 127.0.0.1 that reads the request and then, by MODE: "garbage" (an HTTP
    error), "tpkt65535" (a TPKT header announcing 65535 bytes, then silence), "endless" (valid
    looking TPKT header bytes, then data without end), "short" (a truncated Connection Confirm,
    then silence), "silent" (accepts, never answers), "close" (closes at once)."""

    def __init__(self, mode):
        self.mode = mode
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stopping = False
        self.sent = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def target(self):
        return "127.0.0.1:%d" % self.port

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        conn.settimeout(0.5)
        try:
            if self.mode == "close":
                return
            try:
                conn.recv(4096)
            except OSError:
                pass
            if self.mode == "garbage":
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            elif self.mode == "tpkt65535":
                conn.sendall(bytes.fromhex("0300ffff"))
            elif self.mode == "short":
                conn.sendall(bytes.fromhex("030000130ed00000123400"))
            elif self.mode == "endless":
                conn.sendall(bytes.fromhex("03000013"))
                chunk = b"\xAA" * 65536
                conn.settimeout(1.0)
                while not self.stopping:
                    conn.sendall(chunk)
                    self.sent += len(chunk)
                return
            end = time.monotonic() + 30
            while not self.stopping and time.monotonic() < end:
                time.sleep(0.1)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stopping = True
        self.thread.join(2)
        self.sock.close()
