// SPDX-License-Identifier: GPL-2.0
/*
 * Security policy lookup.
 *
 * Policies are grouped into contexts: one per zone pair (in configured
 * order) and one for the global policies.  A lookup returns the first
 * policy of a context that matches, as Junos does.
 *
 * Small contexts are scanned.  Larger ones get a classifier so that the
 * first path does not slow down with thousands of policies: for each
 * dimension (source address, destination address per family; protocol and
 * destination port) the key space is cut into elementary intervals, each
 * holding the sorted list of policies that can match a key in it.  A
 * policy whose match would be copied into too many intervals (wide ranges,
 * "any") goes to the dimension's wildcard list instead.  A lookup takes,
 * per dimension, the interval's list plus the wildcard list, picks the
 * shortest dimension and verifies its candidates in order: the first full
 * match is the answer, because every matching policy is a candidate in
 * every dimension.
 */
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/sort.h>
#include <linux/overflow.h>
#include <linux/in.h>
#include <linux/socket.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"

/*
 * Contexts up to this size are scanned.  A scan checks each policy whole
 * (~70 instructions each, address-set lookups); the classifier costs
 * about as much as checking three or four: with the bench's 10 policies,
 * the matching one last, a new flow took ~420 instructions more scanned
 * than classified (Documentation/performance.rst).
 */
#define SCAN_MAX	4
#define WIDE		64	/* intervals a policy may be copied into */

enum { DIM_SRC4, DIM_DST4, DIM_SRC6, DIM_DST6, DIM_APP, NR_DIMS };

/* Interval index over one dimension's key space. */
struct ivx {
	u32 nb;			/* intervals */
	u32 *k32;		/* interval starts (32-bit keys) */
	struct sxf_a6 *k128;	/* interval starts (128-bit keys) */
	u32 *off;		/* nb + 1 offsets into lists */
	u32 *lists;		/* candidate positions, ascending per interval */
	u32 nwild;
	u32 *wild;		/* wildcard positions, ascending */
};

struct sxf_classifier {
	struct ivx dim[NR_DIMS];
};

/* --- full match of one policy -------------------------------------------------- */
static bool amatch(const struct sxf_amatch *am, const struct sxf_pkey *k, bool src)
{
	if (k->family == AF_INET) {
		if (am->any4)
			return true;
		return am->rs && sxf_rs_match4(am->rs, src ? k->s4 : k->d4);
	}
	if (am->any6)
		return true;
	return am->rs && sxf_rs_match6(am->rs, src ? &k->s6 : &k->d6);
}

static bool zone_in(const u16 *v, u16 n, u16 z)
{
	u16 i;

	if (!n)
		return true;
	for (i = 0; i < n; i++)
		if (v[i] == z)
			return true;
	return false;
}

const struct sxf_app *sxf_policy_match_app(const struct sxf_policy *p,
					   const struct sxf_pkey *k)
{
	u32 i;

	for (i = 0; i < p->n_apps; i++)
		if (sxf_app_match(p->apps[i], k->proto, k->sport, k->dport,
				  k->icmp_type, k->icmp_code))
			return p->apps[i];
	return NULL;
}

bool sxf_policy_matches(const struct sxf_policy *p, const struct sxf_pkey *k)
{
	if (p->global && (!zone_in(p->mfrom, p->n_mfrom, k->from) ||
			  !zone_in(p->mto, p->n_mto, k->to)))
		return false;
	if (!amatch(&p->src, k, true) || !amatch(&p->dst, k, false))
		return false;
	return p->any_app || sxf_policy_match_app(p, k);
}

/* --- building the classifier --------------------------------------------------- */
struct krange {
	struct sxf_a6 lo, hi;	/* 32-bit keys use .lo of each */
	u32 pos;
};

static int cmp_a6(const void *a, const void *b)
{
	return sxf_a6_cmp(a, b);
}

static bool a6_inc(struct sxf_a6 *a)	/* false on overflow */
{
	if (++a->lo)
		return true;
	return ++a->hi != 0;
}

/* interval containing key */
static u32 ivx_find(const struct ivx *x, const struct sxf_a6 *key, bool wide)
{
	u32 lo = 0, hi = x->nb;

	/* largest i with start[i] <= key; start[0] is 0 */
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;
		int c;

		if (wide) {
			c = sxf_a6_cmp(&x->k128[mid], key);
		} else {
			u32 k = (u32)key->lo;

			c = x->k32[mid] < k ? -1 : x->k32[mid] > k;
		}
		if (c <= 0)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * What the build may allocate.  Every size below comes from user input
 * (policies, and the address-sets and application-sets they name, a shared
 * set once per policy naming it), so it is computed in size_t with
 * overflow checks and charged against SXF_MAX_CLS_BYTES before anything
 * is allocated.
 */
struct cls_budget {
	size_t used;
	const struct sxf_pctx *ctx;	/* being charged, for the message */
	struct netlink_ext_ack *extack;
};

static int cls_charge(struct cls_budget *b, size_t bytes, bool more)
{
	const struct sxf_policy *p = b->ctx->pol[0];

	if (!check_add_overflow(b->used, bytes, &b->used) && b->used <= SXF_MAX_CLS_BYTES)
		return 0;
	if (b->used < bytes)
		b->used = SIZE_MAX;
	if (p->global)
		return sxf_err(b->extack, NULL,
			       "security policies global: compiled classifier would need %s%zu bytes, limit %zu",
			       more ? "more than " : "", b->used, SXF_MAX_CLS_BYTES);
	return sxf_err(b->extack, NULL,
		       "security policies from-zone %s to-zone %s: compiled classifier would need %s%zu bytes, limit %zu",
		       p->from_name, p->to_name, more ? "more than " : "", b->used,
		       SXF_MAX_CLS_BYTES);
}

/*
 * Ranges policy p copies into dimension d.  *wild: p is a wildcard there
 * outright.  A policy with more than WIDE ranges in a dimension would
 * cover more than WIDE intervals (its ranges are disjoint, or at least
 * one interval each), so it is a wildcard without copying them: a large
 * address-set costs nothing per policy naming it.
 */
static u32 pol_dim_ranges(const struct sxf_policy *p, int d, bool *wild)
{
	const struct sxf_amatch *am;
	bool v6;
	u32 n, j;

	if (d == DIM_APP) {
		*wild = p->any_app || p->n_apps > WIDE;
		for (j = 0; j < p->n_apps && !*wild; j++)
			if (p->apps[j]->any_proto)
				*wild = true;
		return *wild ? 0 : p->n_apps;
	}
	v6 = d == DIM_SRC6 || d == DIM_DST6;
	am = d == DIM_SRC4 || d == DIM_SRC6 ? &p->src : &p->dst;
	*wild = v6 ? am->any6 : am->any4;
	if (*wild || !am->rs)
		return 0;
	n = v6 ? am->rs->n6 : am->rs->n4;
	if (n > WIDE) {
		*wild = true;
		return 0;
	}
	return n;
}

/* ranges of dimension d (overflow: -EOVERFLOW) */
static int dim_count(const struct sxf_pctx *ctx, int d, size_t *nr)
{
	size_t n = 0;
	bool wild;
	u32 i;

	for (i = 0; i < ctx->n; i++)
		if (check_add_overflow(n, (size_t)pol_dim_ranges(ctx->pol[i], d, &wild), &n))
			return -EOVERFLOW;
	*nr = n;
	return 0;
}

/*
 * Upper bound of what ivx_build() allocates for nr ranges of npol
 * policies, the candidate lists excepted (charged once their size is
 * known): the ranges, 2 nr + 1 interval starts (sorted points and keys),
 * two offsets and a counter per interval, per-policy scratch and wildcard
 * list.
 */
static int dim_cost(size_t nr, u32 npol, bool wide, size_t *bytes)
{
	size_t nb, b, t;
	size_t per_iv = sizeof(struct sxf_a6) + (wide ? sizeof(struct sxf_a6) : sizeof(u32)) +
			3 * sizeof(u32);

	if (check_mul_overflow(nr, (size_t)2, &nb) || check_add_overflow(nb, (size_t)1, &nb) ||
	    check_mul_overflow(nb, per_iv, &b) ||
	    check_add_overflow(nr, (size_t)1, &t) ||
	    check_mul_overflow(t, sizeof(struct krange), &t) ||
	    check_add_overflow(b, t, &b) ||
	    check_add_overflow(b, (size_t)(npol + 1) * (2 * sizeof(u32) + sizeof(bool)), &b))
		return -EOVERFLOW;
	*bytes = b;
	return 0;
}

/*
 * Build one dimension from the ranges of all policies (r[].pos is the
 * policy's position; r is sorted by position).  wildpos: policies that are
 * wildcards in this dimension outright.  Interval i's candidates are
 * lists[off[2i] .. off[2i+1]).
 */
static int ivx_build(struct ivx *x, const struct krange *r, size_t nr, bool wide,
		     const bool *wildpos, u32 npol, struct cls_budget *budget)
{
	u32 *cnt = NULL, *reps = NULL, i, j, np = 0;
	struct sxf_a6 *pts;
	bool *is_wild = NULL;
	size_t total = 0, ri;
	int err = -ENOMEM;

	pts = kvmalloc_array(2 * nr + 1, sizeof(*pts), GFP_KERNEL_ACCOUNT);
	reps = kvcalloc(npol, sizeof(*reps), GFP_KERNEL_ACCOUNT);
	is_wild = kvcalloc(npol, sizeof(*is_wild), GFP_KERNEL_ACCOUNT);
	if (!pts || !reps || !is_wild)
		goto out;

	/* interval starts: 0, every range start, every range end + 1 */
	memset(&pts[np++], 0, sizeof(*pts));
	for (ri = 0; ri < nr; ri++) {
		struct sxf_a6 e = r[ri].hi;

		pts[np++] = r[ri].lo;
		if (wide) {
			if (a6_inc(&e))
				pts[np++] = e;
		} else if (e.lo < 0xffffffffULL) {
			e.lo++;
			pts[np++] = e;
		}
	}
	sort(pts, np, sizeof(*pts), cmp_a6, NULL);
	for (i = 1, j = 0; i < np; i++)
		if (sxf_a6_cmp(&pts[i], &pts[j]))
			pts[++j] = pts[i];
	x->nb = j + 1;
	if (wide) {
		x->k128 = kvmalloc_array(x->nb, sizeof(*x->k128), GFP_KERNEL_ACCOUNT);
		if (!x->k128)
			goto out;
		memcpy(x->k128, pts, x->nb * sizeof(*pts));
	} else {
		x->k32 = kvmalloc_array(x->nb, sizeof(*x->k32), GFP_KERNEL_ACCOUNT);
		if (!x->k32)
			goto out;
		for (i = 0; i < x->nb; i++)
			x->k32[i] = (u32)pts[i].lo;
	}

	/* a policy copied into too many intervals is a wildcard instead */
	memcpy(is_wild, wildpos, npol * sizeof(*is_wild));
	for (ri = 0; ri < nr; ri++) {
		u32 *rp = &reps[r[ri].pos];

		if (check_add_overflow(*rp, ivx_find(x, &r[ri].hi, wide) -
					    ivx_find(x, &r[ri].lo, wide) + 1, rp))
			*rp = U32_MAX;
	}
	for (i = 0; i < npol; i++)
		if (reps[i] > WIDE)
			is_wild[i] = true;

	/* upper bound of each interval's list, then fill without duplicates */
	cnt = kvcalloc(x->nb, sizeof(*cnt), GFP_KERNEL_ACCOUNT);
	x->off = kvmalloc_array(2 * x->nb, sizeof(*x->off), GFP_KERNEL_ACCOUNT);
	if (!cnt || !x->off)
		goto out;
	for (ri = 0; ri < nr; ri++) {
		u32 a, b;

		if (is_wild[r[ri].pos])
			continue;
		a = ivx_find(x, &r[ri].lo, wide);
		b = ivx_find(x, &r[ri].hi, wide);
		for (; a <= b; a++)
			cnt[a]++;
	}
	/* at most WIDE entries per non-wildcard policy: fits the u32 offsets */
	for (i = 0; i < x->nb; i++) {
		x->off[2 * i] = total;
		x->off[2 * i + 1] = total;
		total += cnt[i];
	}
	err = cls_charge(budget, (total + 1) * sizeof(*x->lists), true);
	if (err)
		goto out;
	err = -ENOMEM;
	x->lists = kvmalloc_array(total + 1, sizeof(*x->lists), GFP_KERNEL_ACCOUNT);
	if (!x->lists)
		goto out;
	for (ri = 0; ri < nr; ri++) {
		u32 a, b;

		if (is_wild[r[ri].pos])
			continue;
		a = ivx_find(x, &r[ri].lo, wide);
		b = ivx_find(x, &r[ri].hi, wide);
		for (; a <= b; a++) {
			u32 *end = &x->off[2 * a + 1];

			/* positions ascend; a policy may have several ranges here */
			if (*end > x->off[2 * a] && x->lists[*end - 1] == r[ri].pos)
				continue;
			x->lists[(*end)++] = r[ri].pos;
		}
	}
	for (i = 0; i < npol; i++)
		if (is_wild[i])
			x->nwild++;
	x->wild = kvmalloc_array(x->nwild + 1, sizeof(*x->wild), GFP_KERNEL_ACCOUNT);
	if (!x->wild)
		goto out;
	for (i = 0, j = 0; i < npol; i++)
		if (is_wild[i])
			x->wild[j++] = i;
	err = 0;
out:
	kvfree(pts);
	kvfree(cnt);
	kvfree(reps);
	kvfree(is_wild);
	return err;
}

static void ivx_free(struct ivx *x)
{
	kvfree(x->k32);
	kvfree(x->k128);
	kvfree(x->off);
	kvfree(x->lists);
	kvfree(x->wild);
	memset(x, 0, sizeof(*x));
}

static void cls_free(struct sxf_classifier *c)
{
	int d;

	if (!c)
		return;
	for (d = 0; d < NR_DIMS; d++)
		ivx_free(&c->dim[d]);
	kfree(c);
}

/*
 * Collect the nr ranges (counted by dim_count()) of dimension d.
 * Application dimension key: (protocol << 16 | destination port) for port
 * protocols, (protocol << 16) with the whole port space for others.
 */
static struct krange *dim_ranges(const struct sxf_pctx *ctx, int d, size_t nr, bool *wild)
{
	bool v6 = d == DIM_SRC6 || d == DIM_DST6;
	struct krange *r;
	size_t k = 0;
	u32 i, j, n;

	r = kvmalloc_array(nr + 1, sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return NULL;
	for (i = 0; i < ctx->n; i++) {
		const struct sxf_policy *p = ctx->pol[i];
		const struct sxf_amatch *am = d == DIM_SRC4 || d == DIM_SRC6 ? &p->src : &p->dst;

		n = pol_dim_ranges(p, d, &wild[i]);
		for (j = 0; j < n && k < nr; j++, k++) {
			r[k].pos = i;
			r[k].lo.hi = 0;
			r[k].hi.hi = 0;
			if (d == DIM_APP) {
				const struct sxf_app *a = p->apps[j];
				u32 base = (u32)a->proto << 16;
				bool ports = a->proto == IPPROTO_TCP || a->proto == IPPROTO_UDP ||
					     a->proto == IPPROTO_SCTP;

				r[k].lo.lo = base | (ports ? a->dp_lo : 0);
				r[k].hi.lo = base | (ports ? a->dp_hi : 0xffff);
			} else if (v6) {
				r[k].lo = am->rs->r6[j].lo;
				r[k].hi = am->rs->r6[j].hi;
			} else {
				r[k].lo.lo = am->rs->r4[j].lo;
				r[k].hi.lo = am->rs->r4[j].hi;
			}
		}
	}
	return r;
}

/* Charge what building ctx's classifier allocates, lists excepted. */
static int cls_cost(const struct sxf_pctx *ctx, struct cls_budget *b)
{
	size_t nr, bytes;
	int d, err;

	b->ctx = ctx;
	err = cls_charge(b, sizeof(struct sxf_classifier) + (size_t)ctx->n * sizeof(bool), false);
	for (d = 0; d < NR_DIMS && !err; d++) {
		err = dim_count(ctx, d, &nr);
		if (!err)
			err = dim_cost(nr, ctx->n, d == DIM_SRC6 || d == DIM_DST6, &bytes);
		if (err == -EOVERFLOW) {
			b->used = SIZE_MAX - 1;
			bytes = 1;
		}
		err = cls_charge(b, bytes, false);
	}
	return err;
}

static int cls_build(const struct sxf_pctx *ctx, struct cls_budget *budget,
		     struct sxf_classifier **out)
{
	struct sxf_classifier *c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	bool *wild = kvcalloc(ctx->n, sizeof(*wild), GFP_KERNEL_ACCOUNT);
	struct krange *r;
	size_t nr;
	int d, err = -ENOMEM;

	budget->ctx = ctx;
	if (!c || !wild)
		goto fail;
	for (d = 0; d < NR_DIMS; d++) {
		bool v6 = d == DIM_SRC6 || d == DIM_DST6;

		err = dim_count(ctx, d, &nr);	/* charged by cls_cost(): no overflow */
		if (err)
			goto fail;
		err = -ENOMEM;
		r = dim_ranges(ctx, d, nr, wild);
		if (!r)
			goto fail;
		err = ivx_build(&c->dim[d], r, nr, v6, wild, ctx->n, budget);
		kvfree(r);
		if (err)
			goto fail;
	}
	kvfree(wild);
	*out = c;
	return 0;
fail:
	kvfree(wild);
	cls_free(c);
	return err;
}

/* --- lookup ------------------------------------------------------------------- */
static void dim_lists(const struct ivx *x, const struct sxf_a6 *key, bool wide,
		      const u32 **l, u32 *nl)
{
	u32 i = ivx_find(x, key, wide);

	*l = &x->lists[x->off[2 * i]];
	*nl = x->off[2 * i + 1] - x->off[2 * i];
}

static struct sxf_policy *ctx_lookup(const struct sxf_pctx *ctx, const struct sxf_pkey *k)
{
	const struct sxf_classifier *c = ctx->cls;
	const u32 *best_l = NULL, *best_w = NULL;
	u32 best_nl = 0, best_nw = 0, best = U32_MAX;
	struct sxf_a6 key;
	int d, d0, d1;
	u32 i, j;

	if (!c) {
		for (i = 0; i < ctx->n; i++)
			if (sxf_policy_matches(ctx->pol[i], k))
				return ctx->pol[i];
		return NULL;
	}
	d0 = k->family == AF_INET ? DIM_SRC4 : DIM_SRC6;
	d1 = k->family == AF_INET ? DIM_DST4 : DIM_DST6;
	for (d = 0; d < NR_DIMS; d++) {
		const struct ivx *x = &c->dim[d];
		const u32 *l;
		u32 nl;
		bool wide = false;

		if (d != d0 && d != d1 && d != DIM_APP)
			continue;
		if (d == DIM_APP) {
			key.hi = 0;
			key.lo = ((u32)k->proto << 16) |
				 (k->proto == IPPROTO_TCP || k->proto == IPPROTO_UDP ||
				  k->proto == IPPROTO_SCTP ? k->dport : 0);
		} else if (k->family == AF_INET) {
			key.hi = 0;
			key.lo = d == d0 ? k->s4 : k->d4;
		} else {
			key = d == d0 ? k->s6 : k->d6;
			wide = true;
		}
		dim_lists(x, &key, wide, &l, &nl);
		if (nl + x->nwild < best) {
			best = nl + x->nwild;
			best_l = l;
			best_nl = nl;
			best_w = x->wild;
			best_nw = x->nwild;
		}
	}
	/* merge the two ascending lists, verify in order */
	for (i = 0, j = 0; i < best_nl || j < best_nw;) {
		u32 pos;

		if (j >= best_nw || (i < best_nl && best_l[i] < best_w[j]))
			pos = best_l[i++];
		else
			pos = best_w[j++];
		if (sxf_policy_matches(ctx->pol[pos], k))
			return ctx->pol[pos];
	}
	return NULL;
}

static const struct sxf_pctx *find_pctx(const struct sxf_cfg *cfg, u16 from, u16 to)
{
	u32 key = ((u32)from << 16) | to, lo = 0, hi = cfg->nr_pctx;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (cfg->pctx[mid].key == key)
			return &cfg->pctx[mid];
		if (cfg->pctx[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct sxf_policy *sxf_policy_lookup(const struct sxf_cfg *cfg, const struct sxf_pkey *k)
{
	const struct sxf_pctx *ctx = find_pctx(cfg, k->from, k->to);
	struct sxf_policy *p = NULL;

	if (ctx)
		p = ctx_lookup(ctx, k);
	if (!p && cfg->global.n)
		p = ctx_lookup(&cfg->global, k);
	return p;
}

/* All matching policies in evaluation order (show security match-policies). */
u32 sxf_policy_match_all(const struct sxf_cfg *cfg, const struct sxf_pkey *k,
			 const struct sxf_policy **out, u32 max)
{
	const struct sxf_pctx *ctx = find_pctx(cfg, k->from, k->to);
	u32 i, n = 0;

	for (i = 0; ctx && i < ctx->n && n < max; i++)
		if (sxf_policy_matches(ctx->pol[i], k))
			out[n++] = ctx->pol[i];
	for (i = 0; i < cfg->global.n && n < max; i++)
		if (sxf_policy_matches(cfg->global.pol[i], k))
			out[n++] = cfg->global.pol[i];
	return n;
}

/* --- compile --------------------------------------------------------------------- */
static int cmp_pol_key(const void *a, const void *b)
{
	const struct sxf_policy *x = *(const struct sxf_policy **)a;
	const struct sxf_policy *y = *(const struct sxf_policy **)b;
	u32 kx = ((u32)x->from << 16) | x->to, ky = ((u32)y->from << 16) | y->to;

	if (kx != ky)
		return kx < ky ? -1 : 1;
	/* stable: keep transaction order inside a pair */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int sxf_policy_compile(struct sxf_cfg *cfg, struct netlink_ext_ack *extack)
{
	struct cls_budget budget = { .extack = extack };
	struct sxf_policy **sorted;
	u32 i, n = 0, ng = 0, k;
	int err;

	for (i = 0; i < cfg->nr_policies; i++) {
		cfg->policies[i]->seq = i;	/* transaction order for now */
		if (cfg->policies[i]->global)
			ng++;
		else
			n++;
	}
	sorted = kvmalloc_array(n + 1, sizeof(*sorted), GFP_KERNEL_ACCOUNT);
	cfg->global.pol = kvmalloc_array(ng + 1, sizeof(*cfg->global.pol), GFP_KERNEL_ACCOUNT);
	if (!sorted || !cfg->global.pol) {
		kvfree(sorted);
		return -ENOMEM;
	}
	for (i = 0, k = 0; i < cfg->nr_policies; i++) {
		struct sxf_policy *p = cfg->policies[i];

		if (p->global) {
			p->seq = cfg->global.n + 1;
			cfg->global.pol[cfg->global.n++] = p;
		} else {
			sorted[k++] = p;
		}
	}
	sort(sorted, n, sizeof(*sorted), cmp_pol_key, NULL);

	/* contexts: runs of the same zone pair */
	cfg->nr_pctx = 0;
	for (i = 0; i < n; i++)
		if (!i || sorted[i - 1]->from != sorted[i]->from ||
		    sorted[i - 1]->to != sorted[i]->to)
			cfg->nr_pctx++;
	cfg->pctx = kvcalloc(cfg->nr_pctx + 1, sizeof(*cfg->pctx), GFP_KERNEL_ACCOUNT);
	if (!cfg->pctx) {
		kvfree(sorted);
		return -ENOMEM;
	}
	for (i = 0, k = 0; i < n; i++) {
		u32 key = ((u32)sorted[i]->from << 16) | sorted[i]->to;
		struct sxf_pctx *c;

		if (!i || key != cfg->pctx[k - 1].key) {
			c = &cfg->pctx[k++];
			c->key = key;
			c->pol = &sorted[i];
		} else {
			c = &cfg->pctx[k - 1];
		}
		c->n++;
		sorted[i]->seq = c->n;
	}
	cfg->nr_pctx = k;
	cfg->sorted_policies = sorted;

	/* what the classifiers need, before building any */
	for (i = 0; i <= cfg->nr_pctx; i++) {
		struct sxf_pctx *c = i < cfg->nr_pctx ? &cfg->pctx[i] : &cfg->global;

		if (c->n > SCAN_MAX) {
			err = cls_cost(c, &budget);
			if (err)
				return err;
		}
	}
	for (i = 0; i <= cfg->nr_pctx; i++) {
		struct sxf_pctx *c = i < cfg->nr_pctx ? &cfg->pctx[i] : &cfg->global;

		if (c->n > SCAN_MAX) {
			err = cls_build(c, &budget, &c->cls);
			if (err)
				return err;
		}
	}
	return 0;
}

void sxf_policy_free_compiled(struct sxf_cfg *cfg)
{
	u32 i;

	for (i = 0; i < cfg->nr_pctx; i++)
		cls_free(cfg->pctx[i].cls);
	kvfree(cfg->pctx);
	cfg->pctx = NULL;
	cfg->nr_pctx = 0;
	cls_free(cfg->global.cls);
	kvfree(cfg->global.pol);
	memset(&cfg->global, 0, sizeof(cfg->global));
	kvfree(cfg->sorted_policies);
	cfg->sorted_policies = NULL;
}

/* --- hit counters, by stable policy index ---------------------------------------- */
static u64 pstat_sum(const struct sxf_pstats *ps, u32 index)
{
	u64 __percpu *chunk = ps->hits[index >> SXF_PSTAT_CHUNK_SHIFT];
	u32 off = index & (SXF_PSTAT_CHUNK - 1);
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(&chunk[off], cpu));
	return sum;
}

u64 sxf_pstat_hits(const struct sxf_pstats *ps, u32 index)
{
	u64 sum = pstat_sum(ps, index), base = atomic64_read(&ps->v[index].hits_base);

	/* a clear between the two reads moved the base past this sum */
	return sum > base ? sum - base : 0;
}

static void pstats_free(struct sxf_pstats *ps)
{
	u32 i;

	if (!ps)
		return;
	for (i = 0; i < ps->cap / SXF_PSTAT_CHUNK; i++)
		free_percpu(ps->hits[i]);
	kvfree(ps);
}

/*
 * Counters for indices 0..need-1: the highest index of the generation
 * being committed (the running one's are covered: the array only grows).
 */
int sxf_policy_stats_reserve(struct sxf_net *sn, u32 need)
{
	struct sxf_pstats *old, *ps;
	u32 i, have;

	sxf_assert_held(&sn->txn_lock);
	old = rcu_dereference_protected(sn->pstats, lockdep_is_held(&sn->txn_lock));
	if (old && old->cap >= min(need, SXF_PSTAT_CAP_MAX))
		return 0;
	need = max(need, old ? old->cap * 2 : SXF_PSTAT_CHUNK);
	need = min(round_up(need, SXF_PSTAT_CHUNK), SXF_PSTAT_CAP_MAX);
	ps = kvzalloc(struct_size(ps, v, need), GFP_KERNEL_ACCOUNT);
	if (!ps)
		return -ENOMEM;
	/* the running array's chunks are taken over, new ones added */
	have = old ? old->cap / SXF_PSTAT_CHUNK : 0;
	for (i = have; i < need / SXF_PSTAT_CHUNK; i++) {
		ps->hits[i] = __alloc_percpu_gfp(SXF_PSTAT_CHUNK * sizeof(u64), sizeof(u64),
						 GFP_KERNEL_ACCOUNT);
		if (!ps->hits[i]) {
			while (i-- > have)
				free_percpu(ps->hits[i]);
			kvfree(ps);
			return -ENOMEM;
		}
	}
	ps->cap = need;
	for (i = 0; i < have; i++)
		ps->hits[i] = old->hits[i];
	for (i = 0; old && i < old->cap; i++) {
		atomic64_set(&ps->v[i].hits_base, atomic64_read(&old->v[i].hits_base));
		atomic64_set(&ps->v[i].pkts, atomic64_read(&old->v[i].pkts));
		atomic64_set(&ps->v[i].bytes, atomic64_read(&old->v[i].bytes));
	}
	rcu_assign_pointer(sn->pstats, ps);
	if (old)
		kvfree_rcu(old, rcu);	/* its chunks are ps's now */
	return 0;
}

static void pstat_zero(struct sxf_pstats *ps, u32 index)
{
	/* the count starts again from what the counters hold now */
	atomic64_set(&ps->v[index].hits_base, pstat_sum(ps, index));
	atomic64_set(&ps->v[index].pkts, 0);
	atomic64_set(&ps->v[index].bytes, 0);
}

void sxf_policy_stats_reset(struct sxf_net *sn, u32 index)
{
	struct sxf_pstats *ps = rcu_dereference_protected(sn->pstats, lockdep_is_held(&sn->txn_lock));

	if (!ps || index >= ps->cap)
		return;
	pstat_zero(ps, index);
}

void sxf_policy_stats_clear(struct sxf_net *sn)
{
	struct sxf_pstats *ps;
	u32 i;

	mutex_lock(&sn->txn_lock);	/* not while a commit replaces the array */
	ps = rcu_dereference_protected(sn->pstats, lockdep_is_held(&sn->txn_lock));
	for (i = 0; ps && i < ps->cap; i++)
		pstat_zero(ps, i);
	mutex_unlock(&sn->txn_lock);
}

void sxf_policy_stats_exit(struct sxf_net *sn)
{
	pstats_free(rcu_dereference_protected(sn->pstats, true));
	RCU_INIT_POINTER(sn->pstats, NULL);
}
