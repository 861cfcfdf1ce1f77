/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/ss7.h - China No.7 / ITU SS7 signalling: MTP2 links, traces, and
 * (further below) MTP3 linksets and ISUP/TUP call control.
 *
 * Every protocol object here is sans-I/O: octets and events go in, octets and
 * events come out through an ops struct, and time is an argument (now_ms, any
 * monotonic millisecond clock chosen by the caller).  Nothing reads a clock or
 * blocks; the thin fd binding lives in the caller (see lib/trunk for the
 * in-process loopback and the DAHDI channel backends).
 *
 * Wire formats are in <callcenter/proto/q704_mtp3.h>, q763_isup.h and
 * gf001_tup.h; HDLC framing is <callcenter/hdlc.h>.
 *
 * Context: single-threaded; all callbacks run inside the call that caused them.
 */
#ifndef CALLCENTER_SS7_H
#define CALLCENTER_SS7_H

#include <callcenter/call.h>
#include <callcenter/core.h>

/* ======================================================================== */
/* MTP2 signal units (Q.703 §2)                                             */
/* ======================================================================== */

#define CC_MTP2_MAX_SIF 272u			    /* Q.703 §2.3.8 */
#define CC_MTP2_MAX_SU	(3u + 1u + CC_MTP2_MAX_SIF) /* header + SIO + SIF, no FCS */
#define CC_MTP2_LI_MAX	63u
#define CC_MTP2_SEQ_MOD 128u

enum cc_mtp2_su_type {
	CC_MTP2_FISU,
	CC_MTP2_LSSU,
	CC_MTP2_MSU,
};

/* LSSU status (Q.703 §11.1.2, bits C-B-A) */
enum cc_mtp2_status {
	CC_MTP2_SIO = 0,
	CC_MTP2_SIN = 1,
	CC_MTP2_SIE = 2,
	CC_MTP2_SIOS = 3,
	CC_MTP2_SIPO = 4,
	CC_MTP2_SIB = 5,
	CC_MTP2_STATUS__COUNT
};

struct cc_mtp2_su {
	uint8_t bsn, bib, fsn, fib, li;
	uint8_t type;	    /* enum cc_mtp2_su_type */
	uint8_t status;	    /* LSSU: enum cc_mtp2_status */
	const uint8_t *msu; /* MSU: SIO + SIF (borrowed) */
	size_t msu_len;
};

CC_API const char *cc_mtp2_status_name(enum cc_mtp2_status st);

/**
 * cc_mtp2_su_decode() - parse a signal unit (without FCS)
 * Return: 0, or -EBADMSG if shorter than 3 octets, longer than CC_MTP2_MAX_SU,
 * or the LI does not match the length (Q.703 §4.1.4 / §2.3.3).
 */
CC_API CC_MUST_CHECK int cc_mtp2_su_decode(const uint8_t *buf, size_t len, struct cc_mtp2_su *out);

/**
 * cc_mtp2_su_encode() - build a signal unit (without FCS) from @su
 * For an MSU, @su->msu/msu_len (2..CC_MTP2_MAX_SIF + 1 octets) are copied and
 * the LI is computed; for an LSSU one status octet is written.
 * Return: octets written, -EINVAL, or -ENOSPC.
 */
CC_API CC_MUST_CHECK int cc_mtp2_su_encode(const struct cc_mtp2_su *su, uint8_t *buf, size_t cap);

/* ======================================================================== */
/* MTP2 link state machine (Q.703 §4-§10): alignment, proving, basic error   */
/* correction, SUERM/AERM, processor outage.                                */
/* ======================================================================== */

enum cc_mtp2_state {
	CC_MTP2_ST_OUT_OF_SERVICE,
	CC_MTP2_ST_NOT_ALIGNED,
	CC_MTP2_ST_ALIGNED,
	CC_MTP2_ST_PROVING,
	CC_MTP2_ST_ALIGNED_READY,
	CC_MTP2_ST_IN_SERVICE,
	CC_MTP2_ST__COUNT
};

/* Why a link went out of service (or failed to align) */
enum cc_mtp2_reason {
	CC_MTP2_R_NONE,
	CC_MTP2_R_STOP,	  /* local stop request */
	CC_MTP2_R_T1,	  /* alignment ready timer */
	CC_MTP2_R_T2,	  /* not aligned timer */
	CC_MTP2_R_T3,	  /* aligned timer */
	CC_MTP2_R_T7,	  /* excessive delay of acknowledgement */
	CC_MTP2_R_AERM,	  /* proving failed M times */
	CC_MTP2_R_SUERM,  /* error rate monitor threshold */
	CC_MTP2_R_BSN,	  /* abnormal BSN, 2 of 3 */
	CC_MTP2_R_FIB,	  /* abnormal FIB, 2 of 3 */
	CC_MTP2_R_REMOTE, /* SIO/SIN/SIE/SIOS received in service */
	CC_MTP2_R_LINE,	  /* the line failed (span alarm, loss of signal) */
	CC_MTP2_R__COUNT
};

enum cc_mtp2_timer {
	CC_MTP2_T1,
	CC_MTP2_T2,
	CC_MTP2_T3,
	CC_MTP2_T4N,
	CC_MTP2_T4E,
	CC_MTP2_T7,
	CC_MTP2_T__COUNT
};

struct cc_mtp2_timer_desc {
	const char *name;
	uint32_t def_ms, min_ms, max_ms;
	const char *desc;
};

/* Q.703 §12.3 timer ranges for 64 kbit/s links */
CC_API const struct cc_mtp2_timer_desc *cc_mtp2_timer_desc(enum cc_mtp2_timer t);

struct cc_mtp2_cfg {
	uint32_t timer_ms[CC_MTP2_T__COUNT]; /* 0 = default */
	bool emergency;			     /* align with emergency proving */
	uint8_t aerm_tin, aerm_tie;	     /* AERM thresholds; 0 = 4 / 1 */
	uint8_t proving_attempts;	     /* M; 0 = 5 */
	uint16_t suerm_t, suerm_d;	     /* SUERM threshold / decrement period; 0 = 64 / 256 */
	/* Defer a pure acknowledgement (a FISU sent only to carry a new BSN) by up to this
	 * long, so an MSU going the other way can carry it; 0 = acknowledge at once.  Forced
	 * after 32 unacknowledged MSUs.  Keep well below the far end's T7. */
	uint16_t ack_delay_ms;
};

enum cc_mtp2_ev {
	CC_MTP2_EV_IN_SERVICE,
	CC_MTP2_EV_OUT_OF_SERVICE, /* reason in cc_mtp2_reason_get() */
	CC_MTP2_EV_REMOTE_PO,
	CC_MTP2_EV_REMOTE_PO_END,
};

struct cc_mtp2_ops {
	/* There is something new to transmit: call cc_mtp2_tx_next() (may be NULL). */
	void (*tx_wake)(void *priv);
	/* An MSU was accepted in sequence: SIO + SIF (borrowed). */
	void (*rx_msu)(void *priv, const uint8_t *msu, size_t len);
	void (*event)(void *priv, enum cc_mtp2_ev ev);
};

struct cc_mtp2_stats {
	uint64_t rx_su, rx_msu, tx_su, tx_msu;
	uint32_t rx_errors;	/* bad SUs and line errors reported */
	uint32_t retransmitted; /* MSUs sent again after a NACK */
	uint32_t nacks_sent, nacks_rx;
	uint32_t rx_out_of_seq, rx_duplicate;
	uint32_t abnormal_bsn, abnormal_fib;
	uint32_t aerm_aborts, suerm_trips, t7_expiries;
	uint32_t alignments, failures;
	uint32_t tx_queue_full;
	uint32_t suerm_max;   /* highest SUERM count seen */
	uint64_t rx_repeated; /* SUs credited by cc_mtp2_rx_repeated() */
};

struct cc_mtp2;

CC_API const char *cc_mtp2_state_name(enum cc_mtp2_state st);
CC_API const char *cc_mtp2_reason_name(enum cc_mtp2_reason r);

/**
 * cc_mtp2_alloc() - create a link, out of service
 * @cfg:  configuration (copied; NULL for defaults); timers out of range -> -EINVAL
 * @ops:  callbacks (borrowed, must outlive the link)
 * Return: 0 and *out_l, -EINVAL, -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_mtp2_alloc(const struct cc_mtp2_cfg *cfg, const struct cc_mtp2_ops *ops,
				       void *priv, struct cc_mtp2 **out_l);
CC_API void cc_mtp2_free(struct cc_mtp2 *l);

/** cc_mtp2_start() - begin initial alignment (from out of service) */
CC_API void cc_mtp2_start(struct cc_mtp2 *l, uint64_t now_ms);
/** cc_mtp2_stop() - take the link out of service (sends SIOS) */
CC_API void cc_mtp2_stop(struct cc_mtp2 *l, uint64_t now_ms);
CC_API void cc_mtp2_set_emergency(struct cc_mtp2 *l, bool emergency);
/** cc_mtp2_set_processor_outage() - local processor outage: send SIPO, drop MSUs */
CC_API void cc_mtp2_set_processor_outage(struct cc_mtp2 *l, bool po, uint64_t now_ms);

/**
 * cc_mtp2_rx() - a signal unit arrived (FCS already checked and removed)
 * Return: 0, or -EBADMSG for a malformed SU (counted by SUERM/AERM).
 */
CC_API int cc_mtp2_rx(struct cc_mtp2 *l, uint64_t now_ms, const uint8_t *su, size_t len);
/** cc_mtp2_rx_error() - the line reported a bad frame (bad FCS, abort, too long) */
CC_API void cc_mtp2_rx_error(struct cc_mtp2 *l, uint64_t now_ms);
/** cc_mtp2_rx_octet_counting() - @octets were received in octet counting mode */
CC_API void cc_mtp2_rx_octet_counting(struct cc_mtp2 *l, uint64_t now_ms, size_t octets);
/**
 * cc_mtp2_rx_repeated() - @n more copies of the last SU were received intact
 * but not delivered, because the channel drops repeats (DAHDI mtp2=).  They
 * count as good SUs for the SUERM (Q.703 §10.2: -1 per D good SUs).
 */
CC_API void cc_mtp2_rx_repeated(struct cc_mtp2 *l, uint64_t now_ms, unsigned int n);
/**
 * cc_mtp2_line_fail() - the line below failed (span alarm): the link goes out
 * of service with reason CC_MTP2_R_LINE (no-op if already out of service).
 */
CC_API void cc_mtp2_line_fail(struct cc_mtp2 *l, uint64_t now_ms);

/**
 * cc_mtp2_send() - queue an MSU (SIO + SIF, copied) for transmission
 * Return: 0, -EINVAL (bad length), -EAGAIN (not in service), -ENOSPC (127
 * unacknowledged MSUs plus a full transmission buffer).
 */
CC_API CC_MUST_CHECK int cc_mtp2_send(struct cc_mtp2 *l, uint64_t now_ms, const uint8_t *msu,
				      size_t len);

/**
 * cc_mtp2_tx_next() - the next signal unit to put on the line (no FCS)
 *
 * Retransmissions first, then new MSUs (up to 127 outstanding), else the
 * link's status (SIOS/SIO/SIN/SIE/SIPO LSSU or FISU).  Over a channel that
 * repeats the last frame (DAHDI mtp2= mode, the loopback) call it while
 * cc_mtp2_tx_pending() is true; over a raw HDLC channel call it whenever the
 * line can take a frame.
 * Return: octets written (3..CC_MTP2_MAX_SU), or -ENOSPC if @cap < CC_MTP2_MAX_SU.
 */
CC_API CC_MUST_CHECK int cc_mtp2_tx_next(struct cc_mtp2 *l, uint64_t now_ms, uint8_t *buf,
					 size_t cap);
/** cc_mtp2_tx_pending() - is there a new SU (MSU, status change or ack) to send? */
CC_API bool cc_mtp2_tx_pending(const struct cc_mtp2 *l);

/** cc_mtp2_tick() - run expired timers */
CC_API void cc_mtp2_tick(struct cc_mtp2 *l, uint64_t now_ms);
/** cc_mtp2_next_timeout_ms() - earliest running timer deadline, or UINT64_MAX */
CC_API uint64_t cc_mtp2_next_timeout_ms(const struct cc_mtp2 *l);

CC_API enum cc_mtp2_state cc_mtp2_state_get(const struct cc_mtp2 *l);
CC_API enum cc_mtp2_reason cc_mtp2_reason_get(const struct cc_mtp2 *l);
CC_API bool cc_mtp2_is_in_service(const struct cc_mtp2 *l);
CC_API bool cc_mtp2_is_remote_po(const struct cc_mtp2 *l);
CC_API const struct cc_mtp2_stats *cc_mtp2_stats_get(const struct cc_mtp2 *l);
typedef void (*cc_mtp2_retrieve_fn)(void *priv, const uint8_t *msu, size_t len);

/**
 * cc_mtp2_retrieve_bsnt() - FSN of the last MSU accepted before the link failed
 * (sent in a changeover order, Q.704 §5.4).  Return: 0, or -ENOENT if the link
 * has not failed in service since it was last started or retrieved.
 */
CC_API CC_MUST_CHECK int cc_mtp2_retrieve_bsnt(const struct cc_mtp2 *l, uint8_t *out_fsn);

/**
 * cc_mtp2_retrieve() - hand back the MSUs the far end has not accepted
 * @fsn_accepted: the far end's last accepted FSN (from its COO/COA)
 * @fn:           called for each MSU in order: unacknowledged ones after
 *                @fsn_accepted, then those never sent
 * Return: number of MSUs retrieved, or -ENOENT (nothing to retrieve).
 */
CC_API int cc_mtp2_retrieve(struct cc_mtp2 *l, uint8_t fsn_accepted, cc_mtp2_retrieve_fn fn,
			    void *priv);

/** Current SUERM counter, for tests and utilities. */
CC_API unsigned int cc_mtp2_suerm_get(const struct cc_mtp2 *l);
/** Invariant checker: true if the link's internal state is consistent. */
CC_API bool cc_mtp2_check(const struct cc_mtp2 *l);

/* ======================================================================== */
/* Traces: pcap with link type MTP2_WITH_PHDR (139)                          */
/* ======================================================================== */

#define CC_SS7_PCAP_LINKTYPE 139 /* LINKTYPE_MTP2_WITH_PHDR */

struct cc_ss7_pcap;

/**
 * cc_ss7_pcap_open() - create a trace file written with libpcap's dump API
 * @path: file name
 * @gzip: compress the whole file with zlib (tshark/Wireshark read .pcap.gz)
 * Return: 0 and *out_p, or -errno.
 */
CC_API CC_MUST_CHECK int cc_ss7_pcap_open(const char *path, bool gzip, struct cc_ss7_pcap **out_p);

/**
 * cc_ss7_pcap_write() - append one signal unit
 * @ts_us:  capture time in microseconds (any epoch; Unix time for humans)
 * @sent:   true for SUs we sent, false for SUs we received
 * @link:   link number shown by Wireshark (pseudo-header, big-endian as
 *          tshark 4.0 reads it)
 * @su:     signal unit without FCS (borrowed)
 * Return: 0 or -EIO.
 */
CC_API int cc_ss7_pcap_write(struct cc_ss7_pcap *p, uint64_t ts_us, bool sent, uint16_t link,
			     const uint8_t *su, size_t len);

/** cc_ss7_pcap_close() - flush and close; Return: 0 or -EIO. NULL is a no-op. */
CC_API int cc_ss7_pcap_close(struct cc_ss7_pcap *p);

/* ======================================================================== */
/* Signalling stack: one linkset (1..16 links) to an adjacent exchange,     */
/* MTP3 (Q.704/Q.707) and ISUP (Q.764) or China TUP call control on a range  */
/* of circuits.                                                              */
/* ======================================================================== */

#include <callcenter/proto/q704_mtp3.h>

#define CC_SS7_MAX_LINKS  16u
#define CC_SS7_MAX_CICS	  4096u
#define CC_SS7_MAX_DIGITS 32u

enum cc_ss7_user_part {
	CC_SS7_ISUP,
	CC_SS7_TUP,
};

/* Q.764 Annex A / Q.707 / GF 001-9001 timers, configurable within range */
enum cc_ss7_timer {
	CC_SS7_T1,	 /* ISUP: REL sent -> RLC; resend REL */
	CC_SS7_T5,	 /* ISUP: initial REL -> RLC; send RSC */
	CC_SS7_T7,	 /* ISUP/TUP: address complete -> ACM */
	CC_SS7_T9,	 /* ISUP/TUP: ACM -> answer */
	CC_SS7_T12,	 /* BLO -> BLA */
	CC_SS7_T14,	 /* UBL -> UBA */
	CC_SS7_T16,	 /* RSC -> RLC */
	CC_SS7_T22,	 /* GRS -> GRA */
	CC_SS7_TUP_RLG,	 /* TUP: CLF -> RLG; resend CLF */
	CC_SS7_TUP_GSM,	 /* TUP: GRQ -> GSM */
	CC_SS7_TUP_CLF,	 /* TUP: CBK sent -> CLF */
	CC_SS7_SLT_T1,	 /* Q.707 T1: SLTM -> SLTA */
	CC_SS7_SLT_T2,	 /* Q.707 T2: periodic SLTM */
	CC_SS7_MTP3_T2,	 /* Q.704 T2: COO -> COA */
	CC_SS7_MTP3_T4,	 /* Q.704 T4: CBD -> CBA */
	CC_SS7_TRA_WAIT, /* linkset available, waiting for the adjacent SP's TRA */
	CC_SS7_T6,	 /* ISUP: SUS (network) received -> RES; release the call */
	CC_SS7_T8,	 /* ISUP: IAM asking for a continuity check -> COT; release */
	CC_SS7_T27,	 /* ISUP: COT (failure) received -> re-check; send RSC */
	CC_SS7_T2,	 /* ISUP: SUS (user) on our own call -> RES; release the call */
	CC_SS7_T__COUNT
};

struct cc_ss7_timer_desc {
	const char *name;
	uint32_t def_ms, min_ms, max_ms;
	const char *desc;
};

CC_API const struct cc_ss7_timer_desc *cc_ss7_timer_desc(enum cc_ss7_timer t);

struct cc_ss7_cfg {
	enum cc_ss7_user_part user_part;
	enum cc_mtp3_variant variant;
	uint8_t ni;	    /* network indicator, CC_MTP3_NI_* (China: national) */
	uint32_t opc;	    /* our point code */
	uint32_t dpc;	    /* the adjacent exchange's point code */
	uint16_t cic_first; /* circuits cic_first .. cic_first + ncics - 1 */
	uint16_t ncics;
	uint8_t nlinks;		  /* links in the linkset, SLC 0..nlinks-1 */
	bool no_sltm;		  /* skip the Q.707 link test on link-up */
	bool no_grs;		  /* no circuit group reset when the linkset comes up */
	bool tup_request_cli;	  /* TUP: ask with GRQ when an IAM carries no CLI */
	bool tup_cli_on_request;  /* TUP outgoing: send IAM, give the CLI only in GSM */
	bool keep_calls_on_pause; /* default: calls are released (cause 38) when the linkset fails */
	struct cc_mtp2_cfg mtp2;
	uint32_t timer_ms[CC_SS7_T__COUNT]; /* 0 = default */
};

enum cc_ss7_ev_type {
	CC_SS7_EV_LINK_UP,	/* link: MTP2 in service and link test passed */
	CC_SS7_EV_LINK_DOWN,	/* link */
	CC_SS7_EV_LINKSET_UP,	/* MTP-RESUME: traffic can flow (TRA exchanged, or TRA_WAIT) */
	CC_SS7_EV_LINKSET_DOWN, /* MTP-PAUSE */
	CC_SS7_EV_INCOMING,	/* cic, calling, called, category, cli_source */
	CC_SS7_EV_CLI,		/* TUP: calling number arrived later (GSM) */
	CC_SS7_EV_PROCEEDING,	/* outgoing: ACM received */
	CC_SS7_EV_ALERTING,	/* outgoing: called party is being alerted */
	CC_SS7_EV_ANSWERED,	/* outgoing: answered (ANM/CON, TUP ANC/ANN) */
	CC_SS7_EV_RELEASED,	/* the far end or the network ended the call; cause */
	CC_SS7_EV_IDLE,		/* circuit idle again after a release */
	CC_SS7_EV_DUAL_SEIZURE, /* our outgoing call on cic lost a dual seizure; retry */
	CC_SS7_EV_BLOCKED,	/* far end blocked cic (BLO/CGB) */
	CC_SS7_EV_UNBLOCKED,
	CC_SS7_EV_RESET,	    /* circuit reset by the far end (RSC/GRS) */
	CC_SS7_EV_GROUP_RESET_DONE, /* our GRS was acknowledged */
	CC_SS7_EV_SUSPENDED, /* ISUP: SUS on an answered call (on our own calls T6 / T2 run) */
	CC_SS7_EV_RESUMED,   /* ISUP: RES after SUS */
	CC_SS7_EV__COUNT
};

enum cc_ss7_cli_source {
	CC_SS7_CLI_NONE,
	CC_SS7_CLI_ISUP_IAM,
	CC_SS7_CLI_TUP_IAI,
	CC_SS7_CLI_TUP_GSM,
};

struct cc_ss7_number {
	bool present;
	uint8_t nai;  /* ISUP NAI; TUP NOAI */
	uint8_t pres; /* CC_ISUP_PRES_* (TUP: restricted -> 1) */
	uint8_t screen;
	char digits[CC_SS7_MAX_DIGITS + 1];
};

struct cc_ss7_event {
	enum cc_ss7_ev_type type;
	uint16_t cic;
	uint8_t link;
	uint8_t cause;	  /* Q.850 cause (TUP messages are mapped) */
	uint8_t category; /* calling party's category */
	enum cc_ss7_cli_source cli_source;
	struct cc_ss7_number calling;
	struct cc_ss7_number called;
};

struct cc_ss7_ops {
	void (*event)(void *priv, const struct cc_ss7_event *ev);
	/* link @link has a new SU to send: call cc_ss7_link_tx_next() (may be NULL) */
	void (*tx_wake)(void *priv, unsigned int link);
};

struct cc_ss7_stats {
	uint64_t msu_rx, msu_tx;
	uint32_t msu_rx_bad, msu_rx_wrong_dpc, msu_tx_no_route;
	uint32_t calls_in, calls_out, calls_answered, calls_released;
	uint32_t unequipped_rx, ucic_tx, unexpected;
	uint32_t dual_seizures, t7_expiries, t1_expiries, t5_expiries;
	uint32_t sltm_tx, slta_rx, slt_fail;
	uint32_t changeovers, changebacks, retrieved;
	uint32_t grs_tx, grs_rx, blo_rx, rsc_rx;
	uint32_t t6_expiries;		  /* suspended calls released: no RES in time */
	uint32_t t8_expiries, cot_failed; /* continuity: no COT in time / COT "failed" */
	uint32_t t27_expiries;		  /* no re-check after a failed COT: circuit reset */
	uint32_t t2_expiries;		  /* our calls suspended by the user: no RES in time */
};

struct cc_ss7;

CC_API const char *cc_ss7_ev_name(enum cc_ss7_ev_type t);

/**
 * cc_ss7_alloc() - create a stack (links out of service until cc_ss7_start())
 * Return: 0 and *out_s, -EINVAL for a bad configuration, -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_ss7_alloc(const struct cc_ss7_cfg *cfg, const struct cc_ss7_ops *ops,
				      void *priv, struct cc_ss7 **out_s);
CC_API void cc_ss7_free(struct cc_ss7 *s);

/** cc_ss7_start() - start aligning every link */
CC_API void cc_ss7_start(struct cc_ss7 *s, uint64_t now_ms);

/* Link I/O (one signal unit per call, no FCS; see cc_mtp2_rx()/tx_next()) */
CC_API int cc_ss7_link_rx(struct cc_ss7 *s, unsigned int link, uint64_t now_ms, const uint8_t *su,
			  size_t len);
CC_API void cc_ss7_link_rx_error(struct cc_ss7 *s, unsigned int link, uint64_t now_ms);
CC_API bool cc_ss7_link_tx_pending(const struct cc_ss7 *s, unsigned int link);
CC_API CC_MUST_CHECK int cc_ss7_link_tx_next(struct cc_ss7 *s, unsigned int link, uint64_t now_ms,
					     uint8_t *buf, size_t cap);
CC_API struct cc_mtp2 *cc_ss7_link_mtp2(struct cc_ss7 *s, unsigned int link);

struct cc_trunk_chan;
/**
 * cc_ss7_trunk_pump() - move signal units between link @link and a frame-mode
 * trunk channel (<callcenter/trunk.h>): new SUs out, received frames in (a
 * corrupted frame counts as a line error).
 * Return: frames moved (0 when idle), or a negative errno.
 */
CC_API int cc_ss7_trunk_pump(struct cc_ss7 *s, unsigned int link, struct cc_trunk_chan *ch,
			     uint64_t now_ms);

/**
 * cc_ss7_link_alarm_set() - the span carrying link @link entered (@alarm) or
 * left an alarm state.  Entering fails the link (MTP2 reason LINE, MTP3
 * changeover or linkset down); it is not realigned until the alarm clears.
 * cc_ss7_trunk_pump() calls this itself from cc_trunk_in_alarm().
 */
CC_API void cc_ss7_link_alarm_set(struct cc_ss7 *s, unsigned int link, bool alarm, uint64_t now_ms);
CC_API bool cc_ss7_link_in_alarm(const struct cc_ss7 *s, unsigned int link);

struct cc_ss7_pcap;
/**
 * cc_ss7_link_trace_set() - cc_ss7_trunk_pump() writes the SUs it moves on
 * link @link to @p (borrowed; NULL stops): every MSU and LSSU and every FISU
 * that differs from the previous one in the same direction (the continuous
 * FISU stream of a dchan= link and the line's repetitions are left out).
 * Time stamps are CLOCK_REALTIME.
 */
CC_API void cc_ss7_link_trace_set(struct cc_ss7 *s, unsigned int link, struct cc_ss7_pcap *p);
CC_API bool cc_ss7_link_is_available(const struct cc_ss7 *s, unsigned int link);
CC_API bool cc_ss7_is_up(const struct cc_ss7 *s);

CC_API void cc_ss7_tick(struct cc_ss7 *s, uint64_t now_ms);
CC_API uint64_t cc_ss7_next_timeout_ms(const struct cc_ss7 *s);

/**
 * cc_ss7_call() - place an outgoing call
 * @cic:      circuit, or 0 for the first idle one
 * @calling:  calling number digits ("" or NULL: none), presented as allowed,
 *            network provided, national
 * @called:   called number digits
 * @category: calling party's category (ISUP CPC / TUP CPC)
 * @out_cic:  the circuit used
 * Return: 0; -EAGAIN (linkset down), -EBUSY (no idle circuit / cic busy or
 * blocked), -EINVAL.
 */
CC_API CC_MUST_CHECK int cc_ss7_call(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic,
				     const char *calling, const char *called, uint8_t category,
				     uint16_t *out_cic);
/** cc_ss7_accept() - incoming call: address complete (ACM), subscriber free, no charge */
CC_API CC_MUST_CHECK int cc_ss7_accept(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic);
/** cc_ss7_answer() - incoming call: answer (ANM; TUP ANN), sending ACM first if needed */
CC_API CC_MUST_CHECK int cc_ss7_answer(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic);
/** cc_ss7_release() - end the call on @cic with a Q.850 @cause (REL; TUP CLF/CBK or UBM) */
CC_API CC_MUST_CHECK int cc_ss7_release(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic,
					uint8_t cause);
/** cc_ss7_block() / _unblock() - maintenance blocking of one circuit (BLO/UBL) */
CC_API CC_MUST_CHECK int cc_ss7_block(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic);
CC_API CC_MUST_CHECK int cc_ss7_unblock(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic);
/** cc_ss7_reset() - reset one circuit (RSC) */
CC_API CC_MUST_CHECK int cc_ss7_reset(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic);
/** cc_ss7_group_reset() - reset @n circuits from @cic (GRS, at most 32) */
CC_API CC_MUST_CHECK int cc_ss7_group_reset(struct cc_ss7 *s, uint64_t now_ms, uint16_t cic,
					    unsigned int n);

enum cc_ss7_circuit_state {
	CC_SS7_CS_IDLE,
	CC_SS7_CS_OUT_SETUP,	  /* IAM sent, waiting for ACM */
	CC_SS7_CS_OUT_PROCEEDING, /* ACM received */
	CC_SS7_CS_IN_SETUP,	  /* IAM received, not yet accepted */
	CC_SS7_CS_IN_GET_CLI,	  /* TUP: GRQ sent, waiting for GSM */
	CC_SS7_CS_IN_PROCEEDING,  /* ACM sent */
	CC_SS7_CS_ANSWERED,
	CC_SS7_CS_RELEASING, /* REL/CLF/CBK sent, waiting for the far end */
	CC_SS7_CS_RESETTING, /* RSC sent */
	/* ISUP: IAM asking for a continuity check received, waiting for COT (T8), or after
	 * a failed check for the far end's re-check (T27); the call is not reported */
	CC_SS7_CS_IN_CONTINUITY,
	CC_SS7_CS__COUNT
};

CC_API const char *cc_ss7_circuit_state_name(enum cc_ss7_circuit_state st);
/** cc_ss7_circuit_state() - state of @cic; -ENODEV if not ours */
CC_API int cc_ss7_circuit_state(const struct cc_ss7 *s, uint16_t cic);
/** cc_ss7_circuit_blocked() - bit 0: locally blocked, bit 1: remotely blocked; -ENODEV */
CC_API int cc_ss7_circuit_blocked(const struct cc_ss7 *s, uint16_t cic);
CC_API const struct cc_ss7_stats *cc_ss7_stats_get(const struct cc_ss7 *s);

/* ======================================================================== */
/* Caller ID: incoming calls published to /dev/callcenter/callerid          */
/* (<uapi/callcenter/cid.h>, cctrunk.ko)                                     */
/* ======================================================================== */

struct cc_ss7_cid;

struct cc_ss7_cid_stats {
	uint64_t published;
	uint32_t failed; /* device missing, no permission, record refused, ... */
	int last_error;	 /* -errno of the last failure, 0 if none */
};

/**
 * cc_ss7_cid_open() - a caller-ID publisher writing to @path
 * @path: NULL for CC_CID_DEVICE (/dev/callcenter/callerid); a regular file is
 *        appended to (tests).  The file is opened at the first publication
 *        and reopened after a failure, so a missing device is not an error
 *        here: it is counted when a record cannot be written.
 * Return: 0 and *out_c, -EINVAL, -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_ss7_cid_open(const char *path, struct cc_ss7_cid **out_c);
/** cc_ss7_cid_close() - NULL is a no-op */
CC_API void cc_ss7_cid_close(struct cc_ss7_cid *c);
/**
 * cc_ss7_cid_publish() - publish the caller ID of an INCOMING (or CLI) event
 * @up:      the user part the event came from (source SS7 ISUP or SS7 TUP)
 * @span:    DAHDI span of the circuit (0: unknown)
 * @channel: channel position in the span (0: unknown)
 * The calling number's presentation/screening and the category are copied;
 * an ISUP called number's end-of-pulsing digit (F) is dropped.
 * Return: 0, or -errno (counted in the stats; the call is not affected).
 */
CC_API int cc_ss7_cid_publish(struct cc_ss7_cid *c, const struct cc_ss7_event *ev,
			      enum cc_ss7_user_part up, uint16_t span, uint16_t channel);
CC_API const struct cc_ss7_cid_stats *cc_ss7_cid_stats_get(const struct cc_ss7_cid *c);
/**
 * cc_ss7_cid_attach() - publish every INCOMING and CLI event of @s with @c
 * (borrowed; NULL detaches), before the application's event callback sees it.
 * @span: DAHDI span of the circuits; the channel is the CIC's five low bits,
 *        the timeslot on a 2048 kbit/s system (Q.763 §1.2).
 */
CC_API void cc_ss7_cid_attach(struct cc_ss7 *s, struct cc_ss7_cid *c, uint16_t span);

/**
 * cc_ss7_set_call_ev_fn() - also report every call event of @s as a
 * signalling-neutral struct cc_call_ev (<callcenter/call.h>) to @fn (NULL
 * stops), after the ops->event callback has seen the native event.  A local
 * release is reported as RELEASED (local) when it is requested; a lost dual
 * seizure as RELEASED (cause 44) + IDLE; the linkset's MTP pause/resume as
 * TRUNK_DOWN/TRUNK_UP.
 */
CC_API void cc_ss7_set_call_ev_fn(struct cc_ss7 *s, cc_call_ev_fn fn, void *priv);

/** cc_ss7_check() - invariant checker: circuit states agree with their timers */
CC_API bool cc_ss7_check(const struct cc_ss7 *s);

#endif /* CALLCENTER_SS7_H */
