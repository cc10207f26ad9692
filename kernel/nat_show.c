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
#include "nat.h"

struct nat_dump {
	struct sxf_cfg *cfg;
	u32 next;			/* item: pools of both kinds, then rules */
};

int sxf_nl_nat_start(struct netlink_callback *cb)
{
	struct sxf_net *sn = sxf_pernet(sock_net(cb->skb->sk));
	struct nat_dump *d = (struct nat_dump *)cb->ctx;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	d->cfg = sxf_cfg_get_rcu(sn);
	d->next = 0;
	return d->cfg ? 0 : -ENOENT;
}

int sxf_nl_nat_done(struct netlink_callback *cb)
{
	struct nat_dump *d = (struct nat_dump *)cb->ctx;

	sxf_cfg_put(d->cfg);
	return 0;
}

static int put_range(struct sk_buff *skb, int type, u32 lo, u32 hi, u16 port)
{
	struct srxflow_prefix p = { .family = AF_INET, .plen = 32 };
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	put_unaligned_be32(lo, p.addr);
	if (nla_put(skb, SRXFLOW_A_NADDR_LO, sizeof(p), &p))
		return -EMSGSIZE;
	put_unaligned_be32(hi, p.addr);
	if (nla_put(skb, SRXFLOW_A_NADDR_HI, sizeof(p), &p) ||
	    (port && nla_put_u32(skb, SRXFLOW_A_NADDR_PORT, port)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_ctr(struct sk_buff *skb, const struct sxf_nat_ctr *c)
{
	return nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_HITS, c ? atomic64_read(&c->hits) : 0,
				 SRXFLOW_A_NSTAT_PAD) ||
	       nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_FAILED, c ? atomic64_read(&c->failed) : 0,
				 SRXFLOW_A_NSTAT_PAD);
}

static int put_pool(struct sk_buff *skb, const struct sxf_nat_pool *p)
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
	    (p->overflow_if && nla_put_string(skb, SRXFLOW_A_NSTAT_OVERFLOW, "interface")) ||
	    (p->overflow[0] && nla_put_string(skb, SRXFLOW_A_NSTAT_OVERFLOW, p->overflow)) ||
	    (p->kind == SRXFLOW_NAT_SOURCE &&
	     nla_put_u64_64bit(skb, SRXFLOW_A_NSTAT_OVERFLOWED,
			       p->ctr ? atomic64_read(&p->ctr->overflowed) : 0, SRXFLOW_A_NSTAT_PAD)))
		goto cancel;
	for (i = 0; i < p->n; i++)
		if (put_range(skb, SRXFLOW_A_NSTAT_ADDR, p->r[i].lo, p->r[i].hi, p->r[i].port))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int put_rs_addrs(struct sk_buff *skb, int type, bool any, const struct sxf_rangeset *rs)
{
	u32 i;

	if (any)
		return put_range(skb, type, 0, 0xffffffff, 0);
	for (i = 0; i < rs->n4; i++)
		if (put_range(skb, type, rs->r4[i].lo, rs->r4[i].hi, 0))
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
	    nla_put_string(skb, SRXFLOW_A_NSTAT_NAME, r->name) ||
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
	if (put_rs_addrs(skb, SRXFLOW_A_NSTAT_SRC, r->any_src, &r->src) ||
	    put_rs_addrs(skb, SRXFLOW_A_NSTAT_DST, r->any_dst, &r->dst))
		goto cancel;
	if (rs->kind == SRXFLOW_NAT_STATIC) {
		u32 mask = r->prefix.plen ? ~0U << (32 - r->prefix.plen) : 0;
		u32 a = get_unaligned_be32(r->prefix.addr) & mask;

		if (put_range(skb, SRXFLOW_A_NSTAT_ADDR, a, a | ~mask, 0))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* item i of the flattened list: a pool or a rule */
static int put_item(struct sk_buff *skb, const struct sxf_nat_cfg *n, u32 i, bool *end)
{
	u32 k, j;

	*end = false;
	for (k = 0; k < 2; k++) {
		if (i < n->n_pools[k])
			return put_pool(skb, n->pools[k][i]);
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
		if (put_item(skb, n, d->next, &end))
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
						atomic64_set(&c->hits, 0);
						atomic64_set(&c->failed, 0);
					}
				}
		}
	rcu_read_unlock();
	return 0;
}
