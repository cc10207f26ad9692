#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad configuration input is rejected with the right message, and the
# running configuration is byte-identical afterwards: unknown statements,
# undefined references (address, application, zone, address-set and
# application-set members), duplicates, out-of-range values, set cycles,
# truncated files, policies without an action.  Errors in load files name
# the line ("FILE:LINE: ...").
# shellcheck disable=SC1010 # "then" is a word of policy statements
. "$(dirname "$0")/lib.sh"

srx_load
if [ -z "${SRX_IN_NS:-}" ]; then
	ns_add "$R" || ktap_skip_all "cannot create a network namespace"
fi
ns_reexec "$R"
ktap_plan 60

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT

rload <<-'EOF' >/dev/null
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security zones security-zone dmz interfaces dmz0
	set security zones security-zone dmz address-book address web 192.0.2.80/32
	set security address-book global address srv 192.0.2.1/32
	set security address-book global address net 198.51.100.0/24
	set security address-book global address-set grp address srv
	set applications application app-web protocol tcp destination-port 80
	set applications application-set web-set application app-web
	set security flow tcp-session tcp-initial-timeout 20
	set security flow traceoptions file trace size 100k
	set security policies from-zone trust to-zone untrust policy p1 match source-address any destination-address srv application app-web then permit
	set security policies from-zone trust to-zone dmz policy p2 match source-address any destination-address web application web-set then permit
	EOF
base=$(rconf)
check_match "baseline configuration loaded" "policy p2 then permit" printf '%s\n' "$base"
CONF_BASE=$base	# check_rejected: the configuration must stay this

# f NAME: path of a load file in the scratch directory; its content on stdin
# (printf without a final newline for truncated files)
f() {
	local c
	IFS= read -r -d '' c
	printf '%s' "$c" >"$WORK/$1"
	echo "$WORK/$1"
}
P=(security policies from-zone trust to-zone untrust policy)

# --- unknown statements ---------------------------------------------------------------
check_rejected "set: unknown statement: syntax error listing the expected words" \
	"syntax error at 'zonez', expecting <address-book \| alg \| flow \| forwarding-options \| log \| nat \| policies \| screen \| zones>" \
	rcli set security zonez trust
F=$(f unknown.set <<-'EOF'
	set security zones security-zone extra interfaces ex0
	# a comment, then a blank line

	set security flow frobnicate 5
	EOF
)
check_rejected "load: unknown statement: FILE:LINE: syntax error, expected words" \
	"^srxflow: $F:4: syntax error at 'frobnicate', expecting <advanced-options \| aging \| max-sessions \| route-change-timeout \| syn-flood-protection-mode \| tcp-session \| traceoptions>" \
	rcli load merge "$F"
F=$(f verb.set <<-'EOF'
	set security zones security-zone extra interfaces ex0
	sett security zones security-zone extra2
	EOF
)
check_rejected "load: unknown verb: FILE:LINE: expecting <set | delete | insert | ...>" \
	"^srxflow: $F:2: syntax error at 'sett', expecting <set \| delete \| insert \| deactivate " \
	rcli load override "$F"
check_rejected "set: unknown keyword value (default-policy allow-all)" \
	"syntax error at 'allow-all', expecting <deny-all \| permit-all>" \
	rcli set security policies default-policy allow-all
check_rejected "set: invalid address" "invalid value '10.0.0.300/24'" \
	rcli set security address-book global address bad 10.0.0.300/24

# --- undefined references -----------------------------------------------------------------
check_rejected "set: policy names an undefined address" \
	"error: security policies from-zone trust to-zone untrust policy p9 match source-address nope: address or address-set is not defined" \
	rcli set "${P[@]}" p9 match source-address nope destination-address any application any then permit
F=$(f undef-app.set <<-EOF
	set security address-book global address extra 203.0.113.1/32
	set ${P[*]} p9 match source-address extra
	set ${P[*]} p9 match destination-address any
	set ${P[*]} p9 match application no-such-app
	set ${P[*]} p9 then permit
	EOF
)
check_rejected "load: undefined application: FILE:LINE of the application statement" \
	"^srxflow: $F:4: error: security policies from-zone trust to-zone untrust policy p9 match application no-such-app: application is not defined" \
	rcli load merge "$F"
check_rejected "set: policy names an undefined zone" \
	"error: security policies from-zone nowhere: zone is not defined" \
	rcli set security policies from-zone nowhere to-zone untrust policy p9 match source-address any destination-address any application any then permit
check_rejected "set: global policy matches an undefined zone" \
	"error: security policies global policy g9 match from-zone nowhere: zone is not defined" \
	rcli set security policies global policy g9 match source-address any destination-address any application any from-zone nowhere then permit
check_rejected "set: zone policy names an address of another zone's book" \
	"error: security policies from-zone trust to-zone untrust policy p9 match destination-address web: address or address-set is not defined" \
	rcli set "${P[@]}" p9 match source-address any destination-address web application any then permit
F=$(f undef-member.set <<-'EOF'
	set security address-book global address a1 203.0.113.1/32
	set security address-book global address-set s1 address a1
	set security address-book global address-set s1 address ghost
	EOF
)
check_rejected "load: address-set member not defined: FILE:LINE" \
	"^srxflow: $F:3: error: security address-book global address-set s1 address ghost: address is not defined" \
	rcli load merge "$F"
check_rejected "set: nested address-set member not defined" \
	"error: security address-book global address-set s2 address-set ghost-set: address-set is not defined" \
	rcli set security address-book global address-set s2 address-set ghost-set
check_rejected "set: application-set member not defined" \
	"error: applications application-set s3 application ghost-app: application is not defined" \
	rcli set applications application-set s3 application ghost-app

# --- duplicates --------------------------------------------------------------------------
check_rejected "set: interface already in another zone" \
	"error: security zones security-zone untrust interfaces lan0: interface is already in zone trust" \
	rcli set security zones security-zone untrust interfaces lan0
F=$(f dup.set <<-'EOF'
	set security zones security-zone z1 interfaces dup0
	set security zones security-zone z2 interfaces dup0
	EOF
)
check_rejected "load: same interface in two zones: FILE:LINE" \
	"^srxflow: $F:2: error: security zones security-zone z2 interfaces dup0: interface is already in zone z1" \
	rcli load merge "$F"
check_rejected "set: address name already used by an address-set" \
	"error: security address-book global address(-set)? (srv|grp): duplicate name in the address book" \
	rcli set security address-book global address grp 10.0.0.1/32

# --- out-of-range values -----------------------------------------------------------------
check_rejected "set: tcp-initial-timeout 301 -> range 4..300" \
	"value '301' for tcp-initial-timeout is out of range, expecting <4\.\.300>" \
	rcli set security flow tcp-session tcp-initial-timeout 301
F=$(f range.set <<-'EOF'
	set security flow aging early-ageout 10
	set security flow aging high-watermark 101
	EOF
)
check_rejected "load: high-watermark 101: FILE:LINE and the range 0..100" \
	"^srxflow: $F:2: value '101' for high-watermark is out of range, expecting <0\.\.100>" \
	rcli load merge "$F"
check_rejected "set: inactivity-timeout 3 -> range 4..86400 or never" \
	"value '3' for inactivity-timeout is out of range, expecting <4\.\.86400 \| never>" \
	rcli set applications application app-web inactivity-timeout 3
check_rejected "set: traceoptions file size 1k -> range in bytes" \
	"value '1k' for size is out of range, expecting <10240\.\.1073741824 bytes" \
	rcli set security flow traceoptions file size 1k
check_rejected "set: max-sessions 0 -> range 1..16777216" \
	"value '0' for max-sessions is out of range, expecting <1\.\.16777216>" \
	rcli set security flow max-sessions 0
# the kernel checks the same ranges (one table in kernel/netlink.c that the
# attribute policies point at) and names the statement; the error marks the
# transaction failed, as any error in an object does
NLR=(python3 "$TOP/tests/tools/nlrange.py")
out=$("${NLR[@]}" flow TCP_INITIAL_TIMEOUT 301 20 2>&1)
check_match "raw netlink: tcp-initial-timeout 301 refused by the kernel, naming the statement and 4..300" \
	"^add 301: error -22: security flow tcp-session tcp-initial-timeout 301: value out of range, expecting 4\.\.300$" \
	printf '%s\n' "$out"
check_match "... and the transaction is failed: nothing more is added to it" \
	"^add 20: error -22: transaction already failed; abort it$" printf '%s\n' "$out"
check_match "raw netlink: traceoptions local-debug-buf size 1023 refused (1024..40000)" \
	"^add 1023: error -22: security flow traceoptions local-debug-buf size 1023: value out of range, expecting 1024\.\.40000$" \
	"${NLR[@]}" trace DEBUG_BUF 1023
# the ACK copies its message after the family's lock is dropped, so a
# message's buffer is not written again for 10 s: 300 errors in a row get
# their own messages while buffers last (256, fewer if errors came in the
# last 10 s), then a fixed one; 10 s later they are formatted again
read -ra many <<<"$(printf '301 %.0s' $(seq 300))"
out=$("${NLR[@]}" --each flow TCP_INITIAL_TIMEOUT "${many[@]}" 2>&1)
nf=$(printf '%s\n' "$out" | grep -c '^add 301: error -22: security flow tcp-session tcp-initial-timeout 301: value out of range, expecting 4\.\.300$')
nx=$(printf '%s\n' "$out" | grep -c '^add 301: error -22: srxflow: too many errors at once, this one was not kept: try again$')
last_f=$(printf '%s\n' "$out" | grep -n 'value out of range' | tail -n 1 | cut -d: -f1)
first_x=$(printf '%s\n' "$out" | grep -n 'too many errors' | head -n 1 | cut -d: -f1)
check_eq "300 errors at once: named while message buffers last (1..256), then a fixed message" \
	"300 yes yes" "$((nf + nx)) $([ "$nf" -ge 1 ] && [ "$nf" -le 256 ] && echo yes) $([ "${last_f:-0}" -lt "${first_x:-0}" ] && echo yes)"
sleep 10.5
check_match "10 s later: the error is named again" \
	"^add 301: error -22: security flow tcp-session tcp-initial-timeout 301: value out of range, expecting 4\.\.300$" \
	"${NLR[@]}" flow TCP_INITIAL_TIMEOUT 301
# an address-set naming one set 7490 times is that set once (9000 ranges);
# unmerged, the copy would be 67 million ranges, 2 GB: a kvmalloc() past
# INT_MAX (a WARN) before the duplicates were dropped
check_eq "raw netlink: address-set naming one 9000-range set 7490 times is accepted (members once)" \
	"u: ok" "$(python3 "$TOP/tests/tools/nlsetdup.py" 9000 7490 2>&1)"
# distinct sets of the same content: set u names s0..s299, each naming one
# 8000-range set t.  u merges into 8000 ranges, but 2,400,000 are copied and
# sorted first, under the genetlink mutex: over 2,097,152 the union is
# refused (before, up to 256 MB per union, and a NAT rule's union was not
# even charged); 200 sets (1,600,000) still merge
check_match "raw netlink: an address-set whose members total 2.4M ranges before merging is refused" \
	'^u: error -22: security address-book global address-set u: too many address ranges$' \
	python3 "$TOP/tests/tools/nlsetdup.py" 8000 300 --distinct
check_eq "  ... 1.6M ranges before merging are merged" \
	"u: ok" "$(python3 "$TOP/tests/tools/nlsetdup.py" 8000 200 --distinct 2>&1)"
# more than 65536 interfaces in zones (18 zones of 3700, raw netlink, in a
# namespace of its own): the interface map is then over 4 MB, past what
# kzalloc() can give (a WARN in the page allocator, the commit failed)
ip netns add "$NSP-manyif"
check_eq "raw netlink: 66,600 interfaces in 18 zones commit (interface map > 4 MB)" \
	"commit: ok" "$(ip netns exec "$NSP-manyif" python3 "$TOP/tests/tools/nlmanyif.py" 18 3700 2>&1)"
ip netns del "$NSP-manyif"
# one device in two zones: zone trust names eth-x, a unit is then bound to
# eth-x and named by zone untrust.  The CLI sends bindings first (and the
# zone side refuses a bound device's Linux name); a raw netlink client may
# send them in this order, which committed both zones on eth-x.
ip netns add "$NSP-order"
ip -n "$NSP-order" link add eth-x type dummy
check_eq "raw netlink: a unit bound to a device a zone names by its Linux name is rejected" \
	"zone trust: ok
bind: error -22: interfaces ge-0/0/0 unit 0 linux-device eth-x: device is in zone trust by its Linux name" \
	"$(ip netns exec "$NSP-order" python3 "$TOP/tests/tools/nlcommitorder.py" zone-dup eth-x 2>&1)"
# a stale transaction is refused (and, since the check moved first, changes
# nothing: its commit used to enable the netfilter hooks and defragmentation
# of the namespace before it failed; Debian's kernel has no
# nfnetlink_hook, so "nft list hooks" cannot show it here)
check_eq "raw netlink: a commit on a stale generation is refused" \
	"commit b: ok
zone trust: ok
commit a: error -11: configuration changed since it was read, retry" \
	"$(ip netns exec "$NSP-order" python3 "$TOP/tests/tools/nlcommitorder.py" stale eth-x 2>&1)"
# NAT ports sent as u32 values the CLI would refuse: checked before 16 bits
# are kept (66560 is 1024 + 65536, 65616 is 80 + 65536)
check_eq "raw netlink: a source pool port range of 66560 is rejected, not kept as 1024" \
	"pool: error -22: security nat source pool p port range 66560 to 66560: value out of range, expecting 1024..65535" \
	"$(ip netns exec "$NSP-order" python3 "$TOP/tests/tools/nlcommitorder.py" pool-port 66560 66560 2>&1)"
check_eq "raw netlink: a destination pool port 65616 is rejected, not kept as 80" \
	"pool: error -22: security nat destination pool d address port 65616: value out of range, expecting 1..65535" \
	"$(ip netns exec "$NSP-order" python3 "$TOP/tests/tools/nlcommitorder.py" dest-port 65616 2>&1)"
# names reach messages, logs and JSON: printable ASCII only
check_eq "raw netlink: a pool routing-instance with a control character is rejected" \
	"pool: error -22: security nat source pool p routing-instance: invalid name" \
	"$(ip netns exec "$NSP-order" python3 "$TOP/tests/tools/nlcommitorder.py" pool-ri $'vrf\x01' 2>&1)"
# a client that sends on after an error: the object the policy refused
# fails the transaction, so the commit publishes nothing (it used to be
# refused by genetlink before the handler, and the commit went through
# without it)
check_match "raw netlink: an object refused by the policy fails its transaction (pipelined client)" \
	"^commit: error -22: transaction had errors; nothing committed$" \
	ip netns exec "$NSP-order" python3 "$TOP/tests/tools/nlcommitorder.py" pipelined eth-x
ip netns del "$NSP-order"
check_rejected "set: destination-port 70000 rejected" \
	"invalid value '70000' for destination-port" \
	rcli set applications application app-web destination-port 70000
check_rejected "set: low-watermark above high-watermark (checked at commit)" \
	"error: security flow aging: low-watermark 90 is above high-watermark 50" \
	rcli load merge "$(f wm.set <<<$'set security flow aging high-watermark 50\nset security flow aging low-watermark 90')"

# --- cycles ------------------------------------------------------------------------------
F=$(f cycle.set <<-'EOF'
	set security address-book global address-set c1 address-set c2
	set security address-book global address-set c2 address-set c3
	set security address-book global address-set c3 address-set c1
	set security address-book global address-set c3 address srv
	EOF
)
check_rejected "load: address-set cycle c1 -> c2 -> c3 -> c1: FILE:LINE" \
	"^srxflow: $F:[1-4]: error: address-set cycle: c[123] -> c[123] -> c[123] -> c[123]$" \
	rcli load merge "$F"
check_rejected "set: address-set containing itself is a cycle" \
	"address-set cycle: self -> self" \
	rcli set security address-book global address-set self address-set self
check_rejected "set: application-set cycle" \
	"application-set cycle" \
	rcli load merge "$(f appcycle.set <<<$'set applications application-set x1 application-set x2\nset applications application-set x2 application-set x1')"

# --- truncated files, missing action -------------------------------------------------------
F=$(printf 'set security zones security-zone dmz interfaces dmz1\nset security zo' | f trunc1.set)
check_rejected "load: file cut inside a keyword (zo): syntax error, FILE:LINE" \
	"^srxflow: $F:2: syntax error at 'zo', expecting <" \
	rcli load merge "$F"
F=$(printf '%s\n%s' "set security zones security-zone dmz interfaces dmz1" \
	"set ${P[*]} p9 match source-address any destination-address any application any th" | f trunc2.set)
check_rejected "load override: file cut inside 'then': syntax error, nothing replaced" \
	"^srxflow: $F:2: syntax error at 'th'" \
	rcli load override "$F"
F=$(printf '%s\n%s' "set security zones security-zone dmz interfaces dmz1" \
	"set ${P[*]} p9 match source-address any destination-address any application any" | f trunc3.set)
check_rejected "load: file cut before 'then': the action is mandatory, FILE:LINE" \
	"^srxflow: $F:2: error: security policies from-zone trust to-zone untrust policy p9: then permit, deny or reject is mandatory" \
	rcli load merge "$F"
F=$(printf '%s\n%s' "set security zones security-zone dmz interfaces dmz1" \
	"set security flow tcp-session tcp-initial-timeout" | f trunc4.set)
check_rejected "load override: file cut before a value: missing value, nothing replaced" \
	"^srxflow: $F:2: missing value for 'tcp-initial-timeout', expecting <4\.\.300>" \
	rcli load override "$F"
F=$(printf '%s\n%s' "set security zones security-zone dmz interfaces dmz1" \
	'set security zones security-zone dmz description "half a desc' | f trunc5.set)
check_rejected "load: file cut inside a quoted string" \
	"^srxflow: $F:2: unterminated quoted string" \
	rcli load merge "$F"
check_rejected "set: policy without 'then' is rejected (action is mandatory)" \
	"error: security policies from-zone trust to-zone untrust policy p9: then permit, deny or reject is mandatory" \
	rcli set "${P[@]}" p9 match source-address any destination-address any application any
check_rejected "set: policy without 'match application' is rejected" \
	"error: security policies from-zone trust to-zone untrust policy p9: match application is mandatory" \
	rcli set "${P[@]}" p9 match source-address any destination-address any then permit

# --- reserved names -----------------------------------------------------------------------
check_rejected "set: address named 'any' is reserved" \
	"error: security address-book global address any: name is reserved" \
	rcli set security address-book global address any 10.0.0.0/8
check_rejected "set: zone named 'junos-host' is reserved" \
	"error: security zones security-zone junos-host: zone name is reserved" \
	rcli set security zones security-zone junos-host interfaces jh0

# --- the name character set (include/uapi/linux/srxflow.h) ------------------------------------
check_rejected "set: a name with a non-ASCII letter is refused" \
	"invalid value 'caf.+' for" \
	rcli set security zones security-zone $'caf\xc3\xa9' interfaces cafe0
check_rejected "set: a name starting with '-' is refused" \
	"invalid value '-dash' for" \
	rcli set security address-book global address -dash 10.9.9.9/32
check_rejected "set: a Junos interface name bound to no Linux device is refused, naming it" \
	"security zones security-zone trust interfaces ge-0/0/0\.0: interface is not bound to a Linux device" \
	rcli set security zones security-zone trust interfaces ge-0/0/0.0
check_rejected "set: an interface name that is neither a Linux nor a Junos name is refused" \
	"invalid value 'a/b c' for" \
	rcli set security zones security-zone trust interfaces "a/b c"

# nothing of all this reached the kernel
CONF_BASE=
check_same "running configuration unchanged after all the errors" "$base" "$(rconf)"
check "a good change still commits afterwards" rcli set security address-book global address late 203.0.113.99/32
check_match "... and is there" "^set security address-book global address late 203\.0\.113\.99/32$" rcli show configuration security address-book global '|' display set
check "an address named like its prefix (10.99.0.0/16, '/' and ':' are name characters) commits" \
	rcli set security address-book global address 10.99.0.0/16 10.99.0.0/16
check_match "... and is there" "^set security address-book global address 10\.99\.0\.0/16 10\.99\.0\.0/16$" rcli show configuration security address-book global '|' display set

ktap_finish
