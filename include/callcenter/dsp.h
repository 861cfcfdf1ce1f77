/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/dsp.h - tone detectors and generators for 8 kHz telephone audio.
 *
 * Receivers: DTMF (Q.23/Q.24), MFC R2 forward and backward (Q.441/Q.442),
 * China call-progress tones (450 Hz dial, busy, ringback, congestion) and an
 * energy voice-activity detector with hangover.  Generators: DTMF, R2 MF and
 * call-progress cadences.
 *
 * Every object is caller-owned state (_init fills it, nothing is allocated).
 * Receivers are streaming: feed blocks of any length, down to one sample; the
 * result never depends on how the stream was cut.  Results arrive as events
 * through a callback, stamped in samples since _init (the stream clock, never
 * wall time): @at_sample is the estimated start (ON events) or end (OFF
 * events) of the signal; @seen_sample is the stream position at which the
 * receiver decided, so seen_sample - at_sample is its latency.
 *
 * Levels are in dBm0 with the G.711 A-law convention: a full-scale sine wave
 * (peak 32767) is +3.14 dBm0.  Design, accuracy plans and measured figures:
 * doc/dsp.md.
 *
 * Context: single-threaded per object; no I/O, no clock reads.
 */
#ifndef CALLCENTER_DSP_H
#define CALLCENTER_DSP_H

#include <callcenter/core.h>

#define CC_DSP_RATE_HZ 8000

enum cc_dsp_ev_type {
	CC_DSP_EV_DTMF_ON,
	CC_DSP_EV_DTMF_OFF,
	CC_DSP_EV_MF_ON,
	CC_DSP_EV_MF_OFF,
	CC_DSP_EV_CPT_ON,
	CC_DSP_EV_CPT_OFF,
	CC_DSP_EV_VOICE_ON,
	CC_DSP_EV_VOICE_OFF,
	CC_DSP_EV__COUNT
};

/* China call-progress tones (cadences and their source: doc/dsp.md). */
enum cc_cpt {
	CC_CPT_NONE,
	CC_CPT_DIAL,	   /* 450 Hz continuous */
	CC_CPT_BUSY,	   /* 450 Hz 350 ms on, 350 ms off */
	CC_CPT_RINGBACK,   /* 450 Hz 1 s on, 4 s off */
	CC_CPT_CONGESTION, /* 450 Hz 700 ms on, 700 ms off */
	CC_CPT__COUNT
};

struct cc_dsp_ev {
	enum cc_dsp_ev_type type;
	/*
	 * DTMF: the key as ASCII ('0'-'9', '*', '#', 'A'-'D'); MF: the signal
	 * number 1-15; CPT: enum cc_cpt; VOICE: 0.
	 */
	int code;
	uint64_t at_sample;
	uint64_t seen_sample;
	/* ON events: measured level of the weaker tone (VOICE: frame level), dBm0 x 10. */
	int level_ddbm0;
};

typedef void (*cc_dsp_ev_fn)(const struct cc_dsp_ev *ev, void *priv);

CC_API const char *cc_dsp_ev_type_name(enum cc_dsp_ev_type t);
CC_API const char *cc_cpt_name(enum cc_cpt t);

/* ---------------------------------------------------------------- detector core */

/*
 * Private to lib/dsp; exposed only so that callers can own the memory.  A bank
 * of up to 8 Goertzel filters run in lock-step over one block.
 */
typedef float cc_dsp_v4f __attribute__((vector_size(16)));

struct cc_dsp_gbank {
	cc_dsp_v4f coef[2], s1[2], s2[2];
	cc_dsp_v4f u[5][2]; /* Chebyshev U0..U4 of each bin: 4-sample steps */
	float energy;	    /* sum of x^2 over the block so far */
	int nf, n, pos;
	float cos_w[8], sin_w[8];
	float dr_re[8], dr_im[8];   /* de-rotation of the Goertzel output to the DFT */
	float adv_re[8], adv_im[8]; /* expected phasor advance per analysis hop */
	float prev_re[8], prev_im[8];
};

/* One block's verdict, kept for the confirmation window. */
struct cc_dsp_blk {
	int code;	    /* 0: no valid signal */
	float e_min, e_max; /* energies of the weaker / stronger tone */
	uint64_t start;	    /* first sample of the block */
	bool freq_checked;  /* phase-advance test run against the previous block */
};

struct cc_dsp_track {
	struct cc_dsp_blk win[4];
	int need;	   /* consecutive valid blocks to confirm */
	int cur;	   /* confirmed code, 0 if none */
	float cur_emin;	   /* weaker-tone energy when confirmed */
	int absent;	   /* consecutive blocks without the current code */
	uint64_t last_end; /* estimated end of the current signal so far */
	int run_code;	   /* code of the current run of valid blocks */
	uint64_t run_start;
	float run_first_e;
};

/* ---------------------------------------------------------------- DTMF receiver */

struct cc_dtmf_rx_cfg {
	/*
	 * Detection threshold per tone over a full analysis block, default
	 * -360 (-36 dBm0): 40 ms digits at -30 dBm0 are recognised even when
	 * one block sees only half of the tone.
	 */
	int min_level_ddbm0;
	int fwd_twist_ddb; /* low group stronger by at most, default 100 (accept 8, reject 12 dB) */
	int rev_twist_ddb; /* high group stronger by at most, default 60 (accept 4, reject 8 dB) */
};

struct cc_dtmf_rx {
	struct cc_dsp_gbank g; /* half windows of 51 samples */
	struct cc_dsp_track t;
	float h_re[8], h_im[8], h_e; /* previous half window */
	float rot_re[8], rot_im[8];  /* e^(-jw*51): joins two halves into one window */
	bool have_half;
	uint64_t pos;
	float thr_e, twist_fwd, twist_rev;
	cc_dsp_ev_fn cb;
	void *priv;
	struct {
		uint32_t digits, rej_level, rej_twist, rej_peak, rej_ratio, rej_freq;
	} stats;
};

/**
 * cc_dtmf_rx_init() - initialise a DTMF receiver
 * @rx: caller storage
 * @cfg: thresholds, or NULL for the defaults (Q.24 bands as in doc/dsp.md)
 * @cb: event callback (DTMF_ON when a digit is recognised, DTMF_OFF when it ends)
 * @priv: passed to @cb
 * Return: 0, or -EINVAL for an out-of-range configuration.
 */
CC_API CC_MUST_CHECK int cc_dtmf_rx_init(struct cc_dtmf_rx *rx, const struct cc_dtmf_rx_cfg *cfg,
					 cc_dsp_ev_fn cb, void *priv);
/** cc_dtmf_rx_feed() - process @n linear samples (any @n, including 0) */
CC_API void cc_dtmf_rx_feed(struct cc_dtmf_rx *rx, const int16_t *x, size_t n);

/* ---------------------------------------------------------------- R2 MF receiver */

enum cc_r2mf_dir {
	CC_R2MF_FWD, /* 1380..1980 Hz, sent by the originating register */
	CC_R2MF_BWD, /* 1140..540 Hz, sent by the terminating register */
};

struct cc_r2mf_rx_cfg {
	int min_level_ddbm0; /* default -385: Q.441 operate range ends at -35 dBm0 */
	int max_twist_ddb;   /* default 120; Q.441: accept 7 dB, reject 20 dB */
};

struct cc_r2mf_rx {
	struct cc_dsp_gbank g;
	struct cc_dsp_track t;
	uint64_t pos;
	enum cc_r2mf_dir dir;
	float thr_e, twist;
	cc_dsp_ev_fn cb;
	void *priv;
	struct {
		uint32_t signals, rej_level, rej_twist, rej_third, rej_ratio, rej_freq;
	} stats;
};

CC_API CC_MUST_CHECK int cc_r2mf_rx_init(struct cc_r2mf_rx *rx, enum cc_r2mf_dir dir,
					 const struct cc_r2mf_rx_cfg *cfg, cc_dsp_ev_fn cb,
					 void *priv);
CC_API void cc_r2mf_rx_feed(struct cc_r2mf_rx *rx, const int16_t *x, size_t n);
/** cc_r2mf_freq_hz() - nominal frequency @idx (0-5) of direction @dir, or 0 */
CC_API int cc_r2mf_freq_hz(enum cc_r2mf_dir dir, int idx);
/** cc_r2mf_signal_freqs() - frequency indices of signal 1-15; -EINVAL otherwise */
CC_API int cc_r2mf_signal_freqs(int signal, int *out_lo_idx, int *out_hi_idx);

/* ---------------------------------------------------------------- call progress */

struct cc_cpt_rx {
	float coef, s1, s2, energy;
	int pos;
	uint64_t blk;		    /* blocks seen */
	bool on;		    /* 450 Hz present in the last block */
	uint32_t seg_blocks;	    /* length of the current on/off segment */
	uint32_t last_on, last_off; /* lengths of the previous segments, blocks */
	uint64_t seg_start;	    /* sample where the current segment began */
	int flip;		    /* consecutive blocks disagreeing with @on */
	enum cc_cpt cand;	    /* pattern matched by the previous on/off pair */
	uint64_t cand_at;	    /* start of that pair */
	enum cc_cpt cur;	    /* reported tone */
	float thr_e;
	cc_dsp_ev_fn cb;
	void *priv;
};

/**
 * cc_cpt_rx_init() - initialise a China call-progress tone receiver
 * @min_level_ddbm0: weakest tone accepted (0 = default -400, i.e. -40 dBm0)
 */
CC_API CC_MUST_CHECK int cc_cpt_rx_init(struct cc_cpt_rx *rx, int min_level_ddbm0, cc_dsp_ev_fn cb,
					void *priv);
CC_API void cc_cpt_rx_feed(struct cc_cpt_rx *rx, const int16_t *x, size_t n);

/* ---------------------------------------------------------------- VAD */

struct cc_vad_cfg {
	int min_level_ddbm0; /* frames below are never speech, default -450 */
	int snr_ddb;	     /* frame must exceed the noise floor by, default 90 */
	int onset_ms;	     /* speech must persist this long, default 20 */
	int hangover_ms;     /* speech ends after this long below, default 300 */
};

struct cc_vad {
	struct cc_vad_cfg cfg;
	float acc;
	int pos;
	float noise_db;	  /* noise-floor estimate, dBm0 */
	float seg_min[4]; /* minimum frame level of the last four 500 ms segments */
	float cur_min;	  /* ... and of the current one */
	int seg_frames;
	bool active;
	int run, quiet; /* frames above / below */
	uint64_t blk, run_start, last_loud_end;
	float peak_db;
	cc_dsp_ev_fn cb;
	void *priv;
};

CC_API CC_MUST_CHECK int cc_vad_init(struct cc_vad *v, const struct cc_vad_cfg *cfg,
				     cc_dsp_ev_fn cb, void *priv);
CC_API void cc_vad_feed(struct cc_vad *v, const int16_t *x, size_t n);

/* ---------------------------------------------------------------- generators */

struct cc_dsp_osc {
	uint32_t ph[2], inc[2];
	float amp[2];
};

struct cc_dtmf_tx {
	struct cc_dsp_osc osc;
	char q[64];
	unsigned int head, tail;
	int on_samples, off_samples, left;
	bool in_tone;
	float amp_lo, amp_hi;
};

/**
 * cc_dtmf_tx_init() - DTMF generator
 * @level_ddbm0: low-group tone level (default -100 if 0); @twist_ddb: high
 * group minus low group (0 = equal); @on_ms / @off_ms: 0 for 100 / 100.
 */
CC_API CC_MUST_CHECK int cc_dtmf_tx_init(struct cc_dtmf_tx *tx, int level_ddbm0, int twist_ddb,
					 int on_ms, int off_ms);
/** cc_dtmf_tx_put() - queue digits; Return: 0, -EINVAL bad key, -ENOSPC full */
CC_API CC_MUST_CHECK int cc_dtmf_tx_put(struct cc_dtmf_tx *tx, const char *digits);
/** cc_dtmf_tx_gen() - generate up to @n samples; Return: samples written (0 when idle) */
CC_API size_t cc_dtmf_tx_gen(struct cc_dtmf_tx *tx, int16_t *out, size_t n);

struct cc_r2mf_tx {
	struct cc_dsp_osc osc;
	enum cc_r2mf_dir dir;
	int signal;   /* 0: silent */
	int32_t left; /* samples left of a pulse, -1 for continuous */
	float amp;
};

/** cc_r2mf_tx_init() - R2 MF generator, @level_ddbm0 per tone (0 = -115) */
CC_API CC_MUST_CHECK int cc_r2mf_tx_init(struct cc_r2mf_tx *tx, enum cc_r2mf_dir dir,
					 int level_ddbm0);
/**
 * cc_r2mf_tx_set() - start signal 1-15 (both tones begin on the same sample),
 * or stop with 0.  @pulse_ms > 0 sends a pulse of that length.
 * Return: 0, or -EINVAL.
 */
CC_API CC_MUST_CHECK int cc_r2mf_tx_set(struct cc_r2mf_tx *tx, int signal, int pulse_ms);
/** cc_r2mf_tx_gen() - always writes @n samples (silence when idle) */
CC_API void cc_r2mf_tx_gen(struct cc_r2mf_tx *tx, int16_t *out, size_t n);

struct cc_cpt_tx {
	struct cc_dsp_osc osc;
	enum cc_cpt tone;
	uint32_t t; /* samples into the cadence */
};

/** cc_cpt_tx_init() - China call-progress tone generator, @level_ddbm0 (0 = -100) */
CC_API CC_MUST_CHECK int cc_cpt_tx_init(struct cc_cpt_tx *tx, enum cc_cpt tone, int level_ddbm0);
CC_API void cc_cpt_tx_gen(struct cc_cpt_tx *tx, int16_t *out, size_t n);

/* Helpers for tests and tools. */
/** cc_dsp_dbm0_to_amp() - peak amplitude of a sine at @ddbm0 (dBm0 x 10) */
CC_API float cc_dsp_dbm0_to_amp(int ddbm0);

#endif /* CALLCENTER_DSP_H */
