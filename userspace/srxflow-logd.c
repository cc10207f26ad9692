// SPDX-License-Identifier: GPL-2.0
/*
 * srxflow-logd: the session log (then log session-init / session-close) of
 * srxflow, written as Junos RT_FLOW messages, and the screen events, written
 * as Junos RT_IDS messages (RT_SCREEN_TCP, ...; a stream of category
 * screen takes only these, of category flow or session none of them).
 *
 * It joins the "session" multicast group of the srxflow generic netlink
 * family (nothing else is needed for the kernel to send), and writes every
 * event where "security log" of the running configuration says:
 *
 *   mode event (default)   to the local syslog socket (/dev/log), tag RT_FLOW
 *   mode stream            straight to each "stream NAME host A port P" over
 *                          UDP or TCP (transport protocol; TCP reconnects)
 *   mode stream-event      both
 *   format syslog          Junos text (default);  sd-syslog: RFC 5424 with
 *                          structured data [junos@2636.1.1.1.2.129 ...]
 *   source-address A       streams are sent from A
 *
 * The configuration is read back from the kernel (CFG_GET) at start and
 * whenever its generation changes (checked every second).  When the module
 * goes away the daemon waits for it, resolves the family again and goes on.
 *
 * Losses are never silent: every event carries a sequence number, and a
 * gap is an event lost (in the kernel, counted there too, or because this
 * socket overflowed); events a stream could not take (TCP down, send
 * failed) are counted per stream.  Both are reported on stderr (the
 * journal) when they grow, and in full on SIGUSR1 and at exit.
 *
 * usage: srxflow-logd [--socket PATH] [--hostname NAME] [-v]
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "nl.h"
#include "rtflow.h"

#define LOG_PRI_USER_INFO	14	/* facility user (1) * 8 + severity info (6) */
#define MSG_MAX			4096

struct stream {
	char name[SRXFLOW_NAME_MAX];
	struct sockaddr_storage to;
	socklen_t tolen;
	uint8_t format, transport, category;
	int fd;				/* -1: not connected */
	time_t retry;			/* TCP: next connection attempt */
	uint64_t sent, failed;
};

struct logcfg {
	uint8_t mode, format;
	bool has_format;
	struct sockaddr_storage src;
	socklen_t srclen;
	int nstreams;
	struct stream st[SRXFLOW_LOG_STREAMS_MAX];
};

static volatile sig_atomic_t stop, report;
static const char *local_path = "/dev/log";
static char hostname[256];
static bool verbose;
static struct logcfg cfg;
static uint64_t cfg_generation = UINT64_MAX;
static struct rtflow_seq seqs;
static uint64_t received, local_sent, local_failed, overruns, lost_reported;

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		report = 1;
	else
		stop = 1;
}

static void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logmsg(const char *fmt, ...)
{
	va_list ap;

	fputs("srxflow-logd: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --- configuration ----------------------------------------------------------------------- */
static void to_sockaddr(const struct srxflow_prefix *p, uint16_t port,
			struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (p->family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		memcpy(&in->sin_addr, p->addr, 4);
		*len = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		memcpy(&in6->sin6_addr, p->addr, 16);
		*len = sizeof(*in6);
	}
}

static void parse_stream(const struct nlattr *nest, struct logcfg *c)
{
	struct stream *s = &c->st[c->nstreams];
	const struct srxflow_prefix *host = NULL;
	uint16_t port = 514;
	const struct nlattr *a;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->format = c->format;
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_LSTREAM_NAME:
			snprintf(s->name, sizeof(s->name), "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_LSTREAM_HOST:
			if (mnl_attr_get_payload_len(a) >= sizeof(*host))
				host = mnl_attr_get_payload(a);
			break;
		case SRXFLOW_A_LSTREAM_PORT:
			port = (uint16_t)mnl_attr_get_u32(a);
			break;
		case SRXFLOW_A_LSTREAM_FORMAT:
			s->format = mnl_attr_get_u8(a);
			break;
		case SRXFLOW_A_LSTREAM_TRANSPORT:
			s->transport = mnl_attr_get_u8(a);
			break;
		case SRXFLOW_A_LSTREAM_CATEGORY:
			s->category = mnl_attr_get_u8(a);
			break;
		}
	}
	if (!host || c->nstreams >= SRXFLOW_LOG_STREAMS_MAX)
		return;
	to_sockaddr(host, port, &s->to, &s->tolen);
	c->nstreams++;
}

static int cfg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct logcfg *c = data;
	const struct nlattr *a, *b;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == SRXFLOW_A_GENERATION) {
			cfg_generation = mnl_attr_get_u64(a);
			continue;
		}
		if (mnl_attr_get_type(a) != SRXFLOW_A_CFG_LOG)
			continue;
		/* the global format first: it is the streams' default */
		mnl_attr_for_each_nested(b, a) {
			if (mnl_attr_get_type(b) == SRXFLOW_A_SECLOG_MODE)
				c->mode = mnl_attr_get_u8(b);
			else if (mnl_attr_get_type(b) == SRXFLOW_A_SECLOG_FORMAT)
				c->format = mnl_attr_get_u8(b), c->has_format = true;
			else if (mnl_attr_get_type(b) == SRXFLOW_A_SECLOG_SOURCE_ADDRESS &&
				 mnl_attr_get_payload_len(b) >= sizeof(struct srxflow_prefix))
				to_sockaddr(mnl_attr_get_payload(b), 0, &c->src, &c->srclen);
		}
		mnl_attr_for_each_nested(b, a)
			if (mnl_attr_get_type(b) == SRXFLOW_A_SECLOG_STREAM)
				parse_stream(b, c);
	}
	return MNL_CB_OK;
}

static void streams_close(void)
{
	int i;

	for (i = 0; i < cfg.nstreams; i++)
		if (cfg.st[i].fd >= 0)
			close(cfg.st[i].fd);
}

static int load_config(struct nl *req)
{
	struct logcfg c = { .mode = SRXFLOW_LOG_MODE_EVENT };
	struct nlreq r;
	int err;

	nlreq_init(req, &r, SRXFLOW_CMD_CFG_GET, NLM_F_DUMP);
	err = nl_talk(req, &r, cfg_cb, &c);
	nlreq_free(&r);
	if (err)
		return err;
	streams_close();
	cfg = c;
	if (verbose)
		logmsg("configuration generation %" PRIu64 ": mode %u format %u, %d stream(s)",
		       cfg_generation, cfg.mode, cfg.format, cfg.nstreams);
	return 0;
}

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == SRXFLOW_A_GENERATION)
			*(uint64_t *)data = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

/* the running generation, or an error: the module is gone */
static int generation(struct nl *req, uint64_t *gen)
{
	struct nlreq r;
	int err;

	nlreq_init(req, &r, SRXFLOW_CMD_GET_STATUS, 0);
	err = nl_talk(req, &r, status_cb, gen);
	nlreq_free(&r);
	return err;
}

/* --- output -------------------------------------------------------------------------------- */
static bool stream_mode(void)
{
	return cfg.mode == SRXFLOW_LOG_MODE_STREAM || cfg.mode == SRXFLOW_LOG_MODE_STREAM_EVENT;
}

static bool event_mode(void)
{
	return cfg.mode == SRXFLOW_LOG_MODE_EVENT || cfg.mode == SRXFLOW_LOG_MODE_STREAM_EVENT;
}

static void stream_open(struct stream *s, time_t now)
{
	int type = s->transport == SRXFLOW_LOG_TRANSPORT_TCP ? SOCK_STREAM : SOCK_DGRAM;

	if (s->fd >= 0 || now < s->retry)
		return;
	s->retry = now + 1;
	s->fd = socket(s->to.ss_family, type | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return;
	if (cfg.srclen && cfg.src.ss_family == s->to.ss_family &&
	    bind(s->fd, (struct sockaddr *)&cfg.src, cfg.srclen))
		logmsg("stream %s: source-address: %s", s->name, strerror(errno));
	/* TCP: a blocking connect to a loopback or LAN collector, 1 s at most */
	if (type == SOCK_STREAM) {
		struct timeval tv = { .tv_sec = 1 };

		setsockopt(s->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	}
	if (connect(s->fd, (struct sockaddr *)&s->to, s->tolen)) {
		if (verbose || type == SOCK_STREAM)
			logmsg("stream %s: connect: %s (retrying)", s->name, strerror(errno));
		close(s->fd);
		s->fd = -1;
		return;
	}
	if (type == SOCK_STREAM)
		logmsg("stream %s: connected", s->name);
}

static void stream_send(struct stream *s, const char *msg, size_t len, time_t now)
{
	int flags = MSG_NOSIGNAL;

	/* TCP: the collector closed (FIN): reconnect before losing a message to it */
	if (s->fd >= 0 && s->transport == SRXFLOW_LOG_TRANSPORT_TCP) {
		ssize_t r;
		char c;

		r = recv(s->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
			logmsg("stream %s: closed by the collector: reconnecting", s->name);
			close(s->fd);
			s->fd = -1;
			s->retry = 0;
		}
	}
	stream_open(s, now);
	if (s->fd < 0) {
		s->failed++;
		return;
	}
	if (send(s->fd, msg, len, flags) == (ssize_t)len) {
		s->sent++;
		return;
	}
	s->failed++;
	if (s->transport == SRXFLOW_LOG_TRANSPORT_TCP) {
		logmsg("stream %s: %s: reconnecting", s->name, strerror(errno));
		close(s->fd);
		s->fd = -1;
	}
}

/* RFC 3164 header: "<14>Dec  2 08:00:00 " */
static int hdr3164(char *buf, size_t n, const struct timespec *ts)
{
	struct tm tm;

	localtime_r(&ts->tv_sec, &tm);
	return (int)strftime(buf, n, "<14>%b %e %H:%M:%S ", &tm);
}

/* RFC 5424 header up to APP-NAME and PROCID: "<14>1 2026-12-02T08:00:00.123Z HOST RT_FLOW - " */
static int hdr5424(char *buf, size_t n, const struct timespec *ts, const char *app)
{
	struct tm tm;
	int len;

	gmtime_r(&ts->tv_sec, &tm);
	len = (int)strftime(buf, n, "<14>1 %Y-%m-%dT%H:%M:%S", &tm);
	return len + snprintf(buf + len, n - len, ".%03ldZ %s %s - ",
			      ts->tv_nsec / 1000000, hostname, app);
}

static void emit(const struct rtflow_ev *ev)
{
	char text[MSG_MAX], sd[MSG_MAX], msg[MSG_MAX + 512];
	struct timespec ts;
	time_t now = time(NULL);
	int i, len;

	ts.tv_sec = (time_t)(ev->time_ns / 1000000000ULL);
	ts.tv_nsec = (long)(ev->time_ns % 1000000000ULL);
	rtflow_text(ev, text, sizeof(text));
	rtflow_sd(ev, sd, sizeof(sd));
	if (event_mode()) {
		static int fd = -1;
		struct sockaddr_un un = { .sun_family = AF_UNIX };

		if (fd < 0)
			fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		snprintf(un.sun_path, sizeof(un.sun_path), "%s", local_path);
		/* what syslog(3) sends: "<PRI>TIMESTAMP TAG: MESSAGE" */
		len = hdr3164(msg, sizeof(msg), &ts);
		len += snprintf(msg + len, sizeof(msg) - len, "%s: %s", rtflow_facility(ev),
				cfg.format == SRXFLOW_LOG_FORMAT_SD_SYSLOG ? sd : text);
		/*
		 * never block on a slow syslog daemon (its socket queue is
		 * short): what it cannot take now is counted as failed
		 */
		if (fd >= 0 && sendto(fd, msg, len, MSG_DONTWAIT, (struct sockaddr *)&un,
				      sizeof(un)) == len)
			local_sent++;
		else
			local_failed++;
	}
	if (!stream_mode())
		return;
	for (i = 0; i < cfg.nstreams; i++) {
		struct stream *s = &cfg.st[i];

		/* category screen: RT_IDS only; flow, session: RT_FLOW only */
		if (!rtflow_category_ok(s->category, ev))
			continue;
		if (s->format == SRXFLOW_LOG_FORMAT_SD_SYSLOG) {
			len = hdr5424(msg, sizeof(msg), &ts, rtflow_facility(ev));
			len += snprintf(msg + len, sizeof(msg) - len, "%s", sd);
		} else {
			len = hdr3164(msg, sizeof(msg), &ts);
			len += snprintf(msg + len, sizeof(msg) - len, "%s %s: %s", hostname,
					rtflow_facility(ev), text);
		}
		if (len > (int)sizeof(msg) - 2)
			len = sizeof(msg) - 2;
		if (s->transport == SRXFLOW_LOG_TRANSPORT_TCP)
			msg[len++] = '\n';	/* RFC 6587 non-transparent framing */
		stream_send(s, msg, len, now);
	}
}

static void print_report(bool always)
{
	uint64_t lost = rtflow_seq_lost(&seqs), failed = local_failed;
	int i;

	for (i = 0; i < cfg.nstreams; i++)
		failed += cfg.st[i].failed;
	if (!always && lost == lost_reported)
		return;
	if (!always)
		logmsg("%" PRIu64 " events lost before reaching srxflow-logd (total)", lost);
	lost_reported = lost;
	if (!always)
		return;
	logmsg("received %" PRIu64 ", lost %" PRIu64 " (socket overruns %" PRIu64
	       "), local syslog sent %" PRIu64 " failed %" PRIu64,
	       received, lost, overruns, local_sent, local_failed);
	for (i = 0; i < cfg.nstreams; i++)
		logmsg("stream %s: sent %" PRIu64 " failed %" PRIu64, cfg.st[i].name,
		       cfg.st[i].sent, cfg.st[i].failed);
	(void)failed;
}

/* --- the loop -------------------------------------------------------------------------------- */
static void handle(struct nl *ev, ssize_t n)
{
	const struct nlmsghdr *nlh;
	int len = (int)n;

	for (nlh = (const struct nlmsghdr *)ev->buf; mnl_nlmsg_ok(nlh, len);
	     nlh = mnl_nlmsg_next(nlh, &len)) {
		const struct nlattr *a;
		struct rtflow_ev e;

		if (nlh->nlmsg_type != ev->family)
			continue;
		mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
			if (mnl_attr_get_type(a) != SRXFLOW_A_SLOG || !rtflow_decode(a, &e))
				continue;
			rtflow_seq_add(&seqs, e.seq);
			received++;
			emit(&e);
		}
	}
}

/* Open both sockets, join the group, read the configuration; 0 or -errno. */
static int attach(struct nl *ev, struct nl *req)
{
	int fd, rcvbuf = 16 << 20, err;

	err = nl_open(req);
	if (!err)
		err = nl_open(ev);
	if (!err && !ev->mcgrp_session)
		err = -ENOENT;
	if (!err && mnl_socket_setsockopt(ev->sock, NETLINK_ADD_MEMBERSHIP, &ev->mcgrp_session,
					  sizeof(ev->mcgrp_session)))
		err = -errno;
	if (!err)
		err = load_config(req);
	if (err) {
		nl_close(ev);
		nl_close(req);
		return err;
	}
	fd = mnl_socket_get_fd(ev->sock);
	/* NETLINK_NO_ENOBUFS stays off: an overrun is reported (ENOBUFS) and counted */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "hostname", required_argument, NULL, 'H' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct nl ev = { 0 }, req = { 0 };
	bool attached = false, waiting_said = false;
	time_t last_check = 0;
	int c;

	gethostname(hostname, sizeof(hostname) - 1);
	while ((c = getopt_long(argc, argv, "s:H:vh", opts, NULL)) != -1) {
		switch (c) {
		case 's': local_path = optarg; break;
		case 'H': snprintf(hostname, sizeof(hostname), "%s", optarg); break;
		case 'v': verbose = true; break;
		default:
			fprintf(c == 'h' ? stdout : stderr,
				"usage: %s [--socket PATH] [--hostname NAME] [-v]\n"
				"  writes srxflow's session log (RT_FLOW) as \"security log\" configures\n",
				argv[0]);
			return c == 'h' ? 0 : 2;
		}
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	setvbuf(stderr, NULL, _IOLBF, 0);

	while (!stop) {
		time_t now = time(NULL);
		struct pollfd p;
		int r;

		if (!attached) {
			int err = attach(&ev, &req);

			if (err) {
				if (!waiting_said)
					logmsg("waiting for the srxflow module (%s)", strerror(-err));
				waiting_said = true;
				sleep(1);
				continue;
			}
			attached = true;
			waiting_said = false;
			rtflow_seq_reset(&seqs);
			logmsg("listening: configuration generation %" PRIu64 ", mode %s, %d stream(s)",
			       cfg_generation, cfg.mode == SRXFLOW_LOG_MODE_EVENT ? "event" :
			       cfg.mode == SRXFLOW_LOG_MODE_STREAM ? "stream" : "stream-event",
			       cfg.nstreams);
		}
		if (report) {
			report = 0;
			print_report(true);
		}
		if (now != last_check) {
			uint64_t gen = 0;

			last_check = now;
			print_report(false);
			if (generation(&req, &gen)) {
				logmsg("the srxflow module went away: waiting for it");
				nl_close(&ev);
				nl_close(&req);
				attached = false;
				continue;
			}
			if (gen != cfg_generation)
				load_config(&req);
		}
		p.fd = mnl_socket_get_fd(ev.sock);
		p.events = POLLIN;
		r = poll(&p, 1, 1000);
		if (r <= 0)
			continue;
		for (;;) {
			ssize_t n = recv(p.fd, ev.buf, ev.buflen, MSG_DONTWAIT);

			if (n < 0) {
				if (errno == ENOBUFS) {
					overruns++;	/* the sequence numbers count them */
					continue;
				}
				break;
			}
			handle(&ev, n);
		}
	}
	print_report(true);
	streams_close();
	if (attached) {
		nl_close(&ev);
		nl_close(&req);
	}
	return 0;
}
