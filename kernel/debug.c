// SPDX-License-Identifier: GPL-2.0
/*
 * Debug build only (make debug, SRXFLOW_DEBUG): planted bugs that prove
 * the debug-kernel lane catches what it claims (tests/debug-kernel/
 * prove-lane).  Off unless the module is loaded with inject=BUG:
 *
 *   uaf        use-after-free, on every GET_STATUS   -> KASAN
 *   rcu        a session-table lookup outside RCU    -> PROVE_RCU
 *   lockorder  RTNL then txn_lock (the commit takes txn_lock then RTNL)
 *                                                    -> lockdep
 *   leak       an allocation never freed, at load    -> kmemleak after unload
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/rtnetlink.h>
#include "srxflow.h"

static char *inject = "";
module_param(inject, charp, 0444);
MODULE_PARM_DESC(inject, "debug builds: plant a bug (uaf, rcu, lockorder, leak)");

static void *sxf_leaked;

void sxf_debug_inject_load(void)
{
	if (!strcmp(inject, "leak")) {
		sxf_leaked = kmalloc(256, GFP_KERNEL);
		pr_warn("srxflow: planted bug 'leak' (%p)\n", sxf_leaked);
		sxf_leaked = NULL;	/* forget it: nobody frees it */
	}
}

void sxf_debug_inject_status(struct sxf_net *sn)
{
	if (!strcmp(inject, "uaf")) {
		char *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return;
		kfree(p);
		pr_warn("srxflow: planted bug 'uaf': %d\n", READ_ONCE(p[8]));
	} else if (!strcmp(inject, "rcu")) {
		struct sxf_tuple t = { .family = AF_INET };

		/* no rcu_read_lock(): PROVE_RCU reports the rhashtable access */
		pr_warn("srxflow: planted bug 'rcu': %p\n", sxf_session_lookup(sn, &t));
	} else if (!strcmp(inject, "lockorder")) {
		rtnl_lock();
		mutex_lock(&sn->txn_lock);
		pr_warn("srxflow: planted bug 'lockorder'\n");
		mutex_unlock(&sn->txn_lock);
		rtnl_unlock();
	}
}
