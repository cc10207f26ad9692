#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Privileges. Every command of the generic netlink family, reads included,
# and joining either multicast group need CAP_NET_ADMIN over the network
# namespace: an unprivileged user gets EPERM and the CLI says so in one line;
# root still works. The owner of a user namespace may configure srxflow in a
# network namespace of its own (the netfilter convention) unless the module
# is loaded with restrict_userns=1: then every command needs CAP_NET_ADMIN in
# the initial user namespace, and no events are multicast into namespaces
# owned by other user namespaces.
. "$(dirname "$0")/lib.sh"

command -v setpriv >/dev/null || ktap_skip_all "setpriv (util-linux) missing"
command -v unshare >/dev/null || ktap_skip_all "unshare (util-linux) missing"

ktap_plan 32
eng_tmpdir
srx_load
modprobe dummy 2>/dev/null
topo_router
srx_base_config >/dev/null
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null

EPERM_RE='^srxflow: [^:]+: permission denied: CAP_NET_ADMIN is required$'
EPERM_INIT_RE='^srxflow: [^:]+: permission denied: CAP_NET_ADMIN in the initial user namespace is required \(restrict_userns\)$'
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# refused NAME ERE CMD...: CMD fails and prints exactly one line, matching ERE
refused() {
	local name=$1 re=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
	   printf '%s\n' "$out" | grep -Eq -- "$re"; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "command: $*" "exit status $rc, expected one line matching $re:" "$out"
	fi
}

# --- an unprivileged user in the router namespace (owned by the initial user ns) ---------
nrcli() { in_r setpriv --reuid=65534 --regid=65534 --clear-groups "$SRX" "$@"; }
for cmd in "show security flow session" "show security flow session summary" \
	   "show configuration" "show security policies" "show security policies hit-count" \
	   "show security flow status" "show security flow statistics" "show security zones" \
	   "show security match-policies from-zone trust to-zone untrust source-ip 10.0.1.2 destination-ip 10.0.2.2" \
	   "show log fw-trace" "show security packet-drop records" "show version" \
	   "clear security flow session all"; do
	# shellcheck disable=SC2086
	refused "unprivileged: $cmd: EPERM in one line" "$EPERM_RE" nrcli $cmd
done
refused "unprivileged: set: EPERM in one line" "$EPERM_RE" \
	nrcli set security zones security-zone dmz interfaces lo
refused "unprivileged: monitor security flow: the group join is refused" \
	"^srxflow: joining multicast group trace: permission denied: CAP_NET_ADMIN is required$" \
	in_r timeout 10 setpriv --reuid=65534 --regid=65534 --clear-groups "$SRX" monitor security flow
refused "unprivileged: monitor security packet-drop: the group join is refused" \
	"^srxflow: joining multicast group drop: permission denied: CAP_NET_ADMIN is required$" \
	in_r timeout 10 setpriv --reuid=65534 --regid=65534 --clear-groups "$SRX" \
	monitor security packet-drop
# a fresh session: the first one's 60 s may be over on a slow (debug) kernel
in_c ping -c 1 -W 2 10.0.2.2 >/dev/null
check_match "root still reads the sessions" "Policy name: allow-all" rcli show security flow session
check_match "root still reads the configuration" "security-zone trust interfaces lan0" \
	rcli show configuration '|' display set
mon=$TMPD/mon
in_r timeout 3 "$SRX" monitor security packet-drop >"$mon" 2>&1
check_match "root still joins the multicast groups" "monitoring packet drops" cat "$mon"

# --- the owner of a user namespace, in a network namespace of its own ----------------------
# userns_run SCRIPT: bash -c SCRIPT as nobody in a new user + network namespace
userns_run() {
	nobody unshare -Urn bash -c "ip link set lo up; ip link add d0 type dummy; $1" 2>&1
}
if ! userns_run true >/dev/null; then
	sysctl -qw kernel.unprivileged_userns_clone=1 2>/dev/null
fi
uscript="\"$SRX\" set security zones security-zone z1 interfaces d0 >/dev/null &&
	\"$SRX\" show configuration '|' display set"
check_match "user namespace owner configures its own namespace" \
	"^set security zones security-zone z1 interfaces d0$" userns_run "$uscript"
check_match "user namespace owner joins the groups in its own namespace" \
	"monitoring flow trace" userns_run "timeout 3 \"$SRX\" monitor security flow"
refused "user namespace owner cannot reach the initial namespace's configuration" "$EPERM_RE" \
	nobody "$SRX" show configuration

# --- restrict_userns=1 ------------------------------------------------------------------
srx_unload
# shellcheck disable=SC2086
check "insmod srxflow.ko restrict_userns=1" insmod "$KO" restrict_userns=1 ${SRXFLOW_KO_PARAMS:-}
check_eq "parameter readable in sysfs" Y "$(cat /sys/module/srxflow/parameters/restrict_userns 2>&1)"
srx_base_config >/dev/null
check_match "root still configures and reads" "security-zone trust interfaces lan0" \
	rcli show configuration '|' display set
refused "restrict_userns: user namespace owner cannot configure its own namespace" \
	"$EPERM_INIT_RE" userns_run "\"$SRX\" set security zones security-zone z1 interfaces d0"
refused "restrict_userns: user namespace owner cannot read its own namespace" \
	"$EPERM_INIT_RE" userns_run "\"$SRX\" show security flow status"
refused "restrict_userns: user namespace owner cannot monitor" \
	"$EPERM_INIT_RE" userns_run "timeout 10 \"$SRX\" monitor security flow"
# root (initial user namespace) entering a namespace owned by another user ns:
# commands work, but no events are multicast there (the kernel's join check
# would let the owner listen)
setpriv --reuid=65534 --regid=65534 --clear-groups unshare -Urn sleep 60 &
upid=$!
_bg_pids+=("$upid")
# shellcheck disable=SC2016 # (expanded by the inner bash)
check "a user namespace owned by nobody with its own network namespace" wait_until 5 \
	bash -c '[ "$(readlink /proc/$1/ns/net)" != "$(readlink /proc/self/ns/net)" ]' _ "$upid"
check_match "restrict_userns: root configures a namespace owned by another user ns" \
	"^set security zones security-zone z2 interfaces lo$" \
	bash -c "nsenter -t $upid -n '$SRX' set security zones security-zone z2 interfaces lo >/dev/null &&
		 nsenter -t $upid -n '$SRX' show configuration '|' display set"
refused "restrict_userns: ... but gets no events there" \
	"^srxflow: monitor: restrict_userns: no events in a namespace owned by another user namespace$" \
	timeout 10 nsenter -t "$upid" -n "$SRX" monitor security flow

# back to the default for the scripts that follow
srx_unload
srx_load
check_eq "default load: restrict_userns is N" N "$(cat /sys/module/srxflow/parameters/restrict_userns 2>&1)"
ktap_finish
