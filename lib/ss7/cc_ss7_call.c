// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ISUP (Q.764) and China TUP (GF 001-9001) per-circuit call control.
 *
 * Circuit state diagram (both user parts; TUP message names in brackets):
 *
 *            cc_ss7_call: IAM [IAM/IAI], T7
 *   IDLE ------------------------------------> OUT_SETUP --ACM, T9--> OUT_PROCEEDING
 *    ^ ^  \                                       |  ANM/CON [ANC/ANN]     |
 *    | |   \ IAM [IAM/IAI]                        +------------+-----------+
 *    | |    v           [GRQ, wait GSM]                        v
 *    | |   IN_SETUP <---------------------- IN_GET_CLI     ANSWERED
 *    | |    | cc_ss7_accept: ACM                               |
 *    | |    v                                                  |
 *    | |   IN_PROCEEDING --cc_ss7_answer: ANM [ANN]--> ANSWERED |
 *    | |                                                       |
 *    | +-- RLC [RLG/CLF] -- RELEASING <-- cc_ss7_release: REL [CLF, CBK, UBM], T1+T5
 *    |                        | T5: RSC
 *    +----- RLC [RLG] ----- RESETTING (T16)
 *   Any call state --REL [CLF/CBK/UBM]--> RLC [RLG/CLF] --> IDLE (event RELEASED, IDLE)
 *
 * ISUP only, continuity (Q.764 §2.1.8, Annex A T8/T27) and suspend/resume (§2.4):
 *
 *   IDLE --IAM, NCI "check required on this circuit" or "performed on a previous
 *          circuit", T8--> IN_CONTINUITY --COT successful--> IN_SETUP (event INCOMING)
 *                           | COT failed: T27 (no event)   | T8: REL 41, RELEASING
 *                           | T27: RSC, RESETTING (T16)
 *   ANSWERED --SUS--> ANSWERED+suspended (event SUSPENDED; on our own calls T6 if
 *            <--RES-- (event RESUMED)       network-initiated, T2 if by the user)
 *                                          | T6/T2: REL 102, RELEASING (event RELEASED 102)
 *
 * Transitions -> functions: isup_rx()/tup_rx() for messages, circ_tick() for
 * timers, the cc_ss7_* API for user requests.  Maintenance blocking (lblk /
 * rblk) is orthogonal to the call state: blocked circuits take no new
 * outgoing calls; a remote block arriving during a call does not clear it.
 *
 * Dual seizure (Q.764 §2.9.1.4 b, Q.724 §8.5): the exchange with the higher
 * point code controls the even CICs, the other the odd ones; on a circuit we
 * do not control our outgoing call backs off (event DUAL_SEIZURE) and the
 * incoming IAM is served.
 *
 * Start-up: when MTP reports the linkset available, all circuits are reset
 * with GRS in chunks of 32 (T22), one chunk in flight at a time.  When the
 * linkset fails, calls are released locally with cause 38 (network out of
 * order) unless keep_calls_on_pause is set.
 *
 * Timer expiry causes: T7 -> 102 (recovery on timer expiry), T9 -> 19 (no
 * answer); UNVERIFIED against Q.764's exact wording, chosen as Q.850 suggests.
 * T6 -> 102 and T8 -> 41 (temporary failure): Annex A only says "initiate release" /
 * "send release message"; these are the causes the Dialogic ISUP manual (Table 2)
 * documents for the same expiries.
 *
 * Continuity: we cannot loop a circuit back (no check-loop hardware), so we take part
 * only as the incoming exchange of a check the far end performs: an IAM whose nature
 * of connection indicators ask for a check waits for COT before the call is offered.
 * A failed check is not released by us: Q.764 has the incoming exchange wait (T27)
 * for the far end's re-check (CCR); since we cannot loop the circuit for it, CCR is
 * not handled (counted as unexpected) and T27 ends in a circuit reset (RSC).  A
 * circuit asking for the check "on this circuit" therefore fails at the far end; one
 * saying the check was "performed on a previous circuit" works.  A call waiting for
 * COT has not been reported, so its end is silent too (no RELEASED, no IDLE).
 *
 * Suspend/resume: SUS and RES are accepted only on an answered call; anything else is
 * counted in stats.unexpected.  Q.764 Annex A has the controlling exchange time the
 * suspension: on calls we placed that is us, so a network-initiated SUS starts T6 and
 * a user-initiated one (Q.733.4 terminal portability) T2 (3 min); on incoming calls
 * the suspension is reported but not timed (the caller's exchange times it).  REL
 * while suspended releases as usual; leaving ANSWERED in any way ends the suspension.
 */
#include <errno.h>
#include <string.h>

#include <callcenter/log.h>
#include <callcenter/proto/gf001_tup.h>
#include <callcenter/proto/q763_isup.h>

#include "cc_ss7_int.h"

/*
 * The circuit states and the states each may change to (STYLE rule 21/22):
 * every change goes through circ_state_set(), which checks it against this
 * table and logs it.  Any state may stay as it is, return to IDLE (release
 * complete, reset, UCIC) or go to RESETTING (RSC/GRS received or sent, T5,
 * T27).
 */
#define ST(x)  (1u << CC_SS7_CS_##x)
#define ST_ANY (ST(IDLE) | ST(RESETTING))

static const struct circ_state_desc {
	const char *name;
	uint32_t out; /* bit per state it may change to */
} circ_states[CC_SS7_CS__COUNT] = {
	[CC_SS7_CS_IDLE] = { "IDLE", ST_ANY | ST(OUT_SETUP) | ST(IN_SETUP) | ST(IN_GET_CLI) |
					     ST(IN_CONTINUITY) },
	[CC_SS7_CS_OUT_SETUP] = { "OUT_SETUP",
				  ST_ANY | ST(OUT_PROCEEDING) | ST(ANSWERED) | ST(RELEASING) },
	[CC_SS7_CS_OUT_PROCEEDING] = { "OUT_PROCEEDING", ST_ANY | ST(ANSWERED) | ST(RELEASING) },
	[CC_SS7_CS_IN_SETUP] = { "IN_SETUP",
				 ST_ANY | ST(IN_PROCEEDING) | ST(ANSWERED) | ST(RELEASING) },
	[CC_SS7_CS_IN_GET_CLI] = { "IN_GET_CLI", ST_ANY | ST(IN_SETUP) | ST(RELEASING) },
	[CC_SS7_CS_IN_PROCEEDING] = { "IN_PROCEEDING", ST_ANY | ST(ANSWERED) | ST(RELEASING) },
	[CC_SS7_CS_ANSWERED] = { "ANSWERED", ST_ANY | ST(RELEASING) },
	[CC_SS7_CS_RELEASING] = { "RELEASING", ST_ANY },
	[CC_SS7_CS_RESETTING] = { "RESETTING", ST_ANY },
	[CC_SS7_CS_IN_CONTINUITY] = { "IN_CONTINUITY", ST_ANY | ST(IN_SETUP) | ST(RELEASING) },
};

/* Q.763 §3.35 nature of connection indicators, bits DC: continuity check indicator */
#define NCI_COT_MASK	 (3u << 2)
#define NCI_COT_REQUIRED (1u << 2) /* required on this circuit */
#define NCI_COT_PREVIOUS (2u << 2) /* performed on a previous circuit */
/* Q.763 §3.18 continuity indicators, bit A: 1 = continuity check successful */
#define COT_SUCCESSFUL 1u
/* Q.763 §3.52 suspend/resume indicators, bit A: 1 = network initiated */
#define SUSRES_NETWORK 1u

const char *cc_ss7_circuit_state_name(enum cc_ss7_circuit_state st)
{
	return (unsigned int)st < CC_SS7_CS__COUNT ? circ_states[st].name : "?";
}

static void circ_state_set(struct cc_ss7 *s, struct ss7_circuit *c, enum cc_ss7_circuit_state st)
{
	CC_ASSERT(c->st == st || (circ_states[c->st].out & (1u << st)));
	/* on leaving: what only that state has */
	if (c->st == CC_SS7_CS_ANSWERED && st != CC_SS7_CS_ANSWERED)
		c->suspended = false;
	if (c->st == CC_SS7_CS_IN_CONTINUITY && st != CC_SS7_CS_IN_CONTINUITY)
		c->cot_failed = false;
	if (c->st != st)
		cc_log(s->cfg.user_part == CC_SS7_TUP ? CC_LOGSS_TUP : CC_LOGSS_ISUP, CC_LOGL_DEBUG,
		       "opc %u cic %u: %s -> %s", s->cfg.opc, c->cic, circ_states[c->st].name,
		       circ_states[st].name);
	c->st = st;
}

static struct ss7_circuit *circ_get(struct cc_ss7 *s, uint16_t cic)
{
	if (cic < s->cfg.cic_first || cic >= s->cfg.cic_first + s->cfg.ncics)
		return NULL;
	return &s->circ[cic - s->cfg.cic_first];
}

static bool is_tup(const struct cc_ss7 *s)
{
	return s->cfg.user_part == CC_SS7_TUP;
}

static void tm_set(struct cc_ss7 *s, struct ss7_circuit *c, int slot, enum cc_ss7_timer t)
{
	c->tm[slot] = s->now + s->timer_ms[t];
	if (c->tm[slot] < s->up_next)
		s->up_next = c->tm[slot];
}

static void tm_stop_all(struct ss7_circuit *c)
{
	int i;

	for (i = 0; i < TM__COUNT; i++)
		c->tm[i] = NO_TIMER;
}

static void emit(struct cc_ss7 *s, struct ss7_circuit *c, enum cc_ss7_ev_type t, uint8_t cause)
{
	struct cc_ss7_event ev;

	if (t == CC_SS7_EV_INCOMING || t == CC_SS7_EV_CLI)
		ev = c->info;
	else
		memset(&ev, 0, sizeof(ev));
	ev.type = t;
	ev.cic = c->cic;
	ev.cause = cause;
	ss7_emit(s, &ev, c);
}

/* the call is over on our side: circuit idle */
static void to_idle(struct cc_ss7 *s, struct ss7_circuit *c)
{
	bool was_busy = c->st != CC_SS7_CS_IDLE;

	tm_stop_all(c);
	circ_state_set(s, c, CC_SS7_CS_IDLE);
	c->acm_sent = false;
	memset(&c->info, 0, sizeof(c->info));
	if (was_busy && !c->unreported)
		emit(s, c, CC_SS7_EV_IDLE, 0); /* a call the user never saw ends silently */
	c->unreported = false;
}

static bool in_call(const struct ss7_circuit *c)
{
	return c->st != CC_SS7_CS_IDLE && c->st != CC_SS7_CS_RELEASING &&
	       c->st != CC_SS7_CS_RESETTING;
}

/* ------------------------------------------------------------------ ISUP send */

static void isup_send(struct cc_ss7 *s, struct cc_isup_msg *m)
{
	uint8_t buf[300];
	int n = cc_isup_encode(m, buf, sizeof(buf));

	if (n < 0) {
		s->stats.unexpected++;
		return;
	}
	(void)ss7_mtp3_send(s, CC_MTP3_SI_ISUP, (uint8_t)(m->cic & 0x0f), buf, (size_t)n);
}

static void isup_simple(struct cc_ss7 *s, uint16_t cic, uint8_t type)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, type, cic);
	isup_send(s, &m);
}

static void isup_rel(struct cc_ss7 *s, uint16_t cic, uint8_t cause)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, CC_ISUP_REL, cic);
	m.cause.location = CC_ISUP_LOC_PRIVATE_LOCAL;
	m.cause.value = cause & 0x7f;
	cc_isup_set(&m, CC_ISUP_P_CAUSE);
	isup_send(s, &m);
}

static void isup_range(struct cc_ss7 *s, uint16_t cic, uint8_t type, uint8_t range,
		       const uint8_t *status, uint8_t cgsmt)
{
	struct cc_isup_msg m;

	cc_isup_msg_init(&m, type, cic);
	m.range.range = range;
	if (status) {
		m.range.has_status = true;
		memcpy(m.range.status, status, (size_t)range / 8 + 1);
	}
	cc_isup_set(&m, CC_ISUP_P_RANGE_STATUS);
	if (type == CC_ISUP_CGB || type == CC_ISUP_CGU || type == CC_ISUP_CGBA ||
	    type == CC_ISUP_CGUA) {
		m.cgsmt = cgsmt;
		cc_isup_set(&m, CC_ISUP_P_CGSMT);
	}
	isup_send(s, &m);
}

/* ------------------------------------------------------------------ TUP send */

static void tup_send(struct cc_ss7 *s, struct cc_tup_msg *m)
{
	uint8_t buf[300];
	int n;

	m->dpc = s->cfg.dpc;
	m->opc = s->cfg.opc;
	n = cc_tup_encode(s->cfg.variant, m, buf, sizeof(buf));
	if (n < 0) {
		s->stats.unexpected++;
		return;
	}
	(void)ss7_mtp3_send_sif(s, CC_MTP3_SI_TUP, (uint8_t)(m->cic & 0x0f), buf, (size_t)n);
}

static void tup_simple(struct cc_ss7 *s, uint16_t cic, uint8_t heading)
{
	struct cc_tup_msg m;

	cc_tup_msg_init(&m, heading, 0, 0, cic);
	tup_send(s, &m);
}

/* a message without parameters: @isup_type on ISUP, @tup_heading on TUP */
static void up_simple(struct cc_ss7 *s, uint16_t cic, uint8_t isup_type, uint8_t tup_heading)
{
	if (is_tup(s))
		tup_simple(s, cic, tup_heading);
	else
		isup_simple(s, cic, isup_type);
}

/* (re)send our BLO (@block) or UBL and (re)arm T12 / T14 until it is acknowledged */
static void send_blocking(struct cc_ss7 *s, struct ss7_circuit *c, bool block)
{
	c->blo_pending = block;
	c->ubl_pending = !block;
	up_simple(s, c->cic, block ? CC_ISUP_BLO : CC_ISUP_UBL, block ? CC_TUP_BLO : CC_TUP_UBL);
	tm_set(s, c, TM_BLK, block ? CC_SS7_T12 : CC_SS7_T14);
}

static void tup_range(struct cc_ss7 *s, uint16_t cic, uint8_t heading, uint8_t range,
		      const uint8_t *status)
{
	struct cc_tup_msg m;

	cc_tup_msg_init(&m, heading, 0, 0, cic);
	m.range = range;
	if (status) {
		m.has_status = true;
		memcpy(m.status, status, (size_t)range / 8 + 1);
	}
	tup_send(s, &m);
}

/* ------------------------------------------------------------------ common actions */

static void send_release(struct cc_ss7 *s, struct ss7_circuit *c, uint8_t cause)
{
	ss7_callev_local_release(s, c, cause);
	c->cause = cause;
	circ_state_set(s, c, CC_SS7_CS_RELEASING);
	tm_stop_all(c);
	if (!is_tup(s)) {
		isup_rel(s, c->cic, cause);
		tm_set(s, c, TM_REL, CC_SS7_T1);
		tm_set(s, c, TM_REL_LONG, CC_SS7_T5);
		return;
	}
	if (c->outgoing) {
		tup_simple(s, c->cic, CC_TUP_CLF);
		tm_set(s, c, TM_REL, CC_SS7_TUP_RLG);
		return;
	}
	/* incoming TUP call: clear back when answered, otherwise an unsuccessful
	 * backward message chosen from the cause; the caller then clears forward */
	if (c->st == CC_SS7_CS_ANSWERED || c->acm_sent) {
		tup_simple(s, c->cic, CC_TUP_CBK);
	} else {
		uint8_t h;

		switch (cause) {
		case CC_ISUP_CAUSE_USER_BUSY:
			h = s->cfg.variant == CC_MTP3_CHINA ? CC_TUP_SLB : CC_TUP_SSB;
			break;
		case CC_ISUP_CAUSE_UNALLOCATED:
			h = CC_TUP_UNN;
			break;
		case CC_ISUP_CAUSE_NO_CIRCUIT:
		case CC_ISUP_CAUSE_SWITCH_CONGESTION:
			h = CC_TUP_CGC;
			break;
		default:
			h = CC_TUP_CFL;
			break;
		}
		tup_simple(s, c->cic, h);
	}
	tm_set(s, c, TM_REL, CC_SS7_TUP_CLF);
}

/* the far end or the network ended the call */
static void remote_released(struct cc_ss7 *s, struct ss7_circuit *c, uint8_t cause)
{
	if (c->unreported)
		return; /* waiting for COT: the call was never reported */
	s->stats.calls_released++;
	emit(s, c, CC_SS7_EV_RELEASED, cause);
}

static bool we_control(const struct cc_ss7 *s, uint16_t cic)
{
	bool even = (cic & 1) == 0;

	return s->cfg.opc > s->cfg.dpc ? even : !even;
}

/* returns true if the incoming seizure should be served */
static bool seizure(struct cc_ss7 *s, struct ss7_circuit *c)
{
	if (c->st == CC_SS7_CS_OUT_SETUP) {
		s->stats.dual_seizures++;
		if (we_control(s, c->cic))
			return false; /* the far end backs off */
		tm_stop_all(c);
		circ_state_set(s, c, CC_SS7_CS_IDLE);
		emit(s, c, CC_SS7_EV_DUAL_SEIZURE, 0);
		return true;
	}
	if (c->st != CC_SS7_CS_IDLE) {
		s->stats.unexpected++;
		return false;
	}
	return true;
}

static void append_digits(struct cc_ss7_number *n, const char *more)
{
	size_t len = strlen(n->digits);

	while (*more && len < CC_SS7_MAX_DIGITS)
		n->digits[len++] = *more++;
	n->digits[len] = '\0';
}

static void set_number(struct cc_ss7_number *n, const char *digits, uint8_t nai, uint8_t pres,
		       uint8_t screen)
{
	n->present = true;
	n->nai = nai;
	n->pres = pres;
	n->screen = screen;
	n->digits[0] = '\0';
	append_digits(n, digits);
}

static void reset_circuit(struct cc_ss7 *s, struct ss7_circuit *c, bool emit_reset)
{
	bool was_rblk = c->rblk;

	if (in_call(c))
		remote_released(s, c, CC_ISUP_CAUSE_TEMPORARY_FAILURE);
	c->rblk = false; /* a reset ends the far end's blocking (Q.764 §2.9.3.1) */
	to_idle(s, c);
	if (emit_reset)
		emit(s, c, CC_SS7_EV_RESET, 0);
	if (was_rblk)
		emit(s, c, CC_SS7_EV_UNBLOCKED, 0);
}

static void group_reset_rx(struct cc_ss7 *s, uint16_t cic, uint8_t range)
{
	uint8_t status[32];
	unsigned int i;

	memset(status, 0, sizeof(status));
	s->stats.grs_rx++;
	for (i = 0; i <= range; i++) {
		struct ss7_circuit *c = circ_get(s, (uint16_t)(cic + i));

		if (!c)
			continue;
		reset_circuit(s, c, true);
		if (c->lblk)
			status[i / 8] |= (uint8_t)(1u << (i % 8));
	}
	if (is_tup(s))
		tup_range(s, cic, CC_TUP_GRA, range, status);
	else
		isup_range(s, cic, CC_ISUP_GRA, range, status, 0);
}

static void send_grs(struct cc_ss7 *s, uint16_t cic, uint8_t range)
{
	s->grs_pending = true;
	s->grs_cic = cic;
	s->grs_range = range;
	s->t_grs = s->now + s->timer_ms[CC_SS7_T22];
	s->stats.grs_tx++;
	if (is_tup(s))
		tup_range(s, cic, CC_TUP_GRS, range, NULL);
	else
		isup_range(s, cic, CC_ISUP_GRS, range, NULL, 0);
}

static void grs_next_chunk(struct cc_ss7 *s)
{
	uint16_t cic = s->grs_pending ? (uint16_t)(s->grs_cic + s->grs_range + 1) : s->grs_cic;
	unsigned int n;

	if (cic >= s->grs_end) {
		s->grs_pending = false;
		s->t_grs = NO_TIMER;
		return;
	}
	n = s->grs_end - cic;
	if (n > 32)
		n = 32;
	send_grs(s, cic, (uint8_t)(n - 1));
}

static void group_reset_ack_rx(struct cc_ss7 *s, uint16_t cic, uint8_t range, bool has_status,
			       const uint8_t *status)
{
	struct cc_ss7_event ev;
	unsigned int i;

	if (!s->grs_pending || cic != s->grs_cic || range != s->grs_range) {
		s->stats.unexpected++;
		return;
	}
	for (i = 0; i <= range; i++) {
		struct ss7_circuit *c = circ_get(s, (uint16_t)(cic + i));

		if (c)
			c->rblk = has_status && (status[i / 8] >> (i % 8)) & 1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = CC_SS7_EV_GROUP_RESET_DONE;
	ev.cic = cic;
	ss7_emit(s, &ev, NULL);
	if (s->grs_end > cic + range + 1) {
		grs_next_chunk(s);
	} else {
		s->grs_pending = false;
		s->t_grs = NO_TIMER;
		s->grs_end = 0;
	}
}

static void group_block_rx(struct cc_ss7 *s, uint16_t cic, uint8_t range, const uint8_t *status,
			   bool block)
{
	unsigned int i;

	for (i = 0; i <= range; i++) {
		struct ss7_circuit *c = circ_get(s, (uint16_t)(cic + i));

		if (!c || !((status[i / 8] >> (i % 8)) & 1))
			continue;
		if (c->rblk != block) {
			c->rblk = block;
			emit(s, c, block ? CC_SS7_EV_BLOCKED : CC_SS7_EV_UNBLOCKED, 0);
		}
	}
}

/* ------------------------------------------------------------------ maintenance receive */

/*
 * RSC (ISUP or TUP): reset the circuit, acknowledge with RLC / RLG; if we
 * block the circuit, say so again with BLO after the acknowledgement (Q.764
 * §2.9.3.1: the far end's reset also cleared its record of our blocking)
 */
static void reset_rx(struct cc_ss7 *s, struct ss7_circuit *c)
{
	s->stats.rsc_rx++;
	reset_circuit(s, c, true);
	up_simple(s, c->cic, CC_ISUP_RLC, CC_TUP_RLG);
	if (c->lblk)
		send_blocking(s, c, true);
}

/* BLO (@block) or UBL from the far end: report a change, always acknowledge */
static void remote_blocking_rx(struct cc_ss7 *s, struct ss7_circuit *c, bool block)
{
	if (block)
		s->stats.blo_rx++;
	if (c->rblk != block) {
		c->rblk = block;
		emit(s, c, block ? CC_SS7_EV_BLOCKED : CC_SS7_EV_UNBLOCKED, 0);
	}
	up_simple(s, c->cic, block ? CC_ISUP_BLA : CC_ISUP_UBA, block ? CC_TUP_BLA : CC_TUP_UBA);
}

/* BLA (@blo) or UBA: ends our BLO / UBL, and only that (a stray one is counted) */
static void blocking_ack_rx(struct cc_ss7 *s, struct ss7_circuit *c, bool blo)
{
	if (!(blo ? c->blo_pending : c->ubl_pending)) {
		s->stats.unexpected++;
		return;
	}
	c->blo_pending = c->ubl_pending = false;
	c->tm[TM_BLK] = NO_TIMER;
}

/* ------------------------------------------------------------------ ISUP receive */

/* report the incoming call whose IAM (and COT, if one was asked for) arrived */
static void isup_offer(struct cc_ss7 *s, struct ss7_circuit *c)
{
	c->unreported = false;
	circ_state_set(s, c, CC_SS7_CS_IN_SETUP);
	s->stats.calls_in++;
	emit(s, c, CC_SS7_EV_INCOMING, 0);
}

static void isup_in_iam(struct cc_ss7 *s, struct ss7_circuit *c, const struct cc_isup_msg *m)
{
	if (!seizure(s, c))
		return;
	if (c->lblk) {
		/* we blocked it: repeat the block and refuse (Q.764 §2.8.2.3) */
		isup_simple(s, c->cic, CC_ISUP_BLO);
		c->outgoing = false;
		send_release(s, c, CC_ISUP_CAUSE_CIRCUIT_NOT_AVAILABLE);
		return;
	}
	memset(&c->info, 0, sizeof(c->info));
	c->outgoing = false;
	c->acm_sent = false;
	c->info.category = m->cpc;
	set_number(&c->info.called, m->called.digits, m->called.nai, 0, 0);
	if (cc_isup_has(m, CC_ISUP_P_CALLING)) {
		set_number(&c->info.calling, m->calling.digits, m->calling.nai, m->calling.pres,
			   m->calling.screen);
		c->info.cli_source = CC_SS7_CLI_ISUP_IAM;
	}
	if (cc_isup_has(m, CC_ISUP_P_NCI) && ((m->nci & NCI_COT_MASK) == NCI_COT_REQUIRED ||
					      (m->nci & NCI_COT_MASK) == NCI_COT_PREVIOUS)) {
		/* Q.764 §2.1.8, Annex A T8: offer the call only once COT says the check passed */
		circ_state_set(s, c, CC_SS7_CS_IN_CONTINUITY);
		c->unreported = true;
		tm_set(s, c, TM_CALL, CC_SS7_T8);
		return;
	}
	isup_offer(s, c);
}

/* COT received while waiting for it */
static void isup_cot_rx(struct cc_ss7 *s, struct ss7_circuit *c, const struct cc_isup_msg *m)
{
	if (m->continuity & COT_SUCCESSFUL) {
		if (c->cot_failed) {
			s->stats.unexpected++; /* a re-check's result: we did not loop for it */
			return;
		}
		c->tm[TM_CALL] = NO_TIMER;
		isup_offer(s, c);
		return;
	}
	/* failed (again): wait for the far end's re-check, T27 (Q.764 Annex A) */
	s->stats.cot_failed++;
	c->cot_failed = true;
	tm_set(s, c, TM_CALL, CC_SS7_T27);
}

static void isup_rx(struct cc_ss7 *s, const uint8_t *p, size_t len)
{
	struct cc_isup_msg m;
	struct ss7_circuit *c;
	int ret = cc_isup_decode(p, len, &m);

	if (ret == -ENOTSUP) {
		s->stats.unexpected++;
		return;
	}
	if (ret < 0) {
		s->stats.msu_rx_bad++;
		return;
	}
	c = circ_get(s, m.cic);
	if (!c) {
		/* Q.764 §2.12: unequipped circuit */
		s->stats.unequipped_rx++;
		if (m.type != CC_ISUP_UCIC) {
			s->stats.ucic_tx++;
			isup_simple(s, m.cic, CC_ISUP_UCIC);
		}
		return;
	}
	switch (m.type) {
	case CC_ISUP_IAM:
		isup_in_iam(s, c, &m);
		break;
	case CC_ISUP_SAM:
		if (c->st == CC_SS7_CS_IN_SETUP || c->st == CC_SS7_CS_IN_PROCEEDING ||
		    c->st == CC_SS7_CS_IN_CONTINUITY)
			append_digits(&c->info.called, m.subsequent.digits);
		break;
	case CC_ISUP_COT:
		if (c->st != CC_SS7_CS_IN_CONTINUITY)
			goto unexpected;
		isup_cot_rx(s, c, &m);
		break;
	case CC_ISUP_CCR:
		/* the far end's continuity re-check: we cannot loop the circuit back */
		goto unexpected;
	case CC_ISUP_SUS:
		/* Q.764 §2.4: accepted only in the conversation phase */
		if (c->st != CC_SS7_CS_ANSWERED || c->suspended)
			goto unexpected;
		c->suspended = true;
		c->sus_network = m.susres & SUSRES_NETWORK;
		/* Q.764 Annex A: the controlling exchange (ours, on calls we placed) times
		 * the suspension, T6 if network-initiated, T2 if by the user */
		if (c->outgoing)
			tm_set(s, c, TM_CALL, c->sus_network ? CC_SS7_T6 : CC_SS7_T2);
		emit(s, c, CC_SS7_EV_SUSPENDED, 0);
		break;
	case CC_ISUP_RES:
		if (c->st != CC_SS7_CS_ANSWERED || !c->suspended)
			goto unexpected;
		c->suspended = false;
		c->tm[TM_CALL] = NO_TIMER;
		emit(s, c, CC_SS7_EV_RESUMED, 0);
		break;
	case CC_ISUP_ACM:
		if (c->st != CC_SS7_CS_OUT_SETUP)
			goto unexpected;
		circ_state_set(s, c, CC_SS7_CS_OUT_PROCEEDING);
		tm_set(s, c, TM_CALL, CC_SS7_T9);
		emit(s, c, CC_SS7_EV_PROCEEDING, 0);
		if (((m.bci >> 2) & 3) == 1) /* called party status: subscriber free */
			emit(s, c, CC_SS7_EV_ALERTING, 0);
		break;
	case CC_ISUP_CPG:
		if (c->st == CC_SS7_CS_OUT_PROCEEDING && (m.event & 0x7f) == CC_ISUP_EVENT_ALERTING)
			emit(s, c, CC_SS7_EV_ALERTING, 0);
		break;
	case CC_ISUP_ANM:
	case CC_ISUP_CON:
		if (c->st != CC_SS7_CS_OUT_SETUP && c->st != CC_SS7_CS_OUT_PROCEEDING)
			goto unexpected;
		circ_state_set(s, c, CC_SS7_CS_ANSWERED);
		c->tm[TM_CALL] = NO_TIMER;
		s->stats.calls_answered++;
		emit(s, c, CC_SS7_EV_ANSWERED, 0);
		break;
	case CC_ISUP_REL:
		isup_simple(s, c->cic, CC_ISUP_RLC);
		if (in_call(c))
			remote_released(s, c, m.cause.value);
		to_idle(s, c);
		break;
	case CC_ISUP_RLC:
		if (c->st == CC_SS7_CS_RELEASING || c->st == CC_SS7_CS_RESETTING)
			to_idle(s, c);
		break;
	case CC_ISUP_CCL:
		/* China: the calling party cleared; release on its behalf */
		if (c->st == CC_SS7_CS_ANSWERED && !c->outgoing) {
			remote_released(s, c, CC_ISUP_CAUSE_NORMAL_CLEARING);
			send_release(s, c, CC_ISUP_CAUSE_NORMAL_CLEARING);
		}
		break;
	case CC_ISUP_RSC:
		reset_rx(s, c);
		break;
	case CC_ISUP_BLO:
	case CC_ISUP_UBL:
		remote_blocking_rx(s, c, m.type == CC_ISUP_BLO);
		break;
	case CC_ISUP_BLA:
	case CC_ISUP_UBA:
		blocking_ack_rx(s, c, m.type == CC_ISUP_BLA);
		break;
	case CC_ISUP_UCIC:
		/* the far end does not have this circuit: keep it out of use */
		c->rblk = true;
		if (in_call(c)) {
			remote_released(s, c, CC_ISUP_CAUSE_CIRCUIT_NOT_AVAILABLE);
			to_idle(s, c);
		}
		break;
	case CC_ISUP_GRS:
		group_reset_rx(s, m.cic, m.range.range);
		break;
	case CC_ISUP_GRA:
		group_reset_ack_rx(s, m.cic, m.range.range, m.range.has_status, m.range.status);
		break;
	case CC_ISUP_CGB:
	case CC_ISUP_CGU:
		if (!m.range.has_status)
			goto unexpected;
		group_block_rx(s, m.cic, m.range.range, m.range.status, m.type == CC_ISUP_CGB);
		isup_range(s, m.cic, m.type == CC_ISUP_CGB ? CC_ISUP_CGBA : CC_ISUP_CGUA,
			   m.range.range, m.range.status, m.cgsmt);
		break;
	default:
		break;
	}
	return;
unexpected:
	s->stats.unexpected++;
}

/* ------------------------------------------------------------------ TUP receive */

static void tup_cli(struct ss7_circuit *c, const struct cc_tup_cli *cli, enum cc_ss7_cli_source src)
{
	set_number(&c->info.calling, cli->digits.d, cli->noai,
		   cli->restricted ? CC_ISUP_PRES_RESTRICTED : CC_ISUP_PRES_ALLOWED,
		   CC_ISUP_SCREEN_NETWORK);
	c->info.cli_source = src;
}

static void tup_in_iam(struct cc_ss7 *s, struct ss7_circuit *c, const struct cc_tup_msg *m)
{
	if (!seizure(s, c))
		return;
	memset(&c->info, 0, sizeof(c->info));
	c->outgoing = false;
	c->acm_sent = false;
	c->info.category = m->cpc;
	set_number(&c->info.called, m->addr.d, m->msg_ind & 3, 0, 0);
	if (m->heading == CC_TUP_IAI && (m->iai_ind & CC_TUP_IAI_CLI))
		tup_cli(c, &m->cli, CC_SS7_CLI_TUP_IAI);
	s->stats.calls_in++;
	if (!c->info.calling.present && s->cfg.tup_request_cli) {
		struct cc_tup_msg grq;

		cc_tup_msg_init(&grq, CC_TUP_GRQ, 0, 0, c->cic);
		grq.grq_ind = CC_TUP_GRQ_CLI | CC_TUP_GRQ_CPC;
		tup_send(s, &grq);
		circ_state_set(s, c, CC_SS7_CS_IN_GET_CLI);
		tm_set(s, c, TM_CALL, CC_SS7_TUP_GSM);
		return;
	}
	circ_state_set(s, c, CC_SS7_CS_IN_SETUP);
	emit(s, c, CC_SS7_EV_INCOMING, 0);
}

static uint8_t tup_ubm_cause(uint8_t h)
{
	switch (h) {
	case CC_TUP_SSB:
	case CC_TUP_SLB:
	case CC_TUP_STB:
		return CC_ISUP_CAUSE_USER_BUSY;
	case CC_TUP_UNN:
		return CC_ISUP_CAUSE_UNALLOCATED;
	case CC_TUP_CGC:
	case CC_TUP_NNC:
		return CC_ISUP_CAUSE_SWITCH_CONGESTION;
	case CC_TUP_ADI:
		return 28; /* invalid number format */
	case CC_TUP_LOS:
		return 27; /* destination out of order */
	default:
		return CC_ISUP_CAUSE_NORMAL_UNSPECIFIED;
	}
}

static void tup_rx(struct cc_ss7 *s, const uint8_t *p, size_t len)
{
	struct cc_tup_msg m;
	struct ss7_circuit *c;
	int ret = cc_tup_decode(s->cfg.variant, p, len, &m);

	if (ret == -ENOTSUP) {
		s->stats.unexpected++;
		return;
	}
	if (ret < 0) {
		s->stats.msu_rx_bad++;
		return;
	}
	c = circ_get(s, m.cic);
	if (!c) {
		s->stats.unequipped_rx++;
		return;
	}
	switch (m.heading) {
	case CC_TUP_IAM:
	case CC_TUP_IAI:
		tup_in_iam(s, c, &m);
		break;
	case CC_TUP_SAM:
	case CC_TUP_SAO:
		if (c->st == CC_SS7_CS_IN_SETUP || c->st == CC_SS7_CS_IN_GET_CLI)
			append_digits(&c->info.called, m.addr.d);
		break;
	case CC_TUP_GSM:
		if (c->st != CC_SS7_CS_IN_GET_CLI)
			goto unexpected;
		if (m.gsm_ind & CC_TUP_GSM_CLI)
			tup_cli(c, &m.cli, CC_SS7_CLI_TUP_GSM);
		if (m.gsm_ind & CC_TUP_GSM_CPC)
			c->info.category = m.cpc;
		c->tm[TM_CALL] = NO_TIMER;
		circ_state_set(s, c, CC_SS7_CS_IN_SETUP);
		emit(s, c, CC_SS7_EV_INCOMING, 0);
		break;
	case CC_TUP_GRQ:
		if (c->st == CC_SS7_CS_OUT_SETUP) {
			struct cc_tup_msg gsm;

			cc_tup_msg_init(&gsm, CC_TUP_GSM, 0, 0, c->cic);
			if (m.grq_ind & CC_TUP_GRQ_CPC) {
				gsm.gsm_ind |= CC_TUP_GSM_CPC;
				gsm.cpc = c->info.category & 0x3f;
			}
			if ((m.grq_ind & CC_TUP_GRQ_CLI) && c->info.calling.present &&
			    cc_tup_digits_set(&gsm.cli.digits, c->info.calling.digits) == 0) {
				gsm.gsm_ind |= CC_TUP_GSM_CLI;
				gsm.cli.noai = CC_TUP_NOAI_NATIONAL;
			}
			tup_send(s, &gsm);
		}
		break;
	case CC_TUP_ACM:
		if (c->st != CC_SS7_CS_OUT_SETUP)
			goto unexpected;
		circ_state_set(s, c, CC_SS7_CS_OUT_PROCEEDING);
		tm_set(s, c, TM_CALL, CC_SS7_T9);
		emit(s, c, CC_SS7_EV_PROCEEDING, 0);
		if (m.acm_ind & CC_TUP_ACM_SUBSCRIBER_FREE)
			emit(s, c, CC_SS7_EV_ALERTING, 0);
		break;
	case CC_TUP_ANC:
	case CC_TUP_ANN:
	case CC_TUP_ANU:
		if (c->st != CC_SS7_CS_OUT_SETUP && c->st != CC_SS7_CS_OUT_PROCEEDING)
			goto unexpected;
		circ_state_set(s, c, CC_SS7_CS_ANSWERED);
		c->tm[TM_CALL] = NO_TIMER;
		s->stats.calls_answered++;
		emit(s, c, CC_SS7_EV_ANSWERED, 0);
		break;
	case CC_TUP_CBK:
		/* called party cleared: we (calling side) clear forward */
		if (!c->outgoing || !in_call(c))
			goto unexpected;
		remote_released(s, c, CC_ISUP_CAUSE_NORMAL_CLEARING);
		send_release(s, c, CC_ISUP_CAUSE_NORMAL_CLEARING);
		break;
	case CC_TUP_CLF:
		/* calling party cleared forward: release guard, circuit idle */
		tup_simple(s, c->cic, CC_TUP_RLG);
		if (in_call(c))
			remote_released(s, c, CC_ISUP_CAUSE_NORMAL_CLEARING);
		to_idle(s, c);
		break;
	case CC_TUP_RLG:
		if (c->st == CC_SS7_CS_RELEASING || c->st == CC_SS7_CS_RESETTING)
			to_idle(s, c);
		break;
	case CC_TUP_SEC:
	case CC_TUP_CGC:
	case CC_TUP_NNC:
	case CC_TUP_ADI:
	case CC_TUP_CFL:
	case CC_TUP_SSB:
	case CC_TUP_UNN:
	case CC_TUP_LOS:
	case CC_TUP_SST:
	case CC_TUP_ACB:
	case CC_TUP_DPN:
	case CC_TUP_EUM:
	case CC_TUP_SLB:
	case CC_TUP_STB:
		if (!c->outgoing || !in_call(c))
			goto unexpected;
		remote_released(s, c, tup_ubm_cause(m.heading));
		send_release(s, c, tup_ubm_cause(m.heading));
		break;
	case CC_TUP_RSC:
		reset_rx(s, c);
		break;
	case CC_TUP_BLO:
	case CC_TUP_UBL:
		remote_blocking_rx(s, c, m.heading == CC_TUP_BLO);
		break;
	case CC_TUP_BLA:
	case CC_TUP_UBA:
		blocking_ack_rx(s, c, m.heading == CC_TUP_BLA);
		break;
	case CC_TUP_GRS:
		group_reset_rx(s, m.cic, m.range);
		break;
	case CC_TUP_GRA:
		group_reset_ack_rx(s, m.cic, m.range, m.has_status, m.status);
		break;
	case CC_TUP_MGB:
	case CC_TUP_HGB:
	case CC_TUP_SGB:
	case CC_TUP_MGU:
	case CC_TUP_HGU:
	case CC_TUP_SGU: {
		bool block = m.heading == CC_TUP_MGB || m.heading == CC_TUP_HGB ||
			     m.heading == CC_TUP_SGB;

		group_block_rx(s, m.cic, m.range, m.status, block);
		/* acknowledgement heading = request heading + 0x10 (MGB 0x18 -> MBA 0x28 ...) */
		tup_range(s, m.cic, (uint8_t)(m.heading + 0x10), m.range, m.status);
		break;
	}
	default:
		break;
	}
	return;
unexpected:
	s->stats.unexpected++;
}

void ss7_up_rx(struct cc_ss7 *s, uint8_t si, const struct cc_mtp3_label *rl, const uint8_t *p,
	       size_t len)
{
	(void)rl;
	if (si == CC_MTP3_SI_ISUP && !is_tup(s))
		isup_rx(s, p, len);
	else if (si == CC_MTP3_SI_TUP && is_tup(s))
		tup_rx(s, p, len);
	else
		s->stats.unexpected++;
}

/* ------------------------------------------------------------------ MTP indications */

void ss7_up_resume(struct cc_ss7 *s)
{
	if (s->cfg.no_grs)
		return;
	s->grs_pending = false;
	s->grs_cic = s->cfg.cic_first;
	s->grs_end = (uint16_t)(s->cfg.cic_first + s->cfg.ncics);
	grs_next_chunk(s);
}

void ss7_up_pause(struct cc_ss7 *s)
{
	unsigned int i;

	s->grs_pending = false;
	s->t_grs = NO_TIMER;
	if (s->cfg.keep_calls_on_pause)
		return;
	for (i = 0; i < s->cfg.ncics; i++) {
		struct ss7_circuit *c = &s->circ[i];

		if (in_call(c))
			remote_released(s, c, CC_ISUP_CAUSE_NETWORK_OUT_OF_ORDER);
		to_idle(s, c);
	}
}

/* ------------------------------------------------------------------ timers */

static void circ_tick(struct cc_ss7 *s, struct ss7_circuit *c)
{
	uint64_t now = s->now;

	if (c->tm[TM_CALL] <= now) {
		c->tm[TM_CALL] = NO_TIMER;
		if (c->st == CC_SS7_CS_OUT_SETUP) {
			s->stats.t7_expiries++;
			remote_released(s, c, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
			send_release(s, c, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
		} else if (c->st == CC_SS7_CS_OUT_PROCEEDING) {
			remote_released(s, c, CC_ISUP_CAUSE_NO_ANSWER);
			send_release(s, c, CC_ISUP_CAUSE_NO_ANSWER);
		} else if (c->st == CC_SS7_CS_IN_GET_CLI) {
			/* no GSM: offer the call without a calling number */
			circ_state_set(s, c, CC_SS7_CS_IN_SETUP);
			emit(s, c, CC_SS7_EV_INCOMING, 0);
		} else if (c->st == CC_SS7_CS_ANSWERED && c->suspended) {
			/* Q.764 §2.4.3 (T6) / Annex A (T2): no RES, release the call */
			if (c->sus_network)
				s->stats.t6_expiries++;
			else
				s->stats.t2_expiries++;
			remote_released(s, c, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
			send_release(s, c, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
		} else if (c->st == CC_SS7_CS_IN_CONTINUITY && !c->cot_failed) {
			/* Q.764 Annex A T8: no COT, release (the call was never offered) */
			s->stats.t8_expiries++;
			send_release(s, c, CC_ISUP_CAUSE_TEMPORARY_FAILURE);
		} else if (c->st == CC_SS7_CS_IN_CONTINUITY) {
			/* Q.764 Annex A T27: no re-check after the failure, reset the circuit */
			s->stats.t27_expiries++;
			circ_state_set(s, c, CC_SS7_CS_RESETTING);
			isup_simple(s, c->cic, CC_ISUP_RSC);
			tm_set(s, c, TM_REL, CC_SS7_T16);
		}
	}
	if (c->tm[TM_REL] <= now) {
		if (c->st == CC_SS7_CS_RELEASING) {
			s->stats.t1_expiries++;
			if (!is_tup(s)) {
				isup_rel(s, c->cic, c->cause);
				tm_set(s, c, TM_REL, CC_SS7_T1);
			} else if (c->outgoing) {
				tup_simple(s, c->cic, CC_TUP_CLF);
				tm_set(s, c, TM_REL, CC_SS7_TUP_RLG);
			} else {
				/* no CLF after our CBK/UBM: reset the circuit */
				circ_state_set(s, c, CC_SS7_CS_RESETTING);
				tup_simple(s, c->cic, CC_TUP_RSC);
				tm_set(s, c, TM_REL, CC_SS7_T16);
			}
		} else if (c->st == CC_SS7_CS_RESETTING) {
			up_simple(s, c->cic, CC_ISUP_RSC, CC_TUP_RSC);
			tm_set(s, c, TM_REL, CC_SS7_T16);
		} else {
			c->tm[TM_REL] = NO_TIMER;
		}
	}
	if (c->tm[TM_REL_LONG] <= now) {
		c->tm[TM_REL_LONG] = NO_TIMER;
		if (c->st == CC_SS7_CS_RELEASING && !is_tup(s)) {
			/* Q.764 §2.10.6 (T5): give up on RLC, reset the circuit */
			s->stats.t5_expiries++;
			circ_state_set(s, c, CC_SS7_CS_RESETTING);
			isup_simple(s, c->cic, CC_ISUP_RSC);
			tm_set(s, c, TM_REL, CC_SS7_T16);
		}
	}
	if (c->tm[TM_BLK] <= now) {
		if (c->blo_pending || c->ubl_pending)
			send_blocking(s, c, c->blo_pending); /* T12 / T14: repeat */
		else
			c->tm[TM_BLK] = NO_TIMER;
	}
}

void ss7_up_tick(struct cc_ss7 *s)
{
	unsigned int i, k;
	uint64_t next = NO_TIMER;

	if (s->t_grs <= s->now && s->grs_pending) {
		/* T22: repeat the GRS */
		send_grs(s, s->grs_cic, s->grs_range);
	}
	if (s->now < s->up_next)
		return; /* the cached earliest deadline is still ahead: nothing expires */
	s->up_next = NO_TIMER;
	for (i = 0; i < s->cfg.ncics; i++)
		circ_tick(s, &s->circ[i]);
	/* exact recomputation; tm_set() during the scan may only lower it */
	for (i = 0; i < s->cfg.ncics; i++)
		for (k = 0; k < TM__COUNT; k++)
			if (s->circ[i].tm[k] < next)
				next = s->circ[i].tm[k];
	if (next < s->up_next)
		s->up_next = next;
}

uint64_t ss7_up_next_timeout(const struct cc_ss7 *s)
{
	uint64_t t = s->grs_pending ? s->t_grs : NO_TIMER;

	return s->up_next < t ? s->up_next : t;
}

/* ------------------------------------------------------------------ API */

bool cc_ss7_check(const struct cc_ss7 *s)
{
	unsigned int i;

	if (s->grs_pending && s->t_grs == NO_TIMER)
		return false;
	for (i = 0; i < s->cfg.ncics; i++) {
		const struct ss7_circuit *c = &s->circ[i];

		if (c->st >= CC_SS7_CS__COUNT || c->cic != s->cfg.cic_first + i)
			return false;
		/* an idle circuit runs no call timers; a waiting one runs its guard */
		if (c->st == CC_SS7_CS_IDLE &&
		    (c->tm[TM_CALL] != NO_TIMER || c->tm[TM_REL] != NO_TIMER ||
		     c->tm[TM_REL_LONG] != NO_TIMER))
			return false;
		if ((c->st == CC_SS7_CS_OUT_SETUP || c->st == CC_SS7_CS_OUT_PROCEEDING ||
		     c->st == CC_SS7_CS_IN_GET_CLI || c->st == CC_SS7_CS_IN_CONTINUITY) &&
		    c->tm[TM_CALL] == NO_TIMER)
			return false;
		/* suspended only when answered, and an answered call times only a suspend */
		if (c->suspended && c->st != CC_SS7_CS_ANSWERED)
			return false;
		if (c->st == CC_SS7_CS_ANSWERED && !c->suspended && c->tm[TM_CALL] != NO_TIMER)
			return false;
		if (c->cot_failed && c->st != CC_SS7_CS_IN_CONTINUITY)
			return false;
		if ((c->st == CC_SS7_CS_RELEASING || c->st == CC_SS7_CS_RESETTING) &&
		    c->tm[TM_REL] == NO_TIMER)
			return false;
		if ((c->blo_pending || c->ubl_pending) && c->tm[TM_BLK] == NO_TIMER)
			return false;
		if (c->blo_pending && c->ubl_pending)
			return false;
		/* the cached earliest deadline is never later than a real one */
		if (c->tm[TM_CALL] < s->up_next || c->tm[TM_REL] < s->up_next ||
		    c->tm[TM_REL_LONG] < s->up_next || c->tm[TM_BLK] < s->up_next)
			return false;
	}
	return true;
}

int cc_ss7_circuit_state(const struct cc_ss7 *s, uint16_t cic)
{
	const struct ss7_circuit *c = circ_get((struct cc_ss7 *)s, cic);

	return c ? c->st : -ENODEV;
}

int cc_ss7_circuit_blocked(const struct cc_ss7 *s, uint16_t cic)
{
	const struct ss7_circuit *c = circ_get((struct cc_ss7 *)s, cic);

	return c ? (c->lblk ? 1 : 0) | (c->rblk ? 2 : 0) : -ENODEV;
}

static bool usable(const struct ss7_circuit *c)
{
	return c->st == CC_SS7_CS_IDLE && !c->lblk && !c->rblk;
}

static int valid_digits(const char *d, size_t max)
{
	size_t i;

	for (i = 0; d && d[i]; i++)
		if (i >= max || !((d[i] >= '0' && d[i] <= '9') || (d[i] >= 'A' && d[i] <= 'F')))
			return -EINVAL;
	return 0;
}

int cc_ss7_call(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic, const char *calling,
		const char *called, uint8_t category, uint16_t *out_cic)
{
	size_t maxd = is_tup(s) ? CC_TUP_MAX_DIGITS : CC_ISUP_MAX_DIGITS;
	struct ss7_circuit *c = NULL;
	unsigned int i;

	s->now = now_ms;
	if (!called || !*called || valid_digits(called, maxd) || valid_digits(calling, maxd))
		return -EINVAL;
	if (!s->up)
		return -EAGAIN;
	if (cic) {
		c = circ_get(s, cic);
		if (!c)
			return -ENODEV;
		if (!usable(c))
			return -EBUSY;
	} else {
		for (i = 0; i < s->cfg.ncics && !c; i++) {
			struct ss7_circuit *x = &s->circ[(s->next_out + i) % s->cfg.ncics];

			if (usable(x))
				c = x;
		}
		if (!c)
			return -EBUSY;
		s->next_out = (unsigned int)(c - s->circ + 1) % s->cfg.ncics;
	}
	memset(&c->info, 0, sizeof(c->info));
	c->outgoing = true;
	c->info.category = category;
	set_number(&c->info.called, called, CC_ISUP_NAI_NATIONAL, 0, 0);
	if (calling && *calling)
		set_number(&c->info.calling, calling, CC_ISUP_NAI_NATIONAL, CC_ISUP_PRES_ALLOWED,
			   CC_ISUP_SCREEN_NETWORK);
	if (is_tup(s)) {
		struct cc_tup_msg m;

		bool iai = c->info.calling.present && !s->cfg.tup_cli_on_request;

		cc_tup_msg_init(&m, iai ? CC_TUP_IAI : CC_TUP_IAM, 0, 0, c->cic);
		m.cpc = category & 0x3f;
		m.msg_ind = CC_TUP_NOAI_NATIONAL;
		if (cc_tup_digits_set(&m.addr, called) < 0)
			return -EINVAL;
		if (iai) {
			m.iai_ind = CC_TUP_IAI_CLI;
			m.cli.noai = CC_TUP_NOAI_NATIONAL;
			if (cc_tup_digits_set(&m.cli.digits, calling) < 0)
				return -EINVAL;
		}
		tup_send(s, &m);
	} else {
		struct cc_isup_msg m;

		cc_isup_msg_init(&m, CC_ISUP_IAM, c->cic);
		m.fci = CC_ISUP_FCI_ISUP_ALL_THE_WAY | CC_ISUP_FCI_ISDN_ORIG_ACCESS;
		m.cpc = category;
		cc_isup_set(&m, CC_ISUP_P_NCI);
		cc_isup_set(&m, CC_ISUP_P_FCI);
		cc_isup_set(&m, CC_ISUP_P_CPC);
		cc_isup_set(&m, CC_ISUP_P_TMR);
		if (cc_isup_number_set(&m.called, called, CC_ISUP_NAI_NATIONAL, CC_ISUP_NPI_E164))
			return -EINVAL;
		cc_isup_set(&m, CC_ISUP_P_CALLED);
		if (c->info.calling.present) {
			if (cc_isup_number_set(&m.calling, calling, CC_ISUP_NAI_NATIONAL,
					       CC_ISUP_NPI_E164))
				return -EINVAL;
			m.calling.screen = CC_ISUP_SCREEN_NETWORK;
			cc_isup_set(&m, CC_ISUP_P_CALLING);
		}
		isup_send(s, &m);
	}
	circ_state_set(s, c, CC_SS7_CS_OUT_SETUP);
	ss7_callev_placed(c);
	tm_set(s, c, TM_CALL, CC_SS7_T7);
	s->stats.calls_out++;
	if (out_cic)
		*out_cic = c->cic;
	return 0;
}

int cc_ss7_accept(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic)
{
	struct ss7_circuit *c = circ_get(s, cic);

	s->now = now_ms;
	if (!c)
		return -ENODEV;
	if (c->st != CC_SS7_CS_IN_SETUP)
		return -EPROTO;
	if (is_tup(s)) {
		struct cc_tup_msg m;

		cc_tup_msg_init(&m, CC_TUP_ACM, 0, 0, cic);
		m.acm_ind = CC_TUP_ACM_TYPE_ADN | CC_TUP_ACM_SUBSCRIBER_FREE;
		tup_send(s, &m);
	} else {
		struct cc_isup_msg m;

		cc_isup_msg_init(&m, CC_ISUP_ACM, cic);
		m.bci = CC_ISUP_BCI_CHARGE_NONE | CC_ISUP_BCI_SUBSCRIBER_FREE |
			CC_ISUP_BCI_ORDINARY | CC_ISUP_BCI_ISUP_ALL_THE_WAY;
		cc_isup_set(&m, CC_ISUP_P_BCI);
		isup_send(s, &m);
	}
	c->acm_sent = true;
	circ_state_set(s, c, CC_SS7_CS_IN_PROCEEDING);
	return 0;
}

int cc_ss7_answer(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic)
{
	struct ss7_circuit *c = circ_get(s, cic);
	int ret;

	s->now = now_ms;
	if (!c)
		return -ENODEV;
	if (c->st == CC_SS7_CS_IN_SETUP) {
		ret = cc_ss7_accept(s, now_ms, cic);
		if (ret < 0)
			return ret;
	}
	if (c->st != CC_SS7_CS_IN_PROCEEDING)
		return -EPROTO;
	up_simple(s, cic, CC_ISUP_ANM, CC_TUP_ANN);
	circ_state_set(s, c, CC_SS7_CS_ANSWERED);
	s->stats.calls_answered++;
	return 0;
}

int cc_ss7_release(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic, uint8_t cause)
{
	struct ss7_circuit *c = circ_get(s, cic);

	s->now = now_ms;
	if (!c)
		return -ENODEV;
	if (c->st == CC_SS7_CS_RELEASING || c->st == CC_SS7_CS_RESETTING)
		return -EALREADY;
	if (c->st == CC_SS7_CS_IDLE)
		return -EPROTO;
	if (cause == 0 || cause > 127)
		return -EINVAL;
	send_release(s, c, cause);
	return 0;
}

/* maintenance blocking (BLO, T12) or unblocking (UBL, T14) of one circuit */
static int local_blocking(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic, bool block)
{
	struct ss7_circuit *c = circ_get(s, cic);

	s->now = now_ms;
	if (!c)
		return -ENODEV;
	if (!s->up)
		return -EAGAIN;
	c->lblk = block;
	send_blocking(s, c, block);
	return 0;
}

int cc_ss7_block(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic)
{
	return local_blocking(s, now_ms, cic, true);
}

int cc_ss7_unblock(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic)
{
	return local_blocking(s, now_ms, cic, false);
}

int cc_ss7_reset(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic)
{
	struct ss7_circuit *c = circ_get(s, cic);

	s->now = now_ms;
	if (!c)
		return -ENODEV;
	if (!s->up)
		return -EAGAIN;
	if (in_call(c))
		remote_released(s, c, CC_ISUP_CAUSE_TEMPORARY_FAILURE);
	tm_stop_all(c);
	circ_state_set(s, c, CC_SS7_CS_RESETTING);
	up_simple(s, cic, CC_ISUP_RSC, CC_TUP_RSC);
	tm_set(s, c, TM_REL, CC_SS7_T16);
	return 0;
}

int cc_ss7_group_reset(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic, unsigned int n)
{
	unsigned int i;

	s->now = now_ms;
	if (n < 2 || n > 32)
		return -EINVAL;
	if (!circ_get(s, cic) || !circ_get(s, (uint16_t)(cic + n - 1)))
		return -ENODEV;
	if (!s->up)
		return -EAGAIN;
	if (s->grs_pending)
		return -EBUSY;
	for (i = 0; i < n; i++) {
		struct ss7_circuit *c = circ_get(s, (uint16_t)(cic + i));

		if (in_call(c))
			remote_released(s, c, CC_ISUP_CAUSE_TEMPORARY_FAILURE);
		to_idle(s, c);
	}
	s->grs_end = 0;
	send_grs(s, cic, (uint8_t)(n - 1));
	return 0;
}
