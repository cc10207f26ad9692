/* SPDX-License-Identifier: GPL-2.0 */
/* The default session listing: session line and the line of each wing. */
#ifndef SRXFLOW_SESSION_TEXT_H
#define SRXFLOW_SESSION_TEXT_H

#include "session_fmt.h"

/* the session's lines (a blank line first unless first) */
void session_text_write(struct outbuf *o, const struct session *s, bool first);

#endif
