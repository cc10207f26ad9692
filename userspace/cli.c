// SPDX-License-Identifier: GPL-2.0
/*
 * Command matching with Junos-style keyword abbreviation, and the lazily
 * opened netlink socket of one CLI invocation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "util.h"

struct nl *cli_nl(struct cli *c)
{
	int err;

	if (c->nl_ready)
		return &c->nl;
	err = nl_open(&c->nl);
	if (err == -ENOENT) {
		fprintf(stderr, "srxflow: kernel module not loaded (genl family '%s' not found)\n",
			SRXFLOW_GENL_NAME);
		exit(2);
	}
	if (err) {
		fprintf(stderr, "srxflow: cannot open generic netlink socket: %s\n",
			strerror(-err));
		exit(2);
	}
	c->nl_ready = true;
	return &c->nl;
}

int cli_keyword(const char *word, const char *const *keywords)
{
	size_t len = strlen(word);
	int i, found = -1;

	for (i = 0; keywords[i]; i++) {
		if (!strcmp(word, keywords[i]))
			return i;
	}
	if (!len)
		return -1;
	for (i = 0; keywords[i]; i++) {
		if (!strncmp(word, keywords[i], len)) {
			if (found >= 0)
				return -2;
			found = i;
		}
	}
	return found;
}

/* n-th space separated word of s into buf; false if there is none */
static bool nth_word(const char *s, int n, char *buf, size_t size)
{
	const char *p = s;
	size_t len;

	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			return false;
		len = strcspn(p, " ");
		if (!n--) {
			snprintf(buf, size, "%.*s", (int)len, p);
			return true;
		}
		p += len;
	}
}

const struct cli_cmd *cli_match(const struct cli_cmd *cmds, size_t n,
				int argc, char **argv, int *consumed)
{
	bool *alive = xcalloc(n, sizeof(bool));
	const struct cli_cmd *best = NULL;
	int pos;
	size_t i;

	for (i = 0; i < n; i++)
		alive[i] = true;
	for (pos = 0;; pos++) {
		const char *words[64];
		char wbuf[64][48];
		int nw = 0, k;

		/* a command whose keywords are exhausted here is a candidate */
		for (i = 0; i < n; i++) {
			char tmp[48];

			if (alive[i] && !nth_word(cmds[i].words, pos, tmp, sizeof(tmp))) {
				best = &cmds[i];
				*consumed = pos;
			}
		}
		if (pos >= argc)
			break;
		/* distinct next keywords of the live commands */
		for (i = 0; i < n; i++) {
			char tmp[48];
			int j;

			if (!alive[i] || !nth_word(cmds[i].words, pos, tmp, sizeof(tmp)))
				continue;
			for (j = 0; j < nw; j++)
				if (!strcmp(wbuf[j], tmp))
					break;
			if (j == nw && nw < 63) {
				strcpy(wbuf[nw], tmp);
				words[nw] = wbuf[nw];
				nw++;
			}
		}
		words[nw] = NULL;
		if (!nw)
			break;
		k = cli_keyword(argv[pos], words);
		if (k < 0) {
			if (best && k == -1)
				break;	/* the rest are arguments of best */
			fprintf(stderr, "srxflow: syntax error at '%s' (word %d), expecting ",
				argv[pos], pos + 1);
			if (k == -2)
				fprintf(stderr, "one of (ambiguous abbreviation) ");
			for (int j = 0; j < nw; j++)
				fprintf(stderr, "%s%s", j ? " | " : "<", words[j]);
			fprintf(stderr, ">\n");
			free(alive);
			return NULL;
		}
		for (i = 0; i < n; i++) {
			char tmp[48];

			if (alive[i] && (!nth_word(cmds[i].words, pos, tmp, sizeof(tmp)) ||
					 strcmp(tmp, words[k])))
				alive[i] = false;
		}
		best = NULL;
	}
	free(alive);
	if (!best) {
		fprintf(stderr, "srxflow: incomplete command");
		if (argc)
			fprintf(stderr, " after '%s'", argv[argc - 1]);
		fprintf(stderr, "; try 'srxflow help'\n");
	}
	return best;
}

