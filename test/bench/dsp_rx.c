// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CPU per channel-second of DTMF and R2 MF detection: ours against spandsp
 * (libspandsp 0.0.6) on the same audio in the same run.
 *
 * Audio: 60 s per receiver, A-law round-tripped: digits/signals (50 ms on,
 * 50 ms off, -10 dBm0) for 20 s, white noise at -30 dBm0 for 20 s and a
 * 450 Hz + 1000 Hz mix with noise for 20 s.  Both receivers get the audio in
 * 160-sample (20 ms) blocks, as from a DAHDI channel.  Prints channel-seconds
 * processed per CPU-second and the ratio ours/spandsp (higher is better).
 * Both receivers must find the same digit count on the tone part, or the run
 * is reported invalid.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spandsp.h>

#include <callcenter/dsp.h>
#include <callcenter/g711.h>

#define FS   8000
#define SECS 60
#define N    (FS * SECS)

static int16_t audio[N];
static int ours_n, sp_n;

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t rng = 99;
static double urand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static void make_audio(const double *f, int nf, bool r2)
{
	double a = 32767.0 * pow(10.0, (-10 - 3.14) / 20.0);
	int i = 0, k = 0;

	while (i < N / 3) {
		int lo, hi;

		if (r2) {
			int s = k % 15 + 1;

			cc_r2mf_signal_freqs(s, &lo, &hi);
		} else {
			lo = k % 4;
			hi = 4 + (k / 4) % 4;
		}
		for (int t = 0; t < 400 && i < N; t++, i++)
			audio[i] = (int16_t)(a * sin(2 * M_PI * f[lo] * t / FS) +
					     a * sin(2 * M_PI * f[hi] * t / FS));
		for (int t = 0; t < 400 && i < N; t++, i++)
			audio[i] = 0;
		k++;
	}
	(void)nf;
	double an = 32767.0 * pow(10.0, (-30 - 3.14) / 20.0);
	for (; i < 2 * N / 3; i++)
		audio[i] = (int16_t)(an * (urand() + urand() + urand() - 1.5) * 1.4);
	for (; i < N; i++)
		audio[i] =
			(int16_t)(a * 0.7 * sin(2 * M_PI * 450 * i / FS) +
				  a * 0.5 * sin(2 * M_PI * 1000 * i / FS) + an * (urand() - 0.5));
	for (i = 0; i < N; i++)
		audio[i] = cc_g711_alaw_decode(cc_g711_alaw_encode(audio[i]));
}

static void our_cb(const struct cc_dsp_ev *ev, void *priv)
{
	(void)priv;
	if (ev->type == CC_DSP_EV_DTMF_ON || ev->type == CC_DSP_EV_MF_ON)
		ours_n++;
}

static void sp_dtmf_cb(void *u, const char *d, int len)
{
	(void)u;
	(void)d;
	sp_n += len;
}

static void sp_r2_cb(void *u, int code, int level, int delay)
{
	(void)u;
	(void)level;
	(void)delay;
	if (code)
		sp_n++;
}

static void report(const char *what, double t_ours, double t_sp, int reps)
{
	double ch_ours = SECS * reps / t_ours, ch_sp = SECS * reps / t_sp;

	printf("%-8s ours %8.0f ch-s/cpu-s (%5.2f us/ch-s)  spandsp %8.0f ch-s/cpu-s (%5.2f "
	       "us/ch-s)"
	       "  ratio %.2fx  digits ours %d spandsp %d%s\n",
	       what, ch_ours, 1e6 / ch_ours, ch_sp, 1e6 / ch_sp, t_sp / t_ours, ours_n / reps,
	       sp_n / reps, ours_n == sp_n ? "" : "  (counts differ)");
}

int main(int argc, char **argv)
{
	static const double dtmf_f[8] = { 697, 770, 852, 941, 1209, 1336, 1477, 1633 };
	static const double r2_f[6] = { 1380, 1500, 1620, 1740, 1860, 1980 };
	int reps = argc > 1 ? atoi(argv[1]) : 5;
	double t0, t_ours, t_sp;

	/* DTMF */
	make_audio(dtmf_f, 8, false);
	ours_n = sp_n = 0;
	t0 = cpu_now();
	for (int r = 0; r < reps; r++) {
		struct cc_dtmf_rx rx;

		if (cc_dtmf_rx_init(&rx, NULL, our_cb, NULL))
			return 1;
		for (int i = 0; i < N; i += 160)
			cc_dtmf_rx_feed(&rx, audio + i, 160);
	}
	t_ours = cpu_now() - t0;
	t0 = cpu_now();
	for (int r = 0; r < reps; r++) {
		dtmf_rx_state_t *rx = dtmf_rx_init(NULL, sp_dtmf_cb, NULL);

		for (int i = 0; i < N; i += 160)
			dtmf_rx(rx, audio + i, 160);
		dtmf_rx_free(rx);
	}
	t_sp = cpu_now() - t0;
	report("DTMF", t_ours, t_sp, reps);

	/* R2 MF forward */
	make_audio(r2_f, 6, true);
	ours_n = sp_n = 0;
	t0 = cpu_now();
	for (int r = 0; r < reps; r++) {
		struct cc_r2mf_rx rx;

		if (cc_r2mf_rx_init(&rx, CC_R2MF_FWD, NULL, our_cb, NULL))
			return 1;
		for (int i = 0; i < N; i += 160)
			cc_r2mf_rx_feed(&rx, audio + i, 160);
	}
	t_ours = cpu_now() - t0;
	t0 = cpu_now();
	for (int r = 0; r < reps; r++) {
		r2_mf_rx_state_t *rx = r2_mf_rx_init(NULL, 1, sp_r2_cb, NULL);

		for (int i = 0; i < N; i += 160)
			r2_mf_rx(rx, audio + i, 160);
		r2_mf_rx_free(rx);
	}
	t_sp = cpu_now() - t0;
	report("R2MF fwd", t_ours, t_sp, reps);
	return 0;
}
