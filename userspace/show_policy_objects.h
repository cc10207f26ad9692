/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a policy's names stand for, for the device's detail layouts
 * (show security policies detail, show security match-policies): each
 * address with its prefix and book, each application with its protocol,
 * ports, ALG and timeout.
 */
#ifndef SRXFLOW_SHOW_POLICY_OBJECTS_H
#define SRXFLOW_SHOW_POLICY_OBJECTS_H

#include <stdbool.h>
#include <libmnl/libmnl.h>
#include "cli.h"

struct pobjs;

struct pobjs *pobjs_new(void);
void pobjs_free(struct pobjs *o);
/* collect the address and application objects of a configuration dump */
void pobjs_decode(struct pobjs *o, const struct nlattr *a);
/* add the predefined junos-* applications and sets (SRXFLOW_CMD_APP_GET) */
int pobjs_load_predefined(struct pobjs *o, struct nl *nl);
/* after loading: index the names (lookups are binary searches) */
void pobjs_finish(struct pobjs *o);

/*
 * "    NAME(BOOK): PREFIX" for each address NAME stands for (sets expanded,
 * any: any-ipv4 and any-ipv6); zone: the policy's zone (its book first).
 */
void pobjs_print_addresses(const struct pobjs *o, const char *name, const char *zone);
/* "  Application: NAME" and its "IP protocol: ..." block(s) (sets expanded) */
/*
 * ports_any: application any says "Destination ports" (24.4's policies
 * detail) instead of "Destination port range" (match-policies)
 */
void pobjs_print_application(const struct pobjs *o, const char *name, bool ports_any);

#endif
