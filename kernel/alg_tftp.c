// SPDX-License-Identifier: GPL-2.0
/*
 * The TFTP ALG: a read or write request (RFC 1350 opcode 1 or 2) to the
 * server's port 69 is answered from a new server port.  The request opens
 * a gate for that answer: from the server's address, any port, to the
 * client's address and port as the server sees them (after source NAT),
 * translated back to the client's own.  Reference: junos-nat-screens-alg.md §5.
 */
#include <linux/udp.h>
#include "alg.h"
#include "trace.h"

void sxf_alg_tftp(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
		  struct sxf_wing *w)
{
	const struct sxf_tuple *in = &s->w[0].t, *out = &s->w[1].t;
	unsigned int off = skb_network_offset(skb) + c->pkt.thoff + sizeof(struct udphdr);
	__be16 _op, *op, dport = out->dport;
	char a[48];
	int err;

	if (c->pkt.proto != IPPROTO_UDP || w->dir)
		return;
	op = skb_header_pointer(skb, off, sizeof(_op), &_op);
	if (!op || (*op != htons(1) && *op != htons(2))) {
		if (!op)
			SXF_ALG_CNT(c->sn, SRXFLOW_ALG_TFTP, unparsable);
		return;
	}
	SXF_ALG_CNT(c->sn, SRXFLOW_ALG_TFTP, messages);
	err = sxf_gate_open(c->sn, s, 1, IPPROTO_UDP, out->vrf, &out->src, &out->dst, &dport,
			    &in->src, in->sport, false);
	if (err) {
		SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
			  "alg_tftp: session %llu: %s, no gate (%s)",
			  s->id, *op == htons(1) ? "RRQ" : "WRQ",
			  err == -EADDRINUSE ? "another session's gate takes its data" :
			  err == -ENOSPC ? "gate limit reached" :
			  err == -ENOMEM ? "out of memory" : "session closing");
		return;
	}
	SXF_TRACE(c, SXF_T_DATAPATH | SXF_T_SESSION,
		  "alg_tftp: session %llu: %s, gate for %s/%u",
		  s->id, *op == htons(1) ? "RRQ" : "WRQ",
		  sxf_ntop(in->family, &out->dst, a), ntohs(out->dport));
}
