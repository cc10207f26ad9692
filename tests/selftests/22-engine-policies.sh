#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Policy hit counts: `show security policies hit-count` counts sessions
# (not packets) per policy; a narrower rule below a broader one is shadowed
# and stays at 0; deny policies count the packets they drop; `clear
# security policies statistics` starts a fresh baseline. `show security
# match-policies` lists the matching policies in evaluation order, also
# after `insert ... before`. The default policy permit-all, and deleting
# a policy ends its sessions.  policy-rematch: a commit that changes a
# policy, a policy to junos-host or host-inbound-traffic so that a live
# session would no longer be let in ends it, and only it; without
# policy-rematch such sessions live on.
. "$(dirname "$0")/lib.sh"

ktap_plan 44
srx_load
command -v jq >/dev/null || ktap_skip_all "jq not installed"
eng_tmpdir
topo_router
topo_pin_neigh
tcp_echo 8080
udp_echo 5000
# on the router: a service host-inbound-traffic lets in (dns), one a
# policy to junos-host does (123)
udp_echo 53 "$R"
udp_echo 123 "$R"

check "configuration with a shadowed policy loads" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security address-book global address client 10.0.1.2/32
set applications application tcp8080 protocol tcp destination-port 8080
set security policies from-zone trust to-zone untrust policy broad match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy broad then permit
set security policies from-zone trust to-zone untrust policy narrow match source-address client destination-address any application tcp8080
set security policies from-zone trust to-zone untrust policy narrow then permit
set security policies from-zone untrust to-zone trust policy deny-in match source-address any destination-address any application any
set security policies from-zone untrust to-zone trust policy deny-in then deny
EOF
wait_listen "$S" 8080 5000 || echo "# servers in S did not come up"

# hit-count row: INDEX FROM TO NAME COUNT ACTION
hits_re() { echo "^ *$1 +$2 +$3 +$4 +$5 +$6\$"; }

# 3 TCP connections to 8080 (narrow would match them, broad comes first),
# 1 UDP exchange, 1 ping of 2 echo requests (a session each): 6 sessions under broad
ok=0
for i in 1 2 3; do tcp_req 10.0.2.2 8080 >/dev/null 2>&1 && ok=$((ok + 1)); done
check_eq "3 TCP connections to port 8080 work" 3 "$ok"
check_match "a UDP exchange works" "^ping$" udp_req 10.0.2.2 5000
check "a ping (2 echo requests) works" in_c ping -c 2 -i 0.2 -W 5 10.0.2.2
check_fail "untrust -> trust ping is denied (deny-in)" in_s ping -c 1 -W 1 10.0.1.2

out=$(rcli show security policies hit-count)
check_match "hit-count: broad counted 6 sessions (not packets)" \
	"$(hits_re 1 trust untrust broad 6 Permit)" echo "$out"
check_match "hit-count: narrow is shadowed by broad: 0" \
	"$(hits_re 2 trust untrust narrow 0 Permit)" echo "$out"
check_match "hit-count: deny-in counted the dropped echo request" \
	"$(hits_re 3 untrust trust deny-in 1 Deny)" echo "$out"
check_match "hit-count: the device's header, its columns" \
	"^Index   From zone        To zone           Name           Policy count  Action$" echo "$out"
check_match "hit-count: the default policy's row, in the device's columns" \
	"^0       all-zone         all-zone          default-policy 0             Deny$" echo "$out"
check_match "hit-count: a policy's row in the device's columns" \
	"^1       trust            untrust           broad          6             Permit$" echo "$out"
check_eq "hit-count: no footer (the last line is a policy)" "deny-in" \
	"$(printf '%s\n' "$out" | tail -n1 | awk '{print $4}')"
check_match "hit-count: logical system line" "^Logical system: root-logical-system$" echo "$out"

mp=(show security match-policies from-zone trust to-zone untrust source-ip 10.0.1.2
    destination-ip 10.0.2.2 source-port 40000 destination-port 8080 protocol tcp)
check_eq "match-policies result-count 2: broad, then the shadowed narrow" "broad narrow" \
	"$(rcli "${mp[@]}" result-count 2 | sed -n 's/^Policy: \([^,]*\),.*/\1/p' | xargs)"
check_eq "match-policies: the first match only by default" "broad" \
	"$(rcli "${mp[@]}" | sed -n 's/^Policy: \([^,]*\),.*/\1/p' | xargs)"
check_eq "match-policies for UDP: only broad" "broad" \
	"$(rcli show security match-policies from-zone trust to-zone untrust source-ip 10.0.1.2 \
		destination-ip 10.0.2.2 destination-port 8080 protocol udp result-count 5 |
		sed -n 's/^Policy: \([^,]*\),.*/\1/p' | xargs)"

# --- clear, reorder ---------------------------------------------------------------------------
check "clear security policies statistics" rcli clear security policies statistics
out=$(rcli show security policies hit-count)
check_match "  ... broad back to 0" "$(hits_re 1 trust untrust broad 0 Permit)" echo "$out"
check_match "  ... deny-in back to 0" "$(hits_re 3 untrust trust deny-in 0 Deny)" echo "$out"

check "insert narrow before broad" \
	rcli insert security policies from-zone trust to-zone untrust policy narrow before policy broad
check_eq "show security policies: narrow now first (sequence 1), indexes kept" \
	"narrow,2,1 broad,1,2" \
	"$(rcli show security policies from-zone trust to-zone untrust |
		sed -n 's/^  Policy: \([^,]*\), State: enabled, Index: \([0-9]*\), Scope Policy: 0, Sequence number: \([0-9]*\), Log Profile ID: 0$/\1,\2,\3/p' | xargs)"
check_eq "match-policies follows the new order" "narrow broad" \
	"$(rcli "${mp[@]}" result-count 2 | sed -n 's/^Policy: \([^,]*\),.*/\1/p' | xargs)"
check_match "TCP to 8080 works" "^hello$" tcp_req 10.0.2.2 8080
check_match "UDP works" "^ping$" udp_req 10.0.2.2 5000
out=$(rcli show security policies hit-count)
check_match "hit-count: narrow now counts the TCP session" \
	"$(hits_re 2 trust untrust narrow 1 Permit)" echo "$out"
check_match "hit-count: broad counts only the UDP session" \
	"$(hits_re 1 trust untrust broad 1 Permit)" echo "$out"
check "hit-count JSON agrees" jq -e '[.policies[] | select(.name == "narrow")][0]["policy-count"] == 1
	and [.policies[] | select(.name == "broad")][0]["policy-count"] == 1 and ."number-of-policies" == 3' \
	<<<"$(rcli -j show security policies hit-count)"

# --- deleting a policy ends its sessions; default-policy permit-all ------------------------------
check_range "the UDP sessions are under broad (policy-id 1)" 1 2 "$(sess_total policy-id 1 protocol udp)"
check "delete policy broad" rcli delete security policies from-zone trust to-zone untrust policy broad
check "  ... its sessions end" wait_until 10 sess_is 0 policy-id 1
rmerge_q <<'EOF'
delete security policies from-zone untrust to-zone trust
set security policies default-policy permit-all
EOF
check "default-policy permit-all: untrust -> trust ping passes" in_s ping -c 1 -W 5 10.0.1.2

# --- policy-rematch: sessions to the router too --------------------------------------------------
rematch_conf() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone trust host-inbound-traffic system-services dns
	set security zones security-zone untrust interfaces wan0
	set applications application udp5000 protocol udp destination-port 5000
	set applications application udp123 protocol udp destination-port 123
	set security policies from-zone trust to-zone untrust policy u5000 match source-address any destination-address any application udp5000
	set security policies from-zone trust to-zone untrust policy u5000 then permit
	set security policies from-zone trust to-zone junos-host policy h123 match source-address any destination-address any application udp123
	set security policies from-zone trust to-zone junos-host policy h123 then permit
	EOF
}
rematch_sessions() {
	udp_req 10.0.2.2 5000 >/dev/null && udp_req 10.0.1.1 53 >/dev/null &&
		udp_req 10.0.1.1 123 >/dev/null
}
check "policy-rematch, host-inbound dns, a policy to junos-host for 123" \
	rload_q <<<"$(rematch_conf; echo "set security policies policy-rematch")"
check "transit UDP, UDP to R's dns and to R's 123 are answered" rematch_sessions
check "  ... three sessions" eval 'sess_is 1 destination-port 5000 && sess_is 1 destination-port 53 &&
	sess_is 1 destination-port 123'
rmerge_q <<'EOF'
delete security zones security-zone trust host-inbound-traffic system-services dns
set security zones security-zone trust host-inbound-traffic system-services ping
EOF
check "dns out of host-inbound-traffic: its session to R ends" wait_until 10 sess_is 0 destination-port 53
sleep 1
check "  ... the others live on" eval 'sess_is 1 destination-port 5000 && sess_is 1 destination-port 123'
check_match "  ... and new dns to R is dropped" "timed out|^$" eval 'UDP_WAIT=2 udp_req 10.0.1.1 53 || echo "timed out"'
rmerge_q <<'EOF'
delete security policies from-zone trust to-zone junos-host policy h123 then permit
set security policies from-zone trust to-zone junos-host policy h123 then deny
EOF
check "the policy to junos-host denies now: its session ends" wait_until 10 sess_is 0 destination-port 123
check "  ... the transit one lives on" sess_is 1 destination-port 5000
rmerge_q <<'EOF'
delete security policies from-zone trust to-zone untrust policy u5000 match application udp5000
set security policies from-zone trust to-zone untrust policy u5000 match application junos-http
EOF
check "the transit policy no longer matches: its session ends" wait_until 10 sess_is 0 destination-port 5000

check "without policy-rematch" rload_q <<<"$(rematch_conf)"
check "transit UDP, UDP to R's dns and to R's 123 are answered again" rematch_sessions
rmerge_q <<'EOF'
delete security zones security-zone trust host-inbound-traffic system-services dns
delete security policies from-zone trust to-zone junos-host policy h123 then permit
set security policies from-zone trust to-zone junos-host policy h123 then deny
delete security policies from-zone trust to-zone untrust policy u5000
EOF
check "  ... the deleted policy's session ends (the walk ran)" wait_until 10 sess_is 0 destination-port 5000
sleep 1	# (the walk may not be over)
check "  ... the sessions to R live on" eval 'sess_is 1 destination-port 53 && sess_is 1 destination-port 123'
ktap_finish
