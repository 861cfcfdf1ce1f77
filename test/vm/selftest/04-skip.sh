#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Harness self-test: must be reported as skipped (exit 77).
exit 77
