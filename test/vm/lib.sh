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

# --- SS7 over the cctrunk E1 pair 0 (tests 60-62) and the loopback (50) ---

# ss7_e1_config MODE: pair 0's two spans as CCS E1s, bearer channels A-law,
# signalling channels 16 (span 1) and 47 (span 2) in MODE (mtp2 or dchan).
ss7_e1_config() {
	cat >/etc/dahdi/system.conf <<CONF
span=1,1,0,ccs,hdb3,crc4
span=2,0,0,ccs,hdb3,crc4
bchan=1-15,17-31,32-46,48-62
$1=16,47
alaw=1-62
CONF
	dahdi_cfg >cfg.out 2>&1 || { cat cfg.out; fail "dahdi_cfg ($1)"; }
}

# run_pair NAME ORIG_CMD... -- TERM_CMD...: start the terminating side in the
# background, run the originating side, leave their exit codes in $orc / $trc
# and show their summaries, first calls and failed calls.
run_pair() {
	name=$1
	shift
	ocmd="" tcmd="" side=o
	for a in "$@"; do
		if [ "$a" = -- ]; then side=t; continue; fi
		if [ $side = o ]; then ocmd="$ocmd $a"; else tcmd="$tcmd $a"; fi
	done
	echo "+ [$name] $tcmd &"
	# shellcheck disable=SC2086
	$tcmd >"$name-term.out" 2>"$name-term.err" &
	tpid=$!
	echo "+ [$name] $ocmd"
	# shellcheck disable=SC2086
	$ocmd >"$name-orig.out" 2>"$name-orig.err"
	orc=$?
	wait $tpid
	trc=$?
	for s in orig term; do
		grep -v '^call ' "$name-$s.out" | sed "s/^/[$name $s] /"
		grep '^call ' "$name-$s.out" | head -n 2 | sed "s/^/[$name $s] /"
		grep '^call ' "$name-$s.out" | grep -v 'result=ok$' | head -n 5 | sed "s/^/[$name $s] /"
		[ -s "$name-$s.err" ] && tail -n 15 "$name-$s.err" | sed "s/^/[$name $s stderr] /"
	done
}

# ss7_callset FILE: "cic= calling= called= category=" of every call line with
# result=ok in FILE (cc-ss7 or libss7_peer output), sorted
ss7_callset() {
	sed -n 's/^call n=[0-9]* \(cic=[0-9]* calling=[^ ]* called=[^ ]* category=[0-9]*\) .*result=ok$/\1/p' "$1" | sort
}

# ss7_check_calls NAME CALLS: after run_pair NAME: both sides exited 0, CALLS
# calls ended ok on each side, both sides saw the same calls (NAME-orig.set and
# NAME-term.set are left for further checks), and every calling number was
# distinct (no call lost or duplicated).
ss7_check_calls() {
	assert_eq "$1: originator exit" 0 "$orc"
	assert_eq "$1: terminator exit" 0 "$trc"
	assert_eq "$1: calls ok at the originator" "$2" "$(grep -c 'result=ok$' "$1-orig.out")"
	assert_eq "$1: calls ok at the terminator" "$2" "$(grep -c 'result=ok$' "$1-term.out")"
	ss7_callset "$1-orig.out" >"$1-orig.set"
	ss7_callset "$1-term.out" >"$1-term.set"
	cmp -s "$1-orig.set" "$1-term.set" || {
		diff "$1-orig.set" "$1-term.set" | head -n 20
		fail "$1: the calls seen by both sides differ"
	}
	assert_eq "$1: distinct calling numbers" "$2" \
		"$(sed 's/.*calling=\([^ ]*\).*/\1/' "$1-term.set" | sort -u | wc -l)"
	echo "ok: $1: both sides saw the same $2 calls (cic, calling, called, category)"
}
