#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module life cycle: load/unload 20 times (also with configuration and
# sessions present), the genl family from two namespaces, show version, and
# the CLI's message when the module is not loaded.
. "$(dirname "$0")/lib.sh"

ktap_plan 9

srx_unload
check_match "CLI says the module is not loaded" \
	"kernel module not loaded \(genl family 'srxflow' not found\)" "$SRX" show version
check_fail "CLI exits non-zero without the module" "$SRX" show version

srx_deps
ok=1
for i in $(seq 20); do
	if ! insmod "$KO" || ! rmmod srxflow; then
		ok=0
		break
	fi
done
check_eq "load/unload 20 times" 1 "$ok"
check_fail "nothing left after unload (no srxflow slab cache)" grep -q srxflow_session /proc/slabinfo

srx_load
check_match "show version names CLI and module versions" \
	"srxflow kernel module version: .+" "$SRX" show version

ns_add "$NSP-x" "$NSP-y"
check_match "family resolves in namespace 1" "module version" \
	ip netns exec "$NSP-x" "$SRX" show version
check_match "family resolves in namespace 2" "module version" \
	ip netns exec "$NSP-y" "$SRX" show version

# unload with configuration and live sessions in a namespace
topo_router
srx_base_config
# one echo session kept alive (an answered ping's session ends 4 s after
# its reply: gone before the CLI reads it on a slow debug kernel)
bg in_c /usr/bin/python3 "$ECHO_FLOW" -i 0.5 10.0.2.2 >/dev/null 2>&1
has_sessions() { rcli show security flow session summary | grep -Eq 'Sessions-in-use: [1-9]'; }
check "sessions exist before unload" wait_until 60 has_sessions
ip netns del "$R" "$C" "$S" 2>/dev/null
_ns_list=()
check "unload with config and sessions in a dead namespace" rmmod srxflow
srx_load
ktap_finish
