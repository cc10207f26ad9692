#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Destination and static NAT (IPv4): port forwarding from untrust to a
# trust web server (curl; the policy names the translated destination),
# the session's wings (Out from the real server), destination rule and
# pool counters; static NAT both ways (inbound to the mapped host, and
# the mapped host's own traffic leaving with the public address: reverse
# static); hairpin (a trust client reaching the forwarded address, with a
# trust-to-trust policy and source NAT); a TTL 1 packet to a forwarded
# address of the router's own is not delivered to the router; destination
# NAT to the router's own address is refused (dropped), not forwarded
# untranslated; the router's own host unreachable about a translated
# packet is translated back; commit errors.
. "$(dirname "$0")/lib.sh"

ktap_plan 29
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
# the public addresses are routed to the router (no proxy ARP needed)
ip -n "$S" route add 203.0.113.0/24 via 10.0.2.1

# a web server in C that answers with the peer it sees
peer_web "$C" 4
# (-T20: on the debug kernel the forked shell can take over 5 s to answer)
bg ip netns exec "$S" socat -T20 TCP4-LISTEN:8000,reuseaddr,fork SYSTEM:'echo peer=$SOCAT_PEERADDR'
wait_listen "$S" 8000 || echo "# server in S did not come up"

check "destination and static NAT configuration loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone trust address-book address web 10.0.1.2/32
set security zones security-zone untrust interfaces wan0
set security policies from-zone untrust to-zone trust policy to-web match source-address any destination-address web application any
set security policies from-zone untrust to-zone trust policy to-web then permit
set security policies from-zone trust to-zone untrust policy out match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy out then permit
set security policies from-zone trust to-zone trust policy hairpin match source-address any destination-address any application any
set security policies from-zone trust to-zone trust policy hairpin then permit
set security nat destination pool web-80 address 10.0.1.2/32 port 80
set security nat destination rule-set from-untrust from zone untrust
set security nat destination rule-set from-untrust rule fwd match destination-address 203.0.113.10/32
set security nat destination rule-set from-untrust rule fwd match destination-port 8080
set security nat destination rule-set from-untrust rule fwd then destination-nat pool web-80
set security nat destination rule-set from-trust from zone trust
set security nat destination rule-set from-trust rule fwd-in match destination-address 203.0.113.10/32
set security nat destination rule-set from-trust rule fwd-in match destination-port 8080
set security nat destination rule-set from-trust rule fwd-in then destination-nat pool web-80
set security nat source rule-set hairpin from zone trust
set security nat source rule-set hairpin to zone trust
set security nat source rule-set hairpin rule hp match source-address 10.0.1.0/24
set security nat source rule-set hairpin rule hp then source-nat interface
set security nat static rule-set st from zone untrust
set security nat static rule-set st rule s1 match destination-address 203.0.113.20/32
set security nat static rule-set st rule s1 then static-nat prefix 10.0.1.2/32
set security flow traceoptions file dnat-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter f1 destination-prefix 203.0.113.10/32
EOF

check_match "port forwarding: curl from untrust reaches the trust web server" '^peer=10\.0\.2\.2$' \
	in_s curl -s -m 15 http://203.0.113.10:8080/
out=$(rcli show security flow session destination-port 8080)
check_match "session In wing: to the public address" \
	'^  In: 10\.0\.2\.2/[0-9]+ --> 203\.0\.113\.10/8080;tcp, Conn Tag: 0x0, If: wan0,' echo "$out"
check_match "session Out wing: from the real server" \
	'^  Out: 10\.0\.1\.2/80 --> 10\.0\.2\.2/[0-9]+;tcp, Conn Tag: 0x0, If: lan0,' echo "$out"
check_match "destination rule fwd: translation hits" 'Translation hits +: [1-9]' \
	rcli show security nat destination rule fwd
check_match "destination pool: hits and the address with its port" '10\.0\.1\.2 - 10\.0\.1\.2 +80' \
	rcli show security nat destination pool all
# the trace: the device's destination NAT lines (wording of a device's flow trace)
out=$(rcli show log dnat-trace | sed 's/^.*:CID-0:RT://' | grep -A2 -m1 "flow_first_in_dst_nat")
check_match "trace: flow_first_in_dst_nat, chose interface, DST xlate (the device's lines)" \
	'^  flow_first_in_dst_nat: in <wan0>, out <N/A> dst_adr 203\.0\.113\.10, sp [0-9]+, dp 8080$' echo "$out"
check_match "trace: the DST xlate line follows 'chose interface'" \
	'^flow_first_rule_dst_xlate: DST xlate: 203\.0\.113\.10\(8080\) to 10\.0\.1\.2\(80\), rule/pool id [0-9]+/[0-9]+\.$' \
	bash -c 'printf "%s\n" "$1" | sed -n "/^  chose interface wan0 as incoming nat if\.$/{n;p}"' _ "$out"
check_match "destination summary: the pool" '^web-80 +10\.0\.1\.2-10\.0\.1\.2' \
	rcli show security nat destination summary
check_match "the policy was matched on the translated destination" 'untrust +trust +to-web +[1-9]' \
	rcli show security policies hit-count

# static NAT, inbound and outbound
check "static NAT inbound: ping to the public address reaches the mapped host" \
	in_s ping -c 2 -i 0.2 -W 3 203.0.113.20
check_match "static NAT outbound (reverse static): the server sees the public address" \
	'^peer=203\.0\.113\.20$' tcp_get 10.0.2.2 8000
check_match "static rule: translation hits both ways" 'Translation hits +: ([2-9]|[1-9][0-9])' \
	rcli show security nat static rule s1
check_match "static rule layout: host address" 'Host addresses +: 10\.0\.1\.2' \
	rcli show security nat static rule all

# hairpin: C reaches the forwarded address from trust
check_match "hairpin: trust client reaches the forwarded address (source NAT to the router)" \
	'^peer=10\.0\.1\.1$' in_c curl -s -m 5 http://203.0.113.10:8080/
check_match "hairpin: rule fwd-in and hp counted" 'Translation hits +: [1-9]' \
	rcli show security nat source rule hp

# TTL 1 to a forwarded address that is the router's own: time exceeded,
# never delivered to the router's own socket of that port (UDP 80 of the
# router forwarded to UDP 80 of the trust server; the router's own socket
# answers "host", as long as "ping")
udp_echo 80 "$C" 4
bg ip netns exec "$R" socat -T3 UDP4-RECVFROM:80,reuseaddr,fork SYSTEM:'echo host'
udp80() { ip netns exec "$1" ss -Hlun | grep -q ':80 '; }
wait_until 20 udp80 "$C"
wait_until 20 udp80 "$R"
check "destination NAT of the router's own address loads" rmerge_q <<'EOF'
set security nat destination rule-set from-untrust rule own match destination-address 10.0.2.1/32
set security nat destination rule-set from-untrust rule own match destination-port 80
set security nat destination rule-set from-untrust rule own then destination-nat pool web-80
EOF
check_match "the router's address forwarded: the trust server answers" '^ping$' \
	udp_req 10.0.2.1 80 "$S"
UDP_WAIT=3 check_nomatch "TTL 1 to it: not delivered to the router's own socket" '^host$' \
	udp_req 10.0.2.1 80 "$S" ping ttl=1
check_match "TTL 1 to it: counted as TTL exceeded" 'TTL exceeded: [1-9]' \
	rcli show security flow statistics

# The router's own ICMP error about a translated packet: destination NAT
# to a trust address nobody answers ARP for; the kernel's host unreachable
# (ipv4_link_failure()) quoted the translated packet, which the client's
# socket does not match.  Now it is translated back: the client sees it.
check "destination NAT to a host that does not answer loads" rmerge_q <<'EOF'
set security zones security-zone trust address-book address gone 10.0.1.99/32
set security policies from-zone untrust to-zone trust policy to-gone match source-address any destination-address gone application any
set security policies from-zone untrust to-zone trust policy to-gone then permit
set security nat destination pool gone address 10.0.1.99/32
set security nat destination rule-set from-untrust rule gone match destination-address 203.0.113.40/32
set security nat destination rule-set from-untrust rule gone then destination-nat pool gone
EOF
check_match "the router's host unreachable (no ARP answer) quotes the public address: the client's socket sees it" \
	'^EHOSTUNREACH$' udp_error "$S" 203.0.113.40 9999

# destination NAT *to* the router's own address (203.0.113.30:123 to
# 10.0.1.1:123) is not built: the packet is dropped and counted.  It once
# was accepted for the host untranslated (host-inbound-traffic allows
# ntp), and Linux then forwarded it to 203.0.113.30 (here: C, which owns
# it) with no policy allowing untrust to 203.0.113.30
ip -n "$R" route add 203.0.113.30/32 via 10.0.1.2
ip -n "$C" addr add 203.0.113.30/32 dev lo
bg ip netns exec "$C" socat -u UDP4-RECV:123,reuseaddr OPEN:"$TMPD/c123.log",creat,append
udp123() { ip netns exec "$C" ss -Hlun | grep -q ':123 '; }
wait_until 20 udp123
check "destination NAT to the router's own address loads" rmerge_q <<'EOF2'
set security zones security-zone untrust host-inbound-traffic system-services all
set security nat destination pool self address 10.0.1.1/32 port 123
set security nat destination rule-set from-untrust rule to-self match destination-address 203.0.113.30/32
set security nat destination rule-set from-untrust rule to-self match destination-port 123
set security nat destination rule-set from-untrust rule to-self then destination-nat pool self
EOF2
UDP_WAIT=2 udp_req 203.0.113.30 123 "$S" >/dev/null
check "destination NAT to the router: nothing forwarded untranslated (C received nothing)" \
	test ! -s "$TMPD/c123.log"
check_match "destination NAT to the router: counted as NAT translation failed" \
	'NAT translation failed: [1-9]' rcli show security flow statistics

# commit errors
check_rejected "static prefixes of different lengths: rejected" 'length /24 differs from the destination-address /32' rmerge <<'EOF'
set security nat static rule-set st rule s2 match destination-address 203.0.113.30/32
set security nat static rule-set st rule s2 then static-nat prefix 10.0.5.0/24
EOF
# (destination-address-name any beside the prefix made the rule match
# every destination of its zone)
check_rejected "static rule with a destination address name: rejected" \
	'rule s3: match needs exactly one destination-address prefix, not a name' rmerge <<'EOF'
set security nat static rule-set st rule s3 match destination-address 203.0.113.40/32
set security nat static rule-set st rule s3 match destination-address-name any
set security nat static rule-set st rule s3 then static-nat prefix 10.0.1.2/32
EOF
check_rejected "unknown destination pool: rejected" 'pool nope: pool is not defined' rmerge <<'EOF'
set security nat destination rule-set from-untrust rule r9 match destination-address 203.0.113.99/32
set security nat destination rule-set from-untrust rule r9 then destination-nat pool nope
EOF
check_rejected "unbuilt NAT statement: refused by name" 'source port-randomization: not supported by srxflow' rmerge <<'EOF'
set security nat source port-randomization disable
EOF
ktap_finish
