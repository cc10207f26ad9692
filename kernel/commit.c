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
#include "offload.h"
#include "cfg_kinds.h"
#include "policy.h"
#include "trace.h"
#include "screen.h"
#include "alg.h"
#include "screen_rate.h"
#include "nat.h"

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
	/*
	 * ifindex 0 is an empty slot's: never a device of the map (a route
	 * whose device went away points at blackhole_netdev, ifindex 0)
	 */
	if (!m || !m->count || ifindex <= 0)
		return NULL;
	for (i = (u32)ifindex & m->mask;; i = (i + 1) & m->mask) {
		if (m->ent[i].ifindex == ifindex)
			return &m->ent[i];
		if (!m->ent[i].ifindex)
			return NULL;
	}
}

/*
 * The name the operator gave dev: its Junos name when a zone names it by
 * one, else the Linux name.  RCU read side (or RTNL); the string lives as
 * long as cfg.
 */
const char *sxf_dev_label(const struct sxf_cfg *cfg, const struct net_device *dev)
{
	const struct sxf_ifent *e;

	if (!cfg)
		return dev->name;
	e = sxf_ifmap_lookup(rcu_dereference_rtnl(cfg->ifmap), dev->ifindex);
	return e && e->zif && e->zif->bound ? e->zif->o.name : dev->name;
}

/* Resolve interface names to ifindexes now (RTNL held). */
static struct sxf_ifmap *ifmap_build(struct net *net, const struct sxf_cfg *cfg)
{
	struct sxf_ifmap *m;
	u32 size = 8, i, j;

	ASSERT_RTNL();
	while (size < 2 * cfg->nr_ifaces)
		size <<= 1;
	/* > 65536 interfaces: over 4 MB, more than kmalloc() gives */
	m = kvzalloc(struct_size(m, ent, size), GFP_KERNEL_ACCOUNT);
	if (!m)
		return NULL;
	m->mask = size - 1;
	for (i = 0; i < cfg->nr_zones; i++) {
		const struct sxf_zone *z = cfg->zones[i];

		for (j = 0; j < z->nr_ifaces; j++) {
			const struct sxf_zone_if *zif = z->ifaces[j];
			struct net_device *dev = __dev_get_by_name(net, zif->dev);
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
		kvfree_rcu(old, rcu);
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

				scope = of >= 0 && ot >= 0 ? sxf_pair_key(of, ot) : 0xfffffffe;
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

/*
 * What a commit does once the new generation is valid: the steps of
 * commit_steps[], in this order:
 *
 *   1. without RTNL: prepare() of the steps that run outside RTNL (they may
 *      sleep for long or take RTNL themselves);
 *   2. with RTNL held: prepare() of the RTNL steps, then the publication
 *      (generation number, rcu_assign_pointer()), then apply() of the RTNL
 *      steps;
 *   3. without RTNL: apply() of the other steps, then the old generation
 *      is put (freed after a grace period).
 *
 * Within each part the steps run in the order of the array.  A prepare()
 * that fails ends the commit before the publication: the steps prepared
 * before it are undone in reverse order (undo(), where there is anything
 * to undo) and the running generation stays.  apply() runs once the
 * generation is live and cannot fail.  The caller holds txn_lock.
 */
struct sxf_commit {
	struct sxf_net *sn;
	struct sxf_txn *txn;
	struct sxf_cfg *cfg;		/* the new generation */
	struct sxf_cfg *old;		/* the running one (read under RTNL) */
	struct netlink_ext_ack *extack;
	bool scr_key_raised;		/* the screens' static key, by prepare */
	struct sxf_tring *trace_ring;	/* the trace file's new ring, by prepare */
};

struct sxf_commit_step {
	const char *name;
	bool rtnl;			/* runs with RTNL held */
	int (*prepare)(struct sxf_commit *c);
	void (*undo)(struct sxf_commit *c);
	void (*apply)(struct sxf_commit *c);
};

/*
 * Room for the hit counters of the new policies, by their indices, which
 * can run past the number of policies while those of deleted ones wait
 * for release (rematch_work()).  No undo: the larger array serves the
 * next commit as well (it only grows).
 */
static int commit_stats_prepare(struct sxf_commit *c)
{
	return sxf_policy_stats_reserve(c->sn, c->cfg->max_index + 1);
}

/*
 * The netfilter hooks and defragmentation, when the generation binds an
 * interface.  No undo: they stay until the namespace goes away
 * (Documentation/design.rst, "Hook points").
 */
static int commit_hooks_prepare(struct sxf_commit *c)
{
	return c->cfg->nr_ifaces ? sxf_hooks_enable(c->sn) : 0;
}

/* The transaction was built on the running generation. */
static int commit_generation_prepare(struct sxf_commit *c)
{
	if (c->txn->base_gen != c->sn->generation) {
		NL_SET_ERR_MSG(c->extack, "configuration changed since it was read, retry");
		return -EAGAIN;
	}
	return 0;
}

/*
 * Interface names to ifindexes, now that RTNL keeps devices still.  No
 * undo: the map belongs to the new generation and is freed with it.
 */
static int commit_ifmap_prepare(struct sxf_commit *c)
{
	struct sxf_ifmap *map = ifmap_build(c->sn->net, c->cfg);

	if (!map)
		return -ENOMEM;
	RCU_INIT_POINTER(c->cfg->ifmap, map);
	return 0;
}

/* Stable policy indices: the old ones kept, new ones allocated. */
static int commit_indices_prepare(struct sxf_commit *c)
{
	int err = assign_indices(c->sn, c->cfg, c->old);

	if (err == -ENOSPC)
		NL_SET_ERR_MSG(c->extack,
			       "security policies: no free policy index (sessions of deleted policies still open), retry later");
	if (!err) {
		err = build_by_index(c->cfg);
		if (err)
			release_new_indices(c->sn, c->cfg, c->old);
	}
	return err;
}

static void commit_indices_undo(struct sxf_commit *c)
{
	release_new_indices(c->sn, c->cfg, c->old);
}

/* The indices of removed policies, given back once their sessions are gone. */
static void commit_indices_apply(struct sxf_commit *c)
{
	release_indices(c->sn, c->old, c->cfg);
}

/* Sessions judged by the old generation: rematch, interface flush. */
static void commit_sessions_apply(struct sxf_commit *c)
{
	sxf_cfg_applied(c->sn, c->old, c->cfg);
}

/* services-offload: the ingress hooks follow the new generation (offload.c) */
static void commit_offload_apply(struct sxf_commit *c)
{
	sxf_offload_sync(c->sn, c->cfg);
}

/* NAT counters: kept for the pools and rules the new generation keeps */
static int commit_nat_prepare(struct sxf_commit *c)
{
	return sxf_nat_commit(c->cfg, c->old);
}

/* proxy-arp / proxy-ndp: the hooks (no undo: they stay with the namespace) */
static int commit_proxy_prepare(struct sxf_commit *c)
{
	return sxf_nat_proxy_enable(c->sn, c->cfg);
}

/* proxy-arp / proxy-ndp: counters kept for the interfaces the new generation keeps */
static int commit_proxy_counters_prepare(struct sxf_commit *c)
{
	return sxf_nat_proxy_commit(c->cfg, c->old);
}

/* proxy-arp / proxy-ndp: announce the addresses the commit adds */
static void commit_proxy_apply(struct sxf_commit *c)
{
	sxf_nat_proxy_announce(c->sn, c->cfg, c->old);
}

/* the trace file's ring (a new file, or a new size) before publication */
static int commit_trace_prepare(struct sxf_commit *c)
{
	if (sxf_trace_prepare(c->sn, c->cfg, &c->trace_ring)) {
		sxf_err(c->extack, NULL,
			"security flow traceoptions local-debug-buf %u: no memory for the trace buffer",
			c->cfg->trace.debug_buf);
		return -ENOMEM;
	}
	return 0;
}

static void commit_trace_undo(struct sxf_commit *c)
{
	sxf_trace_put(c->trace_ring);
	c->trace_ring = NULL;
}

static void commit_trace_apply(struct sxf_commit *c)
{
	sxf_trace_apply(c->sn, c->cfg, c->trace_ring);
	c->trace_ring = NULL;
}

/*
 * The rate tables of the screens, when a zone binds one (no undo: they
 * stay until the namespace goes away, bounded, screen_rate.c), and the
 * screens' static key, raised before the generation that binds the first
 * screen is published: never a moment when a packet sees a zone's screen
 * with the key still off (it would pass unscreened).  It is dropped after
 * the publication (apply).
 */
static int commit_screen_prepare(struct sxf_commit *c)
{
	int err = sxf_screen_rate_prepare(c->sn, c->cfg);

	if (!err)
		c->scr_key_raised = sxf_screen_key_prepare(c->sn, c->cfg);
	return err;
}

static void commit_screen_undo(struct sxf_commit *c)
{
	if (c->scr_key_raised)
		sxf_screen_key_undo(c->sn);
}

static void commit_screen_apply(struct sxf_commit *c)
{
	sxf_screen_apply(c->sn, c->cfg);
}

/* The gates of the ALGs the new generation disables. */
static void commit_alg_apply(struct sxf_commit *c)
{
	sxf_alg_apply(c->sn, c->cfg);
}

static const struct sxf_commit_step commit_steps[] = {
	{ .name = "hooks", .prepare = commit_hooks_prepare },
	{ .name = "generation", .rtnl = true, .prepare = commit_generation_prepare },
	{ .name = "interface map", .rtnl = true, .prepare = commit_ifmap_prepare },
	{ .name = "policy indices", .rtnl = true, .prepare = commit_indices_prepare,
	  .undo = commit_indices_undo, .apply = commit_indices_apply },
	{ .name = "policy statistics", .rtnl = true, .prepare = commit_stats_prepare },
	{ .name = "nat counters", .rtnl = true, .prepare = commit_nat_prepare },
	{ .name = "sessions", .rtnl = true, .apply = commit_sessions_apply },
	{ .name = "services-offload", .rtnl = true, .apply = commit_offload_apply },
	{ .name = "trace", .prepare = commit_trace_prepare, .undo = commit_trace_undo,
	  .apply = commit_trace_apply },
	{ .name = "alg gates", .apply = commit_alg_apply },
	{ .name = "screens", .prepare = commit_screen_prepare, .undo = commit_screen_undo,
	  .apply = commit_screen_apply },
	{ .name = "nat proxy hooks", .prepare = commit_proxy_prepare },
	{ .name = "nat proxy counters", .rtnl = true, .prepare = commit_proxy_counters_prepare },
	{ .name = "nat proxy announce", .apply = commit_proxy_apply },
};

/* Undo, in reverse order, the prepared steps (of one side) before step n. */
static void commit_undo(struct sxf_commit *c, unsigned int n, bool rtnl)
{
	while (n--)
		if (commit_steps[n].rtnl == rtnl && commit_steps[n].undo)
			commit_steps[n].undo(c);
}

static int commit_prepare(struct sxf_commit *c, bool rtnl)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(commit_steps); i++) {
		const struct sxf_commit_step *s = &commit_steps[i];

		if (s->rtnl != rtnl || !s->prepare)
			continue;
		err = s->prepare(c);
		if (err) {
			pr_debug("srxflow: commit step %s: error %d\n", s->name, err);
			commit_undo(c, i, rtnl);
			return err;
		}
	}
	return 0;
}

static void commit_apply(struct sxf_commit *c, bool rtnl)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(commit_steps); i++)
		if (commit_steps[i].rtnl == rtnl && commit_steps[i].apply)
			commit_steps[i].apply(c);
}

int sxf_cfg_commit(struct sxf_net *sn, struct sxf_txn *txn, bool check_only,
		   struct netlink_ext_ack *extack)
{
	struct sxf_commit c = { .sn = sn, .txn = txn, .cfg = txn->cfg, .extack = extack };
	struct sxf_cfg *cfg = txn->cfg;
	int err;

	cfg_defaults(cfg);
	if (cfg->flow.low_wm > cfg->flow.high_wm)
		return sxf_err(extack, NULL,
			       "security flow aging: low-watermark %u is above high-watermark %u",
			       cfg->flow.low_wm, cfg->flow.high_wm);
	err = sxf_policy_compile(cfg, extack);
	if (err)
		return err;
	err = sxf_screen_compile(sn, cfg, extack);
	if (err)
		return err;
	err = sxf_nat_compile(sn->net, cfg, extack);
	if (err)
		return err;
	if (check_only)
		return 0;

	/*
	 * A stale transaction changes nothing, not even the steps without
	 * undo below (hooks, defragmentation): sn->generation changes under
	 * txn_lock only, which the caller holds; the RTNL-side check stays.
	 */
	err = commit_generation_prepare(&c);
	if (err)
		return err;
	err = commit_prepare(&c, false);
	if (err)
		return err;

	rtnl_lock();
	c.old = rtnl_dereference(sn->cfg);
	err = commit_prepare(&c, true);
	if (!err) {
		cfg->generation = ++sn->generation;
		rcu_assign_pointer(sn->cfg, cfg);
		txn->cfg = NULL;	/* published: no longer the transaction's */
		commit_apply(&c, true);
	}
	rtnl_unlock();
	if (err) {
		commit_undo(&c, ARRAY_SIZE(commit_steps), false);
		return err;
	}

	commit_apply(&c, false);
	sxf_cfg_put(c.old);
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
