#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 400
#
# 51-openr2-loopback.sh over the CAS pair of our cctrunk virtual E1 driver
# (spans 3 and 4) instead of dahdi_dynamic_loc: the same checks with 30 + 15 ITU
# calls, and the raw received ABCD bits must be the far end's nibble only (no
# dahdi_dynamic nibble bug).  Skips (77) when cctrunk is not in the guest.
R2_TRANSPORT=cctrunk R2_CALLS=${R2_CALLS:-30} exec sh /opt/cc/tests/51-openr2-loopback.sh
