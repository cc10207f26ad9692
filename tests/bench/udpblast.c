// SPDX-License-Identifier: GPL-2.0
/*
 * udpblast: send small UDP packets as fast as possible over N flows.
 *
 *   udpblast -s SRC -d DST [-p DPORT] [-P SPORT0] [-f FLOWS] [-t SECONDS]
 *            [-S FRAME] [-b BATCH] [-n REPS] [-g GAP] [-w] [-N NETNS]
 *
 * One raw socket (IP_HDRINCL) and sendmmsg(): flow i is the UDP tuple
 * SRC:SPORT0+i -> DST:DPORT, packets go round-robin over the flows, so the
 * sender's cost per packet is the same for 1 and for 10,000 flows.  -S is
 * the Ethernet frame size the packet makes on the wire, FCS included
 * (default 64: a 46-byte IP packet, 18 bytes of UDP payload).
 *
 * -w ("warm"): before blasting, every flow sends one packet starting with
 * 'W'; the sink (udpsink -e) answers it, so a stateful router has seen
 * each flow in both directions (conntrack: established) before the
 * measurement.  The client has no socket for the answers: its kernel drops
 * them (and rate-limits the port-unreachable errors to a handful).  Blast
 * packets start with 'B'.
 *
 * -n REPS: send REPS bursts of SECONDS each, GAP seconds apart (default
 * 0.2; udpsink -n REPS measures one window per burst).
 *
 * Output (one line per burst): sent=N secs=T pps=R flows=F
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "benchlib.h"

#define MAX_BATCH 256

static void sleep_s(double s)
{
	struct timespec ts = { .tv_sec = (time_t)s, .tv_nsec = (long)((s - (time_t)s) * 1e9) };

	nanosleep(&ts, NULL);
}

static void usage(void)
{
	fprintf(stderr, "usage: udpblast -s SRC -d DST [-p DPORT] [-P SPORT0] [-f FLOWS] "
		"[-t SECONDS] [-S FRAME] [-b BATCH] [-n REPS] [-g GAP] [-w] [-N NETNS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct in_addr src = { 0 }, dst = { 0 };
	int dport = 9000, sport0 = 20000, flows = 1, frame = 64, batch = 64, do_warm = 0;
	int reps = 1, rep;
	double secs = 2.0, t0, t1 = 0, tend, gap = 0.2;
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct mmsghdr *msgs;
	struct iovec *iov;
	unsigned char *pkts;
	unsigned long long sent = 0;
	int fd, opt, iplen, i;
	size_t next = 0;

	while ((opt = getopt(argc, argv, "s:d:p:P:f:t:S:b:n:g:wN:")) != -1) {
		switch (opt) {
		case 's': if (!inet_aton(optarg, &src)) usage(); break;
		case 'd': if (!inet_aton(optarg, &dst)) usage(); break;
		case 'p': dport = atoi(optarg); break;
		case 'P': sport0 = atoi(optarg); break;
		case 'f': flows = atoi(optarg); break;
		case 't': secs = atof(optarg); break;
		case 'S': frame = atoi(optarg); break;
		case 'b': batch = atoi(optarg); break;
		case 'n': reps = atoi(optarg); break;
		case 'g': gap = atof(optarg); break;
		case 'w': do_warm = 1; break;
		case 'N': enter_netns(optarg); break;
		default: usage();
		}
	}
	if (!src.s_addr || !dst.s_addr || flows < 1 || sport0 + flows > 65536 ||
	    batch < 1 || batch > MAX_BATCH || frame < 64 || frame > 1518 || reps < 1)
		usage();
	iplen = frame - 18;	/* Ethernet header 14 + FCS 4 */

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("udpblast: raw socket");
		return 1;
	}
	{
		int sz = 4 << 20;

		setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	}
	pkts = calloc(flows, iplen);
	msgs = calloc(MAX_BATCH, sizeof(*msgs));
	iov = calloc(MAX_BATCH, sizeof(*iov));
	if (!pkts || !msgs || !iov)
		return 1;
	for (i = 0; i < flows; i++) {
		struct iphdr *ip = (struct iphdr *)(pkts + (size_t)i * iplen);
		struct udphdr *uh = (struct udphdr *)(ip + 1);

		ip->version = 4;
		ip->ihl = 5;
		ip->tot_len = htons(iplen);
		ip->id = htons(1);
		ip->frag_off = htons(IP_DF);
		ip->ttl = 64;
		ip->protocol = IPPROTO_UDP;
		ip->saddr = src.s_addr;
		ip->daddr = dst.s_addr;
		uh->source = htons(sport0 + i);
		uh->dest = htons(dport);
		uh->len = htons(iplen - sizeof(*ip));
		uh->check = 0;		/* no UDP checksum (IPv4 allows it) */
		memset(uh + 1, 'B', iplen - sizeof(*ip) - sizeof(*uh));
	}
	to.sin_addr = dst;
	for (i = 0; i < MAX_BATCH; i++) {
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		iov[i].iov_len = iplen;
	}

	if (do_warm) {
		/* one 'W' packet per flow, then let the answers pass */
		for (i = 0; i < flows; i += batch) {
			int k, b = flows - i < batch ? flows - i : batch;

			for (k = 0; k < b; k++) {
				unsigned char *pk = pkts + (size_t)(i + k) * iplen;

				pk[28] = 'W';
				iov[k].iov_base = pk;
			}
			if (sendmmsg(fd, msgs, b, 0) < 0 && errno != ENOBUFS) {
				perror("udpblast: sendmmsg");
				return 1;
			}
			for (k = 0; k < b; k++)
				((unsigned char *)iov[k].iov_base)[28] = 'B';
		}
		sleep_s(0.1);
	}
	for (rep = 0; rep < reps; rep++) {
		if (rep)
			sleep_s(gap);
		sent = 0;
		t0 = now();
		tend = t0 + secs;
		do {
			int n;

			for (i = 0; i < batch; i++) {
				iov[i].iov_base = pkts + next * iplen;
				if (++next == (size_t)flows)
					next = 0;
			}
			n = sendmmsg(fd, msgs, batch, 0);
			if (n < 0) {
				if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
					perror("udpblast: sendmmsg");
					return 1;
				}
				n = 0;
			}
			sent += n;
			t1 = now();
		} while (t1 < tend);
		printf("sent=%llu secs=%.6f pps=%.1f flows=%d\n", sent, t1 - t0,
		       sent / (t1 - t0), flows);
		fflush(stdout);
	}
	return 0;
}
