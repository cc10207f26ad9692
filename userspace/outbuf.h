/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fast output for big listings (a session dump writes ~250 bytes per
 * session, millions of times): text is formatted by hand into one large
 * buffer and written to a file descriptor with write(2) when the buffer is
 * full.  No stdio locking, no locale, one syscall per OB_SIZE bytes.
 *
 * ob_printf() takes printf formats but implements only what listings use:
 * flags '-' and '0', a decimal width, length modifiers hh h l ll z j, and
 * the conversions d i u x X c s %.  Anything else is a programming error
 * and prints as "%?" (tests/unit/test_outbuf.c compares with snprintf).
 */
#ifndef SRXFLOW_OUTBUF_H
#define SRXFLOW_OUTBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OB_SIZE (1u << 20)

struct outbuf {
	char *buf;
	size_t len, cap;
	int fd;			/* -1: collect in memory, never flush (tests) */
	bool err;		/* a write failed (EPIPE...): output is dropped */
};

/* Start writing to fd; flushes stdout first so that earlier output stays first. */
void ob_init(struct outbuf *o, int fd);
/* Write out what is buffered (nothing for fd -1); false once a write failed. */
bool ob_flush(struct outbuf *o);
/* Flush and free. */
bool ob_end(struct outbuf *o);
/* Make room for n more bytes (flushes, or grows for fd -1). */
void ob_room(struct outbuf *o, size_t n);

void ob_printf(struct outbuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ob_vprintf(struct outbuf *o, const char *fmt, va_list ap);
/* IPv4 (4 bytes, network order) or IPv6 (16 bytes) address, as inet_ntop() */
void ob_addr(struct outbuf *o, int family, const void *addr);
void ob_u64(struct outbuf *o, uint64_t v);

static inline void ob_mem(struct outbuf *o, const void *s, size_t n)
{
	if (o->cap - o->len < n)
		ob_room(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void ob_str(struct outbuf *o, const char *s)
{
	ob_mem(o, s, strlen(s));
}

/* a string literal: its length is known at compile time */
#define OB_LIT(o, lit) ob_mem((o), "" lit, sizeof(lit) - 1)

static inline void ob_char(struct outbuf *o, char c)
{
	if (o->len == o->cap)
		ob_room(o, 1);
	o->buf[o->len++] = c;
}

/*
 * Raw writing, for the hottest listings: reserve room for n bytes, write
 * through a pointer (the helpers below return the new end), then commit.
 * A helper may write up to OB_SLACK bytes past what it returns (it copies in
 * fixed-size blocks): reserve that much more than the text needs.
 */
#define OB_SLACK 32

static inline char *ob_reserve(struct outbuf *o, size_t n)
{
	if (o->cap - o->len < n)
		ob_room(o, n);
	return o->buf + o->len;
}

static inline void ob_commit(struct outbuf *o, char *end)
{
	o->len = (size_t)(end - o->buf);
}

/* a string literal */
#define OB_PUT_LIT(p, lit) (memcpy((p), "" lit, sizeof(lit) - 1), (p) + sizeof(lit) - 1)

extern const char ob_digit_pairs[201];

static inline unsigned int ob_ndigits32(uint32_t v)
{
	return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 :
	       v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
}

/* v in decimal at p, two digits per division, written from the end */
static inline char *ob_put_u32(char *p, uint32_t v)
{
	char *end = p + ob_ndigits32(v), *q = end;

	while (v >= 100) {
		uint32_t r = v % 100;

		v /= 100;
		q -= 2;
		memcpy(q, ob_digit_pairs + 2 * r, 2);
	}
	if (v >= 10)
		memcpy(q - 2, ob_digit_pairs + 2 * v, 2);
	else
		q[-1] = (char)('0' + v);
	return end;
}

char *ob_put_u64_slow(char *p, uint64_t v);

static inline char *ob_put_u64(char *p, uint64_t v)
{
	return v <= UINT32_MAX ? ob_put_u32(p, (uint32_t)v) : ob_put_u64_slow(p, v);
}

/* n bytes of s, copied in 16-byte blocks: s must be readable up to a multiple of 16 */
static inline char *ob_put_blocks(char *p, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 16)
		memcpy(p + i, s + i, 16);
	return p + n;
}

#endif
