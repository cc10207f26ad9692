#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# services-offload: `then permit services-offload` forwards established
# sessions at the netdev ingress hook.  The policy reads back and shows in
# `show security policies detail`; the ingress hook is on the zones'
# interfaces (nft list hooks); UDP (IPv4 and IPv6), a multi-MB TCP transfer
# (checksummed) and ping pass; the offload counters and the session flags
# move; FIN and RST still end TCP sessions; a route change is followed (the
# flow moves to another interface of the zone and stays offloaded); an
# egress MTU smaller than an offloaded flow's datagram still yields frag
# needed (PMTU); forwarding turned off, an xfrm FWD policy, or a route with
# a lightweight tunnel (seg6 encap) stops the offload of a flow (the normal
# path drops, or encapsulates); IPv6 source NAT applies to offloaded packets; a policy
# without services-offload does not offload; the hook goes away with the
# last offload policy, with the interface, with the last zone and at rmmod.
. "$(dirname "$0")/lib.sh"

ktap_plan 61
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
# a second link R (wan1) -- S (eth1), in zone untrust too: a route change
ip link add wan1 netns "$R" type veth peer name eth1 netns "$S"
ip -n "$R" -b - <<-EOF
addr add 10.0.3.1/24 dev wan1
link set wan1 up
EOF
ip -n "$S" -b - <<-EOF
addr add 10.0.3.2/24 dev eth1
link set eth1 up
EOF

# interfaces with the offload ingress hook (show security flow status; the
# kernel has no nfnetlink_hook for `nft list hooks`)
hooks() { rcli show security flow status | sed -n 's/^  Flow services-offload: \([0-9]*\) interfaces.*/\1/p'; }
offl_pkts() { stat_of 'Services-offload packets processed'; }
offl_sess() { rcli show security flow session summary | sed -n 's/^Services-offload-sessions: //p'; }

# udp_flow HOST PORT N [BIG]: N request/answer pairs on one UDP socket
# (one session); $MID, if set, is run halfway; with BIG, then one BIG-byte datagram with DF set and, once
# the frag needed is in, the path MTU the socket sees
cat >"$TMPD/uflow.py" <<'EOF'
import os, socket, subprocess, sys, time
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
big = int(sys.argv[4]) if len(sys.argv) > 4 else 0
fam = socket.AF_INET6 if ':' in host else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.settimeout(3)
s.connect((host, port))
ok = 0
for i in range(n):
    if i == n // 2 and os.environ.get('MID'):
        subprocess.run(os.environ['MID'], shell=True)  # halfway: e.g. a route change
        time.sleep(0.5)
    m = b'm%d' % i
    s.send(m)
    try:
        while s.recv(2048) != m:
            pass
        ok += 1
    except socket.timeout:
        pass
print('answered %d/%d' % (ok, n))
if big:
    s.setsockopt(socket.IPPROTO_IP, 10, 2)  # IP_MTU_DISCOVER: IP_PMTUDISC_DO
    try:
        s.send(b'x' * big)
    except OSError as e:
        print('send', e)
    time.sleep(1)
    print('path mtu %d' % s.getsockopt(socket.IPPROTO_IP, 14))  # IP_MTU
EOF
uflow() { in_c /usr/bin/python3 "$TMPD/uflow.py" "$@"; }

# tcp_rst HOST PORT: a connection that exchanges 20 lines, then resets
cat >"$TMPD/trst.py" <<'EOF'
import socket, struct, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
f = c.makefile('rb')
ok = 0
for i in range(20):
    c.sendall(b'line %d\n' % i)
    if f.readline() == b'line %d\n' % i:
        ok += 1
print('echoed %d/20' % ok)
c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
c.close()
EOF

udp_echo 5000
udp_echo 6000
tcp_echo 7100
bg ip netns exec "$S" socat -u TCP4-LISTEN:7000,reuseaddr OPEN:"$TMPD/recv",creat,trunc
wait_listen "$S" 5000 6000 7000 7100 || echo "# servers in S did not come up"
head -c 8M /dev/urandom >"$TMPD/send"

cat >"$TMPD/base.conf" <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security zones security-zone untrust interfaces wan1
set applications application udp6000 protocol udp destination-port 6000
set security policies from-zone trust to-zone untrust policy plain match source-address any destination-address any application udp6000
set security policies from-zone trust to-zone untrust policy plain then permit
set security policies from-zone trust to-zone untrust policy fast match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy fast then permit services-offload
EOF
# a user's ingress chain at "priority filter" on lan0, there before the
# offload hook: it sees every packet, offloaded or not (at equal priority
# the hook registered last would run first)
in_r nft -f - <<'EOF' || echo "# nft netdev ingress in R failed"
table netdev user {
 chain in {
  type filter hook ingress device lan0 priority filter; policy accept;
  ip daddr 10.0.2.2 udp dport 5000 counter comment "u5000"
 }
}
EOF
check "services-offload configuration loads" rload_q <"$TMPD/base.conf"
check_match "the configuration reads back" \
	'^set security policies from-zone trust to-zone untrust policy fast then permit services-offload$' rconf
out=$(rcli show security policies detail)
check_match "policies detail: services-offload:enabled" \
	'^Policy: fast, action-type: permit, services-offload:enabled , State: enabled' echo "$out"
check_match "policies detail: not-configured without it" \
	'^Policy: plain, action-type: permit, services-offload:not-configured ,' echo "$out"
check_eq "the offload hook is on the 3 interfaces of the zones" 3 "$(hooks)"
check_match "status -j: services-offload-interfaces" '"services-offload-interfaces": ?3' \
	rcli -j show security flow status

# --- UDP ----------------------------------------------------------------------------------
p0=$(offl_pkts)
check_match "UDP: 40 answers on one flow" '^answered 40/40$' uflow 10.0.2.2 5000 40
p1=$(offl_pkts)
check_range "UDP: offloaded packets counted (both ways, after the first answer)" 60 80 $((p1 - p0))
check_eq "  ... a user's ingress chain at priority filter on lan0 saw all 40 requests" 40 \
	"$(nft_count "$R" u5000 chain netdev user in)"
udp_ext=$(rcli show security flow session destination-port 5000 extensive)
check_match "session extensive: Flags show services-offload" '^Flags: 0x[0-9a-f]+/0x0/0x0/0x0, services-offload$' \
	echo "$udp_ext"
check_match "session extensive: the wings count the offloaded packets" 'Pkts: 40, Bytes' echo "$udp_ext"
check_match "session -j: services-offload true" '"services-offload": ?true' \
	rcli -j show security flow session destination-port 5000
check_range "summary: Services-offload-sessions" 1 3 "$(offl_sess)"
check_match "UDP over IPv6: 20 answers" '^answered 20/20$' uflow 2001:db8:2::2 5000 20
check_range "IPv6: offloaded packets counted" 30 40 $(($(offl_pkts) - p1))

# --- a VLAN-tagged frame at the lower device's ingress -------------------------------------
# vframes VID N [PAD]: N UDP datagrams 10.0.1.2:40404 -> 10.0.2.2:5999 (no listener)
# from C, raw frames, with an 802.1Q tag VID unless VID is -1, and PAD
# bytes of Ethernet padding after the IP packet.  The tag is
# taken off into skb->vlan_tci before the ingress hook of lan0 (no VLAN
# device exists: the kernel then drops the frame as another host's); the
# hook must leave it alone, not forward it, tag and all, as lan0's traffic.
cat >"$TMPD/vframes.py" <<'EOF'
import socket, struct, sys
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
vid, n = int(sys.argv[1]), int(sys.argv[2])
pad = b'\0' * (int(sys.argv[3]) if len(sys.argv) > 3 else 0)
pl = b'vlan-probe' * 3
udp = struct.pack('!HHHH', 40404, 5999, 8 + len(pl), 0) + pl
ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                 socket.inet_aton('10.0.1.2'), socket.inet_aton('10.0.2.2'))
ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
tag = struct.pack('!HH', 0x8100, vid) if vid >= 0 else b''
eth = bytes.fromhex('020000000101020000000102') + tag + b'\x08\x00'
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('eth0', 0))
for i in range(n):
    s.send(eth + ip + udp + pad)
EOF
p0=$(offl_pkts)
in_c /usr/bin/python3 "$TMPD/vframes.py" -1 4
sleep 0.5
p1=$(offl_pkts)
check_eq "untagged raw UDP flow: offloaded from its third datagram" 2 $((p1 - p0))
# frames a link padded (as Ethernet pads a short one to 60 bytes)
in_c /usr/bin/python3 "$TMPD/vframes.py" -1 4 12
sleep 0.5
check_eq "  ... with Ethernet padding after the IP packet: offloaded too" 4 $(($(offl_pkts) - p1))
p1=$(offl_pkts)
in_c /usr/bin/python3 "$TMPD/vframes.py" 5 5
sleep 0.5
check_eq "802.1Q-tagged frames of that flow are not offloaded (no VLAN 5 device)" \
	"$p1" "$(offl_pkts)"

# --- a policy without services-offload -----------------------------------------------
p0=$(offl_pkts)
check_match "UDP through the plain policy: 20 answers" '^answered 20/20$' uflow 10.0.2.2 6000 20
check_eq "the plain policy's packets are not offloaded" "$p0" "$(offl_pkts)"
check_nomatch "its session is not flagged" 'services-offload' \
	rcli show security flow session destination-port 6000 extensive

# --- TCP: 8 MB, checksummed; FIN and RST --------------------------------------------------
p0=$(offl_pkts)
in_c socat -u OPEN:"$TMPD/send" TCP:10.0.2.2:7000,connect-timeout=8
# (the receiver writes the last bytes after the sender is done)
# shellcheck disable=SC2317 # (called by wait_until)
recv_done() { [ "$(stat -c %s "$TMPD/recv" 2>/dev/null)" = 8388608 ]; }
wait_until 20 recv_done
check_eq "TCP 8 MB through services-offload: same sha256" \
	"$(sha256sum <"$TMPD/send")" "$(sha256sum <"$TMPD/recv")"
check_range "TCP: hundreds of (GRO) packets offloaded" 300 1000000 $(($(offl_pkts) - p0))
check "TCP: FIN ends the session (normal path)" wait_until 30 sess_is 0 destination-port 7000
check_match "TCP: echoed lines, then a reset" '^echoed 20/20$' in_c /usr/bin/python3 "$TMPD/trst.py" 10.0.2.2 7100
check "TCP: RST ends the session" wait_until 15 sess_is 0 destination-port 7100
# A blind RST: the tuple guessed, the sequence number not.  As on a
# session never offloaded, it goes on to C (which ignores it, RFC 5961)
# and the session stays; before, the stale tracking let any RST end it.
tcp_open blind 10.0.2.2 7100
tcp_send blind one
tcp_send blind two
wait_until 10 tcp_got blind two
cport=$(rcli show security flow session destination-port 7100 |
	sed -n 's|^  In: 10\.0\.1\.2/\([0-9]*\) --> .*|\1|p' | head -n 1)
check_match "TCP: an open connection, offloaded" 'services-offload' \
	rcli show security flow session destination-port 7100 extensive
if /usr/bin/python3 -c 'import scapy' 2>/dev/null; then
	in_s /usr/bin/python3 - "$cport" <<'EOF' >/dev/null 2>&1
import sys
from scapy.all import IP, TCP, send
p = int(sys.argv[1])
send(IP(src="10.0.2.2", dst="10.0.1.2")/TCP(sport=7100, dport=p, flags="R", seq=12345), verbose=0)
send(IP(src="10.0.2.2", dst="10.0.1.2")/TCP(sport=7100, dport=p, flags="RA", seq=99999, ack=7), verbose=0)
EOF
	sleep 3
	check "TCP: a blind RST (wrong sequence number) leaves the offloaded session" \
		sess_is 1 destination-port 7100
	tcp_send blind three
	check "  ... and the connection goes on" wait_until 10 tcp_got blind three
	# A blind FIN: the tracking no longer knows the sequence numbers of
	# an offloaded session; the FIN is judged against the peer's last
	# acknowledgement, which the offload keeps.  Before, it took the
	# session to FIN_WAIT (out of the offload, onto the FIN timeout).
	in_s /usr/bin/python3 - "$cport" <<'EOF' >/dev/null 2>&1
import sys
from scapy.all import IP, TCP, send
p = int(sys.argv[1])
send(IP(src="10.0.2.2", dst="10.0.1.2")/TCP(sport=7100, dport=p, flags="FA", seq=99999, ack=7), verbose=0)
EOF
	sleep 1
	check_match "TCP: a blind FIN (wrong sequence number) leaves it ESTABLISHED" \
		'TCP state: ESTABLISHED' rcli show security flow session destination-port 7100 extensive
	tcp_send blind four
	check "  ... and the connection goes on" wait_until 10 tcp_got blind four
	# A blind ACK far ahead: C's next sequence number B (tcpdump), then an
	# ACK from S's side for B + 2^30.  It must not move S's last
	# acknowledgement as the offload keeps it, or C's own FIN would look
	# out of window (checked below: its real FINs end it).
	in_c timeout 15 tcpdump -i eth0 -n -S -l -c 1 \
		"tcp and src port $cport and dst port 7100 and tcp[13] & 8 != 0" \
		>"$TMPD/seq.txt" 2>"$TMPD/seq.err" &
	tdp=$!
	wait_until 10 file_has "$TMPD/seq.err" listening
	tcp_send blind five
	wait "$tdp"
	nxt=$(sed -n 's/.* seq [0-9]*:\([0-9]*\),.*/\1/p' "$TMPD/seq.txt")
	in_s /usr/bin/python3 - "$cport" "${nxt:-0}" <<'EOF' >/dev/null 2>&1
import sys
from scapy.all import IP, TCP, send
p, nxt = int(sys.argv[1]), int(sys.argv[2])
send(IP(src="10.0.2.2", dst="10.0.1.2")/TCP(sport=7100, dport=p, flags="A", seq=4242,
     ack=(nxt + (1 << 30)) % (1 << 32)), verbose=0)
EOF
	check_match "  ... C's next sequence number seen" '^[0-9]+$' echo "$nxt"
else
	ktap_skip "TCP: a blind RST (wrong sequence number) leaves the offloaded session" "no scapy"
	ktap_skip "  ... and the connection goes on" "no scapy"
	ktap_skip "TCP: a blind FIN (wrong sequence number) leaves it ESTABLISHED" "no scapy"
	ktap_skip "  ... and the connection goes on" "no scapy"
	ktap_skip "  ... C's next sequence number seen" "no scapy"
fi
tcp_close blind
check "TCP: its real FINs end it" wait_until 30 sess_is 0 destination-port 7100
check "ping through the services-offload policy" in_c ping -c 2 -i 0.2 -W 3 10.0.2.2

# --- a route change is followed -------------------------------------------------------------
rx() { in_s cat /sys/class/net/"$1"/statistics/rx_packets; }
r0=$(rx eth1)
p0=$(offl_pkts)
route_flow() {
	MID="ip netns exec $S ip route add 10.0.1.0/24 via 10.0.3.1 dev eth1 src 10.0.2.2;
	     ip netns exec $R ip route add 10.0.2.2/32 via 10.0.3.2 dev wan1" uflow 10.0.2.2 5000 40
}
check_match "one flow, the route changes halfway: 40 answers" '^answered 40/40$' route_flow
check_range "its second half arrived over the new route (eth1)" 20 40 $(($(rx eth1) - r0))
check_range "offloaded before and after the change" 60 80 $(($(offl_pkts) - p0))
check_match "the session's Out wing now arrives on wan1" '^  Out: 10\.0\.2\.2/5000 --> .*If: wan1,' \
	rcli show security flow session destination-port 5000
in_r ip route del 10.0.2.2/32 via 10.0.3.2 dev wan1
in_s ip route del 10.0.1.0/24 via 10.0.3.1 dev eth1 src 10.0.2.2

# --- an IPv4 route through an IPv6 next hop (RFC 5549): the normal path -----------------
# 10.0.9.2 on S's loopback, for which S answers ARP on no link (arp_ignore
# 1): only the next hop's ND entry reaches it.  Before, the offload resolved
# the destination itself by ARP and the offloaded segments went nowhere.
in_s ip addr add 10.0.9.2/32 dev lo
in_s sysctl -qw net.ipv4.conf.all.arp_ignore=1
in_r ip route add 10.0.9.2/32 via inet6 2001:db8:2::2 dev wan0
p0=$(offl_pkts)
check_match "a route via an IPv6 next hop (RFC 5549): the lines echoed" '^echoed 20/20$' \
	in_c /usr/bin/python3 "$TMPD/trst.py" 10.0.9.2 7100
check_eq "  ... forwarded by the normal path" "$p0" "$(offl_pkts)"
in_r ip route del 10.0.9.2/32
in_s sysctl -qw net.ipv4.conf.all.arp_ignore=0
in_s ip addr del 10.0.9.2/32 dev lo

# --- a smaller egress MTU: frag needed, PMTU -----------------------------------------------
in_r ip link set wan0 mtu 1280
check_match "offloaded flow, 1400-byte DF datagram: frag needed, path MTU 1280" '^path mtu 1280$' \
	uflow 10.0.2.2 5000 5 1400
in_r ip link set wan0 mtu 1500

# --- forwarding turned off on lan0 halfway: offloaded packets stop as the others -------------
d0=$(stat_of "Forwarding disabled")
fwd_off() { MID="ip netns exec $R sysctl -qw net.ipv4.conf.lan0.forwarding=0" uflow 10.0.2.2 5000 10; }
check_match "an offloaded flow, lan0 forwarding off halfway: the second half is not forwarded" \
	'^answered 5/10$' fwd_off
check_range "  ... dropped as 'Forwarding disabled'" $((d0 + 5)) $((d0 + 10)) "$(stat_of "Forwarding disabled")"
in_r sysctl -qw net.ipv4.conf.lan0.forwarding=1
# an xfrm FWD policy that blocks the flow, added halfway: the offload leaves it to the normal path
x0=$(stat_of "IPsec policy")
xfrm_fwd() { MID="ip netns exec $R ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir fwd action block" \
	uflow 10.0.2.2 5000 10; }
check_match "an offloaded flow, an xfrm fwd policy 'block' halfway: the second half is not forwarded" \
	'^answered 5/10$' xfrm_fwd
check_range "  ... dropped as 'IPsec policy'" $((x0 + 5)) $((x0 + 10)) "$(stat_of "IPsec policy")"
in_r ip xfrm policy flush
# the configuration changes halfway: forwarding-options family inet mode
# drop, then wan0 out of its zone.  A commit ends the sessions the new
# generation no longer forwards; the offload hook does not read the
# configuration, so before, an offloaded flow went on through both.
# ($TMPD/base.conf: the configuration loaded first)
{ cat "$TMPD/base.conf"; echo "set security forwarding-options family inet mode drop"; } >"$TMPD/drop.conf"
grep -v 'interfaces wan0$' "$TMPD/base.conf" >"$TMPD/nowan0.conf"
ip netns exec "$S" nft -f - <<'EOF'
table inet zl {
	chain pre {
		type filter hook prerouting priority -500;
		udp dport 5000 counter comment "u5000"
	}
}
EOF
u5000() { nft_count "$S" u5000 table inet zl; }
f0=$(stat_of "Family mode drop") u0=$(u5000)
mode_drop() { MID="ip netns exec $R $SRX load override $TMPD/drop.conf" uflow 10.0.2.2 5000 10; }
check_match "an offloaded flow, family inet mode drop committed halfway: the second half is not forwarded" \
	'^answered 5/10$' mode_drop
check_range "  ... dropped as 'Family mode drop'" $((f0 + 5)) $((f0 + 10)) "$(stat_of "Family mode drop")"
rload_q <"$TMPD/base.conf"
u0=$(u5000)
zone_off() { MID="ip netns exec $R $SRX load override $TMPD/nowan0.conf" uflow 10.0.2.2 5000 10; }
check_match "an offloaded flow, wan0 taken out of its zone halfway: no answer after" \
	'^answered 5/10$' zone_off
check_eq "  ... and the second half's requests do not reach S (the session ended with the zone)" \
	5 $(($(u5000) - u0))
rload_q <"$TMPD/base.conf"
ip netns exec "$S" nft delete table inet zl

# --- a route with a lightweight tunnel encapsulation: left to the normal path, which encapsulates
# (seg6 encap to S: S does not decapsulate, so what is encapsulated is not answered)
if in_r ip route add 10.0.9.9/32 encap seg6 mode encap segs 2001:db8:2::2 dev wan0 2>/dev/null; then
	in_r ip route del 10.0.9.9/32
	ip netns exec "$S" nft -f - <<'EOF'
table inet cnt {
	chain pre {
		type filter hook prerouting priority -500;
		ip6 nexthdr 43 counter comment "srh"
	}
}
EOF
	srh() { nft_count "$S" srh; }
	encap() { MID="ip netns exec $R ip route add 10.0.2.2/32 encap seg6 mode encap segs 2001:db8:2::2 dev wan0" \
		uflow 10.0.2.2 5000 10; }
	check_match "an offloaded flow, an encap seg6 route to S halfway: the second half is encapsulated" \
		'^answered 5/10$' encap
	check_range "  ... S received them in IPv6 with a routing header" 5 10 "$(srh)"
	in_r ip route del 10.0.2.2/32
	ip netns exec "$S" nft delete table inet cnt
	rcli clear security flow session destination-port 5000 >/dev/null
else
	ktap_skip "an encap seg6 route halfway" "this kernel cannot add a seg6 encap route"
	ktap_skip "an encap seg6 route: encapsulated" "this kernel cannot add a seg6 encap route"
fi

# --- NAT66 on offloaded packets ------------------------------------------------------------
check "IPv6 interface source NAT with services-offload loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security zones security-zone untrust interfaces wan1
set security policies from-zone trust to-zone untrust policy fast match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy fast then permit services-offload
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r6 match source-address 2001:db8:1::/64
set security nat source rule-set rs rule r6 then source-nat interface
EOF
p0=$(offl_pkts)
check_match "NAT66: 20 answers on one offloaded flow (translated both ways)" '^answered 20/20$' \
	uflow 2001:db8:2::2 5000 20
check_range "NAT66: its packets offloaded" 30 40 $(($(offl_pkts) - p0))

# --- the hooks go away ----------------------------------------------------------------------
in_r ip link del wan1
check_eq "interface removed: its hook with it, 2 left" 2 "$(hooks)"
rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy fast match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy fast then permit
EOF
check_eq "no services-offload policy left: no hook" 0 "$(hooks)"
rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy fast match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy fast then permit services-offload
EOF
check_eq "services-offload again: the hooks are back" 2 "$(hooks)"
rload_q <<'EOF'
set security policies default-policy deny-all
EOF
check_eq "the last zone removed: no hook" 0 "$(hooks)"
rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy fast match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy fast then permit services-offload
EOF
check_match "an offloaded flow before rmmod" '^answered 10/10$' uflow 10.0.2.2 5000 10
check "rmmod with offloaded sessions and hooks" srx_unload
# a hook left behind would call into the unloaded module (an oops the
# kernel-log check reports) on the next packet of lan0 and wan0
check_match "after rmmod: plain forwarding through the hooked interfaces" '^answered 10/10$' \
	uflow 10.0.2.2 5000 10
ktap_finish
