// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: security policies (zone pairs and global) and
 * the `security policies` defaults.
 */
#include <linux/slab.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"

void sxf_free_policy(struct sxf_obj *o)
{
	struct sxf_policy *p = container_of(o, struct sxf_policy, o);

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
		a = sxf_cfg_addr_lookup(cfg, scope, name);
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
			err = sxf_cfg_charge(cfg, sxf_rs_bytes(rs), obj, ctx, extack);
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
		id = sxf_cfg_zone_ref(cfg, m, allow_host, true, ctx, extack);
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

int sxf_add_policy(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		   struct netlink_ext_ack *extack)
{
	struct nlattr *m;
	char ctx[3 * SRXFLOW_NAME_MAX + 96];
	struct sxf_policy *p;
	u32 cap = 0;
	int rem, err, id;
	bool is_set;

	p = sxf_cfg_zalloc(cfg, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->o.kind = SXF_OBJ_POLICY;
	p->global = !tb[SRXFLOW_A_POL_FROM_ZONE] && !tb[SRXFLOW_A_POL_TO_ZONE];
	if (p->global) {
		p->from = p->to = SXF_ZONE_ANY;
		p->o.scope = SXF_SCOPE_GLOBAL;
		err = sxf_cfg_get_name(tb[SRXFLOW_A_POL_NAME], p->o.name,
				       "security policies global policy",
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
		id = sxf_cfg_zone_ref(cfg, tb[SRXFLOW_A_POL_FROM_ZONE], true, false,
				      "security policies from-zone", extack);
		if (id < 0) {
			err = id;
			goto err;
		}
		p->from = id;
		id = sxf_cfg_zone_ref(cfg, tb[SRXFLOW_A_POL_TO_ZONE], true, false,
				      "security policies to-zone", extack);
		if (id < 0) {
			err = id;
			goto err;
		}
		p->to = id;
		p->from_name = sxf_zone_name(cfg, p->from);
		p->to_name = sxf_zone_name(cfg, p->to);
		p->o.scope = sxf_pair_key(p->from, p->to);
		snprintf(ctx, sizeof(ctx), "security policies from-zone %s to-zone %s policy",
			 p->from_name, p->to_name);
		err = sxf_cfg_get_name(tb[SRXFLOW_A_POL_NAME], p->o.name, ctx, extack, obj);
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
		err = sxf_cfg_app_resolve(cfg, name, &p->apps, &p->n_apps, &cap, false, &is_set);
		if (err == -ENOENT)
			err = sxf_cfg_app_resolve(cfg, name, &p->apps, &p->n_apps, &cap, true,
						  &is_set);
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
	err = sxf_cfg_charge(cfg, (size_t)p->n_apps * sizeof(*p->apps), obj, ctx, extack);
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
	if (tb[SRXFLOW_A_POL_SERVICES_OFFLOAD]) {
		p->offload = nla_get_u8(tb[SRXFLOW_A_POL_SERVICES_OFFLOAD]);
		if (p->action != SRXFLOW_ACTION_PERMIT) {
			err = sxf_err(extack, tb[SRXFLOW_A_POL_SERVICES_OFFLOAD],
				      "%s: services-offload is an option of then permit", ctx);
			goto err_apps;
		}
	}
	err = sxf_grow_ptrs((void ***)&cfg->policies, cfg->nr_policies, &cfg->cap_policies);
	if (err)
		goto err_apps;
	err = sxf_names_add(&cfg->names, &p->o);
	if (err)
		goto err_apps;
	cfg->policies[cfg->nr_policies++] = p;
	return sxf_cfg_keep_blob_skip(cfg, SRXFLOW_A_CFG_POLICY, obj, p, SRXFLOW_A_POL_INDEX);

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

int sxf_add_policies(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		     struct netlink_ext_ack *extack)
{
	if (tb[SRXFLOW_A_POLS_DEFAULT]) {
		cfg->flow.default_policy = nla_get_u8(tb[SRXFLOW_A_POLS_DEFAULT]);
		if (cfg->flow.default_policy > SRXFLOW_DEFAULT_PERMIT_ALL)
			return sxf_err(extack, tb[SRXFLOW_A_POLS_DEFAULT],
				       "security policies default-policy: unknown value %u",
				       cfg->flow.default_policy);
	}
	cfg->flow.policy_rematch = nla_get_flag(tb[SRXFLOW_A_POLS_REMATCH]);
	cfg->have_policies_obj = true;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_POLICIES, obj, NULL);
}
