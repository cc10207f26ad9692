// SPDX-License-Identifier: GPL-2.0
/*
 * SYN-flood protection, syn-cookie mode (`security flow
 * syn-flood-protection-mode syn-cookie`, the Junos default; syn-proxy is
 * refused at commit).
 *
 * Past a zone screen's `tcp syn-flood attack-threshold` (SYNs per second
 * to one destination address and port, screen_rate.c) the router answers
 * a SYN itself, as Linux's nf_synproxy does, and keeps nothing:
 *
 *   client          srxflow                     server
 *   SYN      ->     SYN-ACK seq=cookie, win 0
 *   ACK=cookie+1 -> valid: session installed, SYN (client ISN, the
 *                   cookie's MSS)            ->
 *                                            <- SYN-ACK seq=server ISN
 *                   ACK                      ->
 *           <-      ACK (window update)
 *   ... the session goes on; the server's sequence numbers are shifted by
 *   cookie - server ISN for its whole life (seqadj.c).
 *
 * The cookie is the kernel's own (__cookie_v4_init_sequence() /
 * __cookie_v6_init_sequence(): keyed hash of addresses, ports, the
 * client's ISN and a minute counter, with the MSS index in its low bits;
 * valid for two minutes, __cookie_v4_check()).
 *
 * The other options survive in the TCP timestamp, as nf_synproxy does
 * (synproxy_init_timestamp_cookie() / synproxy_check_timestamp_cookie()):
 * when the client's SYN has timestamps, the SYN-ACK offers timestamps
 * with the client's window scale (0xf: none) in bits 0-3 of its TSval and
 * SACK permitted in bit 4, SACK permitted if the client offered it, and
 * window scale SXF_COOKIE_WSCALE if the client offered one.  The client's
 * ACK echoes that TSval: the SYN to the server asks for the client's
 * window scale, SACK and timestamps (the client's TSval).  From the
 * server's SYN-ACK on, the server's timestamps are shifted by tsoff =
 * server's TSval - the router's (its TSval down to the client, the
 * client's TSecr up to the server), and when the server chose another
 * window scale than the client was given, its windows are rescaled for
 * the client (seqadj.c; a server that declines scaling gets the client's
 * windows unscaled: slower, never wrong).  Without timestamps in the
 * client's SYN only the MSS survives (as Linux's syncookies).  The
 * SYN-ACK announces a zero window, so the client sends no data before the
 * server is connected; the window update after the server's SYN-ACK
 * opens it.
 *
 * SYNs to the router itself are not answered (the router's own stack has
 * its own SYN cookies); a SYN to one of its addresses that static or
 * destination NAT translates (a forwarded port) is transit and answered.
 * A bare ACK without session is checked for a cookie while cookies were
 * sent to its destination address and port in the last two minutes (as
 * tcp_synq_no_recent_overflow() per listener; sxf_screen_cookie_last());
 * elsewhere it is what it is (no SYN).  An invalid one is dropped
 * ("SYN cookie invalid") and counted.  Counters: per zone interface,
 * rows "TCP SYN cookie sent / valid / invalid" of
 * `show security screen statistics`.
 *
 * The crafted packets: the SYN-ACK is routed back to the client in the
 * table of the interface the SYN arrived on and sent as the router's own
 * packet (like reject.c's answers); the SYN and ACK to the server, and the
 * window update to the client, leave by the session's wings (sxf_forward():
 * their routes, NAT, sequence adjustment), as a forwarded packet would.
 */
#include <linux/tcp.h>
#include <linux/inetdevice.h>
#include <net/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/route.h>
#include <asm/unaligned.h>
#include "engine.h"
#include "screen.h"
#include "session.h"
#include "syncookie.h"
#include "screen_rate.h"
#include "trace.h"
#include "seqadj.h"
#include "nat.h"

/* how long a cookie is good for: the kernel's MAX_SYNCOOKIE_AGE minutes */
#define SXF_COOKIE_WINDOW	(2 * 60 * HZ)

struct tcp_full {
	struct tcphdr th;
	u8 opt[40];
};

/* the TCP header with its options, copied; NULL when truncated */
static struct tcphdr *tcp_header(const struct sxf_ctx *c, const struct sk_buff *skb,
				 struct tcp_full *buf)
{
	unsigned int off = skb_network_offset(skb) + c->pkt.thoff, len;
	const struct tcphdr *th = skb_header_pointer(skb, off, sizeof(buf->th), &buf->th);

	if (!th)
		return NULL;
	len = th->doff * 4;
	if (len < sizeof(*th) || len > sizeof(*buf))
		return NULL;
	if (th != &buf->th)
		memcpy(&buf->th, th, sizeof(*th));
	if (len > sizeof(*th) &&
	    skb_copy_bits(skb, off + sizeof(*th), buf->opt, len - sizeof(*th)))
		return NULL;
	return &buf->th;
}

/* the options a cookie carries (nf_synproxy's synproxy_options) */
struct sc_opts {
	u16 mss;			/* 0: none */
	u8 wscale;			/* 0xff: none */
	bool sack;			/* SACK permitted */
	bool ts;			/* timestamps */
	u32 tsval, tsecr;
};

/*
 * The window scale the router gives the client in its SYN-ACK, before it
 * knows the server's (Linux's usual one): when the server announces
 * another, the server's windows are rescaled for the client (seqadj.c).
 */
#define SXF_COOKIE_WSCALE	7

/* the options of a segment (as nf_synproxy's synproxy_parse_options()) */
static void parse_opts(const struct tcphdr *th, struct sc_opts *o)
{
	const u8 *op = (const u8 *)(th + 1);
	unsigned int n = th->doff * 4 - sizeof(*th), i = 0;

	memset(o, 0, sizeof(*o));
	o->wscale = 0xff;
	while (i < n) {
		if (op[i] == TCPOPT_EOL)
			break;
		if (op[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= n || op[i + 1] < 2 || i + op[i + 1] > n)
			break;
		switch (op[i]) {
		case TCPOPT_MSS:
			if (op[i + 1] == TCPOLEN_MSS)
				o->mss = get_unaligned_be16(op + i + 2);
			break;
		case TCPOPT_WINDOW:
			if (op[i + 1] == TCPOLEN_WINDOW)
				o->wscale = min_t(u8, op[i + 2], TCP_MAX_WSCALE);
			break;
		case TCPOPT_SACK_PERM:
			if (op[i + 1] == TCPOLEN_SACK_PERM)
				o->sack = true;
			break;
		case TCPOPT_TIMESTAMP:
			if (op[i + 1] == TCPOLEN_TIMESTAMP) {
				o->ts = true;
				o->tsval = get_unaligned_be32(op + i + 2);
				o->tsecr = get_unaligned_be32(op + i + 6);
			}
			break;
		}
		i += op[i + 1];
	}
}

static unsigned int opts_len(const struct sc_opts *o)
{
	return (o->mss ? TCPOLEN_MSS : 0) +
	       (o->ts ? TCPOLEN_TSTAMP_ALIGNED : o->sack ? TCPOLEN_SACKPERM_ALIGNED : 0) +
	       (o->wscale != 0xff ? TCPOLEN_WSCALE_ALIGNED : 0);
}

/* as nf_synproxy's synproxy_build_options() */
static void build_opts(struct tcphdr *th, const struct sc_opts *o)
{
	__be32 *ptr = (__be32 *)(th + 1);

	if (o->mss)
		*ptr++ = htonl((TCPOPT_MSS << 24) | (TCPOLEN_MSS << 16) | o->mss);
	if (o->ts) {
		if (o->sack)
			*ptr++ = htonl((TCPOPT_SACK_PERM << 24) | (TCPOLEN_SACK_PERM << 16) |
				       (TCPOPT_TIMESTAMP << 8) | TCPOLEN_TIMESTAMP);
		else
			*ptr++ = htonl((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
				       (TCPOPT_TIMESTAMP << 8) | TCPOLEN_TIMESTAMP);
		*ptr++ = htonl(o->tsval);
		*ptr++ = htonl(o->tsecr);
	} else if (o->sack) {
		*ptr++ = htonl((TCPOPT_NOP << 24) | (TCPOPT_NOP << 16) |
			       (TCPOPT_SACK_PERM << 8) | TCPOLEN_SACK_PERM);
	}
	if (o->wscale != 0xff)
		*ptr++ = htonl((TCPOPT_NOP << 24) | (TCPOPT_WINDOW << 16) |
			       (TCPOLEN_WINDOW << 8) | o->wscale);
}

/* an IPv4/IPv6 TCP segment without payload, options o (NULL: none), checksums complete */
static struct sk_buff *build_tcp(u8 family, const void *saddr, const void *daddr,
				 __be16 sport, __be16 dport, u32 seq, u32 ack,
				 __be32 flags, u16 win, const struct sc_opts *o)
{
	unsigned int nhlen = family == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	unsigned int thlen = sizeof(struct tcphdr) + (o ? opts_len(o) : 0);
	struct sk_buff *nskb;
	struct tcphdr *th;

	nskb = alloc_skb(LL_MAX_HEADER + nhlen + thlen, GFP_ATOMIC);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	skb_put(nskb, nhlen);
	skb_set_transport_header(nskb, nhlen);
	th = skb_put_zero(nskb, thlen);
	th->source = sport;
	th->dest = dport;
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	tcp_flag_word(th) = flags;
	th->doff = thlen / 4;
	th->window = htons(win);
	if (o)
		build_opts(th, o);
	if (family == AF_INET) {
		struct iphdr *iph = ip_hdr(nskb);

		iph->version = 4;
		iph->ihl = 5;
		iph->tos = 0;
		iph->tot_len = htons(nhlen + thlen);
		iph->id = 0;
		iph->frag_off = htons(IP_DF);
		iph->ttl = 64;
		iph->protocol = IPPROTO_TCP;
		memcpy(&iph->saddr, saddr, 4);
		memcpy(&iph->daddr, daddr, 4);
		ip_send_check(iph);
		th->check = tcp_v4_check(thlen, iph->saddr, iph->daddr, csum_partial(th, thlen, 0));
		nskb->protocol = htons(ETH_P_IP);
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(nskb);

		ip6_flow_hdr(ip6h, 0, 0);
		ip6h->payload_len = htons(thlen);
		ip6h->nexthdr = IPPROTO_TCP;
		ip6h->hop_limit = 64;
		memcpy(&ip6h->saddr, saddr, 16);
		memcpy(&ip6h->daddr, daddr, 16);
		th->check = tcp_v6_check(thlen, &ip6h->saddr, &ip6h->daddr,
					 csum_partial(th, thlen, 0));
		nskb->protocol = htons(ETH_P_IPV6);
	}
	nskb->ip_summed = CHECKSUM_NONE;
	return nskb;
}

/* the router's own answer to the client, routed in the arrival table */
/*
 * A crafted segment to the packet's source, from the router (consumed):
 * 0, -ENETUNREACH (no route back), or the transmit's error
 */
static int send_local(struct sxf_ctx *c, struct sk_buff *nskb)
{
	struct net *net = c->state->net;
	struct sxf_tuple t = { 0 };
	struct sxf_route r;
	int err;

	t.family = c->pkt.family;
	t.proto = IPPROTO_TCP;
	t.dst = c->pkt.t.src;
	if (sxf_route_lookup(net, &t, 0, 0, c->vrf, &r) || r.local || !r.dst) {
		if (r.dst)
			dst_release(r.dst);
		kfree_skb(nskb);
		return -ENETUNREACH;
	}
	skb_dst_set(nskb, r.dst);
	nskb->dev = r.dst->dev;
	if (c->pkt.family == AF_INET)
		err = ip_local_out(net, NULL, nskb);
	else
		err = ip6_local_out(net, NULL, nskb);
	return net_xmit_eval(err);
}

/*
 * A crafted segment leaves by wing w of s as a forwarded packet would.
 * c is the packet's context; the crafted segment gets its own view.
 */
static void send_wing(const struct sxf_ctx *c, struct sk_buff *nskb, struct sxf_session *s,
		      struct sxf_wing *w, u8 tcp_flags)
{
	struct sxf_ctx c2 = *c;
	unsigned int v;

	c2.pkt.t = w->t;
	c2.pkt.proto = IPPROTO_TCP;
	c2.pkt.ttl = 64;
	c2.pkt.tos = 0;
	c2.pkt.len = nskb->len;
	c2.pkt.thoff = skb_transport_offset(nskb);
	c2.pkt.fragment = false;
	c2.pkt.frag_head = false;
	c2.pkt.icmp_err = false;
	c2.pkt.icmp_query = false;
	c2.pkt.tcp_flags = tcp_flags;
	c2.pkt.datalen = 0;
	/* as if it arrived with the packet that caused it (the forwarding checks) */
	nskb->dev = c->in;
	nskb->pkt_type = PACKET_HOST;
	v = sxf_forward(&c2, nskb, s, w);
	if (v != NF_STOLEN)
		kfree_skb(nskb);
}

/*
 * A SYN to the router itself: to one of its addresses, and not translated
 * away from it by static or destination NAT (a port forwarded on an
 * interface address is transit, answered with cookies like any other).
 */
static bool to_router(struct sxf_ctx *c, struct sk_buff *skb, int dtype)
{
	const struct sxf_tuple *t = &c->pkt.t;
	struct sxf_nat_fp n = { .xt = *t };
	u32 trace = c->trace;
	bool local;

	if (t->family == AF_INET)
		local = dtype == RTN_LOCAL;
	else
		local = ipv6_chk_addr(c->state->net, &t->dst.v6, NULL, 0);
	if (!local)
		return false;
	/* the lookup only: the first path traces it (and translates) on the ACK */
	c->trace = 0;
	sxf_nat_dst(c, skb, &n);
	c->trace = trace;
	return !(n.sflags & SXF_SF_DNAT);
}

unsigned int sxf_syncookie_syn(struct sxf_ctx *c, struct sk_buff *skb,
			       const struct sxf_screen *scr, struct sxf_scr_stats *st)
{
	const struct sxf_pkt *p = &c->pkt;
	struct sc_opts in, out;
	struct tcp_full buf;
	struct tcphdr *th;
	struct sk_buff *nskb;
	int dtype, err;
	u16 mss;
	u32 isn;

	/*
	 * a SYN of a session that exists (retransmission, port reuse), to the
	 * router, or one no answer may go to (broadcast, multicast: the first
	 * path drops it)
	 */
	if (sxf_session_lookup(c->sn, &p->t))
		return NF_ACCEPT;
	dtype = sxf_dst_type(c);	/* (one FIB lookup for both) */
	if (!sxf_answerable(c, skb, dtype) || to_router(c, skb, dtype))
		return NF_ACCEPT;
	th = tcp_header(c, skb, &buf);
	if (!th)
		return sxf_drop(c, skb, SRXFLOW_DROP_MALFORMED, NULL);
	parse_opts(th, &in);
	mss = in.mss;
	if (!mss)
		mss = p->family == AF_INET ? 536 : 1220;
	if (p->family == AF_INET)
		isn = __cookie_v4_init_sequence(ip_hdr(skb), th, &mss);
	else
		isn = __cookie_v6_init_sequence(ipv6_hdr(skb), th, &mss);
	memset(&out, 0, sizeof(out));
	out.mss = mss;
	out.wscale = 0xff;
	if (in.ts) {
		/*
		 * As synproxy_init_timestamp_cookie(): the client's window
		 * scale (0xf: none) and SACK permitted in the low bits of the
		 * TSval, which the client echoes in its ACK
		 */
		out.ts = true;
		out.tsecr = in.tsval;
		out.tsval = (tcp_time_stamp_raw() & ~0x3f) |
			    (in.wscale != 0xff ? in.wscale : 0xf) | (in.sack ? BIT(4) : 0);
		out.sack = in.sack;
		if (in.wscale != 0xff)
			out.wscale = SXF_COOKIE_WSCALE;
	}
	nskb = build_tcp(p->family, &p->t.dst, &p->t.src, p->t.dport, p->t.sport, isn,
			 p->seq + 1, TCP_FLAG_SYN | TCP_FLAG_ACK, 0, &out);
	if (!nskb)
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_MEMORY, NULL);
	/*
	 * No route back to the source (a spoofed one, typically), or the
	 * answer did not leave (an OUTPUT rule, no buffer): no cookie went
	 * out, so none is counted or remembered; the SYN is dropped
	 */
	err = send_local(c, nskb);
	if (err) {
		SXF_TRACE(c, SXF_T_DATAPATH,
			  "screen: SYN flood: attack-threshold %u exceeded, %s",
			  scr->syn_attack, err == -ENETUNREACH ?
			  "no route back to the source for a SYN cookie" :
			  "the SYN cookie could not be sent");
		return sxf_drop(c, skb, err == -ENETUNREACH ? SRXFLOW_DROP_NO_REVERSE_ROUTE :
				SRXFLOW_DROP_XMIT, NULL);
	}
	SXF_STAT_INC(c->sn, tx);
	sxf_screen_cookie_sent(c->sn, &p->t);
	if (st)
		this_cpu_inc(st->ctr[SRXFLOW_SCR_SYN_COOKIE_SENT]);
	SXF_TRACE(c, SXF_T_DATAPATH,
		  "screen: SYN flood: attack-threshold %u exceeded, answered with SYN cookie 0x%08x (mss %u)",
		  scr->syn_attack, isn, mss);
	consume_skb(skb);
	return NF_STOLEN;
}

int sxf_syncookie_check(struct sxf_ctx *c, struct sk_buff *skb)
{
	const struct sxf_screen *scr = c->ifent->zif->zone->scr;
	struct sxf_scr_stats *st = c->ifent->zif->scr_stats;
	unsigned long last = sxf_screen_cookie_last(c->sn, &c->pkt.t);
	const struct sxf_pkt *p = &c->pkt;
	struct tcp_full buf;
	struct tcphdr *th;
	int mss;

	if (!scr || !(scr->checks & BIT_ULL(SRXFLOW_SCR_SYN_FLOOD)) || !last ||
	    time_after(jiffies, last + SXF_COOKIE_WINDOW))
		return 0;
	th = tcp_header(c, skb, &buf);
	if (!th)
		return 0;
	if (p->family == AF_INET)
		mss = __cookie_v4_check(ip_hdr(skb), th, p->ack - 1);
	else
		mss = __cookie_v6_check(ipv6_hdr(skb), th, p->ack - 1);
	if (mss > 0) {
		if (st)
			this_cpu_inc(st->ctr[SRXFLOW_SCR_SYN_COOKIE_VALID]);
		SXF_TRACE(c, SXF_T_DATAPATH, "screen: SYN flood: valid SYN cookie 0x%08x (mss %d), opening the session",
			  p->ack - 1, mss);
		return mss;
	}
	if (c->cfg->flow.no_syn_check)
		return 0;	/* not a cookie: an ACK may open a session */
	if (st)
		this_cpu_inc(st->ctr[SRXFLOW_SCR_SYN_COOKIE_INVALID]);
	SXF_TRACE(c, SXF_T_DATAPATH, "screen: SYN flood: invalid SYN cookie 0x%08x", p->ack - 1);
	sxf_drop(c, skb, SRXFLOW_DROP_SYN_COOKIE, NULL);
	return -1;
}

unsigned int sxf_syncookie_open(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
				u16 mss)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);
	const struct sxf_pkt *p = &c->pkt;
	struct sk_buff *nskb;
	struct tcp_full buf;
	struct tcphdr *th;
	struct sc_opts in, o;
	u32 win = p->win;

	if (!ext)	/* never: allocated with the extension (first_path.c) */
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_MEMORY, "(no session extension)");
	ext->sc.isn = p->ack - 1;
	memset(&o, 0, sizeof(o));
	o.mss = mss;
	o.wscale = 0xff;
	th = tcp_header(c, skb, &buf);
	if (th)
		parse_opts(th, &in);
	if (th && in.ts) {
		/*
		 * As synproxy_check_timestamp_cookie(): the TSecr echoes the
		 * router's TSval, whose low bits say what the client's SYN
		 * offered; the server's SYN asks for the same, with the
		 * client's timestamps
		 */
		o.ts = true;
		o.tsval = in.tsval;
		o.tsecr = in.tsecr;
		o.sack = in.tsecr & BIT(4);
		if ((in.tsecr & 0xf) != 0xf)
			o.wscale = min_t(u8, in.tsecr & 0xf, TCP_MAX_WSCALE);
		spin_lock_bh(&s->lock);
		ext->sc.ts = 1;
		ext->sc.its = in.tsecr;
		if (o.wscale != 0xff) {
			ext->sc.ws_own = o.wscale;
			ext->sc.ws_client = SXF_COOKIE_WSCALE;
			/* the tracker learns the client's scale its SYN announced */
			s->w[0].tcp.scale = o.wscale;
			s->w[0].tcp.flags |= SXF_TDF_SCALE;
		}
		spin_unlock_bh(&s->lock);
		/* a SYN's window is never scaled */
		if (o.wscale != 0xff)
			win = min_t(u32, win << o.wscale, 65535);
	}
	/* the client's SYN again: its ISN, its window, the MSS of the cookie */
	nskb = build_tcp(p->family, &p->t.src, &p->t.dst, p->t.sport, p->t.dport, p->seq - 1,
			 0, TCP_FLAG_SYN, win, &o);
	if (!nskb)
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_MEMORY, NULL);
	SXF_TRACE(c, SXF_T_DATAPATH,
		  "screen: SYN flood: session %llu: SYN to the server (mss %u, wscale %d, sack %d, timestamps %d)",
		  s->id, mss, o.wscale == 0xff ? -1 : o.wscale, o.sack, o.ts);
	send_wing(c, nskb, s, &s->w[0], SXF_TCP_SYN);
	/* the client's ACK ends here: the handshake with the server replaces it */
	consume_skb(skb);
	return NF_STOLEN;
}

/*
 * The server's first answer to the replayed SYN (SYN-ACK or RST): the one
 * packet that clears SXF_SF_SYNCOOKIE, whichever CPU it arrives on.
 */
static bool server_answer_take(struct sxf_session *s)
{
	u32 old = READ_ONCE(s->flags);

	do {
		if (!(old & SXF_SF_SYNCOOKIE))
			return false;
	} while (!try_cmpxchg(&s->flags, &old, old & ~SXF_SF_SYNCOOKIE));
	return true;
}

/*
 * The server refused the SYN a SYN cookie's session replayed (a closed
 * port): its RST answers that SYN (sequence number 0, as RFC 793 has it
 * for a segment without ACK), while the client, whose handshake the
 * cookie completed, expects the server's bytes from the cookie's ISN + 1
 * on.  The RST gets that sequence number, and the client's connection is
 * reset at once instead of timing out (nf_synproxy shifts its RST the
 * same way).  A RST after the server's SYN-ACK is shifted as any segment.
 */
unsigned int sxf_syncookie_rst(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s)
{
	unsigned int thoff = skb_network_offset(skb) + c->pkt.thoff;
	struct sxf_session_ext *ext = sxf_session_ext(s);
	struct tcphdr *th;
	__be32 nseq;

	if (!ext || !server_answer_take(s))
		return NF_ACCEPT;
	if (skb_ensure_writable(skb, thoff + sizeof(*th)))
		return sxf_drop(c, skb, SRXFLOW_DROP_NO_MEMORY, NULL);
	th = (struct tcphdr *)(skb_network_header(skb) + c->pkt.thoff);
	nseq = htonl(ext->sc.isn + 1);
	inet_proto_csum_replace4(&th->check, skb, th->seq, nseq, false);
	th->seq = nseq;
	SXF_TRACE(c, SXF_T_DATAPATH,
		  "screen: SYN flood: session %llu: the server refused the replayed SYN, its RST numbered for the client",
		  s->id);
	return NF_ACCEPT;
}

unsigned int sxf_syncookie_synack(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);
	const struct sxf_pkt *p = &c->pkt;
	u32 cookie, client_win;
	struct sc_opts srv, o;
	struct tcp_full buf;
	struct tcphdr *th;
	struct sxf_pkt ack;
	struct sk_buff *nskb;

	/* the first SYN-ACK only: a retransmission is forwarded (shifted) */
	if (!ext || !server_answer_take(s))
		return NF_ACCEPT;

	th = tcp_header(c, skb, &buf);
	if (th) {
		parse_opts(th, &srv);
	} else {
		memset(&srv, 0, sizeof(srv));
		srv.wscale = 0xff;
	}
	spin_lock_bh(&s->lock);
	/*
	 * Timestamps: the client numbers the server's TSvals from the
	 * router's (its), the server from its own (nf_synproxy's tsoff):
	 * shifted both ways from now on (seqadj.c).  Window scale: the client
	 * was given SXF_COOKIE_WSCALE, the server chose its own: the server's
	 * windows are rescaled.  A server that declines scaling (the client
	 * scales all the same, as it was told) leaves the tracker the
	 * client's scale.
	 */
	if (ext->sc.ts && srv.ts)
		ext->sc.tsoff = srv.tsval - ext->sc.its;
	if (ext->sc.ws_client) {
		ext->sc.ws_server = srv.wscale == 0xff ? 0 : srv.wscale;
		if (srv.wscale == 0xff) {
			s->w[0].tcp.scale = ext->sc.ws_own;
			s->w[0].tcp.flags |= SXF_TDF_SCALE;
		}
	}
	spin_unlock_bh(&s->lock);

	cookie = ext->sc.isn;
	sxf_seqadj_init(s, 1, (s32)(cookie - p->seq));
	/*
	 * (a server answering with a SYN cookie of its own may pick the very
	 * cookie's ISN when it is a namespace of this kernel: no shift, but
	 * the timestamps and windows still need the rewrite)
	 */
	if (ext->sc.tsoff || ext->sc.ws_client != ext->sc.ws_server)
		sxf_sf_set(s, SXF_SF_SEQADJ);
	client_win = min_t(u32, s->w[0].tcp.maxwin, 65535);

	/* the client's ACK, as the tracker would have seen it */
	ack = *p;
	ack.t = s->w[0].t;
	ack.tcp_flags = SXF_TCP_ACK;
	ack.seq = p->ack;
	ack.ack = cookie + 1;
	ack.win = client_win;
	ack.datalen = 0;
	ack.wscale = 0xff;
	sxf_tcp_packet(c->sn, s, 0, &ack, &c->cfg->flow);
	SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_TCP,
		  "screen: SYN flood: session %llu: server ISN 0x%08x, cookie 0x%08x, shift %d, timestamp shift %d, wscale %d; connection handed over",
		  s->id, p->seq, cookie, (s32)(cookie - p->seq), (s32)ext->sc.tsoff,
		  srv.wscale == 0xff ? -1 : srv.wscale);

	/*
	 * Both built in the client's numbering (sequence, timestamps, the
	 * window in the server's scale) and shifted on their way by seqadj,
	 * as the segments they stand for would be.
	 */
	memset(&o, 0, sizeof(o));
	o.wscale = 0xff;
	o.ts = ext->sc.ts && srv.ts;
	/* ACK to the server: echoes the server's TSval (its, before the shift) */
	o.tsval = srv.tsecr;
	o.tsecr = ext->sc.its;
	nskb = build_tcp(p->family, &s->w[0].t.src, &s->w[0].t.dst, s->w[0].t.sport,
			 s->w[0].t.dport, p->ack, cookie + 1, TCP_FLAG_ACK, client_win, &o);
	if (nskb)
		send_wing(c, nskb, s, &s->w[0], SXF_TCP_ACK);
	/* window update to the client: the server's TSval, shifted to its */
	o.tsval = srv.tsval;
	o.tsecr = srv.tsecr;
	nskb = build_tcp(p->family, &s->w[1].t.src, &s->w[1].t.dst, s->w[1].t.sport,
			 s->w[1].t.dport, p->seq + 1, p->ack, TCP_FLAG_ACK,
			 p->win >> ext->sc.ws_server, &o);
	if (nskb)
		send_wing(c, nskb, s, &s->w[1], SXF_TCP_ACK);
	consume_skb(skb);
	return NF_STOLEN;
}
