#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make demo`, guest side: bring up what exists of the call center on the
# virtual E1 line simulator and show it.  It says plainly what is not there yet.
. /opt/cc/lib.sh

say() { printf '\n=== %s\n' "$*"; }

say "callcenter demo on $(uname -r) (Debian kernel under qemu)"
modprobe dahdi auto_assign_spans=1 || fail "cannot load dahdi"
if modprobe cctrunk pairs=1 2>/dev/null; then
	say "cctrunk loaded: one virtual E1 pair (span A <-> span B)"
	cat >/etc/dahdi/system.conf <<CONF
span=1,1,0,ccs,hdb3,crc4
span=2,0,0,ccs,hdb3,crc4
bchan=1-15,17-31
mtp2=16
bchan=32-46,48-62
mtp2=47
alaw=1-62
loadzone=cn
defaultzone=cn
CONF
	if [ ! -e /sys/bus/dahdi_spans/devices/span-1 ]; then
		for d in /sys/bus/dahdi_devices/devices/*; do echo 1 >"$d/auto_assign"; done
	fi
	dahdi_cfg -v >/dev/null || echo "dahdi_cfg failed"
else
	say "cctrunk (our virtual E1 pair driver) is not built yet:"
	echo "showing DAHDI's own local dynamic spans (dahdi_dynamic_loc) as the line instead"
	modprobe dahdi_dynamic_loc || fail "cannot load dahdi_dynamic_loc"
	cat >/etc/dahdi/system.conf <<CONF
dynamic=loc,1:0,31,0
dynamic=loc,1:1,31,0
bchan=1-62
alaw=1-62
CONF
	dahdi_cfg >/dev/null || fail "dahdi_cfg failed"
fi
wait_for 10 test -e /proc/dahdi/2

say "spans (cc-span list)"
cc-span list
say "span 1 in detail (cc-span show 1)"
cc-span show 1
say "alarm check (cc-span check)"
cc-span check
say "/proc/dahdi/1 (first lines)"
head -n 8 /proc/dahdi/1
say "what works so far"
echo " - Debian 12 kernel $(uname -r), DAHDI $(cat /sys/module/dahdi/version 2>/dev/null) built from dahdi-source, dahdi-tools"
echo " - libcallcenter $(ls /lib/x86_64-linux-gnu/libcallcenter.so.* | tail -n1 | sed 's/.*\.so\.//'), cc-span"
for p in /opt/cc/bin/* /opt/cc/sbin/*; do [ -x "$p" ] && echo "   program: $(basename "$p")"; done
say "not there yet"
echo " - signalling stacks on the line (China No.7 ISUP/TUP, China No.1 R2): no calls are placed"
echo " - ACD, CTI server (ccd), recorder (ccrecd), alarm and UPS daemons"
echo "demo finished"
