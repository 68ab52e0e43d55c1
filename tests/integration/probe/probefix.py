"""What the dns and ports probe tests share: the CLI run with --json (here or inside the lab
namespace), finding lookups, TCP listeners started and stopped by the test (in this process on
loopback, or as a child process inside a namespace, stopped by its PID), and `nc -z` as the
independent judge of a port's state.
"""
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "directory"))
sys.dont_write_bytecode = True
from labtest import CLI, LabTest  # noqa: E402,F401
from probe_common import findings, probe_data  # noqa: E402,F401


def run_cli(*args, lab=None, timeout=60):
    """ssodoctor-cli ARGS --json, here or in LAB's namespace: (rc, parsed JSON or None, stderr, seconds)."""
    args = list(args) + ["--json"]
    if lab is not None:
        rc, out, err, secs = lab.cli(*args, timeout=timeout)
    else:
        start = time.monotonic()
        p = subprocess.run([CLI] + args, capture_output=True, text=True, timeout=timeout)
        rc, out, err, secs = p.returncode, p.stdout, p.stderr, time.monotonic() - start
    try:
        doc = json.loads(out)
    except ValueError:
        doc = None
        print("not JSON (rc %d): %s %s" % (rc, out[:500], err[:500]))
    return rc, doc, err, secs


def probe_ms(doc):
    """The probe's own wall time (ms), as the CLI reports it."""
    return doc["probes"][0]["ms"] if doc and doc.get("probes") else None


def startup_seconds(lab=None):
    """Wall time of a CLI run that does no network work (a refused bad target): the process's own
    start and exit on this (possibly loaded) machine, added to timing bounds and printed."""
    rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", "0", lab=lab)
    return secs


def outcome(doc):
    return doc["probes"][0]["outcome"] if doc and doc.get("probes") else None


class Listener:
    """A TCP listener on 127.0.0.1 in this process. silent=True: backlog 0 with its one queue slot
    filled and never accepted, so the kernel drops every further SYN unanswered (a listener that
    does not answer, as a client sees a dropping firewall)."""

    def __init__(self, silent=False):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.filler = None
        if silent:
            self.sock.listen(0)
            self.filler = socket.create_connection(("127.0.0.1", self.port), timeout=2)
            time.sleep(0.05)
        else:
            self.sock.listen(16)

    def answer_after(self, seconds):
        """From SECONDS on, accept every queued connection (in a thread): the queue slot frees, and
        a client whose SYN was dropped is answered when it sends it again (Linux: after 1 s), as a
        slow or distant server answers late."""
        def drain():
            time.sleep(seconds)
            self.sock.settimeout(0.1)
            self.accepted = []
            while not self.closed:
                try:
                    self.accepted.append(self.sock.accept()[0])
                except OSError:
                    pass
        self.closed = False
        self.drainer = threading.Thread(target=drain, daemon=True)
        self.drainer.start()

    def close(self):
        self.closed = True
        if getattr(self, "drainer", None):
            self.drainer.join()
            for c in self.accepted:
                c.close()
        if self.filler:
            self.filler.close()
        self.sock.close()


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


NS_LISTENER = r"""
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(16)
print("ready", flush=True)
while True:
    c, _ = s.accept(); c.close()
"""


class NsListener:
    """A TCP listener inside network namespace NS on ADDR:PORT; a child process stopped by its PID."""

    def __init__(self, ns, addr, port):
        self.proc = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, "-c", NS_LISTENER, addr, str(port)],
                                     stdout=subprocess.PIPE, text=True)
        self.ready = self.proc.stdout.readline().strip() == "ready"

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def nc_open(host, port, wait, ns=None):
    """`nc -z -w WAIT HOST PORT` (in NS): (open?, seconds)."""
    cmd = ["nc", "-z", "-w", str(wait), host, str(port)]
    if ns:
        cmd = ["ip", "netns", "exec", ns] + cmd
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=wait + 10)
    return p.returncode == 0, time.monotonic() - start
