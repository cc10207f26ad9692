#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Source NAT pool-utilization-alarm: a /32 pool with a 10-port range,
# raise-threshold 50 clear-threshold 40.  UDP flows through it (the server
# prints the peer it sees): 4 flows (40%) raise nothing, the 5th (50%)
# raises one RT_SRC_NAT_POOL_ALARM_RAISE, more flows no second one; the
# sessions cleared, one RT_SRC_NAT_POOL_ALARM_CLEAR when fewer than 4 are
# left.  Hysteresis: at 4 of 10 (40%, not below the clear threshold) the
# alarm stays raised.  The events reach "monitor security flow session"
# and, through srxflow-logd, a real rsyslog on a stream of category nat
# (tag RT_NAT), and not a stream of category flow.  show security nat
# source pool (and -j) prints the utilization and the alarm; commit
# errors for a clear-threshold not below raise, a clear-threshold alone,
# a value out of range; the global form (corpus config 01's) loads, and a
# pool without its own alarm takes it, with the default clear threshold
# (80% of raise).
. "$(dirname "$0")/lib.sh"

TOP=$(cd "$(dirname "$0")/../.." && pwd)
LOGD=$TOP/userspace/srxflow-logd
[ -x "$LOGD" ] || ktap_skip_all "userspace/srxflow-logd not built (make)"
command -v rsyslogd >/dev/null || ktap_skip_all "rsyslog not installed (make deps)"

ktap_plan 35
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
ip -n "$S" route del default via 10.0.2.1
ip -n "$S" route add 198.51.100.0/24 via 10.0.2.1

# one process answers every datagram with the peer it saw
cat >"$TMPD/udpsrv.py" <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 5000))
while True:
    d, a = s.recvfrom(2048)
    s.sendto(("peer=%s:%d\n" % a).encode(), a)
PY
bg ip netns exec "$S" /usr/bin/python3 "$TMPD/udpsrv.py"
wait_listen "$S" 5000 || echo "# server in S did not come up"

# flows N FIRST-SPORT: N UDP flows, one per source port, one after the other
cat >"$TMPD/udpcli.py" <<'PY'
import socket, sys
n, first = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", first + i))
    s.settimeout(5)
    s.sendto(b"x", ("10.0.2.2", 5000))
    try:
        print(s.recv(2048).decode().strip(), flush=True)
    except socket.timeout:
        print("no answer", flush=True)
    s.close()
PY
flows() {
	ip netns exec "$C" /usr/bin/python3 "$TMPD/udpcli.py" "$1" "$2"
}

# rsyslog in R: UDP 5514 (stream of category nat), UDP 5516 (category flow)
RS=$TMPD/rsyslog
mkdir -p "$RS/work"
cat >"$RS/rsyslog.conf" <<RSCONF
global(workDirectory="$RS/work")
module(load="imudp")
template(name="text" type="string" string="%hostname% %syslogtag%%msg%\\n")
ruleset(name="nat") { action(type="omfile" file="$RS/nat.log" template="text") }
ruleset(name="flow") { action(type="omfile" file="$RS/flow.log" template="text") }
input(type="imudp" address="127.0.0.1" port="5514" ruleset="nat")
input(type="imudp" address="127.0.0.1" port="5516" ruleset="flow")
RSCONF
ip netns exec "$R" rsyslogd -n -f "$RS/rsyslog.conf" -i "$RS/pid" >>"$RS/rsyslogd.out" 2>&1 &
_bg_pids+=($!)
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "rsyslog listens on UDP 5514 and 5516" wait_until 20 ip netns exec "$R" bash -c \
	'o=$(ss -Hlun) && [[ $o == *127.0.0.1:5514* && $o == *127.0.0.1:5516* ]]'

conf() {
	cat <<-EOF
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set applications application udp5000-long protocol udp destination-port 5000 inactivity-timeout 600
	set security policies from-zone trust to-zone untrust policy udp-long match source-address any destination-address any application udp5000-long
	set security policies from-zone trust to-zone untrust policy udp-long then permit
	set security policies from-zone trust to-zone untrust policy udp-long then log session-init
	set security nat source pool p1 address 198.51.100.1/32
	set security nat source pool p1 port range 20000 to 20009
	set security nat source pool p1 pool-utilization-alarm raise-threshold $1${2:+ clear-threshold $2}
	set security nat source rule-set rs1 from zone trust
	set security nat source rule-set rs1 to zone untrust
	set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
	set security nat source rule-set rs1 rule r1 then source-nat pool p1
	set security log mode stream
	set security log source-address 127.0.0.1
	set security log stream s-nat host 127.0.0.1 port 5514
	set security log stream s-nat category nat
	set security log stream s-flow host 127.0.0.1 port 5516
	set security log stream s-flow category flow
	EOF
}

# --- commit errors --------------------------------------------------------------------------
conf 50 60 >"$TMPD/bad.set"
check_rejected "clear-threshold not below raise-threshold: rejected, naming both" \
	'security nat source pool p1 pool-utilization-alarm clear-threshold 60: must be below raise-threshold 50' \
	rload <"$TMPD/bad.set"
conf 50 50 >"$TMPD/bad.set"
check_rejected "clear-threshold equal to raise-threshold: rejected" \
	'clear-threshold 50: must be below raise-threshold 50' rload <"$TMPD/bad.set"
check_rejected "raise-threshold 30: out of range" '30' rcli set security nat source pool p1 \
	pool-utilization-alarm raise-threshold 30
check_rejected "clear-threshold 39: out of range" '39' rcli set security nat source \
	pool-utilization-alarm clear-threshold 39
{ conf 50 40 | grep -v raise-threshold
  echo "set security nat source pool p1 pool-utilization-alarm clear-threshold 40"; } >"$TMPD/bad.set"
check_rejected "clear-threshold without raise-threshold: rejected" \
	'pool-utilization-alarm clear-threshold 40: needs a raise-threshold' rload <"$TMPD/bad.set"
check_rejected "global form: clear not below raise rejected too" \
	'security nat source pool-utilization-alarm clear-threshold 90: must be below raise-threshold 85' \
	rmerge <<-'EOF'
	set security nat source pool-utilization-alarm raise-threshold 85
	set security nat source pool-utilization-alarm clear-threshold 90
	EOF

# --- the global form: every pool without its own alarm takes it -------------------------------
{ conf 50 40 | grep -v pool-utilization-alarm
  echo "set security nat source pool-utilization-alarm raise-threshold 85"; } >"$TMPD/global.set"
check "global pool-utilization-alarm raise-threshold 85 loads" rload_q <"$TMPD/global.set"
out=$(rcli show security nat source pool p1)
check_match "the pool takes the global raise threshold" '^Raise threshold +: 85%$' echo "$out"
check_match "clear-threshold defaults to 80% of raise (68)" '^Clear threshold +: 68%$' echo "$out"

# --- the alarm ------------------------------------------------------------------------------
conf 50 40 >"$TMPD/alarm.set"
check "pool p1: 10 ports, raise-threshold 50 clear-threshold 40 loads" rload_q <"$TMPD/alarm.set"
check_match "the configuration reads back" \
	'^set security nat source pool p1 pool-utilization-alarm clear-threshold 40$' rconf
MON=$TMPD/monitor.txt
ip netns exec "$R" "$SRX" monitor security flow session >"$MON" 2>"$TMPD/monitor.err" &
_bg_pids+=($!)
ip netns exec "$R" "$LOGD" --hostname srx1 >"$TMPD/logd.out" 2>&1 &
_bg_pids+=($!)
wait_until 10 file_has "$TMPD/monitor.err" "monitoring session log" || echo "# monitor did not start"
check "srxflow-logd listens" wait_until 10 file_has "$TMPD/logd.out" "listening:"
raises() { grep -c 'RT_SRC_NAT_POOL_ALARM_RAISE' "$MON"; }
clears() { grep -c 'RT_SRC_NAT_POOL_ALARM_CLEAR' "$MON"; }

out=$(flows 4 41000)
check_eq "4 flows leave as the pool address" 4 "$(grep -c '^peer=198\.51\.100\.1:2000[0-9]$' <<<"$out")"
nap 1
check_eq "4 of 10 ports (40%): no raise event" 0 "$(raises)"
out=$(rcli show security nat source pool p1)
check_match "show pool: utilization 40% (4 of 10 ports)" '^Utilization +: 40% \(4 of 10 ports\)$' echo "$out"
check_match "show pool: the alarm is clear" '^Utilization alarm +: clear \(raised 0 times\)$' echo "$out"

out=$(flows 2 41100)
check_eq "2 more flows leave as the pool address" 2 "$(grep -c '^peer=198\.51\.100\.1:' <<<"$out")"
check "the 5th flow (50%) raises the alarm: the event reaches monitor" \
	wait_until 10 grep -q 'RT_NAT: RT_SRC_NAT_POOL_ALARM_RAISE: Source NAT pool: p1, threshold: 50%, current: 50%$' "$MON"
check "... and rsyslog on the stream of category nat, tag RT_NAT" wait_until 10 grep -q \
	'^srx1 RT_NAT: RT_SRC_NAT_POOL_ALARM_RAISE: Source NAT pool: p1, threshold: 50%, current: 50%$' "$RS/nat.log"
out=$(rcli show security nat source pool p1)
check_match "show pool: 60% (6 of 10 ports), thresholds 50 and 40" \
	'^Utilization +: 60% \(6 of 10 ports\)$' echo "$out"
check_match "show pool: the alarm is raised, once" '^Utilization alarm +: raised \(raised 1 times\)$' echo "$out"
check_match "show pool -j: in-use, capacity, alarm" \
	'"in-use": ?6,.*"capacity": ?10,.*"utilization-percent": ?60,.*"raise-threshold": ?50,.*"clear-threshold": ?40,.*"alarm-raised": ?true' \
	bash -c "ip netns exec $R $SRX -j show security nat source pool p1 | tr -d '\n'"

out=$(flows 2 41200)
nap 1
check_eq "8 of 10 (staying above): still one raise event" 1 "$(raises)"
# a commit that keeps the pool keeps its count
sed 's/inactivity-timeout 600/inactivity-timeout 601/' "$TMPD/alarm.set" | rload_q
check_match "a commit keeping the pool keeps its count (8 of 10)" \
	'^Utilization +: 80% \(8 of 10 ports\)$' rcli show security nat source pool p1

# clear sessions one source port at a time: 8 -> 4 (40%, in the band: raised)
for p in 41000 41001 41002 41003; do
	rcli clear security flow session source-port $p >/dev/null
done
nap 1
check_eq "down to 4 of 10 (40%, not below clear-threshold 40): no clear event" 0 "$(clears)"
check_match "show pool: 4 of 10, still raised" '^Utilization alarm +: raised' rcli show security nat source pool p1
rcli clear security flow session source-port 41100 >/dev/null
check "3 of 10 (30%): the clear event" wait_until 10 grep -q \
	'RT_NAT: RT_SRC_NAT_POOL_ALARM_CLEAR: Source NAT pool: p1, threshold: 40%, current: 30%$' "$MON"
rcli clear security flow session all >/dev/null
nap 1
check_eq "all sessions cleared: one clear event, one raise event in all" "1 1" "$(clears) $(raises)"
out=$(rcli show security nat source pool p1)
check_match "show pool: 0 of 10, alarm clear" '^Utilization +: 0% \(0 of 10 ports\)$' echo "$out"
check_match "rsyslog (category nat): the clear event, tag RT_NAT" '^srx1 RT_NAT: RT_SRC_NAT_POOL_ALARM_CLEAR: ' \
	cat "$RS/nat.log"

# a second crossing raises again; the stream of category flow never saw RT_NAT
flows 5 42000 >/dev/null
check "a second crossing: a second raise event" wait_until 10 bash -c "[ \$(grep -c RT_SRC_NAT_POOL_ALARM_RAISE '$MON') = 2 ]"
check "the nat stream got the three events" wait_until 10 bash -c "[ \$(grep -c . '$RS/nat.log') -ge 3 ]"
check_eq "the nat stream carries only RT_NAT events (2 raises, 1 clear)" "3 2 1" \
	"$(grep -c . "$RS/nat.log") $(grep -c ' RT_NAT: RT_SRC_NAT_POOL_ALARM_RAISE: ' "$RS/nat.log") $(grep -c ' RT_NAT: RT_SRC_NAT_POOL_ALARM_CLEAR: ' "$RS/nat.log")"
check_nomatch "the stream of category flow has no RT_NAT event" 'RT_NAT' cat "$RS/flow.log"
ktap_finish
