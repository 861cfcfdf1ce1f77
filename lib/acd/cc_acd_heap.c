// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Heaps of the ACD engine; none of them allocates.
 *
 * - Binary min-heaps of available agents (membership ids) with the 64-bit ordering key
 *   stored beside the id; the position of each membership in each heap is kept in the
 *   membership so that removal is O(log n).  Ties are broken by the smaller id, so the
 *   order is total and decisions are deterministic.
 * - A dense array (random strategy): O(1) insert and swap-remove.
 * - Intrusive pairing heaps of calls, indices into the call table (three u32 links per
 *   heap per call): O(1) insert, O(log n) amortised delete.
 * - The timer heap: binary heap of pointers to timer nodes embedded in their owners,
 *   ordered by (due, arming sequence).
 */
#include "cc_acd_int.h"

/* ------------------------------------------------------------ binary heap of agents */

static inline bool bh_lt(const struct bheap *h, uint32_t i, uint32_t j)
{
	return h->key[i] < h->key[j] || (h->key[i] == h->key[j] && h->id[i] < h->id[j]);
}

static inline void bh_put(struct bheap *h, struct mbr *m, int k, uint32_t i, uint64_t key,
			  uint32_t id)
{
	h->key[i] = key;
	h->id[i] = id;
	m[id].pos[k] = i;
}

static void bh_sift_up(struct bheap *h, struct mbr *m, int k, uint32_t i)
{
	uint64_t key = h->key[i];
	uint32_t id = h->id[i];

	while (i > 0) {
		uint32_t p = (i - 1) / 2;

		if (h->key[p] < key || (h->key[p] == key && h->id[p] < id))
			break;
		bh_put(h, m, k, i, h->key[p], h->id[p]);
		i = p;
	}
	bh_put(h, m, k, i, key, id);
}

static void bh_sift_down(struct bheap *h, struct mbr *m, int k, uint32_t i)
{
	uint64_t key = h->key[i];
	uint32_t id = h->id[i];

	for (;;) {
		uint32_t l = 2 * i + 1, c;

		if (l >= h->n)
			break;
		c = l;
		if (l + 1 < h->n && bh_lt(h, l + 1, l))
			c = l + 1;
		if (key < h->key[c] || (key == h->key[c] && id < h->id[c]))
			break;
		bh_put(h, m, k, i, h->key[c], h->id[c]);
		i = c;
	}
	bh_put(h, m, k, i, key, id);
}

void acd_bh_push(struct bheap *h, struct mbr *m, int k, uint64_t key, uint32_t id)
{
	CC_ASSERT(h->n < h->cap);
	h->key[h->n] = key;
	h->id[h->n] = id;
	h->n++;
	bh_sift_up(h, m, k, h->n - 1);
}

void acd_bh_remove(struct bheap *h, struct mbr *m, int k, uint32_t i)
{
	CC_ASSERT(i < h->n);
	h->n--;
	if (i == h->n)
		return;
	bh_put(h, m, k, i, h->key[h->n], h->id[h->n]);
	if (i > 0 && bh_lt(h, i, (i - 1) / 2))
		bh_sift_up(h, m, k, i);
	else
		bh_sift_down(h, m, k, i);
}

void acd_rnd_push(struct bheap *h, struct mbr *m, uint32_t id)
{
	CC_ASSERT(h->n < h->cap);
	h->id[h->n] = id;
	m[id].pos[K_RAND] = h->n;
	h->n++;
}

void acd_rnd_remove(struct bheap *h, struct mbr *m, uint32_t i)
{
	CC_ASSERT(i < h->n);
	h->n--;
	if (i != h->n) {
		h->id[i] = h->id[h->n];
		m[h->id[i]].pos[K_RAND] = i;
	}
}

bool acd_bh_valid(const struct bheap *h, const struct mbr *m, int k)
{
	for (uint32_t i = 0; i < h->n; i++) {
		if (m[h->id[i]].pos[k] != i)
			return false;
		if (k != K_RAND && i > 0 && bh_lt(h, i, (i - 1) / 2))
			return false;
	}
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
