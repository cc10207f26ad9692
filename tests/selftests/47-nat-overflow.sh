#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Source NAT pool exhaustion and address choice: a /32 pool of 3 ports
# with overflow-pool interface (6 flows: 3 leave as the pool address, 3 as
# the router's wan0 address, none dropped, counted on the pool); the same
# pool with overflow-pool POOL (the other 3 leave as that pool's address);
# a pool of 4 addresses x 256 ports fills and then overflows (the tries of
# one session are bounded);
# a 2-address pool gives one client both addresses over 16 flows, and with
# security nat source address-persistent always the same one; commit
# errors for an undefined or self overflow-pool.  The server prints the
# peer it sees (socat); routes bring the pool addresses back to the router.
. "$(dirname "$0")/lib.sh"

ktap_plan 23
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
ip -n "$S" route del default via 10.0.2.1
ip -n "$S" route add 198.51.100.0/24 via 10.0.2.1

# one process answers every datagram with the peer it saw (socat's forked
# RECVFROM children share the socket and take each other's datagrams)
cat >"$TMPD/udpsrv.py" <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 5000))
while True:
    d, a = s.recvfrom(2048)
    s.sendto(("peer=%s\n" % a[0]).encode(), a)
PY
bg ip netns exec "$S" /usr/bin/python3 "$TMPD/udpsrv.py"
wait_listen "$S" 5000 || echo "# server in S did not come up"

base_conf() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set applications application udp5000-long protocol udp destination-port 5000 inactivity-timeout 600
	set security policies from-zone trust to-zone untrust policy udp-long match source-address any destination-address any application udp5000-long
	set security policies from-zone trust to-zone untrust policy udp-long then permit
	set security policies from-zone trust to-zone untrust policy udp-long then log session-init
	set security nat source rule-set rs1 from zone trust
	set security nat source rule-set rs1 to zone untrust
	set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
	EOF
}

# flows N FIRST-SPORT: N UDP flows from the client, one per source port, one
# after the other; the peers the server saw (nothing for an unanswered flow)
cat >"$TMPD/udpcli.py" <<'PY'
import socket, sys
n, first = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", first + i))
    s.settimeout(5)
    s.sendto(b"x", ("10.0.2.2", 5000))
    try:
        print(s.recv(2048).decode().strip(), flush=True)
    except socket.timeout:
        print("no answer", flush=True)
    s.close()
PY
flows() {
	ip netns exec "$C" /usr/bin/python3 "$TMPD/udpcli.py" "$1" "$2"
}

{ base_conf; cat <<-'EOF'
	set security nat source pool p1 address 198.51.100.1/32
	set security nat source pool p1 port range 20000 to 20002
	set security nat source pool p1 overflow-pool interface
	set security nat source rule-set rs1 rule r1 then source-nat pool p1
	EOF
} >"$TMPD/ovf-if.set"
check "a 3-port pool with overflow-pool interface loads" rload_q <"$TMPD/ovf-if.set"
check_match "the configuration reads back" \
	'^set security nat source pool p1 overflow-pool interface$' rconf
MON=$TMPD/monitor.txt
ip netns exec "$R" "$SRX" monitor security flow session >"$MON" 2>"$TMPD/monitor.err" &
_bg_pids+=($!)
wait_until 10 file_has "$TMPD/monitor.err" "monitoring session log" || echo "# monitor did not start"
out=$(flows 6 41000)
check_eq "3 flows leave as the pool address" 3 "$(grep -c '^peer=198\.51\.100\.1$' <<<"$out")"
check_eq "3 flows overflow to the router's wan0 address" 3 "$(grep -c '^peer=10\.0\.2\.1$' <<<"$out")"
out=$(rcli show security nat source pool p1)
check_match "show pool: the overflow pool" '^Overflow pool +: interface$' echo "$out"
check_match "show pool: 3 sessions overflowed" '^Overflowed sessions +: 3$' echo "$out"
check_match "show pool: 3 translation hits on the pool itself" '^Translation hits +: 3$' echo "$out"
check_match "show pool: 3 single ports in use on the address, no twin ports" \
	'^ +198\.51\.100\.1 - 198\.51\.100\.1 +3 +0$' echo "$out"
check_match "show pool -j: overflowed-sessions" '"overflowed-sessions": ?3' \
	rcli -j show security nat source pool p1
check_match "rule r1: all 6 sessions are translation hits" 'Translation hits +: 6$' \
	rcli show security nat source rule r1

sleep 1
check_match "session log: RT_FLOW_SESSION_CREATE carries the pool tuple and the rule" \
	'RT_FLOW_SESSION_CREATE: session created 10\.0\.1\.2/41000->10\.0\.2\.2/5000 0x0 udp5000-long 198\.51\.100\.1/2000[0-2]->10\.0\.2\.2/5000 0x0 source rule r1 N/A N/A 17 udp-long trust untrust ' \
	cat "$MON"
check_match "session log: an overflowed session carries the interface address" \
	'RT_FLOW_SESSION_CREATE: session created 10\.0\.1\.2/41005->10\.0\.2\.2/5000 0x0 udp5000-long 10\.0\.2\.1/[0-9]+->10\.0\.2\.2/5000 0x0 source rule r1 N/A N/A 17 udp-long trust untrust ' \
	cat "$MON"

rcli clear security flow session all >/dev/null
{ base_conf; cat <<-'EOF'
	set security nat source pool p1 address 198.51.100.1/32
	set security nat source pool p1 port range 20000 to 20002
	set security nat source pool p1 overflow-pool p2
	set security nat source pool p2 address 198.51.100.2/32
	set security nat source rule-set rs1 rule r1 then source-nat pool p1
	EOF
} >"$TMPD/ovf-pool.set"
check "overflow-pool POOL loads" rload_q <"$TMPD/ovf-pool.set"
out=$(flows 6 42000)
check_eq "overflow-pool POOL: 3 flows leave as the overflow pool's address" 3 \
	"$(grep -c '^peer=198\.51\.100\.2$' <<<"$out")"

# --- a pool of 4 addresses x 256 ports, then its overflow: the tries of one
# session are bounded (1024, here every port of the pool), and past them it
# overflows; before, it was dropped with the overflow never tried ---
rcli clear security flow session all >/dev/null
{ base_conf; cat <<-'EOF'
	set security nat source pool p5 address 198.51.100.20 to 198.51.100.23
	set security nat source pool p5 port range 20000 to 20255
	set security nat source pool p5 overflow-pool interface
	set security nat source rule-set rs1 rule r1 then source-nat pool p5
	EOF
} >"$TMPD/five.set"
check "a pool of 4 addresses x 256 ports with overflow-pool interface loads" rload_q <"$TMPD/five.set"
out=$(flows 1034 30000)
check_eq "1034 flows: 1024 leave as the pool's addresses" 1024 \
	"$(grep -c '^peer=198\.51\.100\.2[0-3]$' <<<"$out")"
check_eq "  ... 10 overflow to the router's wan0 address, none dropped" "10 0" \
	"$(grep -c '^peer=10\.0\.2\.1$' <<<"$out") $(grep -c '^no answer' <<<"$out")"

# --- address choice in a 2-address pool ---------------------------------------------------
rcli clear security flow session all >/dev/null
{ base_conf; cat <<-'EOF'
	set security nat source pool p2a address 198.51.100.10 to 198.51.100.11
	set security nat source rule-set rs1 rule r1 then source-nat pool p2a
	EOF
} >"$TMPD/two.set"
check "a 2-address pool loads" rload_q <"$TMPD/two.set"
out=$(flows 16 43000)
check_eq "without address-persistent: 16 flows of one client use both addresses" 2 \
	"$(grep -o '^peer=198\.51\.100\.1[01]$' <<<"$out" | sort -u | wc -l)"
rcli clear security flow session all >/dev/null
{ cat "$TMPD/two.set"; echo "set security nat source address-persistent"; } >"$TMPD/persist.set"
check "address-persistent loads" rload_q <"$TMPD/persist.set"
out=$(flows 16 44000)
check_eq "address-persistent: 16 flows of one client all use one address" "16 1" \
	"$(grep -c '^peer=198\.51\.100\.1[01]$' <<<"$out") $(grep -o '^peer=.*' <<<"$out" | sort -u | wc -l)"

# --- commit errors ------------------------------------------------------------------------
{ base_conf; cat <<-'EOF'
	set security nat source pool p1 address 198.51.100.1/32
	set security nat source pool p1 overflow-pool nope
	set security nat source rule-set rs1 rule r1 then source-nat pool p1
	EOF
} >"$TMPD/bad1.set"
check_rejected "an undefined overflow-pool is a commit error" \
	'security nat source pool p1 overflow-pool nope: pool is not defined' rload <"$TMPD/bad1.set"
{ base_conf; cat <<-'EOF'
	set security nat source pool p1 address 198.51.100.1/32
	set security nat source pool p1 overflow-pool p1
	set security nat source rule-set rs1 rule r1 then source-nat pool p1
	EOF
} >"$TMPD/bad2.set"
check_rejected "a pool overflowing into itself is a commit error" \
	'overflow-pool p1: a pool cannot overflow into itself' rload <"$TMPD/bad2.set"
ktap_finish
