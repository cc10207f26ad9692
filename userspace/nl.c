// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink client for the srxflow family (libmnl): family
 * resolution, requests with extended-ACK error reporting, and dumps.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "nl.h"
#include "util.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

#define NL_RCVBUF (1 << 20)

static void mcast_groups(struct nl *nl, const struct nlattr *groups)
{
	const struct nlattr *g, *a;

	mnl_attr_for_each_nested(g, groups) {
		const char *name = NULL;
		uint32_t id = 0;

		mnl_attr_for_each_nested(a, g) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
				name = mnl_attr_get_str(a);
			else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID)
				id = mnl_attr_get_u32(a);
		}
		if (name && !strcmp(name, SRXFLOW_MCGRP_TRACE))
			nl->mcgrp_trace = id;
		else if (name && !strcmp(name, SRXFLOW_MCGRP_DROP))
			nl->mcgrp_drop = id;
		else if (name && !strcmp(name, SRXFLOW_MCGRP_SESSION))
			nl->mcgrp_session = id;
	}
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr;
	struct nl *nl = data;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID)
			nl->family = mnl_attr_get_u16(attr);
		else if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GROUPS)
			mcast_groups(nl, attr);
	}
	return MNL_CB_OK;
}

int nl_open(struct nl *nl)
{
	struct nlreq req;
	struct genlmsghdr *g;
	int one = 1, err;
	int rcvbuf = NL_RCVBUF;

	memset(nl, 0, sizeof(*nl));
	/* dump messages of big configuration objects reach 64 KiB */
	nl->buflen = 1 << 20;
	nl->buf = xmalloc(nl->buflen);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		return -errno;
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_RCVBUF,
		   &rcvbuf, sizeof(rcvbuf));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);

	/* resolve the family through the generic netlink controller */
	nl->family = GENL_ID_CTRL;
	nlreq_init(nl, &req, CTRL_CMD_GETFAMILY, 0);
	g = mnl_nlmsg_get_payload(req.nlh);
	g->version = 1;
	mnl_attr_put_strz(req.nlh, CTRL_ATTR_FAMILY_NAME, SRXFLOW_GENL_NAME);
	nl->family = 0;
	err = nl_talk(nl, &req, family_cb, nl);
	nlreq_free(&req);
	if (err)
		return err;
	return nl->family ? 0 : -ENOENT;
}

void nl_close(struct nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

void nlreq_init(struct nl *nl, struct nlreq *req, uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr *g;

	req->size = MNL_SOCKET_BUFFER_SIZE;
	req->buf = xcalloc(1, req->size);
	req->nlh = mnl_nlmsg_put_header(req->buf);
	req->nlh->nlmsg_type = nl->family;
	req->nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	req->nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(req->nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = SRXFLOW_GENL_VERSION;
}

void nlreq_reserve(struct nlreq *req, size_t more)
{
	size_t len = req->nlh->nlmsg_len, need = len + more + 64;

	if (need <= req->size)
		return;
	while (req->size < need)
		req->size *= 2;
	req->buf = xrealloc(req->buf, req->size);
	req->nlh = (struct nlmsghdr *)req->buf;
	memset(req->buf + len, 0, req->size - len);
}

void nlreq_free(struct nlreq *req)
{
	free(req->buf);
	req->buf = NULL;
}

/* Extract the extended ACK (message, offending attribute offset). */
static void parse_ext_ack(struct nl *nl, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	unsigned int off = sizeof(*e);

	nl->errmsg[0] = '\0';
	nl->err_off = 0;
	nl->err_seq = nlh->nlmsg_seq;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += mnl_nlmsg_get_payload_len(&e->msg) + 0;
	mnl_attr_for_each(attr, nlh, off) {
		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				snprintf(nl->errmsg, sizeof(nl->errmsg), "%s",
					 mnl_attr_get_str(attr));
			break;
		case NLMSGERR_ATTR_OFFS:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				nl->err_off = mnl_attr_get_u32(attr);
			break;
		}
	}
}

struct talk_ctx {
	struct nl *nl;
	nl_msg_cb cb;
	void *data;
};

int nl_talk(struct nl *nl, struct nlreq *req, nl_msg_cb cb, void *data)
{
	uint32_t seq = req->nlh->nlmsg_seq;
	bool dump = req->nlh->nlmsg_flags & NLM_F_DUMP;
	ssize_t n;

	nl->err = 0;
	nl->errmsg[0] = '\0';
	nl->err_off = 0;
	nl->dump_intr = false;
	if (!dump)
		req->nlh->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(nl->sock, req->nlh, req->nlh->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		const struct nlmsghdr *nlh;
		int len;

		n = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buflen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != seq || nlh->nlmsg_pid != nl->portid)
				continue;	/* stale reply of an earlier request */
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				nl->dump_intr = true;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

				if (e->error) {
					parse_ext_ack(nl, nlh);
					nl->err = e->error;
					return e->error;
				}
				if (!dump)
					return 0;
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				const int *e = mnl_nlmsg_get_payload(nlh);

				if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int) && *e < 0) {
					parse_ext_ack(nl, nlh);
					nl->err = *e;
					return *e;
				}
				return 0;
			}
			if (cb) {
				int r = cb(nlh, data);

				if (r < 0)
					return r;
			}
		}
	}
}

/*
 * Every command, reads included, needs CAP_NET_ADMIN over the network
 * namespace; a module loaded with restrict_userns=1 asks for it in the
 * initial user namespace.
 */
const char *nl_eperm_text(void)
{
	FILE *f = fopen("/sys/module/srxflow/parameters/restrict_userns", "r");
	int c = f ? fgetc(f) : EOF;

	if (f)
		fclose(f);
	if (c == 'Y' || c == '1')
		return "permission denied: CAP_NET_ADMIN in the initial user namespace is required (restrict_userns)";
	return "permission denied: CAP_NET_ADMIN is required";
}

void nl_perror(const struct nl *nl, const char *what, int err)
{
	if (err == -EPERM && !(nl && nl->errmsg[0]))
		fprintf(stderr, "srxflow: %s: %s\n", what, nl_eperm_text());
	else if (nl && nl->errmsg[0])
		fprintf(stderr, "srxflow: %s: %s\n", what, nl->errmsg);
	else
		fprintf(stderr, "srxflow: %s: %s\n", what, strerror(-err));
}

static int parse_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = ((const struct nlattr ***)data)[0];
	int max = (int)(long)((void **)data)[1];
	int type = mnl_attr_get_type(attr);

	if (type <= max)
		tb[type] = attr;
	return MNL_CB_OK;
}

int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb, int max)
{
	void *ctx[2] = { tb, (void *)(long)max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), parse_cb, ctx) < 0 ? -EINVAL : 0;
}

int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max)
{
	void *ctx[2] = { tb, (void *)(long)max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	return mnl_attr_parse_nested(nest, parse_cb, ctx) < 0 ? -EINVAL : 0;
}
