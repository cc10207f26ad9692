// SPDX-License-Identifier: GPL-2.0
/*
 * Typed configuration values: parse and canonicalise what the user typed,
 * encode canonical values into netlink attributes and decode them back.
 * Canonical text is what `show configuration` prints, so a round trip
 * through the kernel reproduces it exactly.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>
#include <linux/srxflow.h>
#include "schema.h"
#include "util.h"
#include "values.h"

struct named_num {
	const char *name;
	unsigned int num;
};

/* Junos well-known port names (subset) */
static const struct named_num port_names[] = {
	{ "bgp", 179 }, { "biff", 512 }, { "bootpc", 68 }, { "bootps", 67 },
	{ "cmd", 514 }, { "dhcp", 67 }, { "domain", 53 }, { "exec", 512 },
	{ "finger", 79 }, { "ftp", 21 }, { "ftp-data", 20 }, { "http", 80 },
	{ "https", 443 }, { "ident", 113 }, { "imap", 143 },
	{ "kerberos-sec", 88 }, { "ldap", 389 }, { "ldp", 646 },
	{ "login", 513 }, { "msdp", 639 }, { "netbios-dgm", 138 },
	{ "netbios-ns", 137 }, { "netbios-ssn", 139 }, { "nfsd", 2049 },
	{ "nntp", 119 }, { "ntp", 123 }, { "pop3", 110 }, { "pptp", 1723 },
	{ "printer", 515 }, { "radacct", 1813 }, { "radius", 1812 },
	{ "rip", 520 }, { "smtp", 25 }, { "snmp", 161 }, { "snmptrap", 162 },
	{ "socks", 1080 }, { "ssh", 22 }, { "sunrpc", 111 }, { "syslog", 514 },
	{ "tacacs", 49 }, { "talk", 517 }, { "telnet", 23 }, { "tftp", 69 },
	{ "xdmcp", 177 }, { NULL, 0 },
};

/* IP protocols by name; the canonical spelling is the name */
static const struct named_num proto_names[] = {
	{ "icmp", 1 }, { "igmp", 2 }, { "ipip", 4 }, { "tcp", 6 }, { "egp", 8 },
	{ "udp", 17 }, { "rsvp", 46 }, { "gre", 47 }, { "esp", 50 },
	{ "ah", 51 }, { "icmp6", 58 }, { "ospf", 89 }, { "pim", 103 },
	{ "vrrp", 112 }, { "sctp", 132 }, { NULL, 0 },
};

/* ICMP type names (IPv4) */
static const struct named_num icmp_names[] = {
	{ "echo-reply", 0 }, { "unreachable", 3 }, { "source-quench", 4 },
	{ "redirect", 5 }, { "echo-request", 8 }, { "router-advertisement", 9 },
	{ "router-solicit", 10 }, { "time-exceeded", 11 },
	{ "parameter-problem", 12 }, { "timestamp", 13 },
	{ "timestamp-reply", 14 }, { "info-request", 15 }, { "info-reply", 16 },
	{ "mask-request", 17 }, { "mask-reply", 18 }, { NULL, 0 },
};

static const struct named_num *find_name(const struct named_num *t, const char *s)
{
	for (; t->name; t++)
		if (!strcmp(t->name, s))
			return t;
	return NULL;
}

const char *proto_name(unsigned int proto, char *buf, size_t size)
{
	const struct named_num *t;

	for (t = proto_names; t->name; t++)
		if (t->num == proto)
			return t->name;
	snprintf(buf, size, "%u", proto);
	return buf;
}

bool proto_parse(const char *s, unsigned int *proto)
{
	const struct named_num *t = find_name(proto_names, s);

	if (t) {
		*proto = t->num;
		return true;
	}
	return parse_u32(s, proto) && *proto <= 255;
}

/* "10.0.0.0/8", "2001:db8::/32", "10.1.1.1" (host prefix) */
bool prefix_parse(const char *s, struct srxflow_prefix *p, bool allow_len)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	unsigned int plen;
	int maxlen;

	memset(p, 0, sizeof(*p));
	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		if (!allow_len)
			return false;
		*slash++ = '\0';
	}
	if (inet_pton(AF_INET, buf, p->addr) == 1) {
		p->family = AF_INET;
		maxlen = 32;
	} else if (inet_pton(AF_INET6, buf, p->addr) == 1) {
		p->family = AF_INET6;
		maxlen = 128;
	} else {
		return false;
	}
	if (slash) {
		if (!parse_u32(slash, &plen) || plen > (unsigned int)maxlen)
			return false;
	} else {
		plen = (unsigned int)maxlen;
	}
	p->plen = (uint8_t)plen;
	return true;
}

const char *addr_str(const struct srxflow_prefix *p, char *buf, size_t size)
{
	if (!inet_ntop(p->family == AF_INET6 ? AF_INET6 : AF_INET, p->addr, buf,
		       (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

const char *prefix_str(const struct srxflow_prefix *p, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, size, "%s/%u", addr_str(p, a, sizeof(a)), p->plen);
	return buf;
}

/* "80", "1024-65535", "http" -> SRXFLOW_PORTS(lo, hi) */
bool ports_parse(const char *s, uint32_t *out)
{
	const struct named_num *t = find_name(port_names, s);
	unsigned int lo, hi;
	char buf[32];
	char *dash;

	if (t) {
		*out = SRXFLOW_PORTS(t->num, t->num);
		return true;
	}
	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (dash)
		*dash++ = '\0';
	if (!parse_u32(buf, &lo) || lo > 65535)
		return false;
	hi = lo;
	if (dash && (!parse_u32(dash, &hi) || hi > 65535 || hi < lo))
		return false;
	*out = SRXFLOW_PORTS(lo, hi);
	return true;
}

const char *ports_str(uint32_t r, char *buf, size_t size)
{
	if (SRXFLOW_PORT_LO(r) == SRXFLOW_PORT_HI(r))
		snprintf(buf, size, "%u", SRXFLOW_PORT_LO(r));
	else
		snprintf(buf, size, "%u-%u", SRXFLOW_PORT_LO(r), SRXFLOW_PORT_HI(r));
	return buf;
}

/* names: include/uapi/linux/srxflow.h (ASCII only, whatever the locale) */
static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (!n || n >= max)
		return false;
	if (!name_char(s[0]) && s[0] != '_')
		return false;
	for (; *s; s++)
		if (!name_char(*s) && !strchr("._-/:", *s))
			return false;
	return true;
}

/* a Linux device name, printable ASCII */
static bool devname_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n >= SRXFLOW_IFNAME_MAX || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || *s <= ' ' || *s > '~')
			return false;
	return true;
}

/* a Junos physical interface: a letter, then letters, digits, '/', ':', '_', '-' */
static bool ifd_ok(const char *s)
{
	if (strlen(s) >= SRXFLOW_IFD_NAME_MAX || !isalpha((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("/:_-", *s))
			return false;
	return true;
}

/* a zone's interface: a Linux device, or a Junos name IFD or IFD.UNIT */
static bool ifname_ok(const char *s)
{
	const char *dot = strrchr(s, '.');
	char ifd[SRXFLOW_IFD_NAME_MAX];

	if (devname_ok(s))
		return true;
	if (!dot)
		return ifd_ok(s);
	if ((size_t)(dot - s) >= sizeof(ifd) || !dot[1] || strlen(dot + 1) > 10)
		return false;
	for (const char *p = dot + 1; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	memcpy(ifd, s, (size_t)(dot - s));
	ifd[dot - s] = '\0';
	return ifd_ok(ifd);
}

static int enum_index(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static void size_canon(unsigned long long v, char *out, size_t n)
{
	if (v && !(v % (1ULL << 30)))
		snprintf(out, n, "%llug", v >> 30);
	else if (v && !(v % (1ULL << 20)))
		snprintf(out, n, "%llum", v >> 20);
	else if (v && !(v % 1024))
		snprintf(out, n, "%lluk", v >> 10);
	else
		snprintf(out, n, "%llu", v);
}

bool size_parse(const char *s, unsigned long long *v)
{
	char buf[32];
	size_t n = strlen(s);
	unsigned long long mul = 1;

	if (!n || n >= sizeof(buf))
		return false;
	strcpy(buf, s);
	switch (tolower((unsigned char)buf[n - 1])) {
	case 'k': mul = 1ULL << 10; break;
	case 'm': mul = 1ULL << 20; break;
	case 'g': mul = 1ULL << 30; break;
	}
	if (mul != 1)
		buf[n - 1] = '\0';
	if (!parse_u64(buf, v) || *v > (~0ULL) / mul)
		return false;
	*v *= mul;
	return true;
}

static const char *num_canon(const struct snode *sn, uint32_t v, char *out, size_t n);

/* snprintf(out, n, "%s", in) without the formatting machinery */
static void copy_str(char *out, size_t n, const char *in)
{
	size_t len = strlen(in);

	if (len >= n)
		len = n - 1;
	memcpy(out, in, len);
	out[len] = '\0';
}

bool value_parse(const struct snode *sn, const char *in, char *out, size_t outsz,
		 char *err, size_t errsz)
{
	const char *what = snode_name(sn);
	char desc[256];
	struct srxflow_prefix p;
	unsigned long long v;
	unsigned int u;
	uint32_t r;
	int i;

	switch (sn->vt) {
	case VT_NAME:
		if (!name_ok(in, SRXFLOW_NAME_MAX))
			goto bad;
		copy_str(out, outsz, in);
		return true;
	case VT_IFNAME:
		if (!ifname_ok(in))
			goto bad;
		copy_str(out, outsz, in);
		return true;
	case VT_IFD:
		if (!ifd_ok(in))
			goto bad;
		copy_str(out, outsz, in);
		return true;
	case VT_DEVNAME:
		if (!devname_ok(in))
			goto bad;
		copy_str(out, outsz, in);
		return true;
	case VT_TEXT:
		if (strlen(in) > 255 || strchr(in, '"') || strchr(in, '\n'))
			goto bad;
		snprintf(out, outsz, "%s", in);
		return true;
	case VT_UINT:
		if (!parse_u64(in, &v) || v < sn->min || v > sn->max)
			goto range;
		snprintf(out, outsz, "%llu", v);
		return true;
	case VT_SIZE:
		if (!size_parse(in, &v) || v < sn->min || v > sn->max)
			goto range;
		size_canon(v, out, outsz);
		return true;
	case VT_TIMEOUT:
		if (!strcmp(in, "never")) {
			snprintf(out, outsz, "never");
			return true;
		}
		if (!parse_u64(in, &v) || v < sn->min || v > sn->max)
			goto range;
		snprintf(out, outsz, "%llu", v);
		return true;
	case VT_PREFIX:
		if (!prefix_parse(in, &p, true))
			goto bad;
		prefix_str(&p, out, outsz);
		return true;
	case VT_ADDR:
		if (!prefix_parse(in, &p, false))
			goto bad;
		addr_str(&p, out, outsz);
		return true;
	case VT_PORTS:
		if (!ports_parse(in, &r))
			goto bad;
		ports_str(r, out, outsz);
		return true;
	case VT_PROTO: {
		char nb[8];

		if (!proto_parse(in, &u))
			goto bad;
		snprintf(out, outsz, "%s", proto_name(u, nb, sizeof(nb)));
		return true;
	}
	case VT_ICMP:
		if (find_name(icmp_names, in)) {
			snprintf(out, outsz, "%s", in);
			return true;
		}
		if (!parse_u32(in, &u) || u > 255)
			goto bad;
		num_canon(sn, u, out, outsz);	/* a number with a name: the name */
		return true;
	case VT_ENUM:
		i = enum_index(sn->enums, in);
		if (i < 0)
			goto bad;
		copy_str(out, outsz, sn->enums[i]);
		return true;
	case VT_NONE:
		break;
	}
bad:
	snprintf(err, errsz, "invalid value '%s' for %s, expecting %s", in, what,
		 vtype_desc(sn, desc, sizeof(desc)));
	return false;
range:
	snprintf(err, errsz, "value '%s' for %s is out of range, expecting %s", in,
		 what, vtype_desc(sn, desc, sizeof(desc)));
	return false;
}

/* numeric value of a canonical enum/icmp/proto/uint text */
static uint32_t canon_num(const struct snode *sn, const char *canon)
{
	const struct named_num *t;
	unsigned long long v = 0;
	unsigned int u = 0;

	switch (sn->vt) {
	case VT_ENUM:
		return (uint32_t)enum_index(sn->enums, canon);
	case VT_PROTO:
		proto_parse(canon, &u);
		return u;
	case VT_ICMP:
		t = find_name(icmp_names, canon);
		if (t)
			return t->num;
		parse_u32(canon, &u);
		return u;
	case VT_TIMEOUT:
		if (!strcmp(canon, "never"))
			return SRXFLOW_TIMEOUT_NEVER;
		parse_u32(canon, &u);
		return u;
	case VT_SIZE:
		size_parse(canon, &v);
		return (uint32_t)v;
	case VT_PORTS: {
		uint32_t r = 0;

		ports_parse(canon, &r);
		return r;
	}
	default:
		parse_u32(canon, &u);
		return u;
	}
}

void value_put(struct nlmsghdr *nlh, uint16_t attr, enum nltype nlt,
	       const struct snode *sn, const char *canon)
{
	struct srxflow_prefix p;

	switch (nlt) {
	case NLT_STR:
		mnl_attr_put_strz(nlh, attr, canon);
		break;
	case NLT_U8:
		mnl_attr_put_u8(nlh, attr, (uint8_t)canon_num(sn, canon));
		break;
	case NLT_U32:
		mnl_attr_put_u32(nlh, attr, canon_num(sn, canon));
		break;
	case NLT_PREFIX:
		prefix_parse(canon, &p, true);
		mnl_attr_put(nlh, attr, sizeof(p), &p);
		break;
	default:
		break;
	}
}

static const char *num_canon(const struct snode *sn, uint32_t v, char *out, size_t n)
{
	const struct named_num *t;

	switch (sn->vt) {
	case VT_ENUM: {
		int cnt = 0;

		while (sn->enums[cnt])
			cnt++;
		if (v >= (uint32_t)cnt)
			return NULL;
		snprintf(out, n, "%s", sn->enums[v]);
		return out;
	}
	case VT_PROTO: {
		char nb[8];

		snprintf(out, n, "%s", proto_name(v, nb, sizeof(nb)));
		return out;
	}
	case VT_ICMP:
		/* the kernel keeps numbers; prefer the name when it has one */
		for (t = icmp_names; t->name; t++)
			if (t->num == v) {
				snprintf(out, n, "%s", t->name);
				return out;
			}
		snprintf(out, n, "%u", v);
		return out;
	case VT_TIMEOUT:
		if (v == SRXFLOW_TIMEOUT_NEVER)
			snprintf(out, n, "never");
		else
			snprintf(out, n, "%u", v);
		return out;
	case VT_SIZE:
		size_canon(v, out, n);
		return out;
	case VT_PORTS:
		return ports_str(v, out, n);
	default:
		snprintf(out, n, "%u", v);
		return out;
	}
}

const char *value_get(const struct nlattr *a, enum nltype nlt,
		      const struct snode *sn, char *out, size_t n)
{
	const struct srxflow_prefix *p;

	switch (nlt) {
	case NLT_STR:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			return NULL;
		snprintf(out, n, "%s", mnl_attr_get_str(a));
		return out;
	case NLT_U8:
		if (mnl_attr_get_payload_len(a) != 1)
			return NULL;
		return num_canon(sn, mnl_attr_get_u8(a), out, n);
	case NLT_U32:
		if (mnl_attr_get_payload_len(a) != 4)
			return NULL;
		return num_canon(sn, mnl_attr_get_u32(a), out, n);
	case NLT_PREFIX:
		if (mnl_attr_get_payload_len(a) != sizeof(*p))
			return NULL;
		p = mnl_attr_get_payload(a);
		if (sn->vt == VT_ADDR)
			return addr_str(p, out, n);
		return prefix_str(p, out, n);
	default:
		return NULL;
	}
}
