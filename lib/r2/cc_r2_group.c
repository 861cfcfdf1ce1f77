// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * R2 channel groups: what the DAHDI and loopback backends share.
 *
 * Design notes
 * ------------
 * Each channel couples one sans-I/O cc_r2_chan with lib/dsp's MF generator
 * (one per direction) and one MF detector.  The detector follows the
 * channel's register role, derived from the core's state after every input:
 * OUT_SEIZE/OUT_MF -> we originate, detect backward tones; IN_MF -> we
 * terminate, detect forward tones; otherwise no audio is needed and the
 * DAHDI backend stops reading it.  A role change re-initialises the detector
 * and tells the backend (which then discards stale received audio).
 *
 * The core is not re-entrant: backends only call into it at top level (an
 * fd handler, a timer sweep, a command), never from inside a core callback.
 * Core callbacks (ABCD, tone, event) are forwarded to the backend and to the
 * application; OFFERED also publishes the caller ID (cc_r2_cid.c).
 *
 * Time: g->now is the time of the input being handled; the backend sets it
 * (CLOCK_MONOTONIC for DAHDI, the loop's clock for the loopback).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/log.h>

#include "cc_r2_int.h"

static bool st_is_out(enum cc_r2_st st)
{
	return st >= CC_R2_ST_OUT_SEIZE && st <= CC_R2_ST_OUT_CLEAR_FWD;
}

static enum r2g_role role_of(const struct cc_r2_chan *ch)
{
	switch (ch->st) {
	case CC_R2_ST_OUT_SEIZE:
	case CC_R2_ST_OUT_MF:
		return R2G_ROLE_OUT;
	case CC_R2_ST_IN_MF:
		return R2G_ROLE_IN;
	default:
		return R2G_ROLE_NONE;
	}
}

/* ---------------------------------------------------------------- core callbacks */

static void cb_tx_abcd(void *priv, uint8_t abcd)
{
	struct r2g_chan *c = priv;

	CC_LOG(CC_LOGSS_R2, CC_LOGL_DEBUG, "r2[%d/%u]{%s} t=%llu tx ABCD %x\n", c->channo, c->ts,
	       cc_r2_st_name(c->ch.st), (unsigned long long)c->g->now, abcd);
	c->tx_abcd = abcd;
	c->g->be->tx_abcd(c, abcd);
}

static void cb_tx_mf(void *priv, int signal, int pulse_ms)
{
	struct r2g_chan *c = priv;
	int ret;

	if (!signal) {
		ret = cc_r2mf_tx_set(&c->tx[CC_R2MF_FWD], 0, 0);
		ret |= cc_r2mf_tx_set(&c->tx[CC_R2MF_BWD], 0, 0);
		CC_ASSERT(ret == 0);
		c->txg = NULL;
		c->tx_steady = false;
	} else {
		/* the core only sends forward signals while originating */
		c->txg = &c->tx[st_is_out(c->ch.st) ? CC_R2MF_FWD : CC_R2MF_BWD];
		ret = cc_r2mf_tx_set(c->txg, signal, pulse_ms);
		CC_ASSERT(ret == 0); /* the core sends 1-15 and pulses within T_PULSE's range */
		c->tx_steady = pulse_ms == 0;
	}
	(void)ret;
	CC_LOG(CC_LOGSS_R2, CC_LOGL_DEBUG, "r2[%d/%u]{%s} t=%llu tx MF %d%s\n", c->channo, c->ts,
	       cc_r2_st_name(c->ch.st), (unsigned long long)c->g->now, signal,
	       pulse_ms ? " (pulse)" : "");
	c->g->be->tx_mf(c, signal, pulse_ms);
}

/* ---------------------------------------------------------------- neutral call events */

#define CALLEV_MAX 4

static void nev_base(const struct r2g_chan *c, enum cc_call_ev_type t, struct cc_call_ev *out)
{
	memset(out, 0, sizeof(*out));
	out->type = t;
	out->sig = CC_CALL_SIG_R2;
	out->dir = (enum cc_call_dir)c->ev_dir;
	out->cic = (uint16_t)c->idx;
	out->span = c->span;
	out->chan = c->ts;
}

static size_t nev_released(struct r2g_chan *c, uint8_t cause, struct cc_call_ev *out)
{
	nev_base(c, CC_CALL_EV_RELEASED, out);
	out->cause = cause;
	out->local = c->ev_local;
	c->ev_released = true;
	return 1;
}

/* the call reported on @c is over: RELEASED if not yet, then IDLE */
static size_t nev_call_end(struct r2g_chan *c, struct cc_call_ev *out)
{
	size_t n = 0;

	if (c->ev_dir == CC_CALL_DIR_NONE)
		return 0;
	if (!c->ev_released)
		n = nev_released(c, CC_CALL_CAUSE_NORMAL, out);
	nev_base(c, CC_CALL_EV_IDLE, &out[n++]);
	c->ev_dir = CC_CALL_DIR_NONE;
	c->ev_released = c->ev_local = false;
	return n;
}

/*
 * R2 event -> neutral events (call.h rules).  B "free" (PROCEEDING) means the
 * called line is free and being rung, what SS7 reports as ACM "subscriber
 * free": PROCEEDING + ALERTING.  The far end's unblock and the end of an
 * alarm show as IDLE in R2: UNBLOCKED / TRUNK_UP here.
 */
static size_t nev_conv(struct r2g_chan *c, const struct cc_r2_ev *ev, struct cc_call_ev *out)
{
	const struct cc_r2_call_info *info = ev->info;
	size_t n = 0;

	switch (ev->type) {
	case CC_R2_EV_OFFERED:
		c->ev_dir = CC_CALL_DIR_IN;
		c->ev_released = c->ev_local = false;
		nev_base(c, CC_CALL_EV_INCOMING, out);
		snprintf(out->called, sizeof(out->called), "%s", info->called);
		if (info->calling_available || info->calling_restricted)
			snprintf(out->calling, sizeof(out->calling), "%s", info->calling);
		out->category = (uint8_t)(info->category > 0 ? info->category : 0);
		out->pres = info->calling_restricted  ? CC_CALL_PRES_RESTRICTED
			    : info->calling_available ? CC_CALL_PRES_ALLOWED
						      : CC_CALL_PRES_UNAVAILABLE;
		return 1;
	case CC_R2_EV_PROCEEDING:
		if (c->ev_dir != CC_CALL_DIR_OUT || c->ev_released)
			return 0;
		nev_base(c, CC_CALL_EV_PROCEEDING, &out[0]);
		nev_base(c, CC_CALL_EV_ALERTING, &out[1]);
		return 2;
	case CC_R2_EV_ANSWERED:
		if (c->ev_dir != CC_CALL_DIR_OUT || c->ev_released)
			return 0;
		nev_base(c, CC_CALL_EV_ANSWERED, out);
		return 1;
	case CC_R2_EV_RELEASED:
		if (c->ev_dir == CC_CALL_DIR_NONE || c->ev_released)
			return 0; /* broken off before OFFERED: never reported */
		return nev_released(c, cc_r2_cause_q850(ev->cause), out);
	case CC_R2_EV_IDLE:
		n = nev_call_end(c, out);
		if (c->ev_alarm) {
			nev_base(c, CC_CALL_EV_TRUNK_UP, &out[n++]);
			c->ev_alarm = false;
		} else if (c->ev_blocked) {
			nev_base(c, CC_CALL_EV_UNBLOCKED, &out[n++]);
		}
		c->ev_blocked = false;
		return n;
	case CC_R2_EV_BLOCKED:
		n = nev_call_end(c, out);
		if (c->ev_alarm) {
			nev_base(c, CC_CALL_EV_TRUNK_UP, &out[n++]);
			c->ev_alarm = false;
		}
		nev_base(c, CC_CALL_EV_BLOCKED, &out[n++]);
		c->ev_blocked = true;
		return n;
	case CC_R2_EV_ALARM:
		/* as SS7 on a linkset failure: the call is RELEASED (38) and IDLE first */
		n = nev_call_end(c, out);
		nev_base(c, CC_CALL_EV_TRUNK_DOWN, &out[n++]);
		c->ev_alarm = true;
		c->ev_blocked = false;
		return n;
	default:
		return 0;
	}
}

static void cb_event(void *priv, struct cc_r2_chan *ch, const struct cc_r2_ev *ev)
{
	struct r2g_chan *c = priv;
	struct cc_r2_group *g = c->g;
	struct cc_r2_group_ev gev = {
		.type = ev->type,
		.chan = c->idx,
		.channo = c->channo,
		.span = c->span,
		.ts = c->ts,
		.r2_cause = ev->cause,
		.cause = ev->type == CC_R2_EV_RELEASED ? cc_r2_cause_q850(ev->cause) : 0,
		.info = ev->info,
	};
	struct cc_call_ev nev[CALLEV_MAX];
	size_t n;

	(void)ch;
	/* convert first: a call the native callback places must not be undone here */
	n = nev_conv(c, ev, nev);
	if (ev->type == CC_R2_EV_OFFERED)
		r2g_cid_publish(g, c, ev->info);
	if (g->ops.event)
		g->ops.event(g->priv, g, &gev);
	for (size_t i = 0; i < n && g->call_fn; i++)
		g->call_fn(g->call_priv, &nev[i]);
}

static void on_mf(const struct cc_dsp_ev *ev, void *priv)
{
	struct r2g_chan *c = priv;

	CC_LOG(CC_LOGSS_R2, CC_LOGL_DEBUG, "r2[%d/%u]{%s} t=%llu rx MF %s %d @%llu\n", c->channo,
	       c->ts, cc_r2_st_name(c->ch.st), (unsigned long long)c->g->now,
	       ev->type == CC_DSP_EV_MF_ON ? "on" : "off", ev->code,
	       (unsigned long long)ev->at_sample);
	if (ev->type == CC_DSP_EV_MF_ON) {
		c->g->stats.mf_signals++;
		(void)cc_r2_chan_rx_mf(&c->ch, ev->code, c->g->now);
	} else if (ev->type == CC_DSP_EV_MF_OFF) {
		(void)cc_r2_chan_rx_mf(&c->ch, 0, c->g->now);
	}
}

/* ---------------------------------------------------------------- shared helpers */

void r2g_after_input(struct r2g_chan *c)
{
	enum r2g_role role = role_of(&c->ch), old = c->role;
	int ret;

	if (role == old)
		return;
	c->role = role;
	if (role != R2G_ROLE_NONE) {
		ret = cc_r2mf_rx_init(&c->rx, role == R2G_ROLE_OUT ? CC_R2MF_BWD : CC_R2MF_FWD,
				      NULL, on_mf, c);
		CC_ASSERT(ret == 0);
		(void)ret;
	}
	if (c->g->be->role_chg)
		c->g->be->role_chg(c->g, c, old);
}

void r2g_feed(struct r2g_chan *c, const int16_t *x, size_t n)
{
	if (c->role != R2G_ROLE_NONE)
		cc_r2mf_rx_feed(&c->rx, x, n);
	c->g->stats.rx_samples += n;
	r2g_after_input(c);
}

void r2g_tick_all(struct cc_r2_group *g, uint64_t now)
{
	g->now = now;
	for (size_t i = 0; i < g->n; i++) {
		struct r2g_chan *c = &g->chans[i];

		if (now >= cc_r2_chan_next_deadline(&c->ch)) {
			cc_r2_chan_tick(&c->ch, now);
			r2g_after_input(c);
		}
	}
}

int r2g_alloc(const struct cc_r2_group_cfg *cfg, size_t n, const struct cc_r2_group_ops *ops,
	      void *priv, const struct r2g_backend *be, struct cc_r2_group **out_g)
{
	struct cc_r2_group *g;

	if (!cfg || !ops || !out_g || n == 0 || n > CC_R2_GROUP_MAX_CHAN ||
	    (cfg->numbufs && (cfg->numbufs < 2 || cfg->numbufs > 32)) || cfg->lead_chunks > 16 ||
	    cfg->mf_level_ddbm0 < -600 || cfg->mf_level_ddbm0 > 0 ||
	    (unsigned int)cfg->r2.variant >= CC_R2_VAR__COUNT)
		return -EINVAL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	g->chans = calloc(n, sizeof(*g->chans));
	if (!g->chans) {
		free(g);
		return -ENOMEM;
	}
	g->cfg = *cfg;
	if (!g->cfg.numbufs)
		g->cfg.numbufs = R2G_BUFS_DEF;
	if (!g->cfg.lead_chunks)
		g->cfg.lead_chunks = R2G_LEAD_DEF;
	g->ops = *ops;
	g->priv = priv;
	g->be = be;
	g->n = n;
	g->cid_fd = -1;
	for (size_t i = 0; i < n; i++) {
		struct r2g_chan *c = &g->chans[i];

		c->g = g;
		c->idx = (unsigned int)i;
		c->fd = -1;
		c->ts = (uint16_t)(i + 1);
		if (cc_r2mf_tx_init(&c->tx[CC_R2MF_FWD], CC_R2MF_FWD, cfg->mf_level_ddbm0) < 0 ||
		    cc_r2mf_tx_init(&c->tx[CC_R2MF_BWD], CC_R2MF_BWD, cfg->mf_level_ddbm0) < 0) {
			r2g_free_mem(g);
			return -EINVAL;
		}
	}
	*out_g = g;
	return 0;
}

int r2g_chan_start(struct r2g_chan *c, uint64_t now)
{
	static const struct cc_r2_ops ops = {
		.tx_abcd = cb_tx_abcd,
		.tx_mf = cb_tx_mf,
		.event = cb_event,
	};

	c->g->now = now;
	return cc_r2_chan_init(&c->ch, &c->g->cfg.r2, &ops, c, now);
}

void r2g_free_mem(struct cc_r2_group *g)
{
	if (!g)
		return;
	r2g_cid_close(g);
	free(g->chans);
	free(g);
}

/* ---------------------------------------------------------------- API */

void cc_r2_group_set_call_ev_fn(struct cc_r2_group *g, cc_call_ev_fn fn, void *priv)
{
	g->call_fn = fn;
	g->call_priv = priv;
}

size_t cc_r2_group_size(const struct cc_r2_group *g)
{
	return g->n;
}

const struct cc_r2_chan *cc_r2_group_chan(const struct cc_r2_group *g, unsigned int i)
{
	return i < g->n ? &g->chans[i].ch : NULL;
}

int cc_r2_group_channo(const struct cc_r2_group *g, unsigned int i)
{
	return i < g->n ? g->chans[i].channo : 0;
}

const struct cc_r2_group_stats *cc_r2_group_stats_get(const struct cc_r2_group *g)
{
	return &g->stats;
}

uint64_t cc_r2_group_now(const struct cc_r2_group *g)
{
	return g->be->now(g);
}

/* Run one command on channel @i at the group's clock. */
#define GROUP_CMD(g, i, call)                                                                      \
	({                                                                                         \
		int ret_ = -EINVAL;                                                                \
		if ((g) && (i) < (g)->n) {                                                         \
			struct r2g_chan *c = &(g)->chans[i];                                       \
			(g)->now = (g)->be->now(g);                                                \
			ret_ = (call);                                                             \
			r2g_after_input(c);                                                        \
		}                                                                                  \
		ret_;                                                                              \
	})

int cc_r2_group_make_call(struct cc_r2_group *g, unsigned int i, const char *called,
			  const char *calling, int category, int kd)
{
	return GROUP_CMD(g, i, ({
				 int r_ = cc_r2_chan_make_call(&c->ch, called, calling, category,
							       kd, g->now);
				 if (r_ == 0) {
					 c->ev_dir = CC_CALL_DIR_OUT;
					 c->ev_released = c->ev_local = false;
				 }
				 r_;
			 }));
}

int cc_r2_group_accept(struct cc_r2_group *g, unsigned int i, enum cc_r2_b result)
{
	return GROUP_CMD(g, i, cc_r2_chan_accept(&c->ch, result, g->now));
}

int cc_r2_group_answer(struct cc_r2_group *g, unsigned int i)
{
	return GROUP_CMD(g, i, cc_r2_chan_answer(&c->ch, g->now));
}

int cc_r2_group_hangup(struct cc_r2_group *g, unsigned int i)
{
	/* a RELEASED caused by this (now, or at the far end's clear-forward) is local */
	return GROUP_CMD(g, i, ({
				 bool was_ = c->ev_local;
				 int r_;
				 c->ev_local = c->ev_dir != CC_CALL_DIR_NONE && !c->ev_released;
				 r_ = cc_r2_chan_hangup(&c->ch, g->now);
				 if (r_ < 0)
					 c->ev_local = was_;
				 r_;
			 }));
}

int cc_r2_group_block(struct cc_r2_group *g, unsigned int i)
{
	return GROUP_CMD(g, i, cc_r2_chan_block(&c->ch, g->now));
}

int cc_r2_group_unblock(struct cc_r2_group *g, unsigned int i)
{
	return GROUP_CMD(g, i, cc_r2_chan_unblock(&c->ch, g->now));
}

int cc_r2_group_timeout_ms(const struct cc_r2_group *g)
{
	uint64_t now = g->be->now(g), d = UINT64_MAX;

	for (size_t i = 0; i < g->n; i++) {
		uint64_t t = cc_r2_chan_next_deadline(&g->chans[i].ch);

		if (t < d)
			d = t;
	}
	if (d == UINT64_MAX)
		return -1;
	if (d <= now)
		return 0;
	return d - now > 3600000 ? 3600000 : (int)(d - now);
}
