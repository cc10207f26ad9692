# shellcheck shell=bash
# Helpers shared by tests/debug-kernel/{boot-smoke,prove-checkers}:
# a tiny busybox initramfs (plus the host's ip and nft with their libraries)
# and a minimal qemu TCG command line for the debug kernel.
# Sourced, not executed.

dk_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

dk_die() { echo "${0##*/}: error: $*" >&2; exit 1; }
dk_log() { echo "${0##*/}: $*" >&2; }

# Load KDIR, IMAGE, VMLINUX, KRELEASE, CONFIG, VM_APPEND from the build
# script; builds the kernel first if it is not in the cache yet (~20 min).
dk_load_paths() {
    local out
    if ! out=$("$dk_here/build" --print-paths 2>/dev/null); then
        dk_log "debug kernel not built yet: building it now (~20 min)"
        out=$("$dk_here/build") || dk_die "debug kernel build failed"
    fi
    eval "$(printf '%s\n' "$out" | grep -E '^(KDIR|IMAGE|VMLINUX|KRELEASE|CONFIG|VM_APPEND)=' \
            | sed -E "s/^([A-Z_]+)=(.*)$/DK_\1='\2'/")"
}

# Copy a host binary and the shared libraries it needs into root dir $1.
dk_copy_bin() {
    local root=$1 bin=$2 lib
    [ -x "$bin" ] || return 1
    mkdir -p "$root$(dirname "$bin")"
    cp -L "$bin" "$root$bin"
    for lib in $(ldd "$bin" 2>/dev/null | grep -oE '/[^ ]+' ); do
        [ -e "$root$lib" ] && continue
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
}

# dk_mkinitramfs OUT.cpio.gz INIT_SCRIPT [FILE...]
# FILEs are copied into the initramfs root by basename.
dk_mkinitramfs() {
    local out=$1 init=$2 root f b
    shift 2
    root=$(mktemp -d "${TMPDIR:-/tmp}/dk-initramfs.XXXXXX")
    mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,usr/bin,usr/sbin}
    cp /bin/busybox "$root/bin/busybox"
    for b in $(/bin/busybox --list); do
        [ -e "$root/bin/$b" ] || ln -s busybox "$root/bin/$b"
    done
    # Real iproute2 and nft: busybox ip knows neither veth nor vrf. Debian's
    # busybox ash runs its own applet for a bare `ip` whatever PATH says, so
    # the real one is /usr/sbin/ip and guest scripts define
    #   ip() { /usr/sbin/ip "$@"; }
    local ipbin
    ipbin=$(command -v ip 2>/dev/null || echo /sbin/ip)
    ipbin=$(readlink -f "$ipbin")
    if [ -x "$ipbin" ]; then
        dk_copy_bin "$root" "$ipbin"
        [ "$ipbin" = /usr/sbin/ip ] || mv "$root$ipbin" "$root/usr/sbin/ip"
    fi
    dk_copy_bin "$root" /usr/sbin/nft || true
    cp "$init" "$root/init"
    chmod +x "$root/init"
    for f in "$@"; do cp "$f" "$root/$(basename "$f")"; done
    (cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out"
    rm -rf "$root"
}

# dk_qemu KERNEL INITRD APPEND LOGFILE [qemu args...]
# Env: DK_MEM (MiB, default 512), DK_SMP (default 2), DK_TIMEOUT (s, default 900).
# The guest ends with `reboot -f`; -no-reboot turns that into a qemu exit.
dk_qemu() {
    local kernel=$1 initrd=$2 append=$3 log=$4
    shift 4
    timeout --foreground -k 5 "${DK_TIMEOUT:-900}" \
        qemu-system-x86_64 -M pc -accel tcg \
        -m "${DK_MEM:-512}" -smp "${DK_SMP:-2}" \
        -nodefaults -no-user-config -display none -no-reboot \
        -serial stdio -nic none \
        -kernel "$kernel" -initrd "$initrd" \
        -append "console=ttyS0 panic=-1 $append" "$@" \
        </dev/null >"$log" 2>&1
}
