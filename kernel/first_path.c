// SPDX-License-Identifier: GPL-2.0
/*
 * The first path: what the first packet of a flow goes through, once.
 *
 *   1. screens                      (slot: not yet)
 *   2. static NAT, destination NAT  (slot: not yet)
 *   3. route lookup in the ingress interface's table -> egress interface
 *   4. egress zone (junos-host when the router is the destination)
 *   5. policy: zone pair in order, global, default (or host-inbound-traffic)
 *   6. reverse route of the Out wing (flow mode / packet mode)
 *   7. reverse static NAT, source NAT (slot: not yet)
 *   8. ALG set-up                   (slot: not yet)
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
		atomic64_inc(&ps->v[index].hits);
}

/* then log session-init|session-close: Junos RT_FLOW messages */
static void log_session(const char *what, struct sxf_net *sn, const struct sxf_cfg *cfg,
			const struct sxf_session *s, const char *reason)
{
	static DEFINE_RATELIMIT_STATE(rs, HZ, 1000);
	const struct sxf_tuple *t = &s->w[0].t;
	const struct sxf_policy *p = sxf_cfg_policy_by_index(cfg, s->policy);
	const char *pname = p ? p->o.name : "self-traffic-policy";
	const char *from = p ? p->from_name : "", *to = p ? p->to_name : "";

	if (!__ratelimit(&rs))
		return;
	if (t->family == AF_INET)
		pr_info("RT_FLOW_SESSION_%s: session %s%s%s %pI4/%u->%pI4/%u %u %s %s %s %llu %lld(%lld) %lld(%lld)\n",
			what, !strcmp(what, "CREATE") ? "created" : "closed",
			reason ? " " : "", reason ? reason : "",
			&t->src.v4, ntohs(t->sport), &t->dst.v4, ntohs(t->dport), t->proto,
			pname, from, to, s->id,
			atomic64_read(&s->w[0].pkts), atomic64_read(&s->w[0].bytes),
			atomic64_read(&s->w[1].pkts), atomic64_read(&s->w[1].bytes));
	else
		pr_info("RT_FLOW_SESSION_%s: session %s%s%s %pI6c/%u->%pI6c/%u %u %s %s %s %llu %lld(%lld) %lld(%lld)\n",
			what, !strcmp(what, "CREATE") ? "created" : "closed",
			reason ? " " : "", reason ? reason : "",
			&t->src.v6, ntohs(t->sport), &t->dst.v6, ntohs(t->dport), t->proto,
			pname, from, to, s->id,
			atomic64_read(&s->w[0].pkts), atomic64_read(&s->w[0].bytes),
			atomic64_read(&s->w[1].pkts), atomic64_read(&s->w[1].bytes));
}

/* A session left the table: statistics, policy counters, close log. */
void sxf_session_closed(struct sxf_net *sn, struct sxf_session *s)
{
	u32 flags = READ_ONCE(s->flags);

	SXF_STAT_INC(sn, closed);
	trace_srxflow_session_close(s->id, &s->w[0].t, s->policy, s->close_reason);
	if (static_branch_unlikely(&sxf_trace_key)) {
		char what[48];

		snprintf(what, sizeof(what), "closed, reason: %s",
			 sxf_close_reason_str[s->close_reason]);
		sxf_trace_session(sn, s, what);
	}
	rcu_read_lock();
	if (flags & SXF_SF_COUNT) {
		struct sxf_pstats *ps = rcu_dereference(sn->pstats);

		if (ps && s->policy < ps->cap) {
			atomic64_add(atomic64_read(&s->w[0].pkts) + atomic64_read(&s->w[1].pkts),
				     &ps->v[s->policy].pkts);
			atomic64_add(atomic64_read(&s->w[0].bytes) + atomic64_read(&s->w[1].bytes),
				     &ps->v[s->policy].bytes);
		}
	}
	if (flags & SXF_SF_LOG_CLOSE) {
		const struct sxf_cfg *cfg = rcu_dereference(sn->cfg);

		if (cfg)
			log_session("CLOSE", sn, cfg, s, sxf_close_reason_str[s->close_reason]);
	}
	rcu_read_unlock();
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

/* Install s; on a lost race the existing session's wing is returned. */
static struct sxf_wing *install(struct sxf_ctx *c, struct sxf_session *s, int *err)
{
	struct sxf_wing *w;

	*err = sxf_session_insert(c->sn, s);
	if (!*err)
		return &s->w[0];
	if (*err == -EBUSY)
		return NULL;	/* the insert undid itself and freed s */
	w = *err == -EEXIST ? sxf_session_lookup(c->sn, &s->w[0].t) : NULL;
	/* another CPU created the same session first: use it */
	sxf_session_free_unlinked(c->sn, s);
	return w;
}

static void session_created(struct sxf_ctx *c, struct sxf_session *s, bool log)
{
	SXF_STAT_INC(c->sn, created);
	trace_srxflow_session_create(s->id, &s->w[0].t, s->policy, 0);
	SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_install_session: session id %llu installed, timeout %u",
		  s->id, (u32)((s32)(s->expires - (u32)jiffies) / HZ));
	sxf_trace_session(c->sn, s, "created");
	if (log)
		log_session("CREATE", c->sn, c->cfg, s, NULL);
}

static unsigned int alloc_fail(struct sxf_ctx *c, struct sk_buff *skb,
			       struct sxf_session *s, struct sxf_route *fwd)
{
	if (fwd && fwd->dst)
		dst_release(fwd->dst);
	SXF_STAT_INC(c->sn, failed);
	return sxf_drop(c, skb, PTR_ERR(s) == -ENOSPC ? SRXFLOW_DROP_TABLE_FULL :
			SRXFLOW_DROP_NO_MEMORY, NULL);
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
	if (c->cfg->flow.no_syn_check && !(fl & SXF_TCP_RST))
		return true;
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
	if (pol)
		policy_hit(c->sn, pol->index);
	if (pol && pol->action == SRXFLOW_ACTION_REJECT)
		sxf_reject(c, skb);
	sxf_drop(c, skb, SRXFLOW_DROP_HOST_INBOUND, NULL);
	return -EPERM;
}

unsigned int sxf_first_path(struct sxf_ctx *c, struct sk_buff *skb)
{
	const struct sxf_cfg *cfg = c->cfg;
	const struct sxf_pkt *p = &c->pkt;
	struct net *net = c->state->net;
	struct sxf_route fwd, rev = { };
	struct sxf_policy *pol = NULL;
	const struct sxf_ifent *out_ent = NULL;
	struct sxf_tuple rt;
	struct sxf_session *s;
	struct sxf_wing *w;
	u32 timeout, est_timeout, sflags = 0;
	u16 from = c->ifent->zone, to;
	u8 in_flags = 0, out_flags = 0;
	int err, out_vrf, table_vrf;

	SXF_STAT_INC(c->sn, first_path);
	SXF_TRACE(c, SXF_T_DATAPATH, "no session found, start first path");

	/* 1. screens (ids-option of the ingress zone) slot in here. */
	/* 2. static NAT, then destination NAT, slot in here: they rewrite
	 *    the destination the route lookup below sees.
	 */

	/* replies and errors never open a session */
	if (p->icmp_err || (p->icmp_query && p->icmp_reply))
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_SESSION, NULL);
	if (p->proto == IPPROTO_TCP && !tcp_first_ok(c, skb))
		return NF_STOLEN;

	/* 3. route lookup in the table of the ingress interface */
	err = sxf_route_lookup(net, &p->t, p->tos, skb->mark, c->vrf, &fwd);
	if (unlikely(sxf_fwd_first_check(c, skb, &fwd, err)))
		return NF_STOLEN;	/* martian, rp_filter, forwarding: dropped */
	if (err)
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_ROUTE, NULL);
	if (static_branch_unlikely(&sxf_trace_key) && (c->trace & (SXF_T_DATAPATH | SXF_T_ROUTE))) {
		char a[48], gw[48];
		struct sxf_wing tmp = { .t = p->t, .dst = fwd.dst };
		struct srxflow_prefix g;

		sxf_ntop(p->family, &p->t.dst, a);
		if (fwd.local) {
			sxf_trace_line(c->sn, "flow_first_routing: table %u, %s is local (junos-host)",
				       sxf_vrf_table(net, c->vrf), a);
		} else {
			sxf_route_gateway(&tmp, &g);
			sxf_trace_line(c->sn, "flow_first_routing: table %u, routed (x_dst_ip %s) from %s (%s) to %s, next-hop %s",
				       sxf_vrf_table(net, c->vrf), a, c->ifent->zif->zone->o.name,
				       c->in->name, fwd.dst->dev->name, sxf_ntop(p->family, g.addr, gw));
		}
	}

	/* 4. egress zone */
	if (fwd.local) {
		to = SXF_ZONE_HOST;
		if (sxf_host_always_allowed(p)) {
			/* neighbour discovery, MLD: infrastructure, no session */
			SXF_STAT_INC(c->sn, host);
			return NF_ACCEPT;
		}
		if (fwd.bcast) {
			/* broadcast/multicast to the router: no session */
			if (sxf_host_always_allowed(p) ||
			    sxf_host_inbound_allowed(c->ifent->zif, p)) {
				SXF_STAT_INC(c->sn, host);
				return NF_ACCEPT;
			}
			return sxf_drop(c, skb, SRXFLOW_DROP_HOST_INBOUND, NULL);
		}
	} else {
		out_ent = sxf_ifmap_lookup(rcu_dereference(cfg->ifmap), fwd.oif);
		if (!out_ent) {
			dst_release(fwd.dst);
			return sxf_drop(c, skb, SRXFLOW_DROP_INVALID_ZONE, NULL);
		}
		to = out_ent->zone;
	}

	/* 5. policy */
	SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: policy search from zone %s-> zone %s",
		  sxf_zone_name(cfg, from), sxf_zone_name(cfg, to));
	if (to == SXF_ZONE_HOST) {
		if (host_policy(c, skb, &pol))
			return NF_STOLEN;
		sflags |= SXF_SF_TO_HOST;
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_HOST, "host-inbound traffic permitted by %s",
			  pol ? pol->o.name : "host-inbound-traffic");
	} else {
		struct sxf_pkey k;

		pkey_from_tuple(&k, &p->t, p->icmp_code, from, to);
		pol = sxf_policy_lookup(cfg, &k);
		if (!pol) {
			if (cfg->flow.default_policy != SRXFLOW_DEFAULT_PERMIT_ALL) {
				dst_release(fwd.dst);
				return sxf_drop(c, skb, SRXFLOW_DROP_DEFAULT_DENY, NULL);
			}
			sflags |= SXF_SF_DEFAULT;
			SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: no policy matched, default-policy permit-all");
		} else {
			policy_hit(c->sn, pol->index);
			SXF_TRACE(c, SXF_T_DATAPATH, "flow_first_policy_search: policy %s(%u) matched, action %s",
				  pol->o.name, pol->index, pol->action == SRXFLOW_ACTION_PERMIT ? "permit" :
				  pol->action == SRXFLOW_ACTION_DENY ? "deny" : "reject");
			if (pol->action != SRXFLOW_ACTION_PERMIT) {
				dst_release(fwd.dst);
				char why[SRXFLOW_NAME_MAX + 16];

				snprintf(why, sizeof(why), "%s(%u)", pol->o.name, pol->index);
				if (pol->action == SRXFLOW_ACTION_REJECT) {
					sxf_reject(c, skb);
					return sxf_drop(c, skb, SRXFLOW_DROP_POLICY_REJECT, why);
				}
				return sxf_drop(c, skb, SRXFLOW_DROP_POLICY_DENY, why);
			}
		}
	}

	/* 6. reverse route (Out wing: replies towards the initiator) */
	out_vrf = c->vrf;
	if (to == SXF_ZONE_HOST) {
		in_flags = SXF_WF_LOCAL;
		out_flags = SXF_WF_SELF;	/* the router's replies: LOCAL_OUT */
	} else {
		out_vrf = sxf_dev_vrf(fwd.dst->dev);
		sxf_tuple_reverse(&rt, &p->t, out_vrf);
		/*
		 * flow mode: the table of the interface the session came in
		 * on; packet mode (reverse-route-packet-mode-vr): the table of
		 * the interface the replies arrive on, as a router would.
		 */
		table_vrf = cfg->flow.rr_packet_mode ? out_vrf : c->vrf;
		err = sxf_route_lookup(net, &rt, p->tos, skb->mark, table_vrf, &rev);
		if (err || rev.local ||
		    (cfg->flow.rr_packet_mode && rev.oif == fwd.oif)) {
			/* no usable route: Route 0x0, replies are dropped */
			if (rev.dst)
				dst_release(rev.dst);
			memset(&rev, 0, sizeof(rev));
			out_flags = SXF_WF_NOROUTE;
		}
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_ROUTE,
			  "flow_first_reverse_route: %s mode, table %u: %s%s",
			  cfg->flow.rr_packet_mode ? "packet" : "flow", sxf_vrf_table(net, table_vrf),
			  out_flags ? "no route, Route 0x0" : "out via ",
			  out_flags ? "" : rev.dst->dev->name);
	}

	/* 7. reverse static NAT, then source NAT, slot in here: they change
	 *    the Out wing's tuple (its destination becomes the translated
	 *    address).
	 * 8. ALG set-up slots in here.
	 */

	/* 9. session install */
	s = sxf_session_alloc(c->sn, cfg->flow.max_sessions);
	if (IS_ERR(s)) {
		if (rev.dst)
			dst_release(rev.dst);
		return alloc_fail(c, skb, s, &fwd);
	}
	if (to == SXF_ZONE_HOST) {
		wing_fill(&s->w[0], &p->t, c->in->ifindex, in_flags, NULL);
		sxf_tuple_reverse(&rt, &p->t, c->vrf);
		wing_fill(&s->w[1], &rt, 0, out_flags, NULL);
	} else {
		wing_fill(&s->w[0], &p->t, c->in->ifindex, in_flags, &fwd);
		wing_fill(&s->w[1], &rt, fwd.oif, out_flags, &rev);
		if (cfg->flow.rr_packet_mode)
			sflags |= SXF_SF_PKTMODE;
	}

	est_timeout = proto_timeout(p->proto);
	if (pol) {
		const struct sxf_app *app = NULL;
		struct sxf_pkey k;

		if (!pol->any_app) {
			pkey_from_tuple(&k, &p->t, p->icmp_code, from, to);
			app = sxf_policy_match_app(pol, &k);
		}
		if (app && app->timeout)
			est_timeout = app->timeout;
		s->policy = pol->index;
		if (pol->count)
			sflags |= SXF_SF_COUNT;
		if (pol->log_close)
			sflags |= SXF_SF_LOG_CLOSE;
	}
	/*
	 * s->timeout is the inactivity timeout of the established session;
	 * during the TCP handshake the expiry follows tcp-initial-timeout.
	 */
	if (est_timeout == SRXFLOW_TIMEOUT_NEVER) {
		sflags |= SXF_SF_NEVER;
		est_timeout = SXF_TO_OTHER;
	}
	timeout = est_timeout;
	if (p->proto == IPPROTO_TCP) {
		sxf_tcp_init(s, p, &cfg->flow);
		if (s->tcp_state == SXF_TCP_SYN_SENT)
			timeout = cfg->flow.tcp_initial_timeout;
	}
	s->flags = sflags;
	s->timeout = est_timeout;
	s->expires = (u32)jiffies + timeout * HZ;

	w = install(c, s, &err);
	if (!w) {
		SXF_STAT_INC(c->sn, failed);
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_MEMORY, NULL);
	}
	if (w != &s->w[0])
		return sxf_fast_path(c, skb, w);	/* lost the race */
	session_created(c, s, pol && pol->log_init);

	/* the first packet: counted on its wing, then forwarded like the rest */
	atomic64_inc(&w->pkts);
	atomic64_add(p->len, &w->bytes);
	if (to == SXF_ZONE_HOST) {
		SXF_STAT_INC(c->sn, host);
		return NF_ACCEPT;
	}
	return sxf_forward(c, skb, s, w);
}

/*
 * Traffic the router originates (LOCAL_OUT) without a session: permitted
 * (self-traffic-policy).  A session is created so that replies come back
 * through zoned interfaces; errors, resets and replies do not open one.
 */
unsigned int sxf_self_traffic(struct sxf_ctx *c, struct sk_buff *skb, int oif)
{
	const struct sxf_pkt *p = &c->pkt;
	struct sxf_session *s;
	struct sxf_tuple rt;
	struct sxf_wing *w;
	int err;

	if (p->icmp_err || (p->icmp_query && p->icmp_reply) ||
	    sxf_host_always_allowed(p) || sxf_tuple_is_multicast(&p->t) ||
	    (p->proto == IPPROTO_TCP &&
	     (p->tcp_flags & (SXF_TCP_SYN | SXF_TCP_ACK | SXF_TCP_RST)) != SXF_TCP_SYN))
		return NF_ACCEPT;

	s = sxf_session_alloc(c->sn, c->cfg->flow.max_sessions);
	if (IS_ERR(s)) {
		SXF_STAT_INC(c->sn, failed);
		return NF_ACCEPT;	/* never block the router itself */
	}
	wing_fill(&s->w[0], &p->t, 0, SXF_WF_SELF, NULL);
	sxf_tuple_reverse(&rt, &p->t, c->vrf);
	wing_fill(&s->w[1], &rt, oif, SXF_WF_LOCAL, NULL);
	s->flags = SXF_SF_SELF;
	s->timeout = proto_timeout(p->proto);
	s->expires = (u32)jiffies + s->timeout * HZ;
	if (p->proto == IPPROTO_TCP) {
		sxf_tcp_init(s, p, &c->cfg->flow);
		s->expires = (u32)jiffies + c->cfg->flow.tcp_initial_timeout * HZ;
	}
	w = install(c, s, &err);
	if (w == &s->w[0]) {
		session_created(c, s, false);
		atomic64_inc(&w->pkts);
		atomic64_add(p->len, &w->bytes);
	}
	return NF_ACCEPT;
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
	dst = READ_ONCE(s->w[0].dst);
	out = dst ? sxf_ifmap_lookup(m, dst->dev->ifindex) : NULL;
	if (in && out) {
		pkey_from_tuple(&k, &s->w[0].t, 0, in->zone, out->zone);
		pol = sxf_policy_lookup(cfg, &k);
		ok = pol && pol->index == s->policy && pol->action == SRXFLOW_ACTION_PERMIT;
	}
	rcu_read_unlock();
	return ok;
}
