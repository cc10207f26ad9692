// SPDX-License-Identifier: GPL-2.0
/*
 * TCP tracking of a session: handshake state, window (sequence) checks in
 * the manner of nf_conntrack's tcp_in_window(), RST validation, FIN/RST
 * ending the session, and the timeouts that go with each state.
 */
#include <linux/kernel.h>
#include <net/tcp.h>
#include "engine.h"

static const char *const tcp_state_names[] = {
	[SXF_TCP_NONE]		= "NONE",
	[SXF_TCP_SYN_SENT]	= "SYN_SENT",
	[SXF_TCP_SYN_RECV]	= "SYN_RECV",
	[SXF_TCP_ESTABLISHED]	= "ESTABLISHED",
	[SXF_TCP_FIN_WAIT]	= "FIN_WAIT",
	[SXF_TCP_CLOSING]	= "CLOSING",
	[SXF_TCP_TIME_WAIT]	= "TIME_WAIT",
	[SXF_TCP_CLOSED]	= "CLOSED",
};

const char *sxf_tcp_state_name(u8 state)
{
	return state < ARRAY_SIZE(tcp_state_names) ? tcp_state_names[state] : "?";
}

static u32 seg_end(const struct sxf_pkt *p)
{
	return p->seq + p->datalen + !!(p->tcp_flags & SXF_TCP_SYN) +
	       !!(p->tcp_flags & SXF_TCP_FIN);
}

/* first packet of the session (direction 0) */
void sxf_tcp_init(struct sxf_session *s, const struct sxf_pkt *p,
		  const struct sxf_flow_opts *f)
{
	struct sxf_tcpdir *d = &s->tcp[0];

	d->end = seg_end(p);
	d->maxend = d->end;
	d->maxwin = max_t(u32, p->win, 1);
	d->flags = SXF_TDF_SEEN;
	if (p->wscale != 0xff) {
		d->scale = p->wscale;
		d->flags |= SXF_TDF_SCALE;
	}
	if (p->tcp_flags & SXF_TCP_SYN) {
		s->tcp_state = SXF_TCP_SYN_SENT;
	} else {
		/* picked up in the middle (no-syn-check): be liberal until
		 * both directions have been seen
		 */
		s->tcp_state = SXF_TCP_ESTABLISHED;
		d->scale = 0;
	}
}

/* the other direction's first packet initialises its side */
static void init_dir(struct sxf_tcpdir *d, const struct sxf_pkt *p)
{
	d->end = seg_end(p);
	d->maxend = d->end;
	d->maxwin = max_t(u32, p->win, 1);
	d->flags |= SXF_TDF_SEEN;
	if ((p->tcp_flags & SXF_TCP_SYN) && p->wscale != 0xff) {
		d->scale = p->wscale;
		d->flags |= SXF_TDF_SCALE;
	}
}

/* sequence / acknowledgement window check of a packet from snd to rcv */
static bool window_ok(const struct sxf_tcpdir *snd, const struct sxf_tcpdir *rcv,
		      const struct sxf_pkt *p)
{
	u32 seq = p->seq, end = seg_end(p), ack = p->ack;
	u32 maxack = max_t(u32, snd->maxwin, 66000);

	if (!(p->tcp_flags & SXF_TCP_ACK))
		ack = rcv->end;
	/* (I) not beyond what the receiver allowed */
	if (!before(seq, snd->maxend + 1))
		return false;
	/* (II) not entirely before the receiver's window */
	if (!after(end, snd->end - rcv->maxwin - 1))
		return false;
	/* (III) do not ack data the receiver has not sent */
	if (!before(ack, rcv->end + 1))
		return false;
	/* (IV) not acking something far in the past */
	if (!after(ack, rcv->end - maxack - 1))
		return false;
	return true;
}

static void window_update(struct sxf_tcpdir *snd, struct sxf_tcpdir *rcv,
			  const struct sxf_pkt *p)
{
	u32 end = seg_end(p), win = p->win;

	if (!(p->tcp_flags & SXF_TCP_SYN) && (snd->flags & rcv->flags & SXF_TDF_SCALE))
		win <<= snd->scale;
	if (after(end, snd->end))
		snd->end = end;
	if (snd->maxwin < win)
		snd->maxwin = win;
	if (p->tcp_flags & SXF_TCP_ACK) {
		u32 ack_end = p->ack + max_t(u32, win, 1);

		if (after(ack_end, rcv->maxend))
			rcv->maxend = ack_end;
	}
	if (after(snd->end, snd->maxend))
		snd->maxend = snd->end;
}

/*
 * Track one packet of direction dir.  Returns the verdict; the caller
 * applies timeouts from the resulting state.
 */
enum sxf_tcp_verdict sxf_tcp_packet(struct sxf_net *sn, struct sxf_session *s, int dir,
				    const struct sxf_pkt *p, const struct sxf_flow_opts *f)
{
	struct sxf_tcpdir *snd = &s->tcp[dir], *rcv = &s->tcp[!dir];
	u8 fl = p->tcp_flags, old;
	enum sxf_tcp_verdict v = SXF_TCP_OK;
	bool checked;

	/* nonsense flag combinations never pass */
	if ((fl & (SXF_TCP_SYN | SXF_TCP_FIN)) == (SXF_TCP_SYN | SXF_TCP_FIN) ||
	    (fl & (SXF_TCP_SYN | SXF_TCP_RST)) == (SXF_TCP_SYN | SXF_TCP_RST) ||
	    !(fl & (SXF_TCP_ACK | SXF_TCP_SYN | SXF_TCP_RST)))
		return SXF_TCP_DROP_INVALID;

	/*
	 * _bh: this runs in softirq (PRE_ROUTING) and in process context with
	 * BHs enabled (LOCAL_OUT of the router's own TCP: tcp_sendmsg ->
	 * ip_queue_xmit -> ip_local_out holds only rcu_read_lock): a receive
	 * softirq on the same CPU would spin on the lock forever.
	 */
	spin_lock_bh(&s->lock);
	old = s->tcp_state;
	if ((old == SXF_TCP_TIME_WAIT || old == SXF_TCP_CLOSED) && dir == 0 &&
	    (fl & (SXF_TCP_SYN | SXF_TCP_ACK)) == SXF_TCP_SYN) {
		v = SXF_TCP_NEW;	/* port reuse: a new connection */
		goto out;
	}

	switch (old) {
	case SXF_TCP_SYN_SENT:
		if (dir == 1 && (fl & (SXF_TCP_SYN | SXF_TCP_ACK)) == (SXF_TCP_SYN | SXF_TCP_ACK)) {
			if (p->ack != s->tcp[0].end) {
				v = SXF_TCP_DROP_WINDOW;
				goto out;
			}
			init_dir(snd, p);
			if (!(snd->flags & rcv->flags & SXF_TDF_SCALE))
				snd->scale = rcv->scale = 0;
			rcv->maxend = p->ack + max_t(u32, p->win, 1);
			s->tcp_state = SXF_TCP_SYN_RECV;
			goto out;
		}
		if (dir == 0 && (fl & (SXF_TCP_SYN | SXF_TCP_ACK)) == SXF_TCP_SYN)
			goto out;	/* retransmitted SYN */
		if (dir == 1 && (fl & SXF_TCP_RST) && (fl & SXF_TCP_ACK) &&
		    p->ack == s->tcp[0].end) {
			s->tcp_state = SXF_TCP_CLOSED;	/* connection refused */
			goto out;
		}
		v = SXF_TCP_DROP_INVALID;
		goto out;
	case SXF_TCP_SYN_RECV:
		if (f->strict_syn_check && p->datalen && dir == 0 &&
		    !(fl & SXF_TCP_ACK)) {
			v = SXF_TCP_DROP_INVALID;
			goto out;
		}
		if (dir == 1 && (fl & SXF_TCP_SYN))
			goto out;	/* retransmitted SYN-ACK */
		break;
	default:
		break;
	}

	if (!(snd->flags & SXF_TDF_SEEN)) {
		/* picked-up session (no-syn-check): this direction's first packet */
		init_dir(snd, p);
		rcv->scale = snd->scale = 0;
		checked = false;
	} else if (!(rcv->flags & SXF_TDF_SEEN)) {
		checked = false;	/* the peer's window is not known yet */
	} else {
		checked = !f->no_seq_check && s->tcp_state >= SXF_TCP_SYN_RECV;
	}
	if (checked && !window_ok(snd, rcv, p)) {
		v = SXF_TCP_DROP_WINDOW;
		goto out;
	}
	window_update(snd, rcv, p);

	if (fl & SXF_TCP_RST) {
		s->tcp_state = SXF_TCP_CLOSED;
		goto out;
	}
	if (s->tcp_state == SXF_TCP_SYN_RECV && dir == 0 && (fl & SXF_TCP_ACK))
		s->tcp_state = SXF_TCP_ESTABLISHED;
	if (fl & SXF_TCP_FIN) {
		snd->flags |= SXF_TDF_FIN;
		if (rcv->flags & SXF_TDF_FIN)
			s->tcp_state = SXF_TCP_CLOSING;
		else if (s->tcp_state < SXF_TCP_FIN_WAIT)
			s->tcp_state = SXF_TCP_FIN_WAIT;
	} else if (s->tcp_state == SXF_TCP_CLOSING && (fl & SXF_TCP_ACK) &&
		   (snd->flags & rcv->flags & SXF_TDF_FIN)) {
		s->tcp_state = SXF_TCP_TIME_WAIT;	/* last ACK */
	}
out:
	spin_unlock_bh(&s->lock);
	if (v != SXF_TCP_OK || old == s->tcp_state)
		return v;

	/* state changed: timeouts (reference §3) */
	switch (s->tcp_state) {
	case SXF_TCP_SYN_RECV:
		sxf_session_expire_in(s, f->tcp_initial_timeout);
		break;
	case SXF_TCP_ESTABLISHED:
		sxf_session_expire_in(s, s->timeout);
		break;
	case SXF_TCP_FIN_WAIT:
		if (f->fin_invalidate)
			sxf_session_remove(sn, s, SXF_CLOSE_TCP_FIN);
		break;
	case SXF_TCP_CLOSING:
	case SXF_TCP_TIME_WAIT:
		if (f->fin_invalidate)
			sxf_session_remove(sn, s, SXF_CLOSE_TCP_FIN);
		else
			sxf_session_invalidate(sn, s, f->time_wait ? f->time_wait_timeout :
					       SXF_TO_ENDED);
		s->close_reason = SXF_CLOSE_TCP_FIN;
		break;
	case SXF_TCP_CLOSED:
		if (f->rst_invalidate)
			sxf_session_remove(sn, s, SXF_CLOSE_TCP_RST);
		else
			sxf_session_invalidate(sn, s, SXF_TO_RST);
		s->close_reason = SXF_CLOSE_TCP_RST;
		break;
	}
	return v;
}
