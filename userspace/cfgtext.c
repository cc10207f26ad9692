// SPDX-License-Identifier: GPL-2.0
/*
 * Junos configuration text: the hierarchical `{ }` printer, and one
 * parser for both the hierarchical form and set lines that produces
 * full-path statements (see cfgtext.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cfgtext.h"
#include "util.h"
#include "values.h"

/* --- statements ------------------------------------------------------------ */
static const char *const verb_names[] = {
	[CT_SET] = "set", [CT_DELETE] = "delete", [CT_INSERT] = "insert",
	[CT_DEACTIVATE] = "deactivate", [CT_ACTIVATE] = "activate",
	[CT_ANNOTATE] = "annotate", [CT_RENAME] = "rename",
	[CT_REPLACE] = "replace:", [CT_PROTECT] = "protect:",
};

const char *ctext_verb_name(enum ctext_verb verb)
{
	return verb_names[verb];
}

void ctext_add(struct ctext *t, enum ctext_verb verb, char **tok, int ntok, int line)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, sizeof(*t->v) * (size_t)t->cap);
	}
	t->v[t->n++] = (struct ctext_stmt){ verb, tokens_from_argv(ntok, tok), ntok, line };
}

void ctext_free(struct ctext *t)
{
	int i;

	for (i = 0; i < t->n; i++)
		tokens_free(t->v[i].tok, t->v[i].ntok);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* a growable vector of words */
struct words {
	char **w;
	int n, cap;
};

static void words_push(struct words *v, const char *s)
{
	if (v->n + 1 >= v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->w = xrealloc(v->w, sizeof(char *) * (size_t)v->cap);
	}
	v->w[v->n++] = xstrdup(s);
	v->w[v->n] = NULL;
}

static void words_trunc(struct words *v, int n)
{
	while (v->n > n)
		free(v->w[--v->n]);
	if (v->w)
		v->w[v->n] = NULL;
}

static void words_free(struct words *v)
{
	words_trunc(v, 0);
	free(v->w);
	memset(v, 0, sizeof(*v));
}

/* emit verb with path + extra words */
static void emit(struct ctext *t, enum ctext_verb verb, const struct words *path,
		 const struct words *extra, const char *last, int line)
{
	struct words all = { 0 };
	int i;

	for (i = 0; i < path->n; i++)
		words_push(&all, path->w[i]);
	for (i = 0; extra && i < extra->n; i++)
		words_push(&all, extra->w[i]);
	if (last)
		words_push(&all, last);
	ctext_add(t, verb, all.w, all.n, line);
	words_free(&all);
}

static const char *const set_verbs[] = {
	"set", "delete", "insert", "deactivate", "activate", "annotate", "rename",
	"edit", "up", "top", NULL,
};

bool ctext_is_hierarchical(const char *text)
{
	const char *p = text;
	size_t len;

	for (;;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (*p == '#') {
			p += strcspn(p, "\n");
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			p = e ? e + 2 : p + strlen(p);
			continue;
		}
		break;
	}
	if (!*p)
		return false;
	len = strcspn(p, " \t\r\n;{");
	for (int i = 0; set_verbs[i]; i++)
		if (strlen(set_verbs[i]) == len && !strncmp(p, set_verbs[i], len))
			return false;
	return true;
}

/* --- hierarchical parser ---------------------------------------------------- */
enum htok { H_EOF, H_WORD, H_QWORD, H_LBRACE, H_RBRACE, H_SEMI, H_LBRACK, H_RBRACK,
	    H_COMMENT, H_ERR };

struct lexer {
	const char *p;
	int line;
	struct sbuf tok;
	const char *err;
};

static enum htok lex(struct lexer *lx)
{
	const char *p = lx->p;

	lx->tok.len = 0;
	sb_puts(&lx->tok, "");
	for (;;) {
		while (*p && isspace((unsigned char)*p)) {
			if (*p == '\n')
				lx->line++;
			p++;
		}
		if (*p != '#')
			break;
		p += strcspn(p, "\n");
	}
	if (!*p) {
		lx->p = p;
		return H_EOF;
	}
	if (p[0] == '/' && p[1] == '*') {
		const char *e = strstr(p + 2, "*/"), *s, *q;

		if (!e) {
			lx->err = "unterminated comment";
			return H_ERR;
		}
		for (q = p; q < e; q++)
			if (*q == '\n')
				lx->line++;
		/* trimmed text between the markers */
		for (s = p + 2; s < e && isspace((unsigned char)*s); s++)
			;
		for (q = e; q > s && isspace((unsigned char)q[-1]); q--)
			;
		sb_printf(&lx->tok, "%.*s", (int)(q - s), s);
		lx->p = e + 2;
		return H_COMMENT;
	}
	switch (*p) {
	case '{': lx->p = p + 1; return H_LBRACE;
	case '}': lx->p = p + 1; return H_RBRACE;
	case ';': lx->p = p + 1; return H_SEMI;
	case '[': lx->p = p + 1; return H_LBRACK;
	case ']': lx->p = p + 1; return H_RBRACK;
	case '"':
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (*p == '\n')
				lx->line++;
			sb_putc(&lx->tok, *p);
		}
		if (*p != '"') {
			lx->err = "unterminated quoted string";
			return H_ERR;
		}
		lx->p = p + 1;
		return H_QWORD;
	}
	while (*p && !isspace((unsigned char)*p) && !strchr("{};[]\"", *p))
		sb_putc(&lx->tok, *p++);
	lx->p = p;
	return H_WORD;
}

struct frame {
	int pathlen;		/* path words before this block's words */
	int line;
	bool content;		/* a statement was emitted inside */
	bool inactive, protect;
	char *annotation;
};

/* tags and annotation waiting for the next statement */
struct pending {
	bool inactive, protect, replace, del;
	char *annotation;
	int line;
};

static void pending_clear(struct pending *pd)
{
	free(pd->annotation);
	memset(pd, 0, sizeof(*pd));
}

/* after a statement or a block: its protect/deactivate/annotate */
static void emit_meta(struct ctext *t, const struct words *path, const struct words *w,
		      bool protect, bool inactive, const char *annotation, int line)
{
	if (protect)
		emit(t, CT_PROTECT, path, w, NULL, line);
	if (inactive)
		emit(t, CT_DEACTIVATE, path, w, NULL, line);
	if (annotation)
		emit(t, CT_ANNOTATE, path, w, annotation, line);
}

static int parse_hier(const char *text, const char *name, struct ctext *out,
		      char *err, size_t errsz)
{
	struct lexer lx = { .p = text, .line = 1 };
	struct words path = { 0 }, w = { 0 };
	struct frame *fr = NULL;
	struct pending pd = { 0 };
	int nfr = 0, capfr = 0, ret = -1, i;
	enum htok k;

#define FAIL(...) do { \
		snprintf(err, errsz, "%s:%d: ", name, lx.line); \
		snprintf(err + strlen(err), errsz - strlen(err), __VA_ARGS__); \
		goto out; \
	} while (0)

	while ((k = lex(&lx)) != H_EOF) {
		switch (k) {
		case H_ERR:
			FAIL("%s", lx.err);
		case H_COMMENT:
			if (!w.n) {
				free(pd.annotation);
				pd.annotation = xstrdup(lx.tok.s);
			}
			break;
		case H_WORD:
			if (!w.n) {
				if (!strcmp(lx.tok.s, "inactive:")) {
					pd.inactive = true;
					break;
				}
				if (!strcmp(lx.tok.s, "protect:")) {
					pd.protect = true;
					break;
				}
				if (!strcmp(lx.tok.s, "replace:")) {
					pd.replace = true;
					break;
				}
				if (!strcmp(lx.tok.s, "delete:")) {
					pd.del = true;
					break;
				}
				pd.line = lx.line;
			}
			words_push(&w, lx.tok.s);
			break;
		case H_QWORD:
			if (!w.n)
				pd.line = lx.line;
			words_push(&w, lx.tok.s);
			break;
		case H_LBRACK:
			if (!w.n)
				FAIL("syntax error at '[': a list of values needs a statement before it");
			words_push(&w, "[");
			while ((k = lex(&lx)) == H_WORD || k == H_QWORD || k == H_COMMENT)
				if (k != H_COMMENT)
					words_push(&w, lx.tok.s);
			if (k == H_ERR)
				FAIL("%s", lx.err);
			if (k != H_RBRACK)
				FAIL("missing ']'");
			words_push(&w, "]");
			break;
		case H_RBRACK:
			FAIL("syntax error at ']'");
		case H_SEMI:
			if (!w.n) {
				pending_clear(&pd);
				break;
			}
			if (pd.del) {
				emit(out, CT_DELETE, &path, &w, NULL, pd.line);
			} else {
				if (pd.replace)
					emit(out, CT_REPLACE, &path, &w, NULL, pd.line);
				emit(out, CT_SET, &path, &w, NULL, pd.line);
				emit_meta(out, &path, &w, pd.protect, pd.inactive,
					  pd.annotation, pd.line);
			}
			if (nfr)
				fr[nfr - 1].content = true;
			words_trunc(&w, 0);
			pending_clear(&pd);
			break;
		case H_LBRACE:
			if (!w.n)
				FAIL("syntax error at '{': a block needs a statement before it");
			if (nfr == capfr) {
				capfr = capfr ? capfr * 2 : 16;
				fr = xrealloc(fr, sizeof(*fr) * (size_t)capfr);
			}
			fr[nfr] = (struct frame){ .pathlen = path.n, .line = pd.line,
						  .inactive = pd.inactive, .protect = pd.protect,
						  .annotation = pd.annotation };
			pd.annotation = NULL;
			if (pd.del)
				emit(out, CT_DELETE, &path, &w, NULL, pd.line);
			if (pd.replace)
				emit(out, CT_REPLACE, &path, &w, NULL, pd.line);
			nfr++;
			for (i = 0; i < w.n; i++)
				words_push(&path, w.w[i]);
			words_trunc(&w, 0);
			pending_clear(&pd);
			break;
		case H_RBRACE: {
			struct frame f;

			if (w.n)
				FAIL("missing ';' after '%s'", w.w[w.n - 1]);
			if (!nfr)
				FAIL("syntax error at '}': no block is open");
			f = fr[--nfr];
			if (!f.content)
				emit(out, CT_SET, &path, NULL, NULL, f.line);
			emit_meta(out, &path, NULL, f.protect, f.inactive, f.annotation, f.line);
			free(f.annotation);
			words_trunc(&path, f.pathlen);
			if (nfr)
				fr[nfr - 1].content = true;
			pending_clear(&pd);
			break;
		}
		case H_EOF:
			break;
		}
	}
	if (w.n)
		FAIL("missing ';' after '%s'", w.w[w.n - 1]);
	if (nfr) {
		lx.line = fr[nfr - 1].line;
		FAIL("missing '}' for the block opened here");
	}
	ret = 0;
out:
#undef FAIL
	while (nfr)
		free(fr[--nfr].annotation);
	free(fr);
	pending_clear(&pd);
	words_free(&path);
	words_free(&w);
	sb_free(&lx.tok);
	return ret;
}

/* --- set-form parser ---------------------------------------------------------- */
/*
 * Number of words of each edit level of a path, following the schema
 * where it knows the words (a list entry is two words: keyword and
 * key), one word per level where it does not.
 */
static int path_levels(char **tok, int ntok, int *lv)
{
	const struct snode *sn = &schema_root;
	int i = 0, n = 0, j;

	while (i < ntok) {
		const struct snode *c = NULL;

		for (j = 0; sn && sn->children && sn->children[j]; j++)
			if (sn->children[j]->kw && !strcmp(sn->children[j]->kw, tok[i]))
				c = sn->children[j];
		if (c && c->kind == SK_LIST && i + 1 < ntok) {
			lv[n++] = 2;
			i += 2;
		} else {
			lv[n++] = 1;
			i++;
		}
		sn = c;
	}
	return n;
}

/* append a statement whose tokens are a tokenize() block with the verb first */
static void add_owned(struct ctext *t, enum ctext_verb verb, char **tok, int n, int line)
{
	memmove(tok, tok + 1, sizeof(*tok) * (size_t)n);	/* drop the verb */
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, sizeof(*t->v) * (size_t)t->cap);
	}
	t->v[t->n++] = (struct ctext_stmt){ verb, tok, n - 1, line };
}

static int parse_set(const char *text, const char *name, struct ctext *out,
		     char *err, size_t errsz)
{
	struct words edit = { 0 };
	char *buf = xstrdup(text), *p = buf;
	int lineno = 0, ret = 0;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = p, **tok;
		struct words rest = { 0 };
		int n, i, v;

		p += len + (p[len] == '\n');
		line[len] = '\0';
		lineno++;
		n = tokenize(line, &tok);
		if (n < 0) {
			snprintf(err, errsz, "%s:%d: unterminated quoted string", name, lineno);
			ret = -1;
			break;
		}
		if (!n) {
			tokens_free(tok, n);
			continue;
		}
		if (!strcmp(tok[0], "configure") || !strcmp(tok[0], "commit") ||
		    !strcmp(tok[0], "exit") || !strcmp(tok[0], "quit")) {
			/* a pasted CLI session: the load is the commit */
			out->session_words++;
			tokens_free(tok, n);
			continue;
		}
		for (v = 0; set_verbs[v]; v++)
			if (!strcmp(tok[0], set_verbs[v]))
				break;
		/* the common case (no edit level): the tokens as they are */
		if (v < 7 && !edit.n && n > 1) {
			static const enum ctext_verb map7[] = {
				CT_SET, CT_DELETE, CT_INSERT, CT_DEACTIVATE, CT_ACTIVATE,
				CT_ANNOTATE, CT_RENAME,
			};

			add_owned(out, map7[v], tok, n, lineno);
			continue;
		}
		for (i = 1; i < n; i++)
			words_push(&rest, tok[i]);
		if (!set_verbs[v]) {
			snprintf(err, errsz, "%s:%d: syntax error at '%s', expecting <set | delete | "
				 "insert | deactivate | activate | annotate | rename | edit | up | top>",
				 name, lineno, tok[0]);
			ret = -1;
		} else if (!strcmp(tok[0], "edit")) {
			for (i = 0; i < rest.n; i++)
				words_push(&edit, rest.w[i]);
		} else if (!strcmp(tok[0], "top")) {
			words_trunc(&edit, 0);
		} else if (!strcmp(tok[0], "up")) {
			int lv[256], nl = path_levels(edit.w, edit.n, lv);
			unsigned int up = 1;

			if (rest.n && !parse_u32(rest.w[0], &up))
				up = 0;
			if (!up) {
				snprintf(err, errsz, "%s:%d: 'up' takes a number of levels", name, lineno);
				ret = -1;
			}
			while (up-- && nl)
				words_trunc(&edit, edit.n - lv[--nl]);
		} else if (!rest.n) {
			snprintf(err, errsz, "%s:%d: %s: missing statement", name, lineno, tok[0]);
			ret = -1;
		} else {
			static const enum ctext_verb map[] = {
				CT_SET, CT_DELETE, CT_INSERT, CT_DEACTIVATE, CT_ACTIVATE,
				CT_ANNOTATE, CT_RENAME,
			};

			emit(out, map[v], &edit, &rest, NULL, lineno);
		}
		words_free(&rest);
		tokens_free(tok, n);
		if (ret)
			break;
	}
	words_free(&edit);
	free(buf);
	return ret;
}

int ctext_parse(const char *text, const char *name, struct ctext *out,
		char *err, size_t errsz)
{
	err[0] = '\0';
	if (ctext_is_hierarchical(text))
		return parse_hier(text, name, out, err, errsz);
	return parse_set(text, name, out, err, errsz);
}

/* --- applying statements ----------------------------------------------------- */
static int find_node(struct cnode *root, char **tok, int ntok, bool abbrev,
		     struct cnode **n, struct stmt_err *err)
{
	if (stmt_apply(root, STMT_FIND, tok, ntok, 0, abbrev, n, err))
		return -1;
	if (*n == root) {
		err->word = 0;
		snprintf(err->msg, sizeof(err->msg), "missing statement");
		return -1;
	}
	/* `address a 10.0.0.0/8`: the statement is the entry, not its value */
	if (!(*n)->sn->kw && (*n)->parent && (*n)->parent->parent)
		*n = (*n)->parent;
	return 0;
}

/*
 * The entries of the list whose keyword ends the path (`deactivate ...
 * interfaces`, a comment before `address-book {`), or NULL.
 */
static struct cgroup *list_group(struct cnode *root, char **tok, int ntok, bool abbrev)
{
	struct stmt_err e;
	struct cnode *p;
	int i;

	if (ntok < 1)
		return NULL;
	p = root;
	if (ntok > 1 && stmt_apply(root, STMT_FIND, tok, ntok - 1, 0, abbrev, &p, &e))
		return NULL;
	if (p->sn->kind != SK_CONTAINER && p->sn->kind != SK_LIST)
		return NULL;
	for (i = 0; p->sn->children[i]; i++)
		if (p->sn->children[i]->kw && p->sn->children[i]->kind == SK_LIST &&
		    !strcmp(p->sn->children[i]->kw, tok[ntok - 1]))
			return p->groups[i].first ? &p->groups[i] : NULL;
	return NULL;
}

int ctree_deactivate(struct cnode *root, char **tok, int ntok, bool on, bool abbrev,
		     struct stmt_err *err)
{
	struct cgroup *g;
	struct cnode *n;

	if (find_node(root, tok, ntok, abbrev, &n, err)) {
		g = err->not_found ? NULL : list_group(root, tok, ntok, abbrev);
		if (!g)
			return -1;
		for (n = g->first; n; n = n->next)
			n->inactive = on;
		return 0;
	}
	n->inactive = on;
	return 0;
}

int ctree_annotate(struct cnode *root, char **tok, int ntok, const char *text, bool abbrev,
		   struct stmt_err *err)
{
	struct cgroup *g;
	struct cnode *n;

	if (find_node(root, tok, ntok, abbrev, &n, err)) {
		g = err->not_found ? NULL : list_group(root, tok, ntok, abbrev);
		if (!g)
			return -1;
		n = g->first;
	}
	cnode_annotate(n, text);
	return 0;
}

int ctree_rename(struct cnode *root, char **tok, int ntok, bool abbrev, struct stmt_err *err)
{
	char val[VALUE_MAX];
	const char *nv;
	struct cnode *n;
	int k;

	memset(err, 0, sizeof(*err));
	for (k = ntok - 2; k > 0; k--)
		if (!strcmp(tok[k], "to") && (ntok - k == 2 || ntok - k == 3))
			break;
	if (k <= 0) {
		err->word = ntok;
		snprintf(err->msg, sizeof(err->msg), "expecting 'to' and the new name");
		return -1;
	}
	if (find_node(root, tok, k, abbrev, &n, err))
		return -1;
	if (n->sn->kind != SK_LIST) {
		err->word = k - 1;
		snprintf(err->msg, sizeof(err->msg), "only a named entry can be renamed");
		return -1;
	}
	if (ntok - k == 3 && strcmp(tok[k + 1], n->sn->kw)) {
		err->word = k + 1;
		snprintf(err->msg, sizeof(err->msg), "expecting '%s'", n->sn->kw);
		return -1;
	}
	nv = tok[ntok - 1];
	if (!value_parse(n->sn, nv, val, sizeof(val), err->msg, sizeof(err->msg))) {
		err->word = ntok - 1;
		return -1;
	}
	if (cnode_find(n->parent, n->sn, val)) {
		err->word = ntok - 1;
		snprintf(err->msg, sizeof(err->msg), "%s '%s' already exists", n->sn->kw, val);
		return -1;
	}
	cnode_rename(n, val);
	return 0;
}

int ctext_apply(struct cnode *root, const struct ctext_stmt *s, enum ctext_mode mode,
		struct stmt_err *err)
{
	int r;

	memset(err, 0, sizeof(*err));
	if (s->ntok && !strcmp(s->tok[0], "version"))
		return 0;
	switch (s->verb) {
	case CT_SET:
		return stmt_apply(root, STMT_SET, s->tok, s->ntok, s->line, false, NULL, err);
	case CT_DELETE:
	case CT_REPLACE:
		if (s->verb == CT_REPLACE && mode != CTEXT_REPLACE)
			return 0;
		r = stmt_apply(root, STMT_DELETE, s->tok, s->ntok, s->line, false, NULL, err);
		return r && err->not_found ? 0 : r;
	case CT_INSERT:
		return stmt_apply(root, STMT_INSERT, s->tok, s->ntok, s->line, false, NULL, err);
	case CT_DEACTIVATE:
	case CT_ACTIVATE:
		return ctree_deactivate(root, s->tok, s->ntok, s->verb == CT_DEACTIVATE, false, err);
	case CT_ANNOTATE:
		if (s->ntok < 2) {
			err->word = s->ntok;
			snprintf(err->msg, sizeof(err->msg), "annotate: expecting a statement and a text");
			return -1;
		}
		return ctree_annotate(root, s->tok, s->ntok - 1, s->tok[s->ntok - 1], false, err);
	case CT_RENAME:
		return ctree_rename(root, s->tok, s->ntok, false, err);
	case CT_PROTECT:
		return 0;
	}
	return 0;
}

/* --- hierarchical printer -------------------------------------------------------- */
static void put_word(FILE *f, const char *w)
{
	bool quote = !*w;
	const char *p;

	for (p = w; *p; p++)
		if (isspace((unsigned char)*p) || strchr("#[]\"{};\\", *p))
			quote = true;
	if (!quote) {
		fputs(w, f);
		return;
	}
	fputc('"', f);
	for (p = w; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void indent(FILE *f, int depth)
{
	static const char sp[] = "                                                                ";
	size_t n = (size_t)depth * 4;

	for (; n > sizeof(sp) - 1; n -= sizeof(sp) - 1)
		fwrite(sp, 1, sizeof(sp) - 1, f);
	fwrite(sp, 1, n, f);
}

static bool has_meta(const struct cnode *n)
{
	return n->inactive || n->annotation;
}

/* `kw value leaf-values;` on one line, as Junos prints `address a 10.0.0.0/8;` */
static bool one_line(const struct cnode *n)
{
	bool positional = false, others = false;
	int i, nc = snode_nchildren(n->sn);

	for (i = 0; i < nc; i++) {
		const struct snode *s = n->sn->children[i];
		const struct cnode *c = n->groups[i].first;

		if (!c)
			continue;
		if ((s->kind != SK_LEAF && s->kind != SK_FLAG) || has_meta(c))
			return false;
		if (!s->kw)
			positional = true;
		else
			others = true;
	}
	/* a list entry with more than its value is a block in Junos */
	return positional && !(n->sn->kind == SK_LIST && others);
}

static void print_children(FILE *f, const struct cnode *n, int depth);

static void print_head(FILE *f, const struct cnode *c, int depth, const char *prefix,
		       bool kw)
{
	if (c->annotation) {
		indent(f, depth);
		fprintf(f, "/* %s */\n", c->annotation);
	}
	indent(f, depth);
	if (c->inactive)
		fputs("inactive: ", f);
	fputs(prefix, f);
	if (kw && c->sn->kw) {
		fputs(c->sn->kw, f);
		if (c->value)
			fputc(' ', f);
	}
	if (c->value)
		put_word(f, c->value);
}

static void print_entry(FILE *f, const struct cnode *c, int depth, const char *prefix,
			bool kw)
{
	bool merge = !*prefix;
	const struct snode *sn = c->sn;
	int i, nc;

	/* from-zone A to-zone B { ... }: a list whose entries hold one list */
	if (merge && sn->kind == SK_LIST && snode_nchildren(sn) == 1 &&
	    sn->children[0]->kind == SK_LIST && !has_meta(c) && cnode_has_children(c)) {
		const struct cnode *t;
		struct sbuf b = { 0 };
		char *pf;

		sb_puts(&b, prefix);
		sb_puts(&b, sn->kw);
		sb_putc(&b, ' ');
		/* quoting through a memory stream keeps one quoting rule */
		{
			size_t len = 0;
			FILE *m = open_memstream(&pf, &len);

			put_word(m, c->value);
			fclose(m);
		}
		sb_puts(&b, pf);
		sb_putc(&b, ' ');
		free(pf);
		for (t = c->groups[0].first; t; t = t->next)
			print_entry(f, t, depth, b.s, true);
		sb_free(&b);
		return;
	}
	print_head(f, c, depth, prefix, kw);
	if ((sn->kind != SK_CONTAINER && sn->kind != SK_LIST) || !cnode_has_children(c)) {
		fputs(";\n", f);
		return;
	}
	if (one_line(c)) {
		nc = snode_nchildren(sn);
		for (i = 0; i < nc; i++) {
			const struct cnode *l = c->groups[i].first;

			if (!l)
				continue;
			if (l->sn->kw)
				fprintf(f, " %s", l->sn->kw);
			if (l->value) {
				fputc(' ', f);
				put_word(f, l->value);
			}
		}
		fputs(";\n", f);
		return;
	}
	fputs(" {\n", f);
	print_children(f, c, depth + 1);
	indent(f, depth);
	fputs("}\n", f);
}

static void print_children(FILE *f, const struct cnode *n, int depth)
{
	int i, nc = snode_nchildren(n->sn);

	for (i = 0; i < nc; i++) {
		const struct snode *s = n->sn->children[i];
		const struct cnode *c = n->groups[i].first;
		bool meta = false;

		if (!c)
			continue;
		if (s->kind == SK_LEAFLIST && n->groups[i].count > 1) {
			for (; c; c = c->next)
				meta |= has_meta(c);
			if (!meta) {
				fprintf(f, "%*s%s [", depth * 4, "", s->kw);
				for (c = n->groups[i].first; c; c = c->next) {
					fputc(' ', f);
					put_word(f, c->value);
				}
				fputs(" ];\n", f);
				continue;
			}
			c = n->groups[i].first;
		}
		if (s->kind == SK_LIST && (s->flags & SF_BRACED)) {
			fprintf(f, "%*s%s {\n", depth * 4, "", s->kw);
			for (; c; c = c->next)
				print_entry(f, c, depth + 1, "", false);
			fprintf(f, "%*s}\n", depth * 4, "");
			continue;
		}
		for (; c; c = c->next)
			print_entry(f, c, depth, "", true);
	}
}

void ctext_print(FILE *f, const struct cnode *n, int depth)
{
	if (n->sn->kind == SK_CONTAINER || n->sn->kind == SK_LIST)
		print_children(f, n, depth);
	else
		print_entry(f, n, depth, "", true);
}

void ctext_print_stmt(FILE *f, const struct cnode *c, int depth, const char *prefix, bool kw)
{
	print_entry(f, c, depth, prefix ? prefix : "", kw);
}

/* --- show | compare ---------------------------------------------------------------- */
struct diff_hdr {
	FILE *f;
	char *path;		/* header text without brackets */
};

/* the header last printed: printed again after a deeper one */
static char *diff_last;

static void hdr_out(struct diff_hdr *h)
{
	if (diff_last && !strcmp(diff_last, h->path))
		return;
	fprintf(h->f, "[edit%s%s]\n", *h->path ? " " : "", h->path);
	free(diff_last);
	diff_last = xstrdup(h->path);
}

static void print_signed(struct diff_hdr *h, char sign, const struct cnode *c,
			 const char *prefix, bool kw)
{
	char *buf = NULL, *p, *nl;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	print_entry(m, c, 1, prefix, kw);
	fclose(m);
	hdr_out(h);
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		fprintf(h->f, "%c%.*s\n", sign, (int)(nl - p), p);
	}
	free(buf);
}

static bool meta_equal(const struct cnode *a, const struct cnode *b)
{
	return a->inactive == b->inactive &&
	       !strcmp(a->annotation ? a->annotation : "", b->annotation ? b->annotation : "");
}

/*
 * Only the inactive tag or the annotation of a block changed: the
 * annotation as -/+ lines, `!` before a block whose inactive tag changed
 * (as Junos does), the block's head as context; its contents are
 * compared below.
 */
static void print_meta_change(struct diff_hdr *h, const struct cnode *a, const struct cnode *b,
			      const char *prefix, bool kw)
{
	char *buf = NULL, *nl;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	struct cnode head = *b;

	hdr_out(h);
	if (strcmp(a->annotation ? a->annotation : "", b->annotation ? b->annotation : "")) {
		if (a->annotation)
			fprintf(h->f, "-    /* %s */\n", a->annotation);
		if (b->annotation)
			fprintf(h->f, "+    /* %s */\n", b->annotation);
	}
	head.annotation = NULL;
	print_head(m, &head, 1, prefix, kw);
	fclose(m);
	nl = strchr(buf, '\n');
	fprintf(h->f, "%c%s%s\n", a->inactive != b->inactive ? '!' : ' ', buf,
		(b->sn->kind == SK_CONTAINER || b->sn->kind == SK_LIST) && cnode_has_children(b) ?
		" { ... }" : ";");
	(void)nl;
	free(buf);
}

static char *word_prefix(const struct cnode *c)
{
	char *v = NULL, *r;
	size_t len = 0;
	FILE *m = open_memstream(&v, &len);

	put_word(m, c->value);
	fclose(m);
	r = xasprintf("%s %s ", c->sn->kw, v);
	free(v);
	return r;
}

static void diff_node(FILE *f, const struct cnode *a, const struct cnode *b);

/* the entries of one list or leaf-list group */
static void diff_group(struct diff_hdr *h, const struct cnode *a, const struct cnode *b,
		       const struct snode *s, const struct cgroup *ga, const struct cgroup *gb,
		       const char *prefix, bool kw)
{
	const struct cnode *ca, *cb;
	bool merge = s->kind == SK_LIST && snode_nchildren(s) == 1 &&
		     s->children[0]->kind == SK_LIST;

	for (ca = ga->first; ca; ca = ca->next)
		if (!cnode_find((struct cnode *)b, s, ca->value))
			print_signed(h, '-', ca, prefix, kw);
	for (cb = gb->first; cb; cb = cb->next) {
		ca = cnode_find((struct cnode *)a, s, cb->value);
		if (!ca) {
			print_signed(h, '+', cb, prefix, kw);
			continue;
		}
		if (!meta_equal(ca, cb))
			print_meta_change(h, ca, cb, prefix, kw);
		if (s->kind == SK_LIST && merge && !*prefix && meta_equal(ca, cb)) {
			/* from-zone A to-zone B: its entries belong to this level */
			char *pf = word_prefix(cb);

			diff_group(h, ca, cb, s->children[0], &ca->groups[0], &cb->groups[0],
				   pf, true);
			free(pf);
		} else if (s->kind == SK_LIST) {
			diff_node(h->f, ca, cb);
		}
	}
}

static void diff_node(FILE *f, const struct cnode *a, const struct cnode *b)
{
	struct diff_hdr h = { .f = f, .path = cnode_path(b) };
	int i, nc = snode_nchildren(b->sn);

	for (i = 0; i < nc; i++) {
		const struct snode *s = b->sn->children[i];
		const struct cnode *ca = a->groups[i].first, *cb = b->groups[i].first;

		if (!ca && !cb)
			continue;
		switch (s->kind) {
		case SK_LEAF:
		case SK_FLAG:
			if (ca && cb && meta_equal(ca, cb) &&
			    !strcmp(ca->value ? ca->value : "", cb->value ? cb->value : ""))
				break;
			if (ca)
				print_signed(&h, '-', ca, "", true);
			if (cb)
				print_signed(&h, '+', cb, "", true);
			break;
		case SK_CONTAINER:
			if (ca && cb) {
				if (!meta_equal(ca, cb))
					print_meta_change(&h, ca, cb, "", true);
				diff_node(f, ca, cb);
				break;
			}
			if (ca)
				print_signed(&h, '-', ca, "", true);
			if (cb)
				print_signed(&h, '+', cb, "", true);
			break;
		case SK_LIST:
			if (s->flags & SF_BRACED) {
				struct diff_hdr hb = { .f = f };

				hb.path = xasprintf("%s%s%s", h.path, *h.path ? " " : "", s->kw);
				diff_group(&hb, a, b, s, &a->groups[i], &b->groups[i], "", false);
				free(hb.path);
				break;
			}
			/* fall through */
		case SK_LEAFLIST:
			diff_group(&h, a, b, s, &a->groups[i], &b->groups[i], "", true);
			break;
		}
	}
	free(h.path);
}

void ctext_compare(FILE *f, const struct cnode *old, const struct cnode *new)
{
	diff_node(f, old, new);
	free(diff_last);
	diff_last = NULL;
}
