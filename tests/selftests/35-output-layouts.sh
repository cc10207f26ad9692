#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# srxflow's show commands against real SRX/vSRX output (issue 16): every
# capture of ../shared/realworld/outputs (read in place, never copied:
# their sources state no license) is reduced to its layout (indentation
# and field labels, tests/tools/layout-compare.py) and srxflow's output of
# the same command, on live sessions, must have it, line by line in the
# same order (srxflow's own extension lines may come between).  Exact
# text where the device's layout is columns or a line prefix: hit-count
# columns, the default policy of match-policies, show log's line prefix.
# Skipped when the captures are absent.
. "$(dirname "$0")/lib.sh"

OUT=${SRXFLOW_REALWORLD:-$TOP/../shared/realworld}/outputs
[ -d "$OUT" ] || ktap_skip_all "no captures in $OUT"
ktap_plan 26
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
tcp_echo 8080
udp_echo 5000
CMP=$TOP/tests/tools/layout-compare.py

check "configuration loads" rload_q <<'CFG'
set security address-book global address c1 10.0.1.2/32
set security address-book global address c2 10.0.1.3/32
set security address-book global address-set clients address c1
set security address-book global address-set clients address c2
set security address-book global address s1 10.0.2.2/32
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy web match source-address clients destination-address any application any
set security policies from-zone trust to-zone untrust policy web then permit
set security policies from-zone trust to-zone untrust policy web then log session-init
set security policies from-zone trust to-zone untrust policy web then log session-close
set security policies from-zone untrust to-zone trust policy dns match source-address any destination-address s1 application [ junos-ping junos-dns-tcp junos-dns-udp junos-sip ]
set security policies from-zone untrust to-zone trust policy dns then permit
set security policies global policy g-deny match source-address any destination-address any application junos-ssh
set security policies global policy g-deny then deny
set security policies global policy g-deny then log session-init
set security flow traceoptions file jtrace
set security flow traceoptions flag basic-datapath
CFG
wait_listen "$S" 8080 5000 || echo "# servers in S did not come up"
tcp_open t 10.0.2.2 8080
tcp_send t hello
check "a TCP connection goes through" wait_until 15 tcp_got t hello
check_match "a UDP exchange goes through" "^ping$" udp_req 10.0.2.2 5000

# compare NAME CAPTURE BLOCK [layout-compare options] -- CLI ARGS...
compare() {
	local name=$1 cap=$OUT/$2 block=$3 out
	local opts=()

	shift 3
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	out=$TMPD/out.$RANDOM
	rcli "$@" >"$out" 2>&1
	check_match "$name" "all in srxflow's layout" /usr/bin/python3 "$CMP" "${opts[@]}" "$cap" "$block" "$out"
}

compare "show security flow session: the 24.4 layout (HA State is a cluster's)" \
	show-security-flow-session.txt 0 --drop-label "HA State" --first 3 -- show security flow session
check_eq "  ... a blank line between two sessions" "" "$(rcli show security flow session | sed -n 4p)"
compare "show security flow session summary" \
	show-security-flow-session-summary.txt 0 -- show security flow session summary
compare "show security flow session extensive (a UDP session; SRX4700 Power-Mode and tunnel fields aside)" \
	show-security-flow-session-extensive.txt 0 --ignore "Power-Mode" \
	--drop-label "Attachment Id" --drop-label "GW Endpoint Id" --drop-label "Flow Cookie" \
	--drop-label "Tunnel info" --first 18 -- show security flow session extensive protocol udp
check_eq "  ... a blank line before the session, as on the device" "" \
	"$(rcli show security flow session extensive protocol udp | head -n1)"
compare "show security flow statistics: the device's counters in its order" \
	show-security-flow-statistics.txt 0 -- show security flow statistics
compare "show security policies: 24.4 header and policy lines" \
	show-security-policies.txt 0 --first 14 -- show security policies
compare "show security policies global: From zones / To zones" \
	show-security-policies.txt 1 --first 12 -- show security policies global
check_match "  ... it starts at \"Global policies:\", as on the device" "^Global policies:$" bash -c \
	"ip netns exec $R $SRX show security policies global | head -n1"
# (the older capture prints no services-offload field in its Policy line;
# 24.4's detail says "Destination ports" for application any, match-policies
# and every other application "Destination port range", as srxflow does)
compare "show security policies detail: the 24.4 layout with address and application blocks" \
	show-security-policies-detail.txt 0 -- \
	show security policies detail from-zone trust to-zone untrust
compare "show security policies detail: per-application protocol, ports, timeout" \
	show-security-policies-detail.txt 1 --ignore "^Policy: " --ignore "^    [a-z0-9_.]+: " --first 11 -- \
	show security policies detail from-zone untrust to-zone trust
compare "show security match-policies: the device layout (cluster lines aside)" \
	show-security-match-policies.txt 0 --ignore "^node0:" --ignore "^\{primary" --ignore "^    8\.8\.8\.8:" -- \
	show security match-policies from-zone untrust to-zone trust source-ip 10.0.2.9 \
	destination-ip 10.0.2.2 protocol icmp
out=$(rcli show security match-policies from-zone trust to-zone untrust source-ip 10.0.1.9 \
	destination-ip 10.0.2.2 protocol tcp destination-port 80)
# the capture's failing case, less its cluster lines and its numbers
want=$(sed -n '/failing case/,/capture ends/p' "$OUT/show-security-match-policies.txt" |
	grep -E '^(Policy: Default-Policy|  Sequence number)' |
	sed -E 's/Index: [0-9]+/Index: N/; s/number: [0-9]+/number: N/')
check_eq "match-policies without a match: the default policy, as the device prints it" "$want" \
	"$(printf '%s\n' "$out" | grep -v '^$' | sed -E 's/Index: [0-9]+/Index: N/; s/number: [0-9]+/number: N/')"

# hit-count: the device's header, and its columns for the default policy's row
hc=$(rcli show security policies hit-count)
check_eq "hit-count: the device's header line" \
	"$(grep '^Index   From zone' "$OUT/show-security-policies-hit-count.txt")" \
	"$(printf '%s\n' "$hc" | grep '^Index')"
check_eq "hit-count: the default-policy row in the device's columns (index aside)" \
	"$(grep 'default-policy ' "$OUT/show-security-policies-hit-count.txt" | sed 's/^[0-9]/N/')" \
	"$(printf '%s\n' "$hc" | grep 'default-policy ' | sed 's/^[0-9]/N/')"
check_match "hit-count: global policies under junos-global" \
	"^[0-9]+ +junos-global +junos-global +g-deny " echo "$hc"

# predefined applications of the junos-defaults group, one with two terms
check_match "junos-defaults: junos-radius is udp 1812" \
	"^set groups junos-defaults applications application junos-radius destination-port 1812$" \
	rcli show configuration groups junos-defaults applications application junos-radius
check_eq "detail: junos-sip with both its terms (udp and tcp 5060, ALG sip)" \
	"udp sip 5060-5060 tcp sip 5060-5060" \
	"$(rcli show security policies detail from-zone untrust to-zone trust |
		sed -n '/^  Application: junos-sip$/,/^  [A-Z]/p' |
		sed -nE 's/.*IP protocol: ([a-z0-9]+), ALG: ([^,]+),.*/\1 \2/p; s/.*Destination port range: \[(.*)\]/\1/p' | xargs)"

compare "show security zones: the 24.4 layout" show-security-zones.txt 0 --first 8 -- \
	show security zones
check_match "  ... no blank line before the first zone" "^Security zone: " bash -c \
	"ip netns exec $R $SRX show security zones | head -n1"

# show log: every line has the device's prefix, as every line of the capture does
pre='^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}:CID-0:RT:'
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
capl=$(awk '/capture begins/ { n++; next } /capture ends/ { if (n == 1) exit } n == 1 && !/^---/' \
	"$OUT/show-log-flow-traceoptions.txt")
check "show log: the capture's lines all have the prefix (the check is right)" \
	test -n "$capl" -a "$(printf '%s\n' "$capl" | grep -cvE "$pre")" = 0
log=$(rcli show log jtrace)
check_match "show log: srxflow traced the TCP and the ping" "flow_first_policy_search" echo "$log"
check_eq "show log: every srxflow line has the device's prefix" 0 "$(printf '%s\n' "$log" | grep -cvE "$pre")"
ktap_finish
