// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SS7 link binding (cc_ss7_trunk_pump) over a channel that behaves like a
 * DAHDI mtp2= channel (CC_TRUNK_F_REPEATS: only changes are written, repeats
 * are dropped by the receiver), span alarms, the SUERM credit for repeats,
 * and caller-ID publishing (record contents, a file as the device, failures
 * counted and harmless).  Time is injected: 1 ms steps.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <uapi/callcenter/cid.h>

#include <callcenter/proto/gf001_tup.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/ss7.h>
#include <callcenter/trunk.h>

/* lib/ss7/cc_ss7_cid.c (internal) */
void ss7_cid_record_fill(struct cc_cid_record *r, const struct cc_ss7_event *ev,
			 enum cc_ss7_user_part up, uint16_t span, uint16_t channel);

#define MAX_EV 4096

struct side {
	struct cc_ss7 *s;
	struct cc_trunk_chan *ch;
	struct cc_ss7_event ev[MAX_EV];
	unsigned int nev;
	bool answer; /* accept + answer incoming calls */
	uint64_t *now;
};

struct net {
	uint64_t now;
	struct side a, b;
};

static void on_event(void *priv, const struct cc_ss7_event *ev)
{
	struct side *sd = priv;

	if (sd->nev < MAX_EV)
		sd->ev[sd->nev++] = *ev;
	if (ev->type == CC_SS7_EV_INCOMING && sd->answer) {
		assert_int_equal(cc_ss7_accept(sd->s, *sd->now, ev->cic), 0);
		assert_int_equal(cc_ss7_answer(sd->s, *sd->now, ev->cic), 0);
	}
}

static const struct cc_ss7_ops ops = { .event = on_event };

static unsigned int count(const struct side *sd, enum cc_ss7_ev_type t)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < sd->nev; i++)
		n += sd->ev[i].type == t;
	return n;
}

static const struct cc_ss7_event *last(const struct side *sd, enum cc_ss7_ev_type t)
{
	for (unsigned int i = sd->nev; i-- > 0;)
		if (sd->ev[i].type == t)
			return &sd->ev[i];
	return NULL;
}

static void net_init(struct net *n, enum cc_ss7_user_part up, bool repeats)
{
	struct cc_ss7_cfg cfg = {
		.user_part = up,
		.variant = CC_MTP3_CHINA,
		.ni = CC_MTP3_NI_NAT,
		.cic_first = 1,
		.ncics = 31,
		.nlinks = 1,
		.tup_request_cli = true,
		.mtp2 = { .emergency = true },
	};

	memset(n, 0, sizeof(*n));
	n->now = 1000;
	n->a.now = n->b.now = &n->now;
	n->b.answer = true;
	assert_int_equal(cc_trunk_loop_pair(4096, &n->a.ch, &n->b.ch), 0);
	if (repeats) {
		assert_int_equal(cc_trunk_loop_set_flags(n->a.ch, CC_TRUNK_F_REPEATS), 0);
		assert_int_equal(cc_trunk_loop_set_flags(n->b.ch, CC_TRUNK_F_REPEATS), 0);
	}
	cfg.opc = 0x010203;
	cfg.dpc = 0x040506;
	assert_int_equal(cc_ss7_alloc(&cfg, &ops, &n->a, &n->a.s), 0);
	cfg.opc = 0x040506;
	cfg.dpc = 0x010203;
	assert_int_equal(cc_ss7_alloc(&cfg, &ops, &n->b, &n->b.s), 0);
	cc_ss7_start(n->a.s, n->now);
	cc_ss7_start(n->b.s, n->now);
}

static void net_fini(struct net *n)
{
	cc_ss7_free(n->a.s);
	cc_ss7_free(n->b.s);
	cc_trunk_close(n->a.ch);
	cc_trunk_close(n->b.ch);
}

static void settle(struct net *n)
{
	for (int guard = 0; guard < 1000; guard++) {
		int moved = cc_ss7_trunk_pump(n->a.s, 0, n->a.ch, n->now);

		assert_true(moved >= 0);
		moved += cc_ss7_trunk_pump(n->b.s, 0, n->b.ch, n->now);
		if (!moved)
			return;
	}
	fail_msg("network did not settle");
}

/* advance time by @ms in 1 ms steps */
static void run(struct net *n, unsigned int ms)
{
	for (unsigned int i = 0; i < ms; i++) {
		n->now++;
		settle(n);
		cc_ss7_tick(n->a.s, n->now);
		cc_ss7_tick(n->b.s, n->now);
		settle(n);
		assert_true(cc_ss7_check(n->a.s));
		assert_true(cc_ss7_check(n->b.s));
	}
}

/* place @calls calls a -> b, each answered by b and released by a */
static void calls(struct net *n, unsigned int ncalls, const char *calling_fmt)
{
	unsigned int idle_a = count(&n->a, CC_SS7_EV_IDLE), idle_b = count(&n->b, CC_SS7_EV_IDLE);

	for (unsigned int i = 0; i < ncalls; i++) {
		char calling[32];
		uint16_t cic;

		snprintf(calling, sizeof(calling), calling_fmt, i);
		assert_int_equal(cc_ss7_call(n->a.s, n->now, 0, calling, "120", 10, &cic), 0);
		run(n, 30);
		assert_int_equal(cc_ss7_circuit_state(n->a.s, cic), CC_SS7_CS_ANSWERED);
		assert_string_equal(last(&n->b, CC_SS7_EV_INCOMING)->calling.digits, calling);
		assert_int_equal(cc_ss7_release(n->a.s, n->now, cic, 16), 0);
		run(n, 30);
		assert_int_equal(cc_ss7_circuit_state(n->a.s, cic), CC_SS7_CS_IDLE);
		assert_int_equal(cc_ss7_circuit_state(n->b.s, cic), CC_SS7_CS_IDLE);
	}
	assert_int_equal(count(&n->a, CC_SS7_EV_IDLE), idle_a + ncalls);
	assert_int_equal(count(&n->b, CC_SS7_EV_IDLE), idle_b + ncalls);
}

/* Over a line that repeats and a receiver that drops repeats, only changes
 * cross: alignment still completes (the binding re-delivers the last SU the
 * line carries), calls flow, and the SUERM gets its credit for the repeats. */
static void bind_repeats_align_and_call(void **state)
{
	struct net n;
	const struct cc_mtp2_stats *ms;

	(void)state;
	net_init(&n, CC_SS7_ISUP, true);
	run(&n, 3000);
	assert_true(cc_ss7_is_up(n.a.s));
	assert_true(cc_ss7_is_up(n.b.s));
	assert_int_equal(count(&n.a, CC_SS7_EV_LINKSET_UP), 1);
	assert_int_equal(count(&n.a, CC_SS7_EV_GROUP_RESET_DONE), 1);
	calls(&n, 20, "1380013%04u");
	ms = cc_mtp2_stats_get(cc_ss7_link_mtp2(n.a.s, 0));
	assert_int_equal(ms->failures, 0);
	assert_int_equal(ms->alignments, 1);
	assert_true(ms->rx_repeated > 1000); /* ~1100 SUs/s of repeated FISUs credited */
	net_fini(&n);
}

/* Bit errors over the mtp2=-like line: a damaged last MSU arrives with the
 * line's next (clean) copy; a damaged MSU followed by another one leaves a
 * gap that is NACKed and retransmitted.  No call is lost or corrupted. */
static void bind_repeats_errors_retransmit(void **state)
{
	struct net n;
	const struct cc_mtp2_stats *a, *b;

	(void)state;
	net_init(&n, CC_SS7_ISUP, true);
	run(&n, 3000);
	assert_true(cc_ss7_is_up(n.a.s));
	cc_trunk_impair_set(n.b.ch, &(struct cc_trunk_impair){ .corrupt_every = 7 });
	calls(&n, 20, "0215%05u");
	a = cc_mtp2_stats_get(cc_ss7_link_mtp2(n.a.s, 0));
	b = cc_mtp2_stats_get(cc_ss7_link_mtp2(n.b.s, 0));
	assert_true(a->rx_errors > 0);
	assert_true(a->suerm_max > 0);
	assert_true(a->nacks_sent > 0);
	assert_true(b->retransmitted > 0);
	assert_int_equal(a->failures + b->failures, 0);
	net_fini(&n);
}

/* A span alarm fails the link at once (no waiting for T7 or the SUERM), the
 * linkset goes down and answered calls are released with cause 38; the link
 * is not realigned while the alarm lasts, and is when it clears. */
static void bind_alarm(void **state)
{
	struct net n;
	uint16_t cic;
	const struct cc_mtp2_stats *ms;

	(void)state;
	net_init(&n, CC_SS7_ISUP, true);
	run(&n, 3000);
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 5, "13800138000", "120", 10, &cic), 0);
	run(&n, 50);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, 5), CC_SS7_CS_ANSWERED);
	cc_ss7_link_alarm_set(n.a.s, 0, true, n.now);
	assert_true(cc_ss7_link_in_alarm(n.a.s, 0));
	assert_int_equal(cc_mtp2_reason_get(cc_ss7_link_mtp2(n.a.s, 0)), CC_MTP2_R_LINE);
	assert_string_equal(cc_mtp2_reason_name(CC_MTP2_R_LINE), "line failure");
	assert_false(cc_ss7_is_up(n.a.s));
	assert_int_equal(last(&n.a, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_NETWORK_OUT_OF_ORDER);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, 5), CC_SS7_CS_IDLE);
	run(&n, 20000);
	/* a sent SIOS: b's link failed too and its call was released */
	assert_false(cc_ss7_is_up(n.b.s));
	assert_int_equal(last(&n.b, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_NETWORK_OUT_OF_ORDER);
	assert_int_equal(cc_mtp2_state_get(cc_ss7_link_mtp2(n.a.s, 0)), CC_MTP2_ST_OUT_OF_SERVICE);
	ms = cc_mtp2_stats_get(cc_ss7_link_mtp2(n.a.s, 0));
	assert_int_equal(ms->alignments, 1);
	cc_ss7_link_alarm_set(n.a.s, 0, false, n.now);
	run(&n, 3000);
	assert_true(cc_ss7_is_up(n.a.s));
	assert_true(cc_ss7_is_up(n.b.s));
	assert_int_equal(ms->alignments, 2);
	assert_int_equal(count(&n.a, CC_SS7_EV_GROUP_RESET_DONE), 2); /* circuits reset again */
	calls(&n, 3, "1390013%04u");
	net_fini(&n);
}

/* The SUERM credit for repeats: one decrement per D good SUs (Q.703 §10.2) */
static void bind_suerm_credit(void **state)
{
	struct net n;
	struct cc_mtp2 *l;

	(void)state;
	net_init(&n, CC_SS7_ISUP, false);
	run(&n, 3000);
	l = cc_ss7_link_mtp2(n.a.s, 0);
	assert_true(cc_mtp2_is_in_service(l));
	for (int i = 0; i < 10; i++)
		cc_mtp2_rx_error(l, n.now);
	assert_int_equal(cc_mtp2_suerm_get(l), 10);
	/* whatever the remainder of good SUs, 256 more cross one boundary */
	cc_mtp2_rx_repeated(l, n.now, 256);
	assert_int_equal(cc_mtp2_suerm_get(l), 9);
	cc_mtp2_rx_repeated(l, n.now, 3 * 256);
	assert_int_equal(cc_mtp2_suerm_get(l), 6);
	cc_mtp2_rx_repeated(l, n.now, 100000);
	assert_int_equal(cc_mtp2_suerm_get(l), 0);
	assert_int_equal(cc_mtp2_stats_get(l)->suerm_max, 10);
	net_fini(&n);
}

static void bind_cid_record(void **state)
{
	struct cc_ss7_event ev = { .type = CC_SS7_EV_INCOMING, .cic = 7, .category = 10 };
	struct cc_cid_record r;

	(void)state;
	ev.cli_source = CC_SS7_CLI_ISUP_IAM;
	ev.calling = (struct cc_ss7_number){ .present = true,
					     .nai = CC_ISUP_NAI_INTERNATIONAL,
					     .pres = CC_ISUP_PRES_RESTRICTED,
					     .screen = CC_ISUP_SCREEN_NETWORK,
					     .digits = "8613800138000" };
	ev.called = (struct cc_ss7_number){ .present = true, .digits = "120F" };
	ss7_cid_record_fill(&r, &ev, CC_SS7_ISUP, 1, 7);
	assert_int_equal(r.version, CC_CID_ABI_VERSION);
	assert_int_equal(r.size, sizeof(r));
	assert_int_equal(r.source, CC_CID_SRC_SS7_ISUP);
	assert_int_equal(r.span, 1);
	assert_int_equal(r.channel, 7);
	assert_int_equal(r.category, 10);
	assert_string_equal(r.calling, "8613800138000");
	assert_string_equal(r.called, "120"); /* ST dropped */
	assert_int_equal(r.presentation, CC_CID_PRES_RESTRICTED);
	assert_int_equal(r.screening, CC_CID_SCREEN_NETWORK);
	assert_int_equal(r.flags, CC_CID_F_CALLING | CC_CID_F_CALLED | CC_CID_F_INTERNATIONAL);
	assert_int_equal(r.seq, 0);
	assert_int_equal(r.ts_sec, 0);
	for (size_t i = strlen(r.calling); i < sizeof(r.calling); i++)
		assert_int_equal(r.calling[i], 0);

	/* TUP, no calling number, test call, a called number too long for the record */
	memset(&ev.calling, 0, sizeof(ev.calling));
	ev.category = 0x0d;
	snprintf(ev.called.digits, sizeof(ev.called.digits), "%s",
		 "12345678901234567890123456789012");
	ss7_cid_record_fill(&r, &ev, CC_SS7_TUP, 200, 5000);
	assert_int_equal(r.source, CC_CID_SRC_SS7_TUP);
	assert_int_equal(r.span, 0);	/* out of range: unknown */
	assert_int_equal(r.channel, 0); /* likewise */
	assert_string_equal(r.calling, "");
	assert_int_equal(r.presentation, CC_CID_PRES_NOT_AVAILABLE);
	assert_int_equal(strlen(r.called), CC_CID_NUM_LEN - 1);
	assert_int_equal(r.flags, CC_CID_F_CALLED | CC_CID_F_TEST);

	/* TUP international CLI (NOAI 3), allowed */
	ev.calling = (struct cc_ss7_number){ .present = true,
					     .nai = CC_TUP_NOAI_INTERNATIONAL,
					     .screen = CC_ISUP_SCREEN_NETWORK,
					     .digits = "85212345678" };
	ev.category = 10;
	ss7_cid_record_fill(&r, &ev, CC_SS7_TUP, 3, 1);
	assert_int_equal(r.presentation, CC_CID_PRES_ALLOWED);
	assert_true(r.flags & CC_CID_F_INTERNATIONAL);
}

/* Every incoming call is published (ISUP and TUP, with the GSM path), with
 * the CIC's timeslot as channel; a publisher that cannot write counts its
 * failures and the calls go on. */
static void bind_cid_publish(void **state)
{
	char dir[] = "/tmp/cc-ss7-bind.XXXXXX", path[64], cmd[96];
	struct cc_ss7_cid *cid, *bad;
	struct cc_cid_record r[40];
	struct net n;
	FILE *f;
	size_t got;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/cid", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(cc_ss7_cid_open(path, &cid), 0);

	/* ISUP: 10 calls */
	net_init(&n, CC_SS7_ISUP, true);
	cc_ss7_cid_attach(n.b.s, cid, 2);
	run(&n, 3000);
	calls(&n, 10, "1380013%04u");
	net_fini(&n);
	/* TUP: 5 calls with CLI in the IAI, 5 asked for with GRQ and given in GSM */
	net_init(&n, CC_SS7_TUP, true);
	cc_ss7_cid_attach(n.b.s, cid, 2);
	run(&n, 3000);
	calls(&n, 5, "0215%05u");
	net_fini(&n);
	{
		struct cc_ss7_cfg cfg = {
			.user_part = CC_SS7_TUP,
			.variant = CC_MTP3_CHINA,
			.ni = CC_MTP3_NI_NAT,
			.opc = 0x010203,
			.dpc = 0x040506,
			.cic_first = 1,
			.ncics = 31,
			.nlinks = 1,
			.tup_cli_on_request = true,
			.mtp2 = { .emergency = true },
		};

		net_init(&n, CC_SS7_TUP, true);
		cc_ss7_free(n.a.s);
		assert_int_equal(cc_ss7_alloc(&cfg, &ops, &n.a, &n.a.s), 0);
		cc_ss7_start(n.a.s, n.now);
		cc_ss7_cid_attach(n.b.s, cid, 2);
		run(&n, 3000);
		calls(&n, 5, "0755%07u");
		assert_int_equal(last(&n.b, CC_SS7_EV_INCOMING)->cli_source, CC_SS7_CLI_TUP_GSM);
		net_fini(&n);
	}
	assert_int_equal(cc_ss7_cid_stats_get(cid)->published, 20);
	assert_int_equal(cc_ss7_cid_stats_get(cid)->failed, 0);
	cc_ss7_cid_close(cid);

	f = fopen(path, "r");
	assert_non_null(f);
	got = fread(r, sizeof(r[0]), 40, f);
	fclose(f);
	assert_int_equal(got, 20);
	for (unsigned int i = 0; i < 20; i++) {
		assert_int_equal(r[i].source, i < 10 ? CC_CID_SRC_SS7_ISUP : CC_CID_SRC_SS7_TUP);
		assert_int_equal(r[i].span, 2);
		assert_true(r[i].channel >= 1 && r[i].channel <= 31);
		assert_int_equal(r[i].category, 10);
		assert_string_equal(r[i].called, "120");
		assert_int_equal(r[i].flags, CC_CID_F_CALLING | CC_CID_F_CALLED);
	}
	assert_string_equal(r[0].calling, "13800130000");
	assert_string_equal(r[10].calling, "021500000");
	assert_string_equal(r[19].calling, "07550000004");

	/* a publisher that cannot open its device: counted, calls unaffected */
	snprintf(path, sizeof(path), "%s/no/such/dir", dir);
	assert_int_equal(cc_ss7_cid_open(path, &bad), 0);
	net_init(&n, CC_SS7_ISUP, true);
	cc_ss7_cid_attach(n.b.s, bad, 1);
	run(&n, 3000);
	calls(&n, 3, "1380013%04u");
	assert_int_equal(cc_ss7_cid_stats_get(bad)->failed, 3);
	assert_int_equal(cc_ss7_cid_stats_get(bad)->last_error, -ENOENT);
	assert_int_equal(cc_ss7_cid_stats_get(bad)->published, 0);
	net_fini(&n);
	cc_ss7_cid_close(bad);
	cc_ss7_cid_close(NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bind_repeats_align_and_call),
		cmocka_unit_test(bind_repeats_errors_retransmit),
		cmocka_unit_test(bind_alarm),
		cmocka_unit_test(bind_suerm_credit),
		cmocka_unit_test(bind_cid_record),
		cmocka_unit_test(bind_cid_publish),
	};

	return cmocka_run_group_tests_name("ss7_bind", tests, NULL, NULL);
}
