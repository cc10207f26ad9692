// SPDX-License-Identifier: GPL-2.0
/*
 * Screens: the rate checks (icmp/udp flood, SYN source/destination
 * thresholds, ip-sweep, tcp/udp port-scan and sweep) and limit-session.
 *
 * Memory is bounded whatever the traffic: one table per namespace,
 * allocated by the first commit that binds a screen to a zone and kept
 * until the namespace goes away, of fixed size:
 *
 *   rate  4096 sets x 4 ways of { key, window start (64 bits) and length, count,
 *                                 target bitmap }
 *   limit 4096 sets x 8 ways of { key, concurrent sessions }
 *
 * (about 900 KiB).  A key is a 32-bit keyed hash (random seed per
 * namespace) of what is counted: the check, the address (and VRF, and for
 * SYN attack the port).  A set is locked by its own spinlock, with BHs off,
 * for a few instructions: the PRE_ROUTING hook runs in softirq, but also in
 * process context when an NFQUEUE verdict of an earlier hook reinjects a
 * packet (nf_reinject() from the verdict's sendmsg).  A key that is not in its set evicts the entry whose window
 * has expired, else the one with the smallest count: a flood from a
 * million spoofed sources recycles entries of the sets it hashes into, it
 * never allocates, and a legitimate source shares its set with 3 others
 * at most.  The price is approximation: an evicted source starts counting
 * again, two keys of one hash count together (2^-32).
 *
 * Every entry keeps time on one clock, ~microseconds (scr_now()), and
 * its own window: the entries of every check share the sets, and an
 * entry is judged expired by its own window, not by that of the check
 * looking for a slot (a sweep's 5 ms would evict every flood counter).
 *
 * Floods count packets per second per destination address
 * (icmp flood, udp flood) or per source / destination (SYN thresholds):
 * the packets beyond the threshold within the second are dropped.  Sweeps
 * and scans count distinct targets (hosts or ports, hashed into a 64-bit
 * bitmap, seeded) of one source within the threshold (microseconds): the 10th
 * distinct target and everything after it in that window is a scan.
 *
 * RT_IDS events (screen_log.c) are raised at most SXF_IDS_LOG_PER_SEC per
 * second and namespace (sxf_screen_log_budget()).
 *
 * limit-session counts the sessions of an address (initiator's source,
 * destination) netns-wide; a session counted carries SXF_SF_SCR_LIM_* and
 * gives its count back when it ends, whichever way (session_events.c, the
 * close event), or when its install fails (first_path.c).  When all ways
 * of a set are taken by live counts, a new address is counted in the
 * set's overflow count of its check, shared by every address that found
 * no way there and limited as one address (SXF_SF_SCR_OVF_*): never
 * unlimited for want of room (a flood of sources cannot get past the
 * limit), at worst limited with its neighbours in the set.
 *
 * tcp syn-ack-ack-proxy counts, in the same table, the connections of a
 * source whose three-way handshake is incomplete: a session opened by a
 * SYN takes a count (SXF_SF_SCR_SAA) and gives it back when the fast
 * path sees the handshake end (the client's ACK moves it past SYN_RECV,
 * or an RST closes it: sxf_screen_saa_done()), or when it ends whichever
 * way (the close event: age-out, clear) or its install fails.  At the
 * threshold a source's further SYNs are dropped (screen hit "TCP
 * SYN-ACK-ACK proxy") until its count falls.  As on an SRX, where the
 * proxy answers every SYN itself, a SYN the server never answers counts
 * as incomplete too.
 */
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/vmalloc.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include "screen_rate.h"

#define RATE_SETS	4096
#define RATE_WAYS	4
#define LIM_SETS	4096
#define LIM_WAYS	8
#define COOKIE_SLOTS	1024	/* when a cookie was last sent, by destination and port */

struct scr_ent {
	u32 key;
	u32 window;		/* its length, same unit: entries of every check share a set */
	u32 count;
	u64 stamp;		/* window start (scr_now()) */
	u64 bits;		/* sweeps: targets seen */
};

/*
 * One clock for every entry of the table: ~microseconds (ns >> 10), 64
 * bits: a 32-bit stamp would wrap every 73 minutes, and an entry last used
 * a multiple of that ago would look current again, old count and all.
 */
#define SCR_SEC		((u32)(NSEC_PER_SEC >> 10))

static inline u64 scr_now(void)
{
	return ktime_get_ns() >> 10;
}

/* the rate checks of ICMP and UDP packets: without one, no clock is read */
#define SCR_RATE_ICMP	(BIT_ULL(SRXFLOW_SCR_ICMP_FLOOD) | BIT_ULL(SRXFLOW_SCR_ICMP_SWEEP))
#define SCR_RATE_UDP	(BIT_ULL(SRXFLOW_SCR_UDP_FLOOD) | BIT_ULL(SRXFLOW_SCR_UDP_SWEEP) | \
			 BIT_ULL(SRXFLOW_SCR_UDP_PORT_SCAN))

struct scr_rset {
	spinlock_t lock;
	struct scr_ent e[RATE_WAYS];
};

struct scr_lent {
	u32 key;
	u32 count;		/* 0: free */
};

/* the checks of limit-session and syn-ack-ack-proxy: their overflow counts */
enum { L_SRC, L_DST, L_SAA, L_NUM };

struct scr_lset {
	spinlock_t lock;
	struct scr_lent e[LIM_WAYS];
	u32 ovf[L_NUM];		/* counts of the addresses that found no way */
};

struct sxf_scr_state {
	u32 seed;
	/* RT_IDS events: the window (jiffies) and the events raised in it */
	unsigned long log_start;
	atomic_t log_count;
	struct scr_rset rate[RATE_SETS];
	struct scr_lset lim[LIM_SETS];
	unsigned long cookie_last[COOKIE_SLOTS];	/* jiffies (syncookie.c) */
};

enum scr_kind {
	K_ICMP_FLOOD = 1, K_UDP_FLOOD, K_SYN_SRC, K_SYN_DST,
	K_ICMP_SWEEP, K_UDP_SWEEP, K_UDP_SCAN, K_TCP_SCAN, K_TCP_SWEEP,
	K_LIM_SRC, K_LIM_DST, K_SYN_ATTACK, K_SYN_ACK_ACK,
};

int sxf_screen_rate_prepare(struct sxf_net *sn, const struct sxf_cfg *cfg)
{
	struct sxf_scr_state *s;
	bool want = false;
	u32 i;

	for (i = 0; i < cfg->nr_zones && !want; i++)
		want = cfg->zones[i]->screen[0];
	if (!want || sn->scr)
		return 0;
	s = vzalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->seed = get_random_u32();
	s->log_start = jiffies - HZ;	/* (jiffies starts near the wrap) */
	for (i = 0; i < RATE_SETS; i++)
		spin_lock_init(&s->rate[i].lock);
	for (i = 0; i < LIM_SETS; i++)
		spin_lock_init(&s->lim[i].lock);
	/*
	 * Readers (READ_ONCE(sn->scr), an address dependency) do not reach it
	 * through the generation: release, so that a reader that sees the
	 * pointer sees the seed and the initialised locks.
	 */
	smp_store_release(&sn->scr, s);
	return 0;
}

/* the namespace's hooks are gone and its sessions too */
void sxf_screen_rate_exit(struct sxf_net *sn)
{
	vfree(sn->scr);
	sn->scr = NULL;
}

static u32 scr_key(const struct sxf_scr_state *s, u8 kind, const struct sxf_tuple *t,
		   bool src)
{
	u32 w[6];
	u32 h;

	memcpy(w, src ? &t->src : &t->dst, 16);
	w[4] = t->vrf;
	w[5] = kind | (t->family << 8);
	/* syn-flood attack-threshold: per destination address and port */
	if (kind == K_SYN_ATTACK)
		w[5] |= (u32)ntohs(t->dport) << 16;
	h = jhash2(w, ARRAY_SIZE(w), s->seed);
	return h ? h : 1;
}

/*
 * The entry of key in its set, its window restarted when over (now and
 * window in the same unit), under the set's lock.
 */
/*
 * How long ago e's window started.  The clock is read before the set lock
 * is taken: another CPU may have started a window after this one's
 * reading, which would wrap to a huge age (the previous second's count
 * lost, a flood's counter evicted): that window started now.
 */
static u64 ent_age(const struct scr_ent *e, u64 now)
{
	return now > e->stamp ? now - e->stamp : 0;
}

static struct scr_ent *rate_get(struct scr_rset *set, u32 key, u64 now, u32 window)
{
	struct scr_ent *e, *victim = NULL;
	u32 best = U32_MAX;
	int i;

	for (i = 0; i < RATE_WAYS; i++) {
		u32 score;

		e = &set->e[i];
		if (e->key == key) {
			e->window = window;	/* (a commit may change a sweep's) */
			if (ent_age(e, now) >= window) {
				e->stamp = now;
				e->count = 0;
				e->bits = 0;
			}
			return e;
		}
		/*
		 * an entry whose window just ended keeps its weight for one
		 * more window (the syn-flood attack state is read from it)
		 */
		score = (!e->key || ent_age(e, now) >= 2ULL * e->window) ? 0 : e->count + 1;
		if (score < best) {
			best = score;
			victim = e;
		}
	}
	victim->key = key;
	victim->stamp = now;
	victim->window = window;
	victim->count = 0;
	victim->bits = 0;
	return victim;
}

/* packets of key this second, this one included */
static u32 rate_tick(struct sxf_scr_state *s, u32 key, u64 now)
{
	struct scr_rset *set = &s->rate[key & (RATE_SETS - 1)];
	struct scr_ent *e;
	u32 n;

	spin_lock_bh(&set->lock);
	e = rate_get(set, key, now, SCR_SEC);
	n = ++e->count;
	spin_unlock_bh(&set->lock);
	return n;
}

/*
 * syn-flood attack-threshold: SYNs of key this second, this one included,
 * or the count of the second before if that was higher (kept in bits).
 * Once past the threshold, protection stays on while the previous second
 * was: the first SYNs of each second of a flood do not get through.
 */
static u32 attack_tick(struct sxf_scr_state *s, u32 key, u64 now)
{
	struct scr_rset *set = &s->rate[key & (RATE_SETS - 1)];
	u32 prev = 0, n;
	struct scr_ent *e;
	int i;

	spin_lock_bh(&set->lock);
	for (i = 0; i < RATE_WAYS; i++) {
		e = &set->e[i];
		if (e->key != key)
			continue;
		if (ent_age(e, now) >= SCR_SEC && ent_age(e, now) < 2ULL * SCR_SEC)
			prev = e->count;	/* the window that just ended */
		else if (ent_age(e, now) < SCR_SEC)
			prev = e->bits;
	}
	e = rate_get(set, key, now, SCR_SEC);
	e->bits = prev;
	n = ++e->count;
	spin_unlock_bh(&set->lock);
	return max(n, prev);
}

/* distinct targets of key within window_us, target included */
static u32 sweep_tick(struct sxf_scr_state *s, u32 key, u32 target, u32 window_us, u64 now)
{
	struct scr_rset *set = &s->rate[key & (RATE_SETS - 1)];
	u64 bit = BIT_ULL(target & 63);
	struct scr_ent *e;
	u32 n;

	spin_lock_bh(&set->lock);
	e = rate_get(set, key, now, window_us);
	if (!(e->bits & bit)) {
		e->bits |= bit;
		e->count++;
	}
	n = e->count;
	spin_unlock_bh(&set->lock);
	return n;
}

/*
 * Which of the entry's 64 bits a target sets: seeded, or a scanner could
 * choose ports or hosts that all set the same bit and never count as more
 * than one target.
 */
static u32 target_hash(const struct sxf_scr_state *s, const struct sxf_tuple *t, bool port)
{
	if (port)
		return jhash_1word((__force u32)t->dport, s->seed ^ 0x5ca2);
	return jhash(&t->dst, sizeof(t->dst), s->seed ^ 0x5ca3);
}

static inline bool on(const struct sxf_screen *scr, enum srxflow_screen_check k)
{
	return scr->checks & BIT_ULL(k);
}

static bool wl_any(const struct srxflow_prefix *p, u8 n, const struct sxf_tuple *t, bool src)
{
	u8 i;

	if (!n)
		return true;
	for (i = 0; i < n; i++)
		if (sxf_prefix_match(&p[i], t->family, src ? (const void *)&t->src :
				     (const void *)&t->dst))
			return true;
	return false;
}

/* tcp syn-flood white-list: a list whose sources and destinations both match */
static bool syn_white_listed(const struct sxf_screen *scr, const struct sxf_tuple *t)
{
	u8 i;

	for (i = 0; i < scr->nr_wl; i++)
		if (wl_any(scr->wl[i].src, scr->wl[i].nsrc, t, true) &&
		    wl_any(scr->wl[i].dst, scr->wl[i].ndst, t, false))
			return true;
	return false;
}

int sxf_screen_rate(struct sxf_ctx *c, const struct sxf_screen *scr, struct sxf_scr_stats *st)
{
	struct sxf_scr_state *s = READ_ONCE(c->sn->scr);
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_tuple *t = &p->t;
	u64 now;		/* the clock, read once per packet */
	bool syn;

	if (unlikely(!s))
		return -1;
	switch (p->proto) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if (!(scr->checks & SCR_RATE_ICMP))
			break;
		now = scr_now();
		if (on(scr, SRXFLOW_SCR_ICMP_FLOOD) &&
		    rate_tick(s, scr_key(s, K_ICMP_FLOOD, t, false), now) > scr->icmp_flood &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_ICMP_FLOOD))
			return SRXFLOW_SCR_ICMP_FLOOD;
		if (on(scr, SRXFLOW_SCR_ICMP_SWEEP) && p->icmp_query && !p->icmp_reply &&
		    sweep_tick(s, scr_key(s, K_ICMP_SWEEP, t, true), target_hash(s, t, false),
			       scr->icmp_sweep, now) >= SXF_SCR_SWEEP_PROBES &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_ICMP_SWEEP))
			return SRXFLOW_SCR_ICMP_SWEEP;
		break;
	case IPPROTO_UDP:
		if (!(scr->checks & SCR_RATE_UDP))
			break;
		now = scr_now();
		if (on(scr, SRXFLOW_SCR_UDP_FLOOD) &&
		    rate_tick(s, scr_key(s, K_UDP_FLOOD, t, false), now) > scr->udp_flood &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_UDP_FLOOD))
			return SRXFLOW_SCR_UDP_FLOOD;
		if (on(scr, SRXFLOW_SCR_UDP_SWEEP) &&
		    sweep_tick(s, scr_key(s, K_UDP_SWEEP, t, true), target_hash(s, t, false),
			       scr->udp_sweep, now) >= SXF_SCR_SWEEP_PROBES &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_UDP_SWEEP))
			return SRXFLOW_SCR_UDP_SWEEP;
		if (on(scr, SRXFLOW_SCR_UDP_PORT_SCAN) &&
		    sweep_tick(s, scr_key(s, K_UDP_SCAN, t, true), target_hash(s, t, true),
			       scr->udp_scan, now) >= SXF_SCR_SWEEP_PROBES &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_UDP_PORT_SCAN))
			return SRXFLOW_SCR_UDP_PORT_SCAN;
		break;
	case IPPROTO_TCP:
		/*
		 * connection attempts only: SYN without ACK, RST or FIN (those
		 * are dropped as invalid later: never counted, never answered
		 * with a cookie)
		 */
		if ((p->tcp_flags & (SXF_TCP_SYN | SXF_TCP_ACK | SXF_TCP_RST | SXF_TCP_FIN)) !=
		    SXF_TCP_SYN)
			break;
		now = scr_now();
		syn = on(scr, SRXFLOW_SCR_SYN_FLOOD) &&
		      !(scr->nr_wl && syn_white_listed(scr, t));
		if (syn) {
			if (rate_tick(s, scr_key(s, K_SYN_SRC, t, true), now) > scr->syn_source &&
			    sxf_screen_hit_as(c, scr, st, SRXFLOW_SCR_SYN_FLOOD,
					      "SYN flood Src IP based!"))
				return SRXFLOW_SCR_SYN_FLOOD;
			if (rate_tick(s, scr_key(s, K_SYN_DST, t, false), now) > scr->syn_dest &&
			    sxf_screen_hit_as(c, scr, st, SRXFLOW_SCR_SYN_FLOOD,
					      "SYN flood Dst IP based!"))
				return SRXFLOW_SCR_SYN_FLOOD;
		}
		if (on(scr, SRXFLOW_SCR_TCP_PORT_SCAN) &&
		    sweep_tick(s, scr_key(s, K_TCP_SCAN, t, true), target_hash(s, t, true),
			       scr->tcp_scan, now) >= SXF_SCR_SWEEP_PROBES &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_TCP_PORT_SCAN))
			return SRXFLOW_SCR_TCP_PORT_SCAN;
		if (on(scr, SRXFLOW_SCR_TCP_SWEEP) &&
		    sweep_tick(s, scr_key(s, K_TCP_SWEEP, t, true), target_hash(s, t, false),
			       scr->tcp_sweep, now) >= SXF_SCR_SWEEP_PROBES &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_TCP_SWEEP))
			return SRXFLOW_SCR_TCP_SWEEP;
		/*
		 * attack-threshold: SYNs per second to one destination
		 * address and port; past it the SYN is answered with a
		 * cookie (syncookie.c), never dropped
		 */
		if (syn) {
			u32 n = attack_tick(s, scr_key(s, K_SYN_ATTACK, t, false), now);

			if (n <= scr->syn_attack)
				break;
			/*
			 * alarm-threshold: SYNs answered with cookies per
			 * second (past the attack threshold) before an alarm
			 * is logged; the SYN is never dropped for it
			 */
			if (n - scr->syn_attack > scr->syn_alarm)
				sxf_screen_log(c, SRXFLOW_SCR_SYN_FLOOD, NULL,
					       SRXFLOW_SCREEN_ACTION_ALARM);
			return SRXFLOW_SCR_SYN_COOKIE_SENT;
		}
		break;
	}
	return -1;
}

/*
 * RT_IDS events (screen_log.c): true for the first SXF_IDS_LOG_PER_SEC of
 * each one-second window of the namespace.  Lockless: a window that ends
 * is restarted by the CPU that wins the cmpxchg, the count may overshoot
 * by the events of other CPUs racing with it (a few).  Past the budget
 * only a read is done: a flood's drops do not bounce the cache line.
 */
bool sxf_screen_log_budget(struct sxf_net *sn)
{
	struct sxf_scr_state *s = READ_ONCE(sn->scr);
	unsigned long now = jiffies, start;

	if (!s)
		return false;
	start = READ_ONCE(s->log_start);
	if (time_after_eq(now, start + HZ)) {
		if (cmpxchg(&s->log_start, start, now) == start)
			atomic_set(&s->log_count, 0);
	} else if (atomic_read(&s->log_count) >= SXF_IDS_LOG_PER_SEC) {
		return false;
	}
	return atomic_inc_return(&s->log_count) <= SXF_IDS_LOG_PER_SEC;
}

/* --- SYN cookies: where they were sent ---------------------------------------------------- */
/*
 * An ACK without session is taken for a cookie's answer only while cookies
 * were sent to its destination address and port (or one sharing its slot)
 * within the cookie window: elsewhere it stays what it is (no SYN: dropped,
 * or answered by tcp-rst, or opening a session with no-syn-check).
 */
static unsigned long *cookie_slot(struct sxf_scr_state *s, const struct sxf_tuple *t)
{
	return &s->cookie_last[scr_key(s, K_SYN_ATTACK, t, false) & (COOKIE_SLOTS - 1)];
}

void sxf_screen_cookie_sent(struct sxf_net *sn, const struct sxf_tuple *t)
{
	struct sxf_scr_state *s = READ_ONCE(sn->scr);
	unsigned long now = jiffies, *slot;

	if (!s)
		return;
	slot = cookie_slot(s, t);
	/* (one write per jiffy, not one per SYN) */
	if (READ_ONCE(*slot) != now)
		WRITE_ONCE(*slot, now);
}

/* jiffies of the last cookie sent to t's destination and port, 0: never */
unsigned long sxf_screen_cookie_last(struct sxf_net *sn, const struct sxf_tuple *t)
{
	struct sxf_scr_state *s = READ_ONCE(sn->scr);

	return s ? READ_ONCE(*cookie_slot(s, t)) : 0;
}

/* --- limit-session --------------------------------------------------------------------- */
/*
 * Take one count of key if under limit: 1 taken (its way), 2 taken (the
 * set's overflow count of check l: no way free), 0 over the limit.
 */
static int lim_take(struct sxf_scr_state *s, u32 key, u32 limit, int l)
{
	struct scr_lset *set = &s->lim[key & (LIM_SETS - 1)];
	struct scr_lent *e, *free = NULL;
	int i, ret;

	spin_lock_bh(&set->lock);
	for (i = 0; i < LIM_WAYS; i++) {
		e = &set->e[i];
		if (e->count && e->key == key) {
			free = e;
			break;
		}
		if (!e->count && !free)
			free = e;
	}
	if (free) {
		if (free->count && free->count >= limit) {
			ret = 0;
		} else {
			free->key = key;
			free->count++;
			ret = 1;
		}
	} else if (set->ovf[l] >= limit) {
		ret = 0;
	} else {
		set->ovf[l]++;
		ret = 2;
	}
	spin_unlock_bh(&set->lock);
	return ret;
}

static void lim_give(struct sxf_scr_state *s, u32 key, bool ovf, int l)
{
	struct scr_lset *set = &s->lim[key & (LIM_SETS - 1)];
	int i;

	spin_lock_bh(&set->lock);
	if (ovf) {
		if (!WARN_ON_ONCE(!set->ovf[l]))
			set->ovf[l]--;
		spin_unlock_bh(&set->lock);
		return;
	}
	for (i = 0; i < LIM_WAYS; i++)
		if (set->e[i].count && set->e[i].key == key) {
			set->e[i].count--;
			break;
		}
	spin_unlock_bh(&set->lock);
}

int sxf_screen_limit_acquire(struct sxf_ctx *c, u32 *flags)
{
	const struct sxf_screen *scr = c->ifent ? c->ifent->zif->zone->scr : NULL;
	struct sxf_scr_state *s = READ_ONCE(c->sn->scr);
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_tuple *t = &p->t;
	struct sxf_scr_stats *st;
	int r, k = -1;

	*flags = 0;
	if (!scr || !s)
		return -1;
	st = c->ifent->zif->scr_stats;
	if (scr->limit_src) {
		r = lim_take(s, scr_key(s, K_LIM_SRC, t, true), scr->limit_src, L_SRC);
		if (r > 0)
			*flags |= SXF_SF_SCR_LIM_SRC | (r > 1 ? SXF_SF_SCR_OVF_SRC : 0);
		else if (sxf_screen_hit(c, scr, st, SRXFLOW_SCR_LIMIT_SRC))
			return SRXFLOW_SCR_LIMIT_SRC;
	}
	if (scr->limit_dst) {
		r = lim_take(s, scr_key(s, K_LIM_DST, t, false), scr->limit_dst, L_DST);
		if (r > 0)
			*flags |= SXF_SF_SCR_LIM_DST | (r > 1 ? SXF_SF_SCR_OVF_DST : 0);
		else if (sxf_screen_hit(c, scr, st, SRXFLOW_SCR_LIMIT_DST))
			k = SRXFLOW_SCR_LIMIT_DST;
	}
	/*
	 * syn-ack-ack-proxy: a connection attempt (SYN without ACK; a SYN
	 * cookie's session opens on the client's ACK, its handshake done) is
	 * counted against its source until its handshake completes or it ends
	 */
	if (k < 0 && on(scr, SRXFLOW_SCR_SYN_ACK_ACK) && p->proto == IPPROTO_TCP &&
	    (p->tcp_flags & (SXF_TCP_SYN | SXF_TCP_ACK)) == SXF_TCP_SYN) {
		r = lim_take(s, scr_key(s, K_SYN_ACK_ACK, t, true), scr->syn_ack_ack, L_SAA);
		if (r > 0)
			*flags |= SXF_SF_SCR_SAA | (r > 1 ? SXF_SF_SCR_OVF_SAA : 0);
		else if (sxf_screen_hit(c, scr, st, SRXFLOW_SCR_SYN_ACK_ACK))
			k = SRXFLOW_SCR_SYN_ACK_ACK;
	}
	if (k >= 0) {
		sxf_screen_limit_release(c->sn, t, *flags);
		*flags = 0;
	}
	return k;
}

void sxf_screen_limit_release(struct sxf_net *sn, const struct sxf_tuple *t, u32 flags)
{
	struct sxf_scr_state *s = READ_ONCE(sn->scr);

	if (!s)
		return;
	if (flags & SXF_SF_SCR_LIM_SRC)
		lim_give(s, scr_key(s, K_LIM_SRC, t, true), flags & SXF_SF_SCR_OVF_SRC, L_SRC);
	if (flags & SXF_SF_SCR_LIM_DST)
		lim_give(s, scr_key(s, K_LIM_DST, t, false), flags & SXF_SF_SCR_OVF_DST, L_DST);
	if (flags & SXF_SF_SCR_SAA)
		lim_give(s, scr_key(s, K_SYN_ACK_ACK, t, true), flags & SXF_SF_SCR_OVF_SAA, L_SAA);
}

/*
 * The handshake of a session counted by syn-ack-ack-proxy completed (the
 * fast path saw the client's ACK), or the session ended (close event),
 * whichever comes first: its count is given back once (the flag is
 * cleared with cmpxchg, the two may race on two CPUs).
 */
void sxf_screen_saa_done(struct sxf_net *sn, struct sxf_session *s)
{
	u32 old = READ_ONCE(s->flags);

	do {
		if (!(old & SXF_SF_SCR_SAA))
			return;
	} while (!try_cmpxchg(&s->flags, &old, old & ~(SXF_SF_SCR_SAA | SXF_SF_SCR_OVF_SAA)));
	sxf_screen_limit_release(sn, &s->w[0].t, old & (SXF_SF_SCR_SAA | SXF_SF_SCR_OVF_SAA));
}
