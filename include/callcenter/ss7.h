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

#include <callcenter/core.h>

/* ======================================================================== */
/* MTP2 signal units (Q.703 §2)                                             */
/* ======================================================================== */

#define CC_MTP2_MAX_SIF	  272u			 /* Q.703 §2.3.8 */
#define CC_MTP2_MAX_SU	  (3u + 1u + CC_MTP2_MAX_SIF) /* header + SIO + SIF, no FCS */
#define CC_MTP2_LI_MAX	  63u
#define CC_MTP2_SEQ_MOD	  128u

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
	uint8_t type;	      /* enum cc_mtp2_su_type */
	uint8_t status;	      /* LSSU: enum cc_mtp2_status */
	const uint8_t *msu;   /* MSU: SIO + SIF (borrowed) */
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
	CC_MTP2_R_STOP,	      /* local stop request */
	CC_MTP2_R_T1,	      /* alignment ready timer */
	CC_MTP2_R_T2,	      /* not aligned timer */
	CC_MTP2_R_T3,	      /* aligned timer */
	CC_MTP2_R_T7,	      /* excessive delay of acknowledgement */
	CC_MTP2_R_AERM,	      /* proving failed M times */
	CC_MTP2_R_SUERM,      /* error rate monitor threshold */
	CC_MTP2_R_BSN,	      /* abnormal BSN, 2 of 3 */
	CC_MTP2_R_FIB,	      /* abnormal FIB, 2 of 3 */
	CC_MTP2_R_REMOTE,     /* SIO/SIN/SIE/SIOS received in service */
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
	uint32_t rx_errors;	  /* bad SUs and line errors reported */
	uint32_t retransmitted;	  /* MSUs sent again after a NACK */
	uint32_t nacks_sent, nacks_rx;
	uint32_t rx_out_of_seq, rx_duplicate;
	uint32_t abnormal_bsn, abnormal_fib;
	uint32_t aerm_aborts, suerm_trips, t7_expiries;
	uint32_t alignments, failures;
	uint32_t tx_queue_full;
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
/** Current SUERM counter and the proving attempt number, for tests and utilities. */
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
CC_API CC_MUST_CHECK int cc_ss7_pcap_open(const char *path, bool gzip,
					  struct cc_ss7_pcap **out_p);

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

#endif /* CALLCENTER_SS7_H */
