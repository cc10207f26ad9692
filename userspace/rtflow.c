// SPDX-License-Identifier: GPL-2.0
/*
 * Junos RT_FLOW messages from session log events.
 *
 * Field order is Junos 22.2's (../shared/reference: append, never reorder).
 * The translated tuple and the NAT rules come from the kernel for translated
 * sessions; untranslated, the tuple repeats the original and the rule
 * names are N/A.  srxflow has no users, AppID, tenants or tunnels yet:
 * application fields
 * UNKNOWN, everything else N/A; the connection tags are 0x0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "rtflow.h"
#include "json.h"

static void get_str(const struct nlattr *a, char *buf, size_t n)
{
	snprintf(buf, n, "%s", mnl_attr_get_str(a));
}

static void get_addr(const struct nlattr *a, char *buf, size_t n)
{
	const struct srxflow_prefix *p = mnl_attr_get_payload(a);

	if (mnl_attr_get_payload_len(a) < sizeof(*p) ||
	    !inet_ntop(p->family, p->addr, buf, n))
		snprintf(buf, n, "?");
}

bool rtflow_decode(const struct nlattr *nest, struct rtflow_ev *ev)
{
	const struct nlattr *a;
	bool src = false, dst = false;

	memset(ev, 0, sizeof(*ev));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_SLOG_TYPE: ev->type = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_SLOG_SEQ: ev->seq = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_TIME: ev->time_ns = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_SESSION_ID: ev->id = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_SRC: get_addr(a, ev->src, sizeof(ev->src)); src = true; break;
		case SRXFLOW_A_SLOG_DST: get_addr(a, ev->dst, sizeof(ev->dst)); dst = true; break;
		case SRXFLOW_A_SLOG_SPORT: ev->sport = mnl_attr_get_u16(a); break;
		case SRXFLOW_A_SLOG_DPORT: ev->dport = mnl_attr_get_u16(a); break;
		case SRXFLOW_A_SLOG_PROTOCOL: ev->proto = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_SLOG_ICMP_TYPE: ev->icmp_type = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_SLOG_SERVICE: get_str(a, ev->service, sizeof(ev->service)); break;
		case SRXFLOW_A_SLOG_POLICY: get_str(a, ev->policy, sizeof(ev->policy)); break;
		case SRXFLOW_A_SLOG_FROM_ZONE: get_str(a, ev->from, sizeof(ev->from)); break;
		case SRXFLOW_A_SLOG_TO_ZONE: get_str(a, ev->to, sizeof(ev->to)); break;
		case SRXFLOW_A_SLOG_IFNAME: get_str(a, ev->ifname, sizeof(ev->ifname)); break;
		case SRXFLOW_A_SLOG_REASON: get_str(a, ev->reason, sizeof(ev->reason)); break;
		case SRXFLOW_A_SLOG_PACKETS_C2S: ev->pkts[0] = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_BYTES_C2S: ev->bytes[0] = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_PACKETS_S2C: ev->pkts[1] = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_BYTES_S2C: ev->bytes[1] = mnl_attr_get_u64(a); break;
		case SRXFLOW_A_SLOG_ELAPSED: ev->elapsed = mnl_attr_get_u32(a); break;
		case SRXFLOW_A_SLOG_NAT_SRC: get_addr(a, ev->nsrc, sizeof(ev->nsrc)); ev->nat = true; break;
		case SRXFLOW_A_SLOG_NAT_DST: get_addr(a, ev->ndst, sizeof(ev->ndst)); break;
		case SRXFLOW_A_SLOG_NAT_SPORT: ev->nsport = mnl_attr_get_u16(a); break;
		case SRXFLOW_A_SLOG_NAT_DPORT: ev->ndport = mnl_attr_get_u16(a); break;
		case SRXFLOW_A_SLOG_SRC_NAT_RULE_TYPE: get_str(a, ev->snat_type, sizeof(ev->snat_type)); break;
		case SRXFLOW_A_SLOG_SRC_NAT_RULE: get_str(a, ev->snat_rule, sizeof(ev->snat_rule)); break;
		case SRXFLOW_A_SLOG_DST_NAT_RULE_TYPE: get_str(a, ev->dnat_type, sizeof(ev->dnat_type)); break;
		case SRXFLOW_A_SLOG_DST_NAT_RULE: get_str(a, ev->dnat_rule, sizeof(ev->dnat_rule)); break;
		case SRXFLOW_A_SLOG_SCREEN_CHECK: ev->check = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_SLOG_SCREEN_ACTION: ev->action = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_SLOG_NAT_POOL: get_str(a, ev->pool, sizeof(ev->pool)); break;
		case SRXFLOW_A_SLOG_NAT_POOL_THRESHOLD: ev->threshold = mnl_attr_get_u8(a); break;
		case SRXFLOW_A_SLOG_NAT_POOL_UTIL: ev->util = mnl_attr_get_u8(a); break;
		}
	}
	return ev->type >= SRXFLOW_SLOG_CREATE && ev->type <= SRXFLOW_SLOG_NAT_POOL_CLEAR &&
	       src && dst;
}

/* --- RT_IDS: screen events ----------------------------------------------------------------- */
enum ids_tag { IDS_IP, IDS_TCP, IDS_UDP, IDS_ICMP, IDS_SESSION_LIMIT };

/* the message of each check: what its attack is about, not the packet's protocol */
static enum ids_tag ids_tag(uint8_t check)
{
	switch (check) {
	case SRXFLOW_SCR_WINNUKE: case SRXFLOW_SCR_TCP_PORT_SCAN: case SRXFLOW_SCR_SYN_FLOOD:
	case SRXFLOW_SCR_LAND: case SRXFLOW_SCR_SYN_FRAG: case SRXFLOW_SCR_TCP_NO_FLAG:
	case SRXFLOW_SCR_SYN_FIN: case SRXFLOW_SCR_FIN_NO_ACK: case SRXFLOW_SCR_SYN_ACK_ACK:
	case SRXFLOW_SCR_TCP_SWEEP:
		return IDS_TCP;
	case SRXFLOW_SCR_UDP_FLOOD: case SRXFLOW_SCR_UDP_SWEEP: case SRXFLOW_SCR_UDP_PORT_SCAN:
		return IDS_UDP;
	case SRXFLOW_SCR_ICMP_FLOOD: case SRXFLOW_SCR_ICMP_SWEEP: case SRXFLOW_SCR_PING_DEATH:
	case SRXFLOW_SCR_ICMP_FRAGMENT: case SRXFLOW_SCR_ICMP_LARGE:
		return IDS_ICMP;
	case SRXFLOW_SCR_LIMIT_SRC: case SRXFLOW_SCR_LIMIT_DST:
		return IDS_SESSION_LIMIT;
	default:
		return IDS_IP;
	}
}

const char *rtflow_tag(const struct rtflow_ev *ev)
{
	static const char *const ids[] = {
		[IDS_IP] = "RT_SCREEN_IP", [IDS_TCP] = "RT_SCREEN_TCP", [IDS_UDP] = "RT_SCREEN_UDP",
		[IDS_ICMP] = "RT_SCREEN_ICMP", [IDS_SESSION_LIMIT] = "RT_SCREEN_SESSION_LIMIT",
	};

	switch (ev->type) {
	case SRXFLOW_SLOG_CREATE: return "RT_FLOW_SESSION_CREATE";
	case SRXFLOW_SLOG_CLOSE: return "RT_FLOW_SESSION_CLOSE";
	case SRXFLOW_SLOG_SCREEN: return ids[ids_tag(ev->check)];
	case SRXFLOW_SLOG_NAT_POOL_RAISE: return "RT_SRC_NAT_POOL_ALARM_RAISE";
	case SRXFLOW_SLOG_NAT_POOL_CLEAR: return "RT_SRC_NAT_POOL_ALARM_CLEAR";
	default: return "RT_FLOW_SESSION_DENY";
	}
}

static bool is_nat(const struct rtflow_ev *ev)
{
	return ev->type == SRXFLOW_SLOG_NAT_POOL_RAISE || ev->type == SRXFLOW_SLOG_NAT_POOL_CLEAR;
}

const char *rtflow_facility(const struct rtflow_ev *ev)
{
	return ev->type == SRXFLOW_SLOG_SCREEN ? "RT_IDS" : is_nat(ev) ? "RT_NAT" : "RT_FLOW";
}

bool rtflow_category_ok(uint8_t cat, const struct rtflow_ev *ev)
{
	if (cat == SRXFLOW_LOG_CAT_ALL)
		return true;
	if (cat == SRXFLOW_LOG_CAT_NAT || is_nat(ev))
		return cat == SRXFLOW_LOG_CAT_NAT && is_nat(ev);
	return (cat == SRXFLOW_LOG_CAT_SCREEN) == (ev->type == SRXFLOW_SLOG_SCREEN);
}

static const char *or_na(const char *s)
{
	return s[0] ? s : "N/A";
}

/*
 * The fields of one message, in template order: the text format joins them
 * with its punctuation, the structured one names them.
 */
#define MAXF 64
struct fields {
	int n;
	const char *key[MAXF];
	char val[MAXF][SRXFLOW_NAME_MAX];
};

static __attribute__((format(printf, 3, 4)))
void add(struct fields *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (f->n >= MAXF)
		return;
	f->key[f->n] = key;
	va_start(ap, fmt);
	vsnprintf(f->val[f->n], sizeof(f->val[0]), fmt, ap);
	va_end(ap);
	f->n++;
}

/* nat: the tuple as it left (the original when not translated) */
static void tuple(struct fields *f, const struct rtflow_ev *ev, bool nat)
{
	bool x = nat && ev->nat;

	add(f, nat ? "nat-source-address" : "source-address", "%s", x ? ev->nsrc : ev->src);
	add(f, nat ? "nat-source-port" : "source-port", "%u", x ? ev->nsport : ev->sport);
	add(f, nat ? "nat-destination-address" : "destination-address", "%s", x ? ev->ndst : ev->dst);
	add(f, nat ? "nat-destination-port" : "destination-port", "%u", x ? ev->ndport : ev->dport);
	add(f, nat ? "nat-connection-tag" : "connection-tag", "0");
}

/*
 * RT_SCREEN_TCP / _UDP: attack, source address and port, destination
 * address and port, zone, interface, action; _ICMP: without the ports;
 * _IP and _SESSION_LIMIT: without the ports, with the protocol.
 */
static void build_screen(const struct rtflow_ev *ev, struct fields *f)
{
	enum ids_tag tag = ids_tag(ev->check);
	bool ports = tag == IDS_TCP || tag == IDS_UDP;

	add(f, "attack-name", "%s", ev->reason);
	add(f, "source-address", "%s", ev->src);
	if (ports)
		add(f, "source-port", "%u", ev->sport);
	add(f, "destination-address", "%s", ev->dst);
	if (ports)
		add(f, "destination-port", "%u", ev->dport);
	if (tag == IDS_IP || tag == IDS_SESSION_LIMIT)
		add(f, "protocol-id", "%u", ev->proto);
	add(f, "source-zone-name", "%s", or_na(ev->from));
	add(f, "interface-name", "%s", or_na(ev->ifname));
	add(f, "action", "%s", ev->action == SRXFLOW_SCREEN_ACTION_ALARM ?
	    "alarm-without-drop" : "drop");
}

/* "SYN flood! source: 10.0.9.1:1234, destination: 10.0.2.2:80, zone name: ..." */
static int screen_text(const struct rtflow_ev *ev, char *buf, size_t n)
{
	struct fields f = { 0 };
	size_t len;
	int i;

	build_screen(ev, &f);
	len = snprintf(buf, n, "%s: %s", rtflow_tag(ev), f.val[0]);
	for (i = 1; i < f.n && len < n; i++) {
		const char *k = f.key[i];

		if (!strcmp(k, "source-port") || !strcmp(k, "destination-port"))
			len += snprintf(buf + len, n - len, ":%s", f.val[i]);
		else
			len += snprintf(buf + len, n - len, "%s %s: %s", i == 1 ? "" : ",",
					!strcmp(k, "source-address") ? "source" :
					!strcmp(k, "destination-address") ? "destination" :
					!strcmp(k, "source-zone-name") ? "zone name" :
					!strcmp(k, "interface-name") ? "interface name" : k,
					f.val[i]);
	}
	if (len < n)
		len += snprintf(buf + len, n - len, ".");
	return len < n ? (int)len : (int)n - 1;
}

/*
 * RT_SRC_NAT_POOL_ALARM_RAISE / _CLEAR (srxflow's names and wording,
 * after Junos' documented RT_SRC_NAT_SUBS_POOL_ALARM_* messages):
 * "Source NAT pool: P, threshold: 50%, current: 60%"
 */
static void build_nat(const struct rtflow_ev *ev, struct fields *f)
{
	add(f, "source-nat-pool-name", "%s", ev->pool);
	add(f, "threshold", "%u%%", ev->threshold);
	add(f, "current-utilization", "%u%%", ev->util);
}

static int nat_text(const struct rtflow_ev *ev, char *buf, size_t n)
{
	int len = snprintf(buf, n, "%s: Source NAT pool: %s, threshold: %u%%, current: %u%%",
			   rtflow_tag(ev), ev->pool, ev->threshold, ev->util);

	return len < (int)n ? len : (int)n - 1;
}

static void build(const struct rtflow_ev *ev, struct fields *f)
{
	f->n = 0;
	if (ev->type == SRXFLOW_SLOG_SCREEN) {
		build_screen(ev, f);
		return;
	}
	if (is_nat(ev)) {
		build_nat(ev, f);
		return;
	}
	if (ev->type == SRXFLOW_SLOG_CLOSE)
		add(f, "reason", "%s", ev->reason);
	tuple(f, ev, false);
	add(f, "service-name", "%s", or_na(ev->service));
	if (ev->type == SRXFLOW_SLOG_DENY) {
		add(f, "protocol-id", "%u", ev->proto);
		add(f, "icmp-type", "%u", ev->icmp_type);
		add(f, "policy-name", "%s", ev->policy);
		add(f, "source-zone-name", "%s", or_na(ev->from));
		add(f, "destination-zone-name", "%s", or_na(ev->to));
		add(f, "application", "UNKNOWN");
		add(f, "nested-application", "UNKNOWN");
		add(f, "username", "N/A");
		add(f, "roles", "N/A");
		add(f, "packet-incoming-interface", "%s", or_na(ev->ifname));
		add(f, "encrypted", "UNKNOWN");
		add(f, "reason", "%s", ev->reason);
		add(f, "session-id", "%llu", (unsigned long long)ev->id);
		add(f, "application-category", "N/A");
		add(f, "application-sub-category", "N/A");
		add(f, "application-risk", "N/A");
		add(f, "application-characteristics", "N/A");
		add(f, "source-tenant", "N/A");
		add(f, "destination-service", "N/A");
		return;
	}
	tuple(f, ev, true);
	add(f, "src-nat-rule-type", "%s", ev->snat_rule[0] ? ev->snat_type : "N/A");
	add(f, "src-nat-rule-name", "%s", ev->snat_rule[0] ? ev->snat_rule : "N/A");
	add(f, "dst-nat-rule-type", "%s", ev->dnat_rule[0] ? ev->dnat_type : "N/A");
	add(f, "dst-nat-rule-name", "%s", ev->dnat_rule[0] ? ev->dnat_rule : "N/A");
	add(f, "protocol-id", "%u", ev->proto);
	add(f, "policy-name", "%s", ev->policy);
	add(f, "source-zone-name", "%s", or_na(ev->from));
	add(f, "destination-zone-name", "%s", or_na(ev->to));
	add(f, "session-id", "%llu", (unsigned long long)ev->id);
	if (ev->type == SRXFLOW_SLOG_CREATE) {
		add(f, "username", "N/A");
		add(f, "roles", "N/A");
		add(f, "packet-incoming-interface", "%s", or_na(ev->ifname));
		add(f, "application", "UNKNOWN");
		add(f, "nested-application", "UNKNOWN");
		add(f, "encrypted", "UNKNOWN");
		add(f, "application-category", "N/A");
		add(f, "application-sub-category", "N/A");
		add(f, "application-risk", "N/A");
		add(f, "application-characteristics", "N/A");
		add(f, "src-vrf-grp", "N/A");
		add(f, "dst-vrf-grp", "N/A");
		add(f, "tunnel-inspection", "N/A");
		add(f, "tunnel-inspection-policy-set", "N/A");
		add(f, "source-tenant", "N/A");
		add(f, "destination-service", "N/A");
		return;
	}
	add(f, "packets-from-client", "%llu", (unsigned long long)ev->pkts[0]);
	add(f, "bytes-from-client", "%llu", (unsigned long long)ev->bytes[0]);
	add(f, "packets-from-server", "%llu", (unsigned long long)ev->pkts[1]);
	add(f, "bytes-from-server", "%llu", (unsigned long long)ev->bytes[1]);
	add(f, "elapsed-time", "%u", ev->elapsed);
	add(f, "application", "UNKNOWN");
	add(f, "nested-application", "UNKNOWN");
	add(f, "username", "N/A");
	add(f, "roles", "N/A");
	add(f, "packet-incoming-interface", "%s", or_na(ev->ifname));
	add(f, "encrypted", "UNKNOWN");
	add(f, "application-category", "N/A");
	add(f, "application-sub-category", "N/A");
	add(f, "application-risk", "N/A");
	add(f, "application-characteristics", "N/A");
	add(f, "secure-web-proxy-session-type", "NA");
	add(f, "peer-session-id", "0");
	add(f, "peer-source-address", "0.0.0.0");
	add(f, "peer-source-port", "0");
	add(f, "peer-destination-address", "0.0.0.0");
	add(f, "peer-destination-port", "0");
	add(f, "hostname", "NA");
	add(f, "src-vrf-grp", "N/A");
	add(f, "dst-vrf-grp", "N/A");
	add(f, "tunnel-inspection", "N/A");
	add(f, "tunnel-inspection-policy-set", "N/A");
	add(f, "session-flag", "0");
	add(f, "source-tenant", "N/A");
	add(f, "destination-service", "N/A");
}

/* the text format's punctuation: after field i comes sep[i] */
static const char *text_sep(const struct fields *f, int i)
{
	const char *k = f->key[i], *next = i + 1 < f->n ? f->key[i + 1] : "";

	if (!strcmp(k, "reason") && !strcmp(f->key[0], "reason") && i == 0)
		return ": ";
	if (!strcmp(k, "source-address") || !strcmp(k, "destination-address") ||
	    !strcmp(k, "nat-source-address") || !strcmp(k, "nat-destination-address") ||
	    !strcmp(k, "peer-source-address") || !strcmp(k, "peer-destination-address"))
		return "/";
	if (!strcmp(k, "source-port") || !strcmp(k, "nat-source-port") ||
	    !strcmp(k, "peer-source-port"))
		return "->";
	if (!strcmp(next, "roles") || !strcmp(next, "bytes-from-client") ||
	    !strcmp(next, "bytes-from-server") || !strcmp(next, "icmp-type"))
		return "(";
	if (!strcmp(k, "roles") || !strcmp(k, "bytes-from-client") ||
	    !strcmp(k, "bytes-from-server") || !strcmp(k, "icmp-type"))
		return i + 1 < f->n ? ") " : ")";
	return i + 1 < f->n ? " " : "";
}

int rtflow_text(const struct rtflow_ev *ev, char *buf, size_t n)
{
	struct fields f;
	size_t len;
	int i;

	if (ev->type == SRXFLOW_SLOG_SCREEN)
		return screen_text(ev, buf, n);
	if (is_nat(ev))
		return nat_text(ev, buf, n);
	build(ev, &f);
	len = snprintf(buf, n, "%s: session %s ", rtflow_tag(ev),
		       ev->type == SRXFLOW_SLOG_CREATE ? "created" :
		       ev->type == SRXFLOW_SLOG_CLOSE ? "closed" : "denied");
	for (i = 0; i < f.n && len < n; i++) {
		const char *k = f.key[i];

		if (!strcmp(k, "connection-tag") || !strcmp(k, "nat-connection-tag"))
			len += snprintf(buf + len, n - len, "0x%s%s", f.val[i], text_sep(&f, i));
		else
			len += snprintf(buf + len, n - len, "%s%s", f.val[i], text_sep(&f, i));
	}
	return len < n ? (int)len : (int)n - 1;
}

int rtflow_sd(const struct rtflow_ev *ev, char *buf, size_t n)
{
	struct fields f;
	size_t len;
	int i;

	build(ev, &f);
	len = snprintf(buf, n, "%s [%s", rtflow_tag(ev), RTFLOW_SD_ID);
	for (i = 0; i < f.n && len < n; i++) {
		const char *v;

		len += snprintf(buf + len, n - len, " %s=\"", f.key[i]);
		/* RFC 5424 6.3.3: escape '"', '\' and ']' */
		for (v = f.val[i]; *v && len + 2 < n; v++) {
			if (*v == '"' || *v == '\\' || *v == ']')
				buf[len++] = '\\';
			buf[len++] = *v;
		}
		if (len < n)
			len += snprintf(buf + len, n - len, "\"");
	}
	if (len < n)
		len += snprintf(buf + len, n - len, "]");
	return len < n ? (int)len : (int)n - 1;
}

void rtflow_json(struct json *j, const struct rtflow_ev *ev)
{
	char text[2048];
	struct fields f;
	int i;

	build(ev, &f);
	rtflow_text(ev, text, sizeof(text));
	json_obj_open(j, NULL);
	json_str(j, "event", rtflow_tag(ev));
	json_str(j, "facility", rtflow_facility(ev));
	json_u64(j, "sequence", ev->seq);
	json_u64(j, "time-ns", ev->time_ns);
	for (i = 0; i < f.n; i++)
		json_str(j, f.key[i], f.val[i]);
	json_str(j, "message", text);
	json_obj_close(j);
}

void rtflow_seq_add(struct rtflow_seq *s, uint64_t seq)
{
	/* far behind: the numbering started over without us noticing */
	if (s->received && (seq < s->first || seq + 65536 < s->highest))
		rtflow_seq_reset(s);
	if (!s->received) {
		s->first = seq;
		s->highest = seq;
	}
	if (seq > s->highest)
		s->highest = seq;
	s->received++;
}

void rtflow_seq_reset(struct rtflow_seq *s)
{
	s->lost_before = rtflow_seq_lost(s);
	s->first = s->highest = s->received = 0;
}

uint64_t rtflow_seq_lost(const struct rtflow_seq *s)
{
	uint64_t span = s->received ? s->highest - s->first + 1 : 0;

	return s->lost_before + (span > s->received ? span - s->received : 0);
}
