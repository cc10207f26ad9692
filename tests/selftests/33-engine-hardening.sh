#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Engine hardening (issue 11): what must never pass, and the session table
# under removers.
#
#   C --- (lan0, trust) R (wan0, untrust) --- S
#                        R (dmz0, dmz)    --- D   10.0.4.2  (a zoned third side)
#                        R (mgmt0, no zone) --- M 10.0.9.2  (a management port)
#                        R (mgmt1, no zone) --- N 10.0.8.2
#
#  - an interface in no zone reaches no zone, in either direction, and is
#    counted as "First path Invalid zone"; unzoned to unzoned and to the
#    router itself still work (IPv4 and IPv6);
#  - an ICMP error is relayed only to the sender of the packet it quotes
#    and only when it arrives where its session's replies arrive;
#  - enable-reverse-reroute never moves a wing into another zone;
#  - a LAND packet (source == destination) is dropped as "Land attack", no
#    session creation failure is counted and both counters agree;
#  - sessions created while clear and an interface flush run concurrently:
#    the table returns to zero, created - closed == 0, no kernel warning;
#  - a deleted policy's index is not handed to a new policy before the
#    old policy's sessions are gone (no adoption);
#  - the sessions of all namespaces together are bounded (sessions_limit).
. "$(dirname "$0")/lib.sh"

ktap_plan 34
srx_load
PY=/usr/bin/python3
$PY -c 'import scapy' 2>/dev/null || ktap_skip_all "python3-scapy not installed"
eng_tmpdir
topo_router
topo_pin_neigh
D=${NSP}-d M=${NSP}-m N=${NSP}-n
ns_add "$D" "$M" "$N"
ip -b - <<EOF
link add dmz0 netns $R type veth peer name eth0 netns $D
link add mgmt0 netns $R type veth peer name eth0 netns $M
link add mgmt1 netns $R type veth peer name eth0 netns $N
EOF
ip -n "$R" -b - <<'EOF'
addr add 10.0.4.1/24 dev dmz0
addr add 10.0.9.1/24 dev mgmt0
addr add 2001:db8:9::1/64 dev mgmt0 nodad
addr add 10.0.8.1/24 dev mgmt1
link set dmz0 up
link set mgmt0 up
link set mgmt1 up
EOF
for ns in "$D:10.0.4.2/24:10.0.4.1" "$M:10.0.9.2/24:10.0.9.1" "$N:10.0.8.2/24:10.0.8.1"; do
	IFS=: read -r n a g <<<"$ns"
	ip -n "$n" addr add "$a" dev eth0
	ip -n "$n" link set eth0 up
	ip -n "$n" route add default via "$g"
done
ip -n "$M" addr add 2001:db8:9::2/64 dev eth0 nodad
ip -n "$M" -6 route add default via 2001:db8:9::1

check "configuration loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security zones security-zone dmz interfaces dmz0
set applications application u5000 protocol udp destination-port 5000 inactivity-timeout 900
set security policies from-zone trust to-zone untrust policy u5000 match source-address any destination-address any application u5000 then permit
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security policies from-zone untrust to-zone trust policy allow-back match source-address any destination-address any application any then permit
set security policies from-zone dmz to-zone trust policy dmz-in match source-address any destination-address any application any then permit
EOF

# --- 6. interfaces in no zone ------------------------------------------------------------------
check "trust -> untrust works (baseline)" in_c ping -c 1 -W 3 10.0.2.2
iz0=$(stat_of "First path Invalid zone")
check_fail "no zone -> zone (M -> S) is dropped" in_ns "$M" ping -c 1 -W 2 10.0.2.2
check_fail "no zone -> zone, IPv6 (M -> S) is dropped" in_ns "$M" ping -c 1 -W 2 2001:db8:2::2
check_fail "zone -> no zone (S -> M) is dropped" in_s ping -c 1 -W 2 10.0.9.2
check_fail "zone -> no zone (C -> M) is dropped" in_c ping -c 1 -W 2 10.0.9.2
iz1=$(stat_of "First path Invalid zone")
check "  ... and each is counted as First path Invalid zone ($iz0 -> $iz1)" \
	test "$((iz1 - iz0))" -ge 4
check "no zone -> no zone (M -> N) still works" in_ns "$M" ping -c 1 -W 3 10.0.8.2
check "no zone -> the router (M -> 10.0.9.1) still works" in_ns "$M" ping -c 1 -W 3 10.0.9.1
check_match "the drop record names the unzoned ingress interface" \
	"10\.0\.9\.2/.*-->10\.0\.2\.2/.*mgmt0,Dropped by FLOW:First path Invalid zone" \
	rcli show security packet-drop records

# --- 8. ICMP errors ------------------------------------------------------------------------------
# A UDP session C:41000 -> S:5000; errors quoting it come from S's side.
in_c $PY - <<'EOF' >/dev/null 2>&1
from scapy.all import *
send(IP(src="10.0.1.2", dst="10.0.2.2")/UDP(sport=41000, dport=5000)/b"x", verbose=0)
EOF
check_sessions "the UDP session exists" 1 destination-port 5000
# icmp_err NS IFACE OUTER_SRC OUTER_DST: send port unreachable quoting C:41000 -> S:5000
icmp_err() {
	in_ns "$1" $PY - "$2" "$3" "$4" <<'EOF'
import sys
from scapy.all import *
iface, src, dst = sys.argv[1:4]
q = IP(src="10.0.1.2", dst="10.0.2.2")/UDP(sport=41000, dport=5000)/b"x"
send(IP(src=src, dst=dst)/ICMP(type=3, code=3)/raw(q)[:28], verbose=0)
EOF
}
relayed0=$(stat_of "ICMP errors relayed")
mm0=$(stat_of "ICMP error mismatch")
ip netns exec "$C" tcpdump -n -U -i eth0 -w "$TMPD/c.pcap" icmp 2>/dev/null &
tpid=$!
sleep 1
# spoofed: to another host on C's side (10.0.1.3)
icmp_err "$S" eth0 10.0.2.2 10.0.1.3 >/dev/null 2>&1
mm1=$(stat_of "ICMP error mismatch")
check "an error addressed to another host than the quoted source is dropped ($mm0 -> $mm1)" \
	test "$((mm1 - mm0))" -eq 1
# from the wrong side: D (zone dmz, policy dmz -> trust exists) quoting C's session
icmp_err "$D" eth0 10.0.4.2 10.0.1.2 >/dev/null 2>&1
mm2=$(stat_of "ICMP error mismatch")
check "an error arriving on another interface than the session's replies is dropped ($mm1 -> $mm2)" \
	test "$((mm2 - mm1))" -eq 1
# the real thing: from S to C
icmp_err "$S" eth0 10.0.2.2 10.0.1.2 >/dev/null 2>&1
relayed1=$(stat_of "ICMP errors relayed")
check "a matching error is relayed ($relayed0 -> $relayed1)" test "$((relayed1 - relayed0))" -eq 1
sleep 1
kill -INT "$tpid" 2>/dev/null
timeout 10 tail --pid="$tpid" -f /dev/null
check_match "  ... and C receives exactly that one" "^1$" \
	sh -c "tcpdump -n -r '$TMPD/c.pcap' 2>/dev/null | grep -c 'udp port 5000 unreachable'"
# Errors of the other family: ICMPv6 in IPv4 quoting C's IPv6 session,
# addressed to the first 32 bits of C's IPv6 address (2001:db8:: is
# 32.1.13.184); ICMP in IPv6 quoting C's IPv4 session, addressed to its
# IPv4 address as the first bytes of an IPv6 one.  Neither is an error
# (a protocol like any other): never matched to a session of the other
# family and forwarded along its route.
in_c $PY - <<'EOF' >/dev/null 2>&1
from scapy.all import *
send(IPv6(src="2001:db8:1::2", dst="2001:db8:2::2")/UDP(sport=41006, dport=5000)/b"x", verbose=0)
EOF
check_sessions "  ... an IPv6 UDP session C -> S exists" 1 destination-port 5000 source-port 41006
ip netns exec "$C" tcpdump -n -U -i eth0 -w "$TMPD/c2.pcap" 'ip proto 58 or ip6 proto 1' 2>/dev/null &
tpid=$!
sleep 1
relayed1=$(stat_of "ICMP errors relayed")
in_s $PY - <<'EOF' >/dev/null 2>&1
from scapy.all import *
q6 = IPv6(src="2001:db8:1::2", dst="2001:db8:2::2")/UDP(sport=41006, dport=5000)/b"x"
send(IP(src="10.0.2.2", dst="32.1.13.184", proto=58)/Raw(bytes([1, 4, 0, 0, 0, 0, 0, 0]) + raw(q6)), verbose=0)
q4 = IP(src="10.0.1.2", dst="10.0.2.2")/UDP(sport=41000, dport=5000)/b"x"
send(IPv6(src="2001:db8:2::2", dst="a00:102::", nh=1)/Raw(bytes([3, 3, 0, 0, 0, 0, 0, 0]) + raw(q4)[:28]), verbose=0)
EOF
sleep 1
kill -INT "$tpid" 2>/dev/null
timeout 10 tail --pid="$tpid" -f /dev/null
check_eq "ICMP errors of the other family are not relayed" "$relayed1" "$(stat_of "ICMP errors relayed")"
check_match "  ... and C receives neither" "^0$" \
	sh -c "tcpdump -n -r '$TMPD/c2.pcap' 2>/dev/null | wc -l"

# --- 7. enable-reverse-reroute stays within the zone ---------------------------------------------
# A reply of the session C:41000 -> S:5000 arriving from D (zone dmz, which
# has enable-reverse-reroute) must not move the wing into zone dmz.
rmerge_q <<'EOF2'
set security zones security-zone dmz enable-reverse-reroute
EOF2
wm0=$(stat_of "Wing interface mismatch")
in_ns "$D" $PY - <<'EOF2' >/dev/null 2>&1
from scapy.all import *
send(IP(src="10.0.2.2", dst="10.0.1.2")/UDP(sport=5000, dport=41000)/b"spoofed", verbose=0)
EOF2
check_eq "a reply from another zone does not take the wing over (Wing interface mismatch)" \
	"$((wm0 + 1))" "$(stat_of "Wing interface mismatch")"
check_match "  ... and the Out wing still arrives on wan0" "Out: 10\.0\.2\.2/5000 --> 10\.0\.1\.2/41000;udp,.*If: wan0" \
	rcli show security flow session destination-port 5000

# --- LAND ------------------------------------------------------------------------------------------
rcli clear security flow session all >/dev/null
rcli clear security flow statistics >/dev/null 2>&1
land0=$(stat_of "Land attack")
fail0=$(stat_of "Session creation failures")
oom0=$(stat_of "Out of memory")
in_c $PY - <<'EOF' >/dev/null 2>&1
from scapy.all import *
send(IP(src="10.0.2.2", dst="10.0.2.2")/UDP(sport=7, dport=7)/b"land", verbose=0)
send(IP(src="10.0.2.2", dst="10.0.2.2")/TCP(sport=139, dport=139, flags="S"), verbose=0)
EOF
st=$(rcli show security flow statistics)
check_eq "LAND packets are dropped as Land attack" "$((land0 + 2))" "$(stat_of "Land attack" "$st")"
check_eq "  ... not as Out of memory" "$oom0" "$(stat_of "Out of memory" "$st")"
check_eq "  ... nor as session creation failures" "$fail0" "$(stat_of "Session creation failures" "$st")"
check_match "  ... and the summary agrees (Failed-sessions)" "^Failed-sessions: 0$" \
	rcli show security flow session summary
check_sessions "  ... no session was left behind" 0

# --- 2. creation against clear and interface flush ------------------------------------------------
# a second link to S in zone untrust, whose deletion flushes its sessions
ip link add wan7 netns "$R" type veth peer name eth7 netns "$S"
ip -n "$R" addr add 10.0.7.1/24 dev wan7
ip -n "$R" link set wan7 up
ip -n "$S" addr add 10.0.7.2/24 dev eth7
ip -n "$S" link set eth7 up
rmerge_q <<'EOF'
set security zones security-zone untrust interfaces wan7
EOF
created0=$(stat_of "Sessions created")
closed0=$(stat_of "Sessions closed")
PKT=$TOP/tests/tools/pktcraft
(
	for i in 1 2 3 4 5 6; do
		in_c "$PKT" udp 10.0.1.2 10.0.2.2 6000 --count 3000 --sport-base $((10000 + i * 3000)) --sport-range 3000
		in_c "$PKT" udp 10.0.1.2 10.0.7.2 6000 --count 2000 --sport-base $((10000 + i * 2000)) --sport-range 2000
	done
) >/dev/null 2>&1 &
flood=$!
for i in 1 2 3 4 5 6 7 8; do
	rcli clear security flow session all >/dev/null
	sleep 0.3
done
ip -n "$R" link del wan7
wait $flood
rcli clear security flow session all >/dev/null
st=$(rcli show security flow statistics)
check_eq "after concurrent creation, clear and flush: no session in use" "0" \
	"$(rcli show security flow session summary | sed -n 's/^Sessions-in-use: //p')"
c1=$(stat_of "Sessions created" "$st")
x1=$(stat_of "Sessions closed" "$st")
check_eq "  ... sessions created - closed == 0 ($((c1 - created0)) created)" "$((c1 - created0))" "$((x1 - closed0))"
check "  ... and new flows still work" in_c ping -c 1 -W 3 10.0.2.2

# --- 5. a deleted policy's index is never adopted ---------------------------------------------------
rcli clear security flow session all >/dev/null
rload_q <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set applications application u5001 protocol udp destination-port 5001
set applications application u5002 protocol udp destination-port 5002
set security policies from-zone trust to-zone untrust policy pa match source-address any destination-address any application u5001 then permit
EOF
in_c "$PKT" udp 10.0.1.2 10.0.2.2 5001 --count 10000 --sport-base 20000 --sport-range 10000 >/dev/null 2>&1
n=$(sess_total destination-port 5001)
check_range "10000 sessions of policy pa" 9500 10000 "$n"
# delete pa, and at once add pb (a new policy: a new index)
rcli delete security policies from-zone trust to-zone untrust policy pa >/dev/null
rcli set security policies from-zone trust to-zone untrust policy pb match source-address any destination-address any application u5002 then permit >/dev/null
wait_until 30 sess_is 0 destination-port 5001
check_sessions "the sessions of the deleted policy are gone" 0 destination-port 5001
check_nomatch "  ... none was adopted by the new policy" "Policy name: pb/" \
	rcli show security flow session

# --- sessions of all namespaces are bounded (module parameter sessions_limit) ---------------------
rcli clear security flow session all >/dev/null
param=/sys/module/srxflow/parameters/sessions_limit
limit0=$(cat $param)
check_range "sessions_limit defaults to an eighth of RAM's worth" 1000 100000000 "$limit0"
sleep 1		# the cleared sessions are freed after a grace period
echo 100 >$param
full0=$(stat_of "Session table full")
in_c "$PKT" udp 10.0.1.2 10.0.2.2 5002 --count 300 --sport-base 50000 --sport-range 300 >/dev/null 2>&1
check_range "with sessions_limit=100, at most 100 sessions whatever max-sessions says" 90 100 "$(sess_total)"
full1=$(stat_of "Session table full")
check "  ... the rest is counted as Session table full ($full0 -> $full1)" test "$((full1 - full0))" -ge 200
echo "$limit0" >$param

ktap_finish
