// SPDX-License-Identifier: GPL-2.0
/*
 * Session events: a session was created (both wings linked) or closed
 * (unlinked).  session.c raises them, and only session.c; everything that
 * follows a session's life subscribes here: flow statistics, tracepoints
 * and traceoptions, policy accounting (then count), session logging (then
 * log session-init / session-close) - and later HA synchronisation.
 *
 * Called from the packet path (softirq, RCU held) or from process context
 * (clear, rematch, ageing, netns exit), sometimes with a spinlock held:
 * subscribers never sleep and never take a lock the packet path takes.
 */
#include <linux/netdevice.h>
#include <linux/timekeeping.h>
#include "engine.h"
#include "policy.h"
#include "trace.h"
#include "srxflow_trace.h"
#include "screen_rate.h"
#include "nat.h"
#include "alg.h"

/*
 * then log session-close: the reason as Junos words it in
 * RT_FLOW_SESSION_CLOSE (the trace keeps sxf_close_reason_str).
 */
static const char *const rt_flow_close_reason[] = {
	[SXF_CLOSE_NONE]	= "unset",
	[SXF_CLOSE_AGED]	= "idle Timeout",
	[SXF_CLOSE_TCP_FIN]	= "TCP FIN",
	[SXF_CLOSE_TCP_RST]	= "TCP RST",
	[SXF_CLOSE_CLEAR]	= "CLI",
	[SXF_CLOSE_POLICY]	= "policy delete",
	[SXF_CLOSE_IFACE]	= "interface down",
	[SXF_CLOSE_ROUTE]	= "route change",
	[SXF_CLOSE_UNLOAD]	= "unset",
	[SXF_CLOSE_ICMP_REPLY]	= "response received",
	[SXF_CLOSE_PARENT]	= "parent closed",
};

/*
 * then log session-init|session-close: an RT_FLOW event on the "session"
 * multicast group (netlink.c), built only when someone listens.  RCU held.
 */
static void log_session(struct sxf_net *sn, u8 type, const struct sxf_session *s)
{
	const struct sxf_cfg *cfg = rcu_dereference(sn->cfg);
	const struct sxf_policy *p;
	struct net_device *dev;
	struct sxf_slog ev = {
		.type = type,
		.t = &s->w[0].t,
		.id = s->id,
	};
	int i;

	if (!cfg)
		return;
	ev.policy = sxf_nl_session_policy(cfg, s, &p);
	ev.service = sxf_nl_session_app(p, s);
	ev.from = sxf_nl_wing_zone(cfg, s, 0);
	ev.to = sxf_nl_wing_zone(cfg, s, 1);
	dev = s->w[0].ifindex ? dev_get_by_index_rcu(sn->net, s->w[0].ifindex) : NULL;
	ev.ifname = dev ? sxf_dev_label(cfg, dev) : (s->w[0].flags & SXF_WF_SELF) ? ".local..0" : "";
	if (type == SRXFLOW_SLOG_CLOSE) {
		u64 now = ktime_get_real_seconds();

		ev.reason = s->close_reason < ARRAY_SIZE(rt_flow_close_reason) ?
			    rt_flow_close_reason[s->close_reason] : "unset";
		for (i = 0; i < 2; i++) {
			ev.pkts[i] = atomic64_read(&s->w[i].pkts);
			ev.bytes[i] = atomic64_read(&s->w[i].bytes);
		}
		ev.elapsed = now > s->start ? (u32)(now - s->start) : 0;
	}
	if (READ_ONCE(s->flags) & (SXF_SF_SNAT | SXF_SF_DNAT)) {
		ev.nt = &s->w[1].t;
		sxf_nat_session_rules(cfg, sn->net, s, &ev);
	}
	sxf_nl_slog(sn, &ev);
}

/*
 * A policy with then deny|reject and log session-init dropped the first
 * packet of a flow: RT_FLOW_SESSION_DENY.  Packet path, RCU held.
 */
void sxf_session_event_denied(struct sxf_ctx *c, const struct sxf_policy *pol,
			      const struct sxf_pkey *k, u16 from, u16 to)
{
	const struct sxf_app *app;
	struct sxf_slog ev = {
		.type = SRXFLOW_SLOG_DENY,
		.t = &c->pkt.t,
		.policy = pol->o.name,
		.reason = pol->action == SRXFLOW_ACTION_REJECT ? "policy reject" : "policy deny",
	};

	if (!sxf_nl_slog_listening(c->sn))
		return;
	app = pol->any_app ? NULL : sxf_policy_match_app(pol, k);
	ev.service = app ? app->name : "None";
	ev.from = sxf_zone_name(c->cfg, from);
	ev.to = sxf_zone_name(c->cfg, to);
	ev.ifname = c->in ? sxf_dev_label(c->cfg, c->in) : ".local..0";
	sxf_nl_slog(c->sn, &ev);
}

/* then count: a closed session's packets and bytes go to its policy */
static void policy_account(struct sxf_net *sn, const struct sxf_session *s)
{
	struct sxf_pstats *ps = rcu_dereference(sn->pstats);

	if (ps && s->policy < ps->cap) {
		atomic64_add(atomic64_read(&s->w[0].pkts) + atomic64_read(&s->w[1].pkts),
			     &ps->v[s->policy].pkts);
		atomic64_add(atomic64_read(&s->w[0].bytes) + atomic64_read(&s->w[1].bytes),
			     &ps->v[s->policy].bytes);
	}
}

void sxf_session_event_created(struct sxf_net *sn, struct sxf_session *s)
{
	u32 flags = READ_ONCE(s->flags);

	SXF_STAT_INC(sn, created);
	trace_srxflow_session_create(s->id, &s->w[0].t, s->policy, 0);
	sxf_trace_session(sn, s, "created");
	/* a source pool's session: its utilization (alarm) */
	if (flags & SXF_SF_EXT)
		sxf_nat_pool_created(sn, s);
	if ((flags & SXF_SF_LOG_INIT) && sxf_nl_slog_listening(sn)) {
		rcu_read_lock();
		log_session(sn, SRXFLOW_SLOG_CREATE, s);
		rcu_read_unlock();
	}
}

void sxf_session_event_closed(struct sxf_net *sn, struct sxf_session *s)
{
	u32 flags = READ_ONCE(s->flags);

	/* every way a session ends comes here: limit-session gives its count back */
	if (flags & (SXF_SF_SCR_LIM_SRC | SXF_SF_SCR_LIM_DST))
		sxf_screen_limit_release(sn, &s->w[0].t,
					 flags & (SXF_SF_SCR_LIM_SRC | SXF_SF_SCR_LIM_DST |
						  SXF_SF_SCR_OVF_SRC | SXF_SF_SCR_OVF_DST));
	/* ...and syn-ack-ack-proxy its, unless the handshake completed */
	if (flags & SXF_SF_SCR_SAA)
		sxf_screen_saa_done(sn, s);

	SXF_STAT_INC(sn, closed);
	/* ALG: a control session's gates, the parent reference of a data session */
	if (flags & SXF_SF_EXT) {
		sxf_alg_session_closed(sn, s);
		sxf_nat_pool_closed(sn, s);
	}
	trace_srxflow_session_close(s->id, &s->w[0].t, s->policy, s->close_reason);
	if (static_branch_unlikely(&sxf_trace_key)) {
		char what[48];

		snprintf(what, sizeof(what), "closed, reason: %s",
			 sxf_close_reason_str[s->close_reason]);
		sxf_trace_session(sn, s, what);
	}
	rcu_read_lock();
	if (flags & SXF_SF_COUNT)
		policy_account(sn, s);
	/* not at unload: the family is gone already */
	if ((flags & SXF_SF_LOG_CLOSE) && s->close_reason != SXF_CLOSE_UNLOAD &&
	    sxf_nl_slog_listening(sn))
		log_session(sn, SRXFLOW_SLOG_CLOSE, s);
	rcu_read_unlock();
}
