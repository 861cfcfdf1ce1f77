// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ACD statistics: KPI formulas over the counters, period getters, and the invariant
 * checker used by the tests (cc_acd_check()).  Formulas: doc/acd.md, "Statistics".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_acd_int.h"

static double ratio(double num, double den)
{
	return den > 0.0 ? num / den : NAN;
}

double cc_acd_kpi_sl(const struct cc_acd_queue_stats *s, enum cc_acd_sl_variant v)
{
	switch (v) {
	case CC_ACD_SL_ANSWERED:
		return ratio(s->answered_within, s->answered);
	case CC_ACD_SL_OFFERED:
		return ratio(s->answered_within, (double)s->answered + s->abandoned);
	case CC_ACD_SL_NO_SHORT:
		return ratio(s->answered_within,
			     (double)s->answered + s->abandoned - s->short_abandoned);
	default:
		return NAN;
	}
}

double cc_acd_kpi_answer_rate(const struct cc_acd_queue_stats *s)
{
	return ratio(s->answered, (double)s->offered - s->short_abandoned);
}

double cc_acd_kpi_abandon_rate(const struct cc_acd_queue_stats *s, bool with_short)
{
	if (with_short)
		return ratio(s->abandoned, s->offered);
	return ratio((double)s->abandoned - s->short_abandoned,
		     (double)s->offered - s->short_abandoned);
}

double cc_acd_kpi_asa_ms(const struct cc_acd_queue_stats *s)
{
	return ratio((double)s->wait_answered_ms, s->answered);
}

double cc_acd_kpi_aht_ms(const struct cc_acd_queue_stats *s)
{
	return ratio((double)s->talk_ms + (double)s->hold_ms + (double)s->wrap_ms, s->handled);
}

double cc_acd_kpi_agent_aht_ms(const struct cc_acd_agent_stats *s)
{
	return ratio((double)s->talk_ms + (double)s->hold_ms + (double)s->wrap_ms, s->handled);
}

double cc_acd_kpi_occupancy(const struct cc_acd_agent_stats *s)
{
	double busy = (double)s->state_ms[CC_ACD_AGENT_ST_BUSY] +
		      (double)s->state_ms[CC_ACD_AGENT_ST_WRAP_UP];
	double idle = (double)s->state_ms[CC_ACD_AGENT_ST_READY] +
		      (double)s->state_ms[CC_ACD_AGENT_ST_RESERVED];

	return ratio(busy, busy + idle);
}

void cc_acd_queue_stats_add(struct cc_acd_queue_stats *d, const struct cc_acd_queue_stats *s)
{
	d->offered += s->offered;
	d->answered += s->answered;
	d->answered_within += s->answered_within;
	d->abandoned += s->abandoned;
	d->abandoned_within += s->abandoned_within;
	d->short_abandoned += s->short_abandoned;
	d->overflowed += s->overflowed;
	d->overflow_in += s->overflow_in;
	d->rejected += s->rejected;
	d->closed += s->closed;
	d->nuisance += s->nuisance;
	d->screened += s->screened;
	d->silent += s->silent;
	d->handled += s->handled;
	d->wait_answered_ms += s->wait_answered_ms;
	d->wait_abandoned_ms += s->wait_abandoned_ms;
	if (s->longest_wait_ms > d->longest_wait_ms)
		d->longest_wait_ms = s->longest_wait_ms;
	d->talk_ms += s->talk_ms;
	d->hold_ms += s->hold_ms;
	d->wrap_ms += s->wrap_ms;
}

void cc_acd_agent_stats_add(struct cc_acd_agent_stats *d, const struct cc_acd_agent_stats *s)
{
	d->offered += s->offered;
	d->answered += s->answered;
	d->no_answer += s->no_answer;
	d->rejected += s->rejected;
	d->handled += s->handled;
	d->talk_ms += s->talk_ms;
	d->hold_ms += s->hold_ms;
	d->wrap_ms += s->wrap_ms;
	for (int i = 0; i < CC_ACD_AGENT_ST__COUNT; i++)
		d->state_ms[i] += s->state_ms[i];
	for (int i = 0; i < CC_ACD_NUM_REASONS; i++)
		d->not_ready_ms[i] += s->not_ready_ms[i];
}

void acd_agent_ivl_export(const struct agent_ivl *iv, struct cc_acd_agent_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->offered = iv->offered;
	out->answered = iv->answered;
	out->no_answer = iv->no_answer;
	out->rejected = iv->rejected;
	out->handled = iv->handled;
	out->talk_ms = iv->talk_ms;
	out->hold_ms = iv->hold_ms;
	out->wrap_ms = iv->wrap_ms;
	for (int i = 0; i < CC_ACD_AGENT_ST__COUNT; i++)
		out->state_ms[i] = iv->state_ms[i];
	for (int i = 0; i < CC_ACD_NUM_REASONS; i++)
		out->not_ready_ms[i] = iv->not_ready_ms[i];
}

int cc_acd_queue_stats_get(const struct cc_acd *acd, uint32_t queue, enum cc_acd_period period,
			   struct cc_acd_queue_stats *out)
{
	const struct queue *q;

	if (queue >= acd->cfg.max_queues || !acd->queues[queue].used || !out)
		return -ENOENT;
	q = &acd->queues[queue];
	switch (period) {
	case CC_ACD_PERIOD_INTERVAL:
		*out = q->cur;
		return 0;
	case CC_ACD_PERIOD_CUMULATIVE:
		*out = q->cum;
		cc_acd_queue_stats_add(out, &q->cur);
		return 0;
	default:
		return -EINVAL;
	}
}

int cc_acd_agent_stats_get(const struct cc_acd *acd, uint32_t agent, enum cc_acd_period period,
			   struct cc_acd_agent_stats *out)
{
	const struct agent *a;
	uint64_t live;

	if (agent >= acd->cfg.max_agents || !acd->agents[agent].used || !out)
		return -ENOENT;
	a = &acd->agents[agent];
	switch (period) {
	case CC_ACD_PERIOD_INTERVAL:
		acd_agent_ivl_export(&a->cur, out);
		break;
	case CC_ACD_PERIOD_CUMULATIVE: {
		struct cc_acd_agent_stats ivl;

		acd_agent_ivl_export(&a->cur, &ivl);
		*out = a->cum;
		cc_acd_agent_stats_add(out, &ivl);
		break;
	}
	default:
		return -EINVAL;
	}
	/* the running state, up to the engine's current time */
	live = acd->now - a->acct_since;
	out->state_ms[a->acct_st] += live;
	if (a->acct_st == CC_ACD_AGENT_ST_NOT_READY)
		out->not_ready_ms[a->acct_reason] += live;
	return 0;
}

/* ---------------------------------------------------------------- invariants */

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		if (why && why_len)                                                                \
			snprintf(why, why_len, __VA_ARGS__);                                       \
		return -EPROTO;                                                                    \
	} while (0)

static bool agent_is_available(const struct agent *a)
{
	return (a->st == CC_ACD_AGENT_ST_READY || a->st == CC_ACD_AGENT_ST_RESERVED ||
		a->st == CC_ACD_AGENT_ST_BUSY) &&
	       !a->pending_nr && (uint32_t)a->noffer + a->nconn < a->capacity;
}

static int check_agents(const struct cc_acd *acd, char *why, size_t why_len)
{
	const uint8_t *lvbase = acd->skill_lv;

	for (uint32_t i = 0; i < acd->cfg.max_agents; i++) {
		const struct agent *a = &acd->agents[i];
		uint32_t noff = 0, ncon = 0;

		if (!a->used)
			continue;
		for (int s = 0; s < CC_ACD_MAX_CAPACITY; s++) {
			const struct call *c;

			if (a->slot_st[s] == SLOT_FREE)
				continue;
			if (a->slot_call[s] >= acd->cfg.max_calls)
				FAIL("agent %u slot %d: bad call", i, s);
			c = &acd->calls[a->slot_call[s]];
			if (a->slot_st[s] == SLOT_OFFERED) {
				noff++;
				if (c->st != CALL_OFFERED)
					FAIL("agent %u offered a call in state %u", i, c->st);
			} else {
				ncon++;
				if (c->st != CALL_CONNECTED || c->agent != i)
					FAIL("agent %u connected to a call not connected to it", i);
			}
		}
		if (noff != a->noffer || ncon != a->nconn)
			FAIL("agent %u counts %u/%u, slots %u/%u", i, a->noffer, a->nconn, noff,
			     ncon);
		if ((uint32_t)a->noffer + a->nconn > a->capacity)
			FAIL("agent %u holds %u calls beyond capacity %u", i, noff + ncon,
			     a->capacity);
		switch (a->st) {
		case CC_ACD_AGENT_ST_LOGGED_OUT:
		case CC_ACD_AGENT_ST_NOT_READY:
		case CC_ACD_AGENT_ST_WRAP_UP:
			if (a->nconn || a->noffer)
				FAIL("agent %u %s with calls", i, cc_acd_agent_st_name(a->st));
			break;
		case CC_ACD_AGENT_ST_BUSY:
			if (!a->nconn)
				FAIL("agent %u BUSY without a call", i);
			break;
		case CC_ACD_AGENT_ST_RESERVED:
			if (a->nconn || !a->noffer)
				FAIL("agent %u RESERVED inconsistent", i);
			break;
		case CC_ACD_AGENT_ST_READY:
			if (a->nconn || a->noffer)
				FAIL("agent %u READY with calls", i);
			break;
		default:
			FAIL("agent %u bad state", i);
		}
		if (a->wrap_pending != (a->st == CC_ACD_AGENT_ST_WRAP_UP))
			FAIL("agent %u wrap-up bookkeeping", i);
		if (a->indexed != agent_is_available(a))
			FAIL("agent %u indexed=%d available=%d", i, a->indexed,
			     agent_is_available(a));
		/* memberships match the skills */
		for (uint32_t ix = 0; ix < acd->nidx; ix++) {
			const struct sidx *I = acd->idx[ix];
			int margin = 127;
			bool member = I != NULL;
			uint32_t found = NONE;

			for (int r = 0; member && r < I->nreq; r++) {
				int l = lvbase[(size_t)i * acd->cfg.max_skills + I->skill[r]];

				if (l == 0)
					member = false;
				else if (l - I->base[r] < margin)
					margin = l - I->base[r];
			}
			for (uint32_t m = a->mbr_head; m != NONE; m = acd->mbrs[m].next)
				if (acd->mbrs[m].idx == ix)
					found = m;
			if (member != (found != NONE))
				FAIL("agent %u membership of index %u", i, ix);
			if (member && acd->mbrs[found].bucket != BUCKET_OF_MARGIN(margin))
				FAIL("agent %u bucket in index %u", i, ix);
		}
		if ((acd->agen[i] != 0) != a->indexed || (a->indexed && acd->agen[i] != a->igen))
			FAIL("agent %u generation %u/%u indexed %d", i, acd->agen[i], a->igen,
			     a->indexed);
		/* the inline copy of the memberships is the list, in its order */
		if (a->nmc != MC_LIST) {
			uint32_t n = 0, m;

			for (m = a->mbr_head; m != NONE && n < a->nmc; m = acd->mbrs[m].next, n++)
				if (acd->mbrs[m].idx != a->mc_idx[n] ||
				    acd->mbrs[m].bucket != a->mc_bucket[n])
					break;
			if (m != NONE || n != a->nmc)
				FAIL("agent %u inline memberships", i);
		}
	}
	return 0;
}

/* An entry is live when its generation is the agent's current one. */
static bool ent_live(const struct cc_acd *acd, uint32_t ag)
{
	uint32_t aid = ag >> 8;

	return aid < acd->cfg.max_agents && acd->agen[aid] == (uint8_t)(ag & 0xffu);
}

/* Membership of agent @aid in index @ix, or NONE. */
static uint32_t mbr_of(const struct cc_acd *acd, uint32_t aid, uint32_t ix)
{
	for (uint32_t m = acd->agents[aid].mbr_head; m != NONE; m = acd->mbrs[m].next)
		if (acd->mbrs[m].idx == ix)
			return m;
	return NONE;
}

/*
 * Lazy heaps: heap order over all entries; every live entry (current generation) has the
 * agent's current key and is an available member of this bucket; every available member
 * of the bucket has exactly one live entry (no stale entry survives a reused generation,
 * see agent_index()).
 */
static int check_lheap(const struct cc_acd *acd, uint32_t ix, int b, int k, uint32_t *seen,
		       uint32_t stamp, char *why, size_t why_len)
{
	const struct sidx *I = acd->idx[ix];
	const struct lheap *h = &I->b[b].h[k];
	uint32_t nseen = 0;

	if (!acd_lh_valid(h))
		FAIL("index %u bucket %d heap %d order", ix, b, k);
	for (uint32_t j = 0; j < h->n; j++) {
		const struct lent *e = &h->e[j];
		uint32_t aid = LENT_AGENT(e), m;

		if (!ent_live(acd, e->ag))
			continue;
		m = mbr_of(acd, aid, ix);
		if (!acd->agents[aid].indexed || m == NONE || acd->mbrs[m].bucket != b)
			FAIL("index %u bucket %d heap %d: live entry of agent %u not in it", ix, b,
			     k, aid);
		if (e->key != acd_agent_key(&acd->agents[aid], aid, k))
			FAIL("index %u bucket %d heap %d: live entry of agent %u with an old key",
			     ix, b, k, aid);
		if (seen[aid] == stamp)
			FAIL("index %u bucket %d heap %d: two live entries of agent %u", ix, b, k,
			     aid);
		seen[aid] = stamp;
		nseen++;
	}
	if (nseen != I->b[b].navail)
		FAIL("index %u bucket %d heap %d: %u live agents, %u available", ix, b, k, nseen,
		     I->b[b].navail);
	return 0;
}

/* Random-pick array: the same rules as the heaps, without order or key. */
static int check_rnd(const struct cc_acd *acd, uint32_t ix, int b, uint32_t *seen, uint32_t stamp,
		     char *why, size_t why_len)
{
	const struct abucket *B = &acd->idx[ix]->b[b];
	uint32_t nseen = 0;

	if (B->nrnd > B->rndcap)
		FAIL("index %u bucket %d random array overflow", ix, b);
	for (uint32_t j = 0; j < B->nrnd; j++) {
		uint32_t aid = B->rnd[j] >> 8, m;

		if (!ent_live(acd, B->rnd[j]))
			continue;
		m = mbr_of(acd, aid, ix);
		if (!acd->agents[aid].indexed || m == NONE || acd->mbrs[m].bucket != b)
			FAIL("index %u bucket %d random array: agent %u not in it", ix, b, aid);
		if (seen[aid] == stamp)
			FAIL("index %u bucket %d random array: agent %u twice", ix, b, aid);
		seen[aid] = stamp;
		nseen++;
	}
	if (nseen != B->navail)
		FAIL("index %u bucket %d random array: %u live agents, %u available", ix, b, nseen,
		     B->navail);
	return 0;
}

static int check_index(const struct cc_acd *acd, char *why, size_t why_len)
{
	uint32_t *seen = calloc(acd->cfg.max_agents, sizeof(*seen)), stamp = 0;
	int ret = 0;

	if (!seen)
		FAIL("out of memory");
	for (uint32_t ix = 0; ix < acd->nidx && !ret; ix++) {
		const struct sidx *I = acd->idx[ix];

		if (!I)
			continue;
		for (int b = 0; b < NBUCKET && !ret; b++) {
			const struct abucket *B = &I->b[b];
			uint32_t n;

			if (((I->avail_mask >> b) & 1) != (B->navail > 0) || B->navail > B->members)
				ret = -1, snprintf(why, why && why_len ? why_len : 0,
						   "index %u bucket %d avail mask/count", ix, b);
			else if (((I->call_mask >> b) & 1) != (I->call_root[b] != NONE))
				ret = -1, snprintf(why, why && why_len ? why_len : 0,
						   "index %u bucket %d call mask", ix, b);
			else if (I->call_root[b] != NONE &&
				 (I->root_key[b] != acd->calls[I->call_root[b]].key ||
				  I->root_seq[b] != acd->calls[I->call_root[b]].seq))
				ret = -1, snprintf(why, why && why_len ? why_len : 0,
						   "index %u bucket %d cached root key", ix, b);
			else if (!acd_ph_valid(acd->calls, PH_IDX, I->call_root[b], &n))
				ret = -1, snprintf(why, why && why_len ? why_len : 0,
						   "index %u bucket %d call heap invalid", ix, b);
			for (uint32_t km = I->keymask & ((1u << K_ORDERED) - 1u); km && !ret;
			     km &= km - 1)
				ret = check_lheap(acd, ix, b, __builtin_ctz(km), seen, ++stamp, why,
						  why_len);
			if (!ret && (I->keymask & (1u << K_RAND)))
				ret = check_rnd(acd, ix, b, seen, ++stamp, why, why_len);
		}
	}
	free(seen);
	return ret ? -EPROTO : 0;
}

static int check_calls(const struct cc_acd *acd, char *why, size_t why_len)
{
	uint32_t used = 0, waiting = 0, nfree = 0, gh;

	for (uint32_t cs = acd->call_free; cs != NONE; cs = acd->calls[cs].free_next) {
		if (acd->calls[cs].st != CALL_FREE || ++nfree > acd->cfg.max_calls)
			FAIL("call free list corrupt");
	}
	for (uint32_t cs = 0; cs < acd->cfg.max_calls; cs++) {
		const struct call *c = &acd->calls[cs];
		const struct queue *q;

		if (((c->tarm & TARM_PHASE) != 0) != (c->t_phase.hidx != NONE) ||
		    ((c->tarm & TARM_WAIT) != 0) != (c->t_wait.hidx != NONE))
			FAIL("call %u timer bits %x", cs, c->tarm);
		if (c->st == CALL_FREE)
			continue;
		used++;
		if (!acd->queues[c->queue].used)
			FAIL("call %u in a removed queue", cs);
		q = &acd->queues[c->queue];
		switch (c->st) {
		case CALL_WAITING:
			waiting++;
			if (c->sticky == c->in_heap)
				FAIL("call %u sticky=%d in_heap=%d", cs, c->sticky, c->in_heap);
			if (c->noffers || c->offer_head != NONE)
				FAIL("call %u waiting with offers", cs);
			if (c->in_heap) {
				uint8_t step, w = 0;
				uint64_t el = acd->now - c->q_enter_ms;

				for (step = 0;
				     step < q->p.nsteps && q->p.steps[step].after_ms <= el; step++)
					if (q->p.steps[step].widen > w)
						w = q->p.steps[step].widen;
				if (c->widen != w)
					FAIL("call %u widen %u expected %u", cs, c->widen, w);
			}
			break;
		case CALL_OFFERED: {
			uint32_t n = 0;

			waiting++;
			if (c->in_heap || c->sticky)
				FAIL("call %u offered but still waiting", cs);
			for (uint32_t h = c->offer_head; h != NONE;
			     h = acd->agents[h / CC_ACD_MAX_CAPACITY]
					 .slot_next[h % CC_ACD_MAX_CAPACITY]) {
				const struct agent *a = &acd->agents[h / CC_ACD_MAX_CAPACITY];

				if (a->slot_st[h % CC_ACD_MAX_CAPACITY] != SLOT_OFFERED ||
				    a->slot_call[h % CC_ACD_MAX_CAPACITY] != cs || ++n > 1000000)
					FAIL("call %u offer chain", cs);
			}
			if (n == 0 || n != c->noffers)
				FAIL("call %u has %u offers, counted %u", cs, n, c->noffers);
			break;
		}
		case CALL_CONNECTED:
			if (!acd->agents[c->agent].used)
				FAIL("call %u connected to a removed agent", cs);
			break;
		default:
			FAIL("call %u bad state", cs);
		}
	}
	if (used != acd->calls_used || used + nfree != acd->cfg.max_calls)
		FAIL("call accounting: used %u/%u free %u", used, acd->calls_used, nfree);
	if (waiting != acd->nwaiting)
		FAIL("waiting %u, counter %u", waiting, acd->nwaiting);
	if (!acd_ph_valid(acd->calls, PH_GLOBAL, acd->gh_root, &gh) || gh != waiting)
		FAIL("global wait heap: %u entries for %u waiting", gh, waiting);
	/* per queue: waiting counter and conservation of offered calls */
	for (uint32_t qi = 0; qi < acd->cfg.max_queues; qi++) {
		const struct queue *q = &acd->queues[qi];
		struct cc_acd_queue_stats s;
		uint32_t n = 0;

		if (!q->used)
			continue;
		for (uint32_t cs = 0; cs < acd->cfg.max_calls; cs++)
			if (acd->calls[cs].queue == qi && (acd->calls[cs].st == CALL_WAITING ||
							   acd->calls[cs].st == CALL_OFFERED))
				n++;
		if (n != q->waiting)
			FAIL("queue %u waiting %u, counted %u", qi, q->waiting, n);
		s = q->cum;
		cc_acd_queue_stats_add(&s, &q->cur);
		if ((uint64_t)s.offered !=
		    (uint64_t)s.answered + s.abandoned + s.overflowed + q->waiting)
			FAIL("queue %u: offered %u != answered %u + abandoned %u + overflowed %u + "
			     "waiting %u",
			     qi, s.offered, s.answered, s.abandoned, s.overflowed, q->waiting);
		if (s.answered_within > s.answered || s.short_abandoned > s.abandoned ||
		    s.abandoned_within > s.abandoned || s.handled > s.answered)
			FAIL("queue %u: sub-counts exceed their totals", qi);
	}
	return 0;
}

/* The fairness invariant: no waiting call has an available agent it could take. */
static int check_no_missed_match(const struct cc_acd *acd, char *why, size_t why_len)
{
	for (uint32_t cs = 0; cs < acd->cfg.max_calls; cs++) {
		const struct call *c = &acd->calls[cs];
		const struct sidx *I;

		if (c->st != CALL_WAITING || c->sticky)
			continue;
		const struct queue *q = &acd->queues[c->queue];
		int t = (int)q->tbase - (int)c->widen;

		if (t < (int)q->tfloor)
			t = q->tfloor;
		I = acd->idx[q->idx];
		if (c->bucket != t)
			FAIL("call %u threshold bucket %u, expected %d", cs, c->bucket, t);
		if (I->avail_mask & (~0u << c->bucket))
			FAIL("call %u waits while an eligible agent is available", cs);
	}
	for (uint32_t i = 0; i < acd->cfg.max_agents; i++) {
		const struct agent *a = &acd->agents[i];

		if (a->used && a->indexed && a->pref_head != NONE)
			FAIL("agent %u available while a sticky call waits for it", i);
	}
	return 0;
}

static int check_timers(const struct cc_acd *acd, char *why, size_t why_len)
{
	for (uint32_t i = 0; i < acd->th_n; i++) {
		const struct tnode *t = acd->th[i];

		if (t->hidx != i)
			FAIL("timer %u position", i);
		if (i > 0) {
			const struct tnode *p = acd->th[(i - 1) / 2];

			if (p->due > t->due || (p->due == t->due && p->seq > t->seq))
				FAIL("timer heap order at %u", i);
		}
	}
	if (acd->th_n && acd->th[0]->due < acd->now)
		FAIL("a timer is overdue");
	return 0;
}

int cc_acd_check(const struct cc_acd *acd, char *why, size_t why_len)
{
	int ret;

	if (why && why_len)
		why[0] = 0;
	ret = check_agents(acd, why, why_len);
	if (!ret)
		ret = check_index(acd, why, why_len);
	if (!ret)
		ret = check_calls(acd, why, why_len);
	if (!ret)
		ret = check_no_missed_match(acd, why, why_len);
	if (!ret)
		ret = check_timers(acd, why, why_len);
	return ret;
}
