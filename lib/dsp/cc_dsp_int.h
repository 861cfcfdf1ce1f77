/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private helpers shared by the lib/dsp receivers and generators.
 */
#ifndef CC_DSP_INT_H
#define CC_DSP_INT_H

#include <math.h>

#include <callcenter/dsp.h>

/* A full-scale sine (peak 32767) is +3.14 dBm0 (G.711 A-law, G.711 section 4). */
#define DSP_FULLSCALE_DBM0 3.14f
#define DSP_PI		   3.14159265358979f

static inline float dsp_amp(float dbm0)
{
	return 32767.0f * powf(10.0f, (dbm0 - DSP_FULLSCALE_DBM0) / 20.0f);
}

/* Goertzel energy |X|^2 of a sine at @dbm0 exactly on a bin of an @n-sample block. */
static inline float dsp_tone_energy(float dbm0, int n)
{
	float a = dsp_amp(dbm0) * (float)n / 2.0f;

	return a * a;
}

static inline float dsp_energy_dbm0(float e, int n)
{
	float a = 2.0f * sqrtf(e) / (float)n;

	return a > 0.0f ? 20.0f * log10f(a / 32767.0f) + DSP_FULLSCALE_DBM0 : -99.0f;
}

static inline float db2pow(float db)
{
	return powf(10.0f, db / 10.0f);
}

void dsp_gbank_init(struct cc_dsp_gbank *g, const float *freqs_hz, int nf, int n, int hop);

/*
 * Run up to the end of the current block.  Return: samples consumed; *out_full
 * is set when the block completed, and then out_e[] holds the bin energies,
 * out_re[]/out_im[] the block's DFT at each bin (phase referred to the block's
 * first sample) and *out_total the block's energy.
 */
size_t dsp_gbank_feed(struct cc_dsp_gbank *g, const int16_t *x, size_t n, bool *out_full,
		      float *out_e, float *out_re, float *out_im, float *out_total);

/* Frequency error (Hz) of bin @k from the phase advance since g->prev, one hop ago. */
float dsp_gbank_freq_err(const struct cc_dsp_gbank *g, int k, float re, float im, int hop);

/* Generic confirm / release tracking; see cc_dsp.c. */
void dsp_track_init(struct cc_dsp_track *t, int need);
void dsp_track_block(struct cc_dsp_track *t, const struct cc_dsp_blk *b, float e_cur, int win,
		     enum cc_dsp_ev_type on, enum cc_dsp_ev_type off, cc_dsp_ev_fn cb, void *priv);

void dsp_osc_set(struct cc_dsp_osc *o, int i, float hz, float amp);
static inline float dsp_osc_step(struct cc_dsp_osc *o)
{
	float v = 0.0f;

	for (int i = 0; i < 2; i++) {
		if (o->amp[i] != 0.0f)
			v += o->amp[i] * sinf((float)o->ph[i] * (2.0f * DSP_PI / 4294967296.0f));
		o->ph[i] += o->inc[i];
	}
	return v;
}

static inline int16_t dsp_sat16(float v)
{
	if (v > 32767.0f)
		return 32767;
	if (v < -32768.0f)
		return -32768;
	return (int16_t)lrintf(v);
}

#endif /* CC_DSP_INT_H */
