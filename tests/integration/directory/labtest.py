"""Shared by the lab integration tests: the CLI and lab.sh paths, check(), and lab.sh calls."""
import os
import subprocess

CLI = os.environ.get("SSOD_CLI", "build/app/ssodoctor-cli")
LAB = os.environ.get("SSOD_LAB_SH", os.path.join(os.path.dirname(__file__), "../../../scripts/lab.sh"))
failures = []


def check(cond, what):
    """Prints ok/FAIL for one expectation and remembers the failures."""
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def lab(*args, **kw):
    """Runs scripts/lab.sh with \a args, capturing its output."""
    return subprocess.run(["bash", LAB] + list(args), capture_output=True, text=True, **kw)
