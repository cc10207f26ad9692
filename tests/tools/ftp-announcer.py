#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A server that answers every TCP connection with one 227 (PASV) reply,
announcing a different data port each time, and keeps it open: the gate
limit and gate expiry test of tests/selftests/50-alg-ftp.sh.

  ftp-announcer.py ADDRESS PORT
"""
import socket
import sys

addr, port = sys.argv[1], int(sys.argv[2])
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
    c.sendall(b"227 Entering Passive Mode (%d,%d,%d,%d,%d,%d).\r\n" %
              (a[0], a[1], a[2], a[3], p >> 8, p & 255))
    conns.append(c)
