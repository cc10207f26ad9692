// SPDX-License-Identifier: GPL-2.0
/*
 * show version
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "cli.h"
#include "json.h"

#ifndef SRXFLOW_VERSION
#define SRXFLOW_VERSION "unknown"
#endif

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1];
	char *ver = data;

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX))
		return -EINVAL;
	if (tb[SRXFLOW_A_VERSION])
		snprintf(ver, 128, "%s", mnl_attr_get_str(tb[SRXFLOW_A_VERSION]));
	return 0;
}

int cmd_show_version(struct cli *c, int argc, char **argv)
{
	char kver[128] = "";
	char host[256] = "";
	struct utsname u;
	struct nlreq req;
	struct nl *nl;
	int err;

	if (argc > 0) {
		fprintf(stderr, "srxflow: show version: unexpected '%s'\n", argv[0]);
		return 1;
	}
	gethostname(host, sizeof(host) - 1);
	uname(&u);
	nl = cli_nl(c);
	nlreq_init(nl, &req, SRXFLOW_CMD_GET_STATUS, 0);
	err = nl_talk(nl, &req, status_cb, kver);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show version", err);
		return 1;
	}
	if (c->json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, "hostname", host);
		json_str(&j, "kernel", u.release);
		json_str(&j, "cli-version", SRXFLOW_VERSION);
		json_str(&j, "module-version", kver);
		json_obj_close(&j);
		json_end(&j);
		return 0;
	}
	printf("Hostname: %s\n", host);
	printf("Model: srxflow on Linux %s\n", u.release);
	printf("srxflow CLI version: %s\n", SRXFLOW_VERSION);
	printf("srxflow kernel module version: %s\n", kver);
	return 0;
}
