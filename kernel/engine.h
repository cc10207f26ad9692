/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The flow engine: first path, fast path and their helpers.
 */
#ifndef _SRXFLOW_ENGINE_H
#define _SRXFLOW_ENGINE_H

#include <linux/netfilter.h>
#include "srxflow.h"
#include "config.h"
#include "packet.h"
#include "session.h"

/* Everything known about a packet while the engine handles it. */
struct sxf_ctx {
	struct sxf_net *sn;
	const struct sxf_cfg *cfg;
	const struct nf_hook_state *state;
	struct net_device *in;		/* arrival interface (NULL: local out) */
	const struct sxf_ifent *ifent;	/* arrival interface's zone binding */
	int vrf;			/* l3mdev of the arrival interface */
	const struct sxf_ifmap *ifmap;	/* read once per packet (RCU) */
	int oif;			/* local out: the egress interface */
	bool local_out;
	u32 trace;			/* traceoptions mask for this packet */
	/* last: hooks.c clears what comes before it, sxf_parse() clears it */
	struct sxf_pkt pkt;
};

/*
 * A variable the compiler must not clear on entry.  Debian's kernels (and
 * most distributions') are built with CONFIG_INIT_STACK_ALL_ZERO, which
 * zeroes every automatic variable: for the 200-byte sxf_ctx of every packet
 * that is a 25-iteration "rep stosq" before sxf_parse() clears the packet
 * part again.  Only for variables whose every byte is written before use.
 */
#if __has_attribute(__uninitialized__)
#define __sxf_noinit	__attribute__((__uninitialized__))
#else
#define __sxf_noinit
#endif

/*
 * A verdict of the first path and the fast path that is not a netfilter
 * one: the session table changed under the packet (a lost creation race, a
 * SYN starting a connection over an ended session), look it up again.
 * Only the hook dispatcher (hooks.c) acts on it, so the two paths never
 * call each other.
 */
#define SXF_RETRY	(NF_MAX_VERDICT + 1)

struct sxf_route {
	struct dst_entry *dst;		/* referenced; NULL for local */
	u32 cookie;
	int oif;
	bool local;			/* destination is the router */
	bool bcast;			/* broadcast / multicast */
};

/* route.c */
/*
 * sxf_route_lookup(): the xfrm OUT policy refused the route (blocks, or
 * demands an SA that does not exist).  Not -EACCES: a "prohibit" route
 * fails with that, and is no route, not IPsec.
 */
#define SXF_EXFRM	(-EKEYREJECTED)
int sxf_dev_vrf(const struct net_device *dev);
int sxf_route_lookup(struct net *net, const struct sxf_tuple *t, u8 tos, u32 mark,
		     int vrf, struct sxf_route *r);
u32 sxf_vrf_table(struct net *net, int vrf);
void sxf_route_gateway(const struct sxf_wing *w, struct srxflow_prefix *gw);
u32 sxf_route_handle(const struct sxf_wing *w);

/* first_path.c */
unsigned int sxf_first_path(struct sxf_ctx *c, struct sk_buff *skb);
unsigned int sxf_self_traffic(struct sxf_ctx *c, struct sk_buff *skb);
bool sxf_session_rematch(struct sxf_net *sn, const struct sxf_cfg *cfg,
			 const struct sxf_session *s);

/* fast_path.c, forward.c */
unsigned int sxf_fast_path(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_wing *w);
bool sxf_fwd_hook_alone(const struct net *net, u8 pf);
bool sxf_fwd_own(const struct nf_hook_state *state);
unsigned int sxf_forward(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_session *s,
			 struct sxf_wing *w);
unsigned int sxf_icmp_error(struct sxf_ctx *c, struct sk_buff *skb);

/* fwd_checks.c: the kernel's forwarding safeguards */
bool sxf_fwd_ip_options(struct sxf_ctx *c, struct sk_buff *skb);
bool sxf_fwd_ip6_rthdr(struct sxf_ctx *c, struct sk_buff *skb);
bool sxf_fwd_first_check(struct sxf_ctx *c, struct sk_buff *skb, struct sxf_route *fwd,
			 int err);
int sxf_fwd_pkt_check(struct sxf_ctx *c, struct sk_buff *skb);

/* tcp.c */
enum sxf_tcp_verdict {
	SXF_TCP_OK,
	SXF_TCP_PASS,			/* forwarded, not validated: changed nothing */
	SXF_TCP_DROP_WINDOW,		/* out of window */
	SXF_TCP_DROP_INVALID,		/* bad flags, strict-syn-check */
	SXF_TCP_NEW,			/* SYN on an ended session: start over */
};

void sxf_tcp_init(struct sxf_session *s, const struct sxf_pkt *p,
		  const struct sxf_flow_opts *f);
enum sxf_tcp_verdict sxf_tcp_packet(struct sxf_net *sn, struct sxf_session *s, int dir,
				    const struct sxf_pkt *p, const struct sxf_flow_opts *f);
const char *sxf_tcp_state_name(u8 state);

/* hostin.c */
bool sxf_host_inbound_allowed(const struct sxf_zone_if *zif, const struct sxf_pkt *p);
bool sxf_host_always_allowed(const struct sxf_pkt *p);

/* reject.c */
void sxf_reject_net_init(struct sxf_net *sn);
void sxf_reject(struct sxf_ctx *c, struct sk_buff *skb);
void sxf_send_tcp_rst(struct sxf_ctx *c, struct sk_buff *skb);
bool sxf_answerable(const struct sxf_ctx *c, const struct sk_buff *skb, int dtype);
int sxf_dst_type(const struct sxf_ctx *c);

/* drop.c */
unsigned int sxf_drop(struct sxf_ctx *c, struct sk_buff *skb, enum srxflow_drop_reason r,
		      const char *detail);
extern const char *const sxf_drop_reason_str[];

/* default inactivity timeouts of reference §3 */
#define SXF_TO_TCP	1800
#define SXF_TO_UDP	60
#define SXF_TO_ICMP	60
#define SXF_TO_OTHER	1800
#define SXF_TO_ENDED	10		/* ended sessions are kept this long */
#define SXF_TO_RST	2
#define SXF_TO_ICMP_ANSWERED	4	/* an answered ICMP query is kept this long */

#endif
