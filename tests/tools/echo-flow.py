#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""echo-flow: one ICMP echo session kept alive, as a long-running flow.

  echo-flow.py [-i INTERVAL] [--id N] DST

An SRX (and srxflow) keeps one session per echo request: a `ping` is a new
session every second.  This sends the same request (identifier N, sequence
1) every INTERVAL seconds, so its packets are one session that lives as
long as it runs, and prints "N bytes from ADDR: icmp_seq=1" for each reply
(as ping does).  Standard library only (starts fast in the TCG guest).
"""
import argparse
import select
import socket
import struct
import sys
import time


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-i", dest="interval", type=float, default=1.0)
    ap.add_argument("--id", type=int, default=4660)
    ap.add_argument("dst")
    a = ap.parse_args()
    v6 = ":" in a.dst
    if v6:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        msg = struct.pack("!BBHHH", 128, 0, 0, a.id, 1) + b"x" * 56  # kernel sums
        reply = 129
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        msg = struct.pack("!BBHHH", 8, 0, 0, a.id, 1) + b"x" * 56
        msg = msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]
        reply = 0
    nxt = 0.0
    while True:
        now = time.monotonic()
        if now >= nxt:
            try:
                s.sendto(msg, (a.dst, 0))
            except OSError:
                pass
            nxt = now + a.interval
        r, _, _ = select.select([s], [], [], max(0.0, nxt - time.monotonic()))
        if not r:
            continue
        d, src = s.recvfrom(4096)
        if not v6:
            d = d[(d[0] & 15) * 4:]
        if len(d) < 8:
            continue
        t, _, _, ident, seq = struct.unpack("!BBHHH", d[:8])
        if t == reply and ident == a.id:
            print("%d bytes from %s: icmp_seq=%d" % (len(d), src[0], seq), flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
