// SPDX-License-Identifier: GPL-2.0
/*
 * Applications: the predefined junos-* applications and matching a packet
 * against an application term.
 */
#include <linux/kernel.h>
#include <linux/bsearch.h>
#include <linux/in.h>
#include <linux/string.h>
#include "config.h"

#define TCP(n, p, a)	{ .name = n, .proto = IPPROTO_TCP, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = p, .dp_hi = p, .icmp_type = -1, .icmp_code = -1, .alg = a }
#define UDP(n, p, a)	{ .name = n, .proto = IPPROTO_UDP, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = p, .dp_hi = p, .icmp_type = -1, .icmp_code = -1, .alg = a }
#define TCPR(n, lo, hi)	{ .name = n, .proto = IPPROTO_TCP, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = lo, .dp_hi = hi, .icmp_type = -1, .icmp_code = -1 }
#define UDPR(n, lo, hi)	{ .name = n, .proto = IPPROTO_UDP, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = lo, .dp_hi = hi, .icmp_type = -1, .icmp_code = -1 }
/* one term of a predefined application with several */
#define TERM(n, t, pr, p, a) { .name = n, .term = t, .proto = pr, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = p, .dp_hi = p, .icmp_type = -1, .icmp_code = -1, .alg = a }
#define ICMPC(n, pr, t, c) { .name = n, .proto = pr, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = 0, .dp_hi = 65535, .icmp_type = t, .icmp_code = c }
/* a protocol, any port */
#define PROTO(n, pr)	{ .name = n, .proto = pr, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = 0, .dp_hi = 65535, .icmp_type = -1, .icmp_code = -1 }
#define ICMP(n, pr, t)	{ .name = n, .proto = pr, .sp_lo = 0, .sp_hi = 65535, \
			  .dp_lo = 0, .dp_hi = 65535, .icmp_type = t, .icmp_code = -1 }

/*
 * Sorted by name (binary search); the terms of one application follow each
 * other.  Timeouts: protocol defaults.  Reference: the junos-defaults
 * group of Junos (show configuration groups junos-defaults applications).
 */
static const struct sxf_app predefined[] = {
	TCPR("junos-aol", 5190, 5193),
	TCP("junos-bgp", 179, NULL),
	UDP("junos-biff", 512, NULL),
	UDP("junos-bootpc", 68, NULL),
	UDP("junos-bootps", 67, NULL),
	UDP("junos-chargen", 19, NULL),
	TCP("junos-cvspserver", 2401, NULL),
	UDP("junos-dhcp-client", 68, NULL),
	UDP("junos-dhcp-relay", 67, NULL),
	UDP("junos-dhcp-server", 67, NULL),
	UDP("junos-discard", 9, NULL),
	TCP("junos-dns-tcp", 53, "dns"),
	UDP("junos-dns-udp", 53, "dns"),
	UDP("junos-echo", 7, NULL),
	TCP("junos-finger", 79, NULL),
	TCP("junos-ftp", 21, "ftp"),
	TCP("junos-ftp-data", 20, NULL),
	UDPR("junos-gnutella", 6346, 6347),
	TCP("junos-gopher", 70, NULL),
	UDP("junos-gprs-gtp-c", 2123, NULL),
	UDP("junos-gprs-gtp-u", 2152, NULL),
	UDP("junos-gprs-gtp-v0", 3386, NULL),
	PROTO("junos-gre", IPPROTO_GRE),
	TCP("junos-http", 80, NULL),
	TCP("junos-http-ext", 7001, NULL),
	TCP("junos-https", 443, NULL),
	ICMP("junos-icmp-all", IPPROTO_ICMP, -1),
	ICMP("junos-icmp-ping", IPPROTO_ICMP, 8),
	ICMP("junos-icmp6-all", IPPROTO_ICMPV6, -1),
	ICMPC("junos-icmp6-dst-unreach-addr", IPPROTO_ICMPV6, 1, 3),
	ICMPC("junos-icmp6-dst-unreach-admin", IPPROTO_ICMPV6, 1, 1),
	ICMPC("junos-icmp6-dst-unreach-beyond", IPPROTO_ICMPV6, 1, 2),
	ICMPC("junos-icmp6-dst-unreach-port", IPPROTO_ICMPV6, 1, 4),
	ICMPC("junos-icmp6-dst-unreach-route", IPPROTO_ICMPV6, 1, 0),
	ICMP("junos-icmp6-echo-reply", IPPROTO_ICMPV6, 129),
	ICMP("junos-icmp6-echo-request", IPPROTO_ICMPV6, 128),
	ICMPC("junos-icmp6-packet-too-big", IPPROTO_ICMPV6, 2, 0),
	ICMPC("junos-icmp6-param-prob-header", IPPROTO_ICMPV6, 4, 0),
	ICMPC("junos-icmp6-param-prob-nexthdr", IPPROTO_ICMPV6, 4, 1),
	ICMPC("junos-icmp6-param-prob-option", IPPROTO_ICMPV6, 4, 2),
	ICMPC("junos-icmp6-time-exceed-reassembly", IPPROTO_ICMPV6, 3, 1),
	ICMPC("junos-icmp6-time-exceed-transit", IPPROTO_ICMPV6, 3, 0),
	TCP("junos-ident", 113, NULL),
	UDP("junos-ike", 500, "ike-esp-nat"),
	UDP("junos-ike-nat", 4500, "ike-esp-nat"),
	TCP("junos-imap", 143, NULL),
	TCP("junos-imaps", 993, NULL),
	TCP("junos-internet-locator-service", 389, NULL),
	TCPR("junos-irc", 6660, 6669),
	UDP("junos-l2tp", 1701, NULL),
	TCP("junos-ldap", 389, NULL),
	TCP("junos-ldp-tcp", 646, NULL),
	UDP("junos-ldp-udp", 646, NULL),
	TCP("junos-lpr", 515, NULL),
	TCP("junos-mail", 25, NULL),
	UDP("junos-mgcp-ca", 2727, "mgcp-ca"),
	UDP("junos-mgcp-ua", 2427, "mgcp-ua"),
	TCP("junos-ms-rpc-tcp", 135, "ms-rpc"),
	UDP("junos-ms-rpc-udp", 135, "ms-rpc"),
	TCP("junos-ms-sql", 1433, NULL),
	TCP("junos-msn", 1863, NULL),
	UDP("junos-nbds", 138, NULL),
	UDP("junos-nbname", 137, NULL),
	TCP("junos-netbios-session", 139, NULL),
	TCP("junos-netconf", 830, NULL),
	TCP("junos-nntp", 119, NULL),
	UDP("junos-ntalk", 518, NULL),
	UDP("junos-ntp", 123, NULL),
	PROTO("junos-ospf", 89),
	UDP("junos-pc-anywhere", 5632, NULL),
	ICMP("junos-ping", IPPROTO_ICMP, 8),
	ICMP("junos-pingv6", IPPROTO_ICMPV6, 128),
	TCP("junos-pop3", 110, NULL),
	TCP("junos-pptp", 1723, "pptp"),
	TCP("junos-printer", 515, NULL),
	UDP("junos-r2cp", 28672, NULL),
	UDP("junos-radacct", 1813, NULL),
	UDP("junos-radius", 1812, NULL),
	TCP("junos-rdp", 3389, NULL),
	UDP("junos-rip", 520, NULL),
	TCP("junos-rsh", 514, "rsh"),
	TCP("junos-rtsp", 554, "rtsp"),
	TCP("junos-sccp", 2000, "sccp"),
	PROTO("junos-sctp-any", IPPROTO_SCTP),
	TERM("junos-sip", "t1", IPPROTO_UDP, 5060, "sip"),
	TERM("junos-sip", "t2", IPPROTO_TCP, 5060, "sip"),
	TERM("junos-smb", "t1", IPPROTO_TCP, 139, NULL),
	TERM("junos-smb", "t2", IPPROTO_TCP, 445, NULL),
	TCP("junos-smb-session", 445, NULL),
	TCP("junos-smtp", 25, NULL),
	TCP("junos-smtps", 465, NULL),
	UDP("junos-snmp-agentx", 161, NULL),
	TCP("junos-snpp", 444, NULL),
	UDP("junos-sql-monitor", 1434, NULL),
	TCP("junos-sqlnet-v1", 1525, "sqlnet"),
	TCP("junos-sqlnet-v2", 1521, "sqlnet-v2"),
	TCP("junos-ssh", 22, NULL),
	TCP("junos-sun-rpc-tcp", 111, "sun-rpc"),
	UDP("junos-sun-rpc-udp", 111, "sun-rpc"),
	UDP("junos-syslog", 514, NULL),
	TCP("junos-tacacs", 49, NULL),
	TCP("junos-tacacs-ds", 65, NULL),
	UDP("junos-talk", 517, NULL),
	{ .name = "junos-tcp-any", .proto = IPPROTO_TCP, .sp_hi = 65535, .dp_hi = 65535,
	  .icmp_type = -1, .icmp_code = -1 },
	TCP("junos-telnet", 23, NULL),
	UDP("junos-tftp", 69, "tftp"),
	{ .name = "junos-udp-any", .proto = IPPROTO_UDP, .sp_hi = 65535, .dp_hi = 65535,
	  .icmp_type = -1, .icmp_code = -1 },
	UDP("junos-uucp", 540, NULL),
	UDPR("junos-vdo-live", 7000, 7010),
	TCP("junos-vnc", 5800, NULL),
	TCP("junos-wais", 210, NULL),
	UDP("junos-who", 513, NULL),
	TCP("junos-whois", 43, NULL),
	TCP("junos-winframe", 1494, NULL),
	TCPR("junos-x-windows", 6000, 6063),
	TCP("junos-xnm-clear-text", 3221, NULL),
	TCP("junos-xnm-ssl", 3220, NULL),
};

static int cmp_name(const void *key, const void *elt)
{
	return strcmp(key, ((const struct sxf_app *)elt)->name);
}

/* The first term of a predefined application and how many it has; NULL: none. */
const struct sxf_app *sxf_predefined_app(const char *name, u32 *nterms)
{
	const struct sxf_app *a, *end = predefined + ARRAY_SIZE(predefined);
	u32 n = 1;

	a = bsearch(name, predefined, ARRAY_SIZE(predefined), sizeof(predefined[0]), cmp_name);
	if (!a)
		return NULL;
	while (a > predefined && !strcmp(a[-1].name, name))
		a--;
	while (a + n < end && !strcmp(a[n].name, name))
		n++;
	*nterms = n;
	return a;
}

/* predefined application-sets: their member applications, NULL-terminated */
static const struct {
	const char *name;
	const char *const members[5];
} predefined_sets[] = {
	{ "junos-cifs", { "junos-netbios-session", "junos-smb-session" } },
	{ "junos-ms-rpc", { "junos-ms-rpc-tcp", "junos-ms-rpc-udp" } },
	{ "junos-ms-rpc-any", { "junos-ms-rpc-tcp", "junos-ms-rpc-udp" } },
	{ "junos-sun-rpc", { "junos-sun-rpc-tcp", "junos-sun-rpc-udp" } },
	{ "junos-sun-rpc-any", { "junos-sun-rpc-tcp", "junos-sun-rpc-udp" } },
};

const char *const *sxf_predefined_set(const char *name)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(predefined_sets); i++)
		if (!strcmp(predefined_sets[i].name, name))
			return predefined_sets[i].members;
	return NULL;
}

/* the i-th predefined application-set (for APP_GET), NULL past the last */
const char *const *sxf_predefined_sets(u32 i, const char **name)
{
	if (i >= ARRAY_SIZE(predefined_sets))
		return NULL;
	*name = predefined_sets[i].name;
	return predefined_sets[i].members;
}

const struct sxf_app *sxf_predefined_apps(u32 *n)
{
	*n = ARRAY_SIZE(predefined);
	return predefined;
}

bool sxf_app_match(const struct sxf_app *app, u8 proto, u16 sport, u16 dport,
		   u8 icmp_type, u8 icmp_code)
{
	if (app->any_proto)
		return true;
	if (app->proto != proto)
		return false;
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_SCTP:
		return sport >= app->sp_lo && sport <= app->sp_hi &&
		       dport >= app->dp_lo && dport <= app->dp_hi;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return (app->icmp_type < 0 || app->icmp_type == icmp_type) &&
		       (app->icmp_code < 0 || app->icmp_code == icmp_code);
	default:
		return true;
	}
}
