#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Linux kernel's own YNL client (tools/net/ynl/cli.py and its lib/,
# unmodified; tests/tools/ynl/README says which version and where it is)
# reads Documentation/netlink/specs/srxflow.yaml and subscribes to each
# multicast group of the family (trace, drop, session) with no other
# request first: joining the group is enough to receive its events.  The
# spec's events are event-only (no do operation YNL could call).
. "$(dirname "$0")/lib.sh"

YNL=${SRXFLOW_YNL_DIR:-/root/.cache/srxflow/ynl}
SPEC=$TOP/Documentation/netlink/specs/srxflow.yaml
PY=/usr/bin/python3
if [ ! -r "$YNL/cli.py" ] || [ ! -r "$YNL/lib/ynl.py" ]; then
	ktap_skip_all "the kernel's YNL client is not in $YNL (see tests/tools/ynl/README)"
fi
"$PY" -c 'import yaml' 2>/dev/null || ktap_skip_all "python3-yaml not installed (make deps)"
ktap_plan 12
srx_load
eng_tmpdir
topo_router

# --- the spec as YNL reads it: three event-only messages, three groups ----------------
spec_events() {
	"$PY" - "$YNL" "$SPEC" <<-'PYEOF'
	import sys
	sys.path.insert(0, sys.argv[1])
	from lib.nlspec import SpecFamily
	f = SpecFamily(sys.argv[2], '')
	for n, g in (('trace-event', 'trace'), ('drop-event', 'drop'),
	             ('session-event', 'session')):
	    m = f.msgs[n]
	    print(n, 'event' if m.is_async and not m.is_call else 'CALL',
	          'op' if n in f.ops else 'not-an-op', m['mcgrp'],
	          'group' if g in f.mcast_groups else 'NO-GROUP')
	PYEOF
}
spec=$(spec_events 2>&1)
check_eq "YNL reads the three events as event-only messages of groups trace, drop, session" \
	"trace-event event not-an-op trace group
drop-event event not-an-op drop group
session-event event not-an-op session group" "$spec"

rload_q <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy p-icmp match source-address any destination-address any application junos-icmp-all
set security policies from-zone trust to-zone untrust policy p-icmp then permit
set security policies from-zone trust to-zone untrust policy p-icmp then log session-init
set security policies from-zone trust to-zone untrust policy p-icmp then log session-close
set security policies from-zone trust to-zone untrust policy no-udp match source-address any destination-address any application junos-udp-any
set security policies from-zone trust to-zone untrust policy no-udp then deny
set security policies from-zone trust to-zone untrust policy no-udp then log session-init
set security flow traceoptions file ynl-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter f1 destination-prefix 10.0.2.2/32
EOF

# --- one unmodified cli.py per group, started before anything else listens -------------
# (no srxflow monitor, no srxflow-logd: nothing but the group membership)
declare -A pid
for g in trace drop session; do
	ip netns exec "$R" "$PY" "$YNL/cli.py" --spec "$SPEC" --no-schema \
		--subscribe "$g" --sleep 20 >"$TMPD/$g.out" 2>"$TMPD/$g.err" &
	pid[$g]=$!
	_bg_pids+=($!)
done
# subscribed once cli.py sleeps (it joins the group, then sleeps)
asleep() {
	local g
	for g in trace drop session; do
		grep -q nanosleep "/proc/${pid[$g]}/wchan" 2>/dev/null || return 1
	done
}
check "the three YNL subscribers joined their groups" wait_until 60 asleep

in_c ping -c 2 -W 2 10.0.2.2 >/dev/null			# p-icmp: a session, traced
in_c bash -c 'echo x >/dev/udp/10.0.2.2/7000' 2>/dev/null	# no-udp: denied, dropped, traced
in_c bash -c 'echo x >/dev/udp/10.0.2.2/7001' 2>/dev/null

for g in trace drop session; do
	wait "${pid[$g]}"
	rc=$?
	if [ "$rc" = 0 ]; then
		ktap_ok "cli.py --subscribe $g exits 0"
	else
		ktap_fail "cli.py --subscribe $g exits 0" "exit $rc" "$(tail -n 8 "$TMPD/$g.err")"
	fi
done

# cli.py prints the queued notifications (pprint of a list of dicts); one
# line per record: "EVENT ATTR field=value..." (scalars and strings)
flat() {
	"$PY" - "$1" <<-'PYEOF'
	import ast, sys
	for e in ast.literal_eval(open(sys.argv[1]).read()):
	    for k, v in e['msg'].items():
	        for r in (v if isinstance(v, list) else [v]):
	            print(e['name'], k, ' '.join(f'{a}={b}' for a, b in sorted(r.items())
	                                       if isinstance(b, (str, int))))
	PYEOF
}
s=$TMPD/session.out d=$TMPD/drop.out t=$TMPD/trace.out
check_match "session group: session-events" "^session-event slog " flat "$s"
check_match "...RT_FLOW_SESSION_CREATE of policy p-icmp, trust -> untrust" \
	"^session-event slog .*from-zone=trust .*policy=p-icmp .*to-zone=untrust type=create$" flat "$s"
check_match "...RT_FLOW_SESSION_DENY of policy no-udp" \
	"^session-event slog .*policy=no-udp .*reason=policy deny .*type=deny$" flat "$s"
check_match "drop group: drop-events" "^drop-event drop-rec " flat "$d"
check_match "...the drop record: ingress lan0, reason policy-deny, to 7000" \
	"^drop-event drop-rec .*dport=7000 .*ifname=lan0 .*reason=policy-deny" flat "$d"
check_match "trace group: trace-events with the deny traced" \
	"^trace-event log-line .*text=.*Denied by policy no-udp" flat "$t"
check_nomatch "each subscriber got only its own group's events" \
	"^(session|trace)-event" flat "$d"
ktap_finish
