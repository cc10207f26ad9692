// SPDX-License-Identifier: GPL-2.0
/*
 * The session table: an rhashtable per namespace holding both wings of
 * every session, looked up under RCU without locks.  Sessions are created
 * by the first path, aged out by an incremental worker that yields, and
 * freed after a grace period (their cached routes with them).
 */
#include <linux/jhash.h>
#include <asm/unaligned.h>
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/percpu_counter.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/rtnetlink.h>
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"
#include "session.h"
#include "engine.h"
#include "nat.h"
#include "alg.h"

static struct kmem_cache *sxf_session_cache __read_mostly;
/* sessions with a struct sxf_session_ext behind them */
static struct kmem_cache *sxf_session_ext_cache __read_mostly;

/*
 * Sessions of all namespaces together are bounded, whatever each
 * namespace's max-sessions says: a namespace's owner (possibly an
 * unprivileged user in its own user namespace) cannot pin more kernel
 * memory than this.  Sessions are allocated in softirq, where no memory
 * cgroup is charged, so this is the bound.
 */
static unsigned int sessions_limit;
module_param(sessions_limit, uint, 0644);
MODULE_PARM_DESC(sessions_limit,
		 "sessions of all namespaces together (default 0: an eighth of RAM's worth)");
/*
 * Sessions of all namespaces: a per-CPU counter, so that creating and
 * freeing a session does not write a cache line every CPU shares.  Its
 * cheap read is off by at most SXF_ALL_BATCH per CPU; within that distance
 * of sessions_limit the exact sum is taken (a lock over all CPUs).  The
 * limit holds up to the creations in flight between the check and the add
 * (at most two per CPU: process context and softirq).
 */
#define SXF_ALL_BATCH	64
static struct percpu_counter sxf_sessions_all;

static bool sessions_all_full(void)
{
	s64 limit = READ_ONCE(sessions_limit);
	s64 n = percpu_counter_read(&sxf_sessions_all);

	if (n + (s64)SXF_ALL_BATCH * num_online_cpus() < limit)
		return false;
	return percpu_counter_sum(&sxf_sessions_all) >= limit;
}

static void sessions_all_add(s32 n)
{
	percpu_counter_add_batch(&sxf_sessions_all, n, SXF_ALL_BATCH);
}

/*
 * Session identifiers: each CPU takes a range of SXF_ID_BATCH from the
 * namespace's counter and hands it out, so that one new session in
 * SXF_ID_BATCH writes the shared counter.  Identifiers stay unique within
 * the namespace and increase on each CPU; across CPUs they are no longer
 * in creation order.
 */
#define SXF_ID_BATCH	256

static u64 session_next_id(struct sxf_table *tab)
{
	struct sxf_id_range *r;
	u64 id;

	local_bh_disable();
	r = this_cpu_ptr(tab->ids);
	if (unlikely(r->next == r->end)) {
		r->end = (u64)atomic64_add_return(SXF_ID_BATCH, &tab->next_id) + 1;
		r->next = r->end - SXF_ID_BATCH;
	}
	id = r->next++;
	local_bh_enable();
	return id;
}

const char *const sxf_close_reason_str[] = {
	[SXF_CLOSE_NONE]	= "unknown",
	[SXF_CLOSE_AGED]	= "idle Timeout",
	[SXF_CLOSE_TCP_FIN]	= "TCP FIN",
	[SXF_CLOSE_TCP_RST]	= "TCP RST",
	[SXF_CLOSE_CLEAR]	= "clear session",
	[SXF_CLOSE_POLICY]	= "policy delete",
	[SXF_CLOSE_IFACE]	= "interface removed",
	[SXF_CLOSE_ROUTE]	= "route change",
	[SXF_CLOSE_UNLOAD]	= "unload",
	[SXF_CLOSE_ICMP_REPLY]	= "response received",
	[SXF_CLOSE_PARENT]	= "parent closed",
};

/*
 * The hash of a session key: the words its family uses.  An IPv4 tuple
 * leaves 24 of its 44 bytes zero (the rest of the two IPv6-sized
 * addresses); jhash2() over all 11 words, rhashtable's default, spent
 * more than half of every lookup's and insert's hash on them.  Equal keys
 * have equal hashes, as they must (keys are still compared whole), and
 * every word that can differ between two IPv4 keys (the rest of their
 * addresses is zero) is hashed whole: two different keys never give
 * jhash2() the same input, so a collision is the secret seed's chance,
 * never one a sender can choose.
 */
static u32 sxf_tuple_hashfn(const void *data, u32 len, u32 seed)
{
	const struct sxf_tuple *t = data;
	const u32 *w = data;

	BUILD_BUG_ON(offsetof(struct sxf_tuple, sport) != 8 * sizeof(u32) ||
		     offsetof(struct sxf_tuple, proto) != 9 * sizeof(u32) ||
		     offsetof(struct sxf_tuple, vrf) != 10 * sizeof(u32) ||
		     offsetof(struct sxf_tuple, dst) != 4 * sizeof(u32));
	if (likely(t->family == AF_INET)) {
		/* v4 source, v4 destination, ports, proto/family/icmp_type/pad, vrf */
		u32 k[5] = { w[0], w[4], w[8], w[9], w[10] };

		return jhash2(k, ARRAY_SIZE(k), seed);
	}
	return jhash2(w, SXF_TUPLE_WORDS, seed);
}

/*
 * Key comparison: the whole 44 bytes, as five 64-bit words and one 32-bit
 * one, without a branch.  rhashtable's default is memcmp(), a call and a
 * loop of ~100 instructions per lookup for two equal keys (they are
 * compared to the end): a tenth of what srxflow adds to a forwarded packet.
 * 0 when equal, as rhashtable wants.
 */
static int sxf_tuple_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const u8 *a = (const u8 *)&((const struct sxf_wing *)obj)->t, *b = arg->key;
	u64 d;

	BUILD_BUG_ON(sizeof(struct sxf_tuple) != 5 * sizeof(u64) + sizeof(u32));
	d = get_unaligned((const u64 *)a) ^ get_unaligned((const u64 *)b);
	d |= get_unaligned((const u64 *)(a + 8)) ^ get_unaligned((const u64 *)(b + 8));
	d |= get_unaligned((const u64 *)(a + 16)) ^ get_unaligned((const u64 *)(b + 16));
	d |= get_unaligned((const u64 *)(a + 24)) ^ get_unaligned((const u64 *)(b + 24));
	d |= get_unaligned((const u64 *)(a + 32)) ^ get_unaligned((const u64 *)(b + 32));
	d |= get_unaligned((const u32 *)(a + 40)) ^ get_unaligned((const u32 *)(b + 40));
	return d != 0;
}

static const struct rhashtable_params sxf_rht_params = {
	.head_offset		= offsetof(struct sxf_wing, node),
	.key_offset		= offsetof(struct sxf_wing, t),
	.key_len		= sizeof(struct sxf_tuple),
	.hashfn			= sxf_tuple_hashfn,
	.obj_cmpfn		= sxf_tuple_cmpfn,
	.automatic_shrinking	= true,
	.min_size		= 256,
};

int sxf_session_module_init(void)
{
	BUILD_BUG_ON(sizeof(struct sxf_tuple) != 44);
	/* the session's fields stay in the wings' tails (session.h) */
	BUILD_BUG_ON(offsetof(struct sxf_wing, session_fields) != SXF_WING_USED);
	BUILD_BUG_ON(sizeof(struct sxf_wing) != SXF_WING_USED + SXF_WING_TAIL);
	BUILD_BUG_ON(sizeof(struct sxf_wing) != 128);
	BUILD_BUG_ON(offsetofend(struct sxf_session, close_reason) +
		     (IS_ENABLED(CONFIG_DEBUG_SPINLOCK) || IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC) ?
		      0 : sizeof(spinlock_t)) > sizeof(struct sxf_wing));
	BUILD_BUG_ON(offsetof(struct sxf_session, id) != sizeof(struct sxf_wing) + SXF_WING_USED);
	BUILD_BUG_ON(offsetofend(struct sxf_session, rcu) != 2 * sizeof(struct sxf_wing));
	/* one direction's counters and the other's node and key: other lines */
	BUILD_BUG_ON(offsetof(struct sxf_session, w[1].node) / 64 <=
		     (offsetofend(struct sxf_session, w[0].bytes) - 1) / 64);
	/* 256 bytes a session (lock debugging makes spinlock_t bigger) */
	BUILD_BUG_ON(!IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && !IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC) &&
		     sizeof(struct sxf_session) != 256);
	if (!sessions_limit)
		sessions_limit = min_t(u64, INT_MAX,
				       div_u64((u64)totalram_pages() << PAGE_SHIFT,
					       8 * sizeof(struct sxf_session)));
	if (percpu_counter_init(&sxf_sessions_all, 0, GFP_KERNEL))
		return -ENOMEM;
	sxf_session_cache = kmem_cache_create("srxflow_session",
					      sizeof(struct sxf_session), 0,
					      SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, NULL);
	if (!sxf_session_cache)
		goto err_counter;
	sxf_session_ext_cache = kmem_cache_create("srxflow_session_ext",
						  sizeof(struct sxf_session) +
						  sizeof(struct sxf_session_ext), 0,
						  SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, NULL);
	if (!sxf_session_ext_cache)
		goto err_cache;
	return 0;

err_cache:
	kmem_cache_destroy(sxf_session_cache);
err_counter:
	percpu_counter_destroy(&sxf_sessions_all);
	return -ENOMEM;
}

void sxf_session_module_exit(void)
{
	kmem_cache_destroy(sxf_session_ext_cache);
	kmem_cache_destroy(sxf_session_cache);
	percpu_counter_destroy(&sxf_sessions_all);
}

/* A session could not be created: both counters that show it agree. */
static void session_failed(struct sxf_net *sn)
{
	atomic64_inc(&sn->tab.failed);
	SXF_STAT_INC(sn, failed);
}

/* Give s back to its slab cache (its routes are let go first). */
static void session_free(struct sxf_session *s)
{
	if (s->flags & SXF_SF_EXT)
		sxf_nat_session_ext_free(s);
	dst_release(s->w[0].dst);
	dst_release(s->w[1].dst);
	kmem_cache_free(s->flags & SXF_SF_EXT ? sxf_session_ext_cache : sxf_session_cache, s);
	sessions_all_add(-1);
}

/*
 * A new session, not linked yet.  ext: with a zeroed struct sxf_session_ext
 * behind it (sxf_session_ext()).
 */
struct sxf_session *sxf_session_alloc(struct sxf_net *sn, u32 max_sessions, bool ext)
{
	struct sxf_table *tab = &sn->tab;
	struct sxf_session *s;

	if (atomic_inc_return(&tab->count) > max_sessions) {
		atomic_dec(&tab->count);
		session_failed(sn);
		return ERR_PTR(-ENOSPC);
	}
	if (sessions_all_full()) {
		atomic_dec(&tab->count);
		session_failed(sn);
		return ERR_PTR(-ENOSPC);
	}
	sessions_all_add(1);
	s = kmem_cache_zalloc(ext ? sxf_session_ext_cache : sxf_session_cache, GFP_ATOMIC);
	if (!s) {
		sessions_all_add(-1);
		atomic_dec(&tab->count);
		session_failed(sn);
		return ERR_PTR(-ENOMEM);
	}
	s->w[1].dir = 1;
	if (ext)
		s->flags = SXF_SF_EXT;
	spin_lock_init(&s->lock);
	s->start = (u32)ktime_get_real_seconds();
	return s;
}

static void session_free_rcu(struct rcu_head *head)
{
	session_free(container_of(head, struct sxf_session, rcu));
}

/*
 * Mark s dead (once).  Removal, invalidation and linking change the same
 * word (s->flags) with cmpxchg, so the "invalidated" counter is decremented
 * exactly when it was incremented, whatever the race between them.  With
 * need_linked, a session whose wings are not both linked yet is left
 * alone: removers never see half a session.
 */
static bool mark_dead(struct sxf_net *sn, struct sxf_session *s, bool need_linked)
{
	u32 old = READ_ONCE(s->flags);

	do {
		if ((old & SXF_SF_DEAD) || (need_linked && !(old & SXF_SF_LINKED)))
			return false;
	} while (!try_cmpxchg(&s->flags, &old, old | SXF_SF_DEAD));
	if (old & SXF_SF_INVALID) {
		int inval = atomic_dec_return(&sn->tab.invalidated);

		sxf_check(inval >= 0);
	}
	if (old & SXF_SF_OFFLOADED)
		atomic_dec(&sn->offload_sessions);
	return true;
}

/*
 * A failed link.  unseen: no wing was ever in the table, freed at once.
 * seen: wing w was linked; readers that found it let go (mark_dead) and
 * the session is freed after a grace period.  -EEXIST (a lost race, a
 * taken tuple) is not a creation failure.
 */
static void insert_failed_unseen(struct sxf_net *sn, struct sxf_session *s, int err)
{
	atomic_dec(&sn->tab.count);
	if (err != -EEXIST)
		session_failed(sn);
	session_free(s);
}

static void insert_failed_seen(struct sxf_net *sn, struct sxf_session *s,
			       struct sxf_wing *w, int err)
{
	mark_dead(sn, s, false);
	rhashtable_remove_fast(&sn->tab.ht, &w->node, sxf_rht_params);
	atomic_dec(&sn->tab.count);
	if (err != -EEXIST)
		session_failed(sn);
	call_rcu(&s->rcu, session_free_rcu);
}

/*
 * The link protocol.  Wing 0 is linked first: from then on lookups (the
 * fast path of other CPUs) can find it, but removers (clear, rematch,
 * interface flush, ageing, a TCP RST on another CPU) cannot act on the
 * session before SXF_SF_LINKED is set, which happens only once wing 1 is
 * linked too.  If wing 1 cannot be linked (its tuple exists: a LAND packet,
 * a simultaneous open from the other side), wing 0 is taken out again by
 * its creator alone and the session freed after a grace period.
 */
int sxf_session_insert(struct sxf_net *sn, struct sxf_session *s)
{
	struct rhashtable *ht = &sn->tab.ht;
	int err;

	s->id = session_next_id(&sn->tab);
	err = rhashtable_lookup_insert_fast(ht, &s->w[0].node, sxf_rht_params);
	if (err) {
		insert_failed_unseen(sn, s, err);
		return err;
	}
	err = rhashtable_lookup_insert_fast(ht, &s->w[1].node, sxf_rht_params);
	if (err) {
		insert_failed_seen(sn, s, &s->w[0], -ENOSPC);	/* counted as a failure */
		return err;
	}
	/* created before removers can close it: the events come in order */
	sxf_session_event_created(sn, s);
	sxf_sf_set(s, SXF_SF_LINKED);	/* fully ordered: removers see both wings */
	return 0;
}

/*
 * Source NAT: the reply wing's tuple is claimed by linking it.  Wing 1 is
 * linked first, trying the tuples next() proposes while the table holds
 * the one tried (-EEXIST): nothing is visible until one is free, so the
 * retries need no grace period.  Then wing 0, as sxf_session_insert()
 * does it the other way round; on failure wing 1 is taken out again by
 * its creator alone.  -EADDRNOTAVAIL: next() had no tuple left.
 * A tuple an ALG gate waits for (sxf_gate_claims()) counts as held: the
 * data connection it announced, from a source port not known yet, must
 * not land in this session.  (A gate opened after the claim, for a port
 * PAT gave out just before, is hit by its data connection only if that
 * also comes from this session's remote port.)
 */
int sxf_session_insert_nat(struct sxf_net *sn, struct sxf_session *s,
			   bool (*next)(struct sxf_session *s, void *arg), void *arg)
{
	struct rhashtable *ht = &sn->tab.ht;
	int err;

	s->id = session_next_id(&sn->tab);
	for (;;) {
		if (unlikely(sxf_gate_claims(sn, &s->w[1].t)))
			err = -EEXIST;
		else
			err = rhashtable_lookup_insert_fast(ht, &s->w[1].node, sxf_rht_params);
		if (err != -EEXIST || !next(s, arg))
			break;
	}
	if (err) {
		insert_failed_unseen(sn, s, err);
		return err == -EEXIST ? -EADDRNOTAVAIL : err;
	}
	err = rhashtable_lookup_insert_fast(ht, &s->w[0].node, sxf_rht_params);
	if (err) {
		insert_failed_seen(sn, s, &s->w[1], err);
		return err;
	}
	sxf_session_event_created(sn, s);
	sxf_sf_set(s, SXF_SF_LINKED);
	return 0;
}

struct sxf_wing *sxf_session_lookup(struct sxf_net *sn, const struct sxf_tuple *t)
{
	struct sxf_wing *w;

	sxf_assert_rcu();
	w = rhashtable_lookup(&sn->tab.ht, t, sxf_rht_params);
	sxf_check(!w || (w->dir <= 1 && sxf_wing_session(w)->w[w->dir].dir == w->dir));
	return w;
}

/* Unlink a published session (once) and free it after a grace period. */
bool sxf_session_remove(struct sxf_net *sn, struct sxf_session *s, u8 reason)
{
	int count;

	if (!mark_dead(sn, s, true))
		return false;
	s->close_reason = reason;
	rhashtable_remove_fast(&sn->tab.ht, &s->w[0].node, sxf_rht_params);
	rhashtable_remove_fast(&sn->tab.ht, &s->w[1].node, sxf_rht_params);
	count = atomic_dec_return(&sn->tab.count);
	sxf_check(count >= 0);
	sxf_session_event_closed(sn, s);
	call_rcu(&s->rcu, session_free_rcu);
	return true;
}

/* The session has ended (FIN/RST): keep it a little, then age it out. */
void sxf_session_invalidate(struct sxf_net *sn, struct sxf_session *s, u32 keep)
{
	u32 old = READ_ONCE(s->flags);

	/*
	 * Counted before the flag is set (and given back when it was not):
	 * a mark_dead() that sees the flag must find the count it takes back.
	 */
	if (old & (SXF_SF_DEAD | SXF_SF_INVALID))
		goto timer;
	atomic_inc(&sn->tab.invalidated);
	do {
		if (old & (SXF_SF_DEAD | SXF_SF_INVALID)) {
			atomic_dec(&sn->tab.invalidated);
			goto timer;
		}
	} while (!try_cmpxchg(&s->flags, &old, (old | SXF_SF_INVALID) & ~SXF_SF_NEVER));
timer:
	if (!(old & SXF_SF_DEAD) && s->timeout > keep)
		sxf_session_set_timeout(s, keep);
}

/* sessions closed in the namespace so far (all CPUs) */
static u64 closed_count(struct sxf_net *sn)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(sn->stats, cpu)->closed);
	return n;
}

/* One pass over the table; false if fn asked to stop. */
static bool walk_once(struct sxf_net *sn, sxf_session_fn fn, void *arg)
{
	struct rhashtable_iter iter;
	struct sxf_wing *w;
	unsigned int n = 0;
	bool go_on = true;

	rhashtable_walk_enter(&sn->tab.ht, &iter);
	rhashtable_walk_start(&iter);
	for (;;) {
		w = rhashtable_walk_next(&iter);
		if (IS_ERR(w)) {
			if (PTR_ERR(w) == -EAGAIN)
				continue;	/* table resized: rewound */
			break;
		}
		if (!w)
			break;
		if (w->dir)
			continue;
		if (!fn(sn, sxf_wing_session(w), arg)) {
			go_on = false;
			break;
		}
		if (!(++n % 256) && need_resched()) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return go_on;
}

#define SXF_WALK_PASSES	8

/*
 * Call fn for every session (process context).  A walk that stops and
 * starts again (to reschedule) can miss sessions when entries of its
 * bucket were removed meanwhile - by fn itself (clear, flush, rematch) or
 * by the ageing worker: rhashtable_walk_start() resumes by a count of
 * entries to skip.  So the walk is repeated, up to SXF_WALK_PASSES times,
 * until a pass during which no session was closed: that pass saw every
 * session.  fn must be idempotent (it may see a session twice).
 */
void sxf_sessions_walk(struct sxf_net *sn, sxf_session_fn fn, void *arg)
{
	int pass;

	for (pass = 0; pass < SXF_WALK_PASSES; pass++) {
		u64 closed = closed_count(sn);

		if (!walk_once(sn, fn, arg) || closed_count(sn) == closed)
			break;
	}
}

/* --- aging ----------------------------------------------------------------------------- */
#define GC_INTERVAL	HZ
#define GC_MIN_BUDGET	4096

static void gc_update_watermarks(struct sxf_net *sn, const struct sxf_flow_opts *f)
{
	u64 used = (u64)atomic_read(&sn->tab.count) * 100;
	u64 max = f->max_sessions;

	if (used >= f->high_wm * max && f->high_wm < 100)
		sn->tab.aggressive = true;
	else if (used < f->low_wm * max)
		sn->tab.aggressive = false;
}

static void gc_work(struct work_struct *work)
{
	struct sxf_table *tab = container_of(to_delayed_work(work), struct sxf_table, gc);
	struct sxf_net *sn = container_of(tab, struct sxf_net, tab);
	u32 budget = max_t(u32, GC_MIN_BUDGET, atomic_read(&tab->count) / 4);
	u32 early_ageout = 0, now = (u32)jiffies;
	const struct sxf_cfg *cfg;
	struct sxf_wing *w;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (cfg) {
		gc_update_watermarks(sn, &cfg->flow);
		early_ageout = cfg->flow.early_ageout * HZ;
	}
	rcu_read_unlock();

	if (!tab->gc_iter_valid) {
		rhashtable_walk_enter(&tab->ht, &tab->gc_iter);
		tab->gc_iter_valid = true;
	}
	sxf_gates_gc(sn);		/* expired ALG gates */
	rhashtable_walk_start(&tab->gc_iter);
	while (budget--) {
		struct sxf_session *s;
		u32 exp, flags;

		w = rhashtable_walk_next(&tab->gc_iter);
		if (IS_ERR(w)) {
			if (PTR_ERR(w) == -EAGAIN)
				continue;
			break;
		}
		if (!w) {
			/* a full pass is done: start over next time */
			rhashtable_walk_stop(&tab->gc_iter);
			rhashtable_walk_exit(&tab->gc_iter);
			tab->gc_iter_valid = false;
			goto resched;
		}
		if (w->dir)
			continue;
		s = sxf_wing_session(w);
		exp = READ_ONCE(s->expires);
		flags = READ_ONCE(s->flags);
		now = (u32)jiffies;
		if (unlikely(flags & SXF_SF_EXT) && sxf_alg_orphan(s)) {
			/* an ALG data session outlives no control session */
			sxf_session_remove(sn, s, sxf_alg_orphan_reason(s, flags));
		} else if (!(flags & SXF_SF_NEVER) && (s32)(now - exp) >= 0) {
			/* an ended session (FIN, RST) closes for that reason */
			u8 why = flags & SXF_SF_INVALID ? READ_ONCE(s->close_reason) : 0;

			sxf_session_remove(sn, s, why ? : sxf_session_expiry_reason(s, flags));
		} else if (tab->aggressive && !(flags & SXF_SF_NEVER) &&
			   (s32)(now - (exp - s->timeout * HZ)) >= (s32)early_ageout) {
			/* above the high watermark: idle sessions go early */
			sxf_session_remove(sn, s, SXF_CLOSE_AGED);
		}
		if (!(budget % 256) && need_resched()) {
			rhashtable_walk_stop(&tab->gc_iter);
			cond_resched();
			rhashtable_walk_start(&tab->gc_iter);
		}
	}
	rhashtable_walk_stop(&tab->gc_iter);
resched:
	queue_delayed_work(sxf_wq, &tab->gc, GC_INTERVAL);
}

/* --- removal by interface, policy ------------------------------------------------- */
static bool flush_dev_fn(struct sxf_net *sn, struct sxf_session *s, void *arg)
{
	const struct net_device *dev = arg;
	int i;

	for (i = 0; i < 2; i++) {
		const struct dst_entry *dst = READ_ONCE(s->w[i].dst);

		if (s->w[i].ifindex == dev->ifindex || s->w[i].t.vrf == dev->ifindex ||
		    (dst && dst->dev == dev)) {
			sxf_session_remove(sn, s, SXF_CLOSE_IFACE);
			break;
		}
	}
	return true;
}

/* A device is going away: its sessions (and their route references) too. */
void sxf_sessions_flush_dev(struct sxf_net *sn, struct net_device *dev)
{
	if (atomic_read(&sn->tab.count))
		sxf_sessions_walk(sn, flush_dev_fn, dev);
}

static bool flush_snat_addr_fn(struct sxf_net *sn, struct sxf_session *s, void *arg)
{
	const struct sxf_tuple *a = arg, *t = &s->w[1].t;

	if ((READ_ONCE(s->flags) & SXF_SF_SNAT_IF) && t->family == AF_INET &&
	    t->dst.v4 == a->dst.v4 && t->vrf == a->vrf)
		sxf_session_remove(sn, s, SXF_CLOSE_IFACE);
	return true;
}

/*
 * An interface of VRF vrf (0: none) lost IPv4 address addr (RTNL): the
 * sessions whose source interface NAT (source-nat interface,
 * overflow-pool interface) translated to it end, as masquerade's
 * conntrack entries do.  Their packets would go on leaving from an
 * address that is no longer the router's, whose answers never come back
 * (or reach whoever has it now); the next packet of such a flow takes the
 * first path and the address the interface has now.
 */
void sxf_sessions_flush_snat_addr(struct sxf_net *sn, __be32 addr, int vrf)
{
	struct sxf_tuple a = { .family = AF_INET, .dst.v4 = addr, .vrf = vrf };

	if (atomic_read(&sn->tab.count))
		sxf_sessions_walk(sn, flush_snat_addr_fn, &a);
}

static bool flush_snat6_fn(struct sxf_net *sn, struct sxf_session *s, void *arg)
{
	const struct sxf_tuple *t = &s->w[1].t;

	/* (RCU held by the walk) */
	if ((READ_ONCE(s->flags) & SXF_SF_SNAT_IF) && t->family == AF_INET6 &&
	    !ipv6_chk_addr(sn->net, &t->dst.v6, NULL, 0))
		sxf_session_remove(sn, s, SXF_CLOSE_IFACE);
	return true;
}

/*
 * IPv6 addresses went away (one walk for as many as went meanwhile): the
 * interface NAT sessions whose address is no longer one of the
 * namespace's end.  An address that came back before the walk (a link
 * that flapped) keeps its sessions.
 */
void sxf_sessions_flush_snat6_gone(struct sxf_net *sn)
{
	if (atomic_read(&sn->tab.count))
		sxf_sessions_walk(sn, flush_snat6_fn, NULL);
}

struct rematch_ctx {
	const struct sxf_cfg *cfg;
};

/*
 * Does every wing's interface (the one its packets arrive on, not the
 * router's own side) still belong to a zone?  One that left its zone is
 * in no zone's policy: the first path refuses it ("Invalid zone"), and
 * the fast path would go on forwarding into it.
 */
static bool session_zones_kept(const struct sxf_cfg *cfg, const struct sxf_session *s)
{
	const struct sxf_ifmap *m;
	bool kept = true;
	int i;

	rcu_read_lock();
	m = rcu_dereference(cfg->ifmap);
	for (i = 0; i < 2 && kept; i++)
		if (!(READ_ONCE(s->w[i].flags) & SXF_WF_SELF) && s->w[i].ifindex > 0)
			kept = sxf_ifmap_lookup(m, s->w[i].ifindex);
	rcu_read_unlock();
	return kept;
}

static bool rematch_fn(struct sxf_net *sn, struct sxf_session *s, void *arg)
{
	const struct sxf_cfg *cfg = ((struct rematch_ctx *)arg)->cfg;
	const struct sxf_policy *p;

	/*
	 * The family is no longer flow-based (packet-based, drop): its
	 * sessions end, offloaded ones too (the ingress hook does not read
	 * the configuration).
	 */
	if (cfg->flow.mode[s->w[0].t.family == AF_INET6] != SRXFLOW_FWD_FLOW_BASED) {
		sxf_session_remove(sn, s, SXF_CLOSE_POLICY);
		return true;
	}
	if (!session_zones_kept(cfg, s)) {
		sxf_session_remove(sn, s, SXF_CLOSE_IFACE);
		return true;
	}
	if (!sxf_nat_session_valid(cfg, s)) {
		/* its NAT pool is gone */
		sxf_session_remove(sn, s, SXF_CLOSE_POLICY);
		return true;
	}
	if (!s->policy) {
		u32 flags = READ_ONCE(s->flags);

		if (!cfg->flow.policy_rematch)
			return true;
		/* let in by host-inbound-traffic: is it still? */
		if (((flags & SXF_SF_TO_HOST) && !sxf_session_rematch(sn, cfg, s)) ||
		    ((flags & SXF_SF_DEFAULT) &&
		     cfg->flow.default_policy != SRXFLOW_DEFAULT_PERMIT_ALL))
			sxf_session_remove(sn, s, SXF_CLOSE_POLICY);
		return true;
	}
	p = sxf_cfg_policy_by_index(cfg, s->policy);
	if (!p) {
		/* the policy is gone: so are its sessions */
		sxf_session_remove(sn, s, SXF_CLOSE_POLICY);
		return true;
	}
	/* an ALG data session has its control session's policy, not its own */
	if (cfg->flow.policy_rematch && !sxf_alg_is_data(s) && !sxf_session_rematch(sn, cfg, s))
		sxf_session_remove(sn, s, SXF_CLOSE_POLICY);
	return true;
}

/*
 * After a commit.  synchronize_rcu() first: a first path that was still
 * judging by an older generation has installed its session by then, so
 * the walk sees it.  Then the indices of deleted policies can be reused:
 * those of the generations published before the grace period only.  A
 * commit published during it (or during the walk) may still have first
 * paths judging by the generation before it, whose sessions could
 * appear after the walk: its indices wait for the next run (its commit
 * queued this work again).
 */
static void rematch_work(struct work_struct *work)
{
	struct sxf_table *tab = container_of(work, struct sxf_table, rematch);
	struct sxf_net *sn = container_of(tab, struct sxf_net, tab);
	const struct sxf_cfg *cur;
	struct rematch_ctx ctx;
	struct sxf_cfg *cfg;
	u64 gen = 0;

	rcu_read_lock();
	cur = rcu_dereference(sn->cfg);
	if (cur)
		gen = cur->generation;
	rcu_read_unlock();
	synchronize_rcu();
	cfg = sxf_cfg_get_rcu(sn);
	if (!cfg)
		return;
	ctx.cfg = cfg;
	if (atomic_read(&tab->count))
		sxf_sessions_walk(sn, rematch_fn, &ctx);
	sxf_cfg_put(cfg);
	sxf_policy_indices_release(sn, gen);
}

/* A new generation is running (RTNL held): re-check existing sessions. */
void sxf_cfg_applied(struct sxf_net *sn, struct sxf_cfg *old, struct sxf_cfg *cfg)
{
	queue_work(sxf_wq, &sn->tab.rematch);
}

/* --- per namespace ---------------------------------------------------------------------- */
int sxf_sessions_init(struct sxf_net *sn)
{
	struct sxf_table *tab = &sn->tab;
	int err;

	tab->ids = alloc_percpu(struct sxf_id_range);
	if (!tab->ids)
		return -ENOMEM;
	err = rhashtable_init(&tab->ht, &sxf_rht_params);
	if (err) {
		free_percpu(tab->ids);
		tab->ids = NULL;
		return err;
	}
	atomic_set(&tab->count, 0);
	atomic_set(&tab->invalidated, 0);
	atomic64_set(&tab->next_id, 0);
	atomic64_set(&tab->failed, 0);
	INIT_DELAYED_WORK(&tab->gc, gc_work);
	INIT_WORK(&tab->rematch, rematch_work);
	queue_delayed_work(sxf_wq, &tab->gc, GC_INTERVAL);
	return 0;
}

/*
 * Both wings of a session are visited, in any order: the session is freed
 * on the second visit (the first one marks its wing), never while the
 * other wing can still be reached.
 */
static void free_wing_rht(void *ptr, void *arg)
{
	struct sxf_wing *w = ptr;
	struct sxf_session *s = sxf_wing_session(w);
	struct sxf_net *sn = arg;

	if (!(s->w[!w->dir].flags & SXF_WF_FREED)) {
		w->flags |= SXF_WF_FREED;
		return;
	}
	s->close_reason = SXF_CLOSE_UNLOAD;
	sxf_session_event_closed(sn, s);
	session_free(s);
}

void sxf_sessions_exit(struct sxf_net *sn)
{
	struct sxf_table *tab = &sn->tab;

	cancel_delayed_work_sync(&tab->gc);
	cancel_work_sync(&tab->rematch);
	if (tab->gc_iter_valid) {
		rhashtable_walk_exit(&tab->gc_iter);
		tab->gc_iter_valid = false;
	}
	/* the hooks are unregistered: no reader is left */
	rhashtable_free_and_destroy(&tab->ht, free_wing_rht, sn);
	free_percpu(tab->ids);
	tab->ids = NULL;
}
