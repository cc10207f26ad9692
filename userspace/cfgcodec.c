// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration codec: the statement tree <-> netlink configuration
 * objects (include/uapi/linux/srxflow.h), and the commit transaction.
 *
 * Objects are sent definitions-first (zones, addresses, address-sets in
 * dependency order, applications, application-sets, policies, options), as
 * the ABI requires.  Every attribute written is remembered with the source
 * line of the statement that produced it, so that when the kernel rejects
 * an attribute (extended ACK offset) the error names the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include "cfgcodec.h"
#include "util.h"
#include "values.h"

#define MSG_FLUSH	(48 * 1024)	/* start a new CFG_ADD above this size */

/* --- schema paths of objects ------------------------------------------------- */
struct opath {
	const struct snode *node[16];
	int depth;		/* node[depth-1] is the object */
};

static struct opath opaths[32];
static int nopaths;

static void collect_paths(const struct snode *sn, struct opath *cur)
{
	int i;

	if (cur->depth >= 16)
		return;
	cur->node[cur->depth++] = sn;
	if ((sn->flags & SF_OBJECT) && nopaths < 32)
		opaths[nopaths++] = *cur;
	for (i = 0; sn->children && sn->children[i]; i++)
		collect_paths(sn->children[i], cur);
	cur->depth--;
}

static void init_paths(void)
{
	struct opath cur = { .depth = 0 };

	if (!nopaths)
		collect_paths(&schema_root, &cur);
}

/* --- encoding ------------------------------------------------------------------ */
struct attr_line {
	uint32_t seq, start, end;
	int line;
};

struct encoder {
	struct nl *nl;		/* for nlreq_init (family, sequence) */
	cfg_sink sink;		/* receives every finished CFG_ADD message */
	void *sink_arg;
	uint32_t txn;
	struct nlreq req;
	bool open;
	struct attr_line *map;
	size_t nmap, cap;
	struct commit_err *cerr;
};

static void map_add(struct encoder *e, const void *attr_start, int line)
{
	const char *base = (const char *)e->req.nlh;
	struct attr_line *m;

	if (!line)
		return;
	if (e->nmap == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 1024;
		e->map = xrealloc(e->map, e->cap * sizeof(*e->map));
	}
	m = &e->map[e->nmap++];
	m->seq = e->req.nlh->nlmsg_seq;
	m->start = (uint32_t)((const char *)attr_start - base);
	m->end = e->req.nlh->nlmsg_len;
	m->line = line;
}

/* innermost attribute containing offset off of message seq */
static int map_line(const struct encoder *e, uint32_t seq, uint32_t off)
{
	uint32_t best_len = ~0u;
	int line = 0;
	size_t i;

	for (i = 0; i < e->nmap; i++) {
		const struct attr_line *m = &e->map[i];

		if (m->seq == seq && off >= m->start && off < m->end &&
		    m->end - m->start < best_len) {
			best_len = m->end - m->start;
			line = m->line;
		}
	}
	return line;
}

#define ATTR_START(e) ((void *)((char *)(e)->req.nlh + (e)->req.nlh->nlmsg_len))

static void put_value(struct encoder *e, uint16_t attr, enum nltype nlt,
		      const struct snode *sn, const char *v, int line)
{
	void *start = ATTR_START(e);

	value_put(e->req.nlh, attr, nlt, sn, v);
	map_add(e, start, line);
}

static void encode_children(struct encoder *e, const struct cnode *n);

static void encode_node(struct encoder *e, const struct cnode *c)
{
	const struct snode *s = c->sn;
	void *start = ATTR_START(e);
	struct nlattr *nest;

	if (s->flags & SF_OBJECT)
		return;		/* sent as an object of its own */
	if (s->flags & SF_DEPRECATED) {
		/* as Junos: accepted and ignored, with a warning */
		fprintf(stderr, "warning: '%s' is deprecated (ignored)\n", s->kw);
		return;
	}
	switch (s->kind) {
	case SK_CONTAINER:
		if (s->nlt == NLT_NEST) {
			nest = mnl_attr_nest_start(e->req.nlh, s->attr);
			encode_children(e, c);
			mnl_attr_nest_end(e->req.nlh, nest);
			map_add(e, start, c->line);
		} else {
			if (s->flags & SF_PRESENCE) {
				if (s->nlt == NLT_CHOICE)	/* a choice with options */
					mnl_attr_put_u8(e->req.nlh, s->attr, s->choice_val);
				else
					mnl_attr_put(e->req.nlh, s->attr, 0, NULL);
				map_add(e, start, c->line);
			}
			encode_children(e, c);
		}
		break;
	case SK_LIST:
		if (s->nlt == NLT_NEST) {
			nest = mnl_attr_nest_start(e->req.nlh, s->attr);
			put_value(e, s->key_attr, s->key_nlt, s, c->value, c->line);
			encode_children(e, c);
			mnl_attr_nest_end(e->req.nlh, nest);
			map_add(e, start, c->line);
		} else {
			if (s->key_attr)
				put_value(e, s->key_attr, s->key_nlt, s, c->value, c->line);
			encode_children(e, c);
		}
		break;
	case SK_LEAF:
	case SK_LEAFLIST:
		put_value(e, s->attr, s->nlt, s, c->value, c->line);
		break;
	case SK_FLAG:
		if (s->nlt == NLT_CHOICE)
			mnl_attr_put_u8(e->req.nlh, s->attr, s->choice_val);
		else
			mnl_attr_put(e->req.nlh, s->attr, 0, NULL);
		map_add(e, start, c->line);
		break;
	}
}

static void encode_children(struct encoder *e, const struct cnode *n)
{
	int i, nc = snode_nchildren(n->sn);

	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = n->groups[i].first; c; c = c->next)
			encode_node(e, c);
	}
}

/* upper bound of the encoded size of an object subtree */
static size_t size_bound(const struct cnode *n)
{
	size_t sz = 64 + (n->value ? strlen(n->value) : 0) + 32;
	int i, nc;

	if (!n->groups)
		return sz;
	nc = snode_nchildren(n->sn);
	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = n->groups[i].first; c; c = c->next)
			if (!(c->sn->flags & SF_OBJECT))	/* sent on their own */
				sz += size_bound(c);
	}
	return sz;
}

static int send_msg(struct encoder *e)
{
	int err;

	if (!e->open)
		return 0;
	e->open = false;
	err = e->sink(e->req.nlh, e->sink_arg);
	if (err) {
		e->cerr->err = err;
		snprintf(e->cerr->msg, sizeof(e->cerr->msg), "%s", e->nl->errmsg);
		if (e->nl->err_off)
			e->cerr->line = map_line(e, e->nl->err_seq, e->nl->err_off);
	}
	nlreq_free(&e->req);
	return err;
}

static int nl_sink(struct nlmsghdr *nlh, void *arg)
{
	struct nl *nl = arg;
	struct nlreq req = { .buf = (char *)nlh, .nlh = nlh };

	return nl_talk(nl, &req, NULL, NULL);
}

static int start_msg(struct encoder *e)
{
	nlreq_init(e->nl, &e->req, SRXFLOW_CMD_CFG_ADD, 0);
	mnl_attr_put_u32(e->req.nlh, SRXFLOW_A_TXN_ID, e->txn);
	e->open = true;
	return 0;
}

/* Emit one object: ctx attributes from its ancestors, its key, its body. */
static int encode_object(struct encoder *e, const struct cnode *obj)
{
	const struct snode *s = obj->sn;
	const struct cnode *chain[16];
	struct nlattr *nest;
	void *start;
	int depth = 0, err;
	size_t need = size_bound(obj);

	if (e->open && e->req.nlh->nlmsg_len + need > MSG_FLUSH) {
		err = send_msg(e);
		if (err)
			return err;
	}
	if (!e->open)
		start_msg(e);
	nlreq_reserve(&e->req, need);

	start = ATTR_START(e);
	nest = mnl_attr_nest_start(e->req.nlh, s->obj_attr);
	for (const struct cnode *a = obj->parent; a && depth < 16; a = a->parent)
		chain[depth++] = a;
	while (depth--) {
		const struct cnode *a = chain[depth];

		if (a->sn->kind == SK_LIST && a->sn->ctx_attr)
			put_value(e, a->sn->ctx_attr, NLT_STR, a->sn, a->value, a->line);
	}
	if (s->kind == SK_LIST)
		put_value(e, s->key_attr, s->key_nlt, s, obj->value, obj->line);
	encode_children(e, obj);
	mnl_attr_nest_end(e->req.nlh, nest);
	map_add(e, start, obj->line);
	return 0;
}

/* --- collecting and ordering objects ------------------------------------------- */
struct objlist {
	const struct cnode **v;
	size_t n, cap;
};

static void ol_add(struct objlist *l, const struct cnode *n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = n;
}

enum { R_IFD, R_ZONE, R_ADDR, R_ASET, R_APP, R_APPSET, R_POLICY, R_OPTS, R_MAX };

static int rank_of(uint16_t obj_attr)
{
	switch (obj_attr) {
	case SRXFLOW_A_CFG_INTERFACE: return R_IFD;
	case SRXFLOW_A_CFG_ZONE: return R_ZONE;
	case SRXFLOW_A_CFG_FUNCTIONAL_ZONE: return R_ZONE;
	case SRXFLOW_A_CFG_ADDRESS: return R_ADDR;
	case SRXFLOW_A_CFG_ADDRESS_SET: return R_ASET;
	case SRXFLOW_A_CFG_APPLICATION: return R_APP;
	case SRXFLOW_A_CFG_APPLICATION_SET: return R_APPSET;
	case SRXFLOW_A_CFG_POLICY: return R_POLICY;
	default: return R_OPTS;
	}
}

static bool has_body(const struct cnode *n)
{
	int i, nc;

	if (!n->groups)
		return true;
	nc = snode_nchildren(n->sn);
	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = n->groups[i].first; c; c = c->next)
			if (!(c->sn->flags & SF_OBJECT))
				return true;
	}
	return false;
}

static void collect(const struct cnode *n, struct objlist *ranks)
{
	int i, nc;

	if ((n->sn->flags & SF_OBJECT) &&
	    (n->sn->kind == SK_LIST || has_body(n)))
		ol_add(&ranks[rank_of(n->sn->obj_attr)], n);
	if (!n->groups)
		return;
	nc = snode_nchildren(n->sn);
	for (i = 0; i < nc; i++) {
		const struct cnode *c;

		for (c = n->groups[i].first; c; c = c->next)
			collect(c, ranks);
	}
}

/* Order sets so that nested members come first; report cycles. */
struct topo {
	const struct objlist *sets;
	unsigned char *state;	/* 0 new, 1 on stack, 2 done */
	struct objlist *out;
	const struct snode *member_kw;	/* leaf-list naming nested sets */
	struct cnode *global_book;	/* security address-book global, if any */
	struct commit_err *cerr;
	const char *stack[64];
	int depth;
};

/* the set a member name refers to: same book first, then the global book */
static const struct cnode *find_set(const struct topo *t, const struct cnode *from,
				    const char *name, size_t *idx)
{
	const struct cnode *n = cnode_find(from->parent, from->sn, name);

	if (!n && t->global_book)
		n = cnode_find(t->global_book, from->sn, name);
	if (!n || n->aux < 0)
		return NULL;
	*idx = (size_t)n->aux;
	return n;
}

static int topo_visit(struct topo *t, size_t i)
{
	const struct cnode *s = t->sets->v[i];
	struct cgroup *g;
	const struct cnode *m;

	if (t->state[i] == 2)
		return 0;
	if (t->state[i] == 1) {
		struct sbuf b = { 0 };
		int k;

		for (k = 0; k < t->depth; k++)
			sb_printf(&b, "%s -> ", t->stack[k]);
		sb_puts(&b, s->value);
		snprintf(t->cerr->msg, sizeof(t->cerr->msg),
			 "%s cycle: %s", s->sn->kw, b.s);
		sb_free(&b);
		t->cerr->line = s->line;
		t->cerr->err = -ELOOP;
		return -1;
	}
	t->state[i] = 1;
	if (t->depth < 64)
		t->stack[t->depth] = s->value;
	t->depth++;
	g = cnode_group((struct cnode *)s, t->member_kw);
	for (m = g ? g->first : NULL; m; m = m->next) {
		size_t j;

		if (find_set(t, s, m->value, &j) && topo_visit(t, j))
			return -1;
	}
	t->depth--;
	t->state[i] = 2;
	ol_add(t->out, s);
	return 0;
}

static const struct snode *child_by_kw(const struct snode *sn, const char *kw)
{
	int i;

	for (i = 0; sn->children && sn->children[i]; i++)
		if (sn->children[i]->kw && !strcmp(sn->children[i]->kw, kw))
			return sn->children[i];
	return NULL;
}

static int topo_sort(struct objlist *sets, struct commit_err *cerr)
{
	struct objlist out = { 0 };
	struct topo t = { .sets = sets, .out = &out, .cerr = cerr };
	size_t i;
	int err = 0;

	if (!sets->n)
		return 0;
	t.state = xcalloc(sets->n, 1);
	t.member_kw = child_by_kw(sets->v[0]->sn, sets->v[0]->sn->kw);
	for (i = 0; i < sets->n; i++) {
		struct cnode *book = sets->v[i]->parent;

		((struct cnode *)sets->v[i])->aux = (int)i;
		if (book->sn->kind == SK_LIST && book->sn->vt == VT_ENUM)
			t.global_book = book;	/* address-book global */
	}
	for (i = 0; i < sets->n && !err; i++)
		err = topo_visit(&t, i);
	free(t.state);
	for (i = 0; i < sets->n; i++)
		((struct cnode *)sets->v[i])->aux = -1;
	if (err) {
		free(out.v);
		return -1;
	}
	free(sets->v);
	*sets = out;
	return 0;
}

static int begin_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1];

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX))
		return -EINVAL;
	if (tb[SRXFLOW_A_TXN_ID])
		*(uint32_t *)data = mnl_attr_get_u32(tb[SRXFLOW_A_TXN_ID]);
	return 0;
}

static int commit_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1];

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX))
		return -EINVAL;
	if (tb[SRXFLOW_A_GENERATION])
		*(uint64_t *)data = mnl_attr_get_u64(tb[SRXFLOW_A_GENERATION]);
	return 0;
}

static void txn_abort(struct nl *nl, uint32_t txn)
{
	struct nlreq req;

	nlreq_init(nl, &req, SRXFLOW_CMD_CFG_ABORT, 0);
	mnl_attr_put_u32(req.nlh, SRXFLOW_A_TXN_ID, txn);
	nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
}

static int encode_all(struct encoder *e, const struct cnode *root)
{
	struct objlist ranks[R_MAX];
	size_t i;
	int r, err = 0;

	memset(ranks, 0, sizeof(ranks));
	collect(root, ranks);
	if (topo_sort(&ranks[R_ASET], e->cerr) || topo_sort(&ranks[R_APPSET], e->cerr)) {
		err = e->cerr->err;
		goto out;
	}
	for (r = 0; r < R_MAX && !err; r++)
		for (i = 0; i < ranks[r].n && !err; i++)
			err = encode_object(e, ranks[r].v[i]);
	if (!err)
		err = send_msg(e);
	if (err && e->open) {
		nlreq_free(&e->req);
		e->open = false;
	}
out:
	for (r = 0; r < R_MAX; r++)
		free(ranks[r].v);
	return err;
}

int config_encode(struct nl *nl, const struct cnode *root, cfg_sink sink, void *arg,
		  struct commit_err *cerr)
{
	struct encoder e = { .nl = nl, .sink = sink, .sink_arg = arg, .cerr = cerr };
	int err;

	memset(cerr, 0, sizeof(*cerr));
	err = encode_all(&e, root);
	free(e.map);
	return err;
}

int config_commit(struct nl *nl, const struct cnode *root, uint64_t base_gen,
		  bool check_only, uint64_t *new_gen, struct commit_err *cerr)
{
	struct encoder e = { .nl = nl, .sink = nl_sink, .sink_arg = nl, .cerr = cerr };
	struct nlreq req;
	uint64_t gen = 0;
	int err;
	int sndbuf = 8 << 20;

	memset(cerr, 0, sizeof(*cerr));
	/* large objects: allow messages bigger than the default socket buffer */
	if (setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_SNDBUFFORCE,
		       &sndbuf, sizeof(sndbuf)))
		setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_SNDBUF,
			   &sndbuf, sizeof(sndbuf));

	nlreq_init(nl, &req, SRXFLOW_CMD_CFG_BEGIN, 0);
	mnl_attr_put_u64(req.nlh, SRXFLOW_A_GENERATION, base_gen);
	err = nl_talk(nl, &req, begin_cb, &e.txn);
	nlreq_free(&req);
	if (err) {
		cerr->err = err;
		snprintf(cerr->msg, sizeof(cerr->msg), "%s", nl->errmsg);
		return err;
	}

	err = encode_all(&e, root);
	free(e.map);
	if (err) {
		txn_abort(nl, e.txn);
		return err;
	}

	nlreq_init(nl, &req, SRXFLOW_CMD_CFG_COMMIT, 0);
	mnl_attr_put_u32(req.nlh, SRXFLOW_A_TXN_ID, e.txn);
	mnl_attr_put_u32(req.nlh, SRXFLOW_A_COMMIT_FLAGS,
			 check_only ? SRXFLOW_COMMIT_CHECK : 0);
	err = nl_talk(nl, &req, commit_cb, &gen);
	nlreq_free(&req);
	if (err) {
		/* the kernel has ended the transaction */
		cerr->err = err;
		snprintf(cerr->msg, sizeof(cerr->msg), "%s", nl->errmsg);
		return err;
	}
	if (new_gen)
		*new_gen = gen;
	return 0;
}

/* --- decoding ------------------------------------------------------------------------ */
/* Path from sn to the descendant encoding attribute type (through
 * transparent containers/lists).  Returns its depth, 0 if none.
 */
static int find_attr(const struct snode *sn, uint16_t type, const struct nlattr *a,
		     const struct snode **path, int max)
{
	int i, d;

	if (max <= 0)
		return 0;
	for (i = 0; sn->children && sn->children[i]; i++) {
		const struct snode *c = sn->children[i];

		if (c->flags & SF_OBJECT)
			continue;
		path[0] = c;
		switch (c->kind) {
		case SK_FLAG:
			if (c->attr != type)
				break;
			if (c->nlt == NLT_CHOICE &&
			    (mnl_attr_get_payload_len(a) != 1 ||
			     mnl_attr_get_u8(a) != c->choice_val))
				break;
			return 1;
		case SK_LEAF:
		case SK_LEAFLIST:
			if (c->attr == type)
				return 1;
			break;
		case SK_CONTAINER:
			if (c->nlt == NLT_NEST || (c->flags & SF_PRESENCE)) {
				if (c->attr == type && (c->nlt != NLT_CHOICE ||
				    (mnl_attr_get_payload_len(a) == 1 &&
				     mnl_attr_get_u8(a) == c->choice_val)))
					return 1;
			}
			if (c->nlt != NLT_NEST) {
				d = find_attr(c, type, a, path + 1, max - 1);
				if (d)
					return d + 1;
			}
			break;
		case SK_LIST:
			if (c->nlt == NLT_NEST) {
				if (c->attr == type)
					return 1;
			} else {
				if (c->key_attr && c->key_attr == type)
					return 1;
				d = find_attr(c, type, a, path + 1, max - 1);
				if (d)
					return d + 1;
			}
			break;
		}
	}
	return 0;
}

static int decode_children(struct cnode *n, const struct nlattr *nest,
			   uint16_t skip1, uint16_t skip2);

static int decode_attr(struct cnode *n, const struct nlattr *a)
{
	const struct snode *path[16];
	char v[VALUE_MAX];
	uint16_t type = mnl_attr_get_type(a);
	struct cnode *cur = n;
	int d, k;

	d = find_attr(n->sn, type, a, path, 16);
	if (!d)
		return 0;	/* kernel-only attribute (e.g. policy index) */
	for (k = 0; k < d - 1; k++) {
		const struct snode *s = path[k];

		if (s->kind == SK_LIST) {
			struct cgroup *g = cnode_group(cur, s);

			if (!g || !g->first)
				return -EINVAL;	/* key must come first */
			cur = g->first;
		} else {
			cur = cnode_get(cur, s, NULL, 0);
		}
	}
	const struct snode *s = path[d - 1];

	switch (s->kind) {
	case SK_CONTAINER:
		cur = cnode_get(cur, s, NULL, 0);
		if (s->nlt == NLT_NEST)
			return decode_children(cur, a, 0, 0);
		return 0;
	case SK_LIST:
		if (s->nlt == NLT_NEST) {
			const struct nlattr *k2;

			mnl_attr_for_each_nested(k2, a) {
				if (mnl_attr_get_type(k2) != s->key_attr)
					continue;
				if (!value_get(k2, s->key_nlt, s, v, sizeof(v)))
					return -EINVAL;
				cur = cnode_get(cur, s, v, 0);
				return decode_children(cur, a, s->key_attr, 0);
			}
			return -EINVAL;
		}
		if (!value_get(a, s->key_nlt, s, v, sizeof(v)))
			return -EINVAL;
		cnode_get(cur, s, v, 0);
		return 0;
	case SK_LEAF:
		if (!value_get(a, s->nlt, s, v, sizeof(v)))
			return -EINVAL;
		cnode_set_leaf(cur, s, v, 0);
		return 0;
	case SK_LEAFLIST:
		if (!value_get(a, s->nlt, s, v, sizeof(v)))
			return -EINVAL;
		cnode_get(cur, s, v, 0);
		return 0;
	case SK_FLAG:
		cnode_get(cur, s, NULL, 0);
		return 0;
	}
	return 0;
}

static int decode_children(struct cnode *n, const struct nlattr *nest,
			   uint16_t skip1, uint16_t skip2)
{
	const struct nlattr *a;
	int err;

	mnl_attr_for_each_nested(a, nest) {
		uint16_t t = mnl_attr_get_type(a);

		if ((skip1 && t == skip1) || (skip2 && t == skip2))
			continue;
		err = decode_attr(n, a);
		if (err)
			return err;
	}
	return 0;
}

static const struct nlattr *nested_attr(const struct nlattr *nest, uint16_t type)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

/* context attributes on the schema path of an object variant */
static int ctx_attrs(const struct opath *op, uint16_t *out)
{
	int k, n = 0;

	for (k = 1; k < op->depth - 1; k++)
		if (op->node[k]->kind == SK_LIST && op->node[k]->ctx_attr)
			out[n++] = op->node[k]->ctx_attr;
	return n;
}

static bool in_set(const uint16_t *set, int n, uint16_t v)
{
	while (n--)
		if (set[n] == v)
			return true;
	return false;
}

/*
 * Variants of one object type (global vs zone address book, zone-pair vs
 * global policy) differ by the context keys on their path: pick the
 * variant whose context keys are exactly those present in the object.
 */
static const struct opath *object_variant(const struct nlattr *obj)
{
	uint16_t type = mnl_attr_get_type(obj), all[16], mine[16];
	int p, k, nall = 0, nmine;

	for (p = 0; p < nopaths; p++) {
		if (opaths[p].node[opaths[p].depth - 1]->obj_attr != type)
			continue;
		nmine = ctx_attrs(&opaths[p], mine);
		for (k = 0; k < nmine; k++)
			if (!in_set(all, nall, mine[k]) && nall < 16)
				all[nall++] = mine[k];
	}
	for (p = 0; p < nopaths; p++) {
		bool ok = true;

		if (opaths[p].node[opaths[p].depth - 1]->obj_attr != type)
			continue;
		nmine = ctx_attrs(&opaths[p], mine);
		for (k = 0; k < nall; k++)
			if (in_set(mine, nmine, all[k]) != !!nested_attr(obj, all[k]))
				ok = false;
		if (ok)
			return &opaths[p];
	}
	return NULL;
}

int config_decode_object(struct cnode *root, const struct nlattr *obj)
{
	const struct opath *op;
	const struct snode *os;
	const struct nlattr *a;
	struct cnode *cur = root;
	uint16_t ctx[16];
	char v[VALUE_MAX];
	int k, nctx, err;

	init_paths();
	op = object_variant(obj);
	if (!op)
		return 0;	/* unknown object type (newer kernel): ignore */
	os = op->node[op->depth - 1];
	nctx = ctx_attrs(op, ctx);

	/* create the path: context keys, fixed keys ("global"), containers */
	for (k = 1; k < op->depth - 1; k++) {
		const struct snode *s = op->node[k];

		if (s->kind != SK_LIST) {
			cur = cnode_get(cur, s, NULL, 0);
			continue;
		}
		if (s->ctx_attr) {
			a = nested_attr(obj, s->ctx_attr);
			if (!a || !value_get(a, NLT_STR, s, v, sizeof(v)))
				return -EINVAL;
		} else if (s->vt == VT_ENUM) {
			snprintf(v, sizeof(v), "%s", s->enums[0]);
		} else {
			return -EINVAL;
		}
		cur = cnode_get(cur, s, v, 0);
	}
	if (os->kind == SK_LIST) {
		a = nested_attr(obj, os->key_attr);
		if (!a || !value_get(a, os->key_nlt, os, v, sizeof(v)))
			return -EINVAL;
		cur = cnode_get(cur, os, v, 0);
	} else {
		cur = cnode_get(cur, os, NULL, 0);
	}

	mnl_attr_for_each_nested(a, obj) {
		uint16_t t = mnl_attr_get_type(a);

		if ((os->kind == SK_LIST && t == os->key_attr) || in_set(ctx, nctx, t))
			continue;
		err = decode_attr(cur, a);
		if (err)
			return err;
	}
	return 0;
}

struct read_ctx {
	struct cnode *root;
	uint64_t gen;
	int err;
};

static int read_cb(const struct nlmsghdr *nlh, void *data)
{
	struct read_ctx *rc = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		uint16_t t = mnl_attr_get_type(a);

		if (t == SRXFLOW_A_GENERATION) {
			rc->gen = mnl_attr_get_u64(a);
			continue;
		}
		if ((t < SRXFLOW_A_CFG_ZONE || t > SRXFLOW_A_CFG_TRACE) &&
		    t != SRXFLOW_A_CFG_INTERFACE && t != SRXFLOW_A_CFG_FUNCTIONAL_ZONE &&
		    t != SRXFLOW_A_CFG_LOG && t != SRXFLOW_A_CFG_SCREEN && t != SRXFLOW_A_CFG_ALG &&
		    (t < SRXFLOW_A_CFG_NAT_SOURCE_POOL || t > SRXFLOW_A_CFG_NAT_STATIC_RULESET) &&
		    t != SRXFLOW_A_CFG_NAT_PROXY_ARP && t != SRXFLOW_A_CFG_NAT_PROXY_NDP &&
		    t != SRXFLOW_A_CFG_NAT_SOURCE_OPTS)
			continue;
		if (config_decode_object(rc->root, a) && !rc->err)
			rc->err = -EINVAL;
	}
	return 0;
}

static int gen_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1];

	if (nl_parse(nlh, tb, SRXFLOW_A_MAX))
		return -EINVAL;
	if (tb[SRXFLOW_A_GENERATION])
		*(uint64_t *)data = mnl_attr_get_u64(tb[SRXFLOW_A_GENERATION]);
	return 0;
}

int config_generation(struct nl *nl, uint64_t *gen)
{
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_GET_STATUS, 0);
	err = nl_talk(nl, &req, gen_cb, gen);
	nlreq_free(&req);
	return err;
}

int config_read(struct nl *nl, struct cnode **rootp, uint64_t *gen)
{
	int tries, err = 0;

	for (tries = 0; tries < 10; tries++) {
		struct read_ctx rc = { .root = ctree_new() };
		struct nlreq req;

		nlreq_init(nl, &req, SRXFLOW_CMD_CFG_GET, NLM_F_DUMP);
		err = nl_talk(nl, &req, read_cb, &rc);
		nlreq_free(&req);
		if (!err && !nl->dump_intr) {
			if (rc.err) {
				ctree_free(rc.root);
				return rc.err;
			}
			*rootp = rc.root;
			*gen = rc.gen;
			return 0;
		}
		ctree_free(rc.root);
		if (err)
			return err;
		/* the configuration changed during the dump: read it again */
	}
	return -EAGAIN;
}
