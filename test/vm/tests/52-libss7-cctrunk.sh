#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 300
#
# 50-libss7-loopback.sh over our cctrunk virtual E1 pair instead of
# dahdi_dynamic_loc: the signalling channels are mtp2= (DAHDI repeats the last
# SU and drops repeated ones; libss7 uses its DAHDIMTP2 transport), which
# dahdi_dynamic cannot offer.  Skips (77) when cctrunk is not in the guest.
SS7_TRANSPORT=cctrunk exec sh /opt/cc/tests/50-libss7-loopback.sh
