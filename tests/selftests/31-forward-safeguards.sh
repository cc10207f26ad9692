#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's forwarding safeguards for the transit srxflow forwards itself
# (issue 11 item 9): forwarding sysctls (IPv4 per interface, IPv6 all),
# rp_filter strict and loose, martian sources, IPv4 source-route options,
# link-layer broadcast frames, the xfrm FWD policy and the xfrm OUT policy
# (no cleartext where policy demands ESP); what srxflow accepts for the
# router is not routed onward by Linux (a directed broadcast with
# bc_forwarding, a to-host session whose address moved away).  Each one asserted on traffic
# (an nftables counter of echo requests reaching S) and on the drop counter
# "show security flow statistics" shows.
. "$(dirname "$0")/lib.sh"

RAWPING="/usr/bin/python3 $TOP/tests/tools/rawping.py"

ktap_plan 51
srx_load
topo_router
eng_tmpdir
srx_base_config
ip netns exec "$S" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority -500;
		icmp type echo-request counter comment "req4"
		icmpv6 type echo-request counter comment "req6"
	}
}
EOF
in_r sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.lan0.rp_filter=0
rmac=$(ip -n "$R" -br link show lan0 | awk '{print $3}')
# echo requests S received (4 or 6)
req() { nft_count "$S" "req$1"; }
# drop counter REASON: of the last statistics read (stats_now refreshes it)
stats=""
stats_now() { stats=$(rcli show security flow statistics); }
drops() { field "$1" "$stats"; }
# send SRC DST [OPTIONS]: 3 hand-made echo requests from C's eth0 to R's MAC
send() { in_c $RAWPING eth0 "$rmac" "$@"; }
# reaches NAME FAM CMD...: S receives echo requests while CMD runs
reaches() {
	local name=$1 fam=$2 a
	shift 2
	a=$(req "$fam")
	"$@" >/dev/null 2>&1
	sleep 0.2
	check "$name ($a -> $(req "$fam"))" test "$(req "$fam")" -gt "$a"
}
# blocked NAME FAM REASON CMD...: S receives none, drops counted under REASON
blocked() {
	local name=$1 fam=$2 why=$3 a d
	shift 3
	a=$(req "$fam")
	[ -n "$stats" ] || stats_now
	d=$(drops "$why")
	"$@" >/dev/null 2>&1
	sleep 0.2
	check_eq "$name: nothing reaches S" "$a" "$(req "$fam")"
	stats_now
	check "$name: counted as '$why' (${d:-0} -> $(drops "$why"))" test "$(drops "$why")" -gt "${d:-0}"
}

check "IPv4 transit passes" in_c ping -c 1 -W 2 10.0.2.2
check "IPv6 transit passes" in_c ping -6 -c 1 -W 2 2001:db8:2::2

# --- forwarding sysctls --------------------------------------------------------------------
in_r sysctl -qw net.ipv4.conf.lan0.forwarding=0
blocked "net.ipv4.conf.lan0.forwarding=0" 4 "Forwarding disabled" in_c ping -c 1 -W 1 10.0.2.2
in_r sysctl -qw net.ipv4.conf.lan0.forwarding=1
reaches "lan0 forwarding back on" 4 in_c ping -c 1 -W 2 10.0.2.2
in_r sysctl -qw net.ipv6.conf.all.forwarding=0
blocked "net.ipv6.conf.all.forwarding=0" 6 "Forwarding disabled" in_c ping -6 -c 1 -W 1 2001:db8:2::2
in_r sysctl -qw net.ipv6.conf.all.forwarding=1
reaches "IPv6 forwarding back on" 6 in_c ping -6 -c 1 -W 2 2001:db8:2::2

# --- rp_filter: a source routed back through wan0 arrives on lan0 ---------------------------
ip -n "$C" addr add 10.0.2.77/32 dev eth0
in_r sysctl -qw net.ipv4.conf.lan0.rp_filter=1
blocked "rp_filter=1, spoofed source 10.0.2.77" 4 "Reverse path check failed" \
	in_c ping -c 1 -W 1 -I 10.0.2.77 10.0.2.2
in_r sysctl -qw net.ipv4.conf.lan0.rp_filter=2
reaches "rp_filter=2 (loose): a route back exists, forwarded" 4 in_c ping -c 1 -W 1 -I 10.0.2.77 10.0.2.2
in_r sysctl -qw net.ipv4.conf.lan0.rp_filter=0
ip -n "$C" addr del 10.0.2.77/32 dev eth0

# --- martians, source routes, link-layer broadcast (hand-made frames) ---------------------------------------
reaches "a well-formed hand-made packet passes (control)" 4 send 10.0.1.2 10.0.2.2 --id 7
blocked "IPv4 martian source 127.0.0.1" 4 "Martian address" send 127.0.0.1 10.0.2.2 --id 8
blocked "IPv4 martian source 0.0.0.0" 4 "Martian address" send 0.0.0.0 10.0.2.2 --id 9
reaches "IPv6 hand-made control packet passes" 6 send 2001:db8:1::2 2001:db8:2::2 --id 7
blocked "IPv6 link-local source to a transit destination" 6 "Martian address" \
	send fe80::99 2001:db8:2::2 --id 8
in_r sysctl -qw net.ipv4.conf.all.accept_source_route=0
blocked "LSRR option, accept_source_route=0" 4 "Source route option" \
	send 10.0.1.2 10.0.2.2 --lsrr 10.0.2.2 --id 10
in_r sysctl -qw net.ipv4.conf.all.accept_source_route=1 net.ipv4.conf.lan0.accept_source_route=1
reaches "LSRR option, accept_source_route=1: routed by its destination" 4 \
	send 10.0.1.2 10.0.2.2 --lsrr 10.0.2.2 --id 10
blocked "SSRR option: refused even when accepted" 4 "Source route option" \
	send 10.0.1.2 10.0.2.2 --ssrr 10.0.2.2 --id 11
in_r sysctl -qw net.ipv4.conf.all.accept_source_route=0
blocked "unicast IP in a broadcast frame" 4 "Not addressed to host" \
	in_c $RAWPING eth0 ff:ff:ff:ff:ff:ff 10.0.1.2 10.0.2.2 --id 12

# --- IPsec: the FWD policy, and the OUT policy demanding ESP with no SA -----------------------
in_r ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir fwd action block
blocked "xfrm fwd policy 'block'" 4 "IPsec policy" in_c ping -c 1 -W 1 10.0.2.2
in_r ip xfrm policy del src 10.0.1.0/24 dst 10.0.2.0/24 dir fwd
reaches "fwd policy removed: forwarded" 4 in_c ping -c 1 -W 2 10.0.2.2
# a "prohibit" route fails the lookup with -EACCES, the error a refusing
# xfrm policy was once told by: it is no route, not IPsec
in_r ip route add prohibit 10.0.2.2/32
stats_now
x0=$(drops "IPsec policy")
blocked "a prohibit route to S" 4 "No route present" in_c ping -c 1 -W 1 10.0.2.2
check_eq "  ... not counted as 'IPsec policy'" "${x0:-0}" "$(drops "IPsec policy" | sed 's/^$/0/')"
in_r ip route del prohibit 10.0.2.2/32

pinglog=$(mktemp)
bg ip netns exec "$C" ping -6 -i 0.2 -W 1 2001:db8:2::2 >"$pinglog" 2>&1
# shellcheck disable=SC2317 # (called by wait_until)
two_replies() { [ "$(grep -c 'bytes from' "$pinglog")" -ge 2 ]; }
check "a running IPv6 flow (2 replies)" wait_until 15 two_replies
in_r ip -6 xfrm policy add src 2001:db8:1::/64 dst 2001:db8:2::/64 dir out \
	tmpl src 2001:db8:2::1 dst 2001:db8:2::2 proto esp mode tunnel
blocked "IPv6 out policy demands ESP, no SA: no cleartext leaves" 6 "IPsec policy" sleep 2
in_r ip -6 xfrm policy del src 2001:db8:1::/64 dst 2001:db8:2::/64 dir out
reaches "out policy removed: the same flow leaves again" 6 sleep 1.5
kill "$!" 2>/dev/null
rm -f "$pinglog"
in_r ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir out \
	tmpl src 10.0.2.1 dst 10.0.2.2 proto esp mode tunnel
blocked "IPv4 out policy demands ESP, no SA" 4 "IPsec policy" in_c ping -c 1 -W 1 10.0.2.2
in_r ip xfrm policy flush

# --- a learned path MTU is not the forwarding MTU -----------------------------------------
# The router's own UDP socket to S learns a path MTU of 1280 from a frag
# needed S sends it (a PMTU exception on R's route to 10.0.2.2).  Like
# ip_forward() (ip_forward_use_pmtu=0), transit to 10.0.2.2 still goes by
# the device MTU: a 1428-byte DF ping from C passes.
tmpd=$(mktemp -d)
cat >"$tmpd/fragneeded.py" <<'EOF'
import socket, struct, sys
def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
sport = int(sys.argv[1])
udp = struct.pack('!HHHH', sport, 9, 8 + 1372, 0)
ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + 8 + 1372, 1, 0x4000, 64, 17, 0,
                 socket.inet_aton('10.0.2.1'), socket.inet_aton('10.0.2.2'))
ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
icmp = struct.pack('!BBHHH', 3, 4, 0, 0, 1280) + ip + udp
icmp = icmp[:2] + struct.pack('!H', csum(icmp)) + icmp[4:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.sendto(icmp, ('10.0.2.1', 0))
EOF
cat >"$tmpd/learn.py" <<'EOF'
import socket, subprocess, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, 10, 2)  # IP_MTU_DISCOVER: IP_PMTUDISC_DO
s.connect(('10.0.2.2', 9))
s.send(b'x')
subprocess.run(['ip', 'netns', 'exec', sys.argv[1], '/usr/bin/python3', sys.argv[2],
                str(s.getsockname()[1])])
time.sleep(0.5)
print('path mtu %d' % s.getsockopt(socket.IPPROTO_IP, 14))  # IP_MTU
EOF
check_match "R's own socket learns path MTU 1280 to 10.0.2.2" '^path mtu 1280$' \
	in_r /usr/bin/python3 "$tmpd/learn.py" "$S" "$tmpd/fragneeded.py"
check "transit 1428-byte DF ping to 10.0.2.2 still passes (device MTU 1500)" \
	in_c ping -M do -s 1400 -c 1 -W 3 10.0.2.2
rm -rf "$tmpd"

# --- an IPv6 routing header addressed to the router ---------------------------------------
# S may ping R (host-inbound-traffic on wan0).  Its echo requests to C
# travel with a segment routing header whose next segment is R (seg6
# inline encapsulation on S): R's kernel (seg6_enabled) would forward them
# on to C after srxflow accepted them for the host - into trust, where no
# policy from untrust leads.  Dropped as "Source route option".
ip netns exec "$C" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority -500;
		icmpv6 type echo-request counter comment "req6c"
	}
}
EOF
req_c() { nft_count "$C" req6c; }
rmerge <<'EOF' >/dev/null
set security zones security-zone untrust interfaces wan0 host-inbound-traffic system-services ping
EOF
in_r sysctl -qw net.ipv6.conf.all.seg6_enabled=1 net.ipv6.conf.wan0.seg6_enabled=1 2>/dev/null
if in_s ip -6 route add 2001:db8:1::2/128 encap seg6 mode inline segs 2001:db8:2::1 \
	via 2001:db8:2::1 dev eth0 2>/dev/null; then
	stats_now
	d=$(drops "Source route option")
	in_s ping -6 -c 2 -i 0.3 -W 1 2001:db8:1::2 >/dev/null 2>&1
	sleep 0.3
	stats_now
	check "SRH to R, next segment C: not forwarded into trust (C got $(req_c), 'Source route option' ${d:-0} -> $(drops "Source route option"))" \
		test "$(req_c)" = 0 -a "$(drops "Source route option")" -gt "${d:-0}"
	in_s ip -6 route del 2001:db8:1::2/128
	# the same to wan0's subnet-router anycast address 2001:db8:2:: (R
	# forwards, so it has joined it): the router's by its route, not one
	# of its unicast addresses
	in_s ip -6 route add 2001:db8:1::2/128 encap seg6 mode inline segs 2001:db8:2:: \
		via 2001:db8:2::1 dev eth0
	stats_now
	d=$(drops "Source route option")
	in_s ping -6 -c 2 -i 0.3 -W 1 2001:db8:1::2 >/dev/null 2>&1
	sleep 0.3
	stats_now
	check "SRH to R's anycast 2001:db8:2::, next segment C: not forwarded (C got $(req_c), 'Source route option' ${d:-0} -> $(drops "Source route option"))" \
		test "$(req_c)" = 0 -a "$(drops "Source route option")" -gt "${d:-0}"
	in_s ip -6 route del 2001:db8:1::2/128
	in_r sysctl -qw net.ipv6.conf.all.seg6_enabled=0 net.ipv6.conf.wan0.seg6_enabled=0
else
	# (the debug kernel of tests/debug-kernel has no CONFIG_IPV6_SEG6_LWTUNNEL)
	ktap_skip "SRH to R, next segment C: not forwarded into trust" \
		"this kernel cannot add a seg6 encap route"
	ktap_skip "SRH to R's anycast address: not forwarded" \
		"this kernel cannot add a seg6 encap route"
fi

# --- transit TCP with a segment routing header still to be followed ------------------------
# C sends SYNs to 2001:db8:2::99 by way of S (SRH: next segment S, the last
# 2001:db8:2::99): the TCP checksum covers the final destination (RFC 8200
# 8.1), not the header's, and no offload vouches for it (scapy's raw
# packets).  Forwarded to S, not dropped as "Malformed header".
if /usr/bin/python3 -c 'import scapy' 2>/dev/null; then
	in_s nft -f - <<-'EOF'
	table inet rth {
		chain c {
			type filter hook prerouting priority -500; policy accept;
			ip6 nexthdr 43 counter comment "srh"
		}
	}
	EOF
	stats_now
	m0=$(drops "Malformed header")
	in_c /usr/bin/python3 -c '
from scapy.all import IPv6, IPv6ExtHdrSegmentRouting, TCP, send
send(IPv6(src="2001:db8:1::2", dst="2001:db8:2::2") /
     IPv6ExtHdrSegmentRouting(addresses=["2001:db8:2::99", "2001:db8:2::2"], segleft=1) /
     TCP(sport=40777, dport=7777, flags="S"), count=2, verbose=0)'
	sleep 0.3
	stats_now
	check_eq "transit TCP SYNs with a segment routing header (checksum on the final destination) reach S" \
		2 "$(nft_count "$S" srh chain inet rth c)"
	check_eq "  ... not dropped as 'Malformed header'" "${m0:-0}" \
		"$(drops "Malformed header" | sed 's/^$/0/')"
else
	ktap_skip "transit TCP SYNs with a segment routing header reach S" "no scapy"
	ktap_skip "  ... not dropped as 'Malformed header'" "no scapy"
fi

# --- accepted for the router, then routed onward by Linux: dropped at FORWARD -----------------
# A directed broadcast to wan0's network is an echo to the router (trust
# allows ping): with bc_forwarding Linux forwards it into untrust too.
in_r sysctl -qw net.ipv4.conf.all.bc_forwarding=1 net.ipv4.conf.lan0.bc_forwarding=1
blocked "directed broadcast 10.0.2.255 with bc_forwarding" 4 "Host packet routed onward" \
	send 10.0.1.2 10.0.2.255
in_r sysctl -qw net.ipv4.conf.all.bc_forwarding=0 net.ipv4.conf.lan0.bc_forwarding=0
# An echo flow to an address of the router (a to-host session); the
# address moves to S: the session's next requests are not forwarded to it.
ip -n "$R" addr add 10.0.9.1/32 dev lo
ip -n "$C" route add 10.0.9.1/32 via 10.0.1.1
bg in_c /usr/bin/python3 "$ECHO_FLOW" -i 0.2 10.0.9.1 >"$TMPD/hostflow.log" 2>&1
check "an echo flow to the router's 10.0.9.1 is answered (a to-host session)" \
	wait_until 10 grep -q "from 10.0.9.1" "$TMPD/hostflow.log"
stats_now
a=$(req 4) d=$(drops "Host packet routed onward")
ip -n "$R" addr del 10.0.9.1/32 dev lo
ip -n "$R" route add 10.0.9.1/32 via 10.0.2.2
ip -n "$S" addr add 10.0.9.1/32 dev eth0
sleep 1.5
stats_now
check_eq "  ... the address moves to S: the session's requests do not reach S" "$a" "$(req 4)"
check "  ... counted as 'Host packet routed onward' (${d:-0} -> $(drops "Host packet routed onward"))" \
	test "$(drops "Host packet routed onward")" -gt "${d:-0}"
kill "${_bg_pids[-1]}" 2>/dev/null
ip -n "$R" route del 10.0.9.1/32
ip -n "$S" addr del 10.0.9.1/32 dev eth0

# --- the replies go back into the zone the session came from --------------------------------
# A third zone, dmz (dmz0 -- D, 10.0.3.0/24), and no policy into it.  C
# sends echo requests with a source of dmz's network: trust -> untrust
# permits them, but their replies must not be forwarded into dmz (the
# reverse route leads there): "No reverse route", as on a route change.
D=${NSP}-d
ns_add "$D"
ip link add dmz0 netns "$R" type veth peer name eth0 netns "$D"
ip -n "$R" addr add 10.0.3.1/24 dev dmz0
ip -n "$R" link set dmz0 up
ip -n "$D" addr add 10.0.3.2/24 dev eth0
ip -n "$D" link set eth0 up
ip netns exec "$D" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority -500;
		icmp type echo-reply counter comment "rep4"
	}
}
EOF
rep_d() { nft_count "$D" rep4; }
rmerge <<'EOF' >/dev/null
set security zones security-zone dmz interfaces dmz0
EOF
stats_now
nrr=$(drops "No reverse route")
a=$(req 4)
send 10.0.3.2 10.0.2.2 --id 14 >/dev/null 2>&1
sleep 0.5
check "source of zone dmz from lan0: trust -> untrust forwards it ($a -> $(req 4))" \
	test "$(req 4)" -gt "$a"
stats_now
check "  ... its replies do not enter zone dmz (D got $(rep_d), 'No reverse route' ${nrr:-0} -> $(drops "No reverse route"))" \
	test "$(rep_d)" = 0 -a "$(drops "No reverse route")" -gt "${nrr:-0}"
ktap_finish
