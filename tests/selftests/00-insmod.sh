#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plain insmod on a freshly booted kernel: with none of nf_defrag_ipv4,
# nf_defrag_ipv6, nf_reject_ipv4, nf_reject_ipv6 loaded, `insmod srxflow.ko`
# (which resolves no dependency) loads the module; the module itself pulls
# those four in (symbol_request) and pins them until it is unloaded; reject
# (TCP RST, ICMP port unreachable) and reassembly of fragments work; after
# rmmod they can be unloaded again. `modprobe srxflow` of an installed copy
# (depmod) loads it too. Runs first in its guest (tests/check.sh); when an
# earlier script loaded the four modules they are unloaded first, and the
# script is skipped only if something else still uses them.  On a kernel
# that has the four built in (the debug kernel of tests/debug-kernel) the
# checks of loading, pinning and unloading them are skipped; insmod,
# reject, reassembly, rmmod and modprobe are still checked.
. "$(dirname "$0")/lib.sh"

DEPMODS="nf_reject_ipv4 nf_reject_ipv6 nf_defrag_ipv6 nf_defrag_ipv4"
loaded_deps() {	# the ones of DEPMODS that are loaded
	local m
	for m in $DEPMODS; do
		[ -d "/sys/module/$m" ] && printf '%s ' "$m"
	done
}

# built in: the symbol is in the kernel image (no "[module]" after it)
builtin=
grep -qE ' nf_send_reset$' /proc/kallsyms && builtin=1

srx_unload
[ -n "$builtin" ] || for m in $(loaded_deps); do
	rmmod "$m" 2>/dev/null
done
busy=$(loaded_deps)
if [ -z "$builtin" ] && [ -n "$busy" ]; then
	ktap_skip_all "loaded and used by another module: $busy(run this script first in a fresh guest)"
fi

ktap_plan 16
eng_tmpdir

if [ -n "$builtin" ]; then
	ktap_skip "none of the four modules is loaded before" "built into this kernel"
else
	check_eq "none of the four modules is loaded before" "" "$(loaded_deps)"
fi
check_eq "modinfo: srxflow.ko depends on no module" "" "$(modinfo -F depends "$KO")"
# shellcheck disable=SC2086
check "plain insmod srxflow.ko succeeds" insmod "$KO" ${SRXFLOW_KO_PARAMS:-}
if [ -n "$builtin" ]; then
	ktap_skip "the module loaded the four itself" "built into this kernel"
	ktap_skip "nf_reject_ipv4 is pinned: rmmod fails while srxflow uses it" \
		"built into this kernel"
else
	check_eq "the module loaded the four itself" "$DEPMODS " "$(loaded_deps)"
	check "nf_reject_ipv4 is pinned: rmmod fails while srxflow uses it" \
		bash -c '[ -d /sys/module/nf_reject_ipv4 ] && ! rmmod nf_reject_ipv4 2>/dev/null'
fi

# --- reject and defragmentation work --------------------------------------------------
topo_router
topo_pin_neigh
tcp_echo 8081
udp_echo 5000
udp_echo 5001
check "configuration with a reject policy loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set applications application tcp-rej protocol tcp destination-port 8081
set applications application udp-rej protocol udp destination-port 5001
set security policies from-zone trust to-zone untrust policy reject-some match source-address any destination-address any application [ tcp-rej udp-rej ]
set security policies from-zone trust to-zone untrust policy reject-some then reject
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow-all then permit
EOF
wait_listen "$S" 8081 5000 5001 || echo "# servers in S did not come up"
check_match "IPv4 TCP to a rejected port: RST (connection refused)" "Connection refused" \
	tcp_req 10.0.2.2 8081
check_match "IPv6 TCP to a rejected port: RST (connection refused)" "Connection refused" \
	tcp_req "[2001:db8:2::2]" 8081
check_match "IPv4 UDP to a rejected port: ICMP port unreachable" "Connection refused" \
	udp_req 10.0.2.2 5001
check_match "IPv6 UDP to a rejected port: ICMPv6 port unreachable" "Connection refused" \
	udp_req "[2001:db8:2::2]" 5001

frags=$(stat_of "Fragment packets")
big=$(printf '%03000d' 0)
check_eq "IPv4 UDP datagram of 3000 bytes (fragmented) passes both ways" "$big" \
	"$(udp_req 10.0.2.2 5000 "$C" "$big" 2>&1)"
check_eq "IPv6 UDP datagram of 3000 bytes (fragmented) passes both ways" "$big" \
	"$(udp_req "[2001:db8:2::2]" 5000 "$C" "$big" 2>&1)"
check_eq "the router reassembled them ('Fragment packets' +4)" $((frags + 4)) \
	"$(stat_of "Fragment packets")"

# --- unload drops the references --------------------------------------------------------
check "rmmod srxflow" rmmod srxflow
if [ -n "$builtin" ]; then
	ktap_skip "then the four modules can be unloaded (references dropped)" \
		"built into this kernel"
else
	# shellcheck disable=SC2086
	check "then the four modules can be unloaded (references dropped)" rmmod $DEPMODS
fi

# --- modprobe of an installed copy (make install: extra/, depmod) -----------------------
root=$TMPD/root kver=$(uname -r)
mkdir -p "$root/lib/modules/$kver/extra"
cp "$KO" "$root/lib/modules/$kver/extra/srxflow.ko"
# shellcheck disable=SC2086
check "depmod + modprobe srxflow loads the module (and the four with it)" \
	bash -c "depmod -b '$root' '$kver' 2>/dev/null && modprobe -d '$root' srxflow ${SRXFLOW_KO_PARAMS:-} &&
		 [ -d /sys/module/srxflow ] &&
		 { [ -n '$builtin' ] || { [ -d /sys/module/nf_reject_ipv6 ] && [ -d /sys/module/nf_defrag_ipv4 ]; }; }"

# leave it loaded from the worktree, as the other scripts expect
srx_unload
srx_load
ktap_finish
