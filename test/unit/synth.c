// SPDX-License-Identifier: GPL-2.0-or-later
/* synth.c - see synth.h */
#include <math.h>

#include <callcenter/g711.h>

#include "synth.h"

static uint64_t rng = 1;

void synth_seed(uint64_t seed)
{
	rng = seed;
}

double synth_urand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(rng >> 11) / 9007199254740992.0;
}

double synth_grand(void)
{
	double u = synth_urand() + 1e-12, v = synth_urand();

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

double synth_amp_dbm0(double dbm0)
{
	return 32767.0 * pow(10.0, (dbm0 - 3.14) / 20.0);
}

void synth_silence(struct synth_sig *s, int ms)
{
	for (int i = 0; i < ms * 8 && s->n < SYNTH_MAXV; i++)
		s->buf[s->n++] = 0.0;
}

void synth_pair(struct synth_sig *s, double f1, double l1, double f2, double l2, int ms)
{
	double p1 = synth_urand() * 2 * M_PI, p2 = synth_urand() * 2 * M_PI;
	double a1 = synth_amp_dbm0(l1), a2 = synth_amp_dbm0(l2);

	for (int i = 0; i < ms * 8 && s->n < SYNTH_MAXV; i++)
		s->buf[s->n++] = a1 * sin(p1 + 2 * M_PI * f1 * i / SYNTH_FS) +
				 a2 * sin(p2 + 2 * M_PI * f2 * i / SYNTH_FS);
}

void synth_noise(struct synth_sig *s, double snr_db)
{
	double p = 0, sd;
	int cnt = 0;

	for (int i = 0; i < s->n; i++)
		if (s->buf[i] != 0.0) {
			p += s->buf[i] * s->buf[i];
			cnt++;
		}
	sd = sqrt(p / (cnt ? cnt : 1) / pow(10.0, snr_db / 10.0));
	for (int i = 0; i < s->n; i++)
		s->buf[i] += sd * synth_grand();
}

void synth_to_g711(const struct synth_sig *s, int16_t *out)
{
	for (int i = 0; i < s->n; i++) {
		double v = s->buf[i];
		int16_t x = v > 32767 ? 32767 : v < -32768 ? -32768 : (int16_t)lrint(v);

		out[i] = cc_g711_alaw_decode(cc_g711_alaw_encode(x));
	}
}
