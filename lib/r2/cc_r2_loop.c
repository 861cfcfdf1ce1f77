// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-process loopback backend for R2 groups: two groups of n channels wired
 * back to back, channel i of end A to channel i of end B, so full call flows
 * (line signalling, MF audio through lib/dsp, caller-ID publishing) run in
 * unit tests without a kernel.
 *
 * Design notes
 * ------------
 * Time is injected: cc_r2_loop_run() advances in 1 ms steps.  Each step:
 *   1. ABCD: each end receives what the far end sends now (one step of
 *      transit, like one E1 multiframe-ish delay);
 *   2. audio: every channel's MF generator produces 8 samples, which cross
 *      the line through an A-law round trip (as on E1) and feed the far
 *      end's detector while it is in register signalling;
 *   3. timers of both ends.
 * A cut line carries nothing and puts both ends in alarm (as cctrunk shows
 * RED at the cut end and YELLOW at the other: both are DAHDI alarms); the
 * restore clears the alarm on both ends first, then delivers the bits.
 */
#include <stdlib.h>
#include <string.h>

#include <callcenter/g711.h>

#include "cc_r2_int.h"

#define SAMPLES_PER_MS 8

struct cc_r2_loop {
	struct cc_r2_group *g[2];
	uint64_t now;
	bool cut;
};

static uint64_t l_now(const struct cc_r2_group *g)
{
	return cc_r2_loop_now(g->loop);
}

static void l_tx_abcd(struct r2g_chan *c, uint8_t abcd)
{
	(void)c; /* read from c->tx_abcd by the next step */
	(void)abcd;
}

static void l_tx_mf(struct r2g_chan *c, int signal, int pulse_ms)
{
	(void)c; /* the generator (c->txg) is sampled by the next steps */
	(void)signal;
	(void)pulse_ms;
}

static const struct r2g_backend loop_be = {
	.tx_abcd = l_tx_abcd,
	.tx_mf = l_tx_mf,
	.now = l_now,
};

static void gen(struct r2g_chan *c, int16_t *x)
{
	uint8_t a[SAMPLES_PER_MS];

	if (c->txg && c->txg->signal)
		cc_r2mf_tx_gen(c->txg, x, SAMPLES_PER_MS);
	else
		memset(x, 0, SAMPLES_PER_MS * sizeof(*x));
	cc_g711_alaw_encode_buf(x, a, SAMPLES_PER_MS);
	cc_g711_alaw_decode_buf(a, x, SAMPLES_PER_MS);
}

static void deliver_bits(struct r2g_chan *c, const struct r2g_chan *far)
{
	if (far->tx_abcd == c->seen_abcd)
		return;
	c->seen_abcd = far->tx_abcd;
	(void)cc_r2_chan_rx_abcd(&c->ch, far->tx_abcd, c->g->now);
	r2g_after_input(c);
}

static void step(struct cc_r2_loop *l, uint64_t t)
{
	struct cc_r2_group *a = l->g[0], *b = l->g[1];

	l->now = a->now = b->now = t;
	for (size_t i = 0; i < a->n; i++) {
		struct r2g_chan *ca = &a->chans[i], *cb = &b->chans[i];
		int16_t xa[SAMPLES_PER_MS], xb[SAMPLES_PER_MS];

		if (l->cut)
			continue;
		deliver_bits(ca, cb);
		deliver_bits(cb, ca);
		gen(ca, xa);
		gen(cb, xb);
		if (cb->role != R2G_ROLE_NONE)
			r2g_feed(cb, xa, SAMPLES_PER_MS);
		if (ca->role != R2G_ROLE_NONE)
			r2g_feed(ca, xb, SAMPLES_PER_MS);
	}
	r2g_tick_all(a, t);
	r2g_tick_all(b, t);
}

int cc_r2_loop_alloc(const struct cc_r2_group_cfg *cfg_a, const struct cc_r2_group_cfg *cfg_b,
		     size_t n, const struct cc_r2_group_ops *ops, void *priv_a, void *priv_b,
		     uint64_t now_ms, struct cc_r2_loop **out_l)
{
	const struct cc_r2_group_cfg *cfg[2] = { cfg_a, cfg_b };
	void *priv[2] = { priv_a, priv_b };
	struct cc_r2_loop *l;
	int ret;

	if (!out_l)
		return -EINVAL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->now = now_ms;
	for (int e = 0; e < 2; e++) {
		ret = r2g_alloc(cfg[e], n, ops, priv[e], &loop_be, &l->g[e]);
		if (ret < 0)
			goto err_free;
		l->g[e]->loop = l;
		l->g[e]->now = now_ms;
	}
	for (int e = 0; e < 2; e++) {
		for (size_t i = 0; i < n; i++) {
			struct r2g_chan *c = &l->g[e]->chans[i];

			c->seen_abcd = 0xff; /* deliver the far end's first bits */
			ret = r2g_chan_start(c, now_ms);
			if (ret < 0)
				goto err_free;
		}
	}
	*out_l = l;
	return 0;

err_free:
	r2g_free_mem(l->g[0]);
	r2g_free_mem(l->g[1]);
	free(l);
	return ret;
}

struct cc_r2_group *cc_r2_loop_group(struct cc_r2_loop *l, int end)
{
	return end == 0 || end == 1 ? l->g[end] : NULL;
}

uint64_t cc_r2_loop_now(const struct cc_r2_loop *l)
{
	return l->now;
}

void cc_r2_loop_run(struct cc_r2_loop *l, uint64_t until_ms)
{
	while (l->now < until_ms)
		step(l, l->now + 1);
}

void cc_r2_loop_cut(struct cc_r2_loop *l, bool cut)
{
	if (cut == l->cut)
		return;
	l->cut = cut;
	for (int e = 0; e < 2; e++) {
		struct cc_r2_group *g = l->g[e];

		g->now = l->now;
		for (size_t i = 0; i < g->n; i++) {
			(void)cc_r2_chan_alarm(&g->chans[i].ch, cut, l->now);
			r2g_after_input(&g->chans[i]);
		}
	}
	if (cut)
		return;
	for (size_t i = 0; i < l->g[0]->n; i++) {
		struct r2g_chan *ca = &l->g[0]->chans[i], *cb = &l->g[1]->chans[i];

		ca->seen_abcd = cb->seen_abcd = 0xff; /* what DAHDI_GETRXBITS returns */
		deliver_bits(ca, cb);
		deliver_bits(cb, ca);
	}
}

void cc_r2_loop_free(struct cc_r2_loop *l)
{
	if (!l)
		return;
	r2g_free_mem(l->g[0]);
	r2g_free_mem(l->g[1]);
	free(l);
}
