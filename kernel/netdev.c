// SPDX-License-Identifier: GPL-2.0
/*
 * Interfaces appearing, disappearing or renamed (the interface map
 * follows), interface addresses going away (the interface NAT sessions
 * on them end), and netlink sockets closing (their transactions end).
 *
 * The netdevice notifier outlives the namespaces' state: at unload it is
 * unregistered after the pernet operations, so that a namespace deleted
 * meanwhile still has its devices unhooked (services-offload holds a
 * reference on every hooked device, see offload.c).  It finds a
 * namespace's state through a registry of the live ones (under RTNL), not
 * net_generic(), which points to freed memory once that namespace's exit
 * has run.
 */
#include <linux/rtnetlink.h>
#include <linux/hashtable.h>
#include <linux/netdevice.h>
#include <linux/inetdevice.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "offload.h"

/* namespaces between their pernet init and exit, by struct net (RTNL) */
static DEFINE_HASHTABLE(sxf_live_nets, 6);

/* the end of the namespace's init: the notifier may use it from now on */
void sxf_net_live_add(struct sxf_net *sn)
{
	rtnl_lock();
	hash_add(sxf_live_nets, &sn->live, (unsigned long)sn->net);
	rtnl_unlock();
}

/* its exit (RTNL): the notifier leaves it alone from now on */
void sxf_net_live_del(struct sxf_net *sn)
{
	ASSERT_RTNL();
	hash_del(&sn->live);
}

static struct sxf_net *sxf_net_live(const struct net *net)
{
	struct sxf_net *sn;

	hash_for_each_possible(sxf_live_nets, sn, live, (unsigned long)net)
		if (sn->net == net)
			return sn;
	return NULL;
}

static int sxf_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct sxf_net *sn;
	struct sxf_cfg *cfg;

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_UNREGISTER:
	case NETDEV_CHANGENAME:
		break;
	default:
		return NOTIFY_DONE;
	}
	ASSERT_RTNL();
	sn = sxf_net_live(dev_net(dev));
	if (!sn)
		return NOTIFY_DONE;	/* its exit has run: nothing of it is hooked */
	cfg = rtnl_dereference(sn->cfg);
	if (!cfg || !cfg->nr_ifaces) {
		sxf_offload_sync(sn, cfg);	/* (nothing to do unless it had hooks) */
		return NOTIFY_DONE;
	}
	/* rebuild when the device is (or was) bound by name, Junos name or index */
	if (sxf_names_find(&cfg->names, SXF_OBJ_IFACE, 0, dev->name) ||
	    sxf_names_find(&cfg->names, SXF_OBJ_IFBDEV, 0, dev->name) ||
	    sxf_ifmap_lookup(rtnl_dereference(cfg->ifmap), dev->ifindex)) {
		if (sxf_ifmap_rebuild(sn, cfg))
			pr_warn_ratelimited("srxflow: cannot rebuild the interface map (out of memory)\n");
	}
	/* services-offload: hook an interface that appeared, unhook one going away */
	sxf_offload_sync(sn, cfg);
	/*
	 * A namespace being dismantled loses all its sessions at once in
	 * pernet exit; a walk per device would cost devices x sessions.  The
	 * routes the sessions hold no longer pin the device (dst_dev_put()).
	 */
	if (event == NETDEV_UNREGISTER && check_net(dev_net(dev)))
		sxf_sessions_flush_dev(sn, dev);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_netdev_nb = {
	.notifier_call = sxf_netdev_event,
};

/* --- interface addresses ------------------------------------------------------------ */

/* an address went away (RTNL) */
static void addr_gone(struct net *net, u8 family, const void *addr)
{
	struct sxf_net *sn;

	ASSERT_RTNL();
	sn = sxf_net_live(net);
	if (sn && check_net(net))
		sxf_sessions_flush_snat_addr(sn, family, addr);
}

static int sxf_inetaddr_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	const struct in_ifaddr *ifa = ptr;

	if (event == NETDEV_DOWN)
		addr_gone(dev_net(ifa->ifa_dev->dev), AF_INET, &ifa->ifa_local);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_inetaddr_nb = {
	.notifier_call = sxf_inetaddr_event,
};

/*
 * IPv6's address notifier is atomic (an address's lifetime ending runs it
 * from a timer's work too, under RCU): the walk goes to sxf_wq, at most
 * SXF_ADDR_WORK_MAX of them pending, as nf_nat_masquerade bounds its own.
 */
#define SXF_ADDR_WORK_MAX	16

struct sxf_addr_work {
	struct work_struct work;
	struct net *net;
	struct in6_addr addr;
};

static atomic_t sxf_addr_works = ATOMIC_INIT(0);

static void addr6_gone_work(struct work_struct *work)
{
	struct sxf_addr_work *w = container_of(work, struct sxf_addr_work, work);

	rtnl_lock();
	addr_gone(w->net, AF_INET6, &w->addr);
	rtnl_unlock();
	put_net(w->net);
	kfree(w);
	atomic_dec(&sxf_addr_works);
}

static int sxf_inet6addr_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	const struct inet6_ifaddr *ifa = ptr;
	struct sxf_addr_work *w;
	struct net *net;

	if (event != NETDEV_DOWN || (ipv6_addr_type(&ifa->addr) & IPV6_ADDR_LINKLOCAL))
		return NOTIFY_DONE;	/* (interface NAT never takes a link-local one) */
	if (atomic_inc_return(&sxf_addr_works) > SXF_ADDR_WORK_MAX)
		goto out;
	w = kmalloc(sizeof(*w), GFP_ATOMIC);
	if (!w)
		goto out;
	net = maybe_get_net(dev_net(ifa->idev->dev));
	if (!net) {
		kfree(w);
		goto out;	/* being dismantled: its sessions go with it */
	}
	INIT_WORK(&w->work, addr6_gone_work);
	w->net = net;
	w->addr = ifa->addr;
	queue_work(sxf_wq, &w->work);
	return NOTIFY_DONE;
out:
	atomic_dec(&sxf_addr_works);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_inet6addr_nb = {
	.notifier_call = sxf_inet6addr_event,
};

/* after the pernet operations: a namespace's state exists when they run */
int sxf_addr_notifier_init(void)
{
	int err = register_inetaddr_notifier(&sxf_inetaddr_nb);

	if (err)
		return err;
	err = register_inet6addr_notifier(&sxf_inet6addr_nb);
	if (err)
		unregister_inetaddr_notifier(&sxf_inetaddr_nb);
	return err;
}

/*
 * Before the pernet operations: no walk is queued after this returns
 * (the atomic chain's unregistration waits for its callers), and those
 * queued are done, their namespaces' references dropped.
 */
void sxf_addr_notifier_exit(void)
{
	unregister_inet6addr_notifier(&sxf_inet6addr_nb);
	unregister_inetaddr_notifier(&sxf_inetaddr_nb);
	flush_workqueue(sxf_wq);
}

static int sxf_netlink_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC && n->portid)
		sxf_cfg_release_portid(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_netlink_nb = {
	.notifier_call = sxf_netlink_event,
};

/* before the pernet operations: a device that comes or goes meanwhile is seen */
int sxf_netdev_init(void)
{
	return register_netdevice_notifier(&sxf_netdev_nb);
}

/* after the pernet operations: their exits unhooked every device */
void sxf_netdev_exit(void)
{
	unregister_netdevice_notifier(&sxf_netdev_nb);
}

/* after the pernet operations, before the family */
int sxf_netlink_notifier_init(void)
{
	return netlink_register_notifier(&sxf_netlink_nb);
}

/*
 * Before the pernet operations: the transactions it ends are the
 * namespaces' state (a live namespace's, at unload).
 */
void sxf_netlink_notifier_exit(void)
{
	netlink_unregister_notifier(&sxf_netlink_nb);
}
