#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make demo`, guest side: bring up what exists of the call center on the
# virtual E1 line simulator and show it working.  It says plainly what is not
# there yet.
. /opt/cc/lib.sh

say() { printf '\n=== %s\n' "$*"; }
show() { echo "\$ $*"; "$@"; }

say "callcenter demo on Debian kernel $(uname -r) under qemu"
modprobe dahdi || fail "cannot load dahdi"
modprobe cctrunk pairs=2 || fail "cannot load cctrunk"
echo "cctrunk loaded: 2 virtual E1 pairs, each two E1 spans wired back to back"

say "assign and configure the spans as a technician would"
cat >/etc/dahdi/assigned-spans.conf <<CONF
cctrunk-0 1:1:1
cctrunk-0 2:2:32
cctrunk-1 1:3:63
cctrunk-1 2:4:94
CONF
cat >/etc/dahdi/system.conf <<CONF
# pair 0: China No.7 CCS trunk, HDB3, CRC-4, MTP2 signalling link on TS16
span=1,1,0,ccs,hdb3,crc4
span=2,0,0,ccs,hdb3,crc4
bchan=1-15,17-31,32-46,48-62
mtp2=16,47
# pair 1: China No.1 (R2) style CAS trunk: ABCD line signalling in TS16
span=3,0,0,cas,hdb3
span=4,0,0,cas,hdb3
cas=63-77,79-93:1101
cas=94-108,110-124:1101
alaw=1-124
loadzone=us
defaultzone=us
CONF
show cat /etc/dahdi/assigned-spans.conf
dahdi_span_assignments add >/dev/null 2>&1 || fail "dahdi_span_assignments add"
wait_for 10 test -e /proc/dahdi/4 || fail "spans not assigned"
dahdi_cfg || fail "dahdi_cfg"
sleep 3 # frame alignment and the RED/RECOVER integration settle

say "spans, alarms and counters (cc-span)"
show cc-span list
show cc-span check

say "a technician cuts the line into span 2 (sysfs impairment)"
echo 1 >/sys/devices/cctrunk/pair0/b/cut
sleep 3
show cc-span list
echo "span 2 sees loss of signal (RED), span 1 sees the far end's alarm (YELLOW):"
cc-span check; echo "cc-span check exit status: $? (3 = a span is in alarm)"
echo 0 >/sys/devices/cctrunk/pair0/b/cut
echo "line restored; after the recovery time:"
sleep 6
show cc-span check

say "bit errors at 1e-4 on span 2 for 2 seconds, then the counters"
echo 1e-4 >/sys/devices/cctrunk/pair0/b/ber
sleep 2
echo 0 >/sys/devices/cctrunk/pair0/b/ber
show cc-span show 2

say "China No.7: the exchange (span 2) calls the center (span 1), China ISUP, 24-bit point codes"
cc-cid read -n 5 -t 90 >cid.txt &
reader=$!
sleep 0.5
cc-ss7 -c 16 --variant china --opc 1-2-3 --dpc 4-5-6 --cic 1-31 -T 3 --timeout 60 >center.txt 2>&1 &
center=$!
show cc-ss7 -c 47 --variant china --opc 4-5-6 --dpc 1-2-3 --cic 1-31 -o 3 --called 120 \
	--calling 1380013800X --timeout 60
wait $center
echo "--- the center's side:"
cat center.txt

say "China No.1 (R2): 2 calls on the CAS pair, called number, category and calling number by MFC"
cc-r2 -V china -c 63-64 -T 2 --called-len 5 --timeout 60 >r2center.txt 2>&1 &
center=$!
show cc-r2 -V china -c 94-95 -o 2 --called 12345 --calling 1390000000X --timeout 60
wait $center
echo "--- the center's side:"
cat r2center.txt
wait $reader

say "caller ID stream: every reader gets every incoming call (cc-cid)"
show cat cid.txt
show cc-cid stats

say "ACD: 100 calls per 30 min, AHT 180 s, 13 dispatchers (engine-driven simulation vs Erlang C)"
show cc-acd-sim -n 20000 -r 200 -a 13 -t 180 -T 20 | grep -E 'service_level|asa|erlang|offered|answered'

say "not there yet"
echo " - CTI server (ccd), recorder (ccrecd), alarm (ccalarmd) and UPS (ccupsd) daemons: the"
echo "   stacks and the ACD are libraries today, driven here by their test utilities"
echo "demo finished"
