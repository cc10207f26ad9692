/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SYN-flood protection, syn-cookie mode (syncookie.c).
 */
#ifndef _SRXFLOW_SYNCOOKIE_H
#define _SRXFLOW_SYNCOOKIE_H

#include "engine.h"
#include "screen.h"


/* a SYN past the attack threshold: answer it with a cookie (screen.c) */
unsigned int sxf_syncookie_syn(struct sxf_ctx *c, struct sk_buff *skb,
			       const struct sxf_screen *scr, struct sxf_scr_stats *st);
/*
 * A bare ACK without session (first path): the cookie's MSS (> 0) when it
 * carries a valid cookie, 0 when cookies do not apply, -1 when it was
 * dropped (invalid cookie).
 */
int sxf_syncookie_check(struct sxf_ctx *c, struct sk_buff *skb);
/* the session of a valid cookie is installed: replay the SYN to the server */
unsigned int sxf_syncookie_open(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
				u16 mss);
/* the server's SYN-ACK of a session opened by a cookie (fast path) */
unsigned int sxf_syncookie_synack(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s);
/* the server refused the replayed SYN: its RST, numbered as the client expects */
unsigned int sxf_syncookie_rst(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s);

#endif
