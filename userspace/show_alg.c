// SPDX-License-Identifier: GPL-2.0
/*
 * show security alg status, show security alg counters, clear security
 * alg counters, show security flow gate: the ALGs (FTP, TFTP) and their
 * gates (pinholes).  Layouts: Junos (reference junos-nat-screens-alg.md §5).
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include "cli.h"
#include "json.h"
#include "util.h"
#include "values.h"

/* every ALG line of Junos, in its order; srxflow has FTP and TFTP */
static const struct {
	const char *name;
	int alg;		/* enum srxflow_alg, 0: not implemented */
} alg_lines[] = {
	{ "DNS", 0 }, { "FTP", SRXFLOW_ALG_FTP }, { "H323", 0 }, { "MGCP", 0 },
	{ "MSRPC", 0 }, { "PPTP", 0 }, { "RSH", 0 }, { "RTSP", 0 }, { "SCCP", 0 },
	{ "SIP", 0 }, { "SQL", 0 }, { "SUNRPC", 0 }, { "TALK", 0 },
	{ "TFTP", SRXFLOW_ALG_TFTP }, { "IKE-ESP", 0 }, { "TWAMP", 0 },
};

static const char *const counter_names[SRXFLOW_A_ALGI_MAX + 1] = {
	[SRXFLOW_A_ALGI_SESSIONS] = "Control sessions",
	[SRXFLOW_A_ALGI_MESSAGES] = "Messages parsed",
	[SRXFLOW_A_ALGI_UNPARSABLE] = "Messages unparsable (passed)",
	[SRXFLOW_A_ALGI_REWRITES] = "Payloads rewritten (NAT)",
	[SRXFLOW_A_ALGI_GATES_OPENED] = "Gates opened",
	[SRXFLOW_A_ALGI_GATES_USED] = "Gates used (data sessions)",
	[SRXFLOW_A_ALGI_GATES_EXPIRED] = "Gates expired",
	[SRXFLOW_A_ALGI_GATES_FAILED] = "Gates failed (limit, memory)",
	[SRXFLOW_A_ALGI_CHILDREN] = "Data sessions closed with parent",
};

static const char *const counter_keys[SRXFLOW_A_ALGI_MAX + 1] = {
	[SRXFLOW_A_ALGI_SESSIONS] = "control-sessions",
	[SRXFLOW_A_ALGI_MESSAGES] = "messages",
	[SRXFLOW_A_ALGI_UNPARSABLE] = "unparsable",
	[SRXFLOW_A_ALGI_REWRITES] = "rewrites",
	[SRXFLOW_A_ALGI_GATES_OPENED] = "gates-opened",
	[SRXFLOW_A_ALGI_GATES_USED] = "gates-used",
	[SRXFLOW_A_ALGI_GATES_EXPIRED] = "gates-expired",
	[SRXFLOW_A_ALGI_GATES_FAILED] = "gates-failed",
	[SRXFLOW_A_ALGI_CHILDREN] = "children-closed",
};

struct alg_info {
	bool have, enabled;
	uint64_t v[SRXFLOW_A_ALGI_MAX + 1];
	uint32_t gates;
};

static int alg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct alg_info *info = data;
	const struct nlattr *a, *b;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		struct alg_info tmp = { .have = true };
		int alg = 0;

		if (mnl_attr_get_type(a) != SRXFLOW_A_ALG_INFO)
			continue;
		mnl_attr_for_each_nested(b, a) {
			int t = mnl_attr_get_type(b);

			if (t == SRXFLOW_A_ALGI_ALG)
				alg = mnl_attr_get_u8(b);
			else if (t == SRXFLOW_A_ALGI_ENABLED)
				tmp.enabled = mnl_attr_get_u8(b);
			else if (t == SRXFLOW_A_ALGI_GATES)
				tmp.gates = mnl_attr_get_u32(b);
			else if (t <= SRXFLOW_A_ALGI_MAX && counter_names[t])
				tmp.v[t] = mnl_attr_get_u64(b);
		}
		if (alg > 0 && alg <= SRXFLOW_ALG_MAX)
			info[alg] = tmp;
	}
	return 0;
}

static int load_algs(struct cli *c, struct alg_info *info, const char *what)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	memset(info, 0, sizeof(*info) * (SRXFLOW_ALG_MAX + 1));
	nlreq_init(nl, &req, SRXFLOW_CMD_ALG_GET, 0);
	err = nl_talk(nl, &req, alg_cb, info);
	nlreq_free(&req);
	if (err)
		nl_perror(nl, what, err);
	return err;
}

static const char *status_word(const struct alg_info *info, int alg)
{
	if (!alg)
		return "Disabled (not implemented)";
	return info[alg].enabled ? "Enabled" : "Disabled";
}

int cmd_show_alg_status(struct cli *c, int argc, char **argv)
{
	struct alg_info info[SRXFLOW_ALG_MAX + 1];
	struct json j;
	size_t i;

	if (argc) {
		fprintf(stderr, "srxflow: show security alg status: unexpected '%s'\n", argv[0]);
		return 1;
	}
	if (load_algs(c, info, "show security alg status"))
		return 1;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "alg-status");
		for (i = 0; i < ARRAY_SIZE(alg_lines); i++) {
			int alg = alg_lines[i].alg;

			json_obj_open(&j, NULL);
			json_str(&j, "name", alg_lines[i].name);
			json_bool(&j, "enabled", alg && info[alg].enabled);
			json_bool(&j, "implemented", alg != 0);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
		return 0;
	}
	printf("ALG Status:\n");
	for (i = 0; i < ARRAY_SIZE(alg_lines); i++)
		printf("  %-8s : %s\n", alg_lines[i].name, status_word(info, alg_lines[i].alg));
	return 0;
}

int cmd_show_alg_counters(struct cli *c, int argc, char **argv)
{
	static const char *const which[] = { "ftp", "tftp", NULL };
	struct alg_info info[SRXFLOW_ALG_MAX + 1];
	int only = 0, alg, t;
	struct json j;

	if (argc > 1 || (argc == 1 && (only = cli_keyword(argv[0], which)) < 0)) {
		fprintf(stderr, "srxflow: show security alg counters: expecting ftp or tftp\n");
		return 1;
	}
	if (argc)
		only = only == 0 ? SRXFLOW_ALG_FTP : SRXFLOW_ALG_TFTP;
	if (load_algs(c, info, "show security alg counters"))
		return 1;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "alg-counters");
	}
	for (alg = SRXFLOW_ALG_FTP; alg <= SRXFLOW_ALG_MAX; alg++) {
		const char *name = alg == SRXFLOW_ALG_FTP ? "FTP" : "TFTP";

		if ((only && alg != only) || !info[alg].have)
			continue;
		if (c->json) {
			json_obj_open(&j, NULL);
			json_str(&j, "name", name);
			json_bool(&j, "enabled", info[alg].enabled);
			json_u64(&j, "gates", info[alg].gates);
			for (t = 0; t <= SRXFLOW_A_ALGI_MAX; t++)
				if (counter_keys[t])
					json_u64(&j, counter_keys[t], info[alg].v[t]);
			json_obj_close(&j);
			continue;
		}
		printf("%s ALG counters: %s\n", name, info[alg].enabled ? "Enabled" : "Disabled");
		printf("  Gates open: %u\n", info[alg].gates);
		for (t = 0; t <= SRXFLOW_A_ALGI_MAX; t++)
			if (counter_names[t])
				printf("  %s: %" PRIu64 "\n", counter_names[t], info[alg].v[t]);
	}
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	return 0;
}

int cmd_clear_alg_counters(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_ALG_CLEAR, 0);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear security alg counters", err);
		return 1;
	}
	return 0;
}

/* --- show security flow gate -------------------------------------------------- */
struct gate {
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], xdst[INET6_ADDRSTRLEN];
	bool any_src;
	uint16_t sport, dport, xdport;
	uint8_t proto, alg;
	uint32_t age;
	uint64_t parent;
	char zone[64];
};

struct gset {
	struct gate *v;
	int n, cap;
};

static void get_addr(const struct nlattr *a, char *buf, bool *any)
{
	const struct srxflow_prefix *p = mnl_attr_get_payload(a);

	if (mnl_attr_get_payload_len(a) < sizeof(*p)) {
		strcpy(buf, "?");
		return;
	}
	if (any)
		*any = !p->plen;
	inet_ntop(p->family == AF_INET6 ? AF_INET6 : AF_INET, p->addr, buf, INET6_ADDRSTRLEN);
}

static int gate_cb(const struct nlmsghdr *nlh, void *data)
{
	struct gset *gs = data;
	const struct nlattr *a, *b;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		struct gate *g;

		if (mnl_attr_get_type(a) != SRXFLOW_A_GATE)
			continue;
		if (gs->n == gs->cap) {
			gs->cap = gs->cap ? gs->cap * 2 : 16;
			gs->v = xrealloc(gs->v, gs->cap * sizeof(*gs->v));
		}
		g = &gs->v[gs->n++];
		memset(g, 0, sizeof(*g));
		mnl_attr_for_each_nested(b, a) {
			switch (mnl_attr_get_type(b)) {
			case SRXFLOW_A_GATE_SRC: get_addr(b, g->src, &g->any_src); break;
			case SRXFLOW_A_GATE_DST: get_addr(b, g->dst, NULL); break;
			case SRXFLOW_A_GATE_XDST: get_addr(b, g->xdst, NULL); break;
			case SRXFLOW_A_GATE_SPORT: g->sport = mnl_attr_get_u16(b); break;
			case SRXFLOW_A_GATE_DPORT: g->dport = mnl_attr_get_u16(b); break;
			case SRXFLOW_A_GATE_XDPORT: g->xdport = mnl_attr_get_u16(b); break;
			case SRXFLOW_A_GATE_PROTOCOL: g->proto = mnl_attr_get_u8(b); break;
			case SRXFLOW_A_GATE_ALG: g->alg = mnl_attr_get_u8(b); break;
			case SRXFLOW_A_GATE_AGE: g->age = mnl_attr_get_u32(b); break;
			case SRXFLOW_A_GATE_PARENT: g->parent = mnl_attr_get_u64(b); break;
			case SRXFLOW_A_GATE_ZONE:
				snprintf(g->zone, sizeof(g->zone), "%s", mnl_attr_get_str(b));
				break;
			}
		}
		if (g->any_src)
			strcpy(g->src, strchr(g->dst, ':') ? "::" : "0.0.0.0");
	}
	return 0;
}

static const char *alg_app(uint8_t alg)
{
	/* Junos: the ALG's application id after the slash */
	return alg == SRXFLOW_ALG_FTP ? "FTP ALG/79" : alg == SRXFLOW_ALG_TFTP ? "TFTP ALG/80" : "none";
}

int cmd_show_flow_gate(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct gset gs = { 0 };
	struct nlreq req;
	char pbuf[16];
	struct json j;
	int err, i, tries;

	if (argc) {
		fprintf(stderr, "srxflow: show security flow gate: unexpected '%s'\n", argv[0]);
		return 1;
	}
	/* a gate opened or closed during the dump (NLM_F_DUMP_INTR): again */
	for (tries = 0;; tries++) {
		nlreq_init(nl, &req, SRXFLOW_CMD_GATE_GET, NLM_F_DUMP);
		err = nl_talk(nl, &req, gate_cb, &gs);
		nlreq_free(&req);
		if (err || !nl->dump_intr)
			break;
		if (tries == 4) {
			fprintf(stderr, "srxflow: the gate table kept changing during the listing: "
				"a gate may be missing or listed twice\n");
			break;
		}
		free(gs.v);
		memset(&gs, 0, sizeof(gs));
	}
	if (err) {
		nl_perror(nl, "show security flow gate", err);
		free(gs.v);
		return 1;
	}
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_u64(&j, "total-gates", gs.n);
		json_arr_open(&j, "gates");
		for (i = 0; i < gs.n; i++) {
			struct gate *g = &gs.v[i];

			json_obj_open(&j, NULL);
			json_str(&j, "source-address", g->any_src ? "any" : g->src);
			json_str(&j, "destination-address", g->dst);
			json_u64(&j, "destination-port", g->dport);
			json_str(&j, "translated-address", g->xdst);
			json_u64(&j, "translated-port", g->xdport);
			json_str(&j, "protocol", proto_name(g->proto, pbuf, sizeof(pbuf)));
			json_str(&j, "application", alg_app(g->alg));
			json_u64(&j, "age", g->age);
			json_str(&j, "zone", g->zone);
			json_u64(&j, "parent-session", g->parent);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
		free(gs.v);
		return 0;
	}
	for (i = 0; i < gs.n; i++) {
		struct gate *g = &gs.v[i];

		printf("Hole: %s-%s/0-65535->%s-%s/%u-%u\n", g->src, g->src, g->dst, g->dst,
		       g->dport, g->dport);
		printf("  Translated: %s/0->%s/%u\n", strchr(g->dst, ':') ? "::" : "0.0.0.0",
		       g->xdst, g->xdport);
		printf("  Protocol: %s\n", proto_name(g->proto, pbuf, sizeof(pbuf)));
		printf("  Application: %s\n", alg_app(g->alg));
		printf("  Age: %u seconds\n", g->age);
		printf("  Flags: 0xe001\n");
		printf("  Zone: %s\n", g->zone);
		printf("  Reference count: 1\n");
		printf("  Parent session: %" PRIu64 "\n\n", g->parent);
	}
	printf("Total gates: %d\n", gs.n);
	free(gs.v);
	return 0;
}
