// SPDX-License-Identifier: GPL-2.0
/*
 * Interactive configuration mode: GNU readline with history, Tab
 * completion and `?` help drawn from the schema and from the names
 * configured in the candidate, the [edit PATH] banner and a Junos prompt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "cfgtree.h"
#include "configure.h"
#include "schema.h"
#include "util.h"

static struct session *cur;

struct cand {
	const char *word;
	const char *help;
};

struct cands {
	struct cand v[256];
	int n;
	char desc[256];		/* value expected: its description */
};

static void cand_add(struct cands *c, const char *w, const char *help)
{
	if (c->n < (int)ARRAY_SIZE(c->v))
		c->v[c->n++] = (struct cand){ w, help ? help : "" };
}

static const char *const statement_verbs[] = {
	"set", "delete", "insert", "deactivate", "activate", "annotate", "rename", "edit",
	"show", NULL,
};

static const struct snode *kw_child(const struct snode *sn, const char *t)
{
	const struct snode *found = NULL;
	size_t len = strlen(t);
	int i;

	for (i = 0; sn->children && sn->children[i]; i++)
		if (sn->children[i]->kw && !strcmp(sn->children[i]->kw, t))
			return sn->children[i];
	for (i = 0; sn->children && sn->children[i]; i++)
		if (sn->children[i]->kw && !strncmp(sn->children[i]->kw, t, len)) {
			if (found)
				return NULL;
			found = sn->children[i];
		}
	return found;
}

static const struct snode *positional(const struct snode *sn)
{
	int i;

	for (i = 0; sn->children && sn->children[i]; i++)
		if (!sn->children[i]->kw)
			return sn->children[i];
	return NULL;
}

/* what may follow the statement words tok[0..n) */
static void statement_cands(struct cands *c, char **tok, int n)
{
	const struct snode *sn = &schema_root, *expect = NULL;
	struct cnode *cn = cur->cand;
	int i;

	for (i = 0; i < n; i++) {
		const struct snode *ch;

		if (expect) {
			if (expect->kind == SK_LIST) {
				cn = cn ? cnode_find(cn, expect, tok[i]) : NULL;
				sn = expect;
			}
			expect = NULL;
			continue;
		}
		if (!strcmp(tok[i], "[") || !strcmp(tok[i], "]"))
			continue;
		ch = kw_child(sn, tok[i]);
		if (!ch) {
			if (positional(sn))
				continue;
			return;		/* unknown: nothing to offer */
		}
		switch (ch->kind) {
		case SK_CONTAINER:
			cn = cn ? cnode_find(cn, ch, NULL) : NULL;
			sn = ch;
			break;
		case SK_LIST:
		case SK_LEAF:
		case SK_LEAFLIST:
			expect = ch;
			break;
		case SK_FLAG:
			break;
		}
	}
	if (expect) {
		char tmp[256];

		snprintf(c->desc, sizeof(c->desc), "%s", vtype_desc(expect, tmp, sizeof(tmp)));
		if (expect->vt == VT_ENUM)
			for (i = 0; expect->enums[i]; i++)
				cand_add(c, expect->enums[i], NULL);
		if (expect->kind == SK_LIST && cn) {
			struct cgroup *g = cnode_group(cn, expect);
			struct cnode *e;

			for (e = g ? g->first : NULL; e; e = e->next)
				if (expect->vt != VT_ENUM)
					cand_add(c, e->value, NULL);
		}
		return;
	}
	if (positional(sn)) {
		char tmp[256];

		snprintf(c->desc, sizeof(c->desc), "%s", vtype_desc(positional(sn), tmp, sizeof(tmp)));
	}
	for (i = 0; sn->children && sn->children[i]; i++)
		if (sn->children[i]->kw && !(sn->children[i]->flags & SF_HIDDEN))
			cand_add(c, sn->children[i]->kw, sn->children[i]->help);
}

/* candidates for the word being typed after the complete words of line */
static void line_cands(struct cands *c, const char *line_upto)
{
	char **tok;
	int n = tokenize(line_upto, &tok), complete, i;
	bool fresh = !*line_upto || line_upto[strlen(line_upto) - 1] == ' ';

	memset(c, 0, sizeof(*c));
	if (n < 0)
		return;
	complete = fresh ? n : n - 1;
	if (complete == 0) {
		const char *const *v = cfg_verbs();

		for (i = 0; v[i]; i++)
			cand_add(c, v[i], NULL);
	} else if (cli_keyword(tok[0], statement_verbs) >= 0) {
		char **full = xcalloc((size_t)(cur->nedit + complete + 1), sizeof(char *));
		int nf = 0;

		for (i = 0; i < cur->nedit; i++)
			full[nf++] = cur->edit[i];
		for (i = 1; i < complete && strcmp(tok[i], "|"); i++)
			full[nf++] = tok[i];
		if (i == complete)
			statement_cands(c, full, nf);
		free(full);
	} else if (!strncmp(tok[0], "commit", strlen(tok[0]))) {
		cand_add(c, "check", "Check correctness of syntax; do not apply changes");
		cand_add(c, "comment", "Message to write to commit log");
		cand_add(c, "confirmed", "Automatically rollback if not confirmed");
		cand_add(c, "and-quit", "Quit configuration mode if commit succeeds");
	} else if (!strncmp(tok[0], "load", strlen(tok[0])) && complete == 1) {
		cand_add(c, "merge", "Merge contents with existing configuration");
		cand_add(c, "override", "Override existing configuration");
		cand_add(c, "replace", "Replace configuration data");
		cand_add(c, "set", "Execute set of commands on existing configuration");
	} else if (!strncmp(tok[0], "load", strlen(tok[0])) && complete == 2) {
		cand_add(c, "terminal", "Use login terminal");
	}
	tokens_free(tok, n);
}

static struct cands comp;
static int comp_i;

static char *generator(const char *text, int state)
{
	size_t len = strlen(text);

	if (!state)
		comp_i = 0;
	while (comp_i < comp.n) {
		const char *w = comp.v[comp_i++].word;

		if (!strncmp(w, text, len))
			return xstrdup(w);
	}
	return NULL;
}

static char **attempt(const char *text, int start, int end)
{
	char *upto = xasprintf("%.*s", start, rl_line_buffer);

	(void)end;
	line_cands(&comp, upto);
	free(upto);
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, generator);
}

/* `?`: the possible completions with their help, then the line again */
static int help_key(int count, int key)
{
	char *upto = xasprintf("%.*s", rl_point, rl_line_buffer);
	const char *word = strrchr(upto, ' ') ? strrchr(upto, ' ') + 1 : upto;
	size_t len;
	int i;

	(void)count;
	(void)key;
	line_cands(&comp, upto);
	len = strlen(word);
	printf("\nPossible completions:\n");
	if (comp.desc[0] && !len)
		printf("  %-22s %s\n", comp.desc, "");
	for (i = 0; i < comp.n; i++)
		if (!strncmp(comp.v[i].word, word, len))
			printf("  %-22s %s\n", comp.v[i].word, comp.v[i].help);
	free(upto);
	session_banner(cur, stdout);
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

static char *rl_read(struct session *s, const char *prompt)
{
	(void)s;
	return readline(prompt);
}

int configure_interactive(struct session *s)
{
	char host[64] = "srxflow", *prompt, *line;
	const char *user = getenv("USER");
	int lineno = 0;

	cur = s;
	s->readline = rl_read;
	gethostname(host, sizeof(host) - 1);
	prompt = xasprintf("%s@%s# ", user && *user ? user : "root", host);
	rl_readline_name = "srxflow";
	rl_attempted_completion_function = attempt;
	rl_bind_key('?', help_key);
	printf("Entering configuration mode\n");
	while (!s->done) {
		session_banner(s, stdout);
		fflush(stdout);
		line = readline(prompt);
		if (!line) {
			printf("\n");
			session_line(s, "exit configuration-mode", ++lineno);
			continue;
		}
		if (*line)
			add_history(line);
		session_line(s, line, ++lineno);
		free(line);
	}
	printf("Exiting configuration mode\n");
	free(prompt);
	session_free(s);
	return 0;
}
