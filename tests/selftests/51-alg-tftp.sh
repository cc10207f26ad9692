#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TFTP ALG (reference junos-nat-screens-alg.md §5): tftpd-hpa in the
# untrust namespace answers a read or write request from a new port; the
# request to udp/69 opens a gate for that answer.  A policy that permits
# only junos-tftp: get (curl and tftp-hpa) and put of a 1 MB file with
# matching checksums without NAT and through interface source NAT (the gate
# uses the translated client address and port); the data session is the
# request session's child, and outlives it: a transfer longer than the
# request's inactivity timeout (4 s, 40 ms of delay per block) completes;
# with `security alg tftp disable` the transfer fails; counters and status.
. "$(dirname "$0")/lib.sh"

ktap_plan 17
if ! [ -x /usr/sbin/in.tftpd ] || ! command -v curl >/dev/null; then
	ktap_skip_all "tftpd-hpa or curl not installed (make deps)"
fi
srx_load
eng_tmpdir
topo_router
topo_pin_neigh

mkdir -p "$TMPD/tftp"
chmod 777 "$TMPD/tftp"
head -c 1M /dev/urandom >"$TMPD/tftp/file"
SUM=$(sha256sum <"$TMPD/tftp/file" | cut -d' ' -f1)
bg ip netns exec "$S" /usr/sbin/in.tftpd -L -c -p -u root -s "$TMPD/tftp" --address 10.0.2.2:69
wait_listen "$S" 69 || echo "# tftpd in S did not come up"

CURL=(curl -sS --connect-timeout 10 -m 120)
get() {
	rm -f "$TMPD/got"
	in_c "${CURL[@]}" -o "$TMPD/got" tftp://10.0.2.2/file || return 1
	sha256sum <"$TMPD/got" | cut -d' ' -f1
}
put() {
	rm -f "$TMPD/tftp/$1"
	in_c "${CURL[@]}" -T "$TMPD/tftp/file" "tftp://10.0.2.2/$1" || return 1
	sha256sum <"$TMPD/tftp/$1" | cut -d' ' -f1
}

BASE='set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security policies from-zone trust to-zone untrust policy tftp-only match source-address any destination-address any application junos-tftp
set security policies from-zone trust to-zone untrust policy tftp-only then permit'

check "a policy that permits only junos-tftp loads" rload_q <<<"$BASE"
check_eq "get: checksum matches" "$SUM" "$(get)"
check_eq "put: checksum matches" "$SUM" "$(put p1)"
out=$(rcli show security alg counters tftp)
check_eq "counters: 2 requests" 2 "$(field 'Messages parsed' "$out")"
check_eq "counters: 2 gates used" 2 "$(field 'Gates used (data sessions)' "$out")"
check_match "the data session: from the server's new port, the request's policy" \
	'Policy name: tftp-only/.*In: 10\.0\.2\.2/[0-9]+ --> 10\.0\.1\.2/[0-9]+;udp' \
	bash -c "$(printf '%q ' ip netns exec "$R" "$SRX") show security flow session protocol udp | tr '\n' ' '" 

check "interface source NAT loads" rload_q <<<"$BASE
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs rule r1 then source-nat interface"
check_eq "SNAT: get (curl)" "$SUM" "$(get)"
check_eq "SNAT: put" "$SUM" "$(put p2)"
rm -f "$TMPD/got2"
in_c timeout 60 tftp -m binary 10.0.2.2 -c get file "$TMPD/got2" >/dev/null 2>&1
check_eq "SNAT: get (tftp-hpa)" "$SUM" "$(sha256sum <"$TMPD/got2" 2>/dev/null | cut -d' ' -f1)"
out=$(rcli show security flow session protocol udp)
check_match "SNAT: the data session's Out wing goes to the translated client" \
	'Out: 10\.0\.1\.2/[0-9]+ --> 10\.0\.2\.2/[0-9]+;udp' echo "$out"

# a transfer that outlives its request's session: 200 blocks, 40 ms each
check "an application with the TFTP ALG and a 4 s timeout loads" rload_q <<<"${BASE/application junos-tftp/application slow-tftp}
set applications application slow-tftp protocol udp destination-port 69
set applications application slow-tftp application-protocol tftp
set applications application slow-tftp inactivity-timeout 4"
head -c 100K /dev/urandom >"$TMPD/tftp/slow"
in_s tc qdisc add dev eth0 root netem delay 40ms
rm -f "$TMPD/got3"
t0=$SECONDS
in_c "${CURL[@]}" -m 60 -o "$TMPD/got3" tftp://10.0.2.2/slow 2>/dev/null
echo "# slow transfer: $((SECONDS - t0)) s"
in_s tc qdisc del dev eth0 root
check_eq "a transfer longer than its request's 4 s timeout completes (the data session outlives it)" \
	"$(sha256sum <"$TMPD/tftp/slow" | cut -d' ' -f1)" \
	"$(sha256sum <"$TMPD/got3" 2>/dev/null | cut -d' ' -f1)"

check "security alg tftp disable loads" rload_q <<<"$BASE
set security alg tftp disable"
check_match "alg status: TFTP Disabled" '^  TFTP     : Disabled$' rcli show security alg status
check_fail "ALG disabled: the server's answer from a new port is dropped" \
	in_c curl -sS --connect-timeout 5 -m 20 -o /dev/null tftp://10.0.2.2/file
check_match "alg status: FTP still Enabled" '^  FTP      : Enabled$' rcli show security alg status
ktap_finish
