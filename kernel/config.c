// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration generations: objects arriving in a transaction are
 * validated and compiled one by one (references must point to objects
 * defined earlier in the same transaction), the whole generation is
 * checked and published atomically at commit.  See config.h.
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/rtnetlink.h>
#include <linux/netdevice.h>
#include <linux/ctype.h>
#include <linux/socket.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"
#include "trace.h"

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

static int nametab_add(struct sxf_nametab *t, struct sxf_obj *o)
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

static void free_policy(struct sxf_policy *p)
{
	if (p->src.owned)
		sxf_rs_free((struct sxf_rangeset *)p->src.rs);
	if (p->src.owned)
		kfree(p->src.rs);
	if (p->dst.owned)
		sxf_rs_free((struct sxf_rangeset *)p->dst.rs);
	if (p->dst.owned)
		kfree(p->dst.rs);
	kvfree(p->apps);
	kfree(p->mfrom);
	kfree(p->mto);
	kfree(p);
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
		free_policy(container_of(o, struct sxf_policy, o));
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

static void *cfg_alloc(struct sxf_cfg *cfg, size_t size)
{
	if (cfg->bytes + size > SXF_MAX_TXN_BYTES)
		return NULL;
	cfg->bytes += size;
	return kzalloc(size, GFP_KERNEL_ACCOUNT);
}

/* Account memory an object holds beyond its cfg_alloc() (range sets, lists). */
static int charge_bytes(struct sxf_cfg *cfg, size_t size, const struct nlattr *obj,
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

static int get_name(const struct nlattr *a, char *out, const char *what,
		    struct netlink_ext_ack *extack, const struct nlattr *ctx)
{
	if (!a)
		return sxf_err(extack, ctx, "%s: missing name", what);
	nla_strscpy(out, a, SRXFLOW_NAME_MAX);
	if (!name_valid(out))
		return sxf_err(extack, a, "%s: invalid name '%s'", what, out);
	return 0;
}

static bool prefix_valid(const struct srxflow_prefix *p)
{
	if (p->family == AF_INET)
		return p->plen <= 32;
	if (p->family == AF_INET6)
		return p->plen <= 128;
	return false;
}

/* Make room for one more pointer in *v (n used, *cap allocated): doubling. */
static int grow_ptrs(void ***v, u32 n, u32 *cap)
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

static int keep_blob(struct sxf_cfg *cfg, u16 type, const struct nlattr *nla, void *obj)
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

/* --- zones --------------------------------------------------------------------- */
static int parse_hostin(struct sxf_hostin *hi, const struct nlattr *nest,
			const char *ctx, struct netlink_ext_ack *extack)
{
	struct nlattr *a, *tb[SRXFLOW_A_HIE_MAX + 1];
	u64 svc_on = 0, svc_off = 0;
	u32 pr_on = 0, pr_off = 0;
	int rem, err;

	memset(hi, 0, sizeof(*hi));
	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem) {
		bool is_svc = nla_type(a) == SRXFLOW_A_HI_SERVICE;
		bool except;
		u32 id;

		err = nla_parse_nested(tb, SRXFLOW_A_HIE_MAX, a, sxf_hie_policy, extack);
		if (err)
			return err;
		if (!tb[SRXFLOW_A_HIE_ID])
			return sxf_err(extack, a, "%s host-inbound-traffic: missing service/protocol", ctx);
		id = nla_get_u32(tb[SRXFLOW_A_HIE_ID]);
		except = nla_get_flag(tb[SRXFLOW_A_HIE_EXCEPT]);
		if (is_svc) {
			if (id >= __SRXFLOW_SVC_MAX)
				return sxf_err(extack, tb[SRXFLOW_A_HIE_ID],
					       "%s host-inbound-traffic system-services: unknown service %u",
					       ctx, id);
			if ((svc_on | svc_off) & BIT_ULL(id))
				return sxf_err(extack, a, "%s host-inbound-traffic system-services: service %u listed twice",
					       ctx, id);
			if (except)
				svc_off |= BIT_ULL(id);
			else
				svc_on |= BIT_ULL(id);
			hi->has_services = true;
		} else {
			if (id >= __SRXFLOW_HPROTO_MAX)
				return sxf_err(extack, tb[SRXFLOW_A_HIE_ID],
					       "%s host-inbound-traffic protocols: unknown protocol %u",
					       ctx, id);
			if ((pr_on | pr_off) & BIT(id))
				return sxf_err(extack, a, "%s host-inbound-traffic protocols: protocol %u listed twice",
					       ctx, id);
			if (except)
				pr_off |= BIT(id);
			else
				pr_on |= BIT(id);
			hi->has_protocols = true;
		}
	}
	/* "all": every system service; "any-service": every port as well */
	if (svc_on & BIT_ULL(SRXFLOW_SVC_ANY_SERVICE))
		svc_on = GENMASK_ULL(__SRXFLOW_SVC_MAX - 1, 0);
	else if (svc_on & BIT_ULL(SRXFLOW_SVC_ALL))
		svc_on = GENMASK_ULL(__SRXFLOW_SVC_MAX - 1, 0) &
			 ~BIT_ULL(SRXFLOW_SVC_ANY_SERVICE);
	if (pr_on & BIT(SRXFLOW_HPROTO_ALL))
		pr_on = GENMASK(__SRXFLOW_HPROTO_MAX - 1, 0);
	hi->services = svc_on & ~svc_off;
	hi->protocols = pr_on & ~pr_off;
	return 0;
}

static int add_zone(struct sxf_cfg *cfg, const struct nlattr *obj,
		    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_ZONE_MAX + 1], *a;
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_zone *z;
	int rem, err, n = 0;

	err = nla_parse_nested(tb, SRXFLOW_A_ZONE_MAX, obj, sxf_zone_policy, extack);
	if (err)
		return err;
	if (cfg->nr_zones >= SXF_MAX_ZONES)
		return sxf_err(extack, obj, "security zones: more than %u zones", SXF_MAX_ZONES);
	z = cfg_alloc(cfg, sizeof(*z));
	if (!z)
		return -ENOMEM;
	z->o.kind = SXF_OBJ_ZONE;
	err = get_name(tb[SRXFLOW_A_ZONE_NAME], z->o.name, "security zones security-zone",
		       extack, obj);
	if (err)
		goto err_free;
	snprintf(ctx, sizeof(ctx), "security zones security-zone %s", z->o.name);
	if (!strcmp(z->o.name, "junos-host") || !strcmp(z->o.name, "any")) {
		err = sxf_err(extack, tb[SRXFLOW_A_ZONE_NAME], "%s: zone name is reserved", ctx);
		goto err_free;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_ZONE, 0, z->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_ZONE_NAME], "%s: zone defined twice", ctx);
		goto err_free;
	}
	z->tcp_rst = nla_get_flag(tb[SRXFLOW_A_ZONE_TCP_RST]);
	z->reverse_reroute = nla_get_flag(tb[SRXFLOW_A_ZONE_REVERSE_REROUTE]);
	if (tb[SRXFLOW_A_ZONE_SCREEN]) {
		err = get_name(tb[SRXFLOW_A_ZONE_SCREEN], z->screen, ctx, extack, obj);
		if (err)
			goto err_free;
	}
	err = parse_hostin(&z->hostin, tb[SRXFLOW_A_ZONE_HOST_INBOUND], ctx, extack);
	if (err)
		goto err_free;

	nla_for_each_nested(a, obj, rem)
		if (nla_type(a) == SRXFLOW_A_ZONE_IFACE)
			n++;
	if (n > SXF_MAX_ZONE_IFACES) {
		err = sxf_err(extack, obj, "%s: more than %u interfaces", ctx, SXF_MAX_ZONE_IFACES);
		goto err_free;
	}
	if (n) {
		z->ifaces = kvcalloc(n, sizeof(*z->ifaces), GFP_KERNEL_ACCOUNT);
		if (!z->ifaces) {
			err = -ENOMEM;
			goto err_free;
		}
	}
	z->id = cfg->nr_zones;
	nla_for_each_nested(a, obj, rem) {
		struct nlattr *itb[SRXFLOW_A_ZIF_MAX + 1];
		struct sxf_zone_if *zif;
		struct sxf_obj *other;
		char ictx[sizeof(ctx) + IFNAMSIZ + 16];

		if (nla_type(a) != SRXFLOW_A_ZONE_IFACE)
			continue;
		err = nla_parse_nested(itb, SRXFLOW_A_ZIF_MAX, a, sxf_zif_policy, extack);
		if (err)
			goto err_ifaces;
		if (!itb[SRXFLOW_A_ZIF_NAME]) {
			err = sxf_err(extack, a, "%s interfaces: missing interface name", ctx);
			goto err_ifaces;
		}
		zif = cfg_alloc(cfg, sizeof(*zif));
		if (!zif) {
			err = -ENOMEM;
			goto err_ifaces;
		}
		zif->o.kind = SXF_OBJ_IFACE;
		nla_strscpy(zif->o.name, itb[SRXFLOW_A_ZIF_NAME], IFNAMSIZ);
		snprintf(ictx, sizeof(ictx), "%s interfaces %s", ctx, zif->o.name);
		if (!dev_valid_name(zif->o.name)) {
			kfree(zif);
			err = sxf_err(extack, itb[SRXFLOW_A_ZIF_NAME], "%s: invalid interface name", ictx);
			goto err_ifaces;
		}
		other = sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, zif->o.name);
		if (other) {
			const struct sxf_zone_if *oz = container_of(other, struct sxf_zone_if, o);

			kfree(zif);
			if (oz->zone == z)
				err = sxf_err(extack, itb[SRXFLOW_A_ZIF_NAME],
					      "%s: interface listed twice", ictx);
			else
				err = sxf_err(extack, itb[SRXFLOW_A_ZIF_NAME],
					      "%s: interface is already in zone %s",
					      ictx, oz->zone->o.name);
			goto err_ifaces;
		}
		err = parse_hostin(&zif->hostin, itb[SRXFLOW_A_ZIF_HOST_INBOUND], ictx, extack);
		if (err) {
			kfree(zif);
			goto err_ifaces;
		}
		/* interface-level settings override the zone's, per category */
		zif->eff = z->hostin;
		if (zif->hostin.has_services)
			zif->eff.services = zif->hostin.services;
		if (zif->hostin.has_protocols)
			zif->eff.protocols = zif->hostin.protocols;
		zif->zone = z;
		err = nametab_add(&cfg->names, &zif->o);
		if (err) {
			kfree(zif);
			goto err_ifaces;
		}
		z->ifaces[z->nr_ifaces++] = zif;
		cfg->nr_ifaces++;
	}

	err = grow_ptrs((void ***)&cfg->zones, cfg->nr_zones, &cfg->cap_zones);
	if (err)
		goto err_ifaces;
	err = nametab_add(&cfg->names, &z->o);
	if (err)
		goto err_ifaces;
	cfg->zones[cfg->nr_zones++] = z;
	/* z is in the name table now: freed with the transaction on error */
	return keep_blob(cfg, SRXFLOW_A_CFG_ZONE, obj, z);

err_ifaces:
	/* interfaces already added stay in the name table and are freed with it */
	z->nr_ifaces = 0;
err_free:
	kvfree(z->ifaces);
	kfree(z);
	return err;
}

const struct sxf_zone *sxf_cfg_zone_by_name(const struct sxf_cfg *cfg, const char *name)
{
	struct sxf_obj *o = sxf_names_find(&cfg->names, SXF_OBJ_ZONE, 0, name);

	return o ? container_of(o, struct sxf_zone, o) : NULL;
}

const char *sxf_zone_name(const struct sxf_cfg *cfg, u16 id)
{
	if (id == SXF_ZONE_HOST)
		return "junos-host";
	if (id == SXF_ZONE_ANY)
		return "any";
	if (id < cfg->nr_zones)
		return cfg->zones[id]->o.name;
	return "";
}

/* zone id of a name in a policy: a zone or junos-host */
static int zone_ref(const struct sxf_cfg *cfg, const struct nlattr *a, bool allow_host,
		    bool allow_any, const char *what, struct netlink_ext_ack *extack)
{
	const struct sxf_zone *z;
	char name[SRXFLOW_NAME_MAX];

	nla_strscpy(name, a, sizeof(name));
	if (allow_host && !strcmp(name, "junos-host"))
		return SXF_ZONE_HOST;
	if (allow_any && !strcmp(name, "any"))
		return SXF_ZONE_ANY;
	z = sxf_cfg_zone_by_name(cfg, name);
	if (!z)
		return sxf_err(extack, a, "%s %s: zone is not defined", what, name);
	return z->id;
}

/* --- addresses ----------------------------------------------------------------- */
static int addr_scope(struct sxf_cfg *cfg, const struct nlattr *zone_attr, u32 *scope,
		      char *ctx, size_t ctxlen, const char *stmt,
		      struct netlink_ext_ack *extack)
{
	const struct sxf_zone *z;
	char zname[SRXFLOW_NAME_MAX];

	if (!zone_attr) {
		*scope = 0;
		snprintf(ctx, ctxlen, "security address-book global %s", stmt);
		return 0;
	}
	nla_strscpy(zname, zone_attr, sizeof(zname));
	z = sxf_cfg_zone_by_name(cfg, zname);
	if (!z)
		return sxf_err(extack, zone_attr,
			       "security zones security-zone %s address-book: zone is not defined",
			       zname);
	*scope = z->id + 1;
	snprintf(ctx, ctxlen, "security zones security-zone %s address-book %s", zname, stmt);
	return 0;
}

static bool reserved_addr(const char *name)
{
	return !strcmp(name, "any") || !strcmp(name, "any-ipv4") || !strcmp(name, "any-ipv6");
}

static int add_address(struct sxf_cfg *cfg, const struct nlattr *obj,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_ADDR_MAX + 1];
	char ctx[2 * SRXFLOW_NAME_MAX + 64];
	struct srxflow_prefix *lo, *hi;
	struct sxf_addr *a;
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_ADDR_MAX, obj, sxf_addr_policy, extack);
	if (err)
		return err;
	if (cfg->nr_addrs >= SXF_MAX_ADDRESSES)
		return sxf_err(extack, obj, "address book: more than %u addresses", SXF_MAX_ADDRESSES);
	a = cfg_alloc(cfg, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->o.kind = SXF_OBJ_ADDR;
	err = addr_scope(cfg, tb[SRXFLOW_A_ADDR_ZONE], &a->o.scope, ctx, sizeof(ctx),
			 "address", extack);
	if (err)
		goto err;
	err = get_name(tb[SRXFLOW_A_ADDR_NAME], a->o.name, ctx, extack, obj);
	if (err)
		goto err;
	strlcat(ctx, " ", sizeof(ctx));
	strlcat(ctx, a->o.name, sizeof(ctx));
	if (reserved_addr(a->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_ADDR_NAME], "%s: name is reserved", ctx);
		goto err;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_ADDR, a->o.scope, a->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_ADDR_NAME],
			      "%s: duplicate name in the address book", ctx);
		goto err;
	}
	if (tb[SRXFLOW_A_ADDR_PREFIX] && !tb[SRXFLOW_A_ADDR_RANGE_LO] &&
	    !tb[SRXFLOW_A_ADDR_RANGE_HI]) {
		struct srxflow_prefix *p = nla_data(tb[SRXFLOW_A_ADDR_PREFIX]);

		if (!prefix_valid(p)) {
			err = sxf_err(extack, tb[SRXFLOW_A_ADDR_PREFIX], "%s: invalid prefix", ctx);
			goto err;
		}
		err = sxf_rs_from_prefix(&a->rs, p);
	} else if (!tb[SRXFLOW_A_ADDR_PREFIX] && tb[SRXFLOW_A_ADDR_RANGE_LO] &&
		   tb[SRXFLOW_A_ADDR_RANGE_HI]) {
		lo = nla_data(tb[SRXFLOW_A_ADDR_RANGE_LO]);
		hi = nla_data(tb[SRXFLOW_A_ADDR_RANGE_HI]);
		if (!prefix_valid(lo) || lo->family != hi->family) {
			err = sxf_err(extack, tb[SRXFLOW_A_ADDR_RANGE_HI],
				      "%s range-address: both ends must be of the same family", ctx);
			goto err;
		}
		if (memcmp(lo->addr, hi->addr, lo->family == AF_INET ? 4 : 16) > 0) {
			err = sxf_err(extack, tb[SRXFLOW_A_ADDR_RANGE_HI],
				      "%s range-address: the range is empty (low > high)", ctx);
			goto err;
		}
		err = sxf_rs_from_range(&a->rs, lo, hi);
	} else {
		err = sxf_err(extack, obj,
			      "%s: needs exactly one of an ip-prefix or range-address LOW to HIGH",
			      ctx);
		goto err;
	}
	if (err)
		goto err;
	err = nametab_add(&cfg->names, &a->o);
	if (err)
		goto err_rs;
	cfg->nr_addrs++;
	return keep_blob(cfg, SRXFLOW_A_CFG_ADDRESS, obj, a);

err_rs:
	sxf_rs_free(&a->rs);
err:
	kfree(a);
	return err;
}

/* an address or set visible from scope: that book, then the global book */
static struct sxf_addr *addr_lookup(const struct sxf_cfg *cfg, u32 scope, const char *name)
{
	struct sxf_obj *o = NULL;

	if (scope)
		o = sxf_names_find(&cfg->names, SXF_OBJ_ADDR, scope, name);
	if (!o)
		o = sxf_names_find(&cfg->names, SXF_OBJ_ADDR, 0, name);
	return o ? container_of(o, struct sxf_addr, o) : NULL;
}

static int add_address_set(struct sxf_cfg *cfg, const struct nlattr *obj,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_ASET_MAX + 1], *m;
	const struct sxf_rangeset **srcs = NULL;
	char ctx[2 * SRXFLOW_NAME_MAX + 64];
	struct sxf_addr *a;
	int rem, err, n = 0, k = 0;

	err = nla_parse_nested(tb, SRXFLOW_A_ASET_MAX, obj, sxf_aset_policy, extack);
	if (err)
		return err;
	if (cfg->nr_addrs >= SXF_MAX_ADDRESSES)
		return sxf_err(extack, obj, "address book: more than %u addresses", SXF_MAX_ADDRESSES);
	a = cfg_alloc(cfg, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->o.kind = SXF_OBJ_ADDR;
	a->is_set = true;
	err = addr_scope(cfg, tb[SRXFLOW_A_ASET_ZONE], &a->o.scope, ctx, sizeof(ctx),
			 "address-set", extack);
	if (err)
		goto err;
	err = get_name(tb[SRXFLOW_A_ASET_NAME], a->o.name, ctx, extack, obj);
	if (err)
		goto err;
	strlcat(ctx, " ", sizeof(ctx));
	strlcat(ctx, a->o.name, sizeof(ctx));
	if (reserved_addr(a->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_ASET_NAME], "%s: name is reserved", ctx);
		goto err;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_ADDR, a->o.scope, a->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_ASET_NAME],
			      "%s: duplicate name in the address book", ctx);
		goto err;
	}
	nla_for_each_nested(m, obj, rem)
		if (nla_type(m) == SRXFLOW_A_ASET_ADDRESS || nla_type(m) == SRXFLOW_A_ASET_SET)
			n++;
	if (!n) {
		err = sxf_err(extack, obj, "%s: an address-set needs at least one member", ctx);
		goto err;
	}
	if (n > SXF_MAX_SET_MEMBERS) {
		err = sxf_err(extack, obj, "%s: more than %u members", ctx, SXF_MAX_SET_MEMBERS);
		goto err;
	}
	srcs = kvmalloc_array(n, sizeof(*srcs), GFP_KERNEL);
	if (!srcs) {
		err = -ENOMEM;
		goto err;
	}
	nla_for_each_nested(m, obj, rem) {
		bool want_set = nla_type(m) == SRXFLOW_A_ASET_SET;
		char name[SRXFLOW_NAME_MAX];
		struct sxf_addr *mem;

		if (nla_type(m) != SRXFLOW_A_ASET_ADDRESS && !want_set)
			continue;
		nla_strscpy(name, m, sizeof(name));
		mem = addr_lookup(cfg, a->o.scope, name);
		if (!mem || mem->is_set != want_set) {
			err = sxf_err(extack, m, "%s %s %s: %s is not defined%s", ctx,
				      want_set ? "address-set" : "address", name,
				      want_set ? "address-set" : "address",
				      want_set ? " (or the sets form a cycle)" : "");
			goto err;
		}
		srcs[k++] = &mem->rs;
	}
	err = sxf_rs_union(&a->rs, srcs, k);
	if (err == -E2BIG)
		err = sxf_err(extack, obj, "%s: too many address ranges", ctx);
	if (err)
		goto err;
	kvfree(srcs);
	srcs = NULL;
	err = charge_bytes(cfg, sxf_rs_bytes(&a->rs), obj, ctx, extack);
	if (err) {
		sxf_rs_free(&a->rs);
		goto err;
	}
	err = nametab_add(&cfg->names, &a->o);
	if (err) {
		sxf_rs_free(&a->rs);
		goto err;
	}
	cfg->nr_addrs++;
	return keep_blob(cfg, SRXFLOW_A_CFG_ADDRESS_SET, obj, a);

err:
	kvfree(srcs);
	kfree(a);
	return err;
}

/* --- applications --------------------------------------------------------------- */
static bool port_proto(u8 p)
{
	return p == IPPROTO_TCP || p == IPPROTO_UDP || p == IPPROTO_SCTP;
}

static int add_application(struct sxf_cfg *cfg, const struct nlattr *obj,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_APP_MAX + 1];
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_user_app *ua;
	struct sxf_app *app;
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_APP_MAX, obj, sxf_app_policy, extack);
	if (err)
		return err;
	if (cfg->nr_apps >= SXF_MAX_APPS)
		return sxf_err(extack, obj, "applications: more than %u applications", SXF_MAX_APPS);
	ua = cfg_alloc(cfg, sizeof(*ua));
	if (!ua)
		return -ENOMEM;
	ua->o.kind = SXF_OBJ_APP;
	app = &ua->app;
	err = get_name(tb[SRXFLOW_A_APP_NAME], ua->o.name, "applications application", extack, obj);
	if (err)
		goto err;
	snprintf(ctx, sizeof(ctx), "applications application %s", ua->o.name);
	if (!strncmp(ua->o.name, "junos-", 6) || !strcmp(ua->o.name, "any")) {
		err = sxf_err(extack, tb[SRXFLOW_A_APP_NAME],
			      "%s: name is reserved for predefined applications", ctx);
		goto err;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_APP, 0, ua->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_APP_NAME], "%s: defined twice", ctx);
		goto err;
	}
	app->name = ua->o.name;
	app->any_proto = !tb[SRXFLOW_A_APP_PROTOCOL];
	if (tb[SRXFLOW_A_APP_PROTOCOL])
		app->proto = nla_get_u8(tb[SRXFLOW_A_APP_PROTOCOL]);
	app->sp_hi = 65535;
	app->dp_hi = 65535;
	app->icmp_type = -1;
	app->icmp_code = -1;
	if (tb[SRXFLOW_A_APP_SPORT] || tb[SRXFLOW_A_APP_DPORT]) {
		if (app->any_proto || !port_proto(app->proto)) {
			err = sxf_err(extack, tb[SRXFLOW_A_APP_SPORT] ? : tb[SRXFLOW_A_APP_DPORT],
				      "%s: ports need protocol tcp, udp or sctp", ctx);
			goto err;
		}
	}
	if (tb[SRXFLOW_A_APP_SPORT]) {
		u32 r = nla_get_u32(tb[SRXFLOW_A_APP_SPORT]);

		app->sp_lo = SRXFLOW_PORT_LO(r);
		app->sp_hi = SRXFLOW_PORT_HI(r);
	}
	if (tb[SRXFLOW_A_APP_DPORT]) {
		u32 r = nla_get_u32(tb[SRXFLOW_A_APP_DPORT]);

		app->dp_lo = SRXFLOW_PORT_LO(r);
		app->dp_hi = SRXFLOW_PORT_HI(r);
	}
	if (app->sp_lo > app->sp_hi || app->dp_lo > app->dp_hi) {
		err = sxf_err(extack, obj, "%s: port range low > high", ctx);
		goto err;
	}
	if (tb[SRXFLOW_A_APP_ICMP_TYPE] || tb[SRXFLOW_A_APP_ICMP_CODE]) {
		if (app->any_proto ||
		    (app->proto != IPPROTO_ICMP && app->proto != IPPROTO_ICMPV6)) {
			err = sxf_err(extack, tb[SRXFLOW_A_APP_ICMP_TYPE] ? : tb[SRXFLOW_A_APP_ICMP_CODE],
				      "%s: icmp-type/icmp-code need protocol icmp or icmp6", ctx);
			goto err;
		}
		if (tb[SRXFLOW_A_APP_ICMP_TYPE])
			app->icmp_type = nla_get_u8(tb[SRXFLOW_A_APP_ICMP_TYPE]);
		if (tb[SRXFLOW_A_APP_ICMP_CODE])
			app->icmp_code = nla_get_u8(tb[SRXFLOW_A_APP_ICMP_CODE]);
	}
	if (tb[SRXFLOW_A_APP_TIMEOUT]) {
		app->timeout = nla_get_u32(tb[SRXFLOW_A_APP_TIMEOUT]);
		if (app->timeout != SRXFLOW_TIMEOUT_NEVER &&
		    (app->timeout < 4 || app->timeout > 86400)) {
			err = sxf_err(extack, tb[SRXFLOW_A_APP_TIMEOUT],
				      "%s inactivity-timeout %u: out of range, expecting 4..86400 or never",
				      ctx, app->timeout);
			goto err;
		}
	}
	err = nametab_add(&cfg->names, &ua->o);
	if (err)
		goto err;
	cfg->nr_apps++;
	return keep_blob(cfg, SRXFLOW_A_CFG_APPLICATION, obj, ua);
err:
	kfree(ua);
	return err;
}

/* Resolve an application name into terms appended to *v (grown as needed). */
static int app_resolve(const struct sxf_cfg *cfg, const char *name,
		       const struct sxf_app ***v, u32 *n, u32 *cap, bool want_set_only,
		       bool *found_set)
{
	const struct sxf_app *pre = NULL;
	struct sxf_obj *o = sxf_names_find(&cfg->names, SXF_OBJ_APP, 0, name);
	const struct sxf_app *const *src;
	u32 cnt, i;

	if (o) {
		struct sxf_user_app *ua = container_of(o, struct sxf_user_app, o);

		*found_set = ua->is_set;
		if (ua->is_set) {
			src = ua->members;
			cnt = ua->n;
		} else {
			pre = &ua->app;
			src = &pre;
			cnt = 1;
		}
	} else {
		pre = sxf_predefined_app(name);
		if (!pre)
			return -ENOENT;
		*found_set = false;
		src = &pre;
		cnt = 1;
	}
	if (want_set_only != *found_set)
		return -ENOENT;
	if (*n + cnt > *cap) {
		u32 ncap = max(*cap * 2, *n + cnt + 8);
		const struct sxf_app **nv = kvmalloc_array(ncap, sizeof(*nv), GFP_KERNEL_ACCOUNT);

		if (!nv)
			return -ENOMEM;
		if (*v)
			memcpy(nv, *v, *n * sizeof(*nv));
		kvfree(*v);
		*v = nv;
		*cap = ncap;
	}
	for (i = 0; i < cnt; i++)
		(*v)[(*n)++] = src[i];
	return 0;
}

static int add_application_set(struct sxf_cfg *cfg, const struct nlattr *obj,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_APPSET_MAX + 1], *m;
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_user_app *ua;
	u32 cap = 0;
	int rem, err;

	err = nla_parse_nested(tb, SRXFLOW_A_APPSET_MAX, obj, sxf_appset_policy, extack);
	if (err)
		return err;
	if (cfg->nr_apps >= SXF_MAX_APPS)
		return sxf_err(extack, obj, "applications: more than %u applications", SXF_MAX_APPS);
	ua = cfg_alloc(cfg, sizeof(*ua));
	if (!ua)
		return -ENOMEM;
	ua->o.kind = SXF_OBJ_APP;
	ua->is_set = true;
	err = get_name(tb[SRXFLOW_A_APPSET_NAME], ua->o.name, "applications application-set",
		       extack, obj);
	if (err)
		goto err;
	snprintf(ctx, sizeof(ctx), "applications application-set %s", ua->o.name);
	if (!strncmp(ua->o.name, "junos-", 6) || !strcmp(ua->o.name, "any")) {
		err = sxf_err(extack, tb[SRXFLOW_A_APPSET_NAME], "%s: name is reserved", ctx);
		goto err;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_APP, 0, ua->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_APPSET_NAME], "%s: defined twice", ctx);
		goto err;
	}
	nla_for_each_nested(m, obj, rem) {
		bool want_set = nla_type(m) == SRXFLOW_A_APPSET_SET, is_set;
		char name[SRXFLOW_NAME_MAX];

		if (nla_type(m) != SRXFLOW_A_APPSET_APP && !want_set)
			continue;
		nla_strscpy(name, m, sizeof(name));
		err = app_resolve(cfg, name, &ua->members, &ua->n, &cap, want_set, &is_set);
		if (err == -ENOENT)
			err = sxf_err(extack, m, "%s %s %s: %s is not defined%s", ctx,
				      want_set ? "application-set" : "application", name,
				      want_set ? "application-set" : "application",
				      want_set ? " (or the sets form a cycle)" : "");
		if (err)
			goto err;
		if (ua->n > SXF_MAX_SET_MEMBERS) {
			err = sxf_err(extack, m, "%s: more than %u members", ctx, SXF_MAX_SET_MEMBERS);
			goto err;
		}
	}
	if (!ua->n) {
		err = sxf_err(extack, obj, "%s: an application-set needs at least one member", ctx);
		goto err;
	}
	err = charge_bytes(cfg, (size_t)ua->n * sizeof(*ua->members), obj, ctx, extack);
	if (err)
		goto err;
	err = nametab_add(&cfg->names, &ua->o);
	if (err)
		goto err;
	cfg->nr_apps++;
	return keep_blob(cfg, SRXFLOW_A_CFG_APPLICATION_SET, obj, ua);
err:
	kvfree(ua->members);
	kfree(ua);
	return err;
}

/* --- policies ------------------------------------------------------------------- */
static u32 pair_key(u16 from, u16 to)
{
	return ((u32)from << 16) | to;
}

#define SXF_SCOPE_GLOBAL 0xffffffffU

/* Resolve the source- or destination-address list of a policy. */
static int policy_addrs(struct sxf_cfg *cfg, const struct nlattr *obj, u16 attrtype,
			u32 scope, struct sxf_amatch *am, const char *ctx, const char *what,
			struct netlink_ext_ack *extack)
{
	const struct sxf_rangeset **srcs = NULL;
	struct sxf_rangeset *rs;
	struct nlattr *m;
	int rem, err, n = 0, k = 0;

	memset(am, 0, sizeof(*am));
	nla_for_each_nested(m, obj, rem)
		if (nla_type(m) == attrtype)
			n++;
	if (!n)
		return sxf_err(extack, obj, "%s: match %s is mandatory", ctx, what);
	if (n > SXF_MAX_POLICY_REFS)
		return sxf_err(extack, obj, "%s: match %s: more than %u names", ctx, what,
			       SXF_MAX_POLICY_REFS);
	nla_for_each_nested(m, obj, rem) {
		char name[SRXFLOW_NAME_MAX];
		struct sxf_addr *a;

		if (nla_type(m) != attrtype)
			continue;
		nla_strscpy(name, m, sizeof(name));
		if (!strcmp(name, "any")) {
			am->any4 = am->any6 = true;
			continue;
		}
		if (!strcmp(name, "any-ipv4")) {
			am->any4 = true;
			continue;
		}
		if (!strcmp(name, "any-ipv6")) {
			am->any6 = true;
			continue;
		}
		a = addr_lookup(cfg, scope, name);
		if (!a) {
			kvfree(srcs);
			return sxf_err(extack, m, "%s match %s %s: address or address-set is not defined",
				       ctx, what, name);
		}
		if (!srcs) {
			srcs = kvmalloc_array(n, sizeof(*srcs), GFP_KERNEL);
			if (!srcs)
				return -ENOMEM;
		}
		srcs[k++] = &a->rs;
	}
	if (k == 1) {
		am->rs = srcs[0];
	} else if (k > 1) {
		rs = kzalloc(sizeof(*rs), GFP_KERNEL_ACCOUNT);
		if (!rs) {
			kvfree(srcs);
			return -ENOMEM;
		}
		err = sxf_rs_union(rs, srcs, k);
		if (err == -E2BIG)
			err = sxf_err(extack, obj, "%s match %s: too many address ranges", ctx, what);
		if (!err) {
			err = charge_bytes(cfg, sxf_rs_bytes(rs), obj, ctx, extack);
			if (err)
				sxf_rs_free(rs);
		}
		if (err) {
			kfree(rs);
			kvfree(srcs);
			return err;
		}
		am->rs = rs;
		am->owned = true;
	}
	kvfree(srcs);
	return 0;
}

static int policy_zone_list(struct sxf_cfg *cfg, const struct nlattr *obj, u16 attrtype,
			    u16 **out, u16 *nout, const char *ctx, bool allow_host,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *m;
	int rem, n = 0, k = 0, id;

	nla_for_each_nested(m, obj, rem)
		if (nla_type(m) == attrtype)
			n++;
	if (!n)
		return 0;
	if (n > SXF_MAX_ZONES + 2)
		return sxf_err(extack, obj, "%s: too many zones", ctx);
	*out = kcalloc(n, sizeof(**out), GFP_KERNEL_ACCOUNT);
	if (!*out)
		return -ENOMEM;
	nla_for_each_nested(m, obj, rem) {
		if (nla_type(m) != attrtype)
			continue;
		id = zone_ref(cfg, m, allow_host, true, ctx, extack);
		if (id < 0)
			return id;
		if (id == SXF_ZONE_ANY) {
			/* "any" matches every zone: same as no zone list */
			kfree(*out);
			*out = NULL;
			*nout = 0;
			return 0;
		}
		(*out)[k++] = id;
	}
	*nout = k;
	return 0;
}

static int add_policy(struct sxf_cfg *cfg, const struct nlattr *obj,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_POL_MAX + 1], *m;
	char ctx[3 * SRXFLOW_NAME_MAX + 96];
	struct sxf_policy *p;
	u32 cap = 0;
	int rem, err, id;
	bool is_set;

	err = nla_parse_nested(tb, SRXFLOW_A_POL_MAX, obj, sxf_policy_policy, extack);
	if (err)
		return err;
	if (cfg->nr_policies >= SXF_MAX_POLICIES)
		return sxf_err(extack, obj, "security policies: more than %u policies",
			       SXF_MAX_POLICIES);
	p = cfg_alloc(cfg, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->o.kind = SXF_OBJ_POLICY;
	p->global = !tb[SRXFLOW_A_POL_FROM_ZONE] && !tb[SRXFLOW_A_POL_TO_ZONE];
	if (p->global) {
		p->from = p->to = SXF_ZONE_ANY;
		p->o.scope = SXF_SCOPE_GLOBAL;
		err = get_name(tb[SRXFLOW_A_POL_NAME], p->o.name, "security policies global policy",
			       extack, obj);
		if (err)
			goto err;
		snprintf(ctx, sizeof(ctx), "security policies global policy %s", p->o.name);
		p->from_name = p->to_name = "";
	} else {
		if (!tb[SRXFLOW_A_POL_FROM_ZONE] || !tb[SRXFLOW_A_POL_TO_ZONE]) {
			err = sxf_err(extack, obj, "security policies: a zone-pair policy needs from-zone and to-zone");
			goto err;
		}
		id = zone_ref(cfg, tb[SRXFLOW_A_POL_FROM_ZONE], true, false,
			      "security policies from-zone", extack);
		if (id < 0) {
			err = id;
			goto err;
		}
		p->from = id;
		id = zone_ref(cfg, tb[SRXFLOW_A_POL_TO_ZONE], true, false,
			      "security policies to-zone", extack);
		if (id < 0) {
			err = id;
			goto err;
		}
		p->to = id;
		p->from_name = sxf_zone_name(cfg, p->from);
		p->to_name = sxf_zone_name(cfg, p->to);
		p->o.scope = pair_key(p->from, p->to);
		snprintf(ctx, sizeof(ctx), "security policies from-zone %s to-zone %s policy",
			 p->from_name, p->to_name);
		err = get_name(tb[SRXFLOW_A_POL_NAME], p->o.name, ctx, extack, obj);
		if (err)
			goto err;
		strlcat(ctx, " ", sizeof(ctx));
		strlcat(ctx, p->o.name, sizeof(ctx));
		if (tb[SRXFLOW_A_POL_MATCH_FROM_ZONE] || tb[SRXFLOW_A_POL_MATCH_TO_ZONE]) {
			err = sxf_err(extack, tb[SRXFLOW_A_POL_MATCH_FROM_ZONE] ? :
				      tb[SRXFLOW_A_POL_MATCH_TO_ZONE],
				      "%s: match from-zone/to-zone is only for global policies", ctx);
			goto err;
		}
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_POLICY, p->o.scope, p->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_POL_NAME], "%s: policy defined twice", ctx);
		goto err;
	}
	/* global policies see only the global address book */
	err = policy_addrs(cfg, obj, SRXFLOW_A_POL_SRC_ADDR,
			   p->global || p->from == SXF_ZONE_HOST ? 0 : p->from + 1,
			   &p->src, ctx, "source-address", extack);
	if (err)
		goto err;
	err = policy_addrs(cfg, obj, SRXFLOW_A_POL_DST_ADDR,
			   p->global || p->to == SXF_ZONE_HOST ? 0 : p->to + 1,
			   &p->dst, ctx, "destination-address", extack);
	if (err)
		goto err_addrs;

	nla_for_each_nested(m, obj, rem) {
		char name[SRXFLOW_NAME_MAX];

		if (nla_type(m) != SRXFLOW_A_POL_APP)
			continue;
		nla_strscpy(name, m, sizeof(name));
		if (!strcmp(name, "any")) {
			p->any_app = true;
			continue;
		}
		err = app_resolve(cfg, name, &p->apps, &p->n_apps, &cap, false, &is_set);
		if (err == -ENOENT)
			err = app_resolve(cfg, name, &p->apps, &p->n_apps, &cap, true, &is_set);
		if (err == -ENOENT)
			err = sxf_err(extack, m, "%s match application %s: application is not defined",
				      ctx, name);
		if (err)
			goto err_apps;
		if (p->n_apps > SXF_MAX_SET_MEMBERS) {
			err = sxf_err(extack, m, "%s: more than %u applications", ctx,
				      SXF_MAX_SET_MEMBERS);
			goto err_apps;
		}
	}
	if (!p->any_app && !p->n_apps) {
		err = sxf_err(extack, obj, "%s: match application is mandatory", ctx);
		goto err_apps;
	}
	err = charge_bytes(cfg, (size_t)p->n_apps * sizeof(*p->apps), obj, ctx, extack);
	if (err)
		goto err_apps;
	if (p->global) {
		char zctx[sizeof(ctx) + 16];

		snprintf(zctx, sizeof(zctx), "%s match from-zone", ctx);
		err = policy_zone_list(cfg, obj, SRXFLOW_A_POL_MATCH_FROM_ZONE, &p->mfrom,
				       &p->n_mfrom, zctx, true, extack);
		snprintf(zctx, sizeof(zctx), "%s match to-zone", ctx);
		if (!err)
			err = policy_zone_list(cfg, obj, SRXFLOW_A_POL_MATCH_TO_ZONE, &p->mto,
					       &p->n_mto, zctx, true, extack);
		if (err)
			goto err_apps;
	}
	if (!tb[SRXFLOW_A_POL_ACTION]) {
		err = sxf_err(extack, obj, "%s: then permit, deny or reject is mandatory", ctx);
		goto err_apps;
	}
	p->action = nla_get_u8(tb[SRXFLOW_A_POL_ACTION]);
	if (p->action > SRXFLOW_ACTION_REJECT) {
		err = sxf_err(extack, tb[SRXFLOW_A_POL_ACTION], "%s: unknown action %u", ctx,
			      p->action);
		goto err_apps;
	}
	p->count = nla_get_flag(tb[SRXFLOW_A_POL_COUNT]);
	p->log_init = nla_get_flag(tb[SRXFLOW_A_POL_LOG_INIT]);
	p->log_close = nla_get_flag(tb[SRXFLOW_A_POL_LOG_CLOSE]);
	p->digest = jhash(nla_data(obj), nla_len(obj), 0);

	err = grow_ptrs((void ***)&cfg->policies, cfg->nr_policies, &cfg->cap_policies);
	if (err)
		goto err_apps;
	err = nametab_add(&cfg->names, &p->o);
	if (err)
		goto err_apps;
	cfg->policies[cfg->nr_policies++] = p;
	return keep_blob(cfg, SRXFLOW_A_CFG_POLICY, obj, p);

err_apps:
	kvfree(p->apps);
	kfree(p->mfrom);
	kfree(p->mto);
err_addrs:
	if (p->src.owned) {
		sxf_rs_free((struct sxf_rangeset *)p->src.rs);
		kfree(p->src.rs);
	}
	if (p->dst.owned) {
		sxf_rs_free((struct sxf_rangeset *)p->dst.rs);
		kfree(p->dst.rs);
	}
err:
	kfree(p);
	return err;
}

/* --- options --------------------------------------------------------------------- */
struct u32_range {
	u16 attr;
	u32 min, max;
	const char *stmt;
};

static const struct u32_range flow_ranges[] = {
	{ SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT, 4, 300,
	  "security flow tcp-session tcp-initial-timeout" },
	{ SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT, 2, 600,
	  "security flow tcp-session time-wait-state session-timeout" },
	{ SRXFLOW_A_FLOW_EARLY_AGEOUT, 1, 65535, "security flow aging early-ageout" },
	{ SRXFLOW_A_FLOW_HIGH_WATERMARK, 0, 100, "security flow aging high-watermark" },
	{ SRXFLOW_A_FLOW_LOW_WATERMARK, 0, 100, "security flow aging low-watermark" },
	{ SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT, 6, 1800, "security flow route-change-timeout" },
	{ SRXFLOW_A_FLOW_MAX_SESSIONS, 1, 16777216, "security flow max-sessions" },
};

static int check_ranges(struct nlattr **tb, const struct u32_range *r, size_t n,
			struct netlink_ext_ack *extack)
{
	size_t i;

	for (i = 0; i < n; i++) {
		u32 v;

		if (!tb[r[i].attr])
			continue;
		v = nla_get_u32(tb[r[i].attr]);
		if (v < r[i].min || v > r[i].max)
			return sxf_err(extack, tb[r[i].attr],
				       "%s %u: value out of range, expecting %u..%u",
				       r[i].stmt, v, r[i].min, r[i].max);
	}
	return 0;
}

static u32 get_u32_or(struct nlattr **tb, int attr, u32 def)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : def;
}

static int add_flow(struct sxf_cfg *cfg, const struct nlattr *obj,
		    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_FLOW_MAX + 1];
	struct sxf_flow_opts *f = &cfg->flow;
	int err;

	if (cfg->have_flow)
		return sxf_err(extack, obj, "security flow: defined twice");
	err = nla_parse_nested(tb, SRXFLOW_A_FLOW_MAX, obj, sxf_flow_policy, extack);
	if (err)
		return err;
	err = check_ranges(tb, flow_ranges, ARRAY_SIZE(flow_ranges), extack);
	if (err)
		return err;
	if (tb[SRXFLOW_A_FLOW_NO_SYN_CHECK] && tb[SRXFLOW_A_FLOW_STRICT_SYN_CHECK])
		return sxf_err(extack, tb[SRXFLOW_A_FLOW_STRICT_SYN_CHECK],
			       "security flow tcp-session: strict-syn-check and no-syn-check cannot be configured together");
	if (tb[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT] && !tb[SRXFLOW_A_FLOW_TIME_WAIT])
		return sxf_err(extack, tb[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT],
			       "security flow tcp-session time-wait-state session-timeout: needs time-wait-state");
	f->tcp_initial_timeout = get_u32_or(tb, SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT,
					    SXF_DEF_TCP_INITIAL_TIMEOUT);
	f->no_syn_check = nla_get_flag(tb[SRXFLOW_A_FLOW_NO_SYN_CHECK]);
	f->strict_syn_check = nla_get_flag(tb[SRXFLOW_A_FLOW_STRICT_SYN_CHECK]);
	f->no_seq_check = nla_get_flag(tb[SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK]);
	f->rst_invalidate = nla_get_flag(tb[SRXFLOW_A_FLOW_RST_INVALIDATE]);
	f->fin_invalidate = nla_get_flag(tb[SRXFLOW_A_FLOW_FIN_INVALIDATE]);
	f->time_wait = nla_get_flag(tb[SRXFLOW_A_FLOW_TIME_WAIT]);
	f->time_wait_timeout = get_u32_or(tb, SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT,
					  SXF_DEF_TIME_WAIT_TIMEOUT);
	f->early_ageout = get_u32_or(tb, SRXFLOW_A_FLOW_EARLY_AGEOUT, SXF_DEF_EARLY_AGEOUT);
	f->high_wm = get_u32_or(tb, SRXFLOW_A_FLOW_HIGH_WATERMARK, SXF_DEF_WATERMARK);
	f->low_wm = get_u32_or(tb, SRXFLOW_A_FLOW_LOW_WATERMARK, SXF_DEF_WATERMARK);
	f->rr_packet_mode = nla_get_flag(tb[SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE]);
	f->route_change_timeout = get_u32_or(tb, SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT,
					     SXF_DEF_ROUTE_CHANGE_TIMEOUT);
	f->max_sessions = get_u32_or(tb, SRXFLOW_A_FLOW_MAX_SESSIONS, SXF_DEF_MAX_SESSIONS);
	cfg->have_flow = true;
	return keep_blob(cfg, SRXFLOW_A_CFG_FLOW, obj, NULL);
}

static int add_policies(struct sxf_cfg *cfg, const struct nlattr *obj,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_POLS_MAX + 1];
	int err;

	if (cfg->have_policies_obj)
		return sxf_err(extack, obj, "security policies: defined twice");
	err = nla_parse_nested(tb, SRXFLOW_A_POLS_MAX, obj, sxf_policies_policy, extack);
	if (err)
		return err;
	if (tb[SRXFLOW_A_POLS_DEFAULT]) {
		cfg->flow.default_policy = nla_get_u8(tb[SRXFLOW_A_POLS_DEFAULT]);
		if (cfg->flow.default_policy > SRXFLOW_DEFAULT_PERMIT_ALL)
			return sxf_err(extack, tb[SRXFLOW_A_POLS_DEFAULT],
				       "security policies default-policy: unknown value %u",
				       cfg->flow.default_policy);
	}
	cfg->flow.policy_rematch = nla_get_flag(tb[SRXFLOW_A_POLS_REMATCH]);
	cfg->have_policies_obj = true;
	return keep_blob(cfg, SRXFLOW_A_CFG_POLICIES, obj, NULL);
}

static int add_fwd(struct sxf_cfg *cfg, const struct nlattr *obj,
		   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_FWD_MAX + 1];
	int err, i;

	if (cfg->have_fwd)
		return sxf_err(extack, obj, "security forwarding-options: defined twice");
	err = nla_parse_nested(tb, SRXFLOW_A_FWD_MAX, obj, sxf_fwd_policy, extack);
	if (err)
		return err;
	for (i = 0; i < 2; i++) {
		struct nlattr *a = tb[i ? SRXFLOW_A_FWD_INET6_MODE : SRXFLOW_A_FWD_INET_MODE];

		if (!a)
			continue;
		cfg->flow.mode[i] = nla_get_u8(a);
		if (cfg->flow.mode[i] > SRXFLOW_FWD_DROP)
			return sxf_err(extack, a,
				       "security forwarding-options family %s mode: unknown mode %u",
				       i ? "inet6" : "inet", cfg->flow.mode[i]);
	}
	cfg->have_fwd = true;
	return keep_blob(cfg, SRXFLOW_A_CFG_FWD, obj, NULL);
}

static int add_trace(struct sxf_cfg *cfg, const struct nlattr *obj,
		     struct netlink_ext_ack *extack)
{
	static const struct u32_range trace_ranges[] = {
		{ SRXFLOW_A_TRACE_FILE_SIZE, 10240, 1073741824,
		  "security flow traceoptions file size" },
		{ SRXFLOW_A_TRACE_FILE_FILES, 2, 1000, "security flow traceoptions file files" },
		{ SRXFLOW_A_TRACE_DEBUG_BUF, 1024, 40000,
		  "security flow traceoptions local-debug-buf size" },
	};
	struct nlattr *tb[SRXFLOW_A_TRACE_MAX + 1], *a;
	struct sxf_trace_cfg *t = &cfg->trace;
	int rem, err;

	if (cfg->have_trace)
		return sxf_err(extack, obj, "security flow traceoptions: defined twice");
	err = nla_parse_nested(tb, SRXFLOW_A_TRACE_MAX, obj, sxf_trace_policy, extack);
	if (err)
		return err;
	err = check_ranges(tb, trace_ranges, ARRAY_SIZE(trace_ranges), extack);
	if (err)
		return err;
	t->configured = true;
	if (tb[SRXFLOW_A_TRACE_FILE]) {
		err = get_name(tb[SRXFLOW_A_TRACE_FILE], t->file, "security flow traceoptions file",
			       extack, obj);
		if (err)
			return err;
	}
	t->size = get_u32_or(tb, SRXFLOW_A_TRACE_FILE_SIZE, 0);
	t->files = get_u32_or(tb, SRXFLOW_A_TRACE_FILE_FILES, 0);
	t->rate_limit = get_u32_or(tb, SRXFLOW_A_TRACE_RATE_LIMIT, 0);
	t->debug_buf = get_u32_or(tb, SRXFLOW_A_TRACE_DEBUG_BUF, SXF_DEF_TRACE_DEBUG_BUF);
	nla_for_each_nested(a, obj, rem) {
		struct nlattr *ftb[SRXFLOW_A_TFLT_MAX + 1];
		struct sxf_tfilter *f;
		char fctx[SRXFLOW_NAME_MAX + 64];
		u32 i;

		if (nla_type(a) == SRXFLOW_A_TRACE_FLAG) {
			u32 fl = nla_get_u32(a);

			if (fl >= __SRXFLOW_TRACE_MAX)
				return sxf_err(extack, a, "security flow traceoptions flag: unknown flag %u",
					       fl);
			t->flags |= BIT(fl);
			continue;
		}
		if (nla_type(a) != SRXFLOW_A_TRACE_FILTER)
			continue;
		if (t->nfilters >= SRXFLOW_TRACE_FILTERS_MAX)
			return sxf_err(extack, a, "security flow traceoptions: more than %u packet-filters",
				       SRXFLOW_TRACE_FILTERS_MAX);
		err = nla_parse_nested(ftb, SRXFLOW_A_TFLT_MAX, a, sxf_tfilter_policy, extack);
		if (err)
			return err;
		f = &t->filters[t->nfilters];
		memset(f, 0, sizeof(*f));
		err = get_name(ftb[SRXFLOW_A_TFLT_NAME], f->name,
			       "security flow traceoptions packet-filter", extack, a);
		if (err)
			return err;
		snprintf(fctx, sizeof(fctx), "security flow traceoptions packet-filter %s", f->name);
		for (i = 0; i < t->nfilters; i++)
			if (!strcmp(t->filters[i].name, f->name))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_NAME], "%s: defined twice", fctx);
		if (ftb[SRXFLOW_A_TFLT_SRC_PREFIX]) {
			f->src = *(struct srxflow_prefix *)nla_data(ftb[SRXFLOW_A_TFLT_SRC_PREFIX]);
			if (!prefix_valid(&f->src))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_SRC_PREFIX],
					       "%s source-prefix: invalid prefix", fctx);
			f->has_src = true;
		}
		if (ftb[SRXFLOW_A_TFLT_DST_PREFIX]) {
			f->dst = *(struct srxflow_prefix *)nla_data(ftb[SRXFLOW_A_TFLT_DST_PREFIX]);
			if (!prefix_valid(&f->dst))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_DST_PREFIX],
					       "%s destination-prefix: invalid prefix", fctx);
			f->has_dst = true;
		}
		if (ftb[SRXFLOW_A_TFLT_PROTOCOL]) {
			f->proto = nla_get_u8(ftb[SRXFLOW_A_TFLT_PROTOCOL]);
			f->has_proto = true;
		}
		if (ftb[SRXFLOW_A_TFLT_SPORT]) {
			u32 r = nla_get_u32(ftb[SRXFLOW_A_TFLT_SPORT]);

			f->sp_lo = SRXFLOW_PORT_LO(r);
			f->sp_hi = SRXFLOW_PORT_HI(r);
			f->has_sport = true;
		}
		if (ftb[SRXFLOW_A_TFLT_DPORT]) {
			u32 r = nla_get_u32(ftb[SRXFLOW_A_TFLT_DPORT]);

			f->dp_lo = SRXFLOW_PORT_LO(r);
			f->dp_hi = SRXFLOW_PORT_HI(r);
			f->has_dport = true;
		}
		if (f->sp_lo > f->sp_hi || f->dp_lo > f->dp_hi)
			return sxf_err(extack, a, "%s: port range low > high", fctx);
		if (ftb[SRXFLOW_A_TFLT_IFACE]) {
			nla_strscpy(f->iface, ftb[SRXFLOW_A_TFLT_IFACE], IFNAMSIZ);
			if (!dev_valid_name(f->iface))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_IFACE],
					       "%s interface: invalid interface name", fctx);
			f->has_iface = true;
		}
		t->nfilters++;
	}
	cfg->have_trace = true;
	return keep_blob(cfg, SRXFLOW_A_CFG_TRACE, obj, NULL);
}

int sxf_cfg_add(struct sxf_cfg *cfg, u16 type, const struct nlattr *obj,
		struct netlink_ext_ack *extack)
{
	switch (type) {
	case SRXFLOW_A_CFG_ZONE:
		return add_zone(cfg, obj, extack);
	case SRXFLOW_A_CFG_ADDRESS:
		return add_address(cfg, obj, extack);
	case SRXFLOW_A_CFG_ADDRESS_SET:
		return add_address_set(cfg, obj, extack);
	case SRXFLOW_A_CFG_APPLICATION:
		return add_application(cfg, obj, extack);
	case SRXFLOW_A_CFG_APPLICATION_SET:
		return add_application_set(cfg, obj, extack);
	case SRXFLOW_A_CFG_POLICY:
		return add_policy(cfg, obj, extack);
	case SRXFLOW_A_CFG_POLICIES:
		return add_policies(cfg, obj, extack);
	case SRXFLOW_A_CFG_FLOW:
		return add_flow(cfg, obj, extack);
	case SRXFLOW_A_CFG_FWD:
		return add_fwd(cfg, obj, extack);
	case SRXFLOW_A_CFG_TRACE:
		return add_trace(cfg, obj, extack);
	}
	return 0;
}

/* defaults for what the transaction did not configure */
static void cfg_defaults(struct sxf_cfg *cfg)
{
	struct sxf_flow_opts *f = &cfg->flow;

	if (!cfg->have_flow) {
		f->tcp_initial_timeout = SXF_DEF_TCP_INITIAL_TIMEOUT;
		f->time_wait_timeout = SXF_DEF_TIME_WAIT_TIMEOUT;
		f->early_ageout = SXF_DEF_EARLY_AGEOUT;
		f->high_wm = SXF_DEF_WATERMARK;
		f->low_wm = SXF_DEF_WATERMARK;
		f->route_change_timeout = SXF_DEF_ROUTE_CHANGE_TIMEOUT;
		f->max_sessions = SXF_DEF_MAX_SESSIONS;
	}
	/* default-policy deny-all, modes flow-based: zero values */
}

/* --- interface map ----------------------------------------------------------------- */
const struct sxf_ifent *sxf_ifmap_lookup(const struct sxf_ifmap *m, int ifindex)
{
	u32 i;

	sxf_assert_rcu_or_rtnl();
	if (!m || !m->count)
		return NULL;
	for (i = (u32)ifindex & m->mask;; i = (i + 1) & m->mask) {
		if (m->ent[i].ifindex == ifindex)
			return &m->ent[i];
		if (!m->ent[i].ifindex)
			return NULL;
	}
}

/* Resolve interface names to ifindexes now (RTNL held). */
static struct sxf_ifmap *ifmap_build(struct net *net, const struct sxf_cfg *cfg)
{
	struct sxf_ifmap *m;
	u32 size = 8, i, j;

	ASSERT_RTNL();
	while (size < 2 * cfg->nr_ifaces)
		size <<= 1;
	m = kzalloc(struct_size(m, ent, size), GFP_KERNEL_ACCOUNT);
	if (!m)
		return NULL;
	m->mask = size - 1;
	for (i = 0; i < cfg->nr_zones; i++) {
		const struct sxf_zone *z = cfg->zones[i];

		for (j = 0; j < z->nr_ifaces; j++) {
			const struct sxf_zone_if *zif = z->ifaces[j];
			struct net_device *dev = __dev_get_by_name(net, zif->o.name);
			u32 k;

			if (!dev)
				continue;
			for (k = dev->ifindex & m->mask; m->ent[k].ifindex; k = (k + 1) & m->mask)
				;
			m->ent[k].ifindex = dev->ifindex;
			m->ent[k].zone = z->id;
			m->ent[k].zif = zif;
			m->count++;
		}
	}
	return m;
}

/* Rebuild the interface map of cfg (RTNL held): devices came or went. */
int sxf_ifmap_rebuild(struct sxf_net *sn, struct sxf_cfg *cfg)
{
	struct sxf_ifmap *m = ifmap_build(sn->net, cfg), *old;

	if (!m)
		return -ENOMEM;
	old = rcu_replace_pointer(cfg->ifmap, m, lockdep_rtnl_is_held());
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

const struct sxf_policy *sxf_cfg_policy_by_index(const struct sxf_cfg *cfg, u32 index)
{
	u32 i;

	if (cfg->by_index)
		return index <= cfg->max_index ? cfg->by_index[index] : NULL;
	for (i = 0; i < cfg->nr_policies; i++)	/* before commit */
		if (cfg->policies[i]->index == index)
			return cfg->policies[i];
	return NULL;
}

static int build_by_index(struct sxf_cfg *cfg)
{
	u32 i;

	cfg->max_index = 0;
	for (i = 0; i < cfg->nr_policies; i++)
		cfg->max_index = max(cfg->max_index, cfg->policies[i]->index);
	cfg->by_index = kvcalloc(cfg->max_index + 1, sizeof(*cfg->by_index), GFP_KERNEL_ACCOUNT);
	if (!cfg->by_index)
		return -ENOMEM;
	for (i = 0; i < cfg->nr_policies; i++)
		cfg->by_index[cfg->policies[i]->index] = cfg->policies[i];
	return 0;
}

/* --- commit ---------------------------------------------------------------------------- */
/* id of a zone in the previous generation, by name; -1 if it had none */
static int old_zone_id(const struct sxf_cfg *old, u16 id, const char *name)
{
	const struct sxf_zone *z;

	if (id == SXF_ZONE_HOST)
		return SXF_ZONE_HOST;
	z = sxf_cfg_zone_by_name(old, name);
	return z ? z->id : -1;
}

/* Give every policy its stable index: the old one if it existed before. */
static int assign_indices(struct sxf_net *sn, struct sxf_cfg *cfg, const struct sxf_cfg *old)
{
	u32 i;
	int id, err;

	for (i = 0; i < cfg->nr_policies; i++) {
		struct sxf_policy *p = cfg->policies[i];
		struct sxf_obj *o = NULL;

		if (old) {
			u32 scope = SXF_SCOPE_GLOBAL;

			if (!p->global) {
				int of = old_zone_id(old, p->from, p->from_name);
				int ot = old_zone_id(old, p->to, p->to_name);

				scope = of >= 0 && ot >= 0 ? pair_key(of, ot) : 0xfffffffe;
			}
			o = sxf_names_find(&old->names, SXF_OBJ_POLICY, scope, p->o.name);
		}
		if (o) {
			p->index = container_of(o, struct sxf_policy, o)->index;
			continue;
		}
		/* sessions keep the index in 16 bits */
		id = ida_alloc_range(&sn->policy_ida, 1, U16_MAX, GFP_KERNEL);
		if (id < 0) {
			err = id;	/* -ENOSPC: deleted policies' sessions still going */
			goto err;
		}
		p->index = id;
		sxf_policy_stats_reset(sn, p->index);
	}
	return 0;
err:
	/* give back the indices allocated by this commit */
	while (i--) {
		struct sxf_policy *p = cfg->policies[i];

		if (!old || !sxf_cfg_policy_by_index(old, p->index))
			ida_free(&sn->policy_ida, p->index);
	}
	return err;
}

/* Indices of the policies a generation removed, released later. */
struct sxf_idx_batch {
	struct list_head list;
	u64 gen;
	u32 n;
	u32 idx[];
};

/*
 * After a successful swap: the indices of removed policies.  They are
 * given back only once the rematch worker has waited for every first path
 * still judging by an older generation and removed the sessions that name
 * them (sxf_policy_indices_release()): released now, a second commit could
 * give one to a new policy that would adopt the old sessions.  Without
 * memory for the batch, the indices stay allocated (never reused).
 */
static void release_indices(struct sxf_net *sn, const struct sxf_cfg *old,
			    const struct sxf_cfg *cfg)
{
	struct sxf_idx_batch *b = NULL;
	unsigned long *keep;
	u32 i, max = 0;

	if (!old)
		return;
	for (i = 0; i < cfg->nr_policies; i++)
		max = max(max, cfg->policies[i]->index);
	keep = bitmap_zalloc(max + 1, GFP_KERNEL);
	if (!keep)
		return;
	for (i = 0; i < cfg->nr_policies; i++)
		__set_bit(cfg->policies[i]->index, keep);
	for (i = 0; i < old->nr_policies; i++) {
		u32 idx = old->policies[i]->index;

		if (!idx || (idx <= max && test_bit(idx, keep)))
			continue;
		if (!b) {
			b = kvmalloc(struct_size(b, idx, old->nr_policies), GFP_KERNEL);
			if (!b)
				break;
			b->gen = cfg->generation;
			b->n = 0;
		}
		b->idx[b->n++] = idx;
	}
	bitmap_free(keep);
	if (b) {
		mutex_lock(&sn->idx_lock);
		list_add_tail(&b->list, &sn->idx_pending);
		mutex_unlock(&sn->idx_lock);
	}
}

/* Indices of deleted policies back to the allocator only now. */
static void release_new_indices(struct sxf_net *sn, const struct sxf_cfg *cfg,
				const struct sxf_cfg *old)
{
	u32 i;

	for (i = 0; i < cfg->nr_policies; i++) {
		u32 idx = cfg->policies[i]->index;

		if (!old || !sxf_cfg_policy_by_index(old, idx))
			ida_free(&sn->policy_ida, idx);
	}
}

void sxf_policy_indices_release(struct sxf_net *sn, u64 gen)
{
	struct sxf_idx_batch *b, *tmp;
	u32 i;

	mutex_lock(&sn->idx_lock);
	list_for_each_entry_safe(b, tmp, &sn->idx_pending, list) {
		if (b->gen > gen)
			continue;
		list_del(&b->list);
		for (i = 0; i < b->n; i++)
			ida_free(&sn->policy_ida, b->idx[i]);
		kvfree(b);
	}
	mutex_unlock(&sn->idx_lock);
}

int sxf_cfg_commit(struct sxf_net *sn, struct sxf_txn *txn, bool check_only,
		   struct netlink_ext_ack *extack)
{
	struct sxf_cfg *cfg = txn->cfg, *old;
	struct sxf_ifmap *map;
	int err;

	cfg_defaults(cfg);
	if (cfg->flow.low_wm > cfg->flow.high_wm)
		return sxf_err(extack, NULL,
			       "security flow aging: low-watermark %u is above high-watermark %u",
			       cfg->flow.low_wm, cfg->flow.high_wm);
	err = sxf_policy_compile(cfg, extack);
	if (err)
		return err;
	if (check_only)
		return 0;

	err = sxf_policy_stats_reserve(sn, cfg->nr_policies);
	if (err)
		return err;
	if (cfg->nr_ifaces) {
		err = sxf_hooks_enable(sn);
		if (err)
			return err;
	}

	rtnl_lock();
	old = rtnl_dereference(sn->cfg);
	if (txn->base_gen != sn->generation) {
		rtnl_unlock();
		NL_SET_ERR_MSG(extack, "configuration changed since it was read, retry");
		return -EAGAIN;
	}
	map = ifmap_build(sn->net, cfg);
	if (!map) {
		rtnl_unlock();
		return -ENOMEM;
	}
	RCU_INIT_POINTER(cfg->ifmap, map);
	err = assign_indices(sn, cfg, old);
	if (!err) {
		err = build_by_index(cfg);
		if (err)
			release_new_indices(sn, cfg, old);
	}
	if (err) {
		rtnl_unlock();
		return err;
	}
	cfg->generation = ++sn->generation;
	rcu_assign_pointer(sn->cfg, cfg);
	txn->cfg = NULL;		/* published: no longer the transaction's */
	release_indices(sn, old, cfg);
	sxf_cfg_applied(sn, old, cfg);
	rtnl_unlock();

	if (sxf_trace_apply(sn, cfg))
		pr_warn_ratelimited("srxflow: no memory for the trace buffer\n");
	sxf_cfg_put(old);
	return 0;
}

/* --- per namespace ------------------------------------------------------------------- */
int sxf_cfg_net_init(struct sxf_net *sn)
{
	struct sxf_cfg *cfg = sxf_cfg_alloc();

	if (!cfg)
		return -ENOMEM;
	cfg_defaults(cfg);
	ida_init(&sn->policy_ida);
	mutex_init(&sn->idx_lock);
	INIT_LIST_HEAD(&sn->idx_pending);
	mutex_init(&sn->txn_lock);
	INIT_LIST_HEAD(&sn->txns);
	sn->generation = 1;
	cfg->generation = 1;
	RCU_INIT_POINTER(sn->cfg, cfg);
	return 0;
}

void sxf_cfg_net_exit(struct sxf_net *sn)
{
	struct sxf_txn *txn, *tmp;

	list_for_each_entry_safe(txn, tmp, &sn->txns, list) {
		list_del(&txn->list);
		sxf_cfg_free(txn->cfg);
		kfree(txn);
	}
	/* no packet can see it any more: the hooks are gone */
	sxf_cfg_put(rcu_dereference_protected(sn->cfg, true));
	RCU_INIT_POINTER(sn->cfg, NULL);
	sxf_policy_indices_release(sn, U64_MAX);	/* the worker is gone */
	ida_destroy(&sn->policy_ida);
}

/* A netlink socket closed: drop its open transactions. */
void sxf_cfg_release_portid(struct net *net, u32 portid)
{
	struct sxf_net *sn = sxf_pernet(net);
	struct sxf_txn *txn, *tmp;

	mutex_lock(&sn->txn_lock);
	list_for_each_entry_safe(txn, tmp, &sn->txns, list) {
		if (txn->portid != portid)
			continue;
		list_del(&txn->list);
		sxf_cfg_free(txn->cfg);
		kfree(txn);
	}
	mutex_unlock(&sn->txn_lock);
}

/* --- interfaces appearing, disappearing, renamed --------------------------------- */
static int sxf_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct sxf_net *sn = sxf_pernet(dev_net(dev));
	struct sxf_cfg *cfg;

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_UNREGISTER:
	case NETDEV_CHANGENAME:
		break;
	default:
		return NOTIFY_DONE;
	}
	cfg = rtnl_dereference(sn->cfg);
	if (!cfg || !cfg->nr_ifaces)
		return NOTIFY_DONE;
	/* rebuild when the device is (or was) bound by name or index */
	if (sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, dev->name) ||
	    sxf_ifmap_lookup(rtnl_dereference(cfg->ifmap), dev->ifindex)) {
		if (sxf_ifmap_rebuild(sn, cfg))
			pr_warn_ratelimited("srxflow: cannot rebuild the interface map (out of memory)\n");
	}
	/*
	 * A namespace being dismantled loses all its sessions at once in
	 * pernet exit; a walk per device would cost devices x sessions.  The
	 * routes the sessions hold no longer pin the device (dst_dev_put()).
	 */
	if (event == NETDEV_UNREGISTER && check_net(dev_net(dev)))
		sxf_sessions_flush_dev(sn, dev);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_netdev_nb = {
	.notifier_call = sxf_netdev_event,
};

static int sxf_netlink_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC && n->portid)
		sxf_cfg_release_portid(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_netlink_nb = {
	.notifier_call = sxf_netlink_event,
};

int sxf_netdev_init(void)
{
	int err = register_netdevice_notifier(&sxf_netdev_nb);

	if (err)
		return err;
	err = netlink_register_notifier(&sxf_netlink_nb);
	if (err)
		unregister_netdevice_notifier(&sxf_netdev_nb);
	return err;
}

void sxf_netdev_exit(void)
{
	netlink_unregister_notifier(&sxf_netlink_nb);
	unregister_netdevice_notifier(&sxf_netdev_nb);
}
