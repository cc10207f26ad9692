#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FTP ALG (reference junos-nat-screens-alg.md §5, §9.9): vsftpd in the
# untrust namespace, curl in trust, a policy that permits only junos-ftp
# (and a custom application with application-protocol ftp).  Passive (PASV,
# EPSV) and active (PORT, EPRT) downloads of a 2 MB file with matching
# checksums (uploads and IPv6: 52-alg-ftp-nat); the gate shown by `show
# security flow gate` (and -j) while a PASV waits, gone once used; a data
# session closes with its control session ("parent closed"); with
# `security alg ftp disable` login works but data fails; 300 control
# connections of one client announcing ports open 256 gates (the limit of
# one client), another client's still opens, none is left after the gate
# timeout; the
# ALG status, counters and trace lines; a PORT announcing another host's
# address (the router's) opens no gate; a host of another zone with the
# server's address neither uses a gate nor reaches the client through it.
# NAT: 52-alg-ftp-nat.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/ftp_lib.sh"
PKT=${PKTCRAFT:-$TOP/tests/tools/pktcraft}
ktap_plan 65
if ! command -v vsftpd >/dev/null || ! command -v curl >/dev/null; then
	ktap_skip_all "vsftpd or curl not installed (make deps)"
fi
srx_load
eng_tmpdir
topo_router
topo_pin_neigh

ftp_setup

check "a policy that permits only junos-ftp loads" rload_q <<<"$BASE"
check_match "application-protocol of a custom application reads back" \
	'^set applications application my-ftp .*application-protocol ftp' rconf
check_match "alg status: FTP Enabled" '^  FTP      : Enabled$' rcli show security alg status
check_match "alg status: TFTP Enabled" '^  TFTP     : Enabled$' rcli show security alg status
check_match "alg status: an ALG srxflow has not (SIP)" '^  SIP      : Disabled \(not implemented\)$' \
	rcli show security alg status
check_eq "alg status: 16 ALG lines" 16 "$(rcli show security alg status | grep -c '^  [A-Z0-9-]* *: ')"
check_match "alg status -j" '"name": ?"FTP", ?"enabled": ?true' rcli -j show security alg status
check_fail "another port is denied (only junos-ftp)" tcp_req 10.0.2.2 8000

# --- no NAT ---
check_eq "PASV download: checksum matches" "$SUM" "$(get "$C" ftp://10.0.2.2/big --disable-epsv)"
check_eq "EPSV download: checksum matches" "$SUM" "$(get "$C" ftp://10.0.2.2/big)"
check_eq "PORT download: checksum matches" "$SUM" \
	"$(get "$C" ftp://10.0.2.2/big --ftp-port - --disable-eprt)"
check_eq "EPRT download: checksum matches" "$SUM" "$(get "$C" ftp://10.0.2.2/big --ftp-port -)"
out=$(rcli show security alg counters ftp)
check_range "counters: every announcement parsed" 4 1000 "$(field 'Messages parsed' "$out")"
check_range "counters: every gate used" 4 1000 "$(field 'Gates used (data sessions)' "$out")"
check_eq "counters: no rewrite without NAT" 0 "$(field 'Payloads rewritten (NAT)' "$out")"
check_match "counters -j" '"gates-opened": ?[1-9]' rcli -j show security alg counters
# --- commands split across TCP segments: the line is read whole ---
before=$(field 'Messages unparsable (passed)' "$(rcli show security alg counters ftp)")
for at in verb addr port end; do
	check_match "a PORT cut at $at (two segments): the data connection through its gate" \
		'^got 3000$' in_c "$PROBE" split 10.0.2.2 21 port $at
done
check_match "an EPRT cut inside its address: the data connection through its gate" \
	'^got 3000$' in_c "$PROBE" split 10.0.2.2 21 eprt addr
check_eq "split commands are not counted unparsable" "$before" \
	"$(field 'Messages unparsable (passed)' "$(rcli show security alg counters ftp)")"
# --- halves in reverse order: the later one waits for the earlier ---
# C's first half of a PORT ("PORT 10,0,", marked by nftables: its payload
# begins with "PORT") waits 1 s in a netem band of eth0; the second half,
# sent 0.5 s after it, reaches the router first.  It is dropped (read, it
# would move the stream past the first half, which would then pass
# unread as a retransmission), the first half is read when it comes, then
# the second half's retransmission: the gate opens.
in_c nft -f - <<'EOF'
table inet reorder {
	chain out {
		type filter hook output priority 0;
		tcp dport 21 @th,160,32 0x504f5254 meta mark set 1
		tcp dport 21 @th,256,32 0x504f5254 meta mark set 1
	}
}
EOF
if in_c tc qdisc add dev eth0 root handle 1: prio &&
	in_c tc qdisc add dev eth0 parent 1:3 handle 30: netem delay 1000ms &&
	in_c tc filter add dev eth0 parent 1: protocol ip handle 1 fw flowid 1:3; then
	check_match "a PORT whose halves arrive in reverse order: the data connection through its gate" \
		'^got 3000$' in_c "$PROBE" split 10.0.2.2 21 port addr
	in_c tc qdisc del dev eth0 root
	check_match "  ... the second half dropped until the first came, counted" \
		'ALG segment out of order: [1-9]' rcli show security flow statistics
	check_match "  ... and traced" \
		'alg_ftp: session [0-9]+: [0-9]+ bytes before this segment not seen yet: dropped' \
		rcli show log alg-trace
else
	# (the debug kernel is built without them)
	in_c tc qdisc del dev eth0 root 2>/dev/null
	for t in "halves in reverse order" "  ... dropped, counted" "  ... traced"; do
		ktap_skip "$t" "no prio or netem qdisc, or no fw classifier, in this kernel"
	done
fi
in_c nft delete table inet reorder
# a 227 cut inside its address, from a server: the gate of the whole line
ip netns exec "$S" python3 "$ANNOUNCER" 10.0.2.2 2121 33 &
splitsrv=$!
wait_listen "$S" 2121
mkfifo "$TMPD/split.fifo"
exec {split_fd}<>"$TMPD/split.fifo"
ip netns exec "$C" "$PROBE" announce 10.0.2.2 2121 1 <"$TMPD/split.fifo" >"$TMPD/split.out" 2>&1 &
split=$!
wait_until 20 file_has "$TMPD/split.out" announced
check_match "a 227 cut inside its address opens the gate of the whole line" \
	'^Hole: 10\.0\.1\.2-10\.0\.1\.2/0-65535->10\.0\.2\.2-10\.0\.2\.2/20000-20000$' \
	rcli show security flow gate
exec {split_fd}>&-
kill "$split" 2>/dev/null
wait "$split" 2>/dev/null
kill "$splitsrv"
wait "$splitsrv" 2>/dev/null
rcli clear security flow session destination-port 2121 >/dev/null
check_match "trace: the ALG's lines" 'alg_ftp: session [0-9]+: (PORT|227|EPRT|229) ' \
	rcli show log alg-trace

# --- a PORT for another host opens no gate (FTP bounce): here the router's
# own address, which untrust does not reach (no host-inbound-traffic) ---
tcp_echo 42000 "$R" 4
wait_listen "$R" 42000
mkfifo "$TMPD/bounce.fifo"
exec {bounce_fd}<>"$TMPD/bounce.fifo"
ip netns exec "$C" "$PROBE" ports 10.0.2.2 21 10.0.1.1 42000 \
	<"$TMPD/bounce.fifo" >"$TMPD/bounce.out" 2>&1 &
bounce=$!
wait_until 20 file_has "$TMPD/bounce.out" announced
check_nomatch "a PORT announcing another address (the router's) opens no gate" \
	'^Hole: .*->10\.0\.1\.1-10\.0\.1\.1/42000-42000$' rcli show security flow gate
TCP_WAIT=3 check_fail "the server does not reach the router through it" tcp_req 10.0.1.1 42000 "$S"
check_match "trace: the PORT of another address" \
	"alg_ftp: session [0-9]+: PORT 10\.0\.1\.1/42000 is not the sender's address: no gate" \
	rcli show log alg-trace
exec {bounce_fd}>&-
kill "$bounce" 2>/dev/null
wait "$bounce" 2>/dev/null
rcli clear security flow session destination-port 21 >/dev/null

# --- a gate's data connection comes from the zone of the control session's
# peer: a host of a third zone (dmz, no policy into trust) with the server's
# address (rp_filter off) neither reaches the client through it nor uses it
# up; the server then does ---
D=${NSP}-d
ns_add "$D"
ip link add dmz0 netns "$R" type veth peer name eth0 netns "$D"
ip -n "$R" addr add 10.0.3.1/24 dev dmz0
ip -n "$R" link set dmz0 up
ip -n "$D" addr add 10.0.3.2/24 dev eth0
ip -n "$D" link set eth0 up
ip -n "$D" route add default via 10.0.3.1
ip netns exec "$R" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.dmz0.rp_filter=0
ip netns exec "$C" nft -f - <<'EOF2'
table inet cnt {
	chain pre {
		type filter hook prerouting priority -500;
		tcp dport 43000 tcp flags & (syn | ack) == syn counter comment "syn"
	}
}
EOF2
syns_c() { nft_count "$C" syn; }
check "zone dmz loads" rload_q <<<"$BASE
set security zones security-zone dmz interfaces dmz0"
tcp_echo 43000 "$C" 4
wait_listen "$C" 43000
mkfifo "$TMPD/zone.fifo"
exec {zone_fd}<>"$TMPD/zone.fifo"
ip netns exec "$C" "$PROBE" ports 10.0.2.2 21 10.0.1.2 43000 \
	<"$TMPD/zone.fifo" >"$TMPD/zone.out" 2>&1 &
zprobe=$!
wait_until 20 file_has "$TMPD/zone.out" announced
check_match "a PORT for the client's own port opens a gate from the server" \
	'^Hole: 10\.0\.2\.2-10\.0\.2\.2/0-65535->10\.0\.1\.2-10\.0\.1\.2/43000-43000$' \
	rcli show security flow gate
check_match "  ... the zone it comes from: untrust" 'Zone: untrust' rcli show security flow gate
if [ -x "$PKT" ]; then
	in_d() { ip netns exec "$D" "$@"; }
	for sp in 47001 47002 47003; do
		in_d "$PKT" tcp 10.0.2.2 10.0.1.2 43000 --flags S --sport $sp >/dev/null
	done
	sleep 0.5
	check_eq "the server's address from zone dmz: no SYN reaches the client" 0 "$(syns_c)"
	check_match "  ... the gate is still there" '/43000-43000$' rcli show security flow gate
	check_match "  ... trace: not its peer's zone" \
		"alg_gate_match: ftp gate of session [0-9]+: 10\.0\.2\.2/4700[123] from zone dmz, not its peer's" \
		rcli show log alg-trace
else
	for t in "spoofed from dmz: no SYN" "spoofed from dmz: gate kept" "spoofed from dmz: trace"; do
		ktap_skip "$t" "tests/tools/pktcraft not built (make)"
	done
fi
check_match "the server reaches the client through the gate" '^zone$' tcp_req 10.0.1.2 43000 "$S" zone
check_nomatch "  ... and the gate is used up" '/43000-43000$' rcli show security flow gate
exec {zone_fd}>&-
kill "$zprobe" 2>/dev/null
wait "$zprobe" 2>/dev/null
rcli clear security flow session destination-port 21 >/dev/null
rload_q <<<"$BASE"

# --- the gate of a PASV, shown while it waits, gone once used ---
rm -f "$TMPD/gate.state"
ip netns exec "$C" "$PROBE" gate 10.0.2.2 21 "$TMPD/gate.state" >"$TMPD/gate.out" 2>&1 &
probe=$!
wait_until 20 test -s "$TMPD/gate.state"
port=$(head -n1 "$TMPD/gate.state" 2>/dev/null)
out=$(rcli show security flow gate)
check_match "show security flow gate: the announced data connection" \
	"^Hole: 10\.0\.1\.2-10\.0\.1\.2/0-65535->10\.0\.2\.2-10\.0\.2\.2/$port-$port$" echo "$out"
check_match "gate layout: Application, Protocol, Zone" \
	'Protocol: tcp.*Application: FTP ALG/79.*Zone: trust' echo "${out//$'\n'/ }"
check_match "gate -j" "\"destination-port\": ?$port" rcli -j show security flow gate
rm -f "$TMPD/gate.state"
wait "$probe"
check_match "the data connection through the gate" '^got 3000$' cat "$TMPD/gate.out"
check_match "the gate is gone once used" '^Total gates: 0$' rcli show security flow gate

# --- a data session closes with its control session ---
mkfifo "$TMPD/hold.fifo"
exec {hold_fd}<>"$TMPD/hold.fifo"
ip netns exec "$C" "$PROBE" hold 10.0.2.2 21 "$TMPD/hold.state" <"$TMPD/hold.fifo" >/dev/null 2>&1 &
hold=$!
wait_until 20 test -s "$TMPD/hold.state"
port=$(sed -n 's/^open //p' "$TMPD/hold.state")
check_eq "the data session exists" 1 "$(sess_total destination-port "$port")"
children=$(field 'Data sessions closed with parent' "$(rcli show security alg counters ftp)")
rcli clear security flow session destination-port 21 >/dev/null
check "the data session closes with its parent" wait_until 15 \
	bash -c "[ \"\$($(printf '%q ' ip netns exec "$R" "$SRX") show security flow session destination-port $port | sed -n 's/^Total sessions: //p')\" = 0 ]"
# the held one; earlier data sessions that had ended (FIN) keep that reason,
# but one the ageing worker has not reached since its parent went may count too
check_range "counters: closed with the parent" 1 3 \
	$(($(field 'Data sessions closed with parent' "$(rcli show security alg counters ftp)") - children))
exec {hold_fd}>&-
kill "$hold" 2>/dev/null

# --- security alg ftp disable: control works, data does not ---
# a gate waiting when the ALG is disabled goes with the commit
rm -f "$TMPD/gate.state"
ip netns exec "$C" "$PROBE" gate 10.0.2.2 21 "$TMPD/gate.state" >"$TMPD/gate2.out" 2>&1 &
probe=$!
wait_until 20 test -s "$TMPD/gate.state"
check_match "a PASV's gate waits" '^Total gates: 1$' rcli show security flow gate
check "security alg ftp disable loads" rload_q <<<"$BASE
set security alg ftp disable"
check_match "  ... its gate is gone with the commit" '^Total gates: 0$' rcli show security flow gate
rm -f "$TMPD/gate.state"
wait "$probe"
check_nomatch "  ... and the announced data connection fails" '^got' cat "$TMPD/gate2.out"
check_match "security alg sip: refused by name (not built)" 'security alg: not supported by srxflow \(ALGs other than ftp and tftp' \
	rload <<<"$BASE
set security alg sip disable"
check_match "security alg ftp disable reads back" '^set security alg ftp disable$' rconf
check_match "alg status: FTP Disabled" '^  FTP      : Disabled$' rcli show security alg status
check_match "ALG disabled: login and SIZE over the control connection" 'Content-Length: 2097152' \
	in_c "${CURL[@]}" -I ftp://10.0.2.2/big
check_fail "ALG disabled: the data connection fails" \
	in_c curl -sS --connect-timeout 5 -m 15 --disable-epsv -o /dev/null ftp://10.0.2.2/big
# a control connection that lives through a disable and an enable: what
# passed meanwhile is followed unread, and its next PORT is read
rload_q <<<"$BASE"
rm -f "$TMPD/toggle.state" "$TMPD/toggle.state.noop"
ip netns exec "$C" "$PROBE" toggle 10.0.2.2 21 "$TMPD/toggle.state" >"$TMPD/toggle.out" 2>&1 &
probe=$!
wait_until 20 file_has "$TMPD/toggle.state" in
rload_q <<<"$BASE
set security alg ftp disable"
touch "$TMPD/toggle.state.noop"
wait_until 20 file_has "$TMPD/toggle.state" noop
rload_q <<<"$BASE"
rm -f "$TMPD/toggle.state"
wait "$probe"
check_match "ALG disabled, a NOOP, enabled again: the next PORT's data connection through its gate" \
	'^got 3000$' cat "$TMPD/toggle.out"

# --- 300 announcements to one client never used: 256 gates (the limit of
# one client), another client still gets its gate; no gate left after the
# timeout ---
rload_q <<<"$BASE"
rcli clear security alg counters
rcli clear log alg-trace >/dev/null 2>&1
ip -n "$C" addr add 10.0.1.3/24 dev eth0
ip -n "$C" addr add 10.0.1.4/24 dev eth0
bg ip netns exec "$S" python3 "$ANNOUNCER" 10.0.2.2 2121
wait_listen "$S" 2121
mkfifo "$TMPD/ann.fifo"
exec {ann_fd}<>"$TMPD/ann.fifo"
ip netns exec "$C" "$PROBE" announce 10.0.2.2 2121 300 <"$TMPD/ann.fifo" >"$TMPD/ann.out" 2>&1 &
ann=$!
wait_until 120 file_has "$TMPD/ann.out" announced
check_match "300 control connections of one client got their 227" '^announced 300$' \
	cat "$TMPD/ann.out"
out=$(rcli show security alg counters ftp)
check_eq "one client: 256 gates opened (its limit)" 256 "$(field 'Gates opened' "$out")"
check_eq "one client: 44 gates refused and counted" 44 "$(field 'Gates failed (limit, memory)' "$out")"
check_match "trace: the gate limit" \
	'alg_ftp: session [0-9]+: 227 10\.0\.2\.2/[0-9]+, no gate \(gate limit reached\)' \
	rcli show log alg-trace
# two more addresses of C: a keyed hash puts one address in one of 1024
# slots, both in the first client's slot 1 time in a million
for src in 10.0.1.3 10.0.1.4; do
	ip netns exec "$C" "$PROBE" announce 10.0.2.2 2121 1 "$src" \
		<"$TMPD/ann.fifo" >"$TMPD/ann-$src.out" 2>&1 &
	eval "ann_${src//./_}=\$!"
	wait_until 20 file_has "$TMPD/ann-$src.out" announced
done
check_range "another client's announcement opens its gate" 257 258 \
	"$(field 'Gates opened' "$(rcli show security alg counters ftp)")"
# shellcheck disable=SC2154
check_match "  ... its gate is shown" '^Hole: 10\.0\.1\.[34]-10\.0\.1\.[34]/0-65535->10\.0\.2\.2-' \
	rcli show security flow gate
check "no gate is left after the gate timeout (30 s)" wait_until 60 \
	bash -c "$(printf '%q ' ip netns exec "$R" "$SRX") show security flow gate | grep -qx 'Total gates: 0'"
out=$(rcli show security alg counters ftp)
check_eq "every gate expired" "$(field 'Gates opened' "$out")" "$(field 'Gates expired' "$out")"
exec {ann_fd}>&-
# shellcheck disable=SC2154
kill "$ann" "$ann_10_0_1_3" "$ann_10_0_1_4" 2>/dev/null

check "unload with ALG sessions and gates" srx_unload
srx_load
ktap_finish
