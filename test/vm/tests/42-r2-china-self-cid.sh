#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 480
#
# Our China No.1 R2 against itself over the cctrunk CAS pair: 100 calls on 8
# channels with called number, KA, calling number and KD by compelled MFC;
# the terminating side checks every number, both sides' call lists must be
# identical, and every incoming call's caller ID must appear on
# /dev/callcenter/callerid (read by cc-cid): 100 records, span 4, the channel's
# timeslot, source r2, the same calling/called numbers, category 1,
# presentation allowed.  Then 20 calls the other way with no calling number:
# records say presentation=unavailable.
# Our detector debounces, so MF misreads are not expected here; the bounded
# retry policy of doc/peers.md still applies (a loaded host can stall the guest
# longer than the 200 ms of tone we keep queued), and is reported.
. /opt/cc/lib.sh
R2T_LIB=1 . /opt/cc/tests/40-r2-itu-openr2.sh
r2t_setup
N=${R2T_CALLS:-100}
TA="$(a 17)-$(a 24)"
TB="$(b 17)-$(b 24)"

try=1
while :; do
	cc-cid -S r2 -s 4 -n "$N" -t 300 >cid.out 2>cid.err &
	cidpid=$!
	usleep 200000
	r2run self cc-r2 -V china -c "$TB" -T "$N" --called-len 8 --expect-called 1234XXXX \
		--expect-calling 1380013XXXX --expect-category 1 --timeout 300 -- \
		cc-r2 -V china -c "$TA" -o "$N" --called 1234XXXX --calling 1380013XXXX --timeout 300
	kill $cidpid 2>/dev/null
	wait $cidpid
	r2ok self "$N" $((93 - 62)) && break
	r2sporadic self "$N" $try
	[ $try -ge 3 ] && { r2t_inconclusive="$r2t_inconclusive self"; break; }
	try=$((try + 1))
done

if [ -z "$r2t_inconclusive" ]; then
	assert_eq "caller-ID records read by cc-cid" "$N" "$(grep -c '^seq=' cid.out)"
	# "<timeslot> <calling> <called>" from the device and from the terminating side
	sed -n 's/^seq=[0-9]* time=[^ ]* span=4 chan=\([0-9]*\) source=r2 calling=\([0-9]*\) called=\([0-9]*\) category=1 presentation=allowed screening=network flags=calling,called$/\1 \2 \3/p' \
		cid.out | sort >cid.set
	awk '{print $1 - 93, $2, $3}' self-term.set | sort >term-ts.set
	cmp -s cid.set term-ts.set || {
		diff cid.set term-ts.set | head -n 10
		fail "caller-ID records differ from the calls received"
	}
	echo "ok: $N caller-ID records on /dev/callcenter/callerid match the calls (timeslot, calling, called)"
fi

# --- the other way, no calling number: records say unavailable
cc-cid -S r2 -s 3 -n 20 -t 200 >cid2.out 2>cid2.err &
cidpid=$!
usleep 200000
r2try self-nocli 20 $((62 - 93)) \
	cc-r2 -V china -c "$TA" -T 20 --called-len 3 --expect-called 120 --expect-calling none \
	--timeout 200 -- \
	cc-r2 -V china -c "$TB" -o 20 --called 120 --no-calling --timeout 200
kill $cidpid 2>/dev/null
wait $cidpid
case " $r2t_inconclusive " in
*" self-nocli "*) ;;
*)
	assert_eq "caller-ID records without a number" 20 \
		"$(grep -c '^seq=.* span=3 .* source=r2 calling= called=120 category=1 presentation=unavailable .*flags=called$' cid2.out)"
	;;
esac

r2t_finish
echo "R2 China: cc-r2 <-> cc-r2, $N calls with caller ID on the device: OK"
