#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT proxy-arp / proxy-ndp: a source pool address on the wan subnet
# (10.0.2.100, configured on no interface) is reachable from the server
# only thanks to security nat proxy-arp on wan0: without it the server's
# replies never arrive (its ARP request is unanswered); with it the server
# resolves the pool address to the router's wan0 MAC and sees the client
# as 10.0.2.100.  The commit that adds the address sends a gratuitous ARP
# (tcpdump on the server).  The same address is not answered on lan0.
# proxy-ndp: the server resolves 2001:db8:2::100 to the router's MAC, the
# commit sends an unsolicited neighbour advertisement, lan0 stays silent.
# show security nat proxy-arp|proxy-ndp (and -j) list the entries with
# their counters; commit errors name the statement.
. "$(dirname "$0")/lib.sh"

ktap_plan 20
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
MRW=02:00:00:00:02:01

# the server answers only what comes back to an address it can resolve
bg ip netns exec "$S" socat -t10 -T5 TCP4-LISTEN:8000,reuseaddr,fork SYSTEM:'echo peer=$SOCAT_PEERADDR'
wait_listen "$S" 8000 || echo "# server in S did not come up"

base_conf() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
	set security policies from-zone trust to-zone untrust policy allow-all then permit
	set security nat source pool wanpool address 10.0.2.100/32
	set security nat source rule-set rs1 from zone trust
	set security nat source rule-set rs1 to zone untrust
	set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
	set security nat source rule-set rs1 rule r1 then source-nat pool wanpool
	EOF
}

# (files, not process substitution: the guest has no /dev/fd)
base_conf >"$TMPD/base.set"
{ base_conf; cat <<-'EOF'
	set security nat proxy-arp interface wan0 address 10.0.2.100/32
	set security nat proxy-arp interface wan0 address 10.0.2.120 to 10.0.2.121
	set security nat proxy-ndp interface wan0 address 2001:db8:2::100/128
	EOF
} >"$TMPD/proxy.set"
{ base_conf; echo "set security nat proxy-arp interface wan0 address 10.0.8.0/21"; } >"$TMPD/big.set"
{ base_conf; echo "set security nat proxy-arp interface eth9 address 10.0.2.100/32"; } >"$TMPD/nozone.set"

check "pool on the wan subnet without proxy-arp loads" rload_q <"$TMPD/base.set"
check_fail "without proxy-arp: the server cannot answer the pool address" \
	tcp_get 10.0.2.2 8000
check_nomatch "without proxy-arp: the server has no MAC for 10.0.2.100" "lladdr" \
	ip -n "$S" neigh show 10.0.2.100
ip -n "$S" neigh flush dev eth0 to 10.0.2.100 2>/dev/null
rcli clear security flow session all >/dev/null

bg ip netns exec "$S" tcpdump -n -l -i eth0 -w "$TMPD/garp.pcap" arp or icmp6
sleep 1
check "proxy-arp and proxy-ndp on wan0 load" rload_q <"$TMPD/proxy.set"
check_match "the configuration reads back" \
	"set security nat proxy-arp interface wan0 address 10\.0\.2\.120(/32)? to 10\.0\.2\.121" rconf
check_match "with proxy-arp: the server sees the client as the pool address" \
	'^peer=10\.0\.2\.100$' tcp_get 10.0.2.2 8000
check_match "the server resolved 10.0.2.100 to the router's wan0 MAC" "lladdr $MRW" \
	ip -n "$S" neigh show 10.0.2.100
check_match "the server resolves 10.0.2.121 (a range) to the router" "lladdr $MRW" \
	sh -c "ip netns exec $S ping -c 1 -W 1 10.0.2.121 >/dev/null; ip -n $S neigh show 10.0.2.121"
check_nomatch "10.0.2.122 (outside the range) is not answered" "lladdr" \
	sh -c "ip netns exec $S ping -c 1 -W 1 10.0.2.122 >/dev/null; ip -n $S neigh show 10.0.2.122"
check_match "proxy-ndp: the server resolves 2001:db8:2::100 to the router's MAC" "lladdr $MRW" \
	sh -c "ip netns exec $S ping -6 -c 1 -W 1 2001:db8:2::100 >/dev/null; ip -n $S -6 neigh show 2001:db8:2::100"

# lan0 is not configured: a client that thinks 10.0.2.100 is on its link gets no answer
ip -n "$C" route add 10.0.2.100/32 dev eth0
ip -n "$C" route add 2001:db8:2::100/128 dev eth0
in_c ping -c 1 -W 1 10.0.2.100 >/dev/null 2>&1
in_c ping -6 -c 1 -W 1 2001:db8:2::100 >/dev/null 2>&1
sleep 1
check_nomatch "proxy-arp: not answered on lan0" "lladdr" ip -n "$C" neigh show 10.0.2.100
check_nomatch "proxy-ndp: not answered on lan0" "lladdr" ip -n "$C" -6 neigh show 2001:db8:2::100

sleep 1
kill "${_bg_pids[-1]}" 2>/dev/null
sleep 0.5
garp=$(tcpdump -n -r "$TMPD/garp.pcap" 2>/dev/null)
check_match "the commit sent a gratuitous ARP for 10.0.2.100" \
	'ARP, Request who-has 10\.0\.2\.100 tell 10\.0\.2\.100' echo "$garp"
check_match "the commit sent a gratuitous ARP for the range's 10.0.2.121" \
	'ARP, Request who-has 10\.0\.2\.121 tell 10\.0\.2\.121' echo "$garp"
check_match "the commit sent an unsolicited NA for 2001:db8:2::100" \
	'2001:db8:2::100 > ff02::1: .*neighbor advertisement, tgt is 2001:db8:2::100' echo "$garp"

out=$(rcli show security nat proxy-arp)
check_match "show security nat proxy-arp: entries and counters" \
	'^wan0 +10\.0\.2\.100 - 10\.0\.2\.100 +[1-9][0-9]* +3$' echo "$out"
check_match "show security nat proxy-arp: the range on a continuation line" \
	'^ +10\.0\.2\.120 - 10\.0\.2\.121$' echo "$out"
check_match "show security nat proxy-ndp -j" \
	'"interface-name":"wan0","replies":[1-9][0-9]*,"announced":1,"addresses":\[\{"low":"2001:db8:2::100"' \
	sh -c "ip netns exec $R $SRX -j show security nat proxy-ndp | tr -d ' \n'"

# commit errors name the statement; nothing changes
check_rejected "a range over 1024 addresses is a commit error" \
	'security nat proxy-arp interface wan0 address: range of 2048 addresses is over the limit of 1024' \
	rload <"$TMPD/big.set"
check_rejected "an interface in no zone is a commit error" \
	'security nat proxy-arp interface eth9: interface is in no zone' \
	rload <"$TMPD/nozone.set"
ktap_finish
