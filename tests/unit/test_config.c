// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the CLI: tokenizer, command matching, the Junos
 * statement parser (set/delete/insert, errors, abbreviations), value
 * canonicalisation, set-line printing and the netlink codec round trip
 * (encode to CFG_ADD messages, decode them back) without a kernel.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include "../../userspace/cfgcodec.h"
#include "../../userspace/cfgtree.h"
#include "../../userspace/cli.h"
#include "../../userspace/util.h"
#include "../../userspace/values.h"
#include "ktap.h"

static int apply(struct cnode *root, enum stmt_op op, const char *line,
		 struct stmt_err *err)
{
	char **tok;
	int n = tokenize(line, &tok), r;
	struct stmt_err e;

	if (n < 0)
		return -2;
	r = stmt_apply(root, op, tok, n, 1, true, NULL, err ? err : &e);
	tokens_free(tok, n);
	return r;
}

static char *print(const struct cnode *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ctree_print_set(f, root, "");
	fclose(f);
	return buf;
}

/* codec round trip: encode into messages, decode each object back */
static struct cnode *rt_root;

static int sink_decode(struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;

	(void)arg;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == SRXFLOW_A_TXN_ID)
			continue;
		if (config_decode_object(rt_root, a))
			return -22;
	}
	return 0;
}

static const char *realistic =
	"set interfaces ge-0/0/1 unit 0 linux-device eth1\n"
	"set interfaces reth1 unit 100 linux-device bond1.100\n"
	"set security zones functional-zone management interfaces fxp0.0 host-inbound-traffic system-services ssh\n"
	"set security zones security-zone dmz interfaces ge-0/0/1.0\n"
	"set security zones security-zone dmz interfaces reth1.100\n"
	"set applications application mysql term t1 protocol tcp\n"
	"set applications application mysql term t1 destination-port 3306\n"
	"set applications application mysql term t2 protocol udp\n"
	"set applications application mysql term t2 destination-port 3306\n"
	"set security zones security-zone trust host-inbound-traffic system-services ping\n"
	"set security zones security-zone trust host-inbound-traffic system-services ssh\n"
	"set security zones security-zone trust interfaces veth-lan host-inbound-traffic protocols ospf\n"
	"set security zones security-zone trust address-book address lan 10.0.1.0/24\n"
	"set security zones security-zone trust address-book address-set lans address lan\n"
	"set security zones security-zone untrust tcp-rst\n"
	"set security log mode stream-event\n"
	"set security log format sd-syslog\n"
	"set security log source-address 127.0.0.1\n"
	"set security log stream s1 host 127.0.0.1 port 5514\n"
	"set security log stream s1 format syslog\n"
	"set security log stream s1 category all\n"
	"set security log stream s2 host 2001:db8::9\n"
	"set security log stream s2 transport protocol tcp\n"
	"set security zones security-zone untrust interfaces veth-isp\n"
	"set security address-book global address web1 192.0.2.10/32\n"
	"set security address-book global address web2 range-address 192.0.2.20 to 192.0.2.29\n"
	"set security address-book global address v6net 2001:db8::/32\n"
	"set security address-book global address-set inner address web1\n"
	"set security address-book global address-set outer address-set inner\n"
	"set security address-book global address-set outer address web2\n"
	"set applications application my-web protocol tcp destination-port 8080-8090 inactivity-timeout 600\n"
	"set applications application-set webs application junos-http\n"
	"set applications application-set webs application my-web\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match source-address lans\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match destination-address outer\n"
	"set security policies from-zone trust to-zone untrust policy allow-web match application webs\n"
	"set security policies from-zone trust to-zone untrust policy allow-web then permit\n"
	"set security policies from-zone trust to-zone untrust policy allow-web then log session-init\n"
	"set security policies from-zone trust to-zone untrust policy allow-web then count\n"
	"set security policies global policy g1 match source-address any\n"
	"set security policies global policy g1 match destination-address any\n"
	"set security policies global policy g1 match application any\n"
	"set security policies global policy g1 match from-zone trust\n"
	"set security policies global policy g1 then deny\n"
	"set security policies default-policy permit-all\n"
	"set security flow traceoptions file fw-trace size 1m files 3\n"
	"set security flow traceoptions flag basic-datapath\n"
	"set security flow traceoptions packet-filter f1 source-prefix 10.0.1.0/24\n"
	"set security flow aging early-ageout 10\n"
	"set security flow tcp-session time-wait-state session-timeout 30\n"
	"set security flow advanced-options reverse-route-packet-mode-vr\n"
	"set security forwarding-options family inet6 mode packet-based\n"
	"set security nat source pool p1 address 198.51.100.1/32\n"
	"set security nat source pool p1 address 198.51.100.10/32 to 198.51.100.20/32\n"
	"set security nat source pool p1 port range 20000 to 20009\n"
	"set security nat source rule-set rs1 from zone trust\n"
	"set security nat source rule-set rs1 to zone untrust\n"
	"set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24\n"
	"set security nat source rule-set rs1 rule r1 match destination-port 80\n"
	"set security nat source rule-set rs1 rule r1 then source-nat pool p1\n"
	"set security nat source rule-set rs1 rule r2 match source-address-name web1\n"
	"set security nat source rule-set rs1 rule r2 then source-nat interface\n"
	"set security nat destination pool d1 address 10.0.1.2/32 port 80\n"
	"set security nat destination rule-set drs from interface ge-0/0/1.0\n"
	"set security nat destination rule-set drs rule f1 match destination-address 203.0.113.10/32\n"
	"set security nat destination rule-set drs rule f1 then destination-nat pool d1\n"
	"set security nat static rule-set st from zone untrust\n"
	"set security nat static rule-set st rule s1 match destination-address 203.0.113.20/32\n"
	"set security nat static rule-set st rule s1 then static-nat prefix 10.0.1.2/32\n";

int main(void)
{
	struct cnode *root;
	struct stmt_err err;
	char **tok;
	char *out;
	int n;

	KTAP_PLAN(38);

	/* tokenizer */
	n = tokenize("set a \"b c\" [ d e ] # comment", &tok);
	OK(n == 7 && !strcmp(tok[2], "b c") && !strcmp(tok[3], "[") &&
	   !strcmp(tok[6], "]"), "tokenize quotes, brackets and comments");
	tokens_free(tok, n);
	OK(tokenize("set \"open", &tok) == -1, "tokenize rejects an unterminated quote");

	/* command matching with abbreviations */
	{
		static const struct cli_cmd cmds[] = {
			{ "show security flow session", NULL, "", "" },
			{ "show security flow statistics", NULL, "", "" },
			{ "show security policies", NULL, "", "" },
			{ "show version", NULL, "", "" },
		};
		char *a1[] = { "sh", "sec", "flow", "sess", "summary" };
		char *a2[] = { "show", "security", "flow", "st" };
		char *a3[] = { "show", "security", "flow", "s" };
		int used = 0;
		const struct cli_cmd *c;

		c = cli_match(cmds, 4, 5, a1, &used);
		OK(c == &cmds[0] && used == 4, "abbreviated command matches, arguments left");
		c = cli_match(cmds, 4, 4, a2, &used);
		OK(c == &cmds[1], "unique prefix 'st' selects statistics");
		c = cli_match(cmds, 4, 4, a3, &used);
		OK(c == NULL, "ambiguous prefix 's' is rejected");
	}

	/* set / print */
	root = ctree_new();
	OK(!apply(root, STMT_SET, "security zones security-zone trust interfaces eth0", NULL),
	   "set zone interface");
	OK(!apply(root, STMT_SET, "sec zon security-zone trust tcp-rst", NULL),
	   "abbreviated keywords accepted on the command line");
	out = print(root);
	STREQ(out, "set security zones security-zone trust tcp-rst\n"
		   "set security zones security-zone trust interfaces eth0\n",
	      "canonical order follows the schema, not the input");
	free(out);

	/* errors */
	OK(apply(root, STMT_SET, "security zones security-zone trust bogus", &err) &&
	   err.word == 4 && strstr(err.msg, "expecting <") && strstr(err.msg, "interfaces"),
	   "unknown keyword names the position and the valid words: %s", err.msg);
	OK(apply(root, STMT_SET, "security flow tcp-session tcp-initial-timeout 301", &err) &&
	   strstr(err.msg, "4..300"), "out-of-range value states the range: %s", err.msg);
	OK(apply(root, STMT_SET, "security flow tcp-session tcp-initial-timeout", &err) &&
	   strstr(err.msg, "missing value"), "missing value is reported: %s", err.msg);
	OK(apply(root, STMT_SET, "security zones security-zone", &err) &&
	   strstr(err.msg, "missing value"), "missing list key is reported");
	OK(apply(root, STMT_SET, "security address-book global address a 10.0.0.0/33", &err) &&
	   strstr(err.msg, "invalid value"), "bad prefix rejected: %s", err.msg);
	OK(apply(root, STMT_SET, "security address-book other address a 10.0.0.0/8", &err),
	   "only the global address book exists");
	OK(apply(root, STMT_SET, "applications application a protocol tcp destination-port 90-80",
		 &err), "reversed port range rejected");

	/* values */
	OK(!apply(root, STMT_SET, "applications application a protocol 6 destination-port http", NULL),
	   "protocol number and port name accepted");
	out = print(root);
	OK(strstr(out, "application a protocol tcp\n") &&
	   strstr(out, "application a destination-port 80\n"),
	   "protocol and port canonicalised");
	free(out);
	OK(!apply(root, STMT_SET, "security flow traceoptions file t1 size 10240", NULL),
	   "trace file size in bytes");
	OK(!apply(root, STMT_SET, "security flow traceoptions file t2 flag session", NULL),
	   "keywords of an enclosing container after a positional value");
	out = print(root);
	OK(strstr(out, "traceoptions file t2\n") && strstr(out, "file size 10k\n") &&
	   strstr(out, "traceoptions flag session\n"),
	   "size printed with suffix; 'flag' is not taken for a file name");
	free(out);

	/* choice: permit replaces deny */
	OK(!apply(root, STMT_SET, "security policies from-zone a to-zone b policy p then deny", NULL) &&
	   !apply(root, STMT_SET, "security policies from-zone a to-zone b policy p then permit", NULL),
	   "then deny, then permit");
	out = print(root);
	OK(strstr(out, "then permit\n") && !strstr(out, "then deny"),
	   "permit replaced deny (choice)");
	free(out);

	/* leaf-lists with brackets, delete of one value */
	OK(!apply(root, STMT_SET,
		  "security policies from-zone a to-zone b policy p match source-address [ x y z ]",
		  NULL), "bracket list");
	OK(!apply(root, STMT_DELETE,
		  "security policies from-zone a to-zone b policy p match source-address y", NULL),
	   "delete one value");
	out = print(root);
	OK(strstr(out, "source-address x\n") && !strstr(out, "source-address y") &&
	   strstr(out, "source-address z\n"), "one value removed, order kept");
	free(out);
	OK(apply(root, STMT_DELETE, "security zones security-zone nope", &err) && err.not_found,
	   "delete of a missing statement is 'not found'");

	/* insert */
	apply(root, STMT_SET, "security policies from-zone a to-zone b policy q then permit", NULL);
	apply(root, STMT_SET, "security policies from-zone a to-zone b policy r then permit", NULL);
	OK(!apply(root, STMT_INSERT,
		  "security policies from-zone a to-zone b policy r before policy p", NULL),
	   "insert r before p");
	out = print(root);
	{
		char *pr = strstr(out, "policy r "), *pp = strstr(out, "policy p "),
		     *pq = strstr(out, "policy q ");

		OK(pr && pp && pq && pr < pp && pp < pq, "policy order is r p q");
	}
	free(out);
	OK(apply(root, STMT_INSERT,
		 "security policies from-zone a to-zone b policy r before policy nope", &err),
	   "insert before a missing policy fails");
	ctree_free(root);

	/* realistic configuration: parse, print, reparse: identical */
	{
		struct cnode *r2 = ctree_new();
		char *line, *save, *copy = xstrdup(realistic), *out2, *out3;
		struct commit_err cerr;
		struct nl fake = { .family = 0x42 };
		bool all_ok = true;

		root = ctree_new();
		for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (apply(root, STMT_SET, line + 4, &err)) {
				all_ok = false;
				printf("# %s: %s\n", line, err.msg);
			}
		free(copy);
		OK(all_ok, "realistic configuration parses");
		out = print(root);
		copy = xstrdup(out);
		for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			apply(r2, STMT_SET, line + 4, NULL);
		free(copy);
		out2 = print(r2);
		STREQ(out2, out, "printed configuration reparses to the same text");
		free(out2);

		/* codec: encode to CFG_ADD messages and decode back */
		rt_root = ctree_new();
		OK(!config_encode(&fake, root, sink_decode, NULL, &cerr),
		   "encode realistic configuration: %s", cerr.msg);
		out3 = print(rt_root);
		STREQ(out3, out, "netlink encode/decode round trip is exact");
		free(out3);
		ctree_free(rt_root);
		free(out);
		ctree_free(r2);

		/* cycles are found before anything is sent */
		apply(root, STMT_SET, "security address-book global address-set inner address-set outer", NULL);
		rt_root = ctree_new();
		OK(config_encode(&fake, root, sink_decode, NULL, &cerr) && strstr(cerr.msg, "cycle"),
		   "address-set cycle detected: %s", cerr.msg);
		ctree_free(rt_root);
		ctree_free(root);
	}

	/* JSON */
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		root = ctree_new();
		apply(root, STMT_SET, "security zones security-zone trust interfaces eth0", NULL);
		apply(root, STMT_SET, "security flow aging early-ageout 10", NULL);
		ctree_print_json(f, root);
		fclose(f);
		STREQ(buf, "{\"security\":{\"flow\":{\"aging\":{\"early-ageout\":10}},"
			   "\"zones\":{\"security-zone\":[{\"name\":\"trust\",\"interfaces\":"
			   "[{\"name\":\"eth0\"}]}]}}}\n", "JSON output");
		free(buf);
		ctree_free(root);
	}

	/* prefix helpers */
	{
		struct srxflow_prefix p;
		char b[64];
		uint32_t r;

		OK(prefix_parse("10.1.2.3", &p, true) && p.plen == 32 &&
		   !strcmp(prefix_str(&p, b, sizeof(b)), "10.1.2.3/32"), "host prefix /32");
		OK(prefix_parse("2001:db8::1/64", &p, true) && p.family == 10 && p.plen == 64,
		   "IPv6 prefix");
		OK(ports_parse("1024-65535", &r) && SRXFLOW_PORT_LO(r) == 1024 &&
		   SRXFLOW_PORT_HI(r) == 65535, "port range");
	}
	KTAP_DONE();
}
