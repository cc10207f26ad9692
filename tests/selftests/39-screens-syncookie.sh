#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Screens (issue 13): SYN-flood protection with SYN cookies
# (security flow syn-flood-protection-mode syn-cookie, the default).
#
#   C (eth0) --- (lan0) R (wan0) --- (eth0) S      trust (screen) / untrust
#
# A spoofed SYN flood (tests/tools/synflood.py, random sources) far above
# the syn-flood attack-threshold creates no sessions: R answers each SYN
# with a SYN cookie.  A real client connects during the flood and moves
# data both ways through the session R opens once the client's ACK carries
# a valid cookie (the server's sequence numbers are shifted to the cookie
# for the session's life).  A forged ACK with a bad cookie is dropped and
# counted.  IPv4 and IPv6.  syn-proxy mode is a commit error.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
FLOOD=("$PY" "$TOP/tests/tools/synflood.py")
RMAC=02:00:00:00:01:01
command -v nft >/dev/null || ktap_skip_all "nft not installed"

ktap_plan 34
srx_load
topo_router || ktap_skip_all "cannot build the topology"
topo_pin_neigh
topo_flood_return || ktap_skip_all "cannot route the flood's sources"
eng_tmpdir

# screen statistics of zone trust: the value of JSON key $1
scr_val() {
	rcli -j show security screen statistics zone trust |
		$PY -c 'import json,sys; print(json.load(sys.stdin)["statistics"][sys.argv[1]])' "$1"
}
sessions_in_use() {
	rcli show security flow session summary | sed -n 's/^Sessions-in-use: \([0-9]*\).*/\1/p'
}
# distinct sources of the SYNs to port 5000 that reached S (family 4|6);
# packets of the forged ACK (nft in S)
srcs_at_s() {
	in_s nft -j list set inet t seen"$1" | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    if "set" in o:
        print(len(o["set"].get("elem", [])))'
}
forged_at_s() {
	in_s nft -j list chain inet t c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == "forged":
        print([e for e in r["expr"] if "counter" in e][0]["counter"]["packets"])'
}
in_s nft -f - <<'EOF' || ktap_skip_all "nft in S"
table inet t {
 set seen4 { type ipv4_addr; flags dynamic; size 65536; }
 set seen6 { type ipv6_addr; flags dynamic; size 65536; }
 chain c {
  type filter hook prerouting priority -500; policy accept;
  ip protocol tcp tcp dport 5000 tcp flags & (syn|ack) == syn add @seen4 { ip saddr }
  ip6 nexthdr tcp tcp dport 5000 tcp flags & (syn|ack) == syn add @seen6 { ip6 saddr }
  tcp dport 5000 tcp sport 40001 counter comment "forged"
 }
}
EOF

# SYN-ACKs (R's cookies) that reach C for the flood's sources (family 4|6)
in_c nft -f - <<'EOF' || ktap_skip_all "nft in C"
table inet t {
 chain c {
  type filter hook prerouting priority -500; policy accept;
  ip saddr 10.0.2.2 ip daddr 10.96.0.0/12 tcp sport 5000 tcp flags & (syn|ack) == syn|ack counter comment "cookies4"
  ip6 saddr 2001:db8:2::2 ip6 daddr 2001:db8:90::/44 tcp sport 5000 tcp flags & (syn|ack) == syn|ack counter comment "cookies6"
 }
}
EOF
cookies_at_c() { nft_count "$C" "cookies$1" chain inet t c; }

BASE='
set security flow traceoptions file sc-trace
set security flow traceoptions flag basic-datapath
set security flow traceoptions packet-filter real source-prefix 10.0.1.2/32
set security flow traceoptions packet-filter real6 source-prefix 2001:db8:1::2/128
set security flow traceoptions packet-filter srv destination-prefix 10.0.1.2/32
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security screen ids-option sc tcp syn-flood attack-threshold 10
set security screen ids-option sc tcp syn-flood source-threshold 100000
set security screen ids-option sc tcp syn-flood destination-threshold 100000
set security zones security-zone trust screen sc
'

# --- configuration ----------------------------------------------------------------------
rload <<<"$BASE" >/dev/null
check_rejected "syn-flood-protection-mode syn-proxy is refused at commit" \
	"syn-flood-protection-mode syn-proxy: not supported" rload <<<"$BASE
set security flow syn-flood-protection-mode syn-proxy"
check "syn-flood-protection-mode syn-cookie commits" rload <<<"$BASE
set security flow syn-flood-protection-mode syn-cookie"
check_match "and shows in the configuration" "^set security flow syn-flood-protection-mode syn-cookie$" \
	rconf

tcp_echo 5000 "$S"
wait_listen "$S" 5000
head -c 200000 /dev/urandom >"$TMPD/data"
want=$(md5sum <"$TMPD/data" | cut -d' ' -f1)
# xfer HOST: send $TMPD/data from C through an echo server, the md5 of what came back
xfer() {
	in_c socat -T15 - TCP:"$1":5000,connect-timeout=10 <"$TMPD/data" 2>"$TMPD/xfer.err" |
		md5sum | cut -d' ' -f1
}

# --- below the threshold: no cookies ------------------------------------------------------
rcli clear security screen statistics zone trust
check_eq "below the attack threshold: a connection transfers 200 KB" "$want" "$(xfer 10.0.2.2)"
check_eq "no SYN cookie below the threshold" "0" "$(scr_val tcp-syn-cookie-sent)"
check "the connection's session ends" wait_until 40 sess_is 0

# --- IPv4 flood ----------------------------------------------------------------------------
echo "# t=${SECONDS}s"
rcli clear security screen statistics zone trust
in_s nft flush set inet t seen4
in_c "${FLOOD[@]}" flood eth0 $RMAC 10.0.2.2 5000 --src-prefix 10.99.0.0/16 --pps 400 --seconds 14 \
	>"$TMPD/flood4" 2>&1 &
fpid=$!
# shellcheck disable=SC2317 # (called by wait_until)
cookies_flowing() { [ "$(scr_val tcp-syn-cookie-sent)" -gt 100 ]; }
check "the flood is answered with SYN cookies" wait_until 30 cookies_flowing
check_eq "during a spoofed SYN flood (40x the threshold) a client transfers 200 KB" \
	"$want" "$(xfer 10.0.2.2)"
# the first attack-threshold SYNs of the flood's first second pass, no more
check_range "the flood opens no sessions past the attack threshold (Sessions-in-use)" 0 13 \
	"$(sessions_in_use)"
wait "$fpid"
sent=$(cat "$TMPD/flood4")
echo "# flood: $sent SYNs sent"
check_range "the flood SYNs were answered with cookies (TCP SYN cookie sent)" \
	$((sent / 2)) $((sent + 10)) "$(scr_val tcp-syn-cookie-sent)"
check_range "the client's ACK carried a valid cookie (TCP SYN cookie valid)" 1 5 \
	"$(scr_val tcp-syn-cookie-valid)"
# (plus S's own SYN-ACKs to the few sources of the first second)
check_range "  ... and the cookies left R: they reached C, the flood's way back" \
	$((sent / 2)) $((sent + 40)) "$(cookies_at_c 4)"
# (the flood cycles 1024 tuples: a tuple with a session gets its SYN through again)
check_range "only the sources of the flood's first second and the client reached the server" 2 12 \
	"$(srcs_at_s 4)"
check_range "no session is left of the flood but those" 0 13 "$(sessions_in_use)"
check_match "traceoptions: the SYN flood answered with a cookie" \
	"screen: SYN flood: attack-threshold 10 exceeded, answered with SYN cookie" rcli show log sc-trace
check_match "traceoptions: the session handed over to the server" \
	"screen: SYN flood: session [0-9]+: server ISN .* connection handed over" rcli show log sc-trace
out=$(rcli show security screen statistics zone trust)
check_match "show security screen statistics: the cookie rows" \
	"^  TCP SYN cookie sent +[1-9][0-9]*$" echo "$out"

# --- a forged ACK ---------------------------------------------------------------------------
in_c "${FLOOD[@]}" ack eth0 $RMAC 10.0.1.2 10.0.2.2 40001 5000 1000 12345 >/dev/null
sleep 0.5
check_eq "a forged ACK (bad cookie) is counted (TCP SYN cookie invalid)" "1" \
	"$(scr_val tcp-syn-cookie-invalid)"
check_eq "and does not reach the server" "0" "$(forged_at_s)"
check_range "and is dropped as 'SYN cookie invalid'" 1 1000 "$(stat_of "SYN cookie invalid")"
# an ACK without session to a port no cookie was sent for is not taken for one
nosyn=$(stat_of "TCP packet without SYN")
in_c "${FLOOD[@]}" ack eth0 $RMAC 10.0.1.2 10.0.2.2 40002 5001 1000 12345 >/dev/null
sleep 0.5
check_eq "an ACK to port 5001 (no cookie sent there) is not judged as a cookie" "1" \
	"$(scr_val tcp-syn-cookie-invalid)"
check_range "  ... it is dropped as any ACK without session" "$((${nosyn:-0} + 1))" \
	"$((${nosyn:-0} + 20))" "$(stat_of "TCP packet without SYN")"

# --- IPv6 flood ----------------------------------------------------------------------------
echo "# t=${SECONDS}s"
rcli clear security screen statistics zone trust
rcli clear security flow session all >/dev/null
sleep 2	# (the attack-threshold window of the IPv4 flood has passed)
in_c "${FLOOD[@]}" flood eth0 $RMAC 2001:db8:2::2 5000 --src-prefix 2001:db8:99::/64 --pps 400 --seconds 14 \
	>"$TMPD/flood6" 2>&1 &
fpid=$!
check "IPv6: the flood is answered with SYN cookies" wait_until 30 cookies_flowing
check_eq "IPv6: during the flood a client transfers 200 KB" "$want" "$(xfer '[2001:db8:2::2]')"
check_range "IPv6: the flood opens no sessions past the attack threshold" 0 13 "$(sessions_in_use)"
wait "$fpid"
sent=$(cat "$TMPD/flood6")
echo "# flood6: $sent SYNs sent"
check_range "IPv6: the SYNs were answered with cookies" $((sent / 2)) $((sent + 10)) \
	"$(scr_val tcp-syn-cookie-sent)"
check_range "IPv6: the client's cookie was valid" 1 5 "$(scr_val tcp-syn-cookie-valid)"
check_range "IPv6: the cookies reached C" $((sent / 2)) $((sent + 40)) "$(cookies_at_c 6)"
check_range "IPv6: only the first second's sources and the client reached the server" 2 12 \
	"$(srcs_at_s 6)"
in_c "${FLOOD[@]}" ack eth0 $RMAC 2001:db8:1::2 2001:db8:2::2 40001 5000 1000 12345 >/dev/null
sleep 0.5
check_eq "IPv6: a forged ACK is counted invalid" "1" "$(scr_val tcp-syn-cookie-invalid)"

# --- SYN with FIN or RST: not a connection attempt, never answered ----------------------------
rcli clear security screen statistics zone trust
sleep 1.5	# (past the attack-threshold window of the forged ACK's flood)
for f in SF SR; do
	in_c "${FLOOD[@]}" flood eth0 $RMAC 10.0.2.2 5000 --src-prefix 10.98.0.0/16 --pps 100 \
		--seconds 2 --flags $f >/dev/null 2>&1
done
check_eq "400 SYN+FIN and SYN+RST past the attack threshold: no SYN cookie sent" 0 \
	"$(scr_val tcp-syn-cookie-sent)"

# --- sources with no route back: no cookie can leave, none is counted -------------------------
rcli clear security screen statistics zone trust
norr=$(stat_of "No reverse route")
sleep 1.5
in_c "${FLOOD[@]}" flood eth0 $RMAC 10.0.2.2 5000 --src-prefix 10.80.0.0/16 --pps 100 --seconds 2 \
	>"$TMPD/flood-norr" 2>&1
sent=$(cat "$TMPD/flood-norr")
echo "# flood from 10.80.0.0/16 (no route back): $sent SYNs sent"
check_eq "a flood from sources with no route back: no SYN cookie counted as sent" 0 \
	"$(scr_val tcp-syn-cookie-sent)"
# (all but the few of the first second, which open sessions without a
# reverse route; S's SYN-ACKs to those are dropped as well)
check_range "  ... its SYNs are dropped as 'No reverse route'" "$((${norr:-0} + sent - 20))" \
	"$((${norr:-0} + sent + 100))" "$(stat_of "No reverse route")"

# --- no screen: no cookies -------------------------------------------------------------------
rload <<<"$(grep -v 'security-zone trust screen' <<<"$BASE")" >/dev/null
rcli clear security flow session all >/dev/null
check_eq "without the screen a connection works (no cookie)" "$want" "$(xfer 10.0.2.2)"

ktap_finish
