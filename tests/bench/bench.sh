#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/bench/bench.sh: build, run the benchmark in a guest on instruction
# time, and collect the results (make bench).
#
#   tests/bench/bench.sh [--out FILE] [--keep-log DIR] [--no-build]
#
# The guest is booted with `tests/vm/run --icount` (qemu -icount
# shift=0,sleep=off, 1 vCPU): its clock advances by executed instructions,
# so the rates measured inside repeat across boots whatever the host's
# load, and the wall time of the run does not change them.  Results:
#   FILE (default bench-results.txt in the top directory): the table
#   FILE with .json instead of .txt: medians, spreads, every repetition
#   DIR/result/: raw.tsv, bench.log, meta, profile/*.data (+ kallsyms) and,
#   when perf is installed here, profile/*.txt (perf report of each)
# Knobs: SRXFLOW_BENCH_* (see tests/bench/run), SRXFLOW_BENCH_TIMEOUT
# (seconds, default 5400), SRXFLOW_BENCH_MEM (guest MiB, default 2048).
# The multi-vCPU phase: SRXFLOW_BENCH_PHASES with "smp" (the default
# phases include it): after the instruction-time guest, two guests without
# -icount (wall-clock), with SRXFLOW_BENCH_SMP vCPUs each (default "1 2"),
# run plain forwarding, nftables + conntrack and srxflow (one sender per
# vCPU); their figures join the same table (DIR/smpN/).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/bench-results.txt
logdir=
build=1
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=$2; shift ;;
	--keep-log) logdir=$2; shift ;;
	--no-build) build=0 ;;
	-h | --help)
		sed -n '3,20p' "$0" | sed 's/^# \{0,1\}//'
		exit 0 ;;
	*) echo "bench.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$logdir" ] || logdir=$(mktemp -d /tmp/srxflow-bench.XXXXXX)
mkdir -p "$logdir"
mem=${SRXFLOW_BENCH_MEM:-2048}
timeout=${SRXFLOW_BENCH_TIMEOUT:-5400}

cd "$top" || exit 1
if ((build)); then
	make -s all >/dev/null || { echo "bench.sh: make failed" >&2; exit 1; }
	make -s -C tests/bench >/dev/null || { echo "bench.sh: make -C tests/bench failed" >&2; exit 1; }
fi

# guest memory plus ~300 MB for qemu itself must be free on the host
avail=$(awk '/MemAvailable/ { print int($2 / 1024) }' /proc/meminfo)
if [ "${avail:-0}" -lt $((mem + 512)) ]; then
	echo "bench.sh: only ${avail} MiB available, the guest needs ${mem} MiB + qemu" >&2
	exit 1
fi

SRXFLOW_BENCH_COMMIT=${SRXFLOW_BENCH_COMMIT:-$(git describe --always --dirty 2>/dev/null || echo unknown)}
export SRXFLOW_BENCH_COMMIT
# 32 bytes of the host's randomness for the guest's crng (tests/bench/run)
SRXFLOW_BENCH_SEED=${SRXFLOW_BENCH_SEED:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}
export SRXFLOW_BENCH_SEED
# slab_nomerge: the session cache keeps its own line in /proc/slabinfo
# (bytes per session); the guest kernel is otherwise as tests/vm/run boots it
export VM_APPEND="${VM_APPEND:+$VM_APPEND }slab_nomerge"
phases=" ${SRXFLOW_BENCH_PHASES:-pps tcp cps trace sessions smp} "
smp=0
if [[ $phases == *" smp "* ]]; then
	smp=1
	phases=${phases/ smp / }
fi
phases=$(echo $phases)	# (trimmed)
rc=0
wall=0
res=$logdir/result
if [ -n "$phases" ]; then
	echo "bench.sh: commit $SRXFLOW_BENCH_COMMIT, guest ${mem} MiB, instruction time; logs in $logdir"
	start=$(date +%s)
	SRXFLOW_BENCH_PHASES=$phases tests/vm/run --icount --smp 1 --mem "$mem" --timeout "$timeout" \
		--keep-log "$logdir" -- tests/bench/run
	rc=$?
	end=$(date +%s)
	wall=$((end - start))
fi
smp_note=
if ((smp)); then
	smpv=${SRXFLOW_BENCH_SMP:-1 2}
	for v in $smpv; do
		echo "bench.sh: multi-vCPU phase, $v vCPU(s), wall-clock; logs in $logdir/smp$v"
		mkdir -p "$logdir/smp$v"
		start=$(date +%s)
		SRXFLOW_BENCH_PHASES=smp SRXFLOW_BENCH_VCPUS=$v \
		SRXFLOW_BENCH_CONTENDERS=${SRXFLOW_BENCH_SMP_CONTENDERS:-plain nftct srxflow} \
		SRXFLOW_BENCH_WINDOW=${SRXFLOW_BENCH_SMP_WINDOW:-1} SRXFLOW_BENCH_SKIP=0.3 \
			tests/vm/run --smp "$v" --mem "$mem" --timeout "$timeout" \
			--keep-log "$logdir/smp$v" -- tests/bench/run || rc=1
		end=$(date +%s)
		smp_note+="  wall time of the ${v}-vCPU run: $((end - start)) s"$'\n'
	done
	# one table: the instruction-time figures and the wall-clock ones
	mkdir -p "$res"
	[ -s "$res/meta" ] || cp "$logdir/smp${smpv##* }/result/meta" "$res/meta" 2>/dev/null
	cat "$res/raw.tsv" "$logdir"/smp*/result/raw.tsv >"$logdir/merged.tsv" 2>/dev/null
	"$here/report" "$logdir/merged.tsv" "$res/meta" "$res/bench.txt" "$res/bench.json" ||
		echo "bench.sh: report failed" >&2
fi

if [ -s "$res/bench.txt" ]; then
	{
		cat "$res/bench.txt"
		echo
		echo "  wall time of the run: ${wall} s (host-dependent; the figures above are not)"
		printf '%s' "$smp_note"
	} >"$out"
	cp "$res/bench.json" "${out%.txt}.json" 2>/dev/null
	echo "bench.sh: results in $out and ${out%.txt}.json"
elif [ -s "$res/raw.tsv" ]; then
	"$here/report" "$res/raw.tsv" "$res/meta" "$out" "${out%.txt}.json" &&
		echo "bench.sh: partial results in $out"
fi

# profiles (SRXFLOW_BENCH_PHASES with "profile"): perf report on the host,
# the guest only recorded them.  Shares are of the busy samples (idle, the
# halt loop, left out).
if [ -d "$res/profile" ] && command -v perf >/dev/null; then
	for d in "$res"/profile/*.data; do
		[ -e "$d" ] || continue
		ks=${d%.data}.kallsyms
		perf report -i "$d" --kallsyms "$ks" --stdio --no-children \
			--sort sym -g none 2>/dev/null |
			awk '/^ *[0-9.]+%/ { p = $1; sub(/%/, "", p); $1 = ""; sym[++n] = $0; pct[n] = p
				if ($0 ~ /native_safe_halt|default_idle|cpuidle|poll_idle/) idle += p }
			END { printf "# %% of busy samples (idle %.1f%% left out)\n", idle
				for (i = 1; i <= n; i++)
					if (sym[i] !~ /native_safe_halt|default_idle|cpuidle|poll_idle/ &&
					    pct[i] / (100 - idle) * 100 >= 0.3)
						printf "%6.2f%% %s\n", pct[i] / (100 - idle) * 100, sym[i] }' \
			>"${d%.data}.txt"
		perf report -i "$d" --kallsyms "$ks" --stdio --no-children \
			--sort sym -G --percent-limit 2 2>/dev/null >"${d%.data}.callers.txt"
	done
	echo "bench.sh: profiles in $res/profile/*.txt"
fi
echo "bench.sh: exit status $rc, wall time ${wall} s"
exit "$rc"
