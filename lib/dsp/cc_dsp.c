// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DTMF and MFC R2 receivers.
 *
 * Design notes
 * ------------
 * Both receivers share one engine: a bank of up to eight Goertzel filters run
 * in lock-step as two 4-lane float vectors (GCC/Clang vector extension, SSE
 * on baseline x86-64), plus the block's total energy.  The recursion
 * s[n] = x[n] + c s[n-1] - s[n-2] is advanced four samples at a time in
 * closed form (s[n+j] = sum U(j-i) x[n+i] + U(j+1) s[n-1] - U(j) s[n-2], U the
 * Chebyshev polynomials of the second kind in c/2), which breaks the
 * multiply-add latency chain that otherwise bounds a Goertzel loop.  At the end of
 * each block a per-receiver classifier decides whether the block holds a
 * valid signal, and a shared tracker turns block verdicts into ON/OFF events.
 *
 * Block verdict (classifier): the two tones must each exceed the level
 * threshold, their ratio must be within the twist limits, the other bins must
 * stay below the pair (relative peak / third tone), and the pair must carry
 * most of the block's energy (tone-to-total ratio: rejects speech and noise).
 *
 * Frequency check: a Goertzel bin's complex output advances by w*N radians
 * per block for a tone at the bin frequency; the measured advance between two
 * consecutive full blocks gives the tone's offset from nominal.  This is what
 * lets a short block (wide bins, good timing) still reject off-frequency
 * tones that its magnitude response alone would accept (Q.24: operate within
 * 1.5 %, reject beyond 3.5 %).  Offsets beyond half a bin alias, but such
 * tones have already lost 4 dB or more in the bin and fail the twist test.
 *
 * Tracker: a signal is confirmed after @need consecutive valid blocks of the
 * same code whose weaker-tone energies lie within 6 dB of each other and of
 * which at least one passed the frequency check (DTMF: 3 blocks of 12.75 ms,
 * so a 40 ms digit always confirms and a digit under 25.5 ms never does; R2:
 * 2 blocks of 8.4 ms, so bursts under 8.4 ms are ignored (Q.441: < 7 ms)).
 * It is released after two consecutive blocks in which the signal's own bins
 * fell 20 dB below their confirmed energy (or another signal took over): a
 * short interruption (DTMF 10 ms, R2 7 ms) leaves partial tone in each block
 * it touches and is bridged; a real pause empties at least two blocks.
 * ON is stamped at the estimated onset: the start of the first block of the
 * run, moved forward by the fraction of that block the tone did not fill
 * (from its energy relative to a full block).  OFF is stamped likewise.
 */
#include <string.h>

#include "cc_dsp_int.h"

/* ---------------------------------------------------------------- names */

static const char *const ev_names[CC_DSP_EV__COUNT] = {
	[CC_DSP_EV_DTMF_ON] = "DTMF_ON",   [CC_DSP_EV_DTMF_OFF] = "DTMF_OFF",
	[CC_DSP_EV_MF_ON] = "MF_ON",	   [CC_DSP_EV_MF_OFF] = "MF_OFF",
	[CC_DSP_EV_CPT_ON] = "CPT_ON",	   [CC_DSP_EV_CPT_OFF] = "CPT_OFF",
	[CC_DSP_EV_VOICE_ON] = "VOICE_ON", [CC_DSP_EV_VOICE_OFF] = "VOICE_OFF",
};

const char *cc_dsp_ev_type_name(enum cc_dsp_ev_type t)
{
	return (unsigned int)t < CC_DSP_EV__COUNT ? ev_names[t] : "?";
}

static const char *const cpt_names[CC_CPT__COUNT] = {
	[CC_CPT_NONE] = "none",
	[CC_CPT_DIAL] = "dial",
	[CC_CPT_BUSY] = "busy",
	[CC_CPT_RINGBACK] = "ringback",
	[CC_CPT_CONGESTION] = "congestion",
};

const char *cc_cpt_name(enum cc_cpt t)
{
	return (unsigned int)t < CC_CPT__COUNT ? cpt_names[t] : "?";
}

float cc_dsp_dbm0_to_amp(int ddbm0)
{
	return dsp_amp((float)ddbm0 / 10.0f);
}

/* ---------------------------------------------------------------- Goertzel bank */

void dsp_gbank_init(struct cc_dsp_gbank *g, const float *freqs_hz, int nf, int n, int hop)
{
	memset(g, 0, sizeof(*g));
	g->nf = nf;
	g->n = n;
	for (int k = 0; k < nf; k++) {
		float w = 2.0f * DSP_PI * freqs_hz[k] / (float)CC_DSP_RATE_HZ;
		float c = 2.0f * cosf(w);

		g->coef[k / 4][k % 4] = c;
		g->u[0][k / 4][k % 4] = 1.0f;
		g->u[1][k / 4][k % 4] = c;
		g->u[2][k / 4][k % 4] = c * c - 1.0f;
		g->u[3][k / 4][k % 4] = c * c * c - 2.0f * c;
		g->u[4][k / 4][k % 4] = c * c * c * c - 3.0f * c * c + 1.0f;
		g->cos_w[k] = cosf(w);
		g->sin_w[k] = sinf(w);
		/* Goertzel y = s1 - s2 e^(-jw) = e^(jw(n-1)) X: multiply by e^(-jw(n-1)). */
		g->dr_re[k] = cosf(w * (float)(n - 1));
		g->dr_im[k] = -sinf(w * (float)(n - 1));
		g->adv_re[k] = cosf(w * (float)hop);
		g->adv_im[k] = sinf(w * (float)hop);
	}
}

size_t dsp_gbank_feed(struct cc_dsp_gbank *g, const int16_t *x, size_t n, bool *out_full,
		      float *out_e, float *out_re, float *out_im, float *out_total)
{
	size_t todo = (size_t)(g->n - g->pos), i = 0;
	cc_dsp_v4f p0 = g->s1[0], p1 = g->s1[1], q0 = g->s2[0], q1 = g->s2[1];
	cc_dsp_v4f ev = { 0, 0, 0, 0 };
	float e = g->energy;

	if (todo > n)
		todo = n;
	if (todo >= 4) {
		const cc_dsp_v4f u1a = g->u[1][0], u1b = g->u[1][1], u2a = g->u[2][0],
				 u2b = g->u[2][1], u3a = g->u[3][0], u3b = g->u[3][1],
				 u4a = g->u[4][0], u4b = g->u[4][1];

		for (; i + 4 <= todo; i += 4) {
			float x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
			cc_dsp_v4f xv = { x0, x1, x2, x3 };
			/* new s[n+3] and s[n+2] from s[n-1] = p, s[n-2] = q */
			cc_dsp_v4f a0 = x3 + u1a * x2 + u2a * x1 + u3a * x0 + u4a * p0 - u3a * q0;
			cc_dsp_v4f b0 = x2 + u1a * x1 + u2a * x0 + u3a * p0 - u2a * q0;
			cc_dsp_v4f a1 = x3 + u1b * x2 + u2b * x1 + u3b * x0 + u4b * p1 - u3b * q1;
			cc_dsp_v4f b1 = x2 + u1b * x1 + u2b * x0 + u3b * p1 - u2b * q1;

			p0 = a0;
			q0 = b0;
			p1 = a1;
			q1 = b1;
			ev += xv * xv;
		}
	}
	for (; i < todo; i++) {
		float v = (float)x[i];
		cc_dsp_v4f s0 = g->coef[0] * p0 - q0 + v;
		cc_dsp_v4f s1 = g->coef[1] * p1 - q1 + v;

		q0 = p0;
		p0 = s0;
		q1 = p1;
		p1 = s1;
		e += v * v;
	}
	e += ev[0] + ev[1] + ev[2] + ev[3];
	g->pos += (int)todo;
	*out_full = g->pos == g->n;
	if (!*out_full) {
		g->s1[0] = p0;
		g->s1[1] = p1;
		g->s2[0] = q0;
		g->s2[1] = q1;
		g->energy = e;
		return todo;
	}
	for (int k = 0; k < g->nf; k++) {
		float s1 = k < 4 ? p0[k] : p1[k - 4], s2 = k < 4 ? q0[k] : q1[k - 4];
		float c = g->coef[k / 4][k % 4];
		float yr = s1 - s2 * g->cos_w[k], yi = s2 * g->sin_w[k];

		out_e[k] = s1 * s1 + s2 * s2 - c * s1 * s2;
		out_re[k] = yr * g->dr_re[k] - yi * g->dr_im[k];
		out_im[k] = yr * g->dr_im[k] + yi * g->dr_re[k];
	}
	*out_total = e;
	memset(g->s1, 0, sizeof(g->s1));
	memset(g->s2, 0, sizeof(g->s2));
	g->energy = 0.0f;
	g->pos = 0;
	return todo;
}

float dsp_gbank_freq_err(const struct cc_dsp_gbank *g, int k, float re, float im, int hop)
{
	/* z = cur * conj(prev) * conj(expected advance) */
	float pr = g->prev_re[k], pi = g->prev_im[k];
	float zr = re * pr + im * pi, zi = im * pr - re * pi;
	float ar = g->adv_re[k], ai = g->adv_im[k];
	float wr = zr * ar + zi * ai, wi = zi * ar - zr * ai;

	return atan2f(wi, wr) * (float)CC_DSP_RATE_HZ / (2.0f * DSP_PI * (float)hop);
}

static void gbank_commit(struct cc_dsp_gbank *g, const float *re, const float *im)
{
	for (int k = 0; k < g->nf; k++) {
		g->prev_re[k] = re[k];
		g->prev_im[k] = im[k];
	}
}

/* ---------------------------------------------------------------- tracker */

void dsp_track_init(struct cc_dsp_track *t, int need)
{
	memset(t, 0, sizeof(*t));
	t->need = need;
}

static void emit(cc_dsp_ev_fn cb, void *priv, enum cc_dsp_ev_type type, int code, uint64_t at,
		 uint64_t seen, int level)
{
	struct cc_dsp_ev ev = {
		.type = type,
		.code = code,
		.at_sample = at,
		.seen_sample = seen,
		.level_ddbm0 = level,
	};

	if (cb)
		cb(&ev, priv);
}

/* Fraction (0..1) of a block filled by a tone whose energy is @e against full-block @ref. */
static float fill(float e, float ref)
{
	float p = ref > 0.0f ? sqrtf(e / ref) : 1.0f;

	return p > 1.0f ? 1.0f : p;
}

void dsp_track_block(struct cc_dsp_track *t, const struct cc_dsp_blk *b, float e_cur, int win,
		     enum cc_dsp_ev_type on, enum cc_dsp_ev_type off, cc_dsp_ev_fn cb, void *priv)
{
	uint64_t end = b->start + (uint64_t)win;
	const int n = win;

	memmove(&t->win[0], &t->win[1], sizeof(t->win) - sizeof(t->win[0]));
	t->win[3] = *b;
	if (b->code && b->code == t->run_code) {
		/* run continues */
	} else if (b->code) {
		t->run_code = b->code;
		t->run_start = b->start;
		t->run_first_e = b->e_min;
	} else {
		t->run_code = 0;
	}

	if (t->cur) {
		bool present = (b->code == t->cur || b->code == 0) && e_cur >= t->cur_emin * 0.01f;

		if (present) {
			t->absent = 0;
			t->last_end =
				b->start + (uint64_t)(fill(e_cur, t->cur_emin) * (float)n + 0.5f);
			return;
		}
		if (++t->absent < 2 && b->code == 0)
			return;
		emit(cb, priv, off, t->cur, t->last_end, end, 0);
		t->cur = 0;
		t->absent = 0;
	}

	/* Confirmation over the last @need blocks. */
	int code = t->win[3].code;
	float lo = 1e30f, hi = 0.0f;
	bool checked = false;

	if (!code)
		return;
	for (int i = 4 - t->need; i < 4; i++) {
		const struct cc_dsp_blk *w = &t->win[i];

		if (w->code != code)
			return;
		if (w->e_min < lo)
			lo = w->e_min;
		if (w->e_min > hi)
			hi = w->e_min;
		checked |= w->freq_checked;
	}
	if (!checked || lo < hi * 0.25f)
		return;
	t->cur = code;
	t->cur_emin = hi;
	t->absent = 0;
	t->last_end = end;

	uint64_t at = t->run_start;
	float p = fill(t->run_first_e, hi);

	if (p < 0.95f)
		at += (uint64_t)((1.0f - p) * (float)n + 0.5f);
	emit(cb, priv, on, code, at, end, (int)lrintf(10.0f * dsp_energy_dbm0(hi, n)));
}

/* ---------------------------------------------------------------- DTMF */

/*
 * Q.23 frequencies; rows are the low group, columns the high group.  Analysis
 * window of 102 samples (12.75 ms, bins 78.4 Hz apart: the row tones, 73-91 Hz
 * apart, fall near each other's nulls), evaluated every 51 samples: the bank
 * runs on 51-sample halves and each window is the previous half's DFT plus
 * the current half's rotated by e^(-jw*51), so the overlap costs nothing.
 * Four consecutive valid windows (255 samples, 32 ms) confirm a digit: every
 * 40 ms tone holds four full windows, no tone under 32 ms does.  The phase
 * advance over one hop measures frequency without aliasing up to +-78 Hz,
 * beyond 3.5 % of the highest tone.
 */
#define DTMF_W		 102
#define DTMF_HOP	 51
#define DTMF_REL_PEAK_DB 8.0f	/* other tones of a group at least this far below */
#define DTMF_RATIO_MIN	 0.70f	/* pair energy / window energy */
#define DTMF_FREQ_TOL	 0.025f /* between the 1.5 % accept and 3.5 % reject bands */

static const float dtmf_freqs[8] = { 697, 770, 852, 941, 1209, 1336, 1477, 1633 };
static const char dtmf_keys[4][4] = { { '1', '2', '3', 'A' },
				      { '4', '5', '6', 'B' },
				      { '7', '8', '9', 'C' },
				      { '*', '0', '#', 'D' } };

static int dtmf_key_rc(int key, int *r, int *c)
{
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++)
			if (dtmf_keys[i][j] == key) {
				*r = i;
				*c = j;
				return 0;
			}
	return -EINVAL;
}

int cc_dtmf_rx_init(struct cc_dtmf_rx *rx, const struct cc_dtmf_rx_cfg *cfg, cc_dsp_ev_fn cb,
		    void *priv)
{
	struct cc_dtmf_rx_cfg def = { .min_level_ddbm0 = -360,
				      .fwd_twist_ddb = 100,
				      .rev_twist_ddb = 60 };

	if (!cfg)
		cfg = &def;
	if (cfg->min_level_ddbm0 < -600 || cfg->min_level_ddbm0 > 0 || cfg->fwd_twist_ddb < 0 ||
	    cfg->fwd_twist_ddb > 200 || cfg->rev_twist_ddb < 0 || cfg->rev_twist_ddb > 200)
		return -EINVAL;
	memset(rx, 0, sizeof(*rx));
	dsp_gbank_init(&rx->g, dtmf_freqs, 8, DTMF_HOP, DTMF_HOP);
	for (int k = 0; k < 8; k++) {
		float w = 2.0f * DSP_PI * dtmf_freqs[k] / (float)CC_DSP_RATE_HZ;

		rx->rot_re[k] = cosf(w * DTMF_HOP);
		rx->rot_im[k] = -sinf(w * DTMF_HOP);
	}
	dsp_track_init(&rx->t, 4);
	rx->thr_e = dsp_tone_energy((float)cfg->min_level_ddbm0 / 10.0f, DTMF_W);
	rx->twist_fwd = db2pow((float)cfg->fwd_twist_ddb / 10.0f);
	rx->twist_rev = db2pow((float)cfg->rev_twist_ddb / 10.0f);
	rx->cb = cb;
	rx->priv = priv;
	return 0;
}

static void dtmf_window(struct cc_dtmf_rx *rx, const float *e, const float *re, const float *im,
			float total, uint64_t start)
{
	struct cc_dsp_blk b = { .start = start };
	const float rel = db2pow(DTMF_REL_PEAK_DB);
	const struct cc_dsp_blk *prev = &rx->t.win[3];
	int r = 0, c = 4;
	float e_cur = 0.0f;

	for (int k = 1; k < 4; k++)
		if (e[k] > e[r])
			r = k;
	for (int k = 5; k < 8; k++)
		if (e[k] > e[c])
			c = k;
	b.e_min = e[r] < e[c] ? e[r] : e[c];
	b.e_max = e[r] < e[c] ? e[c] : e[r];
	if (e[r] < rx->thr_e || e[c] < rx->thr_e) {
		rx->stats.rej_level++;
		goto track;
	}
	if (e[r] > e[c] * rx->twist_fwd || e[c] > e[r] * rx->twist_rev) {
		rx->stats.rej_twist++;
		goto track;
	}
	for (int k = 0; k < 8; k++) {
		if (k == r || k == c)
			continue;
		if (e[k] * rel > (k < 4 ? e[r] : e[c])) {
			rx->stats.rej_peak++;
			goto track;
		}
	}
	if (e[r] + e[c] < DTMF_RATIO_MIN * (float)DTMF_W / 2.0f * total) {
		rx->stats.rej_ratio++;
		goto track;
	}
	b.code = dtmf_keys[r][c - 4];
	/* Frequency check against the previous window when both are steady (within 3 dB). */
	if (prev->code == b.code && prev->start + DTMF_HOP == start &&
	    b.e_min > prev->e_min * 0.25f && b.e_min < prev->e_min * 4.0f) {
		float dr = dsp_gbank_freq_err(&rx->g, r, re[r], im[r], DTMF_HOP);
		float dc = dsp_gbank_freq_err(&rx->g, c, re[c], im[c], DTMF_HOP);

		if (fabsf(dr) > DTMF_FREQ_TOL * dtmf_freqs[r] ||
		    fabsf(dc) > DTMF_FREQ_TOL * dtmf_freqs[c]) {
			rx->stats.rej_freq++;
			b.code = 0;
		} else {
			b.freq_checked = true;
		}
	}
track:
	if (rx->t.cur) {
		int cr, cc;

		if (dtmf_key_rc(rx->t.cur, &cr, &cc) == 0)
			e_cur = e[cr] < e[cc + 4] ? e[cr] : e[cc + 4];
	}
	gbank_commit(&rx->g, re, im);
	bool was = rx->t.cur != 0;
	dsp_track_block(&rx->t, &b, e_cur, DTMF_W, CC_DSP_EV_DTMF_ON, CC_DSP_EV_DTMF_OFF, rx->cb,
			rx->priv);
	if (!was && rx->t.cur)
		rx->stats.digits++;
}

/* A half window completed: join it with the previous half. */
static void dtmf_half(struct cc_dtmf_rx *rx, const float *he, const float *hre, const float *him,
		      float htotal, uint64_t hstart)
{
	float e[8], re[8], im[8];

	(void)he;
	if (rx->have_half) {
		for (int k = 0; k < 8; k++) {
			re[k] = rx->h_re[k] + hre[k] * rx->rot_re[k] - him[k] * rx->rot_im[k];
			im[k] = rx->h_im[k] + hre[k] * rx->rot_im[k] + him[k] * rx->rot_re[k];
			e[k] = re[k] * re[k] + im[k] * im[k];
		}
		dtmf_window(rx, e, re, im, rx->h_e + htotal, hstart - DTMF_HOP);
	}
	memcpy(rx->h_re, hre, sizeof(rx->h_re));
	memcpy(rx->h_im, him, sizeof(rx->h_im));
	rx->h_e = htotal;
	rx->have_half = true;
}

void cc_dtmf_rx_feed(struct cc_dtmf_rx *rx, const int16_t *x, size_t n)
{
	while (n) {
		float e[8], re[8], im[8], total;
		bool full;
		uint64_t start = rx->pos - (uint64_t)rx->g.pos;
		size_t k = dsp_gbank_feed(&rx->g, x, n, &full, e, re, im, &total);

		x += k;
		n -= k;
		rx->pos += k;
		if (full)
			dtmf_half(rx, e, re, im, total, start);
	}
}

/* ---------------------------------------------------------------- R2 MF */

/*
 * Q.441 frequencies, index 0-5 = f0-f5 (signal table of Q.441, see doc/dsp.md).
 * Block of 67 samples (8.375 ms): bins 119.4 Hz apart, i.e. on the 120 Hz
 * spacing, so a tone sits on its neighbours' nulls (leakage below -20 dB even
 * at the +-10 Hz tolerance).
 */
#define R2_N	       67
#define R2_THIRD_DB    6.0f /* third-strongest tone below the weaker of the pair */
#define R2_RATIO_MIN   0.55f
#define R2_FREQ_TOL_HZ 22.0f /* accept +-10 Hz (Q.441), reject beyond +-35 Hz */

static const float r2_freqs[2][6] = {
	[CC_R2MF_FWD] = { 1380, 1500, 1620, 1740, 1860, 1980 },
	[CC_R2MF_BWD] = { 1140, 1020, 900, 780, 660, 540 },
};

int cc_r2mf_freq_hz(enum cc_r2mf_dir dir, int idx)
{
	if ((dir != CC_R2MF_FWD && dir != CC_R2MF_BWD) || idx < 0 || idx > 5)
		return 0;
	return (int)r2_freqs[dir][idx];
}

int cc_r2mf_signal_freqs(int signal, int *out_lo_idx, int *out_hi_idx)
{
	if (signal < 1 || signal > 15)
		return -EINVAL;
	/* Q.441 numbering: signal = j(j-1)/2 + i + 1 for the pair fi, fj (i < j). */
	for (int j = 1; j < 6; j++)
		for (int i = 0; i < j; i++)
			if (j * (j - 1) / 2 + i + 1 == signal) {
				*out_lo_idx = i;
				*out_hi_idx = j;
				return 0;
			}
	return -EINVAL;
}

int cc_r2mf_rx_init(struct cc_r2mf_rx *rx, enum cc_r2mf_dir dir, const struct cc_r2mf_rx_cfg *cfg,
		    cc_dsp_ev_fn cb, void *priv)
{
	struct cc_r2mf_rx_cfg def = { .min_level_ddbm0 = -385, .max_twist_ddb = 120 };

	if (!cfg)
		cfg = &def;
	if ((dir != CC_R2MF_FWD && dir != CC_R2MF_BWD) || cfg->min_level_ddbm0 < -600 ||
	    cfg->min_level_ddbm0 > 0 || cfg->max_twist_ddb < 0 || cfg->max_twist_ddb > 200)
		return -EINVAL;
	memset(rx, 0, sizeof(*rx));
	rx->dir = dir;
	dsp_gbank_init(&rx->g, r2_freqs[dir], 6, R2_N, R2_N);
	dsp_track_init(&rx->t, 2);
	rx->thr_e = dsp_tone_energy((float)cfg->min_level_ddbm0 / 10.0f, R2_N);
	rx->twist = db2pow((float)cfg->max_twist_ddb / 10.0f);
	rx->cb = cb;
	rx->priv = priv;
	return 0;
}

static void r2_block(struct cc_r2mf_rx *rx, const float *e, const float *re, const float *im,
		     float total, uint64_t start)
{
	struct cc_dsp_blk b = { .start = start };
	int a = 0, s = -1, t = -1; /* strongest, second, third */
	float e_cur = 0.0f;

	for (int k = 1; k < 6; k++)
		if (e[k] > e[a])
			a = k;
	for (int k = 0; k < 6; k++)
		if (k != a && (s < 0 || e[k] > e[s]))
			s = k;
	for (int k = 0; k < 6; k++)
		if (k != a && k != s && (t < 0 || e[k] > e[t]))
			t = k;
	b.e_min = e[s];
	b.e_max = e[a];
	if (e[s] < rx->thr_e) {
		rx->stats.rej_level++;
		goto track;
	}
	if (e[a] > e[s] * rx->twist) {
		rx->stats.rej_twist++;
		goto track;
	}
	if (e[t] * db2pow(R2_THIRD_DB) > e[s]) {
		rx->stats.rej_third++;
		goto track;
	}
	if (e[a] + e[s] < R2_RATIO_MIN * (float)R2_N / 2.0f * total) {
		rx->stats.rej_ratio++;
		goto track;
	}
	int lo = a < s ? a : s, hi = a < s ? s : a;

	b.code = hi * (hi - 1) / 2 + lo + 1;
	if (rx->t.win[3].code == b.code && rx->t.win[3].start + R2_N == start &&
	    b.e_min > rx->t.win[3].e_min * 0.5f && b.e_min < rx->t.win[3].e_min * 2.0f) {
		if (fabsf(dsp_gbank_freq_err(&rx->g, a, re[a], im[a], R2_N)) > R2_FREQ_TOL_HZ ||
		    fabsf(dsp_gbank_freq_err(&rx->g, s, re[s], im[s], R2_N)) > R2_FREQ_TOL_HZ) {
			rx->stats.rej_freq++;
			b.code = 0;
		} else {
			b.freq_checked = true;
		}
	}
track:
	if (rx->t.cur) {
		int i, j;

		if (cc_r2mf_signal_freqs(rx->t.cur, &i, &j) == 0)
			e_cur = e[i] < e[j] ? e[i] : e[j];
	}
	gbank_commit(&rx->g, re, im);
	bool was = rx->t.cur != 0;
	dsp_track_block(&rx->t, &b, e_cur, R2_N, CC_DSP_EV_MF_ON, CC_DSP_EV_MF_OFF, rx->cb,
			rx->priv);
	if (!was && rx->t.cur)
		rx->stats.signals++;
}

void cc_r2mf_rx_feed(struct cc_r2mf_rx *rx, const int16_t *x, size_t n)
{
	while (n) {
		float e[8], re[8], im[8], total;
		bool full;
		uint64_t start = rx->pos - (uint64_t)rx->g.pos;
		size_t k = dsp_gbank_feed(&rx->g, x, n, &full, e, re, im, &total);

		x += k;
		n -= k;
		rx->pos += k;
		if (full)
			r2_block(rx, e, re, im, total, start);
	}
}
