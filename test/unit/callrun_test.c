// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * utils/common/cc_callrun: the scaffolding cc-ss7, cc-r2 and the VM peers
 * share (number templates, run bookkeeping, exit status).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cc_callrun.h"

static const struct cc_callrun_cfg cfg = {
	.prog = "callrun_test",
	.num_base = 10,
	.calls_max = 1000,
	.ms_max = 60000,
	.timeout_s_max = 3600,
	.call_timeout_ms = 5000,
};

static void callrun_expand_fills_xs_right_aligned(void **state)
{
	char b[32];

	(void)state;
	cc_callrun_expand(b, sizeof(b), "1380013XXXX", 7);
	assert_string_equal(b, "13800130007");
	cc_callrun_expand(b, sizeof(b), "02150XXXX", 1234);
	assert_string_equal(b, "021501234");
	/* more digits than Xs: the low-order ones */
	cc_callrun_expand(b, sizeof(b), "9XX", 12345);
	assert_string_equal(b, "945");
	/* no X: the template itself */
	cc_callrun_expand(b, sizeof(b), "120", 99);
	assert_string_equal(b, "120");
	/* truncated to the buffer, never overrun */
	memset(b, 'z', sizeof(b));
	cc_callrun_expand(b, 5, "1380013XXXX", 7);
	assert_string_equal(b, "1380");
	assert_int_equal(b[5], 'z');
}

static void callrun_matches_x_is_any_digit_only(void **state)
{
	(void)state;
	assert_true(cc_callrun_matches("1380013XXXX", "13800130007"));
	assert_true(cc_callrun_matches("120", "120"));
	assert_false(cc_callrun_matches("1380013XXXX", "1380013000"));	 /* shorter */
	assert_false(cc_callrun_matches("1380013XXXX", "138001300071")); /* longer */
	assert_false(cc_callrun_matches("1380013XXXX", "1380013000A"));	 /* X: digits only */
	assert_false(cc_callrun_matches("120", "119"));
}

static void callrun_template_validity(void **state)
{
	(void)state;
	assert_true(cc_callrun_template_is_valid("1380013XXXX", 20));
	assert_true(cc_callrun_template_is_valid("", 20));
	assert_false(cc_callrun_template_is_valid("138x", 20));
	assert_false(cc_callrun_template_is_valid("12-34", 20));
	assert_false(cc_callrun_template_is_valid("123456", 5));
}

/* a clock reading taken just before the loop's "now" must not wrap to a huge age
 * (that timed calls out at once in openr2_peer) */
static void callrun_ms_since_never_wraps(void **state)
{
	(void)state;
	assert_int_equal(cc_callrun_ms_since(1000, 400), 600);
	assert_int_equal(cc_callrun_ms_since(1000, 1000), 0);
	assert_int_equal(cc_callrun_ms_since(1000, 1001), 0);
}

static void callrun_counts_and_exit_status(void **state)
{
	struct cc_callrun r;
	struct cc_callrun_call a, b;

	(void)state;
	cc_callrun_init(&r, &cfg);
	assert_true(cc_callrun_opt(&r, 'o', "2"));
	assert_int_equal(r.mode, CC_CALLRUN_ORIGINATE);
	assert_int_equal(r.calls, 2);
	assert_string_equal(r.expect_result, "ok");
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	cc_callrun_call_start(&r, &a, 100);
	cc_callrun_call_start(&r, &b, 100);
	assert_int_equal(a.n, 1);
	assert_int_equal(b.n, 2);
	assert_int_equal(r.started, 2);
	assert_true(cc_callrun_call_end(&r, &a, 150, "ok", "cic=%d", 1));
	/* the first failure wins over the result given at the end */
	cc_callrun_call_fail(&b, "calling-mismatch");
	cc_callrun_call_fail(&b, "later");
	assert_false(cc_callrun_call_end(&r, &b, 160, "ok", "cic=%d", 2));
	assert_int_equal(r.completed, 2);
	assert_int_equal(r.ok, 1);
	assert_int_equal(r.failed, 1);
	assert_int_equal(cc_callrun_exit_status(&r, NULL), 1);
	/* all ok, but the run was stopped: still a failure */
	r.ok = 2;
	r.failed = 0;
	assert_int_equal(cc_callrun_exit_status(&r, NULL), 0);
	assert_int_equal(cc_callrun_exit_status(&r, "timeout"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(callrun_expand_fills_xs_right_aligned),
		cmocka_unit_test(callrun_matches_x_is_any_digit_only),
		cmocka_unit_test(callrun_template_validity),
		cmocka_unit_test(callrun_ms_since_never_wraps),
		cmocka_unit_test(callrun_counts_and_exit_status),
	};

	return cmocka_run_group_tests_name("callrun", tests, NULL, NULL);
}
