#!/usr/bin/env python3
"""Writes a realistic full-HKLM-like .reg export for the large-file benchmark (never committed).

  gen_big_reg.py OUT.reg [--mb 100] [--ansi] [--seed 1]

Shaped like `reg export HKLM`: Windows Registry Editor Version 5.00, UTF-16LE with BOM, CRLF,
many keys (CLSID, Services, Uninstall, …), REG_SZ with escapes, dword, hex(2)/hex(7)/hex(b) and
binary blobs wrapped regedit-style at 80 columns with ",\\" continuations, and the keys SSO Doctor
reads (CredentialsDelegation, Internet Settings, SystemCertificates\\AuthRoot, Chrome policy)
about half-way through, so a filtered read has to find them in the middle of the file.
"""
import argparse
import random
import sys

ROOT = "HKEY_LOCAL_MACHINE"


def hex_lines(prefix, data):
    """regedit's wrapping: first line holds the name, then 25 bytes per line indented by 2."""
    parts = ["%02x" % b for b in data]
    out = []
    line = prefix
    for i, p in enumerate(parts):
        piece = p + ("," if i + 1 < len(parts) else "")
        if len(line) + len(piece) > 78 and i + 1 < len(parts):
            out.append(line + "\\")
            line = "  "
        line += piece
    out.append(line)
    return "\r\n".join(out)


def utf16z(text):
    return (text + "\0").encode("utf-16-le")


def value_line(rng, name):
    kind = rng.randrange(10)
    qn = "@" if name == "" else '"%s"' % name
    if kind < 3:
        return '%s="C:\\\\Program Files\\\\Vendor %d\\\\bin\\\\tool%d.exe \\"%%1\\""' % (qn, rng.randrange(500), rng.randrange(99))
    if kind < 6:
        return "%s=dword:%08x" % (qn, rng.getrandbits(32))
    if kind == 6:
        return hex_lines(qn + "=hex(2):", utf16z("%%SystemRoot%%\\System32\\drivers\\drv%d.sys" % rng.randrange(9999)))
    if kind == 7:
        items = ["item%d" % rng.randrange(1000) for _ in range(rng.randrange(1, 5))]
        return hex_lines(qn + "=hex(7):", ("\0".join(items) + "\0\0").encode("utf-16-le"))
    if kind == 8:
        return hex_lines(qn + "=hex(b):", rng.getrandbits(64).to_bytes(8, "little"))
    return hex_lines(qn + "=hex:", bytes(rng.getrandbits(8) for _ in range(rng.choice((4, 8, 16, 24, 40, 200)))))


def guid(rng):
    h = "%032X" % rng.getrandbits(128)
    return "{%s-%s-%s-%s-%s}" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def random_key(rng, n):
    """Key n of the export. Like `reg export`, which walks the registry once, no key repeats."""
    c = rng.randrange(6)
    if c == 0:
        g = guid(rng)
        return rng.choice([ROOT + "\\SOFTWARE\\Classes\\CLSID\\" + g,
                           ROOT + "\\SOFTWARE\\Classes\\CLSID\\" + g + "\\InprocServer32"])
    if c == 1:
        return ROOT + "\\SYSTEM\\ControlSet001\\Services\\Svc%d\\Parameters" % n
    if c == 2:
        return ROOT + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\" + guid(rng)
    if c == 3:
        return ROOT + "\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Component %d\\Sub %d" % (n // 50, n % 50)
    if c == 4:
        return ROOT + "\\SOFTWARE\\WOW6432Node\\Vendor%d\\Product %d\\Settings" % (n // 100, n)
    return ROOT + "\\SYSTEM\\ControlSet001\\Control\\Class\\%s\\%04d" % (guid(rng), n % 10000)


def sso_sections():
    pol = ROOT + "\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation"
    inet = ROOT + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
    ipol = ROOT + "\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
    return "\r\n".join([
        "[%s]" % pol,
        '"AllowDefaultCredentials"=dword:00000001',
        '"ConcatenateDefaults_AllowDefault"=dword:00000001',
        "",
        "[%s\\AllowDefaultCredentials]" % pol,
        '"1"="TERMSRV/*.contoso.com"',
        '"2"="TERMSRV/rdsh01.fabrikam.com"',
        "",
        "[%s]" % inet,
        '"EnableNegotiate"=dword:00000001',
        '"User Agent"="Mozilla/4.0 (compatible; MSIE 8.0; Win32)"',
        "",
        "[%s\\ZoneMap]" % inet,
        '"IntranetName"=dword:00000001',
        "",
        "[%s\\ZoneMapKey]" % ipol,
        '"https://*.contoso.com"="1"',
        "",
        "[%s\\Zones\\1]" % inet,
        '"1A00"=dword:00000000',
        "",
        "[%s\\SOFTWARE\\Policies\\Google\\Chrome]" % ROOT,
        '"AuthServerAllowlist"="*.contoso.com"',
        "",
        "[%s\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot]" % ROOT,
        '"DisableRootAutoUpdate"=dword:00000000',
        "",
        "",
    ])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--ansi", action="store_true", help="REGEDIT4 (ANSI) instead of UTF-16LE")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target_chars = int(args.mb * 1e6 / (1 if args.ansi else 2))
    chunks = ["REGEDIT4\r\n\r\n" if args.ansi else "Windows Registry Editor Version 5.00\r\n\r\n"]
    size = len(chunks[0])
    n = 0
    sso_done = False
    while size < target_chars:
        if not sso_done and size > target_chars // 2:
            chunks.append(sso_sections())
            size += len(chunks[-1])
            sso_done = True
        lines = ["[%s]" % random_key(rng, n)]
        for v in range(rng.choice((0, 1, 2, 2, 3, 4, 6, 10))):
            lines.append(value_line(rng, "" if v == 0 and rng.randrange(4) == 0 else "Value%d_%d" % (v, rng.randrange(100))))
        text = "\r\n".join(lines) + "\r\n\r\n"
        chunks.append(text)
        size += len(text)
        n += 1
    data = "".join(chunks)
    with open(args.out, "wb") as f:
        if args.ansi:
            f.write(data.encode("ascii"))
        else:
            f.write(b"\xff\xfe")
            f.write(data.encode("utf-16-le"))
    print("%s: %d keys, %.1f MB" % (args.out, n, (len(data) * (1 if args.ansi else 2)) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
