#!/usr/bin/env python3
"""Large-file benchmark: the commands a support engineer runs against a full HKLM export.

  bench_large.py --cli build/app/ssodoctor-cli [--baseline-cli OLD/ssodoctor-cli] [--mb 100] [--runs 3]
                 [--dir /tmp/ssod-bench]

Generates a realistic ~100 MB UTF-16LE export (gen_big_reg.py, never committed), then times as
whole processes: iconv -f utf-16le -t utf-8 (the reference), plan, evaluate delegation, evaluate
browser (Chrome and IE), convert to .pol and to .reg. Prints MB/s (file size / best wall time of
--runs), the ratio to iconv measured in the same run, and each command's peak RSS (getrusage of
the child). With --baseline-cli the same commands also run with that binary (e.g. a build of an
older commit), so before and after come from one run. Goals (issue 6): plan/evaluate >= 250 MB/s with peak RSS <= 150 MB; convert >= 100 MB/s.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds, peak RSS (MiB) and exit code of one run of cmd as a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code, err


def best(cmd, runs, ok_codes=(0, 1), stdout=subprocess.DEVNULL):
    results = []
    for _ in range(runs):
        wall, rss, code, err = run(cmd, stdout)
        if code not in ok_codes:
            sys.exit("command failed (exit %d): %s\n%s" % (code, " ".join(cmd), err))
        results.append((wall, rss))
    return min(r[0] for r in results), max(r[1] for r in results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--baseline-cli", help="an older ssodoctor-cli to compare with")
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/ssod-bench")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    # "-v2": keys no longer repeat, as in a real export (files of the first generator are not reused).
    big = os.path.join(args.dir, "hklm-%gmb-v2.reg" % args.mb)
    if not os.path.exists(big):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_big_reg.py"), big, "--mb", str(args.mb)], check=True)
    size_mb = os.path.getsize(big) / 1e6
    # Warm the page cache so every command reads from memory, as iconv does.
    with open(big, "rb") as f:
        while f.read(1 << 24):
            pass
    pol = os.path.join(args.dir, "out.pol")
    reg = os.path.join(args.dir, "out.reg")
    backup = os.path.join(args.dir, "matching-backup.reg")
    with open(backup, "w", newline="") as f:
        f.write("Windows Registry Editor Version 5.00\r\n\r\n"
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot]\r\n"
                "\"DisableRootAutoUpdate\"=dword:00000000\r\n")

    def cases(cli):
        return [
            ("plan certs.disable-root-auto-update", [cli, "plan", "certs.disable-root-auto-update", "--against", big], (0, 1)),
            ("evaluate delegation", [cli, "evaluate", "delegation", "--server", "rdsh01.contoso.com", "--against", big],
             (0, 1)),
            ("evaluate browser chrome", [cli, "evaluate", "browser", "--url", "https://portal.contoso.com/", "--browser",
                                         "chrome", "--against", big], (0, 1)),
            ("evaluate browser ie", [cli, "evaluate", "browser", "--url", "https://portal.contoso.com/", "--browser",
                                     "ie", "--against", big], (0, 1)),
            # The whole file read into a tree, as plan did before it read only its keys: undo reads
            # its target whole and, with a backup the file already matches, changes nothing.
            ("full read (undo, nothing to restore)", [cli, "undo", "--backup", backup, "--to", big], (0,)),
            ("convert -> .pol", [cli, "convert", big, pol], (0,)),
            ("convert -> .reg", [cli, "convert", big, reg], (0,)),
        ]

    print("file: %s (%.1f MB, UTF-16LE), best of %d runs" % (big, size_mb, args.runs))
    print("%-44s %8s %9s %8s %10s" % ("command", "seconds", "MB/s", "x iconv", "peak RSS"))
    wall, rss = best(["iconv", "-f", "utf-16le", "-t", "utf-8", big], args.runs, (0,))
    iconv_rate = size_mb / wall
    print("%-44s %8.3f %9.1f %8.2f %7.1f MB" % ("iconv -f utf-16le -t utf-8", wall, iconv_rate, 1.0, rss))
    runs = [("", os.path.abspath(args.cli))]
    if args.baseline_cli:
        runs.insert(0, ("before: ", os.path.abspath(args.baseline_cli)))
    for label, cli in runs:
        for name, cmd, codes in cases(cli):
            wall, rss = best(cmd, args.runs, codes)
            rate = size_mb / wall
            print("%-44s %8.3f %9.1f %8.2f %7.1f MB" % (label + name, wall, rate, rate / iconv_rate, rss))
            sys.stdout.flush()
    for f in (pol, reg):
        if os.path.exists(f):
            os.remove(f)


if __name__ == "__main__":
    main()
