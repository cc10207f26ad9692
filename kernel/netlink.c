// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "srxflow": every command, attribute policy and
 * dump of the module lives here.  The ABI is include/uapi/linux/srxflow.h,
 * described in Documentation/netlink/specs/srxflow.yaml.
 *
 * Operations are not parallel (parallel_ops = false): doit handlers run
 * under genl_mutex, which also serialises configuration transactions and
 * protects the extended-ACK message buffer.  Changes need CAP_NET_ADMIN in
 * the namespace's user namespace (GENL_UNS_ADMIN_PERM).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"

static struct genl_family sxf_genl_family;

/* --- attribute policies ------------------------------------------------------------ */
#define NAME_POLICY { .type = NLA_NUL_STRING, .len = SRXFLOW_NAME_MAX - 1 }
#define IFNAME_POLICY { .type = NLA_NUL_STRING, .len = SRXFLOW_IFNAME_MAX - 1 }
#define TEXT_POLICY { .type = NLA_NUL_STRING, .len = 255 }
#define PREFIX_POLICY NLA_POLICY_EXACT_LEN(sizeof(struct srxflow_prefix))

const struct nla_policy sxf_hie_policy[SRXFLOW_A_HIE_MAX + 1] = {
	[SRXFLOW_A_HIE_ID]		= { .type = NLA_U32 },
	[SRXFLOW_A_HIE_EXCEPT]		= { .type = NLA_FLAG },
};

static const struct nla_policy sxf_hi_policy[SRXFLOW_A_HI_MAX + 1] = {
	[SRXFLOW_A_HI_SERVICE]		= NLA_POLICY_NESTED(sxf_hie_policy),
	[SRXFLOW_A_HI_PROTOCOL]		= NLA_POLICY_NESTED(sxf_hie_policy),
};

const struct nla_policy sxf_zif_policy[SRXFLOW_A_ZIF_MAX + 1] = {
	[SRXFLOW_A_ZIF_NAME]		= IFNAME_POLICY,
	[SRXFLOW_A_ZIF_HOST_INBOUND]	= NLA_POLICY_NESTED(sxf_hi_policy),
};

const struct nla_policy sxf_zone_policy[SRXFLOW_A_ZONE_MAX + 1] = {
	[SRXFLOW_A_ZONE_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ZONE_TCP_RST]	= { .type = NLA_FLAG },
	[SRXFLOW_A_ZONE_SCREEN]		= NAME_POLICY,
	[SRXFLOW_A_ZONE_REVERSE_REROUTE] = { .type = NLA_FLAG },
	[SRXFLOW_A_ZONE_HOST_INBOUND]	= NLA_POLICY_NESTED(sxf_hi_policy),
	[SRXFLOW_A_ZONE_IFACE]		= NLA_POLICY_NESTED(sxf_zif_policy),
	[SRXFLOW_A_ZONE_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_addr_policy[SRXFLOW_A_ADDR_MAX + 1] = {
	[SRXFLOW_A_ADDR_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_ADDR_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ADDR_PREFIX]		= PREFIX_POLICY,
	[SRXFLOW_A_ADDR_RANGE_LO]	= PREFIX_POLICY,
	[SRXFLOW_A_ADDR_RANGE_HI]	= PREFIX_POLICY,
	[SRXFLOW_A_ADDR_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_aset_policy[SRXFLOW_A_ASET_MAX + 1] = {
	[SRXFLOW_A_ASET_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_ASET_NAME]		= NAME_POLICY,
	[SRXFLOW_A_ASET_ADDRESS]	= NAME_POLICY,
	[SRXFLOW_A_ASET_SET]		= NAME_POLICY,
	[SRXFLOW_A_ASET_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_app_policy[SRXFLOW_A_APP_MAX + 1] = {
	[SRXFLOW_A_APP_NAME]		= NAME_POLICY,
	[SRXFLOW_A_APP_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_APP_SPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_APP_DPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_APP_ICMP_TYPE]	= { .type = NLA_U8 },
	[SRXFLOW_A_APP_ICMP_CODE]	= { .type = NLA_U8 },
	[SRXFLOW_A_APP_TIMEOUT]		= { .type = NLA_U32 },
	[SRXFLOW_A_APP_DESCRIPTION]	= TEXT_POLICY,
	[SRXFLOW_A_APP_ALG]		= { .type = NLA_REJECT },
};

const struct nla_policy sxf_appset_policy[SRXFLOW_A_APPSET_MAX + 1] = {
	[SRXFLOW_A_APPSET_NAME]		= NAME_POLICY,
	[SRXFLOW_A_APPSET_APP]		= NAME_POLICY,
	[SRXFLOW_A_APPSET_SET]		= NAME_POLICY,
	[SRXFLOW_A_APPSET_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_policy_policy[SRXFLOW_A_POL_MAX + 1] = {
	[SRXFLOW_A_POL_FROM_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_POL_TO_ZONE]		= NAME_POLICY,
	[SRXFLOW_A_POL_NAME]		= NAME_POLICY,
	[SRXFLOW_A_POL_SRC_ADDR]	= NAME_POLICY,
	[SRXFLOW_A_POL_DST_ADDR]	= NAME_POLICY,
	[SRXFLOW_A_POL_APP]		= NAME_POLICY,
	[SRXFLOW_A_POL_MATCH_FROM_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_POL_MATCH_TO_ZONE]	= NAME_POLICY,
	[SRXFLOW_A_POL_ACTION]		= NLA_POLICY_MAX(NLA_U8, SRXFLOW_ACTION_REJECT),
	[SRXFLOW_A_POL_COUNT]		= { .type = NLA_FLAG },
	[SRXFLOW_A_POL_LOG_INIT]	= { .type = NLA_FLAG },
	[SRXFLOW_A_POL_LOG_CLOSE]	= { .type = NLA_FLAG },
	[SRXFLOW_A_POL_INDEX]		= { .type = NLA_U32 },	/* ignored */
	[SRXFLOW_A_POL_DESCRIPTION]	= TEXT_POLICY,
};

const struct nla_policy sxf_policies_policy[SRXFLOW_A_POLS_MAX + 1] = {
	[SRXFLOW_A_POLS_DEFAULT]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_DEFAULT_PERMIT_ALL),
	[SRXFLOW_A_POLS_REMATCH]	= { .type = NLA_FLAG },
};

const struct nla_policy sxf_flow_policy[SRXFLOW_A_FLOW_MAX + 1] = {
	[SRXFLOW_A_FLOW_TCP_INITIAL_TIMEOUT]	= { .type = NLA_U32 },
	[SRXFLOW_A_FLOW_NO_SYN_CHECK]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_STRICT_SYN_CHECK]	= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_NO_SEQUENCE_CHECK]	= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_RST_INVALIDATE]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_FIN_INVALIDATE]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_TIME_WAIT]		= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_TIME_WAIT_TIMEOUT]	= { .type = NLA_U32 },
	[SRXFLOW_A_FLOW_EARLY_AGEOUT]		= { .type = NLA_U32 },
	[SRXFLOW_A_FLOW_HIGH_WATERMARK]		= { .type = NLA_U32 },
	[SRXFLOW_A_FLOW_LOW_WATERMARK]		= { .type = NLA_U32 },
	[SRXFLOW_A_FLOW_REVERSE_ROUTE_PKT_MODE]	= { .type = NLA_FLAG },
	[SRXFLOW_A_FLOW_ROUTE_CHANGE_TIMEOUT]	= { .type = NLA_U32 },
	[SRXFLOW_A_FLOW_MAX_SESSIONS]		= { .type = NLA_U32 },
};

const struct nla_policy sxf_fwd_policy[SRXFLOW_A_FWD_MAX + 1] = {
	[SRXFLOW_A_FWD_INET_MODE]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_FWD_DROP),
	[SRXFLOW_A_FWD_INET6_MODE]	= NLA_POLICY_MAX(NLA_U8, SRXFLOW_FWD_DROP),
};

const struct nla_policy sxf_tfilter_policy[SRXFLOW_A_TFLT_MAX + 1] = {
	[SRXFLOW_A_TFLT_NAME]		= NAME_POLICY,
	[SRXFLOW_A_TFLT_SRC_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_TFLT_DST_PREFIX]	= PREFIX_POLICY,
	[SRXFLOW_A_TFLT_PROTOCOL]	= { .type = NLA_U8 },
	[SRXFLOW_A_TFLT_SPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_TFLT_DPORT]		= { .type = NLA_U32 },
	[SRXFLOW_A_TFLT_IFACE]		= IFNAME_POLICY,
};

const struct nla_policy sxf_trace_policy[SRXFLOW_A_TRACE_MAX + 1] = {
	[SRXFLOW_A_TRACE_FILE]		= NAME_POLICY,
	[SRXFLOW_A_TRACE_FILE_SIZE]	= { .type = NLA_U32 },
	[SRXFLOW_A_TRACE_FILE_FILES]	= { .type = NLA_U32 },
	[SRXFLOW_A_TRACE_FLAG]		= NLA_POLICY_MAX(NLA_U32, __SRXFLOW_TRACE_MAX - 1),
	[SRXFLOW_A_TRACE_FILTER]	= NLA_POLICY_NESTED(sxf_tfilter_policy),
	[SRXFLOW_A_TRACE_RATE_LIMIT]	= { .type = NLA_U32 },
	[SRXFLOW_A_TRACE_DEBUG_BUF]	= { .type = NLA_U32 },
};

/* commands that take no attributes */
static const struct nla_policy sxf_empty_policy[SRXFLOW_A_MAX + 1] = {
};

static const struct nla_policy sxf_txn_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_GENERATION]		= { .type = NLA_U64 },
	[SRXFLOW_A_TXN_ID]		= { .type = NLA_U32 },
	[SRXFLOW_A_COMMIT_FLAGS]	= NLA_POLICY_MASK(NLA_U32, SRXFLOW_COMMIT_CHECK),
};

static const struct nla_policy sxf_cfg_add_policy[SRXFLOW_A_MAX + 1] = {
	[SRXFLOW_A_TXN_ID]		= { .type = NLA_U32 },
	[SRXFLOW_A_CFG_ZONE]		= NLA_POLICY_NESTED(sxf_zone_policy),
	[SRXFLOW_A_CFG_ADDRESS]		= NLA_POLICY_NESTED(sxf_addr_policy),
	[SRXFLOW_A_CFG_ADDRESS_SET]	= NLA_POLICY_NESTED(sxf_aset_policy),
	[SRXFLOW_A_CFG_APPLICATION]	= NLA_POLICY_NESTED(sxf_app_policy),
	[SRXFLOW_A_CFG_APPLICATION_SET]	= NLA_POLICY_NESTED(sxf_appset_policy),
	[SRXFLOW_A_CFG_POLICY]		= NLA_POLICY_NESTED(sxf_policy_policy),
	[SRXFLOW_A_CFG_POLICIES]	= NLA_POLICY_NESTED(sxf_policies_policy),
	[SRXFLOW_A_CFG_FLOW]		= NLA_POLICY_NESTED(sxf_flow_policy),
	[SRXFLOW_A_CFG_FWD]		= NLA_POLICY_NESTED(sxf_fwd_policy),
	[SRXFLOW_A_CFG_TRACE]		= NLA_POLICY_NESTED(sxf_trace_policy),
};

/* --- helpers -------------------------------------------------------------------------- */
static struct sxf_net *info_sn(struct genl_info *info)
{
	return sxf_pernet(genl_info_net(info));
}

static void *put_reply(struct sk_buff **msgp, struct genl_info *info, u8 cmd)
{
	void *hdr;

	*msgp = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!*msgp)
		return NULL;
	hdr = genlmsg_put_reply(*msgp, info, &sxf_genl_family, 0, cmd);
	if (!hdr) {
		nlmsg_free(*msgp);
		*msgp = NULL;
	}
	return hdr;
}

static void *put_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &sxf_genl_family, NLM_F_MULTI, cmd);
}

/* --- GET_STATUS ----------------------------------------------------------------------- */
static int sxf_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	const struct sxf_cfg *cfg;
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;

	hdr = put_reply(&msg, info, SRXFLOW_CMD_GET_STATUS);
	if (!hdr)
		return -ENOMEM;
	rcu_read_lock();
	cfg = rcu_dereference(sn->cfg);
	if (nla_put_string(msg, SRXFLOW_A_VERSION, SRXFLOW_VERSION) ||
	    nla_put_u64_64bit(msg, SRXFLOW_A_GENERATION, cfg->generation, SRXFLOW_A_PAD))
		goto nospace;
	nest = nla_nest_start(msg, SRXFLOW_A_STATUS);
	if (!nest)
		goto nospace;
	if (nla_put_u8(msg, SRXFLOW_A_STATUS_INET_MODE, cfg->flow.mode[0]) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_INET6_MODE, cfg->flow.mode[1]) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_REVERSE_ROUTE, cfg->flow.rr_packet_mode) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_TRACE_ON, cfg->trace.configured) ||
	    nla_put_u32(msg, SRXFLOW_A_STATUS_MAX_SESSIONS, cfg->flow.max_sessions) ||
	    nla_put_u32(msg, SRXFLOW_A_STATUS_TRACE_FILTERS, cfg->trace.nfilters))
		goto nospace;
	nla_nest_end(msg, nest);
	rcu_read_unlock();
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	rcu_read_unlock();
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* --- configuration transactions ------------------------------------------------------- */
static struct sxf_txn *txn_find(struct sxf_net *sn, struct genl_info *info)
{
	struct sxf_txn *txn;
	u32 id;

	if (!info->attrs[SRXFLOW_A_TXN_ID]) {
		NL_SET_ERR_MSG(info->extack, "missing transaction id");
		return NULL;
	}
	id = nla_get_u32(info->attrs[SRXFLOW_A_TXN_ID]);
	list_for_each_entry(txn, &sn->txns, list)
		if (txn->id == id && txn->portid == info->snd_portid)
			return txn;
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SRXFLOW_A_TXN_ID],
			    "unknown transaction (it belongs to the socket that began it)");
	return NULL;
}

static void txn_free(struct sxf_txn *txn)
{
	list_del(&txn->list);
	if (txn->cfg)
		sxf_cfg_put(txn->cfg);
	kfree(txn);
}

static int sxf_nl_cfg_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn, *t;
	struct sk_buff *msg;
	void *hdr;
	int n = 0, err;

	if (!info->attrs[SRXFLOW_A_GENERATION]) {
		NL_SET_ERR_MSG(info->extack, "missing the generation the change is based on");
		return -EINVAL;
	}
	mutex_lock(&sn->txn_lock);
	list_for_each_entry(t, &sn->txns, list)
		n++;
	if (n >= SXF_MAX_TXNS) {
		mutex_unlock(&sn->txn_lock);
		NL_SET_ERR_MSG(info->extack, "too many open configuration transactions");
		return -EBUSY;
	}
	txn = kzalloc(sizeof(*txn), GFP_KERNEL_ACCOUNT);
	if (txn)
		txn->cfg = sxf_cfg_alloc();
	if (!txn || !txn->cfg) {
		mutex_unlock(&sn->txn_lock);
		kfree(txn);
		return -ENOMEM;
	}
	txn->id = ++sn->next_txn_id;
	txn->portid = info->snd_portid;
	txn->base_gen = nla_get_u64(info->attrs[SRXFLOW_A_GENERATION]);
	list_add_tail(&txn->list, &sn->txns);

	err = -ENOMEM;
	hdr = put_reply(&msg, info, SRXFLOW_CMD_CFG_BEGIN);
	if (hdr && !nla_put_u32(msg, SRXFLOW_A_TXN_ID, txn->id)) {
		genlmsg_end(msg, hdr);
		err = genlmsg_reply(msg, info);
	} else if (hdr) {
		nlmsg_free(msg);
	}
	if (err)
		txn_free(txn);
	mutex_unlock(&sn->txn_lock);
	return err;
}

static int sxf_nl_cfg_add(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn;
	struct nlattr *a;
	int rem, err = 0;

	mutex_lock(&sn->txn_lock);
	txn = txn_find(sn, info);
	if (!txn) {
		err = -ENOENT;
		goto out;
	}
	if (txn->failed) {
		NL_SET_ERR_MSG(info->extack, "transaction already failed; abort it");
		err = -EINVAL;
		goto out;
	}
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		u16 type = nla_type(a);

		if (type < SRXFLOW_A_CFG_ZONE || type > SRXFLOW_A_CFG_TRACE)
			continue;
		if (nla_len(a) > 60000) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "configuration object too large (max 60000 bytes)");
			err = -E2BIG;
		} else {
			err = sxf_cfg_add(txn->cfg, type, a, info->extack);
		}
		if (err) {
			txn->failed = true;
			break;
		}
	}
out:
	mutex_unlock(&sn->txn_lock);
	return err;
}

static int sxf_nl_cfg_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn;
	struct sk_buff *msg;
	bool check;
	u64 gen;
	void *hdr;
	int err;

	check = info->attrs[SRXFLOW_A_COMMIT_FLAGS] &&
		(nla_get_u32(info->attrs[SRXFLOW_A_COMMIT_FLAGS]) & SRXFLOW_COMMIT_CHECK);
	mutex_lock(&sn->txn_lock);
	txn = txn_find(sn, info);
	if (!txn) {
		mutex_unlock(&sn->txn_lock);
		return -ENOENT;
	}
	if (txn->failed) {
		NL_SET_ERR_MSG(info->extack, "transaction had errors; nothing committed");
		err = -EINVAL;
	} else {
		err = sxf_cfg_commit(sn, txn, check, info->extack);
	}
	gen = sn->generation;
	txn_free(txn);		/* the transaction ends here, committed or not */
	mutex_unlock(&sn->txn_lock);
	if (err)
		return err;

	hdr = put_reply(&msg, info, SRXFLOW_CMD_CFG_COMMIT);
	if (!hdr)
		return -ENOMEM;
	if (nla_put_u64_64bit(msg, SRXFLOW_A_GENERATION, gen, SRXFLOW_A_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int sxf_nl_cfg_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = info_sn(info);
	struct sxf_txn *txn;

	mutex_lock(&sn->txn_lock);
	txn = txn_find(sn, info);
	if (txn)
		txn_free(txn);
	mutex_unlock(&sn->txn_lock);
	return txn ? 0 : -ENOENT;
}

/* --- CFG_GET: the running configuration, a consistent snapshot ------------------------ */
struct cfg_dump {
	struct sxf_cfg *cfg;
	u32 next;
};

static int sxf_nl_cfg_get_start(struct netlink_callback *cb)
{
	struct sxf_net *sn = sxf_pernet(sock_net(cb->skb->sk));
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;
	u32 i, max = 0;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	d->cfg = sxf_cfg_get_rcu(sn);
	d->next = 0;
	if (!d->cfg)
		return -ENOENT;
	for (i = 0; i < d->cfg->nr_blobs; i++)
		max = max(max, d->cfg->blobs[i]->len);
	cb->min_dump_alloc = min_t(u32, U16_MAX, max + 1024);
	return 0;
}

static int sxf_nl_cfg_get_done(struct netlink_callback *cb)
{
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;

	sxf_cfg_put(d->cfg);
	return 0;
}

static int put_blob(struct sk_buff *skb, const struct sxf_blob *b)
{
	struct nlattr *nest = nla_nest_start(skb, b->type);
	void *data;

	if (!nest)
		return -EMSGSIZE;
	data = nla_reserve_nohdr(skb, b->len);
	if (!data)
		goto cancel;
	memcpy(data, b->data, b->len);
	if (b->type == SRXFLOW_A_CFG_POLICY && b->obj &&
	    nla_put_u32(skb, SRXFLOW_A_POL_INDEX, ((struct sxf_policy *)b->obj)->index))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int sxf_nl_cfg_get_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cfg_dump *d = (struct cfg_dump *)cb->ctx;
	const struct sxf_cfg *cfg = d->cfg;
	int n = 0;
	void *hdr;

	if (d->next > cfg->nr_blobs)
		return 0;	/* done */
	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_CFG_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, SRXFLOW_A_GENERATION, cfg->generation, SRXFLOW_A_PAD))
		goto full;
	while (d->next < cfg->nr_blobs) {
		if (put_blob(skb, cfg->blobs[d->next]))
			break;
		d->next++;
		n++;
	}
	if (d->next < cfg->nr_blobs && !n)
		goto full;	/* one object larger than a message */
	if (d->next == cfg->nr_blobs)
		d->next++;	/* every object sent */
	genlmsg_end(skb, hdr);
	return skb->len;
full:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* --- APP_GET: predefined applications -------------------------------------------------- */
static int put_app(struct sk_buff *skb, const struct sxf_app *a)
{
	struct nlattr *nest = nla_nest_start(skb, SRXFLOW_A_CFG_APPLICATION);
	bool ports = a->proto == IPPROTO_TCP || a->proto == IPPROTO_UDP;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, SRXFLOW_A_APP_NAME, a->name) ||
	    (!a->any_proto && nla_put_u8(skb, SRXFLOW_A_APP_PROTOCOL, a->proto)) ||
	    (ports && (a->dp_lo || a->dp_hi != 65535) &&
	     nla_put_u32(skb, SRXFLOW_A_APP_DPORT, SRXFLOW_PORTS(a->dp_lo, a->dp_hi))) ||
	    (a->icmp_type >= 0 && nla_put_u8(skb, SRXFLOW_A_APP_ICMP_TYPE, a->icmp_type)) ||
	    (a->timeout && nla_put_u32(skb, SRXFLOW_A_APP_TIMEOUT, a->timeout)) ||
	    (a->alg && nla_put_string(skb, SRXFLOW_A_APP_ALG, a->alg))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int sxf_nl_app_get_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct sxf_app *apps;
	u32 n, i = cb->args[0];
	void *hdr;

	apps = sxf_predefined_apps(&n);
	if (i >= n)
		return 0;
	hdr = put_dump_hdr(skb, cb, SRXFLOW_CMD_APP_GET);
	if (!hdr)
		return -EMSGSIZE;
	for (; i < n; i++)
		if (put_app(skb, &apps[i]))
			break;
	cb->args[0] = i;
	genlmsg_end(skb, hdr);
	return skb->len;
}

/* --- the family ---------------------------------------------------------------------------- */
static const struct genl_ops sxf_genl_ops[] = {
	{
		.cmd	= SRXFLOW_CMD_GET_STATUS,
		.doit	= sxf_nl_get_status,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_GET,
		.start	= sxf_nl_cfg_get_start,
		.dumpit	= sxf_nl_cfg_get_dump,
		.done	= sxf_nl_cfg_get_done,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_BEGIN,
		.doit	= sxf_nl_cfg_begin,
		.policy	= sxf_txn_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_ADD,
		.doit	= sxf_nl_cfg_add,
		.policy	= sxf_cfg_add_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_COMMIT,
		.doit	= sxf_nl_cfg_commit,
		.policy	= sxf_txn_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_CFG_ABORT,
		.doit	= sxf_nl_cfg_abort,
		.policy	= sxf_txn_policy,
		.maxattr = SRXFLOW_A_MAX,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SRXFLOW_CMD_APP_GET,
		.dumpit	= sxf_nl_app_get_dump,
		.policy	= sxf_empty_policy,
		.maxattr = SRXFLOW_A_MAX,
	},
};

static struct genl_family sxf_genl_family __ro_after_init = {
	.name		= SRXFLOW_GENL_NAME,
	.version	= SRXFLOW_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= false,
	.module		= THIS_MODULE,
	.ops		= sxf_genl_ops,
	.n_ops		= ARRAY_SIZE(sxf_genl_ops),
	.resv_start_op	= SRXFLOW_CMD_MAX + 1,
};

int __init sxf_genl_init(void)
{
	return genl_register_family(&sxf_genl_family);
}

void sxf_genl_exit(void)
{
	genl_unregister_family(&sxf_genl_family);
}
