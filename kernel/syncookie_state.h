/* SPDX-License-Identifier: GPL-2.0 */
/* The SYN-cookie member of the session extension (session.h, syncookie.c). */
#ifndef _SRXFLOW_SYNCOOKIE_STATE_H
#define _SRXFLOW_SYNCOOKIE_STATE_H

#include <linux/types.h>

struct sxf_syncookie_state {
	u32 isn;			/* the cookie: the client's view of the server's ISN */
};

#endif
