#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 300
#
# Line faults under our SS7 stack (cc-ss7 against itself, China ISUP, over
# the cctrunk virtual E1 pair 0 with mtp2= channels 16 and 47).
#
# Cut: 4 calls are answered and held (4 s) when the E1 is cut (span B loses the
# signal: RED there, YELLOW at span A).  Proves:
#  - DAHDI's ALARM events reach both stacks: the links fail (MTP2 reason
#    "line failure"), the linkset goes down and each held call is released
#    at both ends with cause 38 (network out of order, Q.850);
#  - the links stay down while the alarm lasts (no realignment on a dead line);
#  - after the line is restored (NOALARM) the link realigns, the circuits are
#    reset with a second GRS from each side, and the next 4 calls succeed.
# Bit errors: 100 calls, 4 in parallel, with BER 1e-4 on both directions
# from the moment the link is up.
# Proves:
#  - DAHDI's BADFCS/ABORT events are counted and fed to MTP2 (rx_errors,
#    the SUERM count moves);
#  - lost MSUs are recovered by retransmission (NACKs and retransmitted MSUs
#    counted on the two sides together);
#  - no call state corrupts: every call completes with the numbers it was
#    placed with, the two sides' call lists are identical; should the SUERM
#    take the link down (legitimately, BER 1e-4 is near its threshold on a
#    FISU stream), the calls then in progress are released with cause 38
#    and all others still complete.
. /opt/cc/lib.sh

[ -f /opt/cc/tests/20-cctrunk-spans.sh ] || skip "cctrunk tests are not in this guest"
modinfo cctrunk >/dev/null 2>&1 || skip "cctrunk.ko is not in this guest"
command -v cc-ss7 >/dev/null || fail "cc-ss7 is not in the guest"
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 1
ss7_e1_config mtp2

# shorter alarm debounce and recovery than a real card (2.5 s / 5 s), restored at the end
P=/sys/module/cctrunk/parameters
red0=$(cat $P/red_debounce_ms) rec0=$(cat $P/recover_ms)
restore() {
	echo 0 >"$(cct_sys 0 b cut)"
	echo 0 >"$(cct_sys 0 a ber)"
	echo 0 >"$(cct_sys 0 b ber)"
	echo "$red0" >$P/red_debounce_ms
	echo "$rec0" >$P/recover_ms
}
trap restore EXIT
echo 300 >$P/red_debounce_ms
echo 1000 >$P/recover_ms

A="cc-ss7 -c 16 --variant china --opc 1-2-3 --dpc 4-5-6 --cic 1-31"
B="cc-ss7 -c 47 --variant china --opc 4-5-6 --dpc 1-2-3 --cic 1-31"
field() { sed -n "s/^summary .* $1=\([0-9a-z]*\) .*/\1/p" "$2"; }
show() {
	for f in "$@"; do
		grep -v '^call ' "$f" | sed "s/^/[$f] /"
		grep '^call ' "$f" | grep -v 'result=ok$' | sed "s/^/[$f] /"
	done
}

# --- cut mid-call
$B --terminate 8 --hangup remote --timeout 60 -vv >cut-term.out 2>cut-term.err &
tpid=$!
$A --originate 8 --parallel 4 --hold-ms 4000 --calling 1380013XXXX --called 120 \
	--timeout 60 >cut-orig.out 2>cut-orig.err &
opid=$!
# wait until the first 4 calls are answered (B logs each with -vv) and held
answered() { [ "$(grep -c ', answered$' cut-term.err)" -ge 4 ]; }
wait_for 20 answered || { show cut-orig.out cut-term.out; fail "cut: 4 calls not answered"; }
usleep 300000 # the ANMs reach A
echo "+ cutting span B's receive line"
echo 1 >"$(cct_sys 0 b cut)"
wait_for 10 grep -q '^linkset down' cut-orig.out || fail "cut: A's linkset did not go down"
wait_for 10 grep -q '^linkset down' cut-term.out || fail "cut: B's linkset did not go down"
sleep 2
echo "alarms: a=$(cat "$(cct_sys 0 a alarms)") b=$(cat "$(cct_sys 0 b alarms)")"
grep -q '^linkset up again' cut-orig.out cut-term.out && fail "cut: linkset up while the line is cut"
echo "+ restoring the line"
echo 0 >"$(cct_sys 0 b cut)"
wait $opid
orc=$?
wait $tpid
trc=$?
show cut-orig.out cut-term.out
assert_eq "cut: originator exit (4 calls released)" 1 "$orc"
assert_eq "cut: terminator exit (4 calls released)" 1 "$trc"
for s in orig term; do
	f=cut-$s.out
	assert_eq "cut $s: calls released with cause 38" 4 "$(grep -c '^call .* cause=38 .*result=released$' $f)"
	assert_eq "cut $s: calls ok after the line came back" 4 "$(grep -c 'result=ok$' $f)"
	assert_eq "cut $s: linkset went down once" 1 "$(field linkset_down $f)"
	assert_eq "cut $s: linkset up twice" 2 "$(field linkset_up $f)"
	assert_eq "cut $s: GRS after start and after restoration" 2 "$(field grs_tx $f)"
	assert_eq "cut $s: both GRS acknowledged" 2 "$(field gra $f)"
	[ "$(field alarm $f)" -ge 1 ] || fail "cut $s: no DAHDI alarm event counted"
	[ "$(field noalarm $f)" -ge 1 ] || fail "cut $s: no DAHDI alarm-cleared event counted"
	[ "$(field mtp2_alignments $f)" -ge 2 ] || fail "cut $s: the link did not realign"
done
# the released calls are the first 4 (held at the cut), the good ones the last 4
assert_eq "cut: released calls are n=1..4" "1 2 3 4" \
	"$(sed -n 's/^call n=\([0-9]*\) .*result=released$/\1/p' cut-orig.out | sort -n | tr '\n' ' ' | sed 's/ $//')"
echo "ok: cut mid-call: released with cause 38, link realigned, circuits reset, new calls ok"

# --- bit errors 1e-4 both ways, from the moment the link is up (at 1e-4 the AERM
# rightly fails most proving periods: one run took 15 alignment failures and 21 s)
$B --terminate 100 --hangup local --hold-ms 20 --expect-calling 02150XXXX --timeout 120 \
	>ber-term.out 2>ber-term.err &
tpid=$!
$A --originate 100 --parallel 4 --hangup remote --calling 02150XXXX --called 12345 \
	--call-timeout 20000 --timeout 120 >ber-orig.out 2>ber-orig.err &
opid=$!
wait_for 20 grep -q '^link up' ber-orig.out || fail "ber: link did not come up"
echo 1e-4 >"$(cct_sys 0 a ber)"
echo 1e-4 >"$(cct_sys 0 b ber)"
wait $opid
orc=$?
wait $tpid
trc=$?
echo 0 >"$(cct_sys 0 a ber)"
echo 0 >"$(cct_sys 0 b ber)"
show ber-orig.out ber-term.out
echo "bit errors: a=$(cat "$(cct_sys 0 a bit_errors)") b=$(cat "$(cct_sys 0 b bit_errors)")"
for s in orig term; do
	f=ber-$s.out
	ev=$(($(field badfcs $f) + $(field abort $f)))
	[ "$ev" -ge 1 ] || fail "ber $s: no BADFCS/ABORT event counted"
	[ "$(field rx_errors $f)" -ge "$ev" ] || fail "ber $s: line errors not fed to MTP2"
	[ "$(field suerm_max $f)" -ge 1 ] || fail "ber $s: the SUERM did not move"
	# no call state corrupts: ok, or released by the link failure
	bad=$(grep '^call ' $f | grep -v 'result=ok$' | grep -vc ' cause=38 .*result=released')
	assert_eq "ber $s: calls neither ok nor released by a link failure" 0 "$bad"
	echo "ber $s: $(sed -n 's/^summary .*\( ok=[0-9]*\).*\( rx_errors=[0-9]*\).*\( retransmitted=[0-9]*\).*\( nacks_rx=[0-9]*\).*\( nacks_tx=[0-9]*\).*\( suerm_max=[0-9]*\) \(suerm_trips=[0-9]*\).*\( badfcs=[0-9]*\) \(abort=[0-9]*\).*/\1\2\3\4\5\6 \7\8 \9/p' $f)"
done
rtx=$(($(field retransmitted ber-orig.out) + $(field retransmitted ber-term.out)))
[ "$rtx" -ge 1 ] || fail "ber: no MSU was retransmitted"
n_ok=$(grep -c 'result=ok$' ber-orig.out)
if [ "$(field suerm_trips ber-orig.out)$(field suerm_trips ber-term.out)" = 00 ]; then
	assert_eq "ber: all calls ok without a link failure" 100 "$n_ok"
	assert_eq "ber: originator exit" 0 "$orc"
	assert_eq "ber: terminator exit" 0 "$trc"
fi
sed -n 's/^call n=[0-9]* \(cic=[0-9]* calling=[^ ]* called=[^ ]* category=[0-9]*\) .*result=ok$/\1/p' \
	ber-orig.out | sort >ber-orig.set
sed -n 's/^call n=[0-9]* \(cic=[0-9]* calling=[^ ]* called=[^ ]* category=[0-9]*\) .*result=ok$/\1/p' \
	ber-term.out | sort >ber-term.set
cmp -s ber-orig.set ber-term.set || { diff ber-orig.set ber-term.set | head; fail "ber: call lists differ"; }
[ "$n_ok" -ge 90 ] || fail "ber: only $n_ok of 100 calls completed"
echo "ok: BER 1e-4: errors counted, retransmissions, $n_ok identical calls, no corrupted call"
echo "SS7 line faults: OK"
