// SPDX-License-Identifier: GPL-2.0
/*
 * Packet-drop records (show security packet-drop records): the most recent
 * drops, each with time, 5-tuple, interface and reason.  One small ring per
 * CPU so that recording a drop never touches a cache line another CPU
 * writes; readers merge the rings by time.
 */
#include <linux/percpu.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "engine.h"
#include "droprec.h"

int sxf_droprec_init(struct sxf_net *sn)
{
	sn->drops = alloc_percpu(struct sxf_drop_ring);
	return sn->drops ? 0 : -ENOMEM;
}

void sxf_droprec_exit(struct sxf_net *sn)
{
	free_percpu(sn->drops);
	sn->drops = NULL;
}

void sxf_droprec_add(struct sxf_ctx *c, u8 reason, const char *detail)
{
	struct sxf_drop_ring *ring;
	struct sxf_droprec *d;
	u64 time;
	u32 i;

	local_bh_disable();
	ring = this_cpu_ptr(c->sn->drops);
	i = ring->next++ % SXF_DROPREC_PER_CPU;
	d = &ring->rec[i];
	WRITE_ONCE(d->time, 0);		/* being written */
	smp_wmb();	/* readers see "being written" before the new content */
	d->t = c->pkt.t;
	d->ipid = c->pkt.ipid;
	d->ifindex = c->in ? c->in->ifindex : 0;
	d->reason = reason;
	strscpy(d->detail, detail ? detail : "", sizeof(d->detail));
	time = ktime_get_real_ns();
	smp_store_release(&d->time, time);	/* publish */
	local_bh_enable();
	if (!test_bit(0, &c->sn->trace.streaming))
		sxf_nl_push_kick(c->sn, SXF_MCGRP_DROP, time - 1);
}

bool sxf_droprec_read(const struct sxf_droprec *d, struct sxf_droprec *out)
{
	u64 t = smp_load_acquire(&d->time);	/* pairs with the writer's release */

	if (!t)
		return false;
	*out = *d;
	smp_rmb();	/* the copy before the re-check of time */
	return READ_ONCE(d->time) == t && out->time == t;
}

void sxf_droprec_clear(struct sxf_net *sn)
{
	WRITE_ONCE(sn->drops_cleared, ktime_get_real_ns());
}
