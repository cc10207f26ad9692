// SPDX-License-Identifier: GPL-2.0
/*
 * TCP sequence adjustment (see seqadj.h).  Adapted from Linux's
 * net/netfilter/nf_conntrack_seqadj.c.
 *
 * State: struct sxf_seqadj in the session's extension, one per direction,
 * under s->lock.  The lock is taken with _bh: the packet path holds it in
 * softirq, and the router's own TCP traffic runs it in process context
 * with BHs enabled (see tcp.c).
 */
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/checksum.h>
#include <linux/srxflow.h>
#include "packet.h"
#include "seqadj.h"

void sxf_seqadj_init(struct sxf_session *s, int dir, s32 off)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);
	struct sxf_seqadj *sa;

	if (WARN_ON_ONCE(!ext) || !off)
		return;
	spin_lock_bh(&s->lock);
	sa = &ext->seq[dir];
	sa->offset_before = off;
	sa->offset_after = off;
	spin_unlock_bh(&s->lock);
	sxf_sf_set(s, SXF_SF_SEQADJ);
}

void sxf_seqadj_set(struct sxf_session *s, int dir, u32 seq, s32 off)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);
	struct sxf_seqadj *sa;

	if (WARN_ON_ONCE(!ext) || !off)
		return;
	spin_lock_bh(&s->lock);
	sa = &ext->seq[dir];
	/* a retransmission of the segment changed last is not counted twice */
	if (sa->offset_before == sa->offset_after || before(sa->correction_pos, seq)) {
		sa->correction_pos = seq;
		sa->offset_before = sa->offset_after;
		sa->offset_after += off;
	}
	spin_unlock_bh(&s->lock);
	sxf_sf_set(s, SXF_SF_SEQADJ);
}

static s32 seq_offset(const struct sxf_seqadj *sa, u32 seq)
{
	return after(seq, sa->correction_pos) ? sa->offset_after : sa->offset_before;
}

/* an acknowledgement (or SACK edge) of the other direction's bytes */
static s32 ack_offset(const struct sxf_seqadj *sa, u32 ack)
{
	return after(ack - sa->offset_before, sa->correction_pos) ?
	       sa->offset_after : sa->offset_before;
}

/*
 * The caller holds s->lock (the TCP tracker): the shift of an
 * acknowledgement of dir's bytes, as sxf_seqadj_apply() takes it off, so
 * that the tracker sees the acknowledgement the sender will.
 */
s32 sxf_seqadj_ack_offset(struct sxf_session *s, int dir, u32 ack)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);

	return ext ? ack_offset(&ext->seq[dir], ack) : 0;
}

static void replace4(struct sk_buff *skb, struct tcphdr *th, __be32 *field, u32 val)
{
	__be32 nv = htonl(val);

	inet_proto_csum_replace4(&th->check, skb, *field, nv, false);
	*field = nv;
}

/*
 * The options of a packet of direction dir: SACK blocks (sack: it carries
 * an ACK) acknowledge the other direction's bytes (other); a SYN cookie's
 * timestamps are shifted by tsoff (as nf_synproxy's
 * synproxy_tstamp_adjust(): the server's TSval down, the client's TSecr
 * up).  The header (doff) is writable and was checked by the parser.
 */
static int opts_adjust(struct sk_buff *skb, struct tcphdr *th, const struct sxf_seqadj *other,
		       bool sack, u32 tsoff, int dir)
{
	u8 *op = (u8 *)(th + 1), *end = (u8 *)th + th->doff * 4;
	unsigned int b;

	while (op < end) {
		if (op[0] == TCPOPT_EOL)
			break;
		if (op[0] == TCPOPT_NOP) {
			op++;
			continue;
		}
		if (op + 1 == end || op[1] < 2 || op + op[1] > end)
			return SRXFLOW_DROP_MALFORMED;	/* a partial option */
		if (sack && op[0] == TCPOPT_SACK && op[1] >= 2 + TCPOLEN_SACK_PERBLOCK &&
		    (op[1] - 2) % TCPOLEN_SACK_PERBLOCK == 0) {
			for (b = 2; b < op[1]; b += TCPOLEN_SACK_PERBLOCK) {
				struct tcp_sack_block_wire *sb = (void *)(op + b);
				u32 st = ntohl(sb->start_seq), en = ntohl(sb->end_seq);

				replace4(skb, th, &sb->start_seq, st - ack_offset(other, st));
				replace4(skb, th, &sb->end_seq, en - ack_offset(other, en));
			}
		}
		if (tsoff && op[0] == TCPOPT_TIMESTAMP && op[1] == TCPOLEN_TIMESTAMP) {
			__be32 *f = (__be32 *)(op + (dir ? 2 : 6)), v;
			u32 old, new;

			memcpy(&v, f, sizeof(v));	/* (options are not aligned) */
			old = ntohl(v);
			new = dir ? old - tsoff : old + tsoff;
			v = htonl(new);
			inet_proto_csum_replace4(&th->check, skb, htonl(old), v, false);
			memcpy(f, &v, sizeof(v));
		}
		op += op[1];
	}
	return 0;
}

/*
 * Called by the forwarding path for every TCP packet of a SXF_SF_SEQADJ
 * session, after NAT: dir's sequence number is shifted by dir's offset, the
 * acknowledgement and SACK edges back by the other direction's; a SYN
 * cookie's timestamps are shifted and the server's windows rescaled to
 * the scale the client was given (syncookie.c).
 */
int sxf_seqadj_apply(struct sk_buff *skb, struct sxf_session *s, int dir,
		     unsigned int thoff)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);
	unsigned int off = skb_network_offset(skb) + thoff;
	const struct sxf_syncookie_state *sc;
	struct sxf_seqadj *mine, *other;
	struct tcphdr *th;
	u32 seq, ack;
	int why = 0;

	if (!ext)
		return 0;
	if (skb_ensure_writable(skb, off + sizeof(*th)))
		return SRXFLOW_DROP_NO_MEMORY;
	th = (struct tcphdr *)(skb->data + off);
	if (th->doff > 5) {
		if (skb_ensure_writable(skb, off + th->doff * 4))
			return SRXFLOW_DROP_MALFORMED;
		th = (struct tcphdr *)(skb->data + off);
	}
	mine = &ext->seq[dir];
	other = &ext->seq[!dir];
	sc = &ext->sc;
	spin_lock_bh(&s->lock);
	seq = ntohl(th->seq);
	replace4(skb, th, &th->seq, seq + seq_offset(mine, seq));
	if (th->ack) {
		ack = ntohl(th->ack_seq);
		replace4(skb, th, &th->ack_seq, ack - ack_offset(other, ack));
	}
	if (th->doff > 5 && (th->ack || sc->tsoff))
		why = opts_adjust(skb, th, other, th->ack, sc->tsoff, dir);
	if (dir == 1 && sc->ws_client != sc->ws_server && !th->syn) {
		u32 w = ((u32)ntohs(th->window) << sc->ws_server) >> sc->ws_client;
		__be16 nw = htons(min_t(u32, w, 65535));

		inet_proto_csum_replace2(&th->check, skb, th->window, nw, false);
		th->window = nw;
	}
	spin_unlock_bh(&s->lock);
	return why;
}

/*
 * An ICMP error about a packet of direction dir, forwarded to that
 * packet's sender: it quotes the packet as the router sent it on, its
 * sequence number shifted.  The quoted sequence number (and the
 * acknowledgement, when quoted) go back to the sender's own numbering, or
 * its TCP finds the error outside its window and ignores it
 * (tcp_v4_err(): "OutOfWindowIcmps"), and path MTU discovery fails.  The
 * ICMP checksum and the quoted TCP checksum (when quoted) are updated.
 */
int sxf_seqadj_icmp_error(struct sk_buff *skb, struct sxf_session *s, int dir,
			  const struct sxf_pkt *p)
{
	struct sxf_session_ext *ext = sxf_session_ext(s);
	unsigned int noff = skb_network_offset(skb), il4 = p->inner_thoff;
	unsigned int len = skb->len - noff;
	__be32 oseq, nseq, oack = 0, nack = 0;
	__sum16 *icheck, *tcheck, otcheck;
	struct tcphdr *th;
	bool ack;
	u8 *nh;

	if (!ext || p->inner.proto != IPPROTO_TCP || !il4 || il4 + 8 > len)
		return 0;
	if (skb_ensure_writable(skb, noff + min(len, il4 + (unsigned int)sizeof(*th))))
		return SRXFLOW_DROP_NO_MEMORY;
	nh = skb_network_header(skb);
	th = (struct tcphdr *)(nh + il4);
	/* (type, code, checksum: the same in ICMP and ICMPv6) */
	icheck = (__sum16 *)(nh + p->thoff + 2);
	tcheck = il4 + offsetofend(struct tcphdr, check) <= len ? &th->check : NULL;
	ack = il4 + 14 <= len && th->ack;

	spin_lock_bh(&s->lock);
	oseq = th->seq;
	nseq = htonl(ntohl(oseq) - ack_offset(&ext->seq[dir], ntohl(oseq)));
	if (ack) {
		oack = th->ack_seq;
		nack = htonl(ntohl(oack) + seq_offset(&ext->seq[!dir], ntohl(oack)));
	}
	spin_unlock_bh(&s->lock);

	/*
	 * The ICMP checksum covers the quoted TCP checksum too: it follows
	 * every 16-bit word that changes, the quoted checksum included.
	 */
	otcheck = tcheck ? *tcheck : 0;
	if (tcheck) {
		csum_replace4(tcheck, oseq, nseq);
		if (ack)
			csum_replace4(tcheck, oack, nack);
	}
	csum_replace4(icheck, oseq, nseq);
	th->seq = nseq;
	if (ack) {
		csum_replace4(icheck, oack, nack);
		th->ack_seq = nack;
	}
	if (tcheck)
		csum_replace2(icheck, (__force __be16)otcheck, (__force __be16)*tcheck);
	return 0;
}
