#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 150
#
# cctrunk data path: an O.151 2^15-1 PRBS on every bearer channel of span A
# arrives bit-exact on the same channel of span B, and the reverse, on the CCS
# pair (spans 1,2) and on the CAS pair (spans 3,4).  Also: the driver delivers
# one frame per elapsed millisecond (sysfs rx_frames against the clock).
. /opt/cc/lib.sh
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 2

f0=$(cat /sys/devices/cctrunk/pair0/b/rx_frames)
t0=$(awk '{print $1}' /proc/uptime)
retry_inconclusive 3 ccs.txt e1_prbs -t 10 -w 2 -b 512 -n 32 -e 0 1:2 ||
	fail "PRBS on the CCS pair: exit $?"
retry_inconclusive 3 cas.txt e1_prbs -t 10 -w 2 -b 512 -n 32 -e 0 3:4 ||
	fail "PRBS on the CAS pair: exit $?"
f1=$(cat /sys/devices/cctrunk/pair0/b/rx_frames)
t1=$(awk '{print $1}' /proc/uptime)
assert_eq "PRBS directions clean" 4 "$(cat ccs.txt cas.txt | grep -c 'locked=30 .*bit_errors=0 resyncs=0')"
# 8 frames per tick; the run took (t1 - t0) s: within 0.5 % (uptime has 10 ms resolution)
awk -v f="$((f1 - f0))" -v t0="$t0" -v t1="$t1" 'BEGIN {
	ms = (t1 - t0) * 1000; d = (f / 8 - ms) / ms * 100
	printf "frames %d in %.0f ms: %.3f %%\n", f / 8, ms, d
	exit (d > 0.5 || d < -0.5) }' || fail "rx_frames does not follow the clock"
grep -q 'count' /proc/dahdi/1 /proc/dahdi/2 && { cat /proc/dahdi/1; fail "errors counted on a clean line"; }
echo "PRBS OK"
