/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ALG's part of a session's extension (struct sxf_session_ext, see
 * session.h): kept apart so that session.h needs nothing else of alg.h.
 */
#ifndef _SRXFLOW_ALG_STATE_H
#define _SRXFLOW_ALG_STATE_H

#include <linux/types.h>

struct sxf_alg_ctl;

#define SXF_ALG_CONTROL	1	/* the ALG parses this session's payload */
#define SXF_ALG_DATA	2	/* opened by a gate of a control session */

struct sxf_alg_state {
	/*
	 * control: its own; data: its parent's.  One reference each, let go
	 * in the session's closed event (sxf_alg_session_closed()).  Set
	 * before the session is linked, never changed after.
	 */
	struct sxf_alg_ctl *ctl;
	u8 role;		/* SXF_ALG_CONTROL, SXF_ALG_DATA */
	u8 alg;			/* enum srxflow_alg */
};

#endif
