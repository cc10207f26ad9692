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
#include <net/addrconf.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "offload.h"
#include "engine.h"

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
	const struct sxf_ifent *e;
	int was = -1, now = -1;
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
		e = sxf_ifmap_lookup(rtnl_dereference(cfg->ifmap), dev->ifindex);
		was = e ? e->zone : -1;
		if (sxf_ifmap_rebuild(sn, cfg)) {
			pr_warn_ratelimited("srxflow: cannot rebuild the interface map (out of memory)\n");
			now = -2;	/* (not known: its sessions end) */
		} else {
			e = sxf_ifmap_lookup(rtnl_dereference(cfg->ifmap), dev->ifindex);
			now = e ? e->zone : -1;
		}
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
	/*
	 * Renamed out of its zone, or into another: its sessions were
	 * permitted for the zone pair it had, and the fast path checks no
	 * zone.  They end, as when a commit takes the interface out of its
	 * zone (session_zones_kept()); the next packet takes the first path.
	 */
	if (event == NETDEV_CHANGENAME && was >= 0 && was != now)
		sxf_sessions_flush_dev(sn, dev);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_netdev_nb = {
	.notifier_call = sxf_netdev_event,
};

/* --- interface addresses ------------------------------------------------------------ */

/*
 * An IPv4 address went away (RTNL: __inet_del_ifa(), every path).  Only
 * one interface NAT can have taken: primary, of universe scope (what
 * inet_select_addr() chooses), in a namespace where interface NAT
 * translated, and no longer on another device of the same VRF (the
 * address was unhashed before the notifier runs).
 */
static int sxf_inetaddr_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	const struct in_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->ifa_dev->dev, *other;
	struct net *net = dev_net(dev);
	struct sxf_net *sn;
	int vrf;

	if (event != NETDEV_DOWN || ifa->ifa_scope != RT_SCOPE_UNIVERSE ||
	    (ifa->ifa_flags & IFA_F_SECONDARY))
		return NOTIFY_DONE;
	ASSERT_RTNL();
	sn = sxf_net_live(net);
	if (!sn || !READ_ONCE(sn->snat_if_used) || !check_net(net))
		return NOTIFY_DONE;
	rcu_read_lock();	/* (the VRF masters) */
	vrf = sxf_dev_vrf(dev);
	other = __ip_dev_find(net, ifa->ifa_local, false);
	if (other && sxf_dev_vrf(other) == vrf)
		vrf = -1;	/* still the router's there */
	rcu_read_unlock();
	if (vrf >= 0)
		sxf_sessions_flush_snat_addr(sn, ifa->ifa_local, vrf);
	return NOTIFY_DONE;
}

static struct notifier_block sxf_inetaddr_nb = {
	.notifier_call = sxf_inetaddr_event,
};

/* the namespace's IPv6 losses since it was queued; holds a reference on it */
static void addr6_work(struct work_struct *work)
{
	struct sxf_net *sn = container_of(work, struct sxf_net, addr6_work);

	sxf_sessions_flush_snat6_gone(sn);
	put_net(sn->net);	/* (sn may be gone after this) */
}

/*
 * An IPv6 address went away.  The notifier chain is atomic (called under
 * rcu_read_lock()), so the walk goes to sxf_wq: one work per namespace,
 * which a burst of losses (a link going down takes all its addresses)
 * queues once, holding a reference on the namespace while queued.  A
 * namespace whose init has not run has snat_if_used false (its state is
 * allocated zeroed); one being dismantled gives no reference.
 */
static int sxf_inet6addr_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	const struct inet6_ifaddr *ifa = ptr;
	struct sxf_net *sn;
	struct net *net;

	if (event != NETDEV_DOWN || (ipv6_addr_type(&ifa->addr) & IPV6_ADDR_LINKLOCAL))
		return NOTIFY_DONE;	/* (interface NAT never takes a link-local one) */
	net = maybe_get_net(dev_net(ifa->idev->dev));
	if (!net)
		return NOTIFY_DONE;
	sn = sxf_pernet(net);
	if (!READ_ONCE(sn->snat_if_used) || !queue_work(sxf_wq, &sn->addr6_work))
		put_net(net);	/* nothing to do, or queued already (with its reference) */
	return NOTIFY_DONE;
}

static struct notifier_block sxf_inet6addr_nb = {
	.notifier_call = sxf_inet6addr_event,
};

void sxf_addr_net_init(struct sxf_net *sn)
{
	INIT_WORK(&sn->addr6_work, addr6_work);
}

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
 * queued are done, their namespaces' references dropped.  (Nothing else
 * on sxf_wq takes RTNL or waits for what the module exit holds.)
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
