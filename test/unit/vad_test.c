// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Voice-activity detector: onset/offset stamps, hangover, noise floor.
 *
 * Speech stand-in: bursts of amplitude-modulated harmonic signal (a 120 Hz
 * voiced source with formant-like harmonics, syllable envelope at 4 Hz),
 * which has speech's level dynamics without needing a speech corpus; noise is
 * seeded white Gaussian.  Everything goes through an A-law round trip.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/dsp.h>
#include <callcenter/g711.h>

#include "synth.h"

#define FS 8000

static double amp(double dbm0)
{
	return 32767.0 * pow(10, (dbm0 - 3.14) / 20);
}

static double buf[FS * 20];
static int16_t x[FS * 20];

static void talk(int from_ms, int to_ms, double dbm0)
{
	double a = amp(dbm0);

	for (int t = from_ms * 8; t < to_ms * 8; t++) {
		double env = 0.6 + 0.4 * sin(2 * M_PI * 4 * t / FS), v = 0;

		for (int h = 1; h <= 12; h++)
			v += sin(2 * M_PI * 120 * h * t / FS + h) / h;
		buf[t] += a * env * v * 0.55;
	}
}

static void noise(int n, double dbm0)
{
	double sd = amp(dbm0) / sqrt(2.0);

	for (int t = 0; t < n; t++)
		buf[t] += sd * synth_grand();
}

struct evs {
	int n;
	struct cc_dsp_ev ev[32];
};

static void cb(const struct cc_dsp_ev *ev, void *priv)
{
	struct evs *e = priv;

	if (e->n < 32)
		e->ev[e->n++] = *ev;
}

static void run(int n, struct evs *e)
{
	struct cc_vad v;

	for (int t = 0; t < n; t++)
		x[t] = cc_g711_alaw_decode(cc_g711_alaw_encode((int16_t)lrint(buf[t])));
	memset(e, 0, sizeof(*e));
	assert_int_equal(cc_vad_init(&v, NULL, cb, e), 0);
	for (int i = 0; i < n; i += 37)
		cc_vad_feed(&v, x + i, (size_t)(n - i < 37 ? n - i : 37));
}

static void vad_speech_in_noise_stamped_within_20ms(void **state)
{
	struct evs e;

	(void)state;
	memset(buf, 0, sizeof(buf));
	noise(FS * 10, -55);
	talk(2000, 3500, -20);
	talk(6000, 7000, -25);
	run(FS * 10, &e);
	assert_int_equal(e.n, 4);
	assert_int_equal(e.ev[0].type, CC_DSP_EV_VOICE_ON);
	assert_true(llabs((long long)e.ev[0].at_sample - 16000) <= 160);
	assert_int_equal(e.ev[1].type, CC_DSP_EV_VOICE_OFF);
	assert_true(llabs((long long)e.ev[1].at_sample - 28000) <= 160);
	/* reported only after the 300 ms hangover */
	assert_true(e.ev[1].seen_sample >= 28000 + 2400);
	assert_true(llabs((long long)e.ev[2].at_sample - 48000) <= 160);
	assert_true(llabs((long long)e.ev[3].at_sample - 56000) <= 160);
}

static void vad_short_pause_bridged_by_hangover(void **state)
{
	struct evs e;

	(void)state;
	memset(buf, 0, sizeof(buf));
	noise(FS * 5, -60);
	talk(1000, 1800, -20);
	talk(2000, 2600, -20); /* 200 ms pause < 300 ms hangover */
	run(FS * 5, &e);
	assert_int_equal(e.n, 2);
	assert_true(llabs((long long)e.ev[1].at_sample - 2600 * 8) <= 160);
}

static void vad_steady_noise_never_speech(void **state)
{
	struct evs e;

	(void)state;
	for (int lv = -60; lv <= -30; lv += 10) {
		memset(buf, 0, sizeof(buf));
		noise(FS * 10, lv);
		run(FS * 10, &e);
		assert_int_equal(e.n, 0);
	}
}

static void vad_noise_floor_follows_a_step(void **state)
{
	struct evs e;

	(void)state;
	/* quiet line, then the noise rises 20 dB for 8 s: at most one short false burst */
	memset(buf, 0, sizeof(buf));
	noise(FS * 2, -65);
	{
		double sd = amp(-45) / sqrt(2.0);

		for (int t = FS * 2; t < FS * 10; t++)
			buf[t] += sd * synth_grand();
	}
	talk(15000, 16000, -20);
	run(FS * 17, &e);
	assert_true(e.n >= 2 && e.n <= 4);
	/* the speech at 15 s is found */
	assert_int_equal(e.ev[e.n - 2].type, CC_DSP_EV_VOICE_ON);
	assert_true(llabs((long long)e.ev[e.n - 2].at_sample - 120000) <= 160);
}

static void vad_bad_config_rejected(void **state)
{
	struct cc_vad v;
	struct cc_vad_cfg c = {
		.min_level_ddbm0 = -450, .snr_ddb = 90, .onset_ms = 0, .hangover_ms = 300
	};

	(void)state;
	assert_int_equal(cc_vad_init(&v, &c, NULL, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vad_speech_in_noise_stamped_within_20ms),
		cmocka_unit_test(vad_short_pause_bridged_by_hangover),
		cmocka_unit_test(vad_steady_noise_never_speech),
		cmocka_unit_test(vad_noise_floor_follows_a_step),
		cmocka_unit_test(vad_bad_config_rejected),
	};

	synth_seed(11); /* the vectors every run sees */
	return cmocka_run_group_tests_name("vad", tests, NULL, NULL);
}
