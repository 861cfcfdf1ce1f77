#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 420
#
# Our SS7 stack (cc-ss7: MTP2, MTP3, ITU ISUP, 14-bit point codes) against
# libss7 2.0 (libss7_peer) as the exchange, over the cctrunk virtual E1 pair 0
# (span 1 = ours, channel 16; span 2 = libss7, channel 47).
#
# Proves, with signalling channels in mtp2= mode (DAHDI repeats the last SU
# and drops repeats; our binding writes only changes):
#  - link alignment and MTP3 (SLTM/SLTA) come up between the two stacks;
#  - GRS/GRA both ways;
#  - 100 calls ours -> libss7 (IAM -> ACM -> ANM -> REL -> RLC, we release):
#    libss7 checks the calling number, called number and category of each;
#  - 100 calls libss7 -> ours, 4 in parallel, we release after a hold: we
#    check what arrives, and every call's caller ID is on
#    /dev/callcenter/callerid (source isup, span 1, category, numbers) as
#    read back with cc-cid;
#  - both sides' call lists are identical, no libss7 call object is left;
#  - the pcap trace written during the first run decodes with cc-trace: 100
#    IAMs with 100 distinct calling numbers, and the REL/RLC of every call;
#  - dchan= mode (software HDLC, we keep the line filled with FISUs): 10 calls
#    each way against libss7's DAHDIDCHAN transport;
#  - the checks can fail: a wrong expected calling number fails the run.
. /opt/cc/lib.sh

CALLS=${SS7_CALLS:-100}
[ -f /opt/cc/tests/20-cctrunk-spans.sh ] || skip "cctrunk tests are not in this guest"
modinfo cctrunk >/dev/null 2>&1 || skip "cctrunk.ko is not in this guest"
command -v libss7_peer >/dev/null || skip "libss7_peer is not in this guest"
command -v cc-ss7 >/dev/null || fail "cc-ss7 is not in the guest"
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 1

check_run() { # name calls
	ss7_check_calls "$1" "$2"
	for f in "$1-orig.out" "$1-term.out"; do
		if grep -q '^libss7' "$f"; then
			assert_eq "$1: libss7 calls left ($f)" 0 \
				"$(sed -n 's/^summary .* lib_calls=\([0-9-]*\) .*/\1/p' "$f")"
		fi
	done
}

LIBSS7="libss7_peer -c 47 --opc 2 --dpc 1"
OURS="cc-ss7 -c 16 --variant itu --opc 1 --dpc 2 --cic 1-30"

ss7_e1_config mtp2
grep -cE '^[[:space:]]+(16|47) .*MTP2' /proc/dahdi/1 /proc/dahdi/2 >/dev/null ||
	fail "channels 16/47 are not MTP2"

# 1. ours -> libss7, we release; trace written
run_pair ab $OURS --originate "$CALLS" --calling 1380013XXXX --called 12345XXXX --category 10 \
	--pcap ab.pcap --timeout 200 -- $LIBSS7 --terminate "$CALLS" \
	--expect-calling 1380013XXXX --expect-called 12345XXXX --expect-category 10 --timeout 200
check_run ab "$CALLS"
grep -q 'summary .* grs_tx=1 gra=1 ' ab-orig.out || fail "ab: our GRS was not acknowledged"
grep -q 'summary .* grs_rx=1 ' ab-term.out || fail "ab: libss7 did not receive our GRS"
grep -q "^call n=1 cic=1 calling=13800130001 called=123450001 category=10 " ab-term.out ||
	fail "ab: libss7 did not get the first call as sent"

# the trace decodes with our decoder: every call's IAM (sent), REL (sent), RLC (received)
cc-trace decode -v itu ab.pcap >ab.trace || fail "cc-trace decode failed"
head -n 3 ab.trace
assert_eq "trace: distinct IAM calling numbers" "$CALLS" \
	"$(sed -n 's/.* tx .*ISUP IAM cic=[0-9]* calling=\([0-9]*\).*/\1/p' ab.trace | sort -u | wc -l)"
assert_eq "trace: first IAM" 1 \
	"$(grep -c ' tx .* 1->2 .*ISUP IAM cic=1 calling=13800130001(nai=3,pres=0,scr=3) called=123450001 cpc=10' ab.trace)"
for m in ACM ANM RLC; do
	n=$(grep ' rx .*ISUP '"$m"' ' ab.trace | sed 's/.*cic=\([0-9]*\).*/\1/' | wc -l)
	[ "$n" -ge "$CALLS" ] || fail "trace: $n received $m, expected $CALLS"
done
n=$(grep -c ' tx .*ISUP REL .*cause=16' ab.trace)
[ "$n" -ge "$CALLS" ] || fail "trace: $n REL with cause 16 sent, expected $CALLS"
grep -q ' rx .* 2->1 .*MTN SLTM' ab.trace || fail "trace: libss7's SLTM missing"
grep -q ' tx .* 1->2 .*MTN SLTA' ab.trace || fail "trace: our SLTA missing"
echo "ok: trace decodes: $CALLS IAMs, ACM/ANM/RLC received, REL sent, link test both ways"

# 2. libss7 -> ours, 4 in parallel, we release after 20 ms; caller ID on the device
pub0=$(cat /sys/class/misc/cc_callerid/published)
run_pair ba $LIBSS7 --originate "$CALLS" --parallel 4 --await-grs --calling 02150XXXX \
	--called 120 --category 11 --hangup remote --timeout 200 -- $OURS --terminate "$CALLS" \
	--hangup local --hold-ms 20 --expect-calling 02150XXXX --expect-called 120 \
	--expect-category 11 --timeout 200
check_run ba "$CALLS"
grep -q 'summary .* grs_sent=1 gra=1 grs_rx=1 ' ba-orig.out || fail "ba: libss7 GRS/GRA both ways"
grep -q "cli=isup-iam " ba-term.out || fail "ba: no calling number source reported"
assert_eq "ba: caller IDs published by cc-ss7" "$CALLS" \
	"$(sed -n 's/^summary .* cid_published=\([0-9]*\) cid_failed=0 .*/\1/p' ba-term.out)"
assert_eq "callerid device: records published" "$((pub0 + CALLS))" \
	"$(cat /sys/class/misc/cc_callerid/published)"
# the last isup records in the retained backlog are this run's
cc-cid read -b -S isup -t 2 >cid-all.txt || fail "cc-cid read"
tail -n "$CALLS" cid-all.txt >cid.txt
head -n 2 cid.txt
assert_eq "callerid: isup records on span 1, category 11, network-provided, allowed" "$CALLS" \
	"$(grep -c 'span=1 chan=[0-9]* source=isup calling=02150[0-9]\{4\} called=120 category=11 presentation=allowed screening=network flags=calling,called$' cid.txt)"
sed -n 's/.* chan=\([0-9]*\) source=isup calling=\([0-9]*\) .*/cic=\1 calling=\2/p' cid.txt | sort >cid.set
sed 's/^\(cic=[0-9]*\) \(calling=[^ ]*\) .*/\1 \2/' ba-term.set | sort >ba-cic.set
cmp -s cid.set ba-cic.set || { diff cid.set ba-cic.set | head; fail "callerid records != calls"; }
echo "ok: every incoming call's caller ID is on the device with its circuit as channel"

# 3. a wrong expectation fails the run
run_pair bad $LIBSS7 --originate 1 --calling 13800138000 --timeout 60 -- $OURS --terminate 1 \
	--expect-calling 13900139000 --timeout 60
assert_eq "bad: our exit with a wrong calling number" 1 "$trc"
grep -q 'calling=13800138000 .*result=calling-mismatch$' bad-term.out ||
	fail "bad: mismatch not reported"

# 4. dchan= (software HDLC with FCS, no repetition by DAHDI)
ss7_e1_config dchan
grep -cE '^[[:space:]]+(16|47) .*HDLCFCS' /proc/dahdi/1 /proc/dahdi/2 >/dev/null ||
	fail "channels 16/47 are not HDLCFCS"
run_pair dab $OURS --originate 10 --calling 1380013XXXX --called 12345XXXX --timeout 90 -- \
	$LIBSS7 --terminate 10 --expect-calling 1380013XXXX --expect-called 12345XXXX --timeout 90
check_run dab 10
grep -q 'transport=dchan' dab-orig.out || fail "dab: not in dchan mode"
run_pair dba $LIBSS7 --originate 10 --calling 02150XXXX --called 120 --timeout 90 -- \
	$OURS --terminate 10 --expect-calling 02150XXXX --expect-called 120 --timeout 90
check_run dba 10

dahdi_cfg -s >/dev/null 2>&1
echo "cc-ss7 <-> libss7 over cctrunk (mtp2 and dchan): OK"
