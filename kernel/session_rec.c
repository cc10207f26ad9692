// SPDX-License-Identifier: GPL-2.0
/*
 * Compact session records (SRXFLOW_SESS_FORMAT_REC1): the session dump in
 * one fixed-layout attribute per session (struct srxflow_sess_rec) instead
 * of a nest of ~45 attributes, with the names a session refers to (policy,
 * application, zones, interfaces, TCP state) sent once per dump by index
 * (SRXFLOW_A_SESS_NAME).  A million sessions are dumped in seconds instead of
 * tens of seconds; see Documentation/performance.rst.
 *
 * The name cache belongs to one dump (struct sxf_rec_names, allocated by the
 * dump's start callback, used by its dumpit callbacks, which netlink runs one
 * at a time under the socket's callback mutex): no locking.  It is keyed by
 * the string's address, plus the interface index for interface labels (a
 * device that went away and another that took its memory are told apart).
 * The strings are the configuration generation's (held by the dump), string
 * literals, or a device's name read under RCU as the attribute dump does.
 * When it is three quarters full the cache starts over: later records
 * define their names again, with indices that may already have been used
 * for other strings (the reader keeps the latest definition of an index).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/hash.h>
#include <linux/netdevice.h>
#include <net/netlink.h>
#include <net/route.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"
#include "engine.h"
#include "session_rec.h"

#define SXF_REC_SLOTS_BITS	9
#define SXF_REC_SLOTS		(1 << SXF_REC_SLOTS_BITS)
#define SXF_REC_MAX_USED	(SXF_REC_SLOTS * 3 / 4)
/* names one record can define: policy, app, 2 zones, TCP state, 4 interfaces */
#define SXF_REC_MAX_PEND	9

/* the name fields of a record, each with a memo of its last name */
enum {
	SXF_RN_POLICY, SXF_RN_APP, SXF_RN_FROM, SXF_RN_TO, SXF_RN_TCP,
	SXF_RN_IF0, SXF_RN_IF1, SXF_RN_OUT0, SXF_RN_OUT1, SXF_RN_MAX
};

struct sxf_rec_slot {
	const char *p;		/* NULL: empty */
	u32 tag;		/* interface index for interface labels, else 0 */
	u16 idx;
};

/* what an interface index resolves to, for one message (rec_if()) */
struct sxf_rec_if {
	int ifindex;			/* 0: empty */
	const struct net_device *dev;	/* NULL: no such device */
	const char *label;		/* sxf_dev_label() of dev, or NULL */
	const char *zone;		/* zone of the index, "" if none */
};

#define SXF_REC_IFC		8

/*
 * The interface names and zones of the last record, by what they depend on:
 * the wings' interface indices and self flags and their routes' devices.
 * The next session of a table usually has the same (one pair of interfaces,
 * one route): it takes the indices without looking anything up.
 */
struct sxf_rec_memo {
	int ifindex[2];
	const struct net_device *out[2];
	u8 self[2];
	u16 from, to, ifname[2], out_ifname[2];
};

struct sxf_rec_names {
	u32 used;
	u32 now;		/* jiffies, and */
	u64 real;		/* CLOCK_REALTIME seconds, at the start of the message */
	u32 nifc, ifc_next;	/* entries of ifc[] in use, the next to replace */
	bool memo_ok;		/* memo holds a record of this message's names */
	struct sxf_rec_memo memo;
	struct sxf_rec_if ifc[SXF_REC_IFC];
	u16 next;		/* next index to define */
	/*
	 * per field, the name it had in the last record (a table repeats
	 * them: the same policy, zones, interfaces); only names already
	 * defined (in slot[]), cleared when the cache starts over
	 */
	struct sxf_rec_slot last[SXF_RN_MAX];
	struct sxf_rec_slot slot[SXF_REC_SLOTS];
};

/* names defined by the record being built: kept only if the record fits */
struct rec_ctx {
	struct sxf_rec_names *nm;
	struct sk_buff *skb;
	int npend;
	u16 next;
	struct sxf_rec_slot pend[SXF_REC_MAX_PEND];
};

struct sxf_rec_names *sxf_rec_names_alloc(void)
{
	struct sxf_rec_names *nm = kzalloc(sizeof(*nm), GFP_KERNEL);

	if (nm)
		nm->next = 1;
	return nm;
}

void sxf_rec_names_free(struct sxf_rec_names *nm)
{
	kfree(nm);
}

static u32 slot_hash(const char *p, u32 tag)
{
	return hash_ptr(p, SXF_REC_SLOTS_BITS) ^ (tag & (SXF_REC_SLOTS - 1));
}

/* index of string p (0 for none or ""), defining it in this message if new */
static int name_idx(struct rec_ctx *c, int field, const char *p, u32 tag, u16 *idx)
{
	struct sxf_rec_names *nm = c->nm;
	struct sxf_rec_slot *last = &nm->last[field];
	struct srxflow_sess_name *n;
	struct nlattr *a;
	size_t len;
	u32 i;
	int k;

	*idx = 0;
	if (!p || !*p)
		return 0;
	for (i = slot_hash(p, tag);; i = (i + 1) & (SXF_REC_SLOTS - 1)) {
		if (!nm->slot[i].p)
			break;
		if (nm->slot[i].p == p && nm->slot[i].tag == tag) {
			*last = nm->slot[i];
			*idx = nm->slot[i].idx;
			return 0;
		}
	}
	for (k = 0; k < c->npend; k++) {
		if (c->pend[k].p == p && c->pend[k].tag == tag) {
			*idx = c->pend[k].idx;
			return 0;
		}
	}
	if (WARN_ON_ONCE(c->npend == SXF_REC_MAX_PEND))
		return -EINVAL;
	len = strnlen(p, SRXFLOW_NAME_MAX * 4);
	a = nla_reserve(c->skb, SRXFLOW_A_SESS_NAME, sizeof(*n) + len + 1);
	if (!a)
		return -EMSGSIZE;
	n = nla_data(a);
	n->index = c->next;
	n->pad = 0;
	memcpy(n->name, p, len);
	n->name[len] = '\0';
	c->pend[c->npend++] = (struct sxf_rec_slot){ .p = p, .tag = tag, .idx = c->next };
	*idx = c->next++;
	return 0;
}

/* name_idx(), the common case inline: the field's name is the last record's */
static __always_inline int name_ref(struct rec_ctx *c, int field, const char *p, u32 tag,
				    u16 *idx)
{
	const struct sxf_rec_slot *last = &c->nm->last[field];

	if (likely(last->p == p && last->tag == tag && p)) {
		*idx = last->idx;
		return 0;
	}
	return name_idx(c, field, p, tag, idx);
}

/* the record fitted: its new names are defined from now on */
static void names_commit(struct rec_ctx *c)
{
	struct sxf_rec_names *nm = c->nm;
	int k;

	for (k = 0; k < c->npend; k++) {
		u32 i = slot_hash(c->pend[k].p, c->pend[k].tag);

		while (nm->slot[i].p)
			i = (i + 1) & (SXF_REC_SLOTS - 1);
		nm->slot[i] = c->pend[k];
		nm->used++;
	}
	nm->next = c->next;
}

/*
 * The interfaces of one message: what a session's interface indices resolve
 * to (the device, its label, the zone of the index), looked up once per
 * message instead of twice per wing.  Emptied at the start of every message
 * (sxf_rec_dump_begin()), so every device pointer in it was found in the RCU
 * read-side section of the message that uses it.  Searched in the order the
 * indices were first met (a table has few interfaces; a hash of the index
 * made two of them share a slot); when full, entries are replaced in turn.
 */
static struct sxf_rec_if *rec_if(struct sxf_rec_names *nm, struct net *net,
				 const struct sxf_cfg *cfg, int ifindex)
{
	const struct sxf_ifent *ent;
	struct sxf_rec_if *e;
	u32 i;

	for (i = 0; i < nm->nifc; i++)
		if (nm->ifc[i].ifindex == ifindex)
			return &nm->ifc[i];
	if (nm->nifc < SXF_REC_IFC)
		e = &nm->ifc[nm->nifc++];
	else
		e = &nm->ifc[nm->ifc_next++ % SXF_REC_IFC];
	ent = sxf_ifmap_lookup(rcu_dereference(cfg->ifmap), ifindex);
	e->ifindex = ifindex;
	e->zone = ent ? sxf_zone_name(cfg, ent->zone) : "";
	e->dev = dev_get_by_index_rcu(net, ifindex);
	e->label = e->dev ? sxf_dev_label(cfg, e->dev) : NULL;
	return e;
}

/* zone of the interface a wing's packets arrive on, as sxf_nl_wing_zone() */
static const char *rec_zone(struct sxf_rec_names *nm, struct net *net, const struct sxf_cfg *cfg,
			    const struct sxf_session *s, int dir)
{
	const struct sxf_wing *w = &s->w[dir];
	const struct dst_entry *dst;
	int ifindex = w->ifindex;

	if (w->flags & SXF_WF_SELF)
		return "junos-host";
	if (!ifindex) {
		dst = READ_ONCE(s->w[!dir].dst);
		if (dst)
			ifindex = dst->dev->ifindex;
	}
	return ifindex > 0 ? rec_if(nm, net, cfg, ifindex)->zone : "";
}

/* a wing's route (read once) and name indices, found before its record is reserved */
struct rec_wing {
	const struct dst_entry *dst;
	u16 ifname, out_ifname;
};

static int rec_wing_names(struct rec_ctx *c, struct net *net, const struct sxf_cfg *cfg,
			  const struct sxf_wing *w, struct rec_wing *rw)
{
	const struct dst_entry *dst = rw->dst;
	const char *label = NULL;
	int err;

	if (w->ifindex > 0)
		label = rec_if(c->nm, net, cfg, w->ifindex)->label;
	if (!label && (w->flags & SXF_WF_SELF))
		label = ".local..0";
	err = name_ref(c, SXF_RN_IF0 + w->dir, label, w->ifindex, &rw->ifname);
	rw->out_ifname = 0;
	if (err || !dst)
		return err;
	label = NULL;
	if (dst->dev->ifindex > 0) {
		struct sxf_rec_if *e = rec_if(c->nm, net, cfg, dst->dev->ifindex);

		if (e->dev == dst->dev)
			label = e->label;
	}
	if (!label)
		label = sxf_dev_label(cfg, dst->dev);
	return name_ref(c, SXF_RN_OUT0 + w->dir, label, dst->dev->ifindex, &rw->out_ifname);
}

static void rec_wing_fill(struct net *net, const struct sxf_session *s, u32 flags,
			  const struct sxf_wing *w, const struct rec_wing *nw,
			  struct srxflow_sess_rec_wing *rw)
{
	/* the VRF whose table the route came from, as sxf_nl_route_vrf() */
	u32 vrf = sxf_wing_route_vrf(s, w, flags);
	bool v4 = w->t.family == AF_INET;

	rw->dir = w->dir;
	rw->family = w->t.family;
	if (v4) {
		memcpy(rw->src, &w->t.src.v4, 4);
		memcpy(rw->dst, &w->t.dst.v4, 4);
	} else {
		memcpy(rw->src, &w->t.src.v6, 16);
		memcpy(rw->dst, &w->t.dst.v6, 16);
	}
	rw->sport = ntohs(w->t.sport);
	rw->dport = ntohs(w->t.dport);
	rw->protocol = w->t.proto;
	rw->ifindex = w->ifindex;
	rw->vrf = w->t.vrf;
	rw->table = vrf ? sxf_vrf_table(net, vrf) : RT_TABLE_MAIN;
	rw->packets = atomic64_read(&w->pkts);
	rw->bytes = atomic64_read(&w->bytes);
	rw->ifname = nw->ifname;
	if (!nw->dst)
		return;
	rw->route = sxf_route_handle(w);
	rw->out_ifname = nw->out_ifname;
	rw->gw_family = w->t.family;
	if (v4) {
		/* sxf_route_gateway(), IPv4: the gateway, else the destination */
		const struct rtable *rt = (const struct rtable *)nw->dst;

		memcpy(rw->gateway, rt->rt_gw_family == AF_INET ? &rt->rt_gw4 : &w->t.dst.v4, 4);
	} else {
		struct srxflow_prefix gw;

		sxf_route_gateway(w, &gw);
		rw->gw_family = gw.family;
		memcpy(rw->gateway, gw.addr, sizeof(rw->gateway));
	}
}

void sxf_rec_dump_begin(struct sxf_rec_names *nm)
{
	nm->now = (u32)jiffies;
	nm->real = ktime_get_real_seconds();
	nm->nifc = 0;
	nm->memo_ok = false;
}

int sxf_nl_put_session_rec(struct sk_buff *skb, struct net *net, const struct sxf_cfg *cfg,
			   const struct sxf_session *s, struct sxf_rec_names *nm)
{
	struct rec_ctx c = { .nm = nm, .skb = skb };
	unsigned char *mark = skb_tail_pointer(skb);
	u32 flags = READ_ONCE(s->flags);
	s32 left = (s32)(READ_ONCE(s->expires) - nm->now);
	u16 pname_idx, app_idx, from_idx, to_idx, tcp_idx = 0;
	const struct sxf_policy *p;
	struct srxflow_sess_rec *r;
	struct sxf_rec_memo key;
	struct rec_wing w0, w1;
	bool remember = false;
	const char *pname;
	struct nlattr *a;
	int err;

	/* room for this record's names; the reader keeps the latest definitions */
	if (nm->used >= SXF_REC_MAX_USED || nm->next > U16_MAX - SXF_REC_MAX_PEND) {
		memset(nm->slot, 0, sizeof(nm->slot));
		memset(nm->last, 0, sizeof(nm->last));
		nm->used = 0;
		nm->next = 1;
		nm->memo_ok = false;
	}
	c.next = nm->next;
	pname = sxf_nl_session_policy(cfg, s, &p);
	/* the names first: a record follows the definitions of its names */
	err = name_ref(&c, SXF_RN_POLICY, pname, 0, &pname_idx) ?:
	      name_ref(&c, SXF_RN_APP, sxf_nl_session_app(p, s), 0, &app_idx) ?:
	      (s->w[0].t.proto == IPPROTO_TCP ?
	       name_ref(&c, SXF_RN_TCP, sxf_tcp_state_name(s->tcp_state), 0, &tcp_idx) : 0);
	if (err)
		goto cancel;
	w0.dst = READ_ONCE(s->w[0].dst);
	w1.dst = READ_ONCE(s->w[1].dst);
	key.ifindex[0] = s->w[0].ifindex;
	key.ifindex[1] = s->w[1].ifindex;
	key.out[0] = w0.dst ? w0.dst->dev : NULL;
	key.out[1] = w1.dst ? w1.dst->dev : NULL;
	key.self[0] = s->w[0].flags & SXF_WF_SELF;
	key.self[1] = s->w[1].flags & SXF_WF_SELF;
	if (nm->memo_ok && key.ifindex[0] == nm->memo.ifindex[0] &&
	    key.ifindex[1] == nm->memo.ifindex[1] && key.out[0] == nm->memo.out[0] &&
	    key.out[1] == nm->memo.out[1] && key.self[0] == nm->memo.self[0] &&
	    key.self[1] == nm->memo.self[1]) {
		from_idx = nm->memo.from;
		to_idx = nm->memo.to;
		w0.ifname = nm->memo.ifname[0];
		w1.ifname = nm->memo.ifname[1];
		w0.out_ifname = nm->memo.out_ifname[0];
		w1.out_ifname = nm->memo.out_ifname[1];
	} else {
		err = name_ref(&c, SXF_RN_FROM, rec_zone(nm, net, cfg, s, 0), 0, &from_idx) ?:
		      name_ref(&c, SXF_RN_TO, rec_zone(nm, net, cfg, s, 1), 0, &to_idx) ?:
		      rec_wing_names(&c, net, cfg, &s->w[0], &w0) ?:
		      rec_wing_names(&c, net, cfg, &s->w[1], &w1);
		if (err)
			goto cancel;
		/* the memo is kept only once these names are committed (below) */
		key.from = from_idx;
		key.to = to_idx;
		key.ifname[0] = w0.ifname;
		key.ifname[1] = w1.ifname;
		key.out_ifname[0] = w0.out_ifname;
		key.out_ifname[1] = w1.out_ifname;
		remember = true;
	}
	/* then the record, built where it is sent */
	a = nla_reserve(skb, SRXFLOW_A_SESS_REC, sizeof(*r));
	if (!a) {
		err = -EMSGSIZE;
		goto cancel;
	}
	r = nla_data(a);
	memset(r, 0, sizeof(*r));
	r->id = s->id;
	r->start = s->start;
	r->policy_index = s->policy;
	r->state = flags & SXF_SF_INVALID ? SRXFLOW_SESS_INVALIDATED : SRXFLOW_SESS_VALID;
	r->timeout = (flags & SXF_SF_NEVER) ? SRXFLOW_TIMEOUT_NEVER :
		     left > 0 ? DIV_ROUND_UP(left, HZ) : 0;
	r->max_timeout = (flags & SXF_SF_NEVER) ? SRXFLOW_TIMEOUT_NEVER : s->timeout;
	r->duration = nm->real > s->start ? (u32)(nm->real - s->start) : 0;
	if (flags & SXF_SF_SELF)
		r->flags |= SRXFLOW_SF_SELF;
	if (flags & SXF_SF_TO_HOST)
		r->flags |= SRXFLOW_SF_TO_HOST;
	if (flags & SXF_SF_SNAT)
		r->flags |= SRXFLOW_SF_SNAT;
	if (flags & SXF_SF_DNAT)
		r->flags |= SRXFLOW_SF_DNAT;
	if (flags & SXF_SF_OFFLOADED)
		r->flags |= SRXFLOW_SF_OFFLOAD;
	r->policy_name = pname_idx;
	r->app = app_idx;
	r->from_zone = from_idx;
	r->to_zone = to_idx;
	r->tcp_state = tcp_idx;
	rec_wing_fill(net, s, flags, &s->w[0], &w0, &r->w[0]);
	rec_wing_fill(net, s, flags, &s->w[1], &w1, &r->w[1]);
	names_commit(&c);
	if (remember) {
		nm->memo = key;
		nm->memo_ok = true;
	}
	return 0;
cancel:
	/* its names go with it: they are defined again with the record */
	nlmsg_trim(skb, mark);
	return err;
}
