// SPDX-License-Identifier: GPL-2.0
/*
 * Session events: a session was created (both wings linked) or closed
 * (unlinked).  session.c raises them, and only session.c; everything that
 * follows a session's life subscribes here: flow statistics, tracepoints
 * and traceoptions, policy accounting (then count), session logging (then
 * log session-init / session-close) - and later HA synchronisation.
 *
 * Called from the packet path (softirq, RCU held) or from process context
 * (clear, rematch, ageing, netns exit): subscribers never sleep.
 */
#include <linux/ratelimit.h>
#include "engine.h"
#include "policy.h"
#include "trace.h"
#include "srxflow_trace.h"

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
	if (flags & SXF_SF_LOG_INIT) {
		const struct sxf_cfg *cfg;

		rcu_read_lock();
		cfg = rcu_dereference(sn->cfg);
		if (cfg)
			log_session("CREATE", sn, cfg, s, NULL);
		rcu_read_unlock();
	}
}

void sxf_session_event_closed(struct sxf_net *sn, struct sxf_session *s)
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
	if (flags & SXF_SF_COUNT)
		policy_account(sn, s);
	if (flags & SXF_SF_LOG_CLOSE) {
		const struct sxf_cfg *cfg = rcu_dereference(sn->cfg);

		if (cfg)
			log_session("CLOSE", sn, cfg, s, sxf_close_reason_str[s->close_reason]);
	}
	rcu_read_unlock();
}
