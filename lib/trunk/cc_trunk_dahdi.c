// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Trunk channels: the DAHDI backend.
 *
 * A DAHDI signalling channel configured as mtp2= or dchan= does HDLC in the
 * kernel (flags, bit stuffing, FCS).  Userspace moves one frame per read()
 * or write(), followed by the two FCS octets: DAHDI computes them on write
 * (the two octets we append are placeholders) and has already checked them
 * on read (we strip them).  A frame with a bad FCS, an abort or a frame too
 * long for the buffer never reaches read(); DAHDI queues an event instead
 * (DAHDI_EVENT_BADFCS, _ABORT, _OVERRUN), as it does for span alarms
 * (DAHDI_EVENT_ALARM, _NOALARM).  While an event is queued read() and write()
 * fail with ELAST; the event is fetched with DAHDI_GETEVENT and then the
 * call is repeated.
 *
 * mtp2= (DAHDI_SIG_MTP2, dahdi-base.c __dahdi_getbuf_chunk/__putbuf_chunk):
 * when the transmit queue runs empty the kernel sends the last frame again
 * and again, and the receiver drops a frame equal to the previous one.  So
 * the user writes only changes (CC_TRUNK_F_REPEATS).  The receive comparison
 * uses the previous buffer index modulo numbufs, which must be a power of two.
 * dchan= (DAHDI_SIG_HDLCFCS): nothing is repeated; when the queue is empty
 * the line carries flags, so an MTP2 user keeps writing FISUs or LSSUs
 * (CC_TRUNK_F_FILL), paced so that few are queued (see cc_ss7_trunk.c).
 * The buffer count is the same for both directions: when every receive
 * buffer is full DAHDI drops received octets in the middle of frames, which
 * shows as BADFCS/ABORT events, so it stays at 32 (DAHDI's maximum) for the
 * receiver's sake.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <dahdi/user.h>

#include <callcenter/trunk.h>

#include "cc_trunk_int.h"

#define FCS_OCTETS 2
#define MAX_EVENTS 64 /* events handled in one read/write before giving up */

static void dahdi_close(struct cc_trunk_chan *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c);
}

/* Fetch one queued event.  Return: -EBADMSG for a frame lost on the line, 0 otherwise. */
static int take_event(struct cc_trunk_chan *c)
{
	int ev = 0;

	if (ioctl(c->fd, DAHDI_GETEVENT, &ev) < 0)
		return 0;
	switch (ev) {
	case DAHDI_EVENT_NONE:
		return 0;
	case DAHDI_EVENT_BADFCS:
		c->stats.badfcs++;
		return -EBADMSG;
	case DAHDI_EVENT_ABORT:
		c->stats.aborts++;
		return -EBADMSG;
	case DAHDI_EVENT_OVERRUN:
		c->stats.rx_overruns++;
		return -EBADMSG;
	case DAHDI_EVENT_ALARM:
		c->stats.alarms++;
		c->alarm = true;
		return 0;
	case DAHDI_EVENT_NOALARM:
		c->stats.noalarms++;
		c->alarm = false;
		return 0;
	default:
		c->stats.other_events++;
		return 0;
	}
}

static int dahdi_read(struct cc_trunk_chan *c, uint8_t *buf, size_t cap)
{
	uint8_t tmp[CC_TRUNK_MAX_FRAME + FCS_OCTETS];
	ssize_t n;
	int i;

	if (c->pending_errors) {
		c->pending_errors--;
		return -EBADMSG;
	}
	for (i = 0; i < MAX_EVENTS; i++) {
		n = read(c->fd, tmp, sizeof(tmp));
		if (n >= 0)
			break;
		if (errno == ELAST) {
			if (take_event(c) < 0)
				return -EBADMSG;
			continue;
		}
		if (errno == EINTR)
			continue;
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	}
	if (i == MAX_EVENTS)
		return -EAGAIN;
	if (n <= FCS_OCTETS) {
		/* DAHDI never delivers an empty frame with a good FCS; count it as bad */
		c->stats.badfcs++;
		return -EBADMSG;
	}
	n -= FCS_OCTETS;
	if ((size_t)n > cap)
		return -ENOSPC;
	memcpy(buf, tmp, (size_t)n);
	c->stats.rx_frames++;
	return (int)n;
}

static int dahdi_write(struct cc_trunk_chan *c, const uint8_t *frame, size_t len)
{
	uint8_t tmp[CC_TRUNK_MAX_FRAME + FCS_OCTETS];
	ssize_t n;
	int i;

	memcpy(tmp, frame, len);
	memset(tmp + len, 0, FCS_OCTETS); /* DAHDI overwrites them with the FCS */
	for (i = 0; i < MAX_EVENTS; i++) {
		n = write(c->fd, tmp, len + FCS_OCTETS);
		if (n >= 0)
			break;
		if (errno == ELAST) {
			if (take_event(c) < 0)
				c->pending_errors++; /* read() reports it to the receiver */
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK) {
			c->stats.tx_busy++;
			return -EAGAIN;
		}
		return -errno;
	}
	if (i == MAX_EVENTS)
		return -EAGAIN;
	if ((size_t)n != len + FCS_OCTETS)
		return -EIO;
	c->stats.tx_frames++;
	return 0;
}

static const struct chan_ops dahdi_ops = {
	.write = dahdi_write,
	.read = dahdi_read,
	.close = dahdi_close,
};

static bool power_of_two(unsigned int v)
{
	return v && !(v & (v - 1));
}

int cc_trunk_dahdi_open(const struct cc_trunk_dahdi_cfg *cfg, struct cc_trunk_chan **out_c)
{
	struct dahdi_bufferinfo bi;
	struct dahdi_params p;
	struct cc_trunk_chan *c;
	enum cc_trunk_sig sig;
	unsigned int numbufs, bufsize;
	int chan, ret;

	if (!cfg || !out_c || cfg->channo < 1 || cfg->channo > 4096 ||
	    cfg->sig == CC_TRUNK_SIG_LOOP || (unsigned int)cfg->sig > CC_TRUNK_SIG_LOOP)
		return -EINVAL;
	bufsize = cfg->bufsize ? cfg->bufsize : 512;
	if (bufsize < 16 || bufsize > CC_TRUNK_MAX_FRAME + FCS_OCTETS)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->ops = &dahdi_ops;
	c->fd = open(cfg->device ? cfg->device : "/dev/dahdi/channel",
		     O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (c->fd < 0) {
		ret = -errno;
		goto err_free;
	}
	chan = (int)cfg->channo;
	if (ioctl(c->fd, DAHDI_SPECIFY, &chan) < 0) {
		ret = errno == ENOTTY || errno == ENXIO || errno == EINVAL ? -ENODEV : -errno;
		goto err_close;
	}
	memset(&p, 0, sizeof(p));
	if (ioctl(c->fd, DAHDI_GET_PARAMS, &p) < 0) {
		ret = -errno;
		goto err_close;
	}
	if ((p.sigtype & DAHDI_SIG_HDLCFCS) != DAHDI_SIG_HDLCFCS) {
		ret = -ENODEV; /* not configured as a signalling channel with FCS */
		goto err_close;
	}
	sig = cfg->sig;
	if (sig == CC_TRUNK_SIG_AUTO)
		sig = p.sigtype == DAHDI_SIG_MTP2 ? CC_TRUNK_SIG_MTP2 : CC_TRUNK_SIG_DCHAN;
	if (sig == CC_TRUNK_SIG_MTP2 && p.sigtype != DAHDI_SIG_MTP2) {
		ret = -EINVAL;
		goto err_close;
	}
	numbufs = cfg->numbufs ? cfg->numbufs : 32;
	if (numbufs < 2 || numbufs > 32 || (sig == CC_TRUNK_SIG_MTP2 && !power_of_two(numbufs))) {
		ret = -EINVAL;
		goto err_close;
	}
	memset(&bi, 0, sizeof(bi));
	if (ioctl(c->fd, DAHDI_GET_BUFINFO, &bi) < 0) {
		ret = -errno;
		goto err_close;
	}
	bi.txbufpolicy = DAHDI_POLICY_IMMEDIATE;
	bi.rxbufpolicy = DAHDI_POLICY_IMMEDIATE;
	bi.numbufs = (int)numbufs;
	bi.bufsize = (int)bufsize;
	if (ioctl(c->fd, DAHDI_SET_BUFINFO, &bi) < 0) {
		ret = -errno;
		goto err_close;
	}
	c->flags = sig == CC_TRUNK_SIG_MTP2 ? CC_TRUNK_F_REPEATS : CC_TRUNK_F_FILL;
	c->alarm = p.chan_alarms != 0;
	c->info.sig = sig;
	c->info.channo = cfg->channo;
	c->info.span = p.spanno > 0 ? (unsigned int)p.spanno : 0;
	c->info.chanpos = p.chanpos > 0 ? (unsigned int)p.chanpos : 0;
	*out_c = c;
	return 0;

err_close:
	close(c->fd);
err_free:
	free(c);
	return ret;
}
