#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/deps.sh [--install] PKG...: are these Debian packages installed?
# With --install, install the missing ones (apt-get; `apt-get update` once
# if the first attempt fails).  Exit 0 when everything is present.
set -uo pipefail

install=0
if [ "${1:-}" = --install ]; then
	install=1
	shift
fi
missing=()
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ $install -eq 0 ]; then
	echo "missing packages: ${missing[*]}" >&2
	exit 1
fi
echo "installing: ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" ||
	{ $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
