/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/trunk.h - trunk channels behind one interface.
 *
 * A channel carries frames (a signalling channel in HDLC/MTP2 mode: one
 * signal unit per write/read, FCS handled below us, as DAHDI's mtp2=/dchan=
 * channels do) between this process and the line.  Backends:
 *   - loopback: an in-process pair of channels wired back to back, with
 *     line impairments (cut, frame loss, frame corruption) for tests of full
 *     call flows without a kernel;
 *   - DAHDI (later): /dev/dahdi/channel in mtp2 mode.
 *
 * Context: single-threaded; a pair's two ends belong to the same thread.
 */
#ifndef CALLCENTER_TRUNK_H
#define CALLCENTER_TRUNK_H

#include <callcenter/core.h>

#define CC_TRUNK_MAX_FRAME 512u

struct cc_trunk_chan;

struct cc_trunk_impair {
	bool cut;		/* the line is cut: every frame written is lost */
	uint32_t drop_every;	/* lose every n-th frame written (0: none) */
	uint32_t corrupt_every; /* every n-th frame arrives with a bad FCS (0: none) */
};

struct cc_trunk_stats {
	uint64_t tx_frames, rx_frames;
	uint32_t dropped, corrupted, overruns;
};

/**
 * cc_trunk_loop_pair() - create two channels wired back to back
 * @depth: frames each direction can hold (1..65536)
 * Return: 0, -EINVAL, -ENOMEM.  Close both ends with cc_trunk_close().
 */
CC_API CC_MUST_CHECK int cc_trunk_loop_pair(unsigned int depth, struct cc_trunk_chan **out_a,
					    struct cc_trunk_chan **out_b);

/**
 * cc_trunk_write() - send one frame
 * Return: 0 (also when an impairment loses it), -EINVAL (bad length),
 * -EAGAIN (the far end's queue is full; counted as an overrun).
 */
CC_API int cc_trunk_write(struct cc_trunk_chan *c, const uint8_t *frame, size_t len);

/**
 * cc_trunk_read() - receive one frame
 * Return: its length; -EAGAIN if none is waiting; -ENOLINK if none is waiting
 * and the line is cut (loss of signal); -EBADMSG for a frame that
 * arrived corrupted (consumed; what DAHDI reports as a bad FCS); -ENOSPC if
 * @cap is too small (frame consumed).
 */
CC_API int cc_trunk_read(struct cc_trunk_chan *c, uint8_t *buf, size_t cap);

/** cc_trunk_impair_set() - impair frames written on @c from now on */
CC_API void cc_trunk_impair_set(struct cc_trunk_chan *c, const struct cc_trunk_impair *imp);
CC_API const struct cc_trunk_stats *cc_trunk_stats_get(const struct cc_trunk_chan *c);
/** cc_trunk_close() - close one end; the other end then loses what it writes. NULL ok. */
CC_API void cc_trunk_close(struct cc_trunk_chan *c);

#endif /* CALLCENTER_TRUNK_H */
