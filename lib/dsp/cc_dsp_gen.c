// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tone generators: DTMF (Q.23), MFC R2 (Q.441) and China call-progress tones.
 *
 * Each tone is a 32-bit phase accumulator (frequency error < 0.001 Hz) and
 * sinf(); both tones of a pair start and stop on the same sample (Q.441: the
 * two frequencies of a signal start and end within 1 ms of each other).
 * Default levels: DTMF -10 dBm0 per tone (a common national value; Q.23
 * leaves the level to administrations), R2 -11.5 dBm0 per tone (Q.441
 * send level -11.5 +-1 dB), call progress -10 dBm0 (doc/dsp.md).
 */
#include <string.h>

#include "cc_dsp_int.h"

void dsp_osc_set(struct cc_dsp_osc *o, int i, float hz, float amp)
{
	o->inc[i] = (uint32_t)llrintf(hz / (float)CC_DSP_RATE_HZ * 4294967296.0f);
	o->amp[i] = amp;
}

/* ---------------------------------------------------------------- DTMF */

static const char dtmf_keys[] = "123A456B789C*0#D";
static const float dtmf_lo[4] = { 697, 770, 852, 941 };
static const float dtmf_hi[4] = { 1209, 1336, 1477, 1633 };

int cc_dtmf_tx_init(struct cc_dtmf_tx *tx, int level_ddbm0, int twist_ddb, int on_ms, int off_ms)
{
	if (level_ddbm0 == 0)
		level_ddbm0 = -100;
	if (on_ms == 0)
		on_ms = 100;
	if (off_ms == 0)
		off_ms = 100;
	if (level_ddbm0 < -600 || level_ddbm0 > 30 || twist_ddb < -200 || twist_ddb > 200 ||
	    on_ms < 0 || on_ms > 10000 || off_ms < 0 || off_ms > 10000)
		return -EINVAL;
	memset(tx, 0, sizeof(*tx));
	tx->on_samples = on_ms * 8;
	tx->off_samples = off_ms * 8;
	tx->amp_lo = dsp_amp((float)level_ddbm0 / 10.0f);
	tx->amp_hi = dsp_amp((float)(level_ddbm0 + twist_ddb) / 10.0f);
	return 0;
}

int cc_dtmf_tx_put(struct cc_dtmf_tx *tx, const char *digits)
{
	size_t n = strlen(digits);

	for (size_t i = 0; i < n; i++)
		if (!strchr(dtmf_keys, digits[i]) || digits[i] == '\0')
			return -EINVAL;
	if (n > sizeof(tx->q) - 1 - (tx->tail - tx->head))
		return -ENOSPC;
	for (size_t i = 0; i < n; i++)
		tx->q[tx->tail++ % sizeof(tx->q)] = digits[i];
	return 0;
}

size_t cc_dtmf_tx_gen(struct cc_dtmf_tx *tx, int16_t *out, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (tx->left == 0) {
			if (tx->in_tone) {
				tx->in_tone = false;
				tx->left = tx->off_samples;
				tx->osc.amp[0] = tx->osc.amp[1] = 0.0f;
			} else if (tx->head != tx->tail) {
				int k = (int)(strchr(dtmf_keys, tx->q[tx->head++ % sizeof(tx->q)]) -
					      dtmf_keys);

				memset(&tx->osc, 0, sizeof(tx->osc));
				dsp_osc_set(&tx->osc, 0, dtmf_lo[k / 4], tx->amp_lo);
				dsp_osc_set(&tx->osc, 1, dtmf_hi[k % 4], tx->amp_hi);
				tx->in_tone = true;
				tx->left = tx->on_samples;
			} else {
				break;
			}
			if (tx->left == 0)
				continue;
		}
		out[i++] = tx->in_tone ? dsp_sat16(dsp_osc_step(&tx->osc)) : 0;
		tx->left--;
	}
	return i;
}

/* ---------------------------------------------------------------- R2 MF */

int cc_r2mf_tx_init(struct cc_r2mf_tx *tx, enum cc_r2mf_dir dir, int level_ddbm0)
{
	if (level_ddbm0 == 0)
		level_ddbm0 = -115;
	if ((dir != CC_R2MF_FWD && dir != CC_R2MF_BWD) || level_ddbm0 < -600 || level_ddbm0 > 0)
		return -EINVAL;
	memset(tx, 0, sizeof(*tx));
	tx->dir = dir;
	tx->amp = dsp_amp((float)level_ddbm0 / 10.0f);
	return 0;
}

int cc_r2mf_tx_set(struct cc_r2mf_tx *tx, int signal, int pulse_ms)
{
	int i, j;

	if (signal == 0) {
		tx->signal = 0;
		memset(&tx->osc, 0, sizeof(tx->osc));
		return 0;
	}
	if (cc_r2mf_signal_freqs(signal, &i, &j) < 0 || pulse_ms < 0 || pulse_ms > 60000)
		return -EINVAL;
	memset(&tx->osc, 0, sizeof(tx->osc));
	dsp_osc_set(&tx->osc, 0, (float)cc_r2mf_freq_hz(tx->dir, i), tx->amp);
	dsp_osc_set(&tx->osc, 1, (float)cc_r2mf_freq_hz(tx->dir, j), tx->amp);
	tx->signal = signal;
	tx->left = pulse_ms ? pulse_ms * 8 : -1;
	return 0;
}

void cc_r2mf_tx_gen(struct cc_r2mf_tx *tx, int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!tx->signal) {
			out[i] = 0;
			continue;
		}
		out[i] = dsp_sat16(dsp_osc_step(&tx->osc));
		if (tx->left > 0 && --tx->left == 0) {
			tx->signal = 0;
			memset(&tx->osc, 0, sizeof(tx->osc));
		}
	}
}

/* ---------------------------------------------------------------- call progress */

/* China cadences in ms, on/off pairs; 0-length off = continuous (doc/dsp.md). */
static const uint32_t cpt_cad[CC_CPT__COUNT][2] = {
	[CC_CPT_DIAL] = { 1, 0 },
	[CC_CPT_BUSY] = { 350, 350 },
	[CC_CPT_RINGBACK] = { 1000, 4000 },
	[CC_CPT_CONGESTION] = { 700, 700 },
};

int cc_cpt_tx_init(struct cc_cpt_tx *tx, enum cc_cpt tone, int level_ddbm0)
{
	if (level_ddbm0 == 0)
		level_ddbm0 = -100;
	if (tone <= CC_CPT_NONE || tone >= CC_CPT__COUNT || level_ddbm0 < -600 || level_ddbm0 > 0)
		return -EINVAL;
	memset(tx, 0, sizeof(*tx));
	tx->tone = tone;
	dsp_osc_set(&tx->osc, 0, 450.0f, dsp_amp((float)level_ddbm0 / 10.0f));
	return 0;
}

void cc_cpt_tx_gen(struct cc_cpt_tx *tx, int16_t *out, size_t n)
{
	uint32_t on = cpt_cad[tx->tone][0] * 8, off = cpt_cad[tx->tone][1] * 8;

	for (size_t i = 0; i < n; i++) {
		bool sound = off == 0 || tx->t < on;
		float v = dsp_osc_step(&tx->osc);

		out[i] = sound ? dsp_sat16(v) : 0;
		if (off && ++tx->t >= on + off)
			tx->t = 0;
	}
}
