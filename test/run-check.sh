#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make check`: unit tests and fuzz-corpus replays, the install test, the VM
# harness self-test, then every VM test.  Ends with one line
# "N passed, N failed" and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
O=${O:-build}
export O
total_p=0 total_f=0
add() { total_p=$((total_p + $1)); total_f=$((total_f + $2)); }
# count "X: N passed, N failed" from a stage's output
tally() { sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$1" | tail -n1; }
logdir=$O/test/logs
mkdir -p "$logdir"

echo "== unit tests and fuzz-corpus replays"
units=$(ls "$O"/test/unit/*_test 2>/dev/null)
replays=$(ls "$O"/test/fuzz/replay_* 2>/dev/null)
# shellcheck disable=SC2086
test/run-unit.sh $units -- $replays | tee "$logdir/unit.out"
read -r p f < <(tally "$logdir/unit.out")
add "${p:-0}" "${f:-1}"

echo "== man pages (mandoc -Tlint)"
for m in doc/man/*.[1-8]; do
	[ -f "$m" ] || continue
	if out=$(mandoc -Tlint -W warning "$m" 2>&1) && [ -z "$out" ]; then
		add 1 0
	else
		add 0 1; echo "  FAIL  $m:"; echo "$out" | sed 's/^/        /'
	fi
done
echo "  man pages checked"

echo "== style (clang-format on userspace, checkpatch --strict on lib/core)"
uc=$(git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^kernel/')
# shellcheck disable=SC2086
if [ -z "$uc" ] || clang-format --dry-run --Werror $uc >"$logdir/clang-format.out" 2>&1; then
	add 1 0; echo "  PASS  clang-format"
else
	add 0 1; echo "  FAIL  clang-format (run clang-format -i on these):"
	grep -oE '^[^:]+\.[ch]:' "$logdir/clang-format.out" | sort -u | sed 's/^/        /'
fi
core=$(git ls-files 'lib/core/*.c' 'lib/core/*.h' 2>/dev/null)
if [ -n "$core" ]; then
	make -s --no-print-directory O="$O" "$O/checkpatch/scripts/checkpatch.pl" >/dev/null 2>&1
	# lib/core is shared with userspace: stdint types, not u8/u16 (see make style)
	# shellcheck disable=SC2086
	if perl "$O/checkpatch/scripts/checkpatch.pl" --strict --no-tree --show-types --quiet \
		--ignore FILE_PATH_CHANGES,PREFER_KERNEL_TYPES -f $core >"$logdir/checkpatch-core.out" 2>&1; then
		add 1 0; echo "  PASS  checkpatch --strict lib/core/"
	else
		add 0 1; echo "  FAIL  checkpatch --strict lib/core/:"; head -n 40 "$logdir/checkpatch-core.out" | sed 's/^/        /'
	fi
fi

echo "== kernel static checks (sparse C=2, W=1, checkpatch --strict)"
if make -s --no-print-directory O="$O" check-kernel >"$logdir/check-kernel.out" 2>&1 &&
	! grep -E 'warning:|error:' "$logdir/check-kernel.out" >/dev/null; then
	add 1 0; echo "  PASS  sparse + W=1"
else
	add 0 1; echo "  FAIL  sparse + W=1:"; grep -E 'warning:|error:' "$logdir/check-kernel.out" | head -n 40 | sed 's/^/        /'
fi
cp_files=$(git ls-files 'kernel/*.c' 'kernel/*.h' 2>/dev/null)
if [ -n "$cp_files" ]; then
	make -s --no-print-directory O="$O" "$O/checkpatch/scripts/checkpatch.pl" >/dev/null 2>&1
	# shellcheck disable=SC2086
	if perl "$O/checkpatch/scripts/checkpatch.pl" --strict --no-tree --show-types --quiet \
		--ignore FILE_PATH_CHANGES -f $cp_files >"$logdir/checkpatch.out" 2>&1; then
		add 1 0; echo "  PASS  checkpatch --strict kernel/"
	else
		add 0 1; echo "  FAIL  checkpatch --strict kernel/:"; head -n 40 "$logdir/checkpatch.out" | sed 's/^/        /'
	fi
fi

echo "== install test"
if test/install/run.sh >"$logdir/install.out" 2>&1; then
	add 1 0; echo "  PASS  install $(tail -n1 "$logdir/install.out")"
else
	add 0 1; echo "  FAIL  install:"; sed 's/^/        /' "$logdir/install.out"
fi

echo "== VM harness self-test"
if test/vm/selftest.sh >"$logdir/vm-selftest.out" 2>&1; then
	add 1 0; echo "  PASS  vm-selftest"
else
	add 0 1; echo "  FAIL  vm-selftest:"; sed 's/^/        /' "$logdir/vm-selftest.out"
fi

echo "== VM tests"
test/vm/run.sh --suite test/vm/tests | tee "$logdir/vm.out"
read -r p f < <(tally "$logdir/vm.out")
add "${p:-0}" "${f:-1}"

echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
