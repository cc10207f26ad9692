/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Screens: the rate checks and the per-address session counts
 * (screen_rate.c).
 */
#ifndef _SRXFLOW_SCREEN_RATE_H
#define _SRXFLOW_SCREEN_RATE_H

#include "engine.h"
#include "screen.h"

int sxf_screen_rate_prepare(struct sxf_net *sn, const struct sxf_cfg *cfg);
void sxf_screen_rate_exit(struct sxf_net *sn);
/*
 * the first rate check violated (counted), or -1; SRXFLOW_SCR_SYN_COOKIE_SENT:
 * a SYN past the syn-flood attack-threshold, to answer with a cookie
 */
int sxf_screen_rate(struct sxf_ctx *c, const struct sxf_screen *scr, struct sxf_scr_stats *st);
/* screen.c */
bool sxf_screen_hit(struct sxf_ctx *c, const struct sxf_screen *scr,
		    struct sxf_scr_stats *st, enum srxflow_screen_check k);
/* the same, logged under another attack name than the check's */
bool sxf_screen_hit_as(struct sxf_ctx *c, const struct sxf_screen *scr,
		       struct sxf_scr_stats *st, enum srxflow_screen_check k, const char *attack);
/* one RT_IDS event may be raised in this second (SXF_IDS_LOG_PER_SEC) */
bool sxf_screen_log_budget(struct sxf_net *sn);

/*
 * limit-session and syn-ack-ack-proxy: a new session of c's packet.
 * -1: allowed, *flags says
 * which counts it took (set them on the session); else the check violated
 * (counted; drop the packet).
 */
int sxf_screen_limit_acquire(struct sxf_ctx *c, u32 *flags);
/* the session of tuple t (its initiator's) ended, or was never installed */
void sxf_screen_limit_release(struct sxf_net *sn, const struct sxf_tuple *t, u32 flags);
/* SYN cookies sent to a destination and port, and when (syncookie.c) */
void sxf_screen_cookie_sent(struct sxf_net *sn, const struct sxf_tuple *t);
unsigned long sxf_screen_cookie_last(struct sxf_net *sn, const struct sxf_tuple *t);
/* syn-ack-ack-proxy: s completed its handshake or ended (once, either) */
void sxf_screen_saa_done(struct sxf_net *sn, struct sxf_session *s);

#endif /* _SRXFLOW_SCREEN_RATE_H */
