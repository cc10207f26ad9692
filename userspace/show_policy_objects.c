// SPDX-License-Identifier: GPL-2.0
/*
 * The objects a policy names, resolved for the device's detail layouts:
 *
 *   Source addresses:
 *     any-ipv4(global): 0.0.0.0/0
 *     web(global): 192.0.2.10/32
 *   Application: junos-dns-udp
 *     IP protocol: udp, ALG: dns, Inactivity timeout: 60
 *       Source port range: [0-0]
 *       Destination port range: [53-53]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/genetlink.h>
#include "show_policy_objects.h"
#include "util.h"
#include "values.h"

#define DEPTH_MAX 16	/* sets of sets: the configuration forbids loops anyway */

struct paddr {
	char *book, *name, *text;	/* book: a zone's name, NULL global */
	bool set;
	char **members;			/* sets: addresses, then sets */
	bool *member_is_set;
	int nmembers;
};

struct pterm {
	bool has_proto, has_itype, has_icode;
	unsigned int proto, itype, icode;
	uint32_t sport, dport, timeout;
	bool has_sport, has_dport, has_timeout;
	char alg[32];
};

struct papp {
	char *name;
	bool set;
	char **members;
	int nmembers;
	struct pterm *terms;
	int nterms;
	uint32_t timeout;		/* the application's, for terms without */
	bool has_timeout;
	int seq;			/* decode order: configured before predefined */
};

struct pobjs {
	struct paddr *a;
	int na;
	struct papp *p;
	int np;
};

struct pobjs *pobjs_new(void)
{
	return xcalloc(1, sizeof(struct pobjs));
}

void pobjs_free(struct pobjs *o)
{
	int i, k;

	if (!o)
		return;
	for (i = 0; i < o->na; i++) {
		free(o->a[i].book);
		free(o->a[i].name);
		free(o->a[i].text);
		for (k = 0; k < o->a[i].nmembers; k++)
			free(o->a[i].members[k]);
		free(o->a[i].members);
		free(o->a[i].member_is_set);
	}
	for (i = 0; i < o->np; i++) {
		free(o->p[i].name);
		for (k = 0; k < o->p[i].nmembers; k++)
			free(o->p[i].members[k]);
		free(o->p[i].members);
		free(o->p[i].terms);
	}
	free(o->a);
	free(o->p);
	free(o);
}

static struct paddr *new_addr(struct pobjs *o)
{
	o->a = xrealloc(o->a, sizeof(*o->a) * (size_t)(o->na + 1));
	memset(&o->a[o->na], 0, sizeof(o->a[0]));
	return &o->a[o->na++];
}

static struct papp *new_app(struct pobjs *o)
{
	o->p = xrealloc(o->p, sizeof(*o->p) * (size_t)(o->np + 1));
	memset(&o->p[o->np], 0, sizeof(o->p[0]));
	o->p[o->np].seq = o->np;
	return &o->p[o->np++];
}

static void add_member(char ***v, bool **is_set, int *n, const char *name, bool set)
{
	*v = xrealloc(*v, sizeof(**v) * (size_t)(*n + 1));
	(*v)[*n] = xstrdup(name);
	if (is_set) {
		*is_set = xrealloc(*is_set, sizeof(**is_set) * (size_t)(*n + 1));
		(*is_set)[*n] = set;
	}
	(*n)++;
}

static void decode_address(struct pobjs *o, const struct nlattr *obj)
{
	const struct srxflow_prefix *lo = NULL, *hi = NULL;
	struct paddr *ad = new_addr(o);
	char b1[64], b2[64];
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, obj) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_ADDR_ZONE:
			ad->book = xstrdup(mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_ADDR_NAME:
			ad->name = xstrdup(mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_ADDR_PREFIX:
			if (mnl_attr_get_payload_len(a) >= sizeof(struct srxflow_prefix))
				ad->text = xstrdup(prefix_str(mnl_attr_get_payload(a), b1, sizeof(b1)));
			break;
		case SRXFLOW_A_ADDR_RANGE_LO:
			if (mnl_attr_get_payload_len(a) >= sizeof(struct srxflow_prefix))
				lo = mnl_attr_get_payload(a);
			break;
		case SRXFLOW_A_ADDR_RANGE_HI:
			if (mnl_attr_get_payload_len(a) >= sizeof(struct srxflow_prefix))
				hi = mnl_attr_get_payload(a);
			break;
		}
	}
	if (!ad->text && lo && hi)
		ad->text = xasprintf("%s-%s", addr_str(lo, b1, sizeof(b1)),
				     addr_str(hi, b2, sizeof(b2)));
	if (!ad->name)
		ad->name = xstrdup("");
}

static void decode_address_set(struct pobjs *o, const struct nlattr *obj)
{
	struct paddr *ad = new_addr(o);
	const struct nlattr *a;

	ad->set = true;
	mnl_attr_for_each_nested(a, obj) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_ASET_ZONE:
			ad->book = xstrdup(mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_ASET_NAME:
			ad->name = xstrdup(mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_ASET_ADDRESS:
		case SRXFLOW_A_ASET_SET:
			add_member(&ad->members, &ad->member_is_set, &ad->nmembers,
				   mnl_attr_get_str(a), mnl_attr_get_type(a) == SRXFLOW_A_ASET_SET);
			break;
		}
	}
	if (!ad->name)
		ad->name = xstrdup("");
}

/* the match statements of an application or of one term: same layout */
static void decode_match(struct pterm *t, unsigned int type, const struct nlattr *a, bool term)
{
	/* SRXFLOW_A_APP_PROTOCOL.. and SRXFLOW_A_TERM_PROTOCOL.. are in the same order */
	unsigned int base = term ? SRXFLOW_A_TERM_PROTOCOL : SRXFLOW_A_APP_PROTOCOL;

	switch (type - base) {
	case 0:
		t->proto = mnl_attr_get_u8(a);
		t->has_proto = true;
		break;
	case 1:
		t->sport = mnl_attr_get_u32(a);
		t->has_sport = true;
		break;
	case 2:
		t->dport = mnl_attr_get_u32(a);
		t->has_dport = true;
		break;
	case 3:
		t->itype = mnl_attr_get_u8(a);
		t->has_itype = true;
		break;
	case 4:
		t->icode = mnl_attr_get_u8(a);
		t->has_icode = true;
		break;
	case 5:
		t->timeout = mnl_attr_get_u32(a);
		t->has_timeout = true;
		break;
	}
}

static void decode_app(struct pobjs *o, const struct nlattr *obj)
{
	struct papp *ap = new_app(o);
	struct pterm top = { 0 };
	const struct nlattr *a, *b;
	bool has_match = false;

	mnl_attr_for_each_nested(a, obj) {
		unsigned int t = mnl_attr_get_type(a);

		switch (t) {
		case SRXFLOW_A_APP_NAME:
			ap->name = xstrdup(mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_APP_PROTOCOL:
		case SRXFLOW_A_APP_SPORT:
		case SRXFLOW_A_APP_DPORT:
		case SRXFLOW_A_APP_ICMP_TYPE:
		case SRXFLOW_A_APP_ICMP_CODE:
			has_match = true;
			decode_match(&top, t, a, false);
			break;
		case SRXFLOW_A_APP_TIMEOUT:
			ap->timeout = mnl_attr_get_u32(a);
			ap->has_timeout = true;
			break;
		case SRXFLOW_A_APP_ALG:
			snprintf(top.alg, sizeof(top.alg), "%s", mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_APP_TERM: {
			struct pterm term = { 0 };

			mnl_attr_for_each_nested(b, a) {
				unsigned int u = mnl_attr_get_type(b);

				if (u == SRXFLOW_A_TERM_ALG)
					snprintf(term.alg, sizeof(term.alg), "%s",
						 mnl_attr_get_str(b));
				else if (u >= SRXFLOW_A_TERM_PROTOCOL && u <= SRXFLOW_A_TERM_TIMEOUT)
					decode_match(&term, u, b, true);
			}
			ap->terms = xrealloc(ap->terms, sizeof(*ap->terms) * (size_t)(ap->nterms + 1));
			ap->terms[ap->nterms++] = term;
			break;
		}
		}
	}
	if (has_match || !ap->nterms) {
		ap->terms = xrealloc(ap->terms, sizeof(*ap->terms) * (size_t)(ap->nterms + 1));
		memmove(ap->terms + 1, ap->terms, sizeof(*ap->terms) * (size_t)ap->nterms);
		ap->terms[0] = top;
		ap->nterms++;
	}
	if (!ap->name)
		ap->name = xstrdup("");
	/* a predefined application comes one term per object: merge them */
	if (o->np >= 2 && !has_match && ap->nterms == 1 && !o->p[o->np - 2].set &&
	    !strcmp(o->p[o->np - 2].name, ap->name)) {
		struct papp *prev = &o->p[o->np - 2];

		prev->terms = xrealloc(prev->terms, sizeof(*prev->terms) * (size_t)(prev->nterms + 1));
		prev->terms[prev->nterms++] = ap->terms[0];
		free(ap->terms);
		free(ap->name);
		o->np--;
	}
}

static void decode_app_set(struct pobjs *o, const struct nlattr *obj)
{
	struct papp *ap = new_app(o);
	const struct nlattr *a;

	ap->set = true;
	mnl_attr_for_each_nested(a, obj) {
		switch (mnl_attr_get_type(a)) {
		case SRXFLOW_A_APPSET_NAME:
			ap->name = xstrdup(mnl_attr_get_str(a));
			break;
		case SRXFLOW_A_APPSET_APP:
		case SRXFLOW_A_APPSET_SET:
			add_member(&ap->members, NULL, &ap->nmembers, mnl_attr_get_str(a), false);
			break;
		}
	}
	if (!ap->name)
		ap->name = xstrdup("");
}

void pobjs_decode(struct pobjs *o, const struct nlattr *a)
{
	switch (mnl_attr_get_type(a)) {
	case SRXFLOW_A_CFG_ADDRESS:
		decode_address(o, a);
		break;
	case SRXFLOW_A_CFG_ADDRESS_SET:
		decode_address_set(o, a);
		break;
	case SRXFLOW_A_CFG_APPLICATION:
		decode_app(o, a);
		break;
	case SRXFLOW_A_CFG_APPLICATION_SET:
		decode_app_set(o, a);
		break;
	}
}

static int predefined_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		pobjs_decode(data, a);
	return 0;
}

int pobjs_load_predefined(struct pobjs *o, struct nl *nl)
{
	struct nlreq req;
	int err;

	nlreq_init(nl, &req, SRXFLOW_CMD_APP_GET, NLM_F_DUMP);
	err = nl_talk(nl, &req, predefined_cb, o);
	nlreq_free(&req);
	return err;
}

static int cmp_addr(const void *x, const void *y)
{
	return strcmp(((const struct paddr *)x)->name, ((const struct paddr *)y)->name);
}

static int cmp_app(const void *x, const void *y)
{
	const struct papp *a = x, *b = y;
	int d = strcmp(a->name, b->name);

	/* equal names: configured (decoded first) before predefined */
	return d ? d : a->seq - b->seq;
}

void pobjs_finish(struct pobjs *o)
{
	if (o->na)
		qsort(o->a, (size_t)o->na, sizeof(*o->a), cmp_addr);
	if (o->np)
		qsort(o->p, (size_t)o->np, sizeof(*o->p), cmp_app);
}

/* the first address named name (sorted by name), o->na if none */
static int first_addr(const struct pobjs *o, const char *name)
{
	int lo = 0, hi = o->na;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (strcmp(o->a[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* the address NAME as the policy of zone sees it: its zone's book, then global */
static const struct paddr *find_addr(const struct pobjs *o, const char *name, const char *zone)
{
	const struct paddr *global = NULL;
	int i;

	for (i = first_addr(o, name); i < o->na; i++) {
		if (strcmp(o->a[i].name, name))
			break;
		if (!o->a[i].book)
			global = &o->a[i];
		else if (zone && !strcmp(o->a[i].book, zone))
			return &o->a[i];
	}
	return global;
}

static void print_addr(const struct pobjs *o, const char *name, const char *zone, int depth)
{
	const struct paddr *ad;
	int i;

	if (!strcmp(name, "any") || !strcmp(name, "any-ipv4"))
		printf("    any-ipv4(global): 0.0.0.0/0\n");
	if (!strcmp(name, "any") || !strcmp(name, "any-ipv6"))
		printf("    any-ipv6(global): ::/0\n");
	if (!strcmp(name, "any") || !strcmp(name, "any-ipv4") || !strcmp(name, "any-ipv6"))
		return;
	ad = find_addr(o, name, zone);
	if (!ad) {
		printf("    %s\n", name);
		return;
	}
	if (!ad->set) {
		printf("    %s(%s): %s\n", ad->name, ad->book ? ad->book : "global",
		       ad->text ? ad->text : "");
		return;
	}
	if (depth >= DEPTH_MAX)
		return;
	for (i = 0; i < ad->nmembers; i++)
		print_addr(o, ad->members[i], zone, depth + 1);
}

void pobjs_print_addresses(const struct pobjs *o, const char *name, const char *zone)
{
	print_addr(o, name, zone, 0);
}

static const struct papp *find_app(const struct pobjs *o, const char *name)
{
	int i;

	int lo = 0, hi = o->np;

	/* the first of equal names: the configured one */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (strcmp(o->p[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	return i < o->np && !strcmp(o->p[i].name, name) ? &o->p[i] : NULL;
}

/* Junos prints the protocol by name for tcp and udp, by number otherwise */
static void print_proto(unsigned int proto)
{
	if (proto == IPPROTO_TCP)
		printf("tcp");
	else if (proto == IPPROTO_UDP)
		printf("udp");
	else
		printf("%u", proto);
}

static uint32_t default_timeout(unsigned int proto)
{
	switch (proto) {
	case IPPROTO_TCP: return 1800;
	case IPPROTO_UDP:
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: return 60;
	}
	return 1800;
}

static void print_range(const char *label, bool has, uint32_t r)
{
	unsigned int lo = r >> 16, hi = r & 0xffff;

	/* any port is [0-0] on the device */
	if (!has || (lo == 0 && hi == 65535))
		lo = hi = 0;
	printf("      %s: [%u-%u]\n", label, lo, hi);
}

static void print_term(const struct papp *ap, const struct pterm *t)
{
	uint32_t to = t->has_timeout ? t->timeout : ap->has_timeout ? ap->timeout :
		      default_timeout(t->proto);

	printf("    IP protocol: ");
	print_proto(t->has_proto ? t->proto : 0);
	printf(", ALG: %s, Inactivity timeout: ", t->alg[0] ? t->alg : "0");
	if (to == SRXFLOW_TIMEOUT_NEVER)
		printf("never\n");
	else
		printf("%u\n", to);
	if (t->has_proto && (t->proto == IPPROTO_ICMP || t->proto == IPPROTO_ICMPV6)) {
		printf("      ICMP Information: type=%u, code=%u\n",
		       t->has_itype ? t->itype : 255, t->has_icode ? t->icode : 0);
		return;
	}
	print_range("Source port range", t->has_sport, t->sport);
	print_range("Destination port range", t->has_dport, t->dport);
}

static void print_app(const struct pobjs *o, const char *name, int depth, bool ports_any)
{
	const struct papp *ap = strcmp(name, "any") ? find_app(o, name) : NULL;
	int i;

	if (ap && ap->set) {
		if (depth >= DEPTH_MAX)
			return;
		for (i = 0; i < ap->nmembers; i++)
			print_app(o, ap->members[i], depth + 1, ports_any);
		return;
	}
	printf("  Application: %s\n", name);
	if (!ap) {
		/* any: every protocol, no timeout of its own */
		printf("    IP protocol: 0, ALG: 0, Inactivity timeout: 0\n");
		printf("      Source port range: [0-0]\n");
		printf("      Destination %s: [0-0]\n", ports_any ? "ports" : "port range");
		return;
	}
	for (i = 0; i < ap->nterms; i++)
		print_term(ap, &ap->terms[i]);
}

void pobjs_print_application(const struct pobjs *o, const char *name, bool ports_any)
{
	print_app(o, name, 0, ports_any);
}
