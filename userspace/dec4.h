/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decimal numbers four digits at a time, from a table of the 10,000 groups
 * "0000".."9999" (40 kB) and one of their lengths (10 kB): one division
 * per four digits instead of one per two (ob_put_u32()), and the digit
 * count is a load instead of a chain of compares.  For listings that write
 * many numbers per line (the -j session listing: tests/unit compare it
 * with snprintf()).
 *
 * Like the ob_put_*() writers (outbuf.h), these write through a pointer and
 * return the new end; they may write up to 3 bytes past it.
 */
#ifndef SRXFLOW_DEC4_H
#define SRXFLOW_DEC4_H

#include <stdint.h>
#include <string.h>
#include "outbuf.h"

extern const char dec4_groups[40001];
extern const unsigned char dec4_len[10001];

/* v < 10,000 without leading zeros: the last n digits of its group */
static inline char *dec4_put_short(char *p, uint32_t v)
{
	unsigned int n = dec4_len[v];

	memcpy(p, dec4_groups + 4 * v + 4 - n, 4);
	return p + n;
}

/* v < 10,000 with leading zeros: four digits */
static inline char *dec4_put_group(char *p, uint32_t v)
{
	memcpy(p, dec4_groups + 4 * v, 4);
	return p + 4;
}

static inline char *dec4_put_u32(char *p, uint32_t v)
{
	uint32_t hi;

	if (v < 10000)
		return dec4_put_short(p, v);
	if (v < 100000000) {
		hi = v / 10000;
		p = dec4_put_short(p, hi);
		return dec4_put_group(p, v - hi * 10000);
	}
	hi = v / 100000000;
	v -= hi * 100000000;
	p = dec4_put_short(p, hi);
	p = dec4_put_group(p, v / 10000);
	return dec4_put_group(p, v % 10000);
}

static inline char *dec4_put_u64(char *p, uint64_t v)
{
	return v <= UINT32_MAX ? dec4_put_u32(p, (uint32_t)v) : ob_put_u64_slow(p, v);
}

#endif
