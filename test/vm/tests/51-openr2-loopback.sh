#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 600
#
# OpenR2 1.3.3 against OpenR2 1.3.3 on DAHDI CAS channels of two back-to-back
# spans: the real "exchange side" MFC/R2 peer that later tests put in front of
# our own R2 stack.  Line signalling travels as DAHDI ABCD bits, the MFC
# register signals as A-law audio in the channels.
#
# Proves:
#  - ITU variant, 100 calls A->B on 4 channels (forward side clears) and 50
#    calls B->A on 4 channels (backward side clears, priority category): every
#    call seized, DNIS + ANI + category delivered by MF and checked on the
#    backward side, accepted, answered, cleared; both sides saw the same calls,
#    each on the channel facing the one that placed it;
#  - the ANI check can fail (a wrong expected ANI fails the call and the exit);
#  - China (CN) variant: calls complete with DNIS and category (KA/KD) when no
#    ANI is requested; with ANI requested, OpenR2 as the forward side cannot
#    send it (signalling-facts 5.5.1): A1 after KA is answered with the next
#    DNIS digit, so the backward side records DNIS digits as ANI and the MF
#    cycle then times out.  The test asserts exactly that behaviour, so a
#    future OpenR2 that fixes it makes the test fail and this note gets revised;
#  - the dahdi_dynamic CAS nibble bug (kernel-facts 1.12): DAHDI_GETRXBITS
#    returns the neighbour channel's ABCD in bits 4-7 on 3 of every 4 channels.
#    OpenR2 masks the received bits with its R2 bit mask (AB = 0xC), so its
#    line signalling is not affected; raw readers are, and the spurious
#    BITSCHANGED events can cost OpenR2 MF tone chunks (calls therefore use odd
#    timeslots, whose leaking neighbour is idle).
#
# Transport: R2_TRANSPORT=dynamic (default) uses dahdi_dynamic_loc spans;
# R2_TRANSPORT=cctrunk uses the CAS pair of cctrunk (spans 3 and 4); see
# 53-openr2-cctrunk.sh.
. /opt/cc/lib.sh

CALLS=${R2_CALLS:-100}                  # A->B
CALLS_BA=${R2_CALLS_BA:-$((CALLS / 2))} # B->A
BUFS=${R2_BUFS:-32}
kind=${R2_TRANSPORT:-dynamic}

if [ "$kind" = cctrunk ]; then
	[ -f /opt/cc/tests/20-cctrunk-spans.sh ] || skip "cctrunk tests are not in this guest"
	modinfo cctrunk >/dev/null 2>&1 || skip "cctrunk.ko is not in this guest"
	CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
	cct_setup 2 # spans 3 (A) and 4 (B) are the CAS pair
	A=62 B=93
	spans="span=3,0,0,cas,hdb3
span=4,0,0,cas,hdb3"
else
	run modprobe dahdi auto_assign_spans=1
	run modprobe dahdi_dynamic
	run modprobe dahdi_dynamic_loc
	A=0 B=31
	spans="dynamic=loc,1:0,31,0
dynamic=loc,1:1,31,0"
fi
a() { echo $((A + $1)); } # channel number of timeslot $1 on span A
b() { echo $((B + $1)); }

# timeslots 1-23: ITU (idle 1101), 24-31: China (CD=11, idle 1111); 16 unused.
# Calls use odd timeslots only: on dahdi_dynamic, channel index i with i % 4 != 3
# also receives index i+1's bits (the nibble bug below), so a busy neighbour
# would raise spurious BITSCHANGED events, and each DAHDI event makes OpenR2's
# tone write in flight fail with ELAST and lose 20 ms of MF tone.
cat >/etc/dahdi/system.conf <<CONF
$spans
cas=$(a 1)-$(a 15),$(a 17)-$(a 23):1101
cas=$(a 24)-$(a 31):1111
cas=$(b 1)-$(b 15),$(b 17)-$(b 23):1101
cas=$(b 24)-$(b 31):1111
alaw=$(a 1)-$(a 15),$(a 17)-$(a 31),$(b 1)-$(b 15),$(b 17)-$(b 31)
CONF
dahdi_cfg >cfg.out 2>&1 || { cat cfg.out; fail "dahdi_cfg"; }
wait_for 10 grep -q CAS "/proc/dahdi/$([ "$kind" = cctrunk ] && echo 4 || echo 2)" ||
	fail "CAS channels did not appear"

# --- raw received ABCD bits while the far end (B) is closed and sends its idle bits
run openr2_peer -c "$(a 21)-$(a 24)" -o 0 --rxbits >rx.out 2>rx.err
cat rx.out
rx() { sed -n "s/^rxbits chan=$(a "$1") raw=\(0x[0-9a-f]*\) .*/\1/p" rx.out; }
if [ "$kind" = dynamic ]; then
	# timeslot n is channel index n-1 in the dynamic frame: indexes 20, 21, 22
	# (n % 4 != 0) carry their neighbour's nibble in bits 4-7, index 23 does not
	assert_eq "TS21 raw rx bits (own 1101 + TS22's 1101)" 0xdd "$(rx 21)"
	assert_eq "TS22 raw rx bits (own 1101 + TS23's 1101)" 0xdd "$(rx 22)"
	assert_eq "TS23 raw rx bits (own 1101 + TS24's 1111)" 0xfd "$(rx 23)"
	assert_eq "TS24 raw rx bits (own 1111 only)" 0x0f "$(rx 24)"
	echo "ok: dahdi_dynamic delivers the neighbour's CAS nibble in bits 4-7 (upstream bug)"
else
	assert_eq "TS21 raw rx bits" 0x0d "$(rx 21)"
	assert_eq "TS23 raw rx bits" 0x0d "$(rx 23)"
	assert_eq "TS24 raw rx bits" 0x0f "$(rx 24)"
fi

# r2 NAME ORIG_CHANS TERM_CHANS ORIG_ARGS... -- TERM_ARGS...
r2() {
	name=$1 oc=$2 tc=$3
	shift 3
	# 32 x 20 ms DAHDI buffers (the maximum) instead of OpenR2's 4: see doc/peers.md (MF
	# digits repeat when the emulated guest stalls for more than 80 ms)
	oargs="--bufs $BUFS" targs="--bufs $BUFS" side=o
	for x in "$@"; do
		if [ "$x" = -- ]; then side=t; continue; fi
		if [ $side = o ]; then oargs="$oargs $x"; else targs="$targs $x"; fi
	done
	echo "+ [$name] openr2_peer -c $tc$targs &"
	# shellcheck disable=SC2086
	openr2_peer -c "$tc" $targs >"$name-term.out" 2>"$name-term.err" &
	tpid=$!
	echo "+ [$name] openr2_peer -c $oc$oargs"
	# shellcheck disable=SC2086
	openr2_peer -c "$oc" $oargs >"$name-orig.out" 2>"$name-orig.err"
	orc=$?
	wait $tpid
	trc=$?
	grep -v '^call ' "$name-orig.out" | sed "s/^/[$name orig] /"
	grep -v '^call ' "$name-term.out" | sed "s/^/[$name term] /"
	grep -m 2 '^call ' "$name-orig.out" | sed "s/^/[$name orig] /"
	grep -m 2 '^call ' "$name-term.out" | sed "s/^/[$name term] /"
	grep -v 'result=ok$' "$name-orig.out" | grep '^call ' | head -n 5 | sed "s/^/[$name orig] /"
	grep -v 'result=ok$' "$name-term.out" | grep '^call ' | head -n 5 | sed "s/^/[$name term] /"
	for f in "$name-orig.err" "$name-term.err"; do
		[ -s "$f" ] && tail -n 15 "$f" | sed "s/^/[$f] /"
	done
}

# "<far channel> <ani> <dnis> <category>" of every call with result=ok; $2 is
# added to the channel number so both sides' lists use the terminator's channels
callset() {
	sed -n 's/^call n=[0-9]* chan=\([0-9]*\) ani=\([^ ]*\) dnis=\([^ ]*\) category=\([^ ]*\) .*result=ok$/\1 \2 \3 \4/p' "$1" |
		awk -v d="$2" '{print $1 + d, $2, $3, $4}' | sort
}

# run_ok NAME CALLS OFFSET: 0 if the run was clean, else 1 with the reason
run_ok() {
	[ "$orc" = 0 ] || { echo "$1: originator exit $orc"; return 1; }
	[ "$trc" = 0 ] || { echo "$1: terminator exit $trc"; return 1; }
	for side in orig term; do
		n=$(grep -c 'result=ok$' "$1-$side.out")
		[ "$n" = "$2" ] || { echo "$1: $n of $2 calls ok at the $side side"; return 1; }
	done
	callset "$1-orig.out" "$3" >"$1-orig.set"
	callset "$1-term.out" 0 >"$1-term.set"
	cmp -s "$1-orig.set" "$1-term.set" || {
		diff "$1-orig.set" "$1-term.set" | head -n 20
		echo "$1: the calls seen by both sides differ"
		return 1
	}
	n=$(awk '{print $2}' "$1-term.set" | sort -u | wc -l)
	[ "$n" = "$2" ] || { echo "$1: only $n distinct ANIs"; return 1; }
	return 0
}

# itu_run NAME CALLS OFFSET ORIG_CHANS TERM_CHANS ARGS...: run and check.
# MF tones are audio, decided per 17 ms block with no debounce: when the
# emulated guest loses audio (a loaded host: DAHDI receive overruns, or an
# OpenR2 write dropped on ELAST) a digit of a call is misread, about 1 call in
# 100 here.  A run where at most 5 % of the calls (at least 2) failed or were
# misread is run again (3 tries); if all 3 tries have such sporadic failures the
# test skips (77) at the end and says so.  More failures, or a failure of the
# other checks, fail the test at once: a real regression fails every call.
inconclusive=""
itu_run() {
	name=$1 n=$2 off=$3
	shift 3
	try=1
	while :; do
		r2 "$name" "$@"
		run_ok "$name" "$n" "$off" && break
		# calls affected: failed on a side, or delivered with other digits
		# than sent (a misread the backward side's X template cannot see;
		# such a call shows as one '<' and one '>' line in the diff)
		callset "$name-orig.out" "$off" >"$name-orig.set"
		callset "$name-term.out" 0 >"$name-term.set"
		bad=$(diff "$name-orig.set" "$name-term.set" | grep -c '^[<>]')
		for side in orig term; do
			x=$(grep '^call ' "$name-$side.out" | grep -vc 'result=ok$')
			[ "$x" -gt "$bad" ] && bad=$x
		done
		lim=$((n / 20))
		[ $lim -ge 2 ] || lim=2
		if [ "$bad" -lt 1 ] || [ "$bad" -gt $lim ]; then
			fail "$name: $bad failed or misread calls out of $n (not a sporadic MF error)"
		fi
		echo "NOTE: $name: try $try: $bad of $n calls failed or misread (sporadic MF error, see doc/peers.md)"
		if [ $try -ge 3 ]; then
			inconclusive="$inconclusive $name"
			return 0
		fi
		try=$((try + 1))
	done
	echo "ok: $name: $n calls ok on both sides, same (channel, ANI, DNIS, category), distinct ANIs"
}

# --- 1. ITU A->B, forward side clears
itu_run itu-ab "$CALLS" $((B - A)) "$(a 1),$(a 3),$(a 5),$(a 7)" "$(b 1),$(b 3),$(b 5),$(b 7)" \
	-o "$CALLS" \
	--ani 1380013XXXX --dnis 12345XXXX --category national --timeout 240 -- -T "$CALLS" \
	--expect-ani 1380013XXXX --expect-dnis 12345XXXX --expect-category national --max-ani 11 \
	--timeout 240

# --- 2. ITU B->A, backward side clears (clear back), priority subscriber.  The
# hold time must exceed OpenR2's r2_answer_delay (150 ms): the forward side only
# reports the call accepted 150 ms after the accept tone ends, and a clear back
# before that is seen as a release before answer.
itu_run itu-ba "$CALLS_BA" $((A - B)) "$(b 17),$(b 19),$(b 21),$(b 23)" \
	"$(a 17),$(a 19),$(a 21),$(a 23)" -o "$CALLS_BA" \
	--ani 02150XXXX --dnis 120 --category national-priority --hangup remote --timeout 240 -- \
	-T "$CALLS_BA" --expect-ani 02150XXXX --expect-dnis 120 --expect-category national-priority \
	--max-ani 9 --hangup local --hold-ms 500 --timeout 240

# --- 3. the ANI check can fail
r2 itu-bad "$(a 1)" "$(b 1)" -o 1 --ani 13800138000 --timeout 30 -- -T 1 \
	--expect-ani 13900139000 --timeout 30
assert_eq "itu-bad: terminator exit with a wrong ANI" 1 "$trc"
grep -q 'ani=13800138000 .*result=ani-mismatch$' itu-bad-term.out || fail "itu-bad: mismatch not reported"
echo "ok: a wrong ANI is reported as ani-mismatch"

# --- 4. China: DNIS and category, no ANI requested (what OpenR2 CN can do)
r2 cn-noani "$(a 25),$(a 27),$(a 29),$(a 31)" "$(b 25),$(b 27),$(b 29),$(b 31)" -V CN -o 8 --ani 13800138000 --dnis 12345XXXX \
	--timeout 100 -- -V CN -T 8 --no-ani-first --max-ani 0 --expect-ani none \
	--expect-dnis 12345XXXX --expect-category national --timeout 100
assert_eq "cn-noani: originator exit" 0 "$orc"
assert_eq "cn-noani: terminator exit" 0 "$trc"
assert_eq "cn-noani: calls with DNIS and category, no ANI" 8 \
	"$(grep -c '^call .* ani=- dnis=12345[0-9]\{4\} category=national .*result=ok$' cn-noani-term.out)"

# --- 5. China, ANI requested after the first digit (OpenR2's default): the
# forward side answers the ANI requests (A1) with the remaining DNIS digits
r2 cn-anifirst "$(a 25)" "$(b 25)" -V CN -o 1 --ani 13800138000 --dnis 123456789 --timeout 30 -- \
	-V CN -T 1 --mf-back-timeout 1500 --max-dnis 9 --timeout 30
grep -q '^call .* ani=23456789 dnis=1 .*result=protocol-error:Multi-Frequency-Cycle-Timeout$' \
	cn-anifirst-term.out || fail "cn-anifirst: OpenR2 CN ANI behaviour changed (see doc/peers.md)"
grep -q '^call .*result=protocol-error:Invalid-CAS$' cn-anifirst-orig.out ||
	fail "cn-anifirst: forward side did not see the backward side give up"
echo "ok: OpenR2 CN forward side sends DNIS digits 2..9 when asked for ANI (known defect, documented)"

# --- 6. China, ANI requested after the whole DNIS (as a China CO asks: A6 -> KA,
# then A1 per ANI digit): the forward side has nothing to send, the cycle times out
r2 cn-anilast "$(a 25)" "$(b 25)" -V CN -o 1 --ani 13800138000 --dnis 123456789 --timeout 30 -- \
	-V CN -T 1 --no-ani-first --mf-back-timeout 1500 --max-dnis 9 --timeout 30
grep -q '^call .* ani=- dnis=123456789 .*result=protocol-error:Multi-Frequency-Cycle-Timeout$' \
	cn-anilast-term.out || fail "cn-anilast: OpenR2 CN ANI behaviour changed (see doc/peers.md)"
echo "ok: OpenR2 CN forward side sends no ANI digit after KA (known defect, documented)"

dahdi_cfg -s >/dev/null 2>&1
[ -z "$inconclusive" ] ||
	skip "ITU run(s)$inconclusive had sporadic MF errors in 3 tries: this guest cannot carry MF audio reliably (loaded host?); the other checks passed"
echo "OpenR2 <-> OpenR2 over DAHDI CAS ($kind): OK"
