// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Trunk channels: the loopback backend (impairments, the DAHDI mtp2=
 * emulation that drops repeated frames) and the DAHDI backend's argument and
 * failure paths (the DAHDI data path itself runs in the VM tests 60-62).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/trunk.h>

static void pair(struct cc_trunk_chan **a, struct cc_trunk_chan **b)
{
	assert_int_equal(cc_trunk_loop_pair(16, a, b), 0);
}

static void trunk_loop_basics(void **state)
{
	struct cc_trunk_chan *a, *b;
	struct cc_trunk_info info;
	uint8_t buf[8];

	(void)state;
	assert_int_equal(cc_trunk_loop_pair(0, &a, &b), -EINVAL);
	pair(&a, &b);
	assert_int_equal(cc_trunk_fd(a), -1);
	assert_int_equal(cc_trunk_flags(a), 0);
	assert_false(cc_trunk_in_alarm(a));
	cc_trunk_info_get(a, &info);
	assert_int_equal(info.sig, CC_TRUNK_SIG_LOOP);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"abc", 3), 0);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"abc", 0), -EINVAL);
	assert_int_equal(cc_trunk_read(b, buf, 2), -ENOSPC); /* consumed */
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -EAGAIN);
	/* corruption shows as a bad FCS, counted by the reader */
	cc_trunk_impair_set(a, &(struct cc_trunk_impair){ .corrupt_every = 2 });
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"x", 1), 0);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"y", 1), 0);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), 1);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -EBADMSG);
	assert_int_equal(cc_trunk_stats_get(b)->badfcs, 1);
	/* a cut line: frames lost, the reader sees no signal */
	cc_trunk_impair_set(a, &(struct cc_trunk_impair){ .cut = true });
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"z", 1), 0);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -ENOLINK);
	cc_trunk_close(a);
	cc_trunk_close(b);
}

/* CC_TRUNK_F_REPEATS: the reader drops a frame equal to the previous one it
 * delivered, as DAHDI's mtp2= receiver does; a corrupted copy in between
 * does not reset the comparison (DAHDI never stores a bad frame). */
static void trunk_loop_repeats(void **state)
{
	struct cc_trunk_chan *a, *b;
	uint8_t buf[8];

	(void)state;
	pair(&a, &b);
	assert_int_equal(cc_trunk_loop_set_flags(b, 0x80), -EINVAL);
	assert_int_equal(cc_trunk_loop_set_flags(b, CC_TRUNK_F_REPEATS), 0);
	assert_int_equal(cc_trunk_flags(b), CC_TRUNK_F_REPEATS);
	assert_int_equal(cc_trunk_flags(a), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(cc_trunk_write(a, (const uint8_t *)"fisu", 4), 0);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"msu", 3), 0);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"fisu", 4), 0);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), 4);
	assert_memory_equal(buf, "fisu", 4);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "msu", 3);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), 4);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(cc_trunk_stats_get(b)->repeats_dropped, 2);
	/* same frame, bad copy, same frame again: only the bad copy is seen */
	cc_trunk_impair_set(a, &(struct cc_trunk_impair){ .corrupt_every = 2 });
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"fisu", 4), 0);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"fisu", 4), 0);
	assert_int_equal(cc_trunk_write(a, (const uint8_t *)"fisu", 4), 0);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -EBADMSG);
	assert_int_equal(cc_trunk_read(b, buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(cc_trunk_stats_get(b)->repeats_dropped, 4);
	cc_trunk_close(a);
	cc_trunk_close(b);
}

static void trunk_dahdi_open_errors(void **state)
{
	struct cc_trunk_dahdi_cfg cfg = { .channo = 16 };
	struct cc_trunk_chan *c = NULL;

	(void)state;
	assert_int_equal(cc_trunk_dahdi_open(NULL, &c), -EINVAL);
	cfg.channo = 0;
	assert_int_equal(cc_trunk_dahdi_open(&cfg, &c), -EINVAL);
	cfg.channo = 16;
	cfg.sig = CC_TRUNK_SIG_LOOP;
	assert_int_equal(cc_trunk_dahdi_open(&cfg, &c), -EINVAL);
	cfg.sig = CC_TRUNK_SIG_AUTO;
	cfg.bufsize = 8;
	assert_int_equal(cc_trunk_dahdi_open(&cfg, &c), -EINVAL);
	cfg.bufsize = 0;
	cfg.device = "/nonexistent/dahdi/channel";
	assert_int_equal(cc_trunk_dahdi_open(&cfg, &c), -ENOENT);
	/* not a DAHDI device: DAHDI_SPECIFY fails, reported as no such channel */
	cfg.device = "/dev/null";
	assert_int_equal(cc_trunk_dahdi_open(&cfg, &c), -ENODEV);
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trunk_loop_basics),
		cmocka_unit_test(trunk_loop_repeats),
		cmocka_unit_test(trunk_dahdi_open_errors),
	};

	return cmocka_run_group_tests_name("trunk", tests, NULL, NULL);
}
