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
  nlcommitorder.py pool-port LOW HIGH
      A source pool (198.51.100.1/32) with port range LOW to HIGH, as
      u32 values the CLI would refuse (the kernel must check them before
      it keeps 16 bits), then aborted.
  nlcommitorder.py dest-port PORT
      The same for a destination pool's address 10.0.1.2/32 port PORT.
  nlcommitorder.py pool-ri NAME
      A source pool of routing-instance NAME (bytes the CLI would not
      send: a control character), then aborted.
  nlcommitorder.py pipelined DEV
      A client that does not stop at an error: zone trust naming DEV,
      then a zone whose name is 200 characters (refused by the policy),
      then the commit, each sent whatever the one before answered.

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


def u32(v):
    return int(v).to_bytes(4, sys.byteorder)


def pool(c, kind, name, extra_addr, extra):
    e = c.e
    pfx = bytes([2, 32, 0, 0]) + bytes([198, 51, 100, 1] if kind == "source" else [10, 0, 1, 2]) + bytes(12)
    obj = "SRXFLOW_A_CFG_NAT_SOURCE_POOL" if kind == "source" else "SRXFLOW_A_CFG_NAT_DEST_POOL"
    return A(e[obj] | NESTED,
             A(e["SRXFLOW_A_NPOOL_NAME"], s(name)) +
             A(e["SRXFLOW_A_NPOOL_ADDRESS"] | NESTED, A(e["SRXFLOW_A_NADDR_LO"], pfx) + extra_addr) +
             extra)


def pool_port(c, lo, hi):
    e = c.e
    txn = c.begin()
    c.step("pool", "SRXFLOW_CMD_CFG_ADD", txn + pool(c, "source", "p", b"",
           A(e["SRXFLOW_A_NPOOL_PORT_LO"], u32(lo)) + A(e["SRXFLOW_A_NPOOL_PORT_HI"], u32(hi))))
    c.req("SRXFLOW_CMD_CFG_ABORT", txn)


def dest_port(c, port):
    e = c.e
    txn = c.begin()
    c.step("pool", "SRXFLOW_CMD_CFG_ADD", txn + pool(c, "destination", "d",
           A(e["SRXFLOW_A_NADDR_PORT"], u32(port)), b""))
    c.req("SRXFLOW_CMD_CFG_ABORT", txn)


def pool_ri(c, name):
    e = c.e
    txn = c.begin()
    c.step("pool", "SRXFLOW_CMD_CFG_ADD", txn + pool(c, "source", "p", b"",
           A(e["SRXFLOW_A_NPOOL_ROUTING_INSTANCE"], s(name))))
    c.req("SRXFLOW_CMD_CFG_ABORT", txn)


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


def pipelined(c, dev):
    txn = c.begin()
    add = "SRXFLOW_CMD_CFG_ADD"
    c.step("zone trust", add, txn + c.zone("trust", dev))
    err, _ = c.req(add, txn + c.zone("z" * 200, dev))[:2]
    print("long zone: %s" % ("ok" if not err else "error %d" % err))
    if c.step("commit", "SRXFLOW_CMD_CFG_COMMIT", txn)[0]:
        c.req("SRXFLOW_CMD_CFG_ABORT", txn)


def main():
    modes = {"zone-dup": (zone_dup, 1), "stale": (stale, 1), "pool-port": (pool_port, 2),
             "dest-port": (dest_port, 1), "pipelined": (pipelined, 1), "pool-ri": (pool_ri, 1)}
    if len(sys.argv) < 2 or sys.argv[1] not in modes or len(sys.argv) != 2 + modes[sys.argv[1]][1]:
        sys.exit(__doc__)
    c = Cfg()
    modes[sys.argv[1]][0](c, *sys.argv[2:])


if __name__ == "__main__":
    main()
