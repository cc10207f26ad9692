// SPDX-License-Identifier: GPL-2.0
/*
 * Every packet srxflow drops goes through sxf_drop(): it is counted under
 * its reason (show security flow statistics), and freed here.
 */
#include <linux/skbuff.h>
#include "engine.h"
#include "droprec.h"
#include "trace.h"
#include "srxflow_trace.h"

const char *const sxf_drop_reason_str[__SRXFLOW_DROP_MAX] = {
	[SRXFLOW_DROP_NONE]		= "none",
	[SRXFLOW_DROP_POLICY_DENY]	= "Denied by policy",
	[SRXFLOW_DROP_POLICY_REJECT]	= "Rejected by policy",
	[SRXFLOW_DROP_DEFAULT_DENY]	= "Denied by default policy",
	[SRXFLOW_DROP_NO_ROUTE]		= "No route present",
	[SRXFLOW_DROP_NO_REVERSE_ROUTE]	= "No reverse route",
	[SRXFLOW_DROP_WING_MISMATCH]	= "Wing interface mismatch",
	[SRXFLOW_DROP_TCP_NO_SYN]	= "TCP packet without SYN",
	[SRXFLOW_DROP_TCP_OUT_OF_WINDOW] = "TCP sequence out of window",
	[SRXFLOW_DROP_TCP_INVALID]	= "Invalid TCP packet",
	[SRXFLOW_DROP_INVALID_ZONE]	= "First path Invalid zone",
	[SRXFLOW_DROP_TABLE_FULL]	= "Session table full",
	[SRXFLOW_DROP_HOST_INBOUND]	= "Host inbound not allowed",
	[SRXFLOW_DROP_MALFORMED]	= "Malformed header",
	[SRXFLOW_DROP_NO_SESSION]	= "No session",
	[SRXFLOW_DROP_INVALIDATED]	= "Session invalidated",
	[SRXFLOW_DROP_FAMILY_DROP]	= "Family mode drop",
	[SRXFLOW_DROP_NO_MEMORY]	= "Out of memory",
	[SRXFLOW_DROP_TTL]		= "TTL exceeded",
	[SRXFLOW_DROP_XMIT]		= "Transmit error",
	[SRXFLOW_DROP_TOO_BIG]		= "Packet too big",
	[SRXFLOW_DROP_LAND]		= "Land attack",
	[SRXFLOW_DROP_NAT_POOL_EXHAUSTED] = "Source NAT pool exhausted",
	[SRXFLOW_DROP_NAT_FAILED]	= "NAT translation failed",
	[SRXFLOW_DROP_ICMP_MISMATCH]	= "ICMP error mismatch",
	[SRXFLOW_DROP_REROUTE_ZONE]	= "Reroute zone mismatch",
	[SRXFLOW_DROP_FWD_DISABLED]	= "Forwarding disabled",
	[SRXFLOW_DROP_RPF]		= "Reverse path check failed",
	[SRXFLOW_DROP_MARTIAN]		= "Martian address",
	[SRXFLOW_DROP_NOT_HOST]	= "Not addressed to host",
	[SRXFLOW_DROP_SOURCE_ROUTE]	= "Source route option",
	[SRXFLOW_DROP_XFRM_POLICY]	= "IPsec policy",
	[SRXFLOW_DROP_SCREEN]		= "Screen",
	[SRXFLOW_DROP_SYN_COOKIE]	= "SYN cookie invalid",
	[SRXFLOW_DROP_HOST_ROUTED]	= "Host packet routed onward",
	[SRXFLOW_DROP_ALG_GATE_IN_USE]	= "ALG data connection in use",
	[SRXFLOW_DROP_REPLY_IN_USE]	= "Reply tuple in use",
	[SRXFLOW_DROP_ALG_OUT_OF_ORDER]	= "ALG segment out of order",
};

/*
 * Count, record and free a dropped packet.  The skb is freed with a drop
 * reason (kfree_skb tracepoint, dropwatch): an out-of-tree module cannot
 * register a drop-reason subsystem on 6.1, so the kernel's reason is
 * NETFILTER_DROP and srxflow's own reason is in the srxflow:srxflow_drop
 * tracepoint, the packet-drop records and the statistics.
 *
 * A packet the router sends (LOCAL_OUT) is not freed here but answered
 * NF_DROP: netfilter frees it and the sender sees -EPERM (a stolen packet
 * would look sent).  The caller returns the verdict to netfilter, or frees
 * the packet itself on anything but NF_STOLEN.
 */
unsigned int sxf_drop(struct sxf_ctx *c, struct sk_buff *skb, enum srxflow_drop_reason r,
		      const char *detail)
{
	struct sxf_net *sn = c->sn;

	SXF_STAT_INC(sn, dropped);
	SXF_STAT_INC(sn, drop[r]);
	sxf_droprec_add(c, r, detail);
	trace_srxflow_drop(0, &c->pkt.t, 0, r);
	if (detail)
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_HOST | SXF_T_TCP,
			  "packet dropped, %s %s", sxf_drop_reason_str[r], detail);
	else
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_HOST | SXF_T_TCP,
			  "packet dropped, %s", sxf_drop_reason_str[r]);
	if (c->local_out)
		return NF_DROP;
	kfree_skb_reason(skb, SKB_DROP_REASON_NETFILTER_DROP);
	return NF_STOLEN;
}
