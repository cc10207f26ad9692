#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Route revalidation of live sessions (issue 11 items 4 and 7): a running
# flow follows a more specific route, an ip rule and an IPv6 route added
# while it runs (live routes are DST_OBSOLETE_FORCE_CHK: only dst_check()
# notices them); a new route into no zone or another zone does not carry
# the session (dropped, "Reroute zone mismatch", session kept).
#
# R: lan0 (trust) to C; wan0 to S, wan1 to S2.  S and S2 both own
# 198.51.100.10 and 2001:db8:99::10: which one the flow reaches shows the
# route it took (an nftables counter of echo requests in each).  The flow is
# one echo request repeated (tests/tools/echo-flow.py): one session.
. "$(dirname "$0")/lib.sh"

ktap_plan 24
srx_load

S2=${NSP}-t
topo_router
ns_add "$S2"
ip -b - <<EOF
link add wan1 netns $R type veth peer name eth0 netns $S2
EOF
ip -n "$R" -b - <<'EOF'
addr add 10.0.3.1/24 dev wan1
addr add 2001:db8:3::1/64 dev wan1 nodad
link set wan1 up
route add 198.51.100.0/24 via 10.0.2.2
route add 2001:db8:99::/64 via 2001:db8:2::2
EOF
ip -n "$S2" -b - <<'EOF'
addr add 10.0.3.2/24 dev eth0
addr add 2001:db8:3::2/64 dev eth0 nodad
link set eth0 up
route add default via 10.0.3.1
route add default via 2001:db8:3::1
EOF
for ns in "$S" "$S2"; do
	ip -n "$ns" addr add 198.51.100.10/32 dev lo
	ip -n "$ns" addr add 2001:db8:99::10/128 dev lo nodad
	ip netns exec "$ns" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority -500;
		icmp type echo-request counter comment "req4"
		icmpv6 type echo-request counter comment "req6"
	}
}
EOF
done
in_r sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.wan1.rp_filter=0
# echo requests S or S2 received (family 4 or 6)
req() { nft_count "$1" "req$2"; }

cfg_head='set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any then permit
set security flow traceoptions file fw-trace
set security flow traceoptions flag basic-datapath
set security flow route-change-timeout 60'

rload <<EOF
$cfg_head
set security zones security-zone untrust interfaces wan1
EOF

pinglog=$(mktemp)
replies() { grep -c "bytes from" "$pinglog"; }
has_replies() { [ "$(replies)" -ge "$1" ]; }
# moved FAM NS TEXT: NS receives the flow's echo requests within 2 s
moved() {
	local a b
	a=$(req "$2" "$1")
	sleep 2
	b=$(req "$2" "$1")
	check "$3 ($a -> $b requests)" test "$b" -gt "$a"
}
# still FAM NS TEXT: NS receives none of them
still() {
	local a b
	a=$(req "$2" "$1")
	sleep 2
	b=$(req "$2" "$1")
	check_eq "$3" "$a" "$b"
}

# --- item 4: a more specific route added under a running flow -------------------------------
bg ip netns exec "$C" /usr/bin/python3 "$ECHO_FLOW" -i 0.2 198.51.100.10 >"$pinglog" 2>&1
ping4=$!
wait_until 20 has_replies 2	# (python starts slowly under TCG)
check "the flow reaches S via wan0 ($(replies) replies)" test "$(replies)" -ge 2
in_r ip route add 198.51.100.10/32 via 10.0.3.2
moved 4 "$S2" "more specific route: the running flow now reaches S2"
check_match "the session's In wing egress is now wan1" "Egress: wan1" \
	rcli show security flow session destination-prefix 198.51.100.10/32 extensive
check_match "still one session for the flow" "Total sessions: 1" \
	rcli show security flow session destination-prefix 198.51.100.10/32
r1=$(replies)
sleep 1
check "replies from S2 (arriving on wan1) pass ($r1 -> $(replies))" test "$(replies)" -gt "$r1"
check_match "counted as a re-routed wing" "Wings re-routed: [1-9]" rcli show security flow statistics
check_match "the trace names the new route" "route of session [0-9]+ wing In changed: now via wan1" \
	rcli show log fw-trace
in_r ip route del 198.51.100.10/32 via 10.0.3.2
moved 4 "$S" "the specific route removed: back to S"

# --- item 4: an ip rule change -------------------------------------------------------------
in_r ip route add default via 10.0.3.2 table 100
in_r ip rule add to 198.51.100.10 table 100 pref 100
moved 4 "$S2" "ip rule to table 100: the running flow now reaches S2"
in_r ip rule del pref 100
moved 4 "$S" "ip rule deleted: back to S"
kill "$ping4" 2>/dev/null
wait "$ping4" 2>/dev/null

# --- item 4: IPv6 --------------------------------------------------------------------------
: >"$pinglog"
bg ip netns exec "$C" /usr/bin/python3 "$ECHO_FLOW" -i 0.2 2001:db8:99::10 >"$pinglog" 2>&1
ping6=$!
wait_until 20 has_replies 2	# (python starts slowly under TCG)
check "the IPv6 flow reaches S ($(replies) replies)" test "$(replies)" -ge 2
in_r ip -6 route add 2001:db8:99::10/128 via 2001:db8:3::2
moved 6 "$S2" "IPv6 more specific route: the running flow now reaches S2"
check_match "the IPv6 session's egress is wan1" "Egress: wan1" \
	rcli show security flow session destination-prefix 2001:db8:99::10/128 extensive
in_r ip -6 route del 2001:db8:99::10/128 via 2001:db8:3::2
moved 6 "$S" "IPv6 route removed: back to S"
kill "$ping6" 2>/dev/null
wait "$ping6" 2>/dev/null

# --- item 7: the new route leads to an unzoned interface --------------------------------------
rcli clear security flow session all >/dev/null
rload <<EOF
$cfg_head
EOF
: >"$pinglog"
bg ip netns exec "$C" /usr/bin/python3 "$ECHO_FLOW" -i 0.2 198.51.100.10 >"$pinglog" 2>&1
ping4=$!
wait_until 20 has_replies 2	# (python starts slowly under TCG)
check "flow to S via wan0 ($(replies) replies)" test "$(replies)" -ge 2
in_r ip route add 198.51.100.10/32 via 10.0.3.2
still 4 "$S2" "route into unzoned wan1: nothing leaves by it"
r1=$(replies)
sleep 1
check_eq "no replies while the route leads out of the zone" "$r1" "$(replies)"
check_match "counted as 'Reroute zone mismatch'" "Reroute zone mismatch: [1-9]" \
	rcli show security flow statistics
check_match "the session is kept (route-change-timeout)" "Total sessions: 1" \
	rcli show security flow session destination-prefix 198.51.100.10/32
check_match "the trace says why" "now leads to wan1, zone \(none\), not zone untrust: dropped" \
	rcli show log fw-trace
in_r ip route del 198.51.100.10/32 via 10.0.3.2
sleep 1.5
r1=$(replies)
sleep 1
check "route back in the zone: the same session forwards again ($r1 -> $(replies))" \
	test "$(replies)" -gt "$r1"

# --- item 7: the new route leads to another zone ------------------------------------------------
rmerge <<'EOF'
set security zones security-zone dmz interfaces wan1
set security policies from-zone trust to-zone dmz policy d match source-address any destination-address any application any then permit
EOF
n1=$(field "Reroute zone mismatch" "$(rcli show security flow statistics)")
in_r ip route add 198.51.100.10/32 via 10.0.3.2
still 4 "$S2" "route into zone dmz: the trust->untrust session does not carry it"
n2=$(field "Reroute zone mismatch" "$(rcli show security flow statistics)")
check "drops counted again ($n1 -> $n2)" test "$n2" -gt "$n1"
check_match "the trace names the other zone" "now leads to wan1, zone dmz, not zone untrust: dropped" \
	rcli show log fw-trace
kill "$ping4" 2>/dev/null
wait "$ping4" 2>/dev/null
rm -f "$pinglog"
ktap_finish
