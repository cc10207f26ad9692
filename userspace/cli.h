/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared state of one srxflow CLI invocation and the command handlers.
 */
#ifndef SRXFLOW_CLI_H
#define SRXFLOW_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "nl.h"

struct pipes;
struct cnode;

struct cli {
	struct nl nl;
	bool nl_ready;
	bool json;		/* -j: JSON output */
	const char *prog;
	struct pipes *pipes;	/* `| ...` of the running command, or NULL */
};


/* Open the netlink socket on first use; prints the reason and exits on failure. */
struct nl *cli_nl(struct cli *c);

typedef int (*cli_fn)(struct cli *c, int argc, char **argv);

struct cli_cmd {
	const char *words;	/* keywords, space separated */
	cli_fn fn;
	const char *args;	/* argument synopsis for help */
	const char *help;
};

/*
 * Match argv against a command table with Junos-style unique-prefix
 * abbreviation of keywords.  Returns the command and sets *consumed, or
 * NULL after printing "syntax error, expecting ..." to stderr.
 */
const struct cli_cmd *cli_match(const struct cli_cmd *cmds, size_t n,
				int argc, char **argv, int *consumed);

/* Match one word against a NULL-terminated keyword list (exact or unique
 * prefix).  Returns the index or -1 (unknown) / -2 (ambiguous).
 */
int cli_keyword(const char *word, const char *const *keywords);

/* srxflow.c: run one operational command line (pipes included) */
int cli_dispatch(struct cli *c, int argc, char **argv);

/* configure.c */
int cmd_configure(struct cli *c, int argc, char **argv);
int cmd_show_system_commit(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_confirm_timer(struct cli *c, int argc, char **argv);
int cmd_rollback(struct cli *c, int argc, char **argv);

/* completion.c: the bash completion script for a command table */
void print_bash_completion(FILE *f, const struct cli_cmd *cmds, size_t n);

/* version.c */
int cmd_show_version(struct cli *c, int argc, char **argv);

/* cmd_config.c */
int cmd_set(struct cli *c, int argc, char **argv);
int cmd_delete(struct cli *c, int argc, char **argv);
int cmd_insert(struct cli *c, int argc, char **argv);
int cmd_load_merge(struct cli *c, int argc, char **argv);
int cmd_load_override(struct cli *c, int argc, char **argv);
int cmd_load_replace(struct cli *c, int argc, char **argv);
int cmd_load_merge_stdin(struct cli *c, int argc, char **argv);
int cmd_commit_check(struct cli *c, int argc, char **argv);
int cmd_show_configuration(struct cli *c, int argc, char **argv);
/*
 * Print (part of) a configuration tree as the pipes of c ask: hierarchical,
 * `| display set`, JSON, `| compare` (against running if given, else the
 * rollback named).  header: `## Last commit` line at the top.
 */
int show_config_tree(struct cli *c, struct cnode *root, const struct cnode *running,
		     int argc, char **argv, bool header);

/* show_session.c */
int cmd_show_session(struct cli *c, int argc, char **argv);
int cmd_clear_session(struct cli *c, int argc, char **argv);

/* show_flow.c */
extern const char *const drop_reason_names[];
int cmd_show_flow_statistics(struct cli *c, int argc, char **argv);
int cmd_clear_flow_statistics(struct cli *c, int argc, char **argv);
int cmd_show_flow_status(struct cli *c, int argc, char **argv);

/* show_policy.c */
int cmd_show_policies(struct cli *c, int argc, char **argv);
/* show_alg.c */
int cmd_show_alg_status(struct cli *c, int argc, char **argv);
int cmd_show_alg_counters(struct cli *c, int argc, char **argv);
int cmd_clear_alg_counters(struct cli *c, int argc, char **argv);
int cmd_show_flow_gate(struct cli *c, int argc, char **argv);

/* show_nat.c */
int cmd_show_nat_src_rule(struct cli *c, int argc, char **argv);
int cmd_show_nat_src_pool(struct cli *c, int argc, char **argv);
int cmd_show_nat_src_summary(struct cli *c, int argc, char **argv);
int cmd_show_nat_dst_rule(struct cli *c, int argc, char **argv);
int cmd_show_nat_dst_pool(struct cli *c, int argc, char **argv);
int cmd_show_nat_dst_summary(struct cli *c, int argc, char **argv);
int cmd_show_nat_static_rule(struct cli *c, int argc, char **argv);
int cmd_clear_nat_src(struct cli *c, int argc, char **argv);
int cmd_clear_nat_dst(struct cli *c, int argc, char **argv);
int cmd_clear_nat_static(struct cli *c, int argc, char **argv);

/* show_nat_proxy.c */
int cmd_show_nat_proxy_arp(struct cli *c, int argc, char **argv);
int cmd_show_nat_proxy_ndp(struct cli *c, int argc, char **argv);
int cmd_show_hit_count(struct cli *c, int argc, char **argv);
int cmd_clear_policy_stats(struct cli *c, int argc, char **argv);
int cmd_match_policies(struct cli *c, int argc, char **argv);

/* show_log.c */
int cmd_show_log(struct cli *c, int argc, char **argv);
int cmd_clear_log(struct cli *c, int argc, char **argv);
int cmd_show_drops(struct cli *c, int argc, char **argv);
int cmd_clear_drops(struct cli *c, int argc, char **argv);
int cmd_monitor_flow(struct cli *c, int argc, char **argv);
int cmd_monitor_drops(struct cli *c, int argc, char **argv);
int cmd_monitor_session(struct cli *c, int argc, char **argv);

/* show_zone.c */
int cmd_show_zones(struct cli *c, int argc, char **argv);

/* show_screen.c */
int cmd_show_screen_ids_option(struct cli *c, int argc, char **argv);
int cmd_show_screen_statistics(struct cli *c, int argc, char **argv);
int cmd_clear_screen_statistics(struct cli *c, int argc, char **argv);

#endif
