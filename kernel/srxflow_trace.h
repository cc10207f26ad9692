/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of srxflow (perf, trace-cmd, bpftrace):
 *   srxflow:srxflow_session_create, srxflow:srxflow_session_close,
 *   srxflow:srxflow_drop
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM srxflow

#if !defined(_SRXFLOW_TRACE_TP_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SRXFLOW_TRACE_TP_H

#include <linux/tracepoint.h>
#include <net/ipv6.h>
#include "packet.h"

DECLARE_EVENT_CLASS(srxflow_tuple_class,
	TP_PROTO(u64 id, const struct sxf_tuple *t, u32 policy, int reason),
	TP_ARGS(id, t, policy, reason),
	TP_STRUCT__entry(
		__field(u64, id)
		__field(u8, family)
		__field(u8, proto)
		__array(u8, saddr, 16)		/* IPv4 as ::ffff:a.b.c.d */
		__array(u8, daddr, 16)
		__field(u16, sport)
		__field(u16, dport)
		__field(u32, vrf)
		__field(u32, policy)
		__field(int, reason)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->family = t->family;
		__entry->proto = t->proto;
		if (t->family == AF_INET) {
			ipv6_addr_set_v4mapped(t->src.v4, (struct in6_addr *)__entry->saddr);
			ipv6_addr_set_v4mapped(t->dst.v4, (struct in6_addr *)__entry->daddr);
		} else {
			memcpy(__entry->saddr, &t->src, 16);
			memcpy(__entry->daddr, &t->dst, 16);
		}
		__entry->sport = ntohs(t->sport);
		__entry->dport = ntohs(t->dport);
		__entry->vrf = t->vrf;
		__entry->policy = policy;
		__entry->reason = reason;
	),
	TP_printk("id=%llu proto=%u src=%pI6c sport=%u dst=%pI6c dport=%u vrf=%u policy=%u reason=%d",
		  __entry->id, __entry->proto, __entry->saddr, __entry->sport,
		  __entry->daddr, __entry->dport, __entry->vrf, __entry->policy,
		  __entry->reason)
);

DEFINE_EVENT(srxflow_tuple_class, srxflow_session_create,
	TP_PROTO(u64 id, const struct sxf_tuple *t, u32 policy, int reason),
	TP_ARGS(id, t, policy, reason));

DEFINE_EVENT(srxflow_tuple_class, srxflow_session_close,
	TP_PROTO(u64 id, const struct sxf_tuple *t, u32 policy, int reason),
	TP_ARGS(id, t, policy, reason));

DEFINE_EVENT(srxflow_tuple_class, srxflow_drop,
	TP_PROTO(u64 id, const struct sxf_tuple *t, u32 policy, int reason),
	TP_ARGS(id, t, policy, reason));

#endif /* _SRXFLOW_TRACE_TP_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE srxflow_trace
#include <trace/define_trace.h>
