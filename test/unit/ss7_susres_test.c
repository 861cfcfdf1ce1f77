// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ISUP suspend/resume (SUS/RES, T6) and continuity (IAM with a continuity check,
 * COT, T8, T27) in the SS7 call control, Q.764 §2.4 and §2.1.8.
 *
 * The stack under test ("a", the call centre) talks over one link to a scripted
 * exchange: a bare MTP2 link (cc_mtp2) plus hand-built MTP3 labels and ISUP
 * messages, so the test can send what our own stack never sends (SUS, RES,
 * COT).  a runs without the link test and the start-up GRS, so the script only
 * has to align MTP2.  Time is injected: the loop jumps from one timer deadline
 * to the next.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/call.h>
#include <callcenter/proto/q704_mtp3.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/rd.h>
#include <callcenter/ss7.h>

#define OPC  100u /* a */
#define DPC  200u /* the scripted exchange */
#define MAXN 64

struct peer {
	struct cc_ss7 *s; /* a */
	struct cc_mtp2 *l;
	uint64_t now;
	unsigned int nrx; /* ISUP messages a sent */
	struct cc_isup_msg rx[MAXN];
	unsigned int nev; /* a's native events */
	struct cc_ss7_event ev[MAXN];
	unsigned int ncev; /* a's neutral events */
	struct cc_call_ev cev[MAXN];
};

static void peer_rx_msu(void *priv, const uint8_t *msu, size_t len)
{
	struct peer *p = priv;
	struct cc_mtp3_hdr h;
	struct cc_rd rd;

	cc_rd_init(&rd, msu, len);
	assert_int_equal(cc_mtp3_hdr_decode(CC_MTP3_ITU, &rd, &h), 0);
	if (h.si != CC_MTP3_SI_ISUP)
		return; /* TRA */
	assert_int_equal(h.rl.opc, OPC);
	assert_int_equal(h.rl.dpc, DPC);
	assert_true(p->nrx < MAXN);
	assert_int_equal(cc_isup_decode(msu + cc_rd_pos(&rd), cc_rd_left(&rd), &p->rx[p->nrx]), 0);
	p->nrx++;
}

static void peer_mtp2_ev(void *priv, enum cc_mtp2_ev ev)
{
	(void)priv;
	(void)ev;
}

static const struct cc_mtp2_ops peer_mtp2_ops = { .rx_msu = peer_rx_msu, .event = peer_mtp2_ev };

static void a_ev(void *priv, const struct cc_ss7_event *ev)
{
	struct peer *p = priv;

	assert_true(p->nev < MAXN);
	p->ev[p->nev++] = *ev;
}

static const struct cc_ss7_ops a_ops = { .event = a_ev };

static void a_call_ev(void *priv, const struct cc_call_ev *ev)
{
	struct peer *p = priv;

	assert_true(p->ncev < MAXN);
	p->cev[p->ncev++] = *ev;
}

static void pump(struct peer *p)
{
	uint8_t buf[CC_MTP2_MAX_SU];

	for (int guard = 0; guard < 10000; guard++) {
		int moved = 0, n;

		while (cc_ss7_link_tx_pending(p->s, 0)) {
			n = cc_ss7_link_tx_next(p->s, 0, p->now, buf, sizeof(buf));
			assert_true(n > 0);
			(void)cc_mtp2_rx(p->l, p->now, buf, (size_t)n);
			moved++;
		}
		while (cc_mtp2_tx_pending(p->l)) {
			n = cc_mtp2_tx_next(p->l, p->now, buf, sizeof(buf));
			assert_true(n > 0);
			(void)cc_ss7_link_rx(p->s, 0, p->now, buf, (size_t)n);
			moved++;
		}
		if (!moved)
			return;
	}
	fail_msg("link did not settle");
}

/* run for @ms, jumping from one timer deadline to the next */
static void run(struct peer *p, uint64_t ms)
{
	uint64_t end = p->now + ms;

	pump(p);
	while (p->now < end) {
		uint64_t t = cc_ss7_next_timeout_ms(p->s), tl = cc_mtp2_next_timeout_ms(p->l);

		if (tl < t)
			t = tl;
		if (t > end)
			t = end;
		if (t <= p->now)
			t = p->now + 1;
		p->now = t;
		cc_ss7_tick(p->s, p->now);
		cc_mtp2_tick(p->l, p->now);
		pump(p);
		assert_true(cc_ss7_check(p->s));
	}
}

static struct cc_ss7_cfg cfg_base(void)
{
	struct cc_ss7_cfg c;

	memset(&c, 0, sizeof(c));
	c.user_part = CC_SS7_ISUP;
	c.variant = CC_MTP3_ITU;
	c.ni = CC_MTP3_NI_NAT;
	c.opc = OPC;
	c.dpc = DPC;
	c.cic_first = 1;
	c.ncics = 30;
	c.nlinks = 1;
	c.no_sltm = true;
	c.no_grs = true;
	return c;
}

static void peer_up_cfg(struct peer *p, const struct cc_ss7_cfg *c)
{
	memset(p, 0, sizeof(*p));
	p->now = 1000;
	assert_int_equal(cc_ss7_alloc(c, &a_ops, p, &p->s), 0);
	cc_ss7_set_call_ev_fn(p->s, a_call_ev, p);
	assert_int_equal(cc_mtp2_alloc(NULL, &peer_mtp2_ops, p, &p->l), 0);
	cc_ss7_start(p->s, p->now);
	cc_mtp2_start(p->l, p->now);
	run(p, 15000);
	assert_true(cc_mtp2_is_in_service(p->l));
	assert_true(cc_ss7_is_up(p->s)); /* TRA_WAIT passed */
	p->nev = p->ncev = p->nrx = 0;
}

static void peer_up(struct peer *p)
{
	struct cc_ss7_cfg c = cfg_base();

	peer_up_cfg(p, &c);
}

static void peer_down(struct peer *p)
{
	cc_ss7_free(p->s);
	cc_mtp2_free(p->l);
}

/* the exchange sends @m to a */
static void send_isup(struct peer *p, const struct cc_isup_msg *m)
{
	struct cc_mtp3_hdr h = { .si = CC_MTP3_SI_ISUP,
				 .ni = CC_MTP3_NI_NAT,
				 .rl = { .dpc = OPC, .opc = DPC, .sls = (uint8_t)(m->cic & 15) } };
	uint8_t msu[CC_MTP2_MAX_SIF + 1];
	struct cc_wr wr;
	int n;

	cc_wr_init(&wr, msu, sizeof(msu));
	assert_int_equal(cc_mtp3_hdr_encode(CC_MTP3_ITU, &h, &wr), 0);
	n = cc_isup_encode(m, msu + cc_wr_len(&wr), sizeof(msu) - cc_wr_len(&wr));
	assert_true(n > 0);
	assert_int_equal(cc_mtp2_send(p->l, p->now, msu, cc_wr_len(&wr) + (size_t)n), 0);
	run(p, 20);
}

static void send_simple(struct peer *p, uint8_t type, uint16_t cic)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, type, cic);
	send_isup(p, &m);
}

static void send_iam(struct peer *p, uint16_t cic, uint8_t nci)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, CC_ISUP_IAM, cic);
	m.nci = nci;
	m.fci = CC_ISUP_FCI_ISUP_ALL_THE_WAY;
	m.cpc = CC_ISUP_CPC_ORDINARY;
	cc_isup_set(&m, CC_ISUP_P_NCI);
	cc_isup_set(&m, CC_ISUP_P_FCI);
	cc_isup_set(&m, CC_ISUP_P_CPC);
	cc_isup_set(&m, CC_ISUP_P_TMR);
	assert_int_equal(cc_isup_number_set(&m.called, "120", CC_ISUP_NAI_NATIONAL, 1), 0);
	cc_isup_set(&m, CC_ISUP_P_CALLED);
	assert_int_equal(cc_isup_number_set(&m.calling, "13800138000", CC_ISUP_NAI_NATIONAL, 1), 0);
	cc_isup_set(&m, CC_ISUP_P_CALLING);
	send_isup(p, &m);
}

/* Q.763 §3.52: suspend/resume indicators bit A, 1 = network initiated */
static void send_susres(struct peer *p, uint8_t type, uint16_t cic, bool network)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, type, cic);
	m.susres = network ? 1 : 0;
	cc_isup_set(&m, CC_ISUP_P_SUSRES_IND);
	send_isup(p, &m);
}

/* Q.763 §3.18: continuity indicators bit A, 1 = continuity check successful */
static void send_cot(struct peer *p, uint16_t cic, bool ok)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, CC_ISUP_COT, cic);
	m.continuity = ok ? 1 : 0;
	cc_isup_set(&m, CC_ISUP_P_CONTINUITY);
	send_isup(p, &m);
}

static void send_rel(struct peer *p, uint16_t cic, uint8_t cause)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, CC_ISUP_REL, cic);
	m.cause.location = CC_ISUP_LOC_PUBLIC_LOCAL;
	m.cause.value = cause;
	cc_isup_set(&m, CC_ISUP_P_CAUSE);
	send_isup(p, &m);
}

static unsigned int count_ev(const struct peer *p, enum cc_ss7_ev_type t)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < p->nev; i++)
		k += p->ev[i].type == t;
	return k;
}

static const struct cc_ss7_event *last_ev(const struct peer *p, enum cc_ss7_ev_type t)
{
	for (unsigned int i = p->nev; i-- > 0;)
		if (p->ev[i].type == t)
			return &p->ev[i];
	return NULL;
}

static unsigned int count_rx(const struct peer *p, uint8_t type)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < p->nrx; i++)
		k += p->rx[i].type == type;
	return k;
}

static const struct cc_isup_msg *last_rx(const struct peer *p, uint8_t type)
{
	for (unsigned int i = p->nrx; i-- > 0;)
		if (p->rx[i].type == type)
			return &p->rx[i];
	return NULL;
}

static unsigned int count_cev(const struct peer *p, enum cc_call_ev_type t)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < p->ncev; i++)
		k += p->cev[i].type == t;
	return k;
}

/* the exchange calls a on @cic; a accepts and answers */
static void answered_incoming(struct peer *p, uint16_t cic)
{
	send_iam(p, cic, 0);
	assert_non_null(last_ev(p, CC_SS7_EV_INCOMING));
	assert_int_equal(cc_ss7_answer(p->s, p->now, cic), 0);
	run(p, 20);
	assert_non_null(last_rx(p, CC_ISUP_ANM));
	assert_int_equal(cc_ss7_circuit_state(p->s, cic), CC_SS7_CS_ANSWERED);
}

/* a calls out; the exchange answers */
static uint16_t answered_outgoing(struct peer *p)
{
	uint16_t cic;

	assert_int_equal(cc_ss7_call(p->s, p->now, 0, "88", "120", CC_ISUP_CPC_ORDINARY, &cic), 0);
	run(p, 20);
	assert_int_equal(last_rx(p, CC_ISUP_IAM)->cic, cic);
	{
		struct cc_isup_msg m;

		cc_isup_msg_init(&m, CC_ISUP_ACM, cic);
		m.bci = CC_ISUP_BCI_SUBSCRIBER_FREE;
		cc_isup_set(&m, CC_ISUP_P_BCI);
		send_isup(p, &m);
	}
	send_simple(p, CC_ISUP_ANM, cic);
	assert_non_null(last_ev(p, CC_SS7_EV_ANSWERED));
	assert_int_equal(cc_ss7_circuit_state(p->s, cic), CC_SS7_CS_ANSWERED);
	return cic;
}

static uint32_t t_ms(enum cc_ss7_timer t)
{
	return cc_ss7_timer_desc(t)->def_ms;
}

/* ------------------------------------------------------------------ suspend/resume */

static void ss7_sus_network_then_res_resumes_and_stops_t6(void **state)
{
	static struct peer p;
	unsigned int ncev;
	uint16_t cic;

	(void)state;
	peer_up(&p);
	cic = answered_outgoing(&p); /* we control this call: we time its suspension */
	ncev = p.ncev;
	send_susres(&p, CC_ISUP_SUS, cic, true);
	assert_int_equal(count_ev(&p, CC_SS7_EV_SUSPENDED), 1);
	assert_int_equal(last_ev(&p, CC_SS7_EV_SUSPENDED)->cic, cic);
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_ANSWERED);
	run(&p, t_ms(CC_SS7_T6) - 1000);
	send_susres(&p, CC_ISUP_RES, cic, true);
	assert_int_equal(count_ev(&p, CC_SS7_EV_RESUMED), 1);
	run(&p, 2 * t_ms(CC_SS7_T6));
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_ANSWERED);
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	assert_int_equal(cc_ss7_stats_get(p.s)->t6_expiries, 0);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 0);
	/* the neutral events see no suspend: the call simply goes on */
	assert_int_equal(p.ncev, ncev);
	/* and the call still ends normally */
	assert_int_equal(cc_ss7_release(p.s, p.now, cic, CC_ISUP_CAUSE_NORMAL_CLEARING), 0);
	run(&p, 20);
	assert_int_equal(last_rx(&p, CC_ISUP_REL)->cause.value, CC_ISUP_CAUSE_NORMAL_CLEARING);
	send_simple(&p, CC_ISUP_RLC, cic);
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_IDLE);
	peer_down(&p);
}

/* on a call we did not place the caller's exchange times the suspension, not us */
static void ss7_sus_network_on_incoming_call_not_timed(void **state)
{
	static struct peer p;

	(void)state;
	peer_up(&p);
	answered_incoming(&p, 3);
	send_susres(&p, CC_ISUP_SUS, 3, true);
	assert_int_equal(count_ev(&p, CC_SS7_EV_SUSPENDED), 1);
	assert_int_equal(cc_ss7_next_timeout_ms(p.s), UINT64_MAX);
	run(&p, 2 * t_ms(CC_SS7_T6));
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	assert_int_equal(cc_ss7_circuit_state(p.s, 3), CC_SS7_CS_ANSWERED);
	peer_down(&p);
}

/* Q.764 Annex A T2: a user suspension of our own call ends after 3 minutes */
static void ss7_sus_user_on_our_call_t2_expiry_releases(void **state)
{
	static struct peer p;
	uint16_t cic;

	(void)state;
	peer_up(&p);
	cic = answered_outgoing(&p);
	send_susres(&p, CC_ISUP_SUS, cic, false);
	run(&p, t_ms(CC_SS7_T2) - 100);
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	run(&p, 200);
	assert_int_equal(cc_ss7_stats_get(p.s)->t2_expiries, 1);
	assert_int_equal(cc_ss7_stats_get(p.s)->t6_expiries, 0);
	assert_int_equal(last_rx(&p, CC_ISUP_REL)->cause.value, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	assert_int_equal(last_ev(&p, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	send_simple(&p, CC_ISUP_RLC, cic);
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_IDLE);
	peer_down(&p);
}

/* a reset while suspended ends the suspension with the call (invariants hold) */
static void ss7_reset_while_suspended_clears_the_suspension(void **state)
{
	static struct peer p;
	uint16_t cic;

	(void)state;
	peer_up(&p);
	cic = answered_outgoing(&p);
	send_susres(&p, CC_ISUP_SUS, cic, true);
	assert_int_equal(cc_ss7_reset(p.s, p.now, cic), 0);
	run(&p, 20); /* run() asserts cc_ss7_check() */
	assert_int_equal(last_rx(&p, CC_ISUP_RSC)->cic, cic);
	send_simple(&p, CC_ISUP_RLC, cic);
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_IDLE);
	run(&p, 2 * t_ms(CC_SS7_T6));
	assert_int_equal(cc_ss7_stats_get(p.s)->t6_expiries, 0);
	/* the next call on it is not suspended */
	send_susres(&p, CC_ISUP_RES, cic, true);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 1);
	peer_down(&p);
}

static void ss7_sus_t6_expiry_releases_with_cause_102(void **state)
{
	static struct peer p;
	const struct cc_call_ev *cev;
	uint16_t cic;

	(void)state;
	peer_up(&p);
	cic = answered_outgoing(&p); /* SUS backward, on our own call */
	send_susres(&p, CC_ISUP_SUS, cic, true);
	assert_int_equal(count_ev(&p, CC_SS7_EV_SUSPENDED), 1);
	run(&p, t_ms(CC_SS7_T6) - 100);
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	run(&p, 200);
	assert_int_equal(cc_ss7_stats_get(p.s)->t6_expiries, 1);
	assert_int_equal(last_rx(&p, CC_ISUP_REL)->cic, cic);
	assert_int_equal(last_rx(&p, CC_ISUP_REL)->cause.value, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	assert_int_equal(last_ev(&p, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_RELEASING);
	cev = &p.cev[p.ncev - 1];
	assert_int_equal(cev->type, CC_CALL_EV_RELEASED);
	assert_int_equal(cev->cause, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	send_simple(&p, CC_ISUP_RLC, cic);
	assert_int_equal(cc_ss7_circuit_state(p.s, cic), CC_SS7_CS_IDLE);
	assert_int_equal(count_ev(&p, CC_SS7_EV_IDLE), 1);
	assert_int_equal(count_cev(&p, CC_CALL_EV_RELEASED), 1);
	assert_int_equal(count_cev(&p, CC_CALL_EV_IDLE), 1);
	peer_down(&p);
}

static void ss7_sus_user_initiated_reported_without_t6(void **state)
{
	static struct peer p;

	(void)state;
	peer_up(&p);
	answered_incoming(&p, 4);
	send_susres(&p, CC_ISUP_SUS, 4, false);
	assert_int_equal(count_ev(&p, CC_SS7_EV_SUSPENDED), 1);
	assert_int_equal(cc_ss7_next_timeout_ms(p.s), UINT64_MAX);
	run(&p, 3 * t_ms(CC_SS7_T6));
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	send_susres(&p, CC_ISUP_RES, 4, false);
	assert_int_equal(count_ev(&p, CC_SS7_EV_RESUMED), 1);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 0);
	peer_down(&p);
}

static void ss7_sus_res_out_of_state_counted_unexpected(void **state)
{
	static struct peer p;
	const struct cc_ss7_stats *st;
	unsigned int nrx;

	(void)state;
	peer_up(&p);
	st = cc_ss7_stats_get(p.s);
	/* idle circuit */
	send_susres(&p, CC_ISUP_SUS, 5, true);
	send_susres(&p, CC_ISUP_RES, 5, true);
	assert_int_equal(st->unexpected, 2);
	assert_int_equal(cc_ss7_circuit_state(p.s, 5), CC_SS7_CS_IDLE);
	/* a call not yet answered */
	send_iam(&p, 6, 0);
	send_susres(&p, CC_ISUP_SUS, 6, true);
	assert_int_equal(st->unexpected, 3);
	assert_int_equal(cc_ss7_circuit_state(p.s, 6), CC_SS7_CS_IN_SETUP);
	/* answered but not suspended: RES; suspended: a second SUS */
	assert_int_equal(cc_ss7_answer(p.s, p.now, 6), 0);
	run(&p, 20);
	send_susres(&p, CC_ISUP_RES, 6, true);
	assert_int_equal(st->unexpected, 4);
	send_susres(&p, CC_ISUP_SUS, 6, false);
	nrx = p.nrx;
	send_susres(&p, CC_ISUP_SUS, 6, true);
	assert_int_equal(st->unexpected, 5);
	assert_int_equal(cc_ss7_next_timeout_ms(p.s),
			 UINT64_MAX); /* the second SUS started no T6 */
	/* nothing but the one accepted SUS was reported, nothing was sent back */
	assert_int_equal(count_ev(&p, CC_SS7_EV_SUSPENDED), 1);
	assert_int_equal(count_ev(&p, CC_SS7_EV_RESUMED), 0);
	assert_int_equal(p.nrx, nrx);
	assert_int_equal(cc_ss7_circuit_state(p.s, 6), CC_SS7_CS_ANSWERED);
	peer_down(&p);
}

static void ss7_rel_while_suspended_releases_normally(void **state)
{
	static struct peer p;

	(void)state;
	peer_up(&p);
	answered_incoming(&p, 7);
	send_susres(&p, CC_ISUP_SUS, 7, true);
	assert_int_equal(count_ev(&p, CC_SS7_EV_SUSPENDED), 1);
	send_rel(&p, 7, CC_ISUP_CAUSE_NORMAL_CLEARING);
	assert_int_equal(last_rx(&p, CC_ISUP_RLC)->cic, 7);
	assert_int_equal(last_ev(&p, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_NORMAL_CLEARING);
	assert_int_equal(count_ev(&p, CC_SS7_EV_IDLE), 1);
	assert_int_equal(cc_ss7_circuit_state(p.s, 7), CC_SS7_CS_IDLE);
	run(&p, 2 * t_ms(CC_SS7_T6));
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	assert_int_equal(cc_ss7_stats_get(p.s)->t6_expiries, 0);
	/* the circuit takes the next call */
	answered_incoming(&p, 7);
	peer_down(&p);
}

/* ------------------------------------------------------------------ continuity */

/* Q.763 §3.35: NCI bits DC, 01 check required on this circuit, 10 on a previous one */
#define NCI_COT_THIS	 (1u << 2)
#define NCI_COT_PREVIOUS (2u << 2)

static void cot_success_offers(uint8_t nci)
{
	static struct peer p;
	const struct cc_ss7_event *ev;

	peer_up(&p);
	send_iam(&p, 8, nci);
	assert_int_equal(p.nev, 0);
	assert_int_equal(p.ncev, 0);
	assert_int_equal(cc_ss7_circuit_state(p.s, 8), CC_SS7_CS_IN_CONTINUITY);
	assert_int_equal(cc_ss7_accept(p.s, p.now, 8), -EPROTO);
	assert_int_equal(cc_ss7_answer(p.s, p.now, 8), -EPROTO);
	assert_int_equal(cc_ss7_stats_get(p.s)->calls_in, 0);
	run(&p, t_ms(CC_SS7_T8) - 1000);
	send_cot(&p, 8, true);
	ev = last_ev(&p, CC_SS7_EV_INCOMING);
	assert_non_null(ev);
	assert_int_equal(ev->cic, 8);
	assert_string_equal(ev->called.digits, "120");
	assert_string_equal(ev->calling.digits, "13800138000");
	assert_int_equal(count_cev(&p, CC_CALL_EV_INCOMING), 1);
	assert_int_equal(cc_ss7_circuit_state(p.s, 8), CC_SS7_CS_IN_SETUP);
	assert_int_equal(cc_ss7_stats_get(p.s)->calls_in, 1);
	run(&p, 2 * t_ms(CC_SS7_T8));
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	assert_int_equal(cc_ss7_answer(p.s, p.now, 8), 0);
	run(&p, 20);
	assert_non_null(last_rx(&p, CC_ISUP_ANM));
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 0);
	peer_down(&p);
}

static void ss7_cot_required_here_success_offers_call(void **state)
{
	(void)state;
	cot_success_offers(NCI_COT_THIS);
}

static void ss7_cot_previous_circuit_success_offers_call(void **state)
{
	(void)state;
	cot_success_offers(NCI_COT_PREVIOUS);
}

static void ss7_cot_t8_expiry_releases_with_cause_41(void **state)
{
	static struct peer p;

	(void)state;
	peer_up(&p);
	send_iam(&p, 9, NCI_COT_THIS);
	run(&p, t_ms(CC_SS7_T8) - 100);
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	run(&p, 200);
	assert_int_equal(cc_ss7_stats_get(p.s)->t8_expiries, 1);
	assert_int_equal(last_rx(&p, CC_ISUP_REL)->cic, 9);
	assert_int_equal(last_rx(&p, CC_ISUP_REL)->cause.value, CC_ISUP_CAUSE_TEMPORARY_FAILURE);
	assert_int_equal(cc_ss7_circuit_state(p.s, 9), CC_SS7_CS_RELEASING);
	send_simple(&p, CC_ISUP_RLC, 9);
	assert_int_equal(cc_ss7_circuit_state(p.s, 9), CC_SS7_CS_IDLE);
	/* never offered: no INCOMING, RELEASED or IDLE, natively or neutrally */
	assert_int_equal(p.nev, 0);
	assert_int_equal(p.ncev, 0);
	/* a late COT finds nothing to complete */
	send_cot(&p, 9, true);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 1);
	assert_int_equal(count_ev(&p, CC_SS7_EV_INCOMING), 0);
	peer_down(&p);
}

static void ss7_cot_failure_waits_t27_then_resets(void **state)
{
	static struct peer p;

	(void)state;
	peer_up(&p);
	send_iam(&p, 10, NCI_COT_THIS);
	send_cot(&p, 10, false);
	assert_int_equal(cc_ss7_stats_get(p.s)->cot_failed, 1);
	assert_int_equal(cc_ss7_circuit_state(p.s, 10), CC_SS7_CS_IN_CONTINUITY);
	/* T8 is over: no REL at T8, the circuit waits for the re-check */
	run(&p, 2 * t_ms(CC_SS7_T8));
	assert_int_equal(cc_ss7_stats_get(p.s)->t8_expiries, 0);
	assert_int_equal(count_rx(&p, CC_ISUP_REL), 0);
	/* a successful COT now is no call of ours */
	send_cot(&p, 10, true);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 1);
	run(&p, t_ms(CC_SS7_T27) - 2 * t_ms(CC_SS7_T8) - 1000);
	assert_int_equal(count_rx(&p, CC_ISUP_RSC), 0);
	run(&p, 2000);
	assert_int_equal(cc_ss7_stats_get(p.s)->t27_expiries, 1);
	assert_int_equal(last_rx(&p, CC_ISUP_RSC)->cic, 10);
	assert_int_equal(cc_ss7_circuit_state(p.s, 10), CC_SS7_CS_RESETTING);
	send_simple(&p, CC_ISUP_RLC, 10);
	assert_int_equal(cc_ss7_circuit_state(p.s, 10), CC_SS7_CS_IDLE);
	assert_int_equal(p.nev, 0); /* no INCOMING, RELEASED or IDLE */
	assert_int_equal(p.ncev, 0);
	peer_down(&p);
}

static void ss7_cot_failure_then_rel_idles_silently(void **state)
{
	static struct peer p;

	(void)state;
	peer_up(&p);
	send_iam(&p, 11, NCI_COT_PREVIOUS);
	send_cot(&p, 11, false);
	send_cot(&p, 11, false); /* a failed re-check restarts T27 */
	assert_int_equal(cc_ss7_stats_get(p.s)->cot_failed, 2);
	send_rel(&p, 11, CC_ISUP_CAUSE_NORMAL_CLEARING);
	assert_int_equal(last_rx(&p, CC_ISUP_RLC)->cic, 11);
	assert_int_equal(cc_ss7_circuit_state(p.s, 11), CC_SS7_CS_IDLE);
	assert_int_equal(p.nev, 0); /* no RELEASED, no IDLE */
	assert_int_equal(cc_ss7_stats_get(p.s)->calls_released, 0);
	assert_int_equal(p.ncev, 0);
	run(&p, t_ms(CC_SS7_T27) + 1000);
	assert_int_equal(count_rx(&p, CC_ISUP_RSC), 0);
	/* COT on an idle circuit */
	send_cot(&p, 12, true);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 1);
	/* no check asked for: offered at once, as before */
	send_iam(&p, 12, 0);
	assert_int_equal(last_ev(&p, CC_SS7_EV_INCOMING)->cic, 12);
	peer_down(&p);
}

/* ------------------------------------------------------------------ maintenance */

/* RSC from the far end ends its blocking (reported) and, if we block the circuit,
 * is answered with RLC and then BLO (Q.764 §2.9.3.1) */
static void ss7_rsc_ends_remote_block_and_repeats_ours(void **state)
{
	static struct peer p;
	unsigned int nrx;

	(void)state;
	peer_up(&p);
	send_simple(&p, CC_ISUP_BLO, 13);
	assert_int_equal(count_ev(&p, CC_SS7_EV_BLOCKED), 1);
	assert_int_equal(cc_ss7_circuit_blocked(p.s, 13), 2);
	send_simple(&p, CC_ISUP_RSC, 13);
	assert_int_equal(count_ev(&p, CC_SS7_EV_UNBLOCKED), 1);
	assert_int_equal(cc_ss7_circuit_blocked(p.s, 13), 0);
	/* locally blocked */
	assert_int_equal(cc_ss7_block(p.s, p.now, 14), 0);
	run(&p, 20);
	send_simple(&p, CC_ISUP_BLA, 14);
	nrx = p.nrx;
	send_simple(&p, CC_ISUP_RSC, 14);
	assert_int_equal(p.nrx, nrx + 2);
	assert_int_equal(p.rx[nrx].type, CC_ISUP_RLC);
	assert_int_equal(p.rx[nrx + 1].type, CC_ISUP_BLO);
	assert_int_equal(cc_ss7_circuit_blocked(p.s, 14), 1);
	/* the repeated BLO is acknowledged like the first; a stray BLA is counted */
	send_simple(&p, CC_ISUP_BLA, 14);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 0);
	send_simple(&p, CC_ISUP_BLA, 14);
	assert_int_equal(cc_ss7_stats_get(p.s)->unexpected, 1);
	peer_down(&p);
}

/* ------------------------------------------------------------------ tables, config */

static void ss7_susres_cot_timers_names_and_config(void **state)
{
	static struct peer p;
	struct cc_ss7_cfg c = cfg_base();
	struct cc_ss7 *s;

	(void)state;
	assert_string_equal(cc_ss7_timer_desc(CC_SS7_T6)->name, "T6");
	assert_string_equal(cc_ss7_timer_desc(CC_SS7_T8)->name, "T8");
	assert_string_equal(cc_ss7_timer_desc(CC_SS7_T27)->name, "T27");
	assert_string_equal(cc_ss7_timer_desc(CC_SS7_T2)->name, "T2");
	assert_int_equal(cc_ss7_timer_desc(CC_SS7_T2)->def_ms, 180000); /* Annex A: 3 min */
	/* Q.764 Annex A: T8 10-15 s, T27 4 min */
	assert_int_equal(cc_ss7_timer_desc(CC_SS7_T8)->min_ms, 10000);
	assert_int_equal(cc_ss7_timer_desc(CC_SS7_T8)->max_ms, 15000);
	assert_int_equal(cc_ss7_timer_desc(CC_SS7_T27)->def_ms, 240000);
	assert_string_equal(cc_ss7_ev_name(CC_SS7_EV_SUSPENDED), "suspended");
	assert_string_equal(cc_ss7_ev_name(CC_SS7_EV_RESUMED), "resumed");
	assert_string_equal(cc_ss7_ev_name(CC_SS7_EV__COUNT), "?");
	assert_string_equal(cc_ss7_circuit_state_name(CC_SS7_CS_IN_CONTINUITY), "IN_CONTINUITY");
	for (int t = 0; t < CC_SS7_T__COUNT; t++)
		assert_non_null(cc_ss7_timer_desc((enum cc_ss7_timer)t)->name);
	c.timer_ms[CC_SS7_T8] = 16000;
	assert_int_equal(cc_ss7_alloc(&c, &a_ops, NULL, &s), -EINVAL);
	c.timer_ms[CC_SS7_T8] = 0;
	c.timer_ms[CC_SS7_T6] = 5000;
	assert_int_equal(cc_ss7_alloc(&c, &a_ops, NULL, &s), -EINVAL);
	/* in range: used */
	c.timer_ms[CC_SS7_T6] = 20000;
	peer_up_cfg(&p, &c);
	send_susres(&p, CC_ISUP_SUS, answered_outgoing(&p), true);
	run(&p, 20000);
	assert_int_equal(cc_ss7_stats_get(p.s)->t6_expiries, 1);
	peer_down(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ss7_sus_network_then_res_resumes_and_stops_t6),
		cmocka_unit_test(ss7_sus_network_on_incoming_call_not_timed),
		cmocka_unit_test(ss7_sus_user_on_our_call_t2_expiry_releases),
		cmocka_unit_test(ss7_reset_while_suspended_clears_the_suspension),
		cmocka_unit_test(ss7_rsc_ends_remote_block_and_repeats_ours),
		cmocka_unit_test(ss7_sus_t6_expiry_releases_with_cause_102),
		cmocka_unit_test(ss7_sus_user_initiated_reported_without_t6),
		cmocka_unit_test(ss7_sus_res_out_of_state_counted_unexpected),
		cmocka_unit_test(ss7_rel_while_suspended_releases_normally),
		cmocka_unit_test(ss7_cot_required_here_success_offers_call),
		cmocka_unit_test(ss7_cot_previous_circuit_success_offers_call),
		cmocka_unit_test(ss7_cot_t8_expiry_releases_with_cause_41),
		cmocka_unit_test(ss7_cot_failure_waits_t27_then_resets),
		cmocka_unit_test(ss7_cot_failure_then_rel_idles_silently),
		cmocka_unit_test(ss7_susres_cot_timers_names_and_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
