// SPDX-License-Identifier: GPL-2.0
/*
 * The -j session listing, one object per session: byte for byte what
 * json.c's json_obj_open()/json_str()/json_u64() wrote for it (scripts
 * read it; tests/unit/test_session_json.c compares the two), in fewer
 * instructions per session than the text listing.
 *
 * A JSON session carries about three times the bytes of its text lines:
 * every key, and the policy, zones, application, route, gateway and egress
 * interface the text leaves out.  Most of those bytes do not vary from one
 * session to the next: a table repeats its names, routes and timeouts.  So
 * the object is cut at the values that do vary (identifier, timeout,
 * addresses, ports, counters), and every run of text in between -- keys,
 * names, constant values -- is one block, formatted once per distinct
 * combination of what it depends on and then copied whole:
 *
 *   {"session-id":ID
 *   P ,"policy-name":..,"policy-index":N,"source-nat-pool":"Null","state":"S","timeout":
 *     TIMEOUT
 *   T ,"maximum-timeout":M,"start-time":S,"duration":D
 *   G ,"application":..,"from-zone":..,"to-zone":..[,"tcp-state":..],
 *     "services-offload":B,"wings":[{"direction":"in","source-address":"
 *     per wing: SRC","source-port":SPORT,"destination-address":"DST",
 *               "destination-port":DPORT
 *   W   ,"protocol":"P","interface":..,"routing-table":T,"packets":
 *       PACKETS,"bytes":BYTES
 *   R   ,"route":R[,"gateway":"  GATEWAY  "][,"egress-interface":..]}
 *       then ,{"direction":"out","source-address":" after the first wing,
 *       ]} after the second
 *
 * Blocks are cached in small direct-mapped tables keyed by the record's
 * own fields (name indices, not names: the tables are emptied when a name
 * is defined again, see name_generation), so that a hit costs a few loads
 * and compares.  Whole runs with values in them (a session's head, a
 * wing's tail) are kept as written when they repeat ("memos" below).
 * Numbers go through dec4.h.  tests/unit/test_session_json.c counts the
 * instructions of both listings (callgrind; Documentation/performance.rst).
 */
#include <stddef.h>
#include <stdlib.h>
#include "dec4.h"
#include "session_json.h"
#include "util.h"
#include "values.h"

/* (the hot path is one function: no calls, no register saves per piece) */
#define ALWAYS_INLINE __attribute__((always_inline)) inline

/* a block: len bytes at s, padded to n16 blocks of 16 bytes (put_block()) */
struct jblock {
	char *s;
	size_t len, cap;
	unsigned int n16;
};

/* a run of a session as written, for a key of up to 5 words (see "memos" below) */
struct memo {
	uint64_t key[5];
	bool used;
	unsigned int misses;
	struct jblock text;
};

#define JB_BITS 6
#define JB_WAYS (1u << JB_BITS)	/* entries per table */

/* P and G: what the session's names, policy, state and flags make */
struct sess_entry {
	uint64_t key[3];
	bool used;
	struct jblock policy, zones;
	size_t len;		/* of both */
};

/* T: maximum timeout, start time and duration */
struct times_entry {
	uint64_t key[2];
	bool used;
	struct jblock times;
};

/*
 * W and R: what a wing's protocol, interface, table and route make.  The
 * gateway is not part of it (on a connected route it is the destination
 * itself, one per host): R is cut there, route_pre up to the gateway's
 * quote and route_post from the closing one (with no gateway, route_pre is
 * all of R and route_post empty).
 */
struct wing_entry {
	uint64_t key[3];
	bool used;
	struct jblock wing, route_pre, route_post;
	size_t len;		/* of the three */
	struct memo tail;	/* W to the end of R, for given counters and gateway */
};

static struct memo head_tab[JB_WAYS], *head_last = &head_tab[0];
static struct sess_entry sess_tab[JB_WAYS];
static struct times_entry times_tab[JB_WAYS];
/* (one table per wing: R differs, and wing 1 must not evict wing 0's entry) */
static struct wing_entry wing_tab[2][JB_WAYS];
static uint64_t tab_generation;

/* the tables are emptied when a name index may have another name */
static void tabs_check(void)
{
	if (tab_generation == name_generation)
		return;
	tab_generation = name_generation;
	for (unsigned int i = 0; i < JB_WAYS; i++) {
		head_tab[i].used = false;
		sess_tab[i].used = false;
		times_tab[i].used = false;
		wing_tab[0][i].used = wing_tab[1][i].used = false;
	}
}

/* (the blocks keep their buffers: they are reused for other keys) */
static void jb_set(struct jblock *b, const struct outbuf *t)
{
	size_t need = (t->len + 16) & ~(size_t)15;

	if (b->cap < need) {
		free(b->s);
		b->s = xmalloc(need);
		b->cap = need;
	}
	memcpy(b->s, t->buf, t->len);
	memset(b->s + t->len, 0, need - t->len);
	b->len = t->len;
	b->n16 = (unsigned int)((t->len + 15) / 16);
}

/* b takes the n bytes at src */
static void jb_set_mem(struct jblock *b, const char *src, size_t n)
{
	struct outbuf t = { .buf = (char *)src, .len = n, .fd = -1 };

	jb_set(b, &t);
}

/*
 * A block, 16 bytes at a time and without a loop: a jump into a run of
 * 16-byte copies, one per started 16 bytes (blocks are padded), so that a
 * block of 100 bytes costs seven loads and stores and one jump (up to 512
 * bytes: a session's head with its names).
 */
#define COPY16(i) memcpy(d + 16 * (i), s + 16 * (i), 16)
#define CASE16(i) case (i) + 1: COPY16(i); __attribute__((fallthrough))

static ALWAYS_INLINE char *put_block(char *p, const struct jblock *b)
{
	const char *s = b->s;
	unsigned int c = b->n16;
	char *d = p;

	/* (only for long names) */
	for (; c > 32; c--, d += 16, s += 16)
		COPY16(0);
	switch (c) {
	CASE16(31); CASE16(30); CASE16(29); CASE16(28); CASE16(27); CASE16(26); CASE16(25);
	CASE16(24); CASE16(23); CASE16(22); CASE16(21); CASE16(20); CASE16(19); CASE16(18);
	CASE16(17); CASE16(16);
	CASE16(15); CASE16(14); CASE16(13); CASE16(12); CASE16(11); CASE16(10); CASE16(9);
	CASE16(8); CASE16(7); CASE16(6); CASE16(5); CASE16(4); CASE16(3); CASE16(2);
	CASE16(1); CASE16(0);
	case 0:
		break;
	}
	return p + b->len;
}

static inline unsigned int jb_index(uint64_t h)
{
	return (unsigned int)((h * 0x9e3779b97f4a7c15ull) >> (64 - JB_BITS));
}

/* --- building blocks (on a miss): plain writers into a scratch buffer --------------------- */

static struct outbuf scratch;

static struct outbuf *scratch_start(void)
{
	if (!scratch.buf)
		ob_init(&scratch, -1);
	scratch.len = 0;
	return &scratch;
}

static void put_name(struct outbuf *o, const struct name *n)
{
	ob_mem(o, n->js, n->jlen);
}

/* a number or "never" (SRXFLOW_TIMEOUT_NEVER) */
static void put_timeout(struct outbuf *o, uint32_t t)
{
	if (t == SRXFLOW_TIMEOUT_NEVER)
		OB_LIT(o, "\"never\"");
	else
		ob_u64(o, t);
}

static const char *state_name(unsigned int st)
{
	return st == SRXFLOW_SESS_INVALIDATED ? "Invalidated" :
	       st == SRXFLOW_SESS_PENDING ? "Pending" : "Valid";
}

static void build_policy(struct jblock *b, const struct session *s)
{
	struct outbuf *t = scratch_start();

	OB_LIT(t, ",\"policy-name\":");
	put_name(t, s->pname);
	OB_LIT(t, ",\"policy-index\":");
	ob_u64(t, session_policy_index(s));
	OB_LIT(t, ",\"source-nat-pool\":\"Null\",\"state\":\"");
	ob_str(t, state_name(s->r.state));
	OB_LIT(t, "\",\"timeout\":");
	jb_set(b, t);
}

static void build_times(struct jblock *b, const struct session *s)
{
	struct outbuf *t = scratch_start();

	OB_LIT(t, ",\"maximum-timeout\":");
	put_timeout(t, s->r.max_timeout);
	OB_LIT(t, ",\"start-time\":");
	ob_u64(t, s->r.start);
	OB_LIT(t, ",\"duration\":");
	ob_u64(t, s->r.duration);
	jb_set(b, t);
}

static void build_zones(struct jblock *b, const struct session *s)
{
	struct outbuf *t = scratch_start();

	OB_LIT(t, ",\"application\":");
	put_name(t, s->app);
	OB_LIT(t, ",\"from-zone\":");
	put_name(t, s->from);
	OB_LIT(t, ",\"to-zone\":");
	put_name(t, s->to);
	if (s->tcp->len) {
		OB_LIT(t, ",\"tcp-state\":");
		put_name(t, s->tcp);
	}
	if (s->r.flags & SRXFLOW_SF_OFFLOAD)
		OB_LIT(t, ",\"services-offload\":true");
	else
		OB_LIT(t, ",\"services-offload\":false");
	OB_LIT(t, ",\"wings\":[{\"direction\":\"in\",\"source-address\":\"");
	jb_set(b, t);
}

static void build_wing(struct jblock *b, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	struct outbuf *t = scratch_start();
	char pb[16];

	/* protocol names need no escape */
	OB_LIT(t, ",\"protocol\":\"");
	ob_str(t, proto_name(w->protocol, pb, sizeof(pb)));
	OB_LIT(t, "\",\"interface\":");
	put_name(t, s->ifname[k]);
	OB_LIT(t, ",\"routing-table\":");
	ob_u64(t, w->table);
	OB_LIT(t, ",\"packets\":");
	jb_set(b, t);
}

static void build_route(struct jblock *pre, struct jblock *post, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	struct outbuf *t = scratch_start();

	OB_LIT(t, ",\"route\":");
	ob_u64(t, w->route);
	if (w->gw_family) {
		OB_LIT(t, ",\"gateway\":\"");
		jb_set(pre, t);
		t = scratch_start();
		ob_char(t, '"');
	}
	if (s->outif[k]->len) {
		OB_LIT(t, ",\"egress-interface\":");
		put_name(t, s->outif[k]);
	}
	if (k)
		OB_LIT(t, "}]}");
	else
		OB_LIT(t, "},{\"direction\":\"out\",\"source-address\":\"");
	jb_set(w->gw_family ? post : pre, t);
	if (!w->gw_family)
		post->len = 0;
}

/* --- finding blocks ---------------------------------------------------------------------- */
/*
 * The keys are the record's bytes that the blocks are made of, read as
 * words (memcpy(): the layout is checked below).
 */
#define REC_WORD(p, off) ({ uint64_t __w; memcpy(&__w, (const char *)(p) + (off), 8); __w; })

/* flags, the five name indices, state and pad */
_Static_assert(offsetof(struct srxflow_sess_rec, flags) == 32 &&
	       offsetof(struct srxflow_sess_rec, tcp_state) == 44 &&
	       offsetof(struct srxflow_sess_rec, pad) == 47, "session key layout");
/* maximum timeout and duration */
_Static_assert(offsetof(struct srxflow_sess_rec, max_timeout) == 24 &&
	       offsetof(struct srxflow_sess_rec, duration) == 28, "times key layout");
/* protocol, family, gateway family, dir, interface and egress name indices; vrf and table */
_Static_assert(offsetof(struct srxflow_sess_rec_wing, protocol) == 52 &&
	       offsetof(struct srxflow_sess_rec_wing, out_ifname) == 58 &&
	       offsetof(struct srxflow_sess_rec_wing, vrf) == 64 &&
	       offsetof(struct srxflow_sess_rec_wing, table) == 68, "wing key layout");

/* (the misses are out of line: the hits are a few instructions, inlined) */
static __attribute__((noinline)) void sess_fill(struct sess_entry *e, const uint64_t key[3],
						 const struct session *s)
{
	memcpy(e->key, key, sizeof(e->key));
	e->used = true;
	build_policy(&e->policy, s);
	build_zones(&e->zones, s);
	e->len = e->policy.len + e->zones.len;
}

static inline const struct sess_entry *sess_blocks(const struct session *s)
{
	const uint64_t key[3] = { s->r.policy_index, REC_WORD(&s->r, 32), REC_WORD(&s->r, 40) };
	struct sess_entry *e = &sess_tab[jb_index(key[0] ^ key[1] ^ (key[2] << 7))];

	if (!e->used || ((e->key[0] ^ key[0]) | (e->key[1] ^ key[1]) | (e->key[2] ^ key[2])))
		sess_fill(e, key, s);
	return e;
}

static __attribute__((noinline)) void times_fill(struct times_entry *e, const uint64_t key[2],
						  const struct session *s)
{
	memcpy(e->key, key, sizeof(e->key));
	e->used = true;
	build_times(&e->times, s);
}

static inline const struct jblock *times_block(const struct session *s)
{
	const uint64_t key[2] = { REC_WORD(&s->r, 24), s->r.start };
	struct times_entry *e = &times_tab[jb_index(key[0] ^ (key[1] << 11))];

	if (!e->used || ((e->key[0] ^ key[0]) | (e->key[1] ^ key[1])))
		times_fill(e, key, s);
	return &e->times;
}

static __attribute__((noinline)) void wing_fill(struct wing_entry *e, const uint64_t key[3],
						 const struct session *s, int k)
{
	memcpy(e->key, key, sizeof(e->key));
	e->used = true;
	e->tail.used = false;
	build_wing(&e->wing, s, k);
	build_route(&e->route_pre, &e->route_post, s, k);
	e->len = e->wing.len + e->route_pre.len + e->route_post.len;
}

/* the entry of wing k of the session before, tried first (no hash) */
static struct wing_entry *wing_last[2] = { &wing_tab[0][0], &wing_tab[1][0] };

static ALWAYS_INLINE bool wing_hit(const struct wing_entry *e, const uint64_t key[3])
{
	return e->used && !((e->key[0] ^ key[0]) | (e->key[1] ^ key[1]) | (e->key[2] ^ key[2]));
}

static ALWAYS_INLINE struct wing_entry *wing_blocks(const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	const uint64_t key[3] = { REC_WORD(w, 52), REC_WORD(w, 64), w->route };
	struct wing_entry *e = wing_last[k];

	if (wing_hit(e, key))
		return e;
	e = &wing_tab[k][jb_index(key[0] ^ (key[1] << 5) ^ (key[2] << 17))];
	if (!wing_hit(e, key))
		wing_fill(e, key, s, k);
	wing_last[k] = e;
	return e;
}

/* --- memos ------------------------------------------------------------------------------- */
/*
 * Beyond the blocks, a table often repeats whole runs that include values:
 * the head of a session (from its identifier to its first address:
 * policy, timeout, times, zones) and the tail of a wing (from its
 * destination port to its end: protocol, interface, counters, route,
 * gateway) -- sessions of one burst share their start time and timeout,
 * idle and one-packet flows their counters, a route its gateway.  Such a
 * run is kept as written (copied from the output) and then copied whole.
 * Where the values do not repeat, keeping every run would cost more than
 * it saves: a memo that misses is replaced only when empty or after
 * MEMO_MISSES misses in a row.
 */
#define MEMO_MISSES 8

static ALWAYS_INLINE bool memo_hit(struct memo *m, const uint64_t key[5])
{
	if (m->used && !((m->key[0] ^ key[0]) | (m->key[1] ^ key[1]) | (m->key[2] ^ key[2]) |
			 (m->key[3] ^ key[3]) | (m->key[4] ^ key[4]))) {
		m->misses = 0;
		return true;
	}
	return false;
}

static __attribute__((noinline)) void memo_keep(struct memo *m, const uint64_t key[5],
						 const char *start, const char *end)
{
	jb_set_mem(&m->text, start, (size_t)(end - start));
	memcpy(m->key, key, sizeof(m->key));
	m->used = true;
	m->misses = 0;
}

/* m missed and start..end was written instead: kept if m is to be replaced */
static inline void memo_missed(struct memo *m, const uint64_t key[5], const char *start,
			       const char *end)
{
	if (!m->used || ++m->misses >= MEMO_MISSES)
		memo_keep(m, key, start, end);
}

/* the record's start time, timeouts, duration, flags, name indices, state */
_Static_assert(offsetof(struct srxflow_sess_rec, start) == 8 &&
	       offsetof(struct srxflow_sess_rec, policy_index) == 16 &&
	       sizeof(((struct srxflow_sess_rec *)0)->pad) == 1 &&
	       offsetof(struct srxflow_sess_rec, pad) == 47, "head key layout");

/*
 * the head: from the identifier to the first wing's source address; se
 * and tb are its blocks, looked up when the memo m missed (else NULL)
 */
static ALWAYS_INLINE char *json_head(char *p, const struct session *s, struct memo *m,
			      const uint64_t key[5], const struct sess_entry *se,
			      const struct jblock *tb)
{
	char *start = p;

	if (!se)
		return put_block(p, &m->text);
	p = put_block(p, &se->policy);
	if (s->r.timeout == SRXFLOW_TIMEOUT_NEVER)
		p = OB_PUT_LIT(p, "\"never\"");
	else
		p = dec4_put_u32(p, s->r.timeout);
	p = put_block(p, tb);
	p = put_block(p, &se->zones);
	memo_missed(m, key, start, p);
	return p;
}

/*
 * a wing's tail: from its destination port to its end (and the next
 * wing's start).  On a connected route the gateway is the wing's
 * destination, a different one for every peer: then the memo stops before
 * the gateway, which is copied from the destination's text (dst, n bytes,
 * written just before), and R ends the tail.
 */
static ALWAYS_INLINE char *json_tail(char *p, const struct srxflow_sess_rec_wing *w,
				     struct wing_entry *we, const char *dst, size_t n)
{
	uint64_t key[5] = { w->packets, w->bytes, 0, 0, 0 };
	bool gw_dst = false;
	char *start = p;

	/* the key: counters, and the gateway unless there is none or it is dst */
	if (w->gw_family) {
		key[2] = REC_WORD(w->gateway, 0);
		key[3] = REC_WORD(w->gateway, 8);
		if (w->gw_family == w->family && key[2] == REC_WORD(w->dst, 0) &&
		    key[3] == REC_WORD(w->dst, 8)) {
			gw_dst = true;
			key[2] = key[3] = 0;
			key[4] = 1;
		}
	}
	if (memo_hit(&we->tail, key)) {
		p = put_block(p, &we->tail.text);
	} else {
		p = put_block(p, &we->wing);
		p = dec4_put_u64(p, w->packets);
		p = OB_PUT_LIT(p, ",\"bytes\":");
		p = dec4_put_u64(p, w->bytes);
		p = put_block(p, &we->route_pre);
		if (w->gw_family && !gw_dst) {
			p = put_addr_p(p, w->gw_family, w->gateway);
			p = put_block(p, &we->route_post);
		}
		memo_missed(&we->tail, key, start, p);
	}
	if (gw_dst) {
		p = ob_put_blocks(p, dst, n);
		p = put_block(p, &we->route_post);
	}
	return p;
}

/* --- writing ------------------------------------------------------------------------------ */

/* where a wing's addresses were written */
struct wing_text {
	const char *src, *dst;
	size_t src_n, dst_n;
};

static ALWAYS_INLINE bool same_addr(const uint8_t *a, const uint8_t *b)
{
	return REC_WORD(a, 0) == REC_WORD(b, 0) && REC_WORD(a, 8) == REC_WORD(b, 8);
}

/*
 * a wing from its source address on; t is where its addresses were
 * written.  The reply wing's addresses are usually the first wing's,
 * swapped (all but translated ones): then they are copied from its text
 * (first, the first wing and its text t0).
 */
static ALWAYS_INLINE char *json_wing(char *p, const struct srxflow_sess_rec_wing *w,
				     struct wing_entry *we, struct wing_text *t,
				     const struct srxflow_sess_rec_wing *first,
				     const struct wing_text *t0)
{
	bool swapped = first && first->family == w->family;

	t->src = p;
	if (swapped && same_addr(w->src, first->dst))
		p = ob_put_blocks(p, t0->dst, t0->dst_n);
	else
		p = put_addr_p(p, w->family, w->src);
	t->src_n = (size_t)(p - t->src);
	p = OB_PUT_LIT(p, "\",\"source-port\":");
	p = dec4_put_u32(p, w->sport);
	p = OB_PUT_LIT(p, ",\"destination-address\":\"");
	t->dst = p;
	if (swapped && same_addr(w->dst, first->src))
		p = ob_put_blocks(p, t0->src, t0->src_n);
	else
		p = put_addr_p(p, w->family, w->dst);
	t->dst_n = (size_t)(p - t->dst);
	p = OB_PUT_LIT(p, "\",\"destination-port\":");
	p = dec4_put_u32(p, w->dport);
	return json_tail(p, w, we, t->dst, t->dst_n);
}

void session_json_write(struct outbuf *o, const struct session *s, bool first)
{
	const uint64_t hkey[5] = { REC_WORD(&s->r, 8), REC_WORD(&s->r, 16), REC_WORD(&s->r, 24),
				   REC_WORD(&s->r, 32), REC_WORD(&s->r, 40) };
	const struct sess_entry *se = NULL;
	const struct jblock *tb = NULL;
	struct wing_entry *w0, *w1;
	struct wing_text t0, t1;
	struct memo *hm;
	size_t head_len;
	char *p;

	tabs_check();
	/* the head of the session before, then the table */
	hm = head_last;
	if (!memo_hit(hm, hkey))
		hm = head_last = &head_tab[jb_index(hkey[0] ^ hkey[1] ^ (hkey[2] << 7) ^ hkey[3] ^
						    hkey[4])];
	if (memo_hit(hm, hkey)) {
		head_len = hm->text.len;
	} else {
		se = sess_blocks(s);
		tb = times_block(s);
		head_len = se->len + tb->len;
	}
	w0 = wing_blocks(s, 0);
	w1 = wing_blocks(s, 1);
	/*
	 * the numbers and addresses outside the blocks and memos take less
	 * than 600 bytes (and a piece may write OB_SLACK bytes past its end):
	 * a wing's tail is its memo or its blocks, counters and gateway
	 */
	p = ob_reserve(o, 1024 + head_len + w0->len + w0->tail.text.len + w1->len +
		       w1->tail.text.len);
	if (!first)
		*p++ = ',';
	p = OB_PUT_LIT(p, "{\"session-id\":");
	p = dec4_put_u64(p, s->r.id);
	p = json_head(p, s, hm, hkey, se, tb);
	p = json_wing(p, &s->r.w[0], w0, &t0, NULL, NULL);
	p = json_wing(p, &s->r.w[1], w1, &t1, &s->r.w[0], &t0);
	ob_commit(o, p);
}
