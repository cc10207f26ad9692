/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP output for host unit tests.
 */
#ifndef SRXFLOW_KTAP_H
#define SRXFLOW_KTAP_H

#include <stdio.h>
#include <string.h>

static int ktap_n, ktap_fail;

#define KTAP_PLAN(n) printf("TAP version 13\n1..%d\n", (n))

#define OK(cond, ...) do {						\
	int __ok = !!(cond);						\
	ktap_n++;							\
	if (__ok) {							\
		printf("ok %d ", ktap_n);				\
	} else {							\
		printf("not ok %d ", ktap_n);				\
		ktap_fail++;						\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!__ok)							\
		printf("# failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
} while (0)

#define STREQ(a, b, ...) do {						\
	const char *__a = (a), *__b = (b);				\
	int __eq = __a && __b && !strcmp(__a, __b);			\
	OK(__eq, __VA_ARGS__);						\
	if (!__eq)							\
		printf("# got:\n%s\n# expected:\n%s\n", __a ? __a : "(null)", \
		       __b ? __b : "(null)");				\
} while (0)

#define KTAP_DONE() do {						\
	printf("# %d passed, %d failed\n", ktap_n - ktap_fail, ktap_fail); \
	return ktap_fail ? 1 : 0;					\
} while (0)

#endif
