/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The candidate configuration as a tree of statements shaped by the schema.
 */
#ifndef SRXFLOW_CFGTREE_H
#define SRXFLOW_CFGTREE_H

#include <stdbool.h>
#include <stdio.h>
#include "schema.h"

struct chash;
struct cnode;

/* All instances of one schema child under a node, in insertion order. */
struct cgroup {
	struct cnode *first, *last;
	unsigned int count;
	struct chash *hash;	/* value -> node, built when count grows */
};

struct cnode {
	const struct snode *sn;
	char *value;		/* list key / leaf or leaf-list value */
	struct cnode *parent;
	struct cnode *prev, *next;
	struct cgroup *groups;	/* one per schema child (containers, lists) */
	int line;		/* source line that last set it (0: none) */
	int aux;		/* scratch for algorithms over the tree, -1 idle */
	bool inline_alloc;	/* groups and value live in the node's block */
	bool value_owned;	/* value was malloc'd apart (after a rename) */
	bool inactive;		/* `deactivate`d: kept, printed, never committed */
	char *annotation;	/* `annotate` text (malloc'd) or NULL */
};

struct cnode *ctree_new(void);
void ctree_free(struct cnode *n);

int snode_child_index(const struct snode *parent, const struct snode *child);
struct cgroup *cnode_group(struct cnode *n, const struct snode *child);
bool cnode_has_children(const struct cnode *n);

/* Find an instance of child schema node sn (value: key or leaf-list value;
 * NULL for containers, flags and leaves).
 */
struct cnode *cnode_find(struct cnode *parent, const struct snode *sn, const char *value);
/* Find or create (appended in insertion order). */
struct cnode *cnode_get(struct cnode *parent, const struct snode *sn, const char *value, int line);
/* Set a leaf's value (replacing). */
struct cnode *cnode_set_leaf(struct cnode *parent, const struct snode *sn, const char *value, int line);
/* Unlink and free a node and its subtree. */
void cnode_delete(struct cnode *n);
/* Move list entry n just before/after ref (same group). */
void cnode_move(struct cnode *n, struct cnode *ref, bool before);
/* Remove siblings that are in the same choice group as sn. */
void cnode_clear_choice(struct cnode *parent, const struct snode *sn);
/* Give list entry n the (already canonical) key value. */
void cnode_rename(struct cnode *n, const char *value);
/* Set or clear (text NULL or "") the annotation of n. */
void cnode_annotate(struct cnode *n, const char *text);

/*
 * Deep copy of a tree.  active_only: leave out inactive nodes and their
 * subtrees and drop annotations (what is committed to the kernel).
 */
struct cnode *ctree_clone(const struct cnode *root, bool active_only);
/* Does the tree hold any inactive node or annotation? */
bool ctree_has_meta(const struct cnode *root);
/* Set-line text of the whole tree (deactivate/annotate lines included). */
char *ctree_set_text(const struct cnode *root);

/* --- statements ---------------------------------------------------------- */
enum stmt_op { STMT_SET, STMT_DELETE, STMT_INSERT, STMT_FIND };

struct stmt_err {
	int word;		/* index of the offending token */
	char msg[512];
	bool not_found;		/* delete/find: statement not found */
};

/*
 * Apply one statement (tokens after the verb).  abbrev allows unique
 * keyword prefixes.  For STMT_FIND, *found receives the node.
 * Returns 0 or -1 with err filled.
 */
int stmt_apply(struct cnode *root, enum stmt_op op, char **tok, int ntok,
	       int line, bool abbrev, struct cnode **found, struct stmt_err *err);

/*
 * Split a line into tokens: whitespace separated, "double quoted" strings
 * keep spaces, '#' starts a comment outside quotes, [ and ] are tokens.
 * Returns the number of tokens (>= 0) or -1 on an unterminated quote.
 */
int tokenize(const char *line, char ***tok_out);
void tokens_free(char **tok, int n);
/* the same layout from an argument vector */
char **tokens_from_argv(int argc, char **argv);

/* --- output ---------------------------------------------------------------- */
/*
 * Print every statement under n as `set` lines; prefix is n's own path.
 * An inactive statement is followed by its `deactivate PATH` line (as
 * Junos prints it), an annotated one by `annotate PATH "text"` (an srxflow
 * extension: Junos leaves annotations out of `display set`).
 */
void ctree_print_set(FILE *f, const struct cnode *n, const char *prefix);
/* The path of n for deactivate/activate/annotate (a leaf without its value). */
char *cnode_stmt_path(const struct cnode *n);
/* Path of n as set-line words (without "set"). Caller frees. */
char *cnode_path(const struct cnode *n);
void ctree_print_json(FILE *f, const struct cnode *n);

#endif
