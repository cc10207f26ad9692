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
	UDP("junos-bootpc", 68, NULL),
	UDP("junos-bootps", 67, NULL),
	UDP("junos-dhcp-client", 68, NULL),
	UDP("junos-dhcp-relay", 67, NULL),
	UDP("junos-dhcp-server", 67, NULL),
	TCP("junos-dns-tcp", 53, "dns"),
	UDP("junos-dns-udp", 53, "dns"),
	TCP("junos-finger", 79, NULL),
	TCP("junos-ftp", 21, "ftp"),
	UDPR("junos-gnutella", 6346, 6347),
	TCP("junos-gopher", 70, NULL),
	TCP("junos-http", 80, NULL),
	TCP("junos-https", 443, NULL),
	ICMP("junos-icmp-all", IPPROTO_ICMP, -1),
	ICMP("junos-icmp-ping", IPPROTO_ICMP, 8),
	ICMP("junos-icmp6-all", IPPROTO_ICMPV6, -1),
	UDP("junos-ike", 500, "ike-esp-nat"),
	UDP("junos-ike-nat", 4500, "ike-esp-nat"),
	TCP("junos-imap", 143, NULL),
	TCP("junos-ldap", 389, NULL),
	TCP("junos-ms-rpc-tcp", 135, "ms-rpc"),
	UDP("junos-ms-rpc-udp", 135, "ms-rpc"),
	TCP("junos-ms-sql", 1433, NULL),
	TCP("junos-msn", 1863, NULL),
	TCP("junos-netbios-session", 139, NULL),
	TCP("junos-netconf", 830, NULL),
	UDP("junos-ntp", 123, NULL),
	UDP("junos-pc-anywhere", 5632, NULL),
	ICMP("junos-ping", IPPROTO_ICMP, 8),
	ICMP("junos-pingv6", IPPROTO_ICMPV6, 128),
	TCP("junos-pop3", 110, NULL),
	TCP("junos-rdp", 3389, NULL),
	TERM("junos-smb", "t1", IPPROTO_TCP, 139, NULL),
	TERM("junos-smb", "t2", IPPROTO_TCP, 445, NULL),
	TCP("junos-smb-session", 445, NULL),
	TCP("junos-smtp", 25, NULL),
	UDP("junos-snmp-agentx", 161, NULL),
	TCP("junos-ssh", 22, NULL),
	TCP("junos-sun-rpc-tcp", 111, "sun-rpc"),
	UDP("junos-sun-rpc-udp", 111, "sun-rpc"),
	UDP("junos-syslog", 514, NULL),
	{ .name = "junos-tcp-any", .proto = IPPROTO_TCP, .sp_hi = 65535, .dp_hi = 65535,
	  .icmp_type = -1, .icmp_code = -1 },
	TCP("junos-telnet", 23, NULL),
	UDP("junos-tftp", 69, "tftp"),
	{ .name = "junos-udp-any", .proto = IPPROTO_UDP, .sp_hi = 65535, .dp_hi = 65535,
	  .icmp_type = -1, .icmp_code = -1 },
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
