// SPDX-License-Identifier: GPL-2.0
/*
 * NAT rewriting of forwarded packets (IPv4), from the session's tuples: a
 * packet matching wing d leaves as the inverse of wing !d's tuple (source
 * = that wing's destination, and so on), as nf_nat_manip_pkt() does it.
 *
 * Checksums are updated incrementally (inet_proto_csum_replace*): the IPv4
 * header, the TCP/UDP pseudo-header and ports - which also keeps a
 * CHECKSUM_PARTIAL (GSO) packet's pseudo-header sum right -, a UDP zero
 * checksum stays zero, ICMP queries get their identifier replaced.
 *
 * An ICMP error about a session travels on the wing it is addressed to:
 * its embedded header is rewritten to the other wing's view (what the
 * initiator sent), the outer destination to the initiator, the outer
 * source when it was the translated peer itself; the embedded IP and L4
 * checksums are fixed and the ICMP checksum computed again
 * (nf_nat_icmp_reply_translation(), RFC 5508).
 */
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmp.h>
#include <net/ip.h>
#include <net/checksum.h>
#include "engine.h"
#include "session.h"
#include "nat.h"

/* ICMP queries (packet.c's pairs): the identifier is translated */
static bool icmp_is_reply(u8 type)
{
	return type == ICMP_ECHOREPLY || type == ICMP_TIMESTAMPREPLY ||
	       type == ICMP_INFO_REPLY || type == ICMP_ADDRESSREPLY;
}

static bool icmp_is_query(u8 type)
{
	return icmp_is_reply(type) || sxf_icmp_reply_type(AF_INET, type) >= 0;
}

/* L4 header bytes the rewrite touches */
static unsigned int l4_len(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP: return sizeof(struct tcphdr);
	case IPPROTO_UDP: return sizeof(struct udphdr);
	case IPPROTO_ICMP: return sizeof(struct icmphdr);
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

		/* a zero UDP checksum means none (unless the NIC fills it in) */
		*skip = !uh->check && skb->ip_summed != CHECKSUM_PARTIAL;
		return &uh->check;
	}
	}
	return NULL;
}

static void l4_fix_zero(u8 proto, __sum16 *check)
{
	if (proto == IPPROTO_UDP && !*check)
		*check = CSUM_MANGLED_0;
}

/*
 * Rewrite the packet at nh (network header offset noff in skb) to
 * saddr:sport -> daddr:dport.  has_l4: the transport header is there
 * (not a later fragment).
 */
static int rewrite4(struct sk_buff *skb, unsigned int thoff, u8 proto, bool has_l4,
		    __be32 saddr, __be32 daddr, __be16 sport, __be16 dport)
{
	unsigned int noff = skb_network_offset(skb), need = thoff + (has_l4 ? l4_len(proto) : 0);
	struct iphdr *iph;
	__sum16 *check = NULL;
	bool skip = true;
	void *l4;

	if (skb_ensure_writable(skb, noff + need))
		return SRXFLOW_DROP_NO_MEMORY;
	iph = ip_hdr(skb);
	l4 = (u8 *)iph + thoff;
	if (has_l4 && l4_len(proto))
		check = l4_check(skb, l4, proto, &skip);
	if (iph->saddr != saddr) {
		if (check && !skip && proto != IPPROTO_ICMP)
			inet_proto_csum_replace4(check, skb, iph->saddr, saddr, true);
		csum_replace4(&iph->check, iph->saddr, saddr);
		iph->saddr = saddr;
	}
	if (iph->daddr != daddr) {
		if (check && !skip && proto != IPPROTO_ICMP)
			inet_proto_csum_replace4(check, skb, iph->daddr, daddr, true);
		csum_replace4(&iph->check, iph->daddr, daddr);
		iph->daddr = daddr;
	}
	if (!has_l4)
		return 0;
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP: {
		__be16 *ports = l4;

		if (!skip && ports[0] != sport)
			inet_proto_csum_replace2(check, skb, ports[0], sport, false);
		if (!skip && ports[1] != dport)
			inet_proto_csum_replace2(check, skb, ports[1], dport, false);
		ports[0] = sport;
		ports[1] = dport;
		if (!skip)
			l4_fix_zero(proto, check);
		break;
	}
	case IPPROTO_ICMP: {
		struct icmphdr *ih = l4;

		/*
		 * queries: the identifier, the source port of a request's
		 * tuple and the destination port of a reply's (packet.c)
		 */
		__be16 id = icmp_is_reply(ih->type) ? dport : sport;

		if (icmp_is_query(ih->type) && ih->un.echo.id != id) {
			inet_proto_csum_replace2(&ih->checksum, skb, ih->un.echo.id, id, false);
			ih->un.echo.id = id;
		}
		break;
	}
	}
	return 0;
}

/* the embedded packet of an ICMP error: fix it as it was before NAT */
static int rewrite_icmp_error4(struct sk_buff *skb, const struct sxf_pkt *p,
			       const struct sxf_tuple *in, const struct sxf_tuple *peer)
{
	unsigned int noff = skb_network_offset(skb), ioff, il4;
	struct iphdr *iph, *inner;
	struct icmphdr *ih;
	int len;

	/* outer + ICMP header + embedded IP header + 8 bytes of it */
	if (skb_ensure_writable(skb, skb->len))
		return SRXFLOW_DROP_NO_MEMORY;
	iph = ip_hdr(skb);
	ih = (struct icmphdr *)((u8 *)iph + p->thoff);
	ioff = p->thoff + sizeof(*ih);
	if (skb->len < noff + ioff + sizeof(*inner))
		return SRXFLOW_DROP_MALFORMED;
	inner = (struct iphdr *)((u8 *)iph + ioff);
	il4 = ioff + inner->ihl * 4;
	len = skb->len - noff;

	/* embedded: the packet as the initiator's side sent (or received) it */
	if (il4 + 8 <= len) {
		u8 *l4 = (u8 *)iph + il4;

		switch (inner->protocol) {
		case IPPROTO_UDP:
		case IPPROTO_TCP: {
			__be16 *ports = (__be16 *)l4;
			__sum16 *check = NULL;

			if (inner->protocol == IPPROTO_UDP && ((struct udphdr *)l4)->check)
				check = &((struct udphdr *)l4)->check;
			else if (inner->protocol == IPPROTO_TCP && il4 + 18 <= len)
				check = &((struct tcphdr *)l4)->check;
			if (check) {
				csum_replace4(check, inner->saddr, in->src.v4);
				csum_replace4(check, inner->daddr, in->dst.v4);
				csum_replace2(check, ports[0], in->sport);
				csum_replace2(check, ports[1], in->dport);
				l4_fix_zero(inner->protocol, check);
			}
			ports[0] = in->sport;
			ports[1] = in->dport;
			break;
		}
		case IPPROTO_ICMP: {
			struct icmphdr *eh = (struct icmphdr *)l4;

			__be16 id = icmp_is_reply(eh->type) ? in->dport : in->sport;

			if (!icmp_is_query(eh->type))
				break;
			csum_replace2(&eh->checksum, eh->un.echo.id, id);
			eh->un.echo.id = id;
			break;
		}
		}
	}
	csum_replace4(&inner->check, inner->saddr, in->src.v4);
	csum_replace4(&inner->check, inner->daddr, in->dst.v4);
	inner->saddr = in->src.v4;
	inner->daddr = in->dst.v4;

	/* outer: to the initiator; from the peer's original address if it sent it */
	if (iph->saddr == peer->src.v4) {
		csum_replace4(&iph->check, iph->saddr, in->dst.v4);
		iph->saddr = in->dst.v4;
	}
	csum_replace4(&iph->check, iph->daddr, in->src.v4);
	iph->daddr = in->src.v4;

	/* the ICMP checksum covers the whole message: computed again */
	ih->checksum = 0;
	ih->checksum = csum_fold(skb_checksum(skb, noff + p->thoff, len - p->thoff, 0));
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

int sxf_nat_rewrite(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		    const struct sxf_wing *w)
{
	const struct sxf_pkt *p = &c->pkt;
	const struct sxf_tuple *o = &s->w[!w->dir].t;
	bool has_l4;

	if (p->family != AF_INET)
		return 0;
	if (p->icmp_err) {
		/*
		 * The error travels like wing w's packets and quotes one of the
		 * other direction: the quoted header becomes the other wing's
		 * tuple (as it arrived on the initiator's side).
		 */
		return rewrite_icmp_error4(skb, p, o, &w->t);
	}
	has_l4 = !(ip_hdr(skb)->frag_off & htons(IP_OFFSET));
	return rewrite4(skb, p->thoff, p->proto, has_l4, o->dst.v4, o->src.v4, o->dport, o->sport);
}

/*
 * services-offload (offload.c): an IPv4 TCP/UDP packet of wing w, neither
 * a fragment nor an ICMP error, at network header with thoff bytes of IP
 * header.  0, or the drop reason.
 */
int sxf_nat_rewrite_ports4(struct sk_buff *skb, unsigned int thoff, u8 proto,
			   const struct sxf_session *s, const struct sxf_wing *w)
{
	const struct sxf_tuple *o = &s->w[!w->dir].t;

	return rewrite4(skb, thoff, proto, true, o->dst.v4, o->src.v4, o->dport, o->sport);
}
