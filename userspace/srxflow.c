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
#include "pipe.h"
#include "util.h"

static int cmd_help(struct cli *c, int argc, char **argv);
static int cmd_bash_completion(struct cli *c, int argc, char **argv);

static const struct cli_cmd commands[] = {
	{ "set", cmd_set, "STATEMENT",
	  "add a configuration statement (one atomic commit)" },
	{ "delete", cmd_delete, "STATEMENT-PREFIX",
	  "remove configuration statements (one atomic commit)" },
	{ "insert", cmd_insert, "... policy X before|after policy Y",
	  "reorder a policy" },
	{ "load merge", cmd_load_merge, "FILE|-",
	  "merge a file of set lines or hierarchical text (one atomic commit)" },
	{ "load override", cmd_load_override, "FILE|-",
	  "replace the configuration by a file (set lines or hierarchical)" },
	{ "load replace", cmd_load_replace, "FILE|-",
	  "replace the stanzas tagged 'replace:' in a hierarchical file" },
	{ "commit check", cmd_commit_check, "FILE|-",
	  "validate a file as the complete configuration, change nothing" },
	{ "show configuration", cmd_show_configuration, "[STATEMENT-PREFIX] [| PIPE...]",
	  "running configuration, hierarchical; | display set: set lines; -j: JSON" },
	{ "configure", cmd_configure, "[< SCRIPT]",
	  "configuration mode on a candidate configuration (interactive on a terminal)" },
	{ "show system commit", cmd_show_system_commit, "",
	  "the last 50 commits: rollback number, time, user, comment" },
	{ "rollback", cmd_rollback, "N [comment TEXT]",
	  "commit configuration N of the history again (0..49)" },
	{ "restore", cmd_restore, "",
	  "commit the last saved configuration (boot; srxflow.service)" },
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
	{ "show security nat source rule", cmd_show_nat_src_rule, "all|NAME",
	  "source NAT rules with translation hits" },
	{ "show security nat source pool", cmd_show_nat_src_pool, "all|NAME",
	  "source NAT pools: addresses, ports, hits, allocation failures" },
	{ "show security nat source summary", cmd_show_nat_src_summary, "",
	  "source NAT pools and rules" },
	{ "show security nat destination rule", cmd_show_nat_dst_rule, "all|NAME",
	  "destination NAT rules with translation hits" },
	{ "show security nat destination pool", cmd_show_nat_dst_pool, "all|NAME",
	  "destination NAT pools" },
	{ "show security nat destination summary", cmd_show_nat_dst_summary, "",
	  "destination NAT pools and rules" },
	{ "show security nat static rule", cmd_show_nat_static_rule, "all|NAME",
	  "static NAT rules with translation hits" },
	{ "show security nat proxy-arp", cmd_show_nat_proxy_arp, "[interface NAME]",
	  "proxy-ARP addresses by interface, requests answered" },
	{ "show security nat proxy-ndp", cmd_show_nat_proxy_ndp, "[interface NAME]",
	  "proxy-NDP addresses by interface, solicitations answered" },
	{ "clear security nat source rule statistics", cmd_clear_nat_src, "",
	  "reset source NAT rule hits" },
	{ "clear security nat destination rule statistics", cmd_clear_nat_dst, "",
	  "reset destination NAT rule hits" },
	{ "clear security nat static rule statistics", cmd_clear_nat_static, "",
	  "reset static NAT rule hits" },
	{ "show security alg status", cmd_show_alg_status, "",
	  "every ALG: Enabled, Disabled, or not implemented" },
	{ "show security alg counters", cmd_show_alg_counters, "[ftp|tftp]",
	  "ALG messages, rewrites, gates" },
	{ "clear security alg counters", cmd_clear_alg_counters, "", "reset the ALG counters" },
	{ "show security flow gate", cmd_show_flow_gate, "", "ALG gates (pinholes) open now" },
	{ "show security zones", cmd_show_zones, "[NAME]", "zones and their interfaces" },
	{ "show security screen ids-option", cmd_show_screen_ids_option, "NAME",
	  "a screen's configured checks" },
	{ "show security screen statistics", cmd_show_screen_statistics,
	  "zone NAME | interface NAME", "screen counters of a zone or an interface" },
	{ "clear security screen statistics", cmd_clear_screen_statistics,
	  "[zone NAME | interface NAME]", "reset screen counters" },
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
	{ "__confirm-timer", cmd_confirm_timer, "", "" },
	{ "__bash-completion", cmd_bash_completion, "", "" },
};

static void usage(FILE *f, const char *prog)
{
	size_t i;

	fprintf(f, "usage: %s [-j|--json] COMMAND [ARGS...]\n\ncommands:\n", prog);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (commands[i].help[0])
			fprintf(f, "  %s%s%s\n      %s\n", commands[i].words,
			commands[i].args[0] ? " " : "", commands[i].args,
			commands[i].help);
	fprintf(f, "\nKeywords may be abbreviated (e.g. 'sh sec flow sess').\n"
		   "See srxflow(8) for the configuration statements.\n");
}

static int cmd_bash_completion(struct cli *c, int argc, char **argv)
{
	print_bash_completion(stdout, commands, ARRAY_SIZE(commands));
	return 0;
}

static int cmd_help(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout, c->prog);
	return 0;
}

int cli_dispatch(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd;
	struct pipes p, *saved = c->pipes;
	bool json = c->json;
	int used, ret, n = argc;

	if (pipes_parse(argv, &n, &p)) {
		pipes_free(&p);
		return 1;
	}
	cmd = cli_match(commands, ARRAY_SIZE(commands), n, argv, &used);
	if (!cmd) {
		pipes_free(&p);
		return 1;
	}
	if (cmd->fn == cmd_configure && (p.n || p.no_more)) {
		pipes_free(&p);
		fprintf(stderr, "srxflow: configure takes no pipes\n");
		return 1;
	}
	if (p.display_json)
		c->json = true;
	c->pipes = &p;
	pipes_begin(&p, !strncmp(cmd->words, "show", 4));
	ret = cmd->fn(c, n - used, argv + used);
	pipes_end(&p);
	pipes_free(&p);
	c->pipes = saved;
	c->json = json;
	return ret;
}

int main(int argc, char **argv)
{
	struct cli c = { .prog = "srxflow" };
	int i = 1, ret;

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
	ret = cli_dispatch(&c, argc - i, argv + i);
	if (c.nl_ready)
		nl_close(&c.nl);
	return ret;
}
