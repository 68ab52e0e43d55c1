#!/usr/bin/env python3
"""--save-password, --keychain and `directory forget-password` against a real Samba AD DC.

A private session bus on a socket path and an unlocked gnome-keyring (keyring_session.py) serve the
CLI, which runs inside the lab's network namespace (scripts/lab.sh exec). The bind account is made
here with a fresh random password, so that string is known to nobody else: it must appear in no
output, in no argv or environment of the CLI (sampled from /proc while it runs), and in no file
under the temp HOME (QSettings included) except the keyring's encrypted store, nor anywhere in the
lab's state dir (its logs and databases). The keyring entry is cross-checked with secret-tool.

Needs root (namespaces, provisioning), the lab packages and the keyring packages; skipped (77)
otherwise.
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../directory"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import keyring_session  # noqa: E402
from labtest import LAB, LabTest  # noqa: E402

_T = LabTest("ssod-kc")
check, failures, lab = _T.check, _T.failures, _T.lab

CLI = os.environ.get("SSOD_CLI", "build/app/ssodoctor-cli")
NS = "ssod-kc%d" % os.getpid()
SERVICE = "SSO Doctor directory"


class Run:
    """One CLI run inside the namespace; /proc/PID/cmdline and environ are sampled while it runs
    (lab.sh exec and `ip netns exec` exec, so the PID becomes the CLI's)."""

    def __init__(self, state, env, args, stdin=None, timeout=60):
        start = time.monotonic()
        p = subprocess.Popen(["bash", LAB, "exec", "--state", state, "--ns", NS, CLI] + list(args), env=env,
                             stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.samples = []
        if stdin is not None:
            p.stdin.write(stdin)
            p.stdin.close()
        out, err = {}, {}
        readers = [threading.Thread(target=lambda: out.setdefault("v", p.stdout.read())),
                   threading.Thread(target=lambda: err.setdefault("v", p.stderr.read()))]
        for t in readers:
            t.start()
        while p.poll() is None and time.monotonic() - start < timeout:
            try:
                with open("/proc/%d/cmdline" % p.pid, "rb") as f:
                    cmd = f.read()
                with open("/proc/%d/environ" % p.pid, "rb") as f:
                    envb = f.read()
                self.samples.append((cmd, envb))
            except OSError:
                pass
            time.sleep(0.002)
        if p.poll() is None:
            p.kill()
        p.wait()
        for t in readers:
            t.join()
        self.rc, self.out, self.err = p.returncode, out.get("v", ""), err.get("v", "")
        self.seconds = time.monotonic() - start
        self.cli_sampled = any(CLI.encode() in c for c, _ in self.samples)

    def leaks(self, secret):
        b = secret.encode()
        return secret in self.out or secret in self.err or any(b in c or b in e for c, e in self.samples)

    def last(self):
        return (self.err.strip().splitlines() or [""])[-1][:300]


def secret_tool(env, *args, stdin=None):
    return subprocess.run(["secret-tool"] + list(args), env=env, input=stdin, capture_output=True, text=True,
                          timeout=30)


def main():
    lack = keyring_session.missing() + [n for n in ("samba", "samba-tool", "secret-tool") if not shutil.which(n)]
    if os.geteuid() != 0 or lack:
        print("skipped: needs root, the lab packages and the keyring packages (scripts/setup-debian.sh): %s" % lack)
        return 77
    state = tempfile.mkdtemp(prefix="ssod-lab-kc-")
    os.rmdir(state)  # lab.sh creates it
    t0 = time.monotonic()
    up = lab("up", "--state", state, "--ns", NS, "--isolated", timeout=600)
    if up.returncode != 0:
        print(up.stdout, up.stderr)
        return 1
    print("lab up in %.1f s" % (time.monotonic() - t0), flush=True)
    try:
        with keyring_session.KeyringSession() as ks:
            print("keyring session ready in %.2f s" % ks.ready_seconds, flush=True)
            return run(state, ks)
    finally:
        down = lab("down", "--state", state, "--ns", NS, timeout=120)
        if down.returncode != 0:
            print(down.stdout, down.stderr)


def run(state, ks):
    manifest = json.load(open(os.path.join(state, "lab.json")))
    base = manifest["base_dn"]
    # The bind account: a password made here, so any place it shows up is a leak.
    password = "Kc-%s-aA1!" % secrets.token_hex(10)
    user = "kc_bind"
    made = subprocess.run(["samba-tool", "user", "create", user, password, "-s",
                           os.path.join(state, "etc", "smb.conf")], capture_output=True, text=True, timeout=60)
    check(made.returncode == 0, "bind account %s created (%s)" % (user, made.stderr.strip()[-200:]))
    bind_dn = "CN=%s,CN=Users,%s" % (user, base)
    dc = manifest["dc"]["hostname"]  # LDAPS verifies the name in the DC's certificate: not the IP
    conn = ["--dc", dc, "--ldaps", "--ca-file", manifest["ca_file"], "--bind-dn", bind_dn]
    key = "%s@%s" % (bind_dn.lower(), dc.lower())
    env = ks.env
    runs = []

    def cli(*args, stdin=None, env_=None):
        r = Run(state, env_ or env, args, stdin=stdin)
        runs.append(r)
        return r

    # 1. --password-stdin --save-password: the bind works, then the password is kept.
    r = cli("spn", "list", "svc_web", *conn, "--password-stdin", "--save-password", stdin=password + "\n")
    check(r.rc == 0 and "HTTP/web.lab.test" in r.out and ("Password saved in the system keychain for " + key) in r.err,
          "--password-stdin --save-password: exit 0, says where it saved (%.2f s) %s" % (r.seconds, r.last()))
    lookup = secret_tool(env, "lookup", "user", key, "server", SERVICE)
    check(lookup.returncode == 0 and lookup.stdout == password,
          "secret-tool finds the password under user=%s server=%s" % (key, SERVICE))
    stdin_seconds = r.seconds

    # 2. --keychain, no standard input at all.
    r = cli("spn", "list", "svc_web", *conn, "--keychain", "--json")
    got = json.loads(r.out) if r.rc == 0 else {}
    check(r.rc == 0 and "HTTP/web.lab.test" in got.get("spns", []),
          "--keychain: exit 0 without stdin (%.2f s; with stdin %.2f s) %s" % (r.seconds, stdin_seconds, r.last()))
    r = cli("delegation", "show", "svc_web", *conn, "--keychain")
    check(r.rc == 0 and "Delegation of svc_web" in r.out, "delegation show --keychain: exit 0")

    # 3. Misuse: clear messages, exit 2.
    r = cli("spn", "list", "svc_web", *conn, "--keychain", "--password-stdin", stdin=password + "\n")
    check(r.rc == 2 and "either --password-stdin or --keychain" in r.err, "--keychain with --password-stdin: exit 2")
    r = cli("spn", "list", "svc_web", "--dc", dc, "--keychain")
    check(r.rc == 2 and "--keychain needs --bind-dn" in r.err, "--keychain without --bind-dn: exit 2")
    r = cli("spn", "list", "svc_web", *conn[:-2], "--save-password")
    check(r.rc == 2 and "--save-password needs" in r.err, "--save-password without --password-stdin: exit 2")

    # 4. A password the DC refuses is not saved: the stored one stays.
    r = cli("spn", "list", "svc_web", *conn, "--password-stdin", "--save-password", stdin="wrong-" + password + "\n")
    check(r.rc == 2 and "refused the credentials" in r.err and "saved" not in r.err,
          "wrong password with --save-password: exit 2, nothing saved")
    lookup = secret_tool(env, "lookup", "user", key, "server", SERVICE)
    check(lookup.stdout == password, "the stored password is unchanged after the refused bind")

    # 5. A wrong stored password (put there by secret-tool, as after a password change): exit 2 and
    #    the hint to store the current one.
    r = cli("directory", "forget-password", "--bind-dn", bind_dn, "--dc", dc)
    check(r.rc == 0 and ("Removed the password stored in the system keychain for " + key) in r.out,
          "directory forget-password: exit 0")
    stored = secret_tool(env, "store", "--label=stale", "user", key, "server", SERVICE, "type", "plaintext",
                         stdin="stale-" + password)
    check(stored.returncode == 0, "secret-tool stores a stale password")
    r = cli("spn", "list", "svc_web", *conn, "--keychain")
    check(r.rc == 2 and "refused the credentials" in r.err and "came from the system keychain" in r.err
          and "--save-password" in r.err and "stale-" not in r.out + r.err,
          "stale stored password: exit 2, says it came from the keychain: %s" % r.last())

    # 6. forget-password: removed (0), then nothing stored (1); --keychain then says how to store one.
    r = cli("directory", "forget-password", "--bind-dn", bind_dn, "--dc", dc)
    check(r.rc == 0, "forget-password removes the stale entry: exit 0")
    r = cli("directory", "forget-password", "--bind-dn", bind_dn.upper(), "--dc", dc.upper())
    check(r.rc == 1 and "No password is stored" in r.out, "forget-password again (DN and DC in upper case): exit 1")
    r = cli("spn", "list", "svc_web", *conn, "--keychain")
    check(r.rc == 2 and "no password is stored in the system keychain for " + key in r.err
          and "--password-stdin --save-password" in r.err, "--keychain with nothing stored: exit 2 with guidance")
    check(secret_tool(env, "lookup", "user", key, "server", SERVICE).returncode != 0, "secret-tool finds nothing")
    r = cli("directory", "forget-password", "--bind-dn", bind_dn)
    check(r.rc == 2 and "needs --bind-dn and --dc or --domain" in r.err, "forget-password without a DC: exit 2")

    # 7. No session bus: --keychain fails at once and says why; --save-password warns, the command works.
    nobus = dict(env, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/ssod-no-bus")
    r = cli("spn", "list", "svc_web", *conn, "--keychain", env_=nobus)
    check(r.rc == 2 and "no system keychain is available" in r.err and r.seconds < 10,
          "--keychain without a bus: exit 2 after %.2f s: %s" % (r.seconds, r.last()))
    r = cli("spn", "list", "svc_web", *conn, "--password-stdin", "--save-password", stdin=password + "\n", env_=nobus)
    check(r.rc == 0 and "the password was not saved" in r.err and "--password-stdin" in r.err,
          "--save-password without a bus: exit 0, warns it was not saved: %s" % r.last())

    # 8. A locked keyring that cannot prompt (no desktop) is reported as locked, not as "nothing stored".
    r = cli("spn", "list", "svc_web", *conn, "--password-stdin", "--save-password", stdin=password + "\n")
    check(r.rc == 0 and "Password saved" in r.err, "saved again before locking")
    ks.relock()
    r = cli("spn", "list", "svc_web", *conn, "--keychain")
    check(r.rc == 2 and "keyring is locked" in r.err and r.seconds < 10,
          "--keychain with the keyring locked: exit 2 after %.2f s: %s" % (r.seconds, r.last()))

    # The password appears nowhere but the keyring.
    check(all(not x.leaks(password) for x in runs), "the password is in no output, argv or environment of %d runs"
          % len(runs))
    check(sum(x.cli_sampled for x in runs) >= len(runs) // 2,
          "argv of the CLI itself was sampled in %d of %d runs" % (sum(x.cli_sampled for x in runs), len(runs)))
    leaks = ks.files_containing(password, extra_roots=(state,))
    check(not leaks, "no file under HOME (but the keyring) or the lab state dir holds the password: %s" % leaks)
    check(ks.search_finds_a_planted_copy(password), "that search finds a planted copy")
    check(ks.keyring_files() != [], "the keyring wrote its encrypted store: %s" % ks.keyring_files())

    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
