// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "srxflow": every command, attribute policy and
 * dump of the module lives here.  The ABI is include/uapi/linux/srxflow.h,
 * described in Documentation/netlink/specs/srxflow.yaml.
 *
 * Operations are not parallel (parallel_ops = false): doit handlers run
 * under genl_mutex, which also serialises configuration transactions.  The
 * extended ACK is built after genl_mutex is dropped: messages live in a
 * ring of buffers (sxf_err()).
 *
 * Privileges: every command, reads included (sessions, configuration, hit
 * counts, logs...), needs CAP_NET_ADMIN in the user namespace that owns the
 * caller's network namespace (GENL_UNS_ADMIN_PERM, as ctnetlink and nftables
 * do), and so does joining either multicast group (GENL_MCAST_CAP_NET_ADMIN,
 * checked by genl_bind()).  With restrict_userns=1 every command also needs
 * CAP_NET_ADMIN in the initial user namespace (GENL_ADMIN_PERM).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/rhashtable.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/netdevice.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"
#include "engine.h"
#include "trace.h"
#include "droprec.h"
#include "screen.h"
#include "nat.h"
#include "alg.h"
#include "session_rec.h"

#ifndef GENL_MCAST_CAP_NET_ADMIN
#error "this kernel cannot restrict multicast joins (GENL_MCAST_CAP_NET_ADMIN: Linux 6.1.66+, 6.7+)"
#endif

/*
 * Hardened routers: an unprivileged user who creates its own user and
 * network namespace holds CAP_NET_ADMIN there and may otherwise configure
 * srxflow in that namespace (the netfilter convention).  Fixed at load.
 */
static bool restrict_userns;
module_param(restrict_userns, bool, 0444);
MODULE_PARM_DESC(restrict_userns,
		 "every command needs CAP_NET_ADMIN in the initial user namespace; no events are multicast into network namespaces owned by other user namespaces (default 0: CAP_NET_ADMIN over the namespace suffices)");

static struct genl_family sxf_genl_family;

/*
 * The family is registered: events may be sent.  Cleared, then an RCU grace
 * period, before it is unregistered (event senders run under RCU).
 */
static bool sxf_genl_up;
static DECLARE_RWSEM(sxf_push_sem);	/* push works against the family's unregistration */

/*
 * May events be multicast into this namespace?  genl_bind() lets a socket
 * join a group with CAP_NET_ADMIN over net->user_ns; Linux 6.1 has no
 * per-family bind hook to ask for more.  With restrict_userns that check
 * equals capable(CAP_NET_ADMIN) only where net->user_ns is the initial user
 * namespace, so nothing is sent anywhere else.
 */
static bool mcast_allowed(const struct net *net)
{
	return !restrict_userns || net->user_ns == &init_user_ns;
}

/* --- attribute policies ------------------------------------------------------------ */
#define NAME_POLICY { .type = NLA_NUL_STRING, .len = SRXFLOW_NAME_MAX - 1 }
#define IFNAME_POLICY { .type = NLA_NUL_STRING, .len = SRXFLOW_IFNAME_MAX - 1 }
/* application-protocol: ftp, tftp or ignore (cfg_application.c) */
#define ALG_POLICY { .type = NLA_NUL_STRING, .len = 15 }
#define TEXT_POLICY { .type = NLA_NUL_STRING, .len = 255 }
#define PREFIX_POLICY NLA_POLICY_EXACT_LEN(sizeof(struct srxflow_prefix))

/*
 * Numeric ranges of configuration attributes: written here only.  The
 * policies check them (NLA_POLICY_FULL_RANGE pointing at these rows), and
 * sxf_cfg_add() words a value outside as Junos does, from the statement of
 * the same row: "security flow tcp-session tcp-initial-timeout 301: value
 * out of range, expecting 4..300" (genetlink's own "integer out of range"
 * would not say which statement).  For that, CFG_ADD's policy does not
 * descend into the flow and traceoptions nests: sxf_cfg_add() parses them,
 * strictly, with sxf_flow_policy and sxf_trace_policy.
 * tests/unit/check-ynl-spec.py checks that the YNL spec's checks {min, max}
 * and the CLI schema (userspace/schema.c) have the same ranges.  Not const:
 * Linux 6.1's nla_policy.range is not a pointer to const.
 */
struct sxf_range sxf_flow_ranges[SRXFLOW_A_FLOW_MAX + 1] __ro_after_init = {
	[SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT]	= { { 4, 300 },
		"security flow tcp-session tcp-initial-timeout" },
	[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT]	= { { 2, 600 },
		"security flow tcp-session time-wait-state session-timeout" },
	[SRXFLOW_A_FLOW_EARLY_AGEOUT]		= { { 1, 65535 },
		"security flow aging early-ageout" },
	[SRXFLOW_A_FLOW_HIGH_WATERMARK]		= { { 0, 100 },
		"security flow aging high-watermark" },
	[SRXFLOW_A_FLOW_LOW_WATERMARK]		= { { 0, 100 },
		"security flow aging low-watermark" },
	[SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT]	= { { 6, 1800 },
		"security flow route-change-timeout" },
	[SRXFLOW_A_FLOW_MAX_SESSIONS]		= { { 1, 16777216 },
		"security flow max-sessions" },
};

struct sxf_range sxf_trace_ranges[SRXFLOW_A_TRACE_MAX + 1] __ro_after_init = {
	[SRXFLOW_A_TRACE_FILE_SIZE]		= { { 10240, 1073741824 },
		"security flow traceoptions file size" },
	[SRXFLOW_A_TRACE_FILE_FILES]		= { { 2, 1000 },
		"security flow traceoptions file files" },
	[SRXFLOW_A_TRACE_DEBUG_BUF]		= { { 1024, 40000 },
		"security flow traceoptions local-debug-buf size" },
};

/* ranges of reference §4.1 / the Junos YANG; the statement for messages */
struct sxf_range sxf_screen_ranges[SRXFLOW_A_SCREEN_MAX + 1] __ro_after_init = {
	[SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD]	= { { 1, 1000000 }, "security screen ids-option icmp flood threshold" },
	[SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD]	= { { 1000, 1000000 }, "security screen ids-option icmp ip-sweep threshold" },
	[SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD]	= { { 1, 1000000 }, "security screen ids-option udp flood threshold" },
	[SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD]	= { { 1000, 1000000 }, "security screen ids-option udp udp-sweep threshold" },
	[SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD] = { { 1000, 1000000 }, "security screen ids-option udp port-scan threshold" },
	[SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD] = { { 1000, 1000000 }, "security screen ids-option tcp port-scan threshold" },
	[SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD]	= { { 1000, 1000000 }, "security screen ids-option tcp tcp-sweep threshold" },
	[SRXFLOW_A_SCREEN_SYN_ALARM]		= { { 1, 500000 }, "security screen ids-option tcp syn-flood alarm-threshold" },
	[SRXFLOW_A_SCREEN_SYN_ATTACK]		= { { 1, 500000 }, "security screen ids-option tcp syn-flood attack-threshold" },
	[SRXFLOW_A_SCREEN_SYN_SOURCE]		= { { 4, 500000 }, "security screen ids-option tcp syn-flood source-threshold" },
	[SRXFLOW_A_SCREEN_SYN_DEST]		= { { 4, 500000 }, "security screen ids-option tcp syn-flood destination-threshold" },
	[SRXFLOW_A_SCREEN_SYN_TIMEOUT]		= { { 1, 50 }, "security screen ids-option tcp syn-flood timeout" },
	[SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE]	= { { 1, 1000000 }, "security screen ids-option tcp syn-flood queue-size" },
	[SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD] = { { 1, 250000 }, "security screen ids-option tcp syn-ack-ack-proxy threshold" },
	[SRXFLOW_A_SCREEN_LIMIT_SRC]		= { { 1, 8000000 }, "security screen ids-option limit-session source-ip-based" },
	[SRXFLOW_A_SCREEN_LIMIT_DST]		= { { 1, 8000000 }, "security screen ids-option limit-session destination-ip-based" },
};

#define FLOW_RANGE(a)	NLA_POLICY_FULL_RANGE(NLA_U32, &sxf_flow_ranges[a].r)
#define TRACE_RANGE(a)	NLA_POLICY_FULL_RANGE(NLA_U32, &sxf_trace_ranges[a].r)

const struct nla_policy sxf_hie_policy[SRXFLOW_A_HIE_MAX + 1] = {
	[SRXFLOW_A_HIE_ID]		= { .type = NLA_U32 },
	[SRXFLOW_A_HIE_EXCEPT]		= { .type = NLA_FLAG },
};

static const struct nla_policy sxf_hi_policy[SRXFLOW_A_HI_MAX + 1] = {
	[SRXFLOW_A_HI_SERVICE]		= NLA_POLICY_NESTED(sxf_hie_policy),
	[SRXFLOW_A_HI_PROTOCOL]		= NLA_POLICY_NESTED(sxf_hie_policy),
};

const struct nla_policy sxf_ifl_policy[SRXFLOW_A_IFL_MAX + 1] = {
	/* 0..SRXFLOW_IFL_UNIT_MAX, checked by cfg_interface.c (message in Junos words) */
	[SRXFLOW_A_IFL_UNIT]		= { .type = NLA_U32 },
	[SRXFLOW_A_IFL_DEVICE]		= IFNAME_POLICY,
};

const struct nla_policy sxf_ifd_policy[SRXFLOW_A_IFD_MAX + 1] = {
	[SRXFLOW_A_IFD_NAME]		= { .type = NLA_NUL_STRING, .len = SRXFLOW_IFD_NAME_MAX - 1 },
	[SRXFLOW_A_IFD_UNIT]		= NLA_POLICY_NESTED(sxf_ifl_policy),
};

const struct nla_policy sxf_zif_policy[SRXFLOW_A_ZIF_MAX + 1] = {
	[SRXFLOW_A_ZIF_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ZIF_HOST_INBOUND]	= NLA_POLICY_NESTED(sxf_hi_policy),
};

const struct nla_policy sxf_zone_policy[SRXFLOW_A_ZONE_MAX + 1] = {
	[SRXFLOW_A_ZONE_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ZONE_TCP_RST]	= { .type = NLA_FLAG },
	[SRXFLOW_A_ZONE_SCREEN]		= NAME_POLICY,
	[SRXFLOW_A_ZONE_REVERSE_REROUTE] = { .type = NLA_FLAG },
	[SRXFLOW_A_ZONE_HOST_INBOUND]	= NLA_POLICY_NESTED(sxf_hi_policy),
	[SRXFLOW_A_ZONE_IFACE]		= NLA_POLICY_NESTED(sxf_zif_policy),
	[SRXFLOW_A_ZONE_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_addr_policy[SRXFLOW_A_ADDR_MAX + 1] = {
	[SRXFLOW_A_ADDR_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_ADDR_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ADDR_PREFIX]		= PREFIX_POLICY,
	[SRXFLOW_A_ADDR_RANGE_LO]	= PREFIX_POLICY,
	[SRXFLOW_A_ADDR_RANGE_HI]	= PREFIX_POLICY,
	[SRXFLOW_A_ADDR_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_aset_policy[SRXFLOW_A_ASET_MAX + 1] = {
	[SRXFLOW_A_ASET_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_ASET_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ASET_ADDRESS]	= NAME_POLICY,
	[SRXFLOW_A_ASET_SET]		= NAME_POLICY,
	[SRXFLOW_A_ASET_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_term_policy[SRXFLOW_A_TERM_MAX + 1] = {
	[SRXFLOW_A_TERM_NAME]		= NAME_POLICY,
	[SRXFLOW_A_TERM_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_TERM_SPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_TERM_DPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_TERM_ICMP_TYPE]	= { .type = NLA_U8 },
	[SRXFLOW_A_TERM_ICMP_CODE]	= { .type = NLA_U8 },
	[SRXFLOW_A_TERM_TIMEOUT]	= { .type = NLA_U32 },
	[SRXFLOW_A_TERM_ALG]		= ALG_POLICY,
};

const struct nla_policy sxf_app_policy[SRXFLOW_A_APP_MAX + 1] = {
	[SRXFLOW_A_APP_NAME]		= NAME_POLICY,
	[SRXFLOW_A_APP_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_APP_SPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_APP_DPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_APP_ICMP_TYPE]	= { .type = NLA_U8 },
	[SRXFLOW_A_APP_ICMP_CODE]	= { .type = NLA_U8 },
	[SRXFLOW_A_APP_TIMEOUT]		= { .type = NLA_U32 },
	[SRXFLOW_A_APP_DESCRIPTION]	= TEXT_POLICY,
	[SRXFLOW_A_APP_ALG]		= ALG_POLICY,
	[SRXFLOW_A_APP_TERM]		= NLA_POLICY_NESTED(sxf_term_policy),
};

const struct nla_policy sxf_appset_policy[SRXFLOW_A_APPSET_MAX + 1] = {
	[SRXFLOW_A_APPSET_NAME]		= NAME_POLICY,
	[SRXFLOW_A_APPSET_APP]		= NAME_POLICY,
	[SRXFLOW_A_APPSET_SET]		= NAME_POLICY,
	[SRXFLOW_A_APPSET_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_policy_policy[SRXFLOW_A_POL_MAX + 1] = {
	[SRXFLOW_A_POL_FROM_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_POL_TO_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_POL_NAME]		= NAME_POLICY,
	[SRXFLOW_A_POL_SRC_ADDR]	= NAME_POLICY,
	[SRXFLOW_A_POL_DST_ADDR]	= NAME_POLICY,
	[SRXFLOW_A_POL_APP]		= NAME_POLICY,
	[SRXFLOW_A_POL_MATCH_FROM_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_POL_MATCH_TO_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_POL_ACTION]		= NLA_POLICY_MAX(NLA_U8, SRXFLOW_ACTION_REJECT),
	[SRXFLOW_A_POL_COUNT]		= { .type = NLA_FLAG },
	[SRXFLOW_A_POL_LOG_INIT]	= { .type = NLA_FLAG },
	[SRXFLOW_A_POL_LOG_CLOSE]	= { .type = NLA_FLAG },
	[SRXFLOW_A_POL_INDEX]		= { .type = NLA_U32 },	/* ignored */
	[SRXFLOW_A_POL_DESCRIPTION]	= TEXT_POLICY,
	[SRXFLOW_A_POL_SERVICES_OFFLOAD] = NLA_POLICY_RANGE(NLA_U8, SRXFLOW_OFFLOAD_ENABLED,
							    SRXFLOW_OFFLOAD_DISABLED),
};

const struct nla_policy sxf_policies_policy[SRXFLOW_A_POLS_MAX + 1] = {
	[SRXFLOW_A_POLS_DEFAULT]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_DEFAULT_PERMIT_ALL),
	[SRXFLOW_A_POLS_REMATCH]	= { .type = NLA_FLAG },
};

const struct nla_policy sxf_flow_policy[SRXFLOW_A_FLOW_MAX + 1] = {
	[SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT]	= FLOW_RANGE(SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT),
	[SRXFLOW_A_FLOW_NO_SYN_CHECK]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_STRICT_SYN_CHECK]	= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK]	= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_RST_INVALIDATE]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_FIN_INVALIDATE]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_TIME_WAIT]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT]	= FLOW_RANGE(SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT),
	[SRXFLOW_A_FLOW_EARLY_AGEOUT]		= FLOW_RANGE(SRXFLOW_A_FLOW_EARLY_AGEOUT),
	[SRXFLOW_A_FLOW_HIGH_WATERMARK]		= FLOW_RANGE(SRXFLOW_A_FLOW_HIGH_WATERMARK),
	[SRXFLOW_A_FLOW_LOW_WATERMARK]		= FLOW_RANGE(SRXFLOW_A_FLOW_LOW_WATERMARK),
	[SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE]	= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT]	= FLOW_RANGE(SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT),
	[SRXFLOW_A_FLOW_MAX_SESSIONS]		= FLOW_RANGE(SRXFLOW_A_FLOW_MAX_SESSIONS),
	[SRXFLOW_A_FLOW_SYN_FLOOD_PROTECTION_MODE] = NLA_POLICY_MAX(NLA_U8, SRXFLOW_SYN_PROTECT_PROXY),
};

#define SCR_RANGE(a)	NLA_POLICY_FULL_RANGE(NLA_U32, &sxf_screen_ranges[a].r)
#define SCR_FLAG	{ .type = NLA_FLAG }

static const struct nla_policy sxf_scrwl_policy[SRXFLOW_A_SCRWL_MAX + 1] = {
	[SRXFLOW_A_SCRWL_NAME]	= NAME_POLICY,
	[SRXFLOW_A_SCRWL_SRC]	= PREFIX_POLICY,
	[SRXFLOW_A_SCRWL_DST]	= PREFIX_POLICY,
};

const struct nla_policy sxf_screen_policy[SRXFLOW_A_SCREEN_MAX + 1] = {
	[SRXFLOW_A_SCREEN_NAME]			= { .type = NLA_NUL_STRING, .len = SRXFLOW_NAME_MAX - 1 },
	[SRXFLOW_A_SCREEN_DESCRIPTION]		= { .type = NLA_NUL_STRING, .len = 900 },
	[SRXFLOW_A_SCREEN_ALARM_WITHOUT_DROP]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_ICMP_FLOOD]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD]	= SCR_RANGE(SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD),
	[SRXFLOW_A_SCREEN_ICMP_SWEEP]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD]	= SCR_RANGE(SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD),
	[SRXFLOW_A_SCREEN_ICMP_FRAGMENT]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_ICMP_LARGE]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_ICMP_PING_DEATH]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_UDP_FLOOD]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD]	= SCR_RANGE(SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD),
	[SRXFLOW_A_SCREEN_UDP_SWEEP]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD]	= SCR_RANGE(SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD),
	[SRXFLOW_A_SCREEN_UDP_PORT_SCAN]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD] = SCR_RANGE(SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD),
	[SRXFLOW_A_SCREEN_TCP_PORT_SCAN]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD] = SCR_RANGE(SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD),
	[SRXFLOW_A_SCREEN_TCP_SWEEP]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD]	= SCR_RANGE(SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD),
	[SRXFLOW_A_SCREEN_SYN_FLOOD]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_SYN_ALARM]		= SCR_RANGE(SRXFLOW_A_SCREEN_SYN_ALARM),
	[SRXFLOW_A_SCREEN_SYN_ATTACK]		= SCR_RANGE(SRXFLOW_A_SCREEN_SYN_ATTACK),
	[SRXFLOW_A_SCREEN_SYN_SOURCE]		= SCR_RANGE(SRXFLOW_A_SCREEN_SYN_SOURCE),
	[SRXFLOW_A_SCREEN_SYN_DEST]		= SCR_RANGE(SRXFLOW_A_SCREEN_SYN_DEST),
	[SRXFLOW_A_SCREEN_SYN_TIMEOUT]		= SCR_RANGE(SRXFLOW_A_SCREEN_SYN_TIMEOUT),
	[SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE]	= SCR_RANGE(SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE),
	[SRXFLOW_A_SCREEN_SYN_ACK_ACK]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD] = SCR_RANGE(SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD),
	[SRXFLOW_A_SCREEN_SYN_WHITE_LIST]	= NLA_POLICY_NESTED(sxf_scrwl_policy),
	[SRXFLOW_A_SCREEN_LAND]			= SCR_FLAG,
	[SRXFLOW_A_SCREEN_WINNUKE]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_SYN_FIN]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_FIN_NO_ACK]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_TCP_NO_FLAG]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_SYN_FRAG]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_RECORD_ROUTE]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_TIMESTAMP]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_SECURITY]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_STREAM]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_LOOSE_SRC_ROUTE]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_STRICT_SRC_ROUTE]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_SOURCE_ROUTE]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_BAD_OPTION]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_SPOOFING]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_UNKNOWN_PROTOCOL]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_BLOCK_FRAG]	= SCR_FLAG,
	[SRXFLOW_A_SCREEN_IP_TEAR_DROP]		= SCR_FLAG,
	[SRXFLOW_A_SCREEN_LIMIT_SRC]		= SCR_RANGE(SRXFLOW_A_SCREEN_LIMIT_SRC),
	[SRXFLOW_A_SCREEN_LIMIT_DST]		= SCR_RANGE(SRXFLOW_A_SCREEN_LIMIT_DST),
};

const struct nla_policy sxf_fwd_policy[SRXFLOW_A_FWD_MAX + 1] = {
	[SRXFLOW_A_FWD_INET_MODE]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_FWD_DROP),
	[SRXFLOW_A_FWD_INET6_MODE]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_FWD_DROP),
};

const struct nla_policy sxf_tfilter_policy[SRXFLOW_A_TFLT_MAX + 1] = {
	[SRXFLOW_A_TFLT_NAME]		= NAME_POLICY,
	[SRXFLOW_A_TFLT_SRC_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_TFLT_DST_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_TFLT_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_TFLT_SPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_TFLT_DPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_TFLT_IFACE]		= NAME_POLICY,
};

const struct nla_policy sxf_trace_policy[SRXFLOW_A_TRACE_MAX + 1] = {
	[SRXFLOW_A_TRACE_FILE]		= NAME_POLICY,
	[SRXFLOW_A_TRACE_FILE_SIZE]	= TRACE_RANGE(SRXFLOW_A_TRACE_FILE_SIZE),
	[SRXFLOW_A_TRACE_FILE_FILES]	= TRACE_RANGE(SRXFLOW_A_TRACE_FILE_FILES),
	[SRXFLOW_A_TRACE_FLAG]		= NLA_POLICY_MAX(NLA_U32, __SRXFLOW_TRACE_MAX - 1),
	[SRXFLOW_A_TRACE_FILTER]	= NLA_POLICY_NESTED(sxf_tfilter_policy),
	[SRXFLOW_A_TRACE_RATE_LIMIT]	= { .type = NLA_U32 },
	[SRXFLOW_A_TRACE_DEBUG_BUF]	= TRACE_RANGE(SRXFLOW_A_TRACE_DEBUG_BUF),
};

const struct nla_policy sxf_lstream_policy[SRXFLOW_A_LSTREAM_MAX + 1] = {
	[SRXFLOW_A_LSTREAM_NAME]	= NAME_POLICY,
	[SRXFLOW_A_LSTREAM_HOST]	= PREFIX_POLICY,
	/* 1..65535: sxf_add_log() (NLA_POLICY_RANGE's bounds are s16) */
	[SRXFLOW_A_LSTREAM_PORT]	= { .type = NLA_U32 },
	[SRXFLOW_A_LSTREAM_FORMAT]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_LOG_FORMAT_SD_SYSLOG),
	[SRXFLOW_A_LSTREAM_CATEGORY]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_LOG_CAT_NAT),
	[SRXFLOW_A_LSTREAM_TRANSPORT]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_LOG_TRANSPORT_TCP),
};

const struct nla_policy sxf_algcfg_policy[SRXFLOW_A_ALGCFG_MAX + 1] = {
	[SRXFLOW_A_ALGCFG_FTP_DISABLE]	= { .type = NLA_FLAG },
	[SRXFLOW_A_ALGCFG_TFTP_DISABLE]	= { .type = NLA_FLAG },
};

const struct nla_policy sxf_seclog_policy[SRXFLOW_A_SECLOG_MAX + 1] = {
	[SRXFLOW_A_SECLOG_MODE]		= NLA_POLICY_MAX(NLA_U8, SRXFLOW_LOG_MODE_STREAM_EVENT),
	[SRXFLOW_A_SECLOG_FORMAT]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_LOG_FORMAT_SD_SYSLOG),
	[SRXFLOW_A_SECLOG_SOURCE_ADDRESS] = PREFIX_POLICY,
	[SRXFLOW_A_SECLOG_STREAM]	= NLA_POLICY_NESTED(sxf_lstream_policy),
};

/* commands that take no attributes */
static const struct nla_policy sxf_empty_policy[SRXFLOW_A_MAX + 1] = {
};

static const struct nla_policy sxf_txn_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_GENERATION]		= { .type = NLA_U64 },
	[SRXFLOW_A_TXN_ID]		= { .type = NLA_U32 },
	[SRXFLOW_A_COMMIT_FLAGS]	= NLA_POLICY_MASK(NLA_U32, SRXFLOW_COMMIT_CHECK),
};

/*
 * Objects are parsed by sxf_cfg_add() with their kind's policy (config.c
 * sxf_cfg_kinds[]), not here: a message genetlink refused before the
 * handler ran could not fail its transaction, and a client that sends
 * CFG_ADD, CFG_ADD, CFG_COMMIT without waiting for each answer would
 * commit the configuration without the refused objects.
 */
static const struct nla_policy sxf_cfg_add_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_TXN_ID]		= { .type = NLA_U32 },
	[SRXFLOW_A_CFG_ZONE]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_ADDRESS]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_ADDRESS_SET]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_APPLICATION]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_APPLICATION_SET]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_POLICY]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_POLICIES]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_FLOW]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_FWD]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_TRACE]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_INTERFACE]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_FUNCTIONAL_ZONE]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_LOG]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_ALG]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_SCREEN]		= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_SOURCE_POOL]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_DEST_POOL]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_SOURCE_RULESET] = { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_DEST_RULESET] = { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_STATIC_RULESET] = { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_PROXY_ARP]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_PROXY_NDP]	= { .type = NLA_NESTED },
	[SRXFLOW_A_CFG_NAT_SOURCE_OPTS]	= { .type = NLA_NESTED },
};

static const struct nla_policy sxf_filter_policy[SRXFLOW_A_FILTER_MAX + 1] = {
	[SRXFLOW_A_FILTER_SRC_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_FILTER_DST_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_FILTER_SPORT]	= { .type = NLA_U16 },
	[SRXFLOW_A_FILTER_DPORT]	= { .type = NLA_U16 },
	[SRXFLOW_A_FILTER_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_FILTER_IFNAME]	= NAME_POLICY,
	[SRXFLOW_A_FILTER_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_FILTER_POLICY_INDEX]	= { .type = NLA_U32 },
	[SRXFLOW_A_FILTER_SESSION_ID]	= { .type = NLA_U64 },
	[SRXFLOW_A_FILTER_FAMILY]	= { .type = NLA_U8 },
};

static const struct nla_policy sxf_session_req_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_FILTER]		= NLA_POLICY_NESTED(sxf_filter_policy),
	[SRXFLOW_A_SESS_FORMAT]		= NLA_POLICY_MAX(NLA_U32, SRXFLOW_SESS_FORMAT_REC1),
};

static const struct nla_policy sxf_match_policy[SRXFLOW_A_MATCH_MAX + 1] = {
	[SRXFLOW_A_MATCH_FROM_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_MATCH_TO_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_MATCH_SRC]		= PREFIX_POLICY,
	[SRXFLOW_A_MATCH_DST]		= PREFIX_POLICY,
	[SRXFLOW_A_MATCH_SPORT]		= { .type = NLA_U16 },
	[SRXFLOW_A_MATCH_DPORT]		= { .type = NLA_U16 },
	[SRXFLOW_A_MATCH_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_MATCH_RESULT_COUNT]	= NLA_POLICY_RANGE(NLA_U32, 1, 4096),
};

static const struct nla_policy sxf_log_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_LOG_FILE]		= NAME_POLICY,
	[SRXFLOW_A_LOG_COUNT]		= { .type = NLA_U32 },
};

const struct nla_policy sxf_nat_req_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_NAT_KIND]		= NLA_POLICY_MAX(NLA_U8, SRXFLOW_NAT_STATIC),
};

static const struct nla_policy sxf_match_req_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_MATCH]		= NLA_POLICY_NESTED(sxf_match_policy),
};

/* --- helpers -------------------------------------------------------------------------- */
static struct sxf_net *info_sn(struct genl_info *info)
{
	return sxf_pernet(genl_info_net(info));
}

static void *put_reply(struct sk_buff **msgp, struct genl_info *info, u8 cmd)
{
	void *hdr;

	*msgp = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!*msgp)
		return NULL;
	hdr = genlmsg_put_reply(*msgp, info, &sxf_genl_family, 0, cmd);
	if (!hdr) {
		nlmsg_free(*msgp);
		*msgp = NULL;
	}
	return hdr;
}

static void *put_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &sxf_genl_family, NLM_F_MULTI, cmd);
}

/* a dump message header of the family (nat_show.c) */
void *sxf_nl_put_reply(struct sk_buff **msgp, struct genl_info *info, u8 cmd)
{
	return put_reply(msgp, info, cmd);
}

void *sxf_nl_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return put_dump_hdr(skb, cb, cmd);
}

/* --- GET_STATUS ----------------------------------------------------------------------- */
static int sxf_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	const struct sxf_cfg *cfg;
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;

	sxf_debug_inject_status(sn);
	hdr = put_reply(&msg, info, SRXFLOW_CMD_GET_STATUS);
	if (!hdr)
		return -ENOMEM;
	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (nla_put_string(msg, SRXFLOW_A_VERSION, SRXFLOW_VERSION) ||
	    nla_put_u64_64bit(msg, SRXFLOW_A_GENERATION, cfg->generation, SRXFLOW_A_PAD))
		goto nospace;
	nest = nla_nest_start(msg, SRXFLOW_A_STATUS);
	if (!nest)
		goto nospace;
	if (nla_put_u8(msg, SRXFLOW_A_STATUS_INET_MODE, cfg->flow.mode[0]) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_INET6_MODE, cfg->flow.mode[1]) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_REVERSE_ROUTE, cfg->flow.rr_packet_mode) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_TRACE_ON, cfg->trace.configured) ||
	    nla_put_u32(msg, SRXFLOW_A_STATUS_MAX_SESSIONS, cfg->flow.max_sessions) ||
	    nla_put_u32(msg, SRXFLOW_A_STATUS_SESSIONS, atomic_read(&sn->tab.count)) ||
	    nla_put_u32(msg, SRXFLOW_A_STATUS_TRACE_FILTERS, cfg->trace.nfilters) ||
	    nla_put_u32(msg, SRXFLOW_A_STATUS_OFFLOAD_IFACES, READ_ONCE(sn->offload_ndevs)) ||
	    (!mcast_allowed(sn->net) && nla_put_flag(msg, SRXFLOW_A_STATUS_NO_EVENTS)))
		goto nospace;
	{
		struct sxf_tring *r = rcu_dereference(sn->trace.ring[0]);

		if (r) {
			u64 head = atomic64_read(&r->head), first = max(r->cleared,
					head > r->cap ? head - r->cap : 0);

			if (nla_put_u32(msg, SRXFLOW_A_STATUS_TRACE_LINES, (u32)(head - first)) ||
			    nla_put_u32(msg, SRXFLOW_A_STATUS_TRACE_CAPACITY, r->cap) ||
			    nla_put_u64_64bit(msg, SRXFLOW_A_STATUS_TRACE_LOST,
					      atomic64_read(&r->lost), SRXFLOW_A_STATUS_PAD))
				goto nospace;
			nla_nest_end(msg, nest);
			nest = NULL;
			if (nla_put_string(msg, SRXFLOW_A_LOG_FILE, r->name))
				goto nospace;
		}
	}
	if (nest)
		nla_nest_end(msg, nest);
	rcu_read_unlock();
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	rcu_read_unlock();
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* --- configuration transactions ------------------------------------------------------- */
static struct sxf_txn *txn_find(struct sxf_net *sn, struct genl_info *info)
{
	struct sxf_txn *txn;
	u32 id;

	if (!info->attrs[SRXFLOW_A_TXN_ID]) {
		NL_SET_ERR_MSG(info->extack, "missing transaction id");
		return NULL;
	}
	id = nla_get_u32(info->attrs[SRXFLOW_A_TXN_ID]);
	list_for_each_entry(txn, &sn->txns, list)
		if (txn->id == id && txn->portid == info->snd_portid)
			return txn;
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SRXFLOW_A_TXN_ID],
			    "unknown transaction (it belongs to the socket that began it)");
	return NULL;
}

static void txn_free(struct sxf_txn *txn)
{
	list_del(&txn->list);
	if (txn->cfg)
		sxf_cfg_put(txn->cfg);
	kfree(txn);
}

static int sxf_nl_cfg_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn, *t;
	struct sk_buff *msg;
	void *hdr;
	int n = 0, err;

	if (!info->attrs[SRXFLOW_A_GENERATION]) {
		NL_SET_ERR_MSG(info->extack, "missing the generation the change is based on");
		return -EINVAL;
	}
	mutex_lock(&sn->txn_lock);
	list_for_each_entry(t, &sn->txns, list)
		n++;
	if (n >= SXF_MAX_TXNS) {
		mutex_unlock(&sn->txn_lock);
		NL_SET_ERR_MSG(info->extack, "too many open configuration transactions");
		return -EBUSY;
	}
	txn = kzalloc(sizeof(*txn), GFP_KERNEL_ACCOUNT);
	if (txn)
		txn->cfg = sxf_cfg_alloc();
	if (!txn || !txn->cfg) {
		mutex_unlock(&sn->txn_lock);
		kfree(txn);
		return -ENOMEM;
	}
	txn->id = ++sn->next_txn_id;
	txn->portid = info->snd_portid;
	txn->base_gen = nla_get_u64(info->attrs[SRXFLOW_A_GENERATION]);
	list_add_tail(&txn->list, &sn->txns);

	err = -ENOMEM;
	hdr = put_reply(&msg, info, SRXFLOW_CMD_CFG_BEGIN);
	if (hdr && !nla_put_u32(msg, SRXFLOW_A_TXN_ID, txn->id)) {
		genlmsg_end(msg, hdr);
		err = genlmsg_reply(msg, info);
	} else if (hdr) {
		nlmsg_free(msg);
	}
	if (err)
		txn_free(txn);
	mutex_unlock(&sn->txn_lock);
	return err;
}

static int sxf_nl_cfg_add(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn;
	struct nlattr *a;
	int rem, err = 0;

	mutex_lock(&sn->txn_lock);
	txn = txn_find(sn, info);
	if (!txn) {
		err = -ENOENT;
		goto out;
	}
	if (txn->failed) {
		NL_SET_ERR_MSG(info->extack, "transaction already failed; abort it");
		err = -EINVAL;
		goto out;
	}
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		u16 type = nla_type(a);

		if ((type < SRXFLOW_A_CFG_ZONE || type > SRXFLOW_A_CFG_TRACE) &&
		    type != SRXFLOW_A_CFG_INTERFACE && type != SRXFLOW_A_CFG_FUNCTIONAL_ZONE &&
		    type != SRXFLOW_A_CFG_LOG && type != SRXFLOW_A_CFG_SCREEN &&
		    type != SRXFLOW_A_CFG_ALG &&
		    (type < SRXFLOW_A_CFG_NAT_SOURCE_POOL || type > SRXFLOW_A_CFG_NAT_STATIC_RULESET) &&
		    type != SRXFLOW_A_CFG_NAT_PROXY_ARP && type != SRXFLOW_A_CFG_NAT_PROXY_NDP &&
		    type != SRXFLOW_A_CFG_NAT_SOURCE_OPTS)
			continue;
		if (nla_len(a) > 60000) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "configuration object too large (max 60000 bytes)");
			err = -E2BIG;
		} else {
			err = sxf_cfg_add(txn->cfg, type, a, info->extack);
		}
		if (err) {
			txn->failed = true;
			break;
		}
	}
out:
	mutex_unlock(&sn->txn_lock);
	return err;
}

static int sxf_nl_cfg_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn;
	struct sk_buff *msg;
	bool check;
	u64 gen;
	void *hdr;
	int err;

	check = info->attrs[SRXFLOW_A_COMMIT_FLAGS] &&
		(nla_get_u32(info->attrs[SRXFLOW_A_COMMIT_FLAGS]) & SRXFLOW_COMMIT_CHECK);
	/* the reply first: a commit that is published is never answered with an error */
	hdr = put_reply(&msg, info, SRXFLOW_CMD_CFG_COMMIT);
	if (!hdr)
		return -ENOMEM;
	mutex_lock(&sn->txn_lock);
	txn = txn_find(sn, info);
	if (!txn) {
		mutex_unlock(&sn->txn_lock);
		nlmsg_free(msg);
		return -ENOENT;
	}
	if (txn->failed) {
		NL_SET_ERR_MSG(info->extack, "transaction had errors; nothing committed");
		err = -EINVAL;
	} else {
		err = sxf_cfg_commit(sn, txn, check, info->extack);
	}
	gen = sn->generation;
	txn_free(txn);		/* the transaction ends here, committed or not */
	mutex_unlock(&sn->txn_lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	/* (fits: a fresh NLMSG_GOODSIZE message) */
	if (nla_put_u64_64bit(msg, SRXFLOW_A_GENERATION, gen, SRXFLOW_A_PAD)) {
		nlmsg_free(msg);
		return 0;
	}
	genlmsg_end(msg, hdr);
	/* committed: a reply the socket cannot take changes nothing */
	genlmsg_reply(msg, info);
	return 0;
}

static int sxf_nl_cfg_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn;

	mutex_lock(&sn->txn_lock);
	txn = txn_find(sn, info);
	if (txn)
		txn_free(txn);
	mutex_unlock(&sn->txn_lock);
	return txn ? 0 : -ENOENT;
}

/* --- CFG_GET: the running configuration, a consistent snapshot ------------------------ */
struct cfg_dump {
	struct sxf_cfg *cfg;
	u32 next;
};

static int sxf_nl_cfg_get_start(struct netlink_callback *cb)
{
	struct sxf_net *sn = sxf_pernet(sock_net(cb->skb->sk));
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;
	u32 i, max = 0;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	d->cfg = sxf_cfg_get_rcu(sn);
	d->next = 0;
	if (!d->cfg)
		return -ENOENT;
	for (i = 0; i < d->cfg->nr_blobs; i++)
		max = max(max, d->cfg->blobs[i]->len);
	cb->min_dump_alloc = min_t(u32, U16_MAX, max + 1024);
	return 0;
}

static int sxf_nl_cfg_get_done(struct netlink_callback *cb)
{
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;

	sxf_cfg_put(d->cfg);
	return 0;
}

static int put_blob(struct sk_buff *skb, const struct sxf_blob *b)
{
	struct nlattr *nest = nla_nest_start(skb, b->type);
	void *data;

	if (!nest)
		return -EMSGSIZE;
	data = nla_reserve_nohdr(skb, b->len);
	if (!data)
		goto cancel;
	memcpy(data, b->data, b->len);
	if (b->type == SRXFLOW_A_CFG_POLICY && b->obj &&
	    nla_put_u32(skb, SRXFLOW_A_POL_INDEX, ((struct sxf_policy *)b->obj)->index))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int sxf_nl_cfg_get_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;
	const struct sxf_cfg *cfg = d->cfg;
	int n = 0;
	void *hdr;

	if (d->next > cfg->nr_blobs)
		return 0;	/* done */
	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_CFG_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, SRXFLOW_A_GENERATION, cfg->generation, SRXFLOW_A_PAD))
		goto full;
	while (d->next < cfg->nr_blobs) {
		if (put_blob(skb, cfg->blobs[d->next]))
			break;
		d->next++;
		n++;
	}
	if (d->next < cfg->nr_blobs && !n)
		goto full;	/* one object larger than a message */
	if (d->next == cfg->nr_blobs)
		d->next++;	/* every object sent */
	genlmsg_end(skb, hdr);
	return skb->len;
full:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* --- APP_GET: predefined applications -------------------------------------------------- */
static int put_app(struct sk_buff *skb, const struct sxf_app *a)
{
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_CFG_APPLICATION), *t = NULL;
	bool ports = a->proto == IPPROTO_TCP || a->proto == IPPROTO_UDP;
	int off = 0;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, SRXFLOW_A_APP_NAME, a->name))
		goto cancel;
	/* a term: its match inside SRXFLOW_A_APP_TERM (same order of attributes) */
	if (a->term) {
		t = nla_nest_start(skb, SRXFLOW_A_APP_TERM);
		if (!t || nla_put_string(skb, SRXFLOW_A_TERM_NAME, a->term))
			goto cancel;
		off = SRXFLOW_A_TERM_PROTOCOL - SRXFLOW_A_APP_PROTOCOL;
	}
	static_assert(SRXFLOW_A_TERM_DPORT - SRXFLOW_A_TERM_PROTOCOL ==
		      SRXFLOW_A_APP_DPORT - SRXFLOW_A_APP_PROTOCOL);
	static_assert(SRXFLOW_A_TERM_ICMP_TYPE - SRXFLOW_A_TERM_PROTOCOL ==
		      SRXFLOW_A_APP_ICMP_TYPE - SRXFLOW_A_APP_PROTOCOL);
	static_assert(SRXFLOW_A_TERM_ICMP_CODE - SRXFLOW_A_TERM_PROTOCOL ==
		      SRXFLOW_A_APP_ICMP_CODE - SRXFLOW_A_APP_PROTOCOL);
	static_assert(SRXFLOW_A_TERM_TIMEOUT - SRXFLOW_A_TERM_PROTOCOL ==
		      SRXFLOW_A_APP_TIMEOUT - SRXFLOW_A_APP_PROTOCOL);
	if ((!a->any_proto && nla_put_u8(skb, SRXFLOW_A_APP_PROTOCOL + off, a->proto)) ||
	    (ports && (a->dp_lo || a->dp_hi != 65535) &&
	     nla_put_u32(skb, SRXFLOW_A_APP_DPORT + off, SRXFLOW_PORTS(a->dp_lo, a->dp_hi))) ||
	    (a->icmp_type >= 0 && nla_put_u8(skb, SRXFLOW_A_APP_ICMP_TYPE + off, a->icmp_type)) ||
	    (a->icmp_code >= 0 && nla_put_u8(skb, SRXFLOW_A_APP_ICMP_CODE + off, a->icmp_code)) ||
	    (a->timeout && nla_put_u32(skb, SRXFLOW_A_APP_TIMEOUT + off, a->timeout)) ||
	    (a->alg && nla_put_string(skb, t ? SRXFLOW_A_TERM_ALG : SRXFLOW_A_APP_ALG, a->alg)))
		goto cancel;
	if (t)
		nla_nest_end(skb, t);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int put_appset(struct sk_buff *skb, const char *name, const char *const *m)
{
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_CFG_APPLICATION_SET);

	if (!nest || nla_put_string(skb, SRXFLOW_A_APPSET_NAME, name))
		goto cancel;
	for (; *m; m++)
		if (nla_put_string(skb, SRXFLOW_A_APPSET_APP, *m))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	if (nest)
		nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* predefined applications, then predefined application-sets */
static int sxf_nl_app_get_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct sxf_app *apps;
	const char *const *m;
	const char *name;
	u32 n, i = cb->args[0];
	void *hdr;

	apps = sxf_predefined_apps(&n);
	if (i >= n && !sxf_predefined_sets(i - n, &name))
		return 0;
	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_APP_GET);
	if (!hdr)
		return -EMSGSIZE;
	for (; i < n; i++)
		if (put_app(skb, &apps[i]))
			goto out;
	for (; (m = sxf_predefined_sets(i - n, &name)); i++)
		if (put_appset(skb, name, m))
			break;
out:
	cb->args[0] = i;
	genlmsg_end(skb, hdr);
	return skb->len;
}


/* --- sessions ------------------------------------------------------------------------------- */
struct sess_filter {
	bool has_src, has_dst, has_sport, has_dport, has_proto, has_zone, has_policy;
	bool has_id, has_family;
	struct srxflow_prefix src, dst;
	u16 sport, dport;
	u8 proto, family;
	int ifindex;			/* 0: any; -1: named interface not found */
	char zone[SRXFLOW_NAME_MAX];
	u32 policy;
	u64 id;
};

static int parse_filter(struct net *net, const struct nlattr *nest, struct sess_filter *f,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_FILTER_MAX + 1];
	int err;

	memset(f, 0, sizeof(*f));
	if (!nest)
		return 0;
	err = nla_parse_nested(tb, SRXFLOW_A_FILTER_MAX, nest, sxf_filter_policy, extack);
	if (err)
		return err;
	if (tb[SRXFLOW_A_FILTER_SRC_PREFIX]) {
		f->src = *(struct srxflow_prefix *)nla_data(tb[SRXFLOW_A_FILTER_SRC_PREFIX]);
		f->has_src = true;
	}
	if (tb[SRXFLOW_A_FILTER_DST_PREFIX]) {
		f->dst = *(struct srxflow_prefix *)nla_data(tb[SRXFLOW_A_FILTER_DST_PREFIX]);
		f->has_dst = true;
	}
	if ((f->has_src && f->src.plen > (f->src.family == AF_INET ? 32 : 128)) ||
	    (f->has_dst && f->dst.plen > (f->dst.family == AF_INET ? 32 : 128))) {
		NL_SET_ERR_MSG(extack, "invalid prefix length");
		return -EINVAL;
	}
	if (tb[SRXFLOW_A_FILTER_SPORT]) {
		f->sport = nla_get_u16(tb[SRXFLOW_A_FILTER_SPORT]);
		f->has_sport = true;
	}
	if (tb[SRXFLOW_A_FILTER_DPORT]) {
		f->dport = nla_get_u16(tb[SRXFLOW_A_FILTER_DPORT]);
		f->has_dport = true;
	}
	if (tb[SRXFLOW_A_FILTER_PROTOCOL]) {
		f->proto = nla_get_u8(tb[SRXFLOW_A_FILTER_PROTOCOL]);
		f->has_proto = true;
	}
	if (tb[SRXFLOW_A_FILTER_IFNAME]) {
		char name[SRXFLOW_NAME_MAX];
		const struct sxf_ifbind *b = NULL;
		struct net_device *dev;
		struct sxf_cfg *cfg;

		nla_strscpy(name, tb[SRXFLOW_A_FILTER_IFNAME], sizeof(name));
		rcu_read_lock();
		/* a Junos name bound by the configuration, else a Linux name */
		cfg = rcu_dereference(sxf_pernet(net)->cfg);
		if (cfg)
			b = sxf_cfg_ifbind(cfg, name);
		dev = dev_get_by_name_rcu(net, b ? b->dev : name);
		f->ifindex = dev ? dev->ifindex : -1;
		rcu_read_unlock();
	}
	if (tb[SRXFLOW_A_FILTER_ZONE]) {
		nla_strscpy(f->zone, tb[SRXFLOW_A_FILTER_ZONE], sizeof(f->zone));
		f->has_zone = true;
	}
	if (tb[SRXFLOW_A_FILTER_POLICY_INDEX]) {
		f->policy = nla_get_u32(tb[SRXFLOW_A_FILTER_POLICY_INDEX]);
		f->has_policy = true;
	}
	if (tb[SRXFLOW_A_FILTER_SESSION_ID]) {
		f->id = nla_get_u64(tb[SRXFLOW_A_FILTER_SESSION_ID]);
		f->has_id = true;
	}
	if (tb[SRXFLOW_A_FILTER_FAMILY]) {
		f->family = nla_get_u8(tb[SRXFLOW_A_FILTER_FAMILY]);
		f->has_family = true;
	}
	return 0;
}

/* zone name of the interface a wing's packets arrive on */
const char *sxf_nl_wing_zone(const struct sxf_cfg *cfg, const struct sxf_session *s, int dir)
{
	const struct sxf_ifent *e;
	const struct sxf_wing *w = &s->w[dir];
	const struct dst_entry *dst;
	int ifindex = w->ifindex;

	if (w->flags & SXF_WF_SELF)
		return "junos-host";
	dst = READ_ONCE(s->w[!dir].dst);
	if (!ifindex && dst)
		ifindex = dst->dev->ifindex;
	e = sxf_ifmap_lookup(rcu_dereference(cfg->ifmap), ifindex);
	return e ? sxf_zone_name(cfg, e->zone) : "";
}

static bool filter_match(const struct sess_filter *f, const struct sxf_cfg *cfg,
			 const struct sxf_session *s)
{
	const struct sxf_tuple *t = &s->w[0].t;

	if (f->has_id && s->id != f->id)
		return false;
	if (f->has_family && t->family != f->family)
		return false;
	if (f->has_proto && t->proto != f->proto)
		return false;
	if (f->has_sport && ntohs(t->sport) != f->sport)
		return false;
	if (f->has_dport && ntohs(t->dport) != f->dport)
		return false;
	if (f->has_src && !sxf_prefix_match(&f->src, t->family, &t->src))
		return false;
	if (f->has_dst && !sxf_prefix_match(&f->dst, t->family, &t->dst))
		return false;
	if (f->ifindex && s->w[0].ifindex != f->ifindex && s->w[1].ifindex != f->ifindex)
		return false;
	if (f->has_policy && s->policy != f->policy)
		return false;
	if (f->has_zone && strcmp(sxf_nl_wing_zone(cfg, s, 0), f->zone) &&
	    strcmp(sxf_nl_wing_zone(cfg, s, 1), f->zone))
		return false;
	return true;
}

static int put_prefix(struct sk_buff *skb, int type, u8 family, const void *addr)
{
	struct srxflow_prefix p = { .family = family, .plen = family == AF_INET ? 32 : 128 };

	memcpy(p.addr, addr, family == AF_INET ? 4 : 16);
	return nla_put(skb, type, sizeof(p), &p);
}

/* VRF whose table the wing's route came from (see first_path.c step 6) */
int sxf_nl_route_vrf(const struct sxf_session *s, const struct sxf_wing *w)
{
	return sxf_wing_route_vrf(s, w, READ_ONCE(s->flags));
}

static int put_wing(struct sk_buff *skb, struct net *net, const struct sxf_cfg *cfg,
		    const struct sxf_session *s,
		    const struct sxf_wing *w)
{
	const struct dst_entry *dst = READ_ONCE(w->dst);
	struct srxflow_prefix gw;
	struct net_device *dev;
	struct nlattr *nest;

	nest = nla_nest_start(skb, SRXFLOW_A_SESS_WING);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, SRXFLOW_A_WING_DIR, w->dir) ||
	    put_prefix(skb, SRXFLOW_A_WING_SRC, w->t.family, &w->t.src) ||
	    put_prefix(skb, SRXFLOW_A_WING_DST, w->t.family, &w->t.dst) ||
	    nla_put_u16(skb, SRXFLOW_A_WING_SPORT, ntohs(w->t.sport)) ||
	    nla_put_u16(skb, SRXFLOW_A_WING_DPORT, ntohs(w->t.dport)) ||
	    nla_put_u8(skb, SRXFLOW_A_WING_PROTOCOL, w->t.proto) ||
	    nla_put_u32(skb, SRXFLOW_A_WING_IFINDEX, w->ifindex) ||
	    nla_put_u32(skb, SRXFLOW_A_WING_VRF, w->t.vrf) ||
	    nla_put_u32(skb, SRXFLOW_A_WING_TABLE, sxf_vrf_table(net, sxf_nl_route_vrf(s, w))) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_WING_PACKETS, atomic64_read(&w->pkts),
			      SRXFLOW_A_WING_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_WING_BYTES, atomic64_read(&w->bytes),
			      SRXFLOW_A_WING_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_WING_ROUTE, sxf_route_handle(w),
			      SRXFLOW_A_WING_PAD))
		goto cancel;
	dev = w->ifindex ? dev_get_by_index_rcu(net, w->ifindex) : NULL;
	if (dev && nla_put_string(skb, SRXFLOW_A_WING_IFNAME, sxf_dev_label(cfg, dev)))
		goto cancel;
	if (!dev && (w->flags & SXF_WF_SELF) &&
	    nla_put_string(skb, SRXFLOW_A_WING_IFNAME, ".local..0"))
		goto cancel;
	if (dst) {
		sxf_route_gateway(w, &gw);
		if (nla_put(skb, SRXFLOW_A_WING_GATEWAY, sizeof(gw), &gw) ||
		    nla_put_string(skb, SRXFLOW_A_WING_OUT_IFNAME, sxf_dev_label(cfg, dst->dev)))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

const char *sxf_nl_session_policy(const struct sxf_cfg *cfg, const struct sxf_session *s,
				       const struct sxf_policy **pp)
{
	const struct sxf_policy *p = s->policy ? sxf_cfg_policy_by_index(cfg, s->policy) : NULL;

	*pp = p;
	if (p)
		return p->o.name;
	if (s->flags & SXF_SF_DEFAULT)
		return "default-permit";
	if (s->flags & (SXF_SF_SELF | SXF_SF_TO_HOST))
		return "self-traffic-policy";
	return "(deleted)";
}

const char *sxf_nl_session_app(const struct sxf_policy *p, const struct sxf_session *s)
{
	const struct sxf_tuple *t = &s->w[0].t;
	u32 i;

	if (!p || p->any_app)
		return "any";
	for (i = 0; i < p->n_apps; i++)
		if (sxf_app_match(p->apps[i], t->proto, ntohs(t->sport), ntohs(t->dport),
				  t->icmp_type, 0))
			return p->apps[i]->name;
	return "any";
}

static int put_session(struct sk_buff *skb, struct net *net, const struct sxf_cfg *cfg,
		       const struct sxf_session *s)
{
	const struct sxf_policy *p;
	const char *pname = sxf_nl_session_policy(cfg, s, &p);
	u32 now = (u32)jiffies, flags = READ_ONCE(s->flags), uflags = 0;
	s32 left = (s32)(READ_ONCE(s->expires) - now);
	u64 real = ktime_get_real_seconds();
	struct nlattr *nest;

	if (flags & SXF_SF_SELF)
		uflags |= SRXFLOW_SF_SELF;
	if (flags & SXF_SF_TO_HOST)
		uflags |= SRXFLOW_SF_TO_HOST;
	if (flags & SXF_SF_SNAT)
		uflags |= SRXFLOW_SF_SNAT;
	if (flags & SXF_SF_DNAT)
		uflags |= SRXFLOW_SF_DNAT;
	if (flags & SXF_SF_OFFLOADED)
		uflags |= SRXFLOW_SF_OFFLOAD;
	nest = nla_nest_start(skb, SRXFLOW_A_SESSION);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, SRXFLOW_A_SESS_ID, s->id, SRXFLOW_A_SESS_PAD) ||
	    nla_put_u32(skb, SRXFLOW_A_SESS_POLICY_INDEX, s->policy) ||
	    nla_put_string(skb, SRXFLOW_A_SESS_POLICY_NAME, pname) ||
	    nla_put_u8(skb, SRXFLOW_A_SESS_STATE, READ_ONCE(s->flags) & SXF_SF_INVALID ?
		       SRXFLOW_SESS_INVALIDATED : SRXFLOW_SESS_VALID) ||
	    nla_put_u32(skb, SRXFLOW_A_SESS_TIMEOUT,
			(flags & SXF_SF_NEVER) ? SRXFLOW_TIMEOUT_NEVER :
			left > 0 ? DIV_ROUND_UP(left, HZ) : 0) ||
	    nla_put_u32(skb, SRXFLOW_A_SESS_MAX_TIMEOUT,
			(flags & SXF_SF_NEVER) ? SRXFLOW_TIMEOUT_NEVER : s->timeout) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_SESS_START, s->start, SRXFLOW_A_SESS_PAD) ||
	    nla_put_u32(skb, SRXFLOW_A_SESS_DURATION, real > s->start ? (u32)(real - s->start) : 0) ||
	    nla_put_string(skb, SRXFLOW_A_SESS_APP, sxf_nl_session_app(p, s)) ||
	    nla_put_string(skb, SRXFLOW_A_SESS_FROM_ZONE, sxf_nl_wing_zone(cfg, s, 0)) ||
	    nla_put_string(skb, SRXFLOW_A_SESS_TO_ZONE, sxf_nl_wing_zone(cfg, s, 1)) ||
	    nla_put_u32(skb, SRXFLOW_A_SESS_FLAGS, uflags) ||
	    (s->w[0].t.proto == IPPROTO_TCP &&
	     nla_put_string(skb, SRXFLOW_A_SESS_TCP_STATE, sxf_tcp_state_name(s->tcp_state))) ||
	    put_wing(skb, net, cfg, s, &s->w[0]) || put_wing(skb, net, cfg, s, &s->w[1])) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

struct sess_dump {
	struct rhashtable_iter *iter;
	struct sxf_cfg *cfg;
	struct sess_filter filter;
	struct sxf_rec_names *names;	/* compact records (SRXFLOW_SESS_FORMAT_REC1) */
	bool filtered;		/* a filter was given (else every session matches) */
	bool done;
	bool restarted;		/* the walk started over: messages say NLM_F_DUMP_INTR */
};

/*
 * Resume the walk where the last message stopped.  It resumes at the entry
 * that did not fit (rhashtable_walk_peek()) if that entry is still in its
 * bucket.  Two cases list sessions again, and the dump then says so
 * (NLM_F_DUMP_INTR on every message from here on) so that the reader can
 * leave out what it has listed already (the CLI does, by session id):
 *  - the table was resized since: the walk starts over in the new table
 *    (rhashtable_walk_start_check() returns -EAGAIN);
 *  - the entry went (aged out, cleared): the walker would resume by a count
 *    of entries to skip in a bucket that has changed and could miss
 *    sessions; start that bucket over instead.
 * Either way every session that exists for the whole dump is listed.
 */
static void sess_dump_resume(struct sess_dump *d, struct netlink_callback *cb)
	__acquires(RCU)
{
	bool had = d->iter->p;

	if (rhashtable_walk_start_check(d->iter) == -EAGAIN ||
	    (had && !d->iter->p)) {
		d->iter->skip = 0;
		d->restarted = true;
		cb->seq++;
	}
}

static int sxf_nl_session_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct sxf_net *sn = sxf_pernet(net);
	struct sess_dump *d;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	err = parse_filter(net, info->attrs[SRXFLOW_A_FILTER], &d->filter, cb->extack);
	if (err)
		goto err;
	d->filtered = memchr_inv(&d->filter, 0, sizeof(d->filter));
	d->iter = kzalloc(sizeof(*d->iter), GFP_KERNEL);
	d->cfg = sxf_cfg_get_rcu(sn);
	if (info->attrs[SRXFLOW_A_SESS_FORMAT] &&
	    nla_get_u32(info->attrs[SRXFLOW_A_SESS_FORMAT]) == SRXFLOW_SESS_FORMAT_REC1) {
		d->names = sxf_rec_names_alloc();
		if (!d->names) {
			err = -ENOMEM;
			goto err;
		}
	}
	if (!d->iter || !d->cfg) {
		err = -ENOMEM;
		goto err;
	}
	rhashtable_walk_enter(&sn->tab.ht, d->iter);
	cb->args[0] = (long)d;
	cb->seq = 1;			/* + 1 each time the walk starts over */
	/* fewer, bigger messages: all of the 64 KiB the skb takes anyway */
	cb->min_dump_alloc = SKB_WITH_OVERHEAD(65536);
	return 0;
err:
	if (d->cfg)
		sxf_cfg_put(d->cfg);
	sxf_rec_names_free(d->names);
	kfree(d->iter);
	kfree(d);
	return err;
}

static int sxf_nl_session_done(struct netlink_callback *cb)
{
	struct sess_dump *d = (struct sess_dump *)cb->args[0];

	if (!d)
		return 0;
	rhashtable_walk_exit(d->iter);
	sxf_cfg_put(d->cfg);
	sxf_rec_names_free(d->names);
	kfree(d->iter);
	kfree(d);
	return 0;
}

static int sxf_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sess_dump *d = (struct sess_dump *)cb->args[0];
	struct net *net = sock_net(cb->skb->sk);
	struct sxf_wing *w;
	void *hdr = NULL;
	int n = 0;

	if (d->done)
		return 0;
	sess_dump_resume(d, cb);
	if (d->names)
		sxf_rec_dump_begin(d->names);
	/* resume at the entry that did not fit last time */
	w = rhashtable_walk_peek(d->iter);
	for (;;) {
		if (IS_ERR(w)) {
			if (PTR_ERR(w) == -EAGAIN) {
				/*
				 * Resized: the walk starts over in the new
				 * table and may list sessions again.  Say so
				 * (NLM_F_DUMP_INTR, also on NLMSG_DONE).
				 */
				d->restarted = true;
				cb->seq++;
				w = rhashtable_walk_next(d->iter);
				continue;
			}
			break;
		}
		if (!w) {
			d->done = true;
			break;
		}
		if (!w->dir &&
		    (!d->filtered || filter_match(&d->filter, d->cfg, sxf_wing_session(w)))) {
			if (!hdr) {
				hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_SESSION_GET);
				if (!hdr)
					break;
			}
			if (d->names ?
			    sxf_nl_put_session_rec(skb, net, d->cfg, sxf_wing_session(w),
						   d->names) :
			    put_session(skb, net, d->cfg, sxf_wing_session(w)))
				break;
			n++;
		}
		w = rhashtable_walk_next(d->iter);
	}
	rhashtable_walk_stop(d->iter);
	if (hdr) {
		if (!n) {
			genlmsg_cancel(skb, hdr);
			return -EMSGSIZE;
		}
		genlmsg_end(skb, hdr);
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
		/* also the first message (nl_dump_check_consistent() skips it) */
		if (d->restarted)
			nlmsg_hdr(skb)->nlmsg_flags |= NLM_F_DUMP_INTR;
	}
	return skb->len;
}

static int sxf_nl_session_summary(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	u32 count = atomic_read(&sn->tab.count), inval = atomic_read(&sn->tab.invalidated);
	const struct sxf_cfg *cfg;
	struct sk_buff *msg;
	struct nlattr *nest;
	u32 max;
	void *hdr;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	max = cfg->flow.max_sessions;
	rcu_read_unlock();
	hdr = put_reply(&msg, info, SRXFLOW_CMD_SESSION_SUMMARY);
	if (!hdr)
		return -ENOMEM;
	nest = nla_nest_start(msg, SRXFLOW_A_SUMMARY);
	if (!nest ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_UNICAST, count) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_MULTICAST, 0) ||
	    nla_put_u64_64bit(msg, SRXFLOW_A_SUM_FAILED, atomic64_read(&sn->tab.failed),
			      SRXFLOW_A_SUM_PAD) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_IN_USE, count) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_VALID, count > inval ? count - inval : 0) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_PENDING, 0) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_INVALIDATED, inval) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_OTHER, 0) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_MAXIMUM, max) ||
	    nla_put_u32(msg, SRXFLOW_A_SUM_OFFLOAD,
			max_t(int, atomic_read(&sn->offload_sessions), 0))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

struct clear_ctx {
	struct sess_filter *f;
	struct sxf_cfg *cfg;
	u64 cleared;
};

static bool clear_fn(struct sxf_net *sn, struct sxf_session *s, void *arg)
{
	struct clear_ctx *c = arg;
	bool match;

	rcu_read_lock();
	match = filter_match(c->f, c->cfg, s);
	rcu_read_unlock();
	if (match && sxf_session_remove(sn, s, SXF_CLOSE_CLEAR))
		c->cleared++;
	return true;
}

static int sxf_nl_session_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct sxf_net *sn = info_sn(info);
	struct sess_filter f;
	struct clear_ctx c = { .f = &f };
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = parse_filter(net, info->attrs[SRXFLOW_A_FILTER], &f, info->extack);
	if (err)
		return err;
	/* the reply first: a clear that happened is never reported as failed */
	hdr = put_reply(&msg, info, SRXFLOW_CMD_SESSION_CLEAR);
	if (!hdr)
		return -ENOMEM;
	c.cfg = sxf_cfg_get_rcu(sn);
	if (!c.cfg) {
		nlmsg_free(msg);
		return -ENOENT;
	}
	sxf_sessions_walk(sn, clear_fn, &c);
	sxf_cfg_put(c.cfg);

	if (nla_put_u64_64bit(msg, SRXFLOW_A_CLEARED, c.cleared, SRXFLOW_A_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* --- statistics ------------------------------------------------------------------------------ */
static int sxf_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_cpu_stats *st;
	struct nlattr *nest, *drops;
	struct sk_buff *msg;
	void *hdr;
	int i, err = -EMSGSIZE;

	sxf_debug_inject_status(sn);
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	sxf_stats_sum(sn, st);
	hdr = put_reply(&msg, info, SRXFLOW_CMD_STATS_GET);
	if (!hdr) {
		kfree(st);
		return -ENOMEM;
	}
	nest = nla_nest_start(msg, SRXFLOW_A_STATS);
	if (!nest)
		goto out;
#define PUT64(a, v) nla_put_u64_64bit(msg, a, v, SRXFLOW_A_STAT_PAD)
	if (nla_put_u32(msg, SRXFLOW_A_STAT_SESSIONS, atomic_read(&sn->tab.count)) ||
	    PUT64(SRXFLOW_A_STAT_RX, st->rx) || PUT64(SRXFLOW_A_STAT_TX, st->tx) ||
	    PUT64(SRXFLOW_A_STAT_FORWARDED, st->forwarded) ||
	    PUT64(SRXFLOW_A_STAT_HOST, st->host) ||
	    PUT64(SRXFLOW_A_STAT_DROPPED, st->dropped) ||
	    PUT64(SRXFLOW_A_STAT_FRAGMENTS, st->fragments) ||
	    PUT64(SRXFLOW_A_STAT_FIRST_PATH, st->first_path) ||
	    PUT64(SRXFLOW_A_STAT_FAST_PATH, st->fast_path) ||
	    PUT64(SRXFLOW_A_STAT_CREATED, st->created) ||
	    PUT64(SRXFLOW_A_STAT_CLOSED, st->closed) ||
	    PUT64(SRXFLOW_A_STAT_FAILED, st->failed) ||
	    PUT64(SRXFLOW_A_STAT_ICMP_ERR, st->icmp_err) ||
	    PUT64(SRXFLOW_A_STAT_REROUTED, st->rerouted) ||
	    PUT64(SRXFLOW_A_STAT_BYPASS, st->bypass) ||
	    PUT64(SRXFLOW_A_STAT_LOG_SENT, st->log_sent) ||
	    PUT64(SRXFLOW_A_STAT_LOG_DROPPED, st->log_dropped) ||
	    PUT64(SRXFLOW_A_STAT_OFFLOAD, st->offload) ||
	    PUT64(SRXFLOW_A_STAT_ANSWERS_LIMITED, st->answers_limited))
		goto out;
	drops = nla_nest_start(msg, SRXFLOW_A_STAT_DROP);
	if (!drops)
		goto out;
	for (i = 1; i < __SRXFLOW_DROP_MAX; i++)
		if (nla_put_u64_64bit(msg, i, st->drop[i], 0))
			goto out;
#undef PUT64
	nla_nest_end(msg, drops);
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	kfree(st);
	return genlmsg_reply(msg, info);
out:
	kfree(st);
	nlmsg_free(msg);
	return err;
}

static int sxf_nl_stats_clear(struct sk_buff *skb, struct genl_info *info)
{
	sxf_stats_clear(info_sn(info));
	return 0;
}

/* --- screen counters ------------------------------------------------------------------------- */
static const struct nla_policy sxf_screen_stats_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_SCREEN_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_SCREEN_IFNAME]	= NAME_POLICY,
};

static int screen_stats(struct genl_info *info, u64 *sum)
{
	const struct nlattr *za = info->attrs[SRXFLOW_A_SCREEN_ZONE];
	const struct nlattr *ia = info->attrs[SRXFLOW_A_SCREEN_IFNAME];
	const struct sxf_cfg *cfg;
	int err;

	if (za && ia) {
		NL_SET_ERR_MSG(info->extack, "zone or interface, not both");
		return -EINVAL;
	}
	if (sum && !za && !ia) {
		NL_SET_ERR_MSG(info->extack, "zone or interface needed");
		return -EINVAL;
	}
	rcu_read_lock();
	cfg = rcu_dereference(info_sn(info)->cfg);
	err = sxf_screen_stats_op(cfg, za ? nla_data(za) : NULL, ia ? nla_data(ia) : NULL,
				  sum, info->extack);
	rcu_read_unlock();
	return err;
}

static int sxf_nl_screen_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	u64 sum[__SRXFLOW_SCR_MAX] = {};
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;
	int i, err;

	err = screen_stats(info, sum);
	if (err)
		return err;
	hdr = put_reply(&msg, info, SRXFLOW_CMD_SCREEN_STATS_GET);
	if (!hdr)
		return -ENOMEM;
	nest = nla_nest_start(msg, SRXFLOW_A_SCREEN_STATS);
	if (!nest)
		goto nospace;
	for (i = 1; i < __SRXFLOW_SCR_MAX; i++)
		if (nla_put_u64_64bit(msg, i, sum[i], SRXFLOW_SCR_NONE))
			goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int sxf_nl_screen_stats_clear(struct sk_buff *skb, struct genl_info *info)
{
	return screen_stats(info, NULL);
}

/* --- policy hit counts, match-policies ------------------------------------------------------- */
static int put_hits(struct sk_buff *skb, int type, const struct sxf_policy *p,
		    const struct sxf_pstats *ps)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	u64 hits = 0, pkts = 0, bytes = 0;

	if (!nest)
		return -EMSGSIZE;
	if (ps && p->index < ps->cap) {
		hits = sxf_pstat_hits(ps, p->index);
		pkts = atomic64_read(&ps->v[p->index].pkts);
		bytes = atomic64_read(&ps->v[p->index].bytes);
	}
	if (nla_put_u32(skb, SRXFLOW_A_HITS_INDEX, p->index) ||
	    nla_put_string(skb, SRXFLOW_A_HITS_NAME, p->o.name) ||
	    nla_put_string(skb, SRXFLOW_A_HITS_FROM_ZONE, p->from_name) ||
	    nla_put_string(skb, SRXFLOW_A_HITS_TO_ZONE, p->to_name) ||
	    nla_put_u8(skb, SRXFLOW_A_HITS_ACTION, p->action) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_HITS_COUNT, hits, SRXFLOW_A_HITS_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_HITS_PACKETS, pkts, SRXFLOW_A_HITS_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_HITS_BYTES, bytes, SRXFLOW_A_HITS_PAD) ||
	    nla_put_u32(skb, SRXFLOW_A_HITS_SEQUENCE, p->seq) ||
	    (p->global && nla_put_flag(skb, SRXFLOW_A_HITS_GLOBAL))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int sxf_nl_hits_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;
	struct sxf_net *sn = sxf_pernet(sock_net(cb->skb->sk));
	const struct sxf_cfg *cfg = d->cfg;
	const struct sxf_pstats *ps;
	void *hdr;
	int n = 0;

	if (d->next >= cfg->nr_policies)
		return 0;
	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_POLICY_HITS_GET);
	if (!hdr)
		return -EMSGSIZE;
	rcu_read_lock();
	ps = rcu_dereference(sn->pstats);
	for (; d->next < cfg->nr_policies; d->next++, n++)
		if (put_hits(skb, SRXFLOW_A_POLICY_HITS, cfg->policies[d->next], ps))
			break;
	rcu_read_unlock();
	if (!n) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}

static int sxf_nl_hits_clear(struct sk_buff *skb, struct genl_info *info)
{
	sxf_policy_stats_clear(info_sn(info));
	return 0;
}

static int match_zone(const struct sxf_cfg *cfg, const struct nlattr *a, u16 *id,
		      struct netlink_ext_ack *extack)
{
	const struct sxf_zone *z;
	char name[SRXFLOW_NAME_MAX];

	if (!a) {
		NL_SET_ERR_MSG(extack, "from-zone and to-zone are required");
		return -EINVAL;
	}
	nla_strscpy(name, a, sizeof(name));
	if (!strcmp(name, "junos-host")) {
		*id = SXF_ZONE_HOST;
		return 0;
	}
	z = sxf_cfg_zone_by_name(cfg, name);
	if (!z) {
		NL_SET_ERR_MSG_ATTR(extack, a, "zone is not defined");
		return -ENOENT;
	}
	*id = z->id;
	return 0;
}

static void prefix_to_key(const struct nlattr *a, struct sxf_pkey *k, bool src)
{
	const struct srxflow_prefix *p = nla_data(a);

	k->family = p->family;
	if (p->family == AF_INET) {
		u32 v = get_unaligned_be32(p->addr);

		if (src)
			k->s4 = v;
		else
			k->d4 = v;
	} else {
		struct sxf_a6 v = { get_unaligned_be64(p->addr), get_unaligned_be64(p->addr + 8) };

		if (src)
			k->s6 = v;
		else
			k->d6 = v;
	}
}

static int sxf_nl_match_policies(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[SRXFLOW_A_MATCH_MAX + 1];
	struct sxf_net *sn = info_sn(info);
	const struct sxf_policy **res = NULL;
	const struct sxf_pstats *ps;
	struct sxf_cfg *cfg;
	struct sk_buff *msg = NULL;
	struct sxf_pkey k = { };
	u32 max = 1, n, i;
	void *hdr;
	int err;

	if (!info->attrs[SRXFLOW_A_MATCH]) {
		NL_SET_ERR_MSG(info->extack, "missing match query");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, SRXFLOW_A_MATCH_MAX, info->attrs[SRXFLOW_A_MATCH],
			       sxf_match_policy, info->extack);
	if (err)
		return err;
	if (!tb[SRXFLOW_A_MATCH_SRC] || !tb[SRXFLOW_A_MATCH_DST]) {
		NL_SET_ERR_MSG(info->extack, "source-ip and destination-ip are required");
		return -EINVAL;
	}
	prefix_to_key(tb[SRXFLOW_A_MATCH_SRC], &k, true);
	prefix_to_key(tb[SRXFLOW_A_MATCH_DST], &k, false);
	if (((struct srxflow_prefix *)nla_data(tb[SRXFLOW_A_MATCH_SRC]))->family != k.family) {
		NL_SET_ERR_MSG(info->extack, "source-ip and destination-ip differ in family");
		return -EINVAL;
	}
	if (k.family != AF_INET && k.family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SRXFLOW_A_MATCH_SRC],
				    "source-ip: family is neither IPv4 nor IPv6");
		return -EINVAL;
	}
	if (tb[SRXFLOW_A_MATCH_PROTOCOL])
		k.proto = nla_get_u8(tb[SRXFLOW_A_MATCH_PROTOCOL]);
	if (tb[SRXFLOW_A_MATCH_SPORT])
		k.sport = nla_get_u16(tb[SRXFLOW_A_MATCH_SPORT]);
	if (tb[SRXFLOW_A_MATCH_DPORT])
		k.dport = nla_get_u16(tb[SRXFLOW_A_MATCH_DPORT]);
	if (k.proto == IPPROTO_ICMP || k.proto == IPPROTO_ICMPV6)
		k.icmp_type = k.proto == IPPROTO_ICMP ? 8 : 128;
	if (tb[SRXFLOW_A_MATCH_RESULT_COUNT])
		max = nla_get_u32(tb[SRXFLOW_A_MATCH_RESULT_COUNT]);

	cfg = sxf_cfg_get_rcu(sn);
	if (!cfg)
		return -ENOENT;
	err = match_zone(cfg, tb[SRXFLOW_A_MATCH_FROM_ZONE], &k.from, info->extack);
	if (!err)
		err = match_zone(cfg, tb[SRXFLOW_A_MATCH_TO_ZONE], &k.to, info->extack);
	if (err)
		goto out;
	err = -ENOMEM;
	res = kvmalloc_array(max, sizeof(*res), GFP_KERNEL);
	if (!res)
		goto out;
	n = sxf_policy_match_all(cfg, &k, res, max);
	/*
	 * an entry (put_hits()) with names of 63 characters: ~290 bytes;
	 * sized for the results found, not the most asked for
	 */
	msg = genlmsg_new(GENLMSG_DEFAULT_SIZE + n * 320, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &sxf_genl_family, 0, SRXFLOW_CMD_MATCH_POLICIES);
	err = -EMSGSIZE;
	if (!hdr)
		goto out;
	rcu_read_lock();
	ps = rcu_dereference(sn->pstats);
	for (i = 0; i < n; i++)
		if (put_hits(msg, SRXFLOW_A_MATCH_RESULT, res[i], ps))
			break;
	rcu_read_unlock();
	if (i < n)
		goto out;
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	kvfree(res);
	sxf_cfg_put(cfg);
	return err;
}

/* --- interfaces bound to zones --------------------------------------------------------------- */
static int sxf_nl_iface_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;
	struct net *net = sock_net(cb->skb->sk);
	const struct sxf_cfg *cfg = d->cfg;
	u32 zi = d->next >> 16, ii = d->next & 0xffff;
	void *hdr;
	int n = 0;

	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_IFACE_GET);
	if (!hdr)
		return -EMSGSIZE;
	rcu_read_lock();
	for (; zi < cfg->nr_zones; zi++, ii = 0) {
		const struct sxf_zone *z = cfg->zones[zi];

		for (; ii < z->nr_ifaces; ii++) {
			const struct sxf_zone_if *zif = z->ifaces[ii];
			struct net_device *dev = dev_get_by_name_rcu(net, zif->dev);
			struct net_device *vrf = NULL;
			struct nlattr *nest;
			int v = dev ? sxf_dev_vrf(dev) : 0;

			if (v)
				vrf = dev_get_by_index_rcu(net, v);
			nest = nla_nest_start(skb, SRXFLOW_A_IFACE);
			if (!nest ||
			    nla_put_string(skb, SRXFLOW_A_IFACE_NAME, zif->o.name) ||
			    nla_put_string(skb, SRXFLOW_A_IFACE_ZONE, z->o.name) ||
			    nla_put_u32(skb, SRXFLOW_A_IFACE_IFINDEX, dev ? dev->ifindex : 0) ||
			    nla_put_string(skb, SRXFLOW_A_IFACE_VRF, vrf ? vrf->name : "") ||
			    nla_put_u32(skb, SRXFLOW_A_IFACE_TABLE,
					sxf_vrf_table(net, vrf ? vrf->ifindex : 0))) {
				if (nest)
					nla_nest_cancel(skb, nest);
				goto full;
			}
			nla_nest_end(skb, nest);
			n++;
		}
	}
full:
	rcu_read_unlock();
	d->next = (zi << 16) | ii;
	if (!n) {
		genlmsg_cancel(skb, hdr);
		return zi >= cfg->nr_zones ? 0 : -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}

/* --- traceoptions: show log, clear log, monitor ------------------------------------------- */
/*
 * trace lines and drop records show traffic: CAP_NET_ADMIN over the
 * namespace to listen (GENL_MCAST_CAP_NET_ADMIN is the group flag genl_bind()
 * reads; GENL_UNS_ADMIN_PERM is an operation flag and means nothing here)
 */
static const struct genl_multicast_group sxf_mcgrps[] = {
	[SXF_MCGRP_TRACE] = { .name = SRXFLOW_MCGRP_TRACE, .flags = GENL_MCAST_CAP_NET_ADMIN },
	[SXF_MCGRP_DROP] = { .name = SRXFLOW_MCGRP_DROP, .flags = GENL_MCAST_CAP_NET_ADMIN },
	[SXF_MCGRP_SESSION] = { .name = SRXFLOW_MCGRP_SESSION, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct log_dump {
	struct sxf_tring *ring;
	u64 next, end;
	char text[SXF_TRACE_LINE_MAX];
};

static int sxf_nl_log_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct sxf_net *sn = sxf_pernet(sock_net(cb->skb->sk));
	struct log_dump *d;
	char name[SRXFLOW_NAME_MAX];
	u64 head, first;

	if (!info->attrs[SRXFLOW_A_LOG_FILE]) {
		NL_SET_ERR_MSG(cb->extack, "missing log file name");
		return -EINVAL;
	}
	nla_strscpy(name, info->attrs[SRXFLOW_A_LOG_FILE], sizeof(name));
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->ring = sxf_trace_get(sn, name);
	if (!d->ring) {
		kfree(d);
		NL_SET_ERR_MSG_ATTR(cb->extack, info->attrs[SRXFLOW_A_LOG_FILE],
				    "no such trace file (security flow traceoptions file)");
		return -ENOENT;
	}
	head = atomic64_read(&d->ring->head);
	first = max(READ_ONCE(d->ring->cleared), head > d->ring->cap ? head - d->ring->cap : 0);
	if (info->attrs[SRXFLOW_A_LOG_COUNT]) {
		u32 n = nla_get_u32(info->attrs[SRXFLOW_A_LOG_COUNT]);

		if (head - first > n)
			first = head - n;
	}
	d->next = first;
	d->end = head;
	cb->args[0] = (long)d;
	cb->min_dump_alloc = 60000;
	return 0;
}

static int sxf_nl_log_done(struct netlink_callback *cb)
{
	struct log_dump *d = (struct log_dump *)cb->args[0];

	if (d) {
		sxf_trace_put(d->ring);
		kfree(d);
	}
	return 0;
}

static int put_line(struct sk_buff *skb, u64 seq, u64 time, const char *text, u64 lost)
{
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_LOG_LINE);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, SRXFLOW_A_LINE_SEQ, seq, SRXFLOW_A_LINE_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_LINE_TIME, time, SRXFLOW_A_LINE_PAD) ||
	    nla_put_string(skb, SRXFLOW_A_LINE_TEXT, text) ||
	    (lost && nla_put_u64_64bit(skb, SRXFLOW_A_LINE_LOST, lost, SRXFLOW_A_LINE_PAD))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int sxf_nl_log_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct log_dump *d = (struct log_dump *)cb->args[0];
	void *hdr;
	int n = 0;

	if (d->next >= d->end)
		return 0;
	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_LOG_GET);
	if (!hdr)
		return -EMSGSIZE;
	for (; d->next < d->end; d->next++) {
		u64 time;

		if (!sxf_trace_read(d->ring, d->next, &time, d->text))
			continue;	/* overwritten meanwhile */
		if (put_line(skb, d->next, time, d->text, 0))
			break;
		n++;
	}
	if (!n && d->next < d->end) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}

static int sxf_nl_log_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	char name[SRXFLOW_NAME_MAX];
	struct sxf_tring *r;

	if (!info->attrs[SRXFLOW_A_LOG_FILE]) {
		NL_SET_ERR_MSG(info->extack, "missing log file name");
		return -EINVAL;
	}
	nla_strscpy(name, info->attrs[SRXFLOW_A_LOG_FILE], sizeof(name));
	r = sxf_trace_get(sn, name);
	if (!r) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SRXFLOW_A_LOG_FILE],
				    "no such trace file");
		return -ENOENT;
	}
	sxf_trace_clear(r);
	sxf_trace_put(r);
	return 0;
}

/* --- packet-drop records ------------------------------------------------------------------ */
static int put_drop(struct sk_buff *skb, struct net *net, int type, const struct sxf_droprec *d)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	const struct sxf_cfg *cfg;
	struct net_device *dev;
	int err = -EMSGSIZE;

	if (!nest)
		return -EMSGSIZE;
	rcu_read_lock();
	dev = d->ifindex ? dev_get_by_index_rcu(net, d->ifindex) : NULL;
	cfg = rcu_dereference(sxf_pernet(net)->cfg);
	if (nla_put_u64_64bit(skb, SRXFLOW_A_DROP_TIME, d->time, SRXFLOW_A_DROP_PAD) ||
	    put_prefix(skb, SRXFLOW_A_DROP_SRC, d->t.family, &d->t.src) ||
	    put_prefix(skb, SRXFLOW_A_DROP_DST, d->t.family, &d->t.dst) ||
	    nla_put_u16(skb, SRXFLOW_A_DROP_SPORT, ntohs(d->t.sport)) ||
	    nla_put_u16(skb, SRXFLOW_A_DROP_DPORT, ntohs(d->t.dport)) ||
	    nla_put_u8(skb, SRXFLOW_A_DROP_PROTOCOL, d->t.proto) ||
	    nla_put_u32(skb, SRXFLOW_A_DROP_IPID, d->ipid) ||
	    nla_put_string(skb, SRXFLOW_A_DROP_IFNAME, dev ? sxf_dev_label(cfg, dev) : "") ||
	    nla_put_u32(skb, SRXFLOW_A_DROP_REASON, d->reason) ||
	    nla_put_string(skb, SRXFLOW_A_DROP_TEXT, d->detail))
		goto out;
	err = 0;
out:
	rcu_read_unlock();
	if (err)
		nla_nest_cancel(skb, nest);
	else
		nla_nest_end(skb, nest);
	return err;
}

static int sxf_nl_drop_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);
	struct sxf_net *sn = sxf_pernet(net);
	u64 cleared = READ_ONCE(sn->drops_cleared);
	int cpu = cb->args[0], i = cb->args[1], n = 0;
	struct sxf_droprec rec;
	void *hdr;

	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_DROP_GET);
	if (!hdr)
		return -EMSGSIZE;
	for (; cpu < nr_cpu_ids; cpu++, i = 0) {
		const struct sxf_drop_ring *ring;

		if (!cpu_possible(cpu))
			continue;
		ring = per_cpu_ptr(sn->drops, cpu);
		for (; i < SXF_DROPREC_PER_CPU; i++) {
			if (!sxf_droprec_read(&ring->rec[i], &rec) || rec.time <= cleared)
				continue;
			if (put_drop(skb, net, SRXFLOW_A_DROP_REC, &rec))
				goto full;
			n++;
		}
	}
full:
	cb->args[0] = cpu;
	cb->args[1] = i;
	if (!n) {
		genlmsg_cancel(skb, hdr);
		return cpu >= nr_cpu_ids ? 0 : -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}

static int sxf_nl_drop_clear(struct sk_buff *skb, struct genl_info *info)
{
	sxf_droprec_clear(info_sn(info));
	return 0;
}

/* --- live streams: monitor security flow / packet-drop ------------------------------------ */
#define PUSH_INTERVAL	(HZ / 5)
#define PUSH_MAX_LINES	4096

static void push_trace(struct sxf_net *sn)
{
	struct sxf_trace_state *ts = &sn->trace;
	char *text = kmalloc(SXF_TRACE_LINE_MAX, GFP_KERNEL);
	struct sk_buff *msg = NULL;
	struct sxf_tring *r;
	u64 head, lost = 0;
	void *hdr = NULL;
	int n = 0;

	rcu_read_lock();
	r = rcu_dereference(ts->ring[0]);
	if (r && !refcount_inc_not_zero(&r->ref))
		r = NULL;
	rcu_read_unlock();
	if (!r || !text)
		goto out;
	head = atomic64_read(&r->head);
	if (ts->pushed > head)
		ts->pushed = head;	/* a new file */
	if (head - ts->pushed > r->cap) {
		lost = head - r->cap - ts->pushed;
		ts->pushed = head - r->cap;
	}
	for (; ts->pushed < head && n < PUSH_MAX_LINES; ts->pushed++) {
		u64 time;

		if (!sxf_trace_read(r, ts->pushed, &time, text)) {
			lost++;
			continue;
		}
		if (msg && put_line(msg, ts->pushed, time, text, lost)) {
			genlmsg_end(msg, hdr);
			genlmsg_multicast_netns(&sxf_genl_family, sn->net, msg, 0,
						SXF_MCGRP_TRACE, GFP_KERNEL);
			msg = NULL;
		}
		if (!msg) {
			msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
			if (!msg)
				break;
			hdr = genlmsg_put(msg, 0, 0, &sxf_genl_family, 0, SRXFLOW_CMD_TRACE_EVENT);
			if (!hdr || put_line(msg, ts->pushed, time, text, lost)) {
				nlmsg_free(msg);
				msg = NULL;
				break;
			}
		}
		lost = 0;
		n++;
	}
	if (msg) {
		genlmsg_end(msg, hdr);
		genlmsg_multicast_netns(&sxf_genl_family, sn->net, msg, 0,
					SXF_MCGRP_TRACE, GFP_KERNEL);
	}
out:
	sxf_trace_put(r);
	kfree(text);
}

static void push_drops(struct sxf_net *sn)
{
	struct sxf_trace_state *ts = &sn->trace;
	u64 since = max(ts->drop_pushed, READ_ONCE(sn->drops_cleared)), newest = since;
	struct sk_buff *msg = NULL;
	struct sxf_droprec rec;
	void *hdr = NULL;
	int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct sxf_drop_ring *ring = per_cpu_ptr(sn->drops, cpu);

		for (i = 0; i < SXF_DROPREC_PER_CPU; i++) {
			if (!sxf_droprec_read(&ring->rec[i], &rec) || rec.time <= since)
				continue;
			newest = max(newest, rec.time);
			if (msg && put_drop(msg, sn->net, SRXFLOW_A_DROP_REC, &rec)) {
				genlmsg_end(msg, hdr);
				genlmsg_multicast_netns(&sxf_genl_family, sn->net, msg, 0,
							SXF_MCGRP_DROP, GFP_KERNEL);
				msg = NULL;
			}
			if (!msg) {
				msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
				if (!msg)
					goto out;
				hdr = genlmsg_put(msg, 0, 0, &sxf_genl_family, 0,
						  SRXFLOW_CMD_DROP_EVENT);
				if (!hdr || put_drop(msg, sn->net, SRXFLOW_A_DROP_REC, &rec)) {
					nlmsg_free(msg);
					msg = NULL;
					goto out;
				}
			}
		}
	}
	if (msg) {
		genlmsg_end(msg, hdr);
		genlmsg_multicast_netns(&sxf_genl_family, sn->net, msg, 0,
					SXF_MCGRP_DROP, GFP_KERNEL);
	}
out:
	ts->drop_pushed = newest;
}

/*
 * Streams new trace lines and drop records while someone listens.  Linux
 * 6.1 has no bind hook for generic netlink groups: a producer that writes a
 * line or a record while the stream is idle kicks it (sxf_nl_push_kick());
 * the work then runs every PUSH_INTERVAL until neither group has listeners.
 * A group that gains a listener while the work runs starts from "now".
 */
void sxf_nl_push_work(struct work_struct *work)
{
	struct sxf_net *sn = container_of(to_delayed_work(work), struct sxf_net, trace.push);
	struct sxf_trace_state *ts = &sn->trace;
	bool tl, dl;

	/*
	 * The family may be going (module unload unregisters it before the
	 * namespaces' works are cancelled): sxf_genl_exit() waits for a push
	 * that saw it up, and no push starts once it is down.
	 */
	down_read(&sxf_push_sem);
	tl = READ_ONCE(sxf_genl_up) &&
	     genl_has_listeners(&sxf_genl_family, sn->net, SXF_MCGRP_TRACE);
	dl = READ_ONCE(sxf_genl_up) &&
	     genl_has_listeners(&sxf_genl_family, sn->net, SXF_MCGRP_DROP);
	if (!mcast_allowed(sn->net) || (!tl && !dl)) {
		ts->live[SXF_MCGRP_TRACE] = false;
		ts->live[SXF_MCGRP_DROP] = false;
		/* idle: the next line or record written kicks the work again */
		clear_bit_unlock(0, &ts->streaming);
		up_read(&sxf_push_sem);
		return;
	}
	if (tl && !ts->live[SXF_MCGRP_TRACE]) {
		struct sxf_tring *r;

		rcu_read_lock();
		r = rcu_dereference(ts->ring[0]);
		if (r)
			ts->pushed = atomic64_read(&r->head);
		rcu_read_unlock();
	}
	if (dl && !ts->live[SXF_MCGRP_DROP])
		ts->drop_pushed = ktime_get_real_ns();
	ts->live[SXF_MCGRP_TRACE] = tl;
	ts->live[SXF_MCGRP_DROP] = dl;
	if (tl)
		push_trace(sn);
	if (dl)
		push_drops(sn);
	up_read(&sxf_push_sem);
	queue_delayed_work(sxf_wq, &ts->push, PUSH_INTERVAL);
}

/*
 * A trace line (since: its sequence number) or a drop record (since: its
 * time - 1) was written while the stream is idle: start streaming if
 * someone listens to @group.  Any context; cheap when nobody listens.
 */
void sxf_nl_push_kick(struct sxf_net *sn, int group, u64 since)
{
	struct sxf_trace_state *ts = &sn->trace;

	if (!READ_ONCE(sxf_genl_up) || !mcast_allowed(sn->net) ||
	    !genl_has_listeners(&sxf_genl_family, sn->net, group))
		return;
	if (test_and_set_bit_lock(0, &ts->streaming))
		return;		/* another producer started it */
	/* the work is idle and not queued: its state is ours until we queue it */
	ts->live[SXF_MCGRP_TRACE] = group == SXF_MCGRP_TRACE;
	ts->live[SXF_MCGRP_DROP] = group == SXF_MCGRP_DROP;
	if (group == SXF_MCGRP_TRACE)
		ts->pushed = since;
	else
		ts->drop_pushed = since;
	queue_delayed_work(sxf_wq, &ts->push, PUSH_INTERVAL);
}

/* --- session log: RT_FLOW events -------------------------------------------------------- */
static size_t str_size(const char *str)
{
	return nla_total_size(strlen(str) + 1);
}

/*
 * The exact size of an event's attributes (put_slog()): the listener's
 * socket buffer, which bounds how many events wait for it, is charged per
 * allocation, so no slack.
 */
static size_t slog_size(const struct sxf_slog *ev)
{
	size_t n = nla_total_size(0) +				/* SLOG nest */
		   nla_total_size(1) +				/* type */
		   3 * nla_total_size_64bit(8) +		/* seq, time, session id */
		   2 * nla_total_size(sizeof(struct srxflow_prefix)) +
		   2 * nla_total_size(2) +			/* ports */
		   2 * nla_total_size(1) +			/* protocol, ICMP type */
		   str_size(ev->service) + str_size(ev->policy) + str_size(ev->from) +
		   str_size(ev->to) + str_size(ev->ifname);

	if (ev->reason)
		n += str_size(ev->reason);
	if (ev->type == SRXFLOW_SLOG_CLOSE)
		n += 4 * nla_total_size_64bit(8) + nla_total_size(4);
	if (ev->type == SRXFLOW_SLOG_SCREEN)
		n += 2 * nla_total_size(1);			/* check, action */
	if (ev->pool)
		n += str_size(ev->pool) + 2 * nla_total_size(1); /* threshold, util */
	if (ev->nt)
		n += 2 * nla_total_size(sizeof(struct srxflow_prefix)) + 2 * nla_total_size(2) +
		     (ev->snat_rule ? str_size(ev->snat_type) + str_size(ev->snat_rule) : 0) +
		     (ev->dnat_rule ? str_size(ev->dnat_type) + str_size(ev->dnat_rule) : 0);
	return n;
}

/* Does anyone listen to the session log of this namespace?  Cheap. */
bool sxf_nl_slog_listening(const struct sxf_net *sn)
{
	return READ_ONCE(sxf_genl_up) &&
	       genl_has_listeners(&sxf_genl_family, sn->net, SXF_MCGRP_SESSION) &&
	       mcast_allowed(sn->net);
}

static int put_slog(struct sk_buff *skb, u64 seq, const struct sxf_slog *ev)
{
	const struct sxf_tuple *t = ev->t;
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_SLOG);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, SRXFLOW_A_SLOG_TYPE, ev->type) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_SEQ, seq, SRXFLOW_A_SLOG_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_TIME, ktime_get_real_ns(), SRXFLOW_A_SLOG_PAD) ||
	    nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_SESSION_ID, ev->id, SRXFLOW_A_SLOG_PAD) ||
	    put_prefix(skb, SRXFLOW_A_SLOG_SRC, t->family, &t->src) ||
	    put_prefix(skb, SRXFLOW_A_SLOG_DST, t->family, &t->dst) ||
	    nla_put_u16(skb, SRXFLOW_A_SLOG_SPORT, ntohs(t->sport)) ||
	    nla_put_u16(skb, SRXFLOW_A_SLOG_DPORT, ntohs(t->dport)) ||
	    nla_put_u8(skb, SRXFLOW_A_SLOG_PROTOCOL, t->proto) ||
	    ((t->proto == IPPROTO_ICMP || t->proto == IPPROTO_ICMPV6) &&
	     nla_put_u8(skb, SRXFLOW_A_SLOG_ICMP_TYPE, t->icmp_type)) ||
	    nla_put_string(skb, SRXFLOW_A_SLOG_SERVICE, ev->service) ||
	    nla_put_string(skb, SRXFLOW_A_SLOG_POLICY, ev->policy) ||
	    nla_put_string(skb, SRXFLOW_A_SLOG_FROM_ZONE, ev->from) ||
	    nla_put_string(skb, SRXFLOW_A_SLOG_TO_ZONE, ev->to) ||
	    nla_put_string(skb, SRXFLOW_A_SLOG_IFNAME, ev->ifname) ||
	    (ev->reason && nla_put_string(skb, SRXFLOW_A_SLOG_REASON, ev->reason)))
		goto cancel;
	if (ev->type == SRXFLOW_SLOG_CLOSE &&
	    (nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_PACKETS_C2S, ev->pkts[0], SRXFLOW_A_SLOG_PAD) ||
	     nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_BYTES_C2S, ev->bytes[0], SRXFLOW_A_SLOG_PAD) ||
	     nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_PACKETS_S2C, ev->pkts[1], SRXFLOW_A_SLOG_PAD) ||
	     nla_put_u64_64bit(skb, SRXFLOW_A_SLOG_BYTES_S2C, ev->bytes[1], SRXFLOW_A_SLOG_PAD) ||
	     nla_put_u32(skb, SRXFLOW_A_SLOG_ELAPSED, ev->elapsed)))
		goto cancel;
	if (ev->type == SRXFLOW_SLOG_SCREEN &&
	    (nla_put_u8(skb, SRXFLOW_A_SLOG_SCREEN_CHECK, ev->check) ||
	     nla_put_u8(skb, SRXFLOW_A_SLOG_SCREEN_ACTION, ev->action)))
		goto cancel;
	if (ev->pool &&
	    (nla_put_string(skb, SRXFLOW_A_SLOG_NAT_POOL, ev->pool) ||
	     nla_put_u8(skb, SRXFLOW_A_SLOG_NAT_POOL_THRESHOLD, ev->threshold) ||
	     nla_put_u8(skb, SRXFLOW_A_SLOG_NAT_POOL_UTIL, ev->util)))
		goto cancel;
	/* the tuple as it left: the inverse of the reply wing */
	if (ev->nt &&
	    (put_prefix(skb, SRXFLOW_A_SLOG_NAT_SRC, ev->nt->family, &ev->nt->dst) ||
	     put_prefix(skb, SRXFLOW_A_SLOG_NAT_DST, ev->nt->family, &ev->nt->src) ||
	     nla_put_u16(skb, SRXFLOW_A_SLOG_NAT_SPORT, ntohs(ev->nt->dport)) ||
	     nla_put_u16(skb, SRXFLOW_A_SLOG_NAT_DPORT, ntohs(ev->nt->sport)) ||
	     (ev->snat_rule &&
	      (nla_put_string(skb, SRXFLOW_A_SLOG_SRC_NAT_RULE_TYPE, ev->snat_type) ||
	       nla_put_string(skb, SRXFLOW_A_SLOG_SRC_NAT_RULE, ev->snat_rule))) ||
	     (ev->dnat_rule &&
	      (nla_put_string(skb, SRXFLOW_A_SLOG_DST_NAT_RULE_TYPE, ev->dnat_type) ||
	       nla_put_string(skb, SRXFLOW_A_SLOG_DST_NAT_RULE, ev->dnat_rule)))))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/*
 * Multicast one event, built where it happens (softirq or process context,
 * any lock held: GFP_ATOMIC, never sleeps).  The listener's socket buffer
 * is the queue; an event the kernel cannot build is counted in log_dropped,
 * and every event takes a sequence number so that listeners see a gap for
 * each one lost, here or in their socket.
 */
void sxf_nl_slog(struct sxf_net *sn, const struct sxf_slog *ev)
{
	u64 seq = atomic64_inc_return(&sn->slog_seq);
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(slog_size(ev), GFP_ATOMIC);
	if (!msg)
		goto lost;
	hdr = genlmsg_put(msg, 0, 0, &sxf_genl_family, 0, SRXFLOW_CMD_SESSION_EVENT);
	if (!hdr || put_slog(msg, seq, ev)) {
		nlmsg_free(msg);
		goto lost;
	}
	genlmsg_end(msg, hdr);
	/* -ESRCH: the last listener just left; overruns are the listener's to see */
	genlmsg_multicast_netns(&sxf_genl_family, sn->net, msg, 0, SXF_MCGRP_SESSION,
				GFP_ATOMIC);
	SXF_STAT_INC(sn, log_sent);
	return;
lost:
	SXF_STAT_INC(sn, log_dropped);
}

/* --- the family ---------------------------------------------------------------------------- */
/*
 * Every operation is GENL_UNS_ADMIN_PERM: a reader sees every flow and the
 * whole policy.  Not const: sxf_genl_init() adds GENL_ADMIN_PERM to each
 * with restrict_userns.
 */
static struct genl_ops sxf_genl_ops[] __ro_after_init = {
	{
		.cmd	= SRXFLOW_CMD_GET_STATUS,
		.doit	= sxf_nl_get_status,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_GET,
		.start	= sxf_nl_cfg_get_start,
		.dumpit	= sxf_nl_cfg_get_dump,
		.done	= sxf_nl_cfg_get_done,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_BEGIN,
		.doit	= sxf_nl_cfg_begin,
		.policy	= sxf_txn_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_ADD,
		.doit	= sxf_nl_cfg_add,
		.policy	= sxf_cfg_add_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_COMMIT,
		.doit	= sxf_nl_cfg_commit,
		.policy	= sxf_txn_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_ABORT,
		.doit	= sxf_nl_cfg_abort,
		.policy	= sxf_txn_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_APP_GET,
		.dumpit	= sxf_nl_app_get_dump,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_SESSION_GET,
		.start	= sxf_nl_session_start,
		.dumpit	= sxf_nl_session_dump,
		.done	= sxf_nl_session_done,
		.policy	= sxf_session_req_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_SESSION_SUMMARY,
		.doit	= sxf_nl_session_summary,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_SESSION_CLEAR,
		.doit	= sxf_nl_session_clear,
		.policy	= sxf_session_req_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_STATS_GET,
		.doit	= sxf_nl_stats_get,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_SCREEN_STATS_GET,
		.doit	= sxf_nl_screen_stats_get,
		.policy	= sxf_screen_stats_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_SCREEN_STATS_CLEAR,
		.doit	= sxf_nl_screen_stats_clear,
		.policy	= sxf_screen_stats_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_STATS_CLEAR,
		.doit	= sxf_nl_stats_clear,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_POLICY_HITS_GET,
		.start	= sxf_nl_cfg_get_start,
		.dumpit	= sxf_nl_hits_dump,
		.done	= sxf_nl_cfg_get_done,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_POLICY_HITS_CLEAR,
		.doit	= sxf_nl_hits_clear,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_MATCH_POLICIES,
		.doit	= sxf_nl_match_policies,
		.policy	= sxf_match_req_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_LOG_GET,
		.start	= sxf_nl_log_start,
		.dumpit	= sxf_nl_log_dump,
		.done	= sxf_nl_log_done,
		.policy	= sxf_log_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_LOG_CLEAR,
		.doit	= sxf_nl_log_clear,
		.policy	= sxf_log_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_DROP_GET,
		.dumpit	= sxf_nl_drop_dump,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_DROP_CLEAR,
		.doit	= sxf_nl_drop_clear,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_IFACE_GET,
		.start	= sxf_nl_cfg_get_start,
		.dumpit	= sxf_nl_iface_dump,
		.done	= sxf_nl_cfg_get_done,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_NAT_GET,
		.start	= sxf_nl_nat_start,
		.dumpit	= sxf_nl_nat_dump,
		.done	= sxf_nl_nat_done,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_NAT_CLEAR,
		.doit	= sxf_nl_nat_clear,
		.policy	= sxf_nat_req_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_ALG_GET,
		.doit	= sxf_nl_alg_get,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_ALG_CLEAR,
		.doit	= sxf_nl_alg_clear,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_GATE_GET,
		.dumpit	= sxf_nl_gate_dump,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family sxf_genl_family __ro_after_init = {
	.name		= SRXFLOW_GENL_NAME,
	.version	= SRXFLOW_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= false,
	.module		= THIS_MODULE,
	.ops		= sxf_genl_ops,
	.n_ops		= ARRAY_SIZE(sxf_genl_ops),
	.mcgrps		= sxf_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(sxf_mcgrps),
	/* (resv_start_op 0: every command's header is checked, reserved bits 0) */
};

int __init sxf_genl_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(sxf_genl_ops); i++) {
		WARN_ON(!(sxf_genl_ops[i].flags & GENL_UNS_ADMIN_PERM));
		if (restrict_userns)
			sxf_genl_ops[i].flags |= GENL_ADMIN_PERM;
	}
	err = genl_register_family(&sxf_genl_family);
	if (!err)
		WRITE_ONCE(sxf_genl_up, true);
	return err;
}

void sxf_genl_exit(void)
{
	WRITE_ONCE(sxf_genl_up, false);
	synchronize_rcu();	/* no event sender still uses the family */
	down_write(&sxf_push_sem);	/* nor a push work */
	up_write(&sxf_push_sem);
	genl_unregister_family(&sxf_genl_family);
}
