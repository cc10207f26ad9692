// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: security nat source|destination pools and
 * source|destination|static rule-sets (IPv4 and IPv6).  Checked as they
 * arrive: pools before the rules that name them, no overlapping pools of
 * a kind, no two rule-sets of a kind with the same contexts, static
 * prefixes of equal length, one family per pool and per rule (a rule's
 * addresses, its pool, its static prefixes).  See nat.h.
 */
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/socket.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "trace.h"
#include "nat.h"

#define NAME_POLICY { .type = NLA_NUL_STRING, .len = SRXFLOW_NAME_MAX - 1 }
#define PREFIX_POLICY NLA_POLICY_EXACT_LEN(sizeof(struct srxflow_prefix))

static const struct nla_policy sxf_naddr_policy[SRXFLOW_A_NADDR_MAX + 1] = {
	[SRXFLOW_A_NADDR_LO]		= PREFIX_POLICY,
	[SRXFLOW_A_NADDR_HI]		= PREFIX_POLICY,
	[SRXFLOW_A_NADDR_PORT]		= { .type = NLA_U32 },	/* 1..65535: pool_range() */
};

const struct nla_policy sxf_npool_policy[SRXFLOW_A_NPOOL_MAX + 1] = {
	[SRXFLOW_A_NPOOL_NAME]		= NAME_POLICY,
	[SRXFLOW_A_NPOOL_DESCRIPTION]	= { .type = NLA_NUL_STRING, .len = 255 },
	[SRXFLOW_A_NPOOL_ADDRESS]	= NLA_POLICY_NESTED(sxf_naddr_policy),
	[SRXFLOW_A_NPOOL_PORT_LO]	= { .type = NLA_U32 },	/* 1024..65535: add_pool() */
	[SRXFLOW_A_NPOOL_PORT_HI]	= { .type = NLA_U32 },
	[SRXFLOW_A_NPOOL_NO_TRANSLATION] = { .type = NLA_FLAG },
	[SRXFLOW_A_NPOOL_OVERFLOW_POOL]	= NAME_POLICY,
	[SRXFLOW_A_NPOOL_ALARM_RAISE]	= { .type = NLA_U32 },	/* 50..100: alarm_parse() */
	[SRXFLOW_A_NPOOL_ALARM_CLEAR]	= { .type = NLA_U32 },	/* 40..100 */
	[SRXFLOW_A_NPOOL_ROUTING_INSTANCE] = NAME_POLICY,
};

const struct nla_policy sxf_nsrc_policy[SRXFLOW_A_NSRC_MAX + 1] = {
	[SRXFLOW_A_NSRC_ADDRESS_PERSISTENT] = { .type = NLA_FLAG },
	[SRXFLOW_A_NSRC_ALARM_RAISE]	= { .type = NLA_U32 },	/* 50..100: alarm_parse() */
	[SRXFLOW_A_NSRC_ALARM_CLEAR]	= { .type = NLA_U32 },	/* 40..100 */
};

static const struct nla_policy sxf_nrule_policy[SRXFLOW_A_NRULE_MAX + 1] = {
	[SRXFLOW_A_NRULE_NAME]		= NAME_POLICY,
	[SRXFLOW_A_NRULE_DESCRIPTION]	= { .type = NLA_NUL_STRING, .len = 255 },
	[SRXFLOW_A_NRULE_SRC_ADDR]	= PREFIX_POLICY,
	[SRXFLOW_A_NRULE_SRC_NAME]	= NAME_POLICY,
	[SRXFLOW_A_NRULE_DST_ADDR]	= PREFIX_POLICY,
	[SRXFLOW_A_NRULE_DST_NAME]	= NAME_POLICY,
	[SRXFLOW_A_NRULE_SPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_NRULE_DPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_NRULE_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_NRULE_SNAT]		= NLA_POLICY_RANGE(NLA_U8, SRXFLOW_NAT_ACT_OFF,
							   SRXFLOW_NAT_ACT_POOL),
	[SRXFLOW_A_NRULE_DNAT]		= NLA_POLICY_RANGE(NLA_U8, SRXFLOW_NAT_ACT_OFF,
							   SRXFLOW_NAT_ACT_POOL),
	[SRXFLOW_A_NRULE_POOL]		= NAME_POLICY,
	[SRXFLOW_A_NRULE_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_NRULE_MAPPED_PORT]	= { .type = NLA_U32 },	/* 1..65535: add_rule() */
};

const struct nla_policy sxf_nrs_policy[SRXFLOW_A_NRS_MAX + 1] = {
	[SRXFLOW_A_NRS_NAME]		= NAME_POLICY,
	[SRXFLOW_A_NRS_DESCRIPTION]	= { .type = NLA_NUL_STRING, .len = 255 },
	[SRXFLOW_A_NRS_FROM_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_NRS_FROM_IF]		= NAME_POLICY,
	[SRXFLOW_A_NRS_FROM_RI]		= NAME_POLICY,
	[SRXFLOW_A_NRS_TO_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_NRS_TO_IF]		= NAME_POLICY,
	[SRXFLOW_A_NRS_TO_RI]		= NAME_POLICY,
	[SRXFLOW_A_NRS_RULE]		= NLA_POLICY_NESTED(sxf_nrule_policy),
};

static const char *const kind_word[] = { "source", "destination", "static" };

struct sxf_nat_cfg *sxf_nat_cfg_of(struct sxf_cfg *cfg)
{
	if (!cfg->nat)
		cfg->nat = sxf_cfg_zalloc(cfg, sizeof(*cfg->nat));
	return cfg->nat;
}

static struct sxf_nat_cfg *nat_cfg(struct sxf_cfg *cfg)
{
	return sxf_nat_cfg_of(cfg);
}

u32 sxf_nat_count(const struct sxf_cfg *cfg)
{
	const struct sxf_nat_cfg *n = cfg->nat;

	return n ? n->n_rs[0] + n->n_rs[1] + n->n_rs[2] + n->n_pools[0] + n->n_pools[1] +
		   n->n_proxy[0] + n->n_proxy[1] : 0;
}

static void ctr_put(struct sxf_nat_ctr *c)
{
	sxf_nat_ctr_put(c);
}

/*
 * ctx pool-utilization-alarm raise-threshold R [clear-threshold C]: raise
 * 50..100, clear 40..100 and below raise; without clear-threshold 80 % of
 * raise (Junos' default).  *raise 0: none given.
 */
static int alarm_parse(const struct nlattr *ra, const struct nlattr *ca, const char *ctx,
		       const struct nlattr *obj, u8 *raise, u8 *clear,
		       struct netlink_ext_ack *extack)
{
	u32 r, c;

	*raise = 0;
	*clear = 0;
	if (!ra && !ca)
		return 0;
	if (!ra)
		return sxf_err(extack, ca, "%s pool-utilization-alarm clear-threshold %u: needs a raise-threshold",
			       ctx, nla_get_u32(ca));
	r = nla_get_u32(ra);
	if (r < SRXFLOW_NAT_ALARM_RAISE_MIN || r > SRXFLOW_NAT_ALARM_MAX)
		return sxf_err(extack, ra, "%s pool-utilization-alarm raise-threshold %u: value out of range, expecting %u..%u",
			       ctx, r, SRXFLOW_NAT_ALARM_RAISE_MIN, SRXFLOW_NAT_ALARM_MAX);
	c = ca ? nla_get_u32(ca) : r * 8 / 10;
	if (ca && (c < SRXFLOW_NAT_ALARM_CLEAR_MIN || c > SRXFLOW_NAT_ALARM_MAX))
		return sxf_err(extack, ca, "%s pool-utilization-alarm clear-threshold %u: value out of range, expecting %u..%u",
			       ctx, c, SRXFLOW_NAT_ALARM_CLEAR_MIN, SRXFLOW_NAT_ALARM_MAX);
	if (c >= r)
		return sxf_err(extack, ca, "%s pool-utilization-alarm clear-threshold %u: must be below raise-threshold %u",
			       ctx, c, r);
	*raise = r;
	*clear = c;
	return 0;
}

void sxf_free_nat_obj(struct sxf_obj *o)
{
	struct sxf_nat_ruleset *rs;
	u32 i;

	if (o->kind == SXF_OBJ_NAT_POOL) {
		struct sxf_nat_pool *p = container_of(o, struct sxf_nat_pool, o);

		ctr_put(p->ctr);
		kfree(p->rn);
		kfree(p);
		return;
	}
	rs = container_of(o, struct sxf_nat_ruleset, o);
	for (i = 0; i < rs->n_rules; i++) {
		sxf_rs_free(&rs->rules[i].src);
		sxf_rs_free(&rs->rules[i].dst);
		ctr_put(rs->rules[i].ctr);
	}
	kvfree(rs->rules);
	kfree(rs);
}

void sxf_nat_cfg_free(struct sxf_cfg *cfg)
{
	struct sxf_nat_cfg *n = cfg->nat;
	int i;

	if (!n)
		return;
	for (i = 0; i < 3; i++)
		kvfree(n->rs[i]);
	for (i = 0; i < 2; i++) {
		kvfree(n->pools[i]);
		kvfree(n->proxy[i]);
	}
	kvfree(n->rule_names.buckets);
	kfree(n);
	cfg->nat = NULL;
}

/* --- pools ------------------------------------------------------------------------ */
static int pool_range(const struct nlattr *a, struct sxf_nat_range *r, u8 kind,
		      const char *ctx, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_NADDR_MAX + 1];
	const struct srxflow_prefix *lo, *hi;
	char sl[48], sh[48];
	unsigned int off;
	u32 a32, mask;
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_NADDR_MAX, a, sxf_naddr_policy, extack);
	if (err)
		return err;
	if (!tb[SRXFLOW_A_NADDR_LO])
		return sxf_err(extack, a, "%s address: missing address", ctx);
	lo = nla_data(tb[SRXFLOW_A_NADDR_LO]);
	if (!sxf_prefix_valid(lo))
		return sxf_err(extack, a, "%s address: invalid address", ctx);
	sxf_ntop(lo->family, lo->addr, sl);
	r->family = lo->family;
	/* IPv6: the first 96 bits are the entry's, the last 32 its range */
	off = lo->family == AF_INET ? 0 : 12;
	if (lo->family == AF_INET6) {
		if (lo->plen < 96 && !tb[SRXFLOW_A_NADDR_HI])
			return sxf_err(extack, a, "%s address %s/%u: range of 2^%u addresses is over the limit of %u",
				       ctx, sl, lo->plen, 128 - lo->plen, SRXFLOW_NAT_POOL_SIZE_MAX);
		memcpy(r->pfx, lo->addr, sizeof(r->pfx));
	}
	a32 = get_unaligned_be32(lo->addr + off);
	if (tb[SRXFLOW_A_NADDR_HI]) {
		hi = nla_data(tb[SRXFLOW_A_NADDR_HI]);
		if (hi->family != lo->family)
			return sxf_err(extack, a, "%s address %s to: both ends of one family", ctx, sl);
		sxf_ntop(hi->family, hi->addr, sh);
		if (lo->family == AF_INET6 && memcmp(r->pfx, hi->addr, sizeof(r->pfx)))
			return sxf_err(extack, a, "%s address %s to %s: range is over the limit of %u addresses",
				       ctx, sl, sh, SRXFLOW_NAT_POOL_SIZE_MAX);
		r->lo = a32;
		r->hi = get_unaligned_be32(hi->addr + off);
		if (r->lo > r->hi)
			return sxf_err(extack, a, "%s address %s to %s: the range is empty",
				       ctx, sl, sh);
	} else {
		u8 plen = lo->plen - off * 8;

		mask = plen ? ~0U << (32 - plen) : 0;
		r->lo = a32 & mask;
		r->hi = (a32 & mask) | ~mask;
	}
	if ((u64)r->hi - r->lo + 1 > SRXFLOW_NAT_POOL_SIZE_MAX)
		return sxf_err(extack, a, "%s address %s: range of %llu addresses is over the limit of %u",
			       ctx, sl, (u64)r->hi - r->lo + 1, SRXFLOW_NAT_POOL_SIZE_MAX);
	if (tb[SRXFLOW_A_NADDR_PORT]) {
		/* checked before it is stored in 16 bits */
		u32 port = nla_get_u32(tb[SRXFLOW_A_NADDR_PORT]);

		if (kind != SRXFLOW_NAT_DESTINATION)
			return sxf_err(extack, a, "%s address: port is for destination pools", ctx);
		if (tb[SRXFLOW_A_NADDR_HI])
			return sxf_err(extack, a, "%s address: port needs a single address", ctx);
		if (!port || port > 65535)
			return sxf_err(extack, a, "%s address port %u: value out of range, expecting 1..65535",
				       ctx, port);
		r->port = port;
	}
	return 0;
}

/* order of the pool entries of a kind: family, /96, then addr against a's first address */
static int range_cmp(const struct sxf_nat_range *a, const struct sxf_nat_range *b, u32 addr)
{
	int c;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	c = memcmp(a->pfx, b->pfx, sizeof(a->pfx));
	if (c)
		return c;
	return a->lo < addr ? -1 : a->lo > addr ? 1 : 0;
}

/*
 * The entry of the kind's pools that r overlaps, or NULL.  The entries in
 * the tree are disjoint: of those starting at or before r->hi, only the
 * last one can reach r->lo (one before it ends before that one starts).
 * O(log n) where comparing every pair was O(n^2) over a transaction.
 */
const struct sxf_nat_rnode *sxf_nat_range_find(const struct rb_root *root,
					       const struct sxf_nat_range *r)
{
	const struct rb_node *node = root->rb_node;
	const struct sxf_nat_rnode *best = NULL;

	while (node) {
		const struct sxf_nat_rnode *e = rb_entry(node, struct sxf_nat_rnode, rb);

		if (range_cmp(e->r, r, r->hi) <= 0) {
			best = e;
			node = node->rb_right;
		} else {
			node = node->rb_left;
		}
	}
	if (best && best->r->family == r->family &&
	    !memcmp(best->r->pfx, r->pfx, sizeof(r->pfx)) && best->r->hi >= r->lo)
		return best;
	return NULL;
}

/* (no overlap: sxf_nat_range_find() said so, so no two entries start alike) */
static void range_link(struct rb_root *root, struct sxf_nat_rnode *rn)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		const struct sxf_nat_rnode *e = rb_entry(*link, struct sxf_nat_rnode, rb);

		parent = *link;
		link = range_cmp(e->r, rn->r, rn->r->lo) < 0 ? &(*link)->rb_right :
							       &(*link)->rb_left;
	}
	rb_link_node(&rn->rb, parent, link);
	rb_insert_color(&rn->rb, root);
}

static int add_pool(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		    u8 kind, struct netlink_ext_ack *extack)
{
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_nat_cfg *n = nat_cfg(cfg);
	const struct sxf_nat_rnode *o;
	struct sxf_nat_pool *p;
	u32 i, naddr = 0;
	struct nlattr *a;
	int rem, err;

	if (!n)
		return -ENOMEM;
	nla_for_each_nested(a, obj, rem)
		if (nla_type(a) == SRXFLOW_A_NPOOL_ADDRESS)
			naddr++;
	p = sxf_cfg_zalloc(cfg, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->rn = sxf_cfg_zalloc(cfg, min_t(u32, naddr, SRXFLOW_NAT_POOL_ADDRS_MAX) * sizeof(*p->rn));
	if (naddr && !p->rn) {
		kfree(p);
		return -ENOMEM;
	}
	p->o.kind = SXF_OBJ_NAT_POOL;
	p->o.scope = kind;
	p->kind = kind;
	snprintf(ctx, sizeof(ctx), "security nat %s pool", kind_word[kind]);
	err = sxf_cfg_get_name(tb[SRXFLOW_A_NPOOL_NAME], p->o.name, ctx, extack, obj);
	if (err)
		goto err;
	snprintf(ctx, sizeof(ctx), "security nat %s pool %s", kind_word[kind], p->o.name);
	if (sxf_names_find(&cfg->names, SXF_OBJ_NAT_POOL, kind, p->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_NPOOL_NAME], "%s: defined twice", ctx);
		goto err;
	}
	nla_for_each_nested(a, obj, rem) {
		if (nla_type(a) != SRXFLOW_A_NPOOL_ADDRESS)
			continue;
		if (p->n >= SRXFLOW_NAT_POOL_ADDRS_MAX) {
			err = sxf_err(extack, a, "%s: more than %u address entries", ctx,
				      SRXFLOW_NAT_POOL_ADDRS_MAX);
			goto err;
		}
		err = pool_range(a, &p->r[p->n], kind, ctx, extack);
		if (err)
			goto err;
		if (p->n && p->r[p->n].family != p->family) {
			err = sxf_err(extack, a, "%s address: an %s address in an %s pool (one family per pool)",
				      ctx, p->family == AF_INET ? "IPv6" : "IPv4",
				      p->family == AF_INET ? "IPv4" : "IPv6");
			goto err;
		}
		p->family = p->r[p->n].family;
		/* overlapping pools of a kind: a translated address of two pools */
		o = sxf_nat_range_find(&n->ranges[kind], &p->r[p->n]);
		if (o && o->pool == p) {
			err = sxf_err(extack, a, "%s: address entries overlap", ctx);
			goto err;
		}
		if (o) {
			err = sxf_err(extack, obj, "%s: addresses overlap with pool %s",
				      ctx, o->pool->o.name);
			goto err;
		}
		p->rn[p->n].pool = p;
		p->rn[p->n].r = &p->r[p->n];
		range_link(&n->ranges[kind], &p->rn[p->n]);
		p->naddrs += (u64)p->r[p->n].hi - p->r[p->n].lo + 1;
		p->n++;
	}
	if (!p->n) {
		err = sxf_err(extack, obj, "%s: needs an address", ctx);
		goto err;
	}
	if (kind == SRXFLOW_NAT_SOURCE) {
		/* checked before they are stored in 16 bits */
		u32 lo = tb[SRXFLOW_A_NPOOL_PORT_LO] ? nla_get_u32(tb[SRXFLOW_A_NPOOL_PORT_LO]) : 1024;
		u32 hi = tb[SRXFLOW_A_NPOOL_PORT_HI] ? nla_get_u32(tb[SRXFLOW_A_NPOOL_PORT_HI]) :
			 tb[SRXFLOW_A_NPOOL_PORT_LO] ? lo : 65535;

		p->no_pat = !!tb[SRXFLOW_A_NPOOL_NO_TRANSLATION];
		if (lo < 1024 || lo > 65535 || hi > 65535) {
			err = sxf_err(extack, obj,
				      "%s port range %u to %u: value out of range, expecting 1024..65535",
				      ctx, lo, hi);
			goto err;
		}
		p->port_lo = lo;
		p->port_hi = hi;
		if (p->no_pat && tb[SRXFLOW_A_NPOOL_PORT_LO]) {
			err = sxf_err(extack, obj, "%s port: no-translation and range exclude each other", ctx);
			goto err;
		}
		if (p->port_lo > p->port_hi) {
			err = sxf_err(extack, tb[SRXFLOW_A_NPOOL_PORT_HI],
				      "%s port range %u to %u: the range is empty", ctx,
				      p->port_lo, p->port_hi);
			goto err;
		}
		if (tb[SRXFLOW_A_NPOOL_OVERFLOW_POOL]) {
			nla_strscpy(p->overflow, tb[SRXFLOW_A_NPOOL_OVERFLOW_POOL],
				    sizeof(p->overflow));
			if (!sxf_ascii_name(p->overflow)) {
				err = sxf_err(extack, tb[SRXFLOW_A_NPOOL_OVERFLOW_POOL],
					      "%s overflow-pool: invalid name", ctx);
				goto err;
			}
			if (!strcmp(p->overflow, "interface")) {
				p->overflow_if = true;
				p->overflow[0] = 0;
			}
		}
		err = alarm_parse(tb[SRXFLOW_A_NPOOL_ALARM_RAISE], tb[SRXFLOW_A_NPOOL_ALARM_CLEAR],
				  ctx, obj, &p->alarm_raise_cfg, &p->alarm_clear_cfg, extack);
		if (err)
			goto err;
		p->capacity = p->no_pat ? p->naddrs :
			      p->naddrs * ((u32)p->port_hi - p->port_lo + 1);
	} else if (tb[SRXFLOW_A_NPOOL_ALARM_RAISE] || tb[SRXFLOW_A_NPOOL_ALARM_CLEAR]) {
		err = sxf_err(extack, obj, "%s pool-utilization-alarm: for source pools only", ctx);
		goto err;
	} else if (tb[SRXFLOW_A_NPOOL_OVERFLOW_POOL]) {
		err = sxf_err(extack, tb[SRXFLOW_A_NPOOL_OVERFLOW_POOL],
			      "%s overflow-pool: for source pools only", ctx);
		goto err;
	} else if (tb[SRXFLOW_A_NPOOL_PORT_LO] || tb[SRXFLOW_A_NPOOL_NO_TRANSLATION]) {
		err = sxf_err(extack, obj, "%s: port range is for source pools (use address A port N)", ctx);
		goto err;
	}
	if (tb[SRXFLOW_A_NPOOL_ROUTING_INSTANCE]) {
		nla_strscpy(p->ri, tb[SRXFLOW_A_NPOOL_ROUTING_INSTANCE], sizeof(p->ri));
		if (!sxf_ascii_name(p->ri)) {
			err = sxf_err(extack, tb[SRXFLOW_A_NPOOL_ROUTING_INSTANCE],
				      "%s routing-instance: invalid name", ctx);
			goto err;
		}
		p->ri_set = true;
		if (!strcmp(p->ri, "default"))
			p->ri[0] = 0;
	}
	err = sxf_grow_ptrs((void ***)&n->pools[kind], n->n_pools[kind], &n->cap_pools[kind]);
	if (err)
		goto err;
	err = sxf_names_add(&cfg->names, &p->o);
	if (err)
		goto err;
	n->pools[kind][n->n_pools[kind]++] = p;
	p->id = n->n_pools[kind];
	return sxf_cfg_keep_blob(cfg, kind == SRXFLOW_NAT_SOURCE ? SRXFLOW_A_CFG_NAT_SOURCE_POOL :
				 SRXFLOW_A_CFG_NAT_DEST_POOL, obj, p);
err:
	for (i = 0; i < p->n; i++)
		rb_erase(&p->rn[i].rb, &n->ranges[kind]);
	kfree(p->rn);
	kfree(p);
	return err;
}

int sxf_add_nat_source_pool(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack)
{
	return add_pool(cfg, obj, tb, SRXFLOW_NAT_SOURCE, extack);
}

int sxf_add_nat_dest_pool(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			  struct netlink_ext_ack *extack)
{
	return add_pool(cfg, obj, tb, SRXFLOW_NAT_DESTINATION, extack);
}

/* security nat source address-persistent (the options of all source NAT) */
int sxf_add_nat_source_opts(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack)
{
	struct sxf_nat_cfg *n = nat_cfg(cfg);
	int err;

	if (!n)
		return -ENOMEM;
	err = alarm_parse(tb[SRXFLOW_A_NSRC_ALARM_RAISE], tb[SRXFLOW_A_NSRC_ALARM_CLEAR],
			  "security nat source", obj, &n->alarm_raise, &n->alarm_clear, extack);
	if (err)
		return err;
	n->have_src_opts = true;
	n->address_persistent = !!tb[SRXFLOW_A_NSRC_ADDRESS_PERSISTENT];
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_NAT_SOURCE_OPTS, obj, NULL);
}

u32 sxf_nat_have_source_opts(const struct sxf_cfg *cfg)
{
	return cfg->nat && cfg->nat->have_src_opts;
}

/*
 * At commit and commit check: what names other objects, in any order of
 * the transaction.  overflow-pool names another source pool, which has no
 * overflow-pool itself (one level: the fallback of a fallback is a drop).
 */
int sxf_nat_compile(struct net *net, struct sxf_cfg *cfg, struct netlink_ext_ack *extack)
{
	struct sxf_nat_cfg *n = cfg->nat;
	u32 i, k;
	int vrf;

	if (!n)
		return 0;
	/* a pool's routing-instance: a VRF device of the namespace (now) */
	for (k = 0; k < 2; k++)
		for (i = 0; i < n->n_pools[k]; i++) {
			const struct sxf_nat_pool *p = n->pools[k][i];

			if (!p->ri[0])
				continue;
			rcu_read_lock();
			vrf = sxf_nat_ri_vrf(net, p->ri);
			rcu_read_unlock();
			if (vrf < 0)
				return sxf_err(extack, NULL,
					       "security nat %s pool %s routing-instance %s: no such routing instance (a VRF device of that name)",
					       kind_word[k], p->o.name, p->ri);
		}
	for (i = 0; i < n->n_pools[SRXFLOW_NAT_SOURCE]; i++) {
		struct sxf_nat_pool *p = n->pools[SRXFLOW_NAT_SOURCE][i];
		struct sxf_obj *o;

		p->ovf = NULL;
		/* the alarm in effect: the pool's own, else the global one */
		p->alarm_raise = p->alarm_raise_cfg ? p->alarm_raise_cfg : n->alarm_raise;
		p->alarm_clear = p->alarm_raise_cfg ? p->alarm_clear_cfg : n->alarm_clear;
		if (!p->overflow[0])
			continue;
		o = sxf_names_find(&cfg->names, SXF_OBJ_NAT_POOL, SRXFLOW_NAT_SOURCE, p->overflow);
		if (!o)
			return sxf_err(extack, NULL,
				       "security nat source pool %s overflow-pool %s: pool is not defined",
				       p->o.name, p->overflow);
		p->ovf = container_of(o, struct sxf_nat_pool, o);
		if (p->ovf->family != p->family)
			return sxf_err(extack, NULL,
				       "security nat source pool %s overflow-pool %s: pool %s is of the other address family",
				       p->o.name, p->overflow, p->overflow);
		if (p->ovf == p)
			return sxf_err(extack, NULL,
				       "security nat source pool %s overflow-pool %s: a pool cannot overflow into itself",
				       p->o.name, p->overflow);
		/* (no routing-instance: any, "(any)"; "default" is set, and empty) */
		if (p->ovf->ri_set != p->ri_set || strcmp(p->ovf->ri, p->ri))
			return sxf_err(extack, NULL,
				       "security nat source pool %s overflow-pool %s: pool %s is of routing-instance %s, not %s",
				       p->o.name, p->overflow, p->overflow,
				       !p->ovf->ri_set ? "(any)" : p->ovf->ri[0] ? p->ovf->ri : "default",
				       !p->ri_set ? "(any)" : p->ri[0] ? p->ri : "default");
		if (p->ovf->overflow[0] || p->ovf->overflow_if)
			return sxf_err(extack, NULL,
				       "security nat source pool %s overflow-pool %s: pool %s has an overflow-pool itself",
				       p->o.name, p->overflow, p->overflow);
	}
	return 0;
}

/* --- rule-sets ---------------------------------------------------------------------- */
static int rs_contexts(struct sxf_cfg *cfg, struct sxf_nat_ruleset *rs, const struct nlattr *obj,
		       bool to, const char *ctx, struct netlink_ext_ack *extack)
{
	int t_zone = to ? SRXFLOW_A_NRS_TO_ZONE : SRXFLOW_A_NRS_FROM_ZONE;
	int t_if = to ? SRXFLOW_A_NRS_TO_IF : SRXFLOW_A_NRS_FROM_IF;
	int t_ri = to ? SRXFLOW_A_NRS_TO_RI : SRXFLOW_A_NRS_FROM_RI;
	const char *word = to ? "to" : "from";
	u8 *type = to ? &rs->to_type : &rs->from_type;
	u8 *n = to ? &rs->n_to : &rs->n_from;
	char (*names)[SRXFLOW_NAME_MAX] = to ? rs->to : rs->from;
	u16 *zones = to ? rs->to_zone : rs->from_zone;
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, obj, rem) {
		int t = nla_type(a);
		u8 want;

		if (t == t_zone)
			want = SXF_NCTX_ZONE;
		else if (t == t_if)
			want = SXF_NCTX_IF;
		else if (t == t_ri)
			want = SXF_NCTX_RI;
		else
			continue;
		if (*type && *type != want)
			return sxf_err(extack, a, "%s %s: one kind of context (zone, interface or routing-instance)",
				       ctx, word);
		*type = want;
		if (*n >= SRXFLOW_NAT_CTX_MAX)
			return sxf_err(extack, a, "%s %s: more than %u names", ctx, word,
				       SRXFLOW_NAT_CTX_MAX);
		nla_strscpy(names[*n], a, SRXFLOW_NAME_MAX);
		if (want == SXF_NCTX_ZONE) {
			const struct sxf_zone *z = sxf_cfg_zone_by_name(cfg, names[*n]);

			if (!z)
				return sxf_err(extack, a, "%s %s zone %s: zone is not defined", ctx,
					       word, names[*n]);
			zones[*n] = z->id;
		} else if (want == SXF_NCTX_IF &&
			   !sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, names[*n])) {
			return sxf_err(extack, a, "%s %s interface %s: interface is in no zone", ctx,
				       word, names[*n]);
		}
		(*n)++;
	}
	return 0;
}

static bool same_names(const char (*a)[SRXFLOW_NAME_MAX], u8 na,
		       const char (*b)[SRXFLOW_NAME_MAX], u8 nb)
{
	u8 i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++)
			if (!strcmp(a[i], b[j]))
				break;
		if (j == nb)
			return false;
	}
	return true;
}

/* the family an address of a rule asks for: *fam, or a mix (an error) */
static int rule_family(u8 *fam, u8 f, const struct nlattr *a, const char *ctx, const char *word,
		       struct netlink_ext_ack *extack)
{
	if (*fam && f && *fam != f)
		return sxf_err(extack, a, "%s match %s: IPv4 and IPv6 addresses in one rule", ctx, word);
	if (f)
		*fam = f;
	return 0;
}

static int rule_addrs(struct sxf_cfg *cfg, const struct sxf_nat_ruleset *rs,
		      const struct nlattr *ra, bool dst, struct sxf_rangeset *out, bool *any,
		      u32 *count, u8 *fam, const char *ctx, struct netlink_ext_ack *extack)
{
	int t_pfx = dst ? SRXFLOW_A_NRULE_DST_ADDR : SRXFLOW_A_NRULE_SRC_ADDR;
	int t_name = dst ? SRXFLOW_A_NRULE_DST_NAME : SRXFLOW_A_NRULE_SRC_NAME;
	const char *word = dst ? "destination-address" : "source-address";
	struct sxf_rangeset tmp[SRXFLOW_NAT_MATCH_MAX * 2];
	const struct sxf_rangeset *srcs[SRXFLOW_NAT_MATCH_MAX * 2];
	u32 scope = 0, n = 0, i;
	struct nlattr *a;
	int rem, err = 0;

	memset(tmp, 0, sizeof(tmp));
	if (rs->from_type == SXF_NCTX_ZONE && rs->n_from == 1)
		scope = rs->from_zone[0] + 1;
	*any = false;
	nla_for_each_nested(a, ra, rem) {
		int t = nla_type(a);

		if (t != t_pfx && t != t_name)
			continue;
		if (n >= ARRAY_SIZE(srcs)) {
			err = sxf_err(extack, a, "%s %s: more than %u addresses and names", ctx, word,
				      (u32)ARRAY_SIZE(srcs));
			goto out;
		}
		if (t == t_pfx) {
			const struct srxflow_prefix *p = nla_data(a);

			if (!sxf_prefix_valid(p)) {
				err = sxf_err(extack, a, "%s %s: invalid prefix", ctx, word);
				goto out;
			}
			err = rule_family(fam, p->family, a, ctx, word, extack);
			if (err)
				goto out;
			if (!p->plen)
				*any = true;
			err = sxf_rs_from_prefix(&tmp[n], p);
			if (err)
				goto out;
			srcs[n] = &tmp[n];
		} else {
			char name[SRXFLOW_NAME_MAX];
			struct sxf_addr *ad;

			nla_strscpy(name, a, sizeof(name));
			if (!strcmp(name, "any") || !strcmp(name, "any-ipv4") ||
			    !strcmp(name, "any-ipv6")) {
				u8 f = !strcmp(name, "any-ipv4") ? AF_INET :
				       !strcmp(name, "any-ipv6") ? AF_INET6 : 0;

				err = rule_family(fam, f, a, ctx, word, extack);
				if (err)
					goto out;
				*any = true;
				continue;
			}
			ad = sxf_cfg_addr_lookup(cfg, scope, name);
			if (!ad) {
				err = sxf_err(extack, a, "%s %s-name %s: address is not defined",
					      ctx, word, name);
				goto out;
			}
			err = rule_family(fam, !ad->rs.n6 ? AF_INET : !ad->rs.n4 ? AF_INET6 : 0,
					  a, ctx, word, extack);
			if (err)
				goto out;
			srcs[n] = &ad->rs;
		}
		n++;
	}
	*count = n;
	if (!n)
		*any = true;
	if (!*any) {
		err = sxf_rs_union(out, srcs, n);
		if (err == -E2BIG)
			err = sxf_err(extack, ra, "%s %s: too many address ranges", ctx, word);
		/* what the rule keeps, as an address-set or a policy is charged */
		if (!err) {
			err = sxf_cfg_charge(cfg, sxf_rs_bytes(out), ra, ctx, extack);
			if (err)
				sxf_rs_free(out);
		}
	}
out:
	for (i = 0; i < ARRAY_SIZE(tmp); i++)
		sxf_rs_free(&tmp[i]);
	return err;
}

static int rule_ports(const struct nlattr *ra, int type, u32 *v, u8 *n, const char *ctx,
		      const char *word, struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, ra, rem) {
		u32 r;

		if (nla_type(a) != type)
			continue;
		if (*n >= SRXFLOW_NAT_MATCH_MAX)
			return sxf_err(extack, a, "%s %s: more than %u", ctx, word,
				       SRXFLOW_NAT_MATCH_MAX);
		r = nla_get_u32(a);
		if ((r >> 16) > (r & 0xffff))
			return sxf_err(extack, a, "%s %s: the range is empty", ctx, word);
		v[(*n)++] = r;
	}
	return 0;
}

static int add_rule(struct sxf_cfg *cfg, struct sxf_nat_ruleset *rs, struct sxf_nat_rule *r,
		    const struct nlattr *ra, const char *rsctx, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_NRULE_MAX + 1];
	struct sxf_nat_cfg *n = cfg->nat;
	char ctx[2 * SRXFLOW_NAME_MAX + 64];
	const char *then = rs->kind == SRXFLOW_NAT_SOURCE ? "then source-nat" :
			   rs->kind == SRXFLOW_NAT_DESTINATION ? "then destination-nat" :
			   "then static-nat";
	u32 nsrc = 0, ndst = 0;
	struct sxf_obj *dup;
	struct nlattr *a;
	int rem, err;

	err = nla_parse_nested(tb, SRXFLOW_A_NRULE_MAX, ra, sxf_nrule_policy, extack);
	if (err)
		return err;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_NRULE_NAME], r->o.name, rsctx, extack, ra);
	if (err)
		return err;
	r->o.kind = SXF_OBJ_NAT_RULE;
	r->o.scope = rs->kind;
	snprintf(ctx, sizeof(ctx), "%s rule %s", rsctx, r->o.name);
	/* rule names are unique among the rules of a kind (show ... rule NAME) */
	dup = sxf_names_find(&n->rule_names, SXF_OBJ_NAT_RULE, rs->kind, r->o.name);
	if (dup && container_of(dup, struct sxf_nat_rule, o)->rs == rs)
		return sxf_err(extack, tb[SRXFLOW_A_NRULE_NAME], "%s: defined twice", ctx);
	if (dup)
		return sxf_err(extack, tb[SRXFLOW_A_NRULE_NAME],
			       "%s: name used in rule-set %s already", ctx,
			       container_of(dup, struct sxf_nat_rule, o)->rs->o.name);
	r->rs = rs;
	err = rule_addrs(cfg, rs, ra, false, &r->src, &r->any_src, &nsrc, &r->family, ctx, extack);
	if (err)
		return err;
	err = rule_addrs(cfg, rs, ra, true, &r->dst, &r->any_dst, &ndst, &r->family, ctx, extack);
	if (err)
		return err;
	err = rule_ports(ra, SRXFLOW_A_NRULE_SPORT, r->sport, &r->n_sport, ctx, "match source-port", extack);
	if (!err)
		err = rule_ports(ra, SRXFLOW_A_NRULE_DPORT, r->dport, &r->n_dport, ctx,
				 "match destination-port", extack);
	if (err)
		return err;
	nla_for_each_nested(a, ra, rem) {
		if (nla_type(a) != SRXFLOW_A_NRULE_PROTOCOL)
			continue;
		if (r->n_proto >= SRXFLOW_NAT_MATCH_MAX)
			return sxf_err(extack, a, "%s match protocol: more than %u", ctx,
				       SRXFLOW_NAT_MATCH_MAX);
		r->proto[r->n_proto++] = nla_get_u8(a);
	}
	if (rs->kind != SRXFLOW_NAT_SOURCE && !ndst)
		return sxf_err(extack, ra, "%s: match destination-address is required", ctx);

	switch (rs->kind) {
	case SRXFLOW_NAT_SOURCE:
	case SRXFLOW_NAT_DESTINATION: {
		int t = rs->kind == SRXFLOW_NAT_SOURCE ? SRXFLOW_A_NRULE_SNAT : SRXFLOW_A_NRULE_DNAT;

		if (!tb[t] == !tb[SRXFLOW_A_NRULE_POOL] ||
		    tb[rs->kind == SRXFLOW_NAT_SOURCE ? SRXFLOW_A_NRULE_DNAT :
		       SRXFLOW_A_NRULE_SNAT] || tb[SRXFLOW_A_NRULE_PREFIX])
			return sxf_err(extack, ra, "%s: needs one %s (off%s | pool P)", ctx, then,
				       rs->kind == SRXFLOW_NAT_SOURCE ? " | interface" : "");
		r->action = tb[t] ? nla_get_u8(tb[t]) : SRXFLOW_NAT_ACT_POOL;
		if (r->action == SRXFLOW_NAT_ACT_INTERFACE && rs->kind != SRXFLOW_NAT_SOURCE)
			return sxf_err(extack, tb[t], "%s %s interface: source NAT only", ctx, then);
		if (r->action == SRXFLOW_NAT_ACT_POOL) {
			char pname[SRXFLOW_NAME_MAX];
			struct sxf_obj *o;

			if (!tb[SRXFLOW_A_NRULE_POOL])
				return sxf_err(extack, ra, "%s %s pool: missing pool name", ctx, then);
			nla_strscpy(pname, tb[SRXFLOW_A_NRULE_POOL], sizeof(pname));
			o = sxf_names_find(&cfg->names, SXF_OBJ_NAT_POOL, rs->kind, pname);
			if (!o)
				return sxf_err(extack, tb[SRXFLOW_A_NRULE_POOL],
					       "%s %s pool %s: pool is not defined", ctx, then, pname);
			r->pool = container_of(o, struct sxf_nat_pool, o);
			if (r->family && r->family != r->pool->family)
				return sxf_err(extack, tb[SRXFLOW_A_NRULE_POOL],
					       "%s %s pool %s: an %s pool for a rule of %s addresses",
					       ctx, then, pname,
					       r->pool->family == AF_INET ? "IPv4" : "IPv6",
					       r->family == AF_INET ? "IPv4" : "IPv6");
			r->family = r->pool->family;
		} else if (tb[SRXFLOW_A_NRULE_POOL]) {
			return sxf_err(extack, tb[SRXFLOW_A_NRULE_POOL], "%s: pool without %s pool",
				       ctx, then);
		}
		break;
	}
	case SRXFLOW_NAT_STATIC: {
		const struct srxflow_prefix *q;
		const struct nlattr *md = NULL;

		if (!tb[SRXFLOW_A_NRULE_PREFIX] || tb[SRXFLOW_A_NRULE_SNAT] ||
		    tb[SRXFLOW_A_NRULE_DNAT] || tb[SRXFLOW_A_NRULE_POOL])
			return sxf_err(extack, ra, "%s: needs then static-nat prefix P", ctx);
		nla_for_each_nested(a, ra, rem) {
			if (nla_type(a) == SRXFLOW_A_NRULE_DST_ADDR)
				md = a;
			/* (any, a name: not counted in ndst, and would widen the match) */
			if (nla_type(a) == SRXFLOW_A_NRULE_DST_NAME)
				return sxf_err(extack, a, "%s: match needs exactly one destination-address prefix, not a name",
					       ctx);
		}
		if (ndst != 1 || !md)
			return sxf_err(extack, ra, "%s: match needs exactly one destination-address prefix",
				       ctx);
		r->match_dst = *(const struct srxflow_prefix *)nla_data(md);
		q = nla_data(tb[SRXFLOW_A_NRULE_PREFIX]);
		if (!sxf_prefix_valid(q))
			return sxf_err(extack, tb[SRXFLOW_A_NRULE_PREFIX],
				       "%s then static-nat prefix: invalid prefix", ctx);
		if (q->family != r->match_dst.family)
			return sxf_err(extack, tb[SRXFLOW_A_NRULE_PREFIX],
				       "%s then static-nat prefix: an %s prefix for an %s destination-address",
				       ctx, q->family == AF_INET ? "IPv4" : "IPv6",
				       q->family == AF_INET ? "IPv6" : "IPv4");
		if (q->plen != r->match_dst.plen)
			return sxf_err(extack, tb[SRXFLOW_A_NRULE_PREFIX],
				       "%s then static-nat prefix: length /%u differs from the destination-address /%u",
				       ctx, q->plen, r->match_dst.plen);
		r->prefix = *q;
		r->family = q->family;
		r->action = SRXFLOW_NAT_ACT_PREFIX;
		if (tb[SRXFLOW_A_NRULE_MAPPED_PORT]) {
			if (r->n_dport != 1 || (r->dport[0] >> 16) != (r->dport[0] & 0xffff))
				return sxf_err(extack, tb[SRXFLOW_A_NRULE_MAPPED_PORT],
					       "%s then static-nat prefix mapped-port: needs match destination-port N",
					       ctx);
			if (nla_get_u32(tb[SRXFLOW_A_NRULE_MAPPED_PORT]) - 1 > 65534)
				return sxf_err(extack, tb[SRXFLOW_A_NRULE_MAPPED_PORT],
					       "%s then static-nat prefix mapped-port: value out of range, expecting 1..65535",
					       ctx);
			r->mapped_port = nla_get_u32(tb[SRXFLOW_A_NRULE_MAPPED_PORT]);
		}
		break;
	}
	}
	r->id = ++n->next_rule_id;
	r->pos = rs->n_rules + 1;
	return 0;
}

static int add_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		       u8 kind, struct netlink_ext_ack *extack)
{
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_nat_cfg *n = nat_cfg(cfg);
	struct sxf_nat_ruleset *rs;
	struct nlattr *a;
	int rem, err;
	u32 i, nr = 0;

	if (!n || (!n->rule_names.nbuckets && sxf_names_init(&n->rule_names, 64)))
		return -ENOMEM;
	if (n->n_rs[kind] >= SRXFLOW_NAT_RULESETS_MAX)
		return sxf_err(extack, obj, "security nat %s: more than %u rule-sets",
			       kind_word[kind], SRXFLOW_NAT_RULESETS_MAX);
	rs = sxf_cfg_zalloc(cfg, sizeof(*rs));
	if (!rs)
		return -ENOMEM;
	rs->o.kind = SXF_OBJ_NAT_RULESET;
	rs->o.scope = kind;
	rs->kind = kind;
	snprintf(ctx, sizeof(ctx), "security nat %s rule-set", kind_word[kind]);
	err = sxf_cfg_get_name(tb[SRXFLOW_A_NRS_NAME], rs->o.name, ctx, extack, obj);
	if (err)
		goto err;
	snprintf(ctx, sizeof(ctx), "security nat %s rule-set %s", kind_word[kind], rs->o.name);
	if (sxf_names_find(&cfg->names, SXF_OBJ_NAT_RULESET, kind, rs->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_NRS_NAME], "%s: defined twice", ctx);
		goto err;
	}
	err = rs_contexts(cfg, rs, obj, false, ctx, extack);
	if (!err)
		err = rs_contexts(cfg, rs, obj, true, ctx, extack);
	if (err)
		goto err;
	if (!rs->from_type) {
		err = sxf_err(extack, obj, "%s: from (zone | interface | routing-instance) is required", ctx);
		goto err;
	}
	if (kind == SRXFLOW_NAT_SOURCE && !rs->to_type) {
		err = sxf_err(extack, obj, "%s: to (zone | interface | routing-instance) is required", ctx);
		goto err;
	}
	if (kind != SRXFLOW_NAT_SOURCE && rs->to_type) {
		err = sxf_err(extack, obj, "%s: %s NAT rule-sets have no to context", ctx,
			      kind_word[kind]);
		goto err;
	}
	for (i = 0; i < n->n_rs[kind]; i++) {
		const struct sxf_nat_ruleset *o = n->rs[kind][i];

		if (o->from_type == rs->from_type && o->to_type == rs->to_type &&
		    same_names(o->from, o->n_from, rs->from, rs->n_from) &&
		    same_names(o->to, o->n_to, rs->to, rs->n_to)) {
			err = sxf_err(extack, obj, "%s: same from/to contexts as rule-set %s",
				      ctx, o->o.name);
			goto err;
		}
	}
	nla_for_each_nested(a, obj, rem)
		if (nla_type(a) == SRXFLOW_A_NRS_RULE)
			nr++;
	if (nr > SRXFLOW_NAT_RULES_MAX) {
		err = sxf_err(extack, obj, "%s: more than %u rules", ctx, SRXFLOW_NAT_RULES_MAX);
		goto err;
	}
	if (nr) {
		err = sxf_cfg_charge(cfg, nr * sizeof(*rs->rules), obj, ctx, extack);
		if (err)
			goto err;
		rs->rules = kvcalloc(nr, sizeof(*rs->rules), GFP_KERNEL_ACCOUNT);
		if (!rs->rules) {
			err = -ENOMEM;
			goto err;
		}
	}
	nla_for_each_nested(a, obj, rem) {
		if (nla_type(a) != SRXFLOW_A_NRS_RULE)
			continue;
		err = add_rule(cfg, rs, &rs->rules[rs->n_rules], a, ctx, extack);
		if (!err)
			err = sxf_names_add(&n->rule_names, &rs->rules[rs->n_rules].o);
		if (err) {
			sxf_rs_free(&rs->rules[rs->n_rules].src);
			sxf_rs_free(&rs->rules[rs->n_rules].dst);
			goto err_rules;
		}
		rs->n_rules++;
	}
	err = sxf_grow_ptrs((void ***)&n->rs[kind], n->n_rs[kind], &n->cap_rs[kind]);
	if (err)
		goto err_rules;
	err = sxf_names_add(&cfg->names, &rs->o);
	if (err)
		goto err_rules;
	n->rs[kind][n->n_rs[kind]++] = rs;
	return sxf_cfg_keep_blob(cfg, kind == SRXFLOW_NAT_SOURCE ? SRXFLOW_A_CFG_NAT_SOURCE_RULESET :
				 kind == SRXFLOW_NAT_DESTINATION ? SRXFLOW_A_CFG_NAT_DEST_RULESET :
				 SRXFLOW_A_CFG_NAT_STATIC_RULESET, obj, rs);

err_rules:
	for (i = 0; i < rs->n_rules; i++) {
		hlist_del(&rs->rules[i].o.hnode);
		n->rule_names.count--;
		sxf_rs_free(&rs->rules[i].src);
		sxf_rs_free(&rs->rules[i].dst);
	}
	kvfree(rs->rules);
err:
	kfree(rs);
	return err;
}

int sxf_add_nat_source_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj,
			       struct nlattr **tb, struct netlink_ext_ack *extack)
{
	return add_ruleset(cfg, obj, tb, SRXFLOW_NAT_SOURCE, extack);
}

int sxf_add_nat_dest_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj,
			     struct nlattr **tb, struct netlink_ext_ack *extack)
{
	return add_ruleset(cfg, obj, tb, SRXFLOW_NAT_DESTINATION, extack);
}

int sxf_add_nat_static_ruleset(struct sxf_cfg *cfg, const struct nlattr *obj,
			       struct nlattr **tb, struct netlink_ext_ack *extack)
{
	return add_ruleset(cfg, obj, tb, SRXFLOW_NAT_STATIC, extack);
}

/* --- counters across commits --------------------------------------------------------- */
static struct sxf_nat_ctr *ctr_take(struct sxf_nat_ctr *old)
{
	struct sxf_nat_ctr *c;

	if (old) {
		refcount_inc(&old->ref);
		return old;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return NULL;
	c->hits = alloc_percpu_gfp(u64, GFP_KERNEL_ACCOUNT);
	if (!c->hits) {
		kfree(c);
		return NULL;
	}
	refcount_set(&c->ref, 1);
	return c;
}

static struct sxf_nat_ctr *old_rule_ctr(const struct sxf_cfg *old, u8 kind, const char *rsname,
					const char *name)
{
	const struct sxf_nat_rule *r;
	struct sxf_obj *o;

	if (!old || !old->nat || !old->nat->rule_names.nbuckets)
		return NULL;
	/* the rule of that name (unique in its kind), if it is in a rule-set of that name */
	o = sxf_names_find(&old->nat->rule_names, SXF_OBJ_NAT_RULE, kind, name);
	if (!o)
		return NULL;
	r = container_of(o, struct sxf_nat_rule, o);
	return strcmp(r->rs->o.name, rsname) ? NULL : r->ctr;
}

/*
 * At commit (RTNL): every pool and rule gets its counters, those of the
 * pool or rule of the same name in the running generation when there is
 * one.  Counters of what the new generation drops go with the old one.
 */
int sxf_nat_commit(struct sxf_cfg *cfg, const struct sxf_cfg *old)
{
	struct sxf_nat_cfg *n = cfg->nat;
	u32 k, i, j;

	if (!n)
		return 0;
	for (k = 0; k < 2; k++)
		for (i = 0; i < n->n_pools[k]; i++) {
			struct sxf_nat_pool *p = n->pools[k][i];
			struct sxf_obj *o = old && old->nat ?
				sxf_names_find(&old->names, SXF_OBJ_NAT_POOL, k, p->o.name) : NULL;
			struct sxf_nat_ctr *oc =
				o ? container_of(o, struct sxf_nat_pool, o)->ctr : NULL;

			if (p->ctr)
				continue;
			p->ctr = ctr_take(oc);
			if (!p->ctr)
				return -ENOMEM;
			/* the alarm finds its pool by it (nat_alarm.c); handed on by name */
			if (!oc)
				strscpy(p->ctr->name, p->o.name, sizeof(p->ctr->name));
		}
	for (k = 0; k < 3; k++)
		for (i = 0; i < n->n_rs[k]; i++) {
			struct sxf_nat_ruleset *rs = n->rs[k][i];

			for (j = 0; j < rs->n_rules; j++) {
				struct sxf_nat_rule *r = &rs->rules[j];

				if (r->ctr)
					continue;
				r->ctr = ctr_take(old_rule_ctr(old, k, rs->o.name, r->o.name));
				if (!r->ctr)
					return -ENOMEM;
			}
		}
	return 0;
}
