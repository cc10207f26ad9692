// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdint.h>
#include <string.h>
#include "json.h"
#include "outbuf.h"

void json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->ob = NULL;
	j->depth = 0;
	j->first[0] = true;
}

void json_init_ob(struct json *j, struct outbuf *ob)
{
	json_init(j, NULL);
	j->ob = ob;
}

static void jputc(struct json *j, char c)
{
	if (j->ob)
		ob_char(j->ob, c);
	else
		fputc(c, j->f);
}

static void jputs(struct json *j, const char *s)
{
	if (j->ob)
		ob_str(j->ob, s);
	else
		fputs(s, j->f);
}

void json_end(struct json *j)
{
	jputc(j, '\n');
}

/*
 * Length of the leading run of s that needs no escape, 8 bytes at a time
 * (a word has a byte < 0x20, '"' or '\\' when one of the classic
 * "has a byte less than / equal to" tests says so); the caller finishes the
 * last word byte by byte.  Reads whole aligned words only after the first
 * ones, so never past the page of the terminating NUL.
 */
static size_t plain_run(const char *s)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const char *p = s;

	for (; (uintptr_t)p & 7; p++)
		if ((unsigned char)*p < 0x20 || *p == '"' || *p == '\\')
			return (size_t)(p - s);
	for (;; p += 8) {
		uint64_t w, q, b;

		memcpy(&w, p, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
			return (size_t)(p - s);
	}
}

/* a string into the fast buffer: runs without escapes in one copy */
static void ob_put_string(struct outbuf *o, const char *s)
{
	ob_char(o, '"');
	for (;;) {
		size_t n = plain_run(s);
		unsigned char ch;

		while ((ch = (unsigned char)s[n]) >= 0x20 && ch != '"' && ch != '\\')
			n++;
		ob_mem(o, s, n);
		s += n;
		if (!ch)
			break;
		switch (ch) {
		case '"': ob_str(o, "\\\""); break;
		case '\\': ob_str(o, "\\\\"); break;
		case '\n': ob_str(o, "\\n"); break;
		case '\t': ob_str(o, "\\t"); break;
		case '\r': ob_str(o, "\\r"); break;
		default: ob_printf(o, "\\u%04x", ch); break;
		}
		s++;
	}
	ob_char(o, '"');
}

void json_put_str(struct outbuf *o, const char *s)
{
	ob_put_string(o, s);
}

static void put_string(struct json *j, const char *s)
{
	FILE *f = j->f;

	if (j->ob) {
		ob_put_string(j->ob, s);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		switch (ch) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (ch < 0x20)
				fprintf(f, "\\u%04x", ch);
			else
				fputc(ch, f);
		}
	}
	fputc('"', f);
}

static void prefix(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		jputc(j, ',');
	j->first[j->depth] = false;
	if (key && j->ob) {
		/* keys are the program's own literals: nothing to escape */
		ob_char(j->ob, '"');
		ob_str(j->ob, key);
		OB_LIT(j->ob, "\":");
	} else if (key) {
		put_string(j, key);
		jputc(j, ':');
	}
}

static void open_(struct json *j, const char *key, char c)
{
	prefix(j, key);
	jputc(j, c);
	if (j->depth < 63)
		j->depth++;
	j->first[j->depth] = true;
}

void json_obj_open(struct json *j, const char *key) { open_(j, key, '{'); }
void json_arr_open(struct json *j, const char *key) { open_(j, key, '['); }

void json_obj_close(struct json *j)
{
	j->depth--;
	jputc(j, '}');
}

void json_arr_close(struct json *j)
{
	j->depth--;
	jputc(j, ']');
}

void json_str(struct json *j, const char *key, const char *val)
{
	prefix(j, key);
	put_string(j, val ? val : "");
}

void json_u64(struct json *j, const char *key, uint64_t val)
{
	prefix(j, key);
	if (j->ob)
		ob_u64(j->ob, val);
	else
		fprintf(j->f, "%" PRIu64, val);
}

void json_i64(struct json *j, const char *key, int64_t val)
{
	prefix(j, key);
	if (j->ob)
		ob_printf(j->ob, "%" PRId64, val);
	else
		fprintf(j->f, "%" PRId64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	prefix(j, key);
	jputs(j, val ? "true" : "false");
}

void json_null(struct json *j, const char *key)
{
	prefix(j, key);
	jputs(j, "null");
}
