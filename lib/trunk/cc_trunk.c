// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Trunk channels: the common interface and the in-process loopback backend.
 *
 * Each channel has a backend ops table; the loopback backend delivers a frame
 * written on one end into a bounded FIFO read by the other end, applying the
 * writer's impairments on the way (cut, periodic loss, periodic corruption).
 * A corrupted frame is delivered as a marker so the reader sees -EBADMSG,
 * the way a DAHDI channel reports a bad FCS.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/trunk.h>

struct chan_ops {
	int (*write)(struct cc_trunk_chan *c, const uint8_t *frame, size_t len);
	int (*read)(struct cc_trunk_chan *c, uint8_t *buf, size_t cap);
	void (*close)(struct cc_trunk_chan *c);
};

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

struct cc_trunk_chan {
	const struct chan_ops *ops;
	struct cc_trunk_impair imp;
	struct cc_trunk_stats stats;
	uint64_t written;
	struct loop_fifo *rx; /* frames for us */
	struct loop_fifo *tx; /* frames for the peer */
	struct cc_trunk_chan *peer;
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

	if (!f->count) {
		/* nothing queued and the far end's transmitter is cut: no signal */
		if (c->peer && c->peer->imp.cut)
			return -ENOLINK;
		return -EAGAIN;
	}
	s = &f->slots[f->head];
	f->head = (f->head + 1) % f->depth;
	f->count--;
	if (s->bad)
		return -EBADMSG;
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

void cc_trunk_impair_set(struct cc_trunk_chan *c, const struct cc_trunk_impair *imp)
{
	c->imp = *imp;
	c->written = 0;
}

const struct cc_trunk_stats *cc_trunk_stats_get(const struct cc_trunk_chan *c)
{
	return &c->stats;
}

void cc_trunk_close(struct cc_trunk_chan *c)
{
	if (c)
		c->ops->close(c);
}
