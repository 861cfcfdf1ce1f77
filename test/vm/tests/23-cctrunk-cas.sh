#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 120
#
# cctrunk CAS: on the CAS pair (spans 3,4, cas=...:1101) each side first sees
# the far end's idle bits 1101; ABCD nibbles set on every channel of one span
# reach the same channel of the other span with DAHDI_EVENT_BITSCHANGED, both
# ways, 16 rounds; after span 4 is reconfigured the bits span 3 still sends are
# reported again.  No lockdep/"possible deadlock" report may appear (checked by
# the harness from the kernel log).
. /opt/cc/lib.sh
CCT_LIB=1 . /opt/cc/tests/20-cctrunk-spans.sh
cct_setup 2
run e1_cas -r 16 -i 1101 -c 4:94-124 3 4
echo "CAS OK"
