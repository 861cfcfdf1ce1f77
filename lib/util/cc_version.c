// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdio.h>
#include <stdlib.h>

#include <callcenter/version.h>

#ifndef CC_VERSION
#error "CC_VERSION must be defined by the build"
#endif

const char *cc_version(void)
{
	return CC_VERSION;
}

bool cc_version_check(int major, int minor)
{
	/* 0.x: minor releases may break the API, so they must match exactly. */
	if (major != CC_VERSION_MAJOR)
		return false;
	return CC_VERSION_MAJOR == 0 ? minor == CC_VERSION_MINOR : minor <= CC_VERSION_MINOR;
}

void cc_assert_fail(const char *expr, const char *file, int line)
{
	fprintf(stderr, "callcenter: assertion failed: %s (%s:%d)\n", expr, file, line);
	abort();
}
