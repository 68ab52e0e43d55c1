#!/usr/bin/env python3
"""spn add / remove / plan and delegation set against a real Samba AD DC (scripts/lab.sh, isolated).

Expectations come from the lab's manifest (lab.json) and what gets written is read back with
OpenLDAP's own ldapsearch; the LDIF the tool emits is applied with ldapmodify (a parser nobody here
wrote). Needs root and the lab packages; otherwise skipped (exit 77).
"""
import json
import os
import shutil
import subprocess
import sys

from labtest import CLI, LAB, LabTest

T = LabTest("ssod-c")
check = T.check


class Lab:
    def __init__(self, state):
        self.state = state
        self.m = json.load(open(os.path.join(state, "lab.json")))
        self.dc = ["--dc", self.m["dc"]["hostname"]]
        self.base = self.m["base_dn"]

    def run(self, *argv, stdin=None, timeout=60):
        p = subprocess.run(["bash", LAB, "exec", "--state", self.state, "--ns", T.ns] + list(argv),
                           input=stdin, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def cli(self, *args, stdin=None):
        return self.run(CLI, *args, *self.dc, stdin=stdin)

    def ldap_values(self, account, attribute):
        """The attribute's values as OpenLDAP's ldapsearch reads them (lower-cased)."""
        rc, out, err = self.run("ldapsearch", "-LLL", "-Q", "-Y", "GSSAPI", "-H", "ldap://" + self.m["dc"]["hostname"],
                                "-b", self.base, "-o", "ldif-wrap=no", "(sAMAccountName=%s)" % account, attribute)
        assert rc == 0, err
        prefix = attribute.lower() + ": "
        return {line[len(prefix):].lower() for line in out.splitlines() if line.lower().startswith(prefix)}

    def ldapmodify(self, ldif):
        path = os.path.join(self.state, "change.ldif")
        with open(path, "w") as f:
            f.write(ldif)
        return self.run("ldapmodify", "-Q", "-Y", "GSSAPI", "-H", "ldap://" + self.m["dc"]["hostname"], "-f", path)


def run(lab):
    t = Lab(lab.state)
    lab.kinit_admin()
    test_add_remove(t)
    test_plan(t)
    test_delegation(t)


def holders_by_spn(m):
    out = {}
    for a in m["accounts"]:
        for spn in a["spns"]:
            out.setdefault(spn.lower(), set()).add(a["sAMAccountName"])
    return out


def test_add_remove(t):
    holders = holders_by_spn(t.m)
    new = "HTTP/newsite.%s" % t.m["dns_domain"]
    # --emit writes nothing and names the account as each tool wants it.
    rc, out, _ = t.cli("spn", "add", new, "svc_web", "--emit", "ps1")
    dn_web = "CN=svc_web,CN=Users," + t.base
    check(rc == 0 and ("Set-ADUser -Identity '%s' -ServicePrincipalNames @{Add='%s'}" % (dn_web, new)).lower()
          in out.lower(), "add --emit ps1: Set-ADUser with the account's DN")
    rc, out, _ = t.cli("spn", "add", new, "WEB01", "--emit", "ps1")
    check(rc == 0 and "Set-ADComputer" in out, "add --emit ps1 for a computer: Set-ADComputer")
    rc, out, _ = t.cli("spn", "add", new, "svc_web", "--emit", "setspn")
    check(rc == 0 and ("setspn -S %s %s\\svc_web" % (new, t.m["domain"])).lower() in out.lower(),
          "add --emit setspn: setspn -S SPN DOMAIN\\account")
    rc, out, _ = t.cli("spn", "add", new, "svc_web", "--emit", "ktpass")
    check(rc == 0 and ("/princ %s@%s /mapuser %s\\svc_web" % (new, t.m["realm"], t.m["domain"])).lower()
          in out.lower(), "add --emit ktpass: principal in the realm, mapped to the account")
    check(new.lower() not in t.ldap_values("svc_web", "servicePrincipalName"), "--emit changed nothing")

    # The LDIF is what OpenLDAP's ldapmodify applies.
    rc, ldif, _ = t.cli("spn", "add", new, "svc_web", "--emit", "ldif")
    rc2, _, err = t.ldapmodify(ldif)
    check(rc == 0 and rc2 == 0 and new.lower() in t.ldap_values("svc_web", "servicePrincipalName"),
          "add --emit ldif, applied by ldapmodify, registers the SPN: " + err.strip())
    rc, ldif, _ = t.cli("spn", "remove", new, "svc_web", "--emit", "ldif")
    rc2, _, err = t.ldapmodify(ldif)
    check(rc == 0 and rc2 == 0 and new.lower() not in t.ldap_values("svc_web", "servicePrincipalName"),
          "remove --emit ldif, applied by ldapmodify, removes it: " + err.strip())

    # add and remove over LDAP, read back with ldapsearch.
    rc, out, _ = t.cli("spn", "add", new, "svc_web")
    check(rc == 0 and new.lower() in t.ldap_values("svc_web", "servicePrincipalName"), "spn add registers " + new)
    rc, out, _ = t.cli("spn", "add", new.upper(), "svc_web")
    check(rc == 0 and "already registered" in out, "spn add of an SPN the account holds: nothing to do, exit 0")
    rc, _, err = t.cli("spn", "add", new, "svc_sql")
    check(rc == 1 and "svc_web" in err and new.lower() not in t.ldap_values("svc_sql", "servicePrincipalName"),
          "spn add of an SPN held elsewhere: exit 1, names the holder, writes nothing")
    rc, out, _ = t.cli("spn", "remove", new, "svc_web")
    check(rc == 0 and new.lower() not in t.ldap_values("svc_web", "servicePrincipalName"), "spn remove removes it")
    rc, _, err = t.cli("spn", "remove", new, "svc_web")
    check(rc == 1 and "does not hold" in err, "spn remove of an SPN the account lacks: exit 1")

    # Every seeded duplicate: adding it to a third account names both holders.
    for d in t.m["duplicate_spns"]:
        rc, _, err = t.cli("spn", "add", d["spn"], "svc_sql")
        check(rc == 1 and all(h.lower() in err.lower() for h in d["holders"]),
              "spn add %s: exit 1 naming %s" % (d["spn"], d["holders"]))
    # HTTP/<computer> is answered by the computer's HOST/ SPN (FACTS §6.1).
    computer = next(a for a in t.m["accounts"] if a["kind"] == "computer" and
                    any(s.lower().startswith("host/") and "." in s for s in a["spns"]) and
                    len(holders[next(s for s in a["spns"] if s.lower().startswith("host/") and "." in s).lower()]) == 1)
    host = next(s for s in computer["spns"] if s.lower().startswith("host/") and "." in s).split("/", 1)[1]
    rc, _, err = t.cli("spn", "add", "HTTP/" + host, "svc_web")
    check(rc == 1 and computer["sAMAccountName"].lower() in err.lower() and "--allow-alias" in err,
          "spn add HTTP/%s to a user: exit 1, the computer %s answers through HOST" % (host, computer["sAMAccountName"]))

    for bad in ("HTTP/", "/web01", "HTTP/a b", "HTTP/x:99999"):
        rc, _, err = t.cli("spn", "add", bad, "svc_web")
        check(rc == 2 and "ssodoctor-cli:" in err, "spn add %r: exit 2 with a message" % bad)
    rc, _, err = t.cli("spn", "add", "HTTP/x.lab.test", "no_such_account")
    check(rc == 2 and "no account named" in err, "spn add to an unknown account: exit 2")


def expected_plan(t, classes, names, nodes, account, ports=()):
    holders = holders_by_spn(t.m)
    dom = t.m["dns_domain"]
    want = {}
    for c in classes:
        for n in names + nodes:
            for h in (n + "." + dom, n):
                for p in [None] + list(ports):
                    spn = "%s/%s%s" % (c, h, "" if p is None else ":%d" % p)
                    who = holders.get(spn.lower(), set())
                    if account in who:
                        want[spn.lower()] = "correct"
                    elif who:
                        want[spn.lower()] = "held-elsewhere"
                    else:
                        want[spn.lower()] = "free"
    return want


def test_plan(t):
    dom = t.m["dns_domain"]
    dup = next(d for d in t.m["duplicate_spns"] if d["spn"].lower().startswith("http/"))
    lb = dup["spn"].split("/", 1)[1].split(".")[0]           # portal
    account = sorted(dup["holders"])[0]                          # one of its holders
    other = [h for h in dup["holders"] if h != account]
    web = [a for a in t.m["accounts"] if a["kind"] == "computer" and a["sAMAccountName"].lower().startswith("web")]
    nodes = sorted(a["sAMAccountName"].rstrip("$").lower() for a in web)
    args = ["spn", "plan", "--class", "HTTP", "--name", lb, "--node", ",".join(nodes), "--domain", dom,
            "--account", account]
    rc, out, err = t.cli(*args, "--json")
    plan = json.loads(out) if out else {}
    got = {s["spn"].lower(): s["status"] for s in plan.get("spns", [])}
    want = expected_plan(t, ["HTTP"], [lb], nodes, account)
    check(rc == 1 and got == want, "spn plan: every SPN with its state from the manifest %s (got %s)" % (want, got))
    kinds = {(c["kind"], c["spn"].lower()) for c in plan.get("collateral", [])}
    check(("duplicate", dup["spn"].lower()) in kinds and
          set(other) <= {a for c in plan["collateral"] if c["spn"].lower() == dup["spn"].lower() for a in c["accounts"]},
          "spn plan: the duplicate %s held by %s is collateral" % (dup["spn"], other))
    for n in nodes:
        check(("winrm", "http/%s.%s" % (n, dom)) in kinds, "spn plan: HTTP/%s.%s breaks WinRM to the node" % (n, dom))
    rc, out, _ = t.cli(*args, "--port", "8080", "--json")
    got = {s["spn"].lower(): s["status"] for s in json.loads(out)["spns"]}
    check(got == expected_plan(t, ["HTTP"], [lb], nodes, account, [8080]), "spn plan --port 8080 adds the port forms")
    rc, out, _ = t.cli("spn", "plan", "--class", "HOST", "--node", nodes[0], "--domain", dom, "--account", account,
                       "--json")
    check(rc == 1 and any(c["kind"] == "host-moved" for c in json.loads(out)["collateral"]),
          "spn plan of HOST/%s on a service account: RDP and logons break" % nodes[0])
    # The batch adds exactly the free ones.
    rc, out, _ = t.cli(*args, "--emit", "setspn")
    added = {l.split()[2].lower() for l in out.splitlines() if l.startswith("setspn -S ")}
    check(rc == 0 and added == {s for s, st in want.items() if st == "free"}, "spn plan --emit setspn adds the free SPNs")
    # Apply: refused while something else would break; a clean plan is applied and verified.
    before = t.ldap_values(account, "servicePrincipalName")
    rc, _, err = t.cli(*args, "--apply")
    check(rc == 2 and "--accept-collateral" in err and t.ldap_values(account, "servicePrincipalName") == before,
          "spn plan --apply with collateral: refused, nothing written")
    rc, out, err = t.cli("spn", "plan", "--class", "HTTP", "--name", "farm9", "--domain", dom, "--account", account,
                         "--apply")
    now = t.ldap_values(account, "servicePrincipalName")
    check(rc == 0 and {"http/farm9." + dom, "http/farm9"} <= now, "spn plan --apply registers HTTP/farm9(.%s)" % dom)
    rc, _, _ = t.cli("spn", "plan", "--class", "HTTP", "--name", "farm9", "--domain", dom, "--account", account)
    check(rc == 0, "spn plan after applying: everything correct, exit 0")
    for spn in ("HTTP/farm9." + dom, "HTTP/farm9"):
        t.cli("spn", "remove", spn, account)
    check(t.ldap_values(account, "servicePrincipalName") == before, "the undo lines put the account back")
    rc, _, err = t.cli("spn", "plan", "--class", "HTTP", "--name", "portal", "--account", account)
    check(rc == 2 and "short name" in err, "spn plan with a short name and no --domain: exit 2")
    rc, _, err = t.cli("spn", "plan", "--class", "HTTP", "--name", "portal", "--domain", dom)
    check(rc == 2 and "--account" in err, "spn plan without --account: exit 2")


def test_delegation(t):
    legacy = next(a for a in t.m["accounts"] if a["delegation"]["unconstrained"])
    name = legacy["sAMAccountName"]
    flag = lambda: json.loads(t.cli("delegation", "show", name, "--json")[1])["unconstrained"]
    rc, out, _ = t.cli("delegation", "set", name, "--unconstrained", "off")
    check(rc == 1 and "--yes" in out and flag() is True, "delegation set without --yes changes nothing (exit 1)")
    rc, out, _ = t.cli("delegation", "set", name, "--unconstrained", "off", "--yes")
    check(rc == 0 and flag() is False, "delegation set %s --unconstrained off --yes" % name)
    undo = next(l for l in out.splitlines() if l.startswith("Applied. Undo: ")).split("ssodoctor-cli ", 1)[1].split()
    rc, _, _ = t.cli(*undo)
    check(rc == 0 and flag() is True, "the printed undo line restores unconstrained delegation")

    kcd = next(a for a in t.m["accounts"] if a["delegation"]["constrained_to"])
    target = "CIFS/newfs.%s" % t.m["dns_domain"]
    rc, ldif, _ = t.cli("delegation", "set", kcd["sAMAccountName"], "--add-target", target, "--emit", "ldif")
    rc2, _, err = t.ldapmodify(ldif)
    values = t.ldap_values(kcd["sAMAccountName"], "msDS-AllowedToDelegateTo")
    check(rc == 0 and rc2 == 0 and target.lower() in values, "delegation --emit ldif applied by ldapmodify: " + err)
    rc, out, err = t.cli("delegation", "set", kcd["sAMAccountName"], "--remove-target", target, "--yes")
    values = t.ldap_values(kcd["sAMAccountName"], "msDS-AllowedToDelegateTo")
    check(rc == 0 and target.lower() not in values and
          {v.lower() for v in kcd["delegation"]["constrained_to"]} == values,
          "delegation set --remove-target: back to the manifest's targets")
    rc, _, err = t.cli("delegation", "set", kcd["sAMAccountName"], "--remove-target", "HTTP/never.lab.test", "--yes")
    check(rc == 2 and "not a delegation target" in err, "removing a target the account lacks: exit 2")
    rc, _, err = t.cli("delegation", "set", kcd["sAMAccountName"], "--add-target", "HTTP/", "--yes")
    check(rc == 2 and "no host" in err, "a malformed target: exit 2")


if __name__ == "__main__":
    if not shutil.which("ldapmodify"):
        print("skipped: needs ldap-utils (scripts/setup-debian.sh)")
        sys.exit(77)
    sys.exit(T.main(run))
