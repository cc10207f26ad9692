#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed packets through the router (issue 11, "Done means").
#
#   C (eth0) --- (lan0) R (wan0) --- (eth0) S       zones trust / untrust
#                       R (un0)  --- (eth0) U       no zone: 10.0.9.0/24
#                       R (un1)  --- (eth0) V       no zone: 10.0.8.0/24
#
# tests/tools/malformed writes whole Ethernet frames on C's, S's and U's
# eth0 (packet sockets), so nothing in a sender's stack fixes them.
#
# 1. Hand-made cases (tests/tools/malformed list): truncated and
#    inconsistent IPv4/IPv6 headers, IP options, v4 and v6 fragments (tiny,
#    overlapping, duplicate, lone), IPv6 extension-header chains, every TCP
#    flag combination (v4 and v6), bad UDP lengths, ICMP errors with
#    truncated, spoofed or foreign embedded headers, LAND, martians, frames
#    to link-layer broadcast.  Each is sent once without a srxflow
#    configuration (what plain Linux forwarding does) and once with it;
#    what the router forwarded is what arrives on the far side before a
#    sentinel datagram sent after the case.  One KTAP line per case: drop
#    (nothing may arrive), pass (it must arrive), any (only survive).
# 2. Traffic between unzoned and zoned interfaces, and unzoned to unzoned.
# 3. A storm of mutated packets of every family and protocol from C, S and
#    U, fixed seed: SRXFLOW_MALFORMED_PACKETS (default 200000 on the debug
#    kernel, else MALFORMED_DEFAULT, bounded by MALFORMED_MAX_SECONDS).
# 4. Afterwards: permitted traffic flows (ping, UDP, TCP, v4 and v6), the
#    statistics agree with themselves, `clear security flow session all`
#    leaves no session, the module unloads.  The kernel log is checked by
#    tests/selftests/run (oops, warnings; kmemleak on the debug kernel).
#
# Assertions whose expectation waits for an engine fix of issue 11 carry
# the fix in brackets: [fix:LAND], [fix:kernel-safeguards(#9)],
# [fix:icmp-error-validation(#8)], [fix:ipv6-nh59(#13)], [fix:unzoned(#6)],
# [fix:tcp-checksum(#11)], [fix:counters] (TTL drops counted by reason but
# not in "Packets dropped").
#
# Measured (TCG, 2026-12-02): the storm sends 8,000-12,000 frames/s (paced
# by the backlog drops, none lost), 100,000 in 8-17 s; the whole script
# takes 45-50 s on an idle host, 1 or 2 vCPUs.
. "$(dirname "$0")/lib.sh"

TOOL=$TOP/tests/tools/malformed
MALFORMED_DEFAULT=100000
MALFORMED_MAX_SECONDS=${MALFORMED_MAX_SECONDS:-30}
if [ -n "${SRXFLOW_MALFORMED_PACKETS:-}" ]; then
	NPKT=$SRXFLOW_MALFORMED_PACKETS
	MALFORMED_MAX_SECONDS=0
elif [ -n "${SRXFLOW_DEBUG_KERNEL:-}" ]; then
	NPKT=200000
	MALFORMED_MAX_SECONDS=0
else
	NPKT=$MALFORMED_DEFAULT
fi

[ -x "$TOOL" ] || ktap_skip_all "tests/tools/malformed not built (make tools)"
command -v nft >/dev/null || ktap_skip_all "nft not installed"
ncases=$("$TOOL" list | wc -l)
# cases + the Linux comparison + unzoned (6) + storm (1) + after (14)
ktap_plan $((ncases + 1 + 6 + 1 + 14))
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
U=${NSP}-u
V=${NSP}-v
ns_add "$U" "$V"
ip -b - <<EOF
link add un0 netns $R type veth peer name eth0 netns $U
link add un1 netns $R type veth peer name eth0 netns $V
EOF
ip -n "$R" -b - <<'EOF'
link set un0 address 02:00:00:00:09:01
addr add 10.0.9.1/24 dev un0
addr add 2001:db8:9::1/64 dev un0 nodad
link set un0 up
addr add 10.0.8.1/24 dev un1
link set un1 up
neigh replace 10.0.9.2 lladdr 02:00:00:00:09:02 dev un0 nud permanent
neigh replace 2001:db8:9::2 lladdr 02:00:00:00:09:02 dev un0 nud permanent
neigh replace 10.0.1.99 lladdr 02:00:00:00:01:02 dev lan0 nud permanent
neigh replace 2001:db8:1::99 lladdr 02:00:00:00:01:02 dev lan0 nud permanent
EOF
ip -n "$U" -b - <<'EOF'
link set eth0 address 02:00:00:00:09:02
addr add 10.0.9.2/24 dev eth0
addr add 2001:db8:9::2/64 dev eth0 nodad
link set eth0 up
route add default via 10.0.9.1
route add default via 2001:db8:9::1
neigh replace 10.0.9.1 lladdr 02:00:00:00:09:01 dev eth0 nud permanent
neigh replace 2001:db8:9::1 lladdr 02:00:00:00:09:01 dev eth0 nud permanent
EOF
ip -n "$V" -b - <<'EOF'
addr add 10.0.8.2/24 dev eth0
link set eth0 up
route add default via 10.0.8.1
EOF

# C and S answer nothing while the cases run (no RST, no port unreachable
# muddling what the router forwarded); packet sockets still see every frame
for ns in "$C" "$S"; do
	ip netns exec "$ns" nft -f - <<-'EOF'
	table inet quiet {
		chain in { type filter hook input priority 0; policy drop; }
		chain out { type filter hook output priority 0; policy drop; }
	}
	EOF
done

# val LABEL TEXT: the number after "LABEL: " on a line of TEXT (no exec:
# every exec costs in the guest)
val() {
	local l re="^ *$1: ([0-9]+)"
	while IFS= read -r l; do
		[[ $l =~ $re ]] && { echo "${BASH_REMATCH[1]}"; return; }
	done <<<"$2"
}
# dropped: "Packets dropped" now
dropped() { val "Packets dropped" "$(rcli show security flow statistics)"; }

T_START=$(now_us)
# mark WHAT: guest time spent so far, as a KTAP comment
mark() { echo "# $(us_fmt $(($(now_us) - T_START))) s: $*"; }

run_cases() {
	"$TOOL" cases --c "$C" --s "$S" >"$1" 2>"$1.err"
}

# --- 1. the hand-made cases -----------------------------------------------------------------
t0=$(now_us)
run_cases "$TMPD/linux"
t1=$(now_us)
echo "# plain Linux forwarding: $(grep -c '^case' "$TMPD/linux") cases in $(us_fmt $((t1 - t0))) s"

mark "Linux cases done"
rload_q <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
EOF
mark "configuration loaded"
t0=$(now_us)
run_cases "$TMPD/srx"
t1=$(now_us)
echo "# srxflow: $(grep -c '^case' "$TMPD/srx") cases in $(us_fmt $((t1 - t0))) s"
[ -s "$TMPD/srx.err" ] && sed 's/^/# /' "$TMPD/srx.err"
# (at once: the SYN's session would expire after tcp-initial-timeout)
check_eq "case v4-tcp-syn-bad-checksum opened no session [fix:tcp-checksum(#11)]" 0 \
	"$(sess_total source-port 41014)"

mark "srxflow cases done"
declare -A linux_fwd
while IFS=$'\t' read -r _ name _ _ _ fwd _ _; do
	linux_fwd[$name]=$fwd
done <"$TMPD/linux"

n=0
more_than_linux=()
while IFS=$'\t' read -r kind name expect tag sent fwd verdict detail; do
	[ "$kind" = case ] || continue
	n=$((n + 1))
	label="case $name: $expect"
	[ "$tag" != - ] && label="$label [$tag]"
	if [ "$verdict" = ok ]; then
		ktap_ok "$label"
	else
		ktap_fail "$label" "sent $sent frames, $fwd forwarded; plain Linux forwarded ${linux_fwd[$name]:-?}" \
			"$detail"
	fi
	if [ "$fwd" -gt 0 ] 2>/dev/null && [ "${linux_fwd[$name]:-1}" = 0 ]; then
		more_than_linux+=("$name: $detail")
	fi
done <"$TMPD/srx"
while [ "$n" -lt "$ncases" ]; do
	n=$((n + 1))
	ktap_fail "case $n: no result" "$(cat "$TMPD/srx.err")"
done
if [ ${#more_than_linux[@]} -eq 0 ]; then
	ktap_ok "srxflow forwards none of the cases plain Linux drops [fix:kernel-safeguards(#9)]"
else
	ktap_fail "srxflow forwards none of the cases plain Linux drops [fix:kernel-safeguards(#9)]" \
		"${more_than_linux[@]}"
fi

mark "cases done"
# --- 2. unzoned interfaces [fix:unzoned(#6)] ---------------------------------------------------
# seen NS: ICMP packets from U's and S's networks that reached NS (the
# table inet seen); S does not answer U (chain seen in)
ip netns exec "$C" nft delete table inet quiet
ip netns exec "$S" nft -f - <<'EOF'
delete table inet quiet
table inet seen {
	chain pre {
		type filter hook prerouting priority -300;
		ip saddr 10.0.9.0/24 meta l4proto icmp counter
		ip6 saddr 2001:db8:9::/64 meta l4proto ipv6-icmp counter
	}
	chain in { type filter hook input priority 0; policy drop; }
}
EOF
for ns in "$U" "$V"; do
	ip netns exec "$ns" nft -f - <<-'EOF'
	table inet seen {
		chain pre {
			type filter hook prerouting priority -300;
			ip saddr 10.0.2.0/24 meta l4proto icmp counter
		}
	}
	EOF
done
seen() {
	local l n=0 re="counter packets ([0-9]+)"
	while IFS= read -r l; do
		[[ $l =~ $re ]] && n=$((n + BASH_REMATCH[1]))
	done <<<"$(ip netns exec "$1" nft list table inet seen)"
	echo "$n"
}
d0=$(dropped)
in_ns "$U" ping -c 3 -i 0.2 -W 1 10.0.2.2 >/dev/null 2>&1
in_ns "$U" ping -6 -c 3 -i 0.2 -W 1 2001:db8:2::2 >/dev/null 2>&1
check_eq "unzoned U -> zoned S (3 IPv4 + 3 IPv6 pings): nothing reaches S [fix:unzoned(#6)]" \
	0 "$(seen "$S")"
check_eq "  ... and the 6 are counted in 'Packets dropped' [fix:unzoned(#6)]" $((d0 + 6)) \
	"$(dropped)"
ip netns exec "$S" nft delete chain inet seen in
d0=$(dropped)
in_s ping -c 3 -i 0.2 -W 1 10.0.9.2 >/dev/null 2>&1
check_eq "zoned S -> unzoned U: nothing reaches U" 0 "$(seen "$U")"
check_eq "  ... and the 3 are counted in 'Packets dropped'" $((d0 + 3)) "$(dropped)"
check "unzoned U -> unzoned V still flows (loading srxflow cuts nobody off)" \
	in_ns "$U" ping -c 2 -i 0.2 -W 3 10.0.8.2
check_match "no session for U's traffic" "^Total sessions: 0$" \
	rcli show security flow session source-prefix 10.0.9.0/24

mark "unzoned done"
# --- 3. the storm (C and S answer what reaches them) --------------------------------------
before=$(rcli show security flow statistics)
t0=$(now_us)
out=$("$TOOL" storm --c "$C" --s "$S" --u "$U" --count "$NPKT" --seed 29 \
	--max-seconds "$MALFORMED_MAX_SECONDS" 2>&1)
rc=$?
t1=$(now_us)
after=$(rcli show security flow statistics)
rx=$(($(val "Packets received" "$after") - $(val "Packets received" "$before")))
if [ "$rc" -eq 0 ]; then
	ktap_ok "storm of mutated packets (seed 29): $out; srxflow received $rx"
else
	ktap_fail "storm of mutated packets (seed 29)" "$out"
fi
echo "# storm took $(us_fmt $((t1 - t0))) s of guest time"
# what the storm did to the counters (those that moved)
printf '%s\n' "$before" >"$TMPD/st0"
printf '%s\n' "$after" | awk -v f="$TMPD/st0" '
	BEGIN { while ((getline l < f) > 0) { k = l; sub(/: [0-9]+$/, "", k); v = l; sub(/.*: /, "", v); b[k] = v } }
	/: [0-9]+$/ { k = $0; sub(/: [0-9]+$/, "", k); if ($NF - b[k] != 0) printf "#   %s: +%d\n", k, $NF - b[k] }'

# --- 4. afterwards ------------------------------------------------------------------------
mark "storm done"
tcp_echo 8080
udp_echo 5000
wait_listen "$S" 8080 5000 || echo "# servers in S did not come up"
# the router has taken in everything the storm sent (its receive counter
# rests) before the checks
last=-1
for _ in $(seq 40); do
	cur=$(val "Packets received" "$(rcli show security flow statistics)")
	[ "$cur" = "$last" ] && break
	last=$cur
	sleep 0.5
done
# A ping after the storm.  Seen in make check (2 runs in 5, never alone):
# srxflow forwards both echo requests of the IPv6 ping (Packets forwarded
# +2, one new session) but S answers neither, while S's later UDP and TCP
# answers pass; S's Icmp6InEchos ran 204 ahead of its Icmp6OutEchoReplies
# in that run (none in a good one): S's stack, after the storm, does not
# answer some echo requests.  So: when the first ping gets no answer, it
# passes only if srxflow forwarded its requests (the diagnosis below is
# printed) and a second ping, 2 s later, is answered.
icmp_s() { ip netns exec "$S" nstat -az Icmp6InEchos Icmp6OutEchoReplies IcmpInEchos IcmpOutEchoReps | awk 'NF == 3 { printf "%s=%s ", $1, $2 }'; }
diag_check() {
	local name=$1 st0 s0 fwd
	shift
	st0=$(rcli show security flow statistics)
	s0=$(icmp_s)
	if _last_out=$("$@" 2>&1); then
		ktap_ok "$name"
		return
	fi
	printf '%s\n' "$st0" >"$TMPD/d0"
	rcli show security flow statistics >"$TMPD/d1"
	awk -v f="$TMPD/d0" '
		BEGIN { while ((getline l < f) > 0) { k = l; sub(/: [0-9]+$/, "", k); v = l; sub(/.*: /, "", v); b[k] = v } }
		/: [0-9]+$/ { k = $0; sub(/: [0-9]+$/, "", k); if ($NF - b[k] != 0) printf "#   moved: %s: %+d\n", k, $NF - b[k] }' "$TMPD/d1"
	fwd=$(($(val "Packets forwarded/queued" "$(cat "$TMPD/d1")") - $(val "Packets forwarded/queued" "$st0")))
	echo "#   S before: $s0"
	echo "#   S after:  $(icmp_s)"
	printf '%s\n' "$_last_out" | sed 's/^/#   first: /'
	sleep 2
	if [ "$fwd" -ge 2 ] && "$@" >/dev/null 2>&1; then
		ktap_ok "$name (the first ping was forwarded by srxflow, S did not answer it; the second was answered)"
	else
		ktap_fail "$name" "srxflow forwarded $fwd packets of the first ping; the second ping:" "$("$@" 2>&1)"
	fi
}
diag_check "after the storm: IPv4 ping C -> S" in_c ping -c 2 -i 0.2 -W 5 10.0.2.2
diag_check "after the storm: IPv6 ping C -> S" in_c ping -6 -c 2 -i 0.2 -W 5 2001:db8:2::2
check_match "after the storm: IPv4 UDP echo" "^ping$" udp_req 10.0.2.2 5000
check_match "after the storm: IPv6 UDP echo" "^ping$" udp_req "[2001:db8:2::2]" 5000
check_match "after the storm: IPv4 TCP echo" "^hello$" tcp_req 10.0.2.2 8080
check_match "after the storm: IPv6 TCP echo" "^hello$" tcp_req "[2001:db8:2::2]" 8080

mark "traffic checks done"
st=$(rcli show security flow statistics)
sum=0 on=
while IFS= read -r l; do
	[[ $l == *"Drops by reason:"* ]] && on=1 && continue
	[ -n "$on" ] && [[ $l =~ :\ ([0-9]+)$ ]] && sum=$((sum + BASH_REMATCH[1]))
done <<<"$st"
check_eq "Packets dropped == the sum of the drops by reason [fix:counters]" "$(val "Packets dropped" "$st")" "$sum"
summ=$(rcli show security flow session summary)
check_eq "Session creation failures == summary Failed-sessions [fix:LAND]" \
	"$(val "Session creation failures" "$st")" "$(val Failed-sessions "$summ")"
check_eq "no packet was dropped as 'Out of memory' (LAND is not an allocation failure) [fix:LAND]" \
	0 "$(val "Out of memory" "$st")"

# nothing sends any more: clear, and the table stays empty
stop_servers() {
	local pid
	for pid in "${_bg_pids[@]}"; do kill "$pid" 2>/dev/null; done
	_bg_pids=()
}
stop_servers
mark "clearing"
rcli clear security flow session all
sessions_zero() {
	local s
	s=$(rcli show security flow session summary)
	[ "$(val Sessions-in-use "$s")" = 0 ] &&
		[ "$(val "Current sessions" "$(rcli show security flow statistics)")" = 0 ]
}
if wait_until 10 sessions_zero; then
	ktap_ok "clear security flow session all: Sessions-in-use 0, Current sessions 0"
else
	ktap_fail "clear security flow session all: Sessions-in-use 0, Current sessions 0" \
		"$(rcli show security flow session summary)" "$(rcli show security flow session | tail -n 5)"
fi
check_sessions "show security flow session: Total sessions: 0" 0
st=$(rcli show security flow statistics)
check_eq "Sessions created == Sessions closed once all are cleared" \
	"$(val "Sessions created" "$st")" "$(val "Sessions closed" "$st")"
_cleanup
_ns_list=()
check "the module unloads" srx_unload
mark "end"
ktap_finish
