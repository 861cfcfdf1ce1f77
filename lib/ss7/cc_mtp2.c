// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * MTP2 (ITU-T Q.703): signal units, initial alignment, basic error correction,
 * SUERM/AERM, processor outage.  Sans-I/O: SUs in (cc_mtp2_rx), SUs out
 * (cc_mtp2_tx_next), time injected (now_ms arguments, cc_mtp2_tick).
 *
 * State diagram (link state control + initial alignment control, Q.703 §4,
 * §7 figures 5-9, merged into one FSM):
 *
 *   OUT_OF_SERVICE --start--> NOT_ALIGNED --rx SIO/SIN/SIE--> ALIGNED
 *        ^   (SIOS)              (SIO, T2)                    (SIN|SIE, T3)
 *        |                                                      | rx SIN/SIE
 *        |                                                      v
 *        +--- failure (any) <-- IN_SERVICE <--rx FISU/MSU-- ALIGNED_READY <--T4-- PROVING
 *                               (FISU/MSU)                  (FISU, T1)            (SIN|SIE, T4,
 *                                                                                  AERM)
 * Transitions -> functions
 *   start:               OUT_OF_SERVICE -> NOT_ALIGNED       cc_mtp2_start()
 *   rx SIO/SIN/SIE:      NOT_ALIGNED -> ALIGNED              rx_lssu()
 *   rx SIN/SIE:          ALIGNED -> PROVING                  rx_lssu() / start_proving()
 *   rx SIO:              PROVING -> ALIGNED                  rx_lssu()
 *   AERM > Ti:           PROVING -> PROVING (attempt+1) or OUT_OF_SERVICE (M exhausted)
 *                                                            aerm_error()
 *   T4:                  PROVING -> ALIGNED_READY            cc_mtp2_tick()
 *   rx FISU/MSU:         ALIGNED_READY -> IN_SERVICE         cc_mtp2_rx()
 *   T1/T2/T3/T7, SUERM, BSN/FIB 2-of-3, remote SIO/SIN/SIE/SIOS in service, stop:
 *                        any -> OUT_OF_SERVICE               link_fail()
 *
 * Basic error correction (Q.703 §5): the retransmission buffer is a ring of
 * up to 127 MSUs indexed by FSN.  Invariants (cc_mtp2_check()):
 *   - unacked = (fsn_last - fsn_acked) mod 128 <= 127, and the ring holds
 *     exactly those MSUs;
 *   - T7 runs iff unacked > 0 and the link is in service;
 *   - the retransmission cursor, when active, lies in (fsn_acked, fsn_last].
 *
 * Spec constants: timer ranges Q.703 §12.3; AERM Ti = 4 normal / 1 emergency,
 * M = 5 (Q.703 §10.3); SUERM T = 64, D = 256, N = 16 (Q.703 §10.2).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/log.h>
#include <callcenter/ss7.h>

/* ------------------------------------------------------------------ SU codec */

static const char *const status_names[CC_MTP2_STATUS__COUNT] = {
	[CC_MTP2_SIO] = "SIO",	 [CC_MTP2_SIN] = "SIN",	  [CC_MTP2_SIE] = "SIE",
	[CC_MTP2_SIOS] = "SIOS", [CC_MTP2_SIPO] = "SIPO", [CC_MTP2_SIB] = "SIB",
};

const char *cc_mtp2_status_name(enum cc_mtp2_status st)
{
	return (unsigned int)st < CC_MTP2_STATUS__COUNT ? status_names[st] : "?";
}

int cc_mtp2_su_decode(const uint8_t *buf, size_t len, struct cc_mtp2_su *out)
{
	size_t body;

	memset(out, 0, sizeof(*out));
	if (len < 3 || len > CC_MTP2_MAX_SU)
		return -EBADMSG;
	out->bsn = buf[0] & 0x7f;
	out->bib = buf[0] >> 7;
	out->fsn = buf[1] & 0x7f;
	out->fib = buf[1] >> 7;
	out->li = buf[2] & 0x3f; /* bits 6-7 spare (ITU) */
	body = len - 3;
	if (out->li == 0) {
		if (body)
			return -EBADMSG;
		out->type = CC_MTP2_FISU;
		return 0;
	}
	if (out->li <= 2) {
		if (body != out->li)
			return -EBADMSG;
		out->type = CC_MTP2_LSSU;
		out->status = buf[3] & 0x07;
		if (out->status >= CC_MTP2_STATUS__COUNT)
			return -EBADMSG; /* C-B-A 110 and 111 are spare (Q.703 §11.1.2) */
		return 0;
	}
	/* MSU: LI = octets of SIO + SIF, capped at 63 (Q.703 §2.3.3) */
	if (out->li < CC_MTP2_LI_MAX ? body != out->li : body < CC_MTP2_LI_MAX)
		return -EBADMSG;
	out->type = CC_MTP2_MSU;
	out->msu = buf + 3;
	out->msu_len = body;
	return 0;
}

int cc_mtp2_su_encode(const struct cc_mtp2_su *su, uint8_t *buf, size_t cap)
{
	size_t n = 3;

	if (su->bsn > 127 || su->fsn > 127 || su->bib > 1 || su->fib > 1)
		return -EINVAL;
	switch (su->type) {
	case CC_MTP2_FISU:
		if (cap < 3)
			return -ENOSPC;
		buf[2] = 0;
		break;
	case CC_MTP2_LSSU:
		if (su->status >= CC_MTP2_STATUS__COUNT)
			return -EINVAL;
		if (cap < 4)
			return -ENOSPC;
		buf[2] = 1;
		buf[3] = su->status;
		n = 4;
		break;
	case CC_MTP2_MSU:
		if (su->msu_len < 2 || su->msu_len > CC_MTP2_MAX_SIF + 1 || !su->msu)
			return -EINVAL;
		if (cap < 3 + su->msu_len)
			return -ENOSPC;
		buf[2] = (uint8_t)(su->msu_len < CC_MTP2_LI_MAX ? su->msu_len : CC_MTP2_LI_MAX);
		memcpy(buf + 3, su->msu, su->msu_len);
		n = 3 + su->msu_len;
		break;
	default:
		return -EINVAL;
	}
	buf[0] = (uint8_t)(su->bsn | su->bib << 7);
	buf[1] = (uint8_t)(su->fsn | su->fib << 7);
	return (int)n;
}

/* ------------------------------------------------------------------ tables */

static const struct cc_mtp2_timer_desc timer_descs[CC_MTP2_T__COUNT] = {
	[CC_MTP2_T1] = { "T1", 45000, 40000, 50000, "Q.703 T1 alignment ready" },
	[CC_MTP2_T2] = { "T2", 50000, 5000, 150000, "Q.703 T2 not aligned" },
	[CC_MTP2_T3] = { "T3", 1500, 1000, 2000, "Q.703 T3 aligned" },
	[CC_MTP2_T4N] = { "T4n", 8200, 7500, 9500, "Q.703 T4 normal proving period" },
	[CC_MTP2_T4E] = { "T4e", 500, 400, 600, "Q.703 T4 emergency proving period" },
	[CC_MTP2_T7] = { "T7", 1250, 500, 2000, "Q.703 T7 excessive delay of acknowledgement" },
};

const struct cc_mtp2_timer_desc *cc_mtp2_timer_desc(enum cc_mtp2_timer t)
{
	return (unsigned int)t < CC_MTP2_T__COUNT ? &timer_descs[t] : NULL;
}

#define ST(s) (1u << (s))

struct state_desc {
	const char *name;
	uint32_t out_st; /* allowed next states */
};

static const struct state_desc state_descs[CC_MTP2_ST__COUNT] = {
	[CC_MTP2_ST_OUT_OF_SERVICE] = { "OUT_OF_SERVICE", ST(CC_MTP2_ST_OUT_OF_SERVICE) |
								  ST(CC_MTP2_ST_NOT_ALIGNED) },
	[CC_MTP2_ST_NOT_ALIGNED] = { "NOT_ALIGNED",
				     ST(CC_MTP2_ST_OUT_OF_SERVICE) | ST(CC_MTP2_ST_ALIGNED) },
	[CC_MTP2_ST_ALIGNED] = { "ALIGNED",
				 ST(CC_MTP2_ST_OUT_OF_SERVICE) | ST(CC_MTP2_ST_PROVING) },
	[CC_MTP2_ST_PROVING] = { "PROVING", ST(CC_MTP2_ST_OUT_OF_SERVICE) | ST(CC_MTP2_ST_ALIGNED) |
						    ST(CC_MTP2_ST_PROVING) |
						    ST(CC_MTP2_ST_ALIGNED_READY) },
	[CC_MTP2_ST_ALIGNED_READY] = { "ALIGNED_READY",
				       ST(CC_MTP2_ST_OUT_OF_SERVICE) | ST(CC_MTP2_ST_IN_SERVICE) },
	[CC_MTP2_ST_IN_SERVICE] = { "IN_SERVICE", ST(CC_MTP2_ST_OUT_OF_SERVICE) },
};

static const char *const reason_names[CC_MTP2_R__COUNT] = {
	[CC_MTP2_R_NONE] = "none",
	[CC_MTP2_R_STOP] = "stop",
	[CC_MTP2_R_T1] = "T1",
	[CC_MTP2_R_T2] = "T2",
	[CC_MTP2_R_T3] = "T3",
	[CC_MTP2_R_T7] = "T7",
	[CC_MTP2_R_AERM] = "AERM",
	[CC_MTP2_R_SUERM] = "SUERM",
	[CC_MTP2_R_BSN] = "abnormal BSN",
	[CC_MTP2_R_FIB] = "abnormal FIB",
	[CC_MTP2_R_REMOTE] = "remote out of alignment",
	[CC_MTP2_R_LINE] = "line failure",
};

const char *cc_mtp2_state_name(enum cc_mtp2_state st)
{
	return (unsigned int)st < CC_MTP2_ST__COUNT ? state_descs[st].name : "?";
}

const char *cc_mtp2_reason_name(enum cc_mtp2_reason r)
{
	return (unsigned int)r < CC_MTP2_R__COUNT ? reason_names[r] : "?";
}

/* ------------------------------------------------------------------ state */

#define NO_TIMER UINT64_MAX

struct cc_mtp2 {
	struct cc_mtp2_cfg cfg;
	const struct cc_mtp2_ops *ops;
	void *priv;
	enum cc_mtp2_state state;
	enum cc_mtp2_reason reason;
	uint64_t t_align;     /* T1/T2/T3/T4 deadline (one runs at a time) */
	uint64_t t7;	      /* T7 deadline */
	uint64_t t_ack;	      /* deferred acknowledgement due (cfg.ack_delay_ms) */
	uint8_t fsn_ack_sent; /* BSN in the last SU we sent */
	bool emergency;	      /* local request */
	bool proving_emerg;   /* current proving uses T4e */
	bool local_po, remote_po;
	uint8_t aerm;	     /* errors in this proving period */
	uint8_t attempts;    /* proving periods aborted */
	uint16_t suerm;	     /* error count */
	uint16_t suerm_good; /* good SUs since last decrement */
	uint16_t octets;     /* octet counting remainder */
	/* transmit side */
	uint8_t fsn_last;  /* FSN of the last MSU sent for the first time */
	uint8_t fsn_acked; /* highest FSN positively acknowledged */
	uint8_t fib;
	bool rtx;			      /* retransmitting */
	uint8_t rtx_fsn;		      /* next FSN to retransmit */
	uint8_t bsn_err, fib_err, abn_window; /* 2-of-3 monitors */
	/* receive side */
	uint8_t fsn_rx; /* FSN of the last accepted MSU (sent back as BSN) */
	uint8_t bib;
	bool nack_pending; /* BIB inverted, waiting for the retransmission */
	bool tx_pending;
	/* changeover retrieval (Q.704 §5.3): what was unacknowledged when the link failed */
	bool retr_valid;
	uint8_t retr_acked, retr_last, retr_fsn_rx;
	struct cc_mtp2_stats stats;
	/* retransmission buffer: MSU with FSN f lives in rb[f] */
	uint16_t rb_len[CC_MTP2_SEQ_MOD];
	uint8_t rb[CC_MTP2_SEQ_MOD][CC_MTP2_MAX_SIF + 1];
	/* transmission buffer: MSUs not yet sent (FIFO ring) */
	unsigned int tb_head, tb_count;
	uint16_t tb_len[CC_MTP2_SEQ_MOD];
	uint8_t tb[CC_MTP2_SEQ_MOD][CC_MTP2_MAX_SIF + 1];
};

static uint8_t unacked(const struct cc_mtp2 *l)
{
	return (uint8_t)((l->fsn_last - l->fsn_acked) & 0x7f);
}

static uint32_t tmr(const struct cc_mtp2 *l, enum cc_mtp2_timer t)
{
	return l->cfg.timer_ms[t];
}

static void notify(struct cc_mtp2 *l, enum cc_mtp2_ev ev)
{
	if (l->ops && l->ops->event)
		l->ops->event(l->priv, ev);
}

static void wake(struct cc_mtp2 *l)
{
	l->tx_pending = true;
	if (l->ops && l->ops->tx_wake)
		l->ops->tx_wake(l->priv);
}

static void state_chg(struct cc_mtp2 *l, enum cc_mtp2_state st, uint64_t deadline)
{
	CC_ASSERT(state_descs[l->state].out_st & ST(st));
	CC_LOG(CC_LOGSS_MTP2, CC_LOGL_DEBUG, "mtp2 %s -> %s", state_descs[l->state].name,
	       state_descs[st].name);
	l->state = st;
	l->t_align = deadline;
	wake(l);
}

static void reset_seq(struct cc_mtp2 *l)
{
	/* Q.703 §5.2: sequence numbers start at 127 with indicator bits 1 */
	l->fsn_last = l->fsn_acked = 127;
	l->fsn_rx = 127;
	l->fib = l->bib = 1;
	l->rtx = false;
	l->nack_pending = false;
	l->t7 = NO_TIMER;
	l->t_ack = NO_TIMER;
	l->fsn_ack_sent = 127;
	l->bsn_err = l->fib_err = l->abn_window = 0;
	l->suerm = l->suerm_good = l->octets = 0;
	l->remote_po = false;
}

static void link_fail(struct cc_mtp2 *l, enum cc_mtp2_reason r)
{
	bool was_up = l->state == CC_MTP2_ST_IN_SERVICE;

	if (l->state == CC_MTP2_ST_OUT_OF_SERVICE)
		return;
	if (was_up) {
		/* keep the buffers for retrieval; reset_seq() only resets indexes */
		l->retr_valid = true;
		l->retr_acked = l->fsn_acked;
		l->retr_last = l->fsn_last;
		l->retr_fsn_rx = l->fsn_rx;
	}
	l->reason = r;
	if (r != CC_MTP2_R_STOP)
		l->stats.failures++;
	CC_LOG(CC_LOGSS_MTP2, CC_LOGL_NOTICE, "mtp2 link out of service in %s: %s",
	       state_descs[l->state].name, reason_names[r]);
	state_chg(l, CC_MTP2_ST_OUT_OF_SERVICE, NO_TIMER);
	reset_seq(l);
	(void)was_up;
	notify(l, CC_MTP2_EV_OUT_OF_SERVICE);
}

/* ------------------------------------------------------------------ API */

int cc_mtp2_alloc(const struct cc_mtp2_cfg *cfg, const struct cc_mtp2_ops *ops, void *priv,
		  struct cc_mtp2 **out_l)
{
	struct cc_mtp2 *l;
	int t;

	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	if (cfg)
		l->cfg = *cfg;
	for (t = 0; t < CC_MTP2_T__COUNT; t++) {
		uint32_t v = l->cfg.timer_ms[t];

		if (!v) {
			l->cfg.timer_ms[t] = timer_descs[t].def_ms;
		} else if (v < timer_descs[t].min_ms || v > timer_descs[t].max_ms) {
			free(l);
			return -EINVAL;
		}
	}
	if (!l->cfg.aerm_tin)
		l->cfg.aerm_tin = 4;
	if (!l->cfg.aerm_tie)
		l->cfg.aerm_tie = 1;
	if (!l->cfg.proving_attempts)
		l->cfg.proving_attempts = 5;
	if (!l->cfg.suerm_t)
		l->cfg.suerm_t = 64;
	if (!l->cfg.suerm_d)
		l->cfg.suerm_d = 256;
	l->emergency = l->cfg.emergency;
	l->ops = ops;
	l->priv = priv;
	l->state = CC_MTP2_ST_OUT_OF_SERVICE;
	l->t_align = NO_TIMER;
	reset_seq(l);
	*out_l = l;
	return 0;
}

void cc_mtp2_free(struct cc_mtp2 *l)
{
	free(l);
}

void cc_mtp2_start(struct cc_mtp2 *l, uint64_t now_ms)
{
	if (l->state != CC_MTP2_ST_OUT_OF_SERVICE)
		return;
	reset_seq(l);
	l->reason = CC_MTP2_R_NONE;
	l->attempts = 0;
	state_chg(l, CC_MTP2_ST_NOT_ALIGNED, now_ms + tmr(l, CC_MTP2_T2));
}

void cc_mtp2_stop(struct cc_mtp2 *l, uint64_t now_ms)
{
	(void)now_ms;
	link_fail(l, CC_MTP2_R_STOP);
}

void cc_mtp2_set_emergency(struct cc_mtp2 *l, bool emergency)
{
	if (l->emergency != emergency) {
		l->emergency = emergency;
		if (l->state == CC_MTP2_ST_ALIGNED || l->state == CC_MTP2_ST_PROVING)
			wake(l); /* SIN <-> SIE */
	}
}

void cc_mtp2_set_processor_outage(struct cc_mtp2 *l, bool po, uint64_t now_ms)
{
	(void)now_ms;
	if (l->local_po != po) {
		l->local_po = po;
		wake(l);
	}
}

static void start_proving(struct cc_mtp2 *l, uint64_t now_ms, bool remote_emerg)
{
	l->proving_emerg = l->emergency || remote_emerg;
	l->aerm = 0;
	state_chg(l, CC_MTP2_ST_PROVING,
		  now_ms + tmr(l, l->proving_emerg ? CC_MTP2_T4E : CC_MTP2_T4N));
}

static void aerm_error(struct cc_mtp2 *l, uint64_t now_ms)
{
	uint8_t ti = l->proving_emerg ? l->cfg.aerm_tie : l->cfg.aerm_tin;

	if (++l->aerm <= ti)
		return;
	/* Q.703 §7.3: proving aborted; after M aborts alignment is not possible */
	l->stats.aerm_aborts++;
	if (++l->attempts >= l->cfg.proving_attempts) {
		link_fail(l, CC_MTP2_R_AERM);
		return;
	}
	start_proving(l, now_ms, l->proving_emerg && !l->emergency);
}

static void suerm_error(struct cc_mtp2 *l, unsigned int n)
{
	l->suerm = (uint16_t)(l->suerm + n);
	if (l->suerm > l->stats.suerm_max)
		l->stats.suerm_max = l->suerm;
	if (l->suerm >= l->cfg.suerm_t) {
		l->stats.suerm_trips++;
		link_fail(l, CC_MTP2_R_SUERM);
	}
}

static void count_error(struct cc_mtp2 *l, uint64_t now_ms)
{
	l->stats.rx_errors++;
	if (l->state == CC_MTP2_ST_PROVING)
		aerm_error(l, now_ms);
	else if (l->state == CC_MTP2_ST_ALIGNED_READY || l->state == CC_MTP2_ST_IN_SERVICE)
		suerm_error(l, 1);
}

void cc_mtp2_rx_error(struct cc_mtp2 *l, uint64_t now_ms)
{
	count_error(l, now_ms);
}

void cc_mtp2_rx_octet_counting(struct cc_mtp2 *l, uint64_t now_ms, size_t octets)
{
	/* Q.703 §10.2: in octet counting mode one error per N = 16 octets */
	octets += l->octets;
	l->octets = (uint16_t)(octets % 16);
	for (octets /= 16; octets; octets--) {
		if (l->state == CC_MTP2_ST_OUT_OF_SERVICE)
			break;
		count_error(l, now_ms);
	}
}

static void suerm_credit(struct cc_mtp2 *l, unsigned int n)
{
	unsigned int good;

	if (l->state != CC_MTP2_ST_IN_SERVICE && l->state != CC_MTP2_ST_ALIGNED_READY)
		return;
	good = l->suerm_good + n;
	l->suerm_good = (uint16_t)(good % l->cfg.suerm_d);
	good /= l->cfg.suerm_d;
	l->suerm = good >= l->suerm ? 0 : (uint16_t)(l->suerm - good);
}

void cc_mtp2_rx_repeated(struct cc_mtp2 *l, uint64_t now_ms, unsigned int n)
{
	(void)now_ms;
	l->stats.rx_repeated += n;
	suerm_credit(l, n);
}

void cc_mtp2_line_fail(struct cc_mtp2 *l, uint64_t now_ms)
{
	(void)now_ms;
	link_fail(l, CC_MTP2_R_LINE);
}

static void rx_lssu(struct cc_mtp2 *l, uint64_t now_ms, uint8_t status)
{
	switch (l->state) {
	case CC_MTP2_ST_OUT_OF_SERVICE:
		break;
	case CC_MTP2_ST_NOT_ALIGNED:
		if (status == CC_MTP2_SIO || status == CC_MTP2_SIN || status == CC_MTP2_SIE)
			state_chg(l, CC_MTP2_ST_ALIGNED, now_ms + tmr(l, CC_MTP2_T3));
		break;
	case CC_MTP2_ST_ALIGNED:
		if (status == CC_MTP2_SIN || status == CC_MTP2_SIE)
			start_proving(l, now_ms, status == CC_MTP2_SIE);
		else if (status == CC_MTP2_SIOS)
			link_fail(l, CC_MTP2_R_REMOTE);
		break;
	case CC_MTP2_ST_PROVING:
		if (status == CC_MTP2_SIO) {
			state_chg(l, CC_MTP2_ST_ALIGNED, now_ms + tmr(l, CC_MTP2_T3));
		} else if (status == CC_MTP2_SIOS) {
			link_fail(l, CC_MTP2_R_REMOTE);
		} else if (status == CC_MTP2_SIE && !l->proving_emerg) {
			/* Q.703 §7.2: the far end asks for emergency proving */
			l->proving_emerg = true;
			l->t_align = now_ms + tmr(l, CC_MTP2_T4E);
		}
		break;
	case CC_MTP2_ST_ALIGNED_READY:
	case CC_MTP2_ST_IN_SERVICE:
		if (status == CC_MTP2_SIPO) {
			if (!l->remote_po) {
				l->remote_po = true;
				notify(l, CC_MTP2_EV_REMOTE_PO);
			}
		} else if (status == CC_MTP2_SIB) {
			/* Q.703 §9.3: remote busy; restart T7 so the link is not failed */
			if (l->t7 != NO_TIMER)
				l->t7 = now_ms + tmr(l, CC_MTP2_T7);
		} else if (l->state == CC_MTP2_ST_IN_SERVICE || status == CC_MTP2_SIOS ||
			   status == CC_MTP2_SIO) {
			link_fail(l, CC_MTP2_R_REMOTE);
		}
		break;
	default:
		CC_ASSERT(0);
	}
}

/* Is @bsn inside [fsn_acked, fsn_last] (mod 128)? */
static bool bsn_in_window(const struct cc_mtp2 *l, uint8_t bsn)
{
	return ((bsn - l->fsn_acked) & 0x7f) <= unacked(l);
}

static bool abnormal(struct cc_mtp2 *l, bool bsn)
{
	/* Q.703 §5.3.1: two abnormal BSNs/FIBs in three consecutive SUs fail the link */
	uint8_t *cnt = bsn ? &l->bsn_err : &l->fib_err;

	if (bsn)
		l->stats.abnormal_bsn++;
	else
		l->stats.abnormal_fib++;
	if (l->abn_window == 0)
		*cnt = 0;
	if (++*cnt >= 2) {
		link_fail(l, bsn ? CC_MTP2_R_BSN : CC_MTP2_R_FIB);
		return true;
	}
	l->abn_window = 3;
	return false;
}

static void rx_backward(struct cc_mtp2 *l, uint64_t now_ms, const struct cc_mtp2_su *su)
{
	if (!bsn_in_window(l, su->bsn)) {
		abnormal(l, true);
		return;
	}
	if (su->bsn != l->fsn_acked) {
		/* positive acknowledgement of (fsn_acked, bsn] */
		l->fsn_acked = su->bsn;
		if (l->rtx && ((l->rtx_fsn - l->fsn_acked - 1) & 0x7f) >= unacked(l))
			l->rtx_fsn = (uint8_t)((l->fsn_acked + 1) & 0x7f);
		l->t7 = unacked(l) ? now_ms + tmr(l, CC_MTP2_T7) : NO_TIMER;
		if (l->tb_count)
			wake(l);
	}
	if (su->bib != l->fib) {
		/* negative acknowledgement: retransmit from BSN + 1 (Q.703 §5.2.3) */
		l->stats.nacks_rx++;
		l->fib ^= 1;
		if (unacked(l)) {
			l->rtx = true;
			l->rtx_fsn = (uint8_t)((l->fsn_acked + 1) & 0x7f);
		}
		wake(l);
	}
	if (l->rtx && !unacked(l))
		l->rtx = false;
}

static void send_nack(struct cc_mtp2 *l)
{
	if (l->nack_pending)
		return;
	l->bib ^= 1;
	l->nack_pending = true;
	l->stats.nacks_sent++;
	wake(l);
}

static void rx_forward(struct cc_mtp2 *l, uint64_t now_ms, const struct cc_mtp2_su *su)
{
	if (l->nack_pending) {
		if (su->fib != l->bib)
			return; /* old frames before the retransmission: discard */
		l->nack_pending = false;
	} else if (su->fib != l->bib) {
		/* FIB changed without a NACK from us: abnormal (Q.703 §5.3.2) */
		if (!abnormal(l, false))
			l->bib = su->fib;
		return;
	}
	if (su->type != CC_MTP2_MSU) {
		/* a FISU/LSSU carries the sender's last FSN: a gap means a lost MSU */
		if (su->fsn != l->fsn_rx && su->type == CC_MTP2_FISU) {
			l->stats.rx_out_of_seq++;
			send_nack(l);
		}
		return;
	}
	if (su->fsn == l->fsn_rx) {
		l->stats.rx_duplicate++;
		return;
	}
	if (su->fsn != ((l->fsn_rx + 1) & 0x7f)) {
		l->stats.rx_out_of_seq++;
		send_nack(l);
		return;
	}
	l->fsn_rx = su->fsn;
	l->stats.rx_msu++;
	/* acknowledge: at once, or within ack_delay_ms unless an MSU carries it first */
	if (!l->cfg.ack_delay_ms || ((l->fsn_rx - l->fsn_ack_sent) & 0x7f) >= 32)
		l->tx_pending = true;
	else if (l->t_ack == NO_TIMER)
		l->t_ack = now_ms + l->cfg.ack_delay_ms;
	if (!l->local_po && l->ops && l->ops->rx_msu)
		l->ops->rx_msu(l->priv, su->msu, su->msu_len);
}

int cc_mtp2_rx(struct cc_mtp2 *l, uint64_t now_ms, const uint8_t *buf, size_t len)
{
	struct cc_mtp2_su su;

	l->stats.rx_su++;
	if (cc_mtp2_su_decode(buf, len, &su) < 0) {
		count_error(l, now_ms);
		return -EBADMSG;
	}
	suerm_credit(l, 1);
	if (su.type == CC_MTP2_LSSU) {
		rx_lssu(l, now_ms, su.status);
		return 0;
	}
	if (l->state == CC_MTP2_ST_ALIGNED_READY) {
		/* whatever MTP3 did not retrieve after the last failure is gone now */
		l->retr_valid = false;
		l->tb_head = l->tb_count = 0;
		state_chg(l, CC_MTP2_ST_IN_SERVICE, NO_TIMER);
		l->stats.alignments++;
		/* the peer's sequence numbers are adopted when the link comes up */
		l->fsn_rx = su.fsn;
		l->bib = su.fib;
		notify(l, CC_MTP2_EV_IN_SERVICE);
		if (su.type == CC_MTP2_MSU)
			l->fsn_rx = (uint8_t)((su.fsn - 1) & 0x7f);
	}
	if (l->state != CC_MTP2_ST_IN_SERVICE)
		return 0;
	if (l->remote_po) {
		l->remote_po = false;
		notify(l, CC_MTP2_EV_REMOTE_PO_END);
	}
	if (l->abn_window)
		l->abn_window--;
	rx_backward(l, now_ms, &su);
	if (l->state != CC_MTP2_ST_IN_SERVICE)
		return 0;
	rx_forward(l, now_ms, &su);
	return 0;
}

int cc_mtp2_send(struct cc_mtp2 *l, uint64_t now_ms, const uint8_t *msu, size_t len)
{
	unsigned int slot;

	(void)now_ms;
	if (!msu || len < 2 || len > CC_MTP2_MAX_SIF + 1)
		return -EINVAL;
	if (l->state != CC_MTP2_ST_IN_SERVICE)
		return -EAGAIN;
	if (l->tb_count >= CC_MTP2_SEQ_MOD) {
		l->stats.tx_queue_full++;
		return -ENOSPC;
	}
	slot = (l->tb_head + l->tb_count) % CC_MTP2_SEQ_MOD;
	memcpy(l->tb[slot], msu, len);
	l->tb_len[slot] = (uint16_t)len;
	l->tb_count++;
	wake(l);
	return 0;
}

static int put_su(struct cc_mtp2 *l, uint8_t *buf, size_t cap, uint8_t type, uint8_t fsn,
		  const uint8_t *msu, size_t len, uint8_t status)
{
	struct cc_mtp2_su su = {
		.bsn = l->fsn_rx,
		.bib = l->bib,
		.fsn = fsn,
		.fib = l->fib,
		.type = type,
		.status = status,
		.msu = msu,
		.msu_len = len,
	};
	int n = cc_mtp2_su_encode(&su, buf, cap);

	CC_ASSERT(n > 0);
	l->stats.tx_su++;
	return n;
}

int cc_mtp2_tx_next(struct cc_mtp2 *l, uint64_t now_ms, uint8_t *buf, size_t cap)
{
	uint8_t fsn, status;

	if (cap < CC_MTP2_MAX_SU)
		return -ENOSPC;
	l->tx_pending = false;
	l->t_ack = NO_TIMER; /* every SU carries the current BSN */
	l->fsn_ack_sent = l->fsn_rx;
	switch (l->state) {
	case CC_MTP2_ST_OUT_OF_SERVICE:
		status = CC_MTP2_SIOS;
		goto lssu;
	case CC_MTP2_ST_NOT_ALIGNED:
		status = CC_MTP2_SIO;
		goto lssu;
	case CC_MTP2_ST_ALIGNED:
	case CC_MTP2_ST_PROVING:
		status = l->emergency ? CC_MTP2_SIE : CC_MTP2_SIN;
		goto lssu;
	case CC_MTP2_ST_ALIGNED_READY:
		if (l->local_po) {
			status = CC_MTP2_SIPO;
			goto lssu;
		}
		return put_su(l, buf, cap, CC_MTP2_FISU, l->fsn_last, NULL, 0, 0);
	case CC_MTP2_ST_IN_SERVICE:
		break;
	default:
		CC_ASSERT(0);
		return -EINVAL;
	}
	if (l->local_po) {
		status = CC_MTP2_SIPO;
		goto lssu;
	}
	if (l->rtx) {
		fsn = l->rtx_fsn;
		l->stats.retransmitted++;
		l->stats.tx_msu++;
		if (fsn == l->fsn_last)
			l->rtx = false;
		else
			l->rtx_fsn = (uint8_t)((fsn + 1) & 0x7f);
		if (l->rtx || l->tb_count)
			l->tx_pending = true;
		return put_su(l, buf, cap, CC_MTP2_MSU, fsn, l->rb[fsn], l->rb_len[fsn], 0);
	}
	if (l->tb_count && unacked(l) < CC_MTP2_SEQ_MOD - 1) {
		unsigned int slot = l->tb_head;

		fsn = (uint8_t)((l->fsn_last + 1) & 0x7f);
		memcpy(l->rb[fsn], l->tb[slot], l->tb_len[slot]);
		l->rb_len[fsn] = l->tb_len[slot];
		l->tb_head = (l->tb_head + 1) % CC_MTP2_SEQ_MOD;
		l->tb_count--;
		l->fsn_last = fsn;
		if (l->t7 == NO_TIMER)
			l->t7 = now_ms + tmr(l, CC_MTP2_T7);
		l->stats.tx_msu++;
		if (l->tb_count && unacked(l) < CC_MTP2_SEQ_MOD - 1)
			l->tx_pending = true;
		return put_su(l, buf, cap, CC_MTP2_MSU, fsn, l->rb[fsn], l->rb_len[fsn], 0);
	}
	return put_su(l, buf, cap, CC_MTP2_FISU, l->fsn_last, NULL, 0, 0);

lssu:
	return put_su(l, buf, cap, CC_MTP2_LSSU, l->fsn_last, NULL, 0, status);
}

bool cc_mtp2_tx_pending(const struct cc_mtp2 *l)
{
	return l->tx_pending;
}

void cc_mtp2_tick(struct cc_mtp2 *l, uint64_t now_ms)
{
	if (l->t_ack != NO_TIMER && now_ms >= l->t_ack) {
		l->t_ack = NO_TIMER;
		wake(l); /* the deferred acknowledgement is due */
	}
	if (l->t7 != NO_TIMER && now_ms >= l->t7) {
		l->stats.t7_expiries++;
		link_fail(l, CC_MTP2_R_T7);
		return;
	}
	if (l->t_align == NO_TIMER || now_ms < l->t_align)
		return;
	switch (l->state) {
	case CC_MTP2_ST_NOT_ALIGNED:
		link_fail(l, CC_MTP2_R_T2);
		break;
	case CC_MTP2_ST_ALIGNED:
		link_fail(l, CC_MTP2_R_T3);
		break;
	case CC_MTP2_ST_PROVING:
		/* T4 expired with the AERM below threshold: alignment complete */
		state_chg(l, CC_MTP2_ST_ALIGNED_READY, now_ms + tmr(l, CC_MTP2_T1));
		break;
	case CC_MTP2_ST_ALIGNED_READY:
		link_fail(l, CC_MTP2_R_T1);
		break;
	default:
		l->t_align = NO_TIMER;
		break;
	}
	CC_ASSERT(cc_mtp2_check(l));
}

uint64_t cc_mtp2_next_timeout_ms(const struct cc_mtp2 *l)
{
	uint64_t t = l->t7 < l->t_align ? l->t7 : l->t_align;

	return l->t_ack < t ? l->t_ack : t;
}

enum cc_mtp2_state cc_mtp2_state_get(const struct cc_mtp2 *l)
{
	return l->state;
}

enum cc_mtp2_reason cc_mtp2_reason_get(const struct cc_mtp2 *l)
{
	return l->reason;
}

bool cc_mtp2_is_in_service(const struct cc_mtp2 *l)
{
	return l->state == CC_MTP2_ST_IN_SERVICE;
}

bool cc_mtp2_is_remote_po(const struct cc_mtp2 *l)
{
	return l->remote_po;
}

const struct cc_mtp2_stats *cc_mtp2_stats_get(const struct cc_mtp2 *l)
{
	return &l->stats;
}

int cc_mtp2_retrieve_bsnt(const struct cc_mtp2 *l, uint8_t *out_fsn)
{
	if (!l->retr_valid)
		return -ENOENT;
	*out_fsn = l->retr_fsn_rx;
	return 0;
}

int cc_mtp2_retrieve(struct cc_mtp2 *l, uint8_t fsn_accepted, cc_mtp2_retrieve_fn fn, void *priv)
{
	unsigned int n = 0, i;
	uint8_t f, from;

	if (!l->retr_valid)
		return -ENOENT;
	/* start after what the far end accepted, unless that is outside the window */
	from = l->retr_acked;
	if (fsn_accepted < CC_MTP2_SEQ_MOD &&
	    ((fsn_accepted - l->retr_acked) & 0x7f) <= ((l->retr_last - l->retr_acked) & 0x7f))
		from = fsn_accepted;
	for (f = (uint8_t)((from + 1) & 0x7f); f != ((l->retr_last + 1) & 0x7f);
	     f = (uint8_t)((f + 1) & 0x7f)) {
		fn(priv, l->rb[f], l->rb_len[f]);
		n++;
	}
	for (i = 0; i < l->tb_count; i++) {
		unsigned int slot = (l->tb_head + i) % CC_MTP2_SEQ_MOD;

		fn(priv, l->tb[slot], l->tb_len[slot]);
		n++;
	}
	l->tb_head = l->tb_count = 0;
	l->retr_valid = false;
	return (int)n;
}

unsigned int cc_mtp2_suerm_get(const struct cc_mtp2 *l)
{
	return l->suerm;
}

bool cc_mtp2_check(const struct cc_mtp2 *l)
{
	if ((unsigned int)l->state >= CC_MTP2_ST__COUNT)
		return false;
	if (unacked(l) > CC_MTP2_SEQ_MOD - 1 || l->tb_count > CC_MTP2_SEQ_MOD)
		return false;
	if (l->state != CC_MTP2_ST_IN_SERVICE && (unacked(l) || l->t7 != NO_TIMER))
		return false;
	if (l->state == CC_MTP2_ST_IN_SERVICE && !unacked(l) && l->t7 != NO_TIMER)
		return false;
	if (l->rtx && ((l->rtx_fsn - l->fsn_acked - 1) & 0x7f) >= unacked(l))
		return false;
	if ((l->state == CC_MTP2_ST_IN_SERVICE || l->state == CC_MTP2_ST_OUT_OF_SERVICE) &&
	    l->t_align != NO_TIMER)
		return false;
	return true;
}
