// SPDX-License-Identifier: GPL-2.0
/*
 * Address books: every address, address-set and policy address match is
 * compiled into a range set (sorted, disjoint, merged ranges per family),
 * matched with a binary search.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/overflow.h>
#include <linux/socket.h>
#include "config.h"

static void a6_from_bytes(struct sxf_a6 *a, const u8 *b)
{
	a->hi = get_unaligned_be64(b);
	a->lo = get_unaligned_be64(b + 8);
}

static void a6_mask(struct sxf_a6 *lo, struct sxf_a6 *hi, const struct sxf_a6 *a, u8 plen)
{
	u64 mhi, mlo;

	if (plen == 0) {
		mhi = 0;
		mlo = 0;
	} else if (plen < 64) {
		mhi = ~0ULL << (64 - plen);
		mlo = 0;
	} else if (plen == 64) {
		mhi = ~0ULL;
		mlo = 0;
	} else if (plen < 128) {
		mhi = ~0ULL;
		mlo = ~0ULL << (128 - plen);
	} else {
		mhi = ~0ULL;
		mlo = ~0ULL;
	}
	lo->hi = a->hi & mhi;
	lo->lo = a->lo & mlo;
	hi->hi = lo->hi | ~mhi;
	hi->lo = lo->lo | ~mlo;
}

int sxf_rs_from_prefix(struct sxf_rangeset *rs, const struct srxflow_prefix *p)
{
	memset(rs, 0, sizeof(*rs));
	if (p->family == AF_INET) {
		u32 a = get_unaligned_be32(p->addr);
		u32 mask = p->plen ? ~0U << (32 - p->plen) : 0;

		rs->r4 = kmalloc(sizeof(*rs->r4), GFP_KERNEL_ACCOUNT);
		if (!rs->r4)
			return -ENOMEM;
		rs->r4[0].lo = a & mask;
		rs->r4[0].hi = (a & mask) | ~mask;
		rs->n4 = 1;
	} else {
		struct sxf_a6 a;

		rs->r6 = kmalloc(sizeof(*rs->r6), GFP_KERNEL_ACCOUNT);
		if (!rs->r6)
			return -ENOMEM;
		a6_from_bytes(&a, p->addr);
		a6_mask(&rs->r6[0].lo, &rs->r6[0].hi, &a, p->plen);
		rs->n6 = 1;
	}
	return 0;
}

int sxf_rs_from_range(struct sxf_rangeset *rs, const struct srxflow_prefix *lo,
		      const struct srxflow_prefix *hi)
{
	memset(rs, 0, sizeof(*rs));
	if (lo->family == AF_INET) {
		rs->r4 = kmalloc(sizeof(*rs->r4), GFP_KERNEL_ACCOUNT);
		if (!rs->r4)
			return -ENOMEM;
		rs->r4[0].lo = get_unaligned_be32(lo->addr);
		rs->r4[0].hi = get_unaligned_be32(hi->addr);
		rs->n4 = 1;
	} else {
		rs->r6 = kmalloc(sizeof(*rs->r6), GFP_KERNEL_ACCOUNT);
		if (!rs->r6)
			return -ENOMEM;
		a6_from_bytes(&rs->r6[0].lo, lo->addr);
		a6_from_bytes(&rs->r6[0].hi, hi->addr);
		rs->n6 = 1;
	}
	return 0;
}

static int cmp_r4(const void *a, const void *b)
{
	const struct sxf_r4 *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return 0;
}

static int cmp_r6(const void *a, const void *b)
{
	const struct sxf_r6 *x = a, *y = b;

	return sxf_a6_cmp(&x->lo, &y->lo);
}

static bool a6_adjacent_or_overlap(const struct sxf_a6 *hi, const struct sxf_a6 *next_lo)
{
	struct sxf_a6 h1 = *hi;

	if (sxf_a6_cmp(next_lo, hi) <= 0)
		return true;
	/* hi + 1 == next_lo ? */
	if (h1.lo == ~0ULL) {
		if (h1.hi == ~0ULL)
			return true;
		h1.hi++;
		h1.lo = 0;
	} else {
		h1.lo++;
	}
	return !sxf_a6_cmp(&h1, next_lo);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void *const *)a, y = (uintptr_t)*(const void *const *)b;

	return x < y ? -1 : x > y;
}

/*
 * Union of n range sets into dst (sorted, merged).  A member named more
 * than once (an address-set naming set t 7000 times, a policy naming it
 * 4000 times) is copied once: repeated, one large set would make the
 * unmerged copy any size (kvmalloc() past INT_MAX WARNs).  Distinct
 * members may still overlap (sets naming the same large set): at most
 * SXF_MAX_UNION_RANGES ranges are copied and sorted (-E2BIG), and the
 * result is kept in an array of its merged size.  Process context (the
 * configuration's transaction): sleeps.
 */
/*
 * The merged ranges (n of the was allocated) in an array of their own
 * size: the caller charges the transaction what the union keeps.  Without
 * memory for the copy, the larger array stays (it is valid).
 */
static void rs_shrink(void **arr, u32 n, size_t was, size_t size)
{
	void *p;

	if (n == was)
		return;
	p = kvmalloc_array(n, size, GFP_KERNEL_ACCOUNT);
	if (!p)
		return;
	memcpy(p, *arr, n * size);
	kvfree(*arr);
	*arr = p;
}

int sxf_rs_union(struct sxf_rangeset *dst, const struct sxf_rangeset *const *srcs, u32 n)
{
	const struct sxf_rangeset **src;
	size_t n4 = 0, n6 = 0;
	u32 i, k, m;
	int err = -E2BIG;

	memset(dst, 0, sizeof(*dst));
	src = kvmalloc_array(n + 1, sizeof(*src), GFP_KERNEL);
	if (!src)
		return -ENOMEM;
	memcpy(src, srcs, n * sizeof(*src));
	sort(src, n, sizeof(*src), cmp_ptr, NULL);
	for (i = 0, m = 0; i < n; i++)
		if (!m || src[i] != src[m - 1])
			src[m++] = src[i];
	n = m;
	for (i = 0; i < n; i++)
		if (check_add_overflow(n4, (size_t)src[i]->n4, &n4) ||
		    check_add_overflow(n6, (size_t)src[i]->n6, &n6))
			goto out;
	/*
	 * What is copied and sorted before merging, not what the union keeps
	 * (charged by the caller): the same large set named through many
	 * sets would otherwise have the union sort hundreds of MB under the
	 * genetlink mutex.
	 */
	if (n4 + n6 > SXF_MAX_UNION_RANGES)
		goto out;
	err = -ENOMEM;
	if (n4) {
		dst->r4 = kvmalloc_array(n4, sizeof(*dst->r4), GFP_KERNEL_ACCOUNT);
		if (!dst->r4)
			goto out;
		for (i = 0, k = 0; i < n; i++) {
			memcpy(dst->r4 + k, src[i]->r4, src[i]->n4 * sizeof(*dst->r4));
			k += src[i]->n4;
		}
		sort(dst->r4, n4, sizeof(*dst->r4), cmp_r4, NULL);
		cond_resched();
		for (i = 1, k = 0; i < n4; i++) {
			if ((u64)dst->r4[i].lo <= (u64)dst->r4[k].hi + 1) {
				if (dst->r4[i].hi > dst->r4[k].hi)
					dst->r4[k].hi = dst->r4[i].hi;
			} else {
				dst->r4[++k] = dst->r4[i];
			}
		}
		dst->n4 = k + 1;
		rs_shrink((void **)&dst->r4, dst->n4, n4, sizeof(*dst->r4));
	}
	if (n6) {
		dst->r6 = kvmalloc_array(n6, sizeof(*dst->r6), GFP_KERNEL_ACCOUNT);
		if (!dst->r6) {
			sxf_rs_free(dst);
			goto out;
		}
		for (i = 0, k = 0; i < n; i++) {
			memcpy(dst->r6 + k, src[i]->r6, src[i]->n6 * sizeof(*dst->r6));
			k += src[i]->n6;
		}
		sort(dst->r6, n6, sizeof(*dst->r6), cmp_r6, NULL);
		cond_resched();
		for (i = 1, k = 0; i < n6; i++) {
			if (a6_adjacent_or_overlap(&dst->r6[k].hi, &dst->r6[i].lo)) {
				if (sxf_a6_cmp(&dst->r6[i].hi, &dst->r6[k].hi) > 0)
					dst->r6[k].hi = dst->r6[i].hi;
			} else {
				dst->r6[++k] = dst->r6[i];
			}
		}
		dst->n6 = k + 1;
		rs_shrink((void **)&dst->r6, dst->n6, n6, sizeof(*dst->r6));
	}
	err = 0;
out:
	kvfree(src);
	return err;
}

void sxf_rs_free(struct sxf_rangeset *rs)
{
	kvfree(rs->r4);
	kvfree(rs->r6);
	memset(rs, 0, sizeof(*rs));
}

size_t sxf_rs_bytes(const struct sxf_rangeset *rs)
{
	return (size_t)rs->n4 * sizeof(*rs->r4) + (size_t)rs->n6 * sizeof(*rs->r6);
}

bool sxf_rs_match4(const struct sxf_rangeset *rs, u32 addr)
{
	u32 lo = 0, hi = rs->n4;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (addr < rs->r4[mid].lo)
			hi = mid;
		else if (addr > rs->r4[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

bool sxf_rs_match6(const struct sxf_rangeset *rs, const struct sxf_a6 *addr)
{
	u32 lo = 0, hi = rs->n6;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (sxf_a6_cmp(addr, &rs->r6[mid].lo) < 0)
			hi = mid;
		else if (sxf_a6_cmp(addr, &rs->r6[mid].hi) > 0)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}
