#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""nlmanyif: commit ZONES zones of PER interfaces each, by raw netlink.

  nlmanyif.py ZONES PER

Commits, in the network namespace it runs in, security zones z0.. each
with PER interfaces named i0, i1... (devices that need not exist: the
interface map is sized by the interfaces configured).  Run it in a
namespace of its own: the configuration stays there.  Output:

  commit: ok | commit: error -ERRNO: EXTACK MESSAGE

Standard library only (tests/tools/nlrange.py's netlink helpers).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlrange  # noqa: E402

A = nlrange.attr
NESTED = nlrange.NLA_F_NESTED


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zones, per = int(sys.argv[1]), int(sys.argv[2])
    e = nlrange.header_enums(os.path.join(nlrange.TOP, "include/uapi/linux/srxflow.h"))
    g = nlrange.Genl()
    fam = g.family()
    err, text, rep = g.request(fam, e["SRXFLOW_CMD_GET_STATUS"], b"")
    if err:
        sys.exit("nlmanyif: GET_STATUS: %d %s" % (err, text))
    gen = rep[e["SRXFLOW_A_GENERATION"]][:8]
    err, text, rep = g.request(fam, e["SRXFLOW_CMD_CFG_BEGIN"], A(e["SRXFLOW_A_GENERATION"], gen))
    if err:
        sys.exit("nlmanyif: CFG_BEGIN: %d %s" % (err, text))
    txn = A(e["SRXFLOW_A_TXN_ID"], rep[e["SRXFLOW_A_TXN_ID"]][:4])
    n = 0
    for z in range(zones):
        ifs = b""
        for _ in range(per):
            ifs += A(e["SRXFLOW_A_ZONE_IFACE"] | NESTED,
                     A(e["SRXFLOW_A_ZIF_NAME"], b"i%x\0" % n))
            n += 1
        err, text, _ = g.request(fam, e["SRXFLOW_CMD_CFG_ADD"], txn +
                                 A(e["SRXFLOW_A_CFG_ZONE"] | NESTED,
                                   A(e["SRXFLOW_A_ZONE_NAME"], b"z%d\0" % z) + ifs))
        if err:
            print("add z%d: error %d: %s" % (z, err, text))
            g.request(fam, e["SRXFLOW_CMD_CFG_ABORT"], txn)
            return
    err, text, _ = g.request(fam, e["SRXFLOW_CMD_CFG_COMMIT"], txn)
    print("commit: %s" % ("ok" if not err else "error %d: %s" % (err, text)))


if __name__ == "__main__":
    main()
