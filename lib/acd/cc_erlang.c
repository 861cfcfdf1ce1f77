// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Erlang B, C and A staffing formulas.  See doc/acd.md, "Staffing", for the derivations.
 *
 * Erlang B uses the recursion B(k) = A.B(k-1) / (k + A.B(k-1)), which never overflows
 * (factorials are never formed).  Erlang C is derived from B.  Erlang A (M/M/N+M,
 * Palm/Garnett-Mandelbaum-Reiman) is computed from its birth-death chain: births at rate
 * lambda, deaths at min(n, N).mu + max(n - N, 0).theta, stationary distribution by product
 * form in the log domain, truncated once the tail is negligible.  An arrival that finds
 * j callers ahead of it (PASTA) is answered with probability
 * prod_{i=0..j} (N.mu + i.theta) / (N.mu + (i+1).theta) and its waiting time is the
 * sum of exponential stages of rates N.mu + (i+1).theta; the probability of being
 * answered within T is computed by uniformisation of that small absorbing chain.
 */
#include <math.h>
#include <stdlib.h>

#include <callcenter/erlang.h>

double cc_erlang_b(uint32_t n, double a)
{
	double b = 1.0;

	if (!(a >= 0.0) || !isfinite(a))
		return NAN;
	for (uint32_t k = 1; k <= n; k++)
		b = a * b / ((double)k + a * b);
	return b;
}

double cc_erlang_b_load(uint32_t n, double blocking)
{
	double lo = 0.0, hi = 1.0;

	if (n == 0 || !(blocking > 0.0 && blocking < 1.0))
		return NAN;
	/* B(n, A) increases with A: bracket, then bisect. */
	while (cc_erlang_b(n, hi) < blocking)
		hi *= 2.0;
	while (hi - lo > 1e-9) {
		double mid = 0.5 * (lo + hi);

		if (cc_erlang_b(n, mid) < blocking)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

int cc_erlang_b_trunks(double a, double blocking, uint32_t max_n, uint32_t *out_n)
{
	double b = 1.0;

	if (!(a >= 0.0) || !isfinite(a) || !(blocking > 0.0 && blocking < 1.0) || !out_n)
		return -EINVAL;
	for (uint32_t k = 0; k <= max_n; k++) {
		if (k > 0)
			b = a * b / ((double)k + a * b);
		if (b <= blocking) {
			*out_n = k;
			return 0;
		}
	}
	return -ERANGE;
}

double cc_erlang_c(uint32_t n, double a)
{
	double b;

	if (!(a >= 0.0) || !isfinite(a))
		return NAN;
	if ((double)n <= a)
		return 1.0;
	b = cc_erlang_b(n, a);
	return (double)n * b / ((double)n - a * (1.0 - b));
}

double cc_erlang_c_sl(uint32_t n, double a, double aht_s, double t_s)
{
	if (!(aht_s > 0.0) || !(t_s >= 0.0))
		return NAN;
	if ((double)n <= a)
		return 0.0;
	return 1.0 - cc_erlang_c(n, a) * exp(-((double)n - a) * t_s / aht_s);
}

double cc_erlang_c_asa(uint32_t n, double a, double aht_s)
{
	if (!(aht_s > 0.0))
		return NAN;
	if ((double)n <= a)
		return INFINITY;
	return cc_erlang_c(n, a) * aht_s / ((double)n - a);
}

int cc_erlang_c_agents(double a, double aht_s, double t_s, double target, uint32_t max_n,
		       uint32_t *out_n)
{
	uint32_t n;

	if (!(a >= 0.0) || !isfinite(a) || !(aht_s > 0.0) || !(t_s >= 0.0) ||
	    !(target >= 0.0 && target < 1.0) || !out_n)
		return -EINVAL;
	n = (uint32_t)floor(a) + 1;
	for (; n <= max_n; n++) {
		if (cc_erlang_c_sl(n, a, aht_s, t_s) >= target) {
			*out_n = n;
			return 0;
		}
	}
	return -ERANGE;
}

/* ------------------------------------------------------------------ Erlang A */

#define EA_TAIL_EPS  1e-15
#define EA_MAX_QUEUE 2000000u

/*
 * Probability that the absorbing chain started with weights w[0..jn-1] (w[j]: arrival
 * finds j callers ahead) reaches "answered" by time t.  State j moves to j-1 (or to
 * answered from 0) at rate N.mu + j.theta, and to abandoned at rate theta.
 * Uniformisation with rate L = N.mu + jn.theta: one step moves down with probability
 * (N.mu + j.theta) / L, leaves with theta / L, stays otherwise.
 */
static double ea_answered_by(const double *w, uint32_t jn, double nmu, double theta, double t,
			     double *v)
{
	double L = nmu + (double)jn * theta;
	double x = L * t, served = 0.0, result = 0.0, mass = 0.0;
	uint32_t kmax;

	if (jn == 0 || t <= 0.0)
		return 0.0;
	for (uint32_t j = 0; j < jn; j++)
		v[j] = w[j];
	kmax = (uint32_t)(x + 12.0 * sqrt(x) + 50.0);
	for (uint32_t k = 0; k <= kmax; k++) {
		/* Poisson(k; x) in the log domain (x may exceed 745). */
		double pk = exp(-x + (double)k * log(x) - lgamma((double)k + 1.0));

		if (x == 0.0)
			pk = k == 0 ? 1.0 : 0.0;
		result += pk * served;
		mass += pk;
		/* one uniformised step: v <- v.P */
		served += v[0] * nmu / L;
		for (uint32_t j = 0; j < jn; j++) {
			double stay = 1.0 - (nmu + (double)(j + 1) * theta) / L;
			double nv = v[j] * stay;

			if (j + 1 < jn)
				nv += v[j + 1] * (nmu + (double)(j + 1) * theta) / L;
			v[j] = nv;
		}
	}
	/* Poisson mass beyond kmax (< 1e-12): served is non-decreasing, bound by final. */
	result += (1.0 - mass > 0.0 ? 1.0 - mass : 0.0) * served;
	return result;
}

int cc_erlang_a(uint32_t n, double lambda_per_s, double aht_s, double patience_s, double t_s,
		struct cc_erlang_a_result *out)
{
	double mu, theta, nmu, lmax = 0.0, total = 0.0, below = 0.0;
	double p_ans_q = 0.0, w_ans_q = 0.0, aband = 0.0, answered, sl_q;
	double *lp = NULL, *w = NULL, *v = NULL;
	uint32_t cap, jn = 0, k;
	int ret = 0;

	if (n == 0 || !(lambda_per_s > 0.0) || !isfinite(lambda_per_s) || !(aht_s > 0.0) ||
	    !(patience_s >= 0.0) || !(t_s >= 0.0) || !out)
		return -EINVAL;
	mu = 1.0 / aht_s;
	theta = (patience_s == 0.0 || isinf(patience_s)) ? 0.0 : 1.0 / patience_s;
	nmu = (double)n * mu;
	if (theta == 0.0 && lambda_per_s >= nmu)
		return -ERANGE;

	cap = 1024;
	lp = malloc(sizeof(*lp) * (n + cap));
	if (!lp)
		return -ENOMEM;
	/* log of the unnormalised stationary weights: p[0] = 1 */
	lp[0] = 0.0;
	for (k = 1; k <= n; k++)
		lp[k] = lp[k - 1] + log(lambda_per_s / ((double)k * mu));
	for (k = 0; k <= n; k++)
		if (lp[k] > lmax)
			lmax = lp[k];
	/* queue tail: p[N+j] = p[N+j-1] . lambda / (N.mu + j.theta) */
	for (jn = 0;; jn++) {
		double r, cur;

		if (jn + 1 >= cap) {
			double *nlp;

			if (cap >= EA_MAX_QUEUE) {
				ret = -ERANGE;
				goto err_free;
			}
			cap *= 2;
			nlp = realloc(lp, sizeof(*lp) * (n + cap + 1));
			if (!nlp) {
				ret = -ENOMEM;
				goto err_free;
			}
			lp = nlp;
		}
		r = lambda_per_s / (nmu + (double)(jn + 1) * theta);
		cur = lp[n + jn] + log(r);
		lp[n + jn + 1] = cur;
		if (cur > lmax)
			lmax = cur;
		/* stop once decreasing and negligible relative to the mode */
		if (r < 1.0 && cur - lmax < log(EA_TAIL_EPS) - 10.0)
			break;
	}
	/* jn + 1 queue states j = 0..jn (state n + j) plus states 0..n-1 */
	jn += 1;
	for (k = 0; k < n + jn; k++) {
		lp[k] = exp(lp[k] - lmax);
		total += lp[k];
	}
	for (k = 0; k < n; k++)
		below += lp[k];

	w = malloc(sizeof(*w) * jn);
	v = malloc(sizeof(*v) * jn);
	if (!w || !v) {
		ret = -ENOMEM;
		goto err_free;
	}
	{
		double ps = 1.0, stage = 0.0;

		for (uint32_t j = 0; j < jn; j++) {
			double pj = lp[n + j] / total;
			double rate = nmu + (double)(j + 1) * theta;

			ps *= (nmu + (double)j * theta) / rate;
			stage += 1.0 / rate;
			w[j] = pj;
			p_ans_q += pj * ps;
			w_ans_q += pj * ps * stage;
			aband += pj * (1.0 - ps);
		}
	}
	below /= total;
	sl_q = ea_answered_by(w, jn, nmu, theta, t_s, v);
	answered = below + p_ans_q;

	out->p_wait = 1.0 - below;
	out->p_abandon = aband;
	out->sl = below + sl_q;
	out->asa_s = answered > 0.0 ? w_ans_q / answered : 0.0;
	out->occupancy = lambda_per_s * answered * aht_s / (double)n;

err_free:
	free(v);
	free(w);
	free(lp);
	return ret;
}

int cc_erlang_a_agents(double lambda_per_s, double aht_s, double patience_s, double t_s,
		       double target, uint32_t max_n, uint32_t *out_n,
		       struct cc_erlang_a_result *out)
{
	struct cc_erlang_a_result r;
	uint32_t n = 1;
	int ret;

	if (!(target >= 0.0 && target < 1.0) || !out_n)
		return -EINVAL;
	if (patience_s == 0.0 || isinf(patience_s))
		n = (uint32_t)floor(lambda_per_s * aht_s) + 1;
	for (; n <= max_n; n++) {
		ret = cc_erlang_a(n, lambda_per_s, aht_s, patience_s, t_s, &r);
		if (ret < 0)
			return ret;
		if (r.sl >= target) {
			*out_n = n;
			if (out)
				*out = r;
			return 0;
		}
	}
	return -ERANGE;
}
