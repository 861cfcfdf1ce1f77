#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Harness self-test: must be reported as FAIL with this output shown.
echo "selftest-fail-marker"
exit 3
