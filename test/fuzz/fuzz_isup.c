// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: ISUP decoder (lib/core/cc_isup.c).  Input = an ISUP
 * message from the CIC on.  Whatever decodes must re-encode, and the
 * re-encoding must be a fixed point (decode(encode(m)) encodes identically).
 * Parameters may overlap in a crafted message, so the re-encoding can be
 * longer than the input; past CC_ISUP_MAX_LEN it is not required to decode.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/proto/q763_isup.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t a[2048], b[2048];
	struct cc_isup_msg m, m2;
	int la, lb;

	if (cc_isup_decode(data, size, &m) != 0)
		return 0;
	la = cc_isup_encode(&m, a, sizeof(a));
	if (la < 0) {
		if (la != -EINVAL)
			abort();
		return 0;
	}
	if ((size_t)la > CC_ISUP_MAX_LEN)
		return 0;
	if (cc_isup_decode(a, (size_t)la, &m2) != 0)
		abort();
	lb = cc_isup_encode(&m2, b, sizeof(b));
	if (lb != la || memcmp(a, b, (size_t)la) != 0)
		abort();
	return 0;
}
