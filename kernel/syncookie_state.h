/* SPDX-License-Identifier: GPL-2.0 */
/* The SYN-cookie member of the session extension (session.h, syncookie.c). */
#ifndef _SRXFLOW_SYNCOOKIE_STATE_H
#define _SRXFLOW_SYNCOOKIE_STATE_H

#include <linux/types.h>

struct sxf_syncookie_state {
	u32 isn;			/* the cookie: the client's view of the server's ISN */
	/* TCP timestamps negotiated through the cookie (syncookie.c, seqadj.c) */
	u32 its;			/* the router's TSval in its SYN-ACK */
	u32 tsoff;			/* server's TSval - its: shifted in both directions */
	u8 ts;				/* the client's ACK carried timestamps */
	u8 ws_own;			/* the client's window scale (0: none) */
	u8 ws_client;			/* window scale the client was given (the router's) */
	u8 ws_server;			/* window scale the server announced (0: none) */
};

#endif
