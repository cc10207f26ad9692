// SPDX-License-Identifier: GPL-2.0
/*
 * The fast path: a packet that matches a session wing.  No policy lookup,
 * no allocation, no lock shared between CPUs (a session's own lock only
 * for TCP state): arrival-interface check, TCP tracking, counters, timeout
 * refresh, then forwarding with the wing's cached route (forward.c).
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
#include "syncookie.h"
#include "offload.h"
#include "alg.h"
#include "nat.h"
#include "seqadj.h"
#include "screen_rate.h"

/*
 * Wing interface check.  With enable-reverse-reroute the wing follows,
 * within its zone: the session was permitted for one zone pair, and an
 * interface of another zone (or of none) never takes it over.
 */
static noinline bool arrival_may_move(struct sxf_ctx *c, struct sxf_wing *w)
{
	const struct sxf_ifent *was;

	if (!c->ifent->zif->zone->reverse_reroute)
		return false;
	was = sxf_ifmap_lookup(c->ifmap, READ_ONCE(w->ifindex));
	return was && was->zone == c->ifent->zone;
}

/*
 * ... and the move itself, once the packet has passed the TCP tracking: a
 * spoofed segment (out of window, invalid) from another interface of the
 * zone never moves the wing nor re-routes the other direction.  The other
 * direction is routed with this packet's mark, as the first path routed
 * the reply with the first packet's, and in its own table (forward.c's
 * reroute() uses the same one): a session between two routing tables
 * keeps each direction in the table the first path chose for it, not the
 * table of the interface this packet came in on.
 */
static noinline void arrival_move(struct sxf_ctx *c, struct sxf_session *s, struct sxf_wing *w,
				  u32 mark)
{
	int ifindex = c->in->ifindex;

	/* replies come in elsewhere now: send the other direction there too */
	WRITE_ONCE(w->ifindex, ifindex);
	if (!(READ_ONCE(s->w[!w->dir].flags) & (SXF_WF_LOCAL | SXF_WF_SELF))) {
		struct sxf_wing *o = &s->w[!w->dir];
		const struct sxf_ifent *to = NULL;
		u32 flags = READ_ONCE(s->flags);
		struct sxf_tuple t;
		struct sxf_route r;

		sxf_wing_route_tuple(s, o, &t);
		/* (packet mode: never back out by the interface replies come in on) */
		if (!sxf_route_lookup(c->state->net, &t, c->pkt.tos, mark,
				      sxf_wing_route_vrf(s, o, flags), &r) &&
		    !r.local && r.dst &&
		    !((flags & SXF_SF_PKTMODE) && o->dir == 1 && r.oif == READ_ONCE(s->w[1].ifindex)))
			to = sxf_ifmap_lookup(c->ifmap, r.oif);
		if (to && to->zone == c->ifent->zone) {
			o->cookie = r.cookie;
			dst_release(xchg(&o->dst, r.dst));
			o->flags &= ~SXF_WF_NOROUTE;
		} else if (r.dst) {
			dst_release(r.dst);
		}
	}
	SXF_STAT_INC(c->sn, rerouted);
}

/*
 * The reply to an ICMP query (one session per request, as Junos): the
 * session has done its work and ages out shortly, closing with "response
 * received".  Duplicate replies only find it answered already.
 */
static void icmp_answered(struct sxf_ctx *c, struct sxf_session *s)
{
	u32 old = READ_ONCE(s->flags);

	if (READ_ONCE(s->close_reason) == SXF_CLOSE_ICMP_REPLY)
		return;
	WRITE_ONCE(s->close_reason, SXF_CLOSE_ICMP_REPLY);
	/* inactivity-timeout never does not keep an answered query */
	while ((old & (SXF_SF_NEVER | SXF_SF_NEVER_CFG)) &&
	       !try_cmpxchg(&s->flags, &old, old & ~(SXF_SF_NEVER | SXF_SF_NEVER_CFG)))
		;
	sxf_session_set_timeout(s, SXF_TO_ICMP_ANSWERED);
	SXF_TRACE(c, SXF_T_DATAPATH, "session %llu: icmp response received", s->id);
}

unsigned int sxf_fast_path(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_wing *w)
{
	struct sxf_session *s = sxf_wing_session(w);
	const struct sxf_pkt *p = &c->pkt;
	u32 flags = READ_ONCE(s->flags);
	bool moved = false, passed = false;

	SXF_STAT_INC(c->sn, fast_path);
	SXF_TRACE(c, SXF_T_DATAPATH, "  flow got session.");
	SXF_TRACE(c, SXF_T_DATAPATH, "  flow session id %llu (wing %s, policy %u)",
		  s->id, w->dir ? "Out" : "In", s->policy);
	if (unlikely(flags & SXF_SF_DEAD))
		return c->local_out ? NF_ACCEPT :
		       sxf_drop(c, skb, SRXFLOW_DROP_NO_SESSION, NULL);
	if (unlikely(flags & SXF_SF_EXT) && sxf_alg_orphan(s)) {
		/* an ALG data session whose control session closed */
		sxf_session_remove(c->sn, s, sxf_alg_orphan_reason(s, flags));
		return SXF_RETRY;
	}
	if (unlikely(sxf_session_timed_out(s, flags))) {
		/* timed out, the ageing worker has not reached it yet: never revived */
		sxf_session_remove(c->sn, s, sxf_session_expiry_reason(s, flags));
		return SXF_RETRY;
	}

	if (c->local_out) {
		/* the router's own packet: only its own wings are tracked */
		if (!(w->flags & SXF_WF_SELF))
			return NF_ACCEPT;
	} else if (unlikely(w->flags & SXF_WF_SELF)) {
		/* from the network, but claims to be the router's own flow */
		return sxf_drop(c, skb, SRXFLOW_DROP_WING_MISMATCH, NULL);
	} else if (unlikely(READ_ONCE(w->ifindex) != c->in->ifindex)) {
		/* (out of line: its locals would cost every packet a bigger stack frame) */
		if (!arrival_may_move(c, w))
			return sxf_drop(c, skb, SRXFLOW_DROP_WING_MISMATCH, NULL);
		moved = true;
	}

	if (p->proto == IPPROTO_TCP) {
		u8 old_state = s->tcp_state;

		if (unlikely(flags & SXF_SF_OFFLOADED))
			sxf_offload_tcp_resync(s);	/* its windows went by untracked */

		switch (sxf_tcp_packet(c->sn, s, w->dir, p, &c->cfg->flow)) {
		case SXF_TCP_OK:
			break;
		case SXF_TCP_PASS:
			/*
			 * forwarded, the end judges it (an old segment, an RST
			 * or a FIN not exact, a blind one): proves nothing,
			 * moves no wing, keeps nothing alive
			 */
			moved = false;
			passed = true;
			break;
		case SXF_TCP_NEW:
			/* SYN reusing the tuple of an ended session */
			sxf_session_remove(c->sn, s, s->close_reason ? : SXF_CLOSE_TCP_FIN);
			return SXF_RETRY;
		case SXF_TCP_DROP_WINDOW:
			return c->local_out ? NF_ACCEPT :
			       sxf_drop(c, skb, SRXFLOW_DROP_TCP_OUT_OF_WINDOW, NULL);
		case SXF_TCP_DROP_INVALID:
			return c->local_out ? NF_ACCEPT :
			       sxf_drop(c, skb, SRXFLOW_DROP_TCP_INVALID, NULL);
		}
		if (old_state != s->tcp_state)
			SXF_TRACE(c, SXF_T_TCP | SXF_T_DATAPATH, "tcp session %llu: %s -> %s",
				  s->id, sxf_tcp_state_name(old_state), sxf_tcp_state_name(s->tcp_state));
		/*
		 * syn-ack-ack-proxy: the handshake is over, the source's count
		 * goes back; not before the session is linked (a failed link
		 * gives the count back itself, first_path.c)
		 */
		if (unlikely(flags & SXF_SF_SCR_SAA) && (flags & SXF_SF_LINKED) &&
		    s->tcp_state > SXF_TCP_SYN_RECV)
			sxf_screen_saa_done(c->sn, s);
		if ((s->tcp_state == SXF_TCP_ESTABLISHED || s->tcp_state == SXF_TCP_FIN_WAIT) &&
		    !(flags & SXF_SF_ROUTE_LOST) && !passed)
			sxf_session_touch(s);
	} else if (!(flags & (SXF_SF_INVALID | SXF_SF_ROUTE_LOST))) {
		/* (while its route is lost, route-change-timeout runs instead) */
		sxf_session_touch(s);
		/* (a reply with no reverse route is dropped: not an answer) */
		if (p->icmp_query && p->icmp_reply && w->dir && !(w->flags & SXF_WF_NOROUTE))
			icmp_answered(c, s);
	}

	/* enable-reverse-reroute: the packet passed, the wing follows it */
	if (unlikely(moved))
		arrival_move(c, s, w, skb->mark);
	atomic64_inc(&w->pkts);
	atomic64_add(p->len, &w->bytes);
	if (likely(!passed))
		sxf_offload_check(c->sn, s, flags, p->proto);

	/* the server answers the SYN a SYN cookie's session replayed */
	if (unlikely(flags & SXF_SF_SYNCOOKIE) && w->dir == 1 && !c->local_out &&
	    (p->tcp_flags & (SXF_TCP_SYN | SXF_TCP_ACK)) == (SXF_TCP_SYN | SXF_TCP_ACK) &&
	    s->tcp_state == SXF_TCP_SYN_RECV) {
		unsigned int v = sxf_syncookie_synack(c, skb, s);

		if (v != NF_ACCEPT)
			return v;
	} else if (unlikely(flags & SXF_SF_SYNCOOKIE) && w->dir == 1 && !c->local_out &&
		   (p->tcp_flags & SXF_TCP_RST)) {
		unsigned int v = sxf_syncookie_rst(c, skb, s);

		if (v != NF_ACCEPT)
			return v;
	}

	if (c->local_out || (w->flags & SXF_WF_LOCAL)) {
		if (c->local_out)
			return NF_ACCEPT;
		/* the kernel would follow it past the policy (fwd_checks.c) */
		if (unlikely(c->pkt.rthdr6))
			return sxf_drop(c, skb, SRXFLOW_DROP_SOURCE_ROUTE,
					"(IPv6 routing header to the router)");
		SXF_STAT_INC(c->sn, host);
		return NF_ACCEPT;
	}
	if (w->flags & SXF_WF_NOROUTE)
		return sxf_drop(c, skb, w->dir ? SRXFLOW_DROP_NO_REVERSE_ROUTE :
				SRXFLOW_DROP_NO_ROUTE, NULL);
	if (unlikely(flags & SXF_SF_EXT)) {
		/* ALG: read (and rewrite) the payload before it is forwarded */
		int why = sxf_alg_packet(c, skb, s, w, passed);

		if (why)
			return sxf_drop(c, skb, why, NULL);
	}
	return sxf_forward(c, skb, s, w);
}

static bool addr_eq(const struct sxf_tuple *a, const struct sxf_tuple *b)
{
	/* (an error quotes its own family only: packet.c parse_l4()) */
	if (unlikely(a->family != b->family))
		return false;
	return a->family == AF_INET ? a->dst.v4 == b->dst.v4 :
	       ipv6_addr_equal(&a->dst.v6, &b->dst.v6);
}

/*
 * The router's own ICMP error about a translated transit packet (the
 * kernel's, after srxflow forwarded it: a next hop that does not answer
 * ARP or neighbour discovery, ipv4_link_failure()): it quotes the packet
 * as translated, which neither the initiator's stack would match nor its
 * side should see.  Translated back as an error forwarded along wing w
 * is; when its destination changed (source NAT: from the pool address to
 * the host behind it), sent on w's route as forwarded errors are (the
 * VRF of the initiator's side), re-routed if that one is gone.  An error
 * to an address of the router itself (interface NAT) is delivered
 * locally: srxflow never sees it.
 */
static unsigned int local_error_nat(struct sxf_ctx *c, struct sk_buff *skb,
				    struct sxf_session *s, const struct sxf_wing *w)
{
	const struct sxf_tuple *o = &s->w[!w->dir].t;
	struct dst_entry *dst;
	bool moved;
	int why, err;

	/* its new destination: where the quoted packet came from, as it arrived */
	moved = o->family == AF_INET ? c->pkt.t.dst.v4 != o->src.v4 :
		!ipv6_addr_equal(&c->pkt.t.dst.v6, &o->src.v6);
	why = sxf_nat_rewrite(c, skb, s, w);
	if (!why && unlikely(READ_ONCE(s->flags) & SXF_SF_SEQADJ))
		why = sxf_seqadj_icmp_error(skb, s, !w->dir, &c->pkt);
	if (why)
		return sxf_drop(c, skb, why, NULL);
	if (!moved)
		return NF_ACCEPT;
	/* the route of w's packets, in the VRF they leave in; else a new one */
	dst = READ_ONCE(w->dst);
	if (dst && dst_check(dst, READ_ONCE(w->cookie)) && dst_hold_safe(dst)) {
		skb_dst_drop(skb);
		skb_dst_set(skb, dst);
		return NF_ACCEPT;
	}
	if (c->pkt.t.family == AF_INET)
		err = ip_route_me_harder(c->state->net, c->state->sk, skb, RTN_UNSPEC);
	else
		err = nf_ip6_route_me_harder(c->state->net, c->state->sk, skb);
	return err ? sxf_drop(c, skb, SRXFLOW_DROP_NO_ROUTE, "(the router's ICMP error, translated)") :
		     NF_ACCEPT;
}

/*
 * An ICMP error: forwarded along the session its embedded header belongs
 * to (so that path MTU discovery works), dropped when there is none.  As
 * nf_conntrack_inet_error() does, the error must be addressed to the
 * sender of the packet it quotes (outer destination == embedded source,
 * i.e. the destination of the wing it travels on), and it must arrive
 * where that wing's packets arrive: a crafted error never reaches another
 * host on the initiator's side, nor comes in from another interface.
 */
unsigned int sxf_icmp_error(struct sxf_ctx *c, struct sk_buff *skb)
{
	struct sxf_wing *w = sxf_session_lookup(c->sn, &c->pkt.inner);
	struct sxf_session *s;
	u32 flags;

	if (w) {
		s = sxf_wing_session(w);
		flags = READ_ONCE(s->flags);
		/* timed out, the ageing worker has not reached it yet: gone */
		if (unlikely(sxf_session_timed_out(s, flags)))
			w = NULL;
	}
	if (!w)
		return c->local_out ? NF_ACCEPT :
		       sxf_drop(c, skb, SRXFLOW_DROP_NO_SESSION, NULL);
	if (c->local_out) {
		SXF_STAT_INC(c->sn, icmp_err);
		/* the router's own error about a transit packet */
		if ((flags & SXF_SF_NAT) && !(w->flags & SXF_WF_SELF) && addr_eq(&c->pkt.t, &w->t))
			return local_error_nat(c, skb, s, w);
		return NF_ACCEPT;
	}
	if (unlikely(!addr_eq(&c->pkt.t, &w->t)))
		return sxf_drop(c, skb, SRXFLOW_DROP_ICMP_MISMATCH, "(destination is not the quoted source)");
	/* strictly: an error never moves a wing (enable-reverse-reroute) */
	if (unlikely((w->flags & SXF_WF_SELF) || (flags & SXF_SF_DEAD) ||
		     READ_ONCE(w->ifindex) != c->in->ifindex))
		return sxf_drop(c, skb, SRXFLOW_DROP_ICMP_MISMATCH, "(wrong arrival interface)");
	SXF_STAT_INC(c->sn, icmp_err);
	if (w->flags & SXF_WF_LOCAL)
		return NF_ACCEPT;
	if (w->flags & SXF_WF_NOROUTE)
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_REVERSE_ROUTE, NULL);
	return sxf_forward(c, skb, s, w);
}
