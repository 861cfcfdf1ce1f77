// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for lib/core/cc_hdlc.c: HDLC flags, bit stuffing, FCS, abort, idle.
 *
 * Golden vectors: test/vectors/q703/hdlc_frames.txt (provenance in its README).
 * A bit-serial model written here from the Q.703 / ISO 13239 rules is the
 * independent reference for the table-driven encoder and decoder.
 *
 * `hdlc_test --gen-tables` prints the decoder table of cc_hdlc.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <callcenter/crc.h>
#include <callcenter/hdlc.h>

#include "core/cc_hdlc_int.h"
#include "vectors.h"

/* ------------------------------------------------------------ reference model */

static uint32_t model_dec_entry(unsigned int o, unsigned int b)
{
	unsigned int bits = 0, n = 0;

	for (int i = 0; i < 8; i++) {
		if ((b >> i) & 1) {
			if (++o >= 6)
				return 0x8000;
			bits |= 1u << n++;
		} else if (o == 5) {
			o = 0;
		} else {
			o = 0;
			n++;
		}
	}
	return bits | n << 8 | o << 12;
}

static uint32_t model_enc_entry(unsigned int o, unsigned int b)
{
	unsigned int bits = 0, n = 0;

	for (int i = 0; i < 8; i++) {
		unsigned int bit = (b >> i) & 1;

		bits |= bit << n++;
		if (bit) {
			if (++o == 5) {
				n++;
				o = 0;
			}
		} else {
			o = 0;
		}
	}
	return bits | n << 10 | o << 14;
}

struct bits {
	uint8_t b[1 << 21];
	size_t n;
};

static void bits_put(struct bits *s, unsigned int v, unsigned int count)
{
	for (unsigned int i = 0; i < count; i++)
		s->b[s->n++] = (v >> i) & 1;
}

static void bits_flag(struct bits *s)
{
	bits_put(s, 0x7e, 8);
}

static void bits_stuffed(struct bits *s, const uint8_t *p, size_t len)
{
	unsigned int run = 0;

	for (size_t i = 0; i < len; i++)
		for (int j = 0; j < 8; j++) {
			unsigned int bit = (p[i] >> j) & 1;

			s->b[s->n++] = (uint8_t)bit;
			run = bit ? run + 1 : 0;
			if (run == 5) {
				s->b[s->n++] = 0;
				run = 0;
			}
		}
}

/* Payload + FCS, stuffed, no flags. */
static void bits_frame_body(struct bits *s, const uint8_t *p, size_t len)
{
	uint16_t fcs = cc_crc16_x25(p, len);
	uint8_t f[CC_HDLC_MAX_FRAME];

	memcpy(f, p, len);
	f[len] = (uint8_t)fcs;
	f[len + 1] = (uint8_t)(fcs >> 8);
	bits_stuffed(s, f, len + 2); /* the run of 1s continues into the FCS */
}

/* Pad with flags to a whole octet and pack LSB first. */
static size_t bits_pack(struct bits *s, uint8_t *out)
{
	unsigned int k = 0;

	while (s->n % 8)
		s->b[s->n++] = (0x7e >> k++) & 1; /* a prefix of the next idle flag */
	for (size_t i = 0; i < s->n / 8; i++) {
		out[i] = 0;
		for (int j = 0; j < 8; j++)
			out[i] |= (uint8_t)(s->b[i * 8 + j] << j);
	}
	return s->n / 8;
}

/* ------------------------------------------------------------ capture sink */

struct sink {
	unsigned int ev[CC_HDLC_EV__COUNT];
	unsigned int nframes;
	uint8_t frame[64][CC_HDLC_MAX_FRAME];
	size_t len[64];
};

static void sink_fn(void *priv, enum cc_hdlc_ev ev, const uint8_t *frame, size_t len)
{
	struct sink *s = priv;

	assert_true((unsigned int)ev < CC_HDLC_EV__COUNT);
	s->ev[ev]++;
	if (ev == CC_HDLC_EV_FRAME) {
		assert_non_null(frame);
		if (s->nframes < 64) {
			memcpy(s->frame[s->nframes], frame, len);
			s->len[s->nframes] = len;
		}
		s->nframes++;
	} else {
		assert_null(frame);
	}
}

struct vec {
	char name[32];
	uint8_t payload[256], fcs[2], stream[512];
	size_t plen, slen;
};

static size_t load_vectors(struct vec *v, size_t max)
{
	char line[2048], p[600], f[8], s[1200];
	size_t n = 0;
	FILE *fp = vec_open("test/vectors/q703/hdlc_frames.txt");

	while (n < max && vec_next_line(fp, line, sizeof(line))) {
		assert_int_equal(sscanf(line, "%31s %599s %7s %1199s", v[n].name, p, f, s), 4);
		v[n].plen = vec_unhex(p, v[n].payload, sizeof(v[n].payload));
		assert_int_equal(vec_unhex(f, v[n].fcs, sizeof(v[n].fcs)), 2);
		v[n].slen = vec_unhex(s, v[n].stream, sizeof(v[n].stream));
		n++;
	}
	fclose(fp);
	return n;
}

/* ------------------------------------------------------------ tests */

static void hdlc_tables_match_bit_serial_model(void **state)
{
	(void)state;
	for (unsigned int o = 0; o < 6; o++)
		for (unsigned int b = 0; b < 256; b++)
			assert_int_equal(cc_hdlc_dec_tab_entry(o, b), model_dec_entry(o, b));
	for (unsigned int o = 0; o < 5; o++)
		for (unsigned int b = 0; b < 256; b++)
			assert_int_equal(cc_hdlc_enc_tab_entry(o, b), model_enc_entry(o, b));
}

static void hdlc_sliced_crc_matches_reference(void **state)
{
	uint8_t buf[300];

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 151 + 7);
	for (size_t n = 0; n <= sizeof(buf); n++)
		for (size_t off = 0; off < 4 && off <= n; off++)
			assert_int_equal(cc_hdlc_crc_fast(buf + off, n - off),
					 cc_crc16_x25(buf + off, n - off));
}

static void hdlc_golden_fcs_matches(void **state)
{
	struct vec v[16];
	size_t n = load_vectors(v, 16);

	(void)state;
	assert_true(n >= 8);
	for (size_t i = 0; i < n; i++) {
		uint16_t fcs = cc_crc16_x25(v[i].payload, v[i].plen);

		assert_int_equal((uint8_t)fcs, v[i].fcs[0]);
		assert_int_equal((uint8_t)(fcs >> 8), v[i].fcs[1]);
	}
}

static void hdlc_encode_golden_streams(void **state)
{
	static struct vec v[16];
	size_t n = load_vectors(v, 16);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		struct cc_hdlc_enc e;
		uint8_t out[1024];
		int ret;

		cc_hdlc_enc_init(&e);
		ret = cc_hdlc_enc_frame(&e, v[i].payload, v[i].plen, out, sizeof(out));
		assert_true(ret >= 0);
		/* the golden stream ends with the closing flag padded by flag bits */
		if ((size_t)ret < v[i].slen)
			cc_hdlc_enc_flags(&e, out + ret, v[i].slen - (size_t)ret);
		assert_memory_equal(out, v[i].stream, v[i].slen);
	}
}

static void hdlc_decode_golden_streams_any_chunking(void **state)
{
	static struct vec v[16];
	size_t n = load_vectors(v, 16);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t chunk = 1; chunk <= v[i].slen; chunk++) {
			static struct cc_hdlc_dec d;
			static struct sink s;
			memset(&s, 0, sizeof(s));
			cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
			for (size_t off = 0; off < v[i].slen; off += chunk)
				cc_hdlc_dec_feed(&d, v[i].stream + off,
						 v[i].slen - off < chunk ? v[i].slen - off : chunk);
			assert_int_equal(s.nframes, 1);
			assert_int_equal(s.len[0], v[i].plen);
			assert_memory_equal(s.frame[0], v[i].payload, v[i].plen);
			assert_int_equal(d.stats.frames, 1);
			assert_int_equal(d.stats.bad_fcs + d.stats.aborts + d.stats.misaligned, 0);
		}
}

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void hdlc_random_frames_round_trip_and_match_model(void **state)
{
	static struct cc_hdlc_dec d;
	static struct sink s;
	static struct bits ref;
	static uint8_t stream[200000], plain[200000], refstream[200000], payload[64][300];
	static size_t plen[64];
	struct cc_hdlc_enc e, e_plain;
	size_t pos = 0, ppos = 0, refn;

	(void)state;
	memset(&s, 0, sizeof(s));
	ref.n = 0;
	cc_hdlc_enc_init(&e);
	cc_hdlc_enc_init(&e_plain);
	cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
	bits_flag(&ref);
	for (int i = 0; i < 64; i++) {
		size_t idle = rng() % 3;
		int ret;

		plen[i] = 1 + rng() % 279;
		for (size_t k = 0; k < plen[i]; k++) {
			/* bias towards 1s so stuffing and flag look-alikes are frequent */
			uint32_t r = rng();

			payload[i][k] = (r & 3) ? (uint8_t)(r >> 8) | 0xf8 : (uint8_t)(r >> 16);
			if ((r & 0xf0) == 0x30)
				payload[i][k] = 0x7e;
		}
		/* model: one flag between frames */
		bits_frame_body(&ref, payload[i], plen[i]);
		bits_flag(&ref);
		ret = cc_hdlc_enc_frame(&e_plain, payload[i], plen[i], plain + ppos,
					sizeof(plain) - ppos);
		assert_true(ret > 0);
		ppos += (size_t)ret;
		/* decoded stream: idle flags at any bit phase between frames */
		ret = cc_hdlc_enc_frame(&e, payload[i], plen[i], stream + pos,
					sizeof(stream) - pos);
		assert_true(ret > 0);
		pos += (size_t)ret;
		cc_hdlc_enc_flags(&e, stream + pos, idle);
		pos += idle;
	}
	cc_hdlc_enc_flags(&e, stream + pos, 2);
	pos += 2;
	cc_hdlc_enc_flags(&e_plain, plain + ppos, 1);
	ppos += 1;
	refn = bits_pack(&ref, refstream);
	assert_true(ppos == refn || ppos == refn + 1);
	assert_memory_equal(plain, refstream, refn);

	for (size_t off = 0; off < pos;) {
		size_t c = 1 + rng() % 37;

		if (c > pos - off)
			c = pos - off;
		cc_hdlc_dec_feed(&d, stream + off, c);
		off += c;
	}
	assert_int_equal(s.nframes, 64);
	for (int i = 0; i < 64; i++) {
		assert_int_equal(s.len[i], plen[i]);
		assert_memory_equal(s.frame[i], payload[i], plen[i]);
	}
	assert_int_equal(d.stats.bad_fcs + d.stats.aborts + d.stats.misaligned + d.stats.too_long +
				 d.stats.short_frames,
			 0);
}

static void hdlc_bit_error_is_never_delivered(void **state)
{
	const uint8_t su[] = { 0x85, 0x86, 0x23, 0x85, 0x03, 0x02, 0x01, 0x06, 0x05 };
	uint8_t stream[64];
	int len;

	(void)state;
	for (int bit = 8; bit < 8 * 14; bit++) {
		static struct cc_hdlc_dec d;
		static struct sink s;
		struct cc_hdlc_enc e;
		unsigned int errors;

		cc_hdlc_enc_init(&e);
		len = cc_hdlc_enc_frame(&e, su, sizeof(su), stream, sizeof(stream));
		assert_true(len > 0);
		cc_hdlc_enc_flags(&e, stream + len, 2);
		if (bit >= (len - 1) * 8)
			break;
		stream[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(&s, 0, sizeof(s));
		cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
		cc_hdlc_dec_feed(&d, stream, (size_t)len + 2);
		/* a corrupted frame is either reported as an error or (if the flip created a flag or
		 * destroyed the closing one) split; it is never delivered as the original */
		errors = s.ev[CC_HDLC_EV_BAD_FCS] + s.ev[CC_HDLC_EV_ABORT] +
			 s.ev[CC_HDLC_EV_MISALIGNED] + s.ev[CC_HDLC_EV_SHORT];
		for (unsigned int k = 0; k < s.nframes && k < 64; k++)
			assert_false(s.len[k] == sizeof(su) && !memcmp(s.frame[k], su, sizeof(su)));
		assert_true(errors + s.nframes >= 1 || d.in_frame);
	}
}

static void hdlc_abort_discards_frame_and_recovers(void **state)
{
	static struct cc_hdlc_dec d;
	static struct sink s;
	static struct bits b;
	const uint8_t p1[] = { 0x12, 0x34, 0x56, 0x78 }, p2[] = { 0xff, 0xff, 0x00 };
	uint8_t stream[128];
	size_t n;

	(void)state;
	b.n = 0;
	bits_flag(&b);
	bits_stuffed(&b, p1, 3); /* part of a frame */
	bits_put(&b, 0x7f, 7);	 /* abort: seven 1s */
	bits_put(&b, 0xff, 8);	 /* more 1s: still aborted, counted once */
	bits_flag(&b);
	bits_frame_body(&b, p2, sizeof(p2));
	bits_flag(&b);
	n = bits_pack(&b, stream);
	memset(&s, 0, sizeof(s));
	cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
	cc_hdlc_dec_feed(&d, stream, n);
	assert_int_equal(s.ev[CC_HDLC_EV_ABORT], 1);
	assert_int_equal(d.stats.aborts, 1);
	assert_int_equal(s.nframes, 1);
	assert_int_equal(s.len[0], 3);
	assert_memory_equal(s.frame[0], p2, 3);

	/* the encoder's own abort sequence is recognised too */
	{
		struct cc_hdlc_enc e;
		int r1, r2;

		cc_hdlc_enc_init(&e);
		memset(&s, 0, sizeof(s));
		cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
		cc_hdlc_enc_flags(&e, stream, 1);
		/* open a frame by hand: flag then 2 octets of data, then abort */
		stream[1] = 0x12;
		stream[2] = 0x34;
		cc_hdlc_enc_init(&e);
		r1 = cc_hdlc_enc_abort(&e, stream + 3, sizeof(stream) - 3);
		assert_true(r1 > 0);
		r2 = cc_hdlc_enc_frame(&e, p1, sizeof(p1), stream + 3 + r1,
				       sizeof(stream) - 3 - (size_t)r1);
		assert_true(r2 > 0);
		cc_hdlc_enc_flags(&e, stream + 3 + r1 + r2, 1);
		cc_hdlc_dec_feed(&d, stream, 3 + (size_t)r1 + (size_t)r2 + 1);
		assert_int_equal(s.ev[CC_HDLC_EV_ABORT], 1);
		assert_int_equal(s.nframes, 1);
		assert_memory_equal(s.frame[0], p1, sizeof(p1));
		assert_int_equal(e.aborts, 1);
	}
}

static void hdlc_too_long_frame_reported_then_recovers(void **state)
{
	static struct cc_hdlc_dec d;
	static struct sink s;
	static uint8_t big[400], stream[2048];
	const uint8_t small[] = { 1, 2, 3, 4, 5 };
	struct cc_hdlc_enc e;
	size_t pos = 0;
	int r;

	(void)state;
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	cc_hdlc_enc_init(&e);
	/* limit 10 octets with FCS: an 8-octet payload fits exactly, 9 does not */
	r = cc_hdlc_enc_frame(&e, big, 9, stream, sizeof(stream));
	pos += (size_t)r;
	r = cc_hdlc_enc_frame(&e, big, 8, stream + pos, sizeof(stream) - pos);
	pos += (size_t)r;
	r = cc_hdlc_enc_frame(&e, big, sizeof(big), stream + pos, sizeof(stream) - pos);
	pos += (size_t)r;
	r = cc_hdlc_enc_frame(&e, small, sizeof(small), stream + pos, sizeof(stream) - pos);
	pos += (size_t)r;
	cc_hdlc_enc_flags(&e, stream + pos, 1);
	pos++;
	memset(&s, 0, sizeof(s));
	cc_hdlc_dec_init(&d, 10, sink_fn, &s);
	cc_hdlc_dec_feed(&d, stream, pos);
	assert_int_equal(s.ev[CC_HDLC_EV_TOO_LONG], 2);
	assert_int_equal(s.nframes, 2);
	assert_int_equal(s.len[0], 8);
	assert_memory_equal(s.frame[1], small, sizeof(small));
}

static void hdlc_shared_zero_flags_and_short_and_misaligned(void **state)
{
	static struct cc_hdlc_dec d;
	static struct sink s;
	static struct bits b;
	const uint8_t p[] = { 0xaa, 0x55, 0x01 }, one[] = { 0x42 };
	uint8_t stream[128];
	size_t n;

	(void)state;
	b.n = 0;
	bits_flag(&b);
	bits_put(&b, 0x3f, 7); /* 0111111 + shared 0: "011111101111110" = two flags */
	bits_put(&b, 0x7e, 8);
	bits_frame_body(&b, p, sizeof(p));
	bits_flag(&b);
	bits_stuffed(&b, one, 1); /* one octet between flags: short */
	bits_flag(&b);
	bits_frame_body(&b, p, sizeof(p));
	bits_put(&b, 0, 3); /* three extra bits: not a whole number of octets */
	bits_flag(&b);
	bits_frame_body(&b, p, sizeof(p));
	bits_flag(&b);
	n = bits_pack(&b, stream);
	memset(&s, 0, sizeof(s));
	cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
	cc_hdlc_dec_feed(&d, stream, n);
	assert_int_equal(s.nframes, 2);
	assert_int_equal(s.ev[CC_HDLC_EV_SHORT], 1);
	assert_int_equal(s.ev[CC_HDLC_EV_MISALIGNED], 1);
	assert_int_equal(s.ev[CC_HDLC_EV_BAD_FCS], 0);
	assert_memory_equal(s.frame[1], p, sizeof(p));
}

static void hdlc_bad_fcs_counted(void **state)
{
	static struct cc_hdlc_dec d;
	static struct sink s;
	static struct bits b;
	const uint8_t p[] = { 0xff, 0xff, 0x01, 0x03, 0x00, 0x00 }; /* SIOS with FCS 0000 */
	uint8_t stream[64];
	size_t n;

	(void)state;
	b.n = 0;
	bits_flag(&b);
	bits_stuffed(&b, p, sizeof(p));
	bits_flag(&b);
	n = bits_pack(&b, stream);
	memset(&s, 0, sizeof(s));
	cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink_fn, &s);
	cc_hdlc_dec_feed(&d, stream, n);
	assert_int_equal(s.nframes, 0);
	assert_int_equal(d.stats.bad_fcs, 1);
	assert_string_equal(cc_hdlc_ev_name(CC_HDLC_EV_BAD_FCS), "bad-fcs");
	assert_string_equal(cc_hdlc_ev_name((enum cc_hdlc_ev)99), "?");
}

static void hdlc_encoder_rejects_bad_arguments(void **state)
{
	struct cc_hdlc_enc e;
	uint8_t buf[8], big[600] = { 0 };
	static uint8_t out[2000];

	(void)state;
	cc_hdlc_enc_init(&e);
	assert_int_equal(cc_hdlc_enc_frame(&e, buf, 0, out, sizeof(out)), -EINVAL);
	assert_int_equal(cc_hdlc_enc_frame(&e, big, sizeof(big), out, sizeof(out)), -EINVAL);
	assert_int_equal(cc_hdlc_enc_frame(&e, buf, 8, out, 5), -ENOSPC);
	assert_int_equal(e.frames, 0);
	assert_int_equal(cc_hdlc_enc_abort(&e, out, 2), -ENOSPC);
	/* the worst-case bound holds for all-ones payloads */
	memset(big, 0xff, sizeof(big));
	assert_true(cc_hdlc_enc_frame(&e, big, 300, out, CC_HDLC_ENC_MAX_OCTETS(300)) > 0);
}

/* all 1s (most stuffing), all flag octets, random biased towards 1s, uniformly random */
static uint8_t pattern_octet(int pat, uint32_t r)
{
	if (pat == 0)
		return 0xff;
	if (pat == 1)
		return 0x7e;
	if (pat == 2)
		return (r & 7) ? (uint8_t)(r >> 8) | 0xf8 : (uint8_t)(r >> 16);
	return (uint8_t)(r >> 16);
}

/*
 * The encoder writes nothing past @cap when @cap is exactly the documented
 * worst case, whatever the payload and the bit phase left by earlier frames,
 * and its stream is the model's bit for bit (lengths 1..max, worst-case and
 * random payloads).
 */
static void hdlc_encoder_stays_within_capacity_and_matches_model(void **state)
{
	static struct bits ref;
	static uint8_t payload[CC_HDLC_MAX_FRAME],
		out[CC_HDLC_ENC_MAX_OCTETS(CC_HDLC_MAX_FRAME) + 64];
	static uint8_t stream[300000], refstream[300000];
	const size_t maxlen = CC_HDLC_MAX_FRAME - CC_HDLC_FCS_OCTETS;

	(void)state;
	for (int pat = 0; pat < 4; pat++) {
		struct cc_hdlc_enc e;
		size_t pos = 0, refn;

		cc_hdlc_enc_init(&e);
		ref.n = 0;
		bits_flag(&ref);
		for (size_t len = 1; len <= maxlen; len++) {
			size_t cap = CC_HDLC_ENC_MAX_OCTETS(len);
			int ret;

			for (size_t k = 0; k < len; k++)
				payload[k] = pattern_octet(pat, rng());
			memset(out, 0xa5, sizeof(out));
			ret = cc_hdlc_enc_frame(&e, payload, len, out, cap);
			assert_true(ret > 0);
			assert_true((size_t)ret <= cap);
			for (size_t k = cap; k < sizeof(out); k++)
				assert_int_equal(out[k], 0xa5);
			assert_true(pos + (size_t)ret <= sizeof(stream));
			memcpy(stream + pos, out, (size_t)ret);
			pos += (size_t)ret;
			bits_frame_body(&ref, payload, len);
			bits_flag(&ref);
		}
		refn = bits_pack(&ref, refstream);
		/* the encoder keeps the last 0..7 bits of the closing flag */
		assert_true(pos == refn || pos + 1 == refn);
		assert_memory_equal(stream, refstream, pos);
	}
}

struct evlog {
	size_t n;
	struct {
		uint8_t ev;
		uint16_t len;
		uint32_t hash;
	} e[8192];
};

static void evlog_fn(void *priv, enum cc_hdlc_ev ev, const uint8_t *frame, size_t len)
{
	struct evlog *l = priv;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ frame[i]) * 16777619u;
	if (l->n < 8192) {
		l->e[l->n].ev = (uint8_t)ev;
		l->e[l->n].len = (uint16_t)len;
		l->e[l->n].hash = h;
	}
	l->n++;
}

/*
 * The word-at-a-time decoder paths give exactly what the octet/bit-serial
 * path gives (a 1-octet feed never takes them): same events in the same
 * order, same frames, counters and state, on streams of frames of any
 * length, idle flags, aborts, runs of 1s, junk and flipped bits, fed in
 * chunks of any size, with frame limits small and large.
 */
static void hdlc_word_path_matches_octet_path_on_any_stream(void **state)
{
	static const size_t limits[] = { 3, 4, 7, 12, 40, 279, CC_HDLC_MAX_FRAME };
	static uint8_t stream[1 << 17], payload[CC_HDLC_MAX_FRAME];
	static struct cc_hdlc_dec dw, db;
	static struct evlog lw, lb;

	(void)state;
	for (int round = 0; round < 28; round++) {
		size_t limit = limits[round % 7], pos = 0, frames = 0;
		struct cc_hdlc_enc e;

		cc_hdlc_enc_init(&e);
		while (pos < sizeof(stream) - 2048) {
			uint32_t what = rng() % 16, r = rng();
			size_t n;
			int ret;

			if (what < 9) { /* a frame: mostly short, any length up to the maximum */
				n = (r & 3) ? 1 + (r >> 8) % 24 : 1 + (r >> 8) % 510;
				for (size_t k = 0; k < n; k++) {
					uint32_t b = rng();

					payload[k] = (b & 3) ? (uint8_t)(b >> 8) | 0xf8
							     : (uint8_t)(b >> 16);
					if ((b & 0xf0) == 0x30)
						payload[k] = 0x7e;
				}
				ret = cc_hdlc_enc_frame(&e, payload, n, stream + pos,
							sizeof(stream) - pos);
				assert_true(ret > 0);
				pos += (size_t)ret;
				frames++;
			} else if (what < 11) {
				n = (r >> 8) % 6;
				cc_hdlc_enc_flags(&e, stream + pos, n);
				pos += n;
			} else if (what == 11) {
				ret = cc_hdlc_enc_abort(&e, stream + pos, sizeof(stream) - pos);
				assert_true(ret > 0);
				pos += (size_t)ret;
			} else if (what == 12) { /* 1s: abort or idle-1s */
				n = (r >> 8) % 8;
				memset(stream + pos, 0xff, n);
				pos += n;
			} else if (what == 13) { /* junk */
				n = (r >> 8) % 40;
				for (size_t k = 0; k < n; k++)
					stream[pos + k] = (uint8_t)(rng() >> 11);
				pos += n;
			} else if (pos > 0) {
				/* flip a bit in what was just written */
				stream[pos - 1 - (r >> 8) % (pos < 64 ? pos : 64)] ^=
					(uint8_t)(1u << (r >> 24) % 8);
			}
		}
		memset(&lw, 0, sizeof(lw));
		memset(&lb, 0, sizeof(lb));
		cc_hdlc_dec_init(&dw, limit, evlog_fn, &lw);
		cc_hdlc_dec_init(&db, limit, evlog_fn, &lb);
		for (size_t off = 0; off < pos;) {
			size_t c = round % 4 == 0 ? pos : 1 + rng() % (round % 2 ? 9 : 700);

			if (c > pos - off)
				c = pos - off;
			cc_hdlc_dec_feed(&dw, stream + off, c);
			off += c;
		}
		for (size_t off = 0; off < pos; off++)
			cc_hdlc_dec_feed(&db, stream + off, 1);
		assert_true(lb.n > frames / 2);
		assert_true(lb.n <= 8192);
		assert_int_equal(lw.n, lb.n);
		for (size_t k = 0; k < lb.n; k++) {
			assert_int_equal(lw.e[k].ev, lb.e[k].ev);
			assert_int_equal(lw.e[k].len, lb.e[k].len);
			assert_int_equal(lw.e[k].hash, lb.e[k].hash);
		}
		assert_memory_equal(&dw.stats, &db.stats, sizeof(dw.stats));
		assert_int_equal(dw.in_frame, db.in_frame);
		assert_int_equal(dw.ones, db.ones);
		assert_int_equal(dw.nbits, db.nbits);
		assert_int_equal(dw.acc, db.acc);
		assert_int_equal(dw.len, db.len);
		assert_memory_equal(dw.buf, db.buf, dw.len);
		if (limit == CC_HDLC_MAX_FRAME)
			assert_true(db.stats.frames > frames / 2);
	}
}

static void gen_tables(void)
{
	printf("static const uint16_t dec_tab[6][256] = {\n");
	for (unsigned int o = 0; o < 6; o++) {
		printf("\t[%u] = {\n", o);
		for (unsigned int b = 0; b < 256; b++)
			printf("%s0x%04x,%s", b % 8 ? " " : "\t\t", model_dec_entry(o, b),
			       b % 8 == 7 ? "\n" : "");
		printf("\t},\n");
	}
	printf("};\n");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hdlc_tables_match_bit_serial_model),
		cmocka_unit_test(hdlc_sliced_crc_matches_reference),
		cmocka_unit_test(hdlc_golden_fcs_matches),
		cmocka_unit_test(hdlc_encode_golden_streams),
		cmocka_unit_test(hdlc_decode_golden_streams_any_chunking),
		cmocka_unit_test(hdlc_random_frames_round_trip_and_match_model),
		cmocka_unit_test(hdlc_bit_error_is_never_delivered),
		cmocka_unit_test(hdlc_abort_discards_frame_and_recovers),
		cmocka_unit_test(hdlc_too_long_frame_reported_then_recovers),
		cmocka_unit_test(hdlc_shared_zero_flags_and_short_and_misaligned),
		cmocka_unit_test(hdlc_bad_fcs_counted),
		cmocka_unit_test(hdlc_encoder_rejects_bad_arguments),
		cmocka_unit_test(hdlc_encoder_stays_within_capacity_and_matches_model),
		cmocka_unit_test(hdlc_word_path_matches_octet_path_on_any_stream),
	};

	if (argc > 1 && !strcmp(argv[1], "--gen-tables")) {
		gen_tables();
		return 0;
	}
	return cmocka_run_group_tests_name("hdlc", tests, NULL, NULL);
}
