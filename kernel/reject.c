// SPDX-License-Identifier: GPL-2.0
/*
 * Answers of `then reject` and of zone `tcp-rst`: a TCP RST for TCP, an
 * ICMP port unreachable for UDP (Junos behaviour; other protocols are
 * dropped silently).  The answer is routed in the table of the interface
 * the offending packet arrived on, so it goes back where it came from even
 * across VRFs, and is sent as router-originated traffic.
 *
 * Answers are rate-limited per namespace, as Linux limits the ICMP errors
 * it sends (net.ipv4.icmp_msgs_per_sec and icmp_msgs_burst, 1000 and 50
 * by default): a flood of denied packets, their sources spoofed, never
 * turns the firewall into a reflector at the flood's rate.  Answers not
 * sent are counted ("Rejects not answered (rate limit)").
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include "engine.h"

#define SXF_ANSWERS_PER_SEC	1000
#define SXF_ANSWERS_BURST	50

void sxf_reject_net_init(struct sxf_net *sn)
{
	spin_lock_init(&sn->answers.lock);
	sn->answers.stamp = jiffies;
	sn->answers.credit = SXF_ANSWERS_BURST;
}

/*
 * A token bucket: SXF_ANSWERS_PER_SEC tokens a second, at most
 * SXF_ANSWERS_BURST held.  The lock is taken from softirq (forwarded
 * packets) and from process context (local output): _bh.
 */
static bool answer_allowed(struct sxf_ctx *c)
{
	struct sxf_net *sn = c->sn;
	unsigned long now = jiffies, delta;
	bool ok = false;
	u32 incr;

	spin_lock_bh(&sn->answers.lock);
	delta = min_t(unsigned long, now - sn->answers.stamp, HZ);
	incr = delta * SXF_ANSWERS_PER_SEC / HZ;
	if (incr) {	/* (else the jiffies accumulate until one token is due) */
		sn->answers.credit = min_t(u32, sn->answers.credit + incr, SXF_ANSWERS_BURST);
		sn->answers.stamp = now;
	}
	if (sn->answers.credit) {
		sn->answers.credit--;
		ok = true;
	}
	spin_unlock_bh(&sn->answers.lock);
	if (!ok)
		SXF_STAT_INC(sn, answers_limited);
	return ok;
}

static void send_answer(struct sxf_ctx *c, struct sk_buff *nskb)
{
	struct net *net = c->state->net;
	struct sxf_tuple t = { 0 };
	struct sxf_route r;

	/* route back to the offender: its address is the answer's destination */
	t.family = c->pkt.family;
	t.proto = c->pkt.proto;
	t.dst = c->pkt.t.src;
	if (sxf_route_lookup(net, &t, 0, 0, c->vrf, &r) || r.local || !r.dst) {
		if (r.dst)
			dst_release(r.dst);
		kfree_skb(nskb);
		return;
	}
	skb_dst_set(nskb, r.dst);
	nskb->dev = r.dst->dev;
	nskb->mark = 0;
	if (c->pkt.family == AF_INET)
		ip_local_out(net, NULL, nskb);
	else
		ip6_local_out(net, NULL, nskb);
}

/*
 * May the router answer this packet (an RST, an ICMP error, a SYN
 * cookie)?  Only one sent to this host alone, from a host: never a
 * broadcast or multicast frame or destination (as nf_send_reset() refuses
 * broadcast and multicast routes, RFC 1122 4.2.3.10), nor a source no
 * answer may go to.  Also for answers given before the route is known
 * (tcp-rst, SYN cookies).  dtype: the IPv4 destination's address type
 * (sxf_dst_type(), which a caller may need itself: one lookup).
 */
bool sxf_answerable(const struct sxf_ctx *c, const struct sk_buff *skb, int dtype)
{
	const struct sxf_tuple *t = &c->pkt.t;

	if (skb->pkt_type != PACKET_HOST || sxf_tuple_is_multicast(t))
		return false;
	if (t->family == AF_INET)
		return !ipv4_is_multicast(t->src.v4) && !ipv4_is_lbcast(t->src.v4) &&
		       !ipv4_is_zeronet(t->src.v4) && !ipv4_is_zeronet(t->dst.v4) &&
		       dtype != RTN_BROADCAST;
	return !ipv6_addr_is_multicast(&t->src.v6) && !ipv6_addr_any(&t->src.v6);
}

/* the destination's address type as the ingress interface sees it (IPv4; IPv6: unicast) */
int sxf_dst_type(const struct sxf_ctx *c)
{
	if (c->pkt.family != AF_INET)
		return RTN_UNICAST;
	return inet_addr_type_dev_table(c->state->net, c->in, c->pkt.t.dst.v4);
}

void sxf_send_tcp_rst(struct sxf_ctx *c, struct sk_buff *skb)
{
	struct sk_buff *nskb;

	if (!sxf_answerable(c, skb, sxf_dst_type(c)) || !answer_allowed(c))
		return;
	if (c->pkt.family == AF_INET)
		nskb = sxf_deps.reject_v4_tcp_reset(c->state->net, skb, c->in,
						  NF_INET_PRE_ROUTING);
	else
		nskb = sxf_deps.reject_v6_tcp_reset(c->state->net, skb, c->in,
						  NF_INET_PRE_ROUTING);
	if (nskb)
		send_answer(c, nskb);
}

void sxf_reject(struct sxf_ctx *c, struct sk_buff *skb)
{
	struct sk_buff *nskb = NULL;

	if (c->pkt.proto == IPPROTO_TCP) {
		if (!(c->pkt.tcp_flags & SXF_TCP_RST))
			sxf_send_tcp_rst(c, skb);
		return;
	}
	if (c->pkt.proto != IPPROTO_UDP || !sxf_answerable(c, skb, sxf_dst_type(c)) ||
	    !answer_allowed(c))
		return;
	if (c->pkt.family == AF_INET)
		nskb = sxf_deps.reject_v4_unreach(c->state->net, skb, c->in,
						NF_INET_PRE_ROUTING, ICMP_PORT_UNREACH);
	else
		nskb = sxf_deps.reject_v6_unreach(c->state->net, skb, c->in,
						NF_INET_PRE_ROUTING, ICMPV6_PORT_UNREACH);
	if (nskb)
		send_answer(c, nskb);
}
