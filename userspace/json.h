/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal streaming JSON writer for -j output.
 */
#ifndef SRXFLOW_JSON_H
#define SRXFLOW_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct outbuf;

struct json {
	FILE *f;
	struct outbuf *ob;	/* when set, output goes here instead of f (outbuf.h) */
	int depth;
	bool first[64];
};

void json_init(struct json *j, FILE *f);
/* the same, into a fast output buffer (big listings) */
void json_init_ob(struct json *j, struct outbuf *ob);
void json_end(struct json *j);
/* key is NULL inside arrays and for the top-level value */
void json_obj_open(struct json *j, const char *key);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j, const char *key);
void json_arr_close(struct json *j);
void json_str(struct json *j, const char *key, const char *val);
void json_u64(struct json *j, const char *key, uint64_t val);
void json_i64(struct json *j, const char *key, int64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
/* a JSON string (quoted, escaped) straight into a fast buffer */
void json_put_str(struct outbuf *o, const char *s);

#endif
