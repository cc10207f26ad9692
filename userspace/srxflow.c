// SPDX-License-Identifier: GPL-2.0
/*
 * srxflow - command line interface to the srxflow kernel module.
 *
 * Junos operational and configuration syntax over generic netlink:
 *   srxflow show security flow session destination-prefix 10.0.2.2/32
 *   srxflow set security policies from-zone trust to-zone untrust ...
 * Keywords may be abbreviated to any unique prefix, as in Junos.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "util.h"

static int cmd_help(struct cli *c, int argc, char **argv);

static const struct cli_cmd commands[] = {
	{ "set", cmd_set, "STATEMENT",
	  "add a configuration statement (one atomic commit)" },
	{ "delete", cmd_delete, "STATEMENT-PREFIX",
	  "remove configuration statements (one atomic commit)" },
	{ "insert", cmd_insert, "... policy X before|after policy Y",
	  "reorder a policy" },
	{ "load merge", cmd_load_merge, "FILE|-",
	  "merge a file of set/delete/insert lines (one atomic commit)" },
	{ "load override", cmd_load_override, "FILE|-",
	  "replace the configuration by a file of set lines" },
	{ "commit check", cmd_commit_check, "FILE|-",
	  "validate a file as the complete configuration, change nothing" },
	{ "show configuration", cmd_show_configuration, "[STATEMENT-PREFIX]",
	  "running configuration as set lines (-j: JSON)" },
	{ "load set terminal", cmd_load_merge_stdin, "",
	  "merge set lines pasted on standard input (Junos 'load set terminal')" },
	{ "show security flow session", cmd_show_session,
	  "[brief|extensive|summary] [FILTER VALUE...]",
	  "sessions; filters: source-prefix destination-prefix source-port destination-port\n"
	  "      protocol interface zone policy-id session-identifier family" },
	{ "clear security flow session", cmd_clear_session, "all | FILTER VALUE...",
	  "remove sessions" },
	{ "show security flow statistics", cmd_show_flow_statistics, "",
	  "flow counters and drops by reason" },
	{ "clear security flow statistics", cmd_clear_flow_statistics, "", "reset flow counters" },
	{ "show security flow status", cmd_show_flow_status, "",
	  "forwarding modes, trace status, reverse-route mode, table size" },
	{ "show security policies", cmd_show_policies,
	  "[from-zone A to-zone B] [global] [detail]", "configured policies" },
	{ "show security policies hit-count", cmd_show_hit_count, "",
	  "sessions matched per policy" },
	{ "clear security policies statistics", cmd_clear_policy_stats, "",
	  "reset hit counts" },
	{ "show security match-policies", cmd_match_policies,
	  "from-zone A to-zone B source-ip X destination-ip Y [source-port N]\n"
	  "      [destination-port N] [protocol P] [result-count N]",
	  "policies that would match a packet, in evaluation order" },
	{ "show security zones", cmd_show_zones, "[NAME]", "zones and their interfaces" },
	{ "show log", cmd_show_log, "FILE [last N] [match REGEX]",
	  "trace lines of a traceoptions file" },
	{ "clear log", cmd_clear_log, "FILE", "empty a trace file" },
	{ "monitor security flow", cmd_monitor_flow, "", "trace lines as they are written" },
	{ "monitor security flow session", cmd_monitor_session, "",
	  "session log (then log session-init|session-close): RT_FLOW lines, live" },
	{ "show security packet-drop records", cmd_show_drops, "",
	  "the most recent drops with their reasons" },
	{ "clear security packet-drop records", cmd_clear_drops, "", "forget the drop records" },
	{ "monitor security packet-drop", cmd_monitor_drops, "", "drops as they happen" },
	{ "show version", cmd_show_version, "",
	  "CLI and kernel module versions" },
	{ "help", cmd_help, "", "this list" },
};

static void usage(FILE *f, const char *prog)
{
	size_t i;

	fprintf(f, "usage: %s [-j|--json] COMMAND [ARGS...]\n\ncommands:\n", prog);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %s%s%s\n      %s\n", commands[i].words,
			commands[i].args[0] ? " " : "", commands[i].args,
			commands[i].help);
	fprintf(f, "\nKeywords may be abbreviated (e.g. 'sh sec flow sess').\n"
		   "See srxflow(8) for the configuration statements.\n");
}

static int cmd_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout, c->prog);
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c = { .prog = "srxflow" };
	const struct cli_cmd *cmd;
	int i = 1, used, ret;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			c.json = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout, c.prog);
			return 0;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			return cmd_show_version(&c, 0, NULL);
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			fprintf(stderr, "srxflow: unknown option '%s'\n", argv[i]);
			usage(stderr, c.prog);
			return 1;
		}
	}
	if (i >= argc) {
		usage(stderr, c.prog);
		return 1;
	}
	cmd = cli_match(commands, ARRAY_SIZE(commands), argc - i, argv + i, &used);
	if (!cmd)
		return 1;
	ret = cmd->fn(&c, argc - i - used, argv + i + used);
	if (c.nl_ready)
		nl_close(&c.nl);
	return ret;
}
