/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security configuration of a namespace: one immutable generation.
 *
 * A generation is built by a transaction (CFG_BEGIN / CFG_ADD... /
 * CFG_COMMIT), validated object by object as it arrives (every reference
 * must name an object defined earlier in the transaction), compiled at
 * commit (policy contexts and classifiers, stable policy indices, flow
 * options with their defaults, the interface map) and published with
 * rcu_assign_pointer() under RTNL.  Packet-path readers see either the old
 * or the new generation, never a mix; the old one is freed after a grace
 * period from a workqueue.
 */
#ifndef _SRXFLOW_CONFIG_H
#define _SRXFLOW_CONFIG_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <linux/in6.h>
#include <linux/if.h>
#include <asm/unaligned.h>
#include <net/netlink.h>
#include <linux/srxflow.h>

#define SXF_MAX_ZONES		1024
#define SXF_MAX_ZONE_IFACES	4096	/* per zone */
#define SXF_MAX_IFDS		16384	/* interfaces IFD (name bindings) */
#define SXF_MAX_ADDRESSES	262144
#define SXF_MAX_SET_MEMBERS	65536
#define SXF_MAX_APPS		16384
#define SXF_MAX_POLICIES	65535	/* indices are 16 bits in a session */
#define SXF_MAX_POLICY_REFS	4096	/* addresses/apps named by one policy */
#define SXF_MAX_SCREENS		1024
#define SXF_MAX_TXNS		16	/* open transactions per namespace */
#define SXF_MAX_TXN_BYTES	(256U << 20)
/*
 * Ranges one union of address sets copies and sorts before merging
 * (addrbook.c): 16 MB of IPv4 ranges, a fraction of a second of sorting
 * under the genetlink mutex.
 */
#define SXF_MAX_UNION_RANGES	(2U << 20)
/*
 * Policy classifiers of one configuration (all zone pairs and the global
 * policies together): an upper bound of the bytes their build allocates.
 * Every policy is charged the ranges it copies into the classifier, a
 * shared address-set once per policy naming it.  Documented in design.rst
 * and srxflow.8.
 */
#define SXF_MAX_CLS_BYTES	((size_t)64 << 20)

#define SXF_ZONE_NONE		0xffff	/* interface not in any zone */
#define SXF_ZONE_HOST		0xfffe	/* junos-host (the router itself) */
#define SXF_ZONE_ANY		0xfffd	/* global policy: any zone */

/* Defaults of reference §3 */
#define SXF_DEF_TCP_INITIAL_TIMEOUT	20
#define SXF_DEF_TIME_WAIT_TIMEOUT	150
#define SXF_DEF_EARLY_AGEOUT		20
#define SXF_DEF_WATERMARK		100
#define SXF_DEF_ROUTE_CHANGE_TIMEOUT	30
#define SXF_DEF_MAX_SESSIONS		(1U << 20)
#define SXF_DEF_TRACE_DEBUG_BUF		40000

enum sxf_obj_kind {
	SXF_OBJ_ZONE,
	SXF_OBJ_IFACE,		/* interface name -> zone */
	SXF_OBJ_ADDR,		/* address or address-set (one namespace) */
	SXF_OBJ_APP,		/* application or application-set */
	SXF_OBJ_POLICY,
	SXF_OBJ_TFILTER,
	SXF_OBJ_IFBIND,		/* Junos logical interface -> Linux device */
	SXF_OBJ_IFBDEV,		/* Linux device -> its Junos name */
	SXF_OBJ_SCREEN,		/* security screen ids-option */
	SXF_OBJ_NAT_POOL,	/* security nat source|destination pool (nat.h) */
	SXF_OBJ_NAT_RULESET,	/* security nat ... rule-set (nat.h) */
	SXF_OBJ_NAT_PROXY,	/* security nat proxy-arp|proxy-ndp interface (nat.h) */
	SXF_OBJ_NAT_RULE,	/* a rule of a NAT rule-set: in sxf_nat_cfg.rule_names only */
};

/* Common header of every named object: hashed by (kind, scope, name). */
struct sxf_obj {
	struct hlist_node hnode;
	u32 hash;
	u8 kind;
	u32 scope;		/* zone book: zone id + 1; policies: pair */
	char name[SRXFLOW_NAME_MAX];
};

struct sxf_nametab {
	struct hlist_head *buckets;
	u32 nbuckets;		/* power of two */
	u32 count;
};

/* --- address ranges ------------------------------------------------------ */
struct sxf_a6 {
	u64 hi, lo;		/* host order */
};

struct sxf_r4 {
	u32 lo, hi;
};

struct sxf_r6 {
	struct sxf_a6 lo, hi;
};

/* A set of addresses: sorted, disjoint, merged ranges per family. */
struct sxf_rangeset {
	u32 n4, n6;
	struct sxf_r4 *r4;
	struct sxf_r6 *r6;
};

/* address or address-set */
struct sxf_addr {
	struct sxf_obj o;
	bool is_set;
	struct sxf_rangeset rs;
};

/* --- applications ------------------------------------------------------------ */
struct sxf_app {
	const char *name;
	u8 proto;
	bool any_proto;		/* no protocol configured */
	u16 sp_lo, sp_hi;
	u16 dp_lo, dp_hi;
	s16 icmp_type;		/* -1: any */
	s16 icmp_code;		/* -1: any */
	u32 timeout;		/* 0: protocol default; SRXFLOW_TIMEOUT_NEVER */
	const char *alg;	/* predefined: informational */
	const char *term;	/* predefined with terms: the term's name */
};

struct sxf_user_app {
	struct sxf_obj o;
	bool is_set;
	struct sxf_app app;		/* !is_set, no terms */
	u32 n;				/* is_set: flattened members; else terms */
	const struct sxf_app **members;	/* the members or &terms[i] */
	struct sxf_app *terms;		/* application with terms */
};

/* --- zones -------------------------------------------------------------------- */
struct sxf_hostin {
	u64 services;		/* bit per enum srxflow_service */
	u64 svc_except;		/* ... listed with except (any-service lets in all but these) */
	u32 protocols;		/* bit per enum srxflow_hproto */
	bool has_services;
	bool has_protocols;
};

/* interfaces IFD unit N linux-device DEV (cfg_interface.c) */
struct sxf_ifbind {
	struct sxf_obj o;		/* kind IFBIND, name = IFD.N */
	char dev[IFNAMSIZ];
};

struct sxf_ifbdev {
	struct sxf_obj o;		/* kind IFBDEV, name = DEV */
	const struct sxf_ifbind *bind;
};

struct sxf_zone;
struct sxf_screen;
struct sxf_scr_stats;

struct sxf_zone_if {
	struct sxf_obj o;		/* kind IFACE, name = the logical interface
					 * (IFD.N when bound, else the device)
					 */
	char dev[IFNAMSIZ];		/* the Linux device it resolves to */
	bool bound;			/* o.name is a Junos name */
	struct sxf_zone *zone;
	struct sxf_hostin hostin;	/* interface level */
	struct sxf_hostin eff;		/* effective (interface over zone) */
	struct sxf_scr_stats *scr_stats; /* zone binds a screen (screen.h) */
};

struct sxf_zone {
	struct sxf_obj o;		/* functional-zone: scope 1 (no policy names it) */
	u16 id;
	bool functional;		/* functional-zone management: host-inbound only */
	bool tcp_rst;
	bool reverse_reroute;
	char screen[SRXFLOW_NAME_MAX];
	const struct sxf_screen *scr;	/* screen, resolved at commit */
	struct sxf_hostin hostin;
	u32 nr_ifaces;
	struct sxf_zone_if **ifaces;
};

/* --- policies --------------------------------------------------------------- */
struct sxf_amatch {
	bool any4, any6;
	const struct sxf_rangeset *rs;	/* NULL when only any */
	bool owned;			/* rs allocated for this policy */
};

struct sxf_policy {
	struct sxf_obj o;
	u32 index;			/* stable, 1.. */
	u32 seq;			/* position in its context, 1.. */
	u16 from, to;			/* zone ids; SXF_ZONE_ANY for global */
	bool global;
	u8 action;
	bool count, log_init, log_close;
	u8 offload;			/* enum srxflow_offload */
	struct sxf_amatch src, dst;
	bool any_app;
	u32 n_apps;
	const struct sxf_app **apps;
	u16 n_mfrom, n_mto;		/* global: zone matches, 0 = any */
	u16 *mfrom, *mto;
	const char *from_name, *to_name; /* zone names ("" global) */
};

struct sxf_classifier;

/* The ordered policies of one zone pair, or the global policies. */
struct sxf_pctx {
	u32 key;			/* from << 16 | to */
	u32 n;
	struct sxf_policy **pol;
	struct sxf_classifier *cls;
};

/* --- options ------------------------------------------------------------------ */
struct sxf_flow_opts {
	u32 tcp_initial_timeout;
	bool no_syn_check, strict_syn_check, no_seq_check;
	bool rst_invalidate, fin_invalidate, time_wait;
	u32 time_wait_timeout;
	u32 early_ageout;
	u32 high_wm, low_wm;
	bool rr_packet_mode;
	u32 route_change_timeout;
	u32 max_sessions;
	u8 mode[2];			/* [0] inet, [1] inet6 */
	u8 default_policy;
	bool policy_rematch;
};

struct sxf_tfilter {
	char name[SRXFLOW_NAME_MAX];
	bool has_src, has_dst, has_proto, has_sport, has_dport, has_iface;
	struct srxflow_prefix src, dst;
	u8 proto;
	u16 sp_lo, sp_hi, dp_lo, dp_hi;
	char iface[SRXFLOW_NAME_MAX];
};

struct sxf_trace_cfg {
	bool configured;
	char file[SRXFLOW_NAME_MAX];
	u32 size, files;
	u32 flags;			/* bit per enum srxflow_trace_flag */
	u32 rate_limit;
	u32 debug_buf;
	u32 nfilters;
	struct sxf_tfilter filters[SRXFLOW_TRACE_FILTERS_MAX];
};

/* --- interface map -------------------------------------------------------- */
struct sxf_ifent {
	int ifindex;			/* 0: empty slot */
	u16 zone;
	const struct sxf_zone_if *zif;
};

struct sxf_ifmap {
	struct rcu_head rcu;
	u32 mask;
	u32 count;
	struct sxf_ifent ent[];
};

struct sxf_nat_cfg;

/* --- the generation ------------------------------------------------------- */
struct sxf_blob {
	void *obj;			/* parsed object (policies: for INDEX) */
	u16 type;
	u16 len;			/* payload length */
	u8 data[];			/* attribute payload (nest contents) */
};

struct sxf_cfg {
	u64 generation;
	refcount_t ref;			/* published: 1; + dumps in progress */
	struct rcu_work free_work;
	struct sxf_nametab names;
	size_t bytes;			/* memory accounted to the transaction */
	bool over_limit;		/* an allocation was refused by SXF_MAX_TXN_BYTES */

	u32 nr_zones, cap_zones;
	struct sxf_zone **zones;	/* by id */
	u32 nr_addrs, nr_apps, nr_ifaces, nr_ifds;
	u32 nr_screens;

	u32 nr_policies, cap_policies;
	struct sxf_policy **policies;	/* in transaction order */
	struct sxf_policy **sorted_policies; /* by zone pair (contexts point in) */
	u32 nr_pctx;
	struct sxf_pctx *pctx;		/* zone pairs, sorted by key */
	struct sxf_pctx global;		/* global policies */
	u32 max_index;
	struct sxf_policy **by_index;	/* [0..max_index], after commit */

	bool have_policies_obj, have_flow, have_fwd, have_trace, have_fzone,
	     have_log;
	bool have_alg;			/* security alg (alg.c) */
	u8 alg_disabled;		/* BIT(enum srxflow_alg): security alg X disable */
	struct sxf_flow_opts flow;
	struct sxf_trace_cfg trace;

	u32 nr_blobs, cap_blobs;
	struct sxf_blob **blobs;	/* objects in transaction order */

	struct sxf_ifmap __rcu *ifmap;
	struct sxf_nat_cfg *nat;	/* NULL: no NAT configured (nat.h) */
};

/* A transaction being assembled. */
struct sxf_txn {
	struct list_head list;
	u32 id;
	u32 portid;
	u64 base_gen;
	bool failed;			/* an object was rejected: no commit */
	struct sxf_cfg *cfg;
};

struct sxf_net;

/* config.c */
struct sxf_cfg *sxf_cfg_alloc(void);
void sxf_cfg_free(struct sxf_cfg *cfg);
void sxf_cfg_put(struct sxf_cfg *cfg);
struct sxf_cfg *sxf_cfg_get_rcu(struct sxf_net *sn);
int sxf_names_init(struct sxf_nametab *t, u32 nbuckets);
struct sxf_obj *sxf_names_find(const struct sxf_nametab *t, u8 kind, u32 scope,
			       const char *name);
int sxf_cfg_add(struct sxf_cfg *cfg, u16 type, const struct nlattr *obj,
		struct netlink_ext_ack *extack);
__printf(3, 4)
int sxf_err(struct netlink_ext_ack *extack, const struct nlattr *bad, const char *fmt, ...);

/* cfg_zone.c */
const struct sxf_zone *sxf_cfg_zone_by_name(const struct sxf_cfg *cfg, const char *name);
const char *sxf_zone_name(const struct sxf_cfg *cfg, u16 id);
bool sxf_prefix_match(const struct srxflow_prefix *p, u8 family, const void *addr);

/* cfg_interface.c */
bool sxf_ascii_name(const char *s);
const struct sxf_ifbind *sxf_cfg_ifbind(const struct sxf_cfg *cfg, const char *name);
const struct sxf_ifbind *sxf_cfg_ifbind_dev(const struct sxf_cfg *cfg, const char *dev);

/* commit.c */
int sxf_cfg_net_init(struct sxf_net *sn);
void sxf_cfg_net_exit(struct sxf_net *sn);
int sxf_cfg_commit(struct sxf_net *sn, struct sxf_txn *txn, bool check_only,
		   struct netlink_ext_ack *extack);
void sxf_cfg_release_portid(struct net *net, u32 portid);
int sxf_ifmap_rebuild(struct sxf_net *sn, struct sxf_cfg *cfg);
const struct sxf_ifent *sxf_ifmap_lookup(const struct sxf_ifmap *m, int ifindex);
const char *sxf_dev_label(const struct sxf_cfg *cfg, const struct net_device *dev);
const struct sxf_policy *sxf_cfg_policy_by_index(const struct sxf_cfg *cfg, u32 index);

/* netdev.c */
int sxf_netdev_init(void);
void sxf_netdev_exit(void);
int sxf_netlink_notifier_init(void);
void sxf_netlink_notifier_exit(void);
void sxf_net_live_add(struct sxf_net *sn);
void sxf_net_live_del(struct sxf_net *sn);
int sxf_addr_notifier_init(void);
void sxf_addr_net_init(struct sxf_net *sn);
void sxf_addr_notifier_exit(void);

/* addrbook.c */
int sxf_rs_from_prefix(struct sxf_rangeset *rs, const struct srxflow_prefix *p);
int sxf_rs_from_range(struct sxf_rangeset *rs, const struct srxflow_prefix *lo,
		      const struct srxflow_prefix *hi);
int sxf_rs_union(struct sxf_rangeset *dst, const struct sxf_rangeset *const *src, u32 n);
void sxf_rs_free(struct sxf_rangeset *rs);
bool sxf_rs_match4(const struct sxf_rangeset *rs, u32 addr);
bool sxf_rs_match6(const struct sxf_rangeset *rs, const struct sxf_a6 *addr);
size_t sxf_rs_bytes(const struct sxf_rangeset *rs);
static inline struct sxf_a6 sxf_a6_from(const struct in6_addr *a)
{
	struct sxf_a6 r = {
		.hi = get_unaligned_be64(&a->s6_addr[0]),
		.lo = get_unaligned_be64(&a->s6_addr[8]),
	};
	return r;
}

static inline int sxf_a6_cmp(const struct sxf_a6 *a, const struct sxf_a6 *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

/* application.c */
const struct sxf_app *sxf_predefined_app(const char *name, u32 *nterms);
const struct sxf_app *sxf_predefined_apps(u32 *n);
const char *const *sxf_predefined_set(const char *name);
const char *const *sxf_predefined_sets(u32 i, const char **name);
bool sxf_app_match(const struct sxf_app *app, u8 proto, u16 sport, u16 dport,
		   u8 icmp_type, u8 icmp_code);

#endif /* _SRXFLOW_CONFIG_H */
