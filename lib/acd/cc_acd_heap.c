// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Heaps of the ACD engine; none of them allocates.
 *
 * - Lazy-deletion 4-ary min-heaps of available agents (entries: 64-bit ordering key,
 *   agent id and generation; see struct lent).  Nothing is removed when an agent stops
 *   being available; stale entries are dropped when they reach the top or when a full
 *   heap is compacted.  Ties are broken by the smaller agent id, so the order is total
 *   and decisions are deterministic.
 * - Intrusive pairing heaps of calls, indices into the call table (three u32 links per
 *   heap per call): O(1) insert, O(log n) amortised delete.
 * - The timer heap: binary heap of pointers to timer nodes embedded in their owners,
 *   ordered by (due, arming sequence).
 */
#include "cc_acd_int.h"

/* ------------------------------------------------------------ lazy heaps of agents */

/*
 * The lazy heaps are LH_D-ary (children of i: LH_D * i + 1 ... LH_D * i + LH_D): a stale
 * top is popped by a sift-down whose every level is a dependent cache miss when the heap
 * is cold, as it is at 100,000 agents; four children of 12 bytes lie in one or two cache
 * lines, and the depth is half that of a binary heap.  The order is total, so the pick
 * does not depend on the arity.
 */
#define LH_D 4u

static void lh_sift_up(struct lheap *h, uint32_t i)
{
	struct lent x = h->e[i];

	while (i > 0) {
		uint32_t p = (i - 1) / LH_D;

		if (!acd_lent_less(&x, &h->e[p]))
			break;
		h->e[i] = h->e[p];
		i = p;
	}
	h->e[i] = x;
}

static void lh_sift_down(struct lheap *h, uint32_t i)
{
	struct lent x = h->e[i];

	for (;;) {
		uint32_t l = LH_D * i + 1, c, end;

		if (l >= h->n)
			break;
		end = h->n - l < LH_D ? h->n : l + LH_D;
		c = l;
		for (uint32_t j = l + 1; j < end; j++)
			if (acd_lent_less(&h->e[j], &h->e[c]))
				c = j;
		if (!acd_lent_less(&h->e[c], &x))
			break;
		h->e[i] = h->e[c];
		i = c;
	}
	h->e[i] = x;
}

/* Keep the live entries only, then heapify (Floyd, O(n)). */
void acd_lh_compact(struct lheap *h, const uint8_t *agen)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < h->n; i++) {
		const struct lent *e = &h->e[i];

		if (agen[LENT_AGENT(e)] == LENT_GEN(e))
			h->e[n++] = *e;
	}
	h->n = n;
	acd_lh_heapify(h);
}

void acd_lh_heapify(struct lheap *h)
{
	for (uint32_t i = h->n > 1 ? (h->n - 2) / LH_D + 1 : 0; i-- > 0;)
		lh_sift_down(h, i);
}

/* The capacity is reserved at configuration time (LHEAP_CAP()); a full heap is compacted
 * first, which always frees room since at most one entry per member is live. */
void acd_lh_push(struct lheap *h, const uint8_t *agen, uint64_t key, uint32_t ag)
{
	if (h->n == h->cap)
		acd_lh_compact(h, agen);
	CC_ASSERT(h->n < h->cap);
	h->e[h->n].key = key;
	h->e[h->n].ag = ag;
	h->n++;
	lh_sift_up(h, h->n - 1);
}

void acd_lh_pop(struct lheap *h)
{
	CC_ASSERT(h->n > 0);
	h->n--;
	if (h->n) {
		h->e[0] = h->e[h->n];
		lh_sift_down(h, 0);
	}
}

/* ------------------------------------------------------------ random-pick arrays */

/*
 * The weighted-random strategy's array of available agents is lazy too: entries
 * (agent << 8 | generation) are appended when an agent becomes available and go stale
 * when it stops being available, with nothing written then; a pick draws entries until
 * it finds a live one, removing the stale ones it meets (cc_acd.c, pick_agent()).
 */
void acd_rnd_compact(struct abucket *B, const uint8_t *agen)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < B->nrnd; i++)
		if (agen[B->rnd[i] >> 8] == (uint8_t)(B->rnd[i] & 0xffu))
			B->rnd[n++] = B->rnd[i];
	B->nrnd = n;
}

void acd_rnd_push(struct abucket *B, const uint8_t *agen, uint32_t ag)
{
	if (B->nrnd == B->rndcap)
		acd_rnd_compact(B, agen);
	CC_ASSERT(B->nrnd < B->rndcap);
	B->rnd[B->nrnd++] = ag;
}

bool acd_lh_valid(const struct lheap *h)
{
	if (h->n > h->cap)
		return false;
	for (uint32_t i = 1; i < h->n; i++)
		if (acd_lent_less(&h->e[i], &h->e[(i - 1) / LH_D]))
			return false;
	return true;
}

/* ------------------------------------------------------------ pairing heap of calls */

enum { CHILD, NEXT, PREV };
#define L(x, f) (c[x].ph[w][f])

bool acd_ph_less(const struct call *c, int w, uint32_t a, uint32_t b)
{
	if (w == PH_IDX) {
		if (c[a].key != c[b].key)
			return c[a].key < c[b].key;
	} else if (c[a].first_ms != c[b].first_ms) {
		return c[a].first_ms < c[b].first_ms;
	}
	return c[a].seq < c[b].seq;
}

/* Both roots have no siblings and no parent. */
static uint32_t ph_meld(struct call *c, int w, uint32_t a, uint32_t b)
{
	uint32_t t;

	if (a == NONE)
		return b;
	if (b == NONE)
		return a;
	if (acd_ph_less(c, w, b, a)) {
		t = a;
		a = b;
		b = t;
	}
	L(b, PREV) = a;
	L(b, NEXT) = L(a, CHILD);
	if (L(a, CHILD) != NONE)
		L(L(a, CHILD), PREV) = b;
	L(a, CHILD) = b;
	return a;
}

/* Two-pass pairing of a sibling list; returns the new root. */
static uint32_t ph_merge_pairs(struct call *c, int w, uint32_t first)
{
	uint32_t stack = NONE, cur = first, root = NONE;

	while (cur != NONE) {
		uint32_t a = cur, b = L(a, NEXT), nxt, m;

		if (b == NONE) {
			L(a, NEXT) = NONE;
			L(a, PREV) = NONE;
			m = a;
			nxt = NONE;
		} else {
			nxt = L(b, NEXT);
			L(a, NEXT) = L(a, PREV) = L(b, NEXT) = L(b, PREV) = NONE;
			m = ph_meld(c, w, a, b);
		}
		L(m, NEXT) = stack; /* stack link */
		stack = m;
		cur = nxt;
	}
	while (stack != NONE) {
		uint32_t n = L(stack, NEXT);

		L(stack, NEXT) = NONE;
		L(stack, PREV) = NONE;
		root = ph_meld(c, w, root, stack);
		stack = n;
	}
	if (root != NONE)
		L(root, PREV) = NONE;
	return root;
}

uint32_t acd_ph_insert(struct call *c, int w, uint32_t root, uint32_t x)
{
	L(x, CHILD) = L(x, NEXT) = L(x, PREV) = NONE;
	return ph_meld(c, w, root, x);
}

uint32_t acd_ph_remove(struct call *c, int w, uint32_t root, uint32_t x)
{
	uint32_t sub;

	if (x == root) {
		root = ph_merge_pairs(c, w, L(x, CHILD));
		L(x, CHILD) = L(x, NEXT) = L(x, PREV) = NONE;
		return root;
	}
	/* unlink x from its parent (if leftmost) or its previous sibling */
	if (L(L(x, PREV), CHILD) == x)
		L(L(x, PREV), CHILD) = L(x, NEXT);
	else
		L(L(x, PREV), NEXT) = L(x, NEXT);
	if (L(x, NEXT) != NONE)
		L(L(x, NEXT), PREV) = L(x, PREV);
	sub = ph_merge_pairs(c, w, L(x, CHILD));
	L(x, CHILD) = L(x, NEXT) = L(x, PREV) = NONE;
	return ph_meld(c, w, root, sub);
}

static bool ph_valid_sub(const struct call *c, int w, uint32_t x, uint32_t *count, uint32_t depth)
{
	if (depth > 1000000)
		return false;
	for (uint32_t ch = L(x, CHILD), prev = x; ch != NONE; prev = ch, ch = L(ch, NEXT)) {
		if (L(ch, PREV) != prev || acd_ph_less(c, w, ch, x))
			return false;
		(*count)++;
		if (!ph_valid_sub(c, w, ch, count, depth + 1))
			return false;
	}
	return true;
}

bool acd_ph_valid(const struct call *c, int w, uint32_t root, uint32_t *out_count)
{
	*out_count = 0;
	if (root == NONE)
		return true;
	if (L(root, PREV) != NONE || L(root, NEXT) != NONE)
		return false;
	*out_count = 1;
	return ph_valid_sub(c, w, root, out_count, 0);
}

#undef L

/* ------------------------------------------------------------ timers */

static inline bool tm_lt(const struct tnode *a, const struct tnode *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void tm_set(struct cc_acd *acd, uint32_t i, struct tnode *t)
{
	acd->th[i] = t;
	t->hidx = i;
}

static void tm_up(struct cc_acd *acd, uint32_t i)
{
	struct tnode *t = acd->th[i];

	while (i > 0) {
		uint32_t p = (i - 1) / 2;

		if (!tm_lt(t, acd->th[p]))
			break;
		tm_set(acd, i, acd->th[p]);
		i = p;
	}
	tm_set(acd, i, t);
}

static void tm_down(struct cc_acd *acd, uint32_t i)
{
	struct tnode *t = acd->th[i];

	for (;;) {
		uint32_t l = 2 * i + 1, ch;

		if (l >= acd->th_n)
			break;
		ch = l;
		if (l + 1 < acd->th_n && tm_lt(acd->th[l + 1], acd->th[l]))
			ch = l + 1;
		if (!tm_lt(acd->th[ch], t))
			break;
		tm_set(acd, i, acd->th[ch]);
		i = ch;
	}
	tm_set(acd, i, t);
}

void acd_tm_stop(struct cc_acd *acd, struct tnode *t)
{
	uint32_t i = t->hidx;

	if (i == NONE)
		return;
	t->hidx = NONE;
	acd->th_n--;
	if (i == acd->th_n)
		return;
	tm_set(acd, i, acd->th[acd->th_n]);
	if (i > 0 && tm_lt(acd->th[i], acd->th[(i - 1) / 2]))
		tm_up(acd, i);
	else
		tm_down(acd, i);
}

void acd_tm_arm(struct cc_acd *acd, struct tnode *t, uint64_t due)
{
	acd_tm_stop(acd, t);
	CC_ASSERT(acd->th_n < acd->th_cap);
	t->due = due;
	t->seq = ++acd->timer_seq;
	acd->th[acd->th_n] = t;
	t->hidx = acd->th_n;
	acd->th_n++;
	tm_up(acd, acd->th_n - 1);
}

struct tnode *acd_tm_pop_due(struct cc_acd *acd, uint64_t now)
{
	struct tnode *t;

	if (acd->th_n == 0 || acd->th[0]->due > now)
		return NULL;
	t = acd->th[0];
	acd_tm_stop(acd, t);
	return t;
}
