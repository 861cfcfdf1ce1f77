// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Thin binding of an SS7 link to a trunk channel in frame mode: one signal
 * unit per frame, FCS handled by the channel.  What is written depends on
 * how the channel treats the line (cc_trunk_flags()):
 *
 *   CC_TRUNK_F_REPEATS (DAHDI mtp2=, or a loopback emulating it): the line
 *     repeats the last SU written, so only changes are written (new MSUs,
 *     retransmissions, status changes, acknowledgements).  The receiver drops
 *     repeats, so a quiet channel is normal and says nothing about the line:
 *     every REPEAT_MS without a frame the binding hands MTP2 the last SU
 *     again (as the line still carries it: a peer that became aligned ready
 *     or in service while we were proving is seen, Q.703 §7) and credits the
 *     SUERM with the copies that fitted in the time at 64 kbit/s
 *     (cc_mtp2_rx_repeated()).  Loss of the line is reported by the span
 *     alarm, not by silence.
 *   CC_TRUNK_F_FILL (DAHDI dchan=): nothing is repeated and an empty queue
 *     sends flags, so the current status SU (FISU/LSSU) is written to keep
 *     the line filled, as Q.703 §5.2/§7.2 want, but paced: the binding
 *     estimates the octets in DAHDI's transmit queue (drained at 8 per ms)
 *     and tops it up to FILL_OCTETS only, so an MSU waits behind a few
 *     FISUs (~4 ms), not behind a queue full of them; the caller should pump
 *     every few ms.  (Filling the queue up to -EAGAIN makes each MSU wait
 *     ~30 ms behind 32 FISUs, and a process that polls for POLLOUT spins.)
 *   neither (plain loopback): changes are written, and the current status SU
 *     again after REPEAT_MS of silence to stand in for the line's repetition;
 *     a cut line (-ENOLINK) puts the receiver in octet counting.
 *
 * A frame refused with -EAGAIN is kept and written first next time, so no
 * SU that MTP2 produced is lost in the binding.  Span alarms
 * (cc_trunk_in_alarm()) fail the link until they clear.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <callcenter/ss7.h>
#include <callcenter/trunk.h>

#include "cc_ss7_int.h"

#define REPEAT_MS   100
#define FILL_OCTETS 32 /* F_FILL: keep about 4 ms of octets queued */
#define OCTETS_MS   8  /* 64 kbit/s */
#define SU_OVERHEAD 3  /* FCS + one flag between repeated SUs */

static void trace(struct ss7_link *l, bool sent, const uint8_t *su, size_t len)
{
	struct timespec ts;
	int dir = sent;

	if (!l->pcap || len < 3)
		return;
	if (len == 3) {
		/* FISU: only when it differs from the previous one this way */
		if (l->trace_len[dir] == 3 && !memcmp(l->trace_fisu[dir], su, 3))
			return;
		memcpy(l->trace_fisu[dir], su, 3);
	}
	l->trace_len[dir] = (uint16_t)len;
	clock_gettime(CLOCK_REALTIME, &ts);
	(void)cc_ss7_pcap_write(l->pcap,
				(uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000, sent,
				l->slc, su, len);
}

/* Write one SU; keep it if the channel is full.  Return: 1 written, 0 held, <0 error. */
static int put(struct ss7_link *l, struct cc_trunk_chan *ch, const uint8_t *su, size_t len)
{
	int ret = cc_trunk_write(ch, su, len);

	if (ret == -EAGAIN) {
		if (su != l->held)
			memcpy(l->held, su, len);
		l->held_len = (uint16_t)len;
		l->fill_octets = 2 * FILL_OCTETS; /* the queue is full: back off */
		return 0;
	}
	l->held_len = 0;
	if (ret < 0)
		return ret;
	l->fill_octets += (uint32_t)len + SU_OVERHEAD;
	trace(l, true, su, len);
	return 1;
}

static int pump_tx(struct cc_ss7 *s, unsigned int link, struct cc_trunk_chan *ch, uint64_t now_ms,
		   unsigned int flags)
{
	struct ss7_link *l = &s->links[link];
	uint8_t buf[CC_MTP2_MAX_SU];
	int moved = 0, n, ret;

	if (flags & CC_TRUNK_F_FILL) {
		uint64_t drained = now_ms > l->fill_ms ? (now_ms - l->fill_ms) * OCTETS_MS : 0;

		l->fill_octets = drained >= l->fill_octets ? 0 : l->fill_octets - (uint32_t)drained;
		l->fill_ms = now_ms;
	}
	if (l->held_len) {
		ret = put(l, ch, l->held, l->held_len);
		if (ret <= 0)
			return ret;
		moved++;
	}
	for (;;) {
		bool pending = cc_ss7_link_tx_pending(s, link);

		if (!pending) {
			if (flags & CC_TRUNK_F_REPEATS)
				break;
			if (flags & CC_TRUNK_F_FILL) {
				if (l->fill_octets >= FILL_OCTETS)
					break;
			} else if (now_ms < l->last_tx_ms + REPEAT_MS) {
				break;
			}
		}
		n = cc_ss7_link_tx_next(s, link, now_ms, buf, sizeof(buf));
		if (n < 0)
			return n;
		l->last_tx_ms = now_ms;
		ret = put(l, ch, buf, (size_t)n);
		if (ret < 0)
			return ret;
		if (ret == 0)
			break; /* held: the channel is full */
		if (pending)
			moved++; /* a repeat is not activity: it must not keep callers pumping */
		else if (!(flags & CC_TRUNK_F_FILL))
			break;
	}
	return moved;
}

/* The line still carries the last SU the channel delivered (F_REPEATS). */
static void rx_repeats(struct cc_ss7 *s, unsigned int link, uint64_t now_ms)
{
	struct ss7_link *l = &s->links[link];
	uint64_t elapsed;
	uint64_t copies;

	if (!l->last_rx_len || l->line_alarm || now_ms < l->last_rx_ms + REPEAT_MS)
		return;
	elapsed = now_ms - l->last_rx_ms;
	copies = elapsed * OCTETS_MS / (l->last_rx_len + SU_OVERHEAD);
	l->last_rx_ms = now_ms;
	if (copies > 1)
		cc_mtp2_rx_repeated(l->mtp2, now_ms,
				    copies > 1000000 ? 1000000u : (unsigned int)(copies - 1));
	(void)cc_ss7_link_rx(s, link, now_ms, l->last_rx, l->last_rx_len);
}

int cc_ss7_trunk_pump(struct cc_ss7 *s, unsigned int link, struct cc_trunk_chan *ch,
		      uint64_t now_ms)
{
	uint8_t buf[CC_TRUNK_MAX_FRAME];
	unsigned int flags;
	struct ss7_link *l;
	int moved = 0, n;
	uint64_t elapsed;

	if (!s || !ch || link >= s->cfg.nlinks)
		return -EINVAL;
	l = &s->links[link];
	flags = cc_trunk_flags(ch);
	elapsed = now_ms > l->last_pump_ms ? now_ms - l->last_pump_ms : 0;
	l->last_pump_ms = now_ms;
	if (!l->last_rx_ms)
		l->last_rx_ms = now_ms;

	for (;;) {
		n = cc_trunk_read(ch, buf, sizeof(buf));
		if (n == -EAGAIN)
			break;
		if (n == -ENOLINK) {
			/* no flags on the line: the receiver is in octet counting mode,
			 * 8 octets per ms at 64 kbit/s (Q.703 §10.2) */
			if (elapsed)
				cc_mtp2_rx_octet_counting(l->mtp2, now_ms,
							  (size_t)elapsed * OCTETS_MS);
			break;
		}
		if (n < 0 && n != -EBADMSG && n != -ENOSPC)
			return n;
		moved++;
		if (n < 0) {
			cc_ss7_link_rx_error(s, link, now_ms);
			continue;
		}
		trace(l, false, buf, (size_t)n);
		if ((flags & CC_TRUNK_F_REPEATS) && (size_t)n <= CC_MTP2_MAX_SU) {
			memcpy(l->last_rx, buf, (size_t)n);
			l->last_rx_len = (uint16_t)n;
			l->last_rx_ms = now_ms;
		}
		(void)cc_ss7_link_rx(s, link, now_ms, buf, (size_t)n);
	}
	if (cc_trunk_in_alarm(ch) != l->trunk_alarm) {
		l->trunk_alarm = cc_trunk_in_alarm(ch);
		cc_ss7_link_alarm_set(s, link, l->trunk_alarm, now_ms);
		l->last_rx_len = 0; /* what was on the line before is gone */
		l->last_rx_ms = now_ms;
		moved++;
	}
	if (flags & CC_TRUNK_F_REPEATS)
		rx_repeats(s, link, now_ms);
	n = pump_tx(s, link, ch, now_ms, flags);
	if (n < 0)
		return n;
	return moved + n;
}
