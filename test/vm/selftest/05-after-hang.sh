#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Harness self-test: runs after the hanging test; the hung test's children must be gone.
if pgrep -f 'sleep 1000' >/dev/null 2>&1 || ps | grep -v grep | grep -q 'sleep 1000'; then
	echo "leftover process from the hung test"
	exit 1
fi
exit 0
