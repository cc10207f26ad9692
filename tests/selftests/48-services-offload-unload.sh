#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rmmod while namespaces with services-offload hooks are being deleted.
# Each hooked device holds a reference that its NETDEV_UNREGISTER drops
# (or the namespace's exit).  The module used to unregister its netdevice
# notifier before its pernet operations; a namespace deletion that ran
# between the two would have unregistered its devices with nobody to unhook
# them and waited forever for the references, and the unload forever for
# that deletion.  Now the notifier goes last and finds a namespace's state
# in a registry of the live ones (the pernet data of a namespace whose exit
# has run is freed).  The test deletes a namespace X with many devices
# (its cleanup holds pernet_ops_rwsem for reading for a second or so),
# starts rmmod (which queues for it), then deletes the router namespace R:
# every step of the unload runs while deletions are pending.  (This timing
# did not make the old module hang in the test VM: the window is narrow.)
# Two rounds; each must end with the module unloaded, R gone and no device
# left waiting.
. "$(dirname "$0")/lib.sh"

NBULK=${NBULK:-1000}
ktap_plan 7
srx_load

# the router R, both interfaces hooked (a services-offload policy)
hooked_router() {
	topo_router || return 1
	rload_q <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy fast match source-address any destination-address any application any then permit services-offload
	EOF
}

hooks() { rcli show security flow status | sed -n 's/^  Flow services-offload: \([0-9]*\) interfaces.*/\1/p'; }

X=${NSP}-x
for round in 1 2; do
	hooked_router
	ns_add "$X"
	for ((i = 0; i < NBULK; i++)); do
		echo "link add b$i type dummy"
	done | ip -n "$X" -b -
	check_eq "round $round: both interfaces of R hooked" "2" "$(hooks)"
	mark="48-services-offload-unload: round $round"
	echo "$mark" >/dev/kmsg
	ip netns del "$X"	# its cleanup unregisters NBULK devices: a while
	sleep 0.4
	rmmod srxflow &
	pid=$!
	sleep 0.3
	ip netns del "$R"
	t=0
	while kill -0 "$pid" 2>/dev/null && ((t < 240)); do
		sleep 0.5
		t=$((t + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		ktap_fail "round $round: rmmod during the deletions returns" \
			"rmmod still running after 120 s" "$(dmesg | sed -n "/$mark/,\$p" | tail -n 5)"
		# the unload is stuck for good: nothing after this can pass
		ktap_finish
	fi
	wait "$pid"
	rc=$?
	check_eq "round $round: rmmod during the deletions returns" "0 absent" \
		"$rc $([ -d /sys/module/srxflow ] && echo loaded || echo absent)"
	# a device waiting for a reference is reported after 10 s
	sleep 11
	check_eq "round $round: no device of the deleted namespace left waiting" "" \
		"$(dmesg | sed -n "/$mark/,\$p" | grep 'waiting for [a-z0-9]* to become free' | head -n 3)"
	ip netns del "$C"
	ip netns del "$S"
	srx_load
done
check "module loads again" test -d /sys/module/srxflow
ktap_finish
