// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: security screen ids-option NAME, and the binding
 * of a screen to the zones that name it (resolved at commit, so that the
 * order of the objects in the transaction does not matter), with the
 * counters of their interfaces.
 */
#include <linux/slab.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "screen.h"

/* the rows of `show security screen statistics` (Junos words) */
const char *const sxf_screen_check_name[__SRXFLOW_SCR_MAX] = {
	[SRXFLOW_SCR_ICMP_FLOOD]	= "ICMP flood",
	[SRXFLOW_SCR_UDP_FLOOD]		= "UDP flood",
	[SRXFLOW_SCR_WINNUKE]		= "TCP winnuke",
	[SRXFLOW_SCR_TCP_PORT_SCAN]	= "TCP port scan",
	[SRXFLOW_SCR_ICMP_SWEEP]	= "ICMP address sweep",
	[SRXFLOW_SCR_TEAR_DROP]		= "IP tear drop",
	[SRXFLOW_SCR_SYN_FLOOD]		= "TCP SYN flood",
	[SRXFLOW_SCR_SPOOFING]		= "IP spoofing",
	[SRXFLOW_SCR_PING_DEATH]	= "ICMP ping of death",
	[SRXFLOW_SCR_SOURCE_ROUTE]	= "IP source route option",
	[SRXFLOW_SCR_LAND]		= "TCP land attack",
	[SRXFLOW_SCR_SYN_FRAG]		= "TCP SYN fragment",
	[SRXFLOW_SCR_TCP_NO_FLAG]	= "TCP no flag",
	[SRXFLOW_SCR_UNKNOWN_PROTOCOL]	= "IP unknown protocol",
	[SRXFLOW_SCR_BAD_OPTION]	= "IP bad options",
	[SRXFLOW_SCR_RECORD_ROUTE]	= "IP record route option",
	[SRXFLOW_SCR_TIMESTAMP]		= "IP timestamp option",
	[SRXFLOW_SCR_SECURITY]		= "IP security option",
	[SRXFLOW_SCR_LOOSE_SRC_ROUTE]	= "IP loose source route option",
	[SRXFLOW_SCR_STRICT_SRC_ROUTE]	= "IP strict source route option",
	[SRXFLOW_SCR_STREAM]		= "IP stream option",
	[SRXFLOW_SCR_ICMP_FRAGMENT]	= "ICMP fragment",
	[SRXFLOW_SCR_ICMP_LARGE]	= "ICMP large packet",
	[SRXFLOW_SCR_SYN_FIN]		= "TCP SYN FIN",
	[SRXFLOW_SCR_FIN_NO_ACK]	= "TCP FIN no ACK",
	[SRXFLOW_SCR_LIMIT_SRC]		= "Source session limit",
	[SRXFLOW_SCR_SYN_ACK_ACK]	= "TCP SYN-ACK-ACK proxy",
	[SRXFLOW_SCR_BLOCK_FRAG]	= "IP block fragment",
	[SRXFLOW_SCR_LIMIT_DST]		= "Destination session limit",
	[SRXFLOW_SCR_UDP_SWEEP]		= "UDP address sweep",
	[SRXFLOW_SCR_UDP_PORT_SCAN]	= "UDP port scan",
	[SRXFLOW_SCR_TCP_SWEEP]		= "TCP address sweep",
	[SRXFLOW_SCR_SYN_COOKIE_SENT]	= "TCP SYN cookie sent",
	[SRXFLOW_SCR_SYN_COOKIE_VALID]	= "TCP SYN cookie valid",
	[SRXFLOW_SCR_SYN_COOKIE_INVALID] = "TCP SYN cookie invalid",
};

/* flag statements and the check each enables */
static const struct {
	u16 attr;
	u8 check;
} scr_flags[] = {
	{ SRXFLOW_A_SCREEN_ICMP_FLOOD,		SRXFLOW_SCR_ICMP_FLOOD },
	{ SRXFLOW_A_SCREEN_ICMP_SWEEP,		SRXFLOW_SCR_ICMP_SWEEP },
	{ SRXFLOW_A_SCREEN_ICMP_FRAGMENT,	SRXFLOW_SCR_ICMP_FRAGMENT },
	{ SRXFLOW_A_SCREEN_ICMP_LARGE,		SRXFLOW_SCR_ICMP_LARGE },
	{ SRXFLOW_A_SCREEN_ICMP_PING_DEATH,	SRXFLOW_SCR_PING_DEATH },
	{ SRXFLOW_A_SCREEN_UDP_FLOOD,		SRXFLOW_SCR_UDP_FLOOD },
	{ SRXFLOW_A_SCREEN_UDP_SWEEP,		SRXFLOW_SCR_UDP_SWEEP },
	{ SRXFLOW_A_SCREEN_UDP_PORT_SCAN,	SRXFLOW_SCR_UDP_PORT_SCAN },
	{ SRXFLOW_A_SCREEN_TCP_PORT_SCAN,	SRXFLOW_SCR_TCP_PORT_SCAN },
	{ SRXFLOW_A_SCREEN_TCP_SWEEP,		SRXFLOW_SCR_TCP_SWEEP },
	{ SRXFLOW_A_SCREEN_SYN_FLOOD,		SRXFLOW_SCR_SYN_FLOOD },
	{ SRXFLOW_A_SCREEN_SYN_ACK_ACK,		SRXFLOW_SCR_SYN_ACK_ACK },
	{ SRXFLOW_A_SCREEN_LAND,		SRXFLOW_SCR_LAND },
	{ SRXFLOW_A_SCREEN_WINNUKE,		SRXFLOW_SCR_WINNUKE },
	{ SRXFLOW_A_SCREEN_SYN_FIN,		SRXFLOW_SCR_SYN_FIN },
	{ SRXFLOW_A_SCREEN_FIN_NO_ACK,		SRXFLOW_SCR_FIN_NO_ACK },
	{ SRXFLOW_A_SCREEN_TCP_NO_FLAG,		SRXFLOW_SCR_TCP_NO_FLAG },
	{ SRXFLOW_A_SCREEN_SYN_FRAG,		SRXFLOW_SCR_SYN_FRAG },
	{ SRXFLOW_A_SCREEN_IP_RECORD_ROUTE,	SRXFLOW_SCR_RECORD_ROUTE },
	{ SRXFLOW_A_SCREEN_IP_TIMESTAMP,	SRXFLOW_SCR_TIMESTAMP },
	{ SRXFLOW_A_SCREEN_IP_SECURITY,		SRXFLOW_SCR_SECURITY },
	{ SRXFLOW_A_SCREEN_IP_STREAM,		SRXFLOW_SCR_STREAM },
	{ SRXFLOW_A_SCREEN_IP_LOOSE_SRC_ROUTE,	SRXFLOW_SCR_LOOSE_SRC_ROUTE },
	{ SRXFLOW_A_SCREEN_IP_STRICT_SRC_ROUTE,	SRXFLOW_SCR_STRICT_SRC_ROUTE },
	{ SRXFLOW_A_SCREEN_IP_SOURCE_ROUTE,	SRXFLOW_SCR_SOURCE_ROUTE },
	{ SRXFLOW_A_SCREEN_IP_BAD_OPTION,	SRXFLOW_SCR_BAD_OPTION },
	{ SRXFLOW_A_SCREEN_IP_SPOOFING,		SRXFLOW_SCR_SPOOFING },
	{ SRXFLOW_A_SCREEN_IP_UNKNOWN_PROTOCOL,	SRXFLOW_SCR_UNKNOWN_PROTOCOL },
	{ SRXFLOW_A_SCREEN_IP_BLOCK_FRAG,	SRXFLOW_SCR_BLOCK_FRAG },
	{ SRXFLOW_A_SCREEN_IP_TEAR_DROP,	SRXFLOW_SCR_TEAR_DROP },
};

/* a threshold statement, the check it belongs to, its default */
static const struct {
	u16 attr;
	u8 check;
	u32 def;
	size_t off;
} scr_values[] = {
#define V(a, c, d, f) { a, c, d, offsetof(struct sxf_screen, f) }
	V(SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD, SRXFLOW_SCR_ICMP_FLOOD, SXF_SCR_DEF_FLOOD, icmp_flood),
	V(SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD, SRXFLOW_SCR_UDP_FLOOD, SXF_SCR_DEF_FLOOD, udp_flood),
	V(SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD, SRXFLOW_SCR_ICMP_SWEEP, SXF_SCR_DEF_SWEEP_US, icmp_sweep),
	V(SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD, SRXFLOW_SCR_UDP_SWEEP, SXF_SCR_DEF_SWEEP_US, udp_sweep),
	V(SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD, SRXFLOW_SCR_UDP_PORT_SCAN, SXF_SCR_DEF_SWEEP_US, udp_scan),
	V(SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD, SRXFLOW_SCR_TCP_PORT_SCAN, SXF_SCR_DEF_SWEEP_US, tcp_scan),
	V(SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD, SRXFLOW_SCR_TCP_SWEEP, SXF_SCR_DEF_SWEEP_US, tcp_sweep),
	V(SRXFLOW_A_SCREEN_SYN_ALARM, SRXFLOW_SCR_SYN_FLOOD, SXF_SCR_DEF_SYN_ALARM, syn_alarm),
	V(SRXFLOW_A_SCREEN_SYN_ATTACK, SRXFLOW_SCR_SYN_FLOOD, SXF_SCR_DEF_SYN_ATTACK, syn_attack),
	V(SRXFLOW_A_SCREEN_SYN_SOURCE, SRXFLOW_SCR_SYN_FLOOD, SXF_SCR_DEF_SYN_SOURCE, syn_source),
	V(SRXFLOW_A_SCREEN_SYN_DEST, SRXFLOW_SCR_SYN_FLOOD, SXF_SCR_DEF_SYN_DEST, syn_dest),
	V(SRXFLOW_A_SCREEN_SYN_TIMEOUT, SRXFLOW_SCR_SYN_FLOOD, SXF_SCR_DEF_SYN_TIMEOUT, syn_timeout),
	V(SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD, SRXFLOW_SCR_SYN_ACK_ACK, SXF_SCR_DEF_SYN_ACK_ACK, syn_ack_ack),
	V(SRXFLOW_A_SCREEN_LIMIT_SRC, SRXFLOW_SCR_LIMIT_SRC, 0, limit_src),
	V(SRXFLOW_A_SCREEN_LIMIT_DST, SRXFLOW_SCR_LIMIT_DST, 0, limit_dst),
#undef V
};

/* tcp syn-flood white-list NAME (one nest): appended to s->wl */
static int scr_add_wl(struct sxf_screen *s, const struct nlattr *nest, const char *ctx,
		      struct netlink_ext_ack *extack)
{
	struct sxf_scr_wl *wl;
	const struct nlattr *a;
	const char *name = NULL;
	int rem, i;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == SRXFLOW_A_SCRWL_NAME)
			name = nla_data(a);
	if (!name || !name[0])
		return sxf_err(extack, nest, "%s tcp syn-flood white-list: name required", ctx);
	if (!sxf_ascii_name(name))
		return sxf_err(extack, nest, "%s tcp syn-flood white-list: invalid name", ctx);
	for (i = 0; i < s->nr_wl; i++)
		if (!strcmp(s->wl[i].name, name))
			return sxf_err(extack, nest, "%s tcp syn-flood white-list %s: defined twice",
				       ctx, name);
	if (s->nr_wl >= SRXFLOW_SCREEN_WHITE_LISTS_MAX)
		return sxf_err(extack, nest,
			       "%s tcp syn-flood white-list %s: at most %d white-lists", ctx, name,
			       SRXFLOW_SCREEN_WHITE_LISTS_MAX);
	wl = &s->wl[s->nr_wl];
	strscpy(wl->name, name, sizeof(wl->name));
	nla_for_each_nested(a, nest, rem) {
		const struct srxflow_prefix *p = nla_data(a);
		struct srxflow_prefix *arr;
		const char *what;
		u8 *n;

		if (nla_type(a) == SRXFLOW_A_SCRWL_SRC) {
			arr = wl->src;
			n = &wl->nsrc;
			what = "source-address";
		} else if (nla_type(a) == SRXFLOW_A_SCRWL_DST) {
			arr = wl->dst;
			n = &wl->ndst;
			what = "destination-address";
		} else {
			continue;
		}
		if (!sxf_prefix_valid(p))
			return sxf_err(extack, a, "%s tcp syn-flood white-list %s %s: invalid prefix",
				       ctx, name, what);
		if (*n >= SRXFLOW_SCREEN_WHITE_LIST_ADDRS_MAX)
			return sxf_err(extack, a,
				       "%s tcp syn-flood white-list %s %s: at most %d addresses",
				       ctx, name, what, SRXFLOW_SCREEN_WHITE_LIST_ADDRS_MAX);
		arr[(*n)++] = *p;
	}
	if (!wl->nsrc && !wl->ndst)
		return sxf_err(extack, nest,
			       "%s tcp syn-flood white-list %s: source-address or destination-address required",
			       ctx, name);
	s->nr_wl++;
	return 0;
}

void sxf_free_screen(struct sxf_obj *o)
{
	kfree(container_of(o, struct sxf_screen, o));
}

int sxf_add_screen(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		   struct netlink_ext_ack *extack)
{
	char ctx[SRXFLOW_NAME_MAX + 32];
	struct sxf_screen *s;
	unsigned int i;
	int err;

	s = sxf_cfg_zalloc(cfg, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->o.kind = SXF_OBJ_SCREEN;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_SCREEN_NAME], s->o.name, "security screen ids-option",
			       extack, obj);
	if (err)
		goto err_free;
	snprintf(ctx, sizeof(ctx), "security screen ids-option %s", s->o.name);
	if (sxf_names_find(&cfg->names, SXF_OBJ_SCREEN, 0, s->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_SCREEN_NAME], "%s: defined twice", ctx);
		goto err_free;
	}
	/* deprecated in Junos (which ignores it): refused, never silently ignored */
	if (tb[SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE]) {
		err = sxf_err(extack, tb[SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE],
			      "%s tcp syn-flood queue-size: deprecated in Junos, not supported by srxflow (delete the statement)",
			      ctx);
		goto err_free;
	}
	s->alarm_only = nla_get_flag(tb[SRXFLOW_A_SCREEN_ALARM_WITHOUT_DROP]);
	for (i = 0; i < ARRAY_SIZE(scr_flags); i++)
		if (tb[scr_flags[i].attr])
			s->checks |= BIT_ULL(scr_flags[i].check);
	/* a threshold enables its check (icmp flood threshold N is icmp flood) */
	for (i = 0; i < ARRAY_SIZE(scr_values); i++) {
		u32 *v = (u32 *)((u8 *)s + scr_values[i].off);

		if (tb[scr_values[i].attr]) {
			*v = nla_get_u32(tb[scr_values[i].attr]);
			s->checks |= BIT_ULL(scr_values[i].check);
		} else {
			*v = scr_values[i].def;
		}
	}
	if (tb[SRXFLOW_A_SCREEN_SYN_WHITE_LIST]) {
		const struct nlattr *a;
		int rem;

		nla_for_each_nested(a, obj, rem) {
			if (nla_type(a) != SRXFLOW_A_SCREEN_SYN_WHITE_LIST)
				continue;
			err = scr_add_wl(s, a, ctx, extack);
			if (err)
				goto err_free;
		}
		s->checks |= BIT_ULL(SRXFLOW_SCR_SYN_FLOOD);
	}
	err = sxf_names_add(&cfg->names, &s->o);
	if (err)
		goto err_free;
	cfg->nr_screens++;
	/* s is in the name table now: freed with the transaction on error */
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_SCREEN, obj, s);

err_free:
	kfree(s);
	return err;
}

/* --- counters outside the generation ------------------------------------------------ */
static struct sxf_scr_stats *scr_stats_alloc(void)
{
	struct sxf_scr_stats *st = kzalloc(sizeof(*st), GFP_KERNEL_ACCOUNT);

	if (!st)
		return NULL;
	st->ctr = __alloc_percpu_gfp(sizeof(u64) * __SRXFLOW_SCR_MAX, __alignof__(u64),
				     GFP_KERNEL_ACCOUNT);
	if (!st->ctr) {
		kfree(st);
		return NULL;
	}
	refcount_set(&st->ref, 1);
	return st;
}

/*
 * A generation holding st is freed (after its grace period, or never
 * published): no packet can reach st through it any more.
 */
void sxf_scr_stats_put(struct sxf_scr_stats *st)
{
	if (!st || !refcount_dec_and_test(&st->ref))
		return;
	free_percpu(st->ctr);
	kfree(st);
}

void sxf_scr_stats_sum(const struct sxf_scr_stats *st, u64 *sum)
{
	int cpu, i;

	for_each_possible_cpu(cpu) {
		const u64 *c = per_cpu_ptr(st->ctr, cpu);

		for (i = 0; i < __SRXFLOW_SCR_MAX; i++)
			sum[i] += READ_ONCE(c[i]);
	}
}

/* Racing increments on other CPUs may survive the clear: as for flow statistics. */
void sxf_scr_stats_clear(struct sxf_scr_stats *st)
{
	int cpu, i;

	for_each_possible_cpu(cpu) {
		u64 *c = per_cpu_ptr(st->ctr, cpu);

		for (i = 0; i < __SRXFLOW_SCR_MAX; i++)
			WRITE_ONCE(c[i], 0);
	}
}

/*
 * At commit, txn_lock held (the running generation cannot change): every
 * zone that names a screen gets it (an unknown name is a commit error),
 * and every interface of such a zone its counters, taken over from the
 * running generation when the interface was screened there already.  May
 * run twice on one generation (a commit retried): what is done stays.
 */
int sxf_screen_compile(struct sxf_net *sn, struct sxf_cfg *cfg, struct netlink_ext_ack *extack)
{
	const struct sxf_cfg *old = rcu_dereference_protected(sn->cfg,
							      lockdep_is_held(&sn->txn_lock));
	u32 i, j;

	for (i = 0; i < cfg->nr_zones; i++) {
		struct sxf_zone *z = cfg->zones[i];
		struct sxf_obj *o;

		if (!z->screen[0])
			continue;
		o = sxf_names_find(&cfg->names, SXF_OBJ_SCREEN, 0, z->screen);
		if (!o)
			return sxf_err(extack, NULL,
				       "security zones security-zone %s screen %s: screen is not defined (security screen ids-option %s)",
				       z->o.name, z->screen, z->screen);
		z->scr = container_of(o, struct sxf_screen, o);
		for (j = 0; j < z->nr_ifaces; j++) {
			struct sxf_zone_if *zif = z->ifaces[j];
			const struct sxf_zone_if *ozif = NULL;
			struct sxf_obj *oo;

			if (zif->scr_stats)
				continue;
			oo = old ? sxf_names_find(&old->names, SXF_OBJ_IFACE, 0, zif->o.name) : NULL;
			if (oo)
				ozif = container_of(oo, struct sxf_zone_if, o);
			if (ozif && ozif->scr_stats) {
				refcount_inc(&ozif->scr_stats->ref);
				zif->scr_stats = ozif->scr_stats;
				continue;
			}
			zif->scr_stats = scr_stats_alloc();
			if (!zif->scr_stats)
				return -ENOMEM;
		}
	}
	return 0;
}

/*
 * The counters of a zone (the sum of its interfaces) or of one interface,
 * for SCREEN_STATS_GET (sum) and SCREEN_STATS_CLEAR (sum NULL).  Neither
 * zone nor ifname: every screened interface (clear only).  Under
 * rcu_read_lock (the running generation).
 */
int sxf_screen_stats_op(const struct sxf_cfg *cfg, const char *zone, const char *ifname,
			u64 *sum, struct netlink_ext_ack *extack)
{
	const struct sxf_zone *z;
	u32 i, j;

	if (ifname) {
		const struct sxf_zone_if *zif = NULL;
		struct sxf_obj *o = sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, ifname);

		if (o) {
			zif = container_of(o, struct sxf_zone_if, o);
		} else {
			/* a Linux device bound under a Junos name */
			for (i = 0; i < cfg->nr_zones && !zif; i++)
				for (j = 0; j < cfg->zones[i]->nr_ifaces; j++)
					if (!strcmp(cfg->zones[i]->ifaces[j]->dev, ifname)) {
						zif = cfg->zones[i]->ifaces[j];
						break;
					}
		}
		if (!zif)
			return sxf_err(extack, NULL, "interface %s is not in a zone", ifname);
		if (!zif->scr_stats)
			return sxf_err(extack, NULL, "interface %s: zone %s has no screen",
				       ifname, zif->zone->o.name);
		if (sum)
			sxf_scr_stats_sum(zif->scr_stats, sum);
		else
			sxf_scr_stats_clear(zif->scr_stats);
		return 0;
	}
	for (i = 0; i < cfg->nr_zones; i++) {
		z = cfg->zones[i];
		if (zone && strcmp(z->o.name, zone))
			continue;
		if (zone && !z->scr)
			return sxf_err(extack, NULL, "security zone %s has no screen", zone);
		for (j = 0; j < z->nr_ifaces; j++) {
			const struct sxf_scr_stats *st = z->ifaces[j]->scr_stats;

			if (!st)
				continue;
			if (sum)
				sxf_scr_stats_sum(st, sum);
			else
				sxf_scr_stats_clear(z->ifaces[j]->scr_stats);
		}
		if (zone)
			return 0;
	}
	if (zone)
		return sxf_err(extack, NULL, "security zone %s is not defined", zone);
	return 0;
}
