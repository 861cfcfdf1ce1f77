// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Signalling-neutral call events (<callcenter/call.h>): the same call driven
 * through the SS7 loopback (ISUP and China TUP) and the R2 loopback (China
 * and ITU variants) must give CTI the same sequence of struct cc_call_ev on
 * each side - what lets CTI ignore the trunk's signalling - while the native
 * events keep coming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/call.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/r2_dahdi.h>
#include <callcenter/ss7.h>
#include <callcenter/trunk.h>

#define CALLING "13800138000"
#define CALLED	"12345"
#define MAXREC	32

struct rec {
	struct cc_call_ev ev[MAXREC];
	int n;
	unsigned int native; /* native events seen */
	/* what CTI does on INCOMING (SS7: ACM; R2: B free) */
	struct cc_ss7 *ss7;
	struct cc_r2_group *r2;
	uint64_t *now;
};

static void rec_ev(void *priv, const struct cc_call_ev *ev)
{
	struct rec *r = priv;

	assert_true(r->n < MAXREC);
	r->ev[r->n++] = *ev;
	if (ev->type != CC_CALL_EV_INCOMING)
		return;
	if (r->ss7)
		assert_int_equal(cc_ss7_accept(r->ss7, *r->now, ev->cic), 0);
	if (r->r2)
		assert_int_equal(cc_r2_group_accept(r->r2, ev->cic, CC_R2_B_FREE_CHARGE), 0);
}

/* only the call's events: drop trunk up/down from bringing the linkset up */
static void call_only(struct rec *r)
{
	int k = 0;

	for (int i = 0; i < r->n; i++)
		if (r->ev[i].type != CC_CALL_EV_TRUNK_UP && r->ev[i].type != CC_CALL_EV_TRUNK_DOWN)
			r->ev[k++] = r->ev[i];
	r->n = k;
}

/* ------------------------------------------------------------------ SS7 */

struct net {
	struct cc_ss7 *a, *b;
	struct cc_trunk_chan *ca, *cb;
	uint64_t now;
	struct rec ra, rb;
};

static void ss7_native(void *priv, const struct cc_ss7_event *ev)
{
	(void)ev;
	((struct rec *)priv)->native++;
}

static const struct cc_ss7_ops ss7_ops = { .event = ss7_native };

static void net_run(struct net *n, uint64_t ms)
{
	uint64_t end = n->now + ms;

	while (n->now < end) {
		for (int guard = 0; guard < 1000; guard++) {
			int moved = cc_ss7_trunk_pump(n->a, 0, n->ca, n->now) +
				    cc_ss7_trunk_pump(n->b, 0, n->cb, n->now);

			if (moved <= 0)
				break;
		}
		n->now += 5;
		cc_ss7_tick(n->a, n->now);
		cc_ss7_tick(n->b, n->now);
	}
}

static void ss7_one_call(enum cc_ss7_user_part up, struct rec *orig, struct rec *term,
			 uint8_t *category)
{
	struct cc_ss7_cfg ca, cb;
	struct net n;
	uint16_t cic;

	memset(&n, 0, sizeof(n));
	memset(&ca, 0, sizeof(ca));
	ca.user_part = up;
	ca.variant = CC_MTP3_CHINA;
	ca.ni = CC_MTP3_NI_NAT;
	ca.opc = 0x010203;
	ca.dpc = 0x040506;
	ca.cic_first = 1;
	ca.ncics = 30;
	ca.nlinks = 1;
	cb = ca;
	cb.opc = ca.dpc;
	cb.dpc = ca.opc;
	n.now = 1000;
	assert_int_equal(cc_ss7_alloc(&ca, &ss7_ops, &n.ra, &n.a), 0);
	assert_int_equal(cc_ss7_alloc(&cb, &ss7_ops, &n.rb, &n.b), 0);
	assert_int_equal(cc_trunk_loop_pair(512, &n.ca, &n.cb), 0);
	n.rb.ss7 = n.b;
	n.rb.now = &n.now;
	cc_ss7_set_call_ev_fn(n.a, rec_ev, &n.ra);
	cc_ss7_set_call_ev_fn(n.b, rec_ev, &n.rb);
	cc_ss7_start(n.a, n.now);
	cc_ss7_start(n.b, n.now);
	net_run(&n, 10000);
	assert_true(cc_ss7_is_up(n.a));
	/* the linkset coming up is TRUNK_UP on both sides */
	assert_true(n.ra.n >= 1 && n.ra.ev[0].type == CC_CALL_EV_TRUNK_UP);
	assert_true(n.rb.n >= 1 && n.rb.ev[0].type == CC_CALL_EV_TRUNK_UP);

	*category = CC_ISUP_CPC_ORDINARY;
	assert_int_equal(cc_ss7_call(n.a, n.now, 0, CALLING, CALLED, *category, &cic), 0);
	net_run(&n, 200);
	assert_int_equal(cc_ss7_circuit_state(n.b, cic), CC_SS7_CS_IN_PROCEEDING);
	assert_int_equal(cc_ss7_answer(n.b, n.now, cic), 0);
	net_run(&n, 200);
	assert_int_equal(cc_ss7_release(n.a, n.now, cic, CC_ISUP_CAUSE_NORMAL_CLEARING), 0);
	net_run(&n, 200);
	assert_int_equal(cc_ss7_circuit_state(n.a, cic), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_circuit_state(n.b, cic), CC_SS7_CS_IDLE);
	/* the native API is untouched */
	assert_true(n.ra.native > 0 && n.rb.native > 0);
	for (int i = 0; i < n.rb.n; i++)
		if (n.rb.ev[i].type != CC_CALL_EV_TRUNK_UP)
			assert_int_equal(n.rb.ev[i].cic, cic);
	cc_ss7_free(n.a);
	cc_ss7_free(n.b);
	cc_trunk_close(n.ca);
	cc_trunk_close(n.cb);
	*orig = n.ra;
	*term = n.rb;
	call_only(orig);
	call_only(term);
}

/* ------------------------------------------------------------------ R2 */

static void r2_native(void *priv, struct cc_r2_group *g, const struct cc_r2_group_ev *ev)
{
	(void)g;
	(void)ev;
	((struct rec *)priv)->native++;
}

static const struct cc_r2_group_ops r2_ops = { .event = r2_native };

static bool r2_run_until(struct cc_r2_loop *l, struct cc_r2_group *g, enum cc_r2_st want)
{
	uint64_t end = cc_r2_loop_now(l) + 20000;

	while (cc_r2_loop_now(l) < end && cc_r2_group_chan(g, 0)->st != want)
		cc_r2_loop_run(l, cc_r2_loop_now(l) + 1);
	return cc_r2_group_chan(g, 0)->st == want;
}

static void r2_one_call(enum cc_r2_variant_id var, struct rec *orig, struct rec *term,
			uint8_t *category)
{
	struct cc_r2_group_cfg cfg = {
		.r2 = { .variant = var, .called_len = (int)strlen(CALLED), .want_calling = true }
	};
	struct rec *ra = calloc(1, sizeof(*ra)), *rb = calloc(1, sizeof(*rb));
	struct cc_r2_loop *l;
	struct cc_r2_group *a, *b;

	assert_non_null(ra);
	assert_non_null(rb);
	assert_int_equal(cc_r2_loop_alloc(&cfg, &cfg, 1, &r2_ops, ra, rb, 1000, &l), 0);
	a = cc_r2_loop_group(l, 0);
	b = cc_r2_loop_group(l, 1);
	rb->r2 = b;
	cc_r2_group_set_call_ev_fn(a, rec_ev, ra);
	cc_r2_group_set_call_ev_fn(b, rec_ev, rb);

	*category = cc_r2_variant_get(var)->def_category;
	assert_int_equal(cc_r2_group_make_call(a, 0, CALLED, CALLING, 0, 0), 0);
	assert_true(r2_run_until(l, b, CC_R2_ST_IN_WAIT_ANSWER));
	assert_true(r2_run_until(l, a, CC_R2_ST_OUT_WAIT_ANSWER));
	assert_int_equal(cc_r2_group_answer(b, 0), 0);
	assert_true(r2_run_until(l, a, CC_R2_ST_OUT_ANSWERED));
	assert_int_equal(cc_r2_group_hangup(a, 0), 0);
	assert_true(r2_run_until(l, a, CC_R2_ST_IDLE));
	assert_true(r2_run_until(l, b, CC_R2_ST_IDLE));
	cc_r2_loop_run(l, cc_r2_loop_now(l) + 500);
	assert_true(ra->native > 0 && rb->native > 0);
	cc_r2_loop_free(l);
	*orig = *ra;
	*term = *rb;
	free(ra);
	free(rb);
}

/* ------------------------------------------------------------------ the property */

struct want {
	enum cc_call_ev_type type;
	enum cc_call_dir dir;
	uint8_t cause;
	bool local;
};

static const struct want want_orig[] = {
	{ CC_CALL_EV_PROCEEDING, CC_CALL_DIR_OUT, 0, false },
	{ CC_CALL_EV_ALERTING, CC_CALL_DIR_OUT, 0, false },
	{ CC_CALL_EV_ANSWERED, CC_CALL_DIR_OUT, 0, false },
	{ CC_CALL_EV_RELEASED, CC_CALL_DIR_OUT, 16, true }, /* Q.850 16 normal call clearing */
	{ CC_CALL_EV_IDLE, CC_CALL_DIR_OUT, 0, false },
};

static const struct want want_term[] = {
	{ CC_CALL_EV_INCOMING, CC_CALL_DIR_IN, 0, false },
	{ CC_CALL_EV_RELEASED, CC_CALL_DIR_IN, 16, false },
	{ CC_CALL_EV_IDLE, CC_CALL_DIR_IN, 0, false },
};

static void check_seq(const struct rec *r, const struct want *w, int nw, enum cc_call_sig sig,
		      uint8_t category)
{
	if (r->n != nw) {
		for (int i = 0; i < r->n; i++)
			print_message("  got %s %s cause %u\n", cc_call_ev_name(r->ev[i].type),
				      cc_call_dir_name(r->ev[i].dir), r->ev[i].cause);
	}
	assert_int_equal(r->n, nw);
	for (int i = 0; i < nw; i++) {
		const struct cc_call_ev *e = &r->ev[i];

		assert_string_equal(cc_call_ev_name(e->type), cc_call_ev_name(w[i].type));
		assert_int_equal(e->sig, sig);
		assert_int_equal(e->dir, w[i].dir);
		if (e->type == CC_CALL_EV_RELEASED) {
			assert_int_equal(e->cause, w[i].cause);
			assert_int_equal(e->local, w[i].local);
		}
		if (e->type == CC_CALL_EV_INCOMING) {
			assert_string_equal(e->calling, CALLING);
			assert_string_equal(e->called, CALLED);
			assert_int_equal(e->category, category);
			assert_int_equal(e->pres, CC_CALL_PRES_ALLOWED);
		} else {
			assert_string_equal(e->calling, "");
			assert_string_equal(e->called, "");
		}
	}
}

static void check_both(const struct rec *o, const struct rec *t, enum cc_call_sig sig,
		       uint8_t category)
{
	check_seq(o, want_orig, (int)(sizeof(want_orig) / sizeof(want_orig[0])), sig, category);
	check_seq(t, want_term, (int)(sizeof(want_term) / sizeof(want_term[0])), sig, category);
}

static struct rec o_buf, t_buf;

static void ss7_isup_call_gives_neutral_sequence(void **state)
{
	uint8_t cat;

	(void)state;
	ss7_one_call(CC_SS7_ISUP, &o_buf, &t_buf, &cat);
	check_both(&o_buf, &t_buf, CC_CALL_SIG_SS7_ISUP, cat);
}

static void ss7_tup_call_gives_neutral_sequence(void **state)
{
	uint8_t cat;

	(void)state;
	ss7_one_call(CC_SS7_TUP, &o_buf, &t_buf, &cat);
	check_both(&o_buf, &t_buf, CC_CALL_SIG_SS7_TUP, cat);
}

static void r2_china_call_gives_neutral_sequence(void **state)
{
	uint8_t cat;

	(void)state;
	r2_one_call(CC_R2_VAR_CHINA, &o_buf, &t_buf, &cat);
	check_both(&o_buf, &t_buf, CC_CALL_SIG_R2, cat);
	assert_int_equal(t_buf.ev[0].cic, 0);
	assert_int_equal(t_buf.ev[0].chan, 1); /* loopback: timeslot = index + 1 */
}

static void r2_itu_call_gives_neutral_sequence(void **state)
{
	uint8_t cat;

	(void)state;
	r2_one_call(CC_R2_VAR_ITU, &o_buf, &t_buf, &cat);
	check_both(&o_buf, &t_buf, CC_CALL_SIG_R2, cat);
}

/* The property CTI relies on, stated directly: field by field, SS7 == R2. */
static void ss7_and_r2_sequences_are_identical(void **state)
{
	static struct rec so, st, ro, rt;
	uint8_t cs, cr;

	(void)state;
	ss7_one_call(CC_SS7_ISUP, &so, &st, &cs);
	r2_one_call(CC_R2_VAR_CHINA, &ro, &rt, &cr);
	assert_int_equal(so.n, ro.n);
	assert_int_equal(st.n, rt.n);
	for (int i = 0; i < so.n; i++) {
		assert_int_equal(so.ev[i].type, ro.ev[i].type);
		assert_int_equal(so.ev[i].dir, ro.ev[i].dir);
		assert_int_equal(so.ev[i].cause, ro.ev[i].cause);
		assert_int_equal(so.ev[i].local, ro.ev[i].local);
	}
	for (int i = 0; i < st.n; i++) {
		assert_int_equal(st.ev[i].type, rt.ev[i].type);
		assert_int_equal(st.ev[i].dir, rt.ev[i].dir);
		assert_int_equal(st.ev[i].cause, rt.ev[i].cause);
		assert_string_equal(st.ev[i].calling, rt.ev[i].calling);
		assert_string_equal(st.ev[i].called, rt.ev[i].called);
		assert_int_equal(st.ev[i].pres, rt.ev[i].pres);
	}
}

static void names_cover_every_value(void **state)
{
	(void)state;
	for (int i = 0; i < CC_CALL_EV__COUNT; i++) {
		assert_non_null(cc_call_ev_name(i));
		assert_string_not_equal(cc_call_ev_name(i), "?");
	}
	assert_string_equal(cc_call_ev_name(CC_CALL_EV__COUNT), "?");
	assert_string_equal(cc_call_sig_name(CC_CALL_SIG_R2), "r2");
	assert_string_equal(cc_call_sig_name(CC_CALL_SIG__COUNT), "?");
	assert_string_equal(cc_call_dir_name(CC_CALL_DIR_IN), "in");
	assert_string_equal(cc_call_pres_name(CC_CALL_PRES_UNAVAILABLE), "unavailable");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_cover_every_value),
		cmocka_unit_test(ss7_isup_call_gives_neutral_sequence),
		cmocka_unit_test(ss7_tup_call_gives_neutral_sequence),
		cmocka_unit_test(r2_china_call_gives_neutral_sequence),
		cmocka_unit_test(r2_itu_call_gives_neutral_sequence),
		cmocka_unit_test(ss7_and_r2_sequences_are_identical),
	};

	return cmocka_run_group_tests_name("call_ev", tests, NULL, NULL);
}
