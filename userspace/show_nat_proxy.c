// SPDX-License-Identifier: GPL-2.0
/*
 * show security nat proxy-arp [interface NAME]
 * show security nat proxy-ndp [interface NAME]
 *
 * The reference (junos-nat-screens-alg.md 1.4) has no capture of these
 * commands; the layout follows the other NAT tables: a total line, then
 * one row per address entry (interface, address range), with the
 * requests answered and the announcements sent on the interface.  -j
 * prints the same records as JSON.  The kernel sends the entries of the
 * running configuration with their counters (SRXFLOW_CMD_NAT_GET,
 * SRXFLOW_A_NAT_PROXY).
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include "cli.h"
#include "json.h"
#include "util.h"

#define PMAX SRXFLOW_NAT_PROXY_ADDRS_MAX

struct pentry {
	char ifname[64];
	int family;
	uint64_t replies, announced;
	int n;
	char lo[PMAX][INET6_ADDRSTRLEN], hi[PMAX][INET6_ADDRSTRLEN];
};

struct pset {
	int n, cap;
	struct pentry *v;
};

static void addr_str(const struct nlattr *a, char *out)
{
	const struct srxflow_prefix *p = mnl_attr_get_payload(a);

	if (mnl_attr_get_payload_len(a) < sizeof(*p) ||
	    !inet_ntop(p->family, p->addr, out, INET6_ADDRSTRLEN))
		snprintf(out, INET6_ADDRSTRLEN, "?");
}

static void get_entry(const struct nlattr *nest, struct pentry *e)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		const struct nlattr *tb[SRXFLOW_A_NADDR_MAX + 1];

		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_NPROXY_INTERFACE:
			snprintf(e->ifname, sizeof(e->ifname), "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_NPROXY_FAMILY:
			e->family = mnl_attr_get_u8(a);
			break;
		case SRXFLOW_A_NPROXY_REPLIES:
			e->replies = mnl_attr_get_u64(a);
			break;
		case SRXFLOW_A_NPROXY_ANNOUNCED:
			e->announced = mnl_attr_get_u64(a);
			break;
		case SRXFLOW_A_NPROXY_ADDRESS:
			if (e->n >= PMAX || nl_parse_nested(a, tb, SRXFLOW_A_NADDR_MAX) ||
			    !tb[SRXFLOW_A_NADDR_LO] || !tb[SRXFLOW_A_NADDR_HI])
				break;
			addr_str(tb[SRXFLOW_A_NADDR_LO], e->lo[e->n]);
			addr_str(tb[SRXFLOW_A_NADDR_HI], e->hi[e->n]);
			e->n++;
			break;
		}
	}
}

static int proxy_cb(const struct nlmsghdr *nlh, void *data)
{
	struct pset *ps = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		struct pentry *e;

		if (mnl_attr_get_type(a) != SRXFLOW_A_NAT_PROXY)
			continue;
		if (ps->n == ps->cap) {
			ps->cap = ps->cap ? ps->cap * 2 : 8;
			ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
		}
		e = &ps->v[ps->n++];
		memset(e, 0, sizeof(*e));
		get_entry(a, e);
	}
	return 0;
}

static int show(struct cli *c, int family, int argc, char **argv)
{
	const char *word = family == AF_INET ? "proxy-arp" : "proxy-ndp";
	const char *ifname = NULL;
	char title[64], rng[2 * INET6_ADDRSTRLEN + 4];
	struct nl *nl = cli_nl(c);
	struct pset ps = { 0 };
	struct nlreq req;
	struct json j;
	int i, k, total = 0, err;

	snprintf(title, sizeof(title), "show security nat %s", word);
	if (argc == 2 && !strcmp(argv[0], "interface")) {
		ifname = argv[1];
	} else if (argc) {
		fprintf(stderr, "srxflow: %s: expecting [interface NAME]\n", title);
		return 1;
	}
	nlreq_init(nl, &req, SRXFLOW_CMD_NAT_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, proxy_cb, &ps);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, title, err);
		free(ps.v);
		return 1;
	}
	for (i = 0; i < ps.n; i++)
		if (ps.v[i].family == family && (!ifname || !strcmp(ifname, ps.v[i].ifname)))
			total += ps.v[i].n;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_u64(&j, "total-entries", total);
		json_arr_open(&j, "interfaces");
	} else {
		printf("Total %s address entries: %d\n", word, total);
		printf("%-20s %-42s %10s %10s\n", "Interface Name", "Address Range", "Replies",
		       "Announced");
	}
	for (i = 0; i < ps.n; i++) {
		const struct pentry *e = &ps.v[i];

		if (e->family != family || (ifname && strcmp(ifname, e->ifname)))
			continue;
		if (c->json) {
			json_obj_open(&j, NULL);
			json_str(&j, "interface-name", e->ifname);
			json_u64(&j, "replies", e->replies);
			json_u64(&j, "announced", e->announced);
			json_arr_open(&j, "addresses");
			for (k = 0; k < e->n; k++) {
				json_obj_open(&j, NULL);
				json_str(&j, "low", e->lo[k]);
				json_str(&j, "high", e->hi[k]);
				json_obj_close(&j);
			}
			json_arr_close(&j);
			json_obj_close(&j);
			continue;
		}
		for (k = 0; k < e->n; k++) {
			snprintf(rng, sizeof(rng), "%s - %s", e->lo[k], e->hi[k]);
			if (k)
				printf("%-20s %s\n", "", rng);
			else
				printf("%-20s %-42s %10" PRIu64 " %10" PRIu64 "\n", e->ifname, rng,
				       e->replies, e->announced);
		}
	}
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	free(ps.v);
	if (ifname && !total) {
		fprintf(stderr, "srxflow: %s: interface %s has no %s entry\n", title, ifname, word);
		return 1;
	}
	return 0;
}

int cmd_show_nat_proxy_arp(struct cli *c, int argc, char **argv)
{
	return show(c, AF_INET, argc, argv);
}

int cmd_show_nat_proxy_ndp(struct cli *c, int argc, char **argv)
{
	return show(c, AF_INET6, argc, argv);
}
