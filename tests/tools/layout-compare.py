#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""layout-compare: does srxflow's output have the layout of a device capture?

  layout-compare.py CAPTURE BLOCK OUTPUT [--first N] [--ignore RE]...
                    [--drop-label LABEL]...

CAPTURE is a file of ../shared/realworld/outputs (blocks between
"########## capture begins" and "...ends"); BLOCK the block's number (0 the
first).  Every line is reduced to its layout: its indentation and the
labels of its "Label: value" fields ("Session ID, Policy name, Timeout,
Session State"); address lines "NAME(BOOK): PREFIX" to NAME(BOOK).  Lines
without a label (values, blank lines) are skipped.  The capture's first N
layouts (after --ignore) must appear in OUTPUT in the same order (other
lines may come between: srxflow's extensions).  --drop-label removes a
field the device prints and srxflow has no use for (HA State of a cluster).
Exit 0 if they do; else 1 and the first capture line that was not found.
"""
import argparse
import re
import sys


def blocks(text):
    out, cur = [], None
    for line in text.splitlines():
        if line.startswith("########## capture begins"):
            cur = []
        elif line.startswith("########## capture ends"):
            out.append(cur)
            cur = None
        elif cur is not None:
            cur.append(line)
    return out


def layout(line, drop):
    line = line.rstrip()
    if ":" not in line:
        return None
    indent = len(line) - len(line.lstrip(" "))
    labels = []
    for part in line.strip().split(", "):
        if ":" not in part:
            continue
        label = part.split(":", 1)[0].strip()
        if re.fullmatch(r"[^ ()]+\([^)]*\)", label):
            label = "NAME(BOOK)"
        if label in drop:
            continue
        labels.append(label)
    if not labels:
        return None
    return (indent, tuple(labels))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("capture")
    ap.add_argument("block", type=int)
    ap.add_argument("output")
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--drop-label", action="append", default=[])
    a = ap.parse_args()
    cap = blocks(open(a.capture, encoding="utf-8").read())[a.block]
    want = []
    for line in cap:
        if any(re.search(r, line) for r in a.ignore):
            continue
        lay = layout(line, a.drop_label)
        if lay:
            want.append((lay, line))
    if a.first:
        want = want[:a.first]
    have = [layout(l, a.drop_label) for l in open(a.output, encoding="utf-8").read().splitlines()]
    pos = 0
    for lay, line in want:
        while pos < len(have) and have[pos] != lay:
            pos += 1
        if pos == len(have):
            print("not in srxflow's output (in this order): %r" % line)
            print("  layout: indent %d, fields %s" % (lay[0], ", ".join(lay[1])))
            return 1
        pos += 1
    print("%d capture lines, all in srxflow's layout" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
