#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration at scale: a single policy with 1,500 source addresses and
# an address-set of 1,500 members (objects of ~48 KB, a transaction of
# several netlink messages) commits and round-trips; 10,000 policies +
# 10,000 addresses load; unloading the module with all of it loaded leaves
# nothing behind.  (Commit time is measured by 16-config-commit-time, on
# instruction time.)
# shellcheck disable=SC2317 # functions called indirectly (check)
. "$(dirname "$0")/lib.sh"

srx_load
B=$NSP-b	# the big policy lives in a namespace of its own
if [ -z "${SRX_IN_NS:-}" ]; then
	ns_add "$R" "$B" || ktap_skip_all "cannot create a network namespace"
fi
ns_reexec "$R"
ktap_plan 13
bcli() { ip netns exec "$B" "$SRX" "$@"; }

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT

# --- one big policy -----------------------------------------------------------------------
# 1,500 addresses with 26-character names: the policy naming all of them and
# the set holding all of them are ~48 KB objects each.
awk 'BEGIN {
	print "set security zones security-zone trust interfaces lan0"
	print "set security zones security-zone untrust interfaces wan0"
	for (i = 0; i < 1500; i++)
		printf "set security address-book global address source-address-number-%04d 10.%d.%d.%d/32\n", i, 100 + int(i / 65536), int(i / 256) % 256, i % 256
	for (i = 0; i < 1500; i++)
		printf "set security address-book global address-set all-sources address source-address-number-%04d\n", i
	for (i = 0; i < 1500; i++)
		printf "set security policies from-zone trust to-zone untrust policy big match source-address source-address-number-%04d\n", i
	print "set security policies from-zone trust to-zone untrust policy big match destination-address any application junos-http then permit"
	print "set security policies from-zone untrust to-zone trust policy big-set match source-address all-sources destination-address any application any then deny"
}' >"$WORK/big.set"
run_cmd bcli load override "$WORK/big.set"
check_eq "a policy with 1,500 source addresses and a 1,500-member set commit" \
	"0 load complete" "$_last_rc $_last_out"
bcli show configuration '|' display set >"$WORK/bigA.set"
check_eq "show configuration has all 1,500 source addresses of the policy" 1500 \
	"$(grep -c '^set security policies from-zone trust to-zone untrust policy big match source-address source-address-number-' "$WORK/bigA.set")"
check_eq "... and all 1,500 members of the set" 1500 \
	"$(grep -c '^set security address-book global address-set all-sources address ' "$WORK/bigA.set")"
run_cmd bcli load override "$WORK/bigA.set"
bcli show configuration '|' display set >"$WORK/bigB.set"
# nonempty_same A B: file A is not empty and B is identical
nonempty_same() { [ -s "$1" ] && cmp "$1" "$2"; }
check "round trip of the big configuration is byte-identical" nonempty_same "$WORK/bigA.set" "$WORK/bigB.set"
# the kernel got every member: the last one matches
check_match "the last source address (10.100.5.219) matches the big policy" "^Policy: big, action-type: permit" \
	bcli show security match-policies from-zone trust to-zone untrust source-ip 10.100.5.219 destination-ip 192.0.2.1 protocol tcp destination-port 80
check_match "the last set member (10.100.5.219) matches the set's policy" "^Policy: big-set, action-type: deny" \
	bcli show security match-policies from-zone untrust to-zone trust source-ip 10.100.5.219 destination-ip 192.0.2.1 protocol tcp destination-port 80

# --- 10,000 policies + 10,000 addresses -----------------------------------------------------
gen_policies 10000 >"$WORK/10k.set"

run_cmd rload <"$WORK/10k.set"
check_eq "load override of 10,000 policies + 10,000 addresses" "0 load complete" "$_last_rc $_last_out"
counts=$(rconf | awk '/^set security policies from-zone .* then (permit|deny)$/ { p++ }
	/^set security address-book global address h[0-9]+ / { a++ }
	$0 == "set security policies from-zone mgmt to-zone trust policy p9999 then permit" { last = "p9999" }
	END { print p + 0, a + 0, last }')
check_eq "all 10,000 policies and 10,000 addresses are in the configuration, p9999 last" \
	"10000 10000 p9999" "$counts"

# --- unload with the 10k configuration (and the big policy) loaded -------------------------------------------------
t0=$(now_us)
run_cmd rmmod srxflow
echo "# rmmod with 10k policies: $(us_fmt $(($(now_us) - t0))) s"
check_eq "rmmod srxflow with 10,000 policies + addresses loaded" "0 " "$_last_rc $_last_out"
check_fail "the module is gone" test -d /sys/module/srxflow
check_fail "no srxflow slab cache left in /proc/slabinfo" grep -q srxflow /proc/slabinfo
check "the module loads again" srx_load
run_cmd rconf
check_eq "... with an empty configuration in the namespace" "0 " "$_last_rc $_last_out"

ktap_finish
