/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/r2.h - R2 signalling (China No.1 and ITU-T Q.421/Q.441) per
 * E1 CAS channel: line signalling and compelled MFC register signalling.
 *
 * Sans-I/O: the channel takes received ABCD bits, received MF signals (from a
 * cc_r2mf_rx, as ON n / OFF) and application commands, each with the current
 * time in ms; it acts through the ops callbacks (send ABCD, start/stop/pulse
 * an MF signal, report a call event).  Timers are deadlines: call
 * cc_r2_chan_tick() when cc_r2_chan_next_deadline() says so.  A DAHDI binding
 * is therefore thin: DAHDI_GETRXBITS / bit-change events -> rx_abcd,
 * tx_abcd -> DAHDI_SETTXBITS, audio -> cc_r2mf_rx -> rx_mf, tx_mf ->
 * cc_r2mf_tx -> write().
 *
 * Variants are data (struct cc_r2_variant): CAS idle bits, what each received
 * A/B signal means, which signals we send for each request.  Design, state
 * diagram, variant choices and their sources: doc/r2.md.
 *
 * Context: single-threaded per channel; callbacks run inside the calls that
 * cause them and may call back into the channel only through the command
 * functions (no _fini from a callback).
 */
#ifndef CALLCENTER_R2_H
#define CALLCENTER_R2_H

#include <callcenter/core.h>

#define CC_R2_ABCD_A  0x8
#define CC_R2_ABCD_B  0x4
#define CC_R2_ABCD_C  0x2
#define CC_R2_ABCD_D  0x1
#define CC_R2_NUM_MAX 31 /* digits of a called or calling number */

enum cc_r2_variant_id { CC_R2_VAR_ITU, CC_R2_VAR_CHINA, CC_R2_VAR__COUNT };

/* What a received group A signal asks the outgoing register to do. */
enum cc_r2_a {
	CC_R2_A_INVALID,
	CC_R2_A_NEXT_DIGIT,  /* China A1: next digit of the number being sent */
	CC_R2_A_NEXT_CALLED, /* ITU A1 */
	CC_R2_A_CATEGORY,  /* China A6 (KA, then calling number), ITU A5 (category, then calling) */
	CC_R2_A_N_MINUS_1, /* ITU A2 */
	CC_R2_A_N_MINUS_2, /* ITU A7 */
	CC_R2_A_N_MINUS_3, /* ITU A8 */
	CC_R2_A_RESEND_FIRST, /* China A2 (UNVERIFIED) */
	CC_R2_A_CHANGE_TO_B,  /* A3 */
	CC_R2_A_SPEECH,	      /* ITU A6: address complete, set up speech (no group B) */
	CC_R2_A_CONGESTION,   /* A4 */
	CC_R2_A_UNALLOCATED,  /* China A5 (UNVERIFIED) */
	CC_R2_A__COUNT
};

/* What a group B signal says about the called line. */
enum cc_r2_b {
	CC_R2_B_INVALID,
	CC_R2_B_FREE_CHARGE,
	CC_R2_B_FREE_NO_CHARGE,
	CC_R2_B_BUSY,
	CC_R2_B_CONGESTION,
	CC_R2_B_UNALLOCATED,
	CC_R2_B_OUT_OF_ORDER,
	CC_R2_B__COUNT
};

struct cc_r2_variant {
	const char *name;
	uint8_t cd_bits;      /* C and D of every ABCD we send: China 11, ITU 01 */
	uint16_t bwd_signals; /* mask of backward signals in use (bit n = signal n) */
	enum cc_r2_a a[16];   /* meaning of received A-n (outgoing register) */
	enum cc_r2_b b[16];   /* meaning of received B-n */
	/* Signals the incoming register sends. */
	uint8_t a_next_called, a_category, a_next_calling, a_change_to_b, a_congestion;
	uint8_t b_send[CC_R2_B__COUNT];
	/* Forward signals. */
	uint8_t i_end_called;	      /* 0: the variant has none (China) */
	uint8_t i_end_calling;	      /* end of identification */
	uint8_t i_calling_unavail;    /* calling number not available; 0: send i_end_calling */
	uint8_t def_category, def_kd; /* KA and KD (group II) we send by default */
};

CC_API const struct cc_r2_variant *cc_r2_variant_get(enum cc_r2_variant_id id);

enum cc_r2_timer {
	CC_R2_T_DEBOUNCE,   /* ABCD persistence before a change is recognised */
	CC_R2_T_SEIZE_ACK,  /* outgoing: seize -> seize-acknowledge */
	CC_R2_T_MF,	    /* any compelled step: tone on -> response, response -> tone off */
	CC_R2_T_DIGIT,	    /* incoming: no next forward tone -> number complete */
	CC_R2_T_PULSE,	    /* length of a pulsed backward signal */
	CC_R2_T_PULSE_WAIT, /* outgoing: no digits left, waiting for a pulsed A/B signal */
	CC_R2_T_ACCEPT,	    /* incoming: application's accept decision */
	CC_R2_T_ANSWER,	    /* outgoing: B free -> answer */
	CC_R2_T_RELEASE,    /* outgoing: clear-forward -> backward idle */
	CC_R2_T__COUNT
};

struct cc_r2_timer_def {
	uint32_t def_ms, min_ms, max_ms;
	const char *name, *desc;
};

CC_API const struct cc_r2_timer_def *cc_r2_timer_def(enum cc_r2_timer t);

enum cc_r2_st {
	CC_R2_ST_IDLE,
	CC_R2_ST_BLOCKED,	  /* we block (send 11 while idle) */
	CC_R2_ST_REMOTE_BLOCKED,  /* far end blocks (receive 11 while idle) */
	CC_R2_ST_OUT_SEIZE,	  /* sent seize, waiting for seize-acknowledge */
	CC_R2_ST_OUT_MF,	  /* outgoing register signalling */
	CC_R2_ST_OUT_WAIT_ANSWER, /* B free received */
	CC_R2_ST_OUT_ANSWERED,
	CC_R2_ST_OUT_CLEAR_FWD,	 /* sent clear-forward, waiting for backward idle */
	CC_R2_ST_IN_MF,		 /* seized, acknowledged, incoming register signalling */
	CC_R2_ST_IN_WAIT_ANSWER, /* B free sent, ringing */
	CC_R2_ST_IN_ANSWERED,
	CC_R2_ST_IN_CLEAR_BACK, /* we hung up after answer, waiting for clear-forward */
	CC_R2_ST_IN_WAIT_CLEAR, /* call refused or failed, waiting for clear-forward */
	CC_R2_ST_FAULT,		/* line out of step, waiting for the far end to idle */
	CC_R2_ST_ALARM,		/* E1 alarm (LOS, AIS, RAI...): no signalling until it clears */
	CC_R2_ST__COUNT
};

/* Register (MFC) sub-state. */
enum cc_r2_mf_st {
	CC_R2_MF_NONE,
	CC_R2_MF_OUT_SEND,	  /* our forward tone on, waiting for the backward tone */
	CC_R2_MF_OUT_WAIT_OFF,	  /* ours off, waiting for the backward tone to end */
	CC_R2_MF_OUT_WAIT_PULSE,  /* nothing to send, waiting for a pulsed signal */
	CC_R2_MF_IN_WAIT_FWD,	  /* waiting for the next forward tone */
	CC_R2_MF_IN_WAIT_FWD_OFF, /* our backward tone on, waiting for the forward tone to end */
	CC_R2_MF_IN_WAIT_ACCEPT,  /* KD received, call offered, forward tone held */
	CC_R2_MF__COUNT
};

enum cc_r2_cause {
	CC_R2_CAUSE_NONE,
	CC_R2_CAUSE_NORMAL, /* cleared by the far end or us */
	CC_R2_CAUSE_BUSY,
	CC_R2_CAUSE_CONGESTION,
	CC_R2_CAUSE_UNALLOCATED,
	CC_R2_CAUSE_OUT_OF_ORDER,
	CC_R2_CAUSE_DOUBLE_SEIZURE,
	CC_R2_CAUSE_TIMEOUT,
	CC_R2_CAUSE_PROTOCOL, /* unexpected line or MF signal */
	CC_R2_CAUSE_ALARM,    /* the E1 went into alarm during the call */
	CC_R2_CAUSE__COUNT
};

/* Same call events as the SS7 stack reports, so CTI does not care which trunk type. */
enum cc_r2_ev_type {
	CC_R2_EV_OFFERED,    /* incoming call: info complete; answer with cc_r2_chan_accept() */
	CC_R2_EV_PROCEEDING, /* outgoing: called party free (B signal), ringing */
	CC_R2_EV_ANSWERED,
	CC_R2_EV_RELEASED, /* the call is over (cause); the channel may still be releasing */
	CC_R2_EV_IDLE,	   /* channel back to idle */
	CC_R2_EV_BLOCKED,  /* far end blocked the channel */
	CC_R2_EV_ALARM,	   /* the line went into alarm (after RELEASED if a call was up) */
	CC_R2_EV__COUNT
};

struct cc_r2_call_info {
	char called[CC_R2_NUM_MAX + 1];
	char calling[CC_R2_NUM_MAX + 1];
	bool calling_available; /* false: "unavailable" (not sent, restricted, or timed out) */
	bool calling_restricted;
	int category; /* KA (China) / group II category (ITU), 0 if not received */
	int kd;	      /* KD (China) / group II after A3, 0 if not received */
};

struct cc_r2_ev {
	enum cc_r2_ev_type type;
	enum cc_r2_cause cause;
	const struct cc_r2_call_info *info; /* OFFERED and RELEASED (borrowed) */
};

struct cc_r2_chan;

struct cc_r2_ops {
	void (*tx_abcd)(void *priv, uint8_t abcd);
	/* signal 1-15 starts a tone (held until 0), pulse_ms > 0 sends a pulse */
	void (*tx_mf)(void *priv, int signal, int pulse_ms);
	void (*event)(void *priv, struct cc_r2_chan *ch, const struct cc_r2_ev *ev);
};

struct cc_r2_cfg {
	enum cc_r2_variant_id variant;
	uint32_t timer_ms[CC_R2_T__COUNT]; /* 0 = default */
	/* Incoming register: */
	int called_len;	   /* digits in a complete called number, 0 = unknown (timeout) */
	bool want_calling; /* ask for category and calling number */
	int calling_after; /* ask after this many called digits, 0 = when complete */
};

struct cc_r2_stats {
	uint32_t rx_abcd_bad_cd, rx_abcd_unexpected, rx_mf_unexpected, rx_mf_bad_signal;
	uint32_t timeouts, double_seizures, calls_in, calls_out;
};

struct cc_r2_chan {
	struct cc_r2_cfg cfg;
	const struct cc_r2_variant *var;
	struct cc_r2_ops ops;
	void *priv;
	uint32_t t_ms[CC_R2_T__COUNT];

	enum cc_r2_st st;
	enum cc_r2_mf_st mf;
	uint8_t tx_ab, rx_ab;	    /* A and B bits (0-3), as sent / as recognised */
	uint8_t rx_raw, rx_pending; /* latest raw AB, and the value being debounced */
	uint64_t rx_pending_since;
	bool rx_pending_on;
	uint64_t deadline; /* state timer, UINT64_MAX when none */
	enum cc_r2_timer deadline_t;

	/* register signalling */
	int rx_sig;   /* MF signal currently received (0: none) */
	int last_sig; /* signal whose end we wait for / just acted on */
	int tx_sig;   /* MF signal we are sending (0: none) */
	int phase;    /* register phase, see cc_r2.c */
	int called_idx, calling_idx;
	bool category_sent, calling_done, group_b, end_called_sent;
	bool called_complete, calling_asked;
	bool alarm_blocked;	/* in ALARM: was BLOCKED before, return there */
	enum cc_r2_b b_pending; /* incoming: accepted result to send */
	struct cc_r2_call_info info;
	struct cc_r2_stats stats;
};

/**
 * cc_r2_chan_init() - initialise a channel (idle, sends the idle ABCD)
 * @ch: caller storage
 * @cfg: configuration (copied); timers are checked against their ranges
 * @ops: callbacks (copied); @priv is passed to them
 * @now_ms: current time
 * Return: 0, or -EINVAL for a bad variant, timer or length.
 */
CC_API CC_MUST_CHECK int cc_r2_chan_init(struct cc_r2_chan *ch, const struct cc_r2_cfg *cfg,
					 const struct cc_r2_ops *ops, void *priv, uint64_t now_ms);

/** cc_r2_chan_rx_abcd() - received ABCD bits (raw, debounced here); Return: 0 or -EINVAL */
CC_API int cc_r2_chan_rx_abcd(struct cc_r2_chan *ch, uint8_t abcd, uint64_t now_ms);
/** cc_r2_chan_rx_mf() - received MF signal 1-15 starts, 0 ends; Return: 0 or -EINVAL */
CC_API int cc_r2_chan_rx_mf(struct cc_r2_chan *ch, int signal, uint64_t now_ms);
/** cc_r2_chan_tick() - run expired timers */
CC_API void cc_r2_chan_tick(struct cc_r2_chan *ch, uint64_t now_ms);
/** cc_r2_chan_next_deadline() - when to call cc_r2_chan_tick() next (UINT64_MAX: no timer) */
CC_API uint64_t cc_r2_chan_next_deadline(const struct cc_r2_chan *ch);

/**
 * cc_r2_chan_make_call() - originate: seize and send @called, category and @calling
 * @calling: NULL or "" when the calling number is not available
 * @category, @kd: group II values, 0 = the variant's defaults
 * Return: 0, -EBUSY if the channel is not idle, -ENOLINK in alarm, -EINVAL
 * for a bad number.
 */
CC_API CC_MUST_CHECK int cc_r2_chan_make_call(struct cc_r2_chan *ch, const char *called,
					      const char *calling, int category, int kd,
					      uint64_t now_ms);
/**
 * cc_r2_chan_accept() - answer an OFFERED call's register signalling with
 * the group B signal for @result (free, busy, ...).  Return: 0, -EPROTO if no
 * call is waiting, -EINVAL for a result the variant cannot send.
 */
CC_API CC_MUST_CHECK int cc_r2_chan_accept(struct cc_r2_chan *ch, enum cc_r2_b result,
					   uint64_t now_ms);
/** cc_r2_chan_answer() - incoming call answered (send answer); Return: 0 or -EPROTO */
CC_API CC_MUST_CHECK int cc_r2_chan_answer(struct cc_r2_chan *ch, uint64_t now_ms);
/** cc_r2_chan_hangup() - clear the call from our side; Return: 0 or -EPROTO */
CC_API CC_MUST_CHECK int cc_r2_chan_hangup(struct cc_r2_chan *ch, uint64_t now_ms);
/** cc_r2_chan_block() / _unblock() - maintenance blocking; Return: 0 or -EBUSY */
CC_API CC_MUST_CHECK int cc_r2_chan_block(struct cc_r2_chan *ch, uint64_t now_ms);
CC_API CC_MUST_CHECK int cc_r2_chan_unblock(struct cc_r2_chan *ch, uint64_t now_ms);

/**
 * cc_r2_chan_alarm() - the E1 carrying the channel entered (@on) or left an
 * alarm (DAHDI_EVENT_ALARM / NOALARM).  Entering: a call in progress is
 * released (RELEASED, cause ALARM), tones stop, idle is sent, the channel
 * goes to ALARM (EV_ALARM) and ignores the line until the alarm clears; a
 * local block is kept.  Leaving: back to IDLE (EV_IDLE) or BLOCKED; feed the
 * current ABCD (DAHDI_GETRXBITS) afterwards, it is debounced as usual.
 * Return: 0 (repeated calls with the same @on are no-ops).
 */
CC_API int cc_r2_chan_alarm(struct cc_r2_chan *ch, bool on, uint64_t now_ms);

/** cc_r2_cause_q850() - the ITU-T Q.850 cause value CTI reports for @c (as SS7 does) */
CC_API uint8_t cc_r2_cause_q850(enum cc_r2_cause c);

/** cc_r2_chan_check() - internal consistency (for tests and CC_ASSERT) */
CC_API bool cc_r2_chan_check(const struct cc_r2_chan *ch);

CC_API const char *cc_r2_st_name(enum cc_r2_st st);
CC_API const char *cc_r2_mf_st_name(enum cc_r2_mf_st st);
CC_API const char *cc_r2_ev_name(enum cc_r2_ev_type ev);
CC_API const char *cc_r2_cause_name(enum cc_r2_cause c);

#endif /* CALLCENTER_R2_H */
