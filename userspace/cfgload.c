// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a whole Junos configuration (see cfgload.h): groups expanded,
 * other hierarchies skipped, unbuilt security features refused by name.
 * Works on the statements ctext_parse() gives for either form of text.
 */
#include <fnmatch.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cfgload.h"
#include "util.h"

static int memcmp_tok(char **a, char **b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], b[i]))
			return 1;
	return 0;
}

/* a statement as one line, for messages */
static const char *stmt_str(const struct ctext_stmt *s)
{
	static char buf[600];
	size_t off;
	int j;

	off = (size_t)snprintf(buf, sizeof(buf), "%s", ctext_verb_name(s->verb));
	for (j = 0; j < s->ntok && off < sizeof(buf); j++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, " %s", s->tok[j]);
	return buf;
}

/*
 * A whole Junos configuration (display set form, or the statements the
 * hierarchical form gives): what srxflow does with each statement.
 *
 *   groups / apply-groups   expanded: the statements of each applied group
 *                           (under the path of the apply-groups statement)
 *                           are inherited; explicit statements win; a
 *                           <wildcard> path element applies to each object
 *                           that exists; apply-groups-except excludes
 *                           groups at a level and below
 *   security, applications  applied; a statement srxflow does not implement
 *                           is an error naming it (nothing is applied)
 *   interfaces              `interfaces IFD unit N linux-device DEV` applied
 *                           (the name binding); the rest skipped
 *   system, chassis, ...    hierarchies Linux configures elsewhere: skipped,
 *                           one warning per hierarchy with a count
 *   configure, commit, exit CLI session words of a pasted script: skipped
 */
static const char *const skipped_hierarchies[] = {
	"version", "system", "chassis", "services", "snmp", "routing-options",
	"protocols", "policy-options", "routing-instances", "firewall",
	"class-of-service", "forwarding-options", "event-options", "vlans",
	"bridge-domains", "access", "access-profile", "poe", "switch-options",
	"ethernet-switching-options", "multi-chassis", "virtual-chassis",
	"logical-systems", "tenants", "smtp", "schedulers", "jsrc", "diameter",
	"dynamic-profiles", "multicast-snooping-options", "accounting-options",
	"interfaces", NULL,
};

/* security hierarchies of Junos that srxflow has not built */
static const struct {
	const char *kw, *feature;
} unsupported_security[] = {
	{ "ike", "IPsec VPN (IKE)" },
	{ "ipsec", "IPsec VPN" }, { "alg", "ALGs other than ftp and tftp" }, { "utm", "UTM" },
	{ "idp", "IDP" }, { "application-tracking", "AppTrack" },
	{ "pki", "PKI" },
	{ "key-manager", "key manager" }, { "ssl", "SSL proxy" },
	{ "dynamic-address", "dynamic address feeds" },
	{ "user-identification", "user firewall" }, { "gprs", "GPRS" },
	{ NULL, NULL },
};

/* security nat statements srxflow has not built (the rest of NAT is) */
static const struct {
	const char *path, *feature;
} unsupported_nat[] = {
	{ "source port-randomization", "NAT port randomization" },
	{ "source interface", "NAT interface port overloading" },
	{ "source pool-default-port-range", "NAT default port range" },
	{ "source persistent-nat", "persistent NAT" },
	{ NULL, NULL },
};

/* index in unsupported_nat of a security nat statement, or -1 */
static int nat_unbuilt(char **tok, int ntok)
{
	char path[256] = "";
	int k, i;

	if (ntok < 3 || strcmp(tok[0], "security") || strcmp(tok[1], "nat"))
		return -1;
	for (i = 2; i < ntok && i < 5; i++) {
		if (strlen(path) + strlen(tok[i]) + 2 > sizeof(path))
			break;
		if (i > 2)
			strcat(path, " ");
		strcat(path, tok[i]);
		for (k = 0; unsupported_nat[k].path; k++)
			if (!strcmp(path, unsupported_nat[k].path))
				return k;
	}
	return -1;
}

struct skipcount {
	const char *what;
	int n, first_line;
};

static void skip_note(struct skipcount *sc, int *nsc, const char *what, int line)
{
	int i;

	for (i = 0; i < *nsc; i++)
		if (!strcmp(sc[i].what, what)) {
			sc[i].n++;
			return;
		}
	sc[*nsc] = (struct skipcount){ what, 1, line };
	(*nsc)++;
}

static bool in_list(const char *const *v, const char *s)
{
	for (; *v; v++)
		if (!strcmp(*v, s))
			return true;
	return false;
}

/* the group names of an apply-groups value: NAME or [ NAME ... ] */
static int group_names(char **tok, int ntok, char ***names)
{
	if (ntok >= 1 && strcmp(tok[0], "[")) {
		*names = tok;
		return ntok == 1 ? 1 : -1;
	}
	if (ntok < 3 || strcmp(tok[ntok - 1], "]"))
		return -1;
	*names = tok + 1;
	return ntok - 2;
}

/* a group's wildcard path element: <PATTERN> (shell patterns: * ? [...]) */
static bool is_wild(const char *t)
{
	size_t n = strlen(t);

	return n >= 3 && t[0] == '<' && t[n - 1] == '>';
}

/* group token g (a word, or <PATTERN>) against configuration word w */
static bool tok_match(const char *g, const char *w)
{
	char pat[256];
	size_t n;

	if (!is_wild(g))
		return !strcmp(g, w);
	n = strlen(g) - 2;
	if (n >= sizeof(pat))
		return false;
	memcpy(pat, g + 1, n);
	pat[n] = 0;
	return !fnmatch(pat, w, 0);
}

static bool toks_match(char **g, char **w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!tok_match(g[i], w[i]))
			return false;
	return true;
}

/* where a statement's apply-groups-except is, or -1 */
static int except_at(const struct ctext_stmt *c)
{
	int j;

	for (j = 0; j < c->ntok; j++)
		if (!strcmp(c->tok[j], "apply-groups-except"))
			return j;
	return -1;
}

/*
 * Is inheriting statement t (n words) from group excluded by an
 * apply-groups-except at one of its levels?
 */
static bool excepted(const struct ctext *exc, const char *group, char **t, int n)
{
	char **names;
	int i, k, at, ng;

	for (i = 0; i < exc->n; i++) {
		const struct ctext_stmt *e = &exc->v[i];

		at = except_at(e);
		if (at > n || memcmp_tok(e->tok, t, at))
			continue;
		ng = group_names(e->tok + at + 1, e->ntok - at - 1, &names);
		for (k = 0; k < ng; k++)
			if (!strcmp(names[k], group))
				return true;
	}
	return false;
}

/*
 * Inherit group statement g (words after "groups NAME"): as it is, or,
 * with <wildcards> in its path, once for each object of the configuration
 * (cs, explicit statements) the wildcards match (Junos applies a wildcard
 * to the objects that exist; it creates none).  Returns how many
 * statements were added to out.
 */
static int inherit(struct ctext *out, const struct ctext *cs, const struct ctext *exc,
		   const char *group, const struct ctext_stmt *g)
{
	char **gt = g->tok + 2, **t;
	int gn = g->ntok - 2, last = -1, i, j, k, n = 0;
	int *seen, nseen = 0;

	for (i = 0; i < gn; i++)
		if (is_wild(gt[i]))
			last = i;
	if (last < 0) {
		if (excepted(exc, group, gt, gn))
			return 0;
		ctext_add(out, g->verb, gt, gn, g->line);
		return 1;
	}
	seen = xmalloc(sizeof(*seen) * (size_t)(cs->n + 1));
	t = xmalloc(sizeof(*t) * (size_t)gn);
	for (j = 0; j < cs->n; j++) {
		const struct ctext_stmt *c = &cs->v[j];

		if (!c->tok || c->verb != CT_SET || c->ntok <= last + 1 ||
		    !toks_match(gt, c->tok, last + 1))
			continue;
		for (k = 0; k < nseen; k++)
			if (!memcmp_tok(cs->v[seen[k]].tok, c->tok, last + 1))
				break;
		if (k < nseen)
			continue;	/* that object was done already */
		seen[nseen++] = j;
		for (i = 0; i < gn; i++)
			t[i] = i <= last ? c->tok[i] : gt[i];
		if (excepted(exc, group, t, gn))
			continue;
		ctext_add(out, g->verb, t, gn, g->line);
		n++;
	}
	free(t);
	free(seen);
	return n;
}

static void cs_take(struct ctext *dst, struct ctext_stmt *c)
{
	if (dst->n == dst->cap) {
		dst->cap = dst->cap ? dst->cap * 2 : 64;
		dst->v = xrealloc(dst->v, sizeof(*dst->v) * (size_t)dst->cap);
	}
	dst->v[dst->n++] = *c;
	c->tok = NULL;
}

static void change_drop(struct ctext_stmt *c)
{
	if (c->tok)
		tokens_free(c->tok, c->ntok);
	c->tok = NULL;
}

/* Is c the name binding `interfaces IFD unit N linux-device DEV`? */
static bool is_binding(const struct ctext_stmt *c)
{
	return c->ntok == 6 && !strcmp(c->tok[0], "interfaces") &&
	       !strcmp(c->tok[2], "unit") && !strcmp(c->tok[4], "linux-device");
}

/*
 * Expand groups, skip what Linux configures elsewhere, refuse what
 * srxflow does not implement.  0, or -1 after printing the errors.
 */
int cfg_load_prepare(struct ctext *cs, const char *file)
{
	struct ctext groups = { 0 }, out = { 0 }, except = { 0 };
	struct skipcount sc[64];
	int nsc = 0, i, j, k, err = 0, applied = 0, skipped = 0, inherited = 0;

	/* 1. group definitions out of the way */
	for (i = 0; i < cs->n; i++) {
		struct ctext_stmt *c = &cs->v[i];

		if (c->ntok && !strcmp(c->tok[0], "groups")) {
			if (c->verb == CT_SET && c->ntok >= 3)
				cs_take(&groups, c);
			else
				skip_note(sc, &nsc, "groups", c->line);
		}
	}
	/* apply-groups-except: what a level and the levels below do not inherit */
	for (i = 0; i < cs->n; i++) {
		struct ctext_stmt *c = &cs->v[i];
		char **names;
		int at;

		if (!c->tok || (at = except_at(c)) < 0)
			continue;
		if (c->verb != CT_SET || group_names(c->tok + at + 1, c->ntok - at - 1, &names) < 0) {
			fprintf(stderr, "srxflow: %s:%d: error: apply-groups-except: expecting a group name or [ names ]\n  %s\n",
				file, c->line, stmt_str(c));
			err = -1;
			change_drop(c);
			continue;
		}
		cs_take(&except, c);
	}
	/* 2. apply-groups: inherited statements first, so explicit ones win */
	for (i = 0; i < cs->n; i++) {
		struct ctext_stmt *c = &cs->v[i];
		char **names;
		int at = -1, ng;

		if (!c->tok)
			continue;
		for (j = 0; j < c->ntok; j++)
			if (!strcmp(c->tok[j], "apply-groups")) {
				at = j;
				break;
			}
		if (at < 0)
			continue;
		ng = group_names(c->tok + at + 1, c->ntok - at - 1, &names);
		if (c->verb != CT_SET || ng < 0) {
			fprintf(stderr, "srxflow: %s:%d: error: apply-groups: expecting a group name or [ names ]\n  %s\n",
				file, c->line, stmt_str(c));
			err = -1;
			change_drop(c);
			continue;
		}
		/* the first group named has priority: apply it last */
		for (k = ng - 1; k >= 0; k--) {
			bool found = false;

			if (!strcmp(names[k], "junos-defaults")) {
				found = true;	/* predefined: always there */
			} else if (strchr(names[k], '$')) {
				fprintf(stderr, "srxflow: %s:%d: warning: apply-groups %s: a chassis cluster node variable, not expanded (its groups are not applied)\n",
					file, c->line, names[k]);
				found = true;
			}
			for (j = 0; j < groups.n; j++) {
				struct ctext_stmt *g = &groups.v[j];

				if (strcmp(g->tok[1], names[k]))
					continue;
				found = true;
				/* under the path of a nested apply-groups only */
				if (g->ntok - 2 < at || !toks_match(g->tok + 2, c->tok, at))
					continue;
				inherited += inherit(&out, cs, &except, names[k], g);
			}
			if (!found) {
				fprintf(stderr, "srxflow: %s:%d: error: apply-groups %s: group is not defined\n  %s\n",
					file, c->line, names[k], stmt_str(c));
				err = -1;
			}
		}
		change_drop(c);
	}
	for (i = 0; i < cs->n; i++)
		if (cs->v[i].tok)
			cs_take(&out, &cs->v[i]);
	/* 3. what srxflow applies, skips or refuses */
	for (i = 0; i < out.n; i++) {
		struct ctext_stmt *c = &out.v[i];
		const char *top;

		if (!c->tok)
			continue;	/* counted with the first of its hierarchy */
		top = c->ntok ? c->tok[0] : "";

		if (nat_unbuilt(c->tok, c->ntok) >= 0) {
			int u = nat_unbuilt(c->tok, c->ntok), n = 0, first = c->line;

			if (c->verb == CT_DELETE) {
				skip_note(sc, &nsc, "delete security (unbuilt features)", c->line);
				change_drop(c);
				skipped++;
				continue;
			}
			for (j = i; j < out.n; j++)
				if (out.v[j].tok && out.v[j].verb != CT_DELETE &&
				    nat_unbuilt(out.v[j].tok, out.v[j].ntok) == u) {
					if (!n)
						first = out.v[j].line;
					n++;
					if (j > i)
						change_drop(&out.v[j]);
				}
			fprintf(stderr, "srxflow: %s:%d: error: security nat %s: not supported by srxflow (%s is not built yet); %d statement%s\n  %s\n",
				file, first, unsupported_nat[u].path, unsupported_nat[u].feature, n,
				n == 1 ? "" : "s", stmt_str(c));
			change_drop(c);
			err = -1;
			continue;
		}
		if (!strcmp(top, "security") && c->ntok >= 2) {
			for (k = 0; unsupported_security[k].kw; k++)
				if (unsupported_security[k].feature &&
				    !strcmp(c->tok[1], unsupported_security[k].kw) &&
				    /* the FTP and TFTP ALGs are built */
				    !(!strcmp(c->tok[1], "alg") && c->ntok >= 3 &&
				      (!strcmp(c->tok[2], "ftp") || !strcmp(c->tok[2], "tftp"))))
					break;
			if (unsupported_security[k].kw && c->verb == CT_DELETE) {
				/* nothing of it can be configured: nothing to delete */
				skip_note(sc, &nsc, "delete security (unbuilt features)", c->line);
				change_drop(c);
				skipped++;
				continue;
			}
			if (unsupported_security[k].kw) {
				int n = 0, first = c->line;

				/* one error per hierarchy, with its count */
				for (j = i; j < out.n; j++)
					if (out.v[j].tok && out.v[j].ntok >= 2 &&
					    out.v[j].verb != CT_DELETE &&
					    !strcmp(out.v[j].tok[0], "security") &&
					    !strcmp(out.v[j].tok[1], c->tok[1])) {
						if (!n)
							first = out.v[j].line;
						n++;
						if (j > i)
							change_drop(&out.v[j]);
					}
				fprintf(stderr, "srxflow: %s:%d: error: security %s: not supported by srxflow (%s is not built yet); %d statement%s\n  %s\n",
					file, first, c->tok[1], unsupported_security[k].feature, n,
					n == 1 ? "" : "s", stmt_str(c));
				change_drop(c);
				err = -1;
				continue;
			}
		}
		if (!strcmp(top, "interfaces") && is_binding(c)) {
			applied++;
			continue;
		}
		if (in_list(skipped_hierarchies, top)) {
			skip_note(sc, &nsc, top, c->line);
			change_drop(c);
			skipped++;
			continue;
		}
		if (c->tok)
			applied++;
	}
	for (i = 0; i < cs->n; i++)
		change_drop(&cs->v[i]);
	free(cs->v);
	cs->v = NULL;
	cs->n = cs->cap = 0;
	for (i = 0; i < out.n; i++)
		if (out.v[i].tok)
			cs_take(cs, &out.v[i]);
	free(out.v);
	for (i = 0; i < groups.n; i++)
		change_drop(&groups.v[i]);
	free(groups.v);
	for (i = 0; i < except.n; i++)
		change_drop(&except.v[i]);
	free(except.v);
	for (i = 0; i < nsc; i++)
		fprintf(stderr, "srxflow: %s:%d: warning: %s: %d statement%s skipped (not configured by srxflow)\n",
			file, sc[i].first_line, sc[i].what, sc[i].n, sc[i].n == 1 ? "" : "s");
	if (cs->session_words)
		fprintf(stderr, "srxflow: %s: warning: %d CLI session line%s (configure, commit, exit) skipped\n",
			file, cs->session_words, cs->session_words == 1 ? "" : "s");
	if (nsc || inherited)
		fprintf(stderr, "srxflow: %s: %d statement%s to apply, %d skipped (%d inherited from groups)\n",
			file, applied, applied == 1 ? "" : "s", skipped, inherited);
	return err;
}
