/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Junos configuration text, both forms:
 *
 *   hierarchical (what `show configuration` prints)     set lines
 *     security {                                          set security zones ...
 *         /+ annotation +/                                deactivate security ...
 *         inactive: zones { ... }                         annotate security ... "text"
 *     }
 *
 * Parsing turns either form into one list of statements in set-line form:
 * a verb and the FULL path as tokens (the layout of tokenize(): tok[ntok]
 * is NULL, `[ a b ]` stays as the tokens "[", "a", "b", "]").  The
 * hierarchical parser knows nothing of the schema: a statement's path is
 * the words of its enclosing blocks followed by its own words, so
 * `from-zone a to-zone b { policy p { then permit; } }` gives
 * `set from-zone a to-zone b policy p then permit`, whatever a real SRX
 * put there (unknown hierarchies, groups, apply-groups are left to the
 * caller to expand or skip before ctext_apply()).
 *
 * Typical load path:
 *   struct ctext t = { 0 };
 *   if (ctext_parse(buf, "file.conf", &t, err, sizeof(err))) ... error
 *   ... optionally rewrite/drop statements in t.v[0..t.n) ...
 *   for (i = 0; i < t.n; i++)
 *       if (ctext_apply(root, &t.v[i], &edit, CTEXT_MERGE, &serr)) ... error at t.v[i].line
 *   ctext_free(&t);
 */
#ifndef SRXFLOW_CFGTEXT_H
#define SRXFLOW_CFGTEXT_H

#include <stdbool.h>
#include <stdio.h>
#include "cfgtree.h"

enum ctext_verb {
	CT_SET,		/* set PATH */
	CT_DELETE,	/* delete PATH (also the `delete:` tag) */
	CT_INSERT,	/* insert PATH before|after KW VALUE */
	CT_DEACTIVATE,	/* deactivate PATH (also the `inactive:` prefix) */
	CT_ACTIVATE,	/* activate PATH */
	CT_ANNOTATE,	/* annotate PATH TEXT: the last token is the text */
	CT_RENAME,	/* rename PATH to KW VALUE */
	CT_REPLACE,	/* the `replace:` tag on PATH: `load replace` deletes
			 * PATH before the statements below it are set; the
			 * other load modes ignore it */
	CT_PROTECT,	/* the `protect:` prefix: accepted and ignored */
};

struct ctext_stmt {
	enum ctext_verb verb;
	char **tok;	/* full path from the top of the hierarchy */
	int ntok;
	int line;	/* 1-based line in the source text */
};

struct ctext {
	struct ctext_stmt *v;
	int n, cap;
	int session_words;	/* set form: configure/commit/exit/quit lines of a
				 * pasted CLI session, skipped */
};

/*
 * Does the text look hierarchical?  True unless its first word (after
 * comments) is a configuration-mode verb (set, delete, insert, deactivate,
 * activate, annotate, rename, edit, up, top).
 */
bool ctext_is_hierarchical(const char *text);

/*
 * Parse text (either form, detected with ctext_is_hierarchical()) and
 * append its statements to out.  name is used in messages ("FILE:LINE:").
 * Set-form text may use edit/up [N]/top: their paths are folded into the
 * statements, which always carry the full path.  '#' comments and blank
 * lines are skipped in both forms; in the hierarchical form a comment
 * right before a statement becomes its CT_ANNOTATE, `inactive:` its
 * CT_DEACTIVATE (emitted after the statement's contents).
 * Returns 0, or -1 with "NAME:LINE: message" in err (out then holds the
 * statements before the error; ctext_free() it either way).
 */
int ctext_parse(const char *text, const char *name, struct ctext *out,
		char *err, size_t errsz);
/* Append one statement (tokens are copied). */
void ctext_add(struct ctext *t, enum ctext_verb verb, char **tok, int ntok, int line);
void ctext_free(struct ctext *t);
/* The verb's word ("set", "delete", ...). */
const char *ctext_verb_name(enum ctext_verb verb);

/* How ctext_apply() treats CT_REPLACE. */
enum ctext_mode { CTEXT_MERGE, CTEXT_REPLACE };

/*
 * Apply one statement to a tree.  Keywords must be complete (abbrev
 * false), a top-level `version` statement is ignored, and a delete of a
 * statement that is not there is not an error (as in `load merge`).
 * Returns 0, or -1 with err filled (err->word indexes s->tok).
 */
int ctext_apply(struct cnode *root, const struct ctext_stmt *s, enum ctext_mode mode,
		struct stmt_err *err);

/*
 * Configuration-mode statement verbs on a tree, shared by ctext_apply()
 * and the `configure` session (abbrev: keywords may be unique prefixes).
 */
int ctree_deactivate(struct cnode *root, char **tok, int ntok, bool on, bool abbrev,
		     struct stmt_err *err);
int ctree_annotate(struct cnode *root, char **tok, int ntok, const char *text, bool abbrev,
		   struct stmt_err *err);
/* tok: PATH-OF-ENTRY to KW NEWVALUE (or PATH-OF-ENTRY to NEWVALUE) */
int ctree_rename(struct cnode *root, char **tok, int ntok, bool abbrev, struct stmt_err *err);

/*
 * Print the statements under n in the hierarchical form, indented by
 * 4 * depth spaces; a leaf, flag or leaf-list value n prints itself.
 */
void ctext_print(FILE *f, const struct cnode *n, int depth);
/* One statement c (and its subtree); prefix: words printed before it; kw:
 * print c's keyword (false inside a braced list such as `interfaces`). */
void ctext_print_stmt(FILE *f, const struct cnode *c, int depth, const char *prefix, bool kw);

/*
 * `show | compare`: the differences from old to new as Junos prints them,
 * an `[edit PATH]` header, then `-` / `+` statements in hierarchical form.
 * Both trees are complete configurations (roots).
 */
void ctext_compare(FILE *f, const struct cnode *old, const struct cnode *new);

#endif
