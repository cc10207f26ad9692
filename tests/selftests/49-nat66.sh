#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 NAT (NAT66): interface source NAT for the trust LAN reaching an
# untrust server that has no route back to the LAN (socat prints the
# router's address), TCP, UDP, ping (ICMPv6 echo identifier); wan0
# renumbered ends the sessions on its old address; the
# session's Out wing carries the translated tuple; a rule that never
# matches shows 0 hits; ICMPv6 errors about a translated session come back
# translated (port unreachable: "Connection refused"; packet too big from
# a hop behind the server with a smaller MTU); iperf3 -6 through source
# NAT; the FTP ALG rewrites EPRT's IPv6 address (active FTP download);
# a pool of 10 ports and 20 flows (10 pass, 10 dropped and counted,
# nothing leaves untranslated); destination NAT port forwarding (curl to
# [addr]:port); static NAT of a /64 both ways; the show commands in IPv6;
# mixed-family commit errors; unload with translated sessions alive.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ftp_lib.sh"

ktap_plan 47
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
# a hop behind the server: S forwards to T over a link of MTU 1280
T=${NSP}-t
ns_add "$T"
ip link add eth1 netns "$S" mtu 1280 type veth peer name eth0 netns "$T" mtu 1280
ip -n "$S" addr add 2001:db8:3::1/64 dev eth1 nodad
ip -n "$S" link set eth1 up
ip -n "$T" addr add 2001:db8:3::2/64 dev eth0 nodad
ip -n "$T" link set eth0 up
ip -n "$T" route add default via 2001:db8:3::1
ip -n "$R" route add 2001:db8:3::/64 via 2001:db8:2::2
in_s sysctl -qw net.ipv6.conf.all.forwarding=1
# the server knows no way back to the LAN: only translated traffic is
# answered; the pool and the public addresses are routed to the router
ip -n "$S" -6 route del default via 2001:db8:2::1
ip -n "$S" route add 2001:db8:ff::/64 via 2001:db8:2::1
ip -n "$S" route add 2001:db8:ee::/48 via 2001:db8:2::1
ip -n "$T" route add 2001:db8:ff::/64 via 2001:db8:3::1

RA6='\[2001:0db8:0002:0000:0000:0000:0000:0001\]'	# socat's form of 2001:db8:2::1
peer_servers 6

check "IPv6 source NAT interface configuration loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source pool unused6 address 2001:db8:ff::200/128
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule never match source-address 2001:db8:99::/64
set security nat source rule-set rs1 rule never then source-nat pool unused6
set security nat source rule-set rs1 rule r1 match source-address 2001:db8:1::/64
set security nat source rule-set rs1 rule r1 match destination-address ::/0
set security nat source rule-set rs1 rule r1 then source-nat interface
EOF
check_match "the configuration reads back" "set security nat source pool unused6 address 2001:db8:ff::200/128" rconf
check_match "TCP: the server sees the router's address" "^peer=$RA6 port=[0-9]+\$" \
	tcp_get '[2001:db8:2::2]' 8000
check_match "UDP: the server sees the router's address" "^peer=$RA6 port=[0-9]+\$" \
	udp_ask '[2001:db8:2::2]' 5000
check "ping -6 through interface NAT (ICMPv6 echo identifier translated)" \
	in_c ping -6 -c 2 -i 0.2 -W 3 2001:db8:2::2
# wan0 renumbered: the sessions interface NAT gave the old address end (the
# IPv6 address notifier is atomic: a moment later, from a work item) and
# the flow goes on from the new address.
sessions_on() { rcli show security flow session | grep -c -- "--> $1/"; }
no_sessions_on() { [ "$(sessions_on "$1")" = 0 ]; }
udp_two "$C" '[2001:db8:2::2]' 5000 "$TMPD/renum"
two=$!
wait_until 10 file_has "$TMPD/renum/out" "a peer=$(echo "$RA6" | tr -d '\\') "
check_range "interface NAT sessions on 2001:db8:2::1" 1 99 "$(sessions_on 2001:db8:2::1)"
ip -n "$R" -b - <<'EOF'
addr add 2001:db8:2::9/64 dev wan0 nodad
addr del 2001:db8:2::1/64 dev wan0
EOF
check "wan0 renumbered: the interface NAT sessions on its old address end" \
	wait_until 5 no_sessions_on 2001:db8:2::1
touch "$TMPD/renum/go"
wait "$two"
check_match "  ... and the flow goes on from the new address" \
	'^b peer=\[2001:0db8:0002:0000:0000:0000:0000:0009\] ' cat "$TMPD/renum/out"
ip -n "$R" -b - <<'EOF'
addr add 2001:db8:2::1/64 dev wan0 nodad
addr del 2001:db8:2::9/64 dev wan0
EOF
wait_until 5 no_sessions_on 2001:db8:2::9

# (-c 200: still running when the sessions are read on a slow debug kernel)
bg ip netns exec "$C" ping -6 -q -c 200 -i 0.2 2001:db8:2::2 >/dev/null 2>&1
echo_pid=${_bg_pids[-1]}
udp_ask '[2001:db8:2::2]' 5000 >/dev/null
sleep 1
out=$(rcli show security flow session protocol udp)
check_match "session In wing: as the packet arrived" \
	'^  In: 2001:db8:1::2/[0-9]+ --> 2001:db8:2::2/5000;udp, Conn Tag: 0x0, If: lan0, Pkts: 1,' echo "$out"
check_match "session Out wing: the reply to the translated source" \
	'^  Out: 2001:db8:2::2/5000 --> 2001:db8:2::1/[0-9]+;udp, Conn Tag: 0x0, If: wan0, Pkts: 1,' echo "$out"
out=$(rcli show security flow session protocol icmp6)
check_match "ICMPv6 session Out wing: translated" '^  Out: 2001:db8:2::2/[0-9]+ --> 2001:db8:2::1/[0-9]+;icmp6' \
	echo "$out"
check_match "show security flow session nat: the translated sessions" '^Total sessions: ([2-9]|[1-9][0-9])$' \
	rcli show security flow session nat
kill "$echo_pid" 2>/dev/null

out=$(rcli show security nat source rule all)
check_match "rule r1: translation hits counted" 'Translation hits +: ([3-9]|[1-9][0-9]+)$' \
	sed -n '/source NAT rule: r1$/,/Failed sessions/p' <<<"$out"
check_match "rule never: 0 hits" 'Translation hits +: 0$' \
	sed -n '/source NAT rule: never$/,/Failed sessions/p' <<<"$out"
check_match "rule layout: IPv6 source addresses" \
	'2001:db8:1:: +- 2001:db8:1:0:ffff:ffff:ffff:ffff' sed -n '/source NAT rule: r1$/,/Failed sessions/p' <<<"$out"
check_match "rule -j: JSON with the IPv6 range" '"low": ?"2001:db8:99::"' \
	rcli -j show security nat source rule never
check_match "summary: the IPv6 pool" '^unused6 +2001:db8:ff::200-2001:db8:ff::200 +default +yes +1$' \
	rcli show security nat source summary

# ICMPv6 errors about translated sessions come back translated
check_match "UDP to a closed port behind NAT66: Connection refused" 'Connection refused' \
	udp_req '[2001:db8:2::2]' 5999
check "ping -6 through NAT66 to the hop behind the server (the path works)" in_c ping -6 -c 1 -W 3 -s 1000 2001:db8:3::2
check_match "ping -6 -M do through a smaller MTU behind the server: packet too big reaches the client" \
	'[Pp]acket too big.*mtu ?= ?1280' in_c ping -6 -M do -s 1400 -c 1 -W 3 2001:db8:3::2
in_r ip link set wan0 mtu 1280
check_match "ping -6 -M do through the router's smaller MTU: packet too big" \
	'[Pp]acket too big.*mtu ?= ?1280' in_c ping -6 -M do -s 1400 -c 1 -W 3 2001:db8:2::2
in_r ip link set wan0 mtu 1500

in_c ethtool -K eth0 tx on >/dev/null 2>&1
bg ip netns exec "$S" iperf3 -s -1 -p 5201
wait_listen "$S" 5201
check_match "iperf3 -6 through source NAT (checksum offload on)" 'receiver' \
	in_c iperf3 -6 -c 2001:db8:2::2 -p 5201 -t 2

# FTP through NAT66: EPRT |2|2001:db8:1::2|port| becomes the router's
# address (vsftpd refuses an EPRT address other than the control peer's)
if command -v vsftpd >/dev/null && command -v curl >/dev/null; then
	head -c 1M /dev/urandom >"$TMPD/big"
	SUM=$(sha256sum <"$TMPD/big" | cut -d' ' -f1)
	vsftpd_start "$S" srv
	wait_listen "$S" 21 || echo "# vsftpd in S did not come up"
	rcli clear security alg counters
	check_eq "FTP over NAT66: EPRT download (address rewritten)" "$SUM" \
		"$(get "$C" 'ftp://[2001:db8:2::2]/big' -g --ftp-port -)"
	check_range "  ... the ALG rewrote the EPRT" 1 100 \
		"$(field 'Payloads rewritten (NAT)' "$(rcli show security alg counters ftp)")"
	check_eq "FTP over NAT66: EPSV download" "$SUM" "$(get "$C" 'ftp://[2001:db8:2::2]/big' -g)"
else
	ktap_skip "FTP over NAT66: EPRT" "vsftpd or curl not installed"
	ktap_skip "  ... the ALG rewrote the EPRT" "vsftpd or curl not installed"
	ktap_skip "FTP over NAT66: EPSV" "vsftpd or curl not installed"
fi

# --- a pool of 10 ports: 20 flows -------------------------------------------------------
check "IPv6 source NAT pool with 10 ports loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set applications application udp5000-long protocol udp destination-port 5000 inactivity-timeout 600
set security policies from-zone trust to-zone untrust policy udp-long match source-address any destination-address any application udp5000-long
set security policies from-zone trust to-zone untrust policy udp-long then permit
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source pool p10 address 2001:db8:ff::1/128
set security nat source pool p10 port range 20000 to 20009
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule r1 match source-address 2001:db8:1::/64
set security nat source rule-set rs1 rule r1 then source-nat pool p10
EOF
rcli clear security flow session all >/dev/null
rcli clear security flow statistics >/dev/null
bg ip netns exec "$S" tcpdump -n -l -i eth0 -w "$TMPD/s.pcap" ip6 and udp port 5000
sleep 1
ok=0
for i in $(seq 1 20); do
	if UDP_WAIT=3 udp_req_from $((30000 + i)) '[2001:db8:2::2]' 5000 >/dev/null ||
	   { [ "$(rcli show security flow session source-port $((30000 + i)) | grep -c '^Session ID')" = 1 ] &&
	     UDP_WAIT=3 udp_req_from $((30000 + i)) '[2001:db8:2::2]' 5000 >/dev/null; }; then
		ok=$((ok + 1))
	fi
done
sleep 1
check_eq "20 flows through 10 ports: 10 answered" 10 "$ok"
check_eq "10 dropped: Source NAT pool exhausted" 10 "$(stat_of 'Source NAT pool exhausted')"
out=$(rcli show security nat source pool p10)
check_match "pool: translation hits 10" '^Translation hits +: 10$' echo "$out"
check_match "pool: allocation failures 10" '^Allocation failures +: 10$' echo "$out"
check_match "pool: the IPv6 address with its ports in use" '2001:db8:ff::1 - 2001:db8:ff::1 +10 ' echo "$out"
kill "${_bg_pids[-1]}" 2>/dev/null
sleep 1
check_eq "the server saw no untranslated packet (tcpdump)" 0 \
	"$(in_s tcpdump -n -r "$TMPD/s.pcap" src 2001:db8:1::2 2>/dev/null | wc -l)"
check_eq "the server saw the 10 translated ones, from the pool's ports" 10 \
	"$(in_s tcpdump -n -r "$TMPD/s.pcap" src 2001:db8:ff::1 and src portrange 20000-20009 2>/dev/null | wc -l)"

# --- destination NAT (port forwarding) and static NAT of a /64 --------------------------
peer_web "$C" 6
check "IPv6 destination and static NAT configuration loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone trust address-book address web6 2001:db8:1::2/128
set security zones security-zone untrust interfaces wan0
set security policies from-zone untrust to-zone trust policy to-web match source-address any destination-address web6 application any
set security policies from-zone untrust to-zone trust policy to-web then permit
set security policies from-zone trust to-zone untrust policy out match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy out then permit
set security nat destination pool web6-80 address 2001:db8:1::2/128 port 80
set security nat destination rule-set from-untrust from zone untrust
set security nat destination rule-set from-untrust rule fwd match destination-address 2001:db8:ee::10/128
set security nat destination rule-set from-untrust rule fwd match destination-port 8080
set security nat destination rule-set from-untrust rule fwd then destination-nat pool web6-80
set security nat static rule-set st from zone untrust
set security nat static rule-set st rule s1 match destination-address 2001:db8:ee:1::/64
set security nat static rule-set st rule s1 then static-nat prefix 2001:db8:1::/64
EOF
check_match "port forwarding: curl to [addr]:port reaches the trust web server" '^peer=2001:db8:2::2$' \
	in_s curl -s -m 15 'http://[2001:db8:ee::10]:8080/'
out=$(rcli show security flow session destination-port 8080)
check_match "session In wing: to the public address" \
	'^  In: 2001:db8:2::2/[0-9]+ --> 2001:db8:ee::10/8080;tcp, Conn Tag: 0x0, If: wan0,' echo "$out"
check_match "session Out wing: from the real server" \
	'^  Out: 2001:db8:1::2/80 --> 2001:db8:2::2/[0-9]+;tcp, Conn Tag: 0x0, If: lan0,' echo "$out"
check_match "destination pool: the IPv6 address with its port" '2001:db8:1::2 - 2001:db8:1::2 +80' \
	rcli show security nat destination pool all
check "static NAT inbound: ping -6 to the public address reaches the mapped host" \
	in_s ping -6 -c 2 -i 0.2 -W 3 2001:db8:ee:1::2
check_match "static NAT outbound (reverse static): the server sees the public address" \
	'^peer=\[2001:0db8:00ee:0001:0000:0000:0000:0002\] ' tcp_get '[2001:db8:2::2]' 8000
out=$(rcli show security nat static rule s1)
check_match "static rule: translation hits both ways" 'Translation hits +: ([2-9]|[1-9][0-9])' echo "$out"
check_match "static rule layout: host prefix and length" 'Host addresses +: 2001:db8:1::$' echo "$out"

# --- commit errors ----------------------------------------------------------------------
check_rejected "an IPv4 pool for an IPv6 rule: rejected, named" \
	'rule x6 then source-nat pool p4: an IPv4 pool for a rule of IPv6 addresses' rmerge <<'EOF'
set security nat source pool p4 address 198.51.100.1/32
set security nat source rule-set rs9 from zone trust
set security nat source rule-set rs9 to zone untrust
set security nat source rule-set rs9 rule x6 match source-address 2001:db8:9::/64
set security nat source rule-set rs9 rule x6 then source-nat pool p4
EOF
check_rejected "a pool of both families: rejected" 'pool mix address: an IPv6 address in an IPv4 pool' rmerge <<'EOF'
set security nat source pool mix address 198.51.100.1/32
set security nat source pool mix address 2001:db8:ff::5/128
EOF
check_rejected "any-ipv4 and an IPv6 prefix in one rule: rejected" \
	'rule m4 match destination-address: IPv4 and IPv6 addresses in one rule' rmerge <<'EOF'
set security nat source rule-set rs9 from zone trust
set security nat source rule-set rs9 to zone untrust
set security nat source rule-set rs9 rule m4 match source-address-name any-ipv4
set security nat source rule-set rs9 rule m4 match destination-address 2001:db8:9::/64
set security nat source rule-set rs9 rule m4 then source-nat interface
EOF
check_rejected "a static prefix of the other family: rejected" \
	'static-nat prefix: an IPv4 prefix for an IPv6 destination-address' rmerge <<'EOF'
set security nat static rule-set st rule s2 match destination-address 2001:db8:ee:2::1/128
set security nat static rule-set st rule s2 then static-nat prefix 10.0.1.2/32
EOF

# --- unload with translated sessions alive ----------------------------------------------
tcp_open keep '[2001:db8:2::2]' 8000
sleep 1
check "module unloads with translated IPv6 sessions alive" srx_unload
ktap_finish
