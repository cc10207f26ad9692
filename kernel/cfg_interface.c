// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: Junos interface names bound to Linux devices
 * (interfaces IFD unit N linux-device DEV).  Each unit is two objects of
 * the name table: the logical interface IFD.N (SXF_OBJ_IFBIND, looked up
 * by zones) and its device (SXF_OBJ_IFBDEV, looked up by the netdev
 * notifier and to refuse a device bound twice).  Both live and die with
 * the generation, so the map from Junos names to devices changes only by
 * a commit, atomically with the zones that use it.
 */
#include <linux/slab.h>
#include <linux/netdevice.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"

/* printable ASCII only: names reach messages, logs and JSON */
bool sxf_ascii_name(const char *s)
{
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return false;
	return true;
}

/* Junos physical interface: a letter, then letters, digits, '/', ':', '_', '-' */
static bool ifd_name_valid(const char *s)
{
	if (!isalpha(*s))
		return false;
	for (; *s; s++)
		if (!isalnum(*s) && !strchr("/:_-", *s))
			return false;
	return true;
}

void sxf_free_interface(struct sxf_obj *o)
{
	if (o->kind == SXF_OBJ_IFBDEV)
		kfree(container_of(o, struct sxf_ifbdev, o));
	else
		kfree(container_of(o, struct sxf_ifbind, o));
}

static int add_unit(struct sxf_cfg *cfg, const char *ifd, const struct nlattr *a,
		    const char *ctx, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SRXFLOW_A_IFL_MAX + 1];
	char uctx[SRXFLOW_IFD_NAME_MAX + 64];
	struct sxf_ifbind *b;
	struct sxf_ifbdev *d;
	struct sxf_obj *other;
	u32 unit;
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_IFL_MAX, a, sxf_ifl_policy, extack);
	if (err)
		return err;
	if (!tb[SRXFLOW_A_IFL_UNIT])
		return sxf_err(extack, a, "%s unit: missing unit number", ctx);
	unit = nla_get_u32(tb[SRXFLOW_A_IFL_UNIT]);
	snprintf(uctx, sizeof(uctx), "%s unit %u", ctx, unit);
	if (unit > SRXFLOW_IFL_UNIT_MAX)
		return sxf_err(extack, tb[SRXFLOW_A_IFL_UNIT],
			       "%s: value out of range, expecting 0..%u", uctx, SRXFLOW_IFL_UNIT_MAX);
	if (!tb[SRXFLOW_A_IFL_DEVICE])
		return sxf_err(extack, a, "%s: missing linux-device", uctx);
	b = sxf_cfg_zalloc(cfg, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->o.kind = SXF_OBJ_IFBIND;
	snprintf(b->o.name, sizeof(b->o.name), "%s.%u", ifd, unit);
	nla_strscpy(b->dev, tb[SRXFLOW_A_IFL_DEVICE], sizeof(b->dev));
	if (!dev_valid_name(b->dev) || !sxf_ascii_name(b->dev)) {
		err = sxf_err(extack, tb[SRXFLOW_A_IFL_DEVICE],
			      "%s linux-device %s: invalid Linux interface name", uctx, b->dev);
		goto err_b;
	}
	if (sxf_names_find(&cfg->names, SXF_OBJ_IFBIND, 0, b->o.name)) {
		err = sxf_err(extack, tb[SRXFLOW_A_IFL_UNIT], "%s: unit defined twice", uctx);
		goto err_b;
	}
	/*
	 * A zone that names the device by its Linux name: naming it again by
	 * this unit (in another zone, or the same) would bind one device
	 * twice.  The zone side refuses a bound device's Linux name
	 * (zif_resolve()); this is the other order of the two messages.
	 */
	other = sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, b->dev);
	if (other) {
		err = sxf_err(extack, tb[SRXFLOW_A_IFL_DEVICE],
			      "%s linux-device %s: device is in zone %s by its Linux name",
			      uctx, b->dev,
			      container_of(other, struct sxf_zone_if, o)->zone->o.name);
		goto err_b;
	}
	other = sxf_names_find(&cfg->names, SXF_OBJ_IFBDEV, 0, b->dev);
	if (other) {
		err = sxf_err(extack, tb[SRXFLOW_A_IFL_DEVICE],
			      "%s linux-device %s: device is already bound to %s", uctx, b->dev,
			      container_of(other, struct sxf_ifbdev, o)->bind->o.name);
		goto err_b;
	}
	d = sxf_cfg_zalloc(cfg, sizeof(*d));
	if (!d) {
		err = -ENOMEM;
		goto err_b;
	}
	d->o.kind = SXF_OBJ_IFBDEV;
	strscpy(d->o.name, b->dev, sizeof(d->o.name));
	d->bind = b;
	err = sxf_names_add(&cfg->names, &b->o);
	if (err) {
		kfree(d);
		goto err_b;
	}
	/* b is in the name table now: freed with the transaction on error */
	err = sxf_names_add(&cfg->names, &d->o);
	if (err) {
		kfree(d);
		return err;
	}
	return 0;
err_b:
	kfree(b);
	return err;
}

int sxf_add_interface(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		      struct netlink_ext_ack *extack)
{
	char ifd[SRXFLOW_IFD_NAME_MAX], ctx[SRXFLOW_IFD_NAME_MAX + 16];
	struct nlattr *a;
	int rem, err;

	if (!tb[SRXFLOW_A_IFD_NAME])
		return sxf_err(extack, obj, "interfaces: missing interface name");
	nla_strscpy(ifd, tb[SRXFLOW_A_IFD_NAME], sizeof(ifd));
	snprintf(ctx, sizeof(ctx), "interfaces %s", ifd);
	if (!ifd_name_valid(ifd))
		return sxf_err(extack, tb[SRXFLOW_A_IFD_NAME],
			       "%s: invalid interface name (a letter, then letters, digits, '/', ':', '_' or '-')",
			       ctx);
	nla_for_each_nested(a, obj, rem) {
		if (nla_type(a) != SRXFLOW_A_IFD_UNIT)
			continue;
		err = add_unit(cfg, ifd, a, ctx, extack);
		if (err)
			return err;
	}
	cfg->nr_ifds++;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_INTERFACE, obj, NULL);
}

/*
 * The logical interface a zone names: IFD.N bound by `interfaces`, or IFD
 * meaning its unit 0 (as Junos allows in zones).  NULL: not a bound name.
 */
const struct sxf_ifbind *sxf_cfg_ifbind(const struct sxf_cfg *cfg, const char *name)
{
	char ifl[SRXFLOW_NAME_MAX];
	struct sxf_obj *o;

	o = sxf_names_find(&cfg->names, SXF_OBJ_IFBIND, 0, name);
	if (!o && !strchr(name, '.') && strlen(name) < SRXFLOW_IFD_NAME_MAX) {
		snprintf(ifl, sizeof(ifl), "%s.0", name);
		o = sxf_names_find(&cfg->names, SXF_OBJ_IFBIND, 0, ifl);
	}
	return o ? container_of(o, struct sxf_ifbind, o) : NULL;
}

/* the Junos name a Linux device is bound to, or NULL */
const struct sxf_ifbind *sxf_cfg_ifbind_dev(const struct sxf_cfg *cfg, const char *dev)
{
	struct sxf_obj *o = sxf_names_find(&cfg->names, SXF_OBJ_IFBDEV, 0, dev);

	return o ? container_of(o, struct sxf_ifbdev, o)->bind : NULL;
}
