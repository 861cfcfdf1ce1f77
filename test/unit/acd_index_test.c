// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the ACD engine's agent indexes (lib/acd/cc_acd_heap.c, cc_acd.c):
 * the lazy-deletion heaps (stale entries dropped at the top and by compaction, which
 * always frees room), and the engine's picks checked against a brute-force model over
 * thousands of availability changes, so that each agent's 8-bit indexing generation wraps
 * several times, with declines (the "skip the agent that just failed" path) and strategies
 * sharing one index.  Every engine step is followed by cc_acd_check().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acd/cc_acd_int.h"

/* ---------------------------------------------------------------- lazy heap */

static uint32_t ag(uint32_t aid, uint8_t gen)
{
	return aid << 8 | gen;
}

static void lazy_heap_pops_in_key_order_and_compaction_frees_room(void **state)
{
	uint8_t agen[64] = { 0 };
	struct lent ent[LHEAP_CAP(16)];
	struct lheap h = { .e = ent, .n = 0, .cap = LHEAP_CAP(16) };
	uint64_t last = 0;

	(void)state;
	/* 16 agents, generation 1, keys in a scrambled order */
	for (uint32_t a = 0; a < 16; a++) {
		agen[a] = 1;
		acd_lh_push(&h, agen, (a * 7919u) % 101u, ag(a, 1));
	}
	assert_int_equal(h.n, 16);
	assert_true(acd_lh_valid(&h));
	/* agents 0..7 stop being available: their entries are stale, nothing is removed */
	for (uint32_t a = 0; a < 8; a++)
		agen[a] = 0;
	assert_int_equal(h.n, 16);
	/* agents 0..7 come back with generation 2 and new keys: the heap fills up and is
	 * compacted (the 8 stale entries go), never overflowing its reserved capacity */
	for (int round = 0; round < 40; round++) {
		uint32_t a = (uint32_t)round % 8;

		agen[a] = 0;
		agen[a] = (uint8_t)(2 + round / 8);
		acd_lh_push(&h, agen, 1000u + (uint32_t)round, ag(a, agen[a]));
		assert_true(h.n <= h.cap);
		assert_true(acd_lh_valid(&h));
	}
	/* popping while skipping stale entries yields each available agent once, by key */
	{
		unsigned seen[16] = { 0 }, live = 0;

		while (h.n) {
			const struct lent *t = &h.e[0];

			if (agen[LENT_AGENT(t)] == LENT_GEN(t)) {
				assert_true(t->key >= last);
				last = t->key;
				seen[LENT_AGENT(t)]++;
				live++;
			}
			acd_lh_pop(&h);
			assert_true(acd_lh_valid(&h));
		}
		assert_int_equal(live, 16);
		for (int a = 0; a < 16; a++)
			assert_int_equal(seen[a], 1);
	}
}

static void lazy_heap_compaction_keeps_only_live_entries(void **state)
{
	uint8_t agen[8] = { 0 };
	struct lent ent[32];
	struct lheap h = { .e = ent, .n = 0, .cap = 32 };

	(void)state;
	for (uint32_t i = 0; i < 24; i++) {
		uint32_t a = i % 8;

		agen[a] = (uint8_t)(i / 8 + 1);
		acd_lh_push(&h, agen, 100u - i, ag(a, agen[a]));
	}
	assert_int_equal(h.n, 24);
	acd_lh_compact(&h, agen);
	/* one live entry per agent: the last one pushed (keys 84..77) */
	assert_int_equal(h.n, 8);
	assert_true(acd_lh_valid(&h));
	assert_int_equal(h.e[0].key, 77);
	agen[LENT_AGENT(&h.e[0])] = 0;
	acd_lh_compact(&h, agen);
	assert_int_equal(h.n, 7);
	assert_int_equal(h.e[0].key, 78);
}

/* ---------------------------------------------------------------- engine vs. model */

#define NAG 7

struct model {
	uint64_t idle_since[NAG];
	uint64_t last_offer[NAG];
	uint32_t position[NAG];
	uint32_t call_of[NAG]; /* connected call, or NONE */
	uint64_t offer_seq;
};

static void check(struct cc_acd *acd)
{
	char why[160];

	if (cc_acd_check(acd, why, sizeof(why)))
		fail_msg("invariant: %s", why);
}

/* The model's choice for @strat among free agents other than @excl (NONE: none free). */
static uint32_t model_pick(const struct model *m, enum cc_acd_strategy strat, uint32_t excl)
{
	uint32_t best = CC_ACD_NONE;

	for (int pass = 0; pass < 2 && best == CC_ACD_NONE; pass++) {
		for (uint32_t a = 0; a < NAG; a++) {
			uint64_t ka, kb;

			if (m->call_of[a] != CC_ACD_NONE || (pass == 0 && a == excl))
				continue;
			if (best == CC_ACD_NONE) {
				best = a;
				continue;
			}
			switch (strat) {
			case CC_ACD_STRAT_ROUND_ROBIN:
				ka = m->last_offer[a];
				kb = m->last_offer[best];
				break;
			case CC_ACD_STRAT_LINEAR:
				ka = m->position[a];
				kb = m->position[best];
				break;
			default:
				ka = m->idle_since[a];
				kb = m->idle_since[best];
				break;
			}
			if (ka < kb)
				best = a;
		}
	}
	return best;
}

static uint32_t next_offer(struct cc_acd *acd, uint32_t *out_call)
{
	struct cc_acd_event ev;
	uint32_t who = CC_ACD_NONE;

	while (cc_acd_event_get(acd, &ev)) {
		if (ev.type == CC_ACD_EV_OFFER) {
			assert_int_equal(who, CC_ACD_NONE); /* one offer per decision */
			who = ev.agent;
			*out_call = ev.call;
		}
	}
	return who;
}

static void engine_picks_match_model_through_generation_wraps(void **state)
{
	static const enum cc_acd_strategy st[] = { CC_ACD_STRAT_LONGEST_IDLE,
						   CC_ACD_STRAT_ROUND_ROBIN, CC_ACD_STRAT_LINEAR };
	struct cc_acd_config cfg;
	struct cc_acd *acd;
	struct model m;
	uint32_t q[3], id, rnd = 12345;
	uint64_t now = 1000;
	unsigned declines = 0, offers = 0;

	(void)state;
	memset(&m, 0, sizeof(m));
	cc_acd_config_init(&cfg);
	cfg.max_agents = NAG;
	cfg.max_calls = 64;
	cfg.max_skills = 4;
	cfg.start_ms = now;
	assert_int_equal(cc_acd_new(&cfg, &acd), 0);
	/* three queues on the same skill and level: one shared index with three keys */
	for (int i = 0; i < 3; i++) {
		struct cc_acd_queue_params p;

		cc_acd_queue_params_init(&p);
		p.strategy = st[i];
		p.req[0].skill = 1;
		p.req[0].min_level = 1;
		p.ring_timeout_ms = 0;
		assert_int_equal(cc_acd_queue_add(acd, &p, &q[i]), 0);
	}
	for (uint32_t a = 0; a < NAG; a++) {
		struct cc_acd_agent_params p;

		cc_acd_agent_params_init(&p);
		p.position = (a * 5u) % NAG; /* not the id order */
		m.position[a] = p.position;
		m.call_of[a] = CC_ACD_NONE;
		assert_int_equal(cc_acd_agent_add(acd, &p, &id), 0);
		assert_int_equal(id, a);
		assert_int_equal(cc_acd_agent_skill_set(acd, a, 1, 5, now), 0);
		assert_int_equal(cc_acd_agent_login(acd, a, now), 0);
		now += 7;
		assert_int_equal(cc_acd_agent_ready(acd, a, now), 0);
		m.idle_since[a] = now;
	}
	check(acd);
	/* 3,000 routed calls: each agent is indexed hundreds of times (> 255) */
	for (int it = 0; it < 3000; it++) {
		int s = (int)((rnd = rnd * 1103515245u + 12345u) >> 16) % 3;
		uint32_t want = model_pick(&m, st[s], CC_ACD_NONE), got, call = CC_ACD_NONE;
		enum cc_acd_disp d;
		struct cc_acd_call_params cp;

		now += 3;
		cc_acd_call_params_init(&cp);
		assert_int_equal(cc_acd_call_enqueue(acd, q[s], &cp, now, &id, &d), 0);
		got = next_offer(acd, &call);
		check(acd);
		if (want == CC_ACD_NONE) {
			assert_int_equal(got, CC_ACD_NONE);
			assert_int_equal(cc_acd_call_abandon(acd, id, now), 0);
		} else {
			assert_int_equal(got, want);
			m.last_offer[got] = ++m.offer_seq;
			offers++;
			if (((rnd >> 20) & 7) == 0) {
				/* declined: re-offered to the best other free agent (or again
				 * to the same one if nobody else is free) */
				uint32_t again;

				now += 1;
				assert_int_equal(cc_acd_call_decline(acd, call, got, now), 0);
				m.idle_since[got] = now;
				want = model_pick(&m, st[s], got);
				again = next_offer(acd, &call);
				check(acd);
				assert_int_equal(again, want);
				m.last_offer[again] = ++m.offer_seq;
				got = again;
				declines++;
			}
			assert_int_equal(cc_acd_call_answer(acd, call, got, now), 0);
			m.call_of[got] = call;
			next_offer(acd, &call);
		}
		/* hang up a random connected call most of the time */
		for (int tries = 0; tries < 2; tries++) {
			uint32_t a = (rnd >> 8) % NAG;

			rnd = rnd * 1103515245u + 12345u;
			if (m.call_of[a] == CC_ACD_NONE)
				continue;
			now += 2;
			assert_int_equal(cc_acd_call_end(acd, m.call_of[a], now), 0);
			m.call_of[a] = CC_ACD_NONE;
			m.idle_since[a] = now;
			next_offer(acd, &call);
			check(acd);
		}
	}
	assert_true(offers > 2500);
	assert_true(declines > 100);
	cc_acd_free(acd);
}

/* Index tables are allocated when a queue first needs them: unused queue slots cost
 * their queue record and a pointer only. */
static void unused_queue_slots_cost_no_index_memory(void **state)
{
	struct cc_acd_config cfg;
	struct cc_acd *a1, *a1000;
	size_t m1, m1000, with_queue;
	struct cc_acd_queue_params p;
	uint32_t q;

	(void)state;
	cc_acd_config_init(&cfg);
	cfg.max_queues = 1;
	assert_int_equal(cc_acd_new(&cfg, &a1), 0);
	cfg.max_queues = 1000;
	assert_int_equal(cc_acd_new(&cfg, &a1000), 0);
	m1 = cc_acd_memory_bytes(a1);
	m1000 = cc_acd_memory_bytes(a1000);
	assert_true(m1000 - m1 < 999 * (sizeof(struct queue) + sizeof(void *)) + 1);
	cc_acd_queue_params_init(&p);
	assert_int_equal(cc_acd_queue_add(a1000, &p, &q), 0);
	with_queue = cc_acd_memory_bytes(a1000);
	assert_true(with_queue >= m1000 + sizeof(struct sidx));
	cc_acd_free(a1);
	cc_acd_free(a1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lazy_heap_pops_in_key_order_and_compaction_frees_room),
		cmocka_unit_test(lazy_heap_compaction_keeps_only_live_entries),
		cmocka_unit_test(engine_picks_match_model_through_generation_wraps),
		cmocka_unit_test(unused_queue_slots_cost_no_index_memory),
	};

	return cmocka_run_group_tests_name("acd_index", tests, NULL, NULL);
}
