#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT pools of a routing instance (security nat source|destination pool P
# routing-instance RI; RI a VRF device).  R's lan0 (trust) is in the main
# table, wan0 (untrust) in VRF vrf-s (table 10): the main table has no
# route to the server 10.0.2.2.
#   C 10.0.1.2 --- lan0 [main] R [vrf-s] wan0 --- 10.0.2.2 S
# Destination NAT 203.0.113.10:8080 -> pool d1 10.0.2.2 port 8000: without
# routing-instance the translated destination is routed in the main table
# (no route: dropped); with routing-instance vrf-s in vrf-s's table (the
# server answers).  Source NAT: a pool with routing-instance vrf-s
# translates the traffic that leaves in vrf-s (the server sees the pool
# address); a pool of the main table ("default") is not used for it: the
# packet is dropped, counted ("NAT translation failed"), never forwarded
# untranslated.  Commit errors for an unknown routing instance and an
# overflow-pool of another instance; show pool prints the instance.
. "$(dirname "$0")/lib.sh"

ktap_plan 22
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
ip -n "$R" -b - <<'EOF'
link add vrf-s type vrf table 10
link set vrf-s up
link set wan0 master vrf-s
EOF
ip -n "$R" neigh replace 10.0.2.2 lladdr 02:00:00:00:02:02 dev wan0 nud permanent
ip -n "$S" route add 198.51.100.0/24 via 10.0.2.1
peer_servers 4

conf() {
	cat <<-EOF
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy p1 match source-address any destination-address any application any
	set security policies from-zone trust to-zone untrust policy p1 then permit
	set security nat destination pool d1 address 10.0.2.2/32 port 8000
	set security nat destination rule-set in from zone trust
	set security nat destination rule-set in rule r1 match destination-address 203.0.113.10/32
	set security nat destination rule-set in rule r1 match destination-port 8080
	set security nat destination rule-set in rule r1 then destination-nat pool d1
	EOF
}
# req [CONNECT-TIMEOUT]: what the server answers (-t10: after the request's
# EOF wait for the answer, which a debug kernel's forked shell gives late)
req() {
	ip netns exec "$C" socat -T10 -t10 - TCP:203.0.113.10:8080,connect-timeout="${1:-10}" \
		</dev/null 2>/dev/null | grep .
}

check_eq "the main table has no route to the server" "" \
	"$(ip -n "$R" route get 10.0.2.2 2>/dev/null | grep -o 'dev wan0')"
conf >"$TMPD/a.set"
check "destination pool without routing-instance loads" rload_q <"$TMPD/a.set"
check_fail "without routing-instance: the translated destination has no route (main table)" req 4
check_eq "... dropped for no route" 1 "$([ "$(stat_of 'No route present')" -ge 1 ] && echo 1)"

{ conf; echo "set security nat destination pool d1 routing-instance nope"; } >"$TMPD/b.set"
check_rejected "an unknown routing instance: commit error naming it" \
	'security nat destination pool d1 routing-instance nope: no such routing instance' rload <"$TMPD/b.set"
{ conf; echo "set security nat destination pool d1 routing-instance vrf-s"; } >"$TMPD/b.set"
check "destination pool routing-instance vrf-s loads" rload_q <"$TMPD/b.set"
check_match "show destination pool: the routing instance" '^Routing instance +: vrf-s$' \
	rcli show security nat destination pool d1
check_match "-j: routing-instance" '"routing-instance": ?"vrf-s"' rcli -j show security nat destination pool d1
check_match "routed in vrf-s: the server answers, and sees the client" '^peer=10\.0\.1\.2 ' req

# A route change anywhere (IPv4: the namespace's route generation) makes
# the session's routes be looked up again as the first path did: wing 0
# to the translated destination in the pool's table (not the arrival
# interface's, which has no route), wing 1 to the client's own address
# (not the source pool's).  A TCP echo (echo server on 10.0.2.3:8001,
# destination pool d2 of vrf-s) goes on across a route added meanwhile.
ip -n "$S" addr add 10.0.2.3/24 dev eth0
ip -n "$R" neigh replace 10.0.2.3 lladdr 02:00:00:00:02:02 dev wan0 nud permanent
bg ip netns exec "$S" socat -b4096 TCP4-LISTEN:8001,reuseaddr,fork PIPE
wait_listen "$S" 8001 || echo "# echo server in S did not come up"
d2() {
	cat <<-'EOF'
	set security nat destination pool d2 address 10.0.2.3/32 port 8001
	set security nat destination pool d2 routing-instance vrf-s
	set security nat destination rule-set in rule r2 match destination-address 203.0.113.10/32
	set security nat destination rule-set in rule r2 match destination-port 8081
	set security nat destination rule-set in rule r2 then destination-nat pool d2
	EOF
}
# echo_across NAME: a line echoed, a route added elsewhere, the next echoed
echo_across() {
	rm -f "$TMPD/echo.in" "$TMPD/echo.out"
	mkfifo "$TMPD/echo.in"
	ip netns exec "$C" socat -T30 - TCP:203.0.113.10:8081,connect-timeout=10 \
		<"$TMPD/echo.in" >"$TMPD/echo.out" 2>/dev/null &
	echo_pid=$!
	exec {echo_fd}>"$TMPD/echo.in"
	echo one >&"$echo_fd"
	wait_until 20 file_has "$TMPD/echo.out" one || echo "# no echo of the first line"
	ip -n "$R" route add blackhole 192.0.2.0/24
	echo two >&"$echo_fd"
	check "$1" wait_until 20 file_has "$TMPD/echo.out" two
}
echo_done() {
	exec {echo_fd}>&-
	wait "$echo_pid" 2>/dev/null
	ip -n "$R" route del blackhole 192.0.2.0/24
	rcli clear security flow session all >/dev/null
}
{ conf; echo "set security nat destination pool d1 routing-instance vrf-s"; d2; } >"$TMPD/r.set"
check "destination pool d2 (echo server) of vrf-s loads" rload_q <"$TMPD/r.set"
echo_across "a route added elsewhere: wing 0 re-routed to the translated destination in vrf-s"
in_wing() { rcli show security flow session extensive | sed -n '/^   In: /,/^    Pkts: /p'; }
check_match "show extensive: the In wing's route is from table 10" \
	'^    Egress: wan0, Route lookup table: 10$' in_wing
echo_done

# --- source pools --------------------------------------------------------------------------
src() {
	conf
	echo "set security nat destination pool d1 routing-instance vrf-s"
	cat <<-EOF
	set security nat source pool s1 address 198.51.100.1/32
	set security nat source pool s1 routing-instance $1
	set security nat source rule-set out from zone trust
	set security nat source rule-set out to zone untrust
	set security nat source rule-set out rule r1 match source-address 10.0.1.0/24
	set security nat source rule-set out rule r1 then source-nat pool s1
	EOF
}
rcli clear security flow session all >/dev/null
src vrf-s >"$TMPD/c.set"
check "source pool routing-instance vrf-s loads" rload_q <"$TMPD/c.set"
check_match "traffic leaving in vrf-s takes the pool of vrf-s: the server sees 198.51.100.1" \
	'^peer=198\.51\.100\.1 ' req
check_match "show source pool: the routing instance" '^Routing instance +: vrf-s$' \
	rcli show security nat source pool s1
{ src vrf-s; d2; } >"$TMPD/c2.set"
check "... with destination pool d2" rload_q <"$TMPD/c2.set"
echo_across "a route added elsewhere: wing 1 re-routed to the client, not to the pool address"
echo_done
rcli clear security flow session all >/dev/null
rcli clear security flow statistics >/dev/null
src default >"$TMPD/d.set"
check "source pool routing-instance default loads" rload_q <"$TMPD/d.set"
check_fail "a pool of the main table is not used for traffic leaving in vrf-s: no answer" req 4
check_eq "... dropped as NAT translation failed, never untranslated" 1 \
	"$([ "$(stat_of 'NAT translation failed')" -ge 1 ] && echo 1)"
{ src vrf-s; cat <<-'EOF'
	set security nat source pool s1 overflow-pool s2
	set security nat source pool s2 address 198.51.100.2/32
	EOF
} >"$TMPD/e.set"
check_rejected "an overflow-pool of another routing instance: commit error" \
	'overflow-pool s2: pool s2 is of routing-instance \(any\), not vrf-s' rload <"$TMPD/e.set"
# (a pool of no routing-instance serves any egress; "default" only the main table)
src vrf-s | sed -e '/pool s1 routing-instance/d' >"$TMPD/f.set"
cat >>"$TMPD/f.set" <<-'EOF'
	set security nat source pool s1 overflow-pool s2
	set security nat source pool s2 address 198.51.100.2/32
	set security nat source pool s2 routing-instance default
	EOF
check_rejected "a pool of any routing instance overflowing into one of the main table: commit error" \
	'overflow-pool s2: pool s2 is of routing-instance default, not \(any\)' rload <"$TMPD/f.set"
ktap_finish
