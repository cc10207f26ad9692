// SPDX-License-Identifier: GPL-2.0
/*
 * srxflow - a Juniper-SRX-style stateful flow engine.
 *
 * Module life cycle and per-network-namespace state.  Every namespace gets
 * its own struct sxf_net (configuration, session table, statistics) and its
 * own netfilter hooks; the generic netlink family is global and dispatches
 * to the caller's namespace.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/init.h>
#include "srxflow.h"

#ifndef SRXFLOW_VERSION
#define SRXFLOW_VERSION "unknown"
#endif

unsigned int sxf_net_id __read_mostly;

static int __net_init sxf_net_init(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);
	int err;

	sn->net = net;
	err = sxf_stats_init(sn);
	if (err)
		return err;
	err = sxf_hooks_register(net);
	if (err)
		goto err_stats;
	return 0;

err_stats:
	sxf_stats_exit(sn);
	return err;
}

static void __net_exit sxf_net_exit(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);

	sxf_hooks_unregister(net);
	sxf_stats_exit(sn);
}

static struct pernet_operations sxf_net_ops = {
	.init = sxf_net_init,
	.exit = sxf_net_exit,
	.id   = &sxf_net_id,
	.size = sizeof(struct sxf_net),
};

static int __init sxf_module_init(void)
{
	int err;

	err = register_pernet_subsys(&sxf_net_ops);
	if (err)
		return err;
	err = sxf_genl_init();
	if (err)
		goto err_pernet;

	pr_info("version %s loaded\n", SRXFLOW_VERSION);
	return 0;

err_pernet:
	unregister_pernet_subsys(&sxf_net_ops);
	return err;
}

static void __exit sxf_module_exit(void)
{
	sxf_genl_exit();
	unregister_pernet_subsys(&sxf_net_ops);
	/* Wait for every call_rcu() callback queued by this module. */
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(sxf_module_init);
module_exit(sxf_module_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("srxflow developers");
MODULE_DESCRIPTION("Juniper-SRX-style stateful flow engine (zones, policies, sessions)");
MODULE_VERSION(SRXFLOW_VERSION);
MODULE_ALIAS_GENL_FAMILY(SRXFLOW_GENL_NAME);
