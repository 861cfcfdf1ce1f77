/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/acd.h - automatic call distribution: agents, skills, queues, routing, KPIs.
 *
 * The engine is sans-I/O and event-driven.  The integrator (ccd, a CTI server, the
 * simulator, a test) tells it what happened (a call arrived, an agent answered, logged in,
 * went not-ready, ...), always passing the current time in milliseconds, and drains the
 * decisions it took (offer this call to that agent, cancel that offer, overflow, surge
 * level raised, ...) with cc_acd_event_get().  Matching runs the moment something changes;
 * nothing polls.  The engine owns timers (ring timeout, maximum wait, skill expansion,
 * wrap-up, surge hold times, interval roll-over) and reports the next one through
 * cc_acd_next_deadline_ms(); the integrator calls cc_acd_tick() when it is due (every
 * other entry point also runs due timers first, so a late tick never reorders history).
 * Decisions are a pure function of the input sequence and the configured seed.
 *
 * Objects are named by small integer ids: agent and queue ids are assigned by the engine
 * when added (dense, reused after removal); call ids carry a generation so a stale id
 * is rejected with -ENOENT rather than reaching another call.
 *
 * The model, the routing rule, the fairness rule, the KPI formulas and the staffing
 * mathematics are documented in doc/acd.md.  Staffing formulas: <callcenter/erlang.h>.
 *
 * Context: single-threaded; an engine must not be used from two threads at once.
 * Userspace only.
 */
#ifndef CALLCENTER_ACD_H
#define CALLCENTER_ACD_H

#include <callcenter/core.h>

#define CC_ACD_NONE		UINT32_MAX /* no agent / queue / call / destination */
#define CC_ACD_LEVEL_MIN	1	   /* skill levels are 1 (lowest) .. 16 (expert) */
#define CC_ACD_LEVEL_MAX	16
#define CC_ACD_MAX_QUEUE_SKILLS 4  /* required skills per queue */
#define CC_ACD_MAX_STEPS	4  /* skill-expansion steps per queue */
#define CC_ACD_MAX_HOURS	8  /* open-hours ranges per queue */
#define CC_ACD_MAX_CAPACITY	4  /* concurrent calls per agent */
#define CC_ACD_NUM_REASONS	8  /* not-ready reason codes 0..7 */
#define CC_ACD_NUM_CATEGORIES	16 /* caller categories 0..15 */
#define CC_ACD_MAX_SURGE	4  /* surge levels 1..4 (0 = normal) */
#define CC_ACD_NUMBER_MAX	32 /* caller number including the NUL */
#define CC_ACD_NAME_MAX		32

/* Not-ready reason codes the engine itself uses; 3..7 are the integrator's. */
#define CC_ACD_REASON_NONE	0
#define CC_ACD_REASON_NO_ANSWER 1 /* automatic: did not answer an offer in time */
#define CC_ACD_REASON_AWAY	2 /* away from seat */

enum cc_acd_agent_st {
	CC_ACD_AGENT_ST_LOGGED_OUT,
	CC_ACD_AGENT_ST_NOT_READY, /* with a reason code */
	CC_ACD_AGENT_ST_READY,	   /* idle, waiting for a call */
	CC_ACD_AGENT_ST_RESERVED,  /* offered / ringing, no call connected */
	CC_ACD_AGENT_ST_BUSY,	   /* at least one call connected */
	CC_ACD_AGENT_ST_WRAP_UP,   /* after-call work */
	CC_ACD_AGENT_ST__COUNT
};

enum cc_acd_strategy {
	CC_ACD_STRAT_RING_ALL,	      /* offer to every eligible agent (top-k), first answer wins */
	CC_ACD_STRAT_LONGEST_IDLE,    /* the agent idle the longest */
	CC_ACD_STRAT_ROUND_ROBIN,     /* least recently offered (cyclic order with memory) */
	CC_ACD_STRAT_LINEAR,	      /* lowest configured position first */
	CC_ACD_STRAT_FEWEST_CALLS,    /* fewest calls answered this login session */
	CC_ACD_STRAT_LEAST_TALK,      /* least talk time this login session */
	CC_ACD_STRAT_BEST_SKILL,      /* highest skill level, then longest idle */
	CC_ACD_STRAT_WEIGHTED_RANDOM, /* random, weight = levels above the call's minimum + 1 */
	CC_ACD_STRAT_PREFERRED,	      /* caller's last agent (sticky), then longest idle */
	CC_ACD_STRAT__COUNT
};

/* How an enqueue request was disposed of (cc_acd_call_enqueue()). */
enum cc_acd_disp {
	CC_ACD_DISP_QUEUED,	/* waiting (or already offered) in a queue */
	CC_ACD_DISP_NUISANCE,	/* locked number: play the admonition, not queued */
	CC_ACD_DISP_SCREENED,	/* the screening hook classified it as a false call */
	CC_ACD_DISP_OVERFLOWED, /* queue full or closed: sent to its overflow destination */
	CC_ACD_DISP_REJECTED,	/* queue full or closed and no overflow configured */
	CC_ACD_DISP__COUNT
};

/* Why an offer was withdrawn (CC_ACD_EV_OFFER_CANCEL). */
enum cc_acd_cancel {
	CC_ACD_CANCEL_ANSWERED_ELSEWHERE, /* ring-all: another agent answered first */
	CC_ACD_CANCEL_RING_TIMEOUT,
	CC_ACD_CANCEL_REJECTED,	 /* the agent declined */
	CC_ACD_CANCEL_ABANDONED, /* the caller hung up */
	CC_ACD_CANCEL_OVERFLOW,	 /* maximum wait reached while ringing */
	CC_ACD_CANCEL_AGENT,	 /* the agent went not-ready or logged out */
	CC_ACD_CANCEL__COUNT
};

enum cc_acd_ev_type {
	CC_ACD_EV_QUEUED,	/* call, queue */
	CC_ACD_EV_OFFER,	/* call, agent, queue: ring the agent */
	CC_ACD_EV_OFFER_CANCEL, /* call, agent, reason = enum cc_acd_cancel: stop ringing */
	CC_ACD_EV_CONNECTED,	/* call, agent, queue, wait_ms */
	CC_ACD_EV_ABANDONED,	/* call, queue, wait_ms */
	CC_ACD_EV_ENDED,	/* call, agent, queue */
	CC_ACD_EV_OVERFLOW,	/* call, queue (from), target_queue or dest */
	CC_ACD_EV_REJECTED,	/* call, queue: full or closed, nothing configured */
	CC_ACD_EV_NUISANCE,	/* call, queue, (target_queue if diverted): play admonition */
	CC_ACD_EV_SCREENED,	/* call, queue: false call, not queued */
	CC_ACD_EV_AGENT_STATE,	/* agent, old_st, new_st, reason */
	CC_ACD_EV_SURGE,	/* old_level, new_level, waiting, longest_wait_ms */
	CC_ACD_EV_INTERVAL,	/* an interval closed at time_ms (statistics callback ran) */
	CC_ACD_EV__COUNT
};

struct cc_acd_event {
	enum cc_acd_ev_type type;
	uint64_t time_ms;
	uint32_t call;
	uint32_t agent;
	uint32_t queue;
	uint32_t target_queue; /* overflow / diversion target, or CC_ACD_NONE */
	uint32_t dest;	       /* overflow destination (integrator's id), or CC_ACD_NONE */
	uint32_t waiting;      /* surge: calls waiting */
	uint64_t wait_ms;      /* connected / abandoned / overflow: time in queue; surge: longest */
	uint8_t reason;	       /* cancel reason, not-ready reason */
	uint8_t old_st, new_st; /* agent states, or surge levels */
};

/* ---------------------------------------------------------------- configuration */

struct cc_acd_skill_req {
	uint16_t skill;	   /* 0 .. max_skills-1 */
	uint8_t min_level; /* 1..16 */
};

/* After @after_ms in the queue the call's minimum levels drop by @widen (cumulative). */
struct cc_acd_step {
	uint32_t after_ms;
	uint8_t widen;
};

/* Open from @start_min to @end_min (minutes after local midnight) on @days (bit 0 = Sunday). */
struct cc_acd_hours {
	uint8_t days;
	uint16_t start_min;
	uint16_t end_min;
};

/* Surge level L is raised when (waiting >= waiting or longest wait >= longest_wait_ms)
 * has held for raise_after_ms, and lowered when it has been false for clear_after_ms.
 * A zero threshold is disabled. */
struct cc_acd_surge_level {
	uint32_t waiting;
	uint32_t longest_wait_ms;
	uint32_t raise_after_ms;
	uint32_t clear_after_ms;
};

struct cc_acd_call_info; /* passed to the screening hook */

enum cc_acd_screen {
	CC_ACD_SCREEN_ACCEPT, /* queue normally */
	CC_ACD_SCREEN_SILENT, /* silent call: queue to silent_queue (or here), still answered */
	CC_ACD_SCREEN_FALSE,  /* false call: not queued, counted, counts toward nuisance lock */
	CC_ACD_SCREEN__COUNT
};

struct cc_acd_call_info {
	uint32_t queue;
	const char *number;
	uint8_t category;
	bool vip;
	uint64_t now_ms;
};

/* Screening hook run before a call is queued.  Must not call into the engine. */
typedef enum cc_acd_screen (*cc_acd_screen_fn)(const struct cc_acd_call_info *ci, void *priv);

struct cc_acd_queue_stats;
struct cc_acd_agent_stats;
/* Called at each interval boundary for every queue (agent = CC_ACD_NONE) and every agent
 * (queue = CC_ACD_NONE) with the closed interval [start_ms, end_ms).  Must not call into
 * the engine.  Either stats pointer is NULL. */
typedef void (*cc_acd_stats_fn)(uint32_t queue, uint32_t agent, uint64_t start_ms, uint64_t end_ms,
				const struct cc_acd_queue_stats *qs,
				const struct cc_acd_agent_stats *as, void *priv);

struct cc_acd_config {
	uint32_t max_agents; /* preallocated; ids 0..max_agents-1 */
	uint32_t max_queues;
	uint32_t max_calls; /* calls waiting, ringing or connected at once */
	uint32_t max_skills;
	uint32_t max_callers; /* caller-number memory (nuisance lock, last agent) */
	uint64_t start_ms;    /* time origin: the first "now" */
	uint64_t seed;	      /* weighted-random strategy */

	/* Priority: one unit of priority is worth prio_step_ms of waiting. */
	uint32_t prio_step_ms;
	int32_t category_priority[CC_ACD_NUM_CATEGORIES];
	int32_t vip_priority;
	uint32_t last_agent_ttl_ms; /* how long a caller's last agent is remembered */

	/* Nuisance lock: nuisance_calls calls within nuisance_window_ms lock the number for
	 * nuisance_lock_ms (0 disables automatic locking).  Locked calls are announced and
	 * diverted to nuisance_queue at nuisance_priority, or not queued if NONE. */
	uint32_t nuisance_calls;
	uint32_t nuisance_window_ms;
	uint32_t nuisance_lock_ms;
	uint32_t nuisance_queue;
	int32_t nuisance_priority;

	cc_acd_screen_fn screen;
	void *screen_priv;
	uint32_t silent_queue; /* where SILENT calls go (NONE: the requested queue) */

	uint8_t nsurge;
	struct cc_acd_surge_level surge[CC_ACD_MAX_SURGE];

	uint32_t interval_ms;	  /* statistics interval; must divide 24 h (default 15 min) */
	int32_t utc_offset_min;	  /* local time for open hours */
	cc_acd_stats_fn stats_fn; /* may be NULL */
	void *stats_priv;
};

struct cc_acd_queue_params {
	char name[CC_ACD_NAME_MAX];
	uint8_t nreq; /* 1..CC_ACD_MAX_QUEUE_SKILLS */
	struct cc_acd_skill_req req[CC_ACD_MAX_QUEUE_SKILLS];
	int32_t priority;
	enum cc_acd_strategy strategy;
	uint32_t ringall_limit;	  /* ring-all: offer to at most this many (0 = all) */
	uint32_t wrapup_ms;	  /* after-call work time */
	uint32_t ring_timeout_ms; /* 0 = ring forever */
	bool noanswer_pause;	  /* an agent who lets an offer time out goes NOT_READY */
	uint32_t max_wait_ms;	  /* 0 = wait forever; then overflow */
	uint32_t overflow_queue;  /* CC_ACD_NONE or a queue id */
	uint32_t overflow_dest;	  /* CC_ACD_NONE or an integrator destination id */
	uint32_t max_len;	  /* 0 = unlimited waiting calls */
	uint8_t nhours;		  /* 0 = always open */
	struct cc_acd_hours hours[CC_ACD_MAX_HOURS];
	uint8_t nsteps;
	struct cc_acd_step steps[CC_ACD_MAX_STEPS];
	uint32_t sticky_timeout_ms; /* wait for the preferred agent this long */
	uint32_t sl_threshold_ms;   /* service-level T */
	uint32_t short_abandon_ms;  /* abandons faster than this are short */
};

struct cc_acd_agent_params {
	char name[CC_ACD_NAME_MAX]; /* integrator's label; not kept by the engine (no getter) */
	uint8_t capacity;	    /* concurrent calls, 1..CC_ACD_MAX_CAPACITY (0 means 1) */
	uint32_t position;	    /* order for the linear strategy */
};

struct cc_acd_call_params {
	char number[CC_ACD_NUMBER_MAX]; /* caller number; empty = withheld */
	int32_t priority;
	uint8_t category; /* caller category 0..15 (e.g. hospital, 110/119 linkage) */
	bool vip;
	uint32_t preferred_agent; /* CC_ACD_NONE or an agent id (sticky) */
};

/* ---------------------------------------------------------------- statistics */

enum cc_acd_period {
	CC_ACD_PERIOD_INTERVAL,	  /* the current, still open interval */
	CC_ACD_PERIOD_CUMULATIVE, /* since the engine was created (includes the open one) */
	CC_ACD_PERIOD__COUNT
};

/* Counters of one queue over a period; each event is counted in the period in which it
 * happened (doc/acd.md, "Statistics"). */
struct cc_acd_queue_stats {
	uint32_t offered; /* entered the queue (incl. overflow-in) */
	uint32_t answered;
	uint32_t answered_within;  /* wait <= sl_threshold_ms */
	uint32_t abandoned;	   /* incl. short */
	uint32_t abandoned_within; /* abandoned with wait <= sl_threshold_ms */
	uint32_t short_abandoned;  /* wait < short_abandon_ms */
	uint32_t overflowed;	   /* left for another queue or destination */
	uint32_t overflow_in;	   /* arrived from another queue (also in offered) */
	uint32_t rejected;	   /* full/closed, nothing configured (not in offered) */
	uint32_t closed;	   /* arrived while closed */
	uint32_t nuisance;	   /* locked numbers */
	uint32_t screened;	   /* false calls (not in offered) */
	uint32_t silent;	   /* silent calls (in offered) */
	uint32_t handled;	   /* completed incl. after-call work */
	uint64_t wait_answered_ms; /* sum of waits of answered calls (queue + ring) */
	uint64_t wait_abandoned_ms;
	uint64_t longest_wait_ms; /* longest wait of a call answered/abandoned/overflowed */
	uint64_t talk_ms;	  /* of handled calls, hold excluded */
	uint64_t hold_ms;
	uint64_t wrap_ms;
};

struct cc_acd_agent_stats {
	uint32_t offered;
	uint32_t answered;
	uint32_t no_answer; /* offers that timed out */
	uint32_t rejected;  /* offers declined */
	uint32_t handled;
	uint64_t talk_ms; /* of handled calls, hold excluded */
	uint64_t hold_ms;
	uint64_t wrap_ms;
	uint64_t state_ms[CC_ACD_AGENT_ST__COUNT]; /* time spent in each state in the period */
	uint64_t not_ready_ms[CC_ACD_NUM_REASONS]; /* NOT_READY time by reason code */
};

enum cc_acd_sl_variant {
	CC_ACD_SL_ANSWERED, /* answered_within / answered */
	CC_ACD_SL_OFFERED,  /* answered_within / (answered + abandoned) */
	CC_ACD_SL_NO_SHORT, /* answered_within / (answered + abandoned - short_abandoned) */
	CC_ACD_SL__COUNT
};

/* KPIs derived from counters (doc/acd.md); NaN when the denominator is zero. */
CC_API double cc_acd_kpi_sl(const struct cc_acd_queue_stats *s, enum cc_acd_sl_variant v);
CC_API double cc_acd_kpi_answer_rate(const struct cc_acd_queue_stats *s);
CC_API double cc_acd_kpi_abandon_rate(const struct cc_acd_queue_stats *s, bool with_short);
CC_API double cc_acd_kpi_asa_ms(const struct cc_acd_queue_stats *s);
CC_API double cc_acd_kpi_aht_ms(const struct cc_acd_queue_stats *s);
CC_API double cc_acd_kpi_agent_aht_ms(const struct cc_acd_agent_stats *s);
CC_API double cc_acd_kpi_occupancy(const struct cc_acd_agent_stats *s);
/* Adds @src into @dst (e.g. two 15-minute intervals into a 30-minute one). */
CC_API void cc_acd_queue_stats_add(struct cc_acd_queue_stats *dst,
				   const struct cc_acd_queue_stats *src);
CC_API void cc_acd_agent_stats_add(struct cc_acd_agent_stats *dst,
				   const struct cc_acd_agent_stats *src);

/* ---------------------------------------------------------------- engine */

struct cc_acd;

CC_API const char *cc_acd_agent_st_name(enum cc_acd_agent_st st);
CC_API const char *cc_acd_strategy_name(enum cc_acd_strategy s);
CC_API const char *cc_acd_disp_name(enum cc_acd_disp d);
CC_API const char *cc_acd_cancel_name(enum cc_acd_cancel c);
CC_API const char *cc_acd_ev_name(enum cc_acd_ev_type t);
/* Returns -EINVAL for an unknown name. */
CC_API int cc_acd_strategy_parse(const char *name);

/* Fill with defaults (documented in doc/acd.md). */
CC_API void cc_acd_config_init(struct cc_acd_config *cfg);
CC_API void cc_acd_queue_params_init(struct cc_acd_queue_params *p);
CC_API void cc_acd_agent_params_init(struct cc_acd_agent_params *p);
CC_API void cc_acd_call_params_init(struct cc_acd_call_params *p);

/**
 * cc_acd_new() - create an engine; every table is preallocated here
 * @cfg: configuration (borrowed; copied)
 * @out_acd: the engine
 * Return: 0, -EINVAL on a bad configuration, -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_acd_new(const struct cc_acd_config *cfg, struct cc_acd **out_acd);
CC_API void cc_acd_free(struct cc_acd *acd);

/* Bytes of memory the engine holds (for sizing). */
CC_API size_t cc_acd_memory_bytes(const struct cc_acd *acd);

/**
 * cc_acd_tick() - run timers due at or before @now_ms
 * cc_acd_next_deadline_ms() - when the next timer is due (UINT64_MAX: none)
 */
CC_API void cc_acd_tick(struct cc_acd *acd, uint64_t now_ms);
CC_API uint64_t cc_acd_next_deadline_ms(const struct cc_acd *acd);

/* Take the oldest pending event; false if none. */
CC_API bool cc_acd_event_get(struct cc_acd *acd, struct cc_acd_event *out_ev);
CC_API uint32_t cc_acd_event_pending(const struct cc_acd *acd);

/* Queues.  Return 0 or -errno: -EINVAL bad parameters, -ENOSPC table full, -ENOENT. */
CC_API CC_MUST_CHECK int cc_acd_queue_add(struct cc_acd *acd, const struct cc_acd_queue_params *p,
					  uint32_t *out_queue);
/* Only an empty queue (no waiting call) can be removed: -EBUSY otherwise. */
CC_API CC_MUST_CHECK int cc_acd_queue_remove(struct cc_acd *acd, uint32_t queue, uint64_t now_ms);
CC_API uint32_t cc_acd_queue_waiting(const struct cc_acd *acd, uint32_t queue);
CC_API bool cc_acd_queue_is_open(const struct cc_acd *acd, uint32_t queue, uint64_t now_ms);

/* Agents. */
CC_API CC_MUST_CHECK int cc_acd_agent_add(struct cc_acd *acd, const struct cc_acd_agent_params *p,
					  uint32_t *out_agent);
/* Only a logged-out agent can be removed: -EPROTO otherwise. */
CC_API CC_MUST_CHECK int cc_acd_agent_remove(struct cc_acd *acd, uint32_t agent);
/* Set (level 1..16) or remove (level 0) a skill; re-matches at once. */
CC_API CC_MUST_CHECK int cc_acd_agent_skill_set(struct cc_acd *acd, uint32_t agent, uint16_t skill,
						uint8_t level, uint64_t now_ms);
CC_API uint8_t cc_acd_agent_skill_get(const struct cc_acd *acd, uint32_t agent, uint16_t skill);
/* LOGGED_OUT -> NOT_READY (reason NONE); resets the session counters. */
CC_API CC_MUST_CHECK int cc_acd_agent_login(struct cc_acd *acd, uint32_t agent, uint64_t now_ms);
/* Any state without a connected call -> LOGGED_OUT (pending offers are cancelled);
 * -EPROTO while a call is connected. */
CC_API CC_MUST_CHECK int cc_acd_agent_logout(struct cc_acd *acd, uint32_t agent, uint64_t now_ms);
/* NOT_READY or WRAP_UP -> READY (ends after-call work early). */
CC_API CC_MUST_CHECK int cc_acd_agent_ready(struct cc_acd *acd, uint32_t agent, uint64_t now_ms);
/* READY/RESERVED/WRAP_UP -> NOT_READY(reason); while BUSY the change is deferred to the
 * end of the agent's calls (and replaces after-call work). */
CC_API CC_MUST_CHECK int cc_acd_agent_not_ready(struct cc_acd *acd, uint32_t agent, uint8_t reason,
						uint64_t now_ms);
CC_API enum cc_acd_agent_st cc_acd_agent_state(const struct cc_acd *acd, uint32_t agent);
/* Time of the last entry into @st (0 if never). */
CC_API uint64_t cc_acd_agent_state_since_ms(const struct cc_acd *acd, uint32_t agent,
					    enum cc_acd_agent_st st);
CC_API uint8_t cc_acd_agent_reason(const struct cc_acd *acd, uint32_t agent);

/* Calls. */
CC_API CC_MUST_CHECK int cc_acd_call_enqueue(struct cc_acd *acd, uint32_t queue,
					     const struct cc_acd_call_params *p, uint64_t now_ms,
					     uint32_t *out_call, enum cc_acd_disp *out_disp);
/* The agent answered an offer.  -EALREADY if another agent answered first (ring-all),
 * -EPROTO if the call was not offered to this agent, -ENOENT for a stale call id. */
CC_API CC_MUST_CHECK int cc_acd_call_answer(struct cc_acd *acd, uint32_t call, uint32_t agent,
					    uint64_t now_ms);
/* The agent declined the offer (or the switch reports it could not ring). */
CC_API CC_MUST_CHECK int cc_acd_call_decline(struct cc_acd *acd, uint32_t call, uint32_t agent,
					     uint64_t now_ms);
/* The caller hung up before being answered. */
CC_API CC_MUST_CHECK int cc_acd_call_abandon(struct cc_acd *acd, uint32_t call, uint64_t now_ms);
CC_API CC_MUST_CHECK int cc_acd_call_hold(struct cc_acd *acd, uint32_t call, bool on,
					  uint64_t now_ms);
/* A connected call ended; the agent enters after-call work. */
CC_API CC_MUST_CHECK int cc_acd_call_end(struct cc_acd *acd, uint32_t call, uint64_t now_ms);
CC_API bool cc_acd_call_exists(const struct cc_acd *acd, uint32_t call);

/* Nuisance lock by number: lock until @until_ms (manual), or clear. */
CC_API CC_MUST_CHECK int cc_acd_caller_lock(struct cc_acd *acd, const char *number,
					    uint64_t until_ms, uint64_t now_ms);
CC_API CC_MUST_CHECK int cc_acd_caller_unlock(struct cc_acd *acd, const char *number);
CC_API bool cc_acd_caller_is_locked(const struct cc_acd *acd, const char *number, uint64_t now_ms);

CC_API uint8_t cc_acd_surge_level(const struct cc_acd *acd);
CC_API uint32_t cc_acd_waiting(const struct cc_acd *acd); /* waiting or ringing calls */

/* Statistics: copy into caller memory.  -ENOENT for an unknown id. */
CC_API CC_MUST_CHECK int cc_acd_queue_stats_get(const struct cc_acd *acd, uint32_t queue,
						enum cc_acd_period period,
						struct cc_acd_queue_stats *out);
/* Agent state time includes the running state up to the engine's current time. */
CC_API CC_MUST_CHECK int cc_acd_agent_stats_get(const struct cc_acd *acd, uint32_t agent,
						enum cc_acd_period period,
						struct cc_acd_agent_stats *out);

/* Engine-wide counters of misuse and drops (logs explain, counters measure). */
struct cc_acd_counters {
	uint64_t decisions;	   /* offers made */
	uint64_t time_backwards;   /* now_ms earlier than a previous call; clamped */
	uint64_t bad_requests;	   /* calls returning -EINVAL/-EPROTO/-ENOENT */
	uint64_t event_queue_grow; /* event ring had to grow (integrator not draining) */
	uint64_t events_dropped;   /* could not grow */
	uint64_t caller_evictions; /* caller memory full */
};
CC_API void cc_acd_counters_get(const struct cc_acd *acd, struct cc_acd_counters *out);

/**
 * cc_acd_check() - verify every internal invariant (debug/test aid, O(agents x calls))
 * Return: 0, or -EPROTO with a one-line description in @why (may be NULL).
 */
CC_API int cc_acd_check(const struct cc_acd *acd, char *why, size_t why_len);

/* ---------------------------------------------------------------- simulator */

enum cc_acd_sim_dist {
	CC_ACD_SIM_EXP,
	CC_ACD_SIM_LOGNORMAL,
};

/* Discrete-event simulation of one queue served by identical agents, driving the real
 * engine (cc-acd-sim(8)). */
struct cc_acd_sim_params {
	uint64_t seed;
	uint32_t calls;	       /* arrivals to simulate */
	double arrivals_per_s; /* Poisson rate */
	enum cc_acd_sim_dist handle_dist;
	double aht_s;	   /* mean handle time (talk) */
	double handle_cv;  /* lognormal: coefficient of variation */
	double patience_s; /* mean exponential patience; 0 = never abandon */
	uint32_t agents;
	uint32_t capacity;
	enum cc_acd_strategy strategy;
	uint32_t sl_threshold_ms;
	uint32_t short_abandon_ms;
	uint32_t wrapup_ms;
	uint32_t answer_delay_ms; /* agent's ring-to-answer time */
	double break_every_s;	  /* mean time between not-ready breaks per agent (0 = none) */
	double break_len_s;
	double shift_s; /* agents work shifts of this length, half of them offset by
				   * half a shift, with a 60 s hand-over gap (0 = always on) */
};

struct cc_acd_sim_result {
	struct cc_acd_queue_stats q; /* engine statistics (cumulative) */
	uint32_t waited;	     /* calls not offered at arrival */
	double sl;		     /* CC_ACD_SL_OFFERED */
	double asa_s;
	double p_wait;
	double p_abandon;
	double occupancy; /* all agents, from engine agent statistics */
	double sim_time_s;
	uint64_t events;
};

CC_API void cc_acd_sim_params_init(struct cc_acd_sim_params *p);
/* Return: 0, -EINVAL, -ENOMEM, -EPROTO if the engine misbehaved (a bug). */
CC_API CC_MUST_CHECK int cc_acd_sim_run(const struct cc_acd_sim_params *p,
					struct cc_acd_sim_result *out);

#endif /* CALLCENTER_ACD_H */
