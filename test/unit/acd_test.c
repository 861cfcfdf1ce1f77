// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for the ACD engine (lib/acd) and the staffing formulas.
 *
 * Staffing reference values: issue #6 and doc/reference acd-cti-anchors.md sections
 * 5.2/5.3 (Erlang C worked example "100 calls / 30 min, AHT 180 s, 80/20" as published
 * by CallCentreHelper; the "360 calls / 30 min, 4 min AHT, 55 agents, 15 s" example;
 * Erlang B 30 trunks at 1 % = 20.34 E as in published Erlang B tables).  Erlang A values
 * are the anchors' own (simulation-checked) table.
 *
 * Every engine test checks cc_acd_check() (all internal invariants, including the
 * fairness invariant) after each step.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/acd.h>
#include <callcenter/erlang.h>

#define S   1000ull
#define MIN (60 * S)

/* ---------------------------------------------------------------- fixture */

#define MAXEV 4096

struct fx {
	struct cc_acd *acd;
	struct cc_acd_event ev[MAXEV];
	unsigned nev;
	uint64_t now;
};

static void fx_check(struct fx *f)
{
	char why[160];
	int ret = cc_acd_check(f->acd, why, sizeof(why));

	if (ret)
		fail_msg("invariant: %s", why);
}

static void fx_drain(struct fx *f)
{
	struct cc_acd_event e;

	while (cc_acd_event_get(f->acd, &e)) {
		if (f->nev < MAXEV)
			f->ev[f->nev++] = e;
	}
	fx_check(f);
}

static void fx_clear(struct fx *f)
{
	fx_drain(f);
	f->nev = 0;
}

static unsigned fx_count(struct fx *f, enum cc_acd_ev_type t)
{
	unsigned n = 0;

	fx_drain(f);
	for (unsigned i = 0; i < f->nev; i++)
		n += f->ev[i].type == t;
	return n;
}

/* The agent of the last OFFER for @call, or NONE. */
static uint32_t fx_offered_to(struct fx *f, uint32_t call)
{
	uint32_t a = CC_ACD_NONE;

	fx_drain(f);
	for (unsigned i = 0; i < f->nev; i++)
		if (f->ev[i].type == CC_ACD_EV_OFFER && f->ev[i].call == call)
			a = f->ev[i].agent;
	return a;
}

static struct cc_acd_config fx_cfg(void)
{
	struct cc_acd_config cfg;

	cc_acd_config_init(&cfg);
	cfg.max_agents = 64;
	cfg.max_queues = 16;
	cfg.max_calls = 128;
	cfg.max_skills = 16;
	cfg.start_ms = 1000 * S; /* not on an interval boundary */
	return cfg;
}

static struct fx *fx_new_cfg(const struct cc_acd_config *cfg)
{
	struct fx *f = test_calloc(1, sizeof(*f));

	assert_int_equal(cc_acd_new(cfg, &f->acd), 0);
	f->now = cfg->start_ms;
	return f;
}

static struct fx *fx_new(void)
{
	struct cc_acd_config cfg = fx_cfg();

	return fx_new_cfg(&cfg);
}

static void fx_free(struct fx *f)
{
	cc_acd_free(f->acd);
	test_free(f);
}

static uint32_t fx_queue(struct fx *f, enum cc_acd_strategy st, uint16_t skill, uint8_t lvl,
			 void (*tweak)(struct cc_acd_queue_params *))
{
	struct cc_acd_queue_params p;
	uint32_t q;

	cc_acd_queue_params_init(&p);
	p.strategy = st;
	p.req[0].skill = skill;
	p.req[0].min_level = lvl;
	if (tweak)
		tweak(&p);
	assert_int_equal(cc_acd_queue_add(f->acd, &p, &q), 0);
	return q;
}

/* Agent with one skill, logged in and ready at f->now. */
static uint32_t fx_agent(struct fx *f, uint16_t skill, uint8_t lvl)
{
	struct cc_acd_agent_params p;
	uint32_t a;

	cc_acd_agent_params_init(&p);
	assert_int_equal(cc_acd_agent_add(f->acd, &p, &a), 0);
	p.position = a;
	assert_int_equal(cc_acd_agent_skill_set(f->acd, a, skill, lvl, f->now), 0);
	assert_int_equal(cc_acd_agent_login(f->acd, a, f->now), 0);
	assert_int_equal(cc_acd_agent_ready(f->acd, a, f->now), 0);
	fx_drain(f);
	return a;
}

static uint32_t fx_call_p(struct fx *f, uint32_t q, const struct cc_acd_call_params *p,
			  enum cc_acd_disp want)
{
	uint32_t c;
	enum cc_acd_disp d;

	assert_int_equal(cc_acd_call_enqueue(f->acd, q, p, f->now, &c, &d), 0);
	assert_int_equal(d, want);
	fx_drain(f);
	return c;
}

static uint32_t fx_call(struct fx *f, uint32_t q)
{
	struct cc_acd_call_params p;

	cc_acd_call_params_init(&p);
	return fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
}

static void fx_at(struct fx *f, uint64_t t)
{
	f->now = t;
	cc_acd_tick(f->acd, t);
	fx_drain(f);
}

/* Answer and end a call (talk @talk_ms), leaving the agent in wrap-up or ready. */
static void fx_handle(struct fx *f, uint32_t call, uint32_t agent, uint64_t talk_ms)
{
	assert_int_equal(cc_acd_call_answer(f->acd, call, agent, f->now), 0);
	f->now += talk_ms;
	assert_int_equal(cc_acd_call_end(f->acd, call, f->now), 0);
	fx_drain(f);
}

/* ---------------------------------------------------------------- Erlang */

static void erlang_c_reference_100_calls_match_published_values(void **state)
{
	double a = 100.0 * 180.0 / 1800.0; /* 10 Erlangs */
	uint32_t n = 0;

	(void)state;
	assert_float_equal(cc_erlang_c_sl(13, a, 180, 20), 0.7956, 0.00005);
	assert_float_equal(cc_erlang_c_asa(13, a, 180), 17.12, 0.005);
	assert_float_equal(cc_erlang_c_sl(14, a, 180, 20), 0.8884, 0.00006);
	assert_float_equal(cc_erlang_c_asa(14, a, 180), 7.84, 0.005);
	assert_float_equal(cc_erlang_c(13, a), 0.2853, 0.00005);
	assert_int_equal(cc_erlang_c_agents(a, 180, 20, 0.80, 1000, &n), 0);
	assert_int_equal(n, 14); /* 13 gives 79.56 % < 80 % */
}

static void erlang_c_reference_360_calls_match_published_values(void **state)
{
	double a = 360.0 * 240.0 / 1800.0; /* 48 Erlangs */

	(void)state;
	assert_float_equal(cc_erlang_c_sl(55, a, 240, 15), 0.8459, 0.00005);
	assert_float_equal(cc_erlang_c_asa(55, a, 240), 8.18, 0.005);
	assert_float_equal(cc_erlang_c(55, a), 0.2387, 0.00005);
	assert_float_equal(cc_erlang_c_sl(53, a, 240, 15), 0.724, 0.001);
	assert_float_equal(cc_erlang_c_sl(56, a, 240, 15), 0.886, 0.0005);
}

static void erlang_b_reference_trunks_match_tables(void **state)
{
	uint32_t n = 0;

	(void)state;
	assert_float_equal(cc_erlang_b_load(30, 0.01), 20.34, 0.005);
	assert_float_equal(cc_erlang_b_load(30, 0.001), 16.68, 0.005);
	assert_float_equal(cc_erlang_b_load(60, 0.01), 46.95, 0.005);
	assert_float_equal(cc_erlang_b_load(120, 0.001), 92.96, 0.005);
	assert_int_equal(cc_erlang_b_trunks(20.33, 0.01, 1000, &n), 0);
	assert_int_equal(n, 30);
	assert_int_equal(cc_erlang_b_trunks(20.40, 0.01, 1000, &n), 0);
	assert_int_equal(n, 31);
	assert_float_equal(cc_erlang_b(0, 5.0), 1.0, 1e-12);
}

static void erlang_a_reference_table_matches(void **state)
{
	static const struct {
		uint32_t n;
		double patience, pw, pab, sl;
	} t[] = {
		{ 10, 120, 0.497, 0.138, 0.640 },
		{ 11, 180, 0.417, 0.083, 0.705 },
		{ 12, 180, 0.303, 0.053, 0.802 },
		{ 13, 180, 0.208, 0.032, 0.875 },
	};
	struct cc_erlang_a_result r;
	uint32_t n = 0;

	(void)state;
	for (unsigned i = 0; i < CC_ARRAY_SIZE(t); i++) {
		assert_int_equal(cc_erlang_a(t[i].n, 200.0 / 3600, 180, t[i].patience, 20, &r), 0);
		assert_float_equal(r.p_wait, t[i].pw, 0.0006);
		assert_float_equal(r.p_abandon, t[i].pab, 0.0006);
		assert_float_equal(r.sl, t[i].sl, 0.0006);
	}
	/* 12 agents reach 80/20 with abandonment where Erlang C needs 14 */
	assert_int_equal(cc_erlang_a_agents(200.0 / 3600, 180, 180, 20, 0.80, 100, &n, &r), 0);
	assert_int_equal(n, 12);
}

static void erlang_a_without_abandonment_equals_erlang_c(void **state)
{
	struct cc_erlang_a_result r;

	(void)state;
	assert_int_equal(cc_erlang_a(13, 100.0 / 1800, 180, 0, 20, &r), 0);
	assert_float_equal(r.p_wait, cc_erlang_c(13, 10), 1e-9);
	assert_float_equal(r.sl, cc_erlang_c_sl(13, 10, 180, 20), 1e-6);
	assert_float_equal(r.asa_s, cc_erlang_c_asa(13, 10, 180), 1e-6);
	assert_float_equal(r.p_abandon, 0.0, 1e-12);
	/* overloaded, no abandonment: unstable */
	assert_int_equal(cc_erlang_a(9, 100.0 / 1800, 180, 0, 20, &r), -ERANGE);
	/* overloaded with abandonment: fine, most callers abandon */
	assert_int_equal(cc_erlang_a(5, 1000.0 / 1800, 180, 60, 20, &r), 0);
	assert_true(r.p_abandon > 0.9 && r.occupancy <= 1.0 + 1e-9);
}

static void erlang_bad_input_is_rejected(void **state)
{
	struct cc_erlang_a_result r;
	uint32_t n;

	(void)state;
	assert_true(isnan(cc_erlang_b(10, -1.0)));
	assert_true(isnan(cc_erlang_b_load(0, 0.01)));
	assert_true(isnan(cc_erlang_b_load(10, 1.5)));
	assert_int_equal(cc_erlang_a(0, 1, 1, 1, 1, &r), -EINVAL);
	assert_int_equal(cc_erlang_c_agents(10, 180, 20, 1.0, 100, &n), -EINVAL);
	assert_int_equal(cc_erlang_c_agents(1000, 180, 20, 0.8, 100, &n), -ERANGE);
	assert_float_equal(cc_erlang_c(10, 10.0), 1.0, 0);
	assert_true(isinf(cc_erlang_c_asa(10, 10.0, 180)));
}

/* ---------------------------------------------------------------- strategies */

static void ring_all_offers_every_eligible_agent_first_answer_wins(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_RING_ALL, 1, 3, NULL);
	uint32_t a0 = fx_agent(f, 1, 5), a1 = fx_agent(f, 1, 3), a2 = fx_agent(f, 1, 9);
	uint32_t low = fx_agent(f, 1, 2), other = fx_agent(f, 2, 9);
	uint32_t c;

	(void)state;
	fx_clear(f);
	c = fx_call(f, q);
	assert_int_equal(fx_count(f, CC_ACD_EV_OFFER), 3);
	assert_int_equal(cc_acd_agent_state(f->acd, a0), CC_ACD_AGENT_ST_RESERVED);
	assert_int_equal(cc_acd_agent_state(f->acd, a1), CC_ACD_AGENT_ST_RESERVED);
	assert_int_equal(cc_acd_agent_state(f->acd, a2), CC_ACD_AGENT_ST_RESERVED);
	assert_int_equal(cc_acd_agent_state(f->acd, low), CC_ACD_AGENT_ST_READY);
	assert_int_equal(cc_acd_agent_state(f->acd, other), CC_ACD_AGENT_ST_READY);
	f->now += 2 * S;
	fx_clear(f);
	assert_int_equal(cc_acd_call_answer(f->acd, c, a1, f->now), 0);
	/* the race of asterisk#176: the second answer loses cleanly */
	assert_int_equal(cc_acd_call_answer(f->acd, c, a2, f->now), -EALREADY);
	assert_int_equal(fx_count(f, CC_ACD_EV_OFFER_CANCEL), 2);
	for (unsigned i = 0; i < f->nev; i++)
		if (f->ev[i].type == CC_ACD_EV_OFFER_CANCEL)
			assert_int_equal(f->ev[i].reason, CC_ACD_CANCEL_ANSWERED_ELSEWHERE);
	assert_int_equal(cc_acd_agent_state(f->acd, a1), CC_ACD_AGENT_ST_BUSY);
	assert_int_equal(cc_acd_agent_state(f->acd, a0), CC_ACD_AGENT_ST_READY);
	assert_int_equal(cc_acd_agent_state(f->acd, a2), CC_ACD_AGENT_ST_READY);
	fx_free(f);
}

static void ringall_limit_3(struct cc_acd_queue_params *p)
{
	p->ringall_limit = 3;
}

static void ring_all_limit_offers_top_k_longest_idle(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_RING_ALL, 0, 1, ringall_limit_3);
	uint32_t a[6];

	(void)state;
	for (int i = 0; i < 6; i++) {
		a[i] = fx_agent(f, 0, 1);
		f->now += S; /* a[0] idle the longest */
	}
	fx_clear(f);
	fx_call(f, q);
	assert_int_equal(fx_count(f, CC_ACD_EV_OFFER), 3);
	for (int i = 0; i < 6; i++)
		assert_int_equal(cc_acd_agent_state(f->acd, a[i]),
				 i < 3 ? CC_ACD_AGENT_ST_RESERVED : CC_ACD_AGENT_ST_READY);
	fx_free(f);
}

static void longest_idle_picks_agent_idle_longest(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	uint32_t a0 = fx_agent(f, 0, 1), a1, a2, c;

	(void)state;
	f->now += S;
	a1 = fx_agent(f, 0, 1);
	f->now += S;
	a2 = fx_agent(f, 0, 1);
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a0);
	fx_handle(f, c, a0, 10 * S); /* a0 becomes the most recently idle */
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a1);
	fx_handle(f, c, a1, S);
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a2);
	fx_free(f);
}

static void round_robin_cycles_agents_with_memory(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_ROUND_ROBIN, 0, 1, NULL);
	uint32_t a[3], seen[7];

	(void)state;
	for (int i = 0; i < 3; i++)
		a[i] = fx_agent(f, 0, 1);
	for (int i = 0; i < 7; i++) {
		uint32_t c = fx_call(f, q);

		seen[i] = fx_offered_to(f, c);
		fx_handle(f, c, seen[i], S);
	}
	/* every agent once per cycle, same order each cycle */
	assert_int_not_equal(seen[0], seen[1]);
	assert_int_not_equal(seen[1], seen[2]);
	assert_int_not_equal(seen[0], seen[2]);
	for (int i = 3; i < 7; i++)
		assert_int_equal(seen[i], seen[i - 3]);
	assert_int_equal(seen[0], a[0]);
	fx_free(f);
}

static void linear_picks_lowest_position_first(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LINEAR, 0, 1, NULL);
	struct cc_acd_agent_params p;
	uint32_t a[3], c;
	static const uint32_t pos[3] = { 30, 10, 20 };

	(void)state;
	for (int i = 0; i < 3; i++) {
		cc_acd_agent_params_init(&p);
		p.position = pos[i];
		assert_int_equal(cc_acd_agent_add(f->acd, &p, &a[i]), 0);
		assert_int_equal(cc_acd_agent_skill_set(f->acd, a[i], 0, 1, f->now), 0);
		assert_int_equal(cc_acd_agent_login(f->acd, a[i], f->now), 0);
		assert_int_equal(cc_acd_agent_ready(f->acd, a[i], f->now), 0);
	}
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a[1]);
	fx_handle(f, c, a[1], S);
	c = fx_call(f, q); /* linear: the same first agent again */
	assert_int_equal(fx_offered_to(f, c), a[1]);
	assert_int_equal(cc_acd_call_answer(f->acd, c, a[1], f->now), 0);
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a[2]);
	fx_free(f);
}

static void fewest_calls_and_least_talk_pick_least_loaded(void **state)
{
	struct fx *f = fx_new();
	uint32_t qf = fx_queue(f, CC_ACD_STRAT_FEWEST_CALLS, 0, 1, NULL);
	uint32_t qt = fx_queue(f, CC_ACD_STRAT_LEAST_TALK, 1, 1, NULL);
	uint32_t a0 = fx_agent(f, 0, 1), a1 = fx_agent(f, 0, 1), c;

	(void)state;
	assert_int_equal(cc_acd_agent_skill_set(f->acd, a0, 1, 1, f->now), 0);
	assert_int_equal(cc_acd_agent_skill_set(f->acd, a1, 1, 1, f->now), 0);
	/* a0: two short calls; a1: one long call */
	fx_handle(f, fx_call(f, qf), a0, 10 * S);
	f->now += S;
	c = fx_call(f, qf);
	assert_int_equal(fx_offered_to(f, c), a1); /* a1 has 0 calls */
	fx_handle(f, c, a1, 100 * S);
	c = fx_call(f, qf);
	assert_int_equal(fx_offered_to(f, c), a0); /* both 1 call; a0 idle longer */
	fx_handle(f, c, a0, 10 * S);
	c = fx_call(f, qf);
	assert_int_equal(fx_offered_to(f, c), a1); /* 1 call vs 2 */
	assert_int_equal(cc_acd_call_abandon(f->acd, c, f->now), 0);
	fx_drain(f);
	/* the offer was cancelled; least talk: a0 talked 20 s, a1 100 s */
	c = fx_call(f, qt);
	assert_int_equal(fx_offered_to(f, c), a0);
	fx_free(f);
}

static void best_skill_picks_highest_level(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_BEST_SKILL, 0, 2, NULL);
	uint32_t c, a16;

	(void)state;
	fx_agent(f, 0, 7);
	a16 = fx_agent(f, 0, 16);
	fx_agent(f, 0, 12);
	fx_agent(f, 0, 1); /* not eligible */
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a16);
	fx_free(f);
}

static void weighted_random_follows_weights_and_is_reproducible(void **state)
{
	uint32_t counts[2][2] = { { 0 } };

	(void)state;
	for (int run = 0; run < 2; run++) {
		struct fx *f = fx_new();
		uint32_t q = fx_queue(f, CC_ACD_STRAT_WEIGHTED_RANDOM, 0, 1, NULL);
		uint32_t lo = fx_agent(f, 0, 1), hi = fx_agent(f, 0, 4);

		for (int i = 0; i < 2000; i++) {
			uint32_t c = fx_call(f, q), a = fx_offered_to(f, c);

			assert_true(a == lo || a == hi);
			counts[run][a == hi]++;
			fx_handle(f, c, a, S);
			f->nev = 0;
		}
		fx_free(f);
	}
	/* weights 1 and 4: expect 400 vs 1600 (binomial sd 18) */
	assert_in_range(counts[0][1], 1500, 1700);
	/* same seed, same decisions */
	assert_int_equal(counts[0][1], counts[1][1]);
}

static void sticky_10s(struct cc_acd_queue_params *p)
{
	p->sticky_timeout_ms = 10 * S;
}

static void preferred_sticks_to_last_agent_then_falls_back(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_PREFERRED, 0, 1, sticky_10s);
	uint32_t a0 = fx_agent(f, 0, 1), a1 = fx_agent(f, 0, 1), c, busy;
	struct cc_acd_call_params p;

	(void)state;
	cc_acd_call_params_init(&p);
	strcpy(p.number, "13800000001");
	c = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	assert_int_equal(fx_offered_to(f, c), a0);
	fx_handle(f, c, a0, 5 * S);
	/* a0 is now the most recently idle, but the caller's last agent */
	c = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	assert_int_equal(fx_offered_to(f, c), a0);
	assert_int_equal(cc_acd_call_answer(f->acd, c, a0, f->now), 0);
	busy = c;
	/* a0 busy: the next call from that number waits for a0 though a1 is free */
	f->nev = 0;
	c = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	assert_int_equal(fx_offered_to(f, c), CC_ACD_NONE);
	assert_int_equal(cc_acd_agent_state(f->acd, a1), CC_ACD_AGENT_ST_READY);
	fx_at(f, f->now + 10 * S - 1);
	assert_int_equal(fx_offered_to(f, c), CC_ACD_NONE);
	fx_at(f, f->now + 1); /* fall-back */
	assert_int_equal(fx_offered_to(f, c), a1);
	/* explicit preferred agent, who frees up before the timeout */
	assert_int_equal(cc_acd_call_answer(f->acd, c, a1, f->now), 0);
	cc_acd_call_params_init(&p);
	p.preferred_agent = a0;
	f->nev = 0;
	c = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	assert_int_equal(fx_offered_to(f, c), CC_ACD_NONE);
	f->now += 3 * S;
	assert_int_equal(cc_acd_call_end(f->acd, busy, f->now), 0);
	assert_int_equal(fx_offered_to(f, c), a0);
	fx_free(f);
}

/* ---------------------------------------------------------------- queue behaviour */

static void expand_two_steps(struct cc_acd_queue_params *p)
{
	p->strategy = CC_ACD_STRAT_LONGEST_IDLE;
	p->nsteps = 2;
	p->steps[0] = (struct cc_acd_step){ .after_ms = 30 * S, .widen = 3 };
	p->steps[1] = (struct cc_acd_step){ .after_ms = 60 * S, .widen = 6 };
}

static void skill_expansion_widens_eligible_levels_in_steps(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 3, 10, expand_two_steps);
	uint32_t a5 = fx_agent(f, 3, 5), a8 = fx_agent(f, 3, 8), c;
	uint64_t t0 = f->now;

	(void)state;
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), CC_ACD_NONE);
	fx_at(f, t0 + 30 * S - 1);
	assert_int_equal(fx_offered_to(f, c), CC_ACD_NONE);
	fx_at(f, t0 + 30 * S); /* min level 10 -> 7: a8 */
	assert_int_equal(fx_offered_to(f, c), a8);
	assert_int_equal(cc_acd_call_answer(f->acd, c, a8, f->now), 0);
	c = fx_call(f, q);
	fx_at(f, f->now + 59 * S);
	assert_int_equal(fx_offered_to(f, c), CC_ACD_NONE);
	fx_at(f, f->now + S); /* 60 s: min level 4: a5 */
	assert_int_equal(fx_offered_to(f, c), a5);
	fx_free(f);
}

static void overflow_after_30s(struct cc_acd_queue_params *p)
{
	p->max_wait_ms = 30 * S;
	p->overflow_queue = 1;
}

static void overflow_dest_after_20s(struct cc_acd_queue_params *p)
{
	p->max_wait_ms = 20 * S;
	p->overflow_dest = 777;
}

static void overflow_moves_call_to_target_then_destination(void **state)
{
	struct fx *f = fx_new();
	uint32_t q0 = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, overflow_after_30s);
	uint32_t q1 = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 1, 1, overflow_dest_after_20s);
	struct cc_acd_queue_stats s0, s1;
	uint32_t c;

	(void)state;
	assert_int_equal(q1, 1);
	c = fx_call(f, q0);
	fx_at(f, f->now + 30 * S);
	assert_int_equal(fx_count(f, CC_ACD_EV_OVERFLOW), 1);
	assert_int_equal(f->ev[f->nev - 2].type, CC_ACD_EV_OVERFLOW);
	assert_int_equal(f->ev[f->nev - 2].target_queue, q1);
	assert_int_equal(cc_acd_queue_waiting(f->acd, q0), 0);
	assert_int_equal(cc_acd_queue_waiting(f->acd, q1), 1);
	f->nev = 0;
	fx_at(f, f->now + 20 * S);
	assert_int_equal(fx_count(f, CC_ACD_EV_OVERFLOW), 1);
	assert_int_equal(f->ev[0].dest, 777);
	assert_int_equal(f->ev[0].wait_ms, 20 * S);
	assert_false(cc_acd_call_exists(f->acd, c));
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q0, CC_ACD_PERIOD_CUMULATIVE, &s0), 0);
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q1, CC_ACD_PERIOD_CUMULATIVE, &s1), 0);
	assert_int_equal(s0.offered, 1);
	assert_int_equal(s0.overflowed, 1);
	assert_int_equal(s1.offered, 1);
	assert_int_equal(s1.overflow_in, 1);
	assert_int_equal(s1.overflowed, 1);
	assert_int_equal(cc_acd_waiting(f->acd), 0);
	fx_free(f);
}

static void maxlen_1_reject(struct cc_acd_queue_params *p)
{
	p->max_len = 1;
}

static void closed_at_night(struct cc_acd_queue_params *p)
{
	p->nhours = 1;
	/* Mon-Fri 08:00-20:00 */
	p->hours[0] = (struct cc_acd_hours){ .days = 0x3e, .start_min = 480, .end_min = 1200 };
	p->overflow_queue = 0;
}

static void full_or_closed_queue_overflows_or_rejects(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct fx *f;
	uint32_t q0, q1, c;
	enum cc_acd_disp d;
	struct cc_acd_call_params p;
	struct cc_acd_queue_stats s;

	(void)state;
	/* 1970-01-05 was a Monday; 07:59 and 08:00 UTC */
	cfg.start_ms = (4 * 1440 + 479) * MIN;
	f = fx_new_cfg(&cfg);
	q0 = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, maxlen_1_reject);
	q1 = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, closed_at_night);
	cc_acd_call_params_init(&p);
	assert_false(cc_acd_queue_is_open(f->acd, q1, f->now));
	/* closed: overflow to q0 */
	c = fx_call_p(f, q1, &p, CC_ACD_DISP_OVERFLOWED);
	assert_int_equal(cc_acd_queue_waiting(f->acd, q0), 1);
	/* q0 is full (max_len 1) and has no overflow: rejected */
	assert_int_equal(cc_acd_call_enqueue(f->acd, q0, &p, f->now, &c, &d), 0);
	assert_int_equal(d, CC_ACD_DISP_REJECTED);
	assert_int_equal(c, CC_ACD_NONE);
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q0, CC_ACD_PERIOD_INTERVAL, &s), 0);
	assert_int_equal(s.rejected, 1);
	assert_int_equal(s.offered, 1);
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q1, CC_ACD_PERIOD_INTERVAL, &s), 0);
	assert_int_equal(s.closed, 1);
	assert_true(cc_acd_queue_is_open(f->acd, q1, f->now + MIN));
	assert_false(cc_acd_queue_is_open(f->acd, q1, f->now + 5 * 1440 * MIN)); /* Saturday */
	fx_free(f);
}

static void wrap_20s(struct cc_acd_queue_params *p)
{
	p->strategy = CC_ACD_STRAT_LONGEST_IDLE;
	p->wrapup_ms = 20 * S;
}

static void wrap_up_holds_agent_until_timer_or_ready(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, wrap_20s);
	uint32_t a = fx_agent(f, 0, 1), c1, c2, c3;
	struct cc_acd_queue_stats s;
	struct cc_acd_agent_stats as;

	(void)state;
	c1 = fx_call(f, q);
	fx_handle(f, c1, a, 100 * S);
	assert_int_equal(cc_acd_agent_state(f->acd, a), CC_ACD_AGENT_ST_WRAP_UP);
	c2 = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c2), CC_ACD_NONE); /* not offered during wrap-up */
	fx_at(f, f->now + 20 * S);
	assert_int_equal(fx_offered_to(f, c2), a);
	fx_handle(f, c2, a, 50 * S);
	f->now += 5 * S;
	assert_int_equal(cc_acd_agent_ready(f->acd, a, f->now), 0); /* ends wrap-up early */
	c3 = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c3), a);
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q, CC_ACD_PERIOD_CUMULATIVE, &s), 0);
	assert_int_equal(s.handled, 2);
	assert_int_equal(s.talk_ms, 150 * S);
	assert_int_equal(s.wrap_ms, 25 * S);
	assert_float_equal(cc_acd_kpi_aht_ms(&s), 87.5 * S, 1e-6);
	assert_int_equal(cc_acd_agent_stats_get(f->acd, a, CC_ACD_PERIOD_CUMULATIVE, &as), 0);
	assert_int_equal(as.state_ms[CC_ACD_AGENT_ST_WRAP_UP], 25 * S);
	assert_int_equal(as.state_ms[CC_ACD_AGENT_ST_BUSY], 150 * S);
	fx_free(f);
}

static void ring_5s(struct cc_acd_queue_params *p)
{
	p->strategy = CC_ACD_STRAT_LONGEST_IDLE;
	p->ring_timeout_ms = 5 * S;
}

static void ring_timeout_reoffers_and_pauses_agent(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, ring_5s);
	uint32_t a0 = fx_agent(f, 0, 1), a1, c;
	struct cc_acd_agent_stats as;

	(void)state;
	f->now += S;
	a1 = fx_agent(f, 0, 1);
	c = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c), a0);
	fx_at(f, f->now + 5 * S);
	assert_int_equal(fx_offered_to(f, c), a1);
	assert_int_equal(cc_acd_agent_state(f->acd, a0), CC_ACD_AGENT_ST_NOT_READY);
	assert_int_equal(cc_acd_agent_reason(f->acd, a0), CC_ACD_REASON_NO_ANSWER);
	assert_int_equal(cc_acd_agent_stats_get(f->acd, a0, CC_ACD_PERIOD_INTERVAL, &as), 0);
	assert_int_equal(as.no_answer, 1);
	/* the late answer of a0 is refused, a1 declines, the call waits */
	assert_int_equal(cc_acd_call_answer(f->acd, c, a0, f->now), -EPROTO);
	assert_int_equal(cc_acd_call_decline(f->acd, c, a1, f->now), 0);
	fx_drain(f);
	/* a1 is the only one left: re-offered to a1 again */
	assert_int_equal(cc_acd_agent_state(f->acd, a1), CC_ACD_AGENT_ST_RESERVED);
	assert_int_equal(cc_acd_call_answer(f->acd, c, a1, f->now), 0);
	fx_free(f);
}

static void fairness_oldest_call_across_queues_gets_the_agent(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct fx *f;
	uint32_t qa, qb, qc, a, ca, cb, cc, cvip;
	struct cc_acd_call_params p;

	(void)state;
	cfg.prio_step_ms = 60 * S;
	f = fx_new_cfg(&cfg);
	qa = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	qb = fx_queue(f, CC_ACD_STRAT_FEWEST_CALLS, 1, 1, NULL);
	qc = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 2, 1, NULL);
	cb = fx_call(f, qb); /* oldest */
	f->now += S;
	ca = fx_call(f, qa);
	f->now += S;
	cc = fx_call(f, qc); /* skill 2: the agent cannot take it */
	f->now += S;
	a = fx_agent(f, 0, 1);
	assert_int_equal(cc_acd_agent_skill_set(f->acd, a, 1, 1, f->now), 0);
	/* the agent was ready before having skill 1: it took ca; now make it busy/free */
	assert_int_equal(fx_offered_to(f, ca), a);
	fx_handle(f, ca, a, S);
	assert_int_equal(fx_offered_to(f, cb), a);
	fx_handle(f, cb, a, S);
	assert_int_equal(fx_offered_to(f, cc), CC_ACD_NONE);
	/* priority: a call 2 priority units newer than another wins over it */
	a = fx_agent(f, 5, 1);
	assert_int_equal(cc_acd_agent_not_ready(f->acd, a, 3, f->now), 0);
	{
		uint32_t q5 = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 5, 1, NULL);
		uint32_t old = fx_call(f, q5);

		f->now += 100 * S;
		cc_acd_call_params_init(&p);
		p.priority = 2; /* worth 120 s */
		cvip = fx_call_p(f, q5, &p, CC_ACD_DISP_QUEUED);
		assert_int_equal(cc_acd_agent_ready(f->acd, a, f->now), 0);
		assert_int_equal(fx_offered_to(f, cvip), a);
		assert_int_equal(fx_offered_to(f, old), CC_ACD_NONE);
	}
	fx_free(f);
}

static void capacity_two_agent_takes_two_calls(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	struct cc_acd_agent_params p;
	uint32_t a, c1, c2, c3;

	(void)state;
	cc_acd_agent_params_init(&p);
	p.capacity = 2;
	assert_int_equal(cc_acd_agent_add(f->acd, &p, &a), 0);
	assert_int_equal(cc_acd_agent_skill_set(f->acd, a, 0, 1, f->now), 0);
	assert_int_equal(cc_acd_agent_login(f->acd, a, f->now), 0);
	assert_int_equal(cc_acd_agent_ready(f->acd, a, f->now), 0);
	c1 = fx_call(f, q);
	c2 = fx_call(f, q);
	c3 = fx_call(f, q);
	assert_int_equal(fx_offered_to(f, c1), a);
	assert_int_equal(fx_offered_to(f, c2), a);
	assert_int_equal(fx_offered_to(f, c3), CC_ACD_NONE);
	assert_int_equal(cc_acd_call_answer(f->acd, c1, a, f->now), 0);
	assert_int_equal(cc_acd_agent_state(f->acd, a), CC_ACD_AGENT_ST_BUSY);
	assert_int_equal(cc_acd_agent_logout(f->acd, a, f->now), -EPROTO);
	assert_int_equal(cc_acd_call_end(f->acd, c1, f->now + S), 0);
	assert_int_equal(fx_offered_to(f, c3), a);
	fx_free(f);
}

static void misuse_returns_errors_and_counts(void **state)
{
	struct fx *f = fx_new();
	uint32_t q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	uint32_t a = fx_agent(f, 0, 1), b = fx_agent(f, 1, 1), c, q2;
	struct cc_acd_queue_params qp;
	struct cc_acd_counters ctr;

	(void)state;
	c = fx_call(f, q);
	assert_int_equal(cc_acd_call_answer(f->acd, c, b, f->now), -EPROTO); /* not offered */
	assert_int_equal(cc_acd_call_end(f->acd, c, f->now), -EPROTO);	     /* not connected */
	fx_handle(f, c, a, S);
	assert_int_equal(cc_acd_call_end(f->acd, c, f->now), -ENOENT); /* stale id */
	assert_int_equal(cc_acd_agent_ready(f->acd, 999, f->now), -ENOENT);
	assert_int_equal(cc_acd_agent_skill_set(f->acd, a, 0, 17, f->now), -EINVAL);
	assert_int_equal(cc_acd_agent_not_ready(f->acd, a, CC_ACD_NUM_REASONS, f->now), -EINVAL);
	assert_int_equal(cc_acd_agent_remove(f->acd, a), -EPROTO); /* logged in */
	cc_acd_queue_params_init(&qp);
	qp.req[0].min_level = 0;
	assert_int_equal(cc_acd_queue_add(f->acd, &qp, &q2), -EINVAL);
	qp.req[0].min_level = 1;
	qp.req[0].skill = 16; /* max_skills is 16 */
	assert_int_equal(cc_acd_queue_add(f->acd, &qp, &q2), -EINVAL);
	/* time going backwards is clamped and counted */
	assert_int_equal(cc_acd_agent_not_ready(f->acd, a, 2, f->now - 10 * S), 0);
	cc_acd_counters_get(f->acd, &ctr);
	assert_int_equal(ctr.time_backwards, 1);
	assert_true(ctr.bad_requests >= 8);
	fx_drain(f);
	fx_free(f);
}

/* ---------------------------------------------------------------- emergency features */

static void nuisance_lock_after_repeated_calls_then_expires(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct fx *f;
	struct cc_acd_call_params p;
	struct cc_acd_queue_stats s;
	uint32_t q, triage, c;
	enum cc_acd_disp d;

	(void)state;
	cfg.nuisance_calls = 3;
	cfg.nuisance_window_ms = 10 * MIN;
	cfg.nuisance_lock_ms = 60 * MIN;
	f = fx_new_cfg(&cfg);
	q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	cc_acd_call_params_init(&p);
	strcpy(p.number, "13900000000");
	for (int i = 0; i < 2; i++) {
		c = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
		assert_int_equal(cc_acd_call_abandon(f->acd, c, f->now + S), 0);
		f->now += MIN;
	}
	/* third call within 10 min: locked, announced, not queued */
	assert_int_equal(cc_acd_call_enqueue(f->acd, q, &p, f->now, &c, &d), 0);
	assert_int_equal(d, CC_ACD_DISP_NUISANCE);
	assert_int_equal(c, CC_ACD_NONE);
	assert_int_equal(fx_count(f, CC_ACD_EV_NUISANCE), 1);
	assert_true(cc_acd_caller_is_locked(f->acd, p.number, f->now));
	assert_true(cc_acd_caller_is_locked(f->acd, p.number, f->now + 60 * MIN - 1));
	assert_false(cc_acd_caller_is_locked(f->acd, p.number, f->now + 60 * MIN));
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q, CC_ACD_PERIOD_INTERVAL, &s), 0);
	assert_int_equal(s.nuisance, 1);
	assert_int_equal(s.offered, 2);
	/* other numbers are unaffected */
	strcpy(p.number, "13900000001");
	fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	/* after the window the number is served again */
	strcpy(p.number, "13900000000");
	f->now += 60 * MIN;
	fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	fx_free(f);

	/* with a triage queue the locked caller is still queued, at the lowest priority */
	cfg.nuisance_queue = 1;
	f = fx_new_cfg(&cfg);
	q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	triage = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	assert_int_equal(cc_acd_caller_lock(f->acd, "110", f->now + MIN, f->now), 0);
	strcpy(p.number, "110");
	c = fx_call_p(f, q, &p, CC_ACD_DISP_NUISANCE);
	assert_int_not_equal(c, CC_ACD_NONE);
	assert_int_equal(cc_acd_queue_waiting(f->acd, triage), 1);
	assert_int_equal(cc_acd_caller_unlock(f->acd, "110"), 0);
	assert_false(cc_acd_caller_is_locked(f->acd, "110", f->now));
	fx_free(f);
}

static enum cc_acd_screen screen_by_number(const struct cc_acd_call_info *ci, void *priv)
{
	(*(int *)priv)++;
	if (strcmp(ci->number, "0") == 0)
		return CC_ACD_SCREEN_FALSE;
	if (strcmp(ci->number, "1") == 0)
		return CC_ACD_SCREEN_SILENT;
	return CC_ACD_SCREEN_ACCEPT;
}

static void screening_hook_drops_false_and_diverts_silent_calls(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct fx *f;
	struct cc_acd_call_params p;
	struct cc_acd_queue_stats s;
	uint32_t q, silent;
	int calls = 0;

	(void)state;
	cfg.screen = screen_by_number;
	cfg.screen_priv = &calls;
	cfg.silent_queue = 1;
	f = fx_new_cfg(&cfg);
	q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	silent = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	cc_acd_call_params_init(&p);
	strcpy(p.number, "0");
	fx_call_p(f, q, &p, CC_ACD_DISP_SCREENED);
	strcpy(p.number, "1");
	fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	strcpy(p.number, "2");
	fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	assert_int_equal(calls, 3);
	assert_int_equal(cc_acd_queue_waiting(f->acd, q), 1);
	assert_int_equal(cc_acd_queue_waiting(f->acd, silent), 1);
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q, CC_ACD_PERIOD_INTERVAL, &s), 0);
	assert_int_equal(s.screened, 1);
	assert_int_equal(s.offered, 1);
	assert_int_equal(cc_acd_queue_stats_get(f->acd, silent, CC_ACD_PERIOD_INTERVAL, &s), 0);
	assert_int_equal(s.silent, 1);
	fx_free(f);
}

static void category_priority_puts_hospital_line_first(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct fx *f;
	struct cc_acd_call_params p;
	uint32_t q, a, c_norm, c_hosp;

	(void)state;
	cfg.category_priority[3] = 5; /* e.g. hospital / 110-119 linkage line */
	f = fx_new_cfg(&cfg);
	q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	cc_acd_call_params_init(&p);
	c_norm = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	f->now += 4 * MIN;
	p.category = 3;
	c_hosp = fx_call_p(f, q, &p, CC_ACD_DISP_QUEUED);
	a = fx_agent(f, 0, 1);
	assert_int_equal(fx_offered_to(f, c_hosp), a);
	assert_int_equal(fx_offered_to(f, c_norm), CC_ACD_NONE);
	fx_free(f);
}

static void surge_levels_raise_after_hold_and_clear_with_hysteresis(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct fx *f;
	uint32_t q, c[6];
	uint64_t t0;

	(void)state;
	cfg.nsurge = 2;
	cfg.surge[0] = (struct cc_acd_surge_level){ .waiting = 3,
						    .raise_after_ms = 10 * S,
						    .clear_after_ms = 30 * S };
	cfg.surge[1] = (struct cc_acd_surge_level){ .longest_wait_ms = 60 * S,
						    .raise_after_ms = 0,
						    .clear_after_ms = 0 };
	f = fx_new_cfg(&cfg);
	q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	t0 = f->now;
	for (int i = 0; i < 3; i++)
		c[i] = fx_call(f, q);
	assert_int_equal(cc_acd_surge_level(f->acd), 0);
	/* a short dip below the threshold restarts the hold time */
	assert_int_equal(cc_acd_call_abandon(f->acd, c[2], t0 + 5 * S), 0);
	f->now = t0 + 5 * S;
	c[2] = fx_call(f, q);
	fx_at(f, t0 + 15 * S - 1);
	assert_int_equal(cc_acd_surge_level(f->acd), 0);
	fx_at(f, t0 + 15 * S);
	assert_int_equal(cc_acd_surge_level(f->acd), 1);
	assert_int_equal(fx_count(f, CC_ACD_EV_SURGE), 1);
	/* the oldest call reaches 60 s: level 2 at once (timer, no event needed) */
	fx_at(f, t0 + 60 * S);
	assert_int_equal(cc_acd_surge_level(f->acd), 2);
	/* serve everything: level 2 clears at once, level 1 after 30 s */
	for (int i = 0; i < 3; i++) {
		uint32_t a = fx_agent(f, 0, 1);

		assert_int_equal(cc_acd_call_answer(f->acd, c[i], a, f->now), 0);
	}
	assert_int_equal(cc_acd_waiting(f->acd), 0);
	assert_int_equal(cc_acd_surge_level(f->acd), 1);
	fx_at(f, f->now + 30 * S - 1);
	assert_int_equal(cc_acd_surge_level(f->acd), 1);
	fx_at(f, f->now + 1);
	assert_int_equal(cc_acd_surge_level(f->acd), 0);
	assert_int_equal(fx_count(f, CC_ACD_EV_SURGE), 4);
	fx_free(f);
}

/* ---------------------------------------------------------------- statistics */

struct ivl_log {
	unsigned nq, na;
	uint64_t start[8], end[8];
	struct cc_acd_queue_stats q[8];
	struct cc_acd_agent_stats a[8];
};

static void ivl_cb(uint32_t queue, uint32_t agent, uint64_t start, uint64_t end,
		   const struct cc_acd_queue_stats *qs, const struct cc_acd_agent_stats *as,
		   void *priv)
{
	struct ivl_log *l = priv;

	if (qs && queue == 0 && l->nq < 8) {
		l->start[l->nq] = start;
		l->end[l->nq] = end;
		l->q[l->nq++] = *qs;
	}
	if (as && agent == 0 && l->na < 8)
		l->a[l->na++] = *as;
}

static void interval_rollover_counts_spanning_call_once(void **state)
{
	struct cc_acd_config cfg = fx_cfg();
	struct ivl_log log = { 0 };
	struct fx *f;
	struct cc_acd_queue_stats s, sum = { 0 };
	struct cc_acd_agent_stats as, asum = { 0 };
	uint32_t q, a, c;
	uint64_t b1;

	(void)state;
	cfg.interval_ms = 15 * MIN;
	cfg.start_ms = 10 * 15 * MIN + 14 * MIN; /* 1 min before a boundary */
	cfg.stats_fn = ivl_cb;
	cfg.stats_priv = &log;
	f = fx_new_cfg(&cfg);
	b1 = 11 * 15 * MIN;
	q = fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	c = fx_call(f, q); /* offered in interval 10 */
	f->now += 30 * S;
	a = fx_agent(f, 0, 1); /* answered at 14:30 within interval 10 (wait 30 s) */
	assert_int_equal(cc_acd_call_answer(f->acd, c, a, f->now), 0);
	c = fx_call(f, q); /* offered in interval 10, waits across the boundary */
	fx_at(f, b1 + 10 * S);
	assert_int_equal(log.nq, 1);
	assert_int_equal(log.start[0], 10 * 15 * MIN); /* intervals are aligned */
	assert_int_equal(log.end[0], b1);
	assert_int_equal(log.q[0].offered, 2);
	assert_int_equal(log.q[0].answered, 1);
	assert_int_equal(log.q[0].answered_within, 0); /* 30 s > 20 s */
	/* the agent logged in at 14:30 and has been busy since: 30 s in interval 10 */
	assert_int_equal(log.a[0].state_ms[CC_ACD_AGENT_ST_BUSY], 30 * S);
	assert_int_equal(cc_acd_call_end(f->acd, c, f->now), -EPROTO); /* still waiting */
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q, CC_ACD_PERIOD_INTERVAL, &s), 0);
	assert_int_equal(s.offered, 0);
	assert_int_equal(s.answered, 0);
	fx_at(f, 12 * 15 * MIN + 1);
	assert_int_equal(log.nq, 2);
	assert_int_equal(log.q[1].offered, 0);
	assert_int_equal(log.a[1].state_ms[CC_ACD_AGENT_ST_BUSY], 15 * MIN); /* whole interval */
	/* cumulative = sum of closed intervals + the open one, nothing lost or doubled */
	assert_int_equal(cc_acd_queue_stats_get(f->acd, q, CC_ACD_PERIOD_CUMULATIVE, &s), 0);
	for (unsigned i = 0; i < log.nq; i++)
		cc_acd_queue_stats_add(&sum, &log.q[i]);
	{
		struct cc_acd_queue_stats open;

		assert_int_equal(cc_acd_queue_stats_get(f->acd, q, CC_ACD_PERIOD_INTERVAL, &open),
				 0);
		cc_acd_queue_stats_add(&sum, &open);
	}
	assert_memory_equal(&s, &sum, sizeof(s));
	assert_int_equal(cc_acd_agent_stats_get(f->acd, a, CC_ACD_PERIOD_CUMULATIVE, &as), 0);
	for (unsigned i = 0; i < log.na; i++)
		cc_acd_agent_stats_add(&asum, &log.a[i]);
	{
		struct cc_acd_agent_stats open;

		assert_int_equal(cc_acd_agent_stats_get(f->acd, a, CC_ACD_PERIOD_INTERVAL, &open),
				 0);
		cc_acd_agent_stats_add(&asum, &open);
	}
	assert_memory_equal(&as, &asum, sizeof(as));
	assert_int_equal(as.state_ms[CC_ACD_AGENT_ST_BUSY],
			 f->now - (10 * 15 * MIN + 14 * MIN + 30 * S));
	fx_free(f);
}

static void kpi_formulas_on_hand_worked_case(void **state)
{
	/* 100 offered: 80 answered (60 within T), 20 abandoned (5 short, 8 within T). */
	struct cc_acd_queue_stats s = {
		.offered = 100,
		.answered = 80,
		.answered_within = 60,
		.abandoned = 20,
		.abandoned_within = 8,
		.short_abandoned = 5,
		.handled = 80,
		.wait_answered_ms = 80 * 12000,
		.talk_ms = 80 * 150000,
		.hold_ms = 80 * 10000,
		.wrap_ms = 80 * 20000,
	};
	struct cc_acd_agent_stats a = { 0 };
	struct cc_acd_queue_stats z = { 0 };

	(void)state;
	assert_float_equal(cc_acd_kpi_sl(&s, CC_ACD_SL_ANSWERED), 60.0 / 80, 1e-12);
	assert_float_equal(cc_acd_kpi_sl(&s, CC_ACD_SL_OFFERED), 60.0 / 100, 1e-12);
	assert_float_equal(cc_acd_kpi_sl(&s, CC_ACD_SL_NO_SHORT), 60.0 / 95, 1e-12);
	assert_float_equal(cc_acd_kpi_answer_rate(&s), 80.0 / 95, 1e-12);
	assert_float_equal(cc_acd_kpi_abandon_rate(&s, true), 0.20, 1e-12);
	assert_float_equal(cc_acd_kpi_abandon_rate(&s, false), 15.0 / 95, 1e-12);
	assert_float_equal(cc_acd_kpi_asa_ms(&s), 12000, 1e-9);
	assert_float_equal(cc_acd_kpi_aht_ms(&s), 180000, 1e-9);
	a.state_ms[CC_ACD_AGENT_ST_BUSY] = 600;
	a.state_ms[CC_ACD_AGENT_ST_WRAP_UP] = 150;
	a.state_ms[CC_ACD_AGENT_ST_READY] = 200;
	a.state_ms[CC_ACD_AGENT_ST_RESERVED] = 50;
	a.state_ms[CC_ACD_AGENT_ST_NOT_READY] = 1000; /* excluded from occupancy */
	assert_float_equal(cc_acd_kpi_occupancy(&a), 0.75, 1e-12);
	assert_true(isnan(cc_acd_kpi_sl(&z, CC_ACD_SL_ANSWERED)));
	assert_true(isnan(cc_acd_kpi_asa_ms(&z)));
}

static void agent_states_have_timestamps_and_not_ready_time_by_reason(void **state)
{
	struct fx *f = fx_new();
	struct cc_acd_agent_stats as;
	uint32_t a;
	uint64_t t0;

	(void)state;
	fx_queue(f, CC_ACD_STRAT_LONGEST_IDLE, 0, 1, NULL);
	a = fx_agent(f, 0, 1);
	t0 = f->now;
	assert_int_equal(cc_acd_agent_not_ready(f->acd, a, CC_ACD_REASON_AWAY, t0 + 10 * S), 0);
	assert_int_equal(cc_acd_agent_not_ready(f->acd, a, 4, t0 + 40 * S), 0);
	assert_int_equal(cc_acd_agent_ready(f->acd, a, t0 + 100 * S), 0);
	assert_int_equal(cc_acd_agent_logout(f->acd, a, t0 + 130 * S), 0);
	assert_int_equal(cc_acd_agent_state_since_ms(f->acd, a, CC_ACD_AGENT_ST_READY),
			 t0 + 100 * S);
	assert_int_equal(cc_acd_agent_state_since_ms(f->acd, a, CC_ACD_AGENT_ST_NOT_READY),
			 t0 + 40 * S);
	assert_int_equal(cc_acd_agent_state_since_ms(f->acd, a, CC_ACD_AGENT_ST_LOGGED_OUT),
			 t0 + 130 * S);
	assert_int_equal(cc_acd_agent_stats_get(f->acd, a, CC_ACD_PERIOD_CUMULATIVE, &as), 0);
	assert_int_equal(as.not_ready_ms[CC_ACD_REASON_AWAY], 30 * S);
	assert_int_equal(as.not_ready_ms[4], 60 * S);
	assert_int_equal(as.state_ms[CC_ACD_AGENT_ST_READY], 40 * S);
	assert_int_equal(cc_acd_agent_ready(f->acd, a, t0 + 131 * S), -EPROTO);
	assert_int_equal(cc_acd_agent_remove(f->acd, a), 0);
	fx_free(f);
}

static void names_tables_are_complete(void **state)
{
	(void)state;
	for (int i = 0; i < CC_ACD_STRAT__COUNT; i++) {
		assert_string_not_equal(cc_acd_strategy_name(i), "?");
		assert_int_equal(cc_acd_strategy_parse(cc_acd_strategy_name(i)), i);
	}
	for (int i = 0; i < CC_ACD_AGENT_ST__COUNT; i++)
		assert_string_not_equal(cc_acd_agent_st_name(i), "?");
	for (int i = 0; i < CC_ACD_EV__COUNT; i++)
		assert_string_not_equal(cc_acd_ev_name(i), "?");
	for (int i = 0; i < CC_ACD_CANCEL__COUNT; i++)
		assert_string_not_equal(cc_acd_cancel_name(i), "?");
	for (int i = 0; i < CC_ACD_DISP__COUNT; i++)
		assert_string_not_equal(cc_acd_disp_name(i), "?");
	assert_int_equal(cc_acd_strategy_parse("nope"), -EINVAL);
	assert_string_equal(cc_acd_strategy_name(99), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(erlang_c_reference_100_calls_match_published_values),
		cmocka_unit_test(erlang_c_reference_360_calls_match_published_values),
		cmocka_unit_test(erlang_b_reference_trunks_match_tables),
		cmocka_unit_test(erlang_a_reference_table_matches),
		cmocka_unit_test(erlang_a_without_abandonment_equals_erlang_c),
		cmocka_unit_test(erlang_bad_input_is_rejected),
		cmocka_unit_test(ring_all_offers_every_eligible_agent_first_answer_wins),
		cmocka_unit_test(ring_all_limit_offers_top_k_longest_idle),
		cmocka_unit_test(longest_idle_picks_agent_idle_longest),
		cmocka_unit_test(round_robin_cycles_agents_with_memory),
		cmocka_unit_test(linear_picks_lowest_position_first),
		cmocka_unit_test(fewest_calls_and_least_talk_pick_least_loaded),
		cmocka_unit_test(best_skill_picks_highest_level),
		cmocka_unit_test(weighted_random_follows_weights_and_is_reproducible),
		cmocka_unit_test(preferred_sticks_to_last_agent_then_falls_back),
		cmocka_unit_test(skill_expansion_widens_eligible_levels_in_steps),
		cmocka_unit_test(overflow_moves_call_to_target_then_destination),
		cmocka_unit_test(full_or_closed_queue_overflows_or_rejects),
		cmocka_unit_test(wrap_up_holds_agent_until_timer_or_ready),
		cmocka_unit_test(ring_timeout_reoffers_and_pauses_agent),
		cmocka_unit_test(fairness_oldest_call_across_queues_gets_the_agent),
		cmocka_unit_test(capacity_two_agent_takes_two_calls),
		cmocka_unit_test(misuse_returns_errors_and_counts),
		cmocka_unit_test(nuisance_lock_after_repeated_calls_then_expires),
		cmocka_unit_test(screening_hook_drops_false_and_diverts_silent_calls),
		cmocka_unit_test(category_priority_puts_hospital_line_first),
		cmocka_unit_test(surge_levels_raise_after_hold_and_clear_with_hysteresis),
		cmocka_unit_test(interval_rollover_counts_spanning_call_once),
		cmocka_unit_test(kpi_formulas_on_hand_worked_case),
		cmocka_unit_test(agent_states_have_timestamps_and_not_ready_time_by_reason),
		cmocka_unit_test(names_tables_are_complete),
	};

	return cmocka_run_group_tests_name("acd", tests, NULL, NULL);
}
