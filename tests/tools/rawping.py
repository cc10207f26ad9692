#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""rawping: send hand-made ICMP/ICMPv6 echo requests in Ethernet frames.

  rawping.py IFACE DSTMAC SRC DST [--lsrr HOP] [--ssrr HOP] [--id N] [--count N]

Any source address (martians included), IPv4 source-route options, any
destination MAC (a broadcast frame carrying unicast IP).  Written with the
standard library only: it starts in a fraction of the time scapy needs
under the selftests' TCG guest.
"""
import argparse
import ipaddress
import socket
import struct


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def echo4(a):
    icmp = struct.pack("!BBHHH", 8, 0, 0, a.id, 1) + b"srxflow!"
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    opt = b""
    if a.lsrr or a.ssrr:
        hop = ipaddress.IPv4Address(a.lsrr or a.ssrr).packed
        opt = bytes([131 if a.lsrr else 137, 7, 4]) + hop + b"\0"  # + EOL
    ihl = 5 + len(opt) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + len(icmp), a.id, 0, 64, 1, 0,
                      ipaddress.IPv4Address(a.src).packed,
                      ipaddress.IPv4Address(a.dst).packed) + opt
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return 0x0800, hdr + icmp


def echo6(a):
    src = ipaddress.IPv6Address(a.src).packed
    dst = ipaddress.IPv6Address(a.dst).packed
    icmp = struct.pack("!BBHHH", 128, 0, 0, a.id, 1) + b"srxflow!"
    pseudo = src + dst + struct.pack("!I3xB", len(icmp), 58)
    icmp = icmp[:2] + struct.pack("!H", csum(pseudo + icmp)) + icmp[4:]
    hdr = struct.pack("!IHBB", 6 << 28, len(icmp), 58, 64) + src + dst
    return 0x86DD, hdr + icmp


def main():
    p = argparse.ArgumentParser()
    p.add_argument("iface")
    p.add_argument("dstmac")
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--lsrr")
    p.add_argument("--ssrr")
    p.add_argument("--id", type=int, default=4242)
    p.add_argument("--count", type=int, default=3)
    a = p.parse_args()
    etype, pkt = echo6(a) if ":" in a.dst else echo4(a)
    with open("/sys/class/net/%s/address" % a.iface) as f:
        smac = bytes.fromhex(f.read().strip().replace(":", ""))
    frame = bytes.fromhex(a.dstmac.replace(":", "")) + smac + struct.pack("!H", etype) + pkt
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    for _ in range(a.count):
        s.send(frame)


if __name__ == "__main__":
    main()
