/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What srxflow knows about one packet: its tuple (the session hash key)
 * and the header fields the flow engine needs.
 */
#ifndef _SRXFLOW_PACKET_H
#define _SRXFLOW_PACKET_H

#include <linux/types.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/in.h>
#include <net/ipv6.h>

/*
 * Session key of one wing.  Every byte is significant (hashed with
 * jhash2 and compared with memcmp), so unused bytes are always zero.
 * vrf is the l3mdev master ifindex of the wing's arrival interface (0 for
 * the main table): identical addresses in two VRFs are two sessions.
 * ICMP queries are one session per request, as on Junos: the request
 * carries the identifier in sport and the sequence number in dport, the
 * reply the other way round, and the message type in icmp_type (request
 * on one wing, reply on the other).
 */
struct sxf_tuple {
	union {
		__be32 v4;
		struct in6_addr v6;
	} src, dst;
	__be16 sport, dport;
	u8 proto;
	u8 family;
	u8 icmp_type;
	u8 pad;
	u32 vrf;
} __aligned(4);

#define SXF_TUPLE_WORDS (sizeof(struct sxf_tuple) / sizeof(u32))

struct sxf_pkt {
	struct sxf_tuple t;	/* this packet, as it arrived */
	u8 family;
	u8 proto;
	u8 tos;
	u8 ttl;
	u32 len;		/* network header + payload (an IPv6 jumbogram: > 64K) */
	u16 thoff;		/* transport header offset from network header */
	u32 ipid;
	bool fragment;		/* reassembled by nf_defrag */
	bool icmp_query;	/* echo request/reply and other queries */
	bool icmp_reply;	/* ICMP query reply */
	bool icmp_err;		/* ICMP error: inner is the reversed embedded tuple */
	u8 icmp_type, icmp_code;
	u16 inner_thoff;	/* ICMP error: the quoted transport header (first fragment), or 0 */
	struct sxf_tuple inner;		/* (not cleared by sxf_parse() otherwise) */

	struct_group(after_inner,
		/* TCP */
		u8 tcp_flags;
		u8 wscale;		/* SYN: window scale option, 0xff none */
		u32 seq, ack;
		u16 win;
		u32 datalen;
		bool frag_head;		/* first fragment, not reassembled: L4 incomplete */
		bool frag_tail;		/* not the first fragment: no transport header */
		bool rthdr6;		/* IPv6 routing header with segments left */
	);
};

#define SXF_TCP_FIN	0x01
#define SXF_TCP_SYN	0x02
#define SXF_TCP_RST	0x04
#define SXF_TCP_PSH	0x08
#define SXF_TCP_ACK	0x10
#define SXF_TCP_URG	0x20

static inline bool sxf_tuple_is_multicast(const struct sxf_tuple *t)
{
	if (t->family == AF_INET)
		return ipv4_is_multicast(t->dst.v4) || ipv4_is_lbcast(t->dst.v4);
	return ipv6_addr_is_multicast(&t->dst.v6);
}

/* Parse the packet at skb's network header.  0, or -EINVAL if malformed. */
int sxf_parse(struct sk_buff *skb, u8 family, u32 vrf, struct sxf_pkt *p);
/* The tuple of the reply direction of t (swap ends, reply ICMP type). */
void sxf_tuple_reverse(struct sxf_tuple *r, const struct sxf_tuple *t, u32 vrf);
/* Reply type of an ICMP query type, -1 if type is not a query request. */
int sxf_icmp_reply_type(u8 family, u8 type);

#endif
