#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Routing instances and reverse-route modes (seed 002): the narrated lab
# for IPv4 and IPv6, route removal under a running flow (the session ends
# after route-change-timeout though the other direction still forwards), interface deletion
# with live sessions, asymmetric return with and without
# enable-reverse-reroute, a route by fwmark looked up again with the
# packet's mark, and a session between the main table and a VRF.
. "$(dirname "$0")/lib.sh"

ktap_plan 29
srx_load

check "seed 002 lab, IPv4 (make demo)" "$TOP/tests/demo/reverse-route-lab.sh" --quiet
check "seed 002 lab, IPv6" "$TOP/tests/demo/reverse-route-lab.sh" --quiet --family inet6

# --- route removed under a running flow -------------------------------------------------
# route-change-timeout: 30 s; 60 s on the debug kernel, where the checks
# between the route's removal and its return take longer (a loaded host
# once stretched them past 15 s: the session aged out and a new one
# carried the flow)
rct=30
[ -n "${SRXFLOW_DEBUG_KERNEL:-}" ] && rct=60
topo_router
rload <<EOF
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any then permit
set security flow route-change-timeout $rct
EOF
# the server is reached through a more specific route that we will remove;
# one long-running echo flow is one session (one request repeated: each
# request of a ping would be a session of its own)
ip -n "$S" addr add 198.51.100.10/32 dev lo
in_r ip route add 198.51.100.10/32 via 10.0.2.2
pinglog=$(mktemp)
replies() { grep -c "bytes from" "$pinglog"; }
has_replies() { [ "$(replies)" -ge "$1" ]; }
bg in_c /usr/bin/python3 "$ECHO_FLOW" -i 0.25 198.51.100.10 >"$pinglog" 2>&1
wait_until 20 has_replies 2	# (python starts slowly under TCG)
r1=$(replies)
check "flow works before the route change ($r1 replies)" test "$r1" -ge 2
in_r ip route del 198.51.100.10/32 via 10.0.2.2
sleep 1.5
r2=$(replies)
sleep 1
check_eq "no route: the flow's packets are dropped, not sent on a stale route" "$r2" "$(replies)"
check_match "drops counted as 'No route present'" "No route present: [1-9]" \
	rcli show security flow statistics
check_match "session kept during route-change-timeout" "Total sessions: 1" \
	rcli show security flow session destination-prefix 198.51.100.10/32
in_r ip route add 198.51.100.10/32 via 10.0.2.2
sleep 1.5
r3=$(replies)
check "the route is back: the same session forwards again ($r2 -> $r3 replies)" test "$r3" -gt "$r2"
check_match "the wing was re-routed, still one session" "Wings re-routed: [1-9]" \
	rcli show security flow statistics
in_r ip route del 198.51.100.10/32 via 10.0.2.2
# ... while the other direction still forwards (S's echo replies every
# 0.25 s, its route to C is there): that proves nothing about the lost one
bg in_s /usr/bin/python3 -c '
import socket, struct, sys, time
def csum(d):
    s = sum(struct.unpack("!%dH" % (len(d) // 2), d))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
m = struct.pack("!BBHHH", 0, 0, 0, 4660, 1) + b"x" * 56
m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.bind(("198.51.100.10", 0))
end = time.time() + float(sys.argv[1])
while time.time() < end:
    s.sendto(m, ("10.0.1.2", 0))
    time.sleep(0.25)
' $((rct + 3))
sleep $((rct + 3))
check_match "route never came back: session gone after route-change-timeout, replies or not" \
	"Total sessions: 0" rcli show security flow session destination-prefix 198.51.100.10/32
kill %1 2>/dev/null
rm -f "$pinglog"

# --- interface deleted with live sessions ---------------------------------------------------
in_c ping -c 2 -i 0.2 -W 2 10.0.2.2 >/dev/null
check_match "sessions through wan0 exist" "Total sessions: [1-9]" rcli show security flow session interface wan0
in_r ip link del wan0
check_match "deleting wan0 tears its sessions down" "Total sessions: 0" \
	rcli show security flow session
ip netns del "$S"
ip netns del "$C"
ip netns del "$R"
_ns_list=()

# --- asymmetric return: the reply comes back on another interface ---------------------------
# R: lan0 (trust), wan0 and wan1 (untrust) both to S.  R reaches S via wan0;
# S answers the client via wan1.
# topo_wan1: topo_router plus a second link R wan1 10.0.3.1/24 - S eth1
# 10.0.3.2/24, S's route back to the LAN by it, no reverse-path filter
topo_wan1() {
	topo_router
	ip link add wan1 netns "$R" type veth peer name eth1 netns "$S"
	ip -n "$R" -b - <<-'EOF'
	addr add 10.0.3.1/24 dev wan1
	link set wan1 up
	EOF
	ip -n "$S" -b - <<-'EOF'
	addr add 10.0.3.2/24 dev eth1
	link set eth1 up
	route add 10.0.1.0/24 via 10.0.3.1 dev eth1
	EOF
	in_r sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.wan1.rp_filter=0
	in_s sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth1.rp_filter=0
}
topo_wan1
rload <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security zones security-zone untrust interfaces wan1
set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any then permit
EOF
check_fail "asymmetric reply is dropped" in_c ping -c 2 -i 0.2 -W 1 10.0.2.2
check_match "counted as 'Wing interface mismatch'" "Wing interface mismatch: [1-9]" \
	rcli show security flow statistics
rcli clear security flow session all >/dev/null
rcli set security zones security-zone untrust enable-reverse-reroute >/dev/null
check "with enable-reverse-reroute the reply goes through" in_c ping -c 2 -i 0.2 -W 2 10.0.2.2
check_match "the Out wing now expects wan1" "Out: 10.0.2.2/[0-9]+ --> 10.0.1.2/[0-9]+;icmp, Conn Tag: 0x0, If: wan1" \
	rcli show security flow session
# A segment that comes in on the other interface of the zone moves the wing
# only when the TCP tracking finds it in the session's windows: not one it
# drops (beyond the window, acknowledging data never sent), nor one it lets
# through for the end host to judge (data before the window, an ACK from
# long ago).  64 segments whose sequence and acknowledgement numbers are
# spread over the whole number space (steps of 2^29), so that both kinds
# are among them, whatever the connection's initial sequence numbers.
if /usr/bin/python3 -c 'import scapy' 2>/dev/null; then
	eng_tmpdir
	in_s ip route del 10.0.1.0/24 via 10.0.3.1 dev eth1
	tcp_echo 7000
	wait_listen "$S" 7000 || echo "# server in S did not come up"
	tcp_open t 10.0.2.2 7000
	tcp_send t one
	wait_until 10 tcp_got t one
	cport=$(rcli show security flow session destination-port 7000 |
		sed -n 's|^  In: 10\.0\.1\.2/\([0-9]*\) --> .*|\1|p' | head -n 1)
	mac=$(in_r cat /sys/class/net/wan1/address)
	in_s /usr/bin/python3 - "$cport" "$mac" <<'EOF' >/dev/null 2>&1
import sys
from scapy.all import Ether, IP, TCP, sendp
p, mac = int(sys.argv[1]), sys.argv[2]
sendp([Ether(dst=mac)/IP(src="10.0.2.2", dst="10.0.1.2")/TCP(sport=7000, dport=p, flags="A",
       seq=(123456789 + i * 2**29) % 2**32, ack=(987654321 + j * 2**29) % 2**32)
       for i in range(8) for j in range(8)], iface="eth1", verbose=0)
EOF
	check_match "segments out of the windows on wan1 do not move the TCP session's Out wing" \
		"Out: 10\.0\.2\.2/7000 --> 10\.0\.1\.2/[0-9]+;tcp, Conn Tag: 0x0, If: wan0" \
		rcli show security flow session destination-port 7000
	tcp_send t two
	check "  ... and the connection goes on" wait_until 10 tcp_got t two
	tcp_close t
else
	ktap_skip "segments out of the windows on wan1 do not move the TCP session's Out wing" "no scapy"
	ktap_skip "  ... and the connection goes on" "no scapy"
fi
ip netns del "$S"
ip netns del "$C"
ip netns del "$R"
_ns_list=()

# --- policy routing by mark: a wing's route is looked up again with the mark ---------------
# A mark set at lan0's ingress (nftables netdev chain: before srxflow's
# hook) sends 10.0.2.2 through wan1 (ip rule fwmark 1 -> table 100); S
# answers through its eth1.  A route added elsewhere bumps the route
# generation: the session's routes are looked up again, with the packet's
# mark as the first path did, and the flow stays on wan1 (without the
# mark: main table, wan0, and S's answers on wan1 "Wing interface mismatch").
topo_wan1
ip -n "$R" -b - <<'EOF'
rule add fwmark 1 table 100
route add 10.0.2.2/32 via 10.0.3.2 dev wan1 table 100
EOF
ip netns exec "$R" nft -f - <<'EOF'
table netdev srxtag {
	chain lan {
		type filter hook ingress device lan0 priority 0;
		meta mark set 1
	}
}
EOF
rload <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security zones security-zone untrust interfaces wan1
set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any then permit
EOF
# (bound: the answer leaving by eth1 keeps 10.0.2.2 as its source)
bg ip netns exec "$S" socat -T3 UDP4-RECVFROM:5300,bind=10.0.2.2,reuseaddr,fork PIPE
wait_listen "$S" 5300 || echo "# server in S did not come up"
[ -n "${TMPD:-}" ] || eng_tmpdir
udp_two "$C" 10.0.2.2 5300 "$TMPD/mark"
two=$!
wait_until 10 file_has "$TMPD/mark/out" "a a"
check_match "marked at ingress: the session leaves by the fwmark table (wan1)" \
	"Out: 10\.0\.2\.2/5300 --> 10\.0\.1\.2/[0-9]+;udp, Conn Tag: 0x0, If: wan1" \
	rcli show security flow session destination-port 5300
in_r ip route add 192.0.2.0/24 dev wan0
touch "$TMPD/mark/go"
wait "$two"
check_match "a route changed elsewhere: looked up again with the mark, the flow goes on" \
	'^b b$' cat "$TMPD/mark/out"
check_match "  ... still by wan1, one session" \
	"Out: 10\.0\.2\.2/5300 --> 10\.0\.1\.2/[0-9]+;udp, Conn Tag: 0x0, If: wan1, Pkts: 2" \
	rcli show security flow session destination-port 5300
ip netns del "$S"
ip netns del "$C"
ip netns del "$R"
_ns_list=()

# --- a session between the main table and a VRF ------------------------------------------------
topo_router
ip -n "$R" -b - <<'EOF'
link add RED type vrf table 30
link set RED up
link set wan0 master RED
route add 10.0.1.0/24 dev lan0 vrf RED
route add 10.0.2.0/24 dev wan0 table main
EOF
srx_base_config
check "main table (lan0) -> VRF RED (wan0) and back" in_c ping -c 2 -i 0.2 -W 2 10.0.2.2
# the Out wing's block of `extensive`: from its "Out:" line to its Pkts line,
# read once (an answered echo's session ages out 4 s after its reply: a
# second read on a slow debug kernel found it gone)
ow=$(rcli show security flow session extensive | sed -n '/^   Out: /,/^    Pkts: /p')
check_match "In wing in the main table, Out wing's reply arrives in VRF RED" \
	"^  Conn Tag: 0x0, Interface: wan0, $" echo "$ow"
check_match "  ... and is routed in table 254" "^    Egress: .*, Route lookup table: 254$" echo "$ow"
ip netns del "$S"
ip netns del "$C"
ip netns del "$R"
_ns_list=()

# --- enable-reverse-reroute across tables ------------------------------------------------------
# lan0 in the main table (trust); wan0 and wan1 in VRF RED (untrust, with
# enable-reverse-reroute).  The main table reaches S by wan0, RED by wan1
# (a /32 through S's eth1); S answers by eth1.  The answer moves the Out
# wing to wan1 and the In wing is routed again: in the main table, where
# the first path routed it, so the flow stays on wan0 (RED's route,
# looked up in the table of the interface the answer came in on, would
# move it to wan1).
topo_wan1
ip -n "$R" -b - <<'EOF'
link add RED type vrf table 30
link set RED up
link set wan0 master RED
link set wan1 master RED
route add 10.0.1.0/24 dev lan0 vrf RED
route add 10.0.2.0/24 dev wan0 table main
route add 10.0.2.2/32 via 10.0.3.2 dev wan1 vrf RED
EOF
ip netns exec "$S" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority 0;
		iifname "eth1" udp dport 5300 counter comment "by-eth1"
		iifname "eth0" udp dport 5300 counter comment "by-eth0"
	}
}
EOF
rload <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security zones security-zone untrust interfaces wan1
set security zones security-zone untrust enable-reverse-reroute
set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any then permit
EOF
bg ip netns exec "$S" socat -T3 UDP4-RECVFROM:5300,bind=10.0.2.2,reuseaddr,fork PIPE
wait_listen "$S" 5300 || echo "# server in S did not come up"
[ -n "${TMPD:-}" ] || eng_tmpdir
udp_two "$C" 10.0.2.2 5300 "$TMPD/vrfmove"
two=$!
wait_until 10 file_has "$TMPD/vrfmove/out" "a a"
check_match "the answer by wan1 (VRF RED) moves the Out wing there" \
	"Out: 10\.0\.2\.2/5300 --> 10\.0\.1\.2/[0-9]+;udp, Conn Tag: 0x0, If: wan1" \
	rcli show security flow session destination-port 5300
touch "$TMPD/vrfmove/go"
wait "$two"
check_match "  ... the flow goes on" '^b b$' cat "$TMPD/vrfmove/out"
check_eq "  ... and its second request still leaves by wan0 (main table), not wan1 (RED's)" \
	"2 0" "$(nft_count "$S" by-eth0) $(nft_count "$S" by-eth1)"
ip netns del "$S"
ip netns del "$C"
ip netns del "$R"
_ns_list=()

# --- an interface renamed into another zone ------------------------------------------------------
# A UDP flow from trust (lan0); lan0 is renamed lanz, which zone dmz names
# (no policy from dmz): the session ends with the rename (it was permitted
# for trust to untrust, and the fast path checks no zone), and the flow's
# next request, now from dmz, is denied.
topo_router
ip netns exec "$S" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority 0;
		udp dport 5300 counter comment "req"
	}
}
EOF
rload <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security zones security-zone dmz interfaces lanz
set security policies from-zone trust to-zone untrust policy p match source-address any destination-address any application any then permit
EOF
bg ip netns exec "$S" socat -T3 UDP4-RECVFROM:5300,bind=10.0.2.2,reuseaddr,fork PIPE
wait_listen "$S" 5300 || echo "# server in S did not come up"
udp_two "$C" 10.0.2.2 5300 "$TMPD/rename"
two=$!
wait_until 10 file_has "$TMPD/rename/out" "a a"
check_match "a flow from lan0 (trust) has its session" \
	"In: 10\.0\.1\.2/[0-9]+ --> 10\.0\.2\.2/5300;udp, Conn Tag: 0x0, If: lan0" \
	rcli show security flow session destination-port 5300
ip -n "$R" -b - <<'EOF'
link set lan0 down
link set lan0 name lanz
link set lanz up
EOF
check_match "renamed lanz (zone dmz): the session is gone" "Total sessions: 0" \
	rcli show security flow session destination-port 5300
touch "$TMPD/rename/go"
wait "$two"
check_eq "  ... and the flow's next request, now from dmz, is denied" 1 "$(nft_count "$S" req)"
ktap_finish
