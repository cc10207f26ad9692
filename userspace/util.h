/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SRXFLOW_UTIL_H
#define SRXFLOW_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* growable string buffer */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sb_putc(struct sbuf *b, char c);
void sb_puts(struct sbuf *b, const char *s);
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(struct sbuf *b);

/* strict unsigned parse: whole string, decimal, no sign */
bool parse_u32(const char *s, unsigned int *out);
bool parse_u64(const char *s, unsigned long long *out);

#endif
