// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: applications and application sets.
 */
#include <linux/slab.h>
#include <linux/in.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"

static bool port_proto(u8 p)
{
	return p == IPPROTO_TCP || p == IPPROTO_UDP || p == IPPROTO_SCTP;
}

/* applications and application sets */
void sxf_free_application(struct sxf_obj *o)
{
	struct sxf_user_app *a = container_of(o, struct sxf_user_app, o);

	kvfree(a->members);
	kvfree(a->terms);
	kfree(a);
}

/* The match of one application or term, from its attributes. */
struct app_attrs {
	const struct nlattr *proto, *sport, *dport, *itype, *icode, *timeout, *alg;
};

/* application-protocol: the ALGs srxflow has, or ignore (alg.c) */
static int parse_alg(struct sxf_app *app, const struct nlattr *a, const char *ctx,
		     struct netlink_ext_ack *extack)
{
	static const char *const algs[] = { "ftp", "tftp", "ignore" };
	int i;

	if (!a)
		return 0;
	for (i = 0; i < ARRAY_SIZE(algs); i++)
		if (!nla_strcmp(a, algs[i])) {
			app->alg = algs[i];
			return 0;
		}
	return sxf_err(extack, a,
		       "%s application-protocol %.15s: not supported by srxflow (expecting ftp, tftp or ignore)",
		       ctx, (const char *)nla_data(a));
}

static int parse_match(struct sxf_app *app, const struct app_attrs *m, u32 def_timeout,
		       const struct nlattr *obj, const char *ctx,
		       struct netlink_ext_ack *extack)
{
	app->any_proto = !m->proto;
	if (m->proto)
		app->proto = nla_get_u8(m->proto);
	app->sp_hi = 65535;
	app->dp_hi = 65535;
	app->icmp_type = -1;
	app->icmp_code = -1;
	app->timeout = def_timeout;
	if (m->sport || m->dport) {
		if (app->any_proto || !port_proto(app->proto))
			return sxf_err(extack, m->sport ? : m->dport,
				       "%s: ports need protocol tcp, udp or sctp", ctx);
	}
	if (m->sport) {
		u32 r = nla_get_u32(m->sport);

		app->sp_lo = SRXFLOW_PORT_LO(r);
		app->sp_hi = SRXFLOW_PORT_HI(r);
	}
	if (m->dport) {
		u32 r = nla_get_u32(m->dport);

		app->dp_lo = SRXFLOW_PORT_LO(r);
		app->dp_hi = SRXFLOW_PORT_HI(r);
	}
	if (app->sp_lo > app->sp_hi || app->dp_lo > app->dp_hi)
		return sxf_err(extack, obj, "%s: port range low > high", ctx);
	if (m->itype || m->icode) {
		if (app->any_proto ||
		    (app->proto != IPPROTO_ICMP && app->proto != IPPROTO_ICMPV6))
			return sxf_err(extack, m->itype ? : m->icode,
				       "%s: icmp-type/icmp-code need protocol icmp or icmp6", ctx);
		if (m->itype)
			app->icmp_type = nla_get_u8(m->itype);
		if (m->icode)
			app->icmp_code = nla_get_u8(m->icode);
	}
	if (parse_alg(app, m->alg, ctx, extack))
		return -EINVAL;
	if (m->timeout) {
		app->timeout = nla_get_u32(m->timeout);
		if (app->timeout != SRXFLOW_TIMEOUT_NEVER &&
		    (app->timeout < 4 || app->timeout > 86400))
			return sxf_err(extack, m->timeout,
				       "%s inactivity-timeout %u: out of range, expecting 4..86400 or never",
				       ctx, app->timeout);
	}
	return 0;
}

/* application NAME term T ...: one sxf_app per term */
static int parse_terms(struct sxf_cfg *cfg, struct sxf_user_app *ua, const struct nlattr *obj,
		       u32 nterms, u32 def_timeout, const char *ctx,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *a, *b, *tb[SRXFLOW_A_TERM_MAX + 1];
	char tctx[SRXFLOW_NAME_MAX * 2 + 64], tname[SRXFLOW_NAME_MAX];
	int rem, rem2, err;
	u32 i = 0;

	if (nterms > SRXFLOW_APP_TERMS_MAX)
		return sxf_err(extack, obj, "%s: more than %u terms", ctx, SRXFLOW_APP_TERMS_MAX);
	err = sxf_cfg_charge(cfg, nterms * (sizeof(*ua->terms) + sizeof(*ua->members)),
			     obj, ctx, extack);
	if (err)
		return err;
	ua->terms = kvcalloc(nterms, sizeof(*ua->terms), GFP_KERNEL_ACCOUNT);
	ua->members = kvcalloc(nterms, sizeof(*ua->members), GFP_KERNEL_ACCOUNT);
	if (!ua->terms || !ua->members)
		return -ENOMEM;
	nla_for_each_nested(a, obj, rem) {
		struct app_attrs m;

		if (nla_type(a) != SRXFLOW_A_APP_TERM)
			continue;
		err = nla_parse_nested(tb, SRXFLOW_A_TERM_MAX, a, sxf_term_policy, extack);
		if (err)
			return err;
		err = sxf_cfg_get_name(tb[SRXFLOW_A_TERM_NAME], tname, ctx, extack, a);
		if (err)
			return err;
		snprintf(tctx, sizeof(tctx), "%s term %s", ctx, tname);
		/* a term name once per application */
		nla_for_each_nested(b, obj, rem2) {
			struct nlattr *n;

			if (b == a)
				break;
			if (nla_type(b) != SRXFLOW_A_APP_TERM)
				continue;
			n = nla_find_nested(b, SRXFLOW_A_TERM_NAME);
			if (n && !nla_strcmp(n, tname))
				return sxf_err(extack, a, "%s: term defined twice", tctx);
		}
		m = (struct app_attrs){
			tb[SRXFLOW_A_TERM_PROTOCOL], tb[SRXFLOW_A_TERM_SPORT],
			tb[SRXFLOW_A_TERM_DPORT], tb[SRXFLOW_A_TERM_ICMP_TYPE],
			tb[SRXFLOW_A_TERM_ICMP_CODE], tb[SRXFLOW_A_TERM_TIMEOUT],
			tb[SRXFLOW_A_TERM_ALG],
		};
		if (!m.proto)
			return sxf_err(extack, a, "%s: missing protocol", tctx);
		err = parse_match(&ua->terms[i], &m, def_timeout, a, tctx, extack);
		if (err)
			return err;
		ua->terms[i].name = ua->o.name;
		ua->members[i] = &ua->terms[i];
		i++;
	}
	ua->n = i;
	return 0;
}

int sxf_add_application(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			struct netlink_ext_ack *extack)
{
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_user_app *ua;
	struct app_attrs m = {
		tb[SRXFLOW_A_APP_PROTOCOL], tb[SRXFLOW_A_APP_SPORT], tb[SRXFLOW_A_APP_DPORT],
		tb[SRXFLOW_A_APP_ICMP_TYPE], tb[SRXFLOW_A_APP_ICMP_CODE], tb[SRXFLOW_A_APP_TIMEOUT],
		tb[SRXFLOW_A_APP_ALG],
	};
	const struct nlattr *a;
	u32 nterms = 0, u;
	int rem, err;

	ua = sxf_cfg_zalloc(cfg, sizeof(*ua));
	if (!ua)
		return -ENOMEM;
	ua->o.kind = SXF_OBJ_APP;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_APP_NAME], ua->o.name, "applications application",
			       extack, obj);
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
	ua->app.name = ua->o.name;
	nla_for_each_nested(a, obj, rem)
		if (nla_type(a) == SRXFLOW_A_APP_TERM)
			nterms++;
	if (nterms) {
		if (m.proto || m.sport || m.dport || m.itype || m.icode || m.alg) {
			err = sxf_err(extack, tb[SRXFLOW_A_APP_TERM],
				      "%s: protocol, ports or icmp-type and term are exclusive (use terms only)",
				      ctx);
			goto err;
		}
		u = m.timeout ? nla_get_u32(m.timeout) : 0;
		if (u && u != SRXFLOW_TIMEOUT_NEVER && (u < 4 || u > 86400)) {
			err = sxf_err(extack, m.timeout,
				      "%s inactivity-timeout %u: out of range, expecting 4..86400 or never",
				      ctx, u);
			goto err;
		}
		err = parse_terms(cfg, ua, obj, nterms, u, ctx, extack);
	} else {
		err = parse_match(&ua->app, &m, 0, obj, ctx, extack);
	}
	if (err)
		goto err;
	err = sxf_names_add(&cfg->names, &ua->o);
	if (err)
		goto err;
	cfg->nr_apps++;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_APPLICATION, obj, ua);
err:
	kvfree(ua->terms);
	kvfree(ua->members);
	kfree(ua);
	return err;
}

/* a predefined application-set: its members' terms */
static int resolve_predefined_set(const struct sxf_cfg *cfg, const char *name,
				  const struct sxf_app ***v, u32 *n, u32 *cap, bool *found_set)
{
	const char *const *m = sxf_predefined_set(name);
	bool is_set;
	int err;

	if (!m)
		return -ENOENT;
	for (; *m; m++) {
		err = sxf_cfg_app_resolve(cfg, *m, v, n, cap, false, &is_set);
		if (err)
			return err == -ENOENT ? -EINVAL : err;
	}
	*found_set = true;
	return 0;
}

/* Resolve an application name into terms appended to *v (grown as needed). */
int sxf_cfg_app_resolve(const struct sxf_cfg *cfg, const char *name,
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
		if (ua->is_set || ua->terms) {
			src = ua->members;
			cnt = ua->n;
		} else {
			pre = &ua->app;
			src = &pre;
			cnt = 1;
		}
	} else if (!want_set_only) {
		pre = sxf_predefined_app(name, &cnt);
		if (!pre)
			return -ENOENT;
		*found_set = false;
		src = NULL;
	} else {
		return resolve_predefined_set(cfg, name, v, n, cap, found_set);
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
		(*v)[(*n)++] = src ? src[i] : &pre[i];
	return 0;
}

int sxf_add_application_set(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *m;
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_user_app *ua;
	u32 cap = 0;
	int rem, err;

	ua = sxf_cfg_zalloc(cfg, sizeof(*ua));
	if (!ua)
		return -ENOMEM;
	ua->o.kind = SXF_OBJ_APP;
	ua->is_set = true;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_APPSET_NAME], ua->o.name,
			       "applications application-set", extack, obj);
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
		err = sxf_cfg_app_resolve(cfg, name, &ua->members, &ua->n, &cap, want_set, &is_set);
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
	err = sxf_cfg_charge(cfg, (size_t)ua->n * sizeof(*ua->members), obj, ctx, extack);
	if (err)
		goto err;
	err = sxf_names_add(&cfg->names, &ua->o);
	if (err)
		goto err;
	cfg->nr_apps++;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_APPLICATION_SET, obj, ua);
err:
	kvfree(ua->members);
	kfree(ua);
	return err;
}
