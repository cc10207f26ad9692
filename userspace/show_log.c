// SPDX-License-Identifier: GPL-2.0
/*
 * Traceoptions output and packet-drop records:
 *   show log NAME [last N] [match REGEX]      clear log NAME
 *   monitor security flow                     (trace lines, live)
 *   show security packet-drop records         clear security packet-drop records
 *   monitor security packet-drop              (drop records, live)
 *   monitor security flow session             (session log: RT_FLOW lines, live)
 */
#include <errno.h>
#include <inttypes.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "cli.h"
#include "json.h"
#include "rtflow.h"
#include "util.h"
#include "values.h"

static void fmt_time(uint64_t ns, char *buf, size_t n, bool date)
{
	time_t sec = (time_t)(ns / 1000000000ULL);
	struct tm tm;
	char b[40];

	localtime_r(&sec, &tm);
	strftime(b, sizeof(b), date ? "%b %e %H:%M:%S" : "%H:%M:%S", &tm);
	snprintf(buf, n, "%s.%06" PRIu64, b, (uint64_t)((ns % 1000000000ULL) / 1000));
}

/* --- trace lines ------------------------------------------------------------------------------ */
struct line {
	uint64_t seq, time, lost;
	char *text;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static bool decode_line(const struct nlattr *nest, struct line *l)
{
	const struct nlattr *tb[SRXFLOW_A_LINE_MAX + 1];

	if (nl_parse_nested(nest, tb, SRXFLOW_A_LINE_MAX) || !tb[SRXFLOW_A_LINE_TEXT])
		return false;
	l->seq = tb[SRXFLOW_A_LINE_SEQ] ? mnl_attr_get_u64(tb[SRXFLOW_A_LINE_SEQ]) : 0;
	l->time = tb[SRXFLOW_A_LINE_TIME] ? mnl_attr_get_u64(tb[SRXFLOW_A_LINE_TIME]) : 0;
	l->lost = tb[SRXFLOW_A_LINE_LOST] ? mnl_attr_get_u64(tb[SRXFLOW_A_LINE_LOST]) : 0;
	l->text = (char *)mnl_attr_get_str(tb[SRXFLOW_A_LINE_TEXT]);
	return true;
}

static int lines_cb(const struct nlmsghdr *nlh, void *data)
{
	struct lines *ls = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		struct line l;

		if (mnl_attr_get_type(a) != SRXFLOW_A_LOG_LINE || !decode_line(a, &l))
			continue;
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? ls->cap * 2 : 1024;
			ls->v = xrealloc(ls->v, ls->cap * sizeof(*ls->v));
		}
		l.text = xstrdup(l.text);
		ls->v[ls->n++] = l;
	}
	return 0;
}

static void print_line(struct cli *c, struct json *j, const struct line *l)
{
	char t[64];

	fmt_time(l->time, t, sizeof(t), true);
	if (c->json) {
		json_obj_open(j, NULL);
		json_u64(j, "sequence", l->seq);
		json_str(j, "time", t);
		json_str(j, "text", l->text);
		json_obj_close(j);
		return;
	}
	/* the device's prefix: "Apr 23 14:01:56 14:01:56.726032:CID-0:RT:" */
	{
		time_t sec = (time_t)(l->time / 1000000000ULL);
		char d[32];
		struct tm tm;

		localtime_r(&sec, &tm);
		strftime(d, sizeof(d), "%b %e %H:%M:%S", &tm);
		fmt_time(l->time, t, sizeof(t), false);
		printf("%s %s:CID-0:RT:%s\n", d, t, l->text);
	}
}

int cmd_show_log(struct cli *c, int argc, char **argv)
{
	static const char *const kw[] = { "last", "match", NULL };
	struct nl *nl = cli_nl(c);
	struct lines ls = { 0 };
	unsigned int last = 0;
	const char *match = NULL;
	struct nlreq req;
	regex_t re;
	struct json j;
	size_t i, first = 0, shown = 0;
	int err, k, a;

	if (argc < 1) {
		fprintf(stderr, "srxflow: show log: missing file name\n");
		return 1;
	}
	for (a = 1; a < argc; a += 2) {
		k = cli_keyword(argv[a], kw);
		if (k < 0 || a + 1 >= argc) {
			fprintf(stderr, "srxflow: show log %s: expecting 'last N' or 'match REGEX'\n",
				argv[0]);
			return 1;
		}
		if (k == 0 && (!parse_u32(argv[a + 1], &last) || !last)) {
			fprintf(stderr, "srxflow: show log: invalid number '%s'\n", argv[a + 1]);
			return 1;
		}
		if (k == 1)
			match = argv[a + 1];
	}
	if (match && regcomp(&re, match, REG_EXTENDED | REG_NOSUB)) {
		fprintf(stderr, "srxflow: show log: invalid regular expression '%s'\n", match);
		return 1;
	}
	nlreq_init(nl, &req, SRXFLOW_CMD_LOG_GET, NLM_F_DUMP);
	mnl_attr_put_strz(req.nlh, SRXFLOW_A_LOG_FILE, argv[0]);
	if (last && !match)
		mnl_attr_put_u32(req.nlh, SRXFLOW_A_LOG_COUNT, last);
	err = nl_talk(nl, &req, lines_cb, &ls);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show log", err);
		if (match)
			regfree(&re);
		return 1;
	}
	/* match first, then the last N of what matched */
	if (match) {
		for (i = 0; i < ls.n; i++)
			if (!regexec(&re, ls.v[i].text, 0, NULL, 0))
				ls.v[shown++] = ls.v[i];
			else
				free(ls.v[i].text);
		ls.n = shown;
		regfree(&re);
	}
	if (last && ls.n > last)
		first = ls.n - last;
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_str(&j, "file", argv[0]);
		json_arr_open(&j, "lines");
	}
	for (i = first; i < ls.n; i++)
		print_line(c, &j, &ls.v[i]);
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	}
	for (i = 0; i < ls.n; i++)
		free(ls.v[i].text);
	free(ls.v);
	return 0;
}

int cmd_clear_log(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	if (argc != 1) {
		fprintf(stderr, "srxflow: clear log: expecting a file name\n");
		return 1;
	}
	nlreq_init(nl, &req, SRXFLOW_CMD_LOG_CLEAR, 0);
	mnl_attr_put_strz(req.nlh, SRXFLOW_A_LOG_FILE, argv[0]);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear log", err);
		return 1;
	}
	return 0;
}

/* --- packet-drop records -------------------------------------------------------------------- */
struct drec {
	uint64_t time;
	char src[48], dst[48], ifname[SRXFLOW_NAME_MAX], text[SRXFLOW_NAME_MAX];
	unsigned int sport, dport, proto, ipid, reason;
};

struct drecs {
	struct drec *v;
	size_t n, cap;
};

static bool decode_drop(const struct nlattr *nest, struct drec *d)
{
	const struct nlattr *tb[SRXFLOW_A_DROP_MAX + 1];

	memset(d, 0, sizeof(*d));
	if (nl_parse_nested(nest, tb, SRXFLOW_A_DROP_MAX) || !tb[SRXFLOW_A_DROP_TIME])
		return false;
	d->time = mnl_attr_get_u64(tb[SRXFLOW_A_DROP_TIME]);
	if (tb[SRXFLOW_A_DROP_SRC])
		addr_str(mnl_attr_get_payload(tb[SRXFLOW_A_DROP_SRC]), d->src, sizeof(d->src));
	if (tb[SRXFLOW_A_DROP_DST])
		addr_str(mnl_attr_get_payload(tb[SRXFLOW_A_DROP_DST]), d->dst, sizeof(d->dst));
	d->sport = tb[SRXFLOW_A_DROP_SPORT] ? mnl_attr_get_u16(tb[SRXFLOW_A_DROP_SPORT]) : 0;
	d->dport = tb[SRXFLOW_A_DROP_DPORT] ? mnl_attr_get_u16(tb[SRXFLOW_A_DROP_DPORT]) : 0;
	d->proto = tb[SRXFLOW_A_DROP_PROTOCOL] ? mnl_attr_get_u8(tb[SRXFLOW_A_DROP_PROTOCOL]) : 0;
	d->ipid = tb[SRXFLOW_A_DROP_IPID] ? mnl_attr_get_u32(tb[SRXFLOW_A_DROP_IPID]) : 0;
	d->reason = tb[SRXFLOW_A_DROP_REASON] ? mnl_attr_get_u32(tb[SRXFLOW_A_DROP_REASON]) : 0;
	if (tb[SRXFLOW_A_DROP_IFNAME])
		snprintf(d->ifname, sizeof(d->ifname), "%s", mnl_attr_get_str(tb[SRXFLOW_A_DROP_IFNAME]));
	if (tb[SRXFLOW_A_DROP_TEXT])
		snprintf(d->text, sizeof(d->text), "%s", mnl_attr_get_str(tb[SRXFLOW_A_DROP_TEXT]));
	return true;
}

static int drops_cb(const struct nlmsghdr *nlh, void *data)
{
	struct drecs *ds = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		struct drec d;

		if (mnl_attr_get_type(a) != SRXFLOW_A_DROP_REC || !decode_drop(a, &d))
			continue;
		if (ds->n == ds->cap) {
			ds->cap = ds->cap ? ds->cap * 2 : 256;
			ds->v = xrealloc(ds->v, ds->cap * sizeof(*ds->v));
		}
		ds->v[ds->n++] = d;
	}
	return 0;
}

static int cmp_drec(const void *a, const void *b)
{
	const struct drec *x = a, *y = b;

	return x->time < y->time ? -1 : x->time > y->time;
}

static const char *drop_by(unsigned int r)
{
	return r == SRXFLOW_DROP_POLICY_DENY || r == SRXFLOW_DROP_POLICY_REJECT ||
	       r == SRXFLOW_DROP_DEFAULT_DENY ? "POLICY" : "FLOW";
}

static void print_drop(struct cli *c, struct json *j, const struct drec *d)
{
	const char *why = d->reason < __SRXFLOW_DROP_MAX && drop_reason_names[d->reason] ?
			  drop_reason_names[d->reason] : "?";
	char t[48], pb[16];

	fmt_time(d->time, t, sizeof(t), false);
	if (c->json) {
		json_obj_open(j, NULL);
		json_str(j, "time", t);
		json_str(j, "source-address", d->src);
		json_u64(j, "source-port", d->sport);
		json_str(j, "destination-address", d->dst);
		json_u64(j, "destination-port", d->dport);
		json_str(j, "protocol", proto_name(d->proto, pb, sizeof(pb)));
		json_u64(j, "ipid", d->ipid);
		json_str(j, "interface", d->ifname);
		json_str(j, "reason", why);
		if (d->text[0])
			json_str(j, "detail", d->text);
		json_obj_close(j);
		return;
	}
	printf("%s %s/%u-->%s/%u;%s,ipid-%u,%s,Dropped by %s:%s%s%s\n", t, d->src, d->sport,
	       d->dst, d->dport, proto_name(d->proto, pb, sizeof(pb)), d->ipid,
	       d->ifname[0] ? d->ifname : "N/A", drop_by(d->reason), why,
	       d->text[0] ? " " : "", d->text);
}

int cmd_show_drops(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct drecs ds = { 0 };
	struct nlreq req;
	struct json j;
	size_t i;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_DROP_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, drops_cb, &ds);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "show security packet-drop records", err);
		return 1;
	}
	qsort(ds.v, ds.n, sizeof(*ds.v), cmp_drec);
	if (c->json) {
		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "records");
	} else {
		printf("Logical system: root-logical-system\n");
	}
	for (i = 0; i < ds.n; i++)
		print_drop(c, &j, &ds.v[i]);
	if (c->json) {
		json_arr_close(&j);
		json_obj_close(&j);
		json_end(&j);
	} else {
		printf("Total records: %zu\n", ds.n);
	}
	free(ds.v);
	return 0;
}

int cmd_clear_drops(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_DROP_CLEAR, 0);
	err = nl_talk(nl, &req, NULL, NULL);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "clear security packet-drop records", err);
		return 1;
	}
	return 0;
}

/* --- monitor ----------------------------------------------------------------------------------- */
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SRXFLOW_A_MAX + 1], *st[SRXFLOW_A_STATUS_MAX + 1];

	if (!nl_parse(nlh, tb, SRXFLOW_A_MAX) && tb[SRXFLOW_A_STATUS] &&
	    !nl_parse_nested(tb[SRXFLOW_A_STATUS], st, SRXFLOW_A_STATUS_MAX))
		*(bool *)data = !!st[SRXFLOW_A_STATUS_NO_EVENTS];
	return MNL_CB_OK;
}

/*
 * May this reader see events here?  The status says when restrict_userns
 * keeps them out of this namespace; refused (EPERM) it says why too.
 */
static bool events_allowed(struct nl *nl)
{
	struct nlreq req;
	bool none = false;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_GET_STATUS, 0);
	err = nl_talk(nl, &req, status_cb, &none);
	nlreq_free(&req);
	if (err) {
		nl_perror(nl, "monitor", err);
		return false;
	}
	if (none)
		fprintf(stderr, "srxflow: monitor: restrict_userns: no events in a namespace owned by another user namespace\n");
	return !none;
}

/*
 * Join a multicast group: that is all a listener does, the kernel streams
 * while the group has listeners.
 */
static int join(struct cli *c, uint32_t group, const char *name, const char *what)
{
	struct nl *nl = cli_nl(c);
	struct sigaction sa = { .sa_handler = on_signal };
	int fd = mnl_socket_get_fd(nl->sock), one = 1, rcvbuf = 8 << 20;

	if (!group) {
		fprintf(stderr, "srxflow: the module offers no multicast group %s\n", name);
		return -1;
	}
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) < 0) {
		fprintf(stderr, "srxflow: joining multicast group %s: %s\n", name,
			errno == EPERM ? nl_eperm_text() : strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, 0);	/* report overruns */
	/* bursts: room for a few thousand events (CAP_NET_ADMIN may exceed rmem_max) */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (!events_allowed(nl))
		return -1;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!c->json)
		fprintf(stderr, "monitoring %s (Ctrl-C stops)\n", what);
	setvbuf(stdout, NULL, _IOLBF, 0);
	return 0;
}

static int monitor(struct cli *c, uint32_t group, bool drops)
{
	struct nl *nl = cli_nl(c);
	uint64_t shown = 0, lost = 0, overruns = 0;
	int fd = mnl_socket_get_fd(nl->sock);
	struct json j;

	if (join(c, group, drops ? SRXFLOW_MCGRP_DROP : SRXFLOW_MCGRP_TRACE,
		 drops ? "packet drops" : "flow trace"))
		return 1;
	json_init(&j, stdout);
	while (!stop) {
		ssize_t n = recv(fd, nl->buf, nl->buflen, 0);
		const struct nlmsghdr *nlh;
		int len;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				overruns++;
				if (!c->json)
					printf("*** lines dropped: this reader fell behind ***\n");
				continue;
			}
			break;
		}
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			const struct nlattr *a;

			if (nlh->nlmsg_type != nl->family)
				continue;
			mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
				if (drops && mnl_attr_get_type(a) == SRXFLOW_A_DROP_REC) {
					struct drec d;

					if (decode_drop(a, &d)) {
						print_drop(c, &j, &d);
						if (c->json)
							json_end(&j), json_init(&j, stdout);
						shown++;
					}
				} else if (!drops && mnl_attr_get_type(a) == SRXFLOW_A_LOG_LINE) {
					struct line l;

					if (!decode_line(a, &l))
						continue;
					if (l.lost) {
						lost += l.lost;
						if (!c->json)
							printf("*** %" PRIu64 " lines lost ***\n", l.lost);
					}
					print_line(c, &j, &l);
					if (c->json)
						json_end(&j), json_init(&j, stdout);
					shown++;
				}
			}
		}
	}
	if (!c->json)
		fprintf(stderr, "\n%" PRIu64 " %s shown, %" PRIu64 " lost, %" PRIu64
			" socket overruns\n", shown, drops ? "records" : "lines", lost, overruns);
	return 0;
}

int cmd_monitor_flow(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);

	return monitor(c, nl->mcgrp_trace, false);
}

int cmd_monitor_drops(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);

	return monitor(c, nl->mcgrp_drop, true);
}

/*
 * monitor security flow session: RT_FLOW lines of the session log, live
 * (then log session-init / session-close); -j: one JSON object per line.
 */
int cmd_monitor_session(struct cli *c, int argc, char **argv)
{
	struct nl *nl = cli_nl(c);
	int fd = mnl_socket_get_fd(nl->sock);
	struct rtflow_seq seq = { 0 };
	uint64_t shown = 0, overruns = 0;
	char text[2048];
	struct json j;

	if (join(c, nl->mcgrp_session, SRXFLOW_MCGRP_SESSION, "session log (RT_FLOW)"))
		return 1;
	json_init(&j, stdout);
	while (!stop) {
		ssize_t n = recv(fd, nl->buf, nl->buflen, 0);
		const struct nlmsghdr *nlh;
		int len;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				overruns++;
				continue;	/* the sequence numbers count the loss */
			}
			break;
		}
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			const struct nlattr *a;
			struct rtflow_ev ev;

			if (nlh->nlmsg_type != nl->family)
				continue;
			mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
				if (mnl_attr_get_type(a) != SRXFLOW_A_SLOG || !rtflow_decode(a, &ev))
					continue;
				rtflow_seq_add(&seq, ev.seq);
				if (c->json) {
					rtflow_json(&j, &ev);
					json_end(&j);
					json_init(&j, stdout);
				} else {
					char when[64];

					fmt_time(ev.time_ns, when, sizeof(when), false);
					rtflow_text(&ev, text, sizeof(text));
					printf("%s %s: %s\n", when, rtflow_facility(&ev), text);
				}
				shown++;
			}
		}
	}
	if (!c->json)
		fprintf(stderr, "\n%" PRIu64 " events shown, %" PRIu64 " lost, %" PRIu64
			" socket overruns\n", shown, rtflow_seq_lost(&seq), overruns);
	return 0;
}
