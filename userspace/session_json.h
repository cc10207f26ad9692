/* SPDX-License-Identifier: GPL-2.0 */
/* The -j session listing: one JSON object per session (session_json.c). */
#ifndef SRXFLOW_SESSION_JSON_H
#define SRXFLOW_SESSION_JSON_H

#include "session_fmt.h"

/* the session's object (a comma first unless first) */
void session_json_write(struct outbuf *o, const struct session *s, bool first);

#endif
