#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 300
#
# libss7 2.0 against libss7 2.0 over two back-to-back DAHDI spans: the real
# "exchange side" SS7 peer that later tests put in front of our own stack.
#
# Proves:
#  - DAHDI accepts a software-HDLC D-channel (dchan=, HDLC with FCS) on the
#    spans and rejects mtp2= where the span driver does not offer
#    DAHDI_SIG_MTP2 (dahdi_dynamic: sigcap has CLEAR but not MTP2);
#  - MTP2 alignment and MTP3 come up between the two libss7 instances;
#  - GRS/GRA both ways (originating side resets; in the second run the
#    terminating side resets too and the originator waits for it);
#  - 100 calls A->B (originator releases) and 100 calls B->A with 4 in parallel
#    (terminator releases), each IAM -> ACM -> ANM -> REL -> RLC, with the
#    calling number, called number and category checked on the receiving side
#    and the set of calls identical on both sides, and no libss7 call object
#    left over afterwards (the application frees them: isup_free_call_if_clear);
#  - the checks can fail: a wrong expected calling number fails the call and the
#    exit code, and a peer with nobody on the other end times out with exit 1.
#
# Transport: SS7_TRANSPORT=dynamic (default) uses dahdi_dynamic_loc spans with
# dchan= (libss7 DAHDIDCHAN transport); SS7_TRANSPORT=cctrunk uses the cctrunk
# virtual E1 pair with mtp2= (libss7 DAHDIMTP2 transport); see also
# 52-libss7-cctrunk.sh.
. /opt/cc/lib.sh

CALLS=${SS7_CALLS:-100}
kind=${SS7_TRANSPORT:-dynamic}

if [ "$kind" = cctrunk ]; then
	[ -f /opt/cc/tests/20-cctrunk-spans.sh ] || skip "cctrunk tests are not in this guest"
	modinfo cctrunk >/dev/null 2>&1 || skip "cctrunk.ko is not in this guest"
	# cctrunk's own helper loads the modules and assigns spans 1,2 (pair 0)
	CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
	cct_setup 1
	dchan=mtp2
	spans="span=1,1,0,ccs,hdb3,crc4
span=2,0,0,ccs,hdb3,crc4"
else
	run modprobe dahdi auto_assign_spans=1
	run modprobe dahdi_dynamic
	run modprobe dahdi_dynamic_loc
	dchan=dchan
	spans="dynamic=loc,1:0,31,0
dynamic=loc,1:1,31,0"

	# mtp2= is refused on dynamic spans: dahdi_ioctl_chanconfig() only adds
	# HDLCRAW/HDLCFCS/HDLCNET/DACS to a CLEAR-capable sigcap, and dahdi_dynamic
	# does not advertise DAHDI_SIG_MTP2.
	cat >/etc/dahdi/system.conf <<CONF
$spans
bchan=1-15,17-31
mtp2=16
bchan=32-46,48-62
mtp2=47
CONF
	if dahdi_cfg >cfg-mtp2.txt 2>&1; then
		cat cfg-mtp2.txt
		fail "dahdi_cfg accepted mtp2= on a dynamic span (DAHDI changed: revisit doc/peers.md)"
	fi
	grep -i 'invalid argument' cfg-mtp2.txt || { cat cfg-mtp2.txt; fail "mtp2= rejected, but not with EINVAL"; }
	echo "ok: mtp2= is rejected on dahdi_dynamic spans"
fi

cat >/etc/dahdi/system.conf <<CONF
$spans
bchan=1-15,17-31
$dchan=16
bchan=32-46,48-62
$dchan=47
alaw=1-62
CONF
dahdi_cfg >cfg.out 2>&1 || { cat cfg.out; fail "dahdi_cfg"; }
wait_for 10 test -e /proc/dahdi/2 || fail "span 2 did not appear"
grep -E '^[[:space:]]+(16|47) ' /proc/dahdi/1 /proc/dahdi/2
want=HDLCFCS
[ "$dchan" = mtp2 ] && want=MTP2
[ "$(grep -cE "^[[:space:]]+(16|47) .*$want" /proc/dahdi/1 /proc/dahdi/2 | awk -F: '{s+=$2} END {print s}')" = 2 ] ||
	fail "channels 16 and 47 are not $want"

# calls: <name> <orig chan> <orig opc> <term chan> <term opc> <orig args> -- <term args>
calls() {
	name=$1 oc=$2 oo=$3 tc=$4 to=$5
	shift 5
	oargs="" targs="" side=o
	for a in "$@"; do
		if [ "$a" = -- ]; then side=t; continue; fi
		if [ $side = o ]; then oargs="$oargs $a"; else targs="$targs $a"; fi
	done
	echo "+ [$name] libss7_peer -c $tc --opc $to --dpc $oo$targs &"
	# shellcheck disable=SC2086
	libss7_peer -c "$tc" --opc "$to" --dpc "$oo" $targs >"$name-term.out" 2>"$name-term.err" &
	tpid=$!
	echo "+ [$name] libss7_peer -c $oc --opc $oo --dpc $to$oargs"
	# shellcheck disable=SC2086
	libss7_peer -c "$oc" --opc "$oo" --dpc "$to" $oargs >"$name-orig.out" 2>"$name-orig.err"
	orc=$?
	wait $tpid
	trc=$?
	grep -v '^call ' "$name-orig.out" | sed "s/^/[$name orig] /"
	grep -v '^call ' "$name-term.out" | sed "s/^/[$name term] /"
	head -n 3 "$name-orig.out" | grep '^call ' | sed "s/^/[$name orig] /"
	head -n 3 "$name-term.out" | grep '^call ' | sed "s/^/[$name term] /"
	for f in "$name-orig.err" "$name-term.err"; do
		[ -s "$f" ] && tail -n 20 "$f" | sed "s/^/[$f] /"
	done
}

check_run() { # name calls
	ss7_check_calls "$1" "$2"
	# no struct isup_call left in libss7 after all calls (no leak, no stale CIC state)
	assert_eq "$1: libss7 calls left at the originator" 0 \
		"$(sed -n 's/^summary .* lib_calls=\([0-9-]*\) .*/\1/p' "$1-orig.out")"
	assert_eq "$1: libss7 calls left at the terminator" 0 \
		"$(sed -n 's/^summary .* lib_calls=\([0-9-]*\) .*/\1/p' "$1-term.out")"
}

# 1. A -> B, originator releases, sequential
calls ab 16 1 47 2 --originate "$CALLS" --calling 1380013XXXX --called 12345XXXX --category 10 \
	--timeout 150 -- --terminate "$CALLS" --expect-calling 1380013XXXX \
	--expect-called 12345XXXX --expect-category 10 --timeout 150
check_run ab "$CALLS"
grep -q "call n=1 cic=1 calling=13800130001 called=123450001 category=10 st=1 " ab-term.out ||
	fail "ab: first call not received as sent (with the ST end-of-number digit)"
grep -q 'summary .* grs_sent=1 gra=1 ' ab-orig.out || fail "ab: originator did not get GRA for its GRS"
grep -q 'summary .* grs_rx=1 ' ab-term.out || fail "ab: terminator did not receive the GRS"

# 2. B -> A, terminator releases, 4 calls in parallel, both sides reset
calls ba 47 2 16 1 --originate "$CALLS" --parallel 4 --await-grs --calling 02150XXXX \
	--called 120 --category 11 --hangup remote --timeout 150 -- --terminate "$CALLS" --grs \
	--hangup local --hold-ms 20 --expect-calling 02150XXXX --expect-called 120 \
	--expect-category 11 --timeout 150
check_run ba "$CALLS"
grep -q 'summary .* grs_sent=1 gra=1 grs_rx=1 ' ba-orig.out || fail "ba: GRS/GRA both ways missing"
grep -q 'summary .* grs_sent=1 gra=1 grs_rx=1 ' ba-term.out || fail "ba: GRS/GRA both ways missing"

# 3. the caller-ID check can fail: the terminator expects another number
calls bad 16 1 47 2 --originate 1 --calling 13800138000 --timeout 30 -- --terminate 1 \
	--expect-calling 13900139000 --timeout 30
assert_eq "bad: terminator exit with a wrong calling number" 1 "$trc"
grep -q 'calling=13800138000 .*result=calling-mismatch$' bad-term.out ||
	fail "bad: mismatch not reported"
echo "ok: a wrong calling number is reported as calling-mismatch"

# 4. nobody on the far end: the link never aligns, the peer times out with exit 1
libss7_peer -c 16 --originate 1 --timeout 5 >alone.out 2>alone.err
assert_eq "alone: exit without a peer" 1 "$?"
grep -q 'summary .*link_up_ms=-1 .*stopped=timeout' alone.out || { cat alone.out; fail "alone: no timeout summary"; }
echo "ok: without a peer the link does not come up and the run fails"

dahdi_cfg -s >/dev/null 2>&1
echo "libss7 <-> libss7 over DAHDI ($kind, $dchan): OK"
