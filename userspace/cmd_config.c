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
#include "cfgtree.h"
#include "cli.h"
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
	int session_words;	/* configure/commit/exit lines skipped */
};

static int memcmp_tok(char **a, char **b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], b[i]))
			return 1;
	return 0;
}

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
	int i;

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
			err = config_read(nl, &root, &gen);
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
		err = config_commit(nl, root, gen, check_only, &newgen, &cerr);
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
 * Parse a file of set-format lines ("set ...", "delete ...", "insert ...",
 * '#' comments, blank lines).  Keywords must be complete in files: a cut
 * keyword is a truncated file, not an abbreviation.
 */
static int parse_file(const char *path, struct changeset *cs)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, ret = 0;

	if (!f) {
		fprintf(stderr, "srxflow: %s: %s\n", path, strerror(errno));
		return -1;
	}
	cs->file = strcmp(path, "-") ? path : "<stdin>";
	while ((len = getline(&line, &cap, f)) >= 0) {
		char **tok;
		int n;
		enum stmt_op op;

		lineno++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		n = tokenize(line, &tok);
		if (n < 0) {
			fprintf(stderr, "srxflow: %s:%d: unterminated quoted string\n",
				cs->file, lineno);
			ret = -1;
			break;
		}
		if (!n) {
			free(tok);
			continue;
		}
		if (!strcmp(tok[0], "configure") || !strcmp(tok[0], "commit") ||
		    !strcmp(tok[0], "exit") || !strcmp(tok[0], "quit")) {
			/* a pasted CLI session: the load is the commit */
			cs->session_words++;
			tokens_free(tok, n);
			continue;
		}
		if (!strcmp(tok[0], "set")) {
			op = STMT_SET;
		} else if (!strcmp(tok[0], "delete")) {
			op = STMT_DELETE;
		} else if (!strcmp(tok[0], "insert")) {
			op = STMT_INSERT;
		} else {
			fprintf(stderr, "srxflow: %s:%d: syntax error at '%s', expecting <set | delete | insert>\n",
				cs->file, lineno, tok[0]);
			tokens_free(tok, n);
			ret = -1;
			break;
		}
		memmove(tok, tok + 1, sizeof(*tok) * (size_t)n);	/* drop the verb */
		cs_add(cs, op, tok, n - 1, lineno, line);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}

/*
 * A whole Junos configuration (display set form, or the statements the
 * hierarchical form gives): what srxflow does with each statement.
 *
 *   groups / apply-groups   expanded: the statements of each applied group
 *                           (under the path of the apply-groups statement)
 *                           are inherited; explicit statements win
 *   security, applications  applied; a statement srxflow does not implement
 *                           is an error naming it (nothing is applied)
 *   interfaces              `interfaces IFD unit N linux-device DEV` applied
 *                           (the name binding); the rest skipped
 *   system, chassis, ...    hierarchies Linux configures elsewhere: skipped,
 *                           one warning per hierarchy with a count
 *   configure, commit, exit CLI session words of a pasted script: skipped
 */
static const char *const skipped_hierarchies[] = {
	"version", "system", "chassis", "services", "snmp", "routing-options",
	"protocols", "policy-options", "routing-instances", "firewall",
	"class-of-service", "forwarding-options", "event-options", "vlans",
	"bridge-domains", "access", "access-profile", "poe", "switch-options",
	"ethernet-switching-options", "multi-chassis", "virtual-chassis",
	"logical-systems", "tenants", "smtp", "schedulers", "jsrc", "diameter",
	"dynamic-profiles", "multicast-snooping-options", "accounting-options",
	"interfaces", NULL,
};

/* security hierarchies of Junos that srxflow has not built */
static const struct {
	const char *kw, *feature;
} unsupported_security[] = {
	{ "nat", "NAT" }, { "screen", "screens" }, { "ike", "IPsec VPN (IKE)" },
	{ "ipsec", "IPsec VPN" }, { "alg", "ALGs" }, { "utm", "UTM" },
	{ "idp", "IDP" }, { "application-tracking", "AppTrack" },
	{ "log", "security logging" }, { "pki", "PKI" },
	{ "key-manager", "key manager" }, { "ssl", "SSL proxy" },
	{ "dynamic-address", "dynamic address feeds" },
	{ "user-identification", "user firewall" }, { "gprs", "GPRS" },
	{ NULL, NULL },
};

struct skipcount {
	const char *what;
	int n, first_line;
};

static void skip_note(struct skipcount *sc, int *nsc, const char *what, int line)
{
	int i;

	for (i = 0; i < *nsc; i++)
		if (!strcmp(sc[i].what, what)) {
			sc[i].n++;
			return;
		}
	sc[*nsc] = (struct skipcount){ what, 1, line };
	(*nsc)++;
}

static bool in_list(const char *const *v, const char *s)
{
	for (; *v; v++)
		if (!strcmp(*v, s))
			return true;
	return false;
}

/* the group names of an apply-groups value: NAME or [ NAME ... ] */
static int group_names(char **tok, int ntok, char ***names)
{
	if (ntok >= 1 && strcmp(tok[0], "[")) {
		*names = tok;
		return ntok == 1 ? 1 : -1;
	}
	if (ntok < 3 || strcmp(tok[ntok - 1], "]"))
		return -1;
	*names = tok + 1;
	return ntok - 2;
}

static void cs_take(struct changeset *dst, struct change *c)
{
	if (dst->n == dst->cap) {
		dst->cap = dst->cap ? dst->cap * 2 : 64;
		dst->v = xrealloc(dst->v, sizeof(*dst->v) * (size_t)dst->cap);
	}
	dst->v[dst->n++] = *c;
	c->tok = NULL;
	c->text = NULL;
}

static void change_drop(struct change *c)
{
	if (c->tok)
		tokens_free(c->tok, c->ntok);
	free(c->text);
	c->tok = NULL;
	c->text = NULL;
}

/* Is c the name binding `interfaces IFD unit N linux-device DEV`? */
static bool is_binding(const struct change *c)
{
	return c->ntok == 6 && !strcmp(c->tok[0], "interfaces") &&
	       !strcmp(c->tok[2], "unit") && !strcmp(c->tok[4], "linux-device");
}

/*
 * Expand groups, skip what Linux configures elsewhere, refuse what
 * srxflow does not implement.  0, or -1 after printing the errors.
 */
static int cs_prepare(struct changeset *cs)
{
	struct changeset groups = { 0 }, out = { 0 };
	struct skipcount sc[64];
	int nsc = 0, i, j, k, err = 0, applied = 0, skipped = 0, inherited = 0;
	const char *file = cs->file ? cs->file : "<stdin>";

	/* 1. group definitions out of the way */
	for (i = 0; i < cs->n; i++) {
		struct change *c = &cs->v[i];

		if (c->ntok && !strcmp(c->tok[0], "groups")) {
			if (c->op == STMT_SET && c->ntok >= 3)
				cs_take(&groups, c);
			else
				skip_note(sc, &nsc, "groups", c->line);
		}
	}
	/* 2. apply-groups: inherited statements first, so explicit ones win */
	for (i = 0; i < cs->n; i++) {
		struct change *c = &cs->v[i];
		char **names;
		int at = -1, ng;

		if (!c->tok)
			continue;
		for (j = 0; j < c->ntok; j++)
			if (!strcmp(c->tok[j], "apply-groups")) {
				at = j;
				break;
			}
		if (at < 0)
			continue;
		ng = group_names(c->tok + at + 1, c->ntok - at - 1, &names);
		if (c->op != STMT_SET || ng < 0) {
			fprintf(stderr, "srxflow: %s:%d: error: apply-groups: expecting a group name or [ names ]\n  %s\n",
				file, c->line, c->text);
			err = -1;
			change_drop(c);
			continue;
		}
		/* the first group named has priority: apply it last */
		for (k = ng - 1; k >= 0; k--) {
			bool found = false;

			if (!strcmp(names[k], "junos-defaults")) {
				found = true;	/* predefined: always there */
			} else if (strchr(names[k], '$')) {
				fprintf(stderr, "srxflow: %s:%d: warning: apply-groups %s: a chassis cluster node variable, not expanded (its groups are not applied)\n",
					file, c->line, names[k]);
				found = true;
			}
			for (j = 0; j < groups.n; j++) {
				struct change *g = &groups.v[j], nc;

				if (strcmp(g->tok[1], names[k]))
					continue;
				found = true;
				/* under the path of a nested apply-groups only */
				if (g->ntok - 2 < at || memcmp_tok(g->tok + 2, c->tok, at))
					continue;
				nc = (struct change){ STMT_SET, tokens_from_argv(g->ntok - 2, g->tok + 2),
						      g->ntok - 2, g->line, xstrdup(g->text) };
				cs_take(&out, &nc);
				inherited++;
			}
			if (!found) {
				fprintf(stderr, "srxflow: %s:%d: error: apply-groups %s: group is not defined\n  %s\n",
					file, c->line, names[k], c->text);
				err = -1;
			}
		}
		change_drop(c);
	}
	for (i = 0; i < cs->n; i++)
		if (cs->v[i].tok)
			cs_take(&out, &cs->v[i]);
	/* 3. what srxflow applies, skips or refuses */
	for (i = 0; i < out.n; i++) {
		struct change *c = &out.v[i];
		const char *top;

		if (!c->tok)
			continue;	/* counted with the first of its hierarchy */
		top = c->ntok ? c->tok[0] : "";

		if (!strcmp(top, "security") && c->ntok >= 2) {
			for (k = 0; unsupported_security[k].kw; k++)
				if (unsupported_security[k].feature &&
				    !strcmp(c->tok[1], unsupported_security[k].kw))
					break;
			if (unsupported_security[k].kw && c->op == STMT_DELETE) {
				/* nothing of it can be configured: nothing to delete */
				skip_note(sc, &nsc, "delete security (unbuilt features)", c->line);
				change_drop(c);
				skipped++;
				continue;
			}
			if (unsupported_security[k].kw) {
				int n = 0, first = c->line;

				/* one error per hierarchy, with its count */
				for (j = i; j < out.n; j++)
					if (out.v[j].tok && out.v[j].ntok >= 2 &&
					    out.v[j].op != STMT_DELETE &&
					    !strcmp(out.v[j].tok[0], "security") &&
					    !strcmp(out.v[j].tok[1], c->tok[1])) {
						if (!n)
							first = out.v[j].line;
						n++;
						if (j > i)
							change_drop(&out.v[j]);
					}
				fprintf(stderr, "srxflow: %s:%d: error: security %s: not supported by srxflow (%s is not built yet); %d statement%s\n  %s\n",
					file, first, c->tok[1], unsupported_security[k].feature, n,
					n == 1 ? "" : "s", c->text);
				change_drop(c);
				err = -1;
				continue;
			}
		}
		if (!strcmp(top, "interfaces") && is_binding(c)) {
			applied++;
			continue;
		}
		if (in_list(skipped_hierarchies, top)) {
			skip_note(sc, &nsc, top, c->line);
			change_drop(c);
			skipped++;
			continue;
		}
		if (c->tok)
			applied++;
	}
	for (i = 0; i < cs->n; i++)
		change_drop(&cs->v[i]);
	free(cs->v);
	cs->v = NULL;
	cs->n = cs->cap = 0;
	for (i = 0; i < out.n; i++)
		if (out.v[i].tok)
			cs_take(cs, &out.v[i]);
	free(out.v);
	for (i = 0; i < groups.n; i++)
		change_drop(&groups.v[i]);
	free(groups.v);
	for (i = 0; i < nsc; i++)
		fprintf(stderr, "srxflow: %s:%d: warning: %s: %d statement%s skipped (not configured by srxflow)\n",
			file, sc[i].first_line, sc[i].what, sc[i].n, sc[i].n == 1 ? "" : "s");
	if (cs->session_words)
		fprintf(stderr, "srxflow: %s: warning: %d CLI session line%s (configure, commit, exit) skipped\n",
			file, cs->session_words, cs->session_words == 1 ? "" : "s");
	if (nsc || inherited)
		fprintf(stderr, "srxflow: %s: %d statement%s to apply, %d skipped (%d inherited from groups)\n",
			file, applied, applied == 1 ? "" : "s", skipped, inherited);
	return err;
}

static int load(struct cli *c, int argc, char **argv, bool override, bool check)
{
	struct changeset cs = { .override = override };
	int ret;

	if (argc != 1) {
		fprintf(stderr, "srxflow: expecting one FILE argument ('-' for standard input)\n");
		return 1;
	}
	if (parse_file(argv[0], &cs) || cs_prepare(&cs)) {
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
	return load(c, argc, argv, false, false);
}

int cmd_load_override(struct cli *c, int argc, char **argv)
{
	return load(c, argc, argv, true, false);
}

int cmd_load_merge_stdin(struct cli *c, int argc, char **argv)
{
	char *dash[] = { "-" };

	if (argc) {
		fprintf(stderr, "srxflow: load set terminal: unexpected '%s'\n", argv[0]);
		return 1;
	}
	return load(c, 1, dash, false, false);
}

int cmd_commit_check(struct cli *c, int argc, char **argv)
{
	return load(c, argc, argv, true, true);
}

static int show_defaults(struct cli *c, int argc, char **argv);

int cmd_show_configuration(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct cnode *root = NULL, *n = root;
	struct stmt_err serr;
	uint64_t gen;
	char *prefix;
	int err;

	if (argc >= 2 && !strcmp(argv[0], "groups") && !strcmp(argv[1], "junos-defaults"))
		return show_defaults(c, argc - 2, argv + 2);
	err = config_read(nl, &root, &gen);
	if (err) {
		nl_perror(nl, "show configuration", err);
		return 1;
	}
	n = root;
	if (argc && stmt_apply(root, STMT_FIND, argv, argc, 0, true, &n, &serr)) {
		if (!serr.not_found) {
			fprintf(stderr, "srxflow: %s\n", serr.msg);
			show_caret("show configuration", argv, argc, serr.word);
			ctree_free(root);
			return 1;
		}
		ctree_free(root);
		return 0;	/* nothing configured there */
	}
	if (c->json) {
		ctree_print_json(stdout, n);
	} else {
		prefix = cnode_path(n);
		if (n != root || cnode_has_children(root))
			ctree_print_set(stdout, n, prefix);
		free(prefix);
	}
	ctree_free(root);
	return 0;
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
