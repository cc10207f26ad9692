/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The committed configurations on disk and the one way to commit.
 *
 * Directory: $SRXFLOW_STATE_DIR, default /var/lib/srxflow:
 *   lock                 flock(2)ed for the whole of every commit
 *   commits/NNNNNNNN.conf one file per commit (sequence number), the newest
 *                        50 kept; hierarchical text with `#@` metadata lines
 *                        (time, user, via, comment).  Written to a temporary
 *                        file, fsync'd, renamed, and the directory fsync'd.
 *   confirm              a pending `commit confirmed`: "SEQ DEADLINE RESTORE_SEQ"
 *
 * The kernel holds only the active statements; the newest commit file adds
 * the inactive ones and the annotations, and is used whenever its active part
 * is exactly what the kernel runs.
 */
#ifndef SRXFLOW_CFGSTORE_H
#define SRXFLOW_CFGSTORE_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "cfgcodec.h"
#include "cfgtree.h"
#include "nl.h"

#define STORE_KEEP 50

struct commit_info {
	unsigned int seq;
	time_t time;
	char user[64];
	char via[160];
	char comment[512];
	bool meta;			/* has inactive statements or annotations */
	unsigned long long generation;	/* kernel generation it got */
};

struct commit_opts {
	const char *comment;
	const char *via;		/* default "cli" */
	unsigned int confirmed;		/* minutes, 0: a plain commit */
	bool check_only;
	bool any_generation;		/* restore/timer: no base generation */
};

const char *store_dir(void);
/* History, newest first (index = rollback number).  Caller frees *v. */
int store_history(struct commit_info **v, int *n);
/* Load rollback n into a new tree. 0, or -1 with err filled. */
int store_load(int n, struct cnode **tree, struct commit_info *ci, char *err, size_t errsz);
/* The running configuration with its inactive statements and annotations. */
int store_running(struct nl *nl, struct cnode **tree, uint64_t *gen, bool *from_store);
/*
 * Commit cand (with inactive parts) as the running configuration.  Refused
 * with -EAGAIN (cerr->msg says why) when the running generation is not
 * base_gen.  Records the commit in the history (not with check_only).
 */
int store_commit(struct nl *nl, const struct cnode *cand, uint64_t base_gen,
		 const struct commit_opts *o, uint64_t *new_gen, struct commit_err *cerr);
/* `show system commit` / `rollback ?` lines. */
void store_print_history(FILE *f);
/* Is a commit confirmed waiting?  minutes left in *left. */
bool store_confirm_pending(unsigned int *seq, time_t *deadline);
/* Boot: commit the newest saved configuration (or, if a commit confirmed
 * was pending, the one before it).  0, or 1 after printing why. */
int store_restore(struct nl *nl);
/* The detached process of `commit confirmed` (argv: SEQ). */
int store_confirm_timer(struct nl *nl, int argc, char **argv);

#endif
