// SPDX-License-Identifier: GPL-2.0
/*
 * pktcraft: send hand-made IPv4 packets for the selftests, fast.
 *
 *   pktcraft udp  SRC DST DPORT [--count N] [--sport-base P] [--sport-range R]
 *   pktcraft tcp  SRC DST DPORT [--flags S|A|R|F|SA|PA...] [--sport P] [--seq N]
 *   pktcraft short-tcp SRC DST           (TCP header cut short: malformed)
 *
 * udp sends N packets, the source port cycling through R ports from P, so
 * every packet can open a new session (a first-path flood).  Packets are
 * built with IP_HDRINCL on a raw socket and sent with sendmmsg().
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 256

struct pkt {
	struct iphdr ip;
	union {
		struct udphdr udp;
		struct tcphdr tcp;
	};
	char payload[32];
};

static uint16_t csum(const void *data, size_t len, uint32_t sum)
{
	const uint16_t *p = data;

	while (len > 1) {
		sum += *p++;
		len -= 2;
	}
	if (len)
		sum += *(const uint8_t *)p;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint16_t l4sum(const struct iphdr *ip, const void *l4, size_t len)
{
	uint32_t sum = 0;

	sum += (ip->saddr & 0xffff) + (ip->saddr >> 16);
	sum += (ip->daddr & 0xffff) + (ip->daddr >> 16);
	sum += htons(ip->protocol);
	sum += htons((uint16_t)len);
	return csum(l4, len, sum);
}

static void usage(void)
{
	fprintf(stderr, "usage: pktcraft udp SRC DST DPORT [--count N] [--sport-base P] [--sport-range R]\n"
			"       pktcraft tcp SRC DST DPORT [--flags S|A|R|F|SA|PA] [--sport P] [--seq N]\n"
			"       pktcraft short-tcp SRC DST\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct pkt pkts[BATCH];
	static struct mmsghdr msgs[BATCH];
	static struct iovec iov[BATCH];
	unsigned long count = 1, sent = 0;
	unsigned int sport_base = 10000, sport_range = 1, dport, seq = 1000;
	const char *flags = "S";
	struct sockaddr_in to = { .sin_family = AF_INET };
	int fd, one = 1, i, kind;
	size_t len;

	if (argc < 4)
		usage();
	kind = !strcmp(argv[1], "udp") ? 0 : !strcmp(argv[1], "tcp") ? 1 :
	       !strcmp(argv[1], "short-tcp") ? 2 : -1;
	if (kind < 0 || (kind < 2 && argc < 5))
		usage();
	dport = kind < 2 ? (unsigned int)atoi(argv[4]) : 80;
	for (i = kind < 2 ? 5 : 4; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--count"))
			count = strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--sport-base") || !strcmp(argv[i], "--sport"))
			sport_base = (unsigned int)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--sport-range"))
			sport_range = (unsigned int)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--flags"))
			flags = argv[i + 1];
		else if (!strcmp(argv[i], "--seq"))
			seq = (unsigned int)strtoul(argv[i + 1], NULL, 10);
		else
			usage();
	}
	if (!sport_range)
		sport_range = 1;

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0 || setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one))) {
		perror("raw socket");
		return 1;
	}
	if (inet_pton(AF_INET, argv[3], &to.sin_addr) != 1)
		usage();

	for (i = 0; i < BATCH; i++) {
		struct pkt *p = &pkts[i];

		memset(p, 0, sizeof(*p));
		p->ip.version = 4;
		p->ip.ihl = 5;
		p->ip.ttl = 64;
		if (inet_pton(AF_INET, argv[2], &p->ip.saddr) != 1)
			usage();
		p->ip.daddr = to.sin_addr.s_addr;
		iov[i].iov_base = p;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
	}

	while (sent < count) {
		int n = count - sent > BATCH ? BATCH : (int)(count - sent), r;

		for (i = 0; i < n; i++) {
			struct pkt *p = &pkts[i];
			unsigned int sport = sport_base + (unsigned int)((sent + i) % sport_range);

			p->ip.id = htons((uint16_t)(sent + i));
			if (kind == 0) {
				p->ip.protocol = IPPROTO_UDP;
				len = sizeof(struct udphdr) + 18;
				p->udp.source = htons((uint16_t)sport);
				p->udp.dest = htons((uint16_t)dport);
				p->udp.len = htons((uint16_t)len);
				p->udp.check = 0;
				p->udp.check = l4sum(&p->ip, &p->udp, len);
			} else if (kind == 1) {
				p->ip.protocol = IPPROTO_TCP;
				len = sizeof(struct tcphdr);
				p->tcp.source = htons((uint16_t)sport);
				p->tcp.dest = htons((uint16_t)dport);
				p->tcp.seq = htonl(seq);
				p->tcp.ack_seq = htonl(1);
				p->tcp.doff = 5;
				p->tcp.syn = !!strchr(flags, 'S');
				p->tcp.ack = !!strchr(flags, 'A');
				p->tcp.rst = !!strchr(flags, 'R');
				p->tcp.fin = !!strchr(flags, 'F');
				p->tcp.psh = !!strchr(flags, 'P');
				p->tcp.window = htons(65535);
				p->tcp.check = 0;
				p->tcp.check = l4sum(&p->ip, &p->tcp, len);
			} else {
				/* protocol TCP, 8 bytes of it: a truncated header */
				p->ip.protocol = IPPROTO_TCP;
				len = 8;
				p->tcp.source = htons((uint16_t)sport);
				p->tcp.dest = htons((uint16_t)dport);
			}
			p->ip.tot_len = htons((uint16_t)(sizeof(struct iphdr) + len));
			p->ip.check = 0;
			p->ip.check = csum(&p->ip, sizeof(struct iphdr), 0);
			iov[i].iov_len = sizeof(struct iphdr) + len;
		}
		r = sendmmsg(fd, msgs, (unsigned int)n, 0);
		if (r < 0) {
			if (errno == ENOBUFS || errno == EAGAIN)
				continue;
			perror("sendmmsg");
			return 1;
		}
		sent += (unsigned long)r;
	}
	close(fd);
	printf("sent %lu\n", sent);
	return 0;
}
