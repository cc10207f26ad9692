#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration round trip: a realistic configuration (zones with interfaces,
# host-inbound-traffic, tcp-rst, screen; zone and global address books with
# prefixes, ranges, IPv6 and nested sets; applications and application-sets;
# 120 zone-pair policies and global policies; default-policy, policy-rematch;
# flow, forwarding-options, traceoptions) is loaded with `load override`,
# printed with `show configuration` (A), loaded again from A and printed
# again (B): A == B byte for byte.  A holds what was loaded, in canonical
# form; -j show configuration is valid JSON; the kernel applied the options.
# shellcheck disable=SC1010 # "then" is a word of policy statements
. "$(dirname "$0")/lib.sh"

srx_load
if [ -z "${SRX_IN_NS:-}" ]; then
	ns_add "$R" || ktap_skip_all "cannot create a network namespace"
fi
ns_reexec "$R"
ktap_plan 23

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT

NPOL=120	# zone-pair policies
# zone pairs and how many policies each gets (sums to NPOL)
PAIRS=("trust untrust 50" "trust dmz 30" "untrust dmz 30" "dmz untrust 10")

gen_config() {
	cat <<-'EOF'
	# screens the zones bind
	set security screen ids-option trust-screen tcp land
	set security screen ids-option untrust-screen icmp ping-death
	set security screen ids-option untrust-screen tcp syn-flood source-threshold 1024
	# zones
	set security zones security-zone trust description "inside network"
	set security zones security-zone trust tcp-rst
	set security zones security-zone trust screen trust-screen
	set security zones security-zone trust host-inbound-traffic system-services all
	set security zones security-zone trust host-inbound-traffic system-services telnet except
	set security zones security-zone trust host-inbound-traffic protocols ospf
	set security zones security-zone trust interfaces lan0
	set security zones security-zone trust interfaces lan1 host-inbound-traffic system-services ssh
	set security zones security-zone trust interfaces lan1 host-inbound-traffic system-services ping
	set security zones security-zone untrust screen untrust-screen
	set security zones security-zone untrust host-inbound-traffic system-services ping
	set security zones security-zone untrust host-inbound-traffic system-services ike
	set security zones security-zone untrust interfaces wan0
	set security zones security-zone untrust interfaces wan1 host-inbound-traffic protocols bgp
	set security zones security-zone untrust interfaces wan1 host-inbound-traffic protocols bfd
	set security zones security-zone dmz tcp-rst
	set security zones security-zone dmz interfaces dmz0 host-inbound-traffic system-services http
	set security zones security-zone dmz interfaces dmz0 host-inbound-traffic system-services https
	set security zones security-zone dmz enable-reverse-reroute
	# zone address books (host addresses without a length, IPv6)
	set security zones security-zone trust address-book address lan-net 10.1.0.0/16
	set security zones security-zone trust address-book address admin-pc 10.1.1.10
	set security zones security-zone trust address-book address lan6 2001:DB8:1:0::/64
	set security zones security-zone trust address-book address-set lan-all address [ lan-net lan6 ]
	set security zones security-zone dmz address-book address web1 192.0.2.10/32 description "first web server"
	set security zones security-zone dmz address-book address web2 192.0.2.11/32
	set security zones security-zone dmz address-book address web6 2001:db8:d::80/128
	set security zones security-zone dmz address-book address-set webs address web1
	set security zones security-zone dmz address-book address-set webs address web2
	set security zones security-zone dmz address-book address-set webs address web6
	# global address book: prefixes, ranges (v4, v6), nested sets 3 deep
	set security address-book global address net-a 172.16.0.0/12
	set security address-book global address net-b 198.51.100.0/24
	set security address-book global address host-c 203.0.113.7/32
	set security address-book global address pool-r range-address 10.9.0.10 to 10.9.0.20
	set security address-book global address pool-r6 range-address 2001:db8:9::10 to 2001:db8:9::ff
	set security address-book global address v6-net 2001:db8:100::/48
	set security address-book global address-set inner address net-a
	set security address-book global address-set inner address pool-r
	set security address-book global address-set middle address-set inner
	set security address-book global address-set middle address host-c
	set security address-book global address-set outer address-set middle
	set security address-book global address-set outer address v6-net
	set security address-book global address-set outer address pool-r6
	set security address-book global address-set outer description "everything external"
	# applications: numbers and names are canonicalised
	set applications application app-web protocol 6
	set applications application app-web destination-port http
	set applications application app-alt protocol tcp destination-port 8080-8090
	set applications application app-dns protocol 17 destination-port domain inactivity-timeout 60
	set applications application app-ping protocol icmp icmp-type 8
	set applications application app-unreach protocol icmp icmp-type 3 icmp-code 1
	set applications application app-long protocol tcp destination-port 5000 inactivity-timeout never
	set applications application app-src protocol tcp source-port 1024-65535 destination-port ssh
	set applications application app-gre protocol 47 description "GRE tunnels"
	set applications application-set web-apps application [ app-web app-alt ]
	set applications application-set web-apps application junos-https
	set applications application-set all-apps application-set web-apps
	set applications application-set all-apps application app-dns
	set applications application-set all-apps application junos-ssh
	# policy options
	set security policies default-policy permit-all
	set security policies policy-rematch
	# flow options
	set security flow tcp-session rst-invalidate-session
	set security flow tcp-session strict-syn-check
	set security flow tcp-session no-sequence-check
	set security flow tcp-session tcp-initial-timeout 30
	set security flow tcp-session time-wait-state session-timeout 120
	set security flow aging early-ageout 10
	set security flow aging high-watermark 90
	set security flow aging low-watermark 70
	set security flow route-change-timeout 60
	set security flow max-sessions 50000
	set security flow advanced-options reverse-route-packet-mode-vr
	set security forwarding-options family inet mode flow-based
	set security forwarding-options family inet6 mode packet-based
	set security flow traceoptions file flow-trace size 1048576 files 3
	set security flow traceoptions flag basic-datapath
	set security flow traceoptions flag session
	set security flow traceoptions flag tcp-basic
	set security flow traceoptions packet-filter pf-web protocol 6 destination-prefix 192.0.2.0/24 destination-port http
	set security flow traceoptions packet-filter pf-v6 source-prefix 2001:db8:1::/64 interface lan0
	set security flow traceoptions rate-limit 500
	set security flow traceoptions local-debug-buf size 4096
	EOF
	local pair from to n i k name src dst app then srcs dsts
	# names a policy may use: the from-zone's (to-zone's) book and the global one
	local -A src_of=([trust]="lan-net admin-pc lan-all lan6 any net-a outer any-ipv4"
			 [untrust]="any net-b host-c middle pool-r any-ipv6"
			 [dmz]="web1 webs any web6")
	local -A dst_of=([untrust]="any net-a net-b outer inner host-c"
			 [dmz]="web1 web2 webs any web6 net-b")
	local apps=(any app-web all-apps web-apps junos-http junos-ssh app-dns app-ping app-long junos-dns-udp)
	local actions=(permit deny reject permit "permit log session-init" "permit count" "deny log session-close")
	k=0
	for pair in "${PAIRS[@]}"; do
		read -r from to n <<<"$pair"
		read -ra srcs <<<"${src_of[$from]}"
		read -ra dsts <<<"${dst_of[$to]}"
		for ((i = 1; i <= n; i++, k++)); do
			name=$(printf '%s-%s-%03d' "$from" "$to" "$i")
			src=${srcs[k % ${#srcs[@]}]}
			dst=${dsts[k % ${#dsts[@]}]}
			app=${apps[k % ${#apps[@]}]}
			then=${actions[k % ${#actions[@]}]}
			if ((k % 3 == 0)); then
				# the whole policy in one statement (srxflow extension)
				printf 'set security policies from-zone %s to-zone %s policy %s match source-address %s destination-address %s application %s then %s\n' \
					"$from" "$to" "$name" "$src" "$dst" "$app" "$then"
			else
				printf 'set security policies from-zone %s to-zone %s policy %s match source-address %s\n' "$from" "$to" "$name" "$src"
				printf 'set security policies from-zone %s to-zone %s policy %s match destination-address %s\n' "$from" "$to" "$name" "$dst"
				printf 'set security policies from-zone %s to-zone %s policy %s match application %s\n' "$from" "$to" "$name" "$app"
				printf 'set security policies from-zone %s to-zone %s policy %s then %s\n' "$from" "$to" "$name" "$then"
			fi
			if ((k % 10 == 5)); then
				printf 'set security policies from-zone %s to-zone %s policy %s description "policy number %d"\n' \
					"$from" "$to" "$name" "$k"
			fi
		done
	done
	cat <<-'EOF'
	set security policies global policy g-deny-bad match source-address host-c destination-address any application any from-zone untrust to-zone [ trust dmz ] then deny
	set security policies global policy g-ping match source-address any destination-address any application junos-ping then permit count
	set security policies global policy g-web match source-address outer destination-address any application web-apps from-zone any to-zone dmz then reject
	EOF
}

gen_config >"$WORK/in.set"

run_cmd rcli load override "$WORK/in.set"
check_eq "load override of a realistic configuration ($NPOL+3 policies)" \
	"0 load complete" "$_last_rc $_last_out"

A=$(rconf)
printf '%s\n' "$A" >"$WORK/A.set"
run_cmd rcli load override "$WORK/A.set"
check_eq "load override of its own show configuration" "0 load complete" "$_last_rc $_last_out"
B=$(rconf)
if [ -n "$A" ]; then
	check_same "show configuration is the same after the round trip (A == B)" "$A" "$B"
else
	ktap_fail "show configuration is the same after the round trip (A == B)" "A is empty"
fi

# loading the same statements again changes nothing either
run_cmd rcli load merge "$WORK/in.set"
C=$(rconf)
check_same "load merge of the same file changes nothing" "$A" "$C"

check_lines "zones: interfaces, host-inbound-traffic (zone and interface), tcp-rst, screen" "$A" <<-'EOF'
	set security screen ids-option trust-screen tcp land
	set security screen ids-option untrust-screen tcp syn-flood source-threshold 1024
	set security zones security-zone trust description "inside network"
	set security zones security-zone trust tcp-rst
	set security zones security-zone trust screen trust-screen
	set security zones security-zone trust host-inbound-traffic system-services all
	set security zones security-zone trust host-inbound-traffic system-services telnet except
	set security zones security-zone trust host-inbound-traffic protocols ospf
	set security zones security-zone trust interfaces lan0
	set security zones security-zone trust interfaces lan1 host-inbound-traffic system-services ssh
	set security zones security-zone trust interfaces lan1 host-inbound-traffic system-services ping
	set security zones security-zone untrust screen untrust-screen
	set security zones security-zone untrust interfaces wan1 host-inbound-traffic protocols bgp
	set security zones security-zone untrust interfaces wan1 host-inbound-traffic protocols bfd
	set security zones security-zone dmz tcp-rst
	set security zones security-zone dmz interfaces dmz0 host-inbound-traffic system-services http
	set security zones security-zone dmz interfaces dmz0 host-inbound-traffic system-services https
	set security zones security-zone dmz enable-reverse-reroute
	EOF

check_lines "zone address books: host address gets /32, IPv6 in canonical form, sets" "$A" <<-'EOF'
	set security zones security-zone trust address-book address lan-net 10.1.0.0/16
	set security zones security-zone trust address-book address admin-pc 10.1.1.10/32
	set security zones security-zone trust address-book address lan6 2001:db8:1::/64
	set security zones security-zone trust address-book address-set lan-all address lan-net
	set security zones security-zone trust address-book address-set lan-all address lan6
	set security zones security-zone dmz address-book address web1 192.0.2.10/32
	set security zones security-zone dmz address-book address web1 description "first web server"
	set security zones security-zone dmz address-book address web6 2001:db8:d::80/128
	set security zones security-zone dmz address-book address-set webs address web6
	EOF

check_lines "global address book: prefixes, IPv4/IPv6 ranges, nested address sets" "$A" <<-'EOF'
	set security address-book global address net-a 172.16.0.0/12
	set security address-book global address host-c 203.0.113.7/32
	set security address-book global address pool-r range-address 10.9.0.10 to 10.9.0.20
	set security address-book global address pool-r6 range-address 2001:db8:9::10 to 2001:db8:9::ff
	set security address-book global address v6-net 2001:db8:100::/48
	set security address-book global address-set inner address net-a
	set security address-book global address-set inner address pool-r
	set security address-book global address-set middle address host-c
	set security address-book global address-set middle address-set inner
	set security address-book global address-set outer address v6-net
	set security address-book global address-set outer address pool-r6
	set security address-book global address-set outer address-set middle
	set security address-book global address-set outer description "everything external"
	EOF

check_lines "applications: protocol 6 -> tcp, http -> 80, icmp-type 8 -> echo-request, never" "$A" <<-'EOF'
	set applications application app-web protocol tcp
	set applications application app-web destination-port 80
	set applications application app-alt destination-port 8080-8090
	set applications application app-dns protocol udp
	set applications application app-dns destination-port 53
	set applications application app-dns inactivity-timeout 60
	set applications application app-ping protocol icmp
	set applications application app-ping icmp-type echo-request
	set applications application app-unreach icmp-type unreachable
	set applications application app-unreach icmp-code 1
	set applications application app-long inactivity-timeout never
	set applications application app-src source-port 1024-65535
	set applications application app-src destination-port 22
	set applications application app-gre protocol gre
	set applications application app-gre description "GRE tunnels"
	set applications application-set web-apps application app-web
	set applications application-set web-apps application app-alt
	set applications application-set web-apps application junos-https
	set applications application-set all-apps application-set web-apps
	set applications application-set all-apps application junos-ssh
	EOF

check_lines "policies: one-statement and multi-statement forms, log, count, description, global" "$A" <<-'EOF'
	set security policies from-zone trust to-zone untrust policy trust-untrust-001 match source-address lan-net
	set security policies from-zone trust to-zone untrust policy trust-untrust-001 match destination-address any
	set security policies from-zone trust to-zone untrust policy trust-untrust-001 match application any
	set security policies from-zone trust to-zone untrust policy trust-untrust-001 then permit
	set security policies from-zone trust to-zone untrust policy trust-untrust-005 then log session-init
	set security policies from-zone trust to-zone untrust policy trust-untrust-006 description "policy number 5"
	set security policies from-zone trust to-zone untrust policy trust-untrust-006 then count
	set security policies from-zone trust to-zone untrust policy trust-untrust-007 then deny
	set security policies from-zone trust to-zone untrust policy trust-untrust-007 then log session-close
	set security policies from-zone dmz to-zone untrust policy dmz-untrust-010 match application junos-dns-udp
	set security policies global policy g-deny-bad match from-zone untrust
	set security policies global policy g-deny-bad match to-zone trust
	set security policies global policy g-deny-bad match to-zone dmz
	set security policies global policy g-deny-bad then deny
	set security policies global policy g-ping then permit
	set security policies global policy g-ping then count
	set security policies global policy g-web match from-zone any
	set security policies global policy g-web then reject
	set security policies default-policy permit-all
	set security policies policy-rematch
	EOF

check_lines "flow, forwarding-options, traceoptions (size 1048576 -> 1m, protocol 6 -> tcp)" "$A" <<-'EOF'
	set security flow tcp-session rst-invalidate-session
	set security flow tcp-session strict-syn-check
	set security flow tcp-session no-sequence-check
	set security flow tcp-session tcp-initial-timeout 30
	set security flow tcp-session time-wait-state session-timeout 120
	set security flow aging early-ageout 10
	set security flow aging high-watermark 90
	set security flow aging low-watermark 70
	set security flow route-change-timeout 60
	set security flow max-sessions 50000
	set security flow advanced-options reverse-route-packet-mode-vr
	set security forwarding-options family inet mode flow-based
	set security forwarding-options family inet6 mode packet-based
	set security flow traceoptions file flow-trace
	set security flow traceoptions file size 1m
	set security flow traceoptions file files 3
	set security flow traceoptions flag basic-datapath
	set security flow traceoptions flag session
	set security flow traceoptions flag tcp-basic
	set security flow traceoptions packet-filter pf-web protocol tcp
	set security flow traceoptions packet-filter pf-web destination-prefix 192.0.2.0/24
	set security flow traceoptions packet-filter pf-web destination-port 80
	set security flow traceoptions packet-filter pf-v6 source-prefix 2001:db8:1::/64
	set security flow traceoptions packet-filter pf-v6 interface lan0
	set security flow traceoptions rate-limit 500
	set security flow traceoptions local-debug-buf size 4096
	EOF

# every policy is there, once, in the order it was loaded
want_order=$(grep -oE '^set security policies from-zone [^ ]+ to-zone [^ ]+ policy [^ ]+' "$WORK/in.set" | awk '!seen[$0]++')
got_order=$(printf '%s\n' "$A" | grep -oE '^set security policies from-zone [^ ]+ to-zone [^ ]+ policy [^ ]+' | awk '!seen[$0]++')
check_eq "all $NPOL zone-pair policies present" "$NPOL" "$(printf '%s\n' "$got_order" | grep -c .)"
check_same "zone-pair policies in the loaded order" "$want_order" "$got_order"

n=$(printf '%s\n' "$A" | grep -cE '^set security policies (from-zone [^ ]+ to-zone [^ ]+|global) policy [^ ]+ then (permit|deny|reject)$')
check_eq "every policy has exactly one action" "$((NPOL + 3))" "$n"

check_eq "no duplicate statements in show configuration" "" \
	"$(printf '%s\n' "$A" | sort | uniq -d | head -n 5)"

# JSON: valid, and the same number of policies
run_cmd rcli -j show configuration
printf '%s\n' "$_last_out" >"$WORK/A.json"
check_eq "-j show configuration is valid JSON with every policy" "$NPOL 3" \
	"$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
pol = d["security"]["policies"]
n = sum(len(t["policy"]) for f in pol["from-zone"] for t in f["to-zone"])
print(n, len(pol["global"]["policy"]))' "$WORK/A.json" 2>&1)"

# the kernel applied what the configuration says
run_cmd rcli show security policies
check_eq "show security policies lists $((NPOL + 3)) policies" "$((NPOL + 3))" \
	"$(printf '%s\n' "$_last_out" | grep -c '^  Policy: ')"
check_match "default policy permit-all applied" "^Default policy: permit-all" \
	printf '%s\n' "$_last_out"
run_cmd rcli show security flow status
flat=${_last_out//$'\n'/ }
check_match "forwarding-options applied (inet6 packet-based)" \
	"Inet forwarding mode: flow.based +Inet6 forwarding mode: packet.based" printf '%s\n' "$flat"
check_match "traceoptions applied (tracing on, 2 packet filters)" \
	"Flow tracing status: on +Packet filters: 2 " printf '%s\n' "$flat"
check_match "reverse-route-packet-mode-vr and max-sessions applied" \
	"reverse route mode: packet mode.*maximum 50000" printf '%s\n' "$flat"

# a text value with backslashes (typed on the command line, no quoting
# rules) must come back unchanged from a load of show configuration
rcli set security zones security-zone dmz description 'C:\shares\web root' >/dev/null
d1=$(rcli show configuration security zones security-zone dmz description)
rconf >"$WORK/D.set"
rcli load override "$WORK/D.set" >/dev/null
check_eq "a description with backslashes survives show configuration + load" \
	"$d1" "$(rcli show configuration security zones security-zone dmz description)"

# A client that saves the configuration with CFG_GET and restores it as it
# came (the kernel's SRXFLOW_A_POL_INDEX included, which CFG_ADD ignores)
# gets the same configuration back, each policy with one index, however
# often it does so.
rconf >"$WORK/E1.set"
out1=$(in_r /usr/bin/python3 "$TOP/tests/tools/nlreplay.py" 2>&1)
out2=$(in_r /usr/bin/python3 "$TOP/tests/tools/nlreplay.py" 2>&1)
np=$((NPOL + 3))
printf '%s\n%s\n' "$out1" "$out2" | sed 's/^/# nlreplay: /'
check_eq "a CFG_GET committed again, twice: one index per policy" \
	"after: policies $np, index attributes $np|after: policies $np, index attributes $np" \
	"$(printf '%s\n%s\n' "$out1" "$out2" | sed -n 's/^\(after: \)objects [0-9]*, /\1/p' | paste -sd'|')"
rconf >"$WORK/E2.set"
check_same "... and the same configuration" "$(cat "$WORK/E1.set")" "$(cat "$WORK/E2.set")"

ktap_finish
