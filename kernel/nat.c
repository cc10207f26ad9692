// SPDX-License-Identifier: GPL-2.0
/*
 * The NAT stages of the first path (reference junos-nat-screens-alg.md
 * section 2):
 *
 *   static NAT, destination NAT if no static rule matched    (before the route)
 *   reverse static NAT, source NAT if no reverse static rule (after the policy)
 *
 * Rule-sets are chosen by their contexts, interface > zone >
 * routing-instance (from first, then to); inside the chosen rule-set the
 * first matching rule wins and "off" is a match that stops.  There is no
 * fall-through to a less specific rule-set (Junos leaves it unconfirmed;
 * documented in design.rst).
 *
 * Source NAT with port translation claims its port by linking the reply
 * wing: sxf_session_insert_nat() tries the tuples this file proposes until
 * one is free in the session table, a bounded number of times.  Pool
 * exhaustion is a drop (SRXFLOW_DROP_NAT_POOL_EXHAUSTED), counted on the
 * rule and the pool, never an untranslated packet.
 *
 * IPv6 (NAT66) takes the same stages: a rule of one family never matches
 * a packet of the other; a static rule maps the prefix bits 1:1 both
 * ways (NPTv6-like, but not checksum-neutral: the fast path updates the
 * L4 checksums as for any translation).
 */
#include <linux/inetdevice.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/route.h>
#include "engine.h"
#include "session.h"
#include "trace.h"
#include "nat.h"

#define SXF_NAT_MAX_TRIES	1024	/* tuples tried for one session */
#define SXF_NAT_PORT_TRIES	256	/* ports tried on one address */

static const char *const kind_word[] = { "source", "destination", "static" };

static bool ri_match(struct net *net, const char *name, int vrf)
{
	const struct net_device *dev;

	if (!vrf)
		return !strcmp(name, "default");
	dev = dev_get_by_index_rcu(net, vrf);
	return dev && !strcmp(dev->name, name);
}

int sxf_nat_ri_vrf(struct net *net, const char *name)
{
	const struct net_device *dev;

	if (!name[0] || !strcmp(name, "default"))
		return 0;
	dev = dev_get_by_name_rcu(net, name);
	return dev && netif_is_l3_master(dev) ? dev->ifindex : -ENODEV;
}

/* Does one side (from, or to) of rs match zone / interface / VRF? */
static bool ctx_match(struct net *net, const struct sxf_nat_ruleset *rs, bool to, u16 zone,
		      const struct sxf_zone_if *zif, int vrf)
{
	u8 type = to ? rs->to_type : rs->from_type;
	u8 n = to ? rs->n_to : rs->n_from;
	u8 i;

	for (i = 0; i < n; i++) {
		switch (type) {
		case SXF_NCTX_ZONE:
			if ((to ? rs->to_zone[i] : rs->from_zone[i]) == zone)
				return true;
			break;
		case SXF_NCTX_IF:
			if (zif && !strcmp(zif->o.name, to ? rs->to[i] : rs->from[i]))
				return true;
			break;
		case SXF_NCTX_RI:
			if (ri_match(net, to ? rs->to[i] : rs->from[i], vrf))
				return true;
			break;
		}
	}
	return false;
}

struct nat_side {
	u16 zone;
	const struct sxf_zone_if *zif;
	int vrf;
};

/* The most specific rule-set of a kind whose contexts match: interface > zone > RI. */
static const struct sxf_nat_ruleset *rs_select(const struct sxf_nat_cfg *n, struct net *net,
					       u8 kind, const struct nat_side *from,
					       const struct nat_side *to)
{
	const struct sxf_nat_ruleset *best = NULL;
	u32 i, rank, best_rank = 0;

	for (i = 0; i < n->n_rs[kind]; i++) {
		const struct sxf_nat_ruleset *rs = n->rs[kind][i];

		if (!ctx_match(net, rs, false, from->zone, from->zif, from->vrf))
			continue;
		if (to && !ctx_match(net, rs, true, to->zone, to->zif, to->vrf))
			continue;
		rank = rs->from_type * 4 + (to ? rs->to_type : 0);
		if (rank > best_rank) {
			best = rs;
			best_rank = rank;
		}
	}
	return best;
}

static bool ports_match(const u32 *v, u8 n, __be16 port)
{
	u16 p = ntohs(port);
	u8 i;

	if (!n)
		return true;
	for (i = 0; i < n; i++)
		if (p >= (v[i] >> 16) && p <= (v[i] & 0xffff))
			return true;
	return false;
}

static bool has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_DCCP;
}

/*
 * Ports NAT may translate: those nat_rewrite.c rewrites in the packet.  An
 * SCTP packet keeps its ports (its CRC32c covers them and is not computed
 * again here); only its addresses are translated (the CRC does not cover
 * them).
 */
static bool xlate_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE ||
	       proto == IPPROTO_DCCP;
}

static bool rule_match(const struct sxf_nat_rule *r, const struct sxf_tuple *t)
{
	u8 i;

	if (r->family && r->family != t->family)
		return false;
	if (t->family == AF_INET) {
		if (!r->any_src && !sxf_rs_match4(&r->src, ntohl(t->src.v4)))
			return false;
		if (!r->any_dst && !sxf_rs_match4(&r->dst, ntohl(t->dst.v4)))
			return false;
	} else {
		struct sxf_a6 sa = sxf_a6_from(&t->src.v6), da = sxf_a6_from(&t->dst.v6);

		if (!r->any_src && !sxf_rs_match6(&r->src, &sa))
			return false;
		if (!r->any_dst && !sxf_rs_match6(&r->dst, &da))
			return false;
	}
	if (r->n_proto) {
		for (i = 0; i < r->n_proto; i++)
			if (r->proto[i] == t->proto)
				break;
		if (i == r->n_proto)
			return false;
	}
	if ((r->n_sport || r->n_dport) && !has_ports(t->proto))
		return false;
	return ports_match(r->sport, r->n_sport, t->sport) &&
	       ports_match(r->dport, r->n_dport, t->dport);
}

static const struct sxf_nat_rule *rule_first(const struct sxf_nat_ruleset *rs,
					     const struct sxf_tuple *t)
{
	u32 i;

	for (i = 0; i < rs->n_rules; i++)
		if (rule_match(&rs->rules[i], t))
			return &rs->rules[i];
	return NULL;
}

void sxf_nat_range_addr(const struct sxf_nat_range *r, u32 v, void *addr)
{
	if (r->family == AF_INET) {
		*(__be32 *)addr = htonl(v);
		return;
	}
	memcpy(addr, r->pfx, sizeof(r->pfx));
	((__be32 *)addr)[3] = htonl(v);
}

static bool pool_range_has(const struct sxf_nat_range *r, u8 family, const void *a)
{
	u32 h;

	if (r->family != family)
		return false;
	if (family == AF_INET) {
		h = ntohl(*(const __be32 *)a);
	} else {
		if (memcmp(a, r->pfx, sizeof(r->pfx)))
			return false;
		h = ntohl(((const __be32 *)a)[3]);
	}
	return h >= r->lo && h <= r->hi;
}

/*
 * The number (0..naddrs-1) of address a in pool p, as pool_addr() counts
 * them: false when a is not one of p's.
 */
static bool pool_addr_index(const struct sxf_nat_pool *p, u8 family, const void *a, u32 *idx)
{
	u32 i, base = 0;

	for (i = 0; i < p->n; i++) {
		const struct sxf_nat_range *r = &p->r[i];

		if (pool_range_has(r, family, a)) {
			*idx = base + ntohl(((const __be32 *)a)[family == AF_INET ? 0 : 3]) - r->lo;
			return true;
		}
		base += r->hi - r->lo + 1;
	}
	return false;
}

/* address number idx (0..naddrs-1) of a pool into addr */
static void pool_addr(const struct sxf_nat_pool *p, u32 idx, u16 *port, void *addr)
{
	u32 i;

	for (i = 0; i < p->n; i++) {
		u32 size = p->r[i].hi - p->r[i].lo + 1;

		if (idx < size) {
			if (port)
				*port = p->r[i].port;
			sxf_nat_range_addr(&p->r[i], p->r[i].lo + idx, addr);
			return;
		}
		idx -= size;
	}
	sxf_nat_range_addr(&p->r[0], p->r[0].lo, addr);
}

/* bits of a prefix byte i (0..8) */
static u8 pfx_mask(u8 plen, unsigned int i)
{
	unsigned int bits = plen > i * 8 ? min_t(unsigned int, plen - i * 8, 8) : 0;

	return bits ? 0xff << (8 - bits) : 0;
}

/* addr (network order, of to's family) gets the prefix bits of to */
static void prefix_map(void *addr, const struct srxflow_prefix *to)
{
	unsigned int i, len = to->family == AF_INET ? 4 : 16;
	u8 *a = addr;

	for (i = 0; i < len; i++)
		a[i] = (to->addr[i] & pfx_mask(to->plen, i)) | (a[i] & ~pfx_mask(to->plen, i));
}

static bool prefix_has(const void *addr, const struct srxflow_prefix *q)
{
	unsigned int i, len = q->family == AF_INET ? 4 : 16;
	const u8 *a = addr;

	for (i = 0; i < len; i++)
		if ((a[i] ^ q->addr[i]) & pfx_mask(q->plen, i))
			return false;
	return true;
}

static u32 addr_hash(const struct sxf_tuple *t)
{
	return t->family == AF_INET ? jhash_1word((__force u32)t->src.v4, 0) :
	       jhash2((const u32 *)t->src.v6.s6_addr32, 4, 0);
}

/* the interface address for source NAT toward t's destination (0 or -EADDRNOTAVAIL) */
static int if_addr(const struct net_device *out, const struct sxf_tuple *t, void *addr)
{
	if (t->family == AF_INET) {
		__be32 a = inet_select_addr(out, 0, RT_SCOPE_UNIVERSE);

		*(__be32 *)addr = a;
		return a ? 0 : -EADDRNOTAVAIL;
	}
	if (ipv6_dev_get_saddr(dev_net(out), out, &t->dst.v6, 0, addr) ||
	    ipv6_addr_type(addr) & IPV6_ADDR_LINKLOCAL)
		return -EADDRNOTAVAIL;
	return 0;
}

static void trace_xlate(struct sxf_ctx *c, const char *stage, const struct sxf_nat_rule *r,
			u8 family, const void *a, __be16 pa, const void *b, __be16 pb)
{
	char sa[48], sb[48];

	SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_%s: %s NAT rule %s (rule-set %s): %s/%u -> %s/%u",
		  stage, kind_word[r->rs->kind], r->o.name, r->rs->o.name, sxf_ntop(family, a, sa),
		  ntohs(pa), sxf_ntop(family, b, sb), ntohs(pb));
}

/*
 * The rule maps the destination port, and the packet's ports cannot be
 * translated (SCTP: its CRC32c covers them): forwarded to the translated
 * address on the original port, it would reach a port the mapping hides
 */
static int untranslatable(struct sxf_ctx *c, const struct sxf_nat_rule *r)
{
	SXF_TRACE(c, SXF_T_DATAPATH,
		  "flow_first_dst_xlate: %s NAT rule %s (rule-set %s) maps the port: protocol %u has ports srxflow does not translate",
		  kind_word[r->rs->kind], r->o.name, r->rs->o.name, c->pkt.proto);
	return -EPROTONOSUPPORT;
}

/*
 * static NAT, then destination NAT: n->xt is the packet's tuple.
 * -EPROTONOSUPPORT: a rule matched whose port mapping cannot be applied
 * (the packet is dropped).
 */
int sxf_nat_dst(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_nat_fp *n)
{
	struct nat_side from = { c->ifent->zone, c->ifent->zif, c->vrf };
	const struct sxf_nat_ruleset *rs;
	const struct sxf_nat_rule *r;
	struct sxf_tuple *t = &n->xt;
	struct in6_addr old = t->dst.v6;
	__be16 oldp = t->dport;

	if (!c->cfg->nat)
		return 0;
	if (static_branch_unlikely(&sxf_trace_key) && (c->trace & SXF_T_DATAPATH)) {
		const char *in = sxf_dev_label(c->cfg, c->in);
		char a[48];

		/* the device's two lines before the destination NAT lookup */
		sxf_trace_line(c->sn, "  flow_first_in_dst_nat: in <%s>, out <N/A> dst_adr %s, sp %u, dp %u",
			       in, sxf_ntop(t->family, &t->dst, a), ntohs(t->sport), ntohs(t->dport));
		sxf_trace_line(c->sn, "  chose interface %s as incoming nat if.", in);
	}
	rs = rs_select(c->cfg->nat, c->state->net, SRXFLOW_NAT_STATIC, &from, NULL);
	r = rs ? rule_first(rs, t) : NULL;
	if (r) {
		if (r->mapped_port && has_ports(t->proto) && !xlate_ports(t->proto))
			return untranslatable(c, r);
		prefix_map(&t->dst, &r->prefix);
		if (r->mapped_port && xlate_ports(t->proto))
			t->dport = htons(r->mapped_port);
		n->dnat = r;
		n->sflags |= SXF_SF_DNAT;
		trace_xlate(c, "static_xlate", r, t->family, &old, oldp, &t->dst, t->dport);
		return 0;
	}
	rs = rs_select(c->cfg->nat, c->state->net, SRXFLOW_NAT_DESTINATION, &from, NULL);
	r = rs ? rule_first(rs, t) : NULL;
	if (!r) {
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_dst_xlate: no destination NAT rule matched");
		return 0;
	}
	if (r->action == SRXFLOW_NAT_ACT_OFF) {
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_dst_xlate: destination NAT rule %s (rule-set %s): off",
			  r->o.name, rs->o.name);
		n->dnat = r;
		return 0;
	}
	{
		const struct sxf_nat_pool *p = r->pool;
		u32 idx = p->naddrs > 1 ? addr_hash(t) % (u32)p->naddrs : 0;
		u16 port = 0;

		pool_addr(p, idx, &port, &t->dst);
		if (port && has_ports(t->proto) && !xlate_ports(t->proto))
			return untranslatable(c, r);
		if (port && xlate_ports(t->proto))
			t->dport = htons(port);
		/* the pool's addresses are in its routing-instance: route there */
		if (p->ri_set) {
			n->ri = true;
			n->ri_vrf = sxf_nat_ri_vrf(c->state->net, p->ri);
		}
	}
	n->dnat = r;
	n->sflags |= SXF_SF_DNAT | SXF_SF_DNAT_POOL;
	if (static_branch_unlikely(&sxf_trace_key) && (c->trace & SXF_T_DATAPATH)) {
		char a[48], b[48];

		sxf_trace_line(c->sn, "flow_first_rule_dst_xlate: DST xlate: %s(%u) to %s(%u), rule/pool id %u/%u.",
			       sxf_ntop(t->family, &old, a), ntohs(oldp), sxf_ntop(t->family, &t->dst, b),
			       ntohs(t->dport), r->id, r->pool->id);
	}
	trace_xlate(c, "dst_xlate", r, t->family, &old, oldp, &t->dst, t->dport);
	return 0;
}

/*
 * The reply wing's translated port: its destination port.  For an ICMP
 * query that is the identifier too (packet.c: the request carries id/seq,
 * the reply seq/id).
 */
static void rt_set_port(struct sxf_tuple *rt, __be16 port)
{
	rt->dport = port;
}

/* reverse static: from the mapped host, toward the rule-set's from context */
static const struct sxf_nat_rule *reverse_static(const struct sxf_nat_cfg *nc, struct net *net,
						 const struct nat_side *to,
						 const struct sxf_tuple *t)
{
	const struct sxf_nat_ruleset *rs;
	const struct sxf_nat_rule *r;
	u32 i, k;

	for (i = 0; i < nc->n_rs[SRXFLOW_NAT_STATIC]; i++) {
		rs = nc->rs[SRXFLOW_NAT_STATIC][i];
		if (!ctx_match(net, rs, false, to->zone, to->zif, to->vrf))
			continue;
		for (k = 0; k < rs->n_rules; k++) {
			r = &rs->rules[k];
			if (r->family != t->family || !prefix_has(&t->src, &r->prefix))
				continue;
			if (r->mapped_port && (!xlate_ports(t->proto) ||
					       ntohs(t->sport) != r->mapped_port))
				continue;
			return r;
		}
	}
	return NULL;
}

/*
 * Reverse static NAT, then source NAT: rt is the reply wing (replies from
 * the destination to the initiator); its destination becomes the
 * translated source.  out: the egress device, to its zone.
 */
int sxf_nat_src(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_nat_fp *n,
		u16 to_zone, const struct net_device *out, struct sxf_tuple *rt)
{
	const struct sxf_nat_cfg *nc = c->cfg->nat;
	const struct sxf_tuple *t = &n->xt;
	const struct sxf_nat_ruleset *rs;
	const struct sxf_nat_rule *r;
	const struct sxf_ifent *oe;
	struct nat_side from, to;

	if (!nc)
		return 0;
	oe = sxf_ifmap_lookup(c->ifmap, out->ifindex);
	from = (struct nat_side) { c->ifent->zone, c->ifent->zif, c->vrf };
	to = (struct nat_side) { to_zone, oe ? oe->zif : NULL, sxf_dev_vrf(out) };
	r = reverse_static(nc, c->state->net, &to, t);
	if (r) {
		prefix_map(&rt->dst, &r->match_dst);
		if (r->mapped_port)
			rt->dport = htons(r->dport[0] >> 16);
		n->snat = r;
		n->sflags |= SXF_SF_SNAT;
		trace_xlate(c, "static_xlate", r, t->family, &t->src, t->sport, &rt->dst, rt->dport);
		return 0;
	}
	rs = rs_select(nc, c->state->net, SRXFLOW_NAT_SOURCE, &from, &to);
	r = rs ? rule_first(rs, t) : NULL;
	if (!r) {
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_src_xlate: no source NAT rule matched");
		return 0;
	}
	n->snat = r;
	if (r->action == SRXFLOW_NAT_ACT_OFF) {
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_src_xlate: source NAT rule %s (rule-set %s): off",
			  r->o.name, rs->o.name);
		return 0;
	}
	n->ports = xlate_ports(t->proto) ||
		   ((t->proto == IPPROTO_ICMP || t->proto == IPPROTO_ICMPV6) && c->pkt.icmp_query);
	n->l4ports = n->ports;
	n->out = out;
	n->claim = true;
	n->sflags |= SXF_SF_SNAT;
	if (r->action == SRXFLOW_NAT_ACT_INTERFACE) {
		if (if_addr(out, t, &rt->dst))
			return -EADDRNOTAVAIL;
		n->sflags |= SXF_SF_SNAT_IF;
		if (unlikely(!READ_ONCE(c->sn->snat_if_used)))
			WRITE_ONCE(c->sn->snat_if_used, true);
		n->pool = NULL;
		n->port_lo = 1024;
		n->port_hi = 65535;
	} else {
		const struct sxf_nat_pool *p = r->pool;

		/* a pool of a routing-instance serves traffic leaving in it */
		if (p->ri_set && sxf_nat_ri_vrf(c->state->net, p->ri) != sxf_dev_vrf(out)) {
			SXF_TRACE(c, SXF_T_DATAPATH,
				  "flow_first_src_xlate: source NAT rule %s: pool %s is of routing-instance %s, the traffic leaves in another",
				  r->o.name, p->o.name, p->ri[0] ? p->ri : "default");
			return -ENETUNREACH;
		}
		n->pool = p;
		n->sflags |= SXF_SF_SNAT_POOL;
		/* (its overflow may be the interface's address) */
		if (unlikely(p->overflow_if && !READ_ONCE(c->sn->snat_if_used)))
			WRITE_ONCE(c->sn->snat_if_used, true);
		/*
		 * address-persistent: the host's address by a hash of it, and no
		 * other when that one is full; else any address (a random start)
		 */
		n->persistent = nc->address_persistent;
		if (p->naddrs <= 1) {
			n->addr_idx = 0;
		} else if (n->follow && pool_addr_index(p, t->family, n->follow, &n->addr_idx)) {
			/*
			 * An ALG data session from the control session's
			 * client: the control session's address (an FTP server
			 * takes a data connection from another address for an
			 * attack, vsftpd's "Bad IP connecting"), and no other
			 */
			n->persistent = true;
			SXF_TRACE(c, SXF_T_DATAPATH,
				  "flow_first_src_xlate: ALG data session: the address of its control session");
		} else if (n->persistent) {
			n->addr_idx = addr_hash(t) % (u32)p->naddrs;
		} else {
			n->addr_idx = get_random_u32_below((u32)p->naddrs);
		}
		pool_addr(p, n->addr_idx, NULL, &rt->dst);
		if (p->no_pat)
			n->ports = false;
		n->port_lo = p->port_lo;
		n->port_hi = p->port_hi;
	}
	if (n->ports) {
		u32 range = n->port_hi - n->port_lo + 1;

		n->port = n->port_lo + get_random_u32_below(range);
		rt_set_port(rt, htons(n->port));
	}
	return 0;
}

/*
 * The pool is exhausted: its overflow-pool (any address of it, PAT as that
 * pool says) or the egress interface's address with PAT.  Once per
 * session; s is not linked yet (its flags are still ours).
 */
static bool nat_overflow(struct sxf_session *s, struct sxf_nat_fp *n)
{
	const struct sxf_nat_pool *p = n->pool;
	struct sxf_tuple *rt = &s->w[1].t;

	if (!p || n->first || (!p->ovf && !p->overflow_if))
		return false;
	n->first = p;
	n->persistent = false;
	n->tries = 0;
	n->addr_tries = 0;
	n->port_tries = 0;
	if (p->ovf) {
		n->pool = p->ovf;
		n->addr_idx = n->pool->naddrs > 1 ? get_random_u32_below((u32)n->pool->naddrs) : 0;
		pool_addr(n->pool, n->addr_idx, NULL, &rt->dst);
		n->ports = n->l4ports && !n->pool->no_pat;
		n->port_lo = n->pool->port_lo;
		n->port_hi = n->pool->port_hi;
	} else {
		/* the destination after static/destination NAT picks the address */
		if (if_addr(n->out, &n->xt, &rt->dst))
			return false;
		n->pool = NULL;
		n->ports = n->l4ports;
		n->port_lo = 1024;
		n->port_hi = 65535;
		/* the address is no pool's: it lives as long as the interface has it */
		s->flags = (s->flags & ~SXF_SF_SNAT_POOL) | SXF_SF_SNAT_IF;
	}
	sxf_nat_pool_attach(s, n->pool);	/* the pool it counts on */
	if (n->ports) {
		n->port = n->port_lo + get_random_u32_below(n->port_hi - n->port_lo + 1);
		rt_set_port(rt, htons(n->port));
	} else {
		rt->dport = s->w[0].t.sport;
	}
	return true;
}

/* The next tuple to try for the reply wing; false when none is left. */
static bool nat_next(struct sxf_session *s, void *arg)
{
	struct sxf_nat_fp *n = arg;
	struct sxf_tuple *rt = &s->w[1].t;
	u32 range = n->port_hi - n->port_lo + 1;

	/* (bounded: a pool of many addresses goes to its overflow too) */
	if (++n->tries >= SXF_NAT_MAX_TRIES)
		return nat_overflow(s, n);
	if (n->ports && ++n->port_tries < min_t(u32, range, SXF_NAT_PORT_TRIES)) {
		n->port = n->port == n->port_hi ? n->port_lo : n->port + 1;
		rt_set_port(rt, htons(n->port));
		return true;
	}
	/* this address is full: the next one of the pool, or the overflow */
	if (!n->pool || n->persistent || ++n->addr_tries >= n->pool->naddrs)
		return nat_overflow(s, n);
	n->addr_idx = (n->addr_idx + 1) % (u32)n->pool->naddrs;
	pool_addr(n->pool, n->addr_idx, NULL, &rt->dst);
	n->port_tries = 0;
	if (n->ports) {
		n->port = n->port_lo + get_random_u32_below(range);
		rt_set_port(rt, htons(n->port));
	}
	return true;
}

/*
 * A translated session that claims nothing (destination or static NAT):
 * its reply tuple may be another session's -- two public addresses of one
 * server, reached by one client from one source port (a fixed port: SIP,
 * NTP; or one an ephemeral allocator gave twice).  As nf_nat's
 * get_unique_tuple() does it for a null binding, the session then takes
 * another source port, of the same class (below 512, 600-1023, above):
 * a translation of the source port alone.  s is not linked yet.
 */
static bool clash_next(struct sxf_session *s, void *arg)
{
	struct sxf_nat_fp *n = arg;
	struct sxf_tuple *rt = &s->w[1].t;

	if (n->tries >= SXF_NAT_PORT_TRIES)
		return false;
	if (!n->tries) {
		u16 orig = ntohs(s->w[0].t.sport);

		if (orig >= 1024) {
			n->port_lo = 1024;
			n->port_hi = 65535;
		} else if (orig >= 512) {
			n->port_lo = 600;
			n->port_hi = 1023;
		} else {
			n->port_lo = 1;
			n->port_hi = 511;
		}
		n->port = n->port_lo + get_random_u32_below(n->port_hi - n->port_lo + 1);
		s->flags |= SXF_SF_SNAT;
	} else {
		n->port = n->port == n->port_hi ? n->port_lo : n->port + 1;
	}
	n->tries++;
	rt_set_port(rt, htons(n->port));
	return true;
}

/* rule r and pool p (the one that translated, or failed to) */
static void count(const struct sxf_nat_rule *r, const struct sxf_nat_pool *p, bool failed)
{
	struct sxf_nat_ctr *rc = READ_ONCE(r->ctr);
	struct sxf_nat_ctr *pc = p ? READ_ONCE(p->ctr) : NULL;

	if (rc) {
		if (failed)
			atomic64_inc(&rc->failed);
		else
			this_cpu_inc(*rc->hits);
	}
	if (pc) {
		if (failed)
			atomic64_inc(&pc->failed);
		else
			this_cpu_inc(*pc->hits);
	}
}

/*
 * Link s (consumed on failure).  0; -EEXIST: a wing 0 race lost (look the
 * packet up again); -EADDRNOTAVAIL: no free tuple (pool exhausted);
 * -EADDRINUSE: a session without source NAT found no free source port
 * for its reply tuple.
 */
int sxf_nat_install(struct sxf_ctx *c, struct sxf_nat_fp *n, struct sxf_session *s)
{
	int err;

	if (n->claim) {
		sxf_nat_pool_attach(s, n->pool);
		err = sxf_session_insert_nat(c->sn, s, nat_next, n);
	} else if (xlate_ports(s->w[0].t.proto)) {
		/* (the reply tuple as it is first, then clash_next()'s) */
		n->tries = 0;
		err = sxf_session_insert_nat(c->sn, s, clash_next, n);
		if (err == -EADDRNOTAVAIL)
			return -EADDRINUSE;
		if (!err && n->tries) {
			char b[48];

			SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
				  "flow_first_install: reply tuple in use: source %s/%u leaves as %s/%u",
				  sxf_ntop(s->w[0].t.family, &s->w[0].t.src, b),
				  ntohs(s->w[0].t.sport), b, ntohs(s->w[1].t.dport));
		}
	} else {
		err = sxf_session_insert(c->sn, s);
	}
	if (err == -EADDRNOTAVAIL) {
		count(n->snat, n->snat->pool, true);
		return err;
	}
	if (err)
		return err;
	if (n->dnat && n->dnat->action != SRXFLOW_NAT_ACT_OFF)
		count(n->dnat, n->dnat->pool, false);
	if (n->snat && n->snat->action != SRXFLOW_NAT_ACT_OFF)
		count(n->snat, n->first ? n->pool : n->snat->pool, false);
	if (n->first) {
		struct sxf_nat_ctr *fc = READ_ONCE(n->first->ctr);

		if (fc)
			atomic64_inc(&fc->overflowed);
	}
	return 0;
}

static bool in_pools(const struct sxf_nat_cfg *n, u8 kind, u8 family, const void *a)
{
	u32 i, k;

	for (i = 0; i < n->n_pools[kind]; i++)
		for (k = 0; k < n->pools[kind][i]->n; k++)
			if (pool_range_has(&n->pools[kind][i]->r[k], family, a))
				return true;
	return false;
}

/* After a commit: a session translated by a pool that is gone ends. */
bool sxf_nat_session_valid(const struct sxf_cfg *cfg, const struct sxf_session *s)
{
	u32 flags = READ_ONCE(s->flags);
	const struct sxf_nat_cfg *n = cfg->nat;

	if (!(flags & (SXF_SF_SNAT_POOL | SXF_SF_DNAT_POOL)))
		return true;
	if (!n)
		return false;
	if ((flags & SXF_SF_SNAT_POOL) &&
	    !in_pools(n, SRXFLOW_NAT_SOURCE, s->w[1].t.family, &s->w[1].t.dst))
		return false;
	if ((flags & SXF_SF_DNAT_POOL) &&
	    !in_pools(n, SRXFLOW_NAT_DESTINATION, s->w[1].t.family, &s->w[1].t.src))
		return false;
	return true;
}

/* the side of a wing: its arrival interface's zone and interface, its VRF */
static void wing_side(const struct sxf_cfg *cfg, struct net *net, const struct sxf_wing *w,
		      struct nat_side *side)
{
	const struct sxf_ifent *e;
	struct net_device *dev;

	memset(side, 0, sizeof(*side));
	dev = w->ifindex ? dev_get_by_index_rcu(net, w->ifindex) : NULL;
	if (!dev)
		return;
	e = sxf_ifmap_lookup(rcu_dereference(cfg->ifmap), dev->ifindex);
	if (e) {
		side->zone = e->zone;
		side->zif = e->zif;
	}
	side->vrf = sxf_dev_vrf(dev);
}

/*
 * The rules of the running configuration that translate session s, for its
 * log events (RT_FLOW src-nat-rule-name, dst-nat-rule-name): the first
 * path's selection again, on the session's tuples and its wings'
 * interfaces.  RCU held.
 */
void sxf_nat_session_rules(const struct sxf_cfg *cfg, struct net *net,
			   const struct sxf_session *s, struct sxf_slog *ev)
{
	const struct sxf_nat_cfg *nc = cfg->nat;
	const struct sxf_nat_ruleset *rs;
	const struct sxf_nat_rule *r;
	struct nat_side from, to;
	struct sxf_tuple xt = s->w[0].t;
	u32 flags = READ_ONCE(s->flags);

	if (!nc)
		return;
	wing_side(cfg, net, &s->w[0], &from);
	wing_side(cfg, net, &s->w[1], &to);
	if (flags & SXF_SF_DNAT) {
		rs = rs_select(nc, net, SRXFLOW_NAT_STATIC, &from, NULL);
		r = rs ? rule_first(rs, &xt) : NULL;
		if (r) {
			ev->dnat_type = "static rule";
		} else {
			rs = rs_select(nc, net, SRXFLOW_NAT_DESTINATION, &from, NULL);
			r = rs ? rule_first(rs, &xt) : NULL;
			ev->dnat_type = "destination rule";
		}
		if (r && r->action != SRXFLOW_NAT_ACT_OFF)
			ev->dnat_rule = r->o.name;
		/* source NAT rules see the translated destination */
		xt.dst = s->w[1].t.src;
		xt.dport = s->w[1].t.sport;
	}
	if (flags & SXF_SF_SNAT) {
		r = reverse_static(nc, net, &to, &xt);
		if (r) {
			ev->snat_type = "static rule";
		} else {
			rs = rs_select(nc, net, SRXFLOW_NAT_SOURCE, &from, &to);
			r = rs ? rule_first(rs, &xt) : NULL;
			ev->snat_type = "source rule";
		}
		if (r && r->action != SRXFLOW_NAT_ACT_OFF)
			ev->snat_rule = r->o.name;
	}
}
