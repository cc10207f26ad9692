// SPDX-License-Identifier: GPL-2.0
/*
 * services-offload (Junos Express Path), modelled on nf_flow_table's
 * software fast path (net/netfilter/nf_flow_table_ip.c).
 *
 * A session created by a `then permit services-offload` policy carries
 * SXF_SF_OFFLOAD.  Once it is established (TCP), or at its second packet
 * (UDP, as nft_flow_offload), the fast path marks it SXF_SF_OFFLOADED, and
 * from then on its
 * packets are forwarded by sxf_offload_hook() at the netdev ingress hook
 * of the interface they arrive on: session lookup, TTL / hop limit, the
 * NAT rewrite, counters and the inactivity timer, then out through the
 * wing's cached route and its neighbour (neigh_xmit(), as the flowtable's
 * FLOW_OFFLOAD_XMIT_NEIGH).  No PRE_ROUTING, FORWARD or POST_ROUTING hook
 * sees such a packet, nor the screens or traceoptions.
 *
 * Whatever the hook does not handle is left to the normal path (NF_ACCEPT)
 * untouched: fragments, IP options and IPv6 extension headers, TCP SYN,
 * FIN and RST (the TCP tracking of the normal path must see them; after a
 * FIN the session is no longer ESTABLISHED and stays on the normal path),
 * packets that need an ICMP error (TTL <= 1, too big for the egress MTU),
 * an invalid cached route (dst_check(): the normal path re-routes the
 * wing, the next packet is offloaded with the new route), IPsec routes,
 * IPv4 routes through an IPv6 next hop (RFC 5549: its neighbour is an ND
 * one), routes with a lightweight tunnel encapsulation (seg6, MPLS: the normal
 * path leaves by dst_output(), which encapsulates), an xfrm FWD policy to
 * check (any FWD policy, a secpath, default block), a packet
 * arriving where the wing does not expect it, ended, invalidated,
 * timed-out or route-lost sessions and sessions in SXF_SF_NO_OFFLOAD.
 * TCP windows are not tracked while offloaded (as the flowtable), so an
 * offloaded TCP session is made liberal (SXF_TDF_LIBERAL) when it is
 * marked: its FIN and RST are still judged, not its sequence numbers.
 *
 * The hooks: registered (under RTNL) on every interface bound to a zone
 * while the running configuration has a services-offload policy, at
 * commit time and when such an interface appears; unregistered when the
 * interface leaves the configuration or goes away (NETDEV_UNREGISTER, also
 * a move to another namespace), when no services-offload policy is left,
 * at namespace exit and at module unload.  sn->offload_devs is changed
 * under RTNL only.  The hook itself runs in softirq under RCU (the ingress
 * hook's rcu_read_lock()): the session, its wing's route (freed after a
 * grace period once replaced, forward.c) and the configuration are all
 * RCU-protected, and nothing is written but the session's own counters
 * and expiry.
 */
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/netfilter.h>
#include <linux/netfilter_netdev.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/dst.h>
#include <net/route.h>
#include <net/ip6_route.h>
#include <net/neighbour.h>
#include <net/arp.h>
#include <net/ndisc.h>
#include <net/lwtunnel.h>
#include <net/xfrm.h>
#include "engine.h"
#include "nat.h"
#include "offload.h"

/*
 * Before nftables netdev ingress chains of priority > 1; a user's ingress
 * chain at "priority filter" (0) or below, and a flowtable's hook at 0,
 * see every packet first.  (At equal priority the hook registered last
 * runs first: nf_hook_entries_grow(); at 0 a commit that adds
 * services-offload would go before a drop rule the user had.)
 */
#define SXF_OFFLOAD_PRIORITY	1

struct sxf_offload_dev {
	struct list_head list;
	struct nf_hook_ops ops;		/* ops.dev: the interface */
	netdevice_tracker tracker;	/* its reference */
	bool keep;			/* sync: still wanted */
	struct rcu_head rcu;
};

/* --- marking (fast path, softirq or process context with BHs off) -------- */

/*
 * An IPv4 route through an IPv6 next hop (RFC 5549, `via inet6`): its
 * neighbour is in the ND table, which ip_finish_output2() finds (the
 * normal path); rt_nexthop() would give the destination itself.  (RCU)
 */
static bool route_v6_gateway(const struct sxf_wing *w, const struct dst_entry *dst)
{
	return dst && w->t.family == AF_INET &&
	       ((const struct rtable *)dst)->rt_gw_family == AF_INET6;
}

/*
 * A route the hook never takes (it leaves by dst_output(): IPsec, a
 * lightweight tunnel), or none: the session is not marked, so its TCP
 * windows stay checked on the normal path.  (RCU)
 */
static bool route_not_offloadable(const struct dst_entry *dst)
{
	return !dst || dst_xfrm(dst) || lwtunnel_output_redirect(dst->lwtstate) ||
	       lwtunnel_xmit_redirect(dst->lwtstate);
}

static bool route_never_offloaded(const struct sxf_wing *w)
{
	const struct dst_entry *dst = READ_ONCE(w->dst);

	return route_not_offloadable(dst) || route_v6_gateway(w, dst);
}

void sxf_offload_established(struct sxf_net *sn, struct sxf_session *s)
{
	u32 old = READ_ONCE(s->flags);

	if (old & (SXF_SF_OFFLOADED | SXF_SF_DEAD | SXF_SF_INVALID | SXF_SF_NO_OFFLOAD))
		return;
	/* (the hook checks every packet's route again: routes change) */
	if (route_never_offloaded(&s->w[0]) || route_never_offloaded(&s->w[1]))
		return;
	/*
	 * Counted before the flag is set: mark_dead(), which decrements when
	 * it sees SXF_SF_OFFLOADED, must find the count it takes back.
	 */
	atomic_inc(&sn->offload_sessions);
	do {
		if (old & (SXF_SF_OFFLOADED | SXF_SF_DEAD | SXF_SF_INVALID | SXF_SF_NO_OFFLOAD)) {
			atomic_dec(&sn->offload_sessions);
			return;
		}
	} while (!try_cmpxchg(&s->flags, &old, old | SXF_SF_OFFLOADED));
	if (s->w[0].t.proto == IPPROTO_TCP) {
		spin_lock_bh(&s->lock);
		s->w[0].tcp.flags |= SXF_TDF_LIBERAL;
		s->w[1].tcp.flags |= SXF_TDF_LIBERAL;
		spin_unlock_bh(&s->lock);
	}
}

/*
 * A packet of an offloaded TCP session on the normal path (a FIN, an RST,
 * one the hook left alone): the segments forwarded at ingress were not
 * tracked, so the windows the tracker knows are stale.  As nf_flow_table's
 * flow_offload_fixup_tcp() (td_maxwin = 0), each direction is picked up
 * again from its next packet (SXF_TDF_SEEN).  The highest acknowledgements
 * stay (SXF_TDF_MAXACK): the ingress hook keeps them current (track_ack()),
 * so an RST is judged as on a session never offloaded - a blind one with a
 * wrong sequence number does not end it.  FIN flags, window scaling and
 * the state stay.
 */
void sxf_offload_tcp_resync(struct sxf_session *s)
{
	spin_lock_bh(&s->lock);
	s->w[0].tcp.flags &= ~SXF_TDF_SEEN;
	s->w[1].tcp.flags &= ~SXF_TDF_SEEN;
	spin_unlock_bh(&s->lock);
}

/* --- the ingress hook ------------------------------------------------------ */

/*
 * As nf_flow_exceeds_mtu(): too big goes the normal way (it sends the
 * ICMP).  mtu as the flowtable takes it, ip*_dst_mtu_maybe_forward(): no
 * learned path MTU for forwarded traffic (forward.c).
 */
static bool exceeds_mtu(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	return !skb_is_gso(skb) || !skb_gso_validate_network_len(skb, mtu);
}

/*
 * The xfrm FWD policy check ip_forward() and ip6_forward() make, and the
 * normal path makes per packet (sxf_fwd_pkt_check()): unless it is
 * trivially passed (no FWD policy, no secpath, default accept), the normal
 * path takes the packet.  (IPv4 forwarding turned off needs no check here:
 * the sysctl flushes the routes, so the cached one fails dst_check();
 * IPv6's is checked by offload_ipv6().)
 */
static bool xfrm_fwd_ok(struct sk_buff *skb)
{
#ifdef CONFIG_XFRM
	return __xfrm_check_nopolicy(dev_net(skb->dev), skb, XFRM_POLICY_FWD);
#else
	return true;
#endif
}

/*
 * The offloaded wing tuple t arrived on, or NULL: the normal path takes
 * the packet.  *dstp: its valid route.
 */
static struct sxf_wing *offload_wing(struct sxf_net *sn, const struct sxf_tuple *t,
				     struct sk_buff *skb, struct dst_entry **dstp)
{
	struct sxf_session *s;
	struct dst_entry *dst;
	struct sxf_wing *w;
	u32 flags;

	w = sxf_session_lookup(sn, t);
	if (!w)
		return NULL;
	s = sxf_wing_session(w);
	flags = READ_ONCE(s->flags);
	if ((flags & (SXF_SF_OFFLOADED | SXF_SF_NO_OFFLOAD | SXF_SF_DEAD | SXF_SF_INVALID |
		      SXF_SF_ROUTE_LOST)) != SXF_SF_OFFLOADED)
		return NULL;
	/* timed out: the normal path removes it */
	if (sxf_session_timed_out(s, flags))
		return NULL;
	if (READ_ONCE(w->ifindex) != skb->dev->ifindex ||
	    (READ_ONCE(w->flags) & (SXF_WF_LOCAL | SXF_WF_SELF | SXF_WF_NOROUTE)))
		return NULL;
	if (t->proto == IPPROTO_TCP && READ_ONCE(s->tcp_state) != SXF_TCP_ESTABLISHED)
		return NULL;
	dst = READ_ONCE(w->dst);
	if (route_not_offloadable(dst) || !dst_check(dst, READ_ONCE(w->cookie)) ||
	    !xfrm_fwd_ok(skb))
		return NULL;
	*dstp = dst;
	return w;
}

/*
 * TCP SYN, FIN, RST: the tracking of the normal path must see them; a
 * segment without ACK the normal path drops ("nonsense flags").
 */
static bool l4_ok(const void *l4, u8 proto)
{
	const struct tcphdr *th = l4;

	return proto != IPPROTO_TCP || (th->ack && !(th->syn || th->fin || th->rst));
}

/*
 * The TCP checksum of skb (the network header at skb->data, l4len bytes
 * after it) as the device reported it: verified (UNNECESSARY, or a local
 * sender's PARTIAL), or CHECKSUM_COMPLETE's sum, which covers skb->data to
 * the end (trimmed with it), checked against the pseudo-header.  A packet
 * without either is not summed here (CHECKSUM_NONE: false).
 */
static bool csum_ok(const struct sk_buff *skb, u8 family, unsigned int l4len)
{
	unsigned int nhlen = skb->len - l4len;
	__wsum csum;

	if (skb_csum_unnecessary(skb))
		return true;
	if (skb->ip_summed != CHECKSUM_COMPLETE)
		return false;
	csum = csum_sub(skb->csum, csum_partial(skb->data, nhlen, 0));
	if (family == AF_INET)
		return !csum_tcpudp_magic(ip_hdr(skb)->saddr, ip_hdr(skb)->daddr, l4len,
					  IPPROTO_TCP, csum);
	return !csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr, l4len,
				IPPROTO_TCP, csum);
}

/*
 * The one piece of TCP state kept up to date while offloaded: the highest
 * acknowledgement each direction sent, against which an RST or a FIN on
 * the normal path is judged (sxf_rst_check(): exactly it closes, before it
 * is dropped, else the RST goes on and the session stays, RFC 5961;
 * near_ack()).  A blind RST or FIN with a guessed tuple must not end
 * an offloaded session.  Nor may a blind ACK move it: an acknowledgement
 * further ahead than the window the acknowledging side announced
 * (maxwin, which these packets raise as they go) cannot acknowledge data
 * the peer sent, and would make the peer's own FIN and RST look stale.
 * Stores in the wing's own line, which the counters dirty anyway; a race
 * between two CPUs of one direction leaves one of two recent values.
 */
static void track_ack(struct sxf_wing *w, const struct sk_buff *skb, unsigned int l4len,
		      const void *l4, u8 proto)
{
	const struct tcphdr *th = l4;
	u32 ack, maxack, win, maxwin;

	if (proto != IPPROTO_TCP || !th->ack)
		return;
	ack = ntohl(th->ack_seq);
	maxack = READ_ONCE(w->tcp.maxack);
	maxwin = READ_ONCE(w->tcp.maxwin);
	if (!after(ack, maxack) || after(ack, maxack + max_t(u32, maxwin, SXF_TCP_MIN_WIN)))
		return;
	/*
	 * Only a segment that would move it is checked (most repeat the last
	 * ACK): a header the normal path would drop as malformed, or a
	 * checksum that does not hold, is forwarded as the flowtable does,
	 * the end judges it, but it moves nothing here
	 */
	if (th->doff < 5 || th->doff * 4 > l4len || !csum_ok(skb, w->t.family, l4len))
		return;
	WRITE_ONCE(w->tcp.maxack, ack);
	win = (u32)ntohs(th->window) << READ_ONCE(w->tcp.scale);
	if (win > maxwin)
		WRITE_ONCE(w->tcp.maxwin, win);
}

static void offload_count(struct sxf_net *sn, struct sxf_wing *w, unsigned int len)
{
	struct sxf_session *s = sxf_wing_session(w);

	atomic64_inc(&w->pkts);
	atomic64_add(len, &w->bytes);
	sxf_session_touch(s);
	SXF_STAT_INC(sn, offload);
}

/*
 * Out through the next hop's neighbour: as ip_finish_output2() when its
 * entry is connected (the cached link header, no BH toggling: the ingress
 * hook runs in softirq), else by neigh_xmit() which resolves it.
 */
static void offload_xmit(struct sk_buff *skb, struct dst_entry *dst, int tbl,
			 struct neighbour *n, const void *nexthop)
{
	skb->dev = dst->dev;
	skb_clear_tstamp(skb);
	skb_forward_csum(skb);
	skb_dst_set_noref(skb, dst);
	if (likely(n && (READ_ONCE(n->nud_state) & NUD_CONNECTED)))
		neigh_output(n, skb, false);
	else
		neigh_xmit(tbl, dst->dev, nexthop, skb);
}

static unsigned int offload_ipv4(struct sxf_net *sn, struct sk_buff *skb)
{
	struct sxf_tuple t = { };
	struct dst_entry *dst;
	unsigned int len, hsz;
	const struct iphdr *iph;
	struct sxf_wing *w;
	__be16 *ports;
	__be32 nexthop;
	u32 flags;

	/* not for this host (a broadcast or multicast frame): the normal path drops it */
	if (skb->pkt_type != PACKET_HOST || !pskb_may_pull(skb, sizeof(*iph)))
		return NF_ACCEPT;
	iph = ip_hdr(skb);
	/* no options, no fragment, TCP or UDP, TTL > 1, not truncated */
	if (iph->version != 4 || iph->ihl != 5 || ip_is_fragment(iph) || iph->ttl <= 1)
		return NF_ACCEPT;
	if (iph->protocol == IPPROTO_TCP)
		hsz = sizeof(struct tcphdr);
	else if (iph->protocol == IPPROTO_UDP)
		hsz = sizeof(struct udphdr);
	else
		return NF_ACCEPT;
	len = ntohs(iph->tot_len);
	if (len > skb->len || unlikely(ip_fast_csum(iph, 5)))
		return NF_ACCEPT;
	/*
	 * Ethernet pads a frame to 60 bytes (a pure ACK without timestamps, a
	 * short datagram): the padding goes, as ip_rcv_core() takes it off,
	 * with CHECKSUM_COMPLETE adjusted.
	 */
	if (len < skb->len && pskb_trim_rcsum(skb, len))
		return NF_ACCEPT;
	if (!pskb_may_pull(skb, sizeof(*iph) + hsz))
		return NF_ACCEPT;
	iph = ip_hdr(skb);
	ports = (__be16 *)(iph + 1);
	if (!l4_ok(ports, iph->protocol))
		return NF_ACCEPT;
	t.src.v4 = iph->saddr;
	t.dst.v4 = iph->daddr;
	t.sport = ports[0];
	t.dport = ports[1];
	t.proto = iph->protocol;
	t.family = AF_INET;
	t.vrf = sxf_dev_vrf(skb->dev);

	w = offload_wing(sn, &t, skb, &dst);
	if (!w || route_v6_gateway(w, dst) ||
	    exceeds_mtu(skb, ip_dst_mtu_maybe_forward(dst, true)))
		return NF_ACCEPT;
	track_ack(w, skb, len - sizeof(*iph), ports, t.proto);
	/* headroom for the egress link header, private headers to rewrite */
	if (skb_cow(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len))
		return NF_ACCEPT;
	flags = READ_ONCE(sxf_wing_session(w)->flags);
	if ((flags & SXF_SF_NAT) &&
	    sxf_nat_rewrite_ports(skb, AF_INET, sizeof(*iph), t.proto, sxf_wing_session(w), w))
		return NF_ACCEPT;
	ip_decrease_ttl(ip_hdr(skb));
	offload_count(sn, w, len);

	nexthop = rt_nexthop((struct rtable *)dst, ip_hdr(skb)->daddr);
	offload_xmit(skb, dst, NEIGH_ARP_TABLE, __ipv4_neigh_lookup_noref(dst->dev, (__force u32)nexthop),
		     &nexthop);
	return NF_STOLEN;
}

static unsigned int offload_ipv6(struct sxf_net *sn, struct sk_buff *skb)
{
	struct sxf_tuple t = { };
	const struct ipv6hdr *ip6h;
	const struct in6_addr *nexthop;
	struct dst_entry *dst;
	unsigned int len, hsz;
	struct sxf_wing *w;
	__be16 *ports;

	/*
	 * Forwarding turned off: unlike IPv4's, the IPv6 sysctl leaves the
	 * cached routes valid.  Not for this host: the normal path drops it.
	 */
	if (!READ_ONCE(dev_net(skb->dev)->ipv6.devconf_all->forwarding) ||
	    skb->pkt_type != PACKET_HOST || !pskb_may_pull(skb, sizeof(*ip6h)))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	/* no extension header, TCP or UDP, hop limit > 1, exact length */
	if (ip6h->version != 6 || ip6h->hop_limit <= 1)
		return NF_ACCEPT;
	if (ip6h->nexthdr == IPPROTO_TCP)
		hsz = sizeof(struct tcphdr);
	else if (ip6h->nexthdr == IPPROTO_UDP)
		hsz = sizeof(struct udphdr);
	else
		return NF_ACCEPT;
	len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (len != skb->len || !pskb_may_pull(skb, sizeof(*ip6h) + hsz))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	ports = (__be16 *)(ip6h + 1);
	if (!l4_ok(ports, ip6h->nexthdr))
		return NF_ACCEPT;
	t.src.v6 = ip6h->saddr;
	t.dst.v6 = ip6h->daddr;
	t.sport = ports[0];
	t.dport = ports[1];
	t.proto = ip6h->nexthdr;
	t.family = AF_INET6;
	t.vrf = sxf_dev_vrf(skb->dev);

	w = offload_wing(sn, &t, skb, &dst);
	if (!w || exceeds_mtu(skb, max_t(unsigned int, ip6_dst_mtu_maybe_forward(dst, true),
					 IPV6_MIN_MTU)))
		return NF_ACCEPT;
	track_ack(w, skb, len - sizeof(*ip6h), ports, t.proto);
	if (skb_cow(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len))
		return NF_ACCEPT;
	/* NAT66 */
	if ((READ_ONCE(sxf_wing_session(w)->flags) & SXF_SF_NAT) &&
	    sxf_nat_rewrite_ports(skb, AF_INET6, sizeof(*ip6h), t.proto, sxf_wing_session(w), w))
		return NF_ACCEPT;
	ipv6_hdr(skb)->hop_limit--;
	offload_count(sn, w, len);

	nexthop = rt6_nexthop((struct rt6_info *)dst, &ipv6_hdr(skb)->daddr);
	offload_xmit(skb, dst, NEIGH_ND_TABLE, __ipv6_neigh_lookup_noref(dst->dev, nexthop),
		     nexthop);
	return NF_STOLEN;
}

static unsigned int sxf_offload_hook(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	struct sxf_net *sn = sxf_pernet(state->net);
	const struct sxf_cfg *cfg;

	/* another host's frame (promiscuous), broadcast, multicast; a tunnel's metadata */
	if (skb->pkt_type != PACKET_HOST || skb_dst(skb))
		return NF_ACCEPT;
	/*
	 * A VLAN tag taken off into skb->vlan_tci: at the ingress hook of
	 * the lower device the frame is not yet that VLAN's (it belongs to
	 * the VLAN device, or is dropped as PACKET_OTHERHOST when there is
	 * none); neither is it the lower device's traffic, so no wing of it
	 * matches, and the tag would leave with the frame on the egress.
	 */
	if (skb_vlan_tag_present(skb))
		return NF_ACCEPT;
	/*
	 * A commit that turned the family packet-based or drop: the normal
	 * path applies it to the next packet, and so does this hook (the
	 * sessions themselves end with the commit's rematch, later)
	 */
	cfg = rcu_dereference(sn->cfg);
	if (!cfg)
		return NF_ACCEPT;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (cfg->flow.mode[0] != SRXFLOW_FWD_FLOW_BASED)
			return NF_ACCEPT;
		return offload_ipv4(sn, skb);
	case htons(ETH_P_IPV6):
		if (cfg->flow.mode[1] != SRXFLOW_FWD_FLOW_BASED)
			return NF_ACCEPT;
		return offload_ipv6(sn, skb);
	}
	return NF_ACCEPT;
}

/* --- the hooks' devices (RTNL) ------------------------------------------------ */
static bool cfg_offloads(const struct sxf_cfg *cfg)
{
	u32 i;

	if (!cfg || !cfg->nr_ifaces)
		return false;
	for (i = 0; i < cfg->nr_policies; i++)
		if (cfg->policies[i]->offload == SRXFLOW_OFFLOAD_ENABLED &&
		    cfg->policies[i]->action == SRXFLOW_ACTION_PERMIT)
			return true;
	return false;
}

static struct sxf_offload_dev *find_dev(struct sxf_net *sn, const struct net_device *dev)
{
	struct sxf_offload_dev *od;

	list_for_each_entry(od, &sn->offload_devs, list)
		if (od->ops.dev == dev)
			return od;
	return NULL;
}

static void want_dev(struct sxf_net *sn, struct net_device *dev)
{
	struct sxf_offload_dev *od = find_dev(sn, dev);
	int err;

	if (od) {
		od->keep = true;
		return;
	}
	od = kzalloc(sizeof(*od), GFP_KERNEL);
	if (!od)
		return;		/* its sessions stay on the normal path */
	od->ops.hook = sxf_offload_hook;
	od->ops.pf = NFPROTO_NETDEV;
	od->ops.hooknum = NF_NETDEV_INGRESS;
	od->ops.priority = SXF_OFFLOAD_PRIORITY;
	od->ops.dev = dev;
	err = nf_register_net_hook(sn->net, &od->ops);
	if (err) {
		/* its sessions stay on the normal path */
		pr_warn_ratelimited("srxflow: %s: services-offload hook not registered (%d)\n",
				    dev->name, err);
		kfree(od);
		return;
	}
	/*
	 * A reference while hooked: its NETDEV_UNREGISTER unhooks it (the
	 * notifier outlives the namespaces' exits, netdev.c), else the
	 * namespace's exit does.  Should a path ever miss it, the device
	 * waits for this reference ("waiting for ... to become free")
	 * instead of being freed under its hook.
	 */
	netdev_hold(dev, &od->tracker, GFP_KERNEL);
	od->keep = true;
	list_add(&od->list, &sn->offload_devs);
	WRITE_ONCE(sn->offload_ndevs, sn->offload_ndevs + 1);
}

/*
 * Make the ingress hooks those cfg needs: one on every registered interface
 * of its interface map when it has a services-offload policy, none
 * otherwise (cfg NULL: none).  Under RTNL, so that no device registers or
 * unregisters meanwhile; a device being unregistered is never hooked
 * (reg_state), so its NETDEV_UNREGISTER (which calls this again) leaves it
 * without.
 */
void sxf_offload_sync(struct sxf_net *sn, const struct sxf_cfg *cfg)
{
	struct sxf_offload_dev *od, *tmp;

	ASSERT_RTNL();
	list_for_each_entry(od, &sn->offload_devs, list)
		od->keep = false;
	if (cfg_offloads(cfg)) {
		const struct sxf_ifmap *m = rtnl_dereference(cfg->ifmap);
		u32 i;

		for (i = 0; m && m->count && i <= m->mask; i++) {
			struct net_device *dev;

			if (!m->ent[i].ifindex)
				continue;
			dev = __dev_get_by_index(sn->net, m->ent[i].ifindex);
			if (!dev || dev->reg_state != NETREG_REGISTERED || netif_is_l3_master(dev))
				continue;
			want_dev(sn, dev);
		}
	}
	list_for_each_entry_safe(od, tmp, &sn->offload_devs, list) {
		if (od->keep)
			continue;
		/*
		 * The hook entries are freed after a grace period, and until
		 * then a reader of them (nfnetlink_hook's dump) may still
		 * read od->ops: so is od.  A packet inside the hook holds
		 * the device itself.
		 */
		nf_unregister_net_hook(sn->net, &od->ops);
		netdev_put(od->ops.dev, &od->tracker);
		list_del(&od->list);
		kfree_rcu(od, rcu);
		WRITE_ONCE(sn->offload_ndevs, sn->offload_ndevs - 1);
	}
}

void sxf_offload_net_init(struct sxf_net *sn)
{
	INIT_LIST_HEAD(&sn->offload_devs);
	sn->offload_ndevs = 0;
	atomic_set(&sn->offload_sessions, 0);
}

/*
 * Namespace exit, module unload (RTNL): before the sessions and the
 * configuration go, once the netdevice notifier no longer sees the
 * namespace (sxf_net_live_del()), which would hook its devices again.
 */
void sxf_offload_net_exit(struct sxf_net *sn)
{
	sxf_offload_sync(sn, NULL);
}
