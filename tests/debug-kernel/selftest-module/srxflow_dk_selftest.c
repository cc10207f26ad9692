// SPDX-License-Identifier: GPL-2.0
/*
 * srxflow debug-kernel self-test: plants exactly one bug on load, chosen by
 * the module parameter "bug", so that tests/debug-kernel/prove-checkers can
 * show that each checker of the debug kernel reports it.
 *
 *   bug=uaf        KASAN:     "BUG: KASAN: use-after-free in ..."
 *   bug=leak       kmemleak:  "unreferenced object ..." (after a scan)
 *   bug=rcu        PROVE_RCU: "WARNING: suspicious RCU usage"
 *   bug=lockorder  lockdep:   "WARNING: possible circular locking dependency detected"
 *   bug=sleep      DEBUG_ATOMIC_SLEEP: "BUG: sleeping function called from invalid context"
 *                  (kmalloc(GFP_KERNEL) under a spinlock)
 *   bug=msleep     scheduler: "BUG: scheduling while atomic" (msleep under a spinlock)
 *   bug=ubsan      UBSAN:     "UBSAN: shift-out-of-bounds in ..."
 *   bug=timerfree  DEBUG_OBJECTS_FREE: "ODEBUG: free active ... object type: timer_list"
 *   bug=listdel    DEBUG_LIST: "list_del corruption ..."
 *   bug=refcount   refcount_t: "refcount_t: underflow; use-after-free."
 *   (default)      nothing: the module loads and unloads cleanly.
 *
 * Lockdep switches itself off after its first report (debug_locks = 0) and
 * so does PROVE_RCU, and a KASAN report marks lockdep unreliable: load the
 * rcu, sleep and lockorder bugs before uaf in a single boot.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/refcount.h>

static char *bug = "";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "bug to plant: uaf leak rcu lockorder sleep msleep ubsan timerfree listdel refcount");

struct dk_obj {
	int val;
	struct rcu_head rcu;
};

static struct dk_obj __rcu *dk_gp;
static DEFINE_MUTEX(dk_mutex_a);
static DEFINE_MUTEX(dk_mutex_b);
static DEFINE_SPINLOCK(dk_lock);

static noinline void dk_uaf(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return;
	strscpy(p, "srxflow-dk-uaf", 64);
	kfree(p);
	OPTIMIZER_HIDE_VAR(p);
	pr_info("srxflow_dk_selftest: read after free: %d\n", READ_ONCE(p[3]));
}

static noinline void dk_leak(void)
{
	char *p = kmalloc(128, GFP_KERNEL);

	if (!p)
		return;
	strscpy(p, "srxflow-dk-leak", 128);
	OPTIMIZER_HIDE_VAR(p);
	/* the only reference is dropped here */
	pr_info("srxflow_dk_selftest: leaked a 128-byte object\n");
}

static noinline void dk_rcu(void)
{
	struct dk_obj *o = kzalloc(sizeof(*o), GFP_KERNEL);
	struct dk_obj *r;

	if (!o)
		return;
	o->val = 42;
	rcu_assign_pointer(dk_gp, o);
	/* rcu_dereference() without rcu_read_lock() */
	r = rcu_dereference(dk_gp);
	pr_info("srxflow_dk_selftest: rcu value %d\n", r->val);
	RCU_INIT_POINTER(dk_gp, NULL);
	kfree_rcu(o, rcu);
}

static noinline void dk_lockorder(void)
{
	mutex_lock(&dk_mutex_a);
	mutex_lock(&dk_mutex_b);
	mutex_unlock(&dk_mutex_b);
	mutex_unlock(&dk_mutex_a);

	/* the reverse order: a potential ABBA deadlock */
	mutex_lock(&dk_mutex_b);
	mutex_lock(&dk_mutex_a);
	mutex_unlock(&dk_mutex_a);
	mutex_unlock(&dk_mutex_b);
}

/*
 * A GFP_KERNEL allocation under a spinlock: the classic atomic-context bug
 * of netfilter code. might_alloc() -> might_sleep() reports it even though
 * the allocation does not actually sleep here.
 */
static noinline void dk_sleep(void)
{
	void *p;

	spin_lock(&dk_lock);
	p = kmalloc(64, GFP_KERNEL);
	spin_unlock(&dk_lock);
	kfree(p);
}

/*
 * A real sleep under a spinlock. msleep() has no might_sleep() annotation
 * in 6.1, so this is reported by the scheduler instead ("BUG: scheduling
 * while atomic") and leaves a preemption-count imbalance behind (a second
 * warning from do_one_initcall): not part of the default prove-checkers run.
 */
static noinline void dk_msleep(void)
{
	spin_lock(&dk_lock);
	msleep(1);
	spin_unlock(&dk_lock);
}

static noinline void dk_ubsan(void)
{
	int shift = 40;
	volatile int v;

	OPTIMIZER_HIDE_VAR(shift);
	v = 1 << shift;
	(void)v;
}

struct dk_timed {
	struct timer_list timer;
	int val;
};

static void dk_timer_fn(struct timer_list *t)
{
}

static noinline void dk_timerfree(void)
{
	struct dk_timed *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return;
	timer_setup(&t->timer, dk_timer_fn, 0);
	mod_timer(&t->timer, jiffies + 60 * HZ);
	/* freed with the timer still pending */
	kfree(t);
}

static noinline void dk_listdel(void)
{
	LIST_HEAD(head);
	struct list_head e;

	list_add(&e, &head);
	list_del(&e);
	list_del(&e);	/* second delete sees LIST_POISON1 */
}

static noinline void dk_refcount(void)
{
	refcount_t r = REFCOUNT_INIT(1);

	if (refcount_dec_and_test(&r))
		pr_info("srxflow_dk_selftest: refcount hit zero\n");
	/* one put too many */
	if (refcount_dec_and_test(&r))
		pr_info("srxflow_dk_selftest: refcount hit zero twice\n");
}

static const struct {
	const char *name;
	void (*fn)(void);
} dk_bugs[] = {
	{ "uaf", dk_uaf },
	{ "leak", dk_leak },
	{ "rcu", dk_rcu },
	{ "lockorder", dk_lockorder },
	{ "sleep", dk_sleep },
	{ "msleep", dk_msleep },
	{ "ubsan", dk_ubsan },
	{ "timerfree", dk_timerfree },
	{ "listdel", dk_listdel },
	{ "refcount", dk_refcount },
};

static int __init dk_init(void)
{
	size_t i;

	if (!bug || !*bug) {
		pr_info("srxflow_dk_selftest: loaded, no bug planted\n");
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(dk_bugs); i++) {
		if (!strcmp(bug, dk_bugs[i].name)) {
			pr_info("srxflow_dk_selftest: planting bug=%s\n", bug);
			dk_bugs[i].fn();
			pr_info("srxflow_dk_selftest: planted bug=%s\n", bug);
			return 0;
		}
	}
	pr_err("srxflow_dk_selftest: unknown bug=%s\n", bug);
	return -EINVAL;
}

static void __exit dk_exit(void)
{
	pr_info("srxflow_dk_selftest: unloaded\n");
}

module_init(dk_init);
module_exit(dk_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("srxflow debug-kernel checker self-test (plants bugs on request)");
