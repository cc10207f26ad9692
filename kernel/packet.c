// SPDX-License-Identifier: GPL-2.0
/*
 * Packet parsing: IPv4/IPv6 headers (IPv6 extension headers skipped),
 * TCP/UDP/SCTP ports, ICMP queries and ICMP errors with their embedded
 * header.  Packets are read with skb_header_pointer(), never modified here.
 *
 * TCP checksums are verified here, before a segment can open a session,
 * move a session's TCP state or window, or be answered with a RST: a
 * segment with a bad checksum is malformed (what conntrack does with
 * nf_conntrack_checksum=1, its default).  It costs nothing for what most
 * devices deliver: CHECKSUM_UNNECESSARY (verified by the NIC),
 * CHECKSUM_PARTIAL (a local sender, e.g. across veth: trusted as good) and
 * CHECKSUM_COMPLETE (a pseudo-header fold); only CHECKSUM_NONE (raw
 * senders, NICs without receive offload) is summed in software, once.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/socket.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>
#include <net/dsfield.h>
#include "packet.h"

int sxf_icmp_reply_type(u8 family, u8 type)
{
	if (family == AF_INET) {
		switch (type) {
		case ICMP_ECHO: return ICMP_ECHOREPLY;
		case ICMP_TIMESTAMP: return ICMP_TIMESTAMPREPLY;
		case ICMP_INFO_REQUEST: return ICMP_INFO_REPLY;
		case ICMP_ADDRESS: return ICMP_ADDRESSREPLY;
		}
		return -1;
	}
	if (type == ICMPV6_ECHO_REQUEST)
		return ICMPV6_ECHO_REPLY;
	return -1;
}

static int icmp_request_type(u8 family, u8 type)
{
	if (family == AF_INET) {
		switch (type) {
		case ICMP_ECHOREPLY: return ICMP_ECHO;
		case ICMP_TIMESTAMPREPLY: return ICMP_TIMESTAMP;
		case ICMP_INFO_REPLY: return ICMP_INFO_REQUEST;
		case ICMP_ADDRESSREPLY: return ICMP_ADDRESS;
		}
		return -1;
	}
	if (type == ICMPV6_ECHO_REPLY)
		return ICMPV6_ECHO_REQUEST;
	return -1;
}

static bool icmp_is_error(u8 family, u8 type)
{
	if (family == AF_INET)
		return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH ||
		       type == ICMP_REDIRECT || type == ICMP_TIME_EXCEEDED ||
		       type == ICMP_PARAMETERPROB;
	return type < 128;	/* ICMPv6 error messages are 0..127 */
}

void sxf_tuple_reverse(struct sxf_tuple *r, const struct sxf_tuple *t, u32 vrf)
{
	int rt;

	memset(r, 0, sizeof(*r));
	r->src = t->dst;
	r->dst = t->src;
	r->sport = t->dport;
	r->dport = t->sport;
	r->proto = t->proto;
	r->family = t->family;
	r->vrf = vrf;
	/* (ICMPv6 in IPv4, ICMP in IPv6: opaque, parse_l4() reads no type) */
	if ((t->proto == IPPROTO_ICMP && t->family == AF_INET) ||
	    (t->proto == IPPROTO_ICMPV6 && t->family == AF_INET6)) {
		rt = sxf_icmp_reply_type(t->family, t->icmp_type);
		if (rt < 0)
			rt = icmp_request_type(t->family, t->icmp_type);
		r->icmp_type = rt < 0 ? t->icmp_type : rt;
	}
}

/* Ports (or ICMP id) of the transport header at off into t. */
static __always_inline int parse_l4(const struct sk_buff *skb, unsigned int off, u8 proto,
				    struct sxf_tuple *t, struct sxf_pkt *p, bool inner)
{
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP: {
		__be16 _ports[2];
		const __be16 *ports;

		/* the first 4 bytes are the ports for all of these */
		ports = skb_header_pointer(skb, off, sizeof(_ports), _ports);
		if (!ports)
			return -EINVAL;
		t->sport = ports[0];
		t->dport = ports[1];
		return 0;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: {
		struct { u8 type, code; __be16 csum; __be16 id, seq; } _ih;
		const typeof(_ih) *ih;
		u8 fam = proto == IPPROTO_ICMP ? AF_INET : AF_INET6;

		/*
		 * ICMP in IPv6 or ICMPv6 in IPv4 is a protocol like any other,
		 * never a query or an error: an error quoting the other family
		 * would be matched against that family's sessions.
		 */
		if (fam != t->family)
			return 0;
		/* embedded headers carry at least 8 bytes of transport header */
		ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
		if (!ih)
			return -EINVAL;
		t->icmp_type = ih->type;
		if (sxf_icmp_reply_type(fam, ih->type) >= 0) {
			/* one session per request, as Junos: In wing id/seq */
			t->sport = ih->id;
			t->dport = ih->seq;
			if (!inner) {
				p->icmp_query = true;
				p->icmp_reply = false;
			}
		} else if (icmp_request_type(fam, ih->type) >= 0) {
			/* the reply: the request's tuple reversed */
			t->sport = ih->seq;
			t->dport = ih->id;
			if (!inner) {
				p->icmp_query = true;
				p->icmp_reply = true;
			}
		}
		if (!inner) {
			p->icmp_type = ih->type;
			p->icmp_code = ih->code;
		}
		return 0;
	}
	default:
		return 0;
	}
}

/*
 * ipv6_skip_exthdr(), except that "no next header" (59) ends the chain as
 * a protocol instead of failing: Linux forwards such packets, and a
 * session of protocol 59 is judged by policy like any other protocol (as
 * Junos does).  Truncated extension headers still fail.
 */
static int skip_exthdr6(const struct sk_buff *skb, int start, u8 *nexthdrp,
			__be16 *frag_offp, bool *rthdr)
{
	u8 nexthdr = *nexthdrp;

	*frag_offp = 0;
	while (nexthdr != NEXTHDR_NONE && ipv6_ext_hdr(nexthdr)) {
		struct ipv6_opt_hdr _hdr;
		const struct ipv6_opt_hdr *hp;
		int hdrlen;

		hp = skb_header_pointer(skb, start, sizeof(_hdr), &_hdr);
		if (!hp)
			return -1;
		if (nexthdr == NEXTHDR_FRAGMENT) {
			__be16 _frag_off;
			const __be16 *fp;

			fp = skb_header_pointer(skb, start + offsetof(struct frag_hdr, frag_off),
						sizeof(_frag_off), &_frag_off);
			if (!fp)
				return -1;
			*frag_offp = *fp;
			if (ntohs(*frag_offp) & ~0x7)
				break;
			hdrlen = 8;
		} else if (nexthdr == NEXTHDR_AUTH) {
			hdrlen = ipv6_authlen(hp);
		} else if (nexthdr == NEXTHDR_ROUTING && rthdr) {
			struct ipv6_rt_hdr _rt;
			const struct ipv6_rt_hdr *rt;

			rt = skb_header_pointer(skb, start, sizeof(_rt), &_rt);
			if (!rt)
				return -1;
			*rthdr |= rt->segments_left != 0;
			hdrlen = ipv6_optlen(hp);
		} else {
			hdrlen = ipv6_optlen(hp);
		}
		nexthdr = hp->nexthdr;
		start += hdrlen;
	}
	*nexthdrp = nexthdr;
	return start;
}

/* TCP checksum of the segment at off (l4len bytes) is right, see the top. */
static bool tcp_csum_ok(const struct sk_buff *skb, unsigned int off, unsigned int l4len,
			const struct sxf_pkt *p)
{
	__wsum csum;

	if (skb_csum_unnecessary(skb))	/* UNNECESSARY, PARTIAL, or verified */
		return true;
	/*
	 * IPv6 with a routing header still to be followed: the pseudo-header
	 * has the final destination (RFC 8200 8.1), the last segment, not
	 * the header's; not summed here, the end host judges it
	 */
	if (p->rthdr6)
		return true;
	if (skb->ip_summed == CHECKSUM_COMPLETE && off + l4len == skb->len) {
		/* skb->csum covers skb->data to the end: take the headers out */
		csum = csum_sub(skb->csum, skb_checksum(skb, 0, off, 0));
		if (p->family == AF_INET ?
		    !csum_tcpudp_magic(p->t.src.v4, p->t.dst.v4, l4len, IPPROTO_TCP, csum) :
		    !csum_ipv6_magic(&p->t.src.v6, &p->t.dst.v6, l4len, IPPROTO_TCP, csum))
			return true;
		/* the device may be wrong: sum in software, as conntrack does */
	}
	csum = skb_checksum(skb, off, l4len, 0);
	if (p->family == AF_INET)
		return !csum_tcpudp_magic(p->t.src.v4, p->t.dst.v4, l4len, IPPROTO_TCP, csum);
	return !csum_ipv6_magic(&p->t.src.v6, &p->t.dst.v6, l4len, IPPROTO_TCP, csum);
}

static noinline int parse_tcp(const struct sk_buff *skb, unsigned int off, unsigned int l4len,
		     struct sxf_pkt *p)
{
	struct tcphdr _th;
	const struct tcphdr *th;
	unsigned int doff;

	th = skb_header_pointer(skb, off, sizeof(_th), &_th);
	if (!th)
		return -EINVAL;
	doff = th->doff * 4;
	if (doff < sizeof(*th) || doff > l4len)
		return -EINVAL;
	if (!p->frag_head && !tcp_csum_ok(skb, off, l4len, p))
		return -EBADMSG;
	p->tcp_flags = ((u8 *)th)[13] & 0x3f;
	p->seq = ntohl(th->seq);
	p->ack = ntohl(th->ack_seq);
	p->win = ntohs(th->window);
	p->datalen = l4len - doff;
	p->wscale = 0xff;
	if (th->syn && doff > sizeof(*th)) {
		u8 _opt[40];
		const u8 *opt;
		unsigned int i, olen = doff - sizeof(*th);

		opt = skb_header_pointer(skb, off + sizeof(*th), olen, _opt);
		if (!opt)
			return -EINVAL;
		for (i = 0; i < olen;) {
			if (opt[i] == TCPOPT_EOL)
				break;
			if (opt[i] == TCPOPT_NOP) {
				i++;
				continue;
			}
			if (i + 1 >= olen || opt[i + 1] < 2 || i + opt[i + 1] > olen)
				break;
			if (opt[i] == TCPOPT_WINDOW && opt[i + 1] == TCPOLEN_WINDOW)
				p->wscale = min_t(u8, opt[i + 2], 14);
			i += opt[i + 1];
		}
	}
	return 0;
}

/* Embedded header of an ICMPv4 error at off: its reversed tuple in p->inner. */
static noinline int parse_inner4(const struct sk_buff *skb, unsigned int off,
				 struct sxf_pkt *p)
{
	struct sxf_tuple emb = { .family = AF_INET };
	struct iphdr _iph;
	const struct iphdr *iph;

	memset(&p->inner, 0, sizeof(p->inner));
	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->ihl < 5 || iph->version != 4)
		return -EINVAL;
	emb.src.v4 = iph->saddr;
	emb.dst.v4 = iph->daddr;
	emb.proto = iph->protocol;
	if (!(iph->frag_off & htons(IP_OFFSET))) {
		if (parse_l4(skb, off + iph->ihl * 4, iph->protocol, &emb, p, true))
			return -EINVAL;
		p->inner_thoff = off + iph->ihl * 4 - skb_network_offset(skb);
	}
	sxf_tuple_reverse(&p->inner, &emb, p->t.vrf);
	return 0;
}

static noinline int parse_inner6(const struct sk_buff *skb, unsigned int off,
				 struct sxf_pkt *p)
{
	struct sxf_tuple emb = { .family = AF_INET6 };
	struct ipv6hdr _ip6h;
	const struct ipv6hdr *ip6h;
	__be16 frag_off;
	u8 nexthdr;
	int l4;

	memset(&p->inner, 0, sizeof(p->inner));
	ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
	if (!ip6h || ip6h->version != 6)
		return -EINVAL;
	emb.src.v6 = ip6h->saddr;
	emb.dst.v6 = ip6h->daddr;
	nexthdr = ip6h->nexthdr;
	l4 = skip_exthdr6(skb, off + sizeof(*ip6h), &nexthdr, &frag_off, NULL);
	if (l4 < 0)
		return -EINVAL;
	emb.proto = nexthdr;
	if (!(frag_off & htons(IP6_OFFSET))) {
		if (parse_l4(skb, l4, nexthdr, &emb, p, true))
			return -EINVAL;
		p->inner_thoff = l4 - skb_network_offset(skb);
	}
	sxf_tuple_reverse(&p->inner, &emb, p->t.vrf);
	return 0;
}

static __always_inline int parse_transport(struct sk_buff *skb, unsigned int off,
					   unsigned int l4len, struct sxf_pkt *p)
{
	if (parse_l4(skb, off, p->proto, &p->t, p, false))
		return -EINVAL;
	switch (p->proto) {
	case IPPROTO_TCP:
		return parse_tcp(skb, off, l4len, p);
	case IPPROTO_UDP:
		return l4len < sizeof(struct udphdr) ? -EINVAL : 0;
	case IPPROTO_ICMP:
		if (p->family != AF_INET)
			return 0;	/* (see parse_l4()) */
		if (l4len < 8)
			return -EINVAL;
		if (icmp_is_error(AF_INET, p->icmp_type)) {
			p->icmp_err = true;
			return parse_inner4(skb, off + 8, p);
		}
		return 0;
	case IPPROTO_ICMPV6:
		if (p->family != AF_INET6)
			return 0;
		if (l4len < 8)
			return -EINVAL;
		if (icmp_is_error(AF_INET6, p->icmp_type)) {
			p->icmp_err = true;
			return parse_inner6(skb, off + 8, p);
		}
		return 0;
	}
	return 0;
}

int sxf_parse(struct sk_buff *skb, u8 family, u32 vrf, struct sxf_pkt *p)
{
	unsigned int nhoff = skb_network_offset(skb);

	/* p->inner is written only for ICMP errors (parse_inner4/6) */
	memset(p, 0, offsetof(struct sxf_pkt, inner));
	memset(&p->after_inner, 0, sizeof(p->after_inner));
	p->family = family;
	p->t.family = family;
	p->t.vrf = vrf;

	if (family == AF_INET) {
		struct iphdr _iph;
		const struct iphdr *iph;
		unsigned int ihl, tot;

		iph = skb_header_pointer(skb, nhoff, sizeof(_iph), &_iph);
		if (!iph || iph->version != 4 || iph->ihl < 5)
			return -EINVAL;
		ihl = iph->ihl * 4;
		tot = ntohs(iph->tot_len);
		if (tot < ihl || tot > skb->len - nhoff)
			return -EINVAL;
		p->t.src.v4 = iph->saddr;
		p->t.dst.v4 = iph->daddr;
		p->t.proto = iph->protocol;
		p->proto = iph->protocol;
		p->tos = iph->tos;
		p->ttl = iph->ttl;
		p->len = tot;
		p->ipid = ntohs(iph->id);
		p->thoff = ihl;
		p->fragment = IPCB(skb)->frag_max_size != 0;
		if (iph->frag_off & htons(IP_OFFSET)) {
			p->frag_tail = true;
			return 0;	/* not the first fragment: no ports */
		}
		p->frag_head = !!(iph->frag_off & htons(IP_MF));
		return parse_transport(skb, nhoff + ihl, tot - ihl, p);
	}
	{
		struct ipv6hdr _ip6h;
		const struct ipv6hdr *ip6h;
		unsigned int plen;
		__be16 frag_off;
		u8 nexthdr;
		int l4;

		ip6h = skb_header_pointer(skb, nhoff, sizeof(_ip6h), &_ip6h);
		if (!ip6h || ip6h->version != 6)
			return -EINVAL;
		plen = ntohs(ip6h->payload_len);
		/*
		 * BIG TCP (gro_max_size/gso_max_size above 64K): a GRO or GSO
		 * packet of more than 64K is a jumbogram, payload length 0 and
		 * its length in a hop-by-hop jumbo option (RFC 2675), which
		 * ipv6_has_hopopt_jumbo() checks; the skb holds all of it
		 */
		if (!plen && ip6h->nexthdr == NEXTHDR_HOP && nhoff == skb_network_offset(skb) &&
		    ipv6_has_hopopt_jumbo(skb))
			plen = skb->len - nhoff - sizeof(*ip6h);
		if (plen + sizeof(*ip6h) > skb->len - nhoff)
			return -EINVAL;
		p->t.src.v6 = ip6h->saddr;
		p->t.dst.v6 = ip6h->daddr;
		p->tos = ipv6_get_dsfield(ip6h);
		p->ttl = ip6h->hop_limit;
		p->len = plen + sizeof(*ip6h);
		nexthdr = ip6h->nexthdr;
		l4 = skip_exthdr6(skb, nhoff + sizeof(*ip6h), &nexthdr, &frag_off, &p->rthdr6);
		if (l4 < 0)
			return -EINVAL;
		p->t.proto = nexthdr;
		p->proto = nexthdr;
		p->thoff = l4 - nhoff;
		p->fragment = IP6CB(skb)->frag_max_size != 0;
		if (frag_off & htons(IP6_OFFSET)) {
			p->frag_tail = true;
			return 0;
		}
		p->frag_head = !!(frag_off & htons(IP6_MF));
		if ((unsigned int)l4 > nhoff + p->len)
			return -EINVAL;
		return parse_transport(skb, l4, nhoff + p->len - l4, p);
	}
}
