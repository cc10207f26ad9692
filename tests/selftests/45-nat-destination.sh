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
# packet is translated back; two public addresses of one server reached
# from one client port (their reply tuples clash: the second takes another
# source port, as conntrack's null binding); commit errors.
. "$(dirname "$0")/lib.sh"

ktap_plan 35
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
set security nat destination rule-set from-untrust rule sip match destination-address 203.0.113.30/32
set security nat destination rule-set from-untrust rule sip match destination-port 5060
set security nat destination rule-set from-untrust rule sip then destination-nat pool web-80
set security nat static rule-set st from zone untrust
set security nat static rule-set st rule s1 match destination-address 203.0.113.20/32
set security nat static rule-set st rule s1 then static-nat prefix 10.0.1.2/32
set security flow traceoptions file dnat-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter f1 destination-prefix 203.0.113.10/32
set security flow traceoptions packet-filter f2 destination-prefix 203.0.113.30/32
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

udp80() { ip netns exec "$1" ss -Hlun | grep -q ':80 '; }
# Two public addresses of one server: static .20 (port 80 stays 80) and
# destination .30 port 5060 (to port 80), both 10.0.1.2/80, reached from
# one client port (5060): both sessions' replies would be
# 10.0.1.2/80 --> 10.0.2.2/5060.  The second takes another source port;
# it used to be dropped, every time.
ip netns exec "$C" /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("", 80))
s.settimeout(30)
while True:
    d, a = s.recvfrom(2048)
    s.sendto(("peer=%s port=%d" % a).encode(), a)' 2>/dev/null &
usrv=$!
wait_until 20 udp80 "$C" || echo "# UDP server in C did not come up"
out=$(in_s /usr/bin/python3 -c '
import socket
def ask(dst, port, tag):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.0.2.2", 5060))
    s.settimeout(5)
    s.connect((dst, port))
    s.send(tag.encode())
    try:
        print(tag, s.recv(200).decode())
    except OSError:
        print(tag, "nothing")
    return s
a = ask("203.0.113.20", 80, "static")
b = ask("203.0.113.30", 5060, "dnat")' 2>&1)
kill "$usrv" 2>/dev/null
wait "$usrv" 2>/dev/null
echo "$out" | sed 's/^/# /'
check_match "one client port to two public addresses of one server: the first keeps its port" \
	'^static peer=10\.0\.2\.2 port=5060$' echo "$out"
dport=$(sed -n 's/^dnat peer=10\.0\.2\.2 port=\([0-9]*\)$/\1/p' <<<"$out")
check "  ... the second is answered, from another source port" test -n "$dport" -a "$dport" != 5060
out=$(rcli show security flow session destination-prefix 203.0.113.30/32)
check_match "  ... its session's Out wing: the reply to the port it was given" \
	"^  Out: 10\\.0\\.1\\.2/80 --> 10\\.0\\.2\\.2/${dport:-none};udp, Conn Tag: 0x0, If: lan0," echo "$out"
check_match "  ... and the trace says why" \
	'flow_first_install: reply tuple in use: source 10\.0\.2\.2/5060 leaves as 10\.0\.2\.2/[0-9]+' \
	rcli show log dnat-trace

# SCTP to rule fwd (203.0.113.10/8080 to 10.0.1.2/80, no protocol): its
# ports are not translated (its CRC32c covers them), so it is dropped,
# never sent to 10.0.1.2/8080, a port the mapping does not open
in_c nft -f - <<'EOF' || echo "# nft in C failed"
table inet sc {
 chain c {
  type filter hook prerouting priority -500; policy accept;
  meta l4proto sctp counter comment "sctp"
 }
}
EOF
sctp_at_c() { nft_count "$C" sctp chain inet sc c; }
nf0=$(stat_of "NAT translation failed")
in_s /usr/bin/python3 -c '
from scapy.all import IP, SCTP, SCTPChunkInit, send
send(IP(src="10.0.2.2", dst="203.0.113.10") / SCTP(sport=5000, dport=8080) /
     SCTPChunkInit(init_tag=1, a_rwnd=65535, n_out_streams=1, n_in_streams=1, init_tsn=1),
     count=3, verbose=0)' || echo "# scapy failed"
sleep 0.5
check_eq "SCTP to a rule that maps the port: nothing reaches the server" 0 "$(sctp_at_c)"
check_eq "  ... dropped as 'NAT translation failed'" $((${nf0:-0} + 3)) \
	"$(stat_of "NAT translation failed")"

# TTL 1 to a forwarded address that is the router's own: time exceeded,
# never delivered to the router's own socket of that port (UDP 80 of the
# router forwarded to UDP 80 of the trust server; the router's own socket
# answers "host", as long as "ping")
udp_echo 80 "$C" 4
bg ip netns exec "$R" socat -T3 UDP4-RECVFROM:80,reuseaddr,fork SYSTEM:'echo host'
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
