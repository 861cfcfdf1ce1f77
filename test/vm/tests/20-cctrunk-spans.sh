#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 120
#
# cctrunk: two virtual E1 pairs register with DAHDI, are assigned from an
# assigned-spans.conf by dahdi_span_assignments, and configure with an ordinary
# system.conf: pair 0 as a CCS pair (dchan on TS16, CRC-4), pair 1 as a CAS
# pair (R2-style cas= with idle 1101).  /proc/dahdi and dahdi_scan show four E1
# spans; the sysfs impairment knobs exist and reject bad input.
#
# Other cctrunk tests source this file with CCT_LIB=1 to reuse cct_setup.

# cct_setup [PAIRS]: load dahdi + cctrunk, assign and configure spans 1..4
# (pair 0 CCS: spans 1,2; pair 1 CAS: spans 3,4).  Extra module parameters for
# cctrunk come from $CCT_PARAMS.
cct_setup() {
	_pairs=${1:-2}
	modprobe dahdi || fail "modprobe dahdi"
	modprobe cctrunk pairs="$_pairs" $CCT_PARAMS || fail "modprobe cctrunk pairs=$_pairs"
	: >/etc/dahdi/assigned-spans.conf
	_p=0
	while [ $_p -lt "$_pairs" ]; do
		_s=$((_p * 2 + 1))
		echo "cctrunk-$_p 1:$_s:$(((_s - 1) * 31 + 1))" >>/etc/dahdi/assigned-spans.conf
		echo "cctrunk-$_p 2:$((_s + 1)):$((_s * 31 + 1))" >>/etc/dahdi/assigned-spans.conf
		_p=$((_p + 1))
	done
	dahdi_span_assignments add >/dev/null 2>&1 || fail "dahdi_span_assignments add"
	wait_for 10 test -e "/proc/dahdi/$((_pairs * 2))" || fail "spans not assigned"
	{
		echo "# pair 0: CCS, HDB3, CRC-4; D-channel on TS16"
		echo "span=1,1,0,ccs,hdb3,crc4"
		echo "span=2,0,0,ccs,hdb3,crc4"
		echo "bchan=1-15,17-31,32-46,48-62"
		echo "dchan=16,47"
		if [ "$_pairs" -ge 2 ]; then
			echo "# pair 1: CAS (R2 line signalling), HDB3; TS16 carries the ABCD bits"
			echo "span=3,0,0,cas,hdb3"
			echo "span=4,0,0,cas,hdb3"
			echo "cas=63-77,79-93:1101"
			echo "cas=94-108,110-124:1101"
		fi
		_p=2
		while [ $_p -lt "$_pairs" ]; do
			_s=$((_p * 2 + 1))
			_b=$(((_s - 1) * 31))
			echo "span=$_s,0,0,ccs,hdb3,crc4"
			echo "span=$((_s + 1)),0,0,ccs,hdb3,crc4"
			echo "bchan=$((_b + 1))-$((_b + 15)),$((_b + 17))-$((_b + 31))"
			echo "bchan=$((_b + 32))-$((_b + 46)),$((_b + 48))-$((_b + 62))"
			echo "dchan=$((_b + 16)),$((_b + 47))"
			_p=$((_p + 1))
		done
		echo "alaw=1-$((_pairs * 62))"
		echo "loadzone=us"
		echo "defaultzone=us"
	} >/etc/dahdi/system.conf
	dahdi_cfg >dahdi_cfg.out 2>&1 || { cat dahdi_cfg.out; fail "dahdi_cfg"; }
}

# cct_sys PAIR SIDE KNOB: path of a sysfs knob
cct_sys() { echo "/sys/devices/cctrunk/pair$1/$2/$3"; }

[ -n "$CCT_LIB" ] && return 0

. /opt/cc/lib.sh
cct_setup 2
cat /etc/dahdi/assigned-spans.conf
echo "--- dahdi_span_assignments list"
dahdi_span_assignments list 2>&1
echo "--- /proc/dahdi"
for f in /proc/dahdi/[0-9]*; do echo "== $f"; cat "$f"; done
echo "--- dahdi_scan"
dahdi_scan | tee scan.txt

assert_eq "spans in /proc/dahdi" 4 "$(ls /proc/dahdi | grep -c '^[0-9]')"
grep -q '^Span 1: CCT/0/A "cctrunk E1 pair 0 span A" CCS/HDB3/CRC4 ' /proc/dahdi/1 ||
	fail "span 1 title / line config"
grep -q 'Span 4: CCT/1/B ' /proc/dahdi/4 || fail "span 4 title"
grep -q '^Span 3: CCT/1/A "cctrunk E1 pair 1 span A" HDB3 ' /proc/dahdi/3 ||
	fail "span 3 title / line config"
# a clean start counts no errors
cat /proc/dahdi/[1-4] | grep -E 'count|slips' && fail "errors counted on a clean line"
assert_eq "channels in /proc/dahdi" 124 "$(cat /proc/dahdi/[1-4] | grep -cE '^[[:space:]]+[0-9]+ ')"
assert_eq "clear bearer channels (CCS pair)" 60 "$(cat /proc/dahdi/1 /proc/dahdi/2 | grep -c 'Clear')"
assert_eq "HDLC D-channels (CCS pair)" 2 "$(cat /proc/dahdi/1 /proc/dahdi/2 | grep -c 'HDLCFCS')"
assert_eq "CAS channels (CAS pair)" 60 "$(cat /proc/dahdi/3 /proc/dahdi/4 | grep -c ' CAS')"
assert_eq "dahdi_scan spans" 4 "$(grep -c '^\[[0-9]*\]' scan.txt)"
assert_eq "dahdi_scan E1 spans" 4 "$(grep -c '^type=digital-E1' scan.txt)"
assert_eq "dahdi_scan CCS framing" 2 "$(grep -c '^framing=CCS' scan.txt)"
assert_eq "dahdi_scan CAS framing" 2 "$(grep -c '^framing=CAS' scan.txt)"
assert_eq "dahdi_scan total channels" 124 \
	"$(sed -n 's/^totchans=//p' scan.txt | awk '{s+=$1} END {print s}')"
grep -q '^manufacturer=callcenter' scan.txt || fail "manufacturer"

# TS16 of a CAS span cannot take a signalling type (sigcap 0, as on real E1 cards)
cat >bad.conf <<CONF
span=3,0,0,cas,hdb3
cas=63-77,79-93:1101
dchan=78
CONF
dahdi_cfg -c bad.conf -S 3 >bad.out 2>&1 && fail "dchan on TS16 of a CAS span accepted"
echo "ok: dchan on CAS TS16 refused: $(tail -n 1 bad.out)"

# the line comes up without alarms (all four spans started, clean line)
sleep 1
for p in 0 1; do
	for side in a b; do
		assert_eq "alarms pair$p/$side" OK "$(cat "$(cct_sys $p $side alarms)")"
		assert_eq "defects pair$p/$side" none "$(cat "$(cct_sys $p $side defects)")"
	done
done
assert_eq "span number of pair1/b" 4 "$(cat "$(cct_sys 1 b spanno)")"

# impairment knobs validate their input
k=$(cct_sys 0 a ber)
for bad in 2e-3 1e-8 1e-2 abc 1e- -1e-5 1.5e-5; do
	echo "$bad" >"$k" 2>/dev/null && fail "ber accepted '$bad'"
done
echo 1e-5 >"$k" || fail "ber 1e-5 refused"
assert_eq "ber readback" 1e-5 "$(cat "$k")"
echo 0 >"$k" || fail "ber 0 refused"
echo 501 >"$(cct_sys 0 a delay_ms)" 2>/dev/null && fail "delay_ms 501 accepted"
echo 5 >"$(cct_sys 0 a slip_interval_ms)" 2>/dev/null && fail "slip_interval_ms 5 accepted"
echo maybe >"$(cct_sys 0 a cut)" 2>/dev/null && fail "cut accepted 'maybe'"
echo "ok: knobs reject bad values"

dahdi_cfg -s >/dev/null 2>&1
echo "cctrunk spans OK"
