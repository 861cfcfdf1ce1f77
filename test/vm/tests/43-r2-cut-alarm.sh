#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 300
#
# Cut the E1 under answered R2 calls (cctrunk CAS pair, our China R2 on both
# ends): with 4 calls answered and held, the receive line of span 4 is cut
# (echo 1 > /sys/devices/cctrunk/pair1/b/cut): span 4 goes RED, span 3 YELLOW,
# DAHDI raises DAHDI_EVENT_ALARM on both, and both cc-r2 processes must report
# every call RELEASED with cause alarm (Q.850 38) and every channel in ALARM.
# While cut, a new call is refused.  After the line is restored the alarm
# clears (RECOVER, then NOALARM) and every channel must return to IDLE on both
# ends by itself; then 8 new calls each way succeed with caller ID.
. /opt/cc/lib.sh
R2T_LIB=1 . /opt/cc/tests/40-r2-itu-openr2.sh
r2t_setup
TA="$(a 25)-$(a 28)"
TB="$(b 25)-$(b 28)"
CUT=$(cct_sys 1 b cut)
al() { cat "$(cct_sys 1 "$1" alarms)"; }

cc-r2 -V china -c "$TB" -T 4 --called-len 5 --expect-calling 1380013XXXX --expect-result alarm \
	--wait-idle 60 --events --timeout 150 >cut-term.out 2>cut-term.err &
tpid=$!
cc-r2 -V china -c "$TA" -o 4 --called 123XX --calling 1380013XXXX --hold-ms 120000 \
	--expect-result alarm --wait-idle 60 --events --timeout 150 >cut-orig.out 2>cut-orig.err &
opid=$!
answered() { [ "$(grep -c 'type=ANSWERED' cut-orig.out)" = 4 ]; }
wait_for 60 answered || {
	cat cut-orig.out cut-term.out
	fail "4 calls not answered"
}
echo "ok: 4 calls answered and held"

echo "--- cut the receive line of span 4"
echo 1 >"$CUT" || fail "cannot cut"
released() { [ "$(grep -c 'type=RELEASED cause=alarm q850=38' "$1")" = 4 ]; }
wait_for 15 released cut-orig.out || { cat cut-orig.out; fail "originator: calls not released by the alarm"; }
wait_for 15 released cut-term.out || { cat cut-term.out; fail "terminator: calls not released by the alarm"; }
echo "span 3: $(al a); span 4: $(al b)"
al b | grep -qw RED || fail "span 4 not RED after the cut"
al a | grep -qw YELLOW || fail "span 3 not YELLOW after the cut"
assert_eq "originator channels in ALARM" 4 "$(grep -c 'type=ALARM cause=alarm .*state=ALARM' cut-orig.out)"
assert_eq "terminator channels in ALARM" 4 "$(grep -c 'type=ALARM cause=alarm .*state=ALARM' cut-term.out)"
kill -0 $opid 2>/dev/null || fail "originator exited during the alarm (must wait for idle)"
# another process cannot place a call on the other timeslots while the span is down
cc-r2 -V china -c "$(a 29)" -o 1 --called 120 --timeout 8 --call-timeout 5000 >down.out 2>&1
assert_eq "a call on the cut span" 1 "$?"
grep -q '^summary .* started=0 .* in_alarm=1 ' down.out || { cat down.out; fail "call attempted on a span in alarm"; }
echo "ok: no call placed while the span is in alarm"

echo "--- restore the line"
sleep 2
echo 0 >"$CUT"
wait $opid
orc=$?
wait $tpid
trc=$?
cat cut-orig.out cut-term.out | grep -v '^event .* type=\(PROCEEDING\|OFFERED\) '
assert_eq "originator exit (every call ended by the alarm)" 0 "$orc"
assert_eq "terminator exit" 0 "$trc"
for s in orig term; do
	assert_eq "$s: calls with result=alarm" 4 "$(grep -c '^call .*result=alarm$' cut-$s.out)"
	grep -q '^summary .* idle=4 in_alarm=0 ' cut-$s.out || fail "$s: channels not back to idle"
	assert_eq "$s: IDLE events after the alarm" 4 \
		"$(sed -n '/type=ALARM/,$p' cut-$s.out | grep -c 'type=IDLE .*state=IDLE')"
done
wait_for 10 test "$(al a)" = OK || fail "span 3 still in alarm: $(al a)"
wait_for 10 test "$(al b)" = OK || fail "span 4 still in alarm: $(al b)"
echo "ok: calls cleared by the alarm, channels back to idle on both ends after the restore"

# --- the trunk works again, both ways
r2try after-ab 8 $((93 - 62)) \
	cc-r2 -V china -c "$TB" -T 8 --called-len 5 --expect-calling 1380013XXXX --timeout 120 -- \
	cc-r2 -V china -c "$TA" -o 8 --called 123XX --calling 1380013XXXX --timeout 120
r2try after-ba 8 $((62 - 93)) \
	cc-r2 -V china -c "$TA" -T 8 --called-len 5 --expect-calling 0215XXXX --timeout 120 -- \
	cc-r2 -V china -c "$TB" -o 8 --called 123XX --calling 0215XXXX --timeout 120
r2t_finish
echo "R2 cut mid-call: calls cleared, channels idle after restore, new calls OK"
