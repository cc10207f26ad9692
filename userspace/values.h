/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SRXFLOW_VALUES_H
#define SRXFLOW_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/srxflow.h>
#include "schema.h"

#define VALUE_MAX 320

/* Validate and canonicalise a value typed for node sn. */
bool value_parse(const struct snode *sn, const char *in, char *out, size_t outsz,
		 char *err, size_t errsz);
/* Encode a canonical value as attribute attr with encoding nlt. */
void value_put(struct nlmsghdr *nlh, uint16_t attr, enum nltype nlt,
	       const struct snode *sn, const char *canon);
/* Decode an attribute into canonical text; NULL if malformed. */
const char *value_get(const struct nlattr *a, enum nltype nlt,
		      const struct snode *sn, char *out, size_t n);

bool prefix_parse(const char *s, struct srxflow_prefix *p, bool allow_len);
const char *prefix_str(const struct srxflow_prefix *p, char *buf, size_t size);
const char *addr_str(const struct srxflow_prefix *p, char *buf, size_t size);
bool ports_parse(const char *s, uint32_t *out);
const char *ports_str(uint32_t r, char *buf, size_t size);
bool proto_parse(const char *s, unsigned int *proto);
const char *proto_name(unsigned int proto, char *buf, size_t size);
bool size_parse(const char *s, unsigned long long *v);

#endif
