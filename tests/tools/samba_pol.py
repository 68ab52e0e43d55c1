#!/usr/bin/python3
"""Reads and writes Registry.pol files with Samba's own PReg code, for cross-checks.

  samba_pol.py dump FILE          print the entries as JSON
  samba_pol.py write JSON OUT     build a file from a JSON list of entries (ndr_pack)
  samba_pol.py repack FILE OUT    unpack with Samba and pack again (byte-exactness check)

An entry is {"key", "name", "type", "data"} with data as the hex of the bytes on disk. Samba does
not keep those bytes: it decodes them by type (librpc winreg_Data), so this script converts both
ways and reports what Samba decoded in "value" and the size it read in "size":
  REG_SZ / REG_EXPAND_SZ      str, one terminating NUL stripped on read and added on write
  REG_DWORD                   int, 4 bytes little-endian
  REG_DWORD_BIG_ENDIAN        int, 4 bytes big-endian
  REG_QWORD                   int, 8 bytes little-endian
  REG_NONE                    None: any data is dropped
  everything else             bytes, unchanged (MULTI_SZ, BINARY, LINK, unknown types)
Needs the system interpreter with python3-samba: /usr/bin/python3.
"""

import json
import struct
import sys

from samba.dcerpc import misc, preg
from samba.ndr import ndr_pack, ndr_unpack

STRING_TYPES = (misc.REG_SZ, misc.REG_EXPAND_SZ)
INT_FORMATS = {misc.REG_DWORD: "<I", misc.REG_DWORD_BIG_ENDIAN: ">I", misc.REG_QWORD: "<Q"}


def to_disk_bytes(entry_type, data):
    """Samba's decoded value -> the bytes it writes for it."""
    if data is None:
        return b""
    if entry_type in STRING_TYPES:
        return (data + "\0").encode("utf-16-le")
    if entry_type in INT_FORMATS:
        return struct.pack(INT_FORMATS[entry_type], data)
    return bytes(data)


def from_disk_bytes(entry_type, raw):
    """Bytes on disk -> the Python value Samba's entry.data expects."""
    if entry_type == misc.REG_NONE:
        if raw:
            raise ValueError("Samba drops REG_NONE data; only empty REG_NONE entries can be written")
        return None
    if entry_type in STRING_TYPES:
        text = raw.decode("utf-16-le")
        if not text.endswith("\0"):
            raise ValueError("string data must end with a NUL (Samba always writes one)")
        return text[:-1]
    if entry_type in INT_FORMATS:
        fmt = INT_FORMATS[entry_type]
        if len(raw) != struct.calcsize(fmt):
            raise ValueError("type %d needs %d data bytes, got %d" % (entry_type, struct.calcsize(fmt), len(raw)))
        return struct.unpack(fmt, raw)[0]
    return raw


def json_value(value):
    if isinstance(value, (bytes, bytearray)):
        return {"hex": bytes(value).hex()}
    return value


def dump(path):
    with open(path, "rb") as f:
        pol = ndr_unpack(preg.file, f.read())
    entries = []
    for e in pol.entries:
        entries.append({
            "key": e.keyname,
            "name": e.valuename,
            "type": e.type,
            "size": e.size,
            "data": to_disk_bytes(e.type, e.data).hex(),
            "value": json_value(e.data),
        })
    json.dump({"signature": pol.header.signature, "version": pol.header.version,
               "num_entries": pol.num_entries, "entries": entries}, sys.stdout, indent=1)
    sys.stdout.write("\n")


def write(json_path, out_path):
    with open(json_path, encoding="utf-8") as f:
        items = json.load(f)
    entries = []
    for item in items:
        e = preg.entry()
        e.keyname = item["key"]
        e.valuename = item["name"]
        e.type = item["type"]
        value = from_disk_bytes(item["type"], bytes.fromhex(item.get("data", "")))
        if value is not None:
            e.data = value
        entries.append(e)
    pol = preg.file()
    pol.header.signature = "PReg"
    pol.header.version = 1
    pol.num_entries = len(entries)
    pol.entries = entries
    with open(out_path, "wb") as f:
        f.write(ndr_pack(pol))


def repack(in_path, out_path):
    with open(in_path, "rb") as f:
        pol = ndr_unpack(preg.file, f.read())
    with open(out_path, "wb") as f:
        f.write(ndr_pack(pol))


def main(argv):
    if len(argv) == 3 and argv[1] == "dump":
        dump(argv[2])
    elif len(argv) == 4 and argv[1] == "write":
        write(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "repack":
        repack(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
