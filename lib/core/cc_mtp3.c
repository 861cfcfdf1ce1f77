// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * MTP3 codecs: SIO, routing label (ITU 14-bit / China 24-bit), SNM and SLTM.
 *
 * Spec: ITU-T Q.704 §2.2 (label), §14.2 (SIO), §15 (SNM formats); Q.707 §5
 * (SLTM/SLTA); China GF 001-9001 24-bit label as implemented by Wireshark's
 * CHINESE_ITU_STANDARD and checked with tshark 4.0 (reference notes §2.2).
 * China SNM bodies carrying a point code use 3 octets (the ITU 14-bit field
 * widened, as Yate and chan_ss7 do) - UNVERIFIED against GF 001-9001.
 */
#include <callcenter/proto/q704_mtp3.h>

static const char *const variant_names[CC_MTP3_VARIANT__COUNT] = {
	[CC_MTP3_ITU] = "itu",
	[CC_MTP3_CHINA] = "china",
};

const char *cc_mtp3_variant_name(enum cc_mtp3_variant v)
{
	return (unsigned int)v < CC_MTP3_VARIANT__COUNT ? variant_names[v] : "?";
}

struct snm_desc {
	const char *name;
	enum cc_mtp3_snm_body body;
};

static const struct snm_desc snm_descs[256] = {
	[CC_MTP3_SNM_COO] = { "COO", CC_MTP3_SNM_BODY_FSN },
	[CC_MTP3_SNM_COA] = { "COA", CC_MTP3_SNM_BODY_FSN },
	[CC_MTP3_SNM_CBD] = { "CBD", CC_MTP3_SNM_BODY_CBC },
	[CC_MTP3_SNM_CBA] = { "CBA", CC_MTP3_SNM_BODY_CBC },
	[CC_MTP3_SNM_ECO] = { "ECO", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_ECA] = { "ECA", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_RCT] = { "RCT", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_TFC] = { "TFC", CC_MTP3_SNM_BODY_DEST },
	[CC_MTP3_SNM_TFP] = { "TFP", CC_MTP3_SNM_BODY_DEST },
	[CC_MTP3_SNM_TFR] = { "TFR", CC_MTP3_SNM_BODY_DEST },
	[CC_MTP3_SNM_TFA] = { "TFA", CC_MTP3_SNM_BODY_DEST },
	[CC_MTP3_SNM_RST] = { "RST", CC_MTP3_SNM_BODY_DEST },
	[CC_MTP3_SNM_RSR] = { "RSR", CC_MTP3_SNM_BODY_DEST },
	[CC_MTP3_SNM_LIN] = { "LIN", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LUN] = { "LUN", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LIA] = { "LIA", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LUA] = { "LUA", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LID] = { "LID", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LFU] = { "LFU", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LLT] = { "LLT", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_LRT] = { "LRT", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_TRA] = { "TRA", CC_MTP3_SNM_BODY_NONE },
	[CC_MTP3_SNM_DLC] = { "DLC", CC_MTP3_SNM_BODY_RAW },
	[CC_MTP3_SNM_CSS] = { "CSS", CC_MTP3_SNM_BODY_RAW },
	[CC_MTP3_SNM_CNS] = { "CNS", CC_MTP3_SNM_BODY_RAW },
	[CC_MTP3_SNM_CNP] = { "CNP", CC_MTP3_SNM_BODY_RAW },
	[CC_MTP3_SNM_UPU] = { "UPU", CC_MTP3_SNM_BODY_UPU },
};

const char *cc_mtp3_snm_name(uint8_t heading)
{
	return snm_descs[heading].name ? snm_descs[heading].name : "?";
}

enum cc_mtp3_snm_body cc_mtp3_snm_body(uint8_t heading)
{
	return snm_descs[heading].name ? snm_descs[heading].body : CC_MTP3_SNM_BODY_RAW;
}

size_t cc_mtp3_label_octets(enum cc_mtp3_variant v)
{
	switch (v) {
	case CC_MTP3_ITU:
		return 4;
	case CC_MTP3_CHINA:
		return 7;
	default:
		return 0;
	}
}

bool cc_mtp3_pc_valid(enum cc_mtp3_variant v, uint32_t pc)
{
	switch (v) {
	case CC_MTP3_ITU:
		return pc <= CC_MTP3_ITU_PC_MAX;
	case CC_MTP3_CHINA:
		return pc <= CC_MTP3_CHINA_PC_MAX;
	default:
		return false;
	}
}

static size_t put_uint(char *p, uint32_t v)
{
	char tmp[10];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

int cc_mtp3_pc_fmt_buf(enum cc_mtp3_variant v, uint32_t pc, char *buf, size_t len)
{
	char tmp[16];
	size_t n = 0, i;

	if (v == CC_MTP3_CHINA) {
		n += put_uint(tmp + n, (pc >> 16) & 0xff);
		tmp[n++] = '-';
		n += put_uint(tmp + n, (pc >> 8) & 0xff);
		tmp[n++] = '-';
		n += put_uint(tmp + n, pc & 0xff);
	} else {
		n = put_uint(tmp, pc);
	}
	if (len < n + 1)
		return -ENOSPC;
	for (i = 0; i < n; i++)
		buf[i] = tmp[i];
	buf[n] = '\0';
	return (int)n;
}

int cc_mtp3_pc_parse(enum cc_mtp3_variant v, const char *s, uint32_t *out_pc)
{
	uint32_t part[3] = { 0, 0, 0 };
	unsigned int np = 0, nd = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (part[np] > 0xFFFFFFu)
				return -EINVAL;
			part[np] = part[np] * 10 + (uint32_t)(*s - '0');
			nd++;
		} else if (*s == '-' && nd && np < 2) {
			np++;
			nd = 0;
		} else {
			return -EINVAL;
		}
	}
	if (!nd)
		return -EINVAL;
	if (np == 2) {
		if (v != CC_MTP3_CHINA || part[0] > 255 || part[1] > 255 || part[2] > 255)
			return -EINVAL;
		*out_pc = part[0] << 16 | part[1] << 8 | part[2];
		return 0;
	}
	if (np != 0 || !cc_mtp3_pc_valid(v, part[0]))
		return -EINVAL;
	*out_pc = part[0];
	return 0;
}

int cc_mtp3_label_decode(enum cc_mtp3_variant v, struct cc_rd *rd, struct cc_mtp3_label *out)
{
	const uint8_t *p;

	switch (v) {
	case CC_MTP3_ITU:
		if (cc_rd_bytes(rd, 4, &p) < 0)
			return -EBADMSG;
		out->dpc = (uint32_t)p[0] | (uint32_t)(p[1] & 0x3f) << 8;
		out->opc =
			(uint32_t)p[1] >> 6 | (uint32_t)p[2] << 2 | (uint32_t)(p[3] & 0x0f) << 10;
		out->sls = p[3] >> 4;
		return 0;
	case CC_MTP3_CHINA:
		if (cc_rd_bytes(rd, 7, &p) < 0)
			return -EBADMSG;
		out->dpc = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
		out->opc = (uint32_t)p[3] | (uint32_t)p[4] << 8 | (uint32_t)p[5] << 16;
		out->sls = p[6] & 0x0f; /* bits 4-7 spare (Wireshark masks 0x0F) */
		return 0;
	default:
		return -EINVAL;
	}
}

int cc_mtp3_label_encode(enum cc_mtp3_variant v, const struct cc_mtp3_label *rl, struct cc_wr *wr)
{
	uint8_t *p;

	if (!cc_mtp3_pc_valid(v, rl->dpc) || !cc_mtp3_pc_valid(v, rl->opc) ||
	    rl->sls > CC_MTP3_SLS_MAX)
		return -EINVAL;
	if (cc_wr_reserve(wr, cc_mtp3_label_octets(v), &p) < 0)
		return -ENOSPC;
	if (v == CC_MTP3_ITU) {
		p[0] = (uint8_t)rl->dpc;
		p[1] = (uint8_t)((rl->dpc >> 8) | (rl->opc & 3) << 6);
		p[2] = (uint8_t)(rl->opc >> 2);
		p[3] = (uint8_t)((rl->opc >> 10) | (uint32_t)rl->sls << 4);
	} else {
		p[0] = (uint8_t)rl->dpc;
		p[1] = (uint8_t)(rl->dpc >> 8);
		p[2] = (uint8_t)(rl->dpc >> 16);
		p[3] = (uint8_t)rl->opc;
		p[4] = (uint8_t)(rl->opc >> 8);
		p[5] = (uint8_t)(rl->opc >> 16);
		p[6] = rl->sls;
	}
	return 0;
}

int cc_mtp3_hdr_decode(enum cc_mtp3_variant v, struct cc_rd *rd, struct cc_mtp3_hdr *out)
{
	size_t start = rd->pos;
	uint8_t sio;

	if (cc_mtp3_label_octets(v) == 0)
		return -EINVAL;
	if (cc_rd_u8(rd, &sio) < 0)
		return -EBADMSG;
	out->si = sio & 0x0f;
	out->prio = (sio >> 4) & 3;
	out->ni = sio >> 6;
	if (cc_mtp3_label_decode(v, rd, &out->rl) < 0) {
		rd->pos = start;
		return -EBADMSG;
	}
	return 0;
}

int cc_mtp3_hdr_encode(enum cc_mtp3_variant v, const struct cc_mtp3_hdr *h, struct cc_wr *wr)
{
	size_t start = wr->pos;
	int ret;

	if (h->si > 15 || h->ni > 3 || h->prio > 3)
		return -EINVAL;
	if (cc_wr_u8(wr, (uint8_t)(h->si | h->prio << 4 | h->ni << 6)) < 0)
		return -ENOSPC;
	ret = cc_mtp3_label_encode(v, &h->rl, wr);
	if (ret < 0)
		wr->pos = start;
	return ret;
}

static int rd_dest(enum cc_mtp3_variant v, struct cc_rd *rd, uint32_t *pc, uint8_t *spare)
{
	uint16_t w;
	uint32_t w24;

	if (v == CC_MTP3_ITU) {
		if (cc_rd_u16le(rd, &w) < 0)
			return -EBADMSG;
		*pc = w & 0x3fff;
		*spare = (uint8_t)(w >> 14);
		return 0;
	}
	if (cc_rd_u24le(rd, &w24) < 0)
		return -EBADMSG;
	*pc = w24;
	*spare = 0;
	return 0;
}

static int wr_dest(enum cc_mtp3_variant v, struct cc_wr *wr, uint32_t pc, uint8_t spare)
{
	if (!cc_mtp3_pc_valid(v, pc))
		return -EINVAL;
	if (v == CC_MTP3_ITU)
		return cc_wr_u16le(wr, (uint16_t)(pc | (uint32_t)(spare & 3) << 14));
	return cc_wr_u24le(wr, pc);
}

int cc_mtp3_snm_decode(enum cc_mtp3_variant v, struct cc_rd *rd, struct cc_mtp3_snm *out)
{
	size_t start = rd->pos;
	uint8_t o;

	if (cc_mtp3_label_octets(v) == 0)
		return -EINVAL;
	out->fsn = 0;
	out->cbc = 0;
	out->upu_up = 0;
	out->upu_cause = 0;
	out->tfc_status = 0;
	out->dest = 0;
	out->nraw = 0;
	if (cc_rd_u8(rd, &out->heading) < 0)
		return -EBADMSG;
	switch (cc_mtp3_snm_body(out->heading)) {
	case CC_MTP3_SNM_BODY_NONE:
		return 0;
	case CC_MTP3_SNM_BODY_FSN:
		if (cc_rd_u8(rd, &o) < 0)
			goto bad;
		out->fsn = o & 0x7f;
		return 0;
	case CC_MTP3_SNM_BODY_CBC:
		if (cc_rd_u8(rd, &out->cbc) < 0)
			goto bad;
		return 0;
	case CC_MTP3_SNM_BODY_DEST:
		if (rd_dest(v, rd, &out->dest, &out->tfc_status) < 0)
			goto bad;
		return 0;
	case CC_MTP3_SNM_BODY_UPU:
		if (rd_dest(v, rd, &out->dest, &o) < 0 || cc_rd_u8(rd, &o) < 0)
			goto bad;
		out->upu_up = o & 0x0f;
		out->upu_cause = o >> 4;
		return 0;
	case CC_MTP3_SNM_BODY_RAW:
		while (cc_rd_left(rd) && out->nraw < sizeof(out->raw))
			(void)cc_rd_u8(rd, &out->raw[out->nraw++]);
		if (cc_rd_left(rd))
			goto bad;
		return 0;
	}
bad:
	rd->pos = start;
	return -EBADMSG;
}

int cc_mtp3_snm_encode(enum cc_mtp3_variant v, const struct cc_mtp3_snm *m, struct cc_wr *wr)
{
	size_t start = wr->pos;
	int ret = 0;

	if (cc_mtp3_label_octets(v) == 0)
		return -EINVAL;
	if (cc_wr_u8(wr, m->heading) < 0)
		return -ENOSPC;
	switch (cc_mtp3_snm_body(m->heading)) {
	case CC_MTP3_SNM_BODY_NONE:
		break;
	case CC_MTP3_SNM_BODY_FSN:
		ret = m->fsn > 127 ? -EINVAL : cc_wr_u8(wr, m->fsn);
		break;
	case CC_MTP3_SNM_BODY_CBC:
		ret = cc_wr_u8(wr, m->cbc);
		break;
	case CC_MTP3_SNM_BODY_DEST:
		ret = wr_dest(v, wr, m->dest, m->heading == CC_MTP3_SNM_TFC ? m->tfc_status : 0);
		break;
	case CC_MTP3_SNM_BODY_UPU:
		if (m->upu_up > 15 || m->upu_cause > 15)
			ret = -EINVAL;
		else
			ret = wr_dest(v, wr, m->dest, 0);
		if (!ret)
			ret = cc_wr_u8(wr, (uint8_t)(m->upu_up | m->upu_cause << 4));
		break;
	case CC_MTP3_SNM_BODY_RAW:
		ret = m->nraw > sizeof(m->raw) ? -EINVAL : cc_wr_bytes(wr, m->raw, m->nraw);
		break;
	}
	if (ret < 0)
		wr->pos = start;
	return ret;
}

int cc_mtp3_sltm_decode(struct cc_rd *rd, struct cc_mtp3_sltm *out)
{
	size_t start = rd->pos;
	uint8_t o, i;

	if (cc_rd_u8(rd, &out->heading) < 0 || cc_rd_u8(rd, &o) < 0)
		goto bad;
	if (out->heading != CC_MTP3_MTN_SLTM && out->heading != CC_MTP3_MTN_SLTA)
		goto bad;
	out->len = o >> 4; /* Q.707 §5.4: length indicator in the high nibble */
	for (i = 0; i < out->len; i++)
		if (cc_rd_u8(rd, &out->pattern[i]) < 0)
			goto bad;
	return 0;
bad:
	rd->pos = start;
	return -EBADMSG;
}

int cc_mtp3_sltm_encode(const struct cc_mtp3_sltm *m, struct cc_wr *wr)
{
	size_t start = wr->pos;

	if (m->len > 15 || (m->heading != CC_MTP3_MTN_SLTM && m->heading != CC_MTP3_MTN_SLTA))
		return -EINVAL;
	if (cc_wr_u8(wr, m->heading) < 0 || cc_wr_u8(wr, (uint8_t)(m->len << 4)) < 0 ||
	    cc_wr_bytes(wr, m->pattern, m->len) < 0) {
		wr->pos = start;
		return -ENOSPC;
	}
	return 0;
}
