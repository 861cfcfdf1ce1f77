/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lib/ss7 private definitions shared by cc_ss7.c (links, MTP3) and
 * cc_ss7_call.c (ISUP/TUP circuits and calls).
 */
#ifndef CC_SS7_INT_H
#define CC_SS7_INT_H

#include <callcenter/call.h>
#include <callcenter/ss7.h>

#define NO_TIMER UINT64_MAX

struct ss7_link {
	struct cc_mtp2 *mtp2;
	struct cc_ss7 *s;
	uint8_t slc;
	bool available;	   /* in service and tested: carries traffic */
	bool sltm_pending; /* SLTM sent, waiting for SLTA */
	uint8_t slt_tries;
	uint8_t pattern[4];
	uint64_t t_slt;	  /* Q.707 T1 (waiting) or T2 (periodic) */
	bool coo_pending; /* we sent COO for this link, waiting for COA */
	uint64_t t_co;	  /* Q.704 T2 */
	bool cbd_pending;
	uint64_t t_cb; /* Q.704 T4 */
	uint8_t cbc;
	uint64_t last_pump_ms; /* cc_ss7_trunk_pump(): for loss-of-signal octet counting */
	uint64_t last_tx_ms;   /* cc_ss7_trunk_pump(): for repeating the current SU */
	bool line_alarm;       /* the span is in alarm: do not realign */
	bool trunk_alarm;      /* cc_trunk_in_alarm() as last seen by cc_ss7_trunk_pump() */
	/* cc_ss7_trunk_pump() over a channel that drops repeats (CC_TRUNK_F_REPEATS) */
	uint64_t last_rx_ms;
	uint16_t last_rx_len;
	uint8_t last_rx[CC_MTP2_MAX_SU];
	/* CC_TRUNK_F_FILL: octets estimated in the channel's transmit queue */
	uint32_t fill_octets;
	uint64_t fill_ms;
	/* an SU the channel refused (-EAGAIN), written first next time */
	uint16_t held_len;
	uint8_t held[CC_MTP2_MAX_SU];
	/* trace */
	struct cc_ss7_pcap *pcap;
	uint16_t trace_len[2]; /* last FISU traced per direction (0 received, 1 sent) */
	uint8_t trace_fisu[2][3];
};

enum { TM_CALL, TM_REL, TM_REL_LONG, TM_BLK, TM__COUNT };

struct ss7_circuit {
	uint16_t cic;
	uint8_t st; /* enum cc_ss7_circuit_state */
	bool outgoing;
	bool lblk, rblk; /* maintenance blocked locally / remotely */
	bool blo_pending, ubl_pending;
	bool acm_sent;
	bool answered_free; /* TUP: ANN instead of ANC */
	bool suspended;	  /* ISUP ANSWERED: SUS received, no RES yet (outgoing: T6/T2 in TM_CALL) */
	bool cot_failed;  /* ISUP IN_CONTINUITY: COT "failed" received, T27 in TM_CALL */
	bool sus_network; /* with suspended: the SUS was network-initiated (T6, else T2) */
	bool unreported;  /* ISUP: IAM waiting for COT; the user has not seen this call */
	uint8_t cause;
	uint64_t tm[TM__COUNT];
	struct cc_ss7_event info; /* calling/called/category of the call */
	/* neutral call events (cc_ss7_callev.c) */
	uint8_t ev_dir;	  /* enum cc_call_dir of the call reported, NONE when none */
	bool ev_released; /* its RELEASED was reported */
};

struct cc_ss7 {
	struct cc_ss7_cfg cfg;
	const struct cc_ss7_ops *ops;
	void *priv;
	struct cc_mtp2_ops mtp2_ops;
	struct ss7_link links[CC_SS7_MAX_LINKS];
	bool up;		      /* linkset available */
	uint8_t nav;		      /* available links */
	uint8_t av[CC_SS7_MAX_LINKS]; /* indexes of available links, for SLS load sharing */
	uint64_t now;
	/* group reset we sent */
	bool grs_pending;
	uint16_t grs_cic; /* first circuit of the GRS in flight */
	uint8_t grs_range;
	uint16_t grs_end; /* start-up reset: circuits up to here still to do */
	uint64_t t_grs;
	unsigned int next_out; /* round-robin start for outgoing circuit choice */
	uint64_t up_next;      /* no circuit timer expires before this (may be early) */
	struct cc_ss7_stats stats;
	struct ss7_circuit *circ; /* ncics */
	uint32_t timer_ms[CC_SS7_T__COUNT];
	bool tra_sent, tra_rx;	/* traffic restart allowed (Q.704 §9) sent / received */
	uint64_t t_tra;		/* CC_SS7_TRA_WAIT */
	struct cc_ss7_cid *cid; /* caller-ID publisher (borrowed), or NULL */
	uint16_t cid_span;
	cc_call_ev_fn call_fn; /* neutral call events, or NULL */
	void *call_priv;
};

/* cc_ss7.c */
int ss7_mtp3_send(struct cc_ss7 *s, uint8_t si, uint8_t sls, const uint8_t *payload, size_t len);
int ss7_mtp3_send_sif(struct cc_ss7 *s, uint8_t si, uint8_t sls, const uint8_t *sif, size_t len);
/* @c: the circuit the event is about, NULL for link and linkset events */
void ss7_emit(struct cc_ss7 *s, struct cc_ss7_event *ev, struct ss7_circuit *c);

/* cc_ss7_callev.c: signalling-neutral events (<callcenter/call.h>) */
#define SS7_CALLEV_MAX 2
size_t ss7_callev_conv(struct cc_ss7 *s, struct ss7_circuit *c, const struct cc_ss7_event *ev,
		       struct cc_call_ev *out);
void ss7_callev_deliver(struct cc_ss7 *s, const struct cc_call_ev *ev, size_t n);
void ss7_callev_placed(struct ss7_circuit *c);
void ss7_callev_local_release(struct cc_ss7 *s, struct ss7_circuit *c, uint8_t cause);

/* cc_ss7_call.c */
void ss7_up_rx(struct cc_ss7 *s, uint8_t si, const struct cc_mtp3_label *rl, const uint8_t *p,
	       size_t len);
void ss7_up_resume(struct cc_ss7 *s);
void ss7_up_pause(struct cc_ss7 *s);
void ss7_up_tick(struct cc_ss7 *s);
uint64_t ss7_up_next_timeout(const struct cc_ss7 *s);

#endif /* CC_SS7_INT_H */
