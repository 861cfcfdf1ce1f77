// SPDX-License-Identifier: GPL-2.0-only
/*
 * cctrunk_line.c - E1 line model: framing, CRC-4, defects, alarms, impairments.
 *
 * Design notes
 * ------------
 * Each tick moves one block (struct cct_blk) per direction: 8 frames of 32
 * octets, i.e. exactly one CRC-4 sub-multiframe (SMF).  TS0 is synthesised as
 * ITU-T G.704 2.3 prescribes:
 *   - frames 0,2,4,6 (FAS frames): Si 0 0 1 1 0 1 1, Si = C1..C4 of the
 *     previous SMF when CRC-4 is on (G.704 2.3.3.5.2), else 1;
 *   - frames 1,3,5,7 (NFAS frames): Si 1 A Sa4..Sa8, A = remote alarm (RAI),
 *     Sa = 1; with CRC-4 the Si bits carry the multiframe alignment signal
 *     001011 in multiframe frames 1..11 and the E-bits in frames 13 and 15
 *     (G.704 Table 5B).
 * TS1..31 carry the DAHDI channels (chanpos n = TS n).  On CAS spans the ABCD
 * nibbles of all 30 channels travel once per millisecond next to the frames
 * (the content of a TS16 multiframe, compressed so that a change crosses on the
 * next tick); bit errors hit those bits at the same rate as the frames.
 *
 * The receiver (per frame) follows G.706 4.1: frame alignment is lost after 3
 * consecutive errored FAS words and regained by FAS, NFAS bit 2 = 1, FAS in
 * three consecutive frames; CRC-4 multiframe alignment is found from the MFAS
 * (G.706 4.2) and each SMF's CRC-4 is checked against the C-bits received in
 * the next SMF; an errored SMF is reported back with an E-bit of 0 (G.704
 * 2.3.3.5.4).  Defects per tick: LOS (no signal, G.775), AIS (fewer than 3
 * zeros in each 512-bit period, G.775), LFA, RAI.  Alarm integration follows
 * the reference DAHDI E1 driver (wct4xxp): RED after LOS or LFA has persisted
 * red_debounce_ms (2500, AT&T TR 54016), BLUE after AIS for ais_debounce_ms
 * (2500), YELLOW after RAI for yellow_debounce_ms (500), RECOVER for
 * recover_ms (DAHDI_ALARMSETTLE_TIME, 5000) after RED/BLUE clear.  The
 * transmitter sends RAI while its receiver has a defect or RED/BLUE.
 *
 * Counters (span->count): fas = errored FAS words, fe = frame alignment
 * losses, crc4 = errored SMFs, ebit = E-bits received as 0, bpv and cv = one
 * per bit error (with HDB3 a single error shows as one bipolar/code
 * violation), errsec = seconds with any error or defect while running,
 * timingslips = controlled slips.
 *
 * Impairments act on the receive side of a span, in this order: cut (block
 * replaced by no signal) or AIS (all ones), bit errors (geometric gaps of mean
 * 1/BER over 2048 bits per ms, plus the CAS bits on CAS spans), delay (the
 * receiver reads the block written delay_ms ticks ago), slips (the elastic
 * store after the framer alternately repeats and deletes one whole frame of
 * TS1..31 every slip_interval_ms, so framing and CRC-4 are not disturbed, as
 * in a real receive slip buffer).
 *
 * Context: all functions except cct_ber_parse() and cct_line_init() run in
 * the tick (hard IRQ).
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include "cctrunk.h"

#define FAS_WORD  0x1b		/* x0011011, G.704 Table 4a */
#define NFAS_BIT2 0x40
#define NFAS_A	  0x20
#define NFAS_SA	  0x1f
#define MFAS	  0x0b		/* 001011 in MF frames 1,3,..,11 */

static u8 crc4_tab[256];

void cct_line_init(void)
{
	int i, b;

	/* CRC-4, generator x^4 + x + 1, MSB first, preset 0 (G.704 2.3.3.5.2) */
	for (i = 0; i < 256; i++) {
		u8 r = 0;

		for (b = 7; b >= 0; b--) {
			u8 fb = ((r >> 3) ^ (i >> b)) & 1;

			r = (r << 1) & 0xf;
			if (fb)
				r ^= 0x3;
		}
		crc4_tab[i] = r;
	}
}

static inline u8 crc4_update(u8 crc, u8 octet)
{
	return crc4_tab[octet ^ (crc << 4)];
}

static u8 crc4_frame(u8 crc, const u8 *fr, bool fas)
{
	int i;

	crc = crc4_update(crc, fas ? fr[0] & 0x7f : fr[0]);
	for (i = 1; i < CCT_TS; i++)
		crc = crc4_update(crc, fr[i]);
	return crc;
}

void cct_line_reset(struct cct_span *s)
{
	s->tx.crc_prev = 0;
	s->tx.smf2 = false;
	s->tx.ebits_pending = 0;
	s->tx.rai = false;
	memset(&s->rx, 0, sizeof(s->rx));
	s->rx.alarms = -1;
}

static inline bool is_cas(int lineconfig)
{
	return !(lineconfig & DAHDI_CONFIG_CCS);
}

/* ------------------------------------------------------------- transmitter */

void cct_line_tx(struct cct_span *s, bool running)
{
	struct cct_blk *b = &s->txblk;
	int lc = READ_ONCE(s->span.lineconfig);
	bool crc4 = lc & DAHDI_CONFIG_CRC4;
	u8 smf = s->tx.smf2 ? 8 : 0;
	u8 crc = 0;
	int i, c;

	if (!running) {
		memset(b, 0, sizeof(*b));
		return;
	}
	for (c = 0; c < CCT_CHANS; c++) {
		const u8 *w = s->chans[c]->writechunk;

		for (i = 0; i < CCT_FRAMES; i++)
			b->fr[i][c + 1] = w[i];
	}
	for (i = 0; i < CCT_FRAMES; i++) {
		unsigned int p = smf + i;
		u8 si = 1;

		if (!(i & 1)) {
			if (crc4)
				si = (s->tx.crc_prev >> (3 - i / 2)) & 1;
			b->fr[i][0] = si << 7 | FAS_WORD;
			continue;
		}
		if (crc4 && p < 12) {
			si = (MFAS >> (5 - p / 2)) & 1;
		} else if (crc4 && s->tx.ebits_pending) {
			si = 0;		/* E1 (frame 13) or E2 (frame 15) */
			s->tx.ebits_pending--;
		}
		b->fr[i][0] = si << 7 | NFAS_BIT2 | (s->tx.rai ? NFAS_A : 0) | NFAS_SA;
	}
	if (crc4) {
		for (i = 0; i < CCT_FRAMES; i++)
			crc = crc4_frame(crc, b->fr[i], !(i & 1));
		s->tx.crc_prev = crc;
	}
	s->tx.smf2 = !s->tx.smf2;
	if (is_cas(lc)) {
		for (c = 1; c < CCT_TS; c++)
			b->cas[c] = READ_ONCE(s->tx.cas[c]) & 0xf;
	} else {
		memset(b->cas, 0, sizeof(b->cas));
	}
	b->signal = 1;
}

/* ------------------------------------------------------------- bit errors */

/* log2(x) in Q16 for x >= 1 */
static u32 log2_q16(u32 x)
{
	int k = fls(x) - 1;
	u64 m = (u64)x << (31 - k);	/* [2^31, 2^32) = [1, 2) in Q31 */
	u32 r = (u32)k << 16;
	int i;

	for (i = 15; i >= 0; i--) {
		m = (m * m) >> 31;
		if (m >= (1ull << 32)) {
			m >>= 1;
			r |= 1u << i;
		}
	}
	return r;
}

/* bits to the next error: geometric, mean 10^exp / mant (exponential approx.) */
static u64 ber_gap(struct cct_span *s)
{
	static const u32 pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000 };
	u32 u = prandom_u32_state(&s->rnd) | 1;
	u64 nl = ((u64)((32u << 16) - log2_q16(u)) * 45426) >> 16;	/* -ln(u/2^32), Q16 */
	u64 mean = pow10[s->rx.ber_exp] / s->rx.ber_mant;

	return ((nl * mean) >> 16) + 1;
}

static void ber_apply(struct cct_span *s, struct cct_blk *d, bool cas)
{
	u32 m = READ_ONCE(s->imp.ber_mant), e = READ_ONCE(s->imp.ber_exp);
	u32 nbits = CCT_BITS_PER_TICK + (cas ? CCT_CAS_BITS : 0);
	u8 *flat = &d->fr[0][0];

	if (!m || e > 7) {
		s->rx.ber_mant = 0;
		return;
	}
	if (m != s->rx.ber_mant || e != s->rx.ber_exp) {
		s->rx.ber_mant = m;
		s->rx.ber_exp = e;
		s->rx.ber_next = ber_gap(s);
	}
	while (s->rx.ber_next < nbits) {
		u32 pos = s->rx.ber_next;

		if (pos < CCT_BITS_PER_TICK)
			flat[pos >> 3] ^= 0x80 >> (pos & 7);
		else
			d->cas[(pos - CCT_BITS_PER_TICK) >> 2] ^= 8 >> (pos & 3);
		s->bit_errors++;
		s->rx.ber_next += ber_gap(s);
	}
	s->rx.ber_next -= nbits;
}

/* Write the far end's block into @rx's receive ring, through @rx's impairments. */
void cct_line_put(struct cct_span *rx, const struct cct_blk *blk)
{
	struct cct_blk *d = &rx->ring[rx->wr_tick % CCT_RING_TICKS];
	u64 before = rx->bit_errors;

	if (READ_ONCE(rx->imp.cut)) {
		memset(d, 0, sizeof(*d));
	} else if (READ_ONCE(rx->imp.ais)) {
		memset(d, 0xff, sizeof(*d));
		d->signal = 1;
	} else {
		memcpy(d, blk, sizeof(*d));
	}
	if (d->signal)
		ber_apply(rx, d, is_cas(READ_ONCE(rx->span.lineconfig)));
	rx->rx.bpv_pend += (u32)(rx->bit_errors - before);
	rx->wr_tick++;
}

/* ------------------------------------------------------------- receiver */

struct rx_counts {
	u32 fas, fe, crc4, ebit;
};

static void rx_crc4(struct cct_span *s, const u8 *fr, bool fas, struct rx_counts *n)
{
	struct cct_rx *r = &s->rx;
	u8 si = fr[0] >> 7;
	u8 p;

	if (!r->mfa) {
		if (fas)
			return;
		r->mfas_sr = ((r->mfas_sr << 1) | si) & 0x3f;
		if (r->mfas_sr != MFAS)
			return;
		/* this NFAS frame was multiframe frame 11 */
		r->mfa = true;
		r->mf_pos = 11;
		r->mfas_bad = 0;
		r->mfas_err = 0;
		r->crc_prev_valid = false;
		r->smf_full = false;
		r->crc_acc = 0;
		r->c_rx = 0;
		return;
	}
	r->mf_pos = (r->mf_pos + 1) & 15;
	p = r->mf_pos;
	if (!!fas == !!(p & 1)) {
		/* FAS/NFAS parity and multiframe position disagree: realign */
		r->mfa = false;
		r->mfas_sr = 0;
		return;
	}
	if (p == 0 || p == 8) {
		r->crc_acc = 0;
		r->c_rx = 0;
		r->smf_full = true;
	}
	r->crc_acc = crc4_frame(r->crc_acc, fr, fas);
	if (fas)
		r->c_rx = (r->c_rx << 1) | si;
	else if (p < 12)
		r->mfas_err += si != ((MFAS >> (5 - p / 2)) & 1);
	else if (!si)
		n->ebit++;	/* frames 13, 15: far end saw an errored SMF */
	if (p == 7 || p == 15) {
		if (r->crc_prev_valid && r->c_rx != r->crc_prev) {
			n->crc4++;
			if (s->tx.ebits_pending < 255)
				s->tx.ebits_pending++;
		}
		r->crc_prev = r->crc_acc;
		r->crc_prev_valid = r->smf_full;	/* not for a partial first SMF */
	}
	if (p == 15) {
		/* G.706 4.2: realign after bad MFAS in two consecutive multiframes */
		r->mfas_bad = r->mfas_err >= 3 ? r->mfas_bad + 1 : 0;
		r->mfas_err = 0;
		if (r->mfas_bad >= 2) {
			r->mfa = false;
			r->mfas_sr = 0;
		}
	}
}

static void rx_frame(struct cct_span *s, const u8 *fr, bool crc4, struct rx_counts *n)
{
	struct cct_rx *r = &s->rx;
	u8 b = fr[0];
	bool fas = (b & 0x7f) == FAS_WORD;

	if (!r->fa) {
		/* G.706 4.1.2: FAS, then NFAS bit 2 = 1, then FAS again */
		switch (r->hunt) {
		case 0:
			r->hunt = fas ? 1 : 0;
			break;
		case 1:
			r->hunt = (b & NFAS_BIT2) ? 2 : (fas ? 1 : 0);
			break;
		default:
			if (fas) {
				r->fa = true;
				r->expect_fas = false;
				r->fas_bad_run = 0;
				r->mfa = false;
				r->mfas_sr = 0;
			}
			r->hunt = 0;
			break;
		}
		return;
	}
	if (r->expect_fas) {
		if (!fas) {
			n->fas++;
			if (++r->fas_bad_run >= 3) {
				/* G.706 4.1.1: three consecutive errored FAS words */
				r->fa = false;
				r->mfa = false;
				r->hunt = 0;
				n->fe++;
				return;
			}
		} else {
			r->fas_bad_run = 0;
		}
	} else {
		r->nfas_frames++;
		if (b & NFAS_A)
			r->rai_frames++;
	}
	if (crc4)
		rx_crc4(s, fr, r->expect_fas, n);
	r->expect_fas = !r->expect_fas;
}

/* G.775: AIS = fewer than 3 zeros in each of the 512-bit periods of the tick */
static bool blk_is_ais(const struct cct_blk *b)
{
	const u8 *p = &b->fr[0][0];
	int w, i;

	for (w = 0; w < CCT_FRAMES / 2; w++) {
		int zeros = 0;

		for (i = 0; i < 2 * CCT_TS && zeros < 3; i++)
			zeros += 8 - hweight8(p[w * 2 * CCT_TS + i]);
		if (zeros >= 3)
			return false;
	}
	return true;
}

static inline const u8 *ring_frame(const struct cct_span *s, u64 f)
{
	return s->ring[(f / CCT_FRAMES) % CCT_RING_TICKS].fr[f % CCT_FRAMES];
}

static int integrate(struct cct_span *s, bool running)
{
	struct cct_rx *r = &s->rx;
	unsigned int red = READ_ONCE(cct_red_debounce_ms);
	unsigned int blue = READ_ONCE(cct_ais_debounce_ms);
	unsigned int yel = READ_ONCE(cct_yellow_debounce_ms);
	int alarms = 0;
	bool had_fault = r->alarms > 0 && (r->alarms & (DAHDI_ALARM_RED | DAHDI_ALARM_BLUE));

	r->los_ms = r->los ? r->los_ms + 1 : 0;
	r->lfa_ms = r->lfa ? r->lfa_ms + 1 : 0;
	r->ais_ms = r->ais ? r->ais_ms + 1 : 0;
	r->rai_ms = r->rai ? r->rai_ms + 1 : 0;

	if (r->los && r->los_ms >= red)
		alarms |= DAHDI_ALARM_RED | DAHDI_ALARM_LOS;
	if (r->lfa && r->lfa_ms >= red)
		alarms |= DAHDI_ALARM_RED | DAHDI_ALARM_LFA;
	if (r->ais && r->ais_ms >= blue)
		alarms |= DAHDI_ALARM_BLUE;
	if (!alarms && had_fault)
		r->recover_ms = READ_ONCE(cct_recover_ms);
	if (alarms)
		r->recover_ms = 0;
	if (r->recover_ms) {
		r->recover_ms--;
		alarms |= DAHDI_ALARM_RECOVER;
	}
	if (r->rai && r->rai_ms >= yel)
		alarms |= DAHDI_ALARM_YELLOW;
	if ((READ_ONCE(s->span.lineconfig) & DAHDI_CONFIG_NOTOPEN) && running) {
		int c, open = 0;

		for (c = 0; c < CCT_CHANS; c++)
			open += test_bit(DAHDI_FLAGBIT_OPEN, &s->chans[c]->flags);
		if (!open)
			alarms |= DAHDI_ALARM_NOTOPEN;
	}
	r->alarms = alarms;
	/* the transmitter reports our defects and alarms to the far end */
	s->tx.rai = r->los || r->lfa || r->ais || (alarms & (DAHDI_ALARM_RED | DAHDI_ALARM_BLUE));
	return alarms;
}

/*
 * Receive one tick: run the framer over the block written delay_ms ago, fill
 * the channels' readchunks from the elastic store, latch the CAS nibbles in
 * s->rx.cas, integrate alarms and update counters.  DAHDI alarm notification is
 * done here under span->lock; CAS delivery and dahdi_receive() by the caller.
 */
void cct_line_rx(struct cct_span *s, bool running)
{
	struct cct_rx *r = &s->rx;
	int lc = READ_ONCE(s->span.lineconfig);
	bool crc4 = lc & DAHDI_CONFIG_CRC4;
	u32 delay = min_t(u32, READ_ONCE(s->imp.delay_ms), CCT_MAX_DELAY_MS);
	u32 slip_iv = READ_ONCE(s->imp.slip_interval_ms);
	struct rx_counts n = { 0 };
	const struct cct_blk *b = NULL;
	bool slipped = false;
	unsigned long flags;
	int alarms, i, c;
	u64 t, first;

	if (s->wr_tick >= delay + 2) {
		t = s->wr_tick - 1 - delay;
		b = &s->ring[t % CCT_RING_TICKS];
	}
	r->nfas_frames = 0;
	r->rai_frames = 0;
	r->los = !b || !b->signal;
	r->ais = false;
	if (r->los) {
		r->fa = false;
		r->mfa = false;
		r->hunt = 0;
	} else {
		for (i = 0; i < CCT_FRAMES; i++)
			rx_frame(s, b->fr[i], crc4, &n);
		if (!r->fa)
			r->ais = blk_is_ais(b);
	}
	r->lfa = !r->los && !r->ais && !r->fa;
	r->rai = r->fa && r->nfas_frames && r->rai_frames == r->nfas_frames;

	if (slip_iv && b) {
		if (++r->slip_ms >= slip_iv) {
			r->slip_ms = 0;
			r->slip_back = !r->slip_back;
			slipped = true;
			s->slips++;
		}
	} else {
		r->slip_ms = 0;
	}

	if (running && b) {
		first = t * CCT_FRAMES - (r->slip_back ? 1 : 0);
		for (i = 0; i < CCT_FRAMES; i++) {
			const u8 *fr = ring_frame(s, first + i);

			for (c = 0; c < CCT_CHANS; c++)
				s->chans[c]->readchunk[i] = fr[c + 1];
		}
		s->rx_frames += CCT_FRAMES;
		/* signalling freeze while the frame is lost (no valid TS16) */
		if (is_cas(lc) && r->fa)
			memcpy(r->cas, b->cas, sizeof(r->cas));
	} else if (running) {
		for (c = 0; c < CCT_CHANS; c++)
			memset(s->chans[c]->readchunk, 0xff, DAHDI_CHUNKSIZE);
	}

	alarms = integrate(s, running);

	spin_lock_irqsave(&s->span.lock, flags);
	if (running) {
		struct dahdi_count *k = &s->span.count;

		k->bpv += r->bpv_pend;
		k->cv += r->bpv_pend;
		k->fas += n.fas;
		k->fe += n.fe;
		k->crc4 += n.crc4;
		k->ebit += n.ebit;
		k->timingslips += slipped;
		r->es_hit |= n.fas || n.fe || n.crc4 || r->bpv_pend || r->los || r->lfa ||
			     r->ais;
		if (++r->es_ms >= 1000) {
			k->errsec += r->es_hit;
			r->es_ms = 0;
			r->es_hit = false;
		}
	}
	if (test_bit(DAHDI_FLAGBIT_REGISTERED, &s->span.flags) &&
	    (alarms | (s->span.alarms & DAHDI_ALARM_LOOPBACK)) != s->span.alarms) {
		s->span.alarms = alarms;
		dahdi_alarm_notify(&s->span);
	}
	r->bpv_pend = 0;
	spin_unlock_irqrestore(&s->span.lock, flags);
}

/*
 * Parse a bit error rate: "0"/"off", or "<m>e-<k>" with m in 1..9 and
 * 1e-7 <= m * 10^-k <= 1e-3.  Context: process.
 */
int cct_ber_parse(const char *buf, u32 *mant, u32 *exp)
{
	char m, e;
	int k, len = strcspn(buf, "\n");

	if ((len == 1 && buf[0] == '0') || (len == 3 && !strncmp(buf, "off", 3))) {
		*mant = 0;
		*exp = 0;
		return 0;
	}
	if (len != 4 || buf[1] != 'e' || buf[2] != '-')
		return -EINVAL;
	m = buf[0];
	e = buf[3];
	if (m < '1' || m > '9' || e < '3' || e > '7')
		return -EINVAL;
	k = e - '0';
	if (k == 3 && m != '1')
		return -EINVAL;	/* above 1e-3 */
	*mant = m - '0';
	*exp = k;
	return 0;
}
