/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private structures of the ACD engine.  See doc/acd.md for the model.
 *
 * Index ("skill group"): one per distinct set of skill requirements.  A queue needing one
 * skill s at level >= m uses the shared index {(s, base 0)} with threshold m; a queue
 * needing several skills uses the index {(s1, m1), (s2, m2), ...} with threshold 0.  An
 * agent that has every skill of an index is a member with margin
 * min_i(level_i - base_i) in -15..16, kept as bucket = margin + 15 (0..31).  A waiting
 * call can take an agent of bucket >= its threshold bucket (thresholds drop as skill
 * expansion widens them).
 *
 * Per index and bucket:
 *  - available agents, in one 4-ary heap per ordering key in use (longest idle, fewest
 *    calls, least talk, round robin, linear) plus a dense array (weighted random);
 *    capacity is reserved when membership is created (configuration time), so inserting
 *    never allocates;
 *  - waiting calls in an intrusive pairing heap ordered by (priority-adjusted key, seq);
 *    the nodes live in the preallocated call table, so it never allocates.
 * Bitmasks of non-empty buckets make every lookup a scan of at most 32 heads.
 */
#ifndef CC_ACD_INT_H
#define CC_ACD_INT_H

#include <callcenter/acd.h>

#define NONE		    CC_ACD_NONE
#define NBUCKET		    32
#define BUCKET_OF_MARGIN(m) ((uint8_t)((m) + 15))

enum key_type {
	K_IDLE,	  /* idle since (ms) */
	K_CALLS,  /* calls this session << 40 | idle since (s) */
	K_TALK,	  /* talk seconds this session << 40 | idle since (s) */
	K_RR,	  /* last offer sequence number */
	K_LINEAR, /* position << 32 | agent id */
	K_RAND,	  /* dense array, no order */
	K__COUNT
};
#define K_ORDERED K_RAND /* keys 0 .. K_ORDERED-1 have a lazy heap */

/*
 * Lazy-deletion heap entry: the key the agent had when it became available, and the
 * agent id with the 8-bit generation of that indexing.  An entry is live while
 * acd->agen[agent] equals its generation (the agent is still indexed since then) and its
 * key is the agent's current key; anything else is stale and is dropped when it reaches
 * the top or when the heap is compacted.  Making an agent unavailable is therefore O(1)
 * for every ordering (agen[agent] = 0), whatever the number of skills and keys.
 */
struct lent {
	uint64_t key;
	uint32_t ag; /* agent id << 8 | generation (1..255) */
} __attribute__((packed, aligned(4)));

#define LENT_AGENT(e) ((e)->ag >> 8)
#define LENT_GEN(e)   ((uint8_t)((e)->ag & 0xffu))

struct lheap {
	struct lent *e;
	uint32_t n, cap;
};

/* Heap capacity reserved for @members agents: the slack bounds how often it is compacted
 * (the reservation is renewed below LHEAP_LOW, so a compaction of a full heap frees at
 * least members/8 + 8 entries, O(cap) each time: amortised O(1) per insertion). */
#define LHEAP_CAP(members) ((members) + (members) / 4u + 8u)
#define LHEAP_LOW(members) ((members) + (members) / 8u + 8u)

struct abucket {
	struct lheap h[K_ORDERED];
	uint32_t *rnd; /* lazy-deletion array of agent << 8 | generation (weighted random) */
	uint32_t nrnd, rndcap;
	uint32_t members; /* agents of this bucket (available or not): reserved capacity */
	uint32_t navail;
};

struct sidx {
	uint8_t nreq;
	uint16_t skill[CC_ACD_MAX_QUEUE_SKILLS];
	uint8_t base[CC_ACD_MAX_QUEUE_SKILLS];
	uint32_t keymask;
	uint32_t nqueues;
	uint32_t avail_mask; /* buckets with an available agent */
	uint32_t call_mask;  /* thresholds with a waiting call */
	uint32_t call_root[NBUCKET];
	int64_t root_key[NBUCKET]; /* key and seq of each call_root (valid when non-empty) */
	uint64_t root_seq[NBUCKET];
	struct abucket b[NBUCKET];
};

/* Membership of an agent in an index (12 bytes); a free one has idx == NONE. */
struct mbr {
	uint32_t idx;
	uint32_t next; /* next membership of the same agent, or free-list link */
	uint8_t bucket;
};
#define MBR_USED(mb) ((mb)->idx != NONE)

enum timer_kind {
	T_PHASE, /* call: ring timeout while OFFERED, expansion step / sticky fall-back while WAITING */
	T_WAIT, /* call: maximum wait */
	T_WRAP, /* agent: end of after-call work */
	T_SURGE,
	T_INTERVAL,
};

/* A timer embedded in its owner (24 bytes); the timer heap holds pointers to them. */
struct tnode {
	uint64_t due;
	uint64_t seq;
	uint32_t hidx; /* position in the timer heap, NONE when not armed */
	uint32_t owner : 28;
	uint32_t kind : 4;
};

enum slot_st { SLOT_FREE, SLOT_OFFERED, SLOT_CONNECTED };

/*
 * Interval statistics of an agent in 32-bit fields: counts, and state times (an interval
 * is at most 24 h = 86,400,000 ms < 2^32).  Handle times stay 64-bit (they are attributed
 * when a call's handling completes, and one call may span many intervals).  Added into
 * the cumulative struct cc_acd_agent_stats at each roll-over.
 */
struct agent_ivl {
	/* what offers, answers and hang-ups update, first (from line 2 of the agent record;
	 * the BUSY and WRAP_UP times and everything after them are in line 3) */
	uint32_t offered;
	uint32_t answered;
	uint32_t handled;
	uint32_t no_answer;
	uint32_t state_ms[CC_ACD_AGENT_ST__COUNT];
	uint64_t talk_ms;
	uint64_t hold_ms;
	uint64_t wrap_ms;
	uint32_t not_ready_ms[CC_ACD_NUM_REASONS];
	uint32_t rejected;
};

/*
 * Inline copy of an agent's memberships (index, bucket), kept by mbr_sync() whenever the
 * membership list changes (configuration time), so that a routing decision reads them
 * from the agent record it already fetches instead of following the list through the
 * membership table (one dependent cache miss less per decision at 100,000 agents).  An
 * agent with more than MC_MAX memberships, or one in an index numbered 0xffff or above,
 * has nmc == MC_LIST: the decision walks the list, as before.
 */
#define MC_MAX	4
#define MC_LIST 0xffu

/*
 * Agent record, 448 bytes, cache-line aligned.  A routing decision reads and writes its
 * first four cache lines only (prefetched together as soon as the agent is known): line
 * 0 state, counts, offer slots' states, the inline memberships, the membership list and
 * the ordering keys (all a pick compares, but the talk time of the least-talk key, first
 * in line 1); line 1 the accounting start, the offer slots and the first state
 * timestamps; line 2 the other timestamps, the interval counts and the state times up to
 * RESERVED; line 3 the BUSY and WRAP_UP times, handle times and not-ready times by
 * reason.  So an arrival's decision touches lines 0-2 of the agent it picks, an agent
 * becoming ready or hanging up lines 0-3.  The wrap-up timer and the cumulative
 * statistics (touched at roll-over and by the getter) follow.
 */
struct agent {
	bool used;
	bool indexed;
	uint8_t igen; /* generation of the current / last indexing (1..255) */
	bool pending_nr;
	bool wrap_pending;
	uint8_t st;
	uint8_t reason;
	uint8_t pending_reason;
	uint8_t capacity;
	uint8_t noffer;
	uint8_t nconn;
	uint8_t acct_st;
	uint8_t acct_reason;
	uint8_t slot_st[CC_ACD_MAX_CAPACITY];
	uint8_t nmc; /* memberships in mc_*, or MC_LIST */
	uint8_t mc_bucket[MC_MAX];
	uint32_t position;
	uint32_t mbr_head;
	uint32_t pref_head; /* sticky calls waiting for this agent */
	uint32_t calls_session;
	uint16_t mc_idx[MC_MAX];
	uint64_t idle_since;
	uint64_t last_offer_seq;
	/* line 1 */
	uint64_t talk_session_ms;
	uint64_t acct_since;
	union {
		struct { /* while the agent has offers or calls (never in WRAP_UP) */
			uint32_t slot_call[CC_ACD_MAX_CAPACITY];
			uint32_t slot_next[CC_ACD_MAX_CAPACITY]; /* offer chain: agent*CAP+slot */
		};
		struct { /* in WRAP_UP (no offers, no calls) */
			uint64_t wrap_start, wrap_talk, wrap_hold;
			uint32_t wrap_queue;
		};
	};
	uint64_t st_ts[CC_ACD_AGENT_ST__COUNT];
	/* line 2 from cur.offered */
	struct agent_ivl cur;
	struct tnode t_wrap;
	struct cc_acd_agent_stats cum;
} __attribute__((aligned(64)));

enum call_st { CALL_FREE, CALL_WAITING, CALL_OFFERED, CALL_CONNECTED };

/* pairing-heap node sets inside a call */
enum { PH_IDX, PH_GLOBAL, PH__COUNT };

/*
 * Call record, 160 bytes.  Fields only used while the call waits or rings share memory
 * with those only used while it is connected, and the free-list link with the arrival
 * sequence.  The first 64 bytes hold what the call heaps compare and link (key,
 * sequence, first entry, links), what an offer checks first, and everything the end of
 * a connected call reads (its agent, answer and hold times) and writes (the free-list
 * link), so that heap operations and a hang-up touch the first 64 bytes of each call
 * they visit.  The two timer nodes are last: tarm says whether either is armed, so a
 * call whose timers are idle (the common case on the routing path) is never read there
 * just to find that out.
 */
#define TARM_PHASE 1u
#define TARM_WAIT  2u
struct call {
	uint16_t gen;
	uint8_t tarm; /* TARM_* bits: which of t_phase, t_wait is armed (their hidx != NONE) */
	uint8_t spare;
	uint8_t st;
	bool sticky;  /* waiting only for pref_agent (in its list, not in an index heap) */
	bool in_heap; /* in its index heap */
	bool hold;
	uint8_t category;
	uint8_t step;	/* next expansion step */
	uint8_t widen;	/* current widening */
	uint8_t bucket; /* threshold bucket */
	uint32_t queue;
	union {
		struct {			   /* WAITING / OFFERED */
			int64_t key;		   /* first_ms - prio * prio_step_ms */
			uint32_t ph[PH__COUNT][3]; /* child, next, prev */
		};
		struct { /* CONNECTED */
			uint64_t answer_ms;
			uint64_t hold_since;
			uint64_t hold_ms;
			uint32_t agent; /* connected agent */
		};
	};
	union {
		uint64_t seq;	    /* arrival sequence (not FREE) */
		uint32_t free_next; /* FREE */
	};
	uint64_t first_ms; /* first entry into any queue (fairness, longest wait) */
	/* line 1 */
	uint32_t pref_agent;
	uint32_t excl_agent; /* agent that just failed to answer */
	uint32_t noffers;
	uint32_t offer_head;
	uint32_t pl_next, pl_prev; /* preferred-agent list */
	uint32_t caller;	   /* caller-table slot of the number, or NONE (withheld / off) */
	int32_t prio;
	uint64_t q_enter_ms;  /* entry into the current queue (statistics) */
	uint64_t caller_hash; /* the number's hash then: the slot may be reused for another */
	struct tnode t_phase, t_wait;
};

struct queue {
	bool used;
	struct cc_acd_queue_params p;
	uint32_t idx;
	uint8_t tbase;	  /* threshold bucket with no widening */
	uint8_t tfloor;	  /* lowest threshold widening may reach */
	uint32_t waiting; /* WAITING + OFFERED calls of this queue */
	struct cc_acd_queue_stats cur, cum;
};

struct caller {
	bool used;
	uint64_t hash;
	uint64_t last_seen;
	uint64_t win_start;
	uint64_t lock_until;
	uint64_t last_agent_ms;
	uint32_t win_count;
	uint32_t last_agent;
	char number[CC_ACD_NUMBER_MAX];
};

/* Per skill: the indexes that use it (a skill change looks at those only). */
struct u32vec {
	uint32_t *v;
	uint32_t n, cap;
};

struct cc_acd {
	struct cc_acd_config cfg;
	uint64_t now;
	uint64_t seq;
	uint64_t offer_seq;
	uint64_t timer_seq;
	uint64_t rng;

	struct agent *agents;
	uint32_t agent_hint; /* every agent id below it is in use */
	uint8_t *skill_lv;   /* max_agents x max_skills */
	struct queue *queues;
	struct call *calls;
	uint32_t call_free;
	uint32_t calls_used;

	struct sidx **idx; /* max_queues pointers; an index is allocated when first used */
	uint32_t nidx;
	uint8_t *agen;		  /* per agent: generation of its indexing, 0 while not indexed */
	struct u32vec *skill_idx; /* max_skills */

	struct mbr *mbrs;
	uint32_t nmbr, mbr_cap, mbr_free;

	struct tnode **th;
	uint32_t th_n, th_cap;
	struct tnode t_surge, t_interval;

	uint32_t gh_root; /* all WAITING/OFFERED calls by first_ms */
	uint32_t nwaiting;

	uint8_t surge;
	uint64_t surge_true[CC_ACD_MAX_SURGE];
	uint64_t surge_false[CC_ACD_MAX_SURGE];

	uint64_t ivl_start;

	struct cc_acd_event *ev;
	uint32_t ev_head, ev_n, ev_cap;

	/* work pending at the end of an operation */
	uint32_t *pend_agent;
	uint32_t npend_agent, pend_agent_head;
	uint8_t *agent_pending; /* 1: in pend_agent, 2: in pend_late */
	uint32_t *pend_late;	/* agents matched after the pending calls */
	uint32_t npend_late, pend_late_head;
	uint32_t *pend_call;
	uint32_t npend_call, pend_call_head;
	uint8_t *call_pending;

	struct caller *callers;
	uint32_t caller_mask;

	struct cc_acd_counters ctr;
};

/* Ordering key @k of an available agent (smaller first). */
static inline uint64_t acd_agent_key(const struct agent *a, uint32_t aid, int k)
{
	const uint64_t m40 = (1ull << 40) - 1;
	uint64_t v;

	switch (k) {
	case K_IDLE:
		return a->idle_since;
	case K_CALLS:
		v = a->calls_session < 0xffffffu ? a->calls_session : 0xffffffu;
		return v << 40 | ((a->idle_since / 1000) & m40);
	case K_TALK:
		v = a->talk_session_ms / 1000;
		v = v < 0xffffffu ? v : 0xffffffu;
		return v << 40 | ((a->idle_since / 1000) & m40);
	case K_RR:
		return a->last_offer_seq;
	case K_LINEAR:
		return (uint64_t)a->position << 32 | aid;
	default:
		return 0;
	}
}

/* cc_acd_stats.c: the interval statistics in the public (64-bit) form */
void acd_agent_ivl_export(const struct agent_ivl *iv, struct cc_acd_agent_stats *out);

/* cc_acd_heap.c */
static inline bool acd_lent_less(const struct lent *a, const struct lent *b)
{
	return a->key < b->key || (a->key == b->key && a->ag < b->ag);
}

void acd_lh_push(struct lheap *h, const uint8_t *agen, uint64_t key, uint32_t ag);
void acd_rnd_push(struct abucket *B, const uint8_t *agen, uint32_t ag);
void acd_rnd_compact(struct abucket *B, const uint8_t *agen);
void acd_lh_pop(struct lheap *h);
void acd_lh_compact(struct lheap *h, const uint8_t *agen);
void acd_lh_heapify(struct lheap *h);
bool acd_lh_valid(const struct lheap *h);

uint32_t acd_ph_insert(struct call *c, int w, uint32_t root, uint32_t x);
uint32_t acd_ph_remove(struct call *c, int w, uint32_t root, uint32_t x);
bool acd_ph_less(const struct call *c, int w, uint32_t a, uint32_t b);
bool acd_ph_valid(const struct call *c, int w, uint32_t root, uint32_t *out_count);

void acd_tm_arm(struct cc_acd *acd, struct tnode *t, uint64_t due);
void acd_tm_stop(struct cc_acd *acd, struct tnode *t);
struct tnode *acd_tm_pop_due(struct cc_acd *acd, uint64_t now);

#endif /* CC_ACD_INT_H */
