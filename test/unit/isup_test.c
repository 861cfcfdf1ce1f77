// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for lib/core/cc_isup.c: the ISUP message codec.
 *
 * Golden vectors: test/vectors/q763/isup_messages.txt (provenance in the
 * README there: the China IAM of reference §2.3 decoded by tshark, the others
 * hand-assembled from Q.763 and each decoded by tshark 4.0.17 in
 * ss7_test.c's trace test).  Every vector must decode and re-encode to the
 * same octets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/proto/q763_isup.h>

#include "vectors.h"

static size_t load_vectors(struct vec_msg *v, size_t max)
{
	return vec_load_msgs("test/vectors/q763/isup_messages.txt", v, max);
}

static void isup_golden_vectors_decode_and_reencode_identically(void **state)
{
	static struct vec_msg v[64];
	size_t n = load_vectors(v, 64);

	(void)state;
	assert_true(n >= 12);
	for (size_t i = 0; i < n; i++) {
		struct cc_isup_msg m;
		uint8_t out[300];
		int len;

		assert_int_equal(cc_isup_decode(v[i].b, v[i].n, &m), 0);
		len = cc_isup_encode(&m, out, sizeof(out));
		assert_int_equal(len, (int)v[i].n);
		assert_memory_equal(out, v[i].b, v[i].n);
	}
}

static void isup_china_iam_fields(void **state)
{
	static struct vec_msg v[64];
	size_t n = load_vectors(v, 64);
	const struct vec_msg *iam = vec_find(v, n, "iam_china_ref");
	struct cc_isup_msg m;

	(void)state;
	assert_int_equal(cc_isup_decode(iam->b, iam->n, &m), 0);
	assert_int_equal(m.cic, 1);
	assert_int_equal(m.type, CC_ISUP_IAM);
	assert_string_equal(cc_isup_msg_name(m.type), "IAM");
	assert_int_equal(m.nci, 0);
	assert_int_equal(m.fci, 0x0160);
	assert_int_equal(m.cpc, CC_ISUP_CPC_ORDINARY);
	assert_int_equal(m.tmr, 0);
	assert_true(cc_isup_has(&m, CC_ISUP_P_CALLED));
	assert_string_equal(m.called.digits, "12345");
	assert_int_equal(m.called.nai, CC_ISUP_NAI_NATIONAL);
	assert_int_equal(m.called.npi, CC_ISUP_NPI_E164);
	assert_int_equal(m.called.ni, 0);
	assert_true(cc_isup_has(&m, CC_ISUP_P_CALLING));
	assert_string_equal(m.calling.digits, "13800138000");
	assert_int_equal(m.calling.ndigits, 11);
	assert_int_equal(m.calling.nai, CC_ISUP_NAI_NATIONAL);
	assert_int_equal(m.calling.pres, CC_ISUP_PRES_ALLOWED);
	assert_int_equal(m.calling.screen, CC_ISUP_SCREEN_NETWORK);
	assert_int_equal(m.nraw, 0);
}

static void isup_rel_cause_and_grs_range_fields(void **state)
{
	static struct vec_msg v[64];
	size_t n = load_vectors(v, 64);
	struct cc_isup_msg m;
	const struct vec_msg *x;

	(void)state;
	x = vec_find(v, n, "rel_normal_clearing");
	assert_int_equal(cc_isup_decode(x->b, x->n, &m), 0);
	assert_int_equal(m.cause.value, CC_ISUP_CAUSE_NORMAL_CLEARING);
	assert_int_equal(m.cause.location, CC_ISUP_LOC_PUBLIC_LOCAL);
	assert_int_equal(m.cause.coding, 0);
	x = vec_find(v, n, "grs_range_29");
	assert_int_equal(cc_isup_decode(x->b, x->n, &m), 0);
	assert_int_equal(m.range.range, 29);
	assert_false(m.range.has_status);
	x = vec_find(v, n, "cgb_maintenance_range_7");
	assert_int_equal(cc_isup_decode(x->b, x->n, &m), 0);
	assert_int_equal(m.cgsmt, 0);
	assert_int_equal(m.range.range, 7);
	assert_true(m.range.has_status);
	assert_int_equal(m.range.status[0], 0x81);
	x = vec_find(v, n, "acm_charge_free_subscriber");
	assert_int_equal(cc_isup_decode(x->b, x->n, &m), 0);
	assert_int_equal(m.bci & 3, 2); /* charge */
	assert_true(m.bci & CC_ISUP_BCI_SUBSCRIBER_FREE);
	x = vec_find(v, n, "cpg_alerting");
	assert_int_equal(cc_isup_decode(x->b, x->n, &m), 0);
	assert_int_equal(m.cic, 5);
	assert_int_equal(m.event, CC_ISUP_EVENT_ALERTING);
}

/* Build one message of each type with realistic parameters. */
static void build(struct cc_isup_msg *m, uint8_t type)
{
	cc_isup_msg_init(m, type, 0x0abc);
	switch (type) {
	case CC_ISUP_IAM:
		m->nci = 0x00;
		m->fci = CC_ISUP_FCI_ISUP_ALL_THE_WAY | CC_ISUP_FCI_ISDN_ORIG_ACCESS;
		m->cpc = CC_ISUP_CPC_ORDINARY;
		m->tmr = 0;
		cc_isup_set(m, CC_ISUP_P_NCI);
		cc_isup_set(m, CC_ISUP_P_FCI);
		cc_isup_set(m, CC_ISUP_P_CPC);
		cc_isup_set(m, CC_ISUP_P_TMR);
		assert_int_equal(cc_isup_number_set(&m->called, "120", CC_ISUP_NAI_NATIONAL,
						    CC_ISUP_NPI_E164),
				 0);
		cc_isup_set(m, CC_ISUP_P_CALLED);
		assert_int_equal(cc_isup_number_set(&m->calling, "075512345678",
						    CC_ISUP_NAI_NATIONAL, CC_ISUP_NPI_E164),
				 0);
		m->calling.pres = CC_ISUP_PRES_RESTRICTED;
		m->calling.screen = CC_ISUP_SCREEN_USER_PASSED;
		cc_isup_set(m, CC_ISUP_P_CALLING);
		assert_int_equal(cc_isup_number_set(&m->original_called, "12345",
						    CC_ISUP_NAI_SUBSCRIBER, CC_ISUP_NPI_E164),
				 0);
		cc_isup_set(m, CC_ISUP_P_ORIGINAL_CALLED);
		break;
	case CC_ISUP_SAM:
		assert_int_equal(cc_isup_number_set(&m->subsequent, "678F", 0, 0), 0);
		cc_isup_set(m, CC_ISUP_P_SUBSEQUENT);
		break;
	case CC_ISUP_INR:
		m->inr_ind = 0x0001; /* calling party address request */
		cc_isup_set(m, CC_ISUP_P_INR_IND);
		break;
	case CC_ISUP_INF:
		m->inf_ind = 0x0003;
		cc_isup_set(m, CC_ISUP_P_INF_IND);
		assert_int_equal(cc_isup_number_set(&m->calling, "13800138000",
						    CC_ISUP_NAI_NATIONAL, CC_ISUP_NPI_E164),
				 0);
		cc_isup_set(m, CC_ISUP_P_CALLING);
		break;
	case CC_ISUP_COT:
		m->continuity = 1;
		cc_isup_set(m, CC_ISUP_P_CONTINUITY);
		break;
	case CC_ISUP_ACM:
	case CC_ISUP_CON:
		m->bci = CC_ISUP_BCI_CHARGE_NONE | CC_ISUP_BCI_SUBSCRIBER_FREE |
			 CC_ISUP_BCI_ORDINARY;
		cc_isup_set(m, CC_ISUP_P_BCI);
		m->obci = 1;
		cc_isup_set(m, CC_ISUP_P_OBCI);
		break;
	case CC_ISUP_ANM:
		assert_int_equal(cc_isup_number_set(&m->connected, "120", CC_ISUP_NAI_NATIONAL,
						    CC_ISUP_NPI_E164),
				 0);
		cc_isup_set(m, CC_ISUP_P_CONNECTED);
		break;
	case CC_ISUP_REL:
	case CC_ISUP_CFN:
		m->cause.location = CC_ISUP_LOC_PRIVATE_LOCAL;
		m->cause.value = CC_ISUP_CAUSE_USER_BUSY;
		m->cause.ndiag = 1;
		m->cause.diag[0] = 0x42;
		cc_isup_set(m, CC_ISUP_P_CAUSE);
		break;
	case CC_ISUP_SUS:
	case CC_ISUP_RES:
		m->susres = 1;
		cc_isup_set(m, CC_ISUP_P_SUSRES_IND);
		break;
	case CC_ISUP_GRS:
		m->range.range = 30;
		cc_isup_set(m, CC_ISUP_P_RANGE_STATUS);
		break;
	case CC_ISUP_GRA:
	case CC_ISUP_CGB:
	case CC_ISUP_CGU:
	case CC_ISUP_CGBA:
	case CC_ISUP_CGUA:
		m->range.range = 30;
		m->range.has_status = true;
		m->range.status[0] = 0x0f;
		m->range.status[3] = 0x40;
		cc_isup_set(m, CC_ISUP_P_RANGE_STATUS);
		if (type != CC_ISUP_GRA) {
			m->cgsmt = 1; /* hardware failure oriented */
			cc_isup_set(m, CC_ISUP_P_CGSMT);
		}
		break;
	case CC_ISUP_CPG:
		m->event = CC_ISUP_EVENT_ALERTING;
		cc_isup_set(m, CC_ISUP_P_EVENT);
		break;
	case CC_ISUP_MPM:
		m->charge_info = 0x0102;
		cc_isup_set(m, CC_ISUP_P_CHARGE_INFO);
		break;
	default:
		break;
	}
}

static void assert_number_equal(const struct cc_isup_number *a, const struct cc_isup_number *b)
{
	assert_int_equal(a->nai, b->nai);
	assert_int_equal(a->npi, b->npi);
	assert_int_equal(a->pres, b->pres);
	assert_int_equal(a->screen, b->screen);
	assert_int_equal(a->ni, b->ni);
	assert_int_equal(a->ndigits, b->ndigits);
	assert_string_equal(a->digits, b->digits);
}

static void isup_every_message_type_round_trips(void **state)
{
	unsigned int count = 0;

	(void)state;
	for (unsigned int t = 0; t < 256; t++) {
		struct cc_isup_msg m, d;
		uint8_t buf[300], buf2[300];
		int len, len2;

		if (!cc_isup_msg_known((uint8_t)t))
			continue;
		count++;
		build(&m, (uint8_t)t);
		len = cc_isup_encode(&m, buf, sizeof(buf));
		assert_true(len >= 3);
		assert_int_equal(cc_isup_decode(buf, (size_t)len, &d), 0);
		assert_int_equal(d.cic, 0x0abc);
		assert_int_equal(d.type, t);
		assert_memory_equal(d.present, m.present, sizeof(m.present));
		assert_int_equal(d.nci, m.nci);
		assert_int_equal(d.fci, m.fci);
		assert_int_equal(d.cpc, m.cpc);
		assert_int_equal(d.bci, m.bci);
		assert_int_equal(d.obci, m.obci);
		assert_int_equal(d.event, m.event);
		assert_int_equal(d.susres, m.susres);
		assert_int_equal(d.cgsmt, m.cgsmt);
		assert_int_equal(d.inr_ind, m.inr_ind);
		assert_int_equal(d.inf_ind, m.inf_ind);
		assert_int_equal(d.charge_info, m.charge_info);
		assert_int_equal(d.continuity, m.continuity);
		assert_number_equal(&d.called, &m.called);
		assert_number_equal(&d.calling, &m.calling);
		assert_number_equal(&d.subsequent, &m.subsequent);
		assert_number_equal(&d.connected, &m.connected);
		assert_number_equal(&d.original_called, &m.original_called);
		assert_int_equal(d.cause.value, m.cause.value);
		assert_int_equal(d.cause.location, m.cause.location);
		assert_int_equal(d.cause.ndiag, m.cause.ndiag);
		assert_memory_equal(d.cause.diag, m.cause.diag, m.cause.ndiag);
		assert_int_equal(d.range.range, m.range.range);
		assert_int_equal(d.range.has_status, m.range.has_status);
		assert_memory_equal(d.range.status, m.range.status, sizeof(m.range.status));
		len2 = cc_isup_encode(&d, buf2, sizeof(buf2));
		assert_int_equal(len2, len);
		assert_memory_equal(buf, buf2, (size_t)len);

		/* truncation: no strict prefix decodes */
		for (int k = 0; k < len; k++)
			assert_int_equal(cc_isup_decode(buf, (size_t)k, &d), -EBADMSG);
	}
	assert_true(count >= 31);
}

static void isup_bad_pointers_rejected(void **state)
{
	/* REL whose cause pointer points past the end, or at a length running past it */
	const uint8_t past[] = { 0x01, 0x00, 0x0c, 0x09, 0x00, 0x02, 0x82, 0x90 };
	const uint8_t longlen[] = { 0x01, 0x00, 0x0c, 0x02, 0x00, 0x05, 0x82, 0x90 };
	const uint8_t zeroptr[] = { 0x01, 0x00, 0x0c, 0x00, 0x00, 0x02, 0x82, 0x90 };
	/* ANM whose optional pointer leads to a parameter longer than the message */
	const uint8_t opt[] = { 0x01, 0x00, 0x09, 0x01, 0x21, 0x09, 0x83, 0x10 };
	struct cc_isup_msg m;

	(void)state;
	assert_int_equal(cc_isup_decode(past, sizeof(past), &m), -EBADMSG);
	assert_int_equal(cc_isup_decode(longlen, sizeof(longlen), &m), -EBADMSG);
	assert_int_equal(cc_isup_decode(zeroptr, sizeof(zeroptr), &m), -EBADMSG);
	assert_int_equal(cc_isup_decode(opt, sizeof(opt), &m), -EBADMSG);
}

static void isup_unknown_type_returns_enotsup_with_cic(void **state)
{
	const uint8_t b[] = { 0x22, 0x01, 0x77, 0x00 };
	struct cc_isup_msg m;

	(void)state;
	assert_int_equal(cc_isup_decode(b, sizeof(b), &m), -ENOTSUP);
	assert_int_equal(m.cic, 0x122);
	assert_int_equal(m.type, 0x77);
	assert_string_equal(cc_isup_msg_name(0x77), "?");
}

static void isup_unknown_optional_parameter_kept_raw(void **state)
{
	/* ANM with unknown parameter 0x99 (3 octets) and a connected number */
	const uint8_t b[] = { 0x01, 0x00, 0x09, 0x01, 0x99, 0x03, 0xaa, 0xbb,
			      0xcc, 0x21, 0x03, 0x83, 0x13, 0x01, 0x00 };
	struct cc_isup_msg m;
	uint8_t out[64];
	int len;

	(void)state;
	assert_int_equal(cc_isup_decode(b, sizeof(b), &m), 0);
	assert_int_equal(m.nraw, 1);
	assert_int_equal(m.raw[0].code, 0x99);
	assert_int_equal(m.raw[0].len, 3);
	assert_memory_equal(m.raw[0].val, b + 6, 3);
	assert_true(cc_isup_has(&m, CC_ISUP_P_CONNECTED));
	assert_string_equal(m.connected.digits, "1");
	/* re-encoded: known parameters first, then raw ones */
	len = cc_isup_encode(&m, out, sizeof(out));
	assert_int_equal(len, (int)sizeof(b));
	assert_memory_equal(out + 4, b + 9, 5);
	assert_memory_equal(out + 9, b + 4, 5);
}

static void isup_calling_number_not_available_without_digits(void **state)
{
	struct cc_isup_msg m, d;
	uint8_t out[64];
	int len;

	(void)state;
	build(&m, CC_ISUP_IAM);
	assert_int_equal(cc_isup_number_set(&m.calling, "", 0, 0), 0);
	m.calling.pres = CC_ISUP_PRES_NOT_AVAILABLE;
	m.calling.screen = CC_ISUP_SCREEN_NETWORK;
	len = cc_isup_encode(&m, out, sizeof(out));
	assert_true(len > 0);
	assert_int_equal(cc_isup_decode(out, (size_t)len, &d), 0);
	assert_true(cc_isup_has(&d, CC_ISUP_P_CALLING));
	assert_int_equal(d.calling.ndigits, 0);
	assert_int_equal(d.calling.pres, CC_ISUP_PRES_NOT_AVAILABLE);
}

static void isup_cause_with_recommendation_octet(void **state)
{
	/* octet 1 ext bit 0: octet 1a (recommendation) follows (Q.850 §2.2.6) */
	const uint8_t b[] = { 0x01, 0x00, 0x0c, 0x02, 0x00, 0x03, 0x04, 0x80, 0x9f };
	struct cc_isup_msg m;

	(void)state;
	assert_int_equal(cc_isup_decode(b, sizeof(b), &m), 0);
	assert_int_equal(m.cause.location, CC_ISUP_LOC_PUBLIC_REMOTE);
	assert_int_equal(m.cause.value, CC_ISUP_CAUSE_NORMAL_UNSPECIFIED);
}

static void isup_encoder_failure_paths(void **state)
{
	struct cc_isup_msg m;
	uint8_t out[300];

	(void)state;
	build(&m, CC_ISUP_IAM);
	cc_isup_clear(&m, CC_ISUP_P_CALLED);
	assert_int_equal(cc_isup_encode(&m, out, sizeof(out)), -EINVAL);
	build(&m, CC_ISUP_IAM);
	for (size_t cap = 0; cap < 20; cap++)
		assert_int_equal(cc_isup_encode(&m, out, cap), -ENOSPC);
	m.cic = 0x1000;
	assert_int_equal(cc_isup_encode(&m, out, sizeof(out)), -EINVAL);
	cc_isup_msg_init(&m, 0x77, 1);
	assert_int_equal(cc_isup_encode(&m, out, sizeof(out)), -EINVAL);
	assert_int_equal(cc_isup_number_set(&m.called, "12x", 3, 1), -EINVAL);
	assert_int_equal(cc_isup_number_set(&m.called, "123456789012345678901234567890123", 3, 1),
			 -EINVAL);
	build(&m, CC_ISUP_REL);
	m.cause.value = 200;
	assert_int_equal(cc_isup_encode(&m, out, sizeof(out)), -EINVAL);
	/* a present bit on a parameter the codec cannot encode */
	build(&m, CC_ISUP_ANM);
	cc_isup_set(&m, 0x99);
	assert_int_equal(cc_isup_encode(&m, out, sizeof(out)), -EINVAL);
}

static void isup_digits_with_st_and_codes(void **state)
{
	struct cc_isup_msg m, d;
	uint8_t out[64];
	int len;

	(void)state;
	build(&m, CC_ISUP_IAM);
	assert_int_equal(cc_isup_number_set(&m.called, "12BC0F", CC_ISUP_NAI_UNKNOWN, 1), 0);
	len = cc_isup_encode(&m, out, sizeof(out));
	assert_true(len > 0);
	/* called party number: len 5, even, NAI 2, NPI 1, digits 21 CB F0 */
	assert_int_equal(out[10], 5);
	assert_int_equal(out[11], 0x02);
	assert_int_equal(out[12], 0x10);
	assert_int_equal(out[13], 0x21);
	assert_int_equal(out[14], 0xcb);
	assert_int_equal(out[15], 0xf0);
	assert_int_equal(cc_isup_decode(out, (size_t)len, &d), 0);
	assert_string_equal(d.called.digits, "12BC0F");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(isup_golden_vectors_decode_and_reencode_identically),
		cmocka_unit_test(isup_china_iam_fields),
		cmocka_unit_test(isup_rel_cause_and_grs_range_fields),
		cmocka_unit_test(isup_every_message_type_round_trips),
		cmocka_unit_test(isup_bad_pointers_rejected),
		cmocka_unit_test(isup_unknown_type_returns_enotsup_with_cic),
		cmocka_unit_test(isup_unknown_optional_parameter_kept_raw),
		cmocka_unit_test(isup_calling_number_not_available_without_digits),
		cmocka_unit_test(isup_cause_with_recommendation_octet),
		cmocka_unit_test(isup_encoder_failure_paths),
		cmocka_unit_test(isup_digits_with_st_and_codes),
	};

	return cmocka_run_group_tests_name("isup", tests, NULL, NULL);
}
