// SPDX-License-Identifier: GPL-2.0
/*
 * security nat proxy-arp|proxy-ndp interface IF address A[/len] [to B]
 * (reference junos-nat-screens-alg.md sections 1.4 and 9.7).
 *
 * The router answers ARP requests (IPv4) and neighbour solicitations
 * (IPv6) for the configured addresses, on the named interface only, and
 * announces the addresses a commit adds with a gratuitous ARP request or
 * an unsolicited neighbour advertisement.  Linux's own proxy entries (ip
 * neigh add proxy) do not serve: pneigh stays silent when the route to
 * the address points back out of the interface the request came in on,
 * which is the usual case of a pool address on the egress subnet.
 *
 * Configuration: one object per (family, interface) in the immutable
 * generation (name table kind SXF_OBJ_NAT_PROXY, scope = family), listed
 * in cfg->nat->proxy[].  An entry holds at most SRXFLOW_NAT_PROXY_SIZE_MAX
 * addresses, an interface at most SRXFLOW_NAT_PROXY_ADDRS_MAX entries; a
 * commit announces at most SXF_PROXY_ANNOUNCE_MAX new addresses.
 *
 * Packets: an NF_ARP_IN hook and an IPv6 PRE_ROUTING hook, registered in a
 * namespace by the first commit with a proxy entry and removed with the
 * namespace (or module).  They run in softirq under RCU, read the running
 * generation, and always let the request through (the kernel learns the
 * sender as usual); the answer is built and sent from the hook.  Nothing
 * is answered for an address the router owns (the kernel does), nor for
 * duplicate address detection probes (sender 0.0.0.0 or ::).
 *
 * Counters (requests answered, announcements) live in refcounted objects
 * handed by a commit from an entry to the entry of the same family and
 * interface in the new generation (as the NAT rule counters).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_arp.h>
#include <linux/netfilter_ipv6.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/genetlink.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>
#include <net/route.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "nat.h"

#define SXF_PROXY_ANNOUNCE_MAX	256	/* announcements per commit */

static const struct nla_policy sxf_paddr_policy[SRXFLOW_A_NADDR_MAX + 1] = {
	[SRXFLOW_A_NADDR_LO]	= NLA_POLICY_EXACT_LEN(sizeof(struct srxflow_prefix)),
	[SRXFLOW_A_NADDR_HI]	= NLA_POLICY_EXACT_LEN(sizeof(struct srxflow_prefix)),
};

const struct nla_policy sxf_nproxy_policy[SRXFLOW_A_NPROXY_MAX + 1] = {
	[SRXFLOW_A_NPROXY_INTERFACE]	= { .type = NLA_NUL_STRING, .len = SRXFLOW_NAME_MAX - 1 },
	[SRXFLOW_A_NPROXY_ADDRESS]	= NLA_POLICY_NESTED(sxf_paddr_policy),
};

/* --- configuration ------------------------------------------------------------------ */
static u8 alen(u8 family)
{
	return family == AF_INET ? 4 : 16;
}

/* b - a + 1 for a <= b (addresses in network order), saturated at U64_MAX */
static u64 range_size(const u8 *a, const u8 *b, u8 len)
{
	u64 hi_a = 0, hi_b = 0, lo_a = 0, lo_b = 0, d;
	u8 i;

	for (i = 0; i < len; i++) {
		if (len == 16 && i < 8) {
			hi_a = hi_a << 8 | a[i];
			hi_b = hi_b << 8 | b[i];
		} else {
			lo_a = lo_a << 8 | a[i];
			lo_b = lo_b << 8 | b[i];
		}
	}
	if (hi_b != hi_a && (hi_b - hi_a > 1 || lo_b >= lo_a))
		return U64_MAX;
	d = lo_b - lo_a;		/* modulo 2^64: right when hi_b == hi_a + 1 */
	return d == U64_MAX ? U64_MAX : d + 1;
}

/* A[/len] [to B] into [lo, hi] */
static int proxy_range(const struct nlattr *a, struct sxf_proxy_range *r, u8 family,
		       const char *ctx, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_NADDR_MAX + 1];
	const struct srxflow_prefix *lo, *hi;
	u8 n = alen(family), i;
	u64 size;
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_NADDR_MAX, a, sxf_paddr_policy, extack);
	if (err)
		return err;
	if (!tb[SRXFLOW_A_NADDR_LO])
		return sxf_err(extack, a, "%s address: missing address", ctx);
	lo = nla_data(tb[SRXFLOW_A_NADDR_LO]);
	if (lo->family != family || !sxf_prefix_valid(lo))
		return sxf_err(extack, a, "%s address: %s address expected", ctx,
			       family == AF_INET ? "an IPv4" : "an IPv6");
	if (tb[SRXFLOW_A_NADDR_HI]) {
		hi = nla_data(tb[SRXFLOW_A_NADDR_HI]);
		if (hi->family != family)
			return sxf_err(extack, a, "%s address ... to: both ends of one family", ctx);
		if (lo->plen != n * 8)
			return sxf_err(extack, a, "%s address: a range takes single addresses", ctx);
		memcpy(r->lo, lo->addr, n);
		memcpy(r->hi, hi->addr, n);
		if (memcmp(r->lo, r->hi, n) > 0)
			return sxf_err(extack, a, "%s address: the range is empty", ctx);
	} else {
		for (i = 0; i < n; i++) {
			u8 bits = lo->plen > i * 8 ? min_t(u8, lo->plen - i * 8, 8) : 0;
			u8 mask = bits ? 0xff << (8 - bits) : 0;

			r->lo[i] = lo->addr[i] & mask;
			r->hi[i] = lo->addr[i] | ~mask;
		}
	}
	size = range_size(r->lo, r->hi, n);
	if (size > SRXFLOW_NAT_PROXY_SIZE_MAX) {
		if (size == U64_MAX)
			return sxf_err(extack, a, "%s address: range over the limit of %u addresses",
				       ctx, SRXFLOW_NAT_PROXY_SIZE_MAX);
		return sxf_err(extack, a, "%s address: range of %llu addresses is over the limit of %u",
			       ctx, size, SRXFLOW_NAT_PROXY_SIZE_MAX);
	}
	r->size = size;
	return 0;
}

static bool ranges_overlap(const struct sxf_proxy_range *a, const struct sxf_proxy_range *b,
			   u8 n)
{
	return memcmp(a->lo, b->hi, n) <= 0 && memcmp(b->lo, a->hi, n) <= 0;
}

static int add_proxy(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		     u8 family, struct netlink_ext_ack *extack)
{
	const char *word = family == AF_INET ? "proxy-arp" : "proxy-ndp";
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_nat_cfg *n = sxf_nat_cfg_of(cfg);
	struct sxf_nat_proxy *p;
	struct sxf_obj *zo;
	struct nlattr *a;
	u8 k = family == AF_INET ? 0 : 1;
	int rem, err;
	u32 j;

	if (!n)
		return -ENOMEM;
	/* (a kernel without arptables and nft arp has no NF_ARP hook to answer from) */
	if (family == AF_INET && !IS_ENABLED(CONFIG_NETFILTER_FAMILY_ARP))
		return sxf_err(extack, obj,
			       "security nat proxy-arp: not supported by this kernel (CONFIG_NETFILTER_FAMILY_ARP is not set)");
	p = sxf_cfg_zalloc(cfg, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->o.kind = SXF_OBJ_NAT_PROXY;
	p->o.scope = family;
	p->family = family;
	snprintf(ctx, sizeof(ctx), "security nat %s interface", word);
	err = sxf_cfg_get_name(tb[SRXFLOW_A_NPROXY_INTERFACE], p->o.name, ctx, extack, obj);
	if (err)
		goto err;
	snprintf(ctx, sizeof(ctx), "security nat %s interface %s", word, p->o.name);
	if (sxf_names_find(&cfg->names, SXF_OBJ_NAT_PROXY, family, p->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_NPROXY_INTERFACE], "%s: defined twice", ctx);
		goto err;
	}
	zo = sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, p->o.name);
	if (!zo) {
		err = sxf_err(extack, tb[SRXFLOW_A_NPROXY_INTERFACE],
			      "%s: interface is in no zone", ctx);
		goto err;
	}
	p->zif = container_of(zo, struct sxf_zone_if, o);
	nla_for_each_nested(a, obj, rem) {
		if (nla_type(a) != SRXFLOW_A_NPROXY_ADDRESS)
			continue;
		if (p->n >= SRXFLOW_NAT_PROXY_ADDRS_MAX) {
			err = sxf_err(extack, a, "%s: more than %u address entries", ctx,
				      SRXFLOW_NAT_PROXY_ADDRS_MAX);
			goto err;
		}
		err = proxy_range(a, &p->r[p->n], family, ctx, extack);
		if (err)
			goto err;
		for (j = 0; j < p->n; j++)
			if (ranges_overlap(&p->r[j], &p->r[p->n], alen(family))) {
				err = sxf_err(extack, a, "%s: address entries overlap", ctx);
				goto err;
			}
		p->n++;
	}
	if (!p->n) {
		err = sxf_err(extack, obj, "%s: needs an address", ctx);
		goto err;
	}
	err = sxf_grow_ptrs((void ***)&n->proxy[k], n->n_proxy[k], &n->cap_proxy[k]);
	if (err)
		goto err;
	err = sxf_names_add(&cfg->names, &p->o);
	if (err)
		goto err;
	n->proxy[k][n->n_proxy[k]++] = p;
	return sxf_cfg_keep_blob(cfg, family == AF_INET ? SRXFLOW_A_CFG_NAT_PROXY_ARP :
				 SRXFLOW_A_CFG_NAT_PROXY_NDP, obj, p);
err:
	kfree(p);
	return err;
}

int sxf_add_nat_proxy_arp(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			  struct netlink_ext_ack *extack)
{
	return add_proxy(cfg, obj, tb, AF_INET, extack);
}

int sxf_add_nat_proxy_ndp(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			  struct netlink_ext_ack *extack)
{
	return add_proxy(cfg, obj, tb, AF_INET6, extack);
}

static void pctr_put(struct sxf_proxy_ctr *c)
{
	if (c && refcount_dec_and_test(&c->ref))
		kfree(c);
}

void sxf_free_nat_proxy(struct sxf_obj *o)
{
	struct sxf_nat_proxy *p = container_of(o, struct sxf_nat_proxy, o);

	pctr_put(p->ctr);
	kfree(p);
}

u32 sxf_nat_proxy_count(const struct sxf_cfg *cfg)
{
	const struct sxf_nat_cfg *n = cfg->nat;

	return n ? n->n_proxy[0] + n->n_proxy[1] : 0;
}

/* At commit (RTNL): the counters of the entry of the same family and interface. */
int sxf_nat_proxy_commit(struct sxf_cfg *cfg, const struct sxf_cfg *old)
{
	struct sxf_nat_cfg *n = cfg->nat;
	u32 k, i;

	if (!n)
		return 0;
	for (k = 0; k < 2; k++)
		for (i = 0; i < n->n_proxy[k]; i++) {
			struct sxf_nat_proxy *p = n->proxy[k][i];
			struct sxf_obj *o = old && old->nat ?
				sxf_names_find(&old->names, SXF_OBJ_NAT_PROXY, p->family,
					       p->o.name) : NULL;
			struct sxf_proxy_ctr *c = o ? container_of(o, struct sxf_nat_proxy, o)->ctr :
						  NULL;

			if (p->ctr)
				continue;
			if (c) {
				refcount_inc(&c->ref);
			} else {
				c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
				if (!c)
					return -ENOMEM;
				refcount_set(&c->ref, 1);
			}
			p->ctr = c;
		}
	return 0;
}

/* --- answering ---------------------------------------------------------------------- */
/* The entry of the arrival interface covering addr, under RCU. */
static struct sxf_nat_proxy *proxy_find(const struct sxf_cfg *cfg, const struct net_device *dev,
					u8 family, const u8 *addr)
{
	const struct sxf_nat_cfg *n = cfg->nat;
	const struct sxf_ifent *e;
	u8 k = family == AF_INET ? 0 : 1, len = alen(family);
	u32 i, j;

	if (!n || !n->n_proxy[k])
		return NULL;
	e = sxf_ifmap_lookup(rcu_dereference(cfg->ifmap), dev->ifindex);
	if (!e || !e->zif)
		return NULL;
	for (i = 0; i < n->n_proxy[k]; i++) {
		struct sxf_nat_proxy *p = n->proxy[k][i];

		if (p->zif != e->zif)
			continue;
		for (j = 0; j < p->n; j++)
			if (memcmp(addr, p->r[j].lo, len) >= 0 && memcmp(addr, p->r[j].hi, len) <= 0)
				return p;
		return NULL;
	}
	return NULL;
}

static const struct sxf_cfg *running(const struct nf_hook_state *state)
{
	return rcu_dereference(sxf_pernet(state->net)->cfg);
}

static unsigned int __maybe_unused sxf_proxy_arp_in(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	struct net_device *dev = state->in;
	const struct sxf_cfg *cfg = running(state);
	struct sxf_nat_proxy *p;
	const struct arphdr *arp;
	const u8 *ptr, *sha;
	__be32 sip, tip;

	if (!cfg || !cfg->nat || !cfg->nat->n_proxy[0] || !dev || dev->type != ARPHRD_ETHER ||
	    !pskb_may_pull(skb, arp_hdr_len(dev)))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) || arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != dev->addr_len || arp->ar_pln != 4 ||
	    arp->ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;
	ptr = (const u8 *)(arp + 1);
	sha = ptr;
	memcpy(&sip, ptr + dev->addr_len, 4);
	memcpy(&tip, ptr + 2 * dev->addr_len + 4, 4);
	if (!sip || sip == tip || ipv4_is_multicast(tip) || ipv4_is_lbcast(tip) ||
	    !is_valid_ether_addr(sha))
		return NF_ACCEPT;
	p = proxy_find(cfg, dev, AF_INET, (const u8 *)&tip);
	if (!p || inet_addr_type_dev_table(state->net, dev, tip) == RTN_LOCAL)
		return NF_ACCEPT;
	arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev->dev_addr, sha);
	if (p->ctr)
		atomic64_inc(&p->ctr->replies);
	return NF_ACCEPT;
}

/* A neighbour advertisement for target, sent on dev straight to dst_hw. */
static void send_na(struct net_device *dev, const struct in6_addr *target,
		    const struct in6_addr *daddr, const u8 *dst_hw, bool solicited)
{
	int hlen = LL_RESERVED_SPACE(dev), tlen = dev->needed_tailroom;
	int optlen = ndisc_opt_addr_space(dev, NDISC_NEIGHBOUR_ADVERTISEMENT);
	int len = sizeof(struct nd_msg) + optlen;
	struct ipv6hdr *ip6;
	struct nd_msg *msg;
	struct sk_buff *skb;
	u8 *opt;

	skb = alloc_skb(hlen + sizeof(*ip6) + len + tlen, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	skb_set_transport_header(skb, sizeof(*ip6));
	msg = skb_put_zero(skb, len);
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(len);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *target;
	ip6->daddr = *daddr;
	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	msg->icmph.icmp6_router = 1;
	msg->icmph.icmp6_solicited = solicited;
	/* RFC 4861 7.2.8: a proxy's solicited answer does not override */
	msg->icmph.icmp6_override = !solicited;
	msg->target = *target;
	opt = msg->opt;
	opt[0] = ND_OPT_TARGET_LL_ADDR;
	opt[1] = optlen >> 3;
	memcpy(opt + 2, dev->dev_addr, dev->addr_len);
	msg->icmph.icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len, IPPROTO_ICMPV6,
						 csum_partial(msg, len, 0));
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb->priority = TC_PRIO_CONTROL;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dst_hw, dev->dev_addr, skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	dev_queue_xmit(skb);
}

static unsigned int sxf_proxy_ndp_in(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	struct net_device *dev = state->in;
	const struct sxf_cfg *cfg = running(state);
	const struct ipv6hdr *ip6;
	const struct nd_msg *ns;
	struct sxf_nat_proxy *p;
	struct in6_addr target, saddr;
	u8 src_hw[ETH_ALEN];

	if (!cfg || !cfg->nat || !cfg->nat->n_proxy[1] || !dev || dev->type != ARPHRD_ETHER ||
	    !skb_mac_header_was_set(skb) || skb_mac_header_len(skb) < ETH_HLEN ||
	    !pskb_may_pull(skb, sizeof(*ip6) + sizeof(*ns)))
		return NF_ACCEPT;
	ip6 = ipv6_hdr(skb);
	if (ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255 ||
	    ipv6_addr_any(&ip6->saddr) || ipv6_addr_is_multicast(&ip6->saddr))
		return NF_ACCEPT;
	ns = (const struct nd_msg *)(ip6 + 1);
	if (ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION || ns->icmph.icmp6_code ||
	    ipv6_addr_is_multicast(&ns->target))
		return NF_ACCEPT;
	target = ns->target;
	saddr = ip6->saddr;
	p = proxy_find(cfg, dev, AF_INET6, target.s6_addr);
	if (!p)
		return NF_ACCEPT;
	if (nf_ip6_checksum(skb, NF_INET_PRE_ROUTING, sizeof(*ip6), IPPROTO_ICMPV6) ||
	    ipv6_chk_addr(state->net, &target, NULL, 0))
		return NF_ACCEPT;
	ether_addr_copy(src_hw, eth_hdr(skb)->h_source);
	if (!is_valid_ether_addr(src_hw))
		return NF_ACCEPT;
	send_na(dev, &target, &saddr, src_hw, true);
	if (p->ctr)
		atomic64_inc(&p->ctr->replies);
	return NF_ACCEPT;
}

static const struct nf_hook_ops sxf_proxy_ops[] = {
#if IS_ENABLED(CONFIG_NETFILTER_FAMILY_ARP)
	{
		.hook		= sxf_proxy_arp_in,
		.pf		= NFPROTO_ARP,
		.hooknum	= NF_ARP_IN,
		.priority	= 0,
	},
#endif
	{
		/* before srxflow's own PRE_ROUTING hook and defragmentation */
		.hook		= sxf_proxy_ndp_in,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP6_PRI_CONNTRACK_DEFRAG - 1,
	},
};

/* The hooks, registered by the first commit with a proxy entry (txn_lock held). */
int sxf_nat_proxy_enable(struct sxf_net *sn, const struct sxf_cfg *cfg)
{
	int err;

	if (sn->proxy_hooks || !sxf_nat_proxy_count(cfg))
		return 0;
	err = nf_register_net_hooks(sn->net, sxf_proxy_ops, ARRAY_SIZE(sxf_proxy_ops));
	if (!err)
		sn->proxy_hooks = true;
	return err;
}

void sxf_nat_proxy_unregister(struct sxf_net *sn)
{
	if (sn->proxy_hooks)
		nf_unregister_net_hooks(sn->net, sxf_proxy_ops, ARRAY_SIZE(sxf_proxy_ops));
	sn->proxy_hooks = false;
}

/* --- announcing --------------------------------------------------------------------- */
/* Was addr proxied on the same interface by the old generation? */
static bool proxied_before(const struct sxf_cfg *old, const struct sxf_nat_proxy *p,
			   const u8 *addr)
{
	const struct sxf_nat_proxy *q;
	struct sxf_obj *o;
	u8 len = alen(p->family);
	u32 j;

	if (!old || !old->nat)
		return false;
	o = sxf_names_find(&old->names, SXF_OBJ_NAT_PROXY, p->family, p->o.name);
	if (!o)
		return false;
	q = container_of(o, struct sxf_nat_proxy, o);
	if (strcmp(q->zif->dev, p->zif->dev))
		return false;
	for (j = 0; j < q->n; j++)
		if (memcmp(addr, q->r[j].lo, len) >= 0 && memcmp(addr, q->r[j].hi, len) <= 0)
			return true;
	return false;
}

static void addr_inc(u8 *a, u8 len)
{
	while (len-- && !++a[len])
		;
}

static void announce(struct net_device *dev, const struct sxf_nat_proxy *p, const u8 *addr)
{
	if (p->family == AF_INET) {
		__be32 a;

		memcpy(&a, addr, 4);
		arp_send(ARPOP_REQUEST, ETH_P_ARP, a, dev, a, NULL, dev->dev_addr, NULL);
	} else {
		struct in6_addr a, all = IN6ADDR_LINKLOCAL_ALLNODES_INIT;
		u8 hw[ETH_ALEN];

		memcpy(a.s6_addr, addr, 16);
		ipv6_eth_mc_map(&all, hw);
		local_bh_disable();
		send_na(dev, &a, &all, hw, false);
		local_bh_enable();
	}
}

/*
 * After the publication (process context, no RTNL): a gratuitous ARP
 * request (IPv4) or an unsolicited neighbour advertisement to all nodes
 * (IPv6) for each address the new generation proxies and the old one did
 * not, on an Ethernet interface that is up; at most
 * SXF_PROXY_ANNOUNCE_MAX per commit, and at most SXF_PROXY_SCAN_MAX
 * addresses looked at (the ones the old generation proxied already too:
 * a commit that changes nothing would otherwise compare every address of
 * every entry, up to 64 x 1024 per entry, under the genetlink mutex).
 * Removed addresses are not withdrawn (neither protocol can): neighbours'
 * caches age them out.
 */
#define SXF_PROXY_SCAN_MAX	65536

void sxf_nat_proxy_announce(struct sxf_net *sn, const struct sxf_cfg *cfg,
			    const struct sxf_cfg *old)
{
	const struct sxf_nat_cfg *n = cfg->nat;
	u32 budget = SXF_PROXY_ANNOUNCE_MAX, scan = SXF_PROXY_SCAN_MAX, k, i, j;

	if (!n)
		return;
	for (k = 0; k < 2; k++)
		for (i = 0; i < n->n_proxy[k] && budget && scan; i++) {
			const struct sxf_nat_proxy *p = n->proxy[k][i];
			u8 len = alen(p->family);
			struct net_device *dev;

			dev = dev_get_by_name(sn->net, p->zif->dev);
			if (!dev)
				continue;
			if (dev->type != ARPHRD_ETHER || !netif_running(dev)) {
				dev_put(dev);
				continue;
			}
			for (j = 0; j < p->n && budget && scan; j++) {
				u8 a[16];
				u32 m;

				memcpy(a, p->r[j].lo, len);
				for (m = 0; m < p->r[j].size && budget && scan;
				     m++, addr_inc(a, len)) {
					scan--;
					if (proxied_before(old, p, a))
						continue;
					announce(dev, p, a);
					budget--;
					if (p->ctr)
						atomic64_inc(&p->ctr->announced);
				}
				cond_resched();
			}
			dev_put(dev);
		}
}

/* --- NAT_GET ------------------------------------------------------------------------ */
int sxf_nat_proxy_put(struct sk_buff *skb, const struct sxf_nat_proxy *p)
{
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_NAT_PROXY), *r;
	struct srxflow_prefix pf = { .family = p->family, .plen = alen(p->family) * 8 };
	u32 j;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, SRXFLOW_A_NPROXY_INTERFACE, p->o.name) ||
	    nla_put_u8(skb, SRXFLOW_A_NPROXY_FAMILY, p->family) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_NPROXY_REPLIES,
			      p->ctr ? atomic64_read(&p->ctr->replies) : 0, SRXFLOW_A_NPROXY_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_NPROXY_ANNOUNCED,
			      p->ctr ? atomic64_read(&p->ctr->announced) : 0, SRXFLOW_A_NPROXY_PAD))
		goto cancel;
	for (j = 0; j < p->n; j++) {
		r = nla_nest_start(skb, SRXFLOW_A_NPROXY_ADDRESS);
		if (!r)
			goto cancel;
		memcpy(pf.addr, p->r[j].lo, alen(p->family));
		if (nla_put(skb, SRXFLOW_A_NADDR_LO, sizeof(pf), &pf))
			goto cancel;
		memcpy(pf.addr, p->r[j].hi, alen(p->family));
		if (nla_put(skb, SRXFLOW_A_NADDR_HI, sizeof(pf), &pf))
			goto cancel;
		nla_nest_end(skb, r);
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}
