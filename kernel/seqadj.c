// SPDX-License-Identifier: GPL-2.0
/* TEMP stub until the coordinator's seqadj lands on main (reverted before merging) */
#include "seqadj.h"

void sxf_seqadj_init(struct sxf_session *s, int dir, s32 off) { }
void sxf_seqadj_set(struct sxf_session *s, int dir, u32 seq, s32 off) { }
s32 sxf_seqadj_offset(struct sxf_session *s, int dir, u32 seq) { return 0; }
int sxf_seqadj_apply(struct sk_buff *skb, struct sxf_session *s, int dir,
		     unsigned int thoff) { return 0; }
