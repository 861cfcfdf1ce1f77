// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: China/ITU TUP decoder (lib/core/cc_tup.c).  The first
 * octet selects the variant (bit 0: 0 China, 1 ITU); the rest is a TUP message
 * after the SIO.  Decoded messages must re-encode to a fixed point.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/proto/gf001_tup.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t a[1024], b[1024];
	enum cc_mtp3_variant v;
	struct cc_tup_msg m, m2;
	int la, lb;

	if (size < 1)
		return 0;
	v = (data[0] & 1) ? CC_MTP3_ITU : CC_MTP3_CHINA;
	if (cc_tup_decode(v, data + 1, size - 1, &m) != 0)
		return 0;
	la = cc_tup_encode(v, &m, a, sizeof(a));
	if (la < 0) {
		if (la != -EINVAL)
			abort();
		return 0;
	}
	if ((size_t)la > CC_TUP_MAX_LEN)
		return 0;
	if (cc_tup_decode(v, a, (size_t)la, &m2) != 0)
		abort();
	lb = cc_tup_encode(v, &m2, b, sizeof(b));
	if (lb != la || memcmp(a, b, (size_t)la) != 0)
		abort();
	return 0;
}
