#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Session timeouts with short configured values: an application's
# inactivity-timeout (UDP, 5 s) and tcp-initial-timeout (4 s, a SYN nobody
# answers) age sessions out on time, while an established TCP session gets
# the TCP timeout; inactivity-timeout never does not keep a half-open
# one. Session table full (max-sessions 3): a 4th flow is
# dropped and counted, established flows go on, neighbour discovery to the
# router still works, and a freed slot is usable again.
. "$(dirname "$0")/lib.sh"

# On the debug kernel (make check-debug) each command takes seconds, longer
# than the 4-5 s windows measured here (and even than the 60 s UDP timeout
# over the table-full steps): nothing here could be judged there.
if [ -n "${SRXFLOW_DEBUG_KERNEL:-}" ]; then
	ktap_skip_all "4-60 s timeouts cannot be observed on the debug kernel"
fi
ktap_plan 34
srx_load
eng_tmpdir
topo_router
tcp_echo 7000
tcp_echo 7003
udp_echo 5000
udp_echo 5005
# S drops SYNs to ports 7001 and 7002 (a server that never answers)
in_s nft -f - <<'EOF'
table inet blackhole {
	chain input {
		type filter hook input priority 0; policy accept;
		tcp dport { 7001, 7002 } drop
	}
}
EOF

check "configuration with short timeouts loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security flow tcp-session tcp-initial-timeout 4
set applications application udp-short protocol udp destination-port 5005 inactivity-timeout 5
set applications application tcp-forever protocol tcp destination-port 7002-7003 inactivity-timeout never
set security policies from-zone trust to-zone untrust policy forever match source-address any destination-address any application tcp-forever
set security policies from-zone trust to-zone untrust policy forever then permit
set security policies from-zone trust to-zone untrust policy short match source-address any destination-address any application udp-short
set security policies from-zone trust to-zone untrust policy short then permit
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
EOF
wait_listen "$S" 7000 7003 5000 5005 || echo "# servers in S did not come up"

# an established TCP connection, to see it outlive tcp-initial-timeout
tcp_open a 10.0.2.2 7000
tcp_send a first
check "an established TCP connection works" wait_until 15 tcp_got a first

# wait_gone MAXSEC FILTER...: poll until no session matches; prints ms since $t0
wait_gone() {
	local max=$1 end
	shift
	end=$(($(eng_ms) + max * 1000))
	while [ "$(eng_ms)" -lt "$end" ]; do
		if sess_is 0 "$@"; then
			echo $(($(eng_ms) - t0))
			return 0
		fi
		nap 0.3
	done
	echo "still there after ${max}s"
}

# --- inactivity-timeout 5 -------------------------------------------------------------------
check_match "UDP to the port with inactivity-timeout 5 works" "^ping$" udp_req 10.0.2.2 5005
t0=$(eng_ms)
check_match "UDP session: Maximum timeout 5" "^Maximum timeout: 5, Current timeout: [1-5]$" \
	rcli show security flow session extensive destination-port 5005
check_match "UDP to another port works" "^ping$" udp_req 10.0.2.2 5000
check_match "  ... its session has the UDP default timeout 60" \
	"^Maximum timeout: 60, Current timeout: [0-9]+$" \
	rcli show security flow session extensive destination-port 5000
check_range "the 5 s UDP session ages out after 5-7 s (ms since the answer)" 3500 9500 \
	"$(wait_gone 15 destination-port 5005)"
check_sessions "the 60 s UDP session is still there" 1 destination-port 5000

# --- tcp-initial-timeout 4 ------------------------------------------------------------------
# SYNs at 0, 1 and 3 s (connect-timeout 3.5): they do not refresh the session
t0=$(eng_ms)
# shellcheck disable=SC2217 # (bg runs it; its stdin would be /dev/null anyway)
bg ip netns exec "$C" socat -T1 - TCP:10.0.2.2:7001,connect-timeout=3.5 </dev/null >/dev/null 2>&1
check "a SYN nobody answers opens a session" wait_until 5 sess_is 1 destination-port 7001
check_match "  ... in SYN_SENT, with at most tcp-initial-timeout left" \
	"^Maximum timeout: 1800, Current timeout: [0-4]$" \
	rcli show security flow session extensive destination-port 7001
check_match "  ... TCP state SYN_SENT" "TCP state: SYN_SENT$" echo "$_last_out"
check_range "the SYN_SENT session ages out after 4-6 s (ms since the SYN)" 3500 11000 \
	"$(wait_gone 15 destination-port 7001)"
# inactivity-timeout never holds an established session only: a
# half-open one still ends by tcp-initial-timeout (else a SYN flood the
# policy lets through fills the table for good)
t0=$(eng_ms)
# shellcheck disable=SC2217
bg ip netns exec "$C" socat -T1 - TCP:10.0.2.2:7002,connect-timeout=3.5 </dev/null >/dev/null 2>&1
check "a SYN under inactivity-timeout never opens a session" wait_until 5 sess_is 1 destination-port 7002
check_range "  ... which still ages out by tcp-initial-timeout (ms since the SYN)" 3500 11000 \
	"$(wait_gone 15 destination-port 7002)"
tcp_open f 10.0.2.2 7003
tcp_send f first
check_match "an established connection under never: Timeout: never" \
	"^Session ID: [0-9]+, Policy name: forever/[0-9]+, Timeout: never, Session State: Valid$" \
	eval 'wait_until 15 tcp_got f first; rcli show security flow session destination-port 7003'
tcp_close f
tcp_send a second
check "the established TCP connection still works (older than tcp-initial-timeout)" \
	wait_until 15 tcp_got a second
check_match "  ... its session is Valid with the TCP timeout" \
	"^Maximum timeout: 1800, Current timeout: 1[0-9]{3}$" \
	rcli show security flow session extensive destination-port 7000

# --- session table full -------------------------------------------------------------------
check "max-sessions 3" rmerge_q <<<"set security flow max-sessions 3"
tcp_close a
check_match "clear security flow session all" "^[0-9]+ sessions cleared$" \
	rcli clear security flow session all
check_sessions "  ... no session left" 0
check_match "summary: empty table of 3" "^Maximum-sessions: 3$" \
	rcli show security flow session summary
check_match "summary: Sessions-in-use: 0" "^Sessions-in-use: 0$" echo "$_last_out"
st=$(rcli show security flow statistics)
check_eq "statistics: sessions created - sessions closed = 0" 0 \
	$(($(stat_of "Sessions created" "$st") - $(stat_of "Sessions closed" "$st")))
failed=$(sed -n 's/^Failed-sessions: //p' <<<"$_last_out")
full=$(stat_of "Session table full")
check_match "flow 1 (source port 41001) works" "^ping$" udp_req_from 41001 10.0.2.2 5000
ok=0
for i in 2 3; do [ "$(udp_req 10.0.2.2 5000)" = ping ] && ok=$((ok + 1)); done
check_eq "flows 2 and 3 work" 2 "$ok"
UDP_WAIT=3
check_fail "a 4th flow is dropped" udp_req 10.0.2.2 5000
unset UDP_WAIT
out=$(rcli show security flow session summary)
check_match "summary: Sessions-in-use: 3" "^Sessions-in-use: 3$" echo "$out"
check_eq "summary: Failed-sessions counts it" $((failed + 1)) \
	"$(sed -n 's/^Failed-sessions: //p' <<<"$out")"
check_range "statistics: 'Session table full' counts it" $((full + 1)) $((full + 1)) \
	"$(stat_of "Session table full")"
check_match "an established flow (41001 again) still works" "^ping$" \
	udp_req_from 41001 10.0.2.2 5000
check_match "clearing a session frees a slot" "^1 sessions cleared$" \
	rcli clear security flow session source-port 41001
check_match "  ... a new flow works again" "^ping$" udp_req 10.0.2.2 5000
check_match "  ... and the table is full again" "^Sessions-in-use: 3$" \
	rcli show security flow session summary
# neighbour discovery to the router must not need a session slot: R
# resolves C's IPv6 address (C's neighbour advertisement comes to R)
in_r ip -6 neigh flush dev lan0
in_r ping -6 -c 1 -W 3 2001:db8:1::2 >/dev/null 2>&1
check_match "with the table full, the router still resolves a neighbour (IPv6 ND)" \
	"lladdr" in_r ip -6 neigh show 2001:db8:1::2 dev lan0
ktap_finish
