#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# With the module loaded and no configuration, a router namespace forwards
# as plain Linux: ping and TCP, IPv4 and IPv6.
. "$(dirname "$0")/lib.sh"

ktap_plan 6
srx_load
topo_router
check "IPv4 ping through the router" in_c ping -c 2 -i 0.2 -W 2 10.0.2.2
check "IPv6 ping through the router" in_c ping -6 -c 2 -i 0.2 -W 2 2001:db8:2::2
tcp_server 8080 "$S" 4
check_match "IPv4 TCP through the router" "^hello" tcp_get 10.0.2.2 8080
tcp_server 8086 "$S" 6
check_match "IPv6 TCP through the router" "^hello" tcp_get "[2001:db8:2::2]" 8086
check_match "no sessions without zones" "Sessions-in-use: 0" rcli show security flow session summary
check_match "no traffic judged" "Packets received: 0" rcli show security flow statistics
ktap_finish
