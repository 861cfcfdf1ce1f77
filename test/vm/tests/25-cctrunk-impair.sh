#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 150
#
# cctrunk impairments on the receive side of span 2 (pair 0):
#   - BER 1e-3: the PRBS checker counts bit errors A>B at the configured rate
#     (within 25 %), none B>A; span 2 counts BPVs and CRC-4 errors and errored
#     seconds, span 1 counts the E-bits span 2 sends back; no alarm is raised;
#     clearing the BER makes the line bit-exact again;
#   - slips every 500 ms: timing slips counted in /proc/dahdi/2, the PRBS
#     checker resynchronises A>B, B>A stays clean, frame alignment is kept;
#   - delay 100 ms on span 4 (CAS pair): ABCD bits A>B take about 100 ms (>= 90:
#     100 ticks, a late timer catches up faster than real time), B>A < 50 ms.
. /opt/cc/lib.sh
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 2
field() { sed -n "s/.*[ ^]$1=\([-0-9]*\).*/\1/p"; }

echo "--- BER 1e-3 on the receive side of span 2"
e1_span reset 1 && e1_span reset 2
echo 1e-3 >"$(cct_sys 0 b ber)"
e1_prbs -t 5 -w 1 -e -1 1:2 | tee ber.txt
e1_span stat 1 | tee st1.txt
e1_span stat 2 | tee st2.txt
echo 0 >"$(cct_sys 0 b ber)"
ab=$(grep '^dir=1>2' ber.txt)
ba=$(grep '^dir=2>1' ber.txt)
errs=$(echo "$ab" | field bit_errors)
bytes=$(echo "$ab" | field bytes)
echo "$ab" | grep -q 'locked=30 ' || fail "PRBS lost lock at BER 1e-3"
awk -v e="$errs" -v b="$bytes" 'BEGIN { x = b * 8 * 1e-3; printf "bit errors %d, expected %.0f\n", e, x;
	exit (e < 0.75 * x || e > 1.25 * x) }' || fail "bit error count does not match BER 1e-3"
assert_eq "bit errors B>A" 0 "$(echo "$ba" | field bit_errors)"
[ "$(field bpv <st2.txt)" -gt 1000 ] || fail "span 2 BPV count too low"
[ "$(field crc4 <st2.txt)" -gt 1000 ] || fail "span 2 CRC-4 error count too low"
[ "$(field errsec <st2.txt)" -ge 4 ] || fail "span 2 errored seconds too low"
[ "$(field ebit <st1.txt)" -gt 1000 ] || fail "span 1 does not count the far end's E-bits"
assert_eq "span 1 CRC-4 errors" 0 "$(field crc4 <st1.txt)"
assert_eq "span 1 BPV" 0 "$(field bpv <st1.txt)"
assert_eq "span 2 alarms under BER 1e-3" 0 "$(field alarms <st2.txt)"
grep -q 'CRC4 error count' /proc/dahdi/2 || fail "/proc/dahdi/2 shows no CRC-4 errors"
[ "$(cat "$(cct_sys 0 b bit_errors)")" -gt 0 ] || fail "sysfs bit_errors"
retry_inconclusive 3 clean.txt e1_prbs -t 3 -w 1 -e 0 1:2 || fail "line not clean after BER cleared"

echo "--- slips every 500 ms on span 2"
e1_span reset 2
echo 500 >"$(cct_sys 0 b slip_interval_ms)"
e1_prbs -t 5 -w 1 -e -1 1:2 | tee slip.txt
echo 0 >"$(cct_sys 0 b slip_interval_ms)"
head -n 6 /proc/dahdi/2
slips=$(sed -n 's/.*Timing slips: *\([0-9]*\).*/\1/p' /proc/dahdi/2)
[ "${slips:-0}" -ge 8 ] || fail "timing slips not counted (${slips:-0})"
[ "$(grep '^dir=1>2' slip.txt | field resyncs)" -ge 30 ] || fail "PRBS did not see the slips"
grep '^dir=2>1' slip.txt | grep -q 'bit_errors=0 resyncs=0' || fail "slips leaked into B>A"
assert_eq "span 2 alarms with slips" OK "$(cat "$(cct_sys 0 b alarms)")"
grep -q 'FAS error' /proc/dahdi/2 && fail "slips disturbed framing"

echo "--- 100 ms delay on span 4"
echo 100 >"$(cct_sys 1 b delay_ms)"
e1_cas -r 2 -i 1101 3 4 | tee cas.txt
echo 0 >"$(cct_sys 1 b delay_ms)"
awk '/slowest/ { a = $(NF-4); b = $(NF-1); printf "A>B %s ms, B>A %s ms\n", a, b;
	exit !(a >= 90 && a < 400 && b < 50) }' cas.txt || fail "delay not applied as configured"
echo "impairments OK"
