// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong [N]: N round trips of one byte over two pipes between two
 * processes pinned to CPU 0 (two context switches each); prints the time
 * per switch.  Run in an -icount guest it gives a switch's instruction
 * time, in a plain TCG guest its wall time (qemu refills its software TLB
 * after every address-space switch): Documentation/performance.rst, "The
 * multi-vCPU phase".
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	int a[2], b[2], i, n = argc > 1 ? atoi(argv[1]) : 100000;
	struct timespec t0, t1;
	cpu_set_t set;
	double d;
	char c = 0;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (n <= 0 || sched_setaffinity(0, sizeof(set), &set) || pipe(a) || pipe(b)) {
		perror("pingpong");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!fork()) {
		for (i = 0; i < n; i++)
			if (read(a[0], &c, 1) != 1 || write(b[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			return 1;
	wait(NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	d = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%d round trips: %.3f s, %.2f us per switch\n", n, d, d / n / 2 * 1e6);
	return 0;
}
