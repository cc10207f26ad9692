// SPDX-License-Identifier: GPL-2.0
/*
 * show security policies [from-zone A to-zone B] [global] [detail]
 * show security policies hit-count
 * clear security policies statistics
 * show security match-policies from-zone A to-zone B source-ip X
 *      destination-ip Y [source-port N] [destination-port N] [protocol P]
 *      [result-count N]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include "cli.h"
#include "json.h"
#include "show_policy_objects.h"
#include "util.h"
#include "values.h"

struct strlist {
	char **v;
	int n;
};

struct pol {
	char from[SRXFLOW_NAME_MAX], to[SRXFLOW_NAME_MAX], name[SRXFLOW_NAME_MAX];
	bool global, count, log_init, log_close;
	unsigned int index, seq, action;
	struct strlist src, dst, app, mfrom, mto;
	uint64_t hits, pkts, bytes;
};

struct polset {
	struct pol *v;
	int n, cap;
	int *by_index;		/* policy index -> position + 1 */
	unsigned int by_index_n;
	unsigned int default_policy;
	bool rematch;
	struct pobjs *objs;	/* addresses and applications, for the detail layouts */
	uint64_t default_hits;
};

static void sl_add(struct strlist *l, const char *s)
{
	l->v = xrealloc(l->v, sizeof(*l->v) * (size_t)(l->n + 1));
	l->v[l->n++] = xstrdup(s);
}

static void sl_free(struct strlist *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void polset_free(struct polset *ps)
{
	int i;

	for (i = 0; i < ps->n; i++) {
		sl_free(&ps->v[i].src);
		sl_free(&ps->v[i].dst);
		sl_free(&ps->v[i].app);
		sl_free(&ps->v[i].mfrom);
		sl_free(&ps->v[i].mto);
	}
	free(ps->v);
	free(ps->by_index);
	pobjs_free(ps->objs);
}

static void decode_policy(struct polset *ps, const struct nlattr *obj)
{
	const struct nlattr *a;
	struct pol *p;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->v = xrealloc(ps->v, sizeof(*ps->v) * (size_t)ps->cap);
	}
	p = &ps->v[ps->n++];
	memset(p, 0, sizeof(*p));
	p->global = true;
	mnl_attr_for_each_nested(a, obj) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_POL_FROM_ZONE:
			snprintf(p->from, sizeof(p->from), "%s", mnl_attr_get_str(a));
			p->global = false;
			break;
		case SRXFLOW_A_POL_TO_ZONE:
			snprintf(p->to, sizeof(p->to), "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_NAME:
			snprintf(p->name, sizeof(p->name), "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_SRC_ADDR:
			sl_add(&p->src, mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_DST_ADDR:
			sl_add(&p->dst, mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_APP:
			sl_add(&p->app, mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_MATCH_FROM_ZONE:
			sl_add(&p->mfrom, mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_MATCH_TO_ZONE:
			sl_add(&p->mto, mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_POL_ACTION:
			p->action = mnl_attr_get_u8(a);
			break;
		case SRXFLOW_A_POL_COUNT:
			p->count = true;
			break;
		case SRXFLOW_A_POL_LOG_INIT:
			p->log_init = true;
			break;
		case SRXFLOW_A_POL_LOG_CLOSE:
			p->log_close = true;
			break;
		case SRXFLOW_A_POL_INDEX:
			p->index = mnl_attr_get_u32(a);
			break;
		}
	}
}

static int cfg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct polset *ps = data;
	const struct nlattr *a, *b;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_CFG_POLICY:
			decode_policy(ps, a);
			break;
		case SRXFLOW_A_CFG_ADDRESS:
		case SRXFLOW_A_CFG_ADDRESS_SET:
		case SRXFLOW_A_CFG_APPLICATION:
		case SRXFLOW_A_CFG_APPLICATION_SET:
			pobjs_decode(ps->objs, a);
			break;
		case SRXFLOW_A_CFG_POLICIES:
			mnl_attr_for_each_nested(b, a) {
				if (mnl_attr_get_type(b) == SRXFLOW_A_POLS_DEFAULT)
					ps->default_policy = mnl_attr_get_u8(b);
				if (mnl_attr_get_type(b) == SRXFLOW_A_POLS_REMATCH)
					ps->rematch = true;
			}
			break;
		}
	}
	return 0;
}

/* position of each policy by index, for O(1) matching of counters */
static void build_index(struct polset *ps)
{
	unsigned int max = 0;
	int i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i].index > max)
			max = ps->v[i].index;
	ps->by_index_n = max + 1;
	ps->by_index = xcalloc(ps->by_index_n, sizeof(*ps->by_index));
	for (i = 0; i < ps->n; i++)
		ps->by_index[ps->v[i].index] = i + 1;
}

static int hits_cb(const struct nlmsghdr *nlh, void *data)
{
	struct polset *ps = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		const struct nlattr *tb[SRXFLOW_A_HITS_MAX + 1];
		unsigned int idx;
		int i;

		if (mnl_attr_get_type(a) != SRXFLOW_A_POLICY_HITS ||
		    nl_parse_nested(a, tb, SRXFLOW_A_HITS_MAX) || !tb[SRXFLOW_A_HITS_INDEX])
			continue;
		idx = mnl_attr_get_u32(tb[SRXFLOW_A_HITS_INDEX]);
		if (idx >= ps->by_index_n || !ps->by_index[idx])
			continue;
		for (i = ps->by_index[idx] - 1; i < ps->by_index[idx]; i++) {
			if (tb[SRXFLOW_A_HITS_COUNT])
				ps->v[i].hits = mnl_attr_get_u64(tb[SRXFLOW_A_HITS_COUNT]);
			if (tb[SRXFLOW_A_HITS_PACKETS])
				ps->v[i].pkts = mnl_attr_get_u64(tb[SRXFLOW_A_HITS_PACKETS]);
			if (tb[SRXFLOW_A_HITS_BYTES])
				ps->v[i].bytes = mnl_attr_get_u64(tb[SRXFLOW_A_HITS_BYTES]);
			if (tb[SRXFLOW_A_HITS_SEQUENCE])
				ps->v[i].seq = mnl_attr_get_u32(tb[SRXFLOW_A_HITS_SEQUENCE]);
		}
	}
	return 0;
}

static int load_policies(struct cli *c, struct polset *ps)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	memset(ps, 0, sizeof(*ps));
	ps->objs = pobjs_new();
	nlreq_init(nl, &req, SRXFLOW_CMD_CFG_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, cfg_cb, ps);
	nlreq_free(&req);
	if (!err)
		err = pobjs_load_predefined(ps->objs, nl);
	if (!err)
		pobjs_finish(ps->objs);
	if (!err) {
		build_index(ps);
		nlreq_init(nl, &req, SRXFLOW_CMD_POLICY_HITS_GET, NLM_F_DUMP);
		err = nl_talk(nl, &req, hits_cb, ps);
		nlreq_free(&req);
	}
	if (err)
		nl_perror(nl, "show security policies", err);
	return err;
}

static const char *action_str(unsigned int a, bool cap)
{
	switch (a) {
	case SRXFLOW_ACTION_PERMIT: return cap ? "Permit" : "permit";
	case SRXFLOW_ACTION_DENY: return cap ? "Deny" : "deny";
	default: return cap ? "Reject" : "reject";
	}
}

static void print_list(const char *label, const struct strlist *l)
{
	int i;

	printf("    %s: ", label);
	for (i = 0; i < l->n; i++)
		printf("%s%s", i ? ", " : "", l->v[i]);
	printf("\n");
}

/* "Action: permit, log, count" */
static void print_action(const struct pol *p)
{
	printf("    Action: %s%s%s\n", action_str(p->action, false),
	       p->log_init || p->log_close ? ", log" : "", p->count ? ", count" : "");
}

/* show security policies: the 24.4 layout */
static void print_policy(const struct pol *p)
{
	printf("  Policy: %s, State: enabled, Index: %u, Scope Policy: 0, Sequence number: %u,"
	       " Log Profile ID: 0\n", p->name, p->index, p->seq);
	if (p->global) {
		if (p->mfrom.n)
			print_list("From zones", &p->mfrom);
		else
			printf("    From zones: any\n");
		if (p->mto.n)
			print_list("To zones", &p->mto);
		else
			printf("    To zones: any\n");
	}
	printf("    Source vrf group: any\n");
	printf("    Destination vrf group: any\n");
	print_list("Source addresses", &p->src);
	print_list("Destination addresses", &p->dst);
	print_list("Applications", &p->app);
	printf("    Source identity feeds: any\n");
	printf("    Destination identity feeds: any\n");
	print_action(p);
}

/* the address and application blocks of detail and match-policies */
static void print_objects(const struct polset *ps, const struct pol *p, bool detail)
{
	int i;

	printf("  Source addresses:\n");
	for (i = 0; i < p->src.n; i++)
		pobjs_print_addresses(ps->objs, p->src.v[i], p->global ? NULL : p->from);
	printf("  Destination addresses:\n");
	for (i = 0; i < p->dst.n; i++)
		pobjs_print_addresses(ps->objs, p->dst.v[i], p->global ? NULL : p->to);
	for (i = 0; i < p->app.n; i++)
		pobjs_print_application(ps->objs, p->app.v[i], detail);
}

static void print_zones_line(const struct pol *p)
{
	int i;

	if (!p->global) {
		printf("  From zone: %s, To zone: %s\n", p->from, p->to);
		return;
	}
	printf("  From zones:");
	for (i = 0; i < p->mfrom.n; i++)
		printf(" %s", p->mfrom.v[i]);
	printf("%s\n", p->mfrom.n ? "" : " any");
	printf("  To zones:");
	for (i = 0; i < p->mto.n; i++)
		printf(" %s", p->mto.v[i]);
	printf("%s\n", p->mto.n ? "" : " any");
}

/* show security policies detail: the 24.4 layout, srxflow's statistics after */
static void print_policy_detail(const struct polset *ps, const struct pol *p)
{
	printf("Policy: %s, action-type: %s, services-offload:not-configured , State: enabled,"
	       " Index: %u, Scope Policy: 0\n", p->name, action_str(p->action, false), p->index);
	printf("  Policy Type: Configured\n");
	printf("  Sequence number: %u\n", p->seq);
	print_zones_line(p);
	printf("  Source vrf group:\n    any\n");
	printf("  Destination vrf group:\n    any\n");
	print_objects(ps, p, true);
	printf("  Source identity feeds:\n    any\n");
	printf("  Destination identity feeds:\n    any\n");
	printf("  Per policy TCP Options: SYN check: No, SEQ check: No, Window scale: No\n");
	if (p->log_init || p->log_close)
		printf("  Session log: %s%s%s\n", p->log_init ? "at-create" : "",
		       p->log_init && p->log_close ? ", " : "", p->log_close ? "at-close" : "");
	/* srxflow's own lines */
	printf("  Policy statistics:\n");
	printf("    Session rate: %" PRIu64 " sessions matched\n", p->hits);
	if (p->count)
		printf("    Input/output packets: %" PRIu64 ", bytes: %" PRIu64
		       " (closed sessions)\n", p->pkts, p->bytes);
	printf("\n");
}

static void json_list(struct json *j, const char *key, const struct strlist *l)
{
	int i;

	json_arr_open(j, key);
	for (i = 0; i < l->n; i++)
		json_str(j, NULL, l->v[i]);
	json_arr_close(j);
}

static void json_policy(struct json *j, const struct pol *p)
{
	json_obj_open(j, NULL);
	json_str(j, "name", p->name);
	json_u64(j, "index", p->index);
	json_u64(j, "sequence-number", p->seq);
	if (p->global) {
		json_bool(j, "global", true);
		json_list(j, "match-from-zones", &p->mfrom);
		json_list(j, "match-to-zones", &p->mto);
	} else {
		json_str(j, "from-zone", p->from);
		json_str(j, "to-zone", p->to);
	}
	json_list(j, "source-addresses", &p->src);
	json_list(j, "destination-addresses", &p->dst);
	json_list(j, "applications", &p->app);
	json_str(j, "action", action_str(p->action, false));
	json_bool(j, "count", p->count);
	json_bool(j, "log-session-init", p->log_init);
	json_bool(j, "log-session-close", p->log_close);
	json_u64(j, "hit-count", p->hits);
	json_u64(j, "packets", p->pkts);
	json_u64(j, "bytes", p->bytes);
	json_obj_close(j);
}

int cmd_show_policies(struct cli *c, int argc, char **argv)
{
	static const char *const kw[] = { "from-zone", "to-zone", "global", "detail", NULL };
	const char *from = NULL, *to = NULL;
	bool detail = false, global_only = false;
	struct polset ps;
	struct json j;
	int i, k;

	for (i = 0; i < argc; i++) {
		k = cli_keyword(argv[i], kw);
		if (k < 0) {
			fprintf(stderr, "srxflow: syntax error at '%s', expecting <from-zone | to-zone | global | detail | hit-count>\n",
				argv[i]);
			return 1;
		}
		if (k <= 1 && i + 1 >= argc) {
			fprintf(stderr, "srxflow: missing zone name after '%s'\n", kw[k]);
			return 1;
		}
		if (k == 0)
			from = argv[++i];
		else if (k == 1)
			to = argv[++i];
		else if (k == 2)
			global_only = true;
		else
			detail = true;
	}
	if (load_policies(c, &ps))
		return 1;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, "default-policy", ps.default_policy ? "permit-all" : "deny-all");
		json_arr_open(&j, "policies");
	} else if (!detail && !global_only && !from && !to) {
		/* the whole list only: "global" starts at "Global policies:" */
		printf("Default policy: %s\n", ps.default_policy ? "permit-all" : "deny-all");
		printf("Default policy log Profile ID: 0\n");
		printf("Pre ID default policy: permit-all\n");
		printf("Default HTTP Mux policy: permit-all\n");
	}
	/* zone pairs in configured order, then global policies */
	for (int pass = 0; pass < 2; pass++) {
		const char *cur_from = NULL, *cur_to = NULL;

		for (i = 0; i < ps.n; i++) {
			const struct pol *p = &ps.v[i];

			if (p->global != (pass == 1))
				continue;
			if (global_only && !p->global)
				continue;
			if ((from || to) && (p->global || (from && strcmp(p->from, from)) ||
					     (to && strcmp(p->to, to))))
				continue;
			if (c->json) {
				json_policy(&j, p);
				continue;
			}
			if (detail) {
				print_policy_detail(&ps, p);
				continue;
			}
			if (!p->global && (!cur_from || strcmp(cur_from, p->from) ||
					   strcmp(cur_to, p->to))) {
				printf("From zone: %s, To zone: %s\n", p->from, p->to);
				cur_from = p->from;
				cur_to = p->to;
			} else if (p->global && !cur_from) {
				printf("Global policies:\n");
				cur_from = cur_to = "";
			}
			print_policy(p);
		}
	}
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	polset_free(&ps);
	return 0;
}

/*
 * One hit-count line: each column starts where the device's does, or one
 * space after a longer value before it (as the device prints long names).
 */
static void hit_row(const char *idx, const char *from, const char *to, const char *name,
		    const char *count, const char *action)
{
	static const int col[] = { 0, 8, 25, 43, 58, 72 };
	const char *f[] = { idx, from, to, name, count, action };
	int i, pos = 0;

	for (i = 0; i < 6; i++) {
		if (pos < col[i]) {
			printf("%*s", col[i] - pos, "");
			pos = col[i];
		} else if (i) {
			printf(" ");
			pos++;
		}
		printf("%s", f[i]);
		pos += (int)strlen(f[i]);
	}
	printf("\n");
}

int cmd_show_hit_count(struct cli *c, int argc, char **argv)
{
	char ib[16], cb[24];
	struct polset ps;
	struct json j;
	int i, n = 0;

	if (argc) {
		fprintf(stderr, "srxflow: show security policies hit-count: unexpected '%s'\n",
			argv[0]);
		return 1;
	}
	if (load_policies(c, &ps))
		return 1;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "policies");
		json_obj_open(&j, NULL);
		json_u64(&j, "index", 0);
		json_str(&j, "from-zone", "all-zone");
		json_str(&j, "to-zone", "all-zone");
		json_str(&j, "name", "default-policy");
		json_u64(&j, "policy-count", ps.default_hits);
		json_str(&j, "action", ps.default_policy ? "Permit" : "Deny");
		json_obj_close(&j);
	} else {
		printf("Logical system: root-logical-system\n");
		hit_row("Index", "From zone", "To zone", "Name", "Policy count", "Action");
		/* srxflow's default policy has index 0 (the device numbers it 1) */
		snprintf(cb, sizeof(cb), "%" PRIu64, ps.default_hits);
		hit_row("0", "all-zone", "all-zone", "default-policy", cb,
			ps.default_policy ? "Permit" : "Deny");
	}
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < ps.n; i++) {
			const struct pol *p = &ps.v[i];
			const char *from = p->global ? "junos-global" : p->from;
			const char *to = p->global ? "junos-global" : p->to;

			if (p->global != (pass == 1))
				continue;
			n++;
			if (c->json) {
				json_obj_open(&j, NULL);
				json_u64(&j, "index", p->index);
				json_str(&j, "from-zone", from);
				json_str(&j, "to-zone", to);
				json_str(&j, "name", p->name);
				json_u64(&j, "policy-count", p->hits);
				json_str(&j, "action", action_str(p->action, true));
				json_obj_close(&j);
			} else {
				snprintf(ib, sizeof(ib), "%u", p->index);
				snprintf(cb, sizeof(cb), "%" PRIu64, p->hits);
				hit_row(ib, from, to, p->name, cb, action_str(p->action, true));
			}
		}
	if (c->json) {
		json_arr_close(&j);
		json_u64(&j, "number-of-policies", (uint64_t)n);
		json_obj_close(&j);
		json_end(&j);
	}
	polset_free(&ps);
	return 0;
}

int cmd_clear_policy_stats(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_POLICY_HITS_CLEAR, 0);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear security policies statistics", err);
		return 1;
	}
	return 0;
}

struct match_ctx {
	unsigned int idx[4096];
	int n;
};

static int match_cb(const struct nlmsghdr *nlh, void *data)
{
	struct match_ctx *m = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		const struct nlattr *tb[SRXFLOW_A_HITS_MAX + 1];

		if (mnl_attr_get_type(a) != SRXFLOW_A_MATCH_RESULT ||
		    nl_parse_nested(a, tb, SRXFLOW_A_HITS_MAX) || !tb[SRXFLOW_A_HITS_INDEX] ||
		    m->n >= 4096)
			continue;
		m->idx[m->n++] = mnl_attr_get_u32(tb[SRXFLOW_A_HITS_INDEX]);
	}
	return 0;
}

/* policies a packet from zone from to zone to is checked against */
static int zone_pair_count(const struct polset *ps, const char *from, const char *to)
{
	int i, k, n = 0;

	for (i = 0; i < ps->n; i++) {
		const struct pol *p = &ps->v[i];
		bool f = !p->mfrom.n, t = !p->mto.n;

		if (!p->global) {
			n += !strcmp(p->from, from) && !strcmp(p->to, to);
			continue;
		}
		for (k = 0; k < p->mfrom.n; k++)
			f |= !strcmp(p->mfrom.v[k], from);
		for (k = 0; k < p->mto.n; k++)
			t |= !strcmp(p->mto.v[k], to);
		n += f && t;
	}
	return n;
}

int cmd_match_policies(struct cli *c, int argc, char **argv)
{
	const char *zfrom = "", *zto = "";
	static const char *const kw[] = { "from-zone", "to-zone", "source-ip", "destination-ip",
					  "source-port", "destination-port", "protocol",
					  "result-count", NULL };
	static struct match_ctx m;
	struct nl *nl = cli_nl(c);
	struct srxflow_prefix p;
	struct nlattr *nest;
	struct nlreq req;
	struct polset ps;
	struct json j;
	bool have[8] = { 0 };
	unsigned int u;
	int i, k, err;

	nlreq_init(nl, &req, SRXFLOW_CMD_MATCH_POLICIES, 0);
	nest = mnl_attr_nest_start(req.nlh, SRXFLOW_A_MATCH);
	for (i = 0; i < argc; i += 2) {
		k = cli_keyword(argv[i], kw);
		if (k < 0 || i + 1 >= argc) {
			fprintf(stderr, "srxflow: syntax error at '%s', expecting <from-zone | to-zone | source-ip | destination-ip | source-port | destination-port | protocol | result-count> VALUE\n",
				argv[i]);
			goto bad;
		}
		have[k] = true;
		switch (k) {
		case 0:
		case 1:
			if (k)
				zto = argv[i + 1];
			else
				zfrom = argv[i + 1];
			mnl_attr_put_strz(req.nlh, k ? SRXFLOW_A_MATCH_TO_ZONE :
					  SRXFLOW_A_MATCH_FROM_ZONE, argv[i + 1]);
			break;
		case 2:
		case 3:
			if (!prefix_parse(argv[i + 1], &p, false)) {
				fprintf(stderr, "srxflow: invalid address '%s'\n", argv[i + 1]);
				goto bad;
			}
			mnl_attr_put(req.nlh, k == 2 ? SRXFLOW_A_MATCH_SRC : SRXFLOW_A_MATCH_DST,
				     sizeof(p), &p);
			break;
		case 4:
		case 5:
			if (!parse_u32(argv[i + 1], &u) || u > 65535) {
				fprintf(stderr, "srxflow: invalid port '%s'\n", argv[i + 1]);
				goto bad;
			}
			mnl_attr_put_u16(req.nlh, k == 4 ? SRXFLOW_A_MATCH_SPORT :
					 SRXFLOW_A_MATCH_DPORT, (uint16_t)u);
			break;
		case 6:
			if (!proto_parse(argv[i + 1], &u)) {
				fprintf(stderr, "srxflow: invalid protocol '%s'\n", argv[i + 1]);
				goto bad;
			}
			mnl_attr_put_u8(req.nlh, SRXFLOW_A_MATCH_PROTOCOL, (uint8_t)u);
			break;
		case 7:
			if (!parse_u32(argv[i + 1], &u) || u < 1 || u > 4096) {
				fprintf(stderr, "srxflow: result-count must be 1..4096\n");
				goto bad;
			}
			mnl_attr_put_u32(req.nlh, SRXFLOW_A_MATCH_RESULT_COUNT, u);
			break;
		}
	}
	mnl_attr_nest_end(req.nlh, nest);
	if (!have[0] || !have[1] || !have[2] || !have[3]) {
		fprintf(stderr, "srxflow: show security match-policies needs from-zone, to-zone, source-ip and destination-ip\n");
		goto bad;
	}
	m.n = 0;
	err = nl_talk(nl, &req, match_cb, &m);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show security match-policies", err);
		return 1;
	}
	if (load_policies(c, &ps))
		return 1;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "policies");
	}
	for (i = 0; i < m.n; i++)
		for (k = 0; k < ps.n; k++) {
			const struct pol *pp;

			if (m.idx[i] >= ps.by_index_n || ps.by_index[m.idx[i]] != k + 1)
				continue;
			pp = &ps.v[k];
			if (c->json) {
				json_policy(&j, pp);
				continue;
			}
			/* the device prints the scope policy id alone on a line */
			printf("Policy: %s, action-type: %s, State: enabled, Index: %u\n0\n",
			       pp->name, action_str(pp->action, false), pp->index);
			printf("  Policy Type: Configured\n");
			printf("  Sequence number: %u\n", pp->seq);
			print_zones_line(pp);
			print_objects(&ps, pp, false);
			printf("  Per policy TCP Options: SYN check: No, SEQ check: No\n");
			printf("\n");
		}
	if (c->json) {
		if (!m.n) {
			json_obj_open(&j, NULL);
			json_str(&j, "name", "Default-Policy");
			json_u64(&j, "index", 0);
			json_u64(&j, "sequence-number", (uint64_t)zone_pair_count(&ps, zfrom, zto) + 1);
			json_str(&j, "action", ps.default_policy ? "permit-all" : "deny-all");
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	} else if (!m.n) {
		/* no match: the default policy, after the zone pair's policies */
		printf("Policy: Default-Policy, action-type: %s, State: enabled, Index: 0\n",
		       ps.default_policy ? "permit-all" : "deny-all");
		printf("  Sequence number: %d\n\n", zone_pair_count(&ps, zfrom, zto) + 1);
	}
	polset_free(&ps);
	return 0;
bad:
	nlreq_free(&req);
	return 1;
}
