// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks: where packets enter srxflow.
 *
 * Hook points (per namespace, IPv4 and IPv6):
 *   PRE_ROUTING  transit and host-inbound traffic, right after the kernel's
 *                defragmentation (NF_IP_PRI_CONNTRACK_DEFRAG) and before raw
 *                and conntrack, so that the flow engine judges a packet
 *                before anything else keeps state about it.
 *   LOCAL_OUT    traffic the router originates (self-traffic).
 *
 * The Linux VRF driver runs PRE_ROUTING a second time with the VRF (l3mdev
 * master) device as input, and LOCAL_OUT a first time with the VRF device as
 * output; a packet is judged exactly once, on its real interface, so those
 * passes are let through untouched.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/netdevice.h>
#include <net/l3mdev.h>
#include "srxflow.h"

#define SXF_HOOK_PRIORITY	(NF_IP_PRI_CONNTRACK_DEFRAG + 1)

static unsigned int sxf_hook_in(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct sxf_net *sn = sxf_pernet(state->net);

	/* second PRE_ROUTING pass of the VRF driver: already judged */
	if (netif_is_l3_master(state->in))
		return NF_ACCEPT;

	SXF_STAT_INC(sn, bypass);
	return NF_ACCEPT;
}

static unsigned int sxf_hook_out(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	/* first LOCAL_OUT pass of a VRF-bound socket: judged on the real one */
	if (state->out && netif_is_l3_master(state->out))
		return NF_ACCEPT;
	return NF_ACCEPT;
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
};

int sxf_hooks_register(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);
	int err;

	err = nf_register_net_hooks(net, sxf_hook_ops, ARRAY_SIZE(sxf_hook_ops));
	if (!err)
		sn->hooks_registered = true;
	return err;
}

void sxf_hooks_unregister(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);

	if (sn->hooks_registered)
		nf_unregister_net_hooks(net, sxf_hook_ops, ARRAY_SIZE(sxf_hook_ops));
	sn->hooks_registered = false;
}
