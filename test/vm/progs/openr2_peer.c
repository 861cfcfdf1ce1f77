// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * openr2_peer - the "telephone exchange side" of an MFC/R2 trunk, played by
 * the stock OpenR2 1.3.3 on DAHDI CAS channels (cas= in system.conf).
 *
 * One process drives a list of channels from a single poll() loop (OpenR2
 * 1.3.3 is called per channel: openr2_chan_process_event() when the channel
 * fd is readable / has a DAHDI event, or when the channel's next OpenR2 timer
 * is due).  It either originates N calls (forward side: seize, DNIS, ANI and
 * category by MF, wait for accept and answer, then clear forward or wait for
 * clear back) or terminates them (backward side: collect DNIS/ANI/category,
 * accept, answer, then wait for clear forward or clear back itself).
 *
 * One line per finished call on stdout:
 *   call n=<i> chan=<c> ani=<num> dnis=<num> category=<cat> ms=<t> result=<ok|...>
 * and a final "summary ..." line.  Exit 0 only if every requested call ended
 * with result=ok, 1 otherwise, 2 on usage/setup errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <dahdi/user.h>
#include <openr2.h>

#include "cc_callrun.h"

#define MAX_CHANS  64
#define NUM_LEN	   64
#define RETRY_MS   50 /* retry a seizure while the far end is not idle */
#define SWEEP_MS   20 /* run every channel's OpenR2 timers at least this often */
#define R2_AB_MASK (DAHDI_ABIT | DAHDI_BBIT)
#define R2_AB_IDLE DAHDI_ABIT /* Q.421 idle: af/ab = 1, bf/bb = 0 */

enum cst {
	CST_IDLE = 0,
	CST_DIALING,	   /* forward: seized, MF in progress */
	CST_OFFERED,	   /* backward: MF in progress or call offered */
	CST_ACCEPTED,	   /* call accepted, waiting for answer */
	CST_ANSWERED,	   /* answered, holding */
	CST_DISCONNECTING, /* disconnect requested, waiting for call end */
};

static const char *const cst_names[] = {
	[CST_IDLE] = "idle",	     [CST_DIALING] = "dialing",
	[CST_OFFERED] = "offered",   [CST_ACCEPTED] = "accepted",
	[CST_ANSWERED] = "answered", [CST_DISCONNECTING] = "disconnecting",
};

static const struct {
	const char *name;
	openr2_calling_party_category_t cat;
} categories[] = {
	{ "national", OR2_CALLING_PARTY_CATEGORY_NATIONAL_SUBSCRIBER },
	{ "national-priority", OR2_CALLING_PARTY_CATEGORY_NATIONAL_PRIORITY_SUBSCRIBER },
	{ "international", OR2_CALLING_PARTY_CATEGORY_INTERNATIONAL_SUBSCRIBER },
	{ "international-priority", OR2_CALLING_PARTY_CATEGORY_INTERNATIONAL_PRIORITY_SUBSCRIBER },
	{ "collect", OR2_CALLING_PARTY_CATEGORY_COLLECT_CALL },
	{ "test", OR2_CALLING_PARTY_CATEGORY_TEST_EQUIPMENT },
	{ "unknown", OR2_CALLING_PARTY_CATEGORY_UNKNOWN },
};

struct chan {
	int channo;
	int fd;
	openr2_chan_t *r2;
	enum cst st;
	struct cc_callrun_call c;
	char ani[NUM_LEN];
	char dnis[NUM_LEN];
	const char *category;
	bool ani_restricted;
	bool answered;
	bool we_disconnected;
	uint64_t t_retry_ms;
	uint64_t t_disc_ms;
	const char *cause; /* far end's disconnect cause */
};

struct opts {
	int chans[MAX_CHANS];
	int nchans;
	const char *variant;
	int parallel;
	const char *ani, *dnis;
	openr2_calling_party_category_t category;
	const char *expect_ani, *expect_dnis, *expect_category;
	int max_ani, max_dnis;
	int ani_first; /* -1 = variant default */
	int mf_back_ms;
	bool no_charge;
	bool rxbits;
	int numbufs; /* 0 = OpenR2's default */
	int overrun_events;
	bool debug;
};

static struct opts o = {
	.variant = "ITU",
	.ani = "13800138000",
	.dnis = "12345",
	.category = OR2_CALLING_PARTY_CATEGORY_NATIONAL_SUBSCRIBER,
	.max_ani = -1,
	.max_dnis = -1,
	.ani_first = -1,
	.mf_back_ms = -1,
};

static const struct cc_callrun_cfg run_cfg = {
	.prog = "openr2_peer",
	.num_base = 10,
	.calls_max = 1000000,
	.ms_max = 3600000,
	.timeout_s_max = 86400,
	.call_timeout_ms = 20000,
};
static struct cc_callrun run;
static struct chan chans[MAX_CHANS];
static int proto_errors, alarms;
static long long max_stall_ms;
static int rx_overruns;

static const char *category_name(openr2_calling_party_category_t cat)
{
	for (size_t i = 0; i < sizeof(categories) / sizeof(categories[0]); i++) {
		if (categories[i].cat == cat)
			return categories[i].name;
	}
	return "unknown";
}

static struct chan *chan_of(openr2_chan_t *r2)
{
	return openr2_chan_get_client_data(r2);
}

static void finish(struct chan *c, const char *result)
{
	cc_callrun_call_end(&run, &c->c, cc_callrun_now_ms(), result,
			    "chan=%d ani=%s dnis=%s category=%s", c->channo,
			    c->ani_restricted ? "restricted" : cc_callrun_or_dash(c->ani),
			    cc_callrun_or_dash(c->dnis), c->category ? c->category : "-");
	c->st = CST_IDLE;
	memset(&c->c, 0, sizeof(c->c));
	c->ani[0] = c->dnis[0] = '\0';
	c->category = NULL;
	c->ani_restricted = c->answered = c->we_disconnected = false;
	c->cause = NULL;
	c->t_retry_ms = cc_callrun_now_ms() + RETRY_MS;
}

static void disconnect(struct chan *c, openr2_call_disconnect_cause_t cause)
{
	c->we_disconnected = true;
	c->st = CST_DISCONNECTING;
	c->t_disc_ms = cc_callrun_now_ms();
	if (openr2_chan_disconnect_call(c->r2, cause)) {
		cc_callrun_call_fail(&c->c, "disconnect-failed");
		openr2_chan_set_idle(c->r2);
		finish(c, "disconnect-failed");
	}
}

/* ---- OpenR2 event interface ---- */

static void on_call_init(openr2_chan_t *r2)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 2, "chan %d: incoming seizure\n", c->channo);
	if (c->st != CST_IDLE) {
		run.unexpected++;
		return;
	}
	c->st = CST_OFFERED;
	c->ani[0] = c->dnis[0] = '\0';
	if (run.mode == CC_CALLRUN_TERMINATE)
		cc_callrun_call_start(&run, &c->c, cc_callrun_now_ms());
	else /* not counted: on_call_offered fails it */
		c->c.t_start_ms = cc_callrun_now_ms();
}

static void on_call_offered(openr2_chan_t *r2, const char *ani, const char *dnis,
			    openr2_calling_party_category_t category)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 2, "chan %d: offered ani=%s dnis=%s category=%s\n", c->channo,
		       ani ? ani : "(null)", dnis, category_name(category));
	if (c->st != CST_OFFERED)
		c->st = CST_OFFERED;
	snprintf(c->ani, sizeof(c->ani), "%s", ani ? ani : "");
	c->ani_restricted = !ani;
	snprintf(c->dnis, sizeof(c->dnis), "%s", dnis ? dnis : "");
	c->category = category_name(category);
	if (run.mode != CC_CALLRUN_TERMINATE) {
		run.unexpected++;
		c->c.fail = "unexpected-incoming-call";
		disconnect(c, OR2_CAUSE_OUT_OF_ORDER);
		return;
	}
	if (o.expect_ani && strcmp(o.expect_ani, "none") &&
	    !cc_callrun_matches(o.expect_ani, c->ani))
		c->c.fail = "ani-mismatch";
	else if (o.expect_ani && !strcmp(o.expect_ani, "none") && c->ani[0])
		c->c.fail = "ani-unexpected";
	else if (o.expect_dnis && !cc_callrun_matches(o.expect_dnis, c->dnis))
		c->c.fail = "dnis-mismatch";
	else if (o.expect_category && strcmp(o.expect_category, c->category))
		c->c.fail = "category-mismatch";
	if (openr2_chan_accept_call(r2, o.no_charge ? OR2_CALL_NO_CHARGE : OR2_CALL_WITH_CHARGE)) {
		cc_callrun_call_fail(&c->c, "accept-failed");
		disconnect(c, OR2_CAUSE_OUT_OF_ORDER);
	}
}

static void on_call_accepted(openr2_chan_t *r2, openr2_call_mode_t mode)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 2, "chan %d: accepted (%s)\n", c->channo,
		       openr2_proto_get_call_mode_string(mode));
	if (c->st == CST_DISCONNECTING)
		return;
	c->st = CST_ACCEPTED;
	if (openr2_chan_get_direction(r2) == OR2_DIR_BACKWARD) {
		if (openr2_chan_answer_call(r2)) {
			cc_callrun_call_fail(&c->c, "answer-failed");
			disconnect(c, OR2_CAUSE_OUT_OF_ORDER);
			return;
		}
		/* the backward side has answered once the answer signal is on the line */
		c->answered = true;
		c->st = CST_ANSWERED;
		cc_callrun_call_answered(&run, &c->c, cc_callrun_now_ms());
	}
}

static void on_call_answered(openr2_chan_t *r2)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 2, "chan %d: answered\n", c->channo);
	if (c->st == CST_DISCONNECTING)
		return;
	c->answered = true;
	c->st = CST_ANSWERED;
	cc_callrun_call_answered(&run, &c->c, cc_callrun_now_ms());
}

static void on_call_disconnect(openr2_chan_t *r2, openr2_call_disconnect_cause_t cause)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 2, "chan %d: far end disconnected (%s)\n", c->channo,
		       openr2_proto_get_disconnect_string(cause));
	c->cause = openr2_proto_get_disconnect_string(cause);
	if (!c->answered)
		cc_callrun_call_fail(
			&c->c, cause == OR2_CAUSE_BUSY_NUMBER ? "busy" : "released-before-answer");
	else if (cc_callrun_is_local_hangup(&run) && !c->we_disconnected)
		cc_callrun_call_fail(&c->c, "released-by-peer");
	disconnect(c, OR2_CAUSE_NORMAL_CLEARING);
}

static void on_call_end(openr2_chan_t *r2)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 2, "chan %d: call end\n", c->channo);
	if (c->st == CST_IDLE)
		return;
	if (!c->answered)
		cc_callrun_call_fail(&c->c, "not-answered");
	finish(c, "ok");
}

static void on_call_read(openr2_chan_t *r2, const unsigned char *buf, int len)
{
	(void)r2;
	(void)buf;
	(void)len;
}

static void on_hardware_alarm(openr2_chan_t *r2, int alarm)
{
	struct chan *c = chan_of(r2);

	alarms++;
	cc_callrun_log(&run, 1, "chan %d: hardware alarm %d\n", c->channo, alarm);
	if (alarm && c->st != CST_IDLE)
		cc_callrun_call_fail(&c->c, "alarm");
}

static void on_os_error(openr2_chan_t *r2, int err)
{
	struct chan *c = chan_of(r2);

	fprintf(stderr, "openr2_peer: chan %d: OS error: %s\n", c->channo, strerror(err));
	if (c->st != CST_IDLE)
		cc_callrun_call_fail(&c->c, "os-error");
}

static void on_protocol_error(openr2_chan_t *r2, openr2_protocol_error_t reason)
{
	struct chan *c = chan_of(r2);
	static char why[MAX_CHANS][64];
	char *w = why[c - chans];
	const char *s = openr2_proto_get_error(reason);
	size_t i;

	proto_errors++;
	fprintf(stderr, "openr2_peer: chan %d: protocol error in state %s: %s\n", c->channo,
		cst_names[c->st], s);
	/* "protocol-error:Multi-Frequency-Cycle-Timeout" */
	snprintf(w, sizeof(why[0]), "protocol-error:%s", s);
	for (i = 0; w[i]; i++)
		if (w[i] == ' ')
			w[i] = '-';
	if (c->st == CST_IDLE) { /* not in a call we know of (idle line) */
		run.unexpected++;
		return;
	}
	cc_callrun_call_fail(&c->c, w);
	/* OpenR2 has set the channel idle already; no on_call_end follows */
	finish(c, w);
}

static void on_line_blocked(openr2_chan_t *r2)
{
	cc_callrun_log(&run, 2, "chan %d: far end blocked\n", chan_of(r2)->channo);
}

static void on_line_idle(openr2_chan_t *r2)
{
	cc_callrun_log(&run, 2, "chan %d: far end idle\n", chan_of(r2)->channo);
}

/* Digits are also collected one by one, so that a call that fails during the
 * MF phase still reports what was received ("ani=2345 dnis=1 result=..."). */
static void add_digit(char *buf, char digit)
{
	size_t l = strlen(buf);

	if (l + 1 < NUM_LEN) {
		buf[l] = digit;
		buf[l + 1] = '\0';
	}
}

static int on_dnis_digit(openr2_chan_t *r2, char digit)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 3, "chan %d: DNIS digit %c\n", c->channo, digit);
	if (run.mode == CC_CALLRUN_TERMINATE)
		add_digit(c->dnis, digit);
	return 1; /* keep asking until max_dnis */
}

static void on_ani_digit(openr2_chan_t *r2, char digit)
{
	struct chan *c = chan_of(r2);

	cc_callrun_log(&run, 3, "chan %d: ANI digit %c\n", c->channo, digit);
	if (run.mode == CC_CALLRUN_TERMINATE)
		add_digit(c->ani, digit);
}

static void on_billing_pulse(openr2_chan_t *r2)
{
	cc_callrun_log(&run, 2, "chan %d: billing pulse\n", chan_of(r2)->channo);
}

static void on_context_log(openr2_context_t *ctx, openr2_log_level_t level, const char *fmt,
			   va_list ap)
{
	(void)ctx;
	fprintf(stderr, "openr2 [%s]: ", openr2_log_get_level_string(level));
	vfprintf(stderr, fmt, ap);
}

static void on_chan_log(openr2_chan_t *r2, openr2_log_level_t level, const char *fmt, va_list ap)
{
	/* OpenR2 passes DAHDI events it does not know to its debug log: count
	 * receive overruns (audio lost before we read it) from there */
	if (!strcmp(fmt, "Unhandled hardware event %d\n")) {
		va_list aq;

		va_copy(aq, ap);
		if (va_arg(aq, int) == DAHDI_EVENT_READ_OVERRUN) {
			rx_overruns++;
			cc_callrun_log(&run, 1, "chan %d: DAHDI receive overrun\n",
				       openr2_chan_get_number(r2));
		}
		va_end(aq);
	}
	if (!o.debug && !(level & (OR2_LOG_ERROR | OR2_LOG_WARNING)))
		return;
	fprintf(stderr,
		"[%7.3f] openr2 chan %d [%s]: ", (double)(cc_callrun_now_ms() - run.t0_ms) / 1000.0,
		openr2_chan_get_number(r2), openr2_log_get_level_string(level));
	vfprintf(stderr, fmt, ap);
}

static openr2_event_interface_t events = {
	.on_call_init = on_call_init,
	.on_call_offered = on_call_offered,
	.on_call_accepted = on_call_accepted,
	.on_call_answered = on_call_answered,
	.on_call_disconnect = on_call_disconnect,
	.on_call_end = on_call_end,
	.on_call_read = on_call_read,
	.on_hardware_alarm = on_hardware_alarm,
	.on_os_error = on_os_error,
	.on_protocol_error = on_protocol_error,
	.on_line_blocked = on_line_blocked,
	.on_line_idle = on_line_idle,
	.on_context_log = on_context_log,
	.on_dnis_digit_received = on_dnis_digit,
	.on_ani_digit_received = on_ani_digit,
	.on_billing_pulse_received = on_billing_pulse,
};

/* ---- call placement and timers ---- */

static int busy_chans(void)
{
	int n = 0;

	for (int i = 0; i < o.nchans; i++)
		n += chans[i].st != CST_IDLE;
	return n;
}

static void try_call(struct chan *c)
{
	char ani[NUM_LEN], dnis[NUM_LEN];
	int n = run.started + 1, bits = 0;

	/* OpenR2 1.3.3 uses the standard R2 line signals in every variant:
	 * idle = A1 B0 (Q.421).  Checking first keeps OpenR2 from logging an
	 * error for every retry while the far end is still blocked or busy. */
	if (ioctl(c->fd, DAHDI_GETRXBITS, &bits) == 0 && (bits & R2_AB_MASK) != R2_AB_IDLE) {
		c->t_retry_ms = cc_callrun_now_ms() + RETRY_MS;
		return;
	}
	cc_callrun_expand(ani, sizeof(ani), o.ani, n);
	cc_callrun_expand(dnis, sizeof(dnis), o.dnis, n);
	/* OpenR2 refuses (-1) while the far end does not show idle */
	if (openr2_chan_make_call(c->r2, ani, dnis, o.category)) {
		c->t_retry_ms = cc_callrun_now_ms() + RETRY_MS;
		return;
	}
	cc_callrun_call_start(&run, &c->c, cc_callrun_now_ms());
	c->st = CST_DIALING;
	snprintf(c->ani, sizeof(c->ani), "%s", ani);
	snprintf(c->dnis, sizeof(c->dnis), "%s", dnis);
	c->category = category_name(o.category);
	cc_callrun_log(&run, 2, "chan %d: call #%d ani=%s dnis=%s\n", c->channo, n, ani, dnis);
}

static void tick(void)
{
	uint64_t now = cc_callrun_now_ms();
	uint64_t limit = (uint64_t)run.call_timeout_ms +
			 (uint64_t)(cc_callrun_is_local_hangup(&run) ? 0 : run.hold_ms);

	for (int i = 0; i < o.nchans; i++) {
		struct chan *c = &chans[i];

		switch (c->st) {
		case CST_IDLE:
			if (run.mode == CC_CALLRUN_ORIGINATE && run.started < run.calls &&
			    busy_chans() < o.parallel && now >= c->t_retry_ms)
				try_call(c);
			break;
		case CST_ANSWERED:
			if (cc_callrun_call_is_hangup_due(&run, &c->c, now)) {
				cc_callrun_log(&run, 2, "chan %d: hanging up\n", c->channo);
				disconnect(c, OR2_CAUSE_NORMAL_CLEARING);
			}
			break;
		case CST_DISCONNECTING:
			if (cc_callrun_ms_since(now, c->t_disc_ms) >
			    (uint64_t)run.call_timeout_ms) {
				cc_callrun_call_fail(&c->c, "timeout-disconnecting");
				openr2_chan_set_idle(c->r2);
				finish(c, "timeout-disconnecting");
			}
			break;
		default:
			break;
		}
		if (c->st != CST_IDLE && c->st != CST_DISCONNECTING &&
		    cc_callrun_ms_since(now, c->c.t_start_ms) > limit) {
			static char w[MAX_CHANS][40];

			snprintf(w[i], sizeof(w[i]), "timeout-%s", cst_names[c->st]);
			cc_callrun_call_fail(&c->c, w[i]);
			disconnect(c, OR2_CAUSE_NETWORK_CONGESTION);
		}
	}
}

/* ---- setup ---- */

static int open_chan(struct chan *c, openr2_context_t *ctx)
{
	struct dahdi_params p;
	int bufev, fd = open("/dev/dahdi/channel", O_RDWR | O_NONBLOCK);

	if (fd < 0) {
		fprintf(stderr, "openr2_peer: /dev/dahdi/channel: %s\n", strerror(errno));
		return -1;
	}
	if (ioctl(fd, DAHDI_SPECIFY, &c->channo) < 0) {
		fprintf(stderr, "openr2_peer: DAHDI_SPECIFY %d: %s\n", c->channo, strerror(errno));
		close(fd);
		return -1;
	}
	memset(&p, 0, sizeof(p));
	if (ioctl(fd, DAHDI_GET_PARAMS, &p) < 0 || p.sigtype != DAHDI_SIG_CAS) {
		fprintf(stderr, "openr2_peer: channel %d is not a cas= channel (sigtype 0x%x)\n",
			c->channo, p.sigtype);
		close(fd);
		return -1;
	}
	/* OpenR2 sets the buffers (4 x 160, immediate), A-law, echo canceller off */
	c->r2 = openr2_chan_new_from_fd(ctx, fd, NULL, NULL);
	if (!c->r2) {
		fprintf(stderr, "openr2_peer: openr2_chan_new_from_fd(%d): %s\n", c->channo,
			openr2_context_error_string(openr2_context_get_last_error(ctx)));
		close(fd);
		return -1;
	}
	if (o.numbufs) {
		/* More 20 ms buffers than OpenR2's 4 ride out scheduling stalls
		 * (a loaded, emulated VM) without gaps in the MF tones: a gap
		 * is seen as tone-off/tone-on, i.e. a repeated digit.  Tone
		 * changes are not delayed: OpenR2 flushes the write queue when a
		 * tone stops. */
		struct dahdi_bufferinfo bi;

		memset(&bi, 0, sizeof(bi));
		if (ioctl(fd, DAHDI_GET_BUFINFO, &bi) == 0) {
			bi.numbufs = o.numbufs;
			if (ioctl(fd, DAHDI_SET_BUFINFO, &bi) < 0)
				fprintf(stderr, "openr2_peer: chan %d: DAHDI_SET_BUFINFO: %s\n",
					c->channo, strerror(errno));
		}
	}
	c->fd = fd;
	openr2_chan_set_client_data(c->r2, c);
	openr2_chan_set_logging_func(c->r2, on_chan_log);
	/* DEBUG always: on_chan_log filters, and counts overrun events */
	openr2_chan_set_log_level(c->r2,
				  o.debug ? (OR2_LOG_ALL & ~OR2_LOG_STACK_TRACE)
					  : (OR2_LOG_ERROR | OR2_LOG_WARNING | OR2_LOG_DEBUG));
	/* Off by default: every DAHDI event makes a write() in flight fail with
	 * ELAST, and OpenR2 1.3.3 then drops the 20 ms of tone it generated (a
	 * phase jump in the MF tone).  Buffer events fire at each tone stop. */
	bufev = o.overrun_events;
	if (bufev && ioctl(fd, DAHDI_BUFFER_EVENTS, &bufev) < 0)
		fprintf(stderr, "openr2_peer: chan %d: DAHDI_BUFFER_EVENTS: %s\n", c->channo,
			strerror(errno));
	if (openr2_chan_set_idle(c->r2)) {
		fprintf(stderr, "openr2_peer: cannot set channel %d idle\n", c->channo);
		return -1;
	}
	openr2_chan_handle_cas(c->r2);
	return 0;
}

static void dump_rxbits(void)
{
	for (int i = 0; i < o.nchans; i++) {
		int bits = -1;

		if (ioctl(chans[i].fd, DAHDI_GETRXBITS, &bits) < 0)
			bits = -1;
		printf("rxbits chan=%d raw=0x%02x abcd=%d%d%d%d\n", chans[i].channo, bits,
		       !!(bits & DAHDI_ABIT), !!(bits & DAHDI_BBIT), !!(bits & DAHDI_CBIT),
		       !!(bits & DAHDI_DBIT));
	}
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: openr2_peer -c CHANS [options]\n"
		"Run OpenR2 1.3.3 (MFC/R2) on DAHDI cas= channels and originate or terminate "
		"calls.\n"
		"\n"
		"  -c, --chans LIST        channels, e.g. 1-4,17 (required)\n"
		"  -V, --variant V         OpenR2 variant: ITU (default), CN, AR, BR, MX, ...\n"
		"  -o, --originate N       place N calls (forward side; default mode, N=1)\n"
		"  -T, --terminate N       answer N calls (backward side), then exit\n"
		"  -p, --parallel K        calls in progress at once (default: all channels)\n"
		"      --ani NUM           calling number; each X becomes a digit of the call's\n"
		"                          sequence number (default 13800138000)\n"
		"      --dnis NUM          called number, same X rule (default 12345)\n"
		"      --category C        national (default), national-priority, international,\n"
		"                          international-priority, collect, test\n"
		"      --expect-ani T      terminate: check the ANI (X = any digit; 'none' = "
		"empty)\n"
		"      --expect-dnis T     terminate: check the DNIS\n"
		"      --expect-category C terminate: check the category\n"
		"      --max-ani N         terminate: ANI digits to ask for (default 20, 0 = "
		"none)\n"
		"      --max-dnis N        terminate: DNIS digits to collect (default: length of\n"
		"                          --expect-dnis, else 10)\n"
		"      --ani-first, --no-ani-first   ask ANI after the first DNIS digit (OpenR2\n"
		"                          default) or after the whole DNIS\n"
		"      --mf-back-timeout MS  backward MF cycle timeout (OpenR2 default 5000)\n"
		"      --no-charge         accept calls without charge (default: with charge)\n"
		"      --hangup local|remote  who clears first (default: the originating side)\n"
		"      --hold-ms MS        time between answer and clearing (default 0)\n"
		"      --timeout S         overall timeout in seconds (default 120)\n"
		"      --call-timeout MS   per-call timeout (default 20000)\n"
		"      --rxbits            print the raw DAHDI_GETRXBITS of each channel at start\n"
		"      --bufs N            DAHDI audio buffers of 20 ms, 2..32 (OpenR2 default 4)\n"
		"      --overrun-events    count DAHDI receive overruns (enables DAHDI buffer\n"
		"                          events, which can cost OpenR2 tone chunks: diagnosis)\n"
		"  -v, --verbose           more log on stderr (repeat for more)\n"
		"  -d, --debug             OpenR2 debug, MF and CAS traces on stderr\n"
		"  -h, --help              this text\n"
		"\n"
		"Output: one 'call n= chan= ani= dnis= category= ms= result=' line per finished\n"
		"call and a final 'summary' line.  Exit 0 if all N calls ended with result=ok,\n"
		"1 if not, 2 on setup errors.\n");
}

static openr2_calling_party_category_t parse_category(const char *s)
{
	for (size_t i = 0; i < sizeof(categories) / sizeof(categories[0]); i++) {
		if (!strcmp(categories[i].name, s))
			return categories[i].cat;
	}
	fprintf(stderr, "openr2_peer: unknown category '%s'\n", s);
	exit(2);
}

static void check_number(const char *what, const char *s)
{
	if (!cc_callrun_template_is_valid(s, NUM_LEN - 1)) {
		fprintf(stderr, "openr2_peer: %s: up to %d digits or X\n", what, NUM_LEN - 1);
		exit(2);
	}
}

static void parse_args(int argc, char **argv)
{
	enum {
		O_ANI = 256,
		O_DNIS,
		O_CATEGORY,
		O_XANI,
		O_XDNIS,
		O_XCATEGORY,
		O_MAXANI,
		O_MAXDNIS,
		O_ANIFIRST,
		O_NOANIFIRST,
		O_MFBACK,
		O_NOCHARGE,
		O_RXBITS,
		O_BUFS,
		O_OVERRUNS,
	};
	static const struct option lo[] = {
		{ "chans", required_argument, NULL, 'c' },
		{ "variant", required_argument, NULL, 'V' },
		CC_CALLRUN_LONGOPTS,
		{ "parallel", required_argument, NULL, 'p' },
		{ "ani", required_argument, NULL, O_ANI },
		{ "dnis", required_argument, NULL, O_DNIS },
		{ "category", required_argument, NULL, O_CATEGORY },
		{ "expect-ani", required_argument, NULL, O_XANI },
		{ "expect-dnis", required_argument, NULL, O_XDNIS },
		{ "expect-category", required_argument, NULL, O_XCATEGORY },
		{ "max-ani", required_argument, NULL, O_MAXANI },
		{ "max-dnis", required_argument, NULL, O_MAXDNIS },
		{ "ani-first", no_argument, NULL, O_ANIFIRST },
		{ "no-ani-first", no_argument, NULL, O_NOANIFIRST },
		{ "mf-back-timeout", required_argument, NULL, O_MFBACK },
		{ "no-charge", no_argument, NULL, O_NOCHARGE },
		{ "rxbits", no_argument, NULL, O_RXBITS },
		{ "bufs", required_argument, NULL, O_BUFS },
		{ "overrun-events", no_argument, NULL, O_OVERRUNS },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "c:V:o:T:p:vdh", lo, NULL)) != -1) {
		if (cc_callrun_opt(&run, c, optarg))
			continue;
		switch (c) {
		case 'c':
			cc_callrun_chans_parse(&run, optarg, o.chans, MAX_CHANS, &o.nchans);
			break;
		case 'V':
			o.variant = optarg;
			break;
		case 'p':
			o.parallel = (int)cc_callrun_num(&run, optarg, "parallel", 1, MAX_CHANS);
			break;
		case O_ANI:
			check_number("ANI", optarg);
			o.ani = optarg;
			break;
		case O_DNIS:
			check_number("DNIS", optarg);
			o.dnis = optarg;
			break;
		case O_CATEGORY:
			o.category = parse_category(optarg);
			break;
		case O_XANI:
			o.expect_ani = optarg;
			break;
		case O_XDNIS:
			o.expect_dnis = optarg;
			break;
		case O_XCATEGORY:
			parse_category(optarg);
			o.expect_category = optarg;
			break;
		case O_MAXANI:
			o.max_ani = (int)cc_callrun_num(&run, optarg, "max ANI", 0, 63);
			break;
		case O_MAXDNIS:
			o.max_dnis = (int)cc_callrun_num(&run, optarg, "max DNIS", 1, 63);
			break;
		case O_ANIFIRST:
			o.ani_first = 1;
			break;
		case O_NOANIFIRST:
			o.ani_first = 0;
			break;
		case O_MFBACK:
			o.mf_back_ms =
				(int)cc_callrun_num(&run, optarg, "MF back timeout", 100, 60000);
			break;
		case O_NOCHARGE:
			o.no_charge = true;
			break;
		case O_RXBITS:
			o.rxbits = true;
			break;
		case O_OVERRUNS:
			o.overrun_events = 1;
			break;
		case O_BUFS:
			/* bufsize stays OpenR2's 160; DAHDI silently caps numbufs at 32 */
			o.numbufs = (int)cc_callrun_num(&run, optarg, "buffer count", 2,
							DAHDI_MAX_NUM_BUFS);
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
	if (optind != argc || !o.nchans) {
		usage(stderr);
		exit(2);
	}
	if (!o.parallel)
		o.parallel = o.nchans;
	if (o.max_dnis < 0)
		o.max_dnis = o.expect_dnis ? (int)strlen(o.expect_dnis) : 10;
	if (o.max_ani < 0)
		o.max_ani = 20;
}

int main(int argc, char **argv)
{
	struct pollfd pfd[MAX_CHANS];
	openr2_context_t *ctx;
	openr2_variant_t variant;
	uint64_t rxbits_at, last_sweep = 0;
	bool sweep;
	const char *why = NULL;

	cc_callrun_init(&run, &run_cfg);
	parse_args(argc, argv);
	cc_callrun_start();

	variant = openr2_proto_get_variant(o.variant);
	if (variant == OR2_VAR_UNKNOWN) {
		fprintf(stderr, "openr2_peer: unknown variant '%s'\n", o.variant);
		return 2;
	}
	ctx = openr2_context_new(NULL, &events, NULL, variant, o.max_ani, o.max_dnis);
	if (!ctx) {
		fprintf(stderr, "openr2_peer: openr2_context_new failed\n");
		return 2;
	}
	openr2_context_set_log_level(ctx, o.debug ? OR2_LOG_ALL & ~OR2_LOG_STACK_TRACE
						  : OR2_LOG_ERROR | OR2_LOG_WARNING);
	if (o.ani_first >= 0)
		openr2_context_set_ani_first(ctx, o.ani_first);
	if (o.mf_back_ms > 0)
		openr2_context_set_mf_back_timeout(ctx, o.mf_back_ms);
	for (int i = 0; i < o.nchans; i++) {
		chans[i].channo = o.chans[i];
		chans[i].fd = -1;
		if (open_chan(&chans[i], ctx))
			return 2;
		pfd[i].fd = chans[i].fd;
		pfd[i].events = POLLIN | POLLPRI;
	}
	printf("openr2 %s variant=%s chans=%d-%d (%d) mode=%s calls=%d max_ani=%d max_dnis=%d "
	       "ani_first=%d\n",
	       openr2_get_version(), openr2_proto_get_variant_string(variant), o.chans[0],
	       o.chans[o.nchans - 1], o.nchans, cc_callrun_mode_name(&run), run.calls,
	       openr2_context_get_max_ani(ctx), openr2_context_get_max_dnis(ctx),
	       openr2_context_get_ani_first(ctx));

	rxbits_at = o.rxbits ? cc_callrun_now_ms() + 300 : 0;
	for (;;) {
		uint64_t now = cc_callrun_now_ms();
		long long stall;
		int ms = 50, res;

		if (cc_callrun_is_over(&run, now, &why))
			break;
		if (rxbits_at && now >= rxbits_at) {
			dump_rxbits();
			rxbits_at = 0;
		}
		for (int i = 0; i < o.nchans; i++) {
			/* ms to the channel's next OpenR2 timer; -1 = none (an
			 * overdue timer also gives a negative value) */
			int t = openr2_chan_get_time_to_next_event(chans[i].r2);

			if (t < -1)
				t = 0;
			if (t >= 0 && t < ms)
				ms = t;
		}
		res = poll(pfd, (nfds_t)o.nchans, ms);
		/* a scheduling stall longer than the buffered audio garbles MF */
		stall = (long long)(cc_callrun_now_ms() - now) - ms;
		if (busy_chans() && stall > max_stall_ms) {
			max_stall_ms = stall;
			if (max_stall_ms > 100)
				cc_callrun_log(&run, 1, "stall of %lld ms with calls up\n",
					       max_stall_ms);
		}
		if (res < 0 && errno != EINTR) {
			fprintf(stderr, "openr2_peer: poll: %s\n", strerror(errno));
			why = "poll-error";
			break;
		}
		/* Channels with I/O or a DAHDI event, and every channel at least
		 * every SWEEP_MS: openr2_chan_process_event() runs the channel's
		 * due timers first, and busy channels keep poll() from timing out. */
		now = cc_callrun_now_ms();
		sweep = now - last_sweep >= SWEEP_MS;
		if (sweep)
			last_sweep = now;
		for (int i = 0; i < o.nchans; i++) {
			if (sweep || (res > 0 && pfd[i].revents))
				openr2_chan_process_event(chans[i].r2);
		}
		tick();
		if (run.completed >= run.calls && busy_chans() == 0)
			cc_callrun_linger(&run, cc_callrun_now_ms());
	}

	cc_callrun_summary_begin(&run, openr2_proto_get_variant_string(variant));
	printf(" unexpected=%d protocol_errors=%d alarms=%d max_stall_ms=%lld rx_overruns=%d",
	       run.unexpected, proto_errors, alarms, max_stall_ms,
	       o.overrun_events ? rx_overruns : -1);
	cc_callrun_summary_end(&run, cc_callrun_now_ms(), why);
	openr2_context_delete(ctx); /* deletes its channels too */
	return cc_callrun_exit_status(&run, why);
}
