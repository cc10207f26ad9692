// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's forwarding safeguards, for the traffic srxflow forwards
 * itself.
 *
 * Zoned transit is forwarded by the flow engine from PRE_ROUTING
 * (forward.c), so ip_route_input_slow(), ip_rcv_options(), ip_forward()
 * and ip6_forward() never see it.  What they refuse, srxflow refuses too,
 * with the same sysctls deciding, and counts under its own drop reason:
 *
 *   every packet with IPv4 options (hooks.c):
 *     LSRR/SSRR unless accept_source_route         "Source route option"
 *   every IPv6 packet with a routing header (hooks.c):
 *     segments left, addressed to the router       "Source route option"
 *   first path (before a session exists):
 *     martian source/destination addresses         "Martian address"
 *     rp_filter strict/loose, own address as source "Reverse path check failed"
 *     (then the per-packet checks, for transit)
 *   every forwarded packet (forward.c):
 *     net.ipv4.conf.<in>.forwarding, ipv6 all.forwarding "Forwarding disabled"
 *     skb->pkt_type != PACKET_HOST                 "Not addressed to host"
 *     xfrm FWD policy (unless disable_policy)      "IPsec policy"
 *   route lookups (route.c): xfrm OUT policy by xfrm_lookup(), for IPv4
 *     and IPv6 alike: the cached route is the IPsec bundle, or the lookup
 *     fails ("IPsec policy") when policy demands a missing SA.
 *
 * The per-packet checks read a sysctl and a counter each; the expensive
 * ones (fib lookups of rp_filter, the xfrm policy walk) only run when the
 * sysctl or an xfrm policy asks for them, as in the kernel.
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/addrconf.h>
#include <net/icmp.h>
#include <linux/icmpv6.h>
#include <net/ip_fib.h>
#include <net/l3mdev.h>
#include <net/xfrm.h>
#include "engine.h"
#include "trace.h"

/*
 * The device the kernel would route the packet on: for a VRF slave, the
 * VRF device (the VRF driver's second PRE_ROUTING pass), else the
 * arrival interface.  Its sysctls are the ones the kernel reads.
 */
static struct net_device *route_dev(const struct sxf_ctx *c)
{
	struct net_device *m;

	if (likely(!c->vrf))
		return c->in;
	m = netdev_master_upper_dev_get_rcu(c->in);
	return m && netif_is_l3_master(m) ? m : c->in;
}

/*
 * IPv4 options (IPCB(skb)->opt is not parsed yet at PRE_ROUTING): options
 * whose length runs past the header, or is below 2, are malformed as
 * ip_options_compile() finds them (Linux drops the packet); LSRR/SSRR as
 * ip_rcv_options().
 */
bool sxf_fwd_ip_options(struct sxf_ctx *c, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const u8 *o = (const u8 *)(iph + 1);
	int len = iph->ihl * 4 - sizeof(*iph);
	struct in_device *idev;
	bool srr = false, strict = false;
	int i = 0;

	/* the header with its options is linear (ip_rcv_core pulled it) */
	while (i < len) {
		u8 type = o[i], olen;

		if (type == IPOPT_END)
			break;
		if (type == IPOPT_NOOP) {
			i++;
			continue;
		}
		if (i + 1 >= len)
			goto malformed;
		olen = o[i + 1];
		if (olen < 2 || olen > len - i)
			goto malformed;
		if (type == IPOPT_LSRR || type == IPOPT_SSRR) {
			srr = true;
			strict |= type == IPOPT_SSRR;
		}
		i += olen;
	}
	if (!srr)
		return false;
	idev = __in_dev_get_rcu(c->in);
	/*
	 * Accepted (accept_source_route on all and the interface) a loose
	 * source-routed packet to a transit destination is routed by its
	 * destination, as ip_options_rcv_srr() does.  One addressed to the
	 * router would be forwarded by the kernel to the next hop of its
	 * list, past the policy: never.  Strict routes are refused.
	 */
	if (idev && IN_DEV_SOURCE_ROUTE(idev) && !strict &&
	    inet_addr_type_dev_table(c->state->net, c->in, iph->daddr) == RTN_UNICAST)
		return false;
	SXF_TRACE(c, SXF_T_DATAPATH, "IPv4 %s source route option, accept_source_route %s",
		  strict ? "strict" : "loose", idev && IN_DEV_SOURCE_ROUTE(idev) ? "on" : "off");
	sxf_drop(c, skb, SRXFLOW_DROP_SOURCE_ROUTE, NULL);
	return true;
malformed:
	sxf_drop(c, skb, SRXFLOW_DROP_MALFORMED, "(IPv4 option length)");
	return true;
}

/*
 * IPv6 routing headers with segments left (segment routing, RPL): one
 * addressed to the router is forwarded by the kernel to its next segment
 * (ipv6_srh_rcv() with seg6_enabled, ipv6_rpl_srh_rcv() with
 * rpl_seg_enabled), after the flow engine accepted it for the host: past
 * the policy, as an IPv4 source route would be.  Never (the kernel
 * refuses type 0 and type 2 such headers anyway).  One addressed to a
 * transit destination is routed by its destination: as it is.
 */
bool sxf_fwd_ip6_rthdr(struct sxf_ctx *c, struct sk_buff *skb)
{
	if (!ipv6_chk_addr(c->state->net, &c->pkt.t.dst.v6, NULL, 0))
		return false;
	SXF_TRACE(c, SXF_T_DATAPATH, "IPv6 routing header with segments left, to the router");
	sxf_drop(c, skb, SRXFLOW_DROP_SOURCE_ROUTE, "(IPv6 routing header to the router)");
	return true;
}

/* Martian addresses, in the order of ip_route_input_slow()/_mc(). */
static bool martian4(const struct sxf_ctx *c, struct net *net, struct in_device *idev,
		     const struct sk_buff *skb)
{
	__be32 s = c->pkt.t.src.v4, d = c->pkt.t.dst.v4;

	if (ipv4_is_multicast(s) || ipv4_is_lbcast(s))
		return true;
	if (ipv4_is_multicast(d)) {
		if (ipv4_is_loopback(s) && !IN_DEV_ROUTE_LOCALNET(idev))
			return true;
		return ipv4_is_zeronet(s) && !ipv4_is_local_multicast(d) &&
		       c->pkt.proto != IPPROTO_IGMP;
	}
	if (ipv4_is_lbcast(d) || (!s && !d))
		return false;	/* limited broadcast: DHCP from 0.0.0.0 */
	if (ipv4_is_zeronet(s) || ipv4_is_zeronet(d))
		return true;
	if (ipv4_is_loopback(d) || ipv4_is_loopback(s))
		return !IN_DEV_NET_ROUTE_LOCALNET(idev, net);
	return false;
}

/*
 * fib_validate_source(): rp_filter 1 (strict: the route back to the
 * source leaves by the arrival interface) or 2 (loose: there is one), and
 * the router's own address as source.  Returns 0, -EINVAL (martian) or
 * -EXDEV (reverse path).
 */
static int validate_source4(const struct sxf_ctx *c, struct sk_buff *skb, struct net *net,
			    struct net_device *dev, struct in_device *idev, int oif)
{
	int rpf = secpath_exists(skb) ? 0 : IN_DEV_RPFILTER(idev);
	struct fib_result res;
	struct flowi4 fl4;

	if (!rpf) {
		/* only the router's own address is refused as a source */
		if (IN_DEV_ACCEPT_LOCAL(idev))
			return 0;
		return inet_addr_type_dev_table(net, dev, c->pkt.t.src.v4) == RTN_LOCAL ?
		       -EINVAL : 0;
	}
	/* the flow key of the reverse path only when rp_filter asks for it */
	fl4 = (struct flowi4) {
		.flowi4_l3mdev = l3mdev_master_ifindex_rcu(dev),
		.flowi4_iif = oif ? : LOOPBACK_IFINDEX,
		.daddr = c->pkt.t.src.v4,
		.saddr = c->pkt.t.dst.v4,
		.flowi4_tos = c->pkt.tos & IPTOS_RT_MASK,
		.flowi4_scope = RT_SCOPE_UNIVERSE,
		.flowi4_uid = sock_net_uid(net, NULL),
		.flowi4_mark = IN_DEV_SRC_VMARK(idev) ? skb->mark : 0,
	};
	if (fib_lookup(net, &fl4, &res, 0))
		return -EXDEV;
	if (res.type != RTN_UNICAST &&
	    (res.type != RTN_LOCAL || !IN_DEV_ACCEPT_LOCAL(idev)))
		return -EINVAL;
	if (fib_info_nh_uses_dev(res.fi, dev))
		return 0;
	if (!rcu_access_pointer(idev->ifa_list))
		return -EXDEV;
	/* loose: a route exists (it did); strict: not via this interface */
	return rpf == 1 ? -EXDEV : 0;
}

/* IPv6 sources ip6_forward() refuses ("security critical"). */
static bool martian6_transit(struct sxf_ctx *c, struct sk_buff *skb)
{
	int type = ipv6_addr_type(&c->pkt.t.src.v6);

	if (type == IPV6_ADDR_ANY || (type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK)))
		return true;
	if (type & IPV6_ADDR_LINKLOCAL) {
		icmpv6_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_NOT_NEIGHBOUR, 0);
		return true;
	}
	return false;
}

/*
 * Every packet srxflow forwards, as ip_forward()/ip6_forward() check it
 * (before the TTL).  Returns 0 or the drop reason.
 */
int sxf_fwd_pkt_check(struct sxf_ctx *c, struct sk_buff *skb)
{
	if (c->pkt.family == AF_INET) {
		struct in_device *idev = __in_dev_get_rcu(route_dev(c));

		if (unlikely(!idev || !IN_DEV_FORWARD(idev)))
			return SRXFLOW_DROP_FWD_DISABLED;
		if (unlikely(skb->pkt_type != PACKET_HOST))
			return SRXFLOW_DROP_NOT_HOST;
		if (unlikely(!xfrm4_policy_check(NULL, XFRM_POLICY_FWD, skb)) &&
		    !IN_DEV_ORCONF(idev, NOPOLICY))
			return SRXFLOW_DROP_XFRM_POLICY;
	} else {
		struct net *net = c->state->net;

		if (unlikely(!READ_ONCE(net->ipv6.devconf_all->forwarding)))
			return SRXFLOW_DROP_FWD_DISABLED;
		if (unlikely(skb->pkt_type != PACKET_HOST))
			return SRXFLOW_DROP_NOT_HOST;
		if (unlikely(!xfrm6_policy_check(NULL, XFRM_POLICY_FWD, skb))) {
			struct inet6_dev *idev = __in6_dev_get(c->in);

			if (!net->ipv6.devconf_all->disable_policy &&
			    (!idev || !idev->cnf.disable_policy))
				return SRXFLOW_DROP_XFRM_POLICY;
		}
	}
	return 0;
}

/*
 * First path, right after the route lookup (err is its result): what the
 * kernel's input route and forwarding would refuse.  On a drop the packet
 * is dropped and counted, fwd's route released, and true returned.
 */
bool sxf_fwd_first_check(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_route *fwd,
			 int err)
{
	struct net *net = c->state->net;
	int why = 0;

	if (c->pkt.family == AF_INET) {
		struct net_device *dev = route_dev(c);
		struct in_device *idev = __in_dev_get_rcu(dev);

		if (!idev)
			why = SRXFLOW_DROP_MARTIAN;
		else if (martian4(c, net, idev, skb))
			why = SRXFLOW_DROP_MARTIAN;
		else if (!fwd->bcast)
			switch (validate_source4(c, skb, net, dev, idev, err ? 0 : fwd->oif)) {
			case -EINVAL:
				why = SRXFLOW_DROP_MARTIAN;
				break;
			case -EXDEV:
				why = SRXFLOW_DROP_RPF;
				break;
			}
	} else if (!err && !fwd->local && martian6_transit(c, skb)) {
		why = SRXFLOW_DROP_MARTIAN;
	}
	if (!why && err == SXF_EXFRM)
		why = SRXFLOW_DROP_XFRM_POLICY;
	if (!why && !err && !fwd->local)
		why = sxf_fwd_pkt_check(c, skb);
	if (likely(!why))
		return false;
	if (fwd->dst) {
		dst_release(fwd->dst);
		fwd->dst = NULL;
	}
	sxf_drop(c, skb, why, NULL);
	return true;
}
