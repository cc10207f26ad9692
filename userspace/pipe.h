/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Junos output pipes: `COMMAND | display set | match REGEX | except REGEX |
 * count | last N | no-more`, and `| display json`, `| compare [rollback N]`
 * for configuration output.  Output of the command is captured, filtered
 * in order, and paged on a terminal unless `| no-more` (pager: $PAGER,
 * default `less -FX`).
 */
#ifndef SRXFLOW_PIPE_H
#define SRXFLOW_PIPE_H

#include <stdbool.h>
#include <regex.h>

#define PIPE_MAX 8

enum pipe_kind { P_MATCH, P_EXCEPT, P_COUNT, P_LAST };

struct pipes {
	bool display_set, display_json, compare, no_more;
	int compare_rollback;		/* -1: against the running configuration */
	int n;
	struct {
		enum pipe_kind kind;
		regex_t re;
		int last;
	} f[PIPE_MAX];
	/* capture state */
	int saved_fd;
	FILE *tmp;
};

/*
 * Cut the pipes off tokens tok[0..*ntok) (from the first "|"); *ntok is
 * shortened.  0, or -1 after printing what is wrong.
 */
int pipes_parse(char **tok, int *ntok, struct pipes *p);
/* Start capturing stdout if anything needs the output (filters, pager). */
void pipes_begin(struct pipes *p, bool page);
/* Stop capturing, filter, print (through the pager). */
void pipes_end(struct pipes *p);
void pipes_free(struct pipes *p);

#endif
