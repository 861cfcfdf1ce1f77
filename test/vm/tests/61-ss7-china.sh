#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 300
#
# Our SS7 stack against itself over the cctrunk virtual E1 pair 0 (mtp2=
# channels 16 and 47) with the China national variant: 24-bit point codes,
# network indicator national.  No open-source far end speaks China ISUP with
# 24-bit labels or China TUP (doc/peers.md), so both ends are cc-ss7.
#
# Proves:
#  - China ISUP: 100 calls each way (the second 4 in parallel, released by
#    the terminating side), the calling number, called number and category
#    checked on arrival, both sides' call lists identical, every incoming
#    call's caller ID on /dev/callcenter/callerid with source isup;
#  - China TUP: 100 calls each way with the CLI in the IAI (cli=tup-iai),
#    and 20 calls whose IAM carries no CLI, so the terminating side asks with
#    GRQ and gets it in GSM (cli=tup-gsm); caller ID published with source
#    tup; the TUP trace decodes with cc-trace (IAI/GRQ/GSM/ACM/ANN/CLF/RLG).
. /opt/cc/lib.sh

CALLS=${SS7_CALLS:-100}
[ -f /opt/cc/tests/20-cctrunk-spans.sh ] || skip "cctrunk tests are not in this guest"
modinfo cctrunk >/dev/null 2>&1 || skip "cctrunk.ko is not in this guest"
command -v cc-ss7 >/dev/null || fail "cc-ss7 is not in the guest"
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 1
ss7_e1_config mtp2

A="cc-ss7 -c 16 --variant china --opc 1-2-3 --dpc 4-5-6 --cic 1-31"
B="cc-ss7 -c 47 --variant china --opc 4-5-6 --dpc 1-2-3 --cic 1-31"

# check_run NAME CALLS CLI_SOURCE CID_SOURCE
check_run() {
	ss7_check_calls "$1" "$2"
	assert_eq "$1: calling number source $3" "$2" "$(grep -c " cli=$3 .*result=ok$" "$1-term.out")"
	# caller ID: the terminating side published one record per call
	assert_eq "$1: caller IDs published" "$2" \
		"$(sed -n 's/^summary .* cid_published=\([0-9]*\) cid_failed=0 .*/\1/p' "$1-term.out")"
	# the last records of that source in the retained backlog are this run's
	cc-cid read -b -S "$4" -t 2 | tail -n "$2" >"$1-cid.txt"
	sed -n "s/.* chan=\([0-9]*\) source=$4 calling=\([0-9]*\) called=\([0-9]*\) category=\([0-9]*\) .*/cic=\1 calling=\2 called=\3 category=\4/p" \
		"$1-cid.txt" | sort >"$1-cid.set"
	cmp -s "$1-cid.set" "$1-term.set" || {
		diff "$1-cid.set" "$1-term.set" | head -n 10
		fail "$1: caller-ID records ($4) differ from the calls"
	}
	echo "ok: $1: $2 calls, caller ID of each on the device (source $4)"
}

# --- China ISUP
run_pair isup-ab $A --originate "$CALLS" --calling 1380013XXXX --called 120 --category 10 \
	--timeout 120 -- $B --terminate "$CALLS" --expect-calling 1380013XXXX --expect-called 120 \
	--expect-category 10 --timeout 120
check_run isup-ab "$CALLS" isup-iam isup
grep -q 'summary .* grs_tx=1 gra=1 grs_rx=1 ' isup-ab-orig.out || fail "isup-ab: GRS both ways"
run_pair isup-ba $B --originate "$CALLS" --parallel 4 --calling 02150XXXX --called 12345 \
	--category 11 --hangup remote --timeout 120 -- $A --terminate "$CALLS" --hangup local \
	--hold-ms 20 --expect-calling 02150XXXX --expect-called 12345 --expect-category 11 --timeout 120
check_run isup-ba "$CALLS" isup-iam isup

# --- China TUP: CLI in the IAI
run_pair tup-ab $A --tup --originate "$CALLS" --calling 1380013XXXX --called 120 --category 10 \
	--pcap tup.pcap --timeout 120 -- $B --tup --terminate "$CALLS" --expect-calling 1380013XXXX \
	--expect-called 120 --expect-category 10 --timeout 120
check_run tup-ab "$CALLS" tup-iai tup
run_pair tup-ba $B --tup --originate "$CALLS" --parallel 4 --calling 02150XXXX --called 12345 \
	--category 10 --hangup remote --timeout 120 -- $A --tup --terminate "$CALLS" --hangup local \
	--hold-ms 20 --expect-calling 02150XXXX --expect-called 12345 --timeout 120
check_run tup-ba "$CALLS" tup-iai tup

# --- China TUP: IAM without CLI, the terminating side asks with GRQ, gets GSM
run_pair tup-gsm $A --tup --cli-on-request --originate 20 --calling 0755XXXXXXX --called 120 \
	--category 10 --pcap gsm.pcap --timeout 120 -- $B --tup --terminate 20 \
	--expect-calling 0755XXXXXXX --timeout 120
check_run tup-gsm 20 tup-gsm tup

# --- the TUP traces decode with our decoder (Wireshark has no TUP dissector)
cc-trace decode -v china tup.pcap >tup.trace || fail "cc-trace tup.pcap"
head -n 3 tup.trace
assert_eq "tup trace: IAIs with distinct CLIs" "$CALLS" \
	"$(sed -n 's/.* tx .* TUP IAI cic=[0-9]* .*calling=\([0-9]*\).*/\1/p' tup.trace | sort -u | wc -l)"
for m in ACM ANN RLG; do
	n=$(grep -c " rx .*TUP $m " tup.trace)
	[ "$n" -ge "$CALLS" ] || fail "tup trace: $n $m received, expected $CALLS"
done
n=$(grep -c ' tx .*TUP CLF ' tup.trace)
[ "$n" -ge "$CALLS" ] || fail "tup trace: $n CLF sent, expected $CALLS"
cc-trace decode -v china gsm.pcap >gsm.trace || fail "cc-trace gsm.pcap"
assert_eq "gsm trace: IAMs without CLI" 20 "$(grep -c ' tx .*TUP IAM cic=' gsm.trace)"
assert_eq "gsm trace: GRQs received" 20 "$(grep -c ' rx .*TUP GRQ cic=' gsm.trace)"
assert_eq "gsm trace: GSMs with the CLI sent" 20 \
	"$(grep ' tx .*TUP GSM cic=' gsm.trace | grep -c 'calling=0755')"
echo "ok: TUP traces decode (IAI, IAM+GRQ/GSM, ACM, ANN, CLF, RLG)"

dahdi_cfg -s >/dev/null 2>&1
echo "cc-ss7 <-> cc-ss7, China ISUP (24-bit) and China TUP: OK"
