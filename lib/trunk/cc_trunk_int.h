/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lib/trunk private definitions: the channel object shared by the common
 * interface and its backends (cc_trunk.c: loopback, cc_trunk_dahdi.c: DAHDI).
 */
#ifndef CC_TRUNK_INT_H
#define CC_TRUNK_INT_H

#include <callcenter/trunk.h>

struct chan_ops {
	int (*write)(struct cc_trunk_chan *c, const uint8_t *frame, size_t len);
	int (*read)(struct cc_trunk_chan *c, uint8_t *buf, size_t cap);
	void (*close)(struct cc_trunk_chan *c);
};

struct loop_fifo;

struct cc_trunk_chan {
	const struct chan_ops *ops;
	unsigned int flags; /* CC_TRUNK_F_* */
	struct cc_trunk_stats stats;
	struct cc_trunk_info info;
	bool alarm;
	/* loopback */
	struct cc_trunk_impair imp;
	uint64_t written;
	struct loop_fifo *rx; /* frames for us */
	struct loop_fifo *tx; /* frames for the peer */
	struct cc_trunk_chan *peer;
	/* F_REPEATS emulation: the last frame delivered, the last frame written */
	uint16_t last_len, last_tx_len;
	uint8_t last[CC_TRUNK_MAX_FRAME];
	uint8_t last_tx[CC_TRUNK_MAX_FRAME];
	/* DAHDI */
	int fd;
	unsigned int pending_errors; /* frame errors seen while writing, reported by read */
};

#endif /* CC_TRUNK_INT_H */
