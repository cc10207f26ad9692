// SPDX-License-Identifier: GPL-2.0
/*
 * Traceoptions: packet filters, rate limit, and the trace rings.
 *
 * A ring holds `local-debug-buf size` lines of at most SXF_TRACE_LINE_MAX
 * bytes, allocated when traceoptions are committed: whatever the traffic,
 * memory stays within that bound and the oldest lines are overwritten.
 * Writers claim a slot with an atomic sequence number and write it under a
 * per-slot busy flag taken with a cmpxchg: a writer that would have to wait
 * (another CPU lapping the ring onto the same slot) drops its line and
 * counts it as lost instead, so the packet path never spins.  Readers copy
 * a slot and validate it against its sequence number, lock-free.
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/netdevice.h>
#include <linux/in.h>
#include "engine.h"
#include "trace.h"

DEFINE_STATIC_KEY_FALSE(sxf_trace_key);

#define SXF_TRACE_DEFAULT_FILE "flow-trace"

static struct sxf_tring *ring_alloc(const char *name, u32 cap)
{
	struct sxf_tring *r = __vmalloc(struct_size(r, line, cap), GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	u32 i;

	if (!r)
		return NULL;
	strscpy(r->name, name, sizeof(r->name));
	refcount_set(&r->ref, 1);
	r->cap = cap;
	for (i = 0; i < cap; i++)
		r->line[i].seq = ~0ULL;
	return r;
}

static void ring_free_rcu(struct rcu_head *head)
{
	/* vfree() is fine from RCU callbacks (deferred when in_interrupt) */
	vfree(container_of(head, struct sxf_tring, rcu));
}

void sxf_trace_put(struct sxf_tring *r)
{
	if (r && refcount_dec_and_test(&r->ref))
		call_rcu(&r->rcu, ring_free_rcu);
}

struct sxf_tring *sxf_trace_get(struct sxf_net *sn, const char *name)
{
	struct sxf_tring *found = NULL;
	int i;

	rcu_read_lock();
	for (i = 0; i < SXF_TRACE_MAX_FILES; i++) {
		struct sxf_tring *r = rcu_dereference(sn->trace.ring[i]);

		if (r && !strcmp(r->name, name) && refcount_inc_not_zero(&r->ref)) {
			found = r;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/*
 * Before a generation is published (process context, txn_lock held until
 * sxf_trace_apply()): the ring its trace file needs, allocated now so that
 * a commit without the memory fails, rather than publish traceoptions with
 * no buffer.  *ringp NULL: none needed (the file keeps its ring, or no
 * traceoptions); else it goes to sxf_trace_apply(), or sxf_trace_put().
 */
int sxf_trace_prepare(struct sxf_net *sn, const struct sxf_cfg *cfg, struct sxf_tring **ringp)
{
	const struct sxf_trace_cfg *t = &cfg->trace;
	const char *name = t->file[0] ? t->file : SXF_TRACE_DEFAULT_FILE;
	int i;

	sxf_assert_held(&sn->txn_lock);
	*ringp = NULL;
	if (!t->configured)
		return 0;
	for (i = 0; i < SXF_TRACE_MAX_FILES; i++) {
		struct sxf_tring *r = rcu_dereference_protected(sn->trace.ring[i],
								lockdep_is_held(&sn->txn_lock));

		if (r && !strcmp(r->name, name) && r->cap == t->debug_buf)
			return 0;
	}
	*ringp = ring_alloc(name, t->debug_buf);
	return *ringp ? 0 : -ENOMEM;
}

/*
 * A generation was published (process context, txn_lock held): make the
 * configured trace file current, with the configured size (fresh: the
 * ring sxf_trace_prepare() allocated for it, consumed), and turn the
 * static key on or off for this namespace.
 */
void sxf_trace_apply(struct sxf_net *sn, const struct sxf_cfg *cfg, struct sxf_tring *fresh)
{
	const struct sxf_trace_cfg *t = &cfg->trace;
	struct sxf_trace_state *ts = &sn->trace;
	const char *name = t->file[0] ? t->file : SXF_TRACE_DEFAULT_FILE;
	struct sxf_tring *v[SXF_TRACE_MAX_FILES + 1], *cur = NULL;
	int i, n = 0;

	sxf_assert_held(&sn->txn_lock);
	if (!t->configured) {
		sxf_trace_put(fresh);
		if (ts->key_held) {
			static_branch_dec(&sxf_trace_key);
			ts->key_held = false;
		}
		return;
	}
	/* most recently used first; the current file goes to the front */
	for (i = 0; i < SXF_TRACE_MAX_FILES; i++) {
		struct sxf_tring *r = rcu_dereference_protected(ts->ring[i],
								lockdep_is_held(&sn->txn_lock));

		if (r && !strcmp(r->name, name))
			cur = r;
		else if (r)
			v[1 + n++] = r;
	}
	if (!cur || cur->cap != t->debug_buf) {
		/* (prepared: the state cannot change in between, txn_lock) */
		if (WARN_ON_ONCE(!fresh))
			return;
		if (cur)
			sxf_trace_put(cur);	/* resized: the old lines go */
		cur = fresh;
	} else {
		sxf_trace_put(fresh);
	}
	v[0] = cur;
	n++;
	if (n > SXF_TRACE_MAX_FILES)
		sxf_trace_put(v[--n]);
	for (i = 0; i < SXF_TRACE_MAX_FILES; i++)
		rcu_assign_pointer(ts->ring[i], i < n ? v[i] : NULL);
	if (!ts->key_held) {
		static_branch_inc(&sxf_trace_key);
		ts->key_held = true;
	}
}

static bool rate_ok(struct sxf_net *sn, u32 limit)
{
	struct sxf_trace_state *ts = &sn->trace;
	u64 now;

	if (!limit)
		return true;
	now = ktime_get_seconds();
	if (READ_ONCE(ts->rl_second) != now) {
		WRITE_ONCE(ts->rl_second, now);
		atomic_set(&ts->rl_count, 0);
	}
	return atomic_inc_return(&ts->rl_count) <= limit;
}

static __printf(2, 0) u64 ring_write(struct sxf_tring *r, const char *fmt, va_list ap)
{
	u64 seq = atomic64_fetch_inc(&r->head);
	struct sxf_tline *l = &r->line[seq % r->cap];
	int n;

	if (atomic_cmpxchg(&l->busy, 0, 1)) {
		atomic64_inc(&r->lost);	/* another writer lapped onto this slot */
		return seq;
	}
	WRITE_ONCE(l->seq, ~0ULL);
	smp_wmb();	/* readers see "being written" before new text */
	n = vsnprintf(l->text, sizeof(l->text), fmt, ap);
	l->len = min_t(int, n, sizeof(l->text) - 1);
	l->time = ktime_get_real_ns();
	smp_store_release(&l->seq, seq);	/* publish text and time with seq */
	atomic_set_release(&l->busy, 0);
	return seq;
}

void sxf_trace_line(struct sxf_net *sn, const char *fmt, ...)
{
	const struct sxf_cfg *cfg = rcu_dereference(sn->cfg);
	struct sxf_tring *r = rcu_dereference(sn->trace.ring[0]);
	va_list ap;
	u64 seq;

	if (!r || !cfg || !cfg->trace.configured)
		return;
	if (!rate_ok(sn, cfg->trace.rate_limit)) {
		atomic64_inc(&r->lost);
		return;
	}
	va_start(ap, fmt);
	seq = ring_write(r, fmt, ap);
	va_end(ap);
	if (!test_bit(0, &sn->trace.streaming))
		sxf_nl_push_kick(sn, SXF_MCGRP_TRACE, seq);
}

bool sxf_trace_read(const struct sxf_tring *r, u64 seq, u64 *time, char *out)
{
	const struct sxf_tline *l = &r->line[seq % r->cap];
	u16 len;

	if (smp_load_acquire(&l->seq) != seq)	/* pairs with the writer's release */
		return false;
	*time = l->time;
	len = min_t(u16, READ_ONCE(l->len), SXF_TRACE_LINE_MAX - 1);
	memcpy(out, l->text, len);
	out[len] = '\0';
	smp_rmb();	/* the copy before the re-check of seq */
	return READ_ONCE(l->seq) == seq;
}

void sxf_trace_clear(struct sxf_tring *r)
{
	WRITE_ONCE(r->cleared, atomic64_read(&r->head));
}

const char *sxf_ntop(u8 family, const void *addr, char *buf)
{
	if (family == AF_INET)
		snprintf(buf, 48, "%pI4", addr);
	else
		snprintf(buf, 48, "%pI6c", addr);
	return buf;
}

/* --- packet filters ---------------------------------------------------------------- */
static bool pfx_match(const struct srxflow_prefix *p, const struct sxf_tuple *t, bool src)
{
	return sxf_prefix_match(p, t->family, src ? (const void *)&t->src : (const void *)&t->dst);
}

/* Fields of one filter are ANDed; filters are ORed. */
static const struct sxf_tfilter *filter_match(const struct sxf_trace_cfg *t,
					      const struct sxf_tuple *tu, const char *ifname,
					      bool *match)
{
	u16 sport = ntohs(tu->sport), dport = ntohs(tu->dport);
	u32 i;

	*match = !t->nfilters;
	for (i = 0; i < t->nfilters; i++) {
		const struct sxf_tfilter *f = &t->filters[i];

		if (f->has_src && !pfx_match(&f->src, tu, true))
			continue;
		if (f->has_dst && !pfx_match(&f->dst, tu, false))
			continue;
		if (f->has_proto && f->proto != tu->proto)
			continue;
		if (f->has_sport && (sport < f->sp_lo || sport > f->sp_hi))
			continue;
		if (f->has_dport && (dport < f->dp_lo || dport > f->dp_hi))
			continue;
		if (f->has_iface && (!ifname || strcmp(f->iface, ifname)))
			continue;
		*match = true;
		return f;
	}
	return NULL;
}

static u32 flags_mask(u32 flags)
{
	return (flags & BIT(SRXFLOW_TRACE_ALL)) ? ~0U : flags;
}

#define TUPLE_FMT "<%s%pISc/%u->%pISc/%u;%u>"

static void tuple_addrs(const struct sxf_tuple *t, struct sockaddr_storage *s,
			struct sockaddr_storage *d)
{
	memset(s, 0, sizeof(*s));
	memset(d, 0, sizeof(*d));
	if (t->family == AF_INET) {
		((struct sockaddr_in *)s)->sin_family = AF_INET;
		((struct sockaddr_in *)s)->sin_addr.s_addr = t->src.v4;
		((struct sockaddr_in *)d)->sin_family = AF_INET;
		((struct sockaddr_in *)d)->sin_addr.s_addr = t->dst.v4;
	} else {
		((struct sockaddr_in6 *)s)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)s)->sin6_addr = t->src.v6;
		((struct sockaddr_in6 *)d)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)d)->sin6_addr = t->dst.v6;
	}
}

/* "flag c2 syn": the TCP flags byte and the names of its SYN/FIN/RST/ACK bits */
static void tcp_flag_words(u8 f, char *buf, size_t len)
{
	static const struct { u8 bit; const char *name; } w[] = {
		{ SXF_TCP_SYN, " syn" }, { SXF_TCP_FIN, " fin" }, { SXF_TCP_RST, " rst" },
		{ SXF_TCP_PSH, " psh" }, { SXF_TCP_ACK, " ack" }, { SXF_TCP_URG, " urg" },
	};
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(w) && n < len; i++)
		if (f & w[i].bit)
			n += scnprintf(buf + n, len - n, "%s", w[i].name);
}

/*
 * The device's lines for a packet entering the flow module, as a device's
 * flow trace prints them ("flow process pak fast ifl N in_ifp IF", the
 * packet's line and "find flow: ...").  There is no hash or token to print:
 * "table" is the Linux routing table, "tok" the VRF's ifindex (0: main).
 */
static void trace_pak(struct sxf_ctx *c, const struct net_device *dev,
		      const struct sockaddr_storage *s, const struct sockaddr_storage *d)
{
	const struct sxf_pkt *p = &c->pkt;
	const char *ifl = dev ? sxf_dev_label(c->cfg, dev) : "?";
	char what[48];

	switch (p->proto) {
	case IPPROTO_TCP: {
		char f[32];

		tcp_flag_words(p->tcp_flags, f, sizeof(f));
		snprintf(what, sizeof(what), "tcp, flag %x%s", p->tcp_flags, f);
		break;
	}
	case IPPROTO_UDP:
		snprintf(what, sizeof(what), "udp");
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		snprintf(what, sizeof(what), "%s, (%u/%u)", p->proto == IPPROTO_ICMP ? "icmp" : "icmp6",
			 p->icmp_type, p->icmp_code);
		break;
	default:
		snprintf(what, sizeof(what), "%u", p->proto);
		break;
	}
	sxf_trace_line(c->sn, " flow process pak fast ifl %d in_ifp %s", dev ? dev->ifindex : 0, ifl);
	sxf_trace_line(c->sn, "  %s:%pISc/%u->%pISc/%u, %s", ifl, s, ntohs(p->t.sport), d,
		       ntohs(p->t.dport), what);
	sxf_trace_line(c->sn, " find flow: table %u, sa %pISc, da %pISc, sp %u, dp %u, proto %u, tok %d",
		       sxf_vrf_table(c->state->net, c->vrf), s, d, ntohs(p->t.sport),
		       ntohs(p->t.dport), p->proto, c->vrf);
}

void __sxf_trace_packet(struct sxf_ctx *c, const struct sk_buff *skb)
{
	const struct sxf_trace_cfg *t = &c->cfg->trace;
	const struct sxf_pkt *p = &c->pkt;
	const struct net_device *dev = c->in ? c->in : skb_dst(skb) ? skb_dst(skb)->dev : NULL;
	const struct sxf_tfilter *f;
	struct sockaddr_storage s, d;
	bool match;

	c->trace = 0;
	if (!t->configured || !t->flags)
		return;
	f = filter_match(t, &p->t, dev ? sxf_dev_label(c->cfg, dev) : NULL, &match);
	if (!match)
		return;
	c->trace = flags_mask(t->flags);
	if (!(c->trace & (SXF_T_DATAPATH | SXF_T_HOST | SXF_T_FRAG)))
		return;
	tuple_addrs(&p->t, &s, &d);
	sxf_trace_line(c->sn, TUPLE_FMT " matched filter %s:", "", &s, ntohs(p->t.sport),
		       &d, ntohs(p->t.dport), p->t.proto, f ? f->name : "(none)");
	sxf_trace_line(c->sn, "packet [%u] ipid = %u, %s %s, vrf %d (table %u)%s",
		       p->len, p->ipid, c->local_out ? "egress" : "ingress",
		       dev ? sxf_dev_label(c->cfg, dev) : "?", c->vrf, sxf_vrf_table(c->state->net, c->vrf),
		       p->fragment ? ", reassembled from fragments" : "");
	trace_pak(c, dev, &s, &d);
}

void __sxf_trace_session(struct sxf_net *sn, const struct sxf_session *s, const char *what)
{
	const struct sxf_cfg *cfg;
	struct sockaddr_storage a, b;
	struct net_device *dev;
	bool match;

	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (!cfg || !cfg->trace.configured || !(flags_mask(cfg->trace.flags) & SXF_T_SESSION))
		goto out;
	dev = dev_get_by_index_rcu(sn->net, s->w[0].ifindex);
	filter_match(&cfg->trace, &s->w[0].t, dev ? sxf_dev_label(cfg, dev) : NULL, &match);
	if (!match)
		goto out;
	tuple_addrs(&s->w[0].t, &a, &b);
	sxf_trace_line(sn, "session id %llu " TUPLE_FMT " %s", s->id, "", &a,
		       ntohs(s->w[0].t.sport), &b, ntohs(s->w[0].t.dport), s->w[0].t.proto, what);
out:
	rcu_read_unlock();
}

/* --- per namespace --------------------------------------------------------------------- */
int sxf_trace_init(struct sxf_net *sn)
{
	memset(&sn->trace, 0, sizeof(sn->trace));
	INIT_DELAYED_WORK(&sn->trace.push, sxf_nl_push_work);
	return 0;
}

void sxf_trace_exit(struct sxf_net *sn)
{
	struct sxf_trace_state *ts = &sn->trace;
	int i;

	cancel_delayed_work_sync(&ts->push);
	if (ts->key_held) {
		static_branch_dec(&sxf_trace_key);
		ts->key_held = false;
	}
	for (i = 0; i < SXF_TRACE_MAX_FILES; i++) {
		struct sxf_tring *r = rcu_dereference_protected(ts->ring[i], true);

		RCU_INIT_POINTER(ts->ring[i], NULL);
		sxf_trace_put(r);
	}
}
