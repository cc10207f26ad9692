#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Screens (issue 13): security screen ids-option, bound to zone trust.
#
#   C (eth0) --- (lan0) R (wan0) --- (eth0) S      trust (screen) / untrust (none)
#
# 1. Configuration: ranges and an unknown screen on a zone are refused and
#    change nothing; syn-flood queue-size (deprecated in Junos) is ignored
#    with a warning, as Junos does; show security screen ids-option (text, -j); Screen:
#    in show security zones.
# 2. Stateless checks: one python3-scapy run in C sends each attack once
#    (LAND, SYN-FIN, FIN without ACK, no flag, winnuke, SYN fragment, IP
#    options 7/68/130/136/131/137, a malformed option, protocol 140, ICMP
#    fragment, ICMP over 1024 bytes, a spoofed source, overlapping
#    fragments, a ping of death) and a control datagram, each with its own
#    IP id; an nft counter per id in S says what arrived.  Each attack is
#    dropped and counted on its row of show security screen statistics
#    (zone and interface); tear-drop and ping of death are dropped by the
#    kernel's reassembly before any hook (their rows stay 0).  The trace
#    shows "screen: ..." lines, the drop records the reason.  A DHCP
#    DISCOVER from 0.0.0.0 is not a spoofed source: it reaches the
#    router's DHCP port (host-inbound-traffic dhcp).
# 3. block-frag and source-route-option; alarm-without-drop forwards what
#    it counts; the zone without screen is unaffected; clear statistics.
# Rate checks and limit-session: 38-screens-rate.sh.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
command -v nft >/dev/null || ktap_skip_all "nft not installed"
command -v hping3 >/dev/null || ktap_skip_all "hping3 not installed"
command -v nmap >/dev/null || ktap_skip_all "nmap not installed"
$PY -c 'import scapy' 2>/dev/null || ktap_skip_all "python3-scapy not installed"

ktap_plan 51
srx_load
topo_router || ktap_skip_all "cannot build the topology"
topo_pin_neigh
eng_tmpdir

# --- helpers ---------------------------------------------------------------------------
# screen statistics of zone trust, as "name value" lines (JSON keys)
scr_stats() {
	rcli -j show security screen statistics "${1:-zone}" "${2:-trust}" |
		$PY -c 'import json,sys; [print(k, v) for k, v in json.load(sys.stdin)["statistics"].items()]'
}
# scr_val KEY [zone|interface NAME]
scr_val() { scr_stats "${2:-zone}" "${3:-trust}" | awk -v k="$1" '$1 == k { print $2 }'; }
# packets counted in S for IP id N (nft rule comment idN)
got_id() {
	in_s nft -j list chain ip t c | $PY -c '
import json, sys
want = "id" + sys.argv[1]
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == want:
        for e in r["expr"]:
            if "counter" in e:
                print(e["counter"]["packets"])' "$1"
}
# packets counted in S for UDP port 7007
udp7007() {
	in_s nft -j list chain ip t c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == "udp7007":
        print([e for e in r["expr"] if "counter" in e][0]["counter"]["packets"])'
}
# check_res NAME TEXT RE...: every extended regex RE matches a line of TEXT
check_res() {
	local name=$1 text=$2 re miss=()
	shift 2
	for re; do
		grep -Eq -- "$re" <<<"$text" || miss+=("$re")
	done
	if [ ${#miss[@]} -eq 0 ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "no line matches:" "${miss[@]}" "output:" "$text"
	fi
}

# nft counters in S, before defragmentation (prerouting -500): one per IP id
{
	echo 'table ip t {'
	echo ' chain c {'
	echo '  type filter hook prerouting priority -500; policy accept;'
	for i in $(seq 101 120) 201 202 203; do
		echo "  ip id $i counter comment \"id$i\""
	done
	echo '  udp dport 7007 counter comment "udp7007"'
	echo ' }'
	echo '}'
} | in_s nft -f - || ktap_skip_all "nft in S"

BASE='
set security flow traceoptions file scr-trace
set security flow traceoptions flag basic-datapath
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security policies from-zone untrust to-zone trust policy back match source-address any destination-address any application any then permit
'

# --- 1. configuration -----------------------------------------------------------------
rload <<<"$BASE" >/dev/null
# shellcheck disable=SC2034 # read by check_rejected
CONF_BASE=$(rconf)
check_rejected "a zone naming an unknown screen is a commit error" \
	"screen nope: screen is not defined" \
	rmerge <<<'set security zones security-zone trust screen nope'
check_rejected "icmp flood threshold 0 is out of range" "(range|0)" \
	rmerge <<<'set security screen ids-option s icmp flood threshold 0'
check_rejected "syn-flood timeout 51 is out of range" "(range|51)" \
	rmerge <<<'set security screen ids-option s tcp syn-flood timeout 51'
check_match "syn-flood queue-size (deprecated in Junos): accepted with a warning, as Junos" \
	"^warning: 'queue-size' is deprecated \\(ignored\\)$" \
	bash -c "ip netns exec '$R' '$SRX' load merge - 2>&1 >/dev/null <<<'set security screen ids-option s tcp syn-flood queue-size 2000'"
check_fail "... and dropped: not in the configuration" grep -q "queue-size" <<<"$(rconf)"
rcli delete security screen ids-option s >/dev/null 2>&1
check_rejected "a third syn-flood white-list is refused" "white-list w3: at most 2 white-lists" \
	rmerge <<<'set security screen ids-option s tcp syn-flood white-list w1 source-address 10.0.0.0/8
set security screen ids-option s tcp syn-flood white-list w2 source-address 10.1.0.0/16
set security screen ids-option s tcp syn-flood white-list w3 destination-address 10.2.0.0/16'
unset CONF_BASE

SCREEN_A='
set security screen ids-option scr-a icmp fragment
set security screen ids-option scr-a icmp large
set security screen ids-option scr-a icmp ping-death
set security screen ids-option scr-a ip bad-option
set security screen ids-option scr-a ip record-route-option
set security screen ids-option scr-a ip timestamp-option
set security screen ids-option scr-a ip security-option
set security screen ids-option scr-a ip stream-option
set security screen ids-option scr-a ip spoofing
set security screen ids-option scr-a ip loose-source-route-option
set security screen ids-option scr-a ip strict-source-route-option
set security screen ids-option scr-a ip unknown-protocol
set security screen ids-option scr-a ip tear-drop
set security screen ids-option scr-a tcp syn-fin
set security screen ids-option scr-a tcp fin-no-ack
set security screen ids-option scr-a tcp tcp-no-flag
set security screen ids-option scr-a tcp syn-frag
set security screen ids-option scr-a tcp land
set security screen ids-option scr-a tcp winnuke
set security screen ids-option scr-a tcp syn-flood attack-threshold 300
set security zones security-zone trust screen scr-a
'
check "a zone binds screen scr-a" rload <<<"$BASE$SCREEN_A"
out=$(rcli show security screen ids-option scr-a)
check_res "show security screen ids-option lists the configured checks" "$out" \
	'^Screen object status:' \
	'^  TCP winnuke +enabled$' \
	'^  TCP SYN flood attack threshold +300$' \
	'^  TCP SYN flood source threshold +4000$' \
	'^  TCP land attack +enabled$' \
	'^  IP unknown protocol +enabled$'
check_nomatch "unconfigured checks are not listed" "UDP flood|IP block fragment|Alarm" \
	rcli show security screen ids-option scr-a
check_eq "show security screen ids-option -j" "enabled 300" \
	"$(rcli -j show security screen ids-option scr-a | $PY -c 'import json,sys; s=json.load(sys.stdin)["status"]; print(s["tcp-land-attack"], s["tcp-syn-flood-attack-threshold"])')"
check_match "show security zones prints the screen" "Screen: scr-a" rcli show security zones trust

echo "# t=${SECONDS}s"
# --- 2. stateless checks ---------------------------------------------------------------
rcli clear security screen statistics zone trust
in_c $PY - <<'EOF' >"$TMPD/scapy.out" 2>&1
import socket
from scapy.layers.inet import IP, TCP, UDP, ICMP, fragment
from scapy.packet import Raw
SOCK = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
def send(pkts):
    for x in pkts:
        b = x if isinstance(x, bytes) else bytes(x)
        SOCK.sendto(b, (socket.inet_ntoa(b[16:20]), 0))
def with_opts(pkt, opt):
    raw = bytes(pkt)
    hdr = bytearray(raw[:20])
    hdr[0] = 0x40 | (5 + len(opt) // 4)
    return bytes(hdr) + opt + raw[20:]
S = "10.0.2.2"
C = "10.0.1.2"
p = []
p.append(IP(src=S, dst=S, id=101) / TCP(sport=1101, dport=80, flags="S"))       # land
p.append(IP(dst=S, id=102) / TCP(sport=1102, dport=80, flags="SF"))             # syn-fin
p.append(IP(dst=S, id=103) / TCP(sport=1103, dport=80, flags="F"))              # fin-no-ack
p.append(IP(dst=S, id=104) / TCP(sport=1104, dport=80, flags=""))               # tcp-no-flag
p.append(IP(dst=S, id=105) / TCP(sport=1105, dport=139, flags="U"))             # winnuke
p += fragment(IP(dst=S, id=106) / TCP(sport=1106, dport=80, flags="S") / Raw(b"x" * 200), fragsize=120)
a = socket.inet_aton(S)
opts = {
    107: b"\x07\x07\x04" + b"\x00" * 4 + b"\x00",                   # record route
    108: b"\x44\x0c\x05\x00" + b"\x00" * 8,                          # timestamp
    109: b"\x82\x0b" + b"\x00" * 9 + b"\x00",                        # security
    110: b"\x88\x04\x00\x01",                                        # stream id
    111: b"\x83\x07\x04" + a + b"\x00",                              # loose source route
    113: b"\x89\x07\x04" + a + b"\x00",                              # strict source route
    114: b"\x07\x28\x04\x00",                                        # bad: length past the header
}
for i, o in opts.items():
    p.append(with_opts(IP(dst=S, id=i) / UDP(sport=1000 + i, dport=9), o))
p.append(IP(src="10.0.2.99", dst=S, id=112) / UDP(sport=1112, dport=9))         # spoofed
p.append(IP(dst=S, id=115, proto=140) / Raw(b"y" * 20))                         # unknown protocol
p += fragment(IP(dst=S, id=116) / ICMP(id=116) / Raw(b"z" * 300), fragsize=200)  # icmp fragment
p.append(IP(dst=S, id=117) / ICMP(id=117) / Raw(b"z" * 1100))                   # icmp large
# tear-drop: second fragment overlaps the first
p.append(IP(dst=S, id=118, flags="MF", frag=0, proto=17) / Raw(b"\x04\x76\x00\x09\x00\x38\x00\x00" + b"t" * 40))
p.append(IP(dst=S, id=118, frag=3, proto=17) / Raw(b"u" * 24))
# ping of death: a datagram reassembling to more than 65535 bytes
p.append(IP(dst=S, id=119, flags="MF", frag=0) / ICMP(id=119) / Raw(b"d" * 1472))
p.append(IP(dst=S, id=119, frag=8180, proto=1) / Raw(b"d" * 1000))
p.append(IP(dst=S, id=120) / UDP(sport=1120, dport=9) / Raw(b"ok"))             # control
send(p)
print("sent", len(p))
EOF
check_match "scapy sent the attacks" "^sent" cat "$TMPD/scapy.out"
check_eq "the control datagram arrives" "1" "$(got_id 120)"
arrived=""
for i in 101 102 103 104 105 106 107 108 109 110 111 112 113 114 115 116 117; do
	n=$(got_id $i)
	[ "$n" = 0 ] || arrived+=" id$i:$n"
done
check_eq "no screened attack arrives in S" "" "$arrived"
check_eq "tear-drop and ping of death do not arrive (kernel reassembly)" "0 0" \
	"$(got_id 118) $(got_id 119)"
stats=$(scr_stats)
bad=""
for k in tcp-land-attack tcp-syn-fin tcp-fin-no-ack tcp-no-flag tcp-winnuke tcp-syn-fragment \
	ip-record-route-option ip-timestamp-option ip-security-option ip-stream-option \
	ip-loose-source-route-option ip-strict-source-route-option ip-bad-options ip-spoofing \
	ip-unknown-protocol icmp-fragment icmp-large-packet; do
	v=$(awk -v k="$k" '$1 == k { print $2 }' <<<"$stats")
	[ "$v" = 1 ] || bad+=" $k=$v"
done
check_eq "each attack counted once on its row (zone trust)" "" "$bad"
check_eq "rows not attacked stay 0" "0 0 0 0" \
	"$(awk '$1 ~ /^(udp-flood|icmp-flood|tcp-port-scan|ip-block-fragment)$/ { printf "%s%s", s, $2; s = " " }' <<<"$stats")"
check_eq "the interface counters are the zone's" "$stats" "$(scr_stats interface lan0)"
out=$(rcli show security screen statistics zone trust)
check_res "show security screen statistics layout" "$out" \
	'^Screen statistics:$' '^IDS attack type +Statistics$' \
	'^  ICMP flood +0$' '^  TCP land attack +1$' '^  TCP SYN FIN +1$' \
	'^  Destination session limit +0$'
check_match "traceoptions: screen lines" "screen: TCP land attack" rcli show log scr-trace
check_match "traceoptions: the drop names the check" "packet dropped, Screen IP spoofing" \
	rcli show log scr-trace
check_match "packet-drop records: reason Screen" "Screen" rcli show security packet-drop records
check_match "flow statistics count the screen drops" "Screen" rcli show security flow statistics
check "ping (small) still passes" in_c ping -c 2 -W 2 10.0.2.2
check_fail "ping -s 1100 is an ICMP large packet" in_c ping -c 1 -W 2 -s 1100 10.0.2.2
# a DHCP client has no address yet: 0.0.0.0:68 -> 255.255.255.255:67
rmerge_q <<<'set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services dhcp'
bg in_r socat -u UDP4-RECV:67,reuseaddr OPEN:"$TMPD/dhcp.got",creat,append
wait_until 10 eval "ip netns exec $R ss -Hlun 'sport = :67' | grep -q ."
spoof0=$(scr_val ip-spoofing)
in_c $PY - <<'EOF' >"$TMPD/dhcp.out" 2>&1
from scapy.all import Ether, IP, UDP, Raw, sendp
sendp(Ether(dst="ff:ff:ff:ff:ff:ff") / IP(src="0.0.0.0", dst="255.255.255.255") /
      UDP(sport=68, dport=67) / Raw(b"dhcp-discover"), iface="eth0", verbose=0)
EOF
check "ip spoofing: a DHCP DISCOVER from 0.0.0.0 reaches the router's port 67" \
	wait_until 10 file_has "$TMPD/dhcp.got" dhcp-discover
check_eq "  ... and is not counted as spoofed" "$spoof0" "$(scr_val ip-spoofing)"
# duplicate address detection: a host's neighbour solicitation from ::
# for the router's own address is answered (the router defends it: the
# host's copy fails DAD), and is not counted as spoofed
ip -n "$C" addr add 2001:db8:1::1/64 dev eth0
check "ip spoofing: a DAD probe from :: for the router's address is answered (dadfailed)" \
	wait_until 10 eval "ip -n '$C' -6 addr show dev eth0 | grep -q '2001:db8:1::1/64.*dadfailed'"
ip -n "$C" addr del 2001:db8:1::1/64 dev eth0
check_eq "  ... and is not counted as spoofed" "$spoof0" "$(scr_val ip-spoofing)"
# an ICMPv6 packet too big of 1280 bytes (a router quotes what fits,
# RFC 4443) is no ICMP large packet: path-MTU discovery goes on
large0=$(scr_val icmp-large-packet)
in_c $PY - <<'EOF' >/dev/null 2>&1
import socket
from scapy.layers.inet6 import IPv6, ICMPv6PacketTooBig, UDP
from scapy.packet import Raw
q = IPv6(src="2001:db8:2::2", dst="2001:db8:1::2") / UDP(sport=9, dport=9) / Raw(b"x" * 1184)
e = ICMPv6PacketTooBig(mtu=1280) / q
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.sendto(bytes(IPv6(src="2001:db8:1::2", dst="2001:db8:2::2") / e)[40:], ("2001:db8:2::2", 0))
EOF
check_eq "icmp large: an ICMPv6 packet too big of 1280 bytes is not counted" \
	"$large0" "$(scr_val icmp-large-packet)"
# IPv6 ping of death: fragments reassembling past 65535 bytes; a control datagram
in_s nft -f - <<'EOF'
table ip6 t6 {
 chain c {
  type filter hook prerouting priority -500; policy accept;
  ip6 saddr 2001:db8:1::2 ip6 nexthdr ipv6-frag counter comment "frag6"
  ip6 saddr 2001:db8:1::2 udp dport 9 counter comment "ctl6"
 }
}
EOF
cnt6() {
	in_s nft -j list chain ip6 t6 c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == sys.argv[1]:
        print([e for e in r["expr"] if "counter" in e][0]["counter"]["packets"])' "$1"
}
in_c $PY - <<'EOF' >"$TMPD/scapy6.out" 2>&1
import socket
from scapy.layers.inet import UDP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment, ICMPv6EchoRequest
from scapy.packet import Raw
D = "2001:db8:2::2"
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
echo = bytes(ICMPv6EchoRequest(id=121) / Raw(b"d" * 1224))
p = [IPv6(dst=D, nh=44) / IPv6ExtHdrFragment(nh=58, offset=0, m=1, id=121) / Raw(echo),
     IPv6(dst=D, nh=44) / IPv6ExtHdrFragment(nh=58, offset=8180, m=0, id=121) / Raw(b"d" * 1000),
     IPv6(dst=D) / UDP(sport=1121, dport=9) / Raw(b"ok")]
for x in p:
    s.sendto(bytes(x), (D, 0))
print("sent", len(p))
EOF
check_eq "IPv6 ping of death does not arrive (kernel reassembly); the control does" "0 1" \
	"$(cnt6 frag6) $(cnt6 ctl6)"

echo "# t=${SECONDS}s"
# --- 3. block-frag, source-route-option, alarm-without-drop, zone without screen -------
check "screen scr-b: block-frag, source-route-option" rload <<<"$BASE
set security screen ids-option scr-b ip block-frag
set security screen ids-option scr-b ip source-route-option
set security zones security-zone trust screen scr-b
"
check_eq "the counters survive the commit (same interface)" "1" "$(scr_val tcp-land-attack)"
rcli clear security screen statistics interface lan0
check_eq "clear statistics interface lan0" "0" "$(scr_val tcp-land-attack)"
check_fail "ping -s 2000 (fragments) is blocked" in_c ping -c 1 -W 2 -s 2000 10.0.2.2
n0=$(udp7007)
hping "$C" --udp -p 7007 -c 1 --lsrr 10.0.2.2 10.0.2.2
hping "$C" --udp -p 7007 -c 1 10.0.2.2
check_eq "hping3 --lsrr dropped, the same datagram without it passes" "1" "$(($(udp7007) - n0))"
check_eq "IP block fragment and IP source route option counted" "1 1" \
	"$(scr_val ip-block-fragment) $(scr_val ip-source-route-option)"
# IPv6 first fragments nf_defrag_ipv6 does not reassemble (a length not a
# multiple of 8 with more fragments to come: RFC 8200, left to the stack)
# reach the engine as fragments all the same: SYNs in them are blocked
f0=$(cnt6 frag6)
in_c $PY - <<'EOF' >"$TMPD/scapy6f.out" 2>&1
import socket
from scapy.layers.inet import TCP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment
from scapy.packet import Raw
D = "2001:db8:2::2"
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
for i in range(5):
    seg = bytes(IPv6(src="2001:db8:1::2", dst=D) / TCP(sport=1130 + i, dport=80, flags="S") / Raw(b"x"))[40:]
    x = IPv6(dst=D, nh=44) / IPv6ExtHdrFragment(nh=6, offset=0, m=1, id=130 + i) / Raw(seg)
    s.sendto(bytes(x), (D, 0))
print("sent", 5)
EOF
check_eq "IPv6 SYNs in unreassembled first fragments: blocked, counted (IP block fragment)" \
	"0 6" "$(($(cnt6 frag6) - f0)) $(scr_val ip-block-fragment)"

check "screen scr-c: icmp large with alarm-without-drop" rload <<<"$BASE
set security screen ids-option scr-c icmp large
set security screen ids-option scr-c tcp fin-no-ack
set security screen ids-option scr-c alarm-without-drop
set security zones security-zone trust screen scr-c
"
rcli clear security screen statistics
check "alarm-without-drop: ping -s 1100 passes" in_c ping -c 3 -i 0.3 -W 2 -s 1100 10.0.2.2
check_eq "alarm-without-drop: counted" "3" "$(scr_val icmp-large-packet)"
check_match "alarm-without-drop in the trace" "screen: ICMP large packet \(alarm-without-drop\)" \
	rcli show log scr-trace
check "zone untrust (no screen): ping -s 1100 from S passes" in_s ping -c 2 -W 2 -s 1100 10.0.1.2
check_fail "statistics of a zone without screen: an error" rcli show security screen statistics zone untrust
check_eq "S's requests (untrust) not counted, C's replies (trust) counted" "5" "$(scr_val icmp-large-packet)"
in_c $PY - <<'EOF' >/dev/null 2>&1
import socket
from scapy.layers.inet import IP, TCP
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.sendto(bytes(IP(dst="10.0.2.2", id=140) / TCP(sport=1140, dport=80, flags="SF")), ("10.0.2.2", 0))
EOF
check_eq "fin-no-ack without syn-fin: a SYN+FIN counts as a FIN without ACK" 1 \
	"$(scr_val tcp-fin-no-ack)"

echo "# t=${SECONDS}s"
# --- clear ------------------------------------------------------------------------------
rcli clear security screen statistics zone trust
check_eq "clear security screen statistics zone trust: all 0" "" \
	"$(scr_stats | awk '$2 != 0')"
check_rejected "clear statistics of an unknown zone fails" "not defined" \
	rcli clear security screen statistics zone nope
check "without screens the counters go, the engine forwards" rload <<<"$BASE"
check_fail "no statistics for zone trust any more" rcli show security screen statistics zone trust
check "ping -s 1100 passes without screen" in_c ping -c 1 -W 2 -s 1100 10.0.2.2

ktap_finish
