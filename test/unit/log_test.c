// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for lib/util logging: level specs, thresholds, the sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/log.h>

static char last_line[2048];
static int lines;
static enum cc_logss last_ss;
static enum cc_logl last_lvl;

static void capture(enum cc_logss ss, enum cc_logl lvl, const char *line, void *priv)
{
	(void)priv;
	snprintf(last_line, sizeof(last_line), "%s", line);
	last_ss = ss;
	last_lvl = lvl;
	lines++;
}

static int setup(void **state)
{
	(void)state;
	assert_int_equal(cc_log_parse_levels("all=notice", NULL), 0);
	cc_log_set_sink(capture, NULL);
	lines = 0;
	last_line[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cc_log_set_sink(NULL, NULL);
	return 0;
}

static void log_below_threshold_is_dropped(void **state)
{
	(void)state;
	cc_log(CC_LOGSS_ISUP, CC_LOGL_DEBUG, "hidden %d", 1);
	CC_LOG(CC_LOGSS_ISUP, CC_LOGL_INFO, "hidden too");
	assert_int_equal(lines, 0);
	cc_log(CC_LOGSS_ISUP, CC_LOGL_ERROR, "cic %d: bad IAM\n", 7);
	assert_int_equal(lines, 1);
	assert_string_equal(last_line, "cic 7: bad IAM");
	assert_int_equal(last_ss, CC_LOGSS_ISUP);
	assert_int_equal(last_lvl, CC_LOGL_ERROR);
}

static void parse_levels_ss7_group_sets_all_four(void **state)
{
	(void)state;
	assert_int_equal(cc_log_parse_levels("all=error,ss7=debug", NULL), 0);
	assert_int_equal(cc_log_get_level(CC_LOGSS_MTP2), CC_LOGL_DEBUG);
	assert_int_equal(cc_log_get_level(CC_LOGSS_MTP3), CC_LOGL_DEBUG);
	assert_int_equal(cc_log_get_level(CC_LOGSS_ISUP), CC_LOGL_DEBUG);
	assert_int_equal(cc_log_get_level(CC_LOGSS_TUP), CC_LOGL_DEBUG);
	assert_int_equal(cc_log_get_level(CC_LOGSS_R2), CC_LOGL_ERROR);
	assert_true(cc_log_enabled(CC_LOGSS_TUP, CC_LOGL_DEBUG));
	assert_false(cc_log_enabled(CC_LOGSS_ACD, CC_LOGL_NOTICE));
}

static void parse_levels_bare_level_means_all(void **state)
{
	(void)state;
	assert_int_equal(cc_log_parse_levels("info", NULL), 0);
	for (int i = 0; i < CC_LOGSS__COUNT; i++)
		assert_int_equal(cc_log_get_level((enum cc_logss)i), CC_LOGL_INFO);
	assert_int_equal(cc_log_parse_levels("none", NULL), 0);
	cc_log(CC_LOGSS_CORE, CC_LOGL_FATAL, "silenced");
	assert_int_equal(lines, 0);
}

static void parse_levels_bad_spec_changes_nothing(void **state)
{
	static const struct {
		const char *spec;
		size_t errpos;
	} bad[] = {
		{ "r2=debug,isup=loud", 9 }, { "bogus=info", 0 }, { "r2=", 0 },
		{ "r2=debug,", 9 },	     { "=info", 0 },	  { "r2=debug,,acd=info", 9 },
	};

	(void)state;
	for (size_t i = 0; i < CC_ARRAY_SIZE(bad); i++) {
		size_t pos = 999;

		assert_int_equal(cc_log_parse_levels("all=notice", NULL), 0);
		assert_int_equal(cc_log_parse_levels(bad[i].spec, &pos), -EINVAL);
		assert_int_equal(pos, bad[i].errpos);
		assert_int_equal(cc_log_get_level(CC_LOGSS_R2), CC_LOGL_NOTICE);
	}
	assert_int_equal(cc_log_parse_levels(NULL, NULL), -EINVAL);
}

static void set_level_rejects_out_of_range(void **state)
{
	(void)state;
	assert_int_equal(cc_log_set_level(CC_LOGSS__COUNT, CC_LOGL_INFO), -EINVAL);
	assert_int_equal(cc_log_set_level(CC_LOGSS_R2, CC_LOGL__COUNT), -EINVAL);
	assert_int_equal(cc_log_set_level(CC_LOGSS_R2, CC_LOGL_DEBUG), 0);
	assert_string_equal(cc_logss_name(CC_LOGSS_R2), "r2");
	assert_string_equal(cc_logl_name(CC_LOGL_NOTICE), "notice");
	assert_string_equal(cc_logss_name(CC_LOGSS__COUNT), "?");
}

static void long_line_is_truncated_and_marked(void **state)
{
	char big[3000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cc_log(CC_LOGSS_APP, CC_LOGL_ERROR, "%s", big);
	assert_int_equal(lines, 1);
	assert_int_equal(strlen(last_line), 1023);
	assert_string_equal(last_line + 1020, "...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(log_below_threshold_is_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_levels_ss7_group_sets_all_four, setup,
						teardown),
		cmocka_unit_test_setup_teardown(parse_levels_bare_level_means_all, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_levels_bad_spec_changes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(set_level_rejects_out_of_range, setup, teardown),
		cmocka_unit_test_setup_teardown(long_line_is_truncated_and_marked, setup, teardown),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
