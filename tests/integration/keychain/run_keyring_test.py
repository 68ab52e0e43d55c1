#!/usr/bin/env python3
"""Runs a QtTest binary against a real, unlocked gnome-keyring on a private session bus (then its
lockedKeyring function once more with the keyring locked), and checks
that none of the passwords it stored is readable in any file under the temp HOME (QSettings
included) except the keyring's own encrypted store. Skipped (exit 77) when the keyring packages are
missing. Usage: run_keyring_test.py BINARY [QTest args]
"""
import os
import secrets
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keyring_session  # noqa: E402


def main():
    lack = keyring_session.missing()
    if lack:
        print("skipped: needs " + ", ".join(lack) + " (scripts/setup-debian.sh)")
        return 77
    prefix = "ssod-test-pw-" + secrets.token_hex(6)
    with keyring_session.KeyringSession() as ks:
        print("keyring session ready in %.2f s" % ks.ready_seconds, flush=True)
        env = dict(ks.env, SSOD_TEST_SECRET_PREFIX=prefix)
        rc = subprocess.run(sys.argv[1:], env=env, timeout=240).returncode
        # Then the same keyring, locked, with no way to prompt for its password.
        ks.relock()
        locked = subprocess.run(sys.argv[1:] + ["lockedKeyring"], env=dict(env, SSOD_TEST_KEYRING_LOCKED="1"),
                                timeout=120).returncode
        rc = rc or locked
        leaks = ks.files_containing(prefix)
        search_works = ks.search_finds_a_planted_copy(prefix)
        stores = ks.keyring_files()
    ok = search_works
    if not search_works:
        print("FAIL the search of HOME does not find a planted copy of a password")
    if leaks:
        print("FAIL a stored password is readable in: " + ", ".join(leaks))
        ok = False
    if not stores:
        print("FAIL the keyring wrote no store: the passwords went somewhere else")
        ok = False
    else:
        print("ok   no password readable under HOME outside the keyring store (%s)" % ", ".join(stores))
    return rc if rc != 0 else (0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main())
