// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * R2 line signalling and MFC register FSMs, with injected time.
 *
 * Two channels are wired back to back by a simulated E1 timeslot: ABCD
 * changes arrive 2 ms later, an MF tone is recognised 25 ms after it starts
 * and its end 15 ms after it stops (the order of our r2mf_rx's latencies).
 * Scenarios run in 1 ms steps; every MF signal and line change is logged to
 * a transcript so the China sequence can be checked signal by signal.
 * The "never sends the calling number" case drives one channel by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/r2.h>

#define QMAX 256

struct item {
	uint64_t t;
	int to;	  /* 0 = A, 1 = B */
	int kind; /* 0 abcd, 1 mf */
	int val;
};

struct wire;

struct end {
	struct wire *w;
	int id;
	struct cc_r2_chan ch;
	int evs[32];
	enum cc_r2_cause causes[32];
	int nev;
	struct cc_r2_call_info offered;
	bool auto_accept, auto_answer;
	enum cc_r2_b accept_with;
};

struct wire {
	struct end e[2];
	struct item q[QMAX];
	int nq;
	uint64_t now;
	char log[4096];
	bool quiet_b; /* B is not wired: its output is dropped */
};

static void push(struct wire *w, uint64_t t, int to, int kind, int val)
{
	assert_true(w->nq < QMAX);
	w->q[w->nq++] = (struct item){ t, to, kind, val };
}

static void tx_abcd(void *priv, uint8_t abcd)
{
	struct end *e = priv;

	push(e->w, e->w->now + 2, !e->id, 0, abcd);
}

static void tx_mf(void *priv, int sig, int pulse_ms)
{
	struct end *e = priv;
	struct wire *w = e->w;
	char b[16];

	if (sig) {
		snprintf(b, sizeof(b), "%c%d%s ", e->id ? 'b' : 'f', sig, pulse_ms ? "p" : "");
		strncat(w->log, b, sizeof(w->log) - strlen(w->log) - 1);
		push(w, w->now + 25, !e->id, 1, sig);
		if (pulse_ms)
			push(w, w->now + (uint64_t)pulse_ms + 15, !e->id, 1, 0);
	} else {
		push(w, w->now + 15, !e->id, 1, 0);
	}
}

static void on_event(void *priv, struct cc_r2_chan *ch, const struct cc_r2_ev *ev)
{
	struct end *e = priv;

	if (e->nev < 32) {
		e->causes[e->nev] = ev->cause;
		e->evs[e->nev++] = ev->type;
	}
	if (ev->type == CC_R2_EV_OFFERED) {
		e->offered = *ev->info;
		if (e->auto_accept)
			assert_int_equal(cc_r2_chan_accept(ch, e->accept_with, e->w->now), 0);
	}
}

static const struct cc_r2_ops ops = { .tx_abcd = tx_abcd, .tx_mf = tx_mf, .event = on_event };

static void wire_init(struct wire *w, enum cc_r2_variant_id var, int called_len)
{
	struct cc_r2_cfg cfg = { .variant = var, .called_len = called_len, .want_calling = true };

	memset(w, 0, sizeof(*w));
	for (int i = 0; i < 2; i++) {
		w->e[i].w = w;
		w->e[i].id = i;
		w->e[i].auto_accept = true;
		w->e[i].accept_with = CC_R2_B_FREE_CHARGE;
		assert_int_equal(cc_r2_chan_init(&w->e[i].ch, &cfg, &ops, &w->e[i], 0), 0);
	}
	w->nq = 0; /* the initial idle bits match the channels' initial state */
}

static void step(struct wire *w)
{
	w->now++;
	for (int i = 0; i < w->nq;) {
		struct item it = w->q[i];

		if (it.t > w->now) {
			i++;
			continue;
		}
		memmove(&w->q[i], &w->q[i + 1], (size_t)(w->nq - i - 1) * sizeof(w->q[0]));
		w->nq--;
		if (it.to == 1 && w->quiet_b)
			continue;
		if (it.kind == 0)
			assert_int_equal(
				cc_r2_chan_rx_abcd(&w->e[it.to].ch, (uint8_t)it.val, w->now), 0);
		else
			assert_int_equal(cc_r2_chan_rx_mf(&w->e[it.to].ch, it.val, w->now), 0);
	}
	for (int i = 0; i < 2; i++) {
		cc_r2_chan_tick(&w->e[i].ch, w->now);
		assert_true(cc_r2_chan_check(&w->e[i].ch));
	}
}

static void run(struct wire *w, uint64_t ms)
{
	for (uint64_t end = w->now + ms; w->now < end;)
		step(w);
}

/* Run until channel @i reaches @st, at most @max_ms; Return: true if it did. */
static bool run_until(struct wire *w, int i, enum cc_r2_st st, uint64_t max_ms)
{
	for (uint64_t end = w->now + max_ms; w->now < end; step(w))
		if (w->e[i].ch.st == st)
			return true;
	return w->e[i].ch.st == st;
}

static bool has_ev(const struct end *e, int type, enum cc_r2_cause cause)
{
	for (int i = 0; i < e->nev; i++)
		if (e->evs[i] == type && (cause == CC_R2_CAUSE__COUNT || e->causes[i] == cause))
			return true;
	return false;
}

#define ANY CC_R2_CAUSE__COUNT

/* ---------------------------------------------------------------- full calls */

static void full_call(enum cc_r2_variant_id var, int called_len, const char *called,
		      const char *calling, const char *want_log)
{
	struct wire w;
	struct end *a, *b;

	wire_init(&w, var, called_len);
	a = &w.e[0];
	b = &w.e[1];
	assert_int_equal(cc_r2_chan_make_call(&a->ch, called, calling, 0, 0, w.now), 0);
	assert_true(run_until(&w, 1, CC_R2_ST_IN_WAIT_ANSWER, 20000));
	assert_true(run_until(&w, 0, CC_R2_ST_OUT_WAIT_ANSWER, 1000));
	assert_true(has_ev(b, CC_R2_EV_OFFERED, ANY));
	assert_true(has_ev(a, CC_R2_EV_PROCEEDING, ANY));
	assert_string_equal(b->offered.called, called);
	if (calling && calling[0]) {
		assert_true(b->offered.calling_available);
		assert_string_equal(b->offered.calling, calling);
	} else {
		assert_false(b->offered.calling_available);
		assert_string_equal(b->offered.calling, "");
	}
	assert_int_equal(b->offered.category, cc_r2_variant_get(var)->def_category);
	assert_int_equal(b->offered.kd, cc_r2_variant_get(var)->def_kd);
	if (want_log)
		assert_string_equal(w.log, want_log);
	/* answer, talk, the caller clears */
	assert_int_equal(cc_r2_chan_answer(&b->ch, w.now), 0);
	assert_true(run_until(&w, 0, CC_R2_ST_OUT_ANSWERED, 100));
	assert_true(has_ev(a, CC_R2_EV_ANSWERED, ANY));
	run(&w, 1000);
	assert_int_equal(cc_r2_chan_hangup(&a->ch, w.now), 0);
	run(&w, 100);
	assert_int_equal(a->ch.st, CC_R2_ST_IDLE);
	assert_int_equal(b->ch.st, CC_R2_ST_IDLE);
	assert_true(has_ev(b, CC_R2_EV_RELEASED, CC_R2_CAUSE_NORMAL));
	assert_int_equal(w.nq, 0);
}

static void r2_china_call_with_calling_number_known_length(void **state)
{
	(void)state;
	/*
	 * China sequence (signaling-facts.md 5.4): called digits each answered
	 * A1, A6 after the last, KA (1), A1 per calling digit, 15, A3, KD (3), B1.
	 */
	full_call(CC_R2_VAR_CHINA, 5, "12345", "13800138000",
		  "f1 b1 f2 b1 f3 b1 f4 b1 f5 b6 f1 b1 f1 b1 f3 b1 f8 b1 f10 b1 f10 b1 f1 b1 f3 "
		  "b1 f8 b1 f10 b1 f10 b1 f10 b1 f15 b3 f3 b1 ");
}

static void r2_china_call_unknown_length_ends_by_timeout_pulse(void **state)
{
	(void)state;
	/* No end-of-number signal in China: T_DIGIT, then a pulsed A6. */
	full_call(CC_R2_VAR_CHINA, 0, "120", "6612345",
		  "f1 b1 f2 b1 f10 b1 b6p f1 b1 f6 b1 f6 b1 f1 b1 f2 b1 f3 b1 f4 b1 f5 b1 f15 b3 "
		  "f3 b1 ");
}

static void r2_china_call_without_calling_number(void **state)
{
	(void)state;
	full_call(CC_R2_VAR_CHINA, 5, "12345", NULL, NULL);
}

static void r2_itu_call_with_calling_number(void **state)
{
	(void)state;
	/* ITU: A1 per digit, I-15 ends the number, A5 category, A5 per calling digit, A3, B6 */
	full_call(CC_R2_VAR_ITU, 0, "4321", "5550100",
		  "f4 b1 f3 b1 f2 b1 f1 b1 f15 b5 f1 b5 f5 b5 f5 b5 f5 b5 f10 b5 f1 b5 f10 b5 "
		  "f10 b5 f15 b3 f1 b6 ");
}

static void r2_itu_call_restricted_calling_number(void **state)
{
	(void)state;
	full_call(CC_R2_VAR_ITU, 4, "4321", "", "f4 b1 f3 b1 f2 b1 f1 b5 f1 b5 f12 b3 f1 b6 ");
}

static void r2_hundred_china_calls_back_to_back(void **state)
{
	struct wire w;
	char called[8], calling[16];

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 7);
	for (int i = 0; i < 100; i++) {
		struct end *a = &w.e[i & 1], *b = &w.e[!(i & 1)]; /* alternate directions */

		snprintf(called, sizeof(called), "%07d", 1200000 + i * 37);
		snprintf(calling, sizeof(calling), "139%08d", i * 7919);
		a->nev = b->nev = 0;
		assert_int_equal(cc_r2_chan_make_call(&a->ch, called, calling, 0, 0, w.now), 0);
		assert_true(run_until(&w, b->id, CC_R2_ST_IN_WAIT_ANSWER, 20000));
		assert_string_equal(b->offered.called, called);
		assert_string_equal(b->offered.calling, calling);
		assert_int_equal(cc_r2_chan_answer(&b->ch, w.now), 0);
		assert_true(run_until(&w, a->id, CC_R2_ST_OUT_ANSWERED, 100));
		/* the called side (seat) hangs up first half of the time */
		if (i % 4 < 2)
			assert_int_equal(cc_r2_chan_hangup(&b->ch, w.now), 0);
		else
			assert_int_equal(cc_r2_chan_hangup(&a->ch, w.now), 0);
		run(&w, 200);
		assert_int_equal(a->ch.st, CC_R2_ST_IDLE);
		assert_int_equal(b->ch.st, CC_R2_ST_IDLE);
	}
	assert_int_equal(w.e[0].ch.stats.calls_in + w.e[0].ch.stats.calls_out, 100);
	assert_int_equal(w.e[0].ch.stats.timeouts, 0);
}

/* ---------------------------------------------------------------- refusals and clearing */

static void r2_china_busy_releases_both(void **state)
{
	struct wire w;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	w.e[1].accept_with = CC_R2_B_BUSY;
	assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", "123", 0, 0, w.now), 0);
	run(&w, 5000);
	assert_true(has_ev(&w.e[0], CC_R2_EV_RELEASED, CC_R2_CAUSE_BUSY));
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_IDLE);
	assert_int_equal(w.e[1].ch.st, CC_R2_ST_IDLE);
	assert_true(strstr(w.log, "b2 ") != NULL); /* China B2 = subscriber busy */
}

static void r2_clear_back_after_answer_releases_caller(void **state)
{
	struct wire w;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "119", "1", 0, 0, w.now), 0);
	assert_true(run_until(&w, 1, CC_R2_ST_IN_WAIT_ANSWER, 20000));
	assert_int_equal(cc_r2_chan_answer(&w.e[1].ch, w.now), 0);
	run(&w, 100);
	assert_int_equal(cc_r2_chan_hangup(&w.e[1].ch, w.now), 0);
	assert_int_equal(w.e[1].ch.st, CC_R2_ST_IN_CLEAR_BACK);
	run(&w, 100);
	assert_true(has_ev(&w.e[0], CC_R2_EV_RELEASED, CC_R2_CAUSE_NORMAL));
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_IDLE);
	assert_int_equal(w.e[1].ch.st, CC_R2_ST_IDLE);
}

/* ---------------------------------------------------------------- timeouts and faults */

static void r2_seize_without_ack_times_out(void **state)
{
	struct wire w;
	const uint32_t t = cc_r2_timer_def(CC_R2_T_SEIZE_ACK)->def_ms;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	w.quiet_b = true; /* far end dead: keeps sending idle */
	assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", NULL, 0, 0, w.now), 0);
	run(&w, t - 1);
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_OUT_SEIZE);
	run(&w, 2);
	assert_true(has_ev(&w.e[0], CC_R2_EV_RELEASED, CC_R2_CAUSE_TIMEOUT));
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_IDLE);
}

static void r2_double_seizure_both_back_off(void **state)
{
	struct wire w;

	(void)state;
	for (int v = 0; v < CC_R2_VAR__COUNT; v++) {
		wire_init(&w, (enum cc_r2_variant_id)v, 3);
		assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", NULL, 0, 0, w.now), 0);
		assert_int_equal(cc_r2_chan_make_call(&w.e[1].ch, "120", NULL, 0, 0, w.now), 0);
		run(&w, 200);
		for (int i = 0; i < 2; i++) {
			assert_true(has_ev(&w.e[i], CC_R2_EV_RELEASED, CC_R2_CAUSE_DOUBLE_SEIZURE));
			assert_int_equal(w.e[i].ch.st, CC_R2_ST_IDLE);
			assert_int_equal(w.e[i].ch.stats.double_seizures, 1);
		}
		/* and the trunk still works afterwards */
		assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", "1", 0, 0, w.now), 0);
		assert_true(run_until(&w, 1, CC_R2_ST_IN_WAIT_ANSWER, 20000));
	}
}

static void r2_backward_silent_in_mf_times_out_and_clears(void **state)
{
	struct wire w;
	const uint32_t t = cc_r2_timer_def(CC_R2_T_MF)->def_ms;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", NULL, 0, 0, w.now), 0);
	run(&w, 30);
	/* far end acknowledged the seizure but its register is deaf */
	assert_int_equal(w.e[1].ch.st, CC_R2_ST_IN_MF);
	w.quiet_b = true;
	run(&w, 30);
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_OUT_MF);
	run(&w, t + 10);
	assert_true(has_ev(&w.e[0], CC_R2_EV_RELEASED, CC_R2_CAUSE_TIMEOUT));
	/* clear-forward sent; backward still 11: waiting, then fault after T_RELEASE */
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_OUT_CLEAR_FWD);
	run(&w, cc_r2_timer_def(CC_R2_T_RELEASE)->def_ms + 10);
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_FAULT);
	/* the far end comes back to idle: so do we */
	assert_int_equal(cc_r2_chan_rx_abcd(&w.e[0].ch, 0xB, w.now), 0);
	run(&w, 30);
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_IDLE);
}

static void r2_blocking_both_ways(void **state)
{
	struct wire w;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	assert_int_equal(cc_r2_chan_block(&w.e[1].ch, w.now), 0);
	run(&w, 30);
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_REMOTE_BLOCKED);
	assert_true(has_ev(&w.e[0], CC_R2_EV_BLOCKED, ANY));
	assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", NULL, 0, 0, w.now), -EBUSY);
	assert_int_equal(cc_r2_chan_make_call(&w.e[1].ch, "110", NULL, 0, 0, w.now), -EBUSY);
	assert_int_equal(cc_r2_chan_unblock(&w.e[1].ch, w.now), 0);
	run(&w, 30);
	assert_int_equal(w.e[0].ch.st, CC_R2_ST_IDLE);
	assert_int_equal(cc_r2_chan_unblock(&w.e[1].ch, w.now), -EBUSY);
}

static void r2_line_glitch_shorter_than_debounce_ignored(void **state)
{
	struct wire w;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	/* a 10 ms 00 glitch on an idle line: no seizure */
	assert_int_equal(cc_r2_chan_rx_abcd(&w.e[1].ch, 0x3, 100), 0);
	cc_r2_chan_tick(&w.e[1].ch, 105);
	assert_int_equal(cc_r2_chan_rx_abcd(&w.e[1].ch, 0xB, 110), 0);
	cc_r2_chan_tick(&w.e[1].ch, 200);
	assert_int_equal(w.e[1].ch.st, CC_R2_ST_IDLE);
	/* 25 ms is a seizure; C/D = 01 on a China line is counted */
	assert_int_equal(cc_r2_chan_rx_abcd(&w.e[1].ch, 0x1, 300), 0);
	assert_int_equal(cc_r2_chan_next_deadline(&w.e[1].ch), 320);
	cc_r2_chan_tick(&w.e[1].ch, 320);
	assert_int_equal(w.e[1].ch.st, CC_R2_ST_IN_MF);
	assert_int_equal(w.e[1].ch.stats.rx_abcd_bad_cd, 1);
	assert_int_equal(cc_r2_chan_rx_abcd(&w.e[1].ch, 0x1F, 300), -EINVAL);
}

/*
 * A far end that sends KA but never the calling number (what OpenR2 1.3.3 does
 * in CN mode once it has no called digits left): the call still completes,
 * calling number unavailable.  Channel B is driven by hand.
 */
struct hand {
	uint8_t abcd;
	int sig, pulse;
	int nsig;
	struct cc_r2_call_info offered;
	int offered_n;
};

static void h_abcd(void *p, uint8_t abcd)
{
	((struct hand *)p)->abcd = abcd;
}

static void h_mf(void *p, int sig, int pulse)
{
	struct hand *h = p;

	h->sig = sig;
	h->pulse = pulse;
	if (sig)
		h->nsig++;
}

static void h_ev(void *p, struct cc_r2_chan *ch, const struct cc_r2_ev *ev)
{
	struct hand *h = p;

	if (ev->type == CC_R2_EV_OFFERED) {
		h->offered = *ev->info;
		h->offered_n++;
		assert_int_equal(cc_r2_chan_accept(ch, CC_R2_B_FREE_CHARGE, 0), 0);
	}
}

/* Forward tone @sig on at @t: expect backward response @resp; then forward off. */
static uint64_t fwd(struct cc_r2_chan *ch, struct hand *h, int sig, int resp, uint64_t t)
{
	assert_int_equal(cc_r2_chan_rx_mf(ch, sig, t), 0);
	assert_int_equal(h->sig, resp);
	assert_int_equal(h->pulse, 0);
	assert_int_equal(cc_r2_chan_rx_mf(ch, 0, t + 40), 0);
	assert_int_equal(h->sig, 0);
	return t + 80;
}

static void r2_china_far_end_never_sends_calling_number(void **state)
{
	struct cc_r2_chan ch;
	struct hand h = { 0 };
	struct cc_r2_ops o = { .tx_abcd = h_abcd, .tx_mf = h_mf, .event = h_ev };
	struct cc_r2_cfg cfg = { .variant = CC_R2_VAR_CHINA,
				 .called_len = 3,
				 .want_calling = true };
	const uint32_t td = cc_r2_timer_def(CC_R2_T_DIGIT)->def_ms;
	uint64_t t = 1000;

	(void)state;
	assert_int_equal(cc_r2_chan_init(&ch, &cfg, &o, &h, 0), 0);
	assert_int_equal(h.abcd, 0xB);
	assert_int_equal(cc_r2_chan_rx_abcd(&ch, 0x3, t), 0); /* seize */
	cc_r2_chan_tick(&ch, t += 20);
	assert_int_equal(h.abcd, 0xF); /* seize-ack 11, CD 11 */
	t = fwd(&ch, &h, 1, 1, t + 50);
	t = fwd(&ch, &h, 2, 1, t);
	t = fwd(&ch, &h, 10, 6, t); /* "120" complete: A6 asks for KA + calling */
	t = fwd(&ch, &h, 1, 1, t);  /* KA = 1, A1 asks for the first calling digit */
	/* ... and the far end sends nothing more */
	cc_r2_chan_tick(&ch, t + td - 100);
	assert_int_equal(h.pulse, 0);
	cc_r2_chan_tick(&ch, t + td);
	assert_int_equal(h.sig, 3); /* pulsed A3: change to group B */
	assert_int_equal(h.pulse, 150);
	t += td + 300;
	assert_int_equal(cc_r2_chan_rx_mf(&ch, 3, t), 0); /* KD = 3 */
	assert_int_equal(h.offered_n, 1);
	assert_string_equal(h.offered.called, "120");
	assert_false(h.offered.calling_available);
	assert_string_equal(h.offered.calling, "");
	assert_int_equal(h.offered.category, 1);
	assert_int_equal(h.sig, 1); /* B1: free */
	assert_int_equal(cc_r2_chan_rx_mf(&ch, 0, t + 40), 0);
	assert_int_equal(ch.st, CC_R2_ST_IN_WAIT_ANSWER);
	assert_int_equal(cc_r2_chan_answer(&ch, t + 100), 0);
	assert_int_equal(h.abcd, 0x7);				     /* answered: 01 11 */
	assert_int_equal(cc_r2_chan_rx_abcd(&ch, 0xB, t + 5000), 0); /* clear-forward */
	cc_r2_chan_tick(&ch, t + 5020);
	assert_int_equal(ch.st, CC_R2_ST_IDLE);
	assert_int_equal(h.abcd, 0xB);
}

static void r2_china_rejects_backward_signals_outside_2_of_4(void **state)
{
	struct wire w;

	(void)state;
	wire_init(&w, CC_R2_VAR_CHINA, 3);
	w.quiet_b = true;
	assert_int_equal(cc_r2_chan_make_call(&w.e[0].ch, "110", NULL, 0, 0, w.now), 0);
	assert_int_equal(cc_r2_chan_rx_abcd(&w.e[0].ch, 0xF, w.now), 0);
	run(&w, 30);
	assert_int_equal(w.e[0].ch.mf, CC_R2_MF_OUT_SEND);
	/* B7/B8 (660/540 Hz) do not exist in China: counted, ignored */
	assert_int_equal(cc_r2_chan_rx_mf(&w.e[0].ch, 7, w.now), 0);
	assert_int_equal(w.e[0].ch.mf, CC_R2_MF_OUT_SEND);
	assert_int_equal(w.e[0].ch.stats.rx_mf_bad_signal, 1);
	assert_int_equal(cc_r2_chan_rx_mf(&w.e[0].ch, 16, w.now), -EINVAL);
}

static void r2_init_rejects_bad_config(void **state)
{
	static const struct cc_r2_ops nops;
	struct cc_r2_chan ch;
	struct cc_r2_cfg cfg = { .variant = CC_R2_VAR__COUNT };

	(void)state;
	assert_int_equal(cc_r2_chan_init(&ch, &cfg, &nops, NULL, 0), -EINVAL);
	cfg.variant = CC_R2_VAR_CHINA;
	cfg.timer_ms[CC_R2_T_PULSE] = 20; /* below range */
	assert_int_equal(cc_r2_chan_init(&ch, &cfg, &nops, NULL, 0), -EINVAL);
	cfg.timer_ms[CC_R2_T_PULSE] = 0;
	assert_int_equal(cc_r2_chan_init(&ch, &cfg, &nops, NULL, 0), 0);
	assert_int_equal(cc_r2_chan_make_call(&ch, "12a", NULL, 0, 0, 0), -EINVAL);
	assert_int_equal(cc_r2_chan_make_call(&ch, "", NULL, 0, 0, 0), -EINVAL);
	assert_int_equal(cc_r2_chan_answer(&ch, 0), -EPROTO);
	assert_int_equal(cc_r2_chan_accept(&ch, CC_R2_B_FREE_CHARGE, 0), -EPROTO);
	assert_string_equal(cc_r2_st_name(CC_R2_ST_IN_MF), "IN_MF");
	assert_string_equal(cc_r2_cause_name(CC_R2_CAUSE_DOUBLE_SEIZURE), "double-seizure");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(r2_init_rejects_bad_config),
		cmocka_unit_test(r2_china_call_with_calling_number_known_length),
		cmocka_unit_test(r2_china_call_unknown_length_ends_by_timeout_pulse),
		cmocka_unit_test(r2_china_call_without_calling_number),
		cmocka_unit_test(r2_itu_call_with_calling_number),
		cmocka_unit_test(r2_itu_call_restricted_calling_number),
		cmocka_unit_test(r2_hundred_china_calls_back_to_back),
		cmocka_unit_test(r2_china_busy_releases_both),
		cmocka_unit_test(r2_clear_back_after_answer_releases_caller),
		cmocka_unit_test(r2_seize_without_ack_times_out),
		cmocka_unit_test(r2_double_seizure_both_back_off),
		cmocka_unit_test(r2_backward_silent_in_mf_times_out_and_clears),
		cmocka_unit_test(r2_blocking_both_ways),
		cmocka_unit_test(r2_line_glitch_shorter_than_debounce_ignored),
		cmocka_unit_test(r2_china_far_end_never_sends_calling_number),
		cmocka_unit_test(r2_china_rejects_backward_signals_outside_2_of_4),
	};

	return cmocka_run_group_tests_name("r2", tests, NULL, NULL);
}
