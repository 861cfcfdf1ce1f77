/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cctrunk.h - private definitions of cctrunk.ko (virtual E1 pairs, caller ID).
 *
 * Objects: one struct cct_pair per pair = one DAHDI device with two spans
 * (struct cct_span, local spans 1 = "A" and 2 = "B").  Each span owns the
 * receive side of its line: a ring of line blocks (struct cct_blk, one per
 * 1 ms tick = 8 E1 frames of 32 octets + the ABCD nibbles of every timeslot)
 * written by the far end's transmitter and read by its own receiver after the
 * configured delay.
 *
 * Context and locking:
 *   - cct_tick() runs from one hard-IRQ hrtimer for all pairs.  It alone
 *     touches framer state (struct cct_tx, struct cct_rx) and the rings.
 *   - Impairment knobs (struct cct_imp) are written by sysfs with WRITE_ONCE
 *     and read once per tick with READ_ONCE; no lock.
 *   - rbsbits() (any context, the sending channel's lock held) only stores
 *     the nibble in cct_tx.cas[] with WRITE_ONCE; the tick delivers it to the
 *     far channel with dahdi_rbsbits(), holding no other channel lock.
 *   - span->count and span->alarms are updated by the tick under span->lock
 *     (the lock DAHDI's maint ioctl holds when resetting counters).
 */
#ifndef CCTRUNK_H
#define CCTRUNK_H

#include <linux/types.h>
#include <linux/kobject.h>
#include <linux/random.h>
#include <linux/prandom.h>
#include <linux/seqlock.h>
#include <dahdi/kernel.h>

#define CCT_CHANS	   31	/* E1 timeslots 1..31; chanpos n = TS n */
#define CCT_TS		   32	/* octets per E1 frame, TS0 included */
#define CCT_FRAMES	   8	/* frames per 1 ms tick (DAHDI_CHUNKSIZE) */
#define CCT_MAX_PAIRS	   16	/* 32 spans x 31 channels <= DAHDI_MAX_CHANNELS */
#define CCT_MAX_DELAY_MS   500
#define CCT_RING_TICKS	   (CCT_MAX_DELAY_MS + 4)
#define CCT_BITS_PER_TICK  (CCT_FRAMES * CCT_TS * 8)	/* 2048 kbit/s */
#define CCT_CAS_BITS	   (CCT_TS * 4)

/* One millisecond of line signal. */
struct cct_blk {
	u8 fr[CCT_FRAMES][CCT_TS];
	u8 cas[CCT_TS];		/* ABCD nibble per timeslot (CAS spans) */
	u8 signal;		/* pulses on the line (0 = loss of signal) */
};

/* Receive-side impairments of a span, set through sysfs. */
struct cct_imp {
	u32 cut;		/* 1 = loss of signal */
	u32 ais;		/* 1 = all-ones (AIS) received */
	u32 ber_mant;		/* bit error rate = ber_mant * 10^-ber_exp, 0 = off */
	u32 ber_exp;
	u32 slip_interval_ms;	/* one controlled slip every N ms, 0 = off */
	u32 delay_ms;		/* extra one-way delay, 0..CCT_MAX_DELAY_MS */
};

/* Transmit framer. */
struct cct_tx {
	u8 cas[CCT_TS];		/* latched ABCD per timeslot (rbsbits) */
	u8 crc_prev;		/* CRC-4 of the previous sub-multiframe */
	bool smf2;		/* the next tick carries sub-multiframe II */
	u8 ebits_pending;	/* errored SMFs to report with E-bits */
	bool rai;		/* send remote alarm indication (NFAS A bit) */
};

/* Receive framer, defects, alarm integration and bit-error state. */
struct cct_rx {
	bool fa;		/* in frame alignment */
	u8 hunt;		/* G.706 4.1.2 search step */
	bool expect_fas;
	u8 fas_bad_run;
	bool mfa;		/* in CRC-4 multiframe alignment */
	u8 mf_pos;		/* frame number 0..15 in the CRC-4 multiframe */
	u8 mfas_sr;		/* Si bits of the last NFAS frames (search) */
	u8 mfas_bad;		/* consecutive multiframes with bad MFAS */
	u8 mfas_err;		/* MFAS bit errors in the current multiframe */
	u8 crc_acc;		/* CRC-4 being computed over this SMF */
	u8 crc_prev;		/* CRC-4 computed over the previous SMF */
	bool crc_prev_valid;
	bool smf_full;		/* crc_acc covers a whole SMF */
	u8 c_rx;		/* C1..C4 received in this SMF */
	u8 rai_frames;		/* NFAS frames with A=1 in this tick */
	u8 nfas_frames;

	bool los, lfa, ais, rai;	/* defects seen this tick */
	u32 los_ms, lfa_ms, ais_ms, rai_ms;
	u32 recover_ms;
	int alarms;		/* last value given to DAHDI */

	u32 es_ms;		/* position in the current second */
	bool es_hit;		/* this second is errored */
	u32 bpv_pend;		/* bit errors not yet in span->count */

	u64 ber_next;		/* bit index of the next error */
	u32 ber_mant, ber_exp;	/* rate the schedule was made for */
	u32 slip_ms;
	bool slip_back;		/* the elastic store repeats one frame */

	u8 cas[CCT_TS];		/* last ABCD delivered per timeslot */
	u64 rd_frame;		/* first frame delivered to DAHDI last tick */
};

struct cct_pair;

struct cct_span {
	struct dahdi_span span;
	struct dahdi_chan *chans[CCT_CHANS];
	struct cct_pair *pair;
	struct cct_span *peer;
	int idx;		/* 0 = A, 1 = B */

	struct cct_blk *ring;	/* receive line, CCT_RING_TICKS blocks */
	u64 wr_tick;		/* blocks written into ring */
	struct cct_blk txblk;	/* what this span sent this tick */

	struct cct_imp imp;
	struct cct_tx tx;
	struct cct_rx rx;
	struct rnd_state rnd;
	int lc_sync;		/* timing priority from system.conf */
	int maint;		/* DAHDI_MAINT_* loop mode */

	/* statistics not in struct dahdi_count (sysfs) */
	u64 bit_errors;
	u64 slips;
	u64 rx_frames;

	struct kobject *kobj;	/* /sys/devices/cctrunk/pairN/{a,b} */
};

struct cct_pair {
	int num;
	struct dahdi_device *ddev;
	struct cct_span spans[2];
	struct kobject *kobj;
	char hwid[32];
	char location[32];
};

/* cctrunk_line.c: the E1 line model */
void cct_line_init(void);
void cct_line_reset(struct cct_span *s);
void cct_line_tx(struct cct_span *s, bool running);
void cct_line_put(struct cct_span *rx, const struct cct_blk *blk);
void cct_line_rx(struct cct_span *s, bool running);
int cct_ber_parse(const char *buf, u32 *mant, u32 *exp);

/* cctrunk_main.c */
extern int cct_npairs;
extern struct cct_pair *cct_pairs[CCT_MAX_PAIRS];
extern unsigned int cct_red_debounce_ms;
extern unsigned int cct_ais_debounce_ms;
extern unsigned int cct_yellow_debounce_ms;
extern unsigned int cct_recover_ms;
extern u64 cct_ticks;
extern u64 cct_lost_ticks;
extern u64 cct_debt;
extern u64 cct_max_debt;
/* guards cct_ticks, cct_debt and every span's rx_frames for consistent snapshots */
extern seqcount_t cct_tick_seq;

/* cctrunk_sysfs.c */
int cct_sysfs_init(struct device *root);
void cct_sysfs_fini(void);

/* cctrunk_cid.c */
int cct_cid_init(void);
void cct_cid_fini(void);

#endif /* CCTRUNK_H */
