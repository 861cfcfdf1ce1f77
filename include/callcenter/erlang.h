/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/erlang.h - staffing mathematics: Erlang B, Erlang C and Erlang A.
 *
 * Notation: A = offered load in Erlangs (arrival rate x mean handle time), N = agents or
 * trunks, AHT = mean handle time, T = service-level threshold.  Formulas and their
 * derivation are in doc/acd.md ("Staffing").
 *
 * - Erlang B (M/M/N/N): probability that an arrival finds all N servers busy and is lost.
 * - Erlang C (M/M/N, callers never abandon): probability of waiting, service level,
 *   ASA.  Only meaningful for N > A (otherwise the queue grows without bound).
 * - Erlang A (M/M/N+M, exponential patience): waiting, abandonment, service level
 *   (answered within T / offered) and ASA; stable for any N >= 1.
 *
 * All functions are pure, take no locks and may be called from any thread.
 * Context: userspace only (floating point).
 */
#ifndef CALLCENTER_ERLANG_H
#define CALLCENTER_ERLANG_H

#include <callcenter/core.h>

/**
 * cc_erlang_b() - blocking probability B(N, A)
 * Computed by the stable recursion B(0)=1, B(k)=A.B(k-1)/(k+A.B(k-1)).
 * Return: B in [0, 1]; NaN if @a is negative or not finite.
 */
CC_API double cc_erlang_b(uint32_t n, double a);

/**
 * cc_erlang_b_load() - largest offered load @n trunks carry at @blocking
 * Return: A such that B(n, A) = @blocking (bisection to 1e-9 E); NaN if @blocking is
 * not in (0, 1) or @n is 0.
 */
CC_API double cc_erlang_b_load(uint32_t n, double blocking);

/**
 * cc_erlang_b_trunks() - fewest trunks for load @a with blocking at most @blocking
 * Return: 0 on success with *@out_n set, -EINVAL on bad input, -ERANGE if more than
 * @max_n would be needed.
 */
CC_API CC_MUST_CHECK int cc_erlang_b_trunks(double a, double blocking, uint32_t max_n,
					    uint32_t *out_n);

/**
 * cc_erlang_c() - probability of waiting C(N, A) = N.B / (N - A.(1 - B))
 * Return: C in [0, 1]; 1.0 when N <= A (every caller waits, the queue is unstable).
 */
CC_API double cc_erlang_c(uint32_t n, double a);

/**
 * cc_erlang_c_sl() - service level P(wait <= T) = 1 - C.exp(-(N - A).T / AHT)
 * Return: the fraction in [0, 1]; 0 when N <= A.
 */
CC_API double cc_erlang_c_sl(uint32_t n, double a, double aht_s, double t_s);

/**
 * cc_erlang_c_asa() - average speed of answer over all calls, C.AHT / (N - A)
 * Return: seconds; +infinity when N <= A.
 */
CC_API double cc_erlang_c_asa(uint32_t n, double a, double aht_s);

/**
 * cc_erlang_c_agents() - fewest agents whose Erlang C service level reaches @target
 * @target: fraction, e.g. 0.80 for 80/20
 * Return: 0 with *@out_n set, -EINVAL on bad input, -ERANGE above @max_n.
 */
CC_API CC_MUST_CHECK int cc_erlang_c_agents(double a, double aht_s, double t_s, double target,
					    uint32_t max_n, uint32_t *out_n);

/* Result of an Erlang A evaluation.  Probabilities are fractions of offered calls. */
struct cc_erlang_a_result {
	double p_wait;	  /* arrival finds all N agents busy */
	double p_abandon; /* caller abandons before being answered */
	double sl;	  /* answered within T / offered */
	double asa_s;	  /* mean wait of answered calls (zero waits included) */
	double occupancy; /* carried load / N */
};

/**
 * cc_erlang_a() - evaluate M/M/N+M
 * @n: agents (>= 1)
 * @lambda_per_s: arrival rate
 * @aht_s: mean handle time (1/mu)
 * @patience_s: mean caller patience (1/theta); 0 or infinity means callers never abandon
 *              (then N > A is required, as in Erlang C)
 * @t_s: service-level threshold
 * @out: results
 *
 * Birth-death chain truncated where the stationary tail is below 1e-15; the waiting-time
 * distribution of an arrival that finds j callers ahead is computed by uniformisation of
 * its absorbing chain.  Allocates a work array (O(N + queue tail)).
 * Return: 0, -EINVAL on bad input, -ERANGE if the queue is unstable (no abandonment and
 * N <= A), -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_erlang_a(uint32_t n, double lambda_per_s, double aht_s,
				     double patience_s, double t_s, struct cc_erlang_a_result *out);

/**
 * cc_erlang_a_agents() - fewest agents whose Erlang A service level reaches @target
 * Return: 0 with *@out_n (and *@out, may be NULL) set; -EINVAL, -ERANGE, -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_erlang_a_agents(double lambda_per_s, double aht_s, double patience_s,
					    double t_s, double target, uint32_t max_n,
					    uint32_t *out_n, struct cc_erlang_a_result *out);

#endif /* CALLCENTER_ERLANG_H */
