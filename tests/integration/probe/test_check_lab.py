#!/usr/bin/env python3
"""`check iis` against the lab's real directory (Samba AD DC, GSSAPI with the admin's ticket): the
applicationHost.config of tests/data/iis names the lab's hosts, and each HTTP/ SPN it needs is looked
up: HTTP/sso.lab.test is held by sso_http, the pool's account (ok); HTTP/portal.lab.test is the lab's
seeded duplicate. Also the exit codes. Needs root.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(HERE, "..", "directory"))
from labtest import LabTest  # noqa: E402

CONFIG = os.path.join(ROOT, "tests", "data", "iis", "applicationHost.config")


def by_subject(doc):
    out = {}
    for f in doc.get("findings", []):
        out.setdefault(f["subject"], []).append(f)
    return out


def run(t):
    t.kinit_admin()
    code, out, err, _ = t.cli("check", "iis", "--config", CONFIG, "--computer", "WEB01", "--dc", "dc1.lab.test", "--json")
    try:
        doc = json.loads(out)
    except ValueError:
        print(out, err)
        doc = {}
    s = by_subject(doc)
    print(json.dumps({k: [f["id"] for f in v] for k, v in s.items()}, indent=1))
    t.check(code == 1, "check iis: exit 1 (errors in the configuration)")
    t.check(doc.get("directory") and "dc1.lab.test" in doc["directory"], "check iis: asked the lab's DC")
    ok = [f for f in s.get("HTTP/sso.lab.test", []) if f["id"] == "iis.spn-ok"]
    t.check(len(ok) == 1 and "sso_http" in ok[0]["title"], "HTTP/sso.lab.test is held by sso_http, the pool's account")
    dup = [f for f in s.get("HTTP/portal.lab.test", []) if f["id"] == "iis.spn-duplicate"]
    t.check(len(dup) == 1 and "svc_portal_old" in dup[0]["title"] and dup[0]["fix"]["id"] == "spn-duplicates",
            "HTTP/portal.lab.test: the seeded duplicate is named, fix spn-duplicates")
    t.check(any(f["id"] == "iis.app-pool-credentials" for f in s.get("Intranet", [])),
            "Intranet: the missing useAppPoolCredentials is an error")
    # Without a directory the SPNs are only said, and a broken file is exit 2 naming its line.
    code, out, err, _ = t.cli("check", "iis", "--config", CONFIG, "--json")
    t.check(code == 1 and '"iis.spn-needed"' in out and '"iis.spn-ok"' not in out, "without CONN: the SPNs are said, not looked up")
    bad = os.path.join(t.state, "broken.config")
    with open(bad, "w") as f:
        f.write("<configuration>\n<system.applicationHost>\n</configuration>\n")
    code, out, err, _ = t.cli("check", "iis", "--config", bad)
    t.check(code == 2 and bad in err and "line 3" in err, "a malformed file: exit 2 naming the file and line (%s)" % err.strip())


if __name__ == "__main__":
    sys.exit(LabTest("ssod-ck").main(run))
