// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for lib/ss7/cc_mtp2.c (Q.703): SU codec, alignment, proving
 * failure, retransmission after loss, T7, SUERM threshold, processor outage.
 * Two links are wired back to back by a pump that moves SUs (with optional
 * loss) and drives time; everything is deterministic.
 *
 * SU vectors: reference notes §1.1 (FCS-checked by tshark 4.0.17).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/ss7.h>

struct side {
	struct cc_mtp2 *l;
	unsigned int up, down, rpo, rpo_end;
	unsigned int nrx;
	uint8_t rx[512][8];
	size_t rxlen[512];
};

struct rig {
	struct side s[2];
	uint64_t now;
	/* drop the n-th MSU sent by side 0 / 1 (1-based; 0 = none) */
	unsigned int drop_msu[2];
	unsigned int msu_sent[2];
	bool cut[2]; /* drop everything sent by side i */
};

static void ev_fn(void *priv, enum cc_mtp2_ev ev)
{
	struct side *s = priv;

	switch (ev) {
	case CC_MTP2_EV_IN_SERVICE:
		s->up++;
		break;
	case CC_MTP2_EV_OUT_OF_SERVICE:
		s->down++;
		break;
	case CC_MTP2_EV_REMOTE_PO:
		s->rpo++;
		break;
	case CC_MTP2_EV_REMOTE_PO_END:
		s->rpo_end++;
		break;
	}
}

static void rx_fn(void *priv, const uint8_t *msu, size_t len)
{
	struct side *s = priv;

	if (s->nrx < 512) {
		memcpy(s->rx[s->nrx], msu, len < 8 ? len : 8);
		s->rxlen[s->nrx] = len;
	}
	s->nrx++;
}

static const struct cc_mtp2_ops ops = { .rx_msu = rx_fn, .event = ev_fn };

static void rig_init(struct rig *r, const struct cc_mtp2_cfg *c0, const struct cc_mtp2_cfg *c1)
{
	memset(r, 0, sizeof(*r));
	r->now = 1000;
	assert_int_equal(cc_mtp2_alloc(c0, &ops, &r->s[0], &r->s[0].l), 0);
	assert_int_equal(cc_mtp2_alloc(c1, &ops, &r->s[1], &r->s[1].l), 0);
}

static void rig_fini(struct rig *r)
{
	cc_mtp2_free(r->s[0].l);
	cc_mtp2_free(r->s[1].l);
}

/* Move SUs until neither side has anything new (channel repeats the last SU). */
static void pump(struct rig *r)
{
	uint8_t buf[CC_MTP2_MAX_SU];

	for (int guard = 0; guard < 100000; guard++) {
		bool moved = false;

		for (int i = 0; i < 2; i++) {
			struct cc_mtp2_su su;
			int n;

			if (!cc_mtp2_tx_pending(r->s[i].l))
				continue;
			n = cc_mtp2_tx_next(r->s[i].l, r->now, buf, sizeof(buf));
			assert_true(n >= 3);
			assert_int_equal(cc_mtp2_su_decode(buf, (size_t)n, &su), 0);
			moved = true;
			if (su.type == CC_MTP2_MSU && ++r->msu_sent[i] == r->drop_msu[i])
				continue;
			if (r->cut[i])
				continue;
			(void)cc_mtp2_rx(r->s[!i].l, r->now, buf, (size_t)n);
			assert_true(cc_mtp2_check(r->s[0].l));
			assert_true(cc_mtp2_check(r->s[1].l));
		}
		if (!moved)
			return;
	}
	fail_msg("pump did not settle");
}

/* Advance time in 10 ms steps; every 100 ms each side repeats its current SU
 * (as DAHDI's mtp2 mode does) so FISU-carried state keeps flowing. */
static void advance(struct rig *r, uint64_t ms)
{
	uint64_t end = r->now + ms;

	while (r->now < end) {
		r->now += 10;
		for (int i = 0; i < 2; i++)
			cc_mtp2_tick(r->s[i].l, r->now);
		if (r->now % 100 == 0)
			for (int i = 0; i < 2; i++) {
				uint8_t buf[CC_MTP2_MAX_SU];
				struct cc_mtp2_su su;
				int n;

				if (cc_mtp2_tx_pending(r->s[i].l))
					continue;
				n = cc_mtp2_tx_next(r->s[i].l, r->now, buf, sizeof(buf));
				assert_true(n >= 3);
				assert_int_equal(cc_mtp2_su_decode(buf, (size_t)n, &su), 0);
				if (su.type != CC_MTP2_MSU && !r->cut[i])
					(void)cc_mtp2_rx(r->s[!i].l, r->now, buf, (size_t)n);
			}
		pump(r);
	}
}

static void bring_up(struct rig *r)
{
	cc_mtp2_start(r->s[0].l, r->now);
	cc_mtp2_start(r->s[1].l, r->now);
	pump(r);
	advance(r, 10000);
	assert_true(cc_mtp2_is_in_service(r->s[0].l));
	assert_true(cc_mtp2_is_in_service(r->s[1].l));
}

/* ------------------------------------------------------------------ tests */

static void mtp2_su_golden_vectors(void **state)
{
	const uint8_t fisu[] = { 0xff, 0xff, 0x00 }, sios[] = { 0xff, 0xff, 0x01, 0x03 };
	const uint8_t iam[] = { 0x85, 0x86, 0x23, 0x85, 0x03, 0x02, 0x01, 0x06, 0x05, 0x04,
				0x01, 0x01, 0x00, 0x01, 0x00, 0x60, 0x01, 0x0a, 0x00, 0x02,
				0x07, 0x05, 0x83, 0x10, 0x21, 0x43, 0x05, 0x0a, 0x08, 0x83,
				0x13, 0x31, 0x08, 0x10, 0x83, 0x00, 0x00, 0x00 };
	struct cc_mtp2_su su;
	uint8_t out[CC_MTP2_MAX_SU];

	(void)state;
	assert_int_equal(cc_mtp2_su_decode(fisu, sizeof(fisu), &su), 0);
	assert_int_equal(su.type, CC_MTP2_FISU);
	assert_int_equal(su.bsn, 127);
	assert_int_equal(su.bib, 1);
	assert_int_equal(su.fsn, 127);
	assert_int_equal(su.fib, 1);
	assert_int_equal(cc_mtp2_su_encode(&su, out, sizeof(out)), 3);
	assert_memory_equal(out, fisu, 3);
	assert_int_equal(cc_mtp2_su_decode(sios, sizeof(sios), &su), 0);
	assert_int_equal(su.type, CC_MTP2_LSSU);
	assert_string_equal(cc_mtp2_status_name(su.status), "SIOS");
	assert_int_equal(cc_mtp2_su_encode(&su, out, sizeof(out)), 4);
	assert_memory_equal(out, sios, 4);
	assert_int_equal(cc_mtp2_su_decode(iam, sizeof(iam), &su), 0);
	assert_int_equal(su.type, CC_MTP2_MSU);
	assert_int_equal(su.bsn, 5);
	assert_int_equal(su.fsn, 6);
	assert_int_equal(su.li, 35);
	assert_int_equal(su.msu_len, 35);
	assert_int_equal(cc_mtp2_su_encode(&su, out, sizeof(out)), (int)sizeof(iam));
	assert_memory_equal(out, iam, sizeof(iam));
}

static void mtp2_su_length_indicator_rules(void **state)
{
	uint8_t buf[CC_MTP2_MAX_SU + 4], msu[CC_MTP2_MAX_SIF + 1];
	struct cc_mtp2_su su = { .type = CC_MTP2_MSU, .msu = msu }, d;
	int n;

	(void)state;
	memset(msu, 0x85, sizeof(msu));
	/* LI 62 exact, 63 capped for 63..273 */
	su.msu_len = 62;
	n = cc_mtp2_su_encode(&su, buf, sizeof(buf));
	assert_int_equal(buf[2], 62);
	assert_int_equal(cc_mtp2_su_decode(buf, (size_t)n, &d), 0);
	su.msu_len = CC_MTP2_MAX_SIF + 1;
	n = cc_mtp2_su_encode(&su, buf, sizeof(buf));
	assert_int_equal(n, (int)CC_MTP2_MAX_SU);
	assert_int_equal(buf[2], 63);
	assert_int_equal(cc_mtp2_su_decode(buf, (size_t)n, &d), 0);
	assert_int_equal(d.msu_len, CC_MTP2_MAX_SIF + 1);
	/* too long, LI mismatch, too short */
	assert_int_equal(cc_mtp2_su_decode(buf, (size_t)n + 1, &d), -EBADMSG);
	buf[2] = 10;
	assert_int_equal(cc_mtp2_su_decode(buf, 12, &d), -EBADMSG);
	assert_int_equal(cc_mtp2_su_decode(buf, 13, &d), 0);
	buf[2] = 63;
	assert_int_equal(cc_mtp2_su_decode(buf, 3 + 62, &d), -EBADMSG);
	assert_int_equal(cc_mtp2_su_decode(buf, 2, &d), -EBADMSG);
	buf[2] = 0;
	assert_int_equal(cc_mtp2_su_decode(buf, 4, &d), -EBADMSG);
	su.msu_len = CC_MTP2_MAX_SIF + 2;
	assert_int_equal(cc_mtp2_su_encode(&su, buf, sizeof(buf)), -EINVAL);
	su.msu_len = 10;
	assert_int_equal(cc_mtp2_su_encode(&su, buf, 12), -ENOSPC);
}

static void mtp2_normal_alignment_takes_t4n(void **state)
{
	struct rig r;
	uint64_t t0;

	(void)state;
	rig_init(&r, NULL, NULL);
	t0 = r.now;
	cc_mtp2_start(r.s[0].l, r.now);
	cc_mtp2_start(r.s[1].l, r.now);
	pump(&r);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_PROVING);
	advance(&r, 8000);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_PROVING);
	while (!cc_mtp2_is_in_service(r.s[0].l) && r.now < t0 + 20000)
		advance(&r, 10);
	assert_true(r.now >= t0 + 8200 && r.now <= t0 + 8400);
	assert_true(cc_mtp2_is_in_service(r.s[1].l));
	assert_int_equal(r.s[0].up, 1);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->alignments, 1);
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[0].l), UINT64_MAX);
	rig_fini(&r);
}

static void mtp2_emergency_alignment_uses_t4e(void **state)
{
	struct cc_mtp2_cfg e = { .emergency = true };
	struct rig r;
	uint64_t t0;

	(void)state;
	rig_init(&r, &e, NULL); /* only one side asks: both prove in emergency */
	t0 = r.now;
	cc_mtp2_start(r.s[0].l, r.now);
	cc_mtp2_start(r.s[1].l, r.now);
	pump(&r);
	while (!cc_mtp2_is_in_service(r.s[1].l) && r.now < t0 + 20000)
		advance(&r, 10);
	assert_true(r.now <= t0 + 700);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	rig_fini(&r);
}

static void mtp2_no_peer_fails_on_t2(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	r.cut[0] = true;
	cc_mtp2_start(r.s[0].l, r.now);
	advance(&r, 49900);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_NOT_ALIGNED);
	advance(&r, 200);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_OUT_OF_SERVICE);
	assert_int_equal(cc_mtp2_reason_get(r.s[0].l), CC_MTP2_R_T2);
	assert_string_equal(cc_mtp2_reason_name(CC_MTP2_R_T2), "T2");
	rig_fini(&r);
}

static void mtp2_proving_failure_after_m_attempts(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	cc_mtp2_start(r.s[0].l, r.now);
	cc_mtp2_start(r.s[1].l, r.now);
	pump(&r);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_PROVING);
	/* Ti = 4: four errors are tolerated, the fifth aborts this proving period */
	for (int i = 0; i < 4; i++)
		cc_mtp2_rx_error(r.s[0].l, r.now);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->aerm_aborts, 0);
	cc_mtp2_rx_error(r.s[0].l, r.now);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->aerm_aborts, 1);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_PROVING);
	/* the proving period restarted: T4 counts from now */
	advance(&r, 8000);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_PROVING);
	/* M = 5 aborted periods: alignment not possible */
	for (int a = 1; a < 5; a++)
		for (int i = 0; i < 5; i++)
			cc_mtp2_rx_error(r.s[0].l, r.now);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_OUT_OF_SERVICE);
	assert_int_equal(cc_mtp2_reason_get(r.s[0].l), CC_MTP2_R_AERM);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->aerm_aborts, 5);
	rig_fini(&r);
}

static void send_n(struct rig *r, int side, int n, int base)
{
	for (int i = 0; i < n; i++) {
		uint8_t msu[8] = { 0x85, (uint8_t)(base + i), (uint8_t)((base + i) >> 8), 3, 4, 5 };

		assert_int_equal(cc_mtp2_send(r->s[side].l, r->now, msu, sizeof(msu)), 0);
	}
}

static void mtp2_retransmission_after_loss_delivers_in_order(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	r.drop_msu[0] = 2;
	send_n(&r, 0, 5, 0);
	pump(&r);
	advance(&r, 300);
	assert_int_equal(r.s[1].nrx, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(r.s[1].rx[i][1], i);
	assert_true(cc_mtp2_stats_get(r.s[0].l)->retransmitted >= 1);
	assert_int_equal(cc_mtp2_stats_get(r.s[1].l)->nacks_sent, 1);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->nacks_rx, 1);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	/* the last MSU lost: the FISU that follows reveals the gap */
	r.drop_msu[0] = r.msu_sent[0] + 1;
	send_n(&r, 0, 1, 5);
	pump(&r);
	advance(&r, 300);
	assert_int_equal(r.s[1].nrx, 6);
	assert_int_equal(r.s[1].rx[5][1], 5);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	rig_fini(&r);
}

static void mtp2_sequence_wraps_and_window_limits_outstanding(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	/* hold acknowledgements: at most 127 MSUs leave before an ack */
	r.cut[1] = true;
	send_n(&r, 0, 128, 0);
	assert_int_equal(cc_mtp2_send(r.s[0].l, r.now, (const uint8_t *)"\x85\x01", 2), -ENOSPC);
	pump(&r);
	assert_int_equal(r.s[1].nrx, 127);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->tx_msu, 127);
	r.cut[1] = false;
	advance(&r, 200);
	assert_int_equal(r.s[1].nrx, 128);
	for (int k = 0; k < 3; k++) {
		send_n(&r, 0, 100, 128 + 100 * k);
		pump(&r);
	}
	advance(&r, 200);
	assert_int_equal(r.s[1].nrx, 428);
	for (int i = 0; i < 428 && i < 512; i++)
		assert_int_equal(r.s[1].rx[i][1] | r.s[1].rx[i][2] << 8, i);
	rig_fini(&r);
}

static void mtp2_t7_expiry_fails_link(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	r.cut[1] = true; /* no acknowledgements come back */
	send_n(&r, 0, 1, 0);
	pump(&r);
	advance(&r, 1200);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	advance(&r, 100);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_OUT_OF_SERVICE);
	assert_int_equal(cc_mtp2_reason_get(r.s[0].l), CC_MTP2_R_T7);
	assert_int_equal(r.s[0].down, 1);
	/* the far end sees SIOS and fails too */
	r.cut[1] = false;
	advance(&r, 200);
	assert_int_equal(cc_mtp2_state_get(r.s[1].l), CC_MTP2_ST_OUT_OF_SERVICE);
	assert_int_equal(cc_mtp2_reason_get(r.s[1].l), CC_MTP2_R_REMOTE);
	rig_fini(&r);
}

static void mtp2_suerm_trips_at_threshold(void **state)
{
	struct rig r;
	uint8_t fisu[CC_MTP2_MAX_SU];
	int n;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	for (int i = 0; i < 63; i++)
		cc_mtp2_rx_error(r.s[0].l, r.now);
	assert_int_equal(cc_mtp2_suerm_get(r.s[0].l), 63);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	/* D = 256 good SUs take one off the count */
	n = cc_mtp2_tx_next(r.s[1].l, r.now, fisu, sizeof(fisu));
	assert_int_equal(n, 3);
	for (int i = 0; i < 256; i++)
		assert_int_equal(cc_mtp2_rx(r.s[0].l, r.now, fisu, (size_t)n), 0);
	assert_int_equal(cc_mtp2_suerm_get(r.s[0].l), 62);
	cc_mtp2_rx_error(r.s[0].l, r.now);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	/* malformed SUs count as errors too: the 64th error fails the link */
	assert_int_equal(cc_mtp2_rx(r.s[0].l, r.now, fisu, 2), -EBADMSG);
	assert_int_equal(cc_mtp2_state_get(r.s[0].l), CC_MTP2_ST_OUT_OF_SERVICE);
	assert_int_equal(cc_mtp2_reason_get(r.s[0].l), CC_MTP2_R_SUERM);
	assert_int_equal(cc_mtp2_stats_get(r.s[0].l)->suerm_trips, 1);
	rig_fini(&r);
}

static void mtp2_octet_counting_feeds_suerm(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	cc_mtp2_rx_octet_counting(r.s[0].l, r.now, 16 * 63 + 15);
	assert_int_equal(cc_mtp2_suerm_get(r.s[0].l), 63);
	assert_true(cc_mtp2_is_in_service(r.s[0].l));
	cc_mtp2_rx_octet_counting(r.s[0].l, r.now, 1);
	assert_int_equal(cc_mtp2_reason_get(r.s[0].l), CC_MTP2_R_SUERM);
	rig_fini(&r);
}

static void mtp2_processor_outage_signalled_and_cleared(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	cc_mtp2_set_processor_outage(r.s[0].l, true, r.now);
	pump(&r);
	assert_int_equal(r.s[1].rpo, 1);
	assert_true(cc_mtp2_is_remote_po(r.s[1].l));
	assert_true(cc_mtp2_is_in_service(r.s[1].l));
	cc_mtp2_set_processor_outage(r.s[0].l, false, r.now);
	pump(&r);
	assert_int_equal(r.s[1].rpo_end, 1);
	assert_false(cc_mtp2_is_remote_po(r.s[1].l));
	rig_fini(&r);
}

static void mtp2_stop_and_restart_realigns(void **state)
{
	struct rig r;

	(void)state;
	rig_init(&r, NULL, NULL);
	bring_up(&r);
	assert_int_equal(cc_mtp2_send(r.s[1].l, r.now, (const uint8_t *)"\x85\x01", 1), -EINVAL);
	cc_mtp2_stop(r.s[0].l, r.now);
	pump(&r);
	assert_int_equal(cc_mtp2_reason_get(r.s[0].l), CC_MTP2_R_STOP);
	assert_int_equal(cc_mtp2_reason_get(r.s[1].l), CC_MTP2_R_REMOTE);
	assert_int_equal(cc_mtp2_send(r.s[1].l, r.now, (const uint8_t *)"\x85\x01", 2), -EAGAIN);
	bring_up(&r);
	send_n(&r, 1, 3, 7);
	pump(&r);
	assert_int_equal(r.s[0].nrx, 3);
	assert_int_equal(r.s[0].up, 2);
	rig_fini(&r);
}

static void mtp2_deferred_ack_rides_on_next_msu_or_expires(void **state)
{
	struct cc_mtp2_cfg c = { .ack_delay_ms = 50 };
	struct rig r;

	(void)state;
	rig_init(&r, NULL, &c);
	bring_up(&r);
	send_n(&r, 0, 1, 0);
	pump(&r);
	assert_int_equal(r.s[1].nrx, 1);
	/* b owes an acknowledgement but does not send a FISU for it yet */
	assert_false(cc_mtp2_tx_pending(r.s[1].l));
	assert_true(cc_mtp2_next_timeout_ms(r.s[0].l) != UINT64_MAX); /* a's T7 runs */
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[1].l), r.now + 50);
	cc_mtp2_tick(r.s[1].l, r.now + 50);
	assert_true(cc_mtp2_tx_pending(r.s[1].l));
	pump(&r);
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[0].l), UINT64_MAX); /* acknowledged */
	/* an MSU going back carries the acknowledgement at once */
	send_n(&r, 0, 1, 1);
	pump(&r);
	assert_true(cc_mtp2_next_timeout_ms(r.s[0].l) != UINT64_MAX);
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[1].l), r.now + 50);
	send_n(&r, 1, 1, 2);
	pump(&r);
	assert_int_equal(r.s[0].nrx, 1);
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[0].l), UINT64_MAX); /* ack piggybacked */
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[1].l), UINT64_MAX); /* nothing owed */
	assert_false(cc_mtp2_tx_pending(r.s[1].l));
	/* 32 unacknowledged MSUs force the acknowledgement without waiting */
	for (int i = 0; i < 32; i++) {
		send_n(&r, 0, 1, 10 + i);
		pump(&r);
	}
	assert_int_equal(r.s[1].nrx, 34);
	assert_int_equal(cc_mtp2_next_timeout_ms(r.s[0].l), UINT64_MAX);
	rig_fini(&r);
}

static void mtp2_bad_timer_config_rejected(void **state)
{
	struct cc_mtp2_cfg c = { 0 };
	struct cc_mtp2 *l;

	(void)state;
	c.timer_ms[CC_MTP2_T7] = 100;
	assert_int_equal(cc_mtp2_alloc(&c, &ops, NULL, &l), -EINVAL);
	c.timer_ms[CC_MTP2_T7] = 2000;
	assert_int_equal(cc_mtp2_alloc(&c, &ops, NULL, &l), 0);
	assert_string_equal(cc_mtp2_timer_desc(CC_MTP2_T4N)->name, "T4n");
	cc_mtp2_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mtp2_su_golden_vectors),
		cmocka_unit_test(mtp2_su_length_indicator_rules),
		cmocka_unit_test(mtp2_normal_alignment_takes_t4n),
		cmocka_unit_test(mtp2_emergency_alignment_uses_t4e),
		cmocka_unit_test(mtp2_no_peer_fails_on_t2),
		cmocka_unit_test(mtp2_proving_failure_after_m_attempts),
		cmocka_unit_test(mtp2_retransmission_after_loss_delivers_in_order),
		cmocka_unit_test(mtp2_sequence_wraps_and_window_limits_outstanding),
		cmocka_unit_test(mtp2_t7_expiry_fails_link),
		cmocka_unit_test(mtp2_suerm_trips_at_threshold),
		cmocka_unit_test(mtp2_octet_counting_feeds_suerm),
		cmocka_unit_test(mtp2_processor_outage_signalled_and_cleared),
		cmocka_unit_test(mtp2_stop_and_restart_realigns),
		cmocka_unit_test(mtp2_deferred_ack_rides_on_next_msu_or_expires),
		cmocka_unit_test(mtp2_bad_timer_config_rejected),
	};

	return cmocka_run_group_tests_name("mtp2", tests, NULL, NULL);
}
