// SPDX-License-Identifier: GPL-2.0
/*
 * show security flow statistics | status, clear security flow statistics
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "json.h"
#include "schema.h"
#include "util.h"

const char *const drop_reason_names[__SRXFLOW_DROP_MAX] = {
	[SRXFLOW_DROP_NONE]		= "none",
	[SRXFLOW_DROP_POLICY_DENY]	= "Denied by policy",
	[SRXFLOW_DROP_POLICY_REJECT]	= "Rejected by policy",
	[SRXFLOW_DROP_DEFAULT_DENY]	= "Denied by default policy",
	[SRXFLOW_DROP_NO_ROUTE]		= "No route present",
	[SRXFLOW_DROP_NO_REVERSE_ROUTE]	= "No reverse route",
	[SRXFLOW_DROP_WING_MISMATCH]	= "Wing interface mismatch",
	[SRXFLOW_DROP_TCP_NO_SYN]	= "TCP packet without SYN",
	[SRXFLOW_DROP_TCP_OUT_OF_WINDOW] = "TCP sequence out of window",
	[SRXFLOW_DROP_TCP_INVALID]	= "Invalid TCP packet",
	[SRXFLOW_DROP_INVALID_ZONE]	= "First path Invalid zone",
	[SRXFLOW_DROP_TABLE_FULL]	= "Session table full",
	[SRXFLOW_DROP_HOST_INBOUND]	= "Host inbound not allowed",
	[SRXFLOW_DROP_MALFORMED]	= "Malformed header",
	[SRXFLOW_DROP_NO_SESSION]	= "No session",
	[SRXFLOW_DROP_INVALIDATED]	= "Session invalidated",
	[SRXFLOW_DROP_FAMILY_DROP]	= "Family mode drop",
	[SRXFLOW_DROP_NO_MEMORY]	= "Out of memory",
	[SRXFLOW_DROP_TTL]		= "TTL exceeded",
	[SRXFLOW_DROP_XMIT]		= "Transmit error",
	[SRXFLOW_DROP_TOO_BIG]		= "Packet too big",
	[SRXFLOW_DROP_LAND]		= "Land attack",
	[SRXFLOW_DROP_NAT_POOL_EXHAUSTED] = "Source NAT pool exhausted",
	[SRXFLOW_DROP_NAT_FAILED]	= "NAT translation failed",
	[SRXFLOW_DROP_ICMP_MISMATCH]	= "ICMP error mismatch",
	[SRXFLOW_DROP_REROUTE_ZONE]	= "Reroute zone mismatch",
	[SRXFLOW_DROP_FWD_DISABLED]	= "Forwarding disabled",
	[SRXFLOW_DROP_RPF]		= "Reverse path check failed",
	[SRXFLOW_DROP_MARTIAN]		= "Martian address",
	[SRXFLOW_DROP_NOT_HOST]	= "Not addressed to host",
	[SRXFLOW_DROP_SOURCE_ROUTE]	= "Source route option",
	[SRXFLOW_DROP_XFRM_POLICY]	= "IPsec policy",
	[SRXFLOW_DROP_SCREEN]		= "Screen",
	[SRXFLOW_DROP_SYN_COOKIE]	= "SYN cookie invalid",
	[SRXFLOW_DROP_HOST_ROUTED]	= "Host packet routed onward",
	[SRXFLOW_DROP_ALG_GATE_IN_USE]	= "ALG data connection in use",
	[SRXFLOW_DROP_REPLY_IN_USE]	= "Reply tuple in use",
	[SRXFLOW_DROP_ALG_OUT_OF_ORDER]	= "ALG segment out of order",
};

static uint64_t get64(const struct nlattr *a)
{
	if (!a)
		return 0;
	return mnl_attr_get_payload_len(a) == 8 ? mnl_attr_get_u64(a) : mnl_attr_get_u32(a);
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	/* attr 0: a device counter srxflow has no reason to count (always 0) */
	static const struct { int attr; const char *label; const char *jkey; } rows[] = {
		{ SRXFLOW_A_STAT_SESSIONS, "Current sessions", "current-sessions" },
		{ SRXFLOW_A_STAT_RX, "Packets received", "packets-received" },
		{ SRXFLOW_A_STAT_TX, "Packets transmitted", "packets-transmitted" },
		{ SRXFLOW_A_STAT_FORWARDED, "Packets forwarded/queued", "packets-forwarded" },
		{ 0, "Packets copied", "packets-copied" },
		{ SRXFLOW_A_STAT_DROPPED, "Packets dropped", "packets-dropped" },
		{ SRXFLOW_A_STAT_OFFLOAD, "Services-offload packets processed", "services-offload-packets" },
		{ SRXFLOW_A_STAT_FRAGMENTS, "Fragment packets", "fragment-packets" },
		{ 0, "Pre fragments generated", "pre-fragments-generated" },
		{ 0, "Post fragments generated", "post-fragments-generated" },
		/* srxflow's own counters, after the device's */
		{ SRXFLOW_A_STAT_HOST, "Packets to host", "packets-to-host" },
		{ SRXFLOW_A_STAT_FIRST_PATH, "First path packets", "first-path-packets" },
		{ SRXFLOW_A_STAT_FAST_PATH, "Fast path packets", "fast-path-packets" },
		{ SRXFLOW_A_STAT_CREATED, "Sessions created", "sessions-created" },
		{ SRXFLOW_A_STAT_CLOSED, "Sessions closed", "sessions-closed" },
		{ SRXFLOW_A_STAT_FAILED, "Session creation failures", "session-failures" },
		{ SRXFLOW_A_STAT_ICMP_ERR, "ICMP errors relayed", "icmp-errors-relayed" },
		{ SRXFLOW_A_STAT_REROUTED, "Wings re-routed", "wings-rerouted" },
		{ SRXFLOW_A_STAT_BYPASS, "Packets of unzoned interfaces", "packets-unzoned" },
		{ SRXFLOW_A_STAT_LOG_SENT, "Session log events sent", "log-events-sent" },
		{ SRXFLOW_A_STAT_LOG_DROPPED, "Session log events dropped", "log-events-dropped" },
		{ SRXFLOW_A_STAT_ANSWERS_LIMITED, "Rejects not answered (rate limit)",
		  "rejects-rate-limited" },
	};
	const struct nlattr *tb[SRXFLOW_A_MAX + 1], *st[SRXFLOW_A_STAT_MAX + 1], *a;
	struct cli *c = data;
	struct json j;
	size_t i;

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX) || !tb[SRXFLOW_A_STATS] ||
	    nl_parse_nested(tb[SRXFLOW_A_STATS], st, SRXFLOW_A_STAT_MAX))
		return -EINVAL;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		for (i = 0; i < ARRAY_SIZE(rows); i++)
			json_u64(&j, rows[i].jkey,
				 rows[i].attr ? get64(st[rows[i].attr]) : 0);
		json_obj_open(&j, "drops");
	} else {
		for (i = 0; i < ARRAY_SIZE(rows); i++)
			printf("    %s: %" PRIu64 "\n", rows[i].label,
			       rows[i].attr ? get64(st[rows[i].attr]) : 0);
		printf("    Drops by reason:\n");
	}
	if (st[SRXFLOW_A_STAT_DROP])
		mnl_attr_for_each_nested(a, st[SRXFLOW_A_STAT_DROP]) {
			unsigned int t = mnl_attr_get_type(a);
			const char *name = t < __SRXFLOW_DROP_MAX ? drop_reason_names[t] : NULL;

			if (!name)
				continue;
			if (c->json)
				json_u64(&j, name, get64(a));
			else
				printf("      %s: %" PRIu64 "\n", name, get64(a));
		}
	if (c->json) {
		json_obj_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	return 0;
}

int cmd_show_flow_statistics(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_STATS_GET, 0);
	err = nl_talk(nl, &req, stats_cb, c);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show security flow statistics", err);
		return 1;
	}
	return 0;
}

int cmd_clear_flow_statistics(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_STATS_CLEAR, 0);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear security flow statistics", err);
		return 1;
	}
	return 0;
}

static const char *mode_str(unsigned int m)
{
	return m == SRXFLOW_FWD_PACKET_BASED ? "packet based" :
	       m == SRXFLOW_FWD_DROP ? "drop" : "flow based";
}

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1], *st[SRXFLOW_A_STATUS_MAX + 1];
	struct cli *c = data;
	unsigned int m4, m6, rr, tr, max, cur, nf, lines, cap, offl;
	const char *file;
	uint64_t lost;
	struct json j;

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX) || !tb[SRXFLOW_A_STATUS] ||
	    nl_parse_nested(tb[SRXFLOW_A_STATUS], st, SRXFLOW_A_STATUS_MAX))
		return -EINVAL;
#define U8(x) (st[x] ? mnl_attr_get_u8(st[x]) : 0)
#define U32(x) (st[x] ? mnl_attr_get_u32(st[x]) : 0)
	file = tb[SRXFLOW_A_LOG_FILE] ? mnl_attr_get_str(tb[SRXFLOW_A_LOG_FILE]) : "";
	m4 = U8(SRXFLOW_A_STATUS_INET_MODE);
	m6 = U8(SRXFLOW_A_STATUS_INET6_MODE);
	rr = U8(SRXFLOW_A_STATUS_REVERSE_ROUTE);
	tr = U8(SRXFLOW_A_STATUS_TRACE_ON);
	max = U32(SRXFLOW_A_STATUS_MAX_SESSIONS);
	cur = U32(SRXFLOW_A_STATUS_SESSIONS);
	nf = U32(SRXFLOW_A_STATUS_TRACE_FILTERS);
	lines = U32(SRXFLOW_A_STATUS_TRACE_LINES);
	cap = U32(SRXFLOW_A_STATUS_TRACE_CAPACITY);
	offl = U32(SRXFLOW_A_STATUS_OFFLOAD_IFACES);
	lost = st[SRXFLOW_A_STATUS_TRACE_LOST] ? mnl_attr_get_u64(st[SRXFLOW_A_STATUS_TRACE_LOST]) : 0;
#undef U8
#undef U32
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, "inet-forwarding-mode", mode_str(m4));
		json_str(&j, "inet6-forwarding-mode", mode_str(m6));
		json_str(&j, "flow-trace-status", tr ? "on" : "off");
		json_u64(&j, "trace-packet-filters", nf);
		json_str(&j, "trace-file", file);
		json_u64(&j, "trace-buffer-lines", lines);
		json_u64(&j, "trace-buffer-capacity", cap);
		json_u64(&j, "trace-lines-lost", lost);
		json_str(&j, "reverse-route-mode", rr ? "packet" : "flow");
		json_u64(&j, "session-table-size", max);
		json_u64(&j, "sessions-in-use", cur);
		json_u64(&j, "services-offload-interfaces", offl);
		if (tb[SRXFLOW_A_GENERATION])
			json_u64(&j, "configuration-generation",
				 mnl_attr_get_u64(tb[SRXFLOW_A_GENERATION]));
		json_obj_close(&j);
		json_end(&j);
		return 0;
	}
	printf("  Flow forwarding mode:\n");
	printf("    Inet forwarding mode: %s\n", mode_str(m4));
	printf("    Inet6 forwarding mode: %s\n", mode_str(m6));
	printf("  Flow trace status\n");
	printf("    Flow tracing status: %s\n", tr ? "on" : "off");
	if (tr)
		printf("    Packet filters: %u%s\n", nf, nf ? "" : " (every packet is traced)");
	if (file[0])
		printf("    Trace file: %s, buffer: %u of %u lines used, %" PRIu64 " lines lost\n",
		       file, lines, cap, lost);
	printf("  Flow reverse route mode: %s\n",
	       rr ? "packet mode (reverse-route-packet-mode-vr: table of the reply's interface)" :
		    "flow mode (table of the ingress interface)");
	printf("  Flow session table: %u sessions in use, maximum %u\n", cur, max);
	/* srxflow: the interfaces whose ingress forwards offloaded sessions */
	printf("  Flow services-offload: %u interfaces with the ingress hook\n", offl);
	return 0;
}

int cmd_show_flow_status(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_GET_STATUS, 0);
	err = nl_talk(nl, &req, status_cb, c);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show security flow status", err);
		return 1;
	}
	return 0;
}
