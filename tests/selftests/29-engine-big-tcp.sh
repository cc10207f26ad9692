#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 BIG TCP: with gso_max_size and gro_max_size above 64K (RFC 2675
# jumbograms, Linux 5.19 and later) the kernel builds TCP packets of more
# than 64K: payload length 0 and the length in a hop-by-hop jumbo option.
# veth hands such a GSO packet to its peer whole, so the router sees them
# on lan0 (from C) and sends them itself on wan0 (its own connection).
# Both are parsed with their real length: forwarded, tracked and counted,
# never dropped as "Malformed header".
. "$(dirname "$0")/lib.sh"

ktap_plan 7
srx_load
topo_router || ktap_skip_all "cannot build the topology"
eng_tmpdir
srx_base_config >/dev/null

big() {
	ip -n "$1" link set dev "$2" gso_max_size 185000 gro_max_size 185000
}
big "$C" eth0 && big "$R" lan0 && big "$R" wan0 && big "$S" eth0 ||
	ktap_skip_all "no BIG TCP (gso_max_size above 64K) on veth"
# TSO autosizing sizes a GSO packet for about 1 ms of the pacing rate: on
# a slow guest (the debug kernel) that stays below 64K.  At least 100
# segments per packet (the cwnd permitting) makes C's bigger.
ip netns exec "$C" sysctl -qw net.ipv4.tcp_min_tso_segs=100
# packets of more than 64K: arriving on R's lan0, arriving on S's eth0
for ns in "$R" "$S"; do
	dev=eth0
	[ "$ns" = "$R" ] && dev=lan0
	ip netns exec "$ns" nft -f - <<-EOF || ktap_skip_all "nft netdev ingress"
	table netdev big {
		chain in {
			type filter hook ingress device $dev priority 0;
			meta length > 65535 counter comment "big"
		}
	}
	EOF
done
bigs() { nft_count "$1" big chain netdev big in; }

head -c 8000000 /dev/urandom >"$TMPD/data"
want=$(md5sum <"$TMPD/data" | cut -d' ' -f1)
# sink PORT: S receives one connection on PORT, the md5 of what came
sink() {
	ip netns exec "$S" timeout 60 socat -u TCP6-LISTEN:"$1",reuseaddr - 2>/dev/null |
		md5sum | cut -d' ' -f1 >"$TMPD/got$1" &
	wait_listen "$S" "$1" || echo "# sink on $1 did not come up"
}

# --- forwarded: C to S -----------------------------------------------------------------
sink 7000
ip netns exec "$C" timeout 60 socat -u - TCP6:[2001:db8:2::2]:7000,connect-timeout=5 \
	<"$TMPD/data" 2>"$TMPD/c.err"
wait_until 30 test -s "$TMPD/got7000"
if ! [ "$(bigs "$R")" -gt 0 ] 2>/dev/null; then
	for n in 1 2 3 4 5 6 7; do
		ktap_skip "check $n" "the senders built no packet over 64K here (none at R's lan0)"
	done
	ktap_finish
fi
check_range "C's IPv6 BIG TCP packets (over 64K) reach R" 1 1000000 "$(bigs "$R")"
check_eq "an 8 MB transfer C to S through R arrives whole" "$want" "$(cat "$TMPD/got7000")"
check_match "  ... its session counted the bytes" \
	'^  In: 2001:db8:1::2/[0-9]+ --> 2001:db8:2::2/7000;tcp, .* Bytes: [0-9]{7,}' \
	rcli show security flow session destination-port 7000
check_eq "  ... no packet dropped as 'Malformed header'" "0" \
	"$(stat_of "Malformed header" | sed 's/^$/0/')"

# --- the router's own: R to S -----------------------------------------------------------
s0=$(bigs "$S")
sink 7001
ip netns exec "$R" timeout 60 socat -u - TCP6:[2001:db8:2::2]:7001,connect-timeout=5 \
	<"$TMPD/data" 2>"$TMPD/r.err"
wait_until 30 test -s "$TMPD/got7001"
# (how big the router's own packets get is TSO autosizing's choice: a
# run where none went over 64K says nothing, and is not counted)
if [ "$(bigs "$S")" -gt "$s0" ] 2>/dev/null; then
	ktap_ok "R's own BIG TCP packets (over 64K) reach S"
else
	ktap_skip "R's own BIG TCP packets (over 64K) reach S" "none over 64K in this run"
fi
check_eq "an 8 MB transfer R to S arrives whole" "$want" "$(cat "$TMPD/got7001")"
check_match "  ... as a self-traffic session that counted the bytes" \
	'^  In: 2001:db8:2::1/[0-9]+ --> 2001:db8:2::2/7001;tcp, .* Bytes: [0-9]{7,}' \
	rcli show security flow session destination-port 7001

ktap_finish
