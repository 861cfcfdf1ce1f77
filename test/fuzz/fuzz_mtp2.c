// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: MTP2 signal-unit decoder and link state machine
 * (lib/ss7/cc_mtp2.c), plus the HDLC decoder (lib/core/cc_hdlc.c) run over
 * the same octets as a line bit stream.
 *
 * The input is cut into SUs by a length octet (n, then n octets); each SU is
 * decoded, re-encoded (must be identical), and fed to a link that was brought
 * into service against a scripted peer, with time advancing 7 ms per SU.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/hdlc.h>
#include <callcenter/ss7.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void hdlc_sink(void *priv, enum cc_hdlc_ev ev, const uint8_t *f, size_t len)
{
	(void)priv;
	if (ev == CC_HDLC_EV_FRAME && (!f || len > CC_HDLC_MAX_FRAME))
		abort();
}

static void rx_msu(void *priv, const uint8_t *msu, size_t len)
{
	(void)priv;
	if (len < 2 || len > CC_MTP2_MAX_SIF + 1 || !msu)
		abort();
}

static const struct cc_mtp2_ops ops = { .rx_msu = rx_msu };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cc_hdlc_dec d;
	static const uint8_t sin[] = { 0xff, 0xff, 0x01, 0x01 }, fisu[] = { 0xff, 0xff, 0x00 };
	struct cc_mtp2 *l;
	uint64_t now = 0;
	size_t pos = 0;
	uint8_t buf[CC_MTP2_MAX_SU];

	cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, hdlc_sink, NULL);
	cc_hdlc_dec_feed(&d, data, size);

	if (cc_mtp2_alloc(NULL, &ops, NULL, &l) != 0)
		return 0;
	/* align: SIN from the peer, emergency proving skipped by T4 expiry, then FISU */
	cc_mtp2_start(l, now);
	(void)cc_mtp2_rx(l, now, sin, sizeof(sin));
	(void)cc_mtp2_rx(l, now, sin, sizeof(sin));
	now += 10000;
	cc_mtp2_tick(l, now);
	(void)cc_mtp2_rx(l, now, fisu, sizeof(fisu));
	while (pos < size) {
		size_t n = data[pos++];
		struct cc_mtp2_su su;

		if (n > size - pos)
			n = size - pos;
		if (cc_mtp2_su_decode(data + pos, n, &su) == 0) {
			int m = cc_mtp2_su_encode(&su, buf, sizeof(buf));

			/* spare bits are not re-encoded, nor a 2-octet status field */
			if (!(su.type == CC_MTP2_LSSU && su.li == 2) &&
			    (m != (int)n || memcmp(buf, data + pos, 2) != 0))
				abort();
		}
		(void)cc_mtp2_rx(l, now, data + pos, n);
		if ((n & 1) && cc_mtp2_send(l, now, data + pos, n) == -EBADMSG)
			abort(); /* never returned by send */
		while (cc_mtp2_tx_pending(l))
			if (cc_mtp2_tx_next(l, now, buf, sizeof(buf)) < 3)
				abort();
		if (!cc_mtp2_check(l))
			abort();
		now += 7;
		cc_mtp2_tick(l, now);
		pos += n;
	}
	cc_mtp2_free(l);
	return 0;
}
