"""What the probe lab tests share: LabTest from the directory tests (imported by path) and running
`ssodoctor-cli probe ... --json` inside the lab namespace."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../directory"))
from labtest import CLI, LabTest  # noqa: E402,F401


def probe(t, kind, *args, prefix=(), timeout=60):
    """(exit code, parsed --json or None, seconds): PREFIX runs before the CLI (env, faketime)."""
    import time
    start = time.monotonic()
    p = t.exec(*prefix, CLI, "probe", kind, *args, "--json", timeout=timeout)
    secs = time.monotonic() - start
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        print("not JSON:\n%s\n%s" % (p.stdout, p.stderr))
        doc = None
    return p.returncode, doc, secs


def by_id(doc):
    return {f["id"]: f for f in (doc or {}).get("findings", [])}


def data(doc):
    return (doc or {}).get("probes", [{}])[0].get("data", {})


def evidence(finding, label):
    for e in finding.get("evidence", []):
        if e["label"] == label:
            return e["value"]
    return None
