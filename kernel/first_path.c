// SPDX-License-Identifier: GPL-2.0
/*
 * The first path: what the first packet of a flow goes through, once, as
 * a fixed pipeline of stages over one state (struct sxf_fp):
 *
 *   1. screens                      (the stage comes with screens)
 *   2. static NAT, destination NAT  (the stages come with NAT)
 *   3. route lookup in the ingress interface's table -> egress interface
 *   4. egress zone (junos-host when the router is the destination)
 *   5. policy: zone pair in order, global, default (or host-inbound-traffic)
 *   6. reverse route of the Out wing (flow mode / packet mode)
 *   7. reverse static NAT, source NAT (the stages come with NAT)
 *   8. ALG set-up                   (the stage comes with ALGs)
 *   9. session install, then the packet takes its wing's route
 *
 * Reference: ../shared/reference/junos-flow.md §1-§2.
 */
#include <linux/in.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <net/route.h>
#include "engine.h"
#include "policy.h"
#include "trace.h"
#include "srxflow_trace.h"
#include "screen_rate.h"
#include "nat.h"
#include "syncookie.h"
#include "offload.h"
#include "alg.h"

static void pkey_from_tuple(struct sxf_pkey *k, const struct sxf_tuple *t,
			    u8 icmp_code, u16 from, u16 to)
{
	memset(k, 0, sizeof(*k));
	k->family = t->family;
	k->proto = t->proto;
	k->from = from;
	k->to = to;
	k->sport = ntohs(t->sport);
	k->dport = ntohs(t->dport);
	k->icmp_type = t->icmp_type;
	k->icmp_code = icmp_code;
	if (t->family == AF_INET) {
		k->s4 = ntohl(t->src.v4);
		k->d4 = ntohl(t->dst.v4);
	} else {
		k->s6 = sxf_a6_from(&t->src.v6);
		k->d6 = sxf_a6_from(&t->dst.v6);
	}
}

/* default inactivity timeout of a protocol (reference §3) */
static u32 proto_timeout(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP: return SXF_TO_TCP;
	case IPPROTO_UDP: return SXF_TO_UDP;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: return SXF_TO_ICMP;
	}
	return SXF_TO_OTHER;
}

static void policy_hit(struct sxf_net *sn, u32 index)
{
	struct sxf_pstats *ps = rcu_dereference(sn->pstats);

	if (ps && index < ps->cap)
		sxf_pstat_hit(ps, index);
}

static void wing_fill(struct sxf_wing *w, const struct sxf_tuple *t, int ifindex, u8 flags,
		      const struct sxf_route *r)
{
	w->t = *t;
	w->ifindex = ifindex;
	w->flags = flags;
	if (r) {
		w->dst = r->dst;
		w->cookie = r->cookie;
	}
}

/*
 * Install s (consumed on failure).  A lost race (a wing's tuple is in the
 * table already: another CPU created the session first) is answered with
 * SXF_RETRY: the dispatcher looks the packet up again.
 */
static unsigned int install(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s)
{
	int err = sxf_session_insert(c->sn, s);

	if (!err)
		return NF_ACCEPT;
	if (err == -EEXIST)
		return SXF_RETRY;
	return c->local_out ? NF_ACCEPT : sxf_drop(c, skb, SRXFLOW_DROP_NO_MEMORY, NULL);
}

/* the packet's view of a new session (the create event is session.c's) */
static void session_installed(struct sxf_ctx *c, struct sxf_session *s)
{
	SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_install_session: session id %llu installed, timeout %u",
		  s->id, (u32)((s32)(s->expires - (u32)jiffies) / HZ));
}

static bool tcp_first_ok(struct sxf_ctx *c, struct sk_buff *skb)
{
	const struct sxf_pkt *p = &c->pkt;
	u8 fl = p->tcp_flags;

	if ((fl & (SXF_TCP_SYN | SXF_TCP_FIN)) == (SXF_TCP_SYN | SXF_TCP_FIN) ||
	    (fl & (SXF_TCP_SYN | SXF_TCP_RST)) == (SXF_TCP_SYN | SXF_TCP_RST)) {
		sxf_drop(c, skb, SRXFLOW_DROP_TCP_INVALID, NULL);
		return false;
	}
	if (c->cfg->flow.no_syn_check && !(fl & SXF_TCP_RST)) {
		/*
		 * Picked up without its SYN, as conntrack's loose pick-up
		 * does: a segment of a connection acknowledges.  A NULL, FIN
		 * or PSH segment without ACK is a scan (nmap -sN, -sF),
		 * invalid in a session too (sxf_tcp_packet()): it opens none.
		 */
		if (fl & (SXF_TCP_SYN | SXF_TCP_ACK))
			return true;
		sxf_drop(c, skb, SRXFLOW_DROP_TCP_INVALID, NULL);
		return false;
	}
	if ((fl & (SXF_TCP_SYN | SXF_TCP_ACK | SXF_TCP_RST)) == SXF_TCP_SYN)
		return true;
	/* tcp-rst: answer a non-SYN packet without session with a RST */
	if (c->ifent->zif->zone->tcp_rst && !(fl & SXF_TCP_RST))
		sxf_send_tcp_rst(c, skb);
	sxf_drop(c, skb, SRXFLOW_DROP_TCP_NO_SYN, NULL);
	return false;
}

/* Packets to the router: host-inbound-traffic, or a policy to junos-host. */
static int host_policy(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_policy **polp)
{
	const struct sxf_pkt *p = &c->pkt;
	struct sxf_pkey k;
	struct sxf_policy *pol;

	*polp = NULL;
	if (sxf_host_always_allowed(p) || sxf_host_inbound_allowed(c->ifent->zif, p))
		return 0;
	pkey_from_tuple(&k, &p->t, p->icmp_code, c->ifent->zone, SXF_ZONE_HOST);
	pol = sxf_policy_lookup(c->cfg, &k);
	if (pol && pol->action == SRXFLOW_ACTION_PERMIT) {
		policy_hit(c->sn, pol->index);
		*polp = pol;
		return 0;
	}
	if (pol) {
		policy_hit(c->sn, pol->index);
		if (pol->log_init)
			sxf_session_event_denied(c, pol, &k, c->ifent->zone, SXF_ZONE_HOST);
	}
	if (pol && pol->action == SRXFLOW_ACTION_REJECT)
		sxf_reject(c, skb);
	sxf_drop(c, skb, SRXFLOW_DROP_HOST_INBOUND, NULL);
	return -EPERM;
}

/*
 * The state of one packet's first path: what each stage found, and the
 * route references it holds.  Stages run in the fixed Junos order; each
 * returns true to go on, or false with fp->verdict set (the packet was
 * dropped, accepted without a session, or the table changed: SXF_RETRY).
 * The routes are released in one place, at the exit, unless the install
 * stage moved them into the session.
 */
struct sxf_fp {
	struct sxf_ctx *c;
	struct sk_buff *skb;
	struct sxf_route fwd;		/* In wing: to the destination */
	struct sxf_route rev;		/* Out wing: replies to the initiator */
	struct sxf_tuple rt;		/* Out wing's tuple */
	struct sxf_policy *pol;
	struct sxf_session *s;		/* installed */
	u32 sflags;
	u16 from, to;			/* zones */
	u8 in_flags, out_flags;
	unsigned int verdict;
	struct sxf_nat_fp nat;		/* nat.xt: the packet after destination NAT */
	u16 cookie_mss;			/* an ACK with a valid SYN cookie: its MSS */
	struct sxf_alg_fp alg;		/* ALG: control session, or data session of a gate */
};

static bool fp_stop(struct sxf_fp *fp, unsigned int verdict)
{
	fp->verdict = verdict;
	return false;
}

static bool fp_drop(struct sxf_fp *fp, enum srxflow_drop_reason r, const char *detail)
{
	return fp_stop(fp, sxf_drop(fp->c, fp->skb, r, detail));
}

/* what can never open a session */
static bool fp_sanity(struct sxf_fp *fp)
{
	const struct sxf_pkt *p = &fp->c->pkt;

	/* replies and errors never open a session */
	if (p->icmp_err || (p->icmp_query && p->icmp_reply))
		return fp_drop(fp, SRXFLOW_DROP_NO_SESSION, NULL);
	/* SYN-flood protection: a bare ACK may carry a SYN cookie (syncookie.c) */
	if (p->proto == IPPROTO_TCP && static_branch_unlikely(&sxf_screen_key) &&
	    (p->tcp_flags & (SXF_TCP_SYN | SXF_TCP_ACK | SXF_TCP_RST | SXF_TCP_FIN)) == SXF_TCP_ACK) {
		int mss = sxf_syncookie_check(fp->c, fp->skb);

		if (mss < 0)
			return fp_stop(fp, NF_STOLEN);
		if (mss > 0) {
			fp->cookie_mss = mss;
			return true;
		}
	}
	if (p->proto == IPPROTO_TCP && !tcp_first_ok(fp->c, fp->skb))
		return fp_stop(fp, NF_STOLEN);
	return true;
}

static void trace_route(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_pkt *p = &c->pkt;
	struct net *net = c->state->net;
	char a[48], gw[48], sa[48];
	struct sxf_wing tmp = { .t = fp->nat.xt, .dst = fp->fwd.dst };
	struct srxflow_prefix g;

	sxf_ntop(p->family, &fp->nat.xt.dst, a);
	sxf_ntop(p->family, &p->t.src, sa);
	/* the device's three lines; "table" is srxflow's (the Linux table) */
	sxf_trace_line(c->sn, "flow_first_routing: vr_id %d, call flow_route_lookup(): src_ip %s, x_dst_ip %s, in ifp %s, out ifp N/A sp %u, dp %u, ip_proto %u, tos %x, table %u",
		       c->vrf, sa, a, sxf_dev_label(c->cfg, c->in), ntohs(fp->nat.xt.sport),
		       ntohs(fp->nat.xt.dport), p->proto, p->tos, sxf_vrf_table(net, c->vrf));
	sxf_trace_line(c->sn, "Doing DESTINATION addr route-lookup");
	if (fp->fwd.local) {
		sxf_trace_line(c->sn, "  routed (x_dst_ip %s) from %s (%s in %d) to junos-host (local)",
			       a, c->ifent->zif->zone->o.name, sxf_dev_label(c->cfg, c->in), c->vrf);
	} else {
		sxf_route_gateway(&tmp, &g);
		sxf_trace_line(c->sn, "  routed (x_dst_ip %s) from %s (%s in %d) to %s, Next-hop: %s",
			       a, c->ifent->zif->zone->o.name, sxf_dev_label(c->cfg, c->in), c->vrf,
			       sxf_dev_label(c->cfg, fp->fwd.dst->dev), sxf_ntop(p->family, g.addr, gw));
	}
}

/* route lookup in the table of the ingress interface (its VRF's) */
static bool fp_route(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_pkt *p = &c->pkt;
	int vrf = c->vrf, err;

	/* a destination pool of a routing-instance: its table */
	if (fp->nat.ri) {
		if (fp->nat.ri_vrf < 0)
			return fp_drop(fp, SRXFLOW_DROP_NO_ROUTE,
				       "(destination pool: its routing-instance is gone)");
		vrf = fp->nat.ri_vrf;
		fp->sflags |= SXF_SF_RI_ROUTE;	/* (re-routed in it too: forward.c) */
	}
	err = sxf_route_lookup(c->state->net, &fp->nat.xt, p->tos, fp->skb->mark, vrf, &fp->fwd);

	/* the kernel's forwarding safeguards: martian, rp_filter, sysctls, xfrm */
	if (unlikely(sxf_fwd_first_check(c, fp->skb, &fp->fwd, err)))
		return fp_stop(fp, NF_STOLEN);
	if (err)
		return fp_drop(fp, SRXFLOW_DROP_NO_ROUTE, NULL);
	if (static_branch_unlikely(&sxf_trace_key) && (c->trace & (SXF_T_DATAPATH | SXF_T_ROUTE)))
		trace_route(fp);
	return true;
}

/* egress zone: the egress interface's, junos-host for the router */
static bool fp_zone(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_ifent *out_ent;

	fp->from = c->ifent->zone;
	if (!fp->fwd.local) {
		out_ent = sxf_ifmap_lookup(c->ifmap, fp->fwd.oif);
		if (!out_ent)
			return fp_drop(fp, SRXFLOW_DROP_INVALID_ZONE, NULL);
		/* functional-zone management: to the router only */
		if (c->ifent->zif->zone->functional || out_ent->zif->zone->functional)
			return fp_drop(fp, SRXFLOW_DROP_INVALID_ZONE,
				       "(functional-zone management: no transit)");
		fp->to = out_ent->zone;
		return true;
	}
	fp->to = SXF_ZONE_HOST;
	/*
	 * For the router by its route, whatever the address (an anycast one
	 * too, which the hook's early check does not know): a routing header
	 * with segments left would be followed past the policy (fwd_checks.c).
	 */
	if (unlikely(p->rthdr6))
		return fp_drop(fp, SRXFLOW_DROP_SOURCE_ROUTE, "(IPv6 routing header to the router)");
	if (sxf_host_always_allowed(p)) {
		/* neighbour discovery, MLD: infrastructure, no session */
		SXF_STAT_INC(c->sn, host);
		return fp_stop(fp, NF_ACCEPT);
	}
	if (fp->fwd.bcast) {
		/* broadcast/multicast to the router: no session */
		if (!sxf_host_inbound_allowed(c->ifent->zif, p))
			return fp_drop(fp, SRXFLOW_DROP_HOST_INBOUND, NULL);
		SXF_STAT_INC(c->sn, host);
		return fp_stop(fp, NF_ACCEPT);
	}
	return true;
}

/* policy: zone pair in order, global, default; host-inbound-traffic */
static bool fp_policy(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_cfg *cfg = c->cfg;
	const struct sxf_pkt *p = &c->pkt;
	struct sxf_policy *pol;
	char why[SRXFLOW_NAME_MAX + 16];
	struct sxf_pkey k;

	SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: policy search from zone %s-> zone %s",
		  sxf_zone_name(cfg, fp->from), sxf_zone_name(cfg, fp->to));
	SXF_TRACE(c, SXF_T_DATAPATH, "Policy lkup: vsys 0 zone(%s) -> zone(%s) scope:0",
		  sxf_zone_name(cfg, fp->from), sxf_zone_name(cfg, fp->to));
	if (fp->alg.role == SXF_ALG_DATA) {
		/* an ALG data session: its control session's policy */
		u32 idx = fp->alg.ctl->policy;

		pol = idx ? (struct sxf_policy *)sxf_cfg_policy_by_index(cfg, idx) : NULL;
		if (idx && (!pol || pol->action != SRXFLOW_ACTION_PERMIT))
			return fp_drop(fp, SRXFLOW_DROP_POLICY_DENY, "(ALG gate: the policy is gone)");
		/* (its ingress zone was the gate's: sxf_gate_match()) */
		if (fp->to != sxf_alg_ifzone(c->ifmap, fp->alg.to_ifindex))
			return fp_drop(fp, SRXFLOW_DROP_POLICY_DENY,
				       "(ALG gate: routed into another zone than its announcer's)");
		if (!pol)
			fp->sflags |= SXF_SF_DEFAULT;
		fp->pol = pol;
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: ALG data session, policy of session %llu",
			  fp->alg.ctl->parent_id);
		return true;
	}
	if (fp->to == SXF_ZONE_HOST) {
		if (host_policy(c, fp->skb, &fp->pol))
			return fp_stop(fp, NF_STOLEN);
		fp->sflags |= SXF_SF_TO_HOST;
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_HOST, "host-inbound traffic permitted by %s",
			  fp->pol ? fp->pol->o.name : "host-inbound-traffic");
		return true;
	}
	/* original source, translated destination */
	pkey_from_tuple(&k, &fp->nat.xt, p->icmp_code, fp->from, fp->to);
	pol = sxf_policy_lookup(cfg, &k);
	if (!pol) {
		if (cfg->flow.default_policy != SRXFLOW_DEFAULT_PERMIT_ALL)
			return fp_drop(fp, SRXFLOW_DROP_DEFAULT_DENY, NULL);
		fp->sflags |= SXF_SF_DEFAULT;
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: no policy matched, default-policy permit-all");
		return true;
	}
	policy_hit(c->sn, pol->index);
	SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: policy %s(%u) matched, action %s",
		  pol->o.name, pol->index, pol->action == SRXFLOW_ACTION_PERMIT ? "permit" :
		  pol->action == SRXFLOW_ACTION_DENY ? "deny" : "reject");
	if (pol->action == SRXFLOW_ACTION_PERMIT) {
		fp->pol = pol;
		return true;
	}
	snprintf(why, sizeof(why), "%s(%u)", pol->o.name, pol->index);
	if (pol->log_init)
		sxf_session_event_denied(c, pol, &k, fp->from, fp->to);
	if (pol->action == SRXFLOW_ACTION_REJECT) {
		sxf_reject(c, fp->skb);
		return fp_drop(fp, SRXFLOW_DROP_POLICY_REJECT, why);
	}
	return fp_drop(fp, SRXFLOW_DROP_POLICY_DENY, why);
}

/* reverse route: the Out wing, replies towards the initiator */
static bool fp_reverse_route(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_cfg *cfg = c->cfg;
	const struct sxf_pkt *p = &c->pkt;
	struct net *net = c->state->net;
	const struct sxf_ifent *back;
	int out_vrf, table_vrf;

	if (fp->to == SXF_ZONE_HOST) {
		fp->in_flags = SXF_WF_LOCAL;
		fp->out_flags = SXF_WF_SELF;	/* the router's replies: LOCAL_OUT */
		sxf_tuple_reverse(&fp->rt, &p->t, c->vrf);
		return true;
	}
	out_vrf = sxf_dev_vrf(fp->fwd.dst->dev);
	sxf_tuple_reverse(&fp->rt, &fp->nat.xt, out_vrf);
	/*
	 * flow mode: the table of the interface the session came in on;
	 * packet mode (reverse-route-packet-mode-vr): the table of the
	 * interface the replies arrive on, as a router would.
	 */
	table_vrf = cfg->flow.rr_packet_mode ? out_vrf : c->vrf;
	if (sxf_route_lookup(net, &fp->rt, p->tos, fp->skb->mark, table_vrf, &fp->rev) ||
	    fp->rev.local || (cfg->flow.rr_packet_mode && fp->rev.oif == fp->fwd.oif)) {
		back = NULL;
	} else {
		/*
		 * The replies must go back into the zone the session came from:
		 * the policy permitted that zone pair only (as reroute() holds
		 * it on a route change).  A source of another zone's network
		 * (spoofed, rp_filter off or loose) would otherwise let the
		 * destination send into that zone without a policy.
		 */
		back = sxf_ifmap_lookup(c->ifmap, fp->rev.oif);
		if (back && back->zone != c->ifent->zone)
			back = NULL;
	}
	if (!back) {
		/* no usable route: Route 0x0, replies are dropped */
		if (fp->rev.dst)
			dst_release(fp->rev.dst);
		memset(&fp->rev, 0, sizeof(fp->rev));
		fp->out_flags = SXF_WF_NOROUTE;
	}
	if (cfg->flow.rr_packet_mode)
		fp->sflags |= SXF_SF_PKTMODE;
	SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_ROUTE,
		  "flow_first_reverse_route: %s mode, table %u: %s%s",
		  cfg->flow.rr_packet_mode ? "packet" : "flow", sxf_vrf_table(net, table_vrf),
		  fp->out_flags ? "no route, Route 0x0" : "out via ",
		  fp->out_flags ? "" : sxf_dev_label(cfg, fp->rev.dst->dev));
	return true;
}

/* timeouts and policy actions of the new session */
static void fp_session_opts(struct sxf_fp *fp, struct sxf_session *s)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_flow_opts *f = &c->cfg->flow;
	struct sxf_policy *pol = fp->pol;
	u32 timeout, est_timeout = proto_timeout(p->proto), sflags = fp->sflags;

	if (pol) {
		const struct sxf_app *app = NULL;
		struct sxf_pkey k;

		if (!pol->any_app) {
			pkey_from_tuple(&k, &fp->nat.xt, p->icmp_code, fp->from, fp->to);
			app = sxf_policy_match_app(pol, &k);
		}
		if (app && app->timeout)
			est_timeout = app->timeout;
		s->policy = pol->index;
		if (pol->count)
			sflags |= SXF_SF_COUNT;
		if (pol->log_close)
			sflags |= SXF_SF_LOG_CLOSE;
		if (pol->log_init)
			sflags |= SXF_SF_LOG_INIT;
		/* services-offload: TCP and UDP sessions through the router */
		if (pol->offload == SRXFLOW_OFFLOAD_ENABLED &&
		    (p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP) &&
		    !(sflags & SXF_SF_NO_OFFLOAD))
			sflags |= SXF_SF_OFFLOAD;
	}
	/*
	 * s->timeout is the inactivity timeout of the established session;
	 * during the TCP handshake the expiry follows tcp-initial-timeout.
	 */
	if (est_timeout == SRXFLOW_TIMEOUT_NEVER) {
		/* in effect from below, TCP once established (sxf_session_never_update()) */
		sflags |= SXF_SF_NEVER_CFG;
		est_timeout = SXF_TO_OTHER;
	}
	timeout = est_timeout;
	if (p->proto == IPPROTO_TCP && fp->cookie_mss) {
		/* a SYN cookie's session starts from the client's SYN, replayed */
		struct sxf_pkt syn = *p;

		syn.tcp_flags = SXF_TCP_SYN;
		syn.seq = p->seq - 1;
		syn.ack = 0;
		syn.datalen = 0;
		syn.wscale = 0xff;
		sxf_tcp_init(s, &syn, f);
		sflags |= SXF_SF_SYNCOOKIE;
		timeout = f->tcp_initial_timeout;
	} else if (p->proto == IPPROTO_TCP) {
		sxf_tcp_init(s, p, f);
		if (s->tcp_state == SXF_TCP_SYN_SENT)
			timeout = f->tcp_initial_timeout;
	}
	/*
	 * tcp syn-flood timeout: a zone screened against SYN floods holds a
	 * half-open connection that long from its SYN (tcp.c does not
	 * restart it at the SYN-ACK), when that is shorter than
	 * tcp-initial-timeout
	 */
	if (p->proto == IPPROTO_TCP && s->tcp_state == SXF_TCP_SYN_SENT &&
	    static_branch_unlikely(&sxf_screen_key) && c->ifent) {
		const struct sxf_screen *scr = c->ifent->zif->zone->scr;

		if (scr && (scr->checks & BIT_ULL(SRXFLOW_SCR_SYN_FLOOD)) &&
		    scr->syn_timeout < timeout) {
			timeout = scr->syn_timeout;
			sflags |= SXF_SF_SCR_SYNTO;
		}
	}
	s->flags |= sflags;	/* (SXF_SF_EXT is set at allocation) */
	sxf_session_never_update(s);	/* (not linked yet: no other writer) */
	s->timeout = est_timeout;
	s->expires = (u32)jiffies + timeout * HZ;
}

/* a translated session: the reply wing claims its source port (nat.c) */
static unsigned int nat_install(struct sxf_fp *fp, struct sxf_session *s)
{
	struct sxf_ctx *c = fp->c;
	int err = sxf_nat_install(c, &fp->nat, s);

	if (!err)
		return NF_ACCEPT;
	if (err == -EEXIST)
		return SXF_RETRY;
	if (err == -EADDRINUSE)
		return sxf_drop(c, fp->skb, SRXFLOW_DROP_NAT_FAILED,
				"(reply tuple in use: no free source port)");
	if (err == -EADDRNOTAVAIL) {
		char why[2 * SRXFLOW_NAME_MAX + 32];

		snprintf(why, sizeof(why), "(rule %s, pool %s)", fp->nat.snat->o.name,
			 fp->nat.snat->pool ? fp->nat.snat->pool->o.name : "interface");
		return sxf_drop(c, fp->skb, SRXFLOW_DROP_NAT_POOL_EXHAUSTED, why);
	}
	return sxf_drop(c, fp->skb, SRXFLOW_DROP_NO_MEMORY, NULL);
}

/* stage 2: static NAT, destination NAT (rewrite the destination the route sees) */
static bool fp_nat_dst(struct sxf_fp *fp)
{
	fp->nat.xt = fp->c->pkt.t;
	/* an ALG gate: the data connection a control session announced */
	if (sxf_gate_match(fp->c, &fp->c->pkt.t, &fp->alg, &fp->nat.xt)) {
		if (memcmp(&fp->nat.xt, &fp->c->pkt.t, sizeof(fp->nat.xt)))
			fp->nat.sflags |= SXF_SF_DNAT;
		return true;
	}
	if (sxf_nat_dst(fp->c, fp->skb, &fp->nat))
		return fp_drop(fp, SRXFLOW_DROP_NAT_FAILED,
			       "(the NAT rule maps the port; this protocol's ports are not translated)");
	return true;
}

/* stage 7: reverse static NAT, source NAT (the Out wing's destination) */
static bool fp_nat_src(struct sxf_fp *fp)
{
	int err;

	if (fp->to == SXF_ZONE_HOST) {
		/*
		 * Destination (or static) NAT to one of the router's own
		 * addresses is not built: accepting the packet for the host
		 * untranslated would have Linux route it by its original
		 * destination, which is not the router's, and forward it
		 * where no policy allowed.
		 */
		if (fp->nat.sflags & SXF_SF_DNAT)
			return fp_drop(fp, SRXFLOW_DROP_NAT_FAILED,
				       "(destination NAT to the router's own address is not supported)");
		fp->nat.sflags = 0;	/* the router's own sessions are not translated */
		return true;
	}
	if (fp->alg.role == SXF_ALG_DATA)
		fp->nat.follow = sxf_alg_follow_addr(fp->alg.ctl, &fp->c->pkt.t);
	err = sxf_nat_src(fp->c, fp->skb, &fp->nat, fp->to, fp->fwd.dst->dev, &fp->rt);
	if (err == -ENETUNREACH)
		return fp_drop(fp, SRXFLOW_DROP_NAT_FAILED,
			       "(source pool of another routing-instance than the egress)");
	if (err)
		return fp_drop(fp, SRXFLOW_DROP_NAT_FAILED, "(no address on the egress interface)");
	return true;
}

/* stage 8: ALG set-up: the matched application's application-protocol */
static bool fp_alg(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_app *app;
	struct sxf_pkey k;
	const char *name;
	u8 alg;

	if (fp->alg.role || !fp->pol || fp->to == SXF_ZONE_HOST)
		return true;
	if (fp->pol->any_app) {
		/*
		 * As on an SRX, `application any` leaves the ALG to the
		 * predefined application of the (translated) port:
		 * junos-ftp tcp/21, junos-tftp udp/69.
		 */
		alg = sxf_alg_of_port(c->cfg, p->proto, fp->nat.xt.dport);
		name = alg == SRXFLOW_ALG_FTP ? "junos-ftp" : "junos-tftp";
	} else {
		pkey_from_tuple(&k, &fp->nat.xt, p->icmp_code, fp->from, fp->to);
		app = sxf_policy_match_app(fp->pol, &k);
		alg = sxf_alg_of_app(c->cfg, app);
		name = app ? app->name : "";
	}
	if ((alg == SRXFLOW_ALG_FTP && p->proto != IPPROTO_TCP) ||
	    (alg == SRXFLOW_ALG_TFTP && p->proto != IPPROTO_UDP) || alg == SRXFLOW_ALG_NONE)
		return true;
	if (sxf_alg_fp_control(c, &fp->alg, alg, fp->pol->index))
		SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_alg: application %s: %s ALG",
			  name, alg == SRXFLOW_ALG_FTP ? "FTP" : "TFTP");
	return true;
}

/* session install: the routes move into the wings */
static bool fp_install(struct sxf_fp *fp)
{
	struct sxf_ctx *c = fp->c;
	const struct sxf_pkt *p = &c->pkt;
	struct sxf_session *s;
	unsigned int verdict;
	u32 lim = 0;

	if (!memcmp(&fp->rt, &p->t, sizeof(fp->rt)))
		/* source == destination (LAND): both wings would be one key */
		return fp_drop(fp, SRXFLOW_DROP_LAND, NULL);
	/* cookies are never sent for the router's own addresses (syncookie.c) */
	if (fp->cookie_mss && fp->to == SXF_ZONE_HOST)
		return fp_drop(fp, SRXFLOW_DROP_SYN_COOKIE, "(to the router)");
	/* screens, limit-session: the count is taken here, given back on failure */
	if (static_branch_unlikely(&sxf_screen_key)) {
		int k = sxf_screen_limit_acquire(c, &lim);

		if (k >= 0)
			return fp_drop(fp, SRXFLOW_DROP_SCREEN, sxf_screen_check_name[k]);
	}
	s = sxf_session_alloc(c->sn, c->cfg->flow.max_sessions,
			      fp->cookie_mss != 0 || fp->alg.ctl ||
			      sxf_nat_pool_needs_ext(&fp->nat));
	if (IS_ERR(s)) {
		sxf_screen_limit_release(c->sn, &p->t, lim);
		return fp_drop(fp, PTR_ERR(s) == -ENOSPC ? SRXFLOW_DROP_TABLE_FULL :
			       SRXFLOW_DROP_NO_MEMORY, NULL);
	}
	if (fp->to == SXF_ZONE_HOST) {
		wing_fill(&s->w[0], &p->t, c->in->ifindex, fp->in_flags, NULL);
		wing_fill(&s->w[1], &fp->rt, 0, fp->out_flags, NULL);
	} else {
		wing_fill(&s->w[0], &p->t, c->in->ifindex, fp->in_flags, &fp->fwd);
		wing_fill(&s->w[1], &fp->rt, fp->fwd.oif, fp->out_flags, &fp->rev);
		fp->fwd.dst = NULL;		/* the session's now */
		fp->rev.dst = NULL;
	}
	fp_session_opts(fp, s);
	s->flags |= lim;
	sxf_alg_fp_attach(&fp->alg, s);	/* before it is linked */
	if (fp->nat.sflags) {
		s->flags |= fp->nat.sflags;
		verdict = nat_install(fp, s);
	} else {
		verdict = install(c, fp->skb, s);
	}
	if (verdict != NF_ACCEPT) {
		sxf_screen_limit_release(c->sn, &p->t, lim);
		if (fp->alg.ctl)
			sxf_alg_fp_detach(c->sn, &fp->alg);	/* freed with no closed event */
		return fp_stop(fp, verdict);	/* s is gone */
	}
	if (fp->alg.role == SXF_ALG_CONTROL) {
		WRITE_ONCE(fp->alg.ctl->parent_id, s->id);
		sxf_alg_ctl_installed(fp->alg.ctl, s);
		SXF_ALG_CNT(c->sn, fp->alg.alg, sessions);
	}
	session_installed(c, s);
	fp->s = s;
	return true;
}

unsigned int sxf_first_path(struct sxf_ctx *c, struct sk_buff *skb)
{
	struct sxf_fp fp = { .c = c, .skb = skb };
	struct sxf_wing *w;

	SXF_STAT_INC(c->sn, first_path);
	SXF_TRACE(c, SXF_T_DATAPATH, "  no session found, start first path. in_tunnel - 0x0, from_cp_flag - 0");
	SXF_TRACE(c, SXF_T_DATAPATH, "  flow_first_create_session");
	/* screens: what is judged on a session's first packet only (screen.c) */
	if (static_branch_unlikely(&sxf_screen_key) && sxf_screen_first_path(c, skb))
		return NF_STOLEN;

	/*
	 * The stages, in the order Junos runs them (reference junos-flow.md
	 * section 1).  Screens come first, then static and destination NAT
	 * (they rewrite the destination the route lookup sees); reverse
	 * static NAT and source NAT come after the reverse route (they change
	 * the Out wing's tuple), the ALG set-up last before the install.
	 */
	if (fp_sanity(&fp) &&
	    fp_nat_dst(&fp) &&
	    fp_route(&fp) &&
	    fp_zone(&fp) &&
	    fp_policy(&fp) &&
	    fp_reverse_route(&fp) &&
	    fp_nat_src(&fp) &&
	    fp_alg(&fp) &&
	    fp_install(&fp)) {
		/* the first packet: counted on its wing, then forwarded like the rest */
		w = &fp.s->w[0];
		atomic64_inc(&w->pkts);
		atomic64_add(c->pkt.len, &w->bytes);
		if (fp.to == SXF_ZONE_HOST) {
			SXF_STAT_INC(c->sn, host);
			fp.verdict = NF_ACCEPT;
		} else if (fp.cookie_mss) {
			fp.verdict = sxf_syncookie_open(c, skb, fp.s, fp.cookie_mss);
		} else {
			int why = fp.alg.role == SXF_ALG_CONTROL ?
				  sxf_alg_packet(c, skb, fp.s, w, false) : 0;

			/* the first packet may be the ALG's already (a TFTP request) */
			fp.verdict = why ? sxf_drop(c, skb, why, NULL) :
				     sxf_forward(c, skb, fp.s, w);
		}
	}
	/* the one exit: routes not handed to a session are released */
	if (fp.fwd.dst)
		dst_release(fp.fwd.dst);
	if (fp.rev.dst)
		dst_release(fp.rev.dst);
	sxf_alg_fp_done(&fp.alg);
	return fp.verdict;
}

/* does a live session hold tuple t (a wing of it)?  An expired one goes. */
static bool reply_held(struct sxf_ctx *c, const struct sxf_tuple *t)
{
	struct sxf_wing *w = sxf_session_lookup(c->sn, t);
	struct sxf_session *s;
	u32 flags;

	if (!w)
		return false;
	s = sxf_wing_session(w);
	flags = READ_ONCE(s->flags);
	if (flags & SXF_SF_DEAD)
		return false;	/* (being unlinked: the install retries) */
	if (sxf_session_timed_out(s, flags)) {
		sxf_session_remove(c->sn, s, sxf_session_expiry_reason(s, flags));
		return false;
	}
	return true;
}

/*
 * Traffic the router originates (LOCAL_OUT) without a session: permitted
 * (self-traffic-policy).  A session is created so that replies come back
 * through zoned interfaces; errors, resets and replies do not open one.
 */
unsigned int sxf_self_traffic(struct sxf_ctx *c, struct sk_buff *skb)
{
	const struct sxf_pkt *p = &c->pkt;
	struct sxf_session *s;
	struct sxf_tuple rt;
	unsigned int verdict;

	if (p->icmp_err || (p->icmp_query && p->icmp_reply) ||
	    sxf_host_always_allowed(p) || sxf_tuple_is_multicast(&p->t) ||
	    (p->proto == IPPROTO_TCP &&
	     (p->tcp_flags & (SXF_TCP_SYN | SXF_TCP_ACK | SXF_TCP_RST)) != SXF_TCP_SYN))
		return NF_ACCEPT;

	sxf_tuple_reverse(&rt, &p->t, c->vrf);
	/*
	 * Its replies would match another session's wing: a port source NAT
	 * gave out on the router's own address (interface NAT), which the
	 * kernel's port choice does not know.  Accepted untracked, the
	 * replies would reach that session's host: dropped while that
	 * session lives (the socket sees EPERM; a program that retries from
	 * the same port, as TCP's SYN does, waits for it to end).
	 */
	if (unlikely(reply_held(c, &rt)))
		return sxf_drop(c, skb, SRXFLOW_DROP_REPLY_IN_USE, NULL);
	s = sxf_session_alloc(c->sn, c->cfg->flow.max_sessions, false);
	if (IS_ERR(s))
		return NF_ACCEPT;	/* never block the router itself */
	wing_fill(&s->w[0], &p->t, 0, SXF_WF_SELF, NULL);
	wing_fill(&s->w[1], &rt, c->oif, SXF_WF_LOCAL, NULL);
	s->flags |= SXF_SF_SELF;
	s->timeout = proto_timeout(p->proto);
	s->expires = (u32)jiffies + s->timeout * HZ;
	if (p->proto == IPPROTO_TCP) {
		sxf_tcp_init(s, p, &c->cfg->flow);
		s->expires = (u32)jiffies + c->cfg->flow.tcp_initial_timeout * HZ;
	}
	verdict = install(c, skb, s);
	if (verdict != NF_ACCEPT)
		return verdict;
	session_installed(c, s);
	atomic64_inc(&s->w[0].pkts);
	atomic64_add(p->len, &s->w[0].bytes);
	return NF_ACCEPT;
}

/*
 * A session to the router: would host_policy() still let its first
 * packet in - the arrival interface's host-inbound-traffic, or a
 * permitting policy to junos-host (its own, if it had one)?  (The
 * session keeps no ICMP code: code 0, that of every query.)
 */
static bool host_rematch(const struct sxf_cfg *cfg, const struct sxf_ifent *in,
			 const struct sxf_session *s)
{
	const struct sxf_policy *pol;
	struct sxf_pkt p = {
		.t = s->w[0].t,
		.family = s->w[0].t.family,
		.proto = s->w[0].t.proto,
		.icmp_type = s->w[0].t.icmp_type,
	};
	struct sxf_pkey k;

	if (sxf_host_always_allowed(&p) || sxf_host_inbound_allowed(in->zif, &p))
		return true;
	pkey_from_tuple(&k, &p.t, 0, in->zone, SXF_ZONE_HOST);
	pol = sxf_policy_lookup(cfg, &k);
	return pol && pol->action == SRXFLOW_ACTION_PERMIT &&
	       (!s->policy || pol->index == s->policy);
}

/* policy-rematch: would the session still be permitted by its policy? */
bool sxf_session_rematch(struct sxf_net *sn, const struct sxf_cfg *cfg,
			 const struct sxf_session *s)
{
	const struct sxf_ifent *in, *out;
	const struct sxf_ifmap *m;
	const struct dst_entry *dst;
	const struct sxf_policy *pol;
	struct sxf_pkey k;
	bool ok = true;

	rcu_read_lock();
	m = rcu_dereference(cfg->ifmap);
	in = sxf_ifmap_lookup(m, s->w[0].ifindex);
	if (READ_ONCE(s->flags) & SXF_SF_TO_HOST) {
		/* (an interface out of its zone: session_zones_kept()) */
		ok = !in || host_rematch(cfg, in, s);
		rcu_read_unlock();
		return ok;
	}
	dst = READ_ONCE(s->w[0].dst);
	out = dst ? sxf_ifmap_lookup(m, dst->dev->ifindex) : NULL;
	if (in && out) {
		struct sxf_tuple t = s->w[0].t;

		if (READ_ONCE(s->flags) & SXF_SF_DNAT) {
			/* policies are written against the translated destination */
			t.dst = s->w[1].t.src;
			t.dport = s->w[1].t.sport;
		}
		pkey_from_tuple(&k, &t, 0, in->zone, out->zone);
		pol = sxf_policy_lookup(cfg, &k);
		ok = pol && pol->index == s->policy && pol->action == SRXFLOW_ACTION_PERMIT;
	}
	rcu_read_unlock();
	return ok;
}
