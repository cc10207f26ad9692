#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Screens (issue 13): SYN cookies keep window scaling, SACK and timestamps.
#
#   C (eth0) --- (lan0) R (wan0) --- (eth0) S      trust (screen) / untrust
#
# With the syn-flood attack-threshold at 1, a burst of SYNs to S:5000 turns
# SYN cookies on; a real connection from C during it is answered with a
# cookie (counted valid), whose SYN-ACK offers timestamps with the client's
# window scale and SACK permitted encoded in the TSval (as nf_synproxy).
# Both ends then agree on timestamps, SACK and window scaling (ss -i in C:
# scale 7 from the router; in S: the client's own scale), and 2 MB go both
# ways through the session, the timestamps shifted for the server's
# numbering and the server's windows rescaled from its scale to 7.  Again
# with S choosing a scale below 7 on purpose.  IPv4 and IPv6; a client
# without timestamps keeps only the MSS.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
command -v hping3 >/dev/null || ktap_skip_all "hping3 not installed"
command -v ss >/dev/null || ktap_skip_all "ss not installed"

ktap_plan 17
srx_load
topo_router || ktap_skip_all "cannot build the topology"
topo_pin_neigh
topo_flood_return || ktap_skip_all "cannot route the flood's sources"
eng_tmpdir

scr_val() {
	rcli -j show security screen statistics zone trust |
		$PY -c 'import json,sys; print(json.load(sys.stdin)["statistics"][sys.argv[1]])' "$1"
}

check "screen sc: syn-flood attack-threshold 1" rload_q <<'EOF'
set security flow traceoptions file oc-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter c source-prefix 10.0.1.2/32 destination-port 5000
set security flow traceoptions packet-filter c6 source-prefix 2001:db8:1::2/128 destination-port 5000
set security flow traceoptions packet-filter srv destination-prefix 10.0.1.2/32
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security screen ids-option sc tcp syn-flood attack-threshold 1
set security screen ids-option sc tcp syn-flood source-threshold 100000
set security screen ids-option sc tcp syn-flood destination-threshold 100000
set security zones security-zone trust screen sc
EOF

tcp_echo 5000 "$S"
wait_listen "$S" 5000
head -c 2000000 /dev/urandom >"$TMPD/data"
want=$(md5sum <"$TMPD/data" | cut -d' ' -f1)

RMAC=02:00:00:00:01:01
FLOOD=("$PY" "$TOP/tests/tools/synflood.py")
# the burst must still run when the client connects: on the debug kernel
# python's start alone can take 20 s (39-screens-syncookie-opts failed
# there with "no SYN cookie sent yet")
FLOOD_SECS=10 COOKIE_WAIT=20
if [ -n "${SRXFLOW_DEBUG_KERNEL:-}" ]; then
	FLOOD_SECS=60 COOKIE_WAIT=90
fi
# shellcheck disable=SC2317 # (called by wait_until)
cookies_sent() { [ "$(scr_val tcp-syn-cookie-sent)" -gt 0 ]; }
# run HOST SPOOF-PREFIX DST TAG: a spoofed SYN burst to DST:5000 turns
# cookies on; then a connection from C stays open while ss -i in C and S
# records its options ($TMPD/TAG.c, TAG.s), and C sends 2 MB through the
# echo server; prints the md5 of what came back
run() {
	local host=$1 pfx=$2 dst=$3 tag=$4 fpid sum cport
	in_c "${FLOOD[@]}" flood eth0 $RMAC "$dst" 5000 --src-prefix "$pfx" --pps 50 --seconds "$FLOOD_SECS" \
		>/dev/null 2>&1 &
	fpid=$!
	wait_until "$COOKIE_WAIT" cookies_sent || echo "# $tag: no SYN cookie sent yet" >&2
	tcp_open "$tag" "$host" 5000
	tcp_send "$tag" hello
	wait_until 10 tcp_got "$tag" hello
	in_c ss -tnioH state established '( dport = :5000 )' >"$TMPD/$tag.c" 2>&1
	# (this connection only: the client's port, no NAT here)
	cport=$(awk 'NR == 1 { n = split($3, a, ":"); print a[n] }' "$TMPD/$tag.c")
	in_s ss -tnioH state established "( sport = :5000 and dport = :${cport:-0} )" \
		>"$TMPD/$tag.s" 2>&1
	echo "# $tag: ss in C: $(tr '\n\t' '  ' <"$TMPD/$tag.c")" >&2
	echo "# $tag: ss in S: $(tr '\n\t' '  ' <"$TMPD/$tag.s")" >&2
	sum=$(in_c socat -T15 - TCP:"$host":5000,connect-timeout=10 <"$TMPD/data" 2>"$TMPD/$tag.err" |
	      md5sum | cut -d' ' -f1)
	tcp_close "$tag"
	wait "$fpid"
	echo "$sum"
}
# cws TAG: the client's own window scale (ss in C: wscale:SND,RCV)
cws() { opts "$1" c | sed -n 's/.*wscale:[0-9]*,\([0-9]*\)$/\1/p'; }
# opts TAG SIDE: the options ss -i saw ("ts sack wscale:A,B"), one line
opts() { grep -oE '\b(ts|sack|wscale:[0-9]+,[0-9]+)\b' "$TMPD/$1.$2" | sort -u | tr '\n' ' ' | sed 's/ $//'; }

rcli clear security screen statistics zone trust
check_eq "IPv4: 2 MB through a connection opened by a SYN cookie" "$want" \
	"$(run 10.0.2.2 10.99.0.0/16 10.0.2.2 v4)"
check_range "IPv4: the clients' ACKs carried valid cookies" 2 4 "$(scr_val tcp-syn-cookie-valid)"
check_match "IPv4: the client has timestamps, SACK, and window scale 7 from the router" \
	"^sack ts wscale:7,[0-9]+$" opts v4 c
check_match "IPv4: so has the server, with the client's own window scale" \
	"^sack ts wscale:$(cws v4),[0-9]+$" opts v4 s
check_match "traceoptions: the SYN to the server asked for them (the client's window scale)" \
	"SYN to the server \(mss [0-9]+, wscale $(cws v4), sack 1, timestamps 1\)" rcli show log oc-trace
check_match "traceoptions: the timestamps are shifted" \
	"timestamp shift -?[0-9]+, wscale [0-9]+; connection handed over" rcli show log oc-trace

# the server chooses a window scale below 7 (2: its receive buffer at most 208 KiB)
in_s sysctl -qw net.ipv4.tcp_rmem="4096 65536 131072"
rcli clear security screen statistics zone trust
rcli clear security flow session all >/dev/null
sleep 1
check_eq "server window scale < 7: 2 MB through the cookie's connection" "$want" \
	"$(run 10.0.2.2 10.99.0.0/16 10.0.2.2 ws2)"
check_range "server window scale < 7: the cookies were valid" 2 4 "$(scr_val tcp-syn-cookie-valid)"
check_match "server window scale < 7: the client was given 7" "^sack ts wscale:7,[0-9]+$" \
	opts ws2 c
check_match "server window scale below 7: the server uses its own" "^sack ts wscale:$(cws ws2),[0-6]$" \
	opts ws2 s
in_s sysctl -qw net.ipv4.tcp_rmem="4096 131072 6291456"

# IPv6
rcli clear security screen statistics zone trust
rcli clear security flow session all >/dev/null
sleep 1
check_eq "IPv6: 2 MB through a connection opened by a SYN cookie" "$want" \
	"$(run '[2001:db8:2::2]' 2001:db8:99::/64 2001:db8:2::2 v6)"
check_range "IPv6: the clients' ACKs carried valid cookies" 2 4 "$(scr_val tcp-syn-cookie-valid)"
check_match "IPv6: the client has timestamps, SACK, and window scale 7 from the router" \
	"^sack ts wscale:7,[0-9]+$" opts v6 c
check_match "IPv6: so has the server, with the client's own window scale" \
	"^sack ts wscale:$(cws v6),[0-9]+$" opts v6 s

# a client without timestamps: only the MSS survives (as before)
in_c sysctl -qw net.ipv4.tcp_timestamps=0
rcli clear security screen statistics zone trust
rcli clear security flow session all >/dev/null
sleep 1
check_eq "without timestamps: 2 MB through the cookie's connection" "$want" \
	"$(run 10.0.2.2 10.99.0.0/16 10.0.2.2 nots)"
check_eq "without timestamps: no option negotiated (only the MSS)" "" "$(opts nots c)"
in_c sysctl -qw net.ipv4.tcp_timestamps=1

ktap_finish
