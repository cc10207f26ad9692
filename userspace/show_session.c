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
struct wing {
	char src[64], dst[64], ifname[SRXFLOW_NAME_MAX], outif[SRXFLOW_NAME_MAX], gw[64];
	unsigned int sport, dport, proto, ifindex, vrf, table;
	uint64_t pkts, bytes, route;
	bool have_gw;
};

struct session {
	uint64_t id, start;
	unsigned int policy, state, timeout, max_timeout, duration, flags;
	char pname[64], app[64], from[64], to[64], tcp[20];
	struct wing w[2];
};

static const char *attr_str(const struct nlattr *a, char *buf, size_t n)
{
	size_t len = 0;

	if (a) {
		const char *str = (const char *)a + NLA_HDRLEN;

		len = strnlen(str, a->nla_len - NLA_HDRLEN);
		if (len >= n)
			len = n - 1;
		memcpy(buf, str, len);
	}
	buf[len] = '\0';
	return buf;
}

/*
 * nl_parse_nested() without a callback per attribute: a session has ~45
 * attributes and a dump a million sessions.  Same result (the last
 * attribute of a type wins, types above max are ignored).
 */
static int parse_nested_fast(const struct nlattr *nest, const struct nlattr **tb, int max)
{
	const char *p = (const char *)nest + NLA_HDRLEN;
	size_t rem = nest->nla_len >= NLA_HDRLEN ? nest->nla_len - NLA_HDRLEN : 0;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (rem >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t len = a->nla_len, step = NLA_ALIGN(len);
		int type = a->nla_type & NLA_TYPE_MASK;

		if (len < NLA_HDRLEN || len > rem)
			return -EINVAL;
		if (type <= max)
			tb[type] = a;
		if (step > rem)
			break;
		p += step;
		rem -= step;
	}
	return 0;
}

/* mnl_attr_get_u*() inline (the library's are calls, ~45 per session) */
#define ATTR_GET(a, type) ({ type __v; memcpy(&__v, (const char *)(a) + NLA_HDRLEN, sizeof(__v)); __v; })

/* addr_str() without inet_ntop()'s sprintf; buf has 64 bytes */
static void fast_addr_str(const struct nlattr *a, char *buf)
{
	const struct srxflow_prefix *p = (const void *)((const char *)a + NLA_HDRLEN);
	struct outbuf o = { .buf = buf, .cap = 63, .fd = -1 };

	ob_addr(&o, p->family, p->addr);
	buf[o.len] = '\0';
}

static void decode_wing(const struct nlattr *nest, struct session *s)
{
	const struct nlattr *tb[SRXFLOW_A_WING_MAX + 1];
	struct wing *w;
	unsigned int dir;

	if (parse_nested_fast(nest, tb, SRXFLOW_A_WING_MAX) || !tb[SRXFLOW_A_WING_DIR])
		return;
	dir = ATTR_GET(tb[SRXFLOW_A_WING_DIR], uint8_t) & 1;
	w = &s->w[dir];
	memset(w, 0, sizeof(*w));
	if (tb[SRXFLOW_A_WING_SRC])
		fast_addr_str(tb[SRXFLOW_A_WING_SRC], w->src);
	if (tb[SRXFLOW_A_WING_DST])
		fast_addr_str(tb[SRXFLOW_A_WING_DST], w->dst);
	if (tb[SRXFLOW_A_WING_GATEWAY]) {
		fast_addr_str(tb[SRXFLOW_A_WING_GATEWAY], w->gw);
		w->have_gw = true;
	}
	w->sport = tb[SRXFLOW_A_WING_SPORT] ? ATTR_GET(tb[SRXFLOW_A_WING_SPORT], uint16_t) : 0;
	w->dport = tb[SRXFLOW_A_WING_DPORT] ? ATTR_GET(tb[SRXFLOW_A_WING_DPORT], uint16_t) : 0;
	w->proto = tb[SRXFLOW_A_WING_PROTOCOL] ? ATTR_GET(tb[SRXFLOW_A_WING_PROTOCOL], uint8_t) : 0;
	w->ifindex = tb[SRXFLOW_A_WING_IFINDEX] ? ATTR_GET(tb[SRXFLOW_A_WING_IFINDEX], uint32_t) : 0;
	w->vrf = tb[SRXFLOW_A_WING_VRF] ? ATTR_GET(tb[SRXFLOW_A_WING_VRF], uint32_t) : 0;
	w->table = tb[SRXFLOW_A_WING_TABLE] ? ATTR_GET(tb[SRXFLOW_A_WING_TABLE], uint32_t) : 0;
	w->pkts = tb[SRXFLOW_A_WING_PACKETS] ? ATTR_GET(tb[SRXFLOW_A_WING_PACKETS], uint64_t) : 0;
	w->bytes = tb[SRXFLOW_A_WING_BYTES] ? ATTR_GET(tb[SRXFLOW_A_WING_BYTES], uint64_t) : 0;
	w->route = tb[SRXFLOW_A_WING_ROUTE] ? ATTR_GET(tb[SRXFLOW_A_WING_ROUTE], uint64_t) : 0;
	attr_str(tb[SRXFLOW_A_WING_IFNAME], w->ifname, sizeof(w->ifname));
	attr_str(tb[SRXFLOW_A_WING_OUT_IFNAME], w->outif, sizeof(w->outif));
}

static int decode_session(const struct nlattr *nest, struct session *s)
{
	const struct nlattr *tb[SRXFLOW_A_SESS_MAX + 1];
	const struct nlattr *a;

	memset(s, 0, sizeof(*s));
	if (parse_nested_fast(nest, tb, SRXFLOW_A_SESS_MAX))
		return -EINVAL;
#define U32(x) (tb[x] ? ATTR_GET(tb[x], uint32_t) : 0)
	s->id = tb[SRXFLOW_A_SESS_ID] ? ATTR_GET(tb[SRXFLOW_A_SESS_ID], uint64_t) : 0;
	s->start = tb[SRXFLOW_A_SESS_START] ? ATTR_GET(tb[SRXFLOW_A_SESS_START], uint64_t) : 0;
	s->policy = U32(SRXFLOW_A_SESS_POLICY_INDEX);
	s->state = tb[SRXFLOW_A_SESS_STATE] ? ATTR_GET(tb[SRXFLOW_A_SESS_STATE], uint8_t) : 0;
	s->timeout = U32(SRXFLOW_A_SESS_TIMEOUT);
	s->max_timeout = U32(SRXFLOW_A_SESS_MAX_TIMEOUT);
	s->duration = U32(SRXFLOW_A_SESS_DURATION);
	s->flags = U32(SRXFLOW_A_SESS_FLAGS);
#undef U32
	attr_str(tb[SRXFLOW_A_SESS_POLICY_NAME], s->pname, sizeof(s->pname));
	attr_str(tb[SRXFLOW_A_SESS_APP], s->app, sizeof(s->app));
	attr_str(tb[SRXFLOW_A_SESS_FROM_ZONE], s->from, sizeof(s->from));
	attr_str(tb[SRXFLOW_A_SESS_TO_ZONE], s->to, sizeof(s->to));
	attr_str(tb[SRXFLOW_A_SESS_TCP_STATE], s->tcp, sizeof(s->tcp));
	for (a = (const struct nlattr *)((const char *)nest + NLA_HDRLEN);
	     (const char *)a + NLA_HDRLEN <= (const char *)nest + nest->nla_len &&
	     a->nla_len >= NLA_HDRLEN &&
	     (const char *)a + a->nla_len <= (const char *)nest + nest->nla_len;
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len)))
		if ((a->nla_type & NLA_TYPE_MASK) == SRXFLOW_A_SESS_WING)
			decode_wing(a, s);
	return 0;
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

static void print_wing_line(const char *label, const struct wing *w)
{
	char pb[16];

	/*
	 * "  %s: %s/%u --> %s/%u;%s, Conn Tag: 0x0, If: %s, Pkts: %" PRIu64
	 * ", Bytes: %" PRIu64 ",\n", by hand: the line of every wing of every
	 * session of the default listing (ob_printf() parses its format at
	 * run time; this is ~3x cheaper)
	 */
	OB_LIT(&out, "  ");
	ob_str(&out, label);
	OB_LIT(&out, ": ");
	ob_str(&out, w->src);
	ob_char(&out, '/');
	ob_u64(&out, w->sport);
	OB_LIT(&out, " --> ");
	ob_str(&out, w->dst);
	ob_char(&out, '/');
	ob_u64(&out, w->dport);
	ob_char(&out, ';');
	ob_str(&out, proto_str(w->proto, pb, sizeof(pb)));
	OB_LIT(&out, ", Conn Tag: 0x0, If: ");
	ob_str(&out, w->ifname[0] ? w->ifname : "N/A");
	OB_LIT(&out, ", Pkts: ");
	ob_u64(&out, w->pkts);
	OB_LIT(&out, ", Bytes: ");
	ob_u64(&out, w->bytes);
	OB_LIT(&out, ",\n");
}

/*
 * extensive: the device's wing block.  Session token, Flag, Tunnel and the
 * FIN lines are what a Junos script expects (srxflow has no tokens, no
 * tunnels: 0 / None); "Egress:, Route lookup table:" is srxflow's own line.
 */
static void print_wing_ext(const char *label, const struct wing *w)
{
	char pb[16];

	ob_printf(&out, "   %s: %s/%u --> %s/%u;%s, \n", label, w->src, w->sport, w->dst, w->dport,
	       proto_str(w->proto, pb, sizeof(pb)));
	ob_printf(&out, "  Conn Tag: 0x0, Interface: %s, \n", w->ifname[0] ? w->ifname : "N/A");
	ob_printf(&out, "    Session token: 0x0, Flag: 0x0, \n");
	ob_printf(&out, "    Route: 0x%" PRIx64 ", Gateway: %s, Tunnel ID: 0, Tunnel type: None, \n",
	       w->route, w->have_gw ? w->gw : "N/A");
	ob_printf(&out, "    Egress: %s, Route lookup table: %u\n",
	       w->outif[0] ? w->outif : "N/A", w->table);
	ob_printf(&out, "    Port sequence: 0, FIN sequence: 0, \n");
	ob_printf(&out, "    FIN state: 0, \n");
	ob_printf(&out, "    Pkts: %" PRIu64 ", Bytes: %" PRIu64 "\n", w->pkts, w->bytes);
}

/* a session of the router's own traffic: Junos numbers self-traffic-policy 1 */
static unsigned int policy_index(const struct session *s)
{
	return !s->policy && !strcmp(s->pname, "self-traffic-policy") ? 1 : s->policy;
}

static void print_session(const struct session *s, enum smode mode, bool first)
{
	char tb[16], mtb[16];

	timeout_str(s->timeout, tb, sizeof(tb));
	if (mode != M_EXTENSIVE) {
		/* the device separates sessions by a blank line */
		if (!first)
			ob_char(&out, '\n');
		/* "Session ID: %" PRIu64 ", Policy name: %s/%u, Timeout: %s, Session State: %s\n" */
		OB_LIT(&out, "Session ID: ");
		ob_u64(&out, s->id);
		OB_LIT(&out, ", Policy name: ");
		ob_str(&out, s->pname);
		ob_char(&out, '/');
		ob_u64(&out, policy_index(s));
		OB_LIT(&out, ", Timeout: ");
		ob_str(&out, tb);
		OB_LIT(&out, ", Session State: ");
		ob_str(&out, state_str(s->state));
		ob_char(&out, '\n');
		print_wing_line("In", &s->w[0]);
		print_wing_line("Out", &s->w[1]);
		return;
	}
	timeout_str(s->max_timeout, mtb, sizeof(mtb));
	ob_printf(&out, "\n");
	ob_printf(&out, "Session ID: %" PRIu64 ", Status: Normal\n", s->id);
	/* as the SRX: the flag words, then ", services-offload" when offloaded */
	ob_printf(&out, "Flags: 0x%x/0x0/0x0/0x0%s\n", s->flags,
		  s->flags & SRXFLOW_SF_OFFLOAD ? ", services-offload" : "");
	ob_printf(&out, "Policy name: %s/%u\n", s->pname, policy_index(s));
	ob_printf(&out, "Source NAT pool: Null\n");
	ob_printf(&out, "Application: %s, From zone: %s, To zone: %s\n", s->app, s->from, s->to);
	ob_printf(&out, "Dynamic application: junos:UNKNOWN, \n");
	ob_printf(&out, "Encryption:  Unknown\n");
	ob_printf(&out, "Url-category:  Unknown\n");
	ob_printf(&out, "Application traffic control rule-set: INVALID, Rule: INVALID\n");
	ob_printf(&out, "Maximum timeout: %s, Current timeout: %s\n", mtb, tb);
	/* srxflow adds the TCP state to the device's line */
	if (s->tcp[0])
		ob_printf(&out, "Session State: %s, TCP state: %s\n", state_str(s->state), s->tcp);
	else
		ob_printf(&out, "Session State: %s\n", state_str(s->state));
	ob_printf(&out, "Start time: %" PRIu64 ", Duration: %u\n", s->start, s->duration);
	print_wing_ext("In", &s->w[0]);
	print_wing_ext("Out", &s->w[1]);
}

static void json_wing(struct json *j, const struct wing *w, const char *dir)
{
	char pb[16];

	json_obj_open(j, NULL);
	json_str(j, "direction", dir);
	json_str(j, "source-address", w->src);
	json_u64(j, "source-port", w->sport);
	json_str(j, "destination-address", w->dst);
	json_u64(j, "destination-port", w->dport);
	json_str(j, "protocol", proto_str(w->proto, pb, sizeof(pb)));
	json_str(j, "interface", w->ifname);
	json_u64(j, "routing-table", w->table);
	json_u64(j, "packets", w->pkts);
	json_u64(j, "bytes", w->bytes);
	json_u64(j, "route", w->route);
	if (w->have_gw)
		json_str(j, "gateway", w->gw);
	if (w->outif[0])
		json_str(j, "egress-interface", w->outif);
	json_obj_close(j);
}

static void json_session(struct json *j, const struct session *s)
{
	json_obj_open(j, NULL);
	json_u64(j, "session-id", s->id);
	json_str(j, "policy-name", s->pname);
	json_u64(j, "policy-index", policy_index(s));
	json_str(j, "source-nat-pool", "Null");
	json_str(j, "state", state_str(s->state));
	if (s->timeout == SRXFLOW_TIMEOUT_NEVER)
		json_str(j, "timeout", "never");
	else
		json_u64(j, "timeout", s->timeout);
	if (s->max_timeout == SRXFLOW_TIMEOUT_NEVER)
		json_str(j, "maximum-timeout", "never");
	else
		json_u64(j, "maximum-timeout", s->max_timeout);
	json_u64(j, "start-time", s->start);
	json_u64(j, "duration", s->duration);
	json_str(j, "application", s->app);
	json_str(j, "from-zone", s->from);
	json_str(j, "to-zone", s->to);
	if (s->tcp[0])
		json_str(j, "tcp-state", s->tcp);
	json_bool(j, "services-offload", s->flags & SRXFLOW_SF_OFFLOAD);
	json_arr_open(j, "wings");
	json_wing(j, &s->w[0], "in");
	json_wing(j, &s->w[1], "out");
	json_arr_close(j);
	json_obj_close(j);
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
		if (mnl_attr_get_type(a) != SRXFLOW_A_SESSION || decode_session(a, &s))
			continue;
		if (idset_check(&d->seen, s.id))
			continue;
		if (d->nat && !(s.flags & (SRXFLOW_SF_SNAT | SRXFLOW_SF_DNAT)))
			continue;
		d->total++;
		if (s.state == SRXFLOW_SESS_INVALIDATED)
			d->invalidated++;
		else
			d->valid++;
		if (d->mode == M_SUMMARY)
			continue;
		if (d->j)
			json_session(d->j, &s);
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
