/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP sequence adjustment: when the router changes the length of a
 * segment's payload (an ALG rewriting an address) or answers for a server
 * (SYN cookies), the two ends number the same bytes differently.  The
 * session's extension keeps, per direction, the shift of the sequence
 * numbers that direction sends; the other direction's acknowledgements
 * (and SACK blocks) are shifted back.  The semantics are those of Linux's
 * nf_conntrack_seqadj.
 */
#ifndef _SRXFLOW_SEQADJ_H
#define _SRXFLOW_SEQADJ_H

#include <linux/skbuff.h>
#include "session.h"

/* a constant shift of all of dir's sequence numbers (SYN cookies) */
void sxf_seqadj_init(struct sxf_session *s, int dir, s32 off);
/* dir's segment starting at seq (as it arrived) changed length by off */
void sxf_seqadj_set(struct sxf_session *s, int dir, u32 seq, s32 off);
/* the shift of an acknowledgement ack of dir's bytes (as it arrived); under s->lock */
s32 sxf_seqadj_ack_offset(struct sxf_session *s, int dir, u32 ack);
/*
 * shift a forwarded TCP packet of wing dir (and a SYN cookie's timestamps
 * and server windows, syncookie.c): 0 or a drop reason
 */
int sxf_seqadj_apply(struct sk_buff *skb, struct sxf_session *s, int dir,
		     unsigned int thoff);
/*
 * an ICMP error quoting a packet of direction dir, as it was sent on:
 * its sequence numbers put back as that packet's sender numbered them
 */
struct sxf_pkt;
int sxf_seqadj_icmp_error(struct sk_buff *skb, struct sxf_session *s, int dir,
			  const struct sxf_pkt *p);

#endif
