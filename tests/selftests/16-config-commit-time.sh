#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Commit time at scale: `load override` of 1,000 and of 10,000 policies
# (each with its own address in the global address book, over 4 zone pairs)
# into an empty configuration.  The whole command is timed: parsing the
# file, encoding, the netlink transaction and the kernel's validation,
# compilation and swap.  10k must take under 2 s and 10k/1k must stay
# under 30 (linear would be 10, quadratic 100).
#
# `make check` runs this script in a guest of its own on instruction time
# (tests/vm/run --icount: qemu -icount shift=0, 1 ns per instruction, a
# 1 GHz one-instruction-per-cycle machine): the figures do not depend on
# how busy the host is, and repeat.  Run elsewhere it measures wall time;
# on the debug kernel (make check-debug) the 2 s limit is skipped.
# shellcheck disable=SC2317 # functions called indirectly (check)
. "$(dirname "$0")/lib.sh"

srx_load
if [ -z "${SRX_IN_NS:-}" ]; then
	ns_add "$R" || ktap_skip_all "cannot create a network namespace"
fi
ns_reexec "$R"
ktap_plan 5

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT

gen_policies 1000 >"$WORK/1k.set"
gen_policies 10000 >"$WORK/10k.set"
: >"$WORK/empty.set"

# time_load FILE: load override FILE into an empty configuration, three
# times; prints the shortest time in microseconds
time_load() {
	local t0 t1 i best=
	for i in 1 2 3; do
		rcli load override "$WORK/empty.set" >/dev/null || return 1
		t0=$(now_us)
		rcli load override "$1" >"$WORK/load.out" 2>&1 || { cat "$WORK/load.out" >&2; return 1; }
		t1=$(now_us)
		if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then
			best=$((t1 - t0))
		fi
	done
	echo "$best"
}
t1k=$(time_load "$WORK/1k.set")
check_match "load override of 1,000 policies + 1,000 addresses" "^[0-9]+$" echo "$t1k"
t10k=$(time_load "$WORK/10k.set")
check_match "load override of 10,000 policies + 10,000 addresses" "^[0-9]+$" echo "$t10k"
echo "# commit 1k: $(us_fmt "${t1k:-0}") s, 10k: $(us_fmt "${t10k:-0}") s"
run_cmd rcli show security policies
check_eq "show security policies lists all 10,000 policies" 10000 "$(grep -c '^  Policy: p[0-9]*,' <<<"$_last_out")"
if [ -n "$t1k" ] && [ -n "$t10k" ] && [ "$t1k" -gt 0 ]; then
	ratio=$((t10k * 10 / t1k))
	echo "# 10k/1k ratio: $((ratio / 10)).$((ratio % 10))"
	if [ -n "${SRXFLOW_DEBUG_KERNEL:-}" ]; then
		# KASAN, lockdep and kmemleak make everything many times slower
		ktap_skip "commit of 10k policies + 10k addresses under 2 s" "debug kernel"
	else
		check "commit of 10k policies + 10k addresses under 2 s ($(us_fmt "$t10k") s)" \
			test "$t10k" -lt 2000000
	fi
	check "10k/1k commit time ratio under 30 (not quadratic): $((ratio / 10)).$((ratio % 10))" \
		test "$ratio" -lt 300
else
	ktap_fail "commit of 10k policies + 10k addresses under 2 s" "no timing"
	ktap_fail "10k/1k commit time ratio under 30 (not quadratic)" "no timing"
fi

ktap_finish
