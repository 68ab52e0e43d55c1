#!/usr/bin/env python3
"""spn list / query / duplicates against a real Samba AD DC (scripts/lab.sh, isolated namespace).

Every expectation comes from the lab's manifest (lab.json: the accounts and SPNs the fixture itself
created), never from the tool's own output. Also: a missing and a duplicated SPN told apart, bad
input (malformed SPNs, unknown account, cleartext simple bind, wrong password, a silently dropping
DC address that must end within the timeout), and the password never echoed.

Needs root (namespaces, provisioning) and the lab packages; otherwise it is skipped (exit 77).
"""
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from labtest import LabTest  # noqa: E402

T = LabTest("ssod-t")
check = T.check


def cli(state, *args, stdin=None, timeout=60):
    return T.cli(*args, stdin=stdin, timeout=timeout)


def run(t):
    state = t.state
    NS = t.ns
    manifest = t.manifest()
    admin_pw = manifest["admin"]["password"]
    t.kinit_admin()
    dc = ["--dc", manifest["dc"]["hostname"]]
    accounts = manifest["accounts"]
    holders = {}
    for a in accounts:
        for spn in a["spns"]:
            holders.setdefault(spn.lower(), set()).add(a["sAMAccountName"])

    # spn list: each seeded account's SPNs, exactly.
    for a in accounts:
        rc, out, err, _ = cli(state, "spn", "list", a["sAMAccountName"], *dc, "--json")
        got = json.loads(out) if rc == 0 else {}
        check(rc == 0 and sorted(s.lower() for s in got.get("spns", [])) == sorted(s.lower() for s in a["spns"]),
              "spn list %s = %s (%s)" % (a["sAMAccountName"], a["spns"], err.strip().splitlines()[-1:]))
    # A computer is found by its name without the $.
    computers = [a for a in accounts if a["kind"] == "computer"]
    if computers:
        name = computers[0]["sAMAccountName"].rstrip("$")
        rc, out, _, _ = cli(state, "spn", "list", name, *dc, "--json")
        check(rc == 0 and json.loads(out)["account"].lower() == computers[0]["sAMAccountName"].lower(),
              "spn list %s finds the computer account %s" % (name, computers[0]["sAMAccountName"]))

    # spn query: every seeded SPN, with exactly the seeded holders (restricted to seeded accounts).
    seeded = {a["sAMAccountName"].lower() for a in accounts}
    for spn, who in sorted(holders.items()):
        rc, out, _, _ = cli(state, "spn", "query", spn, *dc, "--json")
        got = {h["account"] for h in json.loads(out)} if rc == 0 else set()
        check(rc == 0 and {g.lower() for g in got if g.lower() in seeded} == {w.lower() for w in who},
              "spn query %s -> %s" % (spn, sorted(who)))
    rc, out, _, _ = cli(state, "spn", "query", "HTTP/*", *dc, "--json")
    got = {(h["spn"].lower(), h["account"].lower()) for h in json.loads(out)} if rc == 0 else set()
    want = {(s, w.lower()) for s, ws in holders.items() if s.startswith("http/") for w in ws}
    check(rc == 0 and {g for g in got if g[1] in seeded} == want, "spn query HTTP/* -> every seeded HTTP/ SPN")

    # Duplicates: the seeded ones (two at least), each with both holders.
    dup_want = {s: sorted(w.lower() for w in ws) for s, ws in holders.items() if len(ws) > 1}
    seeded_dups = {d["spn"].lower(): sorted(h.lower() for h in d["holders"]) for d in manifest["duplicate_spns"]}
    check(len(dup_want) >= 2 and dup_want == seeded_dups, "the lab holds at least two forced duplicates")
    rc, out, _, _ = cli(state, "spn", "duplicates", *dc, "--json")
    got = {d["spn"].lower(): sorted(a.lower() for a in d["accounts"]) for d in json.loads(out)} if out else {}
    check(rc == 1 and got == dup_want, "spn duplicates --json = %s (exit 1)" % dup_want)

    # A missing SPN and a duplicated SPN are told apart (the KDC gives the same error for both).
    missing = manifest["missing_spns"][0]["spn"]
    rc, out, _, _ = cli(state, "spn", "query", missing, *dc)
    check(rc == 1 and "No such SPN" in out, "spn query %s: nobody holds it (exit 1)" % missing)
    dup = sorted(dup_want)[0]
    rc, out, _, _ = cli(state, "spn", "query", dup, *dc, "--json")
    check(rc == 0 and len(json.loads(out)) == 2, "spn query %s: two holders" % dup)

    # delegation show: every seeded account's flags and targets, as the manifest says.
    for a in accounts:
        rc, out, err, _ = cli(state, "delegation", "show", a["sAMAccountName"], *dc, "--json")
        got = json.loads(out) if rc == 0 else {}
        d = a["delegation"]
        want_targets = {t.lower(): t not in d.get("constrained_to_missing", []) for t in d["constrained_to"]}
        got_targets = {t["spn"].lower(): t["exists"] for t in got.get("constrained", [])}
        check(rc == 0 and got.get("unconstrained") == d["unconstrained"]
              and got.get("protocol_transition") == d["protocol_transition"] and got_targets == want_targets
              and got.get("sensitive") == a["sensitive"] and got.get("protected_users") == a["protected_users"],
              "delegation show %s: unconstrained=%s targets=%s transition=%s sensitive=%s protected=%s" % (
                  a["sAMAccountName"], d["unconstrained"], want_targets, d["protocol_transition"], a["sensitive"],
                  a["protected_users"]))

    # Bad input: a clear message and exit 2.
    for bad, says in (("HTTP/", "no host after the /"), ("/web01", "no service class"),
                      ("HTTP/a b", "contains a space")):
        rc, _, err, _ = cli(state, "spn", "query", bad, *dc)
        check(rc == 2 and says in err, "spn query %r: exit 2, says %r" % (bad, says))
    rc, _, err, _ = cli(state, "spn", "list", "no_such_account", *dc)
    check(rc == 2 and "no account named" in err, "unknown account: exit 2")
    base = manifest["base_dn"]
    admin_dn = "CN=Administrator,CN=Users," + base
    rc, _, err, _ = cli(state, "spn", "list", "svc_web", "--dc", manifest["dc"]["ip"], "--bind-dn", admin_dn,
                        "--password-stdin", stdin=admin_pw + "\n")
    check(rc == 2 and "--allow-insecure-bind" in err and admin_pw not in err,
          "cleartext simple bind refused without --allow-insecure-bind")
    rc, out, err, _ = cli(state, "spn", "list", "svc_web", *dc, "--ldaps", "--ca-file", manifest["ca_file"],
                          "--bind-dn", admin_dn, "--password-stdin", stdin="wrong-" + admin_pw + "\n")
    check(rc == 2 and "refused the credentials" in err and "wrong-" not in out + err, "wrong password: exit 2")
    rc, out, err, _ = cli(state, "spn", "list", "svc_web", *dc, "--starttls", "--ca-file", manifest["ca_file"],
                          "--bind-dn", admin_dn, "--password-stdin", stdin=admin_pw + "\n")
    check(rc == 0 and "HTTP/web.lab.test" in out and admin_pw not in out + err,
          "simple bind over StartTLS works and never echoes the password")

    # A silently dropping address (TESTBED.md "Silent addresses"): the command ends within its timeout.
    ok = T.silent_address()
    check(ok, "silent address 10.77.5.5 set up")
    if ok:
        rc, _, err, secs = cli(state, "spn", "list", "svc_web", "--dc", "10.77.5.5", "--timeout", "2", timeout=60)
        check(rc == 2 and secs < 10 and "did not answer within 2 s" in err,
              "silent DC: exit 2 after %.1f s (timeout 2 s): %s" % (secs, err.strip()[-160:]))



if __name__ == "__main__":
    sys.exit(T.main(run))
