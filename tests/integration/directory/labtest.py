"""What the directory lab tests share: their own isolated lab (scripts/lab.sh) in a namespace named
after the test and its PID, the CLI run inside it, and the ok/FAIL checklist.
"""
import json
import os
import shutil
import subprocess
import tempfile
import time

CLI = os.environ.get("SSOD_CLI", "build/app/ssodoctor-cli")
LAB = os.environ.get("SSOD_LAB_SH", os.path.join(os.path.dirname(__file__), "../../../scripts/lab.sh"))


class LabTest:
    def __init__(self, ns_prefix, services=False):
        """services: start the lab services (scripts/lab-services.sh: web SSO, TLS, RDP) too."""
        self.ns = "%s%d" % (ns_prefix, os.getpid())
        self.services = services
        self.state = None
        self.failures = []
        self.timings = []

    def check(self, cond, what):
        print(("ok   " if cond else "FAIL ") + what, flush=True)
        if not cond:
            self.failures.append(what)

    def lab(self, *args, **kw):
        return subprocess.run(["bash", LAB] + list(args), capture_output=True, text=True, **kw)

    def exec(self, *cmd, stdin=None, timeout=60):
        """Runs CMD inside the lab namespace with the lab's krb5.conf and ticket cache."""
        return subprocess.run(["bash", LAB, "exec", "--state", self.state, "--ns", self.ns] + list(cmd),
                              input=stdin, capture_output=True, text=True, timeout=timeout)

    def cli(self, *args, stdin=None, timeout=60):
        """ssodoctor-cli ARGS in the lab: (exit code, stdout, stderr, seconds)."""
        start = time.monotonic()
        p = self.exec(CLI, *args, stdin=stdin, timeout=timeout)
        secs = time.monotonic() - start
        self.timings.append(secs)
        return p.returncode, p.stdout, p.stderr, secs

    def manifest(self):
        return json.load(open(os.path.join(self.state, "lab.json")))

    def kinit_admin(self):
        m = self.manifest()
        k = self.exec("kinit", "Administrator", stdin=m["admin"]["password"] + "\n")
        self.check(k.returncode == 0, "kinit Administrator in the lab namespace")

    SILENT = "10.77.5.5"

    def silent_address(self):
        """TESTBED.md "Silent addresses": a veth from the lab namespace into an empty one and a
        neighbour that never answers, so SILENT drops every packet; removed by main(). True when set up."""
        self.blackhole = "ssod-bh%d" % os.getpid()
        va, vb = ("vA%d" % os.getpid())[:15], ("vB%d" % os.getpid())[:15]
        cmds = [["ip", "netns", "add", self.blackhole], ["ip", "link", "add", va, "type", "veth", "peer", "name", vb],
                ["ip", "link", "set", va, "netns", self.ns], ["ip", "link", "set", vb, "netns", self.blackhole],
                ["ip", "-n", self.ns, "link", "set", va, "up"], ["ip", "-n", self.blackhole, "link", "set", vb, "up"],
                ["ip", "-n", self.ns, "route", "add", "10.77.5.0/24", "dev", va],
                ["ip", "-n", self.ns, "neigh", "replace", self.SILENT, "lladdr", "02:00:00:00:00:05", "dev", va,
                 "nud", "permanent"]]
        for c in cmds:
            p = subprocess.run(c, capture_output=True, text=True)
            if p.returncode != 0:
                print("silent address: %s failed: %s" % (" ".join(c), p.stderr.strip()))
                return False
        return True

    def main(self, run, cleanup=None, after_down=None):
        """Brings the lab up, calls run(self), takes it down, then calls after_down(self) (e.g. to
        check nothing is left); 77 (skipped) without root or Samba."""
        if os.geteuid() != 0 or not shutil.which("samba") or not shutil.which("samba-tool"):
            print("skipped: needs root and the lab packages (scripts/setup-debian.sh)")
            return 77
        self.state = tempfile.mkdtemp(prefix="ssod-lab-test-")
        os.rmdir(self.state)  # lab.sh creates it
        up = self.lab("up", "--state", self.state, "--ns", self.ns, "--isolated",
                      "--services" if self.services else "--no-services", timeout=600)
        if up.returncode != 0:
            print(up.stdout, up.stderr)
            return 1
        try:
            run(self)
        finally:
            if cleanup:
                cleanup()
            if getattr(self, "blackhole", None):
                subprocess.run(["ip", "netns", "del", self.blackhole], capture_output=True)
            down = self.lab("down", "--state", self.state, "--ns", self.ns, timeout=120)
            if down.returncode != 0:
                print(down.stdout, down.stderr)
            self.check(down.returncode == 0, "lab.sh down")
            if after_down:
                after_down(self)
        print("%d failure(s)" % len(self.failures))
        return 1 if self.failures else 0
