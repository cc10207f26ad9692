/* SPDX-License-Identifier: GPL-2.0 */
/*
 * services-offload (Express Path): sessions of a `then permit
 * services-offload` policy, once established, are forwarded at the netdev
 * ingress hook with their cached route and neighbour (offload.c).
 */
#ifndef _SRXFLOW_OFFLOAD_H
#define _SRXFLOW_OFFLOAD_H

#include "session.h"

struct sxf_net;
struct sxf_cfg;
struct net_device;

/*
 * Session flags that keep a session (or, set later, take it back) from
 * the offload hook: the router's own and to-host sessions, and every
 * session with an extension (ALG control and data sessions: the ALG reads
 * the payload and closes children with their parent; SYN-cookie sessions
 * and any other whose TCP sequence numbers are shifted).
 */
#define SXF_SF_NO_OFFLOAD	(SXF_SF_SELF | SXF_SF_TO_HOST | SXF_SF_EXT | SXF_SF_SEQADJ | \
				 SXF_SF_SYNCOOKIE)

void sxf_offload_established(struct sxf_net *sn, struct sxf_session *s);
void sxf_offload_tcp_resync(struct sxf_session *s);
void sxf_offload_sync(struct sxf_net *sn, const struct sxf_cfg *cfg);
void sxf_offload_net_init(struct sxf_net *sn);
void sxf_offload_net_exit(struct sxf_net *sn);

/*
 * Fast path, after tracking: a session of an offload policy becomes
 * offloaded once established (TCP), or at its second packet (UDP: the
 * session is confirmed, whichever way that packet goes), as
 * nft_flow_offload_eval() decides.  One test of flags the fast path has
 * read already; nothing for other sessions.
 */
static inline void sxf_offload_check(struct sxf_net *sn, struct sxf_session *s,
				     u32 flags, u8 proto)
{
	if (likely(!(flags & SXF_SF_OFFLOAD)) || (flags & SXF_SF_OFFLOADED))
		return;
	if (proto != IPPROTO_TCP || READ_ONCE(s->tcp_state) == SXF_TCP_ESTABLISHED)
		sxf_offload_established(sn, s);
}

#endif
