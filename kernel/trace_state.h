/* SPDX-License-Identifier: GPL-2.0 */
/* Data structures of traceoptions, embedded in struct sxf_net (trace.h). */
#ifndef _SRXFLOW_TRACE_STATE_H
#define _SRXFLOW_TRACE_STATE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <linux/srxflow.h>

#define SXF_TRACE_LINE_MAX	200	/* bytes of text per line */
#define SXF_TRACE_MAX_FILES	4	/* trace files kept per namespace */

/* one line slot of a ring */
struct sxf_tline {
	u64 seq;			/* written last (release); ~0: being written */
	u64 time;			/* CLOCK_REALTIME ns */
	atomic_t busy;
	u16 len;
	char text[SXF_TRACE_LINE_MAX];
};

/* the ring of one trace file */
struct sxf_tring {
	struct rcu_head rcu;
	refcount_t ref;			/* the namespace's list + dumps */
	char name[SRXFLOW_NAME_MAX];
	u32 cap;			/* lines */
	atomic64_t head;		/* next sequence number */
	u64 cleared;			/* lines before this seq are cleared */
	atomic64_t lost;		/* overwritten before read, rate-limited, busy */
	struct sxf_tline line[];
};

struct sxf_trace_state {
	struct sxf_tring __rcu *ring[SXF_TRACE_MAX_FILES]; /* [0]: current file */
	bool key_held;			/* this namespace holds sxf_trace_key */
	/* rate limit: messages per second */
	atomic_t rl_count;
	u64 rl_second;
	/* live streaming to "monitor security flow" (netlink.c) */
	struct delayed_work push;
	unsigned long streaming;	/* bit 0: push is queued or running */
	bool live[2];			/* push: trace, drop groups had listeners */
	u64 pushed;			/* next trace seq to multicast */
	u64 drop_pushed;		/* next drop record seq to multicast */
};

struct sxf_drop_ring;

#endif
