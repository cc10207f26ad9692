// SPDX-License-Identifier: GPL-2.0
/* Instantiates the tracepoints declared in srxflow_trace.h. */
#include "packet.h"
#define CREATE_TRACE_POINTS
#include "srxflow_trace.h"
