// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration generations: objects arriving in a transaction are
 * validated and compiled one by one (references must point to objects
 * defined earlier in the same transaction), the whole generation is
 * checked and published atomically at commit.  See config.h.
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "policy.h"

/* --- name table ---------------------------------------------------------------- */
static u32 name_hash(u8 kind, u32 scope, const char *name)
{
	return jhash(name, strlen(name), ((u32)kind << 24) ^ scope);
}

static int nametab_init(struct sxf_nametab *t, u32 nbuckets)
{
	t->buckets = kvcalloc(nbuckets, sizeof(*t->buckets), GFP_KERNEL_ACCOUNT);
	if (!t->buckets)
		return -ENOMEM;
	t->nbuckets = nbuckets;
	t->count = 0;
	return 0;
}

int sxf_names_add(struct sxf_nametab *t, struct sxf_obj *o)
{
	if (t->count >= t->nbuckets) {
		struct hlist_head *nb;
		u32 n = t->nbuckets * 2, i;
		struct hlist_node *tmp;
		struct sxf_obj *p;

		nb = kvcalloc(n, sizeof(*nb), GFP_KERNEL_ACCOUNT);
		if (!nb)
			return -ENOMEM;
		for (i = 0; i < t->nbuckets; i++)
			hlist_for_each_entry_safe(p, tmp, &t->buckets[i], hnode) {
				hlist_del(&p->hnode);
				hlist_add_head(&p->hnode, &nb[p->hash & (n - 1)]);
			}
		kvfree(t->buckets);
		t->buckets = nb;
		t->nbuckets = n;
	}
	o->hash = name_hash(o->kind, o->scope, o->name);
	hlist_add_head(&o->hnode, &t->buckets[o->hash & (t->nbuckets - 1)]);
	t->count++;
	return 0;
}

struct sxf_obj *sxf_names_find(const struct sxf_nametab *t, u8 kind, u32 scope,
			       const char *name)
{
	u32 h = name_hash(kind, scope, name);
	struct sxf_obj *o;

	hlist_for_each_entry(o, &t->buckets[h & (t->nbuckets - 1)], hnode)
		if (o->hash == h && o->kind == kind && o->scope == scope &&
		    !strcmp(o->name, name))
			return o;
	return NULL;
}

/* --- allocation and freeing ----------------------------------------------------- */
struct sxf_cfg *sxf_cfg_alloc(void)
{
	struct sxf_cfg *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);

	if (!cfg)
		return NULL;
	if (nametab_init(&cfg->names, 64)) {
		kfree(cfg);
		return NULL;
	}
	refcount_set(&cfg->ref, 1);
	return cfg;
}

static void free_obj(struct sxf_obj *o)
{
	switch (o->kind) {
	case SXF_OBJ_ZONE: {
		struct sxf_zone *z = container_of(o, struct sxf_zone, o);

		kvfree(z->ifaces);
		kfree(z);
		break;
	}
	case SXF_OBJ_IFACE:
		kfree(container_of(o, struct sxf_zone_if, o));
		break;
	case SXF_OBJ_ADDR: {
		struct sxf_addr *a = container_of(o, struct sxf_addr, o);

		sxf_rs_free(&a->rs);
		kfree(a);
		break;
	}
	case SXF_OBJ_APP: {
		struct sxf_user_app *a = container_of(o, struct sxf_user_app, o);

		kvfree(a->members);
		kfree(a);
		break;
	}
	case SXF_OBJ_POLICY:
		sxf_free_policy(container_of(o, struct sxf_policy, o));
		break;
	}
}

void sxf_cfg_free(struct sxf_cfg *cfg)
{
	struct hlist_node *tmp;
	struct sxf_obj *o;
	u32 i;

	if (!cfg)
		return;
	sxf_policy_free_compiled(cfg);
	for (i = 0; i < cfg->names.nbuckets; i++)
		hlist_for_each_entry_safe(o, tmp, &cfg->names.buckets[i], hnode)
			free_obj(o);
	kvfree(cfg->names.buckets);
	for (i = 0; i < cfg->nr_blobs; i++)
		kvfree(cfg->blobs[i]);
	kvfree(cfg->blobs);
	kvfree(cfg->zones);
	kvfree(cfg->policies);
	kvfree(cfg->by_index);
	kfree(rcu_dereference_protected(cfg->ifmap, true));
	kfree(cfg);
}

static void cfg_free_work(struct work_struct *work)
{
	struct sxf_cfg *cfg = container_of(to_rcu_work(work), struct sxf_cfg, free_work);

	sxf_cfg_free(cfg);
}

/*
 * Drop a reference.  The last one frees after a grace period, in process
 * context (generations can be large).
 */
void sxf_cfg_put(struct sxf_cfg *cfg)
{
	if (!cfg || !refcount_dec_and_test(&cfg->ref))
		return;
	INIT_RCU_WORK(&cfg->free_work, cfg_free_work);
	queue_rcu_work(sxf_wq, &cfg->free_work);
}

/* The running generation, referenced (for dumps that span messages). */
struct sxf_cfg *sxf_cfg_get_rcu(struct sxf_net *sn)
{
	struct sxf_cfg *cfg;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (cfg && !refcount_inc_not_zero(&cfg->ref))
		cfg = NULL;
	rcu_read_unlock();
	return cfg;
}

/* --- formatted extended ACK messages ------------------------------------------ */
/*
 * genl operations of this family are serialised by genl_mutex
 * (parallel_ops = false) and the ACK is built before the next operation
 * runs, so one buffer is enough.
 */
static char sxf_errbuf[320];

__printf(3, 4)
int sxf_err(struct netlink_ext_ack *extack, const struct nlattr *bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sxf_errbuf, sizeof(sxf_errbuf), fmt, ap);
	va_end(ap);
	if (extack) {
		extack->_msg = sxf_errbuf;
		extack->bad_attr = bad;
	}
	return -EINVAL;
}

void *sxf_cfg_zalloc(struct sxf_cfg *cfg, size_t size)
{
	if (cfg->bytes + size > SXF_MAX_TXN_BYTES)
		return NULL;
	cfg->bytes += size;
	return kzalloc(size, GFP_KERNEL_ACCOUNT);
}

/* Account memory an object holds beyond its sxf_cfg_zalloc() (range sets, lists). */
int sxf_cfg_charge(struct sxf_cfg *cfg, size_t size, const struct nlattr *obj,
		   const char *ctx, struct netlink_ext_ack *extack)
{
	if (cfg->bytes > SXF_MAX_TXN_BYTES || size > SXF_MAX_TXN_BYTES - cfg->bytes)
		return sxf_err(extack, obj, "%s: the configuration needs more than %u bytes",
			       ctx, SXF_MAX_TXN_BYTES);
	cfg->bytes += size;
	return 0;
}

/*
 * Names of objects (include/uapi/linux/srxflow.h): ASCII letters, digits
 * and . _ - / : (address names like 10.0.0.0/8 or 2001:db8::/32 are
 * common in Junos configurations), starting with a letter, a digit or _.
 * The kernel's isalnum() also takes Latin-1 letters (0xc0-0xff).
 */
static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool name_valid(const char *s)
{
	if (!name_char(*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!name_char(*s) && !strchr("._-/:", *s))
			return false;
	return true;
}

int sxf_cfg_get_name(const struct nlattr *a, char *out, const char *what,
		     struct netlink_ext_ack *extack, const struct nlattr *ctx)
{
	if (!a)
		return sxf_err(extack, ctx, "%s: missing name", what);
	nla_strscpy(out, a, SRXFLOW_NAME_MAX);
	if (!name_valid(out))
		return sxf_err(extack, a, "%s: invalid name '%s'", what, out);
	return 0;
}

bool sxf_prefix_valid(const struct srxflow_prefix *p)
{
	if (p->family == AF_INET)
		return p->plen <= 32;
	if (p->family == AF_INET6)
		return p->plen <= 128;
	return false;
}

/* Make room for one more pointer in *v (n used, *cap allocated): doubling. */
int sxf_grow_ptrs(void ***v, u32 n, u32 *cap)
{
	void **nv;
	u32 ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	nv = kvmalloc_array(ncap, sizeof(*nv), GFP_KERNEL_ACCOUNT);
	if (!nv)
		return -ENOMEM;
	if (*v)
		memcpy(nv, *v, n * sizeof(*nv));
	kvfree(*v);
	*v = nv;
	*cap = ncap;
	return 0;
}

int sxf_cfg_keep_blob(struct sxf_cfg *cfg, u16 type, const struct nlattr *nla, void *obj)
{
	struct sxf_blob *b;
	u32 len = nla_len(nla);

	if (cfg->nr_blobs == cfg->cap_blobs) {
		u32 cap = cfg->cap_blobs ? cfg->cap_blobs * 2 : 64;
		struct sxf_blob **nb = kvmalloc_array(cap, sizeof(*nb), GFP_KERNEL_ACCOUNT);

		if (!nb)
			return -ENOMEM;
		if (cfg->blobs)
			memcpy(nb, cfg->blobs, cfg->nr_blobs * sizeof(*nb));
		kvfree(cfg->blobs);
		cfg->blobs = nb;
		cfg->cap_blobs = cap;
	}
	if (cfg->bytes + len + sizeof(*b) > SXF_MAX_TXN_BYTES)
		return -ENOSPC;
	b = kvmalloc(sizeof(*b) + len, GFP_KERNEL_ACCOUNT);
	if (!b)
		return -ENOMEM;
	cfg->bytes += len + sizeof(*b);
	b->obj = obj;
	b->type = type;
	b->len = len;
	memcpy(b->data, nla_data(nla), len);
	cfg->blobs[cfg->nr_blobs++] = b;
	return 0;
}

int sxf_cfg_add(struct sxf_cfg *cfg, u16 type, const struct nlattr *obj,
		struct netlink_ext_ack *extack)
{
	switch (type) {
	case SRXFLOW_A_CFG_ZONE:
		return sxf_add_zone(cfg, obj, extack);
	case SRXFLOW_A_CFG_ADDRESS:
		return sxf_add_address(cfg, obj, extack);
	case SRXFLOW_A_CFG_ADDRESS_SET:
		return sxf_add_address_set(cfg, obj, extack);
	case SRXFLOW_A_CFG_APPLICATION:
		return sxf_add_application(cfg, obj, extack);
	case SRXFLOW_A_CFG_APPLICATION_SET:
		return sxf_add_application_set(cfg, obj, extack);
	case SRXFLOW_A_CFG_POLICY:
		return sxf_add_policy(cfg, obj, extack);
	case SRXFLOW_A_CFG_POLICIES:
		return sxf_add_policies(cfg, obj, extack);
	case SRXFLOW_A_CFG_FLOW:
		return sxf_add_flow(cfg, obj, extack);
	case SRXFLOW_A_CFG_FWD:
		return sxf_add_fwd(cfg, obj, extack);
	case SRXFLOW_A_CFG_TRACE:
		return sxf_add_trace(cfg, obj, extack);
	}
	return 0;
}
