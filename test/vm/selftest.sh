#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Self-test of the VM harness: runs test/vm/selftest/ (one passing, one failing,
# one hanging, one skipped test, and one that checks the hung test was cleaned
# up) and checks that the harness reports exactly that, shows the failing
# test's output, and exits non-zero.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(test/vm/run.sh --suite test/vm/selftest 2>&1)
rc=$?
echo "$out" | sed 's/^/    /'
ok=1
expect() { grep -qE -- "$1" <<<"$out" || { echo "selftest: expected /$1/ in harness output"; ok=0; }; }
[ $rc -eq 1 ] || { echo "selftest: harness exit $rc, expected 1"; ok=0; }
expect '^  PASS  01-pass '
expect '^  FAIL  02-fail \(.*exit 3\)'
expect 'selftest-fail-marker'
expect '^  FAIL  03-hang \(.*timed out\)'
expect '^  SKIP  04-skip '
expect '^  PASS  05-after-hang '
expect '^vm: 2 passed, 2 failed, 1 skipped$'
if [ $ok = 1 ]; then echo "selftest: harness behaves"; exit 0; fi
exit 1
