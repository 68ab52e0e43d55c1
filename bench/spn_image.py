"""The populated lab image of bench_spn_duplicates.py: the lab's golden image plus N user accounts
holding two SPNs each (HTTP/benchNNNNN.lab.test, HTTP/benchNNNNN) and D forced duplicates.

Accounts go in with `ldbadd --nosync` on the stopped DC's sam.ldb (Samba's own modules fill in
objectSid, objectGUID, security descriptors...), in chunks, one transaction each. Samba refuses
duplicate SPNs through its modules, so the duplicates are written to the domain partition file
directly: account benchK also holds HTTP/benchJ.lab.test of benchJ (J = 1..D, K = N+1-J).
The result is cached in its own dir, with a stamp tied to the golden image's stamp, N, D and
GEN_VERSION; lab.sh up --image starts a DC from it.
"""
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time

GEN_VERSION = 1  # bump when the generated content changes
BASE_DN = "DC=LAB,DC=TEST"


def name(i):
    return "bench%05d" % i


def forced_duplicates(accounts, dups):
    """(SPN, owner, second holder) of each forced duplicate."""
    return [("HTTP/%s.lab.test" % name(j), name(j), name(accounts + 1 - j)) for j in range(1, dups + 1)]


def user_ldif(first, last):
    out = []
    for i in range(first, last + 1):
        n = name(i)
        out.append("dn: CN=%s,CN=Users,%s\nobjectClass: user\nsAMAccountName: %s\n"
                   "servicePrincipalName: HTTP/%s.lab.test\nservicePrincipalName: HTTP/%s\n" % (n, BASE_DN, n, n, n))
    return "\n".join(out)


def ldb(tool, img, url, ldif):
    p = subprocess.run([tool, "--nosync", "--configfile=%s/etc/smb.conf" % img, "-H", url],
                       input=ldif, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s -H %s failed (exit %d):\n%s%s" % (tool, url, p.returncode, p.stdout, p.stderr[-3000:]))
    return p.stdout


def populate(img, accounts, dups, chunk):
    sam = img + "/private/sam.ldb"
    t0 = time.monotonic()
    for first in range(1, accounts + 1, chunk):
        last = min(first + chunk - 1, accounts)
        out = ldb("ldbadd", img, sam, user_ldif(first, last))
        if "Added %d records successfully" % (last - first + 1) not in out:
            raise RuntimeError("ldbadd of %s..%s: %s" % (name(first), name(last), out))
        if last % (chunk * 20) == 0 or last == accounts:
            print("image: %d/%d accounts after %.0f s" % (last, accounts, time.monotonic() - t0), file=sys.stderr)
    part = "%s/private/sam.ldb.d/%s.ldb" % (img, BASE_DN)
    mods = ["dn: CN=%s,CN=Users,%s\nchangetype: modify\nadd: servicePrincipalName\nservicePrincipalName: %s\n"
            % (holder, BASE_DN, spn) for spn, _, holder in forced_duplicates(accounts, dups)]
    if mods:
        ldb("ldbmodify", img, part, "\n".join(mods))
    p = subprocess.run(["ldbsearch", "--configfile=%s/etc/smb.conf" % img, "-H", sam,
                        "(&(objectClass=user)(sAMAccountName=bench*))", "servicePrincipalName"],
                       capture_output=True, text=True, check=True)
    n_acc = sum(1 for l in p.stdout.splitlines() if l.startswith("dn: "))
    n_spn = sum(1 for l in p.stdout.splitlines() if l.startswith("servicePrincipalName: "))
    if (n_acc, n_spn) != (accounts, 2 * accounts + dups):
        raise RuntimeError("image check: %d accounts / %d SPNs, want %d / %d"
                           % (n_acc, n_spn, accounts, 2 * accounts + dups))
    return time.monotonic() - t0


def ensure_image(lab_sh, img, accounts, dups, chunk=250, rebuild=False):
    """The populated image dir (built when missing or stale) and its build info."""
    golden = subprocess.run(["bash", lab_sh, "golden"], capture_output=True, text=True)
    if golden.returncode != 0:
        raise RuntimeError("lab.sh golden failed:\n" + golden.stderr)
    golden = golden.stdout.strip()
    stamp = "ssod-bench-spn %d\naccounts %d\ndups %d\n%s" % (
        GEN_VERSION, accounts, dups, open(golden + "/ssod-lab.stamp").read())
    lock = open(img + ".lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        stamp_file = img + "/ssod-lab.stamp"
        if not rebuild and os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
            return json.load(open(img + "/bench-image.json"))
        tmp = "%s.tmp.%d" % (img, os.getpid())
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            with open(golden + ".lock", "w") as glock:  # lab.sh re-provisions under this lock
                fcntl.flock(glock, fcntl.LOCK_SH)
                subprocess.run(["cp", "-a", golden, tmp], check=True)
            old = open(golden + "/ssod-lab.path").read().strip()
            conf = tmp + "/etc/smb.conf"
            text = open(conf).read().replace(old, tmp)
            open(conf, "w").write(text)
            open(tmp + "/ssod-lab.path", "w").write(tmp + "\n")
            print("image: populating %s with %d accounts (2 SPNs each) + %d duplicates" % (img, accounts, dups),
                  file=sys.stderr)
            secs = populate(tmp, accounts, dups, chunk)
            info = {"accounts": accounts, "dups": dups, "chunk": chunk, "populate_seconds": round(secs, 1),
                    "built": time.strftime("%Y-%m-%d %H:%M:%S")}
            json.dump(info, open(tmp + "/bench-image.json", "w"))
            open(tmp + "/ssod-lab.stamp", "w").write(stamp)
            shutil.rmtree(img, ignore_errors=True)
            os.rename(tmp, img)
            return info
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        lock.close()
