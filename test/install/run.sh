#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install test: `make install DESTDIR=<empty dir>` must lay out an FHS tree,
# `pkg-config --cflags --libs callcenter` must work against it, a program built
# with those flags must link and run against the installed shared library, and
# `make uninstall` must remove everything it installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${O:-build}
PREFIX=${PREFIX:-/usr/local}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail() { echo "install-test: FAIL: $*"; exit 1; }

make -s O="$O" SAN="${SAN:-}" install DESTDIR="$dest" PREFIX="$PREFIX" >/dev/null
for f in lib/libcallcenter.so lib/libcallcenter.so.0 lib/libcallcenter.a lib/pkgconfig/callcenter.pc \
	include/callcenter/callcenter.h include/callcenter/core.h share/man/man7/callcenter.7; do
	[ -e "$dest$PREFIX/$f" ] || fail "missing $PREFIX/$f"
done
soname=$(readelf -d "$dest$PREFIX/lib/libcallcenter.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$soname" = libcallcenter.so.0 ] || fail "soname is '$soname'"
# Only cc_* symbols are exported, all under the version node.
bad=$(nm -D --defined-only "$dest$PREFIX/lib/libcallcenter.so" | awk '$3 !~ /^cc_/ && $3 !~ /^CALLCENTER_/ {print $3}')
[ -z "$bad" ] || fail "unexpected exported symbols: $bad"

# --define-prefix: the .pc file's prefix is taken from where it was installed
# (libdir and includedir are relative to it), so the DESTDIR tree is usable as is;
# the libraries it requires privately come from the system.
export PKG_CONFIG_PATH=$dest$PREFIX/lib/pkgconfig
flags=$(pkg-config --define-prefix --cflags --libs callcenter) || fail "pkg-config failed"
case $flags in *"$dest$PREFIX/include"*"$dest$PREFIX/lib"*) ;; *) fail "pkg-config flags do not point into the install: $flags" ;; esac
echo "install-test: pkg-config --cflags --libs callcenter -> $flags"
cat >"$dest/hello.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <callcenter/callcenter.h>
int main(void)
{
	if (!cc_version_check(CC_VERSION_MAJOR, CC_VERSION_MINOR))
		return 1;
	printf("libcallcenter %s crc=%04x\n", cc_version(),
	       cc_crc16_x25((const uint8_t *)"123456789", 9));
	return 0;
}
C
# An ASan/UBSan library (make check SAN=1) needs an instrumented program.
san=""
[ "${SAN:-}" = 1 ] && san="-fsanitize=address,undefined"
# shellcheck disable=SC2086
cc -std=gnu11 -Wall -Werror $san -o "$dest/hello" "$dest/hello.c" $flags || fail "cannot build against the install"
out=$(LD_LIBRARY_PATH="$dest$PREFIX/lib" "$dest/hello") || fail "program did not run"
[ "$out" = "libcallcenter 0.1.0 crc=906e" ] || fail "unexpected output '$out'"
deps=$(LD_LIBRARY_PATH="$dest$PREFIX/lib" ldd "$dest/hello")
grep -q "$dest$PREFIX/lib/libcallcenter.so.0" <<<"$deps" ||
	fail "program is not linked to the installed shared library: $deps"

make -s O="$O" SAN="${SAN:-}" uninstall DESTDIR="$dest" PREFIX="$PREFIX" >/dev/null
left=$(cd "$dest" && find . -type f ! -name 'hello*' | sort)
[ -z "$left" ] || fail "uninstall left files: $left"
echo "install-test: ok ($out)"
