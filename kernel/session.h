/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sessions: one object per flow with two wings.  Wing 0 ("In") is the
 * direction of the first packet as it arrived, wing 1 ("Out") the reply
 * direction as it will arrive.  Each wing is a node of the namespace's RCU
 * hash table keyed by its own tuple (already translated, once NAT exists),
 * and carries the route that packets matching it are forwarded with.
 *
 * Life cycle: created by the first path (sxf_session_install), looked up
 * lock-free by the fast path, aged out by the aging worker, removed by
 * clear/flush; freed after an RCU grace period.  See
 * Documentation/session-lifecycle.rst.
 */
#ifndef _SRXFLOW_SESSION_H
#define _SRXFLOW_SESSION_H

#include <linux/rhashtable.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <net/dst.h>
#include "packet.h"
#include "syncookie_state.h"
#include "alg_state.h"

struct sxf_net;
struct sxf_cfg;
struct sxf_nat_ctr;

/* wing flags */
#define SXF_WF_LOCAL	0x01	/* matching packets are for the router: accept */
#define SXF_WF_NOROUTE	0x02	/* no route (shown as Route: 0x0) */
#define SXF_WF_SELF	0x04	/* matching packets come from the router (LOCAL_OUT) */
#define SXF_WF_FREED	0x80	/* table teardown: this wing was visited */

/* per direction TCP tracking (as in nf_conntrack's tcp_in_window) */
struct sxf_tcpdir {
	u32 end;			/* highest seq + len sent */
	u32 maxend;			/* highest ack + window seen from peer */
	u32 maxwin;			/* largest (scaled) window announced */
	u32 maxack;			/* highest ack sent (SXF_TDF_MAXACK) */
	u8 scale;
	u8 flags;			/* SXF_TDF_* */
} __packed;

/*
 * Layout: a session is 256 bytes, four cache lines (one slab object of that
 * size, cache-line aligned; checked at build time on kernels without lock
 * debugging).  Each wing has two lines of its own, 0-1 and 2-3: its hash
 * node, key and route in the first, its counters and TCP state in the
 * second, so that one direction's per-packet writes (counters) never dirty
 * a line the other direction's lookups read (node, key).  A wing's fields
 * take 104 bytes; the session's own fields live in the last 24 bytes of
 * each wing's 128 (SXF_WING_TAIL), see struct sxf_session.  A direction's
 * TCP state lives in its own wing, beside that direction's key and counters.
 */
#define SXF_WING_USED	104
#define SXF_WING_TAIL	24

struct sxf_wing {
	struct rhash_head node;
	struct sxf_tuple t;		/* key */
	int ifindex;			/* interface packets arrive on */
	struct dst_entry *dst;		/* route of matching packets */
	atomic64_t pkts;
	atomic64_t bytes;
	u32 cookie;			/* IPv6 route cookie */
	u8 dir;				/* 0 In, 1 Out */
	u8 flags;			/* SXF_WF_* */
	struct sxf_tcpdir tcp;		/* TCP: this direction (s->lock) */
	/*
	 * In a session: the session's fields (struct sxf_session), not the
	 * wing's; never written through the wing.  A wing outside a session
	 * (a lookup key on the stack) does not use them.
	 */
	u8 session_fields[SXF_WING_TAIL];
};

/*
 * The least window a direction is granted when judging the peer's ACK or
 * an untracked FIN, as nf_conntrack's tcp_in_window() (MAXACKWINDOW)
 */
#define SXF_TCP_MIN_WIN	66000

#define SXF_TDF_SEEN	0x01	/* a packet of this direction was seen */
#define SXF_TDF_FIN	0x02	/* FIN sent */
#define SXF_TDF_SCALE	0x04	/* window scale option sent */
#define SXF_TDF_LIBERAL	0x08	/* picked up mid-stream: no window checks */
#define SXF_TDF_MAXACK	0x10	/* maxack is set */

enum sxf_tcp_state {
	SXF_TCP_NONE,
	SXF_TCP_SYN_SENT,
	SXF_TCP_SYN_RECV,
	SXF_TCP_ESTABLISHED,
	SXF_TCP_FIN_WAIT,
	SXF_TCP_CLOSING,
	SXF_TCP_TIME_WAIT,
	SXF_TCP_CLOSED,
};

/* session flags */
#define SXF_SF_SELF		BIT(0)	/* originated by the router */
#define SXF_SF_TO_HOST		BIT(1)	/* destined to the router */
#define SXF_SF_DEFAULT		BIT(2)	/* default-policy permit-all */
#define SXF_SF_NEVER		BIT(3)	/* inactivity-timeout never */
#define SXF_SF_LOG_CLOSE	BIT(4)	/* policy: then log session-close */
#define SXF_SF_COUNT		BIT(5)	/* policy: then count */
#define SXF_SF_DEAD		BIT(6)	/* being removed */
#define SXF_SF_ROUTE_LOST	BIT(7)	/* route-change-timeout running */
#define SXF_SF_PKTMODE		BIT(8)	/* created in reverse-route packet mode */
#define SXF_SF_INVALID		BIT(9)	/* ended: invalidated, ageing out */
#define SXF_SF_LINKED		BIT(10)	/* both wings are in the table */
#define SXF_SF_LOG_INIT		BIT(11)	/* policy: then log session-init */
#define SXF_SF_SNAT		BIT(12)	/* source translated: rewrite (nat_rewrite.c) */
#define SXF_SF_DNAT		BIT(13)	/* destination translated */
#define SXF_SF_SNAT_POOL	BIT(14)	/* source pool: ends with the pool */
#define SXF_SF_DNAT_POOL	BIT(15)	/* destination pool: ends with the pool */
#define SXF_SF_NAT		(SXF_SF_SNAT | SXF_SF_DNAT)
#define SXF_SF_SCR_LIM_SRC	BIT(16)	/* counted by limit-session source-ip-based */
#define SXF_SF_SCR_LIM_DST	BIT(17)	/* counted by limit-session destination-ip-based */
#define SXF_SF_EXT		BIT(18)	/* a struct sxf_session_ext follows (set at allocation) */
#define SXF_SF_SEQADJ		BIT(19)	/* TCP sequence numbers are shifted (seqadj.c) */
#define SXF_SF_SCR_SAA		BIT(28)	/* counted by syn-ack-ack-proxy: handshake incomplete */
/* ... that count is in its set's overflow count (screen_rate.c) */
#define SXF_SF_SCR_OVF_SRC	BIT(21)
#define SXF_SF_SCR_OVF_DST	BIT(22)
#define SXF_SF_SCR_OVF_SAA	BIT(23)
#define SXF_SF_SCR_SYNTO	BIT(29)	/* half-open: tcp syn-flood timeout from the SYN */
#define SXF_SF_RI_ROUTE		BIT(30)	/* wing 0 routed in a destination pool's routing-instance */
#define SXF_SF_SYNCOOKIE	BIT(27)	/* opened by a SYN cookie: the server's SYN-ACK pending */
#define SXF_SF_NEVER_CFG	BIT(20)	/* inactivity-timeout never: see sxf_session_never_update() */
#define SXF_SF_OFFLOAD		BIT(24)	/* policy: then permit services-offload */
#define SXF_SF_OFFLOADED	BIT(25)	/* established: forwarded at ingress (offload.c) */
#define SXF_SF_SNAT_IF		BIT(26)	/* source: an egress interface's address (ends with it) */
#define SXF_SF_ROUTE_LOST_OUT	BIT(31)	/* ... the route lost is the Out wing's (else In's) */

#if IS_ENABLED(CONFIG_DEBUG_SPINLOCK) || IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC)
#define SXF_SESSION_BIG_LOCK	1	/* spinlock_t is more than 4 bytes: after the wings */
#endif

/*
 * The session's fields overlay the tails of the two wings (w[0] at 0, w[1]
 * at 128): the ones every packet of either direction reads (flags, timeout,
 * expires, TCP state and lock) in the tail of wing 0, identifier and RCU
 * head in the tail of wing 1.  Member names are those of a plain struct.
 */
struct sxf_session {
	union {
		struct sxf_wing w[2];
		struct {
			u8 __wing0[SXF_WING_USED];
			/* offset 104: the tail of w[0] */
			u32 expires;		/* jiffies (32 bit) */
			u32 start;		/* CLOCK_REALTIME seconds */
			u32 timeout;		/* inactivity timeout, seconds */
			u32 flags;		/* SXF_SF_*, changed with cmpxchg */
			u16 policy;		/* stable policy index, 0 for none */
			u8 tcp_state;
			u8 close_reason;	/* enum sxf_close_reason */
#ifndef SXF_SESSION_BIG_LOCK
			spinlock_t lock;	/* TCP state */
#endif
		};
		struct {
			u8 __wing1[sizeof(struct sxf_wing) + SXF_WING_USED];
			/* offset 232: the tail of w[1] */
			u64 id;
			struct rcu_head rcu;
		};
	};
#ifdef SXF_SESSION_BIG_LOCK
	spinlock_t lock;		/* TCP state */
#endif
};

/*
 * TCP sequence adjustment of one direction, as nf_conntrack_seqadj: the
 * sequence numbers a direction sends after correction_pos (as they arrive)
 * are shifted by offset_after, the ones before it by offset_before.
 */
struct sxf_seqadj {
	u32 correction_pos;
	s32 offset_before;
	s32 offset_after;
};

/*
 * Per-session state of the few sessions that need more than 256 bytes
 * (ALG control and data sessions, SYN-cookie sessions): allocated behind
 * the session from a second slab cache when the first path knows the
 * session needs it (sxf_session_alloc(..., true)), zeroed, freed with the
 * session.  What a member refers to is let go in the closed event.
 */
struct sxf_session_ext {
	struct sxf_seqadj seq[2];	/* by wing direction (s->lock) */
	struct sxf_syncookie_state sc;	/* SYN cookie sessions (syncookie.c) */
	struct sxf_alg_state alg;	/* ALG control or data session (alg.c) */
	/*
	 * Source pool sessions: the counters of the pool that translated
	 * (nat_alarm.c), one reference, set before the session is linked and
	 * let go when it is freed.
	 */
	struct sxf_nat_ctr *pool_ctr;
};

static inline struct sxf_session_ext *sxf_session_ext(struct sxf_session *s)
{
	return (READ_ONCE(s->flags) & SXF_SF_EXT) ? (struct sxf_session_ext *)(s + 1) : NULL;
}

/*
 * The VRF whose table the route of wing w comes from (first_path.c), for
 * its re-lookup and the show commands: wing 0 the arrival interface's
 * (a destination pool's routing-instance: the VRF wing 1 arrives in, that
 * of the interface it led to), wing 1 the same in flow mode, the reply's
 * arrival VRF in packet mode.
 */
static inline u32 sxf_wing_route_vrf(const struct sxf_session *s, const struct sxf_wing *w,
				     u32 flags)
{
	if (w->dir == 0)
		return s->w[(flags & SXF_SF_RI_ROUTE) ? 1 : 0].t.vrf;
	return s->w[(flags & SXF_SF_PKTMODE) ? 1 : 0].t.vrf;
}

/*
 * The tuple the first path routed wing w with, for its re-lookup: the
 * two ends' own addresses, NAT undone (the source as wing w's packets
 * arrive, the destination the other wing's source: a destination
 * translated on wing 0, a source pool's address on wing 1, are not what
 * the packets are routed to).
 */
static inline void sxf_wing_route_tuple(const struct sxf_session *s, const struct sxf_wing *w,
					struct sxf_tuple *t)
{
	*t = w->t;
	t->dst = s->w[!w->dir].t.src;
	t->dport = s->w[!w->dir].t.sport;
}

static inline bool sxf_sf_test_and_set(struct sxf_session *s, u32 bit)
{
	u32 old = READ_ONCE(s->flags);

	do {
		if (old & bit)
			return true;
	} while (!try_cmpxchg(&s->flags, &old, old | bit));
	return false;
}

static inline void sxf_sf_set(struct sxf_session *s, u32 bit)
{
	sxf_sf_test_and_set(s, bit);
}

/*
 * inactivity-timeout never (SXF_SF_NEVER_CFG) is in effect (SXF_SF_NEVER:
 * no expiry at all) only while the session is open: a TCP session once
 * established (not during the handshake, whose tcp-initial-timeout and
 * syn-flood timeout still end a half-open one), never while its route is
 * lost (route-change-timeout) or once it has ended.  Called where one of
 * these changes.
 */
static inline void sxf_session_never_update(struct sxf_session *s)
{
	u32 old = READ_ONCE(s->flags), new;
	u8 st;

	if (!(old & SXF_SF_NEVER_CFG))
		return;
	do {
		st = READ_ONCE(s->tcp_state);
		if (!(old & (SXF_SF_ROUTE_LOST | SXF_SF_INVALID | SXF_SF_DEAD)) &&
		    (s->w[0].t.proto != IPPROTO_TCP ||
		     st == SXF_TCP_ESTABLISHED || st == SXF_TCP_FIN_WAIT))
			new = old | SXF_SF_NEVER;
		else
			new = old & ~SXF_SF_NEVER;
		if (new == old)
			return;
	} while (!try_cmpxchg(&s->flags, &old, new));
}

enum sxf_close_reason {
	SXF_CLOSE_NONE,
	SXF_CLOSE_AGED,			/* idle Timeout */
	SXF_CLOSE_TCP_FIN,
	SXF_CLOSE_TCP_RST,
	SXF_CLOSE_CLEAR,		/* clear session */
	SXF_CLOSE_POLICY,		/* policy deleted / rematch */
	SXF_CLOSE_IFACE,		/* interface removed */
	SXF_CLOSE_ROUTE,		/* route-change-timeout */
	SXF_CLOSE_UNLOAD,
	SXF_CLOSE_ICMP_REPLY,		/* ICMP query answered */
	SXF_CLOSE_PARENT,		/* ALG data session: its control session closed */
};

extern const char *const sxf_close_reason_str[];

/* timed out (flags: its flags as read): the ageing worker has not removed it yet */
static inline bool sxf_session_timed_out(const struct sxf_session *s, u32 flags)
{
	return !(flags & SXF_SF_NEVER) && (s32)((u32)jiffies - READ_ONCE(s->expires)) >= 0;
}

/*
 * Why a live session that timed out closes: its route was lost
 * (route-change-timeout), its ICMP query was answered, or it was idle.
 */
static inline u8 sxf_session_expiry_reason(const struct sxf_session *s, u32 flags)
{
	if (flags & SXF_SF_ROUTE_LOST)
		return SXF_CLOSE_ROUTE;
	return READ_ONCE(s->close_reason) == SXF_CLOSE_ICMP_REPLY ?
	       SXF_CLOSE_ICMP_REPLY : SXF_CLOSE_AGED;
}

static inline struct sxf_session *sxf_wing_session(const struct sxf_wing *w)
{
	return container_of(w - w->dir, struct sxf_session, w[0]);
}

/* Refresh the inactivity timer without writing on every packet. */
static inline void sxf_session_touch(struct sxf_session *s)
{
	u32 now = (u32)jiffies, to = s->timeout * HZ;

	if ((s32)(READ_ONCE(s->expires) - now) < (s32)(to - HZ))
		WRITE_ONCE(s->expires, now + to);
}

static inline void sxf_session_set_timeout(struct sxf_session *s, u32 seconds)
{
	WRITE_ONCE(s->timeout, seconds);
	WRITE_ONCE(s->expires, (u32)jiffies + seconds * HZ);
}

/* Expire in seconds without changing the inactivity timeout. */
static inline void sxf_session_expire_in(struct sxf_session *s, u32 seconds)
{
	WRITE_ONCE(s->expires, (u32)jiffies + seconds * HZ);
}

/* a CPU's range of session identifiers: next, next + 1, ... end - 1 */
struct sxf_id_range {
	u64 next, end;
};

/* session table of a namespace */
struct sxf_table {
	struct rhashtable ht;
	atomic_t count;
	atomic_t invalidated;
	atomic64_t next_id;		/* end of the last range a CPU took */
	struct sxf_id_range __percpu *ids;
	atomic64_t failed;		/* creation failures (table full, no memory) */
	bool aggressive;		/* early ageout above the high watermark */
	struct delayed_work gc;
	struct rhashtable_iter gc_iter;
	bool gc_iter_valid;
	struct work_struct rematch;	/* re-evaluate after a commit */
};

int sxf_sessions_init(struct sxf_net *sn);
void sxf_sessions_exit(struct sxf_net *sn);
int sxf_session_module_init(void);
void sxf_session_module_exit(void);

struct sxf_session *sxf_session_alloc(struct sxf_net *sn, u32 max_sessions, bool ext);
/*
 * Link both wings.  On success the session is published to removers
 * (SXF_SF_LINKED) and the create event is raised.  On failure s is consumed
 * (freed, after a grace period if a wing was visible): -EEXIST when a wing's
 * tuple is in the table already, another error when the table refused it.
 */
int sxf_session_insert(struct sxf_net *sn, struct sxf_session *s);
int sxf_session_insert_nat(struct sxf_net *sn, struct sxf_session *s,
			   bool (*next)(struct sxf_session *s, void *arg), void *arg);
struct sxf_wing *sxf_session_lookup(struct sxf_net *sn, const struct sxf_tuple *t);
/* Unlink (once) and free after a grace period. */
bool sxf_session_remove(struct sxf_net *sn, struct sxf_session *s, u8 reason);
void sxf_session_invalidate(struct sxf_net *sn, struct sxf_session *s, u32 keep_seconds);

/* session_events.c: raised by session.c only */
void sxf_session_event_created(struct sxf_net *sn, struct sxf_session *s);
void sxf_session_event_closed(struct sxf_net *sn, struct sxf_session *s);
struct sxf_ctx;
struct sxf_policy;
struct sxf_pkey;
void sxf_session_event_denied(struct sxf_ctx *c, const struct sxf_policy *pol,
			      const struct sxf_pkey *k, u16 from, u16 to);

/* Walk all sessions (process context, may sleep between entries). */
typedef bool (*sxf_session_fn)(struct sxf_net *sn, struct sxf_session *s, void *arg);
void sxf_sessions_walk(struct sxf_net *sn, sxf_session_fn fn, void *arg);

#endif
