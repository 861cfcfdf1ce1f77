// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * G.711 tests.
 *
 * Reference: an interval table built here straight from the structure of
 * G.711 Table 1 (A-law: 8 segments x 16 intervals over a 12-bit magnitude,
 * steps 2,2,4,...,128) and Table 2 (mu-law: 8 segments x 16 intervals over a
 * 13-bit magnitude, edges 0,31,95,223,...,8159, steps 2,4,...,256, first
 * interval one unit wide), with decoder values at the interval mid-points.
 * The mapping of 16-bit linear to the G.711 uniform code is the one of ITU-T
 * G.191's g711.c: keep the 13 (A-law) or 14 (mu-law) MSBs, negative values by
 * one's complement.  Every one of the 65536 inputs and 256 codes is checked.
 * A second, independent check runs the same inputs through spandsp's inline
 * G.711 functions (libspandsp-dev 0.0.6): identical for A-law; for mu-law
 * spandsp rounds negative inputs by two's complement, and the test pins that
 * exact, known difference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spandsp/telephony.h>
#include <spandsp/bit_operations.h>
#include <spandsp/g711.h>

#include <callcenter/g711.h>

struct ref_ival {
	int lo, hi; /* magnitude interval [lo, hi) in the uniform domain */
	int out;    /* decoder output (mid-point), uniform domain */
};

static struct ref_ival a_ref[128], u_ref[128];

static void build_refs(void)
{
	/* A-law: segment 0 starts at 0, segment s>=1 at 16 << s; step 2 for s<=1, 1<<s after. */
	for (int s = 0; s < 8; s++) {
		int lo = s == 0 ? 0 : 16 << s;
		int step = s <= 1 ? 2 : 1 << s;

		for (int q = 0; q < 16; q++) {
			struct ref_ival *r = &a_ref[s * 16 + q];

			r->lo = lo + q * step;
			r->hi = r->lo + step;
			r->out = r->lo + step / 2;
		}
	}
	/* mu-law: segment edges 0,31,95,...,8159 = (32 << s) - 33; step 2 << s. */
	for (int s = 0; s < 8; s++) {
		int lo = (32 << s) - 33;
		int step = 2 << s;

		for (int q = 0; q < 16; q++) {
			struct ref_ival *r = &u_ref[s * 16 + q];

			r->lo = lo + q * step;
			r->hi = r->lo + step;
			r->out = r->lo + step / 2;
		}
	}
	u_ref[0].lo = 0; /* the first interval is [0, 1), output 0 */
	u_ref[0].out = 0;
}

static int ref_find(const struct ref_ival *tab, int mag)
{
	for (int i = 0; i < 128; i++)
		if (mag >= tab[i].lo && mag < tab[i].hi)
			return i;
	return 127; /* overload: the outermost interval */
}

static uint8_t ref_alaw_encode(int lin)
{
	int neg = lin < 0;
	int mag = (neg ? ~lin : lin) >> 3;
	int idx = ref_find(a_ref, mag);

	return (uint8_t)((idx | (neg ? 0 : 0x80)) ^ 0x55);
}

static int ref_alaw_decode(uint8_t a)
{
	int idx = (a ^ 0x55) & 0x7F;
	int v = a_ref[idx].out << 3;

	return (a & 0x80) ? v : -v;
}

static uint8_t ref_ulaw_encode(int lin)
{
	int neg = lin < 0;
	int mag = (neg ? ~lin : lin) >> 2;
	int idx = ref_find(u_ref, mag);

	return (uint8_t)((idx | (neg ? 0 : 0x80)) ^ 0x7F);
}

static int ref_ulaw_decode(uint8_t u)
{
	int idx = (u & 0x7F) ^ 0x7F;
	int v = u_ref[idx].out << 2;

	return (u & 0x80) ? v : -v;
}

static int setup(void **state)
{
	(void)state;
	build_refs();
	return 0;
}

static void alaw_encode_all_inputs_match_reference(void **state)
{
	(void)state;
	for (int x = -32768; x <= 32767; x++)
		if (cc_g711_alaw_encode((int16_t)x) != ref_alaw_encode(x))
			fail_msg("A-law encode %d: got %02x want %02x", x,
				 cc_g711_alaw_encode((int16_t)x), ref_alaw_encode(x));
}

static void ulaw_encode_all_inputs_match_reference(void **state)
{
	(void)state;
	for (int x = -32768; x <= 32767; x++)
		if (cc_g711_ulaw_encode((int16_t)x) != ref_ulaw_encode(x))
			fail_msg("mu-law encode %d: got %02x want %02x", x,
				 cc_g711_ulaw_encode((int16_t)x), ref_ulaw_encode(x));
}

static void decode_all_codes_match_reference(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++) {
		assert_int_equal(cc_g711_alaw_decode((uint8_t)c), ref_alaw_decode((uint8_t)c));
		assert_int_equal(cc_g711_ulaw_decode((uint8_t)c), ref_ulaw_decode((uint8_t)c));
	}
}

static void all_inputs_and_codes_match_spandsp(void **state)
{
	(void)state;
	for (int x = -32768; x <= 32767; x++) {
		assert_int_equal(cc_g711_alaw_encode((int16_t)x), linear_to_alaw(x));
		/*
		 * spandsp's mu-law takes the two's complement magnitude of a
		 * negative sample where G.191 takes the one's complement, so
		 * for x < 0 it encodes |x| with the sign bit cleared.
		 */
		if (x >= 0)
			assert_int_equal(cc_g711_ulaw_encode((int16_t)x), linear_to_ulaw(x));
		else if (x > -32768)
			assert_int_equal(cc_g711_ulaw_encode((int16_t)-x) ^ 0x80,
					 linear_to_ulaw(x));
	}
	for (int c = 0; c < 256; c++) {
		assert_int_equal(cc_g711_alaw_decode((uint8_t)c), alaw_to_linear((uint8_t)c));
		assert_int_equal(cc_g711_ulaw_decode((uint8_t)c), ulaw_to_linear((uint8_t)c));
	}
}

static void code_decode_encode_is_identity(void **state)
{
	(void)state;
	/* Every code except mu-law negative zero (0x7F, decodes to 0 = 0xFF) round-trips. */
	for (int c = 0; c < 256; c++) {
		assert_int_equal(cc_g711_alaw_encode(cc_g711_alaw_decode((uint8_t)c)), c);
		if (c != 0x7F)
			assert_int_equal(cc_g711_ulaw_encode(cc_g711_ulaw_decode((uint8_t)c)), c);
	}
}

static void known_values_from_g711_tables(void **state)
{
	(void)state;
	/* Positive zero: A-law 1101 0101, mu-law 1111 1111 (G.711 Tables 1, 2). */
	assert_int_equal(cc_g711_alaw_encode(0), CC_G711_ALAW_SILENCE);
	assert_int_equal(cc_g711_ulaw_encode(0), CC_G711_ULAW_SILENCE);
	/* Negative one is negative zero under one's complement truncation. */
	assert_int_equal(cc_g711_alaw_encode(-1), 0x55);
	assert_int_equal(cc_g711_ulaw_encode(-1), 0x7F);
	/* Full scale: A-law 1010 1010 / 0010 1010, mu-law 1000 0000 / 0000 0000. */
	assert_int_equal(cc_g711_alaw_encode(32767), 0xAA);
	assert_int_equal(cc_g711_alaw_encode(-32768), 0x2A);
	assert_int_equal(cc_g711_ulaw_encode(32767), 0x80);
	assert_int_equal(cc_g711_ulaw_encode(-32768), 0x00);
	/* Largest outputs: A-law 4032 x 8, mu-law 8031 x 4. */
	assert_int_equal(cc_g711_alaw_decode(0xAA), 32256);
	assert_int_equal(cc_g711_ulaw_decode(0x80), 32124);
	assert_int_equal(cc_g711_alaw_decode(0xD5), 8);
}

static void buffer_forms_equal_scalar(void **state)
{
	int16_t lin[512], back[512];
	uint8_t a[512], u[512];

	(void)state;
	for (int i = 0; i < 512; i++)
		lin[i] = (int16_t)(i * 131 - 33000 + i * i);
	cc_g711_alaw_encode_buf(lin, a, 512);
	cc_g711_ulaw_encode_buf(lin, u, 512);
	for (int i = 0; i < 512; i++) {
		assert_int_equal(a[i], cc_g711_alaw_encode(lin[i]));
		assert_int_equal(u[i], cc_g711_ulaw_encode(lin[i]));
	}
	cc_g711_alaw_decode_buf(a, back, 512);
	for (int i = 0; i < 512; i++)
		assert_int_equal(back[i], cc_g711_alaw_decode(a[i]));
	cc_g711_ulaw_decode_buf(u, back, 512);
	for (int i = 0; i < 512; i++)
		assert_int_equal(back[i], cc_g711_ulaw_decode(u[i]));
}

static void round_trip_error_within_half_step(void **state)
{
	(void)state;
	/* Quantisation error is at most half an interval plus the truncation. */
	for (int x = -32768; x <= 32767; x++) {
		int ea = x - cc_g711_alaw_decode(cc_g711_alaw_encode((int16_t)x));
		int eu = x - cc_g711_ulaw_decode(cc_g711_ulaw_encode((int16_t)x));
		int ax = x < 0 ? -x : x;

		if (ea < 0)
			ea = -ea;
		if (eu < 0)
			eu = -eu;
		assert_true(ea <= (ax < 512 ? 16 : ax / 16 + 8) || ax > 32256);
		assert_true(eu <= (ax < 128 ? 8 : ax / 16 + 8) || ax > 32124);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alaw_encode_all_inputs_match_reference),
		cmocka_unit_test(ulaw_encode_all_inputs_match_reference),
		cmocka_unit_test(decode_all_codes_match_reference),
		cmocka_unit_test(all_inputs_and_codes_match_spandsp),
		cmocka_unit_test(code_decode_encode_is_identity),
		cmocka_unit_test(known_values_from_g711_tables),
		cmocka_unit_test(buffer_forms_equal_scalar),
		cmocka_unit_test(round_trip_error_within_half_step),
	};

	return cmocka_run_group_tests_name("g711", tests, setup, NULL);
}
