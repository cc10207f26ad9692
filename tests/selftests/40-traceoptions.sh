#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# security flow traceoptions: what is traced and what is not (filters ANDed
# within, ORed across), drop reasons in the trace, the packet-drop records
# and the counters, rate-limit, bounded memory under a 100k-packet flood,
# delete stops tracing, monitor streams live, tracepoints in tracefs.
. "$(dirname "$0")/lib.sh"

PKT=$TOP/tests/tools/pktcraft
[ -x "$PKT" ] || ktap_skip_all "tests/tools/pktcraft not built (make)"
ktap_plan 33
srx_load
topo_router

base() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy allow-web match source-address any destination-address any application junos-http then permit
	set security policies from-zone trust to-zone untrust policy block-udp match source-address any destination-address any application junos-udp-any then reject
	set security policies from-zone trust to-zone untrust policy block-rest match source-address any destination-address any application any then deny
	EOF
}
nlines() { rcli show log "$1" 2>/dev/null | grep -c . ; }

# --- a deny in the trace, nothing else when the filter does not match -------------------
{ base; cat <<'EOF'
set security flow traceoptions file fw-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter f1 source-prefix 10.0.1.2/32 destination-prefix 10.0.2.2/32
EOF
} | rload >/dev/null
in_c ping -c 1 -W 1 10.0.2.2 >/dev/null
check_match "a deny is traced with the policy's name and index" \
	"packet dropped, Denied by policy block-rest\(3\)" rcli show log fw-trace
check_match "the trace shows the first-path steps" \
	"^  routed \(x_dst_ip 10.0.2.2\) from trust \(lan0 in 0\) to wan0, Next-hop: 10.0.2.2$" \
	bash -c "ip netns exec $R $SRX show log fw-trace | sed 's/^.*:CID-0:RT://'"
# the device's steps, in the device's order and wording (the capture in
# ../shared/realworld/outputs/show-log-flow-traceoptions.txt)
steps=$(rcli show log fw-trace | sed 's/^.*:CID-0:RT://' | grep -oE \
	'^(<.*> matched filter|packet \[| flow process pak fast ifl [0-9]+ in_ifp lan0$|  lan0:10\.0\.1\.2/[0-9]+->10\.0\.2\.2/[0-9]+, icmp, \(8/0\)$| find flow: table 254, sa 10\.0\.1\.2, da 10\.0\.2\.2, |  no session found, start first path\. in_tunnel - 0x0, from_cp_flag - 0$|  flow_first_create_session$|flow_first_routing: vr_id 0, call flow_route_lookup\(\): src_ip 10\.0\.1\.2, x_dst_ip 10\.0\.2\.2, in ifp lan0, out ifp N/A |Doing DESTINATION addr route-lookup$|  routed |flow_first_policy_search: policy search from zone trust-> zone untrust|Policy lkup: vsys 0 zone\(trust\) -> zone\(untrust\) scope:0$)' |
	sed -E 's/^(<|packet |  lan0:| find flow| flow process|  routed|flow_first_routing|flow_first_policy|Policy lkup).*/\1/' | uniq | tr '\n' '|')
check_eq "the first-path lines follow the device's order and wording" \
	"<|packet | flow process|  lan0:| find flow|  no session found, start first path. in_tunnel - 0x0, from_cp_flag - 0|  flow_first_create_session|flow_first_routing|Doing DESTINATION addr route-lookup|  routed|flow_first_policy|Policy lkup|" \
	"$steps"
check_match "...and the policy search" "policy search from zone trust-> zone untrust" \
	rcli show log fw-trace
n1=$(nlines fw-trace)
in_c ping -c 1 -W 1 10.0.1.1 >/dev/null		# to the router: not 10.0.2.2
"$PKT" udp 10.0.1.2 10.0.2.9 53 --count 3 >/dev/null 2>&1 || in_c "$PKT" udp 10.0.1.2 10.0.2.9 53 --count 3 >/dev/null
check_eq "nothing is traced when the filter does not match" "$n1" "$(nlines fw-trace)"
check_match "show log last N, with the device's line prefix (date, time.usec:CID-0:RT:)" \
	"^[A-Z][a-z]{2} [ 1-3][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}:CID-0:RT:packet dropped" \
	rcli show log fw-trace last 1
check_match "show log match" "Denied by policy" rcli show log fw-trace match "Denied by"
rcli clear log fw-trace
check_eq "clear log empties the file" 0 "$(nlines fw-trace)"

# --- AND within a filter, OR across filters -----------------------------------------------
{ base; cat <<'EOF'
set security flow traceoptions file fw-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter a source-prefix 10.0.1.2/32 protocol udp destination-port 7000
set security flow traceoptions packet-filter b destination-prefix 10.0.2.2/32 protocol icmp
EOF
} | rload >/dev/null
in_c "$PKT" udp 10.0.1.2 10.0.2.2 7001 >/dev/null	# a: wrong port (AND fails), b: not icmp
check_eq "fields within a filter are ANDed" 0 "$(nlines fw-trace)"
in_c "$PKT" udp 10.0.1.2 10.0.2.2 7000 >/dev/null
check_match "filter a matches when all its fields do" "matched filter a:" rcli show log fw-trace
in_c ping -c 1 -W 1 10.0.2.2 >/dev/null
check_match "filters are ORed (filter b)" "matched filter b:" rcli show log fw-trace

# --- drop reasons reachable today: trace, records, counters ---------------------------------
{ base; cat <<'EOF'
set security zones security-zone untrust tcp-rst
set security flow traceoptions file drops
set security flow traceoptions flag all
set security flow max-sessions 4
EOF
} | rload >/dev/null
rcli clear security flow statistics
rcli clear security packet-drop records
in_c ping -c 1 -W 1 10.0.2.2 >/dev/null				# policy deny
in_c "$PKT" udp 10.0.1.2 10.0.2.2 9999 >/dev/null		# reject (UDP)
in_c "$PKT" tcp 10.0.1.2 10.0.2.2 80 --flags A >/dev/null	# TCP without SYN
in_c "$PKT" short-tcp 10.0.1.2 10.0.2.2 >/dev/null		# malformed header
in_c "$PKT" tcp 10.0.1.2 192.0.2.99 80 >/dev/null		# no route
in_s ping -c 1 -W 1 10.0.2.1 >/dev/null			# host-inbound (no ping in untrust)
in_c "$PKT" tcp 10.0.1.2 10.0.2.2 80 --count 8 --sport-base 20000 --sport-range 8 >/dev/null	# table full (4)
for reason in "Denied by policy" "Rejected by policy" "TCP packet without SYN" "Malformed header" \
	"No route present" "Host inbound not allowed" "Session table full"; do
	st=$(rcli show security flow statistics)
	rec=$(rcli show security packet-drop records)
	log=$(rcli show log drops)
	if grep -Eq "^ *$reason: [1-9]" <<<"$st" && grep -q "$reason" <<<"$rec" &&
	   grep -q "packet dropped, $reason" <<<"$log"; then
		ktap_ok "'$reason' in counters, drop records and trace"
	else
		ktap_fail "'$reason' in counters, drop records and trace" "$st" "$rec" "$(tail -20 <<<"$log")"
	fi
done
check_match "drop records in the Junos layout" \
	"^[0-9:.]+ 10.0.1.2/[0-9]+-->10.0.2.2/[0-9]+;icmp,ipid-[0-9]+,lan0,Dropped by POLICY:Denied by policy block-rest\(3\)" \
	rcli show security packet-drop records
rcli clear security packet-drop records
check_match "clear security packet-drop records" "Total records: 0" rcli show security packet-drop records

# --- a flood without filter and without rate limit: bounded memory, responsive ------------
{ base; cat <<'EOF'
set security flow traceoptions file flood
set security flow traceoptions flag basic-datapath
set security flow traceoptions local-debug-buf size 2000
EOF
} | rload >/dev/null
mem_before=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
start=$(date +%s)
check_match "100k first-path packets sent" "sent 100000" \
	in_c "$PKT" udp 10.0.1.2 10.0.2.3 5000 --count 100000 --sport-range 60000
mem_after=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
echo "# flood took $(($(date +%s) - start)) s; MemAvailable $mem_before -> $mem_after kB"
st=$(rcli show security flow status)
check_match "the trace buffer is full but bounded (2000 lines)" "buffer: 2000 of 2000 lines used" echo "$st"
check "memory within the bound (< 16 MiB consumed)" test $((mem_before - mem_after)) -lt 16384
check "the box stays responsive" timeout 10 ip netns exec "$R" "$SRX" show security flow statistics

# --- rate-limit ---------------------------------------------------------------------------------
{ base; cat <<'EOF'
set security flow traceoptions file rl
set security flow traceoptions flag basic-datapath
set security flow traceoptions rate-limit 50
EOF
} | rload >/dev/null
start=$(date +%s.%N)
in_c "$PKT" udp 10.0.1.2 10.0.2.3 5000 --count 2000 --sport-range 2000 >/dev/null
el=$(echo "$(date +%s.%N) - $start" | bc)
n=$(nlines rl)
limit=$(echo "50 * ($el + 2) / 1" | bc)
echo "# rate-limit 50/s: $n lines in ${el}s (at most $limit allowed)"
check "rate-limit holds ($n lines in ${el}s)" test "$n" -le "$limit"
check_match "lines beyond the rate are counted as lost" "lines lost" rcli show security flow status

# --- delete stops tracing at once ---------------------------------------------------------------
rcli delete security flow traceoptions
in_c ping -c 1 -W 1 10.0.2.2 >/dev/null
n2=$(nlines rl)
in_c ping -c 1 -W 1 10.0.2.2 >/dev/null
check_eq "delete security flow traceoptions stops tracing" "$n2" "$(nlines rl)"
check_match "status says tracing is off" "Flow tracing status: off" rcli show security flow status
check "the file stays readable after delete" rcli show log rl

# --- monitor security flow streams live ------------------------------------------------------------
{ base; cat <<'EOF'
set security flow traceoptions file live
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter p destination-prefix 10.0.2.2/32
EOF
} | rload >/dev/null
mon=$(mktemp)
ip netns exec "$R" "$SRX" monitor security flow >"$mon" 2>&1 &
mpid=$!
wait_for 10 grep -q "monitoring flow trace" "$mon"
sleep 0.5
in_c ping -c 1 -W 1 10.0.2.2 >/dev/null
wait_for 10 grep -q "Denied by policy block-rest" "$mon"
kill -INT $mpid 2>/dev/null
wait $mpid 2>/dev/null
check_match "monitor security flow receives the lines live" "packet dropped, Denied by policy block-rest" cat "$mon"
check_match "monitor reports what it showed and lost on exit" "lines shown, [0-9]+ lost" cat "$mon"
rm -f "$mon"

# --- tracepoints: perf / trace-cmd / tracefs see them --------------------------------------------
tfs=/sys/kernel/tracing
[ -d $tfs/events ] || tfs=/sys/kernel/debug/tracing
if [ -d $tfs/events/srxflow ]; then
	echo 1 >$tfs/events/srxflow/srxflow_drop/enable
	echo 1 >$tfs/events/srxflow/srxflow_session_create/enable
	echo >$tfs/trace
	in_c ping -c 1 -W 1 10.0.2.2 >/dev/null		# denied: a drop
	tcp_server 80 && tcp_get 10.0.2.2 80 >/dev/null	# permitted: a session
	check_match "tracefs: srxflow:srxflow_drop" "srxflow_drop: .*dst=::ffff:10.0.2.2" cat $tfs/trace
	check_match "tracefs: srxflow:srxflow_session_create" "srxflow_session_create: .*dport=80" cat $tfs/trace
	echo 0 >$tfs/events/srxflow/enable
else
	ktap_skip "tracefs: srxflow:srxflow_drop" "no tracefs"
	ktap_skip "tracefs: srxflow:srxflow_session_create" "no tracefs"
fi
ktap_finish
