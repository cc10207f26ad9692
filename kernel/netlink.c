// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "srxflow": every command, attribute policy and
 * dump of the module lives here.  The ABI is include/uapi/linux/srxflow.h,
 * described in Documentation/netlink/specs/srxflow.yaml.
 *
 * Operations are not parallel (parallel_ops = false): doit handlers run
 * under genl_mutex, which also serialises configuration transactions.
 */
#include <linux/kernel.h>
#include <net/genetlink.h>
#include "srxflow.h"

static struct genl_family sxf_genl_family;

static const struct nla_policy sxf_status_policy[SRXFLOW_A_MAX + 1] = {
};

static void *sxf_genl_put(struct sk_buff *skb, struct genl_info *info, u8 cmd)
{
	return genlmsg_put_reply(skb, info, &sxf_genl_family, 0, cmd);
}

static int sxf_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sxf_net *sn = sxf_pernet(genl_info_net(info));
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = sxf_genl_put(msg, info, SRXFLOW_CMD_GET_STATUS);
	if (!hdr)
		goto nospace;
	if (nla_put_string(msg, SRXFLOW_A_VERSION, SRXFLOW_VERSION))
		goto nospace;
	nest = nla_nest_start(msg, SRXFLOW_A_STATUS);
	if (!nest)
		goto nospace;
	if (nla_put_u8(msg, SRXFLOW_A_STATUS_INET_MODE, SRXFLOW_FWD_FLOW_BASED) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_INET6_MODE, SRXFLOW_FWD_FLOW_BASED) ||
	    nla_put_u8(msg, SRXFLOW_A_STATUS_TRACE_ON, 0))
		goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	(void)sn;
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops sxf_genl_ops[] = {
	{
		.cmd	= SRXFLOW_CMD_GET_STATUS,
		.doit	= sxf_nl_get_status,
		.policy	= sxf_status_policy,
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
