// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: security zones, their interfaces and
 * host-inbound-traffic.
 */
#include <linux/slab.h>
#include <linux/netdevice.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "screen.h"

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
	hi->svc_except = svc_off;
	hi->protocols = pr_on & ~pr_off;
	return 0;
}

/*
 * The device a zone's interface names: a Junos name bound by `interfaces`
 * (IFD.N, or IFD for its unit 0) or a Linux device name.  zif->o.name is
 * the logical interface (IFD.N when bound), so that ge-0/0/1 and
 * ge-0/0/1.0 are one interface, and outputs print it.
 */
static int zif_resolve(const struct sxf_cfg *cfg, struct sxf_zone_if *zif,
		       const struct nlattr *a, const char *ctx,
		       struct netlink_ext_ack *extack)
{
	const struct sxf_ifbind *b;
	char name[SRXFLOW_NAME_MAX];

	nla_strscpy(name, a, sizeof(name));
	if (!*name || !sxf_ascii_name(name))
		return sxf_err(extack, a, "%s interfaces: invalid interface name", ctx);
	b = sxf_cfg_ifbind(cfg, name);
	if (b) {
		strscpy(zif->o.name, b->o.name, sizeof(zif->o.name));
		strscpy(zif->dev, b->dev, sizeof(zif->dev));
		zif->bound = true;
		return 0;
	}
	if (strlen(name) >= IFNAMSIZ || !dev_valid_name(name)) {
		if (strpbrk(name, "/:") || strlen(name) >= IFNAMSIZ)
			return sxf_err(extack, a,
				       "%s interfaces %s: interface is not bound to a Linux device (interfaces IFD unit N linux-device DEV)",
				       ctx, name);
		return sxf_err(extack, a, "%s interfaces %s: invalid interface name", ctx, name);
	}
	b = sxf_cfg_ifbind_dev(cfg, name);
	if (b)
		return sxf_err(extack, a, "%s interfaces %s: device is bound to %s, name it so",
			       ctx, name, b->o.name);
	strscpy(zif->o.name, name, sizeof(zif->o.name));
	strscpy(zif->dev, name, sizeof(zif->dev));
	return 0;
}

/* zones and their interfaces (kind SXF_OBJ_IFACE) */
void sxf_free_zone(struct sxf_obj *o)
{
	struct sxf_zone *z;

	if (o->kind == SXF_OBJ_IFACE) {
		struct sxf_zone_if *zif = container_of(o, struct sxf_zone_if, o);

		sxf_scr_stats_put(zif->scr_stats);
		kfree(zif);
		return;
	}
	z = container_of(o, struct sxf_zone, o);
	kvfree(z->ifaces);
	kfree(z);
}

static int add_zone(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		    bool functional, struct netlink_ext_ack *extack)
{
	const char *what = functional ? "security zones functional-zone" :
					"security zones security-zone";
	struct nlattr *a;
	char ctx[SRXFLOW_NAME_MAX + 48];
	struct sxf_zone *z;
	int rem, err, n = 0;

	z = sxf_cfg_zalloc(cfg, sizeof(*z));
	if (!z)
		return -ENOMEM;
	z->o.kind = SXF_OBJ_ZONE;
	z->functional = functional;
	z->o.scope = functional;
	err = sxf_cfg_get_name(tb[SRXFLOW_A_ZONE_NAME], z->o.name, what, extack, obj);
	if (err)
		goto err_free;
	snprintf(ctx, sizeof(ctx), "%s %s", what, z->o.name);
	if (functional && strcmp(z->o.name, "management")) {
		err = sxf_err(extack, tb[SRXFLOW_A_ZONE_NAME],
			      "%s: unknown functional zone, expecting management", ctx);
		goto err_free;
	}
	if (functional && (tb[SRXFLOW_A_ZONE_TCP_RST] || tb[SRXFLOW_A_ZONE_REVERSE_REROUTE])) {
		err = sxf_err(extack, tb[SRXFLOW_A_ZONE_TCP_RST] ? : tb[SRXFLOW_A_ZONE_REVERSE_REROUTE],
			      "%s: tcp-rst and enable-reverse-reroute are for security zones", ctx);
		goto err_free;
	}
	if (!strcmp(z->o.name, "junos-host") || !strcmp(z->o.name, "any")) {
		err = sxf_err(extack, tb[SRXFLOW_A_ZONE_NAME], "%s: zone name is reserved", ctx);
		goto err_free;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_ZONE, z->o.scope, z->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_ZONE_NAME], "%s: zone defined twice", ctx);
		goto err_free;
	}
	z->tcp_rst = nla_get_flag(tb[SRXFLOW_A_ZONE_TCP_RST]);
	z->reverse_reroute = nla_get_flag(tb[SRXFLOW_A_ZONE_REVERSE_REROUTE]);
	if (tb[SRXFLOW_A_ZONE_SCREEN]) {
		err = sxf_cfg_get_name(tb[SRXFLOW_A_ZONE_SCREEN], z->screen, ctx, extack, obj);
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
		char ictx[sizeof(ctx) + SRXFLOW_NAME_MAX + 16];

		if (nla_type(a) != SRXFLOW_A_ZONE_IFACE)
			continue;
		err = nla_parse_nested(itb, SRXFLOW_A_ZIF_MAX, a, sxf_zif_policy, extack);
		if (err)
			goto err_ifaces;
		if (!itb[SRXFLOW_A_ZIF_NAME]) {
			err = sxf_err(extack, a, "%s interfaces: missing interface name", ctx);
			goto err_ifaces;
		}
		zif = sxf_cfg_zalloc(cfg, sizeof(*zif));
		if (!zif) {
			err = -ENOMEM;
			goto err_ifaces;
		}
		zif->o.kind = SXF_OBJ_IFACE;
		err = zif_resolve(cfg, zif, itb[SRXFLOW_A_ZIF_NAME], ctx, extack);
		if (err) {
			kfree(zif);
			goto err_ifaces;
		}
		snprintf(ictx, sizeof(ictx), "%s interfaces %s", ctx, zif->o.name);
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
		if (zif->hostin.has_services) {
			zif->eff.services = zif->hostin.services;
			zif->eff.svc_except = zif->hostin.svc_except;
		}
		if (zif->hostin.has_protocols)
			zif->eff.protocols = zif->hostin.protocols;
		zif->zone = z;
		err = sxf_names_add(&cfg->names, &zif->o);
		if (err) {
			kfree(zif);
			goto err_ifaces;
		}
		z->ifaces[z->nr_ifaces++] = zif;
		cfg->nr_ifaces++;
	}

	err = sxf_grow_ptrs((void ***)&cfg->zones, cfg->nr_zones, &cfg->cap_zones);
	if (err)
		goto err_ifaces;
	err = sxf_names_add(&cfg->names, &z->o);
	if (err)
		goto err_ifaces;
	cfg->zones[cfg->nr_zones++] = z;
	if (functional)
		cfg->have_fzone = true;
	/* z is in the name table now: freed with the transaction on error */
	return sxf_cfg_keep_blob(cfg, functional ? SRXFLOW_A_CFG_FUNCTIONAL_ZONE :
				 SRXFLOW_A_CFG_ZONE, obj, z);

err_ifaces:
	/* interfaces already added stay in the name table and are freed with it */
	z->nr_ifaces = 0;
err_free:
	kvfree(z->ifaces);
	kfree(z);
	return err;
}

int sxf_add_zone(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		 struct netlink_ext_ack *extack)
{
	return add_zone(cfg, obj, tb, false, extack);
}

/* security zones functional-zone management: host-inbound-traffic only, no transit */
int sxf_add_functional_zone(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack)
{
	return add_zone(cfg, obj, tb, true, extack);
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
int sxf_cfg_zone_ref(const struct sxf_cfg *cfg, const struct nlattr *a, bool allow_host,
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
