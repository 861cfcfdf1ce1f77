/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/rd.h - bounded cursor reader and writer for wire formats.
 *
 * Every decoder in libcallcenter reads through struct cc_rd, which checks the
 * remaining length before each access; nothing casts packed structs onto
 * unchecked bytes.  Readers return 0 or -EBADMSG (short input); writers return 0
 * or -ENOSPC (no room).  On failure the cursor does not move, so a caller may
 * report exactly where a message went bad (cc_rd_pos()).
 *
 * Context: any (portable core: no allocation, no I/O).
 */
#ifndef CALLCENTER_RD_H
#define CALLCENTER_RD_H

#include <callcenter/core.h>

struct cc_rd {
	const uint8_t *buf;
	size_t len;
	size_t pos;
};

struct cc_wr {
	uint8_t *buf;
	size_t cap;
	size_t pos;
};

static inline void cc_rd_init(struct cc_rd *rd, const uint8_t *buf, size_t len)
{
	rd->buf = buf;
	rd->len = len;
	rd->pos = 0;
}

static inline size_t cc_rd_left(const struct cc_rd *rd)
{
	return rd->len - rd->pos;
}

static inline size_t cc_rd_pos(const struct cc_rd *rd)
{
	return rd->pos;
}

static inline int cc_rd_u8(struct cc_rd *rd, uint8_t *out)
{
	if (cc_rd_left(rd) < 1)
		return -EBADMSG;
	*out = rd->buf[rd->pos++];
	return 0;
}

static inline int cc_rd_peek_u8(const struct cc_rd *rd, uint8_t *out)
{
	if (cc_rd_left(rd) < 1)
		return -EBADMSG;
	*out = rd->buf[rd->pos];
	return 0;
}

static inline int cc_rd_u16le(struct cc_rd *rd, uint16_t *out)
{
	if (cc_rd_left(rd) < 2)
		return -EBADMSG;
	*out = (uint16_t)(rd->buf[rd->pos] | rd->buf[rd->pos + 1] << 8);
	rd->pos += 2;
	return 0;
}

static inline int cc_rd_u16be(struct cc_rd *rd, uint16_t *out)
{
	if (cc_rd_left(rd) < 2)
		return -EBADMSG;
	*out = (uint16_t)(rd->buf[rd->pos] << 8 | rd->buf[rd->pos + 1]);
	rd->pos += 2;
	return 0;
}

static inline int cc_rd_u24le(struct cc_rd *rd, uint32_t *out)
{
	if (cc_rd_left(rd) < 3)
		return -EBADMSG;
	*out = (uint32_t)rd->buf[rd->pos] | (uint32_t)rd->buf[rd->pos + 1] << 8 |
	       (uint32_t)rd->buf[rd->pos + 2] << 16;
	rd->pos += 3;
	return 0;
}

static inline int cc_rd_u32le(struct cc_rd *rd, uint32_t *out)
{
	if (cc_rd_left(rd) < 4)
		return -EBADMSG;
	*out = (uint32_t)rd->buf[rd->pos] | (uint32_t)rd->buf[rd->pos + 1] << 8 |
	       (uint32_t)rd->buf[rd->pos + 2] << 16 | (uint32_t)rd->buf[rd->pos + 3] << 24;
	rd->pos += 4;
	return 0;
}

/* Borrow @n octets in place: *out points into the reader's buffer. */
static inline int cc_rd_bytes(struct cc_rd *rd, size_t n, const uint8_t **out)
{
	if (cc_rd_left(rd) < n)
		return -EBADMSG;
	*out = rd->buf + rd->pos;
	rd->pos += n;
	return 0;
}

static inline int cc_rd_skip(struct cc_rd *rd, size_t n)
{
	if (cc_rd_left(rd) < n)
		return -EBADMSG;
	rd->pos += n;
	return 0;
}

/*
 * Split off a sub-reader of @n octets (a length-prefixed parameter, say): the
 * parent advances past it, the child can never read beyond it.
 */
static inline int cc_rd_sub(struct cc_rd *rd, size_t n, struct cc_rd *out_sub)
{
	const uint8_t *p;

	if (cc_rd_bytes(rd, n, &p) < 0)
		return -EBADMSG;
	cc_rd_init(out_sub, p, n);
	return 0;
}

static inline void cc_wr_init(struct cc_wr *wr, uint8_t *buf, size_t cap)
{
	wr->buf = buf;
	wr->cap = cap;
	wr->pos = 0;
}

static inline size_t cc_wr_len(const struct cc_wr *wr)
{
	return wr->pos;
}

static inline int cc_wr_u8(struct cc_wr *wr, uint8_t v)
{
	if (wr->cap - wr->pos < 1)
		return -ENOSPC;
	wr->buf[wr->pos++] = v;
	return 0;
}

static inline int cc_wr_u16le(struct cc_wr *wr, uint16_t v)
{
	if (wr->cap - wr->pos < 2)
		return -ENOSPC;
	wr->buf[wr->pos++] = (uint8_t)v;
	wr->buf[wr->pos++] = (uint8_t)(v >> 8);
	return 0;
}

static inline int cc_wr_u16be(struct cc_wr *wr, uint16_t v)
{
	if (wr->cap - wr->pos < 2)
		return -ENOSPC;
	wr->buf[wr->pos++] = (uint8_t)(v >> 8);
	wr->buf[wr->pos++] = (uint8_t)v;
	return 0;
}

static inline int cc_wr_u24le(struct cc_wr *wr, uint32_t v)
{
	if (wr->cap - wr->pos < 3)
		return -ENOSPC;
	wr->buf[wr->pos++] = (uint8_t)v;
	wr->buf[wr->pos++] = (uint8_t)(v >> 8);
	wr->buf[wr->pos++] = (uint8_t)(v >> 16);
	return 0;
}

static inline int cc_wr_bytes(struct cc_wr *wr, const uint8_t *p, size_t n)
{
	size_t i;

	if (wr->cap - wr->pos < n)
		return -ENOSPC;
	for (i = 0; i < n; i++)
		wr->buf[wr->pos + i] = p[i];
	wr->pos += n;
	return 0;
}

/* Reserve @n octets to fill later (a length field, say); *out points at them. */
static inline int cc_wr_reserve(struct cc_wr *wr, size_t n, uint8_t **out)
{
	if (wr->cap - wr->pos < n)
		return -ENOSPC;
	*out = wr->buf + wr->pos;
	wr->pos += n;
	return 0;
}

#endif /* CALLCENTER_RD_H */
