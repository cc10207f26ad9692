// SPDX-License-Identifier: GPL-2.0
/*
 * `srxflow configure`: Junos configuration mode on a private candidate
 * configuration.  The same verbs are read from a terminal (readline, Tab
 * and ? completion, [edit PATH] banner) or from a script on stdin:
 *
 *   edit PATH | up [N] | top | exit | quit
 *   set | delete | insert | deactivate | activate | annotate | rename ...
 *   show [PATH] [| display set | compare [rollback N] | match RE ...]
 *   commit [check] [comment TEXT] [confirmed [N]] [and-quit]
 *   rollback [N | ?]
 *   load merge|override|replace|set FILE|terminal
 *   run OPERATIONAL-COMMAND
 *
 * The candidate starts as the running configuration (with its inactive
 * statements and annotations) and remembers the generation it came from;
 * a commit is refused if someone else committed meanwhile.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cfgcodec.h"
#include "cfgstore.h"
#include "cfgload.h"
#include "cfgtext.h"
#include "cli.h"
#include "configure.h"
#include "pipe.h"
#include "util.h"

static const char *const verbs[] = {
	"set", "delete", "insert", "deactivate", "activate", "annotate", "rename",
	"edit", "up", "top", "exit", "quit", "show", "commit", "rollback", "load",
	"run", "status", "help", NULL,
};

enum {
	V_SET, V_DELETE, V_INSERT, V_DEACTIVATE, V_ACTIVATE, V_ANNOTATE, V_RENAME,
	V_EDIT, V_UP, V_TOP, V_EXIT, V_QUIT, V_SHOW, V_COMMIT, V_ROLLBACK, V_LOAD,
	V_RUN, V_STATUS, V_HELP,
};

const char *const *cfg_verbs(void)
{
	return verbs;
}

static void session_reset(struct session *s, struct cnode *running, uint64_t gen)
{
	ctree_free(s->cand);
	ctree_free(s->running);
	s->running = running;
	s->cand = ctree_clone(running, false);
	s->gen = gen;
}

static bool modified(const struct session *s)
{
	char *a = ctree_set_text(s->cand), *b = ctree_set_text(s->running);
	bool m = strcmp(a, b) != 0;

	free(a);
	free(b);
	return m;
}

/* edit path + tok: the full statement */
static char **full_path(const struct session *s, char **tok, int ntok, int *nout)
{
	char **v = xcalloc((size_t)(s->nedit + ntok + 1), sizeof(char *)), **r;
	int i;

	for (i = 0; i < s->nedit; i++)
		v[i] = s->edit[i];
	for (i = 0; i < ntok; i++)
		v[s->nedit + i] = tok[i];
	*nout = s->nedit + ntok;
	r = tokens_from_argv(*nout, v);
	free(v);
	return r;
}

static void caret(const char *verb, char **tok, int ntok, int w, int skip)
{
	int i, col = (int)strlen(verb) + 1, at = -1;

	fprintf(stderr, "  %s", verb);
	for (i = skip; i < ntok; i++) {
		bool q = strchr(tok[i], ' ') != NULL;

		if (i == w)
			at = col;
		fprintf(stderr, q ? " \"%s\"" : " %s", tok[i]);
		col += (int)strlen(tok[i]) + 1 + (q ? 2 : 0);
	}
	if (at < 0)
		at = col + 1;
	fprintf(stderr, "\n  %*s^\n", at, "");
}

static int stmt_error(const struct session *s, const char *verb, char **tok, int ntok,
		      const struct stmt_err *err)
{
	if (err->not_found)
		fprintf(stderr, "warning: statement not found\n");
	else
		fprintf(stderr, "%s%s\n", s->interactive ? "" : "error: ", err->msg);
	if (!err->not_found)
		caret(verb, tok, ntok, err->word, s->nedit);
	return 1;
}

static void set_edit(struct session *s, const struct cnode *n)
{
	char *p = cnode_path(n);

	tokens_free(s->edit, s->nedit);
	s->nedit = tokenize(p, &s->edit);
	free(p);
}

static int do_edit(struct session *s, char **tok, int ntok)
{
	struct cnode *tmp = ctree_new(), *n = NULL;
	struct stmt_err err;
	char **full;
	int nf, ret = 0;

	if (!ntok) {
		fprintf(stderr, "error: edit: missing statement\n");
		ctree_free(tmp);
		return 1;
	}
	full = full_path(s, tok, ntok, &nf);
	/* the path as it would be set (validates and completes keywords) */
	if (stmt_apply(tmp, STMT_SET, full, nf, 0, true, NULL, &err) ||
	    stmt_apply(tmp, STMT_FIND, full, nf, 0, true, &n, &err)) {
		ret = stmt_error(s, "edit", full, nf, &err);
	} else if (n->sn->kind != SK_CONTAINER && n->sn->kind != SK_LIST) {
		fprintf(stderr, "error: '%s' is not a statement block\n", tok[ntok - 1]);
		ret = 1;
	} else {
		set_edit(s, n);
	}
	tokens_free(full, nf);
	ctree_free(tmp);
	return ret;
}

static void do_up(struct session *s, unsigned int levels)
{
	struct cnode *tmp = ctree_new(), *n = NULL;
	struct stmt_err err;

	if (s->nedit && !stmt_apply(tmp, STMT_SET, s->edit, s->nedit, 0, false, NULL, &err) &&
	    !stmt_apply(tmp, STMT_FIND, s->edit, s->nedit, 0, false, &n, &err)) {
		while (levels-- && n->parent)
			n = n->parent;
		set_edit(s, n);
	}
	ctree_free(tmp);
}

static int do_stmt(struct session *s, int verb, char **tok, int ntok, int line)
{
	static const char *const vn[] = { "set", "delete", "insert", "deactivate", "activate",
					  "annotate", "rename" };
	struct stmt_err err;
	char **full;
	int nf, r;

	if (!ntok && verb != V_DELETE) {
		fprintf(stderr, "error: %s: missing statement\n", vn[verb]);
		return 1;
	}
	full = full_path(s, tok, ntok, &nf);
	switch (verb) {
	case V_SET:
		r = stmt_apply(s->cand, STMT_SET, full, nf, line, true, NULL, &err);
		break;
	case V_DELETE:
		if (!nf) {
			fprintf(stderr, "error: delete: refusing to delete the whole "
				"configuration; use 'load override'\n");
			tokens_free(full, nf);
			return 1;
		}
		r = stmt_apply(s->cand, STMT_DELETE, full, nf, line, true, NULL, &err);
		break;
	case V_INSERT:
		r = stmt_apply(s->cand, STMT_INSERT, full, nf, line, true, NULL, &err);
		break;
	case V_DEACTIVATE:
	case V_ACTIVATE:
		r = ctree_deactivate(s->cand, full, nf, verb == V_DEACTIVATE, true, &err);
		break;
	case V_ANNOTATE:
		if (nf < 2) {
			fprintf(stderr, "error: annotate: expecting a statement and a \"text\"\n");
			tokens_free(full, nf);
			return 1;
		}
		r = ctree_annotate(s->cand, full, nf - 1, full[nf - 1], true, &err);
		break;
	default:
		r = ctree_rename(s->cand, full, nf, true, &err);
		break;
	}
	if (r)
		stmt_error(s, vn[verb], full, nf, &err);
	tokens_free(full, nf);
	return r ? 1 : 0;
}

static int do_show(struct session *s, char **tok, int ntok)
{
	struct pipes p;
	struct cnode *n = s->cand;
	struct stmt_err err;
	int ret = 0, nt = ntok;

	if (pipes_parse(tok, &nt, &p)) {
		pipes_free(&p);
		return 1;
	}
	if (p.display_json)
		s->cli->json = true;
	s->cli->pipes = &p;
	pipes_begin(&p, true);
	if (s->nedit && !p.compare &&
	    stmt_apply(s->cand, STMT_FIND, s->edit, s->nedit, 0, false, &n, &err))
		n = NULL;	/* nothing configured at the edit level yet */
	if (p.compare) {
		ret = show_config_tree(s->cli, s->cand, p.compare_rollback < 0 ? s->running : NULL,
				       0, NULL, false);
	} else if (n) {
		/* relative to the edit level; display set prints full paths */
		struct cnode *m = n;

		if (nt && stmt_apply(n, STMT_FIND, tok, nt, 0, true, &m, &err)) {
			if (!err.not_found) {
				fprintf(stderr, "error: %s\n", err.msg);
				ret = 1;
			}
		} else if (s->cli->json) {
			ctree_print_json(stdout, m);
		} else if (p.display_set) {
			char *pf = cnode_path(m);

			if (m->parent || cnode_has_children(m))
				ctree_print_set(stdout, m, pf);
			free(pf);
		} else {
			ctext_print(stdout, m, 0);
		}
	}
	pipes_end(&p);
	pipes_free(&p);
	s->cli->pipes = NULL;
	s->cli->json = false;
	return ret;
}

static int do_commit(struct session *s, char **tok, int ntok)
{
	struct commit_opts o = { 0 };
	struct commit_err cerr;
	bool and_quit = false;
	uint64_t newgen = 0;
	int i, err;

	for (i = 0; i < ntok; i++) {
		static const char *const cw[] = { "check", "comment", "confirmed", "and-quit", NULL };
		unsigned int v;

		switch (cli_keyword(tok[i], cw)) {
		case 0:
			o.check_only = true;
			break;
		case 1:
			if (i + 1 >= ntok) {
				fprintf(stderr, "error: commit comment: expecting a \"text\"\n");
				return 1;
			}
			o.comment = tok[++i];
			break;
		case 2:
			o.confirmed = 10;
			if (i + 1 < ntok && parse_u32(tok[i + 1], &v)) {
				if (v < 1 || v > 65535) {
					fprintf(stderr, "error: commit confirmed: minutes are 1..65535\n");
					return 1;
				}
				o.confirmed = v;
				i++;
			}
			break;
		case 3:
			and_quit = true;
			break;
		default:
			fprintf(stderr, "error: syntax error at '%s', expecting <and-quit | check | "
				"comment | confirmed>\n", tok[i]);
			return 1;
		}
	}
	err = store_commit(cli_nl(s->cli), s->cand, s->gen, &o, &newgen, &cerr);
	if (err == -EAGAIN && !cerr.line) {
		fprintf(stderr, "error: %s; nothing was committed\n"
			"error: 'rollback 0' loads the new running configuration (your changes are lost)\n",
			cerr.msg);
		return 1;
	}
	if (err) {
		if (!cerr.msg[0])
			snprintf(cerr.msg, sizeof(cerr.msg), "%s",
				 err == -EPERM ? nl_eperm_text() : strerror(-err));
		if (cerr.line > 0)
			fprintf(stderr, "error: %s (statement of input line %d)\n", cerr.msg, cerr.line);
		else
			fprintf(stderr, "error: %s\n", cerr.msg);
		fprintf(stderr, "error: configuration check-out failed\n");
		return 1;
	}
	if (o.check_only) {
		printf("configuration check succeeds\n");
		return 0;
	}
	if (o.confirmed)
		printf("commit confirmed will be automatically rolled back in %u minutes unless "
		       "confirmed\n", o.confirmed);
	printf("commit complete\n");
	ctree_free(s->running);
	s->running = ctree_clone(s->cand, false);
	s->gen = newgen;
	if (and_quit)
		s->done = true;
	return 0;
}

static int do_rollback(struct session *s, char **tok, int ntok)
{
	struct cnode *t = NULL;
	unsigned int n = 0;
	char err[700];

	if (ntok && !strcmp(tok[0], "?")) {
		store_print_history(stdout);
		return 0;
	}
	if (ntok > 1 || (ntok && (!parse_u32(tok[0], &n) || n > 49))) {
		fprintf(stderr, "error: rollback: expecting <0..49> or ?\n");
		return 1;
	}
	if (store_load((int)n, &t, NULL, err, sizeof(err))) {
		/* rollback 0 with no history: the running configuration */
		if (n == 0) {
			ctree_free(s->cand);
			s->cand = ctree_clone(s->running, false);
			printf("load complete\n");
			return 0;
		}
		fprintf(stderr, "error: %s\n", err);
		return 1;
	}
	if (n == 0) {
		/* also picks up what others committed meanwhile */
		struct cnode *r = NULL;
		uint64_t gen;

		if (!store_running(cli_nl(s->cli), &r, &gen, NULL)) {
			session_reset(s, r, gen);
			ctree_free(t);
			printf("load complete\n");
			return 0;
		}
	}
	ctree_free(s->cand);
	s->cand = t;
	printf("load complete\n");
	return 0;
}

/* text of `load ... terminal`: until EOF or a line "^D" */
static char *read_terminal(struct session *s)
{
	struct sbuf b = { 0 };
	char *line;

	sb_puts(&b, "");
	if (s->interactive)
		printf("[Type ^D at a new line to end input]\n");
	while ((line = s->readline(s, ""))) {
		if (!strcmp(line, "^D")) {
			free(line);
			break;
		}
		sb_puts(&b, line);
		sb_putc(&b, '\n');
		free(line);
	}
	if (s->interactive)
		clearerr(stdin);
	return b.s;
}

static int do_load(struct session *s, char **tok, int ntok)
{
	static const char *const lw[] = { "merge", "override", "replace", "set", NULL };
	struct ctext t = { 0 };
	struct stmt_err serr;
	struct cnode *work;
	char *text, err[700];
	const char *name;
	int k = ntok ? cli_keyword(tok[0], lw) : -1, i, ret = 0;

	if (k < 0 || ntok != 2) {
		fprintf(stderr, "error: load: expecting <merge | override | replace | set> "
			"<FILE | terminal>\n");
		return 1;
	}
	if (!strcmp(tok[1], "terminal") || !strcmp(tok[1], "term")) {
		text = read_terminal(s);
		name = "terminal";
	} else {
		FILE *f = fopen(tok[1], "r");
		struct sbuf b = { 0 };
		char buf[8192];
		size_t n;

		if (!f) {
			fprintf(stderr, "error: %s: %s\n", tok[1], strerror(errno));
			return 1;
		}
		sb_puts(&b, "");
		while ((n = fread(buf, 1, sizeof(buf) - 1, f)) > 0) {
			buf[n] = '\0';
			sb_puts(&b, buf);
		}
		fclose(f);
		text = b.s;
		name = tok[1];
	}
	if (k == 3 && ctext_is_hierarchical(text)) {
		fprintf(stderr, "error: load set: %s is not in set form\n", name);
		free(text);
		return 1;
	}
	if (ctext_parse(text, name, &t, err, sizeof(err))) {
		fprintf(stderr, "error: %s\nerror: load failed; the candidate is unchanged\n", err);
		ret = 1;
		goto out;
	}
	if (cfg_load_prepare(&t, name)) {
		fprintf(stderr, "error: load failed; the candidate is unchanged\n");
		ret = 1;
		goto out;
	}
	work = k == 1 ? ctree_new() : ctree_clone(s->cand, false);
	for (i = 0; i < t.n; i++) {
		if (ctext_apply(work, &t.v[i], k == 2 ? CTEXT_REPLACE : CTEXT_MERGE, &serr)) {
			fprintf(stderr, "error: %s:%d: %s\n", name, t.v[i].line, serr.msg);
			caret(ctext_verb_name(t.v[i].verb), t.v[i].tok, t.v[i].ntok, serr.word, 0);
			fprintf(stderr, "error: load failed; the candidate is unchanged\n");
			ctree_free(work);
			ret = 1;
			goto out;
		}
	}
	ctree_free(s->cand);
	s->cand = work;
	printf("load complete\n");
out:
	ctext_free(&t);
	free(text);
	return ret;
}

/* exit/quit at the top: the uncommitted-changes question */
static void do_exit(struct session *s)
{
	if (s->nedit) {
		tokens_free(s->edit, 0);
		s->edit = NULL;
		s->nedit = 0;
		return;
	}
	if (modified(s)) {
		char *a = s->readline(s, "Exit with uncommitted changes? [yes,no] (yes) ");

		if (a && *a && strncmp(a, "yes", strlen(a)) && strcmp(a, "y")) {
			free(a);
			return;
		}
		free(a);
	}
	s->done = true;
}

static void help(void)
{
	printf("Configuration mode commands:\n"
	       "  activate     Remove the inactive tag from a statement\n"
	       "  annotate     Annotate the statement with a comment\n"
	       "  commit       Commit current set of changes\n"
	       "  deactivate   Add the inactive tag to a statement\n"
	       "  delete       Delete a data element\n"
	       "  edit         Edit a sub-element\n"
	       "  exit         Exit from this level\n"
	       "  insert       Insert a new ordered data element\n"
	       "  load         Load configuration from a file or the terminal\n"
	       "  quit         Quit from this level\n"
	       "  rename       Rename a statement\n"
	       "  rollback     Roll back to previous committed configuration\n"
	       "  run          Run an operational-mode command\n"
	       "  set          Set a parameter\n"
	       "  show         Show a parameter\n"
	       "  status       Show users currently editing configuration\n"
	       "  top          Exit to top level of configuration\n"
	       "  up           Exit one level of configuration\n");
}

int session_line(struct session *s, const char *line, int lineno)
{
	char **tok;
	int n = tokenize(line, &tok), v, ret = 0;
	unsigned int levels = 1;

	if (n < 0) {
		fprintf(stderr, "error: unterminated quoted string\n");
		return 1;
	}
	if (!n) {
		tokens_free(tok, n);
		return 0;
	}
	v = cli_keyword(tok[0], verbs);
	if (v < 0) {
		fprintf(stderr, "error: %s '%s', expecting <command>; 'help' lists them\n",
			v == -2 ? "ambiguous command" : "unknown command", tok[0]);
		tokens_free(tok, n);
		return 1;
	}
	switch (v) {
	case V_SET: case V_DELETE: case V_INSERT: case V_DEACTIVATE:
	case V_ACTIVATE: case V_ANNOTATE: case V_RENAME:
		ret = do_stmt(s, v, tok + 1, n - 1, lineno);
		break;
	case V_EDIT:
		ret = do_edit(s, tok + 1, n - 1);
		break;
	case V_UP:
		if (n > 1 && (!parse_u32(tok[1], &levels) || !levels)) {
			fprintf(stderr, "error: up: expecting a number of levels\n");
			ret = 1;
			break;
		}
		do_up(s, levels);
		break;
	case V_TOP:
		tokens_free(s->edit, s->nedit);
		s->edit = NULL;
		s->nedit = 0;
		break;
	case V_EXIT:
	case V_QUIT:
		if (n > 1 && !strncmp(tok[1], "configuration-mode", strlen(tok[1]))) {
			tokens_free(s->edit, s->nedit);
			s->edit = NULL;
			s->nedit = 0;
		}
		do_exit(s);
		break;
	case V_SHOW:
		ret = do_show(s, tok + 1, n - 1);
		break;
	case V_COMMIT:
		ret = do_commit(s, tok + 1, n - 1);
		break;
	case V_ROLLBACK:
		ret = do_rollback(s, tok + 1, n - 1);
		break;
	case V_LOAD:
		ret = do_load(s, tok + 1, n - 1);
		break;
	case V_RUN:
		if (n < 2) {
			fprintf(stderr, "error: run: expecting an operational command\n");
			ret = 1;
			break;
		}
		if (!strcmp(tok[1], "configure")) {
			fprintf(stderr, "error: already in configuration mode\n");
			ret = 1;
			break;
		}
		fflush(stdout);
		ret = cli_dispatch(s->cli, n - 1, tok + 1);
		fflush(stdout);
		break;
	case V_STATUS:
		printf("Users currently editing the configuration:\n  %s (private candidate)\n",
		       getenv("USER") ? getenv("USER") : "root");
		break;
	case V_HELP:
		help();
		break;
	}
	tokens_free(tok, n);
	fflush(stdout);
	return ret;
}

void session_banner(const struct session *s, FILE *f)
{
	int i;

	fprintf(f, "\n[edit");
	for (i = 0; i < s->nedit; i++)
		fprintf(f, strchr(s->edit[i], ' ') ? " \"%s\"" : " %s", s->edit[i]);
	fprintf(f, "]\n");
}

static char *stdin_readline(struct session *s, const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	(void)s;
	if (*prompt) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	len = getline(&line, &cap, stdin);
	if (len < 0) {
		free(line);
		return NULL;
	}
	if (len && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return line;
}

int cmd_configure(struct cli *c, int argc, char **argv)
{
	struct session s = { .cli = c, .readline = stdin_readline };
	struct cnode *running = NULL;
	uint64_t gen;
	int err, lineno = 0, errors = 0;
	char *line;

	if (argc && strcmp(argv[0], "private")) {
		fprintf(stderr, "srxflow: configure: unexpected '%s' (only 'private' is known; "
			"every session is private)\n", argv[0]);
		return 1;
	}
	err = store_running(cli_nl(c), &running, &gen, NULL);
	if (err) {
		nl_perror(&c->nl, "reading the configuration", err);
		return 1;
	}
	session_reset(&s, running, gen);
	s.interactive = isatty(0) && isatty(1);
	if (s.interactive)
		return configure_interactive(&s);
	while (!s.done && (line = s.readline(&s, ""))) {
		lineno++;
		if (session_line(&s, line, lineno))
			errors++;
		free(line);
	}
	if (!s.done && modified(&s))
		fprintf(stderr, "warning: end of input: uncommitted changes discarded\n");
	session_free(&s);
	return errors ? 1 : 0;
}

void session_free(struct session *s)
{
	ctree_free(s->cand);
	ctree_free(s->running);
	tokens_free(s->edit, s->nedit);
	s->cand = s->running = NULL;
	s->edit = NULL;
	s->nedit = 0;
}

int cmd_show_system_commit(struct cli *c, int argc, char **argv)
{
	unsigned int seq;
	time_t deadline;

	if (argc) {
		fprintf(stderr, "srxflow: show system commit: unexpected '%s'\n", argv[0]);
		return 1;
	}
	if (c->json) {
		struct commit_info *v;
		int n, i;

		store_history(&v, &n);
		printf("{\"commit-history\":[");
		for (i = 0; i < n; i++) {
			printf("%s{\"sequence-number\":%d,\"date-time\":%lld,\"user\":\"%s\","
			       "\"client\":\"%s\",\"comment\":\"", i ? "," : "", i,
			       (long long)v[i].time, v[i].user, v[i].via);
			for (const char *p = v[i].comment; *p; p++)
				printf(*p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
			printf("\"}");
		}
		printf("]}\n");
		free(v);
		return 0;
	}
	store_print_history(stdout);
	if (store_confirm_pending(&seq, &deadline))
		printf("commit confirmed pending: rolled back at %s", ctime(&deadline));
	return 0;
}

int cmd_rollback(struct cli *c, int argc, char **argv)
{
	struct commit_opts o = { .via = "cli rollback" };
	struct commit_err cerr = { 0 };
	struct cnode *t = NULL;
	unsigned int n;
	uint64_t gen;
	char err[700];
	int r;

	if (argc == 3 && !strcmp(argv[1], "comment"))
		o.comment = argv[2];
	else if (argc != 1)
		argc = 0;
	if (!argc || !parse_u32(argv[0], &n) || n > 49) {
		fprintf(stderr, "srxflow: rollback: expecting <0..49> [comment TEXT]\n");
		return 1;
	}
	if (store_load((int)n, &t, NULL, err, sizeof(err))) {
		fprintf(stderr, "srxflow: %s\n", err);
		return 1;
	}
	r = config_generation(cli_nl(c), &gen);
	if (!r)
		r = store_commit(cli_nl(c), t, gen, &o, NULL, &cerr);
	ctree_free(t);
	if (r) {
		fprintf(stderr, "srxflow: error: %s\n", cerr.msg[0] ? cerr.msg : strerror(-r));
		return 1;
	}
	printf("commit complete\n");
	return 0;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
	if (argc) {
		fprintf(stderr, "srxflow: restore: unexpected '%s'\n", argv[0]);
		return 1;
	}
	return store_restore(cli_nl(c));
}

int cmd_confirm_timer(struct cli *c, int argc, char **argv)
{
	return store_confirm_timer(cli_nl(c), argc, argv);
}
