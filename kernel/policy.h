/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SRXFLOW_POLICY_H
#define _SRXFLOW_POLICY_H

#include "config.h"

/* What a policy lookup is about: one packet's first-path key. */
struct sxf_pkey {
	u8 family;
	u8 proto;
	u16 sport, dport;	/* host order; ICMP: echo id in sport */
	u8 icmp_type, icmp_code;
	u16 from, to;		/* zone ids */
	u32 s4, d4;		/* host order */
	struct sxf_a6 s6, d6;
};

/*
 * Hit counters by stable policy index (not part of a generation).
 *
 * A policy's hit count is per CPU (every new session of every CPU counts
 * one, so a shared atomic would be a cache line all CPUs write): the
 * counters live in per-CPU chunks of SXF_PSTAT_CHUNK, which a larger array
 * takes over from the one it replaces (never copied, so no count is lost
 * to a reader still on the old array).  A count is the chunks' sum minus
 * hits_base, which clear and index reuse set to the sum of the moment.
 * pkts and bytes (then count) are added once per closed session.
 */
#define SXF_PSTAT_CHUNK_SHIFT	9
#define SXF_PSTAT_CHUNK		(1U << SXF_PSTAT_CHUNK_SHIFT)	/* 4 KiB per CPU */
#define SXF_PSTAT_CAP_MAX	(U16_MAX + 1U)			/* indices are u16 */

struct sxf_pstat {
	atomic64_t hits_base;	/* the sum at the last clear */
	atomic64_t pkts;	/* then count: packets of closed sessions */
	atomic64_t bytes;
};

struct sxf_pstats {
	struct rcu_head rcu;
	u32 cap;		/* a multiple of SXF_PSTAT_CHUNK */
	u64 __percpu *hits[SXF_PSTAT_CAP_MAX / SXF_PSTAT_CHUNK];
	struct sxf_pstat v[];
};

/* one more session of policy index (index < ps->cap), from any context */
static inline void sxf_pstat_hit(struct sxf_pstats *ps, u32 index)
{
	u64 __percpu *chunk = ps->hits[index >> SXF_PSTAT_CHUNK_SHIFT];

	this_cpu_inc(chunk[index & (SXF_PSTAT_CHUNK - 1)]);
}

u64 sxf_pstat_hits(const struct sxf_pstats *ps, u32 index);

struct sxf_net;

int sxf_policy_compile(struct sxf_cfg *cfg, struct netlink_ext_ack *extack);
void sxf_policy_free_compiled(struct sxf_cfg *cfg);
struct sxf_policy *sxf_policy_lookup(const struct sxf_cfg *cfg, const struct sxf_pkey *k);
bool sxf_policy_matches(const struct sxf_policy *p, const struct sxf_pkey *k);
const struct sxf_app *sxf_policy_match_app(const struct sxf_policy *p,
					   const struct sxf_pkey *k);
u32 sxf_policy_match_all(const struct sxf_cfg *cfg, const struct sxf_pkey *k,
			 const struct sxf_policy **out, u32 max);

int sxf_policy_stats_reserve(struct sxf_net *sn, u32 need);
void sxf_policy_stats_reset(struct sxf_net *sn, u32 index);
void sxf_policy_stats_clear(struct sxf_net *sn);
void sxf_policy_stats_exit(struct sxf_net *sn);

#endif
