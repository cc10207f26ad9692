# SPDX-License-Identifier: GPL-2.0
#
# srxflow top-level Makefile.
#
#   make               build srxflow.ko and userspace/srxflow
#   make deps          install the Debian packages that build and tests need
#   make check         host unit tests + build + every VM selftest
#   make demo          the reverse-route lab of seed 002, narrated (in the VM)
#   make bench         srxflow vs plain forwarding vs nftables (in the VM)
#   make debug         the module with extra assertions (SRXFLOW_DEBUG)
#   make debug-kernel  build (once, cached) a kernel with KASAN, lockdep...
#   make check-debug   every VM selftest on that kernel
#   make C=1 / W=1     sparse / extra warnings (passed to kbuild)
#   make install       install module, CLI, bash completion, srxflow.service
#
# KDIR selects the kernel build tree; default: the newest
# /lib/modules/*/build that exists (never a hard-coded version).

KDIR ?= $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)
KVER ?= $(notdir $(patsubst %/,%,$(dir $(KDIR))))
SRXFLOW_VERSION := $(shell git describe --always --dirty --tags 2>/dev/null || echo 0.1)
PREFIX ?= /usr/local
export SRXFLOW_VERSION

# Debian packages needed to build and to run the tests
DEPS := build-essential linux-headers-amd64 linux-image-amd64 qemu-system-x86 \
	busybox-static kmod cpio xz-utils zstd libmnl-dev libnl-genl-3-dev \
	pkg-config iproute2 iputils-ping socat ncat iperf3 nftables tcpdump python3-scapy \
	ethtool procps bc sparse git python3 python3-yaml libnl-3-dev qemu-system-data \
	hping3 nmap vsftpd lftp tftpd-hpa tftp-hpa curl traceroute \
	binutils util-linux rsyslog libreadline-dev tmux less

.PHONY: all module cli tools debug clean deps check check-unit check-vm demo bench \
	debug-kernel check-debug check-debug-lane install install-cli uninstall dkms-install

all: module cli tools

module:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || { echo "no kernel build tree (KDIR); run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) SRXFLOW_VERSION=$(SRXFLOW_VERSION) modules

debug:
	$(MAKE) module SRXFLOW_DEBUG=y

cli:
	$(MAKE) -C userspace

tools:
	$(MAKE) -C tests/tools
	$(MAKE) -C userspace/examples

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/tools clean
	$(MAKE) -C userspace/examples clean
	$(MAKE) -C tests/bench clean

deps:
	tests/deps.sh --install $(DEPS)

check:
	DEPS="$(DEPS)" tests/check.sh

check-unit: cli
	$(MAKE) -C tests/unit run

demo:
	@DEPS="$(DEPS)" tests/deps.sh --install $(DEPS)
	@$(MAKE) -s all
	tests/vm/run --timeout 600 -- tests/demo/reverse-route-lab.sh

bench:
	@DEPS="$(DEPS)" tests/deps.sh --install $(DEPS) linux-perf
	tests/bench/bench.sh

check-vm: all
	tests/vm/run --timeout 1200 -- tests/selftests/run

debug-kernel:
	tests/debug-kernel/build

check-debug: cli tools
	tests/debug-kernel/check

check-debug-lane:
	tests/debug-kernel/prove-lane

# the CLI, its man page, bash completion and the boot unit (both install paths)
SYSTEMD_UNIT_DIR ?= /lib/systemd/system
install-cli: cli
	install -D -m 0755 userspace/srxflow $(DESTDIR)$(PREFIX)/sbin/srxflow
	install -D -m 0755 userspace/srxflow-logd $(DESTDIR)$(PREFIX)/sbin/srxflow-logd
	sed 's|/usr/local/sbin|$(PREFIX)/sbin|' systemd/srxflow-logd.service | \
		install -D -m 0644 /dev/stdin $(DESTDIR)$(SYSTEMD_UNIT_DIR)/srxflow-logd.service
	install -D -m 0644 Documentation/srxflow.8 $(DESTDIR)$(PREFIX)/share/man/man8/srxflow.8
	install -D -m 0644 userspace/srxflow.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/srxflow
	sed 's|/usr/local/sbin/srxflow|$(PREFIX)/sbin/srxflow|' systemd/srxflow.service >srxflow.service.tmp
	install -D -m 0644 srxflow.service.tmp $(DESTDIR)$(SYSTEMD_UNIT_DIR)/srxflow.service
	rm -f srxflow.service.tmp
	install -d -m 0750 $(DESTDIR)/var/lib/srxflow

install: all install-cli
	install -D -m 0644 srxflow.ko $(DESTDIR)/lib/modules/$(KVER)/extra/srxflow.ko
	-depmod -a $(KVER)

# DKMS: the module sources go to /usr/src/srxflow-$(VERSION) with a
# dkms.conf, and DKMS rebuilds the module for every new kernel.
DKMS_VERSION := $(shell echo $(SRXFLOW_VERSION) | tr -c 'A-Za-z0-9.+~\n' '.')
dkms-install:
	rm -rf $(DESTDIR)/usr/src/srxflow-$(DKMS_VERSION)
	mkdir -p $(DESTDIR)/usr/src/srxflow-$(DKMS_VERSION)
	cp -r Kbuild kernel include $(DESTDIR)/usr/src/srxflow-$(DKMS_VERSION)/
	echo "$(SRXFLOW_VERSION)" > $(DESTDIR)/usr/src/srxflow-$(DKMS_VERSION)/VERSION
	printf '%s\n' 'PACKAGE_NAME="srxflow"' 'PACKAGE_VERSION="$(DKMS_VERSION)"' \
		'MAKE[0]="make -C $${kernel_source_dir} M=$${dkms_tree}/$${PACKAGE_NAME}/$${PACKAGE_VERSION}/build modules"' \
		'CLEAN="make -C $${kernel_source_dir} M=$${dkms_tree}/$${PACKAGE_NAME}/$${PACKAGE_VERSION}/build clean"' \
		'BUILT_MODULE_NAME[0]="srxflow"' 'DEST_MODULE_LOCATION[0]="/extra"' 'AUTOINSTALL="yes"' \
		> $(DESTDIR)/usr/src/srxflow-$(DKMS_VERSION)/dkms.conf
	dkms add -m srxflow -v $(DKMS_VERSION)
	dkms build -m srxflow -v $(DKMS_VERSION) -k $(KVER)
	dkms install -m srxflow -v $(DKMS_VERSION) -k $(KVER)
	$(MAKE) install-cli

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/srxflow.ko
	rm -f $(DESTDIR)$(PREFIX)/sbin/srxflow $(DESTDIR)$(PREFIX)/share/man/man8/srxflow.8
	rm -f $(DESTDIR)$(PREFIX)/sbin/srxflow-logd $(DESTDIR)$(SYSTEMD_UNIT_DIR)/srxflow-logd.service
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/srxflow
	rm -f $(DESTDIR)$(SYSTEMD_UNIT_DIR)/srxflow.service
