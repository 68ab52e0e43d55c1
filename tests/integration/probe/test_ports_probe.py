#!/usr/bin/env python3
"""ssodoctor-cli probe ports against real sockets, each state cross-checked with `nc -z -w`.

Loopback (no root needed): a listening port is connected, a port nothing listens on is refused at
once, a listener that drops SYNs is silent, and three silent ports with one open one end within
one --timeout (they are waited for together, not one after another, without spinning the CPU);
a server that answers late (after the client sends its SYN again) is connected; a port of the "closed" list
that is open is a warning, a closed one is ok. In the Samba lab's namespace (root): the DC's
Kerberos port answers, an unused port on it is refused, and the silent address 10.77.5.5
(TESTBED.md "Silent addresses") gives silent for every port within --timeout + 0.5 s.
"""
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probefix import (LabTest, Listener, closed_port, findings, nc_open, outcome, probe_data,  # noqa: E402
                      probe_ms, run_cli, startup_seconds)

T = LabTest("ssod-pp")
check = T.check
MARGIN = 0.5


def states(doc):
    return {p["port"]: p["state"] for p in probe_data(doc).get("ports", [])}


def ids_for(doc, port):
    return [f["id"] for f in findings(doc) if f["subject"].endswith(":%d" % port)]


def loopback():
    open_l, silent = Listener(), [Listener(silent=True) for _ in range(3)]
    closed = closed_port()
    try:
        rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", "%d,%d" % (open_l.port, closed),
                                     "--timeout", "3")
        print("open + refused: %.2f s" % secs)
        st = states(doc)
        check(st.get(open_l.port) == "connected", "a listening port is connected (%s)" % st)
        check(st.get(closed) == "refused", "a port nothing listens on is refused")
        check(secs < 1.5, "open + refused end fast, without waiting for the timeout (%.2f s)" % secs)
        check(rc == 1, "a refused port is an error: exit 1 (got %d)" % rc)
        ref = findings(doc, "ports.refused")
        check(len(ref) == 1 and ref[0]["severity"] == "error" and str(closed) in ref[0]["title"],
              "ports.refused names the port")
        check(findings(doc, "ports.open") and findings(doc, "ports.open")[0]["severity"] == "ok", "ports.open is ok")
        for port, want in ((open_l.port, True), (closed, False)):
            nc, _ = nc_open("127.0.0.1", port, 2)
            check(nc == want, "nc -z agrees on %d: %s" % (port, "open" if want else "closed"))
        data = probe_data(doc)
        check(data.get("host") == "127.0.0.1" and data.get("address") == "127.0.0.1", "data host/address")
        check(all(set(p) >= {"port", "service", "state", "ms"} for p in data.get("ports", [])),
              "each port has port/service/state/ms")

        # Well-known services named in the finding.
        rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", "88", "--timeout", "2")
        if states(doc).get(88) == "refused":
            check("Kerberos" in findings(doc, "ports.refused")[0]["title"], "port 88 refused names Kerberos")

        # Three silent ports and an open one: one timeout in all, not three.
        timeout = 2.0
        start = startup_seconds()
        print("CLI start and exit without network work: %.2f s" % start)
        ports = [s.port for s in silent] + [open_l.port]
        rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", ",".join(map(str, ports)),
                                     "--timeout", str(timeout))
        ms = probe_ms(doc)
        print("3 silent + 1 open, --timeout %.1f: probe %s ms, CLI %.2f s" % (timeout, ms, secs))
        check(ms is not None and ms <= timeout * 1000, "the probe ends within its timeout (%s ms)" % ms)
        st = states(doc)
        check(all(st.get(s.port) == "silent" for s in silent), "the dropping listeners are silent (%s)" % st)
        check(st.get(open_l.port) == "connected", "the open one is connected alongside")
        check(secs <= timeout + MARGIN + start, "3 silent + 1 open end within one timeout + %.1f s + start-up (%.2f s), "
              "not three" % (MARGIN, secs))
        sil = findings(doc, "ports.silent")
        check(len(sil) == 3 and all(f["severity"] == "error" and "did not answer within" in f["title"] for f in sil),
              "each silent port is an error naming the timeout")
        check(outcome(doc) == "completed", "silent is a result: outcome completed (%s)" % outcome(doc))
        nc, nsecs = nc_open("127.0.0.1", silent[0].port, 1)
        check(not nc and nsecs >= 0.9, "nc -z -w 1 also waits out the silent port (%.2f s)" % nsecs)
        # Waiting is not working: the probe sleeps while the SYNs go unanswered (it once spun a
        # core per port on a socket Qt had already given up on).
        before = os.times()
        run_cli("probe", "ports", "127.0.0.1", "--ports", ",".join(str(s.port) for s in silent), "--timeout", "2")
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        wall = after.elapsed - before.elapsed
        print("3 silent ports, --timeout 2: %.2f s CPU in %.2f s" % (cpu, wall))
        check(cpu < 0.5 * wall, "waiting on 3 silent ports takes little CPU (%.2f s in %.2f s)" % (cpu, wall))

        # A server that answers late (its SYN-ACK after the client sends the SYN again, ~1 s):
        # connected, not silent, as nc sees it.
        for tool in ("cli", "nc"):
            late = Listener(silent=True)
            late.answer_after(0.3)
            try:
                if tool == "nc":
                    nc, nsecs = nc_open("127.0.0.1", late.port, 4)
                    check(nc and nsecs >= 0.5, "nc -z -w 4 connects to the late server too (%.2f s)" % nsecs)
                    continue
                rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", str(late.port), "--timeout", "4")
                port = (probe_data(doc).get("ports") or [{}])[0]
                print("late server: %s after %s ms" % (port.get("state"), port.get("ms")))
                check(port.get("state") == "connected" and 500 <= port.get("ms", 0) < 4000,
                      "a server answering after ~1 s is connected, not silent (%s)" % port)
                check(rc == 0 and findings(doc, "ports.open"), "and reported open, exit 0 (%d)" % rc)
            finally:
                late.close()

        # "closed": an open port there is a warning, a closed one ok.
        rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", str(open_l.port), "--closed",
                                     "%d,%d" % (closed, silent[1].port), "--timeout", "2")
        ok = findings(doc, "ports.closed-ok")
        check(len(ok) == 2 and all(f["severity"] == "ok" for f in ok),
              "refused and silent ports of the closed list are ok (%s)" % states(doc))
        print("closed list with a silent port, --timeout 2: %.2f s" % secs)
        check(rc == 0, "open expected-open + closed expected-closed: exit 0 (got %d)" % rc)
        rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", str(closed), "--closed",
                                     str(open_l.port), "--timeout", "2")
        w = findings(doc, "ports.should-be-closed")
        check(len(w) == 1 and w[0]["severity"] == "warning" and str(open_l.port) in w[0]["title"],
              "an open port of the closed list is a warning")
        check([p.get("expected") for p in probe_data(doc).get("ports", [])] == ["open", "closed"],
              "data says which ports were expected closed")

        # Bad options: exit 1 with probe.bad-target, nothing tried.
        for bad in ("{port}", "0", "80x", "70000"):
            rc, doc, err, secs = run_cli("probe", "ports", "127.0.0.1", "--ports", bad)
            check(rc == 1 and outcome(doc) == "failed" and findings(doc, "probe.bad-target"),
                  "--ports %s is refused as a bad option" % bad)
    finally:
        open_l.close()
        for s in silent:
            s.close()


def lab(t):
    m = t.manifest()
    dc = m["dc"]["ip"]
    rc, doc, err, secs = run_cli("probe", "ports", dc, "--ports", "88,389,9", "--timeout", "3", lab=t)
    st = states(doc)
    print("DC 88/389/9: %.2f s %s" % (secs, st))
    check(st.get(88) == "connected" and st.get(389) == "connected", "the DC's Kerberos and LDAP ports answer")
    check(st.get(9) == "refused", "an unused port on the DC is refused")
    for port in (88, 389, 9):
        nc = t.exec("nc", "-z", "-w", "2", dc, str(port)).returncode == 0
        check(nc == (st.get(port) == "connected"), "nc -z in the namespace agrees on %s:%d" % (dc, port))
    check("Kerberos" not in " ".join(f["title"] for f in findings(doc, "ports.refused")),
          "only the refused port is reported refused")

    if not t.silent_address():
        check(False, "silent address set up")
        return
    timeout = 2.0
    start = startup_seconds(t)
    rc, doc, err, secs = run_cli("probe", "ports", t.SILENT, "--timeout", str(timeout), lab=t)
    st = states(doc)
    ms = probe_ms(doc)
    print("silent address, default ports (%d), --timeout %.1f: probe %s ms, CLI %.2f s (start-up %.2f s)"
          % (len(st), timeout, ms, secs, start))
    check(ms is not None and ms <= timeout * 1000, "the probe ends within its timeout (%s ms)" % ms)
    check(len(st) == 10 and all(v == "silent" for v in st.values()), "every default port of %s is silent (%s)"
          % (t.SILENT, st))
    check(secs <= timeout + MARGIN + start, "10 silent ports end within --timeout + %.1f s + start-up (%.2f s)"
          % (MARGIN, secs))
    check(rc == 1 and len(findings(doc, "ports.silent")) == 10, "each is a ports.silent error")
    nc = t.exec("nc", "-z", "-w", "1", t.SILENT, "88")
    check(nc.returncode != 0, "nc -z -w 1 in the namespace fails on the silent address too")


def main():
    if not shutil.which("nc"):
        print("skipped: needs nc")
        return 77
    loopback()
    if T.failures:
        print("%d failure(s)" % len(T.failures))
        return 1
    rc = T.main(lab)
    return rc


if __name__ == "__main__":
    sys.exit(main())
