#!/usr/bin/env python3
"""Runs a test program inside a fresh, isolated lab domain (scripts/lab.sh): brings the Samba AD DC
up in a namespace of its own, takes an admin Kerberos ticket, runs the program there with
SSOD_LAB_JSON (the manifest) and SSOD_TEST_DC (the DC's host name) set, and tears the lab down.

    run_in_lab.py [--silent] [--services] PROGRAM [ARGS...]

--services also starts the lab's services (scripts/lab-services.sh: web SSO, TLS endpoints, RDP).
--silent also sets up an address that drops every packet (TESTBED.md "Silent addresses") and
passes it as SSOD_TEST_SILENT_DC, for timeout and cancel tests.

Needs root and the lab packages; otherwise exits 77 (CTest: skipped).
"""
import os
import subprocess
import sys

from labtest import LAB, LabTest


def main(argv):
    silent = "--silent" in argv[1:3]
    services = "--services" in argv[1:3]
    argv = argv[:1] + [a for i, a in enumerate(argv[1:]) if not (i < 2 and a in ("--silent", "--services"))]
    t = LabTest("ssod-q", services=services)
    result = {}

    def run(lab):
        lab.kinit_admin()
        m = lab.manifest()
        env = ["env", "SSOD_LAB_JSON=" + os.path.join(lab.state, "lab.json"), "SSOD_TEST_DC=" + m["dc"]["hostname"],
               "QT_QPA_PLATFORM=offscreen"]
        if silent and lab.silent_address():
            env.append("SSOD_TEST_SILENT_DC=" + lab.SILENT)
        p = subprocess.run(["bash", LAB, "exec", "--state", lab.state, "--ns", lab.ns] + env + argv[1:], timeout=1200)
        result["rc"] = p.returncode
        lab.check(p.returncode == 0, "%s exit code %d" % (os.path.basename(argv[1]), p.returncode))

    rc = t.main(run)
    return rc if rc == 77 else (result.get("rc", 1) or rc)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
