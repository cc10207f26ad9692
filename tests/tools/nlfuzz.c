// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: table-driven fuzzer of the srxflow generic netlink family.
 *
 * For every command it builds a valid request (the same attributes the CLI
 * sends; configuration objects inside a transaction begun with generation
 * 0, so a commit can never replace the running configuration: it fails
 * with EAGAIN, or validates only) and then, for every attribute of the
 * request at every nesting level, sends mutated copies: wrong lengths,
 * flags with payload, strings without NUL or too long, bad names, integer
 * extremes, missing, duplicated and unknown attributes, names outside
 * the character set (non-ASCII, leading '-', ';', '*', spaces), NLA_F_NESTED
 * missing or misplaced, nested garbage, truncated nests, deep nesting,
 * trailing bytes, truncated messages, unknown commands, and random
 * payloads from a fixed seed.
 *
 * Each case runs on a netlink socket of its own (its transactions die
 * with it).  Every message must get an answer within 5 s (an error, an
 * ACK, or a dump's DONE).  A mutation that is malformed by construction
 * ("must fail") must get an error; the others may be accepted and are
 * counted per kind.
 *
 *   nlfuzz [-s SEED] [-r ROUNDS] [-v]
 *
 * ROUNDS (default 1) repeats the integer and random cases with new values.
 * Output: one line per command, then "cases N sent N errors N accepted N
 * (valid-by-construction N) must-fail-accepted N hangs N"; exit 1 if a
 * must-fail message was accepted or a message went unanswered.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <libmnl/libmnl.h>
#include <linux/srxflow.h>

enum ty { T_U8, T_U16, T_U32, T_U64, T_FLAG, T_STR, T_PREFIX, T_NEST };

struct aset;
struct aspec {
	uint16_t type;
	enum ty ty;
	uint16_t maxlen;		/* strings: longest accepted (no NUL) */
	const struct aset *nest;
	bool base;			/* part of the valid request */
	uint64_t ival;			/* valid integer */
	const char *sval;		/* valid string */
	bool txn;			/* value: the transaction id */
	bool name;			/* an object name: the character set applies */
};

struct aset {
	const char *name;
	uint16_t maxtype;
	int n;
	const struct aspec *a;
};

#define NM	(SRXFLOW_NAME_MAX - 1)
#define IFN	(SRXFLOW_IFNAME_MAX - 1)
#define SET(nm, max, arr) { nm, max, sizeof(arr) / sizeof(arr[0]), arr }

static const struct aspec hie_a[] = {
	{ .type = SRXFLOW_A_HIE_ID, .ty = T_U32, .base = true, .ival = 0 },
	{ .type = SRXFLOW_A_HIE_EXCEPT, .ty = T_FLAG },
};
static const struct aset hie_s = SET("host-inbound-entry", SRXFLOW_A_HIE_MAX, hie_a);
static const struct aspec hi_a[] = {
	{ .type = SRXFLOW_A_HI_SERVICE, .ty = T_NEST, .nest = &hie_s, .base = true },
	{ .type = SRXFLOW_A_HI_PROTOCOL, .ty = T_NEST, .nest = &hie_s },
};
static const struct aset hi_s = SET("host-inbound", SRXFLOW_A_HI_MAX, hi_a);
static const struct aspec zif_a[] = {
	{ .type = SRXFLOW_A_ZIF_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "fz9" },
	{ .type = SRXFLOW_A_ZIF_HOST_INBOUND, .ty = T_NEST, .nest = &hi_s, .base = true },
};
static const struct aset zif_s = SET("zone-iface", SRXFLOW_A_ZIF_MAX, zif_a);
static const struct aspec zone_a[] = {
	{ .name = true, .type = SRXFLOW_A_ZONE_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "fzone" },
	{ .type = SRXFLOW_A_ZONE_TCP_RST, .ty = T_FLAG },
	{ .name = true, .type = SRXFLOW_A_ZONE_SCREEN, .ty = T_STR, .maxlen = NM, .sval = "scr" },
	{ .type = SRXFLOW_A_ZONE_REVERSE_REROUTE, .ty = T_FLAG },
	{ .type = SRXFLOW_A_ZONE_HOST_INBOUND, .ty = T_NEST, .nest = &hi_s },
	{ .type = SRXFLOW_A_ZONE_IFACE, .ty = T_NEST, .nest = &zif_s, .base = true },
	{ .type = SRXFLOW_A_ZONE_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
};
static const struct aset zone_s = SET("zone", SRXFLOW_A_ZONE_MAX, zone_a);
static const struct aspec fzone_a[] = {
	{ .name = true, .type = SRXFLOW_A_ZONE_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "management" },
	{ .type = SRXFLOW_A_ZONE_HOST_INBOUND, .ty = T_NEST, .nest = &hi_s },
	{ .type = SRXFLOW_A_ZONE_IFACE, .ty = T_NEST, .nest = &zif_s, .base = true },
	{ .type = SRXFLOW_A_ZONE_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
	{ .type = SRXFLOW_A_ZONE_TCP_RST, .ty = T_FLAG },
};
static const struct aset fzone_s = SET("functional-zone", SRXFLOW_A_ZONE_MAX, fzone_a);
static const struct aspec addr_a[] = {
	{ .type = SRXFLOW_A_ADDR_ZONE, .ty = T_STR, .maxlen = NM, .sval = "z1" },
	{ .name = true, .type = SRXFLOW_A_ADDR_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "faddr" },
	{ .type = SRXFLOW_A_ADDR_PREFIX, .ty = T_PREFIX, .base = true },
	{ .type = SRXFLOW_A_ADDR_RANGE_LO, .ty = T_PREFIX },
	{ .type = SRXFLOW_A_ADDR_RANGE_HI, .ty = T_PREFIX },
	{ .type = SRXFLOW_A_ADDR_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
};
static const struct aset addr_s = SET("address", SRXFLOW_A_ADDR_MAX, addr_a);
static const struct aspec aset_a[] = {
	{ .type = SRXFLOW_A_ASET_ZONE, .ty = T_STR, .maxlen = NM, .sval = "z1" },
	{ .name = true, .type = SRXFLOW_A_ASET_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "fset" },
	{ .type = SRXFLOW_A_ASET_ADDRESS, .ty = T_STR, .maxlen = NM, .base = true, .sval = "a1" },
	{ .type = SRXFLOW_A_ASET_SET, .ty = T_STR, .maxlen = NM, .sval = "s1" },
	{ .type = SRXFLOW_A_ASET_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
};
static const struct aset aset_s = SET("address-set", SRXFLOW_A_ASET_MAX, aset_a);
static const struct aspec term_a[] = {
	{ .name = true, .type = SRXFLOW_A_TERM_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "t1" },
	{ .type = SRXFLOW_A_TERM_PROTOCOL, .ty = T_U8, .base = true, .ival = 17 },
	{ .type = SRXFLOW_A_TERM_SPORT, .ty = T_U32, .ival = (1024U << 16) | 65535 },
	{ .type = SRXFLOW_A_TERM_DPORT, .ty = T_U32, .base = true, .ival = (53U << 16) | 53 },
	{ .type = SRXFLOW_A_TERM_ICMP_TYPE, .ty = T_U8, .ival = 8 },
	{ .type = SRXFLOW_A_TERM_ICMP_CODE, .ty = T_U8, .ival = 0 },
	{ .type = SRXFLOW_A_TERM_TIMEOUT, .ty = T_U32, .ival = 60 },
	{ .type = SRXFLOW_A_TERM_ALG, .ty = T_STR, .maxlen = NM, .sval = "ftp" },
};
static const struct aset term_s = SET("app-term", SRXFLOW_A_TERM_MAX, term_a);
static const struct aspec ifl_a[] = {
	{ .type = SRXFLOW_A_IFL_UNIT, .ty = T_U32, .base = true, .ival = 0 },
	{ .type = SRXFLOW_A_IFL_DEVICE, .ty = T_STR, .maxlen = IFN, .base = true, .sval = "fzdev0" },
};
static const struct aset ifl_s = SET("ifl", SRXFLOW_A_IFL_MAX, ifl_a);
static const struct aspec ifd_a[] = {
	{ .type = SRXFLOW_A_IFD_NAME, .ty = T_STR, .maxlen = SRXFLOW_IFD_NAME_MAX - 1, .base = true,
	  .sval = "ge-0/0/9" },
	{ .type = SRXFLOW_A_IFD_UNIT, .ty = T_NEST, .nest = &ifl_s, .base = true },
};
static const struct aset ifd_s = SET("ifd", SRXFLOW_A_IFD_MAX, ifd_a);
static const struct aspec app_a[] = {
	{ .name = true, .type = SRXFLOW_A_APP_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "fapp" },
	{ .type = SRXFLOW_A_APP_PROTOCOL, .ty = T_U8, .base = true, .ival = 6 },
	{ .type = SRXFLOW_A_APP_SPORT, .ty = T_U32, .ival = (1024U << 16) | 65535 },
	{ .type = SRXFLOW_A_APP_DPORT, .ty = T_U32, .base = true, .ival = (80U << 16) | 80 },
	{ .type = SRXFLOW_A_APP_ICMP_TYPE, .ty = T_U8, .ival = 8 },
	{ .type = SRXFLOW_A_APP_ICMP_CODE, .ty = T_U8, .ival = 0 },
	{ .type = SRXFLOW_A_APP_TIMEOUT, .ty = T_U32, .ival = 60 },
	{ .type = SRXFLOW_A_APP_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
	{ .type = SRXFLOW_A_APP_ALG, .ty = T_STR, .maxlen = NM, .sval = "ftp" },
	{ .type = SRXFLOW_A_APP_TERM, .ty = T_NEST, .nest = &term_s },
};
static const struct aset app_s = SET("application", SRXFLOW_A_APP_MAX, app_a);
static const struct aspec appset_a[] = {
	{ .name = true, .type = SRXFLOW_A_APPSET_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "fappset" },
	{ .type = SRXFLOW_A_APPSET_APP, .ty = T_STR, .maxlen = NM, .base = true, .sval = "junos-http" },
	{ .type = SRXFLOW_A_APPSET_SET, .ty = T_STR, .maxlen = NM, .sval = "as1" },
	{ .type = SRXFLOW_A_APPSET_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
};
static const struct aset appset_s = SET("application-set", SRXFLOW_A_APPSET_MAX, appset_a);
static const struct aspec pol_a[] = {
	{ .type = SRXFLOW_A_POL_FROM_ZONE, .ty = T_STR, .maxlen = NM, .base = true, .sval = "z1" },
	{ .type = SRXFLOW_A_POL_TO_ZONE, .ty = T_STR, .maxlen = NM, .base = true, .sval = "z2" },
	{ .name = true, .type = SRXFLOW_A_POL_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "fpol" },
	{ .type = SRXFLOW_A_POL_SRC_ADDR, .ty = T_STR, .maxlen = NM, .base = true, .sval = "a1" },
	{ .type = SRXFLOW_A_POL_DST_ADDR, .ty = T_STR, .maxlen = NM, .base = true, .sval = "any" },
	{ .type = SRXFLOW_A_POL_APP, .ty = T_STR, .maxlen = NM, .base = true, .sval = "ap1" },
	{ .type = SRXFLOW_A_POL_MATCH_FROM_ZONE, .ty = T_STR, .maxlen = NM, .sval = "z1" },
	{ .type = SRXFLOW_A_POL_MATCH_TO_ZONE, .ty = T_STR, .maxlen = NM, .sval = "z2" },
	{ .type = SRXFLOW_A_POL_ACTION, .ty = T_U8, .base = true, .ival = SRXFLOW_ACTION_PERMIT },
	{ .type = SRXFLOW_A_POL_COUNT, .ty = T_FLAG },
	{ .type = SRXFLOW_A_POL_LOG_INIT, .ty = T_FLAG },
	{ .type = SRXFLOW_A_POL_LOG_CLOSE, .ty = T_FLAG },
	{ .type = SRXFLOW_A_POL_INDEX, .ty = T_U32, .ival = 1 },
	{ .type = SRXFLOW_A_POL_DESCRIPTION, .ty = T_STR, .maxlen = 255, .sval = "d" },
};
static const struct aset pol_s = SET("policy", SRXFLOW_A_POL_MAX, pol_a);
static const struct aspec pols_a[] = {
	{ .type = SRXFLOW_A_POLS_DEFAULT, .ty = T_U8, .base = true, .ival = SRXFLOW_DEFAULT_DENY_ALL },
	{ .type = SRXFLOW_A_POLS_REMATCH, .ty = T_FLAG },
};
static const struct aset pols_s = SET("policies", SRXFLOW_A_POLS_MAX, pols_a);
static const struct aspec flow_a[] = {
	{ .type = SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT, .ty = T_U32, .base = true, .ival = 20 },
	{ .type = SRXFLOW_A_FLOW_NO_SYN_CHECK, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_STRICT_SYN_CHECK, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_RST_INVALIDATE, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_FIN_INVALIDATE, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_TIME_WAIT, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT, .ty = T_U32, .ival = 150 },
	{ .type = SRXFLOW_A_FLOW_EARLY_AGEOUT, .ty = T_U32, .ival = 20 },
	{ .type = SRXFLOW_A_FLOW_HIGH_WATERMARK, .ty = T_U32, .ival = 100 },
	{ .type = SRXFLOW_A_FLOW_LOW_WATERMARK, .ty = T_U32, .ival = 100 },
	{ .type = SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE, .ty = T_FLAG },
	{ .type = SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT, .ty = T_U32, .ival = 30 },
	{ .type = SRXFLOW_A_FLOW_MAX_SESSIONS, .ty = T_U32, .ival = 1000 },
};
static const struct aset flow_s = SET("flow", SRXFLOW_A_FLOW_MAX, flow_a);
static const struct aspec fwd_a[] = {
	{ .type = SRXFLOW_A_FWD_INET_MODE, .ty = T_U8, .base = true, .ival = SRXFLOW_FWD_FLOW_BASED },
	{ .type = SRXFLOW_A_FWD_INET6_MODE, .ty = T_U8, .ival = SRXFLOW_FWD_FLOW_BASED },
};
static const struct aset fwd_s = SET("forwarding", SRXFLOW_A_FWD_MAX, fwd_a);
static const struct aspec tflt_a[] = {
	{ .name = true, .type = SRXFLOW_A_TFLT_NAME, .ty = T_STR, .maxlen = NM, .base = true, .sval = "f1" },
	{ .type = SRXFLOW_A_TFLT_SRC_PREFIX, .ty = T_PREFIX, .base = true },
	{ .type = SRXFLOW_A_TFLT_DST_PREFIX, .ty = T_PREFIX },
	{ .type = SRXFLOW_A_TFLT_PROTOCOL, .ty = T_U8, .ival = 6 },
	{ .type = SRXFLOW_A_TFLT_SPORT, .ty = T_U32, .ival = (1U << 16) | 2 },
	{ .type = SRXFLOW_A_TFLT_DPORT, .ty = T_U32, .ival = (80U << 16) | 80 },
	{ .type = SRXFLOW_A_TFLT_IFACE, .ty = T_STR, .maxlen = NM, .sval = "fz1" },
};
static const struct aset tflt_s = SET("trace-filter", SRXFLOW_A_TFLT_MAX, tflt_a);
static const struct aspec trace_a[] = {
	{ .name = true, .type = SRXFLOW_A_TRACE_FILE, .ty = T_STR, .maxlen = NM, .base = true, .sval = "ftrace" },
	{ .type = SRXFLOW_A_TRACE_FILE_SIZE, .ty = T_U32, .ival = 100000 },
	{ .type = SRXFLOW_A_TRACE_FILE_FILES, .ty = T_U32, .ival = 3 },
	{ .type = SRXFLOW_A_TRACE_FLAG, .ty = T_U32, .base = true, .ival = 0 },
	{ .type = SRXFLOW_A_TRACE_FILTER, .ty = T_NEST, .nest = &tflt_s, .base = true },
	{ .type = SRXFLOW_A_TRACE_RATE_LIMIT, .ty = T_U32, .ival = 10 },
	{ .type = SRXFLOW_A_TRACE_DEBUG_BUF, .ty = T_U32, .ival = 1000 },
};
static const struct aset trace_s = SET("traceoptions", SRXFLOW_A_TRACE_MAX, trace_a);
static const struct aspec filter_a[] = {
	{ .type = SRXFLOW_A_FILTER_SRC_PREFIX, .ty = T_PREFIX },
	{ .type = SRXFLOW_A_FILTER_DST_PREFIX, .ty = T_PREFIX },
	{ .type = SRXFLOW_A_FILTER_SPORT, .ty = T_U16, .ival = 1 },
	{ .type = SRXFLOW_A_FILTER_DPORT, .ty = T_U16, .ival = 2 },
	{ .type = SRXFLOW_A_FILTER_PROTOCOL, .ty = T_U8, .ival = 6 },
	{ .type = SRXFLOW_A_FILTER_IFNAME, .ty = T_STR, .maxlen = NM, .sval = "nosuch0" },
	{ .type = SRXFLOW_A_FILTER_ZONE, .ty = T_STR, .maxlen = NM, .sval = "nosuchzone" },
	{ .type = SRXFLOW_A_FILTER_POLICY_INDEX, .ty = T_U32, .ival = 65535 },
	/* a session id that does not exist: a valid clear clears nothing */
	{ .type = SRXFLOW_A_FILTER_SESSION_ID, .ty = T_U64, .base = true, .ival = 0x7fffffffffffULL },
	{ .type = SRXFLOW_A_FILTER_FAMILY, .ty = T_U8, .ival = AF_INET },
};
static const struct aset filter_s = SET("filter", SRXFLOW_A_FILTER_MAX, filter_a);
static const struct aspec match_a[] = {
	{ .type = SRXFLOW_A_MATCH_FROM_ZONE, .ty = T_STR, .maxlen = NM, .base = true, .sval = "trust" },
	{ .type = SRXFLOW_A_MATCH_TO_ZONE, .ty = T_STR, .maxlen = NM, .base = true, .sval = "untrust" },
	{ .type = SRXFLOW_A_MATCH_SRC, .ty = T_PREFIX, .base = true },
	{ .type = SRXFLOW_A_MATCH_DST, .ty = T_PREFIX, .base = true },
	{ .type = SRXFLOW_A_MATCH_SPORT, .ty = T_U16, .ival = 1024 },
	{ .type = SRXFLOW_A_MATCH_DPORT, .ty = T_U16, .base = true, .ival = 80 },
	{ .type = SRXFLOW_A_MATCH_PROTOCOL, .ty = T_U8, .base = true, .ival = 6 },
	{ .type = SRXFLOW_A_MATCH_RESULT_COUNT, .ty = T_U32, .ival = 4 },
};
static const struct aset match_s = SET("match", SRXFLOW_A_MATCH_MAX, match_a);

/* top level: the attributes a request may carry (base flags per command) */
#define TOP(t, ty_, ...) { t, ty_, __VA_ARGS__ }
struct cmd {
	const char *name;
	uint8_t cmd;
	bool dump;
	int txn;		/* 0 none, 1 needs a transaction, 2 + valid prelude */
	int n;
	const struct aspec *a;
};

static const struct aspec none_a[] = {
	{ .type = SRXFLOW_A_GENERATION, .ty = T_U64, .ival = 0 },
	{ .type = SRXFLOW_A_TXN_ID, .ty = T_U32, .ival = 1 },
	{ .type = SRXFLOW_A_LOG_COUNT, .ty = T_U32, .ival = 1 },
};
static const struct aspec begin_a[] = {
	{ .type = SRXFLOW_A_GENERATION, .ty = T_U64, .base = true, .ival = 0 },
	{ .type = SRXFLOW_A_TXN_ID, .ty = T_U32, .ival = 1 },
};
static const struct aspec commit_a[] = {
	{ .type = SRXFLOW_A_TXN_ID, .ty = T_U32, .base = true, .txn = true },
	{ .type = SRXFLOW_A_COMMIT_FLAGS, .ty = T_U32, .base = true, .ival = 0 },
	{ .type = SRXFLOW_A_GENERATION, .ty = T_U64, .ival = 0 },
};
static const struct aspec abort_a[] = {
	{ .type = SRXFLOW_A_TXN_ID, .ty = T_U32, .base = true, .txn = true },
	{ .type = SRXFLOW_A_COMMIT_FLAGS, .ty = T_U32, .ival = SRXFLOW_COMMIT_CHECK },
};
#define ADD_A(nm, attr, set)						\
static const struct aspec nm[] = {					\
	{ .type = SRXFLOW_A_TXN_ID, .ty = T_U32, .base = true, .txn = true },		\
	{ .type = attr, .ty = T_NEST, .nest = &set, .base = true },			\
	{ .type = SRXFLOW_A_CFG_ADDRESS, .ty = T_NEST, .nest = &addr_s },		\
}
ADD_A(add_zone_a, SRXFLOW_A_CFG_ZONE, zone_s);
ADD_A(add_addr_a, SRXFLOW_A_CFG_ADDRESS, addr_s);
ADD_A(add_aset_a, SRXFLOW_A_CFG_ADDRESS_SET, aset_s);
ADD_A(add_app_a, SRXFLOW_A_CFG_APPLICATION, app_s);
ADD_A(add_appset_a, SRXFLOW_A_CFG_APPLICATION_SET, appset_s);
ADD_A(add_pol_a, SRXFLOW_A_CFG_POLICY, pol_s);
ADD_A(add_pols_a, SRXFLOW_A_CFG_POLICIES, pols_s);
ADD_A(add_flow_a, SRXFLOW_A_CFG_FLOW, flow_s);
ADD_A(add_fwd_a, SRXFLOW_A_CFG_FWD, fwd_s);
ADD_A(add_trace_a, SRXFLOW_A_CFG_TRACE, trace_s);
ADD_A(add_ifd_a, SRXFLOW_A_CFG_INTERFACE, ifd_s);
ADD_A(add_fzone_a, SRXFLOW_A_CFG_FUNCTIONAL_ZONE, fzone_s);
static const struct aspec sess_a[] = {
	{ .type = SRXFLOW_A_FILTER, .ty = T_NEST, .nest = &filter_s, .base = true },
	{ .type = SRXFLOW_A_SESS_FORMAT, .ty = T_U32, .ival = SRXFLOW_SESS_FORMAT_REC1 },
};
static const struct aspec match_req_a[] = {
	{ .type = SRXFLOW_A_MATCH, .ty = T_NEST, .nest = &match_s, .base = true },
};
static const struct aspec log_a[] = {
	{ .type = SRXFLOW_A_LOG_FILE, .ty = T_STR, .maxlen = NM, .base = true, .sval = "nosuchfile" },
	{ .type = SRXFLOW_A_LOG_COUNT, .ty = T_U32, .base = true, .ival = 5 },
};

#define CMD(nm, c, d, t, arr) { nm, c, d, t, sizeof(arr) / sizeof(arr[0]), arr }
static const struct cmd cmds[] = {
	CMD("get-status", SRXFLOW_CMD_GET_STATUS, false, 0, none_a),
	CMD("cfg-get", SRXFLOW_CMD_CFG_GET, true, 0, none_a),
	CMD("cfg-begin", SRXFLOW_CMD_CFG_BEGIN, false, 0, begin_a),
	CMD("cfg-add zone", SRXFLOW_CMD_CFG_ADD, false, 2, add_zone_a),
	CMD("cfg-add address", SRXFLOW_CMD_CFG_ADD, false, 2, add_addr_a),
	CMD("cfg-add address-set", SRXFLOW_CMD_CFG_ADD, false, 2, add_aset_a),
	CMD("cfg-add application", SRXFLOW_CMD_CFG_ADD, false, 2, add_app_a),
	CMD("cfg-add application-set", SRXFLOW_CMD_CFG_ADD, false, 2, add_appset_a),
	CMD("cfg-add policy", SRXFLOW_CMD_CFG_ADD, false, 2, add_pol_a),
	CMD("cfg-add policies", SRXFLOW_CMD_CFG_ADD, false, 2, add_pols_a),
	CMD("cfg-add flow", SRXFLOW_CMD_CFG_ADD, false, 2, add_flow_a),
	CMD("cfg-add forwarding", SRXFLOW_CMD_CFG_ADD, false, 2, add_fwd_a),
	CMD("cfg-add traceoptions", SRXFLOW_CMD_CFG_ADD, false, 2, add_trace_a),
	CMD("cfg-add interfaces", SRXFLOW_CMD_CFG_ADD, false, 2, add_ifd_a),
	CMD("cfg-add functional-zone", SRXFLOW_CMD_CFG_ADD, false, 2, add_fzone_a),
	CMD("cfg-commit", SRXFLOW_CMD_CFG_COMMIT, false, 2, commit_a),
	CMD("cfg-abort", SRXFLOW_CMD_CFG_ABORT, false, 1, abort_a),
	CMD("app-get", SRXFLOW_CMD_APP_GET, true, 0, none_a),
	CMD("session-get", SRXFLOW_CMD_SESSION_GET, true, 0, sess_a),
	CMD("session-summary", SRXFLOW_CMD_SESSION_SUMMARY, false, 0, none_a),
	CMD("session-clear", SRXFLOW_CMD_SESSION_CLEAR, false, 0, sess_a),
	CMD("stats-get", SRXFLOW_CMD_STATS_GET, false, 0, none_a),
	CMD("stats-clear", SRXFLOW_CMD_STATS_CLEAR, false, 0, none_a),
	CMD("policy-hits-get", SRXFLOW_CMD_POLICY_HITS_GET, true, 0, none_a),
	CMD("policy-hits-clear", SRXFLOW_CMD_POLICY_HITS_CLEAR, false, 0, none_a),
	CMD("match-policies", SRXFLOW_CMD_MATCH_POLICIES, false, 0, match_req_a),
	CMD("iface-get", SRXFLOW_CMD_IFACE_GET, true, 0, none_a),
	CMD("log-get", SRXFLOW_CMD_LOG_GET, true, 0, log_a),
	CMD("log-clear", SRXFLOW_CMD_LOG_CLEAR, false, 0, log_a),
	CMD("drop-get", SRXFLOW_CMD_DROP_GET, true, 0, none_a),
	CMD("drop-clear", SRXFLOW_CMD_DROP_CLEAR, false, 0, none_a),
	CMD("trace-event", SRXFLOW_CMD_TRACE_EVENT, false, 0, none_a),
	CMD("drop-event", SRXFLOW_CMD_DROP_EVENT, false, 0, none_a),
};

/* --- mutations ------------------------------------------------------------------- */
enum mut {
	M_NONE,			/* the valid request */
	M_EXTRA,		/* an optional attribute, valid */
	M_DROP,			/* attribute missing */
	M_DUP,			/* attribute twice */
	M_INT,			/* integer extreme (value index in arg) */
	M_STR_EMPTY,		/* "" */
	M_STR_BAD,		/* bad characters (arg) */
	M_STR_MAX,		/* longest accepted length */
	M_NEST_EMPTY,		/* empty nest */
	M_NEST_RANDOM,		/* random bytes inside */
	M_BYTEORDER,		/* NLA_F_NET_BYTEORDER set */
	M_RANDOM,		/* random payload of the whole message */
	/* malformed by construction: must get an error */
	M_MUST,
	M_LEN_SHORT = M_MUST,	/* fixed-size value one byte short */
	M_LEN_LONG,		/* one byte long */
	M_LEN_ZERO,		/* no payload (not for nests, strings: no NUL) */
	M_FLAG_DATA,		/* a flag with a payload */
	M_STR_NONUL,		/* no terminating NUL */
	M_STR_LONG,		/* one byte over the limit */
	M_NESTED_ON_SCALAR,	/* NLA_F_NESTED on a non-nest */
	M_NEST_NOFLAG,		/* nest without NLA_F_NESTED */
	M_NEST_TRUNC,		/* inner attribute longer than the nest */
	M_NEST_DEEP,		/* 64 nests deep */
	M_UNKNOWN,		/* unknown attribute id (arg: which) */
	M_TRAILING,		/* 2 bytes after the last attribute */
	M_TRUNC_MSG,		/* message cut inside its last attribute */
	M_BADCMD,		/* unknown command */
	__M_MAX
};

static const char *const mut_name[__M_MAX] = {
	"valid", "extra", "drop", "dup", "int", "str-empty", "str-bad", "str-max",
	"nest-empty", "nest-random", "byteorder", "random",
	"len-short", "len-long", "len-zero", "flag-data", "str-nonul", "str-long",
	"nested-on-scalar", "nest-noflag", "nest-trunc", "nest-deep", "unknown",
	"trailing", "trunc-msg", "badcmd",
};

static const uint64_t int_vals[] = {
	0, 1, 0x7f, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0xffffffff, 0xfffffffe,
	0x100000000ULL, ~0ULL, 1ULL << 63,
};
#define NR_INT (sizeof(int_vals) / sizeof(int_vals[0]))
static const char *const bad_strs[] = {
	"a b", "../etc", "-x", "_x", "x/y", "x:y", "\xff\xfe", "a;b", "*", "any",
	"junos-http", "%s%n",
};
#define NR_BAD (sizeof(bad_strs) / sizeof(bad_strs[0]))
/* outside the name character set: must fail for an object name */
static const bool bad_name[NR_BAD] = { 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1 };
static bool tgt_name;	/* the attribute under mutation is an object name */

/* target: a path of attribute indexes; depth 0 = the request itself */
#define MAXDEPTH 4
struct target {
	int depth;
	int idx[MAXDEPTH];
	enum mut m;
	int arg;
};

static uint64_t rng;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static uint32_t cur_txn;

static void put_raw(struct nlmsghdr *nlh, uint16_t type, const void *d, size_t len)
{
	struct nlattr *a = mnl_nlmsg_get_payload_tail(nlh);

	a->nla_type = type;
	a->nla_len = MNL_ATTR_HDRLEN + len;
	if (len)
		memcpy((char *)a + MNL_ATTR_HDRLEN, d, len);
	memset((char *)a + MNL_ATTR_HDRLEN + len, 0, MNL_ALIGN(len) - len);
	nlh->nlmsg_len += MNL_ALIGN(a->nla_len);
}

static void put_prefix(struct nlmsghdr *nlh, uint16_t type)
{
	struct srxflow_prefix p = { .family = AF_INET, .plen = 32 };

	inet_pton(AF_INET, "10.0.1.2", p.addr);
	put_raw(nlh, type, &p, sizeof(p));
}

static size_t ty_len(enum ty t)
{
	switch (t) {
	case T_U8: return 1;
	case T_U16: return 2;
	case T_U32: return 4;
	case T_U64: return 8;
	case T_PREFIX: return sizeof(struct srxflow_prefix);
	default: return 0;
	}
}

static void emit_set(struct nlmsghdr *nlh, const struct aset *s, const struct aspec *a, int n,
		     const struct target *t, int depth, bool on_path);

/* a valid value of attribute a */
static void emit_valid(struct nlmsghdr *nlh, const struct aspec *a, uint16_t flags)
{
	uint64_t v = a->txn ? cur_txn : a->ival;
	struct nlattr *nest;

	switch (a->ty) {
	case T_U8: { uint8_t x = v; put_raw(nlh, a->type | flags, &x, 1); break; }
	case T_U16: { uint16_t x = v; put_raw(nlh, a->type | flags, &x, 2); break; }
	case T_U32: { uint32_t x = v; put_raw(nlh, a->type | flags, &x, 4); break; }
	case T_U64: put_raw(nlh, a->type | flags, &v, 8); break;
	case T_FLAG: put_raw(nlh, a->type | flags, NULL, 0); break;
	case T_STR: put_raw(nlh, a->type | flags, a->sval, strlen(a->sval) + 1); break;
	case T_PREFIX: put_prefix(nlh, a->type | flags); break;
	case T_NEST:
		nest = mnl_attr_nest_start(nlh, a->type);
		nest->nla_type |= flags;
		emit_set(nlh, a->nest, a->nest->a, a->nest->n, NULL, 0, false);
		mnl_attr_nest_end(nlh, nest);
		break;
	}
}

static void emit_mutated(struct nlmsghdr *nlh, const struct aspec *a, const struct target *t)
{
	char buf[1024];
	size_t l = ty_len(a->ty), i;
	struct nlattr *nest, *inner;
	int k;

	switch (t->m) {
	case M_EXTRA:
		emit_valid(nlh, a, 0);
		break;
	case M_DROP:
		break;
	case M_DUP:
		emit_valid(nlh, a, 0);
		emit_valid(nlh, a, 0);
		break;
	case M_INT: {
		uint64_t v = int_vals[t->arg];

		memcpy(buf, &v, 8);
		put_raw(nlh, a->type, buf, l);	/* little endian: low bytes */
		break;
	}
	case M_STR_EMPTY:
		put_raw(nlh, a->type, "", 1);
		break;
	case M_STR_BAD:
		put_raw(nlh, a->type, bad_strs[t->arg], strlen(bad_strs[t->arg]) + 1);
		break;
	case M_STR_MAX:
	case M_STR_LONG:
	case M_STR_NONUL:
		l = t->m == M_STR_NONUL ? strlen(a->sval) : (size_t)a->maxlen + (t->m == M_STR_LONG);
		memset(buf, 'x', l);
		buf[l] = 0;
		put_raw(nlh, a->type, buf, t->m == M_STR_NONUL ? l : l + 1);
		break;
	case M_NEST_EMPTY:
		put_raw(nlh, a->type | NLA_F_NESTED, NULL, 0);
		break;
	case M_NEST_RANDOM:
		l = 4 + rnd() % 64;
		for (i = 0; i < l; i++)
			buf[i] = rnd();
		put_raw(nlh, a->type | NLA_F_NESTED, buf, l);
		break;
	case M_BYTEORDER:
		emit_valid(nlh, a, NLA_F_NET_BYTEORDER);
		break;
	case M_LEN_SHORT:
	case M_LEN_LONG:
		memset(buf, 0, sizeof(buf));
		put_raw(nlh, a->type, buf, t->m == M_LEN_SHORT ? l - 1 : l + 1);
		break;
	case M_LEN_ZERO:
		put_raw(nlh, a->type, NULL, 0);
		break;
	case M_FLAG_DATA:
		put_raw(nlh, a->type, "\1\0\0\0", 4);
		break;
	case M_NESTED_ON_SCALAR:
		emit_valid(nlh, a, NLA_F_NESTED);
		break;
	case M_NEST_NOFLAG:
		emit_valid(nlh, a, 0);
		break;	/* flag cleared below by the caller */
	case M_NEST_TRUNC:
		nest = mnl_attr_nest_start(nlh, a->type);
		inner = mnl_nlmsg_get_payload_tail(nlh);
		put_raw(nlh, 1, "abc", 4);
		inner->nla_len = 64;	/* longer than the nest */
		mnl_attr_nest_end(nlh, nest);
		break;
	case M_NEST_DEEP: {
		struct nlattr *st[64];

		for (k = 0; k < 64; k++)
			st[k] = mnl_attr_nest_start(nlh, k ? 1 : a->type);
		for (k = 63; k >= 0; k--)
			mnl_attr_nest_end(nlh, st[k]);
		break;
	}
	default:
		emit_valid(nlh, a, 0);
	}
}

/* emit set s; t: the target when on its path */
static void emit_set(struct nlmsghdr *nlh, const struct aset *s, const struct aspec *a, int n,
		     const struct target *t, int depth, bool on_path)
{
	int i;
	bool here = on_path && t && t->depth == depth + 1;

	for (i = 0; i < n; i++) {
		bool tgt = on_path && t && t->idx[depth] == i;

		if (tgt && here) {
			struct nlattr *start = mnl_nlmsg_get_payload_tail(nlh);

			if (!a[i].base && t->m == M_DROP)
				continue;
			emit_mutated(nlh, &a[i], t);
			if (t->m == M_NEST_NOFLAG)
				start->nla_type &= ~NLA_F_NESTED;
			continue;
		}
		if (tgt && a[i].ty == T_NEST) {
			struct nlattr *nest = mnl_attr_nest_start(nlh, a[i].type);

			emit_set(nlh, a[i].nest, a[i].nest->a, a[i].nest->n, t, depth + 1, true);
			mnl_attr_nest_end(nlh, nest);
			continue;
		}
		if (a[i].base)
			emit_valid(nlh, &a[i], 0);
	}
	/* set-level mutations target index -1 at this depth */
	if (on_path && t && t->depth == depth + 1 && t->idx[depth] == -1) {
		uint16_t unk[] = { 0, (uint16_t)(s ? s->maxtype + 1 : SRXFLOW_A_MAX + 1),
				   (uint16_t)(s ? s->maxtype + 7 : SRXFLOW_A_MAX + 7), 0x3fff };

		if (t->m == M_UNKNOWN)
			put_raw(nlh, unk[t->arg], "\0\0\0\0", 4);
	}
}

/* --- transport ---------------------------------------------------------------------- */
static int family;
static unsigned int seq = 1000;
static long n_cases, n_sent, n_err, n_acc, n_acc_maypass, n_must_acc, n_hang;
static long c_sent[64], c_err[64], c_acc[64];
static long m_acc[__M_MAX], m_sent[__M_MAX];
static int verbose;

struct reply {
	int err;		/* 0 ack/done, <0 error, 1 hang */
	uint32_t txn;
	uint64_t gen;
	char msg[256];
};

static int cb_data(const struct nlmsghdr *nlh, void *data)
{
	struct reply *r = data;
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == SRXFLOW_A_TXN_ID &&
		    mnl_attr_get_payload_len(a) == 4)
			r->txn = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == SRXFLOW_A_GENERATION &&
		    mnl_attr_get_payload_len(a) == 8)
			r->gen = mnl_attr_get_u64(a);
	}
	return MNL_CB_OK;
}

static int exchange(struct mnl_socket *nl, struct nlmsghdr *nlh, struct reply *r)
{
	char buf[1 << 16];
	unsigned int portid = mnl_socket_get_portid(nl);
	int ret;

	memset(r, 0, sizeof(*r));
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		r->err = -errno;
		return r->err;
	}
	for (;;) {
		ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				r->err = 1;
				return 1;
			}
			if (errno == ENOBUFS)
				continue;
			r->err = -errno;
			return r->err;
		}
		ret = mnl_cb_run(buf, ret, nlh->nlmsg_seq, portid, cb_data, r);
		if (ret == MNL_CB_STOP) {
			r->err = 0;
			return 0;
		}
		if (ret < 0) {
			r->err = -errno;
			return r->err;
		}
	}
}

static struct mnl_socket *sock_open(void)
{
	struct timeval tv = { .tv_sec = 5 };
	struct mnl_socket *nl = mnl_socket_open(NETLINK_GENERIC);
	int one = 1;

	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink socket");
		exit(2);
	}
	setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	return nl;
}

static struct nlmsghdr *msg_start(char *buf, uint8_t cmd, bool dump)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = ++seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = SRXFLOW_GENL_VERSION;
	return nlh;
}

static int resolve_family(void)
{
	char buf[4096];
	struct mnl_socket *nl = sock_open();
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;
	struct nlattr *a;
	int ret;

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SRXFLOW_GENL_NAME);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (ret <= 0 || nlh->nlmsg_type == NLMSG_ERROR)
		return -1;
	mnl_attr_for_each(a, nlh, sizeof(*g))
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			family = mnl_attr_get_u16(a);
	mnl_socket_close(nl);
	return family ? 0 : -1;
}

/* one valid object each: zones z1 (fz1) and z2 (fz2), address a1, set s1, app ap1, set as1 */
static void prelude(struct nlmsghdr *nlh)
{
	struct nlattr *n1, *n2;
	const char *zn[] = { "z1", "z2" }, *ifn[] = { "fz1", "fz2" };
	int i;

	for (i = 0; i < 2; i++) {
		n1 = mnl_attr_nest_start(nlh, SRXFLOW_A_CFG_ZONE);
		mnl_attr_put_strz(nlh, SRXFLOW_A_ZONE_NAME, zn[i]);
		n2 = mnl_attr_nest_start(nlh, SRXFLOW_A_ZONE_IFACE);
		mnl_attr_put_strz(nlh, SRXFLOW_A_ZIF_NAME, ifn[i]);
		mnl_attr_nest_end(nlh, n2);
		mnl_attr_nest_end(nlh, n1);
	}
	n1 = mnl_attr_nest_start(nlh, SRXFLOW_A_CFG_ADDRESS);
	mnl_attr_put_strz(nlh, SRXFLOW_A_ADDR_NAME, "a1");
	put_prefix(nlh, SRXFLOW_A_ADDR_PREFIX);
	mnl_attr_nest_end(nlh, n1);
	n1 = mnl_attr_nest_start(nlh, SRXFLOW_A_CFG_ADDRESS_SET);
	mnl_attr_put_strz(nlh, SRXFLOW_A_ASET_NAME, "s1");
	mnl_attr_put_strz(nlh, SRXFLOW_A_ASET_ADDRESS, "a1");
	mnl_attr_nest_end(nlh, n1);
	n1 = mnl_attr_nest_start(nlh, SRXFLOW_A_CFG_APPLICATION);
	mnl_attr_put_strz(nlh, SRXFLOW_A_APP_NAME, "ap1");
	mnl_attr_put_u8(nlh, SRXFLOW_A_APP_PROTOCOL, 17);
	mnl_attr_put_u32(nlh, SRXFLOW_A_APP_DPORT, (53U << 16) | 53);
	mnl_attr_nest_end(nlh, n1);
	n1 = mnl_attr_nest_start(nlh, SRXFLOW_A_CFG_APPLICATION_SET);
	mnl_attr_put_strz(nlh, SRXFLOW_A_APPSET_NAME, "as1");
	mnl_attr_put_strz(nlh, SRXFLOW_A_APPSET_APP, "ap1");
	mnl_attr_nest_end(nlh, n1);
}

/* run one case of command c; returns 0 or -1 on a verdict failure */
static int run_case(const struct cmd *c, int ci, const struct target *t)
{
	static char buf[1 << 16];
	struct mnl_socket *nl = sock_open();
	struct nlmsghdr *nlh;
	struct reply r;
	bool must = t->m >= M_MUST || (t->m == M_STR_BAD && tgt_name && bad_name[t->arg]),
	     maypass = t->m != M_NONE && t->m != M_EXTRA &&
		    t->m != M_BYTEORDER;
	int ret = 0, i;

	n_cases++;
	cur_txn = 0;
	if (c->txn) {
		nlh = msg_start(buf, SRXFLOW_CMD_CFG_BEGIN, false);
		mnl_attr_put_u64(nlh, SRXFLOW_A_GENERATION, 0);
		if (exchange(nl, nlh, &r) || !r.txn) {
			fprintf(stderr, "%s: CFG_BEGIN failed (%d)\n", c->name, r.err);
			ret = -1;
			goto out;
		}
		cur_txn = r.txn;
	}
	if (c->txn == 2) {
		nlh = msg_start(buf, SRXFLOW_CMD_CFG_ADD, false);
		mnl_attr_put_u32(nlh, SRXFLOW_A_TXN_ID, cur_txn);
		prelude(nlh);
		if (exchange(nl, nlh, &r)) {
			fprintf(stderr, "%s: the valid prelude was refused (%d)\n", c->name, r.err);
			ret = -1;
			goto out;
		}
	}
	nlh = msg_start(buf, t->m == M_BADCMD ? (uint8_t)(t->arg ? 200 : 0) : c->cmd, c->dump);
	if (t->m == M_RANDOM) {
		size_t l = rnd() % 512;

		for (i = 0; i < (int)l; i++)
			((char *)mnl_nlmsg_get_payload_tail(nlh))[i] = rnd();
		nlh->nlmsg_len += l;
	} else {
		emit_set(nlh, NULL, c->a, c->n, t->m == M_NONE ? NULL : t, 0, true);
	}
	if (t->m == M_TRAILING) {
		memset(mnl_nlmsg_get_payload_tail(nlh), 0x41, 4);
		nlh->nlmsg_len += 2;
	}
	if (t->m == M_TRUNC_MSG) {
		struct nlattr *last = NULL, *x;

		mnl_attr_for_each(x, nlh, sizeof(struct genlmsghdr))
			last = x;
		if (!last || last->nla_len <= MNL_ATTR_HDRLEN)
			goto out;	/* nothing to cut: not a case */
		nlh->nlmsg_len = (char *)last - (char *)nlh + last->nla_len - 1;
	}
	n_sent++;
	c_sent[ci]++;
	m_sent[t->m]++;
	exchange(nl, nlh, &r);
	if (r.err == 1) {
		n_hang++;
		fprintf(stderr, "HANG %s %s/%d depth %d idx %d\n", c->name, mut_name[t->m],
			t->arg, t->depth, t->idx[0]);
		ret = -1;
	} else if (r.err) {
		n_err++;
		c_err[ci]++;
	} else {
		n_acc++;
		c_acc[ci]++;
		m_acc[t->m]++;
		if (maypass)
			n_acc_maypass++;
		if (must) {
			n_must_acc++;
			fprintf(stderr, "ACCEPTED malformed: %s %s/%d depth %d path %d.%d.%d\n",
				c->name, mut_name[t->m], t->arg, t->depth, t->idx[0],
				t->depth > 1 ? t->idx[1] : 0, t->depth > 2 ? t->idx[2] : 0);
			ret = -1;
		}
		if (verbose)
			printf("accepted %s %s/%d depth %d path %d.%d\n", c->name,
			       mut_name[t->m], t->arg, t->depth, t->idx[0],
			       t->depth > 1 ? t->idx[1] : 0);
	}
out:
	mnl_socket_close(nl);
	return ret;
}

static int rounds = 1, bad;

static void one(const struct cmd *c, int ci, struct target *t, enum mut m, int arg)
{
	t->m = m;
	t->arg = arg;
	if (run_case(c, ci, t))
		bad++;
}

/* every mutation of attribute a at path t (depth already set) */
static void walk_attr(const struct cmd *c, int ci, struct target *t, const struct aspec *a)
{
	unsigned int i;
	int r, j;

	one(c, ci, t, a->base ? M_DROP : M_EXTRA, 0);
	one(c, ci, t, M_DUP, 0);
	one(c, ci, t, M_BYTEORDER, 0);
	switch (a->ty) {
	case T_U8: case T_U16: case T_U32: case T_U64: case T_PREFIX:
		one(c, ci, t, M_LEN_SHORT, 0);
		one(c, ci, t, M_LEN_LONG, 0);
		one(c, ci, t, M_LEN_ZERO, 0);
		one(c, ci, t, M_NESTED_ON_SCALAR, 0);
		if (a->ty != T_PREFIX)
			for (r = 0; r < rounds; r++)
				for (i = 0; i < NR_INT; i++)
					one(c, ci, t, M_INT, i);
		break;
	case T_FLAG:
		one(c, ci, t, M_FLAG_DATA, 0);
		one(c, ci, t, M_NESTED_ON_SCALAR, 0);
		break;
	case T_STR:
		one(c, ci, t, M_STR_EMPTY, 0);
		one(c, ci, t, M_STR_MAX, 0);
		one(c, ci, t, M_STR_LONG, 0);
		one(c, ci, t, M_STR_NONUL, 0);
		one(c, ci, t, M_LEN_ZERO, 0);
		one(c, ci, t, M_NESTED_ON_SCALAR, 0);
		tgt_name = a->name;
		for (i = 0; i < NR_BAD; i++)
			one(c, ci, t, M_STR_BAD, i);
		tgt_name = false;
		break;
	case T_NEST:
		one(c, ci, t, M_NEST_EMPTY, 0);
		one(c, ci, t, M_NEST_NOFLAG, 0);
		one(c, ci, t, M_NEST_TRUNC, 0);
		one(c, ci, t, M_NEST_DEEP, 0);
		for (r = 0; r < 4 * rounds; r++)
			one(c, ci, t, M_NEST_RANDOM, 0);
		if (t->depth < MAXDEPTH) {
			const struct aset *s = a->nest;

			t->depth++;
			for (j = 0; j < 4; j++) {
				t->idx[t->depth - 1] = -1;
				one(c, ci, t, M_UNKNOWN, j);
			}
			for (j = 0; j < s->n; j++) {
				t->idx[t->depth - 1] = j;
				walk_attr(c, ci, t, &s->a[j]);
			}
			t->depth--;
		}
		break;
	}
}

int main(int argc, char **argv)
{
	unsigned long seed = 11;
	struct timespec t0, t1;
	unsigned int ci;
	int opt, j, r;

	while ((opt = getopt(argc, argv, "s:r:v")) != -1) {
		switch (opt) {
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'r': rounds = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: nlfuzz [-s SEED] [-r ROUNDS] [-v]\n");
			return 2;
		}
	}
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	if (resolve_family()) {
		fprintf(stderr, "nlfuzz: family %s not found\n", SRXFLOW_GENL_NAME);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (ci = 0; ci < sizeof(cmds) / sizeof(cmds[0]); ci++) {
		const struct cmd *c = &cmds[ci];
		struct target t = { 0 };

		one(c, ci, &t, M_NONE, 0);	/* the valid request */
		if (c_acc[ci] != 1 && c->cmd != SRXFLOW_CMD_CFG_COMMIT &&
		    c->cmd != SRXFLOW_CMD_TRACE_EVENT && c->cmd != SRXFLOW_CMD_DROP_EVENT &&
		    c->cmd != SRXFLOW_CMD_LOG_GET && c->cmd != SRXFLOW_CMD_LOG_CLEAR &&
		    c->cmd != SRXFLOW_CMD_MATCH_POLICIES)
			fprintf(stderr, "note: the valid %s request was refused\n", c->name);
		one(c, ci, &t, M_BADCMD, 0);
		one(c, ci, &t, M_BADCMD, 1);
		one(c, ci, &t, M_TRAILING, 0);
		one(c, ci, &t, M_TRUNC_MSG, 0);
		for (r = 0; r < 20 * rounds; r++)
			one(c, ci, &t, M_RANDOM, 0);
		t.depth = 1;
		for (j = 0; j < 4; j++) {
			t.idx[0] = -1;
			one(c, ci, &t, M_UNKNOWN, j);
		}
		for (j = 0; j < c->n; j++) {
			t.idx[0] = j;
			walk_attr(c, ci, &t, &c->a[j]);
		}
		printf("%-24s sent %5ld errors %5ld accepted %4ld\n", c->name, c_sent[ci],
		       c_err[ci], c_acc[ci]);
		fflush(stdout);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("accepted by kind:");
	for (j = 0; j < __M_MAX; j++)
		if (m_acc[j])
			printf(" %s=%ld/%ld", mut_name[j], m_acc[j], m_sent[j]);
	printf("\n");
	printf("cases %ld sent %ld errors %ld accepted %ld (valid-by-construction %ld) must-fail-accepted %ld hangs %ld in %.1f s\n",
	       n_cases, n_sent, n_err, n_acc, n_acc - n_acc_maypass, n_must_acc, n_hang,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return bad ? 1 : 0;
}
