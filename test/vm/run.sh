#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Host side of the VM test harness.
#
# Builds an initramfs (test/vm/mkinitramfs.sh), boots Debian's linux-image-amd64
# kernel with qemu-system-x86_64 in software emulation, follows the guest's
# serial console, enforces a boot timeout and a per-test timeout (the guest
# enforces them too; the host's is the backstop for a wedged guest), prints one
# line per test and the guest output of every failing test, and always stops
# the guest.  Adding a test = dropping a script into the suite folder.
#
# Usage: run.sh [--suite DIR | --demo] [--boot-timeout SECONDS] [-v|--verbose]
# Env:   O (build dir, default build), KVER (kernel release, default: newest
#        installed Debian headers), QEMU_MEM (MiB, default 1024), QEMU_SMP (2)
# Exit:  0 all tests passed (or skipped), 1 a test failed, 2 harness error.
set -uo pipefail

O=${O:-build}
suite=test/vm/tests
mode=check
boot_timeout=120
verbose=0
while [ $# -gt 0 ]; do
	case $1 in
	--suite) suite=$2; shift 2 ;;
	--demo) mode=demo; shift ;;
	--boot-timeout) boot_timeout=$2; shift 2 ;;
	-v | --verbose) verbose=1; shift ;;
	-h | --help) sed -n '3,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
	esac
done
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
if [ -z "${KVER:-}" ]; then
	KVER=$(ls -1d /usr/src/linux-headers-*-amd64 2>/dev/null | sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
fi
export O KVER
kernel=/boot/vmlinuz-$KVER
die() { echo "vm: $*" >&2; exit 2; }
[ -n "$KVER" ] || die "no Debian kernel headers installed (run 'make deps')"
[ -r "$kernel" ] || die "$kernel not found: install linux-image-$KVER ('make deps')"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found ('make deps')"

name=$(basename "$suite")
[ "$mode" = demo ] && name=demo
mkdir -p "$O/vm"
initrd=$O/vm/initramfs-$name.cpio.gz
log=$O/vm/$name.log
test/vm/mkinitramfs.sh "$initrd" "$suite" "$mode" || die "initramfs build failed"

# Host-side view of the tests: name and timeout, in the order the guest runs them.
declare -A t_to=()
tests=()
if [ "$mode" = check ]; then
	for t in "$suite"/*.sh; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .sh)
		tests+=("$n")
		to=$(sed -n 's/^# timeout: *\([0-9][0-9]*\).*/\1/p' "$t" | head -n 1)
		t_to[$n]=${to:-120}
	done
	[ ${#tests[@]} -gt 0 ] || die "no tests in $suite"
fi

: >"$log"
qemu-system-x86_64 -nodefaults -no-reboot -display none -monitor none \
	-accel tcg -cpu max -m "${QEMU_MEM:-1024}" -smp "${QEMU_SMP:-2}" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 loglevel=4 rdinit=/init" \
	-serial "file:$log" </dev/null >"$O/vm/qemu-$name.out" 2>&1 &
qpid=$!
stop_guest() { kill "$qpid" 2>/dev/null; sleep 1; kill -9 "$qpid" 2>/dev/null; wait "$qpid" 2>/dev/null; }
trap 'stop_guest; exit 2' INT TERM

echo "vm: booting $kernel under qemu (TCG), serial log $log"
start=$(date +%s)
seen=0 booted=0 done=0 cur="" cur_start=0 cur_to=0 verdict=""
declare -A result=()
while :; do
	alive=1
	kill -0 "$qpid" 2>/dev/null || alive=0
	n=$(wc -l <"$log")
	if [ "$n" -gt "$seen" ]; then
		while IFS= read -r line; do
			line=${line%$'\r'}
			case $line in
			"@@CC BOOT "*) booted=1; echo "vm: guest kernel ${line#@@CC BOOT } up after $(($(date +%s) - start)) s" ;;
			"@@CC BEGIN "*)
				set -- ${line#@@CC BEGIN }
				cur=$1 cur_to=$2 cur_start=$(date +%s) ;;
			"@@CC END "*)
				set -- ${line#@@CC END }
				result[$1]=$2
				case $2 in
				0) st=PASS why="" ;; 77) st=SKIP why="" ;; 124) st=FAIL why=", timed out" ;;
				125) st=FAIL why=", the kernel complained" ;; *) st=FAIL why=", exit $2" ;;
				esac
				[ "$mode" = check ] &&
					printf '  %-4s  %s (%d s%s)\n' "$st" "$1" $(($(date +%s) - cur_start)) "$why"
				cur="" ;;
			"@@CC DONE") done=1 ;;
			*) if [ $verbose = 1 ] || [ "$mode" = demo ]; then printf '%s\n' "$line"; fi ;;
			esac
		done < <(sed -n "$((seen + 1)),${n}p" "$log")
		seen=$n
	fi
	[ $alive = 1 ] || break
	now=$(date +%s)
	if [ $done = 1 ]; then
		for _ in $(seq 1 40); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.5; done
		break
	fi
	if [ $booted = 0 ] && [ $((now - start)) -gt "$boot_timeout" ]; then
		verdict="guest did not boot within ${boot_timeout} s"
		break
	fi
	if [ -n "$cur" ] && [ $((now - cur_start)) -gt $((cur_to + 60)) ]; then
		verdict="guest wedged in test $cur (no result ${cur_to}+60 s after it began)"
		break
	fi
	if [ "$mode" = demo ] && [ $booted = 1 ] && [ $((now - start)) -gt 900 ]; then
		verdict="demo did not finish within 15 minutes"
		break
	fi
	sleep 0.5
done
stop_guest
trap - INT TERM

if [ "$mode" = demo ]; then
	[ -z "$verdict" ] && [ $done = 1 ] && exit 0
	echo "vm: demo failed: ${verdict:-guest stopped early}; serial log: $log" >&2
	tail -n 30 "$log" >&2
	exit 1
fi

passed=0 failed=0 skipped=0
for t in "${tests[@]}"; do
	rc=${result[$t]:-}
	if [ -z "$rc" ]; then
		failed=$((failed + 1))
		printf '  FAIL  %s (no result: %s)\n' "$t" "${verdict:-guest stopped}"
	elif [ "$rc" = 0 ]; then
		passed=$((passed + 1))
	elif [ "$rc" = 77 ]; then
		skipped=$((skipped + 1))
	else
		failed=$((failed + 1))
	fi
	if [ -z "$rc" ] || { [ "$rc" != 0 ] && [ "$rc" != 77 ]; }; then
		echo "  ---- guest output of $t ----"
		awk -v t="$t" '$0 ~ "^@@CC BEGIN "t" " {p=1; next} $0 ~ "^@@CC END "t" " {p=0} p' "$log" |
			tail -n 80 | sed 's/^/  | /'
	fi
done
if [ -n "$verdict" ]; then
	echo "vm: $verdict"
	echo "  ---- last lines of the serial log ----"
	tail -n 40 "$log" | sed 's/^/  | /'
fi
echo "vm: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
