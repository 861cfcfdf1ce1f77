// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for lib/core/cc_tup.c: China TUP (GF 001-9001) and ITU TUP codec.
 *
 * Golden vectors: test/vectors/gf001/tup_messages.txt (provenance in the
 * README there; the IAI with CLI is the worked example of reference §4.3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/proto/gf001_tup.h>

#include "vectors.h"

static size_t load_vectors(struct vec_msg *v, size_t max)
{
	return vec_load_msgs("test/vectors/gf001/tup_messages.txt", v, max);
}

static struct vec_msg vecs[64];
static size_t nvecs;

static int setup(void **state)
{
	(void)state;
	nvecs = load_vectors(vecs, 64);
	return nvecs >= 19 ? 0 : -1;
}

static void tup_golden_vectors_decode_and_reencode_identically(void **state)
{
	(void)state;
	for (size_t i = 0; i < nvecs; i++) {
		struct cc_tup_msg m;
		uint8_t out[300];
		int len;

		assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, vecs[i].b, vecs[i].n, &m), 0);
		len = cc_tup_encode(CC_MTP3_CHINA, &m, out, sizeof(out));
		assert_int_equal(len, (int)vecs[i].n);
		assert_memory_equal(out, vecs[i].b, vecs[i].n);
	}
}

static void tup_china_iai_with_cli_fields(void **state)
{
	const struct vec_msg *x = vec_find(vecs, nvecs, "iai_china_ref_cli");
	struct cc_tup_msg m;

	(void)state;
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.dpc, 0x010203);
	assert_int_equal(m.opc, 0x040506);
	assert_int_equal(m.cic, 5);
	assert_int_equal(m.heading, CC_TUP_IAI);
	assert_string_equal(cc_tup_msg_name(m.heading), "IAI");
	assert_int_equal(m.cpc, CC_TUP_CPC_ORDINARY);
	assert_int_equal(m.msg_ind & 3, CC_TUP_NOAI_NATIONAL);
	assert_string_equal(m.addr.d, "12345");
	assert_int_equal(m.iai_ind, CC_TUP_IAI_CLI);
	assert_int_equal(m.cli.noai, CC_TUP_NOAI_NATIONAL);
	assert_false(m.cli.restricted);
	assert_false(m.cli.incomplete);
	assert_int_equal(m.cli.digits.n, 11);
	assert_string_equal(m.cli.digits.d, "13800138000");
}

static void tup_gsm_grq_acm_group_fields(void **state)
{
	struct cc_tup_msg m;
	const struct vec_msg *x;

	(void)state;
	x = vec_find(vecs, nvecs, "grq_cli_request");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.heading, CC_TUP_GRQ);
	assert_int_equal(m.grq_ind, CC_TUP_GRQ_CLI);
	x = vec_find(vecs, nvecs, "gsm_cpc_cli");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.gsm_ind, CC_TUP_GSM_CPC | CC_TUP_GSM_CLI);
	assert_int_equal(m.cpc, 10);
	assert_string_equal(m.cli.digits.d, "13800138000");
	x = vec_find(vecs, nvecs, "acm_adn_subscriber_free");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.acm_ind & 3, CC_TUP_ACM_TYPE_ADN);
	assert_true(m.acm_ind & CC_TUP_ACM_SUBSCRIBER_FREE);
	x = vec_find(vecs, nvecs, "gra_range_29");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.range, 29);
	assert_true(m.has_status);
	x = vec_find(vecs, nvecs, "grs_range_29");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_false(m.has_status);
	x = vec_find(vecs, nvecs, "cic_0x9ab");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.cic, 0x9ab);
	assert_string_equal(cc_tup_msg_name(m.heading), "BLO");
	x = vec_find(vecs, nvecs, "sam_two_digits");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_string_equal(m.addr.d, "78");
	x = vec_find(vecs, nvecs, "mpm_pulses");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_int_equal(m.pulses, 0x0102);
	x = vec_find(vecs, nvecs, "slb");
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, x->b, x->n, &m), 0);
	assert_string_equal(cc_tup_msg_name(m.heading), "SLB");
}

static void tup_golden_truncations_rejected(void **state)
{
	(void)state;
	for (size_t i = 0; i < nvecs; i++) {
		struct cc_tup_msg m;
		uint8_t h = vecs[i].b[8];

		/* heading-only messages legitimately end after the heading */
		for (size_t k = 0; k < vecs[i].n; k++) {
			int r = cc_tup_decode(CC_MTP3_CHINA, vecs[i].b, k, &m);

			if (k < 9)
				assert_int_equal(r, -EBADMSG);
			else if (h != CC_TUP_EUM && h != CC_TUP_CHG)
				assert_int_equal(r, -EBADMSG);
		}
	}
}

static void tup_every_heading_round_trips_both_variants(void **state)
{
	unsigned int count = 0;

	(void)state;
	for (int v = 0; v < CC_MTP3_VARIANT__COUNT; v++)
		for (unsigned int h = 0; h < 256; h++) {
			struct cc_tup_msg m, d;
			uint8_t buf[128], buf2[128];
			int len, len2;

			if (!cc_tup_msg_known((uint8_t)h))
				continue;
			count++;
			cc_tup_msg_init(&m, (uint8_t)h, v == CC_MTP3_ITU ? 0x1234 : 0x0a0b0c,
					v == CC_MTP3_ITU ? 0x2345 : 0x0d0e0f, 0xfed);
			m.cpc = CC_TUP_CPC_ORDINARY_FREE;
			m.msg_ind = CC_TUP_NOAI_NATIONAL;
			assert_int_equal(
				cc_tup_digits_set(&m.addr, h == CC_TUP_SAO ? "7" : "12345"), 0);
			m.iai_ind = CC_TUP_IAI_CLI | CC_TUP_IAI_OCA | CC_TUP_IAI_CUG;
			m.cug[2] = 9;
			m.cli.noai = CC_TUP_NOAI_NATIONAL;
			m.cli.restricted = true;
			assert_int_equal(cc_tup_digits_set(&m.cli.digits, "075583000000"), 0);
			m.oca.noai = CC_TUP_NOAI_SUBSCRIBER;
			assert_int_equal(cc_tup_digits_set(&m.oca.digits, "123"), 0);
			m.gsm_ind = CC_TUP_GSM_CLI | CC_TUP_GSM_OCA;
			m.grq_ind = CC_TUP_GRQ_CLI;
			m.acm_ind = CC_TUP_ACM_TYPE_ADC | CC_TUP_ACM_SUBSCRIBER_FREE;
			m.range = 15;
			m.status[0] = 0x81;
			m.status[1] = 0x18;
			m.pulses = 7;
			len = cc_tup_encode((enum cc_mtp3_variant)v, &m, buf, sizeof(buf));
			assert_true(len > (int)cc_tup_label_octets(v));
			assert_int_equal(
				cc_tup_decode((enum cc_mtp3_variant)v, buf, (size_t)len, &d), 0);
			assert_int_equal(d.dpc, m.dpc);
			assert_int_equal(d.opc, m.opc);
			assert_int_equal(d.cic, m.cic);
			assert_int_equal(d.heading, h);
			len2 = cc_tup_encode((enum cc_mtp3_variant)v, &d, buf2, sizeof(buf2));
			assert_int_equal(len2, len);
			assert_memory_equal(buf, buf2, (size_t)len);
			if (h == CC_TUP_IAI) {
				assert_string_equal(d.cli.digits.d, "075583000000");
				assert_true(d.cli.restricted);
				assert_string_equal(d.oca.digits.d, "123");
				assert_int_equal(d.cug[2], 9);
			}
		}
	assert_true(count >= 2 * 57);
}

static void tup_unknown_heading_and_bad_values(void **state)
{
	const uint8_t b[] = { 3, 2, 1, 6, 5, 4, 5, 0, 0xff, 1, 2 };
	struct cc_tup_msg m;
	uint8_t out[64];

	(void)state;
	assert_int_equal(cc_tup_decode(CC_MTP3_CHINA, b, sizeof(b), &m), -ENOTSUP);
	assert_int_equal(m.cic, 5);
	assert_int_equal(m.heading, 0xff);
	assert_int_equal(m.nrest, 2);
	cc_tup_msg_init(&m, CC_TUP_IAM, 0x4000, 1, 1);
	assert_int_equal(cc_tup_encode(CC_MTP3_ITU, &m, out, sizeof(out)), -EINVAL);
	assert_int_equal(cc_tup_encode(CC_MTP3_CHINA, &m, out, sizeof(out)), 12);
	m.cic = 0x1000;
	assert_int_equal(cc_tup_encode(CC_MTP3_CHINA, &m, out, sizeof(out)), -EINVAL);
	m.cic = 1;
	m.cpc = 64;
	assert_int_equal(cc_tup_encode(CC_MTP3_CHINA, &m, out, sizeof(out)), -EINVAL);
	m.cpc = 10;
	assert_int_equal(cc_tup_digits_set(&m.addr, "1234567890123456"), -EINVAL);
	assert_int_equal(cc_tup_digits_set(&m.addr, "12-"), -EINVAL);
	assert_int_equal(cc_tup_digits_set(&m.addr, "123456789012345"), 0);
	for (size_t cap = 0; cap < 20; cap++)
		assert_int_equal(cc_tup_encode(CC_MTP3_CHINA, &m, out, cap), -ENOSPC);
	m.heading = CC_TUP_GSM;
	m.gsm_ind = CC_TUP_GSM_TRUNK;
	assert_int_equal(cc_tup_encode(CC_MTP3_CHINA, &m, out, sizeof(out)), -EINVAL);
	m.heading = 0xff;
	assert_int_equal(cc_tup_encode(CC_MTP3_CHINA, &m, out, sizeof(out)), -EINVAL);
}

static void tup_itu_label_layout(void **state)
{
	/* ITU TUP label: DPC 14 | OPC 14 | CIC 12, LSB first (Q.723 §1.2) */
	struct cc_tup_msg m;
	uint8_t out[16];

	(void)state;
	cc_tup_msg_init(&m, CC_TUP_CLF, 0x3fff, 0, 0xfff);
	assert_int_equal(cc_tup_encode(CC_MTP3_ITU, &m, out, sizeof(out)), 6);
	assert_int_equal(out[0], 0xff);
	assert_int_equal(out[1], 0x3f);
	assert_int_equal(out[2], 0x00);
	assert_int_equal(out[3], 0xf0);
	assert_int_equal(out[4], 0xff);
	assert_int_equal(out[5], CC_TUP_CLF);
	cc_tup_msg_init(&m, CC_TUP_CLF, 0, 0x3fff, 0);
	assert_int_equal(cc_tup_encode(CC_MTP3_ITU, &m, out, sizeof(out)), 6);
	assert_int_equal(out[1], 0xc0);
	assert_int_equal(out[2], 0xff);
	assert_int_equal(out[3], 0x0f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tup_golden_vectors_decode_and_reencode_identically),
		cmocka_unit_test(tup_china_iai_with_cli_fields),
		cmocka_unit_test(tup_gsm_grq_acm_group_fields),
		cmocka_unit_test(tup_golden_truncations_rejected),
		cmocka_unit_test(tup_every_heading_round_trips_both_variants),
		cmocka_unit_test(tup_unknown_heading_and_bad_values),
		cmocka_unit_test(tup_itu_label_layout),
	};

	return cmocka_run_group_tests_name("tup", tests, setup, NULL);
}
