#!/usr/bin/env python3
"""`spn duplicates` on a large directory, timed next to raw ldapsearch in the same run.

  bench/bench_spn_duplicates.py [--cli build/app/ssodoctor-cli] [--accounts 10000] [--dups 50]
                                [--runs 5] [--image DIR] [--rebuild-image]

Needs root and the lab packages (scripts/setup-debian.sh). Builds (once, cached; spn_image.py) a copy
of the lab's golden image with --accounts extra users holding 2 SPNs each and --dups forced
duplicate SPNs, starts a DC from it in its own isolated namespace (scripts/lab.sh up --image, state
/var/tmp/ssod-bench-state, namespace ssod-bench), gets the admin's ticket, and then, alternating,
--runs times each, inside the namespace (lab.sh exec): `ssodoctor-cli spn duplicates --dc dc1.lab.test`
(text and --json) and `ldapsearch -E pr=1000` paging the same attributes of the same accounts to
/dev/null. Both bind with SASL GSSAPI through the same libldap and Cyrus SASL with their default
security properties, so both negotiate the same security layer (sealing; ldapsearch's SSF is printed).
Prints best and median wall time, the ratio to ldapsearch (median over rounds of the paired runs),
client CPU and peak RSS (/usr/bin/time). Before timing, checks that ldapsearch returns every account
and SPN and that the CLI reports exactly the forced duplicates plus the lab's seeded two.
Goal (issue): within 1.2x of ldapsearch. The lab is torn down at the end, also on error.
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import spn_image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LAB = os.path.join(ROOT, "scripts", "lab.sh")
SEEDED_DUPS = {"http/portal.lab.test", "host/web02.lab.test"}


def run(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds, peak RSS (MiB), CPU seconds (user+sys), exit code and stderr of one run of cmd.

    RSS and CPU come from /usr/bin/time: the rusage of a child forked by Python would start from
    Python's own peak (fork and exec keep the high-water mark); time forks from a small process."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as usage:
        start = time.perf_counter()
        code = subprocess.call(["/usr/bin/time", "-o", usage.name, "-f", "%M %U %S"] + cmd, stdout=stdout, stderr=err)
        wall = time.perf_counter() - start
        err.seek(0)
        fields = usage.read().split()[-3:]  # after "Command exited with non-zero status N"
        return wall, int(fields[0]) / 1024.0, float(fields[1]) + float(fields[2]), code, \
            err.read().decode(errors="replace")


def captured(cmd, ok=(0,)):
    """stdout and stderr of cmd (checked exit code), via a file: no pipe deadlock, no timing."""
    with tempfile.TemporaryFile() as out:
        _, _, _, code, err = run(cmd, stdout=out)
        out.seek(0)
        text = out.read().decode(errors="replace")
    if code not in ok:
        sys.exit("failed (exit %d): %s\n%s%s" % (code, " ".join(cmd), text[-2000:], err[-2000:]))
    return text, err


def check_ldapsearch(out, err, args):
    """Every bench account with its SPNs (2 each + the forced duplicates) came back."""
    # LDIF: folded lines continue with a space; ldapsearch puts "# pagedresults" comments between pages
    entries = []
    for line in out.replace("\n ", "").splitlines():
        if line.startswith("dn:"):
            entries.append([])
        if entries and line and not line.startswith("#"):
            entries[-1].append(line)
    bench = [e for e in entries if any(l.startswith("sAMAccountName: bench") for l in e)]
    spns = sum(1 for e in bench for l in e if l.startswith("servicePrincipalName:"))
    if (len(bench), spns) != (args.accounts, 2 * args.accounts + args.dups):
        sys.exit("ldapsearch returned %d bench accounts with %d SPNs, want %d with %d"
                 % (len(bench), spns, args.accounts, 2 * args.accounts + args.dups))
    ssf = [l for l in err.splitlines() if "SSF" in l or "security layer" in l]
    print("ldapsearch: %d entries (%d bench accounts with %d SPNs); %s" % (len(entries), len(bench), spns, "; ".join(ssf)))


def check_cli(out, args):
    try:
        got = {d["spn"].lower(): sorted(a.lower() for a in d["accounts"]) for d in json.loads(out)}
    except (ValueError, KeyError, TypeError) as e:
        sys.exit("spn duplicates --json: unexpected output (%s): %s" % (e, out[:300]))
    want = {spn.lower(): sorted([a, b]) for spn, a, b in spn_image.forced_duplicates(args.accounts, args.dups)}
    missing = [s for s in list(want) + sorted(SEEDED_DUPS) if s not in got]
    wrong = [s for s in want if s in got and got[s] != want[s]]
    if missing or wrong or len(got) != len(want) + len(SEEDED_DUPS):
        sys.exit("spn duplicates reported %d, want %d (missing %s, wrong holders %s)"
                 % (len(got), len(want) + len(SEEDED_DUPS), missing[:5], wrong[:5]))
    print("spn duplicates: %d duplicated SPNs = %d forced + %d seeded, holders as forced"
          % (len(got), len(want), len(SEEDED_DUPS)))


def bench(args, exec_):
    lab_json = json.load(open(os.path.join(args.state, "lab.json")))
    kinit = subprocess.run(exec_ + ["kinit", "Administrator"], input=lab_json["admin"]["password"] + "\n",
                           capture_output=True, text=True, timeout=60)
    if kinit.returncode != 0:
        sys.exit("kinit failed: " + kinit.stderr)
    # by name: the DC's Kerberos service is ldap/dc1.lab.test (an IP finds no SPN); the name resolves
    # inside the namespace only (its /etc/hosts), never through the host's resolver
    dc = lab_json["dc"]["hostname"]
    cli = exec_ + [args.cli, "spn", "duplicates", "--dc", dc]
    ldap = exec_ + ["ldapsearch", "-LLL", "-Y", "GSSAPI", "-N", "-H", "ldap://" + dc, "-b", lab_json["base_dn"],
                    "-E", "pr=1000/noprompt", "(servicePrincipalName=*)", "sAMAccountName", "servicePrincipalName"]
    # correctness first (also warms the DC's caches): what ldapsearch returns, what the CLI reports
    check_ldapsearch(*captured(ldap), args)
    check_cli(captured(cli + ["--json"], ok=(0, 1))[0], args)
    text = captured(cli, ok=(0, 1))[0]
    if "Found %d duplicated SPNs" % (args.dups + len(SEEDED_DUPS)) not in text:
        sys.exit("spn duplicates (text) says: " + text[-300:])
    commands = [("ssodoctor-cli spn duplicates", cli), ("ssodoctor-cli spn duplicates --json", cli + ["--json"]),
                ("ldapsearch -E pr=1000 > /dev/null", ldap)]
    times = {label: [] for label, _ in commands}
    cpu = {label: [] for label, _ in commands}
    rss = {label: 0.0 for label, _ in commands}
    for r in range(args.runs):
        for label, cmd in commands[r % 3:] + commands[:r % 3]:  # rotated: no command always runs first
            wall, peak, secs, code, err = run(cmd)
            if code not in (0, 1):
                sys.exit("failed (exit %d): %s\n%s" % (code, " ".join(cmd), err[-2000:]))
            times[label].append(wall)
            cpu[label].append(secs)
            rss[label] = max(rss[label], peak)
    ref = commands[-1][0]
    print("\n%d accounts x 2 SPNs + %d forced duplicates; %d runs each, alternating\n"
          % (args.accounts, args.dups, args.runs))
    print("%-36s %7s %8s %9s %9s %9s" % ("command", "best s", "median s", "ratio", "client s", "peak MiB"))
    ratios = {}
    for label, _ in commands:
        # paired: each run against the ldapsearch run of the same round (next to it in time), so load
        # from other processes on the machine mostly cancels out
        ratios[label] = statistics.median(t / r for t, r in zip(times[label], times[ref]))
        print("%-36s %7.3f %8.3f %8.2fx %9.2f %9.1f" % (label, min(times[label]), statistics.median(times[label]),
                                                     ratios[label], statistics.median(cpu[label]), rss[label]))
    print("(ratio: median over the rounds of this run / ldapsearch's run in the same round; client s: median\n"
          " user+sys CPU of the client process, the rest of the wall time is the DC; peak: max RSS of any run)")
    worst = max(ratios[l] for l, _ in commands[:-1])
    print("goal <= 1.20x of ldapsearch: %s (%.2fx)" % ("met" if worst <= 1.2 else "NOT met", worst))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "ssodoctor-cli"))
    ap.add_argument("--accounts", type=int, default=10000)
    ap.add_argument("--dups", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=250, help="accounts per ldbadd transaction")
    ap.add_argument("--image", help="populated image dir (default /var/tmp/ssod-bench-<N>)")
    ap.add_argument("--rebuild-image", action="store_true")
    ap.add_argument("--state", default="/var/tmp/ssod-bench-state")
    ap.add_argument("--ns", default="ssod-bench")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("needs root (lab.sh: samba, network namespaces)")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("needs /usr/bin/time (Debian package time)")
    if not os.access(args.cli, os.X_OK):
        sys.exit("no ssodoctor-cli at %s (build it, or give --cli)" % args.cli)
    if not 0 <= 2 * args.dups <= args.accounts:
        sys.exit("--dups must be between 0 and --accounts/2")
    args.cli = os.path.abspath(args.cli)
    label = "%dk" % (args.accounts // 1000) if args.accounts % 1000 == 0 else str(args.accounts)
    image = args.image or "/var/tmp/ssod-bench-%s" % label
    info = spn_image.ensure_image(LAB, image, args.accounts, args.dups, args.chunk, args.rebuild_image)
    print("image %s: %d accounts, populated in %.1f s (%d per ldbadd) on %s"
          % (image, info["accounts"], info["populate_seconds"], info["chunk"], info["built"]))
    where = ["--state", args.state, "--ns", args.ns]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # still tears the lab down
    subprocess.run(["bash", LAB, "down"] + where, capture_output=True)  # a run killed earlier
    try:
        t0 = time.monotonic()
        up = subprocess.run(["bash", LAB, "up"] + where + ["--isolated", "--no-services", "--image", image],
                            capture_output=True, text=True, timeout=300)
        if up.returncode != 0:
            sys.exit("lab.sh up failed:\n" + up.stderr)
        print("DC up in %.1f s" % (time.monotonic() - t0))
        bench(args, ["bash", LAB, "exec"] + where)
    finally:
        down = subprocess.run(["bash", LAB, "down"] + where, capture_output=True, text=True, timeout=120)
        if down.returncode != 0:
            print("lab.sh down failed:\n" + down.stderr, file=sys.stderr)


if __name__ == "__main__":
    main()
