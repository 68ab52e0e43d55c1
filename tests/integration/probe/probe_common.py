"""What the probe integration tests share: the CLI, free loopback ports, bounded waits, processes
stopped by PID, a private network namespace with a silently dropping address, and the ok/FAIL list.
"""
import json
import os
import socket
import subprocess
import sys
import time

CLI = os.environ.get("SSOD_CLI", "build/app/ssodoctor-cli")
SILENT = "10.77.5.5"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, host="127.0.0.1", limit=10.0, ns=None):
    """True once HOST:PORT accepts a connection (inside NS when given), within LIMIT seconds."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if ns:
            ok = subprocess.run(["ip", "netns", "exec", ns, "nc", "-z", "-w", "1", host, str(port)]).returncode == 0
        else:
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    ok = True
            except OSError:
                ok = False
        if ok:
            return True
        time.sleep(0.1)
    return False


def stop(proc, grace=3.0):
    """Stops PROC (a Popen) by its PID: SIGTERM, then SIGKILL after GRACE seconds."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(grace)


class Checks:
    def __init__(self):
        self.failures = []

    def check(self, cond, what):
        print(("ok   " if cond else "FAIL ") + what, flush=True)
        if not cond:
            self.failures.append(what)

    def finish(self):
        if self.failures:
            print("%d check(s) failed:" % len(self.failures))
            for f in self.failures:
                print("  - " + f)
            return 1
        print("all checks passed")
        return 0


def cli_json(args, ns=None, timeout=60):
    """Runs `ssodoctor-cli ARGS --json` (inside NS when given): (exit code, parsed JSON or None,
    seconds, stderr)."""
    cmd = ([ "ip", "netns", "exec", ns] if ns else []) + [CLI] + list(args) + ["--json"]
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    secs = time.monotonic() - start
    try:
        out = json.loads(p.stdout)
    except ValueError:
        out = None
        sys.stderr.write("not JSON: %r\n%s\n" % (p.stdout[:500], p.stderr[:2000]))
    return p.returncode, out, secs, p.stderr


def findings(out, fid=None):
    fs = (out or {}).get("findings", [])
    return [f for f in fs if fid is None or f["id"] == fid]


def finding(out, fid):
    fs = findings(out, fid)
    return fs[0] if fs else None


def probe_ms(out):
    """The probe's own wall time as the CLI reports it (without process start-up)."""
    probes = (out or {}).get("probes", [])
    return probes[0].get("ms", 10 ** 9) if probes else 10 ** 9


def probe_data(out):
    probes = (out or {}).get("probes", [])
    return probes[0].get("data", {}) if probes else {}


class SilentNamespace:
    """TESTBED.md "Silent addresses": a namespace NS (loopback up) with a veth into an empty
    namespace and a permanent neighbour entry, so SILENT drops every packet. Run clients and
    servers inside with `ip netns exec NS`; close() deletes both namespaces."""

    def __init__(self, prefix="ssodp"):
        pid = os.getpid()
        self.ns = "%s%d" % (prefix, pid)
        self.blk = "%sb%d" % (prefix, pid)
        va, vb = ("vpa%d" % pid)[:15], ("vpb%d" % pid)[:15]
        cmds = [["ip", "netns", "add", self.ns], ["ip", "netns", "add", self.blk],
                ["ip", "-n", self.ns, "link", "set", "lo", "up"],
                ["ip", "link", "add", va, "type", "veth", "peer", "name", vb],
                ["ip", "link", "set", va, "netns", self.ns], ["ip", "link", "set", vb, "netns", self.blk],
                ["ip", "-n", self.ns, "link", "set", va, "up"], ["ip", "-n", self.blk, "link", "set", vb, "up"],
                ["ip", "-n", self.ns, "route", "add", "10.77.5.0/24", "dev", va],
                ["ip", "-n", self.ns, "neigh", "replace", SILENT, "lladdr", "02:00:00:00:00:05", "dev", va,
                 "nud", "permanent"]]
        self.ok = True
        for c in cmds:
            if subprocess.run(c, capture_output=True).returncode != 0:
                self.ok = False
                break

    def close(self):
        for n in (self.ns, self.blk):
            subprocess.run(["ip", "netns", "del", n], capture_output=True)


def can_use_namespaces():
    return os.geteuid() == 0 and subprocess.run(["ip", "netns", "list"], capture_output=True).returncode == 0
