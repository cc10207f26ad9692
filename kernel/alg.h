/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ALGs (security alg): the FTP and TFTP application-layer gateways.
 *
 * A session whose policy matched an application with application-protocol
 * ftp or tftp (junos-ftp, junos-tftp) is a control session: the ALG reads
 * its payload (alg_ftp.c, alg_tftp.c), rewrites the addresses NAT changed
 * and opens gates (pinholes) for the data connections it announces.  The
 * first packet that matches a gate opens a data session, a child of the
 * control session: same policy, closed with it ("parent closed").
 * Reference: ../shared/reference/junos-nat-screens-alg.md §5, §9.
 */
#ifndef _SRXFLOW_ALG_H
#define _SRXFLOW_ALG_H

#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include "engine.h"

struct genl_info;
struct netlink_callback;
#include "session.h"

/* gates: life, limits */
#define SXF_GATE_TIMEOUT	30	/* seconds an unused gate lives */
#define SXF_GATES_MAX		4096	/* per namespace */
#define SXF_GATES_PER_SESSION	16	/* per control session */
/*
 * per client (the initiator of the control sessions, as it arrived):
 * counted in SXF_GATE_HOSTS slots of a keyed hash of its address, so that
 * one host with many control sessions cannot take every gate of the
 * namespace (two hosts of one slot share its count)
 */
#define SXF_GATES_PER_HOST	256
#define SXF_GATE_HOSTS		1024
#define SXF_GATE_BUCKETS	256

/*
 * What a control session shares with its gates and data sessions: counted
 * (the control session, each gate, each data session hold one), freed
 * after a grace period.  closed is set once by the control session's
 * closed event; data sessions are then removed (fast path, ageing worker).
 */
/*
 * The FTP ALG's reading of one direction of a control connection
 * (alg_ftp.c): the byte stream is cut into lines, in order, across
 * segments.  A line of interest (PORT, EPRT, 227, 229) that a segment
 * leaves unterminated is kept in line[] until a later segment ends it.
 * Sequence numbers are the sender's, as segments arrive.
 */
#define SXF_FTP_LINE	256	/* longest line of interest kept (longer: passed, counted) */
#define SXF_FTP_ADDR	48	/* longest address (and port) text whose rewrite is replayed */
#define SXF_FTP_GAPS	16	/* segments dropped ahead of unseen bytes before a resync */
struct sxf_ftp_dir {
	u32 next;		/* the sequence number after the last byte read */
	u32 lstart;		/* where the line in progress began */
	u32 rw_seq;		/* the last address rewritten: where it began, */
	u8 rw_len, rw_xlen;	/* its length before and after, */
	char rw_old[SXF_FTP_ADDR], rw_new[SXF_FTP_ADDR];	/* its text before and after */
	u16 len;		/* bytes of the line in progress in line[] */
	bool synced;		/* next and lstart are known */
	bool skip;		/* the line in progress is of no interest: skip to its end */
	bool done;		/* the line in progress had its address rewritten already */
	bool rw_valid;		/* rw_* describe a rewrite */
	u8 gaps;		/* segments dropped in a row ahead of unseen bytes */
	char line[SXF_FTP_LINE];
};

struct sxf_ftp_state {
	/* the packet paths (softirq) of both directions: spin_lock_bh */
	spinlock_t lock;
	struct sxf_ftp_dir d[2];	/* by wing direction */
	struct sxf_ftp_dir undo;	/* a direction before the segment being read */
};

struct sxf_alg_ctl {
	refcount_t ref;
	struct rcu_head rcu;
	u64 parent_id;
	u32 policy;		/* the control session's policy index */
	u8 alg;			/* enum srxflow_alg */
	bool closed;		/* READ_ONCE/WRITE_ONCE */
	atomic_t ngates;	/* gates open */
	/*
	 * Source NAT of the control session: its client's address and what
	 * it became (set once after its install, xsrc_set released last),
	 * which the client's data sessions take too (sxf_alg_follow_addr())
	 */
	bool xsrc_set;
	u8 family;
	union { __be32 v4; struct in6_addr v6; } isrc, xsrc;
	/* FTP: allocated with it, freed with it (after the control session) */
	struct sxf_ftp_state ftp[];
};

/* one gate: the first packet of an announced data connection, as it arrives */
struct sxf_gate {
	struct hlist_node node;		/* sn->gates->hash (lock; RCU readers) */
	struct rcu_head rcu;
	struct sxf_alg_ctl *ctl;	/* a reference, handed to the data session */
	union { __be32 v4; struct in6_addr v6; } src, dst, xdst;
	__be16 dport, xdport;
	u8 family, proto;
	bool any_src;
	bool dead;			/* unlinked (lock) */
	u32 vrf;
	/*
	 * The interfaces of the control session's wings: the data connection
	 * arrives in the zone of from_ifindex (where the announcer's peer's
	 * packets arrive) and leaves into the zone of to_ifindex (towards
	 * the announcer), zones as the current configuration has them
	 */
	int from_ifindex, to_ifindex;
	u32 expires;			/* jiffies */
	u16 host;			/* its client's slot of sxf_gates.host */
};

struct sxf_alg_counters {
	atomic64_t sessions, messages, unparsable, rewrites;
	atomic64_t gates_opened, gates_used, gates_expired, gates_failed, children;
};

/* per namespace */
struct sxf_gates {
	/*
	 * Taken in softirq (the packet paths add and consume gates, a closed
	 * event of the fast path flushes them) and in process context (the
	 * ageing worker, clear, netns exit): always spin_lock_bh.
	 */
	spinlock_t lock;
	atomic_t count;
	u32 seed;			/* of gate_hash() */
	u32 gen;			/* gates linked or unlinked (lock): the dump's cb->seq */
	struct hlist_head hash[SXF_GATE_BUCKETS];
	u16 host[SXF_GATE_HOSTS];	/* gates open by client slot (lock) */
	struct sxf_alg_counters cnt[SRXFLOW_ALG_MAX + 1];
};

#define SXF_ALG_CNT(sn, alg, f) atomic64_inc(&(sn)->gates->cnt[alg].f)

int sxf_alg_net_init(struct sxf_net *sn);
void sxf_alg_net_exit(struct sxf_net *sn);

/* first path */
struct sxf_alg_fp {
	struct sxf_alg_ctl *ctl;	/* a reference while the first path runs */
	u8 role, alg;
	int to_ifindex;			/* data: towards its announcer (gate) */
};
u8 sxf_alg_of_app(const struct sxf_cfg *cfg, const struct sxf_app *app);
u8 sxf_alg_of_port(const struct sxf_cfg *cfg, u8 proto, __be16 dport);
bool sxf_alg_fp_control(struct sxf_ctx *c, struct sxf_alg_fp *a, u8 alg, u32 policy);
/* the zone of an interface in the configuration of c (SXF_ZONE_NONE: none) */
u16 sxf_alg_ifzone(const struct sxf_ifmap *m, int ifindex);
bool sxf_gate_match(struct sxf_ctx *c, const struct sxf_tuple *t, struct sxf_alg_fp *a,
		    struct sxf_tuple *xt);
/* source NAT: a gate waits for a connection to the reply tuple t */
bool sxf_gate_claims(struct sxf_net *sn, const struct sxf_tuple *t);
/* the new session s takes a reference of a->ctl (before it is linked) */
void sxf_alg_fp_attach(struct sxf_alg_fp *a, struct sxf_session *s);
void sxf_alg_ctl_installed(struct sxf_alg_ctl *ctl, const struct sxf_session *s);
const void *sxf_alg_follow_addr(const struct sxf_alg_ctl *ctl, const struct sxf_tuple *t);
/* the link failed: s was freed without a closed event */
void sxf_alg_fp_detach(struct sxf_net *sn, struct sxf_alg_fp *a);
void sxf_alg_fp_done(struct sxf_alg_fp *a);

/*
 * fast path: the payload of a control session (0 or a drop reason);
 * passed: a TCP segment the tracker let through unjudged (SXF_TCP_PASS)
 */
int sxf_alg_packet(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		   struct sxf_wing *w, bool passed);

/*
 * A data session whose control session has closed: an FTP transfer ends
 * with its control connection.  A TFTP request is a single datagram whose
 * session ages out after its inactivity timeout while the transfer it
 * started goes on: the TFTP data session lives its own life.
 */
static inline bool sxf_alg_orphan(struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);

	return x && x->alg.role == SXF_ALG_DATA && x->alg.alg != SRXFLOW_ALG_TFTP &&
	       READ_ONCE(x->alg.ctl->closed);
}

/*
 * Why an orphaned data session closes: one that had already ended (FIN,
 * RST) and only waits out its close timeout keeps its own reason, so
 * "Data sessions closed with parent" counts only those the parent ended.
 */
static inline u8 sxf_alg_orphan_reason(const struct sxf_session *s, u32 flags)
{
	u8 why = flags & SXF_SF_INVALID ? READ_ONCE(s->close_reason) : 0;

	return why ? : SXF_CLOSE_PARENT;
}

static inline bool sxf_alg_is_data(struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);

	return x && x->alg.role == SXF_ALG_DATA;
}

extern const char *const sxf_alg_names[SRXFLOW_ALG_MAX + 1];
void *sxf_nl_put_reply(struct sk_buff **msgp, struct genl_info *info, u8 cmd);

void sxf_alg_session_closed(struct sxf_net *sn, struct sxf_session *s);
/* a generation was published: the gates of the ALGs it disables go */
void sxf_alg_apply(struct sxf_net *sn, const struct sxf_cfg *cfg);
void sxf_gates_gc(struct sxf_net *sn);

/*
 * A gate for the data connection from src (NULL: any) to dst:*dport,
 * rewritten to xdst:xdport, coming from where the packets of s's wing
 * from_dir arrive.  A live gate of another control session for the same
 * data connection (two hosts behind one PAT address announcing the same
 * port) is never shadowed: with remap, the next free port from *dport on
 * is taken (and written back: the announcement must say it); without,
 * -EADDRINUSE.  Other errors: -ENOSPC (a gate limit reached), -ENOMEM,
 * -EINVAL (the control session is closing, or no port).
 */
#define SXF_GATE_REMAP_TRIES	64
int sxf_gate_open(struct sxf_net *sn, struct sxf_session *s, int from_dir, u8 proto, u32 vrf,
		  const void *src, const void *dst, __be16 *dport,
		  const void *xdst, __be16 xdport, bool remap);

/* alg_ftp.c, alg_tftp.c */
enum sxf_ftp_mode {
	SXF_FTP_READ,		/* read the stream: gates, rewrites */
	SXF_FTP_REPLAY,		/* a segment the TCP tracker did not judge: replay only */
	SXF_FTP_FOLLOW,		/* the ALG is disabled: replay, and follow the stream unread */
};

int sxf_alg_ftp(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		struct sxf_wing *w, enum sxf_ftp_mode mode);
void sxf_alg_tftp(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		  struct sxf_wing *w);

/* netlink */
int sxf_nl_alg_get(struct sk_buff *skb, struct genl_info *info);
int sxf_nl_alg_clear(struct sk_buff *skb, struct genl_info *info);
int sxf_nl_gate_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif
