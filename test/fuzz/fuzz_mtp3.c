// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: MTP3 SIO/label, SNM and SLTM decoders (lib/core/cc_mtp3.c).
 * The first octet selects the variant (bit 0: 0 China, 1 ITU); the rest is an
 * MSU from the SIO on.  Decoded parts must re-encode to the same octets (SNM
 * and SLTM bodies up to what they consumed; spare bits aside).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/proto/q704_mtp3.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum cc_mtp3_variant v;
	struct cc_mtp3_hdr h, h2;
	struct cc_mtp3_snm snm;
	struct cc_mtp3_sltm sltm;
	struct cc_rd rd, rd2;
	struct cc_wr wr;
	uint8_t out[64];
	size_t start;

	if (size < 1)
		return 0;
	v = (data[0] & 1) ? CC_MTP3_ITU : CC_MTP3_CHINA;
	cc_rd_init(&rd, data + 1, size - 1);
	if (cc_mtp3_hdr_decode(v, &rd, &h) != 0)
		return 0;
	cc_wr_init(&wr, out, sizeof(out));
	if (cc_mtp3_hdr_encode(v, &h, &wr) != 0)
		abort();
	cc_rd_init(&rd2, out, cc_wr_len(&wr));
	if (cc_mtp3_hdr_decode(v, &rd2, &h2) != 0 || h2.rl.dpc != h.rl.dpc ||
	    h2.rl.opc != h.rl.opc || h2.rl.sls != h.rl.sls || h2.si != h.si || h2.ni != h.ni)
		abort();
	start = cc_rd_pos(&rd);
	if (h.si == CC_MTP3_SI_SNM && cc_mtp3_snm_decode(v, &rd, &snm) == 0) {
		cc_wr_init(&wr, out, sizeof(out));
		if (cc_mtp3_snm_encode(v, &snm, &wr) != 0)
			abort();
		if (cc_wr_len(&wr) != cc_rd_pos(&rd) - start)
			abort();
	}
	cc_rd_init(&rd, data + 1 + start, size - 1 - start);
	if (cc_mtp3_sltm_decode(&rd, &sltm) == 0) {
		cc_wr_init(&wr, out, sizeof(out));
		if (cc_mtp3_sltm_encode(&sltm, &wr) != 0 || cc_wr_len(&wr) != cc_rd_pos(&rd))
			abort();
		if (memcmp(out + 2, data + 1 + start + 2, sltm.len) != 0)
			abort();
	}
	return 0;
}
