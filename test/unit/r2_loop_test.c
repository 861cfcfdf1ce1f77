// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * R2 groups over the in-process loopback backend: full call flows with line
 * signalling, MF tones through lib/dsp and an A-law line, caller-ID records
 * written to a file in the uapi format, E1 alarms (a cut line), and the DAHDI
 * backend's error paths that need no kernel.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <callcenter/r2_dahdi.h>
#include <uapi/callcenter/cid.h>

#define MAXEV 4096

struct ev {
	enum cc_r2_ev_type type;
	unsigned int chan;
	enum cc_r2_cause r2_cause;
	uint8_t cause;
};

struct end {
	struct ev ev[MAXEV];
	int nev;
	struct cc_r2_call_info offered[8]; /* per channel, last OFFERED */
	enum cc_r2_b accept_with;
	bool no_accept;
	int offered_n;
};

struct fx {
	struct cc_r2_loop *l;
	struct cc_r2_group *a, *b;
	struct end ea, eb;
	char cid_path[64];
};

static void on_ev(void *priv, struct cc_r2_group *g, const struct cc_r2_group_ev *ev)
{
	struct end *e = priv;

	if (e->nev < MAXEV)
		e->ev[e->nev++] = (struct ev){ ev->type, ev->chan, ev->r2_cause, ev->cause };
	assert_int_equal(ev->ts, ev->chan + 1);
	if (ev->type == CC_R2_EV_OFFERED) {
		assert_non_null(ev->info);
		if (ev->chan < 8)
			e->offered[ev->chan] = *ev->info;
		e->offered_n++;
		if (!e->no_accept)
			assert_int_equal(cc_r2_group_accept(g, ev->chan, e->accept_with), 0);
	}
}

static const struct cc_r2_group_ops ops = { .event = on_ev };

static int count_ev(const struct end *e, enum cc_r2_ev_type t, int chan, int cause)
{
	int n = 0;

	for (int i = 0; i < e->nev; i++)
		if (e->ev[i].type == t && (chan < 0 || e->ev[i].chan == (unsigned int)chan) &&
		    (cause < 0 || e->ev[i].r2_cause == (enum cc_r2_cause)cause))
			n++;
	return n;
}

static void fx_init(struct fx *f, enum cc_r2_variant_id var, int called_len, size_t n,
		    bool with_cid)
{
	struct cc_r2_group_cfg cfg = {
		.r2 = { .variant = var, .called_len = called_len, .want_calling = true }
	};

	memset(f, 0, sizeof(*f));
	f->ea.accept_with = f->eb.accept_with = CC_R2_B_FREE_CHARGE;
	if (with_cid) {
		int fd;

		snprintf(f->cid_path, sizeof(f->cid_path), "/tmp/r2_loop_cid.XXXXXX");
		fd = mkstemp(f->cid_path);
		assert_true(fd >= 0);
		close(fd);
		cfg.cid_path = f->cid_path;
	}
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, n, &ops, &f->ea, &f->eb, 1000, &f->l), 0);
	f->a = cc_r2_loop_group(f->l, 0);
	f->b = cc_r2_loop_group(f->l, 1);
	assert_non_null(f->a);
	assert_non_null(f->b);
	assert_null(cc_r2_loop_group(f->l, 2));
}

static void fx_fini(struct fx *f)
{
	cc_r2_loop_free(f->l);
	if (f->cid_path[0])
		unlink(f->cid_path);
}

static enum cc_r2_st st(struct cc_r2_group *g, unsigned int i)
{
	return cc_r2_group_chan(g, i)->st;
}

static bool run_until(struct fx *f, struct cc_r2_group *g, unsigned int i, enum cc_r2_st want,
		      uint64_t max_ms)
{
	uint64_t end = cc_r2_loop_now(f->l) + max_ms;

	while (cc_r2_loop_now(f->l) < end) {
		if (st(g, i) == want)
			return true;
		cc_r2_loop_run(f->l, cc_r2_loop_now(f->l) + 1);
	}
	return st(g, i) == want;
}

static int read_cid(const char *path, struct cc_cid_record *r, int max)
{
	int fd = open(path, O_RDONLY), n = 0;

	assert_true(fd >= 0);
	while (n < max && read(fd, &r[n], sizeof(r[n])) == (ssize_t)sizeof(r[n]))
		n++;
	close(fd);
	return n;
}

/* One call from @from to @to on channel @i: offered, answered, cleared by @clearer. */
static void one_call(struct fx *f, struct cc_r2_group *from, struct cc_r2_group *to,
		     struct end *eto, unsigned int i, const char *called, const char *calling,
		     bool caller_clears)
{
	assert_int_equal(cc_r2_group_make_call(from, i, called, calling, 0, 0), 0);
	assert_true(run_until(f, to, i, CC_R2_ST_IN_WAIT_ANSWER, 30000));
	assert_true(run_until(f, from, i, CC_R2_ST_OUT_WAIT_ANSWER, 2000));
	assert_string_equal(eto->offered[i].called, called);
	if (calling && calling[0]) {
		assert_true(eto->offered[i].calling_available);
		assert_string_equal(eto->offered[i].calling, calling);
	} else {
		assert_false(eto->offered[i].calling_available);
		assert_string_equal(eto->offered[i].calling, "");
	}
	assert_int_equal(cc_r2_group_answer(to, i), 0);
	assert_true(run_until(f, from, i, CC_R2_ST_OUT_ANSWERED, 500));
	cc_r2_loop_run(f->l, cc_r2_loop_now(f->l) + 300);
	if (caller_clears) {
		assert_int_equal(cc_r2_group_hangup(from, i), 0);
	} else {
		assert_int_equal(cc_r2_group_hangup(to, i), 0);
		assert_true(run_until(f, from, i, CC_R2_ST_IDLE, 500));
	}
	assert_true(run_until(f, to, i, CC_R2_ST_IDLE, 500));
	assert_true(run_until(f, from, i, CC_R2_ST_IDLE, 500));
	cc_r2_loop_run(f->l, cc_r2_loop_now(f->l) + 100);
	assert_int_equal(st(from, i), CC_R2_ST_IDLE);
	assert_int_equal(st(to, i), CC_R2_ST_IDLE);
}

/* ---------------------------------------------------------------- tests */

static void loop_china_call_with_calling_number_publishes_cid(void **state)
{
	struct fx f;
	struct cc_cid_record r[4];
	const struct cc_r2_group_stats *s;

	(void)state;
	fx_init(&f, CC_R2_VAR_CHINA, 5, 2, true);
	one_call(&f, f.a, f.b, &f.eb, 1, "12345", "13800138000", true);
	assert_int_equal(f.eb.offered[1].category, 1); /* KA: ordinary subscriber */
	assert_int_equal(f.eb.offered[1].kd, 3);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_PROCEEDING, 1, -1), 1);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_ANSWERED, 1, -1), 1);
	assert_int_equal(count_ev(&f.eb, CC_R2_EV_RELEASED, 1, CC_R2_CAUSE_NORMAL), 1);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, 1, CC_R2_CAUSE_NORMAL), 1);
	assert_int_equal(count_ev(&f.eb, CC_R2_EV_IDLE, 1, -1), 1);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_OFFERED, -1, -1), 0);
	/* the record, as the kernel would receive it */
	assert_int_equal(read_cid(f.cid_path, r, 4), 1);
	assert_int_equal(r[0].version, CC_CID_ABI_VERSION);
	assert_int_equal(r[0].size, sizeof(r[0]));
	assert_int_equal(r[0].source, CC_CID_SRC_R2);
	assert_int_equal(r[0].span, 0);
	assert_int_equal(r[0].channel, 2);
	assert_int_equal(r[0].category, 1);
	assert_int_equal(r[0].presentation, CC_CID_PRES_ALLOWED);
	assert_int_equal(r[0].screening, CC_CID_SCREEN_NETWORK);
	assert_int_equal(r[0].flags, CC_CID_F_CALLING | CC_CID_F_CALLED);
	assert_string_equal(r[0].calling, "13800138000");
	assert_string_equal(r[0].called, "12345");
	assert_int_equal(r[0].seq, 0);
	assert_int_equal(r[0].ts_sec, 0);
	s = cc_r2_group_stats_get(f.b);
	assert_int_equal(s->cid_published, 1);
	assert_int_equal(s->cid_failed, 0);
	assert_true(s->mf_signals >= 19); /* forward: 5 called, KA, 11 calling, 15, KD */
	assert_int_equal(cc_r2_group_stats_get(f.a)->cid_published, 0); /* outgoing: none */
	fx_fini(&f);
}

static void loop_itu_both_directions_called_clears_too(void **state)
{
	struct fx f;
	struct cc_cid_record r[4];

	(void)state;
	fx_init(&f, CC_R2_VAR_ITU, 0, 2, true);
	one_call(&f, f.b, f.a, &f.ea, 0, "120", "02150001234", false);
	one_call(&f, f.a, f.b, &f.eb, 0, "12345678", "13900139000", true);
	assert_int_equal(read_cid(f.cid_path, r, 4), 2);
	assert_string_equal(r[0].calling, "02150001234");
	assert_string_equal(r[0].called, "120");
	assert_string_equal(r[1].calling, "13900139000");
	assert_string_equal(r[1].called, "12345678");
	assert_int_equal(r[1].category, 1); /* II-1 */
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, 0, CC_R2_CAUSE_NORMAL), 2);
	fx_fini(&f);
}

/*
 * The answer overtakes the end of the B signal: the called side answers as soon
 * as it may and the calling side recognises line bits (1 ms debounce) before the
 * tone's end.  PROCEEDING must still be reported, and the next call on the same
 * channel must not be blind to the same B/A signal (seen in the VM: calls after
 * such an answer timed out on their first digit).
 */
static void loop_answer_overtakes_b_signal_next_call_ok(void **state)
{
	struct cc_r2_group_cfg cfg = {
		.r2 = { .variant = CC_R2_VAR_CHINA, .called_len = 5, .want_calling = true }
	};
	struct fx f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.ea.accept_with = f.eb.accept_with = CC_R2_B_FREE_CHARGE;
	cfg.r2.timer_ms[CC_R2_T_DEBOUNCE] = 1;
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, 1, &ops, &f.ea, &f.eb, 0, &f.l), 0);
	f.a = cc_r2_loop_group(f.l, 0);
	f.b = cc_r2_loop_group(f.l, 1);
	for (int k = 0; k < 3; k++) {
		assert_int_equal(cc_r2_group_make_call(f.a, 0, "12345", "13800138000", 0, 0), 0);
		assert_true(run_until(&f, f.b, 0, CC_R2_ST_IN_WAIT_ANSWER, 30000));
		assert_int_equal(cc_r2_group_answer(f.b, 0), 0);
		cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 3);
		assert_int_equal(st(f.a, 0), CC_R2_ST_OUT_ANSWERED);
		assert_int_equal(cc_r2_group_chan(f.a, 0)->rx_sig, 1); /* B1 still on */
		assert_int_equal(count_ev(&f.ea, CC_R2_EV_PROCEEDING, 0, -1), k + 1);
		assert_int_equal(count_ev(&f.ea, CC_R2_EV_ANSWERED, 0, -1), k + 1);
		assert_int_equal(cc_r2_group_hangup(f.a, 0), 0);
		assert_true(run_until(&f, f.a, 0, CC_R2_ST_IDLE, 1000));
		assert_true(run_until(&f, f.b, 0, CC_R2_ST_IDLE, 1000));
	}
	assert_int_equal(f.eb.offered_n, 3);
	fx_fini(&f);
}

static void loop_china_no_calling_number_record_unavailable(void **state)
{
	struct fx f;
	struct cc_cid_record r[2];

	(void)state;
	fx_init(&f, CC_R2_VAR_CHINA, 0, 1, true); /* unknown length: T_DIGIT ends the number */
	one_call(&f, f.a, f.b, &f.eb, 0, "120", NULL, true);
	assert_int_equal(read_cid(f.cid_path, r, 2), 1);
	assert_int_equal(r[0].presentation, CC_CID_PRES_NOT_AVAILABLE);
	assert_int_equal(r[0].flags, CC_CID_F_CALLED);
	assert_string_equal(r[0].calling, "");
	assert_string_equal(r[0].called, "120");
	assert_int_equal(r[0].category, 1); /* KA was sent, the number was not */
	fx_fini(&f);
}

static void loop_busy_released_with_q850_17(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, CC_R2_VAR_CHINA, 5, 1, false);
	f.eb.accept_with = CC_R2_B_BUSY;
	assert_int_equal(cc_r2_group_make_call(f.a, 0, "12345", "13800138000", 0, 0), 0);
	assert_true(run_until(&f, f.a, 0, CC_R2_ST_IDLE, 30000));
	assert_true(run_until(&f, f.b, 0, CC_R2_ST_IDLE, 1000));
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, 0, CC_R2_CAUSE_BUSY), 1);
	assert_int_equal(f.ea.ev[f.ea.nev - 2].cause, 17);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_ANSWERED, 0, -1), 0);
	fx_fini(&f);
}

/* 100 China calls with calling numbers on 4 channels; every record checked. */
static void loop_china_100_calls_all_published(void **state)
{
	enum { N = 100, CH = 4 };
	static struct cc_cid_record r[N + 1];
	struct fx f;
	int placed = 0, done = 0, seen[N] = { 0 };
	uint64_t answered_at[CH] = { 0 };

	(void)state;
	fx_init(&f, CC_R2_VAR_CHINA, 8, CH, true);
	while (done < N) {
		assert_true(cc_r2_loop_now(f.l) < 1000 + 900000);
		for (unsigned int i = 0; i < CH; i++) {
			char called[16], calling[16];

			switch (st(f.a, i)) {
			case CC_R2_ST_IDLE:
				if (placed < N && st(f.b, i) == CC_R2_ST_IDLE) {
					snprintf(called, sizeof(called), "1234%04d", placed);
					snprintf(calling, sizeof(calling), "1380013%04d", placed);
					assert_int_equal(cc_r2_group_make_call(f.a, i, called,
									       calling, 0, 0),
							 0);
					placed++;
				}
				break;
			case CC_R2_ST_OUT_ANSWERED:
				if (!answered_at[i])
					answered_at[i] = cc_r2_loop_now(f.l);
				else if (cc_r2_loop_now(f.l) - answered_at[i] >= 50) {
					assert_int_equal(cc_r2_group_hangup(f.a, i), 0);
					answered_at[i] = 0;
					done++;
				}
				break;
			default:
				break;
			}
			if (st(f.b, i) == CC_R2_ST_IN_WAIT_ANSWER)
				assert_int_equal(cc_r2_group_answer(f.b, i), 0);
		}
		cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 1);
	}
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 500);
	for (unsigned int i = 0; i < CH; i++) {
		assert_int_equal(st(f.a, i), CC_R2_ST_IDLE);
		assert_int_equal(st(f.b, i), CC_R2_ST_IDLE);
	}
	assert_int_equal(read_cid(f.cid_path, r, N + 1), N);
	for (int k = 0; k < N; k++) {
		int n = atoi(r[k].calling + 7);

		assert_int_equal(strlen(r[k].calling), 11);
		assert_true(n >= 0 && n < N);
		assert_int_equal(atoi(r[k].called + 4), n);
		assert_int_equal(r[k].presentation, CC_CID_PRES_ALLOWED);
		seen[n]++;
	}
	for (int k = 0; k < N; k++)
		assert_int_equal(seen[k], 1);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, -1, CC_R2_CAUSE_NORMAL), N);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, -1, -1), N);
	fx_fini(&f);
}

/* Cut the line with one call answered and one in register signalling. */
static void loop_alarm_mid_call_clears_and_recovers(void **state)
{
	struct fx f;
	int ret;

	(void)state;
	fx_init(&f, CC_R2_VAR_CHINA, 5, 3, true);
	assert_int_equal(cc_r2_group_make_call(f.a, 0, "12345", "13800138000", 0, 0), 0);
	assert_true(run_until(&f, f.b, 0, CC_R2_ST_IN_WAIT_ANSWER, 30000));
	assert_int_equal(cc_r2_group_answer(f.b, 0), 0);
	assert_true(run_until(&f, f.a, 0, CC_R2_ST_OUT_ANSWERED, 500));
	assert_int_equal(cc_r2_group_make_call(f.b, 1, "120", "13800138001", 0, 0), 0);
	assert_true(run_until(&f, f.a, 1, CC_R2_ST_IN_MF, 1000));
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 200); /* MF in progress */
	assert_int_equal(st(f.b, 1), CC_R2_ST_OUT_MF);

	cc_r2_loop_cut(f.l, true);
	for (unsigned int i = 0; i < 3; i++) {
		assert_int_equal(st(f.a, i), CC_R2_ST_ALARM);
		assert_int_equal(st(f.b, i), CC_R2_ST_ALARM);
		assert_int_equal(count_ev(&f.ea, CC_R2_EV_ALARM, (int)i, -1), 1);
		assert_int_equal(count_ev(&f.eb, CC_R2_EV_ALARM, (int)i, -1), 1);
	}
	/* both calls released with cause alarm (Q.850 38) on both ends, idle channel not */
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, 0, CC_R2_CAUSE_ALARM), 1);
	assert_int_equal(count_ev(&f.eb, CC_R2_EV_RELEASED, 0, CC_R2_CAUSE_ALARM), 1);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, 1, CC_R2_CAUSE_ALARM), 1);
	assert_int_equal(count_ev(&f.eb, CC_R2_EV_RELEASED, 1, CC_R2_CAUSE_ALARM), 1);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_RELEASED, 2, -1), 0);
	for (int i = 0; i < f.ea.nev; i++)
		if (f.ea.ev[i].type == CC_R2_EV_RELEASED)
			assert_int_equal(f.ea.ev[i].cause, 38);
	assert_int_equal(cc_r2_group_chan(f.a, 0)->tx_sig, 0);
	ret = cc_r2_group_make_call(f.a, 2, "12345", NULL, 0, 0);
	assert_int_equal(ret, -ENOLINK);
	/* a long alarm: no timer runs, nothing changes */
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 70000);
	assert_int_equal(st(f.a, 0), CC_R2_ST_ALARM);
	assert_int_equal(count_ev(&f.ea, CC_R2_EV_IDLE, -1, -1), 0);

	cc_r2_loop_cut(f.l, false);
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 100);
	for (unsigned int i = 0; i < 3; i++) {
		assert_int_equal(st(f.a, i), CC_R2_ST_IDLE);
		assert_int_equal(st(f.b, i), CC_R2_ST_IDLE);
		assert_int_equal(count_ev(&f.ea, CC_R2_EV_IDLE, (int)i, -1), 1);
	}
	/* the trunk works again, both ways */
	one_call(&f, f.a, f.b, &f.eb, 0, "12345", "13800138002", true);
	one_call(&f, f.b, f.a, &f.ea, 1, "12345", "13800138003", false);
	fx_fini(&f);
}

static void loop_block_survives_alarm(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, CC_R2_VAR_ITU, 0, 1, false);
	assert_int_equal(cc_r2_group_block(f.a, 0), 0);
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 100);
	assert_int_equal(st(f.b, 0), CC_R2_ST_REMOTE_BLOCKED);
	cc_r2_loop_cut(f.l, true);
	cc_r2_loop_cut(f.l, false);
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 100);
	assert_int_equal(st(f.a, 0), CC_R2_ST_BLOCKED);
	assert_int_equal(st(f.b, 0), CC_R2_ST_REMOTE_BLOCKED);
	assert_int_equal(cc_r2_group_make_call(f.b, 0, "1", NULL, 0, 0), -EBUSY);
	assert_int_equal(cc_r2_group_unblock(f.a, 0), 0);
	cc_r2_loop_run(f.l, cc_r2_loop_now(f.l) + 100);
	assert_int_equal(st(f.b, 0), CC_R2_ST_IDLE);
	fx_fini(&f);
}

static void loop_cid_sink_missing_counted_call_completes(void **state)
{
	struct cc_r2_group_cfg cfg = {
		.r2 = { .variant = CC_R2_VAR_CHINA, .called_len = 5, .want_calling = true },
		.cid_path = "/nonexistent-dir/callerid"
	};
	struct fx f;
	const struct cc_r2_group_stats *s;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.ea.accept_with = f.eb.accept_with = CC_R2_B_FREE_CHARGE;
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, 1, &ops, &f.ea, &f.eb, 0, &f.l), 0);
	f.a = cc_r2_loop_group(f.l, 0);
	f.b = cc_r2_loop_group(f.l, 1);
	one_call(&f, f.a, f.b, &f.eb, 0, "12345", "13800138000", true);
	one_call(&f, f.a, f.b, &f.eb, 0, "12345", "13800138001", true);
	s = cc_r2_group_stats_get(f.b);
	assert_int_equal(s->cid_published, 0);
	assert_int_equal(s->cid_failed, 2);
	assert_int_equal(s->cid_last_error, -ENOENT);
	fx_fini(&f);
}

static void group_bad_args_einval(void **state)
{
	struct cc_r2_group_cfg cfg = { .r2 = { .variant = CC_R2_VAR_CHINA } };
	struct cc_r2_loop *l = NULL;
	struct cc_r2_group *g = NULL;
	int chans[1] = { 1 };
	struct fx f;

	(void)state;
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, 0, &ops, NULL, NULL, 0, &l), -EINVAL);
	cfg.numbufs = 33;
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, 1, &ops, NULL, NULL, 0, &l), -EINVAL);
	cfg.numbufs = 0;
	cfg.r2.timer_ms[CC_R2_T_PULSE] = 5; /* below range */
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, 1, &ops, NULL, NULL, 0, &l), -EINVAL);
	assert_null(l);
	cfg.r2.timer_ms[CC_R2_T_PULSE] = 0;
	cfg.r2.variant = CC_R2_VAR__COUNT;
	assert_int_equal(cc_r2_group_open_dahdi(&cfg, chans, 1, &ops, NULL, &g), -EINVAL);
	cfg.r2.variant = CC_R2_VAR_ITU;
	cfg.dahdi_dev = "/nonexistent-dir/channel";
	assert_int_equal(cc_r2_group_open_dahdi(&cfg, chans, 1, &ops, NULL, &g), -ENOENT);
	cfg.dahdi_dev = "/dev/null"; /* not a DAHDI channel: DAHDI_SPECIFY fails */
	assert_true(cc_r2_group_open_dahdi(&cfg, chans, 1, &ops, NULL, &g) < 0);
	assert_null(g);
	cc_r2_group_free(NULL);
	cc_r2_loop_free(NULL);
	/* commands on a bad channel index; DAHDI-only calls on a loopback group */
	fx_init(&f, CC_R2_VAR_ITU, 0, 1, false);
	assert_int_equal(cc_r2_group_make_call(f.a, 1, "1", NULL, 0, 0), -EINVAL);
	assert_int_equal(cc_r2_group_answer(f.a, 0), -EPROTO);
	assert_null(cc_r2_group_chan(f.a, 1));
	assert_int_equal(cc_r2_group_pollfds(f.a, NULL, 0), 0);
	assert_int_equal(cc_r2_group_process(f.a, NULL, 0), -EINVAL);
	assert_int_equal(cc_r2_group_timeout_ms(f.a), -1);
	assert_int_equal(cc_r2_group_make_call(f.a, 0, "12x", NULL, 0, 0), -EINVAL);
	fx_fini(&f);
}

static void r2_cause_q850_table(void **state)
{
	(void)state;
	assert_int_equal(cc_r2_cause_q850(CC_R2_CAUSE_NORMAL), 16);
	assert_int_equal(cc_r2_cause_q850(CC_R2_CAUSE_BUSY), 17);
	assert_int_equal(cc_r2_cause_q850(CC_R2_CAUSE_UNALLOCATED), 1);
	assert_int_equal(cc_r2_cause_q850(CC_R2_CAUSE_ALARM), 38);
	assert_int_equal(cc_r2_cause_q850(CC_R2_CAUSE__COUNT), 111);
	assert_string_equal(cc_r2_cause_name(CC_R2_CAUSE_ALARM), "alarm");
	assert_string_equal(cc_r2_st_name(CC_R2_ST_ALARM), "ALARM");
	assert_string_equal(cc_r2_ev_name(CC_R2_EV_ALARM), "ALARM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loop_china_call_with_calling_number_publishes_cid),
		cmocka_unit_test(loop_itu_both_directions_called_clears_too),
		cmocka_unit_test(loop_answer_overtakes_b_signal_next_call_ok),
		cmocka_unit_test(loop_china_no_calling_number_record_unavailable),
		cmocka_unit_test(loop_busy_released_with_q850_17),
		cmocka_unit_test(loop_china_100_calls_all_published),
		cmocka_unit_test(loop_alarm_mid_call_clears_and_recovers),
		cmocka_unit_test(loop_block_survives_alarm),
		cmocka_unit_test(loop_cid_sink_missing_counted_call_completes),
		cmocka_unit_test(group_bad_args_einval),
		cmocka_unit_test(r2_cause_q850_table),
	};

	return cmocka_run_group_tests_name("r2_loop", tests, NULL, NULL);
}
