// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Signalling-neutral call events (include/callcenter/call.h): the names of
 * every enum, shared by the SS7 and R2 adapters and by CTI.
 */
#include <callcenter/call.h>

static const char *const ev_names[CC_CALL_EV__COUNT] = {
	[CC_CALL_EV_INCOMING] = "incoming",
	[CC_CALL_EV_CLI] = "cli",
	[CC_CALL_EV_PROCEEDING] = "proceeding",
	[CC_CALL_EV_ALERTING] = "alerting",
	[CC_CALL_EV_ANSWERED] = "answered",
	[CC_CALL_EV_RELEASED] = "released",
	[CC_CALL_EV_IDLE] = "idle",
	[CC_CALL_EV_BLOCKED] = "blocked",
	[CC_CALL_EV_UNBLOCKED] = "unblocked",
	[CC_CALL_EV_TRUNK_DOWN] = "trunk-down",
	[CC_CALL_EV_TRUNK_UP] = "trunk-up",
};

static const char *const sig_names[CC_CALL_SIG__COUNT] = {
	[CC_CALL_SIG_SS7_ISUP] = "ss7-isup",
	[CC_CALL_SIG_SS7_TUP] = "ss7-tup",
	[CC_CALL_SIG_R2] = "r2",
};

static const char *const dir_names[CC_CALL_DIR__COUNT] = {
	[CC_CALL_DIR_NONE] = "none",
	[CC_CALL_DIR_IN] = "in",
	[CC_CALL_DIR_OUT] = "out",
};

static const char *const pres_names[CC_CALL_PRES__COUNT] = {
	[CC_CALL_PRES_ALLOWED] = "allowed",
	[CC_CALL_PRES_RESTRICTED] = "restricted",
	[CC_CALL_PRES_UNAVAILABLE] = "unavailable",
};

const char *cc_call_ev_name(enum cc_call_ev_type t)
{
	return (unsigned int)t < CC_CALL_EV__COUNT ? ev_names[t] : "?";
}

const char *cc_call_sig_name(enum cc_call_sig sg)
{
	return (unsigned int)sg < CC_CALL_SIG__COUNT ? sig_names[sg] : "?";
}

const char *cc_call_dir_name(enum cc_call_dir d)
{
	return (unsigned int)d < CC_CALL_DIR__COUNT ? dir_names[d] : "?";
}

const char *cc_call_pres_name(enum cc_call_pres p)
{
	return (unsigned int)p < CC_CALL_PRES__COUNT ? pres_names[p] : "?";
}
