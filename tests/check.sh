#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/check.sh: what `make check` runs.
#   1. install missing Debian packages (tests/deps.sh)
#   2. build the module and the CLI (W=1)
#   3. host unit tests of the CLI (KTAP)
#   4. every VM selftest in one guest boot (tests/vm/run -- tests/selftests/run)
# and end with one line: "N passed, N failed, N skipped" (all test cases).
# Exit status: non-zero when anything failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
log=${SRXFLOW_CHECK_LOG:-$top/tests/.check}
mkdir -p "$log"
deps=${DEPS:-$(sed -n '/^DEPS :=/,/^$/p' Makefile | sed 's/^DEPS :=//; s/\\$//' | tr '\n' ' ')}
start=$(date +%s)

pass=0 fail=0 skip=0
count() {	# count KTAP results of a log into the totals
	local f=$1 p s n
	p=$(grep -cE '^ *ok [0-9]+' "$f")
	s=$(grep -cE '^ *ok [0-9]+ .*# SKIP' "$f")
	n=$(grep -cE '^ *not ok [0-9]+' "$f")
	echo "$p $s $n"
}

echo "== dependencies"
# shellcheck disable=SC2086
if ! tests/deps.sh --install $deps; then
	echo "cannot install the build/test dependencies" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

echo "== build"
if ! make -s all W=1 >"$log/build.log" 2>&1; then
	cat "$log/build.log"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
grep -E 'warning:' "$log/build.log" && echo "(build warnings above)"

echo "== host unit tests"
make -s -C tests/unit run >"$log/unit.log" 2>&1
unit_rc=$?
cat "$log/unit.log"
read -r p s n < <(count "$log/unit.log")
pass=$((pass + p - s)) skip=$((skip + s)) fail=$((fail + n))
if [ $unit_rc -ne 0 ] && [ "$n" -eq 0 ]; then
	fail=$((fail + 1))
fi

echo "== YNL spec against the UAPI header and the kernel's policies"
if python3 tests/unit/check-ynl-spec.py; then
	echo "ok 1 YNL spec matches include/uapi/linux/srxflow.h and kernel/netlink.c"
	pass=$((pass + 1))
else
	echo "not ok 1 YNL spec matches include/uapi/linux/srxflow.h and kernel/netlink.c"
	fail=$((fail + 1))
fi

echo "== VM selftests"
# The selftests run in several guests at once: on 2 cores the guests' waits
# (timeouts, ageing) overlap and 1-vCPU guests are faster than 2-vCPU ones.
# Scripts go to the least loaded shard, longest first (weights: seconds
# measured on this kind of machine; unknown scripts count 60).  Shard 0 has
# 2 vCPUs and gets the scripts that exercise concurrency.
declare -A weight=(
	[01-module]=35 [02-passthrough]=15 [10-config-roundtrip]=30 [11-config-errors]=80
	[12-config-ops]=40 [13-config-concurrency]=60 [14-config-scale]=40
	[15-netlink-example]=25 [20-engine-basic]=30 [21-engine-sessions]=55
	[22-engine-policies]=40 [23-engine-timeouts]=90 [24-engine-host]=60
	[25-engine-icmp]=70 [26-engine-coexist]=45 [27-engine-vrf]=20
	[28-engine-tcp]=25 [30-reverse-route]=100 [40-traceoptions]=95 [41-session-log]=150 [42-ynl-client]=80
	[16-config-commit-time]=40 [00-insmod]=60 [03-privileges]=140
	[17-netlink-fuzz]=50 [18-config-classifier]=55 [19-configure]=100 [29-engine-malformed]=60
	[29-engine-tcp-self]=60 [29-engine-tcp-track]=120 [29-engine-big-tcp]=60 [31-forward-safeguards]=90
	[32-route-revalidation]=90 [33-engine-hardening]=180 [34-realworld-configs]=130
	[43-session-dump]=90
	[35-output-layouts]=60
	[37-screens]=190 [38-screens-rate]=120 [39-screens-syncookie]=150 [39-screens-log]=110 [39-screens-syncookie-nat]=60 [39-screens-half-open]=120 [39-screens-syncookie-opts]=90 [39-screens-syncookie-pmtu]=70
	[44-nat-source]=150 [45-nat-destination]=90 [46-nat-proxy-arp]=90 [47-nat-overflow]=150 [53-nat-pool-alarm]=120 [54-nat-pool-vrf]=60 [55-nat66-hairpin]=45
	[48-services-offload]=150 [49-nat66]=180
	[50-alg-ftp]=270 [51-alg-tftp]=150 [52-alg-ftp-nat]=210
)
concurrent=" 01-module 13-config-concurrency 21-engine-sessions "
# Scripts that need a freshly booted kernel run first in shard 0 (00-insmod:
# plain insmod with none of the modules srxflow uses loaded yet).
first=" 00-insmod "
# Timing checks run in a guest of their own on instruction time (--icount):
# their figures do not depend on the other guests sharing the 2 cores.
timed=" 16-config-commit-time "
timed_list=""
shards=${SRXFLOW_SHARDS:-3}
declare -a load list
for ((i = 0; i < shards; i++)); do load[i]=0; list[i]=""; done
# SRXFLOW_TESTS="NAME ..." limits the run to those scripts
wanted=${SRXFLOW_TESTS:-$(for t in tests/selftests/[0-9]*.sh; do basename "$t" .sh; done)}
mapfile -t scripts < <(for n in $wanted; do echo "${weight[$n]:-60} $n"; done | sort -rn)
for entry in "${scripts[@]}"; do
	w=${entry%% *} n=${entry#* }
	best=0
	if [[ $timed == *" $n "* ]]; then
		timed_list="$timed_list $n"
		continue
	fi
	if [[ $first == *" $n "* ]]; then
		load[0]=$((load[0] + w))
		list[0]=" $n${list[0]}"
		continue
	fi
	if [[ $concurrent == *" $n "* ]]; then
		best=0
	else
		for ((i = 1; i < shards; i++)); do
			[ "${load[i]}" -lt "${load[best]}" ] && best=$i
		done
		[ "$shards" -gt 1 ] && [ "${load[0]}" -lt "${load[best]}" ] && best=0
	fi
	load[best]=$((load[best] + w))
	list[best]="${list[best]} $n"
done
pids=()
for ((i = 0; i < shards; i++)); do
	[ -n "${list[i]}" ] || continue
	smp=1
	[ "$i" -eq 0 ] && smp=2
	echo "shard $i (--smp $smp, ~${load[i]} s):${list[i]}"
	# shellcheck disable=SC2086
	# per-script limit: 600 s (a hang is still caught; a busy host is not one)
	SRXFLOW_TEST_TIMEOUT=${SRXFLOW_TEST_TIMEOUT:-600} \
	tests/vm/run --smp $smp --timeout "${SRXFLOW_VM_TIMEOUT:-2400}" --keep-log "$log/vm$i" -- \
		tests/selftests/run ${list[i]} >"$log/vm$i.log" 2>&1 &
	pids[i]=$!
done
if [ -n "$timed_list" ]; then
	i=$shards
	echo "shard $i (--icount, instruction time):$timed_list"
	# shellcheck disable=SC2086
	# guest time runs ahead while the guest waits for the host (9p reads,
	# modprobe): the per-script limit there is in guest seconds
	SRXFLOW_TEST_TIMEOUT=${SRXFLOW_TEST_TIMEOUT:-1800} \
	tests/vm/run --icount --timeout "${SRXFLOW_VM_TIMEOUT:-2400}" --keep-log "$log/vm$i" -- \
		tests/selftests/run $timed_list >"$log/vm$i.log" 2>&1 &
	pids[i]=$!
fi
for ((i = 0; i <= shards; i++)); do
	[ -n "${pids[i]:-}" ] || continue
	wait "${pids[i]}"
	vm_rc=$?
	echo "--- shard $i (status $vm_rc)"
	cat "$log/vm$i.log"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log/vm$i.log" | tail -n 1)
	n=0
	if [ -n "$summary" ]; then
		read -r p _ n _ s _ <<<"$summary"
		pass=$((pass + p)) fail=$((fail + n)) skip=$((skip + s))
	fi
	if [ "$vm_rc" -ne 0 ] && { [ -z "$summary" ] || [ "$n" -eq 0 ]; }; then
		echo "VM shard $i failed (status $vm_rc): see $log/vm$i" >&2
		fail=$((fail + 1))
	fi
done

echo "== make check took $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
