// SPDX-License-Identifier: GPL-2.0
/*
 * Flow statistics: per-CPU counters per namespace, summed on read.
 */
#include "srxflow.h"

int sxf_stats_init(struct sxf_net *sn)
{
	sn->stats = alloc_percpu(struct sxf_cpu_stats);
	return sn->stats ? 0 : -ENOMEM;
}

void sxf_stats_exit(struct sxf_net *sn)
{
	free_percpu(sn->stats);
	sn->stats = NULL;
}

void sxf_stats_sum(struct sxf_net *sn, struct sxf_cpu_stats *sum)
{
	const size_t n = sizeof(*sum) / sizeof(u64);
	int cpu;

	BUILD_BUG_ON(sizeof(*sum) % sizeof(u64));
	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const u64 *src = (const u64 *)per_cpu_ptr(sn->stats, cpu);
		u64 *dst = (u64 *)sum;
		size_t i;

		for (i = 0; i < n; i++)
			dst[i] += READ_ONCE(src[i]);
	}
}

/*
 * Clearing races with CPUs counting: an increment that lands in between is
 * either kept or lost, never corrupted (each counter is written whole).
 */
void sxf_stats_clear(struct sxf_net *sn)
{
	const size_t n = sizeof(struct sxf_cpu_stats) / sizeof(u64);
	int cpu;

	for_each_possible_cpu(cpu) {
		u64 *c = (u64 *)per_cpu_ptr(sn->stats, cpu);
		size_t i;

		for (i = 0; i < n; i++)
			WRITE_ONCE(c[i], 0);
	}
}
