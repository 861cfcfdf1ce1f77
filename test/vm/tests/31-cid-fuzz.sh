#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 300
#
# /dev/callcenter/callerid under 100000 random writes (random bytes, mutated
# records, valid batches) with a reader draining concurrently: every record
# read is valid and in sequence, the module's published/rejected counters
# match what write() returned, and the device still works afterwards.
. /opt/cc/lib.sh
run modprobe dahdi
run modprobe cctrunk
run cid_fuzz -n 100000 -s 0x5eed
cat /sys/class/misc/cc_callerid/published /sys/class/misc/cc_callerid/rejected
echo "caller-ID fuzz OK"
