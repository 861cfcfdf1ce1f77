#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run cmocka unit-test binaries and fuzz-corpus replays; print per-binary results
# and one closing line "N passed, N failed" (counting test cases).
# Usage: run-unit.sh UNIT_BIN... -- REPLAY_BIN...
# Exit status: 0 if everything passed, 1 otherwise.
set -u
O=${O:-build}
log_dir="$O/test/logs"
mkdir -p "$log_dir"
passed=0 failed=0
mode=unit
for bin in "$@"; do
	if [ "$bin" = "--" ]; then mode=replay; continue; fi
	name=$(basename "$bin")
	log="$log_dir/$name.log"
	if [ "$mode" = unit ]; then
		CMOCKA_MESSAGE_OUTPUT=stdout timeout 600 "$bin" >"$log" 2>&1
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n1)
		p=${p:-0} f=${f:-0}
		# A crash, a timeout or a non-zero exit with no failure counted is a failure.
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "unit: $name ran no test" >>"$log"; fi
	else
		corpus="test/fuzz/corpus/${name#replay_}"
		timeout 600 "$bin" "$corpus" >"$log" 2>&1
		rc=$?
		if [ $rc -eq 0 ]; then p=1 f=0; else p=0 f=1; fi
	fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -eq 0 ]; then
		printf '  PASS  %-32s %s\n' "$name" "$(tail -n1 "$log")"
	else
		printf '  FAIL  %-32s (exit %d), log %s:\n' "$name" "$rc" "$log"
		grep -E '\[  (FAILED|ERROR) \]|ERROR|error|Assert|FAIL|Sanitizer|runtime error' "$log" |
			head -n 40 | sed 's/^/        /'
	fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
