// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the Junos configuration text (cfgtext.c): the
 * hierarchical printer, the parser of both forms, inactive:/annotations,
 * replace: tags, edit/up/top in set form, and the round trip
 * set lines -> tree -> hierarchical -> tree -> set lines.
 */
#include <stdlib.h>
#include <string.h>
#include "../../userspace/cfgtext.h"
#include "../../userspace/cfgload.h"
#include "../../userspace/cfgtree.h"
#include "../../userspace/util.h"
#include "ktap.h"

static const char *realistic =
	"set security address-book global address web1 192.0.2.10/32\n"
	"set security address-book global address web2 range-address 192.0.2.20 to 192.0.2.29\n"
	"set security address-book global address v6net 2001:db8::/32\n"
	"set security address-book global address v6net description \"IPv6 {lab}; net\"\n"
	"set security address-book global address-set inner address web1\n"
	"set security address-book global address-set outer address web1\n"
	"set security address-book global address-set outer address web2\n"
	"set security flow traceoptions file fw-trace\n"
	"set security flow traceoptions file size 1m\n"
	"set security flow traceoptions file files 3\n"
	"set security flow traceoptions flag basic-datapath\n"
	"set security flow tcp-session time-wait-state\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match source-address any\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match destination-address outer\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match application junos-http\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match application junos-https\n"
	"set security policies from-zone trust to-zone untrust policy allow-web then permit\n"
	"set security policies from-zone trust to-zone untrust policy allow-web then log session-init\n"
	"set security policies from-zone trust to-zone untrust policy p2 match source-address any\n"
	"set security policies from-zone trust to-zone untrust policy p2 match destination-address any\n"
	"set security policies from-zone trust to-zone untrust policy p2 match application any\n"
	"set security policies from-zone trust to-zone untrust policy p2 then deny\n"
	"deactivate security policies from-zone trust to-zone untrust policy p2\n"
	"annotate security policies from-zone trust to-zone untrust policy p2 \"was: deny all\"\n"
	"set security zones security-zone trust description \"inside hosts\"\n"
	"deactivate security zones security-zone trust description\n"
	"set security zones security-zone trust host-inbound-traffic system-services ping\n"
	"set security zones security-zone trust host-inbound-traffic system-services ssh except\n"
	"set security zones security-zone trust interfaces eth0\n"
	"set security zones security-zone untrust interfaces eth1\n"
	"set applications application my-web protocol tcp\n"
	"set applications application my-web destination-port 8080-8090\n";

static const char *expected_hier =
	"security {\n"
	"    address-book {\n"
	"        global {\n"
	"            address web1 192.0.2.10/32;\n"
	"            address web2 {\n"
	"                range-address 192.0.2.20 {\n"
	"                    to 192.0.2.29;\n"
	"                }\n"
	"            }\n"
	"            address v6net {\n"
	"                2001:db8::/32;\n"
	"                description \"IPv6 {lab}; net\";\n"
	"            }\n"
	"            address-set inner {\n"
	"                address web1;\n"
	"            }\n"
	"            address-set outer {\n"
	"                address [ web1 web2 ];\n"
	"            }\n"
	"        }\n"
	"    }\n"
	"    flow {\n"
	"        traceoptions {\n"
	"            file fw-trace size 1m files 3;\n"
	"            flag basic-datapath;\n"
	"        }\n"
	"        tcp-session {\n"
	"            time-wait-state;\n"
	"        }\n"
	"    }\n"
	"    policies {\n"
	"        from-zone trust to-zone untrust {\n"
	"            policy allow-web {\n"
	"                match {\n"
	"                    source-address any;\n"
	"                    destination-address outer;\n"
	"                    application [ junos-http junos-https ];\n"
	"                }\n"
	"                then {\n"
	"                    permit;\n"
	"                    log {\n"
	"                        session-init;\n"
	"                    }\n"
	"                }\n"
	"            }\n"
	"            /* was: deny all */\n"
	"            inactive: policy p2 {\n"
	"                match {\n"
	"                    source-address any;\n"
	"                    destination-address any;\n"
	"                    application any;\n"
	"                }\n"
	"                then {\n"
	"                    deny;\n"
	"                }\n"
	"            }\n"
	"        }\n"
	"    }\n"
	"    zones {\n"
	"        security-zone trust {\n"
	"            inactive: description \"inside hosts\";\n"
	"            host-inbound-traffic {\n"
	"                system-services {\n"
	"                    ping;\n"
	"                    ssh {\n"
	"                        except;\n"
	"                    }\n"
	"                }\n"
	"            }\n"
	"            interfaces {\n"
	"                eth0;\n"
	"            }\n"
	"        }\n"
	"        security-zone untrust {\n"
	"            interfaces {\n"
	"                eth1;\n"
	"            }\n"
	"        }\n"
	"    }\n"
	"}\n"
	"applications {\n"
	"    application my-web {\n"
	"        protocol tcp;\n"
	"        destination-port 8080-8090;\n"
	"    }\n"
	"}\n";

/* as pasted from a real SRX: comments, tags, other spacing */
static const char *pasted =
	"## Last commit: 2024-05-06 06:33:42 PDT by admin\n"
	"version 21.4R3-S4;\n"
	"security {\n"
	"    /* the web servers */\n"
	"    address-book { global { address web1 192.0.2.10/32; } }\n"
	"    policies {\n"
	"        from-zone trust to-zone untrust {\n"
	"            policy p1 {\n"
	"                match { source-address any; destination-address [ web1 ];\n"
	"                        application \"any\"; }   # trailing comment\n"
	"                then { permit; }\n"
	"            }\n"
	"        }\n"
	"    }\n"
	"    zones {\n"
	"        replace: security-zone trust {\n"
	"            interfaces { eth0; }\n"
	"        }\n"
	"        protect: security-zone untrust;\n"
	"    }\n"
	"}\n";

static char *set_text_of(const char *text, enum ctext_mode mode, struct cnode *root,
			 char *err, size_t errsz)
{
	struct ctext t = { 0 };
	struct stmt_err serr;
	int i;

	if (ctext_parse(text, "t", &t, err, errsz)) {
		ctext_free(&t);
		return NULL;
	}
	for (i = 0; i < t.n; i++)
		if (ctext_apply(root, &t.v[i], mode, &serr)) {
			snprintf(err, errsz, "line %d: %s", t.v[i].line, serr.msg);
			ctext_free(&t);
			return NULL;
		}
	ctext_free(&t);
	return ctree_set_text(root);
}

static char *hier_of(const struct cnode *n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ctext_print(f, n, 0);
	fclose(f);
	return buf;
}

int main(void)
{
	struct cnode *a = ctree_new(), *b = ctree_new(), *c, *act;
	char err[600], *s1, *h, *s2, *s3;
	struct ctext t = { 0 };

	KTAP_PLAN(21);

	OK(!ctext_is_hierarchical("# x\nset a b\n"), "set form detected");
	OK(!ctext_is_hierarchical("/* c */ edit security\n"), "edit starts the set form");
	OK(ctext_is_hierarchical("## Last commit\nsecurity {\n}\n"), "hierarchical form detected");

	s1 = set_text_of(realistic, CTEXT_MERGE, a, err, sizeof(err));
	OK(s1 != NULL, "set lines with deactivate/annotate apply (%s)", s1 ? "ok" : err);
	STREQ(s1, realistic, "display set prints them back in order");
	h = hier_of(a);
	STREQ(h, expected_hier, "hierarchical output as Junos prints it");
	s2 = set_text_of(h, CTEXT_MERGE, b, err, sizeof(err));
	STREQ(s2, s1, "hierarchical text loads back to the identical configuration");
	s3 = hier_of(b);
	STREQ(s3, h, "and prints the same hierarchical text");
	act = ctree_clone(a, true);
	free(s2);
	s2 = ctree_set_text(act);
	OK(!strstr(s2, "policy p2") && !strstr(s2, "inside hosts") && !strstr(s2, "annotate"),
	   "the active projection drops inactive statements and annotations");
	OK(!ctree_has_meta(act) && ctree_has_meta(a), "ctree_has_meta");
	ctree_free(act);
	free(s1);
	free(s2);
	free(s3);
	free(h);

	/* pasted text, merge and replace */
	c = ctree_new();
	s1 = set_text_of("set security zones security-zone trust interfaces eth9\n"
			 "set security zones security-zone trust tcp-rst\n",
			 CTEXT_MERGE, c, err, sizeof(err));
	free(s1);
	s1 = set_text_of(pasted, CTEXT_REPLACE, c, err, sizeof(err));
	OK(s1 != NULL, "pasted SRX text loads (%s)", s1 ? "ok" : err);
	STREQ(s1 ? strstr(s1, "set security zones") : NULL,
	      "set security zones security-zone trust interfaces eth0\n"
	      "set security zones security-zone untrust\n",
	      "replace: swaps the tagged zone, protect: is accepted");
	OK(s1 && strstr(s1, "annotate security address-book global \"the web servers\""),
	   "a comment before a statement is its annotation");
	OK(s1 && strstr(s1, "policy p1 match destination-address web1\n"),
	   "[ ] list with one value");
	free(s1);
	ctree_free(c);

	/* set form with edit/up/top */
	OK(!ctext_parse("edit security zones security-zone z1\nset interfaces eth3\nup\n"
			"set security-zone z2 tcp-rst\ntop\nset applications application x protocol udp\n",
			"e", &t, err, sizeof(err)) && t.n == 3 && t.v[0].ntok == 6 &&
	   !strcmp(t.v[1].tok[2], "security-zone") && !strcmp(t.v[1].tok[3], "z2") &&
	   !strcmp(t.v[2].tok[0], "applications") && t.v[1].line == 4,
	   "edit/up/top fold into full paths");
	ctext_free(&t);

	/* errors name the line */
	OK(ctext_parse("security {\n  zones {\n    security-zone a;\n", "f", &t, err, sizeof(err)) &&
	   !strcmp(err, "f:2: missing '}' for the block opened here"), "missing } (%s)", err);
	ctext_free(&t);
	OK(ctext_parse("security {\n  zones\n}\n", "f", &t, err, sizeof(err)) &&
	   strstr(err, "f:3: missing ';' after 'zones'"), "missing ; (%s)", err);
	ctext_free(&t);
	OK(ctext_parse("security }\n", "f", &t, err, sizeof(err)) && strstr(err, "f:1:"),
	   "stray } (%s)", err);
	ctext_free(&t);
	OK(ctext_parse("show configuration;\n", "f", &t, err, sizeof(err)) == 0,
	   "an unknown top-level word is a statement for the caller to judge");
	ctext_free(&t);

	/* group wildcards and apply-groups-except (cfgload.c) */
	OK(!ctext_parse("set groups hi security zones security-zone <*> host-inbound-traffic system-services ping\n"
			"set groups hi security zones security-zone <un*> screen s1\n"
			"set apply-groups hi\n"
			"set security zones security-zone trust interfaces eth0\n"
			"set security zones security-zone untrust interfaces eth1\n"
			"set security zones security-zone untrust apply-groups-except hi\n"
			"set security zones security-zone dmz interfaces eth2\n",
			"w", &t, err, sizeof(err)) && !cfg_load_prepare(&t, "w"), "wildcard config (%s)", err);
	h = NULL;
	{
		size_t len = 0;
		FILE *f = open_memstream(&h, &len);
		int i, j;

		for (i = 0; i < t.n; i++) {
			if (!t.v[i].tok)
				continue;
			for (j = 0; j < t.v[i].ntok; j++)
				fprintf(f, "%s%s", j ? " " : "", t.v[i].tok[j]);
			fputc('\n', f);
		}
		fclose(f);
	}
	OK(h && !strcmp(h,
			"security zones security-zone trust host-inbound-traffic system-services ping\n"
			"security zones security-zone dmz host-inbound-traffic system-services ping\n"
			"security zones security-zone trust interfaces eth0\n"
			"security zones security-zone untrust interfaces eth1\n"
			"security zones security-zone dmz interfaces eth2\n"),
	   "<*> applies to each zone that exists, <un*> to none but untrust, which excepts the group:\n%s", h);
	free(h);
	ctext_free(&t);

	ctree_free(a);
	ctree_free(b);
	KTAP_DONE();
}
