#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""FTP probes for the ALG selftests (tests/selftests/50-alg-ftp.sh).

  ftp-probe.py gate HOST PORT STATEFILE
      log in (anonymous), PASV, print the announced port, write it to
      STATEFILE, wait until STATEFILE is removed, then RETR the file
      "small" over the data connection and print its length.
  ftp-probe.py hold HOST PORT STATEFILE
      log in, PASV, open the data connection without a transfer command,
      write "open" to STATEFILE, keep both until killed.
  ftp-probe.py split HOST PORT KIND AT
      log in, listen for an active data connection, send its PORT (KIND
      port) or EPRT (KIND eprt) command in two TCP segments cut AT verb
      (after "PORT "), addr (inside the address), port (after the
      address and its delimiter) or end (before CRLF); print the server's
      answer ("reply ..."), then RETR the file "small" over the announced
      connection and print its length ("got N", or "no data").
  ftp-probe.py toggle HOST PORT STATEFILE
      log in, listen for an active data connection, write "in" to
      STATEFILE; once STATEFILE.noop exists send a NOOP and write "noop"
      to STATEFILE; once STATEFILE is removed send the PORT, print its
      answer ("reply ..."), then RETR the file "small" over the announced
      connection and print its length ("got N", or "no data").  (The
      test disables the ALG before the NOOP and enables it before the
      PORT.)
  ftp-probe.py burst HOST PORT N
      log in, listen for an active data connection, send N NOOP commands
      and a PORT in one write (more than one segment: the sender hands it
      over as one GSO packet), print the PORT's answer ("reply ..."), then
      RETR the file "small" over the announced connection and print its
      length ("got N", or "no data").
  ftp-probe.py ports HOST PORT ADDR P1[,P2...]
      log in, send a PORT command announcing ADDR:P for each P (the
      server may refuse them: the ALG opens their gates first), print
      "announced", keep the connection until stdin closes.
  ftp-probe.py pair HOST PORT SRC1 SRC2 DPORT
      two hosts behind one PAT address: control connections from SRC1
      and SRC2, each announcing PORT SRCn,DPORT (the same port), the
      first first; then RETR "small" on the first: prints what each
      listener got ("first got N", "second got N": the data must reach
      the first only), then on the second ("second got N").
  ftp-probe.py announce HOST PORT N [SRC]
      N control connections (from SRC if given) to a server that answers
      each with a 227; keeps them open until stdin closes, prints how many
      got their 227.
"""
import os
import select
import socket
import sys
import time
import ftplib


def login(host, port):
    f = ftplib.FTP()
    f.connect(host, int(port), timeout=20)
    f.login()
    f.voidcmd("TYPE I")
    return f


def pasv(f):
    resp = f.sendcmd("PASV")
    host, port = ftplib.parse227(resp)
    return host, port


def drain(d):
    """read the data connection d to its end, close it: the byte count"""
    n = 0
    while True:
        b = d.recv(65536)
        if not b:
            break
        n += len(b)
    d.close()
    return n


def retr_active(f, ls):
    """RETR small over the active data connection ls listens for"""
    try:
        f.sendcmd("RETR small")
        d, _ = ls.accept()
        n = drain(d)
        f.voidresp()
        print("got", n, flush=True)
    except (OSError, ftplib.Error) as e:
        print("no data", e, flush=True)


def listener(f):
    local = f.sock.getsockname()[0]
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.bind((local, 0))
    ls.listen(1)
    ls.settimeout(10)
    return local, ls


def pair(host, port, srcs, dport):
    fs, lss = [], []
    for src in srcs:
        f = ftplib.FTP(source_address=(src, 0))
        f.connect(host, int(port), timeout=20)
        f.login()
        f.voidcmd("TYPE I")
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((src, dport))
        ls.listen(1)
        fs.append(f)
        lss.append(ls)
    for f, src in zip(fs, srcs):
        print("reply", f.sendcmd("PORT %s,%d,%d" % (src.replace(".", ","),
                                                   dport >> 8, dport & 255)), flush=True)
    names = ("first", "second")
    for k in (0, 1):
        # the transfer of connection k: which listener gets its data?
        try:
            fs[k].sendcmd("RETR small")
        except ftplib.Error as e:
            print(names[k], "refused:", e, flush=True)
            continue
        ready, _, _ = select.select(lss, [], [], 10)
        if not ready:
            print("nobody got", names[k] + "'s data", flush=True)
        for ls in ready[:1]:
            d, _ = ls.accept()
            print("%s got %d" % (names[lss.index(ls)], drain(d)), flush=True)
        try:
            fs[k].voidresp()
        except ftplib.Error as e:
            print(names[k], "transfer:", e, flush=True)
    for f in fs:
        f.close()


def main():
    cmd, host, port = sys.argv[1:4]
    if cmd == "gate":
        state = sys.argv[4]
        f = login(host, port)
        h, p = pasv(f)
        with open(state, "w") as s:
            s.write("%d\n" % p)
        print("port", p, flush=True)
        for _ in range(600):
            if not os.path.exists(state):
                break
            time.sleep(0.1)
        d = socket.create_connection((h, p), timeout=20)
        f.sendcmd("RETR small")
        n = drain(d)
        f.voidresp()
        f.quit()
        print("got", n, flush=True)
    elif cmd == "toggle":
        state = sys.argv[4]
        f = login(host, port)
        local, ls = listener(f)
        p = ls.getsockname()[1]
        with open(state, "w") as s:
            s.write("in\n")
        for _ in range(600):
            if os.path.exists(state + ".noop"):
                break
            time.sleep(0.1)
        f.voidcmd("NOOP")
        with open(state, "w") as s:
            s.write("noop\n")
        for _ in range(600):
            if not os.path.exists(state):
                break
            time.sleep(0.1)
        try:
            resp = f.sendcmd("PORT %s,%d,%d" % (local.replace(".", ","), p >> 8, p & 255))
        except (OSError, ftplib.Error) as e:
            resp = str(e)
        print("reply", resp, flush=True)
        retr_active(f, ls)
        f.close()
    elif cmd == "hold":
        state = sys.argv[4]
        f = login(host, port)
        h, p = pasv(f)
        d = socket.create_connection((h, p), timeout=20)
        with open(state, "w") as s:
            s.write("open %d\n" % p)
        sys.stdin.read()
        d.close()
    elif cmd == "split":
        kind, at = sys.argv[4:6]
        f = login(host, port)
        f.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        local, ls = listener(f)
        p = ls.getsockname()[1]
        if kind == "port":
            addr = local.replace(".", ",")
            line = "PORT %s,%d,%d\r\n" % (addr, p >> 8, p & 255)
            verb, tail = 5, 5 + len(addr) + 1
        else:
            addr = local
            line = "EPRT |1|%s|%d|\r\n" % (addr, p)
            verb, tail = 5, 8 + len(addr) + 1
        cut = {"verb": verb, "addr": verb + len(addr) // 2, "port": tail,
               "end": len(line) - 2}[at]
        f.sock.sendall(line[:cut].encode())
        time.sleep(0.5)
        f.sock.sendall(line[cut:].encode())
        try:
            resp = f.getresp()
        except ftplib.Error as e:
            resp = str(e)
        print("reply", resp, flush=True)
        retr_active(f, ls)
        f.close()
    elif cmd == "burst":
        n = int(sys.argv[4])
        f = login(host, port)
        local, ls = listener(f)
        p = ls.getsockname()[1]
        line = "PORT %s,%d,%d\r\n" % (local.replace(".", ","), p >> 8, p & 255)
        f.sock.sendall(("NOOP\r\n" * n + line).encode())
        try:
            for _ in range(n):
                f.voidresp()
            resp = f.getresp()
        except ftplib.Error as e:
            resp = str(e)
        print("reply", resp, flush=True)
        retr_active(f, ls)
        f.close()
    elif cmd == "ports":
        addr, ports = sys.argv[4], sys.argv[5]
        f = login(host, port)
        for p in ports.split(","):
            p = int(p)
            try:
                f.sendcmd("PORT %s,%d,%d" % (addr.replace(".", ","), p >> 8, p & 255))
            except ftplib.Error:
                pass
        print("announced", flush=True)
        sys.stdin.read()
        f.close()
    elif cmd == "pair":
        pair(host, port, sys.argv[4:6], int(sys.argv[6]))
    elif cmd == "announce":
        n = int(sys.argv[4])
        src = (sys.argv[5], 0) if len(sys.argv) > 5 else None
        socks = []
        got = 0
        for _ in range(n):
            s = socket.create_connection((host, int(port)), timeout=20,
                                         source_address=src)
            # the whole line: a reply cut in two segments opens its gate
            # only once its end went through
            line = b""
            while not line.endswith(b"\n") and len(line) < 256:
                part = s.recv(256)
                if not part:
                    break
                line += part
            if line.startswith(b"227 "):
                got += 1
            socks.append(s)
        print("announced", got, flush=True)
        sys.stdin.read()
        for s in socks:
            s.close()


if __name__ == "__main__":
    main()
