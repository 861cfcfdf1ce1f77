// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Discrete-event simulator driving the real ACD engine (cc-acd-sim(8), doc/acd.md).
 *
 * One queue, identical agents with one skill.  Arrivals are Poisson; handle times are
 * exponential or lognormal; callers have exponential patience (abandon if not answered
 * by then); agents answer an offer after a fixed delay, may take not-ready breaks
 * (exponential spacing, fixed length) and may work shifts.  The simulator owns the
 * clock: it pops its own events in time order, tells the engine, drains the engine's
 * events (offers -> scheduled answers, connections -> scheduled hang-ups) and also
 * runs the engine's own timers at their deadlines.  Statistics come from the engine's
 * counters, so a run checks the engine and its KPI code against the Erlang formulas.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_acd_int.h"

enum sim_ev {
	SE_ARRIVAL,
	SE_ANSWER,  /* a: call id, b: agent */
	SE_END,	    /* a: call id */
	SE_ABANDON, /* a: call id */
	SE_BREAK,   /* a: agent */
	SE_BREAK_END,
	SE_SHIFT_END,
	SE_SHIFT_START,
	SE_ENGINE,
};

struct sev {
	uint64_t t;
	uint64_t seq;
	uint32_t a, b;
	uint8_t type;
};

struct scall {
	uint32_t id; /* engine call id, NONE if the slot is unused */
	uint64_t handle_ms;
	bool connected;
};

struct sagent {
	bool on_shift;
	bool want_logout;
};

struct sim {
	const struct cc_acd_sim_params *p;
	struct cc_acd *acd;
	struct sev *h;
	uint32_t n, cap;
	uint64_t seq;
	uint64_t rng;
	uint64_t now;
	uint64_t engine_due;
	struct scall *calls; /* by engine call slot */
	struct sagent *agents;
	uint32_t active; /* calls waiting or connected */
	uint32_t arrived;
	uint32_t waited;
	uint32_t last_enqueued;
	bool offered_now;
	uint64_t events;
	int err;
};

static uint64_t sim_rand(struct sim *s)
{
	uint64_t x = s->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	s->rng = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static double sim_unif(struct sim *s)
{
	/* (0, 1]: 53 random bits */
	return ((double)(sim_rand(s) >> 11) + 1.0) / 9007199254740992.0;
}

static double sim_exp(struct sim *s, double mean)
{
	return -mean * log(sim_unif(s));
}

static double sim_normal(struct sim *s)
{
	return sqrt(-2.0 * log(sim_unif(s))) * cos(2.0 * M_PI * sim_unif(s));
}

static uint64_t to_ms(double sec)
{
	double ms = sec * 1000.0;

	return ms < 0.0 ? 0 : (uint64_t)(ms + 0.5);
}

static bool sev_lt(const struct sev *a, const struct sev *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void sim_push(struct sim *s, uint64_t t, uint8_t type, uint32_t a, uint32_t b)
{
	uint32_t i;

	if (s->n == s->cap) {
		uint32_t ncap = s->cap ? s->cap * 2 : 1024;
		struct sev *nh = realloc(s->h, sizeof(*nh) * ncap);

		if (!nh) {
			s->err = -ENOMEM;
			return;
		}
		s->h = nh;
		s->cap = ncap;
	}
	i = s->n++;
	s->h[i] = (struct sev){ .t = t, .seq = ++s->seq, .a = a, .b = b, .type = type };
	while (i > 0 && sev_lt(&s->h[i], &s->h[(i - 1) / 2])) {
		struct sev tmp = s->h[i];

		s->h[i] = s->h[(i - 1) / 2];
		s->h[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

static struct sev sim_pop(struct sim *s)
{
	struct sev top = s->h[0];
	uint32_t i = 0;

	s->h[0] = s->h[--s->n];
	for (;;) {
		uint32_t l = 2 * i + 1, c = i;
		struct sev tmp;

		if (l < s->n && sev_lt(&s->h[l], &s->h[c]))
			c = l;
		if (l + 1 < s->n && sev_lt(&s->h[l + 1], &s->h[c]))
			c = l + 1;
		if (c == i)
			break;
		tmp = s->h[i];
		s->h[i] = s->h[c];
		s->h[c] = tmp;
		i = c;
	}
	return top;
}

static struct scall *sim_call(struct sim *s, uint32_t id)
{
	struct scall *c = &s->calls[id & ((1u << 22) - 1)];

	return c->id == id ? c : NULL;
}

static uint64_t sim_handle(struct sim *s)
{
	const struct cc_acd_sim_params *p = s->p;

	if (p->handle_dist == CC_ACD_SIM_LOGNORMAL) {
		double s2 = log(1.0 + p->handle_cv * p->handle_cv);
		double mu = log(p->aht_s) - s2 / 2.0;

		return to_ms(exp(mu + sqrt(s2) * sim_normal(s)));
	}
	return to_ms(sim_exp(s, p->aht_s));
}

/* Drain the engine's decisions into simulator events. */
static void sim_engine_events(struct sim *s)
{
	struct cc_acd_event e;
	uint64_t due;

	while (cc_acd_event_get(s->acd, &e)) {
		struct scall *c;

		switch (e.type) {
		case CC_ACD_EV_OFFER:
			if (e.call == s->last_enqueued)
				s->offered_now = true;
			sim_push(s, s->now + s->p->answer_delay_ms, SE_ANSWER, e.call, e.agent);
			break;
		case CC_ACD_EV_CONNECTED:
			c = sim_call(s, e.call);
			if (c) {
				c->connected = true;
				sim_push(s, s->now + c->handle_ms, SE_END, e.call, 0);
			}
			break;
		case CC_ACD_EV_ENDED:
		case CC_ACD_EV_ABANDONED:
		case CC_ACD_EV_REJECTED:
			c = sim_call(s, e.call);
			if (c) {
				c->id = NONE;
				s->active--;
			}
			break;
		case CC_ACD_EV_OVERFLOW:
			c = sim_call(s, e.call);
			if (c && e.dest != NONE) {
				c->id = NONE;
				s->active--;
			}
			break;
		default:
			break;
		}
	}
	due = cc_acd_next_deadline_ms(s->acd);
	if (due != UINT64_MAX && due != s->engine_due) {
		s->engine_due = due;
		sim_push(s, due, SE_ENGINE, 0, 0);
	}
}

static void sim_arrival(struct sim *s)
{
	struct cc_acd_call_params cp;
	enum cc_acd_disp d;
	uint32_t id;
	int ret;

	cc_acd_call_params_init(&cp);
	s->offered_now = false;
	s->last_enqueued = NONE;
	ret = cc_acd_call_enqueue(s->acd, 0, &cp, s->now, &id, &d);
	if (ret < 0) {
		s->err = ret;
		return;
	}
	s->arrived++;
	if (id != NONE) {
		struct scall *c = &s->calls[id & ((1u << 22) - 1)];

		c->id = id;
		c->connected = false;
		c->handle_ms = sim_handle(s);
		s->active++;
		s->last_enqueued = id;
		if (s->p->patience_s > 0.0)
			sim_push(s, s->now + to_ms(sim_exp(s, s->p->patience_s)), SE_ABANDON, id,
				 0);
	}
	sim_engine_events(s);
	if (id != NONE && !s->offered_now)
		s->waited++;
	if (s->arrived < s->p->calls)
		sim_push(s, s->now + to_ms(sim_exp(s, 1.0 / s->p->arrivals_per_s)), SE_ARRIVAL, 0,
			 0);
}

static void sim_step(struct sim *s, const struct sev *e)
{
	const struct cc_acd_sim_params *p = s->p;
	struct scall *c;
	int ret = 0;

	switch (e->type) {
	case SE_ARRIVAL:
		sim_arrival(s);
		return;
	case SE_ANSWER:
		ret = cc_acd_call_answer(s->acd, e->a, e->b, s->now);
		/* lost ring-all race, cancelled offer, or the caller left: all normal */
		if (ret == -EALREADY || ret == -EPROTO || ret == -ENOENT)
			ret = 0;
		break;
	case SE_END:
		ret = cc_acd_call_end(s->acd, e->a, s->now);
		break;
	case SE_ABANDON:
		c = sim_call(s, e->a);
		if (c && !c->connected)
			ret = cc_acd_call_abandon(s->acd, e->a, s->now);
		break;
	case SE_BREAK:
		if (s->agents[e->a].on_shift &&
		    cc_acd_agent_state(s->acd, e->a) != CC_ACD_AGENT_ST_NOT_READY) {
			ret = cc_acd_agent_not_ready(s->acd, e->a, 3, s->now);
			sim_push(s, s->now + to_ms(p->break_len_s), SE_BREAK_END, e->a, 0);
		}
		if (s->arrived < p->calls)
			sim_push(s, s->now + to_ms(sim_exp(s, p->break_every_s)), SE_BREAK, e->a,
				 0);
		break;
	case SE_BREAK_END:
		if (s->agents[e->a].on_shift && !s->agents[e->a].want_logout &&
		    cc_acd_agent_state(s->acd, e->a) != CC_ACD_AGENT_ST_WRAP_UP)
			ret = cc_acd_agent_ready(s->acd, e->a, s->now);
		break;
	case SE_SHIFT_END:
		s->agents[e->a].on_shift = false;
		ret = cc_acd_agent_logout(s->acd, e->a, s->now);
		if (ret == -EPROTO) {
			/* on a call: not ready now, log out when the call ends */
			s->agents[e->a].want_logout = true;
			ret = cc_acd_agent_not_ready(s->acd, e->a, 4, s->now);
		}
		sim_push(s, s->now + 60000, SE_SHIFT_START, e->a, 0);
		break;
	case SE_SHIFT_START:
		if (s->agents[e->a].want_logout) {
			ret = cc_acd_agent_logout(s->acd, e->a, s->now);
			if (ret == -EPROTO) { /* still on the call: try again shortly */
				sim_push(s, s->now + 1000, SE_SHIFT_START, e->a, 0);
				ret = 0;
				break;
			}
			s->agents[e->a].want_logout = false;
		}
		s->agents[e->a].on_shift = true;
		if (cc_acd_agent_state(s->acd, e->a) == CC_ACD_AGENT_ST_LOGGED_OUT)
			ret = cc_acd_agent_login(s->acd, e->a, s->now);
		if (ret == 0)
			ret = cc_acd_agent_ready(s->acd, e->a, s->now);
		if (s->arrived < p->calls)
			sim_push(s, s->now + to_ms(p->shift_s), SE_SHIFT_END, e->a, 0);
		break;
	case SE_ENGINE:
		s->engine_due = 0;
		cc_acd_tick(s->acd, s->now);
		break;
	default:
		break;
	}
	if (ret < 0 && !s->err)
		s->err = -EPROTO;
	sim_engine_events(s);
}

void cc_acd_sim_params_init(struct cc_acd_sim_params *p)
{
	memset(p, 0, sizeof(*p));
	p->seed = 1;
	p->calls = 100000;
	p->arrivals_per_s = 100.0 / 1800.0;
	p->handle_dist = CC_ACD_SIM_EXP;
	p->aht_s = 180.0;
	p->handle_cv = 1.0;
	p->agents = 13;
	p->capacity = 1;
	p->strategy = CC_ACD_STRAT_LONGEST_IDLE;
	p->sl_threshold_ms = 20000;
	p->short_abandon_ms = 5000;
	p->break_len_s = 300.0;
}

int cc_acd_sim_run(const struct cc_acd_sim_params *p, struct cc_acd_sim_result *out)
{
	struct cc_acd_config cfg;
	struct cc_acd_queue_params qp;
	struct cc_acd_agent_stats tot = { 0 };
	struct sim s;
	uint32_t q;
	int ret;

	if (!p || !out || p->calls == 0 || !(p->arrivals_per_s > 0.0) || !(p->aht_s > 0.0) ||
	    p->agents == 0 || p->agents > 100000 || p->capacity > CC_ACD_MAX_CAPACITY ||
	    (unsigned)p->strategy >= CC_ACD_STRAT__COUNT || p->patience_s < 0.0 ||
	    p->break_every_s < 0.0 || p->shift_s < 0.0 ||
	    (p->handle_dist == CC_ACD_SIM_LOGNORMAL && !(p->handle_cv > 0.0)))
		return -EINVAL;
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.rng = p->seed ? p->seed : 1;
	cc_acd_config_init(&cfg);
	cfg.max_agents = p->agents;
	cfg.max_queues = 1;
	cfg.max_skills = 1;
	cfg.max_calls = p->calls < 1000000 ? p->calls + 16 : 1000000;
	cfg.max_callers = 0;
	cfg.seed = p->seed;
	cfg.start_ms = 0;
	ret = cc_acd_new(&cfg, &s.acd);
	if (ret < 0)
		return ret;
	s.calls = calloc(cfg.max_calls, sizeof(*s.calls));
	s.agents = calloc(p->agents, sizeof(*s.agents));
	if (!s.calls || !s.agents) {
		ret = -ENOMEM;
		goto out;
	}
	for (uint32_t i = 0; i < cfg.max_calls; i++)
		s.calls[i].id = NONE;
	cc_acd_queue_params_init(&qp);
	snprintf(qp.name, sizeof(qp.name), "sim");
	qp.strategy = p->strategy;
	qp.wrapup_ms = p->wrapup_ms;
	qp.ring_timeout_ms = 0;
	qp.sl_threshold_ms = p->sl_threshold_ms;
	qp.short_abandon_ms = p->short_abandon_ms;
	ret = cc_acd_queue_add(s.acd, &qp, &q);
	for (uint32_t i = 0; ret == 0 && i < p->agents; i++) {
		struct cc_acd_agent_params ap;
		uint32_t a;

		cc_acd_agent_params_init(&ap);
		ap.capacity = (uint8_t)(p->capacity ? p->capacity : 1);
		ap.position = i;
		ret = cc_acd_agent_add(s.acd, &ap, &a);
		if (ret == 0)
			ret = cc_acd_agent_skill_set(s.acd, a, 0, 1, 0);
		if (ret)
			break;
		if (p->shift_s > 0.0 && (i & 1)) {
			/* second group starts half a shift later */
			sim_push(&s, to_ms(p->shift_s / 2.0), SE_SHIFT_START, a, 0);
		} else {
			ret = cc_acd_agent_login(s.acd, a, 0);
			if (ret == 0)
				ret = cc_acd_agent_ready(s.acd, a, 0);
			s.agents[a].on_shift = true;
			if (p->shift_s > 0.0)
				sim_push(&s, to_ms(p->shift_s), SE_SHIFT_END, a, 0);
		}
		if (p->break_every_s > 0.0)
			sim_push(&s, to_ms(sim_exp(&s, p->break_every_s)), SE_BREAK, a, 0);
	}
	if (ret < 0)
		goto out;
	sim_engine_events(&s);
	sim_push(&s, to_ms(sim_exp(&s, 1.0 / p->arrivals_per_s)), SE_ARRIVAL, 0, 0);
	while (s.n && !s.err && (s.arrived < p->calls || s.active > 0)) {
		struct sev e = sim_pop(&s);

		s.now = e.t;
		s.events++;
		sim_step(&s, &e);
	}
	if (s.err) {
		ret = s.err;
		goto out;
	}
	/* let the last after-call work finish so every handled call is counted */
	cc_acd_tick(s.acd, s.now + p->wrapup_ms);
	memset(out, 0, sizeof(*out));
	ret = cc_acd_queue_stats_get(s.acd, q, CC_ACD_PERIOD_CUMULATIVE, &out->q);
	if (ret < 0)
		goto out;
	for (uint32_t i = 0; i < p->agents; i++) {
		struct cc_acd_agent_stats as;

		if (cc_acd_agent_stats_get(s.acd, i, CC_ACD_PERIOD_CUMULATIVE, &as) == 0)
			cc_acd_agent_stats_add(&tot, &as);
	}
	out->waited = s.waited;
	out->sl = cc_acd_kpi_sl(&out->q, CC_ACD_SL_OFFERED);
	out->asa_s = cc_acd_kpi_asa_ms(&out->q) / 1000.0;
	out->p_wait = out->q.offered ? (double)s.waited / out->q.offered : NAN;
	out->p_abandon = out->q.offered ? (double)out->q.abandoned / out->q.offered : NAN;
	out->occupancy = cc_acd_kpi_occupancy(&tot);
	out->sim_time_s = (double)s.now / 1000.0;
	out->events = s.events;
	{
		char why[128];

		if (cc_acd_check(s.acd, why, sizeof(why)) != 0)
			ret = -EPROTO;
	}
out:
	free(s.h);
	free(s.calls);
	free(s.agents);
	cc_acd_free(s.acd);
	return ret;
}
