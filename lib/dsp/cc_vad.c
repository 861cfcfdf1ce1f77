// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Voice-activity detector: frame energy against an adaptive noise floor,
 * with onset persistence and hangover.
 *
 * Design notes
 * ------------
 * Frames of 10 ms.  A frame is loud when its level exceeds both an absolute
 * floor (default -45 dBm0) and the noise estimate plus a margin (default
 * 9 dB).  The noise estimate is a minimum statistic: the quietest frame of
 * the last 2 to 2.5 s (five 500 ms segments).  Speech always has quieter
 * frames between syllables and words, so the floor follows the line noise,
 * up or down within 2.5 s, and never climbs onto the speech.  Speech starts after onset_ms of loud
 * frames (VOICE_ON stamped at the first of them) and ends after hangover_ms
 * without a loud frame (VOICE_OFF stamped at the end of the last loud frame).
 * Tones are energy too: this detector says "something is being sent", the
 * tone receivers say what.  Used by the recorder (silence suppression) and
 * the false-call filter (silent calls).
 */
#include <string.h>

#include "cc_dsp_int.h"

#define VAD_N 80

int cc_vad_init(struct cc_vad *v, const struct cc_vad_cfg *cfg, cc_dsp_ev_fn cb, void *priv)
{
	struct cc_vad_cfg def = {
		.min_level_ddbm0 = -450,
		.snr_ddb = 90,
		.onset_ms = 20,
		.hangover_ms = 300,
	};

	if (!cfg)
		cfg = &def;
	if (cfg->min_level_ddbm0 < -700 || cfg->min_level_ddbm0 > 0 || cfg->snr_ddb < 0 ||
	    cfg->snr_ddb > 400 || cfg->onset_ms < 10 || cfg->onset_ms > 1000 ||
	    cfg->hangover_ms < 10 || cfg->hangover_ms > 10000)
		return -EINVAL;
	memset(v, 0, sizeof(*v));
	v->cfg = *cfg;
	v->cur_min = 1e9f;
	for (int i = 0; i < 4; i++)
		v->seg_min[i] = 1e9f;
	v->cb = cb;
	v->priv = priv;
	return 0;
}

static void vad_emit(struct cc_vad *v, enum cc_dsp_ev_type type, uint64_t at, int level)
{
	struct cc_dsp_ev ev = {
		.type = type,
		.at_sample = at,
		.seen_sample = v->blk * VAD_N,
		.level_ddbm0 = level,
	};

	if (v->cb)
		v->cb(&ev, v->priv);
}

static void vad_frame(struct cc_vad *v, float sumsq)
{
	/* Mean power against a 0 dBm0 sine (mean square amp^2 / 2). */
	float a0 = dsp_amp(0.0f);
	float p = sumsq / (float)VAD_N / (a0 * a0 / 2.0f);
	float db = p > 1e-9f ? 10.0f * log10f(p) : -90.0f;
	uint64_t start = v->blk * VAD_N;
	bool loud;

	if (db < v->cur_min)
		v->cur_min = db;
	v->noise_db = v->cur_min;
	for (int i = 0; i < 4; i++)
		if (v->seg_min[i] < v->noise_db)
			v->noise_db = v->seg_min[i];
	if (++v->seg_frames == 50) {
		memmove(&v->seg_min[1], &v->seg_min[0], 3 * sizeof(v->seg_min[0]));
		v->seg_min[0] = v->cur_min;
		v->cur_min = 1e9f;
		v->seg_frames = 0;
	}
	loud = db * 10.0f >= (float)v->cfg.min_level_ddbm0 &&
	       db >= v->noise_db + (float)v->cfg.snr_ddb / 10.0f;
	v->blk++;
	if (loud) {
		if (v->run++ == 0) {
			v->run_start = start;
			v->peak_db = db;
		}
		if (db > v->peak_db)
			v->peak_db = db;
		v->quiet = 0;
		v->last_loud_end = start + VAD_N;
		if (!v->active && v->run * 10 >= v->cfg.onset_ms) {
			v->active = true;
			vad_emit(v, CC_DSP_EV_VOICE_ON, v->run_start,
				 (int)lrintf(v->peak_db * 10.0f));
		}
		return;
	}
	v->run = 0;
	if (v->active && ++v->quiet * 10 >= v->cfg.hangover_ms) {
		v->active = false;
		v->quiet = 0;
		vad_emit(v, CC_DSP_EV_VOICE_OFF, v->last_loud_end, 0);
	}
}

void cc_vad_feed(struct cc_vad *v, const int16_t *x, size_t n)
{
	float acc = v->acc;

	for (size_t i = 0; i < n; i++) {
		float s = (float)x[i];

		acc += s * s;
		if (++v->pos == VAD_N) {
			vad_frame(v, acc);
			acc = 0.0f;
			v->pos = 0;
		}
	}
	v->acc = acc;
}
