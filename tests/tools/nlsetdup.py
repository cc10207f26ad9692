#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""nlsetdup: an address-set naming one large set many times, by raw netlink.

  nlsetdup.py RANGES REPEAT [--distinct]

In one transaction (aborted at the end: the running configuration is
never changed): RANGES IPv6 host addresses that merge into no fewer
ranges (2001:db8::2, ::4, ...), sets t1 and t2 holding half of them each,
set t = t1 + t2 (RANGES ranges), then set u naming t REPEAT times.  With
--distinct, REPEAT sets s0.. each naming t, and u naming s0..: distinct
members of the same content, which the kernel does not deduplicate.  The
union of u's members is RANGES ranges whatever REPEAT is; before merging
they are RANGES * REPEAT.  Output, one line per step that fails and a
last line for u:

  u: ok | u: error -ERRNO: EXTACK MESSAGE

Standard library only (tests/tools/nlrange.py's netlink helpers).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlrange  # noqa: E402

A = nlrange.attr
NESTED = nlrange.NLA_F_NESTED


def s(v):
    return v.encode() + b"\0"


def main():
    distinct = sys.argv[3:] == ["--distinct"]
    if len(sys.argv) != 3 + distinct:
        sys.exit(__doc__)
    nr, rep = int(sys.argv[1]), int(sys.argv[2])
    e = nlrange.header_enums(os.path.join(nlrange.TOP, "include/uapi/linux/srxflow.h"))
    g = nlrange.Genl()
    g.s.setsockopt(1, 7, 4 << 20)           # SOL_SOCKET, SO_SNDBUF: big CFG_ADDs
    fam = g.family()
    err, text, rep_ = g.request(fam, e["SRXFLOW_CMD_CFG_BEGIN"],
                                A(e["SRXFLOW_A_GENERATION"], struct.pack("Q", 0)))
    if err:
        sys.exit("nlsetdup: CFG_BEGIN: %d %s" % (err, text))
    txn = A(e["SRXFLOW_A_TXN_ID"], rep_[e["SRXFLOW_A_TXN_ID"]][:4])
    cfg_addr, cfg_set = e["SRXFLOW_A_CFG_ADDRESS"] | NESTED, e["SRXFLOW_A_CFG_ADDRESS_SET"] | NESTED

    def add(what, payload):
        err, text, _ = g.request(fam, e["SRXFLOW_CMD_CFG_ADD"], txn + payload)
        if err or what == "u":
            print("%s: %s" % (what, "ok" if not err else "error %d: %s" % (err, text)))
        return err

    def aset(name, kind, members):
        return A(cfg_set, A(e["SRXFLOW_A_ASET_NAME"], s(name)) +
                 b"".join(A(kind, s(m)) for m in members))

    try:
        names = ["a%x" % i for i in range(nr)]
        for lo in range(0, nr, 2000):
            objs = b""
            for i in range(lo, min(nr, lo + 2000)):
                addr = bytes.fromhex("20010db8") + struct.pack(">IQ", 0, 2 * (i + 1))
                pfx = struct.pack("BB2x", 10, 128) + addr        # AF_INET6 /128
                objs += A(cfg_addr, A(e["SRXFLOW_A_ADDR_NAME"], s(names[i])) +
                          A(e["SRXFLOW_A_ADDR_PREFIX"], pfx))
            if add("addresses", objs):
                return
        half = nr // 2
        if add("t1", aset("t1", e["SRXFLOW_A_ASET_ADDRESS"], names[:half])) or \
           add("t2", aset("t2", e["SRXFLOW_A_ASET_ADDRESS"], names[half:])) or \
           add("t", aset("t", e["SRXFLOW_A_ASET_SET"], ["t1", "t2"])):
            return
        members = ["t"] * rep
        if distinct:
            members = ["s%d" % i for i in range(rep)]
            for m in members:
                if add(m, aset(m, e["SRXFLOW_A_ASET_SET"], ["t"])):
                    return
        add("u", aset("u", e["SRXFLOW_A_ASET_SET"], members))
    finally:
        g.request(fam, e["SRXFLOW_CMD_CFG_ABORT"], txn)


if __name__ == "__main__":
    main()
