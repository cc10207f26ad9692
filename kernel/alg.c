// SPDX-License-Identifier: GPL-2.0
/*
 * ALGs: the stage of the first path (which session gets an ALG), the
 * dispatch of a control session's packets to its ALG, and the gates
 * (pinholes) an ALG opens for the data connections it reads about.
 *
 * Gates live in a per-namespace hash table outside the configuration
 * (they must survive commits), keyed by the data connection's destination
 * as the packet arrives.  Writers (open, consume, flush, expire) take
 * gates->lock with BHs off; the first path looks gates up under RCU and
 * takes the lock only to consume one.  A gate holds a reference of its
 * control session's struct sxf_alg_ctl, which the data session inherits.
 * Every path frees them: consumed, expired (ageing worker), control
 * session closed (closed event, every close path goes through it),
 * netns exit / rmmod (sxf_alg_net_exit after the sessions are gone).
 */
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "alg.h"
#include "config.h"
#include "trace.h"
#include "nat.h"

const char *const sxf_alg_names[SRXFLOW_ALG_MAX + 1] = {
	[SRXFLOW_ALG_NONE] = "none",
	[SRXFLOW_ALG_FTP] = "ftp",
	[SRXFLOW_ALG_TFTP] = "tftp",
};

int sxf_alg_net_init(struct sxf_net *sn)
{
	struct sxf_gates *g = kzalloc(sizeof(*g), GFP_KERNEL);
	int i;

	if (!g)
		return -ENOMEM;
	spin_lock_init(&g->lock);
	g->seed = get_random_u32();
	for (i = 0; i < SXF_GATE_BUCKETS; i++)
		INIT_HLIST_HEAD(&g->hash[i]);
	sn->gates = g;
	return 0;
}

static void ctl_put(struct sxf_alg_ctl *ctl)
{
	if (ctl && refcount_dec_and_test(&ctl->ref))
		kfree_rcu(ctl, rcu);
}

/* under g->lock: unlink, give back the counts, free after a grace period */
static void gate_unlink(struct sxf_gates *g, struct sxf_gate *gt)
{
	gt->dead = true;
	hlist_del_rcu(&gt->node);
	WRITE_ONCE(g->gen, g->gen + 1);
	atomic_dec(&g->count);
	atomic_dec(&gt->ctl->ngates);
	g->host[gt->host]--;
}

static void gate_free_rcu(struct rcu_head *head)
{
	struct sxf_gate *gt = container_of(head, struct sxf_gate, rcu);

	ctl_put(gt->ctl);
	kfree(gt);
}

/* which gates go: expired ones (ctl NULL, now), or all of ctl's */
static void gates_flush(struct sxf_net *sn, const struct sxf_alg_ctl *ctl, bool all,
			u32 algs)
{
	struct sxf_gates *g = sn->gates;
	u32 now = (u32)jiffies;
	struct hlist_node *tmp;
	struct sxf_gate *gt;
	int i;

	spin_lock_bh(&g->lock);
	for (i = 0; i < SXF_GATE_BUCKETS && atomic_read(&g->count); i++)
		hlist_for_each_entry_safe(gt, tmp, &g->hash[i], node) {
			if (all || (algs & BIT(gt->ctl->alg)) ||
			    (ctl ? gt->ctl == ctl : (s32)(now - gt->expires) >= 0)) {
				if (!ctl && !all && !(algs & BIT(gt->ctl->alg)))
					atomic64_inc(&g->cnt[gt->ctl->alg].gates_expired);
				gate_unlink(g, gt);
				call_rcu(&gt->rcu, gate_free_rcu);
			}
		}
	spin_unlock_bh(&g->lock);
}

/* the ageing worker (process context): expired gates */
void sxf_gates_gc(struct sxf_net *sn)
{
	if (sn->gates && atomic_read(&sn->gates->count))
		gates_flush(sn, NULL, false, 0);
}

/*
 * A generation was published (process context): `security alg X
 * disable` closes the gates X opened, as it stops opening new ones.
 */
void sxf_alg_apply(struct sxf_net *sn, const struct sxf_cfg *cfg)
{
	if (sn->gates && cfg->alg_disabled && atomic_read(&sn->gates->count))
		gates_flush(sn, NULL, false, cfg->alg_disabled);
}

/* after the sessions: nothing can open a gate any more */
void sxf_alg_net_exit(struct sxf_net *sn)
{
	if (!sn->gates)
		return;
	gates_flush(sn, NULL, true, 0);
	/* gate_free_rcu() puts the references: wait for it before freeing */
	rcu_barrier();
	kfree(sn->gates);
	sn->gates = NULL;
}

/* --- the first path ----------------------------------------------------------- */

/* the ALG of a matched application: application-protocol, unless disabled */
u8 sxf_alg_of_app(const struct sxf_cfg *cfg, const struct sxf_app *app)
{
	u8 alg;

	if (!app || !app->alg)
		return SRXFLOW_ALG_NONE;
	if (!strcmp(app->alg, "ftp"))
		alg = SRXFLOW_ALG_FTP;
	else if (!strcmp(app->alg, "tftp"))
		alg = SRXFLOW_ALG_TFTP;
	else
		return SRXFLOW_ALG_NONE;	/* ignore, or an ALG srxflow has not */
	return cfg->alg_disabled & BIT(alg) ? SRXFLOW_ALG_NONE : alg;
}

/* the ALG of a policy's `application any`: the predefined application's port */
u8 sxf_alg_of_port(const struct sxf_cfg *cfg, u8 proto, __be16 dport)
{
	u8 alg = SRXFLOW_ALG_NONE;

	if (proto == IPPROTO_TCP && dport == htons(21))
		alg = SRXFLOW_ALG_FTP;
	else if (proto == IPPROTO_UDP && dport == htons(69))
		alg = SRXFLOW_ALG_TFTP;
	return cfg->alg_disabled & BIT(alg) ? SRXFLOW_ALG_NONE : alg;
}

/* a control session: its shared state (no memory: no ALG, counted) */
bool sxf_alg_fp_control(struct sxf_ctx *c, struct sxf_alg_fp *a, u8 alg, u32 policy)
{
	struct sxf_alg_ctl *ctl;

	/* FTP: the state of its line reader (struct sxf_ftp_state) behind it */
	ctl = kzalloc(struct_size(ctl, ftp, alg == SRXFLOW_ALG_FTP), GFP_ATOMIC);
	if (!ctl) {
		SXF_ALG_CNT(c->sn, alg, gates_failed);
		return false;
	}
	refcount_set(&ctl->ref, 1);
	if (alg == SRXFLOW_ALG_FTP)
		spin_lock_init(&ctl->ftp->lock);
	ctl->alg = alg;
	ctl->policy = policy;
	a->ctl = ctl;
	a->role = SXF_ALG_CONTROL;
	a->alg = alg;
	return true;
}

/* (keyed per namespace: the peer chooses what it announces) */
static u32 gate_hash(const struct sxf_gates *g, u8 family, u8 proto, u32 vrf, const void *dst,
		     __be16 dport)
{
	u32 k[6] = { 0 };

	memcpy(k, dst, family == AF_INET ? 4 : 16);
	k[4] = (__force u32)dport | (u32)proto << 16 | (u32)family << 24;
	k[5] = vrf;
	return jhash2(k, 6, g->seed) % SXF_GATE_BUCKETS;
}

static bool addr_eq(u8 family, const void *a, const void *b)
{
	return !memcmp(a, b, family == AF_INET ? 4 : 16);
}

u16 sxf_alg_ifzone(const struct sxf_ifmap *m, int ifindex)
{
	const struct sxf_ifent *e = sxf_ifmap_lookup(m, ifindex);

	return e ? e->zone : SXF_ZONE_NONE;
}

/*
 * The first packet of a flow without session (softirq, RCU): does a gate
 * announce it?  Then the gate is consumed (one data connection per
 * announcement), its reference moves to a, and xt (the packet after
 * destination NAT) gets the gate's translated destination.  The packet
 * must arrive in the zone the control session's peer is in: a host of
 * another zone with the peer's address (no strict rp_filter) neither
 * opens the data connection nor uses up its gate.  Where it goes is
 * checked against the gate's to_ifindex once routed (first_path.c).
 */
bool sxf_gate_match(struct sxf_ctx *c, const struct sxf_tuple *t, struct sxf_alg_fp *a,
		    struct sxf_tuple *xt)
{
	struct sxf_gates *g = c->sn->gates;
	u32 h, now = (u32)jiffies;
	struct sxf_gate *gt;
	char s1[48], s2[48];

	if (!atomic_read(&g->count) || (t->proto != IPPROTO_TCP && t->proto != IPPROTO_UDP))
		return false;
	h = gate_hash(g, t->family, t->proto, t->vrf, &t->dst, t->dport);
	hlist_for_each_entry_rcu(gt, &g->hash[h], node) {
		if (gt->family != t->family || gt->proto != t->proto || gt->vrf != t->vrf ||
		    gt->dport != t->dport || !addr_eq(t->family, &gt->dst, &t->dst) ||
		    (!gt->any_src && !addr_eq(t->family, &gt->src, &t->src)) ||
		    (s32)(now - gt->expires) >= 0)
			continue;
		if (sxf_alg_ifzone(c->ifmap, gt->from_ifindex) != c->ifent->zone) {
			/* (freed after a grace period: ctl_put()) */
			const struct sxf_alg_ctl *ctl = READ_ONCE(gt->ctl);

			if (ctl)
				SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
					  "alg_gate_match: %s gate of session %llu: %s/%u from zone %s, not its peer's: not its data connection",
					  sxf_alg_names[ctl->alg], ctl->parent_id,
					  sxf_ntop(t->family, &t->src, s1), ntohs(t->sport),
					  sxf_zone_name(c->cfg, c->ifent->zone));
			continue;
		}
		spin_lock_bh(&g->lock);
		/*
		 * Not one another CPU took (its node still leads on), nor one
		 * of a control session that is closing (ctl_close() flushes
		 * its gates after it sets closed, under this lock), nor one of
		 * an ALG this packet's generation disables (a packet of the
		 * previous one may have opened it after the commit's flush)
		 */
		if (gt->dead || READ_ONCE(gt->ctl->closed) || (c->cfg->alg_disabled & BIT(gt->ctl->alg))) {
			spin_unlock_bh(&g->lock);
			continue;
		}
		gate_unlink(g, gt);
		spin_unlock_bh(&g->lock);
		a->ctl = gt->ctl;		/* the gate's reference */
		WRITE_ONCE(gt->ctl, NULL);
		a->role = SXF_ALG_DATA;
		a->alg = a->ctl->alg;
		a->to_ifindex = gt->to_ifindex;
		memcpy(&xt->dst, &gt->xdst, sizeof(gt->xdst));
		xt->dport = gt->xdport;
		kfree_rcu(gt, rcu);
		SXF_ALG_CNT(c->sn, a->alg, gates_used);
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
			  "alg_gate_match: %s gate of session %llu: %s/%u -> %s/%u, data session of the parent",
			  sxf_alg_names[a->alg], a->ctl->parent_id,
			  sxf_ntop(t->family, &t->src, s1), ntohs(t->sport),
			  sxf_ntop(t->family, &xt->dst, s2), ntohs(xt->dport));
		return true;
	}
	return false;
}

/*
 * Source NAT proposes t for a new session's reply wing (RCU): does a live
 * gate wait for a data connection to that address and port from that
 * source (any source port)?  Then PAT takes another port: the data
 * connection, whose source port is not known, must not find a session of
 * another flow (see sxf_session_insert_nat()).
 */
bool sxf_gate_claims(struct sxf_net *sn, const struct sxf_tuple *t)
{
	struct sxf_gates *g = sn->gates;
	u32 h, now = (u32)jiffies;
	struct sxf_gate *gt;

	if (!g || !atomic_read(&g->count))
		return false;
	h = gate_hash(g, t->family, t->proto, t->vrf, &t->dst, t->dport);
	hlist_for_each_entry_rcu(gt, &g->hash[h], node)
		if (gt->family == t->family && gt->proto == t->proto && gt->vrf == t->vrf &&
		    gt->dport == t->dport && addr_eq(t->family, &gt->dst, &t->dst) &&
		    (gt->any_src || addr_eq(t->family, &gt->src, &t->src)) &&
		    (s32)(now - gt->expires) < 0 && !READ_ONCE(gt->dead))
			return true;
	return false;
}

void sxf_alg_fp_attach(struct sxf_alg_fp *a, struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);

	if (!a->ctl || !x)
		return;
	refcount_inc(&a->ctl->ref);
	x->alg.ctl = a->ctl;
	x->alg.role = a->role;
	x->alg.alg = a->alg;
}

/*
 * The control session of ctl is installed (first path, RCU): its source
 * translation, for its data sessions.  Before the first path forwards its
 * first packet, so before any gate of it.
 */
void sxf_alg_ctl_installed(struct sxf_alg_ctl *ctl, const struct sxf_session *s)
{
	size_t alen = s->w[0].t.family == AF_INET ? 4 : 16;

	if (!(READ_ONCE(s->flags) & SXF_SF_SNAT))
		return;
	ctl->family = s->w[0].t.family;
	memcpy(&ctl->isrc, &s->w[0].t.src, alen);
	memcpy(&ctl->xsrc, &s->w[1].t.dst, alen);
	/* the addresses before the flag: sxf_alg_follow_addr() acquires it */
	smp_store_release(&ctl->xsrc_set, true);
}

/*
 * The address source NAT gives a data session of ctl whose first packet
 * is t: the control session's translated source when t comes from the
 * control session's client (passive FTP), else NULL (the rules choose).
 * As nf_nat_follow_master().
 */
const void *sxf_alg_follow_addr(const struct sxf_alg_ctl *ctl, const struct sxf_tuple *t)
{
	/* the flag before the addresses sxf_alg_ctl_installed() released */
	if (!smp_load_acquire(&ctl->xsrc_set) || ctl->family != t->family ||
	    !addr_eq(t->family, &ctl->isrc, &t->src))
		return NULL;
	return &ctl->xsrc;
}

/*
 * A control session ends: its gates go, and no gate of ctl can be added
 * after (closed is set under the lock sxf_gate_open() checks it under, so
 * no gate is added after n is read).  Its data sessions go too (fast path,
 * ageing worker).
 */
static void ctl_close(struct sxf_net *sn, struct sxf_alg_ctl *ctl)
{
	struct sxf_gates *g = sn->gates;
	int n;

	spin_lock_bh(&g->lock);
	WRITE_ONCE(ctl->closed, true);
	n = atomic_read(&ctl->ngates);
	spin_unlock_bh(&g->lock);
	if (n)
		gates_flush(sn, ctl, false, 0);
}

/*
 * The session the first path attached a to was freed unlinked, with no
 * closed event (its second wing could not be linked).  Its first wing was
 * visible meanwhile, so another CPU's packet may have opened a gate of a
 * control session on it: closed as a closed event would.
 */
void sxf_alg_fp_detach(struct sxf_net *sn, struct sxf_alg_fp *a)
{
	if (a->role == SXF_ALG_CONTROL)
		ctl_close(sn, a->ctl);
	ctl_put(a->ctl);	/* the reference the freed session held */
}

/* the one exit of the first path */
void sxf_alg_fp_done(struct sxf_alg_fp *a)
{
	ctl_put(a->ctl);
	a->ctl = NULL;
}

/* --- sessions ------------------------------------------------------------------- */

void sxf_alg_session_closed(struct sxf_net *sn, struct sxf_session *s)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	struct sxf_alg_ctl *ctl = x ? x->alg.ctl : NULL;

	if (!ctl)
		return;
	if (x->alg.role == SXF_ALG_CONTROL)
		ctl_close(sn, ctl);
	else if (s->close_reason == SXF_CLOSE_PARENT)
		SXF_ALG_CNT(sn, ctl->alg, children);
	/* the session is freed after a grace period: readers may still look */
	ctl_put(ctl);
}

/*
 * May a gate of ctl for src -> dst:dport go in bucket h (g->lock)?  0: yes;
 * 1: ctl's gate for this announcement is there already (refreshed);
 * -EADDRINUSE: a live gate of another announcement would take the same
 * data connection.
 */
static int gate_slot(struct sxf_gates *g, u32 h, const struct sxf_gate *new, u32 now)
{
	struct sxf_gate *old;

	hlist_for_each_entry(old, &g->hash[h], node) {
		if (old->dead || old->family != new->family || old->proto != new->proto ||
		    old->vrf != new->vrf || old->dport != new->dport ||
		    !addr_eq(new->family, &old->dst, &new->dst))
			continue;
		/* the same announcement again (a retransmission): refresh it */
		if (old->ctl == new->ctl && old->xdport == new->xdport &&
		    addr_eq(new->family, &old->xdst, &new->xdst)) {
			old->expires = new->expires;
			return 1;
		}
		if ((s32)(now - old->expires) < 0 &&
		    (old->any_src || new->any_src || addr_eq(new->family, &old->src, &new->src)))
			return -EADDRINUSE;
	}
	return 0;
}

/* the slot of the control session's client (its initiator, as it arrived) */
static u16 gate_host(const struct sxf_gates *g, const struct sxf_tuple *t)
{
	u32 h = jhash(&t->src, t->family == AF_INET ? 4 : 16, g->seed ^ t->vrf);

	return h & (SXF_GATE_HOSTS - 1);
}

/* the next port to try for a remapped gate: never a well-known one */
static __be16 gate_next_port(__be16 port)
{
	u16 p = ntohs(port);

	return htons(p >= 65535 || p < 1024 ? 1024 : p + 1);
}

int sxf_gate_open(struct sxf_net *sn, struct sxf_session *s, int from_dir, u8 proto, u32 vrf,
		  const void *src, const void *dst, __be16 *dport,
		  const void *xdst, __be16 xdport, bool remap)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	struct sxf_alg_ctl *ctl = x->alg.ctl;
	struct sxf_gates *g = sn->gates;
	u8 family = s->w[0].t.family;
	size_t alen = family == AF_INET ? 4 : 16;
	u32 h, now = (u32)jiffies;
	struct sxf_gate *gt;
	int tries, err;

	if (READ_ONCE(ctl->closed) || !*dport)
		return -EINVAL;
	gt = kzalloc(sizeof(*gt), GFP_ATOMIC);
	if (!gt) {
		SXF_ALG_CNT(sn, ctl->alg, gates_failed);
		return -ENOMEM;
	}
	gt->family = family;
	gt->proto = proto;
	gt->vrf = vrf;
	gt->any_src = !src;
	if (src)
		memcpy(&gt->src, src, alen);
	memcpy(&gt->dst, dst, alen);
	memcpy(&gt->xdst, xdst, alen);
	gt->dport = *dport;
	gt->xdport = xdport;
	gt->ctl = ctl;		/* (compared only until it is published) */
	gt->from_ifindex = READ_ONCE(s->w[from_dir].ifindex);
	gt->to_ifindex = READ_ONCE(s->w[!from_dir].ifindex);
	gt->expires = now + SXF_GATE_TIMEOUT * HZ;
	gt->host = gate_host(g, &s->w[0].t);

	spin_lock_bh(&g->lock);
	/*
	 * The announced port first; with remap, the ports after it, as
	 * nf_nat_ftp does, until one is free.  ctl's own gate for the same
	 * announcement is met first on the way: the same port again.
	 */
	for (tries = remap ? SXF_GATE_REMAP_TRIES : 1; ; gt->dport = gate_next_port(gt->dport)) {
		h = gate_hash(g, family, proto, vrf, dst, gt->dport);
		err = gate_slot(g, h, gt, now);
		if (err >= 0 || !--tries)
			break;
	}
	if (err) {
		spin_unlock_bh(&g->lock);
		*dport = gt->dport;
		kfree(gt);
		if (err > 0)
			return 0;
		SXF_ALG_CNT(sn, ctl->alg, gates_failed);
		return err;
	}
	*dport = gt->dport;
	/* a closed control session flushed its gates under this lock */
	if (READ_ONCE(ctl->closed)) {
		spin_unlock_bh(&g->lock);
		kfree(gt);
		return -EINVAL;
	}
	if (atomic_read(&g->count) >= SXF_GATES_MAX ||
	    atomic_read(&ctl->ngates) >= SXF_GATES_PER_SESSION ||
	    g->host[gt->host] >= SXF_GATES_PER_HOST) {
		spin_unlock_bh(&g->lock);
		kfree(gt);
		goto fail;
	}
	/*
	 * (A session of the first path that failed to link drops its
	 * references after closing ctl: never 0 here while ctl is open.)
	 */
	if (WARN_ON_ONCE(!refcount_inc_not_zero(&ctl->ref))) {
		spin_unlock_bh(&g->lock);
		kfree(gt);
		goto fail;
	}
	atomic_inc(&ctl->ngates);
	atomic_inc(&g->count);
	g->host[gt->host]++;
	hlist_add_head_rcu(&gt->node, &g->hash[h]);
	WRITE_ONCE(g->gen, g->gen + 1);
	spin_unlock_bh(&g->lock);
	SXF_ALG_CNT(sn, ctl->alg, gates_opened);
	return 0;
fail:
	SXF_ALG_CNT(sn, ctl->alg, gates_failed);
	return -ENOSPC;
}

/* the fast path of a control session: 0 or a drop reason */
int sxf_alg_packet(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		   struct sxf_wing *w, bool passed)
{
	struct sxf_session_ext *x = sxf_session_ext(s);

	if (!x || x->alg.role != SXF_ALG_CONTROL || c->pkt.icmp_err)
		return 0;
	/*
	 * The ALG was disabled since the session began: no more gates (its
	 * gates went with the commit: sxf_alg_apply()); FTP still rewrites
	 * the retransmission of an address it rewrote.  So for a segment
	 * the TCP tracker passed without proof that its sender knows the
	 * connection (an old or blind one, as nf_conntrack's helpers never
	 * read what tcp_in_window() did not accept): it opens no gate and
	 * moves the stream nowhere.
	 */
	if (passed || (c->cfg->alg_disabled & BIT(x->alg.alg)))
		return x->alg.alg == SRXFLOW_ALG_FTP ?
		       sxf_alg_ftp(c, skb, s, w, passed ? SXF_FTP_REPLAY : SXF_FTP_FOLLOW) : 0;
	switch (x->alg.alg) {
	case SRXFLOW_ALG_FTP:
		return sxf_alg_ftp(c, skb, s, w, SXF_FTP_READ);
	case SRXFLOW_ALG_TFTP:
		sxf_alg_tftp(c, skb, s, w);
		break;
	}
	return 0;
}

/* --- netlink ---------------------------------------------------------------- */

int sxf_nl_alg_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = sxf_pernet(genl_info_net(info));
	int i;

	for (i = 0; i <= SRXFLOW_ALG_MAX; i++) {
		struct sxf_alg_counters *k = &sn->gates->cnt[i];

		atomic64_set(&k->sessions, 0);
		atomic64_set(&k->messages, 0);
		atomic64_set(&k->unparsable, 0);
		atomic64_set(&k->rewrites, 0);
		atomic64_set(&k->gates_opened, 0);
		atomic64_set(&k->gates_used, 0);
		atomic64_set(&k->gates_expired, 0);
		atomic64_set(&k->gates_failed, 0);
		atomic64_set(&k->children, 0);
	}
	return 0;
}

int sxf_nl_alg_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = sxf_pernet(genl_info_net(info));
	struct sxf_gates *g = sn->gates;
	const struct sxf_cfg *cfg;
	struct sk_buff *msg;
	u32 ngates[SRXFLOW_ALG_MAX + 1] = { 0 };
	u8 disabled;
	void *hdr;
	int alg, i;
	struct sxf_gate *gt;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	disabled = cfg ? cfg->alg_disabled : 0;
	for (i = 0; i < SXF_GATE_BUCKETS; i++)
		hlist_for_each_entry_rcu(gt, &g->hash[i], node) {
			struct sxf_alg_ctl *ctl = READ_ONCE(gt->ctl);

			if (ctl && ctl->alg <= SRXFLOW_ALG_MAX)
				ngates[ctl->alg]++;
		}
	rcu_read_unlock();

	hdr = sxf_nl_put_reply(&msg, info, SRXFLOW_CMD_ALG_GET);
	if (!hdr)
		return -ENOMEM;
	for (alg = SRXFLOW_ALG_FTP; alg <= SRXFLOW_ALG_MAX; alg++) {
		struct sxf_alg_counters *k = &g->cnt[alg];
		struct nlattr *n = nla_nest_start(msg, SRXFLOW_A_ALG_INFO);

		if (!n ||
		    nla_put_u8(msg, SRXFLOW_A_ALGI_ALG, alg) ||
		    nla_put_u8(msg, SRXFLOW_A_ALGI_ENABLED, !(disabled & BIT(alg))) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_SESSIONS, atomic64_read(&k->sessions), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_MESSAGES, atomic64_read(&k->messages), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_UNPARSABLE, atomic64_read(&k->unparsable), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_REWRITES, atomic64_read(&k->rewrites), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_GATES_OPENED, atomic64_read(&k->gates_opened), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_GATES_USED, atomic64_read(&k->gates_used), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_GATES_EXPIRED, atomic64_read(&k->gates_expired), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_GATES_FAILED, atomic64_read(&k->gates_failed), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u64_64bit(msg, SRXFLOW_A_ALGI_CHILDREN, atomic64_read(&k->children), SRXFLOW_A_ALGI_PAD) ||
		    nla_put_u32(msg, SRXFLOW_A_ALGI_GATES, ngates[alg])) {
			nlmsg_free(msg);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, n);
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int put_addr(struct sk_buff *skb, int attr, u8 family, const void *a, bool any)
{
	struct srxflow_prefix p = { .family = family };

	if (!any) {
		memcpy(p.addr, a, family == AF_INET ? 4 : 16);
		p.plen = family == AF_INET ? 32 : 128;
	}
	return nla_put(skb, attr, sizeof(p), &p);
}

/*
 * cb->args[0]: bucket, cb->args[1]: gates of that bucket passed.  A gate
 * linked or unlinked between two parts of the dump moves the position in
 * its bucket: the generation in cb->seq marks such a dump interrupted
 * (NLM_F_DUMP_INTR), and the CLI reads it again.
 */
int sxf_nl_gate_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sxf_net *sn = sxf_pernet(sock_net(skb->sk));
	struct sxf_gates *g = sn->gates;
	u32 now = (u32)jiffies;
	const struct sxf_cfg *cfg;
	long b, skip;
	int err = 0;

	/* (+1: 0 is "unset" to nl_dump_check_consistent()) */
	cb->seq = READ_ONCE(g->gen) + 1;
	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	for (b = cb->args[0]; b < SXF_GATE_BUCKETS; b++, cb->args[1] = 0) {
		struct sxf_gate *gt;

		skip = cb->args[1];
		hlist_for_each_entry_rcu(gt, &g->hash[b], node) {
			struct sxf_alg_ctl *ctl = READ_ONCE(gt->ctl);
			struct nlattr *n;
			void *hdr;
			s32 left = (s32)(gt->expires - now);

			if (skip-- > 0)
				continue;
			if (!ctl || gt->dead)
				goto next;
			hdr = sxf_nl_dump_hdr(skb, cb, SRXFLOW_CMD_GATE_GET);
			if (!hdr) {
				err = -EMSGSIZE;
				goto out;
			}
			genl_dump_check_consistent(cb, hdr);
			n = nla_nest_start(skb, SRXFLOW_A_GATE);
			if (!n ||
			    put_addr(skb, SRXFLOW_A_GATE_SRC, gt->family, &gt->src, gt->any_src) ||
			    put_addr(skb, SRXFLOW_A_GATE_DST, gt->family, &gt->dst, false) ||
			    put_addr(skb, SRXFLOW_A_GATE_XDST, gt->family, &gt->xdst, false) ||
			    nla_put_u16(skb, SRXFLOW_A_GATE_SPORT, 0) ||
			    nla_put_u16(skb, SRXFLOW_A_GATE_DPORT, ntohs(gt->dport)) ||
			    nla_put_u16(skb, SRXFLOW_A_GATE_XDPORT, ntohs(gt->xdport)) ||
			    nla_put_u8(skb, SRXFLOW_A_GATE_PROTOCOL, gt->proto) ||
			    nla_put_u8(skb, SRXFLOW_A_GATE_ALG, ctl->alg) ||
			    nla_put_u32(skb, SRXFLOW_A_GATE_AGE, left > 0 ? (u32)left / HZ : 0) ||
			    nla_put_u64_64bit(skb, SRXFLOW_A_GATE_PARENT, ctl->parent_id, SRXFLOW_A_GATE_PAD) ||
			    (cfg && nla_put_string(skb, SRXFLOW_A_GATE_ZONE,
						   sxf_zone_name(cfg, sxf_alg_ifzone(rcu_dereference(cfg->ifmap),
										     gt->from_ifindex))))) {
				genlmsg_cancel(skb, hdr);
				err = -EMSGSIZE;
				goto out;
			}
			nla_nest_end(skb, n);
			genlmsg_end(skb, hdr);
next:
			cb->args[1]++;
		}
		cb->args[0] = b + 1;
	}
out:
	rcu_read_unlock();
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}
