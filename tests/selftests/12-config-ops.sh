#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration operations: commit check (validates, changes nothing),
# insert ... before|after (policy order and sequence numbers), stable
# policy indexes across commits, delete (interface, one value of a
# leaf-list, a subtree, something that is not there), predefined junos-*
# applications.
# shellcheck disable=SC1010 # "then" is a word of policy statements
. "$(dirname "$0")/lib.sh"

srx_load
if [ -z "${SRX_IN_NS:-}" ]; then
	ns_add "$R" || ktap_skip_all "cannot create a network namespace"
fi
ns_reexec "$R"
ktap_plan 38

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT

TU="security policies from-zone trust to-zone untrust"
TUA=(security policies from-zone trust to-zone untrust)

# pol_table [ARGS]: "NAME INDEX SEQUENCE" per policy of `show security policies ARGS`
pol_table() {
	rcli show security policies "$@" |
		sed -n 's/^  Policy: \([^,]*\), State: [^,]*, Index: \([0-9]*\), Scope Policy: 0, Sequence number: \([0-9]*\), Log Profile ID: 0$/\1 \2 \3/p'
}
# name_seq TABLE: "NAME:SEQ ..." in listed order; name_idx TABLE: "NAME=INDEX" lines sorted
name_seq() { printf '%s\n' "$1" | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $3 }'; }
name_idx() { printf '%s\n' "$1" | awk '{ print $1 "=" $2 }' | sort; }

rload >/dev/null <<-EOF
	set security zones security-zone trust interfaces lan0
	set security zones security-zone trust interfaces lan1
	set security zones security-zone untrust interfaces wan0
	set security zones security-zone dmz interfaces dmz0
	set security address-book global address a1 10.0.0.1/32
	set security address-book global address a2 10.0.0.2/32
	set security address-book global address a3 10.0.0.3/32
	set security address-book global address-set s1 address [ a1 a2 a3 ]
	set security flow tcp-session tcp-initial-timeout 25
	set security flow traceoptions file tr
	set security flow traceoptions flag [ basic-datapath session route ]
	set $TU policy p1 match source-address s1 destination-address any application any then permit
	set $TU policy p2 match source-address any destination-address a1 application any then permit
	set $TU policy p3 match source-address any destination-address a2 application any then permit
	set $TU policy p4 match source-address any destination-address a3 application any then permit
	set $TU policy p5 match source-address any destination-address any application any then deny
	set security policies from-zone untrust to-zone trust policy q1 match source-address any destination-address any application any then deny
	set security policies global policy g1 match source-address any destination-address any application any then deny
	EOF

# --- commit check -------------------------------------------------------------------------
conf0=$(rconf)
gen0=$(rgen)
F=$WORK/good.set
{
	printf '%s\n' "$conf0"
	echo "set security zones security-zone extra interfaces ex0"
	echo "set security policies from-zone extra to-zone untrust policy x1 match source-address any destination-address any application any then permit"
} >"$F"
run_cmd rcli commit check "$F"
check_eq "commit check of a good file: 'configuration check succeeds'" \
	"0 configuration check succeeds" "$_last_rc $_last_out"
check_same "commit check changed nothing in the configuration" "$conf0" "$(rconf)"
check_eq "commit check did not commit (same generation)" "$gen0" "$(rgen)"
{
	printf '%s\n' "$conf0"
	echo "set security zones security-zone extra interfaces ex0"
	echo "set security policies from-zone extra to-zone untrust policy x1 match source-address ghost destination-address any application any then permit"
} >"$WORK/bad.set"
n=$(($(printf '%s\n' "$conf0" | wc -l) + 2))
check_rejected "commit check of a bad file: error with FILE:LINE, nothing changed" \
	"^srxflow: $WORK/bad.set:$n: error: security policies from-zone extra to-zone untrust policy x1 match source-address ghost: address or address-set is not defined" \
	rcli commit check "$WORK/bad.set"
printf 'set security zones security-zone extra interfaces ex0\nset security zones security-zone extra frob\n' >"$WORK/bad2.set"
check_rejected "commit check of a file with a syntax error: FILE:LINE" \
	"^srxflow: $WORK/bad2.set:2: syntax error at 'frob'" \
	rcli commit check "$WORK/bad2.set"

# --- insert -------------------------------------------------------------------------------
t0=$(pol_table from-zone trust to-zone untrust)
check_eq "initial order and sequence numbers" "p1:1 p2:2 p3:3 p4:4 p5:5" "$(name_seq "$t0")"
run_cmd rcli insert "${TUA[@]}" policy p5 before policy p1
t1=$(pol_table from-zone trust to-zone untrust)
check_eq "insert p5 before p1: order and sequence numbers" "0 p5:1 p1:2 p2:3 p3:4 p4:5" \
	"$_last_rc $(name_seq "$t1")"
check_same "insert keeps every policy's index" "$(name_idx "$t0")" "$(name_idx "$t1")"
run_cmd rcli insert "${TUA[@]}" policy p1 after policy p4
t2=$(pol_table from-zone trust to-zone untrust)
check_eq "insert p1 after p4: order and sequence numbers" "0 p5:1 p2:2 p3:3 p4:4 p1:5" \
	"$_last_rc $(name_seq "$t2")"
check_eq "show configuration lists the policies in the new order" "p5 p2 p3 p4 p1" \
	"$(rcli show configuration security policies from-zone trust to-zone untrust '|' display set |
		sed -n 's/^.* policy \([^ ]*\) then .*$/\1/p' | tr '\n' ' ' | sed 's/ $//')"
check_rejected "insert relative to a policy that does not exist" "policy 'nope' not found" \
	rcli insert "${TUA[@]}" policy p2 before policy nope
check_rejected "insert of a policy that does not exist" "statement not found" \
	rcli insert "${TUA[@]}" policy nope before policy p2
check_eq "other zone pairs and global policies keep their sequence numbers" "q1:1 g1:1" \
	"$(name_seq "$(pol_table | grep -E '^(q1|g1) ')")"

# --- indexes stable across commits ----------------------------------------------------------
all0=$(pol_table)
idx0=$(name_idx "$all0")
rmerge >/dev/null <<-EOF
	delete $TU policy p2
	set $TU policy p6 match source-address any destination-address any application any then permit
	set $TU policy p3 then deny
	set security policies from-zone dmz to-zone untrust policy d1 match source-address any destination-address any application any then permit
	set security policies from-zone dmz to-zone untrust policy d2 match source-address any destination-address any application any then permit
	EOF
all1=$(pol_table)
idx1=$(name_idx "$all1")
check_same "kept policies keep their Index when others are added, removed, changed" \
	"$(printf '%s\n' "$idx0" | grep -v '^p2=')" \
	"$(printf '%s\n' "$idx1" | grep -vE '^(p6|d1|d2)=')"
check_eq "new policies get indexes no other policy has" "" \
	"$(printf '%s\n' "$all1" | awk '{ print $2 }' | sort | uniq -d)"
check_eq "the removed policy is gone" "" "$(printf '%s\n' "$all1" | grep '^p2 ')"
rconf >"$WORK/same.set"
run_cmd rcli load override "$WORK/same.set"
check_same "load override of the same configuration keeps every index" "$idx1" "$(name_idx "$(pol_table)")"

# --- delete ---------------------------------------------------------------------------------
run_cmd rcli delete security zones security-zone trust interfaces lan1
c=$(rconf)
check_eq "delete an interface of a zone" "0 1 0" "$_last_rc $(printf '%s\n' "$c" |
	grep -c '^set security zones security-zone trust interfaces lan0$') $(printf '%s\n' "$c" |
	grep -c 'interfaces lan1')"
check_nomatch "show security zones no longer lists it" "lan1" rcli show security zones trust
run_cmd rcli delete security address-book global address-set s1 address a2
c=$(rconf)
check_eq "delete one member of an address-set" "0 a1 a3" "$_last_rc $(printf '%s\n' "$c" |
	sed -n 's/^set security address-book global address-set s1 address //p' | tr '\n' ' ' | sed 's/ $//')"
check_match "... the address itself stays defined" "^set security address-book global address a2 10\.0\.0\.2/32$" \
	printf '%s\n' "$c"
run_cmd rcli delete security flow traceoptions flag session
check_eq "delete one value of a leaf-list (traceoptions flag)" "0 basic-datapath route" \
	"$_last_rc $(rcli show configuration security flow traceoptions '|' display set |
		sed -n 's/^set security flow traceoptions flag //p' | tr '\n' ' ' | sed 's/ $//')"
run_cmd rcli delete security flow traceoptions
c=$(rconf)
check_eq "delete a subtree (security flow traceoptions)" "0 0" \
	"$_last_rc $(printf '%s\n' "$c" | grep -c traceoptions)"
check_match "... the rest of security flow stays" "^set security flow tcp-session tcp-initial-timeout 25$" \
	printf '%s\n' "$c"
check_match "... and tracing is off" "Flow tracing status: off" rcli show security flow status

# delete of something that is not there: a warning, nothing changes
for stmt in "security zones security-zone trust interfaces lan9" \
	    "security address-book global address-set s1 address a2" \
	    "security flow traceoptions" \
	    "security policies from-zone trust to-zone dmz policy nope"; do
	before=$(rconf)
	# shellcheck disable=SC2086
	run_cmd rcli delete $stmt
	after=$(rconf)
	if printf '%s\n' "$_last_out" | grep -q "warning: statement not found" &&
	   [ "$before" = "$after" ]; then
		ktap_ok "delete $stmt (absent): warning, nothing changed"
	else
		ktap_fail "delete $stmt (absent): warning, nothing changed" "status $_last_rc" \
			"$_last_out" "$(text_diff "$before" "$after")"
	fi
done

# --- predefined applications -----------------------------------------------------------------
run_cmd rcli show configuration groups junos-defaults applications
check_lines "junos-defaults lists junos-http, junos-https, junos-ssh, junos-dns-udp, junos-ping" \
	"$_last_out" <<-'EOF'
	set groups junos-defaults applications application junos-http protocol tcp
	set groups junos-defaults applications application junos-http destination-port 80
	set groups junos-defaults applications application junos-https protocol tcp
	set groups junos-defaults applications application junos-https destination-port 443
	set groups junos-defaults applications application junos-ssh protocol tcp
	set groups junos-defaults applications application junos-ssh destination-port 22
	set groups junos-defaults applications application junos-dns-udp protocol udp
	set groups junos-defaults applications application junos-dns-udp destination-port 53
	set groups junos-defaults applications application junos-ping protocol icmp
	set groups junos-defaults applications application junos-ping icmp-type echo-request
	EOF
check_eq "show configuration groups junos-defaults applications application junos-http" \
	"set groups junos-defaults applications application junos-http protocol tcp
set groups junos-defaults applications application junos-http destination-port 80" \
	"$(rcli show configuration groups junos-defaults applications application junos-http)"
run_cmd rcli set security policies from-zone untrust to-zone dmz policy web-in match source-address any destination-address any application [ junos-http junos-ssh junos-dns-udp ] then permit
check_eq "a policy references predefined applications without defining them" "0 " "$_last_rc $_last_out"
c=$(rconf)
check_match "... the policy names them" \
	"^set security policies from-zone untrust to-zone dmz policy web-in match application junos-dns-udp$" \
	printf '%s\n' "$c"
check_nomatch "... and no junos-* application is defined in the configuration" \
	"^set applications application(-set)? junos-" printf '%s\n' "$c"
check_match "match-policies: tcp/80 matches the junos-http policy" "^Policy: web-in, action-type: permit" \
	rcli show security match-policies from-zone untrust to-zone dmz source-ip 10.0.0.1 destination-ip 10.0.0.2 protocol tcp destination-port 80
check_nomatch "match-policies: tcp/81 does not" "^Policy: web-in" \
	rcli show security match-policies from-zone untrust to-zone dmz source-ip 10.0.0.1 destination-ip 10.0.0.2 protocol tcp destination-port 81
check_rejected "defining application junos-foo is rejected (reserved)" \
	"applications application junos-foo: name is reserved" \
	rcli set applications application junos-foo protocol tcp destination-port 8080
check_rejected "defining application-set junos-bar is rejected (reserved)" \
	"applications application-set junos-bar: name is reserved" \
	rcli set applications application-set junos-bar application junos-http

ktap_finish
