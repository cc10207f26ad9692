// SPDX-License-Identifier: GPL-2.0
/*
 * The pieces of a session listing both writers share (session_fmt.h):
 * names with their JSON form, the IPv4 address cache, protocol names.
 */
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "session_fmt.h"
#include "util.h"
#include "values.h"

static char no_name_s[16], no_name_js[16] = "\"\"";
const struct name no_name = { .s = no_name_s, .js = no_name_js, .len = 0, .jlen = 2 };

/* a copy of the n bytes of s, NUL-terminated, padded to a multiple of 16 */
static char *padded_dup(const char *s, size_t n)
{
	char *d = xcalloc(1, (n + 16) & ~(size_t)15);

	memcpy(d, s, n);
	return d;
}

uint64_t name_generation;

void name_set(struct name *n, const char *s, size_t len)
{
	struct outbuf o = { .fd = -1 };

	name_clear(n);
	n->len = strnlen(s, len);
	n->s = padded_dup(s, n->len);
	/* room for the worst case (every byte escaped as \u00XX): never grows */
	o.cap = 6 * n->len + 8;
	o.buf = xmalloc(o.cap);
	json_put_str(&o, n->s);
	n->js = padded_dup(o.buf, o.len);
	n->jlen = o.len;
	free(o.buf);
}

void name_clear(struct name *n)
{
	free(n->s);
	free(n->js);
	*n = (struct name){ 0 };
	name_generation++;
}

struct addr4 addr4_cache[1024];

char *put_addr_slow(char *p, unsigned int family, const uint8_t *addr)
{
	struct addr4 *c;
	uint32_t a;

	if (family != AF_INET) {
		char tmp[64];
		struct outbuf t = { .buf = tmp, .cap = 63, .fd = -1 };

		ob_addr(&t, (int)family, addr);
		memcpy(p, tmp, t.len);
		return p + t.len;
	}
	memcpy(&a, addr, 4);
	c = &addr4_cache[(a * 2654435761u) >> 22];
	{
		struct outbuf t = { .buf = c->s, .cap = sizeof(c->s), .fd = -1 };

		ob_addr(&t, AF_INET, addr);
		c->a = a;
		c->len = (uint8_t)t.len;
	}
	memcpy(p, c->s, 16);
	return p + c->len;
}

struct proto_name proto_cache[256];

void proto_cache_fill(unsigned int p)
{
	char pb[16];
	const char *n = proto_name(p, pb, sizeof(pb));

	proto_cache[p].len = (uint8_t)strnlen(n, sizeof(proto_cache[p].s) - 1);
	memcpy(proto_cache[p].s, n, proto_cache[p].len);
}
