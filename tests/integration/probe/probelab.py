"""What the probe lab tests share: LabTest from the directory tests (imported by path) and running
`ssodoctor-cli probe ... --json` inside the lab namespace."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../directory"))
from labtest import CLI, LabTest  # noqa: E402,F401
from probe_common import probe_data as data  # noqa: E402,F401


# Runs the command after it and prints its own wall time, so a timing excludes lab.sh and netns exec.
TIMER = ("python3", "-c", "import subprocess, sys, time\n"
         "s = time.monotonic(); r = subprocess.run(sys.argv[1:])\n"
         "sys.stderr.write('SSOD_ELAPSED %f\\n' % (time.monotonic() - s)); sys.exit(r.returncode)")


def probe(t, kind, *args, prefix=(), timeout=60):
    """(exit code, parsed --json or None, seconds): PREFIX runs before the CLI (env, faketime); the
    seconds are the CLI's own wall time, measured inside the namespace."""
    p = t.exec(*TIMER, *prefix, CLI, "probe", kind, *args, "--json", timeout=timeout)
    m = re.search(r"SSOD_ELAPSED ([0-9.]+)", p.stderr)
    secs = float(m.group(1)) if m else float("inf")
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        print("not JSON:\n%s\n%s" % (p.stdout, p.stderr))
        doc = None
    return p.returncode, doc, secs


def by_id(doc):
    return {f["id"]: f for f in (doc or {}).get("findings", [])}


def evidence(finding, label):
    for e in finding.get("evidence", []):
        if e["label"] == label:
            return e["value"]
    return None
