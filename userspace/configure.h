/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One `srxflow configure` session (configure.c) and its interactive
 * front end (configure_rl.c: readline, completion, `?` help).
 */
#ifndef SRXFLOW_CONFIGURE_H
#define SRXFLOW_CONFIGURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "cfgtree.h"
#include "cli.h"

struct session {
	struct cli *cli;
	struct cnode *cand;	/* the candidate (inactive parts included) */
	struct cnode *running;	/* what it was loaded from / last committed */
	uint64_t gen;		/* generation the candidate is based on */
	char **edit;		/* [edit PATH] as tokens */
	int nedit;
	bool interactive, done;
	/* next input line (malloc'd, no newline) or NULL at end of input */
	char *(*readline)(struct session *s, const char *prompt);
};

/* Run one configuration-mode command line.  0, or 1 if it failed. */
int session_line(struct session *s, const char *line, int lineno);
void session_banner(const struct session *s, FILE *f);
void session_free(struct session *s);
/* The verbs of configuration mode, NULL-terminated. */
const char *const *cfg_verbs(void);

/* configure_rl.c */
int configure_interactive(struct session *s);

#endif
