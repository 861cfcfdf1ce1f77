// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Randomized stress test of the ACD engine: a long seeded sequence of random requests
 * (calls arriving with random numbers, priorities, categories, VIP flags and preferred
 * agents; answers, declines, abandons, holds, hang-ups; agents logging in and out,
 * going ready/not-ready, gaining and losing skills; time jumping forward so that ring
 * timeouts, overflows, skill expansion, sticky fall-backs, wrap-ups, surge holds and
 * interval roll-overs fire) over queues using every strategy.
 *
 * After every request:
 *  - cc_acd_check(): every internal invariant, including "no agent holds calls beyond
 *    its capacity", "no waiting call has an available eligible agent" (fairness), heap
 *    shapes, timers, and per queue offered == answered + abandoned + overflowed + waiting;
 *  - an outside model built only from the engine's events: every call that entered has
 *    exactly one end (ENDED, ABANDONED or OVERFLOW to a destination), the calls the
 *    model believes alive exist in the engine and the others do not, the waiting count
 *    agrees, and an answer to an offer the model believes outstanding succeeds.
 *
 * CC_ACD_STRESS_OPS=N runs N requests (default 2,000,000, about 7 s; make check stays under ~30 s).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/acd.h>

#define NAGENTS	 24
#define NQUEUES	 9
#define NSKILLS	 6
#define MAXCALLS 48
#define MAXLIVE	 256

struct live {
	uint32_t id;
	bool connected;
	uint32_t agent;
};

struct offer {
	uint32_t call, agent;
};

struct model {
	struct cc_acd *acd;
	uint64_t rng;
	uint64_t now;
	struct live live[MAXLIVE];
	unsigned nlive;
	struct offer off[MAXLIVE];
	unsigned noff;
	uint64_t entered, ended, events;
	uint32_t agents[NAGENTS];
};

static uint64_t rnd(struct model *m)
{
	uint64_t x = m->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	m->rng = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static uint32_t rn(struct model *m, uint32_t n)
{
	return (uint32_t)((rnd(m) >> 16) % n);
}

static int live_find(struct model *m, uint32_t id)
{
	for (unsigned i = 0; i < m->nlive; i++)
		if (m->live[i].id == id)
			return (int)i;
	return -1;
}

static void live_del(struct model *m, uint32_t id)
{
	int i = live_find(m, id);

	if (i < 0)
		fail_msg("end of a call the model does not know: %08x", id);
	m->live[i] = m->live[--m->nlive];
	m->ended++;
	for (unsigned k = 0; k < m->noff;)
		if (m->off[k].call == id)
			m->off[k] = m->off[--m->noff];
		else
			k++;
}

static void offer_del(struct model *m, uint32_t call, uint32_t agent)
{
	for (unsigned k = 0; k < m->noff; k++) {
		if (m->off[k].call == call && m->off[k].agent == agent) {
			m->off[k] = m->off[--m->noff];
			return;
		}
	}
	fail_msg("cancel of an unknown offer %08x/%u", call, agent);
}

static void drain(struct model *m)
{
	struct cc_acd_event e;
	int i;

	while (cc_acd_event_get(m->acd, &e)) {
		m->events++;
		switch (e.type) {
		case CC_ACD_EV_QUEUED:
			if (live_find(m, e.call) < 0) {
				assert_true(m->nlive < MAXLIVE);
				m->live[m->nlive++] =
					(struct live){ .id = e.call, .agent = UINT32_MAX };
				m->entered++;
			}
			break;
		case CC_ACD_EV_OFFER:
			assert_true(live_find(m, e.call) >= 0);
			assert_true(m->noff < MAXLIVE);
			m->off[m->noff++] = (struct offer){ e.call, e.agent };
			break;
		case CC_ACD_EV_OFFER_CANCEL:
			offer_del(m, e.call, e.agent);
			break;
		case CC_ACD_EV_CONNECTED:
			i = live_find(m, e.call);
			assert_true(i >= 0);
			assert_false(m->live[i].connected);
			m->live[i].connected = true;
			m->live[i].agent = e.agent;
			offer_del(m, e.call, e.agent);
			for (unsigned k = 0; k < m->noff; k++)
				assert_int_not_equal(m->off[k].call, e.call);
			break;
		case CC_ACD_EV_ENDED:
			i = live_find(m, e.call);
			assert_true(i >= 0 && m->live[i].connected);
			live_del(m, e.call);
			break;
		case CC_ACD_EV_ABANDONED:
			i = live_find(m, e.call);
			assert_true(i >= 0 && !m->live[i].connected);
			live_del(m, e.call);
			break;
		case CC_ACD_EV_OVERFLOW:
			if (e.target_queue == CC_ACD_NONE && live_find(m, e.call) >= 0)
				live_del(m, e.call);
			break;
		default:
			break;
		}
	}
}

static void verify(struct model *m, uint64_t op)
{
	char why[200];
	unsigned waiting = 0;

	if (cc_acd_check(m->acd, why, sizeof(why)) != 0)
		fail_msg("op %llu: %s", (unsigned long long)op, why);
	for (unsigned i = 0; i < m->nlive; i++) {
		if (!cc_acd_call_exists(m->acd, m->live[i].id))
			fail_msg("op %llu: call %08x lost", (unsigned long long)op, m->live[i].id);
		waiting += !m->live[i].connected;
	}
	assert_int_equal(waiting, cc_acd_waiting(m->acd));
	assert_int_equal(m->entered, m->ended + m->nlive);
}

static enum cc_acd_screen screen(const struct cc_acd_call_info *ci, void *priv)
{
	(void)priv;
	if (ci->number[0] == '7')
		return CC_ACD_SCREEN_FALSE;
	if (ci->number[0] == '8')
		return CC_ACD_SCREEN_SILENT;
	return CC_ACD_SCREEN_ACCEPT;
}

static void setup(struct model *m, uint64_t seed)
{
	struct cc_acd_config cfg;

	memset(m, 0, sizeof(*m));
	m->rng = seed;
	cc_acd_config_init(&cfg);
	cfg.max_agents = NAGENTS;
	cfg.max_queues = NQUEUES + 1;
	cfg.max_calls = MAXCALLS;
	cfg.max_skills = NSKILLS;
	cfg.max_callers = 16; /* small: exercises eviction */
	cfg.start_ms = 1000000;
	cfg.seed = seed;
	cfg.prio_step_ms = 5000;
	cfg.category_priority[1] = 3;
	cfg.vip_priority = 2;
	cfg.last_agent_ttl_ms = 600000;
	cfg.nuisance_calls = 4;
	cfg.nuisance_window_ms = 60000;
	cfg.nuisance_lock_ms = 120000;
	cfg.nuisance_queue = 8;
	cfg.silent_queue = 7;
	cfg.screen = screen;
	cfg.nsurge = 2;
	cfg.surge[0] = (struct cc_acd_surge_level){ .waiting = 6,
						    .raise_after_ms = 3000,
						    .clear_after_ms = 9000 };
	cfg.surge[1] = (struct cc_acd_surge_level){ .longest_wait_ms = 40000,
						    .raise_after_ms = 1000,
						    .clear_after_ms = 1000 };
	cfg.interval_ms = 60000;
	assert_int_equal(cc_acd_new(&cfg, &m->acd), 0);
	m->now = cfg.start_ms;
	for (uint32_t q = 0; q < NQUEUES; q++) {
		struct cc_acd_queue_params p;
		uint32_t id;

		cc_acd_queue_params_init(&p);
		p.strategy = (enum cc_acd_strategy)(q % CC_ACD_STRAT__COUNT);
		p.nreq = (uint8_t)(1 + (q % 3 == 2));
		p.req[0] =
			(struct cc_acd_skill_req){ (uint16_t)(q % NSKILLS), (uint8_t)(1 + q % 5) };
		p.req[1] = (struct cc_acd_skill_req){ (uint16_t)((q + 1) % NSKILLS), 2 };
		p.priority = (int32_t)(q % 3);
		p.ringall_limit = q == 0 ? 0 : 2;
		p.wrapup_ms = (q % 2) ? 2000 : 0;
		p.ring_timeout_ms = (q % 4 == 3) ? 0 : 4000 + q * 500;
		p.noanswer_pause = q % 2;
		p.max_wait_ms = (q % 3 == 1) ? 30000 : 0;
		p.overflow_queue = (q % 3 == 1) ? (q + 1) % NQUEUES : CC_ACD_NONE;
		p.overflow_dest = (q == 4) ? 99 : CC_ACD_NONE;
		p.max_len = q == 5 ? 4 : 0;
		if (q == 6) {
			p.nhours = 1;
			p.hours[0] = (struct cc_acd_hours){ 0x7f, 600, 1380 };
			p.overflow_queue = 0;
		}
		p.nsteps = 2;
		p.steps[0] = (struct cc_acd_step){ 5000, 2 };
		p.steps[1] = (struct cc_acd_step){ 15000, 8 };
		p.sticky_timeout_ms = 3000;
		assert_int_equal(cc_acd_queue_add(m->acd, &p, &id), 0);
		assert_int_equal(id, q);
	}
	for (unsigned i = 0; i < NAGENTS; i++) {
		struct cc_acd_agent_params p;

		cc_acd_agent_params_init(&p);
		p.capacity = (uint8_t)(1 + (i % 5 == 0));
		p.position = rn(m, 100);
		assert_int_equal(cc_acd_agent_add(m->acd, &p, &m->agents[i]), 0);
		for (uint16_t s = 0; s < NSKILLS; s++)
			if (rn(m, 2))
				assert_int_equal(cc_acd_agent_skill_set(m->acd, m->agents[i], s,
									(uint8_t)(1 + rn(m, 16)),
									m->now),
						 0);
	}
	drain(m);
}

static void one_op(struct model *m)
{
	uint32_t r = rn(m, 100), a = m->agents[rn(m, NAGENTS)];
	int ret;

	if (rn(m, 4) == 0)
		m->now += rn(m, 3) == 0 ? rn(m, 20000) : rn(m, 1000);
	if (r < 22) {
		struct cc_acd_call_params p;
		enum cc_acd_disp d;
		uint32_t id;

		cc_acd_call_params_init(&p);
		snprintf(p.number, sizeof(p.number), "%u", rn(m, 40));
		p.priority = (int32_t)rn(m, 3) - 1;
		p.category = (uint8_t)rn(m, 3);
		p.vip = rn(m, 8) == 0;
		if (rn(m, 10) == 0)
			p.preferred_agent = m->agents[rn(m, NAGENTS)];
		ret = cc_acd_call_enqueue(m->acd, rn(m, NQUEUES), &p, m->now, &id, &d);
		assert_true(ret == 0 || ret == -ENOSPC);
		if (ret == 0 && (d == CC_ACD_DISP_SCREENED || d == CC_ACD_DISP_REJECTED))
			assert_int_equal(id, CC_ACD_NONE);
	} else if (r < 45) {
		if (m->noff) {
			struct offer o = m->off[rn(m, m->noff)];

			ret = cc_acd_call_answer(m->acd, o.call, o.agent, m->now);
			/* the offer may have timed out at this very time: then -EPROTO */
			assert_true(ret == 0 || ret == -EPROTO);
		}
	} else if (r < 49) {
		if (m->noff) {
			struct offer o = m->off[rn(m, m->noff)];

			ret = cc_acd_call_decline(m->acd, o.call, o.agent, m->now);
			assert_true(ret == 0 || ret == -EPROTO);
		}
	} else if (r < 66) {
		if (m->nlive) {
			struct live *l = &m->live[rn(m, m->nlive)];

			if (l->connected) {
				ret = cc_acd_call_end(m->acd, l->id, m->now);
				assert_int_equal(ret, 0);
			} else {
				ret = cc_acd_call_abandon(m->acd, l->id, m->now);
				assert_true(ret == 0 || ret == -EPROTO);
			}
		}
	} else if (r < 69) {
		if (m->nlive) {
			struct live *l = &m->live[rn(m, m->nlive)];

			ret = cc_acd_call_hold(m->acd, l->id, rn(m, 2), m->now);
			assert_true(ret == 0 || ret == -EPROTO);
		}
	} else if (r < 74) {
		ret = cc_acd_agent_login(m->acd, a, m->now);
		assert_true(ret == 0 || ret == -EPROTO);
	} else if (r < 77) {
		ret = cc_acd_agent_logout(m->acd, a, m->now);
		assert_true(ret == 0 || ret == -EPROTO);
	} else if (r < 88) {
		ret = cc_acd_agent_ready(m->acd, a, m->now);
		assert_true(ret == 0 || ret == -EPROTO);
	} else if (r < 93) {
		ret = cc_acd_agent_not_ready(m->acd, a, (uint8_t)rn(m, CC_ACD_NUM_REASONS), m->now);
		assert_true(ret == 0 || ret == -EPROTO);
	} else if (r < 96) {
		ret = cc_acd_agent_skill_set(m->acd, a, (uint16_t)rn(m, NSKILLS),
					     (uint8_t)rn(m, 17), m->now);
		assert_int_equal(ret, 0);
	} else if (r < 97) {
		if (rn(m, 2))
			ret = cc_acd_caller_lock(m->acd, "5", m->now + rn(m, 60000), m->now);
		else
			ret = cc_acd_caller_unlock(m->acd, "5");
		assert_true(ret == 0 || ret == -ENOENT);
	} else {
		cc_acd_tick(m->acd, m->now);
	}
	drain(m);
}

static uint64_t stress_ops(void)
{
	const char *s = getenv("CC_ACD_STRESS_OPS");

	return s ? strtoull(s, NULL, 10) : 2000000ull;
}

static void stress_random_events_keep_invariants(void **state)
{
	uint64_t total = stress_ops(), done = 0;

	(void)state;
	/* several seeds, so that a bad path does not hide behind one random stream */
	for (uint64_t seed = 1; done < total; seed++) {
		struct model *m = test_malloc(sizeof(*m));
		uint64_t n = total - done < 250000 ? total - done : 250000;

		setup(m, seed * 7919);
		for (uint64_t op = 0; op < n; op++) {
			one_op(m);
			verify(m, op);
		}
		print_message("seed %llu: %llu ops, %llu calls, %llu events, %u live\n",
			      (unsigned long long)seed, (unsigned long long)n,
			      (unsigned long long)m->entered, (unsigned long long)m->events,
			      m->nlive);
		/* the run must have exercised everything it claims to */
		assert_true(m->entered > n / 20);
		done += n;
		cc_acd_free(m->acd);
		test_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stress_random_events_keep_invariants),
	};

	return cmocka_run_group_tests_name("acd_stress", tests, NULL, NULL);
}
