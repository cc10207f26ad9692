// SPDX-License-Identifier: GPL-2.0
/*
 * Commit of a configuration transaction: defaults, the interface map,
 * stable policy indices, publication of the generation; per-namespace
 * configuration state.
 */
#include <linux/slab.h>
#include <linux/rtnetlink.h>
#include <linux/netdevice.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "policy.h"
#include "trace.h"

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
	int id;

	for (i = 0; i < cfg->nr_policies; i++) {
		struct sxf_policy *p = cfg->policies[i];
		struct sxf_obj *o = NULL;

		if (old) {
			u32 scope = SXF_SCOPE_GLOBAL;

			if (!p->global) {
				int of = old_zone_id(old, p->from, p->from_name);
				int ot = old_zone_id(old, p->to, p->to_name);

				scope = of >= 0 && ot >= 0 ? sxf_pair_key(of, ot) : 0xfffffffe;
			}
			o = sxf_names_find(&old->names, SXF_OBJ_POLICY, scope, p->o.name);
		}
		if (o) {
			p->index = container_of(o, struct sxf_policy, o)->index;
			continue;
		}
		id = ida_alloc_min(&sn->policy_ida, 1, GFP_KERNEL);
		if (id < 0)
			goto err;
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
	return -ENOMEM;
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
