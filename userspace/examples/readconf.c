// SPDX-License-Identifier: GPL-2.0
/*
 * readconf: print the running srxflow configuration of this network
 * namespace, read straight from the kernel over generic netlink with
 * libnl-genl-3.  A starting point for daemons that want to talk to srxflow
 * without going through the `srxflow` CLI.
 *
 *   make -C userspace/examples
 *
 * Output (one object per line or block, in the order the kernel keeps
 * them, i.e. the order they were committed):
 *
 *   configuration generation: 7
 *   zone trust
 *     interface lan0
 *   address web1 192.0.2.10/32 (global)
 *   address lan 10.0.1.0/24 (zone trust)
 *   address web2 range 192.0.2.20-192.0.2.29 (global)
 *   policy trust -> untrust: allow-web (index 1) permit
 *   policy global: g1 (index 3) deny
 *   other objects: 2 (address sets, applications, options)
 *
 * The protocol (include/uapi/linux/srxflow.h, and machine-readably
 * Documentation/netlink/specs/srxflow.yaml):
 *   - the family is named SRXFLOW_GENL_NAME ("srxflow"); its numeric id is
 *     assigned at module load and must be resolved through the generic
 *     netlink controller;
 *   - SRXFLOW_CMD_CFG_GET is a dump (NLM_F_DUMP) with no attributes; every
 *     reply message carries SRXFLOW_A_GENERATION and any number of
 *     configuration objects, each a nested attribute (SRXFLOW_A_CFG_ZONE,
 *     SRXFLOW_A_CFG_ADDRESS, SRXFLOW_A_CFG_POLICY, ...);
 *   - the same top-level attribute type repeats within one message, so
 *     messages are walked attribute by attribute, not parsed into a table
 *     (a table keeps only the last of each type);
 *   - if the configuration changes during the dump, the kernel marks the
 *     messages NLM_F_DUMP_INTR: libnl then reports -NLE_DUMP_INTR after the
 *     dump, and we simply read the whole configuration again;
 *   - every command, reads included, needs CAP_NET_ADMIN over the network
 *     namespace (in the user namespace that owns it; in the initial user
 *     namespace when the module was loaded with restrict_userns=1): others
 *     get EPERM, which libnl reports as -NLE_PERM.
 *
 *   sudo ip netns exec R userspace/examples/readconf
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include <linux/srxflow.h>

#define DUMP_RETRIES	5	/* re-reads when the configuration changes meanwhile */

/*
 * Attribute policies: libnl validates the attributes against these while
 * parsing a nest (type, length, NUL-terminated strings).  Attributes with
 * a type above the table's maximum are ignored by libnl, so a newer kernel
 * that adds attributes does not break this program.
 */
static struct nla_policy zone_policy[SRXFLOW_A_ZONE_MAX + 1] = {
	[SRXFLOW_A_ZONE_NAME]		= { .type = NLA_STRING, .maxlen = SRXFLOW_NAME_MAX },
	[SRXFLOW_A_ZONE_IFACE]		= { .type = NLA_NESTED },
};

static struct nla_policy zone_iface_policy[SRXFLOW_A_ZIF_MAX + 1] = {
	[SRXFLOW_A_ZIF_NAME]		= { .type = NLA_STRING, .maxlen = SRXFLOW_IFNAME_MAX },
	[SRXFLOW_A_ZIF_HOST_INBOUND]	= { .type = NLA_NESTED },
};

static struct nla_policy addr_policy[SRXFLOW_A_ADDR_MAX + 1] = {
	[SRXFLOW_A_ADDR_ZONE]		= { .type = NLA_STRING, .maxlen = SRXFLOW_NAME_MAX },
	[SRXFLOW_A_ADDR_NAME]		= { .type = NLA_STRING, .maxlen = SRXFLOW_NAME_MAX },
	/* struct srxflow_prefix, exactly its size */
	[SRXFLOW_A_ADDR_PREFIX]		= { .minlen = sizeof(struct srxflow_prefix),
					    .maxlen = sizeof(struct srxflow_prefix) },
	[SRXFLOW_A_ADDR_RANGE_LO]	= { .minlen = sizeof(struct srxflow_prefix),
					    .maxlen = sizeof(struct srxflow_prefix) },
	[SRXFLOW_A_ADDR_RANGE_HI]	= { .minlen = sizeof(struct srxflow_prefix),
					    .maxlen = sizeof(struct srxflow_prefix) },
};

static struct nla_policy policy_policy[SRXFLOW_A_POL_MAX + 1] = {
	[SRXFLOW_A_POL_FROM_ZONE]	= { .type = NLA_STRING, .maxlen = SRXFLOW_NAME_MAX },
	[SRXFLOW_A_POL_TO_ZONE]		= { .type = NLA_STRING, .maxlen = SRXFLOW_NAME_MAX },
	[SRXFLOW_A_POL_NAME]		= { .type = NLA_STRING, .maxlen = SRXFLOW_NAME_MAX },
	[SRXFLOW_A_POL_ACTION]		= { .type = NLA_U8 },
	[SRXFLOW_A_POL_INDEX]		= { .type = NLA_U32 },
};

/* What the message callback accumulates during one dump. */
struct dump_state {
	FILE *out;		/* text of the objects (a memory stream) */
	bool have_gen;
	uint64_t generation;	/* the same in every message of one dump */
	bool gen_mismatch;
	unsigned int objects;	/* every configuration object seen */
	unsigned int shown;	/* the ones printed */
	int error;		/* first parse error (negative libnl error) */
};

/* "192.0.2.0/24" or "2001:db8::/32" (with_len) or just the address */
static const char *prefix_str(const struct nlattr *a, bool with_len, char *buf, size_t len)
{
	const struct srxflow_prefix *p = nla_data(a);
	char addr[INET6_ADDRSTRLEN];

	if ((p->family != AF_INET && p->family != AF_INET6) ||
	    !inet_ntop(p->family, p->addr, addr, sizeof(addr))) {
		snprintf(buf, len, "(family %u?)", p->family);
		return buf;
	}
	if (with_len)
		snprintf(buf, len, "%s/%u", addr, p->plen);
	else
		snprintf(buf, len, "%s", addr);
	return buf;
}

static const char *action_str(uint8_t action)
{
	switch (action) {
	case SRXFLOW_ACTION_PERMIT:	return "permit";
	case SRXFLOW_ACTION_DENY:	return "deny";
	case SRXFLOW_ACTION_REJECT:	return "reject";
	}
	return "unknown-action";
}

/*
 * SRXFLOW_A_CFG_ZONE: the zone's single-valued attributes are parsed into
 * a table; its interfaces (SRXFLOW_A_ZONE_IFACE, repeated) are walked.
 */
static int print_zone(struct dump_state *st, struct nlattr *obj)
{
	struct nlattr *tb[SRXFLOW_A_ZONE_MAX + 1], *a;
	int err, rem;

	err = nla_parse_nested(tb, SRXFLOW_A_ZONE_MAX, obj, zone_policy);
	if (err < 0)
		return err;
	if (!tb[SRXFLOW_A_ZONE_NAME])
		return -NLE_MISSING_ATTR;
	fprintf(st->out, "zone %s\n", nla_get_string(tb[SRXFLOW_A_ZONE_NAME]));
	nla_for_each_nested(a, obj, rem) {
		struct nlattr *itb[SRXFLOW_A_ZIF_MAX + 1];

		if (nla_type(a) != SRXFLOW_A_ZONE_IFACE)
			continue;
		err = nla_parse_nested(itb, SRXFLOW_A_ZIF_MAX, a, zone_iface_policy);
		if (err < 0)
			return err;
		if (itb[SRXFLOW_A_ZIF_NAME])
			fprintf(st->out, "  interface %s\n",
				nla_get_string(itb[SRXFLOW_A_ZIF_NAME]));
	}
	return 0;
}

/* SRXFLOW_A_CFG_ADDRESS: a prefix or a range, in a zone's book or the global one */
static int print_address(struct dump_state *st, struct nlattr *obj)
{
	struct nlattr *tb[SRXFLOW_A_ADDR_MAX + 1];
	char lo[INET6_ADDRSTRLEN + 8], hi[INET6_ADDRSTRLEN + 8];
	const char *book = NULL;
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_ADDR_MAX, obj, addr_policy);
	if (err < 0)
		return err;
	if (!tb[SRXFLOW_A_ADDR_NAME])
		return -NLE_MISSING_ATTR;
	if (tb[SRXFLOW_A_ADDR_ZONE])
		book = nla_get_string(tb[SRXFLOW_A_ADDR_ZONE]);
	fprintf(st->out, "address %s ", nla_get_string(tb[SRXFLOW_A_ADDR_NAME]));
	if (tb[SRXFLOW_A_ADDR_PREFIX])
		fprintf(st->out, "%s",
			prefix_str(tb[SRXFLOW_A_ADDR_PREFIX], true, lo, sizeof(lo)));
	else if (tb[SRXFLOW_A_ADDR_RANGE_LO] && tb[SRXFLOW_A_ADDR_RANGE_HI])
		fprintf(st->out, "range %s-%s",
			prefix_str(tb[SRXFLOW_A_ADDR_RANGE_LO], false, lo, sizeof(lo)),
			prefix_str(tb[SRXFLOW_A_ADDR_RANGE_HI], false, hi, sizeof(hi)));
	else
		fprintf(st->out, "(no prefix)");
	if (book)
		fprintf(st->out, " (zone %s)\n", book);
	else
		fprintf(st->out, " (global)\n");
	return 0;
}

/*
 * SRXFLOW_A_CFG_POLICY: zone-pair policies carry FROM_ZONE and TO_ZONE,
 * global ones neither.  INDEX is assigned by the kernel.
 */
static int print_policy(struct dump_state *st, struct nlattr *obj)
{
	struct nlattr *tb[SRXFLOW_A_POL_MAX + 1];
	int err;

	err = nla_parse_nested(tb, SRXFLOW_A_POL_MAX, obj, policy_policy);
	if (err < 0)
		return err;
	if (!tb[SRXFLOW_A_POL_NAME] || !tb[SRXFLOW_A_POL_ACTION])
		return -NLE_MISSING_ATTR;
	if (tb[SRXFLOW_A_POL_FROM_ZONE] && tb[SRXFLOW_A_POL_TO_ZONE])
		fprintf(st->out, "policy %s -> %s: ",
			nla_get_string(tb[SRXFLOW_A_POL_FROM_ZONE]),
			nla_get_string(tb[SRXFLOW_A_POL_TO_ZONE]));
	else
		fprintf(st->out, "policy global: ");
	fprintf(st->out, "%s", nla_get_string(tb[SRXFLOW_A_POL_NAME]));
	if (tb[SRXFLOW_A_POL_INDEX])
		fprintf(st->out, " (index %" PRIu32 ")", nla_get_u32(tb[SRXFLOW_A_POL_INDEX]));
	fprintf(st->out, " %s\n", action_str(nla_get_u8(tb[SRXFLOW_A_POL_ACTION])));
	return 0;
}

/* Called by libnl for every data message of the dump (NL_CB_VALID). */
static int on_message(struct nl_msg *msg, void *arg)
{
	struct dump_state *st = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gnlh;
	struct nlattr *a;
	int rem, err = 0;

	if (!genlmsg_valid_hdr(nlh, 0)) {
		st->error = st->error ? st->error : -NLE_MSG_TOOSHORT;
		return NL_SKIP;
	}
	gnlh = nlmsg_data(nlh);
	if (gnlh->cmd != SRXFLOW_CMD_CFG_GET)
		return NL_SKIP;

	/* walk the top-level attributes in order: objects repeat */
	nla_for_each_attr(a, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), rem) {
		switch (nla_type(a)) {
		case SRXFLOW_A_GENERATION:
			if (nla_len(a) < (int)sizeof(uint64_t)) {
				err = -NLE_INVAL;
				break;
			}
			if (st->have_gen && st->generation != nla_get_u64(a))
				st->gen_mismatch = true;
			st->generation = nla_get_u64(a);
			st->have_gen = true;
			break;
		case SRXFLOW_A_CFG_ZONE:
			st->objects++;
			st->shown++;
			err = print_zone(st, a);
			break;
		case SRXFLOW_A_CFG_ADDRESS:
			st->objects++;
			st->shown++;
			err = print_address(st, a);
			break;
		case SRXFLOW_A_CFG_POLICY:
			st->objects++;
			st->shown++;
			err = print_policy(st, a);
			break;
		case SRXFLOW_A_CFG_ADDRESS_SET:
		case SRXFLOW_A_CFG_APPLICATION:
		case SRXFLOW_A_CFG_APPLICATION_SET:
		case SRXFLOW_A_CFG_POLICIES:
		case SRXFLOW_A_CFG_FLOW:
		case SRXFLOW_A_CFG_FWD:
		case SRXFLOW_A_CFG_TRACE:
			st->objects++;	/* not shown by this example */
			break;
		default:
			break;		/* padding, or an attribute newer than us */
		}
		if (err < 0 && !st->error)
			st->error = err;
	}
	return NL_OK;
}

/*
 * One CFG_GET dump.  Returns 0, or a negative libnl error (-NLE_DUMP_INTR
 * when the configuration changed during the dump).
 */
static int read_config(struct nl_sock *sk, int family, struct dump_state *st)
{
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc();
	if (!msg)
		return -NLE_NOMEM;
	/* generic netlink header: family id, NLM_F_DUMP, command, version */
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_DUMP,
			 SRXFLOW_CMD_CFG_GET, SRXFLOW_GENL_VERSION)) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		return err;
	/* receive until NLMSG_DONE (or an error); on_message() sees each part */
	err = nl_recvmsgs_default(sk);
	if (err < 0)
		return err;
	return st->error;
}

int main(int argc, char **argv)
{
	struct nl_sock *sk;
	struct dump_state st;
	char *text = NULL;
	size_t len = 0;
	int family, err, attempt;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n"
			"Print the running srxflow configuration of this network namespace.\n",
			argv[0]);
		return argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) ? 0 : 2;
	}

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "readconf: out of memory\n");
		return 1;
	}
	err = genl_connect(sk);
	if (err < 0) {
		fprintf(stderr, "readconf: generic netlink: %s\n", nl_geterror(err));
		goto out;
	}
	/* the family id is dynamic: ask the controller for "srxflow" */
	family = genl_ctrl_resolve(sk, SRXFLOW_GENL_NAME);
	if (family < 0) {
		fprintf(stderr, "readconf: genl family '%s' not found (is the srxflow module loaded?)\n",
			SRXFLOW_GENL_NAME);
		err = family;
		goto out;
	}
	/*
	 * Dump messages can be larger than a page (the kernel sizes them after
	 * the largest object): let libnl peek at the size of each datagram.
	 */
	nl_socket_enable_msg_peek(sk);

	for (attempt = 0; attempt < DUMP_RETRIES; attempt++) {
		memset(&st, 0, sizeof(st));
		st.out = open_memstream(&text, &len);
		if (!st.out) {
			err = -NLE_NOMEM;
			break;
		}
		nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_message, &st);
		err = read_config(sk, family, &st);
		fclose(st.out);
		if (!err && st.gen_mismatch)
			err = -NLE_DUMP_INTR;	/* cannot happen: the kernel flags it */
		if (err != -NLE_DUMP_INTR)
			break;
		/* the configuration changed while we read it: read it again */
		free(text);
		text = NULL;
	}
	if (err == -NLE_PERM) {
		fprintf(stderr, "readconf: permission denied: CAP_NET_ADMIN is required\n");
		goto out;
	}
	if (err < 0) {
		fprintf(stderr, "readconf: reading the configuration: %s\n", nl_geterror(err));
		goto out;
	}

	printf("configuration generation: %" PRIu64 "\n", st.generation);
	fputs(text, stdout);
	if (st.objects > st.shown)
		printf("other objects: %u (address sets, applications, options)\n",
		       st.objects - st.shown);
out:
	free(text);
	nl_socket_free(sk);
	return err < 0 ? 1 : 0;
}
