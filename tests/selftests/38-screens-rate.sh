#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Screens (issue 13), the rate checks and limit-session; zone trust screened.
#
#   C (eth0) --- (lan0) R (wan0) --- (eth0) S      trust (screen) / untrust (none)
#
# 1. Rate checks (hping3, nmap): ICMP and UDP floods above the threshold
#    dropped and counted, below passed; a TCP SYN flood over the source
#    threshold; an nmap port scan and an nmap ip-sweep detected.
# 2. limit-session source-ip-based 5: 5 connections, the 6th refused and
#    counted; after they end (FIN, then clear) 5 connect again.
# Stateless checks, configuration, outputs: 37-screens.sh.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
command -v nft >/dev/null || ktap_skip_all "nft not installed"
command -v hping3 >/dev/null || ktap_skip_all "hping3 not installed"
command -v nmap >/dev/null || ktap_skip_all "nmap not installed"
$PY -c 'import scapy' 2>/dev/null || ktap_skip_all "python3-scapy not installed"

ktap_plan 20
srx_load
topo_router || ktap_skip_all "cannot build the topology"
topo_pin_neigh
eng_tmpdir

# --- helpers ---------------------------------------------------------------------------
# screen statistics of zone trust, as "name value" lines (JSON keys)
scr_stats() {
	rcli -j show security screen statistics "${1:-zone}" "${2:-trust}" |
		$PY -c 'import json,sys; [print(k, v) for k, v in json.load(sys.stdin)["statistics"].items()]'
}
# scr_val KEY [zone|interface NAME]
scr_val() { scr_stats "${2:-zone}" "${3:-trust}" | awk -v k="$1" '$1 == k { print $2 }'; }
# packets counted in S for IP id N (nft rule comment idN)
got_id() {
	in_s nft -j list chain ip t c | $PY -c '
import json, sys
want = "id" + sys.argv[1]
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == want:
        for e in r["expr"]:
            if "counter" in e:
                print(e["counter"]["packets"])' "$1"
}
# packets counted in S by the nft rule commented $1 (udp7007, echoreq)
s_count() {
	in_s nft -j list chain ip t c | $PY -c '
import json, sys
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if r and r.get("comment") == sys.argv[1]:
        print([e for e in r["expr"] if "counter" in e][0]["counter"]["packets"])' "$1"
}
udp7007() { s_count udp7007; }
# check_res NAME TEXT RE...: every extended regex RE matches a line of TEXT
check_res() {
	local name=$1 text=$2 re miss=()
	shift 2
	for re; do
		grep -Eq -- "$re" <<<"$text" || miss+=("$re")
	done
	if [ ${#miss[@]} -eq 0 ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "no line matches:" "${miss[@]}" "output:" "$text"
	fi
}

# nft counters in S, before defragmentation (prerouting -500): one per IP id
{
	echo 'table ip t {'
	echo ' chain c {'
	echo '  type filter hook prerouting priority -500; policy accept;'
	for i in $(seq 101 120) 201 202 203; do
		echo "  ip id $i counter comment \"id$i\""
	done
	echo '  udp dport 7007 counter comment "udp7007"'
	echo '  icmp type echo-request counter comment "echoreq"'
	echo ' }'
	echo '}'
} | in_s nft -f - || ktap_skip_all "nft in S"

BASE='
set security flow traceoptions file scr-trace
set security flow traceoptions flag basic-datapath
set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
set security policies from-zone untrust to-zone trust policy back match source-address any destination-address any application any then permit
'

rload <<<"$BASE" >/dev/null
echo "# t=${SECONDS}s"
# --- 4. rate checks -------------------------------------------------------------------
check "screen scr-d: floods, scans, sweeps" rload <<<"$BASE
set security screen ids-option scr-d icmp flood threshold 100
set security screen ids-option scr-d icmp ip-sweep threshold 1000000
set security screen ids-option scr-d udp flood threshold 100
set security screen ids-option scr-d tcp port-scan threshold 1000000
set security screen ids-option scr-d tcp syn-flood source-threshold 50
set security zones security-zone trust screen scr-d
"
rcli clear security screen statistics zone trust
out=$(in_c ping -c 10 -i 0.2 -W 2 10.0.2.2)
check_match "ICMP below the threshold (5 pps): all pass" " 10 received" echo "$out"
check_eq "no ICMP flood counted below the threshold" "0" "$(scr_val icmp-flood)"
# Floods are bursts (-i u10: as fast as hping3 goes, well under a second
# even on a loaded host), so that the rate over the threshold does not
# depend on how fast the guest runs: at most 100 a second pass.
# What arrives is counted in S (echoreq): hping3's own count of replies
# once read 0 when its receive loop fell behind its sending.
n0=$(s_count echoreq)
hping "$C" --icmp -c 600 -i u10 10.0.2.2
icmp_rx=$(($(s_count echoreq) - n0))
icmp_fl=$(scr_val icmp-flood)
check_range "ICMP flood (hping3, 600 in a burst): most dropped" 1 450 "$icmp_rx"
check_eq "ICMP flood: each of the 600 delivered or counted" "600" "$((icmp_rx + ${icmp_fl:-0}))"
n0=$(udp7007)
hping "$C" --udp -p 7007 -c 600 -i u10 10.0.2.2
udp_rx=$(($(udp7007) - n0))
udp_fl=$(scr_val udp-flood)
check_range "UDP flood (hping3, 600 in a burst): most dropped" 1 450 "$udp_rx"
check_eq "UDP flood: each of the 600 delivered or counted" "600" "$((udp_rx + ${udp_fl:-0}))"
sleep 1.1
n0=$(udp7007)
hping "$C" --udp -p 7007 -c 20 -i u100000 10.0.2.2
check_eq "UDP below the threshold (10 pps): all pass" "20" "$(($(udp7007) - n0))"
hping "$C" -S -p 81 -c 400 -i u100 10.0.2.2
check_range "TCP SYN flood over the source threshold counted" 50 400 "$(scr_val tcp-syn-flood)"
sleep 1.2
# Both scans at a floor of 500 probes a second (--min-rate): left to its
# own timing, nmap -sn on a loaded host once sent its echo requests in
# bursts of fewer than 10 a second apart, which no 1 s window can call a
# sweep (the threshold counts 10 targets within it, as on an SRX).
nmap_check() {
	local name=$1 key=$2 out=$3 v
	v=$(scr_val "$key")
	if [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -ge 1 ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$key: '$v'" "nmap said:" "$(cat "$out")" \
			"screen statistics:" "$(scr_stats)"
	fi
}
in_c nmap -n -Pn -sS -p 1-100 --max-retries 0 --min-rate 500 10.0.2.2 >"$TMPD/nmap1" 2>&1
nmap_check "nmap port scan detected (TCP port scan)" tcp-port-scan "$TMPD/nmap1"
in_c nmap -n -sn -PE --max-retries 0 --min-rate 500 10.0.2.2-40 >"$TMPD/nmap2" 2>&1
nmap_check "nmap ip-sweep detected (ICMP address sweep)" icmp-address-sweep "$TMPD/nmap2"

echo "# t=${SECONDS}s"
# --- 5. limit-session ----------------------------------------------------------------
check "screen scr-e: limit-session source-ip-based 5" rload <<<"$BASE
set security screen ids-option scr-e limit-session source-ip-based 5
set security zones security-zone trust screen scr-e
"
rcli clear security screen statistics zone trust
rcli clear security flow session all >/dev/null
tcp_echo 5000 "$S" 4
wait_listen "$S" 5000
for i in 1 2 3 4 5; do
	tcp_open c$i 10.0.2.2 5000
done
sleep 1
for i in 1 2 3 4 5; do tcp_send c$i "hi$i"; done
wait_until 10 tcp_got c5 hi5
ok=0
for i in 1 2 3 4 5; do tcp_got c$i "hi$i" && ok=$((ok + 1)); done
check_eq "5 connections from one source work" "5" "$ok"
out=$(TCP_WAIT=3 tcp_req 10.0.2.2 5000 "$C" sixth 2>&1)
check_nomatch "the 6th connection is refused" "sixth" echo "$out"
check_range "Source session limit counted" 1 100 "$(scr_val source-session-limit)"
for i in 1 2 3 4 5; do tcp_close c$i; done
check "after FIN the sessions end" wait_until 40 sess_is 0
check_match "then a new connection works" "again" tcp_req 10.0.2.2 5000 "$C" again
check "and its session ends" wait_until 40 sess_is 0
for i in 6 7 8 9 10; do
	tcp_open c$i 10.0.2.2 5000
done
sleep 1
for i in 6 7 8 9 10; do tcp_send c$i "hi$i"; done
wait_until 10 tcp_got c10 hi10
ok=0
for i in 6 7 8 9 10; do tcp_got c$i "hi$i" && ok=$((ok + 1)); done
check_eq "the count went back to 0: 5 connections again" "5" "$ok"
rcli clear security flow session all >/dev/null
for i in 6 7 8 9 10; do tcp_close c$i; done
check_match "after clear session, a connection works" "cleared" tcp_req 10.0.2.2 5000 "$C" cleared

ktap_finish
