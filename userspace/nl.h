/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink client for the srxflow family (libmnl).
 */
#ifndef SRXFLOW_NL_H
#define SRXFLOW_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/srxflow.h>

struct nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t mcgrp_trace;	/* multicast group ids (0: unknown) */
	uint32_t mcgrp_drop;
	uint32_t mcgrp_session;
	uint32_t portid;
	uint32_t seq;
	char *buf;		/* receive buffer */
	size_t buflen;
	/* last error from the kernel */
	int err;
	char errmsg[512];
	uint32_t err_off;	/* offset of the offending attribute, 0 if none */
	uint32_t err_seq;	/* sequence number of the failing request */
	bool dump_intr;		/* a dump was interrupted (NLM_F_DUMP_INTR) */
};

/* Message buffer for building a request. */
struct nlreq {
	char *buf;
	size_t size;
	struct nlmsghdr *nlh;
};

typedef int (*nl_msg_cb)(const struct nlmsghdr *nlh, void *data);

/*
 * Open the socket and resolve the family.  Returns 0, or -ENOENT when the
 * module is not loaded (message printed by the caller), or another -errno.
 */
int nl_open(struct nl *nl);
void nl_close(struct nl *nl);

/* Start a request for @cmd with @flags (NLM_F_REQUEST added). */
void nlreq_init(struct nl *nl, struct nlreq *req, uint8_t cmd, uint16_t flags);
void nlreq_free(struct nlreq *req);
/* Make room for at least @more bytes of attributes. */
void nlreq_reserve(struct nlreq *req, size_t more);

/*
 * Send a request and process replies until the ACK (or the end of the dump),
 * calling @cb for every data message.  Returns 0 or -errno; on a kernel
 * error, nl->errmsg holds the extended ACK message (may be empty).
 */
int nl_talk(struct nl *nl, struct nlreq *req, nl_msg_cb cb, void *data);

/* Print "srxflow: <what>: <errmsg or strerror>" to stderr. */
void nl_perror(const struct nl *nl, const char *what, int err);
/* the one line printed for EPERM (which capability, in which namespace) */
const char *nl_eperm_text(void);

/* Parse the attributes of a genl message / a nest into tb[0..max]. */
int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb, int max);
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max);

#endif
