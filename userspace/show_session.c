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
/*
 * The kernel sends one fixed-layout record per session
 * (SRXFLOW_SESS_FORMAT_REC1, struct srxflow_sess_rec) and the names the
 * records refer to by index (SRXFLOW_A_SESS_NAME), each defined before its
 * first use; a later definition of an index replaces the earlier one.
 */
/*
 * A name of the dump, with its length and its JSON form (quoted, escaped);
 * both are allocated to a multiple of 16 bytes and copied in 16-byte blocks
 * (ob_put_blocks()).
 */
struct name {
	char *s, *js;
	size_t len, jlen;
};

struct session {
	struct srxflow_sess_rec r;
	const struct name *pname, *app, *from, *to, *tcp;
	const struct name *ifname[2], *outif[2];
};

static struct name names[65536];	/* by index; s NULL: "" */
static char no_name_s[16], no_name_js[16] = "\"\"";
static const struct name no_name = { .s = no_name_s, .js = no_name_js, .len = 0, .jlen = 2 };

/* a copy of the n bytes of s, NUL-terminated, padded to a multiple of 16 */
static char *padded_dup(const char *s, size_t n)
{
	char *d = xcalloc(1, (n + 16) & ~(size_t)15);

	memcpy(d, s, n);
	return d;
}

static void name_define(const struct nlattr *a)
{
	const struct srxflow_sess_name *n = mnl_attr_get_payload(a);
	size_t len = mnl_attr_get_payload_len(a);
	struct name *e;
	struct outbuf o = { .fd = -1 };

	if (len < sizeof(*n) + 1 || !n->index)
		return;
	e = &names[n->index];
	free(e->s);
	free(e->js);
	e->len = strnlen(n->name, len - sizeof(*n));
	e->s = padded_dup(n->name, e->len);
	/* room for the worst case (every byte escaped as \u00XX): never grows */
	o.cap = 6 * e->len + 8;
	o.buf = xmalloc(o.cap);
	json_put_str(&o, e->s);
	e->js = padded_dup(o.buf, o.len);
	e->jlen = o.len;
	free(o.buf);
}

static const struct name *name_of(uint16_t idx)
{
	return names[idx].s ? &names[idx] : &no_name;
}

static void names_free(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		free(names[i].s);
		free(names[i].js);
		names[i] = (struct name){ 0 };
	}
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

/*
 * An IPv4 address as text, from a small cache: a session table repeats its
 * addresses (clients, servers, gateways), and formatting one by hand costs
 * ten times the lookup.
 */
struct addr4 {
	uint32_t a;
	uint8_t len;		/* 0: empty */
	char s[16];		/* "255.255.255.255" at most */
};

static struct addr4 addr4_cache[1024];

/* an address through a pointer (see ob_reserve()): at most 46 bytes + OB_SLACK */
static char *put_addr_p(char *p, unsigned int family, const uint8_t *addr)
{
	struct addr4 *c;
	uint32_t a;

	if (family != AF_INET) {
		char tmp[64];
		struct outbuf t = { .buf = tmp, .cap = 63, .fd = -1 };

		ob_addr(&t, family, addr);
		memcpy(p, tmp, t.len);
		return p + t.len;
	}
	memcpy(&a, addr, 4);
	c = &addr4_cache[(a * 2654435761u) >> 22];
	if (!c->len || c->a != a) {
		struct outbuf t = { .buf = c->s, .cap = sizeof(c->s), .fd = -1 };

		ob_addr(&t, AF_INET, addr);
		c->a = a;
		c->len = (uint8_t)t.len;
	}
	memcpy(p, c->s, 16);
	return p + c->len;
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

/* a protocol's name with its length, looked up once per protocol */
/* protocol names (at most 15 bytes: proto_name()'s buffer is 16), by number */
static struct { char s[16]; uint8_t len; } proto_cache[256];

static void proto_cache_fill(unsigned int p)
{
	char pb[16];
	const char *n = proto_str(p, pb, sizeof(pb));

	proto_cache[p].len = (uint8_t)strnlen(n, sizeof(proto_cache[p].s) - 1);
	memcpy(proto_cache[p].s, n, proto_cache[p].len);
}

/* a protocol's name through a pointer (see ob_reserve()) */
static inline char *put_proto_p(char *o, unsigned int p)
{
	p &= 0xff;
	if (!proto_cache[p].len)
		proto_cache_fill(p);
	memcpy(o, proto_cache[p].s, 16);
	return o + proto_cache[p].len;
}

static const char *state_str(unsigned int st)
{
	return st == SRXFLOW_SESS_INVALIDATED ? "Invalidated" :
	       st == SRXFLOW_SESS_PENDING ? "Pending" : "Valid";
}

/* prefix, then the state's name, through a pointer */
#define put_state_p(p, st, prefix)						\
	((st) == SRXFLOW_SESS_INVALIDATED ? OB_PUT_LIT(p, prefix "Invalidated") :	\
	 (st) == SRXFLOW_SESS_PENDING ? OB_PUT_LIT(p, prefix "Pending") :		\
	 OB_PUT_LIT(p, prefix "Valid"))

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
 * "  %s: %s/%u --> %s/%u;%s, Conn Tag: 0x0, If: %s, Pkts: %" PRIu64
 * ", Bytes: %" PRIu64 ",\n", by hand through a pointer into room reserved
 * for the whole session (print_session()): the line of every wing of every
 * session of the default listing
 */
static char *print_wing_line(char *p, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	const struct name *ifn = s->ifname[k];

	if (k)
		p = OB_PUT_LIT(p, "  Out: ");
	else
		p = OB_PUT_LIT(p, "  In: ");
	p = put_addr_p(p, w->family, w->src);
	*p++ = '/';
	p = ob_put_u32(p, w->sport);
	p = OB_PUT_LIT(p, " --> ");
	p = put_addr_p(p, w->family, w->dst);
	*p++ = '/';
	p = ob_put_u32(p, w->dport);
	*p++ = ';';
	p = put_proto_p(p, w->protocol);
	p = OB_PUT_LIT(p, ", Conn Tag: 0x0, If: ");
	if (ifn->len)
		p = ob_put_blocks(p, ifn->s, ifn->len);
	else
		p = OB_PUT_LIT(p, "N/A");
	p = OB_PUT_LIT(p, ", Pkts: ");
	p = ob_put_u64(p, w->packets);
	p = OB_PUT_LIT(p, ", Bytes: ");
	p = ob_put_u64(p, w->bytes);
	return OB_PUT_LIT(p, ",\n");
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

/* a session of the router's own traffic: Junos numbers self-traffic-policy 1 */
static unsigned int policy_index(const struct session *s)
{
	return !s->r.policy_index && !strcmp(s->pname->s, "self-traffic-policy") ? 1 :
	       s->r.policy_index;
}

static void print_session(const struct session *s, enum smode mode, bool first)
{
	char tb[16], mtb[16];

	if (mode != M_EXTENSIVE) {
		/*
		 * the fixed text, numbers and addresses of a session take less
		 * than 1,024 bytes; its names are added
		 */
		char *p = ob_reserve(&out, 1024 + s->pname->len + s->ifname[0]->len +
				     s->ifname[1]->len + 3 * OB_SLACK);

		/* the device separates sessions by a blank line */
		if (!first)
			*p++ = '\n';
		/* "Session ID: %" PRIu64 ", Policy name: %s/%u, Timeout: %s, Session State: %s\n" */
		p = OB_PUT_LIT(p, "Session ID: ");
		p = ob_put_u64(p, s->r.id);
		p = OB_PUT_LIT(p, ", Policy name: ");
		p = ob_put_blocks(p, s->pname->s, s->pname->len);
		*p++ = '/';
		p = ob_put_u32(p, policy_index(s));
		p = OB_PUT_LIT(p, ", Timeout: ");
		if (s->r.timeout == SRXFLOW_TIMEOUT_NEVER)
			p = OB_PUT_LIT(p, "never");
		else
			p = ob_put_u32(p, s->r.timeout);
		p = put_state_p(p, s->r.state, ", Session State: ");
		*p++ = '\n';
		p = print_wing_line(p, s, 0);
		p = print_wing_line(p, s, 1);
		ob_commit(&out, p);
		return;
	}
	timeout_str(s->r.timeout, tb, sizeof(tb));
	timeout_str(s->r.max_timeout, mtb, sizeof(mtb));
	ob_printf(&out, "\n");
	ob_printf(&out, "Session ID: %" PRIu64 ", Status: Normal\n", (uint64_t)s->r.id);
	/* as the SRX: the flag words, then ", services-offload" when offloaded */
	ob_printf(&out, "Flags: 0x%x/0x0/0x0/0x0%s\n", s->r.flags,
		  s->r.flags & SRXFLOW_SF_OFFLOAD ? ", services-offload" : "");
	ob_printf(&out, "Policy name: %s/%u\n", s->pname->s, policy_index(s));
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
 * JSON, by hand: the same output as json_obj_open()/json_str()/json_u64()
 * would give (keys are literals; names are written in the JSON form
 * name_define() made of them once, with json_put_str()), without a call and
 * a strlen() per key: the -j listing of
 * a million sessions carries three times the bytes of the text one.
 */
static char *json_name_p(char *p, const struct name *n)
{
	return ob_put_blocks(p, n->js, n->jlen);
}

static char *json_wing(char *p, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];

	if (k)
		p = OB_PUT_LIT(p, "{\"direction\":\"out\",\"source-address\":\"");
	else
		p = OB_PUT_LIT(p, "{\"direction\":\"in\",\"source-address\":\"");
	p = put_addr_p(p, w->family, w->src);
	p = OB_PUT_LIT(p, "\",\"source-port\":");
	p = ob_put_u32(p, w->sport);
	p = OB_PUT_LIT(p, ",\"destination-address\":\"");
	p = put_addr_p(p, w->family, w->dst);
	p = OB_PUT_LIT(p, "\",\"destination-port\":");
	p = ob_put_u32(p, w->dport);
	/* protocol names need no escape */
	p = OB_PUT_LIT(p, ",\"protocol\":\"");
	p = put_proto_p(p, w->protocol);
	p = OB_PUT_LIT(p, "\",\"interface\":");
	p = json_name_p(p, s->ifname[k]);
	p = OB_PUT_LIT(p, ",\"routing-table\":");
	p = ob_put_u32(p, w->table);
	p = OB_PUT_LIT(p, ",\"packets\":");
	p = ob_put_u64(p, w->packets);
	p = OB_PUT_LIT(p, ",\"bytes\":");
	p = ob_put_u64(p, w->bytes);
	p = OB_PUT_LIT(p, ",\"route\":");
	p = ob_put_u64(p, w->route);
	if (w->gw_family) {
		p = OB_PUT_LIT(p, ",\"gateway\":\"");
		p = put_addr_p(p, w->gw_family, w->gateway);
		*p++ = '"';
	}
	if (s->outif[k]->len) {
		p = OB_PUT_LIT(p, ",\"egress-interface\":");
		p = json_name_p(p, s->outif[k]);
	}
	*p++ = '}';
	return p;
}

static void json_session(const struct session *s, bool first)
{
	/*
	 * the keys, numbers and addresses of a session take less than 2,048
	 * bytes; its names are added
	 */
	char *p = ob_reserve(&out, 2048 + s->pname->jlen + s->app->jlen + s->from->jlen +
			     s->to->jlen + s->tcp->jlen + s->ifname[0]->jlen + s->ifname[1]->jlen +
			     s->outif[0]->jlen + s->outif[1]->jlen + 9 * OB_SLACK);

	if (!first)
		*p++ = ',';
	p = OB_PUT_LIT(p, "{\"session-id\":");
	p = ob_put_u64(p, s->r.id);
	p = OB_PUT_LIT(p, ",\"policy-name\":");
	p = json_name_p(p, s->pname);
	p = OB_PUT_LIT(p, ",\"policy-index\":");
	p = ob_put_u32(p, policy_index(s));
	p = put_state_p(p, s->r.state, ",\"source-nat-pool\":\"Null\",\"state\":\"");
	p = OB_PUT_LIT(p, "\",\"timeout\":");
	if (s->r.timeout == SRXFLOW_TIMEOUT_NEVER)
		p = OB_PUT_LIT(p, "\"never\"");
	else
		p = ob_put_u32(p, s->r.timeout);
	p = OB_PUT_LIT(p, ",\"maximum-timeout\":");
	if (s->r.max_timeout == SRXFLOW_TIMEOUT_NEVER)
		p = OB_PUT_LIT(p, "\"never\"");
	else
		p = ob_put_u32(p, s->r.max_timeout);
	p = OB_PUT_LIT(p, ",\"start-time\":");
	p = ob_put_u64(p, s->r.start);
	p = OB_PUT_LIT(p, ",\"duration\":");
	p = ob_put_u32(p, s->r.duration);
	p = OB_PUT_LIT(p, ",\"application\":");
	p = json_name_p(p, s->app);
	p = OB_PUT_LIT(p, ",\"from-zone\":");
	p = json_name_p(p, s->from);
	p = OB_PUT_LIT(p, ",\"to-zone\":");
	p = json_name_p(p, s->to);
	if (s->tcp->len) {
		p = OB_PUT_LIT(p, ",\"tcp-state\":");
		p = json_name_p(p, s->tcp);
	}
	if (s->r.flags & SRXFLOW_SF_OFFLOAD)
		p = OB_PUT_LIT(p, ",\"services-offload\":true,\"wings\":[");
	else
		p = OB_PUT_LIT(p, ",\"services-offload\":false,\"wings\":[");
	p = json_wing(p, s, 0);
	*p++ = ',';
	p = json_wing(p, s, 1);
	p = OB_PUT_LIT(p, "]}");
	ob_commit(&out, p);
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
			json_session(&s, !d->printed++);
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
