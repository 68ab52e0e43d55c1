#!/usr/bin/env python3
"""Hostile servers for the probes: run inside a private network namespace (they bind the standard
ports on 127.0.0.1), one MODE for every port:

  hostile_servers.py MODE      MODE: garbage | truncated | endless | silent

  DNS 53/udp+tcp, Kerberos 88/udp+tcp, LDAP 389/tcp, HTTPS/TLS 443/tcp, HTTP 80/tcp.
  garbage    answers every request with bytes that are no such protocol
  truncated  answers with a frame whose length prefix promises more than is ever sent, then holds
  endless    TCP: a length prefix as large as the protocol allows, then data without end;
             UDP: a burst of 64 KiB datagrams for every request
  silent     TCP: accepts and never says a word; UDP: never answers

Prints "ready" on stdout once every port is bound; runs until killed (SIGTERM).
"""
import signal
import socket
import struct
import sys
import threading
import time

MODE = sys.argv[1]
STOP = threading.Event()

TCP = {53: "dns", 88: "kerberos", 389: "ldap", 443: "tls", 80: "http"}
UDP = {53: "dns", 88: "kerberos"}

GARBAGE = bytes((i * 37 + 11) & 0xFF for i in range(512))


def truncated_tcp(proto):
    if proto == "dns":
        return struct.pack(">H", 300) + b"\x12\x34\x81\x80"  # promises 300, sends 4
    if proto == "kerberos":
        return struct.pack(">I", 1000) + b"\x7e\x82\x03\xe4\x30"  # a KRB-ERROR cut short
    if proto == "ldap":
        return b"\x30\x82\x01\x00\x02\x01\x01\x64"  # SEQUENCE of 256 bytes, 6 sent
    if proto == "tls":
        return b"\x16\x03\x03\x10\x00\x02\x00\x0f\xfc\x03\x03"  # a ServerHello record cut short
    return b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nContent-Length: 1000\r\n\r\nabc"


def endless_prefix(proto):
    return {"dns": struct.pack(">H", 0xFFFF), "kerberos": struct.pack(">I", 0x7FFFFFFF),
            "ldap": b"\x30\x84\x7f\xff\xff\xff", "tls": b"\x16\x03\x03\xff\xff",
            "http": b"HTTP/1.1 200 OK\r\nX-Endless: "}[proto]


def handle_tcp(conn, proto):
    conn.settimeout(0.5)
    try:
        if MODE != "silent":
            try:
                conn.recv(65536)  # the request (a TLS ClientHello, an AS-REQ, an LDAP search, ...)
            except OSError:
                pass
        if MODE == "garbage":
            conn.sendall(GARBAGE)
        elif MODE == "truncated":
            conn.sendall(truncated_tcp(proto))
        elif MODE == "endless":
            conn.settimeout(2.0)
            conn.sendall(endless_prefix(proto))
            chunk = b"A" * 65536
            while not STOP.is_set():
                conn.sendall(chunk)
            return
        end = time.monotonic() + 60
        while not STOP.is_set() and time.monotonic() < end:
            time.sleep(0.1)
    except OSError:
        pass
    finally:
        conn.close()


def serve_tcp(sock, proto):
    while not STOP.is_set():
        try:
            conn, _ = sock.accept()
        except OSError:
            continue
        threading.Thread(target=handle_tcp, args=(conn, proto), daemon=True).start()


def serve_udp(sock, proto):
    while not STOP.is_set():
        try:
            data, peer = sock.recvfrom(65536)
        except OSError:
            continue
        try:
            if MODE == "garbage":
                sock.sendto(GARBAGE, peer)
            elif MODE == "truncated":
                # DNS: the query's ID and a header cut at 6 bytes; Kerberos: a KRB-ERROR tag, cut.
                sock.sendto(data[:2] + b"\x81\x80\x00\x01" if proto == "dns" else b"\x7e\x82\x03\xe4\x30\x82", peer)
            elif MODE == "endless":
                for _ in range(64):
                    sock.sendto(b"\xff" * 65000, peer)
        except OSError:
            pass


def main():
    threads = []
    for port, proto in TCP.items():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(16)
        s.settimeout(0.2)
        threads.append(threading.Thread(target=serve_tcp, args=(s, proto), daemon=True))
    for port, proto in UDP.items():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", port))
        s.settimeout(0.2)
        threads.append(threading.Thread(target=serve_udp, args=(s, proto), daemon=True))
    for t in threads:
        t.start()
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: STOP.set())
    while not STOP.is_set():
        time.sleep(0.2)


if __name__ == "__main__":
    main()
