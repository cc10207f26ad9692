#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Sessions in two VRFs with identical address plans. R has vrf-a (table
# 10) and vrf-b (table 20), each with its own client and server:
#
#   CA 10.0.1.2 --- lan-a [vrf-a] wan-a --- 10.0.2.2 SA
#   CB 10.0.1.2 --- lan-b [vrf-b] wan-b --- 10.0.2.2 SB
#
# The same 5-tuple in both VRFs makes two distinct sessions, each reaching
# its own server; a packet through a VRF is judged once (the VRF driver's
# second PRE_ROUTING pass and first LOCAL_OUT pass are not flows).
# IPv4 only (IPv6 is disabled): the packet counts are exact.
. "$(dirname "$0")/lib.sh"

ktap_plan 25
srx_load
CA=${NSP}-ca SA=${NSP}-sa CB=${NSP}-cb SB=${NSP}-sb
ns_add "$R" "$CA" "$SA" "$CB" "$SB" || exit 1
for ns in "$R" "$CA" "$SA" "$CB" "$SB"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 net.ipv4.ip_forward=1
done
ip -b - <<EOF
link add lan-a netns $R type veth peer name eth0 netns $CA
link add wan-a netns $R type veth peer name eth0 netns $SA
link add lan-b netns $R type veth peer name eth0 netns $CB
link add wan-b netns $R type veth peer name eth0 netns $SB
EOF
ip -n "$R" -b - <<'EOF'
link add vrf-a type vrf table 10
link add vrf-b type vrf table 20
link set vrf-a up
link set vrf-b up
link set lan-a master vrf-a
link set wan-a master vrf-a
link set lan-b master vrf-b
link set wan-b master vrf-b
addr add 10.0.1.1/24 dev lan-a
addr add 10.0.2.1/24 dev wan-a
addr add 10.0.1.1/24 dev lan-b
addr add 10.0.2.1/24 dev wan-b
link set lan-a up
link set wan-a up
link set lan-b up
link set wan-b up
EOF
for ns in "$CA" "$CB"; do
	ip -n "$ns" -b - <<-'EOF'
	addr add 10.0.1.2/24 dev eth0
	link set eth0 up
	route add default via 10.0.1.1
	EOF
done
for ns in "$SA" "$SB"; do
	ip -n "$ns" -b - <<-'EOF'
	addr add 10.0.2.2/24 dev eth0
	link set eth0 up
	route add default via 10.0.2.1
	EOF
done
# each server says who it is (as long as the question: "ping\n"); -t10:
# the child waits for the shell's answer (the default 0.5 s is too short
# on a loaded host or the debug kernel: "echo: I/O error", no answer)
bg ip netns exec "$SA" socat -t10 -T15 UDP4-RECVFROM:5000,reuseaddr,fork SYSTEM:"echo AAAA"
bg ip netns exec "$SB" socat -t10 -T15 UDP4-RECVFROM:5000,reuseaddr,fork SYSTEM:"echo BBBB"
tcp_echo 8080 "$SA" 4
tcp_echo 8080 "$SB" 4

check "configuration with interfaces of two VRFs loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan-a
set security zones security-zone trust interfaces lan-b
set security zones security-zone untrust interfaces wan-a
set security zones security-zone untrust interfaces wan-b
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
EOF
wait_listen "$SA" 5000 8080 || echo "# servers in SA did not come up"
wait_listen "$SB" 5000 8080 || echo "# servers in SB did not come up"

# --- the same 5-tuple in both VRFs ----------------------------------------------------------------
check_match "VRF a: 10.0.1.2/40000 -> 10.0.2.2/5000 reaches SA" "^AAAA$" \
	udp_req_from 40000 10.0.2.2 5000 "$CA"
check_match "VRF b: the same 5-tuple reaches SB" "^BBBB$" \
	udp_req_from 40000 10.0.2.2 5000 "$CB"
check_sessions "two sessions for the same 5-tuple" 2 source-port 40000 destination-port 5000
check_match "  ... one In wing on lan-a" \
	"^  In: 10\.0\.1\.2/40000 --> 10\.0\.2\.2/5000;udp, Conn Tag: 0x0, If: lan-a, Pkts: 1, Bytes: 33,$" \
	echo "$_last_out"
check_match "  ... one In wing on lan-b" \
	"^  In: 10\.0\.1\.2/40000 --> 10\.0\.2\.2/5000;udp, Conn Tag: 0x0, If: lan-b, Pkts: 1, Bytes: 33,$" \
	echo "$_last_out"
check_match "  ... each answered on its own wan (a)" \
	"^  Out: 10\.0\.2\.2/5000 --> 10\.0\.1\.2/40000;udp, Conn Tag: 0x0, If: wan-a, Pkts: 1, Bytes: 33,$" \
	echo "$_last_out"
check_match "  ... each answered on its own wan (b)" \
	"^  Out: 10\.0\.2\.2/5000 --> 10\.0\.1\.2/40000;udp, Conn Tag: 0x0, If: wan-b, Pkts: 1, Bytes: 33,$" \
	echo "$_last_out"
out=$(rcli show security flow session extensive destination-port 5000)
check_match "extensive: a session routed in table 10" "^    Egress: wan-a, Route lookup table: 10$" echo "$out"
check_match "extensive: a session routed in table 20" "^    Egress: wan-b, Route lookup table: 20$" echo "$out"
check_sessions "interface lan-a selects VRF a's session" 1 interface lan-a destination-port 5000
check_match "  ... the one on lan-a" "If: lan-a," echo "$_last_out"
check_match "VRF a: TCP works" "^hello$" tcp_req 10.0.2.2 8080 "$CA"
check_match "VRF b: TCP works" "^hello$" tcp_req 10.0.2.2 8080 "$CB"

# --- judged once ----------------------------------------------------------------------------------
rcli clear security flow statistics
check "VRF a: 10 pings" in_ns "$CA" ping -c 10 -i 0.2 -W 5 10.0.2.2
st=$(rcli show security flow statistics)
check_eq "Packets received: 20 (10 requests + 10 replies, each judged once)" 20 \
	"$(stat_of "Packets received" "$st")"
# (each echo request is a session of its own, its reply takes the fast path)
check_eq "First path packets: 10 (a new session per request)" 10 "$(stat_of "First path packets" "$st")"
check_eq "Fast path packets: 10 (the replies)" 10 "$(stat_of "Fast path packets" "$st")"
check_eq "Sessions created: 10" 10 "$(stat_of "Sessions created" "$st")"
check_eq "Packets forwarded: 20" 20 "$(stat_of "Packets forwarded/queued" "$st")"

# --- the router's own traffic in a VRF ------------------------------------------------------------
check "R pings SA from vrf-a" in_r ping -I vrf-a -c 1 -W 5 10.0.2.2
check "R pings SB from vrf-b" in_r ping -I vrf-b -c 1 -W 5 10.0.2.2
# (at once: an answered echo session is kept 4 s)
check_sessions "one self-traffic session per VRF (not one per LOCAL_OUT pass)" 2 \
	source-prefix 10.0.2.1/32 protocol icmp
check_match "  ... its Out wing is the real interface" \
	"^  Out: 10\.0\.2\.2/1 --> 10\.0\.2\.1/[0-9]+;icmp, Conn Tag: 0x0, If: wan-a, Pkts: 1, Bytes: 84,$" \
	echo "$_last_out"
# (the VRF device's LOCAL_OUT pass, then the slave's: the request once)
check_eq "  ... each In wing counts its request once" 2 \
	"$(grep -c '^  In: 10\.0\.2\.1/[0-9]* --> 10\.0\.2\.2/[0-9]*;icmp, .* Pkts: 1, Bytes: 84,$' <<<"$_last_out")"
ktap_finish
