# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for VM test scripts: `. /opt/cc/lib.sh`.

# fail MESSAGE: print and exit non-zero.
fail() {
	echo "FAIL: $*"
	exit 1
}

# skip MESSAGE: the test cannot run here (exit 77).
skip() {
	echo "SKIP: $*"
	exit 77
}

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
	echo "ok: $1 = $3"
}

# run CMD...: echo and run a command, fail the test if it fails.
run() {
	echo "+ $*"
	"$@" || fail "command failed ($?): $*"
}

# wait_for SECONDS CMD...: retry CMD every 0.1 s until it succeeds.
wait_for() {
	_n=$(($1 * 10))
	shift
	while [ $_n -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		usleep 100000
		_n=$((_n - 1))
	done
	return 1
}

# retry_inconclusive N OUTFILE CMD...: run CMD with its output in OUTFILE (and
# shown); while it exits 3 ("inconclusive": the test program itself fell behind
# under emulation, as DAHDI reported) run it again, at most N times in all.
# OUTFILE holds the last run's output.  Returns CMD's last exit status.
retry_inconclusive() {
	_tries=$1
	_out=$2
	shift 2
	while :; do
		"$@" >"$_out"
		_rc=$?
		cat "$_out"
		[ $_rc -eq 3 ] || return $_rc
		_tries=$((_tries - 1))
		[ $_tries -gt 0 ] || return $_rc
		echo "inconclusive run (program fell behind); running again: $*"
	done
}
