#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""session-listing-compare: are two session listings the same, session by session?

  session-listing-compare.py REF NEW

REF and NEW are the output of `show security flow session` (any mode) or of
its -j form, by two CLIs.  Every session listed in both must be byte for
byte the same (mask ticking timeouts before); a session listed in one only
(it aged out, or was created, between the two listings) is left out.
Prints how many sessions were compared; exit 1 on a difference.
"""
import re, sys
def chunks(path):
    s = open(path, encoding="latin-1").read()
    if s.startswith('{"sessions":['):
        parts = s.split('{"session-id":')
        head, body = parts[0], parts[1:]
        out = {}
        for i, p in enumerate(body):
            sid = re.match(r'\d+', p).group(0)
            if i == len(body) - 1:
                p = p[:p.rindex('],"total-sessions":')]
            out[sid] = p.rstrip(',')
        return head, out, s[s.rindex('],"total-sessions":'):]
    blocks = s.split("\n\n")
    out = {}
    for b in blocks:
        m = re.search(r'Session ID: (\d+)', b)
        if m:
            out[m.group(1)] = b.split("\nTotal sessions:")[0]
    return "", out, s[s.rindex("Total sessions:"):] if "Total sessions:" in s else ""
h1, a, t1 = chunks(sys.argv[1])
h2, b, t2 = chunks(sys.argv[2])
common = sorted(set(a) & set(b))
bad = [k for k in common if a[k] != b[k]]
if h1 != h2 or bad:
    print("# head %r / %r" % (h1, h2))
    for k in bad[:3]:
        print("# ref: %s\n# new: %s" % (a[k], b[k]))
    sys.exit(1)
print("%d sessions in both (%d, %d listed)" % (len(common), len(a), len(b)))
