# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Library of the srxflow selftests (kselftest style, KTAP output).
#
# A test script sources this file, declares its plan, builds namespaces
# with the topology helpers, and asserts with check* functions:
#
#   . "$(dirname "$0")/lib.sh"
#   ktap_plan 3
#   topo_router
#   srx_base_config
#   check "ping through the router" in_c ping -c1 -W2 10.0.2.2
#   check_match "session shown" "Policy name: allow/" rcli show security flow session
#   ktap_finish
#
# Namespaces created by the helpers are deleted on exit, whatever happens.
# Exit status: 0 all passed, 1 something failed, 4 skipped (kselftest).

set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# one echo request repeated: a long-running ICMP flow that is one session
# (a ping is one session per request, as on an SRX)
ECHO_FLOW=$TOP/tests/tools/echo-flow.py
SRX=${SRX:-$TOP/userspace/srxflow}
KO=${KO:-${SRXFLOW_KO:-$TOP/srxflow.ko}}
KSFT_SKIP=4

_ktap_n=0
_ktap_fail=0
_ktap_skip=0
_ktap_plan=0
_ns_list=()
_bg_pids=()
TESTNAME=$(basename "$0" .sh)

# --- KTAP ------------------------------------------------------------------------------
ktap_plan() {
	_ktap_plan=$1
	echo "TAP version 13"
	echo "1..$1"
}

ktap_ok() {
	_ktap_n=$((_ktap_n + 1))
	echo "ok $_ktap_n $1"
}

ktap_fail() {
	_ktap_n=$((_ktap_n + 1))
	_ktap_fail=$((_ktap_fail + 1))
	echo "not ok $_ktap_n $1"
	shift
	local line l
	for line in "$@"; do
		# (no sed: an exec per line costs in the guest)
		while IFS= read -r l; do
			printf '# %s\n' "$l"
		done <<<"$line"
	done
}

ktap_skip() {
	_ktap_n=$((_ktap_n + 1))
	_ktap_skip=$((_ktap_skip + 1))
	echo "ok $_ktap_n $1 # SKIP ${2:-}"
}

# Skip the whole script (exit 4), e.g. a missing tool.
ktap_skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit $KSFT_SKIP
}

ktap_finish() {
	if [ "$_ktap_n" -ne "$_ktap_plan" ]; then
		echo "# planned $_ktap_plan tests but ran $_ktap_n"
		_ktap_fail=$((_ktap_fail + 1))
	fi
	echo "# $TESTNAME: $((_ktap_n - _ktap_fail - _ktap_skip)) passed, $_ktap_fail failed, $_ktap_skip skipped"
	[ "$_ktap_fail" -eq 0 ] || exit 1
	[ "$_ktap_skip" -eq "$_ktap_n" ] && [ "$_ktap_n" -gt 0 ] && exit $KSFT_SKIP
	exit 0
}

# --- assertions -----------------------------------------------------------------------
_last_out=""

# check NAME CMD...: passes when CMD succeeds
check() {
	local name=$1
	shift
	if _last_out=$("$@" 2>&1); then
		ktap_ok "$name"
	else
		ktap_fail "$name" "command: $*" "$_last_out"
	fi
}

# check_fail NAME CMD...: passes when CMD fails
check_fail() {
	local name=$1
	shift
	if _last_out=$("$@" 2>&1); then
		ktap_fail "$name" "command succeeded but should not: $*" "$_last_out"
	else
		ktap_ok "$name"
	fi
}

# check_match NAME ERE CMD...: CMD's output (stdout+stderr) matches ERE
check_match() {
	local name=$1 re=$2
	shift 2
	_last_out=$("$@" 2>&1)
	if printf '%s\n' "$_last_out" | grep -Eq -- "$re"; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "command: $*" "expected to match: $re" "$_last_out"
	fi
}

# check_nomatch NAME ERE CMD...: CMD's output does not match ERE
check_nomatch() {
	local name=$1 re=$2
	shift 2
	_last_out=$("$@" 2>&1)
	if printf '%s\n' "$_last_out" | grep -Eq -- "$re"; then
		ktap_fail "$name" "command: $*" "must not match: $re" "$_last_out"
	else
		ktap_ok "$name"
	fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "expected: $2" "got:      $3"
	fi
}

# Value of "Label: N" in text (first match), e.g. field "Current sessions" "$out"
field() {
	printf '%s\n' "$2" | sed -n "s/^ *$1: *\([0-9][0-9]*\).*/\1/p" | head -n 1
}

# --- module ---------------------------------------------------------------------------
# modules srxflow.ko depends on (insmod does not load them)
srx_deps() {
	modprobe -a nf_defrag_ipv4 nf_defrag_ipv6 nf_reject_ipv4 nf_reject_ipv6 \
		veth vrf 2>/dev/null
	return 0
}

srx_load() {
	if [ -d /sys/module/srxflow ]; then
		return 0
	fi
	srx_deps
	# shellcheck disable=SC2086
	insmod "$KO" ${SRXFLOW_KO_PARAMS:-}
}

srx_unload() {
	[ -d /sys/module/srxflow ] && rmmod srxflow
	return 0
}

# --- namespaces and topologies --------------------------------------------------------
# Unique names per test script (scripts may run one after the other in a VM).
NSP=${NSP:-$(printf '%s' "$TESTNAME" | tr -cd 'a-z0-9' | tail -c 8)}
R=${NSP}-r
C=${NSP}-c
S=${NSP}-s

_cleanup() {
	local ns pid
	for pid in "${_bg_pids[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for ns in "${_ns_list[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
}
trap _cleanup EXIT

ns_add() {
	local ns
	for ns in "$@"; do
		ip netns add "$ns" || return 1
		_ns_list+=("$ns")
		ip -n "$ns" link set lo up
	done
}

# Run something in the background; killed at exit.
bg() {
	"$@" &
	_bg_pids+=($!)
}

# Commit history of `srxflow` (the guest's root is read-only); each network
# namespace has its own subdirectory.
: "${SRXFLOW_STATE_DIR:=$(mktemp -d /tmp/srxflow-state.XXXXXX)}"
export SRXFLOW_STATE_DIR

rcli() { ip netns exec "$R" "$SRX" "$@"; }
in_r() { ip netns exec "$R" "$@"; }
in_c() { ip netns exec "$C" "$@"; }
in_s() { ip netns exec "$S" "$@"; }

# Load a configuration (set lines on stdin) into the router namespace.
rload() { ip netns exec "$R" "$SRX" load override -; }
rmerge() { ip netns exec "$R" "$SRX" load merge -; }

#   client C (eth0) --- (lan0) router R (wan0) --- (eth0) server S
#   10.0.1.2/24           10.0.1.1    10.0.2.1          10.0.2.2/24
#   2001:db8:1::2/64      ::1         2001:db8:2::1     2001:db8:2::2/64
topo_router() {
	ns_add "$R" "$C" "$S" || return 1
	ip -b - <<-EOF || return 1
	link add lan0 netns $R type veth peer name eth0 netns $C
	link add wan0 netns $R type veth peer name eth0 netns $S
	EOF
	ip -n "$R" -b - <<-EOF || return 1
	addr add 10.0.1.1/24 dev lan0
	addr add 2001:db8:1::1/64 dev lan0 nodad
	addr add 10.0.2.1/24 dev wan0
	addr add 2001:db8:2::1/64 dev wan0 nodad
	link set lan0 up
	link set wan0 up
	EOF
	ip -n "$C" -b - <<-EOF || return 1
	addr add 10.0.1.2/24 dev eth0
	addr add 2001:db8:1::2/64 dev eth0 nodad
	link set eth0 up
	route add default via 10.0.1.1
	route add default via 2001:db8:1::1
	EOF
	ip -n "$S" -b - <<-EOF || return 1
	addr add 10.0.2.2/24 dev eth0
	addr add 2001:db8:2::2/64 dev eth0 nodad
	link set eth0 up
	route add default via 10.0.2.1
	route add default via 2001:db8:2::1
	EOF
	in_r sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

# Zones trust (lan0) / untrust (wan0), trust -> untrust permitted.
srx_base_config() {
	rload <<-'EOF'
	set security zones security-zone trust interfaces lan0 host-inbound-traffic system-services ping
	set security zones security-zone untrust interfaces wan0
	set security policies from-zone trust to-zone untrust policy allow-all match source-address any destination-address any application any then permit
	EOF
}

# Wait until CMD succeeds (tries every 0.2 s, at most $1 seconds).
wait_for() {
	local t=$1 i
	shift
	for ((i = 0; i < t * 5; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	return 1
}

# A TCP server in S answering "hello" (socat), listening on port $1.
tcp_server() {
	local port=$1 ns=${2:-$S} fam=${3:-4}
	# -t5: the client half-closes at once; wait for the shell's answer
	# longer than socat's 0.5 s default (a debug kernel forks slowly)
	bg ip netns exec "$ns" socat -T5 -t5 TCP${fam}-LISTEN:"$port",reuseaddr,fork SYSTEM:"echo hello"
	wait_for 5 ip netns exec "$ns" sh -c "ss -ltn | grep -q ':$port '"
}

# TCP request from C: prints what the server answered
# -t10: after sending (nothing) wait up to 10 s for the answer, not socat's
# default 0.5 s: a server that forks a shell per connection answered later
# than 3 s on the debug kernel; servers close after answering, so the wait
# costs nothing otherwise
tcp_get() {
	ip netns exec "${3:-$C}" socat -T10 -t10 - TCP:"$1":"$2",connect-timeout=3 </dev/null
}

# A UDP echo server in S on port $1
udp_server() {
	local port=$1 ns=${2:-$S} fam=${3:-4}
	bg ip netns exec "$ns" socat -T5 UDP${fam}-RECVFROM:"$port",reuseaddr,fork SYSTEM:"cat"
	wait_for 5 ip netns exec "$ns" sh -c "ss -lun | grep -q ':$port '"
}

# udp_ask HOST PORT [NS] [MSG]: one datagram from NS (default C), prints the
# first answer, whatever its length; waits up to 10 s for it.  (Not socat:
# after its stdin's EOF socat waits only -t, 0.5 s by default, for a UDP
# answer, and a server that forks a shell per datagram answers later than
# that on a loaded guest: the answer reached the client and was refused.)
udp_ask() {
	ip netns exec "${3:-$C}" /usr/bin/python3 -c '
import socket, sys
h, p, m = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ai = socket.getaddrinfo(h.strip("[]"), p, type=socket.SOCK_DGRAM)[0]
s = socket.socket(ai[0], socket.SOCK_DGRAM)
s.settimeout(10)
s.connect(ai[4])
s.send((m + "\n").encode())
try:
    sys.stdout.write(s.recv(65535).decode(errors="replace"))
except (socket.timeout, ConnectionRefusedError):
    sys.exit(1)
' "$1" "$2" "${4:-ping}"
}

# --- configuration helpers (tests 1x-config-*) ------------------------------------------
_last_rc=0

# run_cmd CMD...: run CMD, keep its output (stdout+stderr) in _last_out and
# its exit status in _last_rc (no KTAP line)
run_cmd() {
	_last_out=$("$@" 2>&1)
	_last_rc=$?
}

# The running configuration of the router namespace, as set lines.
rconf() { rcli show configuration '|' display set; }

# configuration generation of the router namespace (0 if unknown)
rgen() {
	rcli -j show security flow status 2>/dev/null |
		sed -n 's/.*"configuration-generation": *\([0-9]*\).*/\1/p' | head -n 1
}

# diff of two texts (no process substitution: the VM has no /dev/fd)
text_diff() {
	local a b
	a=$(mktemp) && b=$(mktemp) || return 2
	printf '%s\n' "$1" >"$a"
	printf '%s\n' "$2" >"$b"
	diff "$a" "$b"
	rm -f "$a" "$b"
}

# text_match ERE TEXT: a line of TEXT matches ERE (like grep -E, without an exec)
text_match() {
	local line
	while IFS= read -r line; do
		[[ $line =~ $1 ]] && return 0
	done <<<"$2"
	return 1
}

# ns_reexec NS: run this script again inside network namespace NS (which
# the caller created) and exit with its status.  Inside, SRX_IN_NS=NS and
# rcli/in_r/rload/rmerge run directly, without `ip netns exec`: half the
# execs.  Call it after the setup that must happen outside (the first run
# does everything up to here, the second run skips what it guards with
# [ -z "${SRX_IN_NS:-}" ]).
# shellcheck disable=SC2317 # the redefinitions are called later
ns_reexec() {
	if [ "${SRX_IN_NS:-}" = "$1" ]; then
		rcli() { "$SRX" "$@"; }
		in_r() { "$@"; }
		rload() { "$SRX" load override -; }
		rmerge() { "$SRX" load merge -; }
		return 0
	fi
	SRX_IN_NS=$1 ip netns exec "$1" bash "$0"
	exit $?
}

# check_lines NAME TEXT: every non-empty line of stdin is a whole line of TEXT
check_lines() {
	local name=$1 text=$2 want missing rc f
	want=$(grep -v '^$')
	f=$(mktemp) || return 1
	printf '%s\n' "$text" >"$f"
	missing=$(printf '%s\n' "$want" | grep -Fxv -f "$f" 2>&1)
	rc=$?
	rm -f "$f"
	if [ "$rc" -eq 1 ] && [ -n "$want" ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "missing lines:" "$missing"
	fi
}

# check_same NAME A B: texts A and B are identical (a diff is printed if not)
check_same() {
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "texts differ (< first, > second):" \
			"$(text_diff "$2" "$3" | head -n 30)"
	fi
}

# check_rejected NAME ERE CMD...: CMD exits non-zero, its output matches ERE,
# and the running configuration of the router namespace is the same
# afterwards, byte for byte.  With CONF_BASE set, the configuration must
# be CONF_BASE (saves reading it before CMD).
check_rejected() {
	local name=$1 re=$2 before after rc why=()
	shift 2
	if [ -n "${CONF_BASE:-}" ]; then
		before=$CONF_BASE
	else
		before=$(rconf 2>&1)
	fi
	_last_out=$("$@" 2>&1)
	rc=$?
	after=$(rconf 2>&1)
	[ "$rc" -ne 0 ] || why+=("command succeeded but should not")
	text_match "$re" "$_last_out" || why+=("expected to match: $re")
	[ "$before" = "$after" ] || why+=("the running configuration changed:" \
		"$(text_diff "$before" "$after" | head -n 20)")
	if [ ${#why[@]} -eq 0 ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "command: $*" "${why[@]}" "output:" "$_last_out"
	fi
}

# Microseconds since the epoch (bash 5, no exec); us_fmt N: N us as "S.mmm" seconds
# gen_policies N: set lines of N policies over 4 zone pairs (zones trust,
# untrust, dmz, mgmt on interfaces trust0...), each with its own source
# address hN in the global address book (the configuration-scale tests)
gen_policies() {
	awk -v n="$1" 'BEGIN {
		split("trust untrust dmz mgmt", z, " ")
		for (i = 1; i <= 4; i++)
			printf "set security zones security-zone %s interfaces %s0\n", z[i], z[i]
		for (i = 0; i < n; i++)
			printf "set security address-book global address h%d 10.%d.%d.%d/32\n", i, int(i / 65536), int(i / 256) % 256, i % 256
		for (i = 0; i < n; i++)
			printf "set security policies from-zone %s to-zone %s policy p%d match source-address h%d destination-address any application %s then %s\n",
				z[1 + i % 4], z[1 + (i + 1) % 4], i, i, (i % 3 ? "junos-http" : "any"), (i % 5 ? "permit" : "deny")
	}'
}

now_us() { echo "${EPOCHREALTIME//[.,]/}"; }
us_fmt() { printf '%d.%03d' $(($1 / 1000000)) $(($1 % 1000000 / 1000)); }

# --- flow engine test helpers (tests 2x-engine-*) --------------------------------------
# Scratch directory of the script (in the VM a tmpfs that vanishes with it).
eng_tmpdir() {
	TMPD=$(mktemp -d "/tmp/$TESTNAME.XXXXXX")
	# a FIFO nobody writes to: `read -t` on it sleeps without an exec
	mkfifo "$TMPD/.nap" && exec {_nap_fd}<>"$TMPD/.nap"
}

# nap SECONDS: sleep (without an exec after eng_tmpdir)
nap() {
	if [ -n "${_nap_fd:-}" ]; then
		read -r -t "$1" -u "$_nap_fd" _
		return 0
	fi
	sleep "$1"
}

# Milliseconds since the epoch (bash 5, no exec).
eng_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# wait_until SECONDS CMD...: retry CMD every 0.2 s until it succeeds, for at
# most SECONDS of wall-clock time (wait_for counts tries, which last long
# on a busy machine)
wait_until() {
	local end=$(($(eng_ms) + $1 * 1000))
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$(eng_ms)" -lt "$end" ] || return 1
		nap 0.2
	done
}

# file_has FILE TEXT: FILE has a line containing TEXT (no exec)
file_has() {
	local l
	[ -r "$1" ] || return 1
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == *"$2"* ]] && return 0
	done <"$1"
	return 1
}

# Load a configuration quietly (set lines on stdin); the CLI's errors show.
rload_q() { rload >/dev/null; }
rmerge_q() { rmerge >/dev/null; }

# stat_of LABEL [TEXT]: the number after "LABEL:" in `show security flow
# statistics` (or in TEXT); empty if there is no such line.
stat_of() {
	local text
	if [ $# -ge 2 ]; then text=$2; else text=$(rcli show security flow statistics); fi
	printf '%s\n' "$text" | awk -v l="$1" '{ k = $0; sub(/^ +/, "", k) }
		index(k, l ": ") == 1 { v = substr(k, length(l) + 3); sub(/[^0-9].*/, "", v); print v; exit }'
}

# sess_total [FILTER...]: "Total sessions: N" of `show security flow session FILTER...`
sess_total() {
	rcli show security flow session "$@" | sed -n 's/^Total sessions: \([0-9]*\)$/\1/p'
}

# check_range NAME LO HI VALUE: LO <= VALUE <= HI (integers)
check_range() {
	if [[ "$4" =~ ^[0-9]+$ ]] && [ "$4" -ge "$2" ] && [ "$4" -le "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "expected $2..$3, got '$4'"
	fi
}

# nft_count NS COMMENT [LIST...]: the packets of the rule counter with that
# comment in `nft list LIST` in NS (default: chain inet cnt pre).  Rule
# counters, not named ones: the debug kernel (tests/debug-kernel) has no
# nft_objref.
nft_count() {
	local ns=$1 c=$2
	shift 2
	[ $# -gt 0 ] || set -- chain inet cnt pre
	ip netns exec "$ns" nft list "$@" |
		sed -n "s/.*counter packets \([0-9]*\) .*comment \"$c\".*/\1/p"
}

# hping NS ARGS...: hping3 -n -q ARGS in NS, output dropped. hping3 sends
# from its SIGALRM handler, which calls malloc() while the main loop may be
# inside it: without -n, the main loop resolves the name of every ICMP
# error's sender (gethostbyaddr), and a UDP burst at -i u100 that draws port
# unreachables died in glibc's malloc in 53 of 200 runs on the host (0 of
# 200 with -n). A run that a signal still ends is run again (at most three
# runs), so that a burst is never cut short unseen; the status is the last
# run's.
hping() {
	local ns=$1 i rc=0
	shift
	for i in 1 2 3; do
		ip netns exec "$ns" hping3 -n -q "$@" >/dev/null 2>&1
		rc=$?
		[ "$rc" -lt 128 ] && return "$rc"
		echo "# hping3 $* died of signal $((rc - 128)) (run $i of 3)"
	done
	return "$rc"
}

# Echo servers (socat, PIPE): udp_echo / tcp_echo PORT [NS] [FAM]. Family 6
# listens dual-stack (IPv4 too). Wait for them with wait_listen.
# tcp_echo copies at most a page at a time (-b4096): socat writes what it
# read into its own pipe with a blocking write, and poll() calls a pipe
# writable while one page is free, so a write of 8 KiB (socat's default)
# into a nearly full pipe blocks for ever when the echo's sending side is
# slower than its receiving side (39-screens-syncookie-opts lost a 2 MB
# echo that way: 64 KiB stuck in the pipe, the socket never read again).
# A write of one page or less always fits where poll() found a free one.
# udp_error NS HOST PORT: one datagram from NS to HOST:PORT on a connected
# socket with IP_RECVERR (a host unreachable is not fatal without it);
# prints the errno name of an ICMP error, "answer" or "timeout" (15 s)
udp_error() {
	ip netns exec "$1" /usr/bin/python3 -c '
import errno, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, 11, 1)  # IP_RECVERR
s.connect((sys.argv[1], int(sys.argv[2])))
s.settimeout(15)
try:
    s.send(b"x")
    s.recv(100)
    print("answer")
except socket.timeout:
    print("timeout")
except OSError as e:
    print(errno.errorcode.get(e.errno, e.errno))
' "$2" "$3"
}
# udp_two NS HOST PORT DIR: one connected UDP socket in NS asks HOST:PORT
# and writes "a ANSWER" to DIR/out; once DIR/go exists, it asks again on
# the same socket (the same flow, the same source port) and writes "b
# ANSWER", or "b nothing" after 10 s: a flow across a change made in
# between.  In the background: wait for it with "wait $!".
udp_two() {
	mkdir -p "$4"
	ip netns exec "$1" /usr/bin/python3 -c '
import os, socket, sys, time
h, p, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ai = socket.getaddrinfo(h.strip("[]"), p, type=socket.SOCK_DGRAM)[0]
s = socket.socket(ai[0], socket.SOCK_DGRAM)
s.settimeout(10)
s.connect(ai[4])
o = open(d + "/out", "w", buffering=1)
for m in ("a", "b"):
    while m == "b" and not os.path.exists(d + "/go"):
        time.sleep(0.1)
    s.send((m + "\n").encode())
    try:
        o.write("%s %s\n" % (m, s.recv(2048).decode().strip()))
    except OSError as e:
        o.write("%s nothing (%s)\n" % (m, e))
' "$2" "$3" "$4" &
}
udp_echo() {
	if [ "${3:-6}" = 6 ]; then
		bg ip netns exec "${2:-$S}" socat -T3 UDP6-RECVFROM:"$1",ipv6only=0,reuseaddr,fork PIPE
	else
		bg ip netns exec "${2:-$S}" socat -T3 UDP4-RECVFROM:"$1",reuseaddr,fork PIPE
	fi
}
tcp_echo() {
	if [ "${3:-6}" = 6 ]; then
		bg ip netns exec "${2:-$S}" socat -b4096 TCP6-LISTEN:"$1",ipv6only=0,reuseaddr,fork PIPE
	else
		bg ip netns exec "${2:-$S}" socat -b4096 TCP4-LISTEN:"$1",reuseaddr,fork PIPE
	fi
}

# Servers that print the peer they see (the NAT tests): peer_servers FAM
# starts, in S, "peer=ADDR port=PORT" on TCP 8000 and UDP 5000 (-t10: a
# slow kernel's echo answers after socat's default 0.5 s close wait);
# peer_web NS FAM an HTTP server on port 80 that answers "peer=ADDR".
peer_servers() {
	local f=${1:-4}

	bg ip netns exec "$S" socat -t10 -T5 TCP$f-LISTEN:8000,reuseaddr,fork SYSTEM:'echo peer=$SOCAT_PEERADDR port=$SOCAT_PEERPORT'
	bg ip netns exec "$S" socat -t10 -T10 UDP$f-RECVFROM:5000,reuseaddr,fork SYSTEM:'echo peer=$SOCAT_PEERADDR port=$SOCAT_PEERPORT'
	wait_listen "$S" 8000 5000 || echo "# servers in S did not come up"
}
peer_web() {
	bg ip netns exec "$1" /usr/bin/python3 -c '
import http.server as h, socket, sys
class S(h.HTTPServer):
    address_family = socket.AF_INET6 if sys.argv[1] == "6" else socket.AF_INET
class H(h.BaseHTTPRequestHandler):
    def do_GET(s):
        b = ("peer=%s\n" % s.client_address[0]).encode()
        s.send_response(200)
        s.send_header("Content-Length", str(len(b)))
        s.end_headers()
        s.wfile.write(b)
    def log_message(s, *a):
        pass
S(("::" if sys.argv[1] == "6" else "", 80), H).serve_forever()' "${2:-4}"
	wait_listen "$1" 80 || echo "# web server in $1 did not come up"
}

# wait_listen NS PORT...: every PORT has a TCP or UDP listener in NS (20 s)
wait_listen() {
	local ns=$1
	shift
	# shellcheck disable=SC2016 # (expanded by the inner bash)
	wait_until 20 ip netns exec "$ns" bash -c \
		'o=$(ss -Hltun) || exit 1; for p; do [[ $o == *:$p[[:space:]]* ]] || exit 1; done' _ "$@"
}

# udp_req HOST PORT [NS] [MSG] [SOCAT-OPTS]: one datagram from NS (default
# C) to an echo server, prints the answer; fails after $UDP_WAIT s (default
# 8) without one, at once on an ICMP unreachable ("Connection refused").
# HOST in [] for IPv6.
udp_req() {
	local msg=${4:-ping} ans
	ans=$(echo "$msg" | ip netns exec "${3:-$C}" socat -t"${UDP_WAIT:-8}" -T"${UDP_WAIT:-8}" - \
		UDP:"$1":"$2",readbytes=$((${#msg} + 1))${5:+,$5}) || return 1
	[ -n "$ans" ] || return 1
	printf '%s\n' "$ans"
}

# udp_req_from SPORT HOST PORT [NS] [MSG]: the same from a fixed source port
udp_req_from() { udp_req "$2" "$3" "${4:-$C}" "${5:-ping}" sourceport="$1",reuseaddr; }

# tcp_req HOST PORT [NS] [MSG] [SOCAT-OPTS]: one line to an echo server,
# prints the answer; connect timeout $TCP_WAIT s (default 8). HOST in []
# for IPv6.
tcp_req() {
	echo "${4:-hello}" | ip netns exec "${3:-$C}" socat -T10 - \
		TCP:"$1":"$2",connect-timeout="${TCP_WAIT:-8}"${5:+,$5}
}

# A TCP connection kept open: tcp_open NAME HOST PORT [NS] [SOCAT-OPTS]
# (NAME an identifier; needs eng_tmpdir). tcp_send NAME LINE writes a line
# on it; what comes back is in $TMPD/NAME.out, socat's errors and warnings
# (-d: a reset is a warning) in $TMPD/NAME.err; tcp_got NAME LINE tells
# whether LINE came back.
tcp_open() {
	local name=$1 fd
	mkfifo "$TMPD/$name.in" || return 1
	exec {fd}<>"$TMPD/$name.in"
	printf -v "_tcpfd_$name" %s "$fd"
	ip netns exec "${4:-$C}" socat -d - TCP:"$2":"$3",connect-timeout="${TCP_WAIT:-8}"${5:+,$5} \
		<&"$fd" >"$TMPD/$name.out" 2>"$TMPD/$name.err" &
	_bg_pids+=($!)
	printf -v "_tcppid_$name" %s "$!"
}
tcp_send() {
	local v=_tcpfd_$1
	echo "$2" >&"${!v}"
}
tcp_got() {
	local l
	[ -r "$TMPD/$1.out" ] || return 1
	while IFS= read -r l; do
		[ "$l" = "$2" ] && return 0
	done <"$TMPD/$1.out"
	return 1
}
# tcp_alive NAME: the client of tcp_open still runs; tcp_dead NAME: not
tcp_alive() {
	local v=_tcppid_$1
	kill -0 "${!v}" 2>/dev/null
}
tcp_dead() { ! tcp_alive "$1"; }
# tcp_close NAME: end the client of tcp_open
tcp_close() {
	local v=_tcppid_$1
	kill "${!v}" 2>/dev/null
}

# Fixed MAC addresses and permanent neighbour entries (IPv4 and IPv6) on the
# links of topo_router: no neighbour discovery traffic to the router while
# a test counts sessions or packets.
topo_pin_neigh() {
	local mc=02:00:00:00:01:02 mrl=02:00:00:00:01:01 mrw=02:00:00:00:02:01 ms=02:00:00:00:02:02
	ip -n "$C" -b - <<-EOF || return 1
	link set eth0 address $mc
	neigh replace 10.0.1.1 lladdr $mrl dev eth0 nud permanent
	neigh replace 2001:db8:1::1 lladdr $mrl dev eth0 nud permanent
	EOF
	ip -n "$S" -b - <<-EOF || return 1
	link set eth0 address $ms
	neigh replace 10.0.2.1 lladdr $mrw dev eth0 nud permanent
	neigh replace 2001:db8:2::1 lladdr $mrw dev eth0 nud permanent
	EOF
	ip -n "$R" -b - <<-EOF || return 1
	link set lan0 address $mrl
	link set wan0 address $mrw
	neigh replace 10.0.1.2 lladdr $mc dev lan0 nud permanent
	neigh replace 2001:db8:1::2 lladdr $mc dev lan0 nud permanent
	neigh replace 10.0.2.2 lladdr $ms dev wan0 nud permanent
	neigh replace 2001:db8:2::2 lladdr $ms dev wan0 nud permanent
	EOF
}

# The spoofed sources of the SYN-flood tests (tests/tools/synflood.py
# --src-prefix within 10.96.0.0/12 or 2001:db8:90::/44) are routed back to C
# on R, where they end in a blackhole: R's SYN cookies to them leave, as on
# a router with a default route, and go no further.  Sources outside these
# prefixes have no route back.
topo_flood_return() {
	ip -n "$R" -b - <<-EOF || return 1
	route add 10.96.0.0/12 via 10.0.1.2
	route add 2001:db8:90::/44 via 2001:db8:1::2
	EOF
	ip -n "$C" -b - <<-EOF || return 1
	route add blackhole 10.96.0.0/12
	route add blackhole 2001:db8:90::/44
	EOF
}

# check_sessions NAME N [FILTER...]: `show security flow session FILTER...`
# ends with "Total sessions: N" (the listing is printed if not); the
# listing stays in _last_out.
check_sessions() {
	local name=$1 n=$2 total
	shift 2
	_last_out=$(rcli show security flow session "$@" 2>&1)
	total=$(printf '%s\n' "$_last_out" | sed -n 's/^Total sessions: \([0-9]*\)$/\1/p')
	if [ "$total" = "$n" ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "show security flow session $*: expected $n sessions, got '$total'" \
			"$_last_out"
	fi
}

# sess_is N [FILTER...]: `show security flow session FILTER...` lists N
# sessions (for wait_until)
sess_is() {
	local n=$1
	shift
	[ "$(sess_total "$@")" = "$n" ]
}

# in_ns NS CMD...: run CMD in namespace NS
in_ns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}
