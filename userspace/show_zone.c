// SPDX-License-Identifier: GPL-2.0
/*
 * show security zones [NAME]
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include "cfgcodec.h"
#include "cli.h"
#include "json.h"
#include "util.h"

struct iface {
	char name[SRXFLOW_NAME_MAX], zone[SRXFLOW_NAME_MAX], vrf[SRXFLOW_IFNAME_MAX];
	unsigned int ifindex, table;
};

struct ifaces {
	struct iface v[4096];
	int n;
};

static int iface_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifaces *l = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		const struct nlattr *tb[SRXFLOW_A_IFACE_MAX + 1];
		struct iface *f;

		if (mnl_attr_get_type(a) != SRXFLOW_A_IFACE || l->n >= 4096 ||
		    nl_parse_nested(a, tb, SRXFLOW_A_IFACE_MAX) || !tb[SRXFLOW_A_IFACE_NAME] ||
		    !tb[SRXFLOW_A_IFACE_ZONE])
			continue;
		f = &l->v[l->n++];
		snprintf(f->name, sizeof(f->name), "%s", mnl_attr_get_str(tb[SRXFLOW_A_IFACE_NAME]));
		snprintf(f->zone, sizeof(f->zone), "%s", mnl_attr_get_str(tb[SRXFLOW_A_IFACE_ZONE]));
		snprintf(f->vrf, sizeof(f->vrf), "%s",
			 tb[SRXFLOW_A_IFACE_VRF] ? mnl_attr_get_str(tb[SRXFLOW_A_IFACE_VRF]) : "");
		f->ifindex = tb[SRXFLOW_A_IFACE_IFINDEX] ?
			     mnl_attr_get_u32(tb[SRXFLOW_A_IFACE_IFINDEX]) : 0;
		f->table = tb[SRXFLOW_A_IFACE_TABLE] ? mnl_attr_get_u32(tb[SRXFLOW_A_IFACE_TABLE]) : 0;
	}
	return 0;
}

static bool zone_has(struct cnode *zone, const char *kw)
{
	int i;

	for (i = 0; zone->sn->children[i]; i++)
		if (zone->sn->children[i]->kw && !strcmp(zone->sn->children[i]->kw, kw))
			return zone->groups[i].first != NULL;
	return false;
}

/* the value of leaf kw of a zone, or NULL */
static const char *zone_leaf(struct cnode *zone, const char *kw)
{
	int i;

	for (i = 0; zone->sn->children[i]; i++)
		if (zone->sn->children[i]->kw && !strcmp(zone->sn->children[i]->kw, kw))
			return zone->groups[i].first ? zone->groups[i].first->value : NULL;
	return NULL;
}

static void show_zone(struct cli *c, struct json *j, const char *name, bool tcp_rst,
		      bool functional, const char *screen, const struct ifaces *l)
{
	int i, n = 0;

	/* bound: configured and present */
	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].zone, name) && l->v[i].ifindex)
			n++;
	if (c->json) {
		json_obj_open(j, NULL);
		json_str(j, "name", name);
		if (functional)
			json_bool(j, "functional-zone", true);
		json_bool(j, "tcp-rst", tcp_rst);
		if (screen)
			json_str(j, "screen", screen);
		json_u64(j, "interfaces-bound", (uint64_t)n);
		json_arr_open(j, "interfaces");
		for (i = 0; i < l->n; i++) {
			if (strcmp(l->v[i].zone, name))
				continue;
			json_obj_open(j, NULL);
			json_str(j, "name", l->v[i].name);
			json_bool(j, "present", l->v[i].ifindex != 0);
			json_str(j, "routing-instance", l->v[i].vrf);
			json_u64(j, "routing-table", l->v[i].table);
			json_obj_close(j);
		}
		json_arr_close(j);
		json_obj_close(j);
		return;
	}
	if (functional) {
		printf("\nFunctional zone: %s\n", name);
		printf("  Policy configurable: No\n");
	} else {
		printf("\nSecurity zone: %s\n", name);
		printf("  Send reset for non-SYN session TCP packets: %s\n", tcp_rst ? "On" : "Off");
		printf("  Policy configurable: Yes\n");
		if (screen)
			printf("  Screen: %s\n", screen);
	}
	printf("  Interfaces bound: %d\n", n);
	printf("  Interfaces:\n");
	for (i = 0; i < l->n; i++) {
		const struct iface *f = &l->v[i];

		if (strcmp(f->zone, name))
			continue;
		if (!f->ifindex)
			printf("    %s (not present)\n", f->name);
		else if (f->vrf[0])
			printf("    %s (routing-instance %s, table %u)\n", f->name, f->vrf, f->table);
		else
			printf("    %s\n", f->name);
	}
}

int cmd_show_zones(struct cli *c, int argc, char **argv)
{
	static struct ifaces l;
	struct nl *nl = cli_nl(c);
	struct cnode *root = NULL, *zones = NULL, *z;
	const char *want = argc ? argv[0] : NULL;
	struct stmt_err serr;
	struct nlreq req;
	struct json j;
	uint64_t gen;
	char *path[] = { "security", "zones" };
	bool found = false;
	int err, k;

	if (argc > 1) {
		fprintf(stderr, "srxflow: show security zones: unexpected '%s'\n", argv[1]);
		return 1;
	}
	err = config_read(nl, &root, &gen);
	if (!err) {
		l.n = 0;
		nlreq_init(nl, &req, SRXFLOW_CMD_IFACE_GET, NLM_F_DUMP);
		err = nl_talk(nl, &req, iface_cb, &l);
		nlreq_free(&req);
	}
	if (err) {
		nl_perror(nl, "show security zones", err);
		ctree_free(root);
		return 1;
	}
	if (stmt_apply(root, STMT_FIND, path, 2, 0, false, &zones, &serr))
		zones = NULL;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "zones");
	}
	/* functional-zone, then security-zone (the schema's order) */
	for (k = 0; zones && zones->groups && zones->sn->children[k]; k++) {
		bool functional = !strcmp(zones->sn->children[k]->kw, "functional-zone");

		for (z = zones->groups[k].first; z; z = z->next) {
			if (want && strcmp(want, z->value))
				continue;
			show_zone(c, &j, z->value, !functional && zone_has(z, "tcp-rst"), functional,
				  functional ? NULL : zone_leaf(z, "screen"), &l);
			found = true;
		}
	}
	if (!want || !strcmp(want, "junos-host")) {
		show_zone(c, &j, "junos-host", false, false, NULL, &l);
		found = true;
	}
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	ctree_free(root);
	if (!found) {
		fprintf(stderr, "srxflow: security zone '%s' is not configured\n", want);
		return 1;
	}
	return 0;
}
