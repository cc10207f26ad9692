// SPDX-License-Identifier: GPL-2.0
/*
 * show security flow session [brief|extensive|summary] [filters...]
 * clear security flow session (all | filters...)
 *
 * Filters (ANDed): source-prefix P, destination-prefix P, source-port N,
 * destination-port N, protocol P, interface IF, zone Z, policy-id N,
 * session-identifier N, family inet|inet6, nat.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include "cli.h"
#include "json.h"
#include "outbuf.h"
#include "session_json.h"
#include "session_text.h"
#include "util.h"
#include "values.h"

enum smode { M_DEFAULT, M_BRIEF, M_EXTENSIVE, M_SUMMARY };

struct sfilter_args {
	enum smode mode;
	bool any;		/* a filter was given */
	bool nat;		/* sessions with NAT only (filtered here) */
	bool all;		/* clear ... all */
};

static const char *const filter_kw[] = {
	"source-prefix", "destination-prefix", "source-port", "destination-port",
	"protocol", "interface", "zone", "policy-id", "session-identifier",
	"family", "nat", "brief", "extensive", "summary", "all", NULL,
};

enum { F_SRC, F_DST, F_SPORT, F_DPORT, F_PROTO, F_IF, F_ZONE, F_POLICY, F_ID,
       F_FAMILY, F_NAT, F_BRIEF, F_EXT, F_SUMMARY, F_ALL };

/* Parse filter words into a FILTER nest of req; prints errors. */
static int parse_filters(struct nlreq *req, int argc, char **argv, struct sfilter_args *a,
			 bool allow_modes, bool allow_all)
{
	struct nlattr *nest = NULL;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < argc; i++) {
		int k = cli_keyword(argv[i], filter_kw);
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		struct srxflow_prefix p;
		unsigned int u;
		unsigned long long id;

		if (k < 0 || (!allow_modes && k >= F_BRIEF && k <= F_SUMMARY) ||
		    (!allow_all && k == F_ALL)) {
			fprintf(stderr, "srxflow: syntax error at '%s', expecting <%s>\n", argv[i],
				"source-prefix | destination-prefix | source-port | destination-port | "
				"protocol | interface | zone | policy-id | session-identifier | family"
				"");
			return -1;
		}
		if (k >= F_NAT) {
			if (k == F_NAT)
				a->nat = true;
			else if (k == F_ALL)
				a->all = true;
			else
				a->mode = k == F_BRIEF ? M_BRIEF : k == F_EXT ? M_EXTENSIVE : M_SUMMARY;
			continue;
		}
		if (!v) {
			fprintf(stderr, "srxflow: missing value after '%s'\n", filter_kw[k]);
			return -1;
		}
		if (!nest) {
			nlreq_reserve(req, 512);
			nest = mnl_attr_nest_start(req->nlh, SRXFLOW_A_FILTER);
		}
		a->any = true;
		switch (k) {
		case F_SRC:
		case F_DST:
			if (!prefix_parse(v, &p, true)) {
				fprintf(stderr, "srxflow: invalid prefix '%s'\n", v);
				return -1;
			}
			mnl_attr_put(req->nlh, k == F_SRC ? SRXFLOW_A_FILTER_SRC_PREFIX :
				     SRXFLOW_A_FILTER_DST_PREFIX, sizeof(p), &p);
			break;
		case F_SPORT:
		case F_DPORT:
			if (!parse_u32(v, &u) || u > 65535) {
				fprintf(stderr, "srxflow: invalid port '%s' (0..65535)\n", v);
				return -1;
			}
			mnl_attr_put_u16(req->nlh, k == F_SPORT ? SRXFLOW_A_FILTER_SPORT :
					 SRXFLOW_A_FILTER_DPORT, (uint16_t)u);
			break;
		case F_PROTO:
			if (!proto_parse(v, &u)) {
				fprintf(stderr, "srxflow: invalid protocol '%s'\n", v);
				return -1;
			}
			mnl_attr_put_u8(req->nlh, SRXFLOW_A_FILTER_PROTOCOL, (uint8_t)u);
			break;
		case F_IF:
			if (strlen(v) >= SRXFLOW_NAME_MAX) {
				fprintf(stderr, "srxflow: invalid interface name '%s'\n", v);
				return -1;
			}
			mnl_attr_put_strz(req->nlh, SRXFLOW_A_FILTER_IFNAME, v);
			break;
		case F_ZONE:
			if (strlen(v) >= SRXFLOW_NAME_MAX) {
				fprintf(stderr, "srxflow: invalid zone name '%s'\n", v);
				return -1;
			}
			mnl_attr_put_strz(req->nlh, SRXFLOW_A_FILTER_ZONE, v);
			break;
		case F_POLICY:
			if (!parse_u32(v, &u)) {
				fprintf(stderr, "srxflow: invalid policy id '%s'\n", v);
				return -1;
			}
			mnl_attr_put_u32(req->nlh, SRXFLOW_A_FILTER_POLICY_INDEX, u);
			break;
		case F_ID:
			if (!parse_u64(v, &id)) {
				fprintf(stderr, "srxflow: invalid session identifier '%s'\n", v);
				return -1;
			}
			mnl_attr_put_u64(req->nlh, SRXFLOW_A_FILTER_SESSION_ID, id);
			break;
		case F_FAMILY:
			if (strcmp(v, "inet") && strcmp(v, "inet6")) {
				fprintf(stderr, "srxflow: family must be inet or inet6\n");
				return -1;
			}
			mnl_attr_put_u8(req->nlh, SRXFLOW_A_FILTER_FAMILY,
					strcmp(v, "inet") ? AF_INET6 : AF_INET);
			break;
		}
		i++;
	}
	if (nest)
		mnl_attr_nest_end(req->nlh, nest);
	return 0;
}

/* --- decoding one session ---------------------------------------------------------------- */
/*
 * The kernel sends one fixed-layout record per session
 * (SRXFLOW_SESS_FORMAT_REC1, struct srxflow_sess_rec) and the names the
 * records refer to by index (SRXFLOW_A_SESS_NAME), each defined before its
 * first use; a later definition of an index replaces the earlier one.
 */
static struct name names[65536];	/* by index; s NULL: "" */

static void name_define(const struct nlattr *a)
{
	const struct srxflow_sess_name *n = mnl_attr_get_payload(a);
	size_t len = mnl_attr_get_payload_len(a);

	if (len < sizeof(*n) + 1 || !n->index)
		return;
	name_set(&names[n->index], n->name, len - sizeof(*n));
}

static const struct name *name_of(uint16_t idx)
{
	return names[idx].s ? &names[idx] : &no_name;
}

static void names_free(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		name_clear(&names[i]);
}

static int decode_rec(const struct nlattr *a, struct session *s)
{
	int k;

	if (mnl_attr_get_payload_len(a) < sizeof(s->r))
		return -EINVAL;
	/* (the payload is only 4-byte aligned) */
	memcpy(&s->r, mnl_attr_get_payload(a), sizeof(s->r));
	s->pname = name_of(s->r.policy_name);
	s->app = name_of(s->r.app);
	s->from = name_of(s->r.from_zone);
	s->to = name_of(s->r.to_zone);
	s->tcp = name_of(s->r.tcp_state);
	for (k = 0; k < 2; k++) {
		s->ifname[k] = name_of(s->r.w[k].ifname);
		s->outif[k] = name_of(s->r.w[k].out_ifname);
	}
	return 0;
}

/* an address of a record as inet_ntop() writes it; buf has 64 bytes */
static const char *addr_buf(unsigned int family, const uint8_t *addr, char *buf)
{
	struct outbuf o = { .buf = buf, .cap = 63, .fd = -1 };

	ob_addr(&o, family, addr);
	buf[o.len] = '\0';
	return buf;
}

/* --- printing ------------------------------------------------------------------------------------ */
/*
 * Listings go through a fast output buffer (outbuf.h): with ~250 bytes per
 * session and a million sessions, stdio's printf was 80 % of the dump.
 */
static struct outbuf out;

static const char *proto_str(unsigned int p, char *buf, size_t n)
{
	return proto_name(p, buf, n);
}

static const char *state_str(unsigned int st)
{
	return st == SRXFLOW_SESS_INVALIDATED ? "Invalidated" :
	       st == SRXFLOW_SESS_PENDING ? "Pending" : "Valid";
}

static void timeout_str(unsigned int t, char *buf, size_t n)
{
	struct outbuf o = { .buf = buf, .cap = n - 1, .fd = -1 };

	if (t == SRXFLOW_TIMEOUT_NEVER)
		ob_str(&o, "never");
	else
		ob_u64(&o, t);
	buf[o.len] = '\0';
}

/*
 * extensive: the device's wing block.  Session token, Flag, Tunnel and the
 * FIN lines are what a Junos script expects (srxflow has no tokens, no
 * tunnels: 0 / None); "Egress:, Route lookup table:" is srxflow's own line.
 */
static void print_wing_ext(const char *label, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	char pb[16], src[64], dst[64], gw[64];

	ob_printf(&out, "   %s: %s/%u --> %s/%u;%s, \n", label, addr_buf(w->family, w->src, src),
		  w->sport, addr_buf(w->family, w->dst, dst), w->dport,
		  proto_str(w->protocol, pb, sizeof(pb)));
	ob_printf(&out, "  Conn Tag: 0x0, Interface: %s, \n",
		  s->ifname[k]->len ? s->ifname[k]->s : "N/A");
	ob_printf(&out, "    Session token: 0x0, Flag: 0x0, \n");
	ob_printf(&out, "    Route: 0x%" PRIx64 ", Gateway: %s, Tunnel ID: 0, Tunnel type: None, \n",
		  (uint64_t)w->route, w->gw_family ? addr_buf(w->gw_family, w->gateway, gw) : "N/A");
	ob_printf(&out, "    Egress: %s, Route lookup table: %u\n",
		  s->outif[k]->len ? s->outif[k]->s : "N/A", w->table);
	ob_printf(&out, "    Port sequence: 0, FIN sequence: 0, \n");
	ob_printf(&out, "    FIN state: 0, \n");
	ob_printf(&out, "    Pkts: %" PRIu64 ", Bytes: %" PRIu64 "\n", (uint64_t)w->packets,
		  (uint64_t)w->bytes);
}

static void print_session(const struct session *s, enum smode mode, bool first)
{
	char tb[16], mtb[16];

	if (mode != M_EXTENSIVE) {
		session_text_write(&out, s, first);
		return;
	}
	timeout_str(s->r.timeout, tb, sizeof(tb));
	timeout_str(s->r.max_timeout, mtb, sizeof(mtb));
	ob_printf(&out, "\n");
	ob_printf(&out, "Session ID: %" PRIu64 ", Status: Normal\n", (uint64_t)s->r.id);
	/* as the SRX: the flag words, then ", services-offload" when offloaded */
	ob_printf(&out, "Flags: 0x%x/0x0/0x0/0x0%s\n", s->r.flags,
		  s->r.flags & SRXFLOW_SF_OFFLOAD ? ", services-offload" : "");
	ob_printf(&out, "Policy name: %s/%u\n", s->pname->s, session_policy_index(s));
	ob_printf(&out, "Source NAT pool: Null\n");
	ob_printf(&out, "Application: %s, From zone: %s, To zone: %s\n", s->app->s, s->from->s,
		  s->to->s);
	ob_printf(&out, "Dynamic application: junos:UNKNOWN, \n");
	ob_printf(&out, "Encryption:  Unknown\n");
	ob_printf(&out, "Url-category:  Unknown\n");
	ob_printf(&out, "Application traffic control rule-set: INVALID, Rule: INVALID\n");
	ob_printf(&out, "Maximum timeout: %s, Current timeout: %s\n", mtb, tb);
	/* srxflow adds the TCP state to the device's line */
	if (s->tcp->len)
		ob_printf(&out, "Session State: %s, TCP state: %s\n", state_str(s->r.state),
			  s->tcp->s);
	else
		ob_printf(&out, "Session State: %s\n", state_str(s->r.state));
	ob_printf(&out, "Start time: %" PRIu64 ", Duration: %u\n", (uint64_t)s->r.start,
		  s->r.duration);
	print_wing_ext("In", s, 0);
	print_wing_ext("Out", s, 1);
}

/*
 * Session identifiers listed so far, so that a dump whose walk started over
 * lists no session twice.  Until the kernel says the walk started over
 * (NLM_F_DUMP_INTR) identifiers are only appended to an array (a store per
 * session); then they go into an open-addressing hash set, and every
 * session from there on is looked up (and added).  A session that existed
 * for the whole dump is listed exactly once: the walk that starts over
 * covers the whole new table.
 */
struct idset {
	uint64_t *ids;		/* in order, before the restart */
	size_t n, cap;
	uint64_t *slot;		/* the hash set after it (0: empty; ids start at 1) */
	size_t mask, used;
	bool restarted;
};

static size_t id_hash(uint64_t id, size_t mask)
{
	return (size_t)((id * 0x9e3779b97f4a7c15ull) >> 20) & mask;
}

static void idset_add(struct idset *s, uint64_t id)
{
	size_t i;

	if (2 * (s->used + 1) > s->mask + 1) {
		uint64_t *old = s->slot;
		size_t j, omask = s->mask;

		s->mask = omask ? 2 * omask + 1 : 4095;
		s->slot = xcalloc(s->mask + 1, sizeof(*s->slot));
		s->used = 0;
		for (j = 0; old && j <= omask; j++)
			if (old[j])
				idset_add(s, old[j]);
		free(old);
	}
	for (i = id_hash(id, s->mask); s->slot[i]; i = (i + 1) & s->mask)
		if (s->slot[i] == id)
			return;
	s->slot[i] = id;
	s->used++;
}

static void idset_restart(struct idset *s)
{
	size_t i;

	s->restarted = true;
	for (i = 0; i < s->n; i++)
		idset_add(s, s->ids[i]);
	free(s->ids);
	s->ids = NULL;
	s->n = s->cap = 0;
}

/* true if id was listed already; else remember it */
static bool idset_check(struct idset *s, uint64_t id)
{
	size_t i;

	if (!s->restarted) {
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 4096;
			s->ids = xrealloc(s->ids, s->cap * sizeof(*s->ids));
		}
		s->ids[s->n++] = id;
		return false;
	}
	for (i = id_hash(id, s->mask); s->slot[i]; i = (i + 1) & s->mask)
		if (s->slot[i] == id)
			return true;
	idset_add(s, id);
	return false;
}

static void idset_free(struct idset *s)
{
	free(s->ids);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

struct dump_ctx {
	struct cli *c;
	enum smode mode;
	struct json *j;
	bool nat;		/* translated sessions only */
	uint64_t total, valid, invalidated;
	struct idset seen;
	uint64_t printed;
};

static int session_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	const struct nlattr *a;
	struct session s;

	/*
	 * From the message that says the walk started over (the table was
	 * resized, or the entry it was to resume at went away) sessions
	 * listed before are left out: see idset_check().
	 */
	if ((nlh->nlmsg_flags & NLM_F_DUMP_INTR) && !d->seen.restarted)
		idset_restart(&d->seen);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		unsigned int type = mnl_attr_get_type(a);

		if (type == SRXFLOW_A_SESS_NAME) {
			name_define(a);
			continue;
		}
		if (type != SRXFLOW_A_SESS_REC || decode_rec(a, &s))
			continue;
		if (idset_check(&d->seen, s.r.id))
			continue;
		if (d->nat && !(s.r.flags & (SRXFLOW_SF_SNAT | SRXFLOW_SF_DNAT)))
			continue;
		d->total++;
		if (s.r.state == SRXFLOW_SESS_INVALIDATED)
			d->invalidated++;
		else
			d->valid++;
		if (d->mode == M_SUMMARY)
			continue;
		if (d->j)
			session_json_write(&out, &s, !d->printed++);
		else
			print_session(&s, d->mode, !d->printed++);
	}
	return 0;
}

static int summary_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1], *sb[SRXFLOW_A_SUM_MAX + 1];
	struct cli *c = data;
	static const struct { int attr; const char *label; const char *jkey; } rows[] = {
		{ SRXFLOW_A_SUM_UNICAST, "Unicast-sessions", "unicast-sessions" },
		{ SRXFLOW_A_SUM_MULTICAST, "Multicast-sessions", "multicast-sessions" },
		{ SRXFLOW_A_SUM_OFFLOAD, "Services-offload-sessions", "services-offload-sessions" },
		{ SRXFLOW_A_SUM_FAILED, "Failed-sessions", "failed-sessions" },
		{ 0, "Sessions-in-drop-flow", "sessions-in-drop-flow" },
		{ SRXFLOW_A_SUM_IN_USE, "Sessions-in-use", "sessions-in-use" },
		{ SRXFLOW_A_SUM_VALID, "  Valid sessions", "valid-sessions" },
		{ SRXFLOW_A_SUM_PENDING, "  Pending sessions", "pending-sessions" },
		{ SRXFLOW_A_SUM_INVALIDATED, "  Invalidated sessions", "invalidated-sessions" },
		{ SRXFLOW_A_SUM_OTHER, "  Sessions in other states", "other-sessions" },
		{ SRXFLOW_A_SUM_MAXIMUM, "Maximum-sessions", "maximum-sessions" },
	};
	struct json j;
	size_t i;

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX) || !tb[SRXFLOW_A_SUMMARY] ||
	    nl_parse_nested(tb[SRXFLOW_A_SUMMARY], sb, SRXFLOW_A_SUM_MAX))
		return -EINVAL;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
	}
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		/* attr 0: no drop flows: always 0 */
		const struct nlattr *a = rows[i].attr ? sb[rows[i].attr] : NULL;
		uint64_t v = !a ? 0 : mnl_attr_get_payload_len(a) == 8 ? mnl_attr_get_u64(a) :
			     mnl_attr_get_u32(a);

		if (c->json)
			json_u64(&j, rows[i].jkey, v);
		else
			printf("%s: %" PRIu64 "\n", rows[i].label, v);
	}
	if (c->json) {
		json_obj_close(&j);
		json_end(&j);
	}
	return 0;
}

int cmd_show_session(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct sfilter_args fa;
	struct dump_ctx d = { .c = c };
	struct nlreq req;
	struct json j;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_SESSION_GET, NLM_F_DUMP);
	if (parse_filters(&req, argc, argv, &fa, true, false)) {
		nlreq_free(&req);
		return 1;
	}
	d.mode = fa.mode;
	d.nat = fa.nat;
	/* compact records (names by index), not a nest of attributes per session */
	mnl_attr_put_u32(req.nlh, SRXFLOW_A_SESS_FORMAT, SRXFLOW_SESS_FORMAT_REC1);
	if (fa.mode == M_SUMMARY && !fa.any && !fa.nat) {
		nlreq_free(&req);
		nlreq_init(nl, &req, SRXFLOW_CMD_SESSION_SUMMARY, 0);
		err = nl_talk(nl, &req, summary_cb, c);
		nlreq_free(&req);
		if (err) {
			nl_perror(nl, "show security flow session summary", err);
			return 1;
		}
		return 0;
	}
	ob_init(&out, STDOUT_FILENO);
	if (c->json && fa.mode != M_SUMMARY) {
		json_init_ob(&j, &out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "sessions");
		d.j = &j;
	}
	err = nl_talk(nl, &req, session_cb, &d);
	nlreq_free(&req);
	idset_free(&d.seen);
	names_free();
	if (err) {
		if (d.j)
			json_end(&j);
		ob_end(&out);
		nl_perror(nl, "show security flow session", err);
		return 1;
	}
	if (nl->dump_intr)
		fprintf(stderr, "srxflow: the session table changed during the listing (the walk "
			"started over): no session was listed twice\n");
	if (fa.mode == M_SUMMARY) {
		ob_end(&out);
		if (c->json) {
			json_init(&j, stdout);
			json_obj_open(&j, NULL);
			json_u64(&j, "sessions-in-use", d.total);
			json_u64(&j, "valid-sessions", d.valid);
			json_u64(&j, "invalidated-sessions", d.invalidated);
			json_obj_close(&j);
			json_end(&j);
		} else {
			printf("Valid sessions: %" PRIu64 "\nPending sessions: 0\n"
			       "Invalidated sessions: %" PRIu64 "\nSessions in other states: 0\n"
			       "Total sessions: %" PRIu64 "\n", d.valid, d.invalidated, d.total);
		}
		return 0;
	}
	if (d.j) {
		json_arr_close(&j);
		json_u64(&j, "total-sessions", d.total);
		json_obj_close(&j);
		json_end(&j);
	} else {
		ob_printf(&out, "Total sessions: %" PRIu64 "\n", d.total);
	}
	ob_end(&out);
	return 0;
}

static int cleared_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1];

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX))
		return -EINVAL;
	if (tb[SRXFLOW_A_CLEARED])
		*(uint64_t *)data = mnl_attr_get_u64(tb[SRXFLOW_A_CLEARED]);
	return 0;
}

int cmd_clear_session(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct sfilter_args fa;
	struct nlreq req;
	uint64_t n = 0;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_SESSION_CLEAR, 0);
	if (parse_filters(&req, argc, argv, &fa, false, true)) {
		nlreq_free(&req);
		return 1;
	}
	if (!fa.any && !fa.all) {
		nlreq_free(&req);
		fprintf(stderr, "srxflow: clear security flow session: say 'all' or give filters\n");
		return 1;
	}
	if (fa.nat) {
		nlreq_free(&req);
		fprintf(stderr, "srxflow: clear security flow session: the nat filter is for show only\n");
		return 1;
	}
	err = nl_talk(nl, &req, cleared_cb, &n);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear security flow session", err);
		return 1;
	}
	printf("%" PRIu64 " sessions cleared\n", n);
	return 0;
}
