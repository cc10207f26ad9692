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

/* Hit counters by stable policy index (not part of a generation). */
struct sxf_pstat {
	atomic64_t hits;	/* sessions (first-path matches) */
	atomic64_t pkts;	/* then count: packets of closed sessions */
	atomic64_t bytes;
};

struct sxf_pstats {
	struct rcu_head rcu;
	u32 cap;
	struct sxf_pstat v[];
};

struct sxf_net;

int sxf_policy_compile(struct sxf_cfg *cfg, struct netlink_ext_ack *extack);
void sxf_policy_free_compiled(struct sxf_cfg *cfg);
struct sxf_policy *sxf_policy_lookup(const struct sxf_cfg *cfg, const struct sxf_pkey *k);
bool sxf_policy_matches(const struct sxf_policy *p, const struct sxf_pkey *k);
const struct sxf_app *sxf_policy_match_app(const struct sxf_policy *p,
					   const struct sxf_pkey *k);
u32 sxf_policy_match_all(const struct sxf_cfg *cfg, const struct sxf_pkey *k,
			 const struct sxf_policy **out, u32 max);

int sxf_policy_stats_reserve(struct sxf_net *sn, u32 nr_new);
void sxf_policy_stats_reset(struct sxf_net *sn, u32 index);
void sxf_policy_stats_clear(struct sxf_net *sn);
void sxf_policy_stats_exit(struct sxf_net *sn);

#endif
