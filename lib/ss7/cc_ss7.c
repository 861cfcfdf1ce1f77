// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * SS7 stack: one linkset of up to 16 MTP2 links to an adjacent exchange and
 * the MTP3 functions we need on it (Q.704, Q.707):
 *   - message routing and SLS load sharing over the available links
 *     (link = available[SLS mod n]); SLS = CIC low 4 bits for user parts;
 *   - discrimination: NI and DPC checked, SI dispatched (SNM, MTN, ISUP/TUP);
 *   - signalling link test (Q.707 §2): SLTM with a test pattern when a link
 *     comes into service; the link carries traffic only after the matching
 *     SLTA (T1 4-12 s, two attempts, then the link is restarted), periodic
 *     SLTM every T2;
 *   - changeover (Q.704 §5): when a link fails and another is available, COO
 *     with the last accepted FSN goes over the alternative link, the far end
 *     answers COA; each side retrieves from the failed link's MTP2 buffers
 *     what the other did not accept and sends it on the alternative link.
 *     Without COA within T2 the buffered MSUs are sent anyway (time-
 *     controlled changeover);
 *   - changeback (Q.704 §6): CBD on the restored link, CBA back;
 *   - TRA when the linkset becomes available (as chan_ss7 does); MTP-RESUME
 *     to the user part (circuit group reset in cc_ss7_call.c) once the
 *     adjacent SP's TRA has arrived too, or after TRA_WAIT (a peer that did
 *     not restart sends none).  Waiting matters: an adjacent SP still in its
 *     own restart drops user part messages (libss7 discards ISUP until it has
 *     sent and received TRA), so a GRS sent at once could be lost to T22.
 * Links are restarted automatically after a failure.
 *
 * Not done: routing through STPs (TFP/TFA/TFR are decoded, not acted on),
 * multiple linksets per stack, link inhibiting, congestion levels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/log.h>
#include <callcenter/proto/q704_mtp3.h>
#include <callcenter/rd.h>

#include "cc_ss7_int.h"

static const struct cc_ss7_timer_desc timer_descs[CC_SS7_T__COUNT] = {
	[CC_SS7_T1] = { "T1", 30000, 15000, 60000, "Q.764 T1 REL sent, waiting for RLC" },
	[CC_SS7_T5] = { "T5", 300000, 300000, 900000, "Q.764 T5 initial REL, waiting for RLC" },
	[CC_SS7_T7] = { "T7", 25000, 20000, 30000, "Q.764 T7 waiting for ACM/CON" },
	[CC_SS7_T9] = { "T9", 120000, 90000, 180000, "Q.764 T9 waiting for answer" },
	[CC_SS7_T12] = { "T12", 30000, 15000, 60000, "Q.764 T12 BLO sent, waiting for BLA" },
	[CC_SS7_T14] = { "T14", 30000, 15000, 60000, "Q.764 T14 UBL sent, waiting for UBA" },
	[CC_SS7_T16] = { "T16", 30000, 15000, 60000, "Q.764 T16 RSC sent, waiting for RLC" },
	[CC_SS7_T22] = { "T22", 30000, 15000, 60000, "Q.764 T22 GRS sent, waiting for GRA" },
	[CC_SS7_TUP_RLG] = { "TUP_RLG", 10000, 4000, 15000,
			     "TUP CLF sent, waiting for RLG (UNVERIFIED range)" },
	[CC_SS7_TUP_GSM] = { "TUP_GSM", 10000, 4000, 20000,
			     "TUP GRQ sent, waiting for GSM (UNVERIFIED range)" },
	[CC_SS7_TUP_CLF] = { "TUP_CLF", 60000, 10000, 300000,
			     "TUP CBK sent, waiting for CLF (UNVERIFIED range)" },
	[CC_SS7_SLT_T1] = { "SLT_T1", 8000, 4000, 12000, "Q.707 T1 waiting for SLTA" },
	[CC_SS7_SLT_T2] = { "SLT_T2", 60000, 30000, 90000, "Q.707 T2 periodic SLTM" },
	[CC_SS7_MTP3_T2] = { "MTP3_T2", 1500, 700, 2000, "Q.704 T2 waiting for COA" },
	[CC_SS7_MTP3_T4] = { "MTP3_T4", 1000, 800, 1200, "Q.704 T4 waiting for CBA" },
	[CC_SS7_TRA_WAIT] = { "TRA_WAIT", 2000, 100, 65000,
			      "waiting for the adjacent SP's TRA before MTP-RESUME (Q.704 §9; "
			      "its T21 is 63-65 s)" },
	/* Q.764 Annex A gives T6 as "covered in Rec. Q.118", which we do not have: the
	 * range is UNVERIFIED (bounded by T2, 3 min, the user-suspend timer) */
	[CC_SS7_T6] = { "T6", 90000, 10000, 180000,
			"Q.764 T6 SUS (network) received, waiting for RES (UNVERIFIED range)" },
	[CC_SS7_T8] = { "T8", 12000, 10000, 15000,
			"Q.764 T8 IAM with continuity check, waiting for COT" },
	[CC_SS7_T27] = { "T27", 240000, 240000, 240000,
			 "Q.764 T27 COT failure received, waiting for the re-check (CCR)" },
	[CC_SS7_T2] = { "T2", 180000, 180000, 180000,
			"Q.764 T2 SUS (user) received on our own call, waiting for RES" },
};

const struct cc_ss7_timer_desc *cc_ss7_timer_desc(enum cc_ss7_timer t)
{
	return (unsigned int)t < CC_SS7_T__COUNT ? &timer_descs[t] : NULL;
}

static const char *const ev_names[CC_SS7_EV__COUNT] = {
	[CC_SS7_EV_LINK_UP] = "link-up",
	[CC_SS7_EV_LINK_DOWN] = "link-down",
	[CC_SS7_EV_LINKSET_UP] = "linkset-up",
	[CC_SS7_EV_LINKSET_DOWN] = "linkset-down",
	[CC_SS7_EV_INCOMING] = "incoming",
	[CC_SS7_EV_CLI] = "cli",
	[CC_SS7_EV_PROCEEDING] = "proceeding",
	[CC_SS7_EV_ALERTING] = "alerting",
	[CC_SS7_EV_ANSWERED] = "answered",
	[CC_SS7_EV_RELEASED] = "released",
	[CC_SS7_EV_IDLE] = "idle",
	[CC_SS7_EV_DUAL_SEIZURE] = "dual-seizure",
	[CC_SS7_EV_BLOCKED] = "blocked",
	[CC_SS7_EV_UNBLOCKED] = "unblocked",
	[CC_SS7_EV_RESET] = "reset",
	[CC_SS7_EV_GROUP_RESET_DONE] = "group-reset-done",
	[CC_SS7_EV_SUSPENDED] = "suspended",
	[CC_SS7_EV_RESUMED] = "resumed",
};

const char *cc_ss7_ev_name(enum cc_ss7_ev_type t)
{
	return (unsigned int)t < CC_SS7_EV__COUNT ? ev_names[t] : "?";
}

void ss7_emit(struct cc_ss7 *s, struct cc_ss7_event *ev, struct ss7_circuit *c)
{
	struct cc_call_ev nev[SS7_CALLEV_MAX];
	size_t n;

	/* convert first: the neutral per-circuit state must not be changed by a call the
	 * native callback places on the same circuit */
	n = ss7_callev_conv(s, c, ev, nev);
	if (s->cid && (ev->type == CC_SS7_EV_INCOMING || ev->type == CC_SS7_EV_CLI))
		(void)cc_ss7_cid_publish(s->cid, ev, s->cfg.user_part, s->cid_span,
					 (uint16_t)(ev->cic & 0x1f)); /* Q.763 §1.2 */
	if (s->ops && s->ops->event)
		s->ops->event(s->priv, ev);
	ss7_callev_deliver(s, nev, n);
}

static void emit_link(struct cc_ss7 *s, enum cc_ss7_ev_type t, unsigned int link)
{
	struct cc_ss7_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = t;
	ev.link = (uint8_t)link;
	ss7_emit(s, &ev, NULL);
}

/* ------------------------------------------------------------------ routing */

static void rebuild_routes(struct cc_ss7 *s)
{
	unsigned int i;

	s->nav = 0;
	for (i = 0; i < s->cfg.nlinks; i++)
		if (s->links[i].available)
			s->av[s->nav++] = (uint8_t)i;
}

/* SIO + @sif (label included) on one link */
static int link_send_sif(struct cc_ss7 *s, struct ss7_link *l, uint8_t si, const uint8_t *sif,
			 size_t len)
{
	uint8_t msu[CC_MTP2_MAX_SIF + 1];
	int ret;

	if (len > CC_MTP2_MAX_SIF)
		return -EINVAL;
	msu[0] = (uint8_t)(si | s->cfg.ni << 6);
	memcpy(msu + 1, sif, len);
	ret = cc_mtp2_send(l->mtp2, s->now, msu, len + 1);
	if (ret == 0)
		s->stats.msu_tx++;
	return ret;
}

int ss7_mtp3_send_sif(struct cc_ss7 *s, uint8_t si, uint8_t sls, const uint8_t *sif, size_t len)
{
	int ret;

	if (!s->nav) {
		s->stats.msu_tx_no_route++;
		return -EAGAIN;
	}
	ret = link_send_sif(s, &s->links[s->av[sls % s->nav]], si, sif, len);
	if (ret < 0)
		s->stats.msu_tx_no_route++;
	return ret;
}

static int link_send(struct cc_ss7 *s, struct ss7_link *l, uint8_t si, uint8_t sls,
		     const uint8_t *payload, size_t len)
{
	struct cc_mtp3_hdr h = {
		.si = si,
		.ni = s->cfg.ni,
		.rl = { .dpc = s->cfg.dpc, .opc = s->cfg.opc, .sls = sls },
	};
	uint8_t msu[CC_MTP2_MAX_SIF + 1];
	struct cc_wr wr;
	int ret;

	cc_wr_init(&wr, msu, sizeof(msu));
	ret = cc_mtp3_hdr_encode(s->cfg.variant, &h, &wr);
	if (ret < 0)
		return ret;
	if (cc_wr_bytes(&wr, payload, len) < 0)
		return -EINVAL;
	ret = cc_mtp2_send(l->mtp2, s->now, msu, cc_wr_len(&wr));
	if (ret == 0)
		s->stats.msu_tx++;
	return ret;
}

int ss7_mtp3_send(struct cc_ss7 *s, uint8_t si, uint8_t sls, const uint8_t *payload, size_t len)
{
	int ret;

	if (!s->nav) {
		s->stats.msu_tx_no_route++;
		return -EAGAIN;
	}
	ret = link_send(s, &s->links[s->av[sls % s->nav]], si, sls & 0x0f, payload, len);
	if (ret < 0)
		s->stats.msu_tx_no_route++;
	return ret;
}

/* Resend a whole MSU (SIO + label + data) retrieved from a failed link. */
static void resend_msu(void *priv, const uint8_t *msu, size_t len)
{
	struct cc_ss7 *s = priv;
	struct cc_mtp3_hdr h;
	struct cc_rd rd;

	cc_rd_init(&rd, msu, len);
	if (!s->nav || cc_mtp3_hdr_decode(s->cfg.variant, &rd, &h) < 0)
		return;
	if (cc_mtp2_send(s->links[s->av[h.rl.sls % s->nav]].mtp2, s->now, msu, len) == 0)
		s->stats.retrieved++;
}

/* ------------------------------------------------------------------ SNM / MTN */

static void send_snm(struct cc_ss7 *s, struct ss7_link *via, uint8_t slc,
		     const struct cc_mtp3_snm *m)
{
	uint8_t buf[32];
	struct cc_wr wr;

	cc_wr_init(&wr, buf, sizeof(buf));
	if (cc_mtp3_snm_encode(s->cfg.variant, m, &wr) < 0)
		return;
	if (link_send(s, via, CC_MTP3_SI_SNM, slc, buf, cc_wr_len(&wr)) < 0)
		s->stats.msu_tx_no_route++;
}

static void send_sltm(struct cc_ss7 *s, struct ss7_link *l, uint8_t heading, const uint8_t *pat,
		      uint8_t plen)
{
	struct cc_mtp3_sltm m = { .heading = heading, .len = plen };
	uint8_t buf[32];
	struct cc_wr wr;

	memcpy(m.pattern, pat, plen);
	cc_wr_init(&wr, buf, sizeof(buf));
	if (cc_mtp3_sltm_encode(&m, &wr) < 0)
		return;
	/* Q.707 §5.4: the SLS field carries the SLC of the link under test */
	if (link_send(s, l, CC_MTP3_SI_MTN, l->slc, buf, cc_wr_len(&wr)) == 0 &&
	    heading == CC_MTP3_MTN_SLTM)
		s->stats.sltm_tx++;
}

static void start_sltm(struct cc_ss7 *s, struct ss7_link *l)
{
	unsigned int i;

	for (i = 0; i < sizeof(l->pattern); i++)
		l->pattern[i] = (uint8_t)(0xa0 + l->slc + i + l->slt_tries * 16);
	l->sltm_pending = true;
	l->t_slt = s->now + s->timer_ms[CC_SS7_SLT_T1];
	send_sltm(s, l, CC_MTP3_MTN_SLTM, l->pattern, sizeof(l->pattern));
}

static void linkset_check(struct cc_ss7 *s)
{
	if (!s->nav) {
		if (s->tra_sent) {
			/* a new restart needs a new TRA from the adjacent SP */
			s->tra_sent = s->tra_rx = false;
			s->t_tra = NO_TIMER;
		}
		if (s->up) {
			s->up = false;
			emit_link(s, CC_SS7_EV_LINKSET_DOWN, 0);
			ss7_up_pause(s);
		}
		return;
	}
	if (!s->tra_sent) {
		struct cc_mtp3_snm tra = { .heading = CC_MTP3_SNM_TRA };

		send_snm(s, &s->links[s->av[0]], s->links[s->av[0]].slc, &tra);
		s->tra_sent = true;
		s->t_tra = s->tra_rx ? NO_TIMER : s->now + s->timer_ms[CC_SS7_TRA_WAIT];
	}
	if (!s->up && (s->tra_rx || s->now >= s->t_tra)) {
		s->up = true;
		s->t_tra = NO_TIMER;
		emit_link(s, CC_SS7_EV_LINKSET_UP, s->av[0]);
		ss7_up_resume(s);
	}
}

static void link_available(struct cc_ss7 *s, struct ss7_link *l)
{
	bool others = s->nav > 0;

	l->available = true;
	l->slt_tries = 0;
	rebuild_routes(s);
	emit_link(s, CC_SS7_EV_LINK_UP, l->slc);
	if (others) {
		/* changeback (Q.704 §6.2): declare on the restored link */
		struct cc_mtp3_snm cbd = { .heading = CC_MTP3_SNM_CBD, .cbc = ++l->cbc };

		l->cbd_pending = true;
		l->t_cb = s->now + s->timer_ms[CC_SS7_MTP3_T4];
		send_snm(s, l, l->slc, &cbd);
		s->stats.changebacks++;
	}
	linkset_check(s);
}

static void link_unavailable(struct cc_ss7 *s, struct ss7_link *l)
{
	bool was = l->available;
	uint8_t bsnt;

	l->available = false;
	l->sltm_pending = false;
	l->t_slt = NO_TIMER;
	l->cbd_pending = false;
	l->t_cb = NO_TIMER;
	rebuild_routes(s);
	if (!was)
		return;
	emit_link(s, CC_SS7_EV_LINK_DOWN, l->slc);
	if (s->nav && cc_mtp2_retrieve_bsnt(l->mtp2, &bsnt) == 0) {
		/* changeover order over an alternative link (Q.704 §5.2) */
		struct cc_mtp3_snm coo = { .heading = CC_MTP3_SNM_COO, .fsn = bsnt };

		l->coo_pending = true;
		l->t_co = s->now + s->timer_ms[CC_SS7_MTP3_T2];
		send_snm(s, &s->links[s->av[0]], l->slc, &coo);
		s->stats.changeovers++;
	}
	linkset_check(s);
}

static void rx_snm(struct cc_ss7 *s, struct ss7_link *via, const struct cc_mtp3_label *rl,
		   struct cc_rd *rd)
{
	struct cc_mtp3_snm m, reply;
	struct ss7_link *l;
	uint8_t bsnt;

	if (cc_mtp3_snm_decode(s->cfg.variant, rd, &m) < 0) {
		s->stats.msu_rx_bad++;
		return;
	}
	/* in SNM messages concerning a link the SLS field is that link's SLC */
	l = rl->sls < s->cfg.nlinks ? &s->links[rl->sls] : NULL;
	memset(&reply, 0, sizeof(reply));
	switch (m.heading) {
	case CC_MTP3_SNM_COO:
	case CC_MTP3_SNM_ECO:
		if (!l)
			break;
		if (m.heading == CC_MTP3_SNM_COO) {
			reply.heading = CC_MTP3_SNM_COA;
			if (cc_mtp2_retrieve_bsnt(l->mtp2, &bsnt) == 0)
				reply.fsn = bsnt;
		} else {
			reply.heading = CC_MTP3_SNM_ECA;
		}
		if (l->available) {
			/* the far end lost the link before we noticed: take it down */
			cc_mtp2_stop(l->mtp2, s->now);
		}
		send_snm(s, via, l->slc, &reply);
		if (m.heading == CC_MTP3_SNM_COO)
			(void)cc_mtp2_retrieve(l->mtp2, m.fsn, resend_msu, s);
		if (l->coo_pending) {
			l->coo_pending = false; /* both sides changed over at once */
			l->t_co = NO_TIMER;
		}
		break;
	case CC_MTP3_SNM_COA:
	case CC_MTP3_SNM_ECA:
		if (!l || !l->coo_pending)
			break;
		l->coo_pending = false;
		l->t_co = NO_TIMER;
		if (m.heading == CC_MTP3_SNM_COA)
			(void)cc_mtp2_retrieve(l->mtp2, m.fsn, resend_msu, s);
		break;
	case CC_MTP3_SNM_CBD:
		reply.heading = CC_MTP3_SNM_CBA;
		reply.cbc = m.cbc;
		send_snm(s, via, rl->sls, &reply);
		break;
	case CC_MTP3_SNM_CBA:
		if (l && l->cbd_pending && m.cbc == l->cbc) {
			l->cbd_pending = false;
			l->t_cb = NO_TIMER;
		}
		break;
	case CC_MTP3_SNM_TRA:
		s->tra_rx = true;
		linkset_check(s);
		break;
	default:
		/* TFP/TFA/TFR/RST and the rest: decoded, no STP routing here */
		break;
	}
}

static void rx_mtn(struct cc_ss7 *s, struct ss7_link *l, const struct cc_mtp3_label *rl,
		   struct cc_rd *rd)
{
	struct cc_mtp3_sltm m;

	if (cc_mtp3_sltm_decode(rd, &m) < 0) {
		s->stats.msu_rx_bad++;
		return;
	}
	if (m.heading == CC_MTP3_MTN_SLTM) {
		/* echo the pattern; SLS = SLC of the link it arrived on (Q.707 §2.2) */
		send_sltm(s, l, CC_MTP3_MTN_SLTA, m.pattern, m.len);
		return;
	}
	s->stats.slta_rx++;
	if (!l->sltm_pending || rl->sls != l->slc || m.len != sizeof(l->pattern) ||
	    memcmp(m.pattern, l->pattern, m.len) != 0)
		return; /* Q.707 §2.3: a wrong SLTA is ignored; T1 decides */
	l->sltm_pending = false;
	l->t_slt = s->now + s->timer_ms[CC_SS7_SLT_T2];
	if (!l->available)
		link_available(s, l);
}

static void mtp3_rx(struct cc_ss7 *s, struct ss7_link *l, const uint8_t *msu, size_t len)
{
	struct cc_mtp3_hdr h;
	struct cc_rd rd;

	s->stats.msu_rx++;
	cc_rd_init(&rd, msu, len);
	if (cc_mtp3_hdr_decode(s->cfg.variant, &rd, &h) < 0) {
		s->stats.msu_rx_bad++;
		return;
	}
	if (h.ni != s->cfg.ni || h.rl.dpc != s->cfg.opc) {
		s->stats.msu_rx_wrong_dpc++;
		return;
	}
	switch (h.si) {
	case CC_MTP3_SI_SNM:
		rx_snm(s, l, &h.rl, &rd);
		break;
	case CC_MTP3_SI_MTN:
		rx_mtn(s, l, &h.rl, &rd);
		break;
	case CC_MTP3_SI_ISUP:
	case CC_MTP3_SI_TUP:
		if (!l->available && !s->cfg.no_sltm) {
			s->stats.unexpected++;
			break;
		}
		if (h.rl.opc != s->cfg.dpc) {
			s->stats.msu_rx_wrong_dpc++;
			break;
		}
		/* TUP: the label goes to the user part (its CIC is part of it) */
		if (h.si == CC_MTP3_SI_TUP)
			ss7_up_rx(s, h.si, &h.rl, msu + 1, len - 1);
		else
			ss7_up_rx(s, h.si, &h.rl, msu + rd.pos, len - rd.pos);
		break;
	default:
		s->stats.unexpected++;
		break;
	}
}

/* ------------------------------------------------------------------ MTP2 glue */

static void mtp2_rx_msu(void *priv, const uint8_t *msu, size_t len)
{
	struct ss7_link *l = priv;

	mtp3_rx(l->s, l, msu, len);
}

static void mtp2_event(void *priv, enum cc_mtp2_ev ev)
{
	struct ss7_link *l = priv;
	struct cc_ss7 *s = l->s;

	switch (ev) {
	case CC_MTP2_EV_IN_SERVICE:
		if (s->cfg.no_sltm)
			link_available(s, l);
		else
			start_sltm(s, l);
		break;
	case CC_MTP2_EV_OUT_OF_SERVICE:
		link_unavailable(s, l);
		if (!l->line_alarm)
			cc_mtp2_start(l->mtp2, s->now); /* realign */
		break;
	case CC_MTP2_EV_REMOTE_PO:
	case CC_MTP2_EV_REMOTE_PO_END:
		break;
	}
}

static void mtp2_wake(void *priv)
{
	struct ss7_link *l = priv;

	if (l->s->ops && l->s->ops->tx_wake)
		l->s->ops->tx_wake(l->s->priv, l->slc);
}

/* ------------------------------------------------------------------ API */

int cc_ss7_alloc(const struct cc_ss7_cfg *cfg, const struct cc_ss7_ops *ops, void *priv,
		 struct cc_ss7 **out_s)
{
	struct cc_ss7 *s;
	unsigned int i;
	int ret;

	if (!cfg || !out_s || cfg->nlinks < 1 || cfg->nlinks > CC_SS7_MAX_LINKS || cfg->ncics < 1 ||
	    cfg->cic_first + cfg->ncics > CC_SS7_MAX_CICS ||
	    !cc_mtp3_pc_valid(cfg->variant, cfg->opc) ||
	    !cc_mtp3_pc_valid(cfg->variant, cfg->dpc) || cfg->ni > 3 ||
	    (cfg->user_part != CC_SS7_ISUP && cfg->user_part != CC_SS7_TUP))
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->cfg = *cfg;
	s->ops = ops;
	s->priv = priv;
	for (i = 0; i < CC_SS7_T__COUNT; i++) {
		uint32_t v = cfg->timer_ms[i];

		if (!v) {
			v = timer_descs[i].def_ms;
		} else if (v < timer_descs[i].min_ms || v > timer_descs[i].max_ms) {
			ret = -EINVAL;
			goto err_free;
		}
		s->timer_ms[i] = v;
	}
	s->circ = calloc(cfg->ncics, sizeof(*s->circ));
	if (!s->circ) {
		ret = -ENOMEM;
		goto err_free;
	}
	for (i = 0; i < cfg->ncics; i++) {
		struct ss7_circuit *c = &s->circ[i];
		unsigned int t;

		c->cic = (uint16_t)(cfg->cic_first + i);
		for (t = 0; t < TM__COUNT; t++)
			c->tm[t] = NO_TIMER;
	}
	s->mtp2_ops.rx_msu = mtp2_rx_msu;
	s->mtp2_ops.event = mtp2_event;
	s->mtp2_ops.tx_wake = mtp2_wake;
	s->t_grs = NO_TIMER;
	s->t_tra = NO_TIMER;
	s->up_next = NO_TIMER;
	for (i = 0; i < cfg->nlinks; i++) {
		struct ss7_link *l = &s->links[i];

		l->s = s;
		l->slc = (uint8_t)i;
		l->t_slt = l->t_co = l->t_cb = NO_TIMER;
		ret = cc_mtp2_alloc(&cfg->mtp2, &s->mtp2_ops, l, &l->mtp2);
		if (ret < 0)
			goto err_links;
	}
	*out_s = s;
	return 0;

err_links:
	while (i--)
		cc_mtp2_free(s->links[i].mtp2);
	free(s->circ);
err_free:
	free(s);
	return ret;
}

void cc_ss7_free(struct cc_ss7 *s)
{
	unsigned int i;

	if (!s)
		return;
	for (i = 0; i < s->cfg.nlinks; i++)
		cc_mtp2_free(s->links[i].mtp2);
	free(s->circ);
	free(s);
}

void cc_ss7_start(struct cc_ss7 *s, uint64_t now_ms)
{
	unsigned int i;

	s->now = now_ms;
	for (i = 0; i < s->cfg.nlinks; i++)
		cc_mtp2_start(s->links[i].mtp2, now_ms);
}

int cc_ss7_link_rx(struct cc_ss7 *s, unsigned int link, uint64_t now_ms, const uint8_t *su,
		   size_t len)
{
	if (link >= s->cfg.nlinks)
		return -EINVAL;
	s->now = now_ms;
	return cc_mtp2_rx(s->links[link].mtp2, now_ms, su, len);
}

void cc_ss7_link_rx_error(struct cc_ss7 *s, unsigned int link, uint64_t now_ms)
{
	if (link >= s->cfg.nlinks)
		return;
	s->now = now_ms;
	cc_mtp2_rx_error(s->links[link].mtp2, now_ms);
}

bool cc_ss7_link_tx_pending(const struct cc_ss7 *s, unsigned int link)
{
	return link < s->cfg.nlinks && cc_mtp2_tx_pending(s->links[link].mtp2);
}

int cc_ss7_link_tx_next(struct cc_ss7 *s, unsigned int link, uint64_t now_ms, uint8_t *buf,
			size_t cap)
{
	if (link >= s->cfg.nlinks)
		return -EINVAL;
	s->now = now_ms;
	return cc_mtp2_tx_next(s->links[link].mtp2, now_ms, buf, cap);
}

struct cc_mtp2 *cc_ss7_link_mtp2(struct cc_ss7 *s, unsigned int link)
{
	return link < s->cfg.nlinks ? s->links[link].mtp2 : NULL;
}

void cc_ss7_link_alarm_set(struct cc_ss7 *s, unsigned int link, bool alarm, uint64_t now_ms)
{
	struct ss7_link *l;

	if (link >= s->cfg.nlinks)
		return;
	l = &s->links[link];
	s->now = now_ms;
	if (l->line_alarm == alarm)
		return;
	l->line_alarm = alarm;
	CC_LOG(CC_LOGSS_MTP2, CC_LOGL_NOTICE, "link %u: line %s", link,
	       alarm ? "alarm" : "alarm cleared");
	if (alarm)
		cc_mtp2_line_fail(l->mtp2, now_ms); /* no realignment: see mtp2_event() */
	else
		cc_mtp2_start(l->mtp2, now_ms);
}

bool cc_ss7_link_in_alarm(const struct cc_ss7 *s, unsigned int link)
{
	return link < s->cfg.nlinks && s->links[link].line_alarm;
}

void cc_ss7_link_trace_set(struct cc_ss7 *s, unsigned int link, struct cc_ss7_pcap *p)
{
	if (link >= s->cfg.nlinks)
		return;
	s->links[link].pcap = p;
	s->links[link].trace_len[0] = s->links[link].trace_len[1] = 0;
}

void cc_ss7_cid_attach(struct cc_ss7 *s, struct cc_ss7_cid *c, uint16_t span)
{
	s->cid = c;
	s->cid_span = span;
}

bool cc_ss7_link_is_available(const struct cc_ss7 *s, unsigned int link)
{
	return link < s->cfg.nlinks && s->links[link].available;
}

bool cc_ss7_is_up(const struct cc_ss7 *s)
{
	return s->up;
}

const struct cc_ss7_stats *cc_ss7_stats_get(const struct cc_ss7 *s)
{
	return &s->stats;
}

void cc_ss7_tick(struct cc_ss7 *s, uint64_t now_ms)
{
	unsigned int i;

	s->now = now_ms;
	for (i = 0; i < s->cfg.nlinks; i++) {
		struct ss7_link *l = &s->links[i];

		cc_mtp2_tick(l->mtp2, now_ms);
		if (l->t_slt != NO_TIMER && now_ms >= l->t_slt) {
			if (l->sltm_pending) {
				/* Q.707 §2.2: second attempt, then the link is restarted */
				if (++l->slt_tries >= 2) {
					s->stats.slt_fail++;
					l->slt_tries = 0;
					l->t_slt = NO_TIMER;
					l->sltm_pending = false;
					cc_mtp2_stop(l->mtp2, now_ms); /* restarts via the event */
					continue;
				}
			}
			start_sltm(s, l);
		}
		if (l->t_co != NO_TIMER && now_ms >= l->t_co) {
			/* time-controlled changeover: send what we have */
			l->coo_pending = false;
			l->t_co = NO_TIMER;
			(void)cc_mtp2_retrieve(l->mtp2, 0xff, resend_msu, s);
		}
		if (l->t_cb != NO_TIMER && now_ms >= l->t_cb) {
			l->cbd_pending = false; /* time-controlled changeback */
			l->t_cb = NO_TIMER;
		}
	}
	if (s->t_tra != NO_TIMER && now_ms >= s->t_tra)
		linkset_check(s); /* no TRA from the adjacent SP: resume anyway */
	ss7_up_tick(s);
}

uint64_t cc_ss7_next_timeout_ms(const struct cc_ss7 *s)
{
	uint64_t t = ss7_up_next_timeout(s);
	unsigned int i;

	if (s->t_tra < t)
		t = s->t_tra;
	for (i = 0; i < s->cfg.nlinks; i++) {
		const struct ss7_link *l = &s->links[i];
		uint64_t m = cc_mtp2_next_timeout_ms(l->mtp2);

		if (m < t)
			t = m;
		if (l->t_slt < t)
			t = l->t_slt;
		if (l->t_co < t)
			t = l->t_co;
		if (l->t_cb < t)
			t = l->t_cb;
	}
	return t;
}
