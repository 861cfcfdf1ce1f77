// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Thin binding of an SS7 link to a trunk channel in frame (mtp2=) mode: one
 * signal unit per frame, FCS handled by the channel.  As with DAHDI's mtp2
 * mode, changes are written when they happen; on a line the last SU is
 * repeated continuously, which the loopback does not do, so the binding sends
 * the link's current status SU (FISU/LSSU) again after REPEAT_MS of silence.
 * That keeps acknowledgements flowing, lets the far end see a lost last MSU
 * from the FSN of the next FISU (Q.703 §5.2.2), and feeds the SUERM.
 */
#include <errno.h>

#include <callcenter/ss7.h>
#include <callcenter/trunk.h>

#include "cc_ss7_int.h"

#define REPEAT_MS 100

int cc_ss7_trunk_pump(struct cc_ss7 *s, unsigned int link, struct cc_trunk_chan *ch,
		      uint64_t now_ms)
{
	uint8_t buf[CC_MTP2_MAX_SU + 2];
	int moved = 0, n;
	uint64_t elapsed;

	if (link >= s->cfg.nlinks)
		return -EINVAL;
	elapsed = now_ms > s->links[link].last_pump_ms ? now_ms - s->links[link].last_pump_ms : 0;
	s->links[link].last_pump_ms = now_ms;

	while (cc_ss7_link_tx_pending(s, link) || now_ms >= s->links[link].last_tx_ms + REPEAT_MS) {
		bool repeat = !cc_ss7_link_tx_pending(s, link);

		n = cc_ss7_link_tx_next(s, link, now_ms, buf, sizeof(buf));
		if (n < 0)
			return n;
		s->links[link].last_tx_ms = now_ms;
		if (cc_trunk_write(ch, buf, (size_t)n) == -EAGAIN)
			break; /* the SU stays current; the next change resends state */
		if (!repeat)
			moved++; /* a repeat is not activity: it must not keep callers pumping */
	}
	for (;;) {
		n = cc_trunk_read(ch, buf, sizeof(buf));
		if (n == -EAGAIN)
			break;
		if (n == -ENOLINK) {
			/* no flags on the line: the receiver is in octet counting mode,
			 * 8 octets per ms at 64 kbit/s (Q.703 §10.2) */
			if (elapsed)
				cc_mtp2_rx_octet_counting(s->links[link].mtp2, now_ms,
							  (size_t)elapsed * 8);
			break;
		}
		moved++;
		if (n < 0)
			cc_ss7_link_rx_error(s, link, now_ms);
		else
			(void)cc_ss7_link_rx(s, link, now_ms, buf, (size_t)n);
	}
	return moved;
}
