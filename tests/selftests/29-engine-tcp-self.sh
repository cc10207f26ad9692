#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The router's own TCP under load. A session's TCP state is updated from
# LOCAL_OUT in process context with BHs enabled (the router's own sends:
# tcp_sendmsg -> ip_local_out) and from PRE_ROUTING in softirq (what comes
# back on the same session). The session lock must be taken with BHs
# disabled: otherwise a receive softirq interrupting a sender that holds it
# on the same CPU spins forever (the guest hangs and the harness times out;
# on the debug kernel lockdep reports "inconsistent lock state" at once).
# Load: from the router, pinned to CPU 0, a bulk transfer whose echo comes
# back on the same session, next to iperf3 in both directions.
. "$(dirname "$0")/lib.sh"

ktap_plan 7
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
# (socat's -t: after the client's half-close the echo drains the pipe for
# up to 60 s, not the default 0.5 s, which a loaded guest overruns)
bg ip netns exec "$S" socat -b4096 -t 60 TCP6-LISTEN:7002,ipv6only=0,reuseaddr,fork PIPE
bg in_s iperf3 -s -p 5201
bg in_s iperf3 -s -p 5202
check "zones trust (lan0) and untrust (wan0)" rload_q <<-'EOF2'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
	set security policies from-zone trust to-zone untrust policy allow-all then permit
	EOF2
wait_listen "$S" 7002 5201 5202 || echo "# servers in S did not come up"

oow=$(stat_of "TCP sequence out of window")
bg in_r taskset -c 0 iperf3 -c 10.0.2.2 -p 5201 -t 8 -P 2 --logfile "$TMPD/up.log"
bg in_r taskset -c 0 iperf3 -c 10.0.2.2 -p 5202 -t 8 -P 2 -R --logfile "$TMPD/down.log"
n=$((8 * 1024 * 1024))
got=$(head -c $n /dev/zero | in_r taskset -c 0 socat -t 60 -T 60 - TCP:10.0.2.2:7002 | wc -c)
check_eq "8 MiB from the router to an echo server come back whole (one session, both ways)" \
	"$n" "$got"
check_match "  ... its session: self-traffic-policy" "Policy name: self-traffic-policy/" \
	rcli show security flow session destination-port 7002
wait_until 30 file_has "$TMPD/up.log" "iperf Done" >/dev/null
wait_until 30 file_has "$TMPD/down.log" "iperf Done" >/dev/null
check_match "iperf3 from the router (2 streams) ran to the end" "SUM.* receiver$" \
	cat "$TMPD/up.log"
check_match "iperf3 to the router (-R, 2 streams) ran to the end" "SUM.* receiver$" \
	cat "$TMPD/down.log"
check_eq "nothing was dropped as out of window meanwhile" "$oow" \
	"$(stat_of "TCP sequence out of window")"
check_match "the router still talks TCP afterwards" "^again$" tcp_req 10.0.2.2 7002 "$R" again
ktap_finish
