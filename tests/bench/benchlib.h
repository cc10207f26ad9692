/* SPDX-License-Identifier: GPL-2.0 */
/* tests/bench: helpers shared by the benchmark's traffic tools. */
#ifndef SRXFLOW_BENCHLIB_H
#define SRXFLOW_BENCHLIB_H

/* CLOCK_MONOTONIC in seconds (on an -icount guest: instruction time) */
double now(void);
/* -N NAME: enter network namespace NAME (ip netns add NAME); exits on error */
void enter_netns(const char *name);

#endif
