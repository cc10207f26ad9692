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
	kfree(a);
}

int sxf_add_application(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			struct netlink_ext_ack *extack)
{
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_user_app *ua;
	struct sxf_app *app;
	int err;

	ua = sxf_cfg_zalloc(cfg, sizeof(*ua));
	if (!ua)
		return -ENOMEM;
	ua->o.kind = SXF_OBJ_APP;
	app = &ua->app;
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
	err = sxf_names_add(&cfg->names, &ua->o);
	if (err)
		goto err;
	cfg->nr_apps++;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_APPLICATION, obj, ua);
err:
	kfree(ua);
	return err;
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
