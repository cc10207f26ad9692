#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Real SRX configurations: Junos interface names bound to Linux devices
# (interfaces IFD unit N linux-device DEV) carry traffic and appear in
# sessions (text and JSON), zones, filters and traces; wrong bindings are
# refused by name.  Then each configuration of the corpus in
# ../shared/realworld/configs (read in place, never copied: several
# sources state no license), its zone interfaces bound to dummy devices,
# loads or fails only on a statement of a feature srxflow has not built
# (NAT, IPsec...), named in the error; with those hierarchies
# taken out, the rest loads.  Each hierarchical .conf capture (its .set
# sibling is the same configuration converted to set lines) is refused for
# the same unbuilt features, loads without them, and gives the same
# configuration as its .set.  Configurations that still fail on an
# in-scope statement are listed as SKIP with the reason (pending work).
. "$(dirname "$0")/lib.sh"

CORPUS=${SRXFLOW_REALWORLD:-$TOP/../shared/realworld}/configs
# the hierarchical ({ }) captures wait for its parser (issue 17): listed, skipped
NCONF=$(ls "$CORPUS"/*.conf 2>/dev/null | wc -l)
ktap_plan $((35 + 3 * NCONF))
srx_load
eng_tmpdir
topo_router

# --- Junos names on the router's two links ----------------------------------------------
check "zones named by Junos interface names load" rload_q <<'EOF'
set interfaces ge-0/0/1 unit 0 linux-device lan0
set interfaces ge-0/0/2 unit 0 linux-device wan0
set interfaces reth1 unit 100 linux-device vl100
set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces ge-0/0/2
set security zones security-zone dmz interfaces reth1.100
set security policies from-zone trust to-zone untrust policy allow match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy allow then permit
set security flow traceoptions file jtrace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter f1 interface ge-0/0/1.0
EOF
check_match "show configuration prints the binding" \
	"^set interfaces ge-0/0/1 unit 0 linux-device lan0$" rconf
check "ping through zones bound by Junos names" in_c ping -c 2 -i 0.2 -W 5 10.0.2.2
# the session checks read a long-running echo flow (one session: the same
# request repeated; a ping's answered requests close within 4 s)
bg in_c /usr/bin/python3 "$ECHO_FLOW" -i 0.5 10.0.2.2 >/dev/null 2>&1
flow_pid=$!
wait_until 20 sess_is 1 protocol icmp source-port 4660
out=$(rcli show security flow session protocol icmp)
check_match "session In wing shows If: ge-0/0/1.0" \
	"^  In: 10\.0\.1\.2/[0-9]+ --> 10\.0\.2\.2/[0-9]+;icmp, Conn Tag: 0x0, If: ge-0/0/1\.0, " echo "$out"
check_match "session Out wing shows If: ge-0/0/2.0 (zone named ge-0/0/2: unit 0)" \
	"^  Out: 10\.0\.2\.2/[0-9]+ --> 10\.0\.1\.2/[0-9]+;icmp, Conn Tag: 0x0, If: ge-0/0/2\.0, " echo "$out"
check_match "JSON sessions carry the Junos name" '"ge-0/0/1\.0"' rcli -j show security flow session protocol icmp
check_match "session filter by Junos name" "If: ge-0/0/1\.0" \
	rcli show security flow session interface ge-0/0/1.0
kill "$flow_pid" 2>/dev/null
check_match "show security zones lists the Junos names" "ge-0/0/2\.0" rcli show security zones
check_match "the trace filter by Junos name matched, the trace names it" \
	"from trust \(ge-0/0/1\.0 in 0\) to ge-0/0/2\.0, Next-hop" rcli show log jtrace

CONF_BASE=$(rconf)
check_rejected "an unbound Junos name is refused, naming statement and value" \
	"security zones security-zone trust interfaces ge-0/0/9\.0: interface is not bound" \
	rcli set security zones security-zone trust interfaces ge-0/0/9.0
check_rejected "a device bound twice is refused" \
	"interfaces ge-0/0/3 unit 0 linux-device lan0: device is already bound to ge-0/0/1\.0" \
	rcli set interfaces ge-0/0/3 unit 0 linux-device lan0
check_rejected "a bound device named by its Linux name is refused" \
	"interfaces lan0: device is bound to ge-0/0/1\.0" \
	rcli set security zones security-zone dmz interfaces lan0
check_rejected "a linux-device that cannot be a Linux name is refused" \
	"invalid value 'a/b' for linux-device" \
	rcli set interfaces ge-0/0/4 unit 0 linux-device a/b
check_rejected "a non-ASCII interface name is refused" \
	"invalid value" rcli set security zones security-zone dmz interfaces "ge-0/0/1é"
check_rejected "ge-0/0/1 and ge-0/0/1.0 are one interface" \
	"interface is already in zone trust" \
	rcli set security zones security-zone dmz interfaces ge-0/0/1

# --- application terms, predefined applications and sets ------------------------------------
tcp_echo 3306
udp_echo 3306
udp_echo 3307
wait_listen "$S" 3306 || echo "# server in S did not come up"
check "an application of two terms loads, a policy names it" rload_q <<'EOF'
set interfaces ge-0/0/1 unit 0 linux-device lan0
set interfaces ge-0/0/2 unit 0 linux-device wan0
set security zones security-zone trust interfaces ge-0/0/1.0
set security zones security-zone untrust interfaces ge-0/0/2.0
set applications application custom-mysql term mysql-tcp protocol tcp
set applications application custom-mysql term mysql-tcp destination-port 3306
set applications application custom-mysql term mysql-udp protocol udp
set applications application custom-mysql term mysql-udp destination-port 3306
set security policies from-zone trust to-zone untrust policy db match source-address any destination-address any application custom-mysql
set security policies from-zone trust to-zone untrust policy db then permit
set security policies from-zone trust to-zone untrust policy rpc match source-address any destination-address any application [ junos-ms-rpc junos-smb junos-ike ]
set security policies from-zone trust to-zone untrust policy rpc then permit
EOF
check_match "the tcp term permits TCP 3306" "^hello$" tcp_req 10.0.2.2 3306
check_match "the udp term permits UDP 3306" "^ping$" udp_req 10.0.2.2 3306
UDP_WAIT=3 check_fail "UDP 3307 matches no term: denied" udp_req 10.0.2.2 3307
CONF_BASE=$(rconf)
check_rejected "terms and an application-level protocol are exclusive" \
	"applications application custom-mysql: protocol, ports or icmp-type and term are exclusive" \
	rcli set applications application custom-mysql protocol tcp
out=$(rcli show configuration groups junos-defaults applications)
check_match "junos-defaults: junos-smb has two terms" \
	"^set groups junos-defaults applications application junos-smb term t2 destination-port 445$" echo "$out"
check_match "junos-defaults: application-set junos-ms-rpc with its members" \
	"^set groups junos-defaults applications application-set junos-ms-rpc application junos-ms-rpc-udp$" echo "$out"
check_match "junos-defaults: ALG protocol names shown" \
	"^set groups junos-defaults applications application junos-ike application-protocol ike-esp-nat$" echo "$out"

# --- functional-zone management: to the router only ------------------------------------------
check "functional-zone management loads (host-inbound ping)" rload_q <<'EOF'
set interfaces ge-0/0/1 unit 0 linux-device lan0
set interfaces fxp0 unit 0 linux-device wan0
set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping
set security zones functional-zone management interfaces fxp0.0 host-inbound-traffic system-services ping
set security policies default-policy permit-all
EOF
check "a ping to the router through the management interface is answered" \
	in_s ping -c 1 -W 3 10.0.2.1
check_fail "transit into the management zone is dropped, even with permit-all" \
	in_c ping -c 1 -W 2 10.0.2.2

# --- the corpus -----------------------------------------------------------------------------
if [ ! -d "$CORPUS" ]; then
	for i in $(seq 8); do ktap_skip "corpus check $i" "$CORPUS absent"; done
	ktap_finish
fi
# in-scope statements srxflow does not implement yet (issue 16): reason per file
# (none left; a file listed here is reported as SKIP)
declare -A PENDING=()
# errors of the source itself, expected as they are (ERE of the error)
declare -A SOURCE_DEFECT=(
	[11-zh-juniper-notes-prod]="match application TCP_11129: application is not defined"
)
# ...and the lines to take out so that the rest is checked (11 is an
# excerpt: it also names zones IT and INTERNET that it does not define)
declare -A DEFECT_LINES=(
	[11-zh-juniper-notes-prod]="policy For_ACG_DB_Backup |from-zone IT to-zone INTERNET "
)
UNBUILT='^set security (nat|ike|ipsec|alg|utm|idp|key-manager|pki)( |$)'
UNBUILT_KW='nat|ike|ipsec|alg|utm|idp|key-manager|pki'
bad_load=() bad_rest=() pending=() loaded=() unbuilt=() defect=()
for f in "$CORPUS"/*.set; do
	b=$(basename "$f" .set)
	# bind every Junos interface the zones name to a dummy device
	ifs=$(grep -oE '^set security zones (security|functional)-zone [^ ]+ interfaces [^ ]+' "$f" |
	      awk '{print $NF}' | sort -u)
	n=0
	: >"$TMPD/$b.bind"
	: >"$TMPD/$b.links"
	for i in $ifs; do
		n=$((n + 1))
		echo "link add rw$n type dummy" >>"$TMPD/$b.links"
		ifd=${i%.*} unit=${i##*.}
		[ "$ifd" = "$i" ] && unit=0
		echo "set interfaces $ifd unit $unit linux-device rw$n" >>"$TMPD/$b.bind"
	done
	ip -n "$R" -force -b "$TMPD/$b.links" 2>/dev/null
	cat "$TMPD/$b.bind" "$f" >"$TMPD/$b.full"
	out=$(rcli load override "$TMPD/$b.full" 2>&1)
	rc=$?
	echo "$out" | grep -E 'error' | sed "s|^|# $b: |"
	if [ $rc -eq 0 ]; then
		loaded+=("$b")
		continue
	fi
	# every error must name an unbuilt feature, or be a listed pending one
	errs=$(echo "$out" | grep -E ': error: ' | grep -vE 'not supported by srxflow \(')
	if [ -n "${SOURCE_DEFECT[$b]:-}" ]; then
		# the capture references what it does not define: that error, and only it
		if [ "$(echo "$errs" | grep -cE "${SOURCE_DEFECT[$b]}")" = 1 ] &&
		   [ "$(echo "$errs" | grep -c .)" = 1 ]; then
			defect+=("$b")
		else
			bad_load+=("$b: expected only '${SOURCE_DEFECT[$b]}', got: $errs")
			continue
		fi
		errs=
	fi
	if [ -n "$errs" ] && [ -z "${PENDING[$b]:-}" ]; then
		bad_load+=("$b: $errs")
		continue
	fi
	echo "$out" | grep -q 'not supported by srxflow' && unbuilt+=("$b")
	# without the unbuilt hierarchies, the rest must load
	grep -vE "$UNBUILT" "$TMPD/$b.full" | grep -vE "${DEFECT_LINES[$b]:-^\$}" >"$TMPD/$b.rest"
	out=$(rcli load override "$TMPD/$b.rest" 2>&1)
	if [ $? -ne 0 ]; then
		if [ -n "${PENDING[$b]:-}" ]; then
			pending+=("$b")
		else
			bad_rest+=("$b: $(echo "$out" | grep error | head -3)")
		fi
	elif [ -n "${PENDING[$b]:-}" ]; then
		bad_rest+=("$b: listed as pending but loads: update PENDING")
	fi
done
echo "# loaded as is: ${loaded[*]:-none}"
echo "# refused only for unbuilt features (NAT, IPsec...): ${unbuilt[*]:-none}"
echo "# pending in-scope statements: ${pending[*]:-none}"
echo "# refused for an error of the source itself: ${defect[*]:-none}"
check_eq "11 corpus configurations found" 11 "$(ls "$CORPUS"/*.set | wc -l)"
check_eq "no configuration fails on anything but an unbuilt feature or a listed pending one" \
	"" "${bad_load[*]:-}"
check_eq "with the unbuilt features taken out, every configuration loads (pending ones aside)" \
	"" "${bad_rest[*]:-}"
check_nomatch "NAT is built: the static NAT lab with its proxy-arp passes commit check" \
	"error" rcli commit check "$TMPD/10-static-nat-ja-lab.full"
check_match "commit check warns once per skipped hierarchy, with a count" \
	"warning: routing-instances: 54 statements skipped" \
	rcli commit check "$TMPD/01-batfish-labval-fwl01.full"
check_match "groups are expanded (01: node0's statements inherited)" \
	"statements to apply, [0-9]+ skipped \(3 inherited from groups\)" \
	rcli commit check "$TMPD/01-batfish-labval-fwl01.full"
check_match "01 loads whole: its NAT with pool-utilization-alarm raise 85 clear 60 included" \
	"Raise threshold +: 85%" bash -c "ip netns exec $R $SRX load override $TMPD/01-batfish-labval-fwl01.full >/dev/null && ip netns exec $R $SRX show security nat source pool SNAT-GLOBAL"
check_match "the zone bound to a Junos name survives the load (01, loaded whole)" \
	"ge-0/0/0\.0" bash -c "ip netns exec $R $SRX load override $TMPD/01-batfish-labval-fwl01.full >/dev/null 2>&1; ip netns exec $R $SRX show security zones"
# what a load refused, as "hierarchy count" lines
refused() { grep -oE 'error: security [a-z-]+: not supported by srxflow \([^)]*\); [0-9]+' | sed -E 's/error: security ([a-z-]+):.*; ([0-9]+)$/\1 \2/' | sort; }
for f in "$CORPUS"/*.conf; do
	[ -e "$f" ] || continue
	b=$(basename "$f" .conf)
	# the same bindings as the .set sibling, in hierarchical form
	sed -E 's/^set interfaces ([^ ]+) unit ([0-9]+) linux-device ([^ ]+)$/interfaces { \1 { unit \2 { linux-device \3; } } }/' \
		"$TMPD/$b.bind" >"$TMPD/$b.conf.full"
	cat "$f" >>"$TMPD/$b.conf.full"
	out=$(rcli load override "$TMPD/$b.conf.full" 2>&1)
	echo "$out" | grep -E 'error' | sed "s|^|# $b.conf: |"
	want=$(rcli load override "$TMPD/$b.full" 2>&1 | refused)
	check_eq "$b.conf (hierarchical): refused for the same unbuilt features as $b.set" \
		"$want" "$(echo "$out" | grep -E ': error: ' | grep -vE 'not supported by srxflow \(' ; echo "$out" | refused)"
	# without the unbuilt hierarchies (blocks at depth 1 under security)
	awk -v kw="^    ($UNBUILT_KW) \\{" '
		/^security \{/ { insec = 1 }
		insec && skip == 0 && $0 ~ kw { skip = 1; next }
		skip && /^    \}/ { skip = 0; next }
		skip { next }
		/^\}/ { insec = 0 }
		{ print }' "$TMPD/$b.conf.full" >"$TMPD/$b.conf.rest"
	check "$b.conf without its unbuilt hierarchies loads" rcli load override "$TMPD/$b.conf.rest"
	got=$(rconf)
	[ -e "$TMPD/$b.rest" ] || cp "$TMPD/$b.full" "$TMPD/$b.rest"
	rcli load override "$TMPD/$b.rest" >/dev/null 2>&1
	check_eq "$b.conf gives the same configuration as $b.set" "$(rconf)" "$got"
done
if [ ${#PENDING[@]} -gt 0 ]; then
	ktap_skip "pending: ${#PENDING[@]} configurations" "$(for b in "${!PENDING[@]}"; do printf '%s: %s; ' "$b" "${PENDING[$b]}"; done)"
else
	check_eq "no configuration pending on an in-scope statement" "" "${pending[*]:-}"
fi
ktap_finish
