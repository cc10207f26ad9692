#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The lab of "What the Flow: Reverse Route Modes on Juniper SRX" (seed 002)
# on Linux VRFs, narrated.  `make demo` runs it in the test VM; it exits
# non-zero if any step does not behave as narrated, so it is also a test.
#
#   LAN host ---- lan0 [VRF LAN, table 10]  FIREWALL  [VRF ISP, table 20] isp0 ---- ISP router
#   10.0.1.2      10.0.1.1                                     10.0.2.1        10.0.2.2
#                                                                      (and 203.0.113.1, "the internet")
#
# VRF ISP has a default route to the ISP router and no route to the LAN.
# The ISP routes are leaked into VRF LAN.  Zones trust (lan0) and untrust
# (isp0), one policy trust -> untrust permit.
#
# Options: --family inet6 (the same lab over IPv6), --quiet (no narration:
# only failures are printed).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
SRX=${SRX:-$top/userspace/srxflow}
KO=${KO:-$top/srxflow.ko}
family=inet
quiet=0
while [ $# -gt 0 ]; do
	case $1 in
	--family) family=$2; shift ;;
	--quiet) quiet=1 ;;
	*) echo "usage: $0 [--family inet|inet6] [--quiet]" >&2; exit 2 ;;
	esac
	shift
done

FW=demo-fw LAN=demo-lan ISP=demo-isp
if [ "$family" = inet6 ]; then
	P=-6 LAN_NET=2001:db8:1::/64 LAN_HOST=2001:db8:1::2 LAN_GW=2001:db8:1::1
	ISP_NET=2001:db8:2::/64 ISP_FW=2001:db8:2::1 ISP_RTR=2001:db8:2::2
	INET=2001:db8:ffff::1 PL=64 NODAD=nodad DEFAULT=::/0
else
	P=-4 LAN_NET=10.0.1.0/24 LAN_HOST=10.0.1.2 LAN_GW=10.0.1.1
	ISP_NET=10.0.2.0/24 ISP_FW=10.0.2.1 ISP_RTR=10.0.2.2
	INET=203.0.113.1 PL=24 NODAD= DEFAULT=0.0.0.0/0
fi

say() { [ $quiet -eq 1 ] || printf '%s\n' "$@"; }
step() { [ $quiet -eq 1 ] || printf '\n=== %s\n' "$*"; }
fail() {
	printf '\nDEMO STEP FAILED: %s\n' "$*" >&2
	[ -n "${last:-}" ] && printf '%s\n' "$last" >&2
	exit 1
}
# fw> srxflow ARGS: print the command and its real output
fw() {
	[ $quiet -eq 1 ] || printf 'firewall> srxflow %s\n' "$*"
	last=$(ip netns exec "$FW" "$SRX" "$@" 2>&1)
	local rc=$?
	[ $quiet -eq 1 ] || printf '%s\n' "$last"
	return $rc
}
# host> command: print and run
on() {
	local ns=$1
	shift
	[ $quiet -eq 1 ] || printf '%s> %s\n' "${ns#demo-}" "$*"
	last=$(ip netns exec "$ns" "$@" 2>&1)
	local rc=$?
	[ $quiet -eq 1 ] || printf '%s\n' "$last"
	return $rc
}
cleanup() { ip netns del "$FW" 2>/dev/null; ip netns del "$LAN" 2>/dev/null; ip netns del "$ISP" 2>/dev/null; }
trap cleanup EXIT

if [ ! -d /sys/module/srxflow ]; then
	modprobe -a nf_defrag_ipv4 nf_defrag_ipv6 nf_reject_ipv4 nf_reject_ipv6 vrf veth 2>/dev/null
	insmod "$KO" || fail "cannot load $KO"
fi
cleanup

step "1. Topology: the firewall's LAN interface is in VRF LAN (table 10), its ISP interface in VRF ISP (table 20)"
ip netns add "$FW" && ip netns add "$LAN" && ip netns add "$ISP" || fail "cannot create namespaces"
ip -b - <<EOF || fail "cannot create links"
link add lan0 netns $FW type veth peer name eth0 netns $LAN
link add isp0 netns $FW type veth peer name eth0 netns $ISP
EOF
ip -n "$FW" -b - <<EOF || fail "cannot configure the firewall"
link set lo up
link add LAN type vrf table 10
link add ISP type vrf table 20
link set LAN up
link set ISP up
link set lan0 master LAN
link set isp0 master ISP
addr add $LAN_GW/$PL dev lan0 $NODAD
addr add $ISP_FW/$PL dev isp0 $NODAD
link set lan0 up
link set isp0 up
route add $DEFAULT via $ISP_RTR dev isp0 vrf ISP
route add $ISP_NET dev isp0 table 10
route add $DEFAULT via $ISP_RTR dev isp0 table 10 onlink
EOF
ip -n "$LAN" -b - <<EOF || fail "cannot configure the LAN host"
link set lo up
addr add $LAN_HOST/$PL dev eth0 $NODAD
link set eth0 up
route add $DEFAULT via $LAN_GW
EOF
ip -n "$ISP" -b - <<EOF || fail "cannot configure the ISP router"
link set lo up
addr add $ISP_RTR/$PL dev eth0 $NODAD
addr add $INET dev lo
link set eth0 up
route add $LAN_NET via $ISP_FW
EOF
ip netns exec "$FW" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
say "The routing tables of the firewall: VRF ISP has only the ISP routes; the ISP routes" \
    "were imported into VRF LAN (route leaking)."
on "$FW" ip $P route show vrf ISP
on "$FW" ip $P route show vrf LAN

say "" "The security configuration, as set lines:"
fw load override - <<EOF >/dev/null || fail "configuration rejected"
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces isp0
set security policies from-zone trust to-zone untrust policy lan-to-isp match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy lan-to-isp then permit
EOF
fw show configuration || fail "show configuration"

step "2. The ISP side pings the LAN: VRF ISP has no route to the LAN, so it does not go through"
say "A router would send it back out its default route; the firewall's first path looks the" \
    "route up in table 20 (the ingress interface's VRF): it points back out isp0, zone" \
    "untrust to untrust, and no policy permits that."
on "$ISP" ping $P -c 2 -i 0.3 -W 1 "$LAN_HOST" && fail "the ISP reached the LAN"
fw show security packet-drop records || fail "packet-drop records"
grep -q "Denied by default policy" <<<"$last" || fail "the drop is not recorded as a default-policy deny"

step "3. The LAN pings the ISP, default reverse-route mode ('flow mode'): it works"
say "The Out wing's route (replies towards the LAN host) is looked up in the table of the" \
    "interface the session came IN on (VRF LAN), where the LAN is reachable."
fw clear security packet-drop records >/dev/null
say "Each echo request is a session of its own, closed a few seconds after its reply (as on" \
    "an SRX): the sessions are read at once."
on "$LAN" ping $P -c 3 -i 0.3 -W 2 "$INET" || fail "LAN -> ISP ping failed in flow mode"
fw show security flow session extensive || fail "show session"
grep -q "Route: 0x0," <<<"$last" && fail "a wing has no route in flow mode"
grep -Eq "Out: .* --> $LAN_HOST/" <<<"$last" || fail "no Out wing towards the LAN host"

step "4. set security flow advanced-options reverse-route-packet-mode-vr ('packet mode')"
say "Now the Out wing's route is looked up in the table of the interface the replies arrive" \
    "on (VRF ISP). There the LAN is only reachable through the default route, which leads back" \
    "out of isp0: no usable reverse route, Route 0x0, and the replies are dropped."
fw set security flow advanced-options reverse-route-packet-mode-vr || fail "set packet mode"
fw clear security flow session all >/dev/null
fw clear security flow statistics >/dev/null
on "$LAN" ping $P -c 3 -i 0.3 -W 1 "$INET" && fail "the ping still works in packet mode"
fw show security flow session extensive || fail "show session"
grep -q "Route: 0x0," <<<"$last" || fail "the Out wing does not show Route: 0x0"
fw show security flow statistics || fail "statistics"
n=$(sed -n 's/^ *No reverse route: \([0-9]*\)/\1/p' <<<"$last")
[ "${n:-0}" -ge 3 ] || fail "the replies were not counted as 'No reverse route' (got ${n:-0})"
fw show security packet-drop records || fail "packet-drop records"
grep -q "No reverse route" <<<"$last" || fail "no 'No reverse route' drop record"

step "5. Back to flow mode: it works again"
fw delete security flow advanced-options reverse-route-packet-mode-vr || fail "delete packet mode"
fw clear security flow session all >/dev/null
on "$LAN" ping $P -c 3 -i 0.3 -W 2 "$INET" || fail "LAN -> ISP ping failed after returning to flow mode"
fw show security flow session || fail "show session"
grep -q "Total sessions: [1-9]" <<<"$last" || fail "no session after returning to flow mode"

say "" "Done: every step behaved as narrated."
exit 0
