#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""nlrange: send one configuration attribute straight to the kernel.

  nlrange.py SET ATTR VALUE [GOOD]
  nlrange.py --each SET ATTR VALUE...

Opens a transaction (CFG_BEGIN), sends CFG_ADD with one object of the
attribute set SET (flow or trace) holding the u32 attribute
SRXFLOW_A_<SET>_<ATTR> = VALUE, prints the kernel's answer, then (when
GOOD is given) sends the same object with GOOD in the same transaction
(is the transaction still usable?), and aborts it: the
running configuration is never changed.  Output:

  add VALUE: ok | add VALUE: error -ERRNO: EXTACK MESSAGE
  add GOOD: ok | ...

With --each, every VALUE is sent in a transaction of its own (begun,
added to, aborted), as fast as the kernel answers: many errors in a
short time.

It bypasses the CLI's own range checks, to test the kernel's.  Standard
library only; the numbers come from include/uapi/linux/srxflow.h.
"""
import os
import re
import socket
import struct
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2


def header_enums(path):
    text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    vals = {}
    for m in re.finditer(r"enum\s+\w+\s*\{(.*?)\};", text, re.S):
        n = 0
        for ent in m.group(1).split(","):
            ent = ent.strip()
            if not ent:
                continue
            name, _, expr = ent.partition("=")
            name = name.strip()
            if expr.strip():
                expr = re.sub(r"\b[A-Za-z_]\w*\b", lambda x: str(vals[x.group(0)]), expr)
                n = int(eval(expr, {"__builtins__": {}}, {}))
            vals[name] = n
            n += 1
    return vals


def attr(t, payload):
    a = struct.pack("HH", 4 + len(payload), t) + payload
    return a + b"\0" * (-len(a) % 4)


def attrs(data):
    out = {}
    while len(data) >= 4:
        ln, t = struct.unpack("HH", data[:4])
        if ln < 4:
            break
        out[t & 0x3fff] = data[4:ln]
        data = data[(ln + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 0

    def family(self, name="srxflow"):
        """the generic netlink family id of NAME (exits if there is none)"""
        err, text, rep = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                      attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        if err:
            sys.exit("%s: family %s: %d %s" % (os.path.basename(sys.argv[0]), name, err, text))
        return struct.unpack("H", rep[CTRL_ATTR_FAMILY_ID][:2])[0]

    def request(self, family, cmd, payload, version=1):
        """(errno, extack message, attributes of the reply)"""
        self.seq += 1
        body = struct.pack("BBH", cmd, version, 0) + payload
        self.s.send(struct.pack("IHHII", 16 + len(body), family, NLM_F_REQUEST | NLM_F_ACK,
                                self.seq, 0) + body)
        reply = {}
        while True:
            data = self.s.recv(65536)
            while len(data) >= 16:
                ln, typ, flags, seq, _ = struct.unpack("IHHII", data[:16])
                msg = data[16:ln]
                data = data[(ln + 3) & ~3:]
                if typ == NLMSG_ERROR:
                    err = struct.unpack("i", msg[:4])[0]
                    text = ""
                    if flags & NLM_F_ACK_TLVS:
                        olen = struct.unpack("I", msg[4:8])[0]
                        skip = 4 + (16 if flags & 0x100 else olen)   # NLM_F_CAPPED
                        tl = attrs(msg[skip:])
                        text = tl.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode()
                    return err, text, reply
                reply = attrs(msg[4:])


def main():
    args = sys.argv[1:]
    each = args[:1] == ["--each"]
    if each:
        args = args[1:]
    if len(args) < 3 or (not each and len(args) > 4):
        sys.exit(__doc__)
    kind, name = args[0].upper(), args[1].upper()
    e = header_enums(os.path.join(TOP, "include/uapi/linux/srxflow.h"))
    g = Genl()
    fam = g.family()

    def begin():
        err, text, rep = g.request(fam, e["SRXFLOW_CMD_CFG_BEGIN"],
                                   attr(e["SRXFLOW_A_GENERATION"], struct.pack("Q", 0)))
        if err:
            sys.exit("nlrange: CFG_BEGIN: %d %s" % (err, text))
        return struct.unpack("I", rep[e["SRXFLOW_A_TXN_ID"]][:4])[0]

    def abort(txn):
        g.request(fam, e["SRXFLOW_CMD_CFG_ABORT"], attr(e["SRXFLOW_A_TXN_ID"], struct.pack("I", txn)))

    obj = e["SRXFLOW_A_CFG_" + kind]
    a = e["SRXFLOW_A_%s_%s" % (kind, name)]
    txn = begin()
    try:
        for i, v in enumerate(args[2:]):
            if each and i:
                abort(txn)
                txn = begin()
            nest = attr(a, struct.pack("I", int(v)))
            err, text, _ = g.request(fam, e["SRXFLOW_CMD_CFG_ADD"],
                                     attr(e["SRXFLOW_A_TXN_ID"], struct.pack("I", txn)) +
                                     attr(obj | NLA_F_NESTED, nest))
            print("add %s: %s" % (v, "ok" if not err else "error %d: %s" % (err, text)))
    finally:
        abort(txn)


if __name__ == "__main__":
    main()
