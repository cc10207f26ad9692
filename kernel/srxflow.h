/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srxflow - internal definitions shared by the module's files.
 *
 * Ownership (one file per concern):
 *   main.c     module init/exit, per-namespace state (pernet_operations)
 *   netlink.c  the generic netlink family: every command, policy, dump
 *   hooks.c    netfilter hook registration and the per-packet entry point
 *   config.c   configuration generations: name table, object kinds, helpers
 *   cfg_*.c    one file per kind of configuration object (cfg_kinds.h)
 *   commit.c   commit: interface map, policy indices, publication
 *   netdev.c   netdevice and netlink notifiers
 *   stats.c    per-CPU flow statistics and drop counters
 */
#ifndef _SRXFLOW_H
#define _SRXFLOW_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/idr.h>
#include <linux/workqueue.h>
#include <net/netlink.h>
#include <linux/percpu.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <linux/srxflow.h>
#include "session.h"
#include "trace_state.h"

#define SXF_MODNAME "srxflow"

/*
 * Per-CPU flow statistics: one instance per CPU per namespace.  Updated with
 * this_cpu_inc()/this_cpu_add(), which are safe from any context without
 * locks; readers sum over all CPUs.
 */
struct sxf_cpu_stats {
	u64 rx;
	u64 tx;
	u64 forwarded;
	u64 host;
	u64 dropped;
	u64 fragments;
	u64 first_path;
	u64 fast_path;
	u64 created;
	u64 closed;
	u64 failed;
	u64 icmp_err;
	u64 rerouted;
	u64 bypass;
	u64 log_sent;			/* session log events multicast */
	u64 log_dropped;		/* session log events lost (no memory) */
	u64 offload;			/* packets forwarded by services-offload */
	u64 answers_limited;		/* RSTs / ICMP errors not sent: rate limit */
	u64 drop[__SRXFLOW_DROP_MAX];
};

struct sxf_cfg;
struct sxf_pstats;

/* Per network namespace state. */
struct sxf_net {
	struct net *net;
	struct hlist_node live;		/* live namespaces (netdev.c, RTNL) */
	struct sxf_cpu_stats __percpu *stats;
	bool hooks_registered;
	bool defrag_enabled;

	/* configuration: pointer written under RTNL, read under RCU */
	struct sxf_cfg __rcu *cfg;
	u64 generation;			/* under RTNL */
	struct ida policy_ida;		/* stable policy indices */
	/*
	 * Indices of deleted policies wait here until the rematch worker has
	 * removed their sessions (after a grace period): a new policy never
	 * adopts the sessions of an old one.
	 */
	struct mutex idx_lock;
	struct list_head idx_pending;
	struct sxf_pstats __rcu *pstats; /* hit counters by policy index */
	struct mutex txn_lock;		/* open transactions */
	struct list_head txns;
	u32 next_txn_id;

	struct sxf_table tab;		/* sessions */
	struct sxf_trace_state trace;	/* traceoptions */
	struct sxf_drop_ring __percpu *drops; /* packet-drop records */
	u64 drops_cleared;		/* records before this time are cleared */
	atomic64_t slog_seq;		/* session log events raised */
	struct sxf_scr_state *scr;	/* screens: rate tables (screen_rate.c) */
	bool scr_key_held;		/* holds sxf_screen_key (txn_lock) */
	bool proxy_hooks;		/* NAT proxy-arp/ndp hooks (nat_proxy.c, txn_lock) */
	/*
	 * interface NAT has translated here (set once by the first path,
	 * never cleared): an interface losing an address is looked at only
	 * then; IPv6's losses are walked from addr6_work (netdev.c)
	 */
	bool snat_if_used;
	struct work_struct addr6_work;
	/* services-offload (offload.c) */
	struct list_head offload_devs;	/* ingress hooks, under RTNL */
	u32 offload_ndevs;		/* their number (written under RTNL) */
	atomic_t offload_sessions;	/* sessions marked offloaded, not yet dead */
	struct sxf_gates *gates;	/* ALG gates and counters (alg.c) */
	/* answers (RST, ICMP unreachable) of reject and tcp-rst: reject.c */
	struct {
		spinlock_t lock;
		unsigned long stamp;	/* jiffies of the last refill */
		u32 credit;
	} answers;
};

extern unsigned int sxf_net_id;

static inline struct sxf_net *sxf_pernet(const struct net *net)
{
	return net_generic(net, sxf_net_id);
}

extern struct workqueue_struct *sxf_wq;

/*
 * Debug build (make debug, SRXFLOW_DEBUG): assertions on every table
 * access and on the locks the callers must hold.  RCU and lock assertions
 * report on kernels with PROVE_RCU/LOCKDEP (the debug-kernel lane).
 */
#ifdef SRXFLOW_DEBUG
void sxf_debug_inject_load(void);
void sxf_debug_inject_status(struct sxf_net *sn);
#define sxf_assert_rcu() \
	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held(), "srxflow: table access outside RCU")
/* the configuration may also be read by its writer, under RTNL */
#define sxf_assert_rcu_or_rtnl() \
	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held() && !lockdep_rtnl_is_held(), \
			 "srxflow: configuration access outside RCU and RTNL")
#define sxf_assert_held(lock)	lockdep_assert_held(lock)
#define sxf_check(cond)		WARN_ON_ONCE(!(cond))
#else
static inline void sxf_debug_inject_load(void) { }
static inline void sxf_debug_inject_status(struct sxf_net *sn) { }
#define sxf_assert_rcu()	do { } while (0)
#define sxf_assert_rcu_or_rtnl()	do { } while (0)
#define sxf_assert_held(lock)	do { } while (0)
/* never put side effects in a check: it is not evaluated here */
#define sxf_check(cond)		((void)sizeof(!!(cond)))
#endif

/*
 * deps.c: functions of nf_defrag_ipv{4,6} and nf_reject_ipv{4,6}, resolved
 * (and their modules pinned) at load so that plain insmod works
 */
struct sk_buff;
struct net_device;
struct sxf_deps {
	int (*defrag_v4_enable)(struct net *net);
	void (*defrag_v4_disable)(struct net *net);
	int (*defrag_v6_enable)(struct net *net);
	void (*defrag_v6_disable)(struct net *net);
	struct sk_buff *(*reject_v4_tcp_reset)(struct net *net, struct sk_buff *oldskb,
					       const struct net_device *dev, int hook);
	struct sk_buff *(*reject_v4_unreach)(struct net *net, struct sk_buff *oldskb,
					     const struct net_device *dev, int hook, u8 code);
	struct sk_buff *(*reject_v6_tcp_reset)(struct net *net, struct sk_buff *oldskb,
					       const struct net_device *dev, int hook);
	struct sk_buff *(*reject_v6_unreach)(struct net *net, struct sk_buff *oldskb,
					     const struct net_device *dev, int hook, u8 code);
};
extern struct sxf_deps sxf_deps;
int sxf_deps_init(void);
void sxf_deps_exit(void);

/* hooks.c */
void sxf_hooks_unregister(struct net *net);
int sxf_hooks_enable(struct sxf_net *sn);

/* netlink.c */
int sxf_genl_init(void);
void sxf_genl_exit(void);
void sxf_nl_push_work(struct work_struct *work);
void sxf_nl_push_kick(struct sxf_net *sn, int group, u64 since);
struct sxf_policy;
const char *sxf_nl_wing_zone(const struct sxf_cfg *cfg, const struct sxf_session *s, int dir);
const char *sxf_nl_session_policy(const struct sxf_cfg *cfg, const struct sxf_session *s,
				  const struct sxf_policy **pp);
const char *sxf_nl_session_app(const struct sxf_policy *p, const struct sxf_session *s);
struct sxf_wing;
int sxf_nl_route_vrf(const struct sxf_session *s, const struct sxf_wing *w);
enum { SXF_MCGRP_TRACE, SXF_MCGRP_DROP, SXF_MCGRP_SESSION };

/* a session log (RT_FLOW) event, as session_events.c raises it */
struct sxf_slog {
	u8 type;			/* enum srxflow_slog_type */
	const struct sxf_tuple *t;	/* the initiator's tuple */
	u64 id;
	const char *service, *policy, *from, *to, *reason;
	const char *ifname;
	u64 pkts[2], bytes[2];		/* close: client->server, server->client */
	u32 elapsed;
	/* translated: the reply wing (its inverse left), the rules (NULL: none) */
	const struct sxf_tuple *nt;
	const char *snat_type, *snat_rule, *dnat_type, *dnat_rule;
	u8 check, action;		/* screen: enum srxflow_screen_check, _action */
	const char *pool;		/* NAT pool alarms: the source pool */
	u8 threshold, util;		/* ... the threshold crossed, the utilization, percent */
};

bool sxf_nl_slog_listening(const struct sxf_net *sn);
void sxf_nl_slog(struct sxf_net *sn, const struct sxf_slog *ev);

/* attribute policies (netlink.c), used to parse configuration objects */
extern const struct nla_policy sxf_zone_policy[];
extern const struct nla_policy sxf_zif_policy[];
extern const struct nla_policy sxf_ifd_policy[];
extern const struct nla_policy sxf_term_policy[];
extern const struct nla_policy sxf_ifl_policy[];
extern const struct nla_policy sxf_hie_policy[];
extern const struct nla_policy sxf_addr_policy[];
extern const struct nla_policy sxf_aset_policy[];
extern const struct nla_policy sxf_app_policy[];
extern const struct nla_policy sxf_appset_policy[];
extern const struct nla_policy sxf_policy_policy[];
extern const struct nla_policy sxf_policies_policy[];
extern const struct nla_policy sxf_flow_policy[];
extern const struct nla_policy sxf_fwd_policy[];
extern const struct nla_policy sxf_trace_policy[];
extern const struct nla_policy sxf_tfilter_policy[];
extern const struct nla_policy sxf_seclog_policy[];
extern const struct nla_policy sxf_algcfg_policy[];
extern const struct nla_policy sxf_lstream_policy[];
extern const struct nla_policy sxf_screen_policy[];

/* a numeric range of a configuration attribute and its Junos statement */
struct sxf_range {
	struct netlink_range_validation r;
	const char *stmt;
};

extern struct sxf_range sxf_flow_ranges[];
extern struct sxf_range sxf_trace_ranges[];
extern struct sxf_range sxf_screen_ranges[];

/* session.c */
struct net_device;
void sxf_sessions_flush_dev(struct sxf_net *sn, struct net_device *dev);
void sxf_sessions_flush_snat_addr(struct sxf_net *sn, __be32 addr, int vrf);
void sxf_sessions_flush_snat6_gone(struct sxf_net *sn);
/* a new generation was published (RTNL held) */
void sxf_cfg_applied(struct sxf_net *sn, struct sxf_cfg *old, struct sxf_cfg *cfg);

/* commit.c: policy indices of generations up to gen have no session left */
void sxf_policy_indices_release(struct sxf_net *sn, u64 gen);

/* stats.c */
int sxf_stats_init(struct sxf_net *sn);
void sxf_stats_exit(struct sxf_net *sn);
void sxf_stats_sum(struct sxf_net *sn, struct sxf_cpu_stats *sum);
void sxf_stats_clear(struct sxf_net *sn);

#define SXF_STAT_INC(sn, field)		this_cpu_inc((sn)->stats->field)
#define SXF_STAT_ADD(sn, field, n)	this_cpu_add((sn)->stats->field, (n))

#endif /* _SRXFLOW_H */
