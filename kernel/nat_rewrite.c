// SPDX-License-Identifier: GPL-2.0
/*
 * NAT rewriting of forwarded packets (IPv4 and IPv6), from the session's
 * tuples: a packet matching wing d leaves as the inverse of wing !d's
 * tuple (source = that wing's destination, and so on), as
 * nf_nat_manip_pkt() does it.
 *
 * Checksums are updated incrementally (inet_proto_csum_replace*): the IPv4
 * header, the TCP/UDP/UDP-Lite/DCCP pseudo-header and ports - which also keeps a
 * CHECKSUM_PARTIAL (GSO) packet's pseudo-header sum right -, a UDP zero
 * checksum stays zero (IPv4), ICMP queries get their identifier replaced.
 * IPv6 has no header checksum; its ICMPv6 checksum covers the
 * pseudo-header as TCP's and UDP's do.
 *
 * An ICMP error about a session travels on the wing it is addressed to:
 * its embedded header is rewritten to the other wing's view (what the
 * initiator sent), the outer destination to the initiator, the outer
 * source when it was the translated peer itself; the embedded IP and L4
 * checksums are fixed and the ICMP checksum computed again
 * (nf_nat_icmp_reply_translation(), RFC 5508; RFC 6146 section 3.5.3 for
 * ICMPv6).
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/checksum.h>
#include "engine.h"
#include "session.h"
#include "nat.h"

/* ICMP queries (packet.c's pairs): the identifier is translated */
static bool icmp_is_reply(u8 family, u8 type)
{
	if (family == AF_INET6)
		return type == ICMPV6_ECHO_REPLY;
	return type == ICMP_ECHOREPLY || type == ICMP_TIMESTAMPREPLY ||
	       type == ICMP_INFO_REPLY || type == ICMP_ADDRESSREPLY;
}

static bool icmp_is_query(u8 family, u8 type)
{
	return icmp_is_reply(family, type) || sxf_icmp_reply_type(family, type) >= 0;
}

/* L4 header bytes the rewrite touches */
static unsigned int l4_len(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP: return sizeof(struct tcphdr);
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	/* DCCP: ports, data offset, CsCov, checksum (the header's first 8 bytes) */
	case IPPROTO_DCCP: return sizeof(struct udphdr);
	case IPPROTO_ICMP: return sizeof(struct icmphdr);
	case IPPROTO_ICMPV6: return sizeof(struct icmp6hdr);
	}
	return 0;
}

/* the L4 checksum field and whether it covers the pseudo-header */
static __sum16 *l4_check(struct sk_buff *skb, void *l4, u8 proto, bool *skip)
{
	*skip = false;
	switch (proto) {
	case IPPROTO_TCP:
		return &((struct tcphdr *)l4)->check;
	case IPPROTO_UDP: {
		struct udphdr *uh = l4;

		/*
		 * A zero UDP checksum means none, as in udp_manip_pkt(): also
		 * under CHECKSUM_PARTIAL (an outer tunnel header without a
		 * checksum over an inner one the NIC fills in); a partial sum
		 * the stack put there is never 0.
		 */
		*skip = !uh->check;
		return &uh->check;
	}
	case IPPROTO_UDPLITE:	/* (its checksum is never optional) */
		return &((struct udphdr *)l4)->check;
	case IPPROTO_DCCP:
		return (__sum16 *)((u8 *)l4 + 6);
	case IPPROTO_ICMPV6:
		return &((struct icmp6hdr *)l4)->icmp6_cksum;
	}
	return NULL;
}

static void l4_fix_zero(u8 proto, __sum16 *check)
{
	if ((proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE) && !*check)
		*check = CSUM_MANGLED_0;
}

static unsigned int alen(u8 family)
{
	return family == AF_INET ? 4 : 16;
}

/*
 * Address *a becomes *na: the IPv4 header checksum hcheck (NULL: IPv6)
 * and, when given, the L4 checksum covering the pseudo-header.
 */
static void addr_set(struct sk_buff *skb, u8 family, void *a, const void *na, __sum16 *hcheck,
		     __sum16 *check)
{
	if (family == AF_INET) {
		__be32 o = *(__be32 *)a, n = *(const __be32 *)na;

		if (o == n)
			return;
		if (check)
			inet_proto_csum_replace4(check, skb, o, n, true);
		csum_replace4(hcheck, o, n);
		*(__be32 *)a = n;
		return;
	}
	if (ipv6_addr_equal(a, na))
		return;
	if (check)
		inet_proto_csum_replace16(check, skb, a, na, true);
	memcpy(a, na, sizeof(struct in6_addr));
}

/* a checksum of an embedded header covering address from, now to */
static void csum_addr(__sum16 *sum, u8 family, const void *from, const void *to)
{
	const __be32 *f = from, *t = to;

	if (family == AF_INET) {
		csum_replace4(sum, *f, *t);
	} else {
		__be32 diff[] = { ~f[0], ~f[1], ~f[2], ~f[3], t[0], t[1], t[2], t[3] };

		*sum = csum_fold(csum_partial(diff, sizeof(diff), ~csum_unfold(*sum)));
	}
}

/*
 * Rewrite the packet (network header at skb's, transport header thoff
 * bytes on) to the inverse of tuple o: o->dst:o->dport -> o->src:o->sport.
 * has_l4: the transport header is there (not a later fragment).
 */
static int rewrite(struct sk_buff *skb, u8 family, unsigned int thoff, u8 proto, bool has_l4,
		   const struct sxf_tuple *o)
{
	unsigned int noff = skb_network_offset(skb), need;
	__sum16 *check = NULL, *hcheck = NULL, *pcheck;
	void *nh, *l4, *sa, *da;
	bool skip = true;

	/* ICMP in IPv6, ICMPv6 in IPv4: an opaque protocol (packet.c parse_l4()) */
	if ((proto == IPPROTO_ICMP && family != AF_INET) ||
	    (proto == IPPROTO_ICMPV6 && family != AF_INET6))
		has_l4 = false;
	need = thoff + (has_l4 ? l4_len(proto) : 0);
	if (skb_ensure_writable(skb, noff + need))
		return SRXFLOW_DROP_NO_MEMORY;
	nh = skb_network_header(skb);
	l4 = nh + thoff;
	if (family == AF_INET) {
		struct iphdr *iph = nh;

		hcheck = &iph->check;
		sa = &iph->saddr;
		da = &iph->daddr;
	} else {
		struct ipv6hdr *ip6 = nh;

		sa = &ip6->saddr;
		da = &ip6->daddr;
	}
	if (has_l4 && l4_len(proto))
		check = l4_check(skb, l4, proto, &skip);
	/* ICMP (v4) has no pseudo-header */
	pcheck = check && !skip && proto != IPPROTO_ICMP ? check : NULL;
	addr_set(skb, family, sa, &o->dst, hcheck, pcheck);
	addr_set(skb, family, da, &o->src, hcheck, pcheck);
	if (!has_l4)
		return 0;
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_DCCP: {
		__be16 *ports = l4;

		if (!skip && ports[0] != o->dport)
			inet_proto_csum_replace2(check, skb, ports[0], o->dport, false);
		if (!skip && ports[1] != o->sport)
			inet_proto_csum_replace2(check, skb, ports[1], o->sport, false);
		ports[0] = o->dport;
		ports[1] = o->sport;
		if (!skip)
			l4_fix_zero(proto, check);
		break;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: {
		/* type, code, checksum, identifier: one layout for both */
		struct icmphdr *ih = l4;

		/*
		 * queries: the identifier, the source port of a request's
		 * tuple and the destination port of a reply's (packet.c)
		 */
		__be16 id = icmp_is_reply(family, ih->type) ? o->sport : o->dport;

		if (icmp_is_query(family, ih->type) && ih->un.echo.id != id) {
			inet_proto_csum_replace2(&ih->checksum, skb, ih->un.echo.id, id, false);
			ih->un.echo.id = id;
		}
		break;
	}
	}
	return 0;
}

/* the embedded packet of an ICMP error: fix it as it was before NAT */
static int rewrite_icmp_error(struct sk_buff *skb, const struct sxf_pkt *p,
			      const struct sxf_tuple *in, const struct sxf_tuple *peer)
{
	unsigned int noff = skb_network_offset(skb), ioff, il4 = p->inner_thoff;
	u8 family = p->family, iproto = p->inner.proto;
	__sum16 *ohcheck = NULL, *ihcheck = NULL;
	void *nh, *osa, *oda, *isa, *ida;
	struct icmphdr *ih;
	__wsum csum;
	int len;

	/* outer + ICMP header + embedded IP header + 8 bytes of it */
	if (skb_ensure_writable(skb, skb->len))
		return SRXFLOW_DROP_NO_MEMORY;
	nh = skb_network_header(skb);
	ih = nh + p->thoff;
	ioff = p->thoff + sizeof(*ih);
	len = skb->len - noff;
	if (family == AF_INET) {
		struct iphdr *iph = nh, *ii = nh + ioff;

		if (len < ioff + sizeof(*ii))
			return SRXFLOW_DROP_MALFORMED;
		ohcheck = &iph->check;
		osa = &iph->saddr;
		oda = &iph->daddr;
		ihcheck = &ii->check;
		isa = &ii->saddr;
		ida = &ii->daddr;
	} else {
		struct ipv6hdr *ip6 = nh, *ii = nh + ioff;

		if (len < ioff + sizeof(*ii))
			return SRXFLOW_DROP_MALFORMED;
		osa = &ip6->saddr;
		oda = &ip6->daddr;
		isa = &ii->saddr;
		ida = &ii->daddr;
	}

	/*
	 * embedded: the packet as the initiator's side sent (or received) it;
	 * its transport header where the parser found it (a first fragment)
	 */
	if (il4 && il4 + 8 <= len) {
		u8 *l4 = nh + il4;

		switch (iproto) {
		case IPPROTO_UDP:
		case IPPROTO_UDPLITE:
		case IPPROTO_DCCP:
		case IPPROTO_TCP: {
			__be16 *ports = (__be16 *)l4;
			__sum16 *check = NULL;

			if (iproto == IPPROTO_UDP && ((struct udphdr *)l4)->check)
				check = &((struct udphdr *)l4)->check;
			else if (iproto == IPPROTO_UDPLITE || iproto == IPPROTO_DCCP)
				check = (__sum16 *)(l4 + 6);	/* (in the 8 bytes) */
			else if (iproto == IPPROTO_TCP && il4 + 18 <= len)
				check = &((struct tcphdr *)l4)->check;
			if (check) {
				csum_addr(check, family, isa, &in->src);
				csum_addr(check, family, ida, &in->dst);
				csum_replace2(check, ports[0], in->sport);
				csum_replace2(check, ports[1], in->dport);
				l4_fix_zero(iproto, check);
			}
			ports[0] = in->sport;
			ports[1] = in->dport;
			break;
		}
		case IPPROTO_ICMP:
		case IPPROTO_ICMPV6: {
			struct icmphdr *eh = (struct icmphdr *)l4;
			__be16 id = icmp_is_reply(family, eh->type) ? in->dport : in->sport;

			/* (ICMP quoted in IPv6, ICMPv6 in IPv4: opaque) */
			if ((iproto == IPPROTO_ICMP) != (family == AF_INET) ||
			    !icmp_is_query(family, eh->type))
				break;
			if (iproto == IPPROTO_ICMPV6) {
				csum_addr(&eh->checksum, family, isa, &in->src);
				csum_addr(&eh->checksum, family, ida, &in->dst);
			}
			csum_replace2(&eh->checksum, eh->un.echo.id, id);
			eh->un.echo.id = id;
			break;
		}
		}
	}
	addr_set(skb, family, isa, &in->src, ihcheck, NULL);
	addr_set(skb, family, ida, &in->dst, ihcheck, NULL);

	/* outer: to the initiator; from the peer's original address if it sent it */
	if (!memcmp(osa, &peer->src, alen(family)))
		addr_set(skb, family, osa, &in->dst, ohcheck, NULL);
	addr_set(skb, family, oda, &in->src, ohcheck, NULL);

	/* the ICMP checksum covers the whole message: computed again */
	ih->checksum = 0;
	csum = skb_checksum(skb, noff + p->thoff, len - p->thoff, 0);
	if (family == AF_INET)
		ih->checksum = csum_fold(csum);
	else
		ih->checksum = csum_ipv6_magic(osa, oda, len - p->thoff, IPPROTO_ICMPV6, csum);
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

int sxf_nat_rewrite(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		    const struct sxf_wing *w)
{
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_tuple *o = &s->w[!w->dir].t;

	if (p->icmp_err) {
		/*
		 * The error travels like wing w's packets and quotes one of the
		 * other direction: the quoted header becomes the other wing's
		 * tuple (as it arrived on the initiator's side).
		 */
		return rewrite_icmp_error(skb, p, o, &w->t);
	}
	return rewrite(skb, p->family, p->thoff, p->proto, !p->frag_tail, o);
}

/*
 * services-offload (offload.c): an IPv4 or IPv6 TCP/UDP packet of wing w,
 * neither a fragment nor an ICMP error, at network header with thoff
 * bytes of IP header.  0, or the drop reason.
 */
int sxf_nat_rewrite_ports(struct sk_buff *skb, u8 family, unsigned int thoff, u8 proto,
			  const struct sxf_session *s, const struct sxf_wing *w)
{
	return rewrite(skb, family, thoff, proto, true, &s->w[!w->dir].t);
}
