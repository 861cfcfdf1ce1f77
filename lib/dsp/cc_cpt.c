// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * China call-progress tone receiver: 450 Hz with cadence recognition.
 *
 * Design notes
 * ------------
 * A Goertzel filter at 450 Hz over 10 ms blocks (80 samples) decides per
 * block whether the tone is present: level above the threshold and at least
 * 60 % of the block energy in the bin (rejects speech, other tones and
 * frequencies more than about 40 Hz off).  A state change needs two
 * agreeing blocks, which delays both edges equally, so segment lengths are
 * unbiased to within one block.
 *
 * Cadences (on/off, ms) with +-20 % tolerance (plus one block):
 *   dial 450 continuous, reported after 1.5 s of unbroken tone;
 *   busy 350/350 and congestion 700/700, reported after two matching cycles;
 *   ringback 1000/4000, reported when the second burst starts.
 * A tone is reported ended (CPT_OFF, stamped at the end of its last burst)
 * when an on or off segment breaks the pattern or the silence outlasts the
 * pattern's off time.  Source of the cadences: doc/dsp.md.
 */
#include <string.h>

#include "cc_dsp_int.h"

#define CPT_N	      80
#define CPT_BLK_MS    10
#define CPT_RATIO_MIN 0.6f
#define CPT_DIAL_MS   1500

struct cad {
	uint32_t on_ms, off_ms;
	int cycles; /* matching on/off pairs needed */
};

static const struct cad cads[CC_CPT__COUNT] = {
	[CC_CPT_BUSY] = { 350, 350, 2 },
	[CC_CPT_RINGBACK] = { 1000, 4000, 1 },
	[CC_CPT_CONGESTION] = { 700, 700, 2 },
};

static bool near(uint32_t blocks, uint32_t ms)
{
	uint32_t got = blocks * CPT_BLK_MS, tol = ms / 5 + CPT_BLK_MS;

	return got + tol >= ms && got <= ms + tol;
}

int cc_cpt_rx_init(struct cc_cpt_rx *rx, int min_level_ddbm0, cc_dsp_ev_fn cb, void *priv)
{
	if (min_level_ddbm0 == 0)
		min_level_ddbm0 = -400;
	if (min_level_ddbm0 < -600 || min_level_ddbm0 > 0)
		return -EINVAL;
	memset(rx, 0, sizeof(*rx));
	rx->coef = 2.0f * cosf(2.0f * DSP_PI * 450.0f / (float)CC_DSP_RATE_HZ);
	rx->thr_e = dsp_tone_energy((float)min_level_ddbm0 / 10.0f, CPT_N);
	rx->cb = cb;
	rx->priv = priv;
	return 0;
}

static void cpt_emit(struct cc_cpt_rx *rx, enum cc_dsp_ev_type type, enum cc_cpt code, uint64_t at)
{
	struct cc_dsp_ev ev = {
		.type = type,
		.code = code,
		.at_sample = at,
		.seen_sample = rx->blk * CPT_N,
	};

	if (rx->cb)
		rx->cb(&ev, rx->priv);
}

static void cpt_report(struct cc_cpt_rx *rx, enum cc_cpt t, uint64_t at, uint64_t end_prev)
{
	if (rx->cur == t)
		return;
	if (rx->cur != CC_CPT_NONE)
		cpt_emit(rx, CC_DSP_EV_CPT_OFF, rx->cur, end_prev);
	rx->cur = t;
	if (t != CC_CPT_NONE)
		cpt_emit(rx, CC_DSP_EV_CPT_ON, t, at);
}

/* A segment just ended; @was_on tells which kind, @len its length in blocks. */
static void cpt_segment_end(struct cc_cpt_rx *rx, bool was_on, uint32_t len, uint64_t now)
{
	if (was_on) {
		if (rx->cur == CC_CPT_DIAL)
			cpt_report(rx, CC_CPT_NONE, 0, now);
		else if (rx->cur != CC_CPT_NONE && !near(len, cads[rx->cur].on_ms))
			cpt_report(rx, CC_CPT_NONE, 0, now);
		rx->last_on = len;
		return;
	}
	/* An off segment ended: classify the (on, off) pair that just completed. */
	enum cc_cpt m = CC_CPT_NONE;

	for (int t = CC_CPT_BUSY; t < CC_CPT__COUNT; t++)
		if (cads[t].cycles && near(rx->last_on, cads[t].on_ms) && near(len, cads[t].off_ms))
			m = (enum cc_cpt)t;
	uint64_t pair_start = rx->seg_start - (uint64_t)(rx->last_on + len) * CPT_N;

	if (m == CC_CPT_NONE) {
		cpt_report(rx, CC_CPT_NONE, 0, rx->seg_start - (uint64_t)len * CPT_N);
		rx->cand = CC_CPT_NONE;
		return;
	}
	if (cads[m].cycles == 1 || rx->cand == m)
		cpt_report(rx, m, rx->cand == m ? rx->cand_at : pair_start, 0);
	if (rx->cand != m) {
		rx->cand = m;
		rx->cand_at = pair_start;
	}
}

static void cpt_block(struct cc_cpt_rx *rx, float e, float total)
{
	bool on = e >= rx->thr_e && e >= CPT_RATIO_MIN * (float)CPT_N / 2.0f * total;
	uint64_t now = rx->blk * CPT_N; /* start of this block */

	rx->blk++;
	if (on != rx->on) {
		if (++rx->flip < 2)
			goto grow;
		/* The change began one block ago. */
		uint32_t len = rx->seg_blocks - 1;
		uint64_t edge = now - CPT_N;

		rx->on = on;
		rx->flip = 0;
		rx->seg_start = edge;
		cpt_segment_end(rx, !on, len, edge);
		rx->seg_blocks = 2;
		goto check;
	}
	rx->flip = 0;
grow:
	rx->seg_blocks++;
check:
	if (rx->on && rx->seg_blocks * CPT_BLK_MS >= CPT_DIAL_MS && rx->cur != CC_CPT_DIAL) {
		rx->cand = CC_CPT_NONE;
		cpt_report(rx, CC_CPT_DIAL, rx->seg_start, rx->seg_start);
	}
	if (!rx->on && rx->cur != CC_CPT_NONE && rx->cur != CC_CPT_DIAL &&
	    rx->seg_blocks * CPT_BLK_MS > cads[rx->cur].off_ms + cads[rx->cur].off_ms / 5 + 20) {
		cpt_report(rx, CC_CPT_NONE, 0, rx->seg_start);
		rx->cand = CC_CPT_NONE;
	}
}

void cc_cpt_rx_feed(struct cc_cpt_rx *rx, const int16_t *x, size_t n)
{
	float s1 = rx->s1, s2 = rx->s2, c = rx->coef, en = rx->energy;

	for (size_t i = 0; i < n; i++) {
		float v = (float)x[i];
		float s0 = c * s1 - s2 + v;

		s2 = s1;
		s1 = s0;
		en += v * v;
		if (++rx->pos == CPT_N) {
			cpt_block(rx, s1 * s1 + s2 * s2 - c * s1 * s2, en);
			s1 = s2 = en = 0.0f;
			rx->pos = 0;
		}
	}
	rx->s1 = s1;
	rx->s2 = s2;
	rx->energy = en;
}
