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
 *  arrival:    half of the agents are busy; a call arrives at a random queue and is
 *              offered to an agent (enqueue + offer + answer, events drained); then a
 *              random busy agent hangs up (its agent-free matching finds no waiting
 *              call).  "decision" = the arrival.  Baseline: member scan.
 *  agent-free: every agent is busy and calls wait in many queues; a random call ends,
 *              its agent takes the oldest eligible waiting call over all its indexes
 *              (fairness rule), answers it, and a new call arrives and waits.
 *              "decision" = the hang-up with its matching.  (app_queue has no
 *              equivalent: an agent going free wakes nobody; callers poll each second.)
 *
 * Usage: acd_bench [ITERATIONS]   (default 200000 per size)
 *        ACD_BENCH_ONE_STRATEGY=1 acd_bench ...   every queue longest-idle
 * Prints one line per size and figures; the ratios are what doc/PERFORMANCE.md quotes.
 */
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

struct lat {
	uint32_t *ns;
	uint32_t n;
	uint64_t total;
};

static void lat_add(struct lat *l, uint64_t ns)
{
	l->ns[l->n++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
	l->total += ns;
}

static void lat_report(struct lat *l, double *out_per_s, uint32_t *out_p50, uint32_t *out_p99)
{
	qsort(l->ns, l->n, sizeof(*l->ns), cmp_u32);
	*out_per_s = l->n / (l->total / 1e9);
	*out_p50 = l->ns[l->n / 2];
	*out_p99 = l->ns[(uint64_t)l->n * 99 / 100];
}

/* ---------------------------------------------------------------- world */

struct world {
	uint32_t nagents;
	uint8_t (*lv)[NSKILLS]; /* skill levels */
	uint16_t qskill[NQUEUES];
	uint8_t qmin[NQUEUES];
	/* baseline: member lists per queue */
	uint32_t *members[NQUEUES];
	uint32_t nmembers[NQUEUES];
};

static void world_build(struct world *w, uint32_t n)
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
	for (uint32_t q = 0; q < NQUEUES; q++) {
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

struct eng {
	struct cc_acd *acd;
	uint32_t *conn_call; /* per agent: connected call or NONE */
	uint32_t *busy;	     /* list of busy agents */
	uint32_t nbusy;
	uint32_t *busy_pos;
	uint64_t t;
};

static void eng_busy_add(struct eng *e, uint32_t a, uint32_t call)
{
	e->conn_call[a] = call;
	e->busy_pos[a] = e->nbusy;
	e->busy[e->nbusy++] = a;
}

static void eng_busy_del(struct eng *e, uint32_t a)
{
	uint32_t i = e->busy_pos[a], last = e->busy[--e->nbusy];

	e->busy[i] = last;
	e->busy_pos[last] = i;
	e->conn_call[a] = CC_ACD_NONE;
}

/* Drain events; answer every offer at once. */
static void eng_drain(struct eng *e)
{
	struct cc_acd_event ev;

	while (cc_acd_event_get(e->acd, &ev)) {
		if (ev.type == CC_ACD_EV_OFFER) {
			int ret = cc_acd_call_answer(e->acd, ev.call, ev.agent, e->t);

			if (ret != 0) {
				fprintf(stderr, "answer %x/%u: %d\n", ev.call, ev.agent, ret);
				abort();
			}
		} else if (ev.type == CC_ACD_EV_CONNECTED) {
			eng_busy_add(e, ev.agent, ev.call);
		}
	}
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
	e->t = 1000;
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
		e->t += 1;
	}
	e->conn_call = malloc(sizeof(uint32_t) * w->nagents);
	e->busy = malloc(sizeof(uint32_t) * w->nagents);
	e->busy_pos = malloc(sizeof(uint32_t) * w->nagents);
	for (uint32_t a = 0; a < w->nagents; a++)
		e->conn_call[a] = CC_ACD_NONE;
	eng_drain(e);
	return 0;
}

static void eng_free(struct eng *e)
{
	cc_acd_free(e->acd);
	free(e->conn_call);
	free(e->busy);
	free(e->busy_pos);
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

static void eng_hangup_random(struct eng *e)
{
	uint32_t a = e->busy[rnd() % e->nbusy], c = e->conn_call[a];

	eng_busy_del(e, a);
	if (cc_acd_call_end(e->acd, c, e->t) != 0)
		abort();
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

/* ---------------------------------------------------------------- scenarios */

/*
 * Throughput is measured apart from latency, in batches of BATCH complete cycles with one
 * clock read per batch (no per-operation clock overhead), and reported as the median
 * batch rate: on a shared machine a batch hit by preemption is an outlier the median
 * ignores (the mean of all batches is printed too).
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

static double rate_median(struct rate *r, double *out_mean)
{
	double sum = 0;

	for (uint32_t i = 0; i < r->n; i++)
		sum += r->v[i];
	*out_mean = r->n ? sum / r->n : 0;
	qsort(r->v, r->n, sizeof(*r->v), cmp_dbl);
	return r->n ? r->v[r->n / 2] : 0;
}

/* Calls arriving while every agent of the queue is busy are dropped (abandoned). */
static void eng_drop_waiting(struct eng *e, uint32_t c)
{
	if (cc_acd_waiting(e->acd)) {
		int ret = cc_acd_call_abandon(e->acd, c, e->t);

		if (ret) {
			fprintf(stderr, "abandon %d c %x w %u busy %u\n", ret, c,
				cc_acd_waiting(e->acd), e->nbusy);
			abort();
		}
	}
}

/* Agent-free scenario: keep between lo and hi calls waiting and every agent busy. */
static void eng_refill(struct eng *e, uint32_t n, uint32_t lo, uint32_t hi, uint32_t max_tries)
{
	for (uint32_t tries = 0; (cc_acd_waiting(e->acd) < lo || e->nbusy < n) &&
				 cc_acd_waiting(e->acd) < hi && tries < max_tries;
	     tries++) {
		eng_enqueue(e, (uint32_t)(rnd() % NQUEUES));
		eng_drain(e);
	}
}

/*
 * One batch of complete cycles of each scenario.  Not inlined, so that
 *   valgrind --tool=callgrind --collect-atstart=no --toggle-collect=arrival_batch ...
 * counts the instructions (and, with --cache-sim=yes, the simulated cache misses) of
 * exactly these cycles, independent of the load of the machine.
 */
static __attribute__((noinline)) void arrival_batch(struct eng *e, const uint32_t *qseq,
						    uint32_t iters, uint32_t first)
{
	for (uint32_t i = first; i < first + BATCH; i++) {
		uint32_t c;

		e->t += 10;
		c = eng_enqueue(e, qseq[i % iters]);
		eng_drain(e);
		eng_drop_waiting(e, c);
		if (e->nbusy)
			eng_hangup_random(e);
		eng_drain(e);
	}
}

static __attribute__((noinline)) void agent_free_batch(struct eng *e, uint32_t n, uint32_t wlo,
						       uint32_t whi)
{
	for (uint32_t i = 0; i < BATCH; i++) {
		e->t += 10;
		if (e->nbusy) {
			eng_hangup_random(e);
			eng_drain(e);
		}
		eng_refill(e, n, wlo, whi, 200);
	}
}

struct result {
	uint32_t e50, e99, b50, b99, f50, f99;
	double erate, emean, brate, bmean, frate, fmean;
	size_t mem, max_calls;
};

static void run_size(uint32_t n, uint32_t iters, struct result *res)
{
	struct world w;
	struct eng e;
	struct base b;
	struct lat le = { 0 }, lb = { 0 }, lf = { 0 };
	struct rate re = { 0 }, rb = { 0 }, rf = { 0 };
	double dummy;
	uint32_t *qseq, nbatch = iters / BATCH;
	/* call table: every agent on a call plus 10 % of them waiting (the agent-free
	 * scenario keeps n/20 .. n/10 calls waiting) */
	uint32_t max_calls = n + n / 10 + 64, wlo = n / 20 + 8, whi = n / 10 + 16;

	if (nbatch == 0)
		nbatch = 1;
	world_build(&w, n);
	qseq = malloc(sizeof(uint32_t) * iters);
	le.ns = malloc(sizeof(uint32_t) * iters);
	lb.ns = malloc(sizeof(uint32_t) * iters);
	lf.ns = malloc(sizeof(uint32_t) * iters);
	re.v = malloc(sizeof(double) * nbatch);
	rb.v = malloc(sizeof(double) * nbatch);
	rf.v = malloc(sizeof(double) * nbatch);

	/* ---- arrival scenario, engine */
	if (eng_build(&e, &w, max_calls) != 0) {
		fprintf(stderr, "engine setup failed\n");
		exit(1);
	}
	res->mem = cc_acd_memory_bytes(e.acd);
	res->max_calls = max_calls;
	for (uint32_t tries = 0; e.nbusy < n / 2 && tries < 100 * n; tries++) {
		uint32_t c = eng_enqueue(&e, (uint32_t)(rnd() % NQUEUES));

		eng_drain(&e);
		eng_drop_waiting(&e, c);
	}
	for (uint32_t i = 0; i < iters; i++)
		qseq[i] = (uint32_t)(rnd() % NQUEUES);
	/* latency: the decision = enqueue + offer + answer, events drained */
	for (uint32_t i = 0; i < iters; i++) {
		uint64_t t0, t1;
		uint32_t c;

		e.t += 10;
		t0 = now_ns();
		c = eng_enqueue(&e, qseq[i]);
		eng_drain(&e);
		t1 = now_ns();
		lat_add(&le, t1 - t0);
		eng_drop_waiting(&e, c);
		if (e.nbusy)
			eng_hangup_random(&e);
		eng_drain(&e);
	}
	lat_report(&le, &dummy, &res->e50, &res->e99);
	/* throughput: complete cycles (arrival + offer + answer + one hang-up) */
	for (uint32_t bt = 0; bt < nbatch; bt++) {
		uint64_t t0 = now_ns();

		arrival_batch(&e, qseq, iters, bt * BATCH);
		rate_add(&re, now_ns() - t0);
	}
	res->erate = rate_median(&re, &res->emean);

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
	for (uint32_t i = 0; i < iters; i++) {
		uint64_t t0, t1;
		uint32_t a;

		b.t += 10;
		t0 = now_ns();
		a = base_route(&b, &w, qseq[i]);
		if (a != CC_ACD_NONE)
			base_take(&b, a);
		t1 = now_ns();
		lat_add(&lb, t1 - t0);
		if (b.nbusy)
			base_hangup_random(&b);
	}
	lat_report(&lb, &dummy, &res->b50, &res->b99);
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
		rate_add(&rb, now_ns() - t0);
	}
	res->brate = rate_median(&rb, &res->bmean);
	free(b.ag);
	free(b.busy);
	free(b.busy_pos);

	/* ---- agent-free scenario: everyone busy, calls waiting */
	eng_refill(&e, n, wlo, whi, 100 * n);
	for (uint32_t i = 0; i < iters; i++) {
		uint64_t t0, t1;

		e.t += 10;
		if (e.nbusy) {
			t0 = now_ns();
			eng_hangup_random(&e);
			eng_drain(&e);
			t1 = now_ns();
			lat_add(&lf, t1 - t0);
		}
		eng_refill(&e, n, wlo, whi, 200);
	}
	lat_report(&lf, &dummy, &res->f50, &res->f99);
	/* throughput: hang-up + matching + answer, and the arrival that refills */
	for (uint32_t bt = 0; bt < nbatch; bt++) {
		uint64_t t0 = now_ns();

		agent_free_batch(&e, n, wlo, whi);
		rate_add(&rf, now_ns() - t0);
	}
	res->frate = rate_median(&rf, &res->fmean);

	printf("agents %6u  arrival p50 %5u ns p99 %6u ns %5.2f M/s (mean %5.2f) | "
	       "app_queue-style p50 %6u ns p99 %7u ns %6.3f M/s (mean %6.3f) | x%.1f p50, x%.1f "
	       "rate | "
	       "agent-free p50 %5u ns p99 %6u ns %5.2f M/s (mean %5.2f) | %zu B/agent "
	       "(max_calls %zu)\n",
	       n, res->e50, res->e99, res->erate / 1e6, res->emean / 1e6, res->b50, res->b99,
	       res->brate / 1e6, res->bmean / 1e6, (double)res->b50 / res->e50,
	       res->erate / res->brate, res->f50, res->f99, res->frate / 1e6, res->fmean / 1e6,
	       res->mem / n, res->max_calls);
	fflush(stdout);
	eng_free(&e);
	world_free(&w);
	free(qseq);
	free(le.ns);
	free(lb.ns);
	free(lf.ns);
	free(re.v);
	free(rb.v);
	free(rf.v);
}

int main(int argc, char **argv)
{
	static const uint32_t def_sizes[] = { 100, 1000, 10000, 100000 };
	uint32_t iters = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 200000;
	uint32_t sizes[16], nsizes = 0;
	struct result res[16];
	const char *env = getenv("ACD_BENCH_SIZES");

	if (iters == 0)
		iters = 200000;
	if (getenv("ACD_BENCH_ONE_STRATEGY"))
		nstrats = 1;
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

		printf("growth %u -> %u agents: arrival p50 x%.2f, time per cycle x%.2f; "
		       "agent-free "
		       "p50 x%.2f, time per cycle x%.2f; app_queue-style p50 x%.1f\n",
		       sizes[0], sizes[nsizes - 1], (double)z->e50 / a->e50, a->erate / z->erate,
		       (double)z->f50 / a->f50, a->frate / z->frate, (double)z->b50 / a->b50);
	}
	return 0;
}
