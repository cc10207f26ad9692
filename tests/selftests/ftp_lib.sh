# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by the FTP ALG selftests (50-alg-ftp, 52-alg-ftp-nat): vsftpd in
# S (untrust) and C (trust), curl helpers, the base configuration.
PROBE=$TOP/tests/tools/ftp-probe.py
ANNOUNCER=$TOP/tests/tools/ftp-announcer.py

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

ftp_setup() {
	head -c 2M /dev/urandom >"$TMPD/big"
	SUM=$(sha256sum <"$TMPD/big" | cut -d' ' -f1)
	vsftpd_start "$S" srv
	vsftpd_start "$C" lan
	tcp_echo 8000 "$S" 4
	wait_listen "$S" 21 8000 || echo "# vsftpd in S did not come up"
	wait_listen "$C" 21 || echo "# vsftpd in C did not come up"
}

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

