// SPDX-License-Identifier: GPL-2.0
/*
 * sessionlog: print srxflow's session log events (then log session-init /
 * session-close, deny policies with log session-init) as they happen,
 * with libnl-genl-3 - how another daemon (a SIEM forwarder, an accounting
 * collector) consumes them without the srxflow tools.
 *
 *   make -C userspace/examples
 *   sudo ip netns exec R userspace/examples/sessionlog [COUNT]
 *
 * Output, one line per event (COUNT events, then it exits; 0: forever):
 *
 *   seq 12 create id 7 10.0.1.2/40001->10.0.2.2/80 proto 6 policy p-tcp trust->untrust lan0
 *   seq 15 close id 7 10.0.1.2/40001->10.0.2.2/80 proto 6 policy p-tcp trust->untrust lan0 reason "TCP FIN" 6/326 4/222 11s
 *   seq 16 deny id 0 10.0.1.2/40003->10.0.2.2/22 proto 6 policy no-ssh trust->untrust lan0 reason "policy deny"
 *
 * The protocol (include/uapi/linux/srxflow.h, and machine-readably
 * Documentation/netlink/specs/srxflow.yaml):
 *   - resolve the family SRXFLOW_GENL_NAME and its multicast group
 *     SRXFLOW_MCGRP_SESSION ("session") through the generic netlink
 *     controller, and join the group: nothing else is needed, the kernel
 *     sends while the group has listeners;
 *   - each event is one SRXFLOW_CMD_SESSION_EVENT message with one
 *     SRXFLOW_A_SLOG nest;
 *   - SRXFLOW_A_SLOG_SEQ numbers every event of the namespace: a gap is an
 *     event lost (the kernel could not build it, or this socket's receive
 *     buffer overflowed: recv then fails with ENOBUFS, -NLE_NOMEM in libnl);
 *   - joining needs CAP_NET_ADMIN over the network namespace.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include <linux/srxflow.h>

static struct nla_policy slog_policy[SRXFLOW_A_SLOG_MAX + 1] = {
	[SRXFLOW_A_SLOG_TYPE]		= { .type = NLA_U8 },
	[SRXFLOW_A_SLOG_SEQ]		= { .type = NLA_U64 },
	[SRXFLOW_A_SLOG_SESSION_ID]	= { .type = NLA_U64 },
	[SRXFLOW_A_SLOG_SRC]		= { .minlen = sizeof(struct srxflow_prefix) },
	[SRXFLOW_A_SLOG_DST]		= { .minlen = sizeof(struct srxflow_prefix) },
	[SRXFLOW_A_SLOG_SPORT]		= { .type = NLA_U16 },
	[SRXFLOW_A_SLOG_DPORT]		= { .type = NLA_U16 },
	[SRXFLOW_A_SLOG_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_SLOG_POLICY]		= { .type = NLA_STRING },
	[SRXFLOW_A_SLOG_FROM_ZONE]	= { .type = NLA_STRING },
	[SRXFLOW_A_SLOG_TO_ZONE]	= { .type = NLA_STRING },
	[SRXFLOW_A_SLOG_IFNAME]		= { .type = NLA_STRING },
	[SRXFLOW_A_SLOG_REASON]		= { .type = NLA_STRING },
	[SRXFLOW_A_SLOG_PACKETS_C2S]	= { .type = NLA_U64 },
	[SRXFLOW_A_SLOG_BYTES_C2S]	= { .type = NLA_U64 },
	[SRXFLOW_A_SLOG_PACKETS_S2C]	= { .type = NLA_U64 },
	[SRXFLOW_A_SLOG_BYTES_S2C]	= { .type = NLA_U64 },
	[SRXFLOW_A_SLOG_ELAPSED]	= { .type = NLA_U32 },
};

struct state {
	long left;			/* events still to print, <0: forever */
	uint64_t last_seq;
	uint64_t gaps;
};

static const char *addr(const struct nlattr *a, char *buf, size_t n)
{
	const struct srxflow_prefix *p = nla_data(a);

	return inet_ntop(p->family, p->addr, buf, n) ? buf : "?";
}

static const char *str(struct nlattr **tb, int t)
{
	return tb[t] ? nla_get_string(tb[t]) : "";
}

static uint64_t u64(struct nlattr **tb, int t)
{
	return tb[t] ? nla_get_u64(tb[t]) : 0;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	static const char *const types[] = { "?", "create", "close", "deny" };
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[SRXFLOW_A_MAX + 1], *sl[SRXFLOW_A_SLOG_MAX + 1];
	struct state *st = arg;
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	uint8_t type;
	uint64_t seq;

	if (g->cmd != SRXFLOW_CMD_SESSION_EVENT ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, SRXFLOW_A_MAX, NULL) || !tb[SRXFLOW_A_SLOG] ||
	    nla_parse_nested(sl, SRXFLOW_A_SLOG_MAX, tb[SRXFLOW_A_SLOG], slog_policy) ||
	    !sl[SRXFLOW_A_SLOG_TYPE] || !sl[SRXFLOW_A_SLOG_SRC] || !sl[SRXFLOW_A_SLOG_DST])
		return NL_SKIP;
	type = nla_get_u8(sl[SRXFLOW_A_SLOG_TYPE]);
	seq = u64(sl, SRXFLOW_A_SLOG_SEQ);
	if (st->last_seq && seq > st->last_seq + 1)
		st->gaps += seq - st->last_seq - 1;
	if (seq > st->last_seq)
		st->last_seq = seq;
	printf("seq %" PRIu64 " %s id %" PRIu64 " %s/%u->%s/%u proto %u policy %s %s->%s %s",
	       seq, types[type <= SRXFLOW_SLOG_DENY ? type : 0], u64(sl, SRXFLOW_A_SLOG_SESSION_ID),
	       addr(sl[SRXFLOW_A_SLOG_SRC], s, sizeof(s)),
	       sl[SRXFLOW_A_SLOG_SPORT] ? nla_get_u16(sl[SRXFLOW_A_SLOG_SPORT]) : 0,
	       addr(sl[SRXFLOW_A_SLOG_DST], d, sizeof(d)),
	       sl[SRXFLOW_A_SLOG_DPORT] ? nla_get_u16(sl[SRXFLOW_A_SLOG_DPORT]) : 0,
	       sl[SRXFLOW_A_SLOG_PROTOCOL] ? nla_get_u8(sl[SRXFLOW_A_SLOG_PROTOCOL]) : 0,
	       str(sl, SRXFLOW_A_SLOG_POLICY), str(sl, SRXFLOW_A_SLOG_FROM_ZONE),
	       str(sl, SRXFLOW_A_SLOG_TO_ZONE), str(sl, SRXFLOW_A_SLOG_IFNAME));
	if (sl[SRXFLOW_A_SLOG_REASON])
		printf(" reason \"%s\"", str(sl, SRXFLOW_A_SLOG_REASON));
	if (type == SRXFLOW_SLOG_CLOSE)
		printf(" %" PRIu64 "/%" PRIu64 " %" PRIu64 "/%" PRIu64 " %us",
		       u64(sl, SRXFLOW_A_SLOG_PACKETS_C2S), u64(sl, SRXFLOW_A_SLOG_BYTES_C2S),
		       u64(sl, SRXFLOW_A_SLOG_PACKETS_S2C), u64(sl, SRXFLOW_A_SLOG_BYTES_S2C),
		       sl[SRXFLOW_A_SLOG_ELAPSED] ? nla_get_u32(sl[SRXFLOW_A_SLOG_ELAPSED]) : 0);
	printf("\n");
	fflush(stdout);
	if (st->left > 0)
		st->left--;
	return NL_OK;
}

int main(int argc, char **argv)
{
	struct state st = { .left = argc > 1 ? atol(argv[1]) : 0 };
	struct nl_sock *sk;
	int grp, err;

	if (!st.left)
		st.left = -1;
	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "sessionlog: cannot open a generic netlink socket\n");
		return 1;
	}
	grp = genl_ctrl_resolve_grp(sk, SRXFLOW_GENL_NAME, SRXFLOW_MCGRP_SESSION);
	if (grp < 0) {
		fprintf(stderr, "sessionlog: family %s, group %s: %s (is the srxflow module loaded?)\n",
			SRXFLOW_GENL_NAME, SRXFLOW_MCGRP_SESSION, nl_geterror(grp));
		nl_socket_free(sk);
		return 1;
	}
	/* events are not answers to requests: no sequence number checks */
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, &st);
	err = nl_socket_add_membership(sk, grp);
	if (err) {
		fprintf(stderr, "sessionlog: joining group %s: %s\n", SRXFLOW_MCGRP_SESSION,
			nl_geterror(err));
		nl_socket_free(sk);
		return 1;
	}
	fprintf(stderr, "sessionlog: listening\n");
	while (st.left) {
		err = nl_recvmsgs_default(sk);
		if (err == -NLE_NOMEM) {
			fprintf(stderr, "sessionlog: receive buffer overflowed: events lost\n");
			continue;
		}
		if (err < 0 && err != -NLE_INTR && err != -NLE_AGAIN) {
			fprintf(stderr, "sessionlog: %s\n", nl_geterror(err));
			break;
		}
	}
	if (st.gaps)
		fprintf(stderr, "sessionlog: %" PRIu64 " events lost (sequence gaps)\n", st.gaps);
	nl_socket_free(sk);
	return 0;
}
