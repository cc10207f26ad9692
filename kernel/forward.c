// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding of a packet with the route cached in a session wing.
 *
 * Forwarding is done here rather than by the kernel's routing because the
 * route of a wing is the flow engine's decision (reverse-route modes across
 * VRFs): TTL and MTU are handled like ip_forward()/ip6_forward(), the
 * FORWARD and POST_ROUTING hooks still run (nftables rules there see the
 * packet, as "ct state untracked"; srxflow's own FORWARD hook, which would
 * accept it, is skipped when it is the only one), and the packet leaves by
 * dst_output().
 *
 * The cached route is revalidated on every packet (dst_check()); when it
 * became invalid the wing's route is looked up again in the table the
 * session was created with.  A new route must leave by the same zone: one
 * into another zone (or no zone) does not carry the session (drop reason
 * "Reroute zone mismatch"; the session ends after route-change-timeout
 * unless the route comes back).  Before that, every packet passes the
 * kernel's forwarding safeguards (fwd_checks.c).
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/icmp.h>
#include <net/dst.h>
#include <net/route.h>
#include <net/ip6_route.h>
#include <net/netfilter/nf_conntrack.h>
#include "engine.h"
#include "trace.h"
#include "nat.h"
#include "seqadj.h"

static int forward_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	skb_clear_tstamp(skb);
	return dst_output(net, sk, skb);
}

/* the FORWARD hooks run for a packet srxflow forwards (below), not Linux */
bool sxf_fwd_own(const struct nf_hook_state *state)
{
	return state->okfn == forward_finish;
}

/* same interface and next hop: nothing to report */
static bool same_path(const struct sxf_wing *w, struct dst_entry *a, struct dst_entry *b)
{
	struct sxf_wing ta = { .t = w->t, .dst = a }, tb = { .t = w->t, .dst = b };
	struct srxflow_prefix ga, gb;

	if (a->dev != b->dev)
		return false;
	sxf_route_gateway(&ta, &ga);
	sxf_route_gateway(&tb, &gb);
	return !memcmp(ga.addr, gb.addr, sizeof(ga.addr));
}

/*
 * Re-look up the route of wing w (the old one became invalid), out of line:
 * its locals would cost every packet a bigger stack frame.  With the
 * packet's mark, as the first path looked it up (fwmark rules: a mark set
 * at ingress, tc or an nftables netdev chain, chooses the table).  Returns 0
 * with *dstp the new route, or the drop reason: no route, the router is
 * now the destination, IPsec policy, or a route out of the session's
 * egress zone (the zone of the interface the other wing arrives on: the
 * session was permitted for that zone pair only).
 */
static noinline int reroute(struct sxf_ctx *c, struct sxf_session *s, struct sxf_wing *w,
			    u32 mark, struct dst_entry **dstp)
{
	int none = w->dir ? SRXFLOW_DROP_NO_REVERSE_ROUTE : SRXFLOW_DROP_NO_ROUTE;
	const struct sxf_ifent *now, *was;
	const struct sxf_ifmap *m;
	u32 flags = READ_ONCE(s->flags);
	struct dst_entry *old;
	struct sxf_tuple t;
	struct sxf_route r;
	int vrf, err, out;

	/* the table the session was created with (mode, destination pool) */
	vrf = sxf_wing_route_vrf(s, w, flags);
	sxf_wing_route_tuple(s, w, &t);
	err = sxf_route_lookup(c->state->net, &t, c->pkt.tos, mark, vrf, &r);
	if (err || r.local ||
	    ((flags & SXF_SF_PKTMODE) && w->dir == 1 && r.oif == s->w[1].ifindex)) {
		if (r.dst)
			dst_release(r.dst);
		return err == SXF_EXFRM ? SRXFLOW_DROP_XFRM_POLICY : none;
	}
	out = READ_ONCE(s->w[!w->dir].ifindex);
	if (r.oif != out) {
		m = c->ifmap;
		now = sxf_ifmap_lookup(m, r.oif);
		was = sxf_ifmap_lookup(m, out);
		if (!now || !was || now->zone != was->zone) {
			/* a new zone pair needs a policy decision: not this session's */
			if (!(flags & SXF_SF_ROUTE_LOST))
				SXF_TRACE(c, SXF_T_ROUTE | SXF_T_DATAPATH,
					  "route of session %llu wing %s now leads to %s, zone %s, not zone %s: dropped",
					  s->id, w->dir ? "Out" : "In",
					  sxf_dev_label(c->cfg, r.dst->dev), now ? sxf_zone_name(c->cfg, now->zone) : "(none)",
					  was ? sxf_zone_name(c->cfg, was->zone) : "(none)");
			dst_release(r.dst);
			return SRXFLOW_DROP_REROUTE_ZONE;
		}
	}
	w->cookie = r.cookie;
	old = xchg(&w->dst, r.dst);
	*dstp = r.dst;
	if (old && !(flags & SXF_SF_ROUTE_LOST) && same_path(w, old, r.dst)) {
		/* a route changed somewhere else (the generation is global) */
		dst_release(old);
		return 0;
	}
	if (old)
		dst_release(old);
	/* replies now arrive where the new route leads */
	WRITE_ONCE(s->w[!w->dir].ifindex, r.oif);
	SXF_STAT_INC(c->sn, rerouted);
	SXF_TRACE(c, SXF_T_ROUTE | SXF_T_DATAPATH,
		  "route of session %llu wing %s changed: now via %s (table %u)",
		  s->id, w->dir ? "Out" : "In", sxf_dev_label(c->cfg, r.dst->dev),
		  sxf_vrf_table(c->state->net, vrf));
	return 0;
}

/*
 * Mark the session's route lost, and whose (only that wing's route coming
 * back clears it: the other direction forwarding meanwhile proves
 * nothing).  False when it was lost already.
 */
static bool route_lost_mark(struct sxf_session *s, const struct sxf_wing *w)
{
	u32 old = READ_ONCE(s->flags), new;

	do {
		if (old & SXF_SF_ROUTE_LOST)
			return false;
		new = old | SXF_SF_ROUTE_LOST | (w->dir ? SXF_SF_ROUTE_LOST_OUT : 0);
	} while (!try_cmpxchg(&s->flags, &old, new));
	return true;
}

/* w forwards again: was its route the one lost?  Then that is over. */
static bool route_back(struct sxf_session *s, const struct sxf_wing *w)
{
	u32 old = READ_ONCE(s->flags);

	do {
		if (!(old & SXF_SF_ROUTE_LOST) || !(old & SXF_SF_ROUTE_LOST_OUT) != !w->dir)
			return false;
	} while (!try_cmpxchg(&s->flags, &old, old & ~(SXF_SF_ROUTE_LOST | SXF_SF_ROUTE_LOST_OUT)));
	return true;
}

static unsigned int route_lost(struct sxf_ctx *c, struct sk_buff *skb,
			       struct sxf_session *s, struct sxf_wing *w, int why)
{
	/* keep the session for route-change-timeout, in case it comes back */
	if (route_lost_mark(s, w)) {
		sxf_session_never_update(s);	/* never: not while lost */
		sxf_session_expire_in(s, c->cfg->flow.route_change_timeout);
		SXF_TRACE(c, SXF_T_ROUTE | SXF_T_DATAPATH,
			  "route of session %llu wing %s is %s: session ends in %u s unless it comes back",
			  s->id, w->dir ? "Out" : "In",
			  why == SRXFLOW_DROP_REROUTE_ZONE ? "in another zone" : "gone",
			  c->cfg->flow.route_change_timeout);
	}
	return sxf_drop(c, skb, why, NULL);
}

/*
 * As ip_exceeds_mtu() / ip6_pkt_too_big(): a datagram reassembled by the
 * defragmentation is judged by its largest fragment (it is fragmented
 * again on output), GSO packets by their segments.
 */
static bool exceeds_mtu4(const struct sk_buff *skb, const struct iphdr *iph, unsigned int mtu)
{
	if (skb->len <= mtu || !(iph->frag_off & htons(IP_DF)))
		return false;
	if (IPCB(skb)->frag_max_size > mtu)
		return true;
	if (skb->ignore_df)
		return false;
	return !skb_is_gso(skb) || !skb_gso_validate_network_len(skb, mtu);
}

static bool exceeds_mtu6(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	if (IP6CB(skb)->frag_max_size && IP6CB(skb)->frag_max_size > mtu)
		return true;
	if (skb->ignore_df)
		return false;
	return !skb_is_gso(skb) || !skb_gso_validate_network_len(skb, mtu);
}

/*
 * An ICMP error from this router about skb, which is then dropped: time
 * exceeded (ttl), or frag needed / packet too big with mtu.  As the
 * kernel's forward path sends them: icmp_send() takes the VRF and the
 * source address from skb's route, here the wing's (a dst a tunnel's
 * receive left, its metadata, is let go, not overwritten and leaked);
 * icmpv6_send() from skb->dev, the arrival interface.
 */
static void icmp_error_here(struct sxf_ctx *c, struct sk_buff *skb, struct dst_entry *dst,
			    bool ttl, unsigned int mtu)
{
	if (c->pkt.family == AF_INET) {
		skb_dst_drop(skb);
		skb_dst_set_noref(skb, dst);
		if (ttl)
			icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
		else
			icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
	} else {
		skb->dev = c->in;
		if (ttl)
			icmpv6_send(skb, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, 0);
		else
			icmpv6_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	}
}

/*
 * returns 0, or the drop reason.  The MTU as ip_forward()/ip6_forward()
 * take it (ip*_dst_mtu_maybe_forward()): the route's and the device's, not
 * a path MTU the router learned from an ICMP error (easily forged) unless
 * it is locked or ip_forward_use_pmtu says so.
 */
static int forward4(struct sxf_ctx *c, struct sk_buff *skb, struct dst_entry *dst)
{
	unsigned int mtu = ip_dst_mtu_maybe_forward(dst, true);
	struct iphdr *iph = ip_hdr(skb);

	if (exceeds_mtu4(skb, iph, mtu)) {
		/* path MTU discovery */
		icmp_error_here(c, skb, dst, false, mtu);
		return SRXFLOW_DROP_TOO_BIG;
	}
	if (skb_cow(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len))
		return SRXFLOW_DROP_NO_MEMORY;
	ip_decrease_ttl(ip_hdr(skb));
	IPCB(skb)->flags |= IPSKB_FORWARDED;
	return 0;
}

static int forward6(struct sxf_ctx *c, struct sk_buff *skb, struct dst_entry *dst)
{
	unsigned int mtu = max_t(unsigned int, ip6_dst_mtu_maybe_forward(dst, true),
				 IPV6_MIN_MTU);

	if (exceeds_mtu6(skb, mtu)) {
		icmp_error_here(c, skb, dst, false, mtu);
		return SRXFLOW_DROP_TOO_BIG;
	}
	if (skb_cow(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len))
		return SRXFLOW_DROP_NO_MEMORY;
	ipv6_hdr(skb)->hop_limit--;
	IP6CB(skb)->flags |= IP6SKB_FORWARDED;
	return 0;
}

/* Forward skb with the route of wing w. */
unsigned int sxf_forward(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
			 struct sxf_wing *w)
{
	struct dst_entry *dst = READ_ONCE(w->dst);
	u8 pf = c->pkt.family == AF_INET ? NFPROTO_IPV4 : NFPROTO_IPV6;
	u32 flags;
	int why;

	if (!dst)
		return sxf_drop(c, skb, w->dir ? SRXFLOW_DROP_NO_REVERSE_ROUTE :
				SRXFLOW_DROP_NO_ROUTE, NULL);
	why = sxf_fwd_pkt_check(c, skb);
	if (unlikely(why))
		return sxf_drop(c, skb, why, NULL);
	/*
	 * As dst_check(): live routes carry DST_OBSOLETE_FORCE_CHK (-1) and
	 * ->check() compares the route generation (IPv4: rt_genid, bumped by
	 * every route, rule and xfrm policy change; IPv6: the fib6 node's
	 * serial number against the cookie).  NULL means look up again.
	 */
	if (unlikely(!dst_check(dst, w->cookie))) {
		why = reroute(c, s, w, skb->mark, &dst);
		if (why)
			return route_lost(c, skb, s, w, why);
	}
	if (unlikely(READ_ONCE(s->flags) & SXF_SF_ROUTE_LOST) && route_back(s, w)) {
		sxf_session_never_update(s);
		sxf_session_expire_in(s, s->timeout);
	}
	flags = READ_ONCE(s->flags);
	if (c->pkt.ttl <= 1) {
		/*
		 * Answered here, from this route, as too big packets are; not
		 * left to the kernel, which routes the packet as it arrived: a
		 * translated session's packet arrives addressed to the
		 * translated address, which can be the router's own (interface
		 * NAT, destination NAT of an interface address), and the kernel
		 * would deliver it to the router's own socket of that port,
		 * past host-inbound-traffic.
		 */
		icmp_error_here(c, skb, dst, true, 0);
		return sxf_drop(c, skb, SRXFLOW_DROP_TTL, NULL);
	}
	why = pf == NFPROTO_IPV4 ? forward4(c, skb, dst) : forward6(c, skb, dst);
	/* NAT after the MTU check: a frag needed goes to the untranslated source */
	if (!why && (flags & SXF_SF_NAT))
		why = sxf_nat_rewrite(c, skb, s, w);
	if (!why && unlikely(flags & SXF_SF_SEQADJ)) {
		if (c->pkt.icmp_err)	/* it quotes a packet of the other direction */
			why = sxf_seqadj_icmp_error(skb, s, !w->dir, &c->pkt);
		else if (c->pkt.proto == IPPROTO_TCP)
			why = sxf_seqadj_apply(skb, s, w->dir, c->pkt.thoff);
	}
	if (why)
		return sxf_drop(c, skb, why, NULL);

	skb_dst_drop(skb);
	skb_dst_set_noref(skb, dst);
	skb_forward_csum(skb);
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	/*
	 * conntrack does not track what the flow engine forwards.  A
	 * reference attached before us (tc act_ct on ingress) is put, not
	 * overwritten and leaked.
	 */
	nf_reset_ct(skb);
	nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
#endif
	SXF_STAT_INC(c->sn, forwarded);
	SXF_STAT_INC(c->sn, tx);
	if (likely(sxf_fwd_hook_alone(c->state->net, pf)))
		forward_finish(c->state->net, NULL, skb);
	else
		NF_HOOK(pf, NF_INET_FORWARD, c->state->net, NULL, skb, c->in, dst->dev,
			forward_finish);
	return NF_STOLEN;
}
