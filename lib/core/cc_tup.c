// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * China TUP (GF 001-9001) / ITU TUP (Q.723) message codec.
 *
 * Design notes
 * - Layouts follow the field order of the BNR/Nortel G3O CTUP protocol table
 *   (reference notes §4.1-4.4), which names GF(Q)01-9001 (1990) as its
 *   source; the worked IAI of §4.3 is a golden vector in test/unit/tup_test.c.
 * - IAI optional fields come in the order of the first indicator octet's
 *   bits: network capability (1 octet), CUG interlock code (4), additional
 *   calling party information (1), additional routing information (1), CLI,
 *   original called address, charging information (1).  The 1/4/1/1/1 octet
 *   sizes of the non-CLI fields are UNVERIFIED (Q.723 style); CLI and OCA are
 *   the fields the call centre needs and are covered by vectors.
 * - GSM with "incoming trunk and transit exchange identity" (bit 3): that
 *   field's layout is unknown to us, so decoding stops there and the rest is
 *   kept raw (m->rest); CPC and CLI in front of it are decoded.
 * - Every length is checked through struct cc_rd; malformed input is -EBADMSG.
 */
#include <callcenter/proto/gf001_tup.h>

#include "cc_bcd_int.h"

enum tkind {
	TK_NONE = 1, /* heading only */
	TK_IAM,
	TK_IAI,
	TK_SAM,
	TK_SAO,
	TK_GSM,
	TK_GRQ,
	TK_ACM,
	TK_GROUP,
	TK_GRS,
	TK_MPM,
	TK_RAW, /* known heading, body kept raw */
};

struct tup_desc {
	const char *name;
	uint8_t kind;
};

static const struct tup_desc tup_descs[256] = {
	[CC_TUP_IAM] = { "IAM", TK_IAM },   [CC_TUP_IAI] = { "IAI", TK_IAI },
	[CC_TUP_SAM] = { "SAM", TK_SAM },   [CC_TUP_SAO] = { "SAO", TK_SAO },
	[CC_TUP_GSM] = { "GSM", TK_GSM },   [CC_TUP_COT] = { "COT", TK_NONE },
	[CC_TUP_CCF] = { "CCF", TK_NONE },  [CC_TUP_GRQ] = { "GRQ", TK_GRQ },
	[CC_TUP_ACM] = { "ACM", TK_ACM },   [CC_TUP_CHG] = { "CHG", TK_RAW },
	[CC_TUP_SEC] = { "SEC", TK_NONE },  [CC_TUP_CGC] = { "CGC", TK_NONE },
	[CC_TUP_NNC] = { "NNC", TK_NONE },  [CC_TUP_ADI] = { "ADI", TK_NONE },
	[CC_TUP_CFL] = { "CFL", TK_NONE },  [CC_TUP_SSB] = { "SSB", TK_NONE },
	[CC_TUP_UNN] = { "UNN", TK_NONE },  [CC_TUP_LOS] = { "LOS", TK_NONE },
	[CC_TUP_SST] = { "SST", TK_NONE },  [CC_TUP_ACB] = { "ACB", TK_NONE },
	[CC_TUP_DPN] = { "DPN", TK_NONE },  [CC_TUP_EUM] = { "EUM", TK_RAW },
	[CC_TUP_ANU] = { "ANU", TK_NONE },  [CC_TUP_ANC] = { "ANC", TK_NONE },
	[CC_TUP_ANN] = { "ANN", TK_NONE },  [CC_TUP_CBK] = { "CBK", TK_NONE },
	[CC_TUP_CLF] = { "CLF", TK_NONE },  [CC_TUP_RAN] = { "RAN", TK_NONE },
	[CC_TUP_FOT] = { "FOT", TK_NONE },  [CC_TUP_CCL] = { "CCL", TK_NONE },
	[CC_TUP_RLG] = { "RLG", TK_NONE },  [CC_TUP_BLO] = { "BLO", TK_NONE },
	[CC_TUP_BLA] = { "BLA", TK_NONE },  [CC_TUP_UBL] = { "UBL", TK_NONE },
	[CC_TUP_UBA] = { "UBA", TK_NONE },  [CC_TUP_CCR] = { "CCR", TK_NONE },
	[CC_TUP_RSC] = { "RSC", TK_NONE },  [CC_TUP_MGB] = { "MGB", TK_GROUP },
	[CC_TUP_MBA] = { "MBA", TK_GROUP }, [CC_TUP_MGU] = { "MGU", TK_GROUP },
	[CC_TUP_MUA] = { "MUA", TK_GROUP }, [CC_TUP_HGB] = { "HGB", TK_GROUP },
	[CC_TUP_HBA] = { "HBA", TK_GROUP }, [CC_TUP_HGU] = { "HGU", TK_GROUP },
	[CC_TUP_HUA] = { "HUA", TK_GROUP }, [CC_TUP_GRS] = { "GRS", TK_GRS },
	[CC_TUP_GRA] = { "GRA", TK_GROUP }, [CC_TUP_SGB] = { "SGB", TK_GROUP },
	[CC_TUP_SBA] = { "SBA", TK_GROUP }, [CC_TUP_SGU] = { "SGU", TK_GROUP },
	[CC_TUP_SUA] = { "SUA", TK_GROUP }, [CC_TUP_ACC] = { "ACC", TK_RAW },
	[CC_TUP_MPM] = { "MPM", TK_MPM },   [CC_TUP_OPR] = { "OPR", TK_NONE },
	[CC_TUP_SLB] = { "SLB", TK_NONE },  [CC_TUP_STB] = { "STB", TK_NONE },
	[CC_TUP_MAL] = { "MAL", TK_NONE },
};

const char *cc_tup_msg_name(uint8_t heading)
{
	return tup_descs[heading].name ? tup_descs[heading].name : "?";
}

bool cc_tup_msg_known(uint8_t heading)
{
	return !!tup_descs[heading].name;
}

size_t cc_tup_label_octets(enum cc_mtp3_variant v)
{
	switch (v) {
	case CC_MTP3_ITU:
		return 5;
	case CC_MTP3_CHINA:
		return 8;
	default:
		return 0;
	}
}

void cc_tup_msg_init(struct cc_tup_msg *m, uint8_t heading, uint32_t dpc, uint32_t opc,
		     uint16_t cic)
{
	__builtin_memset(m, 0, sizeof(*m));
	m->heading = heading;
	m->dpc = dpc;
	m->opc = opc;
	m->cic = cic;
}

int cc_tup_digits_set(struct cc_tup_digits *d, const char *digits)
{
	int nd = cc_bcd_set(d->d, CC_TUP_MAX_DIGITS, digits);

	d->n = nd < 0 ? 0 : (uint8_t)nd;
	return nd < 0 ? nd : 0;
}

static int rd_digits(struct cc_rd *rd, uint8_t n, struct cc_tup_digits *d)
{
	const uint8_t *p;

	if (cc_rd_bytes(rd, (size_t)(n + 1) / 2, &p) < 0)
		return -EBADMSG;
	cc_bcd_unpack(d->d, p, n);
	d->n = n;
	return 0;
}

static int wr_digits(struct cc_wr *wr, const struct cc_tup_digits *d)
{
	if (d->n > CC_TUP_MAX_DIGITS)
		return -EINVAL;
	return cc_bcd_pack(wr, d->d, d->n);
}

/* CLI / OCA: NOAI (2) | restricted (1) | incomplete (1) | count (4) | digits */
static int rd_cli(struct cc_rd *rd, struct cc_tup_cli *c, bool oca)
{
	uint8_t o;

	if (cc_rd_u8(rd, &o) < 0)
		return -EBADMSG;
	c->noai = o & 3;
	c->restricted = !oca && (o & 4);
	c->incomplete = !oca && (o & 8);
	return rd_digits(rd, o >> 4, &c->digits);
}

static int wr_cli(struct cc_wr *wr, const struct cc_tup_cli *c, bool oca)
{
	if (c->noai > 3 || c->digits.n > CC_TUP_MAX_DIGITS)
		return -EINVAL;
	if (cc_wr_u8(wr, (uint8_t)(c->noai | (!oca && c->restricted ? 4 : 0) |
				   (!oca && c->incomplete ? 8 : 0) | c->digits.n << 4)) < 0)
		return -ENOSPC;
	return wr_digits(wr, &c->digits);
}

static int rd_label(enum cc_mtp3_variant v, struct cc_rd *rd, struct cc_tup_msg *m)
{
	const uint8_t *p;

	if (v == CC_MTP3_CHINA) {
		if (cc_rd_bytes(rd, 8, &p) < 0)
			return -EBADMSG;
		m->dpc = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
		m->opc = (uint32_t)p[3] | (uint32_t)p[4] << 8 | (uint32_t)p[5] << 16;
		m->cic = (uint16_t)(p[6] | (p[7] & 0x0f) << 8);
		return 0;
	}
	if (v == CC_MTP3_ITU) {
		if (cc_rd_bytes(rd, 5, &p) < 0)
			return -EBADMSG;
		m->dpc = (uint32_t)p[0] | (uint32_t)(p[1] & 0x3f) << 8;
		m->opc = (uint32_t)p[1] >> 6 | (uint32_t)p[2] << 2 | (uint32_t)(p[3] & 0x0f) << 10;
		m->cic = (uint16_t)(p[3] >> 4 | p[4] << 4);
		return 0;
	}
	return -EINVAL;
}

static int wr_label(enum cc_mtp3_variant v, struct cc_wr *wr, const struct cc_tup_msg *m)
{
	uint8_t *p;

	if (!cc_mtp3_pc_valid(v, m->dpc) || !cc_mtp3_pc_valid(v, m->opc) || m->cic > CC_TUP_CIC_MAX)
		return -EINVAL;
	if (cc_wr_reserve(wr, cc_tup_label_octets(v), &p) < 0)
		return -ENOSPC;
	if (v == CC_MTP3_CHINA) {
		p[0] = (uint8_t)m->dpc;
		p[1] = (uint8_t)(m->dpc >> 8);
		p[2] = (uint8_t)(m->dpc >> 16);
		p[3] = (uint8_t)m->opc;
		p[4] = (uint8_t)(m->opc >> 8);
		p[5] = (uint8_t)(m->opc >> 16);
		p[6] = (uint8_t)m->cic;
		p[7] = (uint8_t)(m->cic >> 8);
	} else {
		p[0] = (uint8_t)m->dpc;
		p[1] = (uint8_t)(m->dpc >> 8 | (m->opc & 3) << 6);
		p[2] = (uint8_t)(m->opc >> 2);
		p[3] = (uint8_t)(m->opc >> 10 | (uint32_t)(m->cic & 0xf) << 4);
		p[4] = (uint8_t)(m->cic >> 4);
	}
	return 0;
}

static int rd_iam(struct cc_rd *rd, struct cc_tup_msg *m)
{
	uint8_t o;
	uint16_t w;

	if (cc_rd_u8(rd, &o) < 0 || cc_rd_u16le(rd, &w) < 0)
		return -EBADMSG;
	m->cpc = o & 0x3f;
	m->msg_ind = w & 0x0fff;
	return rd_digits(rd, (uint8_t)(w >> 12), &m->addr);
}

static int wr_iam(struct cc_wr *wr, const struct cc_tup_msg *m)
{
	if (m->cpc > 0x3f || m->msg_ind > 0x0fff || m->addr.n > CC_TUP_MAX_DIGITS)
		return -EINVAL;
	if (cc_wr_u8(wr, m->cpc) < 0 ||
	    cc_wr_u16le(wr, (uint16_t)(m->msg_ind | m->addr.n << 12)) < 0)
		return -ENOSPC;
	return wr_digits(wr, &m->addr);
}

static int rd_iai(struct cc_rd *rd, struct cc_tup_msg *m)
{
	const uint8_t *p;

	if (rd_iam(rd, m) < 0 || cc_rd_u8(rd, &m->iai_ind) < 0)
		return -EBADMSG;
	if ((m->iai_ind & CC_TUP_IAI_NETCAP) && cc_rd_u8(rd, &m->netcap) < 0)
		return -EBADMSG;
	if (m->iai_ind & CC_TUP_IAI_CUG) {
		if (cc_rd_bytes(rd, 4, &p) < 0)
			return -EBADMSG;
		m->cug[0] = p[0];
		m->cug[1] = p[1];
		m->cug[2] = p[2];
		m->cug[3] = p[3];
	}
	if ((m->iai_ind & CC_TUP_IAI_ADDCALL) && cc_rd_u8(rd, &m->addcall) < 0)
		return -EBADMSG;
	if ((m->iai_ind & CC_TUP_IAI_ADDROUTE) && cc_rd_u8(rd, &m->addroute) < 0)
		return -EBADMSG;
	if ((m->iai_ind & CC_TUP_IAI_CLI) && rd_cli(rd, &m->cli, false) < 0)
		return -EBADMSG;
	if ((m->iai_ind & CC_TUP_IAI_OCA) && rd_cli(rd, &m->oca, true) < 0)
		return -EBADMSG;
	if ((m->iai_ind & CC_TUP_IAI_CHARGE) && cc_rd_u8(rd, &m->charge) < 0)
		return -EBADMSG;
	return 0;
}

static int wr_iai(struct cc_wr *wr, const struct cc_tup_msg *m)
{
	int ret = wr_iam(wr, m);

	if (ret < 0)
		return ret;
	if (m->iai_ind & 0x80)
		return -EINVAL;
	if (cc_wr_u8(wr, m->iai_ind) < 0)
		return -ENOSPC;
	if ((m->iai_ind & CC_TUP_IAI_NETCAP) && cc_wr_u8(wr, m->netcap) < 0)
		return -ENOSPC;
	if ((m->iai_ind & CC_TUP_IAI_CUG) && cc_wr_bytes(wr, m->cug, 4) < 0)
		return -ENOSPC;
	if ((m->iai_ind & CC_TUP_IAI_ADDCALL) && cc_wr_u8(wr, m->addcall) < 0)
		return -ENOSPC;
	if ((m->iai_ind & CC_TUP_IAI_ADDROUTE) && cc_wr_u8(wr, m->addroute) < 0)
		return -ENOSPC;
	if (m->iai_ind & CC_TUP_IAI_CLI) {
		ret = wr_cli(wr, &m->cli, false);
		if (ret < 0)
			return ret;
	}
	if (m->iai_ind & CC_TUP_IAI_OCA) {
		ret = wr_cli(wr, &m->oca, true);
		if (ret < 0)
			return ret;
	}
	if ((m->iai_ind & CC_TUP_IAI_CHARGE) && cc_wr_u8(wr, m->charge) < 0)
		return -ENOSPC;
	return 0;
}

static void keep_rest(struct cc_rd *rd, struct cc_tup_msg *m)
{
	size_t n = cc_rd_left(rd);

	if (n > 255)
		n = 255;
	m->nrest = (uint8_t)n;
	m->rest = n ? rd->buf + rd->pos : NULL;
	rd->pos += n;
}

int cc_tup_decode(enum cc_mtp3_variant v, const uint8_t *buf, size_t len, struct cc_tup_msg *out)
{
	struct cc_rd rd;
	uint8_t o, i;
	uint16_t w = 0;
	int ret;

	cc_tup_msg_init(out, 0, 0, 0, 0);
	if (cc_tup_label_octets(v) == 0)
		return -EINVAL;
	cc_rd_init(&rd, buf, len);
	if (len > CC_TUP_MAX_LEN || rd_label(v, &rd, out) < 0 || cc_rd_u8(&rd, &out->heading) < 0)
		return -EBADMSG;
	switch (tup_descs[out->heading].kind) {
	case 0:
		keep_rest(&rd, out);
		return -ENOTSUP;
	case TK_NONE:
	case TK_RAW:
		keep_rest(&rd, out);
		return 0;
	case TK_IAM:
		return rd_iam(&rd, out);
	case TK_IAI:
		return rd_iai(&rd, out);
	case TK_SAM:
		if (cc_rd_u8(&rd, &o) < 0)
			return -EBADMSG;
		return rd_digits(&rd, o >> 4, &out->addr);
	case TK_SAO:
		if (cc_rd_u8(&rd, &o) < 0)
			return -EBADMSG;
		out->addr.n = 1;
		out->addr.d[0] = cc_bcd_chars[o & 0xf];
		out->addr.d[1] = '\0';
		return 0;
	case TK_GSM:
		if (cc_rd_u8(&rd, &out->gsm_ind) < 0)
			return -EBADMSG;
		if (out->gsm_ind & CC_TUP_GSM_CPC) {
			if (cc_rd_u8(&rd, &o) < 0)
				return -EBADMSG;
			out->cpc = o & 0x3f;
		}
		if ((out->gsm_ind & CC_TUP_GSM_CLI) && rd_cli(&rd, &out->cli, false) < 0)
			return -EBADMSG;
		if (out->gsm_ind & CC_TUP_GSM_TRUNK) {
			keep_rest(&rd, out); /* layout unknown: see design notes */
			return 0;
		}
		if ((out->gsm_ind & CC_TUP_GSM_OCA) && rd_cli(&rd, &out->oca, true) < 0)
			return -EBADMSG;
		return 0;
	case TK_GRQ:
		return cc_rd_u8(&rd, &out->grq_ind);
	case TK_ACM:
		return cc_rd_u8(&rd, &out->acm_ind);
	case TK_GRS:
		return cc_rd_u8(&rd, &out->range);
	case TK_GROUP:
		if (cc_rd_u8(&rd, &out->range) < 0)
			return -EBADMSG;
		out->has_status = true;
		for (i = 0; i <= out->range / 8; i++)
			if (cc_rd_u8(&rd, &out->status[i]) < 0)
				return -EBADMSG;
		return 0;
	case TK_MPM:
		ret = cc_rd_u16le(&rd, &w);
		out->pulses = w;
		return ret;
	}
	return -EBADMSG;
}

int cc_tup_encode(enum cc_mtp3_variant v, const struct cc_tup_msg *m, uint8_t *buf, size_t cap)
{
	struct cc_wr wr;
	uint8_t i;
	int ret = 0;

	if (cc_tup_label_octets(v) == 0 || !tup_descs[m->heading].name)
		return -EINVAL;
	cc_wr_init(&wr, buf, cap);
	ret = wr_label(v, &wr, m);
	if (ret < 0)
		return ret;
	if (cc_wr_u8(&wr, m->heading) < 0)
		return -ENOSPC;
	switch (tup_descs[m->heading].kind) {
	case TK_NONE:
		break;
	case TK_RAW:
		if (m->nrest && !m->rest)
			return -EINVAL;
		ret = cc_wr_bytes(&wr, m->rest, m->nrest);
		break;
	case TK_IAM:
		ret = wr_iam(&wr, m);
		break;
	case TK_IAI:
		ret = wr_iai(&wr, m);
		break;
	case TK_SAM:
		if (m->addr.n > CC_TUP_MAX_DIGITS)
			return -EINVAL;
		ret = cc_wr_u8(&wr, (uint8_t)(m->addr.n << 4));
		if (!ret)
			ret = wr_digits(&wr, &m->addr);
		break;
	case TK_SAO:
		if (m->addr.n != 1 || cc_bcd_val(m->addr.d[0]) < 0)
			return -EINVAL;
		ret = cc_wr_u8(&wr, (uint8_t)cc_bcd_val(m->addr.d[0]));
		break;
	case TK_GSM:
		if (m->gsm_ind & CC_TUP_GSM_TRUNK)
			return -EINVAL; /* layout unknown */
		ret = cc_wr_u8(&wr, m->gsm_ind);
		if (!ret && (m->gsm_ind & CC_TUP_GSM_CPC))
			ret = m->cpc > 0x3f ? -EINVAL : cc_wr_u8(&wr, m->cpc);
		if (!ret && (m->gsm_ind & CC_TUP_GSM_CLI))
			ret = wr_cli(&wr, &m->cli, false);
		if (!ret && (m->gsm_ind & CC_TUP_GSM_OCA))
			ret = wr_cli(&wr, &m->oca, true);
		break;
	case TK_GRQ:
		ret = cc_wr_u8(&wr, m->grq_ind);
		break;
	case TK_ACM:
		ret = cc_wr_u8(&wr, m->acm_ind);
		break;
	case TK_GRS:
		ret = cc_wr_u8(&wr, m->range);
		break;
	case TK_GROUP:
		ret = cc_wr_u8(&wr, m->range);
		for (i = 0; !ret && i <= m->range / 8; i++)
			ret = cc_wr_u8(&wr, m->status[i]);
		break;
	case TK_MPM:
		ret = cc_wr_u16le(&wr, m->pulses);
		break;
	default:
		return -EINVAL;
	}
	if (ret < 0)
		return ret;
	return (int)cc_wr_len(&wr);
}
