// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Caller-ID publisher of the R2 binding: one struct cc_cid_record (uapi
 * <uapi/callcenter/cid.h>, ABI version 1) per incoming call, written to the
 * caller-ID stream device (cctrunk's /dev/callcenter/callerid) or, for tests,
 * appended to a file.
 *
 * Record: source R2, span/position of the channel, category = KA (China) /
 * group II category (ITU) as received, calling and called number.  The
 * calling number's presentation: allowed when received, restricted when the
 * far end said so (ITU I-12; the digits received, if any, are kept), not
 * available (empty number) when it never came (China: KA but no digits, or
 * T_DIGIT expired).  Screening: network provided (the ANI comes from the
 * exchange).  The kernel stamps seq and time.
 *
 * Failures (device missing, EPERM, a refused record) are counted in the
 * group's stats and never touch the call; the device is reopened at the next
 * call after a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <uapi/callcenter/cid.h>

#include "cc_r2_int.h"

_Static_assert(sizeof(struct cc_cid_record) == 128, "cid ABI v1 record size");
_Static_assert(CC_R2_NUM_MAX < CC_CID_NUM_LEN, "R2 numbers fit a caller-ID record");

static void copy_digits(char *dst, const char *src)
{
	size_t n = strnlen(src, CC_CID_NUM_LEN - 1);

	memcpy(dst, src, n); /* the rest stays zero, as the ABI requires */
}

static void fail(struct cc_r2_group *g, int err)
{
	g->stats.cid_failed++;
	g->stats.cid_last_error = err;
	r2g_cid_close(g); /* reopen at the next call */
}

void r2g_cid_publish(struct cc_r2_group *g, const struct r2g_chan *c,
		     const struct cc_r2_call_info *info)
{
	struct cc_cid_record r;
	ssize_t w;

	if (!g->cfg.cid_path)
		return;
	memset(&r, 0, sizeof(r));
	r.version = CC_CID_ABI_VERSION;
	r.size = sizeof(r);
	r.span = c->span <= CC_CID_SPAN_MAX ? c->span : 0;
	r.channel = c->ts <= CC_CID_CHANNEL_MAX ? c->ts : 0;
	r.source = CC_CID_SRC_R2;
	r.category = (uint8_t)(info->category >= 0 && info->category <= 15 ? info->category : 0);
	r.screening = CC_CID_SCREEN_NETWORK;
	if (info->calling_restricted) {
		r.presentation = CC_CID_PRES_RESTRICTED;
		copy_digits(r.calling, info->calling);
	} else if (info->calling_available && info->calling[0]) {
		r.presentation = CC_CID_PRES_ALLOWED;
		copy_digits(r.calling, info->calling);
	} else {
		r.presentation = CC_CID_PRES_NOT_AVAILABLE;
	}
	copy_digits(r.called, info->called);
	if (r.calling[0])
		r.flags |= CC_CID_F_CALLING;
	if (r.called[0])
		r.flags |= CC_CID_F_CALLED;

	if (g->cid_fd < 0) {
		g->cid_fd = open(g->cfg.cid_path, O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC);
		if (g->cid_fd < 0) {
			fail(g, -errno);
			return;
		}
	}
	do
		w = write(g->cid_fd, &r, sizeof(r));
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)sizeof(r)) {
		fail(g, w < 0 ? -errno : -EIO);
		return;
	}
	g->stats.cid_published++;
}

void r2g_cid_close(struct cc_r2_group *g)
{
	if (g->cid_fd >= 0)
		close(g->cid_fd);
	g->cid_fd = -1;
}
