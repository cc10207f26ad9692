// SPDX-License-Identifier: GPL-2.0
/*
 * tsc-khz: print the host's TSC frequency in kHz (x86-64 only).
 *
 * Under TCG without -icount a guest's RDTSC returns the host's TSC, so the
 * guest's TSC runs at exactly this rate.  tests/vm/run passes it to the
 * guest as tsc_early_khz=: the guest then skips its own calibration, which
 * a 2-core host busy with builds and other guests can get badly wrong (the
 * guest's clock, and every time limit in it, then runs at the wrong speed,
 * and the kernel's later refinement keeps any value more than 1% off).
 *
 * Each sample brackets one RDTSC between two CLOCK_MONOTONIC_RAW reads and
 * keeps the tightest bracket of many tries, so a preemption in the middle
 * costs nothing; two samples 200 ms apart give the rate to a few ppm.
 * Exit status 1 (nothing printed) when the measurement is not trustworthy.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

struct sample {
	double ns;	/* middle of the bracket */
	uint64_t tsc;
	double width;	/* bracket width, ns */
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static struct sample take(void)
{
	struct sample best = { .width = 1e18 };
	int i;

	for (i = 0; i < 200; i++) {
		double a = now_ns();
		uint64_t c = __rdtsc();
		double b = now_ns();

		if (b - a < best.width) {
			best.ns = (a + b) / 2;
			best.tsc = c;
			best.width = b - a;
		}
	}
	return best;
}

int main(void)
{
	struct timespec pause = { .tv_nsec = 200 * 1000 * 1000 };
	struct sample s0, s1;
	double dt, khz;

	s0 = take();
	nanosleep(&pause, NULL);
	s1 = take();
	dt = s1.ns - s0.ns;
	/* the brackets must be small against the interval: < 0.01% error */
	if (dt < 1e8 || (s0.width + s1.width) > dt * 1e-4 || s1.tsc <= s0.tsc)
		return 1;
	khz = (double)(s1.tsc - s0.tsc) / dt * 1e6;
	if (khz < 100000 || khz > 10000000)	/* 100 MHz .. 10 GHz */
		return 1;
	printf("%.0f\n", khz);
	return 0;
}
