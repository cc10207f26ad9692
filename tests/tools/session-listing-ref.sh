#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# session-listing-ref.sh REF-CLI: every session listing of a mixed table
# (IPv4 and IPv6 UDP and TCP, ICMP, ICMPv6, self traffic, source NAT) by
# this tree's CLI and by REF-CLI (e.g. an older build), session by session
# byte for byte (timeouts and durations masked: they tick).  For changes of
# the listing writers that must not change a byte; runs in the guest:
#   tests/vm/run --timeout 900 -- tests/tools/session-listing-ref.sh /path/to/old/srxflow
# shellcheck source=../selftests/lib.sh
. "$(dirname "$0")/../selftests/lib.sh"
REF=${1:?usage: session-listing-ref.sh REF-CLI}
CMP=$TOP/tests/tools/session-listing-compare.py

ktap_plan 11
srx_load
eng_tmpdir
topo_router
tcp_echo 8080
udp_echo 5000

check "configuration loads" rload_q <<'EOF'
set applications application udp-5000 protocol udp destination-port 5000
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy web-5000 match source-address any destination-address any application udp-5000
set security policies from-zone trust to-zone untrust policy web-5000 then permit
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs1 rule r1 match destination-address 10.0.2.0/24
set security nat source rule-set rs1 rule r1 then source-nat interface
EOF
wait_listen "$S" 8080 5000
tcp_open t1 10.0.2.2 8080
tcp_open t2 "[2001:db8:2::2]" 8080
# short-lived sessions (ICMP: seconds), made again before every comparison
traffic() {
	udp_req 10.0.2.2 5000 >/dev/null
	udp_req "[2001:db8:2::2]" 5000 >/dev/null
	tcp_req 10.0.2.2 8080 >/dev/null
	tcp_req "[2001:db8:2::2]" 8080 >/dev/null
	in_c ping -c1 -W2 10.0.2.2 >/dev/null
	in_c ping -6 -c1 -W2 2001:db8:2::2 >/dev/null
	in_c ping -c1 -W2 10.0.1.1 >/dev/null
	in_c ping -6 -c1 -W2 2001:db8:1::1 >/dev/null
}
traffic
rcli show security flow session >"$TMPD/t"
echo "# $(grep -c '^Session ID' "$TMPD/t") sessions:"
sed 's/^/# /' "$TMPD/t"

mask='s/Timeout: [0-9]*/Timeout: T/g; s/timeout: [0-9]*/timeout: T/g; s/"timeout":[0-9]*/"timeout":T/g; s/"duration":[0-9]*/"duration":D/g; s/Duration: [0-9]*/Duration: D/g'
same() {
	local what=$1
	shift
	traffic
	rcli "$@" | sed "$mask" >"$TMPD/new"
	in_r "$REF" "$@" | sed "$mask" >"$TMPD/ref"
	if r=$(/usr/bin/python3 "$CMP" "$TMPD/ref" "$TMPD/new"); then
		ktap_ok "$what: identical session by session: $r"
	else
		ktap_fail "$what differs"
		echo "$r"
	fi
}
same "text" show security flow session
same "brief" show security flow session brief
same "extensive" show security flow session extensive
same "-j" -j show security flow session
same "-j brief" -j show security flow session brief
same "-j extensive" -j show security flow session extensive
same "-j nat" -j show security flow session nat
same "-j family inet6" -j show security flow session family inet6
same "-j protocol icmp" -j show security flow session protocol icmp
rcli -j show security flow session | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print("# -j parses: %d sessions" % len(d["sessions"]))'
check "-j parses as JSON" bash -c "rcli() { ip netns exec $R $SRX \"\$@\"; }; ip netns exec $R $SRX -j show security flow session | /usr/bin/python3 -m json.tool >/dev/null"
ktap_finish
