// SPDX-License-Identifier: GPL-2.0
/*
 * Screens: the checks of `security screen ids-option`, run on every packet
 * arriving on an interface of a zone that binds a screen, first path and
 * fast path alike, before anything else of the engine looks at it (the
 * hook calls sxf_screen_packet() once, behind sxf_screen_key: nothing is
 * done, not even a test of the zone, while no zone of any namespace binds
 * a screen).
 *
 * The stateless checks look at the header only.  The datagram reaches
 * srxflow reassembled (nf_defrag runs before its hook), so:
 *   - block-frag, syn-frag, icmp fragment judge the reassembled datagram
 *     of fragments (sxf_pkt.fragment), and the IPv6 fragments
 *     nf_defrag_ipv6 leaves to the stack unreassembled (a fragment with
 *     more to come whose length is not a multiple of 8: frag_head, or
 *     frag_tail past the first), whose first one carries the whole
 *     transport header;
 *   - tear-drop (overlapping fragments) and ping-death (a datagram
 *     reassembled over 65535 bytes) are dropped by the kernel's
 *     reassembly before any hook: the counters of those two rows stay at
 *     0 and the packets never pass.
 * The rate checks (floods, sweeps, scans, SYN thresholds) are in
 * screen_rate.c.  A violation is counted on the interface (the zone's row
 * is the sum of its interfaces), traced ("screen: TCP land attack") and
 * the packet dropped through sxf_drop() with SRXFLOW_DROP_SCREEN and the
 * check in the record; with alarm-without-drop it is counted and traced,
 * and forwarded.  Either way it is raised as an RT_IDS line of the
 * session log (screen_log.c).
 */
#include <linux/ip.h>
#include <linux/icmp.h>
#include <net/ip.h>
#include "engine.h"
#include "screen.h"
#include "screen_rate.h"
#include "syncookie.h"
#include "trace.h"

DEFINE_STATIC_KEY_FALSE(sxf_screen_key);

/*
 * One violation of check k.  True: drop the packet (the caller stops);
 * false: alarm-without-drop, go on with the other checks.
 */
bool sxf_screen_hit_as(struct sxf_ctx *c, const struct sxf_screen *scr,
		       struct sxf_scr_stats *st, enum srxflow_screen_check k, const char *attack)
{
	if (st)
		this_cpu_inc(st->ctr[k]);
	SXF_TRACE(c, SXF_T_DATAPATH, "screen: %s%s", sxf_screen_check_name[k],
		  scr->alarm_only ? " (alarm-without-drop)" : "");
	sxf_screen_log(c, k, attack, scr->alarm_only ? SRXFLOW_SCREEN_ACTION_ALARM :
			SRXFLOW_SCREEN_ACTION_DROP);
	return !scr->alarm_only;
}

bool sxf_screen_hit(struct sxf_ctx *c, const struct sxf_screen *scr,
		    struct sxf_scr_stats *st, enum srxflow_screen_check k)
{
	return sxf_screen_hit_as(c, scr, st, k, NULL);
}

static inline bool on(const struct sxf_screen *scr, enum srxflow_screen_check k)
{
	return scr->checks & BIT_ULL(k);
}

/* IPv4 options: the first violated check, or -1. */
static int ip_options_check(const struct sxf_screen *scr, const struct iphdr *iph)
{
	const u8 *opt = (const u8 *)(iph + 1);
	int len = iph->ihl * 4 - sizeof(*iph), i = 0;

	while (i < len) {
		u8 type = opt[i];
		int k = -1;
		u8 olen;

		if (type == IPOPT_END)
			break;
		if (type == IPOPT_NOOP) {
			i++;
			continue;
		}
		olen = i + 1 < len ? opt[i + 1] : 0;
		if (olen < 2 || i + olen > len)
			return on(scr, SRXFLOW_SCR_BAD_OPTION) ? SRXFLOW_SCR_BAD_OPTION : -1;
		switch (type) {
		case IPOPT_RR:
			k = SRXFLOW_SCR_RECORD_ROUTE;
			break;
		case IPOPT_TIMESTAMP:
			k = SRXFLOW_SCR_TIMESTAMP;
			break;
		case IPOPT_SEC:
			k = SRXFLOW_SCR_SECURITY;
			break;
		case IPOPT_SID:
			k = SRXFLOW_SCR_STREAM;
			break;
		case IPOPT_LSRR:
			k = SRXFLOW_SCR_LOOSE_SRC_ROUTE;
			break;
		case IPOPT_SSRR:
			k = SRXFLOW_SCR_STRICT_SRC_ROUTE;
			break;
		}
		if (k >= 0 && on(scr, k))
			return k;
		if ((type == IPOPT_LSRR || type == IPOPT_SSRR) && on(scr, SRXFLOW_SCR_SOURCE_ROUTE))
			return SRXFLOW_SCR_SOURCE_ROUTE;
		i += olen;
	}
	return -1;
}

/*
 * ip spoofing: the route back to the source must leave through an
 * interface of the zone the packet arrived in.  Sources that no route
 * describes are not judged: IPv6 unspecified (DAD) and link-local
 * (neighbour discovery, router solicitations); IPv4 0.0.0.0 of a DHCP
 * client (UDP 68 to 67: DISCOVER and REQUEST before it has an address).
 */
static bool spoofed(struct sxf_ctx *c)
{
	struct sxf_tuple r;
	struct sxf_route rt;
	const struct sxf_ifent *e;
	int type;
	bool bad;

	if (c->pkt.family == AF_INET6) {
		/* (IPV6_ADDR_ANY is 0: compared, not masked) */
		type = ipv6_addr_type(&c->pkt.t.src.v6);
		if (type == IPV6_ADDR_ANY || (type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MULTICAST)))
			return false;
	}
	if (c->pkt.family == AF_INET && ipv4_is_zeronet(c->pkt.t.src.v4) &&
	    c->pkt.proto == IPPROTO_UDP && c->pkt.t.sport == htons(68) &&
	    c->pkt.t.dport == htons(67))
		return false;

	sxf_tuple_reverse(&r, &c->pkt.t, c->vrf);
	if (sxf_route_lookup(c->sn->net, &r, 0, 0, c->vrf, &rt))
		return true;
	e = sxf_ifmap_lookup(c->ifmap, rt.oif);
	bad = rt.local || !e || e->zone != c->ifent->zone;
	dst_release(rt.dst);
	return bad;
}

/* The stateless checks; the first violated one (of those configured), or -1. */
static int stateless(struct sxf_ctx *c, struct sk_buff *skb, const struct sxf_screen *scr,
		     struct sxf_scr_stats *st)
{
	const struct sxf_pkt *p = &c->pkt;
	bool frag = p->fragment || p->frag_head || p->frag_tail;
	int k;

	if (frag && on(scr, SRXFLOW_SCR_BLOCK_FRAG) &&
	    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_BLOCK_FRAG))
		return SRXFLOW_SCR_BLOCK_FRAG;
	if (p->proto >= 137 && on(scr, SRXFLOW_SCR_UNKNOWN_PROTOCOL) &&
	    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_UNKNOWN_PROTOCOL))
		return SRXFLOW_SCR_UNKNOWN_PROTOCOL;
	if (p->family == AF_INET && ip_hdr(skb)->ihl > 5) {
		k = ip_options_check(scr, ip_hdr(skb));
		if (k >= 0 && sxf_screen_hit(c, scr, st, k))
			return k;
	}
	/* (a fragment past the first has no TCP header) */
	if (p->proto == IPPROTO_TCP && !p->frag_tail) {
		u8 f = p->tcp_flags;

		/* (each configured one: SYN+FIN is also a FIN without ACK) */
		if (!f && on(scr, SRXFLOW_SCR_TCP_NO_FLAG) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_TCP_NO_FLAG))
			return SRXFLOW_SCR_TCP_NO_FLAG;
		if ((f & (SXF_TCP_SYN | SXF_TCP_FIN)) == (SXF_TCP_SYN | SXF_TCP_FIN) &&
		    on(scr, SRXFLOW_SCR_SYN_FIN) && sxf_screen_hit(c, scr, st, SRXFLOW_SCR_SYN_FIN))
			return SRXFLOW_SCR_SYN_FIN;
		if ((f & (SXF_TCP_FIN | SXF_TCP_ACK)) == SXF_TCP_FIN &&
		    on(scr, SRXFLOW_SCR_FIN_NO_ACK) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_FIN_NO_ACK))
			return SRXFLOW_SCR_FIN_NO_ACK;
		if ((f & SXF_TCP_SYN) && on(scr, SRXFLOW_SCR_LAND) &&
		    !memcmp(&p->t.src, &p->t.dst, sizeof(p->t.src)) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_LAND))
			return SRXFLOW_SCR_LAND;
		if ((f & SXF_TCP_SYN) && frag && on(scr, SRXFLOW_SCR_SYN_FRAG) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_SYN_FRAG))
			return SRXFLOW_SCR_SYN_FRAG;
		if ((f & SXF_TCP_URG) && p->t.dport == htons(139) && on(scr, SRXFLOW_SCR_WINNUKE) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_WINNUKE))
			return SRXFLOW_SCR_WINNUKE;
	}
	if (p->proto == IPPROTO_ICMP || p->proto == IPPROTO_ICMPV6) {
		if (frag && on(scr, SRXFLOW_SCR_ICMP_FRAGMENT) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_ICMP_FRAGMENT))
			return SRXFLOW_SCR_ICMP_FRAGMENT;
		/*
		 * (not an error message: an IPv6 router quotes as much of the
		 * packet as fits in 1280 bytes, and a packet too big dropped
		 * here would break path-MTU discovery, RFC 4890)
		 */
		if (p->len > SXF_SCR_ICMP_LARGE && !p->icmp_err && on(scr, SRXFLOW_SCR_ICMP_LARGE) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_ICMP_LARGE))
			return SRXFLOW_SCR_ICMP_LARGE;
	}
	return -1;
}

/*
 * ip spoofing is judged on the first path only (a reverse route lookup per
 * packet was most of a screen's cost on established flows): a session's
 * In wing was created from a source that passed it in this zone, and the
 * fast path pins each wing to its arrival interface ("Wing interface
 * mismatch"), so a later packet of the session would pass it again.
 * True: the packet was dropped.
 */
bool sxf_screen_first_path(struct sxf_ctx *c, struct sk_buff *skb)
{
	const struct sxf_screen *scr = c->ifent->zif->zone->scr;
	struct sxf_scr_stats *st = c->ifent->zif->scr_stats;

	if (!scr || !on(scr, SRXFLOW_SCR_SPOOFING) || !spoofed(c) ||
	    !sxf_screen_hit(c, scr, st, SRXFLOW_SCR_SPOOFING))
		return false;
	sxf_drop(c, skb, SRXFLOW_DROP_SCREEN, sxf_screen_check_name[SRXFLOW_SCR_SPOOFING]);
	return true;
}

/*
 * A packet arrived on an interface of a zone binding scr (counters st).
 * NF_ACCEPT: go on (first or fast path); else it was dropped (NF_STOLEN).
 */
unsigned int sxf_screen_packet(struct sxf_ctx *c, struct sk_buff *skb,
			       const struct sxf_screen *scr, struct sxf_scr_stats *st)
{
	int k = stateless(c, skb, scr, st);

	if (k < 0)
		k = sxf_screen_rate(c, scr, st);
	if (k < 0)
		return NF_ACCEPT;
	if (k == SRXFLOW_SCR_SYN_COOKIE_SENT) {
		/* a SYN answered here never reaches the first path's spoofing check */
		if (on(scr, SRXFLOW_SCR_SPOOFING) && spoofed(c) &&
		    sxf_screen_hit(c, scr, st, SRXFLOW_SCR_SPOOFING))
			k = SRXFLOW_SCR_SPOOFING;
		else
			return sxf_syncookie_syn(c, skb, scr, st);
	}
	return sxf_drop(c, skb, SRXFLOW_DROP_SCREEN, sxf_screen_check_name[k]);
}

static bool cfg_has_screen(const struct sxf_cfg *cfg)
{
	u32 i;

	for (i = 0; i < cfg->nr_zones; i++)
		if (cfg->zones[i]->scr)
			return true;
	return false;
}

/*
 * Before a generation that binds a screen is published (txn_lock held,
 * may sleep): the static key, if this namespace does not hold it yet.
 * True when raised here (undone by sxf_screen_key_undo() if the commit
 * fails).
 */
bool sxf_screen_key_prepare(struct sxf_net *sn, const struct sxf_cfg *cfg)
{
	sxf_assert_held(&sn->txn_lock);
	if (sn->scr_key_held || !cfg_has_screen(cfg))
		return false;
	static_branch_inc(&sxf_screen_key);
	sn->scr_key_held = true;
	return true;
}

void sxf_screen_key_undo(struct sxf_net *sn)
{
	sxf_assert_held(&sn->txn_lock);
	static_branch_dec(&sxf_screen_key);
	sn->scr_key_held = false;
}

/*
 * A generation was published (txn_lock held): the static key is held by
 * every namespace whose configuration binds a screen to a zone (raised
 * before the publication by sxf_screen_key_prepare(), dropped here).
 */
int sxf_screen_apply(struct sxf_net *sn, const struct sxf_cfg *cfg)
{
	sxf_assert_held(&sn->txn_lock);
	if (sn->scr_key_held && !cfg_has_screen(cfg)) {
		static_branch_dec(&sxf_screen_key);
		sn->scr_key_held = false;
	}
	return 0;
}

/* The namespace goes away, its hooks are gone. */
void sxf_screen_net_exit(struct sxf_net *sn)
{
	if (sn->scr_key_held) {
		static_branch_dec(&sxf_screen_key);
		sn->scr_key_held = false;
	}
	sxf_screen_rate_exit(sn);
}
