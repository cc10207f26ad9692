// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the fast output buffer (userspace/outbuf.c): ob_printf()
 * gives the bytes snprintf() gives for every conversion it implements,
 * ob_addr() the text of inet_ntop(), the JSON writer the same text into an
 * outbuf as into a FILE, and a buffer bigger than OB_SIZE reaches the file
 * descriptor whole and in order.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "../../userspace/json.h"
#include "../../userspace/outbuf.h"
#include "ktap.h"

static char got[4096], want[4096];

static void __attribute__((format(printf, 1, 2))) both(const char *fmt, ...)
{
	struct outbuf o;
	va_list ap;

	ob_init(&o, -1);
	va_start(ap, fmt);
	ob_vprintf(&o, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	snprintf(got, sizeof(got), "%.*s", (int)o.len, o.buf);
	ob_end(&o);
}

#define SAME(...) do { both(__VA_ARGS__); STREQ(got, want, "ob_printf(%s)", #__VA_ARGS__); } while (0)

static int check_printf(void)
{
	static const uint64_t u64s[] = { 0, 1, 9, 10, 99, 100, 101, 999, 1000, 65535, 4294967295u,
					 4294967296ull, 10000000000000000000ull, UINT64_MAX };
	unsigned int i, bad = 0;

	SAME("plain text, no conversion");
	SAME("%s/%u --> %s/%u;%s,", "10.0.1.2", 40100u, "10.0.2.2", 7000u, "tcp");
	SAME("Session ID: %" PRIu64 ", Policy name: %s/%u, Timeout: %s", (uint64_t)123456789,
	     "allow-web", 3u, "never");
	SAME("Route: 0x%" PRIx64 " %" PRIX64, (uint64_t)0xffff8880deadbeefull, (uint64_t)0xabcdefull);
	SAME("[%5u] [%-5u] [%05u] [%3s] [%-6s] [%c] [%%]", 42u, 42u, 42u, "abcdef", "ab", 'x');
	SAME("%d %d %i %ld %lld %05d", -1, INT32_MIN, INT32_MAX, (long)-1234567890123l,
	     (long long)INT64_MIN, -42);
	SAME("%hu %hhu %hd %zu %x %lx", (unsigned short)65535, (unsigned char)255, (short)-3,
	     (size_t)12345, 0xdeadu, 0x1234567890ul);
	SAME("%s", "");
	SAME("%08x|%-8x|", 0xbeefu, 0xbeefu);
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++) {
		both("%" PRIu64 " %" PRIx64, u64s[i], u64s[i]);
		bad += !!strcmp(got, want);
	}
	OK(!bad, "ob_printf %%lu and %%lx of boundary values (0, 9/10, 99/100, 2^32, UINT64_MAX)");
	for (i = 0, bad = 0; i < 200000; i++) {
		uint64_t v = ((uint64_t)rand() << 40) ^ ((uint64_t)rand() << 20) ^ (uint64_t)rand();

		v >>= rand() % 64;
		both("%" PRIu64 ",%u,", v, (unsigned int)v);
		bad += !!strcmp(got, want);
	}
	OK(!bad, "ob_printf of 200,000 random numbers equals snprintf (%u differ)", bad);
	return 0;
}

static void check_addr(void)
{
	unsigned int i, bad = 0;

	for (i = 0; i < 100000; i++) {
		unsigned char a[16];
		char ref[INET6_ADDRSTRLEN];
		struct outbuf o;
		int fam = i & 1 ? AF_INET6 : AF_INET, k;

		for (k = 0; k < 16; k++)
			a[k] = (unsigned char)(rand() % (i % 3 ? 256 : 3));
		inet_ntop(fam, a, ref, sizeof(ref));
		ob_init(&o, -1);
		ob_addr(&o, fam, a);
		bad += o.len != strlen(ref) || memcmp(o.buf, ref, o.len);
		ob_end(&o);
	}
	OK(!bad, "ob_addr equals inet_ntop for 100,000 IPv4 and IPv6 addresses (%u differ)", bad);
}

static void emit(struct json *j)
{
	json_obj_open(j, NULL);
	json_str(j, "plain", "lan0");
	json_str(j, "escapes", "a\"b\\c\nd\te\rf\x01g\x1f");
	json_u64(j, "big", UINT64_MAX);
	json_i64(j, "neg", -5);
	json_bool(j, "t", true);
	json_null(j, "n");
	json_arr_open(j, "list");
	json_u64(j, NULL, 0);
	json_str(j, NULL, "");
	json_arr_close(j);
	json_obj_close(j);
	json_end(j);
}

static void check_json(void)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	struct outbuf o;
	struct json j;

	json_init(&j, f);
	emit(&j);
	fclose(f);
	ob_init(&o, -1);
	json_init_ob(&j, &o);
	emit(&j);
	ob_char(&o, '\0');
	STREQ(o.buf, mem, "JSON into an outbuf equals JSON into a FILE (strings with escapes)");
	ob_end(&o);
	free(mem);
}

static void check_fd(void)
{
	FILE *tmp = tmpfile();
	int fd = fileno(tmp);
	size_t i, n = 3 * OB_SIZE / 7, total = 0, bad = 0;
	struct outbuf o;
	char line[32];

	ob_init(&o, fd);
	for (i = 0; i < n; i++)
		ob_printf(&o, "%06zu\n", i % 1000000);
	OK(ob_end(&o), "ob_end: every write succeeded");
	rewind(tmp);
	for (i = 0; fgets(line, sizeof(line), tmp); i++) {
		char exp[16];

		snprintf(exp, sizeof(exp), "%06zu\n", i % 1000000);
		bad += !!strcmp(line, exp);
		total += strlen(line);
	}
	OK(i == n && !bad && total == n * 7,
	   "%zu lines (%zu bytes, %.1f buffers) reach the file whole and in order", i, total,
	   (double)total / OB_SIZE);
	fclose(tmp);
}

/* the raw writers (ob_put_u32/u64/blocks) give what snprintf() gives */
static void check_put(void)
{
	static const uint64_t edge[] = { 0, 9, 10, 99, 100, 999, 1000, 65535, 99999, 100000,
					 999999999, 1000000000, 4294967295u, 4294967296ull,
					 18446744073709551615ull };
	char buf[64 + OB_SLACK], exp[32];
	size_t bad = 0, i;
	uint64_t v;

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]) + 200000; i++) {
		v = i < sizeof(edge) / sizeof(edge[0]) ? edge[i] : i * 2654435761ull % 100000007ull;
		snprintf(exp, sizeof(exp), "%" PRIu64, v);
		*ob_put_u64(buf, v) = '\0';
		bad += !!strcmp(buf, exp);
		if (v <= UINT32_MAX) {
			*ob_put_u32(buf, (uint32_t)v) = '\0';
			bad += !!strcmp(buf, exp);
		}
	}
	OK(!bad, "ob_put_u32/ob_put_u64: the digits snprintf writes (%zu differ)", bad);
	{
		static const char src[48] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";

		bad = 0;
		for (i = 0; i <= 46; i++) {
			memset(buf, '#', sizeof(buf));
			*ob_put_blocks(buf, src, i) = '\0';
			bad += strlen(buf) != i || memcmp(buf, src, i);
		}
		OK(!bad, "ob_put_blocks: n bytes, whatever n");
	}
}

int main(void)
{
	KTAP_PLAN(17);
	check_printf();
	check_addr();
	check_json();
	check_fd();
	check_put();
	KTAP_DONE();
}
