#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Session logging (then log session-init / session-close, deny + log
# session-init): RT_FLOW events on the "session" multicast group, seen live
# by "monitor security flow session" (text and -j) and written by
# srxflow-logd into a real rsyslog (UDP and TCP streams, syslog and
# sd-syslog formats, and event mode through the local syslog socket).
# A TCP connection (TCP FIN), a UDP exchange aged out (idle Timeout), a
# ping cleared (CLI), a denied connection (policy deny); a burst of short
# flows: every event arrives or is counted lost.
. "$(dirname "$0")/lib.sh"

if [ -n "${SRXFLOW_DEBUG_KERNEL:-}" ]; then
	ktap_skip_all "4 s idle timeouts and a flow burst cannot be judged on the debug kernel"
fi
LOGD=$TOP/userspace/srxflow-logd
PKT=$TOP/tests/tools/pktcraft
[ -x "$PKT" ] || ktap_skip_all "tests/tools/pktcraft not built (make)"
ktap_plan 30
srx_load
eng_tmpdir
topo_router
tcp_echo 80 "$S" 4
udp_echo 5000 "$S" 4
tcp_echo 22 "$S" 4
wait_listen "$S" 80 5000 22

config() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
	set security zones security-zone untrust interfaces wan0
	set applications application udp-short protocol udp destination-port 5000 inactivity-timeout 4
	set security policies from-zone trust to-zone untrust policy p-tcp match source-address any destination-address any application junos-http
	set security policies from-zone trust to-zone untrust policy p-tcp then permit
	set security policies from-zone trust to-zone untrust policy p-tcp then log session-init
	set security policies from-zone trust to-zone untrust policy p-tcp then log session-close
	set security policies from-zone trust to-zone untrust policy p-udp match source-address any destination-address any application udp-short
	set security policies from-zone trust to-zone untrust policy p-udp then permit
	set security policies from-zone trust to-zone untrust policy p-udp then log session-init
	set security policies from-zone trust to-zone untrust policy p-udp then log session-close
	set security policies from-zone trust to-zone untrust policy p-icmp match source-address any destination-address any application junos-icmp-all
	set security policies from-zone trust to-zone untrust policy p-icmp then permit
	set security policies from-zone trust to-zone untrust policy p-icmp then log session-init
	set security policies from-zone trust to-zone untrust policy p-icmp then log session-close
	set security policies from-zone trust to-zone untrust policy no-ssh match source-address any destination-address any application junos-ssh
	set security policies from-zone trust to-zone untrust policy no-ssh then deny
	set security policies from-zone trust to-zone untrust policy no-ssh then log session-init
	set security policies from-zone trust to-zone untrust policy quiet match source-address any destination-address any application any
	set security policies from-zone trust to-zone untrust policy quiet then permit
	EOF
}
config >"$TMPD/config"
check "configuration with session logging loads" rload_q <"$TMPD/config"

# --- no listener: nothing is built, nothing is lost --------------------------------------------
rcli clear security flow statistics
tcp_req 10.0.2.2 80 "$C" hello sourceport=40000,reuseaddr >/dev/null
check_eq "no listener: no event is built" "0 0" \
	"$(stat_of 'Session log events sent') $(stat_of 'Session log events dropped')"
rcli clear security flow session all >/dev/null

# --- the traffic, watched by monitor (text and JSON) ------------------------------------------
MON=$TMPD/monitor.txt MONJ=$TMPD/monitor.json
ip netns exec "$R" "$SRX" monitor security flow session >"$MON" 2>"$TMPD/monitor.err" &
mon_pid=$!
_bg_pids+=("$mon_pid")
ip netns exec "$R" "$SRX" -j monitor security flow session >"$MONJ" 2>&1 &
monj_pid=$!
_bg_pids+=("$monj_pid")
check "monitor joined the session group" wait_until 10 file_has "$TMPD/monitor.err" "monitoring session log"
nap 0.5

traffic() {
	tcp_req 10.0.2.2 80 "$C" hello sourceport=40001,reuseaddr >/dev/null
	udp_req 10.0.2.2 5000 "$C" ping sourceport=40002,reuseaddr >/dev/null
	in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
	TCP_WAIT=2 tcp_req 10.0.2.2 22 "$C" hello sourceport=40003,reuseaddr >/dev/null 2>&1
}
traffic
# the TCP session ends with FIN (kept 10 s), the UDP one ages out (4 s)
check "TCP FIN and idle Timeout closes arrive" wait_until 40 \
	bash -c "grep -q 'closed TCP FIN: 10.0.1.2/40001' '$MON' && grep -q 'closed idle Timeout: 10.0.1.2/40002' '$MON'"
rcli clear security flow session protocol icmp >/dev/null
check "the cleared ping's close arrives" wait_until 10 grep -q "session closed CLI: 10.0.1.2/" "$MON"
nap 0.5
kill "$mon_pid" "$monj_pid" 2>/dev/null
wait "$mon_pid" "$monj_pid" 2>/dev/null

RE_ID='[1-9][0-9]*'
TAIL_CREATE='N/A\(N/A\) lan0 UNKNOWN UNKNOWN UNKNOWN N/A N/A N/A N/A N/A N/A N/A N/A N/A N/A$'
TAIL_CLOSE='UNKNOWN UNKNOWN N/A\(N/A\) lan0 UNKNOWN N/A N/A N/A N/A NA 0 0.0.0.0/0->0.0.0.0/0 NA N/A N/A N/A N/A 0 N/A N/A$'
check_match "TCP: RT_FLOW_SESSION_CREATE with tuple, service, NAT tuple, policy, zones, id, interface" \
	"RT_FLOW: RT_FLOW_SESSION_CREATE: session created 10.0.1.2/40001->10.0.2.2/80 0x0 junos-http 10.0.1.2/40001->10.0.2.2/80 0x0 N/A N/A N/A N/A 6 p-tcp trust untrust $RE_ID $TAIL_CREATE" \
	cat "$MON"
check_match "TCP: RT_FLOW_SESSION_CLOSE, reason TCP FIN, packets(bytes) both ways, elapsed" \
	"RT_FLOW_SESSION_CLOSE: session closed TCP FIN: 10.0.1.2/40001->10.0.2.2/80 0x0 junos-http 10.0.1.2/40001->10.0.2.2/80 0x0 N/A N/A N/A N/A 6 p-tcp trust untrust $RE_ID [4-9]\([0-9]{3}\) [3-9]\([0-9]{3}\) [0-9]+ $TAIL_CLOSE" \
	cat "$MON"
check_match "UDP: created, with the application's name" \
	"session created 10.0.1.2/40002->10.0.2.2/5000 0x0 udp-short 10.0.1.2/40002->10.0.2.2/5000 0x0 N/A N/A N/A N/A 17 p-udp trust untrust $RE_ID " \
	cat "$MON"
check_match "UDP: closed idle Timeout, 1(33) 1(33)" \
	"session closed idle Timeout: 10.0.1.2/40002->10.0.2.2/5000 0x0 udp-short 10.0.1.2/40002->10.0.2.2/5000 0x0 N/A N/A N/A N/A 17 p-udp trust untrust $RE_ID 1\(33\) 1\(33\) [0-9]+ " \
	cat "$MON"
check_match "ICMP: created" \
	"session created 10.0.1.2/[0-9]+->10.0.2.2/[0-9]+ 0x0 junos-icmp-all 10.0.1.2/[0-9]+->10.0.2.2/[0-9]+ 0x0 N/A N/A N/A N/A 1 p-icmp trust untrust $RE_ID " \
	cat "$MON"
check_match "ICMP: closed by clear: CLI, 1(84) 1(84)" \
	"session closed CLI: 10.0.1.2/[0-9]+->10.0.2.2/[0-9]+ 0x0 junos-icmp-all .* 1 p-icmp trust untrust $RE_ID 1\(84\) 1\(84\) [0-9]+ " \
	cat "$MON"
check_match "denied: RT_FLOW_SESSION_DENY with service, protocol, policy, zones, interface, reason" \
	"RT_FLOW_SESSION_DENY: session denied 10.0.1.2/40003->10.0.2.2/22 0x0 junos-ssh 6\(0\) no-ssh trust untrust UNKNOWN UNKNOWN N/A\(N/A\) lan0 UNKNOWN policy deny 0 N/A N/A N/A N/A N/A N/A$" \
	cat "$MON"
check_nomatch "the policy without log raises nothing (first connection, before the monitor)" \
	"40000" cat "$MON"
n_create=$(grep -c "RT_FLOW_SESSION_CREATE" "$MON")
n_close=$(grep -c "RT_FLOW_SESSION_CLOSE" "$MON")
check_eq "exactly 3 creates and 3 closes" "3 3" "$n_create $n_close"
check_match "monitor reports no loss" "events shown, 0 lost" cat "$TMPD/monitor.err"
check "-j: every line is a JSON object with the Junos key names" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
c = [e for e in ev if e["event"] == "RT_FLOW_SESSION_CLOSE" and e["source-port"] == "40001"]
assert c and c[0]["reason"] == "TCP FIN" and c[0]["policy-name"] == "p-tcp", c
assert c[0]["source-zone-name"] == "trust" and c[0]["destination-zone-name"] == "untrust"
assert c[0]["message"].startswith("RT_FLOW_SESSION_CLOSE: session closed TCP FIN: ")
assert [e["sequence"] for e in ev] == sorted(e["sequence"] for e in ev)
d = [e for e in ev if e["event"] == "RT_FLOW_SESSION_DENY"]
assert d and d[0]["reason"] == "policy deny" and d[0]["service-name"] == "junos-ssh", d
' "$MONJ"
check_eq "statistics: events sent, none dropped" "0" "$(stat_of 'Session log events dropped')"

# --- a burst of short flows: every event arrives or is counted -----------------------------
BURST=${SLOG_BURST:-20000}
rcli clear security flow session all >/dev/null
rcli clear security flow statistics
ip netns exec "$R" "$SRX" monitor security flow session >"$MON" 2>"$TMPD/monitor.err" &
mon_pid=$!
_bg_pids+=("$mon_pid")
check "monitor joined again" wait_until 10 file_has "$TMPD/monitor.err" "monitoring session log"
t0=$(eng_ms)
left=$BURST port=5000
while [ "$left" -gt 0 ]; do
	n=$((left > 60000 ? 60000 : left))
	in_c "$PKT" udp 10.0.1.2 10.0.2.2 "$port" --count "$n" --sport-base 2000 --sport-range "$n" >/dev/null
	left=$((left - n)) port=$((port + 1))
done
rcli clear security flow session all >/dev/null
t1=$(eng_ms)
# the monitor drains its socket; then one more event (a ping) that arrives:
# every event before it that did not arrive is a gap in the sequence numbers
prev=-1
while n=$(grep -c "RT_FLOW_SESSION_" "$MON"); [ "$n" != "$prev" ]; do prev=$n; nap 1; done
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
check "the marker event arrives" wait_until 10 grep -q "session created 10.0.1.2/[0-9]*->10.0.2.2/[0-9]* 0x0 junos-icmp-all" "$MON"
stats=$(rcli show security flow statistics)
created=$(stat_of "Sessions created" "$stats")
closed=$(stat_of "Sessions closed" "$stats")
sent=$(stat_of "Session log events sent" "$stats")
kdropped=$(stat_of "Session log events dropped" "$stats")
kill "$mon_pid" 2>/dev/null
wait "$mon_pid" 2>/dev/null
arrived=$(grep -c "RT_FLOW_SESSION_" "$MON")
lost=$(sed -n 's/.* events shown, \([0-9]*\) lost.*/\1/p' "$TMPD/monitor.err")
echo "# burst: $BURST flows in $((t1 - t0)) ms: created $created closed $closed, kernel sent $sent dropped $kdropped; monitor got $arrived, lost $lost"
check_range "the burst created most of its flows" $((BURST * 9 / 10)) "$BURST" "$created"
check_eq "kernel: sent + dropped = created + closed" $((created + closed)) $((sent + kdropped))
check_eq "monitor: arrived + lost (sequence gaps) = created + closed" $((created + closed)) $((arrived + lost))

ktap_finish
