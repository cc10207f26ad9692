// SPDX-License-Identifier: GPL-2.0
/*
 * cps: new connections per second through a router.
 *
 *   cps server [-p PORT] [-r READYFILE] [-R]
 *       TCP server: accept, read the request, answer, close (forever).
 *       -R: after the answer wait for the client to close, then close.
 *   cps tcp -d DST [-p PORT] [-t WINDOW] [-S SKIP] [-R]
 *       connect, send a 64-byte request, read the answer until the server
 *       closes, close; one connection after the other.  Prints the rate of
 *       completed connections over WINDOW seconds after SKIP seconds.
 *       -R (with a server -R): read the 64-byte answer, then close with a
 *       reset (SO_LINGER 0).  No side closes first with a FIN, so no
 *       TIME_WAIT socket piles up in either end host and no timer runs:
 *       the end hosts' cost per connection stays the same whatever the
 *       router does to the packets' timing (see Documentation/performance.rst).
 *   cps udp -s SRC -d DST [-p PORT] [-n NSRC] [-o OFFSET] [-t SECONDS]
 *           [-c COUNT] [-b BATCH]
 *       one 64-byte UDP packet per new flow: the source walks ports
 *       1024..65535 of SRC, then of SRC+1... (NSRC addresses), starting at
 *       flow number OFFSET; raw socket and sendmmsg, like udpblast.  Sends
 *       for SECONDS, or COUNT flows.  The rate is counted by the receiver
 *       (udpsink), which sees only what the router let through.
 *
 * Every mode takes -N NETNS: enter that network namespace first.
 *
 * Output (one line): tcp: conns=N secs=T cps=R failed=F
 *                    udp: sent=N secs=T pps=R next=OFFSET
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "benchlib.h"

#define NPORTS (65536 - 1024)

static void usage(void)
{
	fprintf(stderr,
		"usage: cps server [-p PORT] [-r READYFILE] [-R]\n"
		"       cps tcp -d DST [-p PORT] [-t WINDOW] [-S SKIP] [-R]\n"
		"       cps udp -s SRC -d DST [-p PORT] [-n NSRC] [-o OFFSET] [-t SECONDS] "
		"[-c COUNT] [-b BATCH]\n");
	exit(2);
}

static int reset_mode;

static int server(int port, const char *ready)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	char buf[256];

	signal(SIGPIPE, SIG_IGN);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 4096)) {
		perror("cps server: bind/listen");
		return 1;
	}
	if (ready) {
		int r = open(ready, O_WRONLY | O_CREAT, 0644);

		if (r >= 0)
			close(r);
	}
	memset(buf, 'a', sizeof(buf));
	for (;;) {
		int c = accept(fd, NULL, NULL);

		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("cps server: accept");
			return 1;
		}
		if (read(c, buf, sizeof(buf)) > 0 && write(c, buf, 64) == 64 && reset_mode)
			while (read(c, buf, sizeof(buf)) > 0)
				;	/* until the client's reset */
		close(c);
	}
}

static int tcp_client(struct in_addr dst, int port, double window, double skip)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr = dst };
	unsigned long long done = 0, failed = 0, c0 = 0;
	double t, tstart = now(), t0 = 0;
	char buf[256];
	int in_window = 0;

	signal(SIGPIPE, SIG_IGN);
	memset(buf, 'q', sizeof(buf));
	for (;;) {
		int fd = socket(AF_INET, SOCK_STREAM, 0), ok = 0;
		ssize_t n;

		if (fd < 0) {
			perror("cps tcp: socket");
			return 1;
		}
		if (!connect(fd, (struct sockaddr *)&a, sizeof(a)) && write(fd, buf, 64) == 64) {
			if (reset_mode) {
				struct linger lg = { .l_onoff = 1, .l_linger = 0 };
				size_t got = 0;

				while (got < 64 && (n = read(fd, buf, sizeof(buf))) > 0)
					got += (size_t)n;
				ok = got >= 64;
				setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
			} else {
				while ((n = read(fd, buf, sizeof(buf))) > 0)
					ok = 1;
			}
		}
		close(fd);
		if (ok)
			done++;
		else
			failed++;
		t = now();
		if (!in_window && t - tstart >= skip) {
			t0 = t;
			c0 = done;
			in_window = 1;
		} else if (in_window && t - t0 >= window) {
			printf("conns=%llu secs=%.6f cps=%.1f failed=%llu\n", done - c0, t - t0,
			       (done - c0) / (t - t0), failed);
			return 0;
		}
		if (failed > 1000 && failed > done) {
			fprintf(stderr, "cps tcp: %llu connections failed\n", failed);
			printf("conns=0 secs=0 cps=0 failed=%llu\n", failed);
			return 1;
		}
	}
}

static int udp_client(struct in_addr src, struct in_addr dst, int port, unsigned int nsrc,
		      unsigned long long offset, double secs, unsigned long long count, int batch)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr = dst };
	static unsigned char pkts[256][46];
	struct mmsghdr msgs[256];
	struct iovec iov[256];
	unsigned long long sent = 0, next = offset, limit = (unsigned long long)nsrc * NPORTS;
	double t0, t1, tend;
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW), i, sz = 4 << 20;

	if (fd < 0) {
		perror("cps udp: raw socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < batch; i++) {
		struct iphdr *ip = (struct iphdr *)pkts[i];
		struct udphdr *uh = (struct udphdr *)(ip + 1);

		ip->version = 4;
		ip->ihl = 5;
		ip->tot_len = htons(sizeof(pkts[i]));
		ip->id = htons(1);
		ip->frag_off = htons(IP_DF);
		ip->ttl = 64;
		ip->protocol = IPPROTO_UDP;
		ip->daddr = dst.s_addr;
		uh->dest = htons(port);
		uh->len = htons(sizeof(pkts[i]) - sizeof(*ip));
		memset(uh + 1, 'B', sizeof(pkts[i]) - sizeof(*ip) - sizeof(*uh));
		iov[i].iov_base = pkts[i];
		iov[i].iov_len = sizeof(pkts[i]);
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	t0 = now();
	tend = t0 + secs;
	t1 = t0;
	while ((count ? sent < count : t1 < tend)) {
		int n, b = batch;

		if (count && count - sent < (unsigned long long)b)
			b = count - sent;
		for (i = 0; i < b; i++) {
			struct iphdr *ip = (struct iphdr *)pkts[i];
			struct udphdr *uh = (struct udphdr *)(ip + 1);
			unsigned long long f = (next + i) % limit;

			ip->saddr = htonl(ntohl(src.s_addr) + f / NPORTS);
			uh->source = htons(1024 + f % NPORTS);
		}
		n = sendmmsg(fd, msgs, b, 0);
		if (n < 0) {
			if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR)
				continue;
			perror("cps udp: sendmmsg");
			return 1;
		}
		sent += n;
		next += n;
		t1 = now();
	}
	printf("sent=%llu secs=%.6f pps=%.1f next=%llu\n", sent, t1 - t0,
	       t1 > t0 ? sent / (t1 - t0) : 0.0, next);
	return 0;
}

int main(int argc, char **argv)
{
	struct in_addr src = { 0 }, dst = { 0 };
	int port = 9001, opt, batch = 32;
	unsigned int nsrc = 16;
	unsigned long long offset = 0, count = 0;
	double secs = 2.0, skip = 0.5;
	const char *mode, *ready = NULL;

	if (argc < 2)
		usage();
	mode = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "s:d:p:n:o:t:c:b:r:S:N:R")) != -1) {
		switch (opt) {
		case 's':
			if (!inet_aton(optarg, &src))
				usage();
			break;
		case 'd':
			if (!inet_aton(optarg, &dst))
				usage();
			break;
		case 'p': port = atoi(optarg); break;
		case 'n': nsrc = strtoul(optarg, NULL, 0); break;
		case 'o': offset = strtoull(optarg, NULL, 0); break;
		case 't': secs = atof(optarg); break;
		case 'c': count = strtoull(optarg, NULL, 0); break;
		case 'b': batch = atoi(optarg); break;
		case 'r': ready = optarg; break;
		case 'S': skip = atof(optarg); break;
		case 'N': enter_netns(optarg); break;
		case 'R': reset_mode = 1; break;
		default: usage();
		}
	}
	if (batch < 1 || batch > 256 || !nsrc)
		usage();
	if (!strcmp(mode, "server"))
		return server(port, ready);
	if (!strcmp(mode, "tcp")) {
		if (!dst.s_addr)
			usage();
		return tcp_client(dst, port, secs, skip);
	}
	if (!strcmp(mode, "udp")) {
		if (!src.s_addr || !dst.s_addr)
			usage();
		return udp_client(src, dst, port, nsrc, offset, secs, count, batch);
	}
	usage();
	return 2;
}
