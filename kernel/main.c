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
#include <linux/rtnetlink.h>
#include <linux/init.h>
#include "srxflow.h"
#include "config.h"
#include "policy.h"
#include "trace.h"
#include "droprec.h"
#include "screen.h"
#include "nat.h"
#include "offload.h"
#include "alg.h"

#ifndef SRXFLOW_VERSION
#define SRXFLOW_VERSION "unknown"
#endif

unsigned int sxf_net_id __read_mostly;
struct workqueue_struct *sxf_wq __read_mostly;

static int __net_init sxf_net_init(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);
	int err;

	sn->net = net;
	sxf_addr_net_init(sn);
	sxf_reject_net_init(sn);
	sxf_offload_net_init(sn);
	err = sxf_stats_init(sn);
	if (err)
		return err;
	err = sxf_cfg_net_init(sn);
	if (err)
		goto err_stats;
	err = sxf_sessions_init(sn);
	if (err)
		goto err_cfg;
	err = sxf_droprec_init(sn);
	if (err)
		goto err_sessions;
	err = sxf_alg_net_init(sn);
	if (err)
		goto err_droprec;
	sxf_trace_init(sn);
	/* hooks: registered by the first commit that binds an interface */
	sxf_net_live_add(sn);
	return 0;

err_droprec:
	sxf_droprec_exit(sn);
err_sessions:
	sxf_sessions_exit(sn);
err_cfg:
	sxf_cfg_net_exit(sn);
err_stats:
	sxf_stats_exit(sn);
	return err;
}

/*
 * Per namespace, first: no packet enters srxflow after this.  A packet
 * that entered a hook before (another CPU, softirq) may still be using
 * the sessions, the table, the configuration and the statistics:
 * nf_unregister_net_hook() does not wait for it (the hook entries are
 * freed by call_rcu()).  Nothing is freed here; sxf_net_exit_batch()
 * frees after a grace period.
 */
static void __net_exit sxf_net_exit(struct net *net)
{
	struct sxf_net *sn = sxf_pernet(net);

	rtnl_lock();
	sxf_net_live_del(sn);		/* the netdevice notifier leaves it alone */
	sxf_offload_net_exit(sn);	/* the ingress hooks first */
	rtnl_unlock();
	sxf_hooks_unregister(net);
	sxf_nat_proxy_unregister(sn);
}

static void __net_exit sxf_net_free(struct sxf_net *sn)
{
	/* (queued only with a reference: at unload, flushed before this) */
	cancel_work_sync(&sn->addr6_work);
	sxf_trace_exit(sn);
	sxf_sessions_exit(sn);
	sxf_alg_net_exit(sn);		/* after the sessions: their gates are gone */
	/* a trace line written by the ageing work before it stopped may have kicked it */
	cancel_delayed_work_sync(&sn->trace.push);
	sxf_droprec_exit(sn);
	sxf_screen_net_exit(sn);
	sxf_cfg_net_exit(sn);
	sxf_policy_stats_exit(sn);
	sxf_stats_exit(sn);
}

/*
 * After every namespace's hooks are gone (sxf_net_exit()): one grace
 * period for the batch, then no packet is inside a hook any more (at
 * module unload the namespaces are alive and their packets were still
 * flowing), and what they used can be freed.
 */
static void __net_exit sxf_net_exit_batch(struct list_head *net_exit_list)
{
	struct net *net;

	synchronize_net();
	list_for_each_entry(net, net_exit_list, exit_list)
		sxf_net_free(sxf_pernet(net));
}

static struct pernet_operations sxf_net_ops = {
	.init = sxf_net_init,
	.exit = sxf_net_exit,
	.exit_batch = sxf_net_exit_batch,
	.id   = &sxf_net_id,
	.size = sizeof(struct sxf_net),
};

static int __init sxf_module_init(void)
{
	int err;

	/* before anything can commit or reject: plain insmod loads them here */
	err = sxf_deps_init();
	if (err)
		return err;
	sxf_wq = alloc_workqueue("srxflow", WQ_UNBOUND, 0);
	if (!sxf_wq) {
		err = -ENOMEM;
		goto err_deps;
	}
	err = sxf_session_module_init();
	if (err)
		goto err_wq;
	err = sxf_netdev_init();
	if (err)
		goto err_cache;
	err = register_pernet_subsys(&sxf_net_ops);
	if (err)
		goto err_netdev;
	err = sxf_netlink_notifier_init();
	if (err)
		goto err_pernet;
	err = sxf_addr_notifier_init();
	if (err)
		goto err_netlink;
	err = sxf_genl_init();
	if (err)
		goto err_addr;

	sxf_debug_inject_load();
	pr_info("version %s loaded\n", SRXFLOW_VERSION);
	return 0;

err_addr:
	sxf_addr_notifier_exit();
err_netlink:
	sxf_netlink_notifier_exit();
err_pernet:
	unregister_pernet_subsys(&sxf_net_ops);
	rcu_barrier();
err_netdev:
	sxf_netdev_exit();
err_cache:
	sxf_session_module_exit();
err_wq:
	destroy_workqueue(sxf_wq);
err_deps:
	sxf_deps_exit();
	return err;
}

/*
 * The netdevice notifier goes after the pernet operations: a namespace
 * deleted during the unload has its devices unregistered either before
 * unregister_pernet_subsys() (which waits for that namespace's cleanup)
 * with the notifier unhooking them, or after it, when no hook of the
 * module is left.  Were it unregistered first, a namespace deleted in
 * between would wait forever for the device references of its
 * services-offload hooks, while the unload waits for that deletion.
 */
static void __exit sxf_module_exit(void)
{
	sxf_genl_exit();
	sxf_addr_notifier_exit();
	sxf_netlink_notifier_exit();
	unregister_pernet_subsys(&sxf_net_ops);
	sxf_netdev_exit();
	/*
	 * Wait for every call_rcu() callback queued by this module (they
	 * queue the freeing of old generations), then for that work.
	 */
	rcu_barrier();
	destroy_workqueue(sxf_wq);
	sxf_session_module_exit();
	sxf_deps_exit();
	pr_info("unloaded\n");
}

module_init(sxf_module_init);
module_exit(sxf_module_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("srxflow developers");
MODULE_DESCRIPTION("Juniper-SRX-style stateful flow engine (zones, policies, sessions)");
MODULE_VERSION(SRXFLOW_VERSION);
MODULE_ALIAS_GENL_FAMILY(SRXFLOW_GENL_NAME);
