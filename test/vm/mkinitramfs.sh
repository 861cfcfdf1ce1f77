#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the guest initramfs for the VM tests and the demo.
#
# Contents: busybox-static, kmod, the DAHDI core modules built from Debian's
# dahdi-source and our modules (build/kernel-$KVER), the Debian kernel modules
# they depend on, dahdi-tools, our utilities/daemons/library, the guest test
# programs (test/vm/progs), the test scripts of the selected suite and the init
# script.  Every ELF is copied with the shared libraries ldd reports.
#
# Usage: mkinitramfs.sh OUT.cpio.gz SUITE_DIR MODE     (MODE: check | demo)
# Env:   O (build dir), KVER, VM_EXTRA_KMODS (extra Debian module names)
set -euo pipefail

out=$1 suite=$2 mode=$3
O=${O:-build}
KVER=${KVER:?KVER not set}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
ko_dir=$O/kernel-$KVER
root=$O/vm/root-$mode
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,var/run,etc/dahdi,root} \
	"$root"/opt/cc/{bin,sbin,tests} "$root/lib/modules/$KVER"/{extra,kernel}

# ELF file + its shared libraries (same paths as on the host).
copy_elf() {
	local src=$1 dst=$2 lib
	install -D -m 0755 "$src" "$root$dst"
	ldd "$src" 2>/dev/null | awk '/=> \//{print $3} /^[[:space:]]*\/lib/{print $1}' |
		while read -r lib; do
			[ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
		done
}

# --- busybox, kmod, basic files
install -m 0755 /bin/busybox "$root/bin/busybox"
copy_elf "$(command -v kmod)" /bin/kmod
for t in modprobe insmod rmmod lsmod modinfo depmod; do ln -sf /bin/kmod "$root/sbin/$t"; done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\ndialout:x:20:\nnogroup:x:65534:\n' >"$root/etc/group"

# --- kernel modules: DAHDI core, ours, and their Debian dependencies
find "$ko_dir/dahdi/drivers/dahdi" -maxdepth 1 -name '*.ko' -exec cp {} "$root/lib/modules/$KVER/extra/" \;
if [ -d "$ko_dir/extra" ]; then
	find "$ko_dir/extra" -name '*.ko' -exec cp {} "$root/lib/modules/$KVER/extra/" \;
fi
add_kmod() { # Debian module by name, with its dependencies
	local name=$1 path dep
	path=$(modinfo -k "$KVER" -n "$name" 2>/dev/null) || return 0
	case $path in /*) ;; *) return 0 ;; esac # built-in
	[ -e "$root$path" ] && return 0
	install -D -m 0644 "$path" "$root$path"
	for dep in $(modinfo -k "$KVER" -F depends "$name" | tr ',' ' '); do add_kmod "$dep"; done
}
for ko in "$root/lib/modules/$KVER/extra/"*.ko; do
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		[ -e "$root/lib/modules/$KVER/extra/$dep.ko" ] || add_kmod "$dep"
	done
done
for m in ${VM_EXTRA_KMODS:-}; do add_kmod "$m"; done
cp /lib/modules/"$KVER"/modules.builtin* "$root/lib/modules/$KVER/" 2>/dev/null || true
cp /lib/modules/"$KVER"/modules.order "$root/lib/modules/$KVER/" 2>/dev/null || true
depmod -b "$root" "$KVER"

# --- dahdi-tools
for t in dahdi_cfg dahdi_scan dahdi_test dahdi_maint dahdi_monitor; do
	copy_elf "/usr/sbin/$t" "/usr/sbin/$t"
done
for t in dahdi_span_assignments dahdi_span_types dahdi_waitfor_span_assignments; do
	install -m 0755 "/usr/sbin/$t" "$root/usr/sbin/$t"
done
mkdir -p "$root/usr/share/dahdi" && cp -a /usr/share/dahdi/. "$root/usr/share/dahdi/"
[ -d /usr/share/dahdi/../../lib/x86_64-linux-gnu ] || true

# --- our library, programs and guest test programs
for f in "$O"/lib/libcallcenter.so*; do cp -a "$f" "$root/lib/x86_64-linux-gnu/" 2>/dev/null ||
	{ mkdir -p "$root/lib/x86_64-linux-gnu" && cp -a "$f" "$root/lib/x86_64-linux-gnu/"; }; done
export LD_LIBRARY_PATH=$top/$O/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
for d in bin sbin; do
	for p in "$O/$d"/*; do [ -f "$p" ] && copy_elf "$p" "/opt/cc/$d/$(basename "$p")"; done
done
for p in "$O"/vm/progs/*; do [ -f "$p" ] && copy_elf "$p" "/opt/cc/bin/$(basename "$p")"; done

# --- tests and init
install -m 0644 test/vm/lib.sh "$root/opt/cc/lib.sh"
if [ -d "$suite" ]; then
	for t in "$suite"/*.sh; do [ -f "$t" ] && install -m 0755 "$t" "$root/opt/cc/tests/"; done
fi
install -m 0755 test/vm/demo.sh "$root/opt/cc/demo.sh"
echo "$mode" >"$root/opt/cc/mode"
install -m 0755 test/vm/init "$root/init"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
echo "initramfs: $out ($(du -h "$out" | cut -f1), $(find "$root/opt/cc/tests" -name '*.sh' | wc -l) tests, mode $mode)"
