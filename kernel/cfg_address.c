// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: addresses and address sets of the global and
 * the zones' address books.
 */
#include <linux/slab.h>
#include <linux/socket.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"

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

/* addresses and address sets */
void sxf_free_address(struct sxf_obj *o)
{
	struct sxf_addr *a = container_of(o, struct sxf_addr, o);

	sxf_rs_free(&a->rs);
	kfree(a);
}

int sxf_add_address(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		    struct netlink_ext_ack *extack)
{
	char ctx[2 * SRXFLOW_NAME_MAX + 64];
	struct srxflow_prefix *lo, *hi;
	struct sxf_addr *a;
	int err;

	a = sxf_cfg_zalloc(cfg, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->o.kind = SXF_OBJ_ADDR;
	err = addr_scope(cfg, tb[SRXFLOW_A_ADDR_ZONE], &a->o.scope, ctx, sizeof(ctx),
			 "address", extack);
	if (err)
		goto err;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_ADDR_NAME], a->o.name, ctx, extack, obj);
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

		if (!sxf_prefix_valid(p)) {
			err = sxf_err(extack, tb[SRXFLOW_A_ADDR_PREFIX], "%s: invalid prefix", ctx);
			goto err;
		}
		err = sxf_rs_from_prefix(&a->rs, p);
	} else if (!tb[SRXFLOW_A_ADDR_PREFIX] && tb[SRXFLOW_A_ADDR_RANGE_LO] &&
		   tb[SRXFLOW_A_ADDR_RANGE_HI]) {
		lo = nla_data(tb[SRXFLOW_A_ADDR_RANGE_LO]);
		hi = nla_data(tb[SRXFLOW_A_ADDR_RANGE_HI]);
		if (!sxf_prefix_valid(lo) || lo->family != hi->family) {
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
	err = sxf_names_add(&cfg->names, &a->o);
	if (err)
		goto err_rs;
	cfg->nr_addrs++;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_ADDRESS, obj, a);

err_rs:
	sxf_rs_free(&a->rs);
err:
	kfree(a);
	return err;
}

/* an address or set visible from scope: that book, then the global book */
struct sxf_addr *sxf_cfg_addr_lookup(const struct sxf_cfg *cfg, u32 scope, const char *name)
{
	struct sxf_obj *o = NULL;

	if (scope)
		o = sxf_names_find(&cfg->names, SXF_OBJ_ADDR, scope, name);
	if (!o)
		o = sxf_names_find(&cfg->names, SXF_OBJ_ADDR, 0, name);
	return o ? container_of(o, struct sxf_addr, o) : NULL;
}

int sxf_add_address_set(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			struct netlink_ext_ack *extack)
{
	struct nlattr *m;
	const struct sxf_rangeset **srcs = NULL;
	char ctx[2 * SRXFLOW_NAME_MAX + 64];
	struct sxf_addr *a;
	int rem, err, n = 0, k = 0;

	a = sxf_cfg_zalloc(cfg, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->o.kind = SXF_OBJ_ADDR;
	a->is_set = true;
	err = addr_scope(cfg, tb[SRXFLOW_A_ASET_ZONE], &a->o.scope, ctx, sizeof(ctx),
			 "address-set", extack);
	if (err)
		goto err;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_ASET_NAME], a->o.name, ctx, extack, obj);
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
		mem = sxf_cfg_addr_lookup(cfg, a->o.scope, name);
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
	err = sxf_cfg_charge(cfg, sxf_rs_bytes(&a->rs), obj, ctx, extack);
	if (err) {
		sxf_rs_free(&a->rs);
		goto err;
	}
	err = sxf_names_add(&cfg->names, &a->o);
	if (err) {
		sxf_rs_free(&a->rs);
		goto err;
	}
	cfg->nr_addrs++;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_ADDRESS_SET, obj, a);

err:
	kvfree(srcs);
	kfree(a);
	return err;
}
