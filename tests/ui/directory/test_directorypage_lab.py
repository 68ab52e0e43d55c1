#!/usr/bin/env python3
"""The GUI Directory page (tst_directorypage, offscreen) against a real Samba AD DC (scripts/lab.sh).

Brings up an isolated lab in its own namespace, gets the administrator's Kerberos ticket there,
sets up a silently dropping address (TESTBED.md "Silent addresses") for the timeout and cancel
tests, runs the QTest binary inside the namespace with the manifest (SSOD_LAB_JSON), and tears
everything down. With SSOD_DIRECTORY_SCREENSHOTS=DIR the test also saves screenshots there
(scripts/screenshots.sh --directory does that for docs/).

Needs root and the lab packages; otherwise it is skipped (exit 77).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TEST = os.environ.get("SSOD_DIRECTORYPAGE_TEST", "build/tests/ui/directory/tst_directorypage")
LAB = os.environ.get("SSOD_LAB_SH", os.path.join(os.path.dirname(__file__), "../../../scripts/lab.sh"))
NS = "ssod-g%d" % os.getpid()
BLK = "ssod-gb%d" % os.getpid()
SILENT = "10.77.5.5"


def lab(*args, **kw):
    return subprocess.run(["bash", LAB] + list(args), capture_output=True, text=True, **kw)


def silent_address():
    """A veth from the lab namespace into an empty one, and a neighbour that never answers."""
    va, vb = "vgA%d" % os.getpid(), "vgB%d" % os.getpid()
    va, vb = va[:15], vb[:15]
    cmds = [["ip", "netns", "add", BLK], ["ip", "link", "add", va, "type", "veth", "peer", "name", vb],
            ["ip", "link", "set", va, "netns", NS], ["ip", "link", "set", vb, "netns", BLK],
            ["ip", "-n", NS, "link", "set", va, "up"], ["ip", "-n", BLK, "link", "set", vb, "up"],
            ["ip", "-n", NS, "route", "add", "10.77.5.0/24", "dev", va],
            ["ip", "-n", NS, "neigh", "replace", SILENT, "lladdr", "02:00:00:00:00:05", "dev", va, "nud", "permanent"]]
    for c in cmds:
        p = subprocess.run(c, capture_output=True, text=True)
        if p.returncode != 0:
            print("silent address: %s failed: %s" % (" ".join(c), p.stderr.strip()))
            return False
    return True


def main():
    if os.geteuid() != 0 or not shutil.which("samba") or not shutil.which("samba-tool"):
        print("skipped: needs root and the lab packages (scripts/setup-debian.sh)")
        return 77
    if not os.path.exists(TEST):
        print("tst_directorypage not built: %s" % TEST)
        return 1
    state = tempfile.mkdtemp(prefix="ssod-lab-gui-")
    os.rmdir(state)  # lab.sh creates it
    t0 = time.monotonic()
    up = lab("up", "--state", state, "--ns", NS, "--isolated", timeout=600)
    if up.returncode != 0:
        print(up.stdout, up.stderr)
        return 1
    print("lab up after %.1f s" % (time.monotonic() - t0), flush=True)
    try:
        manifest = json.load(open(os.path.join(state, "lab.json")))
        kinit = subprocess.run(["bash", LAB, "exec", "--state", state, "--ns", NS, "kinit", "Administrator"],
                               input=manifest["admin"]["password"] + "\n", capture_output=True, text=True, timeout=60)
        if kinit.returncode != 0:
            print("kinit failed:", kinit.stdout, kinit.stderr)
            return 1
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   SSOD_LAB_JSON=os.path.join(state, "lab.json"), SSOD_TEST_DC=manifest["dc"]["ip"])
        if silent_address():
            env["SSOD_TEST_SILENT_DC"] = SILENT
        t1 = time.monotonic()
        p = subprocess.run(["bash", LAB, "exec", "--state", state, "--ns", NS, TEST] + sys.argv[1:],
                           env=env, timeout=400)
        print("tst_directorypage: exit %d after %.1f s" % (p.returncode, time.monotonic() - t1), flush=True)
        return 0 if p.returncode == 0 else 1
    finally:
        subprocess.run(["ip", "netns", "del", BLK], capture_output=True)
        down = lab("down", "--state", state, "--ns", NS, timeout=120)
        if down.returncode != 0:
            print(down.stdout, down.stderr)
        print("total %.1f s" % (time.monotonic() - t0))


if __name__ == "__main__":
    sys.exit(main())
