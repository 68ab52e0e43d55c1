#!/usr/bin/env python3
"""Hostile answers end within the timeout with a clear finding and bounded memory: the dns,
kerberos, clock and tls probes (and a whole diagnose run) against servers that answer garbage, cut
their answer short, never stop talking, or accept and say nothing (hostile_servers.py), on the
standard ports of 127.0.0.1 inside a private network namespace this test creates (its resolver
is the hostile DNS server, so no name leaves the namespace). The rdp and http probes have their own
hostile cases in test_rdp_probe.py and test_http_probe_lab.py. Needs root (namespaces), skipped
otherwise.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from probe_common import Checks, can_use_namespaces  # noqa: E402

CLI = os.environ.get("SSOD_CLI", "build/app/ssodoctor-cli")
TIMEOUT = 3
RSS_LIMIT_KB = 200 * 1024
MODES = ("garbage", "truncated", "endless", "silent")
REALM = "HOSTILE.TEST"

PROBES = [
    ("dns", ["probe", "dns", "web.hostile.test", "--server", "127.0.0.1"]),
    ("dns-srv", ["probe", "dns", "hostile.test", "--srv", "--server", "127.0.0.1"]),
    ("kerberos", ["probe", "kerberos", "HTTP/web.hostile.test", "--kdc", "127.0.0.1", "--realm", REALM]),
    ("clock", ["probe", "clock", "127.0.0.1", "--realm", REALM, "--method", "both"]),
    ("tls", ["probe", "tls", "127.0.0.1:443", "--name", "web.hostile.test"]),
]


def run_in(ns, env, args, timeout):
    """(exit code, JSON or None, wall seconds, max RSS KiB or None) of ssodoctor-cli ARGS in NS."""
    cmd = ["ip", "netns", "exec", ns, "env"] + ["%s=%s" % kv for kv in env.items()] + \
          ["/usr/bin/time", "-f", "MAXRSS %M", CLI] + args
    start = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    secs = time.monotonic() - start
    rss = [int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("MAXRSS ")]
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        doc = None
        print("  not JSON (exit %d): %s | %s" % (p.returncode, p.stdout[:300], p.stderr[-500:]))
    return p.returncode, doc, secs, (rss[0] if rss else None)


def main():
    if not can_use_namespaces() or not shutil.which("/usr/bin/time"):
        print("SKIP: needs root (network namespaces) and /usr/bin/time")
        return 77
    t = Checks()
    ns = "ssodhost%d" % os.getpid()
    tmp = tempfile.mkdtemp(prefix="ssod-hostile-")
    krb5 = os.path.join(tmp, "krb5.conf")
    with open(krb5, "w") as f:
        f.write("[libdefaults]\n default_realm = %s\n dns_lookup_kdc = false\n dns_lookup_realm = false\n"
                " rdns = false\n dns_canonicalize_hostname = false\n\n[realms]\n %s = {\n  kdc = 127.0.0.1\n }\n"
                % (REALM, REALM))
    env = {"KRB5_CONFIG": krb5, "KRB5CCNAME": "FILE:" + os.path.join(tmp, "no-cache"), "LANG": "C.UTF-8"}
    netns_etc = "/etc/netns/" + ns
    server = None
    try:
        subprocess.run(["ip", "netns", "add", ns], check=True)
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)
        os.makedirs(netns_etc, exist_ok=True)
        with open(os.path.join(netns_etc, "resolv.conf"), "w") as f:
            f.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
        for mode in MODES:
            server = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable,
                                       os.path.join(HERE, "hostile_servers.py"), mode],
                                      stdout=subprocess.PIPE, text=True)
            t.check(server.stdout.readline().strip() == "ready", "%s: hostile servers up in %s" % (mode, ns))
            for name, args in PROBES:
                rc, doc, secs, rss = run_in(ns, env, args + ["--timeout", str(TIMEOUT), "--json"], timeout=60)
                probes = (doc or {}).get("probes") or [{}]
                ms = probes[0].get("ms", -1)
                findings = (doc or {}).get("findings", [])
                bad = [f for f in findings if f["severity"] in ("warning", "error")]
                print("  %-9s %-8s exit %d  %.2f s (probe %d ms, %s)  RSS %s KiB  %s" % (
                    mode, name, rc, secs, ms, probes[0].get("outcome"), rss,
                    ", ".join("%s:%s" % (f["id"], f["severity"]) for f in findings)[:300]))
                t.check(rc in (0, 1) and doc is not None, "%s %s: the CLI ends normally with JSON (exit %d)" % (mode, name, rc))
                t.check(0 <= ms <= TIMEOUT * 1000 + 300,
                        "%s %s: the probe ends within --timeout %d s (%d ms)" % (mode, name, TIMEOUT, ms))
                t.check(secs < TIMEOUT + 1.5, "%s %s: the whole command ends in %.2f s" % (mode, name, secs))
                t.check(bool(bad) and all(f["title"] for f in bad),
                        "%s %s: a warning or error finding names what went wrong" % (mode, name))
                t.check(rss is not None and rss < RSS_LIMIT_KB, "%s %s: bounded memory (%s KiB)" % (mode, name, rss))
            # The whole web scenario against the same servers: every check ends by the deadline.
            rc, doc, secs, rss = run_in(ns, env, ["diagnose", "--scenario", "web", "--target", "https://127.0.0.1/",
                                                  "--target", "web.hostile.test", "--dc", "127.0.0.1",
                                                  "--timeout", str(TIMEOUT), "--json"], timeout=60)
            probes = (doc or {}).get("probes", [])
            print("  %-9s diagnose exit %d  %.2f s (total %s ms, %d checks)  RSS %s KiB" % (
                mode, rc, secs, (doc or {}).get("ms"), len(probes), rss))
            t.check(rc in (0, 1) and len(probes) >= 8, "%s diagnose: %d checks reported" % (mode, len(probes)))
            t.check(all(0 <= p["ms"] <= TIMEOUT * 1000 + 300 for p in probes),
                    "%s diagnose: every check within its timeout (%s)" % (mode, [p["ms"] for p in probes]))
            t.check(secs < TIMEOUT + 2, "%s diagnose: ends in %.2f s" % (mode, secs))
            t.check(rss is not None and rss < RSS_LIMIT_KB, "%s diagnose: bounded memory (%s KiB)" % (mode, rss))
            server.terminate()
            server.wait(timeout=10)
            server = None
    finally:
        if server:
            server.kill()
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(netns_etc, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
