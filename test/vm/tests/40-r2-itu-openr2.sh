#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 420
#
# Our R2 stack (cc-r2: lib/r2 + lib/dsp on DAHDI cas= channels) against OpenR2
# 1.3.3, ITU variant, over the cctrunk CAS pair (spans 3 and 4):
#  1. OpenR2 originates 20 calls with DNIS, ANI and category; we terminate and
#     must get the called and calling number and the category; both sides'
#     call lists (channel, calling, called) must be identical;
#  2. we originate 20 calls (priority category); OpenR2 terminates and checks
#     ANI, DNIS and category; both lists identical;
#  3. the check can fail: a wrong expected calling number gives
#     result=calling-mismatch and exit 1.
# OpenR2's MF detector misreads about 1 call in 100 on a loaded emulated host
# (doc/peers.md): a run with a few such calls is run again (3 tries at most) and
# the test skips (77) if every try had them; more failures fail at once.
#
# Other R2 tests source this file with R2T_LIB=1 for r2t_setup and the helpers.

# channel number of timeslot $1 on span 3 (A) / span 4 (B)
a() { echo $((62 + $1)); }
b() { echo $((93 + $1)); }

# r2t_setup: cctrunk CAS pair; timeslots 1-15 ITU (closed idle 1101),
# 17-31 China (closed idle 1111).  Both show AB=11 (blocked) while no program
# has the channel open, so a caller waits until the far end runs.
r2t_setup() {
	[ -f /opt/cc/tests/20-cctrunk-spans.sh ] || skip "cctrunk tests are not in this guest"
	modinfo cctrunk >/dev/null 2>&1 || skip "cctrunk.ko is not in this guest"
	command -v cc-r2 >/dev/null || fail "cc-r2 is not in /opt/cc/bin"
	CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
	cct_setup 2
	cat >/etc/dahdi/system.conf <<CONF
span=3,0,0,cas,hdb3
span=4,0,0,cas,hdb3
cas=$(a 1)-$(a 15):1101
cas=$(a 17)-$(a 31):1111
cas=$(b 1)-$(b 15):1101
cas=$(b 17)-$(b 31):1111
alaw=$(a 1)-$(a 15),$(a 17)-$(a 31),$(b 1)-$(b 15),$(b 17)-$(b 31)
CONF
	dahdi_cfg >cfg.out 2>&1 || { cat cfg.out; fail "dahdi_cfg"; }
	wait_for 10 grep -q CAS /proc/dahdi/4 || fail "CAS channels did not appear"
}

# r2run NAME TERM_CMD... -- ORIG_CMD...: start the terminating side, run the
# originating side; exit codes in $trc / $orc, output in NAME-{term,orig}.{out,err}
r2run() {
	name=$1
	shift
	tcmd=""
	while [ "$1" != "--" ]; do
		tcmd="$tcmd $1"
		shift
	done
	shift
	echo "+ [$name] term:$tcmd &"
	# shellcheck disable=SC2086
	$tcmd >"$name-term.out" 2>"$name-term.err" &
	tpid=$!
	echo "+ [$name] orig: $*"
	"$@" >"$name-orig.out" 2>"$name-orig.err"
	orc=$?
	wait $tpid
	trc=$?
	for s in orig term; do
		grep -v '^call ' "$name-$s.out" | sed "s/^/[$name $s] /"
		grep -m 2 '^call ' "$name-$s.out" | sed "s/^/[$name $s] /"
		grep '^call ' "$name-$s.out" | grep -v "result=${R2T_RESULT:-ok}\$" | head -n 5 |
			sed "s/^/[$name $s] /"
		[ -s "$name-$s.err" ] && tail -n 8 "$name-$s.err" | sed "s/^/[$name $s err] /"
	done
	return 0
}

# r2set FILE OFFSET: "<far channel> <calling> <called>" of the result=ok calls of
# an openr2_peer or cc-r2 output, channel + OFFSET (both sides' lists then use
# the terminating side's channel numbers), sorted
r2set() {
	sed -n -e 's/^call n=[0-9]* chan=\([0-9]*\) ani=\([^ ]*\) dnis=\([^ ]*\) .*result=ok$/\1 \2 \3/p' \
		-e 's/^call n=[0-9]* chan=\([0-9]*\) dir=[a-z]* called=\([^ ]*\) calling=\([^ ]*\) .*result=ok$/\1 \3 \2/p' \
		"$1" | awk -v d="$2" '{print $1 + d, $2, $3}' | sort
}

# r2ok NAME CALLS OFFSET: 0 if the run was clean (both exit 0, CALLS ok calls on
# each side, identical lists, distinct calling numbers), else 1 with the reason
r2ok() {
	[ "$orc" = 0 ] || { echo "$1: originator exit $orc"; return 1; }
	[ "$trc" = 0 ] || { echo "$1: terminator exit $trc"; return 1; }
	for s in orig term; do
		n=$(grep -c 'result=ok$' "$1-$s.out")
		[ "$n" = "$2" ] || { echo "$1: $n of $2 calls ok at the $s side"; return 1; }
	done
	r2set "$1-orig.out" "$3" >"$1-orig.set"
	r2set "$1-term.out" 0 >"$1-term.set"
	cmp -s "$1-orig.set" "$1-term.set" || {
		diff "$1-orig.set" "$1-term.set" | head -n 20
		echo "$1: the calls seen by both sides differ"
		return 1
	}
	n=$(awk '$2 != "-" {print $2}' "$1-term.set" | sort -u | wc -l)
	[ "$n" = "$2" ] || [ "$n" = 0 ] || { echo "$1: only $n distinct calling numbers"; return 1; }
	return 0
}

# r2sporadic NAME CALLS TRY: after a run that was not clean: 0 if it was a
# sporadic MF error (at most 5 % of the calls, at least 2, failed or delivered
# other digits; doc/peers.md), noted; otherwise the test fails at once
r2sporadic() {
	bad=$(diff "$1-orig.set" "$1-term.set" 2>/dev/null | grep -c '^[<>]')
	for s in orig term; do
		x=$(grep '^call ' "$1-$s.out" | grep -vc 'result=ok$')
		[ "$x" -gt "$bad" ] && bad=$x
		x=$(($2 - $(grep -c '^call ' "$1-$s.out")))
		[ "$x" -gt "$bad" ] && bad=$x
	done
	lim=$(($2 / 20))
	[ $lim -ge 2 ] || lim=2
	if [ "$bad" -lt 1 ] || [ "$bad" -gt $lim ]; then
		fail "$1: $bad failed or misread calls out of $2 (not a sporadic MF error)"
	fi
	echo "NOTE: $1: try $3: $bad of $2 calls failed or misread (sporadic MF error, see doc/peers.md)"
	return 0
}

# r2try NAME CALLS OFFSET TERM_CMD... -- ORIG_CMD...: run until clean, with the
# bounded retry policy of doc/peers.md for sporadic MF misreads (at most 5 % of
# the calls, at least 2, failed or delivered other digits): 3 tries, then the
# name is added to $r2t_inconclusive.  Anything else fails the test at once.
r2t_inconclusive=""
r2try() {
	tname=$1 tn=$2 toff=$3
	shift 3
	try=1
	while :; do
		r2run "$tname" "$@"
		r2ok "$tname" "$tn" "$toff" && break
		r2sporadic "$tname" "$tn" "$try"
		if [ $try -ge 3 ]; then
			r2t_inconclusive="$r2t_inconclusive $tname"
			return 0
		fi
		try=$((try + 1))
	done
	echo "ok: $tname: $tn calls ok on both sides, same (channel, calling, called)"
}

r2t_finish() {
	dahdi_cfg -s >/dev/null 2>&1
	[ -z "$r2t_inconclusive" ] ||
		skip "run(s)$r2t_inconclusive had sporadic MF errors in 3 tries: this guest cannot carry MF audio reliably (loaded host?); the other checks passed"
}

[ -n "$R2T_LIB" ] && return 0

. /opt/cc/lib.sh
r2t_setup
N=${R2T_CALLS:-20}

# --- 1. OpenR2 originates (forward side), we terminate and collect called + calling
r2try itu-in "$N" $((93 - 62)) \
	cc-r2 -V itu -c "$(b 1),$(b 3),$(b 5),$(b 7)" -T "$N" --expect-called 12345XXXX \
	--expect-calling 1380013XXXX --expect-category 1 --timeout 200 -- \
	openr2_peer -c "$(a 1),$(a 3),$(a 5),$(a 7)" -o "$N" --ani 1380013XXXX --dnis 12345XXXX \
	--category national --bufs 32 --timeout 200
grep -q '^summary .* cid_failed=0 ' itu-in-term.out || fail "itu-in: caller-ID publication failed"
assert_eq "itu-in: caller IDs published" "cid_published=$N" \
	"$(sed -n 's/.* \(cid_published=[0-9]*\) .*/\1/p' itu-in-term.out)"

# --- 2. we originate (priority subscriber, II-2), OpenR2 terminates and checks
r2try itu-out "$N" $((62 - 93)) \
	openr2_peer -c "$(a 9),$(a 11),$(a 13),$(a 15)" -T "$N" --expect-ani 02150XXXX \
	--expect-dnis 12345XXXX --expect-category national-priority --max-ani 9 --bufs 32 \
	--timeout 200 -- \
	cc-r2 -V itu -c "$(b 9),$(b 11),$(b 13),$(b 15)" -o "$N" --called 12345XXXX \
	--calling 02150XXXX --category 2 --timeout 200
grep -q '^call .* category=national-priority .*result=ok$' itu-out-term.out ||
	fail "itu-out: OpenR2 did not receive the priority category"

# --- 3. the calling number check can fail
R2T_RESULT=calling-mismatch r2run itu-bad cc-r2 -V itu -c "$(b 1)" -T 1 \
	--expect-calling 13900139000 --timeout 60 -- \
	openr2_peer -c "$(a 1)" -o 1 --ani 13800138000 --dnis 120 --bufs 32 --timeout 60
assert_eq "itu-bad: cc-r2 exit with a wrong calling number" 1 "$trc"
grep -q '^call .* calling=13800138000 .*result=calling-mismatch$' itu-bad-term.out ||
	fail "itu-bad: mismatch not reported"
echo "ok: a wrong calling number is reported as calling-mismatch"

r2t_finish
echo "R2 ITU: cc-r2 <-> OpenR2 1.3.3 both directions: OK"
