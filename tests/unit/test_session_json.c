// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the session listing writers (userspace/session_json.c,
 * userspace/session_text.c) against straightforward references: the -j
 * object as json.c's json_obj_open()/json_str()/json_u64() write it (what
 * the listing was before it was written by hand), the text lines as
 * snprintf() with inet_ntop() writes them.  Random tables: IPv4 and IPv6,
 * with and without gateway, egress interface and TCP state, names that
 * need escapes, "never" timeouts, 64-bit counters, and names redefined in
 * the middle (a cached block must not outlive its names).
 *
 *   test_session_json           the tests (KTAP)
 *   test_session_json bench N   N sessions of a table like the bench's
 *                               through both writers (for callgrind: see
 *                               Documentation/performance.rst)
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "../../userspace/json.h"
#include "../../userspace/session_json.h"
#include "../../userspace/session_text.h"
#include "../../userspace/values.h"
#include "ktap.h"

/* --- the references ------------------------------------------------------------------------ */

static const char *ntop(unsigned int family, const uint8_t *a, char *buf)
{
	return inet_ntop(family == AF_INET6 ? AF_INET6 : AF_INET, a, buf, 64);
}

static void ref_json_wing(struct json *j, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	char src[64], dst[64], gw[64], pb[16];

	json_obj_open(j, NULL);
	json_str(j, "direction", k ? "out" : "in");
	json_str(j, "source-address", ntop(w->family, w->src, src));
	json_u64(j, "source-port", w->sport);
	json_str(j, "destination-address", ntop(w->family, w->dst, dst));
	json_u64(j, "destination-port", w->dport);
	json_str(j, "protocol", proto_name(w->protocol, pb, sizeof(pb)));
	json_str(j, "interface", s->ifname[k]->s);
	json_u64(j, "routing-table", w->table);
	json_u64(j, "packets", w->packets);
	json_u64(j, "bytes", w->bytes);
	json_u64(j, "route", w->route);
	if (w->gw_family)
		json_str(j, "gateway", ntop(w->gw_family, w->gateway, gw));
	if (s->outif[k]->len)
		json_str(j, "egress-interface", s->outif[k]->s);
	json_obj_close(j);
}

static const char *state_s(unsigned int st)
{
	return st == SRXFLOW_SESS_INVALIDATED ? "Invalidated" :
	       st == SRXFLOW_SESS_PENDING ? "Pending" : "Valid";
}

static void ref_json(struct json *j, const struct session *s)
{
	json_obj_open(j, NULL);
	json_u64(j, "session-id", s->r.id);
	json_str(j, "policy-name", s->pname->s);
	json_u64(j, "policy-index", session_policy_index(s));
	json_str(j, "source-nat-pool", "Null");
	json_str(j, "state", state_s(s->r.state));
	if (s->r.timeout == SRXFLOW_TIMEOUT_NEVER)
		json_str(j, "timeout", "never");
	else
		json_u64(j, "timeout", s->r.timeout);
	if (s->r.max_timeout == SRXFLOW_TIMEOUT_NEVER)
		json_str(j, "maximum-timeout", "never");
	else
		json_u64(j, "maximum-timeout", s->r.max_timeout);
	json_u64(j, "start-time", s->r.start);
	json_u64(j, "duration", s->r.duration);
	json_str(j, "application", s->app->s);
	json_str(j, "from-zone", s->from->s);
	json_str(j, "to-zone", s->to->s);
	if (s->tcp->len)
		json_str(j, "tcp-state", s->tcp->s);
	json_bool(j, "services-offload", s->r.flags & SRXFLOW_SF_OFFLOAD);
	json_arr_open(j, "wings");
	ref_json_wing(j, s, 0);
	ref_json_wing(j, s, 1);
	json_arr_close(j);
	json_obj_close(j);
}

static void ref_text(struct outbuf *o, const struct session *s, bool first)
{
	char buf[4096], src[64], dst[64], pb[16], tb[16];
	int k, n;

	if (s->r.timeout == SRXFLOW_TIMEOUT_NEVER)
		snprintf(tb, sizeof(tb), "never");
	else
		snprintf(tb, sizeof(tb), "%u", s->r.timeout);
	n = snprintf(buf, sizeof(buf), "%sSession ID: %" PRIu64 ", Policy name: %s/%u, Timeout: %s, "
		     "Session State: %s\n", first ? "" : "\n", (uint64_t)s->r.id, s->pname->s,
		     session_policy_index(s), tb, state_s(s->r.state));
	ob_mem(o, buf, (size_t)n);
	for (k = 0; k < 2; k++) {
		const struct srxflow_sess_rec_wing *w = &s->r.w[k];

		n = snprintf(buf, sizeof(buf), "  %s: %s/%u --> %s/%u;%s, Conn Tag: 0x0, If: %s, "
			     "Pkts: %" PRIu64 ", Bytes: %" PRIu64 ",\n", k ? "Out" : "In",
			     ntop(w->family, w->src, src), w->sport, ntop(w->family, w->dst, dst),
			     w->dport, proto_name(w->protocol, pb, sizeof(pb)),
			     s->ifname[k]->len ? s->ifname[k]->s : "N/A", (uint64_t)w->packets,
			     (uint64_t)w->bytes);
		ob_mem(o, buf, (size_t)n);
	}
}

/* --- random tables --------------------------------------------------------------------------- */

static const char *const name_pool[] = {
	"trust", "untrust", "self-traffic-policy", "allow-web", "junos-http", "ge-0/0/0.0",
	".local..0", "ESTABLISHED", "SYN_SENT", "", "a\"quote", "back\\slash", "tab\tand\nnl",
	"\x01\x1f ctl", "z\xc3\xb6ne-utf8", "0123456789abcdef0123456789abcdef0123456789abcdef01234567",
	"dmz", "p16-exactly-16ch",
};
#define NNAMES 24

/* by index, as the CLI keeps them (index 0: no_name) */
static struct name names[NNAMES + 1];

static const struct name *name_of(uint16_t idx)
{
	return idx ? &names[idx] : &no_name;
}

static uint64_t rnd64(void)
{
	return ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
}

static uint64_t pick64(const uint64_t *v, size_t n)
{
	return rand() % 4 ? v[(size_t)rand() % n] : rnd64() >> (rand() % 64);
}

static uint16_t rnd_name(bool may_be_none)
{
	if (may_be_none && !(rand() % 4))
		return 0;
	return (uint16_t)(1 + rand() % NNAMES);
}

static void rnd_addr(uint8_t *a, unsigned int family)
{
	static const uint8_t pool[][16] = {
		{ 10, 0, 1, 10 }, { 10, 0, 3, 2 }, { 192, 168, 1, 1 }, { 0, 0, 0, 0 },
		{ 255, 255, 255, 255 }, { 1, 2, 3, 4 },
		{ 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, { [15] = 1 },
		{ 0xfe, 0x80, [8] = 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 },
		{ [10] = 0xff, 0xff, 10, 0, 0, 1 },
	};
	size_t i;

	memset(a, 0, 16);
	if (rand() % 3) {
		memcpy(a, pool[(size_t)rand() % (sizeof(pool) / sizeof(pool[0]))], 16);
		return;
	}
	for (i = 0; i < (family == AF_INET6 ? 16u : 4u); i++)
		a[i] = (uint8_t)(rand() % 3 ? rand() : 0);
}

static void rnd_session(struct session *s)
{
	static const uint64_t small[] = { 0, 1, 9, 10, 99, 100, 65535, 4294967295u, 4294967296ull };
	static const uint64_t starts[] = { 1764720000, 1764720001, 1764720002, 5000000000ull };
	static const uint8_t protos[] = { 6, 17, 1, 58, 47, 50, 0, 255, 132, 200 };
	static const uint32_t timeouts[] = { 0, 1, 59, 1800, 86400, SRXFLOW_TIMEOUT_NEVER };
	int k;

	memset(s, 0, sizeof(*s));
	s->r.id = pick64(small, 9) + 1;
	s->r.start = starts[(size_t)rand() % 4];
	s->r.policy_index = (uint32_t)pick64(small, 9);
	s->r.timeout = timeouts[(size_t)rand() % 6];
	s->r.max_timeout = timeouts[(size_t)rand() % 6];
	s->r.duration = (uint32_t)pick64(small, 9);
	s->r.flags = rand() % 2 ? SRXFLOW_SF_OFFLOAD : 0;
	s->r.state = (uint8_t)(rand() % 4);
	s->pname = name_of(s->r.policy_name = rnd_name(false));
	s->app = name_of(s->r.app = rnd_name(false));
	s->from = name_of(s->r.from_zone = rnd_name(false));
	s->to = name_of(s->r.to_zone = rnd_name(false));
	s->tcp = name_of(s->r.tcp_state = rnd_name(true));
	for (k = 0; k < 2; k++) {
		struct srxflow_sess_rec_wing *w = &s->r.w[k];

		w->family = rand() % 4 ? AF_INET : AF_INET6;
		rnd_addr(w->src, w->family);
		rnd_addr(w->dst, w->family);
		w->sport = (uint16_t)(rand() % 3 ? 40000 + rand() % 200 : rand());
		w->dport = (uint16_t)(rand() % 3 ? 9000 : rand());
		w->protocol = protos[(size_t)rand() % sizeof(protos)];
		w->table = (uint32_t)pick64(small, 9);
		w->packets = pick64(small, 9);
		w->bytes = pick64(small, 9);
		w->route = pick64(small, 9);
		w->gw_family = rand() % 3 ? 0 : rand() % 2 ? AF_INET : AF_INET6;
		if (w->gw_family)
			rnd_addr(w->gateway, w->gw_family);
		/* a connected route: the gateway is the destination */
		if (w->gw_family && rand() % 2) {
			w->gw_family = w->family;
			memcpy(w->gateway, w->dst, 16);
		}
		/* most reply wings: the first wing's addresses, swapped */
		if (k && w->family == s->r.w[0].family && rand() % 3) {
			memcpy(w->src, s->r.w[0].dst, 16);
			memcpy(w->dst, s->r.w[0].src, 16);
		}
		s->ifname[k] = name_of(w->ifname = rnd_name(true));
		s->outif[k] = name_of(w->out_ifname = rnd_name(true));
		w->dir = (uint8_t)k;
	}
}

static void define_names(unsigned int round)
{
	unsigned int i;

	for (i = 1; i <= NNAMES; i++) {
		const char *n = name_pool[(i + round) % (sizeof(name_pool) / sizeof(name_pool[0]))];

		name_set(&names[i], n, strlen(n) + (i % 3));	/* (a longer len stops at the NUL) */
	}
}

/*
 * n random sessions through the writer and the reference, or n sessions
 * taken in turn from distinct random ones (a table that repeats itself:
 * every cached block and memo is hit); the names are redefined (other
 * strings at the same indices) every redefine sessions
 */
static bool same_listing(unsigned int n, unsigned int distinct, unsigned int redefine, bool json,
			 unsigned int *bad_at)
{
	struct session pool[16];
	struct outbuf got, want;
	struct json jg, jw;
	struct session s;
	unsigned int i, round = 0;
	bool same;

	for (i = 0; i < distinct && i < 16; i++)
		rnd_session(&pool[i]);

	ob_init(&got, -1);
	ob_init(&want, -1);
	define_names(round);
	if (json) {
		json_init_ob(&jg, &got);
		json_init_ob(&jw, &want);
		json_obj_open(&jg, NULL);
		json_arr_open(&jg, "sessions");
		json_obj_open(&jw, NULL);
		json_arr_open(&jw, "sessions");
	}
	*bad_at = 0;
	for (i = 0; i < n; i++) {
		size_t g0 = got.len, w0 = want.len;

		if (redefine && i && !(i % redefine))
			define_names(++round);
		if (distinct)
			s = pool[i % distinct];
		else
			rnd_session(&s);
		if (json) {
			session_json_write(&got, &s, !i);
			ref_json(&jw, &s);
		} else {
			session_text_write(&got, &s, !i);
			ref_text(&want, &s, !i);
		}
		if (!*bad_at && (got.len - g0 != want.len - w0 ||
				 memcmp(got.buf + g0, want.buf + w0, got.len - g0))) {
			*bad_at = i + 1;
			printf("# session %u:\n# got:  %.*s\n# want: %.*s\n", i, (int)(got.len - g0),
			       got.buf + g0, (int)(want.len - w0), want.buf + w0);
		}
	}
	if (json) {
		json_arr_close(&jg);
		json_obj_close(&jg);
		json_end(&jg);
		json_arr_close(&jw);
		json_obj_close(&jw);
		json_end(&jw);
	}
	same = got.len == want.len && !memcmp(got.buf, want.buf, got.len);
	ob_end(&got);
	ob_end(&want);
	return same && !*bad_at;
}

/* --- a table like the bench's, for callgrind ------------------------------------------------ */

/*
 * UDP from 10.0.1.10-209 (cps udp -n 200) to 10.0.3.2:9000 on a connected
 * route (the gateway of a wing is its destination), one policy, two zones,
 * one packet in, created over 13 seconds; returns the sessions
 */
static struct session *bench_table(unsigned int n)
{
	struct session *t = calloc(n, sizeof(*t));
	static const uint8_t sv[4] = { 10, 0, 3, 2 };
	uint8_t cl[4] = { 10, 0, 1, 10 };
	unsigned int i;

	name_set(&names[1], "p-bench", 7);
	name_set(&names[2], "junos-udp-any", 13);
	name_set(&names[3], "trust", 5);
	name_set(&names[4], "untrust", 7);
	name_set(&names[5], "ge-0/0/0.0", 10);
	name_set(&names[6], "ge-0/0/1.0", 10);
	for (i = 0; i < n; i++) {
		struct session *s = &t[i];
		unsigned int age = (unsigned int)rand() % 13;

		cl[3] = (uint8_t)(10 + rand() % 200);
		s->r.id = 20000000 + (uint64_t)rand() % 1000000;
		s->r.start = 1764720000 + 13 - age;
		s->r.duration = age;
		s->r.policy_index = 4;
		s->r.timeout = 60 - age;
		s->r.max_timeout = 60;
		s->pname = name_of(s->r.policy_name = 1);
		s->app = name_of(s->r.app = 2);
		s->from = name_of(s->r.from_zone = 3);
		s->to = name_of(s->r.to_zone = 4);
		s->tcp = &no_name;
		s->r.w[0] = (struct srxflow_sess_rec_wing){
			.sport = (uint16_t)(20000 + rand() % 40000), .dport = 9000, .protocol = 17,
			.family = AF_INET, .gw_family = AF_INET, .packets = 1, .bytes = 92,
			.route = 0x51234f, };
		memcpy(s->r.w[0].src, cl, 4);
		memcpy(s->r.w[0].dst, sv, 4);
		memcpy(s->r.w[0].gateway, sv, 4);
		s->r.w[1] = s->r.w[0];
		memcpy(s->r.w[1].src, sv, 4);
		memcpy(s->r.w[1].dst, cl, 4);
		memcpy(s->r.w[1].gateway, cl, 4);
		s->r.w[1].sport = 9000;
		s->r.w[1].dport = s->r.w[0].sport;
		s->r.w[1].packets = s->r.w[1].bytes = 0;
		s->r.w[1].route = 0x4a1b3;
		s->r.w[0].ifname = s->r.w[1].out_ifname = 5;
		s->r.w[1].ifname = s->r.w[0].out_ifname = 6;
		s->r.w[1].dir = 1;
		s->ifname[0] = s->outif[1] = &names[5];
		s->ifname[1] = s->outif[0] = &names[6];
	}
	return t;
}

static void bench_one(const struct session *t, unsigned int n, bool json)
{
	struct outbuf o;
	unsigned int i;

	ob_init(&o, -1);
	for (i = 0; i < n; i++) {
		if (o.len > o.cap / 2)
			o.len = 0;
		if (json)
			session_json_write(&o, &t[i], !i);
		else
			session_text_write(&o, &t[i], !i);
	}
	ob_end(&o);
}

static int bench(unsigned int n)
{
	struct session *t = bench_table(n);

	bench_one(t, n, false);
	bench_one(t, n, true);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int bad;

	if (argc == 3 && !strcmp(argv[1], "bench"))
		return bench((unsigned int)atoi(argv[2]));
	KTAP_PLAN(7);
	srand(18);
	OK(same_listing(20000, 0, 0, true, &bad),
	   "-j of 20,000 random sessions equals json.c's (first difference: session %u)", bad);
	OK(same_listing(20000, 0, 997, true, &bad),
	   "-j with the names redefined every 997 sessions equals json.c's (session %u)", bad);
	OK(same_listing(3, 0, 0, true, &bad), "-j of 3 sessions (first %u)", bad);
	OK(same_listing(5000, 7, 0, true, &bad),
	   "-j of 7 sessions repeated (every block and memo hit) equals json.c's (session %u)", bad);
	OK(same_listing(5000, 7, 100, true, &bad),
	   "-j of 7 sessions repeated, names redefined every 100: no stale block (session %u)",
	   bad);
	OK(same_listing(20000, 0, 0, false, &bad),
	   "text of 20,000 random sessions equals snprintf's (first difference: session %u)", bad);
	OK(same_listing(20000, 0, 499, false, &bad),
	   "text with the names redefined every 499 sessions equals snprintf's (session %u)", bad);
	KTAP_DONE();
}
