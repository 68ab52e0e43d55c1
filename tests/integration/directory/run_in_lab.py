#!/usr/bin/env python3
"""Runs a test program inside a fresh, isolated lab domain (scripts/lab.sh): brings the Samba AD DC
up in a namespace of its own, takes an admin Kerberos ticket, runs the program there with
SSOD_LAB_JSON (the manifest) and SSOD_TEST_DC (the DC's host name) set, and tears the lab down.

    run_in_lab.py PROGRAM [ARGS...]

Needs root and the lab packages; otherwise exits 77 (CTest: skipped).
"""
import os
import shutil
import subprocess
import sys
import tempfile

from labtest import LAB, lab


def main(argv):
    if os.geteuid() != 0 or not shutil.which("samba"):
        print("skipped: needs root and the lab packages (scripts/setup-debian.sh)")
        return 77
    ns = "ssod-q%d" % os.getpid()
    state = tempfile.mkdtemp(prefix="ssod-lab-qtest-")
    os.rmdir(state)
    up = lab("up", "--state", state, "--ns", ns, "--isolated", timeout=600)
    if up.returncode != 0:
        print(up.stdout, up.stderr)
        return 1
    try:
        import json
        manifest = json.load(open(os.path.join(state, "lab.json")))
        run = ["bash", LAB, "exec", "--state", state, "--ns", ns]
        kinit = subprocess.run(run + ["kinit", "Administrator"], input=manifest["admin"]["password"] + "\n",
                               capture_output=True, text=True, timeout=60)
        if kinit.returncode != 0:
            print("kinit failed:", kinit.stderr)
            return 1
        env = dict(os.environ, SSOD_LAB_JSON=os.path.join(state, "lab.json"),
                   SSOD_TEST_DC=manifest["dc"]["hostname"], QT_QPA_PLATFORM="offscreen")
        return subprocess.run(run + ["env", "SSOD_LAB_JSON=" + env["SSOD_LAB_JSON"],
                                     "SSOD_TEST_DC=" + env["SSOD_TEST_DC"], "QT_QPA_PLATFORM=offscreen"] + argv[1:],
                              env=env, timeout=1200).returncode
    finally:
        lab("down", "--state", state, "--ns", ns, timeout=120)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
