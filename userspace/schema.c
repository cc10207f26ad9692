// SPDX-License-Identifier: GPL-2.0
/*
 * The Junos configuration schema (see schema.h).  Children are listed in the
 * order Junos displays them; `show configuration` prints in this order.
 * Ranges and defaults follow ../shared/reference/junos-flow.md §3-§4 and
 * are enforced again by the kernel.
 */
#include <stdio.h>
#include <string.h>
#include <linux/srxflow.h>
#include "schema.h"

#define KIDS(...) ((const struct snode *const []){ __VA_ARGS__, NULL })

const char *const svc_names[] = {
	[SRXFLOW_SVC_ALL] = "all",
	[SRXFLOW_SVC_ANY_SERVICE] = "any-service",
	[SRXFLOW_SVC_BOOTP] = "bootp",
	[SRXFLOW_SVC_DHCP] = "dhcp",
	[SRXFLOW_SVC_DHCPV6] = "dhcpv6",
	[SRXFLOW_SVC_DNS] = "dns",
	[SRXFLOW_SVC_FINGER] = "finger",
	[SRXFLOW_SVC_FTP] = "ftp",
	[SRXFLOW_SVC_HTTP] = "http",
	[SRXFLOW_SVC_HTTPS] = "https",
	[SRXFLOW_SVC_IDENT_RESET] = "ident-reset",
	[SRXFLOW_SVC_IKE] = "ike",
	[SRXFLOW_SVC_NETCONF] = "netconf",
	[SRXFLOW_SVC_NTP] = "ntp",
	[SRXFLOW_SVC_PING] = "ping",
	[SRXFLOW_SVC_RLOGIN] = "rlogin",
	[SRXFLOW_SVC_RSH] = "rsh",
	[SRXFLOW_SVC_SNMP] = "snmp",
	[SRXFLOW_SVC_SNMP_TRAP] = "snmp-trap",
	[SRXFLOW_SVC_SSH] = "ssh",
	[SRXFLOW_SVC_TELNET] = "telnet",
	[SRXFLOW_SVC_TFTP] = "tftp",
	[SRXFLOW_SVC_TRACEROUTE] = "traceroute",
	[SRXFLOW_SVC_XNM_CLEAR_TEXT] = "xnm-clear-text",
	[SRXFLOW_SVC_XNM_SSL] = "xnm-ssl",
	[SRXFLOW_SVC_SYSLOG] = "syslog",
	[__SRXFLOW_SVC_MAX] = NULL,
};

const char *const hproto_names[] = {
	[SRXFLOW_HPROTO_ALL] = "all",
	[SRXFLOW_HPROTO_BFD] = "bfd",
	[SRXFLOW_HPROTO_BGP] = "bgp",
	[SRXFLOW_HPROTO_DVMRP] = "dvmrp",
	[SRXFLOW_HPROTO_IGMP] = "igmp",
	[SRXFLOW_HPROTO_LDP] = "ldp",
	[SRXFLOW_HPROTO_MSDP] = "msdp",
	[SRXFLOW_HPROTO_NDP] = "ndp",
	[SRXFLOW_HPROTO_OSPF] = "ospf",
	[SRXFLOW_HPROTO_OSPF3] = "ospf3",
	[SRXFLOW_HPROTO_PIM] = "pim",
	[SRXFLOW_HPROTO_RIP] = "rip",
	[SRXFLOW_HPROTO_RIPNG] = "ripng",
	[SRXFLOW_HPROTO_ROUTER_DISCOVERY] = "router-discovery",
	[SRXFLOW_HPROTO_RSVP] = "rsvp",
	[SRXFLOW_HPROTO_VRRP] = "vrrp",
	[__SRXFLOW_HPROTO_MAX] = NULL,
};

const char *const trace_flag_names[] = {
	[SRXFLOW_TRACE_BASIC_DATAPATH] = "basic-datapath",
	[SRXFLOW_TRACE_SESSION] = "session",
	[SRXFLOW_TRACE_ROUTE] = "route",
	[SRXFLOW_TRACE_TCP_BASIC] = "tcp-basic",
	[SRXFLOW_TRACE_FRAGMENTATION] = "fragmentation",
	[SRXFLOW_TRACE_HOST_TRAFFIC] = "host-traffic",
	[SRXFLOW_TRACE_ALL] = "all",
	[__SRXFLOW_TRACE_MAX] = NULL,
};

const char *const fwd_mode_names[] = {
	[SRXFLOW_FWD_FLOW_BASED] = "flow-based",
	[SRXFLOW_FWD_PACKET_BASED] = "packet-based",
	[SRXFLOW_FWD_DROP] = "drop",
	NULL,
};

static const char *const global_book[] = { "global", NULL };

/* --- host-inbound-traffic (zone and interface level) ------------------- */
static const struct snode n_hi_except = {
	.kw = "except", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_HIE_EXCEPT,
	.help = "Exclude this service/protocol (with 'all')",
};
static const struct snode n_hi_services = {
	.kw = "system-services", .kind = SK_LIST, .flags = SF_BRACED, .vt = VT_ENUM,
	.enums = svc_names, .nlt = NLT_NEST, .attr = SRXFLOW_A_HI_SERVICE,
	.key_attr = SRXFLOW_A_HIE_ID, .key_nlt = NLT_U32,
	.children = KIDS(&n_hi_except),
	.help = "Type of incoming system-service traffic to accept",
};
static const struct snode n_hi_protocols = {
	.kw = "protocols", .kind = SK_LIST, .flags = SF_BRACED, .vt = VT_ENUM,
	.enums = hproto_names, .nlt = NLT_NEST, .attr = SRXFLOW_A_HI_PROTOCOL,
	.key_attr = SRXFLOW_A_HIE_ID, .key_nlt = NLT_U32,
	.children = KIDS(&n_hi_except),
	.help = "Protocol type of incoming traffic to accept",
};
static const struct snode n_zone_hi = {
	.kw = "host-inbound-traffic", .kind = SK_CONTAINER, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_ZONE_HOST_INBOUND,
	.children = KIDS(&n_hi_protocols, &n_hi_services),
	.help = "Allowed system services and protocols to the router",
};
static const struct snode n_zif_hi = {
	.kw = "host-inbound-traffic", .kind = SK_CONTAINER, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_ZIF_HOST_INBOUND,
	.children = KIDS(&n_hi_protocols, &n_hi_services),
	.help = "Allowed system services and protocols (overrides the zone's)",
};

/* --- address books ------------------------------------------------------ */
static const struct snode n_addr_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_ADDR_DESCRIPTION, .help = "Text description",
};
static const struct snode n_addr_prefix = {
	.kw = NULL, .kind = SK_LEAF, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_ADDR_PREFIX, .choice = 1, .jkw = "ip-prefix",
	.help = "IPv4 or IPv6 prefix",
};
static const struct snode n_addr_range_to = {
	.kw = "to", .kind = SK_LEAF, .vt = VT_ADDR, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_ADDR_RANGE_HI, .help = "Last address of the range",
};
static const struct snode n_addr_range = {
	.kw = "range-address", .kind = SK_LIST, .vt = VT_ADDR, .flags = SF_SINGLE,
	.nlt = NLT_NONE, .key_attr = SRXFLOW_A_ADDR_RANGE_LO,
	.key_nlt = NLT_PREFIX, .choice = 1,
	.children = KIDS(&n_addr_range_to),
	.help = "Address range: range-address LOW to HIGH",
};
static const struct snode n_address = {
	.kw = "address", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_ADDRESS, .key_attr = SRXFLOW_A_ADDR_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_addr_prefix, &n_addr_desc, &n_addr_range),
	.help = "Address entry",
};
static const struct snode n_aset_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_ASET_DESCRIPTION, .help = "Text description",
};
static const struct snode n_aset_addr = {
	.kw = "address", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_ASET_ADDRESS, .help = "Address member",
};
static const struct snode n_aset_set = {
	.kw = "address-set", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_ASET_SET, .help = "Nested address-set member",
};
static const struct snode n_address_set = {
	.kw = "address-set", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_ADDRESS_SET, .key_attr = SRXFLOW_A_ASET_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_aset_desc, &n_aset_addr, &n_aset_set),
	.help = "Group of addresses",
};
static const struct snode n_global_book = {
	.kw = "address-book", .kind = SK_LIST, .flags = SF_BRACED, .vt = VT_ENUM, .enums = global_book,
	.nlt = NLT_NONE,
	.children = KIDS(&n_address, &n_address_set),
	.help = "Security address book (only 'global')",
};
static const struct snode n_zone_book = {
	.kw = "address-book", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_address, &n_address_set),
	.help = "Address book of the zone",
};

/* --- zones ------------------------------------------------------------- */
static const struct snode n_zone_iface = {
	.kw = "interfaces", .kind = SK_LIST, .flags = SF_BRACED, .vt = VT_IFNAME, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_ZONE_IFACE, .key_attr = SRXFLOW_A_ZIF_NAME,
	.key_nlt = NLT_STR, .children = KIDS(&n_zif_hi),
	.help = "Interfaces that are part of this zone",
};
static const struct snode n_zone_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_ZONE_DESCRIPTION, .help = "Text description of zone",
};
static const struct snode n_zone_screen = {
	.kw = "screen", .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_ZONE_SCREEN, .help = "Name of ids option object applied to the zone",
};
static const struct snode n_zone_tcp_rst = {
	.kw = "tcp-rst", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_ZONE_TCP_RST,
	.help = "Send RST for NON-SYN packet not matching TCP session",
};
static const struct snode n_zone_rrr = {
	.kw = "enable-reverse-reroute", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_ZONE_REVERSE_REROUTE,
	.help = "Enable reverse route lookup when there is a change in ingress interface",
};
static const struct snode n_security_zone = {
	.kw = "security-zone", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_ZONE, .key_attr = SRXFLOW_A_ZONE_NAME,
	.key_nlt = NLT_STR, .ctx_attr = SRXFLOW_A_ADDR_ZONE,
	.children = KIDS(&n_zone_desc, &n_zone_tcp_rst, &n_zone_book,
			 &n_zone_screen, &n_zone_hi, &n_zone_iface, &n_zone_rrr),
	.help = "Security zone",
};
static const struct snode n_functional_zone = {
	.kw = "functional-zone", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_FUNCTIONAL_ZONE, .key_attr = SRXFLOW_A_ZONE_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_zone_desc, &n_zone_hi, &n_zone_iface),
	.help = "Functional zone (management: host-inbound-traffic only, no transit)",
};
static const struct snode n_zones = {
	.kw = "zones", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_functional_zone, &n_security_zone), .help = "Zone configuration",
};

/* --- policies ------------------------------------------------------------ */
static const struct snode n_pol_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_POL_DESCRIPTION, .help = "Text description of policy",
};
static const struct snode n_pol_src = {
	.kw = "source-address", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_POL_SRC_ADDR,
	.help = "Match source address (any, any-ipv4, any-ipv6 or a name)",
};
static const struct snode n_pol_dst = {
	.kw = "destination-address", .kind = SK_LEAFLIST, .vt = VT_NAME,
	.nlt = NLT_STR, .attr = SRXFLOW_A_POL_DST_ADDR,
	.help = "Match destination address",
};
static const struct snode n_pol_app = {
	.kw = "application", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_POL_APP, .help = "Match application (any or a name)",
};
static const struct snode n_pol_mfrom = {
	.kw = "from-zone", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_POL_MATCH_FROM_ZONE, .help = "Match source zone",
};
static const struct snode n_pol_mto = {
	.kw = "to-zone", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_POL_MATCH_TO_ZONE, .help = "Match destination zone",
};
static const struct snode n_pol_match = {
	.kw = "match", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_pol_src, &n_pol_dst, &n_pol_app),
	.help = "Specify security policy match-criteria",
};
static const struct snode n_gpol_match = {
	.kw = "match", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_pol_src, &n_pol_dst, &n_pol_app, &n_pol_mfrom,
			 &n_pol_mto),
	.help = "Specify security policy match-criteria",
};
static const struct snode n_permit_offload = {
	.kw = "services-offload", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_OFFLOAD_ENABLED, .attr = SRXFLOW_A_POL_SERVICES_OFFLOAD,
	.help = "Enable services offloads",
};
static const struct snode n_permit_no_offload = {
	.kw = "no-services-offload", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_OFFLOAD_DISABLED, .attr = SRXFLOW_A_POL_SERVICES_OFFLOAD,
	.help = "Disable services offloads",
};
/* `permit;` alone, or `permit { services-offload; }` */
static const struct snode n_then_permit = {
	.kw = "permit", .kind = SK_CONTAINER, .flags = SF_PRESENCE, .nlt = NLT_CHOICE,
	.choice = 1, .choice_val = SRXFLOW_ACTION_PERMIT, .attr = SRXFLOW_A_POL_ACTION,
	.children = KIDS(&n_permit_offload, &n_permit_no_offload),
	.help = "Specify permit action",
};
static const struct snode n_then_deny = {
	.kw = "deny", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_ACTION_DENY, .attr = SRXFLOW_A_POL_ACTION,
	.help = "Deny packets",
};
static const struct snode n_then_reject = {
	.kw = "reject", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_ACTION_REJECT, .attr = SRXFLOW_A_POL_ACTION,
	.help = "Reject packets (TCP RST / ICMP unreachable)",
};
static const struct snode n_log_init = {
	.kw = "session-init", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_POL_LOG_INIT, .help = "Log session init time",
};
static const struct snode n_log_close = {
	.kw = "session-close", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_POL_LOG_CLOSE, .help = "Log session close time",
};
static const struct snode n_then_log = {
	.kw = "log", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_log_init, &n_log_close), .help = "Enable log",
};
static const struct snode n_then_count = {
	.kw = "count", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_POL_COUNT, .help = "Enable count",
};
static const struct snode n_pol_then = {
	.kw = "then", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_then_permit, &n_then_deny, &n_then_reject,
			 &n_then_log, &n_then_count),
	.help = "Specify policy action to take when packet match criteria",
};
static const struct snode n_policy = {
	.kw = "policy", .kind = SK_LIST, .vt = VT_NAME,
	.flags = SF_OBJECT | SF_ORDERED, .obj_attr = SRXFLOW_A_CFG_POLICY,
	.key_attr = SRXFLOW_A_POL_NAME, .key_nlt = NLT_STR,
	.children = KIDS(&n_pol_desc, &n_pol_match, &n_pol_then),
	.help = "Define security policy in specified zone-to-zone direction",
};
static const struct snode n_gpolicy = {
	.kw = "policy", .kind = SK_LIST, .vt = VT_NAME,
	.flags = SF_OBJECT | SF_ORDERED, .obj_attr = SRXFLOW_A_CFG_POLICY,
	.key_attr = SRXFLOW_A_POL_NAME, .key_nlt = NLT_STR,
	.children = KIDS(&n_pol_desc, &n_gpol_match, &n_pol_then),
	.help = "Define a global policy",
};
static const struct snode n_to_zone = {
	.kw = "to-zone", .kind = SK_LIST, .vt = VT_NAME, .nlt = NLT_NONE,
	.ctx_attr = SRXFLOW_A_POL_TO_ZONE, .children = KIDS(&n_policy),
	.help = "Destination zone",
};
static const struct snode n_from_zone = {
	.kw = "from-zone", .kind = SK_LIST, .vt = VT_NAME, .nlt = NLT_NONE,
	.ctx_attr = SRXFLOW_A_POL_FROM_ZONE, .children = KIDS(&n_to_zone),
	.help = "Source zone",
};
static const struct snode n_global = {
	.kw = "global", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_gpolicy), .help = "Define a global policy context",
};
static const struct snode n_def_deny = {
	.kw = "deny-all", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_DEFAULT_DENY_ALL, .attr = SRXFLOW_A_POLS_DEFAULT,
	.help = "Deny all traffic if no policy match",
};
static const struct snode n_def_permit = {
	.kw = "permit-all", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_DEFAULT_PERMIT_ALL, .attr = SRXFLOW_A_POLS_DEFAULT,
	.help = "Permit all traffic if no policy match",
};
static const struct snode n_default_policy = {
	.kw = "default-policy", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_def_permit, &n_def_deny),
	.help = "Configure default action when no user-defined policy match",
};
static const struct snode n_rematch = {
	.kw = "policy-rematch", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_POLS_REMATCH,
	.help = "Re-evaluate the policy when changed",
};
static const struct snode n_policies = {
	.kw = "policies", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_POLICIES,
	.children = KIDS(&n_from_zone, &n_global, &n_default_policy, &n_rematch),
	.help = "Configure Network Security Policies",
};

/* --- security flow ------------------------------------------------------ */
#define FLOW_FLAG(var, name, a, h)					\
	static const struct snode var = {				\
		.kw = name, .kind = SK_FLAG, .nlt = NLT_FLAG,		\
		.attr = a, .help = h,					\
	}
#define FLOW_UINT(var, name, a, lo, hi, h)				\
	static const struct snode var = {				\
		.kw = name, .kind = SK_LEAF, .vt = VT_UINT, .min = lo,	\
		.max = hi, .nlt = NLT_U32, .attr = a, .help = h,	\
	}

FLOW_UINT(n_tcp_init_to, "tcp-initial-timeout", SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT,
	  4, 300, "Timeout for TCP session when initialization fails (seconds)");
FLOW_FLAG(n_no_syn, "no-syn-check", SRXFLOW_A_FLOW_NO_SYN_CHECK,
	  "Disable creation-time SYN-flag check");
FLOW_FLAG(n_strict_syn, "strict-syn-check", SRXFLOW_A_FLOW_STRICT_SYN_CHECK,
	  "Enable strict syn check");
FLOW_FLAG(n_no_seq, "no-sequence-check", SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK,
	  "Disable sequence-number checking");
FLOW_FLAG(n_rst_inv, "rst-invalidate-session", SRXFLOW_A_FLOW_RST_INVALIDATE,
	  "Immediately end session on receipt of reset (RST) segment");
FLOW_FLAG(n_fin_inv, "fin-invalidate-session", SRXFLOW_A_FLOW_FIN_INVALIDATE,
	  "Immediately end session on receipt of fin (FIN) segment");
FLOW_UINT(n_tw_timeout, "session-timeout", SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT,
	  2, 600, "Configure session timeout value for time-wait state (seconds)");
static const struct snode n_time_wait = {
	.kw = "time-wait-state", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_FLOW_TIME_WAIT,
	.children = KIDS(&n_tw_timeout), .help = "Session timeout value in time-wait state",
};
static const struct snode n_tcp_session = {
	.kw = "tcp-session", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_rst_inv, &n_fin_inv, &n_no_syn, &n_strict_syn,
			 &n_no_seq, &n_tcp_init_to, &n_time_wait),
	.help = "TCP session configuration",
};
FLOW_UINT(n_early_ageout, "early-ageout", SRXFLOW_A_FLOW_EARLY_AGEOUT,
	  1, 65535, "Delay before device declares session invalid (seconds)");
FLOW_UINT(n_high_wm, "high-watermark", SRXFLOW_A_FLOW_HIGH_WATERMARK,
	  0, 100, "Percent of resource usage to begin aggressive aging");
FLOW_UINT(n_low_wm, "low-watermark", SRXFLOW_A_FLOW_LOW_WATERMARK,
	  0, 100, "Percent of resource usage to end aggressive aging");
static const struct snode n_aging = {
	.kw = "aging", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_early_ageout, &n_high_wm, &n_low_wm),
	.help = "Aging configuration",
};
FLOW_FLAG(n_rr_pkt_mode, "reverse-route-packet-mode-vr",
	  SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE,
	  "Look up the reverse route in the table of the reply's interface");
static const struct snode n_adv_opts = {
	.kw = "advanced-options", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_rr_pkt_mode), .help = "Flow config advanced options",
};
FLOW_UINT(n_route_change_to, "route-change-timeout", SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT,
	  6, 1800, "Timeout value for route change to nonexistent route (seconds)");
FLOW_UINT(n_max_sessions, "max-sessions", SRXFLOW_A_FLOW_MAX_SESSIONS,
	  1, 16777216, "Session table limit (srxflow extension, not Junos)");
static const char *const syn_protect_names[] = {
	[SRXFLOW_SYN_PROTECT_COOKIE] = "syn-cookie",
	[SRXFLOW_SYN_PROTECT_PROXY] = "syn-proxy",
	NULL,
};
static const struct snode n_syn_protect = {
	.kw = "syn-flood-protection-mode", .kind = SK_LEAF, .vt = VT_ENUM,
	.enums = syn_protect_names, .nlt = NLT_U8,
	.attr = SRXFLOW_A_FLOW_SYN_FLOOD_PROTECTION_MODE,
	.help = "TCP SYN flood protection mode (syn-proxy is not supported)",
};

/* traceoptions */
static const struct snode n_tr_filename = {
	.kw = NULL, .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_TRACE_FILE, .jkw = "filename", .help = "Name of file in which to write trace information",
};
static const struct snode n_tr_size = {
	.kw = "size", .kind = SK_LEAF, .vt = VT_SIZE, .min = 10240,
	.max = 1073741824, .nlt = NLT_U32, .attr = SRXFLOW_A_TRACE_FILE_SIZE,
	.help = "Maximum trace file size",
};
static const struct snode n_tr_files = {
	.kw = "files", .kind = SK_LEAF, .vt = VT_UINT, .min = 2, .max = 1000,
	.nlt = NLT_U32, .attr = SRXFLOW_A_TRACE_FILE_FILES,
	.help = "Maximum number of trace files",
};
static const struct snode n_tr_file = {
	.kw = "file", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_tr_filename, &n_tr_size, &n_tr_files),
	.help = "Trace file information",
};
static const struct snode n_tr_flag = {
	.kw = "flag", .kind = SK_LEAFLIST, .vt = VT_ENUM, .enums = trace_flag_names,
	.nlt = NLT_U32, .attr = SRXFLOW_A_TRACE_FLAG, .help = "Tracing parameters",
};
static const struct snode n_tr_rate = {
	.kw = "rate-limit", .kind = SK_LEAF, .vt = VT_UINT, .min = 0,
	.max = 4294967295U, .nlt = NLT_U32, .attr = SRXFLOW_A_TRACE_RATE_LIMIT,
	.help = "Limit the incoming rate of trace messages (0 = unlimited)",
};
static const struct snode n_tr_dbg_size = {
	.kw = "size", .kind = SK_LEAF, .vt = VT_UINT, .min = 1024, .max = 40000,
	.nlt = NLT_U32, .attr = SRXFLOW_A_TRACE_DEBUG_BUF,
	.help = "Size of the local debug buffer (lines)",
};
static const struct snode n_tr_dbg = {
	.kw = "local-debug-buf", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_tr_dbg_size), .help = "Local debug buffer",
};
static const struct snode n_tf_src = {
	.kw = "source-prefix", .kind = SK_LEAF, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_TFLT_SRC_PREFIX, .help = "Source IP address prefix",
};
static const struct snode n_tf_dst = {
	.kw = "destination-prefix", .kind = SK_LEAF, .vt = VT_PREFIX,
	.nlt = NLT_PREFIX, .attr = SRXFLOW_A_TFLT_DST_PREFIX,
	.help = "Destination IP address prefix",
};
static const struct snode n_tf_proto = {
	.kw = "protocol", .kind = SK_LEAF, .vt = VT_PROTO, .nlt = NLT_U8,
	.attr = SRXFLOW_A_TFLT_PROTOCOL, .help = "Match IP protocol type",
};
static const struct snode n_tf_sport = {
	.kw = "source-port", .kind = SK_LEAF, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_TFLT_SPORT, .help = "Match TCP/UDP source port",
};
static const struct snode n_tf_dport = {
	.kw = "destination-port", .kind = SK_LEAF, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_TFLT_DPORT, .help = "Match TCP/UDP destination port",
};
static const struct snode n_tf_iface = {
	.kw = "interface", .kind = SK_LEAF, .vt = VT_IFNAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_TFLT_IFACE, .help = "Source logical interface",
};
static const struct snode n_tr_filter = {
	.kw = "packet-filter", .kind = SK_LIST, .vt = VT_NAME, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_TRACE_FILTER, .key_attr = SRXFLOW_A_TFLT_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_tf_proto, &n_tf_src, &n_tf_dst, &n_tf_sport,
			 &n_tf_dport, &n_tf_iface),
	.help = "Flow packet debugging filters",
};
static const struct snode n_traceoptions = {
	.kw = "traceoptions", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_TRACE,
	.children = KIDS(&n_tr_file, &n_tr_flag, &n_tr_rate, &n_tr_filter,
			 &n_tr_dbg),
	.help = "Trace options for flow services",
};
static const struct snode n_flow = {
	.kw = "flow", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_FLOW,
	.children = KIDS(&n_traceoptions, &n_route_change_to, &n_aging,
			 &n_tcp_session, &n_adv_opts, &n_max_sessions, &n_syn_protect),
	.help = "FLOW configuration",
};

/* forwarding-options family inet|inet6 mode ... */
static const struct snode n_inet_mode = {
	.kw = "mode", .kind = SK_LEAF, .vt = VT_ENUM, .enums = fwd_mode_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_FWD_INET_MODE,
	.help = "Forwarding mode for IPv4",
};
static const struct snode n_inet6_mode = {
	.kw = "mode", .kind = SK_LEAF, .vt = VT_ENUM, .enums = fwd_mode_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_FWD_INET6_MODE,
	.help = "Forwarding mode for IPv6",
};
static const struct snode n_fam_inet = {
	.kw = "inet", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_inet_mode), .help = "IPv4 parameters",
};
static const struct snode n_fam_inet6 = {
	.kw = "inet6", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_inet6_mode), .help = "IPv6 parameters",
};
static const struct snode n_family = {
	.kw = "family", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_fam_inet, &n_fam_inet6), .help = "Protocol family",
};
static const struct snode n_fwd_opts = {
	.kw = "forwarding-options", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_FWD, .children = KIDS(&n_family),
	.help = "Security-forwarding options",
};

/* log: where srxflow-logd writes the session log (RT_FLOW) */
static const char *const log_mode_names[] = {
	[SRXFLOW_LOG_MODE_EVENT] = "event",
	[SRXFLOW_LOG_MODE_STREAM] = "stream",
	[SRXFLOW_LOG_MODE_STREAM_EVENT] = "stream-event",
	NULL,
};
static const char *const log_format_names[] = {
	[SRXFLOW_LOG_FORMAT_SYSLOG] = "syslog",
	[SRXFLOW_LOG_FORMAT_SD_SYSLOG] = "sd-syslog",
	NULL,
};
static const char *const log_category_names[] = {
	[SRXFLOW_LOG_CAT_ALL] = "all",
	[SRXFLOW_LOG_CAT_FLOW] = "flow",
	[SRXFLOW_LOG_CAT_SESSION] = "session",
	[SRXFLOW_LOG_CAT_SCREEN] = "screen",
	[SRXFLOW_LOG_CAT_NAT] = "nat",
	NULL,
};
static const char *const log_transport_names[] = {
	[SRXFLOW_LOG_TRANSPORT_UDP] = "udp",
	[SRXFLOW_LOG_TRANSPORT_TCP] = "tcp",
	NULL,
};
static const struct snode n_log_mode = {
	.kw = "mode", .kind = SK_LEAF, .vt = VT_ENUM, .enums = log_mode_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_SECLOG_MODE,
	.help = "Controls how security logs are processed and exported",
};
static const struct snode n_log_format = {
	.kw = "format", .kind = SK_LEAF, .vt = VT_ENUM, .enums = log_format_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_SECLOG_FORMAT,
	.help = "Set security log format for event mode",
};
static const struct snode n_log_src = {
	.kw = "source-address", .kind = SK_LEAF, .vt = VT_ADDR, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_SECLOG_SOURCE_ADDRESS,
	.help = "Source ip address used when exporting security logs",
};
static const struct snode n_ls_addr = {
	.kw = NULL, .kind = SK_LEAF, .vt = VT_ADDR, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_LSTREAM_HOST, .jkw = "ipaddr", .help = "IP address",
};
static const struct snode n_ls_port = {
	.kw = "port", .kind = SK_LEAF, .vt = VT_UINT, .min = 1, .max = 65535,
	.nlt = NLT_U32, .attr = SRXFLOW_A_LSTREAM_PORT, .help = "Host port number (default 514)",
};
static const struct snode n_ls_host = {
	.kw = "host", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_ls_addr, &n_ls_port), .help = "Destination to send security logs to",
};
static const struct snode n_ls_format = {
	.kw = "format", .kind = SK_LEAF, .vt = VT_ENUM, .enums = log_format_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_LSTREAM_FORMAT, .help = "Specify the log stream format",
};
static const struct snode n_ls_category = {
	.kw = "category", .kind = SK_LEAF, .vt = VT_ENUM, .enums = log_category_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_LSTREAM_CATEGORY,
	.help = "Selects the type of events that may be logged",
};
static const struct snode n_ls_proto = {
	.kw = "protocol", .kind = SK_LEAF, .vt = VT_ENUM, .enums = log_transport_names,
	.nlt = NLT_U8, .attr = SRXFLOW_A_LSTREAM_TRANSPORT,
	.help = "Set security log transport protocol for the device (default udp)",
};
static const struct snode n_ls_transport = {
	.kw = "transport", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_ls_proto), .help = "Set security log transport settings",
};
static const struct snode n_log_stream = {
	.kw = "stream", .kind = SK_LIST, .vt = VT_NAME, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_SECLOG_STREAM, .key_attr = SRXFLOW_A_LSTREAM_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_ls_format, &n_ls_category, &n_ls_host, &n_ls_transport),
	.help = "Security log stream settings",
};
static const struct snode n_log = {
	.kw = "log", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_LOG,
	.children = KIDS(&n_log_mode, &n_log_format, &n_log_src, &n_log_stream),
	.help = "Configure security log (session log for srxflow-logd)",
};

/* --- screen ids-option NAME (reference junos-nat-screens-alg.md §4) ---- */
#define SCR_FLAG(var, name, a, h)					\
	static const struct snode var = {				\
		.kw = name, .kind = SK_FLAG, .nlt = NLT_FLAG,		\
		.attr = a, .help = h,					\
	}

static const struct snode n_scr_icmp_flood_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD,
	.help = "Threshold (ICMP packets per second to one destination, default 1000)",
};
static const struct snode n_scr_icmp_flood = {
	.kw = "flood", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_ICMP_FLOOD, .children = KIDS(&n_scr_icmp_flood_thr),
	.help = "ICMP flood attack",
};
static const struct snode n_scr_icmp_sweep_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1000,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD,
	.help = "Threshold (microseconds in which 10 ICMP probes count as a sweep, default 5000)",
};
static const struct snode n_scr_icmp_sweep = {
	.kw = "ip-sweep", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_ICMP_SWEEP, .children = KIDS(&n_scr_icmp_sweep_thr),
	.help = "ICMP address sweep",
};
SCR_FLAG(n_scr_icmp_frag, "fragment", SRXFLOW_A_SCREEN_ICMP_FRAGMENT, "ICMP fragment");
SCR_FLAG(n_scr_icmp_large, "large", SRXFLOW_A_SCREEN_ICMP_LARGE, "Large ICMP packet (size > 1024)");
SCR_FLAG(n_scr_ping_death, "ping-death", SRXFLOW_A_SCREEN_ICMP_PING_DEATH, "Ping of death attack");
static const struct snode n_scr_icmp = {
	.kw = "icmp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_scr_icmp_sweep, &n_scr_icmp_frag, &n_scr_icmp_large,
			 &n_scr_icmp_flood, &n_scr_ping_death),
	.help = "Configure ICMP ids options",
};
SCR_FLAG(n_scr_rr, "record-route-option", SRXFLOW_A_SCREEN_IP_RECORD_ROUTE, "IP record route option");
SCR_FLAG(n_scr_ts, "timestamp-option", SRXFLOW_A_SCREEN_IP_TIMESTAMP, "IP timestamp option");
SCR_FLAG(n_scr_sec, "security-option", SRXFLOW_A_SCREEN_IP_SECURITY, "IP security option");
SCR_FLAG(n_scr_stream, "stream-option", SRXFLOW_A_SCREEN_IP_STREAM, "IP stream option");
SCR_FLAG(n_scr_spoof, "spoofing", SRXFLOW_A_SCREEN_IP_SPOOFING, "IP address spoofing");
SCR_FLAG(n_scr_srcroute, "source-route-option", SRXFLOW_A_SCREEN_IP_SOURCE_ROUTE, "IP source route option");
SCR_FLAG(n_scr_lsrr, "loose-source-route-option", SRXFLOW_A_SCREEN_IP_LOOSE_SRC_ROUTE, "IP loose source route option");
SCR_FLAG(n_scr_ssrr, "strict-source-route-option", SRXFLOW_A_SCREEN_IP_STRICT_SRC_ROUTE, "IP strict source route option");
SCR_FLAG(n_scr_unkproto, "unknown-protocol", SRXFLOW_A_SCREEN_IP_UNKNOWN_PROTOCOL, "Unknown protocol (137 and above)");
SCR_FLAG(n_scr_badopt, "bad-option", SRXFLOW_A_SCREEN_IP_BAD_OPTION, "IP with bad option");
SCR_FLAG(n_scr_teardrop, "tear-drop", SRXFLOW_A_SCREEN_IP_TEAR_DROP, "Tear drop attack");
SCR_FLAG(n_scr_blockfrag, "block-frag", SRXFLOW_A_SCREEN_IP_BLOCK_FRAG, "Large fragment (any fragmented datagram)");
static const struct snode n_scr_ip = {
	.kw = "ip", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_scr_badopt, &n_scr_rr, &n_scr_ts, &n_scr_sec, &n_scr_stream,
			 &n_scr_spoof, &n_scr_srcroute, &n_scr_lsrr, &n_scr_ssrr,
			 &n_scr_unkproto, &n_scr_blockfrag, &n_scr_teardrop),
	.help = "Configure IP layer ids options",
};
static const struct snode n_syn_alarm = {
	.kw = "alarm-threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 500000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_ALARM,
	.help = "Alarm threshold (requests per second, default 512)",
};
static const struct snode n_syn_attack = {
	.kw = "attack-threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 500000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_ATTACK,
	.help = "Attack threshold (SYNs per second to one destination and port, default 200)",
};
static const struct snode n_syn_source = {
	.kw = "source-threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 4,
	.max = 500000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_SOURCE,
	.help = "Source threshold (SYNs per second from one source, default 4000)",
};
static const struct snode n_syn_dest = {
	.kw = "destination-threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 4,
	.max = 500000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_DEST,
	.help = "Destination threshold (SYNs per second to one destination, default 4000)",
};
static const struct snode n_syn_timeout = {
	.kw = "timeout", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 50, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_TIMEOUT,
	.help = "SYN flood ager timeout (seconds, default 20)",
};
static const struct snode n_syn_queue = {
	.kw = "queue-size", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE,
	.flags = SF_DEPRECATED,
	.help = "Queue size (deprecated in Junos: ignored with a warning)",
};
static const struct snode n_syn_wl_src = {
	.kw = "source-address", .kind = SK_LEAFLIST, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_SCRWL_SRC, .help = "Source address (up to 32)",
};
static const struct snode n_syn_wl_dst = {
	.kw = "destination-address", .kind = SK_LEAFLIST, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_SCRWL_DST, .help = "Destination address (up to 32)",
};
static const struct snode n_syn_wl = {
	.kw = "white-list", .kind = SK_LIST, .vt = VT_NAME, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_SCREEN_SYN_WHITE_LIST, .key_attr = SRXFLOW_A_SCRWL_NAME,
	.key_nlt = NLT_STR, .children = KIDS(&n_syn_wl_src, &n_syn_wl_dst),
	.help = "Set of IP addresses exempt from SYN flood protection (up to 2)",
};
static const struct snode n_scr_syn_flood = {
	.kw = "syn-flood", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_SYN_FLOOD,
	.children = KIDS(&n_syn_alarm, &n_syn_attack, &n_syn_source, &n_syn_dest,
			 &n_syn_queue, &n_syn_timeout, &n_syn_wl),
	.help = "SYN flood attack",
};
static const struct snode n_scr_synackack_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 250000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD,
	.help = "Threshold (un-authenticated connections per source, default 512)",
};
static const struct snode n_scr_synackack = {
	.kw = "syn-ack-ack-proxy", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_SYN_ACK_ACK, .children = KIDS(&n_scr_synackack_thr),
	.help = "Syn-ack-ack proxy attack",
};
static const struct snode n_scr_tcp_scan_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1000,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD,
	.help = "Threshold (microseconds in which 10 ports probed count as a scan, default 5000)",
};
static const struct snode n_scr_tcp_scan = {
	.kw = "port-scan", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_TCP_PORT_SCAN, .children = KIDS(&n_scr_tcp_scan_thr),
	.help = "TCP port scan",
};
static const struct snode n_scr_tcp_sweep_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1000,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD,
	.help = "Threshold (microseconds in which 10 hosts probed count as a sweep, default 5000)",
};
static const struct snode n_scr_tcp_sweep = {
	.kw = "tcp-sweep", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_TCP_SWEEP, .children = KIDS(&n_scr_tcp_sweep_thr),
	.help = "TCP address sweep",
};
SCR_FLAG(n_scr_land, "land", SRXFLOW_A_SCREEN_LAND, "Land attack");
SCR_FLAG(n_scr_winnuke, "winnuke", SRXFLOW_A_SCREEN_WINNUKE, "Winnuke attack");
SCR_FLAG(n_scr_synfin, "syn-fin", SRXFLOW_A_SCREEN_SYN_FIN, "SYN FIN attack");
SCR_FLAG(n_scr_finnoack, "fin-no-ack", SRXFLOW_A_SCREEN_FIN_NO_ACK, "Fin bit with no ACK bit");
SCR_FLAG(n_scr_noflag, "tcp-no-flag", SRXFLOW_A_SCREEN_TCP_NO_FLAG, "TCP packet without flag");
SCR_FLAG(n_scr_synfrag, "syn-frag", SRXFLOW_A_SCREEN_SYN_FRAG, "SYN fragment");
static const struct snode n_scr_tcp = {
	.kw = "tcp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_scr_synfin, &n_scr_finnoack, &n_scr_noflag, &n_scr_synfrag,
			 &n_scr_tcp_scan, &n_scr_tcp_sweep, &n_scr_synackack,
			 &n_scr_syn_flood, &n_scr_land, &n_scr_winnuke),
	.help = "Configure TCP Layer ids options",
};
static const struct snode n_scr_udp_flood_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD,
	.help = "Threshold (UDP packets per second to one destination, default 1000)",
};
static const struct snode n_scr_udp_flood = {
	.kw = "flood", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_UDP_FLOOD, .children = KIDS(&n_scr_udp_flood_thr),
	.help = "UDP flood attack",
};
static const struct snode n_scr_udp_sweep_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1000,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD,
	.help = "Threshold (microseconds in which 10 hosts probed count as a sweep, default 5000)",
};
static const struct snode n_scr_udp_sweep = {
	.kw = "udp-sweep", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_UDP_SWEEP, .children = KIDS(&n_scr_udp_sweep_thr),
	.help = "UDP address sweep",
};
static const struct snode n_scr_udp_scan_thr = {
	.kw = "threshold", .kind = SK_LEAF, .vt = VT_UINT, .min = 1000,
	.max = 1000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD,
	.help = "Threshold (microseconds in which 10 ports probed count as a scan, default 5000)",
};
static const struct snode n_scr_udp_scan = {
	.kw = "port-scan", .kind = SK_CONTAINER, .flags = SF_PRESENCE,
	.nlt = NLT_FLAG, .attr = SRXFLOW_A_SCREEN_UDP_PORT_SCAN, .children = KIDS(&n_scr_udp_scan_thr),
	.help = "UDP port scan",
};
static const struct snode n_scr_udp = {
	.kw = "udp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_scr_udp_flood, &n_scr_udp_sweep, &n_scr_udp_scan),
	.help = "Configure UDP layer ids options",
};
static const struct snode n_lim_src = {
	.kw = "source-ip-based", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 8000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_LIMIT_SRC,
	.help = "Limit sessions from the same source IP",
};
static const struct snode n_lim_dst = {
	.kw = "destination-ip-based", .kind = SK_LEAF, .vt = VT_UINT, .min = 1,
	.max = 8000000, .nlt = NLT_U32, .attr = SRXFLOW_A_SCREEN_LIMIT_DST,
	.help = "Limit sessions to the same destination IP",
};
static const struct snode n_scr_limit = {
	.kw = "limit-session", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_lim_src, &n_lim_dst),
	.help = "Limit sessions",
};
SCR_FLAG(n_scr_awd, "alarm-without-drop", SRXFLOW_A_SCREEN_ALARM_WITHOUT_DROP,
	 "Do not drop packet, only generate alarm");
static const struct snode n_scr_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_SCREEN_DESCRIPTION, .help = "Text description of screen",
};
static const struct snode n_ids_option = {
	.kw = "ids-option", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_SCREEN, .key_attr = SRXFLOW_A_SCREEN_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_scr_desc, &n_scr_awd, &n_scr_icmp, &n_scr_ip, &n_scr_tcp,
			 &n_scr_udp, &n_scr_limit),
	.help = "Configure ids-option",
};
static const struct snode n_screen = {
	.kw = "screen", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_ids_option), .help = "Configure screen",
};
/* --- NAT ----------------------------------------------------------------- */
static const struct snode n_npool_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NPOOL_DESCRIPTION, .help = "Text description of pool",
};
static const struct snode n_naddr_to = {
	.kw = "to", .kind = SK_LEAF, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_NADDR_HI, .help = "Upper limit of address range",
};
static const struct snode n_naddr_port = {
	.kw = "port", .kind = SK_LEAF, .vt = VT_UINT, .min = 1, .max = 65535,
	.nlt = NLT_U32, .attr = SRXFLOW_A_NADDR_PORT, .help = "Specify the port value",
};
static const struct snode n_snaddr = {
	.kw = "address", .kind = SK_LIST, .vt = VT_PREFIX, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_NPOOL_ADDRESS, .key_attr = SRXFLOW_A_NADDR_LO, .key_nlt = NLT_PREFIX,
	.children = KIDS(&n_naddr_to),
	.help = "Add address or address range to pool (A[/len] [to B], up to 64)",
};
static const struct snode n_dnaddr = {
	.kw = "address", .kind = SK_LIST, .vt = VT_PREFIX, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_NPOOL_ADDRESS, .key_attr = SRXFLOW_A_NADDR_LO, .key_nlt = NLT_PREFIX,
	.children = KIDS(&n_naddr_to, &n_naddr_port),
	.help = "Add address or address range to pool (A[/len] [port N] | A to B)",
};
static const struct snode n_nport_to = {
	.kw = "to", .kind = SK_LEAF, .vt = VT_UINT, .min = 1024, .max = 65535,
	.nlt = NLT_U32, .attr = SRXFLOW_A_NPOOL_PORT_HI, .help = "Port range upper limit",
};
static const struct snode n_nport_range = {
	.kw = "range", .kind = SK_LIST, .vt = VT_UINT, .min = 1024, .max = 65535,
	.flags = SF_SINGLE, .nlt = NLT_NONE, .key_attr = SRXFLOW_A_NPOOL_PORT_LO,
	.key_nlt = NLT_U32, .children = KIDS(&n_nport_to),
	.help = "Port range (LOW [to HIGH], 1024..65535)",
};
static const struct snode n_nport_notr = {
	.kw = "no-translation", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_NPOOL_NO_TRANSLATION, .help = "Do not perform port translation",
};
static const struct snode n_nport = {
	.kw = "port", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_nport_notr, &n_nport_range),
	.help = "Config port attribute to pool",
};
static const struct snode n_novf = {
	.kw = "overflow-pool", .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NPOOL_OVERFLOW_POOL,
	.help = "Pool (or interface) used when this pool's addresses and ports are exhausted",
};
/* pool-utilization-alarm: of one pool, or of all (security nat source) */
#define NALARM(var, raise_a, clear_a) \
static const struct snode var##_raise = { \
	.kw = "raise-threshold", .kind = SK_LEAF, .vt = VT_UINT, \
	.min = SRXFLOW_NAT_ALARM_RAISE_MIN, .max = SRXFLOW_NAT_ALARM_MAX, .nlt = NLT_U32, \
	.attr = raise_a, .help = "Pool utilization raise threshold (50..100 percent)", \
}; \
static const struct snode var##_clear = { \
	.kw = "clear-threshold", .kind = SK_LEAF, .vt = VT_UINT, \
	.min = SRXFLOW_NAT_ALARM_CLEAR_MIN, .max = SRXFLOW_NAT_ALARM_MAX, .nlt = NLT_U32, \
	.attr = clear_a, \
	.help = "Pool utilization clear threshold (40..100 percent, default 80% of raise)", \
}; \
static const struct snode var = { \
	.kw = "pool-utilization-alarm", .kind = SK_CONTAINER, .nlt = NLT_NONE, \
	.children = KIDS(&var##_raise, &var##_clear), \
	.help = "Configure pool utilization alarm", \
}
NALARM(n_npool_alarm, SRXFLOW_A_NPOOL_ALARM_RAISE, SRXFLOW_A_NPOOL_ALARM_CLEAR);
NALARM(n_nsrc_alarm, SRXFLOW_A_NSRC_ALARM_RAISE, SRXFLOW_A_NSRC_ALARM_CLEAR);
static const struct snode n_npool_ri = {
	.kw = "routing-instance", .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NPOOL_ROUTING_INSTANCE,
	.help = "Routing instance of the pool's addresses (a VRF device; default: main table)",
};
static const struct snode n_spool = {
	.kw = "pool", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_NAT_SOURCE_POOL, .key_attr = SRXFLOW_A_NPOOL_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_npool_desc, &n_snaddr, &n_nport, &n_novf, &n_npool_alarm,
			 &n_npool_ri),
	.help = "Define a source address pool",
};
static const struct snode n_dpool = {
	.kw = "pool", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_NAT_DEST_POOL, .key_attr = SRXFLOW_A_NPOOL_NAME,
	.key_nlt = NLT_STR, .children = KIDS(&n_npool_desc, &n_dnaddr, &n_npool_ri),
	.help = "Define a destination address pool",
};
static const struct snode n_nrs_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NRS_DESCRIPTION, .help = "Text description of rule set",
};
#define NCTX(var, kwd, a, hlp) static const struct snode var = { \
	.kw = kwd, .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR, .attr = a, .help = hlp }
NCTX(n_nfrom_zone, "zone", SRXFLOW_A_NRS_FROM_ZONE, "Source zone list");
NCTX(n_nfrom_if, "interface", SRXFLOW_A_NRS_FROM_IF, "Source interface list");
NCTX(n_nfrom_ri, "routing-instance", SRXFLOW_A_NRS_FROM_RI, "Source routing instance list");
NCTX(n_nto_zone, "zone", SRXFLOW_A_NRS_TO_ZONE, "Destination zone list");
NCTX(n_nto_if, "interface", SRXFLOW_A_NRS_TO_IF, "Destination interface list");
NCTX(n_nto_ri, "routing-instance", SRXFLOW_A_NRS_TO_RI, "Destination routing instance list");
static const struct snode n_nrs_from = {
	.kw = "from", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_nfrom_if, &n_nfrom_ri, &n_nfrom_zone),
	.help = "Where is the traffic from",
};
static const struct snode n_nrs_to = {
	.kw = "to", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_nto_if, &n_nto_ri, &n_nto_zone),
	.help = "Where is the traffic to",
};
static const struct snode n_nr_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NRULE_DESCRIPTION, .help = "Text description of rule",
};
static const struct snode n_nm_src = {
	.kw = "source-address", .kind = SK_LEAFLIST, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_NRULE_SRC_ADDR, .help = "Source address",
};
static const struct snode n_nm_srcn = {
	.kw = "source-address-name", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NRULE_SRC_NAME, .help = "Address/address-set from address book",
};
static const struct snode n_nm_dst = {
	.kw = "destination-address", .kind = SK_LEAFLIST, .vt = VT_PREFIX, .nlt = NLT_PREFIX,
	.attr = SRXFLOW_A_NRULE_DST_ADDR, .help = "Destination address",
};
static const struct snode n_nm_dstn = {
	.kw = "destination-address-name", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NRULE_DST_NAME, .help = "Address/address-set from address book",
};
static const struct snode n_nm_sport = {
	.kw = "source-port", .kind = SK_LEAFLIST, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_NRULE_SPORT, .help = "Source port (N or N-M)",
};
static const struct snode n_nm_dport = {
	.kw = "destination-port", .kind = SK_LEAFLIST, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_NRULE_DPORT, .help = "Destination port (N or N-M)",
};
static const struct snode n_nm_proto = {
	.kw = "protocol", .kind = SK_LEAFLIST, .vt = VT_PROTO, .nlt = NLT_U8,
	.attr = SRXFLOW_A_NRULE_PROTOCOL, .help = "IP Protocol",
};
static const struct snode n_nr_match = {
	.kw = "match", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_nm_src, &n_nm_srcn, &n_nm_dst, &n_nm_dstn, &n_nm_sport,
			 &n_nm_dport, &n_nm_proto),
	.help = "Specify NAT rule match criteria",
};
static const struct snode n_npool_name = {
	.kw = NULL, .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_NRULE_POOL, .jkw = "pool-name", .help = "Name of pool",
};
static const struct snode n_nt_pool = {
	.kw = "pool", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_npool_name), .help = "Use address pool",
};
static const struct snode n_snat_off = {
	.kw = "off", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_NAT_ACT_OFF, .attr = SRXFLOW_A_NRULE_SNAT,
	.help = "No action",
};
static const struct snode n_snat_if = {
	.kw = "interface", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_NAT_ACT_INTERFACE, .attr = SRXFLOW_A_NRULE_SNAT,
	.help = "Use egress interface address",
};
static const struct snode n_dnat_off = {
	.kw = "off", .kind = SK_FLAG, .nlt = NLT_CHOICE, .choice = 1,
	.choice_val = SRXFLOW_NAT_ACT_OFF, .attr = SRXFLOW_A_NRULE_DNAT,
	.help = "No action",
};
static const struct snode n_then_snat = {
	.kw = "source-nat", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_snat_off, &n_snat_if, &n_nt_pool), .help = "Source NAT action",
};
static const struct snode n_then_dnat = {
	.kw = "destination-nat", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_dnat_off, &n_nt_pool), .help = "Destination NAT action",
};
static const struct snode n_static_mport = {
	.kw = "mapped-port", .kind = SK_LEAF, .vt = VT_UINT, .min = 1, .max = 65535,
	.nlt = NLT_U32, .attr = SRXFLOW_A_NRULE_MAPPED_PORT, .help = "Mapped port",
};
static const struct snode n_static_prefix = {
	.kw = "prefix", .kind = SK_LIST, .vt = VT_PREFIX, .flags = SF_SINGLE, .nlt = NLT_NONE,
	.key_attr = SRXFLOW_A_NRULE_PREFIX, .key_nlt = NLT_PREFIX,
	.children = KIDS(&n_static_mport), .help = "Static NAT prefix",
};
static const struct snode n_then_static = {
	.kw = "static-nat", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_static_prefix), .help = "Static NAT action",
};
#define NTHEN(var, act) static const struct snode var = { \
	.kw = "then", .kind = SK_CONTAINER, .nlt = NLT_NONE, .children = KIDS(act), \
	.help = "Then action" }
NTHEN(n_snr_then, &n_then_snat);
NTHEN(n_dnr_then, &n_then_dnat);
NTHEN(n_stnr_then, &n_then_static);
#define NRULE(var, then) static const struct snode var = { \
	.kw = "rule", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_ORDERED, .nlt = NLT_NEST, \
	.attr = SRXFLOW_A_NRS_RULE, .key_attr = SRXFLOW_A_NRULE_NAME, .key_nlt = NLT_STR, \
	.children = KIDS(&n_nr_desc, &n_nr_match, then), .help = "NAT rule" }
NRULE(n_snrule, &n_snr_then);
NRULE(n_dnrule, &n_dnr_then);
NRULE(n_stnrule, &n_stnr_then);
#define NRS(var, a, ...) static const struct snode var = { \
	.kw = "rule-set", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT, \
	.obj_attr = a, .key_attr = SRXFLOW_A_NRS_NAME, .key_nlt = NLT_STR, \
	.children = KIDS(__VA_ARGS__), .help = "Define a NAT rule set" }
NRS(n_snrs, SRXFLOW_A_CFG_NAT_SOURCE_RULESET, &n_nrs_desc, &n_nrs_from, &n_nrs_to, &n_snrule);
NRS(n_dnrs, SRXFLOW_A_CFG_NAT_DEST_RULESET, &n_nrs_desc, &n_nrs_from, &n_dnrule);
NRS(n_stnrs, SRXFLOW_A_CFG_NAT_STATIC_RULESET, &n_nrs_desc, &n_nrs_from, &n_stnrule);
static const struct snode n_nsrc_persist = {
	.kw = "address-persistent", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_NSRC_ADDRESS_PERSISTENT,
	.help = "Allow source address to maintain same translation",
};
static const struct snode n_nat_source = {
	.kw = "source", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_NAT_SOURCE_OPTS,
	.children = KIDS(&n_nsrc_persist, &n_spool, &n_nsrc_alarm, &n_snrs),
	.help = "Configure Source NAT",
};
static const struct snode n_nat_dest = {
	.kw = "destination", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_dpool, &n_dnrs), .help = "Configure Destination NAT",
};
static const struct snode n_nat_static = {
	.kw = "static", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_stnrs), .help = "Configure Static NAT",
};
static const struct snode n_nproxy_addr = {
	.kw = "address", .kind = SK_LIST, .vt = VT_PREFIX, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_NPROXY_ADDRESS, .key_attr = SRXFLOW_A_NADDR_LO, .key_nlt = NLT_PREFIX,
	.children = KIDS(&n_naddr_to),
	.help = "Address or address range to proxy (A[/len] [to B], up to 1024 addresses)",
};
static const struct snode n_parp_if = {
	.kw = "interface", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_NAT_PROXY_ARP, .key_attr = SRXFLOW_A_NPROXY_INTERFACE,
	.key_nlt = NLT_STR, .children = KIDS(&n_nproxy_addr),
	.help = "Interface on which to answer ARP requests",
};
static const struct snode n_pndp_if = {
	.kw = "interface", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_NAT_PROXY_NDP, .key_attr = SRXFLOW_A_NPROXY_INTERFACE,
	.key_nlt = NLT_STR, .children = KIDS(&n_nproxy_addr),
	.help = "Interface on which to answer neighbour solicitations",
};
static const struct snode n_proxy_arp = {
	.kw = "proxy-arp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_parp_if), .help = "Configure Proxy ARP",
};
static const struct snode n_proxy_ndp = {
	.kw = "proxy-ndp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_pndp_if), .help = "Configure Proxy NDP",
};
static const struct snode n_nat = {
	.kw = "nat", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_nat_source, &n_nat_dest, &n_nat_static, &n_proxy_arp, &n_proxy_ndp),
	.help = "Configure Network Address Translation",
};

/* --- security alg: the ALGs srxflow implements (reference §5) ---------- */
static const struct snode n_alg_ftp_dis = {
	.kw = "disable", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_ALGCFG_FTP_DISABLE, .help = "Disable FTP ALG",
};
static const struct snode n_alg_ftp = {
	.kw = "ftp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_alg_ftp_dis), .help = "Configure FTP ALG",
};
static const struct snode n_alg_tftp_dis = {
	.kw = "disable", .kind = SK_FLAG, .nlt = NLT_FLAG,
	.attr = SRXFLOW_A_ALGCFG_TFTP_DISABLE, .help = "Disable TFTP ALG",
};
static const struct snode n_alg_tftp = {
	.kw = "tftp", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_alg_tftp_dis), .help = "Configure TFTP ALG",
};
static const struct snode n_alg = {
	.kw = "alg", .kind = SK_CONTAINER, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_ALG,
	.children = KIDS(&n_alg_ftp, &n_alg_tftp),
	.help = "Configure ALG (FTP and TFTP in srxflow)",
};

static const struct snode n_security = {
	.kw = "security", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_alg, &n_global_book, &n_flow, &n_fwd_opts, &n_log, &n_nat, &n_policies,
			 &n_screen, &n_zones),
	.help = "Security configuration",
};

/* --- applications -------------------------------------------------------- */
static const struct snode n_app_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_APP_DESCRIPTION, .help = "Text description of application",
};
static const struct snode n_app_proto = {
	.kw = "protocol", .kind = SK_LEAF, .vt = VT_PROTO, .nlt = NLT_U8,
	.attr = SRXFLOW_A_APP_PROTOCOL, .help = "Match IP protocol type",
};
static const struct snode n_app_sport = {
	.kw = "source-port", .kind = SK_LEAF, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_APP_SPORT, .help = "Match TCP/UDP source port",
};
static const struct snode n_app_dport = {
	.kw = "destination-port", .kind = SK_LEAF, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_APP_DPORT, .help = "Match TCP/UDP destination port",
};
static const struct snode n_app_icmp_type = {
	.kw = "icmp-type", .kind = SK_LEAF, .vt = VT_ICMP, .nlt = NLT_U8,
	.attr = SRXFLOW_A_APP_ICMP_TYPE, .help = "Match ICMP message type",
};
static const struct snode n_app_icmp_code = {
	.kw = "icmp-code", .kind = SK_LEAF, .vt = VT_UINT, .min = 0, .max = 255,
	.nlt = NLT_U8,
	.attr = SRXFLOW_A_APP_ICMP_CODE, .help = "Match ICMP message code",
};
static const struct snode n_app_timeout = {
	.kw = "inactivity-timeout", .kind = SK_LEAF, .vt = VT_TIMEOUT, .min = 4,
	.max = 86400, .nlt = NLT_U32, .attr = SRXFLOW_A_APP_TIMEOUT,
	.help = "Application-specific inactivity timeout (seconds or never)",
};
static const struct snode n_app_alg = {
	.kw = "application-protocol", .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_APP_ALG,
	.help = "Application protocol (ALG): ftp, tftp or ignore",
};
static const struct snode n_term_proto = {
	.kw = "protocol", .kind = SK_LEAF, .vt = VT_PROTO, .nlt = NLT_U8,
	.attr = SRXFLOW_A_TERM_PROTOCOL, .help = "Match IP protocol type",
};
static const struct snode n_term_sport = {
	.kw = "source-port", .kind = SK_LEAF, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_TERM_SPORT, .help = "Match TCP/UDP source port",
};
static const struct snode n_term_dport = {
	.kw = "destination-port", .kind = SK_LEAF, .vt = VT_PORTS, .nlt = NLT_U32,
	.attr = SRXFLOW_A_TERM_DPORT, .help = "Match TCP/UDP destination port",
};
static const struct snode n_term_icmp_type = {
	.kw = "icmp-type", .kind = SK_LEAF, .vt = VT_ICMP, .nlt = NLT_U8,
	.attr = SRXFLOW_A_TERM_ICMP_TYPE, .help = "Match ICMP message type",
};
static const struct snode n_term_icmp_code = {
	.kw = "icmp-code", .kind = SK_LEAF, .vt = VT_UINT, .min = 0, .max = 255,
	.nlt = NLT_U8, .attr = SRXFLOW_A_TERM_ICMP_CODE, .help = "Match ICMP message code",
};
static const struct snode n_term_timeout = {
	.kw = "inactivity-timeout", .kind = SK_LEAF, .vt = VT_TIMEOUT, .min = 4,
	.max = 86400, .nlt = NLT_U32, .attr = SRXFLOW_A_TERM_TIMEOUT,
	.help = "Application-specific inactivity timeout (seconds or never)",
};
static const struct snode n_term_alg = {
	.kw = "application-protocol", .kind = SK_LEAF, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_TERM_ALG,
	.help = "Application protocol (ALG): ftp, tftp or ignore",
};
static const struct snode n_app_term = {
	.kw = "term", .kind = SK_LIST, .vt = VT_NAME, .nlt = NLT_NEST,
	.attr = SRXFLOW_A_APP_TERM, .key_attr = SRXFLOW_A_TERM_NAME, .key_nlt = NLT_STR,
	.children = KIDS(&n_term_alg, &n_term_proto, &n_term_icmp_type, &n_term_icmp_code,
			 &n_term_sport, &n_term_dport, &n_term_timeout),
	.help = "Define individual application protocols",
};
static const struct snode n_application = {
	.kw = "application", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_APPLICATION, .key_attr = SRXFLOW_A_APP_NAME,
	.key_nlt = NLT_STR,
	.children = KIDS(&n_app_desc, &n_app_alg, &n_app_proto, &n_app_icmp_type,
			 &n_app_icmp_code, &n_app_sport, &n_app_dport,
			 &n_app_timeout, &n_app_term),
	.help = "Define an application",
};
static const struct snode n_appset_desc = {
	.kw = "description", .kind = SK_LEAF, .vt = VT_TEXT, .nlt = NLT_STR,
	.attr = SRXFLOW_A_APPSET_DESCRIPTION, .help = "Text description",
};
static const struct snode n_appset_app = {
	.kw = "application", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_APPSET_APP, .help = "Application member",
};
static const struct snode n_appset_set = {
	.kw = "application-set", .kind = SK_LEAFLIST, .vt = VT_NAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_APPSET_SET, .help = "Nested application-set member",
};
static const struct snode n_application_set = {
	.kw = "application-set", .kind = SK_LIST, .vt = VT_NAME, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_APPLICATION_SET,
	.key_attr = SRXFLOW_A_APPSET_NAME, .key_nlt = NLT_STR,
	.children = KIDS(&n_appset_desc, &n_appset_app, &n_appset_set),
	.help = "Define an application set",
};
static const struct snode n_applications = {
	.kw = "applications", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_application, &n_application_set),
	.help = "Define applications by protocol characteristics",
};

/* --- interfaces: Junos names bound to Linux devices ------------------------ */
static const struct snode n_ifl_dev = {
	.kw = "linux-device", .kind = SK_LEAF, .vt = VT_DEVNAME, .nlt = NLT_STR,
	.attr = SRXFLOW_A_IFL_DEVICE,
	.help = "Linux device of this logical interface (srxflow extension, not Junos)",
};
static const struct snode n_ifl = {
	.kw = "unit", .kind = SK_LIST, .vt = VT_UINT, .min = 0,
	.max = SRXFLOW_IFL_UNIT_MAX, .nlt = NLT_NEST, .attr = SRXFLOW_A_IFD_UNIT,
	.key_attr = SRXFLOW_A_IFL_UNIT, .key_nlt = NLT_U32,
	.children = KIDS(&n_ifl_dev),
	.help = "Logical interface",
};
static const struct snode n_ifd = {
	.kw = "interfaces", .kind = SK_LIST, .vt = VT_IFD, .flags = SF_OBJECT,
	.obj_attr = SRXFLOW_A_CFG_INTERFACE, .key_attr = SRXFLOW_A_IFD_NAME,
	.key_nlt = NLT_STR, .children = KIDS(&n_ifl),
	.help = "Interface configuration (Junos names of Linux devices)",
};

const struct snode schema_root = {
	.kw = "", .kind = SK_CONTAINER, .nlt = NLT_NONE,
	.children = KIDS(&n_security, &n_ifd, &n_applications),
};

int snode_nchildren(const struct snode *sn)
{
	int n = 0;

	if (sn->children)
		while (sn->children[n])
			n++;
	return n;
}

const char *snode_name(const struct snode *sn)
{
	return sn->kw ? sn->kw : sn->jkw ? sn->jkw : "<value>";
}

const char *vtype_desc(const struct snode *sn, char *buf, size_t size)
{
	switch (sn->vt) {
	case VT_NAME:
		return "<name>";
	case VT_IFNAME:
	case VT_IFD:
		return "<interface-name>";
	case VT_DEVNAME:
		return "<linux-interface-name>";
	case VT_TEXT:
		return "<text>";
	case VT_UINT:
		snprintf(buf, size, "<%u..%u>", sn->min, sn->max);
		return buf;
	case VT_SIZE:
		snprintf(buf, size, "<%u..%u bytes, k/m/g suffix allowed>", sn->min, sn->max);
		return buf;
	case VT_TIMEOUT:
		snprintf(buf, size, "<%u..%u | never>", sn->min, sn->max);
		return buf;
	case VT_PREFIX:
		return "<ip-prefix>";
	case VT_ADDR:
		return "<ip-address>";
	case VT_PORTS:
		return "<port | low-high>";
	case VT_PROTO:
		return "<protocol name | 0..255>";
	case VT_ICMP:
		return "<icmp name | 0..255>";
	case VT_ENUM: {
		size_t off = 0;
		int i;

		buf[0] = '\0';
		for (i = 0; sn->enums[i] && off + 2 < size; i++)
			off += (size_t)snprintf(buf + off, size - off, "%s%s",
						i ? " | " : "", sn->enums[i]);
		return buf;
	}
	case VT_NONE:
		break;
	}
	return "";
}
