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
tests/vm/run --timeout "${SRXFLOW_VM_TIMEOUT:-1500}" --keep-log "$log/vm" -- \
	tests/selftests/run 2>&1 | tee "$log/vm.log"
vm_rc=${PIPESTATUS[0]}
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log/vm.log" | tail -n 1)
if [ -n "$summary" ]; then
	read -r p _ n _ s _ <<<"$summary"
	pass=$((pass + p)) fail=$((fail + n)) skip=$((skip + s))
fi
if [ "$vm_rc" -ne 0 ] && { [ -z "$summary" ] || [ "$n" -eq 0 ]; }; then
	echo "VM run failed (status $vm_rc): see $log/vm" >&2
	fail=$((fail + 1))
fi

echo "== make check took $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
