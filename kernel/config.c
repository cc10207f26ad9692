// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration generations: objects arriving in a transaction are
 * validated and compiled one by one (references must point to objects
 * defined earlier in the same transaction), the whole generation is
 * checked and published atomically at commit.  See config.h.
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "policy.h"
#include "nat.h"

/* --- name table ---------------------------------------------------------------- */
static u32 name_hash(u8 kind, u32 scope, const char *name)
{
	return jhash(name, strlen(name), ((u32)kind << 24) ^ scope);
}

int sxf_names_init(struct sxf_nametab *t, u32 nbuckets)
{
	t->buckets = kvcalloc(nbuckets, sizeof(*t->buckets), GFP_KERNEL_ACCOUNT);
	if (!t->buckets)
		return -ENOMEM;
	t->nbuckets = nbuckets;
	t->count = 0;
	return 0;
}

int sxf_names_add(struct sxf_nametab *t, struct sxf_obj *o)
{
	if (t->count >= t->nbuckets) {
		struct hlist_head *nb;
		u32 n = t->nbuckets * 2, i;
		struct hlist_node *tmp;
		struct sxf_obj *p;

		nb = kvcalloc(n, sizeof(*nb), GFP_KERNEL_ACCOUNT);
		if (!nb)
			return -ENOMEM;
		for (i = 0; i < t->nbuckets; i++)
			hlist_for_each_entry_safe(p, tmp, &t->buckets[i], hnode) {
				hlist_del(&p->hnode);
				hlist_add_head(&p->hnode, &nb[p->hash & (n - 1)]);
			}
		kvfree(t->buckets);
		t->buckets = nb;
		t->nbuckets = n;
	}
	o->hash = name_hash(o->kind, o->scope, o->name);
	hlist_add_head(&o->hnode, &t->buckets[o->hash & (t->nbuckets - 1)]);
	t->count++;
	return 0;
}

struct sxf_obj *sxf_names_find(const struct sxf_nametab *t, u8 kind, u32 scope,
			       const char *name)
{
	u32 h = name_hash(kind, scope, name);
	struct sxf_obj *o;

	hlist_for_each_entry(o, &t->buckets[h & (t->nbuckets - 1)], hnode)
		if (o->hash == h && o->kind == kind && o->scope == scope &&
		    !strcmp(o->name, name))
			return o;
	return NULL;
}

/* --- allocation and freeing ----------------------------------------------------- */
struct sxf_cfg *sxf_cfg_alloc(void)
{
	struct sxf_cfg *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);

	if (!cfg)
		return NULL;
	if (sxf_names_init(&cfg->names, 64)) {
		kfree(cfg);
		return NULL;
	}
	refcount_set(&cfg->ref, 1);
	return cfg;
}

static void free_obj(struct sxf_obj *o);

void sxf_cfg_free(struct sxf_cfg *cfg)
{
	struct hlist_node *tmp;
	struct sxf_obj *o;
	u32 i;

	if (!cfg)
		return;
	sxf_policy_free_compiled(cfg);
	for (i = 0; i < cfg->names.nbuckets; i++)
		hlist_for_each_entry_safe(o, tmp, &cfg->names.buckets[i], hnode)
			free_obj(o);
	kvfree(cfg->names.buckets);
	for (i = 0; i < cfg->nr_blobs; i++)
		kvfree(cfg->blobs[i]);
	kvfree(cfg->blobs);
	kvfree(cfg->zones);
	kvfree(cfg->policies);
	kvfree(cfg->by_index);
	sxf_nat_cfg_free(cfg);
	kvfree(rcu_dereference_protected(cfg->ifmap, true));
	kfree(cfg);
}

static void cfg_free_work(struct work_struct *work)
{
	struct sxf_cfg *cfg = container_of(to_rcu_work(work), struct sxf_cfg, free_work);

	sxf_cfg_free(cfg);
}

/*
 * Drop a reference.  The last one frees after a grace period, in process
 * context (generations can be large).
 */
void sxf_cfg_put(struct sxf_cfg *cfg)
{
	if (!cfg || !refcount_dec_and_test(&cfg->ref))
		return;
	INIT_RCU_WORK(&cfg->free_work, cfg_free_work);
	queue_rcu_work(sxf_wq, &cfg->free_work);
}

/* The running generation, referenced (for dumps that span messages). */
struct sxf_cfg *sxf_cfg_get_rcu(struct sxf_net *sn)
{
	struct sxf_cfg *cfg;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (cfg && !refcount_inc_not_zero(&cfg->ref))
		cfg = NULL;
	rcu_read_unlock();
	return cfg;
}

/* --- formatted extended ACK messages ------------------------------------------ */
/*
 * genl_mutex serialises the operations of this family (parallel_ops =
 * false), but the ACK that copies the message is built by
 * netlink_rcv_skb() after genl_rcv_msg() has dropped it, and it reads the
 * message twice: its length, to size the ACK, then its text.  A buffer
 * rewritten in between with a longer message makes netlink_ack() WARN
 * (and a shorter one garbles the first).  6.1's extack has no buffer of
 * its own (NL_SET_ERR_MSG_FMT came in 6.2), so each message gets a slot of
 * a ring, and a slot is not written again for SXF_ERRBUF_HOLD, however many
 * errors come meanwhile: a sender would have to be held up that long
 * between the end of its operation and its ACK.  More errors than slots
 * in that time get a fixed message instead (with the offending attribute
 * still pointed to).
 */
#define SXF_ERRBUF_SLOTS	256
#define SXF_ERRBUF_HOLD		(10 * HZ)

struct sxf_errbuf {
	u64 used;			/* jiffies64 when written, 0: never */
	char msg[320];
};

static struct sxf_errbuf sxf_errbuf[SXF_ERRBUF_SLOTS];
static unsigned int sxf_errbuf_next;
static DEFINE_SPINLOCK(sxf_errbuf_lock);

__printf(3, 4)
int sxf_err(struct netlink_ext_ack *extack, const struct nlattr *bad, const char *fmt, ...)
{
	const char *msg = "srxflow: too many errors at once, this one was not kept: try again";
	u64 now = get_jiffies_64();
	struct sxf_errbuf *b;
	va_list ap;

	spin_lock_bh(&sxf_errbuf_lock);
	b = &sxf_errbuf[sxf_errbuf_next];
	if (!b->used || time_after_eq64(now, b->used + SXF_ERRBUF_HOLD)) {
		sxf_errbuf_next = (sxf_errbuf_next + 1) % SXF_ERRBUF_SLOTS;
		b->used = now ?: 1;
		va_start(ap, fmt);
		vsnprintf(b->msg, sizeof(b->msg), fmt, ap);
		va_end(ap);
		msg = b->msg;
	}
	spin_unlock_bh(&sxf_errbuf_lock);
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = bad;
	}
	return -EINVAL;
}

void *sxf_cfg_zalloc(struct sxf_cfg *cfg, size_t size)
{
	if (cfg->bytes + size > SXF_MAX_TXN_BYTES) {
		cfg->over_limit = true;
		return NULL;
	}
	cfg->bytes += size;
	return kzalloc(size, GFP_KERNEL_ACCOUNT);
}

/* Account memory an object holds beyond its sxf_cfg_zalloc() (range sets, lists). */
int sxf_cfg_charge(struct sxf_cfg *cfg, size_t size, const struct nlattr *obj,
		   const char *ctx, struct netlink_ext_ack *extack)
{
	if (cfg->bytes > SXF_MAX_TXN_BYTES || size > SXF_MAX_TXN_BYTES - cfg->bytes)
		return sxf_err(extack, obj, "%s: the configuration needs more than %u bytes",
			       ctx, SXF_MAX_TXN_BYTES);
	cfg->bytes += size;
	return 0;
}

/*
 * Names of objects (include/uapi/linux/srxflow.h): ASCII letters, digits
 * and . _ - / : (address names like 10.0.0.0/8 or 2001:db8::/32 are
 * common in Junos configurations), starting with a letter, a digit or _.
 * The kernel's isalnum() also takes Latin-1 letters (0xc0-0xff).
 */
static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool name_valid(const char *s)
{
	if (!name_char(*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!name_char(*s) && !strchr("._-/:", *s))
			return false;
	return true;
}

int sxf_cfg_get_name(const struct nlattr *a, char *out, const char *what,
		     struct netlink_ext_ack *extack, const struct nlattr *ctx)
{
	if (!a)
		return sxf_err(extack, ctx, "%s: missing name", what);
	nla_strscpy(out, a, SRXFLOW_NAME_MAX);
	if (!name_valid(out))
		return sxf_err(extack, a, "%s: invalid name '%s'", what, out);
	return 0;
}

bool sxf_prefix_valid(const struct srxflow_prefix *p)
{
	if (p->family == AF_INET)
		return p->plen <= 32;
	if (p->family == AF_INET6)
		return p->plen <= 128;
	return false;
}

/* addr (network order, of family) is inside prefix p */
bool sxf_prefix_match(const struct srxflow_prefix *p, u8 family, const void *addr)
{
	unsigned int bytes = p->plen / 8, bits = p->plen % 8;
	const u8 *a = addr;

	if (p->family != family || memcmp(p->addr, a, bytes))
		return false;
	return !bits || !((p->addr[bytes] ^ a[bytes]) & (0xff << (8 - bits)));
}

/* Make room for one more pointer in *v (n used, *cap allocated): doubling. */
int sxf_grow_ptrs(void ***v, u32 n, u32 *cap)
{
	void **nv;
	u32 ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	nv = kvmalloc_array(ncap, sizeof(*nv), GFP_KERNEL_ACCOUNT);
	if (!nv)
		return -ENOMEM;
	if (*v)
		memcpy(nv, *v, n * sizeof(*nv));
	kvfree(*v);
	*v = nv;
	*cap = ncap;
	return 0;
}

/*
 * Keep an object's attributes as the client sent them, for CFG_GET, except
 * those of type skip (0: none): what the kernel adds when it sends the
 * object back (a policy's SRXFLOW_A_POL_INDEX), so that a client replaying
 * a CFG_GET does not get it twice the next time.
 */
int sxf_cfg_keep_blob_skip(struct sxf_cfg *cfg, u16 type, const struct nlattr *nla, void *obj,
			   u16 skip)
{
	const struct nlattr *a;
	struct sxf_blob *b;
	u32 len = nla_len(nla);
	int rem;

	if (cfg->nr_blobs == cfg->cap_blobs) {
		u32 cap = cfg->cap_blobs ? cfg->cap_blobs * 2 : 64;
		struct sxf_blob **nb = kvmalloc_array(cap, sizeof(*nb), GFP_KERNEL_ACCOUNT);

		if (!nb)
			return -ENOMEM;
		if (cfg->blobs)
			memcpy(nb, cfg->blobs, cfg->nr_blobs * sizeof(*nb));
		kvfree(cfg->blobs);
		cfg->blobs = nb;
		cfg->cap_blobs = cap;
	}
	if (cfg->bytes + len + sizeof(*b) > SXF_MAX_TXN_BYTES) {
		cfg->over_limit = true;
		return -ENOSPC;
	}
	b = kvmalloc(sizeof(*b) + len, GFP_KERNEL_ACCOUNT);
	if (!b)
		return -ENOMEM;
	cfg->bytes += len + sizeof(*b);
	b->obj = obj;
	b->type = type;
	if (!skip) {
		memcpy(b->data, nla_data(nla), len);
	} else {
		const u8 *end = (const u8 *)nla_data(nla) + len;
		u32 sz;

		len = 0;
		nla_for_each_nested(a, nla, rem) {
			if (nla_type(a) == skip)
				continue;
			/* with its padding, which the last attribute may lack */
			sz = min_t(u32, NLA_ALIGN(a->nla_len), end - (const u8 *)a);
			memcpy(b->data + len, a, sz);
			len += sz;
		}
	}
	b->len = len;
	cfg->blobs[cfg->nr_blobs++] = b;
	return 0;
}

int sxf_cfg_keep_blob(struct sxf_cfg *cfg, u16 type, const struct nlattr *nla, void *obj)
{
	return sxf_cfg_keep_blob_skip(cfg, type, nla, obj, 0);
}

/* --- the kinds of configuration objects ------------------------------------------- */
static u32 nr_zones(const struct sxf_cfg *cfg)
{
	return cfg->nr_zones;
}

static u32 nr_addrs(const struct sxf_cfg *cfg)
{
	return cfg->nr_addrs;
}

static u32 nr_apps(const struct sxf_cfg *cfg)
{
	return cfg->nr_apps;
}

static u32 nr_policies(const struct sxf_cfg *cfg)
{
	return cfg->nr_policies;
}

static u32 have_policies_obj(const struct sxf_cfg *cfg)
{
	return cfg->have_policies_obj;
}

static u32 have_flow(const struct sxf_cfg *cfg)
{
	return cfg->have_flow;
}

static u32 have_fwd(const struct sxf_cfg *cfg)
{
	return cfg->have_fwd;
}

static u32 have_trace(const struct sxf_cfg *cfg)
{
	return cfg->have_trace;
}

static u32 have_fzone(const struct sxf_cfg *cfg)
{
	return cfg->have_fzone;
}

static u32 nr_ifds(const struct sxf_cfg *cfg)
{
	return cfg->nr_ifds;
}

static u32 have_log(const struct sxf_cfg *cfg)
{
	return cfg->have_log;
}

static u32 have_alg(const struct sxf_cfg *cfg)
{
	return cfg->have_alg;
}

static u32 nr_screens(const struct sxf_cfg *cfg)
{
	return cfg->nr_screens;
}

/*
 * One row per SRXFLOW_A_CFG_* attribute of CFG_ADD:
 *   policy, maxattr  its nested attributes, parsed strictly here
 *                    (genetlink has validated them against the same policy
 *                    already, except flow and traceoptions: see ranges)
 *   add              validates and compiles one object into the generation
 *   objs, free       the SXF_OBJ_* kinds add() puts in the name table, and
 *                    how one is freed (with the generation)
 *   count, limit     how many the transaction holds, how many it may hold
 *                    (1: the statement may appear once)
 *   ranges           the numeric ranges the policy checks, with their
 *                    statements (netlink.c), for the message
 *   what, noun       the statement, for the message when the limit is hit
 */
struct sxf_cfg_kind {
	const struct nla_policy *policy;
	u32 maxattr;
	int (*add)(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		   struct netlink_ext_ack *extack);
	u32 objs;
	void (*free)(struct sxf_obj *o);
	u32 (*count)(const struct sxf_cfg *cfg);
	u32 limit;
	const char *what, *noun;
	const struct sxf_range *ranges;
};

/* tb[] of sxf_cfg_add(): at least every maxattr of the table (checked below) */
#define SXF_CFG_TB_MAX	64

static const struct sxf_cfg_kind sxf_cfg_kinds[] = {
	[SRXFLOW_A_CFG_ZONE] = {
		.policy = sxf_zone_policy, .maxattr = SRXFLOW_A_ZONE_MAX,
		.add = sxf_add_zone,
		.objs = BIT(SXF_OBJ_ZONE) | BIT(SXF_OBJ_IFACE), .free = sxf_free_zone,
		.count = nr_zones, .limit = SXF_MAX_ZONES,
		.what = "security zones", .noun = "zones",
	},
	[SRXFLOW_A_CFG_ADDRESS] = {
		.policy = sxf_addr_policy, .maxattr = SRXFLOW_A_ADDR_MAX,
		.add = sxf_add_address,
		.objs = BIT(SXF_OBJ_ADDR), .free = sxf_free_address,
		.count = nr_addrs, .limit = SXF_MAX_ADDRESSES,
		.what = "address book", .noun = "addresses",
	},
	[SRXFLOW_A_CFG_ADDRESS_SET] = {
		.policy = sxf_aset_policy, .maxattr = SRXFLOW_A_ASET_MAX,
		.add = sxf_add_address_set,
		.objs = BIT(SXF_OBJ_ADDR), .free = sxf_free_address,
		.count = nr_addrs, .limit = SXF_MAX_ADDRESSES,
		.what = "address book", .noun = "addresses",
	},
	[SRXFLOW_A_CFG_APPLICATION] = {
		.policy = sxf_app_policy, .maxattr = SRXFLOW_A_APP_MAX,
		.add = sxf_add_application,
		.objs = BIT(SXF_OBJ_APP), .free = sxf_free_application,
		.count = nr_apps, .limit = SXF_MAX_APPS,
		.what = "applications", .noun = "applications",
	},
	[SRXFLOW_A_CFG_APPLICATION_SET] = {
		.policy = sxf_appset_policy, .maxattr = SRXFLOW_A_APPSET_MAX,
		.add = sxf_add_application_set,
		.objs = BIT(SXF_OBJ_APP), .free = sxf_free_application,
		.count = nr_apps, .limit = SXF_MAX_APPS,
		.what = "applications", .noun = "applications",
	},
	[SRXFLOW_A_CFG_POLICY] = {
		.policy = sxf_policy_policy, .maxattr = SRXFLOW_A_POL_MAX,
		.add = sxf_add_policy,
		.objs = BIT(SXF_OBJ_POLICY), .free = sxf_free_policy,
		.count = nr_policies, .limit = SXF_MAX_POLICIES,
		.what = "security policies", .noun = "policies",
	},
	[SRXFLOW_A_CFG_POLICIES] = {
		.policy = sxf_policies_policy, .maxattr = SRXFLOW_A_POLS_MAX,
		.add = sxf_add_policies,
		.count = have_policies_obj, .limit = 1,
		.what = "security policies",
	},
	[SRXFLOW_A_CFG_FLOW] = {
		.policy = sxf_flow_policy, .maxattr = SRXFLOW_A_FLOW_MAX,
		.add = sxf_add_flow,
		.count = have_flow, .limit = 1,
		.what = "security flow", .ranges = sxf_flow_ranges,
	},
	[SRXFLOW_A_CFG_FWD] = {
		.policy = sxf_fwd_policy, .maxattr = SRXFLOW_A_FWD_MAX,
		.add = sxf_add_fwd,
		.count = have_fwd, .limit = 1,
		.what = "security forwarding-options",
	},
	[SRXFLOW_A_CFG_TRACE] = {
		.policy = sxf_trace_policy, .maxattr = SRXFLOW_A_TRACE_MAX,
		.add = sxf_add_trace,
		.count = have_trace, .limit = 1,
		.what = "security flow traceoptions", .ranges = sxf_trace_ranges,
	},
	[SRXFLOW_A_CFG_FUNCTIONAL_ZONE] = {
		.policy = sxf_zone_policy, .maxattr = SRXFLOW_A_ZONE_MAX,
		.add = sxf_add_functional_zone,
		.objs = BIT(SXF_OBJ_ZONE) | BIT(SXF_OBJ_IFACE), .free = sxf_free_zone,
		.count = have_fzone, .limit = 1,
		.what = "security zones functional-zone",
	},
	[SRXFLOW_A_CFG_INTERFACE] = {
		.policy = sxf_ifd_policy, .maxattr = SRXFLOW_A_IFD_MAX,
		.add = sxf_add_interface,
		.objs = BIT(SXF_OBJ_IFBIND) | BIT(SXF_OBJ_IFBDEV), .free = sxf_free_interface,
		.count = nr_ifds, .limit = SXF_MAX_IFDS,
		.what = "interfaces", .noun = "interfaces",
	},
	[SRXFLOW_A_CFG_LOG] = {
		.policy = sxf_seclog_policy, .maxattr = SRXFLOW_A_SECLOG_MAX,
		.add = sxf_add_log,
		.count = have_log, .limit = 1,
		.what = "security log",
	},
	[SRXFLOW_A_CFG_SCREEN] = {
		.policy = sxf_screen_policy, .maxattr = SRXFLOW_A_SCREEN_MAX,
		.add = sxf_add_screen,
		.objs = BIT(SXF_OBJ_SCREEN), .free = sxf_free_screen,
		.count = nr_screens, .limit = SXF_MAX_SCREENS,
		.what = "security screen ids-option", .noun = "screens",
		.ranges = sxf_screen_ranges,
	},
	[SRXFLOW_A_CFG_ALG] = {
		.policy = sxf_algcfg_policy, .maxattr = SRXFLOW_A_ALGCFG_MAX,
		.add = sxf_add_alg,
		.count = have_alg, .limit = 1,
		.what = "security alg",
	},
	[SRXFLOW_A_CFG_NAT_SOURCE_POOL] = {
		.policy = sxf_npool_policy, .maxattr = SRXFLOW_A_NPOOL_MAX,
		.add = sxf_add_nat_source_pool,
		.objs = BIT(SXF_OBJ_NAT_POOL) | BIT(SXF_OBJ_NAT_RULESET),
		.free = sxf_free_nat_obj,
		.count = sxf_nat_count, .limit = 8 * SRXFLOW_NAT_RULESETS_MAX,
		.what = "security nat", .noun = "pools and rule-sets",
	},
	[SRXFLOW_A_CFG_NAT_DEST_POOL] = {
		.policy = sxf_npool_policy, .maxattr = SRXFLOW_A_NPOOL_MAX,
		.add = sxf_add_nat_dest_pool,
		.count = sxf_nat_count, .limit = 8 * SRXFLOW_NAT_RULESETS_MAX,
		.what = "security nat", .noun = "pools and rule-sets",
	},
	[SRXFLOW_A_CFG_NAT_SOURCE_RULESET] = {
		.policy = sxf_nrs_policy, .maxattr = SRXFLOW_A_NRS_MAX,
		.add = sxf_add_nat_source_ruleset,
		.count = sxf_nat_count, .limit = 8 * SRXFLOW_NAT_RULESETS_MAX,
		.what = "security nat", .noun = "pools and rule-sets",
	},
	[SRXFLOW_A_CFG_NAT_DEST_RULESET] = {
		.policy = sxf_nrs_policy, .maxattr = SRXFLOW_A_NRS_MAX,
		.add = sxf_add_nat_dest_ruleset,
		.count = sxf_nat_count, .limit = 8 * SRXFLOW_NAT_RULESETS_MAX,
		.what = "security nat", .noun = "pools and rule-sets",
	},
	[SRXFLOW_A_CFG_NAT_STATIC_RULESET] = {
		.policy = sxf_nrs_policy, .maxattr = SRXFLOW_A_NRS_MAX,
		.add = sxf_add_nat_static_ruleset,
		.count = sxf_nat_count, .limit = 8 * SRXFLOW_NAT_RULESETS_MAX,
		.what = "security nat", .noun = "pools and rule-sets",
	},
	[SRXFLOW_A_CFG_NAT_SOURCE_OPTS] = {
		.policy = sxf_nsrc_policy, .maxattr = SRXFLOW_A_NSRC_MAX,
		.add = sxf_add_nat_source_opts,
		.count = sxf_nat_have_source_opts, .limit = 1,
		.what = "security nat source",
	},
	[SRXFLOW_A_CFG_NAT_PROXY_ARP] = {
		.policy = sxf_nproxy_policy, .maxattr = SRXFLOW_A_NPROXY_MAX,
		.add = sxf_add_nat_proxy_arp,
		.objs = BIT(SXF_OBJ_NAT_PROXY), .free = sxf_free_nat_proxy,
		.count = sxf_nat_proxy_count, .limit = 2 * SXF_MAX_IFDS,
		.what = "security nat proxy-arp", .noun = "interfaces",
	},
	[SRXFLOW_A_CFG_NAT_PROXY_NDP] = {
		.policy = sxf_nproxy_policy, .maxattr = SRXFLOW_A_NPROXY_MAX,
		.add = sxf_add_nat_proxy_ndp,
		.count = sxf_nat_proxy_count, .limit = 2 * SXF_MAX_IFDS,
		.what = "security nat proxy-ndp", .noun = "interfaces",
	},
};

static_assert(SRXFLOW_A_ZONE_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_ADDR_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_ASET_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_APP_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_APPSET_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_POL_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_POLS_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_FLOW_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_FWD_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_SECLOG_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_TRACE_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_IFD_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_SCREEN_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_NPOOL_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_NRS_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_NPROXY_MAX <= SXF_CFG_TB_MAX);
static_assert(SRXFLOW_A_NSRC_MAX <= SXF_CFG_TB_MAX);

/* Free one object of the name table, by the kind that made it. */
static void free_obj(struct sxf_obj *o)
{
	const struct sxf_cfg_kind *k;

	for (k = sxf_cfg_kinds; k < sxf_cfg_kinds + ARRAY_SIZE(sxf_cfg_kinds); k++)
		if (k->objs & BIT(o->kind)) {
			k->free(o);
			return;
		}
	WARN_ON_ONCE(1);
}

/*
 * The policy refused a direct attribute of obj: when it was a value outside
 * the range of one of the kind's rows, say so as Junos does.
 */
static int range_err(const struct sxf_cfg_kind *k, const struct nlattr *obj, int err,
		     struct netlink_ext_ack *extack)
{
	const struct nlattr *bad = extack ? extack->bad_attr : NULL, *a;
	const struct sxf_range *r;
	int rem;
	u32 v;

	if (!bad || nla_type(bad) > k->maxattr || !k->ranges[nla_type(bad)].stmt ||
	    nla_len(bad) != sizeof(u32))
		return err;
	nla_for_each_nested(a, obj, rem)
		if (a == bad)
			break;
	if (a != bad)
		return err;
	r = &k->ranges[nla_type(bad)];
	v = nla_get_u32(bad);
	if (v >= r->r.min && v <= r->r.max)
		return err;
	return sxf_err(extack, bad, "%s %u: value out of range, expecting %llu..%llu",
		       r->stmt, v, r->r.min, r->r.max);
}

/* Add one object (attribute type, nest obj) to the transaction's generation. */
int sxf_cfg_add(struct sxf_cfg *cfg, u16 type, const struct nlattr *obj,
		struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SXF_CFG_TB_MAX + 1];
	const struct sxf_cfg_kind *k;
	int err;

	if (type >= ARRAY_SIZE(sxf_cfg_kinds) || !sxf_cfg_kinds[type].add)
		return sxf_err(extack, obj, "unknown configuration object (attribute %u)", type);
	k = &sxf_cfg_kinds[type];
	err = nla_parse_nested(tb, k->maxattr, obj, k->policy, extack);
	if (err)
		return k->ranges ? range_err(k, obj, err, extack) : err;
	if (k->count(cfg) >= k->limit) {
		if (k->limit == 1)
			return sxf_err(extack, obj, "%s: defined twice", k->what);
		return sxf_err(extack, obj, "%s: more than %u %s", k->what, k->limit, k->noun);
	}
	err = k->add(cfg, obj, tb, extack);
	/*
	 * An allocation refused by the transaction's limit (sxf_cfg_zalloc(),
	 * sxf_cfg_keep_blob()) fails without a message of its own: say so.
	 */
	if (err && cfg->over_limit && extack && !extack->_msg)
		return sxf_err(extack, obj, "%s: the configuration needs more than %u bytes",
			       k->what, SXF_MAX_TXN_BYTES);
	return err;
}
