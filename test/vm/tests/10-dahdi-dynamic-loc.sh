#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 90
#
# Proves that the harness, Debian's DAHDI (built from dahdi-source) and
# dahdi-tools work together on this kernel: two back-to-back local dynamic E1
# spans (dahdi_dynamic_loc) configured by dahdi_cfg from a system.conf written
# here; /proc/dahdi and dahdi_scan must show both spans and their 62 channels.
. /opt/cc/lib.sh

echo "kernel: $(uname -r)"
# Debian's DAHDI defaults to auto_assign_spans=0 and expects udev to run
# dahdi_span_assignments; dahdi_cfg creates dynamic spans and waits for them to
# be assigned, so with no udev in the guest we ask the core to assign them.
run modprobe dahdi auto_assign_spans=1
run modprobe dahdi_dynamic
run modprobe dahdi_dynamic_loc
grep -q '^dahdi ' /proc/modules || fail "dahdi not loaded"

cat >/etc/dahdi/system.conf <<CONF
# two local dynamic spans, cross-connected by key 1 (TDMoL)
dynamic=loc,1:0,31,0
dynamic=loc,1:1,31,0
bchan=1-31
bchan=32-62
alaw=1-62
loadzone=us
defaultzone=us
CONF
run dahdi_cfg -vv

wait_for 10 test -e /proc/dahdi/2 || fail "span 2 did not appear in /proc/dahdi"
echo "--- /proc/dahdi"
for f in /proc/dahdi/*; do echo "== $f"; cat "$f"; done
echo "--- dahdi_scan"
dahdi_scan | tee scan.txt

spans=$(ls /proc/dahdi | grep -c '^[0-9]')
assert_eq "spans in /proc/dahdi" 2 "$spans"
chans=$(cat /proc/dahdi/1 /proc/dahdi/2 | grep -cE '^[[:space:]]+[0-9]+ ')
assert_eq "channels in /proc/dahdi" 62 "$chans"
grep -q 'DYN/loc/1:0' /proc/dahdi/1 || fail "span 1 is not the dynamic loc span 1:0"
grep -q 'DYN/loc/1:1' /proc/dahdi/2 || fail "span 2 is not the dynamic loc span 1:1"
assert_eq "dahdi_scan spans" 2 "$(grep -c '^\[[0-9]*\]' scan.txt)"
assert_eq "dahdi_scan total channels" 62 \
	"$(sed -n 's/^totchans=//p' scan.txt | awk '{s+=$1} END {print s}')"
# each channel is configured as a clear channel with A-law
assert_eq "clear channels" 62 "$(cat /proc/dahdi/1 /proc/dahdi/2 | grep -c 'Clear')"

# our technician tool reads the same spans through DAHDI_SPANSTAT
echo "--- cc-span"
cc-span list | tee span.txt
assert_eq "cc-span spans" 2 "$(grep -c '^span=' span.txt)"
grep -q '^span=2 name=DYN/loc/1:1 .*alarms=OK .*channels=31' span.txt || fail "cc-span list: span 2 wrong"
cc-span -j show 1 | tee span1.json
grep -q '"span":1,"name":"DYN/loc/1:0"' span1.json || fail "cc-span -j show 1: wrong JSON"
cc-span check || fail "cc-span check: exit $? with both spans OK"
cc-span show 9; rc=$?
assert_eq "cc-span show of a missing span exits" 1 "$rc"

dahdi_cfg -s >/dev/null 2>&1 # shut the spans down; the harness unloads the modules
echo "dahdi + dahdi_dynamic_loc + dahdi-tools OK"
