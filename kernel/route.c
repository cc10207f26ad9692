// SPDX-License-Identifier: GPL-2.0
/*
 * Route lookups of the flow engine.
 *
 * "The routing table of interface X" is the table of the VRF (l3mdev
 * master) X is enslaved to, else the main table; the lookup is the
 * kernel's own output lookup with the flow's addresses (`ip route get DST
 * from SRC vrf V`), so ip rules by source, mark and tos apply and VRF
 * tables are selected by the l3mdev rule.  The resulting dst is cached in
 * the session wing with a reference and revalidated (dst_check) before
 * use, so a route change is noticed on the next packet.
 *
 * Both families then go through xfrm_lookup() (the OUT policy), as
 * ip_route_output_flow() does for IPv4 sockets and ip6_forward()'s
 * xfrm6_route_forward() for forwarded IPv6: the cached route is the IPsec
 * bundle when policy asks for one, and when policy demands an SA that does
 * not exist (or blocks) the lookup fails with SXF_EXFRM instead of a
 * blackhole route, so no cleartext leaves.  A policy inserted later bumps
 * the route generation (rt_genid_bump_*), which the revalidation notices.
 */
#include <linux/hash.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/ip6_route.h>
#include <net/ip6_fib.h>
#include <net/l3mdev.h>
#include <net/xfrm.h>
#include "srxflow.h"
#include "engine.h"

/* xfrm OUT policy on the route dst (referenced; released on error) */
static int xfrm_out(struct net *net, struct dst_entry *dst, const struct flowi *fl,
		    struct sxf_route *r)
{
	dst = xfrm_lookup(net, dst, fl, NULL, 0);
	if (IS_ERR(dst))
		return SXF_EXFRM;
	r->dst = dst;
	r->oif = dst->dev->ifindex;
	return 0;
}

/* l3mdev master ifindex of an interface (0: main table) */
int sxf_dev_vrf(const struct net_device *dev)
{
	if (!dev)
		return 0;
	if (netif_is_l3_master(dev))
		return dev->ifindex;
	return l3mdev_master_ifindex_rcu(dev);
}

static int lookup4(struct net *net, const struct sxf_tuple *t, u8 tos, u32 mark,
		   int vrf, struct sxf_route *r)
{
	struct flowi4 fl4 = {
		.daddr = t->dst.v4,
		.saddr = t->src.v4,
		.flowi4_tos = tos & IPTOS_RT_MASK,
		.flowi4_proto = t->proto,
		.flowi4_mark = mark,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
		.flowi4_l3mdev = vrf,
		.flowi4_scope = RT_SCOPE_UNIVERSE,
	};
	struct rtable *rt;

	if (ipv4_is_multicast(t->dst.v4) || ipv4_is_lbcast(t->dst.v4)) {
		r->local = true;
		r->bcast = true;
		return 0;
	}
	if (ipv4_is_zeronet(t->src.v4) || ipv4_is_multicast(t->src.v4) ||
	    ipv4_is_lbcast(t->src.v4) || ipv4_is_loopback(t->src.v4))
		fl4.saddr = 0;
	rt = ip_route_output_key_hash(net, &fl4, NULL);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	switch (rt->rt_type) {
	case RTN_LOCAL:
		r->local = true;
		ip_rt_put(rt);
		return 0;
	case RTN_BROADCAST:
	case RTN_MULTICAST:
		r->local = true;
		r->bcast = true;
		ip_rt_put(rt);
		return 0;
	case RTN_UNICAST:
		fl4.flowi4_oif = rt->dst.dev->ifindex;
		return xfrm_out(net, &rt->dst, flowi4_to_flowi(&fl4), r);
	default:
		ip_rt_put(rt);
		return -ENETUNREACH;
	}
}

static int lookup6(struct net *net, const struct sxf_tuple *t, u8 tos, u32 mark,
		   int vrf, struct sxf_route *r)
{
	struct flowi6 fl6 = {
		.daddr = t->dst.v6,
		.saddr = t->src.v6,
		.flowi6_proto = t->proto,
		.flowi6_mark = mark,
		.flowi6_l3mdev = vrf,
		.flowlabel = ip6_make_flowinfo(tos, 0),
	};
	int type = ipv6_addr_type(&t->dst.v6);
	struct dst_entry *dst;
	struct rt6_info *rt6;

	if (type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL)) {
		/* link-local and multicast are never forwarded */
		r->local = true;
		r->bcast = !!(type & IPV6_ADDR_MULTICAST);
		return 0;
	}
	if (ipv6_addr_type(&t->src.v6) & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK))
		memset(&fl6.saddr, 0, sizeof(fl6.saddr));
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		int err = dst->error;

		dst_release(dst);
		return err;
	}
	rt6 = (struct rt6_info *)dst;
	if ((rt6->rt6i_flags & RTF_LOCAL) || (dst->dev->flags & IFF_LOOPBACK) ||
	    netif_is_l3_master(dst->dev)) {
		r->local = true;
		dst_release(dst);
		return 0;
	}
	if (rt6->rt6i_flags & (RTF_REJECT)) {
		dst_release(dst);
		return -ENETUNREACH;
	}
	r->cookie = rt6_get_cookie(rt6);
	return xfrm_out(net, dst, flowi6_to_flowi(&fl6), r);
}

/*
 * Route of packets with tuple t, looked up in the table of VRF vrf (an
 * l3mdev master ifindex, 0 for the main table).  On success r->dst holds a
 * reference (unless r->local).
 */
int sxf_route_lookup(struct net *net, const struct sxf_tuple *t, u8 tos, u32 mark,
		     int vrf, struct sxf_route *r)
{
	memset(r, 0, sizeof(*r));
	if (t->family == AF_INET)
		return lookup4(net, t, tos, mark, vrf, r);
	return lookup6(net, t, tos, mark, vrf, r);
}

/* Routing table id of a VRF (for display and traces). */
u32 sxf_vrf_table(struct net *net, int vrf)
{
	u32 tb = vrf ? l3mdev_fib_table_by_index(net, vrf) : 0;

	return tb ? tb : RT_TABLE_MAIN;
}

/* Next hop of a wing's route for display: gateway, else the destination. */
void sxf_route_gateway(const struct sxf_wing *w, struct srxflow_prefix *gw)
{
	const struct dst_entry *dst = READ_ONCE(w->dst);

	memset(gw, 0, sizeof(*gw));
	gw->family = w->t.family;
	gw->plen = w->t.family == AF_INET ? 32 : 128;
	if (w->t.family == AF_INET) {
		__be32 a = w->t.dst.v4;

		if (dst) {
			const struct rtable *rt = (const struct rtable *)dst;

			if (rt->rt_gw_family == AF_INET)
				a = rt->rt_gw4;
		}
		memcpy(gw->addr, &a, 4);
	} else {
		const struct in6_addr *a = &w->t.dst.v6;

		if (dst) {
			const struct rt6_info *rt6 = (const struct rt6_info *)dst;

			if (rt6->rt6i_flags & RTF_GATEWAY)
				a = &rt6->rt6i_gateway;
		}
		memcpy(gw->addr, a, 16);
	}
}

/* A stable, non-zero handle of the route for display ("Route: 0x..."). */
u32 sxf_route_handle(const struct sxf_wing *w)
{
	const struct dst_entry *dst = READ_ONCE(w->dst);

	if (!dst)
		return 0;
	return ((u32)dst->dev->ifindex << 16) | (hash_ptr((void *)dst, 16) | 1);
}
