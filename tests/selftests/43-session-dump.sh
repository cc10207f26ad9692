#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `show security flow session` of thousands of sessions (the CLI's fast
# output buffer, userspace/outbuf.c, and the dump's restart rule):
#  - the text listing says what the JSON listing says, line for line (the
#    text is rebuilt from -j in python and compared byte for byte, timeouts
#    left out: they tick between the two listings);
#  - a listing paused in the middle (its reader stalls, so the CLI stops
#    reading the dump) while the table doubles and is resized: every session
#    that existed for the whole listing is listed, none twice, the total
#    counts what was listed, and the CLI says the walk started over (before
#    the fix the restart was silent and listed sessions twice);
#  - names sent by index (the compact dump: a policy, application, zone or
#    interface name is sent once per dump, kernel/session_rec.c): with more
#    distinct names than the kernel's name cache holds (it starts over and
#    defines indices again), every session is listed with its own policy
#    and application names.
. "$(dirname "$0")/lib.sh"

N=${SRXFLOW_DUMP_SESSIONS:-8000}

ktap_plan 15
srx_load
PY=/usr/bin/python3
[ -x "$PY" ] || ktap_skip_all "python3 not installed"
eng_tmpdir
topo_router

check "configuration loads" rload_q <<'EOF2'
set applications application udp-long protocol udp destination-port 10000-40000 inactivity-timeout 1800
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy fill match source-address any destination-address any application udp-long
set security policies from-zone trust to-zone untrust policy fill then permit
EOF2

# fill FIRST COUNT: COUNT new UDP sessions 10.0.1.2 -> 10.0.2.2, destination
# ports FIRST.. (one datagram each, from one socket)
fill() {
	in_c "$PY" - "$1" "$2" <<'PYEOF'
import socket, sys
first, count = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.0.1.2", 5555))
for p in range(first, first + count):
    s.sendto(b"x" * 16, ("10.0.2.2", p))
PYEOF
}
in_use() { rcli show security flow session summary | sed -n 's/^Sessions-in-use: //p'; }
is_n() { [ "$(in_use)" = "$1" ]; }

fill 10000 "$N"
check "$N sessions created" wait_until 60 is_n "$N"

# --- text and JSON agree --------------------------------------------------------------------
rcli show security flow session >"$TMPD/text" 2>"$TMPD/text.err"
rcli -j show security flow session >"$TMPD/json"
check_eq "text listing: $N sessions" "Total sessions: $N" "$(tail -n 1 "$TMPD/text")"
render() {
	"$PY" - "$TMPD/json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
out = []
for s in d["sessions"]:
    if out:
        out.append("")    # the device separates sessions by a blank line
    out.append("Session ID: %d, Policy name: %s/%d, Timeout: T, Session State: %s"
               % (s["session-id"], s["policy-name"], s["policy-index"], s["state"]))
    for w, label in zip(s["wings"], ("In", "Out")):
        out.append("  %s: %s/%d --> %s/%d;%s, Conn Tag: 0x0, If: %s, Pkts: %d, Bytes: %d,"
                   % (label, w["source-address"], w["source-port"], w["destination-address"],
                      w["destination-port"], w["protocol"], w["interface"] or "N/A",
                      w["packets"], w["bytes"]))
out.append("Total sessions: %d" % d["total-sessions"])
print("\n".join(out))
PYEOF
}
render >"$TMPD/expected"
sed 's/Timeout: [0-9]*,/Timeout: T,/' "$TMPD/text" >"$TMPD/text.norm"
if cmp -s "$TMPD/expected" "$TMPD/text.norm"; then
	ktap_ok "text listing equals the JSON listing rendered by python ($(wc -c <"$TMPD/text") bytes)"
else
	ktap_fail "text listing equals the JSON listing rendered by python" \
		"$(diff "$TMPD/expected" "$TMPD/text.norm" | head -n 8)"
fi
check_eq "  ... with a line per session and wing, a blank line between sessions" "$((4 * N))" "$(wc -l <"$TMPD/text")"
check_eq "  ... nothing on stderr" "" "$(cat "$TMPD/text.err")"

# --- a listing paused while the table is resized ---------------------------------------------
mkfifo "$TMPD/fifo"
rcli show security flow session >"$TMPD/fifo" 2>"$TMPD/paused.err" &
cli=$!
exec {rfd}<"$TMPD/fifo"
# the CLI fills the pipe and blocks writing its first 1 MiB: it stops
# reading the dump with about half of the sessions listed
nap 3
fill 30000 "$N"
check "  ... the table doubles meanwhile ($((2 * N)) sessions)" wait_until 60 is_n "$((2 * N))"
nap 2
cat <&"$rfd" >"$TMPD/paused"
exec {rfd}<&-
wait "$cli"
check_eq "paused listing: the CLI succeeds" 0 "$?"
check_match "  ... and says that the walk started over" "walk started over" cat "$TMPD/paused.err"
dups=$(sed -n 's/^Session ID: \([0-9]*\),.*/\1/p' "$TMPD/paused" | sort | uniq -d | wc -l)
check_eq "  ... no session listed twice" 0 "$dups"
listed=$(grep -c '^Session ID: ' "$TMPD/paused")
check_eq "  ... its total counts what it listed" "Total sessions: $listed" "$(tail -n 1 "$TMPD/paused")"
old=$(grep -cE '^  In: 10\.0\.1\.2/5555 --> 10\.0\.2\.2/1[0-9]{4};udp,' "$TMPD/paused")
check_eq "  ... every one of the $N sessions that existed throughout is listed" "$N" "$old"

# --- names by index, across the name cache's restarts -----------------------------------------
# 400 policies, each with its own application (destination port 50000 + i):
# 800 distinct names, more than the 384 the kernel's name cache holds
P=400
{
	echo "set security zones security-zone trust interfaces lan0"
	echo "set security zones security-zone untrust interfaces wan0"
	for ((i = 0; i < P; i++)); do
		echo "set applications application app-$i protocol udp destination-port $((50000 + i))"
		echo "set security policies from-zone trust to-zone untrust policy pol-$i match source-address any destination-address any application app-$i"
		echo "set security policies from-zone trust to-zone untrust policy pol-$i then permit"
	done
} >"$TMPD/many.conf"
rload_q <"$TMPD/many.conf"
rcli clear security flow session all >/dev/null
fill 50000 "$P"
check "$P sessions of $P policies" wait_until 60 is_n "$P"
rcli show security flow session >"$TMPD/many"
# every session: "Policy name: pol-I/..." and its In wing towards port 50000 + I
bad=$(awk '/^Session ID: /{ split($0, a, "Policy name: pol-"); split(a[2], b, "/"); want = 50000 + b[1] }
	/^  In: /{ split($0, c, " --> "); split(c[2], d, "[/;]"); if (d[2] != want) n++ } END { print n + 0 }' \
	"$TMPD/many")
check_eq "  ... each listed with its own policy name" "0 $P" "$bad $(grep -c '^Session ID: .*Policy name: pol-' "$TMPD/many")"
rcli -j show security flow session >"$TMPD/many.json"
bad=$("$PY" - "$TMPD/many.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
bad = [s for s in d["sessions"]
       if s["application"] != "app-%d" % (s["wings"][0]["destination-port"] - 50000)
       or s["policy-name"] != "pol-%d" % (s["wings"][0]["destination-port"] - 50000)
       or s["from-zone"] != "trust" or s["to-zone"] != "untrust"
       or s["wings"][0]["interface"] != "lan0" or s["wings"][1]["interface"] != "wan0"]
print(len(bad), len(d["sessions"]))
PYEOF
)
check_eq "  ... and (-j) its own application, zones and interfaces" "0 $P" "$bad"

ktap_finish
