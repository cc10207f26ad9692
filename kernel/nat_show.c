// SPDX-License-Identifier: GPL-2.0
/*
 * NAT_GET: the pools, rules and proxy-arp/ndp entries of the running generation with their
 * counters (show security nat ...); NAT_CLEAR: clear security nat
 * source|destination|static rule statistics.
 */
#include <net/genetlink.h>
#include <net/sock.h>
#include "srxflow.h"
#include "config.h"
#include "session.h"
#include "nat.h"

struct nat_dump {
	struct sxf_cfg *cfg;
	u32 next;			/* item: pools of both kinds, then rules */
	u32 *in_use;			/* source pool i, entry j: [i * ADDRS_MAX + j] */
};

/*
 * Sessions translated by each address entry of the source pools: one walk
 * of the table (process context), counting the reply wings whose
 * destination is a pool address, each found in the pool entries' tree
 * (O(log entries), cfg_nat.c).  A resize rewinds the walk: the counts
 * start over.  A show command's snapshot: sessions come and go meanwhile.
 */
static u32 *count_in_use(struct sxf_net *sn, const struct sxf_nat_cfg *n)
{
	u32 np = n ? n->n_pools[SRXFLOW_NAT_SOURCE] : 0, cnt = 0;
	struct rhashtable_iter iter;
	struct sxf_wing *w;
	u32 *v;

	if (!np)
		return NULL;
	v = kvcalloc(np * SRXFLOW_NAT_POOL_ADDRS_MAX, sizeof(*v), GFP_KERNEL_ACCOUNT);
	if (!v)
		return NULL;
	rhashtable_walk_enter(&sn->tab.ht, &iter);
	rhashtable_walk_start(&iter);
	for (;;) {
		const struct sxf_nat_rnode *e;
		struct sxf_nat_range key;
		u32 flags;

		w = rhashtable_walk_next(&iter);
		if (IS_ERR(w)) {
			if (PTR_ERR(w) != -EAGAIN)
				break;
			memset(v, 0, np * SRXFLOW_NAT_POOL_ADDRS_MAX * sizeof(*v));
			continue;
		}
		if (!w)
			break;
		flags = READ_ONCE(sxf_wing_session(w)->flags);
		if (w->dir != 1 || !(flags & SXF_SF_SNAT_POOL) || (flags & SXF_SF_DEAD))
			continue;
		memset(&key, 0, sizeof(key));
		key.family = w->t.family;
		if (key.family == AF_INET) {
			key.lo = ntohl(w->t.dst.v4);
		} else {
			memcpy(key.pfx, &w->t.dst.v6, sizeof(key.pfx));
			key.lo = ntohl(w->t.dst.v6.s6_addr32[3]);
		}
		key.hi = key.lo;
		e = sxf_nat_range_find(&n->ranges[SRXFLOW_NAT_SOURCE], &key);
		if (e)
			v[(e->pool->id - 1) * SRXFLOW_NAT_POOL_ADDRS_MAX + (e->r - e->pool->r)]++;
		if (!(++cnt % 256) && need_resched()) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			/* a resize meanwhile restarts the walk: so do the counts */
			if (rhashtable_walk_start_check(&iter) == -EAGAIN)
				memset(v, 0, np * SRXFLOW_NAT_POOL_ADDRS_MAX * sizeof(*v));
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return v;
}

int sxf_nl_nat_start(struct netlink_callback *cb)
{
	struct sxf_net *sn = sxf_pernet(sock_net(cb->skb->sk));
	struct nat_dump *d = (struct nat_dump *)cb->ctx;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	d->cfg = sxf_cfg_get_rcu(sn);
	d->next = 0;
	d->in_use = NULL;
	if (!d->cfg)
		return -ENOENT;
	d->in_use = count_in_use(sn, d->cfg->nat);
	/*
	 * The largest item, a rule with 64 ranges on each side and its
	 * contexts (~8 KiB), must fit the first message of any socket.
	 */
	cb->min_dump_alloc = 16384;
	return 0;
}

int sxf_nl_nat_done(struct netlink_callback *cb)
{
	struct nat_dump *d = (struct nat_dump *)cb->ctx;

	kvfree(d->in_use);
	sxf_cfg_put(d->cfg);
	return 0;
}

/* lo, hi: addresses of the family, network order */
static int put_range_use(struct sk_buff *skb, int type, u8 family, const void *lo, const void *hi,
			 u16 port, const u32 *in_use)
{
	struct srxflow_prefix p = { .family = family, .plen = family == AF_INET ? 32 : 128 };
	struct nlattr *nest = nla_nest_start(skb, type);
	size_t len = family == AF_INET ? 4 : 16;

	if (!nest)
		return -EMSGSIZE;
	memcpy(p.addr, lo, len);
	if (nla_put(skb, SRXFLOW_A_NADDR_LO, sizeof(p), &p))
		return -EMSGSIZE;
	memcpy(p.addr, hi, len);
	if (nla_put(skb, SRXFLOW_A_NADDR_HI, sizeof(p), &p) ||
	    (port && nla_put_u32(skb, SRXFLOW_A_NADDR_PORT, port)) ||
	    (in_use && nla_put_u32(skb, SRXFLOW_A_NADDR_IN_USE, *in_use)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_range4(struct sk_buff *skb, int type, u32 lo, u32 hi)
{
	__be32 l = htonl(lo), h = htonl(hi);

	return put_range_use(skb, type, AF_INET, &l, &h, 0, NULL);
}

static int put_range6(struct sk_buff *skb, int type, const struct sxf_a6 *lo,
		      const struct sxf_a6 *hi)
{
	__be64 l[2] = { cpu_to_be64(lo->hi), cpu_to_be64(lo->lo) };
	__be64 h[2] = { cpu_to_be64(hi->hi), cpu_to_be64(hi->lo) };

	return put_range_use(skb, type, AF_INET6, l, h, 0, NULL);
}

static int put_pool_range(struct sk_buff *skb, const struct sxf_nat_range *r, const u32 *in_use)
{
	struct in6_addr l, h;

	sxf_nat_range_addr(r, r->lo, &l);
	sxf_nat_range_addr(r, r->hi, &h);
	return put_range_use(skb, SRXFLOW_A_NSTAT_ADDR, r->family, &l, &h, r->port, in_use);
}

static int put_ctr(struct sk_buff *skb, const struct sxf_nat_ctr *c)
{
	return nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_HITS, c ? sxf_nat_ctr_hits(c) : 0,
				 SRXFLOW_A_NSTAT_PAD) ||
	       nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_FAILED, c ? atomic64_read(&c->failed) : 0,
				 SRXFLOW_A_NSTAT_PAD);
}

/* a source pool's utilization and its alarm (nat_alarm.c) */
static int put_pool_use(struct sk_buff *skb, const struct sxf_nat_pool *p)
{
	const struct sxf_nat_ctr *c = p->ctr;

	if (nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_IN_USE, c ? max(atomic_read(&c->in_use), 0) : 0,
			      SRXFLOW_A_NSTAT_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_CAPACITY, p->capacity, SRXFLOW_A_NSTAT_PAD))
		return -EMSGSIZE;
	if (!p->alarm_raise)
		return 0;
	return nla_put_u8(skb, SRXFLOW_A_NSTAT_ALARM_RAISE, p->alarm_raise) ||
	       nla_put_u8(skb, SRXFLOW_A_NSTAT_ALARM_CLEAR, p->alarm_clear) ||
	       nla_put_u8(skb, SRXFLOW_A_NSTAT_ALARM_RAISED,
			  c ? atomic_read(&c->alarm_raised) : 0) ||
	       nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_ALARMS, c ? atomic64_read(&c->alarms) : 0,
				 SRXFLOW_A_NSTAT_PAD) ? -EMSGSIZE : 0;
}

/* in_use: the counts of the pool's entries (source pools; NULL: none) */
static int put_pool(struct sk_buff *skb, const struct sxf_nat_pool *p, const u32 *in_use)
{
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_NAT_POOL);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, SRXFLOW_A_NSTAT_KIND, p->kind) ||
	    nla_put_string(skb, SRXFLOW_A_NSTAT_NAME, p->o.name) ||
	    nla_put_u32(skb, SRXFLOW_A_NSTAT_ID, p->id) ||
	    (p->kind == SRXFLOW_NAT_SOURCE && !p->no_pat &&
	     (nla_put_u32(skb, SRXFLOW_A_NSTAT_PORT_LO, p->port_lo) ||
	      nla_put_u32(skb, SRXFLOW_A_NSTAT_PORT_HI, p->port_hi))) ||
	    put_ctr(skb, p->ctr) ||
	    (p->ri_set && nla_put_string(skb, SRXFLOW_A_NSTAT_ROUTING_INSTANCE,
					  p->ri[0] ? p->ri : "default")) ||
	    (p->overflow_if && nla_put_string(skb, SRXFLOW_A_NSTAT_OVERFLOW, "interface")) ||
	    (p->overflow[0] && nla_put_string(skb, SRXFLOW_A_NSTAT_OVERFLOW, p->overflow)) ||
	    (p->kind == SRXFLOW_NAT_SOURCE &&
	     nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_OVERFLOWED,
			       p->ctr ? atomic64_read(&p->ctr->overflowed) : 0, SRXFLOW_A_NSTAT_PAD)))
		goto cancel;
	if (p->kind == SRXFLOW_NAT_SOURCE && put_pool_use(skb, p))
		goto cancel;
	for (i = 0; i < p->n; i++)
		if (put_pool_range(skb, &p->r[i], in_use ? &in_use[i] : NULL))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* any: the whole of the rule's family (both for a rule of any family) */
/*
 * A rule's addresses: the first SRXFLOW_NAT_SHOW_RANGES ranges, and their
 * number in all (count_type) when there are more.  An address-set of
 * thousands of prefixes would not fit in one message (a rule is one
 * attribute): the dump ended with -EMSGSIZE at that rule before.
 */
static int put_rs_addrs(struct sk_buff *skb, int type, int count_type, bool any, u8 family,
			const struct sxf_rangeset *rs)
{
	static const struct sxf_a6 zero6, ones6 = { ~0ULL, ~0ULL };
	u32 i, left = SRXFLOW_NAT_SHOW_RANGES;

	if (any)
		return (family != AF_INET6 && put_range4(skb, type, 0, 0xffffffff)) ||
		       (family != AF_INET && put_range6(skb, type, &zero6, &ones6)) ? -EMSGSIZE : 0;
	for (i = 0; i < rs->n4 && left; i++, left--)
		if (put_range4(skb, type, rs->r4[i].lo, rs->r4[i].hi))
			return -EMSGSIZE;
	for (i = 0; i < rs->n6 && left; i++, left--)
		if (put_range6(skb, type, &rs->r6[i].lo, &rs->r6[i].hi))
			return -EMSGSIZE;
	if ((u64)rs->n4 + rs->n6 > SRXFLOW_NAT_SHOW_RANGES &&
	    nla_put_u32(skb, count_type, rs->n4 + rs->n6))
		return -EMSGSIZE;
	return 0;
}

static int put_rule(struct sk_buff *skb, const struct sxf_nat_rule *r)
{
	const struct sxf_nat_ruleset *rs = r->rs;
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_NAT_RULE);
	u8 i;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, SRXFLOW_A_NSTAT_KIND, rs->kind) ||
	    nla_put_string(skb, SRXFLOW_A_NSTAT_NAME, r->o.name) ||
	    nla_put_string(skb, SRXFLOW_A_NSTAT_RULESET, rs->o.name) ||
	    nla_put_u32(skb, SRXFLOW_A_NSTAT_ID, r->id) ||
	    nla_put_u32(skb, SRXFLOW_A_NSTAT_POSITION, r->pos) ||
	    nla_put_u8(skb, SRXFLOW_A_NSTAT_FROM_TYPE, rs->from_type) ||
	    nla_put_u8(skb, SRXFLOW_A_NSTAT_TO_TYPE, rs->to_type) ||
	    nla_put_u8(skb, SRXFLOW_A_NSTAT_ACTION, r->action) ||
	    (r->pool && nla_put_string(skb, SRXFLOW_A_NSTAT_POOL, r->pool->o.name)) ||
	    (r->mapped_port && nla_put_u32(skb, SRXFLOW_A_NSTAT_MAPPED_PORT, r->mapped_port)) ||
	    put_ctr(skb, r->ctr))
		goto cancel;
	for (i = 0; i < rs->n_from; i++)
		if (nla_put_string(skb, SRXFLOW_A_NSTAT_FROM, rs->from[i]))
			goto cancel;
	for (i = 0; i < rs->n_to; i++)
		if (nla_put_string(skb, SRXFLOW_A_NSTAT_TO, rs->to[i]))
			goto cancel;
	for (i = 0; i < r->n_dport; i++)
		if (nla_put_u32(skb, SRXFLOW_A_NSTAT_DPORT, r->dport[i]))
			goto cancel;
	for (i = 0; i < r->n_proto; i++)
		if (nla_put_u8(skb, SRXFLOW_A_NSTAT_PROTOCOL, r->proto[i]))
			goto cancel;
	if (put_rs_addrs(skb, SRXFLOW_A_NSTAT_SRC, SRXFLOW_A_NSTAT_SRC_RANGES, r->any_src,
			 r->family, &r->src) ||
	    put_rs_addrs(skb, SRXFLOW_A_NSTAT_DST, SRXFLOW_A_NSTAT_DST_RANGES, r->any_dst,
			 r->family, &r->dst))
		goto cancel;
	if (rs->kind == SRXFLOW_NAT_STATIC) {
		/* the mapped prefix: its first and last address */
		u8 lo[16], hi[16];
		unsigned int k, len = r->prefix.family == AF_INET ? 4 : 16;

		for (k = 0; k < len; k++) {
			unsigned int bits = r->prefix.plen > k * 8 ?
					    min_t(unsigned int, r->prefix.plen - k * 8, 8) : 0;
			u8 m = bits ? 0xff << (8 - bits) : 0;

			lo[k] = r->prefix.addr[k] & m;
			hi[k] = lo[k] | ~m;
		}
		if (put_range_use(skb, SRXFLOW_A_NSTAT_ADDR, r->prefix.family, lo, hi, 0, NULL))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* item i of the flattened list: a pool or a rule */
static int put_item(struct sk_buff *skb, const struct sxf_nat_cfg *n, const u32 *in_use, u32 i,
		    bool *end)
{
	u32 k, j;

	*end = false;
	for (k = 0; k < 2; k++) {
		if (i < n->n_pools[k])
			return put_pool(skb, n->pools[k][i],
					k == SRXFLOW_NAT_SOURCE && in_use ?
					&in_use[i * SRXFLOW_NAT_POOL_ADDRS_MAX] : NULL);
		i -= n->n_pools[k];
	}
	for (k = 0; k < 3; k++)
		for (j = 0; j < n->n_rs[k]; j++) {
			if (i < n->rs[k][j]->n_rules)
				return put_rule(skb, &n->rs[k][j]->rules[i]);
			i -= n->rs[k][j]->n_rules;
		}
	for (k = 0; k < 2; k++) {
		if (i < n->n_proxy[k])
			return sxf_nat_proxy_put(skb, n->proxy[k][i]);
		i -= n->n_proxy[k];
	}
	*end = true;
	return 0;
}

int sxf_nl_nat_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nat_dump *d = (struct nat_dump *)cb->ctx;
	const struct sxf_nat_cfg *n = d->cfg->nat;
	bool end = false;
	void *hdr;
	int cnt = 0;

	if (!n)
		return 0;
	hdr = sxf_nl_dump_hdr(skb, cb, SRXFLOW_CMD_NAT_GET);
	if (!hdr)
		return -EMSGSIZE;
	for (;;) {
		if (put_item(skb, n, d->in_use, d->next, &end))
			break;
		if (end)
			break;
		d->next++;
		cnt++;
	}
	if (!cnt) {
		genlmsg_cancel(skb, hdr);
		return end ? 0 : -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}

int sxf_nl_nat_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = sxf_pernet(genl_info_net(info));
	const struct sxf_cfg *cfg;
	int kind = info->attrs[SRXFLOW_A_NAT_KIND] ?
		   nla_get_u8(info->attrs[SRXFLOW_A_NAT_KIND]) : -1;
	u32 k, i, j;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (cfg && cfg->nat)
		for (k = 0; k < 3; k++) {
			if (kind >= 0 && k != kind)
				continue;
			for (i = 0; i < cfg->nat->n_rs[k]; i++)
				for (j = 0; j < cfg->nat->rs[k][i]->n_rules; j++) {
					struct sxf_nat_ctr *c = cfg->nat->rs[k][i]->rules[j].ctr;

					if (c) {
						sxf_nat_ctr_clear_hits(c);
						atomic64_set(&c->failed, 0);
					}
				}
		}
	rcu_read_unlock();
	return 0;
}
