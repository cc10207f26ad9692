// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration commands: set, delete, insert, load merge|override,
 * commit check, show configuration.
 *
 * Every change is one atomic commit of the complete configuration, based
 * on the generation that was read.  If another client committed meanwhile
 * the kernel refuses the commit and the change is re-applied to the fresh
 * configuration (so that no update is ever lost) a few times before giving
 * up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include "cfgcodec.h"
#include "cfgload.h"
#include "cfgstore.h"
#include "cfgtext.h"
#include "cfgtree.h"
#include "cli.h"
#include "pipe.h"
#include "util.h"

#define COMMIT_RETRIES 8

/* One parsed statement of a change. */
struct change {
	enum stmt_op op;
	char **tok;
	int ntok;
	int line;		/* 0: command line */
	char *text;		/* original text (for messages) */
};

struct changeset {
	struct change *v;
	int n, cap;
	const char *file;	/* NULL: command line */
	bool override;		/* start from an empty configuration */
	const char *comment;	/* of the commit */
	struct ctext text;	/* file: its statements (either form) */
	enum ctext_mode mode;	/* file: merge or replace */
};

static void cs_add(struct changeset *cs, enum stmt_op op, char **tok, int ntok,
		   int line, const char *text)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->v = xrealloc(cs->v, sizeof(*cs->v) * (size_t)cs->cap);
	}
	cs->v[cs->n++] = (struct change){ op, tok, ntok, line, xstrdup(text) };
}

static void cs_free(struct changeset *cs)
{
	int i;

	ctext_free(&cs->text);
	for (i = 0; i < cs->n; i++) {
		tokens_free(cs->v[i].tok, cs->v[i].ntok);
		free(cs->v[i].text);
	}
	free(cs->v);
}

/* Print the statement with a caret under word w (tokens after the verb). */
static void show_caret(const char *verb, char **tok, int ntok, int w)
{
	int i, col = (int)strlen(verb) + 1, caret = col;

	fprintf(stderr, "  %s", verb);
	for (i = 0; i < ntok; i++) {
		bool q = strchr(tok[i], ' ') != NULL;

		if (i == w)
			caret = col;
		fprintf(stderr, q ? " \"%s\"" : " %s", tok[i]);
		col += (int)strlen(tok[i]) + 1 + (q ? 2 : 0);
	}
	if (w >= ntok)
		caret = col + 1;
	fprintf(stderr, "\n  %*s^\n", caret, "");
}

static const char *verb_of(enum stmt_op op)
{
	return op == STMT_SET ? "set" : op == STMT_DELETE ? "delete" : "insert";
}

/* Apply all changes to root; prints errors. 0, or -1 on error. */
static int cs_apply(const struct changeset *cs, struct cnode *root, bool warn)
{
	struct stmt_err err;
	int i;

	for (i = 0; i < cs->text.n; i++) {
		const struct ctext_stmt *st = &cs->text.v[i];

		if (!ctext_apply(root, st, cs->mode, &err))
			continue;
		fprintf(stderr, "srxflow: %s:%d: %s\n", cs->file, st->line, err.msg);
		show_caret(ctext_verb_name(st->verb), st->tok, st->ntok, err.word);
		return -1;
	}
	for (i = 0; i < cs->n; i++) {
		const struct change *c = &cs->v[i];

		if (!stmt_apply(root, c->op, c->tok, c->ntok, c->line, !cs->file,
				NULL, &err))
			continue;
		if (err.not_found && c->op == STMT_DELETE) {
			if (warn) {
				if (cs->file)
					fprintf(stderr, "srxflow: %s:%d: warning: statement not found\n",
						cs->file, c->line);
				else
					fprintf(stderr, "warning: statement not found\n");
			}
			continue;
		}
		if (cs->file)
			fprintf(stderr, "srxflow: %s:%d: %s\n", cs->file, c->line, err.msg);
		else
			fprintf(stderr, "srxflow: %s\n", err.msg);
		show_caret(verb_of(c->op), c->tok, c->ntok, err.word);
		return -1;
	}
	return 0;
}

static const char *line_text(const struct changeset *cs, int line)
{
	static char buf[600];
	int i, j;

	for (i = 0; i < cs->text.n; i++)
		if (cs->text.v[i].line == line) {
			size_t off = (size_t)snprintf(buf, sizeof(buf), "%s",
						      ctext_verb_name(cs->text.v[i].verb));

			for (j = 0; j < cs->text.v[i].ntok && off < sizeof(buf); j++)
				off += (size_t)snprintf(buf + off, sizeof(buf) - off, " %s",
							cs->text.v[i].tok[j]);
			return buf;
		}
	for (i = 0; i < cs->n; i++)
		if (cs->v[i].line == line)
			return cs->v[i].text;
	return NULL;
}

/* Read, apply, commit; retry when someone else committed meanwhile. */
static int cs_commit(struct cli *c, const struct changeset *cs, bool check_only)
{
	struct nl *nl = cli_nl(c);
	struct commit_err cerr;
	int attempt, err = 0;

	for (attempt = 0; attempt < COMMIT_RETRIES; attempt++) {
		struct cnode *root = NULL;
		uint64_t gen = 0, newgen = 0;

		/* override does not need the running configuration, only its generation */
		if (cs->override) {
			err = config_generation(nl, &gen);
			root = ctree_new();
		} else {
			err = store_running(nl, &root, &gen, NULL);
		}
		if (err) {
			nl_perror(nl, "reading the configuration", err);
			ctree_free(root);
			return 1;
		}
		if (cs_apply(cs, root, attempt == 0)) {
			ctree_free(root);
			return 1;
		}
		{
			struct commit_opts o = { .check_only = check_only,
						 .comment = cs->comment };

			err = store_commit(nl, root, gen, &o, &newgen, &cerr);
		}
		ctree_free(root);
		if (err == -EAGAIN && !cerr.line) {
			/* configuration changed since it was read: do it again */
			continue;
		}
		if (err) {
			const char *t = cerr.line ? line_text(cs, cerr.line) : NULL;

			if (!cerr.msg[0])
				snprintf(cerr.msg, sizeof(cerr.msg), "%s", err == -EPERM ?
					 nl_eperm_text() :
					 strerror(-err));
			if (cs->file && cerr.line)
				fprintf(stderr, "srxflow: %s:%d: error: %s\n  %s\n",
					cs->file, cerr.line, cerr.msg, t ? t : "");
			else
				fprintf(stderr, "srxflow: error: %s\n", cerr.msg);
			fprintf(stderr, "error: configuration check-out failed%s\n",
				check_only ? "" : "; nothing was changed");
			return 1;
		}
		if (check_only)
			printf("configuration check succeeds\n");
		return 0;
	}
	fprintf(stderr, "srxflow: error: configuration changed since it was read, retry "
		"(gave up after %d attempts)\n", COMMIT_RETRIES);
	return 1;
}

static int one_shot(struct cli *c, enum stmt_op op, int argc, char **argv)
{
	struct changeset cs = { 0 };
	struct sbuf text = { 0 };
	char **tok;
	int i, ret;

	if (!argc) {
		fprintf(stderr, "srxflow: %s: missing statement\n", verb_of(op));
		return 1;
	}
	tok = tokens_from_argv(argc, argv);
	sb_puts(&text, verb_of(op));
	for (i = 0; i < argc; i++)
		sb_printf(&text, " %s", argv[i]);
	cs_add(&cs, op, tok, argc, 0, text.s);
	sb_free(&text);
	ret = cs_commit(c, &cs, false);
	cs_free(&cs);
	return ret;
}

int cmd_set(struct cli *c, int argc, char **argv)
{
	return one_shot(c, STMT_SET, argc, argv);
}

int cmd_delete(struct cli *c, int argc, char **argv)
{
	return one_shot(c, STMT_DELETE, argc, argv);
}

int cmd_insert(struct cli *c, int argc, char **argv)
{
	return one_shot(c, STMT_INSERT, argc, argv);
}

/*
 * Read a configuration file, either form (set lines or the hierarchical
 * text `show configuration` prints).  Keywords must be complete in files:
 * a cut keyword is a truncated file, not an abbreviation.
 */
static int parse_file(const char *path, struct changeset *cs)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct sbuf b = { 0 };
	char buf[8192], err[700];
	size_t n;
	int ret;

	if (!f) {
		fprintf(stderr, "srxflow: %s: %s\n", path, strerror(errno));
		return -1;
	}
	cs->file = strcmp(path, "-") ? path : "<stdin>";
	sb_puts(&b, "");
	while ((n = fread(buf, 1, sizeof(buf) - 1, f)) > 0) {
		buf[n] = '\0';
		sb_puts(&b, buf);
	}
	if (f != stdin)
		fclose(f);
	ret = ctext_parse(b.s, cs->file, &cs->text, err, sizeof(err));
	if (ret)
		fprintf(stderr, "srxflow: %s\n", err);
	else
		ret = cfg_load_prepare(&cs->text, cs->file);
	sb_free(&b);
	return ret;
}

static int load(struct cli *c, int argc, char **argv, bool override, bool check,
		enum ctext_mode mode)
{
	struct changeset cs = { .override = override, .mode = mode };
	int ret;

	if (argc != 1) {
		fprintf(stderr, "srxflow: expecting one FILE argument ('-' for standard input)\n");
		return 1;
	}
	if (parse_file(argv[0], &cs)) {
		cs_free(&cs);
		fprintf(stderr, "error: configuration check-out failed; nothing was changed\n");
		return 1;
	}
	ret = cs_commit(c, &cs, check);
	if (!ret && !check)
		printf("load complete\n");
	cs_free(&cs);
	return ret;
}

int cmd_load_merge(struct cli *c, int argc, char **argv)
{
	return load(c, argc, argv, false, false, CTEXT_MERGE);
}

int cmd_load_override(struct cli *c, int argc, char **argv)
{
	return load(c, argc, argv, true, false, CTEXT_MERGE);
}

int cmd_load_replace(struct cli *c, int argc, char **argv)
{
	return load(c, argc, argv, false, false, CTEXT_REPLACE);
}

int cmd_load_merge_stdin(struct cli *c, int argc, char **argv)
{
	char *dash[] = { "-" };

	if (argc) {
		fprintf(stderr, "srxflow: load set terminal: unexpected '%s'\n", argv[0]);
		return 1;
	}
	return load(c, 1, dash, false, false, CTEXT_MERGE);
}

int cmd_commit_check(struct cli *c, int argc, char **argv)
{
	return load(c, argc, argv, true, true, CTEXT_MERGE);
}

static int show_defaults(struct cli *c, int argc, char **argv);

/* `## Last commit: ...` of the running configuration */
static void last_commit_line(void)
{
	struct commit_info *v;
	int n;

	store_history(&v, &n);
	if (n) {
		char t[64];
		struct tm tm;

		localtime_r(&v[0].time, &tm);
		strftime(t, sizeof(t), "%Y-%m-%d %H:%M:%S %Z", &tm);
		printf("## Last commit: %s by %s\n", t, v[0].user);
	}
	free(v);
}

int show_config_tree(struct cli *c, struct cnode *root, const struct cnode *running,
		     int argc, char **argv, bool header)
{
	struct pipes *p = c->pipes;
	struct cnode *n = root;
	struct stmt_err serr;
	char *prefix;

	if (p && p->compare) {
		struct cnode *old = NULL;
		char err[600];

		if (p->compare_rollback < 0 && running) {
			ctext_compare(stdout, running, root);
			return 0;
		}
		if (store_load(p->compare_rollback < 0 ? 0 : p->compare_rollback, &old, NULL,
			       err, sizeof(err))) {
			fprintf(stderr, "srxflow: %s\n", err);
			return 1;
		}
		ctext_compare(stdout, old, root);
		ctree_free(old);
		return 0;
	}
	if (argc && stmt_apply(root, STMT_FIND, argv, argc, 0, true, &n, &serr)) {
		if (!serr.not_found) {
			fprintf(stderr, "srxflow: %s\n", serr.msg);
			show_caret("show configuration", argv, argc, serr.word);
			return 1;
		}
		return 0;	/* nothing configured there */
	}
	if (c->json) {
		ctree_print_json(stdout, n);
	} else if (p && p->display_set) {
		prefix = cnode_path(n);
		if (n != root || cnode_has_children(root))
			ctree_print_set(stdout, n, prefix);
		free(prefix);
	} else {
		if (header && n == root)
			last_commit_line();
		ctext_print(stdout, n, 0);
	}
	return 0;
}

int cmd_show_configuration(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct cnode *root = NULL;
	bool saved;
	uint64_t gen;
	int err;

	if (argc >= 2 && !strcmp(argv[0], "groups") && !strcmp(argv[1], "junos-defaults"))
		return show_defaults(c, argc - 2, argv + 2);
	err = store_running(nl, &root, &gen, &saved);
	if (err) {
		nl_perror(nl, "show configuration", err);
		return 1;
	}
	err = show_config_tree(c, root, NULL, argc, argv, saved);
	ctree_free(root);
	return err;
}

static int app_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == SRXFLOW_A_CFG_APPLICATION ||
		    mnl_attr_get_type(a) == SRXFLOW_A_CFG_APPLICATION_SET)
			config_decode_object(data, a);
	return 0;
}

/* show configuration groups junos-defaults [applications ...]: predefined */
static int show_defaults(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct cnode *root = ctree_new(), *n = root;
	struct stmt_err serr;
	struct nlreq req;
	char *path;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_APP_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, app_cb, root);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show configuration groups junos-defaults", err);
		ctree_free(root);
		return 1;
	}
	if (argc && stmt_apply(root, STMT_FIND, argv, argc, 0, true, &n, &serr)) {
		if (!serr.not_found)
			fprintf(stderr, "srxflow: %s\n", serr.msg);
		ctree_free(root);
		return serr.not_found ? 0 : 1;
	}
	if (c->json) {
		ctree_print_json(stdout, n);
	} else {
		char *p = cnode_path(n);

		path = xasprintf("groups junos-defaults%s%s", *p ? " " : "", p);
		free(p);
		ctree_print_set(stdout, n, path);
		free(path);
	}
	ctree_free(root);
	return 0;
}
