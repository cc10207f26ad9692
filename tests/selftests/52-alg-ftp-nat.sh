#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FTP ALG: uploads (PASV, PORT) and IPv6 (EPSV, EPRT) without NAT, then
# NAT (reference junos-nat-screens-alg.md §9.8-9): vsftpd in untrust behind
# interface source NAT (PASV, EPSV; PORT and EPRT rewritten, same length),
# a source pool whose address is longer (the PORT rewrite changes the
# segment's length: sequence and acknowledgement numbers are adjusted for
# the rest of the connection, checked by a 2 MB upload and commands after
# it), commands split across segments through source NAT, a PORT in a GSO
# packet, two hosts behind one PAT address announcing the same port (the
# second's gate and PORT move to the next free port: each gets its own
# data), PAT that never gives out a port a gate waits for, a pool of four
# addresses whose data connections take their control connection's
# address (vsftpd checks it), destination
# NAT to a vsftpd in trust (EPSV; PASV with the 227 rewritten); a policy
# with application any still gets the ALG of junos-ftp's port; checksums
# match.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ftp_lib.sh"

ktap_plan 46
if ! command -v vsftpd >/dev/null || ! command -v curl >/dev/null; then
	ktap_skip_all "vsftpd or curl not installed (make deps)"
fi
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
ftp_setup

check "a policy that permits only junos-ftp loads" rload_q <<<"$BASE"
check_eq "PASV upload: checksum matches" "$SUM" \
	"$(put "$C" ftp://10.0.2.2/up/u1 "$TMPD/srv" --disable-epsv)"
check_eq "PORT upload: checksum matches" "$SUM" \
	"$(put "$C" ftp://10.0.2.2/up/u2 "$TMPD/srv" --ftp-port - --disable-eprt)"
check_eq "IPv6 EPSV download: checksum matches" "$SUM" "$(get "$C" 'ftp://[2001:db8:2::2]/big' -g)"
check_eq "IPv6 EPRT download: checksum matches" "$SUM" \
	"$(get "$C" 'ftp://[2001:db8:2::2]/big' -g --ftp-port -)"
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

# --- application any: the ALG of the predefined application's port ---
# (${BASE/...}: the first policy, ftp-only, matches application any instead)
check "a policy with application any, interface source NAT loads" rload_q <<<"${BASE/application junos-ftp/application any}
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs rule r1 then source-nat interface"
check_match "  ... the policy names application any" "policy ftp-only match application any$" rconf
rcli clear security alg counters
check_eq "application any: PORT download through SNAT (junos-ftp's ALG, tcp/21)" "$SUM" \
	"$(get "$C" ftp://10.0.2.2/big --ftp-port - --disable-eprt)"
check_range "  ... the ALG rewrote the PORT" 1 100 \
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
# a sender without transmit checksum offload (as from a real NIC, the
# segment is not CHECKSUM_PARTIAL): the rewritten segment's TCP checksum
# is summed again in software
check "client: transmit checksum offload off" in_c ethtool -K eth0 tx off
check_eq "pool SNAT, no checksum offload: PORT download (TCP checksum of the rewrite)" "$SUM" \
	"$(get "$C" ftp://10.0.2.2/big --ftp-port - --disable-eprt -m 40)"
in_c ethtool -K eth0 tx on >/dev/null 2>&1
# commands split across segments: the address is rewritten in the
# segment that carries all of it; one cut inside it cannot be (passed, counted)
for at in verb port end; do
	check_match "pool SNAT: a PORT cut at $at: rewritten, the data connection through its gate" \
		'^got 3000$' in_c "$PROBE" split 10.0.2.2 21 port $at
done
check_match "pool SNAT: an EPRT cut after its address: rewritten, data through its gate" \
	'^got 3000$' in_c "$PROBE" split 10.0.2.2 21 eprt port
before=$(field 'Messages unparsable (passed)' "$(rcli show security alg counters ftp)")
check_match "pool SNAT: a PORT cut inside its address is passed unmodified (the server refuses it)" \
	'^reply 500' in_c "$PROBE" split 10.0.2.2 21 port addr
check_eq "  ... and counted unparsable" $((before + 1)) \
	"$(field 'Messages unparsable (passed)' "$(rcli show security alg counters ftp)")"
check_match "trace: the split PORT not rewritten" 'alg_ftp: session [0-9]+: PORT .*split across segments: not rewritten' \
	rcli show log alg-trace
# 300 NOOPs and a PORT in one write: the client hands the two segments over
# as one GSO packet (tcpdump in R sees it whole), whose PORT is rewritten
# as any other's (as nf_nat_mangle_tcp_packet() does)
bg ip netns exec "$R" timeout 60 tcpdump -l -n -i lan0 -c 1 'tcp dst port 21 and greater 1600' \
	>"$TMPD/gso.txt" 2>"$TMPD/gso.err"
wait_until 30 file_has "$TMPD/gso.err" "listening on" || echo "# tcpdump did not start"
check_match "pool SNAT: a PORT after 300 NOOPs, one GSO packet: rewritten, data through its gate" \
	'^got 3000$' in_c "$PROBE" burst 10.0.2.2 21 300
check "  ... the router received the commands as one GSO packet" wait_until 10 \
	test -s "$TMPD/gso.txt"

# two hosts behind the pool's one address announce PORT ...,47000 to the
# same server: the same data connection (198.51.100.200:47000 from S) for
# two gates.  The second's gate takes the next free port and its PORT says
# so; each transfer reaches its own host (the first's first: a gate that
# shadowed it would hand the first's data to the second)
in_c ip addr add 10.0.1.3/24 dev eth0
out=$(in_c "$PROBE" pair 10.0.2.2 21 10.0.1.2 10.0.1.3 47000)
printf '%s\n' "$out" | sed 's/^/# /'
check_eq "pool SNAT: two hosts announce the same port: each transfer reaches its own host" \
	"first got 3000,second got 3000" "$(printf '%s\n' "$out" | grep ' got ' | paste -sd,)"
check_match "  ... trace: the first's gate on its port" \
	'alg_ftp: session [0-9]+: PORT 10\.0\.1\.2/47000 \(rewritten\), gate for 198\.51\.100\.200/47000$' \
	rcli show log alg-trace
check_match "  ... trace: the second's on the next one" \
	'alg_ftp: session [0-9]+: PORT 10\.0\.1\.3/47000 \(rewritten\), gate for 198\.51\.100\.200/47001$' \
	rcli show log alg-trace
in_c ip addr del 10.0.1.3/24 dev eth0

# --- PAT never gives out a port an ALG gate waits for ---
check "a source pool of two ports loads" rload_q <<<"$BASE
set applications application t8000 protocol tcp destination-port 8000
set security policies from-zone trust to-zone untrust policy t8000 match source-address any destination-address any application t8000
set security policies from-zone trust to-zone untrust policy t8000 then permit
set security nat source pool p2 address 198.51.100.200/32
set security nat source pool p2 port range 41000 to 41001
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs rule r1 then source-nat pool p2"
mkfifo "$TMPD/ports.fifo"
exec {ports_fd}<>"$TMPD/ports.fifo"
ip netns exec "$C" "$PROBE" ports 10.0.2.2 21 198.51.100.200 41000,41001 \
	<"$TMPD/ports.fifo" >"$TMPD/ports.out" 2>&1 &
ports=$!
wait_until 20 file_has "$TMPD/ports.out" announced
check_eq "gates wait on both ports of the pool" 2 \
	"$(rcli show security flow gate | grep -c '^Hole: .*->198\.51\.100\.200-198\.51\.100\.200/4100[01]-4100[01]$')"
TCP_WAIT=3 check_fail "PAT gives out neither (the pool is exhausted)" tcp_req 10.0.2.2 8000
exec {ports_fd}>&-
kill "$ports" 2>/dev/null
wait "$ports" 2>/dev/null
rcli clear security flow session destination-port 21 >/dev/null
check_match "the control session closed, its gates are gone" '^Total gates: 0$' \
	rcli show security flow gate
check_match "then PAT gives the port out" '^hello$' tcp_req 10.0.2.2 8000

# --- a pool of four addresses: a data connection takes its control
# connection's address (vsftpd refuses a data connection from another
# address: "425 Security: Bad IP connecting"); before, each took one at
# random ---
check "a source pool of four addresses loads" rload_q <<<"$BASE
set security nat source pool p4 address 198.51.100.200/30
set security nat source rule-set rs from zone trust
set security nat source rule-set rs to zone untrust
set security nat source rule-set rs rule r1 match source-address 10.0.1.0/24
set security nat source rule-set rs rule r1 then source-nat pool p4"
ok=0
for _ in 1 2 3 4 5 6 7 8; do
	in_c "${CURL[@]}" --disable-epsv -o /dev/null ftp://10.0.2.2/small && ok=$((ok + 1))
done
check_eq "pool of four addresses: 8 PASV downloads, each data connection from its control's address" \
	8 "$ok"
check_match "  ... trace: the data session took its control session's address" \
	'flow_first_src_xlate: ALG data session: the address of its control session' \
	rcli show log alg-trace

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
check "server in trust: transmit checksum offload off" in_c ethtool -K eth0 tx off
check_eq "DNAT, no checksum offload: PASV download (TCP checksum of the 227 rewrite)" "$SUM" \
	"$(get "$S" ftp://203.0.113.10/big --disable-epsv -m 40)"
in_c ethtool -K eth0 tx on >/dev/null 2>&1

ktap_finish
