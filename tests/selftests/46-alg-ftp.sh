#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FTP ALG (reference junos-nat-screens-alg.md §5, §9.8-9): vsftpd in the
# untrust namespace, curl in trust, a policy that permits only junos-ftp.
# Passive (PASV, EPSV) and active (PORT, EPRT) downloads and uploads of a
# 4 MB file with matching checksums: no NAT, IPv6 (EPSV, EPRT), interface
# source NAT (PORT/EPRT rewritten), a source pool whose address is longer
# (the rewrite changes the segment length: sequence adjustment), and
# destination NAT to a vsftpd in trust (227 rewritten); the gate shown by
# `show security flow gate` (and -j) while a PASV waits, gone after; a data
# session closes with its control session ("parent closed"); with
# `security alg ftp disable` login works but data fails; 1000 control
# connections announcing ports leave no gate after the gate timeout; the
# ALG status, counters and trace lines.
. "$(dirname "$0")/lib.sh"

PROBE=$TOP/tests/tools/ftp-probe.py
ANNOUNCER=$TOP/tests/tools/ftp-announcer.py
ktap_plan 51
if ! command -v vsftpd >/dev/null || ! command -v curl >/dev/null; then
	ktap_skip_all "vsftpd or curl not installed (make deps)"
fi
srx_load
eng_tmpdir
topo_router
topo_pin_neigh

# vsftpd_start NS NAME: anonymous FTP over $TMPD/NAME/root (dual stack)
vsftpd_start() {
	local d=$TMPD/$2
	mkdir -p "$d/root/up" "$d/empty"
	chmod 755 "$d/root"
	chmod 777 "$d/root/up"
	cp "$TMPD/big" "$d/root/big"
	head -c 3000 /dev/urandom >"$d/root/small"
	cat >"$d/vsftpd.conf" <<-EOF
	listen=NO
	listen_ipv6=YES
	background=NO
	anonymous_enable=YES
	no_anon_password=YES
	local_enable=NO
	write_enable=YES
	anon_upload_enable=YES
	anon_umask=022
	anon_root=$d/root
	seccomp_sandbox=NO
	isolate=NO
	isolate_network=NO
	secure_chroot_dir=$d/empty
	pasv_enable=YES
	pasv_min_port=40000
	pasv_max_port=40999
	port_enable=YES
	connect_from_port_20=NO
	xferlog_enable=NO
	EOF
	bg ip netns exec "$1" vsftpd "$d/vsftpd.conf"
}

head -c 4M /dev/urandom >"$TMPD/big"
SUM=$(sha256sum <"$TMPD/big" | cut -d' ' -f1)
vsftpd_start "$S" srv
vsftpd_start "$C" lan
tcp_echo 8000 "$S" 4
wait_listen "$S" 21 8000 || echo "# vsftpd in S did not come up"
wait_listen "$C" 21 || echo "# vsftpd in C did not come up"

CURL=(curl -sS --connect-timeout 10 -m 120)
# get NS URL OPTS...: download to $TMPD/got, prints its sha256
get() {
	local ns=$1 url=$2
	shift 2
	rm -f "$TMPD/got"
	ip netns exec "$ns" "${CURL[@]}" "$@" -o "$TMPD/got" "$url" || return 1
	sha256sum <"$TMPD/got" | cut -d' ' -f1
}
# put NS URL OPTS...: upload big as URL, prints the sha256 of what arrived in DIR
put() {
	local ns=$1 url=$2 dir=$3
	shift 3
	rm -f "$dir/root/up/"*
	ip netns exec "$ns" "${CURL[@]}" "$@" -T "$TMPD/big" "$url" || return 1
	sha256sum <"$dir/root/up/$(basename "$url")" | cut -d' ' -f1
}

BASE='set security zones security-zone trust interfaces lan0
set security zones security-zone untrust interfaces wan0
set security address-book global address lan-srv 10.0.1.2/32
set security policies from-zone trust to-zone untrust policy ftp-only match source-address any destination-address any application junos-ftp
set security policies from-zone trust to-zone untrust policy ftp-only then permit
set applications application my-ftp protocol tcp destination-port 2121 application-protocol ftp
set security policies from-zone trust to-zone untrust policy my-ftp match source-address any destination-address any application my-ftp
set security policies from-zone trust to-zone untrust policy my-ftp then permit
set security policies from-zone untrust to-zone trust policy dnat-ftp match source-address any destination-address lan-srv application junos-ftp
set security policies from-zone untrust to-zone trust policy dnat-ftp then permit
set security flow traceoptions file alg-trace
set security flow traceoptions flag basic-datapath'

check "a policy that permits only junos-ftp loads" rload_q <<<"$BASE"
check_match "application-protocol of a custom application reads back" \
	'^set applications application my-ftp .*application-protocol ftp' rconf
check_match "alg status: FTP Enabled" '^  FTP      : Enabled$' rcli show security alg status
check_match "alg status: TFTP Enabled" '^  TFTP     : Enabled$' rcli show security alg status
check_match "alg status: an ALG srxflow has not (SIP)" '^  SIP      : Disabled \(not implemented\)$' \
	rcli show security alg status
check_eq "alg status: 16 ALG lines" 16 "$(rcli show security alg status | grep -c '^  [A-Z0-9-]* *: ')"
check_match "alg status -j" '"name": ?"FTP", ?"enabled": ?true' rcli -j show security alg status
check_fail "another port is denied (only junos-ftp)" tcp_req 10.0.2.2 8000

# --- no NAT ---
check_eq "PASV download: checksum matches" "$SUM" "$(get "$C" ftp://10.0.2.2/big --disable-epsv)"
check_eq "EPSV download: checksum matches" "$SUM" "$(get "$C" ftp://10.0.2.2/big)"
check_eq "PORT download: checksum matches" "$SUM" \
	"$(get "$C" ftp://10.0.2.2/big --ftp-port - --disable-eprt)"
check_eq "EPRT download: checksum matches" "$SUM" "$(get "$C" ftp://10.0.2.2/big --ftp-port -)"
check_eq "PASV upload: checksum matches" "$SUM" \
	"$(put "$C" ftp://10.0.2.2/up/u1 "$TMPD/srv" --disable-epsv)"
check_eq "PORT upload: checksum matches" "$SUM" \
	"$(put "$C" ftp://10.0.2.2/up/u2 "$TMPD/srv" --ftp-port - --disable-eprt)"
check_eq "IPv6 EPSV download: checksum matches" "$SUM" "$(get "$C" 'ftp://[2001:db8:2::2]/big' -g)"
check_eq "IPv6 EPRT download: checksum matches" "$SUM" \
	"$(get "$C" 'ftp://[2001:db8:2::2]/big' -g --ftp-port -)"
out=$(rcli show security alg counters ftp)
check_range "counters: every announcement parsed" 8 1000 "$(field 'Messages parsed' "$out")"
check_range "counters: every gate used" 8 1000 "$(field 'Gates used (data sessions)' "$out")"
check_eq "counters: no rewrite without NAT" 0 "$(field 'Payloads rewritten (NAT)' "$out")"
check_match "counters -j" '"gates-opened": ?[1-9]' rcli -j show security alg counters
check_match "trace: the ALG's lines" 'alg_ftp: session [0-9]+: (PORT|227|EPRT|229) ' \
	rcli show log alg-trace

# --- the gate of a PASV, shown while it waits, gone once used ---
rm -f "$TMPD/gate.state"
ip netns exec "$C" "$PROBE" gate 10.0.2.2 21 "$TMPD/gate.state" >"$TMPD/gate.out" 2>&1 &
probe=$!
wait_until 20 test -s "$TMPD/gate.state"
port=$(head -n1 "$TMPD/gate.state" 2>/dev/null)
out=$(rcli show security flow gate)
check_match "show security flow gate: the announced data connection" \
	"^Hole: 10\.0\.1\.2-10\.0\.1\.2/0-65535->10\.0\.2\.2-10\.0\.2\.2/$port-$port$" echo "$out"
check_match "gate layout: Application, Protocol, Zone" \
	'Protocol: tcp.*Application: FTP ALG/79.*Zone: trust' echo "${out//$'\n'/ }"
check_match "gate -j" "\"destination-port\": ?$port" rcli -j show security flow gate
rm -f "$TMPD/gate.state"
wait "$probe"
check_match "the data connection through the gate" '^got 3000$' cat "$TMPD/gate.out"
check_match "the gate is gone once used" '^Total gates: 0$' rcli show security flow gate

# --- a data session closes with its control session ---
mkfifo "$TMPD/hold.fifo"
exec {hold_fd}<>"$TMPD/hold.fifo"
ip netns exec "$C" "$PROBE" hold 10.0.2.2 21 "$TMPD/hold.state" <"$TMPD/hold.fifo" >/dev/null 2>&1 &
hold=$!
wait_until 20 test -s "$TMPD/hold.state"
port=$(sed -n 's/^open //p' "$TMPD/hold.state")
check_eq "the data session exists" 1 "$(sess_total destination-port "$port")"
rcli clear security flow session destination-port 21 >/dev/null
check "the data session closes with its parent" wait_until 15 \
	bash -c "[ \"\$($(printf '%q ' ip netns exec "$R" "$SRX") show security flow session destination-port $port | sed -n 's/^Total sessions: //p')\" = 0 ]"
check_range "counters: closed with the parent" 1 10 \
	"$(field 'Data sessions closed with parent' "$(rcli show security alg counters ftp)")"
exec {hold_fd}>&-
kill "$hold" 2>/dev/null

# --- interface source NAT: PORT/EPRT rewritten (same length) ---
check "interface source NAT loads" rload_q <<<"$BASE
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs rule r1 then source-nat interface"
check_eq "SNAT: PASV download" "$SUM" "$(get "$C" ftp://10.0.2.2/big --disable-epsv)"
check_eq "SNAT: EPSV download" "$SUM" "$(get "$C" ftp://10.0.2.2/big)"
check_eq "SNAT: PORT download (address rewritten)" "$SUM" \
	"$(get "$C" ftp://10.0.2.2/big --ftp-port - --disable-eprt)"
check_eq "SNAT: EPRT upload (address rewritten)" "$SUM" \
	"$(put "$C" ftp://10.0.2.2/up/u3 "$TMPD/srv" --ftp-port -)"
check_range "counters: rewrites" 2 100 \
	"$(field 'Payloads rewritten (NAT)' "$(rcli show security alg counters ftp)")"

# --- a longer pool address: the PORT rewrite changes the length ---
check "source NAT pool loads" rload_q <<<"$BASE
set security nat source pool p1 address 198.51.100.200/32
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs rule r1 then source-nat pool p1"
check_eq "pool SNAT: PORT download (length changed)" "$SUM" \
	"$(get "$C" ftp://10.0.2.2/big --ftp-port - --disable-eprt)"
check_eq "pool SNAT: PORT upload, then more commands (sequence adjusted)" "$SUM" \
	"$(put "$C" ftp://10.0.2.2/up/u4 "$TMPD/srv" --ftp-port - --disable-eprt -Q NOOP -Q '-NOOP')"

# --- destination NAT to the vsftpd in trust: 227 rewritten ---
check "destination NAT loads" rload_q <<<"$BASE
set security nat destination pool srv address 10.0.1.2/32
set security nat destination rule-set rd from zone untrust
set security nat destination rule-set rd rule d1 match destination-address 203.0.113.10/32
set security nat destination rule-set rd rule d1 then destination-nat pool srv"
check_eq "DNAT: EPSV download" "$SUM" "$(get "$S" ftp://203.0.113.10/big)"
check_eq "DNAT: PASV download (227 rewritten)" "$SUM" \
	"$(get "$S" ftp://203.0.113.10/big --disable-epsv)"
check_eq "DNAT: PASV upload" "$SUM" \
	"$(put "$S" ftp://203.0.113.10/up/u5 "$TMPD/lan" --disable-epsv)"

# --- security alg ftp disable: control works, data does not ---
check "security alg ftp disable loads" rload_q <<<"$BASE
set security alg ftp disable"
check_match "alg status: FTP Disabled" '^  FTP      : Disabled$' rcli show security alg status
check_match "ALG disabled: login and SIZE over the control connection" 'Content-Length: 4194304' \
	in_c "${CURL[@]}" -I ftp://10.0.2.2/big
check_fail "ALG disabled: the data connection fails" \
	in_c curl -sS --connect-timeout 5 -m 15 --disable-epsv -o /dev/null ftp://10.0.2.2/big

# --- 1000 announcements never used: no gate left after the timeout ---
rload_q <<<"$BASE"
rcli clear security alg counters
bg ip netns exec "$S" python3 "$ANNOUNCER" 10.0.2.2 2121
wait_listen "$S" 2121
mkfifo "$TMPD/ann.fifo"
exec {ann_fd}<>"$TMPD/ann.fifo"
ip netns exec "$C" "$PROBE" announce 10.0.2.2 2121 1000 <"$TMPD/ann.fifo" >"$TMPD/ann.out" 2>&1 &
ann=$!
wait_until 120 file_has "$TMPD/ann.out" announced
check_match "1000 control connections got their 227" '^announced 1000$' cat "$TMPD/ann.out"
check_eq "1000 gates opened" 1000 \
	"$(field 'Gates opened' "$(rcli show security alg counters ftp)")"
check "no gate is left after the gate timeout (30 s)" wait_until 60 \
	bash -c "$(printf '%q ' ip netns exec "$R" "$SRX") show security flow gate | grep -qx 'Total gates: 0'"
check_eq "every gate expired" 1000 \
	"$(field 'Gates expired' "$(rcli show security alg counters ftp)")"
exec {ann_fd}>&-
wait "$ann" 2>/dev/null

check "unload with ALG sessions and gates" srx_unload
srx_load
ktap_finish
