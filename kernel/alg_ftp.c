// SPDX-License-Identifier: GPL-2.0
/*
 * The FTP ALG: PORT and EPRT (client to server), 227 (PASV) and 229
 * (EPSV) replies (server to client), over IPv4 and IPv6 (RFC 959, 2428).
 * Each announcement opens a gate for exactly that data connection, with
 * the addresses as the data connection's first packet arrives; when NAT
 * translated the announcing side (PORT and 227: IPv4; EPRT: IPv4 and
 * IPv6), its address in the payload is rewritten, the segment's length and checksums fixed and the sequence
 * shift recorded (sxf_seqadj_set(), applied by the forwarding path to
 * this and later segments and to the other side's acknowledgements).
 *
 * A message split across segments is never rewritten half: a segment
 * that ends mid-line leaves the session's direction "partial", and the
 * next segment's first line is skipped; a message of interest without
 * its line end is counted as unparsable and passed unmodified, as are
 * malformed ones.  Reference: junos-nat-screens-alg.md §5, §9.8.
 */
#include <linux/ctype.h>
#include <linux/inet.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/checksum.h>
#include "alg.h"
#include "trace.h"
#include "seqadj.h"

#define FTP_BUF		512	/* bytes of a segment read */

enum ftp_msg { FTP_NONE, FTP_PORT, FTP_227, FTP_EPRT, FTP_229 };
static const char *const ftp_msg_name[] = { "", "PORT", "227", "EPRT", "229" };

struct ftp_ann {
	enum ftp_msg kind;
	u8 family;			/* of addr; 0: the sender's (229) */
	union { __be32 v4; struct in6_addr v6; } addr;
	__be16 port;
	unsigned int off, len;		/* the address text to rewrite, in the line */
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

/* h1,h2,h3,h4,p1,p2 at l[i]: RFC 959 */
static bool get_rfc959(const char *l, unsigned int n, unsigned int i, struct ftp_ann *a)
{
	u32 v[6];
	int k;

	a->off = i;
	for (k = 0; k < 6; k++) {
		if (k && (i >= n || l[i++] != ','))
			return false;
		if (!get_num(l, n, &i, 255, &v[k]))
			return false;
	}
	a->len = i - a->off;
	a->family = AF_INET;
	a->addr.v4 = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
	a->port = htons(v[4] << 8 | v[5]);
	return true;
}

/* |1|a.b.c.d|port| or |2|v6|port| at l[i] (any delimiter 33..126): RFC 2428 */
static bool get_eprt(const char *l, unsigned int n, unsigned int i, struct ftp_ann *a)
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
	if (i >= n || l[i++] != d || !get_num(l, n, &i, 65535, &port) || i >= n || l[i] != d)
		return false;
	a->port = htons(port);
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

static bool parse_line(const char *l, unsigned int n, int dir, struct ftp_ann *a)
{
	unsigned int i;

	a->kind = msg_kind(l, n, dir);
	switch (a->kind) {
	case FTP_PORT:
		for (i = 5; i < n && l[i] == ' '; i++)
			;
		return get_rfc959(l, n, i, a);
	case FTP_EPRT:
		for (i = 5; i < n && l[i] == ' '; i++)
			;
		return get_eprt(l, n, i, a);
	case FTP_227:
		/* the first digit after the code (inside the parentheses if any) */
		for (i = 4; i < n && l[i] != '('; i++)
			;
		i = i < n ? i + 1 : 4;
		while (i < n && !isdigit(l[i]))
			i++;
		return get_rfc959(l, n, i, a);
	case FTP_229:
		return get_epsv(l, n, a);
	default:
		return false;
	}
}

/*
 * Replace len bytes at off (from the network header) with rep: the
 * IPv4 header's length and checksum (IPv6: the payload length), the TCP
 * checksum follow.
 */
static bool ftp_mangle(struct sk_buff *skb, unsigned int thoff, unsigned int off,
		       unsigned int len, const char *rep, unsigned int rlen)
{
	int delta = (int)rlen - (int)len;
	unsigned int nhoff = skb_network_offset(skb), oldlen, tcplen;
	struct iphdr *iph;
	struct tcphdr *th;
	u8 *data;

	if (skb_is_gso(skb) || skb_ensure_writable(skb, skb->len))
		return false;
	if (delta > 0) {
		if (skb->len + delta > 65535)
			return false;
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
		__wsum sum = csum_partial(th, tcplen, 0);

		th->check = 0;
		th->check = iph->version == 4 ?
			    csum_tcpudp_magic(iph->saddr, iph->daddr, tcplen, IPPROTO_TCP, sum) :
			    csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr, tcplen,
					    IPPROTO_TCP, sum);
		skb->ip_summed = CHECKSUM_NONE;
	}
	return true;
}

/* the announcement a, made by direction dir: rewrite (NAT), open its gate */
static int ftp_announce(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
			int dir, struct ftp_ann *a, const char *line, unsigned int loff,
			unsigned int doff, u32 seq)
{
	const struct sxf_tuple *snd = &s->w[dir].t, *peer = &s->w[!dir].t;
	/* the sender as it is, and as the receiver sees it (after NAT) */
	const void *real = &snd->src, *seen = &s->w[!dir].t.dst;
	u8 fam = snd->family;
	size_t alen = fam == AF_INET ? 4 : 16;
	const void *gdst = &a->addr, *xdst = &a->addr;
	bool xlated = memcmp(real, seen, alen);
	char rep[64], b1[48];
	int rlen = 0;

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
	if (!memcmp(&a->addr, real, alen) && xlated) {
		gdst = seen;
		if (a->kind != FTP_229) {
			if (a->kind == FTP_EPRT) {
				rlen = fam == AF_INET ? snprintf(rep, sizeof(rep), "%pI4", seen) :
				       snprintf(rep, sizeof(rep), "%pI6c", seen);
			} else {
				/* PORT, 227: IPv4 (a->family is fam) */
				const u8 *q = seen;

				rlen = snprintf(rep, sizeof(rep), "%u,%u,%u,%u,%u,%u",
						q[0], q[1], q[2], q[3],
						ntohs(a->port) >> 8, ntohs(a->port) & 0xff);
			}
		}
	}
	if (rlen) {
		if (!ftp_mangle(skb, c->pkt.thoff, doff + loff + a->off, a->len, rep, rlen)) {
			SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
			return SRXFLOW_DROP_NO_MEMORY;
		}
		if (rlen != (int)a->len)
			sxf_seqadj_set(s, dir, seq, rlen - (int)a->len);
		SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, rewrites);
	}
	/* the data connection comes from the peer, as it arrives at the router */
	sxf_gate_open(c->sn, s, IPPROTO_TCP, peer->vrf, &peer->src, gdst, a->port,
		      xdst, a->port);
	SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
		  "alg_ftp: session %llu: %s %s/%u%s, gate for %s/%u",
		  s->id, ftp_msg_name[a->kind], sxf_ntop(fam, &a->addr, b1), ntohs(a->port),
		  rlen ? " (rewritten)" : "", sxf_ntop(fam, gdst, rep), ntohs(a->port));
	return 0;
}

int sxf_alg_ftp(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		struct sxf_wing *w)
{
	struct sxf_session_ext *x = sxf_session_ext(s);
	unsigned int nhoff = skb_network_offset(skb), doff, dlen, n, i, nl;
	int dir = w->dir;
	struct tcphdr _th;
	const struct tcphdr *th;
	char buf[FTP_BUF];
	const char *d;
	bool partial;

	if (c->pkt.proto != IPPROTO_TCP)
		return 0;
	th = skb_header_pointer(skb, nhoff + c->pkt.thoff, sizeof(_th), &_th);
	if (!th)
		return 0;
	doff = c->pkt.thoff + th->doff * 4;
	if (skb->len <= nhoff + doff)
		return 0;
	dlen = skb->len - nhoff - doff;
	n = min_t(unsigned int, dlen, FTP_BUF);
	d = skb_header_pointer(skb, nhoff + doff, n, buf);
	if (!d)
		return 0;
	partial = READ_ONCE(x->alg.partial[dir]);
	WRITE_ONCE(x->alg.partial[dir], d[n - 1] != '\n' || n < dlen);

	for (i = 0; i < n; i = nl + 1) {
		const char *l = d + i;
		struct ftp_ann a = { };

		for (nl = i; nl < n && d[nl] != '\n'; nl++)
			;
		if (partial) {
			/* the end of a line that began in an earlier segment */
			partial = false;
			continue;
		}
		if (nl == n) {
			/* no line end here: never rewrite half a message */
			if (starts_like(l, n - i, dir ? "227 " : "PORT ") ||
			    starts_like(l, n - i, dir ? "229 " : "EPRT "))
				SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
			break;
		}
		if (msg_kind(l, nl - i, dir) == FTP_NONE)
			continue;
		if (!parse_line(l, nl - i, dir, &a)) {
			SXF_ALG_CNT(c->sn, SRXFLOW_ALG_FTP, unparsable);
			SXF_TRACE(c, SXF_T_DATAPATH, "alg_ftp: session %llu: unparsable %s, passed",
				  s->id, ftp_msg_name[a.kind]);
			continue;
		}
		/* one announcement per segment: a rewrite moves what follows */
		return ftp_announce(c, skb, s, dir, &a, l, i, doff, c->pkt.seq);
	}
	return 0;
}
