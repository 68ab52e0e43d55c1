#!/usr/bin/python3
"""Rewrites a real-world .reg file into input that hivexregedit --merge accepts, for cross-checks.

  reg_for_hivex.py FILE OUTDIR [--skip-lines 3,17]

hivexregedit (Win::Hivex::Regedit) reads a much narrower syntax than regedit, one hive at a time,
and applies none of regedit's import rules to hex data. This script changes only syntax and
applies those rules, so that what hivex stores is what regedit would store:
  * text: decoded as regedit does (UTF-16LE when the file starts with FF FE; otherwise ANSI, taken
    as UTF-8 when valid, else Latin-1) and written as Latin-1 with LF, because hivexregedit widens
    each input byte to one UTF-16 unit (its manual: re-encode first). Quoted strings and names
    with characters above U+00FF cannot be written so: that value is left out and listed.
  * syntax: comments and blank lines dropped, continuations joined, blanks around '=' and trailing
    "; comment" removed, dword digits padded to 8 (hivexregedit wants exactly 8), abbreviated
    roots (HKLM) written in full, one blank line after every section.
  * hives: sections are grouped by hive (HKLM\\X and HKU\\X by their first key, other roots whole);
    every missing ancestor gets its own empty section first (hivexregedit creates a key only
    when its parent exists).
  * regedit's rules for hex(1)/hex(2)/hex(7) (FACTS.md §1.3): a missing NUL terminator is added; in
    a file without a BOM the bytes are ANSI and widened to UTF-16LE, except bytes that are already
    UTF-16LE in a v5 file (SSO Doctor's documented choice: even length, all high bytes NUL, ending
    in a UTF-16 NUL), which are kept.
  * HKLM\SYSTEM\CurrentControlSet exists only in a running registry: it is written as
    ControlSet001, and the SYSTEM hive gets Select\Current = 1 as an offline SYSTEM hive has it.
  * --skip-lines: lines SSO Doctor skipped with a warning (a value regedit skips); they and their
    continuation lines are left out, and so is every value below a skipped key line.
  * "name"="text" with \\n or \\r escapes: hivexregedit reads \\n as "n"; such values are listed.

Prints JSON: {"groups": [{"prefix", "reg"}], "dropped": [{"key", "name", "line", "why"}]}.
"""

import json
import os
import re
import sys

ROOTS = {
    "HKEY_LOCAL_MACHINE": "HKEY_LOCAL_MACHINE", "HKLM": "HKEY_LOCAL_MACHINE",
    "HKEY_CURRENT_USER": "HKEY_CURRENT_USER", "HKCU": "HKEY_CURRENT_USER",
    "HKEY_CLASSES_ROOT": "HKEY_CLASSES_ROOT", "HKCR": "HKEY_CLASSES_ROOT",
    "HKEY_USERS": "HKEY_USERS", "HKU": "HKEY_USERS",
    "HKEY_CURRENT_CONFIG": "HKEY_CURRENT_CONFIG", "HKCC": "HKEY_CURRENT_CONFIG",
}
STRING_TYPES = (1, 2, 7)


def decode(raw):
    if raw.startswith(b"\xff\xfe"):
        return raw[2:len(raw) - (len(raw) % 2)].decode("utf-16-le"), "utf16"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf8"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin1"


def canonical_key(name):
    parts = name.split("\\", 1)
    root = ROOTS.get(parts[0].upper())
    if root is None:
        return None
    rest = parts[1].rstrip("\\") if len(parts) > 1 else ""
    return root + ("\\" + rest if rest else "")


def offline_key(key):
    """CurrentControlSet -> ControlSet001 (the hive gets Select\\Current = 1)."""
    parts = key.split("\\")
    if len(parts) > 2 and parts[1].upper() == "SYSTEM" and parts[2].lower() == "currentcontrolset":
        parts[2] = "ControlSet001"
    return "\\".join(parts)


def hive_prefix(key):
    parts = key.split("\\")
    if parts[0] in ("HKEY_LOCAL_MACHINE", "HKEY_USERS") and len(parts) > 1:
        return parts[0] + "\\" + parts[1]
    return parts[0]


def quoted_end(text, i):
    """Index just past the closing quote of the string starting at text[i] == '"', or -1."""
    i += 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return -1


def has_line_escape(quoted):
    """True when the quoted string holds \\n or \\r (regedit: LF/CR; hivexregedit: n/r)."""
    i = 1
    while i < len(quoted) - 1:
        if quoted[i] == "\\":
            if quoted[i + 1] in "nr":
                return True
            i += 2
            continue
        i += 1
    return False


def looks_utf16(data):
    n = len(data)
    if n < 4 or n % 2 or data[-1] or data[-2]:
        return False
    return all(data[i + 1] == 0 for i in range(0, n, 2)) and any(data[i] for i in range(0, n, 2))


def import_hex_string(data, encoding, v5):
    if encoding == "utf16" or (v5 and looks_utf16(data)):
        if len(data) % 2:
            data += b"\0"
        if len(data) < 2 or data[-2:] != b"\0\0":
            data += b"\0\0"
        return data
    if not data or data[-1] != 0:
        data += b"\0"
    try:
        text = data.decode("utf-8") if encoding == "utf8" else data.decode("latin-1")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.encode("utf-16-le")


class Converter:
    def __init__(self, text, encoding, skip):
        self.lines = re.split(r"\r\n|\r|\n", text)
        self.encoding = encoding
        self.skip = skip
        self.v5 = self.lines[0].strip() == "Windows Registry Editor Version 5.00"
        self.groups = {}  # prefix -> list of output lines
        self.order = []
        self.existing = {}  # prefix -> set of folded keys known to exist in that hive
        self.dropped = []
        self.key = None  # open section (canonical) or None
        self.section = None  # output lines of the open section

    def logical_line(self, i):
        """Joins a hex continuation; returns (text, index of the next line)."""
        line = self.lines[i]
        i += 1
        while line.rstrip().endswith("\\") and re.search(r"=\s*hex", line):
            line = line.rstrip()[:-1]
            while i < len(self.lines) and (not self.lines[i].strip() or self.lines[i].lstrip().startswith(";")):
                i += 1
            if i >= len(self.lines):
                break
            line += self.lines[i].lstrip()
            i += 1
        return line, i

    def close_section(self):
        if self.key is not None and self.section is not None:
            self.groups[hive_prefix(self.key)].extend(self.section + [""])
        self.key = None
        self.section = None

    def ensure_group(self, prefix):
        if prefix not in self.groups:
            self.groups[prefix] = []
            self.order.append(prefix)
            self.existing[prefix] = {prefix.lower()}
            if prefix.upper() == "HKEY_LOCAL_MACHINE\\SYSTEM":
                select = prefix + "\\Select"
                self.groups[prefix].extend(["[" + select + "]", '"Current"=dword:00000001', ""])
                self.existing[prefix].add(select.lower())

    def open_key(self, key):
        prefix = hive_prefix(key)
        self.ensure_group(prefix)
        parts = key.split("\\")
        for n in range(len(prefix.split("\\")) + 1, len(parts)):
            ancestor = "\\".join(parts[:n])
            if ancestor.lower() not in self.existing[prefix]:
                self.groups[prefix].extend(["[" + ancestor + "]", ""])
                self.existing[prefix].add(ancestor.lower())
        self.existing[prefix].add(key.lower())
        self.key = key
        self.section = ["[" + key + "]"]

    def delete_key(self, key):
        prefix = hive_prefix(key)
        self.ensure_group(prefix)
        folded = key.lower()
        self.existing[prefix] = {k for k in self.existing[prefix] if k != folded and not k.startswith(folded + "\\")}
        self.groups[prefix].extend(["[-" + key + "]", ""])

    def drop(self, name, line, why):
        self.dropped.append({"key": self.key or "", "name": name, "line": line, "why": why})

    def value(self, text, lineno):
        if text.startswith("@"):
            name, token, rest = "", "@", text[1:]
        else:
            end = quoted_end(text, 0)
            if end < 0:
                return self.drop("", lineno, "unterminated value name")
            token, rest = text[:end], text[end:]
            name = re.sub(r"\\(.)", r"\1", token[1:-1])
        rest = rest.lstrip(" \t")
        if not rest.startswith("="):
            return self.drop(name, lineno, "no '=' after the name")
        data = rest[1:].lstrip(" \t")
        if self.key is None:
            return
        if not all(ord(c) < 256 for c in token):
            return self.drop(name, lineno, "name has characters above U+00FF, which hivexregedit cannot read")
        if data.startswith("-"):
            self.section.append(token + "=-")
            return
        if data.startswith('"'):
            end = quoted_end(data, 0)
            string = data[:end]
            if has_line_escape(string):
                return self.drop(name, lineno, "string holds \\n or \\r escapes, which hivexregedit reads as n/r")
            if not all(ord(c) < 256 for c in string):
                return self.drop(name, lineno, "string has characters above U+00FF, which hivexregedit cannot read")
            self.section.append(token + "=" + string)
            return
        m = re.match(r"(?i)dword:\s*([0-9a-f]{1,8})", data)
        if m:
            self.section.append(token + "=dword:" + m.group(1).lower().rjust(8, "0"))
            return
        m = re.match(r"(?i)hex(?:\(([0-9a-f]{1,8})\))?:(.*)$", data)
        if not m:
            return self.drop(name, lineno, "data form not understood by this script")
        vtype = int(m.group(1), 16) if m.group(1) else 3
        body = m.group(2).split(";", 1)[0]
        raw = bytes(int(b, 16) for b in re.split(r"[,\s]+", body.strip().rstrip(",")) if b)
        if vtype in STRING_TYPES:
            raw = import_hex_string(raw, self.encoding, self.v5)
        prefix = "hex:" if vtype == 3 and not m.group(1) else "hex(%x):" % vtype
        self.section.append(token + "=" + prefix + ",".join("%02x" % b for b in raw))

    def run(self):
        i = 1  # line 1 is the header
        while i < len(self.lines):
            lineno = i + 1
            text, i = self.logical_line(i)
            stripped = text.strip(" \t")
            if not stripped or stripped[0] not in "[@\"":
                continue  # a comment to regedit
            if lineno in self.skip:
                if stripped.startswith("["):
                    self.close_section()  # the values below a skipped key are skipped too
                continue
            if stripped.startswith("["):
                self.close_section()
                name = stripped[1:stripped.rfind("]")]
                deletion = name.startswith("-")
                key = canonical_key(name[1:] if deletion else name)
                if key is None:
                    continue
                key = offline_key(key)
                if deletion:
                    self.delete_key(key)
                else:
                    self.open_key(key)
                continue
            if self.key is not None:
                self.value(stripped, lineno)
        self.close_section()


def main():
    path, outdir = sys.argv[1], sys.argv[2]
    skip = set()
    if len(sys.argv) > 4 and sys.argv[3] == "--skip-lines" and sys.argv[4]:
        skip = {int(n) for n in sys.argv[4].split(",")}
    with open(path, "rb") as f:
        text, encoding = decode(f.read())
    conv = Converter(text, encoding, skip)
    conv.run()
    groups = []
    for n, prefix in enumerate(conv.order):
        out = os.path.join(outdir, "hive%d.reg" % n)
        with open(out, "wb") as f:
            f.write(("REGEDIT4\n\n" + "\n".join(conv.groups[prefix]) + "\n").encode("latin-1"))
        groups.append({"prefix": prefix, "reg": out})
    json.dump({"groups": groups, "dropped": conv.dropped}, sys.stdout)


if __name__ == "__main__":
    main()
