/* SPDX-License-Identifier: GPL-2.0 */
/*
 * security flow traceoptions: trace lines of the flow engine.
 *
 * Off, tracing costs one static-key branch per packet.  On, the packet's
 * header is matched once against the packet filters (as it arrived, before
 * any NAT) and the per-packet trace mask decides which lines are written.
 * Lines go to a bounded ring (see trace.c): memory never exceeds the
 * configured number of lines times SXF_TRACE_LINE_MAX.
 */
#ifndef _SRXFLOW_TRACE_H
#define _SRXFLOW_TRACE_H

#include <linux/jump_label.h>
#include "srxflow.h"
#include "trace_state.h"

DECLARE_STATIC_KEY_FALSE(sxf_trace_key);

/* trace mask bits (enum srxflow_trace_flag) */
#define SXF_T_DATAPATH	BIT(SRXFLOW_TRACE_BASIC_DATAPATH)
#define SXF_T_SESSION	BIT(SRXFLOW_TRACE_SESSION)
#define SXF_T_ROUTE	BIT(SRXFLOW_TRACE_ROUTE)
#define SXF_T_TCP	BIT(SRXFLOW_TRACE_TCP_BASIC)
#define SXF_T_FRAG	BIT(SRXFLOW_TRACE_FRAGMENTATION)
#define SXF_T_HOST	BIT(SRXFLOW_TRACE_HOST_TRAFFIC)

struct sxf_ctx;
struct sxf_session;
struct sxf_cfg;
struct sk_buff;

int sxf_trace_init(struct sxf_net *sn);
void sxf_trace_exit(struct sxf_net *sn);
/* a generation was published: rings, static key (process context) */
struct sxf_tring;
int sxf_trace_prepare(struct sxf_net *sn, const struct sxf_cfg *cfg, struct sxf_tring **ringp);
void sxf_trace_apply(struct sxf_net *sn, const struct sxf_cfg *cfg, struct sxf_tring *fresh);

/* Decide whether (and what) to trace for this packet; writes its header. */
void __sxf_trace_packet(struct sxf_ctx *c, const struct sk_buff *skb);
static inline void sxf_trace_packet(struct sxf_ctx *c, const struct sk_buff *skb)
{
	if (static_branch_unlikely(&sxf_trace_key))
		__sxf_trace_packet(c, skb);
}

__printf(2, 3) void sxf_trace_line(struct sxf_net *sn, const char *fmt, ...);

/* Trace a line when the packet's mask has one of mask's bits. */
#define SXF_TRACE(c, mask, fmt, ...) do {					\
	if (static_branch_unlikely(&sxf_trace_key) && ((c)->trace & (mask)))	\
		sxf_trace_line((c)->sn, fmt, ##__VA_ARGS__);			\
} while (0)

/* session events without a packet (create/close/age-out) */
void __sxf_trace_session(struct sxf_net *sn, const struct sxf_session *s, const char *what);
static inline void sxf_trace_session(struct sxf_net *sn, const struct sxf_session *s,
				     const char *what)
{
	if (static_branch_unlikely(&sxf_trace_key))
		__sxf_trace_session(sn, s, what);
}

/* address of a tuple end as text (buf >= 48 bytes) */
const char *sxf_ntop(u8 family, const void *addr, char *buf);

/* a referenced ring by file name (dumps), NULL if none */
struct sxf_tring *sxf_trace_get(struct sxf_net *sn, const char *name);
void sxf_trace_put(struct sxf_tring *r);
void sxf_trace_clear(struct sxf_tring *r);
/* copy line seq of r into out (text NUL-terminated); false if gone */
bool sxf_trace_read(const struct sxf_tring *r, u64 seq, u64 *time, char *out);

#endif
