#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# timeout: 3
# Harness self-test: hangs (and leaves a child behind); must be killed after 3 s
# and reported as timed out, and the next test must still run.
sleep 1000 &
sleep 1000
