// SPDX-License-Identifier: GPL-2.0
/*
 * Functions of other loadable modules, resolved at load time.
 *
 * srxflow calls into nf_defrag_ipv4, nf_defrag_ipv6, nf_reject_ipv4 and
 * nf_reject_ipv6.  Linked directly, those calls make them hard dependencies
 * that modprobe loads first but a plain `insmod srxflow.ko` cannot: the load
 * fails with "Unknown symbol in module".  Instead every function is looked up
 * with symbol_request(), which loads the owning module through
 * request_module("symbol:NAME") when it is not there yet and takes a
 * reference on it.  The references are held until the module is unloaded,
 * so the pointers stay valid in every context that uses them (commit in
 * process context, the reject path in softirq); nothing is resolved on the
 * packet path.  `modinfo -F depends srxflow.ko` is therefore empty.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kmod.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include "srxflow.h"

struct sxf_deps sxf_deps __ro_after_init;

/*
 * symbol_put() takes the name as a literal; keep one table of names for the
 * error message and the release in sxf_deps_exit().
 */
#define DEP(field, sym, mod) { offsetof(struct sxf_deps, field), #sym, mod }

static const struct {
	size_t off;
	const char *sym;
	const char *mod;
} sxf_dep_table[] = {
	DEP(defrag_v4_enable, nf_defrag_ipv4_enable, "nf_defrag_ipv4"),
	DEP(defrag_v4_disable, nf_defrag_ipv4_disable, "nf_defrag_ipv4"),
	DEP(defrag_v6_enable, nf_defrag_ipv6_enable, "nf_defrag_ipv6"),
	DEP(defrag_v6_disable, nf_defrag_ipv6_disable, "nf_defrag_ipv6"),
	DEP(reject_v4_tcp_reset, nf_reject_skb_v4_tcp_reset, "nf_reject_ipv4"),
	DEP(reject_v4_unreach, nf_reject_skb_v4_unreach, "nf_reject_ipv4"),
	DEP(reject_v6_tcp_reset, nf_reject_skb_v6_tcp_reset, "nf_reject_ipv6"),
	DEP(reject_v6_unreach, nf_reject_skb_v6_unreach, "nf_reject_ipv6"),
};

static void **dep_slot(unsigned int i)
{
	return (void **)((char *)&sxf_deps + sxf_dep_table[i].off);
}

/* the typed lookups: symbol_request() checks each pointer's type */
static void deps_request(void)
{
	sxf_deps.defrag_v4_enable = symbol_request(nf_defrag_ipv4_enable);
	sxf_deps.defrag_v4_disable = symbol_request(nf_defrag_ipv4_disable);
	sxf_deps.defrag_v6_enable = symbol_request(nf_defrag_ipv6_enable);
	sxf_deps.defrag_v6_disable = symbol_request(nf_defrag_ipv6_disable);
	sxf_deps.reject_v4_tcp_reset = symbol_request(nf_reject_skb_v4_tcp_reset);
	sxf_deps.reject_v4_unreach = symbol_request(nf_reject_skb_v4_unreach);
	sxf_deps.reject_v6_tcp_reset = symbol_request(nf_reject_skb_v6_tcp_reset);
	sxf_deps.reject_v6_unreach = symbol_request(nf_reject_skb_v6_unreach);
}

static void deps_release(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sxf_dep_table); i++) {
		void **slot = dep_slot(i);

		/* sxf_deps is read-only after init: drop, do not clear */
		if (*slot)
			__symbol_put(sxf_dep_table[i].sym);
	}
}

int __init sxf_deps_init(void)
{
	unsigned int i;

	BUILD_BUG_ON(sizeof(sxf_deps) != ARRAY_SIZE(sxf_dep_table) * sizeof(void *));
	deps_request();
	for (i = 0; i < ARRAY_SIZE(sxf_dep_table); i++) {
		if (*dep_slot(i))
			continue;
		pr_err("cannot resolve %s: module %s could not be loaded (modprobe %s)\n",
		       sxf_dep_table[i].sym, sxf_dep_table[i].mod, sxf_dep_table[i].mod);
		deps_release();
		return -ENOENT;
	}
	return 0;
}

void sxf_deps_exit(void)
{
	deps_release();
}
