#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Screens (issue 13): a connection opened by a SYN cookie through source
# NAT.
#
#   C (eth0) --- (lan0) R (wan0) --- (eth0) S      trust (screen) / untrust
#   source-nat interface: C's connections reach S from 10.0.2.1
#
# During a spoofed SYN flood past the attack threshold the client's SYN is
# answered with a cookie; its ACK opens the session, which is translated
# as any other: the SYN replayed to the server, the handshake's ACK and
# every later segment leave with the translated source, the server's
# answers come back translated and sequence-shifted.  200 KB both ways.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
FLOOD=("$PY" "$TOP/tests/tools/synflood.py")
RMAC=02:00:00:00:01:01
command -v nft >/dev/null || ktap_skip_all "nft not installed"

ktap_plan 13
srx_load
topo_router || ktap_skip_all "cannot build the topology"
topo_pin_neigh
topo_flood_return || ktap_skip_all "cannot route the flood's sources"
eng_tmpdir

scr_val() {
	rcli -j show security screen statistics zone trust |
		$PY -c 'import json,sys; print(json.load(sys.stdin)["statistics"][sys.argv[1]])' "$1"
}
# packets to port 5000 that reached S from source $1
at_s() {
	in_s nft -j list chain ip t c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == sys.argv[1]:
        print([e for e in r["expr"] if "counter" in e][0]["counter"]["packets"])' "$1"
}
in_s nft -f - <<'EOF' || ktap_skip_all "nft in S"
table ip t {
 chain c {
  type filter hook prerouting priority -500; policy accept;
  ip saddr 10.0.2.1 tcp dport 5000 counter comment "nat"
  ip saddr 10.0.1.2 tcp dport 5000 counter comment "client"
 }
}
EOF

check "screen with syn-flood attack-threshold 10, source NAT interface" rload_q <<'EOF'
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security nat source rule-set rs1 from zone trust
set security nat source rule-set rs1 to zone untrust
set security nat source rule-set rs1 rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs1 rule r1 match destination-address 0.0.0.0/0
set security nat source rule-set rs1 rule r1 then source-nat interface
set security screen ids-option sc tcp syn-flood attack-threshold 10
set security screen ids-option sc tcp syn-flood source-threshold 100000
set security screen ids-option sc tcp syn-flood destination-threshold 100000
set security zones security-zone trust screen sc
EOF

tcp_echo 5000 "$S"
wait_listen "$S" 5000
head -c 200000 /dev/urandom >"$TMPD/data"
want=$(md5sum <"$TMPD/data" | cut -d' ' -f1)

rcli clear security screen statistics zone trust
in_c "${FLOOD[@]}" flood eth0 $RMAC 10.0.2.2 5000 --src-prefix 10.99.0.0/16 --pps 300 --seconds 12 \
	>"$TMPD/flood" 2>&1 &
fpid=$!
_bg_pids+=("$fpid")
# shellcheck disable=SC2317 # (called by wait_until)
cookies_flowing() { [ "$(scr_val tcp-syn-cookie-sent)" -gt 100 ]; }
check "the flood is answered with SYN cookies" wait_until 30 cookies_flowing
# a connection kept open (the session is looked at before it ends)
in_c socat -T20 - TCP:10.0.2.2:5000,connect-timeout=10 <"$TMPD/data" 2>"$TMPD/xfer.err" |
	md5sum | cut -d' ' -f1 >"$TMPD/got" &
xpid=$!
# shellcheck disable=SC2317 # (called by wait_until)
cookie_valid() { [ "$(scr_val tcp-syn-cookie-valid)" -ge 1 ]; }
check "the client's ACK carried a valid cookie (TCP SYN cookie valid)" wait_until 40 cookie_valid
check_match "the session is source-translated to 10.0.2.1" \
	'Out: 10\.0\.2\.2/5000 --> 10\.0\.2\.1/[0-9]+;tcp' \
	rcli show security flow session source-prefix 10.0.1.2/32
wait "$xpid"
check_eq "during the flood, through source NAT, the client transfers 200 KB both ways" \
	"$want" "$(cat "$TMPD/got")"
wait "$fpid"
check_range "the server saw the connection from the translated source" 10 100000 "$(at_s nat)"
check_eq "and nothing from the client's own address" "0" "$(at_s client)"
check_eq "no invalid cookie" "0" "$(scr_val tcp-syn-cookie-invalid)"

# --- destination NAT on the router's own address (port forwarding) ---------------------
# SYNs to 10.0.1.1:5000 (lan0's own address) are translated to S: transit,
# not the router's, so past the attack threshold they get cookies too
echo "# t=${SECONDS}s"
rconf >"$TMPD/cfg"
check "destination NAT of 10.0.1.1:5000 (lan0's own address) to S" rload_q <<EOF
$(cat "$TMPD/cfg")
set security nat destination pool srv address 10.0.2.2/32 port 5000
set security nat destination rule-set pf from zone trust
set security nat destination rule-set pf rule r1 match destination-address 10.0.1.1/32
set security nat destination rule-set pf rule r1 match destination-port 5000
set security nat destination rule-set pf rule r1 then destination-nat pool srv
EOF
in_s nft add rule ip t c ip saddr 10.99.0.0/16 tcp dport 5000 counter comment '"flood"'
rcli clear security flow session all >/dev/null
rcli clear security screen statistics zone trust
sleep 2	# (the attack-threshold window of the first flood has passed)
in_c "${FLOOD[@]}" flood eth0 $RMAC 10.0.1.1 5000 --src-prefix 10.99.0.0/16 --pps 300 --seconds 12 \
	>"$TMPD/flood2" 2>&1 &
fpid=$!
_bg_pids+=("$fpid")
check "a flood to the forwarded port is answered with SYN cookies" wait_until 30 cookies_flowing
check_eq "during the flood the client transfers 200 KB through the forwarded port" "$want" \
	"$(in_c socat -T15 - TCP:10.0.1.1:5000,connect-timeout=10 <"$TMPD/data" 2>"$TMPD/xfer2.err" |
	   md5sum | cut -d' ' -f1)"
check "its ACK carried a valid cookie" cookie_valid
wait "$fpid"
echo "# flood: $(cat "$TMPD/flood2") SYNs sent, $(at_s flood) reached S"
# (the flood cycles 1024 tuples, ~4 times: the tuples of the first second's
# sessions get their SYN through each time; without cookies all 3600 pass)
check_range "only the SYNs of the flood's first second's tuples reached the server" 0 100 \
	"$(at_s flood)"
ktap_finish
