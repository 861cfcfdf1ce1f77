// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cid_fuzz - hammer /dev/callcenter/callerid with random writes.
 *
 * Usage: cid_fuzz [-n WRITES] [-s SEED]
 * Writes WRITES buffers: a third random bytes of random length (0..600), a
 * third valid records with one to four random octets changed, a third valid
 * records (one to three per write).  A non-blocking reader drains the device
 * as it goes and checks that everything it reads is a valid record and that
 * sequence numbers are consecutive (except once after an EPIPE, which must
 * show up in its lost counter).  At the end the module's published and
 * rejected counters must match exactly what write() returned, and a fresh
 * writer/reader pair must still work.  Exit 0 if all holds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <uapi/callcenter/cid.h>

#define REC sizeof(struct cc_cid_record)

static unsigned long long xs = 88172645463325252ull;

static unsigned int rnd(void)
{
	xs ^= xs << 13;
	xs ^= xs >> 7;
	xs ^= xs << 17;
	return (unsigned int)(xs >> 11);
}

static int num_ok(const char *n)
{
	int i;

	for (i = 0; i < CC_CID_NUM_LEN && n[i]; i++)
		if (!strchr("0123456789*#ABCDEF", n[i]))
			return -1;
	if (i == CC_CID_NUM_LEN)
		return -1;
	for (int j = i; j < CC_CID_NUM_LEN; j++)
		if (n[j])
			return -1;
	return i;
}

/* the validation rules of the ABI, as a reader sees published records */
static int rec_ok(const struct cc_cid_record *r)
{
	int c = num_ok(r->calling), d = num_ok(r->called);
	size_t i;

	if (r->version != CC_CID_ABI_VERSION || r->size != REC || r->source == CC_CID_SRC_NONE ||
	    r->source >= CC_CID_SRC_COUNT || r->span > CC_CID_SPAN_MAX ||
	    r->channel > CC_CID_CHANNEL_MAX || r->presentation > 2 || r->screening > 3 ||
	    (r->flags & ~CC_CID_F_ALL) || c < 0 || d < 0 || !c != !(r->flags & CC_CID_F_CALLING) ||
	    !d != !(r->flags & CC_CID_F_CALLED) || r->ts_nsec >= 1000000000u)
		return 0;
	for (i = 0; i < sizeof(r->reserved); i++)
		if (r->reserved[i])
			return 0;
	return 1;
}

static void valid(struct cc_cid_record *r)
{
	static const char dig[] = "0123456789*#ABCDEF";
	int n = (int)(rnd() % 31), i;

	memset(r, 0, sizeof(*r));
	r->version = CC_CID_ABI_VERSION;
	r->size = REC;
	r->span = (__u16)(rnd() % (CC_CID_SPAN_MAX + 1));
	r->channel = (__u16)(rnd() % 32);
	r->source = (__u8)(1 + rnd() % (CC_CID_SRC_COUNT - 1));
	r->category = (__u8)rnd();
	r->presentation = (__u8)(rnd() % 3);
	r->screening = (__u8)(rnd() % 4);
	for (i = 0; i < n; i++)
		r->calling[i] = dig[rnd() % 18];
	if (n)
		r->flags |= CC_CID_F_CALLING;
	n = (int)(rnd() % 8);
	for (i = 0; i < n; i++)
		r->called[i] = dig[rnd() % 10];
	if (n)
		r->flags |= CC_CID_F_CALLED;
	r->flags |= rnd() & (CC_CID_F_INCOMPLETE | CC_CID_F_TEST);
}

static unsigned long long nread, bad_read, seq_gaps, epipes;
static long long last_seq = -1;

static void drain(int r)
{
	struct cc_cid_record buf[16];
	ssize_t n;
	int i;

	for (;;) {
		n = read(r, buf, sizeof(buf));
		if (n < 0 && errno == EPIPE) {
			epipes++;
			last_seq = -1;
			continue;
		}
		if (n <= 0)
			return;
		for (i = 0; i < n / (ssize_t)REC; i++) {
			nread++;
			if (!rec_ok(&buf[i]))
				bad_read++;
			if (last_seq >= 0 && (long long)buf[i].seq != last_seq + 1)
				seq_gaps++;
			last_seq = (long long)buf[i].seq;
		}
	}
}

int main(int argc, char **argv)
{
	unsigned long n = 100000, i, ok_recs = 0, rejected = 0, other_err = 0;
	int w, r, opt;
	struct cc_cid_stats st0, st1;
	unsigned char buf[4 * REC];

	while ((opt = getopt(argc, argv, "n:s:")) != -1) {
		if (opt == 'n')
			n = strtoul(optarg, NULL, 10);
		else if (opt == 's')
			xs = strtoull(optarg, NULL, 0) | 1;
		else
			return 2;
	}
	w = open(CC_CID_DEVICE, O_WRONLY);
	r = open(CC_CID_DEVICE, O_RDONLY | O_NONBLOCK);
	if (w < 0 || r < 0) {
		perror("cid_fuzz: open");
		return 1;
	}
	ioctl(r, CC_CID_IOC_GET_STATS, &st0);
	for (i = 0; i < n; i++) {
		size_t len, k;
		unsigned int kind = rnd() % 3, m;
		ssize_t ret;

		if (kind == 0) {
			len = rnd() % 601;
			for (k = 0; k < len; k++)
				buf[k % sizeof(buf)] = (unsigned char)rnd();
			len = len > sizeof(buf) ? sizeof(buf) : len;
		} else if (kind == 1) {
			valid((struct cc_cid_record *)buf);
			for (m = 1 + rnd() % 4; m; m--)
				buf[rnd() % REC] = (unsigned char)rnd();
			len = REC;
		} else {
			m = 1 + rnd() % 3;
			for (k = 0; k < m; k++)
				valid((struct cc_cid_record *)buf + k);
			len = m * REC;
		}
		ret = write(w, buf, len);
		if (ret >= 0) {
			ok_recs += (unsigned long)ret / REC;
			/* a short count means a record of the batch was refused */
			if ((size_t)ret != len || (len == 0 && kind == 0))
				rejected += len != 0;
		} else if (errno == EINVAL) {
			rejected++;
		} else {
			other_err++;
		}
		if (!(i % 64))
			drain(r);
	}
	drain(r);
	ioctl(r, CC_CID_IOC_GET_STATS, &st1);
	printf("writes=%lu records_published=%lu rejected=%lu other_errors=%lu\n", n, ok_recs,
	       rejected, other_err);
	printf("module: published=%llu rejected=%llu; reader: read=%llu invalid=%llu gaps=%llu "
	       "epipe=%llu lost=%llu\n",
	       (unsigned long long)(st1.published - st0.published),
	       (unsigned long long)(st1.rejected - st0.rejected), nread, bad_read, seq_gaps, epipes,
	       (unsigned long long)st1.lost);
	if (st1.published - st0.published != ok_recs || st1.rejected - st0.rejected != rejected ||
	    other_err || bad_read || seq_gaps || nread + st1.lost != ok_recs ||
	    epipes != (st1.lost != 0))
		return 1;
	/* still sane: a fresh pair works */
	{
		struct cc_cid_record rec, out;
		int r2 = open(CC_CID_DEVICE, O_RDONLY | O_NONBLOCK);

		valid(&rec);
		if (r2 < 0 || write(w, &rec, REC) != (ssize_t)REC ||
		    read(r2, &out, REC) != (ssize_t)REC ||
		    memcmp(out.calling, rec.calling, sizeof(rec.calling)))
			return 1;
	}
	printf("module sane after %lu random writes\n", n);
	return 0;
}
