// SPDX-License-Identifier: GPL-2.0
/*
 * TCP tracking of a session: handshake state, window (sequence) checks in
 * the manner of nf_conntrack's tcp_in_window(), RST validation, FIN/RST
 * ending the session, and the timeouts that go with each state.
 */
#include <linux/kernel.h>
#include <net/tcp.h>
#include "engine.h"
#include "seqadj.h"

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
	struct sxf_tcpdir *d = &s->w[0].tcp;

	d->end = seg_end(p);
	d->maxend = d->end;
	d->maxwin = max_t(u32, p->win, 1);
	d->flags = SXF_TDF_SEEN;
	if (p->tcp_flags & SXF_TCP_ACK) {
		d->maxack = p->ack;
		d->flags |= SXF_TDF_MAXACK;
	}
	if (p->wscale != 0xff) {
		d->scale = p->wscale;
		d->flags |= SXF_TDF_SCALE;
	}
	if (p->tcp_flags & SXF_TCP_SYN) {
		s->tcp_state = SXF_TCP_SYN_SENT;
	} else {
		/*
		 * Picked up in the middle (no-syn-check): the window scales
		 * were in the SYNs we never saw, so announced windows cannot
		 * be interpreted.  Be liberal as conntrack is for a picked-up
		 * connection (IP_CT_TCP_FLAG_BE_LIBERAL): no window checks in
		 * either direction, so a retransmission after a loss does not
		 * stall it; RSTs are still checked (sxf_rst_check()).
		 */
		s->tcp_state = SXF_TCP_ESTABLISHED;
		d->scale = 0;
		d->flags |= SXF_TDF_LIBERAL;
		s->w[1].tcp.flags |= SXF_TDF_LIBERAL;
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

enum sxf_win { SXF_WIN_OK, SXF_WIN_IGNORE, SXF_WIN_INVALID };

/*
 * Sequence / acknowledgement window check of a packet from snd to rcv, as
 * Linux 6.1's tcp_in_window() judges it:
 *  - OK: in the window; the caller updates the tracked state;
 *  - IGNORE: old but harmless (data the receiver acknowledged already, a
 *    long-delayed ACK, or a few bytes over the window): forwarded, the
 *    state is not touched.  Dropping a retransmission of acknowledged data
 *    stalls the connection when the ACK was lost beyond the router;
 *  - INVALID: beyond what the receiver allowed, or acknowledging data never
 *    sent: dropped.
 */
static enum sxf_win window_check(struct sxf_tcpdir *snd, const struct sxf_tcpdir *rcv,
				 const struct sxf_pkt *p)
{
	u32 seq = p->seq, end = seg_end(p), ack = p->ack;
	u32 maxack = max_t(u32, snd->maxwin, SXF_TCP_MIN_WIN);
	bool in_recv_win, ack_ok;

	/* no ACK, or an RST+ACK of a broken stack with ack 0: pretend it is ok */
	if (!(p->tcp_flags & SXF_TCP_ACK) ||
	    ((p->tcp_flags & SXF_TCP_RST) && !ack))
		ack = rcv->end;
	in_recv_win = !rcv->maxwin || after(end, snd->end - rcv->maxwin - 1);
	ack_ok = after(ack, rcv->end - maxack - 1);
	/* (I) not beyond what the receiver allowed */
	if (!before(seq, snd->maxend + 1)) {
		u32 overshot = end - snd->maxend;

		/* a TCP sending a little more than the window allows */
		if (in_recv_win && ack_ok && overshot <= rcv->maxwin &&
		    before(ack, rcv->end + 1)) {
			snd->end = end;
			return SXF_WIN_IGNORE;
		}
		return SXF_WIN_INVALID;
	}
	/* (III) do not ack data the receiver has not sent */
	if (!before(ack, rcv->end + 1))
		return SXF_WIN_INVALID;
	/* (II) entirely before the receiver's window: acknowledged already */
	if (!in_recv_win)
		return SXF_WIN_IGNORE;
	/* (IV) acking something far in the past: a long-delayed ACK */
	if (!ack_ok)
		return SXF_WIN_IGNORE;
	return SXF_WIN_OK;
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

		if (!(snd->flags & SXF_TDF_MAXACK) || after(p->ack, snd->maxack)) {
			snd->maxack = p->ack;
			snd->flags |= SXF_TDF_MAXACK;
		}
		if (after(ack_end, rcv->maxend))
			rcv->maxend = ack_end;
	}
	/*
	 * A segment that ends beyond what the receiver allowed (it began
	 * within) widens the receiver's window by as much, as conntrack's
	 * tcp_in_window() does, and never the sender's bound: only the
	 * receiver's acknowledgements move that, so the next segment beyond
	 * it is an overshoot (window_check() (I)), let through once by at
	 * most that window and then dropped, not a bound each segment raises
	 * for the next.  Not in a liberal session: no window is checked
	 * there, its bound is the unscaled one, and each segment of a bulk
	 * transfer would add its distance to it, raising the largest window
	 * that judges its blind segments (near_ack(), the ahead check below,
	 * offload.c's track_ack()) without end
	 */
	if (!(snd->flags & SXF_TDF_LIBERAL) && rcv->maxwin && after(end, snd->maxend))
		rcv->maxwin += end - snd->maxend;
}

/*
 * A FIN whose sequence number is not tracked (a liberal session: picked up
 * mid-stream, or offloaded, whose directions are picked up again from
 * their next packet) is judged against what its receiver acknowledged
 * last (kept current while offloaded too): within the largest window the
 * receiver announced (66000 at least, as the ACK check) of it, it moves
 * the session's state.  Else it goes on to the host, which judges it, and
 * changes nothing here (as an RST that is not exact): a blind FIN with a
 * guessed tuple no longer takes the session out of ESTABLISHED (out of
 * services-offload, onto the FIN timeout) or ends it
 * (fin-invalidate-session), and a real one judged against a stale
 * acknowledgement still closes the connection (the session then ages out).
 */
static bool near_ack(const struct sxf_tcpdir *rcv, const struct sxf_pkt *p)
{
	u32 win = max_t(u32, rcv->maxwin, SXF_TCP_MIN_WIN);

	return !after(p->seq, rcv->maxack + win) && after(seg_end(p), rcv->maxack - win);
}

/*
 * Does a direction's first packet, which the window check does not judge
 * (a session picked up mid-stream, or offloaded and picked up again),
 * show that its sender knows the connection?  Near what the receiver
 * acknowledged last (near_ack()), and acknowledging, within the largest
 * window, what the receiver sent, when that is known.  Nothing to judge it
 * by (the receiver never acknowledged anything): yes, as before.
 */
static bool seq_plausible(const struct sxf_tcpdir *rcv, const struct sxf_pkt *p)
{
	u32 win = max_t(u32, rcv->maxwin, SXF_TCP_MIN_WIN);

	if (!(rcv->flags & SXF_TDF_MAXACK))
		return true;
	if (!near_ack(rcv, p))
		return false;
	return !(rcv->flags & SXF_TDF_SEEN) || !(p->tcp_flags & SXF_TCP_ACK) ||
	       (!after(p->ack, rcv->end) && after(p->ack, rcv->end - win - 1));
}

enum sxf_rst { SXF_RST_CLOSE, SXF_RST_KEEP, SXF_RST_DROP };

/*
 * An RST from snd, as nf_conntrack_tcp_packet() judges one (6.1, the
 * TCP_CONNTRACK_CLOSE case), before the window check:
 *  - while closing (FIN seen) or when the peer never acknowledged anything,
 *    only the window check applies;
 *  - a sequence number below the highest ack the peer sent is stale:
 *    dropped ("invalid rst");
 *  - the exact next sequence number (the peer's highest ack, or the
 *    highest sequence number this side sent: the RST ending a train of
 *    segments) ends the session;
 *  - any other (in-window) sequence number passes but changes nothing: a
 *    real peer answers it with a challenge ACK (RFC 5961), and the sender
 *    then resets with the exact number.
 * fresh: this packet is the first seen from snd (its end is the RST's own).
 */
static enum sxf_rst sxf_rst_check(const struct sxf_session *s, const struct sxf_tcpdir *snd,
				  const struct sxf_tcpdir *rcv, const struct sxf_pkt *p,
				  bool fresh)
{
	u32 seq = p->seq;

	if (s->tcp_state >= SXF_TCP_FIN_WAIT || !(rcv->flags & SXF_TDF_MAXACK))
		return SXF_RST_CLOSE;
	if (!seq && s->tcp_state != SXF_TCP_ESTABLISHED)
		return SXF_RST_CLOSE;	/* answer to a SYN */
	if (before(seq, rcv->maxack))
		return SXF_RST_DROP;
	if (s->tcp_state != SXF_TCP_ESTABLISHED || seq == rcv->maxack ||
	    (!fresh && seq == snd->end))
		return SXF_RST_CLOSE;
	return SXF_RST_KEEP;
}

/*
 * Track one packet of direction dir.  Returns the verdict: OK (the
 * packet is in the session's windows and moved its state), PASS (it is
 * forwarded for the end to judge, as an old retransmission, an RST or a
 * FIN that is not exact, but proves nothing: enable-reverse-reroute does
 * not move a wing for it, and it does not refresh the inactivity timer,
 * as conntrack's ignored segments do not), or a drop.  The caller applies timeouts from
 * the resulting state.
 */
enum sxf_tcp_verdict sxf_tcp_packet(struct sxf_net *sn, struct sxf_session *s, int dir,
				    const struct sxf_pkt *p, const struct sxf_flow_opts *f)
{
	struct sxf_tcpdir *snd = &s->w[dir].tcp, *rcv = &s->w[!dir].tcp;
	u8 fl = p->tcp_flags, old, now;
	enum sxf_tcp_verdict v = SXF_TCP_OK;
	bool checked, fresh;
	struct sxf_pkt adj;

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
	if (unlikely(READ_ONCE(s->flags) & SXF_SF_SEQADJ) && (fl & SXF_TCP_ACK)) {
		/*
		 * The ACK numbers the receiver's bytes as they were forwarded
		 * (shifted): the receiver's window is tracked as they arrived.
		 */
		adj = *p;
		adj.ack -= sxf_seqadj_ack_offset(s, !dir, p->ack);
		p = &adj;
	}
	old = s->tcp_state;
	if ((old == SXF_TCP_TIME_WAIT || old == SXF_TCP_CLOSED) && dir == 0 &&
	    (fl & (SXF_TCP_SYN | SXF_TCP_ACK)) == SXF_TCP_SYN) {
		v = SXF_TCP_NEW;	/* port reuse: a new connection */
		goto out;
	}

	switch (old) {
	case SXF_TCP_SYN_SENT:
		if (dir == 1 && (fl & (SXF_TCP_SYN | SXF_TCP_ACK)) == (SXF_TCP_SYN | SXF_TCP_ACK)) {
			if (p->ack != s->w[0].tcp.end) {
				v = SXF_TCP_DROP_WINDOW;
				goto out;
			}
			init_dir(snd, p);
			snd->maxack = p->ack;
			snd->flags |= SXF_TDF_MAXACK;
			if (!(snd->flags & rcv->flags & SXF_TDF_SCALE))
				snd->scale = rcv->scale = 0;
			rcv->maxend = p->ack + max_t(u32, p->win, 1);
			s->tcp_state = SXF_TCP_SYN_RECV;
			goto out;
		}
		if (dir == 0 && (fl & (SXF_TCP_SYN | SXF_TCP_ACK)) == SXF_TCP_SYN) {
			/* retransmitted SYN: the same one proves the connection */
			if (seg_end(p) != snd->end)
				v = SXF_TCP_PASS;
			goto out;
		}
		if (dir == 1 && (fl & SXF_TCP_RST) && (fl & SXF_TCP_ACK) &&
		    p->ack == s->w[0].tcp.end) {
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
		if (dir == 1 && (fl & SXF_TCP_SYN)) {
			/*
			 * A retransmitted SYN-ACK acknowledges the SYN as the
			 * first one did; a bare SYN of the responder
			 * (conntrack: invalid in SYN_RECV) or a SYN-ACK
			 * acknowledging anything else is not one.
			 */
			if (!(fl & SXF_TCP_ACK))
				v = SXF_TCP_DROP_INVALID;
			else if (p->ack != s->w[0].tcp.end)
				v = SXF_TCP_DROP_WINDOW;
			goto out;
		}
		break;
	default:
		break;
	}

	fresh = !(snd->flags & SXF_TDF_SEEN);
	if ((fl & SXF_TCP_FIN) && !f->no_seq_check && (fresh || (snd->flags & SXF_TDF_LIBERAL)) &&
	    (rcv->flags & SXF_TDF_MAXACK) && !near_ack(rcv, p)) {
		v = SXF_TCP_PASS;
		goto out;
	}
	if (fresh) {
		/*
		 * Picked up (no-syn-check), or again after the offload: this
		 * direction's first packet.  Judged against the receiver's
		 * side before it sets anything: one that does not show that
		 * its sender knows the connection is forwarded for the end to
		 * judge and leaves the tracked state alone (conntrack updates
		 * nothing from a segment it does not find in the window), else
		 * a blind segment would set the numbers an RST is then judged
		 * by.
		 */
		if (!f->no_seq_check && !seq_plausible(rcv, p)) {
			v = SXF_TCP_PASS;
			goto out;
		}
		init_dir(snd, p);
		rcv->scale = snd->scale = 0;
		checked = false;
	} else if (!(rcv->flags & SXF_TDF_SEEN)) {
		checked = false;	/* the peer's window is not known yet */
	} else {
		checked = !f->no_seq_check && s->tcp_state >= SXF_TCP_SYN_RECV &&
			  !(snd->flags & SXF_TDF_LIBERAL);
	}
	if (fl & SXF_TCP_RST) {
		enum sxf_rst r = sxf_rst_check(s, snd, rcv, p, fresh);
		enum sxf_win wr = checked ? window_check(snd, rcv, p) : SXF_WIN_OK;

		if (r == SXF_RST_DROP || wr == SXF_WIN_INVALID) {
			v = SXF_TCP_DROP_WINDOW;
			goto out;
		}
		/* an old RST passes (the end judges it) but ends nothing */
		if (r == SXF_RST_CLOSE && wr == SXF_WIN_OK)
			s->tcp_state = SXF_TCP_CLOSED;
		else
			v = SXF_TCP_PASS;
		goto out;	/* an RST updates no window */
	}
	if (checked) {
		switch (window_check(snd, rcv, p)) {
		case SXF_WIN_OK:
			break;
		case SXF_WIN_IGNORE:
			v = SXF_TCP_PASS;
			goto out;
		case SXF_WIN_INVALID:
			v = SXF_TCP_DROP_WINDOW;
			goto out;
		}
	}
	/*
	 * Liberal: every segment passes, but one acknowledging data the peer
	 * never sent (a spoofed ACK) does not move the tracked state that
	 * the RST checks rely on.
	 */
	if (!checked && (snd->flags & SXF_TDF_LIBERAL) && (rcv->flags & SXF_TDF_SEEN) &&
	    (fl & SXF_TCP_ACK) && !before(p->ack, rcv->end + 1)) {
		v = SXF_TCP_PASS;
		goto out;
	}
	/*
	 * Liberal, not its first packet: no window check (the window scale is
	 * unknown, and a bulk transfer's own segments would look
	 * implausible), but what a blind segment could set is kept out of
	 * the tracked state, as conntrack updates nothing from a segment
	 * outside the window: a SYN in an established connection (conntrack
	 * ignores it), and a segment beginning further beyond what its
	 * sender has sent than the receiver's largest window (66000 at
	 * least, as near_ack()).  Either would move the sender's end, and
	 * an RST at that end then ended the session (sxf_rst_check()).
	 * They go on for the end to judge, as old segments do.
	 */
	if (!checked && (snd->flags & SXF_TDF_LIBERAL) && !fresh && !f->no_seq_check &&
	    ((fl & SXF_TCP_SYN) ||
	     after(p->seq, snd->end + max_t(u32, rcv->maxwin, SXF_TCP_MIN_WIN)))) {
		v = SXF_TCP_PASS;
		goto out;
	}
	window_update(snd, rcv, p);

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
	now = s->tcp_state;
	spin_unlock_bh(&s->lock);
	if ((v != SXF_TCP_OK && v != SXF_TCP_PASS) || old == now)
		return v;

	/*
	 * state changed: timeouts (reference §3).  By the state this packet
	 * made (now): another CPU may have moved it on since the unlock.
	 */
	sxf_session_never_update(s);
	switch (now) {
	case SXF_TCP_SYN_RECV:
		/* (tcp syn-flood timeout: the half-open time runs from the SYN) */
		if (!(READ_ONCE(s->flags) & SXF_SF_SCR_SYNTO))
			sxf_session_expire_in(s, f->tcp_initial_timeout);
		break;
	case SXF_TCP_ESTABLISHED:
		/* (not one an RST on another CPU ended meanwhile) */
		if (!(READ_ONCE(s->flags) & SXF_SF_INVALID))
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
		WRITE_ONCE(s->close_reason, SXF_CLOSE_TCP_FIN);
		break;
	case SXF_TCP_CLOSED:
		if (f->rst_invalidate)
			sxf_session_remove(sn, s, SXF_CLOSE_TCP_RST);
		else
			sxf_session_invalidate(sn, s, SXF_TO_RST);
		WRITE_ONCE(s->close_reason, SXF_CLOSE_TCP_RST);
		break;
	}
	return v;
}
