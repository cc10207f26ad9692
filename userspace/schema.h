/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Junos configuration schema srxflow understands.
 *
 * One table describes every statement: its keyword, what kind of node it
 * is, the type and range of its value, and how it maps onto the netlink
 * ABI (include/uapi/linux/srxflow.h).  The parser, the `set`-line printer,
 * the JSON printer and the netlink codec are all driven by this table, so a
 * statement is added in exactly one place.
 */
#ifndef SRXFLOW_SCHEMA_H
#define SRXFLOW_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

enum skind {
	SK_CONTAINER,	/* keyword { children } */
	SK_LIST,	/* keyword KEY { children }, many entries */
	SK_LEAF,	/* keyword VALUE (kw == NULL: positional VALUE) */
	SK_FLAG,	/* keyword */
	SK_LEAFLIST,	/* keyword VALUE, many values; [ a b c ] accepted */
};

enum vtype {
	VT_NONE,
	VT_NAME,	/* object name */
	VT_IFNAME,	/* interface: Linux device or bound Junos name (ge-0/0/1.0) */
	VT_IFD,		/* Junos physical interface name (ge-0/0/1, reth1, irb) */
	VT_DEVNAME,	/* Linux device name */
	VT_TEXT,	/* free text (description), quoted when needed */
	VT_UINT,	/* decimal, [min, max] */
	VT_SIZE,	/* decimal with k/m/g suffix, [min, max] */
	VT_TIMEOUT,	/* seconds [min, max] or "never" */
	VT_PREFIX,	/* IPv4/IPv6 prefix (address alone = host prefix) */
	VT_ADDR,	/* IPv4/IPv6 address */
	VT_PORTS,	/* port or LO-HI, or a well-known port name */
	VT_PROTO,	/* protocol name or number 0..255 */
	VT_ICMP,	/* ICMP type/code: number 0..255 or name */
	VT_ENUM,	/* one of enums[] (index is the value) */
};

/* how a node is encoded in its netlink nest */
enum nltype {
	NLT_NONE,	/* transparent container: children go to the parent nest */
	NLT_NEST,	/* container/list entry: its own nest */
	NLT_FLAG,
	NLT_U8,
	NLT_U32,
	NLT_STR,
	NLT_PREFIX,	/* struct srxflow_prefix */
	NLT_CHOICE,	/* flag that encodes as u8 choice_val in attr */
};

/* snode.flags */
#define SF_ORDERED	0x01	/* list order matters (policies); `insert` works */
#define SF_SINGLE	0x02	/* list with at most one entry */
#define SF_PRESENCE	0x04	/* container that is meaningful when empty:
				 * encoded as a flag attr, children transparent
				 */
#define SF_OBJECT	0x08	/* root of a netlink configuration object */
#define SF_HIDDEN	0x10	/* not offered in "expecting" lists */
#define SF_BRACED	0x20	/* list printed hierarchically as Junos does:
				 * `kw { key; key { ... } }`
				 */
#define SF_DEPRECATED	0x40	/* deprecated in Junos, which accepts and
				 * ignores it: parsed, never sent to the
				 * kernel (so dropped at commit), with a
				 * warning (the kernel refuses it)
				 */

struct snode {
	const char *kw;			/* NULL: positional value of parent */
	enum skind kind;
	enum vtype vt;			/* leaf value / list key type */
	uint32_t min, max;		/* VT_UINT, VT_SIZE, VT_TIMEOUT */
	const char *const *enums;	/* VT_ENUM names, NULL-terminated */
	const struct snode *const *children; /* NULL-terminated */
	uint8_t choice;			/* mutually exclusive siblings share it */
	uint8_t choice_val;		/* NLT_CHOICE value */
	uint8_t flags;			/* SF_* */
	enum nltype nlt;		/* encoding of this node/value */
	uint16_t attr;			/* attribute id in the parent's nest */
	uint16_t key_attr;		/* lists: attribute of the key */
	enum nltype key_nlt;		/* lists: encoding of the key */
	uint16_t obj_attr;		/* SF_OBJECT: top-level attribute */
	uint16_t ctx_attr;		/* lists: key passed as context to
					 * objects below (e.g. zone name)
					 */
	const char *jkw;		/* JSON key of a positional leaf */
	const char *help;
};

extern const struct snode schema_root;

/* enum name tables (shared with show commands) */
extern const char *const svc_names[];
extern const char *const hproto_names[];
extern const char *const trace_flag_names[];
extern const char *const fwd_mode_names[];

/* Number of children of a node. */
int snode_nchildren(const struct snode *sn);
/* Display name of a node: its keyword or "<value>" for positional leaves. */
const char *snode_name(const struct snode *sn);
/* Human description of a value type, e.g. "<prefix>" or "<4..300>". */
const char *vtype_desc(const struct snode *sn, char *buf, size_t size);

#endif
