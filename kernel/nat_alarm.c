// SPDX-License-Identifier: GPL-2.0
/*
 * Source NAT pool utilization and its alarm (security nat source
 * [pool P] pool-utilization-alarm raise-threshold N [clear-threshold M]).
 *
 * A pool's utilization is the sessions it translates now over its
 * capacity: addresses x ports of its range with port translation,
 * addresses without (a session of a no-translation pool counts as one
 * address: srxflow gives a session any address of the pool whose reply
 * tuple is free, not one address per host).  The count lives in the pool's
 * counters (struct sxf_nat_ctr, outside the configuration generation,
 * handed from a pool to the pool of the same name at commit).  A session a
 * pool translates carries a reference to them in its extension, taken
 * before it is linked (first path, nat.c: the pool that finally
 * translated, an overflow-pool included) and let go when it is freed; the
 * session events count it: +1 when it is created, -1 when it is closed.
 * Whatever the commits in between, a session is uncounted where it was
 * counted.
 *
 * The alarm is evaluated at each of these events, against the thresholds
 * of the running generation's pool of that name: when the utilization
 * reaches raise-threshold the alarm is raised, when it falls below
 * clear-threshold it is cleared; each change of state (cmpxchg on the
 * counters' alarm_raised) raises one RT_NAT event on the session-log
 * multicast group (SRXFLOW_SLOG_NAT_POOL_RAISE, _CLEAR), so a pool
 * staying above the threshold logs once, not once a session.  Events are
 * built only when someone listens; the state changes regardless.  Two
 * CPUs crossing in opposite directions at once can leave the state
 * behind the count until the next session of the pool starts or ends.
 *
 * Context: the session events (softirq or process, RCU held or not, any
 * lock): nothing here sleeps; freeing the counters takes the per-CPU
 * allocator's spinlock (free_percpu() may be called in atomic context).
 */
#include <linux/slab.h>
#include <linux/percpu.h>
#include "engine.h"
#include "session.h"
#include "nat.h"

void sxf_nat_ctr_put(struct sxf_nat_ctr *c)
{
	if (c && refcount_dec_and_test(&c->ref)) {
		free_percpu(c->hits);	/* (callable in atomic context) */
		kfree(c);
	}
}

static u64 ctr_sum(const struct sxf_nat_ctr *c)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(c->hits, cpu));
	return sum;
}

u64 sxf_nat_ctr_hits(const struct sxf_nat_ctr *c)
{
	u64 sum = ctr_sum(c), base = atomic64_read(&c->hits_base);

	/* a clear between the two reads moved the base past this sum */
	return sum > base ? sum - base : 0;
}

void sxf_nat_ctr_clear_hits(struct sxf_nat_ctr *c)
{
	atomic64_set(&c->hits_base, ctr_sum(c));
}

/* Does the session the first path builds need an extension for its pool? */
bool sxf_nat_pool_needs_ext(const struct sxf_nat_fp *n)
{
	return n->claim && n->pool;
}

/*
 * s (not linked yet) is translated by pool p (NULL: not by a pool, the
 * interface overflow).  The first path's generation holds p, so p->ctr
 * lives at least until the reference taken here.
 */
void sxf_nat_pool_attach(struct sxf_session *s, const struct sxf_nat_pool *p)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	struct sxf_nat_ctr *c = p ? READ_ONCE(p->ctr) : NULL;

	if (!x || x->pool_ctr == c)
		return;
	sxf_nat_ctr_put(x->pool_ctr);
	if (c)
		refcount_inc(&c->ref);
	x->pool_ctr = c;
}

/* session_free(): the reference goes with the session */
void sxf_nat_session_ext_free(struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);

	if (x && x->pool_ctr) {
		sxf_nat_ctr_put(x->pool_ctr);
		x->pool_ctr = NULL;
	}
}

static void alarm_event(struct sxf_net *sn, const struct sxf_session *s,
			const struct sxf_nat_pool *p, u8 type, u8 threshold, u8 util)
{
	struct sxf_slog ev = {
		.type = type,
		.t = &s->w[0].t,
		.id = s->id,
		.service = "",
		.policy = "",
		.from = "",
		.to = "",
		.ifname = "",
		.pool = p->o.name,
		.threshold = threshold,
		.util = util,
	};

	if (sxf_nl_slog_listening(sn))
		sxf_nl_slog(sn, &ev);
}

/* in_use: the pool's count just after s changed it */
static void alarm_check(struct sxf_net *sn, const struct sxf_session *s, struct sxf_nat_ctr *c,
			u32 in_use)
{
	const struct sxf_nat_pool *p = NULL;
	const struct sxf_cfg *cfg;
	struct sxf_obj *o;
	u64 used, cap;
	u8 util;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (cfg && cfg->nat) {
		o = sxf_names_find(&cfg->names, SXF_OBJ_NAT_POOL, SRXFLOW_NAT_SOURCE, c->name);
		p = o ? container_of(o, struct sxf_nat_pool, o) : NULL;
	}
	/* a pool of that name with other counters: the session's pool is gone */
	if (!p || READ_ONCE(p->ctr) != c || !p->alarm_raise || !p->capacity)
		goto out;
	cap = p->capacity;
	used = (u64)in_use * 100;
	util = min_t(u64, div64_u64(used, cap), 100);
	if (used >= p->alarm_raise * cap) {
		if (atomic_cmpxchg(&c->alarm_raised, 0, 1) == 0) {
			atomic64_inc(&c->alarms);
			alarm_event(sn, s, p, SRXFLOW_SLOG_NAT_POOL_RAISE, p->alarm_raise, util);
		}
	} else if (used < p->alarm_clear * cap) {
		if (atomic_cmpxchg(&c->alarm_raised, 1, 0) == 1)
			alarm_event(sn, s, p, SRXFLOW_SLOG_NAT_POOL_CLEAR, p->alarm_clear, util);
	}
out:
	rcu_read_unlock();
}

/* the created event: s counts on its pool from now on */
void sxf_nat_pool_created(struct sxf_net *sn, struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	struct sxf_nat_ctr *c = x ? x->pool_ctr : NULL;

	if (c)
		alarm_check(sn, s, c, atomic_inc_return(&c->in_use));
}

/* the closed event (once a created session); no event at unload */
void sxf_nat_pool_closed(struct sxf_net *sn, struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	struct sxf_nat_ctr *c = x ? x->pool_ctr : NULL;
	int v;

	if (!c)
		return;
	v = atomic_dec_return(&c->in_use);
	sxf_check(v >= 0);
	/* unload, netns exit: the count goes down, no alarm (nobody to tell) */
	if (s->close_reason != SXF_CLOSE_UNLOAD)
		alarm_check(sn, s, c, max(v, 0));
}
