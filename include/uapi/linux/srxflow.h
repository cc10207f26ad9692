/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * srxflow - a Juniper-SRX-style stateful flow engine for Linux.
 *
 * This header is the ABI between the srxflow kernel module and everything
 * that talks to it (the `srxflow` CLI, other daemons).  The transport is a
 * generic netlink family named SRXFLOW_GENL_NAME.  The same ABI is described
 * machine-readably in Documentation/netlink/specs/srxflow.yaml (YNL).
 *
 * Conventions
 * -----------
 * - Every attribute set below is validated strictly by the kernel: unknown
 *   attributes, wrong types and out-of-range values are rejected with an
 *   extended ACK message naming the statement and value.
 * - Commands that change state require CAP_NET_ADMIN in the user namespace
 *   owning the network namespace.  Everything is per network namespace.
 * - Strings are NUL-terminated (NLA_NUL_STRING); names are at most
 *   SRXFLOW_NAME_MAX - 1 bytes of ASCII [A-Za-z0-9._/:-], starting with a
 *   letter, a digit or '_' ('/' and ':' for address names such as
 *   10.0.0.0/8).  Interface names are Linux device names: at most
 *   SRXFLOW_IFNAME_MAX - 1 bytes of printable ASCII, not "." or "..", no
 *   '/', ':' or white space; or Junos names bound to a Linux device by
 *   SRXFLOW_A_CFG_INTERFACE (ge-0/0/1.0).
 * - Addresses are carried in network byte order.
 *
 * Configuration model
 * -------------------
 * The whole security configuration of a namespace is one immutable
 * generation.  A change is a transaction that carries the COMPLETE new
 * configuration:
 *
 *   CFG_BEGIN  { GENERATION = generation the client based its change on }
 *              -> reply { TXN_ID }
 *   CFG_ADD    { TXN_ID, CFG_* objects ... }      (any number of messages)
 *   CFG_COMMIT { TXN_ID, COMMIT_FLAGS }           -> reply { GENERATION }
 *   CFG_ABORT  { TXN_ID }
 *
 * Objects must be defined before they are referenced within a transaction
 * (zones and address books before policies, members of an address-set or
 * application-set before the set).  A reference to an undefined name is
 * therefore rejected by the CFG_ADD that carries it, with the extended ACK
 * pointing at the offending attribute.  CFG_COMMIT fails with -EAGAIN
 * ("configuration changed since it was read, retry") if another client
 * committed after the generation given to CFG_BEGIN; nothing changes.
 * A transaction belongs to the netlink socket that began it and is
 * discarded when that socket closes.
 *
 * CFG_GET (dump) returns the running configuration as the same objects, in
 * the order they were committed, each message carrying GENERATION: the dump
 * is a snapshot of that one generation, whatever is committed meanwhile.
 */
#ifndef _UAPI_LINUX_SRXFLOW_H
#define _UAPI_LINUX_SRXFLOW_H

#include <linux/types.h>

#define SRXFLOW_GENL_NAME		"srxflow"
#define SRXFLOW_GENL_VERSION		1
#define SRXFLOW_MCGRP_TRACE		"trace"	/* live trace lines */
#define SRXFLOW_MCGRP_DROP		"drop"	/* live packet-drop records */
#define SRXFLOW_MCGRP_SESSION		"session" /* session log (RT_FLOW) events */

#define SRXFLOW_NAME_MAX		64	/* including the NUL */
#define SRXFLOW_IFNAME_MAX		16	/* IFNAMSIZ */

/* SRXFLOW_A_COMMIT_FLAGS */
#define SRXFLOW_COMMIT_CHECK		(1U << 0) /* validate only ("commit check") */

/* --- Commands ---------------------------------------------------------- */
enum srxflow_cmd {
	SRXFLOW_CMD_UNSPEC,
	/* Module version, configuration generation, modes, table size. */
	SRXFLOW_CMD_GET_STATUS,
	/* Configuration transactions, see above. */
	SRXFLOW_CMD_CFG_GET,		/* dump */
	SRXFLOW_CMD_CFG_BEGIN,
	SRXFLOW_CMD_CFG_ADD,
	SRXFLOW_CMD_CFG_COMMIT,
	SRXFLOW_CMD_CFG_ABORT,
	/* Predefined (junos-*) applications, as CFG_APPLICATION objects. */
	SRXFLOW_CMD_APP_GET,		/* dump */
	/* Session table. SESSION_GET dump takes an optional SRXFLOW_A_FILTER. */
	SRXFLOW_CMD_SESSION_GET,	/* dump */
	SRXFLOW_CMD_SESSION_SUMMARY,	/* reply: SRXFLOW_A_SUMMARY */
	SRXFLOW_CMD_SESSION_CLEAR,	/* SRXFLOW_A_FILTER (absent: all) */
	/* Flow statistics and per-reason drop counters. */
	SRXFLOW_CMD_STATS_GET,		/* reply: SRXFLOW_A_STATS */
	SRXFLOW_CMD_STATS_CLEAR,
	/* Policy hit counts (dump of SRXFLOW_A_POLICY_HITS). */
	SRXFLOW_CMD_POLICY_HITS_GET,	/* dump */
	SRXFLOW_CMD_POLICY_HITS_CLEAR,
	/* Which policies would match a packet (SRXFLOW_A_MATCH). */
	SRXFLOW_CMD_MATCH_POLICIES,	/* reply: SRXFLOW_A_MATCH_RESULT* */
	/* Interfaces bound to zones, as seen by the kernel right now. */
	SRXFLOW_CMD_IFACE_GET,		/* dump */
	/* Traceoptions buffer: dump lines, clear. */
	SRXFLOW_CMD_LOG_GET,		/* dump, SRXFLOW_A_LOG_FILE, LOG_COUNT */
	SRXFLOW_CMD_LOG_CLEAR,
	/* Packet-drop records. */
	SRXFLOW_CMD_DROP_GET,		/* dump */
	SRXFLOW_CMD_DROP_CLEAR,
	/*
	 * Multicast notifications, never requests: joining the group is all a
	 * listener does.  Lines and records are sent while the group has
	 * listeners (the kernel checks genl_has_listeners() when one is
	 * written); a listener gets those written after it joined.  A line
	 * carries SRXFLOW_A_LINE_LOST when lines were lost before it (the ring
	 * was overwritten faster than it was streamed).
	 */
	SRXFLOW_CMD_TRACE_EVENT,	/* group "trace": SRXFLOW_A_LOG_LINE */
	SRXFLOW_CMD_DROP_EVENT,		/* group "drop": SRXFLOW_A_DROP_REC */
	/*
	 * Session log (then log session-init / session-close): one message
	 * per event, raised when it happens while the group has listeners.
	 * SRXFLOW_A_SLOG_SEQ counts every event raised in the namespace: a
	 * gap is an event lost (the kernel could not build it: counted in
	 * SRXFLOW_A_STAT_LOG_DROPPED; or the listener's socket overflowed).
	 */
	SRXFLOW_CMD_SESSION_EVENT,	/* group "session": SRXFLOW_A_SLOG */
	/*
	 * Screen counters of a zone (SRXFLOW_A_SCREEN_ZONE) or an interface
	 * (SRXFLOW_A_SCREEN_IFNAME): reply SRXFLOW_A_SCREEN_STATS.
	 */
	SRXFLOW_CMD_SCREEN_STATS_GET,
	SRXFLOW_CMD_SCREEN_STATS_CLEAR,	/* same selectors; neither: all */
	/* NAT: rules and pools with their counters; clear rule statistics */
	SRXFLOW_CMD_NAT_GET,		/* dump: SRXFLOW_A_NAT_RULE, SRXFLOW_A_NAT_POOL */
	SRXFLOW_CMD_NAT_CLEAR,		/* SRXFLOW_A_NAT_KIND (absent: all) */
	/* ALGs: status and counters of each ALG; the gates (pinholes) */
	SRXFLOW_CMD_ALG_GET,		/* reply: SRXFLOW_A_ALG_INFO, repeated */
	SRXFLOW_CMD_ALG_CLEAR,		/* clear the ALG counters */
	SRXFLOW_CMD_GATE_GET,		/* dump: SRXFLOW_A_GATE */

	__SRXFLOW_CMD_MAX,
	SRXFLOW_CMD_MAX = __SRXFLOW_CMD_MAX - 1
};

/* --- Top-level attributes ---------------------------------------------- */
enum srxflow_attr {
	SRXFLOW_A_UNSPEC,
	SRXFLOW_A_PAD,
	SRXFLOW_A_VERSION,		/* string: module version (git describe) */
	SRXFLOW_A_GENERATION,		/* u64: configuration generation */
	SRXFLOW_A_TXN_ID,		/* u32 */
	SRXFLOW_A_COMMIT_FLAGS,		/* u32: SRXFLOW_COMMIT_* */
	/* configuration objects (CFG_ADD, CFG_GET, APP_GET) */
	SRXFLOW_A_CFG_ZONE,		/* nest: SRXFLOW_A_ZONE_* */
	SRXFLOW_A_CFG_ADDRESS,		/* nest: SRXFLOW_A_ADDR_* */
	SRXFLOW_A_CFG_ADDRESS_SET,	/* nest: SRXFLOW_A_ASET_* */
	SRXFLOW_A_CFG_APPLICATION,	/* nest: SRXFLOW_A_APP_* */
	SRXFLOW_A_CFG_APPLICATION_SET,	/* nest: SRXFLOW_A_APPSET_* */
	SRXFLOW_A_CFG_POLICY,		/* nest: SRXFLOW_A_POL_* */
	SRXFLOW_A_CFG_POLICIES,		/* nest: SRXFLOW_A_POLS_* */
	SRXFLOW_A_CFG_FLOW,		/* nest: SRXFLOW_A_FLOW_* */
	SRXFLOW_A_CFG_FWD,		/* nest: SRXFLOW_A_FWD_* */
	SRXFLOW_A_CFG_TRACE,		/* nest: SRXFLOW_A_TRACE_* */
	/* operational */
	SRXFLOW_A_STATUS,		/* nest: SRXFLOW_A_STATUS_* */
	SRXFLOW_A_SESSION,		/* nest: SRXFLOW_A_SESS_* */
	SRXFLOW_A_FILTER,		/* nest: SRXFLOW_A_FILTER_* */
	SRXFLOW_A_SUMMARY,		/* nest: SRXFLOW_A_SUM_* */
	SRXFLOW_A_STATS,		/* nest: SRXFLOW_A_STAT_* */
	SRXFLOW_A_POLICY_HITS,		/* nest: SRXFLOW_A_HITS_* */
	SRXFLOW_A_MATCH,		/* nest: SRXFLOW_A_MATCH_* (query) */
	SRXFLOW_A_MATCH_RESULT,		/* nest: SRXFLOW_A_HITS_* (one per policy) */
	SRXFLOW_A_IFACE,		/* nest: SRXFLOW_A_IFACE_* */
	SRXFLOW_A_LOG_FILE,		/* string: traceoptions file name */
	SRXFLOW_A_LOG_COUNT,		/* u32: "last N" */
	SRXFLOW_A_LOG_LINE,		/* nest: SRXFLOW_A_LINE_* */
	SRXFLOW_A_DROP_REC,		/* nest: SRXFLOW_A_DROP_* */
	SRXFLOW_A_CLEARED,		/* u64: number of sessions cleared */
	SRXFLOW_A_CFG_INTERFACE,	/* nest: SRXFLOW_A_IFD_* (configuration object) */
	SRXFLOW_A_CFG_FUNCTIONAL_ZONE,	/* nest: SRXFLOW_A_ZONE_*: functional-zone management */
	SRXFLOW_A_SLOG,			/* nest: SRXFLOW_A_SLOG_* */
	SRXFLOW_A_CFG_LOG,		/* nest: SRXFLOW_A_SECLOG_* */
	SRXFLOW_A_CFG_SCREEN,		/* nest: SRXFLOW_A_SCREEN_* (ids-option) */
	SRXFLOW_A_SCREEN_ZONE,		/* string: SCREEN_STATS_* selector */
	SRXFLOW_A_SCREEN_IFNAME,	/* string: SCREEN_STATS_* selector */
	SRXFLOW_A_SCREEN_STATS,		/* nest: u64 per enum srxflow_screen_check,
					 * attr type = check
					 */
	SRXFLOW_A_CFG_NAT_SOURCE_POOL,	/* nest: SRXFLOW_A_NPOOL_* (configuration object) */
	SRXFLOW_A_CFG_NAT_DEST_POOL,	/* nest: SRXFLOW_A_NPOOL_* */
	SRXFLOW_A_CFG_NAT_SOURCE_RULESET, /* nest: SRXFLOW_A_NRS_* */
	SRXFLOW_A_CFG_NAT_DEST_RULESET,	/* nest: SRXFLOW_A_NRS_* */
	SRXFLOW_A_CFG_NAT_STATIC_RULESET, /* nest: SRXFLOW_A_NRS_* */
	SRXFLOW_A_NAT_RULE,		/* nest: SRXFLOW_A_NSTAT_* (NAT_GET) */
	SRXFLOW_A_NAT_POOL,		/* nest: SRXFLOW_A_NSTAT_* (NAT_GET) */
	SRXFLOW_A_NAT_KIND,		/* u8: enum srxflow_nat_kind (NAT_CLEAR) */
	SRXFLOW_A_CFG_NAT_PROXY_ARP,	/* nest: SRXFLOW_A_NPROXY_* (configuration object) */
	SRXFLOW_A_CFG_NAT_PROXY_NDP,	/* nest: SRXFLOW_A_NPROXY_* (configuration object) */
	SRXFLOW_A_NAT_PROXY,		/* nest: SRXFLOW_A_NPROXY_* (NAT_GET) */
	SRXFLOW_A_CFG_NAT_SOURCE_OPTS,	/* nest: SRXFLOW_A_NSRC_* (security nat source options) */
	SRXFLOW_A_CFG_ALG,		/* nest: SRXFLOW_A_ALGCFG_* (security alg) */
	SRXFLOW_A_ALG_INFO,		/* nest: SRXFLOW_A_ALGI_* (ALG_GET) */
	SRXFLOW_A_GATE,			/* nest: SRXFLOW_A_GATE_* (GATE_GET) */
	/* session dump in compact records (SESSION_GET, see struct srxflow_sess_rec) */
	SRXFLOW_A_SESS_FORMAT,		/* u32 (request): SRXFLOW_SESS_FORMAT_* */
	SRXFLOW_A_SESS_REC,		/* binary: struct srxflow_sess_rec, one per session */
	SRXFLOW_A_SESS_NAME,		/* binary: struct srxflow_sess_name */

	__SRXFLOW_A_MAX,
	SRXFLOW_A_MAX = __SRXFLOW_A_MAX - 1
};

/* --- Shared value encodings -------------------------------------------- */

/* Binary NLA for an IPv4/IPv6 prefix or address (SRXFLOW_A_*_PREFIX). */
struct srxflow_prefix {
	__u8	family;		/* AF_INET or AF_INET6 */
	__u8	plen;		/* 0..32 or 0..128 */
	__u8	pad[2];
	__u8	addr[16];	/* network byte order, IPv4 in the first 4 */
};

/*
 * Port ranges are u32: (low << 16) | high, low <= high.  A single port P is
 * (P << 16) | P.
 */
#define SRXFLOW_PORTS(lo, hi)	((((__u32)(lo)) << 16) | ((__u32)(hi) & 0xffff))
#define SRXFLOW_PORT_LO(r)	((__u16)((r) >> 16))
#define SRXFLOW_PORT_HI(r)	((__u16)((r) & 0xffff))

/* inactivity-timeout never */
#define SRXFLOW_TIMEOUT_NEVER	0xffffffffU

/* --- Zones: security zones security-zone NAME ... ------------------------ */
enum srxflow_zone_attr {
	SRXFLOW_A_ZONE_UNSPEC,
	SRXFLOW_A_ZONE_NAME,		/* string */
	SRXFLOW_A_ZONE_TCP_RST,		/* flag: tcp-rst */
	SRXFLOW_A_ZONE_SCREEN,		/* string: screen NAME (stored) */
	SRXFLOW_A_ZONE_REVERSE_REROUTE,	/* flag: enable-reverse-reroute */
	SRXFLOW_A_ZONE_HOST_INBOUND,	/* nest: SRXFLOW_A_HI_* */
	SRXFLOW_A_ZONE_IFACE,		/* nest, repeated: SRXFLOW_A_ZIF_* */
	SRXFLOW_A_ZONE_DESCRIPTION,	/* string */
	__SRXFLOW_A_ZONE_MAX,
	SRXFLOW_A_ZONE_MAX = __SRXFLOW_A_ZONE_MAX - 1
};

/*
 * interfaces IFNAME [host-inbound-traffic ...]: a Linux device name, or a
 * Junos logical interface name bound by SRXFLOW_A_CFG_INTERFACE
 * (ge-0/0/1.0; ge-0/0/1 is its unit 0)
 */
enum srxflow_zone_iface_attr {
	SRXFLOW_A_ZIF_UNSPEC,
	SRXFLOW_A_ZIF_NAME,		/* string, < SRXFLOW_NAME_MAX */
	SRXFLOW_A_ZIF_HOST_INBOUND,	/* nest: SRXFLOW_A_HI_* */
	__SRXFLOW_A_ZIF_MAX,
	SRXFLOW_A_ZIF_MAX = __SRXFLOW_A_ZIF_MAX - 1
};

/*
 * Junos interface names: interfaces IFD unit N linux-device DEV binds the
 * logical interface IFD.N (ge-0/0/1.0, reth1.100, irb.20, st0.0) to the
 * Linux device DEV.  IFD: a letter, then [A-Za-z0-9/:_-], at most
 * SRXFLOW_IFD_NAME_MAX - 1 bytes, no '.'.
 */
#define SRXFLOW_IFD_NAME_MAX		48	/* including the NUL */
#define SRXFLOW_IFL_UNIT_MAX		1073741823

enum srxflow_ifd_attr {
	SRXFLOW_A_IFD_UNSPEC,
	SRXFLOW_A_IFD_NAME,		/* string: physical interface (ge-0/0/1) */
	SRXFLOW_A_IFD_UNIT,		/* nest, repeated: SRXFLOW_A_IFL_* */
	__SRXFLOW_A_IFD_MAX,
	SRXFLOW_A_IFD_MAX = __SRXFLOW_A_IFD_MAX - 1
};

enum srxflow_ifl_attr {
	SRXFLOW_A_IFL_UNSPEC,
	SRXFLOW_A_IFL_UNIT,		/* u32: 0..SRXFLOW_IFL_UNIT_MAX */
	SRXFLOW_A_IFL_DEVICE,		/* string: Linux device name, < IFNAMSIZ */
	__SRXFLOW_A_IFL_MAX,
	SRXFLOW_A_IFL_MAX = __SRXFLOW_A_IFL_MAX - 1
};

/* host-inbound-traffic { system-services S [except]; protocols P [except] } */
enum srxflow_host_inbound_attr {
	SRXFLOW_A_HI_UNSPEC,
	SRXFLOW_A_HI_SERVICE,		/* nest, repeated: SRXFLOW_A_HIE_* */
	SRXFLOW_A_HI_PROTOCOL,		/* nest, repeated: SRXFLOW_A_HIE_* */
	__SRXFLOW_A_HI_MAX,
	SRXFLOW_A_HI_MAX = __SRXFLOW_A_HI_MAX - 1
};

enum srxflow_host_inbound_entry_attr {
	SRXFLOW_A_HIE_UNSPEC,
	SRXFLOW_A_HIE_ID,		/* u32: enum srxflow_service / _hproto */
	SRXFLOW_A_HIE_EXCEPT,		/* flag */
	__SRXFLOW_A_HIE_MAX,
	SRXFLOW_A_HIE_MAX = __SRXFLOW_A_HIE_MAX - 1
};

/* host-inbound-traffic system-services (Junos names in comments) */
enum srxflow_service {
	SRXFLOW_SVC_ALL,		/* all */
	SRXFLOW_SVC_ANY_SERVICE,	/* any-service */
	SRXFLOW_SVC_BOOTP,		/* bootp: udp/67,68 */
	SRXFLOW_SVC_DHCP,		/* dhcp: udp/67,68 */
	SRXFLOW_SVC_DHCPV6,		/* dhcpv6: udp/546,547 */
	SRXFLOW_SVC_DNS,		/* dns: udp+tcp/53 */
	SRXFLOW_SVC_FINGER,		/* finger: tcp/79 */
	SRXFLOW_SVC_FTP,		/* ftp: tcp/21 */
	SRXFLOW_SVC_HTTP,		/* http: tcp/80 */
	SRXFLOW_SVC_HTTPS,		/* https: tcp/443 */
	SRXFLOW_SVC_IDENT_RESET,	/* ident-reset: tcp/113 */
	SRXFLOW_SVC_IKE,		/* ike: udp/500,4500 */
	SRXFLOW_SVC_NETCONF,		/* netconf: tcp/830 */
	SRXFLOW_SVC_NTP,		/* ntp: udp/123 */
	SRXFLOW_SVC_PING,		/* ping: icmp/icmpv6 echo */
	SRXFLOW_SVC_RLOGIN,		/* rlogin: tcp/513 */
	SRXFLOW_SVC_RSH,		/* rsh: tcp/514 */
	SRXFLOW_SVC_SNMP,		/* snmp: udp/161 */
	SRXFLOW_SVC_SNMP_TRAP,		/* snmp-trap: udp/162 */
	SRXFLOW_SVC_SSH,		/* ssh: tcp/22 */
	SRXFLOW_SVC_TELNET,		/* telnet: tcp/23 */
	SRXFLOW_SVC_TFTP,		/* tftp: udp/69 */
	SRXFLOW_SVC_TRACEROUTE,		/* traceroute: udp/33434-33534 */
	SRXFLOW_SVC_XNM_CLEAR_TEXT,	/* xnm-clear-text: tcp/3221 */
	SRXFLOW_SVC_XNM_SSL,		/* xnm-ssl: tcp/3220 */
	SRXFLOW_SVC_SYSLOG,		/* syslog: udp/514 */
	__SRXFLOW_SVC_MAX
};

/* host-inbound-traffic protocols */
enum srxflow_hproto {
	SRXFLOW_HPROTO_ALL,		/* all */
	SRXFLOW_HPROTO_BFD,		/* bfd: udp/3784,3785,4784 */
	SRXFLOW_HPROTO_BGP,		/* bgp: tcp/179 */
	SRXFLOW_HPROTO_DVMRP,		/* dvmrp: igmp */
	SRXFLOW_HPROTO_IGMP,		/* igmp: ip proto 2 */
	SRXFLOW_HPROTO_LDP,		/* ldp: tcp+udp/646 */
	SRXFLOW_HPROTO_MSDP,		/* msdp: tcp/639 */
	SRXFLOW_HPROTO_NDP,		/* ndp: icmpv6 133-137 (always allowed) */
	SRXFLOW_HPROTO_OSPF,		/* ospf: ip proto 89 (IPv4) */
	SRXFLOW_HPROTO_OSPF3,		/* ospf3: ip proto 89 (IPv6) */
	SRXFLOW_HPROTO_PIM,		/* pim: ip proto 103 */
	SRXFLOW_HPROTO_RIP,		/* rip: udp/520 */
	SRXFLOW_HPROTO_RIPNG,		/* ripng: udp/521 */
	SRXFLOW_HPROTO_ROUTER_DISCOVERY, /* router-discovery: icmp 9,10 */
	SRXFLOW_HPROTO_RSVP,		/* rsvp: ip proto 46 */
	SRXFLOW_HPROTO_VRRP,		/* vrrp: ip proto 112 */
	__SRXFLOW_HPROTO_MAX
};

/* --- Address book: address NAME (PREFIX | range-address A to B) -------- */
enum srxflow_addr_attr {
	SRXFLOW_A_ADDR_UNSPEC,
	SRXFLOW_A_ADDR_ZONE,		/* string: zone's book; absent: global */
	SRXFLOW_A_ADDR_NAME,		/* string */
	SRXFLOW_A_ADDR_PREFIX,		/* struct srxflow_prefix */
	SRXFLOW_A_ADDR_RANGE_LO,	/* struct srxflow_prefix (plen ignored) */
	SRXFLOW_A_ADDR_RANGE_HI,	/* struct srxflow_prefix (plen ignored) */
	SRXFLOW_A_ADDR_DESCRIPTION,	/* string */
	__SRXFLOW_A_ADDR_MAX,
	SRXFLOW_A_ADDR_MAX = __SRXFLOW_A_ADDR_MAX - 1
};

/* address-set NAME { address A; address-set S; } */
enum srxflow_aset_attr {
	SRXFLOW_A_ASET_UNSPEC,
	SRXFLOW_A_ASET_ZONE,		/* string: zone's book; absent: global */
	SRXFLOW_A_ASET_NAME,		/* string */
	SRXFLOW_A_ASET_ADDRESS,		/* string, repeated */
	SRXFLOW_A_ASET_SET,		/* string, repeated */
	SRXFLOW_A_ASET_DESCRIPTION,	/* string */
	__SRXFLOW_A_ASET_MAX,
	SRXFLOW_A_ASET_MAX = __SRXFLOW_A_ASET_MAX - 1
};

/* --- applications application NAME ... ---------------------------------- */
enum srxflow_app_attr {
	SRXFLOW_A_APP_UNSPEC,
	SRXFLOW_A_APP_NAME,		/* string */
	SRXFLOW_A_APP_PROTOCOL,		/* u8: IP protocol number */
	SRXFLOW_A_APP_SPORT,		/* u32: port range */
	SRXFLOW_A_APP_DPORT,		/* u32: port range */
	SRXFLOW_A_APP_ICMP_TYPE,	/* u8 */
	SRXFLOW_A_APP_ICMP_CODE,	/* u8 */
	SRXFLOW_A_APP_TIMEOUT,		/* u32: seconds, SRXFLOW_TIMEOUT_NEVER */
	SRXFLOW_A_APP_DESCRIPTION,	/* string */
	SRXFLOW_A_APP_ALG,		/* string: informational (predefined) */
	SRXFLOW_A_APP_TERM,		/* nest, repeated: SRXFLOW_A_TERM_* */
	__SRXFLOW_A_APP_MAX,
	SRXFLOW_A_APP_MAX = __SRXFLOW_A_APP_MAX - 1
};

/*
 * applications application NAME term T ...: an application of several
 * terms matches a packet any of its terms matches.  An application has
 * either terms or the match statements above (inactivity-timeout of the
 * application applies to its terms that have none).
 */
#define SRXFLOW_APP_TERMS_MAX		256

enum srxflow_app_term_attr {
	SRXFLOW_A_TERM_UNSPEC,
	SRXFLOW_A_TERM_NAME,		/* string */
	SRXFLOW_A_TERM_PROTOCOL,	/* u8: IP protocol number */
	SRXFLOW_A_TERM_SPORT,		/* u32: port range */
	SRXFLOW_A_TERM_DPORT,		/* u32: port range */
	SRXFLOW_A_TERM_ICMP_TYPE,	/* u8 */
	SRXFLOW_A_TERM_ICMP_CODE,	/* u8 */
	SRXFLOW_A_TERM_TIMEOUT,		/* u32: seconds, SRXFLOW_TIMEOUT_NEVER */
	SRXFLOW_A_TERM_ALG,		/* string: informational (predefined) */
	__SRXFLOW_A_TERM_MAX,
	SRXFLOW_A_TERM_MAX = __SRXFLOW_A_TERM_MAX - 1
};

/* applications application-set NAME { application A; application-set S; } */
enum srxflow_appset_attr {
	SRXFLOW_A_APPSET_UNSPEC,
	SRXFLOW_A_APPSET_NAME,		/* string */
	SRXFLOW_A_APPSET_APP,		/* string, repeated */
	SRXFLOW_A_APPSET_SET,		/* string, repeated */
	SRXFLOW_A_APPSET_DESCRIPTION,	/* string */
	__SRXFLOW_A_APPSET_MAX,
	SRXFLOW_A_APPSET_MAX = __SRXFLOW_A_APPSET_MAX - 1
};

/* --- security policies ----------------------------------------------- */
enum srxflow_policy_action {
	SRXFLOW_ACTION_PERMIT,
	SRXFLOW_ACTION_DENY,
	SRXFLOW_ACTION_REJECT,
};

/*
 * One policy.  Zone-pair policies carry FROM_ZONE and TO_ZONE; global
 * policies carry neither and match zones with MATCH_FROM_ZONE/MATCH_TO_ZONE
 * (absent: any).  Within a zone pair (and among global policies) the order
 * of CFG_POLICY objects in the transaction is the evaluation order.
 * INDEX is assigned by the kernel (stable across commits while the policy
 * exists) and returned by CFG_GET; it is ignored in CFG_ADD.
 */
enum srxflow_policy_attr {
	SRXFLOW_A_POL_UNSPEC,
	SRXFLOW_A_POL_FROM_ZONE,	/* string */
	SRXFLOW_A_POL_TO_ZONE,		/* string */
	SRXFLOW_A_POL_NAME,		/* string */
	SRXFLOW_A_POL_SRC_ADDR,		/* string, repeated */
	SRXFLOW_A_POL_DST_ADDR,		/* string, repeated */
	SRXFLOW_A_POL_APP,		/* string, repeated */
	SRXFLOW_A_POL_MATCH_FROM_ZONE,	/* string, repeated (global only) */
	SRXFLOW_A_POL_MATCH_TO_ZONE,	/* string, repeated (global only) */
	SRXFLOW_A_POL_ACTION,		/* u8: enum srxflow_policy_action */
	SRXFLOW_A_POL_COUNT,		/* flag: then count */
	SRXFLOW_A_POL_LOG_INIT,		/* flag: then log session-init */
	SRXFLOW_A_POL_LOG_CLOSE,	/* flag: then log session-close */
	SRXFLOW_A_POL_INDEX,		/* u32 (kernel -> user) */
	SRXFLOW_A_POL_DESCRIPTION,	/* string */
	SRXFLOW_A_POL_SERVICES_OFFLOAD,	/* u8: enum srxflow_offload (then permit ...) */
	__SRXFLOW_A_POL_MAX,
	SRXFLOW_A_POL_MAX = __SRXFLOW_A_POL_MAX - 1
};

/* then permit services-offload | no-services-offload */
enum srxflow_offload {
	SRXFLOW_OFFLOAD_NOT_CONFIGURED,
	SRXFLOW_OFFLOAD_ENABLED,	/* services-offload */
	SRXFLOW_OFFLOAD_DISABLED,	/* no-services-offload */
};

enum srxflow_default_policy {
	SRXFLOW_DEFAULT_DENY_ALL,
	SRXFLOW_DEFAULT_PERMIT_ALL,
};

/* security policies default-policy ..., policy-rematch */
enum srxflow_policies_attr {
	SRXFLOW_A_POLS_UNSPEC,
	SRXFLOW_A_POLS_DEFAULT,		/* u8: enum srxflow_default_policy */
	SRXFLOW_A_POLS_REMATCH,		/* flag: policy-rematch */
	__SRXFLOW_A_POLS_MAX,
	SRXFLOW_A_POLS_MAX = __SRXFLOW_A_POLS_MAX - 1
};

/* --- security flow ... ---------------------------------------------------
 * An absent attribute means "not configured": the Junos default applies
 * (see Documentation/ and the CLI's `show security flow status`).
 */
enum srxflow_flow_attr {
	SRXFLOW_A_FLOW_UNSPEC,
	SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT,	/* u32: 4..300 s, default 20 */
	SRXFLOW_A_FLOW_NO_SYN_CHECK,		/* flag */
	SRXFLOW_A_FLOW_STRICT_SYN_CHECK,	/* flag */
	SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK,	/* flag */
	SRXFLOW_A_FLOW_RST_INVALIDATE,		/* flag: rst-invalidate-session */
	SRXFLOW_A_FLOW_FIN_INVALIDATE,		/* flag: fin-invalidate-session */
	SRXFLOW_A_FLOW_TIME_WAIT,		/* flag: time-wait-state */
	SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT,	/* u32: 2..600 s, default 150 */
	SRXFLOW_A_FLOW_EARLY_AGEOUT,		/* u32: 1..65535 s, default 20 */
	SRXFLOW_A_FLOW_HIGH_WATERMARK,		/* u32: 0..100 %, default 100 */
	SRXFLOW_A_FLOW_LOW_WATERMARK,		/* u32: 0..100 %, default 100 */
	SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE,	/* flag: advanced-options
						 * reverse-route-packet-mode-vr
						 */
	SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT,	/* u32: 6..1800 s, default 30 */
	SRXFLOW_A_FLOW_MAX_SESSIONS,		/* u32: 1..16777216 (not Junos) */
	SRXFLOW_A_FLOW_SYN_FLOOD_PROTECTION_MODE, /* u8: enum srxflow_syn_protection */
	__SRXFLOW_A_FLOW_MAX,
	SRXFLOW_A_FLOW_MAX = __SRXFLOW_A_FLOW_MAX - 1
};

/* security forwarding-options family inet|inet6 mode ... */
enum srxflow_fwd_mode {
	SRXFLOW_FWD_FLOW_BASED,
	SRXFLOW_FWD_PACKET_BASED,
	SRXFLOW_FWD_DROP,
};

enum srxflow_fwd_attr {
	SRXFLOW_A_FWD_UNSPEC,
	SRXFLOW_A_FWD_INET_MODE,	/* u8: enum srxflow_fwd_mode */
	SRXFLOW_A_FWD_INET6_MODE,	/* u8: enum srxflow_fwd_mode */
	__SRXFLOW_A_FWD_MAX,
	SRXFLOW_A_FWD_MAX = __SRXFLOW_A_FWD_MAX - 1
};

/* --- security flow traceoptions ---------------------------------------- */
enum srxflow_trace_flag {
	SRXFLOW_TRACE_BASIC_DATAPATH,
	SRXFLOW_TRACE_SESSION,
	SRXFLOW_TRACE_ROUTE,
	SRXFLOW_TRACE_TCP_BASIC,
	SRXFLOW_TRACE_FRAGMENTATION,
	SRXFLOW_TRACE_HOST_TRAFFIC,
	SRXFLOW_TRACE_ALL,
	__SRXFLOW_TRACE_MAX
};

enum srxflow_trace_attr {
	SRXFLOW_A_TRACE_UNSPEC,
	SRXFLOW_A_TRACE_FILE,		/* string: file NAME */
	SRXFLOW_A_TRACE_FILE_SIZE,	/* u32: bytes, 10240..1073741824 */
	SRXFLOW_A_TRACE_FILE_FILES,	/* u32: 2..1000 */
	SRXFLOW_A_TRACE_FLAG,		/* u32, repeated: enum srxflow_trace_flag */
	SRXFLOW_A_TRACE_FILTER,		/* nest, repeated (<= 64): _TFLT_* */
	SRXFLOW_A_TRACE_RATE_LIMIT,	/* u32: messages/s, 0 = unlimited */
	SRXFLOW_A_TRACE_DEBUG_BUF,	/* u32: local-debug-buf size, lines */
	__SRXFLOW_A_TRACE_MAX,
	SRXFLOW_A_TRACE_MAX = __SRXFLOW_A_TRACE_MAX - 1
};

#define SRXFLOW_TRACE_FILTERS_MAX	64

enum srxflow_trace_filter_attr {
	SRXFLOW_A_TFLT_UNSPEC,
	SRXFLOW_A_TFLT_NAME,		/* string */
	SRXFLOW_A_TFLT_SRC_PREFIX,	/* struct srxflow_prefix */
	SRXFLOW_A_TFLT_DST_PREFIX,	/* struct srxflow_prefix */
	SRXFLOW_A_TFLT_PROTOCOL,	/* u8 */
	SRXFLOW_A_TFLT_SPORT,		/* u32: port range */
	SRXFLOW_A_TFLT_DPORT,		/* u32: port range */
	SRXFLOW_A_TFLT_IFACE,		/* string */
	__SRXFLOW_A_TFLT_MAX,
	SRXFLOW_A_TFLT_MAX = __SRXFLOW_A_TFLT_MAX - 1
};

/* --- GET_STATUS reply: SRXFLOW_A_STATUS ------------------------------- */
enum srxflow_status_attr {
	SRXFLOW_A_STATUS_UNSPEC,
	SRXFLOW_A_STATUS_PAD,
	SRXFLOW_A_STATUS_INET_MODE,	/* u8: enum srxflow_fwd_mode */
	SRXFLOW_A_STATUS_INET6_MODE,	/* u8 */
	SRXFLOW_A_STATUS_REVERSE_ROUTE,	/* u8: 0 flow mode, 1 packet mode */
	SRXFLOW_A_STATUS_TRACE_ON,	/* u8 */
	SRXFLOW_A_STATUS_MAX_SESSIONS,	/* u32 */
	SRXFLOW_A_STATUS_SESSIONS,	/* u32: sessions in use */
	SRXFLOW_A_STATUS_HASH_BUCKETS,	/* u32 */
	SRXFLOW_A_STATUS_TRACE_LINES,	/* u32: lines in the trace buffer */
	SRXFLOW_A_STATUS_TRACE_CAPACITY, /* u32: buffer capacity, lines */
	SRXFLOW_A_STATUS_TRACE_FILTERS,	/* u32: number of packet filters */
	SRXFLOW_A_STATUS_TRACE_LOST,	/* u64: lines overwritten/rate-limited */
	SRXFLOW_A_STATUS_NO_EVENTS,	/* flag: restrict_userns: no multicast events here */
	SRXFLOW_A_STATUS_OFFLOAD_IFACES, /* u32: interfaces with the services-offload hook */
	__SRXFLOW_A_STATUS_MAX,
	SRXFLOW_A_STATUS_MAX = __SRXFLOW_A_STATUS_MAX - 1
};

/* --- Sessions ---------------------------------------------------------- */
enum srxflow_session_state {
	SRXFLOW_SESS_VALID,
	SRXFLOW_SESS_INVALIDATED,	/* ended (RST/FIN/cleared), aging out */
	SRXFLOW_SESS_PENDING,
};

enum srxflow_session_attr {
	SRXFLOW_A_SESS_UNSPEC,
	SRXFLOW_A_SESS_PAD,
	SRXFLOW_A_SESS_ID,		/* u64 */
	SRXFLOW_A_SESS_POLICY_INDEX,	/* u32 (0: self-traffic / host) */
	SRXFLOW_A_SESS_POLICY_NAME,	/* string */
	SRXFLOW_A_SESS_STATE,		/* u8: enum srxflow_session_state */
	SRXFLOW_A_SESS_TIMEOUT,		/* u32: remaining seconds */
	SRXFLOW_A_SESS_MAX_TIMEOUT,	/* u32: configured inactivity timeout */
	SRXFLOW_A_SESS_START,		/* u64: start, CLOCK_REALTIME seconds */
	SRXFLOW_A_SESS_DURATION,	/* u32: seconds */
	SRXFLOW_A_SESS_APP,		/* string: application name */
	SRXFLOW_A_SESS_FROM_ZONE,	/* string */
	SRXFLOW_A_SESS_TO_ZONE,		/* string */
	SRXFLOW_A_SESS_TCP_STATE,	/* string: e.g. "ESTABLISHED" */
	SRXFLOW_A_SESS_WING,		/* nest, 2x: SRXFLOW_A_WING_* (In, Out) */
	SRXFLOW_A_SESS_FLAGS,		/* u32: SRXFLOW_SF_* */
	__SRXFLOW_A_SESS_MAX,
	SRXFLOW_A_SESS_MAX = __SRXFLOW_A_SESS_MAX - 1
};

#define SRXFLOW_SF_SELF		(1U << 0)	/* originated by the router */
#define SRXFLOW_SF_TO_HOST	(1U << 1)	/* destined to the router */
#define SRXFLOW_SF_SNAT		(1U << 2)	/* source translated (source or reverse static NAT) */
#define SRXFLOW_SF_DNAT		(1U << 3)	/* destination translated (destination or static NAT) */
#define SRXFLOW_SF_OFFLOAD	(1U << 4)	/* services-offload: forwarded at ingress */

enum srxflow_wing_attr {
	SRXFLOW_A_WING_UNSPEC,
	SRXFLOW_A_WING_PAD,
	SRXFLOW_A_WING_DIR,		/* u8: 0 In, 1 Out */
	SRXFLOW_A_WING_SRC,		/* struct srxflow_prefix (full length) */
	SRXFLOW_A_WING_DST,		/* struct srxflow_prefix */
	SRXFLOW_A_WING_SPORT,		/* u16 (ICMP: echo id) */
	SRXFLOW_A_WING_DPORT,		/* u16 */
	SRXFLOW_A_WING_PROTOCOL,	/* u8 */
	SRXFLOW_A_WING_IFINDEX,		/* u32 */
	SRXFLOW_A_WING_IFNAME,		/* string */
	SRXFLOW_A_WING_VRF,		/* u32: VRF (l3mdev) ifindex, 0 main */
	SRXFLOW_A_WING_TABLE,		/* u32: routing table the wing's route
					 * was looked up in
					 */
	SRXFLOW_A_WING_PACKETS,		/* u64 */
	SRXFLOW_A_WING_BYTES,		/* u64 */
	SRXFLOW_A_WING_ROUTE,		/* u64: route handle, 0 = no route */
	SRXFLOW_A_WING_GATEWAY,		/* struct srxflow_prefix */
	SRXFLOW_A_WING_OUT_IFNAME,	/* string: egress interface of route */
	__SRXFLOW_A_WING_MAX,
	SRXFLOW_A_WING_MAX = __SRXFLOW_A_WING_MAX - 1
};

/*
 * Compact session dump.  A SESSION_GET dump request with SRXFLOW_A_SESS_FORMAT
 * SRXFLOW_SESS_FORMAT_REC1 is answered with one SRXFLOW_A_SESS_REC per
 * session instead of a SRXFLOW_A_SESSION nest: a fixed-layout record, the
 * same values as the nest's attributes.  Names (policy, application, zones,
 * interfaces, TCP state) are sent by index: an SRXFLOW_A_SESS_NAME defines
 * index -> string before the first record that uses it (earlier in the same
 * message or in an earlier message of the dump).  An index may be defined
 * again later in the dump with another string (the kernel's name cache was
 * full and started over): a definition holds until the next one of the same
 * index.  Index 0 is the empty string (no name: e.g. no TCP state, no
 * egress interface).  A later record version gets a new format value; a
 * record may grow at its end (read the attribute's length).
 */
#define SRXFLOW_SESS_FORMAT_ATTRS	0	/* SRXFLOW_A_SESSION nests (default) */
#define SRXFLOW_SESS_FORMAT_REC1	1	/* SRXFLOW_A_SESS_REC, version 1 */

struct srxflow_sess_name {
	__u16	index;		/* 1..65535 */
	__u16	pad;
	char	name[];		/* NUL-terminated */
};

struct srxflow_sess_rec_wing {
	__u8	src[16];	/* network byte order, IPv4 in the first 4 */
	__u8	dst[16];
	__u8	gateway[16];	/* valid if gw_family */
	__u16	sport;		/* host byte order (ICMP: echo id) */
	__u16	dport;
	__u8	protocol;
	__u8	family;		/* AF_INET, AF_INET6 */
	__u8	gw_family;	/* 0: no route (no gateway, no egress) */
	__u8	dir;		/* 0 In, 1 Out */
	__u16	ifname;		/* name index: interface packets arrive on */
	__u16	out_ifname;	/* name index: egress interface of the route */
	__u32	ifindex;
	__u32	vrf;
	__u32	table;		/* as SRXFLOW_A_WING_TABLE */
	__u64	packets;
	__u64	bytes;
	__u64	route;		/* route handle, 0 = no route */
};

struct srxflow_sess_rec {
	__u64	id;
	__u64	start;		/* CLOCK_REALTIME seconds */
	__u32	policy_index;
	__u32	timeout;	/* remaining seconds, or SRXFLOW_TIMEOUT_NEVER */
	__u32	max_timeout;	/* or SRXFLOW_TIMEOUT_NEVER */
	__u32	duration;
	__u32	flags;		/* SRXFLOW_SF_* */
	__u16	policy_name;	/* name indices */
	__u16	app;
	__u16	from_zone;
	__u16	to_zone;
	__u16	tcp_state;	/* 0: not TCP */
	__u8	state;		/* enum srxflow_session_state */
	__u8	pad;
	struct srxflow_sess_rec_wing w[2];	/* In, Out */
};

/* Session filters (show/clear security flow session ...): ANDed. */
enum srxflow_filter_attr {
	SRXFLOW_A_FILTER_UNSPEC,
	SRXFLOW_A_FILTER_PAD,
	SRXFLOW_A_FILTER_SRC_PREFIX,	/* struct srxflow_prefix */
	SRXFLOW_A_FILTER_DST_PREFIX,	/* struct srxflow_prefix */
	SRXFLOW_A_FILTER_SPORT,		/* u16 */
	SRXFLOW_A_FILTER_DPORT,		/* u16 */
	SRXFLOW_A_FILTER_PROTOCOL,	/* u8 */
	SRXFLOW_A_FILTER_IFNAME,	/* string: either wing's interface */
	SRXFLOW_A_FILTER_ZONE,		/* string: from- or to-zone */
	SRXFLOW_A_FILTER_POLICY_INDEX,	/* u32 */
	SRXFLOW_A_FILTER_SESSION_ID,	/* u64 */
	SRXFLOW_A_FILTER_FAMILY,	/* u8: AF_INET / AF_INET6 */
	__SRXFLOW_A_FILTER_MAX,
	SRXFLOW_A_FILTER_MAX = __SRXFLOW_A_FILTER_MAX - 1
};

/* show security flow session summary */
enum srxflow_summary_attr {
	SRXFLOW_A_SUM_UNSPEC,
	SRXFLOW_A_SUM_PAD,
	SRXFLOW_A_SUM_UNICAST,		/* u32 */
	SRXFLOW_A_SUM_MULTICAST,	/* u32 */
	SRXFLOW_A_SUM_FAILED,		/* u64 */
	SRXFLOW_A_SUM_IN_USE,		/* u32 */
	SRXFLOW_A_SUM_VALID,		/* u32 */
	SRXFLOW_A_SUM_PENDING,		/* u32 */
	SRXFLOW_A_SUM_INVALIDATED,	/* u32 */
	SRXFLOW_A_SUM_OTHER,		/* u32 */
	SRXFLOW_A_SUM_MAXIMUM,		/* u32 */
	SRXFLOW_A_SUM_OFFLOAD,		/* u32: services-offload sessions */
	__SRXFLOW_A_SUM_MAX,
	SRXFLOW_A_SUM_MAX = __SRXFLOW_A_SUM_MAX - 1
};

/*
 * Drop and event reasons.  Every packet srxflow drops is counted under one
 * of these, appears in the packet-drop records and (with traceoptions) in
 * the trace with the reason's text.
 */
enum srxflow_drop_reason {
	SRXFLOW_DROP_NONE,
	SRXFLOW_DROP_POLICY_DENY,	/* denied by policy */
	SRXFLOW_DROP_POLICY_REJECT,	/* rejected by policy */
	SRXFLOW_DROP_DEFAULT_DENY,	/* denied by default policy */
	SRXFLOW_DROP_NO_ROUTE,		/* no route to destination */
	SRXFLOW_DROP_NO_REVERSE_ROUTE,	/* Out wing has no route */
	SRXFLOW_DROP_WING_MISMATCH,	/* reply on the wrong interface */
	SRXFLOW_DROP_TCP_NO_SYN,	/* first TCP packet is not a SYN */
	SRXFLOW_DROP_TCP_OUT_OF_WINDOW,	/* sequence check failed */
	SRXFLOW_DROP_TCP_INVALID,	/* invalid flags / strict-syn-check */
	SRXFLOW_DROP_INVALID_ZONE,	/* First path Invalid zone */
	SRXFLOW_DROP_TABLE_FULL,	/* session table full */
	SRXFLOW_DROP_HOST_INBOUND,	/* host-inbound-traffic not allowed */
	SRXFLOW_DROP_MALFORMED,		/* malformed header */
	SRXFLOW_DROP_NO_SESSION,	/* ICMP error / reply without session */
	SRXFLOW_DROP_INVALIDATED,	/* session already ended */
	SRXFLOW_DROP_FAMILY_DROP,	/* forwarding-options ... mode drop */
	SRXFLOW_DROP_NO_MEMORY,		/* allocation failed */
	SRXFLOW_DROP_TTL,		/* TTL / hop limit exceeded */
	SRXFLOW_DROP_XMIT,		/* transmit failed */
	SRXFLOW_DROP_TOO_BIG,		/* over the egress MTU: ICMP sent back */
	SRXFLOW_DROP_LAND,		/* source == destination (both wings one key) */
	SRXFLOW_DROP_ICMP_MISMATCH,	/* ICMP error does not fit its session */
	SRXFLOW_DROP_REROUTE_ZONE,	/* new route leads out of the session's zone */
	SRXFLOW_DROP_FWD_DISABLED,	/* forwarding sysctl off on the input */
	SRXFLOW_DROP_RPF,		/* rp_filter: source not reachable via the input */
	SRXFLOW_DROP_MARTIAN,		/* martian source or destination address */
	SRXFLOW_DROP_NOT_HOST,		/* link-layer broadcast/multicast/other host */
	SRXFLOW_DROP_SOURCE_ROUTE,	/* IPv4 LSRR/SSRR not accepted */
	SRXFLOW_DROP_XFRM_POLICY,	/* xfrm policy blocks or no SA */
	SRXFLOW_DROP_SCREEN,		/* screen (ids-option) check */
	SRXFLOW_DROP_NAT_POOL_EXHAUSTED, /* source NAT: no free address/port in the pool */
	SRXFLOW_DROP_NAT_FAILED,	/* NAT rewrite impossible (no interface address) */
	SRXFLOW_DROP_SYN_COOKIE,	/* ACK without session: invalid SYN cookie */
	SRXFLOW_DROP_HOST_ROUTED,	/* accepted for the router, forwarded by Linux */
	SRXFLOW_DROP_ALG_GATE_IN_USE,	/* ALG: another session's gate takes that data connection */
	SRXFLOW_DROP_REPLY_IN_USE,	/* the router's own flow: its replies would match another session */
	SRXFLOW_DROP_ALG_OUT_OF_ORDER,	/* ALG: a segment ahead of bytes not seen yet (sent again) */
	__SRXFLOW_DROP_MAX
};

/* security flow syn-flood-protection-mode (default syn-cookie) */
enum srxflow_syn_protection {
	SRXFLOW_SYN_PROTECT_COOKIE,
	SRXFLOW_SYN_PROTECT_PROXY,	/* not implemented: a commit error */
};

/* show security flow statistics */
enum srxflow_stats_attr {
	SRXFLOW_A_STAT_UNSPEC,
	SRXFLOW_A_STAT_PAD,
	SRXFLOW_A_STAT_SESSIONS,	/* u32: current sessions */
	SRXFLOW_A_STAT_RX,		/* u64: packets received */
	SRXFLOW_A_STAT_TX,		/* u64: packets transmitted */
	SRXFLOW_A_STAT_FORWARDED,	/* u64: packets forwarded */
	SRXFLOW_A_STAT_HOST,		/* u64: packets to the host */
	SRXFLOW_A_STAT_DROPPED,		/* u64: packets dropped */
	SRXFLOW_A_STAT_FRAGMENTS,	/* u64: fragmented packets received */
	SRXFLOW_A_STAT_FIRST_PATH,	/* u64: first-path packets */
	SRXFLOW_A_STAT_FAST_PATH,	/* u64: fast-path packets */
	SRXFLOW_A_STAT_CREATED,		/* u64: sessions created */
	SRXFLOW_A_STAT_CLOSED,		/* u64: sessions closed */
	SRXFLOW_A_STAT_FAILED,		/* u64: session creation failures */
	SRXFLOW_A_STAT_ICMP_ERR,	/* u64: ICMP errors relayed */
	SRXFLOW_A_STAT_REROUTED,	/* u64: wings re-routed */
	SRXFLOW_A_STAT_DROP,		/* nest: u64 per reason, attr type =
					 * enum srxflow_drop_reason
					 */
	SRXFLOW_A_STAT_BYPASS,		/* u64: packets of unzoned interfaces */
	SRXFLOW_A_STAT_LOG_SENT,	/* u64: session log events sent */
	SRXFLOW_A_STAT_LOG_DROPPED,	/* u64: session log events lost (no memory) */
	SRXFLOW_A_STAT_OFFLOAD,		/* u64: services-offload packets processed */
	SRXFLOW_A_STAT_ANSWERS_LIMITED,	/* u64: RSTs / ICMP errors not sent (rate limit) */
	__SRXFLOW_A_STAT_MAX,
	SRXFLOW_A_STAT_MAX = __SRXFLOW_A_STAT_MAX - 1
};

/* show security policies hit-count; show security match-policies */
enum srxflow_hits_attr {
	SRXFLOW_A_HITS_UNSPEC,
	SRXFLOW_A_HITS_PAD,
	SRXFLOW_A_HITS_INDEX,		/* u32 */
	SRXFLOW_A_HITS_NAME,		/* string */
	SRXFLOW_A_HITS_FROM_ZONE,	/* string ("" for global) */
	SRXFLOW_A_HITS_TO_ZONE,		/* string */
	SRXFLOW_A_HITS_ACTION,		/* u8 */
	SRXFLOW_A_HITS_COUNT,		/* u64: sessions matched */
	SRXFLOW_A_HITS_PACKETS,		/* u64: then count: packets */
	SRXFLOW_A_HITS_BYTES,		/* u64: then count: bytes */
	SRXFLOW_A_HITS_ACTIVE,		/* u32: sessions active */
	SRXFLOW_A_HITS_GLOBAL,		/* flag: global policy */
	SRXFLOW_A_HITS_SEQUENCE,	/* u32: position within its context */
	__SRXFLOW_A_HITS_MAX,
	SRXFLOW_A_HITS_MAX = __SRXFLOW_A_HITS_MAX - 1
};

enum srxflow_match_attr {
	SRXFLOW_A_MATCH_UNSPEC,
	SRXFLOW_A_MATCH_FROM_ZONE,	/* string */
	SRXFLOW_A_MATCH_TO_ZONE,	/* string */
	SRXFLOW_A_MATCH_SRC,		/* struct srxflow_prefix */
	SRXFLOW_A_MATCH_DST,		/* struct srxflow_prefix */
	SRXFLOW_A_MATCH_SPORT,		/* u16 */
	SRXFLOW_A_MATCH_DPORT,		/* u16 */
	SRXFLOW_A_MATCH_PROTOCOL,	/* u8 */
	SRXFLOW_A_MATCH_RESULT_COUNT,	/* u32: max results, default 1 */
	__SRXFLOW_A_MATCH_MAX,
	SRXFLOW_A_MATCH_MAX = __SRXFLOW_A_MATCH_MAX - 1
};

/* Interfaces bound to zones (IFACE_GET) */
enum srxflow_iface_attr {
	SRXFLOW_A_IFACE_UNSPEC,
	SRXFLOW_A_IFACE_NAME,		/* string */
	SRXFLOW_A_IFACE_ZONE,		/* string */
	SRXFLOW_A_IFACE_IFINDEX,	/* u32: 0 when the device does not exist */
	SRXFLOW_A_IFACE_VRF,		/* string: VRF device name, "" main */
	SRXFLOW_A_IFACE_TABLE,		/* u32: routing table */
	__SRXFLOW_A_IFACE_MAX,
	SRXFLOW_A_IFACE_MAX = __SRXFLOW_A_IFACE_MAX - 1
};

/* Trace lines (LOG_GET, TRACE_EVENT) */
enum srxflow_line_attr {
	SRXFLOW_A_LINE_UNSPEC,
	SRXFLOW_A_LINE_PAD,
	SRXFLOW_A_LINE_SEQ,		/* u64: sequence number */
	SRXFLOW_A_LINE_TIME,		/* u64: CLOCK_REALTIME, nanoseconds */
	SRXFLOW_A_LINE_TEXT,		/* string */
	SRXFLOW_A_LINE_LOST,		/* u64: lines lost before this one */
	__SRXFLOW_A_LINE_MAX,
	SRXFLOW_A_LINE_MAX = __SRXFLOW_A_LINE_MAX - 1
};

/* Packet-drop records (DROP_GET, DROP_EVENT) */
enum srxflow_drop_attr {
	SRXFLOW_A_DROP_UNSPEC,
	SRXFLOW_A_DROP_PAD,
	SRXFLOW_A_DROP_TIME,		/* u64: CLOCK_REALTIME, nanoseconds */
	SRXFLOW_A_DROP_SRC,		/* struct srxflow_prefix */
	SRXFLOW_A_DROP_DST,		/* struct srxflow_prefix */
	SRXFLOW_A_DROP_SPORT,		/* u16 */
	SRXFLOW_A_DROP_DPORT,		/* u16 */
	SRXFLOW_A_DROP_PROTOCOL,	/* u8 */
	SRXFLOW_A_DROP_IPID,		/* u32 */
	SRXFLOW_A_DROP_IFNAME,		/* string */
	SRXFLOW_A_DROP_REASON,		/* u32: enum srxflow_drop_reason */
	SRXFLOW_A_DROP_TEXT,		/* string: e.g. "denied by policy p1(3)" */
	SRXFLOW_A_DROP_SEQ,		/* u64 */
	__SRXFLOW_A_DROP_MAX,
	SRXFLOW_A_DROP_MAX = __SRXFLOW_A_DROP_MAX - 1
};

/*
 * security log: where srxflow-logd writes the session log.  The kernel
 * validates and keeps it with the rest of the configuration; the logger
 * reads it back (CFG_GET).
 */
enum srxflow_log_mode {
	SRXFLOW_LOG_MODE_EVENT,		/* local syslog (default) */
	SRXFLOW_LOG_MODE_STREAM,	/* straight to the stream hosts */
	SRXFLOW_LOG_MODE_STREAM_EVENT,	/* both */
};

enum srxflow_log_format {
	SRXFLOW_LOG_FORMAT_SYSLOG,	/* Junos text (default) */
	SRXFLOW_LOG_FORMAT_SD_SYSLOG,	/* RFC 5424 structured data */
};

enum srxflow_log_category {
	SRXFLOW_LOG_CAT_ALL,
	SRXFLOW_LOG_CAT_FLOW,
	SRXFLOW_LOG_CAT_SESSION,
	SRXFLOW_LOG_CAT_SCREEN,		/* RT_IDS (screen events) only */
	SRXFLOW_LOG_CAT_NAT,		/* RT_NAT (source pool utilization alarms) only */
};

enum srxflow_log_transport {
	SRXFLOW_LOG_TRANSPORT_UDP,
	SRXFLOW_LOG_TRANSPORT_TCP,
};

#define SRXFLOW_LOG_STREAMS_MAX		8

enum srxflow_seclog_attr {
	SRXFLOW_A_SECLOG_UNSPEC,
	SRXFLOW_A_SECLOG_MODE,		/* u8: enum srxflow_log_mode */
	SRXFLOW_A_SECLOG_FORMAT,	/* u8: enum srxflow_log_format */
	SRXFLOW_A_SECLOG_SOURCE_ADDRESS, /* struct srxflow_prefix */
	SRXFLOW_A_SECLOG_STREAM,	/* nest, repeated: SRXFLOW_A_LSTREAM_* */
	__SRXFLOW_A_SECLOG_MAX,
	SRXFLOW_A_SECLOG_MAX = __SRXFLOW_A_SECLOG_MAX - 1
};

enum srxflow_log_stream_attr {
	SRXFLOW_A_LSTREAM_UNSPEC,
	SRXFLOW_A_LSTREAM_NAME,		/* string */
	SRXFLOW_A_LSTREAM_HOST,		/* struct srxflow_prefix */
	SRXFLOW_A_LSTREAM_PORT,		/* u32: 1..65535 (default 514) */
	SRXFLOW_A_LSTREAM_FORMAT,	/* u8: enum srxflow_log_format */
	SRXFLOW_A_LSTREAM_CATEGORY,	/* u8: enum srxflow_log_category */
	SRXFLOW_A_LSTREAM_TRANSPORT,	/* u8: enum srxflow_log_transport */
	__SRXFLOW_A_LSTREAM_MAX,
	SRXFLOW_A_LSTREAM_MAX = __SRXFLOW_A_LSTREAM_MAX - 1
};

/* Session log events (SESSION_EVENT): Junos RT_FLOW_SESSION_* */
enum srxflow_slog_type {
	SRXFLOW_SLOG_CREATE = 1,	/* RT_FLOW_SESSION_CREATE */
	SRXFLOW_SLOG_CLOSE,		/* RT_FLOW_SESSION_CLOSE */
	SRXFLOW_SLOG_DENY,		/* RT_FLOW_SESSION_DENY */
	SRXFLOW_SLOG_SCREEN,		/* RT_IDS: RT_SCREEN_TCP|UDP|ICMP|IP|SESSION_LIMIT */
	SRXFLOW_SLOG_NAT_POOL_RAISE,	/* RT_NAT: a source pool's utilization reached raise */
	SRXFLOW_SLOG_NAT_POOL_CLEAR,	/* RT_NAT: ... fell below clear-threshold */
};

/* SRXFLOW_A_SLOG_SCREEN_ACTION: what the screen did with the packet */
enum srxflow_screen_action {
	SRXFLOW_SCREEN_ACTION_DROP,
	SRXFLOW_SCREEN_ACTION_ALARM,	/* alarm-without-drop (and SYN cookies) */
};

enum srxflow_slog_attr {
	SRXFLOW_A_SLOG_UNSPEC,
	SRXFLOW_A_SLOG_PAD,
	SRXFLOW_A_SLOG_TYPE,		/* u8: enum srxflow_slog_type */
	SRXFLOW_A_SLOG_SEQ,		/* u64: event number in the namespace */
	SRXFLOW_A_SLOG_TIME,		/* u64: CLOCK_REALTIME, nanoseconds */
	SRXFLOW_A_SLOG_SESSION_ID,	/* u64 (0 for deny) */
	SRXFLOW_A_SLOG_SRC,		/* struct srxflow_prefix */
	SRXFLOW_A_SLOG_DST,		/* struct srxflow_prefix */
	SRXFLOW_A_SLOG_SPORT,		/* u16 (ICMP: echo id) */
	SRXFLOW_A_SLOG_DPORT,		/* u16 */
	SRXFLOW_A_SLOG_PROTOCOL,	/* u8 */
	SRXFLOW_A_SLOG_ICMP_TYPE,	/* u8 (ICMP only) */
	SRXFLOW_A_SLOG_SERVICE,		/* string: application, e.g. junos-http */
	SRXFLOW_A_SLOG_POLICY,		/* string */
	SRXFLOW_A_SLOG_FROM_ZONE,	/* string */
	SRXFLOW_A_SLOG_TO_ZONE,		/* string */
	SRXFLOW_A_SLOG_IFNAME,		/* string: ingress interface */
	SRXFLOW_A_SLOG_REASON,		/* string: close/deny reason, Junos words */
	SRXFLOW_A_SLOG_PACKETS_C2S,	/* u64: close: client to server */
	SRXFLOW_A_SLOG_BYTES_C2S,	/* u64 */
	SRXFLOW_A_SLOG_PACKETS_S2C,	/* u64: close: server to client */
	SRXFLOW_A_SLOG_BYTES_S2C,	/* u64 */
	SRXFLOW_A_SLOG_ELAPSED,		/* u32: close: seconds */
	/* translated sessions only (create, close): the tuple as it left */
	SRXFLOW_A_SLOG_NAT_SRC,		/* struct srxflow_prefix */
	SRXFLOW_A_SLOG_NAT_DST,		/* struct srxflow_prefix */
	SRXFLOW_A_SLOG_NAT_SPORT,	/* u16 */
	SRXFLOW_A_SLOG_NAT_DPORT,	/* u16 */
	SRXFLOW_A_SLOG_SRC_NAT_RULE_TYPE, /* string: "source rule", "static rule" */
	SRXFLOW_A_SLOG_SRC_NAT_RULE,	/* string */
	SRXFLOW_A_SLOG_DST_NAT_RULE_TYPE, /* string: "destination rule", "static rule" */
	SRXFLOW_A_SLOG_DST_NAT_RULE,	/* string */
	/*
	 * screen events (SLOG_SCREEN): src/dst/ports/protocol of the packet,
	 * FROM_ZONE the zone, IFNAME the arrival interface, REASON the Junos
	 * attack name ("SYN flood!"); no session id, service, policy, to-zone
	 */
	SRXFLOW_A_SLOG_SCREEN_CHECK,	/* u8: enum srxflow_screen_check */
	SRXFLOW_A_SLOG_SCREEN_ACTION,	/* u8: enum srxflow_screen_action */
	/*
	 * source pool utilization alarms (SLOG_NAT_POOL_RAISE, _CLEAR): the
	 * tuple and session id are those of the session whose creation or
	 * end crossed the threshold
	 */
	SRXFLOW_A_SLOG_NAT_POOL,	/* string: the source pool */
	SRXFLOW_A_SLOG_NAT_POOL_THRESHOLD, /* u8: percent, the threshold crossed */
	SRXFLOW_A_SLOG_NAT_POOL_UTIL,	/* u8: percent, the utilization now */
	__SRXFLOW_A_SLOG_MAX,
	SRXFLOW_A_SLOG_MAX = __SRXFLOW_A_SLOG_MAX - 1
};

/*
 * --- Screens: security screen ids-option NAME ... ------------------------
 * One attribute per statement.  A flag enables a check; a container with a
 * threshold (icmp flood threshold N) is enabled by its flag, the threshold
 * attribute, when absent, takes the default given here.
 */
enum srxflow_screen_attr {
	SRXFLOW_A_SCREEN_UNSPEC,
	SRXFLOW_A_SCREEN_NAME,			/* string */
	SRXFLOW_A_SCREEN_DESCRIPTION,		/* string */
	SRXFLOW_A_SCREEN_ALARM_WITHOUT_DROP,	/* flag */
	SRXFLOW_A_SCREEN_ICMP_FLOOD,		/* flag: icmp flood */
	SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD,	/* u32: 1..1000000 pps, default 1000 */
	SRXFLOW_A_SCREEN_ICMP_SWEEP,		/* flag: icmp ip-sweep */
	SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD,	/* u32: 1000..1000000 us, default 5000 */
	SRXFLOW_A_SCREEN_ICMP_FRAGMENT,		/* flag */
	SRXFLOW_A_SCREEN_ICMP_LARGE,		/* flag: ICMP over 1024 bytes */
	SRXFLOW_A_SCREEN_ICMP_PING_DEATH,	/* flag */
	SRXFLOW_A_SCREEN_UDP_FLOOD,		/* flag */
	SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD,	/* u32: 1..1000000 pps, default 1000 */
	SRXFLOW_A_SCREEN_UDP_SWEEP,		/* flag */
	SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD,	/* u32: 1000..1000000 us, default 5000 */
	SRXFLOW_A_SCREEN_UDP_PORT_SCAN,		/* flag */
	SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD, /* u32: 1000..1000000 us, default 5000 */
	SRXFLOW_A_SCREEN_TCP_PORT_SCAN,		/* flag */
	SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD, /* u32: 1000..1000000 us, default 5000 */
	SRXFLOW_A_SCREEN_TCP_SWEEP,		/* flag */
	SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD,	/* u32: 1000..1000000 us, default 5000 */
	SRXFLOW_A_SCREEN_SYN_FLOOD,		/* flag: tcp syn-flood */
	SRXFLOW_A_SCREEN_SYN_ALARM,		/* u32: 1..500000 /s, default 512 */
	SRXFLOW_A_SCREEN_SYN_ATTACK,		/* u32: 1..500000 /s, default 200 */
	SRXFLOW_A_SCREEN_SYN_SOURCE,		/* u32: 4..500000 /s, default 4000 */
	SRXFLOW_A_SCREEN_SYN_DEST,		/* u32: 4..500000 /s, default 4000 */
	SRXFLOW_A_SCREEN_SYN_TIMEOUT,		/* u32: 1..50 s, default 20 */
	SRXFLOW_A_SCREEN_SYN_QUEUE_SIZE,	/* u32: deprecated in Junos: refused at commit */
	SRXFLOW_A_SCREEN_SYN_ACK_ACK,		/* flag: tcp syn-ack-ack-proxy */
	SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD,	/* u32: 1..250000, default 512 */
	SRXFLOW_A_SCREEN_LAND,			/* flag: tcp land */
	SRXFLOW_A_SCREEN_WINNUKE,		/* flag */
	SRXFLOW_A_SCREEN_SYN_FIN,		/* flag */
	SRXFLOW_A_SCREEN_FIN_NO_ACK,		/* flag */
	SRXFLOW_A_SCREEN_TCP_NO_FLAG,		/* flag */
	SRXFLOW_A_SCREEN_SYN_FRAG,		/* flag */
	SRXFLOW_A_SCREEN_IP_RECORD_ROUTE,	/* flag: ip record-route-option */
	SRXFLOW_A_SCREEN_IP_TIMESTAMP,		/* flag */
	SRXFLOW_A_SCREEN_IP_SECURITY,		/* flag */
	SRXFLOW_A_SCREEN_IP_STREAM,		/* flag */
	SRXFLOW_A_SCREEN_IP_LOOSE_SRC_ROUTE,	/* flag */
	SRXFLOW_A_SCREEN_IP_STRICT_SRC_ROUTE,	/* flag */
	SRXFLOW_A_SCREEN_IP_SOURCE_ROUTE,	/* flag: either source route */
	SRXFLOW_A_SCREEN_IP_BAD_OPTION,		/* flag */
	SRXFLOW_A_SCREEN_IP_SPOOFING,		/* flag */
	SRXFLOW_A_SCREEN_IP_UNKNOWN_PROTOCOL,	/* flag: protocol >= 137 */
	SRXFLOW_A_SCREEN_IP_BLOCK_FRAG,		/* flag */
	SRXFLOW_A_SCREEN_IP_TEAR_DROP,		/* flag */
	SRXFLOW_A_SCREEN_LIMIT_SRC,		/* u32: 1..8000000 sessions */
	SRXFLOW_A_SCREEN_LIMIT_DST,		/* u32: 1..8000000 sessions */
	SRXFLOW_A_SCREEN_SYN_WHITE_LIST,	/* nest, repeated: SRXFLOW_A_SCRWL_* */
	__SRXFLOW_A_SCREEN_MAX,
	SRXFLOW_A_SCREEN_MAX = __SRXFLOW_A_SCREEN_MAX - 1
};

/*
 * tcp syn-flood white-list NAME source-address P... destination-address
 * P...: SYNs from one of the sources (any, if none) to one of the
 * destinations (any, if none) skip the syn-flood checks.
 */
#define SRXFLOW_SCREEN_WHITE_LISTS_MAX		2
#define SRXFLOW_SCREEN_WHITE_LIST_ADDRS_MAX	32	/* per direction */

enum srxflow_scrwl_attr {
	SRXFLOW_A_SCRWL_UNSPEC,
	SRXFLOW_A_SCRWL_NAME,			/* string */
	SRXFLOW_A_SCRWL_SRC,			/* struct srxflow_prefix, repeated */
	SRXFLOW_A_SCRWL_DST,			/* struct srxflow_prefix, repeated */
	__SRXFLOW_A_SCRWL_MAX,
	SRXFLOW_A_SCRWL_MAX = __SRXFLOW_A_SCRWL_MAX - 1
};

/*
 * The screen checks, in the order of `show security screen statistics`
 * (SRXFLOW_A_SCREEN_STATS carries one u64 per check, attr type = check;
 * 0, none, is never a check: the nest's 64-bit alignment pad).
 */
enum srxflow_screen_check {
	SRXFLOW_SCR_NONE,
	SRXFLOW_SCR_ICMP_FLOOD,
	SRXFLOW_SCR_UDP_FLOOD,
	SRXFLOW_SCR_WINNUKE,
	SRXFLOW_SCR_TCP_PORT_SCAN,
	SRXFLOW_SCR_ICMP_SWEEP,
	SRXFLOW_SCR_TEAR_DROP,
	SRXFLOW_SCR_SYN_FLOOD,
	SRXFLOW_SCR_SPOOFING,
	SRXFLOW_SCR_PING_DEATH,
	SRXFLOW_SCR_SOURCE_ROUTE,
	SRXFLOW_SCR_LAND,
	SRXFLOW_SCR_SYN_FRAG,
	SRXFLOW_SCR_TCP_NO_FLAG,
	SRXFLOW_SCR_UNKNOWN_PROTOCOL,
	SRXFLOW_SCR_BAD_OPTION,
	SRXFLOW_SCR_RECORD_ROUTE,
	SRXFLOW_SCR_TIMESTAMP,
	SRXFLOW_SCR_SECURITY,
	SRXFLOW_SCR_LOOSE_SRC_ROUTE,
	SRXFLOW_SCR_STRICT_SRC_ROUTE,
	SRXFLOW_SCR_STREAM,
	SRXFLOW_SCR_ICMP_FRAGMENT,
	SRXFLOW_SCR_ICMP_LARGE,
	SRXFLOW_SCR_SYN_FIN,
	SRXFLOW_SCR_FIN_NO_ACK,
	SRXFLOW_SCR_LIMIT_SRC,
	SRXFLOW_SCR_SYN_ACK_ACK,
	SRXFLOW_SCR_BLOCK_FRAG,
	SRXFLOW_SCR_LIMIT_DST,
	SRXFLOW_SCR_UDP_SWEEP,
	SRXFLOW_SCR_UDP_PORT_SCAN,
	SRXFLOW_SCR_TCP_SWEEP,
	/* srxflow: SYN-flood protection (syn-cookie) past the attack threshold */
	SRXFLOW_SCR_SYN_COOKIE_SENT,	/* SYN answered with a SYN cookie */
	SRXFLOW_SCR_SYN_COOKIE_VALID,	/* ACK with a valid cookie: session opened */
	SRXFLOW_SCR_SYN_COOKIE_INVALID,	/* ACK with an invalid cookie: dropped */
	__SRXFLOW_SCR_MAX
};

/* --- NAT (security nat source|destination|static) ------------------------- */
enum srxflow_nat_kind {
	SRXFLOW_NAT_SOURCE,
	SRXFLOW_NAT_DESTINATION,
	SRXFLOW_NAT_STATIC,
};

#define SRXFLOW_NAT_POOL_ADDRS_MAX	64	/* address entries of a pool */
#define SRXFLOW_NAT_POOL_SIZE_MAX	65536	/* addresses of one entry */
/* pool-utilization-alarm, percent; clear-threshold defaults to 80 % of raise */
#define SRXFLOW_NAT_ALARM_RAISE_MIN	50
#define SRXFLOW_NAT_ALARM_CLEAR_MIN	40
#define SRXFLOW_NAT_ALARM_MAX		100
#define SRXFLOW_NAT_RULESETS_MAX	1024	/* per kind */
#define SRXFLOW_NAT_RULES_MAX		512	/* per rule-set */
#define SRXFLOW_NAT_MATCH_MAX		8	/* addresses, names, protocols of a rule */
#define SRXFLOW_NAT_CTX_MAX		8	/* from / to names of a rule-set */
#define SRXFLOW_NAT_SHOW_RANGES		64	/* NAT_GET: address ranges listed per rule side */

/* security nat source|destination pool NAME */
enum srxflow_npool_attr {
	SRXFLOW_A_NPOOL_UNSPEC,
	SRXFLOW_A_NPOOL_NAME,		/* string */
	SRXFLOW_A_NPOOL_DESCRIPTION,	/* string */
	SRXFLOW_A_NPOOL_ADDRESS,	/* nest, repeated: SRXFLOW_A_NADDR_* */
	SRXFLOW_A_NPOOL_PORT_LO,	/* u32: port range LOW (source) */
	SRXFLOW_A_NPOOL_PORT_HI,	/* u32: port range ... to HIGH */
	SRXFLOW_A_NPOOL_NO_TRANSLATION,	/* flag: port no-translation (source) */
	SRXFLOW_A_NPOOL_OVERFLOW_POOL,	/* string: overflow-pool POOL | "interface" (source) */
	SRXFLOW_A_NPOOL_ALARM_RAISE,	/* u32: pool-utilization-alarm raise-threshold 50..100 */
	SRXFLOW_A_NPOOL_ALARM_CLEAR,	/* u32: ... clear-threshold 40..100 (below raise) */
	SRXFLOW_A_NPOOL_ROUTING_INSTANCE, /* string: routing-instance RI (a VRF device; "default") */
	__SRXFLOW_A_NPOOL_MAX,
	SRXFLOW_A_NPOOL_MAX = __SRXFLOW_A_NPOOL_MAX - 1
};

enum srxflow_naddr_attr {
	SRXFLOW_A_NADDR_UNSPEC,
	SRXFLOW_A_NADDR_LO,		/* struct srxflow_prefix: address A[/len] */
	SRXFLOW_A_NADDR_HI,		/* struct srxflow_prefix: ... to B */
	SRXFLOW_A_NADDR_PORT,		/* u32: destination pool: port N */
	SRXFLOW_A_NADDR_IN_USE,		/* u32 (NAT_GET, source pools): sessions translated
					 * to an address of the entry (PAT: ports in use)
					 */
	__SRXFLOW_A_NADDR_MAX,
	SRXFLOW_A_NADDR_MAX = __SRXFLOW_A_NADDR_MAX - 1
};

/* security nat source|destination|static rule-set NAME */
enum srxflow_nrs_attr {
	SRXFLOW_A_NRS_UNSPEC,
	SRXFLOW_A_NRS_NAME,		/* string */
	SRXFLOW_A_NRS_DESCRIPTION,	/* string */
	SRXFLOW_A_NRS_FROM_ZONE,	/* string, repeated */
	SRXFLOW_A_NRS_FROM_IF,		/* string, repeated */
	SRXFLOW_A_NRS_FROM_RI,		/* string, repeated */
	SRXFLOW_A_NRS_TO_ZONE,		/* string, repeated (source only) */
	SRXFLOW_A_NRS_TO_IF,		/* string, repeated */
	SRXFLOW_A_NRS_TO_RI,		/* string, repeated */
	SRXFLOW_A_NRS_RULE,		/* nest, repeated, in order: SRXFLOW_A_NRULE_* */
	__SRXFLOW_A_NRS_MAX,
	SRXFLOW_A_NRS_MAX = __SRXFLOW_A_NRS_MAX - 1
};

enum srxflow_nat_action {
	SRXFLOW_NAT_ACT_NONE,
	SRXFLOW_NAT_ACT_OFF,		/* source-nat off, destination-nat off */
	SRXFLOW_NAT_ACT_INTERFACE,	/* source-nat interface */
	SRXFLOW_NAT_ACT_POOL,		/* source-nat pool P, destination-nat pool P */
	SRXFLOW_NAT_ACT_PREFIX,		/* static-nat prefix P */
};

enum srxflow_nrule_attr {
	SRXFLOW_A_NRULE_UNSPEC,
	SRXFLOW_A_NRULE_NAME,		/* string */
	SRXFLOW_A_NRULE_DESCRIPTION,	/* string */
	SRXFLOW_A_NRULE_SRC_ADDR,	/* struct srxflow_prefix, repeated */
	SRXFLOW_A_NRULE_SRC_NAME,	/* string, repeated: address book name */
	SRXFLOW_A_NRULE_DST_ADDR,	/* struct srxflow_prefix, repeated */
	SRXFLOW_A_NRULE_DST_NAME,	/* string, repeated */
	SRXFLOW_A_NRULE_SPORT,		/* u32: port range, repeated */
	SRXFLOW_A_NRULE_DPORT,		/* u32: port range, repeated */
	SRXFLOW_A_NRULE_PROTOCOL,	/* u8, repeated */
	SRXFLOW_A_NRULE_SNAT,		/* u8: then source-nat off|interface (enum srxflow_nat_action) */
	SRXFLOW_A_NRULE_DNAT,		/* u8: then destination-nat off */
	SRXFLOW_A_NRULE_POOL,		/* string: then source-nat|destination-nat pool P */
	SRXFLOW_A_NRULE_PREFIX,		/* struct srxflow_prefix: static-nat prefix */
	SRXFLOW_A_NRULE_MAPPED_PORT,	/* u32: static-nat prefix P mapped-port N */
	__SRXFLOW_A_NRULE_MAX,
	SRXFLOW_A_NRULE_MAX = __SRXFLOW_A_NRULE_MAX - 1
};

/* NAT_GET: one nest per rule (SRXFLOW_A_NAT_RULE) or pool (SRXFLOW_A_NAT_POOL) */
enum srxflow_nstat_attr {
	SRXFLOW_A_NSTAT_UNSPEC,
	SRXFLOW_A_NSTAT_PAD,
	SRXFLOW_A_NSTAT_KIND,		/* u8: enum srxflow_nat_kind */
	SRXFLOW_A_NSTAT_NAME,		/* string: rule or pool */
	SRXFLOW_A_NSTAT_RULESET,	/* string (rules) */
	SRXFLOW_A_NSTAT_ID,		/* u32: rule id / pool id, 1.. */
	SRXFLOW_A_NSTAT_POSITION,	/* u32: rule position in its rule-set */
	SRXFLOW_A_NSTAT_FROM_TYPE,	/* u8: 0 zone, 1 interface, 2 routing-instance */
	SRXFLOW_A_NSTAT_FROM,		/* string, repeated */
	SRXFLOW_A_NSTAT_TO_TYPE,	/* u8 */
	SRXFLOW_A_NSTAT_TO,		/* string, repeated */
	SRXFLOW_A_NSTAT_SRC,		/* nest: SRXFLOW_A_NADDR_LO/HI, repeated */
	SRXFLOW_A_NSTAT_DST,		/* nest: SRXFLOW_A_NADDR_LO/HI, repeated */
	SRXFLOW_A_NSTAT_DPORT,		/* u32: port range, repeated */
	SRXFLOW_A_NSTAT_ACTION,		/* u8: enum srxflow_nat_action */
	SRXFLOW_A_NSTAT_POOL,		/* string: the rule's pool */
	SRXFLOW_A_NSTAT_ADDR,		/* nest: SRXFLOW_A_NADDR_*, repeated (pools; static: prefix) */
	SRXFLOW_A_NSTAT_PORT_LO,	/* u32 (source pools: PAT range; 0: no translation) */
	SRXFLOW_A_NSTAT_PORT_HI,	/* u32 */
	SRXFLOW_A_NSTAT_HITS,		/* u64: translation hits */
	SRXFLOW_A_NSTAT_FAILED,		/* u64: allocation failures */
	SRXFLOW_A_NSTAT_SESSIONS,	/* u32: sessions now using it */
	SRXFLOW_A_NSTAT_PROTOCOL,	/* u8, repeated */
	SRXFLOW_A_NSTAT_SRC_NAME,	/* string, repeated: address book names */
	SRXFLOW_A_NSTAT_DST_NAME,	/* string, repeated */
	SRXFLOW_A_NSTAT_MAPPED_PORT,	/* u32 (static) */
	SRXFLOW_A_NSTAT_OVERFLOW,	/* string: source pool's overflow-pool (or "interface") */
	SRXFLOW_A_NSTAT_OVERFLOWED,	/* u64: sessions this pool passed to its overflow */
	/* source pools: utilization (ports with PAT, else addresses) */
	SRXFLOW_A_NSTAT_IN_USE,		/* u64: sessions translated by the pool now */
	SRXFLOW_A_NSTAT_CAPACITY,	/* u64: addresses x ports (PAT), addresses (no PAT) */
	SRXFLOW_A_NSTAT_ALARM_RAISE,	/* u8: raise-threshold in effect (absent: no alarm) */
	SRXFLOW_A_NSTAT_ALARM_CLEAR,	/* u8: clear-threshold in effect */
	SRXFLOW_A_NSTAT_ALARM_RAISED,	/* u8: 1 while the alarm is raised */
	SRXFLOW_A_NSTAT_ALARMS,		/* u64: times the alarm was raised */
	SRXFLOW_A_NSTAT_ROUTING_INSTANCE, /* string: pools: routing-instance (absent: default) */
	/*
	 * rules: the ranges of the source (destination) addresses in all,
	 * present when there are more than the SRXFLOW_NAT_SHOW_RANGES
	 * SRXFLOW_A_NSTAT_SRC (_DST) listed
	 */
	SRXFLOW_A_NSTAT_SRC_RANGES,	/* u32 */
	SRXFLOW_A_NSTAT_DST_RANGES,	/* u32 */
	__SRXFLOW_A_NSTAT_MAX,
	SRXFLOW_A_NSTAT_MAX = __SRXFLOW_A_NSTAT_MAX - 1
};

/* security nat source (options of all source NAT) */
enum srxflow_nsrc_attr {
	SRXFLOW_A_NSRC_UNSPEC,
	SRXFLOW_A_NSRC_ADDRESS_PERSISTENT, /* flag: a host keeps one pool address */
	SRXFLOW_A_NSRC_ALARM_RAISE,	/* u32: pool-utilization-alarm raise-threshold (all) */
	SRXFLOW_A_NSRC_ALARM_CLEAR,	/* u32: ... clear-threshold */
	__SRXFLOW_A_NSRC_MAX,
	SRXFLOW_A_NSRC_MAX = __SRXFLOW_A_NSRC_MAX - 1
};

/*
 * security nat proxy-arp|proxy-ndp interface IF address A[/len] [to B]:
 * the router answers ARP requests (IPv6 neighbour solicitations) for those
 * addresses on IF only, and announces them when a commit adds them.
 */
#define SRXFLOW_NAT_PROXY_ADDRS_MAX	64	/* address entries of an interface */
#define SRXFLOW_NAT_PROXY_SIZE_MAX	1024	/* addresses of one entry */

enum srxflow_nproxy_attr {
	SRXFLOW_A_NPROXY_UNSPEC,
	SRXFLOW_A_NPROXY_PAD,
	SRXFLOW_A_NPROXY_INTERFACE,	/* string: the logical interface (in a zone) */
	SRXFLOW_A_NPROXY_ADDRESS,	/* nest, repeated: SRXFLOW_A_NADDR_LO [/HI] */
	SRXFLOW_A_NPROXY_FAMILY,	/* u8: AF_INET (proxy-arp), AF_INET6 (NAT_GET) */
	SRXFLOW_A_NPROXY_REPLIES,	/* u64: requests answered (NAT_GET) */
	SRXFLOW_A_NPROXY_ANNOUNCED,	/* u64: gratuitous ARP / unsolicited NA sent (NAT_GET) */
	__SRXFLOW_A_NPROXY_MAX,
	SRXFLOW_A_NPROXY_MAX = __SRXFLOW_A_NPROXY_MAX - 1
};

/* --- ALGs (security alg) ------------------------------------------------ */

/* the ALGs srxflow implements; the others are listed as not implemented */
enum srxflow_alg {
	SRXFLOW_ALG_NONE,
	SRXFLOW_ALG_FTP,
	SRXFLOW_ALG_TFTP,
	__SRXFLOW_ALG_MAX,
	SRXFLOW_ALG_MAX = __SRXFLOW_ALG_MAX - 1
};

/* SRXFLOW_A_CFG_ALG: security alg ... */
enum srxflow_algcfg_attr {
	SRXFLOW_A_ALGCFG_UNSPEC,
	SRXFLOW_A_ALGCFG_FTP_DISABLE,	/* flag: security alg ftp disable */
	SRXFLOW_A_ALGCFG_TFTP_DISABLE,	/* flag: security alg tftp disable */
	__SRXFLOW_A_ALGCFG_MAX,
	SRXFLOW_A_ALGCFG_MAX = __SRXFLOW_A_ALGCFG_MAX - 1
};

/* SRXFLOW_A_ALG_INFO: one ALG's status and counters */
enum srxflow_algi_attr {
	SRXFLOW_A_ALGI_UNSPEC,
	SRXFLOW_A_ALGI_PAD,
	SRXFLOW_A_ALGI_ALG,		/* u8: enum srxflow_alg */
	SRXFLOW_A_ALGI_ENABLED,		/* u8: 0/1 */
	SRXFLOW_A_ALGI_SESSIONS,	/* u64: control sessions the ALG attached to */
	SRXFLOW_A_ALGI_MESSAGES,	/* u64: messages parsed (PORT, 227, EPRT, 229, RRQ, WRQ) */
	SRXFLOW_A_ALGI_UNPARSABLE,	/* u64: messages passed unmodified (split, malformed, too long) */
	SRXFLOW_A_ALGI_REWRITES,	/* u64: payloads rewritten (NAT) */
	SRXFLOW_A_ALGI_GATES_OPENED,	/* u64 */
	SRXFLOW_A_ALGI_GATES_USED,	/* u64: a data session was created by a gate */
	SRXFLOW_A_ALGI_GATES_EXPIRED,	/* u64 */
	SRXFLOW_A_ALGI_GATES_FAILED,	/* u64: per-session or global limit, no memory */
	SRXFLOW_A_ALGI_CHILDREN,	/* u64: data sessions closed with their parent */
	SRXFLOW_A_ALGI_GATES,		/* u32: gates open now */
	__SRXFLOW_A_ALGI_MAX,
	SRXFLOW_A_ALGI_MAX = __SRXFLOW_A_ALGI_MAX - 1
};

/* SRXFLOW_A_GATE: one gate (pinhole) for an announced data connection */
enum srxflow_gate_attr {
	SRXFLOW_A_GATE_UNSPEC,
	SRXFLOW_A_GATE_PAD,
	SRXFLOW_A_GATE_SRC,		/* struct srxflow_prefix (plen 0: any address) */
	SRXFLOW_A_GATE_DST,		/* struct srxflow_prefix */
	SRXFLOW_A_GATE_SPORT,		/* u16 (0: any) */
	SRXFLOW_A_GATE_DPORT,		/* u16 */
	SRXFLOW_A_GATE_XDST,		/* struct srxflow_prefix: translated destination */
	SRXFLOW_A_GATE_XDPORT,		/* u16 */
	SRXFLOW_A_GATE_PROTOCOL,	/* u8 */
	SRXFLOW_A_GATE_ALG,		/* u8: enum srxflow_alg */
	SRXFLOW_A_GATE_AGE,		/* u32: seconds left */
	SRXFLOW_A_GATE_PARENT,		/* u64: control session id */
	SRXFLOW_A_GATE_ZONE,		/* string: zone the data connection comes from */
	__SRXFLOW_A_GATE_MAX,
	SRXFLOW_A_GATE_MAX = __SRXFLOW_A_GATE_MAX - 1
};

#endif /* _UAPI_LINUX_SRXFLOW_H */
