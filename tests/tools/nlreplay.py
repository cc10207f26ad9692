#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""nlreplay: commit the running configuration again, as CFG_GET gave it.

  nlreplay.py

What a daemon that saves and restores srxflow's configuration does: dump
the running configuration (CFG_GET), open a transaction, send every
object back as it came (CFG_ADD, one object per message, the kernel's
own attributes included), commit, and dump again.  Output, one line per
dump:

  before: objects N, policies P, index attributes I
  after: objects N, policies P, index attributes I

(I counts SRXFLOW_A_POL_INDEX in all policies: one per policy.)  A
failed step prints "STEP: error -ERRNO: EXTACK MESSAGE" and exits 1.
Standard library only (tests/tools/nlrange.py's netlink helpers).
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlrange  # noqa: E402

A = nlrange.attr
NLM_F_DUMP = 0x300
NLMSG_DONE = 3


def dump(g, fam, cmd):
    """the top-level attributes of every message of a dump, in order"""
    g.seq += 1
    body = struct.pack("BBH", cmd, 1, 0)
    g.s.send(struct.pack("IHHII", 16 + len(body), fam, nlrange.NLM_F_REQUEST | NLM_F_DUMP,
                         g.seq, 0) + body)
    out = []
    while True:
        data = g.s.recv(1 << 20)
        while len(data) >= 16:
            ln, typ, _, _, _ = struct.unpack("IHHII", data[:16])
            msg = data[16:ln]
            data = data[(ln + 3) & ~3:]
            if typ == NLMSG_DONE:
                return out
            if typ == nlrange.NLMSG_ERROR:
                err = struct.unpack("i", msg[:4])[0]
                if err:
                    sys.exit("CFG_GET: error %d" % err)
                return out
            body = msg[4:]
            while len(body) >= 4:
                aln, t = struct.unpack("HH", body[:4])
                if aln < 4:
                    break
                out.append((t, body[4:aln]))
                body = body[(aln + 3) & ~3:]


def count(objs, e):
    pol = e["SRXFLOW_A_CFG_POLICY"]
    gen = e["SRXFLOW_A_GENERATION"]
    pad = e["SRXFLOW_A_PAD"]
    mine = [(t, p) for t, p in objs if t & 0x3fff not in (gen, pad)]
    pols = [p for t, p in mine if t & 0x3fff == pol]
    idx = 0
    for p in pols:
        while len(p) >= 4:
            aln, t = struct.unpack("HH", p[:4])
            if aln < 4:
                break
            idx += (t & 0x3fff) == e["SRXFLOW_A_POL_INDEX"]
            p = p[(aln + 3) & ~3:]
    return mine, len(pols), idx


def main():
    if len(sys.argv) != 1:
        sys.exit(__doc__)
    e = nlrange.header_enums(os.path.join(nlrange.TOP, "include/uapi/linux/srxflow.h"))
    g = nlrange.Genl()
    g.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    fam = g.family()
    got = dump(g, fam, e["SRXFLOW_CMD_CFG_GET"])
    gen = [p for t, p in got if t & 0x3fff == e["SRXFLOW_A_GENERATION"]][:1]
    objs, npol, nidx = count(got, e)
    print("before: objects %d, policies %d, index attributes %d" % (len(objs), npol, nidx))
    # (based on the generation read: a commit in between is refused)
    err, text, rep = g.request(fam, e["SRXFLOW_CMD_CFG_BEGIN"],
                               A(e["SRXFLOW_A_GENERATION"], gen[0][:8] if gen else struct.pack("Q", 0)))
    if err:
        print("CFG_BEGIN: error %d: %s" % (err, text))
        sys.exit(1)
    txn = A(e["SRXFLOW_A_TXN_ID"], rep[e["SRXFLOW_A_TXN_ID"]][:4])
    for t, payload in objs:
        err, text, _ = g.request(fam, e["SRXFLOW_CMD_CFG_ADD"], txn + A(t, payload))
        if err:
            print("CFG_ADD: error %d: %s" % (err, text))
            g.request(fam, e["SRXFLOW_CMD_CFG_ABORT"], txn)
            sys.exit(1)
    err, text, _ = g.request(fam, e["SRXFLOW_CMD_CFG_COMMIT"], txn)
    if err:
        print("CFG_COMMIT: error %d: %s" % (err, text))
        sys.exit(1)
    objs, npol, nidx = count(dump(g, fam, e["SRXFLOW_CMD_CFG_GET"]), e)
    print("after: objects %d, policies %d, index attributes %d" % (len(objs), npol, nidx))


if __name__ == "__main__":
    main()
