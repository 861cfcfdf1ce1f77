#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 120
#
# cctrunk E1 alarms: cutting the receive line of span 1 gives RED (LOS) on
# span 1 after the 2.5 s integration and YELLOW on span 2 (the far end sees
# our RAI); clearing the cut gives RECOVER then OK on span 1 and clears YELLOW
# on span 2; DAHDI_EVENT_ALARM/NOALARM reach the channels of both spans.  AIS
# received on span 2 gives BLUE there and YELLOW on span 1.  The other pair is
# not disturbed.  DAHDI_SPANSTAT reports the same alarms as sysfs.
. /opt/cc/lib.sh
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 2

al() { cat "$(cct_sys "$1" "$2" alarms)"; }
has() { al "$1" "$2" | grep -qw "$3"; }
isok() { [ "$(al "$1" "$2")" = OK ]; }

e1_span events 1/1 40 >ev1.txt &
e1_span events 2/1 40 >ev2.txt &
wait_for 5 grep -q ready ev1.txt || fail "event watcher 1"
wait_for 5 grep -q ready ev2.txt || fail "event watcher 2"

echo "--- cut the receive line of span 1"
t0=$(date +%s)
echo 1 >"$(cct_sys 0 a cut)"
sleep 1
has 0 a RED && fail "RED before the 2.5 s integration time"
wait_for 5 has 0 a RED || fail "span 1 not RED after the cut ($(al 0 a))"
has 0 a LOS || fail "span 1 RED without LOS detail ($(al 0 a))"
wait_for 3 has 0 b YELLOW || fail "span 2 not YELLOW ($(al 0 b))"
echo "span 1: $(al 0 a); span 2: $(al 0 b); defects 1: $(cat "$(cct_sys 0 a defects)")"
e1_span stat 1 | tee st1.txt
e1_span stat 2 | tee st2.txt
grep -q 'red=1' st1.txt || fail "DAHDI_SPANSTAT span 1 not RED"
grep -q 'yellow=1' st2.txt || fail "DAHDI_SPANSTAT span 2 not YELLOW"
isok 1 a && isok 1 b || fail "pair 1 disturbed by a cut on pair 0"

echo "--- restore the line"
echo 0 >"$(cct_sys 0 a cut)"
wait_for 3 has 0 a RECOVER || fail "span 1 not RECOVER after restore ($(al 0 a))"
wait_for 3 isok 0 b || fail "span 2 still in alarm ($(al 0 b))"
wait_for 8 isok 0 a || fail "span 1 did not recover ($(al 0 a))"
echo "restored after $(($(date +%s) - t0)) s"

echo "--- AIS towards span 2"
echo 1 >"$(cct_sys 0 b ais)"
wait_for 5 has 0 b BLUE || fail "span 2 not BLUE on AIS ($(al 0 b))"
wait_for 3 has 0 a YELLOW || fail "span 1 not YELLOW while span 2 receives AIS ($(al 0 a))"
e1_span stat 2 | grep -q 'blue=1' || fail "DAHDI_SPANSTAT span 2 not BLUE"
echo 0 >"$(cct_sys 0 b ais)"
wait_for 8 isok 0 b || fail "span 2 did not recover from AIS ($(al 0 b))"
wait_for 3 isok 0 a || fail "span 1 still YELLOW ($(al 0 a))"

sleep 1
kill %1 %2 2>/dev/null
wait
echo "--- events span 1"; cat ev1.txt
echo "--- events span 2"; cat ev2.txt
assert_eq "span 1 ALARM events" 2 "$(grep -c 'event=ALARM' ev1.txt)"
assert_eq "span 1 NOALARM events" 2 "$(grep -c 'event=NOALARM' ev1.txt)"
assert_eq "span 2 ALARM events" 2 "$(grep -c 'event=ALARM' ev2.txt)"
assert_eq "span 2 NOALARM events" 2 "$(grep -c 'event=NOALARM' ev2.txt)"
echo "alarms OK"
