// SPDX-License-Identifier: GPL-2.0
/*
 * insncount: a qemu TCG plugin that counts every instruction the guest
 * executes, per kernel address (tests/bench/insn-profile).
 *
 *   qemu-system-x86_64 ... -plugin insncount.so,out=FILE
 *
 * At exit FILE gets one line "user N" (instructions executed in user
 * space, all together) and one line "ADDR N" (hex, decimal) per kernel
 * instruction address that ran.  Exact counts, not samples: with the
 * kernel's symbols (/proc/kallsyms of the same boot) they give each
 * function's instructions, and two runs that differ only in the number
 * of packets give each function's instructions per packet.
 *
 * The few plugin API calls used (QEMU_PLUGIN_VERSION 1, qemu 4.2 to 8.x)
 * are declared here: Debian ships qemu with plugin support but without
 * its header.  One vCPU only (the counters are plain additions; use
 * -icount, as tests/vm/run --icount does).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef void (*tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*atexit_cb_t)(qemu_plugin_id_t id, void *userdata);
#define QEMU_PLUGIN_INLINE_ADD_U64 0

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, int op,
						 void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, atexit_cb_t cb, void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define SLOTS (1u << 22)	/* distinct kernel instruction addresses */
#define KERNEL_START 0xffff800000000000ull

static uint64_t addr[SLOTS], count[SLOTS], user, lost;
static const char *out = "insncount.out";

/* the counter of a kernel address (open addressing, never removed) */
static uint64_t *slot(uint64_t va)
{
	uint64_t h = (va * 0x9E3779B97F4A7C15ull) >> 40;
	unsigned int i;

	for (i = 0; i < SLOTS; i++, h++) {
		h &= SLOTS - 1;
		if (addr[h] == va)
			return &count[h];
		if (!addr[h]) {
			addr[h] = va;
			return &count[h];
		}
	}
	return &lost;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t va = qemu_plugin_insn_vaddr(insn);

		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   va >= KERNEL_START ? slot(va) : &user, 1);
	}
}

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out, "w");
	unsigned int i;

	if (!f) {
		perror(out);
		return;
	}
	fprintf(f, "user %llu\n", (unsigned long long)user);
	if (lost)
		fprintf(f, "lost %llu\n", (unsigned long long)lost);
	for (i = 0; i < SLOTS; i++)
		if (count[i])
			fprintf(f, "%llx %llu\n", (unsigned long long)addr[i],
				(unsigned long long)count[i]);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out = argv[i] + 4;
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
