/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Screens (security screen ids-option NAME): the compiled object of the
 * configuration (cfg_screen.c), the checks (screen.c), the rate tables
 * (screen_rate.c) and the counters that outlive generations.
 */
#ifndef _SRXFLOW_SCREEN_H
#define _SRXFLOW_SCREEN_H

#include <linux/percpu.h>
#include <linux/refcount.h>
#include <linux/jump_label.h>
#include "config.h"

/* defaults ([Y] in the reference, section 4.1) */
#define SXF_SCR_DEF_FLOOD		1000	/* pps */
#define SXF_SCR_DEF_SWEEP_US		5000
#define SXF_SCR_DEF_SYN_ALARM		512
#define SXF_SCR_DEF_SYN_ATTACK		200
#define SXF_SCR_DEF_SYN_SOURCE		4000
#define SXF_SCR_DEF_SYN_DEST		4000
#define SXF_SCR_DEF_SYN_TIMEOUT		20
#define SXF_SCR_DEF_SYN_ACK_ACK		512
#define SXF_SCR_ICMP_LARGE		1024	/* bytes of IP datagram */
#define SXF_SCR_SWEEP_PROBES		10	/* distinct targets in the window */

/* tcp syn-flood white-list NAME: SYNs it matches skip the syn-flood checks */
struct sxf_scr_wl {
	char name[SRXFLOW_NAME_MAX];
	u8 nsrc, ndst;			/* 0: any */
	struct srxflow_prefix src[SRXFLOW_SCREEN_WHITE_LIST_ADDRS_MAX];
	struct srxflow_prefix dst[SRXFLOW_SCREEN_WHITE_LIST_ADDRS_MAX];
};

/* the compiled ids-option */
struct sxf_screen {
	struct sxf_obj o;		/* kind SXF_OBJ_SCREEN */
	u64 checks;			/* BIT_ULL(enum srxflow_screen_check) */
	bool alarm_only;		/* alarm-without-drop */
	u32 icmp_flood, udp_flood;	/* pps */
	u32 icmp_sweep, udp_sweep, udp_scan, tcp_scan, tcp_sweep; /* us */
	u32 syn_alarm, syn_attack, syn_source, syn_dest, syn_timeout;
	u32 syn_ack_ack;
	u32 limit_src, limit_dst;
	u8 nr_wl;			/* syn-flood white-lists */
	struct sxf_scr_wl wl[SRXFLOW_SCREEN_WHITE_LISTS_MAX];
};

/*
 * The counters of one zone interface, per CPU, one u64 per check.  They
 * live outside the generation: each generation that binds the interface to
 * a screened zone holds a reference (a commit takes over the previous
 * generation's object for the same interface name), so a commit does not
 * reset them.  Freed when the last generation naming it is freed.
 */
struct sxf_scr_stats {
	refcount_t ref;
	u64 __percpu *ctr;		/* [__SRXFLOW_SCR_MAX] */
};

DECLARE_STATIC_KEY_FALSE(sxf_screen_key);

/* cfg_screen.c */
void sxf_free_screen(struct sxf_obj *o);
int sxf_screen_compile(struct sxf_net *sn, struct sxf_cfg *cfg, struct netlink_ext_ack *extack);
void sxf_scr_stats_put(struct sxf_scr_stats *st);
void sxf_scr_stats_sum(const struct sxf_scr_stats *st, u64 *sum);
void sxf_scr_stats_clear(struct sxf_scr_stats *st);
extern const char *const sxf_screen_check_name[__SRXFLOW_SCR_MAX];
int sxf_screen_stats_op(const struct sxf_cfg *cfg, const char *zone, const char *ifname,
			u64 *sum, struct netlink_ext_ack *extack);

/* screen.c: per packet, zone interface zif binds screen scr */
struct sxf_ctx;
unsigned int sxf_screen_packet(struct sxf_ctx *c, struct sk_buff *skb,
			       const struct sxf_screen *scr, struct sxf_scr_stats *st);
/* the checks of the first path only (ip spoofing); true: dropped */
bool sxf_screen_first_path(struct sxf_ctx *c, struct sk_buff *skb);
/* screen_log.c: an RT_IDS event (attack NULL: the check's Junos attack name) */
void sxf_screen_log(struct sxf_ctx *c, enum srxflow_screen_check k, const char *attack,
		    enum srxflow_screen_action action);
/* RT_IDS events raised at most per second and namespace (screen_rate.c) */
#define SXF_IDS_LOG_PER_SEC	100
bool sxf_screen_key_prepare(struct sxf_net *sn, const struct sxf_cfg *cfg);
void sxf_screen_key_undo(struct sxf_net *sn);
int sxf_screen_apply(struct sxf_net *sn, const struct sxf_cfg *cfg);
void sxf_screen_net_exit(struct sxf_net *sn);

#endif /* _SRXFLOW_SCREEN_H */
