// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libss7_peer - the "telephone exchange side" of an SS7 (ITU ISUP) trunk,
 * played by the stock libss7 2.0 over a DAHDI signalling channel.
 *
 * It opens one DAHDI channel configured as `dchan=` (HDLC with FCS, libss7's
 * DAHDIDCHAN transport: libss7 streams FISUs itself, DAHDI paces them at
 * 64 kbit/s) or `mtp2=` (DAHDIMTP2 transport: DAHDI repeats the last SU and
 * drops repeated ones), brings the link up, resets the circuit group (GRS/GRA)
 * and then originates or terminates calls:
 *
 *   originate: IAM(called, calling, category) -> expect ACM, ANM -> REL -> RLC
 *              (or, with --hangup remote, wait for the peer's REL and send RLC)
 *   terminate: IAM -> ACM, ANM -> wait for REL and send RLC
 *              (or, with --hangup local, send REL and wait for RLC)
 *
 * One line per finished call on stdout:
 *   call n=<i> cic=<cic> calling=<num> called=<num> category=<cpc> result=<ok|...>
 * and a final "summary ..." line.  Exit 0 only if every requested call
 * completed with result=ok, 1 otherwise, 2 on usage/setup errors.
 *
 * libss7 call lifetime (isup.c): the library allocates a struct isup_call for
 * every CIC it hears about (isup_find_call) and never frees it on its own in
 * normal operation; the application frees it with isup_free_call_if_clear()
 * once no message flag and no ISUP timer is pending (after RLC was received or
 * sent, after GRA, ...).  When the library itself frees a call (send failure,
 * event queue full, link down) it first calls the call_null callback, so the
 * application can drop its pointer.  The hangup, call_null and notinservice
 * callbacks are called through unchecked function pointers: they must be set.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <dahdi/user.h>
#include <libss7.h>

#include "cc_callrun.h"

#define MAX_CICS	  32 /* one GRS covers at most 32 circuits (Q.763 range 0..31) */
#define NUM_LEN		  64
#define DEFAULT_BUFS	  32 /* DAHDI's MTP2 repeat logic needs a power of two */
#define DEFAULT_BUFSIZE	  512
#define ISUP_CAUSE_NORMAL 16 /* Q.850 normal call clearing */

enum cst {
	CST_IDLE = 0,
	CST_IAM_SENT,	/* originate: waiting for ACM */
	CST_ACM,	/* originate: got ACM, waiting for ANM */
	CST_ANSWERED,	/* both: answered, holding until hangup */
	CST_REL_SENT,	/* both: waiting for RLC */
	CST_RESET_SENT, /* both: call failed, RSC sent, waiting for RLC */
};

static const char *const cst_names[] = {
	[CST_IDLE] = "idle",	     [CST_IAM_SENT] = "iam-sent", [CST_ACM] = "acm",
	[CST_ANSWERED] = "answered", [CST_REL_SENT] = "rel-sent", [CST_RESET_SENT] = "rsc-sent",
};

struct slot {
	enum cst st;
	struct isup_call *call;
	struct cc_callrun_call c;
	char calling[NUM_LEN];
	char called[NUM_LEN];
	int category;
	bool st_digit; /* received called number ended with ST ('#') */
	bool got_acm;
};

struct opts {
	int chan;
	int transport; /* -1 = from the channel's sigtype */
	unsigned int opc, dpc;
	int cic_first, cic_count;
	int parallel;
	const char *calling, *called;
	int category;
	const char *expect_calling, *expect_called;
	int expect_category;
	bool send_grs, await_grs;
	int numbufs, bufsize;
	bool debug;
};

static struct opts o = {
	.chan = -1,
	.transport = -1,
	.opc = 1,
	.dpc = 2,
	.cic_first = 1,
	.cic_count = 30,
	.parallel = 1,
	.calling = "13800138000",
	.called = "12345",
	.category = 10, /* Q.763 3.11: ordinary calling subscriber */
	.expect_category = -1,
	.numbufs = DEFAULT_BUFS,
	.bufsize = DEFAULT_BUFSIZE,
};

static const struct cc_callrun_cfg run_cfg = {
	.prog = "libss7_peer",
	.num_base = 0,
	.calls_max = 1000000,
	.ms_max = 3600000,
	.timeout_s_max = 86400,
	.call_timeout_ms = 10000,
};
static struct cc_callrun run;
static struct slot slots[MAX_CICS];
static struct ss7 *ss7;
static bool link_up, grs_done, grs_received;
static int grs_sent_count, gra_count, grs_rx_count;
static int ev_badfcs, ev_abort, ev_overrun, ev_alarm, ev_other;
static uint64_t t_up_ms; /* 0: the link never came up */

static void lib_message(struct ss7 *s, char *msg)
{
	(void)s;
	if (o.debug)
		fprintf(stderr, "libss7: %s", msg);
}

static void lib_error(struct ss7 *s, char *msg)
{
	(void)s;
	fprintf(stderr, "libss7 error: %s", msg);
}

static struct slot *slot_of(int cic)
{
	if (cic < o.cic_first || cic >= o.cic_first + o.cic_count)
		return NULL;
	return &slots[cic - o.cic_first];
}

/* libss7 is about to free @c: forget it. */
static void lib_call_null(struct ss7 *s, struct isup_call *c, int lock)
{
	(void)s;
	(void)lock;
	for (int i = 0; i < o.cic_count; i++) {
		if (slots[i].call == c) {
			cc_callrun_log(&run, 1, "cic %d: libss7 freed the call in state %s\n",
				       o.cic_first + i, cst_names[slots[i].st]);
			slots[i].call = NULL;
			if (slots[i].st != CST_IDLE)
				cc_callrun_call_fail(&slots[i].c, "freed-by-libss7");
		}
	}
}

/* libss7 asks the application what to do with a circuit (unexpected message,
 * dual seizure, timer expiry). */
static int lib_hangup(struct ss7 *s, int cic, unsigned int dpc, int cause, int do_hangup)
{
	struct slot *sl = slot_of(cic);

	(void)s;
	cc_callrun_log(&run, 1, "cic %d: libss7 hangup request (dpc %u cause %d action %d)\n", cic,
		       dpc, cause, do_hangup);
	if (!sl)
		return SS7_CIC_NOT_EXISTS;
	if (sl->st == CST_IDLE)
		return SS7_CIC_IDLE;
	cc_callrun_call_fail(&sl->c, "protocol-error");
	return SS7_CIC_USED;
}

static void lib_notinservice(struct ss7 *s, int cic, unsigned int dpc)
{
	(void)s;
	fprintf(stderr, "libss7: cic %d dpc %u not in service\n", cic, dpc);
}

static void free_call(struct slot *sl)
{
	if (sl->call && !isup_free_call_if_clear(ss7, sl->call))
		sl->call = NULL;
	if (sl->call) {
		/* Flags or timers left: nothing of this call may survive into the
		 * next one on the same CIC, so drop it explicitly. */
		cc_callrun_log(&run, 1, "cic: call not clear after release, freeing it\n");
		isup_free_call(ss7, sl->call);
		sl->call = NULL;
	}
}

static void finish(struct slot *sl, int cic, const char *result)
{
	cc_callrun_call_end(&run, &sl->c, cc_callrun_now_ms(), result,
			    "cic=%d calling=%s called=%s category=%d st=%d", cic,
			    cc_callrun_or_dash(sl->calling), cc_callrun_or_dash(sl->called),
			    sl->category, sl->st_digit);
	free_call(sl);
	memset(sl, 0, sizeof(*sl));
}

static void reset_circuit(struct slot *sl, int cic, const char *why)
{
	cc_callrun_call_fail(&sl->c, why);
	cc_callrun_log(&run, 1, "cic %d: %s in state %s, sending RSC\n", cic, why,
		       cst_names[sl->st]);
	if (!sl->call)
		sl->call = isup_new_call(ss7, cic, o.dpc, 0);
	if (!sl->call || isup_rsc(ss7, sl->call) < 0) {
		sl->call = NULL;
		finish(sl, cic, why);
		return;
	}
	sl->st = CST_RESET_SENT;
	if (!sl->c.t_start_ms)
		sl->c.t_start_ms = cc_callrun_now_ms();
}

static void send_rel(struct slot *sl, int cic)
{
	if (!sl->call || isup_rel(ss7, sl->call, ISUP_CAUSE_NORMAL) < 0) {
		sl->call = NULL;
		finish(sl, cic, "rel-send-failed");
		return;
	}
	cc_callrun_log(&run, 2, "cic %d: REL sent\n", cic);
	sl->st = CST_REL_SENT;
}

static void start_call(int cic)
{
	struct slot *sl = slot_of(cic);
	struct isup_call *c;

	memset(sl, 0, sizeof(*sl));
	cc_callrun_call_start(&run, &sl->c, cc_callrun_now_ms());
	cc_callrun_expand(sl->calling, sizeof(sl->calling), o.calling, sl->c.n);
	cc_callrun_expand(sl->called, sizeof(sl->called), o.called, sl->c.n);
	sl->category = o.category;
	c = isup_new_call(ss7, cic, o.dpc, 1);
	if (!c) {
		finish(sl, cic, "no-memory");
		return;
	}
	isup_set_called(c, sl->called, SS7_NAI_NATIONAL, ss7);
	isup_set_calling(c, sl->calling, SS7_NAI_NATIONAL, SS7_PRESENTATION_ALLOWED,
			 SS7_SCREENING_NETWORK_PROVIDED);
	isup_set_calling_party_category(c, (unsigned int)sl->category);
	sl->call = c;
	if (isup_iam(ss7, c) < 0) {
		sl->call = NULL; /* freed by libss7 */
		finish(sl, cic, "iam-send-failed");
		return;
	}
	sl->st = CST_IAM_SENT;
	cc_callrun_log(&run, 2, "cic %d: IAM #%d sent (%s -> %s)\n", cic, sl->c.n, sl->calling,
		       sl->called);
}

static int busy_slots(void)
{
	int n = 0;

	for (int i = 0; i < o.cic_count; i++)
		n += slots[i].st != CST_IDLE;
	return n;
}

static int next_cic = -1;

static void originate_more(void)
{
	if (run.mode != CC_CALLRUN_ORIGINATE || !link_up || !grs_done ||
	    (o.await_grs && !grs_received))
		return;
	while (run.started < run.calls && busy_slots() < o.parallel) {
		int tries;

		for (tries = 0; tries < o.cic_count; tries++) {
			next_cic = (next_cic + 1) % o.cic_count;
			if (slots[next_cic].st == CST_IDLE)
				break;
		}
		if (tries == o.cic_count)
			return;
		start_call(o.cic_first + next_cic);
	}
}

static void send_grs(void)
{
	struct isup_call *c = isup_new_call(ss7, o.cic_first, o.dpc, 0);

	if (!c || isup_grs(ss7, c, o.cic_first + o.cic_count - 1) < 0) {
		fprintf(stderr, "libss7_peer: cannot send GRS\n");
		return;
	}
	grs_sent_count++;
	cc_callrun_log(&run, 1, "GRS sent for CIC %d..%d\n", o.cic_first,
		       o.cic_first + o.cic_count - 1);
}

static void on_iam(ss7_event_iam *e)
{
	struct slot *sl = slot_of(e->cic);
	const char *bad = NULL;
	size_t l;

	cc_callrun_log(&run, 2, "cic %d: IAM calling=%s called=%s cpc=%d\n", e->cic,
		       e->calling_party_num, e->called_party_num, e->calling_party_cat);
	if (run.mode != CC_CALLRUN_TERMINATE || !sl || sl->st != CST_IDLE) {
		run.unexpected++;
		fprintf(stderr, "libss7_peer: unexpected IAM on cic %d, releasing it\n", e->cic);
		isup_rel(ss7, e->call, 41); /* Q.850 temporary failure */
		return;
	}
	memset(sl, 0, sizeof(*sl));
	cc_callrun_call_start(&run, &sl->c, cc_callrun_now_ms());
	sl->call = e->call;
	snprintf(sl->calling, sizeof(sl->calling), "%s", e->calling_party_num);
	snprintf(sl->called, sizeof(sl->called), "%s", e->called_party_num);
	l = strlen(sl->called);
	if (l && sl->called[l - 1] == '#') { /* ST digit (Q.763 3.9: code 1111) */
		sl->called[l - 1] = '\0';
		sl->st_digit = true;
	}
	sl->category = e->calling_party_cat;
	if (o.expect_calling && !cc_callrun_matches(o.expect_calling, sl->calling))
		bad = "calling-mismatch";
	else if (o.expect_called && !cc_callrun_matches(o.expect_called, sl->called))
		bad = "called-mismatch";
	else if (o.expect_category >= 0 && sl->category != o.expect_category)
		bad = "category-mismatch";
	sl->c.fail = bad;
	if (isup_acm(ss7, sl->call) < 0 || isup_anm(ss7, sl->call) < 0) {
		sl->call = NULL;
		sl->c.fail = "acm-anm-send-failed";
		finish(sl, e->cic, "acm-anm-send-failed");
		return;
	}
	sl->st = CST_ANSWERED;
	cc_callrun_call_answered(&run, &sl->c, cc_callrun_now_ms());
}

static void handle_event(ss7_event *e)
{
	struct slot *sl;
	unsigned char state[MAX_CICS] = { 0 };

	cc_callrun_log(&run, 3, "event %s\n", ss7_event2str(e->e));
	switch (e->e) {
	case SS7_EVENT_UP:
		if (!link_up) {
			link_up = true;
			t_up_ms = cc_callrun_now_ms();
			printf("link up after %llu ms\n",
			       (unsigned long long)(t_up_ms - run.t0_ms));
			if (o.send_grs)
				send_grs();
			else
				grs_done = true;
		}
		break;
	case SS7_EVENT_DOWN:
		if (link_up)
			printf("link down\n");
		link_up = false;
		/* libss7 freed every call (isup_free_all_calls -> call_null) */
		for (int i = 0; i < o.cic_count; i++) {
			if (slots[i].st != CST_IDLE)
				finish(&slots[i], o.cic_first + i, "link-down");
		}
		break;
	case MTP2_LINK_UP:
		cc_callrun_log(&run, 1, "MTP2 link up\n");
		break;
	case MTP2_LINK_DOWN:
		cc_callrun_log(&run, 1, "MTP2 link down\n");
		break;
	case ISUP_EVENT_GRS:
		grs_rx_count++;
		cc_callrun_log(&run, 1, "GRS received for CIC %d..%d, acknowledging\n",
			       e->grs.startcic, e->grs.endcic);
		for (int cic = e->grs.startcic; cic <= e->grs.endcic; cic++) {
			sl = slot_of(cic);
			if (sl && sl->st != CST_IDLE) {
				sl->call = sl->call == e->grs.call ? NULL : sl->call;
				finish(sl, cic, "reset-by-peer");
			}
		}
		if (isup_gra(ss7, e->grs.call, e->grs.endcic, state) >= 0)
			isup_free_call_if_clear(ss7, e->grs.call);
		grs_received = true;
		break;
	case ISUP_EVENT_GRA:
		gra_count++;
		cc_callrun_log(&run, 1, "GRA received for CIC %d..%d\n", e->gra.startcic,
			       e->gra.endcic);
		isup_free_call_if_clear(ss7, e->gra.call);
		grs_done = true;
		break;
	case ISUP_EVENT_RSC:
		sl = slot_of(e->rsc.cic);
		if (sl && sl->st != CST_IDLE) {
			sl->call = sl->call == e->rsc.call ? NULL : sl->call;
			finish(sl, e->rsc.cic, "reset-by-peer");
		}
		if (isup_rlc(ss7, e->rsc.call) >= 0)
			isup_free_call_if_clear(ss7, e->rsc.call);
		break;
	case ISUP_EVENT_IAM:
		on_iam(&e->iam);
		break;
	case ISUP_EVENT_ACM:
		sl = slot_of(e->acm.cic);
		if (!sl || sl->st != CST_IAM_SENT) {
			run.unexpected++;
			break;
		}
		sl->got_acm = true;
		sl->st = CST_ACM;
		break;
	case ISUP_EVENT_CPG:
		break;
	case ISUP_EVENT_CON:
	case ISUP_EVENT_ANM:
		sl = slot_of(e->e == ISUP_EVENT_CON ? e->con.cic : e->anm.cic);
		if (!sl || (sl->st != CST_ACM && sl->st != CST_IAM_SENT)) {
			run.unexpected++;
			break;
		}
		if (e->e == ISUP_EVENT_ANM && !sl->got_acm)
			cc_callrun_call_fail(&sl->c, "anm-before-acm");
		sl->st = CST_ANSWERED;
		cc_callrun_call_answered(&run, &sl->c, cc_callrun_now_ms());
		break;
	case ISUP_EVENT_REL:
		sl = slot_of(e->rel.cic);
		if (!sl || sl->st == CST_IDLE || sl->call != e->rel.call) {
			/* REL for a circuit we have nothing on: just complete it */
			run.unexpected++;
			if (isup_rlc(ss7, e->rel.call) >= 0)
				isup_free_call_if_clear(ss7, e->rel.call);
			break;
		}
		if (sl->st == CST_REL_SENT) {
			/* both sides released at once (Q.764 2.3.1 d): answer with RLC,
			 * our own REL is completed by the peer's RLC */
			isup_rlc(ss7, sl->call);
			break;
		}
		if (sl->st != CST_ANSWERED)
			cc_callrun_call_fail(&sl->c, "released-before-answer");
		else if (cc_callrun_is_local_hangup(&run))
			cc_callrun_call_fail(&sl->c, "released-by-peer");
		if (isup_rlc(ss7, sl->call) < 0)
			sl->call = NULL;
		cc_callrun_log(&run, 2, "cic %d: REL cause %d, RLC sent\n", e->rel.cic,
			       e->rel.cause);
		finish(sl, e->rel.cic, "ok");
		break;
	case ISUP_EVENT_RLC:
		sl = slot_of(e->rlc.cic);
		if (!sl || (sl->st != CST_REL_SENT && sl->st != CST_RESET_SENT)) {
			run.unexpected++;
			isup_free_call_if_clear(ss7, e->rlc.call);
			break;
		}
		finish(sl, e->rlc.cic, "ok");
		break;
	case ISUP_EVENT_BLO:
		isup_bla(ss7, e->blo.call);
		isup_free_call_if_clear(ss7, e->blo.call);
		break;
	case ISUP_EVENT_UBL:
		isup_uba(ss7, e->ubl.call);
		isup_free_call_if_clear(ss7, e->ubl.call);
		break;
	case ISUP_EVENT_CGB:
		isup_cgba(ss7, e->cgb.call, e->cgb.endcic, e->cgb.status);
		isup_free_call_if_clear(ss7, e->cgb.call);
		break;
	case ISUP_EVENT_CGU:
		isup_cgua(ss7, e->cgu.call, e->cgu.endcic, e->cgu.status);
		isup_free_call_if_clear(ss7, e->cgu.call);
		break;
	default:
		cc_callrun_log(&run, 1, "unhandled event %s\n", ss7_event2str(e->e));
		break;
	}
}

static void check_timers(void)
{
	uint64_t now = cc_callrun_now_ms();
	uint64_t limit = (uint64_t)run.call_timeout_ms +
			 (uint64_t)(cc_callrun_is_local_hangup(&run) ? 0 : run.hold_ms);

	for (int i = 0; i < o.cic_count; i++) {
		struct slot *sl = &slots[i];
		int cic = o.cic_first + i;

		if (sl->st == CST_IDLE)
			continue;
		if (sl->st == CST_ANSWERED && cc_callrun_call_is_hangup_due(&run, &sl->c, now)) {
			send_rel(sl, cic);
			continue;
		}
		if (cc_callrun_ms_since(now, sl->c.t_start_ms) > limit) {
			if (sl->st == CST_RESET_SENT) {
				/* RSC unanswered: give the circuit up */
				finish(sl, cic, "timeout");
			} else {
				const char *why = sl->st == CST_IAM_SENT   ? "timeout-no-acm"
						  : sl->st == CST_ACM	   ? "timeout-no-anm"
						  : sl->st == CST_REL_SENT ? "timeout-no-rlc"
									   : "timeout-no-rel";
				reset_circuit(sl, cic, why);
				sl->c.t_start_ms = now; /* a fresh call timeout for the RSC */
			}
		}
	}
}

static void on_dahdi_event(int fd)
{
	int x = 0;

	if (ioctl(fd, DAHDI_GETEVENT, &x) < 0)
		return;
	switch (x) {
	case DAHDI_EVENT_NONE:
		break;
	case DAHDI_EVENT_BADFCS:
		ev_badfcs++;
		cc_callrun_log(&run, 1, "DAHDI: bad FCS\n");
		break;
	case DAHDI_EVENT_ABORT:
		ev_abort++;
		cc_callrun_log(&run, 1, "DAHDI: HDLC abort\n");
		break;
	case DAHDI_EVENT_OVERRUN:
		ev_overrun++;
		cc_callrun_log(&run, 1, "DAHDI: overrun\n");
		break;
	case DAHDI_EVENT_ALARM:
		ev_alarm++;
		cc_callrun_log(&run, 1, "DAHDI: alarm\n");
		ss7_link_alarm(ss7, fd);
		break;
	case DAHDI_EVENT_NOALARM:
		cc_callrun_log(&run, 1, "DAHDI: alarm cleared\n");
		ss7_link_noalarm(ss7, fd);
		break;
	default:
		ev_other++;
		cc_callrun_log(&run, 1, "DAHDI: event %d\n", x);
		break;
	}
}

static int open_chan(int chan, int *sigtype)
{
	struct dahdi_bufferinfo bi;
	struct dahdi_params p;
	int fd = open("/dev/dahdi/channel", O_RDWR | O_NONBLOCK);

	if (fd < 0) {
		fprintf(stderr, "libss7_peer: /dev/dahdi/channel: %s\n", strerror(errno));
		return -1;
	}
	if (ioctl(fd, DAHDI_SPECIFY, &chan) < 0) {
		fprintf(stderr, "libss7_peer: DAHDI_SPECIFY %d: %s\n", chan, strerror(errno));
		goto fail;
	}
	memset(&p, 0, sizeof(p));
	if (ioctl(fd, DAHDI_GET_PARAMS, &p) < 0) {
		fprintf(stderr, "libss7_peer: DAHDI_GET_PARAMS: %s\n", strerror(errno));
		goto fail;
	}
	*sigtype = p.sigtype;
	if ((p.sigtype & DAHDI_SIG_HDLCFCS) != DAHDI_SIG_HDLCFCS) {
		fprintf(stderr,
			"libss7_peer: channel %d has signalling 0x%x, not dchan/mtp2 (HDLC with "
			"FCS)\n",
			chan, p.sigtype);
		goto fail;
	}
	/* libss7 reads/writes one SU (+2 FCS bytes) per read()/write(); the
	 * buffers only have to hold the largest MSU (272 + 6 octets). */
	memset(&bi, 0, sizeof(bi));
	if (ioctl(fd, DAHDI_GET_BUFINFO, &bi) < 0) {
		fprintf(stderr, "libss7_peer: DAHDI_GET_BUFINFO: %s\n", strerror(errno));
		goto fail;
	}
	bi.txbufpolicy = DAHDI_POLICY_IMMEDIATE;
	bi.rxbufpolicy = DAHDI_POLICY_IMMEDIATE;
	bi.numbufs = o.numbufs;
	bi.bufsize = o.bufsize;
	if (ioctl(fd, DAHDI_SET_BUFINFO, &bi) < 0) {
		fprintf(stderr, "libss7_peer: DAHDI_SET_BUFINFO: %s\n", strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: libss7_peer -c CHAN [options]\n"
		"Run libss7 2.0 (ITU ISUP, 14-bit point codes) on DAHDI channel CHAN (configured\n"
		"as dchan= or mtp2=) and originate or terminate calls.\n"
		"\n"
		"  -c, --chan N            DAHDI channel number (required)\n"
		"  -t, --transport T       dchan | mtp2 | auto (default: from the channel's "
		"sigtype)\n"
		"      --opc PC            own point code (default 1)\n"
		"      --dpc PC            adjacent/destination point code (default 2)\n"
		"      --cic FIRST-LAST    circuit range, at most 32 (default 1-30)\n"
		"  -o, --originate N       place N calls (default mode, N=1)\n"
		"  -T, --terminate N       answer N calls, then exit\n"
		"  -p, --parallel K        calls in progress at once when originating (default 1)\n"
		"      --calling NUM       calling number; each X becomes a digit of the call's\n"
		"                          sequence number (default 13800138000)\n"
		"      --called NUM        called number, same X rule (default 12345)\n"
		"      --category N        calling party category (default 10, ordinary "
		"subscriber)\n"
		"      --expect-calling T  terminate: check the calling number (X = any digit)\n"
		"      --expect-called T   terminate: check the called number\n"
		"      --expect-category N terminate: check the calling party category\n"
		"      --hangup local|remote  who sends REL (default: the originating side)\n"
		"      --hold-ms MS        time between answer and REL (default 0)\n"
		"      --grs, --no-grs     send GRS when the link comes up (default: originate "
		"only)\n"
		"      --await-grs         originate: also wait for the peer's GRS before calling\n"
		"      --timeout S         overall timeout in seconds (default 120)\n"
		"      --call-timeout MS   per-call timeout before RSC (default 10000)\n"
		"      --bufs N[xSIZE]     DAHDI buffers (default 32x512)\n"
		"  -v, --verbose           more log on stderr (repeat for more)\n"
		"  -d, --debug             libss7 debug (MTP2/MTP3/ISUP) on stderr\n"
		"  -h, --help              this text\n"
		"\n"
		"Output: 'link up after MS ms', one 'call n= cic= calling= called= category= st= "
		"ms=\n"
		"result=' line per finished call, and a final 'summary' line.  Exit 0 if all N\n"
		"calls ended with result=ok, 1 if not, 2 on setup errors.\n");
}

static void parse_args(int argc, char **argv)
{
	enum {
		O_OPC = 256,
		O_DPC,
		O_CIC,
		O_CALLING,
		O_CALLED,
		O_CATEGORY,
		O_XCALLING,
		O_XCALLED,
		O_XCATEGORY,
		O_GRS,
		O_NOGRS,
		O_AWAITGRS,
		O_BUFS,
	};
	static const struct option lo[] = {
		{ "chan", required_argument, NULL, 'c' },
		{ "transport", required_argument, NULL, 't' },
		{ "opc", required_argument, NULL, O_OPC },
		{ "dpc", required_argument, NULL, O_DPC },
		{ "cic", required_argument, NULL, O_CIC },
		CC_CALLRUN_LONGOPTS,
		{ "parallel", required_argument, NULL, 'p' },
		{ "calling", required_argument, NULL, O_CALLING },
		{ "called", required_argument, NULL, O_CALLED },
		{ "category", required_argument, NULL, O_CATEGORY },
		{ "expect-calling", required_argument, NULL, O_XCALLING },
		{ "expect-called", required_argument, NULL, O_XCALLED },
		{ "expect-category", required_argument, NULL, O_XCATEGORY },
		{ "grs", no_argument, NULL, O_GRS },
		{ "no-grs", no_argument, NULL, O_NOGRS },
		{ "await-grs", no_argument, NULL, O_AWAITGRS },
		{ "bufs", required_argument, NULL, O_BUFS },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, last, grs_opt = -1;
	char *x;

	while ((c = getopt_long(argc, argv, "c:t:o:T:p:vdh", lo, NULL)) != -1) {
		if (cc_callrun_opt(&run, c, optarg))
			continue;
		switch (c) {
		case 'c':
			o.chan = (int)cc_callrun_num(&run, optarg, "channel", 1, 4096);
			break;
		case 't':
			if (!strcmp(optarg, "dchan"))
				o.transport = SS7_TRANSPORT_DAHDIDCHAN;
			else if (!strcmp(optarg, "mtp2"))
				o.transport = SS7_TRANSPORT_DAHDIMTP2;
			else if (!strcmp(optarg, "auto"))
				o.transport = -1;
			else {
				fprintf(stderr,
					"libss7_peer: transport must be dchan, mtp2 or auto\n");
				exit(2);
			}
			break;
		case O_OPC:
			/* 14 bits */
			o.opc = (unsigned int)cc_callrun_num(&run, optarg, "OPC", 0, 16383);
			break;
		case O_DPC:
			o.dpc = (unsigned int)cc_callrun_num(&run, optarg, "DPC", 0, 16383);
			break;
		case O_CIC:
			x = strchr(optarg, '-');
			if (!x) {
				fprintf(stderr, "libss7_peer: --cic wants FIRST-LAST\n");
				exit(2);
			}
			*x = '\0';
			/* ITU: 12 bits */
			o.cic_first = (int)cc_callrun_num(&run, optarg, "first CIC", 0, 4095);
			last = (int)cc_callrun_num(&run, x + 1, "last CIC", o.cic_first,
						   o.cic_first + MAX_CICS - 1);
			if (last > 4095) {
				fprintf(stderr, "libss7_peer: CIC above 4095\n");
				exit(2);
			}
			o.cic_count = last - o.cic_first + 1;
			break;
		case 'p':
			o.parallel = (int)cc_callrun_num(&run, optarg, "parallel", 1, MAX_CICS);
			break;
		case O_CALLING:
			o.calling = optarg;
			break;
		case O_CALLED:
			o.called = optarg;
			break;
		case O_CATEGORY:
			o.category = (int)cc_callrun_num(&run, optarg, "category", 0, 255);
			break;
		case O_XCALLING:
			o.expect_calling = optarg;
			break;
		case O_XCALLED:
			o.expect_called = optarg;
			break;
		case O_XCATEGORY:
			o.expect_category = (int)cc_callrun_num(&run, optarg, "category", 0, 255);
			break;
		case O_GRS:
			grs_opt = 1;
			break;
		case O_NOGRS:
			grs_opt = 0;
			break;
		case O_AWAITGRS:
			o.await_grs = true;
			break;
		case O_BUFS:
			x = strchr(optarg, 'x');
			if (x)
				*x = '\0';
			o.numbufs = (int)cc_callrun_num(&run, optarg, "buffer count", 2, 128);
			if (x)
				o.bufsize =
					(int)cc_callrun_num(&run, x + 1, "buffer size", 16, 8192);
			break;
		case 'd':
			o.debug = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	/* by default the originating side resets the circuits, the other answers */
	o.send_grs = grs_opt < 0 ? run.mode == CC_CALLRUN_ORIGINATE : grs_opt;
	if (optind != argc || o.chan < 0) {
		usage(stderr);
		exit(2);
	}
	if (!cc_callrun_template_is_valid(o.calling, SIZE_MAX)) {
		fprintf(stderr, "libss7_peer: calling number: digits and X only\n");
		exit(2);
	}
	if (!cc_callrun_template_is_valid(o.called, SIZE_MAX)) {
		fprintf(stderr, "libss7_peer: called number: digits and X only\n");
		exit(2);
	}
	if (strlen(o.calling) >= NUM_LEN || strlen(o.called) >= NUM_LEN) {
		fprintf(stderr, "libss7_peer: number longer than %d digits\n", NUM_LEN - 1);
		exit(2);
	}
}

static int show_lines;

static void count_line(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void count_line(int fd, const char *fmt, ...)
{
	(void)fd;
	(void)fmt;
	show_lines++;
}

/* Call objects still in libss7's list (isup_show_calls prints a header line
 * and then one line per call): 0 after a clean run, or calls leaked. */
static int lib_calls(void)
{
	show_lines = 0;
	isup_show_calls(ss7, count_line, -1);
	return show_lines - 1;
}

int main(int argc, char **argv)
{
	int fd, sigtype = 0, transport;
	const char *why = NULL;
	ss7_event *e;

	cc_callrun_init(&run, &run_cfg);
	parse_args(argc, argv);
	cc_callrun_start();

	fd = open_chan(o.chan, &sigtype);
	if (fd < 0)
		return 2;
	transport = o.transport;
	if (transport < 0)
		transport = sigtype == DAHDI_SIG_MTP2 ? SS7_TRANSPORT_DAHDIMTP2
						      : SS7_TRANSPORT_DAHDIDCHAN;
	if (transport == SS7_TRANSPORT_DAHDIMTP2 && sigtype != DAHDI_SIG_MTP2)
		fprintf(stderr, "libss7_peer: warning: mtp2 transport on a channel that is not "
				"mtp2= (DAHDI will not repeat FISUs)\n");

	ss7_set_message(lib_message);
	ss7_set_error(lib_error);
	ss7_set_hangup(lib_hangup);
	ss7_set_call_null(lib_call_null);
	ss7_set_notinservice(lib_notinservice);
	ss7 = ss7_new(SS7_ITU);
	if (!ss7) {
		fprintf(stderr, "libss7_peer: ss7_new failed\n");
		return 2;
	}
	if (o.debug)
		ss7_set_debug(ss7, SS7_DEBUG_MTP2 | SS7_DEBUG_MTP3 | SS7_DEBUG_ISUP);
	ss7_set_network_ind(ss7, SS7_NI_NAT);
	ss7_set_pc(ss7, o.opc);
	if (ss7_add_link(ss7, transport, fd, -1, o.dpc)) {
		fprintf(stderr, "libss7_peer: ss7_add_link failed\n");
		return 2;
	}
	printf("libss7 %s on channel %d: transport=%s opc=%u dpc=%u cic=%d-%d mode=%s calls=%d\n",
	       ss7_get_version(), o.chan, transport == SS7_TRANSPORT_DAHDIMTP2 ? "mtp2" : "dchan",
	       o.opc, o.dpc, o.cic_first, o.cic_first + o.cic_count - 1, cc_callrun_mode_name(&run),
	       run.calls);
	if (ss7_start(ss7)) {
		fprintf(stderr, "libss7_peer: ss7_start failed\n");
		return 2;
	}

	for (;;) {
		struct pollfd pfd = { .fd = fd };
		struct timeval *next = ss7_schedule_next(ss7);
		int ms = 100, res;

		if (cc_callrun_is_over(&run, cc_callrun_now_ms(), &why))
			break;
		if (next) {
			struct timespec ts;
			long long at;

			/* libss7 schedules in gettimeofday() time */
			clock_gettime(CLOCK_REALTIME, &ts);
			at = (long long)next->tv_sec * 1000 + next->tv_usec / 1000;
			at -= (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
			if (at < ms)
				ms = at < 0 ? 0 : (int)at;
		}
		pfd.events = (short)ss7_pollflags(ss7, fd);
		res = poll(&pfd, 1, ms);
		if (res < 0 && errno != EINTR) {
			fprintf(stderr, "libss7_peer: poll: %s\n", strerror(errno));
			why = "poll-error";
			break;
		}
		if (res > 0) {
			if (pfd.revents & POLLPRI)
				on_dahdi_event(fd);
			if (pfd.revents & POLLIN)
				ss7_read(ss7, fd);
			if (pfd.revents & POLLOUT)
				ss7_write(ss7, fd);
			if (pfd.revents & (POLLERR | POLLNVAL)) {
				fprintf(stderr, "libss7_peer: poll error on channel\n");
				why = "channel-error";
				break;
			}
		}
		ss7_schedule_run(ss7);
		while ((e = ss7_check_event(ss7)))
			handle_event(e);
		check_timers();
		originate_more();
		/* keep the link running after the last call (flush RLC) */
		if (run.completed >= run.calls && busy_slots() == 0 && link_up && grs_done)
			cc_callrun_linger(&run, cc_callrun_now_ms());
	}

	cc_callrun_summary_begin(&run, NULL);
	printf(" link_up_ms=%lld grs_sent=%d gra=%d grs_rx=%d unexpected=%d badfcs=%d abort=%d "
	       "overrun=%d alarm=%d lib_calls=%d",
	       t_up_ms ? (long long)(t_up_ms - run.t0_ms) : -1LL, grs_sent_count, gra_count,
	       grs_rx_count, run.unexpected, ev_badfcs, ev_abort, ev_overrun, ev_alarm,
	       lib_calls());
	cc_callrun_summary_end(&run, cc_callrun_now_ms(), why);
	if (why && !link_up)
		fprintf(stderr, "libss7_peer: the link never came up\n");
	ss7_destroy(ss7);
	close(fd);
	return cc_callrun_exit_status(&run, why);
}
