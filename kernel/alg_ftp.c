// SPDX-License-Identifier: GPL-2.0
/*
 * The FTP ALG: PORT and EPRT (client to server), 227 (PASV) and 229
 * (EPSV) replies (server to client), over IPv4 and IPv6 (RFC 959, 2428).
 * Each announcement opens a gate for exactly that data connection, with
 * the addresses as the data connection's first packet arrives; when NAT
 * translated the announcing side (PORT and 227: IPv4; EPRT: IPv4 and
 * IPv6), its address in the payload is rewritten, the segment's length and
 * checksums fixed and the sequence shift recorded (sxf_seqadj_set(), applied by the forwarding path to
 * this and later segments and to the other side's acknowledgements).
 *
 * Lines across segments.  Each direction's byte stream is read in order
 * and cut into lines (struct sxf_ftp_dir, under the control session's
 * ftp->lock): a segment may carry many lines, of any length (read in
 * chunks), and a line of interest that a segment leaves unterminated is
 * kept (up to SXF_FTP_LINE bytes) until the segment that ends it, which
 * opens the gate.  Unlike Linux's nf_conntrack_ftp, which parses only
 * lines wholly inside one segment and drops a segment holding part of a
 * command, nothing is dropped and no segment is held back:
 *  - the address is rewritten in the segment that carries its last
 *    character and the delimiter after it, when all of the address is in
 *    that segment (e.g. "PORT " | "10,0,1,2,4,1" | "\r\n"): before the line
 *    ends if need be, the gate opening when it ends;
 *  - an address that straddles two segments ("PORT 10,0" | ",1,2,4,1\r\n")
 *    cannot be rewritten (its first half is gone): with NAT the message is
 *    passed unmodified and counted unparsable (the gate still opens for
 *    the translated address); without NAT nothing needs rewriting;
 *  - a retransmission is rewritten as the original was: the last
 *    rewrite's position and texts are kept, and a segment that holds that
 *    position again, with the same text, gets the same replacement;
 *  - a segment after a gap (bytes the ALG has not seen: an earlier
 *    segment reordered behind it, or lost before the router) is dropped:
 *    read now, it would move the stream past those bytes, and when they
 *    came they would pass as a retransmission, an announcement in them
 *    neither opening its gate nor rewritten (Linux's helper passes such a
 *    segment unread, and misses an announcement in it instead).  The
 *    sender sends it again once the bytes before it are through.  Only
 *    SXF_FTP_GAPS segments in a row: bytes the router never sees (a path
 *    around it) then make the stream resynchronise at the next line end,
 *    an announcement in the missed bytes not seen.
 * At most one rewrite per segment (the sequence adjustment has one
 * correction point per segment); malformed messages and lines of
 * interest longer than SXF_FTP_LINE are passed unmodified and counted.
 * Reference: junos-nat-screens-alg.md §5, §9.8.
 */
#include <linux/ctype.h>
#include <linux/inet.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>
#include <net/checksum.h>
#include "alg.h"
#include "trace.h"
#include "seqadj.h"


#define FTP_CHUNK	128	/* bytes read at a time looking for a line end */

enum ftp_msg { FTP_NONE, FTP_PORT, FTP_227, FTP_EPRT, FTP_229 };
static const char *const ftp_msg_name[] = { "", "PORT", "227", "EPRT", "229" };

struct ftp_ann {
	enum ftp_msg kind;
	u8 family;			/* of addr; 0: the sender's (229) */
	union { __be32 v4; struct in6_addr v6; } addr;
	__be16 port;
	unsigned int off, len;		/* the address text to rewrite, in the line */
	unsigned int pend;		/* the end of the port's text (PORT, 227, EPRT) */
	char delim;			/* EPRT's delimiter */
};

/* one segment being read */
struct ftp_seg {
	struct sxf_ctx *c;
	struct sk_buff *skb;
	struct sxf_session *s;
	struct sxf_ftp_dir *d;
	int dir;
	unsigned int poff;	/* the payload, from the network header */
	unsigned int dlen;	/* its length as it arrived */
	u32 seq;		/* its first byte's sequence number */
	int shift;		/* what this segment's rewrite added to its length */
	bool rewritten;		/* (one rewrite per segment) */
};

/* a decimal 0..max at *i, advancing */
static bool get_num(const char *l, unsigned int n, unsigned int *i, u32 max, u32 *v)
{
	unsigned int start = *i;
	u32 x = 0;

	while (*i < n && isdigit(l[*i])) {
		x = x * 10 + (l[*i] - '0');
		if (x > max)
			return false;
		(*i)++;
	}
	*v = x;
	return *i > start;
}

/*
 * h1,h2,h3,h4,p1,p2 at l[i]: RFC 959.  The address text is h1..h4; with
 * addr_only, a line's start is enough that holds it and the comma after it.
 */
static bool get_rfc959(const char *l, unsigned int n, unsigned int i, struct ftp_ann *a,
		       bool addr_only)
{
	u32 v[6];
	int k;

	a->off = i;
	for (k = 0; k < 6; k++) {
		if (k == 4) {
			a->len = i - a->off;
			a->family = AF_INET;
			a->addr.v4 = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
			if (addr_only)
				return i < n && l[i] == ',';
		}
		if (k && (i >= n || l[i++] != ','))
			return false;
		if (!get_num(l, n, &i, 255, &v[k]))
			return false;
	}
	a->port = htons(v[4] << 8 | v[5]);
	a->pend = i;
	return true;
}

/* |1|a.b.c.d|port| or |2|v6|port| at l[i] (any delimiter 33..126): RFC 2428 */
static bool get_eprt(const char *l, unsigned int n, unsigned int i, struct ftp_ann *a,
		     bool addr_only)
{
	const char *end;
	char d;
	u32 port;

	if (i + 3 > n)
		return false;
	d = l[i];
	if (d < 33 || d > 126 || l[i + 2] != d || (l[i + 1] != '1' && l[i + 1] != '2'))
		return false;
	a->family = l[i + 1] == '1' ? AF_INET : AF_INET6;
	i += 3;
	a->off = i;
	if (a->family == AF_INET ? !in4_pton(l + i, n - i, (u8 *)&a->addr.v4, d, &end) :
	    !in6_pton(l + i, n - i, (u8 *)&a->addr.v6, d, &end))
		return false;
	a->len = end - (l + i);
	i = end - l;
	/* the delimiter after it: the address is whole */
	if (i >= n || l[i++] != d)
		return false;
	if (addr_only)
		return true;
	if (!get_num(l, n, &i, 65535, &port) || i >= n || l[i] != d)
		return false;
	a->port = htons(port);
	a->pend = i;
	a->delim = d;
	return true;
}

/* (|||port|) in a 229 reply */
static bool get_epsv(const char *l, unsigned int n, struct ftp_ann *a)
{
	unsigned int i = 0;
	u32 port;
	char d;

	while (i < n && l[i] != '(')
		i++;
	if (i + 4 >= n)
		return false;
	d = l[++i];
	if (d < 33 || d > 126 || l[i + 1] != d || l[i + 2] != d)
		return false;
	i += 3;
	if (!get_num(l, n, &i, 65535, &port) || i >= n || l[i] != d)
		return false;
	a->family = 0;
	a->port = htons(port);
	return true;
}

static bool prefix(const char *l, unsigned int n, const char *kw)
{
	size_t k = strlen(kw);

	return n >= k && !strncasecmp(l, kw, k);
}

/* the line's start, as much as there is of it, is kw's */
static bool starts_like(const char *l, unsigned int n, const char *kw)
{
	return n && !strncasecmp(l, kw, min_t(size_t, n, strlen(kw)));
}

/* the kind of message a line (or the start of one) is, for dir */
static enum ftp_msg msg_kind(const char *l, unsigned int n, int dir)
{
	if (!dir)
		return prefix(l, n, "PORT ") ? FTP_PORT : prefix(l, n, "EPRT ") ? FTP_EPRT : FTP_NONE;
	return prefix(l, n, "227 ") ? FTP_227 : prefix(l, n, "229 ") ? FTP_229 : FTP_NONE;
}

/* the start of a line too short to tell may still be of interest */
static bool maybe_msg(const char *l, unsigned int n, int dir)
{
	return dir ? starts_like(l, n, "227 ") || starts_like(l, n, "229 ") :
		     starts_like(l, n, "PORT ") || starts_like(l, n, "EPRT ");
}

/* a whole line; addr_only: the start of one, up to its address (not 229) */
static bool parse_line(const char *l, unsigned int n, int dir, struct ftp_ann *a, bool addr_only)
{
	unsigned int i;

	a->kind = msg_kind(l, n, dir);
	switch (a->kind) {
	case FTP_PORT:
		for (i = 5; i < n && l[i] == ' '; i++)
			;
		return get_rfc959(l, n, i, a, addr_only);
	case FTP_EPRT:
		for (i = 5; i < n && l[i] == ' '; i++)
			;
		return get_eprt(l, n, i, a, addr_only);
	case FTP_227:
		/* the first digit after the code (inside the parentheses if any) */
		for (i = 4; i < n && l[i] != '('; i++)
			;
		if (i == n && addr_only)
			return false;	/* the '(' may be yet to come */
		i = i < n ? i + 1 : 4;
		while (i < n && !isdigit(l[i]))
			i++;
		return get_rfc959(l, n, i, a, addr_only);
	case FTP_229:
		return !addr_only && get_epsv(l, n, a);
	default:
		return false;
	}
}

/*
 * Replace len bytes at off (from the network header) with rep: the
 * IPv4 header's length and checksum (IPv6: the payload length), the TCP
 * checksum follow.  A GSO packet (several segments of the control
 * connection sent, or received, as one) is rewritten whole as
 * nf_nat_mangle_tcp_packet() does: its checksum is partial (the pseudo
 * header's, with the new length) and the segments are cut from the new
 * payload.  Not a fraglist GSO packet: made linear, it would have no
 * segments left to send.
 */
static bool ftp_mangle(struct sk_buff *skb, unsigned int thoff, unsigned int off,
		       unsigned int len, const char *rep, unsigned int rlen)
{
	int delta = (int)rlen - (int)len;
	unsigned int nhoff = skb_network_offset(skb), oldlen, tcplen;
	struct iphdr *iph;
	struct tcphdr *th;
	u8 *data;

	if (skb_is_gso(skb) && (skb->ip_summed != CHECKSUM_PARTIAL ||
				(skb_shinfo(skb)->gso_type & SKB_GSO_FRAGLIST)))
		return false;
	/* (nor an IPv6 BIG TCP packet: its payload length is a jumbo option's) */
	if (skb->len + max(delta, 0) > 65535 || skb_ensure_writable(skb, skb->len))
		return false;
	if (delta > 0) {
		if (delta > (int)skb_tailroom(skb) &&
		    pskb_expand_head(skb, 0, delta - skb_tailroom(skb), GFP_ATOMIC))
			return false;
	}
	oldlen = skb->len - nhoff - thoff;
	data = skb_network_header(skb) + off;
	memmove(data + rlen, data + len, skb_tail_pointer(skb) - (data + len));
	memcpy(data, rep, rlen);
	if (delta > 0)
		skb_put(skb, delta);
	else if (delta < 0)
		__skb_trim(skb, skb->len + delta);
	iph = ip_hdr(skb);
	if (iph->version == 4) {
		iph->tot_len = htons(skb->len - nhoff);
		ip_send_check(iph);
	} else {
		ipv6_hdr(skb)->payload_len = htons(skb->len - nhoff - sizeof(struct ipv6hdr));
	}
	th = (struct tcphdr *)(skb_network_header(skb) + thoff);
	tcplen = skb->len - nhoff - thoff;
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		inet_proto_csum_replace2(&th->check, skb, htons(oldlen), htons(tcplen), true);
	} else {
		__wsum sum;

		/* the sum of the segment with its checksum field zero */
		th->check = 0;
		sum = csum_partial(th, tcplen, 0);
		th->check = iph->version == 4 ?
			    csum_tcpudp_magic(iph->saddr, iph->daddr, tcplen, IPPROTO_TCP, sum) :
			    csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr, tcplen,
					    IPPROTO_TCP, sum);
		skb->ip_summed = CHECKSUM_NONE;
	}
	return true;
}

/* the payload's bytes [i, i + len) as they arrived, into buf */
static int seg_read(const struct ftp_seg *g, unsigned int i, void *buf, unsigned int len)
{
	return skb_copy_bits(g->skb, skb_network_offset(g->skb) + g->poff + g->shift + i,
			     buf, len);
}

/* the first line end in [i, end), as an index of the payload, or end */
static unsigned int seg_find_nl(const struct ftp_seg *g, unsigned int i, unsigned int end)
{
	char buf[FTP_CHUNK];

	while (i < end) {
		unsigned int k = min_t(unsigned int, end - i, sizeof(buf));
		const char *q;

		if (seg_read(g, i, buf, k))
			return end;
		q = memchr(buf, '\n', k);
		if (q)
			return i + (q - buf);
		i += k;
	}
	return end;
}

/*
 * The text a's address (the sender's own, which NAT translated) is
 * rewritten to: its length, 0 when it needs no rewrite, -1 when it cannot
 * be rewritten.  With port (not 0): the text of the address and the port
 * (a->off to a->pend), the port another than the one announced.
 */
static int ftp_rep(const struct sxf_session *s, int dir, const struct ftp_ann *a, __be16 port,
		   char *rep, size_t size)
{
	const struct sxf_tuple *snd = &s->w[dir].t;
	const void *real = &snd->src, *seen = &s->w[!dir].t.dst;
	const u8 *q = seen;

	if (a->kind == FTP_229 || a->family != snd->family)
		return 0;
	if (a->family == AF_INET ? a->addr.v4 != snd->src.v4 || a->addr.v4 == s->w[!dir].t.dst.v4 :
	    !ipv6_addr_equal(&a->addr.v6, real) || !memcmp(real, seen, 16))
		return 0;
	if (a->kind == FTP_EPRT && !port)
		return a->family == AF_INET ? snprintf(rep, size, "%pI4", seen) :
		       snprintf(rep, size, "%pI6c", seen);
	if (a->kind == FTP_EPRT)
		return a->family == AF_INET ?
		       snprintf(rep, size, "%pI4%c%u", seen, a->delim, ntohs(port)) :
		       snprintf(rep, size, "%pI6c%c%u", seen, a->delim, ntohs(port));
	if (a->family != AF_INET)
		return -1;	/* PORT and 227 carry IPv4 only */
	if (!port)
		return snprintf(rep, size, "%u,%u,%u,%u", q[0], q[1], q[2], q[3]);
	return snprintf(rep, size, "%u,%u,%u,%u,%u,%u", q[0], q[1], q[2], q[3],
			ntohs(port) >> 8, ntohs(port) & 0xff);
}

/*
 * Rewrite a's address (of the line in progress) in this segment: 0, -1
 * when it is not (wholly) in this segment or this segment had its rewrite,
 * or a drop reason.
 */
/* does this segment hold a's address and port whole, not yet rewritten? */
static bool ftp_in_seg(const struct ftp_seg *g, const struct ftp_ann *a)
{
	u32 aseq = g->d->lstart + a->off;

	return !g->rewritten && !before(aseq, g->seq) && aseq - g->seq + a->pend - a->off <= g->dlen;
}

static int ftp_rewrite(struct ftp_seg *g, const struct ftp_ann *a, const char *rep, int rlen)
{
	struct sxf_ftp_dir *d = g->d;
	u32 aseq = d->lstart + a->off;
	unsigned int aoff = aseq - g->seq;
	int delta = rlen - (int)a->len;

	if (g->rewritten || before(aseq, g->seq) || aoff + a->len > g->dlen)
		return -1;
	if (!ftp_mangle(g->skb, g->c->pkt.thoff, g->poff + g->shift + aoff, a->len, rep, rlen)) {
		SXF_ALG_CNT(g->c->sn, SRXFLOW_ALG_FTP, unparsable);
		return SRXFLOW_DROP_NO_MEMORY;
	}
	g->shift += delta;
	g->rewritten = true;
	/* the bytes after the address move: its start is the correction point */
	if (delta)
		sxf_seqadj_set(g->s, g->dir, aseq, delta);
	d->rw_valid = a->len <= SXF_FTP_ADDR && rlen <= SXF_FTP_ADDR;
	if (d->rw_valid) {
		d->rw_seq = aseq;
		d->rw_len = a->len;
		d->rw_xlen = rlen;
		memcpy(d->rw_old, d->line + a->off, a->len);
		memcpy(d->rw_new, rep, rlen);
	}
	d->done = true;
	SXF_ALG_CNT(g->c->sn, SRXFLOW_ALG_FTP, rewrites);
	return 0;
}

/* a whole announcement of the line in progress: rewrite (NAT), open its gate */
static int ftp_announce(struct ftp_seg *g, struct ftp_ann *a)
{
	struct sxf_session *s = g->s;
	struct sxf_ctx *c = g->c;
	int dir = g->dir;
	const struct sxf_tuple *snd = &s->w[dir].t, *peer = &s->w[!dir].t;
	/* the sender as it is, and as the receiver sees it (after NAT) */
	const void *real = &snd->src, *seen = &s->w[!dir].t.dst;
	u8 fam = snd->family;
	size_t alen = fam == AF_INET ? 4 : 16;
	const char *how = "";
	char rep[64], b1[48];
	struct ftp_ann wa;
	__be16 gport;
	int rlen, why, gerr;
	bool remap;

	SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, messages);
	if (a->kind == FTP_229) {
		/* no address: the sender's, as the receiver sees it */
		memcpy(&a->addr, real, alen);
		a->family = fam;
	}
	if (a->family != fam) {
		SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
		return 0;
	}
	/*
	 * A gate for the sender only, announced as it is or as the receiver
	 * sees it (as nf_conntrack_ftp without loose): another host's address
	 * would let the peer reach that host past the policies (FTP bounce),
	 * the router's own past host-inbound-traffic.  The data connection
	 * comes to the sender's address as the receiver sees it, and is
	 * translated to the sender's own.
	 */
	if (memcmp(&a->addr, real, alen) && memcmp(&a->addr, seen, alen)) {
		SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
			  "alg_ftp: session %llu: %s %s/%u is not the sender's address: no gate",
			  s->id, ftp_msg_name[a->kind], sxf_ntop(fam, &a->addr, b1),
			  ntohs(a->port));
		return 0;
	}
	rlen = ftp_rep(s, dir, a, 0, rep, sizeof(rep));
	/*
	 * The data connection comes from the peer, as it arrives at the
	 * router.  Behind one NAT address, two hosts may announce the same
	 * port to one server: the gate takes the next free port, and the
	 * announcement says it, when this segment holds the address and the
	 * port whole (as nf_nat_ftp).  Else, while another session's gate
	 * takes that data connection, the segment is dropped (the sender
	 * sends it again): the data never reaches the other host.
	 */
	remap = rlen > 0 && !g->d->done && a->kind != FTP_229 && ftp_in_seg(g, a);
	gport = a->port;
	gerr = sxf_gate_open(c->sn, s, !dir, IPPROTO_TCP, peer->vrf, &peer->src, seen, &gport,
			     real, a->port, remap);
	if (gerr == -EADDRINUSE) {
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
			  "alg_ftp: session %llu: %s %s/%u: another session's gate takes that data connection, dropped",
			  s->id, ftp_msg_name[a->kind], sxf_ntop(fam, seen, b1), ntohs(a->port));
		return SRXFLOW_DROP_ALG_GATE_IN_USE;
	}
	if (remap && gport != a->port) {
		wa = *a;
		wa.len = a->pend - a->off;
		a = &wa;
		rlen = ftp_rep(s, dir, a, gport, rep, sizeof(rep));
	}
	if (rlen && g->d->done) {
		how = " (rewritten)";
	} else if (rlen > 0) {
		why = ftp_rewrite(g, a, rep, rlen);
		if (why > 0)
			return why;
		how = why ? " (split across segments: not rewritten)" : " (rewritten)";
	} else if (rlen < 0) {
		how = " (not rewritten)";
	}
	if (rlen && !g->d->done)
		SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
	if (gerr)
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
			  "alg_ftp: session %llu: %s %s/%u%s, no gate (%s)",
			  s->id, ftp_msg_name[a->kind], sxf_ntop(fam, &a->addr, b1), ntohs(a->port),
			  how, gerr == -ENOSPC ? "gate limit reached" :
			  gerr == -ENOMEM ? "out of memory" : "session closing");
	else
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
			  "alg_ftp: session %llu: %s %s/%u%s, gate for %s/%u",
			  s->id, ftp_msg_name[a->kind], sxf_ntop(fam, &a->addr, b1),
			  ntohs(a->port), how, sxf_ntop(fam, seen, rep), ntohs(gport));
	return 0;
}

/*
 * The line in progress after this segment's part of it (more: the line
 * was longer than line[]; whole: it ended in this segment).
 */
static int ftp_line(struct ftp_seg *g, bool more, bool whole)
{
	struct sxf_ftp_dir *d = g->d;
	unsigned int n = d->len;
	struct ftp_ann a = { };
	char rep[64];
	int rlen;

	if (msg_kind(d->line, n, g->dir) == FTP_NONE) {
		if (!whole && !more && maybe_msg(d->line, n, g->dir))
			return 0;	/* too short to tell: wait for more */
		d->skip = !whole;
		return 0;
	}
	if (more) {
		/* longer than any message of interest: passed */
		SXF_ALG_CNT(g->c->sn, SRXFLOW_ALG_FTP, unparsable);
		SXF_TRACE(g->c, SXF_T_DATAPATH, "alg_ftp: session %llu: line over %u bytes, passed",
			  g->s->id, SXF_FTP_LINE);
		d->skip = !whole;
		return 0;
	}
	if (whole) {
		if (!parse_line(d->line, n - 1, g->dir, &a, false)) {
			SXF_ALG_CNT(g->c->sn, SRXFLOW_ALG_FTP, unparsable);
			SXF_TRACE(g->c, SXF_T_DATAPATH, "alg_ftp: session %llu: unparsable %s, passed",
				  g->s->id, ftp_msg_name[a.kind]);
			return 0;
		}
		return ftp_announce(g, &a);
	}
	/*
	 * Unterminated: the address is rewritten in the segment that ends
	 * it (its first half would be gone by the time the line ends).
	 */
	if (d->done || !parse_line(d->line, n, g->dir, &a, true))
		return 0;
	rlen = ftp_rep(g->s, g->dir, &a, 0, rep, sizeof(rep));
	if (rlen <= 0)
		return 0;
	rlen = ftp_rewrite(g, &a, rep, rlen);
	return rlen > 0 ? rlen : 0;
}

/* the payload from i on, in order: lines */
static int ftp_stream(struct ftp_seg *g, unsigned int i)
{
	struct sxf_ftp_dir *d = g->d;
	int why = 0;

	while (i < g->dlen && !why) {
		unsigned int nl = seg_find_nl(g, i, g->dlen);
		unsigned int end = nl < g->dlen ? nl + 1 : g->dlen;
		bool whole = nl < g->dlen;

		if (!d->skip) {
			unsigned int k = min_t(unsigned int, end - i, SXF_FTP_LINE - d->len);

			if (seg_read(g, i, d->line + d->len, k))
				break;
			d->len += k;
			why = ftp_line(g, end - i > k, whole);
		}
		if (whole || d->skip)
			d->len = 0;
		if (whole) {
			d->skip = false;
			d->done = false;
			d->lstart = g->seq + end;
		}
		i = end;
	}
	return why;
}

/* a retransmission: the same rewrite as the original, if it holds it */
static int ftp_replay(struct ftp_seg *g)
{
	struct sxf_ftp_dir *d = g->d;
	char old[SXF_FTP_ADDR];
	unsigned int aoff = d->rw_seq - g->seq;

	if (!d->rw_valid || before(d->rw_seq, g->seq) ||
	    after(d->rw_seq + d->rw_len, g->seq + g->dlen))
		return 0;
	if (seg_read(g, aoff, old, d->rw_len) || memcmp(old, d->rw_old, d->rw_len))
		return 0;
	if (!ftp_mangle(g->skb, g->c->pkt.thoff, g->poff + aoff, d->rw_len, d->rw_new, d->rw_xlen))
		return SRXFLOW_DROP_NO_MEMORY;
	g->shift += (int)d->rw_xlen - (int)d->rw_len;
	g->rewritten = true;
	SXF_TRACE(g->c, SXF_T_DATAPATH, "alg_ftp: session %llu: retransmission rewritten again",
		  g->s->id);
	return 0;
}

/* past a segment, unread: the next line is read, from its start if the segment ends one */
static void ftp_follow(struct ftp_seg *g)
{
	struct sxf_ftp_dir *d = g->d;
	char last;

	d->synced = true;
	d->next = g->seq + g->dlen;
	d->len = 0;
	d->done = false;
	d->gaps = 0;
	d->lstart = d->next;
	d->skip = seg_read(g, g->dlen - 1, &last, 1) || last != '\n';
}

int sxf_alg_ftp(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		struct sxf_wing *w, enum sxf_ftp_mode mode)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	struct sxf_ftp_state *st = x->alg.ctl->ftp;
	unsigned int nhoff = skb_network_offset(skb), doff;
	struct ftp_seg g = { .c = c, .skb = skb, .s = s, .dir = w->dir };
	struct sxf_ftp_dir *d;
	struct tcphdr _th;
	const struct tcphdr *th;
	int why = 0;

	if (c->pkt.proto != IPPROTO_TCP)
		return 0;
	th = skb_header_pointer(skb, nhoff + c->pkt.thoff, sizeof(_th), &_th);
	if (!th)
		return 0;
	doff = c->pkt.thoff + th->doff * 4;
	if (skb->len <= nhoff + doff)
		return 0;
	g.poff = doff;
	g.dlen = skb->len - nhoff - doff;
	g.seq = c->pkt.seq + th->syn;	/* (data on a SYN follows it) */

	spin_lock_bh(&st->lock);
	d = &st->d[g.dir];
	g.d = d;
	if (mode != SXF_FTP_READ) {
		/*
		 * Nothing is read, but a retransmission of a rewritten address
		 * is rewritten again (the sequence adjustment counts it so).
		 * A segment the tracker did not judge moves nothing; one of a
		 * session whose ALG a commit disabled moves the stream past
		 * what it carries, unread, so that the ALG enabled again reads
		 * on from the next line (not a gap: its segments would be
		 * dropped as out of order).
		 */
		why = ftp_replay(&g);
		if (!why && mode == SXF_FTP_FOLLOW &&
		    (!d->synced || after(g.seq + g.dlen, d->next)))
			ftp_follow(&g);
		spin_unlock_bh(&st->lock);
		return why;
	}
	/*
	 * A segment whose rewrite fails (no memory) is dropped: what it
	 * did to the stream state is undone, so that its retransmission is
	 * read (and rewritten) as new, never passed as a copy of a segment
	 * that went through.  (A gate it opened stays, and is refreshed by
	 * the retransmission; the sequence adjustment counts a rewrite at
	 * the same place once: sxf_seqadj_set().)
	 */
	st->undo = *d;
	if (!d->synced) {
		/* the first data of this direction begins a line */
		d->synced = true;
		d->next = g.seq;
		d->lstart = g.seq;
	}
	if (g.seq == d->next) {
		why = ftp_stream(&g, 0);
	} else if (after(g.seq, d->next) && d->gaps < SXF_FTP_GAPS) {
		/* ahead of bytes not seen yet: until they come (nothing read) */
		d->gaps++;
		SXF_TRACE(c, SXF_T_DATAPATH,
			  "alg_ftp: session %llu: %u bytes before this segment not seen yet: dropped",
			  s->id, g.seq - d->next);
		spin_unlock_bh(&st->lock);
		return SRXFLOW_DROP_ALG_OUT_OF_ORDER;
	} else if (g.seq == d->lstart && !before(g.seq + g.dlen, d->next)) {
		/* a retransmission from the start of the line in progress, or more */
		d->len = 0;
		d->skip = false;
		d->done = false;
		why = ftp_stream(&g, 0);
	} else if (before(g.seq, d->next)) {
		/*
		 * a retransmission: as the original; what is new after it, in
		 * order (read past a replayed address with g.shift: it lies
		 * before d->next; a new address is not rewritten, one per segment)
		 */
		why = ftp_replay(&g);
		if (!why && after(g.seq + g.dlen, d->next))
			why = ftp_stream(&g, d->next - g.seq);
	} else {
		/* a gap: bytes never seen; read again from the next line end */
		if (d->len && !d->skip && msg_kind(d->line, d->len, g.dir) != FTP_NONE)
			SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
		SXF_TRACE(c, SXF_T_DATAPATH, "alg_ftp: session %llu: %u bytes not seen, resynchronising",
			  s->id, g.seq - d->next);
		d->lstart = g.seq;
		d->len = 0;
		d->skip = true;
		d->done = false;
		why = ftp_stream(&g, 0);
	}
	if (why) {
		*d = st->undo;
	} else if (after(g.seq + g.dlen, d->next)) {
		d->next = g.seq + g.dlen;
		d->gaps = 0;
	}
	spin_unlock_bh(&st->lock);
	return why;
}
