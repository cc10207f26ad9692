#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `show security flow session` and its filters with three live flows (an
# open IPv4 TCP connection, a running IPv4 ping, an IPv6 UDP exchange), each
# under its own policy: every filter selects exactly the right sessions;
# extensive, summary and JSON output; `clear security flow session` by
# identifier, by filter and all, and what happens to a cleared TCP
# connection (its next packet has no SYN: dropped).
. "$(dirname "$0")/lib.sh"

ktap_plan 57
srx_load
command -v jq >/dev/null || ktap_skip_all "jq not installed"
eng_tmpdir
topo_router
topo_pin_neigh
tcp_echo 7000
udp_echo 5000

check "configuration with three policies loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set applications application tcp7000 protocol tcp destination-port 7000
set applications application udp5000 protocol udp destination-port 5000 inactivity-timeout 600
set security policies from-zone trust to-zone untrust policy allow-tcp match source-address any destination-address any application tcp7000
set security policies from-zone trust to-zone untrust policy allow-tcp then permit
set security policies from-zone trust to-zone untrust policy allow-udp match source-address any destination-address any application udp5000
set security policies from-zone trust to-zone untrust policy allow-udp then permit
set security policies from-zone trust to-zone untrust policy allow-rest match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-rest then permit
EOF
wait_listen "$S" 7000 5000 || echo "# servers in S did not come up"

# flow A: IPv4 TCP 10.0.1.2/40100 -> 10.0.2.2/7000 (allow-tcp, index 1)
tcp_open a 10.0.2.2 7000 "$C" sourceport=40100
tcp_send a first
check "flow A (IPv4 TCP, kept open) works" wait_until 15 tcp_got a first
# flow B: IPv4 ping, running (allow-rest, index 3).  Each echo request is a
# session of its own (as on Junos), so this "ping" repeats one request
# (identifier 4660, sequence 1) every second: one session, kept alive.
bg ip netns exec "$C" /usr/bin/python3 "$ECHO_FLOW" -i 1 10.0.2.2 >/dev/null 2>&1
ping_pid=$!
# flow C: IPv6 UDP -> 2001:db8:2::2/5000 (allow-udp, index 2)
check_match "flow C (IPv6 UDP) works" "^ping$" udp_req "[2001:db8:2::2]" 5000
wait_until 10 sess_is 1 protocol icmp

# --- filters: each selects exactly the right sessions ------------------------------------------
check_sessions "no filter: 3 sessions" 3
check_sessions "source-prefix 10.0.1.0/24: A and B" 2 source-prefix 10.0.1.0/24
check_sessions "source-prefix 2001:db8:1::/64: C" 1 source-prefix 2001:db8:1::/64
check_match "  ... and it is the IPv6 UDP session" \
	"^  In: 2001:db8:1::2/[0-9]+ --> 2001:db8:2::2/5000;udp," echo "$_last_out"
check_sessions "source-prefix 10.0.2.0/24 (only a destination): none" 0 source-prefix 10.0.2.0/24
check_sessions "destination-prefix 10.0.2.2/32: A and B" 2 destination-prefix 10.0.2.2/32
check_sessions "destination-prefix 2001:db8:2::2/128: C" 1 destination-prefix 2001:db8:2::2/128
check_sessions "source-port 40100: A" 1 source-port 40100
check_match "  ... In and Out wings of A" \
	"^  In: 10\.0\.1\.2/40100 --> 10\.0\.2\.2/7000;tcp, Conn Tag: 0x0, If: lan0, Pkts: [0-9]+, Bytes: [0-9]+,$" \
	echo "$_last_out"
check_match "  ... Out wing of A" \
	"^  Out: 10\.0\.2\.2/7000 --> 10\.0\.1\.2/40100;tcp, Conn Tag: 0x0, If: wan0, Pkts: [0-9]+, Bytes: [0-9]+,$" \
	echo "$_last_out"
check_match "  ... header line of A" \
	"^Session ID: [0-9]+, Policy name: allow-tcp/1, Timeout: [0-9]+, Session State: Valid$" \
	echo "$_last_out"
id_a=$(printf '%s\n' "$_last_out" | sed -n 's/^Session ID: \([0-9]*\),.*/\1/p' | head -n1)
check_sessions "destination-port 7000: A" 1 destination-port 7000
check_sessions "destination-port 5000: C" 1 destination-port 5000
check_sessions "protocol tcp: A" 1 protocol tcp
check_sessions "protocol udp: C" 1 protocol udp
check_sessions "protocol icmp: B" 1 protocol icmp
check_match "  ... and it is the ping" \
	"^  In: 10\.0\.1\.2/4660 --> 10\.0\.2\.2/1;icmp, Conn Tag: 0x0, If: lan0," echo "$_last_out"
check_sessions "interface lan0: all 3" 3 interface lan0
check_sessions "interface wan0 (the Out wings): all 3" 3 interface wan0
check_sessions "interface lo: none" 0 interface lo
check_sessions "zone trust: all 3" 3 zone trust
check_sessions "zone untrust: all 3" 3 zone untrust
check_sessions "zone junos-host: none" 0 zone junos-host
check_sessions "policy-id 1 (allow-tcp): A" 1 policy-id 1
check_sessions "policy-id 2 (allow-udp): C" 1 policy-id 2
check_sessions "policy-id 3 (allow-rest): B" 1 policy-id 3
check_sessions "session-identifier of A: A" 1 session-identifier "${id_a:-0}"
check_match "  ... and it is A" "^  In: 10\.0\.1\.2/40100 --> " echo "$_last_out"
check_sessions "family inet: A and B" 2 family inet
check_sessions "family inet6: C" 1 family inet6
check_sessions "filters are ANDed: protocol tcp family inet6: none" 0 protocol tcp family inet6

# --- extensive, summary, JSON ---------------------------------------------------------------
out=$(rcli show security flow session extensive source-port 40100)
check_match "extensive: policy, application and zones of A" \
	"^Application: tcp7000, From zone: trust, To zone: untrust$" echo "$out"
check_match "extensive: TCP state, timeouts of an established TCP session" \
	"^Maximum timeout: 1800, Current timeout: 1[0-9]{3}$" echo "$out"
check_match "extensive: In wing route, gateway and egress" \
	"^    Route: 0x[0-9a-f]*[1-9a-f][0-9a-f]*, Gateway: 10\.0\.2\.2, Tunnel ID: 0, Tunnel type: None, $" echo "$out"
check_match "extensive: In wing egress and table (srxflow's line)" \
	"^    Egress: wan0, Route lookup table: 254$" echo "$out"
check_match "extensive: the device's header lines" \
	"^Session ID: [0-9]+, Status: Normal$" echo "$out"
check_match "extensive: Start time in seconds" "^Start time: [0-9]{10}, Duration: [0-9]+$" echo "$out"
check_match "extensive: wing layout of the device (Conn Tag, Interface)" \
	"^  Conn Tag: 0x0, Interface: lan0, $" echo "$out"
check_match "extensive: a blank line before each session" "^$" bash -c "printf '%s\n' \"\$1\" | head -n1" _ "$out"
check_match "extensive: TCP state ESTABLISHED" \
	"^Session State: Valid, TCP state: ESTABLISHED$" echo "$out"
check_match "summary: Sessions-in-use: 3" "^Sessions-in-use: 3$" \
	rcli show security flow session summary
check_match "summary with a filter counts the selected sessions" "^Total sessions: 1$" \
	rcli show security flow session summary protocol udp
j=$(rcli -j show security flow session)
check "JSON: parses, 3 sessions, total-sessions 3" \
	jq -e '."total-sessions" == 3 and (.sessions | length) == 3' <<<"$j"
check "JSON: session A with policy, zones, TCP state and both wings" jq -e '
	[.sessions[] | select(.wings[0]["source-port"] == 40100)] | length == 1 and (.[0] |
	.["policy-name"] == "allow-tcp" and .["policy-index"] == 1 and
	.["from-zone"] == "trust" and .["to-zone"] == "untrust" and .["tcp-state"] == "ESTABLISHED" and
	.wings[0].direction == "in" and .wings[0]["destination-address"] == "10.0.2.2" and
	.wings[0]["destination-port"] == 7000 and .wings[0].interface == "lan0" and
	.wings[1].direction == "out" and .wings[1]["source-port"] == 7000 and .wings[1].interface == "wan0")' \
	<<<"$j"
check "JSON: summary and statistics parse" bash -c \
	"ip netns exec $R $SRX -j show security flow session summary | jq -e '.\"sessions-in-use\" == 3' &&
	 ip netns exec $R $SRX -j show security flow statistics | jq -e '.\"current-sessions\" == 3'"

# --- clear ------------------------------------------------------------------------------------
nosyn=$(stat_of "TCP packet without SYN")
check_match "clear session-identifier: 1 session cleared" "^1 sessions cleared$" \
	rcli clear security flow session session-identifier "${id_a:-0}"
check_sessions "  ... A is gone, B and C stay" 2
tcp_send a second
check_fail "A's next packet (no SYN) is dropped: no echo" wait_until 4 tcp_got a second
check_range "  ... counted as 'TCP packet without SYN'" $((nosyn + 1)) $((nosyn + 30)) \
	"$(stat_of "TCP packet without SYN")"
check_sessions "  ... and it opened no session" 0 protocol tcp
# (while the pinger runs: its session is kept 4 s after each request, and
# on a slow guest killing it first left the session to age out first)
check_match "clear by filter (protocol icmp): 1 session cleared" "^1 sessions cleared$" \
	rcli clear security flow session protocol icmp
kill "$ping_pid" 2>/dev/null
wait "$ping_pid" 2>/dev/null
check_match "clear by filter (protocol udp): the IPv6 UDP session is cleared" "^1 sessions cleared$" \
	rcli clear security flow session protocol udp
# (the pinger may have opened one more ICMP session before it ended)
check_match "clear all" "^[01] sessions cleared$" rcli clear security flow session all
check_sessions "no session left" 0
ktap_finish
