#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 420
#
# Our China No.1 R2 (cc-r2 -V china) against OpenR2 1.3.3's CN variant over the
# cctrunk CAS pair, both directions, as far as OpenR2 can go:
#  1. OpenR2 originates with an ANI configured; we terminate and ask for the
#     calling number the China way (A6 after the whole called number, KA, then
#     A1 per digit).  OpenR2's known defect (signalling-facts 5.5.1,
#     doc/peers.md): as forward side it sends KA but never a calling digit.  We
#     complete every call anyway (T_DIGIT, then A3 pulsed) with the called
#     number and KA, the calling number "unavailable", and the caller-ID record
#     on /dev/callcenter/callerid says presentation=unavailable with no number.
#     The test asserts exactly that: an OpenR2 that sends the ANI makes it fail
#     and this note gets revised.
#  2. we originate with calling numbers; OpenR2 terminates and asks for the ANI
#     after the first DNIS digit (its default): it receives and checks ANI,
#     DNIS and category of every call, i.e. our China forward side delivers
#     what OpenR2's own forward side cannot;
#  3. the same with OpenR2 asking for the ANI after the whole DNIS (as a China
#     exchange does).
# Sporadic OpenR2 MF misreads: bounded retries as in 40-r2-itu-openr2.sh.
. /opt/cc/lib.sh
R2T_LIB=1 . /opt/cc/tests/40-r2-itu-openr2.sh
r2t_setup
N=${R2T_CALLS:-8}

# --- 1. OpenR2 CN forward side -> our backward side: no ANI arrives
cc-cid -S r2 -s 4 -n 4 -t 150 >cid1.out 2>cid1.err &
cidpid=$!
usleep 200000
r2run cn-in cc-r2 -V china -c "$(b 17),$(b 19)" -T 4 --called-len 9 --expect-called 12345678X \
	--expect-calling none --expect-category 1 --timeout 120 -- \
	openr2_peer -V CN -c "$(a 17),$(a 19)" -o 4 --ani 13800138000 --dnis 12345678X --bufs 32 \
	--timeout 120
wait $cidpid
cat cid1.out
if [ "$orc" != 0 ] || [ "$trc" != 0 ]; then
	bad=$(grep -h '^call ' cn-in-orig.out cn-in-term.out | grep -vc 'result=ok$')
	[ "$bad" -le 2 ] || fail "cn-in: $bad calls failed (exit $orc/$trc)"
	# a sporadic MF misread of a DNIS digit (doc/peers.md); the defect checks below
	# still need every call, so this run is inconclusive
	r2t_inconclusive="$r2t_inconclusive cn-in"
else
	assert_eq "cn-in: calls completed by us with called number and KA, no calling number" 4 \
		"$(grep -c '^call .* dir=in called=12345678[0-9] calling=- category=1 .*result=ok$' cn-in-term.out)"
	assert_eq "cn-in: OpenR2 was configured with an ANI (not sent: its defect)" 4 \
		"$(grep -c '^call .* ani=13800138000 .*result=ok$' cn-in-orig.out)"
	assert_eq "cn-in: caller-ID records, calling number unavailable" 4 \
		"$(grep -c '^seq=.* span=4 chan=\(17\|19\) source=r2 calling= called=12345678[0-9] category=1 presentation=unavailable .*flags=called$' cid1.out)"
	echo "ok: OpenR2 CN forward side sends KA but no calling digit (known defect); our side completes the call and publishes 'unavailable'"
fi

# --- 2. our China forward side -> OpenR2 CN backward side, ANI asked after digit 1
r2try cn-out "$N" $((62 - 93)) \
	openr2_peer -V CN -c "$(a 21),$(a 23),$(a 25),$(a 27)" -T "$N" --expect-ani 1380013XXXX \
	--expect-dnis 12345678X --max-dnis 9 --expect-category national --bufs 32 --timeout 200 -- \
	cc-r2 -V china -c "$(b 21),$(b 23),$(b 25),$(b 27)" -o "$N" --called 12345678X \
	--calling 1380013XXXX --timeout 200

# --- 3. the same, OpenR2 asking for the ANI after the whole DNIS
r2try cn-out-last 4 $((62 - 93)) \
	openr2_peer -V CN -c "$(a 29),$(a 31)" -T 4 --no-ani-first --expect-ani 1380013XXXX \
	--expect-dnis 12345678X --max-dnis 9 --bufs 32 --timeout 120 -- \
	cc-r2 -V china -c "$(b 29),$(b 31)" -o 4 --called 12345678X --calling 1380013XXXX \
	--timeout 120

r2t_finish
echo "R2 China: cc-r2 <-> OpenR2 1.3.3 CN both directions (OpenR2's ANI defect shown): OK"
