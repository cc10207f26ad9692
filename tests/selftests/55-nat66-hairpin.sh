#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 hairpin (NAT66), as the IPv4 one of 45-nat-destination: a trust
# client reaches a destination-NAT address whose server is in its own
# zone (here the client itself, as in 45), with destination NAT from zone
# trust, a trust-to-trust policy and trust-to-trust source NAT to the
# router's interface address: the server sees the router (2001:db8:1::1),
# the session's two wings are on lan0, both rules count a hit.  Without
# the trust-to-trust policy the hairpin is denied.
. "$(dirname "$0")/lib.sh"

ktap_plan 8
srx_load
eng_tmpdir
topo_router
topo_pin_neigh
peer_web "$C" 6

conf() {
	cat <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security nat destination pool web6-80 address 2001:db8:1::2/128 port 80
	set security nat destination rule-set from-trust from zone trust
	set security nat destination rule-set from-trust rule fwd6 match destination-address 2001:db8:ee::10/128
	set security nat destination rule-set from-trust rule fwd6 match destination-port 8080
	set security nat destination rule-set from-trust rule fwd6 then destination-nat pool web6-80
	set security nat source rule-set hairpin from zone trust
	set security nat source rule-set hairpin to zone trust
	set security nat source rule-set hairpin rule hp6 match source-address 2001:db8:1::/64
	set security nat source rule-set hairpin rule hp6 then source-nat interface
	EOF
}
get() { in_c curl -s -m "${1:-15}" 'http://[2001:db8:ee::10]:8080/'; }

conf >"$TMPD/nopol.set"
check "hairpin NAT66 without a trust-to-trust policy loads" rload_q <"$TMPD/nopol.set"
check_fail "no trust-to-trust policy: the hairpin is denied" get 4
{ conf; cat <<-'EOF'
	set security policies from-zone trust to-zone trust policy hairpin match source-address any destination-address any application any
	set security policies from-zone trust to-zone trust policy hairpin then permit
	EOF
} >"$TMPD/hp.set"
rcli clear security flow session all >/dev/null
check "with the trust-to-trust policy loads" rload_q <"$TMPD/hp.set"
check_match "hairpin: the trust client reaches the forwarded address, the server sees the router" \
	'^peer=2001:db8:1::1$' get
out=$(rcli show security flow session destination-port 8080)
check_match "session In wing: from the client to the public address, on lan0" \
	'^  In: 2001:db8:1::2/[0-9]+ --> 2001:db8:ee::10/8080;tcp, Conn Tag: 0x0, If: lan0,' echo "$out"
check_match "session Out wing: from the server to the router's address, on lan0" \
	'^  Out: 2001:db8:1::2/80 --> 2001:db8:1::1/[0-9]+;tcp, Conn Tag: 0x0, If: lan0,' echo "$out"
check_match "destination rule fwd6 counted" 'Translation hits +: [1-9]' \
	rcli show security nat destination rule fwd6
check_match "source rule hp6 counted" 'Translation hits +: [1-9]' \
	rcli show security nat source rule hp6
ktap_finish
