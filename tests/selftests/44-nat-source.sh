#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Source NAT (IPv4): interface NAT for the trust LAN reaching an untrust
# server that has no route back to the LAN (the server sees the router's
# address, socat prints the peer), TCP, UDP, UDP-Lite and ping (echo identifier);
# the router's own flow from a port interface NAT gave out is dropped; wan0
# renumbered ends the sessions on its old address; the
# router's own host unreachable about a pool-translated packet reaches C;
# the session's Out wing carries the translated tuple; a rule that never
# matches shows 0 hits; a UDP datagram to a closed port gets "Connection
# refused" (embedded header translated back); ping -M do through a smaller
# MTU gets "frag needed"; traceroute names the hop behind the router; TCP bulk (iperf3) with checksum offload; a pool
# with 10 ports and 20 flows: 10 pass, 10 are dropped and counted, nothing
# leaves untranslated (tcpdump on the server); commit errors; unload with
# translated sessions alive.
. "$(dirname "$0")/lib.sh"

ktap_plan 55
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
# the server knows no way back to the LAN: only translated traffic is answered
ip -n "$S" route del default via 10.0.2.1
ip -n "$S" route add 198.51.100.0/24 via 10.0.2.1

# servers that print the peer they see
peer_servers 4

check "source NAT interface configuration loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source pool unused-pool address 198.51.100.200/32
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule never match source-address 192.0.2.0/24
set security nat source rule-set rs1 rule never then source-nat pool unused-pool
set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs1 rule r1 match destination-address 0.0.0.0/0
set security nat source rule-set rs1 rule r1 then source-nat interface
EOF

check_match "the configuration reads back" "set security nat source rule-set rs1 rule r1 then source-nat interface" rconf
check_match "TCP: the server sees the router's address" '^peer=10\.0\.2\.1 port=[0-9]+$' tcp_get 10.0.2.2 8000
check_match "UDP: the server sees the router's address" '^peer=10\.0\.2\.1 port=[0-9]+$' udp_ask 10.0.2.2 5000
check "ping through interface NAT (echo identifier translated)" in_c ping -c 2 -i 0.2 -W 3 10.0.2.2
# The router's own flow on a port interface NAT gave out (the kernel does
# not know PAT's ports): dropped, never sent untracked, whose answer would
# match the NAT session and reach the client.
cat >"$TMPD/hold.py" <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("10.0.2.2", 5000))
s.send(b"c1")
print(s.recv(2048).decode().strip(), flush=True)
s.settimeout(6)
try:
    print("then", s.recv(2048).decode().strip(), flush=True)
except socket.timeout:
    print("then nothing", flush=True)
PY
ip netns exec "$C" /usr/bin/python3 "$TMPD/hold.py" >"$TMPD/hold.out" 2>&1 &
hold=$!
wait_until 10 file_has "$TMPD/hold.out" peer=
nport=$(sed -n 's/^peer=10\.0\.2\.1 port=\([0-9]*\)$/\1/p' "$TMPD/hold.out")
d0=$(stat_of "Reply tuple in use")
sent=$(in_r /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.0.2.1", int(sys.argv[1])))
try:
    s.sendto(b"router", ("10.0.2.2", 5000))
    print("sent")
except OSError as e:
    print(e.strerror)' "${nport:-1}" 2>&1)
wait "$hold"
check_match "the router's own datagram from a port interface NAT gave out: no answer reaches the client" \
	'^then nothing$' cat "$TMPD/hold.out"
check_eq "  ... dropped as 'Reply tuple in use'" $((d0 + 1)) "$(stat_of "Reply tuple in use")"
check_eq "  ... and the router's program is told: sendto() fails with EPERM" \
	"Operation not permitted" "$sent"
# UDP-Lite (136; DCCP likewise): its checksum covers the pseudo-header and
# is never optional: the address and the port are translated, the checksum
# follows (the server's kernel drops a bad one), the answer finds the session
bg in_s /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 136)
s.bind(("0.0.0.0", 5100))
while True:
    m, a = s.recvfrom(2048)
    s.sendto(("peer=%s port=%d" % a).encode(), a)
'
check_match "UDP-Lite: the server sees the router's address, the answer comes back" \
	'^peer=10\.0\.2\.1 port=[0-9]+$' in_c /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 136)
s.settimeout(1)
for i in range(10):
    s.sendto(b"ping", ("10.0.2.2", 5100))
    try:
        print(s.recv(2048).decode())
        sys.exit(0)
    except socket.timeout:
        pass
sys.exit(1)
'

tcp_open keep 10.0.2.2 8000
# a ping running: a session per echo request, each kept 4 s after its reply
bg ip netns exec "$C" ping -q -c 200 -i 0.2 10.0.2.2 >/dev/null 2>&1	# (killed below)
echo_pid=${_bg_pids[-1]}
sleep 1
out=$(rcli show security flow session protocol udp)
check_match "session In wing: as the packet arrived" \
	'^  In: 10\.0\.1\.2/[0-9]+ --> 10\.0\.2\.2/5000;udp, Conn Tag: 0x0, If: lan0, Pkts: 1,' echo "$out"
check_match "session Out wing: the reply to the translated source" \
	'^  Out: 10\.0\.2\.2/5000 --> 10\.0\.2\.1/[0-9]+;udp, Conn Tag: 0x0, If: wan0, Pkts: 1,' echo "$out"
check_match "show security flow session nat: the translated sessions" '^Total sessions: ([3-9]|[1-9][0-9])$' \
	rcli show security flow session nat
out=$(rcli show security flow session protocol icmp)
check_match "ICMP session Out wing: translated" '^  Out: 10\.0\.2\.2/[0-9]+ --> 10\.0\.2\.1/[0-9]+;icmp' echo "$out"
kill "$echo_pid" 2>/dev/null	# it would take a port of the 10-port pool below

out=$(rcli show security nat source rule all)
check_match "rule r1: translation hits counted" 'Translation hits +: ([3-9]|[1-9][0-9]+)$' \
	sed -n '/source NAT rule: r1$/,/Failed sessions/p' <<<"$out"
check_match "rule never: 0 hits (the NAT mismatch diagnosis)" 'Translation hits +: 0$' \
	sed -n '/source NAT rule: never$/,/Failed sessions/p' <<<"$out"
check_match "rule layout: From zone / To zone / Action" \
	'From zone +: trust' echo "$out"
check_match "rule layout: Action interface" 'Action +: interface' echo "$out"
check_match "rule -j: JSON with the hits" '"translation-hits": ?0' \
	rcli -j show security nat source rule never
check_match "summary: the pool and the rules" '^unused-pool +198\.51\.100\.200-198\.51\.100\.200 +default +yes +1$' \
	rcli show security nat source summary
check "clear security nat source rule statistics" rcli clear security nat source rule statistics
check_match "hits are 0 after clear" 'Translation hits +: 0$' rcli show security nat source rule r1

# UDP to a closed port: the port unreachable comes back translated
check_match "UDP to a closed port behind PAT: Connection refused" 'Connection refused' \
	udp_req 10.0.2.2 5999
# path MTU: the router's egress is smaller; frag needed reaches the client
in_r ip link set wan0 mtu 1280
check_match "ping -M do through a smaller MTU: frag needed reaches the client" 'mtu ?= ?1280' \
	in_c ping -M do -s 1400 -c 1 -W 3 10.0.2.2
in_r ip link set wan0 mtu 1500
# traceroute: the time exceeded of a hop behind the router (S forwards
# 203.0.113.0/24) comes back translated (outer destination and the
# embedded UDP header): traceroute names hop 2
ip netns exec "$S" sysctl -qw net.ipv4.ip_forward=1
ip -n "$S" route add 203.0.113.0/24 via 10.0.2.1
in_r ip route add 203.0.113.0/24 via 10.0.2.2
out=$(in_c traceroute -n -q 1 -w 3 -m 2 203.0.113.9 2>&1)
check_match "traceroute through interface NAT: hop 2 (time exceeded behind the router) answers" \
	'^ 2  10\.0\.2\.2 ' echo "$out"
ip netns exec "$S" sysctl -qw net.ipv4.ip_forward=0

# TCP bulk with checksum offload on the veths
in_c ethtool -K eth0 tx on >/dev/null 2>&1
bg ip netns exec "$S" iperf3 -s -1 -p 5201
wait_listen "$S" 5201
check_match "iperf3 through source NAT (checksum offload on)" 'receiver' \
	in_c iperf3 -c 10.0.2.2 -p 5201 -t 2

# wan0 is renumbered (its secondary address promoted, as a DHCP renewal
# with a new lease): the sessions interface NAT gave the old address end,
# as masquerade's entries do, whose packets would leave from an address
# that is no longer the router's; the flow goes on from the new address.
in_r sysctl -qw net.ipv4.conf.wan0.promote_secondaries=1
udp_two "$C" 10.0.2.2 5000 "$TMPD/renum"
two=$!
wait_until 10 file_has "$TMPD/renum/out" "a peer=10.0.2.1 "
check_range "interface NAT sessions on 10.0.2.1" 1 99 \
	"$(rcli show security flow session | grep -c -- '--> 10\.0\.2\.1/')"
ip -n "$R" -b - <<'EOF'
addr add 10.0.2.9/24 dev wan0
addr del 10.0.2.1/24 dev wan0
EOF
check_eq "wan0 renumbered: the interface NAT sessions on its old address end" 0 \
	"$(rcli show security flow session | grep -c -- '--> 10\.0\.2\.1/')"
touch "$TMPD/renum/go"
wait "$two"
check_match "  ... and the flow goes on from the new address" '^b peer=10\.0\.2\.9 ' \
	cat "$TMPD/renum/out"
ip -n "$R" -b - <<'EOF'
addr add 10.0.2.1/24 dev wan0
addr del 10.0.2.9/24 dev wan0
EOF

# --- a pool of 10 ports: 20 flows -------------------------------------------------------
# (the flows' sessions live 600 s: none ages out, freeing its port, on a slow kernel)
check "source NAT pool with 10 ports loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set applications application udp5000-long protocol udp destination-port 5000 inactivity-timeout 600
set security policies from-zone trust to-zone untrust policy udp-long match source-address any destination-address any application udp5000-long
set security policies from-zone trust to-zone untrust policy udp-long then permit
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source pool p10 address 198.51.100.1/32
set security nat source pool p10 port range 20000 to 20009
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs1 rule r1 then source-nat pool p10
EOF
rcli clear security flow session all >/dev/null
rcli clear security flow statistics >/dev/null
bg ip netns exec "$S" tcpdump -n -l -i eth0 -w "$TMPD/s.pcap" udp port 5000
sleep 1
ok=0
for i in $(seq 1 20); do
	# a flow that got a port keeps it: a second datagram of the same flow
	# (same session) stands in for an answer lost to a loaded guest
	if UDP_WAIT=3 udp_req_from $((30000 + i)) 10.0.2.2 5000 >/dev/null ||
	   { [ "$(rcli show security flow session source-port $((30000 + i)) | grep -c '^Session ID')" = 1 ] &&
	     UDP_WAIT=3 udp_req_from $((30000 + i)) 10.0.2.2 5000 >/dev/null; }; then
		ok=$((ok + 1))
	fi
done
sleep 1
check_eq "20 flows through 10 ports: 10 answered" 10 "$ok"
check_eq "10 dropped: Source NAT pool exhausted" 10 "$(stat_of 'Source NAT pool exhausted')"
out=$(rcli show security nat source pool p10)
check_match "pool: translation hits 10" '^Translation hits +: 10$' echo "$out"
check_match "pool: allocation failures 10" '^Allocation failures +: 10$' echo "$out"
check_match "pool: port range shown" '^Port +: \[20000, 20009\]$' echo "$out"
check_match "rule r1: Failed sessions 10" 'Failed sessions +: 10$' rcli show security nat source rule r1
check_match "drop records name the pool" 'Source NAT pool exhausted.*pool p10' \
	rcli show security packet-drop records
# --- a deleted pool ends its sessions; unload with sessions alive ------------------------
n=$(sess_total protocol udp)
check_range "pool sessions exist" 1 20 "$n"
check "the pool is deleted" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs1 rule r1 then source-nat interface
EOF
udp_gone() { [ "$(sess_total protocol udp)" = 0 ]; }
check "the sessions of the deleted pool end" wait_until 10 udp_gone
kill "${_bg_pids[-1]}" 2>/dev/null
sleep 1
check_eq "the server saw no untranslated packet (tcpdump)" 0 \
	"$(in_s tcpdump -n -r "$TMPD/s.pcap" src 10.0.1.2 2>/dev/null | wc -l)"
check_eq "the server saw the 10 translated ones, from the pool's ports" 10 \
	"$(in_s tcpdump -n -r "$TMPD/s.pcap" src 198.51.100.1 and src portrange 20000-20009 2>/dev/null | wc -l)"

# --- the router's own ICMP error about a packet a pool translated: addressed
# to the pool address, translated back and sent on the session's route to
# C (before: it went to the pool address, here a route on wan0 nobody
# answers) ---
check "a one-address pool loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source pool p20 address 198.51.100.50/32
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs1 rule r1 then source-nat pool p20
EOF
in_r ip route add 198.51.100.0/24 dev wan0
check_match "host unreachable (no ARP answer) about a pool-translated packet: the client's socket sees it" \
	'^EHOSTUNREACH$' udp_error "$C" 10.0.2.99 9999
in_r ip route del 198.51.100.0/24 dev wan0

# --- commit errors ----------------------------------------------------------------------
check_rejected "unknown pool: rejected, named" 'pool nope: pool is not defined' rmerge <<'EOF'
set security nat source rule-set rs1 rule r2 match source-address 10.0.9.0/24
set security nat source rule-set rs1 rule r2 then source-nat pool nope
EOF
check_rejected "overlapping pools: rejected" 'addresses overlap with pool p11' rmerge <<'EOF'
set security nat source pool p11 address 198.51.100.0/30
set security nat source pool p12 address 198.51.100.2/32 to 198.51.100.9/32
EOF
# (pool entries are checked in a tree, not pairwise: one of a second
# entry of a pool, against the second entry of another, is found)
check_rejected "a pool's second entry overlapping another pool's second: rejected" \
	'pool p14: addresses overlap with pool p13' rmerge <<'EOF'
set security nat source pool p13 address 198.51.100.64/30
set security nat source pool p13 address 198.51.100.80/30
set security nat source pool p14 address 198.51.100.96/30
set security nat source pool p14 address 198.51.100.82/32 to 198.51.100.90/32
EOF
check_rejected "two entries of one pool overlapping: rejected" 'pool p15: address entries overlap' \
	rmerge <<'EOF'
set security nat source pool p15 address 198.51.100.128/28
set security nat source pool p15 address 198.51.100.130/32
EOF
check "pools that only touch are accepted" rmerge_q <<'EOF'
set security nat source pool p16 address 198.51.100.160/30
set security nat source pool p17 address 198.51.100.164/30
set security nat source pool p17 address 198.51.100.159/32
EOF
check_rejected "a rule name used in another rule-set of the kind: rejected, named" \
	'rule r1: name used in rule-set rs1 already' rmerge <<'EOF'
set security nat source rule-set rs3 from zone untrust
set security nat source rule-set rs3 to zone trust
set security nat source rule-set rs3 rule r1 match source-address 10.0.9.0/24
set security nat source rule-set rs3 rule r1 then source-nat interface
EOF
check_rejected "two rule-sets with the same contexts: rejected" 'same from/to contexts as rule-set rs1' rmerge <<'EOF'
set security nat source rule-set rs2 from zone trust
set security nat source rule-set rs2 to zone untrust
set security nat source rule-set rs2 rule x match source-address 10.0.9.0/24
set security nat source rule-set rs2 rule x then source-nat interface
EOF
check_rejected "pool address range over the limit: rejected" 'over the limit' rmerge <<'EOF'
set security nat source pool big address 100.64.0.0/10
EOF

# --- a rule matching an address-set of 700 prefixes: shown, not the end of the dump -----------
# (a rule is one netlink attribute: its 700 ranges, 36 KB, did not fit in a
# dump message, and NAT_GET ended at it with -EMSGSIZE: rule and proxy
# entries after it were missing from every show)
{
	for i in $(seq 0 699); do
		echo "set security address-book global address h$i 10.200.$((i / 100)).$((i % 100 * 2))/32"
		echo "set security address-book global address-set big address h$i"
	done
	cat <<'EOF'
set security nat source rule-set rs1 rule many match source-address-name big
set security nat source rule-set rs1 rule many then source-nat interface
set security nat source rule-set rs9 from zone untrust
set security nat source rule-set rs9 to zone trust
set security nat source rule-set rs9 rule after match source-address 192.0.2.0/24
set security nat source rule-set rs9 rule after then source-nat interface
EOF
} | rmerge_q
out=$(rcli show security nat source rule all 2>&1)
check_match "show nat source rule all: the rule of 700 ranges, its first 64 and how many more" \
	'^ +\.\.\. 636 more \(700 ranges in all\)$' echo "$out"
check_match "  ... and the rule after it" '^source NAT rule: after$' echo "$out"
check_match "  ... -j: source-address-ranges 700" '"source-address-ranges": ?700' \
	rcli -j show security nat source rule many

# --- unload with translated sessions alive ----------------------------------------------
tcp_open keep2 10.0.2.2 8000
sleep 1
check "module unloads with translated sessions alive" srx_unload
ktap_finish
