#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TCP tracking checked with segments crafted inside live connections
# (tests/tools/tcp-inject.py, scapy): an RST with a bad checksum, a stale one, one far out of window and
# one in window but not at the exact sequence number leave the session
# established; the exact one ends it. An old retransmission passes, and
# refreshes no timer. A picked-up session (no-syn-check) is
# tracked liberally: a bulk transfer and a retransmission far behind pass,
# and blind segments far ahead (data, a SYN) set nothing an RST is judged by.
# IPv6 packets with next header 59 (no next header) are a protocol like any
# other: permitted by policy, forwarded, shown.
. "$(dirname "$0")/lib.sh"

ktap_plan 34
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
tcp_echo 7001

base() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
	set security policies from-zone trust to-zone untrust policy allow-all then permit
	EOF
}
check "configuration loads" rload_q <<<"$(base)"
wait_listen "$S" 7001 || echo "# server in S did not come up"

# --- crafted segments inside live connections (scapy) -------------------------------------------
PY=/usr/bin/python3
INJ=$TOP/tests/tools/tcp-inject.py
# inj SPORT WHAT...: one command to the injector, wait for it to be done
inj() {
	echo "$*" >&"$_injfd"
	wait_until 60 file_has "$TMPD/inj.out" "done $*"
}
# est SPORT: the session of that client port is shown, ESTABLISHED and valid
est() {
	rcli show security flow session extensive source-port "$1" |
		grep -q "^Session State: Valid, TCP state: ESTABLISHED$"
}
# nh59_seen: tcpdump in S printed both packets of the next-header-59 check
nh59_seen() { [ "$(wc -l <"$TMPD/nh59.txt")" -ge 2 ]; }
# timeout_of SPORT: the seconds that session has left
timeout_of() {
	rcli show security flow session source-port "$1" |
		sed -n 's/.*, Timeout: \([0-9]*\),.*/\1/p' | head -n 1
}
# srv_gone SPORT: the server in S has no connection from that client port
srv_gone() { [ -z "$(in_s ss -Htn "( sport = :7001 and dport = :$1 )")" ]; }
# closed SPORT: that session is CLOSED (kept 2 s after an RST) or gone
closed() {
	local o
	o=$(rcli show security flow session extensive source-port "$1")
	[[ $o == *"TCP state: CLOSED"* || $o == *"Total sessions: 0"* ]]
}
if $PY -c 'import scapy' 2>/dev/null; then
	mkfifo "$TMPD/inj.cmd" && exec {_injfd}<>"$TMPD/inj.cmd"
	bg in_c $PY "$INJ" eth0 02:00:00:00:01:01 10.0.1.2 10.0.2.2 7001 "$TMPD/inj.cmd" "$TMPD/inj.out"
	# scapy takes 20-40 s to start in the guest, minutes on a loaded host
	wait_until 240 file_has "$TMPD/inj.out" ready || echo "# tcp-inject.py did not start"
	tcp_open r 10.0.2.2 7001 "$C" sourceport=41001
	tcp_send r r1
	check "RST checks: a connection works" wait_until 15 tcp_got r r1
	check "  ... its session is ESTABLISHED" est 41001

	mal=$(stat_of "Malformed header")
	inj 41001 rst bad
	check_eq "an RST at the exact sequence number with a bad checksum is dropped as malformed" \
		$((mal + 1)) "$(stat_of "Malformed header")"
	check "  ... the session stays ESTABLISHED" est 41001
	tcp_send r r2
	check "  ... and the connection goes on" wait_until 15 tcp_got r r2

	oow=$(stat_of "TCP sequence out of window")
	inj 41001 rst far
	check_eq "an RST 2^30 beyond the window is dropped as out of window" \
		$((oow + 1)) "$(stat_of "TCP sequence out of window")"
	check "  ... the session stays ESTABLISHED" est 41001
	inj 41001 rst below
	check_eq "an RST below the peer's highest ack (stale) is dropped as out of window" \
		$((oow + 2)) "$(stat_of "TCP sequence out of window")"
	check "  ... the session stays ESTABLISHED" est 41001
	inj 41001 rst inwin
	check_eq "an RST in window but not at the exact sequence number passes (challenge ACK)" \
		$((oow + 2)) "$(stat_of "TCP sequence out of window")"
	check "  ... and does not end the session" est 41001
	tcp_send r r3
	check "  ... the connection goes on" wait_until 15 tcp_got r r3
	# as Linux's conntrack: data the receiver acknowledged already (the
	# retransmission after an ACK lost beyond the router) passes untracked
	# ... but, as conntrack's ignored segments, refreshes no timer: a blind
	# segment keeps no session alive (idle 3 s first: 1800 -> 1797).  S's
	# stack drops it (its payload "ZZZZ", right after an option-less TCP
	# header), else the ACK it answers with would refresh the timer.
	in_s nft -f - <<-'EOF'
	table inet srxdrop {
		chain in {
			type filter hook input priority 0;
			tcp dport 7001 @th,160,32 0x5a5a5a5a drop
		}
	}
	EOF
	nap 3
	t0=$(timeout_of 41001)
	inj 41001 retrans 150000
	check_eq "a retransmission of data acknowledged long ago passes (not out of window)" \
		$((oow + 2)) "$(stat_of "TCP sequence out of window")"
	t1=$(timeout_of 41001)
	in_s nft delete table inet srxdrop
	check "  ... and does not refresh the inactivity timer ($t0 s left, then $t1 s)" \
		test "${t1:-9999}" -le "${t0:-0}"
	check "  ... the session stays ESTABLISHED" est 41001

	inj 41001 rst exact
	check "an RST at the exact sequence number ends the session (CLOSED, or already gone)" \
		wait_until 5 closed 41001
	check "  ... it reached the server: its end of the connection is gone" \
		wait_until 10 srv_gone 41001
	tcp_close r

	# A sender's segments may not carry it beyond the receiver's window one
	# after the other (each one's end the next one's bound): a server in S
	# that never reads, with a small receive buffer; 300 crafted segments
	# of 1000 bytes from the client's next sequence number.  The ones past
	# the window (and past the overshoot one window allows) are dropped.
	bg in_s $PY -c '
import socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.bind(("10.0.2.2", 7003))
s.listen(1)
c, _ = s.accept()
time.sleep(600)
'
	wait_listen "$S" 7003 || echo "# server in S did not come up"
	tcp_open w 10.0.2.2 7003 "$C" sourceport=41003
	tcp_send w w1
	wait_until 15 eval "ip netns exec '$S' ss -Htn '( sport = :7003 )' | grep -q ESTAB"
	oow=$(stat_of "TCP sequence out of window")
	inj 41003 chain 1000 300
	check_range "segments chained past the receiver's window are dropped as out of window" \
		$((oow + 1)) $((oow + 300)) "$(stat_of "TCP sequence out of window")"
	tcp_close w

	# picked up mid-stream: liberal tracking (no window scale known)
	tcp_open p 10.0.2.2 7001 "$C" sourceport=41002
	tcp_send p p1
	check "pick-up: a connection works" wait_until 15 tcp_got p p1
	rcli clear security flow session source-port 41002 >/dev/null
	check "  ... session cleared, no-syn-check" rload_q <<<"$(base; echo "set security flow tcp-session no-syn-check")"
	oow=$(stat_of "TCP sequence out of window")
	tcp_send p p2
	check "  ... its next segment is picked up" wait_until 20 tcp_got p p2
	check "  ... in an ESTABLISHED session" est 41002
	big=$(printf 'b%.0s' {1..200000})
	tcp_send p "$big"
	check "  ... a 200 kB line (windows beyond the unscaled ones) comes back" \
		wait_until 30 tcp_got p "$big"
	inj 41002 retrans 150000
	tcp_send p p3
	check "  ... a retransmission 150 kB behind the highest sequence number passes" \
		wait_until 15 tcp_got p p3
	check_eq "  ... nothing was dropped as out of window" "$oow" \
		"$(stat_of "TCP sequence out of window")"
	check "  ... the session stays ESTABLISHED" est 41002
	# liberal, but what a blind segment sets is not tracked: one 1.5 GB
	# beyond the client's next sequence number, or a SYN there, then an
	# RST at its end (both out of the server's window: it ignores them)
	inj 41002 ahead 1500000000
	inj 41002 rst last
	check "  ... a blind segment far ahead, then an RST at its end: still ESTABLISHED" est 41002
	inj 41002 syn 1600000000
	inj 41002 rst last
	check "  ... a blind SYN far ahead, then an RST at its end: still ESTABLISHED" est 41002
	tcp_send p p4
	check "  ... and the connection goes on" wait_until 15 tcp_got p p4
	tcp_close p
	check "base configuration again" rload_q <<<"$(base)"

	# IPv6 next header 59: a protocol like any other
	mal=$(stat_of "Malformed header")
	bg in_s timeout 60 tcpdump -l -n -i eth0 -c 2 \
		'ip6 src 2001:db8:1::2 and (ip6[6] == 59 or ip6[6] == 60)' >"$TMPD/nh59.txt" 2>"$TMPD/nh59.err"
	wait_until 30 file_has "$TMPD/nh59.err" "listening on" || echo "# tcpdump did not start"
	inj 0 nh59 2001:db8:1::2 2001:db8:2::2
	check "IPv6 next header 59, bare and behind a destination options header: both forwarded" \
		wait_until 15 nh59_seen
	check_eq "  ... not dropped as malformed" "$mal" "$(stat_of "Malformed header")"
	check_match "  ... a session of protocol 59 is shown" ";(59|ipv6-nonxt|IPV6-NONXT)," \
		rcli show security flow session destination-prefix 2001:db8:2::2/128
	exec {_injfd}>&-
else
	for t in "RST: connection" "RST: established" "RST bad checksum" "  ... stays" \
		"  ... goes on" "RST far" "  ... stays" "RST below" "  ... stays" "RST in window" \
		"  ... stays" "  ... goes on" "old retransmission" "  ... no timer" "  ... stays" "RST exact" "  ... reset" "chained past the window" "pick-up" "  ... no-syn-check" \
		"  ... picked up" "  ... established" "  ... 200 kB" "  ... retransmission" \
		"  ... no drop" "  ... established" "blind ahead" "blind SYN" "  ... goes on" \
		"base again" "nh 59" "  ... not malformed" \
		"  ... session"; do
		ktap_skip "$t" "python3-scapy not installed"
	done
fi

ktap_finish
