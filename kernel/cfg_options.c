// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration objects: security flow, forwarding-options and
 * traceoptions.
 */
#include <linux/netdevice.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"

static u32 get_u32_or(struct nlattr **tb, int attr, u32 def)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : def;
}

int sxf_add_flow(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		 struct netlink_ext_ack *extack)
{
	struct sxf_flow_opts *f = &cfg->flow;

	if (tb[SRXFLOW_A_FLOW_NO_SYN_CHECK] && tb[SRXFLOW_A_FLOW_STRICT_SYN_CHECK])
		return sxf_err(extack, tb[SRXFLOW_A_FLOW_STRICT_SYN_CHECK],
			       "security flow tcp-session: strict-syn-check and no-syn-check cannot be configured together");
	if (tb[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT] && !tb[SRXFLOW_A_FLOW_TIME_WAIT])
		return sxf_err(extack, tb[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT],
			       "security flow tcp-session time-wait-state session-timeout: needs time-wait-state");
	/* syn-proxy (Junos's other mode) is not built: refused, never ignored */
	if (tb[SRXFLOW_A_FLOW_SYN_FLOOD_PROTECTION_MODE] &&
	    nla_get_u8(tb[SRXFLOW_A_FLOW_SYN_FLOOD_PROTECTION_MODE]) != SRXFLOW_SYN_PROTECT_COOKIE)
		return sxf_err(extack, tb[SRXFLOW_A_FLOW_SYN_FLOOD_PROTECTION_MODE],
			       "security flow syn-flood-protection-mode syn-proxy: not supported (syn-cookie is)");
	f->tcp_initial_timeout = get_u32_or(tb, SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT,
					    SXF_DEF_TCP_INITIAL_TIMEOUT);
	f->no_syn_check = nla_get_flag(tb[SRXFLOW_A_FLOW_NO_SYN_CHECK]);
	f->strict_syn_check = nla_get_flag(tb[SRXFLOW_A_FLOW_STRICT_SYN_CHECK]);
	f->no_seq_check = nla_get_flag(tb[SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK]);
	f->rst_invalidate = nla_get_flag(tb[SRXFLOW_A_FLOW_RST_INVALIDATE]);
	f->fin_invalidate = nla_get_flag(tb[SRXFLOW_A_FLOW_FIN_INVALIDATE]);
	f->time_wait = nla_get_flag(tb[SRXFLOW_A_FLOW_TIME_WAIT]);
	f->time_wait_timeout = get_u32_or(tb, SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT,
					  SXF_DEF_TIME_WAIT_TIMEOUT);
	f->early_ageout = get_u32_or(tb, SRXFLOW_A_FLOW_EARLY_AGEOUT, SXF_DEF_EARLY_AGEOUT);
	f->high_wm = get_u32_or(tb, SRXFLOW_A_FLOW_HIGH_WATERMARK, SXF_DEF_WATERMARK);
	f->low_wm = get_u32_or(tb, SRXFLOW_A_FLOW_LOW_WATERMARK, SXF_DEF_WATERMARK);
	f->rr_packet_mode = nla_get_flag(tb[SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE]);
	f->route_change_timeout = get_u32_or(tb, SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT,
					     SXF_DEF_ROUTE_CHANGE_TIMEOUT);
	f->max_sessions = get_u32_or(tb, SRXFLOW_A_FLOW_MAX_SESSIONS, SXF_DEF_MAX_SESSIONS);
	cfg->have_flow = true;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_FLOW, obj, NULL);
}

/* security alg: the ALGs srxflow has can be disabled (alg.c) */
int sxf_add_alg(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		struct netlink_ext_ack *extack)
{
	if (nla_get_flag(tb[SRXFLOW_A_ALGCFG_FTP_DISABLE]))
		cfg->alg_disabled |= BIT(SRXFLOW_ALG_FTP);
	if (nla_get_flag(tb[SRXFLOW_A_ALGCFG_TFTP_DISABLE]))
		cfg->alg_disabled |= BIT(SRXFLOW_ALG_TFTP);
	cfg->have_alg = true;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_ALG, obj, NULL);
}

int sxf_add_fwd(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		struct netlink_ext_ack *extack)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct nlattr *a = tb[i ? SRXFLOW_A_FWD_INET6_MODE : SRXFLOW_A_FWD_INET_MODE];

		if (!a)
			continue;
		cfg->flow.mode[i] = nla_get_u8(a);
		if (cfg->flow.mode[i] > SRXFLOW_FWD_DROP)
			return sxf_err(extack, a,
				       "security forwarding-options family %s mode: unknown mode %u",
				       i ? "inet6" : "inet", cfg->flow.mode[i]);
	}
	cfg->have_fwd = true;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_FWD, obj, NULL);
}

int sxf_add_trace(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		  struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	struct sxf_trace_cfg *t = &cfg->trace;
	int rem, err;

	t->configured = true;
	if (tb[SRXFLOW_A_TRACE_FILE]) {
		err = sxf_cfg_get_name(tb[SRXFLOW_A_TRACE_FILE], t->file,
				       "security flow traceoptions file",
				       extack, obj);
		if (err)
			return err;
	}
	t->size = get_u32_or(tb, SRXFLOW_A_TRACE_FILE_SIZE, 0);
	t->files = get_u32_or(tb, SRXFLOW_A_TRACE_FILE_FILES, 0);
	t->rate_limit = get_u32_or(tb, SRXFLOW_A_TRACE_RATE_LIMIT, 0);
	t->debug_buf = get_u32_or(tb, SRXFLOW_A_TRACE_DEBUG_BUF, SXF_DEF_TRACE_DEBUG_BUF);
	nla_for_each_nested(a, obj, rem) {
		struct nlattr *ftb[SRXFLOW_A_TFLT_MAX + 1];
		struct sxf_tfilter *f;
		char fctx[SRXFLOW_NAME_MAX + 64];
		u32 i;

		if (nla_type(a) == SRXFLOW_A_TRACE_FLAG) {
			u32 fl = nla_get_u32(a);

			if (fl >= __SRXFLOW_TRACE_MAX)
				return sxf_err(extack, a, "security flow traceoptions flag: unknown flag %u",
					       fl);
			t->flags |= BIT(fl);
			continue;
		}
		if (nla_type(a) != SRXFLOW_A_TRACE_FILTER)
			continue;
		if (t->nfilters >= SRXFLOW_TRACE_FILTERS_MAX)
			return sxf_err(extack, a, "security flow traceoptions: more than %u packet-filters",
				       SRXFLOW_TRACE_FILTERS_MAX);
		err = nla_parse_nested(ftb, SRXFLOW_A_TFLT_MAX, a, sxf_tfilter_policy, extack);
		if (err)
			return err;
		f = &t->filters[t->nfilters];
		memset(f, 0, sizeof(*f));
		err = sxf_cfg_get_name(ftb[SRXFLOW_A_TFLT_NAME], f->name,
				       "security flow traceoptions packet-filter", extack, a);
		if (err)
			return err;
		snprintf(fctx, sizeof(fctx), "security flow traceoptions packet-filter %s", f->name);
		for (i = 0; i < t->nfilters; i++)
			if (!strcmp(t->filters[i].name, f->name))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_NAME], "%s: defined twice", fctx);
		if (ftb[SRXFLOW_A_TFLT_SRC_PREFIX]) {
			f->src = *(struct srxflow_prefix *)nla_data(ftb[SRXFLOW_A_TFLT_SRC_PREFIX]);
			if (!sxf_prefix_valid(&f->src))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_SRC_PREFIX],
					       "%s source-prefix: invalid prefix", fctx);
			f->has_src = true;
		}
		if (ftb[SRXFLOW_A_TFLT_DST_PREFIX]) {
			f->dst = *(struct srxflow_prefix *)nla_data(ftb[SRXFLOW_A_TFLT_DST_PREFIX]);
			if (!sxf_prefix_valid(&f->dst))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_DST_PREFIX],
					       "%s destination-prefix: invalid prefix", fctx);
			f->has_dst = true;
		}
		if (ftb[SRXFLOW_A_TFLT_PROTOCOL]) {
			f->proto = nla_get_u8(ftb[SRXFLOW_A_TFLT_PROTOCOL]);
			f->has_proto = true;
		}
		if (ftb[SRXFLOW_A_TFLT_SPORT]) {
			u32 r = nla_get_u32(ftb[SRXFLOW_A_TFLT_SPORT]);

			f->sp_lo = SRXFLOW_PORT_LO(r);
			f->sp_hi = SRXFLOW_PORT_HI(r);
			f->has_sport = true;
		}
		if (ftb[SRXFLOW_A_TFLT_DPORT]) {
			u32 r = nla_get_u32(ftb[SRXFLOW_A_TFLT_DPORT]);

			f->dp_lo = SRXFLOW_PORT_LO(r);
			f->dp_hi = SRXFLOW_PORT_HI(r);
			f->has_dport = true;
		}
		if (f->sp_lo > f->sp_hi || f->dp_lo > f->dp_hi)
			return sxf_err(extack, a, "%s: port range low > high", fctx);
		if (ftb[SRXFLOW_A_TFLT_IFACE]) {
			const struct sxf_ifbind *b;

			nla_strscpy(f->iface, ftb[SRXFLOW_A_TFLT_IFACE], sizeof(f->iface));
			/* a Junos name matches as the operator wrote it, unit 0 spelt out */
			b = sxf_ascii_name(f->iface) ? sxf_cfg_ifbind(cfg, f->iface) : NULL;
			if (b)
				strscpy(f->iface, b->o.name, sizeof(f->iface));
			else if (strlen(f->iface) >= IFNAMSIZ || !dev_valid_name(f->iface) ||
				 !sxf_ascii_name(f->iface))
				return sxf_err(extack, ftb[SRXFLOW_A_TFLT_IFACE],
					       "%s interface %s: invalid interface name", fctx, f->iface);
			f->has_iface = true;
		}
		t->nfilters++;
	}
	cfg->have_trace = true;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_TRACE, obj, NULL);
}

/*
 * security log: for srxflow-logd, which reads it back with the rest of the
 * configuration (the engine itself only raises the events).  Kept whole
 * once checked: at most SRXFLOW_LOG_STREAMS_MAX streams, each with a host,
 * names unique.
 */
int sxf_add_log(struct sxf_cfg *cfg, const struct nlattr *obj, struct nlattr **tb,
		struct netlink_ext_ack *extack)
{
	char names[SRXFLOW_LOG_STREAMS_MAX][SRXFLOW_NAME_MAX];
	const struct nlattr *a;
	int rem, err, n = 0, i;

	if (tb[SRXFLOW_A_SECLOG_SOURCE_ADDRESS] &&
	    !sxf_prefix_valid(nla_data(tb[SRXFLOW_A_SECLOG_SOURCE_ADDRESS])))
		return sxf_err(extack, tb[SRXFLOW_A_SECLOG_SOURCE_ADDRESS],
			       "security log source-address: not an address");
	nla_for_each_nested(a, obj, rem) {
		struct nlattr *stb[SRXFLOW_A_LSTREAM_MAX + 1];

		if (nla_type(a) != SRXFLOW_A_SECLOG_STREAM)
			continue;
		if (n >= SRXFLOW_LOG_STREAMS_MAX)
			return sxf_err(extack, a, "security log: more than %u streams",
				       SRXFLOW_LOG_STREAMS_MAX);
		err = nla_parse_nested(stb, SRXFLOW_A_LSTREAM_MAX, a, sxf_lstream_policy, extack);
		if (err)
			return err;
		if (!stb[SRXFLOW_A_LSTREAM_NAME])
			return sxf_err(extack, a, "security log stream: missing name");
		err = sxf_cfg_get_name(stb[SRXFLOW_A_LSTREAM_NAME], names[n],
				       "security log stream", extack, a);
		if (err)
			return err;
		for (i = 0; i < n; i++)
			if (!strcmp(names[i], names[n]))
				return sxf_err(extack, a, "security log stream %s: defined twice",
					       names[n]);
		if (stb[SRXFLOW_A_LSTREAM_PORT] &&
		    (!nla_get_u32(stb[SRXFLOW_A_LSTREAM_PORT]) ||
		     nla_get_u32(stb[SRXFLOW_A_LSTREAM_PORT]) > 65535))
			return sxf_err(extack, stb[SRXFLOW_A_LSTREAM_PORT],
				       "security log stream %s host port %u: value out of range, expecting 1..65535",
				       names[n], nla_get_u32(stb[SRXFLOW_A_LSTREAM_PORT]));
		if (!stb[SRXFLOW_A_LSTREAM_HOST] ||
		    !sxf_prefix_valid(nla_data(stb[SRXFLOW_A_LSTREAM_HOST])))
			return sxf_err(extack, a, "security log stream %s: host is mandatory",
				       names[n]);
		n++;
	}
	cfg->have_log = true;
	return sxf_cfg_keep_blob(cfg, SRXFLOW_A_CFG_LOG, obj, NULL);
}
