// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ISUP message codec (ITU-T Q.763 formats, China YDN 038 national messages).
 *
 * Design notes
 * - Two const tables drive everything: msg_descs[] (per message type: the
 *   mandatory fixed parameters, the mandatory variable parameters, whether an
 *   optional part exists; Q.763 §4 / Tables 32-50) and param_descs[] (per
 *   parameter code: name, how it is coded and where it lives in struct
 *   cc_isup_msg).
 * - Decoding never trusts a pointer or a length: every offset is checked
 *   against the message length before use (pointers are relative to the
 *   pointer octet itself, Q.763 §1.5).  A malformed message is -EBADMSG and
 *   nothing is read outside the buffer.
 * - China national messages CCL/MPM/OPR (0xFC-0xFE) and the charge information
 *   parameter 0xFD follow the Dialogic "A.7 China ISUP" description; their
 *   exact optional part is UNVERIFIED against YDN 038.
 */
#include <callcenter/proto/q763_isup.h>
#include <callcenter/rd.h>

#include "cc_bcd_int.h"

enum pkind {
	PK_NONE,
	PK_U8,
	PK_U16,	    /* two octets, first octet in the low byte */
	PK_CALLED,  /* odd/NAI, INN/NPI, digits (Q.763 §3.9) */
	PK_CALLING, /* odd/NAI, NI/NPI/APRI/SI, digits (Q.763 §3.10) */
	PK_SUBSEQ,  /* odd/spare, digits (Q.763 §3.51) */
	PK_CAUSE,   /* Q.850 */
	PK_RANGE,   /* range and status (Q.763 §3.43) */
};

struct param_desc {
	const char *name;
	uint8_t kind;
	uint16_t off; /* offsetof(struct cc_isup_msg, field) */
};

#define P(nm, k, field)                                                                            \
	{                                                                                          \
		nm, k, (uint16_t)offsetof(struct cc_isup_msg, field)                               \
	}

static const struct param_desc param_descs[256] = {
	[CC_ISUP_P_TMR] = P("transmission medium requirement", PK_U8, tmr),
	[CC_ISUP_P_CALLED] = P("called party number", PK_CALLED, called),
	[CC_ISUP_P_SUBSEQUENT] = P("subsequent number", PK_SUBSEQ, subsequent),
	[CC_ISUP_P_NCI] = P("nature of connection indicators", PK_U8, nci),
	[CC_ISUP_P_FCI] = P("forward call indicators", PK_U16, fci),
	[CC_ISUP_P_OFCI] = P("optional forward call indicators", PK_U8, ofci),
	[CC_ISUP_P_CPC] = P("calling party's category", PK_U8, cpc),
	[CC_ISUP_P_CALLING] = P("calling party number", PK_CALLING, calling),
	[CC_ISUP_P_REDIRECTING] = P("redirecting number", PK_CALLING, redirecting),
	[CC_ISUP_P_REDIRECTION_NUMBER] = P("redirection number", PK_CALLED, redirection_number),
	[CC_ISUP_P_INR_IND] = P("information request indicators", PK_U16, inr_ind),
	[CC_ISUP_P_INF_IND] = P("information indicators", PK_U16, inf_ind),
	[CC_ISUP_P_CONTINUITY] = P("continuity indicators", PK_U8, continuity),
	[CC_ISUP_P_BCI] = P("backward call indicators", PK_U16, bci),
	[CC_ISUP_P_CAUSE] = P("cause indicators", PK_CAUSE, cause),
	[CC_ISUP_P_CGSMT] = P("circuit group supervision message type", PK_U8, cgsmt),
	[CC_ISUP_P_RANGE_STATUS] = P("range and status", PK_RANGE, range),
	[CC_ISUP_P_CONNECTED] = P("connected number", PK_CALLING, connected),
	[CC_ISUP_P_SUSRES_IND] = P("suspend/resume indicators", PK_U8, susres),
	[CC_ISUP_P_EVENT] = P("event information", PK_U8, event),
	[CC_ISUP_P_ORIGINAL_CALLED] = P("original called number", PK_CALLING, original_called),
	[CC_ISUP_P_OBCI] = P("optional backward call indicators", PK_U8, obci),
	[CC_ISUP_P_CHARGE_INFO] = P("charge information (China)", PK_U16, charge_info),
};

struct msg_desc {
	const char *name;
	uint8_t fixed[4]; /* parameter codes, 0-terminated */
	uint8_t var[2];
	bool opt;
};

static const struct msg_desc msg_descs[256] = {
	[CC_ISUP_IAM] = { "IAM",
			  { CC_ISUP_P_NCI, CC_ISUP_P_FCI, CC_ISUP_P_CPC, CC_ISUP_P_TMR },
			  { CC_ISUP_P_CALLED },
			  true },
	[CC_ISUP_SAM] = { "SAM", { 0 }, { CC_ISUP_P_SUBSEQUENT }, true },
	[CC_ISUP_INR] = { "INR", { CC_ISUP_P_INR_IND }, { 0 }, true },
	[CC_ISUP_INF] = { "INF", { CC_ISUP_P_INF_IND }, { 0 }, true },
	[CC_ISUP_COT] = { "COT", { CC_ISUP_P_CONTINUITY }, { 0 }, false },
	[CC_ISUP_ACM] = { "ACM", { CC_ISUP_P_BCI }, { 0 }, true },
	[CC_ISUP_CON] = { "CON", { CC_ISUP_P_BCI }, { 0 }, true },
	[CC_ISUP_FOT] = { "FOT", { 0 }, { 0 }, true },
	[CC_ISUP_ANM] = { "ANM", { 0 }, { 0 }, true },
	[CC_ISUP_REL] = { "REL", { 0 }, { CC_ISUP_P_CAUSE }, true },
	[CC_ISUP_SUS] = { "SUS", { CC_ISUP_P_SUSRES_IND }, { 0 }, true },
	[CC_ISUP_RES] = { "RES", { CC_ISUP_P_SUSRES_IND }, { 0 }, true },
	[CC_ISUP_RLC] = { "RLC", { 0 }, { 0 }, true },
	[CC_ISUP_CCR] = { "CCR", { 0 }, { 0 }, false },
	[CC_ISUP_RSC] = { "RSC", { 0 }, { 0 }, false },
	[CC_ISUP_BLO] = { "BLO", { 0 }, { 0 }, false },
	[CC_ISUP_UBL] = { "UBL", { 0 }, { 0 }, false },
	[CC_ISUP_BLA] = { "BLA", { 0 }, { 0 }, false },
	[CC_ISUP_UBA] = { "UBA", { 0 }, { 0 }, false },
	[CC_ISUP_GRS] = { "GRS", { 0 }, { CC_ISUP_P_RANGE_STATUS }, false },
	[CC_ISUP_CGB] = { "CGB", { CC_ISUP_P_CGSMT }, { CC_ISUP_P_RANGE_STATUS }, false },
	[CC_ISUP_CGU] = { "CGU", { CC_ISUP_P_CGSMT }, { CC_ISUP_P_RANGE_STATUS }, false },
	[CC_ISUP_CGBA] = { "CGBA", { CC_ISUP_P_CGSMT }, { CC_ISUP_P_RANGE_STATUS }, false },
	[CC_ISUP_CGUA] = { "CGUA", { CC_ISUP_P_CGSMT }, { CC_ISUP_P_RANGE_STATUS }, false },
	[CC_ISUP_LPA] = { "LPA", { 0 }, { 0 }, false },
	[CC_ISUP_GRA] = { "GRA", { 0 }, { CC_ISUP_P_RANGE_STATUS }, false },
	[CC_ISUP_CPG] = { "CPG", { CC_ISUP_P_EVENT }, { 0 }, true },
	[CC_ISUP_UCIC] = { "UCIC", { 0 }, { 0 }, false },
	[CC_ISUP_CFN] = { "CFN", { 0 }, { CC_ISUP_P_CAUSE }, true },
	[CC_ISUP_CCL] = { "CCL", { 0 }, { 0 }, true },
	[CC_ISUP_MPM] = { "MPM", { CC_ISUP_P_CHARGE_INFO }, { 0 }, true },
	[CC_ISUP_OPR] = { "OPR", { 0 }, { 0 }, true },
};

const char *cc_isup_msg_name(uint8_t type)
{
	return msg_descs[type].name ? msg_descs[type].name : "?";
}

const char *cc_isup_param_name(uint8_t code)
{
	return param_descs[code].name ? param_descs[code].name : "?";
}

bool cc_isup_msg_known(uint8_t type)
{
	return !!msg_descs[type].name;
}

static void zero(void *p, size_t n)
{
	__builtin_memset(p, 0, n); /* memset in the kernel and in userspace */
}

/* everything but raw[], which is defined only below nraw */
#define MSG_ZERO_LEN offsetof(struct cc_isup_msg, raw)

void cc_isup_msg_init(struct cc_isup_msg *m, uint8_t type, uint16_t cic)
{
	zero(m, MSG_ZERO_LEN);
	m->type = type;
	m->cic = cic;
}

int cc_isup_number_set(struct cc_isup_number *n, const char *digits, uint8_t nai, uint8_t npi)
{
	int nd;

	zero(n, sizeof(*n));
	nd = cc_bcd_set(n->digits, CC_ISUP_MAX_DIGITS, digits);
	if (nd < 0)
		return nd;
	n->ndigits = (uint8_t)nd;
	n->nai = nai;
	n->npi = npi;
	return 0;
}

static void *field(struct cc_isup_msg *m, uint8_t code)
{
	return (uint8_t *)m + param_descs[code].off;
}

static const void *cfield(const struct cc_isup_msg *m, uint8_t code)
{
	return (const uint8_t *)m + param_descs[code].off;
}

static int dec_digits(struct cc_isup_number *n, const uint8_t *p, size_t len, bool odd)
{
	size_t nd = len * 2;

	if (odd) {
		if (!len)
			return -EBADMSG;
		nd--;
	}
	if (nd > CC_ISUP_MAX_DIGITS)
		return -EBADMSG;
	cc_bcd_unpack(n->digits, p, nd);
	n->ndigits = (uint8_t)nd;
	return 0;
}

static int dec_number(uint8_t kind, const uint8_t *p, size_t len, struct cc_isup_number *n)
{
	bool odd;

	zero(n, sizeof(*n));
	if (kind == PK_SUBSEQ) {
		if (len < 1)
			return -EBADMSG;
		return dec_digits(n, p + 1, len - 1, p[0] & 0x80);
	}
	if (len < 2)
		return -EBADMSG;
	odd = p[0] & 0x80;
	n->nai = p[0] & 0x7f;
	n->ni = p[1] >> 7;
	n->npi = (p[1] >> 4) & 7;
	if (kind == PK_CALLING) {
		n->pres = (p[1] >> 2) & 3;
		n->screen = p[1] & 3;
	}
	if (len == 2 && odd)
		return -EBADMSG;
	return dec_digits(n, p + 2, len - 2, odd);
}

static int dec_param(struct cc_isup_msg *m, uint8_t code, const uint8_t *p, size_t len)
{
	const struct param_desc *d = &param_descs[code];
	struct cc_isup_cause *c;
	struct cc_isup_range *r;
	size_t i;
	int ret = 0;

	switch (d->kind) {
	case PK_U8:
		if (len != 1)
			return -EBADMSG;
		*(uint8_t *)field(m, code) = p[0];
		break;
	case PK_U16:
		if (len != 2)
			return -EBADMSG;
		*(uint16_t *)field(m, code) = (uint16_t)(p[0] | p[1] << 8);
		break;
	case PK_CALLED:
	case PK_CALLING:
	case PK_SUBSEQ:
		ret = dec_number(d->kind, p, len, field(m, code));
		break;
	case PK_CAUSE:
		c = field(m, code);
		zero(c, sizeof(*c));
		if (len < 2)
			return -EBADMSG;
		c->coding = (p[0] >> 5) & 3;
		c->location = p[0] & 0x0f;
		i = 1;
		if (!(p[0] & 0x80))
			i++; /* octet 1a (recommendation) present; Q.850 §2.2.6 */
		if (i >= len)
			return -EBADMSG;
		c->value = p[i++] & 0x7f;
		for (; i < len && c->ndiag < sizeof(c->diag); i++)
			c->diag[c->ndiag++] = p[i];
		break;
	case PK_RANGE:
		r = field(m, code);
		zero(r, sizeof(*r));
		if (len < 1 || len - 1 > sizeof(r->status))
			return -EBADMSG;
		r->range = p[0];
		r->has_status = len > 1;
		if (r->has_status && len - 1 != (size_t)r->range / 8 + 1)
			return -EBADMSG;
		for (i = 1; i < len; i++)
			r->status[i - 1] = p[i];
		break;
	default:
		return 1; /* not ours: caller keeps it raw */
	}
	if (ret < 0)
		return ret;
	cc_isup_set(m, code);
	return 0;
}

static size_t fixed_len(uint8_t code)
{
	return param_descs[code].kind == PK_U16 ? 2 : 1;
}

int cc_isup_decode(const uint8_t *buf, size_t len, struct cc_isup_msg *out)
{
	const struct msg_desc *d;
	struct cc_rd rd;
	uint16_t cic;
	uint8_t type;
	size_t i, pos;
	int ret;

	zero(out, MSG_ZERO_LEN);
	cc_rd_init(&rd, buf, len);
	if (cc_rd_u16le(&rd, &cic) < 0 || cc_rd_u8(&rd, &type) < 0 || len > CC_ISUP_MAX_LEN)
		return -EBADMSG;
	out->cic = cic & CC_ISUP_CIC_MAX;
	out->type = type;
	d = &msg_descs[type];
	if (!d->name)
		return -ENOTSUP;
	for (i = 0; i < sizeof(d->fixed) && d->fixed[i]; i++) {
		const uint8_t *p;
		size_t n = fixed_len(d->fixed[i]);

		if (cc_rd_bytes(&rd, n, &p) < 0)
			return -EBADMSG;
		ret = dec_param(out, d->fixed[i], p, n);
		if (ret)
			return -EBADMSG;
	}
	for (i = 0; i < sizeof(d->var) && d->var[i]; i++) {
		uint8_t ptr;
		size_t at, plen;

		pos = cc_rd_pos(&rd);
		if (cc_rd_u8(&rd, &ptr) < 0 || ptr == 0)
			return -EBADMSG;
		at = pos + ptr;
		if (at >= len)
			return -EBADMSG;
		plen = buf[at];
		if (plen > len - at - 1)
			return -EBADMSG;
		if (dec_param(out, d->var[i], buf + at + 1, plen))
			return -EBADMSG;
	}
	if (!d->opt)
		return 0;
	{
		uint8_t ptr;

		pos = cc_rd_pos(&rd);
		if (cc_rd_u8(&rd, &ptr) < 0)
			return -EBADMSG;
		if (ptr == 0)
			return 0;
		pos += ptr;
	}
	/* optional part: name, length, value ... end-of-optional-parameters (0) */
	while (pos < len) {
		uint8_t code = buf[pos];
		size_t plen;

		if (code == CC_ISUP_P_END)
			return 0;
		if (len - pos < 2)
			return -EBADMSG;
		plen = buf[pos + 1];
		if (plen > len - pos - 2)
			return -EBADMSG;
		ret = dec_param(out, code, buf + pos + 2, plen);
		if (ret < 0)
			return ret;
		if (ret > 0) {
			if (out->nraw >= CC_ISUP_MAX_RAW)
				return -EBADMSG;
			out->raw[out->nraw].code = code;
			out->raw[out->nraw].len = (uint8_t)plen;
			out->raw[out->nraw].val = buf + pos + 2;
			out->nraw++;
		}
		pos += 2 + plen;
	}
	/* the end-of-optional-parameters octet is mandatory (Q.763 §1.8) */
	return -EBADMSG;
}

/* ------------------------------------------------------------------ encoder */

static int enc_digits(struct cc_wr *wr, const struct cc_isup_number *n)
{
	return cc_bcd_pack(wr, n->digits, n->ndigits);
}

static int enc_number(uint8_t kind, const struct cc_isup_number *n, struct cc_wr *wr)
{
	uint8_t odd = (n->ndigits & 1) ? 0x80 : 0;

	if (n->ndigits > CC_ISUP_MAX_DIGITS)
		return -EINVAL;
	if (kind == PK_SUBSEQ) {
		if (cc_wr_u8(wr, odd) < 0)
			return -ENOSPC;
		return enc_digits(wr, n);
	}
	if (n->nai > 0x7f || n->npi > 7 || n->ni > 1 || n->pres > 3 || n->screen > 3)
		return -EINVAL;
	if (cc_wr_u8(wr, (uint8_t)(odd | n->nai)) < 0)
		return -ENOSPC;
	if (cc_wr_u8(wr, (uint8_t)(n->ni << 7 | n->npi << 4 |
				   (kind == PK_CALLING ? n->pres << 2 | n->screen : 0))) < 0)
		return -ENOSPC;
	return enc_digits(wr, n);
}

static int enc_value(const struct cc_isup_msg *m, uint8_t code, struct cc_wr *wr)
{
	const struct param_desc *d = &param_descs[code];
	const struct cc_isup_cause *c;
	const struct cc_isup_range *r;
	uint16_t v;

	switch (d->kind) {
	case PK_U8:
		return cc_wr_u8(wr, *(const uint8_t *)cfield(m, code));
	case PK_U16:
		v = *(const uint16_t *)cfield(m, code);
		return cc_wr_u16le(wr, v);
	case PK_CALLED:
	case PK_CALLING:
	case PK_SUBSEQ:
		return enc_number(d->kind, cfield(m, code), wr);
	case PK_CAUSE:
		c = cfield(m, code);
		if (c->coding > 3 || c->location > 15 || c->value > 127 ||
		    c->ndiag > sizeof(c->diag))
			return -EINVAL;
		if (cc_wr_u8(wr, (uint8_t)(0x80 | c->coding << 5 | c->location)) < 0 ||
		    cc_wr_u8(wr, (uint8_t)(0x80 | c->value)) < 0 ||
		    cc_wr_bytes(wr, c->diag, c->ndiag) < 0)
			return -ENOSPC;
		return 0;
	case PK_RANGE:
		r = cfield(m, code);
		if (cc_wr_u8(wr, r->range) < 0)
			return -ENOSPC;
		if (r->has_status && cc_wr_bytes(wr, r->status, (size_t)r->range / 8 + 1) < 0)
			return -ENOSPC;
		return 0;
	default:
		return -EINVAL;
	}
}

/* length octet + value */
static int enc_lv(const struct cc_isup_msg *m, uint8_t code, struct cc_wr *wr)
{
	uint8_t *lenp;
	size_t start;
	int ret;

	if (cc_wr_reserve(wr, 1, &lenp) < 0)
		return -ENOSPC;
	start = cc_wr_len(wr);
	ret = enc_value(m, code, wr);
	if (ret < 0)
		return ret;
	if (cc_wr_len(wr) - start > 255)
		return -EINVAL;
	*lenp = (uint8_t)(cc_wr_len(wr) - start);
	return 0;
}

int cc_isup_encode(const struct cc_isup_msg *m, uint8_t *buf, size_t cap)
{
	const struct msg_desc *d = &msg_descs[m->type];
	size_t i, nvar = 0, ptrs;
	uint8_t *pp;
	struct cc_wr wr;
	uint32_t mand[8] = { 0 };
	bool any_opt = false;
	unsigned int code, k;
	int ret;

	if (!d->name || m->cic > CC_ISUP_CIC_MAX || m->nraw > CC_ISUP_MAX_RAW)
		return -EINVAL;
	cc_wr_init(&wr, buf, cap);
	if (cc_wr_u16le(&wr, m->cic) < 0 || cc_wr_u8(&wr, m->type) < 0)
		return -ENOSPC;
	for (i = 0; i < sizeof(d->fixed) && d->fixed[i]; i++) {
		if (!cc_isup_has(m, d->fixed[i]))
			return -EINVAL;
		ret = enc_value(m, d->fixed[i], &wr);
		if (ret < 0)
			return ret;
	}
	for (i = 0; i < sizeof(d->var) && d->var[i]; i++) {
		if (!cc_isup_has(m, d->var[i]))
			return -EINVAL;
		nvar++;
	}
	ptrs = cc_wr_len(&wr);
	if (cc_wr_reserve(&wr, nvar + (d->opt ? 1 : 0), &pp) < 0)
		return -ENOSPC;
	for (i = 0; i < nvar; i++) {
		size_t off = cc_wr_len(&wr) - (ptrs + i);

		if (off > 255)
			return -EINVAL;
		buf[ptrs + i] = (uint8_t)off;
		ret = enc_lv(m, d->var[i], &wr);
		if (ret < 0)
			return ret;
	}
	if (!d->opt)
		return (int)cc_wr_len(&wr);
	buf[ptrs + nvar] = 0;
	/*
	 * optional parameters in code order: the present bits a word at a time,
	 * without the mandatory ones and code 0 (end of optional parameters)
	 */
	for (i = 0; i < sizeof(d->fixed) && d->fixed[i]; i++)
		mand[d->fixed[i] >> 5] |= 1u << (d->fixed[i] & 31);
	for (i = 0; i < nvar; i++)
		mand[d->var[i] >> 5] |= 1u << (d->var[i] & 31);
	for (k = 0; k < 8; k++) {
		uint32_t w = m->present[k] & ~mand[k] & (k ? ~0u : ~1u);

		for (; w; w &= w - 1) {
			code = k * 32 + (unsigned int)__builtin_ctz(w);
			if (param_descs[code].kind == PK_NONE)
				return -EINVAL; /* present bit on a parameter we cannot encode */
			if (!any_opt) {
				size_t off = cc_wr_len(&wr) - (ptrs + nvar);

				if (off > 255)
					return -EINVAL;
				buf[ptrs + nvar] = (uint8_t)off;
				any_opt = true;
			}
			if (cc_wr_u8(&wr, (uint8_t)code) < 0)
				return -ENOSPC;
			ret = enc_lv(m, (uint8_t)code, &wr);
			if (ret < 0)
				return ret;
		}
	}
	for (i = 0; i < m->nraw; i++) {
		const struct cc_isup_raw *r = &m->raw[i];

		if (r->code == CC_ISUP_P_END || (r->len && !r->val))
			return -EINVAL;
		if (!any_opt) {
			size_t off = cc_wr_len(&wr) - (ptrs + nvar);

			if (off > 255)
				return -EINVAL;
			buf[ptrs + nvar] = (uint8_t)off;
			any_opt = true;
		}
		if (cc_wr_u8(&wr, r->code) < 0 || cc_wr_u8(&wr, r->len) < 0 ||
		    cc_wr_bytes(&wr, r->val, r->len) < 0)
			return -ENOSPC;
	}
	if (any_opt && cc_wr_u8(&wr, CC_ISUP_P_END) < 0)
		return -ENOSPC;
	return (int)cc_wr_len(&wr);
}
