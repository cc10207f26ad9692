// SPDX-License-Identifier: GPL-2.0
/*
 * Interfaces appearing, disappearing or renamed (the interface map
 * follows), and netlink sockets closing (their transactions end).
 */
#include <linux/rtnetlink.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include "srxflow.h"
#include "config.h"
#include "cfg_kinds.h"
#include "offload.h"

static int sxf_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct sxf_net *sn = sxf_pernet(dev_net(dev));
	struct sxf_cfg *cfg;

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_UNREGISTER:
	case NETDEV_CHANGENAME:
		break;
	default:
		return NOTIFY_DONE;
	}
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

int sxf_netdev_init(void)
{
	int err = register_netdevice_notifier(&sxf_netdev_nb);

	if (err)
		return err;
	err = netlink_register_notifier(&sxf_netlink_nb);
	if (err)
		unregister_netdevice_notifier(&sxf_netdev_nb);
	return err;
}

void sxf_netdev_exit(void)
{
	netlink_unregister_notifier(&sxf_netlink_nb);
	unregister_netdevice_notifier(&sxf_netdev_nb);
}
