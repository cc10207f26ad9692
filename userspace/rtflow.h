/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Session log events (SRXFLOW_CMD_SESSION_EVENT) as Junos RT_FLOW messages:
 * decoding, the Junos text and structured (sd-syslog) bodies, JSON.  Shared
 * by "srxflow monitor security flow session" and srxflow-logd.
 */
#ifndef SRXFLOW_RTFLOW_H
#define SRXFLOW_RTFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/srxflow.h>

/* SD-ID of the structured format: Juniper's enterprise number, vSRX suffix */
#define RTFLOW_SD_ID	"junos@2636.1.1.1.2.129"

struct rtflow_ev {
	uint8_t type;			/* enum srxflow_slog_type */
	uint64_t seq, time_ns, id;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	uint16_t sport, dport;
	uint8_t proto, icmp_type;
	char service[SRXFLOW_NAME_MAX], policy[SRXFLOW_NAME_MAX];
	char from[SRXFLOW_NAME_MAX], to[SRXFLOW_NAME_MAX];
	char ifname[SRXFLOW_NAME_MAX], reason[SRXFLOW_NAME_MAX];
	uint64_t pkts[2], bytes[2];	/* client->server, server->client */
	uint32_t elapsed;
	bool nat;			/* translated: the tuple as it left */
	char nsrc[INET6_ADDRSTRLEN], ndst[INET6_ADDRSTRLEN];
	uint16_t nsport, ndport;
	char snat_type[32], snat_rule[SRXFLOW_NAME_MAX];	/* "": N/A */
	char dnat_type[32], dnat_rule[SRXFLOW_NAME_MAX];
	uint8_t check, action;		/* screen events: enum srxflow_screen_check, _action */
	char pool[SRXFLOW_NAME_MAX];	/* NAT pool alarms: the source pool */
	uint8_t threshold, util;	/* ... percent */
};

/* Decode an SRXFLOW_A_SLOG nest.  false: malformed (no type or tuple). */
bool rtflow_decode(const struct nlattr *nest, struct rtflow_ev *ev);
/*
 * "RT_FLOW_SESSION_CREATE", "_CLOSE", "_DENY"; screen events "RT_SCREEN_TCP", ...;
 * NAT pool alarms "RT_SRC_NAT_POOL_ALARM_RAISE", "_CLEAR"
 */
const char *rtflow_tag(const struct rtflow_ev *ev);
/* the syslog tag (process name): "RT_FLOW", "RT_IDS" for screen events, "RT_NAT" */
const char *rtflow_facility(const struct rtflow_ev *ev);
/* does a stream of category cat (enum srxflow_log_category) take this event? */
bool rtflow_category_ok(uint8_t cat, const struct rtflow_ev *ev);
/* the Junos text body after "RT_FLOW: ": "RT_FLOW_SESSION_CREATE: session created ..." */
int rtflow_text(const struct rtflow_ev *ev, char *buf, size_t n);
/* the structured body: "RT_FLOW_SESSION_CREATE [junos@2636... source-address=\"..\" ...]" */
int rtflow_sd(const struct rtflow_ev *ev, char *buf, size_t n);

struct json;
void rtflow_json(struct json *j, const struct rtflow_ev *ev);

/*
 * Losses seen by a listener: every event carries the namespace's sequence
 * number, so a gap is an event lost in the kernel or in the socket.
 */
struct rtflow_seq {
	uint64_t first, highest, received;
	uint64_t lost_before;		/* lost in earlier numberings */
};

void rtflow_seq_add(struct rtflow_seq *s, uint64_t seq);
/* the numbering starts over (the module was reloaded) */
void rtflow_seq_reset(struct rtflow_seq *s);
uint64_t rtflow_seq_lost(const struct rtflow_seq *s);

#endif
