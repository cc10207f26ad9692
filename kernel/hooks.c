// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks: where packets enter srxflow.
 *
 * Hook points (per namespace, IPv4 and IPv6):
 *   PRE_ROUTING  transit and host-inbound traffic, right after the kernel's
 *                defragmentation (NF_IP_PRI_CONNTRACK_DEFRAG) and before raw
 *                and conntrack: the flow engine judges a packet before
 *                anything else keeps state about it, and forwards zoned
 *                transit traffic itself (see fast_path.c).
 *   LOCAL_OUT    traffic the router originates (self-traffic).
 *   FORWARD      transit Linux routes from an interface in no zone into a
 *                zone: dropped ("First path Invalid zone").
 *
 * Interfaces not bound to a zone are not touched.  The Linux VRF driver
 * runs PRE_ROUTING a second time with the VRF (l3mdev master) device as
 * input, and LOCAL_OUT a first time with the VRF device as output: a
 * packet is judged exactly once, on its real interface, so those passes
 * are let through untouched.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/netfilter_bridge.h>
#include <linux/netdevice.h>
#include <net/l3mdev.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include "engine.h"
#include "trace.h"
#include "screen.h"

#define SXF_HOOK_PRIORITY	(NF_IP_PRI_CONNTRACK_DEFRAG + 1)

/*
 * The packet's context.  in: the arrival interface (NULL: the router's own
 * packet, LOCAL_OUT); vdev: the interface whose VRF the packet is in (the
 * arrival one, or the egress one, oif, for the router's own packets).
 * Everything before c->pkt is set here; c->pkt by sxf_parse() (the hooks'
 * contexts are __sxf_noinit).
 */
static void ctx_init(struct sxf_ctx *c, struct sxf_net *sn, const struct sxf_cfg *cfg,
		     const struct nf_hook_state *state, const struct sxf_ifmap *ifmap,
		     const struct sxf_ifent *ifent, struct net_device *in,
		     const struct net_device *vdev, int oif)
{
	memset(c, 0, offsetof(struct sxf_ctx, pkt));
	c->sn = sn;
	c->cfg = cfg;
	c->state = state;
	c->in = in;
	c->ifent = ifent;
	c->ifmap = ifmap;
	c->oif = oif;
	c->local_out = !in;
	c->vrf = sxf_dev_vrf(vdev);
	c->trace = 0;
}

/*
 * The dispatcher: session lookup, then the fast path or the first path.
 * Either may answer SXF_RETRY when the table changed under the packet (a
 * creation race lost to another CPU, a SYN over an ended session): the
 * packet is looked up again, a bounded number of times.
 */
static unsigned int dispatch(struct sxf_ctx *c, struct sk_buff *skb)
{
	unsigned int verdict;
	int tries = 3;

	do {
		struct sxf_wing *w = sxf_session_lookup(c->sn, &c->pkt.t);

		if (w)
			verdict = sxf_fast_path(c, skb, w);
		else if (c->local_out)
			verdict = sxf_self_traffic(c, skb);
		else
			verdict = sxf_first_path(c, skb);
	} while (verdict == SXF_RETRY && --tries);
	if (unlikely(verdict == SXF_RETRY))
		verdict = c->local_out ? NF_ACCEPT :
			  sxf_drop(c, skb, SRXFLOW_DROP_NO_SESSION, NULL);
	return verdict;
}

static unsigned int sxf_hook_in(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct sxf_net *sn = sxf_pernet(state->net);
	const struct sxf_ifent *ifent;
	const struct sxf_ifmap *ifmap;
	const struct sxf_cfg *cfg;
	struct sxf_ctx c __sxf_noinit;
	u8 family, mode;

	/* second PRE_ROUTING pass of the VRF driver: already judged */
	if (netif_is_l3_master(state->in))
		return NF_ACCEPT;
	cfg = rcu_dereference(sn->cfg);
	ifmap = rcu_dereference(cfg->ifmap);
	ifent = sxf_ifmap_lookup(ifmap, state->in->ifindex);
	if (!ifent) {
		/*
		 * Not in a zone: plain Linux (counted where zones exist).
		 * What it forwards into a zone is stopped at FORWARD.
		 */
		if (cfg->nr_ifaces)
			SXF_STAT_INC(sn, bypass);
		return NF_ACCEPT;
	}
	family = state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	mode = cfg->flow.mode[family == AF_INET6];
	if (mode == SRXFLOW_FWD_PACKET_BASED)
		return NF_ACCEPT;

	ctx_init(&c, sn, cfg, state, ifmap, ifent, state->in, state->in, 0);
	SXF_STAT_INC(sn, rx);
	if (sxf_parse(skb, family, c.vrf, &c.pkt)) {
		sxf_trace_packet(&c, skb);	/* what could be parsed is traced */
		return sxf_drop(&c, skb, SRXFLOW_DROP_MALFORMED, NULL);
	}
	sxf_trace_packet(&c, skb);
	/* after the parse: the drop record shows the packet's tuple */
	if (mode == SRXFLOW_FWD_DROP)
		return sxf_drop(&c, skb, SRXFLOW_DROP_FAMILY_DROP, NULL);
	if (c.pkt.fragment) {
		SXF_STAT_INC(sn, fragments);
		SXF_TRACE(&c, SXF_T_FRAG, "fragmented datagram reassembled, %u bytes", c.pkt.len);
	}
	/* screens: first and fast path, before anything else judges it */
	if (static_branch_unlikely(&sxf_screen_key) && ifent->zif->zone->scr) {
		unsigned int v = sxf_screen_packet(&c, skb, ifent->zif->zone->scr,
						   ifent->zif->scr_stats);

		if (v != NF_ACCEPT)
			return v;
	}
	if (unlikely(family == AF_INET && ip_hdr(skb)->ihl > 5) && sxf_fwd_ip_options(&c, skb))
		return NF_STOLEN;	/* malformed or source-route options: fwd_checks.c */
	if (unlikely(c.pkt.rthdr6) && sxf_fwd_ip6_rthdr(&c, skb))
		return NF_STOLEN;	/* a routing header the kernel would follow */
	if (c.pkt.icmp_err)
		return sxf_icmp_error(&c, skb);
	return dispatch(&c, skb);
}

static unsigned int sxf_hook_out(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct sxf_net *sn = sxf_pernet(state->net);
	const struct sxf_ifent *ifent;
	const struct sxf_ifmap *ifmap;
	const struct sxf_cfg *cfg;
	struct dst_entry *dst = skb_dst(skb);
	struct sxf_ctx c __sxf_noinit;
	u8 family;

	/*
	 * First LOCAL_OUT pass of a VRF-bound socket: judged on the real one.
	 * Through a VRF device with the default qdisc, vrf_ip_out_direct()
	 * runs the hook with out the VRF device and the slave's route, then
	 * __ip_local_out() again with the slave: one pass counts.
	 */
	if (!dst || netif_is_l3_master(dst->dev) ||
	    (state->out && netif_is_l3_master(state->out)))
		return NF_ACCEPT;
	cfg = rcu_dereference(sn->cfg);
	ifmap = rcu_dereference(cfg->ifmap);
	ifent = sxf_ifmap_lookup(ifmap, dst->dev->ifindex);
	if (!ifent)
		return NF_ACCEPT;
	family = state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	if (cfg->flow.mode[family == AF_INET6] != SRXFLOW_FWD_FLOW_BASED)
		return NF_ACCEPT;

	ctx_init(&c, sn, cfg, state, ifmap, ifent, NULL, dst->dev, dst->dev->ifindex);
	if (sxf_parse(skb, family, c.vrf, &c.pkt))
		return NF_ACCEPT;	/* the router's own packet: never blocked */
	sxf_trace_packet(&c, skb);
	if (c.pkt.icmp_err)
		return sxf_icmp_error(&c, skb);
	return dispatch(&c, skb);
}

/*
 * br_netfilter runs the IP hooks for what a bridge forwards (with
 * bridge-nf-call-iptables): a frame the bridge floods is the bridge's
 * business, not routed onward by Linux.  br_nf_forward_ip() gives the
 * packet its own copy of the bridge extension, sets physoutdev and passes
 * the bridge as out.  A frame for the router keeps its extension too
 * (ip_sabotage_in() marks it, frees nothing), so the extension alone does
 * not tell: when Linux routes such a packet onward, physoutdev is unset.
 */
static bool bridged(const struct sk_buff *skb, const struct nf_hook_state *state)
{
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	const struct nf_bridge_info *nb = nf_bridge_info_get(skb);

	return nb && nb->physoutdev && netif_is_bridge_master(state->out);
#else
	return false;
#endif
}

/* The interface a forwarded packet arrived on (not its VRF device). */
static int fwd_iif(const struct sk_buff *skb, const struct nf_hook_state *state)
{
	if (!netif_is_l3_master(state->in))
		return state->in->ifindex;
	return state->pf == NFPROTO_IPV4 ? IPCB(skb)->iif : IP6CB(skb)->iif;
}

/*
 * FORWARD: transit that Linux routes from an interface in no zone into a
 * zone.  On an SRX an interface in no zone passes nothing; here traffic
 * between two unzoned interfaces is left to Linux (loading the module cuts
 * nobody off), but nothing reaches a zone, or leaves one, through an
 * unzoned interface.  The other direction (zone to no zone) is refused by
 * the first path ("First path Invalid zone"); what srxflow forwards itself
 * arrived on a zoned interface and passes here (forward.c runs the hooks
 * only when another hook is there).
 *
 * Linux never forwards what arrives on a zoned interface in flow mode:
 * srxflow forwards it itself (NF_STOLEN at PRE_ROUTING) or accepts it for
 * the router only.  So a packet of a zoned interface that Linux forwards
 * all the same was accepted for the router and then routed onward past the
 * policy: a directed broadcast with bc_forwarding, multicast routing
 * (ipmr), a to-host session whose address the router no longer has.  It is
 * dropped ("Host packet routed onward").
 */
static unsigned int sxf_hook_fwd(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct sxf_net *sn = sxf_pernet(state->net);
	enum srxflow_drop_reason why;
	const struct sxf_ifent *ifent;
	const struct sxf_ifmap *ifmap;
	const struct sxf_cfg *cfg;
	struct net_device *in;
	struct sxf_ctx c;
	u8 family;
	int iif;

	cfg = rcu_dereference(sn->cfg);
	if (!cfg->nr_ifaces || !state->in || !state->out)
		return NF_ACCEPT;
	family = state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	if (cfg->flow.mode[family == AF_INET6] == SRXFLOW_FWD_PACKET_BASED)
		return NF_ACCEPT;
	ifmap = rcu_dereference(cfg->ifmap);
	iif = fwd_iif(skb, state);
	ifent = sxf_ifmap_lookup(ifmap, iif);
	if (ifent) {
		if (likely(sxf_fwd_own(state)) || bridged(skb, state))
			return NF_ACCEPT;
		why = SRXFLOW_DROP_HOST_ROUTED;
	} else {
		if (!sxf_ifmap_lookup(ifmap, state->out->ifindex))
			return NF_ACCEPT;
		why = SRXFLOW_DROP_INVALID_ZONE;	/* from no zone into a zone */
	}
	in = dev_get_by_index_rcu(state->net, iif) ? : state->in;
	ctx_init(&c, sn, cfg, state, ifmap, ifent, in, in, state->out->ifindex);
	if (sxf_parse(skb, family, c.vrf, &c.pkt))
		memset(&c.pkt, 0, sizeof(c.pkt));
	else
		sxf_trace_packet(&c, skb);
	return sxf_drop(&c, skb, why, ifent ? "(accepted for the router, forwarded by Linux)" :
			"(ingress interface in no zone)");
}

/*
 * Would the FORWARD hooks of net do nothing but sxf_hook_fwd() to a packet
 * srxflow forwards itself?  That hook accepts it (it arrived on a zoned
 * interface), so forward.c skips NF_HOOK(FORWARD) - nf_hook_slow(), a
 * retpolined indirect call, the interface lookup - when no one else has
 * a hook there.  Any other hook (an nftables forward chain) and all of
 * them run as before.  Under rcu_read_lock (a hook).
 */
bool sxf_fwd_hook_alone(const struct net *net, u8 pf)
{
	const struct nf_hook_entries *e;

	if (pf == NFPROTO_IPV4)
		e = rcu_dereference(net->nf.hooks_ipv4[NF_INET_FORWARD]);
	else
		e = rcu_dereference(net->nf.hooks_ipv6[NF_INET_FORWARD]);
	return !e || (e->num_hook_entries == 1 && e->hooks[0].hook == sxf_hook_fwd);
}

static const struct nf_hook_ops sxf_hook_ops[] = {
	{
		.hook		= sxf_hook_in,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= SXF_HOOK_PRIORITY,
	},
	{
		.hook		= sxf_hook_out,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= SXF_HOOK_PRIORITY,
	},
	{
		.hook		= sxf_hook_fwd,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_FORWARD,
		.priority	= SXF_HOOK_PRIORITY,
	},
	{
		.hook		= sxf_hook_in,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= SXF_HOOK_PRIORITY,
	},
	{
		.hook		= sxf_hook_out,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= SXF_HOOK_PRIORITY,
	},
	{
		.hook		= sxf_hook_fwd,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_FORWARD,
		.priority	= SXF_HOOK_PRIORITY,
	},
};

/*
 * The hooks are registered, and defragmentation enabled, in a namespace
 * when its configuration first binds an interface: merely loading the
 * module costs the namespaces that do not use it nothing (no hook on their
 * packet path).  They stay until the namespace goes away or the module is
 * unloaded.  Called with the namespace's txn_lock held.
 */
int sxf_hooks_enable(struct sxf_net *sn)
{
	int err;

	if (!sn->hooks_registered) {
		err = nf_register_net_hooks(sn->net, sxf_hook_ops, ARRAY_SIZE(sxf_hook_ops));
		if (err)
			return err;
		sn->hooks_registered = true;
	}
	if (sn->defrag_enabled)
		return 0;
	err = sxf_deps.defrag_v4_enable(sn->net);
	if (err)
		return err;
	err = sxf_deps.defrag_v6_enable(sn->net);
	if (err) {
		sxf_deps.defrag_v4_disable(sn->net);
		return err;
	}
	sn->defrag_enabled = true;
	return 0;
}

void sxf_hooks_unregister(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);

	if (sn->hooks_registered)
		nf_unregister_net_hooks(net, sxf_hook_ops, ARRAY_SIZE(sxf_hook_ops));
	sn->hooks_registered = false;
	if (sn->defrag_enabled) {
		sxf_deps.defrag_v6_disable(net);
		sxf_deps.defrag_v4_disable(net);
		sn->defrag_enabled = false;
	}
}
