/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/call.h - signalling-neutral call events.
 *
 * The SS7 stack (<callcenter/ss7.h>, ISUP or China TUP) and R2 channel groups
 * (<callcenter/r2_dahdi.h>) each report calls with their own event type.  A
 * CTI layer that registers a cc_call_ev_fn on either (cc_ss7_set_call_ev_fn(),
 * cc_r2_group_set_call_ev_fn()) gets the same events in the same order for
 * the same call, whichever signalling the trunk uses:
 *
 *   terminating: INCOMING -> RELEASED (cause) -> IDLE
 *                (our own accept and answer are not echoed as events)
 *   originating: PROCEEDING -> ALERTING -> ANSWERED -> RELEASED (cause) -> IDLE
 *
 * Rules both adapters follow (doc/r2.md, doc/ss7.md):
 *  - every call that was reported (INCOMING, or placed by us) gets exactly one
 *    RELEASED, whoever ends it (@local tells), then IDLE;
 *  - causes are ITU-T Q.850 values (a lost dual/double seizure is RELEASED
 *    with cause 44, "requested circuit/channel not available");
 *  - numbers are plain digit strings (an ISUP end-of-pulsing 'F' is removed);
 *  - @category is the calling party's category in the native code of @sig
 *    (ISUP/TUP CPC, R2 China KA or ITU group II): the R2 China KA values are
 *    UNVERIFIED, so no neutral mapping is made here;
 *  - TRUNK_DOWN/TRUNK_UP: SS7 reports them once per linkset (MTP pause and
 *    resume, @cic 0), R2 per channel (E1 alarm of that channel).
 *
 * The native events are still delivered; the neutral callback is called
 * after the native one for the same event.
 */
#ifndef CALLCENTER_CALL_H
#define CALLCENTER_CALL_H

#include <callcenter/core.h>

#define CC_CALL_NUM_MAX 32u /* digits of a calling or called number */

enum cc_call_ev_type {
	CC_CALL_EV_INCOMING,   /* a call arrived: numbers, category, presentation */
	CC_CALL_EV_CLI,	       /* SS7 TUP: the calling number arrived after INCOMING */
	CC_CALL_EV_PROCEEDING, /* outgoing: the far end has the complete address */
	CC_CALL_EV_ALERTING,   /* outgoing: the called party is free and being rung */
	CC_CALL_EV_ANSWERED,   /* outgoing: the called party answered */
	CC_CALL_EV_RELEASED,   /* the call is over: Q.850 cause, local or not */
	CC_CALL_EV_IDLE,       /* the circuit/channel is free again after a call */
	CC_CALL_EV_BLOCKED,    /* the far end blocked the circuit/channel */
	CC_CALL_EV_UNBLOCKED,  /* the far end unblocked it */
	CC_CALL_EV_TRUNK_DOWN, /* signalling lost: SS7 linkset down, R2 channel in E1 alarm */
	CC_CALL_EV_TRUNK_UP,   /* signalling back */
	CC_CALL_EV__COUNT
};

enum cc_call_sig { CC_CALL_SIG_SS7_ISUP, CC_CALL_SIG_SS7_TUP, CC_CALL_SIG_R2, CC_CALL_SIG__COUNT };

enum cc_call_dir {
	CC_CALL_DIR_NONE, /* not about a call (BLOCKED, TRUNK_*...) */
	CC_CALL_DIR_IN,	  /* the far end called us */
	CC_CALL_DIR_OUT,  /* we called */
	CC_CALL_DIR__COUNT
};

/* Presentation of the calling number (as in the caller-ID record) */
enum cc_call_pres {
	CC_CALL_PRES_ALLOWED,
	CC_CALL_PRES_RESTRICTED,
	CC_CALL_PRES_UNAVAILABLE, /* not sent by the far end */
	CC_CALL_PRES__COUNT
};

/* Q.850 cause values used by the adapters */
#define CC_CALL_CAUSE_NORMAL	   16u
#define CC_CALL_CAUSE_NO_CIRCUIT   44u /* dual/double seizure lost */
#define CC_CALL_CAUSE_TEMP_FAILURE 41u

struct cc_call_ev {
	enum cc_call_ev_type type;
	enum cc_call_sig sig;
	enum cc_call_dir dir;
	uint16_t cic;		/* SS7: CIC (0 for TRUNK_*); R2: channel index in the group */
	uint16_t span, chan;	/* DAHDI span and timeslot; 0: unknown */
	uint8_t cause;		/* RELEASED: Q.850 cause value */
	bool local;		/* RELEASED: our side ended the call */
	uint8_t category;	/* INCOMING/CLI: calling party's category, native code of @sig */
	enum cc_call_pres pres; /* INCOMING/CLI: of @calling */
	char calling[CC_CALL_NUM_MAX + 1]; /* INCOMING/CLI; "" otherwise */
	char called[CC_CALL_NUM_MAX + 1];  /* INCOMING/CLI; "" otherwise */
};

typedef void (*cc_call_ev_fn)(void *priv, const struct cc_call_ev *ev);

CC_API const char *cc_call_ev_name(enum cc_call_ev_type t);
CC_API const char *cc_call_sig_name(enum cc_call_sig s);
CC_API const char *cc_call_dir_name(enum cc_call_dir d);
CC_API const char *cc_call_pres_name(enum cc_call_pres p);

#endif /* CALLCENTER_CALL_H */
