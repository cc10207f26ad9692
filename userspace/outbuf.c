// SPDX-License-Identifier: GPL-2.0
/*
 * Fast output for big listings (see outbuf.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "outbuf.h"
#include "util.h"

void ob_init(struct outbuf *o, int fd)
{
	if (fd >= 0)
		fflush(stdout);
	o->fd = fd;
	o->err = false;
	o->len = 0;
	o->cap = fd >= 0 ? OB_SIZE : 4096;
	o->buf = xmalloc(o->cap);
}

bool ob_flush(struct outbuf *o)
{
	size_t off = 0;

	if (o->fd < 0)
		return true;
	while (off < o->len && !o->err) {
		ssize_t n = write(o->fd, o->buf + off, o->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			o->err = true;
		else
			off += (size_t)n;
	}
	o->len = 0;
	return !o->err;
}

bool ob_end(struct outbuf *o)
{
	bool ok = ob_flush(o);

	free(o->buf);
	o->buf = NULL;
	o->cap = o->len = 0;
	return ok;
}

void ob_room(struct outbuf *o, size_t n)
{
	if (o->cap - o->len >= n)
		return;
	if (o->fd >= 0) {
		ob_flush(o);
		if (o->cap >= n)
			return;
	}
	while (o->cap - o->len < n)
		o->cap *= 2;
	o->buf = xrealloc(o->buf, o->cap);
}

/* digits of v in base 10 or 16 into the end of tmp; returns the start */
static char *fmt_num(char *end, uint64_t v, unsigned int base, bool upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	if (base == 10) {
		/* two digits at a time: half the divisions */
		static const char pairs[] =
			"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
			"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
			"8081828384858687888990919293949596979899";

		while (v >= 100) {
			unsigned int r = (unsigned int)(v % 100);

			v /= 100;
			p -= 2;
			p[0] = pairs[2 * r];
			p[1] = pairs[2 * r + 1];
		}
		if (v >= 10) {
			p -= 2;
			p[0] = pairs[2 * v];
			p[1] = pairs[2 * v + 1];
		} else {
			*--p = (char)('0' + v);
		}
		return p;
	}
	do {
		*--p = dig[v & 15];
		v >>= 4;
	} while (v);
	return p;
}

const char ob_digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

char *ob_put_u64_slow(char *p, uint64_t v)
{
	char tmp[24], *q = fmt_num(tmp + sizeof(tmp), v, 10, false);
	size_t n = (size_t)(tmp + sizeof(tmp) - q);

	memcpy(p, q, n);
	return p + n;
}

void ob_u64(struct outbuf *o, uint64_t v)
{
	char tmp[24], *p = fmt_num(tmp + sizeof(tmp), v, 10, false);

	ob_mem(o, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void pad(struct outbuf *o, char c, size_t n)
{
	ob_room(o, n);
	memset(o->buf + o->len, c, n);
	o->len += n;
}

/* s (n bytes) in a field of width w */
static void field(struct outbuf *o, const char *s, size_t n, size_t w, bool left, bool zero)
{
	if (n >= w) {
		ob_mem(o, s, n);
		return;
	}
	if (left) {
		ob_mem(o, s, n);
		pad(o, ' ', w - n);
		return;
	}
	if (zero && n && *s == '-') {
		ob_char(o, '-');
		s++;
		n--;
		w--;
	}
	pad(o, zero ? '0' : ' ', w - n);
	ob_mem(o, s, n);
}

void ob_vprintf(struct outbuf *o, const char *fmt, va_list ap)
{
	const char *f = fmt;

	for (;;) {
		const char *pct;
		bool left = false, zero = false;
		size_t width = 0;
		int lmod = 0;		/* -2 hh, -1 h, 0 int, 1 long, 2 long long / size_t / intmax_t */
		char tmp[24], *p;
		uint64_t u;
		int64_t i;

		/* the literal text up to the next conversion */
		pct = f;
		while (*pct && *pct != '%')
			pct++;
		ob_mem(o, f, (size_t)(pct - f));
		if (!*pct)
			return;
		f = pct + 1;
		/* the common cases first: %s and %u without flags or width */
		if (*f == 's') {
			p = va_arg(ap, char *);
			ob_str(o, p ? p : "(null)");
			f++;
			continue;
		}
		if (*f == 'u') {
			p = fmt_num(tmp + sizeof(tmp), va_arg(ap, unsigned int), 10, false);
			ob_mem(o, p, (size_t)(tmp + sizeof(tmp) - p));
			f++;
			continue;
		}
		for (;; f++) {
			if (*f == '-')
				left = true;
			else if (*f == '0')
				zero = true;
			else
				break;
		}
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (size_t)(*f++ - '0');
		for (;; f++) {
			if (*f == 'h')
				lmod = lmod == -1 ? -2 : -1;
			else if (*f == 'l')
				lmod++;
			else if (*f == 'z' || *f == 'j')
				lmod = 2;
			else
				break;
		}
		switch (*f) {
		case 'd':
		case 'i':
			i = lmod >= 2 ? (int64_t)va_arg(ap, long long) :
			    lmod == 1 ? (int64_t)va_arg(ap, long) : (int64_t)va_arg(ap, int);
			if (lmod == -1)
				i = (short)i;
			else if (lmod == -2)
				i = (signed char)i;
			p = fmt_num(tmp + sizeof(tmp), i < 0 ? -(uint64_t)i : (uint64_t)i, 10, false);
			if (i < 0)
				*--p = '-';
			field(o, p, (size_t)(tmp + sizeof(tmp) - p), width, left, zero);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lmod >= 2 ? (uint64_t)va_arg(ap, unsigned long long) :
			    lmod == 1 ? (uint64_t)va_arg(ap, unsigned long) :
			    (uint64_t)va_arg(ap, unsigned int);
			if (lmod == -1)
				u = (unsigned short)u;
			else if (lmod == -2)
				u = (unsigned char)u;
			p = fmt_num(tmp + sizeof(tmp), u, *f == 'u' ? 10 : 16, *f == 'X');
			field(o, p, (size_t)(tmp + sizeof(tmp) - p), width, left, zero);
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			field(o, tmp, 1, width, left, false);
			break;
		case 's':
			p = va_arg(ap, char *);
			if (!p)
				p = "(null)";
			field(o, p, strlen(p), width, left, false);
			break;
		case '%':
			ob_char(o, '%');
			break;
		default:
			ob_mem(o, "%?", 2);
			if (!*f)
				return;
			break;
		}
		f++;
	}
}

void ob_printf(struct outbuf *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ob_vprintf(o, fmt, ap);
	va_end(ap);
}

void ob_addr(struct outbuf *o, int family, const void *addr)
{
	char tmp[INET6_ADDRSTRLEN];

	if (family == AF_INET6) {
		if (!inet_ntop(AF_INET6, addr, tmp, sizeof(tmp)))
			ob_char(o, '?');
		else
			ob_str(o, tmp);
		return;
	}
	{
		const unsigned char *a = addr;
		char *p, *end = tmp + sizeof(tmp);
		int k;

		/* backwards: d, '.', c, '.', b, '.', a */
		p = end;
		for (k = 3; k >= 0; k--) {
			p = fmt_num(p, a[k], 10, false);
			if (k)
				*--p = '.';
		}
		ob_mem(o, p, (size_t)(end - p));
	}
}
