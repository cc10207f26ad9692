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

# on the debug kernel (KASAN, lockdep) the burst is smaller: there it is
# the event path under the checkers that counts, not the volume
[ -n "${SRXFLOW_DEBUG_KERNEL:-}" ] && SLOG_BURST=${SLOG_BURST:-2000}
LOGD=$TOP/userspace/srxflow-logd
PKT=$TOP/tests/tools/pktcraft
[ -x "$PKT" ] || ktap_skip_all "tests/tools/pktcraft not built (make)"
[ -x "$LOGD" ] || ktap_skip_all "userspace/srxflow-logd not built (make)"
command -v rsyslogd >/dev/null || ktap_skip_all "rsyslog not installed (make deps)"
ktap_plan 38
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
	set security log mode stream-event
	set security log format syslog
	set security log source-address 127.0.0.1
	set security log stream s-udp host 127.0.0.1 port 5514
	set security log stream s-udp format syslog
	set security log stream s-udp category all
	set security log stream s-tcp host 127.0.0.1 port 5515
	set security log stream s-tcp format sd-syslog
	set security log stream s-tcp category session
	set security log stream s-tcp transport protocol tcp
	EOF
}

# rsyslog in R, private: UDP 5514 (Junos text), TCP 5515 (RFC 5424), and a
# local socket standing for /dev/log; one file each, as rsyslog parsed them
RS=$TMPD/rsyslog
mkdir -p "$RS/work"
cat >"$RS/rsyslog.conf" <<RSCONF
global(workDirectory="$RS/work")
module(load="imudp")
module(load="imtcp")
module(load="imuxsock" SysSock.Use="off")
template(name="text" type="string" string="%hostname% %syslogtag%%msg%\\n")
template(name="local" type="string" string="%syslogtag%%msg%\\n")
template(name="sd" type="string" string="%hostname% %app-name% %procid% %msgid% %structured-data%\\n")
ruleset(name="udp") { action(type="omfile" file="$RS/udp.log" template="text") }
ruleset(name="tcp") { action(type="omfile" file="$RS/tcp.log" template="sd") }
ruleset(name="local") { action(type="omfile" file="$RS/local.log" template="local") }
input(type="imudp" address="127.0.0.1" port="5514" ruleset="udp")
input(type="imtcp" address="127.0.0.1" port="5515" ruleset="tcp")
input(type="imuxsock" Socket="$RS/log.sock" ruleset="local")
RSCONF
rsyslog_start() {
	ip netns exec "$R" rsyslogd -n -f "$RS/rsyslog.conf" -i "$RS/pid" >>"$RS/rsyslogd.out" 2>&1 &
	rs_pid=$!
	_bg_pids+=("$rs_pid")
}
rsyslog_ready() {
	# shellcheck disable=SC2016 # (expanded by the inner bash)
	wait_until 20 ip netns exec "$R" bash -c \
		'o=$(ss -Hltun) && [[ $o == *127.0.0.1:5514* && $o == *127.0.0.1:5515* ]]' &&
		wait_until 10 test -S "$RS/log.sock"
}
rsyslog_stop() {
	kill "$rs_pid" 2>/dev/null
	wait "$rs_pid" 2>/dev/null
}
rsyslog_start
check "rsyslog listens on UDP and TCP on loopback and on a local socket" rsyslog_ready
config >"$TMPD/config"
check "configuration with session logging loads" rload_q <"$TMPD/config"
check_match "show configuration has security log" "^set security log stream s-tcp transport protocol tcp$" \
	rconf

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
ip netns exec "$R" "$LOGD" --socket "$RS/log.sock" --hostname srx1 >"$TMPD/logd.out" 2>&1 &
logd_pid=$!
_bg_pids+=("$logd_pid")
# the libnl example: another daemon consuming the events
ip netns exec "$R" "$TOP/userspace/examples/sessionlog" >"$TMPD/ex.out" 2>&1 &
ex_pid=$!
_bg_pids+=("$ex_pid")
check "srxflow-logd listens" wait_until 10 file_has "$TMPD/logd.out" "listening:"
check_match "srxflow-logd reads security log from the kernel: stream-event, 2 streams" \
	"listening: configuration generation [0-9]+, mode stream-event, 2 stream\(s\)" cat "$TMPD/logd.out"

traffic() {
	# -t5: the client waits for the echo and the server's FIN, then closes: FIN both ways
	echo hello | ip netns exec "$C" socat -t5 -T10 - \
		TCP:10.0.2.2:80,sourceport=40001,reuseaddr,connect-timeout=8 >/dev/null
	udp_req 10.0.2.2 5000 "$C" ping sourceport=40002,reuseaddr >/dev/null
	in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
	TCP_WAIT=2 tcp_req 10.0.2.2 22 "$C" hello sourceport=40003,reuseaddr >/dev/null 2>&1
}
traffic
# the TCP session ends with FIN (kept 10 s), the UDP one ages out (4 s)
check "TCP FIN and idle Timeout closes arrive" wait_until 40 \
	bash -c "grep -q 'closed TCP FIN: 10.0.1.2/40001' '$MON' && grep -q 'closed idle Timeout: 10.0.1.2/40002' '$MON'"
# an answered echo request closes by itself a few seconds after its reply
check "the answered ping's close arrives" wait_until 15 grep -q "session closed response received: 10.0.1.2/" "$MON"
nap 0.5
kill "$mon_pid" "$monj_pid" "$ex_pid" 2>/dev/null
wait "$mon_pid" "$monj_pid" "$ex_pid" 2>/dev/null
check_match "the libnl example (userspace/examples/sessionlog) prints the events" \
	'^seq [0-9]+ close id [0-9]+ 10\.0\.1\.2/40001->10\.0\.2\.2/80 proto 6 policy p-tcp trust->untrust lan0 reason "TCP FIN" [0-9]+/[0-9]+ [0-9]+/[0-9]+ [0-9]+s$' \
	cat "$TMPD/ex.out"
# what monitor printed, without its time stamps: the Junos message bodies
sed 's/^[^ ]* RT_FLOW: //' "$MON" >"$TMPD/bodies"
nev=$(grep -c . "$TMPD/bodies")
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "rsyslog got every event over UDP, TCP and the local socket" wait_until 15 bash -c \
	'for f in udp tcp local; do [ "$(grep -c . "$1/$f.log")" -ge "$2" ] || exit 1; done' _ "$RS" "$nev"
sed 's/^RT_FLOW: //' "$RS/local.log" >"$TMPD/local.bodies"
sed 's/^srx1 RT_FLOW: //' "$RS/udp.log" >"$TMPD/udp.bodies"
check "event mode: the local syslog has exactly monitor's RT_FLOW lines (tag RT_FLOW)" \
	diff "$TMPD/local.bodies" "$TMPD/bodies"
check "stream, UDP, format syslog: exactly the same lines, from host srx1" \
	diff "$TMPD/udp.bodies" "$TMPD/bodies"
check_match "stream, TCP, sd-syslog: RFC 5424 as rsyslog parsed it, Junos key names (create)" \
	'^srx1 RT_FLOW - RT_FLOW_SESSION_CREATE \[junos@2636\.1\.1\.1\.2\.129 source-address="10\.0\.1\.2" source-port="40001" destination-address="10\.0\.2\.2" destination-port="80" connection-tag="0" service-name="junos-http" nat-source-address="10\.0\.1\.2" nat-source-port="40001" nat-destination-address="10\.0\.2\.2" nat-destination-port="80" nat-connection-tag="0" src-nat-rule-type="N/A" src-nat-rule-name="N/A" dst-nat-rule-type="N/A" dst-nat-rule-name="N/A" protocol-id="6" policy-name="p-tcp" source-zone-name="trust" destination-zone-name="untrust" session-id="[0-9]+" username="N/A" roles="N/A" packet-incoming-interface="lan0" application="UNKNOWN"' \
	cat "$RS/tcp.log"
check_match "sd-syslog close: reason first, packets and bytes both ways, elapsed time" \
	'RT_FLOW_SESSION_CLOSE \[junos@2636\.1\.1\.1\.2\.129 reason="TCP FIN" source-address="10\.0\.1\.2" source-port="40001" .* packets-from-client="[0-9]+" bytes-from-client="[0-9]+" packets-from-server="[0-9]+" bytes-from-server="[0-9]+" elapsed-time="[0-9]+" ' \
	cat "$RS/tcp.log"
check_match "sd-syslog deny" \
	'RT_FLOW_SESSION_DENY \[junos@2636\.1\.1\.1\.2\.129 source-address="10\.0\.1\.2" source-port="40003" destination-address="10\.0\.2\.2" destination-port="22" connection-tag="0" service-name="junos-ssh" protocol-id="6" icmp-type="0" policy-name="no-ssh" .* reason="policy deny" ' \
	cat "$RS/tcp.log"
check_eq "sd-syslog: one line per event" "$nev" "$(grep -c 'RT_FLOW - RT_FLOW_SESSION_' "$RS/tcp.log")"

# --- the TCP stream reconnects; the daemon survives a module reload ------------------------
rsyslog_stop
rm -f "$RS/log.sock"
rsyslog_start
rsyslog_ready
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
nap 1
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "after rsyslog restarted, the TCP stream reconnects and delivers" wait_until 20 bash -c \
	'[ "$(grep -c "stream s-tcp: connected" "$1")" -ge 2 ] && [ "$(grep -c junos-icmp-all "$2")" -ge 3 ]' \
	_ "$TMPD/logd.out" "$RS/tcp.log"
rcli clear security flow session all >/dev/null
rmmod srxflow
check "srxflow-logd notices the module went away" wait_until 10 file_has "$TMPD/logd.out" "went away"
srx_load
rload_q <"$TMPD/config"
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "srxflow-logd listens again after the module came back" wait_until 15 bash -c \
	'[ "$(grep -c "listening:" "$1")" -ge 2 ]' _ "$TMPD/logd.out"
n0=$(grep -c "junos-icmp-all" "$RS/local.log")
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "... and writes the new module's events" wait_until 10 bash -c \
	'[ "$(grep -c junos-icmp-all "$1")" -gt "$2" ]' _ "$RS/local.log" "$n0"

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
check_match "ICMP: closed when answered: response received, 1(84) 1(84), identifier/sequence as ports" \
	"session closed response received: 10.0.1.2/[0-9]+->10.0.2.2/1 0x0 junos-icmp-all .* 1 p-icmp trust untrust $RE_ID 1\(84\) 1\(84\) [0-9]+ " \
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
BURST=${SLOG_BURST:-50000}
rcli clear security flow session all >/dev/null
rcli clear security flow statistics
# logd_counts: "received lost" from srxflow-logd's report (SIGUSR1)
logd_counts() {
	local n0 i
	n0=$(grep -c ": received " "$TMPD/logd.out")
	kill -USR1 "$logd_pid"
	for ((i = 0; i < 300; i++)); do
		[ "$(grep -c ": received " "$TMPD/logd.out")" -gt "$n0" ] && break
		nap 0.2
	done
	sed -n 's/.*: received \([0-9]*\), lost \([0-9]*\) .*/\1 \2/p' "$TMPD/logd.out" | tail -1
}
read -r rx0 lost0 <<<"$(logd_counts)"
tcp0=$(grep -c . "$RS/tcp.log")
t0=$(eng_ms)
left=$BURST port=5000
while [ "$left" -gt 0 ]; do
	n=$((left > 60000 ? 60000 : left))
	in_c "$PKT" udp 10.0.1.2 10.0.2.2 "$port" --count "$n" --sport-base 2000 --sport-range "$n" >/dev/null
	left=$((left - n)) port=$((port + 1))
done
rcli clear security flow session all >/dev/null
t1=$(eng_ms)
# the daemon drains its socket; then one more event (a ping) that arrives:
# every event before it that did not arrive is a gap in the sequence numbers
prev=-1
while c=$(logd_counts); [ "$c" != "$prev" ]; do prev=$c; nap 1; done
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
# (answered: it closes within seconds; its close is the last event)
wait_until 15 sess_is 0 protocol icmp
nap 1
stats=$(rcli show security flow statistics)
created=$(stat_of "Sessions created" "$stats")
closed=$(stat_of "Sessions closed" "$stats")
sent=$(stat_of "Session log events sent" "$stats")
kdropped=$(stat_of "Session log events dropped" "$stats")
read -r rx lost <<<"$(logd_counts)"
arrived=$((rx - rx0)) lost=$((lost - lost0))
echo "# burst: $BURST flows in $((t1 - t0)) ms: created $created closed $closed, kernel sent $sent dropped $kdropped; srxflow-logd got $arrived, lost $lost"
check_range "the burst created most of its flows" $((BURST * 9 / 10)) $((BURST + 1)) "$created"
check_eq "kernel: sent + dropped = created + closed" $((created + closed)) $((sent + kdropped))
check_eq "srxflow-logd: arrived + lost (sequence gaps) = created + closed" \
	$((created + closed)) $((arrived + lost))
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "TCP stream: rsyslog got every event srxflow-logd got" wait_until 30 bash -c \
	'[ "$(grep -c . "$1")" -ge "$2" ]' _ "$RS/tcp.log" $((tcp0 + arrived))
kill "$logd_pid"
wait "$logd_pid" 2>/dev/null
check_match "srxflow-logd reports its losses at exit" \
	"received [0-9]+, lost [0-9]+ \(socket overruns [0-9]+\)" cat "$TMPD/logd.out"

ktap_finish
