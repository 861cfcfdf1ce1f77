// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for lib/core basics: CRC-16/X.25 and the bounded reader/writer.
 *
 * CRC provenance: the check value 0x906E for "123456789" is the published
 * catalogue value of CRC-16/X-25 (also called CRC-16/IBM-SDLC, ISO-HDLC);
 * the residue 0xF0B8 is the "good FCS" constant of RFC 1662 section C.2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/crc.h>
#include <callcenter/rd.h>

static void crc16_x25_check_string_gives_catalogue_value(void **state)
{
	(void)state;
	assert_int_equal(cc_crc16_x25((const uint8_t *)"123456789", 9), 0x906E);
}

static void crc16_x25_empty_gives_zero(void **state)
{
	(void)state;
	assert_int_equal(cc_crc16_x25(NULL, 0), 0x0000);
}

static void crc16_x25_incremental_equals_oneshot(void **state)
{
	const uint8_t msg[] = "The quick brown fox jumps over the lazy dog";
	uint16_t crc = CC_CRC16_X25_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(msg) - 1; i += 5)
		crc = cc_crc16_x25_update(crc, msg + i,
					  (sizeof(msg) - 1 - i) < 5 ? sizeof(msg) - 1 - i : 5);
	assert_int_equal((uint16_t)~crc, cc_crc16_x25(msg, sizeof(msg) - 1));
}

static void crc16_x25_frame_with_fcs_has_good_residue(void **state)
{
	/* A Q.703 FISU: BSN/BIB 0xff, FSN/FIB 0xff, LI 0. */
	uint8_t su[5] = { 0xff, 0xff, 0x00 };
	uint16_t fcs = cc_crc16_x25(su, 3);

	(void)state;
	su[3] = (uint8_t)fcs; /* low octet first */
	su[4] = (uint8_t)(fcs >> 8);
	assert_true(cc_crc16_x25_check(su, 5));
	su[1] ^= 0x10; /* one bit error */
	assert_false(cc_crc16_x25_check(su, 5));
	assert_false(cc_crc16_x25_check(su, 1));
}

static void rd_short_input_returns_ebadmsg_and_keeps_cursor(void **state)
{
	const uint8_t buf[] = { 0x01, 0x02, 0x03 };
	struct cc_rd rd;
	uint16_t v16;
	uint32_t v32;
	uint8_t v8;

	(void)state;
	cc_rd_init(&rd, buf, sizeof(buf));
	assert_int_equal(cc_rd_u16le(&rd, &v16), 0);
	assert_int_equal(v16, 0x0201);
	assert_int_equal(cc_rd_u24le(&rd, &v32), -EBADMSG);
	assert_int_equal(cc_rd_pos(&rd), 2);
	assert_int_equal(cc_rd_u16be(&rd, &v16), -EBADMSG);
	assert_int_equal(cc_rd_u8(&rd, &v8), 0);
	assert_int_equal(v8, 0x03);
	assert_int_equal(cc_rd_u8(&rd, &v8), -EBADMSG);
	assert_int_equal(cc_rd_left(&rd), 0);
}

static void rd_sub_reader_cannot_escape_its_window(void **state)
{
	const uint8_t buf[] = { 2, 0xaa, 0xbb, 0xcc };
	struct cc_rd rd, sub;
	uint8_t len, v;
	const uint8_t *p;

	(void)state;
	cc_rd_init(&rd, buf, sizeof(buf));
	assert_int_equal(cc_rd_u8(&rd, &len), 0);
	assert_int_equal(cc_rd_sub(&rd, len, &sub), 0);
	assert_int_equal(cc_rd_bytes(&sub, 3, &p), -EBADMSG);
	assert_int_equal(cc_rd_u8(&sub, &v), 0);
	assert_int_equal(v, 0xaa);
	assert_int_equal(cc_rd_u8(&rd, &v), 0);
	assert_int_equal(v, 0xcc);
	assert_int_equal(cc_rd_sub(&rd, 1, &sub), -EBADMSG);
}

static void wr_full_buffer_returns_enospc(void **state)
{
	uint8_t buf[4];
	struct cc_wr wr;
	uint8_t *len;

	(void)state;
	cc_wr_init(&wr, buf, sizeof(buf));
	assert_int_equal(cc_wr_reserve(&wr, 1, &len), 0);
	assert_int_equal(cc_wr_u16be(&wr, 0x1234), 0);
	assert_int_equal(cc_wr_u16le(&wr, 0x5678), -ENOSPC);
	assert_int_equal(cc_wr_u8(&wr, 0x9a), 0);
	assert_int_equal(cc_wr_u8(&wr, 0xbc), -ENOSPC);
	*len = 3;
	assert_int_equal(cc_wr_len(&wr), 4);
	assert_memory_equal(buf, ((uint8_t[]){ 3, 0x12, 0x34, 0x9a }), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc16_x25_check_string_gives_catalogue_value),
		cmocka_unit_test(crc16_x25_empty_gives_zero),
		cmocka_unit_test(crc16_x25_incremental_equals_oneshot),
		cmocka_unit_test(crc16_x25_frame_with_fcs_has_good_residue),
		cmocka_unit_test(rd_short_input_returns_ebadmsg_and_keeps_cursor),
		cmocka_unit_test(rd_sub_reader_cannot_escape_its_window),
		cmocka_unit_test(wr_full_buffer_returns_enospc),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
