"""Shared by the Python tests that run against the lab domain (scripts/lab.sh): ok/FAIL lines, the
list of failures, and lab.sh calls."""
import os
import subprocess

LAB = os.environ.get("SSOD_LAB_SH", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../scripts/lab.sh"))
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def lab(*args, **kw):
    return subprocess.run(["bash", LAB] + list(args), capture_output=True, text=True, **kw)
