#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Traffic to the router (host-inbound-traffic) and from it (self-traffic):
# ping and TCP services to R allowed only by the matching system-services,
# "Host inbound not allowed" otherwise; interface-level host-inbound-traffic
# overrides the zone's; `all` with `except`. Router-originated ping and TCP
# work without any policy and show as self-traffic-policy sessions.
. "$(dirname "$0")/lib.sh"

ktap_plan 39
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
# services on the router itself (ssh and http ports) and a server in S
tcp_echo 22 "$R"
tcp_echo 80 "$R"
tcp_echo 8080
wait_listen "$R" 22 80 || echo "# servers in R did not come up"
wait_listen "$S" 8080 || echo "# server in S did not come up"

zones() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
	set security policies from-zone trust to-zone untrust policy allow-all then permit
	EOF
}
TCP_WAIT=3

# --- zone trust: system-services ping ----------------------------------------------------------
check "zone-level system-services ping" rload_q <<<"$(zones; echo "set security zones security-zone trust host-inbound-traffic system-services ping")"
check "ping to R's lan0 address is allowed" in_c ping -c 1 -W 5 10.0.1.1
out=$(rcli show security flow session destination-prefix 10.0.1.1/32)
check "IPv6 ping to R's lan0 address is allowed" in_c ping -6 -c 1 -W 5 2001:db8:1::1
check_match "  ... its session: self-traffic-policy" \
	"^Session ID: [0-9]+, Policy name: self-traffic-policy/1, Timeout: [0-9]+, Session State: Valid$" \
	echo "$out"
check_match "  ... In wing on lan0" \
	"^  In: 10\.0\.1\.2/[0-9]+ --> 10\.0\.1\.1/1;icmp, Conn Tag: 0x0, If: lan0, Pkts: 1, Bytes: 84,$" \
	echo "$out"
check_match "  ... Out wing: the router's own answer" \
	"^  Out: 10\.0\.1\.1/1 --> 10\.0\.1\.2/[0-9]+;icmp, Conn Tag: 0x0, If: \.local\.\.0, Pkts: 1, Bytes: 84,$" \
	echo "$out"
before=$(stat_of "Host inbound not allowed")
check_fail "ping to R's wan0 address from untrust (no host-inbound-traffic) is dropped" \
	in_s ping -c 1 -W 1 10.0.2.1
check_match "TCP to R's ssh port is dropped (only ping allowed)" "timed out" tcp_req 10.0.1.1 22
check_range "statistics count 'Host inbound not allowed'" $((before + 2)) $((before + 10)) \
	"$(stat_of "Host inbound not allowed")"

# --- zone trust: system-services ssh -----------------------------------------------------------
check "zone-level system-services ssh" rload_q <<<"$(zones; echo "set security zones security-zone trust host-inbound-traffic system-services ssh")"
check_match "TCP to R's ssh port works" "^hello$" tcp_req 10.0.1.1 22
check_match "IPv6 TCP to R's ssh port works" "^hello$" tcp_req "[2001:db8:1::1]" 22
check_match "TCP to R's http port is dropped" "timed out" tcp_req 10.0.1.1 80
check_fail "ping to R is dropped now" in_c ping -c 1 -W 1 10.0.1.1

# --- interface lan0: http overrides the zone's ssh ---------------------------------------------
check "interface-level system-services http, zone-level ssh" rload_q <<<"$(zones; cat <<'EOF'
set security zones security-zone trust host-inbound-traffic system-services ssh
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services http
EOF
)"
check_match "TCP to R's http port works (interface level)" "^hello$" tcp_req 10.0.1.1 80
check_match "TCP to R's ssh port is dropped (the interface's list replaces the zone's)" \
	"timed out" tcp_req 10.0.1.1 22

# --- all, except ping --------------------------------------------------------------------------
check "system-services all + ping except" rload_q <<<"$(zones; cat <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services all
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping except
EOF
)"
check_match "TCP to R's ssh port works (all)" "^hello$" tcp_req 10.0.1.1 22
check_match "TCP to R's http port works (all)" "^hello$" tcp_req 10.0.1.1 80
check_fail "ping to R is dropped (except)" in_c ping -c 1 -W 1 10.0.1.1
check_fail "IPv6 ping to R is dropped (except)" in_c ping -6 -c 1 -W 1 2001:db8:1::1
# any-service lets in every port and protocol, but not what a service
# listed with except would have let in
check "system-services any-service + ssh except + ping except" rload_q <<<"$(zones; cat <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services any-service
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ssh except
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping except
EOF
)"
check_match "TCP to R's http port works (any-service)" "^hello$" tcp_req 10.0.1.1 80
check_match "TCP to R's ssh port is dropped (any-service, ssh except)" "timed out" \
	tcp_req 10.0.1.1 22
check_fail "ping to R is dropped (any-service, ping except)" in_c ping -c 1 -W 1 10.0.1.1
# protocols all includes ndp: neighbour discovery (ICMPv6 133-137), never
# ICMPv6 as a whole (it let every ICMPv6 message in, echo too)
check "... and protocols all" rload_q <<<"$(zones; cat <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services all
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping except
set security zones security-zone trust interfaces lan0 host-inbound-traffic protocols all
EOF
)"
check_fail "IPv6 ping to R is still dropped (protocols all: ndp is not all ICMPv6)" \
	in_c ping -6 -c 1 -W 1 2001:db8:1::1
in_c ip -6 neigh flush dev eth0
check_match "  ... neighbour discovery works: IPv6 TCP to R's ssh port after a neighbour flush" \
	"^hello$" tcp_req "[2001:db8:1::1]" 22

# --- self-traffic: no policy, no host-inbound-traffic at all ----------------------------------
check "zones only, no policy" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
EOF
check "R pings S" in_r ping -c 1 -W 5 10.0.2.2
# read at once: an answered echo session is kept 4 s only
out=$(rcli show security flow session destination-prefix 10.0.2.2/32 protocol icmp)
check "R pings C" in_r ping -c 1 -W 5 10.0.1.2
check "R pings S over IPv6" in_r ping -6 -c 1 -W 5 2001:db8:2::2
check_match "R opens a TCP connection to S" "^hello$" tcp_req 10.0.2.2 8080 "$R"
# read at once: the ended TCP session is kept 10 s only (the debug kernel
# once took longer than that for the ping checks below)
tcpsess=$(rcli show security flow session destination-port 8080)
check_match "R's ping: a self-traffic-policy session" \
	"^Session ID: [0-9]+, Policy name: self-traffic-policy/1, Timeout: [0-9]+, Session State: Valid$" \
	echo "$out"
check_match "  ... In wing from the router (.local..0)" \
	"^  In: 10\.0\.2\.1/[0-9]+ --> 10\.0\.2\.2/1;icmp, Conn Tag: 0x0, If: \.local\.\.0, Pkts: 1, Bytes: 84,$" \
	echo "$out"
check_match "  ... Out wing: the reply came in on wan0" \
	"^  Out: 10\.0\.2\.2/1 --> 10\.0\.2\.1/[0-9]+;icmp, Conn Tag: 0x0, If: wan0, Pkts: 1, Bytes: 84,$" \
	echo "$out"
check_match "R's TCP connection: a self-traffic-policy session" \
	"Policy name: self-traffic-policy/1" echo "$tcpsess"
check_fail "transit C -> S is still denied (no policy)" in_c ping -c 1 -W 1 10.0.2.2
ktap_finish
