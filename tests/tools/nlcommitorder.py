#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""nlcommitorder: transactions whose outcome must not depend on message order.

  nlcommitorder.py zone-dup DEV
      In one transaction: zone trust naming DEV by its Linux name, then
      interfaces ge-0/0/0 unit 0 linux-device DEV, then zone untrust
      naming ge-0/0/0.0 (the CLI sends bindings first; a raw netlink
      client need not).  Committed if every step passed, else aborted.
  nlcommitorder.py stale DEV
      Two transactions on the running generation: B (no zone) commits
      first, then A (zone trust naming DEV) commits on a stale base.

One line per step: "STEP: ok" or "STEP: error -ERRNO: EXTACK MESSAGE".
Run it in a namespace of its own: what commits stays there.  Standard
library only (tests/tools/nlrange.py's netlink helpers).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlrange  # noqa: E402

A = nlrange.attr
NESTED = nlrange.NLA_F_NESTED


def s(v):
    return v.encode() + b"\0"


class Cfg:
    def __init__(self):
        self.e = nlrange.header_enums(os.path.join(nlrange.TOP, "include/uapi/linux/srxflow.h"))
        self.g = nlrange.Genl()
        self.fam = self.g.family()

    def req(self, cmd, payload=b""):
        return self.g.request(self.fam, self.e[cmd], payload)

    def step(self, what, cmd, payload=b""):
        err, text, rep = self.req(cmd, payload)
        print("%s: %s" % (what, "ok" if not err else "error %d: %s" % (err, text)))
        return err, rep

    def begin(self):
        e = self.e
        err, text, rep = self.req("SRXFLOW_CMD_GET_STATUS")
        if err:
            sys.exit("nlcommitorder: GET_STATUS: %d %s" % (err, text))
        gen = rep[e["SRXFLOW_A_GENERATION"]][:8]
        err, text, rep = self.req("SRXFLOW_CMD_CFG_BEGIN", A(e["SRXFLOW_A_GENERATION"], gen))
        if err:
            sys.exit("nlcommitorder: CFG_BEGIN: %d %s" % (err, text))
        return A(e["SRXFLOW_A_TXN_ID"], rep[e["SRXFLOW_A_TXN_ID"]][:4])

    def zone(self, name, iface):
        e = self.e
        return A(e["SRXFLOW_A_CFG_ZONE"] | NESTED,
                 A(e["SRXFLOW_A_ZONE_NAME"], s(name)) +
                 A(e["SRXFLOW_A_ZONE_IFACE"] | NESTED, A(e["SRXFLOW_A_ZIF_NAME"], s(iface))))

    def unit(self, ifd, unit, dev):
        e = self.e
        return A(e["SRXFLOW_A_CFG_INTERFACE"] | NESTED,
                 A(e["SRXFLOW_A_IFD_NAME"], s(ifd)) +
                 A(e["SRXFLOW_A_IFD_UNIT"] | NESTED,
                   A(e["SRXFLOW_A_IFL_UNIT"], unit.to_bytes(4, sys.byteorder)) +
                   A(e["SRXFLOW_A_IFL_DEVICE"], s(dev))))


def zone_dup(c, dev):
    txn = c.begin()
    add = "SRXFLOW_CMD_CFG_ADD"
    if c.step("zone trust", add, txn + c.zone("trust", dev))[0] or \
       c.step("bind", add, txn + c.unit("ge-0/0/0", 0, dev))[0] or \
       c.step("zone untrust", add, txn + c.zone("untrust", "ge-0/0/0.0"))[0]:
        c.req("SRXFLOW_CMD_CFG_ABORT", txn)
        return
    c.step("commit", "SRXFLOW_CMD_CFG_COMMIT", txn)


def stale(c, dev):
    a = c.begin()
    b = c.begin()
    c.step("commit b", "SRXFLOW_CMD_CFG_COMMIT", b)
    if c.step("zone trust", "SRXFLOW_CMD_CFG_ADD", a + c.zone("trust", dev))[0]:
        c.req("SRXFLOW_CMD_CFG_ABORT", a)
        return
    if c.step("commit a", "SRXFLOW_CMD_CFG_COMMIT", a)[0]:
        c.req("SRXFLOW_CMD_CFG_ABORT", a)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("zone-dup", "stale"):
        sys.exit(__doc__)
    c = Cfg()
    (zone_dup if sys.argv[1] == "zone-dup" else stale)(c, sys.argv[2])


if __name__ == "__main__":
    main()
