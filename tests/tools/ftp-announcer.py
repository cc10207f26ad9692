#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A server that answers every TCP connection with one 227 (PASV) reply,
announcing a different data port each time, and keeps it open: the gate
limit and gate expiry test of tests/selftests/50-alg-ftp.sh.

  ftp-announcer.py ADDRESS PORT [CUT]

With CUT, each 227 is sent in two TCP segments, the first CUT bytes long
(the line-reassembly test of 50-alg-ftp).
"""
import socket
import sys
import time

addr, port = sys.argv[1], int(sys.argv[2])
cut = int(sys.argv[3]) if len(sys.argv) > 3 else 0
ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((addr, port))
ls.listen(1024)
a = [int(x) for x in addr.split(".")]
conns = []
i = 0
while True:
    c, _ = ls.accept()
    p = 20000 + i
    i += 1
    line = (b"227 Entering Passive Mode (%d,%d,%d,%d,%d,%d).\r\n" %
            (a[0], a[1], a[2], a[3], p >> 8, p & 255))
    if cut:
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.sendall(line[:cut])
        time.sleep(0.3)
        line = line[cut:]
    c.sendall(line)
    conns.append(c)
