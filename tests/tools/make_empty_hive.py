#!/usr/bin/env python3
"""Write a minimal, empty Windows registry hive (REGF) file.

Usage: make_empty_hive.py OUT [ROOTNAME]

No package ships an empty hive and hivex cannot create one, so tests build their own: a 4096-byte
base block plus one 4096-byte hbin holding the root key (nk), its security descriptor (sk) and one
free cell covering the rest of the bin. hivex, hivexsh, hivexregedit and chntpw's reged accept it.

Version 1.5 because hivex indexes new subkeys with "lh" lists, which Windows expects from 1.5 on.
"""

import os
import struct
import sys
import time

BLOCK = 4096
HBIN_HEADER = 32
NO_CELL = 0xFFFFFFFF

KEY_HIVE_ENTRY = 0x0004
KEY_NO_DELETE = 0x0008
KEY_COMP_NAME = 0x0020


def filetime_now():
    # FILETIME: 100 ns ticks since 1601-01-01.
    return int(time.time() * 10_000_000) + 116_444_736_000_000_000


def sid(authority, *subauthorities):
    return struct.pack("<BB", 1, len(subauthorities)) + authority.to_bytes(6, "big") + \
        b"".join(struct.pack("<I", s) for s in subauthorities)


def ace_allow(mask, trustee):
    # ACCESS_ALLOWED_ACE, CONTAINER_INHERIT_ACE so subkeys created by Windows inherit it.
    return struct.pack("<BBHI", 0, 0x02, 8 + len(trustee), mask) + trustee


def security_descriptor():
    """Self-relative SD: owner Administrators, group SYSTEM, DACL SYSTEM/Administrators full
    control and Users read, which is what Windows puts on a freshly created policy hive."""
    system = sid(5, 18)
    admins = sid(5, 32, 544)
    users = sid(5, 32, 545)
    key_all_access, key_read = 0x000F003F, 0x00020019
    aces = ace_allow(key_all_access, system) + ace_allow(key_all_access, admins) + \
        ace_allow(key_read, users)
    dacl = struct.pack("<BBHHH", 2, 0, 8 + len(aces), 3, 0) + aces
    se_dacl_present, se_self_relative = 0x0004, 0x8000
    header_len = 20
    owner_off = header_len
    group_off = owner_off + len(admins)
    dacl_off = group_off + len(system)
    header = struct.pack("<BBHIIII", 1, 0, se_dacl_present | se_self_relative,
                         owner_off, group_off, 0, dacl_off)
    return header + admins + system + dacl


def cell(payload):
    """An allocated cell: negative size (including the 4-byte size field), 8-byte aligned."""
    size = (4 + len(payload) + 7) & ~7
    return struct.pack("<i", -size) + payload + b"\0" * (size - 4 - len(payload))


def nk_cell(root_name, sk_offset, stamp):
    name = root_name.encode("latin-1")  # KEY_COMP_NAME: the name is stored as Latin-1
    payload = b"nk" + struct.pack(
        "<HQIIIIIIIIIIIIIIIHH",
        KEY_HIVE_ENTRY | KEY_NO_DELETE | KEY_COMP_NAME,
        stamp,
        0,          # access bits
        NO_CELL,    # parent: the root has none
        0, 0,       # subkeys, volatile subkeys
        NO_CELL, NO_CELL,  # subkey lists
        0, NO_CELL,  # values count, values list
        sk_offset,
        NO_CELL,    # class name
        0, 0, 0, 0,  # largest subkey name / class / value name / value data
        0,          # work var
        len(name), 0)
    return cell(payload + name)


def sk_cell(self_offset, descriptor):
    # The sk list is circular: the only record links to itself both ways.
    payload = b"sk" + struct.pack("<HIIII", 0, self_offset, self_offset, 1, len(descriptor))
    return cell(payload + descriptor)


def base_block(root_offset, bins_size, stamp, file_name):
    header = bytearray(BLOCK)
    struct.pack_into("<4sIIQIIIIIII", header, 0,
                     b"regf",
                     1, 1,        # primary == secondary sequence: the hive is clean
                     stamp,
                     1, 5,        # version 1.5
                     0,           # primary file
                     1,           # direct memory load
                     root_offset,
                     bins_size,
                     1)           # clustering factor
    # The base block keeps the last 31 characters of the file name, UTF-16LE, NUL padded.
    name = file_name[-31:].encode("utf-16-le")
    header[0x30:0x30 + len(name)] = name
    checksum = 0
    for (dword,) in struct.iter_unpack("<I", bytes(header[:0x1FC])):
        checksum ^= dword
    # Windows reserves 0 and -1 as "no checksum"; it maps them as below, hivex accepts either.
    if checksum == 0:
        checksum = 1
    elif checksum == 0xFFFFFFFF:
        checksum = 0xFFFFFFFE
    struct.pack_into("<I", header, 0x1FC, checksum)
    return bytes(header)


def build(root_name, file_name):
    stamp = filetime_now()
    # Cell offsets are relative to the first hbin; the first cell follows the 32-byte hbin header.
    nk_offset = HBIN_HEADER
    nk_len = len(nk_cell(root_name, 0, stamp))
    sk_offset = nk_offset + nk_len
    cells = nk_cell(root_name, sk_offset, stamp) + sk_cell(sk_offset, security_descriptor())
    free = BLOCK - HBIN_HEADER - len(cells)
    if free < 8:
        raise ValueError("root name too long for a single hbin")
    # The rest of the bin is one free cell (positive size) so every byte belongs to a cell.
    cells += struct.pack("<i", free) + b"\0" * (free - 4)
    hbin = b"hbin" + struct.pack("<IIQQI", 0, BLOCK, 0, stamp, 0) + cells
    assert len(hbin) == BLOCK
    return base_block(nk_offset, BLOCK, stamp, file_name) + hbin


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: make_empty_hive.py OUT [ROOTNAME]\n")
        return 2
    out = argv[1]
    root_name = argv[2] if len(argv) == 3 else "ROOT"
    if not root_name or "\\" in root_name or len(root_name) > 255:
        sys.stderr.write("make_empty_hive.py: ROOTNAME must be 1-255 characters without '\\'\n")
        return 2
    try:
        root_name.encode("latin-1")
    except UnicodeEncodeError:
        sys.stderr.write("make_empty_hive.py: ROOTNAME must be Latin-1\n")
        return 2
    data = build(root_name, os.path.basename(out))
    # Write beside the target and rename so a reader never sees half a hive.
    tmp = out + ".tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except OSError as e:
        sys.stderr.write(f"make_empty_hive.py: cannot write {out}: {e.strerror}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
