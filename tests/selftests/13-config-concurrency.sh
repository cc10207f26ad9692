#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration and its environment: two concurrent writers lose no update;
# a caller without CAP_NET_ADMIN can neither read nor change; the configuration
# is per network namespace; zones bind interfaces by name (an interface
# that does not exist yet, created, renamed away and back, deleted), in
# `show security zones` and in the data path.
# shellcheck disable=SC1010,SC2317 # "then" in statements; functions called indirectly
. "$(dirname "$0")/lib.sh"

srx_load
if [ -z "${SRX_IN_NS:-}" ]; then
	topo_router || ktap_skip_all "cannot build the router topology"
fi
ns_reexec "$R"
ktap_plan 25

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT

rload >/dev/null <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security address-book global address base 192.0.2.1/32
	set security policies from-zone trust to-zone untrust policy p1 match source-address any destination-address base application any then permit
	set security policies from-zone trust to-zone untrust policy p2 match source-address any destination-address any application junos-ping then permit
	EOF

# --- two concurrent writers -----------------------------------------------------------------
# 300 more addresses make every read-modify-commit take longer: more overlap
awk 'BEGIN { for (i = 0; i < 300; i++)
	printf "set security address-book global address filler%d 10.200.%d.%d/32\n", i, int(i / 256), i % 256 }' |
	rmerge >/dev/null
# writer NAME PREFIX: 15 one-shot `set`s adding PREFIX1..PREFIX15; failures in $WORK/NAME.err
writer() {
	local i
	for i in $(seq 15); do
		rcli set security address-book global address "$2$i" "10.$3.0.$i/32" \
			>>"$WORK/$1.out" 2>&1 || echo "$2$i failed" >>"$WORK/$1.err"
	done
}
: >"$WORK/A.err"
: >"$WORK/B.err"
writer A a 1 &
pa=$!
writer B b 2 &
pb=$!
wait "$pa" "$pb"
check_eq "no writer's commit failed" "" "$(cat "$WORK/A.err" "$WORK/B.err")"
want=$(for i in $(seq 15); do echo "a$i 10.1.0.$i/32"; echo "b$i 10.2.0.$i/32"; done | sort)
got=$(rcli show configuration security address-book global '|' display set |
	sed -n 's/^set security address-book global address \([ab][0-9]*\) /\1 /p' | sort)
check_same "all 30 addresses of both writers are there (no update lost)" "$want" "$got"

# --- unprivileged caller ---------------------------------------------------------------------
if command -v setpriv >/dev/null; then
	unpriv() {
		setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$SRX" "$@"
	}
elif command -v capsh >/dev/null; then
	unpriv() {
		# shellcheck disable=SC2016 # expanded by the shell capsh starts
		capsh --drop=cap_net_admin --user=nobody -- -c '"$0" "$@"' "$SRX" "$@"
	}
else
	unpriv() { echo "no setpriv or capsh"; return 1; }
fi
conf=$(rconf)
CONF_BASE=$conf
PERM="[Pp]ermission|CAP_NET_ADMIN"
check_rejected "unprivileged set: permission error (CAP_NET_ADMIN)" "$PERM" \
	unpriv set security address-book global address evil 10.66.0.1/32
check_rejected "unprivileged delete: permission error" "$PERM" \
	unpriv delete security policies from-zone trust to-zone untrust policy p1
unpriv_load() { echo "set security zones security-zone evil interfaces evil0" | unpriv load override -; }
check_rejected "unprivileged load override: permission error" "$PERM" unpriv_load
check_rejected "unprivileged insert: permission error" "$PERM" \
	unpriv insert security policies from-zone trust to-zone untrust policy p2 before policy p1
chmod 755 "$WORK"
printf '%s\n' "$conf" >"$WORK/cc.set"
chmod 644 "$WORK/cc.set"
check_rejected "unprivileged commit check: permission error" "$PERM" \
	unpriv commit check "$WORK/cc.set"
CONF_BASE=
EPERM_LINE="permission denied: CAP_NET_ADMIN is required"
run_cmd unpriv show configuration
check_eq "unprivileged show configuration: refused in one line" \
	"1 srxflow: show configuration: $EPERM_LINE" "$_last_rc $_last_out"
run_cmd unpriv show security policies
check_eq "unprivileged show security policies: refused in one line" \
	"1 srxflow: show security policies: $EPERM_LINE" "$_last_rc $_last_out"

# --- per network namespace --------------------------------------------------------------------
Y=$NSP-y
ns_add "$Y"
ycli() { ip netns exec "$Y" "$SRX" "$@"; }
run_cmd ycli show configuration
check_eq "a fresh namespace has an empty configuration" "0 " "$_last_rc $_last_out"
ip -n "$Y" link add ylan0 type dummy
run_cmd ycli load override - <<-'EOF'
	set security zones security-zone trust interfaces ylan0
	set security zones security-zone far interfaces yfar0
	set security policies from-zone trust to-zone far policy y1 match source-address any destination-address any application any then deny
	EOF
ylines=$(ycli show configuration '|' display set)
check_eq "namespace Y has its own configuration" "0 load complete|6|0" \
	"$_last_rc $_last_out|$(printf '%s\n' "$ylines" | grep -c .)|$(printf '%s\n' "$ylines" | grep -cE ' lan0| base| p1')"
check_same "committing in Y did not touch the router namespace" "$conf" "$(rconf)"
check_match "policy indexes are per namespace (Y's first policy is Index 1)" \
	"Policy: y1, State: enabled, Index: 1," ycli show security policies
check_nomatch "the router's zones do not see Y's interfaces" "ylan0|yfar0" rcli show security zones
run_cmd rcli delete security zones security-zone untrust interfaces wan0
check_eq "a commit in the router namespace does not touch Y" "$ylines" "$(ycli show configuration '|' display set)"
rcli set security zones security-zone untrust interfaces wan0 >/dev/null

# --- interfaces bound by name ------------------------------------------------------------------
# iface_state ZONE IF: the line of IF in `show security zones ZONE`, without indentation
iface_state() { rcli show security zones "$1" | sed -n "s/^    \($2\( .*\)\?\)$/\1/p"; }
rcli set security zones security-zone trust interfaces late0 >/dev/null
check_eq "an interface that does not exist yet: (not present)" "late0 (not present)" \
	"$(iface_state trust late0)"
check_match "... and is not counted as bound (lan0 only)" "^  Interfaces bound: 1$" \
	rcli show security zones trust
ip -n "$R" link add late0 type dummy
check_eq "created: bound" "late0" "$(iface_state trust late0)"
check_match "... and counted as bound (lan0, late0)" "^  Interfaces bound: 2$" \
	rcli show security zones trust
ip -n "$R" link set dev late0 name other0
check_eq "renamed away: unbound" "late0 (not present)" "$(iface_state trust late0)"
ip -n "$R" link set dev other0 name late0
check_eq "renamed back: bound again" "late0" "$(iface_state trust late0)"
ip -n "$R" link del late0
check_eq "deleted: unbound" "late0 (not present)" "$(iface_state trust late0)"

# the data path follows the names too: trust has no host-inbound-traffic, so
# pings to the router's lan0 address are dropped while lan0 is in the zone,
# and pass (plain Linux) while the interface has another name
rename_lan0() { ip -n "$R" -b - <<<"link set dev $1 down
link set dev $1 name $2
link set dev $2 up"; }
check_fail "bound lan0: ping to the router dropped (no host-inbound-traffic)" \
	in_c ping -c 2 -i 0.3 -W 1 10.0.1.1
rename_lan0 lan0 lanx
check "lan0 renamed to lanx: unzoned, ping to the router answered" \
	wait_for 5 in_c ping -c 1 -W 1 10.0.1.1
rename_lan0 lanx lan0
sleep 0.5
check_fail "renamed back to lan0: in the zone again, ping dropped" \
	in_c ping -c 2 -i 0.3 -W 1 10.0.1.1

ktap_finish
