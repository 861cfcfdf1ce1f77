// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of what the compact ACD records changed (lib/acd, doc/PERFORMANCE.md "ACD"):
 *  - lazy index entries: an agent that leaves a bucket (skill level changed) leaves
 *    nothing behind that a reused 8-bit generation could bring back to life, however
 *    often it is indexed afterwards;
 *  - the lazy random-pick array: the weighted-random strategy never picks an agent that
 *    is not available and stays uniform among agents of one level while the array holds
 *    many stale entries;
 *  - one timer per call for its phase: the ring timeout while offered, the expansion step
 *    while waiting, each at its exact time;
 *  - 32-bit interval fields: a full 24-hour interval's state time is exact, cumulative
 *    figures and a call's handle time beyond 2^32 ms are exact (64-bit);
 *  - the copy of up to four memberships in the agent record: an agent with more (which
 *    walks its membership list) and one with fewer route alike, across the change from
 *    one form to the other when a skill is removed (the checker compares the copy with
 *    the list, and the timer bits of every call with its timer nodes).
 * Every step is followed by cc_acd_check().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/acd.h>

#define S   1000ull
#define DAY (86400ull * S)

static void check(struct cc_acd *acd)
{
	char why[160];

	if (cc_acd_check(acd, why, sizeof(why)))
		fail_msg("invariant: %s", why);
}

/* Drain; the agent of the last OFFER (NONE if none), its call and time. */
static uint32_t take_offer(struct cc_acd *acd, uint32_t *out_call, uint64_t *out_time)
{
	struct cc_acd_event ev;
	uint32_t who = CC_ACD_NONE;

	while (cc_acd_event_get(acd, &ev)) {
		if (ev.type == CC_ACD_EV_OFFER) {
			who = ev.agent;
			if (out_call)
				*out_call = ev.call;
			if (out_time)
				*out_time = ev.time_ms;
		}
	}
	check(acd);
	return who;
}

static struct cc_acd *new_engine(uint64_t start, uint32_t interval_ms)
{
	struct cc_acd_config cfg;
	struct cc_acd *acd;

	cc_acd_config_init(&cfg);
	cfg.max_agents = 16;
	cfg.max_queues = 8;
	cfg.max_calls = 64;
	cfg.max_skills = 4;
	cfg.start_ms = start;
	if (interval_ms)
		cfg.interval_ms = interval_ms;
	assert_int_equal(cc_acd_new(&cfg, &acd), 0);
	return acd;
}

static uint32_t add_queue(struct cc_acd *acd, enum cc_acd_strategy st, uint8_t min_level)
{
	struct cc_acd_queue_params p;
	uint32_t q;

	cc_acd_queue_params_init(&p);
	p.strategy = st;
	p.req[0].skill = 1;
	p.req[0].min_level = min_level;
	p.ring_timeout_ms = 0;
	assert_int_equal(cc_acd_queue_add(acd, &p, &q), 0);
	return q;
}

static uint32_t add_agent(struct cc_acd *acd, uint8_t level, uint64_t now)
{
	struct cc_acd_agent_params p;
	uint32_t a;

	cc_acd_agent_params_init(&p);
	assert_int_equal(cc_acd_agent_add(acd, &p, &a), 0);
	assert_int_equal(cc_acd_agent_skill_set(acd, a, 1, level, now), 0);
	assert_int_equal(cc_acd_agent_login(acd, a, now), 0);
	assert_int_equal(cc_acd_agent_ready(acd, a, now), 0);
	return a;
}

static uint32_t enqueue(struct cc_acd *acd, uint32_t q, uint64_t now)
{
	struct cc_acd_call_params cp;
	enum cc_acd_disp d;
	uint32_t c;

	cc_acd_call_params_init(&cp);
	assert_int_equal(cc_acd_call_enqueue(acd, q, &cp, now, &c, &d), 0);
	assert_int_equal(d, CC_ACD_DISP_QUEUED);
	return c;
}

/*
 * Agent A is expert (level 12) in a queue needing level 10 (linear) and one needing
 * level 1 (longest idle), which share one index.  A's level drops to 3: its entries in
 * the level-12 bucket are stale.  It then handles 600 calls of the level-1 queue (600
 * indexings: the generation wraps twice).  No stale entry may come back to life: a call
 * of the level-10 queue is never offered to A, and the checker (one live entry per
 * available member, with its current key) holds throughout.
 */
static void agent_leaving_a_bucket_never_returns_with_a_reused_generation(void **state)
{
	uint64_t now = 1000 * S;
	struct cc_acd *acd = new_engine(now, 0);
	uint32_t qhi = add_queue(acd, CC_ACD_STRAT_LINEAR, 10);
	uint32_t qlo = add_queue(acd, CC_ACD_STRAT_LONGEST_IDLE, 1);
	uint32_t a = add_agent(acd, 12, now), call, c;

	(void)state;
	take_offer(acd, NULL, NULL);
	/* while expert, A takes level-10 calls */
	c = enqueue(acd, qhi, ++now);
	assert_int_equal(take_offer(acd, &call, NULL), a);
	assert_int_equal(cc_acd_call_answer(acd, call, a, ++now), 0);
	assert_int_equal(cc_acd_call_end(acd, c, ++now), 0);
	take_offer(acd, NULL, NULL);
	/* A's level drops: it leaves the level-12 bucket */
	assert_int_equal(cc_acd_agent_skill_set(acd, a, 1, 3, ++now), 0);
	take_offer(acd, NULL, NULL);
	for (int i = 0; i < 600; i++) {
		c = enqueue(acd, qlo, ++now);
		assert_int_equal(take_offer(acd, &call, NULL), a);
		assert_int_equal(cc_acd_call_answer(acd, call, a, ++now), 0);
		take_offer(acd, NULL, NULL);
		assert_int_equal(cc_acd_call_end(acd, c, ++now), 0);
		take_offer(acd, NULL, NULL);
	}
	/* A is READY and indexed (level 3): a level-10 call must wait */
	assert_int_equal(cc_acd_agent_state(acd, a), CC_ACD_AGENT_ST_READY);
	c = enqueue(acd, qhi, ++now);
	assert_int_equal(take_offer(acd, NULL, NULL), CC_ACD_NONE);
	assert_int_equal(cc_acd_queue_waiting(acd, qhi), 1);
	/* and A is still picked for level-1 calls */
	enqueue(acd, qlo, ++now);
	assert_int_equal(take_offer(acd, NULL, NULL), a);
	assert_int_equal(cc_acd_call_abandon(acd, c, ++now), 0);
	check(acd);
	cc_acd_free(acd);
}

/*
 * Weighted random over 8 agents of one level: agents 0..3 are kept on calls (their
 * entries in the lazy array go stale and come back as they cycle), agents 4..7 take the
 * routed calls.  No busy agent is ever picked, and each free one gets its share.
 */
static void weighted_random_picks_only_available_agents_uniformly(void **state)
{
	uint64_t now = 1000 * S;
	struct cc_acd *acd = new_engine(now, 0);
	uint32_t q = add_queue(acd, CC_ACD_STRAT_WEIGHTED_RANDOM, 1);
	uint32_t ag[8], held[4], count[8] = { 0 }, call = CC_ACD_NONE;

	(void)state;
	for (int i = 0; i < 8; i++)
		ag[i] = add_agent(acd, 6, now);
	take_offer(acd, NULL, NULL);
	for (int round = 0; round < 4000; round++) {
		/* every 50 rounds agents 0..3 take a call each (and end it 25 rounds later) */
		if (round % 50 == 0) {
			for (int i = 0; i < 8; i++)
				if (i >= 4)
					assert_int_equal(
						cc_acd_agent_not_ready(acd, ag[i], 3, ++now), 0);
			for (int i = 0; i < 4; i++) {
				uint32_t who;

				held[i] = enqueue(acd, q, ++now);
				who = take_offer(acd, &call, NULL);
				assert_true(who == ag[0] || who == ag[1] || who == ag[2] ||
					    who == ag[3]);
				assert_int_equal(cc_acd_call_answer(acd, call, who, ++now), 0);
			}
			for (int i = 4; i < 8; i++)
				assert_int_equal(cc_acd_agent_ready(acd, ag[i], ++now), 0);
			take_offer(acd, NULL, NULL);
		}
		if (round % 50 == 25) {
			for (int i = 0; i < 4; i++)
				assert_int_equal(cc_acd_call_end(acd, held[i], ++now), 0);
			take_offer(acd, NULL, NULL);
		}
		{
			uint32_t c = enqueue(acd, q, ++now), who = take_offer(acd, &call, NULL);
			int idx = -1;

			for (int i = 0; i < 8; i++)
				if (ag[i] == who)
					idx = i;
			assert_true(idx >= 0);
			/* agents 0..3 only while their held call is over (rounds 25..49) */
			if (round % 50 < 25)
				assert_true(idx >= 4);
			count[idx]++;
			assert_int_equal(cc_acd_call_answer(acd, call, who, ++now), 0);
			take_offer(acd, NULL, NULL);
			assert_int_equal(cc_acd_call_end(acd, c, ++now), 0);
			take_offer(acd, NULL, NULL);
		}
	}
	/* per 50 rounds: 25 with agents 4..7 free (1/4 each), 25 with all 8 free (1/8
	 * each): expected 750 for agents 4..7 (sigma 24), 250 for agents 0..3 (sigma 15) */
	for (int i = 4; i < 8; i++)
		assert_in_range(count[i], 650, 850);
	for (int i = 0; i < 4; i++)
		assert_in_range(count[i], 180, 320);
	cc_acd_free(acd);
}

/*
 * One timer serves a call's phase: the expansion step while it waits, the ring timeout
 * while it is offered.  Queue: level 5, ring timeout 5 s (no pause), widen by 2 after
 * 8 s.  A (level 5) is offered the call at 0 s, declines at 1 s (and, the only eligible
 * agent, gets it again), goes not-ready at 2 s; the call waits; at 8 s the step widens it to B (level 3), who lets it ring: the ring
 * timeout fires at 13 s and the call is offered to B again (nobody else eligible).
 */
static void one_call_timer_serves_step_then_ring_timeout(void **state)
{
	uint64_t t0 = 1000 * S, when = 0;
	struct cc_acd *acd = new_engine(t0, 0);
	struct cc_acd_queue_params p;
	struct cc_acd_event ev;
	uint32_t q, a, b, call, c;
	bool timeout_seen = false;

	(void)state;
	cc_acd_queue_params_init(&p);
	p.strategy = CC_ACD_STRAT_LONGEST_IDLE;
	p.req[0].skill = 1;
	p.req[0].min_level = 5;
	p.ring_timeout_ms = 5000;
	p.noanswer_pause = false;
	p.nsteps = 1;
	p.steps[0].after_ms = 8000;
	p.steps[0].widen = 2;
	assert_int_equal(cc_acd_queue_add(acd, &p, &q), 0);
	a = add_agent(acd, 5, t0);
	b = add_agent(acd, 3, t0);
	take_offer(acd, NULL, NULL);
	c = enqueue(acd, q, t0);
	assert_int_equal(take_offer(acd, &call, &when), a);
	assert_int_equal(when, t0);
	assert_int_equal(cc_acd_next_deadline_ms(acd), t0 + 5000); /* ring timeout armed */
	assert_int_equal(cc_acd_call_decline(acd, call, a, t0 + 1000), 0);
	/* A declined and nobody else is eligible: offered to A again */
	assert_int_equal(take_offer(acd, &call, &when), a);
	assert_int_equal(when, t0 + 1000);
	assert_int_equal(cc_acd_next_deadline_ms(acd), t0 + 6000); /* its ring timeout */
	assert_int_equal(cc_acd_agent_not_ready(acd, a, 3, t0 + 2000), 0);
	assert_int_equal(take_offer(acd, NULL, NULL), CC_ACD_NONE);
	/* waiting: the phase timer is the expansion step, due 8 s after queue entry */
	assert_int_equal(cc_acd_next_deadline_ms(acd), t0 + 8000);
	cc_acd_tick(acd, t0 + 7999);
	assert_int_equal(take_offer(acd, NULL, NULL), CC_ACD_NONE);
	cc_acd_tick(acd, t0 + 8000);
	assert_int_equal(take_offer(acd, &call, &when), b);
	assert_int_equal(when, t0 + 8000);
	/* offered: the same timer is now the ring timeout */
	assert_int_equal(cc_acd_next_deadline_ms(acd), t0 + 13000);
	cc_acd_tick(acd, t0 + 13000);
	while (cc_acd_event_get(acd, &ev)) {
		if (ev.type == CC_ACD_EV_OFFER_CANCEL) {
			assert_int_equal(ev.reason, CC_ACD_CANCEL_RING_TIMEOUT);
			assert_int_equal(ev.agent, b);
			assert_int_equal(ev.time_ms, t0 + 13000);
			timeout_seen = true;
		} else if (ev.type == CC_ACD_EV_OFFER) {
			assert_true(timeout_seen);
			assert_int_equal(ev.agent, b);
			call = ev.call;
		}
	}
	assert_true(timeout_seen);
	check(acd);
	assert_int_equal(cc_acd_call_answer(acd, call, b, t0 + 14000), 0);
	assert_int_equal(cc_acd_call_end(acd, c, t0 + 20000), 0);
	check(acd);
	cc_acd_free(acd);
}

struct closed {
	uint64_t ready_ms, talk_ms;
	unsigned n;
};

static void on_stats(uint32_t queue, uint32_t agent, uint64_t start_ms, uint64_t end_ms,
		     const struct cc_acd_queue_stats *qs, const struct cc_acd_agent_stats *as,
		     void *priv)
{
	struct closed *cl = priv;

	(void)queue;
	(void)qs;
	if (agent == CC_ACD_NONE || !as)
		return;
	assert_int_equal(end_ms - start_ms, DAY);
	cl->ready_ms = as->state_ms[CC_ACD_AGENT_ST_READY] + as->state_ms[CC_ACD_AGENT_ST_BUSY] +
		       as->state_ms[CC_ACD_AGENT_ST_RESERVED];
	cl->talk_ms += as->talk_ms;
	cl->n++;
}

/*
 * Daily intervals: each closed interval holds exactly 86,400,000 ms of the agent's time;
 * over 60 days the cumulative state time (5,184,000,000 ms) and the talk time of one
 * call that lasted 59 days (> 2^32 ms) are exact.
 */
static void full_day_intervals_and_long_totals_are_exact(void **state)
{
	struct cc_acd_config cfg;
	struct cc_acd *acd;
	struct closed cl = { 0 };
	struct cc_acd_agent_stats st;
	uint64_t t0 = 20000 * DAY; /* an interval boundary */
	uint32_t q, a, call, c;

	(void)state;
	cc_acd_config_init(&cfg);
	cfg.max_agents = 4;
	cfg.max_queues = 2;
	cfg.max_calls = 8;
	cfg.max_skills = 4;
	cfg.start_ms = t0;
	cfg.interval_ms = (uint32_t)DAY;
	cfg.stats_fn = on_stats;
	cfg.stats_priv = &cl;
	assert_int_equal(cc_acd_new(&cfg, &acd), 0);
	q = add_queue(acd, CC_ACD_STRAT_LONGEST_IDLE, 1);
	a = add_agent(acd, 4, t0);
	take_offer(acd, NULL, NULL);
	c = enqueue(acd, q, t0 + DAY / 2);
	assert_int_equal(take_offer(acd, &call, NULL), a);
	assert_int_equal(cc_acd_call_answer(acd, call, a, t0 + DAY / 2), 0);
	for (uint64_t d = 1; d <= 60; d++) {
		if (d == 60)
			assert_int_equal(cc_acd_call_end(acd, c, t0 + 59 * DAY + DAY / 2), 0);
		cc_acd_tick(acd, t0 + d * DAY);
		take_offer(acd, NULL, NULL);
		assert_int_equal(cl.n, d);
		assert_int_equal(cl.ready_ms, DAY); /* READY + RESERVED + BUSY all day */
	}
	assert_int_equal(cl.talk_ms, 59 * DAY);
	assert_true(59 * DAY > UINT32_MAX);
	assert_int_equal(cc_acd_agent_stats_get(acd, a, CC_ACD_PERIOD_CUMULATIVE, &st), 0);
	assert_int_equal(st.talk_ms, 59 * DAY);
	assert_int_equal(st.state_ms[CC_ACD_AGENT_ST_BUSY], 59 * DAY);
	assert_int_equal(st.state_ms[CC_ACD_AGENT_ST_READY] + st.state_ms[CC_ACD_AGENT_ST_BUSY] +
				 st.state_ms[CC_ACD_AGENT_ST_RESERVED],
			 60 * DAY);
	assert_int_equal(cc_acd_agent_stats_get(acd, a, CC_ACD_PERIOD_INTERVAL, &st), 0);
	assert_int_equal(st.talk_ms, 0);
	check(acd);
	cc_acd_free(acd);
}

/*
 * Agent X has skills 0-3 at level 5: with four single-skill queues and two two-skill
 * queues ({0,1}, {2,3}) it is a member of six indexes, more than the record's copy holds.
 * Agent Y has skill 0 only (one membership, in the copy).  Calls wait in all six queues,
 * one per millisecond; whenever X or Y ends a call it takes the oldest call it can serve
 * (the fairness rule).  Then X loses skill 3 (four memberships: the copy again) and the
 * rule still holds.
 */
static void agent_memberships_beyond_the_inline_copy_route_alike(void **state)
{
	struct cc_acd *acd = new_engine(1000, 0);
	uint32_t q[6], calls[6], x, y, call = CC_ACD_NONE, xc, yc;
	uint64_t now = 1000;

	(void)state;
	for (int i = 0; i < 6; i++) {
		struct cc_acd_queue_params p;

		cc_acd_queue_params_init(&p);
		p.strategy = CC_ACD_STRAT_LONGEST_IDLE;
		p.ring_timeout_ms = 0;
		if (i < 4) {
			p.req[0].skill = (uint16_t)i;
		} else {
			p.nreq = 2;
			p.req[0].skill = i == 4 ? 0 : 2;
			p.req[1].skill = i == 4 ? 1 : 3;
			p.req[1].min_level = 1;
		}
		p.req[0].min_level = 1;
		assert_int_equal(cc_acd_queue_add(acd, &p, &q[i]), 0);
	}
	{
		struct cc_acd_agent_params ap;

		cc_acd_agent_params_init(&ap);
		assert_int_equal(cc_acd_agent_add(acd, &ap, &x), 0);
		assert_int_equal(cc_acd_agent_add(acd, &ap, &y), 0);
		for (uint16_t sk = 0; sk < 4; sk++)
			assert_int_equal(cc_acd_agent_skill_set(acd, x, sk, 5, now), 0);
		assert_int_equal(cc_acd_agent_skill_set(acd, y, 0, 5, now), 0);
		assert_int_equal(cc_acd_agent_login(acd, x, now), 0);
		assert_int_equal(cc_acd_agent_login(acd, y, now), 0);
		assert_int_equal(cc_acd_agent_ready(acd, x, now), 0);
		assert_int_equal(cc_acd_agent_ready(acd, y, now), 0);
		check(acd);
	}
	/* both busy */
	xc = enqueue(acd, q[5], ++now);
	assert_int_equal(take_offer(acd, &call, NULL), x);
	assert_int_equal(cc_acd_call_answer(acd, call, x, ++now), 0);
	yc = enqueue(acd, q[0], ++now);
	assert_int_equal(take_offer(acd, &call, NULL), y);
	assert_int_equal(cc_acd_call_answer(acd, call, y, ++now), 0);
	check(acd);
	for (int round = 0; round < 2; round++) {
		/* one waiting call per queue, the oldest in the last queue (skills {2,3}) */
		for (int i = 5; i >= 0; i--) {
			calls[i] = enqueue(acd, q[i], ++now);
			assert_int_equal(take_offer(acd, NULL, NULL), CC_ACD_NONE);
		}
		/* X takes them oldest first: 5, 4, ..., 0 (or, once it lacks skill 3, all but
		 * the {2,3} and skill-3 queues); Y takes only skill-0 calls */
		for (int i = 5; i >= 0; i--) {
			uint32_t who;

			if (round == 1 && (i == 5 || i == 3))
				continue;
			if (i == 0 && round == 0) {
				/* Y (skill 0 only) ends: the skill-0 call is the only one left */
				assert_int_equal(cc_acd_call_end(acd, yc, ++now), 0);
				who = take_offer(acd, &call, NULL);
				assert_int_equal(who, y);
				assert_int_equal(call, calls[0]);
				assert_int_equal(cc_acd_call_answer(acd, call, y, ++now), 0);
				yc = call;
				continue;
			}
			assert_int_equal(cc_acd_call_end(acd, xc, ++now), 0);
			who = take_offer(acd, &call, NULL);
			assert_int_equal(who, x);
			assert_int_equal(call, calls[i]);
			assert_int_equal(cc_acd_call_answer(acd, call, x, ++now), 0);
			xc = call;
		}
		if (round == 0) {
			/* X drops skill 3: memberships 0, 1, 2, {0,1}; while busy */
			assert_int_equal(cc_acd_agent_skill_set(acd, x, 3, 0, ++now), 0);
			check(acd);
		} else {
			/* the calls X cannot take any more wait (Y cannot take them either) */
			assert_int_equal(cc_acd_queue_waiting(acd, q[5]), 1);
			assert_int_equal(cc_acd_queue_waiting(acd, q[3]), 1);
			assert_int_equal(cc_acd_queue_waiting(acd, q[0]), 0); /* X took it */
		}
	}
	check(acd);
	cc_acd_free(acd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(agent_leaving_a_bucket_never_returns_with_a_reused_generation),
		cmocka_unit_test(weighted_random_picks_only_available_agents_uniformly),
		cmocka_unit_test(one_call_timer_serves_step_then_ring_timeout),
		cmocka_unit_test(full_day_intervals_and_long_totals_are_exact),
		cmocka_unit_test(agent_memberships_beyond_the_inline_copy_route_alike),
	};

	return cmocka_run_group_tests_name("acd_layout", tests, NULL, NULL);
}
