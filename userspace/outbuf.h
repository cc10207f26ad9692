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

#endif
