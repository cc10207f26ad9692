// SPDX-License-Identifier: GPL-2.0
/*
 * host-inbound-traffic: which packets to the router itself an interface
 * accepts.  System services and protocols map to IP protocols and ports
 * as on Junos.  Neighbour discovery (and ARP, which is not IP) always works.
 */
#include <linux/in.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/socket.h>
#include <net/ndisc.h>
#include "engine.h"

struct svc_map {
	u8 proto;		/* 0: any of tcp/udp */
	u16 lo, hi;		/* destination ports */
};

#define P(pr, l, h) { .proto = pr, .lo = l, .hi = h }

/* per enum srxflow_service: up to 3 (protocol, port range) entries */
static const struct svc_map svc_ports[__SRXFLOW_SVC_MAX][3] = {
	[SRXFLOW_SVC_BOOTP]	= { P(IPPROTO_UDP, 67, 68) },
	[SRXFLOW_SVC_DHCP]	= { P(IPPROTO_UDP, 67, 68) },
	[SRXFLOW_SVC_DHCPV6]	= { P(IPPROTO_UDP, 546, 547) },
	[SRXFLOW_SVC_DNS]	= { P(IPPROTO_UDP, 53, 53), P(IPPROTO_TCP, 53, 53) },
	[SRXFLOW_SVC_FINGER]	= { P(IPPROTO_TCP, 79, 79) },
	[SRXFLOW_SVC_FTP]	= { P(IPPROTO_TCP, 21, 21) },
	[SRXFLOW_SVC_HTTP]	= { P(IPPROTO_TCP, 80, 80) },
	[SRXFLOW_SVC_HTTPS]	= { P(IPPROTO_TCP, 443, 443) },
	[SRXFLOW_SVC_IDENT_RESET] = { P(IPPROTO_TCP, 113, 113) },
	[SRXFLOW_SVC_IKE]	= { P(IPPROTO_UDP, 500, 500), P(IPPROTO_UDP, 4500, 4500) },
	[SRXFLOW_SVC_NETCONF]	= { P(IPPROTO_TCP, 830, 830) },
	[SRXFLOW_SVC_NTP]	= { P(IPPROTO_UDP, 123, 123) },
	[SRXFLOW_SVC_RLOGIN]	= { P(IPPROTO_TCP, 513, 513) },
	[SRXFLOW_SVC_RSH]	= { P(IPPROTO_TCP, 514, 514) },
	[SRXFLOW_SVC_SNMP]	= { P(IPPROTO_UDP, 161, 161) },
	[SRXFLOW_SVC_SNMP_TRAP]	= { P(IPPROTO_UDP, 162, 162) },
	[SRXFLOW_SVC_SSH]	= { P(IPPROTO_TCP, 22, 22) },
	[SRXFLOW_SVC_TELNET]	= { P(IPPROTO_TCP, 23, 23) },
	[SRXFLOW_SVC_TFTP]	= { P(IPPROTO_UDP, 69, 69) },
	[SRXFLOW_SVC_TRACEROUTE] = { P(IPPROTO_UDP, 33434, 33534) },
	[SRXFLOW_SVC_XNM_CLEAR_TEXT] = { P(IPPROTO_TCP, 3221, 3221) },
	[SRXFLOW_SVC_XNM_SSL]	= { P(IPPROTO_TCP, 3220, 3220) },
	[SRXFLOW_SVC_SYSLOG]	= { P(IPPROTO_UDP, 514, 514) },
};

static const struct svc_map proto_ports[__SRXFLOW_HPROTO_MAX][3] = {
	[SRXFLOW_HPROTO_BFD]	= { P(IPPROTO_UDP, 3784, 3785), P(IPPROTO_UDP, 4784, 4784) },
	[SRXFLOW_HPROTO_BGP]	= { P(IPPROTO_TCP, 179, 179) },
	[SRXFLOW_HPROTO_DVMRP]	= { P(IPPROTO_IGMP, 0, 65535) },
	[SRXFLOW_HPROTO_IGMP]	= { P(IPPROTO_IGMP, 0, 65535) },
	[SRXFLOW_HPROTO_LDP]	= { P(IPPROTO_TCP, 646, 646), P(IPPROTO_UDP, 646, 646) },
	[SRXFLOW_HPROTO_MSDP]	= { P(IPPROTO_TCP, 639, 639) },
	[SRXFLOW_HPROTO_OSPF]	= { P(89, 0, 65535) },
	[SRXFLOW_HPROTO_OSPF3]	= { P(89, 0, 65535) },
	[SRXFLOW_HPROTO_PIM]	= { P(IPPROTO_PIM, 0, 65535) },
	[SRXFLOW_HPROTO_RIP]	= { P(IPPROTO_UDP, 520, 520) },
	[SRXFLOW_HPROTO_RIPNG]	= { P(IPPROTO_UDP, 521, 521) },
	[SRXFLOW_HPROTO_RSVP]	= { P(IPPROTO_RSVP, 0, 65535) },
	[SRXFLOW_HPROTO_VRRP]	= { P(112, 0, 65535) },
};

static bool map_match(const struct svc_map *m, const struct sxf_pkt *p)
{
	u16 dport = ntohs(p->t.dport);
	int i;

	for (i = 0; i < 3 && m[i].hi; i++) {
		if (m[i].proto != p->proto)
			continue;
		if (p->proto != IPPROTO_TCP && p->proto != IPPROTO_UDP)
			return true;
		if (dport >= m[i].lo && dport <= m[i].hi)
			return true;
	}
	return false;
}

static bool is_ping(const struct sxf_pkt *p)
{
	return (p->proto == IPPROTO_ICMP && p->icmp_type == ICMP_ECHO) ||
	       (p->proto == IPPROTO_ICMPV6 && p->icmp_type == ICMPV6_ECHO_REQUEST);
}

/* Neighbour discovery and MLD always work, as ARP does for IPv4. */
bool sxf_host_always_allowed(const struct sxf_pkt *p)
{
	if (p->proto != IPPROTO_ICMPV6)
		return false;
	switch (p->icmp_type) {
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		return true;
	}
	return false;
}

bool sxf_host_inbound_allowed(const struct sxf_zone_if *zif, const struct sxf_pkt *p)
{
	const struct sxf_hostin *hi = &zif->eff;
	unsigned int i;

	if (hi->services & BIT_ULL(SRXFLOW_SVC_PING) && is_ping(p))
		return true;
	if ((hi->protocols & BIT(SRXFLOW_HPROTO_ROUTER_DISCOVERY)) && p->proto == IPPROTO_ICMP &&
	    (p->icmp_type == 9 || p->icmp_type == 10)) /* router advertisement, solicitation */
		return true;
	/*
	 * ndp: neighbour discovery, router solicitation to redirect (133-137),
	 * which sxf_host_always_allowed() lets in anyway; never ICMPv6 as a
	 * whole (echo is ping's, node information nobody's).
	 */
	if ((hi->protocols & BIT(SRXFLOW_HPROTO_NDP)) && p->proto == IPPROTO_ICMPV6 &&
	    p->icmp_type >= NDISC_ROUTER_SOLICITATION && p->icmp_type <= NDISC_REDIRECT)
		return true;
	for (i = 0; i < __SRXFLOW_SVC_MAX; i++)
		if ((hi->services & BIT_ULL(i)) && map_match(svc_ports[i], p))
			return true;
	for (i = 0; i < __SRXFLOW_HPROTO_MAX; i++) {
		if (!(hi->protocols & BIT(i)))
			continue;
		if (i == SRXFLOW_HPROTO_OSPF && p->family != AF_INET)
			continue;
		if (i == SRXFLOW_HPROTO_OSPF3 && p->family != AF_INET6)
			continue;
		if (map_match(proto_ports[i], p))
			return true;
	}
	/*
	 * "any-service" also covers every other port and what has none
	 * (e.g. icmp), except what a service listed with except would have
	 * let in: `any-service; ssh except` keeps tcp/22 out
	 */
	if (!(hi->services & BIT_ULL(SRXFLOW_SVC_ANY_SERVICE)))
		return false;
	for (i = 0; i < __SRXFLOW_SVC_MAX; i++)
		if ((hi->svc_except & BIT_ULL(i)) &&
		    (i == SRXFLOW_SVC_PING ? is_ping(p) : map_match(svc_ports[i], p)))
			return false;
	return true;
}
