// SPDX-License-Identifier: GPL-2.0
/*
 * malformed: hand-made and mutated packets for 29-engine-malformed.
 *
 *   malformed cases --c NS --s NS [--only NAME]
 *   malformed storm --c NS --s NS [--u NS] --count N [--seed S] [--max-seconds T]
 *
 * Runs in the root namespace and opens packet sockets on eth0 of the
 * namespaces of lib.sh's topo_router (client C, server S; U an optional
 * host behind an unzoned interface of the router) through /run/netns/NS.
 * Frames are written whole (Ethernet + IP), so nothing in the sender's
 * stack fixes or refuses them; they go to the router's MAC address as
 * topo_pin_neigh sets it.
 *
 * cases: every hand-made case is sent, then a sentinel datagram along a
 * permitted flow; once the sentinel is through, what the router forwarded
 * of the case is what arrived on the capture side (frames from the router
 * whose source is not one of the router's own addresses).  One line per
 * case, tab separated:
 *   case NAME EXPECT TAG SENT FORWARDED VERDICT DETAIL
 * EXPECT is drop (nothing may be forwarded), pass (something must be), or
 * any (only the kernel must survive); TAG names the fix the expectation
 * waits for ("-" if none); VERDICT is ok or bad.  Run without a srxflow
 * configuration, the same list tells what plain Linux forwarding does.
 *
 * storm: COUNT frames, valid packets of every family and protocol (TCP with
 * random flags, UDP, ICMP queries and errors, fragments, extension headers,
 * options), most of them mutated (bytes flipped, cut short, extended; the
 * IPv4 header checksum recomputed or not), from C, S and U, with a fixed
 * seed.  Prints "storm: sent N frames in S.mmm s (C a, S b, U c)".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXF	2048
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum side { SIDE_C, SIDE_S, SIDE_U, NSIDES };
enum expect { E_DROP, E_PASS, E_ANY };

static const uint8_t mac_c[6] = { 2, 0, 0, 0, 1, 2 }, mac_rl[6] = { 2, 0, 0, 0, 1, 1 };
static const uint8_t mac_s[6] = { 2, 0, 0, 0, 2, 2 }, mac_rw[6] = { 2, 0, 0, 0, 2, 1 };
static const uint8_t mac_u[6] = { 2, 0, 0, 0, 9, 2 }, mac_ru[6] = { 2, 0, 0, 0, 9, 1 };

/* addresses (network order / 16 bytes) */
static uint32_t A4_C, A4_S, A4_RL, A4_RW, A4_C99, A4_U, A4_RU;
static uint8_t A6_C[16], A6_S[16], A6_RL[16], A6_RW[16], A6_C99[16], A6_U[16], A6_RU[16];
static uint8_t A6_LLRL[16], A6_LLRW[16], A6_LLRU[16];

static int sock[NSIDES] = { -1, -1, -1 };
static bool verbose;

/* ---------------------------------------------------------------- helpers */
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static uint32_t rndn(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t sum16(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	while (len > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)(p[0] << 8);
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* ------------------------------------------------------------ transport */
static const char payload[] = "srxflow-malformed-packet-test!";	/* 30 bytes */

static size_t udp(uint8_t *p, uint16_t sport, uint16_t dport, size_t plen)
{
	put16(p, sport);
	put16(p + 2, dport);
	put16(p + 4, (uint16_t)(8 + plen));
	put16(p + 6, 0);
	for (size_t i = 0; i < plen; i++)
		p[8 + i] = (uint8_t)payload[i % 30];
	return 8 + plen;
}

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10
#define F_URG 0x20

static size_t tcp(uint8_t *p, uint16_t sport, uint16_t dport, uint8_t flags, uint32_t seq,
		  uint32_t ack, size_t plen)
{
	memset(p, 0, 20);
	put16(p, sport);
	put16(p + 2, dport);
	put32(p + 4, seq);
	put32(p + 8, ack);
	p[12] = 5 << 4;
	p[13] = flags;
	put16(p + 14, 65535);
	for (size_t i = 0; i < plen; i++)
		p[20 + i] = (uint8_t)payload[i % 30];
	return 20 + plen;
}

/* ICMP/ICMPv6 header: type, code, 4 bytes "rest" (id/seq, mtu...) */
static size_t icmp(uint8_t *p, uint8_t type, uint8_t code, uint32_t rest)
{
	p[0] = type;
	p[1] = code;
	put16(p + 2, 0);
	put32(p + 4, rest);
	return 8;
}

/* ------------------------------------------------------------- IPv4 */
static size_t ip4_hdr(uint8_t *p, uint32_t src, uint32_t dst, uint8_t proto,
		      const uint8_t *opt, size_t olen)
{
	size_t hl = 20 + ((olen + 3) & ~3u);

	memset(p, 0, hl);
	p[0] = (uint8_t)(0x40 | hl / 4);
	p[8] = 64;
	p[9] = proto;
	put16(p + 4, (uint16_t)rnd());
	memcpy(p + 12, &src, 4);
	memcpy(p + 16, &dst, 4);
	if (olen)
		memcpy(p + 20, opt, olen);
	return hl;
}

static void ip4_csum(uint8_t *p)
{
	size_t hl = (size_t)(p[0] & 15) * 4;

	put16(p + 10, 0);
	put16(p + 10, fold(sum16(p, hl, 0)));
}

/* transport checksum of a datagram that starts at l4 (len bytes) */
static void l4_csum4(uint8_t *ip, uint8_t *l4, size_t len, uint8_t proto)
{
	uint32_t s = 0;
	int off = proto == 6 ? 16 : proto == 17 ? 6 : proto == 1 ? 2 : -1;

	if (off < 0 || (size_t)off + 2 > len)
		return;
	put16(l4 + off, 0);
	if (proto != 1) {
		s = sum16(ip + 12, 8, 0);
		s += proto + (uint32_t)len;
	}
	put16(l4 + off, fold(sum16(l4, len, s)));
	if (proto == 17 && get16(l4 + off) == 0)
		put16(l4 + off, 0xffff);
}

/* total length, transport and header checksums */
static size_t ip4_finish(uint8_t *p, size_t len)
{
	size_t hl = (size_t)(p[0] & 15) * 4;

	put16(p + 2, (uint16_t)len);
	if (!(get16(p + 6) & 0x3fff))
		l4_csum4(p, p + hl, len - hl, p[9]);
	ip4_csum(p);
	return len;
}

static size_t udp4(uint8_t *p, uint32_t s, uint32_t d, uint16_t sp, uint16_t dp, size_t plen)
{
	size_t hl = ip4_hdr(p, s, d, 17, NULL, 0);

	return ip4_finish(p, hl + udp(p + hl, sp, dp, plen));
}

static size_t tcp4(uint8_t *p, uint32_t s, uint32_t d, uint16_t sp, uint16_t dp, uint8_t fl)
{
	size_t hl = ip4_hdr(p, s, d, 6, NULL, 0);

	return ip4_finish(p, hl + tcp(p + hl, sp, dp, fl, 1000, fl & F_ACK ? 1 : 0, 0));
}

static size_t echo4(uint8_t *p, uint32_t s, uint32_t d, uint8_t type, uint16_t id)
{
	size_t hl = ip4_hdr(p, s, d, 1, NULL, 0), n;

	n = icmp(p + hl, type, 0, (uint32_t)id << 16 | 1);
	memcpy(p + hl + n, payload, 16);
	return ip4_finish(p, hl + n + 16);
}

/* ICMP error from s to d embedding (a copy of) the packet emb of elen bytes */
static size_t icmperr4(uint8_t *p, uint32_t s, uint32_t d, uint8_t type, uint8_t code,
		       const uint8_t *emb, size_t elen)
{
	size_t hl = ip4_hdr(p, s, d, 1, NULL, 0), n;

	n = icmp(p + hl, type, code, type == 3 && code == 4 ? 1280 : 0);
	memcpy(p + hl + n, emb, elen);
	return ip4_finish(p, hl + n + elen);
}

/* ------------------------------------------------------------- IPv6 */
static size_t ip6_hdr(uint8_t *p, const uint8_t *src, const uint8_t *dst, uint8_t nh)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	p[6] = nh;
	p[7] = 64;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
	return 40;
}

static void l4_csum6(uint8_t *ip, uint8_t *l4, size_t len, uint8_t proto)
{
	uint32_t s;
	int off = proto == 6 ? 16 : proto == 17 ? 6 : proto == 58 ? 2 : -1;

	if (off < 0 || (size_t)off + 2 > len)
		return;
	put16(l4 + off, 0);
	s = sum16(ip + 8, 32, 0);
	s += proto + (uint32_t)len;
	put16(l4 + off, fold(sum16(l4, len, s)));
	if (proto == 17 && get16(l4 + off) == 0)
		put16(l4 + off, 0xffff);
}

/* payload length; transport checksum when l4off is not 0 */
static size_t ip6_finish(uint8_t *p, size_t len, size_t l4off, uint8_t proto)
{
	put16(p + 4, (uint16_t)(len - 40));
	if (l4off)
		l4_csum6(p, p + l4off, len - l4off, proto);
	return len;
}

/* hop-by-hop / destination options header of 8*units bytes, PadN filled */
static size_t opthdr(uint8_t *p, uint8_t nh, size_t units)
{
	size_t len = 8 * units;

	memset(p, 0, len);
	p[0] = nh;
	p[1] = (uint8_t)(units - 1);
	p[2] = 1;			/* PadN */
	p[3] = (uint8_t)(len - 4);
	return len;
}

static size_t udp6(uint8_t *p, const uint8_t *s, const uint8_t *d, uint16_t sp, uint16_t dp,
		   size_t plen)
{
	size_t o = ip6_hdr(p, s, d, 17);

	return ip6_finish(p, o + udp(p + o, sp, dp, plen), o, 17);
}

static size_t tcp6(uint8_t *p, const uint8_t *s, const uint8_t *d, uint16_t sp, uint16_t dp,
		   uint8_t fl)
{
	size_t o = ip6_hdr(p, s, d, 6);

	return ip6_finish(p, o + tcp(p + o, sp, dp, fl, 1000, fl & F_ACK ? 1 : 0, 0), o, 6);
}

static size_t echo6(uint8_t *p, const uint8_t *s, const uint8_t *d, uint8_t type, uint16_t id)
{
	size_t o = ip6_hdr(p, s, d, 58), n;

	n = icmp(p + o, type, 0, (uint32_t)id << 16 | 1);
	memcpy(p + o + n, payload, 16);
	return ip6_finish(p, o + n + 16, o, 58);
}

static size_t icmperr6(uint8_t *p, const uint8_t *s, const uint8_t *d, uint8_t type,
		       uint8_t code, const uint8_t *emb, size_t elen)
{
	size_t o = ip6_hdr(p, s, d, 58), n;

	n = icmp(p + o, type, code, type == 2 ? 1280 : 0);
	memcpy(p + o + n, emb, elen);
	return ip6_finish(p, o + n + elen, o, 58);
}

/* fragment header; off in bytes (multiple of 8) */
static size_t fraghdr(uint8_t *p, uint8_t nh, unsigned int off, bool more, uint32_t id)
{
	p[0] = nh;
	p[1] = 0;
	put16(p + 2, (uint16_t)(off | more));
	put32(p + 4, id);
	return 8;
}

/* ------------------------------------------------------------ sending */
struct frame {
	uint8_t b[MAXF];
	size_t len;
};

static void eth(uint8_t *f, enum side side, uint16_t type, const uint8_t *dmac)
{
	static const uint8_t *const rmac[NSIDES] = { mac_rl, mac_rw, mac_ru };
	static const uint8_t *const smac[NSIDES] = { mac_c, mac_s, mac_u };

	memcpy(f, dmac ? dmac : rmac[side], 6);
	memcpy(f + 6, smac[side], 6);
	put16(f + 12, type);
}

/* send an L3 packet (type 0x0800 / 0x86dd) from side, to dmac (default: R) */
static unsigned int sent_frames;

static void sendl3(enum side side, const uint8_t *l3, size_t len, uint16_t type,
		   const uint8_t *dmac)
{
	uint8_t f[MAXF + 14];

	if (len > MAXF)
		len = MAXF;
	eth(f, side, type, dmac);
	memcpy(f + 14, l3, len);
	/* minimum Ethernet frame: the driver does not pad a veth frame */
	if (send(sock[side], f, len + 14, 0) < 0 && verbose)
		perror("send");
	sent_frames++;
}

static void send4(enum side side, const uint8_t *p, size_t len)
{
	sendl3(side, p, len, ETH_P_IP, NULL);
}

static void send6(enum side side, const uint8_t *p, size_t len)
{
	sendl3(side, p, len, ETH_P_IPV6, NULL);
}

/* ------------------------------------------------------------ namespaces */
static int ns_socket(const char *ns, const char *ifname, bool rx)
{
	char path[256];
	int self, fd, s;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	self = open("/proc/self/ns/net", O_RDONLY);
	fd = open(path, O_RDONLY);
	if (self < 0 || fd < 0 || setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "namespace %s: %s\n", ns, strerror(errno));
		exit(1);
	}
	/* protocol 0: a socket that only sends (the storm) */
	sll.sll_protocol = rx ? htons(ETH_P_ALL) : 0;
	s = socket(AF_PACKET, SOCK_RAW, sll.sll_protocol);
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (s < 0 || !sll.sll_ifindex || bind(s, (struct sockaddr *)&sll, sizeof(sll))) {
		fprintf(stderr, "packet socket on %s in %s: %s\n", ifname, ns, strerror(errno));
		exit(1);
	}
	if (setns(self, CLONE_NEWNET)) {
		perror("setns back");
		exit(1);
	}
	close(fd);
	close(self);
	return s;
}

/* ------------------------------------------------------------- capture */
static uint32_t sentinel_seq;
static const char sentinel_magic[] = "SXFSNTL";

static bool is_router_addr(const uint8_t *f, size_t len)
{
	uint16_t type = get16(f + 12);

	if (type == ETH_P_IP && len >= 34) {
		uint32_t s;

		memcpy(&s, f + 26, 4);
		return s == A4_RL || s == A4_RW || s == A4_RU;
	}
	if (type == ETH_P_IPV6 && len >= 54) {
		const uint8_t *s = f + 22;

		return !memcmp(s, A6_RL, 16) || !memcmp(s, A6_RW, 16) || !memcmp(s, A6_RU, 16) ||
		       !memcmp(s, A6_LLRL, 16) || !memcmp(s, A6_LLRW, 16) ||
		       !memcmp(s, A6_LLRU, 16);
	}
	return true;
}

/* the sentinel number in f, or -1 */
static long sentinel_in(const uint8_t *f, size_t len)
{
	size_t m = sizeof(sentinel_magic) - 1;

	for (size_t i = 14; i + m + 4 <= len; i++)
		if (!memcmp(f + i, sentinel_magic, m)) {
			uint32_t v;

			memcpy(&v, f + i + m, 4);
			return v;
		}
	return -1;
}

struct capture {
	unsigned int fwd;	/* frames of the case */
	bool sentinel;		/* the current sentinel arrived */
	char first[160];	/* what the first one was */
};

static void describe(const uint8_t *f, size_t len, char *out, size_t n)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	uint16_t type = get16(f + 12);

	if (type == ETH_P_IP && len >= 34) {
		inet_ntop(AF_INET, f + 26, a, sizeof(a));
		inet_ntop(AF_INET, f + 30, b, sizeof(b));
		snprintf(out, n, "IPv4 %s > %s proto %u len %zu", a, b, f[23], len - 14);
	} else if (type == ETH_P_IPV6 && len >= 54) {
		inet_ntop(AF_INET6, f + 22, a, sizeof(a));
		inet_ntop(AF_INET6, f + 38, b, sizeof(b));
		snprintf(out, n, "IPv6 %s > %s nh %u len %zu", a, b, f[20], len - 14);
	} else {
		snprintf(out, n, "ethertype 0x%04x", type);
	}
}

/* read what is queued on side's socket into cap */
static void drain(enum side side, struct capture *cap)
{
	uint8_t f[MAXF + 14];
	struct sockaddr_ll from;
	socklen_t fl;
	ssize_t n;

	for (;;) {
		fl = sizeof(from);
		n = recvfrom(sock[side], f, sizeof(f), MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
		if (n < 0)
			return;
		if (!cap || from.sll_pkttype == PACKET_OUTGOING || n < 14)
			continue;
		if (sentinel_in(f, (size_t)n) >= 0) {
			if (sentinel_in(f, (size_t)n) == sentinel_seq)
				cap->sentinel = true;
			continue;
		}
		if (is_router_addr(f, (size_t)n))
			continue;
		if (!cap->fwd++)
			describe(f, (size_t)n, cap->first, sizeof(cap->first));
	}
}

/* the sentinel: a datagram along the permitted flow C:40001 <-> S:40001 */
static void send_sentinel(enum side from, int fam)
{
	uint8_t p[200];
	size_t hl, n;
	bool c = from == SIDE_C;

	sentinel_seq++;
	if (fam == 4) {
		hl = ip4_hdr(p, c ? A4_C : A4_S, c ? A4_S : A4_C, 17, NULL, 0);
		n = udp(p + hl, 40001, 40001, 0);
		memcpy(p + hl + n, sentinel_magic, 7);
		memcpy(p + hl + n + 7, &sentinel_seq, 4);
		put16(p + hl + 4, (uint16_t)(n + 11));
		send4(from, p, ip4_finish(p, hl + n + 11));
	} else {
		hl = ip6_hdr(p, c ? A6_C : A6_S, c ? A6_S : A6_C, 17);
		n = udp(p + hl, 40001, 40001, 0);
		memcpy(p + hl + n, sentinel_magic, 7);
		memcpy(p + hl + n + 7, &sentinel_seq, 4);
		put16(p + hl + 4, (uint16_t)(n + 11));
		send6(from, p, ip6_finish(p, hl + n + 11, hl, 17));
	}
	sent_frames--;
}

/* wait for the sentinel on side "to" (collecting into cap) */
static bool wait_sentinel(enum side to, struct capture *cap, int ms)
{
	double end = now_s() + ms / 1000.0;
	struct pollfd pfd = { .fd = sock[to], .events = POLLIN };

	while (!cap->sentinel) {
		double left = end - now_s();

		if (left <= 0)
			return false;
		poll(&pfd, 1, (int)(left * 1000) + 1);
		drain(to, cap);
	}
	return true;
}

static void nap_ms(int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---------------------------------------------------------------- cases */
struct tcase {
	const char *name;
	enum expect expect;
	const char *tag;	/* the fix this expectation waits for */
	enum side from, cap;	/* sent from, captured on */
	void (*fn)(int arg);
	int arg;
	int nsub;		/* >0: sub-cases 0..nsub-1 (fn(sub)), expectation per sub */
	bool (*sub_pass)(int sub);
};

static uint8_t P[MAXF], Q[MAXF];

/* --- IPv4 headers --- */
static void c_v4_valid_udp(int a) { (void)a; send4(SIDE_C, P, udp4(P, A4_C, A4_S, 41000, 5000, 30)); }
static void c_v4_valid_syn(int a) { (void)a; send4(SIDE_C, P, tcp4(P, A4_C, A4_S, 41001, 7, F_SYN)); }
static void c_v4_valid_echo(int a) { (void)a; send4(SIDE_C, P, echo4(P, A4_C, A4_S, 8, 0x4d01)); }

static void c_v4_field(int which)
{
	size_t n = udp4(P, A4_C, A4_S, 41002, 5000, 30);

	switch (which) {
	case 0: P[0] = 0x55; ip4_csum(P); break;		/* version 5 */
	case 1: P[0] = 0x44; break;				/* ihl 4 */
	case 2: P[0] = 0x4f; ip4_csum(P); break;		/* ihl 15 > packet */
	case 3: put16(P + 2, 16); ip4_csum(P); break;		/* tot_len < ihl */
	case 4: put16(P + 2, 400); ip4_csum(P); break;		/* tot_len > frame */
	case 5: memset(P + n, 0xee, 40); n += 40; break;	/* trailing bytes */
	case 6: P[10] ^= 0x5a; break;				/* header checksum */
	case 7: P[8] = 1; ip4_csum(P); break;			/* TTL 1 */
	case 8: P[8] = 0; ip4_csum(P); break;			/* TTL 0 */
	case 9: n = 10; break;					/* 10 bytes */
	case 10: n = 0; break;					/* empty */
	case 11: P[6] = 0x80; ip4_csum(P); break;		/* reserved flag */
	case 12: P[0] = 0x65; ip4_csum(P); break;		/* version 6 in IPv4 */
	}
	send4(SIDE_C, P, n);
}

static void c_v4_proto(int proto)
{
	size_t hl = ip4_hdr(P, A4_C, A4_S, (uint8_t)proto, NULL, 0);

	memcpy(P + hl, payload, 30);
	send4(SIDE_C, P, ip4_finish(P, hl + 30));
}

/* IPv4 options */
static void c_v4_opt(int which)
{
	static const uint8_t opts[][12] = {
		{ 1, 1, 1, 0 },					/* NOP NOP NOP EOL */
		{ 7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0 },	/* record route */
		{ 68, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0 },	/* timestamp */
		{ 131, 7, 4, 10, 0, 2, 2, 0 },			/* LSRR via 10.0.2.2 */
		{ 137, 7, 4, 10, 0, 2, 2, 0 },			/* SSRR via 10.0.2.2 */
		{ 7, 0, 4, 0 },					/* option length 0 */
		{ 7, 40, 4, 0 },				/* length beyond header */
		{ 148, 4, 0, 0 },				/* router alert */
		{ 68, 12, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0 },	/* timestamp ptr past end */
	};
	static const size_t olen[] = { 4, 12, 12, 8, 8, 4, 4, 4, 12 };
	size_t hl = ip4_hdr(P, A4_C, A4_S, 17, opts[which], olen[which]);

	send4(SIDE_C, P, ip4_finish(P, hl + udp(P + hl, 41003, 5000, 30)));
}

/* IPv4 fragments of a UDP (or TCP) datagram */
/* one fragment at offset off carrying len bytes from data */
static void frag4(uint8_t *p, size_t hl, const uint8_t *data, unsigned int off, size_t len,
		  bool more, uint16_t id)
{
	memcpy(p + hl, data, len);
	put16(p + 4, id);
	put16(p + 6, (uint16_t)((more ? 0x2000 : 0) | (off / 8)));
	put16(p + 2, (uint16_t)(hl + len));
	ip4_csum(p);
	send4(SIDE_C, p, hl + len);
}

static void c_v4_frag(int which)
{
	uint8_t l4[256];
	uint16_t id = (uint16_t)(0x7000 + which);
	size_t hl, n;

	/* the whole datagram first, for its transport checksum */
	hl = ip4_hdr(Q, A4_C, A4_S, which == 0 || which == 1 ? 6 : 17, NULL, 0);
	if (which == 0 || which == 1)
		n = tcp(Q + hl, 41004, 7, F_SYN, 1000, 0, 100);
	else
		n = udp(Q + hl, 41005, 5000, 100);
	ip4_finish(Q, hl + n);
	memcpy(l4, Q + hl, n);
	memcpy(P, Q, hl);
	switch (which) {
	case 0:	/* tiny first fragment: 8 bytes of TCP header */
		frag4(P, hl, l4 + 0, 0, 8, true, id);
		frag4(P, hl, l4 + 8, 8, n - 8, false, id);
		break;
	case 1:	/* RFC 1858: second fragment rewrites the TCP flags (offset 8) */
		frag4(P, hl, l4 + 0, 0, 24, true, id);
		l4[13] = F_ACK | F_RST;
		frag4(P, hl, l4 + 8, 8, n - 8, false, id);
		break;
	case 2:	/* overlapping, different data */
		frag4(P, hl, l4 + 0, 0, 64, true, id);
		memset(l4 + 32, 0x41, 64);
		frag4(P, hl, l4 + 32, 32, n - 32, false, id);
		break;
	case 3:	/* exact duplicate fragments */
		frag4(P, hl, l4 + 0, 0, 56, true, id);
		frag4(P, hl, l4 + 0, 0, 56, true, id);
		frag4(P, hl, l4 + 56, 56, n - 56, false, id);
		break;
	case 4:	/* a lone non-first fragment */
		frag4(P, hl, l4 + 56, 56, n - 56, false, id);
		break;
	case 5:	/* beyond 65535 bytes */
		frag4(P, hl, l4 + 0, 0, 56, true, id);
		frag4(P, hl, l4, 65528, 56, false, id);
		break;
	case 6:	/* first fragment with no data */
		frag4(P, hl, l4 + 0, 0, 0, true, id);
		frag4(P, hl, l4 + 0, 0, n, false, id);
		break;
	case 7:	/* valid: two fragments in reverse order */
		frag4(P, hl, l4 + 56, 56, n - 56, false, id);
		frag4(P, hl, l4 + 0, 0, 56, true, id);
		break;
	case 8:	/* the first fragment only (never completes) */
		frag4(P, hl, l4 + 0, 0, 56, true, id);
		break;
	}
}

/* --- IPv4 transport --- */
static void c_v4_l4(int which)
{
	size_t hl = ip4_hdr(P, A4_C, A4_S, 6, NULL, 0), n;

	switch (which) {
	case 0:	/* TCP header cut to 8 bytes */
		n = tcp(P + hl, 41010, 7, F_SYN, 1, 0, 0);
		ip4_finish(P, hl + n);
		put16(P + 2, (uint16_t)(hl + 8));
		ip4_csum(P);
		send4(SIDE_C, P, hl + 8);
		return;
	case 1:	/* data offset 4 */
		n = tcp(P + hl, 41011, 7, F_SYN, 1, 0, 0);
		P[hl + 12] = 4 << 4;
		break;
	case 2:	/* data offset 15 beyond the segment */
		n = tcp(P + hl, 41012, 7, F_SYN, 1, 0, 0);
		P[hl + 12] = 15 << 4;
		break;
	case 3:	/* SYN with broken options (window scale of length 255) */
		n = tcp(P + hl, 41013, 7, F_SYN, 1, 0, 0);
		P[hl + 12] = 8 << 4;
		memcpy(P + hl + 20, "\x03\xff\x0e\x02\x04\x05\xb4\x00\x08\x0a\x00\x00", 12);
		n += 12;
		break;
	case 4:	/* SYN with a bad TCP checksum */
		n = tcp(P + hl, 41014, 7, F_SYN, 1, 0, 0);
		ip4_finish(P, hl + n);
		P[hl + 16] ^= 0x33;
		send4(SIDE_C, P, hl + n);
		return;
	case 5:	/* UDP length 4 (shorter than its header) */
	case 6:	/* UDP length beyond the IP payload */
	case 7:	/* UDP length 0 */
	case 8:	/* UDP header cut to 4 bytes */
		P[9] = 17;
		n = udp(P + hl, (uint16_t)(41015 + which), 5000, 30);
		ip4_finish(P, hl + n);
		if (which == 8) {
			put16(P + 2, (uint16_t)(hl + 4));
			ip4_csum(P);
			send4(SIDE_C, P, hl + 4);
			return;
		}
		put16(P + hl + 4, which == 5 ? 4 : which == 6 ? 200 : 0);
		l4_csum4(P, P + hl, n, 17);
		send4(SIDE_C, P, hl + n);
		return;
	case 9:	/* ICMP of 4 bytes */
		P[9] = 1;
		n = icmp(P + hl, 8, 0, 0);
		put16(P + 2, (uint16_t)(hl + 4));
		ip4_csum(P);
		send4(SIDE_C, P, hl + 4);
		return;
	case 10: /* echo reply, no session */
		send4(SIDE_C, P, echo4(P, A4_C, A4_S, 0, 0x4d02));
		return;
	case 11: /* SCTP of 2 bytes */
		P[9] = 132;
		memcpy(P + hl, "\x01\x02", 2);
		send4(SIDE_C, P, ip4_finish(P, hl + 2));
		return;
	default:
		return;
	}
	send4(SIDE_C, P, ip4_finish(P, hl + n));
}

/* every TCP flag combination (sub = flags), a fresh tuple each */
static void c_v4_flags(int fl) { send4(SIDE_C, P, tcp4(P, A4_C, A4_S, (uint16_t)(42000 + fl), 7, (uint8_t)fl)); }
static void c_v6_flags(int fl) { send6(SIDE_C, P, tcp6(P, A6_C, A6_S, (uint16_t)(42100 + fl), 7, (uint8_t)fl)); }

/* what a first packet without session may be: a SYN, without ACK, RST, FIN */
static bool flags_pass(int fl)
{
	return (fl & (F_SYN | F_ACK | F_RST | F_FIN)) == F_SYN;
}

/* --- ICMP errors (the victim flows C:40002 -> S:40002, prepared first) --- */
static size_t victim4(uint8_t *p) { return udp4(p, A4_C, A4_S, 40002, 40002, 30); }
static size_t victim6(uint8_t *p) { return udp6(p, A6_C, A6_S, 40002, 40002, 30); }

static void c_icmperr4(int which)
{
	size_t n = victim4(Q), e = 28;

	switch (which) {
	case 0: /* valid: S -> C, port unreachable */
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 3, 3, Q, e));
		break;
	case 1: /* spoofed: to another host on C's side */
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C99, 3, 3, Q, e));
		break;
	case 2: /* arrives on C's side, claims to come from S */
		send4(SIDE_C, P, icmperr4(P, A4_S, A4_C99, 3, 3, Q, e));
		break;
	case 3: /* embedded IP header cut to 12 bytes */
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 3, 3, Q, 12));
		break;
	case 4: /* embedded header without transport bytes */
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 3, 3, Q, 20));
		break;
	case 5: /* embedded tuple of no session */
		put16(Q + 20, 40999);
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 3, 3, Q, e));
		break;
	case 6: /* embedded ihl 3 */
		Q[0] = 0x43;
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 3, 3, Q, e));
		break;
	case 7: /* an error about an error */
		icmperr4(P, A4_C, A4_S, 3, 3, Q, e);
		send4(SIDE_S, Q, icmperr4(Q, A4_S, A4_C, 3, 3, P, 28));
		break;
	case 8: /* frag needed, valid (mtu 1280) */
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 3, 4, Q, n));
		break;
	case 9: /* redirect embedding the victim */
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 5, 1, Q, e));
		break;
	case 10: /* embedded version 6 in an ICMPv4 error */
		Q[0] = 0x65;
		send4(SIDE_S, P, icmperr4(P, A4_S, A4_C, 11, 0, Q, e));
		break;
	}
}

static void c_icmperr6(int which)
{
	size_t n = victim6(Q);

	switch (which) {
	case 0: /* valid: port unreachable S -> C */
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C, 1, 4, Q, n));
		break;
	case 1: /* spoofed destination */
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C99, 1, 4, Q, n));
		break;
	case 2: /* from C's side claiming to be S */
		send6(SIDE_C, P, icmperr6(P, A6_S, A6_C99, 1, 4, Q, n));
		break;
	case 3: /* embedded IPv6 header cut to 20 bytes */
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C, 1, 4, Q, 20));
		break;
	case 4: /* embedded tuple of no session */
		put16(Q + 40, 40999);
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C, 1, 4, Q, n));
		break;
	case 5: /* packet too big, valid */
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C, 2, 0, Q, n));
		break;
	case 6: /* embedded chain with a truncated extension header */
		Q[6] = 60;
		Q[40] = 17;
		Q[41] = 200;
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C, 1, 4, Q, n));
		break;
	case 7: /* embedded IPv4 in an ICMPv6 error */
		victim4(Q);
		send6(SIDE_S, P, icmperr6(P, A6_S, A6_C, 1, 4, Q, 28));
		break;
	}
}

/* --- LAND --- */
static void c_land(int which)
{
	switch (which) {
	case 0: send4(SIDE_C, P, tcp4(P, A4_S, A4_S, 80, 80, F_SYN)); break;
	case 1: send4(SIDE_C, P, udp4(P, A4_S, A4_S, 5000, 5000, 30)); break;
	case 2: send6(SIDE_C, P, tcp6(P, A6_S, A6_S, 80, 80, F_SYN)); break;
	case 3: send6(SIDE_C, P, udp6(P, A6_S, A6_S, 5000, 5000, 30)); break;
	}
}

/* --- martians and link-layer --- */
static void c_martian(int which)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x09 };
	static const uint8_t other[6] = { 2, 0, 0, 0, 0x77, 0x77 };
	static const uint8_t mcast6[6] = { 0x33, 0x33, 0, 0, 0, 9 };
	uint8_t a6[16] = { 0 };
	uint32_t a;

	switch (which) {
	case 0: a = htonl(0x7f000001); break;	/* 127.0.0.1 */
	case 1: a = htonl(0x00000005); break;	/* 0.0.0.5 */
	case 2: a = htonl(0xe0000005); break;	/* 224.0.0.5 */
	case 3: a = htonl(0xffffffff); break;	/* 255.255.255.255 */
	case 4: a = htonl(0xf0000001); break;	/* 240.0.0.1 (class E) */
	case 5:	/* destination 127.0.0.1 */
		send4(SIDE_C, P, udp4(P, A4_C, htonl(0x7f000001), 41020, 5000, 30));
		return;
	case 6:	/* destination 0.0.0.5 */
		send4(SIDE_C, P, udp4(P, A4_C, htonl(5), 41021, 5000, 30));
		return;
	case 7: /* unicast IP in an Ethernet broadcast */
		sendl3(SIDE_C, P, udp4(P, A4_C, A4_S, 41022, 5000, 30), ETH_P_IP, bcast);
		return;
	case 8: /* unicast IP in an Ethernet multicast */
		sendl3(SIDE_C, P, udp4(P, A4_C, A4_S, 41023, 5000, 30), ETH_P_IP, mcast);
		return;
	case 9: /* to another host's MAC */
		sendl3(SIDE_C, P, udp4(P, A4_C, A4_S, 41024, 5000, 30), ETH_P_IP, other);
		return;
	case 10: /* IPv6 source ::1 */
		a6[15] = 1;
		send6(SIDE_C, P, udp6(P, a6, A6_S, 41025, 5000, 30));
		return;
	case 11: /* IPv6 link-local source */
		a6[0] = 0xfe;
		a6[1] = 0x80;
		a6[15] = 0x34;
		send6(SIDE_C, P, udp6(P, a6, A6_S, 41026, 5000, 30));
		return;
	case 12: /* IPv6 multicast source */
		a6[0] = 0xff;
		a6[1] = 0x02;
		a6[15] = 1;
		send6(SIDE_C, P, udp6(P, a6, A6_S, 41027, 5000, 30));
		return;
	case 13: /* IPv6 unspecified source */
		send6(SIDE_C, P, udp6(P, a6, A6_S, 41028, 5000, 30));
		return;
	case 14: /* IPv6 unicast in an Ethernet multicast */
		sendl3(SIDE_C, P, udp6(P, A6_C, A6_S, 41029, 5000, 30), ETH_P_IPV6, mcast6);
		return;
	case 15: /* IPv4-mapped source */
		a6[10] = a6[11] = 0xff;
		memcpy(a6 + 12, &A4_C, 4);
		send6(SIDE_C, P, udp6(P, a6, A6_S, 41030, 5000, 30));
		return;
	default:
		return;
	}
	send4(SIDE_C, P, udp4(P, a, A4_S, (uint16_t)(41040 + which), 5000, 30));
}

/* --- IPv6 headers and extension chains --- */
static void c_v6(int which)
{
	size_t o = 40, n;

	switch (which) {
	case 0: send6(SIDE_C, P, udp6(P, A6_C, A6_S, 43000, 5000, 30)); return;
	case 1: send6(SIDE_C, P, tcp6(P, A6_C, A6_S, 43001, 7, F_SYN)); return;
	case 2: send6(SIDE_C, P, echo6(P, A6_C, A6_S, 128, 0x6d01)); return;
	case 3: /* version 4 */
		n = udp6(P, A6_C, A6_S, 43003, 5000, 30);
		P[0] = 0x40;
		send6(SIDE_C, P, n);
		return;
	case 4: /* payload length beyond the frame */
		n = udp6(P, A6_C, A6_S, 43004, 5000, 30);
		put16(P + 4, 300);
		send6(SIDE_C, P, n);
		return;
	case 5: /* payload length 4: the UDP header cut */
		n = udp6(P, A6_C, A6_S, 43005, 5000, 30);
		put16(P + 4, 4);
		send6(SIDE_C, P, n);
		return;
	case 6: /* 30 bytes of header */
		udp6(P, A6_C, A6_S, 43006, 5000, 30);
		send6(SIDE_C, P, 30);
		return;
	case 7: /* hop limit 1 */
		n = udp6(P, A6_C, A6_S, 43007, 5000, 30);
		P[7] = 1;
		send6(SIDE_C, P, n);
		return;
	case 8: /* next header 59, nothing after */
		ip6_hdr(P, A6_C, A6_S, 59);
		send6(SIDE_C, P, ip6_finish(P, 40, 0, 0));
		return;
	case 9: /* next header 59 with bytes after it (ignored) */
		ip6_hdr(P, A6_C, A6_S, 59);
		memcpy(P + 40, payload, 24);
		send6(SIDE_C, P, ip6_finish(P, 64, 0, 0));
		return;
	case 10: /* hop-by-hop, UDP */
		ip6_hdr(P, A6_C, A6_S, 0);
		o += opthdr(P + o, 17, 1);
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43010, 5000, 30), o, 17));
		return;
	case 11: /* HBH, dest opts, routing (type 2, segments left 0), dest opts, UDP */
		ip6_hdr(P, A6_C, A6_S, 0);
		o += opthdr(P + o, 60, 1);
		o += opthdr(P + o, 43, 2);
		memset(P + o, 0, 24);
		P[o] = 60;
		P[o + 1] = 2;
		P[o + 2] = 2;
		P[o + 3] = 0;
		o += 24;
		o += opthdr(P + o, 17, 1);
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43011, 5000, 30), o, 17));
		return;
	case 12: /* hop-by-hop after destination options */
		ip6_hdr(P, A6_C, A6_S, 60);
		o += opthdr(P + o, 0, 1);
		o += opthdr(P + o, 17, 1);
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43012, 5000, 30), o, 17));
		return;
	case 13: /* 40 destination-options headers */
		ip6_hdr(P, A6_C, A6_S, 60);
		for (int i = 0; i < 40; i++)
			o += opthdr(P + o, i == 39 ? 17 : 60, 1);
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43013, 5000, 30), o, 17));
		return;
	case 14: /* extension header longer than the packet */
		ip6_hdr(P, A6_C, A6_S, 60);
		o += opthdr(P + o, 17, 1);
		P[41] = 100;
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43014, 5000, 30), o, 17));
		return;
	case 15: /* jumbo payload option in a small packet */
		ip6_hdr(P, A6_C, A6_S, 0);
		o += opthdr(P + o, 17, 1);
		P[42] = 0xc2;
		P[43] = 4;
		put32(P + 44, 70000);
		n = ip6_finish(P, o + udp(P + o, 43015, 5000, 30), o, 17);
		put16(P + 4, 0);
		send6(SIDE_C, P, n);
		return;
	case 16: /* routing header type 0, segments left 1 */
		ip6_hdr(P, A6_C, A6_S, 43);
		memset(P + o, 0, 24);
		P[o] = 17;
		P[o + 1] = 2;
		P[o + 2] = 0;
		P[o + 3] = 1;
		memcpy(P + o + 8, A6_C99, 16);
		o += 24;
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43016, 5000, 30), o, 17));
		return;
	case 17: /* unknown option type with "discard" action in dest opts */
		ip6_hdr(P, A6_C, A6_S, 60);
		o += opthdr(P + o, 17, 1);
		P[42] = 0x9e;	/* 10x11110: discard + ICMP */
		send6(SIDE_C, P, ip6_finish(P, o + udp(P + o, 43017, 5000, 30), o, 17));
		return;
	case 18: /* unknown next header 253 (experimental) */
		ip6_hdr(P, A6_C, A6_S, 253);
		memcpy(P + 40, payload, 24);
		send6(SIDE_C, P, ip6_finish(P, 64, 0, 0));
		return;
	case 19: /* ICMPv6 of 4 bytes */
		ip6_hdr(P, A6_C, A6_S, 58);
		icmp(P + 40, 128, 0, 0);
		send6(SIDE_C, P, ip6_finish(P, 44, 0, 0));
		return;
	case 20: /* echo reply without session */
		send6(SIDE_C, P, echo6(P, A6_C, A6_S, 129, 0x6d02));
		return;
	case 21: /* TCP header cut to 8 bytes */
		n = tcp6(P, A6_C, A6_S, 43021, 7, F_SYN);
		send6(SIDE_C, P, ip6_finish(P, 48, 0, 0));
		(void)n;
		return;
	case 22: /* ESP (50) with a few bytes: no ports */
		ip6_hdr(P, A6_C, A6_S, 50);
		memcpy(P + 40, payload, 24);
		send6(SIDE_C, P, ip6_finish(P, 64, 0, 0));
		return;
	}
}

/* IPv6 fragments */
static void frag6(const uint8_t *hdr, const uint8_t *l4, uint8_t nh, unsigned int off,
		  size_t len, bool more, uint32_t id)
{
	size_t o = 40;

	memcpy(P, hdr, 40);
	P[6] = 44;
	o += fraghdr(P + o, nh, off, more, id);
	memcpy(P + o, l4 + off, len);
	send6(SIDE_C, P, ip6_finish(P, o + len, 0, 0));
}

static void c_v6_frag(int which)
{
	uint8_t l4[256], hdr[40];
	uint32_t id = 0x60000 + (uint32_t)which;
	size_t n;

	ip6_hdr(Q, A6_C, A6_S, which == 1 ? 6 : 17);
	if (which == 1)
		n = tcp(Q + 40, 43101, 7, F_SYN, 1, 0, 100);
	else
		n = udp(Q + 40, (uint16_t)(43100 + which), 5000, 100);
	ip6_finish(Q, 40 + n, 40, Q[6]);
	memcpy(hdr, Q, 40);
	memcpy(l4, Q + 40, n);
	switch (which) {
	case 0:	/* valid, two fragments */
		frag6(hdr, l4, 17, 0, 64, true, id);
		frag6(hdr, l4, 17, 64, n - 64, false, id);
		break;
	case 1:	/* tiny first fragment: the TCP header is cut (RFC 7112) */
		frag6(hdr, l4, 6, 0, 8, true, id);
		frag6(hdr, l4, 6, 8, n - 8, false, id);
		break;
	case 2:	/* overlapping (RFC 5722) */
		frag6(hdr, l4, 17, 0, 64, true, id);
		frag6(hdr, l4, 17, 32, n - 32, false, id);
		break;
	case 3:	/* a lone non-first fragment */
		frag6(hdr, l4, 17, 64, n - 64, false, id);
		break;
	case 4:	/* atomic fragment (offset 0, no more) */
		frag6(hdr, l4, 17, 0, n, false, id);
		break;
	case 5:	/* exact duplicate */
		frag6(hdr, l4, 17, 0, 64, true, id);
		frag6(hdr, l4, 17, 0, 64, true, id);
		frag6(hdr, l4, 17, 64, n - 64, false, id);
		break;
	case 6:	/* fragment length not a multiple of 8 with M set */
		frag6(hdr, l4, 17, 0, 60, true, id);
		frag6(hdr, l4, 17, 64, n - 64, false, id);
		break;
	case 7:	/* fragment header inside a fragment header */
		{
			size_t o = 40;

			memcpy(P, hdr, 40);
			P[6] = 44;
			o += fraghdr(P + o, 44, 0, false, id);
			o += fraghdr(P + o, 17, 0, false, id + 1);
			memcpy(P + o, l4, n);
			send6(SIDE_C, P, ip6_finish(P, o + n, 0, 0));
		}
		break;
	}
}

#define C(n, e, t, f, c, fn, a) { n, e, t, f, c, fn, a, 0, NULL }
#define T_LAND   "fix:LAND"
#define T_KERN   "fix:kernel-safeguards(#9)"
#define T_ICMP   "fix:icmp-error-validation(#8)"
#define T_NH59   "fix:ipv6-nh59(#13)"
static const struct tcase cases[] = {
	/* IPv4 header */
	C("v4-valid-udp", E_PASS, "-", SIDE_C, SIDE_S, c_v4_valid_udp, 0),
	C("v4-valid-tcp-syn", E_PASS, "-", SIDE_C, SIDE_S, c_v4_valid_syn, 0),
	C("v4-valid-icmp-echo", E_PASS, "-", SIDE_C, SIDE_S, c_v4_valid_echo, 0),
	C("v4-version-5", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 0),
	C("v4-ihl-4", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 1),
	C("v4-ihl-15-beyond-packet", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 2),
	C("v4-totlen-below-ihl", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 3),
	C("v4-totlen-beyond-frame", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 4),
	C("v4-trailing-bytes-after-totlen", E_PASS, "-", SIDE_C, SIDE_S, c_v4_field, 5),
	C("v4-bad-header-checksum", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 6),
	C("v4-ttl-1", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 7),
	C("v4-ttl-0", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 8),
	C("v4-truncated-10-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 9),
	C("v4-empty-frame", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 10),
	C("v4-reserved-flag", E_ANY, "-", SIDE_C, SIDE_S, c_v4_field, 11),
	C("v4-version-6-in-ipv4-frame", E_DROP, "-", SIDE_C, SIDE_S, c_v4_field, 12),
	C("v4-unknown-protocol-253", E_PASS, "-", SIDE_C, SIDE_S, c_v4_proto, 253),
	C("v4-gre-garbage", E_ANY, "-", SIDE_C, SIDE_S, c_v4_proto, 47),
	/* IPv4 options */
	C("v4-opt-nop-eol", E_PASS, "-", SIDE_C, SIDE_S, c_v4_opt, 0),
	C("v4-opt-record-route", E_PASS, "-", SIDE_C, SIDE_S, c_v4_opt, 1),
	C("v4-opt-timestamp", E_PASS, "-", SIDE_C, SIDE_S, c_v4_opt, 2),
	C("v4-opt-lsrr", E_DROP, T_KERN, SIDE_C, SIDE_S, c_v4_opt, 3),
	C("v4-opt-ssrr", E_DROP, T_KERN, SIDE_C, SIDE_S, c_v4_opt, 4),
	C("v4-opt-length-0", E_DROP, T_KERN, SIDE_C, SIDE_S, c_v4_opt, 5),
	C("v4-opt-length-beyond-header", E_DROP, T_KERN, SIDE_C, SIDE_S, c_v4_opt, 6),
	C("v4-opt-router-alert", E_PASS, "-", SIDE_C, SIDE_S, c_v4_opt, 7),
	C("v4-opt-timestamp-bad-pointer", E_ANY, "-", SIDE_C, SIDE_S, c_v4_opt, 8),
	/* IPv4 fragments */
	C("v4-frag-tiny-tcp-first", E_ANY, "-", SIDE_C, SIDE_S, c_v4_frag, 0),
	C("v4-frag-rfc1858-flags-rewrite", E_DROP, "-", SIDE_C, SIDE_S, c_v4_frag, 1),
	C("v4-frag-overlap", E_DROP, "-", SIDE_C, SIDE_S, c_v4_frag, 2),
	C("v4-frag-duplicate", E_ANY, "-", SIDE_C, SIDE_S, c_v4_frag, 3),
	C("v4-frag-lone-non-first", E_DROP, "-", SIDE_C, SIDE_S, c_v4_frag, 4),
	C("v4-frag-beyond-64k", E_DROP, "-", SIDE_C, SIDE_S, c_v4_frag, 5),
	C("v4-frag-empty-first", E_ANY, "-", SIDE_C, SIDE_S, c_v4_frag, 6),
	C("v4-frag-valid-reverse-order", E_PASS, "-", SIDE_C, SIDE_S, c_v4_frag, 7),
	C("v4-frag-first-only", E_DROP, "-", SIDE_C, SIDE_S, c_v4_frag, 8),
	/* IPv4 transport */
	C("v4-tcp-header-8-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 0),
	C("v4-tcp-doff-4", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 1),
	C("v4-tcp-doff-beyond-segment", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 2),
	C("v4-tcp-syn-broken-options", E_ANY, "-", SIDE_C, SIDE_S, c_v4_l4, 3),
	C("v4-tcp-syn-bad-checksum", E_ANY, "-", SIDE_C, SIDE_S, c_v4_l4, 4),
	C("v4-udp-length-4", E_ANY, "-", SIDE_C, SIDE_S, c_v4_l4, 5),
	C("v4-udp-length-beyond-payload", E_ANY, "-", SIDE_C, SIDE_S, c_v4_l4, 6),
	C("v4-udp-length-0", E_ANY, "-", SIDE_C, SIDE_S, c_v4_l4, 7),
	C("v4-udp-header-4-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 8),
	C("v4-icmp-4-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 9),
	C("v4-icmp-echo-reply-without-session", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 10),
	C("v4-sctp-2-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v4_l4, 11),
	{ "v4-tcp-every-flag-combination", E_ANY, "-", SIDE_C, SIDE_S, c_v4_flags, 0, 64, flags_pass },
	/* ICMPv4 errors about the session C:40002 -> S:40002 */
	C("v4-icmperr-port-unreach-valid", E_PASS, "-", SIDE_S, SIDE_C, c_icmperr4, 0),
	C("v4-icmperr-frag-needed-valid", E_PASS, "-", SIDE_S, SIDE_C, c_icmperr4, 8),
	C("v4-icmperr-spoofed-outer-dst", E_DROP, T_ICMP, SIDE_S, SIDE_C, c_icmperr4, 1),
	C("v4-icmperr-wrong-arrival-iface", E_DROP, T_ICMP, SIDE_C, SIDE_C, c_icmperr4, 2),
	C("v4-icmperr-embedded-hdr-12-bytes", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr4, 3),
	C("v4-icmperr-embedded-no-ports", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr4, 4),
	C("v4-icmperr-embedded-no-session", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr4, 5),
	C("v4-icmperr-embedded-ihl-3", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr4, 6),
	C("v4-icmperr-about-an-icmp-error", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr4, 7),
	C("v4-icmp-redirect-embedding-session", E_ANY, "-", SIDE_S, SIDE_C, c_icmperr4, 9),
	C("v4-icmperr-embedded-version-6", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr4, 10),
	/* LAND */
	C("v4-land-tcp-syn", E_DROP, T_LAND, SIDE_C, SIDE_S, c_land, 0),
	C("v4-land-udp", E_DROP, T_LAND, SIDE_C, SIDE_S, c_land, 1),
	C("v6-land-tcp-syn", E_DROP, T_LAND, SIDE_C, SIDE_S, c_land, 2),
	C("v6-land-udp", E_DROP, T_LAND, SIDE_C, SIDE_S, c_land, 3),
	/* martians, link layer */
	C("v4-martian-src-127.0.0.1", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 0),
	C("v4-src-0.0.0.5-unicast-since-5.3", E_ANY, "-", SIDE_C, SIDE_S, c_martian, 1),
	C("v4-martian-src-224.0.0.5", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 2),
	C("v4-martian-src-255.255.255.255", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 3),
	C("v4-src-240.0.0.1-class-e", E_ANY, "-", SIDE_C, SIDE_S, c_martian, 4),
	C("v4-martian-dst-127.0.0.1", E_DROP, "-", SIDE_C, SIDE_S, c_martian, 5),
	C("v4-martian-dst-0.0.0.5", E_DROP, "-", SIDE_C, SIDE_S, c_martian, 6),
	C("v4-unicast-ip-in-l2-broadcast", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 7),
	C("v4-unicast-ip-in-l2-multicast", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 8),
	C("v4-to-another-hosts-mac", E_DROP, "-", SIDE_C, SIDE_S, c_martian, 9),
	C("v6-martian-src-loopback", E_DROP, "-", SIDE_C, SIDE_S, c_martian, 10),
	C("v6-martian-src-link-local", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 11),
	C("v6-martian-src-multicast", E_DROP, "-", SIDE_C, SIDE_S, c_martian, 12),
	C("v6-martian-src-unspecified", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 13),
	C("v6-unicast-ip-in-l2-multicast", E_DROP, T_KERN, SIDE_C, SIDE_S, c_martian, 14),
	C("v6-src-v4-mapped", E_ANY, "-", SIDE_C, SIDE_S, c_martian, 15),
	/* IPv6 header, extension headers */
	C("v6-valid-udp", E_PASS, "-", SIDE_C, SIDE_S, c_v6, 0),
	C("v6-valid-tcp-syn", E_PASS, "-", SIDE_C, SIDE_S, c_v6, 1),
	C("v6-valid-icmp-echo", E_PASS, "-", SIDE_C, SIDE_S, c_v6, 2),
	C("v6-version-4", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 3),
	C("v6-payload-len-beyond-frame", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 4),
	C("v6-payload-len-cuts-udp-header", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 5),
	C("v6-truncated-30-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 6),
	C("v6-hop-limit-1", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 7),
	C("v6-next-header-59-empty", E_PASS, T_NH59, SIDE_C, SIDE_S, c_v6, 8),
	C("v6-next-header-59-with-bytes", E_PASS, T_NH59, SIDE_C, SIDE_S, c_v6, 9),
	C("v6-hop-by-hop-udp", E_PASS, "-", SIDE_C, SIDE_S, c_v6, 10),
	C("v6-chain-hbh-dst-rt2-dst-udp", E_PASS, "-", SIDE_C, SIDE_S, c_v6, 11),
	C("v6-hop-by-hop-not-first", E_ANY, "-", SIDE_C, SIDE_S, c_v6, 12),
	C("v6-chain-40-dest-opts", E_ANY, "-", SIDE_C, SIDE_S, c_v6, 13),
	C("v6-ext-header-beyond-packet", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 14),
	C("v6-jumbo-option-small-packet", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 15),
	C("v6-routing-type-0", E_ANY, "-", SIDE_C, SIDE_S, c_v6, 16),
	C("v6-dest-opt-unknown-discard", E_ANY, "-", SIDE_C, SIDE_S, c_v6, 17),
	C("v6-next-header-253", E_PASS, "-", SIDE_C, SIDE_S, c_v6, 18),
	C("v6-icmp-4-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 19),
	C("v6-icmp-echo-reply-without-session", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 20),
	C("v6-tcp-header-8-bytes", E_DROP, "-", SIDE_C, SIDE_S, c_v6, 21),
	C("v6-esp-24-bytes", E_ANY, "-", SIDE_C, SIDE_S, c_v6, 22),
	/* IPv6 fragments */
	C("v6-frag-valid", E_PASS, "-", SIDE_C, SIDE_S, c_v6_frag, 0),
	C("v6-frag-tiny-tcp-first-rfc7112", E_DROP, "-", SIDE_C, SIDE_S, c_v6_frag, 1),
	C("v6-frag-overlap-rfc5722", E_DROP, "-", SIDE_C, SIDE_S, c_v6_frag, 2),
	C("v6-frag-lone-non-first", E_DROP, "-", SIDE_C, SIDE_S, c_v6_frag, 3),
	C("v6-frag-atomic", E_PASS, "-", SIDE_C, SIDE_S, c_v6_frag, 4),
	C("v6-frag-duplicate", E_ANY, "-", SIDE_C, SIDE_S, c_v6_frag, 5),
	C("v6-frag-length-not-multiple-of-8", E_ANY, "-", SIDE_C, SIDE_S, c_v6_frag, 6),
	C("v6-frag-header-in-frag-header", E_ANY, "-", SIDE_C, SIDE_S, c_v6_frag, 7),
	{ "v6-tcp-every-flag-combination", E_ANY, "-", SIDE_C, SIDE_S, c_v6_flags, 0, 64, flags_pass },
	/* ICMPv6 errors about the session C:40002 -> S:40002 */
	C("v6-icmperr-port-unreach-valid", E_PASS, "-", SIDE_S, SIDE_C, c_icmperr6, 0),
	C("v6-icmperr-packet-too-big-valid", E_PASS, "-", SIDE_S, SIDE_C, c_icmperr6, 5),
	C("v6-icmperr-spoofed-outer-dst", E_DROP, T_ICMP, SIDE_S, SIDE_C, c_icmperr6, 1),
	C("v6-icmperr-wrong-arrival-iface", E_DROP, T_ICMP, SIDE_C, SIDE_C, c_icmperr6, 2),
	C("v6-icmperr-embedded-hdr-20-bytes", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr6, 3),
	C("v6-icmperr-embedded-no-session", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr6, 4),
	C("v6-icmperr-embedded-ext-hdr-truncated", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr6, 6),
	C("v6-icmperr-embedded-ipv4", E_DROP, "-", SIDE_S, SIDE_C, c_icmperr6, 7),
};

static const char *const expect_str[] = { "drop", "pass", "any" };

/*
 * Send one case (or sub-case), return the frames forwarded.  The process
 * stays on one CPU, so the case's frames and the sentinel queue on the
 * same backlog, in order; where something must arrive, a late frame gets
 * another 300 ms.
 */
static unsigned int run_one(const struct tcase *tc, int arg, struct capture *cap, bool *lost,
			    bool want)
{
	enum side sfrom = tc->cap == SIDE_S ? SIDE_C : SIDE_S;
	enum side sto = sfrom == SIDE_C ? SIDE_S : SIDE_C;

	drain(tc->cap, NULL);
	memset(cap, 0, sizeof(*cap));
	tc->fn(arg);
	send_sentinel(sfrom, 4);
	if (tc->cap == sto) {
		*lost = !wait_sentinel(sto, cap, 3000);
		nap_ms(10);
	} else {
		/* captured on the sending side: the sentinel goes elsewhere */
		struct capture other = { 0 };

		*lost = !wait_sentinel(sto, &other, 3000);
		nap_ms(30);
	}
	drain(tc->cap, cap);
	if (want && !cap->fwd) {
		nap_ms(300);
		drain(tc->cap, cap);
	}
	return cap->fwd;
}

static void prepare_sessions(void)
{
	struct capture cap = { 0 };

	/* sentinel flows (v4) and the victims of the ICMP error cases */
	send4(SIDE_C, P, victim4(P));
	send6(SIDE_C, P, victim6(P));
	send_sentinel(SIDE_C, 4);
	if (!wait_sentinel(SIDE_S, &cap, 5000))
		fprintf(stderr, "malformed: the first sentinel did not arrive\n");
	memset(&cap, 0, sizeof(cap));
	send_sentinel(SIDE_S, 4);
	if (!wait_sentinel(SIDE_C, &cap, 5000))
		fprintf(stderr, "malformed: the reverse sentinel did not arrive\n");
}

static int run_cases(const char *only)
{
	unsigned int i, bad = 0;

	prepare_sessions();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct tcase *tc = &cases[i];
		struct capture cap;
		char detail[512] = "";
		unsigned int fwd = 0, sent0 = sent_frames;
		bool ok, lost = false;

		if (only && strcmp(only, tc->name))
			continue;
		if (tc->nsub) {
			char wrong[400] = "";
			size_t w = 0;

			for (int s = 0; s < tc->nsub; s++) {
				bool l = false, got = run_one(tc, s, &cap, &l, tc->sub_pass(s)) > 0;

				lost |= l;
				fwd += got;
				if (got != tc->sub_pass(s) && w < sizeof(wrong) - 16)
					w += (size_t)snprintf(wrong + w, sizeof(wrong) - w, " 0x%02x:%s",
							      s, got ? "forwarded" : "dropped");
			}
			ok = !wrong[0];
			snprintf(detail, sizeof(detail), "%s%s",
				 ok ? "forwarded exactly the SYN-only combinations" :
				 "unexpected:", wrong);
		} else {
			fwd = run_one(tc, tc->arg, &cap, &lost, tc->expect == E_PASS);
			ok = tc->expect == E_ANY || (tc->expect == E_DROP ? fwd == 0 : fwd > 0);
			snprintf(detail, sizeof(detail), "%s", fwd ? cap.first : "nothing forwarded");
		}
		if (lost) {
			ok = false;
			strncat(detail, " (sentinel lost: the permitted flow stopped)",
				sizeof(detail) - strlen(detail) - 1);
		}
		bad += !ok;
		printf("case\t%s\t%s\t%s\t%u\t%u\t%s\t%s\n", tc->name, expect_str[tc->expect],
		       tc->tag, sent_frames - sent0, fwd, ok ? "ok" : "bad", detail);
		fflush(stdout);
	}
	return bad ? 1 : 0;
}

/* ----------------------------------------------------------------- storm */
struct batch {
	uint8_t f[64][MAXF + 14];
	struct mmsghdr m[64];
	struct iovec iov[64];
	unsigned int n;
	unsigned long total;
};

static struct batch B[NSIDES];

static void pace(void);

static void flush_side(enum side s)
{
	struct batch *b = &B[s];
	unsigned int done = 0;

	while (done < b->n) {
		int r = sendmmsg(sock[s], b->m + done, b->n - done, 0);

		if (r < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				nap_ms(1);
				continue;
			}
			if (verbose)
				perror("sendmmsg");
			break;
		}
		done += (unsigned int)r;
	}
	b->total += b->n;
	b->n = 0;
}

static void queue_frame(enum side s, const uint8_t *l3, size_t len, uint16_t type)
{
	struct batch *b = &B[s];
	uint8_t *f = b->f[b->n];

	if (len > MAXF)
		len = MAXF;
	eth(f, s, type, NULL);
	memcpy(f + 14, l3, len);
	b->iov[b->n].iov_base = f;
	b->iov[b->n].iov_len = len + 14;
	memset(&b->m[b->n], 0, sizeof(b->m[b->n]));
	b->m[b->n].msg_hdr.msg_iov = &b->iov[b->n];
	b->m[b->n].msg_hdr.msg_iovlen = 1;
	if (++b->n == 64) {
		flush_side(s);
		pace();
	}
}

/* a valid packet of a random kind from side s; returns its length */
static size_t storm_template(uint8_t *p, enum side s, bool *v6)
{
	uint32_t k = rndn(16);
	bool c = s == SIDE_C;
	uint32_t src4 = c ? A4_C : s == SIDE_S ? A4_S : A4_U, dst4 = c ? A4_S : A4_C;
	const uint8_t *src6 = c ? A6_C : s == SIDE_S ? A6_S : A6_U, *dst6 = c ? A6_S : A6_C;
	uint16_t sp = (uint16_t)(20000 + rndn(64)), dp = rndn(2) ? 5000 : 7;
	uint8_t fl = (uint8_t)(rndn(4) ? F_SYN : rndn(64));
	size_t hl, n;

	if (!c) {		/* replies: the ports reversed */
		uint16_t t = sp;

		sp = dp;
		dp = t;
		fl = (uint8_t)(rndn(2) ? F_SYN | F_ACK : rndn(64));
	}
	if (s == SIDE_U && rndn(2))
		dst4 = A4_S, dst6 = A6_S;
	*v6 = k >= 8;
	switch (k) {
	case 0: return udp4(p, src4, dst4, sp, dp, rndn(60));
	case 1: return tcp4(p, src4, dst4, sp, dp, fl);
	case 2: return echo4(p, src4, dst4, rndn(2) ? 8 : 0, sp);
	case 3: {	/* ICMP error embedding a storm flow */
		uint8_t e[80];
		size_t el = udp4(e, dst4, src4, dp, sp, 8);

		return icmperr4(p, src4, dst4, rndn(2) ? 3 : 11, (uint8_t)rndn(5), e, rndn(2) ? 28 : el);
	}
	case 4: {	/* options */
		uint8_t o[12];

		for (int i = 0; i < 12; i++)
			o[i] = (uint8_t)rnd();
		o[0] = (uint8_t)(rndn(2) ? 7 : 68);
		o[1] = (uint8_t)rndn(13);
		hl = ip4_hdr(p, src4, dst4, 17, o, 12);
		return ip4_finish(p, hl + udp(p + hl, sp, dp, 20));
	}
	case 5: {	/* a fragment of a datagram */
		n = udp4(p, src4, dst4, sp, dp, 200);
		put16(p + 4, (uint16_t)(0x5000 + rndn(8)));
		if (rndn(2)) {
			put16(p + 6, 0x2000);
			n = 20 + 8 * (1 + rndn(10));
		} else {
			put16(p + 6, (uint16_t)(rndn(30)));
			n = 20 + 8 * rndn(20);
		}
		put16(p + 2, (uint16_t)n);
		ip4_csum(p);
		return n;
	}
	case 6: {	/* another protocol */
		hl = ip4_hdr(p, src4, dst4, (uint8_t)rndn(256), NULL, 0);
		for (int i = 0; i < 24; i++)
			p[hl + i] = (uint8_t)rnd();
		return ip4_finish(p, hl + 24);
	}
	case 7:		/* LAND / martian-ish source */
		return udp4(p, rndn(2) ? dst4 : htonl(0x7f000001 + rndn(3)), dst4, dp, dp, 10);
	case 8: return udp6(p, src6, dst6, sp, dp, rndn(60));
	case 9: return tcp6(p, src6, dst6, sp, dp, fl);
	case 10: return echo6(p, src6, dst6, rndn(2) ? 128 : 129, sp);
	case 11: {
		uint8_t e[80];
		size_t el = udp6(e, dst6, src6, dp, sp, 8);

		return icmperr6(p, src6, dst6, (uint8_t)(1 + rndn(4)), (uint8_t)rndn(5), e,
				rndn(2) ? 40 + rndn(16) : el);
	}
	case 12: {	/* extension header chain */
		size_t o = 40;
		unsigned int cnt = 1 + rndn(4);
		static const uint8_t kinds[] = { 0, 60, 43 };
		uint8_t first = kinds[rndn(3)], cur = first;

		ip6_hdr(p, src6, dst6, first);
		for (unsigned int i = 0; i < cnt; i++) {
			uint8_t next = i + 1 < cnt ? kinds[1 + rndn(2)] : 17;

			size_t h = o;

			o += opthdr(p + o, next, 1 + rndn(2));
			if (cur == 43)	/* a routing header: type 2, segments left 0 */
				p[h + 2] = 2, p[h + 3] = 0;
			cur = next;
		}
		return ip6_finish(p, o + udp(p + o, sp, dp, 16), o, 17);
	}
	case 13: {	/* fragment */
		size_t o = 40;

		ip6_hdr(p, src6, dst6, 44);
		o += fraghdr(p + o, 17, 8 * rndn(6), rndn(2), 0x61000 + rndn(8));
		o += udp(p + o, sp, dp, 8 * rndn(8));
		return ip6_finish(p, o, 0, 0);
	}
	case 14: {	/* no next header / other */
		ip6_hdr(p, src6, dst6, rndn(2) ? 59 : (uint8_t)rndn(256));
		for (int i = 0; i < 16; i++)
			p[40 + i] = (uint8_t)rnd();
		return ip6_finish(p, 56, 0, 0);
	}
	default:	/* link-local / LAND */
		return udp6(p, rndn(2) ? dst6 : A6_LLRL, dst6, dp, dp, 10);
	}
}

static void storm_mutate(uint8_t *p, size_t *len, bool v6)
{
	uint32_t m = rndn(10);
	size_t n = *len;

	if (m == 0)
		return;			/* valid */
	if (m <= 5) {			/* flip 1..4 bytes, mostly in the headers */
		unsigned int k = 1 + rndn(4);

		for (unsigned int i = 0; i < k && n; i++) {
			size_t at = rndn(3) ? rndn((uint32_t)(n < 64 ? n : 64)) : rndn((uint32_t)n);

			p[at] ^= (uint8_t)(1 + rndn(255));
		}
	} else if (m <= 7) {		/* truncate */
		n = rndn((uint32_t)n + 1);
	} else {			/* extend with random bytes */
		size_t k = 1 + rndn(64);

		for (size_t i = 0; i < k && n < MAXF; i++)
			p[n++] = (uint8_t)rnd();
		if (rndn(2) && !v6 && n >= 20)
			put16(p + 2, (uint16_t)n);
		else if (rndn(2) && v6 && n >= 40)
			put16(p + 4, (uint16_t)(n - 40));
	}
	/* most mutated IPv4 headers get a valid checksum, to reach the hook */
	if (!v6 && n >= 20 && (p[0] & 15) >= 5 && (size_t)(p[0] & 15) * 4 <= n && rndn(4))
		ip4_csum(p);
	*len = n;
}

/* packets dropped by the kernel's input backlogs (all CPUs, all namespaces) */
static unsigned long backlog_drops(void)
{
	FILE *f = fopen("/proc/net/softnet_stat", "r");
	unsigned long sum = 0, a, d;
	char line[512];

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %lx", &a, &d) == 2)
			sum += d;
	fclose(f);
	return sum;
}

/*
 * veth queues what it is given on the receiving CPU's backlog: sent
 * faster than the router takes it, frames are lost there and never reach
 * the hooks.  Pace by the backlog drops: wait longer after a batch that
 * overflowed, a little less after one that did not.
 */
static unsigned long pace_drops, pace_us = 200;

static void pace(void)
{
	unsigned long d = backlog_drops();

	if (d != pace_drops)
		pace_us = pace_us * 2 > 20000 ? 20000 : pace_us * 2;
	else if (pace_us > 20)
		pace_us -= pace_us / 16;
	pace_drops = d;
	{
		struct timespec ts = { 0, (long)pace_us * 1000 };

		nanosleep(&ts, NULL);
	}
}

static int run_storm(unsigned long count, double max_s)
{
	static uint8_t p[MAXF];
	double t0 = now_s(), el;
	unsigned long i, drops0 = backlog_drops();

	for (i = 0; i < count; i++) {
		uint32_t r = rndn(100);
		enum side s = r < 60 ? SIDE_C : (r < 90 || sock[SIDE_U] < 0) ? SIDE_S : SIDE_U;
		bool v6;
		size_t len;

		memset(p, 0, 128);
		len = storm_template(p, s, &v6);
		storm_mutate(p, &len, v6);
		queue_frame(s, p, len, rndn(50) ? (v6 ? ETH_P_IPV6 : ETH_P_IP) :
			    (v6 ? ETH_P_IP : ETH_P_IPV6));
		if ((i & 1023) == 1023 && max_s > 0 && now_s() - t0 > max_s) {
			i++;
			break;
		}
	}
	for (int s = 0; s < NSIDES; s++)
		if (sock[s] >= 0)
			flush_side((enum side)s);
	el = now_s() - t0;
	printf("storm: sent %lu frames in %.3f s (C %lu, S %lu, U %lu), %lu lost in backlogs\n",
	       i, el, B[SIDE_C].total, B[SIDE_S].total, B[SIDE_U].total, backlog_drops() - drops0);
	return 0;
}

/* ----------------------------------------------------------------- main */
static void addr6(const char *s, uint8_t *a)
{
	if (inet_pton(AF_INET6, s, a) != 1)
		exit(2);
}

static void usage(void)
{
	fprintf(stderr, "usage: malformed cases --c NS --s NS [--only NAME] [-v]\n"
			"       malformed storm --c NS --s NS [--u NS] --count N [--seed S] [--max-seconds T]\n"
			"       malformed list\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *nc = NULL, *ns = NULL, *nu = NULL, *only = NULL;
	unsigned long count = 1000, seed = 1;
	double max_s = 0;
	bool rx;
	int i;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "list")) {
		for (size_t k = 0; k < ARRAY_SIZE(cases); k++)
			printf("%s\t%s\t%s\n", cases[k].name, expect_str[cases[k].expect], cases[k].tag);
		return 0;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-v")) {
			verbose = true;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--c"))
			nc = argv[++i];
		else if (!strcmp(argv[i], "--s"))
			ns = argv[++i];
		else if (!strcmp(argv[i], "--u"))
			nu = argv[++i];
		else if (!strcmp(argv[i], "--only"))
			only = argv[++i];
		else if (!strcmp(argv[i], "--count"))
			count = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--max-seconds"))
			max_s = strtod(argv[++i], NULL);
		else
			usage();
	}
	if (!nc || !ns)
		usage();
	inet_pton(AF_INET, "10.0.1.2", &A4_C);
	inet_pton(AF_INET, "10.0.2.2", &A4_S);
	inet_pton(AF_INET, "10.0.1.1", &A4_RL);
	inet_pton(AF_INET, "10.0.2.1", &A4_RW);
	inet_pton(AF_INET, "10.0.1.99", &A4_C99);
	inet_pton(AF_INET, "10.0.9.2", &A4_U);
	inet_pton(AF_INET, "10.0.9.1", &A4_RU);
	addr6("2001:db8:1::2", A6_C);
	addr6("2001:db8:2::2", A6_S);
	addr6("2001:db8:1::1", A6_RL);
	addr6("2001:db8:2::1", A6_RW);
	addr6("2001:db8:1::99", A6_C99);
	addr6("2001:db8:9::2", A6_U);
	addr6("2001:db8:9::1", A6_RU);
	addr6("fe80::ff:fe00:101", A6_LLRL);
	addr6("fe80::ff:fe00:201", A6_LLRW);
	addr6("fe80::ff:fe00:901", A6_LLRU);
	rng ^= seed * 0x2545f4914f6cdd1dull;
	for (i = 0; i < 8; i++)
		rnd();
	rx = !strcmp(argv[1], "cases");
	sock[SIDE_C] = ns_socket(nc, "eth0", rx);
	sock[SIDE_S] = ns_socket(ns, "eth0", rx);
	if (nu)
		sock[SIDE_U] = ns_socket(nu, "eth0", rx);
	if (!strcmp(argv[1], "cases")) {
		cpu_set_t one;

		CPU_ZERO(&one);
		CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &one);
		sched_setaffinity(0, sizeof(one), &one);
		return run_cases(only);
	}
	if (!strcmp(argv[1], "storm"))
		return run_storm(count, max_s);
	usage();
	return 2;
}
