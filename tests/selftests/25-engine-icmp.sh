#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ICMP errors relayed along sessions. S routes on to a host D over a link
# whose MTU is 1280 on S's side:
#
#   C --- (lan0) R (wan0) --- S (eth1, mtu 1280) --- D
#                                10.0.3.1               10.0.3.2
#                                2001:db8:3::1          2001:db8:3::2
#
# Packets from C too big for that link make S answer "frag needed" /
# "packet too big"; R must relay the error to C along the session, or path
# MTU discovery breaks: a ping with DF reports the MTU, a TCP upload from
# C to D completes (IPv4 and IPv6). Time exceeded from S is relayed too.
# Finally R's own errors: time exceeded, and frag needed / packet too big
# when R's wan0 is the small link.
. "$(dirname "$0")/lib.sh"

ktap_plan 22
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
D=${NSP}-d
ns_add "$D"
ip -b - <<EOF
link add eth1 netns $S type veth peer name eth0 netns $D
EOF
ip -n "$S" -b - <<'EOF'
addr add 10.0.3.1/24 dev eth1
addr add 2001:db8:3::1/64 dev eth1 nodad
link set eth1 mtu 1280
link set eth1 up
EOF
ip -n "$D" -b - <<'EOF'
addr add 10.0.3.2/24 dev eth0
addr add 2001:db8:3::2/64 dev eth0 nodad
link set eth0 up
route add default via 10.0.3.1
route add default via 2001:db8:3::1
EOF
ip -n "$R" -b - <<'EOF'
route add 10.0.3.0/24 via 10.0.2.2
route add 2001:db8:3::/64 via 2001:db8:2::2
EOF
in_s sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

check "configuration loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
EOF

# D receives uploads on 9004 (IPv4) and 9006 (IPv6) and stores them
bg ip netns exec "$D" socat -u TCP4-LISTEN:9004,reuseaddr OPEN:"$TMPD/up4",creat,trunc
bg ip netns exec "$D" socat -u TCP6-LISTEN:9006,reuseaddr OPEN:"$TMPD/up6",creat,trunc
head -c 400000 /dev/urandom >"$TMPD/big"
wait_listen "$D" 9004 9006 || echo "# servers in D did not come up"

check "small ping C -> D works" in_c ping -c 1 -W 5 10.0.3.2
check "small IPv6 ping C -> D works" in_c ping -6 -c 1 -W 5 2001:db8:3::2

# upload: C sends full-size segments (D announced MSS 1460), S cannot
# forward them; only the relayed "frag needed" lets C's TCP shrink them
relayed=$(stat_of "ICMP errors relayed")
check "IPv4 TCP upload C -> D over the 1280 link completes (PMTU discovery)" \
	in_c socat -u -T 30 FILE:"$TMPD/big" TCP:10.0.3.2:9004,connect-timeout=8
check "  ... D got all 400000 bytes" wait_until 10 \
	bash -c "[ \"\$(stat -c %s '$TMPD/up4' 2>/dev/null)\" = 400000 ]"
check "IPv6 TCP upload C -> D over the 1280 link completes (PMTU discovery)" \
	in_c socat -u -T 30 FILE:"$TMPD/big" "TCP:[2001:db8:3::2]:9006,connect-timeout=8"
check "  ... D got all 400000 bytes" wait_until 10 \
	bash -c "[ \"\$(stat -c %s '$TMPD/up6' 2>/dev/null)\" = 400000 ]"
check_range "statistics count relayed ICMP errors" $((relayed + 2)) $((relayed + 1000)) \
	"$(stat_of "ICMP errors relayed")"

# ping with DF: forget what the uploads taught C first
in_c ip route flush cache
in_c ip -6 route flush cache
check_match "ping -M do -s 1400: C gets S's 'frag needed' (mtu 1280)" \
	"From 10\.0\.2\.2 icmp_seq=1 Frag needed and DF set \(mtu = 1280\)" \
	in_c ping -M "do" -s 1400 -c 1 -W 5 10.0.3.2
check_match "  ... and C's kernel learnt the path MTU" "mtu 1280" \
	in_c ip route get 10.0.3.2
check_match "IPv6 ping -s 1400: C gets S's 'packet too big' (mtu 1280)" \
	"From 2001:db8:2::2 icmp_seq=1 Packet too big: mtu=1280" \
	in_c ping -6 -M "do" -s 1400 -c 1 -W 5 2001:db8:3::2
check_match "  ... and C's kernel learnt the path MTU" "mtu 1280" \
	in_c ip -6 route get 2001:db8:3::2
check_match "the DF pings have their session C -> D (the errors came back along it)" \
	"^  In: 10\.0\.1\.2/[0-9]+ --> 10\.0\.3\.2/[0-9]+;icmp, Conn Tag: 0x0, If: lan0," \
	rcli show security flow session destination-prefix 10.0.3.2/32 protocol icmp

# time exceeded from S (TTL 2: R decrements to 1, S answers)
check_match "TTL 2: time exceeded from S is relayed to C" \
	"From 10\.0\.2\.2 icmp_seq=1 Time to live exceeded" \
	in_c ping -t 2 -c 1 -W 5 10.0.3.2
check_match "IPv6 hop limit 2: time exceeded from S is relayed to C" \
	"From 2001:db8:2::2 icmp_seq=1 Time exceeded: Hop limit" \
	in_c ping -6 -t 2 -c 1 -W 5 2001:db8:3::2

# the router's own ICMP errors for forwarded packets
check_match "TTL 1: time exceeded from R" "From 10\.0\.1\.1 icmp_seq=1 Time to live exceeded" \
	in_c ping -t 1 -c 1 -W 5 10.0.2.2
check_match "IPv6 hop limit 1: time exceeded from R" \
	"From 2001:db8:1::1 icmp_seq=1 Time exceeded: Hop limit" \
	in_c ping -6 -t 1 -c 1 -W 5 2001:db8:2::2
# answered and dropped by srxflow, not handed to the kernel
drops=$(rcli show security packet-drop records)
check_match "TTL 1: srxflow answered and dropped it (packet-drop record)" \
	"10\.0\.1\.2/.*-->10\.0\.2\.2/.*lan0,Dropped by FLOW:TTL exceeded" echo "$drops"
check_match "IPv6 hop limit 1: srxflow answered and dropped it (packet-drop record)" \
	"2001:db8:1::2/.*-->2001:db8:2::2/.*lan0,Dropped by FLOW:TTL exceeded" echo "$drops"
# ICMPv6 carried in IPv4 (protocol 58) is an opaque protocol there: its
# reply matches the session (the reply key once took the ICMPv4 echo
# type, 8, and the reply was judged a new flow from untrust)
if /usr/bin/python3 -c 'import scapy' 2>/dev/null; then
	in_c nft -f - <<-'EOF'
	table ip p58 {
		chain c {
			type filter hook prerouting priority -500; policy accept;
			ip protocol 58 counter comment "p58"
		}
	}
	EOF
	send58() {
		ip netns exec "$1" /usr/bin/python3 -c '
import sys
from scapy.all import IP, Raw, send
send(IP(src=sys.argv[1], dst=sys.argv[2], proto=58) / Raw(b"\x80\x00\x00\x00\x00\x01\x00\x01"),
     verbose=0)' "$2" "$3"
	}
	send58 "$C" 10.0.1.2 10.0.2.2
	sleep 0.3
	send58 "$S" 10.0.2.2 10.0.1.2
	sleep 0.5
	check_eq "protocol 58 (ICMPv6) in IPv4: the answer reaches C through the session" 1 \
		"$(nft_count "$C" p58 chain ip p58 c)"
else
	ktap_skip "protocol 58 (ICMPv6) in IPv4: the answer reaches C through the session" "no scapy"
fi
ip -n "$R" link set wan0 mtu 1280
check_match "R's wan0 MTU 1280: ping -M do -s 1400 to S gets R's own 'frag needed'" \
	"From 10\.0\.1\.1 icmp_seq=1 Frag needed and DF set \(mtu = 1280\)" \
	in_c ping -M "do" -s 1400 -c 1 -W 5 10.0.2.2
check_match "R's wan0 MTU 1280: IPv6 ping -s 1400 to S gets R's own 'packet too big'" \
	"From 2001:db8:1::1 icmp_seq=1 Packet too big: mtu=1280" \
	in_c ping -6 -M "do" -s 1400 -c 1 -W 5 2001:db8:2::2
ktap_finish
