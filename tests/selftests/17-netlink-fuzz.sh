#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Netlink fuzzer (issue 11, "Done means"): tests/tools/nlfuzz sends every
# command of the family with mutated attributes (wrong types and lengths,
# flags with payload, strings without NUL or too long, bad names, integer
# extremes, missing, duplicated and unknown attributes, NLA_F_NESTED
# missing or misplaced, nested garbage, truncated nests and messages,
# 64-deep nesting, trailing bytes, unknown commands, random payloads from a
# fixed seed).  Every message is answered (no hang); every malformed one
# gets an error; the running configuration and its generation are the same
# afterwards, byte for byte; traffic still passes.  The kernel log is
# checked by the harness (a WARN, BUG or sanitizer report fails the
# script).
#
# SRXFLOW_NLFUZZ_ROUNDS (default 1; 4 on the debug kernel) repeats the
# integer and random cases with new values; SRXFLOW_NLFUZZ_SEED the seed.
# shellcheck disable=SC2317 # functions called indirectly (check)
. "$(dirname "$0")/lib.sh"

FUZZ=$TOP/tests/tools/nlfuzz
[ -x "$FUZZ" ] || ktap_skip_all "tests/tools/nlfuzz not built"
srx_load || ktap_skip_all "cannot load srxflow.ko"
topo_router || ktap_skip_all "cannot build the topology"
rounds=${SRXFLOW_NLFUZZ_ROUNDS:-$([ -n "${SRXFLOW_DEBUG_KERNEL:-}" ] && echo 4 || echo 1)}
seed=${SRXFLOW_NLFUZZ_SEED:-11}
ktap_plan 7

run_cmd rload <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security zones security-zone dmz tcp-rst
set security address-book global address client 10.0.1.2/32
set security address-book global address server 10.0.2.2/32
set security address-book global address r6 range-address 2001:db8:1::10 to 2001:db8:1::20
set security address-book global address-set both address client
set security address-book global address-set both address server
set security applications application web protocol tcp destination-port 8080-8081 inactivity-timeout 60
set security applications application-set webs application web
set security applications application-set webs application junos-http
set security policies from-zone trust to-zone untrust policy allow match source-address both destination-address any application any then permit count
set security policies from-zone untrust to-zone trust policy web-in match source-address any destination-address client application webs then deny
set security policies global policy g1 match source-address r6 destination-address any application junos-ping then permit
set security policies default-policy deny-all
set security flow tcp-session tcp-initial-timeout 30
set security flow traceoptions file fuzz-trace
set security flow traceoptions flag basic-datapath
EOF
check_eq "a real configuration loads" "0 load complete" "$_last_rc $_last_out"
before=$(rconf)
gen0=$(rgen)
check "ping through the router before the fuzzer" in_c ping -c1 -W2 10.0.2.2

t0=$(now_us)
run_cmd in_r timeout 600 "$FUZZ" -s "$seed" -r "$rounds"
echo "# nlfuzz -s $seed -r $rounds: $(us_fmt $(($(now_us) - t0))) s, exit $_last_rc"
printf '%s\n' "$_last_out" | sed 's/^/# /'
summary=$(printf '%s\n' "$_last_out" | grep '^cases ')
sent=$(printf '%s\n' "$summary" | sed -n 's/.* sent \([0-9]*\) .*/\1/p')
check_eq "nlfuzz: every message answered, no malformed one accepted (exit 0)" 0 "$_last_rc"
check "nlfuzz sent thousands of messages ($sent)" test "${sent:-0}" -ge 3000
check_same "the running configuration is byte-identical after the fuzzer" "$before" "$(rconf)"
check_eq "... and its generation is the same" "$gen0" "$(rgen)"
check "ping through the router after the fuzzer" in_c ping -c1 -W2 10.0.2.2

ktap_finish
