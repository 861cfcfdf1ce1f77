// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc-ss7 - run libcallcenter's SS7 stack (MTP2, MTP3, ISUP or China TUP) on a
 * DAHDI signalling channel against an exchange, and originate or terminate
 * calls: the tool technicians use to bring up and check an SS7 trunk, and the
 * VM tests use against libss7 and against itself.
 *
 *   cc-ss7 -c CHAN [--variant itu|china] [--tup] --opc PC --dpc PC
 *          [--cic FIRST-LAST] (-o N | -T N) [options]
 *
 * Output (stdout): "link up after MS ms", "linkset down", one line per
 * finished call
 *   call n=<i> cic=<c> calling=<num> called=<num> category=<cpc> st=<0|1>
 *        cli=<source> cause=<q850> ms=<ms> result=<ok|reason>
 * and a final "summary ..." line with counters of the stack, MTP2 and the
 * DAHDI channel.  Exit 0 if every requested call ended with result=ok, 1 if
 * not (or the run stopped early), 2 for usage or setup errors.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/proto/q763_isup.h>
#include <callcenter/ss7.h>
#include <callcenter/trunk.h>

#include "cc_callrun.h"

#define NUM_LEN		  (CC_SS7_MAX_DIGITS + 1)
#define MAX_CICS	  1024
#define MAX_WAIT	  50 /* ms: poll at least this often (line repetition, hold timers) */
#define FILL_WAIT	  2  /* ms: dchan= channels, to keep the line filled */
#define CAUSE_NORM	  16 /* Q.850 normal call clearing */
#define CAUSE_TEMP	  41 /* Q.850 temporary failure */
#define CAUSE_NORM_UNSPEC 31 /* Q.850 normal, unspecified */

enum cst {
	CST_IDLE,
	CST_SETUP,	/* originate: IAM sent */
	CST_PROCEEDING, /* originate: ACM received */
	CST_ANSWERED,	/* both: answered, holding */
	CST_RELEASING,	/* we released, waiting for the circuit to become idle */
	CST_RELEASED,	/* the far end / network released, waiting for idle */
	CST_RESETTING,	/* call failed, RSC sent */
};

struct slot {
	enum cst st;
	struct cc_callrun_call c;
	char calling[NUM_LEN], called[NUM_LEN];
	int category;
	bool st_digit;
	enum cc_ss7_cli_source cli;
	int cause;
};

static struct {
	unsigned int chan;
	enum cc_trunk_sig sig;
	enum cc_mtp3_variant variant;
	enum cc_ss7_user_part up;
	int ni;
	const char *opc_s, *dpc_s;
	unsigned int cic_first, ncics;
	int parallel;
	const char *calling, *called;
	int category;
	const char *x_calling, *x_called;
	int x_category;
	bool no_grs, normal_proving, no_request_cli, cli_on_request;
	const char *pcap;
	bool no_cid;
	const char *cid_device;
	int cid_span;
} o = {
	.sig = CC_TRUNK_SIG_AUTO,
	.variant = CC_MTP3_ITU,
	.up = CC_SS7_ISUP,
	.ni = -1,
	.cic_first = 1,
	.ncics = 30,
	.parallel = 1,
	.calling = "13800138000",
	.called = "12345",
	.category = 10, /* Q.763 §3.11: ordinary calling subscriber */
	.x_category = -1,
	.cid_span = -1,
};

static const struct cc_callrun_cfg run_cfg = {
	.prog = "cc-ss7",
	.num_base = 0,
	.calls_max = 10000000,
	.ms_max = 86400000,
	.timeout_s_max = 31 * 86400,
	.call_timeout_ms = 10000,
};
static struct cc_callrun run;
static struct slot *slots;
static struct cc_ss7 *ss7;
static uint64_t now, t_up;
static bool up, grs_done, ever_up;
static unsigned int linkset_ups, linkset_downs, link_ups, link_downs, resets_rx, gra, blocked;

static const char *cli_name(enum cc_ss7_cli_source c)
{
	switch (c) {
	case CC_SS7_CLI_ISUP_IAM:
		return "isup-iam";
	case CC_SS7_CLI_TUP_IAI:
		return "tup-iai";
	case CC_SS7_CLI_TUP_GSM:
		return "tup-gsm";
	default:
		return "none";
	}
}

static struct slot *slot_of(unsigned int cic)
{
	if (cic < o.cic_first || cic >= o.cic_first + o.ncics)
		return NULL;
	return &slots[cic - o.cic_first];
}

static unsigned int cic_of(const struct slot *sl)
{
	return o.cic_first + (unsigned int)(sl - slots);
}

static void finish(struct slot *sl, const char *result)
{
	cc_callrun_call_end(&run, &sl->c, now, result,
			    "cic=%u calling=%s called=%s category=%d st=%d cli=%s cause=%d",
			    cic_of(sl), cc_callrun_or_dash(sl->calling),
			    cc_callrun_or_dash(sl->called), sl->category, sl->st_digit,
			    cli_name(sl->cli), sl->cause);
	memset(sl, 0, sizeof(*sl));
}

static void release(struct slot *sl, int cause, const char *why)
{
	int ret;

	if (why)
		cc_callrun_call_fail(&sl->c, why);
	ret = cc_ss7_release(ss7, now, (uint16_t)cic_of(sl), (uint8_t)cause);
	if (ret < 0) {
		cc_callrun_log(&run, 1, "cic %u: release: %s\n", cic_of(sl), strerror(-ret));
		cc_callrun_call_fail(&sl->c, "release-failed");
		finish(sl, "release-failed");
		return;
	}
	sl->st = CST_RELEASING;
	if (!sl->cause)
		sl->cause = cause;
}

static void on_incoming(const struct cc_ss7_event *ev)
{
	struct slot *sl = slot_of(ev->cic);
	size_t l;

	if (!sl || sl->st != CST_IDLE || run.mode != CC_CALLRUN_TERMINATE ||
	    (run.calls && run.started >= run.calls)) {
		run.unexpected++;
		cc_callrun_log(&run, 1, "cic %u: unexpected incoming call, releasing it\n",
			       ev->cic);
		if (cc_ss7_release(ss7, now, ev->cic, CAUSE_TEMP) < 0)
			cc_callrun_log(&run, 1, "cic %u: cannot release the unexpected call\n",
				       ev->cic);
		return;
	}
	memset(sl, 0, sizeof(*sl));
	cc_callrun_call_start(&run, &sl->c, now);
	sl->cli = ev->cli_source;
	sl->category = ev->category;
	if (ev->calling.present)
		snprintf(sl->calling, sizeof(sl->calling), "%s", ev->calling.digits);
	snprintf(sl->called, sizeof(sl->called), "%s", ev->called.digits);
	l = strlen(sl->called);
	if (o.up == CC_SS7_ISUP && l && sl->called[l - 1] == 'F') {
		sl->called[l - 1] = '\0'; /* ST, end of pulsing (Q.763 §3.9 code 1111) */
		sl->st_digit = true;
	}
	if (o.x_calling && !cc_callrun_matches(o.x_calling, sl->calling))
		sl->c.fail = "calling-mismatch";
	else if (o.x_called && !cc_callrun_matches(o.x_called, sl->called))
		sl->c.fail = "called-mismatch";
	else if (o.x_category >= 0 && sl->category != o.x_category)
		sl->c.fail = "category-mismatch";
	if (cc_ss7_accept(ss7, now, ev->cic) < 0 || cc_ss7_answer(ss7, now, ev->cic) < 0) {
		release(sl, CAUSE_TEMP, "answer-failed");
		return;
	}
	cc_callrun_log(&run, 2, "cic %u: incoming %s -> %s cat %d, answered\n", ev->cic,
		       sl->calling, sl->called, sl->category);
	sl->st = CST_ANSWERED;
	cc_callrun_call_answered(&run, &sl->c, now);
}

static void on_event(void *priv, const struct cc_ss7_event *ev)
{
	struct slot *sl = slot_of(ev->cic);

	(void)priv;
	cc_callrun_log(&run, 3, "event %s cic %u cause %u\n", cc_ss7_ev_name(ev->type), ev->cic,
		       ev->cause);
	switch (ev->type) {
	case CC_SS7_EV_LINK_UP:
		link_ups++;
		break;
	case CC_SS7_EV_LINK_DOWN:
		link_downs++;
		break;
	case CC_SS7_EV_LINKSET_UP:
		linkset_ups++;
		up = true;
		grs_done = o.no_grs;
		if (!ever_up) {
			ever_up = true;
			t_up = now;
			printf("link up after %llu ms\n", (unsigned long long)(now - run.t0_ms));
		} else {
			printf("linkset up again after %llu ms\n",
			       (unsigned long long)(now - run.t0_ms));
		}
		break;
	case CC_SS7_EV_LINKSET_DOWN:
		linkset_downs++;
		up = false;
		grs_done = false;
		printf("linkset down after %llu ms\n", (unsigned long long)(now - run.t0_ms));
		break;
	case CC_SS7_EV_GROUP_RESET_DONE:
		gra++;
		grs_done = true;
		break;
	case CC_SS7_EV_INCOMING:
		on_incoming(ev);
		break;
	case CC_SS7_EV_CLI:
		if (sl && sl->st != CST_IDLE && ev->calling.present) {
			snprintf(sl->calling, sizeof(sl->calling), "%s", ev->calling.digits);
			sl->cli = ev->cli_source;
		}
		break;
	case CC_SS7_EV_PROCEEDING:
	case CC_SS7_EV_ALERTING:
		if (sl && sl->st == CST_SETUP)
			sl->st = CST_PROCEEDING;
		else if (ev->type == CC_SS7_EV_PROCEEDING)
			run.unexpected++;
		break;
	case CC_SS7_EV_ANSWERED:
		if (!sl || (sl->st != CST_SETUP && sl->st != CST_PROCEEDING)) {
			run.unexpected++;
			break;
		}
		if (sl->st == CST_SETUP && o.up == CC_SS7_ISUP)
			cc_callrun_call_fail(&sl->c, "anm-before-acm");
		sl->st = CST_ANSWERED;
		cc_callrun_call_answered(&run, &sl->c, now);
		break;
	case CC_SS7_EV_RELEASED:
		if (!sl || sl->st == CST_IDLE) {
			run.unexpected++;
			break;
		}
		sl->cause = ev->cause;
		if (sl->st == CST_RELEASING || sl->st == CST_RESETTING)
			break; /* both released at once: ours completes too */
		if (sl->st != CST_ANSWERED)
			cc_callrun_call_fail(&sl->c, "released-before-answer");
		else if (cc_callrun_is_local_hangup(&run) ||
			 (ev->cause != CAUSE_NORM && ev->cause != CAUSE_NORM_UNSPEC))
			/* by the peer or the network, see cause= */
			cc_callrun_call_fail(&sl->c, "released");
		sl->st = CST_RELEASED;
		break;
	case CC_SS7_EV_IDLE:
		if (sl && sl->st != CST_IDLE)
			finish(sl, "ok");
		break;
	case CC_SS7_EV_DUAL_SEIZURE:
		if (sl && sl->st != CST_IDLE) {
			cc_callrun_call_fail(&sl->c, "dual-seizure");
			finish(sl, "dual-seizure");
		}
		break;
	case CC_SS7_EV_RESET:
		resets_rx++;
		if (sl && sl->st != CST_IDLE && sl->st != CST_RESETTING) {
			cc_callrun_call_fail(&sl->c, "reset-by-peer");
			finish(sl, "reset-by-peer");
		}
		break;
	case CC_SS7_EV_BLOCKED:
		blocked++;
		break;
	case CC_SS7_EV_UNBLOCKED:
		if (blocked)
			blocked--;
		break;
	default:
		break;
	}
}

static int busy(void)
{
	int n = 0;

	for (unsigned int i = 0; i < o.ncics; i++)
		n += slots[i].st != CST_IDLE;
	return n;
}

static void originate_more(void)
{
	static unsigned int next;

	if (run.mode != CC_CALLRUN_ORIGINATE || !up || !grs_done)
		return;
	while (run.started < run.calls && busy() < o.parallel) {
		struct slot *sl = NULL;
		uint16_t cic;
		int ret;

		for (unsigned int tries = 0; tries < o.ncics; tries++) {
			unsigned int i = next++ % o.ncics;

			if (slots[i].st == CST_IDLE &&
			    cc_ss7_circuit_state(ss7, (uint16_t)(o.cic_first + i)) ==
				    CC_SS7_CS_IDLE &&
			    cc_ss7_circuit_blocked(ss7, (uint16_t)(o.cic_first + i)) == 0) {
				sl = &slots[i];
				break;
			}
		}
		if (!sl)
			return;
		memset(sl, 0, sizeof(*sl));
		cc_callrun_call_start(&run, &sl->c, now);
		sl->category = o.category;
		cc_callrun_expand(sl->calling, sizeof(sl->calling), o.calling, sl->c.n);
		cc_callrun_expand(sl->called, sizeof(sl->called), o.called, sl->c.n);
		ret = cc_ss7_call(ss7, now, (uint16_t)cic_of(sl), sl->calling, sl->called,
				  (uint8_t)sl->category, &cic);
		if (ret < 0) {
			cc_callrun_log(&run, 1, "cic %u: call: %s\n", cic_of(sl), strerror(-ret));
			cc_callrun_call_fail(&sl->c, "call-failed");
			finish(sl, "call-failed");
			return;
		}
		sl->st = CST_SETUP;
		cc_callrun_log(&run, 2, "cic %u: IAM #%d %s -> %s\n", cic, sl->c.n, sl->calling,
			       sl->called);
	}
}

static void check_calls(void)
{
	for (unsigned int i = 0; i < o.ncics; i++) {
		struct slot *sl = &slots[i];
		uint64_t limit = (uint64_t)run.call_timeout_ms + (uint64_t)run.hold_ms;

		if (sl->st == CST_IDLE)
			continue;
		if (sl->st == CST_ANSWERED && cc_callrun_call_is_hangup_due(&run, &sl->c, now)) {
			release(sl, CAUSE_NORM, NULL);
			continue;
		}
		if (now - sl->c.t_start_ms <= limit)
			continue;
		if (sl->st == CST_RESETTING || sl->st == CST_RELEASING || sl->st == CST_RELEASED) {
			/* the stack's own timers (T1/T5/T16) keep trying; we give up on the call */
			cc_callrun_call_fail(&sl->c, "timeout-no-idle");
			finish(sl, "timeout-no-idle");
			continue;
		}
		cc_callrun_call_fail(&sl->c, sl->st == CST_SETUP	? "timeout-no-acm"
					     : sl->st == CST_PROCEEDING ? "timeout-no-answer"
									: "timeout-no-release");
		sl->c.t_start_ms = now; /* a fresh timeout for the reset */
		if (cc_ss7_reset(ss7, now, (uint16_t)cic_of(sl)) < 0)
			finish(sl, "timeout");
		else
			sl->st = CST_RESETTING;
	}
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cc-ss7 -c CHAN [options]\n"
		"Run libcallcenter's SS7 stack on DAHDI signalling channel CHAN (mtp2= or dchan=)\n"
		"and originate or terminate calls.\n"
		"\n"
		"Link and linkset:\n"
		"  -c, --chan N            DAHDI channel number (required)\n"
		"  -t, --transport T       mtp2 | dchan | auto (default: the channel's config)\n"
		"      --variant V         itu (14-bit point codes) | china (24-bit), default itu\n"
		"      --tup               China TUP instead of ISUP\n"
		"      --opc PC, --dpc PC  own / adjacent point code: decimal, or n-c-m (china)\n"
		"      --ni N              network indicator 0..3 (default 2, national)\n"
		"      --cic FIRST-LAST    circuits (default 1-30)\n"
		"      --no-grs            no circuit group reset when the linkset comes up\n"
		"      --normal-proving    normal alignment proving (default: emergency)\n"
		"      --pcap FILE         write a trace (pcap, MTP2 with pseudo-header; .gz: "
		"gzip)\n"
		"Calls:\n"
		"  -o, --originate N       place N calls (default)\n"
		"  -T, --terminate N       answer N calls, then exit (0: until --timeout/signal)\n"
		"  -p, --parallel K        calls in progress at once when originating (default 1)\n"
		"      --calling NUM       calling number; each X takes a digit of the call's\n"
		"                          sequence number (default 13800138000)\n"
		"      --called NUM        called number, same X rule (default 12345)\n"
		"      --category N        calling party's category (default 10)\n"
		"      --expect-calling T, --expect-called T, --expect-category N\n"
		"                          terminate: check what arrives (X = any digit)\n"
		"      --hangup local|remote  who releases (default: the originating side)\n"
		"      --hold-ms MS        time between answer and release (default 0)\n"
		"      --call-timeout MS   per call, before the circuit is reset (default 10000)\n"
		"      --timeout S         overall (default 120)\n"
		"      --no-request-cli    TUP: do not ask for a missing CLI with GRQ\n"
		"      --cli-on-request    TUP originate: IAM without CLI, CLI only in GSM\n"
		"Caller ID:\n"
		"      --no-cid            do not publish incoming calls' caller ID\n"
		"      --cid-device PATH   default /dev/callcenter/callerid\n"
		"      --cid-span N        span in the records (default: the channel's span)\n"
		"  -v, --verbose           log on stderr (repeat for more)\n"
		"  -h, --help\n"
		"\n"
		"Output: 'call n= cic= calling= called= category= st= cli= cause= ms= result=' "
		"per\n"
		"call and a final 'summary' line.  Exit 0 if all calls ended with result=ok, 1 if\n"
		"not, 2 on usage or setup errors.\n");
}

static void check_template(const char *what, const char *t)
{
	if (!cc_callrun_template_is_valid(t, CC_SS7_MAX_DIGITS)) {
		fprintf(stderr, "cc-ss7: %s: up to %u digits and X\n", what, CC_SS7_MAX_DIGITS);
		exit(2);
	}
}

static void parse_args(int argc, char **argv)
{
	enum {
		O_VARIANT = 256,
		O_TUP,
		O_OPC,
		O_DPC,
		O_NI,
		O_CIC,
		O_NOGRS,
		O_NORMAL,
		O_PCAP,
		O_CALLING,
		O_CALLED,
		O_CATEGORY,
		O_XCALLING,
		O_XCALLED,
		O_XCATEGORY,
		O_NOREQCLI,
		O_CLIONREQ,
		O_NOCID,
		O_CIDDEV,
		O_CIDSPAN,
	};
	static const struct option lo[] = {
		{ "chan", required_argument, NULL, 'c' },
		{ "transport", required_argument, NULL, 't' },
		{ "variant", required_argument, NULL, O_VARIANT },
		{ "tup", no_argument, NULL, O_TUP },
		{ "opc", required_argument, NULL, O_OPC },
		{ "dpc", required_argument, NULL, O_DPC },
		{ "ni", required_argument, NULL, O_NI },
		{ "cic", required_argument, NULL, O_CIC },
		{ "no-grs", no_argument, NULL, O_NOGRS },
		{ "normal-proving", no_argument, NULL, O_NORMAL },
		{ "pcap", required_argument, NULL, O_PCAP },
		CC_CALLRUN_LONGOPTS,
		{ "parallel", required_argument, NULL, 'p' },
		{ "calling", required_argument, NULL, O_CALLING },
		{ "called", required_argument, NULL, O_CALLED },
		{ "category", required_argument, NULL, O_CATEGORY },
		{ "expect-calling", required_argument, NULL, O_XCALLING },
		{ "expect-called", required_argument, NULL, O_XCALLED },
		{ "expect-category", required_argument, NULL, O_XCATEGORY },
		{ "no-request-cli", no_argument, NULL, O_NOREQCLI },
		{ "cli-on-request", no_argument, NULL, O_CLIONREQ },
		{ "no-cid", no_argument, NULL, O_NOCID },
		{ "cid-device", required_argument, NULL, O_CIDDEV },
		{ "cid-span", required_argument, NULL, O_CIDSPAN },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	long last;
	char *x;

	while ((c = getopt_long(argc, argv, "c:t:o:T:p:vh", lo, NULL)) != -1) {
		if (cc_callrun_opt(&run, c, optarg))
			continue;
		switch (c) {
		case 'c':
			o.chan = (unsigned int)cc_callrun_num(&run, optarg, "channel", 1, 4096);
			break;
		case 't':
			if (!strcmp(optarg, "mtp2"))
				o.sig = CC_TRUNK_SIG_MTP2;
			else if (!strcmp(optarg, "dchan"))
				o.sig = CC_TRUNK_SIG_DCHAN;
			else if (!strcmp(optarg, "auto"))
				o.sig = CC_TRUNK_SIG_AUTO;
			else {
				fprintf(stderr, "cc-ss7: --transport mtp2|dchan|auto\n");
				exit(2);
			}
			break;
		case O_VARIANT:
			if (!strcmp(optarg, "itu"))
				o.variant = CC_MTP3_ITU;
			else if (!strcmp(optarg, "china"))
				o.variant = CC_MTP3_CHINA;
			else {
				fprintf(stderr, "cc-ss7: --variant itu|china\n");
				exit(2);
			}
			break;
		case O_TUP:
			o.up = CC_SS7_TUP;
			break;
		case O_OPC:
			o.opc_s = optarg;
			break;
		case O_DPC:
			o.dpc_s = optarg;
			break;
		case O_NI:
			o.ni = (int)cc_callrun_num(&run, optarg, "network indicator", 0, 3);
			break;
		case O_CIC:
			x = strchr(optarg, '-');
			if (!x) {
				fprintf(stderr, "cc-ss7: --cic FIRST-LAST\n");
				exit(2);
			}
			*x = '\0';
			o.cic_first = (unsigned int)cc_callrun_num(&run, optarg, "first CIC", 0,
								   CC_SS7_MAX_CICS - 1);
			last = cc_callrun_num(&run, x + 1, "last CIC", o.cic_first,
					      (long)o.cic_first + MAX_CICS - 1 < CC_SS7_MAX_CICS - 1
						      ? (long)o.cic_first + MAX_CICS - 1
						      : CC_SS7_MAX_CICS - 1);
			o.ncics = (unsigned int)(last - o.cic_first + 1);
			break;
		case O_NOGRS:
			o.no_grs = true;
			break;
		case O_NORMAL:
			o.normal_proving = true;
			break;
		case O_PCAP:
			o.pcap = optarg;
			break;
		case 'p':
			o.parallel =
				(int)cc_callrun_num(&run, optarg, "parallel calls", 1, MAX_CICS);
			break;
		case O_CALLING:
			check_template("--calling", optarg);
			o.calling = optarg;
			break;
		case O_CALLED:
			check_template("--called", optarg);
			o.called = optarg;
			break;
		case O_CATEGORY:
			o.category = (int)cc_callrun_num(&run, optarg, "category", 0, 255);
			break;
		case O_XCALLING:
			o.x_calling = optarg;
			break;
		case O_XCALLED:
			o.x_called = optarg;
			break;
		case O_XCATEGORY:
			o.x_category = (int)cc_callrun_num(&run, optarg, "category", 0, 255);
			break;
		case O_NOREQCLI:
			o.no_request_cli = true;
			break;
		case O_CLIONREQ:
			o.cli_on_request = true;
			break;
		case O_NOCID:
			o.no_cid = true;
			break;
		case O_CIDDEV:
			o.cid_device = optarg;
			break;
		case O_CIDSPAN:
			o.cid_span = (int)cc_callrun_num(&run, optarg, "caller-ID span", 0, 128);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind != argc || !o.chan || !o.opc_s || !o.dpc_s) {
		if (optind == argc)
			fprintf(stderr, "cc-ss7: -c, --opc and --dpc are required\n");
		usage(stderr);
		exit(2);
	}
}

static int pump(struct cc_trunk_chan *ch)
{
	for (int i = 0; i < 64; i++) {
		int n = cc_ss7_trunk_pump(ss7, 0, ch, now);

		if (n < 0)
			return n;
		if (n == 0)
			break;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cc_trunk_dahdi_cfg dcfg = { 0 };
	struct cc_ss7_ops ops = { .event = on_event };
	struct cc_ss7_cfg cfg = { 0 };
	struct cc_ss7_pcap *pcap = NULL;
	struct cc_ss7_cid *cid = NULL;
	struct cc_trunk_chan *ch = NULL;
	const struct cc_trunk_stats *ts;
	const struct cc_mtp2_stats *ms;
	const struct cc_ss7_stats *st;
	struct cc_trunk_info info;
	const char *why = NULL;
	char reason[40];
	int ret, rc;

	cc_callrun_init(&run, &run_cfg);
	now = run.t0_ms;
	parse_args(argc, argv);
	cc_callrun_start();

	cfg.user_part = o.up;
	cfg.variant = o.variant;
	cfg.ni = (uint8_t)(o.ni >= 0 ? o.ni : CC_MTP3_NI_NAT);
	if (cc_mtp3_pc_parse(o.variant, o.opc_s, &cfg.opc) < 0 ||
	    cc_mtp3_pc_parse(o.variant, o.dpc_s, &cfg.dpc) < 0) {
		fprintf(stderr, "cc-ss7: bad point code for the %s variant\n",
			o.variant == CC_MTP3_CHINA ? "china" : "itu");
		return 2;
	}
	cfg.cic_first = (uint16_t)o.cic_first;
	cfg.ncics = (uint16_t)o.ncics;
	cfg.nlinks = 1;
	cfg.no_grs = o.no_grs;
	cfg.tup_request_cli = !o.no_request_cli;
	cfg.tup_cli_on_request = o.cli_on_request;
	cfg.mtp2.emergency = !o.normal_proving;
	slots = calloc(o.ncics, sizeof(*slots));
	if (!slots)
		return 2;

	dcfg.channo = o.chan;
	dcfg.sig = o.sig;
	ret = cc_trunk_dahdi_open(&dcfg, &ch);
	if (ret < 0) {
		fprintf(stderr, "cc-ss7: DAHDI channel %u: %s%s\n", o.chan, strerror(-ret),
			ret == -ENODEV ? " (not configured as mtp2= or dchan=?)" : "");
		return 2;
	}
	cc_trunk_info_get(ch, &info);
	ret = cc_ss7_alloc(&cfg, &ops, NULL, &ss7);
	if (ret < 0) {
		fprintf(stderr, "cc-ss7: stack configuration: %s\n", strerror(-ret));
		return 2;
	}
	if (o.pcap) {
		size_t l = strlen(o.pcap);

		ret = cc_ss7_pcap_open(o.pcap, l > 3 && !strcmp(o.pcap + l - 3, ".gz"), &pcap);
		if (ret < 0) {
			fprintf(stderr, "cc-ss7: %s: %s\n", o.pcap, strerror(-ret));
			return 2;
		}
		cc_ss7_link_trace_set(ss7, 0, pcap);
	}
	if (!o.no_cid) {
		if (cc_ss7_cid_open(o.cid_device, &cid) < 0)
			return 2;
		cc_ss7_cid_attach(
			ss7, cid,
			(uint16_t)(o.cid_span >= 0 ? (unsigned int)o.cid_span : info.span));
	}
	printf("cc-ss7 on channel %u (span %u ts %u): transport=%s variant=%s up=%s opc=%s dpc=%s "
	       "cic=%u-%u mode=%s calls=%d\n",
	       o.chan, info.span, info.chanpos, info.sig == CC_TRUNK_SIG_MTP2 ? "mtp2" : "dchan",
	       o.variant == CC_MTP3_CHINA ? "china" : "itu", o.up == CC_SS7_TUP ? "tup" : "isup",
	       o.opc_s, o.dpc_s, o.cic_first, o.cic_first + o.ncics - 1, cc_callrun_mode_name(&run),
	       run.calls);

	cc_ss7_start(ss7, now);
	for (;;) {
		struct pollfd pfd = { .fd = cc_trunk_fd(ch), .events = POLLIN | POLLPRI };
		uint64_t next;
		int wait;

		now = cc_callrun_now_ms();
		if (pump(ch) < 0) {
			why = "channel-error";
			break;
		}
		cc_ss7_tick(ss7, now);
		check_calls();
		originate_more();
		if (pump(ch) < 0) {
			why = "channel-error";
			break;
		}
		if (cc_callrun_is_over(&run, now, &why))
			break;
		/* keep running after the last call so the last RLC gets out */
		if (run.calls && run.completed >= run.calls && !busy())
			cc_callrun_linger(&run, now);
		next = cc_ss7_next_timeout_ms(ss7);
		wait = MAX_WAIT;
		if (next <= now)
			wait = 0;
		else if (next - now < (uint64_t)wait)
			wait = (int)(next - now);
		/* dchan=: the binding tops the transmit queue up a few ms at a time */
		if ((cc_trunk_flags(ch) & CC_TRUNK_F_FILL) && wait > FILL_WAIT)
			wait = FILL_WAIT;
		if (poll(&pfd, 1, wait) < 0 && errno != EINTR) {
			why = "poll-error";
			break;
		}
		if (pfd.revents & (POLLERR | POLLNVAL)) {
			why = "channel-error";
			break;
		}
	}

	/* calls still running are not ok */
	for (unsigned int i = 0; i < o.ncics; i++) {
		if (slots[i].st != CST_IDLE) {
			cc_callrun_call_fail(&slots[i].c, "unfinished");
			finish(&slots[i], "unfinished");
		}
	}
	snprintf(reason, sizeof(reason), "%s",
		 cc_mtp2_reason_name(cc_mtp2_reason_get(cc_ss7_link_mtp2(ss7, 0))));
	for (char *p = reason; *p; p++)
		if (*p == ' ')
			*p = '-';
	st = cc_ss7_stats_get(ss7);
	ms = cc_mtp2_stats_get(cc_ss7_link_mtp2(ss7, 0));
	ts = cc_trunk_stats_get(ch);
	cc_callrun_summary_begin(&run, NULL);
	printf(" link_up_ms=%lld linkset_up=%u linkset_down=%u link_up=%u link_down=%u "
	       "grs_tx=%u gra=%u grs_rx=%u resets_rx=%u unexpected=%d stack_unexpected=%u "
	       "msu_rx=%llu msu_tx=%llu msu_rx_bad=%u t7=%u "
	       "mtp2_alignments=%u mtp2_failures=%u mtp2_reason=%s rx_errors=%u retransmitted=%u "
	       "nacks_rx=%u nacks_tx=%u suerm_max=%u suerm_trips=%u mtp2_t7=%u rx_repeated=%llu "
	       "badfcs=%u abort=%u overrun=%u alarm=%u noalarm=%u tx_busy=%u "
	       "cid_published=%llu cid_failed=%u",
	       ever_up ? (long long)(t_up - run.t0_ms) : -1LL, linkset_ups, linkset_downs, link_ups,
	       link_downs, st->grs_tx, gra, st->grs_rx, resets_rx, run.unexpected, st->unexpected,
	       (unsigned long long)st->msu_rx, (unsigned long long)st->msu_tx, st->msu_rx_bad,
	       st->t7_expiries, ms->alignments, ms->failures, reason, ms->rx_errors,
	       ms->retransmitted, ms->nacks_rx, ms->nacks_sent, ms->suerm_max, ms->suerm_trips,
	       ms->t7_expiries, (unsigned long long)ms->rx_repeated, ts->badfcs, ts->aborts,
	       ts->rx_overruns, ts->alarms, ts->noalarms, ts->tx_busy,
	       cid ? (unsigned long long)cc_ss7_cid_stats_get(cid)->published : 0ULL,
	       cid ? cc_ss7_cid_stats_get(cid)->failed : 0u);
	cc_callrun_summary_end(&run, now, why);
	if (cid && cc_ss7_cid_stats_get(cid)->failed)
		fprintf(stderr, "cc-ss7: %u caller-ID records not published (last: %s)\n",
			cc_ss7_cid_stats_get(cid)->failed,
			strerror(-cc_ss7_cid_stats_get(cid)->last_error));
	if (!ever_up)
		fprintf(stderr, "cc-ss7: the linkset never came up\n");
	if (cc_ss7_pcap_close(pcap) < 0) {
		fprintf(stderr, "cc-ss7: %s: write error\n", o.pcap);
		why = why ? why : "pcap-error";
	}
	cc_ss7_cid_close(cid);
	cc_ss7_free(ss7);
	cc_trunk_close(ch);
	free(slots);
	if (run.calls == 0) /* serve until stopped: fine unless a call failed */
		rc = run.failed == 0 && (!why || !strcmp(why, "signal") || !strcmp(why, "timeout"))
			     ? 0
			     : 1;
	else
		rc = cc_callrun_exit_status(&run, why);
	return rc;
}
