/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SRXFLOW_DROPREC_H
#define _SRXFLOW_DROPREC_H

#include "packet.h"

#define SXF_DROPREC_PER_CPU	128	/* a per-CPU allocation is at most 32 KiB */

struct sxf_droprec {
	u64 time;			/* CLOCK_REALTIME ns; 0: empty or being written */
	struct sxf_tuple t;
	u32 ipid;
	int ifindex;
	u8 reason;			/* enum srxflow_drop_reason */
	char detail[SRXFLOW_NAME_MAX];	/* e.g. the denying policy */
};

struct sxf_drop_ring {
	u32 next;
	struct sxf_droprec rec[SXF_DROPREC_PER_CPU];
};

struct sxf_ctx;
struct sxf_net;

int sxf_droprec_init(struct sxf_net *sn);
void sxf_droprec_exit(struct sxf_net *sn);
void sxf_droprec_add(struct sxf_ctx *c, u8 reason, const char *detail);
bool sxf_droprec_read(const struct sxf_droprec *d, struct sxf_droprec *out);
void sxf_droprec_clear(struct sxf_net *sn);

#endif
