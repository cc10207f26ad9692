// SPDX-License-Identifier: GPL-2.0
/*
 * The candidate configuration tree: statements applied with Junos `set`,
 * `delete` and `insert` semantics, printed back as canonical `set` lines
 * or JSON.  Lists keep insertion order (policy order matters); lookups in
 * large lists go through a per-list hash so that 10,000-entry lists stay
 * linear to build.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cfgtree.h"
#include "json.h"
#include "util.h"
#include "values.h"

#define HASH_MIN_COUNT 8
#define TOMBSTONE ((struct cnode *)1)

struct chash {
	size_t cap;		/* power of two */
	size_t used;		/* live + tombstones */
	struct cnode **slot;
};

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void chash_insert(struct chash *h, struct cnode *n);

static void chash_rebuild(struct cgroup *g, size_t cap)
{
	struct chash *h = g->hash;
	struct cnode *n;

	if (!h)
		h = g->hash = xcalloc(1, sizeof(*h));
	free(h->slot);
	h->cap = cap;
	h->used = 0;
	h->slot = xcalloc(cap, sizeof(*h->slot));
	for (n = g->first; n; n = n->next)
		chash_insert(h, n);
}

static void chash_insert(struct chash *h, struct cnode *n)
{
	size_t i = str_hash(n->value) & (h->cap - 1);

	while (h->slot[i] && h->slot[i] != TOMBSTONE)
		i = (i + 1) & (h->cap - 1);
	if (!h->slot[i])
		h->used++;
	h->slot[i] = n;
}

static struct cnode **chash_lookup(struct chash *h, const char *value)
{
	size_t i = str_hash(value) & (h->cap - 1);

	while (h->slot[i]) {
		if (h->slot[i] != TOMBSTONE && !strcmp(h->slot[i]->value, value))
			return &h->slot[i];
		i = (i + 1) & (h->cap - 1);
	}
	return NULL;
}

static void group_add(struct cgroup *g, struct cnode *n)
{
	n->prev = g->last;
	n->next = NULL;
	if (g->last)
		g->last->next = n;
	else
		g->first = n;
	g->last = n;
	g->count++;
	if (!n->value)
		return;
	if (g->hash && (g->hash->used + 1) * 2 > g->hash->cap)
		chash_rebuild(g, g->hash->cap * 2);
	else if (g->hash)
		chash_insert(g->hash, n);
	else if (g->count >= HASH_MIN_COUNT)
		chash_rebuild(g, 32);
}

static void group_unlink(struct cgroup *g, struct cnode *n)
{
	if (g->hash && n->value) {
		struct cnode **s = chash_lookup(g->hash, n->value);

		if (s)
			*s = TOMBSTONE;
	}
	if (n->prev)
		n->prev->next = n->next;
	else
		g->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		g->last = n->prev;
	n->prev = n->next = NULL;
	g->count--;
}

struct cnode *ctree_new(void)
{
	struct cnode *n = xcalloc(1, sizeof(*n));

	n->sn = &schema_root;
	n->aux = -1;
	n->groups = xcalloc((size_t)snode_nchildren(&schema_root) + 1, sizeof(struct cgroup));
	return n;
}

static void cnode_free(struct cnode *n)
{
	int i, nc;

	if (n->groups) {
		nc = snode_nchildren(n->sn);
		for (i = 0; i < nc; i++) {
			struct cnode *c = n->groups[i].first, *next;

			for (; c; c = next) {
				next = c->next;
				cnode_free(c);
			}
			if (n->groups[i].hash)
				free(n->groups[i].hash->slot);
			free(n->groups[i].hash);
		}
		if (!n->inline_alloc)
			free(n->groups);
	}
	if (!n->inline_alloc || n->value_owned)
		free(n->value);
	free(n->annotation);
	free(n);
}

void ctree_free(struct cnode *n)
{
	if (n)
		cnode_free(n);
}

int snode_child_index(const struct snode *parent, const struct snode *child)
{
	int i;

	for (i = 0; parent->children && parent->children[i]; i++)
		if (parent->children[i] == child)
			return i;
	return -1;
}

struct cgroup *cnode_group(struct cnode *n, const struct snode *child)
{
	int i = snode_child_index(n->sn, child);

	return i < 0 || !n->groups ? NULL : &n->groups[i];
}

bool cnode_has_children(const struct cnode *n)
{
	int i, nc;

	if (!n->groups)
		return false;
	nc = snode_nchildren(n->sn);
	for (i = 0; i < nc; i++)
		if (n->groups[i].first)
			return true;
	return false;
}

struct cnode *cnode_find(struct cnode *parent, const struct snode *sn, const char *value)
{
	struct cgroup *g = cnode_group(parent, sn);
	struct cnode *n;

	if (!g)
		return NULL;
	if (!value || sn->kind == SK_LEAF)
		return g->first;
	if (g->hash) {
		struct cnode **s = chash_lookup(g->hash, value);

		return s ? *s : NULL;
	}
	for (n = g->first; n; n = n->next)
		if (n->value && !strcmp(n->value, value))
			return n;
	return NULL;
}

/* one allocation: the node, its child groups, its value */
static struct cnode *cnode_new(struct cnode *parent, const struct snode *sn,
			       const char *value, int line)
{
	size_t ng = sn->kind == SK_CONTAINER || sn->kind == SK_LIST ?
		    (size_t)snode_nchildren(sn) + 1 : 0;
	size_t vl = value ? strlen(value) + 1 : 0;
	struct cnode *n = xmalloc(sizeof(*n) + ng * sizeof(struct cgroup) + vl);

	memset(n, 0, sizeof(*n) + ng * sizeof(struct cgroup));
	n->sn = sn;
	n->parent = parent;
	n->line = line;
	n->aux = -1;
	n->inline_alloc = true;
	if (ng)
		n->groups = (struct cgroup *)(n + 1);
	if (value) {
		n->value = (char *)(n + 1) + ng * sizeof(struct cgroup);
		memcpy(n->value, value, vl);
	}
	return n;
}

struct cnode *cnode_get(struct cnode *parent, const struct snode *sn, const char *value, int line)
{
	struct cgroup *g = cnode_group(parent, sn);
	struct cnode *n;

	if (!g)
		return NULL;
	n = cnode_find(parent, sn, sn->kind == SK_LEAF ? NULL : value);
	if (n) {
		if (line)
			n->line = line;
		return n;
	}
	if (sn->flags & SF_SINGLE) {
		while (g->first)
			cnode_delete(g->first);
	}
	n = cnode_new(parent, sn, value, line);
	group_add(g, n);
	return n;
}

struct cnode *cnode_set_leaf(struct cnode *parent, const struct snode *sn,
			     const char *value, int line)
{
	struct cgroup *g = cnode_group(parent, sn);

	if (!g)
		return NULL;
	if (g->first && g->first->value && !strcmp(g->first->value, value)) {
		g->first->line = line;
		return g->first;
	}
	while (g->first)
		cnode_delete(g->first);
	return cnode_get(parent, sn, value, line);
}

void cnode_delete(struct cnode *n)
{
	struct cgroup *g = n->parent ? cnode_group(n->parent, n->sn) : NULL;

	if (g)
		group_unlink(g, n);
	cnode_free(n);
}

void cnode_move(struct cnode *n, struct cnode *ref, bool before)
{
	struct cgroup *g = cnode_group(n->parent, n->sn);

	if (n == ref || !g)
		return;
	/* unlink without touching the hash (the node stays in the group) */
	if (n->prev)
		n->prev->next = n->next;
	else
		g->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		g->last = n->prev;
	if (before) {
		n->next = ref;
		n->prev = ref->prev;
		if (ref->prev)
			ref->prev->next = n;
		else
			g->first = n;
		ref->prev = n;
	} else {
		n->prev = ref;
		n->next = ref->next;
		if (ref->next)
			ref->next->prev = n;
		else
			g->last = n;
		ref->next = n;
	}
}

void cnode_clear_choice(struct cnode *parent, const struct snode *sn)
{
	int i;

	if (!sn->choice)
		return;
	for (i = 0; parent->sn->children[i]; i++) {
		const struct snode *c = parent->sn->children[i];

		if (c != sn && c->choice == sn->choice)
			while (parent->groups[i].first)
				cnode_delete(parent->groups[i].first);
	}
}

void cnode_rename(struct cnode *n, const char *value)
{
	struct cgroup *g = n->parent ? cnode_group(n->parent, n->sn) : NULL;

	if (!n->inline_alloc || n->value_owned)
		free(n->value);
	n->value = xstrdup(value);
	n->value_owned = true;
	if (g && g->hash)
		chash_rebuild(g, g->hash->cap);
}

void cnode_annotate(struct cnode *n, const char *text)
{
	free(n->annotation);
	n->annotation = text && *text ? xstrdup(text) : NULL;
}

static void clone_children(struct cnode *dst, const struct cnode *src, bool active_only)
{
	int i, nc = snode_nchildren(src->sn);

	if (!src->groups)
		return;
	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = src->groups[i].first; c; c = c->next) {
			struct cnode *d;

			if (active_only && c->inactive)
				continue;
			d = cnode_new(dst, c->sn, c->value, c->line);
			group_add(&dst->groups[i], d);
			if (!active_only) {
				d->inactive = c->inactive;
				d->annotation = c->annotation ? xstrdup(c->annotation) : NULL;
			}
			clone_children(d, c, active_only);
		}
	}
}

struct cnode *ctree_clone(const struct cnode *root, bool active_only)
{
	struct cnode *r = ctree_new();

	if (!active_only)
		r->annotation = root->annotation ? xstrdup(root->annotation) : NULL;
	clone_children(r, root, active_only);
	return r;
}

bool ctree_has_meta(const struct cnode *n)
{
	int i, nc = snode_nchildren(n->sn);

	if (n->inactive || n->annotation)
		return true;
	if (!n->groups)
		return false;
	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = n->groups[i].first; c; c = c->next)
			if (ctree_has_meta(c))
				return true;
	}
	return false;
}

char *ctree_set_text(const struct cnode *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		die("out of memory");
	ctree_print_set(f, root, "");
	fclose(f);
	return buf;
}

/* --- tokenizer --------------------------------------------------------------- */
/*
 * Tokens live in one block: tok[] (argv style, NULL-terminated) followed by
 * the text, so that a line costs one allocation and one free.
 */
int tokenize(const char *line, char ***tok_out)
{
	size_t len = strlen(line), max = len / 2 + 2;
	char **tok = xmalloc(max * sizeof(char *) + len + 1);
	char *out = (char *)(tok + max);
	const char *p = line;
	int n = 0;

	for (;;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		tok[n++] = out;
		if (*p == '"') {
			/* quoted: \\ and \" stand for themselves */
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					p++;
				*out++ = *p++;
			}
			if (*p != '"') {
				free(tok);
				*tok_out = NULL;
				return -1;
			}
			p++;
		} else if (*p == '[' || *p == ']') {
			*out++ = *p++;
		} else {
			while (*p && !isspace((unsigned char)*p) && *p != '[' && *p != ']')
				*out++ = *p++;
		}
		*out++ = '\0';
	}
	tok[n] = NULL;
	*tok_out = tok;
	return n;
}

void tokens_free(char **tok, int n)
{
	(void)n;
	free(tok);
}

char **tokens_from_argv(int argc, char **argv)
{
	size_t len = 0;
	char **tok, *out;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	tok = xmalloc((size_t)(argc + 1) * sizeof(char *) + len);
	out = (char *)(tok + argc + 1);
	for (i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;

		memcpy(out, argv[i], l);
		tok[i] = out;
		out += l;
	}
	tok[argc] = NULL;
	return tok;
}

/* --- statements -------------------------------------------------------------- */
static void expecting(const struct snode *cs, char *buf, size_t size)
{
	const char *names[64];
	char desc[256];
	size_t off = 0;
	int i, n = 0, j;

	for (i = 0; cs->children && cs->children[i] && n < 64; i++) {
		const struct snode *c = cs->children[i];

		if (c->flags & SF_HIDDEN)
			continue;
		/* positional values are described by their type */
		names[n++] = c->kw ? c->kw : vtype_desc(c, desc, sizeof(desc));
	}
	/* alphabetical, like Junos */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n && off + 4 < size; i++)
		off += (size_t)snprintf(buf + off, size - off, "%s%s", i ? " | " : "", names[i]);
}

/* keyword child matching tok (exact, or unique prefix when abbrev) */
static const struct snode *match_kw(const struct snode *cs, const char *tok,
				    bool abbrev, bool *ambiguous)
{
	const struct snode *found = NULL;
	size_t len = strlen(tok);
	int i;

	*ambiguous = false;
	for (i = 0; cs->children && cs->children[i]; i++)
		if (cs->children[i]->kw && !strcmp(cs->children[i]->kw, tok))
			return cs->children[i];
	if (!abbrev || !len)
		return NULL;
	for (i = 0; cs->children && cs->children[i]; i++) {
		const struct snode *c = cs->children[i];

		if (c->kw && !(c->flags & SF_HIDDEN) && !strncmp(c->kw, tok, len)) {
			if (found) {
				*ambiguous = true;
				return NULL;
			}
			found = c;
		}
	}
	return found;
}

static const struct snode *positional_child(const struct snode *cs)
{
	int i;

	for (i = 0; cs->children && cs->children[i]; i++)
		if (!cs->children[i]->kw)
			return cs->children[i];
	return NULL;
}

static int fail(struct stmt_err *err, int word, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct stmt_err *err, int word, const char *fmt, ...)
{
	va_list ap;

	err->word = word;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* canonical value of token i for node sn, or fail */
static int take_value(const struct snode *sn, char **tok, int ntok, int i,
		      char *out, struct stmt_err *err)
{
	char desc[256];

	if (i >= ntok)
		return fail(err, i, "missing value for '%s', expecting %s",
			    snode_name(sn), vtype_desc(sn, desc, sizeof(desc)));
	if (!value_parse(sn, tok[i], out, VALUE_MAX, err->msg, sizeof(err->msg))) {
		err->word = i;
		return -1;
	}
	return 0;
}

/* values of a leaf-list at tok[i]: one value or [ v1 v2 ... ] */
static int take_values(const struct snode *sn, char **tok, int ntok, int *i,
		       char (*vals)[VALUE_MAX], int max, int *nvals, struct stmt_err *err)
{
	*nvals = 0;
	if (*i < ntok && !strcmp(tok[*i], "[")) {
		(*i)++;
		while (*i < ntok && strcmp(tok[*i], "]")) {
			if (*nvals >= max)
				return fail(err, *i, "too many values in [ ]");
			if (take_value(sn, tok, ntok, *i, vals[*nvals], err))
				return -1;
			(*nvals)++;
			(*i)++;
		}
		if (*i >= ntok)
			return fail(err, *i, "missing ']'");
		(*i)++;
		if (!*nvals)
			return fail(err, *i - 1, "empty [ ] for '%s'", snode_name(sn));
		return 0;
	}
	if (take_value(sn, tok, ntok, *i, vals[0], err))
		return -1;
	*nvals = 1;
	(*i)++;
	return 0;
}

#define MAX_LIST_VALUES 256

int stmt_apply(struct cnode *root, enum stmt_op op, char **tok, int ntok,
	       int line, bool abbrev, struct cnode **found, struct stmt_err *err)
{
	static char vals[MAX_LIST_VALUES][VALUE_MAX];
	struct cnode *cur = root, *target = NULL;
	char val[VALUE_MAX];
	bool create = op == STMT_SET;
	bool fresh = true;	/* nothing consumed yet at the current level */
	int i = 0, nvals, k;

	memset(err, 0, sizeof(*err));
	if (!ntok)
		return fail(err, 0, "missing statement");

	while (i < ntok) {
		const struct snode *cs = cur->sn, *c;
		bool amb;
		struct cnode *n;
		char exp[1024];

		if (op == STMT_INSERT && cur != root && cur->sn->kind == SK_LIST &&
		    (!strcmp(tok[i], "before") || !strcmp(tok[i], "after")))
			break;
		c = match_kw(cs, tok[i], abbrev, &amb);
		/* a positional value only right after its container's keyword */
		if (!c && !amb && fresh)
			c = positional_child(cs);
		/*
		 * srxflow extension: in `set`, a keyword that does not belong
		 * to the current container may belong to an enclosing one up
		 * to the list entry, so that one command can carry a whole
		 * policy: "... policy P match ... application any then permit".
		 */
		if (!c && !amb && op == STMT_SET) {
			struct cnode *up;

			for (up = cur; up->parent && up->sn->kind == SK_CONTAINER; up = up->parent) {
				c = match_kw(up->parent->sn, tok[i], abbrev, &amb);
				if (c || amb)
					break;
			}
			if (c) {
				cur = up->parent;
				cs = cur->sn;
				fresh = false;
			}
		}
		if (!c) {
			expecting(cs, exp, sizeof(exp));
			if (amb)
				return fail(err, i, "'%s' is ambiguous, expecting <%s>", tok[i], exp);
			if (!cs->children)
				return fail(err, i, "syntax error at '%s': no more statements after '%s'",
					    tok[i], i ? tok[i - 1] : "");
			return fail(err, i, "syntax error at '%s', expecting <%s>", tok[i], exp);
		}
		if (!c->kw)
			i--;	/* positional: the token itself is the value */

		switch (c->kind) {
		case SK_CONTAINER:
			n = create ? cnode_get(cur, c, NULL, line) : cnode_find(cur, c, NULL);
			if (create)
				cnode_clear_choice(cur, c);
			i++;
			if (!n)
				goto not_found;
			if (i >= ntok) {
				target = n;
				break;
			}
			cur = n;
			fresh = true;
			continue;
		case SK_LIST:
			if (i + 1 >= ntok && op == STMT_DELETE) {
				/* delete every entry of the list */
				struct cgroup *g = cnode_group(cur, c);

				if (!g || !g->first)
					goto not_found;
				while (g->first)
					cnode_delete(g->first);
				return 0;
			}
			if (take_value(c, tok, ntok, i + 1, val, err))
				return -1;
			if (create) {
				cnode_clear_choice(cur, c);
				n = cnode_get(cur, c, val, line);
			} else {
				n = cnode_find(cur, c, val);
			}
			i += 2;
			if (!n)
				goto not_found;
			if (i >= ntok) {
				target = n;
				break;
			}
			cur = n;
			fresh = true;
			continue;
		case SK_LEAF:
			if (op != STMT_SET && i + 1 >= ntok) {
				n = cnode_find(cur, c, NULL);
				if (!n)
					goto not_found;
				target = n;
				i++;
				break;
			}
			if (take_value(c, tok, ntok, i + 1, val, err))
				return -1;
			i += 2;
			if (create) {
				cnode_clear_choice(cur, c);
				cnode_set_leaf(cur, c, val, line);
				fresh = false;
				continue;
			}
			n = cnode_find(cur, c, NULL);
			if (!n || strcmp(n->value, val))
				goto not_found;
			if (i < ntok)
				return fail(err, i, "unexpected '%s' after '%s'", tok[i], tok[i - 1]);
			target = n;
			break;
		case SK_FLAG:
			i++;
			if (create) {
				cnode_clear_choice(cur, c);
				cnode_get(cur, c, NULL, line);
				fresh = false;
				continue;
			}
			n = cnode_find(cur, c, NULL);
			if (!n)
				goto not_found;
			if (i < ntok)
				return fail(err, i, "unexpected '%s' after '%s'", tok[i], tok[i - 1]);
			target = n;
			break;
		case SK_LEAFLIST:
			i++;
			if (op == STMT_DELETE && i >= ntok) {
				struct cgroup *g = cnode_group(cur, c);

				if (!g || !g->first)
					goto not_found;
				while (g->first)
					cnode_delete(g->first);
				return 0;
			}
			if (take_values(c, tok, ntok, &i, vals, MAX_LIST_VALUES, &nvals, err))
				return -1;
			if (create) {
				for (k = 0; k < nvals; k++)
					cnode_get(cur, c, vals[k], line);
				fresh = false;
				continue;
			}
			if (op == STMT_DELETE) {
				for (k = 0; k < nvals; k++) {
					n = cnode_find(cur, c, vals[k]);
					if (!n)
						goto not_found;
					cnode_delete(n);
				}
				if (i < ntok)
					return fail(err, i, "unexpected '%s'", tok[i]);
				return 0;
			}
			n = cnode_find(cur, c, vals[0]);
			if (!n)
				goto not_found;
			target = n;
			break;
		}
		if (target)
			break;
	}

	switch (op) {
	case STMT_SET:
		return 0;
	case STMT_DELETE:
		if (!target)
			target = cur;
		if (target == root)
			return fail(err, 0, "refusing to delete the whole configuration; use 'load override'");
		cnode_delete(target);
		return 0;
	case STMT_FIND:
		*found = target ? target : cur;
		return 0;
	case STMT_INSERT: {
		const struct snode *ls = cur->sn;
		struct cnode *ref;

		if (cur == root || ls->kind != SK_LIST || !(ls->flags & SF_ORDERED))
			return fail(err, i < ntok ? i : ntok - 1,
				    "insert needs an ordered list entry (e.g. a policy)");
		if (i >= ntok || (strcmp(tok[i], "before") && strcmp(tok[i], "after")))
			return fail(err, i, "expecting 'before' or 'after'");
		if (i + 1 >= ntok || strcmp(tok[i + 1], ls->kw))
			return fail(err, i + 1, "expecting '%s'", ls->kw);
		if (take_value(ls, tok, ntok, i + 2, val, err))
			return -1;
		if (i + 3 < ntok)
			return fail(err, i + 3, "unexpected '%s'", tok[i + 3]);
		ref = cnode_find(cur->parent, ls, val);
		if (!ref)
			return fail(err, i + 2, "%s '%s' not found", ls->kw, val);
		cnode_move(cur, ref, !strcmp(tok[i], "before"));
		return 0;
	}
	}
	return 0;

not_found:
	err->not_found = true;
	return fail(err, i < ntok ? i : ntok - 1, "statement not found");
}

/* --- output ------------------------------------------------------------------- */
static void put_word(struct sbuf *b, const char *w)
{
	bool quote = !*w;
	const char *p;

	for (p = w; *p; p++)
		if (isspace((unsigned char)*p) || strchr("#[]\"{};\\", *p))
			quote = true;
	if (b->len)
		sb_putc(b, ' ');
	if (!quote) {
		sb_puts(b, w);
		return;
	}
	/* the tokenizer takes \\ and \" inside quotes literally */
	sb_putc(b, '"');
	for (p = w; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_putc(b, '\\');
		sb_putc(b, *p);
	}
	sb_putc(b, '"');
}

static void node_words(struct sbuf *b, const struct cnode *n)
{
	if (n->sn->kw)
		put_word(b, n->sn->kw);
	if (n->value)
		put_word(b, n->value);
}

char *cnode_path(const struct cnode *n)
{
	const struct cnode *chain[64];
	struct sbuf b = { 0 };
	int depth = 0;

	for (; n && n->parent && depth < 64; n = n->parent)
		chain[depth++] = n;
	sb_puts(&b, "");
	while (depth--)
		node_words(&b, chain[depth]);
	return b.s;
}

static void print_quoted(FILE *f, const char *text)
{
	struct sbuf b = { 0 };

	sb_puts(&b, "");
	put_word(&b, text);
	/* always quoted, even a single word */
	if (b.s[0] == '"')
		fputs(b.s, f);
	else
		fprintf(f, "\"%s\"", b.s);
	sb_free(&b);
}

/* deactivate / annotate lines of c, whose statement path is path[0..len) */
static void print_meta(FILE *f, const struct cnode *c, const char *path, size_t len)
{
	if (c->inactive)
		fprintf(f, "deactivate %.*s\n", (int)len, path);
	if (c->annotation) {
		fprintf(f, "annotate %.*s ", (int)len, path);
		print_quoted(f, c->annotation);
		fputc('\n', f);
	}
}

static void print_set(FILE *f, const struct cnode *n, struct sbuf *path)
{
	int i, nc = snode_nchildren(n->sn);

	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = n->groups[i].first; c; c = c->next) {
			size_t save = path->len, stmt;

			if (c->sn->kw)
				put_word(path, c->sn->kw);
			stmt = path->len;
			if (c->value)
				put_word(path, c->value);
			if (c->sn->kind != SK_LEAF || !c->sn->kw)
				stmt = path->len;
			if ((c->sn->kind == SK_CONTAINER || c->sn->kind == SK_LIST) &&
			    cnode_has_children(c))
				print_set(f, c, path);
			else
				fprintf(f, "set %s\n", path->s);
			print_meta(f, c, path->s, stmt);
			path->len = save;
			path->s[save] = '\0';
		}
	}
}

char *cnode_stmt_path(const struct cnode *n)
{
	char *p, *v;

	if (n->sn->kind != SK_LEAF || !n->sn->kw || !n->parent)
		return cnode_path(n);
	p = cnode_path(n->parent);
	v = xasprintf("%s%s%s", p, *p ? " " : "", n->sn->kw);
	free(p);
	return v;
}

void ctree_print_set(FILE *f, const struct cnode *n, const char *prefix)
{
	struct sbuf path = { 0 };

	sb_puts(&path, prefix ? prefix : "");
	if (n->sn->kind == SK_CONTAINER || n->sn->kind == SK_LIST) {
		if (n->parent && !cnode_has_children(n))
			fprintf(f, "set %s\n", path.s);
		else
			print_set(f, n, &path);
	} else {
		fprintf(f, "set %s\n", path.s);
	}
	sb_free(&path);
}

static void json_value(struct json *j, const char *key, const struct cnode *c)
{
	unsigned long long v;

	if (c->sn->vt == VT_UINT && parse_u64(c->value, &v))
		json_u64(j, key, v);
	else
		json_str(j, key, c->value);
}

static void json_children(struct json *j, const struct cnode *n)
{
	int i, nc = snode_nchildren(n->sn);

	for (i = 0; i < nc; i++) {
		const struct snode *s = n->sn->children[i];
		const struct cnode *c = n->groups[i].first;
		const char *key = s->kw ? s->kw : (s->jkw ? s->jkw : "value");

		if (!c)
			continue;
		switch (s->kind) {
		case SK_CONTAINER:
			json_obj_open(j, key);
			json_children(j, c);
			json_obj_close(j);
			break;
		case SK_LIST:
			json_arr_open(j, key);
			for (; c; c = c->next) {
				json_obj_open(j, NULL);
				json_str(j, "name", c->value);
				json_children(j, c);
				json_obj_close(j);
			}
			json_arr_close(j);
			break;
		case SK_LEAF:
			json_value(j, key, c);
			break;
		case SK_FLAG:
			json_bool(j, key, true);
			break;
		case SK_LEAFLIST:
			json_arr_open(j, key);
			for (; c; c = c->next)
				json_value(j, NULL, c);
			json_arr_close(j);
			break;
		}
	}
}

void ctree_print_json(FILE *f, const struct cnode *n)
{
	struct json j;

	json_init(&j, f);
	json_obj_open(&j, NULL);
	if (n->sn->kind == SK_CONTAINER || n->sn->kind == SK_LIST)
		json_children(&j, n);
	else
		json_value(&j, n->sn->kw ? n->sn->kw : "value", n);
	json_obj_close(&j);
	json_end(&j);
}
