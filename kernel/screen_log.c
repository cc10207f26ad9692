// SPDX-License-Identifier: GPL-2.0
/*
 * Screens: the RT_IDS lines of the session-log stream.
 *
 * Every screen violation (sxf_screen_hit()), every syn-flood
 * alarm-threshold crossing and every SYN answered with a cookie past it is
 * raised as an SRXFLOW_SLOG_SCREEN event on the "session" multicast group,
 * where the RT_FLOW events go (netlink.c: sxf_nl_slog()); srxflow-logd and
 * "monitor security flow session" write it as Junos does:
 *
 *   RT_IDS: RT_SCREEN_TCP: SYN flood! source: 10.0.9.1:1234,
 *     destination: 10.0.2.2:80, zone name: untrust, interface name: wan0,
 *     action: drop.
 *
 * The event carries the packet's addresses, ports and protocol (pre-NAT:
 * screens run before anything else), the zone and the arrival interface,
 * the check (its RT_SCREEN_* tag is the listener's to choose), the Junos
 * attack name and the action (drop, or alarm-without-drop).
 *
 * Nothing is built when nobody listens.  A flood must not become a flood
 * of log lines: at most SXF_IDS_LOG_PER_SEC events per second per
 * namespace are raised (a one-second window, screen_rate.c), the others
 * are not built, and counted (suppressed) nowhere but in the screen
 * counters, which count every violation.  The events raised take their
 * sequence numbers like RT_FLOW events, so a listener that lost some sees
 * the gap; the suppressed ones never had a number.
 */
#include <linux/netdevice.h>
#include "engine.h"
#include "screen.h"
#include "screen_rate.h"

/* the Junos attack names (RT_SCREEN_* messages), "" where Junos has none */
static const char *const ids_attack[__SRXFLOW_SCR_MAX] = {
	[SRXFLOW_SCR_ICMP_FLOOD]	= "ICMP flood!",
	[SRXFLOW_SCR_UDP_FLOOD]		= "UDP flood!",
	[SRXFLOW_SCR_WINNUKE]		= "WinNuke attack!",
	[SRXFLOW_SCR_TCP_PORT_SCAN]	= "TCP port scan!",
	[SRXFLOW_SCR_ICMP_SWEEP]	= "ICMP address sweep!",
	[SRXFLOW_SCR_TEAR_DROP]		= "Teardrop attack!",
	[SRXFLOW_SCR_SYN_FLOOD]		= "SYN flood!",
	[SRXFLOW_SCR_SPOOFING]		= "IP spoofing!",
	[SRXFLOW_SCR_PING_DEATH]	= "Ping of Death!",
	[SRXFLOW_SCR_SOURCE_ROUTE]	= "Source Route IP option!",
	[SRXFLOW_SCR_LAND]		= "Land attack!",
	[SRXFLOW_SCR_SYN_FRAG]		= "SYN fragment!",
	[SRXFLOW_SCR_TCP_NO_FLAG]	= "No TCP flag!",
	[SRXFLOW_SCR_UNKNOWN_PROTOCOL]	= "Unknown protocol!",
	[SRXFLOW_SCR_BAD_OPTION]	= "Bad IP option!",
	[SRXFLOW_SCR_RECORD_ROUTE]	= "Record Route IP option!",
	[SRXFLOW_SCR_TIMESTAMP]		= "Timestamp IP option!",
	[SRXFLOW_SCR_SECURITY]		= "Security IP option!",
	[SRXFLOW_SCR_LOOSE_SRC_ROUTE]	= "Loose source route IP option!",
	[SRXFLOW_SCR_STRICT_SRC_ROUTE]	= "Strict source route IP option!",
	[SRXFLOW_SCR_STREAM]		= "Stream IP option!",
	[SRXFLOW_SCR_ICMP_FRAGMENT]	= "ICMP fragment!",
	[SRXFLOW_SCR_ICMP_LARGE]	= "Large ICMP packet!",
	[SRXFLOW_SCR_SYN_FIN]		= "SYN and FIN bits!",
	[SRXFLOW_SCR_FIN_NO_ACK]	= "FIN but no ACK bit!",
	[SRXFLOW_SCR_LIMIT_SRC]		= "Src IP session limit!",
	[SRXFLOW_SCR_SYN_ACK_ACK]	= "SYN-ACK-ACK proxy!",
	[SRXFLOW_SCR_BLOCK_FRAG]	= "IP fragment!",
	[SRXFLOW_SCR_LIMIT_DST]		= "Dst IP session limit!",
	[SRXFLOW_SCR_UDP_SWEEP]		= "UDP address sweep!",
	[SRXFLOW_SCR_UDP_PORT_SCAN]	= "UDP port scan!",
	[SRXFLOW_SCR_TCP_SWEEP]		= "TCP address sweep!",
};

void sxf_screen_log(struct sxf_ctx *c, enum srxflow_screen_check k, const char *attack,
		    enum srxflow_screen_action action)
{
	struct sxf_slog ev = {
		.type = SRXFLOW_SLOG_SCREEN,
		.t = &c->pkt.t,
		.service = "",
		.policy = "",
		.to = "",
		.check = k,
		.action = action,
	};

	if (!sxf_nl_slog_listening(c->sn) || !sxf_screen_log_budget(c->sn))
		return;
	if (!attack)
		attack = k < ARRAY_SIZE(ids_attack) && ids_attack[k] ? ids_attack[k] : "";
	ev.reason = attack;
	ev.from = c->ifent ? c->ifent->zif->zone->o.name : "";
	ev.ifname = c->in ? sxf_dev_label(c->cfg, c->in) : "";
	sxf_nl_slog(c->sn, &ev);
}
