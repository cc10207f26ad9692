#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""tcp-inject.py: crafted segments inside a live TCP connection (selftests).

Runs in the client's namespace next to real clients (socat) whose
connections CLIENT:SPORT -> SERVER (DPORT, or any port) it watches on IFACE (scapy
sniffer), so that it knows each client's next sequence number and last ack.
Commands "SPORT WHAT...", one a line, are read from the FIFO CMD; after each
one a line "done SPORT WHAT... seq=N next=N" is appended to OUT (the FIFO
is read until EOF).  WHAT is one of:

  rst bad     RST+ACK with the exact next sequence number, bad TCP checksum
  rst exact   RST+ACK with the exact next sequence number
  rst inwin   RST+ACK 1000 bytes beyond the next sequence number (in window)
  rst below   RST+ACK 2000 bytes below the next sequence number (stale)
  rst far     RST+ACK 2^30 beyond the next sequence number (out of window)
  retrans N   100 bytes of data N bytes behind the next sequence number
  ahead N     100 bytes of data N bytes beyond the next sequence number
              (a blind segment far out of window: the receiver ignores it)
  syn N       a SYN (no ACK) N bytes beyond the next sequence number
  rst last    RST+ACK at the end of the last ahead or syn segment (the
              receiver ignores it: out of its window)
  chain N K   K segments of N bytes, one after the other from the next
              sequence number, sent at once (beyond a small receive window)
  nh59 SRC DST  (SPORT ignored) two IPv6 packets SRC -> DST with next header
              59 (no next header): bare, and behind a destination options header

Usage: tcp-inject.py IFACE GWMAC CLIENT SERVER DPORT CMD OUT
(segments are sent on IFACE to the gateway's MAC address GWMAC)
"""
import sys
import time

from scapy.all import (AsyncSniffer, Ether, IP, IPv6, IPv6ExtHdrDestOpt, TCP, Raw, conf,
                       raw, sendp)

conf.verb = 0
iface, gwmac, client, server, dport, cmdf, outf = sys.argv[1:8]
dport = int(dport)
L3 = IPv6 if ":" in client else IP
M = 0xFFFFFFFF
conns = {}  # sport -> {"next": next sequence number, "ack": last ack}
crafted = set()  # (sport, seq) of segments sent ahead: not the client's own


def after(a, b):
    d = (a - b) & M
    return 0 < d < 0x80000000


def track(p):
    if TCP not in p or L3 not in p:
        return
    t = p[TCP]
    if p[L3].src != client or p[L3].dst != server or t.flags.R or (t.sport, t.seq) in crafted:
        return
    # (any server port: the connection's own, by client port)
    st = conns.setdefault(t.sport, {"next": None, "ack": 0, "dport": t.dport})
    end = (t.seq + len(t.payload) + (1 if t.flags.S else 0) + (1 if t.flags.F else 0)) & M
    if st["next"] is None or after(end, st["next"]):
        st["next"] = end
    if t.flags.A:
        st["ack"] = t.ack


def send(pkt):
    sendp(Ether(dst=gwmac) / pkt, iface=iface)


def seg(sport, seq, flags, payload=b""):
    st = conns[sport]
    pkt = L3(src=client, dst=server) / TCP(sport=sport, dport=st["dport"], flags=flags,
                                          seq=seq & M, ack=st["ack"], window=512)
    return pkt / Raw(payload) if payload else pkt


sniffer = AsyncSniffer(iface=iface, prn=track, store=False)
sniffer.start()
time.sleep(1)
with open(outf, "a") as o:
    o.write("ready\n")
with open(cmdf) as cmds:
    for line in cmds:
        words = line.split()
        if len(words) < 2:
            continue
        time.sleep(0.5)  # let the sniffer see the last segments
        sport = int(words[0])
        nxt = conns.get(sport, {}).get("next")
        if words[1] == "nh59":
            ip = IPv6(src=words[2], dst=words[3])
            send(IPv6(src=ip.src, dst=ip.dst, nh=59) / Raw(b"x" * 8))
            send(ip / IPv6ExtHdrDestOpt(nh=59))
            res = "sent"
        elif nxt is None:
            res = "no-connection"
        elif words[1] == "rst" and words[2] != "last":
            off = {"bad": 0, "exact": 0, "inwin": 1000, "below": -2000,
                   "far": 1 << 30}[words[2]]
            pkt = seg(sport, nxt + off, "RA")
            if words[2] == "bad":
                good = L3(raw(pkt))[TCP].chksum
                pkt[TCP].chksum = good ^ 0x5A5A
            send(pkt)
            res = "seq=%d next=%d" % ((nxt + off) & M, nxt)
        elif words[1] == "retrans":
            seq = nxt - int(words[2])
            send(seg(sport, seq, "PA", b"Z" * 100))
            res = "seq=%d next=%d" % (seq & M, nxt)
        elif words[1] in ("ahead", "syn"):
            seq = nxt + int(words[2])
            crafted.add((sport, seq & M))
            if words[1] == "ahead":
                pkt = seg(sport, seq, "PA", b"Z" * 100)
                conns[sport]["last"] = (seq + 100) & M
            else:
                pkt = seg(sport, seq, "S")
                pkt[TCP].ack = 0
                conns[sport]["last"] = (seq + 1) & M
            send(pkt)
            res = "seq=%d next=%d" % (seq & M, nxt)
        elif words[1] == "chain":
            size, n = int(words[2]), int(words[3])
            pkts = []
            for i in range(n):
                seq = (nxt + i * size) & M
                crafted.add((sport, seq))
                pkts.append(Ether(dst=gwmac) / seg(sport, seq, "PA", b"C" * size))
            sendp(pkts, iface=iface)
            res = "seq=%d next=%d" % (nxt & M, nxt)
        elif words[1:] == ["rst", "last"] and "last" in conns[sport]:
            send(seg(sport, conns[sport]["last"], "RA"))
            res = "seq=%d next=%d" % (conns[sport]["last"], nxt)
        else:
            res = "unknown"
        with open(outf, "a") as o:
            o.write("done %s %s\n" % (" ".join(words), res))
sniffer.stop()
