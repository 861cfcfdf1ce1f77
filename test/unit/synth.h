/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * synth.h - test helper: seeded random numbers and tone-pair signals for the
 * DSP receivers' accuracy plans (dtmf_test, r2mf_test, tone_test, vad_test).
 * One generator per test program, seeded by the test so every run sees the
 * same vectors.
 */
#ifndef CC_TEST_SYNTH_H
#define CC_TEST_SYNTH_H

#include <stdint.h>

#define SYNTH_FS   8000
#define SYNTH_MAXV (SYNTH_FS * 4) /* samples in one struct synth_sig: 4 s */

void synth_seed(uint64_t seed);
/* uniform in [0, 1) (64-bit LCG, top 53 bits) */
double synth_urand(void);
/* standard normal (Box-Muller from two synth_urand(), the first one for the radius) */
double synth_grand(void);
/* peak amplitude of a sine at @dbm0 (A-law: 0 dBm0 = 3.14 dB below full scale) */
double synth_amp_dbm0(double dbm0);

struct synth_sig {
	double buf[SYNTH_MAXV];
	int n;
};

void synth_silence(struct synth_sig *s, int ms);
/* two sines (random phases) at @f1/@l1 and @f2/@l2 dBm0 for @ms */
void synth_pair(struct synth_sig *s, double f1, double l1, double f2, double l2, int ms);
/* white Gaussian noise @snr_db below the mean power of the non-silent samples */
void synth_noise(struct synth_sig *s, double snr_db);
/* clip to 16 bits and put through a G.711 A-law round trip */
void synth_to_g711(const struct synth_sig *s, int16_t *out);

#endif
