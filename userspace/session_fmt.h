/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A session of a listing as its writers take it (the text listing in
 * session_text.c, -j in session_json.c): the kernel's fixed-layout record
 * (struct srxflow_sess_rec) and its names, and the pieces both writers
 * copy through a pointer into room reserved with ob_reserve(): names,
 * protocol names and IPv4 addresses, each formatted once and copied in
 * 16-byte blocks.
 */
#ifndef SRXFLOW_SESSION_FMT_H
#define SRXFLOW_SESSION_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/srxflow.h>
#include "outbuf.h"

/*
 * A name of the dump (policy, application, zone, interface, TCP state)
 * with its length and its JSON form (quoted, escaped); both are allocated
 * to a multiple of 16 bytes and copied in 16-byte blocks (ob_put_blocks()).
 */
struct name {
	char *s, *js;
	size_t len, jlen;
};

/*
 * Changes whenever a name is defined or cleared: the kernel may define a
 * name index again with another name, so what is cached by name index
 * (session_json.c) holds only while this stays the same.
 */
extern uint64_t name_generation;

/* the name of index 0 (and of an index never defined): "" */
extern const struct name no_name;

/* define n as the first len bytes of s (and its JSON form), replacing what it was */
void name_set(struct name *n, const char *s, size_t len);
void name_clear(struct name *n);

/* pname...outif are the names of the record's name indices */
struct session {
	struct srxflow_sess_rec r;
	const struct name *pname, *app, *from, *to, *tcp;
	const struct name *ifname[2], *outif[2];
};

/* a session of the router's own traffic: Junos numbers self-traffic-policy 1 */
static inline unsigned int session_policy_index(const struct session *s)
{
	return !s->r.policy_index && !strcmp(s->pname->s, "self-traffic-policy") ? 1 :
	       s->r.policy_index;
}

/*
 * An IPv4 address as text, from a small cache: a session table repeats its
 * addresses (clients, servers, gateways), and formatting one by hand costs
 * ten times the lookup.
 */
struct addr4 {
	uint32_t a;
	uint8_t len;		/* 0: empty */
	char s[16];		/* "255.255.255.255" at most */
};

extern struct addr4 addr4_cache[1024];

/* (the cache missed, or not IPv4) */
char *put_addr_slow(char *p, unsigned int family, const uint8_t *addr);

/* an address as inet_ntop() writes it, through a pointer: at most 46 bytes + OB_SLACK */
static inline char *put_addr_p(char *p, unsigned int family, const uint8_t *addr)
{
	const struct addr4 *c;
	uint32_t a;

	if (family != AF_INET)
		return put_addr_slow(p, family, addr);
	memcpy(&a, addr, 4);
	c = &addr4_cache[(a * 2654435761u) >> 22];
	if (!c->len || c->a != a)
		return put_addr_slow(p, family, addr);
	memcpy(p, c->s, 16);
	return p + c->len;
}

/* protocol names (at most 15 bytes: proto_name()'s buffer is 16), by number */
struct proto_name {
	char s[16];
	uint8_t len;		/* 0: not looked up yet */
};

extern struct proto_name proto_cache[256];

void proto_cache_fill(unsigned int p);

/* a protocol's name through a pointer (writes 16 bytes) */
static inline char *put_proto_p(char *o, unsigned int p)
{
	p &= 0xff;
	if (!proto_cache[p].len)
		proto_cache_fill(p);
	memcpy(o, proto_cache[p].s, 16);
	return o + proto_cache[p].len;
}

/* prefix, then the state's name, through a pointer */
#define put_state_p(p, st, prefix)						\
	((st) == SRXFLOW_SESS_INVALIDATED ? OB_PUT_LIT(p, prefix "Invalidated") :	\
	 (st) == SRXFLOW_SESS_PENDING ? OB_PUT_LIT(p, prefix "Pending") :		\
	 OB_PUT_LIT(p, prefix "Valid"))

#endif
