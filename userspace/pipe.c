// SPDX-License-Identifier: GPL-2.0
/*
 * Output pipes of show commands (see pipe.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "pipe.h"
#include "util.h"

static const char *const pipe_words[] = {
	"display", "match", "except", "count", "last", "no-more", "compare", NULL,
};

int pipes_parse(char **tok, int *ntok, struct pipes *p)
{
	int i, n = *ntok, k;

	memset(p, 0, sizeof(*p));
	p->compare_rollback = -1;
	p->saved_fd = -1;
	for (i = 0; i < n && strcmp(tok[i], "|"); i++)
		;
	*ntok = i;
	while (i < n) {
		i++;	/* the "|" */
		if (i >= n) {
			fprintf(stderr, "srxflow: missing command after '|', expecting <compare | count | "
				"display | except | last | match | no-more>\n");
			return -1;
		}
		k = cli_keyword(tok[i], pipe_words);
		if (k < 0) {
			fprintf(stderr, "srxflow: syntax error at '%s', expecting <compare | count | "
				"display | except | last | match | no-more>\n", tok[i]);
			return -1;
		}
		i++;
		switch (k) {
		case 0: {	/* display set|json */
			static const char *const dw[] = { "set", "json", NULL };
			int d = i < n ? cli_keyword(tok[i], dw) : -1;

			if (d < 0) {
				fprintf(stderr, "srxflow: display: expecting <json | set>\n");
				return -1;
			}
			if (d == 0)
				p->display_set = true;
			else
				p->display_json = true;
			i++;
			break;
		}
		case 1:
		case 2:
			if (i >= n || p->n >= PIPE_MAX) {
				fprintf(stderr, "srxflow: %s: expecting a regular expression\n",
					pipe_words[k]);
				return -1;
			}
			p->f[p->n].kind = k == 1 ? P_MATCH : P_EXCEPT;
			if (regcomp(&p->f[p->n].re, tok[i], REG_EXTENDED | REG_NOSUB)) {
				fprintf(stderr, "srxflow: %s: invalid regular expression '%s'\n",
					pipe_words[k], tok[i]);
				return -1;
			}
			p->n++;
			i++;
			break;
		case 3:
		case 4: {
			unsigned int v = 0;

			if (p->n >= PIPE_MAX)
				return -1;
			if (k == 4 && (i >= n || !parse_u32(tok[i], &v) || !v)) {
				fprintf(stderr, "srxflow: last: expecting a number of lines\n");
				return -1;
			}
			p->f[p->n].kind = k == 3 ? P_COUNT : P_LAST;
			p->f[p->n].last = (int)v;
			p->n++;
			if (k == 4)
				i++;
			break;
		}
		case 5:
			p->no_more = true;
			break;
		case 6: {
			unsigned int v;

			p->compare = true;
			if (i < n && strcmp(tok[i], "|")) {
				if (strcmp(tok[i], "rollback") || i + 1 >= n ||
				    !parse_u32(tok[i + 1], &v) || v > 49) {
					fprintf(stderr, "srxflow: compare: expecting 'rollback <0..49>'\n");
					return -1;
				}
				p->compare_rollback = (int)v;
				i += 2;
			}
			break;
		}
		}
		if (i < n && strcmp(tok[i], "|")) {
			fprintf(stderr, "srxflow: syntax error at '%s', expecting '|'\n", tok[i]);
			return -1;
		}
	}
	return 0;
}

void pipes_begin(struct pipes *p, bool page)
{
	if (!p->n && (!page || p->no_more || !isatty(1)))
		return;
	fflush(stdout);
	p->tmp = tmpfile();
	if (!p->tmp)
		return;
	p->saved_fd = dup(1);
	dup2(fileno(p->tmp), 1);
}

void pipes_end(struct pipes *p)
{
	char **lines = NULL, *line = NULL;
	size_t cap = 0;
	int n = 0, lcap = 0, i, j;
	ssize_t len;
	FILE *out = stdout, *pager = NULL;

	if (!p->tmp)
		return;
	fflush(stdout);
	dup2(p->saved_fd, 1);
	close(p->saved_fd);
	p->saved_fd = -1;
	rewind(p->tmp);
	while ((len = getline(&line, &cap, p->tmp)) >= 0) {
		if (n == lcap) {
			lcap = lcap ? lcap * 2 : 256;
			lines = xrealloc(lines, sizeof(char *) * (size_t)lcap);
		}
		lines[n++] = xstrdup(line);
	}
	free(line);
	fclose(p->tmp);
	p->tmp = NULL;
	for (i = 0; i < p->n; i++) {
		int m = 0;

		switch (p->f[i].kind) {
		case P_MATCH:
		case P_EXCEPT:
			for (j = 0; j < n; j++) {
				char *nl = strchr(lines[j], '\n');
				bool hit;

				if (nl)
					*nl = '\0';
				hit = !regexec(&p->f[i].re, lines[j], 0, NULL, 0);
				if (nl)
					*nl = '\n';
				if (hit == (p->f[i].kind == P_MATCH))
					lines[m++] = lines[j];
				else
					free(lines[j]);
			}
			n = m;
			break;
		case P_COUNT: {
			char *c = xasprintf("Count: %d lines\n", n);

			for (j = 0; j < n; j++)
				free(lines[j]);
			if (!lcap)
				lines = xrealloc(lines, sizeof(char *));
			lines[0] = c;
			n = 1;
			break;
		}
		case P_LAST:
			if (n > p->f[i].last) {
				int drop = n - p->f[i].last;

				for (j = 0; j < drop; j++)
					free(lines[j]);
				memmove(lines, lines + drop, sizeof(char *) * (size_t)p->f[i].last);
				n = p->f[i].last;
			}
			break;
		}
	}
	if (!p->no_more && isatty(1)) {
		const char *pg = getenv("PAGER");

		pager = popen(pg && *pg ? pg : "less -FX", "w");
		if (pager)
			out = pager;
	}
	for (j = 0; j < n; j++) {
		fputs(lines[j], out);
		free(lines[j]);
	}
	free(lines);
	if (pager)
		pclose(pager);
	fflush(stdout);
}

void pipes_free(struct pipes *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (p->f[i].kind == P_MATCH || p->f[i].kind == P_EXCEPT)
			regfree(&p->f[i].re);
	p->n = 0;
}
