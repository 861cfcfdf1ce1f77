// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ACD engine: agents, skills, queues, calls and event-driven matching.
 *
 * Every entry point (1) runs the timers due up to "now" in order, each at its own due
 * time, (2) applies the request, (3) drains the work it created: agents that became
 * available look for the best waiting call they can take, calls that became waiting
 * look for the best available agent their queue's strategy picks, and (4) re-evaluates
 * the surge level.  Agents are drained before calls (FIFO within each), which is what
 * makes the fairness rule hold (doc/acd.md, "Fairness"):
 *
 *   invariant: after every entry point, no waiting (non-sticky) call has an available
 *   agent eligible for it.
 *
 * so an agent that becomes available is the only candidate for any call it can take,
 * and it takes the one with the smallest priority-adjusted key over all of its indexes.
 *
 * Agent states (enum cc_acd_agent_st):
 *
 *   LOGGED_OUT --login--> NOT_READY --ready--> READY --offer--> RESERVED --answer--> BUSY
 *        ^                  ^  ^                 ^  <--cancel/timeout--'             |
 *        '----logout--------'  '--not_ready------'                                   | end
 *                              '------(pending not-ready)--- WRAP_UP <---------------'
 *                                                            (timer or ready) --> READY
 *
 * READY/RESERVED/BUSY are derived from the agent's offers and connected calls
 * (agent_restate()); LOGGED_OUT, NOT_READY and WRAP_UP are explicit.
 */
#include <stdlib.h>
#include <string.h>

#include <callcenter/log.h>

#include "cc_acd_int.h"

#define CALL_SLOT_BITS 22u
#define CALL_SLOT_MASK ((1u << CALL_SLOT_BITS) - 1u)
#define CALL_GEN_MASK  ((1u << (32u - CALL_SLOT_BITS)) - 1u)
#define CAP	       CC_ACD_MAX_CAPACITY
#define DAY_MS	       86400000ull

/* ---------------------------------------------------------------- names */

static const char *const agent_st_names[CC_ACD_AGENT_ST__COUNT] = {
	[CC_ACD_AGENT_ST_LOGGED_OUT] = "LOGGED_OUT",
	[CC_ACD_AGENT_ST_NOT_READY] = "NOT_READY",
	[CC_ACD_AGENT_ST_READY] = "READY",
	[CC_ACD_AGENT_ST_RESERVED] = "RESERVED",
	[CC_ACD_AGENT_ST_BUSY] = "BUSY",
	[CC_ACD_AGENT_ST_WRAP_UP] = "WRAP_UP",
};

static const char *const strategy_names[CC_ACD_STRAT__COUNT] = {
	[CC_ACD_STRAT_RING_ALL] = "ring-all",
	[CC_ACD_STRAT_LONGEST_IDLE] = "longest-idle",
	[CC_ACD_STRAT_ROUND_ROBIN] = "round-robin",
	[CC_ACD_STRAT_LINEAR] = "linear",
	[CC_ACD_STRAT_FEWEST_CALLS] = "fewest-calls",
	[CC_ACD_STRAT_LEAST_TALK] = "least-talk",
	[CC_ACD_STRAT_BEST_SKILL] = "best-skill",
	[CC_ACD_STRAT_WEIGHTED_RANDOM] = "weighted-random",
	[CC_ACD_STRAT_PREFERRED] = "preferred",
};

static const char *const disp_names[CC_ACD_DISP__COUNT] = {
	[CC_ACD_DISP_QUEUED] = "queued",     [CC_ACD_DISP_NUISANCE] = "nuisance",
	[CC_ACD_DISP_SCREENED] = "screened", [CC_ACD_DISP_OVERFLOWED] = "overflowed",
	[CC_ACD_DISP_REJECTED] = "rejected",
};

static const char *const cancel_names[CC_ACD_CANCEL__COUNT] = {
	[CC_ACD_CANCEL_ANSWERED_ELSEWHERE] = "answered-elsewhere",
	[CC_ACD_CANCEL_RING_TIMEOUT] = "ring-timeout",
	[CC_ACD_CANCEL_REJECTED] = "rejected",
	[CC_ACD_CANCEL_ABANDONED] = "abandoned",
	[CC_ACD_CANCEL_OVERFLOW] = "overflow",
	[CC_ACD_CANCEL_AGENT] = "agent",
};

static const char *const ev_names[CC_ACD_EV__COUNT] = {
	[CC_ACD_EV_QUEUED] = "QUEUED",
	[CC_ACD_EV_OFFER] = "OFFER",
	[CC_ACD_EV_OFFER_CANCEL] = "OFFER_CANCEL",
	[CC_ACD_EV_CONNECTED] = "CONNECTED",
	[CC_ACD_EV_ABANDONED] = "ABANDONED",
	[CC_ACD_EV_ENDED] = "ENDED",
	[CC_ACD_EV_OVERFLOW] = "OVERFLOW",
	[CC_ACD_EV_REJECTED] = "REJECTED",
	[CC_ACD_EV_NUISANCE] = "NUISANCE",
	[CC_ACD_EV_SCREENED] = "SCREENED",
	[CC_ACD_EV_AGENT_STATE] = "AGENT_STATE",
	[CC_ACD_EV_SURGE] = "SURGE",
	[CC_ACD_EV_INTERVAL] = "INTERVAL",
};

#define NAME_OF(tab, v) ((unsigned)(v) < CC_ARRAY_SIZE(tab) && (tab)[v] ? (tab)[v] : "?")

const char *cc_acd_agent_st_name(enum cc_acd_agent_st st)
{
	return NAME_OF(agent_st_names, st);
}

const char *cc_acd_strategy_name(enum cc_acd_strategy s)
{
	return NAME_OF(strategy_names, s);
}

const char *cc_acd_disp_name(enum cc_acd_disp d)
{
	return NAME_OF(disp_names, d);
}

const char *cc_acd_cancel_name(enum cc_acd_cancel c)
{
	return NAME_OF(cancel_names, c);
}

const char *cc_acd_ev_name(enum cc_acd_ev_type t)
{
	return NAME_OF(ev_names, t);
}

int cc_acd_strategy_parse(const char *name)
{
	if (!name)
		return -EINVAL;
	for (int i = 0; i < CC_ACD_STRAT__COUNT; i++)
		if (strcmp(name, strategy_names[i]) == 0)
			return i;
	return -EINVAL;
}

/* Strategy -> agent ordering key. */
static const uint8_t strategy_key[CC_ACD_STRAT__COUNT] = {
	[CC_ACD_STRAT_RING_ALL] = K_IDLE,      [CC_ACD_STRAT_LONGEST_IDLE] = K_IDLE,
	[CC_ACD_STRAT_ROUND_ROBIN] = K_RR,     [CC_ACD_STRAT_LINEAR] = K_LINEAR,
	[CC_ACD_STRAT_FEWEST_CALLS] = K_CALLS, [CC_ACD_STRAT_LEAST_TALK] = K_TALK,
	[CC_ACD_STRAT_BEST_SKILL] = K_IDLE,    [CC_ACD_STRAT_WEIGHTED_RANDOM] = K_RAND,
	[CC_ACD_STRAT_PREFERRED] = K_IDLE,
};

/* ---------------------------------------------------------------- defaults */

void cc_acd_config_init(struct cc_acd_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_agents = 1024;
	cfg->max_queues = 256;
	cfg->max_calls = 4096;
	cfg->max_skills = 64;
	cfg->max_callers = 65536;
	cfg->seed = 1;
	cfg->prio_step_ms = 60000;
	cfg->vip_priority = 1;
	cfg->last_agent_ttl_ms = 24u * 3600u * 1000u;
	cfg->nuisance_window_ms = 10u * 60u * 1000u;
	cfg->nuisance_lock_ms = 60u * 60u * 1000u;
	cfg->nuisance_queue = NONE;
	cfg->nuisance_priority = -100;
	cfg->silent_queue = NONE;
	cfg->interval_ms = 15u * 60u * 1000u;
}

void cc_acd_queue_params_init(struct cc_acd_queue_params *p)
{
	memset(p, 0, sizeof(*p));
	p->nreq = 1;
	p->req[0].skill = 0;
	p->req[0].min_level = 1;
	p->strategy = CC_ACD_STRAT_RING_ALL;
	p->ring_timeout_ms = 15000;
	p->noanswer_pause = true;
	p->overflow_queue = NONE;
	p->overflow_dest = NONE;
	p->sticky_timeout_ms = 10000;
	p->sl_threshold_ms = 20000;
	p->short_abandon_ms = 5000;
}

void cc_acd_agent_params_init(struct cc_acd_agent_params *p)
{
	memset(p, 0, sizeof(*p));
	p->capacity = 1;
}

void cc_acd_call_params_init(struct cc_acd_call_params *p)
{
	memset(p, 0, sizeof(*p));
	p->preferred_agent = NONE;
}

/* ---------------------------------------------------------------- small helpers */

static inline uint32_t ctz32(uint32_t x)
{
	return (uint32_t)__builtin_ctz(x);
}

static uint64_t rng_next(struct cc_acd *acd)
{
	/* xorshift64* (Marsaglia; Vigna's multiplier) */
	uint64_t x = acd->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	acd->rng = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static inline uint32_t call_id_of(const struct cc_acd *acd, uint32_t cs)
{
	return ((uint32_t)acd->calls[cs].gen << CALL_SLOT_BITS) | cs;
}

static struct call *call_lookup(const struct cc_acd *acd, uint32_t id, uint32_t *out_slot)
{
	uint32_t cs = id & CALL_SLOT_MASK;
	struct call *c;

	if (id == NONE || cs >= acd->cfg.max_calls)
		return NULL;
	c = &acd->calls[cs];
	if (c->st == CALL_FREE || c->gen != (uint16_t)(id >> CALL_SLOT_BITS))
		return NULL;
	*out_slot = cs;
	return c;
}

static inline bool agent_ok(const struct cc_acd *acd, uint32_t aid)
{
	return aid < acd->cfg.max_agents && acd->agents[aid].used;
}

static inline bool queue_ok(const struct cc_acd *acd, uint32_t q)
{
	return q < acd->cfg.max_queues && acd->queues[q].used;
}

static inline uint8_t *skill_lv(const struct cc_acd *acd, uint32_t aid)
{
	return &acd->skill_lv[(size_t)aid * acd->cfg.max_skills];
}

static struct cc_acd_event *ev_push(struct cc_acd *acd, enum cc_acd_ev_type type)
{
	static struct cc_acd_event dropped;
	struct cc_acd_event *e;

	if (acd->ev_n == acd->ev_cap) {
		uint32_t ncap = acd->ev_cap * 2;
		struct cc_acd_event *nev = malloc(sizeof(*nev) * ncap);

		if (!nev) {
			acd->ctr.events_dropped++;
			return &dropped;
		}
		for (uint32_t i = 0; i < acd->ev_n; i++)
			nev[i] = acd->ev[(acd->ev_head + i) & (acd->ev_cap - 1)];
		free(acd->ev);
		acd->ev = nev;
		acd->ev_head = 0;
		acd->ev_cap = ncap;
		acd->ctr.event_queue_grow++;
	}
	e = &acd->ev[(acd->ev_head + acd->ev_n) & (acd->ev_cap - 1)];
	acd->ev_n++;
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->time_ms = acd->now;
	e->call = e->agent = e->queue = e->target_queue = e->dest = NONE;
	return e;
}

bool cc_acd_event_get(struct cc_acd *acd, struct cc_acd_event *out_ev)
{
	if (acd->ev_n == 0)
		return false;
	*out_ev = acd->ev[acd->ev_head];
	acd->ev_head = (acd->ev_head + 1) & (acd->ev_cap - 1);
	acd->ev_n--;
	return true;
}

uint32_t cc_acd_event_pending(const struct cc_acd *acd)
{
	return acd->ev_n;
}

/*
 * Memory-latency hiding.  At 100,000 agents the records a decision touches are mostly
 * not in any cache; the addresses are known a little before they are used, so the loads
 * are started early and overlap with other work (no effect on the result).
 */
static inline void agent_prefetch(const struct cc_acd *acd, uint32_t aid)
{
	const char *p = (const char *)&acd->agents[aid];

	__builtin_prefetch(p, 1);
	__builtin_prefetch(p + 64, 1);
	__builtin_prefetch(p + 128, 1);
	__builtin_prefetch(p + 192, 1);
}

_Static_assert(sizeof(struct call) % 32 == 0 && sizeof(struct call) % 64 != 0,
	       "call records start at 0 or 32 modulo 64");
_Static_assert(sizeof(struct agent) == 448, "agent record: 7 cache lines");

/* The first 96 bytes of a call record: all a decision touches (two cache lines, as a
 * record of 160 bytes starts at 0 or 32 modulo 64 in the aligned table). */
static inline void call_prefetch(const struct cc_acd *acd, uint32_t cs)
{
	const char *p = (const char *)&acd->calls[cs];

	__builtin_prefetch(p, 1);
	__builtin_prefetch(p + 95, 1);
}

static inline void mbrs_prefetch(const struct cc_acd *acd, const struct agent *a)
{
	if (a->nmc == MC_LIST && a->mbr_head != NONE)
		__builtin_prefetch(&acd->mbrs[a->mbr_head]);
}

/*
 * An agent's memberships, from the inline copy when it has one, else from the list:
 *	for (uint32_t p = mit_first(a); mit_next(acd, a, &p, &ix, &b);)
 */
static inline uint32_t mit_first(const struct agent *a)
{
	return a->nmc != MC_LIST ? 0 : a->mbr_head;
}

static inline bool mit_next(const struct cc_acd *acd, const struct agent *a, uint32_t *pos,
			    uint32_t *out_ix, uint8_t *out_bucket)
{
	const struct mbr *mb;

	if (a->nmc != MC_LIST) {
		if (*pos >= a->nmc)
			return false;
		*out_ix = a->mc_idx[*pos];
		*out_bucket = a->mc_bucket[*pos];
		(*pos)++;
		return true;
	}
	if (*pos == NONE)
		return false;
	mb = &acd->mbrs[*pos];
	*out_ix = mb->idx;
	*out_bucket = mb->bucket;
	*pos = mb->next;
	return true;
}

static void pend_agent(struct cc_acd *acd, uint32_t aid)
{
	if (acd->agent_pending[aid])
		return;
	mbrs_prefetch(acd, &acd->agents[aid]); /* matched at the end of the request */
	acd->agent_pending[aid] = 1;
	acd->pend_agent[(acd->pend_agent_head + acd->npend_agent) % acd->cfg.max_agents] = aid;
	acd->npend_agent++;
}

/* Matched after the pending calls: an agent that just declined or let an offer time out,
 * so that the re-offered call goes to another eligible agent if there is one (and back to
 * this one otherwise, when it is matched). */
static void pend_agent_late(struct cc_acd *acd, uint32_t aid)
{
	if (acd->agent_pending[aid])
		return;
	acd->agent_pending[aid] = 2;
	acd->pend_late[(acd->pend_late_head + acd->npend_late) % acd->cfg.max_agents] = aid;
	acd->npend_late++;
}

static void pend_call(struct cc_acd *acd, uint32_t cs)
{
	if (acd->call_pending[cs])
		return;
	acd->call_pending[cs] = 1;
	acd->pend_call[(acd->pend_call_head + acd->npend_call) % acd->cfg.max_calls] = cs;
	acd->npend_call++;
}

/* ---------------------------------------------------------------- agent index */

#define agent_key acd_agent_key

static inline bool agent_available(const struct agent *a)
{
	return (a->st == CC_ACD_AGENT_ST_READY || a->st == CC_ACD_AGENT_ST_RESERVED ||
		a->st == CC_ACD_AGENT_ST_BUSY) &&
	       !a->pending_nr && (uint32_t)a->noffer + a->nconn < a->capacity;
}

/* Drop every stale entry of a bucket's lazy heaps and random-pick array. */
static void bucket_purge(struct cc_acd *acd, struct sidx *I, uint8_t b)
{
	struct abucket *B = &I->b[b];

	for (uint32_t km = I->keymask & ((1u << K_ORDERED) - 1u); km; km &= km - 1)
		acd_lh_compact(&B->h[ctz32(km)], acd->agen);
	if (I->keymask & (1u << K_RAND))
		acd_rnd_compact(B, acd->agen);
}

/*
 * Index an available agent: one entry per ordering key (and in the random-pick array)
 * of each of its buckets, tagged with a new 8-bit generation.  Before a generation is
 * reused (every 255 indexings) the agent's buckets are purged of stale entries, and a
 * bucket an agent leaves is purged when it leaves (mbr_del(), mbr_update()), so an old
 * entry can never come back to life with a reused generation: every live entry is
 * current.  Amortised O(bucket size / 255) per indexing.
 */
static void agent_index(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];
	uint32_t ag;
	uint8_t mb;

	CC_ASSERT(!a->indexed && acd->agen[aid] == 0);
	if (a->igen >= 255) {
		for (uint32_t m = a->mbr_head; m != NONE; m = acd->mbrs[m].next)
			bucket_purge(acd, acd->idx[acd->mbrs[m].idx], acd->mbrs[m].bucket);
		a->igen = 0;
	}
	a->igen = (uint8_t)(a->igen + 1);
	acd->agen[aid] = a->igen;
	ag = aid << 8 | a->igen;
	for (uint32_t p = mit_first(a), ix; mit_next(acd, a, &p, &ix, &mb);) {
		struct sidx *I = acd->idx[ix];
		struct abucket *B = &I->b[mb];

		for (uint32_t km = I->keymask & ((1u << K_ORDERED) - 1u); km; km &= km - 1) {
			int k = (int)ctz32(km);

			acd_lh_push(&B->h[k], acd->agen, agent_key(a, aid, k), ag);
		}
		if (I->keymask & (1u << K_RAND))
			acd_rnd_push(B, acd->agen, ag);
		B->navail++;
		I->avail_mask |= 1u << mb;
	}
	a->indexed = true;
}

/* O(1) per membership: every entry of the agent becomes stale (acd->agen[aid] = 0);
 * only the per-bucket counts and masks in the index are written. */
static void agent_unindex(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];
	uint8_t b;

	if (!a->indexed)
		return;
	acd->agen[aid] = 0;
	for (uint32_t p = mit_first(a), ix; mit_next(acd, a, &p, &ix, &b);) {
		struct sidx *I = acd->idx[ix];

		if (--I->b[b].navail == 0)
			I->avail_mask &= ~(1u << b);
	}
	a->indexed = false;
}

/* Withdraw from the indexes; if available, queue it for matching: drain() looks for a
 * call it can take first and indexes it only if there is none (no index churn when a
 * freed agent takes a waiting call at once). */
static void agent_sync(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];

	agent_unindex(acd, aid);
	if (agent_available(a))
		pend_agent(acd, aid);
}

/* ---------------------------------------------------------------- agent state */

/* Time in the running state since the last accounting: never more than one interval
 * (the roll-over accounts at the boundary), so it fits the 32-bit interval fields. */
static void agent_account(struct agent *a, uint64_t now)
{
	uint32_t d = (uint32_t)(now - a->acct_since);

	a->cur.state_ms[a->acct_st] += d;
	if (a->acct_st == CC_ACD_AGENT_ST_NOT_READY)
		a->cur.not_ready_ms[a->acct_reason] += d;
	a->acct_since = now;
}

static void agent_set_state(struct cc_acd *acd, uint32_t aid, uint8_t st, uint8_t reason)
{
	struct agent *a = &acd->agents[aid];
	struct cc_acd_event *e;

	if (st != CC_ACD_AGENT_ST_NOT_READY)
		reason = CC_ACD_REASON_NONE;
	if (a->st == st && a->reason == reason)
		return;
	agent_account(a, acd->now);
	e = ev_push(acd, CC_ACD_EV_AGENT_STATE);
	e->agent = aid;
	e->old_st = a->st;
	e->new_st = st;
	e->reason = reason;
	a->st = st;
	a->reason = reason;
	a->st_ts[st] = acd->now;
	a->acct_st = st;
	a->acct_reason = reason;
}

/* READY / RESERVED / BUSY follow the agent's offers and connected calls. */
static void agent_restate(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];
	uint8_t st;

	if (a->st != CC_ACD_AGENT_ST_READY && a->st != CC_ACD_AGENT_ST_RESERVED &&
	    a->st != CC_ACD_AGENT_ST_BUSY)
		return;
	st = a->nconn ? CC_ACD_AGENT_ST_BUSY
		      : (a->noffer ? CC_ACD_AGENT_ST_RESERVED : CC_ACD_AGENT_ST_READY);
	agent_set_state(acd, aid, st, 0);
}

/* ---------------------------------------------------------------- waiting calls */

static uint8_t queue_threshold(const struct queue *q, uint8_t widen)
{
	int t = (int)q->tbase - (int)widen;

	return (uint8_t)(t < (int)q->tfloor ? q->tfloor : t);
}

/* Widening reached after @elapsed ms in the queue; *out_next = next step index. */
static uint8_t queue_widen(const struct queue *q, uint64_t elapsed, uint8_t *out_next)
{
	uint8_t w = 0, i;

	for (i = 0; i < q->p.nsteps && q->p.steps[i].after_ms <= elapsed; i++)
		if (q->p.steps[i].widen > w)
			w = q->p.steps[i].widen;
	*out_next = i;
	return w;
}

/* A call's timers are armed and stopped through these, which keep c->tarm, so that
 * stopping an idle timer reads nothing but the call's first cache line. */
static void call_tm_arm(struct cc_acd *acd, struct call *c, uint8_t bit, uint64_t due)
{
	acd_tm_arm(acd, bit == TARM_PHASE ? &c->t_phase : &c->t_wait, due);
	c->tarm |= bit;
}

static void call_tm_stop(struct cc_acd *acd, struct call *c, uint8_t bit)
{
	if (!(c->tarm & bit))
		return;
	acd_tm_stop(acd, bit == TARM_PHASE ? &c->t_phase : &c->t_wait);
	c->tarm &= (uint8_t)~bit;
}

static void call_arm_step(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];
	struct queue *q = &acd->queues[c->queue];

	if (c->step < q->p.nsteps)
		call_tm_arm(acd, c, TARM_PHASE, c->q_enter_ms + q->p.steps[c->step].after_ms);
	else
		call_tm_stop(acd, c, TARM_PHASE);
}

/* New root of a bucket's call heap; its ordering key is cached beside it so that an agent
 * compares the heads of its buckets without touching the calls. */
static void idx_root_set(struct cc_acd *acd, struct sidx *I, uint8_t b, uint32_t r)
{
	I->call_root[b] = r;
	if (r == NONE) {
		I->call_mask &= ~(1u << b);
		return;
	}
	I->call_mask |= 1u << b;
	I->root_key[b] = acd->calls[r].key;
	I->root_seq[b] = acd->calls[r].seq;
}

static void call_heap_insert(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];
	struct queue *q = &acd->queues[c->queue];
	struct sidx *I = acd->idx[q->idx];

	c->bucket = queue_threshold(q, c->widen);
	idx_root_set(acd, I, c->bucket,
		     acd_ph_insert(acd->calls, PH_IDX, I->call_root[c->bucket], cs));
	c->in_heap = true;
}

static void pref_unlink(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];
	struct agent *a = &acd->agents[c->pref_agent];

	if (c->pl_prev != NONE)
		acd->calls[c->pl_prev].pl_next = c->pl_next;
	else
		a->pref_head = c->pl_next;
	if (c->pl_next != NONE)
		acd->calls[c->pl_next].pl_prev = c->pl_prev;
	c->pl_next = c->pl_prev = NONE;
	c->sticky = false;
}

/* Take a call out of whatever structure it waits in (index heap or sticky list). */
static void call_wait_remove(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];

	if (c->in_heap) {
		struct sidx *I = acd->idx[acd->queues[c->queue].idx];
		idx_root_set(acd, I, c->bucket,
			     acd_ph_remove(acd->calls, PH_IDX, I->call_root[c->bucket], cs));
		c->in_heap = false;
	}
	if (c->sticky)
		pref_unlink(acd, cs);
}

/* (Re)enter the waiting state in the call's current queue, non-sticky. */
static void call_wait(struct cc_acd *acd, uint32_t cs, uint32_t excl_agent)
{
	struct call *c = &acd->calls[cs];
	struct queue *q = &acd->queues[c->queue];

	c->st = CALL_WAITING;
	c->excl_agent = excl_agent;
	c->widen = queue_widen(q, acd->now - c->q_enter_ms, &c->step);
	call_arm_step(acd, cs);
	call_heap_insert(acd, cs);
	pend_call(acd, cs);
}

static void call_free(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];

	call_tm_stop(acd, c, TARM_PHASE);
	call_tm_stop(acd, c, TARM_WAIT);
	c->st = CALL_FREE;
	c->gen = (c->gen + 1) & CALL_GEN_MASK;
	c->free_next = acd->call_free;
	acd->call_free = cs;
	acd->calls_used--;
}

/* Leaves the waiting population (answered, abandoned, overflowed out, ...). */
static void call_unwait_global(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];

	acd->gh_root = acd_ph_remove(acd->calls, PH_GLOBAL, acd->gh_root, cs);
	acd->nwaiting--;
	acd->queues[c->queue].waiting--;
}

static void queue_outcome_wait(struct queue *q, uint64_t wait)
{
	if (wait > q->cur.longest_wait_ms)
		q->cur.longest_wait_ms = wait;
}

/* ---------------------------------------------------------------- offers */

static void offer(struct cc_acd *acd, uint32_t cs, uint32_t aid)
{
	struct call *c = &acd->calls[cs];
	struct agent *a = &acd->agents[aid];
	struct queue *q = &acd->queues[c->queue];
	struct cc_acd_event *e;
	uint32_t s;

	if (c->st == CALL_WAITING) {
		call_wait_remove(acd, cs);
		c->st = CALL_OFFERED;
		/* the phase timer: expansion step / sticky fall-back -> ring timeout */
		if (q->p.ring_timeout_ms)
			call_tm_arm(acd, c, TARM_PHASE, acd->now + q->p.ring_timeout_ms);
		else
			call_tm_stop(acd, c, TARM_PHASE);
	}
	for (s = 0; s < CAP && a->slot_st[s] != SLOT_FREE; s++)
		;
	CC_ASSERT(s < CAP);
	a->slot_st[s] = SLOT_OFFERED;
	a->slot_call[s] = cs;
	a->slot_next[s] = c->offer_head;
	c->offer_head = aid * CAP + s;
	c->noffers++;
	a->noffer++;
	a->last_offer_seq = ++acd->offer_seq;
	a->cur.offered++;
	agent_restate(acd, aid);
	e = ev_push(acd, CC_ACD_EV_OFFER);
	e->call = call_id_of(acd, cs);
	e->agent = aid;
	e->queue = c->queue;
	acd->ctr.decisions++;
}

static void agent_cancel_offers(struct cc_acd *acd, uint32_t aid);

/* Effects on the agent of one withdrawn offer. */
static void offer_withdrawn(struct cc_acd *acd, uint32_t cs, uint32_t aid, uint32_t s,
			    enum cc_acd_cancel why)
{
	struct agent *a = &acd->agents[aid];
	struct call *c = &acd->calls[cs];
	struct cc_acd_event *e;

	a->slot_st[s] = SLOT_FREE;
	a->slot_call[s] = NONE;
	a->noffer--;
	e = ev_push(acd, CC_ACD_EV_OFFER_CANCEL);
	e->call = call_id_of(acd, cs);
	e->agent = aid;
	e->queue = c->queue;
	e->reason = (uint8_t)why;
	if (why == CC_ACD_CANCEL_RING_TIMEOUT) {
		a->cur.no_answer++;
		if (acd->queues[c->queue].p.noanswer_pause) {
			if (a->nconn == 0 && a->st != CC_ACD_AGENT_ST_WRAP_UP &&
			    a->st != CC_ACD_AGENT_ST_NOT_READY) {
				/* its other offers (capacity > 1) go back to their queues */
				a->pending_nr = true;
				agent_unindex(acd, aid);
				agent_cancel_offers(acd, aid);
				a->pending_nr = false;
				agent_set_state(acd, aid, CC_ACD_AGENT_ST_NOT_READY,
						CC_ACD_REASON_NO_ANSWER);
			} else if (a->nconn) {
				a->pending_nr = true;
				a->pending_reason = CC_ACD_REASON_NO_ANSWER;
			}
		} else {
			a->idle_since = acd->now;
		}
	} else if (why == CC_ACD_CANCEL_REJECTED) {
		a->cur.rejected++;
		a->idle_since = acd->now;
	}
	agent_restate(acd, aid);
	if (why == CC_ACD_CANCEL_REJECTED || why == CC_ACD_CANCEL_RING_TIMEOUT) {
		agent_unindex(acd, aid);
		if (agent_available(a))
			pend_agent_late(acd, aid);
	} else {
		agent_sync(acd, aid);
	}
}

/* Withdraw every offer of a call except the one to @keep (NONE: all). */
static void call_cancel_offers(struct cc_acd *acd, uint32_t cs, enum cc_acd_cancel why,
			       uint32_t keep)
{
	struct call *c = &acd->calls[cs];
	uint32_t h = c->offer_head, kept = NONE;

	c->offer_head = NONE;
	while (h != NONE) {
		uint32_t aid = h / CAP, s = h % CAP;
		uint32_t next = acd->agents[aid].slot_next[s];

		if (aid == keep) {
			acd->agents[aid].slot_next[s] = NONE;
			kept = h;
		} else {
			c->noffers--;
			offer_withdrawn(acd, cs, aid, s, why);
		}
		h = next;
	}
	c->offer_head = kept;
}

static bool call_cancel_one(struct cc_acd *acd, uint32_t cs, uint32_t aid, enum cc_acd_cancel why)
{
	struct call *c = &acd->calls[cs];
	uint32_t *link = &c->offer_head;

	while (*link != NONE) {
		uint32_t h = *link, ha = h / CAP, s = h % CAP;

		if (ha == aid) {
			*link = acd->agents[ha].slot_next[s];
			c->noffers--;
			offer_withdrawn(acd, cs, aid, s, why);
			return true;
		}
		link = &acd->agents[ha].slot_next[s];
	}
	return false;
}

/* ---------------------------------------------------------------- matching */

#ifndef ACD_STALE_COMPACT_SHIFT
#define ACD_STALE_COMPACT_SHIFT 2
#endif

/*
 * Drop stale entries (agent no longer indexed with that generation) from the top; the
 * top, or NULL.  Only the compact generation array is read here; the key is checked
 * once, for the chosen agent (pick_agent()).  A stale top is popped (a sift-down through
 * O(log n) scattered cache lines of the heap) while few entries are stale; once at least
 * a quarter of the entries are stale (entries - @navail, the bucket's available agents,
 * each of which has exactly one live entry), the heap is compacted instead: one
 * sequential pass removes all of them, which with large buckets costs far fewer cache
 * misses per stale entry than popping them one at a time.  Still amortised O(1).
 */
static const struct lent *lh_top(struct cc_acd *acd, struct lheap *h, uint32_t navail)
{
	while (h->n && acd->agen[LENT_AGENT(&h->e[0])] != LENT_GEN(&h->e[0])) {
		if (h->n > navail && h->n - navail >= (h->n >> ACD_STALE_COMPACT_SHIFT) + 8u)
			acd_lh_compact(h, acd->agen);
		else
			acd_lh_pop(h);
	}
	return h->n ? &h->e[0] : NULL;
}

/* Best available agent of one bucket heap other than @excl (agent id or NONE). */
static uint32_t bucket_top(struct cc_acd *acd, struct lheap *h, uint32_t navail, uint32_t excl,
			   uint64_t *out_key)
{
	const struct lent *t = lh_top(acd, h, navail);
	struct lent save;
	uint32_t aid = NONE;

	if (!t)
		return NONE;
	if (LENT_AGENT(t) != excl) {
		*out_key = t->key;
		return LENT_AGENT(t);
	}
	/* the excluded agent is the best: look past it, then put it back */
	save = *t;
	acd_lh_pop(h);
	t = lh_top(acd, h, navail);
	if (t) {
		*out_key = t->key;
		aid = LENT_AGENT(t);
	}
	acd_lh_push(h, acd->agen, save.key, save.ag);
	return aid;
}

/*
 * The chosen entry's key must be the agent's current key.  It always is (keys change only
 * while an agent is unindexed, and no old entry survives a reused generation: see
 * agent_index()); should it ever not be, the heap is rebuilt from its exactly current
 * entries and the pick repeated.  O(heap), a safety net.
 */
static bool key_current(struct cc_acd *acd, struct lheap *h, int k, uint32_t aid, uint64_t key)
{
	uint32_t n = 0;

	if (key == agent_key(&acd->agents[aid], aid, k))
		return true;
	for (uint32_t i = 0; i < h->n; i++) {
		const struct lent *e = &h->e[i];
		uint32_t x = LENT_AGENT(e);

		if (acd->agen[x] == LENT_GEN(e) && e->key == agent_key(&acd->agents[x], x, k))
			h->e[n++] = *e;
	}
	h->n = n;
	acd_lh_heapify(h);
	return false;
}

/* A uniformly random available agent of a bucket (navail > 0): draw entries of the lazy
 * array until a live one comes up, removing the stale ones drawn (each live entry is
 * equally likely at every draw, so the result is uniform over the available agents). */
static uint32_t rnd_draw(struct cc_acd *acd, struct abucket *B)
{
	for (;;) {
		uint32_t j = (uint32_t)(rng_next(acd) % B->nrnd), e = B->rnd[j];

		if (acd->agen[e >> 8] == (uint8_t)(e & 0xffu))
			return e >> 8;
		B->rnd[j] = B->rnd[--B->nrnd];
	}
}

/* The agent the strategy picks among the available ones of the buckets in @mask. */
static uint32_t pick_agent(struct cc_acd *acd, struct sidx *I, uint32_t mask, int strat, uint8_t t,
			   uint32_t excl)
{
	uint32_t best = NONE, bb = 0;
	uint64_t bkey = 0;
	int k = strat == CC_ACD_STRAT_BEST_SKILL ? K_IDLE : strategy_key[strat];

	if (strat == CC_ACD_STRAT_WEIGHTED_RANDOM) {
		uint64_t total = 0, r;

		for (uint32_t mk = mask; mk; mk &= mk - 1) {
			uint32_t b = ctz32(mk);

			total += (uint64_t)I->b[b].navail * (b - t + 1);
		}
		if (total == 0)
			return NONE;
		r = rng_next(acd) % total;
		for (uint32_t mk = mask; mk; mk &= mk - 1) {
			uint32_t b = ctz32(mk), w = b - t + 1;
			uint64_t blk = (uint64_t)I->b[b].navail * w;

			if (r < blk)
				return rnd_draw(acd, &I->b[b]);
			r -= blk;
		}
		return NONE;
	}
	if (strat == CC_ACD_STRAT_BEST_SKILL) {
		/* highest bucket with an available agent, longest idle in it */
		for (uint32_t mk = mask; mk && best == NONE;) {
			uint32_t b = 31u - (uint32_t)__builtin_clz(mk);

			best = bucket_top(acd, &I->b[b].h[K_IDLE], I->b[b].navail, excl, &bkey);
			bb = b;
			mk &= ~(1u << b);
		}
	} else {
		for (uint32_t mk = mask; mk; mk &= mk - 1) {
			uint32_t b = ctz32(mk);
			uint64_t key;
			uint32_t aid = bucket_top(acd, &I->b[b].h[k], I->b[b].navail, excl, &key);

			/* every bucket's candidate: the best one's line 0 is then on its way
			 * while the other buckets are scanned */
			if (aid != NONE)
				__builtin_prefetch(&acd->agents[aid]);
			if (aid != NONE &&
			    (best == NONE || key < bkey || (key == bkey && aid < best))) {
				best = aid;
				bkey = key;
				bb = b;
			}
		}
	}
	if (best != NONE)
		agent_prefetch(acd, best);
	if (best != NONE && !key_current(acd, &I->b[bb].h[k], k, best, bkey))
		return pick_agent(acd, I, mask, strat, t, excl);
	if (best == NONE && excl != NONE)
		return pick_agent(acd, I, mask, strat, t, NONE);
	return best;
}

/* A waiting call looks for agents. */
static void match_call(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];
	struct queue *q = &acd->queues[c->queue];
	struct sidx *I = acd->idx[q->idx];
	uint8_t t = c->bucket;
	int strat = (int)q->p.strategy;
	uint32_t aid;

	if (c->st != CALL_WAITING || c->sticky || !(I->avail_mask & (~0u << t)))
		return;
	if (strat == CC_ACD_STRAT_RING_ALL) {
		uint32_t limit = q->p.ringall_limit ? q->p.ringall_limit : UINT32_MAX, n = 0;

		/* offered agents stay unindexed until the loop ends, so none is picked twice */
		while (n < limit) {
			uint32_t mask = I->avail_mask & (~0u << t);

			if (!mask)
				break;
			aid = pick_agent(acd, I, mask, strat, t, n == 0 ? c->excl_agent : NONE);
			if (aid == NONE)
				break;
			agent_unindex(acd, aid);
			offer(acd, cs, aid);
			n++;
		}
		for (uint32_t h = c->offer_head; h != NONE;
		     h = acd->agents[h / CAP].slot_next[h % CAP])
			agent_sync(acd, h / CAP);
		return;
	}
	aid = pick_agent(acd, I, I->avail_mask & (~0u << t), strat, t, c->excl_agent);
	if (aid == NONE)
		return;
	agent_unindex(acd, aid);
	offer(acd, cs, aid);
	agent_sync(acd, aid);
}

/* An available agent looks for the best call it can take (fairness rule); indexed
 * afterwards if it is still available. */
static void match_agent(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];

	while (agent_available(a)) {
		uint32_t best = NONE;

		for (uint32_t x = a->pref_head; x != NONE; x = acd->calls[x].pl_next)
			if (best == NONE || acd_ph_less(acd->calls, PH_IDX, x, best))
				best = x;
		if (best == NONE) {
			int64_t bkey = 0;
			uint64_t bseq = 0;
			uint32_t ix;
			uint8_t b;

			for (uint32_t p = mit_first(a); mit_next(acd, a, &p, &ix, &b);) {
				const struct sidx *I = acd->idx[ix];
				uint32_t mask = I->call_mask & (b >= 31 ? ~0u : ((2u << b) - 1u));

				for (; mask; mask &= mask - 1) {
					uint32_t t = ctz32(mask);

					/* (key, seq) order of acd_ph_less(PH_IDX) */
					if (best == NONE || I->root_key[t] < bkey ||
					    (I->root_key[t] == bkey && I->root_seq[t] < bseq)) {
						best = I->call_root[t];
						bkey = I->root_key[t];
						bseq = I->root_seq[t];
					}
				}
			}
		}
		if (best == NONE)
			break;
		call_prefetch(acd, best);
		agent_unindex(acd, aid);
		offer(acd, best, aid);
	}
	if (agent_available(a) && !a->indexed)
		agent_index(acd, aid);
}

static void surge_eval(struct cc_acd *acd);

static void drain(struct cc_acd *acd)
{
	for (;;) {
		if (acd->npend_agent) {
			uint32_t aid = acd->pend_agent[acd->pend_agent_head];

			acd->pend_agent_head = (acd->pend_agent_head + 1) % acd->cfg.max_agents;
			acd->npend_agent--;
			acd->agent_pending[aid] = 0;
			if (acd->agents[aid].used)
				match_agent(acd, aid);
		} else if (acd->npend_call) {
			uint32_t cs = acd->pend_call[acd->pend_call_head];

			acd->pend_call_head = (acd->pend_call_head + 1) % acd->cfg.max_calls;
			acd->npend_call--;
			acd->call_pending[cs] = 0;
			match_call(acd, cs);
		} else if (acd->npend_late) {
			uint32_t aid = acd->pend_late[acd->pend_late_head];

			acd->pend_late_head = (acd->pend_late_head + 1) % acd->cfg.max_agents;
			acd->npend_late--;
			acd->agent_pending[aid] = 0;
			if (acd->agents[aid].used)
				match_agent(acd, aid);
		} else {
			break;
		}
	}
}

/* ---------------------------------------------------------------- statistics */

static void agent_attribute(struct cc_acd *acd, struct agent *a, uint32_t qid, uint64_t talk,
			    uint64_t hold, uint64_t wrap)
{
	a->cur.handled++;
	a->cur.talk_ms += talk;
	a->cur.hold_ms += hold;
	a->cur.wrap_ms += wrap;
	if (queue_ok(acd, qid)) {
		struct queue *q = &acd->queues[qid];

		q->cur.handled++;
		q->cur.talk_ms += talk;
		q->cur.hold_ms += hold;
		q->cur.wrap_ms += wrap;
	}
}

static void agent_wrap_finish(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];

	if (!a->wrap_pending)
		return;
	acd_tm_stop(acd, &a->t_wrap);
	agent_attribute(acd, a, a->wrap_queue, a->wrap_talk, a->wrap_hold,
			acd->now - a->wrap_start);
	a->wrap_pending = false;
}

static void roll_interval(struct cc_acd *acd, uint64_t boundary)
{
	struct cc_acd_agent_stats ivl;
	struct cc_acd_event *e;

	for (uint32_t i = 0; i < acd->cfg.max_agents; i++) {
		struct agent *a = &acd->agents[i];

		if (!a->used)
			continue;
		agent_account(a, boundary);
		acd_agent_ivl_export(&a->cur, &ivl);
		if (acd->cfg.stats_fn)
			acd->cfg.stats_fn(NONE, i, acd->ivl_start, boundary, NULL, &ivl,
					  acd->cfg.stats_priv);
		cc_acd_agent_stats_add(&a->cum, &ivl);
		memset(&a->cur, 0, sizeof(a->cur));
	}
	for (uint32_t i = 0; i < acd->cfg.max_queues; i++) {
		struct queue *q = &acd->queues[i];

		if (!q->used)
			continue;
		if (acd->cfg.stats_fn)
			acd->cfg.stats_fn(i, NONE, acd->ivl_start, boundary, &q->cur, NULL,
					  acd->cfg.stats_priv);
		cc_acd_queue_stats_add(&q->cum, &q->cur);
		memset(&q->cur, 0, sizeof(q->cur));
	}
	e = ev_push(acd, CC_ACD_EV_INTERVAL);
	e->time_ms = boundary;
	acd->ivl_start = boundary;
	acd_tm_arm(acd, &acd->t_interval, boundary + acd->cfg.interval_ms);
}

/* ---------------------------------------------------------------- surge levels */

static bool surge_cond(const struct cc_acd *acd, int i, uint64_t longest)
{
	const struct cc_acd_surge_level *s = &acd->cfg.surge[i];

	return (s->waiting && acd->nwaiting >= s->waiting) ||
	       (s->longest_wait_ms && acd->nwaiting && longest >= s->longest_wait_ms);
}

static void surge_eval(struct cc_acd *acd)
{
	uint64_t now = acd->now, next = UINT64_MAX, longest = 0, oldest = 0;
	uint8_t lvl = acd->surge;
	int n = acd->cfg.nsurge;

	if (n == 0)
		return;
	if (acd->gh_root != NONE) {
		oldest = acd->calls[acd->gh_root].first_ms;
		longest = now - oldest;
	}
	for (int i = 0; i < n; i++) {
		if (surge_cond(acd, i, longest)) {
			if (acd->surge_true[i] == UINT64_MAX)
				acd->surge_true[i] = now;
			acd->surge_false[i] = UINT64_MAX;
		} else {
			if (acd->surge_false[i] == UINT64_MAX)
				acd->surge_false[i] = now;
			acd->surge_true[i] = UINT64_MAX;
		}
	}
	while (lvl < n && acd->surge_true[lvl] != UINT64_MAX &&
	       now - acd->surge_true[lvl] >= acd->cfg.surge[lvl].raise_after_ms)
		lvl++;
	while (lvl > 0 && acd->surge_false[lvl - 1] != UINT64_MAX &&
	       now - acd->surge_false[lvl - 1] >= acd->cfg.surge[lvl - 1].clear_after_ms)
		lvl--;
	if (lvl != acd->surge) {
		struct cc_acd_event *e = ev_push(acd, CC_ACD_EV_SURGE);

		e->old_st = acd->surge;
		e->new_st = lvl;
		e->waiting = acd->nwaiting;
		e->wait_ms = longest;
		acd->surge = lvl;
	}
	/* next moment something can change without an event */
	if (lvl < n && acd->surge_true[lvl] != UINT64_MAX) {
		uint64_t d = acd->surge_true[lvl] + acd->cfg.surge[lvl].raise_after_ms;

		next = d < next ? d : next;
	}
	if (lvl > 0 && acd->surge_false[lvl - 1] != UINT64_MAX) {
		uint64_t d = acd->surge_false[lvl - 1] + acd->cfg.surge[lvl - 1].clear_after_ms;

		next = d < next ? d : next;
	}
	if (acd->gh_root != NONE) {
		for (int i = 0; i < n; i++) {
			uint32_t lw = acd->cfg.surge[i].longest_wait_ms;

			if (lw && longest < lw && oldest + lw < next)
				next = oldest + lw;
		}
	}
	if (next == UINT64_MAX)
		acd_tm_stop(acd, &acd->t_surge);
	else if (acd->t_surge.hidx == NONE || acd->t_surge.due != next)
		acd_tm_arm(acd, &acd->t_surge, next > now ? next : now);
}

/* ---------------------------------------------------------------- timers */

static void call_overflow(struct cc_acd *acd, uint32_t cs);
static void call_queue_into(struct cc_acd *acd, uint32_t cs, uint32_t qid);

static void on_ring_timeout(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];
	uint32_t last = c->offer_head != NONE ? c->offer_head / CAP : NONE;

	if (c->st != CALL_OFFERED)
		return;
	call_cancel_offers(acd, cs, CC_ACD_CANCEL_RING_TIMEOUT, NONE);
	call_wait(acd, cs, c->noffers == 0 ? last : NONE);
}

static void on_step(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];

	if (c->st != CALL_WAITING)
		return;
	if (c->sticky) {
		/* preferred agent did not become free in time: fall back to the queue */
		pref_unlink(acd, cs);
		call_wait(acd, cs, NONE);
		return;
	}
	if (c->in_heap) {
		call_wait_remove(acd, cs);
		call_wait(acd, cs, c->excl_agent);
	}
}

static void on_wrap_end(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];

	agent_wrap_finish(acd, aid);
	if (a->pending_nr) {
		a->pending_nr = false;
		agent_set_state(acd, aid, CC_ACD_AGENT_ST_NOT_READY, a->pending_reason);
	} else {
		a->idle_since = acd->now;
		agent_set_state(acd, aid, CC_ACD_AGENT_ST_READY, 0);
		agent_restate(acd, aid);
	}
	agent_sync(acd, aid);
}

static void fire(struct cc_acd *acd, struct tnode *t)
{
	switch (t->kind) {
	case T_PHASE:
		acd->calls[t->owner].tarm &= (uint8_t)~TARM_PHASE; /* popped: not armed */
		/* one timer per call for what its state needs: ring timeout while offered,
		 * expansion step or sticky fall-back while waiting */
		if (acd->calls[t->owner].st == CALL_OFFERED)
			on_ring_timeout(acd, t->owner);
		else
			on_step(acd, t->owner);
		break;
	case T_WAIT:
		acd->calls[t->owner].tarm &= (uint8_t)~TARM_WAIT;
		call_overflow(acd, t->owner);
		break;
	case T_WRAP:
		on_wrap_end(acd, t->owner);
		break;
	case T_SURGE:
		break; /* surge_eval() runs after every timer */
	case T_INTERVAL:
		roll_interval(acd, t->due);
		break;
	default:
		CC_ASSERT(0);
	}
}

static void advance(struct cc_acd *acd, uint64_t now)
{
	struct tnode *t;

	if (now < acd->now) {
		acd->ctr.time_backwards++;
		now = acd->now;
	}
	while ((t = acd_tm_pop_due(acd, now)) != NULL) {
		if (t->due > acd->now)
			acd->now = t->due;
		fire(acd, t);
		drain(acd);
		surge_eval(acd);
	}
	acd->now = now;
}

static int leave(struct cc_acd *acd, int ret)
{
	drain(acd);
	surge_eval(acd);
	if (ret == -EINVAL || ret == -EPROTO || ret == -ENOENT)
		acd->ctr.bad_requests++;
	return ret;
}

void cc_acd_tick(struct cc_acd *acd, uint64_t now_ms)
{
	advance(acd, now_ms);
	leave(acd, 0);
}

uint64_t cc_acd_next_deadline_ms(const struct cc_acd *acd)
{
	return acd->th_n ? acd->th[0]->due : UINT64_MAX;
}

/* ---------------------------------------------------------------- memberships */

static bool agent_margin(const struct cc_acd *acd, uint32_t aid, const struct sidx *I,
			 uint8_t *out_bucket)
{
	const uint8_t *lv = skill_lv(acd, aid);
	int margin = 127;

	for (int i = 0; i < I->nreq; i++) {
		int l = lv[I->skill[i]];

		if (l == 0)
			return false;
		if (l - I->base[i] < margin)
			margin = l - I->base[i];
	}
	*out_bucket = BUCKET_OF_MARGIN(margin);
	return true;
}

/* Room for @members agents in a lazy heap: at least a quarter spare (grown to half),
 * so a compaction always frees members/4 + 8 slots (amortised O(1) per insertion). */
static int lheap_reserve(struct lheap *h, uint32_t members)
{
	struct lent *ne;
	uint32_t ncap;

	if (h->cap >= LHEAP_LOW(members))
		return 0;
	ncap = LHEAP_CAP(members);
	ne = realloc(h->e, sizeof(*ne) * ncap);
	if (!ne)
		return -ENOMEM;
	h->e = ne;
	h->cap = ncap;
	return 0;
}

static int rnd_reserve(struct abucket *B, uint32_t members)
{
	uint32_t ncap, *nr;

	if (B->rndcap >= LHEAP_LOW(members))
		return 0;
	ncap = LHEAP_CAP(members);
	nr = realloc(B->rnd, sizeof(*nr) * ncap);
	if (!nr)
		return -ENOMEM;
	B->rnd = nr;
	B->rndcap = ncap;
	return 0;
}

static int key_reserve(struct sidx *I, uint8_t b, int k, uint32_t members)
{
	return k == K_RAND ? rnd_reserve(&I->b[b], members) : lheap_reserve(&I->b[b].h[k], members);
}

static int bucket_reserve(struct sidx *I, uint8_t b, uint32_t need)
{
	for (uint32_t km = I->keymask; km; km &= km - 1) {
		int ret = key_reserve(I, b, (int)ctz32(km), need);

		if (ret < 0)
			return ret;
	}
	return 0;
}

static void bucket_free(struct abucket *B)
{
	for (int k = 0; k < K_ORDERED; k++)
		free(B->h[k].e);
	free(B->rnd);
}

/* Refresh the agent's inline copy of its membership list (after any change to it). */
static void mbr_sync(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];
	uint8_t n = 0;

	for (uint32_t m = a->mbr_head; m != NONE; m = acd->mbrs[m].next) {
		if (n == MC_MAX || acd->mbrs[m].idx >= 0xffffu) {
			a->nmc = MC_LIST;
			return;
		}
		a->mc_idx[n] = (uint16_t)acd->mbrs[m].idx;
		a->mc_bucket[n] = acd->mbrs[m].bucket;
		n++;
	}
	a->nmc = n;
}

/* Agent must be unindexed. */
static int mbr_add(struct cc_acd *acd, uint32_t aid, uint32_t ix, uint8_t bucket)
{
	struct sidx *I = acd->idx[ix];
	struct mbr *mb;
	uint32_t m;
	int ret;

	ret = bucket_reserve(I, bucket, I->b[bucket].members + 1);
	if (ret < 0)
		return ret;
	if (acd->mbr_free != NONE) {
		m = acd->mbr_free;
		acd->mbr_free = acd->mbrs[m].next;
	} else {
		if (acd->nmbr == acd->mbr_cap) {
			uint32_t ncap = acd->mbr_cap ? acd->mbr_cap + acd->mbr_cap / 8 : 1024;
			struct mbr *nm = realloc(acd->mbrs, sizeof(*nm) * ncap);

			if (!nm)
				return -ENOMEM;
			acd->mbrs = nm;
			acd->mbr_cap = ncap;
		}
		m = acd->nmbr++;
	}
	mb = &acd->mbrs[m];
	memset(mb, 0, sizeof(*mb));
	mb->idx = ix;
	mb->bucket = bucket;
	mb->next = acd->agents[aid].mbr_head;
	acd->agents[aid].mbr_head = m;
	I->b[bucket].members++;
	mbr_sync(acd, aid);
	return 0;
}

/* Agent must be unindexed.  @purge: drop the stale entries the agent leaves in the
 * bucket (not needed when the whole index goes away). */
static void mbr_del(struct cc_acd *acd, uint32_t aid, uint32_t m, bool purge)
{
	struct agent *a = &acd->agents[aid];
	uint32_t *link = &a->mbr_head;
	struct sidx *I = acd->idx[acd->mbrs[m].idx];

	while (*link != m)
		link = &acd->mbrs[*link].next;
	*link = acd->mbrs[m].next;
	I->b[acd->mbrs[m].bucket].members--;
	if (purge)
		bucket_purge(acd, I, acd->mbrs[m].bucket);
	acd->mbrs[m].idx = NONE;
	acd->mbrs[m].next = acd->mbr_free;
	acd->mbr_free = m;
	mbr_sync(acd, aid);
}

static uint32_t mbr_find(const struct cc_acd *acd, uint32_t aid, uint32_t ix)
{
	for (uint32_t m = acd->agents[aid].mbr_head; m != NONE; m = acd->mbrs[m].next)
		if (acd->mbrs[m].idx == ix)
			return m;
	return NONE;
}

/* Bring an (unindexed) agent's membership of index @ix up to date with its skills. */
static int mbr_update(struct cc_acd *acd, uint32_t aid, uint32_t ix)
{
	struct sidx *I = acd->idx[ix];
	uint32_t m = mbr_find(acd, aid, ix);
	uint8_t b;
	bool member = agent_margin(acd, aid, I, &b);
	int ret;

	if (m != NONE && !member) {
		mbr_del(acd, aid, m, true);
	} else if (m == NONE && member) {
		return mbr_add(acd, aid, ix, b);
	} else if (m != NONE && acd->mbrs[m].bucket != b) {
		ret = bucket_reserve(I, b, I->b[b].members + 1);
		if (ret < 0)
			return ret;
		I->b[acd->mbrs[m].bucket].members--;
		bucket_purge(acd, I, acd->mbrs[m].bucket);
		I->b[b].members++;
		acd->mbrs[m].bucket = b;
		mbr_sync(acd, aid);
	}
	return 0;
}

static int skill_idx_add(struct cc_acd *acd, uint16_t skill, uint32_t ix);

/* Find or create the index for a queue's requirements. */
static int idx_get(struct cc_acd *acd, const struct cc_acd_queue_params *p, uint32_t *out_ix,
		   uint8_t *out_tbase, uint8_t *out_tfloor)
{
	struct cc_acd_skill_req r[CC_ACD_MAX_QUEUE_SKILLS];
	uint8_t nreq = 0, maxbase = 0;
	uint32_t ix, freeix = NONE;
	struct sidx *I;
	int ret;

	/* normalise: sort by skill, merge duplicates (keep the higher level) */
	for (int i = 0; i < p->nreq; i++) {
		int j;

		for (j = 0; j < nreq && r[j].skill != p->req[i].skill; j++)
			;
		if (j < nreq) {
			if (p->req[i].min_level > r[j].min_level)
				r[j].min_level = p->req[i].min_level;
			continue;
		}
		for (j = nreq; j > 0 && r[j - 1].skill > p->req[i].skill; j--)
			r[j] = r[j - 1];
		r[j] = p->req[i];
		nreq++;
	}
	if (nreq == 1) {
		*out_tbase = BUCKET_OF_MARGIN(r[0].min_level);
		*out_tfloor = BUCKET_OF_MARGIN(1);
		r[0].min_level = 0;
	} else {
		for (int i = 0; i < nreq; i++)
			if (r[i].min_level > maxbase)
				maxbase = r[i].min_level;
		*out_tbase = BUCKET_OF_MARGIN(0);
		*out_tfloor = BUCKET_OF_MARGIN(1 - (int)maxbase);
	}
	for (ix = 0; ix < acd->nidx; ix++) {
		bool same;

		I = acd->idx[ix];
		if (!I) {
			if (freeix == NONE)
				freeix = ix;
			continue;
		}
		same = I->nreq == nreq;
		for (int i = 0; same && i < nreq; i++)
			same = I->skill[i] == r[i].skill && I->base[i] == r[i].min_level;
		if (same) {
			*out_ix = ix;
			return 0;
		}
	}
	if (freeix == NONE) {
		if (acd->nidx == acd->cfg.max_queues)
			return -ENOSPC;
		freeix = acd->nidx++;
	}
	I = calloc(1, sizeof(*I));
	if (!I)
		return -ENOMEM;
	acd->idx[freeix] = I;
	I->nreq = nreq;
	for (int i = 0; i < nreq; i++) {
		I->skill[i] = r[i].skill;
		I->base[i] = r[i].min_level;
	}
	for (int b = 0; b < NBUCKET; b++)
		I->call_root[b] = NONE;
	for (int i = 0; i < nreq; i++) {
		ret = skill_idx_add(acd, r[i].skill, freeix);
		if (ret < 0)
			return ret;
	}
	/* memberships of existing agents */
	for (uint32_t aid = 0; aid < acd->cfg.max_agents; aid++) {
		uint8_t b;

		if (!acd->agents[aid].used || !agent_margin(acd, aid, I, &b))
			continue;
		if (acd->agents[aid].indexed) {
			agent_unindex(acd, aid);
			ret = mbr_add(acd, aid, freeix, b);
			agent_index(acd, aid);
		} else {
			ret = mbr_add(acd, aid, freeix, b);
		}
		if (ret < 0)
			return ret;
	}
	*out_ix = freeix;
	return 0;
}

static struct u32vec *skill_vec(struct cc_acd *acd, uint16_t skill)
{
	return &acd->skill_idx[skill];
}

static int skill_idx_add(struct cc_acd *acd, uint16_t skill, uint32_t ix)
{
	struct u32vec *v = skill_vec(acd, skill);

	if (v->n == v->cap) {
		uint32_t ncap = v->cap ? v->cap * 2 : 4;
		uint32_t *nv = realloc(v->v, sizeof(*nv) * ncap);

		if (!nv)
			return -ENOMEM;
		v->v = nv;
		v->cap = ncap;
	}
	v->v[v->n++] = ix;
	return 0;
}

static void skill_idx_del(struct cc_acd *acd, uint16_t skill, uint32_t ix)
{
	struct u32vec *v = skill_vec(acd, skill);

	for (uint32_t i = 0; i < v->n; i++) {
		if (v->v[i] == ix) {
			v->v[i] = v->v[--v->n];
			return;
		}
	}
}

/* A new ordering key becomes used on an index: build its heaps. */
static int idx_add_key(struct cc_acd *acd, uint32_t ix, int k)
{
	struct sidx *I = acd->idx[ix];
	int ret;

	if (I->keymask & (1u << k))
		return 0;
	for (int b = 0; b < NBUCKET; b++) {
		ret = key_reserve(I, (uint8_t)b, k, I->b[b].members);
		if (ret < 0)
			return ret;
	}
	I->keymask |= 1u << k;
	for (uint32_t aid = 0; aid < acd->cfg.max_agents; aid++) {
		struct agent *a = &acd->agents[aid];
		struct abucket *B;
		uint32_t m;

		if (!a->used || !a->indexed || (m = mbr_find(acd, aid, ix)) == NONE)
			continue;
		B = &I->b[acd->mbrs[m].bucket];
		if (k == K_RAND)
			acd_rnd_push(B, acd->agen, aid << 8 | a->igen);
		else
			acd_lh_push(&B->h[k], acd->agen, agent_key(a, aid, k), aid << 8 | a->igen);
	}
	return 0;
}

static void idx_put(struct cc_acd *acd, uint32_t ix)
{
	struct sidx *I = acd->idx[ix];

	if (--I->nqueues > 0)
		return;
	for (uint32_t aid = 0; aid < acd->cfg.max_agents; aid++) {
		uint32_t m;
		bool was;

		if (!acd->agents[aid].used || (m = mbr_find(acd, aid, ix)) == NONE)
			continue;
		was = acd->agents[aid].indexed;
		agent_unindex(acd, aid);
		mbr_del(acd, aid, m, false);
		if (was)
			agent_index(acd, aid);
	}
	for (int i = 0; i < I->nreq; i++)
		skill_idx_del(acd, I->skill[i], ix);
	for (int b = 0; b < NBUCKET; b++)
		bucket_free(&I->b[b]);
	free(I);
	acd->idx[ix] = NULL;
}

/* ---------------------------------------------------------------- engine lifetime */

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

int cc_acd_new(const struct cc_acd_config *cfg, struct cc_acd **out_acd)
{
	struct cc_acd *acd;

	if (!cfg || !out_acd || cfg->max_agents == 0 || cfg->max_agents > (1u << 24) ||
	    cfg->max_queues == 0 || cfg->max_calls == 0 || cfg->max_calls > CALL_SLOT_MASK ||
	    cfg->max_skills == 0 || cfg->max_skills > 65535 || cfg->interval_ms == 0 ||
	    DAY_MS % cfg->interval_ms != 0 || cfg->nsurge > CC_ACD_MAX_SURGE ||
	    (cfg->nuisance_queue != NONE && cfg->nuisance_queue >= cfg->max_queues) ||
	    (cfg->silent_queue != NONE && cfg->silent_queue >= cfg->max_queues))
		return -EINVAL;
	acd = calloc(1, sizeof(*acd));
	if (!acd)
		return -ENOMEM;
	acd->cfg = *cfg;
	acd->now = cfg->start_ms;
	acd->rng = cfg->seed ? cfg->seed : 0x9E3779B97F4A7C15ull;
	/* cache-line aligned: a decision touches the first four lines of an agent record,
	 * and the first 96 bytes of a call record, two lines (a record starts at 0 or 32
	 * modulo 64) */
	acd->agents = aligned_alloc(64, sizeof(*acd->agents) * cfg->max_agents);
	if (acd->agents)
		memset(acd->agents, 0, sizeof(*acd->agents) * cfg->max_agents);
	acd->skill_lv = calloc((size_t)cfg->max_agents * cfg->max_skills, 1);
	acd->queues = calloc(cfg->max_queues, sizeof(*acd->queues));
	acd->calls = aligned_alloc(64, (sizeof(*acd->calls) * cfg->max_calls + 63) & ~(size_t)63);
	if (acd->calls)
		memset(acd->calls, 0, sizeof(*acd->calls) * cfg->max_calls);
	acd->idx = calloc(cfg->max_queues, sizeof(*acd->idx));
	acd->agen = calloc(cfg->max_agents, 1);
	acd->th_cap = cfg->max_calls * 2 + cfg->max_agents + 4;
	acd->th = calloc(acd->th_cap, sizeof(*acd->th));
	acd->ev_cap = 1024;
	acd->ev = calloc(acd->ev_cap, sizeof(*acd->ev));
	acd->pend_agent = calloc(cfg->max_agents, sizeof(*acd->pend_agent));
	acd->agent_pending = calloc(cfg->max_agents, 1);
	acd->pend_late = calloc(cfg->max_agents, sizeof(*acd->pend_late));
	acd->pend_call = calloc(cfg->max_calls, sizeof(*acd->pend_call));
	acd->call_pending = calloc(cfg->max_calls, 1);
	acd->skill_idx = calloc(cfg->max_skills, sizeof(*acd->skill_idx));
	if (cfg->max_callers) {
		uint32_t n = pow2_at_least(cfg->max_callers);

		acd->callers = calloc(n, sizeof(*acd->callers));
		acd->caller_mask = n - 1;
	}
	if (!acd->agents || !acd->skill_lv || !acd->queues || !acd->calls || !acd->idx ||
	    !acd->agen || !acd->th || !acd->ev || !acd->pend_agent || !acd->agent_pending ||
	    !acd->pend_late || !acd->pend_call || !acd->call_pending || !acd->skill_idx ||
	    (cfg->max_callers && !acd->callers)) {
		cc_acd_free(acd);
		return -ENOMEM;
	}
	acd->mbr_free = NONE;
	acd->gh_root = NONE;
	acd->call_free = NONE;
	for (uint32_t i = cfg->max_calls; i-- > 0;) {
		struct call *c = &acd->calls[i];

		c->free_next = acd->call_free;
		acd->call_free = i;
		c->t_phase = (struct tnode){ .hidx = NONE, .owner = i, .kind = T_PHASE };
		c->t_wait = (struct tnode){ .hidx = NONE, .owner = i, .kind = T_WAIT };
	}
	for (uint32_t i = 0; i < cfg->max_agents; i++)
		acd->agents[i].t_wrap = (struct tnode){ .hidx = NONE, .owner = i, .kind = T_WRAP };
	acd->t_surge = (struct tnode){ .hidx = NONE, .kind = T_SURGE };
	acd->t_interval = (struct tnode){ .hidx = NONE, .kind = T_INTERVAL };
	for (int i = 0; i < CC_ACD_MAX_SURGE; i++)
		acd->surge_true[i] = acd->surge_false[i] = UINT64_MAX;
	acd->ivl_start = acd->now - acd->now % cfg->interval_ms;
	acd_tm_arm(acd, &acd->t_interval, acd->ivl_start + cfg->interval_ms);
	*out_acd = acd;
	return 0;
}

void cc_acd_free(struct cc_acd *acd)
{
	if (!acd)
		return;
	if (acd->idx) {
		for (uint32_t i = 0; i < acd->nidx; i++) {
			if (!acd->idx[i])
				continue;
			for (int b = 0; b < NBUCKET; b++)
				bucket_free(&acd->idx[i]->b[b]);
			free(acd->idx[i]);
		}
	}
	free(acd->agen);
	if (acd->skill_idx)
		for (uint32_t s = 0; s < acd->cfg.max_skills; s++)
			free(acd->skill_idx[s].v);
	free(acd->skill_idx);
	free(acd->agents);
	free(acd->skill_lv);
	free(acd->queues);
	free(acd->calls);
	free(acd->idx);
	free(acd->mbrs);
	free(acd->th);
	free(acd->ev);
	free(acd->pend_agent);
	free(acd->agent_pending);
	free(acd->pend_late);
	free(acd->pend_call);
	free(acd->call_pending);
	free(acd->callers);
	free(acd);
}

size_t cc_acd_memory_bytes(const struct cc_acd *acd)
{
	const struct cc_acd_config *c = &acd->cfg;
	size_t n = sizeof(*acd);

	n += (size_t)c->max_agents * (sizeof(struct agent) + c->max_skills + 4 + 4 + 1 + 1);
	n += (size_t)c->max_queues * (sizeof(struct queue) + sizeof(struct sidx *));
	n += (size_t)c->max_calls * (sizeof(struct call) + 4 + 1);
	n += (size_t)acd->th_cap * sizeof(*acd->th);
	n += (size_t)acd->ev_cap * sizeof(*acd->ev);
	n += (size_t)acd->mbr_cap * sizeof(struct mbr);
	n += (size_t)(acd->caller_mask + (acd->callers ? 1 : 0)) * sizeof(struct caller);
	for (uint32_t s = 0; s < c->max_skills; s++)
		n += (size_t)acd->skill_idx[s].cap * 4 + sizeof(struct u32vec);
	for (uint32_t i = 0; i < acd->nidx; i++) {
		if (!acd->idx[i])
			continue;
		n += sizeof(struct sidx);
		for (int b = 0; b < NBUCKET; b++) {
			for (int k = 0; k < K_ORDERED; k++)
				n += (size_t)acd->idx[i]->b[b].h[k].cap * sizeof(struct lent);
			n += (size_t)acd->idx[i]->b[b].rndcap * sizeof(uint32_t);
		}
	}
	return n;
}

void cc_acd_counters_get(const struct cc_acd *acd, struct cc_acd_counters *out)
{
	*out = acd->ctr;
}

/* ---------------------------------------------------------------- queues */

static bool hours_valid(const struct cc_acd_hours *h)
{
	return h->start_min < 1440 && h->end_min <= 1440 && h->start_min != h->end_min &&
	       (h->days & 0x80) == 0;
}

int cc_acd_queue_add(struct cc_acd *acd, const struct cc_acd_queue_params *p, uint32_t *out_queue)
{
	struct queue *q;
	uint32_t qid, ix;
	uint8_t tbase, tfloor;
	int ret;

	if (!acd || !p || !out_queue || p->nreq == 0 || p->nreq > CC_ACD_MAX_QUEUE_SKILLS ||
	    (unsigned)p->strategy >= CC_ACD_STRAT__COUNT || p->nhours > CC_ACD_MAX_HOURS ||
	    p->nsteps > CC_ACD_MAX_STEPS || p->ringall_limit > 1000000)
		return leave(acd, -EINVAL);
	for (int i = 0; i < p->nreq; i++)
		if (p->req[i].skill >= acd->cfg.max_skills ||
		    p->req[i].min_level < CC_ACD_LEVEL_MIN ||
		    p->req[i].min_level > CC_ACD_LEVEL_MAX)
			return leave(acd, -EINVAL);
	for (int i = 0; i < p->nhours; i++)
		if (!hours_valid(&p->hours[i]))
			return leave(acd, -EINVAL);
	for (int i = 0; i < p->nsteps; i++)
		if ((i > 0 && p->steps[i].after_ms < p->steps[i - 1].after_ms) ||
		    p->steps[i].widen > CC_ACD_LEVEL_MAX + 15)
			return leave(acd, -EINVAL);
	if ((p->overflow_queue != NONE && p->overflow_queue >= acd->cfg.max_queues))
		return leave(acd, -EINVAL);
	for (qid = 0; qid < acd->cfg.max_queues && acd->queues[qid].used; qid++)
		;
	if (qid == acd->cfg.max_queues)
		return leave(acd, -ENOSPC);
	ret = idx_get(acd, p, &ix, &tbase, &tfloor);
	if (ret < 0)
		return leave(acd, ret);
	acd->idx[ix]->nqueues++;
	ret = idx_add_key(acd, ix, strategy_key[p->strategy]);
	if (ret < 0) {
		idx_put(acd, ix);
		return leave(acd, ret);
	}
	q = &acd->queues[qid];
	memset(q, 0, sizeof(*q));
	q->used = true;
	q->p = *p;
	q->p.name[CC_ACD_NAME_MAX - 1] = 0;
	q->idx = ix;
	q->tbase = tbase;
	q->tfloor = tfloor;
	*out_queue = qid;
	return leave(acd, 0);
}

int cc_acd_queue_remove(struct cc_acd *acd, uint32_t queue, uint64_t now_ms)
{
	advance(acd, now_ms);
	if (!queue_ok(acd, queue))
		return leave(acd, -ENOENT);
	if (acd->queues[queue].waiting)
		return leave(acd, -EBUSY);
	idx_put(acd, acd->queues[queue].idx);
	acd->queues[queue].used = false;
	return leave(acd, 0);
}

uint32_t cc_acd_queue_waiting(const struct cc_acd *acd, uint32_t queue)
{
	return queue_ok(acd, queue) ? acd->queues[queue].waiting : 0;
}

bool cc_acd_queue_is_open(const struct cc_acd *acd, uint32_t queue, uint64_t now_ms)
{
	const struct queue *q;
	int64_t local_min;
	uint32_t day, min;

	if (!queue_ok(acd, queue))
		return false;
	q = &acd->queues[queue];
	if (q->p.nhours == 0)
		return true;
	local_min = (int64_t)(now_ms / 60000) + acd->cfg.utc_offset_min;
	if (local_min < 0)
		local_min = 0;
	day = (uint32_t)((local_min / 1440 + 4) % 7); /* 1970-01-01 was a Thursday */
	min = (uint32_t)(local_min % 1440);
	for (int i = 0; i < q->p.nhours; i++) {
		const struct cc_acd_hours *h = &q->p.hours[i];

		if (h->start_min < h->end_min) {
			if ((h->days & (1u << day)) && min >= h->start_min && min < h->end_min)
				return true;
		} else {
			/* over midnight: the part after midnight belongs to the previous day */
			uint32_t prev = (day + 6) % 7;

			if (((h->days & (1u << day)) && min >= h->start_min) ||
			    ((h->days & (1u << prev)) && min < h->end_min))
				return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------- agents */

int cc_acd_agent_add(struct cc_acd *acd, const struct cc_acd_agent_params *p, uint32_t *out_agent)
{
	struct agent *a;
	uint32_t aid;

	if (!p || !out_agent || p->capacity > CC_ACD_MAX_CAPACITY)
		return leave(acd, -EINVAL);
	/* lowest free id: every id below agent_hint is in use */
	for (aid = acd->agent_hint; aid < acd->cfg.max_agents && acd->agents[aid].used; aid++)
		;
	acd->agent_hint = aid;
	if (aid == acd->cfg.max_agents)
		return leave(acd, -ENOSPC);
	a = &acd->agents[aid];
	memset(a, 0, offsetof(struct agent, t_wrap)); /* t_wrap is not armed: keep it */
	memset(&a->cum, 0, sizeof(a->cum));
	a->used = true;
	a->st = CC_ACD_AGENT_ST_LOGGED_OUT;
	a->acct_st = CC_ACD_AGENT_ST_LOGGED_OUT;
	a->acct_since = acd->now;
	a->capacity = p->capacity ? p->capacity : 1;
	a->position = p->position;
	a->mbr_head = NONE;
	a->pref_head = NONE;
	a->wrap_queue = NONE;
	for (int s = 0; s < CAP; s++) {
		a->slot_call[s] = NONE;
		a->slot_next[s] = NONE;
	}
	memset(skill_lv(acd, aid), 0, acd->cfg.max_skills);
	*out_agent = aid;
	return leave(acd, 0);
}

int cc_acd_agent_remove(struct cc_acd *acd, uint32_t agent)
{
	struct agent *a;

	if (!agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	a = &acd->agents[agent];
	if (a->st != CC_ACD_AGENT_ST_LOGGED_OUT)
		return leave(acd, -EPROTO);
	while (a->mbr_head != NONE)
		mbr_del(acd, agent, a->mbr_head, true);
	a->used = false;
	if (agent < acd->agent_hint)
		acd->agent_hint = agent;
	return leave(acd, 0);
}

int cc_acd_agent_skill_set(struct cc_acd *acd, uint32_t agent, uint16_t skill, uint8_t level,
			   uint64_t now_ms)
{
	struct u32vec *v;
	int ret = 0;

	advance(acd, now_ms);
	if (!agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	if (skill >= acd->cfg.max_skills || level > CC_ACD_LEVEL_MAX)
		return leave(acd, -EINVAL);
	if (skill_lv(acd, agent)[skill] == level)
		return leave(acd, 0);
	agent_unindex(acd, agent);
	skill_lv(acd, agent)[skill] = level;
	v = skill_vec(acd, skill);
	for (uint32_t i = 0; i < v->n && ret == 0; i++)
		ret = mbr_update(acd, agent, v->v[i]);
	agent_sync(acd, agent);
	return leave(acd, ret);
}

uint8_t cc_acd_agent_skill_get(const struct cc_acd *acd, uint32_t agent, uint16_t skill)
{
	if (!agent_ok(acd, agent) || skill >= acd->cfg.max_skills)
		return 0;
	return skill_lv(acd, agent)[skill];
}

int cc_acd_agent_login(struct cc_acd *acd, uint32_t agent, uint64_t now_ms)
{
	struct agent *a;

	advance(acd, now_ms);
	if (!agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	a = &acd->agents[agent];
	if (a->st != CC_ACD_AGENT_ST_LOGGED_OUT)
		return leave(acd, -EPROTO);
	a->calls_session = 0;
	a->talk_session_ms = 0;
	a->pending_nr = false;
	agent_set_state(acd, agent, CC_ACD_AGENT_ST_NOT_READY, CC_ACD_REASON_NONE);
	return leave(acd, 0);
}

/* Send sticky calls waiting for this agent back to their queues. */
static void agent_release_sticky(struct cc_acd *acd, uint32_t aid)
{
	while (acd->agents[aid].pref_head != NONE) {
		uint32_t cs = acd->agents[aid].pref_head;

		pref_unlink(acd, cs);
		call_wait(acd, cs, NONE);
	}
}

/* Withdraw the agent's outstanding offers; their calls go back to waiting. */
static void agent_cancel_offers(struct cc_acd *acd, uint32_t aid)
{
	struct agent *a = &acd->agents[aid];

	for (int s = 0; s < CAP; s++) {
		if (a->slot_st[s] == SLOT_OFFERED) {
			uint32_t cs = a->slot_call[s];

			call_cancel_one(acd, cs, aid, CC_ACD_CANCEL_AGENT);
			if (acd->calls[cs].noffers == 0) {
				call_tm_stop(acd, &acd->calls[cs], TARM_PHASE);
				call_wait(acd, cs, NONE);
			}
		}
	}
}

int cc_acd_agent_logout(struct cc_acd *acd, uint32_t agent, uint64_t now_ms)
{
	struct agent *a;

	advance(acd, now_ms);
	if (!agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	a = &acd->agents[agent];
	if (a->st == CC_ACD_AGENT_ST_LOGGED_OUT)
		return leave(acd, 0);
	if (a->nconn)
		return leave(acd, -EPROTO);
	a->pending_nr = true; /* not available while offers are withdrawn */
	agent_unindex(acd, agent);
	agent_cancel_offers(acd, agent);
	agent_wrap_finish(acd, agent);
	a->pending_nr = false;
	agent_set_state(acd, agent, CC_ACD_AGENT_ST_LOGGED_OUT, 0);
	agent_release_sticky(acd, agent);
	agent_unindex(acd, agent);
	return leave(acd, 0);
}

int cc_acd_agent_ready(struct cc_acd *acd, uint32_t agent, uint64_t now_ms)
{
	struct agent *a;

	if (agent < acd->cfg.max_agents)
		agent_prefetch(acd, agent);
	advance(acd, now_ms);
	if (!agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	a = &acd->agents[agent];
	switch (a->st) {
	case CC_ACD_AGENT_ST_LOGGED_OUT:
		return leave(acd, -EPROTO);
	case CC_ACD_AGENT_ST_WRAP_UP:
		agent_wrap_finish(acd, agent);
		a->pending_nr = false;
		a->idle_since = acd->now;
		agent_set_state(acd, agent, CC_ACD_AGENT_ST_READY, 0);
		break;
	case CC_ACD_AGENT_ST_NOT_READY:
		a->idle_since = acd->now;
		agent_set_state(acd, agent, CC_ACD_AGENT_ST_READY, 0);
		agent_restate(acd, agent);
		break;
	default:
		a->pending_nr = false; /* cancels a deferred not-ready */
		break;
	}
	agent_sync(acd, agent);
	return leave(acd, 0);
}

int cc_acd_agent_not_ready(struct cc_acd *acd, uint32_t agent, uint8_t reason, uint64_t now_ms)
{
	struct agent *a;

	advance(acd, now_ms);
	if (!agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	if (reason >= CC_ACD_NUM_REASONS)
		return leave(acd, -EINVAL);
	a = &acd->agents[agent];
	if (a->st == CC_ACD_AGENT_ST_LOGGED_OUT)
		return leave(acd, -EPROTO);
	if (a->nconn) {
		/* deferred to the end of the agent's calls; no after-call work then */
		a->pending_nr = true;
		a->pending_reason = reason;
		agent_sync(acd, agent);
		return leave(acd, 0);
	}
	a->pending_nr = true;
	agent_unindex(acd, agent);
	agent_cancel_offers(acd, agent);
	agent_wrap_finish(acd, agent);
	a->pending_nr = false;
	agent_set_state(acd, agent, CC_ACD_AGENT_ST_NOT_READY, reason);
	agent_sync(acd, agent);
	return leave(acd, 0);
}

enum cc_acd_agent_st cc_acd_agent_state(const struct cc_acd *acd, uint32_t agent)
{
	return agent_ok(acd, agent) ? (enum cc_acd_agent_st)acd->agents[agent].st
				    : CC_ACD_AGENT_ST_LOGGED_OUT;
}

uint64_t cc_acd_agent_state_since_ms(const struct cc_acd *acd, uint32_t agent,
				     enum cc_acd_agent_st st)
{
	if (!agent_ok(acd, agent) || (unsigned)st >= CC_ACD_AGENT_ST__COUNT)
		return 0;
	return acd->agents[agent].st_ts[st];
}

uint8_t cc_acd_agent_reason(const struct cc_acd *acd, uint32_t agent)
{
	return agent_ok(acd, agent) ? acd->agents[agent].reason : 0;
}

/* ---------------------------------------------------------------- callers */

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++) {
		h ^= (uint8_t)*s;
		h *= 0x100000001b3ull;
	}
	return h;
}

#define CALLER_PROBE 8

static struct caller *caller_find(const struct cc_acd *acd, const char *number)
{
	uint64_t h;

	if (!acd->callers || !number || !number[0])
		return NULL;
	h = fnv1a(number);
	for (uint32_t i = 0; i < CALLER_PROBE; i++) {
		struct caller *c = &acd->callers[(h + i) & acd->caller_mask];

		if (c->used && c->hash == h && strcmp(c->number, number) == 0)
			return c;
	}
	return NULL;
}

static struct caller *caller_get(struct cc_acd *acd, const char *number)
{
	struct caller *c = caller_find(acd, number), *victim = NULL;
	uint64_t h;

	if (c || !acd->callers || !number || !number[0])
		return c;
	h = fnv1a(number);
	for (uint32_t i = 0; i < CALLER_PROBE; i++) {
		struct caller *e = &acd->callers[(h + i) & acd->caller_mask];

		if (!e->used) {
			victim = e;
			break;
		}
		/* evict the least recently seen, locked entries last */
		if (!victim || (victim->lock_until > acd->now && e->lock_until <= acd->now) ||
		    ((victim->lock_until > acd->now) == (e->lock_until > acd->now) &&
		     e->last_seen < victim->last_seen))
			victim = e;
	}
	if (victim->used)
		acd->ctr.caller_evictions++;
	memset(victim, 0, sizeof(*victim));
	victim->used = true;
	victim->hash = h;
	victim->last_agent = NONE;
	strncpy(victim->number, number, CC_ACD_NUMBER_MAX - 1);
	return victim;
}

int cc_acd_caller_lock(struct cc_acd *acd, const char *number, uint64_t until_ms, uint64_t now_ms)
{
	struct caller *c;

	advance(acd, now_ms);
	if (!number || !number[0] || strnlen(number, CC_ACD_NUMBER_MAX) >= CC_ACD_NUMBER_MAX)
		return leave(acd, -EINVAL);
	c = caller_get(acd, number);
	if (!c)
		return leave(acd, -ENOSPC);
	c->lock_until = until_ms;
	c->last_seen = acd->now;
	return leave(acd, 0);
}

int cc_acd_caller_unlock(struct cc_acd *acd, const char *number)
{
	struct caller *c = caller_find(acd, number);

	if (!c)
		return leave(acd, -ENOENT);
	c->lock_until = 0;
	c->win_count = 0;
	return leave(acd, 0);
}

bool cc_acd_caller_is_locked(const struct cc_acd *acd, const char *number, uint64_t now_ms)
{
	const struct caller *c = caller_find(acd, number);

	return c && c->lock_until > now_ms;
}

/* ---------------------------------------------------------------- calls */

uint8_t cc_acd_surge_level(const struct cc_acd *acd)
{
	return acd->surge;
}

uint32_t cc_acd_waiting(const struct cc_acd *acd)
{
	return acd->nwaiting;
}

bool cc_acd_call_exists(const struct cc_acd *acd, uint32_t call)
{
	uint32_t cs;

	return call_lookup(acd, call, &cs) != NULL;
}

/* Enter queue @qid (first entry or overflow), waiting. */
static void call_queue_into(struct cc_acd *acd, uint32_t cs, uint32_t qid)
{
	struct call *c = &acd->calls[cs];
	struct queue *q = &acd->queues[qid];
	int32_t prio = c->prio + q->p.priority;
	struct cc_acd_event *e;

	c->queue = qid;
	c->q_enter_ms = acd->now;
	c->key = (int64_t)c->first_ms - (int64_t)prio * (int64_t)acd->cfg.prio_step_ms;
	c->excl_agent = NONE;
	q->waiting++;
	q->cur.offered++;
	e = ev_push(acd, CC_ACD_EV_QUEUED);
	e->call = call_id_of(acd, cs);
	e->queue = qid;
	if (q->p.max_wait_ms)
		call_tm_arm(acd, c, TARM_WAIT, acd->now + q->p.max_wait_ms);
	else
		call_tm_stop(acd, c, TARM_WAIT);
	if (c->pref_agent != NONE && agent_ok(acd, c->pref_agent) &&
	    acd->agents[c->pref_agent].st != CC_ACD_AGENT_ST_LOGGED_OUT && q->p.sticky_timeout_ms) {
		struct agent *a = &acd->agents[c->pref_agent];

		c->st = CALL_WAITING;
		c->sticky = true;
		c->pl_prev = NONE;
		c->pl_next = a->pref_head;
		if (a->pref_head != NONE)
			acd->calls[a->pref_head].pl_prev = cs;
		a->pref_head = cs;
		call_tm_arm(acd, c, TARM_PHASE, acd->now + q->p.sticky_timeout_ms);
		if (agent_available(a))
			pend_agent(acd, c->pref_agent);
		return;
	}
	call_wait(acd, cs, NONE);
}

/* Maximum wait reached: move to the overflow queue or destination. */
static void call_overflow(struct cc_acd *acd, uint32_t cs)
{
	struct call *c = &acd->calls[cs];
	struct queue *q = &acd->queues[c->queue];
	uint64_t wait = acd->now - c->q_enter_ms;
	uint32_t from = c->queue, target = q->p.overflow_queue;
	struct cc_acd_event *e;

	call_tm_stop(acd, c, TARM_PHASE);
	if (c->st == CALL_OFFERED)
		call_cancel_offers(acd, cs, CC_ACD_CANCEL_OVERFLOW, NONE);
	else
		call_wait_remove(acd, cs);
	q->cur.overflowed++;
	queue_outcome_wait(q, wait);
	e = ev_push(acd, CC_ACD_EV_OVERFLOW);
	e->call = call_id_of(acd, cs);
	e->queue = from;
	e->wait_ms = wait;
	if (target != NONE && queue_ok(acd, target) && target != from) {
		e->target_queue = target;
		q->waiting--;
		c->pref_agent = NONE;
		acd->queues[target].cur.overflow_in++;
		call_queue_into(acd, cs, target);
		return;
	}
	e->dest = q->p.overflow_dest;
	call_unwait_global(acd, cs);
	call_free(acd, cs);
}

enum divert { DIVERT_QUEUE, DIVERT_OVERFLOWED, DIVERT_REJECTED, DIVERT_DEST };

static enum divert enqueue_divert(struct cc_acd *acd, uint32_t cs, uint32_t *qid)
{
	/* Closed or full queues pass the call on to their overflow target (a few hops). */
	for (int hop = 0; hop < 8; hop++) {
		struct queue *q = &acd->queues[*qid];
		bool closed = !cc_acd_queue_is_open(acd, *qid, acd->now);
		bool full = q->p.max_len && q->waiting >= q->p.max_len;
		struct cc_acd_event *e;

		if (!closed && !full)
			return hop ? DIVERT_OVERFLOWED : DIVERT_QUEUE;
		if (closed)
			q->cur.closed++;
		if (q->p.overflow_queue == NONE && q->p.overflow_dest == NONE) {
			q->cur.rejected++;
			e = ev_push(acd, CC_ACD_EV_REJECTED);
			e->call = call_id_of(acd, cs);
			e->queue = *qid;
			return DIVERT_REJECTED;
		}
		q->cur.offered++;
		q->cur.overflowed++;
		e = ev_push(acd, CC_ACD_EV_OVERFLOW);
		e->call = call_id_of(acd, cs);
		e->queue = *qid;
		if (q->p.overflow_queue != NONE && queue_ok(acd, q->p.overflow_queue) &&
		    q->p.overflow_queue != *qid) {
			e->target_queue = q->p.overflow_queue;
			*qid = q->p.overflow_queue;
			acd->queues[*qid].cur.overflow_in++; /* offered: by call_queue_into() */
			continue;
		}
		e->dest = q->p.overflow_dest;
		return DIVERT_DEST;
	}
	/* an overflow loop of closed/full queues: give up at the last one */
	acd->queues[*qid].cur.rejected++;
	return DIVERT_REJECTED;
}

int cc_acd_call_enqueue(struct cc_acd *acd, uint32_t queue, const struct cc_acd_call_params *p,
			uint64_t now_ms, uint32_t *out_call, enum cc_acd_disp *out_disp)
{
	struct call *c;
	struct caller *rec;
	uint32_t cs, qid = queue, pref = NONE;
	enum cc_acd_disp disp = CC_ACD_DISP_QUEUED;
	int32_t prio;
	enum divert d;

	advance(acd, now_ms);
	if (out_call)
		*out_call = NONE;
	if (!p || !out_call || !out_disp || !queue_ok(acd, queue) ||
	    p->category >= CC_ACD_NUM_CATEGORIES ||
	    strnlen(p->number, CC_ACD_NUMBER_MAX) >= CC_ACD_NUMBER_MAX ||
	    (p->preferred_agent != NONE && !agent_ok(acd, p->preferred_agent)))
		return leave(acd, -EINVAL);
	if (acd->call_free == NONE)
		return leave(acd, -ENOSPC);
	cs = acd->call_free;
	c = &acd->calls[cs];
	acd->call_free = c->free_next;
	acd->calls_used++;
	c->st = CALL_WAITING; /* provisional: makes the id valid for events */
	c->sticky = c->in_heap = c->hold = false;
	c->category = p->category;
	c->queue = queue;
	c->excl_agent = NONE;
	c->noffers = 0;
	c->offer_head = NONE;
	c->pl_next = c->pl_prev = NONE;
	c->step = c->widen = 0;
	c->seq = ++acd->seq;
	c->first_ms = acd->now;
	c->q_enter_ms = acd->now;
	c->caller = NONE;
	prio = p->priority + acd->cfg.category_priority[p->category] +
	       (p->vip ? acd->cfg.vip_priority : 0);

	/* nuisance lock: counted per number over a sliding window */
	rec = caller_get(acd, p->number);
	if (rec) {
		c->caller = (uint32_t)(rec - acd->callers);
		c->caller_hash = rec->hash;
		rec->last_seen = acd->now;
		if (acd->now - rec->win_start >= acd->cfg.nuisance_window_ms ||
		    rec->win_count == 0) {
			rec->win_start = acd->now;
			rec->win_count = 0;
		}
		rec->win_count++;
		if (acd->cfg.nuisance_calls && rec->win_count >= acd->cfg.nuisance_calls &&
		    acd->now + acd->cfg.nuisance_lock_ms > rec->lock_until)
			rec->lock_until = acd->now + acd->cfg.nuisance_lock_ms;
	}
	if (rec && rec->lock_until > acd->now) {
		struct cc_acd_event *e = ev_push(acd, CC_ACD_EV_NUISANCE);

		e->call = call_id_of(acd, cs);
		e->queue = queue;
		acd->queues[queue].cur.nuisance++;
		disp = CC_ACD_DISP_NUISANCE;
		if (!queue_ok(acd, acd->cfg.nuisance_queue)) {
			call_free(acd, cs);
			*out_disp = disp;
			return leave(acd, 0);
		}
		e->target_queue = qid = acd->cfg.nuisance_queue;
		prio = acd->cfg.nuisance_priority;
	} else if (acd->cfg.screen) {
		struct cc_acd_call_info ci = {
			.queue = queue,
			.number = p->number,
			.category = p->category,
			.vip = p->vip,
			.now_ms = acd->now,
		};
		enum cc_acd_screen v = acd->cfg.screen(&ci, acd->cfg.screen_priv);

		if (v == CC_ACD_SCREEN_FALSE) {
			struct cc_acd_event *e = ev_push(acd, CC_ACD_EV_SCREENED);

			e->call = call_id_of(acd, cs);
			e->queue = queue;
			acd->queues[queue].cur.screened++;
			call_free(acd, cs);
			*out_disp = CC_ACD_DISP_SCREENED;
			return leave(acd, 0);
		}
		if (v == CC_ACD_SCREEN_SILENT) {
			if (queue_ok(acd, acd->cfg.silent_queue))
				qid = acd->cfg.silent_queue;
			acd->queues[qid].cur.silent++;
		}
	}
	d = enqueue_divert(acd, cs, &qid);
	if (d == DIVERT_REJECTED || d == DIVERT_DEST) {
		call_free(acd, cs);
		if (disp != CC_ACD_DISP_NUISANCE)
			disp = d == DIVERT_DEST ? CC_ACD_DISP_OVERFLOWED : CC_ACD_DISP_REJECTED;
		*out_disp = disp;
		return leave(acd, 0);
	}
	if (d == DIVERT_OVERFLOWED && disp == CC_ACD_DISP_QUEUED)
		disp = CC_ACD_DISP_OVERFLOWED;

	/* preferred agent: explicit, or the caller's last agent for VIPs / "preferred" */
	if (p->preferred_agent != NONE)
		pref = p->preferred_agent;
	else if (rec && rec->last_agent != NONE && agent_ok(acd, rec->last_agent) &&
		 acd->now - rec->last_agent_ms <= acd->cfg.last_agent_ttl_ms &&
		 (p->vip || acd->queues[qid].p.strategy == CC_ACD_STRAT_PREFERRED))
		pref = rec->last_agent;
	c->pref_agent = pref;
	c->prio = prio;
	c->ph[PH_GLOBAL][0] = c->ph[PH_GLOBAL][1] = c->ph[PH_GLOBAL][2] = NONE;
	acd->gh_root = acd_ph_insert(acd->calls, PH_GLOBAL, acd->gh_root, cs);
	acd->nwaiting++;
	call_queue_into(acd, cs, qid);
	*out_call = call_id_of(acd, cs);
	*out_disp = disp;
	return leave(acd, 0);
}

int cc_acd_call_answer(struct cc_acd *acd, uint32_t call, uint32_t agent, uint64_t now_ms)
{
	struct call *c;
	struct agent *a;
	struct queue *q;
	struct caller *rec;
	struct cc_acd_event *e;
	uint32_t cs, s;
	uint64_t wait;

	if (agent < acd->cfg.max_agents)
		agent_prefetch(acd, agent);
	advance(acd, now_ms);
	c = call_lookup(acd, call, &cs);
	if (!c || !agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	if (c->st == CALL_CONNECTED)
		return leave(acd, c->agent == agent ? -EPROTO : -EALREADY);
	if (c->st != CALL_OFFERED)
		return leave(acd, -EPROTO);
	a = &acd->agents[agent];
	for (s = 0; s < CAP && !(a->slot_st[s] == SLOT_OFFERED && a->slot_call[s] == cs); s++)
		;
	if (s == CAP)
		return leave(acd, -EPROTO);
	q = &acd->queues[c->queue];
	/* first answer wins: everyone else stops ringing */
	call_cancel_offers(acd, cs, CC_ACD_CANCEL_ANSWERED_ELSEWHERE, agent);
	c->offer_head = NONE;
	c->noffers = 0;
	a->slot_st[s] = SLOT_CONNECTED;
	a->slot_next[s] = NONE;
	a->noffer--;
	a->nconn++;
	a->calls_session++;
	a->cur.answered++;
	c->st = CALL_CONNECTED;
	call_tm_stop(acd, c, TARM_PHASE);
	call_tm_stop(acd, c, TARM_WAIT);
	call_unwait_global(acd, cs);
	/* the connected fields share memory with the waiting ones (heap links, key) */
	c->agent = agent;
	c->answer_ms = acd->now;
	c->hold_since = c->hold_ms = 0;
	wait = acd->now - c->q_enter_ms;
	q->cur.answered++;
	q->cur.wait_answered_ms += wait;
	if (wait <= q->p.sl_threshold_ms)
		q->cur.answered_within++;
	queue_outcome_wait(q, wait);
	/* the caller's record, unless it was evicted (and reused) meanwhile */
	rec = c->caller != NONE && acd->callers[c->caller].used &&
			      acd->callers[c->caller].hash == c->caller_hash
		      ? &acd->callers[c->caller]
		      : NULL;
	if (rec) {
		rec->last_agent = agent;
		rec->last_agent_ms = acd->now;
	}
	agent_restate(acd, agent);
	e = ev_push(acd, CC_ACD_EV_CONNECTED);
	e->call = call;
	e->agent = agent;
	e->queue = c->queue;
	e->wait_ms = wait;
	agent_sync(acd, agent);
	return leave(acd, 0);
}

int cc_acd_call_decline(struct cc_acd *acd, uint32_t call, uint32_t agent, uint64_t now_ms)
{
	struct call *c;
	uint32_t cs;

	advance(acd, now_ms);
	c = call_lookup(acd, call, &cs);
	if (!c || !agent_ok(acd, agent))
		return leave(acd, -ENOENT);
	if (c->st != CALL_OFFERED)
		return leave(acd, c->st == CALL_CONNECTED ? -EALREADY : -EPROTO);
	if (!call_cancel_one(acd, cs, agent, CC_ACD_CANCEL_REJECTED))
		return leave(acd, -EPROTO);
	if (c->noffers == 0) {
		call_tm_stop(acd, c, TARM_PHASE);
		call_wait(acd, cs, agent);
	}
	return leave(acd, 0);
}

int cc_acd_call_abandon(struct cc_acd *acd, uint32_t call, uint64_t now_ms)
{
	struct call *c;
	struct queue *q;
	struct cc_acd_event *e;
	uint32_t cs;
	uint64_t wait;

	advance(acd, now_ms);
	c = call_lookup(acd, call, &cs);
	if (!c)
		return leave(acd, -ENOENT);
	if (c->st == CALL_CONNECTED)
		return leave(acd, -EPROTO);
	q = &acd->queues[c->queue];
	if (c->st == CALL_OFFERED)
		call_cancel_offers(acd, cs, CC_ACD_CANCEL_ABANDONED, NONE);
	else
		call_wait_remove(acd, cs);
	wait = acd->now - c->q_enter_ms;
	q->cur.abandoned++;
	q->cur.wait_abandoned_ms += wait;
	if (wait <= q->p.sl_threshold_ms)
		q->cur.abandoned_within++;
	if (wait < q->p.short_abandon_ms)
		q->cur.short_abandoned++;
	queue_outcome_wait(q, wait);
	e = ev_push(acd, CC_ACD_EV_ABANDONED);
	e->call = call;
	e->queue = c->queue;
	e->wait_ms = wait;
	call_unwait_global(acd, cs);
	call_free(acd, cs);
	return leave(acd, 0);
}

int cc_acd_call_hold(struct cc_acd *acd, uint32_t call, bool on, uint64_t now_ms)
{
	struct call *c;
	uint32_t cs;

	advance(acd, now_ms);
	c = call_lookup(acd, call, &cs);
	if (!c)
		return leave(acd, -ENOENT);
	if (c->st != CALL_CONNECTED)
		return leave(acd, -EPROTO);
	if (on && !c->hold) {
		c->hold = true;
		c->hold_since = acd->now;
	} else if (!on && c->hold) {
		c->hold = false;
		c->hold_ms += acd->now - c->hold_since;
	}
	return leave(acd, 0);
}

int cc_acd_call_end(struct cc_acd *acd, uint32_t call, uint64_t now_ms)
{
	struct call *c;
	struct agent *a;
	struct queue *q;
	struct cc_acd_event *e;
	uint32_t cs, aid, s;
	uint64_t talk;

	if ((call & CALL_SLOT_MASK) < acd->cfg.max_calls)
		call_prefetch(acd, call & CALL_SLOT_MASK);
	advance(acd, now_ms);
	c = call_lookup(acd, call, &cs);
	if (!c)
		return leave(acd, -ENOENT);
	if (c->st != CALL_CONNECTED)
		return leave(acd, -EPROTO);
	aid = c->agent;
	agent_prefetch(acd, aid);
	a = &acd->agents[aid];
	q = &acd->queues[c->queue];
	if (c->hold)
		c->hold_ms += acd->now - c->hold_since;
	talk = acd->now - c->answer_ms - c->hold_ms;
	for (s = 0; s < CAP && !(a->slot_st[s] == SLOT_CONNECTED && a->slot_call[s] == cs); s++)
		;
	CC_ASSERT(s < CAP);
	a->slot_st[s] = SLOT_FREE;
	a->slot_call[s] = NONE;
	a->nconn--;
	a->talk_session_ms += talk;
	e = ev_push(acd, CC_ACD_EV_ENDED);
	e->call = call;
	e->agent = aid;
	e->queue = c->queue;
	agent_unindex(acd, aid);
	if (a->nconn == 0 && a->pending_nr) {
		agent_attribute(acd, a, c->queue, talk, c->hold_ms, 0);
		a->pending_nr = true; /* keep unavailable while offers are withdrawn */
		agent_cancel_offers(acd, aid);
		a->pending_nr = false;
		agent_set_state(acd, aid, CC_ACD_AGENT_ST_NOT_READY, a->pending_reason);
	} else if (a->nconn == 0 && q->p.wrapup_ms) {
		a->pending_nr = true;
		agent_cancel_offers(acd, aid);
		a->pending_nr = false;
		a->wrap_pending = true;
		a->wrap_queue = c->queue;
		a->wrap_start = acd->now;
		a->wrap_talk = talk;
		a->wrap_hold = c->hold_ms;
		agent_set_state(acd, aid, CC_ACD_AGENT_ST_WRAP_UP, 0);
		acd_tm_arm(acd, &a->t_wrap, acd->now + q->p.wrapup_ms);
	} else {
		agent_attribute(acd, a, c->queue, talk, c->hold_ms, 0);
		if (a->nconn == 0)
			a->idle_since = acd->now;
		agent_restate(acd, aid);
	}
	call_free(acd, cs);
	agent_sync(acd, aid);
	return leave(acd, 0);
}
