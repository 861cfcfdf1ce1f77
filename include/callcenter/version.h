/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/version.h - library version, for run-time checks by integrators.
 */
#ifndef CALLCENTER_VERSION_H
#define CALLCENTER_VERSION_H

#include <callcenter/core.h>

/* Version of the headers the program was compiled with. */
#define CC_VERSION_MAJOR 0
#define CC_VERSION_MINOR 1
#define CC_VERSION_PATCH 0

/** cc_version() - version of the library actually loaded, e.g. "0.1.0". */
CC_API const char *cc_version(void);

/** cc_version_check() - is the loaded library compatible with these headers? */
CC_API bool cc_version_check(int major, int minor);

#endif /* CALLCENTER_VERSION_H */
