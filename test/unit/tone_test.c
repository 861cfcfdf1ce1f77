// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * China call-progress tone receiver and generator.
 *
 * Cadences under test (doc/dsp.md): dial 450 Hz continuous, busy 350/350 ms,
 * ringback 1000/4000 ms, congestion 700/700 ms.  Signals are synthesised
 * here with libm (independent of our generator), A-law round-tripped, with
 * seeded noise; cadences are jittered within +-10 %, levels swept from -10
 * to -35 dBm0, frequency +-10 Hz.  Things that must not be recognised: other
 * cadences (500/500, 200/200), other frequencies (560 Hz, 1000 Hz), a level
 * of -48 dBm0, noise alone.
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

#define FS   8000
#define MAXN (FS * 16)

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

static int16_t x[MAXN];

/* Cadence: on/off ms, for @total_ms, tone @hz at @dbm0, starting at @lead_ms. */
static int synth(double hz, double dbm0, int on_ms, int off_ms, int lead_ms, int total_ms,
		 double jitter, double noise_dbm0)
{
	double a = 32767.0 * pow(10, (dbm0 - 3.14) / 20), ph = synth_urand() * 6.28;
	double sd = 32767.0 * pow(10, (noise_dbm0 - 3.14) / 20) / sqrt(2.0);
	int n = total_ms * 8, t = lead_ms * 8;

	memset(x, 0, sizeof(x));
	while (t < n) {
		int on = off_ms ? (int)(on_ms * 8 * (1 + jitter * (2 * synth_urand() - 1))) : n;
		int off = off_ms ? (int)(off_ms * 8 * (1 + jitter * (2 * synth_urand() - 1))) : n;

		for (int i = 0; i < on && t < n; i++, t++)
			x[t] = (int16_t)(a * sin(ph + 2 * M_PI * hz * t / FS));
		t += off;
	}
	for (int i = 0; i < n; i++) {
		double v = x[i] + (noise_dbm0 > -90 ? sd * synth_grand() : 0);

		x[i] = cc_g711_alaw_decode(cc_g711_alaw_encode((int16_t)lrint(v)));
	}
	return n;
}

static enum cc_cpt run(int n, struct evs *e)
{
	struct cc_cpt_rx rx;
	enum cc_cpt first = CC_CPT_NONE;

	memset(e, 0, sizeof(*e));
	assert_int_equal(cc_cpt_rx_init(&rx, 0, cb, e), 0);
	for (int i = 0; i < n;) {
		int k = 1 + (int)(synth_urand() * 300);

		k = k > n - i ? n - i : k;
		cc_cpt_rx_feed(&rx, x + i, (size_t)k);
		i += k;
	}
	for (int i = 0; i < e->n; i++)
		if (e->ev[i].type == CC_DSP_EV_CPT_ON) {
			if (first == CC_CPT_NONE)
				first = (enum cc_cpt)e->ev[i].code;
			else if (first != (enum cc_cpt)e->ev[i].code)
				return CC_CPT__COUNT; /* two different tones: wrong */
		}
	return first;
}

static const struct {
	enum cc_cpt t;
	int on, off;
} china[] = {
	{ CC_CPT_DIAL, 1, 0 },
	{ CC_CPT_BUSY, 350, 350 },
	{ CC_CPT_RINGBACK, 1000, 4000 },
	{ CC_CPT_CONGESTION, 700, 700 },
};

static void cpt_rx_china_tones_recognised_across_level_offset_jitter(void **state)
{
	struct evs e;
	int total = 0, right = 0;

	(void)state;
	for (size_t k = 0; k < 4; k++)
		for (int lv = -10; lv >= -35; lv -= 5)
			for (int df = -10; df <= 10; df += 10) {
				int n = synth(450 + df, lv, china[k].on, china[k].off, 200, 12000,
					      0.1, lv - 20);

				total++;
				if (run(n, &e) == china[k].t)
					right++;
				else
					fail_msg("%s at %d dBm0 %+d Hz: got %d events, first code "
						 "%d",
						 cc_cpt_name(china[k].t), lv, df, e.n,
						 e.n ? e.ev[0].code : -1);
			}
	printf("China tones recognised: %d of %d\n", right, total);
}

static void cpt_rx_other_tones_not_recognised(void **state)
{
	struct evs e;
	int n;

	(void)state;
	/* wrong cadences */
	n = synth(450, -10, 500, 500, 100, 8000, 0, -60);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
	n = synth(450, -10, 200, 200, 100, 8000, 0, -60);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
	/* wrong frequencies */
	n = synth(1000, -10, 350, 350, 100, 8000, 0, -60);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
	n = synth(1000, -10, 1, 0, 100, 8000, 0, -60);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
	n = synth(560, -10, 1, 0, 100, 8000, 0, -60);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
	/* too weak, and noise alone */
	n = synth(450, -48, 1, 0, 100, 8000, 0, -99);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
	n = synth(450, -99, 1, 0, 100, 8000, 0, -20);
	assert_int_equal(run(n, &e), CC_CPT_NONE);
}

static void cpt_rx_events_stamped_and_ended(void **state)
{
	struct evs e;
	int n;

	(void)state;
	/* busy from 300 ms for 3 s, then silence: ON at 300 ms, OFF after the last burst */
	n = synth(450, -15, 350, 350, 300, 3300, 0, -99);
	memset(x + n, 0, 8000 * 2);
	n += 8000;
	run(n, &e);
	assert_true(e.n >= 2);
	assert_int_equal(e.ev[0].type, CC_DSP_EV_CPT_ON);
	assert_int_equal(e.ev[0].code, CC_CPT_BUSY);
	assert_true(llabs((long long)e.ev[0].at_sample - 2400) <= 160);
	assert_int_equal(e.ev[e.n - 1].type, CC_DSP_EV_CPT_OFF);
	/* last burst: 300 + 4*700 = 3100 .. 3300 ms (3300 is the end of the synthesis) */
	assert_true(llabs((long long)e.ev[e.n - 1].at_sample - 3300 * 8) <= 160);
	/* dial then silence */
	n = synth(450, -10, 1, 0, 100, 3000, 0, -99);
	memset(x + n, 0, 4000 * 2);
	n += 4000;
	run(n, &e);
	assert_int_equal(e.n, 2);
	assert_int_equal(e.ev[0].code, CC_CPT_DIAL);
	assert_true(llabs((long long)e.ev[0].at_sample - 800) <= 160);
	assert_int_equal(e.ev[1].type, CC_DSP_EV_CPT_OFF);
	assert_true(llabs((long long)e.ev[1].at_sample - 24000) <= 160);
}

static void cpt_tx_rx_round_trip(void **state)
{
	(void)state;
	for (size_t k = 0; k < 4; k++) {
		struct cc_cpt_tx tx;
		struct evs e;
		int n = 12000 * 8;

		assert_int_equal(cc_cpt_tx_init(&tx, china[k].t, 0), 0);
		cc_cpt_tx_gen(&tx, x, (size_t)n);
		for (int i = 0; i < n; i++)
			x[i] = cc_g711_alaw_decode(cc_g711_alaw_encode(x[i]));
		assert_int_equal(run(n, &e), china[k].t);
	}
	struct cc_cpt_tx tx;

	assert_int_equal(cc_cpt_tx_init(&tx, CC_CPT_NONE, 0), -EINVAL);
	assert_int_equal(cc_cpt_tx_init(&tx, CC_CPT_BUSY, 10), -EINVAL);
	assert_string_equal(cc_cpt_name(CC_CPT_CONGESTION), "congestion");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpt_tx_rx_round_trip),
		cmocka_unit_test(cpt_rx_china_tones_recognised_across_level_offset_jitter),
		cmocka_unit_test(cpt_rx_other_tones_not_recognised),
		cmocka_unit_test(cpt_rx_events_stamped_and_ended),
	};

	synth_seed(5); /* the vectors every run sees */
	return cmocka_run_group_tests_name("tone", tests, NULL, NULL);
}
