/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT: source, destination and static NAT of IPv4 and IPv6 (NAT66,
 * security nat).  A pool is of one family; a rule's family comes from its
 * addresses and its pool (0: any family, an interface or off rule that
 * matches no address).
 *
 * The configuration (cfg_nat.c) is part of the immutable generation: pools
 * and rule-sets are objects of its name table, the rule-sets of each kind
 * listed in cfg->nat.  Counters (translation hits, allocation failures)
 * live beside it in refcounted objects that a commit hands from a pool or
 * rule to the pool or rule of the same name in the new generation.
 *
 * A session holds its translation in its two tuples, as nf_conntrack does:
 * wing 0 is the packet as it arrived, wing 1 the reply as it will arrive
 * (post-NAT); a packet matching wing d is rewritten to the inverse of wing
 * !d's tuple (nat_rewrite.c).  A source port is claimed by linking the
 * reply wing into the session table (nat.c).
 */
#ifndef _SRXFLOW_NAT_H
#define _SRXFLOW_NAT_H

#include <linux/types.h>
#include <linux/refcount.h>
#include <linux/rbtree.h>
#include "config.h"

struct sxf_ctx;
struct sxf_session;
struct sxf_wing;
struct sk_buff;
struct genl_info;
struct netlink_callback;

struct sxf_nat_ctr {
	refcount_t ref;
	/*
	 * Translations (sessions): per CPU, as every new session of the rule
	 * or pool counts one (sxf_nat_ctr_hits(): the sum minus hits_base,
	 * which clear sets).  The rarer events below are shared atomics.
	 */
	u64 __percpu *hits;
	atomic64_t hits_base;
	atomic64_t failed;		/* allocation failures */
	atomic64_t overflowed;		/* source pool: sessions passed to its overflow-pool */
	/*
	 * Source pools: the sessions translated by the pool now, counted by
	 * the session events (the session's extension holds a reference to
	 * these counters, so a session counts where it was counted whatever
	 * the commits in between), and the utilization alarm's state: raised
	 * or not, changed by cmpxchg so that each crossing is logged once.
	 */
	atomic_t in_use;
	atomic_t alarm_raised;
	atomic64_t alarms;		/* times raised */
	char name[SRXFLOW_NAME_MAX];	/* the pool's (pools only) */
};

/*
 * An address range of a pool: IPv4 lo..hi; IPv6 pfx (the first 96 bits,
 * network order) followed by lo..hi (a pool entry is at most
 * SRXFLOW_NAT_POOL_SIZE_MAX addresses, within one /96).
 */
u64 sxf_nat_ctr_hits(const struct sxf_nat_ctr *c);
void sxf_nat_ctr_clear_hits(struct sxf_nat_ctr *c);

struct sxf_nat_range {
	u32 lo, hi;			/* host order: IPv4, the last 32 bits of IPv6 */
	__be32 pfx[3];			/* IPv6: the first 96 bits */
	u8 family;
	u16 port;			/* destination pool: port N (0: keep) */
};

struct sxf_nat_pool;

struct sxf_nat_rnode {
	struct rb_node rb;
	const struct sxf_nat_pool *pool;
	const struct sxf_nat_range *r;
};

struct sxf_nat_pool {
	struct sxf_obj o;		/* kind SXF_OBJ_NAT_POOL, scope = kind */
	u8 kind;			/* SRXFLOW_NAT_SOURCE, _DESTINATION */
	u8 family;			/* AF_INET, AF_INET6: of all its entries */
	u32 id;
	u32 n;
	struct sxf_nat_range r[SRXFLOW_NAT_POOL_ADDRS_MAX];
	struct sxf_nat_rnode *rn;	/* r[i]'s node in sxf_nat_cfg.ranges[kind] */
	u64 naddrs;
	u16 port_lo, port_hi;		/* source: PAT range */
	bool no_pat;			/* port no-translation */
	bool overflow_if;		/* overflow-pool interface */
	char overflow[SRXFLOW_NAME_MAX]; /* overflow-pool POOL ("": none) */
	const struct sxf_nat_pool *ovf;	/* ... resolved by sxf_nat_compile() */
	struct sxf_nat_ctr *ctr;	/* at commit */
	/* pool-utilization-alarm: its own (0: none), then in effect (compile) */
	u8 alarm_raise_cfg, alarm_clear_cfg;
	u8 alarm_raise, alarm_clear;	/* percent; raise 0: no alarm */
	u64 capacity;			/* ports (PAT) or addresses (no PAT) */
	/*
	 * routing-instance RI ("": default, the main table): the VRF device
	 * of that name.  Destination pool: the translated destination is
	 * routed in its table; source pool: used only for traffic leaving
	 * in it.  Not configured: a source pool serves any egress, a
	 * destination pool is routed in the arrival interface's table.
	 */
	char ri[SRXFLOW_NAME_MAX];
	bool ri_set;
};

/* contexts of a rule-set: ranked interface > zone > routing-instance */
enum sxf_nat_ctx {
	SXF_NCTX_NONE,
	SXF_NCTX_RI,
	SXF_NCTX_ZONE,
	SXF_NCTX_IF,
};

struct sxf_nat_ruleset;

struct sxf_nat_rule {
	/*
	 * kind SXF_OBJ_NAT_RULE, scope = the rule-set's kind: in the
	 * configuration's sxf_nat_cfg.rule_names (names are unique among
	 * the rules of a kind), not in its object table
	 */
	struct sxf_obj o;
	u32 id, pos;
	const struct sxf_nat_ruleset *rs;
	bool any_src, any_dst;
	struct sxf_rangeset src, dst;	/* when not any */
	u8 n_sport, n_dport, n_proto;
	u32 sport[SRXFLOW_NAT_MATCH_MAX], dport[SRXFLOW_NAT_MATCH_MAX];
	u8 proto[SRXFLOW_NAT_MATCH_MAX];
	u8 action;			/* enum srxflow_nat_action */
	u8 family;			/* of its addresses and pool; 0: any */
	const struct sxf_nat_pool *pool;
	struct srxflow_prefix match_dst;	/* static: match destination-address */
	struct srxflow_prefix prefix;	/* static: then static-nat prefix */
	u16 mapped_port;		/* static: mapped-port (0: none) */
	struct sxf_nat_ctr *ctr;	/* at commit */
};

struct sxf_nat_ruleset {
	struct sxf_obj o;		/* kind SXF_OBJ_NAT_RULESET, scope = kind */
	u8 kind;
	u8 from_type, to_type;		/* enum sxf_nat_ctx */
	u8 n_from, n_to;
	char from[SRXFLOW_NAT_CTX_MAX][SRXFLOW_NAME_MAX];
	char to[SRXFLOW_NAT_CTX_MAX][SRXFLOW_NAME_MAX];
	u16 from_zone[SRXFLOW_NAT_CTX_MAX], to_zone[SRXFLOW_NAT_CTX_MAX];
	u32 n_rules;
	struct sxf_nat_rule *rules;
};

/* proxy-arp / proxy-ndp (nat_proxy.c): counters kept across commits */
struct sxf_proxy_ctr {
	refcount_t ref;
	atomic64_t replies;		/* requests answered */
	atomic64_t announced;		/* gratuitous ARP / unsolicited NA sent */
};

struct sxf_proxy_range {
	u8 lo[16], hi[16];		/* network order; IPv4 in the first 4 */
	u32 size;			/* addresses, <= SRXFLOW_NAT_PROXY_SIZE_MAX */
};

struct sxf_nat_proxy {
	struct sxf_obj o;		/* kind SXF_OBJ_NAT_PROXY, scope = family, name = IF */
	u8 family;			/* AF_INET: proxy-arp, AF_INET6: proxy-ndp */
	const struct sxf_zone_if *zif;	/* the interface (same generation) */
	u32 n;
	struct sxf_proxy_range r[SRXFLOW_NAT_PROXY_ADDRS_MAX];
	struct sxf_proxy_ctr *ctr;	/* at commit */
};

/* cfg->nat: the rule-sets and pools of each kind, in transaction order */
struct sxf_nat_cfg {
	u32 n_rs[3], cap_rs[3];
	struct sxf_nat_ruleset **rs[3];
	u32 n_pools[2], cap_pools[2];
	struct sxf_nat_pool **pools[2];
	u32 next_rule_id;
	bool have_src_opts;		/* security nat source options given */
	bool address_persistent;	/* security nat source address-persistent */
	u8 alarm_raise, alarm_clear;	/* security nat source pool-utilization-alarm (0: none) */
	u32 n_proxy[2], cap_proxy[2];	/* [0] proxy-arp, [1] proxy-ndp */
	struct sxf_nat_proxy **proxy[2];
	struct sxf_nametab rule_names;	/* the rules of all rule-sets, by kind and name */
	/*
	 * The address entries of the pools of each kind, disjoint (an overlap
	 * is refused), ordered by family, /96 and first address: the overlap
	 * check while the transaction is built, then NAT_GET's in-use count
	 * (cfg_nat.c sxf_nat_range_find(); the generation is immutable).
	 */
	struct rb_root ranges[2];
};

/* cfg_nat.c */
const struct sxf_nat_rnode *sxf_nat_range_find(const struct rb_root *root,
					       const struct sxf_nat_range *r);
extern const struct nla_policy sxf_npool_policy[SRXFLOW_A_NPOOL_MAX + 1];
extern const struct nla_policy sxf_nrs_policy[SRXFLOW_A_NRS_MAX + 1];
int sxf_add_nat_source_pool(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack);
int sxf_add_nat_dest_pool(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			  struct netlink_ext_ack *extack);
int sxf_add_nat_source_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj,
			       struct nlattr **tb, struct netlink_ext_ack *extack);
int sxf_add_nat_dest_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj,
			     struct nlattr **tb, struct netlink_ext_ack *extack);
int sxf_add_nat_static_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj,
			       struct nlattr **tb, struct netlink_ext_ack *extack);
void sxf_free_nat_obj(struct sxf_obj *o);
extern const struct nla_policy sxf_nsrc_policy[SRXFLOW_A_NSRC_MAX + 1];
int sxf_add_nat_source_opts(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack);
u32 sxf_nat_have_source_opts(const struct sxf_cfg *cfg);
int sxf_nat_compile(struct net *net, struct sxf_cfg *cfg, struct netlink_ext_ack *extack);
void sxf_nat_cfg_free(struct sxf_cfg *cfg);
int sxf_nat_commit(struct sxf_cfg *cfg, const struct sxf_cfg *old);
u32 sxf_nat_count(const struct sxf_cfg *cfg);

struct sxf_nat_cfg *sxf_nat_cfg_of(struct sxf_cfg *cfg);

/* nat_proxy.c */
struct sxf_net;
extern const struct nla_policy sxf_nproxy_policy[SRXFLOW_A_NPROXY_MAX + 1];
int sxf_add_nat_proxy_arp(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			  struct netlink_ext_ack *extack);
int sxf_add_nat_proxy_ndp(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			  struct netlink_ext_ack *extack);
void sxf_free_nat_proxy(struct sxf_obj *o);
u32 sxf_nat_proxy_count(const struct sxf_cfg *cfg);
int sxf_nat_proxy_commit(struct sxf_cfg *cfg, const struct sxf_cfg *old);
int sxf_nat_proxy_enable(struct sxf_net *sn, const struct sxf_cfg *cfg);
void sxf_nat_proxy_unregister(struct sxf_net *sn);
void sxf_nat_proxy_announce(struct sxf_net *sn, const struct sxf_cfg *cfg,
			    const struct sxf_cfg *old);
int sxf_nat_proxy_put(struct sk_buff *skb, const struct sxf_nat_proxy *p);

/* nat.c: the first-path stages (state in first_path.c's struct sxf_fp) */
struct sxf_nat_fp {
	struct sxf_tuple xt;		/* the packet after static/destination NAT */
	const struct sxf_nat_rule *dnat, *snat;
	u32 sflags;			/* SXF_SF_SNAT, ... for the session */
	/* source NAT: the reply wing's address and port, claimed at install */
	bool claim;
	bool ports;			/* the protocol has ports (or an echo id) */
	const struct sxf_nat_pool *pool; /* NULL: one address (interface) */
	const struct sxf_nat_pool *first; /* overflowed from this pool (NULL: not) */
	const struct net_device *out;	/* egress (overflow-pool interface) */
	bool l4ports;			/* the protocol has ports (before no-translation) */
	bool persistent;		/* address-persistent: stay on the first address */
	/* an ALG data session: its control session's translated source (RCU) */
	const void *follow;
	u32 addr_idx, addr_tries;
	u16 port_lo, port_hi, port;
	u32 port_tries, tries;
	/* destination pool with a routing-instance: the table of the route */
	bool ri;
	int ri_vrf;			/* its VRF's ifindex (0: main), -ENODEV: gone */
};

int sxf_nat_dst(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_nat_fp *n);
int sxf_nat_src(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_nat_fp *n,
		u16 to_zone, const struct net_device *out, struct sxf_tuple *rt);
int sxf_nat_install(struct sxf_ctx *c, struct sxf_nat_fp *n, struct sxf_session *s);
/* the VRF of routing-instance name ("" or "default": 0), -ENODEV: none (RCU) */
int sxf_nat_ri_vrf(struct net *net, const char *name);
/* address v (lo..hi) of range r into addr (a tuple's address union) */
void sxf_nat_range_addr(const struct sxf_nat_range *r, u32 v, void *addr);
bool sxf_nat_session_valid(const struct sxf_cfg *cfg, const struct sxf_session *s);
struct sxf_slog;
void sxf_nat_session_rules(const struct sxf_cfg *cfg, struct net *net,
			   const struct sxf_session *s, struct sxf_slog *ev);

/* nat_alarm.c: source pool utilization (pool-utilization-alarm) */
struct sxf_net;
void sxf_nat_ctr_put(struct sxf_nat_ctr *c);
bool sxf_nat_pool_needs_ext(const struct sxf_nat_fp *n);
void sxf_nat_pool_attach(struct sxf_session *s, const struct sxf_nat_pool *p);
void sxf_nat_pool_created(struct sxf_net *sn, struct sxf_session *s);
void sxf_nat_pool_closed(struct sxf_net *sn, struct sxf_session *s);
void sxf_nat_session_ext_free(struct sxf_session *s);

/* nat_rewrite.c: the fast path */
int sxf_nat_rewrite(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		    const struct sxf_wing *w);
int sxf_nat_rewrite_ports(struct sk_buff *skb, u8 family, unsigned int thoff, u8 proto,
			  const struct sxf_session *s, const struct sxf_wing *w);

/* nat_show.c: NAT_GET, NAT_CLEAR */
int sxf_nl_nat_start(struct netlink_callback *cb);
int sxf_nl_nat_dump(struct sk_buff *skb, struct netlink_callback *cb);
int sxf_nl_nat_done(struct netlink_callback *cb);
int sxf_nl_nat_clear(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy sxf_nat_req_policy[SRXFLOW_A_MAX + 1];
void *sxf_nl_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd);

#endif
