// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * HDLC encode+decode throughput on one core.
 *
 * Encodes MTP2-sized frames (random payload, 3..279 octets) into a bit stream
 * with cc_hdlc_enc_frame(), decodes it with cc_hdlc_dec_feed(), and reports
 * payload megabytes per CPU second for encode+decode together (payload octets
 * / (encode time + decode time), thread CPU time).  As a peer measured in the same run, a plain
 * bit-serial encoder/decoder (the textbook algorithm) processes the same frames;
 * the ratio is printed.
 *
 * Usage: hdlc_throughput [MEGABYTES [random|mix]]   (default 64 random)
 *   random: uniformly random payload octets, 3..279 per frame (worst case
 *           for the word-at-a-time paths: five 1s in a row are common)
 *   mix:    a signalling link's traffic: the China IAM of the reference notes
 *           and ACM/ANM/REL/RLC-sized MSUs with real headers, FISUs between
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <callcenter/crc.h>
#include <callcenter/hdlc.h>

static double now_s(void)
{
	struct timespec ts;

	/* CPU time of this thread: "per core" even when the machine is shared */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t frames_seen, octets_seen;

static void sink(void *priv, enum cc_hdlc_ev ev, const uint8_t *f, size_t len)
{
	(void)priv;
	(void)f;
	if (ev == CC_HDLC_EV_FRAME) {
		frames_seen++;
		octets_seen += len;
	}
}

/* ---- bit-serial peer ---- */
struct ser {
	uint8_t *out;
	size_t pos;
	unsigned int acc, nbits, ones;
};

static void ser_bit(struct ser *s, unsigned int b)
{
	s->acc |= b << s->nbits;
	if (++s->nbits == 8) {
		s->out[s->pos++] = (uint8_t)s->acc;
		s->acc = 0;
		s->nbits = 0;
	}
}

static void ser_frame(struct ser *s, const uint8_t *p, size_t len)
{
	uint16_t fcs = cc_crc16_x25(p, len);
	unsigned int run = 0;

	for (int i = 0; i < 8; i++)
		ser_bit(s, (0x7e >> i) & 1);
	for (size_t k = 0; k < len + 2; k++) {
		unsigned int o = k < len ? p[k] : (k == len ? (fcs & 0xff) : (fcs >> 8));

		for (int i = 0; i < 8; i++) {
			unsigned int b = (o >> i) & 1;

			ser_bit(s, b);
			run = b ? run + 1 : 0;
			if (run == 5) {
				ser_bit(s, 0);
				run = 0;
			}
		}
	}
	for (int i = 0; i < 8; i++)
		ser_bit(s, (0x7e >> i) & 1);
}

struct serdec {
	uint8_t buf[600];
	size_t len;
	unsigned int acc, nbits, ones, in;
};

static void serdec_push(struct serdec *d, unsigned int b)
{
	if (!d->in)
		return;
	d->acc |= b << d->nbits;
	if (++d->nbits == 8) {
		if (d->len < sizeof(d->buf))
			d->buf[d->len++] = (uint8_t)d->acc;
		d->acc = 0;
		d->nbits = 0;
	}
}

/* Textbook bit-serial receiver: 1s are held back until the next 0 says what they were. */
static void serdec_feed(struct serdec *d, const uint8_t *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < 8; i++) {
			if ((p[k] >> i) & 1) {
				if (++d->ones >= 7)
					d->in = 0;
				continue;
			}
			if (d->ones == 6) {
				if (d->in && d->len >= 3 && d->nbits == 1 &&
				    cc_crc16_x25_check(d->buf, d->len))
					sink(NULL, CC_HDLC_EV_FRAME, d->buf, d->len - 2);
				d->in = 1;
				d->len = 0;
				d->nbits = 0;
				d->acc = 0;
			} else if (d->ones < 7) {
				for (unsigned int j = 0; j < d->ones; j++)
					serdec_push(d, 1);
				if (d->ones != 5)
					serdec_push(d, 0);
			}
			d->ones = 0;
		}
}

int main(int argc, char **argv)
{
	size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 64;
	bool mix = argc > 2 && !strcmp(argv[2], "mix");
	static const uint8_t iam[] = { 0x85, 0x86, 0x23, 0x85, 0x03, 0x02, 0x01, 0x06, 0x05, 0x04,
				       0x01, 0x01, 0x00, 0x01, 0x00, 0x60, 0x01, 0x0a, 0x00, 0x02,
				       0x07, 0x05, 0x83, 0x10, 0x21, 0x43, 0x05, 0x0a, 0x08, 0x83,
				       0x13, 0x31, 0x08, 0x10, 0x83, 0x00, 0x00, 0x00 };
	static const uint8_t acm[] = { 0x86, 0x87, 0x0e, 0x85, 0x06, 0x05, 0x04, 0x03, 0x02,
				       0x01, 0x01, 0x01, 0x00, 0x06, 0x16, 0x14, 0x00 };
	static const uint8_t rel[] = { 0x87, 0x88, 0x0f, 0x85, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
				       0x01, 0x01, 0x00, 0x0c, 0x02, 0x00, 0x02, 0x82, 0x90 };
	static const uint8_t fisu[] = { 0x88, 0x87, 0x00 };
	const uint8_t *mixsu[] = { iam, fisu, acm, fisu, rel, fisu };
	const size_t mixlen[] = { sizeof(iam), 3, sizeof(acm), 3, sizeof(rel), 3 };
	size_t total = mb << 20, nfr = 0, cap = total * 2 + 4096, slen = 0, ser_len;
	uint8_t *pay = malloc(total), *stream = malloc(cap), *sstream = malloc(cap);
	size_t *lens = malloc(sizeof(size_t) * (total / 3 + 1));
	struct cc_hdlc_enc e;
	static struct cc_hdlc_dec d;
	double t0, t_enc, t_dec, t_senc, t_sdec;
	uint32_t seed = 1;

	if (!pay || !stream || !sstream || !lens)
		return 1;
	/* fault the pages in before timing; not with zeros, which the compiler may turn into
	 * calloc() of fresh, untouched pages and so move the page faults into the timed encoder
	 */
	memset(stream, 0xa5, cap);
	memset(sstream, 0xa5, cap);
	for (size_t i = 0; i < total; i++) {
		seed = seed * 1103515245u + 12345u;
		pay[i] = (uint8_t)(seed >> 16);
	}
	for (size_t off = 0; off < total;) {
		size_t l = 3 + (size_t)(pay[off] % 277);

		if (mix) {
			l = mixlen[nfr % 6];
			if (l <= total - off)
				memcpy(pay + off, mixsu[nfr % 6], l);
		}
		if (l > total - off)
			break;
		lens[nfr++] = l;
		off += l;
	}
	total = 0;
	for (size_t i = 0; i < nfr; i++)
		total += lens[i];

	cc_hdlc_enc_init(&e);
	t0 = now_s();
	{
		size_t off = 0;

		for (size_t i = 0; i < nfr; i++) {
			int r = cc_hdlc_enc_frame(&e, pay + off, lens[i], stream + slen,
						  cap - slen);

			if (r < 0)
				return 1;
			slen += (size_t)r;
			off += lens[i];
		}
		cc_hdlc_enc_flags(&e, stream + slen, 2);
		slen += 2;
	}
	t_enc = now_s() - t0;
	cc_hdlc_dec_init(&d, CC_HDLC_MAX_FRAME, sink, NULL);
	t0 = now_s();
	cc_hdlc_dec_feed(&d, stream, slen);
	t_dec = now_s() - t0;
	if (frames_seen != nfr) {
		fprintf(stderr, "decoded %llu of %zu frames\n", (unsigned long long)frames_seen,
			nfr);
		return 1;
	}
	octets_seen = 0;
	frames_seen = 0;

	{
		struct ser s = { .out = sstream };
		size_t off = 0;

		t0 = now_s();
		for (size_t i = 0; i < nfr; i++) {
			ser_frame(&s, pay + off, lens[i]);
			off += lens[i];
		}
		for (int i = 0; i < 8; i++) /* an idle flag pushes out the last closing flag */
			ser_bit(&s, (0x7e >> i) & 1);
		ser_len = s.pos;
		t_senc = now_s() - t0;
	}
	{
		static struct serdec sd;

		t0 = now_s();
		serdec_feed(&sd, sstream, ser_len);
		t_sdec = now_s() - t0;
	}
	{
		double ours = (double)(total) / (t_enc + t_dec) / 1e6;
		double peer = (double)(total) / (t_senc + t_sdec) / 1e6;

		printf("hdlc (%s): %zu frames, %zu payload octets, %zu line octets\n",
		       mix ? "signalling mix" : "random", nfr, total, slen);
		printf("hdlc: encode %.1f MB/s, decode %.1f MB/s, encode+decode %.1f MB/s per "
		       "core\n",
		       (double)total / t_enc / 1e6, (double)total / t_dec / 1e6, ours);
		if (frames_seen != nfr)
			fprintf(stderr, "hdlc: peer decoded %llu of %zu frames\n",
				(unsigned long long)frames_seen, nfr);
		printf("hdlc: bit-serial peer encode+decode %.1f MB/s (%llu frames); ratio %.1fx\n",
		       peer, (unsigned long long)frames_seen, ours / peer);
	}
	free(pay);
	free(stream);
	free(sstream);
	free(lens);
	return 0;
}
