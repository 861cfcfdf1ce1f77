// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for lib/core/cc_mtp3.c: SIO, ITU 14-bit / China 24-bit routing
 * labels, SNM and SLTM/SLTA codecs.
 *
 * Golden vectors: the China label of the worked IAM in the reference notes
 * §2.3 (decoded by tshark 4.0.17 with mtp3.standard "Chinese ITU" as DPC
 * 1-2-3, OPC 4-5-6, SLS 1), and ITU labels checked the same way with the ITU
 * preference (test/vectors/q704/README).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/proto/q704_mtp3.h>

static void assert_label_equal(const struct cc_mtp3_label *a, const struct cc_mtp3_label *b)
{
	assert_int_equal(a->dpc, b->dpc);
	assert_int_equal(a->opc, b->opc);
	assert_int_equal(a->sls, b->sls);
}

static void assert_snm_equal(const struct cc_mtp3_snm *a, const struct cc_mtp3_snm *b)
{
	assert_int_equal(a->heading, b->heading);
	assert_int_equal(a->fsn, b->fsn);
	assert_int_equal(a->cbc, b->cbc);
	assert_int_equal(a->dest, b->dest);
	assert_int_equal(a->upu_up, b->upu_up);
	assert_int_equal(a->upu_cause, b->upu_cause);
	assert_int_equal(a->tfc_status, b->tfc_status);
	assert_int_equal(a->nraw, b->nraw);
	assert_memory_equal(a->raw, b->raw, a->nraw);
}

static void mtp3_china_label_golden_decodes(void **state)
{
	/* SIO 0x85 + label of reference §2.3 */
	const uint8_t b[] = { 0x85, 0x03, 0x02, 0x01, 0x06, 0x05, 0x04, 0x01 };
	struct cc_mtp3_hdr h;
	struct cc_rd rd;
	char s[16];

	(void)state;
	cc_rd_init(&rd, b, sizeof(b));
	assert_int_equal(cc_mtp3_hdr_decode(CC_MTP3_CHINA, &rd, &h), 0);
	assert_int_equal(h.si, CC_MTP3_SI_ISUP);
	assert_int_equal(h.ni, CC_MTP3_NI_NAT);
	assert_int_equal(h.rl.dpc, 0x010203);
	assert_int_equal(h.rl.opc, 0x040506);
	assert_int_equal(h.rl.sls, 1);
	assert_int_equal(cc_rd_left(&rd), 0);
	assert_int_equal(cc_mtp3_pc_fmt_buf(CC_MTP3_CHINA, h.rl.dpc, s, sizeof(s)), 5);
	assert_string_equal(s, "1-2-3");
}

static void mtp3_china_label_spare_bits_ignored(void **state)
{
	const uint8_t b[] = { 0x03, 0x02, 0x01, 0x06, 0x05, 0x04, 0xf7 };
	struct cc_mtp3_label rl;
	struct cc_rd rd;

	(void)state;
	cc_rd_init(&rd, b, sizeof(b));
	assert_int_equal(cc_mtp3_label_decode(CC_MTP3_CHINA, &rd, &rl), 0);
	assert_int_equal(rl.sls, 7);
}

static void mtp3_itu_label_golden(void **state)
{
	/* DPC 515 (0x203), OPC 6148 (0x1804), SLS 0: the ITU reading of reference §2.3's
	 * bytes "03 02 01 06", which tshark prints with the default ITU preference */
	const uint8_t b[] = { 0x03, 0x02, 0x01, 0x06 };
	struct cc_mtp3_label rl, rl2;
	struct cc_rd rd;
	struct cc_wr wr;
	uint8_t out[4];

	(void)state;
	cc_rd_init(&rd, b, sizeof(b));
	assert_int_equal(cc_mtp3_label_decode(CC_MTP3_ITU, &rd, &rl), 0);
	assert_int_equal(rl.dpc, 515);
	assert_int_equal(rl.opc, 6148);
	assert_int_equal(rl.sls, 0);
	cc_wr_init(&wr, out, sizeof(out));
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_ITU, &rl, &wr), 0);
	assert_memory_equal(out, b, 4);
	/* full-width values */
	rl.dpc = 0x3fff;
	rl.opc = 0x2aaa;
	rl.sls = 15;
	cc_wr_init(&wr, out, sizeof(out));
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_ITU, &rl, &wr), 0);
	cc_rd_init(&rd, out, sizeof(out));
	assert_int_equal(cc_mtp3_label_decode(CC_MTP3_ITU, &rd, &rl2), 0);
	assert_label_equal(&rl, &rl2);
}

static void mtp3_label_round_trip_all_variants(void **state)
{
	uint32_t seed = 99;

	(void)state;
	for (int v = 0; v < CC_MTP3_VARIANT__COUNT; v++)
		for (int i = 0; i < 2000; i++) {
			struct cc_mtp3_hdr h = { 0 }, h2;
			uint8_t buf[8];
			struct cc_wr wr;
			struct cc_rd rd;

			seed = seed * 1103515245u + 12345u;
			h.si = seed >> 28;
			h.ni = (seed >> 26) & 3;
			h.rl.sls = (seed >> 8) & 15;
			seed = seed * 1103515245u + 12345u;
			h.rl.dpc = seed & (v == CC_MTP3_ITU ? 0x3fff : 0xffffff);
			seed = seed * 1103515245u + 12345u;
			h.rl.opc = seed & (v == CC_MTP3_ITU ? 0x3fff : 0xffffff);
			cc_wr_init(&wr, buf, sizeof(buf));
			assert_int_equal(cc_mtp3_hdr_encode((enum cc_mtp3_variant)v, &h, &wr), 0);
			assert_int_equal(cc_wr_len(&wr), 1 + cc_mtp3_label_octets(v));
			cc_rd_init(&rd, buf, cc_wr_len(&wr));
			assert_int_equal(cc_mtp3_hdr_decode((enum cc_mtp3_variant)v, &rd, &h2), 0);
			assert_int_equal(h.si, h2.si);
			assert_int_equal(h.ni, h2.ni);
			assert_int_equal(h.prio, h2.prio);
			assert_label_equal(&h.rl, &h2.rl);
		}
}

static void mtp3_label_rejects_out_of_range(void **state)
{
	struct cc_mtp3_label rl = { .dpc = 0x4000, .opc = 1, .sls = 0 };
	uint8_t buf[8];
	struct cc_wr wr;

	(void)state;
	cc_wr_init(&wr, buf, sizeof(buf));
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_ITU, &rl, &wr), -EINVAL);
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_CHINA, &rl, &wr), 0);
	rl.sls = 16;
	cc_wr_init(&wr, buf, sizeof(buf));
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_CHINA, &rl, &wr), -EINVAL);
	rl.sls = 0;
	rl.opc = 0x1000000;
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_CHINA, &rl, &wr), -EINVAL);
	rl.opc = 1;
	cc_wr_init(&wr, buf, 6);
	assert_int_equal(cc_mtp3_label_encode(CC_MTP3_CHINA, &rl, &wr), -ENOSPC);
	assert_int_equal(cc_wr_len(&wr), 0);
}

static void mtp3_truncated_header_returns_ebadmsg(void **state)
{
	const uint8_t b[] = { 0x85, 0x03, 0x02, 0x01, 0x06, 0x05, 0x04, 0x01 };
	struct cc_mtp3_hdr h;
	struct cc_rd rd;

	(void)state;
	for (size_t n = 0; n < sizeof(b); n++) {
		cc_rd_init(&rd, b, n);
		assert_int_equal(cc_mtp3_hdr_decode(CC_MTP3_CHINA, &rd, &h), -EBADMSG);
		assert_int_equal(cc_rd_pos(&rd), 0);
	}
	cc_rd_init(&rd, b, 4);
	assert_int_equal(cc_mtp3_hdr_decode(CC_MTP3_ITU, &rd, &h), -EBADMSG);
	cc_rd_init(&rd, b, 5);
	assert_int_equal(cc_mtp3_hdr_decode(CC_MTP3_ITU, &rd, &h), 0);
	assert_int_equal(cc_mtp3_hdr_decode((enum cc_mtp3_variant)7, &rd, &h), -EINVAL);
}

static void mtp3_pc_parse_and_format(void **state)
{
	uint32_t pc;
	char s[16];

	(void)state;
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_CHINA, "1-2-3", &pc), 0);
	assert_int_equal(pc, 0x010203);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_CHINA, "255-255-255", &pc), 0);
	assert_int_equal(pc, 0xffffff);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_CHINA, "256-0-0", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_CHINA, "1-2", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_CHINA, "1--2", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_ITU, "1-2-3", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_ITU, "16383", &pc), 0);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_ITU, "16384", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_ITU, "", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_ITU, "12a", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_parse(CC_MTP3_ITU, "99999999999999", &pc), -EINVAL);
	assert_int_equal(cc_mtp3_pc_fmt_buf(CC_MTP3_ITU, 16383, s, sizeof(s)), 5);
	assert_string_equal(s, "16383");
	assert_int_equal(cc_mtp3_pc_fmt_buf(CC_MTP3_CHINA, 0xffffff, s, 11), -ENOSPC);
	assert_int_equal(cc_mtp3_pc_fmt_buf(CC_MTP3_CHINA, 0xffffff, s, 12), 11);
	assert_string_equal(s, "255-255-255");
}

static void mtp3_snm_round_trip_every_heading(void **state)
{
	(void)state;
	for (int v = 0; v < CC_MTP3_VARIANT__COUNT; v++)
		for (unsigned int h = 0; h < 256; h++) {
			struct cc_mtp3_snm m = { 0 }, m2;
			uint8_t buf[32];
			struct cc_wr wr;
			struct cc_rd rd;

			if (!strcmp(cc_mtp3_snm_name((uint8_t)h), "?"))
				continue;
			m.heading = (uint8_t)h;
			switch (cc_mtp3_snm_body((uint8_t)h)) {
			case CC_MTP3_SNM_BODY_FSN:
				m.fsn = 0x55;
				break;
			case CC_MTP3_SNM_BODY_CBC:
				m.cbc = 0xa7;
				break;
			case CC_MTP3_SNM_BODY_DEST:
				m.dest = v == CC_MTP3_ITU ? 0x2345 : 0x0a0b0c;
				if (h == CC_MTP3_SNM_TFC && v == CC_MTP3_ITU)
					m.tfc_status = 2;
				break;
			case CC_MTP3_SNM_BODY_UPU:
				m.dest = 0x123;
				m.upu_up = CC_MTP3_SI_ISUP;
				m.upu_cause = 2;
				break;
			case CC_MTP3_SNM_BODY_RAW:
				m.nraw = 2;
				m.raw[0] = 1;
				m.raw[1] = 2;
				break;
			case CC_MTP3_SNM_BODY_NONE:
				break;
			}
			cc_wr_init(&wr, buf, sizeof(buf));
			assert_int_equal(cc_mtp3_snm_encode((enum cc_mtp3_variant)v, &m, &wr), 0);
			cc_rd_init(&rd, buf, cc_wr_len(&wr));
			assert_int_equal(cc_mtp3_snm_decode((enum cc_mtp3_variant)v, &rd, &m2), 0);
			assert_snm_equal(&m, &m2);
			assert_int_equal(cc_rd_left(&rd), 0);
			/* every strict prefix of a message with a body is malformed */
			for (size_t n = 1; n < cc_wr_len(&wr); n++) {
				if (cc_mtp3_snm_body((uint8_t)h) == CC_MTP3_SNM_BODY_RAW)
					break;
				cc_rd_init(&rd, buf, n);
				assert_int_equal(
					cc_mtp3_snm_decode((enum cc_mtp3_variant)v, &rd, &m2),
					-EBADMSG);
			}
		}
}

static void mtp3_snm_golden_coo_tfp(void **state)
{
	/* Q.704 §15: COO heading 0x11 then FSN; TFP 0x14 then 14-bit destination */
	const uint8_t coo[] = { 0x11, 0x2a }, tfp[] = { 0x14, 0x34, 0x12 };
	struct cc_mtp3_snm m;
	struct cc_rd rd;

	(void)state;
	cc_rd_init(&rd, coo, sizeof(coo));
	assert_int_equal(cc_mtp3_snm_decode(CC_MTP3_ITU, &rd, &m), 0);
	assert_string_equal(cc_mtp3_snm_name(m.heading), "COO");
	assert_int_equal(m.fsn, 42);
	cc_rd_init(&rd, tfp, sizeof(tfp));
	assert_int_equal(cc_mtp3_snm_decode(CC_MTP3_ITU, &rd, &m), 0);
	assert_string_equal(cc_mtp3_snm_name(m.heading), "TFP");
	assert_int_equal(m.dest, 0x1234);
	cc_rd_init(&rd, tfp, sizeof(tfp));
	assert_int_equal(cc_mtp3_snm_decode(CC_MTP3_CHINA, &rd, &m), -EBADMSG);
	assert_string_equal(cc_mtp3_snm_name(0x17), "TRA");
	assert_string_equal(cc_mtp3_snm_name(0xff), "?");
}

static void mtp3_sltm_round_trip_and_golden(void **state)
{
	/* SLTM with the 4-octet pattern "TEST": heading 0x11, length 4 in the high nibble */
	const uint8_t golden[] = { 0x11, 0x40, 'T', 'E', 'S', 'T' };
	struct cc_mtp3_sltm m, m2;
	uint8_t buf[32];
	struct cc_wr wr;
	struct cc_rd rd;

	(void)state;
	cc_rd_init(&rd, golden, sizeof(golden));
	assert_int_equal(cc_mtp3_sltm_decode(&rd, &m), 0);
	assert_int_equal(m.heading, CC_MTP3_MTN_SLTM);
	assert_int_equal(m.len, 4);
	assert_memory_equal(m.pattern, "TEST", 4);
	m.heading = CC_MTP3_MTN_SLTA;
	cc_wr_init(&wr, buf, sizeof(buf));
	assert_int_equal(cc_mtp3_sltm_encode(&m, &wr), 0);
	assert_int_equal(buf[0], 0x21);
	cc_rd_init(&rd, buf, cc_wr_len(&wr));
	assert_int_equal(cc_mtp3_sltm_decode(&rd, &m2), 0);
	assert_int_equal(m2.len, 4);
	assert_memory_equal(m2.pattern, "TEST", 4);
	/* truncated pattern and unknown heading */
	cc_rd_init(&rd, golden, 5);
	assert_int_equal(cc_mtp3_sltm_decode(&rd, &m2), -EBADMSG);
	buf[0] = 0x31;
	cc_rd_init(&rd, buf, 6);
	assert_int_equal(cc_mtp3_sltm_decode(&rd, &m2), -EBADMSG);
	m.len = 16;
	assert_int_equal(cc_mtp3_sltm_encode(&m, &wr), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mtp3_china_label_golden_decodes),
		cmocka_unit_test(mtp3_china_label_spare_bits_ignored),
		cmocka_unit_test(mtp3_itu_label_golden),
		cmocka_unit_test(mtp3_label_round_trip_all_variants),
		cmocka_unit_test(mtp3_label_rejects_out_of_range),
		cmocka_unit_test(mtp3_truncated_header_returns_ebadmsg),
		cmocka_unit_test(mtp3_pc_parse_and_format),
		cmocka_unit_test(mtp3_snm_round_trip_every_heading),
		cmocka_unit_test(mtp3_snm_golden_coo_tfp),
		cmocka_unit_test(mtp3_sltm_round_trip_and_golden),
	};

	return cmocka_run_group_tests_name("mtp3", tests, NULL, NULL);
}
