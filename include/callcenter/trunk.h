/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/trunk.h - trunk channels behind one interface.
 *
 * A channel carries frames (a signalling channel in HDLC/MTP2 mode: one
 * signal unit per write/read, FCS handled below us, as DAHDI's mtp2=/dchan=
 * channels do) between this process and the line.  Backends:
 *   - loopback: an in-process pair of channels wired back to back, with
 *     line impairments (cut, frame loss, frame corruption) for tests of full
 *     call flows without a kernel; it can also behave like a DAHDI mtp2=
 *     channel (CC_TRUNK_F_REPEATS) so the same binding code is unit-tested;
 *   - DAHDI: a /dev/dahdi/channel configured as mtp2= (the kernel repeats the
 *     last frame written and drops received frames equal to the previous one)
 *     or dchan= (software HDLC with FCS: idle flags unless frames are written
 *     continuously).  Each read/write moves one frame plus the two FCS
 *     octets DAHDI expects (checked and computed by DAHDI, ignored here).
 *
 * Context: single-threaded; a pair's two ends belong to the same thread.
 */
#ifndef CALLCENTER_TRUNK_H
#define CALLCENTER_TRUNK_H

#include <callcenter/core.h>

#define CC_TRUNK_MAX_FRAME 512u

/* Channel behaviour (cc_trunk_flags()) */
#define CC_TRUNK_F_REPEATS                                                                         \
	(1u << 0) /* the line repeats the last frame written and the
				      * receiver drops repeats (DAHDI mtp2=) */
#define CC_TRUNK_F_FILL                                                                            \
	(1u << 1) /* nothing is sent unless frames are written: keep
				      * writing until -EAGAIN (DAHDI dchan=) */

struct cc_trunk_chan;

struct cc_trunk_impair {
	bool cut;		/* the line is cut: every frame written is lost */
	uint32_t drop_every;	/* lose every n-th frame written (0: none) */
	uint32_t corrupt_every; /* every n-th frame arrives with a bad FCS (0: none) */
};

struct cc_trunk_stats {
	uint64_t tx_frames, rx_frames;
	uint32_t dropped, corrupted, overruns;
	/* DAHDI events (loopback: badfcs counts corrupted frames read) */
	uint32_t badfcs, aborts, rx_overruns, alarms, noalarms, other_events;
	uint32_t tx_busy;	  /* writes refused because the transmit buffers were full */
	uint64_t repeats_dropped; /* loopback F_REPEATS emulation: frames dropped as repeats */
};

enum cc_trunk_sig {
	CC_TRUNK_SIG_AUTO,  /* from the channel's configuration */
	CC_TRUNK_SIG_MTP2,  /* mtp2= */
	CC_TRUNK_SIG_DCHAN, /* dchan= / fcshdlc= (HDLC with FCS) */
	CC_TRUNK_SIG_LOOP,  /* in-process loopback */
};

struct cc_trunk_info {
	enum cc_trunk_sig sig;
	unsigned int channo;  /* DAHDI channel number (0: loopback) */
	unsigned int span;    /* DAHDI span number */
	unsigned int chanpos; /* position in the span (E1 timeslot) */
};

/**
 * cc_trunk_loop_pair() - create two channels wired back to back
 * @depth: frames each direction can hold (1..65536)
 * Return: 0, -EINVAL, -ENOMEM.  Close both ends with cc_trunk_close().
 */
CC_API CC_MUST_CHECK int cc_trunk_loop_pair(unsigned int depth, struct cc_trunk_chan **out_a,
					    struct cc_trunk_chan **out_b);

/**
 * cc_trunk_loop_set_flags() - make a loopback end behave like a DAHDI channel
 * @flags: CC_TRUNK_F_REPEATS: as DAHDI's mtp2= mode, the line repeats the far
 *         end's last frame (a read with nothing queued returns it, undamaged,
 *         when the copy @c last delivered differs, i.e. the first was lost)
 *         and frames equal to the previous one delivered are dropped; the
 *         channel reports the flag, so users write only changes.  Set it on
 *         both ends.  0 restores the plain loopback.
 * Return: 0, or -EINVAL for a DAHDI channel or unknown flags.
 */
CC_API int cc_trunk_loop_set_flags(struct cc_trunk_chan *c, unsigned int flags);

struct cc_trunk_dahdi_cfg {
	unsigned int channo;   /* DAHDI channel number (required) */
	enum cc_trunk_sig sig; /* AUTO, MTP2 or DCHAN */
	unsigned int numbufs;  /* 0: 32; 2..32 (mtp2=: a power of two) */
	unsigned int bufsize;  /* 0: 512 octets (at least one SU + FCS) */
	const char *device;    /* NULL: /dev/dahdi/channel */
};

/**
 * cc_trunk_dahdi_open() - open a DAHDI signalling channel, non-blocking
 *
 * The channel must be configured (dahdi_cfg) as mtp2= or dchan=; with
 * CC_TRUNK_SIG_AUTO its configuration decides (mtp2= gives CC_TRUNK_F_REPEATS,
 * dchan= CC_TRUNK_F_FILL).  Asking for MTP2 on a dchan= channel is -EINVAL
 * (DAHDI would not repeat); DCHAN on an mtp2= channel is allowed.
 * Return: 0 and *out_c; -ENODEV (no such channel / not a signalling channel),
 * -EINVAL, -ENOMEM, or another -errno from open()/ioctl().
 */
CC_API CC_MUST_CHECK int cc_trunk_dahdi_open(const struct cc_trunk_dahdi_cfg *cfg,
					     struct cc_trunk_chan **out_c);

/**
 * cc_trunk_write() - send one frame
 * Return: 0 (also when an impairment loses it), -EINVAL (bad length),
 * -EAGAIN (no room: the loopback far end's queue is full, counted as an
 * overrun; DAHDI's transmit buffers are full, counted in tx_busy), or
 * another -errno.
 */
CC_API int cc_trunk_write(struct cc_trunk_chan *c, const uint8_t *frame, size_t len);

/**
 * cc_trunk_read() - receive one frame
 * Return: its length; -EAGAIN if none is waiting; -ENOLINK if none is waiting
 * and the loopback line is cut (loss of signal); -EBADMSG for a frame lost to
 * a line error (consumed: a corrupted loopback frame, a DAHDI BADFCS, ABORT or
 * receive OVERRUN event); -ENOSPC if @cap is too small (frame consumed).
 * DAHDI ALARM/NOALARM events are consumed here and change cc_trunk_in_alarm().
 */
CC_API int cc_trunk_read(struct cc_trunk_chan *c, uint8_t *buf, size_t cap);

/** cc_trunk_impair_set() - impair frames written on loopback end @c from now on */
CC_API void cc_trunk_impair_set(struct cc_trunk_chan *c, const struct cc_trunk_impair *imp);
CC_API const struct cc_trunk_stats *cc_trunk_stats_get(const struct cc_trunk_chan *c);
/** cc_trunk_flags() - CC_TRUNK_F_* of the channel */
CC_API unsigned int cc_trunk_flags(const struct cc_trunk_chan *c);
/** cc_trunk_fd() - file descriptor to poll (POLLIN, POLLPRI for events, POLLOUT), or -1 */
CC_API int cc_trunk_fd(const struct cc_trunk_chan *c);
/** cc_trunk_in_alarm() - the span reported an alarm (DAHDI ALARM until NOALARM) */
CC_API bool cc_trunk_in_alarm(const struct cc_trunk_chan *c);
CC_API void cc_trunk_info_get(const struct cc_trunk_chan *c, struct cc_trunk_info *out_info);
/** cc_trunk_close() - close one end; the other end then loses what it writes. NULL ok. */
CC_API void cc_trunk_close(struct cc_trunk_chan *c);

#endif /* CALLCENTER_TRUNK_H */
