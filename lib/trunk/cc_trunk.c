// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Trunk channels: the common interface and the in-process loopback backend.
 *
 * Each channel has a backend ops table; the loopback backend delivers a frame
 * written on one end into a bounded FIFO read by the other end, applying the
 * writer's impairments on the way (cut, periodic loss, periodic corruption).
 * A corrupted frame is delivered as a marker so the reader sees -EBADMSG,
 * the way a DAHDI channel reports a bad FCS.  With CC_TRUNK_F_REPEATS the
 * pair behaves like DAHDI's mtp2= mode: the line keeps repeating the last
 * frame written (a reader with nothing queued gets it again, undamaged: what
 * a lost copy is followed by on a real line), and a reader drops a frame
 * equal to the previous one it delivered.  The DAHDI backend is in
 * cc_trunk_dahdi.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/trunk.h>

#include "cc_trunk_int.h"

struct loop_slot {
	uint16_t len;
	bool bad;
	uint8_t data[CC_TRUNK_MAX_FRAME];
};

struct loop_fifo {
	unsigned int head, count, depth;
	struct loop_slot *slots;
	unsigned int refs;
};

static void fifo_put(struct loop_fifo *f)
{
	if (f && --f->refs == 0) {
		free(f->slots);
		free(f);
	}
}

static int loop_write(struct cc_trunk_chan *c, const uint8_t *frame, size_t len)
{
	struct loop_fifo *f = c->tx;
	struct loop_slot *s;
	bool bad = false;

	c->written++;
	memcpy(c->last_tx, frame, len);
	c->last_tx_len = (uint16_t)len;
	if (c->imp.cut || !c->peer) {
		c->stats.dropped++;
		return 0;
	}
	if (c->imp.drop_every && c->written % c->imp.drop_every == 0) {
		c->stats.dropped++;
		return 0;
	}
	if (c->imp.corrupt_every && c->written % c->imp.corrupt_every == 0) {
		c->stats.corrupted++;
		bad = true;
	}
	if (f->count >= f->depth) {
		c->stats.overruns++;
		return -EAGAIN;
	}
	s = &f->slots[(f->head + f->count) % f->depth];
	s->len = (uint16_t)len;
	s->bad = bad;
	memcpy(s->data, frame, len);
	f->count++;
	c->stats.tx_frames++;
	return 0;
}

static int loop_read(struct cc_trunk_chan *c, uint8_t *buf, size_t cap)
{
	struct loop_fifo *f = c->rx;
	struct loop_slot *s;

again:
	if (!f->count) {
		const struct cc_trunk_chan *p = c->peer;

		/* nothing queued and the far end's transmitter is cut: no signal */
		if (p && p->imp.cut)
			return -ENOLINK;
		/* F_REPEATS: the line repeats the far end's last frame; it is new to
		 * us only if the copy we should have had was lost or damaged */
		if ((c->flags & CC_TRUNK_F_REPEATS) && p && p->last_tx_len &&
		    (p->last_tx_len != c->last_len || memcmp(p->last_tx, c->last, c->last_len))) {
			if (cap < p->last_tx_len)
				return -ENOSPC;
			memcpy(c->last, p->last_tx, p->last_tx_len);
			c->last_len = p->last_tx_len;
			memcpy(buf, c->last, c->last_len);
			c->stats.rx_frames++;
			return c->last_len;
		}
		return -EAGAIN;
	}
	s = &f->slots[f->head];
	f->head = (f->head + 1) % f->depth;
	f->count--;
	if (s->bad) {
		c->stats.badfcs++;
		return -EBADMSG;
	}
	if (c->flags & CC_TRUNK_F_REPEATS) {
		if (s->len == c->last_len && !memcmp(s->data, c->last, s->len)) {
			c->stats.repeats_dropped++;
			goto again;
		}
		memcpy(c->last, s->data, s->len);
		c->last_len = s->len;
	}
	if (cap < s->len)
		return -ENOSPC;
	memcpy(buf, s->data, s->len);
	c->stats.rx_frames++;
	return s->len;
}

static void loop_close(struct cc_trunk_chan *c)
{
	if (c->peer)
		c->peer->peer = NULL;
	fifo_put(c->rx);
	fifo_put(c->tx);
	free(c);
}

static const struct chan_ops loop_ops = {
	.write = loop_write,
	.read = loop_read,
	.close = loop_close,
};

static struct loop_fifo *fifo_new(unsigned int depth)
{
	struct loop_fifo *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->slots = calloc(depth, sizeof(*f->slots));
	if (!f->slots) {
		free(f);
		return NULL;
	}
	f->depth = depth;
	f->refs = 2;
	return f;
}

int cc_trunk_loop_pair(unsigned int depth, struct cc_trunk_chan **out_a,
		       struct cc_trunk_chan **out_b)
{
	struct cc_trunk_chan *a = NULL, *b = NULL;
	struct loop_fifo *ab = NULL, *ba = NULL;

	if (depth < 1 || depth > 65536 || !out_a || !out_b)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	b = calloc(1, sizeof(*b));
	ab = fifo_new(depth);
	ba = fifo_new(depth);
	if (!a || !b || !ab || !ba) {
		free(a);
		free(b);
		if (ab)
			free(ab->slots);
		if (ba)
			free(ba->slots);
		free(ab);
		free(ba);
		return -ENOMEM;
	}
	a->ops = b->ops = &loop_ops;
	a->fd = b->fd = -1;
	a->info.sig = b->info.sig = CC_TRUNK_SIG_LOOP;
	a->tx = b->rx = ab;
	b->tx = a->rx = ba;
	a->peer = b;
	b->peer = a;
	*out_a = a;
	*out_b = b;
	return 0;
}

int cc_trunk_write(struct cc_trunk_chan *c, const uint8_t *frame, size_t len)
{
	if (!c || !frame || len == 0 || len > CC_TRUNK_MAX_FRAME)
		return -EINVAL;
	return c->ops->write(c, frame, len);
}

int cc_trunk_read(struct cc_trunk_chan *c, uint8_t *buf, size_t cap)
{
	if (!c || !buf)
		return -EINVAL;
	return c->ops->read(c, buf, cap);
}

int cc_trunk_loop_set_flags(struct cc_trunk_chan *c, unsigned int flags)
{
	if (!c || c->ops != &loop_ops || (flags & ~CC_TRUNK_F_REPEATS))
		return -EINVAL;
	c->flags = flags;
	c->last_len = 0;
	return 0;
}

void cc_trunk_impair_set(struct cc_trunk_chan *c, const struct cc_trunk_impair *imp)
{
	c->imp = *imp;
	c->written = 0;
}

const struct cc_trunk_stats *cc_trunk_stats_get(const struct cc_trunk_chan *c)
{
	return &c->stats;
}

unsigned int cc_trunk_flags(const struct cc_trunk_chan *c)
{
	return c->flags;
}

int cc_trunk_fd(const struct cc_trunk_chan *c)
{
	return c->fd;
}

bool cc_trunk_in_alarm(const struct cc_trunk_chan *c)
{
	return c->alarm;
}

void cc_trunk_info_get(const struct cc_trunk_chan *c, struct cc_trunk_info *out_info)
{
	*out_info = c->info;
}

void cc_trunk_close(struct cc_trunk_chan *c)
{
	if (c)
		c->ops->close(c);
}
