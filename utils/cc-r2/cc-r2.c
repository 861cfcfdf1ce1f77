// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc-r2 - run our R2 stack (China No.1 or ITU MFC/R2) on DAHDI cas= channels:
 * originate N calls or terminate them, one line per call, a summary, and an
 * exit status scripts can use.  See cc-r2(8).
 *
 * One poll() loop over cc_r2_group (lib/r2/cc_r2_dahdi.c).  Calls are
 * distributed over idle channels; every incoming call's caller ID is
 * published to /dev/callcenter/callerid unless --no-cid.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/log.h>
#include <callcenter/r2_dahdi.h>

#include "cc_callrun.h"

#define MAX_CHANS 256
#define NUM_LEN	  (CC_R2_NUM_MAX + 1)
#define RETRY_MS  50

struct call {
	struct cc_callrun_call c; /* c.n == 0: no call on the channel */
	bool out, offered, accepted, answered;
	enum cc_r2_cause cause;
	struct cc_r2_call_info info;
};

static struct {
	int chans[MAX_CHANS];
	int nchans;
	enum cc_r2_variant_id variant;
	int parallel;
	const char *called, *calling;
	int category, kd;
	int called_len, calling_after;
	bool no_calling;
	const char *x_called, *x_calling;
	int x_category;
	enum cc_r2_b accept;
	int idle_wait_s;
	const char *cid_path;
	unsigned int bufs;
	bool events, status;
} o = {
	.variant = CC_R2_VAR_CHINA,
	.called = "12345",
	.calling = "13800138000",
	.x_category = -1,
	.accept = CC_R2_B_FREE_CHARGE,
	.cid_path = "/dev/callcenter/callerid",
};

static const struct cc_callrun_cfg run_cfg = {
	.prog = "cc-r2",
	.num_base = 10,
	.calls_max = 10000000,
	.ms_max = 86400000,
	.timeout_s_max = 864000,
	.call_timeout_ms = 30000,
};
static struct cc_callrun run;
static struct call calls[MAX_CHANS];
static int alarm_events;
static bool call_error; /* a call could not be placed: stop */
static struct cc_r2_group *grp;

static void finish(unsigned int i)
{
	struct call *c = &calls[i];
	const char *r = "ok";

	if (c->cause != CC_R2_CAUSE_NORMAL && c->cause != CC_R2_CAUSE_NONE)
		r = cc_r2_cause_name(c->cause);
	else if (!c->answered)
		r = "not-answered";
	cc_callrun_call_end(
		&run, &c->c, cc_r2_group_now(grp), r,
		"chan=%d dir=%s called=%s calling=%s category=%d kd=%d", cc_r2_group_channo(grp, i),
		c->out ? "out" : "in", cc_callrun_or_dash(c->info.called),
		c->info.calling_restricted ? "restricted" : cc_callrun_or_dash(c->info.calling),
		c->info.category, c->info.kd);
	memset(c, 0, sizeof(*c));
}

static bool calling_ok(const struct cc_r2_call_info *info)
{
	if (!strcmp(o.x_calling, "none"))
		return !info->calling_available;
	return info->calling_available && cc_callrun_matches(o.x_calling, info->calling);
}

static void on_event(void *priv, struct cc_r2_group *g, const struct cc_r2_group_ev *ev)
{
	struct call *c = &calls[ev->chan];
	uint64_t now = cc_r2_group_now(g);

	(void)priv;
	if (o.events || run.verbose)
		fprintf(o.events ? stdout : stderr,
			"event chan=%d type=%s cause=%s q850=%u state=%s\n", ev->channo,
			cc_r2_ev_name(ev->type), cc_r2_cause_name(ev->r2_cause), ev->cause,
			cc_r2_st_name(cc_r2_group_chan(g, ev->chan)->st));
	switch (ev->type) {
	case CC_R2_EV_OFFERED:
		if (!c->c.n) /* seized by the far end */
			cc_callrun_call_start(&run, &c->c, now);
		c->offered = true;
		c->info = *ev->info;
		if (run.mode != CC_CALLRUN_TERMINATE) {
			run.unexpected++;
			c->c.fail = "unexpected-incoming-call";
		} else if (o.x_called && !cc_callrun_matches(o.x_called, c->info.called)) {
			c->c.fail = "called-mismatch";
		} else if (o.x_calling && !calling_ok(&c->info)) {
			c->c.fail = "calling-mismatch";
		} else if (o.x_category >= 0 && c->info.category != o.x_category) {
			c->c.fail = "category-mismatch";
		}
		if (cc_r2_group_accept(g, ev->chan, c->c.fail ? CC_R2_B_CONGESTION : o.accept) < 0)
			cc_callrun_call_fail(&c->c, "accept-failed");
		c->accepted = true;
		break;
	case CC_R2_EV_ANSWERED:
		c->answered = true;
		cc_callrun_call_answered(&run, &c->c, now);
		break;
	case CC_R2_EV_RELEASED:
		if (c->c.n) {
			c->cause = ev->r2_cause;
			if (ev->info && ev->info->called[0] && !c->info.called[0])
				c->info = *ev->info;
			/* the far end cleared while we were to clear */
			if (c->answered && cc_callrun_is_local_hangup(&run) &&
			    ev->r2_cause == CC_R2_CAUSE_NORMAL && now < c->c.t_hangup_ms)
				cc_callrun_call_fail(&c->c, "released-by-peer");
		}
		break;
	case CC_R2_EV_IDLE:
		if (c->c.n)
			finish(ev->chan);
		break;
	case CC_R2_EV_ALARM:
		alarm_events++;
		if (c->c.n && !c->cause) /* a call in its release phase */
			c->cause = CC_R2_CAUSE_ALARM;
		if (c->c.n)
			finish(ev->chan);
		break;
	default:
		break;
	}
}

/* Per-round application logic: place calls, answer, clear, time out. */
static void tick(uint64_t now)
{
	int busy = 0;

	for (int i = 0; i < o.nchans; i++)
		busy += calls[i].c.n != 0;
	for (unsigned int i = 0; i < (unsigned int)o.nchans; i++) {
		struct call *c = &calls[i];
		const struct cc_r2_chan *ch = cc_r2_group_chan(grp, i);

		if (!c->c.n && ch->st == CC_R2_ST_IN_MF) /* seized: the call starts now */
			cc_callrun_call_start(&run, &c->c, now);
		if (!c->c.n && run.mode == CC_CALLRUN_ORIGINATE && run.started < run.calls &&
		    busy < o.parallel && ch->st == CC_R2_ST_IDLE) {
			char called[NUM_LEN], calling[NUM_LEN];
			int ret;

			cc_callrun_expand(called, sizeof(called), o.called, run.started + 1);
			cc_callrun_expand(calling, sizeof(calling), o.calling, run.started + 1);
			ret = cc_r2_group_make_call(grp, i, called, o.no_calling ? NULL : calling,
						    o.category, o.kd);
			if (ret == 0) {
				cc_callrun_call_start(&run, &c->c, now);
				c->out = true;
				snprintf(c->info.called, sizeof(c->info.called), "%s", called);
				if (!o.no_calling)
					snprintf(c->info.calling, sizeof(c->info.calling), "%s",
						 calling);
				c->info.category = ch->info.category;
				c->info.kd = ch->info.kd;
				busy++;
			} else if (ret != -EBUSY && ret != -ENOLINK) {
				fprintf(stderr, "cc-r2: make_call on %d: %s\n",
					cc_r2_group_channo(grp, i), strerror(-ret));
				call_error = true;
			}
		}
		if (!c->c.n)
			continue;
		if (ch->st == CC_R2_ST_IN_WAIT_ANSWER && !c->answered) {
			if (cc_r2_group_answer(grp, i) == 0) {
				c->answered = true;
				cc_callrun_call_answered(&run, &c->c, now);
			}
		}
		if (c->answered && cc_callrun_call_is_hangup_due(&run, &c->c, now) &&
		    (ch->st == CC_R2_ST_OUT_ANSWERED || ch->st == CC_R2_ST_IN_ANSWERED) &&
		    cc_r2_group_hangup(grp, i) < 0)
			c->c.fail = "hangup-failed";
		if (now - c->c.t_start_ms > (uint64_t)run.call_timeout_ms && !c->c.fail) {
			c->c.fail = "call-timeout";
			if (cc_r2_group_hangup(grp, i) < 0 && ch->st == CC_R2_ST_IDLE)
				finish(i);
		}
	}
}

static bool all_idle(void)
{
	for (unsigned int i = 0; i < (unsigned int)o.nchans; i++)
		if (calls[i].c.n || cc_r2_group_chan(grp, i)->st != CC_R2_ST_IDLE)
			return false;
	return true;
}

static void count_states(int *out_idle, int *out_alarm)
{
	*out_idle = *out_alarm = 0;
	for (unsigned int i = 0; i < (unsigned int)o.nchans; i++) {
		enum cc_r2_st s = cc_r2_group_chan(grp, i)->st;

		*out_idle += s == CC_R2_ST_IDLE;
		*out_alarm += s == CC_R2_ST_ALARM;
	}
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cc-r2 -c CHANS [-V china|itu] (-o N | -T N | --status) [options]\n"
		"Run the callcenter R2 stack (line signalling + compelled MFC) on DAHDI cas=\n"
		"channels: originate or terminate calls, one line per call, then a summary.\n"
		"\n"
		"  -c, --chans LIST        DAHDI channels, e.g. 63-77,79-93 (required)\n"
		"  -V, --variant V         china (China No.1, default) or itu (Q.421/Q.441)\n"
		"  -o, --originate N       place N calls (we are the forward side)\n"
		"  -T, --terminate N       answer N calls (backward side), then exit\n"
		"      --status            print each channel's state and the far end's bits, "
		"exit\n"
		"  -p, --parallel K        calls in progress at once (default: all channels)\n"
		"      --called NUM        called number; each X is a digit of the call's\n"
		"                          sequence number (default 12345)\n"
		"      --calling NUM       calling number, same X rule (default 13800138000)\n"
		"      --no-calling        originate without a calling number\n"
		"      --category N        KA (China) / group II category, 1-15 (default: "
		"variant)\n"
		"      --kd N              KD (China) / group II after A3, 1-15 (default: "
		"variant)\n"
		"      --called-len N      terminate: digits of a complete called number\n"
		"                          (0 = end by silence, T_DIGIT; default 0)\n"
		"      --no-ask-calling    terminate: do not ask for category and calling number\n"
		"      --calling-after N   terminate: ask for them after N called digits\n"
		"      --expect-called T   terminate: check the called number (X = any digit)\n"
		"      --expect-calling T  terminate: check the calling number ('none': must\n"
		"                          be unavailable)\n"
		"      --expect-category N terminate: check the category\n"
		"      --expect-result R   count calls ending with result R as good (default ok)\n"
		"      --accept R          terminate: free (default), busy, congestion, "
		"unallocated\n"
		"      --hangup local|remote  who clears (default: the originating side)\n"
		"      --hold-ms MS        answer -> clear (default 0)\n"
		"      --timeout S         overall timeout (default 120)\n"
		"      --call-timeout MS   per-call timeout (default 30000)\n"
		"      --wait-idle S       after the calls, wait up to S s for every channel to\n"
		"                          be idle (e.g. after an alarm); report it in the "
		"summary\n"
		"      --cid PATH          caller-ID sink (default /dev/callcenter/callerid)\n"
		"      --no-cid            do not publish caller IDs\n"
		"      --bufs N            DAHDI 20 ms buffers, 2-32 (default 32)\n"
		"      --events            print every call event on stdout\n"
		"      --log SPEC          log levels, e.g. r2=debug (also $CC_LOG)\n"
		"  -v, --verbose           events on stderr\n"
		"  -h, --help              this text\n"
		"\n"
		"Output: 'call n= chan= dir= called= calling= category= kd= ms= result=' per\n"
		"call, then 'summary ...'.  Exit 0 if all N calls ended with the expected\n"
		"result, 1 if not, 2 on usage or setup errors.\n");
}

static void check_number(const char *what, const char *s)
{
	if (!s[0] || !cc_callrun_template_is_valid(s, CC_R2_NUM_MAX)) {
		fprintf(stderr, "cc-r2: %s: 1 to %d digits or X\n", what, CC_R2_NUM_MAX);
		exit(2);
	}
}

static void parse_args(int argc, char **argv)
{
	enum {
		O_CALLED = 256,
		O_CALLING,
		O_NOCALLING,
		O_CATEGORY,
		O_KD,
		O_CALLEDLEN,
		O_NOASK,
		O_CALLINGAFTER,
		O_XCALLED,
		O_XCALLING,
		O_XCATEGORY,
		O_XRESULT,
		O_ACCEPT,
		O_WAITIDLE,
		O_CID,
		O_NOCID,
		O_BUFS,
		O_EVENTS,
		O_STATUS,
		O_LOG,
	};
	static const struct option lo[] = {
		{ "chans", required_argument, NULL, 'c' },
		{ "variant", required_argument, NULL, 'V' },
		CC_CALLRUN_LONGOPTS,
		{ "parallel", required_argument, NULL, 'p' },
		{ "called", required_argument, NULL, O_CALLED },
		{ "calling", required_argument, NULL, O_CALLING },
		{ "no-calling", no_argument, NULL, O_NOCALLING },
		{ "category", required_argument, NULL, O_CATEGORY },
		{ "kd", required_argument, NULL, O_KD },
		{ "called-len", required_argument, NULL, O_CALLEDLEN },
		{ "no-ask-calling", no_argument, NULL, O_NOASK },
		{ "calling-after", required_argument, NULL, O_CALLINGAFTER },
		{ "expect-called", required_argument, NULL, O_XCALLED },
		{ "expect-calling", required_argument, NULL, O_XCALLING },
		{ "expect-category", required_argument, NULL, O_XCATEGORY },
		{ "expect-result", required_argument, NULL, O_XRESULT },
		{ "accept", required_argument, NULL, O_ACCEPT },
		{ "wait-idle", required_argument, NULL, O_WAITIDLE },
		{ "cid", required_argument, NULL, O_CID },
		{ "no-cid", no_argument, NULL, O_NOCID },
		{ "bufs", required_argument, NULL, O_BUFS },
		{ "events", no_argument, NULL, O_EVENTS },
		{ "status", no_argument, NULL, O_STATUS },
		{ "log", required_argument, NULL, O_LOG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "c:V:o:T:p:vh", lo, NULL)) != -1) {
		if (cc_callrun_opt(&run, c, optarg))
			continue;
		switch (c) {
		case 'c':
			cc_callrun_chans_parse(&run, optarg, o.chans, MAX_CHANS, &o.nchans);
			break;
		case 'V':
			if (!strcmp(optarg, "china") || !strcmp(optarg, "cn"))
				o.variant = CC_R2_VAR_CHINA;
			else if (!strcmp(optarg, "itu"))
				o.variant = CC_R2_VAR_ITU;
			else {
				fprintf(stderr, "cc-r2: variant: china or itu\n");
				exit(2);
			}
			break;
		case 'p':
			o.parallel = (int)cc_callrun_num(&run, optarg, "parallel", 1, MAX_CHANS);
			break;
		case O_CALLED:
			check_number("called number", optarg);
			o.called = optarg;
			break;
		case O_CALLING:
			check_number("calling number", optarg);
			o.calling = optarg;
			break;
		case O_NOCALLING:
			o.no_calling = true;
			break;
		case O_CATEGORY:
			o.category = (int)cc_callrun_num(&run, optarg, "category", 1, 15);
			break;
		case O_KD:
			o.kd = (int)cc_callrun_num(&run, optarg, "KD", 1, 15);
			break;
		case O_CALLEDLEN:
			o.called_len = (int)cc_callrun_num(&run, optarg, "called length", 0,
							   CC_R2_NUM_MAX);
			break;
		case O_NOASK:
			o.no_calling = true; /* (terminating side: do not ask) */
			break;
		case O_CALLINGAFTER:
			o.calling_after = (int)cc_callrun_num(&run, optarg, "calling-after", 0,
							      CC_R2_NUM_MAX);
			break;
		case O_XCALLED:
			o.x_called = optarg;
			break;
		case O_XCALLING:
			o.x_calling = optarg;
			break;
		case O_XCATEGORY:
			o.x_category = (int)cc_callrun_num(&run, optarg, "category", 0, 15);
			break;
		case O_XRESULT:
			run.expect_result = optarg;
			break;
		case O_ACCEPT:
			if (!strcmp(optarg, "free"))
				o.accept = CC_R2_B_FREE_CHARGE;
			else if (!strcmp(optarg, "busy"))
				o.accept = CC_R2_B_BUSY;
			else if (!strcmp(optarg, "congestion"))
				o.accept = CC_R2_B_CONGESTION;
			else if (!strcmp(optarg, "unallocated"))
				o.accept = CC_R2_B_UNALLOCATED;
			else {
				fprintf(stderr,
					"cc-r2: --accept free|busy|congestion|unallocated\n");
				exit(2);
			}
			break;
		case O_WAITIDLE:
			o.idle_wait_s = (int)cc_callrun_num(&run, optarg, "idle wait", 0, 3600);
			break;
		case O_CID:
			o.cid_path = optarg;
			break;
		case O_NOCID:
			o.cid_path = NULL;
			break;
		case O_BUFS:
			o.bufs = (unsigned int)cc_callrun_num(&run, optarg, "buffers", 2, 32);
			break;
		case O_EVENTS:
			o.events = true;
			break;
		case O_STATUS:
			o.status = true;
			break;
		case O_LOG:
			if (cc_log_parse_levels(optarg, NULL) < 0) {
				fprintf(stderr, "cc-r2: bad --log '%s' (e.g. r2=debug)\n", optarg);
				exit(2);
			}
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind != argc || !o.nchans || (run.mode == CC_CALLRUN_NONE && !o.status)) {
		usage(stderr);
		exit(2);
	}
	if (!o.parallel)
		o.parallel = o.nchans;
}

int main(int argc, char **argv)
{
	struct cc_r2_group_ops ops = { .event = on_event };
	struct cc_r2_group_cfg cfg;
	uint64_t t0, idle_deadline = 0;
	const struct cc_r2_group_stats *st;
	const char *why = NULL;
	int ret, n_idle = 0, n_alarm = 0;

	cc_callrun_init(&run, &run_cfg);
	run.mode = CC_CALLRUN_NONE;
	if (getenv("CC_LOG") && cc_log_parse_levels(getenv("CC_LOG"), NULL) < 0)
		fprintf(stderr, "cc-r2: ignoring bad CC_LOG\n");
	parse_args(argc, argv);
	cc_callrun_start();

	memset(&cfg, 0, sizeof(cfg));
	cfg.r2.variant = o.variant;
	cfg.r2.called_len = o.called_len;
	cfg.r2.want_calling = !(run.mode == CC_CALLRUN_TERMINATE && o.no_calling);
	cfg.r2.calling_after = o.calling_after;
	cfg.numbufs = o.bufs;
	cfg.cid_path = o.cid_path;
	ret = cc_r2_group_open_dahdi(&cfg, o.chans, (size_t)o.nchans, &ops, NULL, &grp);
	if (ret < 0) {
		fprintf(stderr, "cc-r2: cannot open DAHDI channels %d..%d: %s%s\n", o.chans[0],
			o.chans[o.nchans - 1], strerror(-ret),
			ret == -EINVAL ? " (not cas= channels?)" : "");
		return 2;
	}
	if (o.status) {
		/* let the far end's bits settle through the debounce first */
		for (t0 = cc_r2_group_now(grp); cc_r2_group_now(grp) < t0 + 100;)
			(void)cc_r2_group_run(grp, 20);
		for (unsigned int i = 0; i < (unsigned int)o.nchans; i++) {
			const struct cc_r2_chan *ch = cc_r2_group_chan(grp, i);

			printf("chan=%d state=%s rx_ab=%d%d\n", cc_r2_group_channo(grp, i),
			       cc_r2_st_name(ch->st), ch->rx_raw >> 1 & 1, ch->rx_raw & 1);
		}
		cc_r2_group_free(grp);
		return 0;
	}
	printf("cc-r2 variant=%s chans=%d-%d (%d) mode=%s calls=%d\n",
	       cc_r2_variant_get(o.variant)->name, o.chans[0], o.chans[o.nchans - 1], o.nchans,
	       cc_callrun_mode_name(&run), run.calls);

	run.t0_ms = cc_r2_group_now(grp); /* the group's clock */
	for (;;) {
		uint64_t now = cc_r2_group_now(grp);

		if (call_error) {
			why = "error";
			break;
		}
		if (cc_callrun_is_over(&run, now, &why))
			break;
		tick(now);
		if (run.completed >= run.calls && !run.linger_until_ms) {
			bool idle = all_idle();

			if (o.idle_wait_s && !idle && !idle_deadline)
				idle_deadline = now + (uint64_t)o.idle_wait_s * 1000u;
			/* linger: the far end must see our idle bits before we close */
			if (!o.idle_wait_s || idle || now >= idle_deadline) {
				cc_callrun_linger(&run, now);
				count_states(&n_idle, &n_alarm); /* before the far end leaves */
			}
		}
		ret = cc_r2_group_run(grp, RETRY_MS);
		if (ret < 0 && ret != -EINTR) {
			fprintf(stderr, "cc-r2: %s\n", strerror(-ret));
			why = "poll-error";
			break;
		}
	}
	if (!run.linger_until_ms)
		count_states(&n_idle, &n_alarm);
	st = cc_r2_group_stats_get(grp);
	cc_callrun_summary_begin(&run, cc_r2_variant_get(o.variant)->name);
	printf(" unexpected=%d alarms=%d idle=%d in_alarm=%d cid_published=%u cid_failed=%u "
	       "mf_signals=%u tx_elast=%u tx_full=%u rx_errors=%u",
	       run.unexpected, alarm_events, n_idle, n_alarm, st->cid_published, st->cid_failed,
	       st->mf_signals, st->tx_elast, st->tx_full, st->rx_errors);
	cc_callrun_summary_end(&run, cc_r2_group_now(grp), why);
	if (st->cid_failed)
		fprintf(stderr, "cc-r2: %u caller-ID records not published: %s\n", st->cid_failed,
			strerror(-st->cid_last_error));
	cc_r2_group_free(grp);
	return cc_callrun_exit_status(&run, why);
}
