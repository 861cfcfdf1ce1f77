#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 240
#
# cctrunk teardown: while a DAHDI channel of a pair is open the module cannot
# be removed (the open holds a module reference) and the line keeps running;
# once closed, removal works.  Then 20 rounds of load (2 pairs), assign,
# configure, pass data, unload are clean: every round removes the spans from
# /proc/dahdi and the kernel log shows no warning, oops or leak report (the
# harness fails the test on any).
. /opt/cc/lib.sh
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 2
sleep 4 </dev/dahdi/chan/001/001 &
sleep 1
rmmod cctrunk 2>rmmod.err && fail "cctrunk removed while a channel is open"
echo "ok: rmmod refused: $(cat rmmod.err)"
e1_span stat 2 | grep -q 'alarms=0 ' || fail "span 2 disturbed by the refused removal"
wait
dahdi_cfg -s >/dev/null 2>&1
run rmmod cctrunk
[ -e /proc/dahdi/1 ] && fail "span 1 still in /proc/dahdi after unload"

i=1
while [ $i -le 20 ]; do
	modprobe cctrunk pairs=2 || fail "round $i: modprobe"
	dahdi_span_assignments add >/dev/null 2>&1 || fail "round $i: assign"
	wait_for 10 test -e /proc/dahdi/4 || fail "round $i: spans not assigned"
	dahdi_cfg >/dev/null 2>&1 || fail "round $i: dahdi_cfg"
	retry_inconclusive 3 prbs.txt e1_prbs -t 0.3 -w 0.3 -c 1 -e 0 1:2 3:4 >/dev/null ||
		{ cat prbs.txt; fail "round $i: data"; }
	[ $((i % 5)) -eq 0 ] && echo 1 >"$(cct_sys 0 a cut)"
	rmmod cctrunk || fail "round $i: rmmod"
	[ -e /proc/dahdi/1 ] && fail "round $i: spans left behind"
	i=$((i + 1))
done
echo "ok: 20 load/assign/configure/unload rounds"
echo "teardown OK"
