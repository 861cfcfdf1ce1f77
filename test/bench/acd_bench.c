// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ACD routing benchmark: routing decisions per second and p50/p99 latency of the
 * engine at 100, 1,000, 10,000 and 100,000 agents (50 skills, 1,000 queues, 3 skills
 * per agent with random levels, queue strategies cycling over longest-idle, round-robin,
 * linear, fewest-calls, least-talk, best-skill and weighted-random), against a baseline
 * router run on the same request sequence in the same process that does what Asterisk
 * app_queue does per attempt: score every member of the queue (calc_metric()) and take
 * the best available one.
 *
 * What is timed (each with its own clock reads; everything else in a cycle is untimed):
 *
 *  arrival:    half of the agents are busy; a call arrives at a random queue.
 *              "decision" = cc_acd_call_enqueue() and taking its events up to the OFFER:
 *              all the engine's routing work for the arrival.  "answer" = the agent's
 *              cc_acd_call_answer() with its events, timed apart; "dec+ans" = both (the
 *              figure earlier revisions quoted as the decision).  Untimed: a random busy
 *              agent hangs up (its agent-free matching finds no waiting call).
 *              Baseline: member scan of the queue.
 *  hang-up:    every agent busy, n/20..n/10 calls waiting in many queues; a random call
 *              ends and its agent takes the oldest eligible waiting call over all its
 *              indexes (fairness rule).  "decision" = cc_acd_call_end() and its events up
 *              to the OFFER: this includes the hang-up bookkeeping of the ending call
 *              (its record, statistics, freeing), which is not routing.  "dec+ans" adds
 *              the answer (the earlier "agent-free" figure).  The benchmark's own
 *              bookkeeping (taking the agent off its busy list) is done before the clock
 *              starts (earlier revisions timed it: two random accesses to arrays of
 *              the benchmark, 0.66 cache misses per decision at 100,000 agents).
 *  ready:      as hang-up, but n/10 agents are NOT_READY (put there by a deferred
 *              not-ready and the end of their call, untimed); a random one of them
 *              becomes ready.  "decision" = cc_acd_agent_ready() and its events up to
 *              the OFFER: an agent becoming available and taking the oldest eligible
 *              waiting call, with no hang-up work in it.  (app_queue has no equivalent
 *              for either agent-side case: an agent going free wakes nobody; callers
 *              poll once a second.)
 *
 * Throughput ("cycles/s") is measured separately in batches of 1,000 complete cycles
 * (arrival: enqueue, offer, answer, one random hang-up; hang-up: hang-up, matching,
 * answer, refilling arrival) with one clock read per batch, median batch rate.
 *
 * Usage: acd_bench [ITERATIONS]   (default 200000 per size)
 *        ACD_BENCH_SIZES=1000,100000      sizes
 *        ACD_BENCH_ONE_STRATEGY=1         every queue longest-idle
 *        ACD_BENCH_WARMUP=2               untimed arrival cycles per agent before the
 *                                         timed ones (steady state of the lazy heaps)
 *        ACD_BENCH_ONLY=arrival|hangup|ready   that scenario only, no baseline: for
 *            valgrind --tool=callgrind --cache-sim=yes --collect-atstart=no
 *                     --toggle-collect=decide_arrival (or decide_hangup, decide_ready)
 *            which counts the instructions and simulated cache misses of exactly the
 *            timed decisions.
 * Prints figures per size; the ratios are what doc/PERFORMANCE.md quotes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <callcenter/acd.h>

#define NSKILLS		 50
#define NQUEUES		 1000
#define SKILLS_PER_AGENT 3

static const enum cc_acd_strategy strats[] = {
	CC_ACD_STRAT_LONGEST_IDLE,    CC_ACD_STRAT_ROUND_ROBIN, CC_ACD_STRAT_LINEAR,
	CC_ACD_STRAT_FEWEST_CALLS,    CC_ACD_STRAT_LEAST_TALK,	CC_ACD_STRAT_BEST_SKILL,
	CC_ACD_STRAT_WEIGHTED_RANDOM,
};
#define NSTRATS (sizeof(strats) / sizeof(strats[0]))

/* ACD_BENCH_ONE_STRATEGY=1: every queue longest-idle (one ordering key per index) */
static unsigned nstrats = NSTRATS;

static uint64_t rng = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* ---------------------------------------------------------------- world */

struct world {
	uint32_t nagents;
	uint8_t (*lv)[NSKILLS]; /* skill levels */
	uint16_t qskill[NQUEUES];
	uint8_t qmin[NQUEUES];
	/* baseline: member lists per queue (not built when the baseline does not run) */
	uint32_t *members[NQUEUES];
	uint32_t nmembers[NQUEUES];
};

static void world_build(struct world *w, uint32_t n, bool with_members)
{
	memset(w, 0, sizeof(*w));
	w->nagents = n;
	w->lv = calloc(n, sizeof(*w->lv));
	for (uint32_t a = 0; a < n; a++)
		for (int k = 0; k < SKILLS_PER_AGENT; k++)
			w->lv[a][rnd() % NSKILLS] = (uint8_t)(1 + rnd() % 16);
	for (uint32_t q = 0; q < NQUEUES; q++) {
		w->qskill[q] = (uint16_t)(q % NSKILLS);
		w->qmin[q] = (uint8_t)(1 + (q / NSKILLS) % 6);
	}
	for (uint32_t q = 0; q < NQUEUES && with_members; q++) {
		w->members[q] = malloc(sizeof(uint32_t) * n);
		for (uint32_t a = 0; a < n; a++)
			if (w->lv[a][w->qskill[q]] >= w->qmin[q])
				w->members[q][w->nmembers[q]++] = a;
	}
}

static void world_free(struct world *w)
{
	for (uint32_t q = 0; q < NQUEUES; q++)
		free(w->members[q]);
	free(w->lv);
}

/* ---------------------------------------------------------------- our engine */

/* a list of agents with O(1) insert / delete by agent id */
struct alist {
	uint32_t *v, *pos, n;
};

static void alist_add(struct alist *l, uint32_t a)
{
	l->pos[a] = l->n;
	l->v[l->n++] = a;
}

static void alist_del(struct alist *l, uint32_t a)
{
	uint32_t i = l->pos[a], last = l->v[--l->n];

	l->v[i] = last;
	l->pos[last] = i;
}

struct eng {
	struct cc_acd *acd;
	uint32_t n;
	uint32_t *conn_call; /* per agent: connected call or NONE */
	struct alist busy;   /* agents on a call */
	struct alist nr;     /* NOT_READY agents (ready scenario) */
	uint64_t t;
};

static void eng_busy_add(struct eng *e, uint32_t a, uint32_t call)
{
	e->conn_call[a] = call;
	alist_add(&e->busy, a);
}

static void eng_busy_del(struct eng *e, uint32_t a)
{
	alist_del(&e->busy, a);
	e->conn_call[a] = CC_ACD_NONE;
}

static void eng_answer(struct eng *e, uint32_t call, uint32_t agent)
{
	int ret = cc_acd_call_answer(e->acd, call, agent, e->t);

	if (ret != 0) {
		fprintf(stderr, "answer %x/%u: %d\n", call, agent, ret);
		abort();
	}
}

/* Drain events; answer every offer at once. */
static void eng_drain(struct eng *e)
{
	struct cc_acd_event ev;

	while (cc_acd_event_get(e->acd, &ev)) {
		if (ev.type == CC_ACD_EV_OFFER)
			eng_answer(e, ev.call, ev.agent);
		else if (ev.type == CC_ACD_EV_CONNECTED)
			eng_busy_add(e, ev.agent, ev.call);
	}
}

/* Take the events of one decision; the agent of its (single) OFFER, or NONE. */
static uint32_t eng_take_offer(struct eng *e, uint32_t *out_call)
{
	struct cc_acd_event ev;
	uint32_t who = CC_ACD_NONE;

	while (cc_acd_event_get(e->acd, &ev)) {
		if (ev.type == CC_ACD_EV_OFFER) {
			if (who != CC_ACD_NONE)
				abort(); /* no ring-all queue here: one offer per decision */
			who = ev.agent;
			*out_call = ev.call;
		}
	}
	return who;
}

static int eng_build(struct eng *e, struct world *w, uint32_t max_calls)
{
	struct cc_acd_config cfg;
	uint32_t id;

	memset(e, 0, sizeof(*e));
	cc_acd_config_init(&cfg);
	cfg.max_agents = w->nagents;
	cfg.max_queues = NQUEUES;
	cfg.max_calls = max_calls;
	cfg.max_skills = NSKILLS;
	cfg.max_callers = 0;
	cfg.start_ms = 1000;
	if (cc_acd_new(&cfg, &e->acd))
		return -1;
	e->n = w->nagents;
	e->t = 1000;
	e->conn_call = malloc(sizeof(uint32_t) * w->nagents);
	e->busy.v = malloc(sizeof(uint32_t) * w->nagents);
	e->busy.pos = malloc(sizeof(uint32_t) * w->nagents);
	e->nr.v = malloc(sizeof(uint32_t) * w->nagents);
	e->nr.pos = malloc(sizeof(uint32_t) * w->nagents);
	for (uint32_t a = 0; a < w->nagents; a++)
		e->conn_call[a] = CC_ACD_NONE;
	for (uint32_t q = 0; q < NQUEUES; q++) {
		struct cc_acd_queue_params p;

		cc_acd_queue_params_init(&p);
		p.strategy = strats[q % nstrats];
		p.req[0].skill = w->qskill[q];
		p.req[0].min_level = w->qmin[q];
		p.ring_timeout_ms = 0;
		if (cc_acd_queue_add(e->acd, &p, &id))
			return -1;
	}
	for (uint32_t a = 0; a < w->nagents; a++) {
		struct cc_acd_agent_params p;

		cc_acd_agent_params_init(&p);
		p.position = a;
		if (cc_acd_agent_add(e->acd, &p, &id))
			return -1;
		for (uint16_t s = 0; s < NSKILLS; s++)
			if (w->lv[a][s] && cc_acd_agent_skill_set(e->acd, a, s, w->lv[a][s], e->t))
				return -1;
		if (cc_acd_agent_login(e->acd, a, e->t) || cc_acd_agent_ready(e->acd, a, e->t))
			return -1;
		/* drain as an integrator does (an undrained ring grows and stays grown) */
		eng_drain(e);
		e->t += 1;
	}
	eng_drain(e);
	return 0;
}

static void eng_free(struct eng *e)
{
	cc_acd_free(e->acd);
	free(e->conn_call);
	free(e->busy.v);
	free(e->busy.pos);
	free(e->nr.v);
	free(e->nr.pos);
}

static uint32_t eng_enqueue(struct eng *e, uint32_t q)
{
	struct cc_acd_call_params p;
	enum cc_acd_disp d;
	uint32_t c;

	cc_acd_call_params_init(&p);
	int ret = cc_acd_call_enqueue(e->acd, q, &p, e->t, &c, &d);

	if (ret != 0) {
		fprintf(stderr, "enqueue: %d (waiting %u)\n", ret, cc_acd_waiting(e->acd));
		abort();
	}
	return c;
}

static uint32_t eng_random_busy(struct eng *e)
{
	return e->busy.v[rnd() % e->busy.n];
}

static void eng_hangup(struct eng *e, uint32_t a)
{
	uint32_t c = e->conn_call[a];

	eng_busy_del(e, a);
	if (cc_acd_call_end(e->acd, c, e->t) != 0)
		abort();
}

/* ---------------------------------------------------------------- timed decisions */

/*
 * Not inlined, so that callgrind's --toggle-collect=<name> counts exactly these.
 * Each returns the agent offered (CC_ACD_NONE: no offer) and its call in *out_call.
 */
static __attribute__((noinline)) uint32_t decide_arrival(struct eng *e, uint32_t q,
							 uint32_t *out_call)
{
	*out_call = eng_enqueue(e, q);
	return eng_take_offer(e, out_call);
}

/* @call: the call of a busy agent, already taken off the benchmark's own busy list (its
 * bookkeeping, two random accesses to arrays of the benchmark, is not the engine's). */
static __attribute__((noinline)) uint32_t decide_hangup(struct eng *e, uint32_t call,
							uint32_t *out_call)
{
	if (cc_acd_call_end(e->acd, call, e->t) != 0)
		abort();
	return eng_take_offer(e, out_call);
}

static __attribute__((noinline)) uint32_t decide_ready(struct eng *e, uint32_t a,
						       uint32_t *out_call)
{
	if (cc_acd_agent_ready(e->acd, a, e->t) != 0)
		abort();
	return eng_take_offer(e, out_call);
}

static __attribute__((noinline)) void answer(struct eng *e, uint32_t call, uint32_t a)
{
	eng_answer(e, call, a);
	eng_drain(e);
}

/* ---------------------------------------------------------------- baseline */

struct base_agent {
	uint8_t busy;
	uint64_t idle_since, lastoffer;
	uint32_t calls;
	uint64_t talk;
};

struct base {
	struct base_agent *ag;
	uint32_t *busy, *busy_pos, nbusy;
	uint64_t seq, t;
};

/* app_queue try_calling(): a metric for every member, lowest available wins */
static uint32_t base_route(struct base *b, const struct world *w, uint32_t q)
{
	enum cc_acd_strategy st = strats[q % nstrats];
	uint64_t best = UINT64_MAX;
	uint32_t who = CC_ACD_NONE;

	for (uint32_t i = 0; i < w->nmembers[q]; i++) {
		uint32_t a = w->members[q][i];
		const struct base_agent *m = &b->ag[a];
		uint64_t metric;

		if (m->busy)
			continue;
		switch (st) {
		case CC_ACD_STRAT_LONGEST_IDLE:
			metric = m->idle_since;
			break;
		case CC_ACD_STRAT_ROUND_ROBIN:
			metric = m->lastoffer;
			break;
		case CC_ACD_STRAT_LINEAR:
			metric = a;
			break;
		case CC_ACD_STRAT_FEWEST_CALLS:
			metric = m->calls;
			break;
		case CC_ACD_STRAT_LEAST_TALK:
			metric = m->talk;
			break;
		case CC_ACD_STRAT_BEST_SKILL:
			metric = 16 - w->lv[a][w->qskill[q]];
			break;
		default:
			metric = rnd() % 1000;
			break;
		}
		if (metric < best) {
			best = metric;
			who = a;
		}
	}
	return who;
}

static void base_take(struct base *b, uint32_t a)
{
	b->ag[a].busy = 1;
	b->ag[a].lastoffer = ++b->seq;
	b->ag[a].calls++;
	b->busy_pos[a] = b->nbusy;
	b->busy[b->nbusy++] = a;
}

static void base_hangup_random(struct base *b)
{
	uint32_t i = (uint32_t)(rnd() % b->nbusy), a = b->busy[i], last = b->busy[--b->nbusy];

	b->busy[i] = last;
	b->busy_pos[last] = i;
	b->ag[a].busy = 0;
	b->ag[a].idle_since = b->t;
	b->ag[a].talk += 60;
}

/* ---------------------------------------------------------------- measurement */

struct lat {
	uint32_t *ns;
	uint32_t n;
};

static void lat_add(struct lat *l, uint64_t ns)
{
	l->ns[l->n++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
}

struct pct {
	uint32_t p50, p99;
};

static struct pct lat_pct(struct lat *l)
{
	struct pct r = { 0, 0 };

	if (l->n) {
		qsort(l->ns, l->n, sizeof(*l->ns), cmp_u32);
		r.p50 = l->ns[l->n / 2];
		r.p99 = l->ns[(uint64_t)l->n * 99 / 100];
	}
	return r;
}

/*
 * Throughput is measured apart from latency, in batches of BATCH complete cycles with one
 * clock read per batch (no per-operation clock overhead), and reported as the median
 * batch rate: on a shared machine a batch hit by preemption is an outlier the median
 * ignores.
 */
#define BATCH 1000

struct rate {
	double *v;
	uint32_t n;
};

static void rate_add(struct rate *r, uint64_t ns)
{
	r->v[r->n++] = BATCH / (ns / 1e9);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double rate_median(struct rate *r)
{
	qsort(r->v, r->n, sizeof(*r->v), cmp_dbl);
	return r->n ? r->v[r->n / 2] : 0;
}

/* ---------------------------------------------------------------- scenarios */

/* Calls arriving while every eligible agent is busy are dropped (abandoned). */
static void eng_drop_waiting(struct eng *e, uint32_t c)
{
	if (cc_acd_waiting(e->acd)) {
		int ret = cc_acd_call_abandon(e->acd, c, e->t);

		if (ret) {
			fprintf(stderr, "abandon %d c %x w %u busy %u\n", ret, c,
				cc_acd_waiting(e->acd), e->busy.n);
			abort();
		}
	}
}

/* Keep between lo and hi calls waiting and every agent that is not NOT_READY busy. */
static void eng_refill(struct eng *e, uint32_t lo, uint32_t hi, uint32_t max_tries)
{
	for (uint32_t tries = 0; (cc_acd_waiting(e->acd) < lo || e->busy.n + e->nr.n < e->n) &&
				 cc_acd_waiting(e->acd) < hi && tries < max_tries;
	     tries++) {
		eng_enqueue(e, (uint32_t)(rnd() % NQUEUES));
		eng_drain(e);
	}
}

/* One complete arrival cycle; the timed parts go to the latency records if given. */
static void arrival_cycle(struct eng *e, uint32_t q, struct lat *ld, struct lat *la,
			  struct lat *lda)
{
	uint64_t t0 = 0, t1 = 0, t2;
	uint32_t call, a;

	e->t += 10;
	if (ld) {
		t0 = now_ns();
		a = decide_arrival(e, q, &call);
		t1 = now_ns();
	} else {
		/* untimed (warm-up, throughput batches): not counted by callgrind */
		call = eng_enqueue(e, q);
		a = eng_take_offer(e, &call);
	}
	if (a != CC_ACD_NONE) {
		answer(e, call, a);
		if (ld) {
			t2 = now_ns();
			lat_add(la, t2 - t1);
			lat_add(lda, t2 - t0);
		}
	} else {
		eng_drop_waiting(e, call);
	}
	if (ld)
		lat_add(ld, t1 - t0);
	if (e->busy.n) {
		eng_hangup(e, eng_random_busy(e));
		eng_drain(e);
	}
}

static void hangup_cycle(struct eng *e, uint32_t lo, uint32_t hi, struct lat *ld, struct lat *lda)
{
	uint64_t t0 = 0, t1 = 0;
	uint32_t call, a;

	e->t += 10;
	if (e->busy.n) {
		uint32_t b = eng_random_busy(e), ending = e->conn_call[b];

		eng_busy_del(e, b);
		if (ld)
			t0 = now_ns();
		a = decide_hangup(e, ending, &call);
		if (ld)
			t1 = now_ns();
		if (a != CC_ACD_NONE)
			answer(e, call, a);
		if (ld) {
			lat_add(ld, t1 - t0);
			lat_add(lda, now_ns() - t0);
		}
	}
	eng_refill(e, lo, hi, 200);
}

/* A random busy agent goes NOT_READY at the end of its call (untimed); a random NOT_READY
 * agent becomes ready (timed). */
static void ready_cycle(struct eng *e, uint32_t lo, uint32_t hi, struct lat *ld, uint32_t *offered)
{
	uint64_t t0 = 0, t1 = 0;
	uint32_t call, a, r;

	e->t += 10;
	if (e->nr.n) {
		r = e->nr.v[rnd() % e->nr.n];
		alist_del(&e->nr, r);
		if (ld)
			t0 = now_ns();
		a = decide_ready(e, r, &call);
		if (ld) {
			t1 = now_ns();
			lat_add(ld, t1 - t0);
		}
		if (a != CC_ACD_NONE) {
			answer(e, call, a);
			(*offered)++;
		}
	}
	if (e->busy.n) {
		uint32_t b = eng_random_busy(e);

		if (cc_acd_agent_not_ready(e->acd, b, 3, e->t) != 0)
			abort();
		eng_hangup(e, b);
		alist_add(&e->nr, b);
		eng_drain(e);
	}
	eng_refill(e, lo, hi, 200);
}

static __attribute__((noinline)) void arrival_batch(struct eng *e, const uint32_t *qseq,
						    uint32_t iters, uint32_t first)
{
	for (uint32_t i = first; i < first + BATCH; i++)
		arrival_cycle(e, qseq[i % iters], NULL, NULL, NULL);
}

static __attribute__((noinline)) void hangup_batch(struct eng *e, uint32_t lo, uint32_t hi)
{
	for (uint32_t i = 0; i < BATCH; i++)
		hangup_cycle(e, lo, hi, NULL, NULL);
}

enum only { ONLY_ALL, ONLY_ARRIVAL, ONLY_HANGUP, ONLY_READY };
static enum only only = ONLY_ALL;

struct result {
	struct pct ad, aa, ada, bl, hd, hda, rd;
	double arate, brate, hrate, roffered;
	size_t mem, max_calls;
};

/* Untimed arrival cycles before the timed ones (ACD_BENCH_WARMUP, default 2 per agent,
 * at least 20,000). */
static uint32_t warmup_per_agent = 2;

static uint32_t warmup(uint32_t n)
{
	uint64_t w = (uint64_t)warmup_per_agent * n;

	return w < 20000 ? 20000 : (uint32_t)w;
}

static void run_size(uint32_t n, uint32_t iters, struct result *res)
{
	struct world w;
	struct eng e;
	struct base b;
	struct lat ld = { 0 }, la = { 0 }, lda = { 0 };
	struct rate rt = { 0 };
	uint32_t *qseq, nbatch = iters / BATCH, offered = 0;
	/* call table: every agent on a call plus 10 % of them waiting (the agent-side
	 * scenarios keep n/20 .. n/10 calls waiting) */
	uint32_t max_calls = n + n / 10 + 64, wlo = n / 20 + 8, whi = n / 10 + 16;

	memset(res, 0, sizeof(*res));
	if (nbatch == 0)
		nbatch = 1;
	world_build(&w, n, only == ONLY_ALL);
	qseq = malloc(sizeof(uint32_t) * iters);
	ld.ns = malloc(sizeof(uint32_t) * iters);
	la.ns = malloc(sizeof(uint32_t) * iters);
	lda.ns = malloc(sizeof(uint32_t) * iters);
	rt.v = malloc(sizeof(double) * nbatch);

	if (eng_build(&e, &w, max_calls) != 0) {
		fprintf(stderr, "engine setup failed\n");
		exit(1);
	}
	res->mem = cc_acd_memory_bytes(e.acd);
	res->max_calls = max_calls;
	for (uint32_t i = 0; i < iters; i++)
		qseq[i] = (uint32_t)(rnd() % NQUEUES);

	if (only == ONLY_ALL || only == ONLY_ARRIVAL) {
		/* ---- arrival scenario: half of the agents busy */
		for (uint32_t tries = 0; e.busy.n < n / 2 && tries < 100 * n; tries++) {
			uint32_t c = eng_enqueue(&e, (uint32_t)(rnd() % NQUEUES));

			eng_drain(&e);
			eng_drop_waiting(&e, c);
		}
		/* steady state first: filling up to half busy left up to 15 stale heap entries
		 * per busy agent; timed decisions would pop that backlog */
		for (uint32_t i = 0; i < warmup(n); i++)
			arrival_cycle(&e, (uint32_t)(rnd() % NQUEUES), NULL, NULL, NULL);
		for (uint32_t i = 0; i < iters; i++)
			arrival_cycle(&e, qseq[i], &ld, &la, &lda);
		res->ad = lat_pct(&ld);
		res->aa = lat_pct(&la);
		res->ada = lat_pct(&lda);
	}
	if (only == ONLY_ALL) {
		for (uint32_t bt = 0; bt < nbatch; bt++) {
			uint64_t t0 = now_ns();

			arrival_batch(&e, qseq, iters, bt * BATCH);
			rate_add(&rt, now_ns() - t0);
		}
		res->arate = rate_median(&rt);

		/* ---- arrival scenario, baseline on the same queue sequence */
		memset(&b, 0, sizeof(b));
		b.ag = calloc(n, sizeof(*b.ag));
		b.busy = malloc(sizeof(uint32_t) * n);
		b.busy_pos = malloc(sizeof(uint32_t) * n);
		for (uint32_t tries = 0; b.nbusy < n / 2 && tries < 100 * n; tries++) {
			uint32_t a = base_route(&b, &w, (uint32_t)(rnd() % NQUEUES));

			if (a != CC_ACD_NONE)
				base_take(&b, a);
		}
		ld.n = 0;
		for (uint32_t i = 0; i < iters; i++) {
			uint64_t t0, t1;
			uint32_t a;

			b.t += 10;
			t0 = now_ns();
			a = base_route(&b, &w, qseq[i]);
			if (a != CC_ACD_NONE)
				base_take(&b, a);
			t1 = now_ns();
			lat_add(&ld, t1 - t0);
			if (b.nbusy)
				base_hangup_random(&b);
		}
		res->bl = lat_pct(&ld);
		rt.n = 0;
		for (uint32_t bt = 0; bt < nbatch; bt++) {
			uint64_t t0 = now_ns();

			for (uint32_t i = bt * BATCH; i < (bt + 1) * BATCH; i++) {
				uint32_t a;

				b.t += 10;
				a = base_route(&b, &w, qseq[i % iters]);
				if (a != CC_ACD_NONE)
					base_take(&b, a);
				if (b.nbusy)
					base_hangup_random(&b);
			}
			rate_add(&rt, now_ns() - t0);
		}
		res->brate = rate_median(&rt);
		free(b.ag);
		free(b.busy);
		free(b.busy_pos);
	}

	/* ---- agent side: everyone busy, calls waiting */
	if (only == ONLY_ALL || only == ONLY_HANGUP || only == ONLY_READY)
		eng_refill(&e, wlo, whi, 100 * n);
	if (only == ONLY_ALL || only == ONLY_HANGUP) {
		ld.n = lda.n = 0;
		for (uint32_t i = 0; i < iters; i++)
			hangup_cycle(&e, wlo, whi, &ld, &lda);
		res->hd = lat_pct(&ld);
		res->hda = lat_pct(&lda);
	}
	if (only == ONLY_ALL) {
		rt.n = 0;
		for (uint32_t bt = 0; bt < nbatch; bt++) {
			uint64_t t0 = now_ns();

			hangup_batch(&e, wlo, whi);
			rate_add(&rt, now_ns() - t0);
		}
		res->hrate = rate_median(&rt);
	}
	if (only == ONLY_ALL || only == ONLY_READY) {
		/* n/10 agents NOT_READY: each cycle one of them becomes ready */
		while (e.nr.n < n / 10 && e.busy.n) {
			uint32_t a = eng_random_busy(&e);

			if (cc_acd_agent_not_ready(e.acd, a, 3, e.t) != 0)
				abort();
			eng_hangup(&e, a);
			alist_add(&e.nr, a);
			eng_drain(&e);
		}
		eng_refill(&e, wlo, whi, 100 * n);
		ld.n = 0;
		for (uint32_t i = 0; i < iters; i++)
			ready_cycle(&e, wlo, whi, &ld, &offered);
		res->rd = lat_pct(&ld);
		res->roffered = iters ? (double)offered / iters : 0;
	}

	printf("agents %6u  %zu B/agent (max_calls %zu)\n", n, res->mem / n, res->max_calls);
	if (only == ONLY_ALL || only == ONLY_ARRIVAL)
		printf("  arrival  decision p50 %5u ns p99 %6u ns | answer p50 %5u ns | "
		       "dec+ans p50 %5u ns p99 %6u ns | cycles %5.2f M/s | app_queue-style p50 "
		       "%6u ns p99 %7u ns, cycles %6.3f M/s | x%.1f p50\n",
		       res->ad.p50, res->ad.p99, res->aa.p50, res->ada.p50, res->ada.p99,
		       res->arate / 1e6, res->bl.p50, res->bl.p99, res->brate / 1e6,
		       res->ad.p50 ? (double)res->bl.p50 / res->ad.p50 : 0);
	if (only == ONLY_ALL || only == ONLY_HANGUP)
		printf("  hang-up  decision p50 %5u ns p99 %6u ns | dec+ans p50 %5u ns p99 %6u ns "
		       "| "
		       "cycles %5.2f M/s\n",
		       res->hd.p50, res->hd.p99, res->hda.p50, res->hda.p99, res->hrate / 1e6);
	if (only == ONLY_ALL || only == ONLY_READY)
		printf("  ready    decision p50 %5u ns p99 %6u ns (%.0f %% took a call)\n",
		       res->rd.p50, res->rd.p99, 100 * res->roffered);
	fflush(stdout);
	eng_free(&e);
	world_free(&w);
	free(qseq);
	free(ld.ns);
	free(la.ns);
	free(lda.ns);
	free(rt.v);
}

static double growth(uint32_t a, uint32_t z)
{
	return a ? (double)z / a : 0;
}

int main(int argc, char **argv)
{
	static const uint32_t def_sizes[] = { 100, 1000, 10000, 100000 };
	uint32_t iters = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 200000;
	uint32_t sizes[16], nsizes = 0;
	static struct result res[16];
	const char *env = getenv("ACD_BENCH_SIZES"), *o = getenv("ACD_BENCH_ONLY");

	if (iters == 0)
		iters = 200000;
	if (getenv("ACD_BENCH_ONE_STRATEGY"))
		nstrats = 1;
	if (getenv("ACD_BENCH_WARMUP"))
		warmup_per_agent = (uint32_t)strtoul(getenv("ACD_BENCH_WARMUP"), NULL, 10);
	if (o && strcmp(o, "arrival") == 0)
		only = ONLY_ARRIVAL;
	else if (o && strcmp(o, "hangup") == 0)
		only = ONLY_HANGUP;
	else if (o && strcmp(o, "ready") == 0)
		only = ONLY_READY;
	else if (o && *o) {
		fprintf(stderr, "ACD_BENCH_ONLY: arrival, hangup or ready\n");
		return 2;
	}
	if (env) {
		/* e.g. ACD_BENCH_SIZES=1000,100000 */
		for (const char *s = env; *s && nsizes < 16;) {
			char *end;
			unsigned long v = strtoul(s, &end, 10);

			if (end == s)
				break;
			if (v)
				sizes[nsizes++] = (uint32_t)v;
			s = *end ? end + 1 : end;
		}
	} else {
		for (unsigned i = 0; i < sizeof(def_sizes) / sizeof(def_sizes[0]); i++)
			sizes[nsizes++] = def_sizes[i];
	}
	printf("acd_bench: %u skills, %u queues, %u skills/agent, %s, %u iterations per size\n",
	       NSKILLS, NQUEUES, SKILLS_PER_AGENT,
	       nstrats == 1 ? "every queue longest-idle" : "7 strategies", iters);
	for (uint32_t i = 0; i < nsizes; i++)
		run_size(sizes[i], iters, &res[i]);
	/* growth of the cost per decision from the first to the last size */
	if (nsizes > 1) {
		const struct result *a = &res[0], *z = &res[nsizes - 1];

		printf("growth %u -> %u agents (p50): arrival decision x%.2f, dec+ans x%.2f; "
		       "hang-up decision x%.2f, dec+ans x%.2f; ready decision x%.2f; "
		       "app_queue-style x%.1f\n",
		       sizes[0], sizes[nsizes - 1], growth(a->ad.p50, z->ad.p50),
		       growth(a->ada.p50, z->ada.p50), growth(a->hd.p50, z->hd.p50),
		       growth(a->hda.p50, z->hda.p50), growth(a->rd.p50, z->rd.p50),
		       growth(a->bl.p50, z->bl.p50));
	}
	return 0;
}
