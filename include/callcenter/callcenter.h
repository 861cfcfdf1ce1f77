/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/callcenter.h - umbrella header for libcallcenter.
 */
#ifndef CALLCENTER_CALLCENTER_H
#define CALLCENTER_CALLCENTER_H

#include <callcenter/core.h>
#include <callcenter/crc.h>
#include <callcenter/log.h>
#include <callcenter/rd.h>
#include <callcenter/version.h>

#endif /* CALLCENTER_CALLCENTER_H */
