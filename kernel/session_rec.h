/* SPDX-License-Identifier: GPL-2.0 */
/* Compact session records of the session dump (session_rec.c). */
#ifndef _SRXFLOW_SESSION_REC_H
#define _SRXFLOW_SESSION_REC_H

struct sk_buff;
struct net;
struct sxf_cfg;
struct sxf_session;
struct sxf_rec_names;

struct sxf_rec_names *sxf_rec_names_alloc(void);
void sxf_rec_names_free(struct sxf_rec_names *nm);
/* A message of the dump begins (RCU read side): its time, no interface known. */
void sxf_rec_dump_begin(struct sxf_rec_names *nm);
/*
 * Put the session's record, preceded by the definitions of the names it
 * uses that this dump has not sent yet; -EMSGSIZE (skb as it was) if it
 * does not fit.  RCU read side.
 */
int sxf_nl_put_session_rec(struct sk_buff *skb, struct net *net, const struct sxf_cfg *cfg,
			   const struct sxf_session *s, struct sxf_rec_names *nm);

#endif
