#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 120
#
# cctrunk D-channel: HDLC frames written on TS16 (dchan=) of span A arrive on
# TS16 of span B in order, byte-identical, with a correct CRC-16/X.25 FCS, and
# the reverse; DAHDI reports no bad FCS or abort.
. /opt/cc/lib.sh
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 2
run e1_hdlc -n 1000 -t 60 1/16 2/16
echo "HDLC OK"
