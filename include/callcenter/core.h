/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/core.h - portable base definitions shared by every libcallcenter module.
 *
 * This header is usable in three environments: hosted userspace, freestanding
 * (lib/core is compiled with -ffreestanding -nostdinc as a portability check) and
 * the Linux kernel (kernel/ compiles lib/core sources).  It provides fixed-width
 * types, CC_API for exported symbols, CC_MUST_CHECK and CC_ASSERT.
 */
#ifndef CALLCENTER_CORE_H
#define CALLCENTER_CORE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/bug.h>
#include <linux/errno.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#if __STDC_HOSTED__
#include <errno.h>
#else
/* Freestanding build (portability check): the Linux errno values we use. */
#define ENOENT	  2
#define ENOMEM	  12
#define EBUSY	  16
#define EEXIST	  17
#define ENODEV	  19
#define EINVAL	  22
#define ENOSPC	  28
#define ERANGE	  34
#define EPROTO	  71
#define EBADMSG	  74
#define EOVERFLOW 75
#define EMSGSIZE  90
#define ENOTSUP	  95
#define ETIMEDOUT 110
#define EALREADY  114
#define EAGAIN	  11
#endif
#endif

#define CC_API		 __attribute__((visibility("default")))
#define CC_MUST_CHECK	 __attribute__((warn_unused_result))
#define CC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * CC_ASSERT() is for programmer invariants only.  Anything that comes from the
 * line, a peer, a config file or a client is validated and counted instead.
 */
#if defined(__KERNEL__)
#define CC_ASSERT(x) WARN_ON_ONCE(!(x))
#elif defined(NDEBUG) || defined(CC_FREESTANDING)
#define CC_ASSERT(x) ((void)0)
#else
CC_API void cc_assert_fail(const char *expr, const char *file, int line) __attribute__((noreturn));
#define CC_ASSERT(x) ((x) ? (void)0 : cc_assert_fail(#x, __FILE__, __LINE__))
#endif

#endif /* CALLCENTER_CORE_H */
