// SPDX-License-Identifier: GPL-2.0
/*
 * show security nat source|destination rule all|NAME
 * show security nat source|destination pool all|NAME
 * show security nat source|destination summary
 * show security nat static rule all|NAME
 * clear security nat source|destination|static rule statistics
 *
 * Layouts of the SRX (reference junos-nat-screens-alg.md section 3); -j
 * prints the same records as JSON.  The kernel sends each pool and rule of
 * the running configuration with its counters (SRXFLOW_CMD_NAT_GET).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include "cli.h"
#include "json.h"
#include "util.h"
#include "values.h"

#define NMAX 8

struct nrange {
	int family;		/* AF_INET, AF_INET6 */
	uint8_t alo[16], ahi[16];	/* network order */
	uint32_t lo, hi;	/* host order: IPv4, the last 32 bits of IPv6 */
	uint32_t port;
	uint32_t in_use;	/* source pools: sessions on the entry's addresses */
};

struct nitem {
	bool pool;
	int kind;
	char name[64], rs[64], poolname[64], overflow[64];
	uint64_t overflowed;
	uint32_t id, pos, port_lo, port_hi, mapped_port;
	int from_type, to_type, action;
	int nfrom, nto, nsrc, ndst, naddr, ndport, nproto;
	char from[NMAX][64], to[NMAX][64];
	struct nrange src[SRXFLOW_NAT_SHOW_RANGES], dst[SRXFLOW_NAT_SHOW_RANGES], addr[64];
	uint32_t src_ranges, dst_ranges;	/* in all, when more than listed */
	uint32_t dport[NMAX];
	uint8_t proto[NMAX];
	uint64_t hits, failed;
	/* source pools: utilization, pool-utilization-alarm (raise 0: none) */
	uint64_t in_use, capacity, alarms;
	uint8_t alarm_raise, alarm_clear, alarm_raised;
	char ri[64];		/* pools: routing-instance ("": default) */
};

struct nset {
	int n, cap;
	struct nitem *v;
};

static const char *const kind_word[] = { "source", "destination", "static" };
static const char *const ctx_word[] = { "", "routing instance", "zone", "interface" };

static void get_range(const struct nlattr *a, struct nrange *r)
{
	const struct nlattr *tb[SRXFLOW_A_NADDR_MAX + 1];
	const struct srxflow_prefix *p;

	memset(r, 0, sizeof(*r));
	if (nl_parse_nested(a, tb, SRXFLOW_A_NADDR_MAX))
		return;
	if (tb[SRXFLOW_A_NADDR_LO]) {
		p = mnl_attr_get_payload(tb[SRXFLOW_A_NADDR_LO]);
		r->family = p->family;
		memcpy(r->alo, p->addr, 16);
		r->lo = ntohl(*(const uint32_t *)(p->addr + (p->family == AF_INET6 ? 12 : 0)));
	}
	if (tb[SRXFLOW_A_NADDR_HI]) {
		p = mnl_attr_get_payload(tb[SRXFLOW_A_NADDR_HI]);
		memcpy(r->ahi, p->addr, 16);
		r->hi = ntohl(*(const uint32_t *)(p->addr + (p->family == AF_INET6 ? 12 : 0)));
	}
	if (tb[SRXFLOW_A_NADDR_PORT])
		r->port = mnl_attr_get_u32(tb[SRXFLOW_A_NADDR_PORT]);
	if (tb[SRXFLOW_A_NADDR_IN_USE])
		r->in_use = mnl_attr_get_u32(tb[SRXFLOW_A_NADDR_IN_USE]);
}

static void get_item(const struct nlattr *nest, struct nitem *it)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_NSTAT_KIND: it->kind = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_NAME: snprintf(it->name, sizeof(it->name), "%s", mnl_attr_get_str(a)); break;
		case SRXFLOW_A_NSTAT_RULESET: snprintf(it->rs, sizeof(it->rs), "%s", mnl_attr_get_str(a)); break;
		case SRXFLOW_A_NSTAT_POOL: snprintf(it->poolname, sizeof(it->poolname), "%s", mnl_attr_get_str(a)); break;
		case SRXFLOW_A_NSTAT_ID: it->id = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_POSITION: it->pos = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_FROM_TYPE: it->from_type = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_TO_TYPE: it->to_type = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_ACTION: it->action = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_PORT_LO: it->port_lo = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_PORT_HI: it->port_hi = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_MAPPED_PORT: it->mapped_port = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_HITS: it->hits = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_NSTAT_OVERFLOW: snprintf(it->overflow, sizeof(it->overflow), "%s", mnl_attr_get_str(a)); break;
		case SRXFLOW_A_NSTAT_OVERFLOWED: it->overflowed = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_NSTAT_FAILED: it->failed = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_NSTAT_IN_USE: it->in_use = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_NSTAT_CAPACITY: it->capacity = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_NSTAT_ALARM_RAISE: it->alarm_raise = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_ALARM_CLEAR: it->alarm_clear = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_ALARM_RAISED: it->alarm_raised = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_NSTAT_ALARMS: it->alarms = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_NSTAT_ROUTING_INSTANCE: snprintf(it->ri, sizeof(it->ri), "%s", mnl_attr_get_str(a)); break;
		case SRXFLOW_A_NSTAT_FROM:
			if (it->nfrom < NMAX)
				snprintf(it->from[it->nfrom++], 64, "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_NSTAT_TO:
			if (it->nto < NMAX)
				snprintf(it->to[it->nto++], 64, "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_NSTAT_SRC_RANGES: it->src_ranges = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_DST_RANGES: it->dst_ranges = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_NSTAT_SRC:
			if (it->nsrc < SRXFLOW_NAT_SHOW_RANGES)
				get_range(a, &it->src[it->nsrc++]);
			break;
		case SRXFLOW_A_NSTAT_DST:
			if (it->ndst < SRXFLOW_NAT_SHOW_RANGES)
				get_range(a, &it->dst[it->ndst++]);
			break;
		case SRXFLOW_A_NSTAT_ADDR:
			if (it->naddr < 64)
				get_range(a, &it->addr[it->naddr++]);
			break;
		case SRXFLOW_A_NSTAT_DPORT:
			if (it->ndport < NMAX)
				it->dport[it->ndport++] = mnl_attr_get_u32(a);
			break;
		case SRXFLOW_A_NSTAT_PROTOCOL:
			if (it->nproto < NMAX)
				it->proto[it->nproto++] = mnl_attr_get_u8(a);
			break;
		}
	}
}

static int nat_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nset *ns = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		int t = mnl_attr_get_type(a);
		struct nitem *it;

		if (t != SRXFLOW_A_NAT_RULE && t != SRXFLOW_A_NAT_POOL)
			continue;
		if (ns->n == ns->cap) {
			ns->cap = ns->cap ? ns->cap * 2 : 16;
			ns->v = xrealloc(ns->v, ns->cap * sizeof(*ns->v));
		}
		it = &ns->v[ns->n++];
		memset(it, 0, sizeof(*it));
		it->pool = t == SRXFLOW_A_NAT_POOL;
		get_item(a, it);
	}
	return 0;
}

static int load(struct cli *c, struct nset *ns, const char *what)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	memset(ns, 0, sizeof(*ns));
	nlreq_init(nl, &req, SRXFLOW_CMD_NAT_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, nat_cb, ns);
	nlreq_free(&req);
	if (err)
		nl_perror(nl, what, err);
	return err;
}

/* the low (or high) end of range r */
static const char *ip(const struct nrange *r, bool high, char *buf)
{
	return inet_ntop(r->family == AF_INET6 ? AF_INET6 : AF_INET, high ? r->ahi : r->alo, buf,
			 INET6_ADDRSTRLEN);
}

/* the prefix length of range r (a prefix: the leading bits lo and hi share) */
static int range_plen(const struct nrange *r)
{
	int len = r->family == AF_INET6 ? 16 : 4, n = 0, i;

	for (i = 0; i < len; i++) {
		uint8_t d = r->alo[i] ^ r->ahi[i];

		if (d) {
			while (!(d & 0x80)) {
				n++;
				d <<= 1;
			}
			return n;
		}
		n += 8;
	}
	return n;
}

static const char *action_str(const struct nitem *it)
{
	switch (it->action) {
	case SRXFLOW_NAT_ACT_OFF: return "off";
	case SRXFLOW_NAT_ACT_INTERFACE: return "interface";
	case SRXFLOW_NAT_ACT_POOL: return it->poolname;
	case SRXFLOW_NAT_ACT_PREFIX: return "static-nat";
	}
	return "";
}

static void print_names(const char *label, const char (*v)[64], int n)
{
	int i;

	for (i = 0; i < n; i++)
		printf("  %-27s: %s\n", i ? "" : label, v[i]);
}

static void print_ranges(const char *label, const struct nrange *r, int n)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	int i;

	for (i = 0; i < n; i++)
		printf("    %-25s: %-15s - %s\n", i ? "" : label, ip(&r[i], false, a), ip(&r[i], true, b));
}

/* a rule side with more ranges than the kernel lists (SRXFLOW_NAT_SHOW_RANGES) */
static void print_more(uint32_t all, int n)
{
	if (all > (uint32_t)n)
		printf("    %-25s  ... %u more (%u ranges in all)\n", "", all - n, all);
}

static void json_ranges(struct json *j, const char *key, const struct nrange *r, int n)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	int i;

	json_arr_open(j, key);
	for (i = 0; i < n; i++) {
		json_obj_open(j, NULL);
		json_str(j, "low", ip(&r[i], false, a));
		json_str(j, "high", ip(&r[i], true, b));
		if (r[i].in_use)
			json_u64(j, "ports-in-use", r[i].in_use);
		if (r[i].port)
			json_u64(j, "port", r[i].port);
		json_obj_close(j);
	}
	json_arr_close(j);
}

static void json_names(struct json *j, const char *key, const char (*v)[64], int n)
{
	int i;

	json_arr_open(j, key);
	for (i = 0; i < n; i++)
		json_str(j, NULL, v[i]);
	json_arr_close(j);
}

static void print_rule(const struct nitem *it)
{
	char label[40], a[INET6_ADDRSTRLEN];
	int i;

	if (it->kind == SRXFLOW_NAT_STATIC) {
		printf("Static NAT rule: %-20s Rule-set: %s\n", it->name, it->rs);
		printf("  %-27s: %u\n", "Rule-Id", it->id);
		printf("  %-27s: %u\n", "Rule position", it->pos);
		snprintf(label, sizeof(label), "From %s", ctx_word[it->from_type]);
		print_names(label, it->from, it->nfrom);
		for (i = 0; i < it->ndst; i++)
			printf("  %-27s: %s\n", i ? "" : "Destination addresses", ip(&it->dst[i], false, a));
		if (it->naddr)
			printf("  %-27s: %s\n", "Host addresses", ip(&it->addr[0], false, a));
		if (it->naddr && it->addr[0].family == AF_INET6) {
			printf("  %-27s: %d\n", "Netmask", range_plen(&it->addr[0]));
		} else if (it->naddr) {
			uint32_t m = htonl(~(it->addr[0].hi - it->addr[0].lo));

			printf("  %-27s: %s\n", "Netmask", inet_ntop(AF_INET, &m, a, sizeof(a)));
		}
		if (it->ndport)
			printf("  %-27s: %u\n", "Destination port", it->dport[0] >> 16);
		if (it->mapped_port)
			printf("  %-27s: %u\n", "Mapped port", it->mapped_port);
		printf("  %-27s: %s\n", "Host routing-instance", "N/A");
		printf("  %-27s: %" PRIu64 "\n", "Translation hits", it->hits);
		printf("    %-25s: %" PRIu64 "\n", "Successful sessions", it->hits);
		printf("    %-25s: %" PRIu64 "\n", "Failed sessions", it->failed);
		return;
	}
	printf("%s NAT rule: %s\n", it->kind == SRXFLOW_NAT_SOURCE ? "source" : "Destination",
	       it->name);
	printf("  %-27s: %s\n", "Rule set", it->rs);
	printf("  %-27s: %u\n", "Rule Id", it->id);
	printf("  %-27s: %u\n", "Rule position", it->pos);
	snprintf(label, sizeof(label), "From %s", ctx_word[it->from_type]);
	print_names(label, it->from, it->nfrom);
	if (it->nto) {
		snprintf(label, sizeof(label), "To %s", ctx_word[it->to_type]);
		print_names(label, it->to, it->nto);
	}
	printf("  Match\n");
	print_ranges("Source addresses", it->src, it->nsrc);
	print_more(it->src_ranges, it->nsrc);
	print_ranges("Destination addresses", it->dst, it->ndst);
	print_more(it->dst_ranges, it->ndst);
	for (i = 0; i < it->ndport; i++)
		printf("  %-27s: %u - %u\n", i ? "" : "Destination port", it->dport[i] >> 16,
		       it->dport[i] & 0xffff);
	for (i = 0; i < it->nproto; i++) {
		char nb[16];

		printf("  %-27s: %s\n", i ? "" : "IP protocol", proto_name(it->proto[i], nb, sizeof(nb)));
	}
	printf("  %-30s: %s\n", "Action", action_str(it));
	if (it->kind == SRXFLOW_NAT_SOURCE)
		printf("    %-28s: %s\n", "Persistent NAT type", "N/A");
	printf("  %-27s: %" PRIu64 "\n", "Translation hits", it->hits);
	printf("    %-25s: %" PRIu64 "\n", "Successful sessions", it->hits);
	printf("    %-25s: %" PRIu64 "\n", "Failed sessions", it->failed);
}

/* percent of the capacity in use, as the alarm computes it (rounded down, at most 100) */
static uint64_t utilization(const struct nitem *it)
{
	uint64_t u;

	if (!it->capacity)
		return 0;
	u = it->in_use * 100 / it->capacity;
	return u > 100 ? 100 : u;
}

static void json_item(struct json *j, const struct nitem *it)
{
	json_obj_open(j, NULL);
	json_str(j, "name", it->name);
	if (it->pool) {
		json_u64(j, "pool-id", it->id);
		json_str(j, "routing-instance", it->ri[0] ? it->ri : "default");
		json_ranges(j, "addresses", it->addr, it->naddr);
		if (it->kind == SRXFLOW_NAT_SOURCE) {
			json_bool(j, "pat", it->port_lo != 0);
			if (it->overflow[0])
				json_str(j, "overflow-pool", it->overflow);
			json_u64(j, "overflowed-sessions", it->overflowed);
			json_u64(j, "port-low", it->port_lo);
			json_u64(j, "port-high", it->port_hi);
			json_u64(j, "in-use", it->in_use);
			json_u64(j, "capacity", it->capacity);
			json_u64(j, "utilization-percent", utilization(it));
			if (it->alarm_raise) {
				json_u64(j, "raise-threshold", it->alarm_raise);
				json_u64(j, "clear-threshold", it->alarm_clear);
				json_bool(j, "alarm-raised", it->alarm_raised);
				json_u64(j, "alarms-raised", it->alarms);
			}
		}
	} else {
		json_str(j, "rule-set", it->rs);
		json_u64(j, "rule-id", it->id);
		json_u64(j, "rule-position", it->pos);
		json_str(j, "from-context", ctx_word[it->from_type]);
		json_names(j, "from", it->from, it->nfrom);
		if (it->nto) {
			json_str(j, "to-context", ctx_word[it->to_type]);
			json_names(j, "to", it->to, it->nto);
		}
		json_ranges(j, "source-addresses", it->src, it->nsrc);
		if (it->src_ranges)
			json_u64(j, "source-address-ranges", it->src_ranges);
		json_ranges(j, "destination-addresses", it->dst, it->ndst);
		if (it->dst_ranges)
			json_u64(j, "destination-address-ranges", it->dst_ranges);
		if (it->kind == SRXFLOW_NAT_STATIC)
			json_ranges(j, "host-addresses", it->addr, it->naddr);
		else
			json_str(j, "action", action_str(it));
	}
	json_u64(j, "translation-hits", it->hits);
	json_u64(j, "failed-sessions", it->failed);
	json_obj_close(j);
}

static uint64_t pool_size(const struct nitem *it)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < it->naddr; i++)
		n += (uint64_t)it->addr[i].hi - it->addr[i].lo + 1;
	return n;
}

static void print_pool(const struct nitem *it)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	int i;

	printf("Pool name                  : %s\n", it->name);
	printf("Pool id                    : %u\n", it->id);
	printf("Routing instance           : %s\n", it->ri[0] ? it->ri : "default");
	if (it->kind == SRXFLOW_NAT_SOURCE) {
		printf("Host address base          : %s\n",
		       it->naddr && it->addr[0].family == AF_INET6 ? "::" : "0.0.0.0");
		if (it->port_lo)
			printf("Port                       : [%u, %u]\n", it->port_lo, it->port_hi);
		else
			printf("Port                       : no translation\n");
		printf("port overloading           : 1\n");
		if (it->overflow[0]) {
			printf("Overflow pool              : %s\n", it->overflow);
			printf("Overflowed sessions        : %" PRIu64 "\n", it->overflowed);
		}
		printf("Total addresses            : %" PRIu64 "\n", pool_size(it));
		printf("Translation hits           : %" PRIu64 "\n", it->hits);
		printf("Allocation failures        : %" PRIu64 "\n", it->failed);
		printf("Utilization                : %" PRIu64 "%% (%" PRIu64 " of %" PRIu64 " %s)\n",
		       utilization(it), it->in_use, it->capacity, it->port_lo ? "ports" : "addresses");
		if (it->alarm_raise) {
			printf("Raise threshold            : %u%%\n", it->alarm_raise);
			printf("Clear threshold            : %u%%\n", it->alarm_clear);
			printf("Utilization alarm          : %s (raised %" PRIu64 " times)\n",
			       it->alarm_raised ? "raised" : "clear", it->alarms);
		}
		/* the ports in use: one a session (PAT), twin ports are not allocated */
		printf("Address range                        Single Ports   Twin Ports\n");
		for (i = 0; i < it->naddr; i++)
			printf("  %15s - %-15s    %-12u   %u\n", ip(&it->addr[i], false, a),
			       ip(&it->addr[i], true, b), it->port_lo ? it->addr[i].in_use : 0, 0);
	} else {
		printf("Total address              : %" PRIu64 "\n", pool_size(it));
		printf("Translation hits           : %" PRIu64 "\n", it->hits);
		printf("Address range                        Port\n");
		for (i = 0; i < it->naddr; i++)
			printf("  %15s - %-15s    %u\n", ip(&it->addr[i], false, a), ip(&it->addr[i], true, b),
			       it->addr[i].port);
	}
}

enum what { W_RULE, W_POOL, W_SUMMARY };

static int show(struct cli *c, int kind, enum what what, int argc, char **argv)
{
	const char *name = NULL;
	char title[64];
	struct nset ns;
	struct json j;
	int i, nrules = 0, npools = 0, shown = 0;

	snprintf(title, sizeof(title), "show security nat %s", kind_word[kind]);
	if (what != W_SUMMARY) {
		if (argc != 1) {
			fprintf(stderr, "srxflow: %s %s: expecting all or a %s name\n", title,
				what == W_RULE ? "rule" : "pool", what == W_RULE ? "rule" : "pool");
			return 1;
		}
		if (strcmp(argv[0], "all"))
			name = argv[0];
	} else if (argc) {
		fprintf(stderr, "srxflow: %s summary: unexpected '%s'\n", title, argv[0]);
		return 1;
	}
	if (load(c, &ns, title))
		return 1;
	for (i = 0; i < ns.n; i++)
		if (ns.v[i].kind == kind) {
			if (ns.v[i].pool)
				npools++;
			else
				nrules++;
		}
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_u64(&j, "total-rules", nrules);
		json_u64(&j, "total-pools", npools);
		json_arr_open(&j, what == W_POOL ? "pools" : "rules");
		if (what == W_SUMMARY) {
			json_arr_close(&j);
			json_arr_open(&j, "pools");
		}
	}
	if (what == W_SUMMARY && !c->json) {
		if (kind == SRXFLOW_NAT_SOURCE) {
			uint64_t ports = 0;

			for (i = 0; i < ns.n; i++)
				if (ns.v[i].pool && ns.v[i].kind == kind && ns.v[i].port_lo)
					ports += pool_size(&ns.v[i]) *
						 (ns.v[i].port_hi - ns.v[i].port_lo + 1);
			printf("Total port number usage for port translation pool: %" PRIu64 "\n", ports);
		}
		printf("Total pools: %d\n", npools);
		printf("Pool                 Address                  Routing              PAT  Total\n");
		printf("Name                 Range                    Instance                  Address\n");
	}
	if (what == W_RULE && !c->json)
		printf("Total %s-nat rules: %d\n", kind_word[kind], nrules);
	for (i = 0; i < ns.n; i++) {
		const struct nitem *it = &ns.v[i];
		char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN], rng[2 * INET6_ADDRSTRLEN + 2];

		if (it->kind != kind || it->pool != (what != W_RULE))
			continue;
		if (name && strcmp(name, it->name))
			continue;
		shown++;
		if (c->json) {
			json_item(&j, it);
			continue;
		}
		if (what == W_RULE) {
			printf("\n");
			print_rule(it);
		} else if (what == W_POOL) {
			printf("\n");
			print_pool(it);
		} else {
			snprintf(rng, sizeof(rng), "%s-%s", ip(&it->addr[0], false, a), ip(&it->addr[0], true, b));
			printf("%-20s %-24s %-20s %-4s %" PRIu64 "\n", it->name, rng, it->ri[0] ? it->ri : "default",
			       kind == SRXFLOW_NAT_SOURCE ? (it->port_lo ? "yes" : "no") : "",
			       pool_size(it));
		}
	}
	if (what == W_SUMMARY) {
		if (c->json) {
			json_arr_close(&j);
			json_arr_open(&j, "rules");
		} else {
			printf("\nTotal rules: %d\n", nrules);
		}
		for (i = 0; i < ns.n; i++) {
			const struct nitem *it = &ns.v[i];

			if (it->kind != kind || it->pool)
				continue;
			if (c->json) {
				json_item(&j, it);
				continue;
			}
			printf("Rule name : %s\n", it->name);
			printf("    Rule set  : %s\n", it->rs);
			printf("    Action    : %s\n", action_str(it));
			printf("    From      : %-21s To : %s\n", it->nfrom ? it->from[0] : "",
			       it->nto ? it->to[0] : "");
		}
	}
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	free(ns.v);
	if (name && !shown) {
		fprintf(stderr, "srxflow: %s: %s %s not found\n", title,
			what == W_RULE ? "rule" : "pool", name);
		return 1;
	}
	return 0;
}

int cmd_show_nat_src_rule(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_SOURCE, W_RULE, argc, argv);
}

int cmd_show_nat_src_pool(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_SOURCE, W_POOL, argc, argv);
}

int cmd_show_nat_src_summary(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_SOURCE, W_SUMMARY, argc, argv);
}

int cmd_show_nat_dst_rule(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_DESTINATION, W_RULE, argc, argv);
}

int cmd_show_nat_dst_pool(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_DESTINATION, W_POOL, argc, argv);
}

int cmd_show_nat_dst_summary(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_DESTINATION, W_SUMMARY, argc, argv);
}

int cmd_show_nat_static_rule(struct cli *c, int argc, char **argv)
{
	return show(c, SRXFLOW_NAT_STATIC, W_RULE, argc, argv);
}

static int clear(struct cli *c, int kind)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_NAT_CLEAR, 0);
	mnl_attr_put_u8(req.nlh, SRXFLOW_A_NAT_KIND, (uint8_t)kind);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear security nat rule statistics", err);
		return 1;
	}
	return 0;
}

int cmd_clear_nat_src(struct cli *c, int argc, char **argv)
{
	return clear(c, SRXFLOW_NAT_SOURCE);
}

int cmd_clear_nat_dst(struct cli *c, int argc, char **argv)
{
	return clear(c, SRXFLOW_NAT_DESTINATION);
}

int cmd_clear_nat_static(struct cli *c, int argc, char **argv)
{
	return clear(c, SRXFLOW_NAT_STATIC);
}
