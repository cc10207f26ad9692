// SPDX-License-Identifier: GPL-2.0
/*
 * show security screen ids-option NAME
 * show security screen statistics zone Z | interface IF
 * clear security screen statistics [zone Z | interface IF]
 *
 * Layouts: reference junos-nat-screens-alg.md §4.2.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include "cli.h"
#include "json.h"
#include "util.h"
#include "values.h"

/* `show security screen statistics` rows, in enum srxflow_screen_check order */
static const char *const check_names[__SRXFLOW_SCR_MAX] = {
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
	/* srxflow: the SYN cookies of syn-flood-protection-mode syn-cookie */
	[SRXFLOW_SCR_SYN_COOKIE_SENT]	= "TCP SYN cookie sent",
	[SRXFLOW_SCR_SYN_COOKIE_VALID]	= "TCP SYN cookie valid",
	[SRXFLOW_SCR_SYN_COOKIE_INVALID] = "TCP SYN cookie invalid",
};

/* JSON keys of the same rows */
static const char *const check_keys[__SRXFLOW_SCR_MAX] = {
	[SRXFLOW_SCR_ICMP_FLOOD]	= "icmp-flood",
	[SRXFLOW_SCR_UDP_FLOOD]		= "udp-flood",
	[SRXFLOW_SCR_WINNUKE]		= "tcp-winnuke",
	[SRXFLOW_SCR_TCP_PORT_SCAN]	= "tcp-port-scan",
	[SRXFLOW_SCR_ICMP_SWEEP]	= "icmp-address-sweep",
	[SRXFLOW_SCR_TEAR_DROP]		= "ip-tear-drop",
	[SRXFLOW_SCR_SYN_FLOOD]		= "tcp-syn-flood",
	[SRXFLOW_SCR_SPOOFING]		= "ip-spoofing",
	[SRXFLOW_SCR_PING_DEATH]	= "icmp-ping-of-death",
	[SRXFLOW_SCR_SOURCE_ROUTE]	= "ip-source-route-option",
	[SRXFLOW_SCR_LAND]		= "tcp-land-attack",
	[SRXFLOW_SCR_SYN_FRAG]		= "tcp-syn-fragment",
	[SRXFLOW_SCR_TCP_NO_FLAG]	= "tcp-no-flag",
	[SRXFLOW_SCR_UNKNOWN_PROTOCOL]	= "ip-unknown-protocol",
	[SRXFLOW_SCR_BAD_OPTION]	= "ip-bad-options",
	[SRXFLOW_SCR_RECORD_ROUTE]	= "ip-record-route-option",
	[SRXFLOW_SCR_TIMESTAMP]		= "ip-timestamp-option",
	[SRXFLOW_SCR_SECURITY]		= "ip-security-option",
	[SRXFLOW_SCR_LOOSE_SRC_ROUTE]	= "ip-loose-source-route-option",
	[SRXFLOW_SCR_STRICT_SRC_ROUTE]	= "ip-strict-source-route-option",
	[SRXFLOW_SCR_STREAM]		= "ip-stream-option",
	[SRXFLOW_SCR_ICMP_FRAGMENT]	= "icmp-fragment",
	[SRXFLOW_SCR_ICMP_LARGE]	= "icmp-large-packet",
	[SRXFLOW_SCR_SYN_FIN]		= "tcp-syn-fin",
	[SRXFLOW_SCR_FIN_NO_ACK]	= "tcp-fin-no-ack",
	[SRXFLOW_SCR_LIMIT_SRC]		= "source-session-limit",
	[SRXFLOW_SCR_SYN_ACK_ACK]	= "tcp-syn-ack-ack-proxy",
	[SRXFLOW_SCR_BLOCK_FRAG]	= "ip-block-fragment",
	[SRXFLOW_SCR_LIMIT_DST]		= "destination-session-limit",
	[SRXFLOW_SCR_UDP_SWEEP]		= "udp-address-sweep",
	[SRXFLOW_SCR_UDP_PORT_SCAN]	= "udp-port-scan",
	[SRXFLOW_SCR_TCP_SWEEP]		= "tcp-address-sweep",
	[SRXFLOW_SCR_SYN_COOKIE_SENT]	= "tcp-syn-cookie-sent",
	[SRXFLOW_SCR_SYN_COOKIE_VALID]	= "tcp-syn-cookie-valid",
	[SRXFLOW_SCR_SYN_COOKIE_INVALID] = "tcp-syn-cookie-invalid",
};

/* --- show security screen ids-option NAME ------------------------------------ */
/*
 * The rows of `Screen object status`, in the fixed Junos order: a flag
 * prints "enabled"; a value prints the configured number, or the default
 * when its check is on (flag) and the value is not configured.
 */
static const struct row {
	const char *label, *key;
	int attr;		/* value, or the flag itself */
	int flag;		/* the check's flag (0: attr is the flag or a plain value) */
	unsigned int def;
} rows[] = {
	{ "ICMP flood threshold", "icmp-flood-threshold", SRXFLOW_A_SCREEN_ICMP_FLOOD_THRESHOLD, SRXFLOW_A_SCREEN_ICMP_FLOOD, 1000 },
	{ "UDP flood threshold", "udp-flood-threshold", SRXFLOW_A_SCREEN_UDP_FLOOD_THRESHOLD, SRXFLOW_A_SCREEN_UDP_FLOOD, 1000 },
	{ "TCP winnuke", "tcp-winnuke", SRXFLOW_A_SCREEN_WINNUKE, 0, 0 },
	{ "TCP port scan threshold", "tcp-port-scan-threshold", SRXFLOW_A_SCREEN_TCP_PORT_SCAN_THRESHOLD, SRXFLOW_A_SCREEN_TCP_PORT_SCAN, 5000 },
	{ "ICMP address sweep threshold", "icmp-address-sweep-threshold", SRXFLOW_A_SCREEN_ICMP_SWEEP_THRESHOLD, SRXFLOW_A_SCREEN_ICMP_SWEEP, 5000 },
	{ "UDP address sweep threshold", "udp-address-sweep-threshold", SRXFLOW_A_SCREEN_UDP_SWEEP_THRESHOLD, SRXFLOW_A_SCREEN_UDP_SWEEP, 5000 },
	{ "UDP port scan threshold", "udp-port-scan-threshold", SRXFLOW_A_SCREEN_UDP_PORT_SCAN_THRESHOLD, SRXFLOW_A_SCREEN_UDP_PORT_SCAN, 5000 },
	{ "TCP sweep threshold", "tcp-address-sweep-threshold", SRXFLOW_A_SCREEN_TCP_SWEEP_THRESHOLD, SRXFLOW_A_SCREEN_TCP_SWEEP, 5000 },
	{ "IP tear drop", "ip-tear-drop", SRXFLOW_A_SCREEN_IP_TEAR_DROP, 0, 0 },
	{ "TCP SYN flood attack threshold", "tcp-syn-flood-attack-threshold", SRXFLOW_A_SCREEN_SYN_ATTACK, SRXFLOW_A_SCREEN_SYN_FLOOD, 200 },
	{ "TCP SYN flood alarm threshold", "tcp-syn-flood-alarm-threshold", SRXFLOW_A_SCREEN_SYN_ALARM, SRXFLOW_A_SCREEN_SYN_FLOOD, 512 },
	{ "TCP SYN flood source threshold", "tcp-syn-flood-source-threshold", SRXFLOW_A_SCREEN_SYN_SOURCE, SRXFLOW_A_SCREEN_SYN_FLOOD, 4000 },
	{ "TCP SYN flood destination threshold", "tcp-syn-flood-destination-threshold", SRXFLOW_A_SCREEN_SYN_DEST, SRXFLOW_A_SCREEN_SYN_FLOOD, 4000 },
	{ "TCP SYN flood timeout", "tcp-syn-flood-timeout", SRXFLOW_A_SCREEN_SYN_TIMEOUT, SRXFLOW_A_SCREEN_SYN_FLOOD, 20 },
	{ "IP spoofing", "ip-spoofing", SRXFLOW_A_SCREEN_IP_SPOOFING, 0, 0 },
	{ "ICMP ping of death", "icmp-ping-of-death", SRXFLOW_A_SCREEN_ICMP_PING_DEATH, 0, 0 },
	{ "IP source route option", "ip-source-route-option", SRXFLOW_A_SCREEN_IP_SOURCE_ROUTE, 0, 0 },
	{ "TCP land attack", "tcp-land-attack", SRXFLOW_A_SCREEN_LAND, 0, 0 },
	{ "TCP SYN fragment", "tcp-syn-fragment", SRXFLOW_A_SCREEN_SYN_FRAG, 0, 0 },
	{ "TCP no flag", "tcp-no-flag", SRXFLOW_A_SCREEN_TCP_NO_FLAG, 0, 0 },
	{ "IP unknown protocol", "ip-unknown-protocol", SRXFLOW_A_SCREEN_IP_UNKNOWN_PROTOCOL, 0, 0 },
	{ "IP bad options", "ip-bad-options", SRXFLOW_A_SCREEN_IP_BAD_OPTION, 0, 0 },
	{ "IP record route option", "ip-record-route-option", SRXFLOW_A_SCREEN_IP_RECORD_ROUTE, 0, 0 },
	{ "IP timestamp option", "ip-timestamp-option", SRXFLOW_A_SCREEN_IP_TIMESTAMP, 0, 0 },
	{ "IP security option", "ip-security-option", SRXFLOW_A_SCREEN_IP_SECURITY, 0, 0 },
	{ "IP loose source route option", "ip-loose-source-route-option", SRXFLOW_A_SCREEN_IP_LOOSE_SRC_ROUTE, 0, 0 },
	{ "IP strict source route option", "ip-strict-source-route-option", SRXFLOW_A_SCREEN_IP_STRICT_SRC_ROUTE, 0, 0 },
	{ "IP stream option", "ip-stream-option", SRXFLOW_A_SCREEN_IP_STREAM, 0, 0 },
	{ "ICMP fragmentation", "icmp-fragmentation", SRXFLOW_A_SCREEN_ICMP_FRAGMENT, 0, 0 },
	{ "ICMP large packet", "icmp-large-packet", SRXFLOW_A_SCREEN_ICMP_LARGE, 0, 0 },
	{ "TCP SYN FIN", "tcp-syn-fin", SRXFLOW_A_SCREEN_SYN_FIN, 0, 0 },
	{ "TCP FIN no ACK", "tcp-fin-no-ack", SRXFLOW_A_SCREEN_FIN_NO_ACK, 0, 0 },
	{ "TCP SYN-ACK-ACK proxy threshold", "tcp-syn-ack-ack-proxy-threshold", SRXFLOW_A_SCREEN_SYN_ACK_ACK_THRESHOLD, SRXFLOW_A_SCREEN_SYN_ACK_ACK, 512 },
	{ "IP block fragment", "ip-block-fragment", SRXFLOW_A_SCREEN_IP_BLOCK_FRAG, 0, 0 },
	{ "Session source limit threshold", "session-source-limit-threshold", SRXFLOW_A_SCREEN_LIMIT_SRC, 0, 0 },
	{ "Session destination limit threshold", "session-destination-limit-threshold", SRXFLOW_A_SCREEN_LIMIT_DST, 0, 0 },
	{ "Alarm without drop", "alarm-without-drop", SRXFLOW_A_SCREEN_ALARM_WITHOUT_DROP, 0, 0 },
};

struct ids_find {
	const char *want;
	bool found;
	const struct nlattr *tb[SRXFLOW_A_SCREEN_MAX + 1];
	char buf[65536];	/* the object's copy: the message goes away */
};

static int ids_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ids_find *f = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		const struct nlattr *tb[SRXFLOW_A_SCREEN_MAX + 1];
		const struct nlattr *copy;

		if (mnl_attr_get_type(a) != SRXFLOW_A_CFG_SCREEN || f->found)
			continue;
		if (nl_parse_nested(a, tb, SRXFLOW_A_SCREEN_MAX) || !tb[SRXFLOW_A_SCREEN_NAME] ||
		    strcmp(mnl_attr_get_str(tb[SRXFLOW_A_SCREEN_NAME]), f->want))
			continue;
		memcpy(f->buf, a, a->nla_len);
		copy = (const struct nlattr *)f->buf;
		nl_parse_nested(copy, f->tb, SRXFLOW_A_SCREEN_MAX);
		f->found = true;
	}
	return 0;
}

static void show_white_lists(struct cli *c, struct json *j, const struct nlattr *scr);

static int show_ids_option(struct cli *c, const char *name)
{
	static struct ids_find f;
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	struct json j;
	size_t i;
	int err;

	memset(&f, 0, sizeof(f));
	f.want = name;
	nlreq_init(nl, &req, SRXFLOW_CMD_CFG_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, ids_cb, &f);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show security screen ids-option", err);
		return 1;
	}
	if (!f.found) {
		fprintf(stderr, "srxflow: screen ids-option '%s' is not configured\n", name);
		return 1;
	}
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, "name", name);
		json_obj_open(&j, "status");
	} else {
		printf("Screen object status:\n\n");
		printf("%-45s%s\n", "Name", "Value");
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		const struct nlattr *v = f.tb[r->attr];
		bool flag_only = !r->flag && (!v || mnl_attr_get_payload_len(v) == 0);
		unsigned int n;

		if (!v && !(r->flag && f.tb[r->flag]))
			continue;
		if (flag_only) {
			if (c->json)
				json_str(&j, r->key, "enabled");
			else
				printf("  %-43s%s\n", r->label, "enabled");
			continue;
		}
		n = v ? mnl_attr_get_u32(v) : r->def;
		if (c->json)
			json_u64(&j, r->key, n);
		else
			printf("  %-43s%u\n", r->label, n);
	}
	show_white_lists(c, &j, (const struct nlattr *)f.buf);
	if (c->json) {
		json_obj_close(&j);
		json_end(&j);
	}
	return 0;
}

/*
 * The syn-flood white-lists (srxflow's rows, after the device's): one row
 * per list, its source and destination addresses ("any" when none).
 */
static void show_white_lists(struct cli *c, struct json *j, const struct nlattr *scr)
{
	const struct nlattr *a, *b;
	bool opened = false;

	mnl_attr_for_each_nested(a, scr) {
		const char *name = NULL;
		char src[1024] = "", dst[1024] = "", pb[64];
		size_t ns = 0, nd = 0;

		if (mnl_attr_get_type(a) != SRXFLOW_A_SCREEN_SYN_WHITE_LIST)
			continue;
		if (c->json && !opened) {
			json_obj_close(j);	/* status */
			json_arr_open(j, "syn-flood-white-lists");
			opened = true;
		}
		if (c->json)
			json_obj_open(j, NULL);
		if (c->json)
			json_arr_open(j, "source-address");
		mnl_attr_for_each_nested(b, a) {
			if (mnl_attr_get_type(b) == SRXFLOW_A_SCRWL_NAME)
				name = mnl_attr_get_str(b);
			if (mnl_attr_get_type(b) != SRXFLOW_A_SCRWL_SRC ||
			    mnl_attr_get_payload_len(b) != sizeof(struct srxflow_prefix))
				continue;
			prefix_str(mnl_attr_get_payload(b), pb, sizeof(pb));
			if (c->json)
				json_str(j, NULL, pb);
			else if (ns < sizeof(src))
				ns += snprintf(src + ns, sizeof(src) - ns, "%s%s", ns ? " " : "", pb);
		}
		if (c->json) {
			json_arr_close(j);
			json_arr_open(j, "destination-address");
		}
		mnl_attr_for_each_nested(b, a) {
			if (mnl_attr_get_type(b) != SRXFLOW_A_SCRWL_DST ||
			    mnl_attr_get_payload_len(b) != sizeof(struct srxflow_prefix))
				continue;
			prefix_str(mnl_attr_get_payload(b), pb, sizeof(pb));
			if (c->json)
				json_str(j, NULL, pb);
			else if (nd < sizeof(dst))
				nd += snprintf(dst + nd, sizeof(dst) - nd, "%s%s", nd ? " " : "", pb);
		}
		if (c->json) {
			json_arr_close(j);
			json_str(j, "name", name ? name : "");
			json_obj_close(j);
			continue;
		}
		printf("  %-43s%s\n", "TCP SYN flood white-list", name ? name : "");
		printf("    %-41s%s\n", "Source address", *src ? src : "any");
		printf("    %-41s%s\n", "Destination address", *dst ? dst : "any");
	}
	if (!c->json)
		return;
	if (opened)
		json_arr_close(j);
	else
		json_obj_close(j);	/* status */
}

/* --- statistics ---------------------------------------------------------------- */
struct scr_stats {
	uint64_t v[__SRXFLOW_SCR_MAX];
	bool got;
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct scr_stats *s = data;
	const struct nlattr *a, *b;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != SRXFLOW_A_SCREEN_STATS)
			continue;
		mnl_attr_for_each_nested(b, a) {
			int t = mnl_attr_get_type(b);

			if (t >= 1 && t < __SRXFLOW_SCR_MAX &&
			    mnl_attr_get_payload_len(b) == sizeof(uint64_t))
				s->v[t] = mnl_attr_get_u64(b);
		}
		s->got = true;
	}
	return 0;
}

/* zone Z | interface IF: the selector attribute, or -1 after a message */
static int selector(const char *what, int argc, char **argv, bool optional)
{
	static const char *const kws[] = { "zone", "interface", NULL };
	int k;

	if (!argc && optional)
		return 0;
	if (argc != 2) {
		fprintf(stderr, "srxflow: %s: expecting zone NAME | interface NAME\n", what);
		return -1;
	}
	k = cli_keyword(argv[0], kws);
	if (k < 0) {
		fprintf(stderr, "srxflow: %s: syntax error, expecting zone | interface: '%s'\n",
			what, argv[0]);
		return -1;
	}
	return k == 0 ? SRXFLOW_A_SCREEN_ZONE : SRXFLOW_A_SCREEN_IFNAME;
}

int cmd_show_screen_statistics(struct cli *c, int argc, char **argv)
{
	const char *what = "show security screen statistics";
	struct nl *nl = cli_nl(c);
	struct scr_stats s = { 0 };
	struct nlreq req;
	struct json j;
	int attr = selector(what, argc, argv, false), i, err;

	if (attr < 0)
		return 1;
	nlreq_init(nl, &req, SRXFLOW_CMD_SCREEN_STATS_GET, 0);
	mnl_attr_put_strz(req.nlh, attr, argv[1]);
	err = nl_talk(nl, &req, stats_cb, &s);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, what, err);
		return 1;
	}
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, attr == SRXFLOW_A_SCREEN_ZONE ? "zone" : "interface", argv[1]);
		json_obj_open(&j, "statistics");
		for (i = 1; i < __SRXFLOW_SCR_MAX; i++)
			json_u64(&j, check_keys[i], s.v[i]);
		json_obj_close(&j);
		json_obj_close(&j);
		json_end(&j);
		return 0;
	}
	printf("Screen statistics:\n\n");
	printf("%-45s%s\n", "IDS attack type", "Statistics");
	for (i = 1; i < __SRXFLOW_SCR_MAX; i++)
		printf("  %-43s%llu\n", check_names[i], (unsigned long long)s.v[i]);
	return 0;
}

int cmd_clear_screen_statistics(struct cli *c, int argc, char **argv)
{
	const char *what = "clear security screen statistics";
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int attr = selector(what, argc, argv, true), err;

	if (attr < 0)
		return 1;
	nlreq_init(nl, &req, SRXFLOW_CMD_SCREEN_STATS_CLEAR, 0);
	if (attr)
		mnl_attr_put_strz(req.nlh, attr, argv[1]);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, what, err);
		return 1;
	}
	return 0;
}

int cmd_show_screen_ids_option(struct cli *c, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "srxflow: show security screen ids-option: expecting NAME\n");
		return 1;
	}
	return show_ids_option(c, argv[0]);
}
