#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 120
#
# /dev/callcenter/callerid: two readers get the same records in order; a slow
# reader is told about the overrun once and continues; poll and blocking read
# wake on new records (and read on signals); unprivileged writers are refused
# while cid_writer_gid members may publish; malformed records are refused with
# EINVAL, counted, and never reach a reader; the filter ioctl selects by span
# range and source; the backlog is available on request.  The cc-cid utility
# publishes and prints records (text and JSON).
. /opt/cc/lib.sh
run modprobe dahdi
run modprobe cctrunk
test -c /dev/callcenter/callerid || fail "no /dev/callcenter/callerid"
ls -l /dev/callcenter/callerid
assert_eq "device mode" "crw-rw----" "$(ls -l /dev/callcenter/callerid | cut -c1-10)"
assert_eq "ring size (sysfs)" 4096 "$(cat /sys/class/misc/cc_callerid/ring_size)"
run cid_test all

# a reader holds the module: unloading is refused while it is open
sleep 3 </dev/callcenter/callerid &
sleep 1
rmmod cctrunk 2>/dev/null && fail "cctrunk unloaded while the caller-ID device is open"
wait
echo "ok: rmmod refused while the device is open"

if command -v cc-cid >/dev/null; then
	cc-cid --help | grep -q 'publish' || fail "cc-cid --help"
	cc-cid -n 2 -t 10 >cid.txt &
	cc-cid -j -n 2 -t 10 -s 3-4 >cid.json &
	sleep 1
	run cc-cid publish --span 3 --channel 7 --source r2 --calling 13800138000 --called 120 --category 1
	run cc-cid publish --span 9 --channel 1 --source isup --calling 02012345678 --called 12345 --presentation restricted
	run cc-cid publish --span 4 --channel 2 --source tup --calling 0755 --called 120
	cc-cid publish --span 1 --source isup --calling 12x34 2>/dev/null && fail "cc-cid published a bad number"
	wait
	# a malformed numeric option is a usage error (exit 2), not span 3 (as atoi read it)
	cc-cid publish --span 3x --source isup --calling 1 2>err.txt
	assert_eq "cc-cid publish --span 3x: exit" 2 "$?"
	grep -q "bad span '3x'" err.txt || fail "cc-cid: no message for a bad span"
	cat cid.txt cid.json
	grep -q 'span=3 chan=7 source=r2 calling=13800138000 called=120' cid.txt || fail "cc-cid text"
	grep -q 'span=9 .*presentation=restricted' cid.txt || fail "cc-cid text 2"
	assert_eq "JSON records (filtered spans 3-4)" 2 "$(grep -c '^{"seq":' cid.json)"
	grep -q '"span":4,"channel":2,"source":"tup","calling":"0755"' cid.json || fail "cc-cid JSON"
	grep -q '"span":9' cid.json && fail "cc-cid filter"
	cc-cid stats | grep -q 'rejected=' || fail "cc-cid stats"
fi
echo "caller-ID device OK"
