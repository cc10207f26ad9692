#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The generic netlink example userspace/examples/readconf (libnl-genl-3),
# run in a router namespace, prints the running configuration as the
# kernel keeps it: the generation, zones with their interfaces, addresses,
# policies with their kernel-assigned index.  Its output must agree with
# the CLI (`show configuration`, `show security policies`, the generation
# of `show security flow status`), also after a further commit; reading
# needs CAP_NET_ADMIN like every other command (an unprivileged user gets
# EPERM, which the example reports in one line).
. "$(dirname "$0")/lib.sh"

EXDIR=$TOP/userspace/examples
EX=${SRXFLOW_READCONF:-$EXDIR/readconf}

# The example is built by the top-level build; only when it is missing is
# it built here (in the VM that lands in the throw-away overlay).
build_log=""
if [ ! -x "$EX" ]; then
	if ! pkg-config --exists libnl-genl-3.0 2>/dev/null; then
		ktap_skip_all "userspace/examples/readconf is not built and libnl-genl-3 is missing"
	fi
	build_log=$(make -s -C "$EXDIR" 2>&1)
fi

ktap_plan 13

if [ -x "$EX" ]; then
	ktap_ok "example program is built"
else
	ktap_fail "example program is built" "make -C userspace/examples:" "$build_log"
fi

srx_load
topo_router

rex() { in_r "$EX"; }

# --- what the example prints ----------------------------------------------------------
ex_zones() { sed -nE 's/^zone ([^ ]+)$/\1/p' | sort; }
ex_zone_ifaces() { awk '/^zone /{ z = $2; next } /^  interface /{ print z, $2 }' | sort; }
ex_addresses() { grep '^address ' | sort; }
# "trust -> untrust: allow-web permit", "global: g1 reject", in output order
ex_policies() { sed -nE 's/^policy (.*) \(index [0-9]+\) (permit|deny|reject)$/\1 \2/p'; }
ex_indexes() { sed -nE 's/^policy .*: ([^ ]+) \(index ([0-9]+)\) .*/\1 \2/p' | sort; }
ex_generation() { sed -nE 's/^configuration generation: ([0-9]+)$/\1/p'; }

# --- the same from the CLI ------------------------------------------------------------
cli_zones() { sed -nE 's/^set security zones security-zone ([^ ]+)( .*)?$/\1/p' | sort -u; }
cli_zone_ifaces() {
	sed -nE 's/^set security zones security-zone ([^ ]+) interfaces ([^ ]+)( .*)?$/\1 \2/p' |
		sort -u
}
cli_addresses() {
	sed -nE \
	    -e 's/^set security address-book global address ([^ ]+) range-address ([^ ]+) to ([^ ]+)$/address \1 range \2-\3 (global)/p' \
	    -e 's/^set security address-book global address ([^ ]+) ([0-9a-fA-F:.]+\/[0-9]+)$/address \1 \2 (global)/p' \
	    -e 's/^set security zones security-zone ([^ ]+) address-book address ([^ ]+) range-address ([^ ]+) to ([^ ]+)$/address \2 range \3-\4 (zone \1)/p' \
	    -e 's/^set security zones security-zone ([^ ]+) address-book address ([^ ]+) ([0-9a-fA-F:.]+\/[0-9]+)$/address \2 \3 (zone \1)/p' |
		sort
}
cli_policies() {
	sed -nE \
	    -e 's/^set security policies from-zone ([^ ]+) to-zone ([^ ]+) policy ([^ ]+) then (permit|deny|reject)$/\1 -> \2: \3 \4/p' \
	    -e 's/^set security policies global policy ([^ ]+) then (permit|deny|reject)$/global: \1 \2/p'
}
# "  Policy: allow-web, State: enabled, Index: 5, Sequence number: 1"
cli_indexes() {
	sed -nE 's/^ *Policy: ([^,]+), State: [^,]+, Index: ([0-9]+),.*/\1 \2/p' | sort
}
cli_generation() {
	rcli -j show security flow status |
		sed -nE 's/.*"configuration-generation": *([0-9]+).*/\1/p'
}

# compare NAME EXPECTED ACTUAL: like check_eq, with both texts shown
compare() {
	if [ -n "$2" ] && [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "CLI says:" "${2:-(nothing)}" "example says:" "${3:-(nothing)}"
	fi
}

# --- empty configuration --------------------------------------------------------------
out=$(rex 2>&1)
if [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
   [ "$(printf '%s\n' "$out" | ex_generation)" = "$(cli_generation)" ]; then
	ktap_ok "empty configuration: only the generation, the CLI's"
else
	ktap_fail "empty configuration: only the generation, the CLI's" "$out"
fi

# --- a configuration with every kind of object the example shows -----------------------
# Kept small on purpose: the CLI's request buffer growth (userspace/nl.c,
# nlreq_reserve) uses a stale pointer once the encoded configuration
# outgrows its first 4 KiB buffer (about four policies or more).
check_match "configuration loads" "load complete" rload <<-'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone trust interfaces lan1
set security zones security-zone trust address-book address lan 10.0.1.0/24
set security zones security-zone untrust interfaces wan0
set security zones security-zone dmz tcp-rst
set security address-book global address web1 192.0.2.10/32
set security address-book global address web2 range-address 192.0.2.20 to 192.0.2.29
set security address-book global address v6net 2001:db8::/32
set security policies from-zone trust to-zone untrust policy allow-web match source-address lan destination-address web1 application junos-http
set security policies from-zone trust to-zone untrust policy allow-web then permit
set security policies from-zone untrust to-zone trust policy no-in match source-address any destination-address any application any
set security policies from-zone untrust to-zone trust policy no-in then reject
set security policies global policy g1 match source-address any destination-address any application any
set security policies global policy g1 then deny
EOF

conf=$(rcli show configuration '|' display set)
check "example runs in the router namespace" rex
out=$_last_out
gen1=$(printf '%s\n' "$out" | ex_generation)

compare "generation agrees with show security flow status" "$(cli_generation)" "$gen1"
compare "zones agree with show configuration" \
	"$(printf '%s\n' "$conf" | cli_zones)" "$(printf '%s\n' "$out" | ex_zones)"
compare "zone interfaces agree with show configuration" \
	"$(printf '%s\n' "$conf" | cli_zone_ifaces)" "$(printf '%s\n' "$out" | ex_zone_ifaces)"
compare "addresses and prefixes agree with show configuration" \
	"$(printf '%s\n' "$conf" | cli_addresses)" "$(printf '%s\n' "$out" | ex_addresses)"
compare "policies (context, name, action, order) agree with show configuration" \
	"$(printf '%s\n' "$conf" | cli_policies)" "$(printf '%s\n' "$out" | ex_policies)"
compare "policy indexes agree with show security policies" \
	"$(rcli show security policies | cli_indexes)" "$(printf '%s\n' "$out" | ex_indexes)"

# --- another commit: a new generation, the changed objects -----------------------------
merge_out=$(rmerge 2>&1 <<-'EOF'
set security zones security-zone dmz interfaces dmz0
set security address-book global address web3 192.0.2.30/32
set security policies from-zone untrust to-zone trust policy no-in then deny
EOF
)
conf=$(rcli show configuration '|' display set)
out=$(rex 2>&1)
gen2=$(printf '%s\n' "$out" | ex_generation)
if [ -n "$gen1" ] && [ -n "$gen2" ] && [ "$gen2" -gt "$gen1" ] && [ "$gen2" = "$(cli_generation)" ]; then
	ktap_ok "a commit advances the generation the example prints"
else
	ktap_fail "a commit advances the generation the example prints" \
		"before: ${gen1:-?} after: ${gen2:-?} CLI: $(cli_generation)" "load merge: $merge_out" "$out"
fi
compare "after the commit, interfaces, addresses and policies still agree" \
	"$(printf '%s\n' "$conf" | cli_zone_ifaces; printf '%s\n' "$conf" | cli_addresses;
	   printf '%s\n' "$conf" | cli_policies; rcli show security policies | cli_indexes)" \
	"$(printf '%s\n' "$out" | ex_zone_ifaces; printf '%s\n' "$out" | ex_addresses;
	   printf '%s\n' "$out" | ex_policies; printf '%s\n' "$out" | ex_indexes)"

# --- reading needs CAP_NET_ADMIN -------------------------------------------------------------
if command -v setpriv >/dev/null; then
	nobody_out=$(in_r setpriv --reuid=65534 --regid=65534 --clear-groups "$EX" 2>&1)
	nobody_rc=$?
	if [ "$nobody_rc" -ne 0 ] &&
	   [ "$nobody_out" = "readconf: permission denied: CAP_NET_ADMIN is required" ]; then
		ktap_ok "an unprivileged user is refused (EPERM, one line)"
	else
		ktap_fail "an unprivileged user is refused (EPERM, one line)" \
			"exit status $nobody_rc" "$nobody_out"
	fi
else
	ktap_skip "an unprivileged user is refused (EPERM, one line)" "setpriv missing"
fi

ktap_finish
