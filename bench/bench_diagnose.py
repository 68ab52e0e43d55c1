#!/usr/bin/env python3
"""`diagnose` on the lab next to a shell script doing the same checks one after another.

  sudo bench/bench_diagnose.py [--cli build/app/ssodoctor-cli] [--timeout 2] [--runs 3]

Needs root and the lab packages. Starts an isolated lab WITH its services (scripts/lab.sh up
--services: Apache with Kerberos, TLS endpoints, RDP hosts) in its own namespace, adds three
silently dropping addresses (TESTBED.md "Silent addresses": a veth into an empty namespace and a
permanent neighbour per address, so every packet leaves and nothing answers), gets the admin's
ticket, and then, alternating, --runs times each, inside the namespace:

  ssodoctor-cli diagnose --scenario web --target URL… --dc 10.77.0.2 --timeout T --json
  a bash script that runs, one after another, what a support engineer types for the same checks:
  dig (A), nc -z (each port), kvno (the SPN), ldapsearch (who holds the SPN), curl --negotiate (the
  URL), openssl s_client (https), and once nc -z to the KDC and ldapsearch of the DC's currentTime

Targets: the lab's working and broken web SSO names, a CNAME, two TLS endpoints and three silent
addresses, so each silent check waits its full timeout. Prints the number of probes, the wall time,
the slowest single probe (its own "ms"), the ratio wall/slowest (goal <= 1.2) and script/diagnose
(goal >= 5), medians over the runs. The lab is torn down at the end, also on error.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "integration", "directory"))
import labtest  # noqa: E402

SILENT = ["10.77.5.5", "10.77.5.6", "10.77.5.7"]
TARGETS = ["http://sso.lab.test/secure", "http://nosso.lab.test/secure", "http://ssoalias.lab.test/secure",
           "https://tls-ok.lab.test/", "https://tls-expired.lab.test/"] + ["http://%s/" % a for a in SILENT]


def script(timeout):
    """The same checks as a bash script, one after another (as a support engineer runs them)."""
    # nc -w and dig +time take whole seconds (nc -w 2.0 is refused at once, as an invalid timeout).
    lines = ["set +e", "T=%d" % max(1, round(timeout))]
    for url in TARGETS:
        scheme, rest = url.split("://", 1)
        host = rest.split("/", 1)[0]
        port = 443 if scheme == "https" else 80
        lines += [
            "dig +short +time=$T +tries=1 A %s @10.77.0.2 >/dev/null" % host,
            "nc -z -w $T %s %d" % (host, port),
            "kvno HTTP/%s >/dev/null 2>&1" % host,
            # who holds the SPN (setspn -Q): what the spn probe asks the directory
            "ldapsearch -Q -Y GSSAPI -H ldap://dc1.lab.test -o nettimeout=$T -b DC=lab,DC=test "
            "'(servicePrincipalName=HTTP/%s)' sAMAccountName >/dev/null 2>&1" % host,
            "curl -s -o /dev/null --negotiate -u : --connect-timeout $T --max-time $T %s%s" %
            ("--cacert \"$CA\" " if scheme == "https" else "", url),
        ]
        if scheme == "https":
            lines.append("timeout $T openssl s_client -connect %s:%d -servername %s -CAfile \"$CA\" </dev/null "
                         ">/dev/null 2>&1" % (host, port, host))
    lines += ["nc -z -w $T 10.77.0.2 88",
              "ldapsearch -x -H ldap://10.77.0.2 -s base -b '' currentTime -o nettimeout=$T >/dev/null"]
    # Each command's own time on stderr ("T <seconds> <command>"), to show where the script waits.
    timed = []
    for l in lines[2:]:
        timed.append('s=$(date +%%s.%%N); %s; echo "T $(echo "$(date +%%s.%%N) - $s" | bc) %s" >&2' % (l, l.split()[0] + " " + l.split()[-1]))
    return "\n".join(lines[:2] + timed) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "ssodoctor-cli"))
    ap.add_argument("--timeout", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.environ["SSOD_CLI"] = os.path.abspath(args.cli)
    labtest.CLI = os.path.abspath(args.cli)
    t = labtest.LabTest("ssod-bd", services=True)
    results = {"diagnose": [], "script": [], "slowest": [], "probes": 0}

    def run(t):
        t.kinit_admin()
        if not t.silent_address():
            sys.exit("could not set up the silent addresses")
        for i, a in enumerate(SILENT[1:], start=6):
            subprocess.run(["ip", "-n", t.ns, "neigh", "replace", a, "lladdr", "02:00:00:00:00:%02x" % i,
                            "dev", ("vA%d" % os.getpid())[:15], "nud", "permanent"], check=True)
        ca = os.path.join(t.state, "services", "ca.pem")
        body = script(args.timeout)
        cmd = ["diagnose", "--scenario", "web", "--dc", "10.77.0.2", "--ca-file", ca,
               "--timeout", str(args.timeout), "--json"]
        for u in TARGETS:
            cmd += ["--target", u]
        for _ in range(args.runs):
            start = time.monotonic()
            code, out, err, secs = t.cli(*cmd, timeout=120)
            wall = time.monotonic() - start
            doc = json.loads(out)
            results["probes"] = len(doc["probes"])
            results["diagnose"].append(wall)
            results["slowest"].append(max(p["ms"] for p in doc["probes"]) / 1000.0)
            start = time.monotonic()
            p = t.exec("env", "CA=" + ca, "bash", "-c", body, timeout=600)
            results["script"].append(time.monotonic() - start)
            steps = sorted((float(l.split()[1]), " ".join(l.split()[2:])) for l in p.stderr.splitlines()
                           if l.startswith("T "))
            results["steps"] = steps
        silent = [p for p in doc["probes"] if any(a in p["target"] for a in SILENT)]
        print("probes: %d (%d on silent addresses), errors: %d findings" % (
            results["probes"], len(silent), sum(1 for f in doc["findings"] if f["severity"] == "error")))

    rc = t.main(run)
    if not results["diagnose"]:
        return rc or 1
    d = statistics.median(results["diagnose"])
    s = statistics.median(results["script"])
    slow = statistics.median(results["slowest"])
    steps = results.get("steps", [])
    print("script: %d commands, the slowest: %s" % (len(steps), ", ".join("%s %.2f s" % (c, x) for x, c in steps[-12:])))
    print("diagnose wall (process, median of %d): %.2f s" % (args.runs, d))
    print("slowest single probe (its own ms): %.2f s -> wall/slowest = %.2fx (goal <= 1.2x)" % (slow, d / slow))
    print("sequential script (dig, nc, kvno, curl --negotiate, openssl s_client): %.2f s -> %.1fx faster (goal >= 5x)"
          % (s, s / d))
    return rc


if __name__ == "__main__":
    sys.exit(main())
