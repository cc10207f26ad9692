/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SRXFLOW_CFGCODEC_H
#define SRXFLOW_CFGCODEC_H

#include <stdint.h>
#include "cfgtree.h"
#include "nl.h"

struct commit_err {
	int err;		/* -errno */
	int line;		/* source line of the offending statement, 0 if unknown */
	char msg[600];
};

/* Receives each encoded CFG_ADD message; returns 0 or -errno. */
typedef int (*cfg_sink)(struct nlmsghdr *nlh, void *arg);

/*
 * Encode root as CFG_ADD messages (definitions first) handed to sink.
 * nl supplies the family id and sequence numbers.
 */
int config_encode(struct nl *nl, const struct cnode *root, cfg_sink sink, void *arg,
		  struct commit_err *cerr);

/* The generation of the running configuration only. */
int config_generation(struct nl *nl, uint64_t *gen);
/* Read the running configuration and its generation. */
int config_read(struct nl *nl, struct cnode **root, uint64_t *gen);
/* Add one configuration object attribute to a tree. */
int config_decode_object(struct cnode *root, const struct nlattr *obj);
/*
 * Commit the complete configuration in root as one transaction based on
 * base_gen.  -EAGAIN: someone else committed meanwhile.
 */
int config_commit(struct nl *nl, const struct cnode *root, uint64_t base_gen,
		  bool check_only, uint64_t *new_gen, struct commit_err *cerr);

#endif
