/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading a whole Junos configuration: between ctext_parse() and
 * ctext_apply(), groups are expanded, hierarchies a Linux router
 * configures elsewhere are skipped (one warning per hierarchy, with a
 * count), and security features srxflow has not built are refused by
 * name.  See "LOADING A WHOLE SRX CONFIGURATION" in srxflow(8).
 */
#ifndef SRXFLOW_CFGLOAD_H
#define SRXFLOW_CFGLOAD_H

#include "cfgtext.h"

/*
 * Rewrite t in place.  file names the source in messages.  Returns 0, or
 * -1 after printing the errors on stderr (t is then still valid, to be
 * freed by the caller, and nothing must be applied).
 */
int cfg_load_prepare(struct ctext *t, const char *file);

#endif
