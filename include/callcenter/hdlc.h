/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/hdlc.h - software HDLC framing for signalling links (Q.703 / ISO 13239).
 *
 * Bits travel least significant bit first within each octet.  A frame is
 * delimited by flags (0x7E); inside a frame the sender inserts a 0 after five
 * consecutive 1s (bit stuffing) and the receiver removes it; seven or more 1s
 * is an abort.  Every frame carries a 16-bit FCS (CRC-16/X.25, <callcenter/crc.h>),
 * transmitted low octet first.  Between frames the line idles with flags; one
 * flag may close one frame and open the next, and two flags may share a 0.
 *
 * The encoder and decoder are portable cores (lib/core): the caller owns the
 * state, there is no allocation and no I/O.  Both process 32-bit words where they
 * can (stuffing found and applied with mask arithmetic) and fall back to constant
 * tables octet by octet (see lib/core/cc_hdlc.c); both keep the bit phase across
 * calls, so a bit stream may be cut anywhere.  The encoder never writes past the
 * capacity it is given.
 *
 * Context: any; one state object per direction, not shared between threads.
 */
#ifndef CALLCENTER_HDLC_H
#define CALLCENTER_HDLC_H

#include <callcenter/core.h>

#define CC_HDLC_FLAG	   0x7Eu
#define CC_HDLC_FCS_OCTETS 2u
/* Largest frame the decoder can hold, FCS included (MTP2 needs 3 + 1 + 272 + 2 = 278). */
#define CC_HDLC_MAX_FRAME 512u

/*
 * Worst-case encoded size of a @len-octet payload: FCS, one stuffed bit per 5
 * payload bits, opening and closing flag and 7 bits pending from earlier calls.
 */
#define CC_HDLC_ENC_MAX_OCTETS(len)                                                                \
	((((len) + CC_HDLC_FCS_OCTETS) * 48u / 5u + 1u + 16u + 7u + 7u) / 8u)

/* Decoder events, passed to the frame callback. */
enum cc_hdlc_ev {
	CC_HDLC_EV_FRAME,      /* good frame, FCS checked and removed */
	CC_HDLC_EV_BAD_FCS,    /* frame with a wrong FCS (discarded) */
	CC_HDLC_EV_ABORT,      /* 7 or more 1s inside a frame */
	CC_HDLC_EV_TOO_LONG,   /* frame grew past the configured maximum; hunting for a flag */
	CC_HDLC_EV_SHORT,      /* fewer than 3 octets between flags (FCS + 1) */
	CC_HDLC_EV_MISALIGNED, /* frame length is not a whole number of octets */
	CC_HDLC_EV__COUNT
};

CC_API const char *cc_hdlc_ev_name(enum cc_hdlc_ev ev);

/**
 * typedef cc_hdlc_frame_fn - decoder output
 * @priv:  the pointer given to cc_hdlc_dec_init()
 * @ev:    what happened
 * @frame: for CC_HDLC_EV_FRAME the frame without its FCS (borrowed: valid only
 *         during the call), otherwise NULL
 * @len:   octets in @frame (0 for errors)
 */
typedef void (*cc_hdlc_frame_fn)(void *priv, enum cc_hdlc_ev ev, const uint8_t *frame, size_t len);

struct cc_hdlc_dec_stats {
	uint64_t octets_in;
	uint32_t frames;
	uint32_t bad_fcs;
	uint32_t aborts;
	uint32_t too_long;
	uint32_t short_frames;
	uint32_t misaligned;
};

struct cc_hdlc_dec {
	uint32_t acc;	   /* de-stuffed bits not yet assembled into an octet */
	uint8_t nbits;	   /* valid bits in @acc (0..13) */
	uint8_t ones;	   /* consecutive 1s seen on the line (capped at 7) */
	bool in_frame;	   /* a flag was seen and no abort/overflow since */
	size_t len;	   /* octets in @buf */
	size_t max_octets; /* frame limit, FCS included */
	cc_hdlc_frame_fn fn;
	void *priv;
	struct cc_hdlc_dec_stats stats;
	uint8_t buf[CC_HDLC_MAX_FRAME];
};

struct cc_hdlc_enc {
	uint64_t acc;	 /* encoded bits not yet output */
	uint8_t nbits;	 /* valid bits in @acc */
	uint8_t ones;	 /* consecutive 1s in the stuffed payload so far (0..4) */
	bool after_flag; /* the stream so far ends with a complete flag */
	uint32_t frames;
	uint32_t aborts;
};

/**
 * cc_hdlc_dec_init() - zero and set up a decoder
 * @d:          caller storage
 * @max_octets: longest acceptable frame including FCS (3..CC_HDLC_MAX_FRAME;
 *              larger values are clamped)
 * @fn:         frame/event callback, called from cc_hdlc_dec_feed()
 * @priv:       passed to @fn
 *
 * The decoder starts hunting for a flag.
 */
CC_API void cc_hdlc_dec_init(struct cc_hdlc_dec *d, size_t max_octets, cc_hdlc_frame_fn fn,
			     void *priv);

/**
 * cc_hdlc_dec_feed() - decode line octets (LSB first)
 * @d:   decoder
 * @in:  octets from the line (borrowed)
 * @len: number of octets
 *
 * Calls the callback for every frame and every error found.  Never fails:
 * bad line data is counted in @d->stats.
 */
CC_API void cc_hdlc_dec_feed(struct cc_hdlc_dec *d, const uint8_t *in, size_t len);

/** cc_hdlc_enc_init() - zero an encoder (the first frame gets an opening flag) */
CC_API void cc_hdlc_enc_init(struct cc_hdlc_enc *e);

/**
 * cc_hdlc_enc_frame() - append one frame (opening flag if needed, stuffed data and
 * FCS, closing flag) to the bit stream and output every complete octet
 * @e:    encoder
 * @data: payload without FCS (borrowed)
 * @len:  payload octets (1..CC_HDLC_MAX_FRAME - 2)
 * @out:  output octets
 * @cap:  room in @out; must be at least CC_HDLC_ENC_MAX_OCTETS(@len)
 *
 * Up to 7 bits of the closing flag may stay inside the encoder until the next
 * call; cc_hdlc_enc_flags() pushes them out with idle flags.
 *
 * Return: octets written to @out, -EINVAL for a bad @len, -ENOSPC if @cap is
 * below the worst case (nothing is written).
 */
CC_API CC_MUST_CHECK int cc_hdlc_enc_frame(struct cc_hdlc_enc *e, const uint8_t *data, size_t len,
					   uint8_t *out, size_t cap);

/**
 * cc_hdlc_enc_flags() - fill exactly @n output octets with idle flags
 *
 * Pending bits go out first, so the octets are flags at whatever bit phase the
 * stream is in.
 */
CC_API void cc_hdlc_enc_flags(struct cc_hdlc_enc *e, uint8_t *out, size_t n);

/**
 * cc_hdlc_enc_abort() - append an abort sequence (8 ones) and a flag
 * @out: output; @cap must be at least 3
 *
 * Return: octets written, or -ENOSPC.
 */
CC_API CC_MUST_CHECK int cc_hdlc_enc_abort(struct cc_hdlc_enc *e, uint8_t *out, size_t cap);

#endif /* CALLCENTER_HDLC_H */
