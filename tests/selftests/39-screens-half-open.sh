#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Screens (issue 13): half-open TCP connections.
#
#   C (eth0 10.0.1.2, 10.0.1.3) --- (lan0) R (wan0) --- (eth0) S
#   trust (screened) / untrust
#
# 1. tcp syn-ack-ack-proxy threshold 5: hping3 sends SYNs from C to S's
#    port 5001; S answers with SYN-ACKs that nft in C drops, so the
#    handshakes never complete.  Five are let through, the 6th SYN of the
#    source is dropped and counted (show security screen statistics row
#    "TCP SYN-ACK-ACK proxy", trace, drop statistics), and so is a real
#    connection of that source, while another source (10.0.1.3) connects;
#    connections whose handshake completes do not count (6 at once work).
#    The count goes back when the sessions are cleared, when they age out,
#    and when the client resets the SYN-ACKs (8 pass).  alarm-without-drop
#    counts and forwards.
# 2. tcp syn-flood timeout 3: a SYN S never answers (nft drops it in S)
#    has a session whose Timeout counts down from 3, gone after ~3 s; so
#    is one whose SYN-ACK C never answers; without the screen the session
#    lives tcp-initial-timeout (60 s).
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
command -v nft >/dev/null || ktap_skip_all "nft not installed"
command -v hping3 >/dev/null || ktap_skip_all "hping3 not installed"

ktap_plan 35
srx_load
topo_router || ktap_skip_all "cannot build the topology"
topo_pin_neigh
eng_tmpdir
ip -n "$C" addr add 10.0.1.3/24 dev eth0

# screen statistics of zone trust: the value of JSON key $1
scr_val() {
	rcli -j show security screen statistics zone trust |
		$PY -c 'import json,sys; print(json.load(sys.stdin)["statistics"][sys.argv[1]])' "$1"
}
# packets counted by the nft rule commented $1 in S
at_s() {
	in_s nft -j list chain inet t c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == sys.argv[1]:
        print([e for e in r["expr"] if "counter" in e][0]["counter"]["packets"])' "$1"
}
# half-open N BASEPORT [SRC]: N SYNs from C (source ports BASEPORT...) to S:5001
half_open() {
	hping "$C" -S -p 5001 -s "$2" -c "$1" -i u50000 ${3:+-a $3} 10.0.2.2
}
in_s nft -f - <<'EOF' || ktap_skip_all "nft in S"
table inet t {
 chain c {
  type filter hook prerouting priority -500; policy accept;
  tcp dport 5001 tcp flags & (syn|ack) == syn counter comment "syn5001"
  tcp dport 5002 tcp flags & (syn|ack) == syn counter drop comment "drop5002"
 }
}
EOF
# C never answers S's SYN-ACKs of port 5001 (nor resets them)
in_c nft -f - <<'EOF' || ktap_skip_all "nft in C"
table inet t {
 chain c {
  type filter hook prerouting priority -500; policy accept;
  tcp sport 5001 tcp flags & (syn|ack) == syn|ack counter drop comment "synack"
 }
}
EOF
tcp_echo 5000 "$S" 4
tcp_echo 5001 "$S" 4
wait_listen "$S" 5000 5001 || echo "# servers in S did not come up"

BASE='
set security flow traceoptions file ha-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter c2 source-prefix 10.0.1.2/32
set security flow tcp-session tcp-initial-timeout 60
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security zones security-zone trust screen sa
'
SAA='set security screen ids-option sa tcp syn-ack-ack-proxy threshold 5'

# --- 1. syn-ack-ack-proxy --------------------------------------------------------------
check "screen sa: tcp syn-ack-ack-proxy threshold 5" rload_q <<<"$BASE$SAA"
check_match "show security screen ids-option: the threshold" \
	"^  TCP SYN-ACK-ACK proxy threshold +5$" rcli show security screen ids-option sa
half_open 5 20000
check "5 half-open connections of 10.0.1.2 get sessions" \
	wait_until 10 sess_is 5 destination-port 5001
check_eq "S saw their 5 SYNs" 5 "$(at_s syn5001)"
check_eq "the SYN-ACKs came back to C (and were not answered)" 5 "$(
	in_c nft -j list chain inet t c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == "synack":
        print(min(5, [e for e in r["expr"] if "counter" in e][0]["counter"]["packets"]))')"
ip netns exec "$R" "$SRX" monitor security flow session >"$TMPD/mon.txt" 2>"$TMPD/mon.err" &
mon_pid=$!
_bg_pids+=("$mon_pid")
wait_until 10 file_has "$TMPD/mon.err" "monitoring session log" ||
	echo "# the monitor did not join the session group"
half_open 1 20100
check_eq "the 6th SYN of the source is dropped: S did not see it" 5 "$(at_s syn5001)"
check_sessions "and it has no session" 5 destination-port 5001
check_eq "TCP SYN-ACK-ACK proxy counted once" 1 "$(scr_val tcp-syn-ack-ack-proxy)"
check_match "show security screen statistics: the row" "^  TCP SYN-ACK-ACK proxy +1$" \
	rcli show security screen statistics zone trust
check_match "traceoptions: the screen hit" "screen: TCP SYN-ACK-ACK proxy" rcli show log ha-trace
check_range "dropped as Screen" 1 10 "$(stat_of Screen)"
check "RT_IDS: RT_SCREEN_TCP SYN-ACK-ACK proxy! with source, destination, zone, action drop" \
	wait_until 10 grep -qE 'RT_IDS: RT_SCREEN_TCP: SYN-ACK-ACK proxy! source: 10\.0\.1\.2:20100, destination: 10\.0\.2\.2:5001, zone name: trust, interface name: lan0, action: drop\.' "$TMPD/mon.txt"
check_sessions "the 5 half-open sessions are still there" 5 destination-port 5001
out=$(TCP_WAIT=3 tcp_req 10.0.2.2 5000 "$C" blocked 2>&1)
check_nomatch "a real connection of the source is refused too" "^blocked$" echo "$out"
check_match "another source (10.0.1.3) connects" "^other$" \
	tcp_req 10.0.2.2 5000 "$C" other bind=10.0.1.3
# completed handshakes do not count: 6 connections at once from 10.0.1.3
for i in 1 2 3 4 5 6; do tcp_open k$i 10.0.2.2 5000 "$C" bind=10.0.1.3; done
sleep 1
for i in 1 2 3 4 5 6; do tcp_send k$i "k$i"; done
wait_until 10 tcp_got k6 k6
ok=0
for i in 1 2 3 4 5 6; do tcp_got k$i "k$i" && ok=$((ok + 1)); done
check_eq "6 completed connections of 10.0.1.3 work (a completed handshake gives back)" 6 "$ok"
for i in 1 2 3 4 5 6; do tcp_close k$i; done

# clear: the count falls
rcli clear security flow session destination-port 5001 >/dev/null
check_sessions "clear session ends the half-open sessions" 0 destination-port 5001
check_match "after clear, the source connects again" "^again$" tcp_req 10.0.2.2 5000 "$C" again

# age-out (tcp-initial-timeout 8 for these): the count falls
rload_q <<<"$BASE$SAA
set security flow tcp-session tcp-initial-timeout 8"
half_open 5 20200
wait_until 10 sess_is 5 destination-port 5001
out=$(TCP_WAIT=2 tcp_req 10.0.2.2 5000 "$C" blocked2 2>&1)
check_nomatch "5 half-open again: the source is refused" "^blocked2$" echo "$out"
check "the half-open sessions age out" wait_until 30 sess_is 0 destination-port 5001
check_match "after age-out, the source connects again" "^aged$" tcp_req 10.0.2.2 5000 "$C" aged

# RST: C resets the SYN-ACKs (nft rule gone): 8 SYNs pass, none counted
in_c nft flush chain inet t c
rcli clear security screen statistics zone trust
before=$(at_s syn5001)
half_open 8 20300
sleep 1
check_eq "with the SYN-ACKs reset by C, 8 SYNs of one source pass" 8 "$(($(at_s syn5001) - before))"
check_eq "and none is counted" 0 "$(scr_val tcp-syn-ack-ack-proxy)"
in_c nft add rule inet t c tcp sport 5001 tcp flags \& \(syn\|ack\) == syn\|ack counter drop comment '"synack"'

# alarm-without-drop: counted, forwarded
rcli clear security flow session all >/dev/null
rload_q <<<"$BASE$SAA
set security screen ids-option sa alarm-without-drop"
before=$(at_s syn5001)
half_open 7 20400
sleep 1
check_eq "alarm-without-drop: the 6th and 7th SYNs reach S" 7 "$(($(at_s syn5001) - before))"
check_eq "alarm-without-drop: and are counted" 2 "$(scr_val tcp-syn-ack-ack-proxy)"
check "alarm-without-drop: RT_IDS says action alarm-without-drop" wait_until 10 grep -qE \
	'RT_SCREEN_TCP: SYN-ACK-ACK proxy! source: 10\.0\.1\.2:2040[56], .* action: alarm-without-drop\.' "$TMPD/mon.txt"
kill "$mon_pid" 2>/dev/null

# --- 2. tcp syn-flood timeout ---------------------------------------------------------
# (tcp-initial-timeout 60 s; thresholds that never trigger)
# the syn-flood timeout: 3 s, 10 s on the debug kernel (5-10 times slower:
# a hping3 and a show take seconds there); the Timeout shown counts down
# from it, the sessions go within TO + 5 s of the SYN (TO + 20 s on the
# debug kernel), at least 1 s after it (measured from before the SYN: the
# show commands in between take seconds on a loaded host)
if [ -n "${SRXFLOW_DEBUG_KERNEL:-}" ]; then
	SYNTO=10 TO_RE='Timeout: ([1-9]|10), ' AGE_MAX=30000 INIT_RE='Timeout: ([3-5][0-9]|60), '
else
	SYNTO=3 TO_RE='Timeout: [0-3], ' AGE_MAX=8000 INIT_RE='Timeout: (5[6-9]|60), '
fi
BASE2="$(sed 's/ screen sa$/ screen sf/' <<<"$BASE")
set security screen ids-option sf tcp syn-flood timeout $SYNTO
set security screen ids-option sf tcp syn-flood attack-threshold 100000
set security screen ids-option sf tcp syn-flood source-threshold 100000
set security screen ids-option sf tcp syn-flood destination-threshold 100000"
# age_ms PORT T0: milliseconds from T0 (eng_ms before the SYN) until the
# sessions to PORT are gone (polled, at most 40 s)
age_ms() {
	local t0=$2
	wait_until 40 sess_is 0 destination-port "$1" || { echo 99999; return; }
	echo $(($(eng_ms) - t0))
}
rcli clear security flow session all >/dev/null
check "screen sf: tcp syn-flood timeout $SYNTO" rload_q <<<"$BASE2"
check_match "show security screen ids-option: the timeout" \
	"^  TCP SYN flood timeout +$SYNTO$" rcli show security screen ids-option sf
# a SYN S never answers (nft drops it in S)
half_open_to() {
	hping "$C" -S -p "$1" -s "$2" -c 1 10.0.2.2
}
t0=$(eng_ms)
half_open_to 5002 21000
check_match "an unanswered SYN's session counts down from $SYNTO (Timeout)" "$TO_RE" \
	rcli show security flow session destination-port 5002
check_range "and is gone after ~$SYNTO s (ms)" 1000 "$AGE_MAX" "$(age_ms 5002 "$t0")"
t0=$(eng_ms)
half_open 1 21100
wait_until 5 sess_is 1 destination-port 5001
check_match "a SYN answered by S (SYN-ACK unanswered): still counting down from $SYNTO" \
	"$TO_RE" rcli show security flow session destination-port 5001
check_range "and gone after ~$SYNTO s too (the SYN-ACK does not restart it, ms)" 1000 "$AGE_MAX" \
	"$(age_ms 5001 "$t0")"
check_match "a completed connection is not affected" "^done$" tcp_req 10.0.2.2 5000 "$C" done
# without the screen: tcp-initial-timeout (60 s)
rload_q <<<"$(grep -v 'security-zone trust screen' <<<"$BASE2")"
half_open_to 5002 21200
check_match "without the screen: Timeout from tcp-initial-timeout (60)" "$INIT_RE" \
	rcli show security flow session destination-port 5002
sleep 5
check_sessions "without the screen: still there after 5 s" 1 destination-port 5002
rcli clear security flow session all >/dev/null

ktap_finish
