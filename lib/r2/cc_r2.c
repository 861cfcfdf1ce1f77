// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * R2 channel: E1 CAS line signalling (Q.421 digital, China C=D=1 or ITU
 * C=0 D=1) and compelled MFC register signalling (Q.441), both directions.
 *
 * Design notes
 * ------------
 * One parent FSM per channel (line state, table st_tab[]) with a register
 * sub-state (enum cc_r2_mf_st) while it is in OUT_MF or IN_MF.  Every state
 * change goes through st_chg(), which checks the table's allowed next states
 * and arms the state's timer; expiry arrives through cc_r2_chan_tick() as a
 * normal input.  cc_r2_chan_check() is asserted after every input.
 * Line AB values (A<<1|B): forward idle 10, seize 00; backward idle 10,
 * seize-ack 11, answer 01, clear-back 11, blocked 11 (signaling-facts.md 5.2).
 *
 *   IDLE --rx 00--> IN_MF --KD, accept(free)--> IN_WAIT_ANSWER --answer()--> IN_ANSWERED
 *    |  \                \--refused/fail--> IN_WAIT_CLEAR        hangup() --> IN_CLEAR_BACK
 *    |   \--make_call()--> OUT_SEIZE --rx 11--> OUT_MF --B free--> OUT_WAIT_ANSWER --rx 01-->
 *    |                        | rx 00 (double seizure) -> FAULT         OUT_ANSWERED
 *    |--rx 11--> REMOTE_BLOCKED      any outgoing failure/hangup --> OUT_CLEAR_FWD --rx 10--> IDLE
 *    |--block()--> BLOCKED           every IN_* --rx 10 (clear-forward)--> IDLE
 *   any state --alarm on--> ALARM --alarm off--> IDLE (or BLOCKED if it was)
 *
 * Transition -> function: rx ABCD -> line_rx(); rx MF -> out_mf()/in_mf();
 * timers -> on_timeout(); outgoing register decisions -> out_act(); incoming
 * register decisions -> in_fwd_signal(); releases -> clear_forward(),
 * in_release(), go_idle(); E1 alarms -> cc_r2_chan_alarm().
 *
 * Compelled cycle, outgoing: send tone; backward tone starts -> stop ours;
 * backward tone ends -> act on it (next digit, category, KD, result).
 * Incoming: forward tone starts -> decide and send our tone; forward tone
 * ends -> stop ours; wait for the next.  When the incoming side must speak
 * without a forward tone (number complete by timeout: China has no
 * end-of-number signal) it sends a pulsed signal (T_PULSE).
 *
 * The China meaning of A1 depends on the register phase: after KA it asks
 * for the next *calling* digit (this is what OpenR2 1.3.3 gets wrong, see
 * signaling-facts.md 5.5): out_act() decides by category_sent/calling_done.
 */
#include <string.h>

#include <callcenter/r2.h>

#define AB_IDLE	  2 /* 10 */
#define AB_SEIZE  0 /* 00 forward */
#define AB_ACK	  3 /* 11 backward: seize-ack, clear-back, blocked */
#define AB_ANSWER 1 /* 01 backward */
#define NO_TIMER  CC_R2_T__COUNT

enum { PH_CALLED, PH_CATEGORY, PH_CALLING, PH_KD, PH_DONE, PH_FAILED };

/* ---------------------------------------------------------------- tables */

static const struct cc_r2_timer_def timer_defs[CC_R2_T__COUNT] = {
	[CC_R2_T_DEBOUNCE] = { 20, 0, 100, "debounce",
			       "ABCD persistence, Q.422 recognition 20 +- 10 ms (UNVERIFIED)" },
	[CC_R2_T_SEIZE_ACK] = { 2000, 100, 10000, "seize_ack",
				"seize-ack wait; China spec 200 ms, practice < 800 ms; OpenR2 "
				"2000" },
	[CC_R2_T_MF] = { 5000, 1000, 30000, "mf",
			 "compelled step; OpenR2 mf_back_cycle 5000 ms (1.3.x)" },
	[CC_R2_T_DIGIT] = { 3000, 500, 30000, "digit",
			    "end of number by silence; H3C ani-timeout default 3 s" },
	[CC_R2_T_PULSE] = { 150, 100, 250, "pulse",
			    "pulsed backward signal 150 +- 30 ms (UNVERIFIED)" },
	[CC_R2_T_PULSE_WAIT] = { 10000, 1000, 60000, "pulse_wait",
				 "outgoing, no digit left, wait for a pulsed signal" },
	[CC_R2_T_ACCEPT] = { 4000, 100, 30000, "accept",
			     "application accept decision; below the far end's T_MF" },
	[CC_R2_T_ANSWER] = { 60000, 1000, 600000, "answer",
			     "B free -> answer; OpenR2 r2_answer 60 s" },
	[CC_R2_T_RELEASE] = { 10000, 1000, 60000, "release", "clear-forward -> backward idle" },
};

const struct cc_r2_timer_def *cc_r2_timer_def(enum cc_r2_timer t)
{
	return (unsigned int)t < CC_R2_T__COUNT ? &timer_defs[t] : NULL;
}

#define ALL_BWD 0xFFFE

static const struct cc_r2_variant variants[CC_R2_VAR__COUNT] = {
	[CC_R2_VAR_ITU] = {
		.name = "itu",
		.cd_bits = 0x1,
		.bwd_signals = ALL_BWD,
		.a = {
			[1] = CC_R2_A_NEXT_CALLED, [2] = CC_R2_A_N_MINUS_1,
			[3] = CC_R2_A_CHANGE_TO_B, [4] = CC_R2_A_CONGESTION,
			[5] = CC_R2_A_CATEGORY, [6] = CC_R2_A_SPEECH,
			[7] = CC_R2_A_N_MINUS_2, [8] = CC_R2_A_N_MINUS_3,
			[15] = CC_R2_A_CONGESTION,
		},
		.b = {
			[2] = CC_R2_B_CONGESTION, /* send SIT */
			[3] = CC_R2_B_BUSY, [4] = CC_R2_B_CONGESTION,
			[5] = CC_R2_B_UNALLOCATED, [6] = CC_R2_B_FREE_CHARGE,
			[7] = CC_R2_B_FREE_NO_CHARGE, [8] = CC_R2_B_OUT_OF_ORDER,
		},
		.a_next_called = 1, .a_category = 5, .a_next_calling = 5,
		.a_change_to_b = 3, .a_congestion = 4,
		.b_send = {
			[CC_R2_B_FREE_CHARGE] = 6, [CC_R2_B_FREE_NO_CHARGE] = 7,
			[CC_R2_B_BUSY] = 3, [CC_R2_B_CONGESTION] = 4,
			[CC_R2_B_UNALLOCATED] = 5, [CC_R2_B_OUT_OF_ORDER] = 8,
		},
		.i_end_called = 15, .i_end_calling = 15, .i_calling_unavail = 12,
		.def_category = 1, .def_kd = 1,
	},
	[CC_R2_VAR_CHINA] = {
		.name = "china",
		.cd_bits = 0x3,
		.bwd_signals = 0x7E, /* A1-A6, B1-B6: the pairs of 1140/1020/900/780 Hz */
		.a = {
			[1] = CC_R2_A_NEXT_DIGIT, [2] = CC_R2_A_RESEND_FIRST,
			[3] = CC_R2_A_CHANGE_TO_B, [4] = CC_R2_A_CONGESTION,
			[5] = CC_R2_A_UNALLOCATED, [6] = CC_R2_A_CATEGORY,
		},
		.b = {
			[1] = CC_R2_B_FREE_CHARGE, [2] = CC_R2_B_BUSY, [3] = CC_R2_B_BUSY,
			[4] = CC_R2_B_CONGESTION, [5] = CC_R2_B_UNALLOCATED,
		},
		.a_next_called = 1, .a_category = 6, .a_next_calling = 1,
		.a_change_to_b = 3, .a_congestion = 4,
		.b_send = {
			[CC_R2_B_FREE_CHARGE] = 1, [CC_R2_B_FREE_NO_CHARGE] = 1,
			[CC_R2_B_BUSY] = 2, [CC_R2_B_CONGESTION] = 4,
			[CC_R2_B_UNALLOCATED] = 5, [CC_R2_B_OUT_OF_ORDER] = 4,
		},
		.i_end_called = 0, .i_end_calling = 15, .i_calling_unavail = 0,
		.def_category = 1, .def_kd = 3,
	},
};

const struct cc_r2_variant *cc_r2_variant_get(enum cc_r2_variant_id id)
{
	return (unsigned int)id < CC_R2_VAR__COUNT ? &variants[id] : NULL;
}

#define S(x) (1u << (x))

static const struct {
	const char *name;
	uint8_t tx_ab; /* what we send in this state */
	uint32_t out;  /* allowed next states */
} st_tab[CC_R2_ST__COUNT] = {
	[CC_R2_ST_IDLE] = { "IDLE", AB_IDLE,
			    S(CC_R2_ST_BLOCKED) | S(CC_R2_ST_REMOTE_BLOCKED) |
				    S(CC_R2_ST_OUT_SEIZE) | S(CC_R2_ST_IN_MF) | S(CC_R2_ST_IDLE) },
	[CC_R2_ST_BLOCKED] = { "BLOCKED", AB_ACK, S(CC_R2_ST_IDLE) },
	[CC_R2_ST_REMOTE_BLOCKED] = { "REMOTE_BLOCKED", AB_IDLE,
				      S(CC_R2_ST_IDLE) | S(CC_R2_ST_IN_MF) | S(CC_R2_ST_BLOCKED) },
	[CC_R2_ST_OUT_SEIZE] = { "OUT_SEIZE", AB_SEIZE,
				 S(CC_R2_ST_OUT_MF) | S(CC_R2_ST_OUT_CLEAR_FWD) |
					 S(CC_R2_ST_FAULT) | S(CC_R2_ST_IDLE) },
	[CC_R2_ST_OUT_MF] = { "OUT_MF", AB_SEIZE,
			      S(CC_R2_ST_OUT_WAIT_ANSWER) | S(CC_R2_ST_OUT_ANSWERED) |
				      S(CC_R2_ST_OUT_CLEAR_FWD) | S(CC_R2_ST_IDLE) },
	[CC_R2_ST_OUT_WAIT_ANSWER] = { "OUT_WAIT_ANSWER", AB_SEIZE,
				       S(CC_R2_ST_OUT_ANSWERED) | S(CC_R2_ST_OUT_CLEAR_FWD) |
					       S(CC_R2_ST_IDLE) },
	[CC_R2_ST_OUT_ANSWERED] = { "OUT_ANSWERED", AB_SEIZE,
				    S(CC_R2_ST_OUT_CLEAR_FWD) | S(CC_R2_ST_IDLE) },
	[CC_R2_ST_OUT_CLEAR_FWD] = { "OUT_CLEAR_FWD", AB_IDLE,
				     S(CC_R2_ST_IDLE) | S(CC_R2_ST_FAULT) },
	[CC_R2_ST_IN_MF] = { "IN_MF", AB_ACK,
			     S(CC_R2_ST_IN_WAIT_ANSWER) | S(CC_R2_ST_IN_WAIT_CLEAR) |
				     S(CC_R2_ST_IDLE) },
	[CC_R2_ST_IN_WAIT_ANSWER] = { "IN_WAIT_ANSWER", AB_ACK,
				      S(CC_R2_ST_IN_ANSWERED) | S(CC_R2_ST_IN_WAIT_CLEAR) |
					      S(CC_R2_ST_IDLE) },
	[CC_R2_ST_IN_ANSWERED] = { "IN_ANSWERED", AB_ANSWER,
				   S(CC_R2_ST_IN_CLEAR_BACK) | S(CC_R2_ST_IDLE) },
	[CC_R2_ST_IN_CLEAR_BACK] = { "IN_CLEAR_BACK", AB_ACK, S(CC_R2_ST_IDLE) },
	[CC_R2_ST_IN_WAIT_CLEAR] = { "IN_WAIT_CLEAR", AB_ACK, S(CC_R2_ST_IDLE) },
	[CC_R2_ST_FAULT] = { "FAULT", AB_IDLE, S(CC_R2_ST_IDLE) },
	/* ALARM is entered from any state (cc_r2_chan_alarm(), checked there) */
	[CC_R2_ST_ALARM] = { "ALARM", AB_IDLE, S(CC_R2_ST_IDLE) | S(CC_R2_ST_BLOCKED) },
};

static const char *const mf_names[CC_R2_MF__COUNT] = {
	[CC_R2_MF_NONE] = "-",
	[CC_R2_MF_OUT_SEND] = "OUT_SEND",
	[CC_R2_MF_OUT_WAIT_OFF] = "OUT_WAIT_OFF",
	[CC_R2_MF_OUT_WAIT_PULSE] = "OUT_WAIT_PULSE",
	[CC_R2_MF_IN_WAIT_FWD] = "IN_WAIT_FWD",
	[CC_R2_MF_IN_WAIT_FWD_OFF] = "IN_WAIT_FWD_OFF",
	[CC_R2_MF_IN_WAIT_ACCEPT] = "IN_WAIT_ACCEPT",
};

static const char *const ev_names[CC_R2_EV__COUNT] = {
	[CC_R2_EV_OFFERED] = "OFFERED",	  [CC_R2_EV_PROCEEDING] = "PROCEEDING",
	[CC_R2_EV_ANSWERED] = "ANSWERED", [CC_R2_EV_RELEASED] = "RELEASED",
	[CC_R2_EV_IDLE] = "IDLE",	  [CC_R2_EV_BLOCKED] = "BLOCKED",
	[CC_R2_EV_ALARM] = "ALARM",
};

static const char *const cause_names[CC_R2_CAUSE__COUNT] = {
	[CC_R2_CAUSE_NONE] = "none",
	[CC_R2_CAUSE_NORMAL] = "normal",
	[CC_R2_CAUSE_BUSY] = "busy",
	[CC_R2_CAUSE_CONGESTION] = "congestion",
	[CC_R2_CAUSE_UNALLOCATED] = "unallocated",
	[CC_R2_CAUSE_OUT_OF_ORDER] = "out-of-order",
	[CC_R2_CAUSE_DOUBLE_SEIZURE] = "double-seizure",
	[CC_R2_CAUSE_TIMEOUT] = "timeout",
	[CC_R2_CAUSE_PROTOCOL] = "protocol",
	[CC_R2_CAUSE_ALARM] = "alarm",
};

/* Q.850 cause values (ITU-T Q.850 Table 1), the vocabulary of the SS7 call events */
static const uint8_t cause_q850[CC_R2_CAUSE__COUNT] = {
	[CC_R2_CAUSE_NONE] = 16,	   /* normal call clearing */
	[CC_R2_CAUSE_NORMAL] = 16,	   /* normal call clearing */
	[CC_R2_CAUSE_BUSY] = 17,	   /* user busy */
	[CC_R2_CAUSE_CONGESTION] = 34,	   /* no circuit/channel available */
	[CC_R2_CAUSE_UNALLOCATED] = 1,	   /* unallocated (unassigned) number */
	[CC_R2_CAUSE_OUT_OF_ORDER] = 27,   /* destination out of order */
	[CC_R2_CAUSE_DOUBLE_SEIZURE] = 44, /* requested circuit/channel not available */
	[CC_R2_CAUSE_TIMEOUT] = 102,	   /* recovery on timer expiry */
	[CC_R2_CAUSE_PROTOCOL] = 111,	   /* protocol error, unspecified */
	[CC_R2_CAUSE_ALARM] = 38,	   /* network out of order (as SS7 on linkset failure) */
};

uint8_t cc_r2_cause_q850(enum cc_r2_cause c)
{
	return (unsigned int)c < CC_R2_CAUSE__COUNT ? cause_q850[c] : 111;
}

const char *cc_r2_st_name(enum cc_r2_st st)
{
	return (unsigned int)st < CC_R2_ST__COUNT ? st_tab[st].name : "?";
}

const char *cc_r2_mf_st_name(enum cc_r2_mf_st st)
{
	return (unsigned int)st < CC_R2_MF__COUNT ? mf_names[st] : "?";
}

const char *cc_r2_ev_name(enum cc_r2_ev_type ev)
{
	return (unsigned int)ev < CC_R2_EV__COUNT ? ev_names[ev] : "?";
}

const char *cc_r2_cause_name(enum cc_r2_cause c)
{
	return (unsigned int)c < CC_R2_CAUSE__COUNT ? cause_names[c] : "?";
}

/* ---------------------------------------------------------------- helpers */

static void tx_line(struct cc_r2_chan *ch, uint8_t ab)
{
	ch->tx_ab = ab;
	if (ch->ops.tx_abcd)
		ch->ops.tx_abcd(ch->priv, (uint8_t)(ab << 2 | ch->var->cd_bits));
}

static void mf_send(struct cc_r2_chan *ch, int sig)
{
	ch->tx_sig = sig;
	if (ch->ops.tx_mf)
		ch->ops.tx_mf(ch->priv, sig, 0);
}

static void mf_stop(struct cc_r2_chan *ch)
{
	if (ch->tx_sig && ch->ops.tx_mf)
		ch->ops.tx_mf(ch->priv, 0, 0);
	ch->tx_sig = 0;
}

static void mf_pulse(struct cc_r2_chan *ch, int sig)
{
	if (ch->ops.tx_mf)
		ch->ops.tx_mf(ch->priv, sig, (int)ch->t_ms[CC_R2_T_PULSE]);
}

static void emit(struct cc_r2_chan *ch, enum cc_r2_ev_type type, enum cc_r2_cause cause)
{
	struct cc_r2_ev ev = { .type = type, .cause = cause, .info = &ch->info };

	if (ch->ops.event)
		ch->ops.event(ch->priv, ch, &ev);
}

static void arm(struct cc_r2_chan *ch, enum cc_r2_timer t, uint64_t now)
{
	ch->deadline_t = t;
	ch->deadline = t == NO_TIMER ? UINT64_MAX : now + ch->t_ms[t];
}

static void st_chg(struct cc_r2_chan *ch, enum cc_r2_st st, enum cc_r2_timer t, uint64_t now)
{
	CC_ASSERT(st_tab[ch->st].out & S(st));
	ch->st = st;
	if (st != CC_R2_ST_OUT_MF && st != CC_R2_ST_IN_MF)
		ch->mf = CC_R2_MF_NONE;
	arm(ch, t, now);
}

static void mf_chg(struct cc_r2_chan *ch, enum cc_r2_mf_st mf, enum cc_r2_timer t, uint64_t now)
{
	ch->mf = mf;
	arm(ch, t, now);
}

static void reset_call(struct cc_r2_chan *ch)
{
	memset(&ch->info, 0, sizeof(ch->info));
	ch->phase = PH_CALLED;
	ch->called_idx = ch->calling_idx = 0;
	ch->category_sent = ch->calling_done = ch->group_b = ch->end_called_sent = false;
	ch->called_complete = ch->calling_asked = false;
	ch->b_pending = CC_R2_B_INVALID;
	ch->last_sig = 0;
	/* A tone whose end was never seen (the answer overtook the B signal's end) must
	 * not mask the same signal starting in the next call. */
	ch->rx_sig = 0;
}

static void go_idle(struct cc_r2_chan *ch, uint64_t now)
{
	mf_stop(ch);
	st_chg(ch, CC_R2_ST_IDLE, NO_TIMER, now);
	if (ch->tx_ab != AB_IDLE)
		tx_line(ch, AB_IDLE);
	reset_call(ch);
	emit(ch, CC_R2_EV_IDLE, CC_R2_CAUSE_NONE);
	if (ch->rx_ab == AB_ACK && ch->st == CC_R2_ST_IDLE) {
		st_chg(ch, CC_R2_ST_REMOTE_BLOCKED, NO_TIMER, now);
		emit(ch, CC_R2_EV_BLOCKED, CC_R2_CAUSE_NONE);
	}
}

/* Outgoing: send clear-forward; idle at once if the backward side already is. */
static void clear_forward(struct cc_r2_chan *ch, uint64_t now)
{
	mf_stop(ch);
	tx_line(ch, AB_IDLE);
	if (ch->rx_ab == AB_IDLE)
		go_idle(ch, now);
	else
		st_chg(ch, CC_R2_ST_OUT_CLEAR_FWD, CC_R2_T_RELEASE, now);
}

static void out_fail(struct cc_r2_chan *ch, enum cc_r2_cause cause, uint64_t now)
{
	emit(ch, CC_R2_EV_RELEASED, cause);
	clear_forward(ch, now);
}

/* Incoming: clear-forward received; answer with idle (release guard) and go idle. */
static void in_release(struct cc_r2_chan *ch, uint64_t now)
{
	mf_stop(ch);
	emit(ch, CC_R2_EV_RELEASED, CC_R2_CAUSE_NORMAL);
	tx_line(ch, AB_IDLE);
	go_idle(ch, now);
}

static int digit_sig(char d)
{
	return d == '0' ? 10 : d - '0';
}

static char sig_digit(int s)
{
	return s == 10 ? '0' : (char)('0' + s);
}

static bool digits_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* ---------------------------------------------------------------- outgoing register */

static int out_next_called(struct cc_r2_chan *ch)
{
	if (ch->info.called[ch->called_idx])
		return digit_sig(ch->info.called[ch->called_idx++]);
	if (ch->var->i_end_called && !ch->end_called_sent) {
		ch->end_called_sent = true;
		return ch->var->i_end_called;
	}
	return 0;
}

static int out_next_calling(struct cc_r2_chan *ch)
{
	if (ch->info.calling[ch->calling_idx])
		return digit_sig(ch->info.calling[ch->calling_idx++]);
	if (ch->calling_done)
		return 0;
	ch->calling_done = true;
	if (!ch->info.calling_available && ch->var->i_calling_unavail)
		return ch->var->i_calling_unavail;
	return ch->var->i_end_calling;
}

static void out_act(struct cc_r2_chan *ch, int sig, uint64_t now)
{
	int s = 0;

	if (ch->group_b) {
		switch (ch->var->b[sig]) {
		case CC_R2_B_FREE_CHARGE:
		case CC_R2_B_FREE_NO_CHARGE:
			st_chg(ch, CC_R2_ST_OUT_WAIT_ANSWER, CC_R2_T_ANSWER, now);
			emit(ch, CC_R2_EV_PROCEEDING, CC_R2_CAUSE_NONE);
			return;
		case CC_R2_B_BUSY:
			out_fail(ch, CC_R2_CAUSE_BUSY, now);
			return;
		case CC_R2_B_CONGESTION:
			out_fail(ch, CC_R2_CAUSE_CONGESTION, now);
			return;
		case CC_R2_B_UNALLOCATED:
			out_fail(ch, CC_R2_CAUSE_UNALLOCATED, now);
			return;
		case CC_R2_B_OUT_OF_ORDER:
			out_fail(ch, CC_R2_CAUSE_OUT_OF_ORDER, now);
			return;
		default:
			ch->stats.rx_mf_unexpected++;
			out_fail(ch, CC_R2_CAUSE_PROTOCOL, now);
			return;
		}
	}
	switch (ch->var->a[sig]) {
	case CC_R2_A_NEXT_DIGIT:
		s = ch->category_sent && !ch->calling_done ? out_next_calling(ch)
							   : out_next_called(ch);
		break;
	case CC_R2_A_NEXT_CALLED:
		s = out_next_called(ch);
		break;
	case CC_R2_A_CATEGORY:
		if (!ch->category_sent) {
			ch->category_sent = true;
			s = ch->info.category;
		} else {
			s = out_next_calling(ch);
		}
		break;
	case CC_R2_A_N_MINUS_1:
	case CC_R2_A_N_MINUS_2:
	case CC_R2_A_N_MINUS_3: {
		int back = ch->var->a[sig] == CC_R2_A_N_MINUS_1	  ? 2
			   : ch->var->a[sig] == CC_R2_A_N_MINUS_2 ? 3
								  : 4;

		ch->called_idx = ch->called_idx >= back ? ch->called_idx - back : 0;
		ch->end_called_sent = false;
		s = out_next_called(ch);
		break;
	}
	case CC_R2_A_RESEND_FIRST:
		ch->called_idx = 0;
		ch->end_called_sent = false;
		s = out_next_called(ch);
		break;
	case CC_R2_A_CHANGE_TO_B:
		ch->group_b = true;
		s = ch->info.kd;
		break;
	case CC_R2_A_SPEECH:
		st_chg(ch, CC_R2_ST_OUT_WAIT_ANSWER, CC_R2_T_ANSWER, now);
		emit(ch, CC_R2_EV_PROCEEDING, CC_R2_CAUSE_NONE);
		return;
	case CC_R2_A_CONGESTION:
		out_fail(ch, CC_R2_CAUSE_CONGESTION, now);
		return;
	case CC_R2_A_UNALLOCATED:
		out_fail(ch, CC_R2_CAUSE_UNALLOCATED, now);
		return;
	default:
		ch->stats.rx_mf_unexpected++;
		out_fail(ch, CC_R2_CAUSE_PROTOCOL, now);
		return;
	}
	if (s) {
		mf_send(ch, s);
		mf_chg(ch, CC_R2_MF_OUT_SEND, CC_R2_T_MF, now);
	} else {
		mf_chg(ch, CC_R2_MF_OUT_WAIT_PULSE, CC_R2_T_PULSE_WAIT, now);
	}
}

static void out_mf(struct cc_r2_chan *ch, int sig, uint64_t now)
{
	if (sig && !(ch->var->bwd_signals & S(sig))) {
		ch->stats.rx_mf_bad_signal++; /* e.g. A7+ in China: not a China signal */
		return;
	}
	switch (ch->mf) {
	case CC_R2_MF_OUT_SEND:
	case CC_R2_MF_OUT_WAIT_PULSE:
		if (!sig)
			return;
		mf_stop(ch);
		ch->last_sig = sig;
		mf_chg(ch, CC_R2_MF_OUT_WAIT_OFF, CC_R2_T_MF, now);
		return;
	case CC_R2_MF_OUT_WAIT_OFF:
		if (sig) {
			ch->stats.rx_mf_unexpected++;
			return;
		}
		out_act(ch, ch->last_sig, now);
		return;
	default:
		ch->stats.rx_mf_unexpected++;
		return;
	}
}

/* ---------------------------------------------------------------- incoming register */

static void in_reply(struct cc_r2_chan *ch, int sig, uint64_t now)
{
	mf_send(ch, sig);
	mf_chg(ch, CC_R2_MF_IN_WAIT_FWD_OFF, CC_R2_T_MF, now);
}

/* Called number complete: ask for the calling number or change to group B. */
static int in_after_called(struct cc_r2_chan *ch)
{
	if (ch->cfg.want_calling && !ch->calling_asked) {
		ch->calling_asked = true;
		ch->phase = PH_CATEGORY;
		return ch->var->a_category;
	}
	ch->phase = PH_KD;
	return ch->var->a_change_to_b;
}

static void in_fwd_signal(struct cc_r2_chan *ch, int sig, uint64_t now)
{
	size_t n;

	switch (ch->phase) {
	case PH_CALLED:
		n = strlen(ch->info.called);
		if (sig >= 1 && sig <= 10 && n < CC_R2_NUM_MAX) {
			ch->info.called[n++] = sig_digit(sig);
		} else if (ch->var->i_end_called && sig == ch->var->i_end_called) {
			ch->called_complete = true;
		} else {
			ch->stats.rx_mf_unexpected++;
			ch->phase = PH_FAILED;
			in_reply(ch, ch->var->a_congestion, now);
			return;
		}
		if (ch->cfg.called_len && (int)n >= ch->cfg.called_len)
			ch->called_complete = true;
		if (ch->cfg.want_calling && !ch->calling_asked && !ch->called_complete &&
		    ch->cfg.calling_after && (int)n == ch->cfg.calling_after) {
			ch->calling_asked = true;
			ch->phase = PH_CATEGORY;
			in_reply(ch, ch->var->a_category, now);
			return;
		}
		in_reply(ch, ch->called_complete ? in_after_called(ch) : ch->var->a_next_called,
			 now);
		return;
	case PH_CATEGORY:
		ch->info.category = sig;
		ch->phase = PH_CALLING;
		in_reply(ch, ch->var->a_next_calling, now);
		return;
	case PH_CALLING:
		n = strlen(ch->info.calling);
		if (sig >= 1 && sig <= 10 && n < CC_R2_NUM_MAX) {
			ch->info.calling[n] = sig_digit(sig);
			in_reply(ch, ch->var->a_next_calling, now);
			return;
		}
		if (sig == ch->var->i_end_calling ||
		    (ch->var->i_calling_unavail && sig == ch->var->i_calling_unavail)) {
			ch->calling_done = true;
			ch->info.calling_restricted = sig != ch->var->i_end_calling;
			ch->info.calling_available = n > 0 && !ch->info.calling_restricted;
			if (ch->called_complete) {
				in_reply(ch, in_after_called(ch), now);
			} else {
				ch->phase = PH_CALLED;
				in_reply(ch, ch->var->a_next_called, now);
			}
			return;
		}
		ch->stats.rx_mf_unexpected++;
		ch->phase = PH_FAILED;
		in_reply(ch, ch->var->a_congestion, now);
		return;
	case PH_KD:
		ch->info.kd = sig;
		ch->phase = PH_DONE;
		mf_chg(ch, CC_R2_MF_IN_WAIT_ACCEPT, CC_R2_T_ACCEPT, now);
		emit(ch, CC_R2_EV_OFFERED, CC_R2_CAUSE_NONE);
		return;
	default:
		ch->stats.rx_mf_unexpected++;
		return;
	}
}

static void in_mf(struct cc_r2_chan *ch, int sig, uint64_t now)
{
	switch (ch->mf) {
	case CC_R2_MF_IN_WAIT_FWD:
		if (sig)
			in_fwd_signal(ch, sig, now);
		return;
	case CC_R2_MF_IN_WAIT_FWD_OFF:
		if (sig) {
			ch->stats.rx_mf_unexpected++;
			return;
		}
		mf_stop(ch);
		if (ch->phase == PH_FAILED) {
			st_chg(ch, CC_R2_ST_IN_WAIT_CLEAR, NO_TIMER, now);
		} else if (ch->phase == PH_DONE) {
			bool ok = ch->b_pending == CC_R2_B_FREE_CHARGE ||
				  ch->b_pending == CC_R2_B_FREE_NO_CHARGE;

			st_chg(ch, ok ? CC_R2_ST_IN_WAIT_ANSWER : CC_R2_ST_IN_WAIT_CLEAR, NO_TIMER,
			       now);
		} else {
			mf_chg(ch, CC_R2_MF_IN_WAIT_FWD,
			       ch->phase == PH_CALLED || ch->phase == PH_CALLING ? CC_R2_T_DIGIT
										 : CC_R2_T_MF,
			       now);
		}
		return;
	case CC_R2_MF_IN_WAIT_ACCEPT:
		if (!sig) { /* the forward side gave up on us */
			ch->stats.rx_mf_unexpected++;
			st_chg(ch, CC_R2_ST_IN_WAIT_CLEAR, NO_TIMER, now);
		}
		return;
	default:
		ch->stats.rx_mf_unexpected++;
		return;
	}
}

/* ---------------------------------------------------------------- timers */

static void on_timeout(struct cc_r2_chan *ch, uint64_t now)
{
	enum cc_r2_timer t = ch->deadline_t;

	ch->stats.timeouts++;
	arm(ch, NO_TIMER, now);
	switch (ch->st) {
	case CC_R2_ST_OUT_SEIZE:
	case CC_R2_ST_OUT_MF:
	case CC_R2_ST_OUT_WAIT_ANSWER:
		out_fail(ch, CC_R2_CAUSE_TIMEOUT, now);
		return;
	case CC_R2_ST_OUT_CLEAR_FWD:
		st_chg(ch, CC_R2_ST_FAULT, NO_TIMER, now);
		return;
	case CC_R2_ST_IN_MF:
		break;
	default:
		return;
	}
	/* Incoming register. */
	if (ch->mf == CC_R2_MF_IN_WAIT_ACCEPT) {
		int ret = cc_r2_chan_accept(ch, CC_R2_B_CONGESTION, now);

		CC_ASSERT(ret == 0);
		(void)ret;
		return;
	}
	if (ch->mf == CC_R2_MF_IN_WAIT_FWD_OFF) { /* forward tone stuck */
		mf_stop(ch);
		st_chg(ch, CC_R2_ST_IN_WAIT_CLEAR, NO_TIMER, now);
		return;
	}
	/* IN_WAIT_FWD: silence from the forward register. */
	int pulse = 0;

	if (t == CC_R2_T_DIGIT && ch->phase == PH_CALLED && ch->info.called[0]) {
		ch->called_complete = true; /* China: no end-of-number signal */
		pulse = in_after_called(ch);
	} else if (t == CC_R2_T_DIGIT && ch->phase == PH_CALLING) {
		/* Far end never sent (the rest of) the calling number. */
		ch->calling_done = true;
		ch->info.calling[0] = 0;
		ch->info.calling_available = false;
		if (ch->called_complete) {
			pulse = in_after_called(ch);
		} else {
			ch->phase = PH_CALLED;
			pulse = ch->var->a_next_called;
		}
	}
	if (pulse) {
		mf_pulse(ch, pulse);
		mf_chg(ch, CC_R2_MF_IN_WAIT_FWD, CC_R2_T_MF, now);
		ch->deadline += ch->t_ms[CC_R2_T_PULSE];
		return;
	}
	mf_pulse(ch, ch->var->a_congestion);
	st_chg(ch, CC_R2_ST_IN_WAIT_CLEAR, NO_TIMER, now);
}

/* ---------------------------------------------------------------- line signalling */

static void line_rx(struct cc_r2_chan *ch, uint8_t ab, uint64_t now)
{
	ch->rx_ab = ab;
	switch (ch->st) {
	case CC_R2_ST_IDLE:
	case CC_R2_ST_REMOTE_BLOCKED:
		if (ab == AB_SEIZE) {
			reset_call(ch);
			ch->stats.calls_in++;
			st_chg(ch, CC_R2_ST_IN_MF, NO_TIMER, now);
			tx_line(ch, AB_ACK);
			mf_chg(ch, CC_R2_MF_IN_WAIT_FWD, CC_R2_T_MF, now);
		} else if (ab == AB_ACK && ch->st == CC_R2_ST_IDLE) {
			st_chg(ch, CC_R2_ST_REMOTE_BLOCKED, NO_TIMER, now);
			emit(ch, CC_R2_EV_BLOCKED, CC_R2_CAUSE_NONE);
		} else if (ab == AB_IDLE && ch->st == CC_R2_ST_REMOTE_BLOCKED) {
			go_idle(ch, now);
		} else {
			ch->stats.rx_abcd_unexpected++;
		}
		return;
	case CC_R2_ST_BLOCKED:
		if (ab != AB_IDLE)
			ch->stats.rx_abcd_unexpected++;
		return;
	case CC_R2_ST_OUT_SEIZE:
		if (ab == AB_ACK) {
			int s;

			st_chg(ch, CC_R2_ST_OUT_MF, NO_TIMER, now);
			s = out_next_called(ch);
			mf_send(ch, s);
			mf_chg(ch, CC_R2_MF_OUT_SEND, CC_R2_T_MF, now);
		} else if (ab == AB_SEIZE) {
			ch->stats.double_seizures++;
			emit(ch, CC_R2_EV_RELEASED, CC_R2_CAUSE_DOUBLE_SEIZURE);
			tx_line(ch, AB_IDLE);
			st_chg(ch, CC_R2_ST_FAULT, NO_TIMER, now);
		} else if (ab == AB_ANSWER) {
			ch->stats.rx_abcd_unexpected++;
			out_fail(ch, CC_R2_CAUSE_PROTOCOL, now);
		}
		return;
	case CC_R2_ST_OUT_MF:
	case CC_R2_ST_OUT_WAIT_ANSWER:
		if (ab == AB_ANSWER) {
			/* The answer can overtake the end of the B signal (line bits are
			 * faster than MF tone-off recognition): act on the B signal first. */
			bool b_free = ch->st == CC_R2_ST_OUT_MF &&
				      ch->mf == CC_R2_MF_OUT_WAIT_OFF && ch->group_b &&
				      (ch->var->b[ch->last_sig] == CC_R2_B_FREE_CHARGE ||
				       ch->var->b[ch->last_sig] == CC_R2_B_FREE_NO_CHARGE);

			mf_stop(ch);
			if (b_free)
				emit(ch, CC_R2_EV_PROCEEDING, CC_R2_CAUSE_NONE);
			st_chg(ch, CC_R2_ST_OUT_ANSWERED, NO_TIMER, now);
			emit(ch, CC_R2_EV_ANSWERED, CC_R2_CAUSE_NONE);
		} else if (ab == AB_IDLE) {
			ch->stats.rx_abcd_unexpected++;
			out_fail(ch, CC_R2_CAUSE_NORMAL, now);
		} else if (ab == AB_SEIZE) {
			ch->stats.rx_abcd_unexpected++;
			out_fail(ch, CC_R2_CAUSE_PROTOCOL, now);
		}
		return;
	case CC_R2_ST_OUT_ANSWERED:
		if (ab == AB_ACK || ab == AB_IDLE) { /* clear-back */
			out_fail(ch, CC_R2_CAUSE_NORMAL, now);
		} else if (ab == AB_SEIZE) {
			ch->stats.rx_abcd_unexpected++;
			out_fail(ch, CC_R2_CAUSE_PROTOCOL, now);
		}
		return;
	case CC_R2_ST_OUT_CLEAR_FWD:
	case CC_R2_ST_FAULT:
		if (ab == AB_IDLE)
			go_idle(ch, now);
		return;
	case CC_R2_ST_IN_MF:
	case CC_R2_ST_IN_WAIT_ANSWER:
	case CC_R2_ST_IN_ANSWERED:
	case CC_R2_ST_IN_CLEAR_BACK:
	case CC_R2_ST_IN_WAIT_CLEAR:
		if (ab == AB_IDLE)
			in_release(ch, now);
		else if (ab != AB_SEIZE)
			ch->stats.rx_abcd_unexpected++;
		return;
	case CC_R2_ST_ALARM:
		return; /* not reached: cc_r2_chan_rx_abcd() ignores the line in alarm */
	default:
		CC_ASSERT(0);
	}
}

/* ---------------------------------------------------------------- API */

int cc_r2_chan_init(struct cc_r2_chan *ch, const struct cc_r2_cfg *cfg, const struct cc_r2_ops *ops,
		    void *priv, uint64_t now_ms)
{
	if (!cfg || !ops || (unsigned int)cfg->variant >= CC_R2_VAR__COUNT || cfg->called_len < 0 ||
	    cfg->called_len > CC_R2_NUM_MAX || cfg->calling_after < 0 ||
	    cfg->calling_after > CC_R2_NUM_MAX)
		return -EINVAL;
	for (int t = 0; t < CC_R2_T__COUNT; t++)
		if (cfg->timer_ms[t] && (cfg->timer_ms[t] < timer_defs[t].min_ms ||
					 cfg->timer_ms[t] > timer_defs[t].max_ms))
			return -EINVAL;
	memset(ch, 0, sizeof(*ch));
	ch->cfg = *cfg;
	ch->var = &variants[cfg->variant];
	ch->ops = *ops;
	ch->priv = priv;
	for (int t = 0; t < CC_R2_T__COUNT; t++)
		ch->t_ms[t] = cfg->timer_ms[t] ? cfg->timer_ms[t] : timer_defs[t].def_ms;
	ch->st = CC_R2_ST_IDLE;
	ch->rx_ab = ch->rx_raw = AB_IDLE;
	ch->deadline = UINT64_MAX;
	ch->deadline_t = NO_TIMER;
	reset_call(ch);
	tx_line(ch, AB_IDLE);
	(void)now_ms;
	return 0;
}

uint64_t cc_r2_chan_next_deadline(const struct cc_r2_chan *ch)
{
	uint64_t d = ch->deadline;

	if (ch->rx_pending_on && ch->rx_pending_since + ch->t_ms[CC_R2_T_DEBOUNCE] < d)
		d = ch->rx_pending_since + ch->t_ms[CC_R2_T_DEBOUNCE];
	return d;
}

void cc_r2_chan_tick(struct cc_r2_chan *ch, uint64_t now_ms)
{
	if (ch->rx_pending_on && now_ms >= ch->rx_pending_since + ch->t_ms[CC_R2_T_DEBOUNCE]) {
		ch->rx_pending_on = false;
		line_rx(ch, ch->rx_pending, now_ms);
		CC_ASSERT(cc_r2_chan_check(ch));
	}
	if (now_ms >= ch->deadline) {
		on_timeout(ch, now_ms);
		CC_ASSERT(cc_r2_chan_check(ch));
	}
}

int cc_r2_chan_rx_abcd(struct cc_r2_chan *ch, uint8_t abcd, uint64_t now_ms)
{
	uint8_t ab;

	if (abcd > 0xF)
		return -EINVAL;
	if ((abcd & 0x3) != ch->var->cd_bits)
		ch->stats.rx_abcd_bad_cd++; /* counted, AB still used (C/D carry no state) */
	ab = abcd >> 2;
	ch->rx_raw = ab;
	if (ch->st == CC_R2_ST_ALARM)
		return 0; /* bits are frozen or meaningless: taken up when the alarm clears */
	if (ab == ch->rx_ab) {
		ch->rx_pending_on = false;
		return 0;
	}
	if (!ch->rx_pending_on || ch->rx_pending != ab) {
		ch->rx_pending_on = true;
		ch->rx_pending = ab;
		ch->rx_pending_since = now_ms;
	}
	cc_r2_chan_tick(ch, now_ms);
	return 0;
}

int cc_r2_chan_rx_mf(struct cc_r2_chan *ch, int signal, uint64_t now_ms)
{
	if (signal < 0 || signal > 15) {
		ch->stats.rx_mf_bad_signal++;
		return -EINVAL;
	}
	if (signal == ch->rx_sig)
		return 0;
	if (signal && ch->rx_sig) /* changed without a gap: an end, then a start */
		cc_r2_chan_rx_mf(ch, 0, now_ms);
	ch->rx_sig = signal;
	if (ch->st == CC_R2_ST_OUT_MF)
		out_mf(ch, signal, now_ms);
	else if (ch->st == CC_R2_ST_IN_MF)
		in_mf(ch, signal, now_ms);
	else if (signal)
		ch->stats.rx_mf_unexpected++;
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

int cc_r2_chan_make_call(struct cc_r2_chan *ch, const char *called, const char *calling,
			 int category, int kd, uint64_t now_ms)
{
	if (!called || !called[0] || !digits_ok(called, CC_R2_NUM_MAX) ||
	    (calling && !digits_ok(calling, CC_R2_NUM_MAX)) || category < 0 || category > 15 ||
	    kd < 0 || kd > 15)
		return -EINVAL;
	if (ch->st == CC_R2_ST_ALARM)
		return -ENOLINK;
	if (ch->st != CC_R2_ST_IDLE || ch->rx_pending_on)
		return -EBUSY;
	reset_call(ch);
	strcpy(ch->info.called, called);
	if (calling)
		strcpy(ch->info.calling, calling);
	ch->info.calling_available = calling && calling[0];
	ch->info.category = category ? category : ch->var->def_category;
	ch->info.kd = kd ? kd : ch->var->def_kd;
	ch->stats.calls_out++;
	st_chg(ch, CC_R2_ST_OUT_SEIZE, CC_R2_T_SEIZE_ACK, now_ms);
	tx_line(ch, AB_SEIZE);
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

int cc_r2_chan_accept(struct cc_r2_chan *ch, enum cc_r2_b result, uint64_t now_ms)
{
	if (ch->st != CC_R2_ST_IN_MF || ch->mf != CC_R2_MF_IN_WAIT_ACCEPT)
		return -EPROTO;
	if ((unsigned int)result >= CC_R2_B__COUNT || !ch->var->b_send[result])
		return -EINVAL;
	ch->b_pending = result;
	in_reply(ch, ch->var->b_send[result], now_ms);
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

int cc_r2_chan_answer(struct cc_r2_chan *ch, uint64_t now_ms)
{
	if (ch->st != CC_R2_ST_IN_WAIT_ANSWER)
		return -EPROTO;
	st_chg(ch, CC_R2_ST_IN_ANSWERED, NO_TIMER, now_ms);
	tx_line(ch, AB_ANSWER);
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

int cc_r2_chan_hangup(struct cc_r2_chan *ch, uint64_t now_ms)
{
	switch (ch->st) {
	case CC_R2_ST_OUT_SEIZE:
	case CC_R2_ST_OUT_MF:
	case CC_R2_ST_OUT_WAIT_ANSWER:
	case CC_R2_ST_OUT_ANSWERED:
		out_fail(ch, CC_R2_CAUSE_NORMAL, now_ms);
		break;
	case CC_R2_ST_IN_ANSWERED:
		st_chg(ch, CC_R2_ST_IN_CLEAR_BACK, NO_TIMER, now_ms);
		tx_line(ch, AB_ACK);
		break;
	case CC_R2_ST_IN_WAIT_ANSWER:
		/* No backward clear before answer: the forward side must release. */
		st_chg(ch, CC_R2_ST_IN_WAIT_CLEAR, NO_TIMER, now_ms);
		break;
	case CC_R2_ST_IN_MF:
		if (ch->mf == CC_R2_MF_IN_WAIT_ACCEPT)
			return cc_r2_chan_accept(ch, CC_R2_B_CONGESTION, now_ms);
		return -EPROTO;
	default:
		return -EPROTO;
	}
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

int cc_r2_chan_block(struct cc_r2_chan *ch, uint64_t now_ms)
{
	if (ch->st != CC_R2_ST_IDLE && ch->st != CC_R2_ST_REMOTE_BLOCKED)
		return -EBUSY;
	st_chg(ch, CC_R2_ST_BLOCKED, NO_TIMER, now_ms);
	tx_line(ch, AB_ACK);
	return 0;
}

int cc_r2_chan_unblock(struct cc_r2_chan *ch, uint64_t now_ms)
{
	if (ch->st != CC_R2_ST_BLOCKED)
		return -EBUSY;
	go_idle(ch, now_ms);
	if (ch->st == CC_R2_ST_IDLE && ch->rx_ab == AB_SEIZE)
		line_rx(ch, AB_SEIZE, now_ms);
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

int cc_r2_chan_alarm(struct cc_r2_chan *ch, bool on, uint64_t now_ms)
{
	if (on == (ch->st == CC_R2_ST_ALARM))
		return 0;
	if (on) {
		switch (ch->st) {
		case CC_R2_ST_OUT_SEIZE:
		case CC_R2_ST_OUT_MF:
		case CC_R2_ST_OUT_WAIT_ANSWER:
		case CC_R2_ST_OUT_ANSWERED:
		case CC_R2_ST_IN_MF:
		case CC_R2_ST_IN_WAIT_ANSWER:
		case CC_R2_ST_IN_ANSWERED:
		case CC_R2_ST_IN_CLEAR_BACK:
		case CC_R2_ST_IN_WAIT_CLEAR:
			/* a call is up and its RELEASED has not been reported yet */
			emit(ch, CC_R2_EV_RELEASED, CC_R2_CAUSE_ALARM);
			break;
		default:
			break;
		}
		ch->alarm_blocked = ch->st == CC_R2_ST_BLOCKED;
		mf_stop(ch);
		ch->rx_pending_on = false;
		ch->rx_sig = 0;
		/* not through st_chg(): ALARM is reachable from every state */
		ch->st = CC_R2_ST_ALARM;
		ch->mf = CC_R2_MF_NONE;
		arm(ch, NO_TIMER, now_ms);
		if (ch->tx_ab != AB_IDLE)
			tx_line(ch, AB_IDLE);
		reset_call(ch);
		emit(ch, CC_R2_EV_ALARM, CC_R2_CAUSE_ALARM);
		CC_ASSERT(cc_r2_chan_check(ch));
		return 0;
	}
	/* The far end was idled by the same alarm; what it sends now is debounced anew
	 * (set up first, so that make_call() from the IDLE callback sees it). */
	ch->rx_ab = AB_IDLE;
	if (ch->rx_raw != ch->rx_ab) {
		ch->rx_pending_on = true;
		ch->rx_pending = ch->rx_raw;
		ch->rx_pending_since = now_ms;
	}
	if (ch->alarm_blocked) {
		ch->alarm_blocked = false;
		st_chg(ch, CC_R2_ST_BLOCKED, NO_TIMER, now_ms);
		tx_line(ch, AB_ACK);
	} else {
		go_idle(ch, now_ms);
	}
	CC_ASSERT(cc_r2_chan_check(ch));
	return 0;
}

bool cc_r2_chan_check(const struct cc_r2_chan *ch)
{
	if ((unsigned int)ch->st >= CC_R2_ST__COUNT || (unsigned int)ch->mf >= CC_R2_MF__COUNT)
		return false;
	if (ch->tx_ab != st_tab[ch->st].tx_ab)
		return false;
	if ((ch->mf != CC_R2_MF_NONE) != (ch->st == CC_R2_ST_OUT_MF || ch->st == CC_R2_ST_IN_MF))
		return false;
	if (ch->tx_sig && ch->mf != CC_R2_MF_OUT_SEND && ch->mf != CC_R2_MF_IN_WAIT_FWD_OFF)
		return false;
	if ((ch->st == CC_R2_ST_IDLE || ch->st == CC_R2_ST_ALARM) && ch->deadline != UINT64_MAX)
		return false;
	if (ch->st == CC_R2_ST_ALARM && (ch->rx_pending_on || ch->tx_sig))
		return false;
	return strlen(ch->info.called) <= CC_R2_NUM_MAX &&
	       strlen(ch->info.calling) <= CC_R2_NUM_MAX;
}
