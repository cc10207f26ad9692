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

static struct cnode *zone_child(struct cnode *zone, const char *kw)
{
	int i;

	for (i = 0; zone->groups && zone->sn->children[i]; i++)
		if (zone->sn->children[i]->kw && !strcmp(zone->sn->children[i]->kw, kw))
			return zone->groups[i].first;
	return NULL;
}

static bool zone_has(struct cnode *zone, const char *kw)
{
	return zone_child(zone, kw) != NULL;
}

/*
 * Zone ID: Junos numbers junos-host 2; srxflow numbers the configured zones
 * from 6 in the order they are listed (the device's own numbers are internal).
 */
#define ZONE_ID_HOST	2
#define ZONE_ID_FIRST	6

static void show_zone(struct cli *c, struct json *j, const char *name, unsigned int id,
		      bool tcp_rst, const char *screen, bool functional, const struct ifaces *l)
{
	static bool printed;
	int i, n = 0;

	/* bound: configured and present */
	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].zone, name) && l->v[i].ifindex)
			n++;
	if (c->json) {
		json_obj_open(j, NULL);
		json_str(j, "name", name);
		json_u64(j, "zone-id", id);
		if (screen)
			json_str(j, "screen", screen);
		if (functional)
			json_bool(j, "functional-zone", true);
		json_bool(j, "tcp-rst", tcp_rst);
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
	/* zones are separated by a blank line, none before the first */
	if (printed)
		printf("\n");
	printed = true;
	if (functional) {
		printf("Functional zone: %s\n", name);
		printf("  Zone ID: %u\n", id);
		printf("  Policy configurable: No\n");
	} else {
		printf("Security zone: %s\n", name);
		printf("  Zone ID: %u\n", id);
		printf("  Send reset for non-SYN session TCP packets: %s\n", tcp_rst ? "On" : "Off");
		printf("  Policy configurable: Yes\n");
	}
	if (screen)
		printf("  Screen: %s\n", screen);
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
	if (!functional) {
		printf("  Advanced-connection-tracking timeout: 1800\n");
		printf("  Unidirectional-session-refreshing: No\n");
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
	unsigned int id = ZONE_ID_FIRST;
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

		for (z = zones->groups[k].first; z; z = z->next, id++) {
			struct cnode *scr = functional ? NULL : zone_child(z, "screen");

			if (want && strcmp(want, z->value))
				continue;
			show_zone(c, &j, z->value, id, !functional && zone_has(z, "tcp-rst"),
				  scr ? scr->value : NULL, functional, &l);
			found = true;
		}
	}
	if (!want || !strcmp(want, "junos-host")) {
		show_zone(c, &j, "junos-host", ZONE_ID_HOST, false, NULL, false, &l);
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
