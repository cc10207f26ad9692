# SPDX-License-Identifier: GPL-2.0
#
# srxflow top-level Makefile.
#
#   make             build srxflow.ko and userspace/srxflow
#   make deps        install the Debian packages build and tests need
#   make check       host unit tests + build + all VM selftests
#   make demo        the reverse-route lab of seed 002, narrated (VM)
#   make bench       benchmarks against plain forwarding and nftables (VM)
#   make debug       module with extra assertions (SRXFLOW_DEBUG)
#   make C=1         sparse;   make W=1   extra warnings
#
# KDIR selects the kernel build tree; default: the newest
# /lib/modules/*/build that exists.

KDIR ?= $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)
SRXFLOW_VERSION := $(shell git describe --always --dirty --tags 2>/dev/null || echo 0.1)
export SRXFLOW_VERSION

.PHONY: all module cli clean

all: module cli

module:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || { echo "no kernel build tree (KDIR); run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) SRXFLOW_VERSION=$(SRXFLOW_VERSION) modules

cli:
	$(MAKE) -C userspace

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
