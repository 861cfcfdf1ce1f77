// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SS7 call-control scenarios with golden transcripts (STYLE rule 37).
 *
 * Two stacks, A (the call centre) and B (the exchange), are joined link to
 * link in this process with injected time.  Once the linkset is up and the
 * start-up group reset is done, every user-part message that crosses the link
 * (ISUP or TUP, with the fields that matter to call control), every circuit
 * state transition (from the stacks' debug log) and every event either stack
 * reports is written to a transcript, stamped with milliseconds since the
 * scenario started.  The transcript must equal the committed
 * test/scenario/<name>.ok line for line; a difference fails the test and
 * prints both versions from the first differing line.
 *
 * After a deliberate behaviour change, regenerate with
 *   CC_SCENARIO_WRITE=1 build/test/unit/ss7_scenario_test
 * and review the diff of test/scenario/ like any other change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/log.h>
#include <callcenter/proto/gf001_tup.h>
#include <callcenter/proto/q704_mtp3.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/rd.h>
#include <callcenter/ss7.h>

#define LOGCAP 65536

struct side {
	char name;
	struct cc_ss7 *s;
	bool auto_accept; /* ACM on every incoming call */
	bool auto_answer; /* and answer it */
};

struct sc {
	struct side a, b;
	struct cc_ss7_cfg cfg;
	uint64_t now, t0;
	bool logging;
	char log[LOGCAP];
	size_t len;
};

static struct sc *cur;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void logf_(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!cur->logging)
		return;
	n = snprintf(cur->log + cur->len, LOGCAP - cur->len, "t=%-6llu ",
		     (unsigned long long)(cur->now - cur->t0));
	assert_true(n > 0 && (size_t)n < LOGCAP - cur->len);
	cur->len += (size_t)n;
	va_start(ap, fmt);
	n = vsnprintf(cur->log + cur->len, LOGCAP - cur->len, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < LOGCAP - cur->len);
	cur->len += (size_t)n;
}

static const char *cli_source_name(enum cc_ss7_cli_source c)
{
	static const char *const names[] = {
		[CC_SS7_CLI_NONE] = "none",
		[CC_SS7_CLI_ISUP_IAM] = "isup-iam",
		[CC_SS7_CLI_TUP_IAI] = "tup-iai",
		[CC_SS7_CLI_TUP_GSM] = "tup-gsm",
	};

	return (size_t)c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}

static void on_event(void *priv, const struct cc_ss7_event *ev)
{
	struct side *sd = priv;

	switch (ev->type) {
	case CC_SS7_EV_LINK_UP:
	case CC_SS7_EV_LINK_DOWN:
	case CC_SS7_EV_LINKSET_UP:
	case CC_SS7_EV_LINKSET_DOWN:
		logf_("%c: %s\n", sd->name, cc_ss7_ev_name(ev->type));
		break;
	case CC_SS7_EV_INCOMING:
	case CC_SS7_EV_CLI:
		logf_("%c: %s cic=%u calling=%s called=%s category=%u cli=%s\n", sd->name,
		      cc_ss7_ev_name(ev->type), ev->cic,
		      ev->calling.present ? ev->calling.digits : "-", ev->called.digits,
		      ev->category, cli_source_name(ev->cli_source));
		break;
	case CC_SS7_EV_RELEASED:
		logf_("%c: %s cic=%u cause=%u\n", sd->name, cc_ss7_ev_name(ev->type), ev->cic,
		      ev->cause);
		break;
	default:
		logf_("%c: %s cic=%u\n", sd->name, cc_ss7_ev_name(ev->type), ev->cic);
		break;
	}
	if (ev->type == CC_SS7_EV_INCOMING && sd->auto_accept) {
		assert_int_equal(cc_ss7_accept(sd->s, cur->now, ev->cic), 0);
		if (sd->auto_answer)
			assert_int_equal(cc_ss7_answer(sd->s, cur->now, ev->cic), 0);
	}
}

static const struct cc_ss7_ops ops = { .event = on_event };

/* circuit state transitions, logged by the stacks as "opc N cic C: FROM -> TO" */
static void on_log(enum cc_logss ss, enum cc_logl lvl, const char *line, void *priv)
{
	unsigned int opc, cic;
	char from[24], to[24];

	(void)priv;
	if ((ss != CC_LOGSS_ISUP && ss != CC_LOGSS_TUP) || lvl != CC_LOGL_DEBUG ||
	    sscanf(line, "opc %u cic %u: %23s -> %23s", &opc, &cic, from, to) != 4)
		return;
	logf_("%c: cic=%u %s -> %s\n", opc == cur->cfg.opc ? 'A' : 'B', cic, from, to);
}

static void log_isup(char from, char to, const uint8_t *p, size_t len)
{
	struct cc_isup_msg m;

	assert_int_equal(cc_isup_decode(p, len, &m), 0);
	switch (m.type) {
	case CC_ISUP_IAM:
		logf_("%c>%c %s cic=%u calling=%s called=%s cpc=%u\n", from, to,
		      cc_isup_msg_name(m.type), m.cic,
		      cc_isup_has(&m, CC_ISUP_P_CALLING) ? m.calling.digits : "-", m.called.digits,
		      m.cpc);
		break;
	case CC_ISUP_REL:
		logf_("%c>%c %s cic=%u cause=%u\n", from, to, cc_isup_msg_name(m.type), m.cic,
		      m.cause.value);
		break;
	case CC_ISUP_GRS:
	case CC_ISUP_GRA:
	case CC_ISUP_CGB:
	case CC_ISUP_CGBA:
	case CC_ISUP_CGU:
	case CC_ISUP_CGUA:
		logf_("%c>%c %s cic=%u range=%u\n", from, to, cc_isup_msg_name(m.type), m.cic,
		      m.range.range);
		break;
	default:
		logf_("%c>%c %s cic=%u\n", from, to, cc_isup_msg_name(m.type), m.cic);
		break;
	}
}

static void log_tup(char from, char to, const uint8_t *p, size_t len)
{
	struct cc_tup_msg m;

	assert_int_equal(cc_tup_decode(cur->cfg.variant, p, len, &m), 0);
	switch (m.heading) {
	case CC_TUP_IAM:
	case CC_TUP_IAI:
		logf_("%c>%c %s cic=%u called=%s cli=%s cpc=%u\n", from, to,
		      cc_tup_msg_name(m.heading), m.cic, m.addr.d,
		      m.heading == CC_TUP_IAI && m.cli.digits.n ? m.cli.digits.d : "-", m.cpc);
		break;
	case CC_TUP_GSM:
		logf_("%c>%c %s cic=%u cli=%s\n", from, to, cc_tup_msg_name(m.heading), m.cic,
		      m.cli.digits.n ? m.cli.digits.d : "-");
		break;
	default:
		logf_("%c>%c %s cic=%u\n", from, to, cc_tup_msg_name(m.heading), m.cic);
		break;
	}
}

/* every SU from @src to @dst; user-part MSUs go into the transcript */
static int move(struct side *src, struct side *dst)
{
	uint8_t buf[CC_MTP2_MAX_SU];
	int moved = 0;

	while (cc_ss7_link_tx_pending(src->s, 0)) {
		int n = cc_ss7_link_tx_next(src->s, 0, cur->now, buf, sizeof(buf));
		struct cc_mtp2_su su;

		assert_true(n > 0);
		moved++;
		assert_int_equal(cc_mtp2_su_decode(buf, (size_t)n, &su), 0);
		if (su.type == CC_MTP2_MSU) {
			struct cc_mtp3_hdr h;
			struct cc_rd rd;

			cc_rd_init(&rd, su.msu, su.msu_len);
			assert_int_equal(cc_mtp3_hdr_decode(cur->cfg.variant, &rd, &h), 0);
			if (h.si == CC_MTP3_SI_ISUP)
				log_isup(src->name, dst->name, su.msu + cc_rd_pos(&rd),
					 su.msu_len - cc_rd_pos(&rd));
			else if (h.si == CC_MTP3_SI_TUP)
				log_tup(src->name, dst->name, su.msu + 1, su.msu_len - 1);
		}
		(void)cc_ss7_link_rx(dst->s, 0, cur->now, buf, (size_t)n);
	}
	return moved;
}

static void settle(void)
{
	for (int guard = 0; guard < 10000; guard++)
		if (!move(&cur->a, &cur->b) + !move(&cur->b, &cur->a) == 2)
			return;
	fail_msg("the link did not settle");
}

/* advance time by @ms, timer by timer (at most 10 ms per step) */
static void run(uint64_t ms)
{
	uint64_t end = cur->now + ms;

	settle();
	while (cur->now < end) {
		uint64_t t = cc_ss7_next_timeout_ms(cur->a.s),
			 tb = cc_ss7_next_timeout_ms(cur->b.s);

		if (tb < t)
			t = tb;
		if (t > cur->now + 10)
			t = cur->now + 10;
		if (t > end)
			t = end;
		if (t <= cur->now)
			t = cur->now + 1;
		cur->now = t;
		cc_ss7_tick(cur->a.s, cur->now);
		cc_ss7_tick(cur->b.s, cur->now);
		settle();
		assert_true(cc_ss7_check(cur->a.s));
		assert_true(cc_ss7_check(cur->b.s));
	}
}

static void sc_start(struct sc *sc, enum cc_ss7_user_part up, enum cc_mtp3_variant v)
{
	struct cc_ss7_cfg cb;

	memset(sc, 0, sizeof(*sc));
	cur = sc;
	sc->now = 1000;
	sc->a.name = 'A';
	sc->b.name = 'B';
	sc->cfg.user_part = up;
	sc->cfg.variant = v;
	sc->cfg.ni = CC_MTP3_NI_NAT;
	sc->cfg.opc = v == CC_MTP3_CHINA ? 0x010203 : 100;
	sc->cfg.dpc = v == CC_MTP3_CHINA ? 0x040506 : 200;
	sc->cfg.cic_first = 1;
	sc->cfg.ncics = 4;
	sc->cfg.nlinks = 1;
	sc->cfg.mtp2.emergency = true;
	sc->cfg.tup_request_cli = true;
	cb = sc->cfg;
	cb.opc = sc->cfg.dpc;
	cb.dpc = sc->cfg.opc;
	assert_int_equal(cc_ss7_alloc(&sc->cfg, &ops, &sc->a, &sc->a.s), 0);
	assert_int_equal(cc_ss7_alloc(&cb, &ops, &sc->b, &sc->b.s), 0);
	cc_ss7_start(sc->a.s, sc->now);
	cc_ss7_start(sc->b.s, sc->now);
	run(10000);
	assert_true(cc_ss7_is_up(sc->a.s));
	assert_true(cc_ss7_is_up(sc->b.s));
	run(3000); /* start-up group resets and their acknowledgements */
	sc->t0 = sc->now;
	sc->logging = true;
}

static int group_setup(void **state)
{
	(void)state;
	cc_log_set_sink(on_log, NULL);
	return cc_log_set_level(CC_LOGSS_ISUP, CC_LOGL_DEBUG) ||
	       cc_log_set_level(CC_LOGSS_TUP, CC_LOGL_DEBUG);
}

/* compare with (or, with CC_SCENARIO_WRITE=1, write) test/scenario/@name.ok */
static void sc_finish(struct sc *sc, const char *name)
{
	const char *dir = getenv("CC_SRCDIR");
	char path[512], *want;
	long size;
	FILE *fp;

	cc_ss7_free(sc->a.s);
	cc_ss7_free(sc->b.s);
	snprintf(path, sizeof(path), "%s/test/scenario/%s.ok", dir ? dir : ".", name);
	if (getenv("CC_SCENARIO_WRITE")) {
		fp = fopen(path, "w");
		assert_non_null(fp);
		assert_int_equal(fwrite(sc->log, 1, sc->len, fp), sc->len);
		assert_int_equal(fclose(fp), 0);
		print_message("wrote %s\n", path);
		return;
	}
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s (set CC_SRCDIR to the source tree)", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size >= 0);
	rewind(fp);
	want = calloc(1, (size_t)size + 1);
	assert_non_null(want);
	assert_int_equal(fread(want, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	if ((size_t)size != sc->len || memcmp(want, sc->log, sc->len)) {
		size_t i = 0, line = 0;

		while (i < sc->len && i < (size_t)size && want[i] == sc->log[i])
			i++;
		while (i > 0 && sc->log[i - 1] != '\n')
			i--;
		for (size_t k = 0; k < i; k++)
			line += sc->log[k] == '\n';
		print_error("%s differs from line %zu on\n--- expected:\n%s--- got:\n%s", path,
			    line + 1, want + i, sc->log + i);
		free(want);
		fail_msg("transcript %s differs (CC_SCENARIO_WRITE=1 regenerates it)", name);
	}
	free(want);
}

/* ------------------------------------------------------------------ ISUP */

/* China ISUP: the exchange (B) offers a 120 call; the centre answers; the caller hangs up */
static void scenario_isup_china_incoming_call(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_ISUP, CC_MTP3_CHINA);
	assert_int_equal(cc_ss7_call(sc->b.s, sc->now, 2, "13800138000", "120", 10, NULL), 0);
	run(50);
	assert_int_equal(cc_ss7_accept(sc->a.s, sc->now, 2), 0);
	run(3000);
	assert_int_equal(cc_ss7_answer(sc->a.s, sc->now, 2), 0);
	run(60000);
	assert_int_equal(cc_ss7_release(sc->b.s, sc->now, 2, 16), 0);
	run(100);
	sc_finish(sc, "isup_china_incoming_call");
	free(sc);
}

/* ITU ISUP: the centre calls back; no answer within T9 -> released, cause 19 */
static void scenario_isup_itu_callback_t9(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_ISUP, CC_MTP3_ITU);
	sc->b.auto_accept = true;
	assert_int_equal(cc_ss7_call(sc->a.s, sc->now, 1, "12345", "13800138000", 10, NULL), 0);
	run(cc_ss7_timer_desc(CC_SS7_T9)->def_ms + 1000);
	sc_finish(sc, "isup_itu_callback_t9");
	free(sc);
}

/* both ends seize circuit 3 at once (Q.764 §2.10.1.4: the exchange with the higher
 * point code controls the even-numbered circuits) */
static void scenario_isup_dual_seizure(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_ISUP, CC_MTP3_CHINA);
	sc->a.auto_accept = sc->a.auto_answer = true;
	sc->b.auto_accept = sc->b.auto_answer = true;
	assert_int_equal(cc_ss7_call(sc->a.s, sc->now, 3, "010", "120", 10, NULL), 0);
	assert_int_equal(cc_ss7_call(sc->b.s, sc->now, 3, "020", "120", 10, NULL), 0);
	run(100);
	assert_int_equal(cc_ss7_release(sc->a.s, sc->now, 3, 16), 0);
	run(100);
	sc_finish(sc, "isup_dual_seizure");
	free(sc);
}

/* the exchange takes our IAM but never completes the address (no ACM): T7 releases */
static void scenario_isup_t7_expiry(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_ISUP, CC_MTP3_CHINA);
	assert_int_equal(cc_ss7_call(sc->a.s, sc->now, 1, "12345", "13800138000", 10, NULL), 0);
	run(cc_ss7_timer_desc(CC_SS7_T7)->def_ms + 100);
	sc_finish(sc, "isup_t7_expiry");
	free(sc);
}

/* maintenance from the centre: block circuit 4 (BLO/BLA; no call can use it), unblock
 * (UBL/UBA), reset circuit 2 (RSC/RLC), group reset of all four (GRS/GRA) */
static void scenario_isup_maintenance(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_ISUP, CC_MTP3_CHINA);
	assert_int_equal(cc_ss7_block(sc->a.s, sc->now, 4), 0);
	run(100);
	assert_int_equal(cc_ss7_call(sc->a.s, sc->now, 4, "1", "2", 10, NULL), -EBUSY);
	assert_int_equal(cc_ss7_unblock(sc->a.s, sc->now, 4), 0);
	run(100);
	assert_int_equal(cc_ss7_reset(sc->a.s, sc->now, 2), 0);
	run(100);
	assert_int_equal(cc_ss7_group_reset(sc->a.s, sc->now, 1, 4), 0);
	run(100);
	sc_finish(sc, "isup_maintenance");
	free(sc);
}

/* ------------------------------------------------------------------ TUP */

/* China TUP: IAI with the calling line identity, answered, the centre clears */
static void scenario_tup_china_iai_call(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_TUP, CC_MTP3_CHINA);
	sc->a.auto_accept = sc->a.auto_answer = true;
	assert_int_equal(cc_ss7_call(sc->b.s, sc->now, 1, "13800138000", "120", 10, NULL), 0);
	run(30000);
	assert_int_equal(cc_ss7_release(sc->a.s, sc->now, 1, 16), 0);
	run(100);
	sc_finish(sc, "tup_china_iai_call");
	free(sc);
}

/* China TUP: IAM without a calling number; the centre asks with GRQ and gets it in GSM */
static void scenario_tup_china_grq_gsm(void **state)
{
	struct sc *sc = calloc(1, sizeof(*sc));

	(void)state;
	sc_start(sc, CC_SS7_TUP, CC_MTP3_CHINA);
	cc_ss7_free(sc->b.s);
	{
		struct cc_ss7_cfg cb = sc->cfg;

		cb.opc = sc->cfg.dpc;
		cb.dpc = sc->cfg.opc;
		cb.tup_cli_on_request = true;
		sc->logging = false;
		assert_int_equal(cc_ss7_alloc(&cb, &ops, &sc->b, &sc->b.s), 0);
		cc_ss7_start(sc->b.s, sc->now);
		run(13000);
		assert_true(cc_ss7_is_up(sc->b.s));
		sc->t0 = sc->now;
		sc->logging = true;
	}
	sc->a.auto_accept = sc->a.auto_answer = true;
	assert_int_equal(cc_ss7_call(sc->b.s, sc->now, 3, "13800138000", "120", 10, NULL), 0);
	run(5000);
	assert_int_equal(cc_ss7_release(sc->b.s, sc->now, 3, 16), 0);
	run(100);
	sc_finish(sc, "tup_china_grq_gsm");
	free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scenario_isup_china_incoming_call),
		cmocka_unit_test(scenario_isup_itu_callback_t9),
		cmocka_unit_test(scenario_isup_dual_seizure),
		cmocka_unit_test(scenario_isup_t7_expiry),
		cmocka_unit_test(scenario_isup_maintenance),
		cmocka_unit_test(scenario_tup_china_iai_call),
		cmocka_unit_test(scenario_tup_china_grq_gsm),
	};

	return cmocka_run_group_tests_name("ss7_scenario", tests, group_setup, NULL);
}
