// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Signalling-neutral call events (<callcenter/call.h>): the SS7 adapter that
 * turns struct cc_ss7_event into struct cc_call_ev (the names are in
 * lib/call/cc_call.c).
 *
 * The R2 adapter is in lib/r2/cc_r2_group.c; both follow the rules in
 * call.h.  Per circuit we remember whether a call was reported (ev_dir) and
 * whether its RELEASED went out, so that a call always ends with exactly one
 * RELEASED then IDLE: a local release (cc_ss7_release(), a timer) reports
 * RELEASED at once with local = true, since SS7 itself only reports releases
 * by the far end; a lost dual seizure is RELEASED (cause 44) + IDLE, as R2's
 * double seizure.
 */
#include <string.h>

#include <callcenter/proto/q763_isup.h>

#include "cc_ss7_int.h"

void cc_ss7_set_call_ev_fn(struct cc_ss7 *s, cc_call_ev_fn fn, void *priv)
{
	s->call_fn = fn;
	s->call_priv = priv;
}

static void base(const struct cc_ss7 *s, const struct ss7_circuit *c, enum cc_call_ev_type t,
		 struct cc_call_ev *out)
{
	memset(out, 0, sizeof(*out));
	out->type = t;
	out->sig = s->cfg.user_part == CC_SS7_TUP ? CC_CALL_SIG_SS7_TUP : CC_CALL_SIG_SS7_ISUP;
	if (c) {
		out->dir = (enum cc_call_dir)c->ev_dir;
		out->cic = c->cic;
		out->span = s->cid_span;
		out->chan = (uint16_t)(c->cic &
				       0x1f); /* timeslot on a 2048 kbit/s system, Q.763 §1.2 */
	}
}

/* digits only: an ISUP end-of-pulsing 'F' (ST) is not part of the number */
static void copy_digits(char *dst, const struct cc_ss7_number *n)
{
	size_t i, j = 0;

	if (n->present)
		for (i = 0; n->digits[i] && j < CC_CALL_NUM_MAX; i++)
			if (n->digits[i] != 'F' && n->digits[i] != 'f')
				dst[j++] = n->digits[i];
	dst[j] = '\0';
}

static void numbers(const struct cc_ss7_event *ev, struct cc_call_ev *out)
{
	copy_digits(out->calling, &ev->calling);
	copy_digits(out->called, &ev->called);
	out->category = ev->category;
	if (ev->calling.present && ev->calling.pres == CC_ISUP_PRES_RESTRICTED)
		out->pres = CC_CALL_PRES_RESTRICTED;
	else if (!ev->calling.present || ev->calling.pres == CC_ISUP_PRES_NOT_AVAILABLE ||
		 !out->calling[0])
		out->pres = CC_CALL_PRES_UNAVAILABLE;
	else
		out->pres = CC_CALL_PRES_ALLOWED;
}

static size_t released(const struct cc_ss7 *s, struct ss7_circuit *c, uint8_t cause, bool local,
		       struct cc_call_ev *out)
{
	base(s, c, CC_CALL_EV_RELEASED, out);
	out->cause = cause;
	out->local = local;
	c->ev_released = true;
	return 1;
}

static size_t idle(const struct cc_ss7 *s, struct ss7_circuit *c, struct cc_call_ev *out)
{
	size_t n = 0;

	if (!c->ev_released)
		n = released(s, c, c->cause ? c->cause : CC_CALL_CAUSE_NORMAL, true, out);
	base(s, c, CC_CALL_EV_IDLE, &out[n++]);
	c->ev_dir = CC_CALL_DIR_NONE;
	c->ev_released = false;
	return n;
}

size_t ss7_callev_conv(struct cc_ss7 *s, struct ss7_circuit *c, const struct cc_ss7_event *ev,
		       struct cc_call_ev *out)
{
	size_t n;

	switch (ev->type) {
	case CC_SS7_EV_LINKSET_UP:
		base(s, NULL, CC_CALL_EV_TRUNK_UP, out);
		return 1;
	case CC_SS7_EV_LINKSET_DOWN:
		base(s, NULL, CC_CALL_EV_TRUNK_DOWN, out);
		return 1;
	default:
		break;
	}
	if (!c)
		return 0; /* link events, group reset done */
	switch (ev->type) {
	case CC_SS7_EV_INCOMING:
		c->ev_dir = CC_CALL_DIR_IN;
		c->ev_released = false;
		base(s, c, CC_CALL_EV_INCOMING, out);
		numbers(ev, out);
		return 1;
	case CC_SS7_EV_CLI:
		if (c->ev_dir == CC_CALL_DIR_NONE)
			return 0;
		base(s, c, CC_CALL_EV_CLI, out);
		numbers(ev, out);
		return 1;
	case CC_SS7_EV_PROCEEDING:
	case CC_SS7_EV_ALERTING:
	case CC_SS7_EV_ANSWERED:
		if (c->ev_dir == CC_CALL_DIR_NONE || c->ev_released)
			return 0;
		base(s, c,
		     ev->type == CC_SS7_EV_PROCEEDING ? CC_CALL_EV_PROCEEDING
		     : ev->type == CC_SS7_EV_ALERTING ? CC_CALL_EV_ALERTING
						      : CC_CALL_EV_ANSWERED,
		     out);
		return 1;
	case CC_SS7_EV_RELEASED:
		if (c->ev_dir == CC_CALL_DIR_NONE || c->ev_released)
			return 0; /* never reported (TUP waiting for GSM), or already */
		return released(s, c, ev->cause, false, out);
	case CC_SS7_EV_DUAL_SEIZURE:
		/* our outgoing call lost; the circuit now carries the far end's call */
		if (c->ev_dir == CC_CALL_DIR_NONE)
			return 0;
		n = c->ev_released ? 0 : released(s, c, CC_CALL_CAUSE_NO_CIRCUIT, false, out);
		return n + idle(s, c, &out[n]);
	case CC_SS7_EV_IDLE:
		if (c->ev_dir == CC_CALL_DIR_NONE)
			return 0;
		return idle(s, c, out);
	case CC_SS7_EV_BLOCKED:
		base(s, c, CC_CALL_EV_BLOCKED, out);
		out->dir = CC_CALL_DIR_NONE;
		return 1;
	case CC_SS7_EV_UNBLOCKED:
		base(s, c, CC_CALL_EV_UNBLOCKED, out);
		out->dir = CC_CALL_DIR_NONE;
		return 1;
	default:
		/* RESET: its call (if any) was RELEASED and IDLE already; SUSPENDED/RESUMED:
		 * the call goes on, and R2 has no such event (a T6 release is RELEASED) */
		return 0;
	}
}

void ss7_callev_deliver(struct cc_ss7 *s, const struct cc_call_ev *ev, size_t n)
{
	for (size_t i = 0; i < n && s->call_fn; i++)
		s->call_fn(s->call_priv, &ev[i]);
}

void ss7_callev_placed(struct ss7_circuit *c)
{
	c->ev_dir = CC_CALL_DIR_OUT;
	c->ev_released = false;
}

void ss7_callev_local_release(struct cc_ss7 *s, struct ss7_circuit *c, uint8_t cause)
{
	struct cc_call_ev ev;

	if (c->ev_dir == CC_CALL_DIR_NONE || c->ev_released)
		return;
	released(s, c, cause, true, &ev);
	ss7_callev_deliver(s, &ev, 1);
}
