// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Caller-ID publisher of the SS7 stack: one struct cc_cid_record (uapi
 * <uapi/callcenter/cid.h>, ABI version 1) per incoming call, written to the
 * caller-ID stream device of cctrunk.ko (/dev/callcenter/callerid) or, for
 * tests, appended to a regular file.
 *
 * Record: source SS7 ISUP or SS7 TUP; the calling number (ISUP IAM calling
 * party number, TUP IAI calling line identity or the GSM sent for our GRQ)
 * with its presentation and screening; the called number without the ISUP
 * end-of-pulsing digit; the calling party's category as received (ISUP
 * Q.763 §3.11, TUP KA); flags: calling/called present, international
 * (ISUP NAI 4, TUP NOAI 3), test call (category 0x0d in both), incomplete
 * (digits beyond the record were cut).  A number's digits are 0-9 and A-F
 * as our decoders produce them; anything else makes the kernel refuse the
 * record (counted).  The kernel stamps seq and time.
 *
 * Failures are counted and never reach the call; after one the device is
 * closed and reopened at the next call (cctrunk may be loaded later).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uapi/callcenter/cid.h>

#include <callcenter/proto/gf001_tup.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/ss7.h>

#include "cc_ss7_int.h"

_Static_assert(sizeof(struct cc_cid_record) == 128, "cid ABI v1 record size");

#define CATEGORY_TEST 0x0d /* Q.763 §3.11 / Q.723: test call */

struct cc_ss7_cid {
	char *path;
	int fd;
	struct cc_ss7_cid_stats stats;
};

int cc_ss7_cid_open(const char *path, struct cc_ss7_cid **out_c)
{
	struct cc_ss7_cid *c;

	if (!out_c)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->path = strdup(path ? path : CC_CID_DEVICE);
	if (!c->path) {
		free(c);
		return -ENOMEM;
	}
	c->fd = -1;
	*out_c = c;
	return 0;
}

void cc_ss7_cid_close(struct cc_ss7_cid *c)
{
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c->path);
	free(c);
}

const struct cc_ss7_cid_stats *cc_ss7_cid_stats_get(const struct cc_ss7_cid *c)
{
	return &c->stats;
}

/* Copy at most CC_CID_NUM_LEN - 1 digits; Return: true if some were cut. */
static bool copy_digits(char *dst, const char *src)
{
	size_t n = strnlen(src, CC_SS7_MAX_DIGITS + 1);
	bool cut = n > CC_CID_NUM_LEN - 1;

	if (cut)
		n = CC_CID_NUM_LEN - 1;
	memcpy(dst, src, n); /* the rest stays zero, as the ABI requires */
	return cut;
}

/**
 * ss7_cid_record_fill() - the record for an INCOMING/CLI event (internal, unit-tested)
 */
void ss7_cid_record_fill(struct cc_cid_record *r, const struct cc_ss7_event *ev,
			 enum cc_ss7_user_part up, uint16_t span, uint16_t channel);
void ss7_cid_record_fill(struct cc_cid_record *r, const struct cc_ss7_event *ev,
			 enum cc_ss7_user_part up, uint16_t span, uint16_t channel)
{
	const struct cc_ss7_number *cg = &ev->calling;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->version = CC_CID_ABI_VERSION;
	r->size = sizeof(*r);
	r->span = span <= CC_CID_SPAN_MAX ? span : 0;
	r->channel = channel <= CC_CID_CHANNEL_MAX ? channel : 0;
	r->source = up == CC_SS7_TUP ? CC_CID_SRC_SS7_TUP : CC_CID_SRC_SS7_ISUP;
	r->category = ev->category;
	r->presentation = CC_CID_PRES_NOT_AVAILABLE;
	r->screening = CC_CID_SCREEN_NETWORK;
	if (cg->present && cg->digits[0]) {
		r->flags |= CC_CID_F_CALLING;
		if (copy_digits(r->calling, cg->digits))
			r->flags |= CC_CID_F_INCOMPLETE;
		/* Q.763 §3.10 e: 3 is spare, treated as restricted */
		r->presentation = cg->pres == CC_ISUP_PRES_ALLOWED ? CC_CID_PRES_ALLOWED
				  : cg->pres == CC_ISUP_PRES_NOT_AVAILABLE
					  ? CC_CID_PRES_NOT_AVAILABLE
					  : CC_CID_PRES_RESTRICTED;
		r->screening = cg->screen & 3;
		if (up == CC_SS7_TUP ? cg->nai == CC_TUP_NOAI_INTERNATIONAL
				     : cg->nai == CC_ISUP_NAI_INTERNATIONAL)
			r->flags |= CC_CID_F_INTERNATIONAL;
	} else if (cg->present) {
		/* an empty number with a presentation (e.g. restricted, no digits) */
		r->presentation = cg->pres == CC_ISUP_PRES_RESTRICTED ? CC_CID_PRES_RESTRICTED
								      : CC_CID_PRES_NOT_AVAILABLE;
	}
	if (ev->called.present && ev->called.digits[0]) {
		copy_digits(r->called, ev->called.digits);
		n = strlen(r->called);
		/* ISUP: code 1111 is the end-of-pulsing signal ST (Q.763 §3.9) */
		if (up == CC_SS7_ISUP && n && r->called[n - 1] == 'F')
			r->called[--n] = '\0';
		if (n)
			r->flags |= CC_CID_F_CALLED;
	}
	if (ev->category == CATEGORY_TEST)
		r->flags |= CC_CID_F_TEST;
}

static int fail(struct cc_ss7_cid *c, int err)
{
	c->stats.failed++;
	c->stats.last_error = err;
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
	return err;
}

int cc_ss7_cid_publish(struct cc_ss7_cid *c, const struct cc_ss7_event *ev,
		       enum cc_ss7_user_part up, uint16_t span, uint16_t channel)
{
	struct cc_cid_record r;
	ssize_t n;

	if (!c || !ev)
		return -EINVAL;
	ss7_cid_record_fill(&r, ev, up, span, channel);
	if (c->fd < 0) {
		/* O_APPEND only matters for a regular file (tests) */
		c->fd = open(c->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_APPEND);
		if (c->fd < 0)
			return fail(c, -errno);
	}
	do
		n = write(c->fd, &r, sizeof(r));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail(c, -errno);
	if ((size_t)n != sizeof(r))
		return fail(c, -EIO);
	c->stats.published++;
	return 0;
}
