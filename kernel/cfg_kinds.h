/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the configuration files: the object kinds (cfg_zone.c,
 * cfg_address.c, cfg_application.c, cfg_policy.c, cfg_options.c), the
 * helpers they share (config.c) and the commit (commit.c).
 */
#ifndef _SRXFLOW_CFG_KINDS_H
#define _SRXFLOW_CFG_KINDS_H

#include "config.h"

/* scope of the global policies in the name table; zone pairs: sxf_pair_key() */
#define SXF_SCOPE_GLOBAL 0xffffffffU

static inline u32 sxf_pair_key(u16 from, u16 to)
{
	return ((u32)from << 16) | to;
}

/* config.c */
int sxf_names_add(struct sxf_nametab *t, struct sxf_obj *o);
void *sxf_cfg_zalloc(struct sxf_cfg *cfg, size_t size);
int sxf_cfg_charge(struct sxf_cfg *cfg, size_t size, const struct nlattr *obj,
		   const char *ctx, struct netlink_ext_ack *extack);
int sxf_cfg_get_name(const struct nlattr *a, char *out, const char *what,
		     struct netlink_ext_ack *extack, const struct nlattr *ctx);
bool sxf_prefix_valid(const struct srxflow_prefix *p);
int sxf_grow_ptrs(void ***v, u32 n, u32 *cap);
int sxf_cfg_keep_blob(struct sxf_cfg *cfg, u16 type, const struct nlattr *nla, void *obj);
int sxf_cfg_keep_blob_skip(struct sxf_cfg *cfg, u16 type, const struct nlattr *nla, void *obj,
			   u16 skip);

/*
 * The object kinds, dispatched by the table in config.c: add() gets the
 * object's nested attributes parsed into tb[], free() one object of the
 * name table.
 */

/* cfg_zone.c */
void sxf_free_zone(struct sxf_obj *o);
int sxf_add_zone(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		 struct netlink_ext_ack *extack);
int sxf_add_functional_zone(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack);
int sxf_cfg_zone_ref(const struct sxf_cfg *cfg, const struct nlattr *a, bool allow_host,
		     bool allow_any, const char *what, struct netlink_ext_ack *extack);

/* cfg_interface.c */
void sxf_free_interface(struct sxf_obj *o);
int sxf_add_interface(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		      struct netlink_ext_ack *extack);

/* cfg_address.c */
void sxf_free_address(struct sxf_obj *o);
int sxf_add_address(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		    struct netlink_ext_ack *extack);
int sxf_add_address_set(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			struct netlink_ext_ack *extack);
struct sxf_addr *sxf_cfg_addr_lookup(const struct sxf_cfg *cfg, u32 scope, const char *name);

/* cfg_application.c */
void sxf_free_application(struct sxf_obj *o);
int sxf_add_application(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			struct netlink_ext_ack *extack);
int sxf_add_application_set(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
			    struct netlink_ext_ack *extack);
int sxf_cfg_app_resolve(const struct sxf_cfg *cfg, const char *name,
			const struct sxf_app ***v, u32 *n, u32 *cap, bool want_set_only,
			bool *found_set);

/* cfg_policy.c */
int sxf_add_policy(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		   struct netlink_ext_ack *extack);
int sxf_add_policies(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		     struct netlink_ext_ack *extack);
void sxf_free_policy(struct sxf_obj *o);

/* cfg_options.c */
int sxf_add_flow(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		 struct netlink_ext_ack *extack);
int sxf_add_fwd(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		struct netlink_ext_ack *extack);
int sxf_add_trace(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		  struct netlink_ext_ack *extack);
int sxf_add_log(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		struct netlink_ext_ack *extack);

int sxf_add_alg(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		struct netlink_ext_ack *extack);

/* cfg_screen.c */
int sxf_add_screen(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		   struct netlink_ext_ack *extack);
void sxf_free_screen(struct sxf_obj *o);

#endif /* _SRXFLOW_CFG_KINDS_H */
