// SPDX-License-Identifier: GPL-2.0
/*
 * The default session listing (two lines per wing, Junos layout), written
 * by hand through a pointer into room reserved for the whole session: the
 * lines of every session of a dump of a million.
 */
#include "session_text.h"

/*
 * "  %s: %s/%u --> %s/%u;%s, Conn Tag: 0x0, If: %s, Pkts: %" PRIu64
 * ", Bytes: %" PRIu64 ",\n"
 */
static char *print_wing_line(char *p, const struct session *s, int k)
{
	const struct srxflow_sess_rec_wing *w = &s->r.w[k];
	const struct name *ifn = s->ifname[k];

	if (k)
		p = OB_PUT_LIT(p, "  Out: ");
	else
		p = OB_PUT_LIT(p, "  In: ");
	p = put_addr_p(p, w->family, w->src);
	*p++ = '/';
	p = ob_put_u32(p, w->sport);
	p = OB_PUT_LIT(p, " --> ");
	p = put_addr_p(p, w->family, w->dst);
	*p++ = '/';
	p = ob_put_u32(p, w->dport);
	*p++ = ';';
	p = put_proto_p(p, w->protocol);
	p = OB_PUT_LIT(p, ", Conn Tag: 0x0, If: ");
	if (ifn->len)
		p = ob_put_blocks(p, ifn->s, ifn->len);
	else
		p = OB_PUT_LIT(p, "N/A");
	p = OB_PUT_LIT(p, ", Pkts: ");
	p = ob_put_u64(p, w->packets);
	p = OB_PUT_LIT(p, ", Bytes: ");
	p = ob_put_u64(p, w->bytes);
	return OB_PUT_LIT(p, ",\n");
}

void session_text_write(struct outbuf *o, const struct session *s, bool first)
{
	/*
	 * the fixed text, numbers and addresses of a session take less than
	 * 1,024 bytes; its names are added
	 */
	char *p = ob_reserve(o, 1024 + s->pname->len + s->ifname[0]->len + s->ifname[1]->len +
			     3 * OB_SLACK);

	/* the device separates sessions by a blank line */
	if (!first)
		*p++ = '\n';
	/* "Session ID: %" PRIu64 ", Policy name: %s/%u, Timeout: %s, Session State: %s\n" */
	p = OB_PUT_LIT(p, "Session ID: ");
	p = ob_put_u64(p, s->r.id);
	p = OB_PUT_LIT(p, ", Policy name: ");
	p = ob_put_blocks(p, s->pname->s, s->pname->len);
	*p++ = '/';
	p = ob_put_u32(p, session_policy_index(s));
	p = OB_PUT_LIT(p, ", Timeout: ");
	if (s->r.timeout == SRXFLOW_TIMEOUT_NEVER)
		p = OB_PUT_LIT(p, "never");
	else
		p = ob_put_u32(p, s->r.timeout);
	p = put_state_p(p, s->r.state, ", Session State: ");
	*p++ = '\n';
	p = print_wing_line(p, s, 0);
	p = print_wing_line(p, s, 1);
	ob_commit(o, p);
}
