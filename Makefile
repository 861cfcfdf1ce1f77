# SPDX-License-Identifier: GPL-2.0-or-later
#
# callcenter top-level Makefile (GNU make, non-recursive for userspace).
#
# Userspace:  make [all]     libcallcenter (shared + static + .pc), utilities, daemons
#             make check     unit tests, fuzz-corpus replay, install test, VM tests
#             make unit      unit tests only (fast)
#             make vmcheck   VM tests only
#             make demo      boot the line simulator in a VM and show what works
#             make SAN=1 …   build userspace with ASan + UBSan (into build-san/)
# Kernel:     make modules   DAHDI core from Debian's dahdi-source, then our modules (Kbuild)
# Other:      make deps      install build/test dependencies (root, Debian 12)
#             make style     clang-format check + checkpatch.pl --strict
#             make install DESTDIR=… PREFIX=…, make uninstall
#             make fuzz      build libFuzzer targets (clang) into $(O)/fuzz
#
# Every source file is discovered: lib/<module>/*.c goes into libcallcenter,
# utils/<name>/*.c and daemons/<name>/*.c become programs (utils/common/*.c is
# linked into utilities and VM test programs), test/unit/<m>_test.c become
# cmocka binaries, test/fuzz/fuzz_<x>.c become fuzz targets.

VERSION      := 0.1.0
SOVERSION    := 0
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
SBINDIR      ?= $(PREFIX)/sbin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
DOCDIR       ?= $(PREFIX)/share/doc/callcenter
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR      ?=

ifeq ($(SAN),1)
O            ?= build-san
SANFLAGS     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
else
O            ?= build
SANFLAGS     :=
endif

CC           ?= cc
AR           ?= ar
PKG_CONFIG   ?= pkg-config
CLANG        ?= clang
CLANG_FORMAT ?= clang-format

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wno-format-nonliteral -Wvla
CPPFLAGS  += -Iinclude -Ilib -D_GNU_SOURCE -DCC_VERSION='"$(VERSION)"'
CFLAGS    ?= -O2 -g
CFLAGS    += -std=gnu11 $(WARN) -fPIC -fvisibility=hidden $(SANFLAGS) -MMD -MP
LDFLAGS   += $(SANFLAGS)
LIB_LIBS  := -lm
TEST_LIBS := -lcmocka -lm
# Programs find libcallcenter in-tree (build/lib) and in PREFIX/lib through a
# relative run path; distro packages that install into the system library
# directory build with RPATH= (empty).
RPATH     ?= -Wl,-rpath,'$$ORIGIN/../lib'

# ---------------------------------------------------------------- sources
LIB_MODULES := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard lib/*/*.c)))))
LIB_SRCS    := $(sort $(wildcard lib/*/*.c))
LIB_OBJS    := $(LIB_SRCS:%.c=$(O)/obj/%.o)
CORE_SRCS   := $(sort $(wildcard lib/core/*.c))

# utils/common/ is not a program: code shared by utilities and VM test programs
UTILS       := $(filter-out common,$(notdir $(patsubst %/,%,$(sort $(dir $(wildcard utils/*/*.c))))))
COMMON_SRCS := $(sort $(wildcard utils/common/*.c))
COMMON_LIB  := $(O)/obj/utils/common/libcommon.a
DAEMONS     := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard daemons/*/*.c)))))
PROGS       := $(UTILS:%=$(O)/bin/%) $(DAEMONS:%=$(O)/sbin/%)

UNIT_SRCS   := $(sort $(wildcard test/unit/*_test.c))
UNIT_BINS   := $(UNIT_SRCS:test/unit/%.c=$(O)/test/unit/%)
UNIT_HELPER_SRCS := $(filter-out $(UNIT_SRCS),$(wildcard test/unit/*.c))

FUZZ_SRCS   := $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_NAMES  := $(FUZZ_SRCS:test/fuzz/fuzz_%.c=%)
REPLAY_BINS := $(FUZZ_NAMES:%=$(O)/test/fuzz/replay_%)
VMPROG_SRCS := $(sort $(wildcard test/vm/progs/*.c))
VMPROG_BINS := $(VMPROG_SRCS:test/vm/progs/%.c=$(O)/vm/progs/%)
BENCH_SRCS  := $(sort $(wildcard test/bench/*.c))
BENCH_BINS  := $(BENCH_SRCS:test/bench/%.c=$(O)/test/bench/%)

MANPAGES    := $(sort $(wildcard doc/man/*.[1-8]))
HEADERS     := $(sort $(wildcard include/callcenter/*.h include/callcenter/*/*.h include/uapi/callcenter/*.h))

SONAME      := libcallcenter.so.$(SOVERSION)
SHLIB       := $(O)/lib/libcallcenter.so.$(VERSION)
STLIB       := $(O)/lib/libcallcenter.a
PCFILE      := $(O)/lib/callcenter.pc

# Optional external libraries: a module directory may list its pkg-config deps
# in lib/<module>/deps (one pkg-config name per line).
LIB_PCDEPS  := $(sort $(foreach m,$(LIB_MODULES),$(if $(wildcard lib/$m/deps),$(shell grep -v '^\#' lib/$m/deps))))
ifneq ($(LIB_PCDEPS),)
CPPFLAGS    += $(shell $(PKG_CONFIG) --cflags $(LIB_PCDEPS))
LIB_LIBS    += $(shell $(PKG_CONFIG) --libs $(LIB_PCDEPS))
endif

.PHONY: all lib progs check check-bins unit vmcheck demo modules check-kernel deps style install uninstall clean \
        fuzz fuzz-run freestanding bench install-check replay help
.DEFAULT_GOAL := all
.SECONDARY:

all: lib progs freestanding

lib: $(SHLIB) $(STLIB) $(PCFILE)

progs: $(PROGS)

help:
	@sed -n '3,20p' Makefile | sed 's/^# \{0,1\}//'

# ---------------------------------------------------------------- library
$(O)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(SHLIB): $(LIB_OBJS) lib/libcallcenter.map
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=lib/libcallcenter.map \
		-Wl,--no-undefined -Wl,-z,defs $(LDFLAGS) -o $@ $(LIB_OBJS) $(LIB_LIBS)
	ln -sf $(notdir $@) $(O)/lib/$(SONAME)
	ln -sf $(SONAME) $(O)/lib/libcallcenter.so

$(STLIB): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(PCFILE): lib/callcenter.pc.in Makefile
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|g' \
	    -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|g' \
	    -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@LIBS_PRIVATE@|$(LIB_LIBS)|g' $< > $@

# lib/core must stay kernel-portable: compile it freestanding, without the C
# library's headers (only the compiler's own stddef/stdint/stdbool/limits).
FREESTANDING_OBJS := $(CORE_SRCS:%.c=$(O)/freestanding/%.o)
GCC_INCDIR := $(shell $(CC) -print-file-name=include)
freestanding: $(FREESTANDING_OBJS)
$(O)/freestanding/%.o: %.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(WARN) -O2 -ffreestanding -fno-builtin -nostdinc -isystem $(GCC_INCDIR) \
		-Iinclude -Ilib -c -o $@ $<

# ---------------------------------------------------------------- programs
# utils/common/*.c: an archive, so a program links only the parts it uses
$(COMMON_LIB): $(COMMON_SRCS:%.c=$(O)/obj/%.o)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^
$(O)/obj/utils/%.o $(O)/obj/test/vm/progs/%.o $(O)/obj/test/unit/%.o: CPPFLAGS += -Iutils/common

# $(4): archives linked before libcallcenter
define prog_rule
$(O)/$(2)/$(1): $(patsubst %.c,$(O)/obj/%.o,$(wildcard $(3)/$(1)/*.c)) $(4) $(SHLIB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$(RPATH) -o $$@ $$(filter %.o,$$^) $(4) -L$(O)/lib -lcallcenter $$(LIB_LIBS) \
		$$(shell test -f $(3)/$(1)/libs && grep -v '^#' $(3)/$(1)/libs)
endef
$(foreach u,$(UTILS),$(eval $(call prog_rule,$(u),bin,utils,$(COMMON_LIB))))
$(foreach d,$(DAEMONS),$(eval $(call prog_rule,$(d),sbin,daemons)))

# ---------------------------------------------------------------- tests
UNIT_HELPER_OBJS := $(UNIT_HELPER_SRCS:%.c=$(O)/obj/%.o)
$(O)/test/unit/%_test: $(O)/obj/test/unit/%_test.o $(UNIT_HELPER_OBJS) $(COMMON_LIB) $(STLIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(UNIT_HELPER_OBJS) $(COMMON_LIB) $(STLIB) $(LIB_LIBS) $(TEST_LIBS) \
		$$(test -f test/unit/$*_test.libs && grep -v '^#' test/unit/$*_test.libs)

$(O)/test/fuzz/replay_%: $(O)/obj/test/fuzz/fuzz_%.o $(O)/obj/test/fuzz/replay.o $(STLIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(STLIB) $(LIB_LIBS)

$(O)/test/bench/%: $(O)/obj/test/bench/%.o $(STLIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(STLIB) $(LIB_LIBS) \
		$$(test -f test/bench/$*.libs && grep -v '^#' test/bench/$*.libs)

# Guest test programs for the VM (dynamically linked against libcallcenter).
$(O)/vm/progs/%: $(O)/obj/test/vm/progs/%.o $(COMMON_LIB) $(SHLIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(COMMON_LIB) -L$(O)/lib -lcallcenter $(LIB_LIBS) \
		$$(test -f test/vm/progs/$*.libs && grep -v '^#' test/vm/progs/$*.libs)

unit: $(UNIT_BINS) $(REPLAY_BINS)
	@O=$(O) test/run-unit.sh $(UNIT_BINS) -- $(REPLAY_BINS)

replay: $(REPLAY_BINS)

bench: $(BENCH_BINS)

install-check: all
	@O=$(O) PREFIX=$(PREFIX) test/install/run.sh

vmcheck: all modules $(VMPROG_BINS)
	@O=$(O) KVER=$(KVER) test/vm/run.sh --suite test/vm/tests

# `make check` and `make demo` are the README's two commands: on a fresh Debian
# 12 machine they first install what they need (.ci/deps.sh, quick when all is
# present), then build in a sub-make that sees the installed packages.
check:
	@.ci/deps.sh
	@$(MAKE) --no-print-directory all modules check-bins
	@O=$(O) SAN=$(SAN) test/run-check.sh

# the benchmarks are built (not run) so they cannot rot unnoticed
check-bins: $(UNIT_BINS) $(REPLAY_BINS) $(VMPROG_BINS) $(BENCH_BINS)

demo:
	@.ci/deps.sh
	@$(MAKE) --no-print-directory all modules $(VMPROG_BINS)
	@O=$(O) test/vm/run.sh --demo

# ---------------------------------------------------------------- fuzzing (clang)
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -std=gnu11 -Iinclude -Ilib -D_GNU_SOURCE
FUZZ_BINS  := $(FUZZ_NAMES:%=$(O)/fuzz/fuzz_%)
fuzz: $(FUZZ_BINS)
$(O)/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(LIB_SRCS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) -DCC_VERSION='"$(VERSION)"' -o $@ $< $(LIB_SRCS) $(LIB_LIBS)
# make fuzz-run FUZZ_SECONDS=600: run every target, new inputs go to the corpus
FUZZ_SECONDS ?= 60
fuzz-run: fuzz
	@for f in $(FUZZ_NAMES); do mkdir -p test/fuzz/corpus/$$f; \
	  echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
	  $(O)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    test/fuzz/corpus/$$f || exit 1; done

# ---------------------------------------------------------------- kernel
# Newest installed Debian kernel headers (not `uname -r`): KVER= overrides.
KVER  ?= $(shell ls -1d /usr/src/linux-headers-*-amd64 2>/dev/null | sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
KDIR  ?= /usr/src/linux-headers-$(KVER)
DAHDI_TARBALL ?= /usr/src/dahdi.tar.bz2
KO    := $(O)/kernel-$(KVER)
DAHDI_TREE := $(KO)/dahdi
DAHDI_SYMVERS := $(DAHDI_TREE)/drivers/dahdi/Module.symvers
DAHDI_CONFIG := CONFIG_DAHDI=m CONFIG_DAHDI_DYNAMIC=m CONFIG_DAHDI_DYNAMIC_LOC=m \
		CONFIG_DAHDI_ECHOCAN_MG2=m
KMAKE_JOBS ?= $(shell nproc)

modules: $(DAHDI_SYMVERS)
	@test -d "$(KDIR)" || { echo "no kernel headers in $(KDIR): run 'make deps' or set KVER=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) O= M=$(CURDIR) DAHDI_INCLUDE=$(CURDIR)/$(DAHDI_TREE)/include \
		KBUILD_EXTRA_SYMBOLS=$(CURDIR)/$(DAHDI_SYMVERS) -j$(KMAKE_JOBS) modules
	@mkdir -p $(KO)/extra
	@if [ -d kernel ]; then find kernel -name "*.ko" -exec cp {} $(KO)/extra/ \; ; fi
	@echo "modules for $(KVER) in $(KO)/dahdi/drivers/dahdi and $(KO)/extra"

$(DAHDI_SYMVERS): $(DAHDI_TARBALL)
	@test -d "$(KDIR)" || { echo "no kernel headers in $(KDIR): run 'make deps' or set KVER=" >&2; exit 1; }
	rm -rf $(DAHDI_TREE) && mkdir -p $(DAHDI_TREE)
	tar -xjf $(DAHDI_TARBALL) -C $(DAHDI_TREE) --strip-components=2 modules/dahdi
	$(MAKE) -C $(KDIR) O= M=$(CURDIR)/$(DAHDI_TREE)/drivers/dahdi \
		DAHDI_INCLUDE=$(CURDIR)/$(DAHDI_TREE)/include $(DAHDI_CONFIG) -j$(KMAKE_JOBS) modules

check-kernel: modules
	$(MAKE) -C $(KDIR) O= M=$(CURDIR) DAHDI_INCLUDE=$(CURDIR)/$(DAHDI_TREE)/include \
		KBUILD_EXTRA_SYMBOLS=$(CURDIR)/$(DAHDI_SYMVERS) C=2 CF=-D__CHECK_ENDIAN__ W=1 modules

# ---------------------------------------------------------------- deps / style
deps:
	@.ci/deps.sh

STYLE_C := $(shell git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^kernel/')
CHECKPATCH_DIR := $(O)/checkpatch
# checkpatch: kernel/ strictly; lib/core also strictly except PREFER_KERNEL_TYPES,
# because lib/core is shared with userspace and its public headers use <stdint.h>
# types so that integrators' code does not get u8/u16/u32 from us.
CHECKPATCH = perl $(CHECKPATCH_DIR)/scripts/checkpatch.pl --strict --no-tree --show-types \
	--quiet --ignore FILE_PATH_CHANGES
style: $(CHECKPATCH_DIR)/scripts/checkpatch.pl
	$(CLANG_FORMAT) --dry-run --Werror $(STYLE_C)
	@files="$$(git ls-files 'kernel/*.c' 'kernel/*.h')"; \
	 test -z "$$files" || $(CHECKPATCH) -f $$files
	@files="$$(git ls-files 'lib/core/*.c' 'lib/core/*.h')"; \
	 test -z "$$files" || $(CHECKPATCH) --ignore PREFER_KERNEL_TYPES -f $$files
	@echo "style: clean"
$(CHECKPATCH_DIR)/scripts/checkpatch.pl:
	@mkdir -p $(CHECKPATCH_DIR)
	tar -xJf $$(ls /usr/src/linux-source-*.tar.xz | sort -V | tail -n1) -C $(CHECKPATCH_DIR) \
		--strip-components=1 --wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR)/callcenter \
		$(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR)
	install -m 0755 $(SHLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libcallcenter.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libcallcenter.so
	install -m 0644 $(STLIB) $(DESTDIR)$(LIBDIR)/
	install -m 0644 $(PCFILE) $(DESTDIR)$(PKGCONFIGDIR)/
	@for h in $(HEADERS); do d=$(DESTDIR)$(INCLUDEDIR)/$${h#include/}; \
	  install -d $$(dirname $$d) && install -m 0644 $$h $$d || exit 1; done
	@for p in $(UTILS); do install -m 0755 $(O)/bin/$$p $(DESTDIR)$(BINDIR)/ || exit 1; done
	@for p in $(DAEMONS); do install -m 0755 $(O)/sbin/$$p $(DESTDIR)$(SBINDIR)/ || exit 1; done
	@for m in $(MANPAGES); do s=$${m##*.}; install -d $(DESTDIR)$(MANDIR)/man$$s && \
	  install -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/ || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libcallcenter.so* $(DESTDIR)$(LIBDIR)/libcallcenter.a \
	      $(DESTDIR)$(PKGCONFIGDIR)/callcenter.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/callcenter $(DESTDIR)$(INCLUDEDIR)/uapi/callcenter
	rmdir $(DESTDIR)$(INCLUDEDIR)/uapi 2>/dev/null || true
	@for p in $(UTILS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	@for p in $(DAEMONS); do rm -f $(DESTDIR)$(SBINDIR)/$$p; done
	@for m in $(MANPAGES); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$$(basename $$m); done

clean:
	rm -rf build build-san
	@find kernel \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
	  -o -name '.*.cmd' -o -name 'modules.order' \) -delete 2>/dev/null || true
	rm -f Module.symvers modules.order .*.cmd

-include $(shell find $(O)/obj -name '*.d' 2>/dev/null)
