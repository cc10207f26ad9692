// SPDX-License-Identifier: GPL-2.0
/*
 * ctflush [-N NETNS]: flush the conntrack table of the current network
 * namespace, or of NETNS (what "conntrack -F" does), with a bare ctnetlink
 * request.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include "benchlib.h"

int main(int argc, char **argv)
{
	struct {
		struct nlmsghdr nlh;
		struct nfgenmsg nfg;
	} req = {
		.nlh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_DELETE,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			.nlmsg_seq = 1,
		},
		.nfg = { .nfgen_family = AF_UNSPEC, .version = NFNETLINK_V0 },
	};
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[4096];
	struct nlmsghdr *h;
	ssize_t n;
	int fd;

	if (argc == 3 && !strcmp(argv[1], "-N"))
		enter_netns(argv[2]);
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);

	if (fd < 0) {
		perror("ctflush: socket");
		return 1;
	}
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("ctflush: send");
		return 1;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0) {
		perror("ctflush: recv");
		return 1;
	}
	h = (struct nlmsghdr *)buf;
	if (h->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr *e = NLMSG_DATA(h);

		if (e->error && e->error != -ENOENT) {
			fprintf(stderr, "ctflush: %s\n", strerror(-e->error));
			return 1;
		}
	}
	return 0;
}
