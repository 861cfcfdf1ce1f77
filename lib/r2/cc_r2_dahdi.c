// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * R2 on DAHDI cas= channels: the thin I/O layer around cc_r2_group.c.
 *
 * Design notes
 * ------------
 * - Open: /dev/dahdi/channel + DAHDI_SPECIFY, O_NONBLOCK; the channel must be
 *   DAHDI_SIG_CAS.  A-law, not linear, 20 ms buffers (160 octets), numbufs
 *   from the config (32 by default: the most DAHDI allows, it rides out
 *   scheduling stalls of an emulated or loaded host, doc/peers.md), immediate
 *   buffer policy both ways.  Stale events are discarded; the span's alarm
 *   state (DAHDI_GET_PARAMS chan_alarms) and DAHDI_GETRXBITS give the start.
 * - Line: the core's ABCD -> DAHDI_SETTXBITS.  DAHDI_EVENT_BITSCHANGED ->
 *   DAHDI_GETRXBITS & 0xf (dahdi_dynamic leaks the neighbour channel's
 *   nibble into bits 4-7, doc/peers.md) -> cc_r2_chan_rx_abcd().
 *   DAHDI_EVENT_ALARM / NOALARM -> cc_r2_chan_alarm(), then the bits again.
 * - MF audio is read only while the channel is in register signalling
 *   (POLLIN); entering it flushes the stale receive buffers.  A steady tone
 *   starts with lead_chunks x 20 ms queued at once and is topped up by one
 *   chunk per chunk read, so the transmit queue stays lead_chunks deep
 *   (clocked by the receive side, like the line itself); a tone stop flushes
 *   the transmit queue (DAHDI_FLUSH) so it ends at once.  A pulse is queued
 *   whole.
 * - DAHDI refuses write() with ELAST while an event is pending on the
 *   channel.  OpenR2 1.3.3 drops that audio (a phase jump in its tones,
 *   doc/peers.md); we keep it in txq and write it again after reading the
 *   event.  EAGAIN (buffers full) also keeps it.  Events are never handled
 *   from inside a core callback (the core is not re-entrant): a write that
 *   fails there is retried at top level in the same cc_r2_group_process().
 * - Time: CLOCK_MONOTONIC in ms, read once per process round and per command.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <dahdi/user.h>

#include <callcenter/g711.h>
#include <callcenter/log.h>

#include "cc_r2_int.h"

#define MAX_EVENTS_PER_ROUND 64
#define MAX_READS_PER_ROUND  64

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t d_now(const struct cc_r2_group *g)
{
	(void)g;
	return mono_ms();
}

static void d_tx_abcd(struct r2g_chan *c, uint8_t abcd)
{
	int bits = abcd;

	if (c->fd >= 0 && ioctl(c->fd, DAHDI_SETTXBITS, &bits) < 0)
		c->g->stats.ioctl_errors++;
}

/* Write what is staged.  Return: 0 (all written), -EAGAIN, -ELAST (event pending), -errno. */
static int flush_tx(struct r2g_chan *c)
{
	struct cc_r2_group_stats *st = &c->g->stats;

	while (c->txq_len) {
		ssize_t w = write(c->fd, c->txq, c->txq_len);

		if (w > 0) {
			memmove(c->txq, c->txq + w, c->txq_len - (size_t)w);
			c->txq_len -= (size_t)w;
			st->tx_samples += (uint64_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			st->tx_full++;
			return -EAGAIN;
		}
		if (w < 0 && errno == ELAST) {
			st->tx_elast++;
			return -ELAST;
		}
		st->tx_errors++;
		c->txq_len = 0;
		return w < 0 ? -errno : -EIO;
	}
	return 0;
}

/* Generate @n samples of the current tone into txq. */
static void gen_append(struct r2g_chan *c, size_t n)
{
	int16_t lin[R2G_CHUNK];

	while (n) {
		size_t k = n < R2G_CHUNK ? n : R2G_CHUNK;

		if (c->txq_len + k > R2G_TXQ) {
			c->g->stats.tx_dropped += (uint32_t)n;
			return;
		}
		if (c->txg)
			cc_r2mf_tx_gen(c->txg, lin, k);
		else
			memset(lin, 0, k * sizeof(lin[0]));
		cc_g711_alaw_encode_buf(lin, c->txq + c->txq_len, k);
		c->txq_len += k;
		n -= k;
	}
}

static void d_tx_mf(struct r2g_chan *c, int signal, int pulse_ms)
{
	if (!signal) {
		int x = DAHDI_FLUSH_WRITE;

		c->txq_len = 0;
		if (ioctl(c->fd, DAHDI_FLUSH, &x) < 0)
			c->g->stats.ioctl_errors++;
		return;
	}
	gen_append(c, pulse_ms ? (size_t)pulse_ms * 8u : c->g->cfg.lead_chunks * R2G_CHUNK);
	(void)flush_tx(c); /* ELAST/EAGAIN: kept, retried at top level */
}

static void d_role_chg(struct cc_r2_group *g, struct r2g_chan *c, enum r2g_role old)
{
	if (old == R2G_ROLE_NONE && c->role != R2G_ROLE_NONE) {
		int x = DAHDI_FLUSH_READ; /* audio from before the call */

		if (ioctl(c->fd, DAHDI_FLUSH, &x) < 0)
			g->stats.ioctl_errors++;
	}
}

static void rx_bits(struct r2g_chan *c)
{
	int bits = 0;

	if (ioctl(c->fd, DAHDI_GETRXBITS, &bits) < 0) {
		c->g->stats.ioctl_errors++;
		return;
	}
	CC_LOG(CC_LOGSS_R2, CC_LOGL_DEBUG, "r2[%d/%u]{%s} t=%llu rx ABCD 0x%02x\n", c->channo,
	       c->ts, cc_r2_st_name(c->ch.st), (unsigned long long)c->g->now, bits);
	(void)cc_r2_chan_rx_abcd(&c->ch, (uint8_t)(bits & 0xf), c->g->now);
}

/* Top level only (never from a core callback). */
static void handle_events(struct r2g_chan *c)
{
	struct cc_r2_group_stats *st = &c->g->stats;

	for (int i = 0; i < MAX_EVENTS_PER_ROUND; i++) {
		int ev = 0;

		if (ioctl(c->fd, DAHDI_GETEVENT, &ev) < 0) {
			st->ioctl_errors++;
			return;
		}
		switch (ev) {
		case DAHDI_EVENT_NONE:
			return;
		case DAHDI_EVENT_BITSCHANGED:
			st->ev_bits++;
			rx_bits(c);
			break;
		case DAHDI_EVENT_ALARM:
			st->ev_alarm++;
			(void)cc_r2_chan_alarm(&c->ch, true, c->g->now);
			break;
		case DAHDI_EVENT_NOALARM:
			st->ev_noalarm++;
			(void)cc_r2_chan_alarm(&c->ch, false, c->g->now);
			rx_bits(c);
			break;
		default:
			st->ev_other++;
			break;
		}
		r2g_after_input(c);
	}
}

/* Write staged audio, reading pending events when DAHDI asks for it. */
static void flush_tx_top(struct r2g_chan *c)
{
	for (int i = 0; i < 4 && c->txq_len; i++) {
		if (flush_tx(c) != -ELAST)
			return;
		handle_events(c);
	}
}

static void read_audio(struct r2g_chan *c)
{
	uint8_t buf[R2G_CHUNK];
	int16_t lin[R2G_CHUNK];

	for (int i = 0; i < MAX_READS_PER_ROUND && c->role != R2G_ROLE_NONE; i++) {
		ssize_t r = read(c->fd, buf, sizeof(buf));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ELAST) {
				handle_events(c);
				continue;
			}
			if (errno != EAGAIN)
				c->g->stats.rx_errors++;
			return;
		}
		if (r == 0)
			return;
		cc_g711_alaw_decode_buf(buf, lin, (size_t)r);
		r2g_feed(c, lin, (size_t)r);
		/* the line clocks our steady tone: one chunk out per chunk in */
		if (c->tx_steady && c->txg)
			gen_append(c, (size_t)r);
		flush_tx_top(c);
	}
}

static void d_fini(struct cc_r2_group *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct r2g_chan *c = &g->chans[i];

		if (c->fd < 0)
			continue;
		/* leave the line idle: AB = 10 and the variant's CD */
		d_tx_abcd(c, (uint8_t)(0x8 | cc_r2_variant_get(g->cfg.r2.variant)->cd_bits));
		close(c->fd);
		c->fd = -1;
	}
}

static const struct r2g_backend dahdi_be = {
	.tx_abcd = d_tx_abcd,
	.tx_mf = d_tx_mf,
	.role_chg = d_role_chg,
	.now = d_now,
	.fini = d_fini,
};

static int open_chan(struct r2g_chan *c, const char *dev, int channo, unsigned int numbufs)
{
	struct dahdi_params p;
	struct dahdi_bufferinfo bi;
	int x, fd;

	fd = open(dev, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	c->fd = fd;
	c->channo = channo;
	x = channo;
	if (ioctl(fd, DAHDI_SPECIFY, &x) < 0)
		return -errno;
	memset(&p, 0, sizeof(p));
	if (ioctl(fd, DAHDI_GET_PARAMS, &p) < 0)
		return -errno;
	if (p.sigtype != DAHDI_SIG_CAS)
		return -EINVAL; /* not a cas= channel */
	c->span = (uint16_t)p.spanno;
	c->ts = (uint16_t)p.chanpos;
	memset(&bi, 0, sizeof(bi));
	if (ioctl(fd, DAHDI_GET_BUFINFO, &bi) < 0)
		return -errno;
	bi.txbufpolicy = DAHDI_POLICY_IMMEDIATE;
	bi.rxbufpolicy = DAHDI_POLICY_IMMEDIATE;
	bi.bufsize = R2G_CHUNK;
	bi.numbufs = (int)numbufs;
	if (ioctl(fd, DAHDI_SET_BUFINFO, &bi) < 0)
		return -errno;
	x = DAHDI_LAW_ALAW;
	if (ioctl(fd, DAHDI_SETLAW, &x) < 0)
		return -errno;
	x = 0;
	if (ioctl(fd, DAHDI_SETLINEAR, &x) < 0)
		return -errno;
	x = DAHDI_FLUSH_ALL; /* stale audio and events of a previous user */
	if (ioctl(fd, DAHDI_FLUSH, &x) < 0)
		return -errno;
	return p.chan_alarms ? 1 : 0;
}

int cc_r2_group_open_dahdi(const struct cc_r2_group_cfg *cfg, const int *channos, size_t n,
			   const struct cc_r2_group_ops *ops, void *priv,
			   struct cc_r2_group **out_g)
{
	struct cc_r2_group *g;
	const char *dev;
	int ret;

	if (!channos)
		return -EINVAL;
	ret = r2g_alloc(cfg, n, ops, priv, &dahdi_be, &g);
	if (ret < 0)
		return ret;
	dev = cfg->dahdi_dev ? cfg->dahdi_dev : CC_R2_DAHDI_DEV;
	for (size_t i = 0; i < n; i++) {
		struct r2g_chan *c = &g->chans[i];
		int alarm;

		if (channos[i] <= 0) {
			ret = -EINVAL;
			goto err_close;
		}
		alarm = open_chan(c, dev, channos[i], g->cfg.numbufs);
		if (alarm < 0) {
			ret = alarm;
			goto err_close;
		}
		g->now = mono_ms();
		ret = r2g_chan_start(c, g->now); /* sends the idle bits */
		if (ret < 0)
			goto err_close;
		if (alarm)
			(void)cc_r2_chan_alarm(&c->ch, true, g->now);
		rx_bits(c);
		r2g_after_input(c);
	}
	*out_g = g;
	return 0;

err_close:
	d_fini(g);
	r2g_free_mem(g);
	return ret;
}

void cc_r2_group_free(struct cc_r2_group *g)
{
	if (!g)
		return;
	if (g->loop) /* loopback groups belong to their loop */
		return;
	if (g->be->fini)
		g->be->fini(g);
	r2g_free_mem(g);
}

int cc_r2_group_pollfds(const struct cc_r2_group *g, struct pollfd *pfd, size_t cap)
{
	if (g->loop)
		return 0;
	if (cap < g->n)
		return -ENOSPC;
	for (size_t i = 0; i < g->n; i++) {
		const struct r2g_chan *c = &g->chans[i];

		pfd[i].fd = c->fd;
		pfd[i].events = POLLPRI;
		if (c->role != R2G_ROLE_NONE)
			pfd[i].events |= POLLIN;
		if (c->txq_len)
			pfd[i].events |= POLLOUT;
		pfd[i].revents = 0;
	}
	return (int)g->n;
}

int cc_r2_group_process(struct cc_r2_group *g, const struct pollfd *pfd, size_t n)
{
	if (g->loop || (pfd && n != g->n))
		return -EINVAL;
	g->now = mono_ms();
	for (size_t i = 0; pfd && i < n; i++) {
		struct r2g_chan *c = &g->chans[i];
		short re = pfd[i].revents;

		if (pfd[i].fd != c->fd)
			return -EINVAL;
		if (re & (POLLPRI | POLLERR))
			handle_events(c);
		if (re & POLLIN)
			read_audio(c);
		if (c->txq_len)
			flush_tx_top(c);
	}
	r2g_tick_all(g, mono_ms());
	return 0;
}

int cc_r2_group_run(struct cc_r2_group *g, int max_ms)
{
	struct pollfd stackfd[64], *pfd = stackfd;
	int n, t, ret;

	if (g->loop)
		return -EINVAL;
	if (g->n > sizeof(stackfd) / sizeof(stackfd[0])) {
		pfd = calloc(g->n, sizeof(*pfd));
		if (!pfd)
			return -ENOMEM;
	}
	n = cc_r2_group_pollfds(g, pfd, g->n);
	t = cc_r2_group_timeout_ms(g);
	if (t < 0 || (max_ms >= 0 && t > max_ms))
		t = max_ms;
	ret = poll(pfd, (nfds_t)n, t);
	if (ret < 0)
		ret = -errno;
	else
		ret = cc_r2_group_process(g, pfd, (size_t)n);
	if (pfd != stackfd)
		free(pfd);
	return ret;
}
