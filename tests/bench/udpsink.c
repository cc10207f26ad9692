// SPDX-License-Identifier: GPL-2.0
/*
 * udpsink: count UDP packets over a time window (recvmmsg).
 *
 *   udpsink [-p PORT] [-t WINDOW] [-s SKIP] [-n REPS] [-T TIMEOUT] [-i USEC] [-e]
 *           [-r READY] [-N NETNS]
 *
 * Packets whose payload starts with 'B' are counted.  The window opens
 * SKIP seconds after the first of them (the flows are running by then)
 * and lasts WINDOW seconds; the rate is the number of packets received
 * between the two observations divided by the time between them, taken
 * with CLOCK_MONOTONIC (under qemu -icount: instruction time).  -T TIMEOUT:
 * give up after TIMEOUT seconds without a packet (default: never; on an
 * -icount guest with sleep=off, idle time -- waiting for the host -- jumps
 * ahead by whole timer periods, so guest-time timeouts are unreliable).
 * -t 0: count until TIMEOUT seconds without a packet, print the total.  -n REPS: measure REPS bursts, one window each;
 * a burst ends with 50 ms without packets (udpblast -n).
 *
 * -i USEC: poll: drain the socket, then sleep USEC microseconds, instead of
 * sleeping in recvmmsg() until a packet comes (-i 0, the default).  Polling
 * costs the receiver less (no wake-up per packet) but, measured on an
 * -icount guest, its rates moved by up to ~2 % from one boot to the next,
 * while the blocking receiver repeats to ~0.05 %.
 *
 * -e: answer packets starting with 'W' (udpblast -w opens its flows with
 * them) with one small datagram, so that stateful routers see a reply.
 * -r FILE: create FILE once the socket is bound (the driver waits on it).
 *
 * Output (one line per window): pkts=N secs=T pps=R total=N drops=D
 * (drops: datagrams the socket dropped for want of buffer, SO_RXQ_OVFL).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "benchlib.h"

#define VLEN 64

int main(int argc, char **argv)
{
	int port = 9000, echo = 0, opt, fd, one = 1, sz = 32 << 20, i, poll_us = 0;
	double window = 2.0, skip = 0.5, timeout = 0;
	const char *ready = NULL;
	struct sockaddr_in a = { .sin_family = AF_INET };
	static char bufs[VLEN][2048];
	static char cbufs[VLEN][CMSG_SPACE(sizeof(unsigned int))];
	static struct sockaddr_in from[VLEN];
	struct mmsghdr msgs[VLEN];
	struct iovec iov[VLEN];
	struct timeval tv = { .tv_sec = 0, .tv_usec = 20000 };
	unsigned long long total = 0, c0 = 0, c1 = 0;
	unsigned int drops = 0;
	double tfirst = 0, t0 = 0, t1 = 0, tlast;
	int state = 0;	/* 0 waiting, 1 skipping, 2 in window, 3 done, 4 wait for silence */
	int reps = 1, rep = 0;

	while ((opt = getopt(argc, argv, "p:t:s:n:T:i:er:N:")) != -1) {
		switch (opt) {
		case 'p': port = atoi(optarg); break;
		case 't': window = atof(optarg); break;
		case 's': skip = atof(optarg); break;
		case 'T': timeout = atof(optarg); break;
		case 'n': reps = atoi(optarg); break;
		case 'i': poll_us = atoi(optarg); break;
		case 'e': echo = 1; break;
		case 'N': enter_netns(optarg); break;
		case 'r': ready = optarg; break;
		default:
			fprintf(stderr, "usage: udpsink [-p PORT] [-t WINDOW] [-s SKIP] [-n REPS] "
				"[-T TIMEOUT] [-i USEC] [-e] [-r READYFILE] [-N NETNS]\n");
			return 2;
		}
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("udpsink: socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	a.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("udpsink: bind");
		return 1;
	}
	if (ready) {
		int r = open(ready, O_WRONLY | O_CREAT, 0644);

		if (r >= 0)
			close(r);
	}
	for (i = 0; i < VLEN; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = sizeof(bufs[i]);
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &from[i];
	}
	tlast = now();
	while (state != 3) {
		double t;
		int n;

		for (i = 0; i < VLEN; i++) {
			msgs[i].msg_hdr.msg_namelen = sizeof(from[i]);
			msgs[i].msg_hdr.msg_control = cbufs[i];
			msgs[i].msg_hdr.msg_controllen = sizeof(cbufs[i]);
		}
		n = recvmmsg(fd, msgs, VLEN, poll_us ? MSG_DONTWAIT : MSG_WAITFORONE, NULL);
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR) {
				perror("udpsink: recvmmsg");
				return 1;
			}
			n = 0;
		}
		if (poll_us && n <= 0) {
			struct timespec ts = { .tv_nsec = poll_us * 1000L };

			nanosleep(&ts, NULL);
		}
		t = now();
		for (i = 0; i < n; i++) {
			struct cmsghdr *cm;

			for (cm = CMSG_FIRSTHDR(&msgs[i].msg_hdr); cm;
			     cm = CMSG_NXTHDR(&msgs[i].msg_hdr, cm))
				if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SO_RXQ_OVFL)
					memcpy(&drops, CMSG_DATA(cm), sizeof(drops));
			if (!msgs[i].msg_len)
				continue;
			if (bufs[i][0] == 'B') {
				total++;
			} else if (bufs[i][0] == 'W' && echo) {
				sendto(fd, "R", 1, MSG_DONTWAIT, (struct sockaddr *)&from[i],
				       msgs[i].msg_hdr.msg_namelen);
			}
		}
		if (n)
			tlast = t;
		if (window <= 0) {
			if (timeout > 0 && t - tlast > timeout)
				break;
			continue;
		}
		switch (state) {
		case 0:
			if (total) {
				tfirst = t;
				state = 1;
			} else if (timeout > 0 && t - tlast > timeout) {
				fprintf(stderr, "udpsink: no packet in %.0f s\n", timeout);
				printf("pkts=0 secs=0 pps=0 total=0 drops=%u\n", drops);
				return 1;
			}
			break;
		case 1:
			if (t - tfirst >= skip) {
				t0 = t;
				c0 = total;
				state = 2;
			}
			break;
		case 2:
			if (t - t0 >= window || t - tlast > 0.05) {
				if (t - t0 < window)
					fprintf(stderr, "udpsink: traffic stopped inside the window\n");
				t1 = t - t0 < window ? tlast : t;
				c1 = total;
				printf("pkts=%llu secs=%.6f pps=%.1f total=%llu drops=%u\n", c1 - c0,
				       t1 - t0, t1 > t0 ? (c1 - c0) / (t1 - t0) : 0.0, total, drops);
				fflush(stdout);
				state = ++rep < reps ? 4 : 3;
			}
			break;
		case 4:
			if (t - tlast > 0.05) {
				total = 0;
				state = 0;
			}
			break;
		}
	}
	if (window <= 0)
		printf("pkts=%llu secs=0 pps=0 total=%llu drops=%u\n", total, total, drops);
	return 0;
}
