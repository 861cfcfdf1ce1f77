// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc_callrun - scaffolding shared by cc-ss7, cc-r2, libss7_peer and
 * openr2_peer: run options and counters, stop conditions, number templates,
 * per-call result lines and the summary frame.  See cc_callrun.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_callrun.h"

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
}

/**
 * cc_callrun_now_ms() - CLOCK_MONOTONIC in ms
 */
uint64_t cc_callrun_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/**
 * cc_callrun_ms_since() - @now_ms - @then_ms, or 0 if @then_ms is later
 *
 * A loop that read the clock once (@now_ms) may meet times taken after it,
 * e.g. of a call it has just started: that call is 0 ms old, not 2^64 - 1.
 */
uint64_t cc_callrun_ms_since(uint64_t now_ms, uint64_t then_ms)
{
	return now_ms > then_ms ? now_ms - then_ms : 0;
}

/**
 * cc_callrun_init() - zero @r, set the defaults every program shares
 * @r: caller storage
 * @cfg: the program's (borrowed, must outlive @r)
 *
 * Originate 1 call, the originating side clears, no hold, the program's call
 * timeout, 120 s overall, "ok" is the good result; the run's clock starts now.
 */
void cc_callrun_init(struct cc_callrun *r, const struct cc_callrun_cfg *cfg)
{
	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	r->mode = CC_CALLRUN_ORIGINATE;
	r->hangup = CC_CALLRUN_HANGUP_DEFAULT;
	r->calls = 1;
	r->call_timeout_ms = cfg->call_timeout_ms;
	r->timeout_s = 120;
	r->expect_result = "ok";
	r->t0_ms = cc_callrun_now_ms();
}

/**
 * cc_callrun_start() - line-buffer stdout, catch SIGINT and SIGTERM
 *
 * A caught signal ends the run at the next cc_callrun_is_over() ("signal").
 */
void cc_callrun_start(void)
{
	struct sigaction sa;

	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/**
 * cc_callrun_log() - "[seconds.ms] message" on stderr if -v was given @level times
 */
void cc_callrun_log(const struct cc_callrun *r, int level, const char *fmt, ...)
{
	va_list ap;

	if (r->verbose < level)
		return;
	fprintf(stderr, "[%7.3f] ", (double)(cc_callrun_now_ms() - r->t0_ms) / 1000.0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/**
 * cc_callrun_mode_name() - "originate" or "terminate" (also for no mode)
 */
const char *cc_callrun_mode_name(const struct cc_callrun *r)
{
	return r->mode == CC_CALLRUN_ORIGINATE ? "originate" : "terminate";
}

/**
 * cc_callrun_is_local_hangup() - does this side clear answered calls?
 *
 * Return: true with --hangup local, or by default when originating.
 */
bool cc_callrun_is_local_hangup(const struct cc_callrun *r)
{
	if (r->hangup == CC_CALLRUN_HANGUP_DEFAULT)
		return r->mode == CC_CALLRUN_ORIGINATE;
	return r->hangup == CC_CALLRUN_HANGUP_LOCAL;
}

/**
 * cc_callrun_linger() - end the run CC_CALLRUN_LINGER_MS from @now_ms
 *
 * Called when the program has nothing left to do; a second call keeps the
 * first end time.
 */
void cc_callrun_linger(struct cc_callrun *r, uint64_t now_ms)
{
	if (!r->linger_until_ms)
		r->linger_until_ms = now_ms + CC_CALLRUN_LINGER_MS;
}

/**
 * cc_callrun_is_over() - should the main loop stop?
 * @r: the run
 * @now_ms: the loop's time
 * @out_why: set to "signal" or "timeout" when the run stops early, left
 *           alone when it ends normally (lingering done)
 *
 * Return: true if the loop should stop.
 */
bool cc_callrun_is_over(const struct cc_callrun *r, uint64_t now_ms, const char **out_why)
{
	if (stop_sig) {
		*out_why = "signal";
		return true;
	}
	if (now_ms >= r->t0_ms + (uint64_t)r->timeout_s * 1000) {
		*out_why = "timeout";
		return true;
	}
	return r->linger_until_ms && now_ms >= r->linger_until_ms;
}

/**
 * cc_callrun_summary_begin() - "summary mode= [variant=] requested= ... failed="
 * @r: the run
 * @variant: printed as variant= if not NULL
 *
 * The program then prints its own " name=value" fields and ends the line with
 * cc_callrun_summary_end().
 */
void cc_callrun_summary_begin(const struct cc_callrun *r, const char *variant)
{
	printf("summary mode=%s", cc_callrun_mode_name(r));
	if (variant)
		printf(" variant=%s", variant);
	printf(" requested=%d started=%d completed=%d ok=%d failed=%d", r->calls, r->started,
	       r->completed, r->ok, r->failed);
}

/**
 * cc_callrun_summary_end() - " elapsed_ms=<ms>[ stopped=<why>]" and the newline
 */
void cc_callrun_summary_end(const struct cc_callrun *r, uint64_t now_ms, const char *why)
{
	printf(" elapsed_ms=%llu%s%s\n", (unsigned long long)(now_ms - r->t0_ms),
	       why ? " stopped=" : "", why ? why : "");
}

/**
 * cc_callrun_exit_status() - 0 if every requested call ended well, else 1
 * @r: the run
 * @why: why the run stopped early, NULL if it did not
 */
int cc_callrun_exit_status(const struct cc_callrun *r, const char *why)
{
	return r->ok == r->calls && r->failed == 0 && !why ? 0 : 1;
}

/* --hangup local|remote; exits 2 with "<prog>: --hangup local|remote" on anything else */
static void hangup_parse(struct cc_callrun *r, const char *arg)
{
	if (!strcmp(arg, "local")) {
		r->hangup = CC_CALLRUN_HANGUP_LOCAL;
	} else if (!strcmp(arg, "remote")) {
		r->hangup = CC_CALLRUN_HANGUP_REMOTE;
	} else {
		fprintf(stderr, "%s: --hangup local|remote\n", r->cfg->prog);
		exit(2);
	}
}

/**
 * cc_callrun_opt() - take the value of an option of CC_CALLRUN_LONGOPTS
 * @r: the run
 * @opt: getopt_long()'s return value
 * @arg: optarg
 *
 * Exits 2 on a bad value, as cc_callrun_num() does.
 *
 * Return: true if @opt is one of the common options, false if it is the
 * program's.
 */
bool cc_callrun_opt(struct cc_callrun *r, int opt, const char *arg)
{
	const struct cc_callrun_cfg *cfg = r->cfg;

	switch (opt) {
	case 'o':
	case 'T':
		r->mode = opt == 'o' ? CC_CALLRUN_ORIGINATE : CC_CALLRUN_TERMINATE;
		r->calls = (int)cc_callrun_num(r, arg, "call count", 0, cfg->calls_max);
		return true;
	case CC_CALLRUN_OPT_HANGUP:
		hangup_parse(r, arg);
		return true;
	case CC_CALLRUN_OPT_HOLD:
		r->hold_ms = (int)cc_callrun_num(r, arg, "hold time", 0, cfg->ms_max);
		return true;
	case CC_CALLRUN_OPT_CALLTIMEOUT:
		r->call_timeout_ms = (int)cc_callrun_num(r, arg, "call timeout", 100, cfg->ms_max);
		return true;
	case CC_CALLRUN_OPT_TIMEOUT:
		r->timeout_s = (int)cc_callrun_num(r, arg, "timeout", 1, cfg->timeout_s_max);
		return true;
	case 'v':
		r->verbose++;
		return true;
	default:
		return false;
	}
}

/**
 * cc_callrun_num() - parse an option's integer value in [@lo, @hi]
 *
 * Exits 2 with "<prog>: bad <what> '<s>' (lo..hi)" if it is not one.
 */
long cc_callrun_num(const struct cc_callrun *r, const char *s, const char *what, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, r->cfg->num_base);
	if (errno || end == s || *end || v < lo || v > hi) {
		fprintf(stderr, "%s: bad %s '%s' (%ld..%ld)\n", r->cfg->prog, what, s, lo, hi);
		exit(2);
	}
	return v;
}

/**
 * cc_callrun_chans_parse() - append a channel list ("63-77,79") to @chans
 * @r: the run (error messages)
 * @list: the option value, modified
 * @chans: channel numbers 1..4096
 * @max: capacity of @chans
 * @nchans: in: channels already in @chans; out: with the list's
 */
void cc_callrun_chans_parse(const struct cc_callrun *r, char *list, int *chans, int max,
			    int *nchans)
{
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		char *dash = strchr(tok, '-');
		int a, b;

		if (dash)
			*dash = '\0';
		a = (int)cc_callrun_num(r, tok, "channel", 1, 4096);
		b = dash ? (int)cc_callrun_num(r, dash + 1, "channel", a, 4096) : a;
		for (int ch = a; ch <= b; ch++) {
			if (*nchans == max) {
				fprintf(stderr, "%s: at most %d channels\n", r->cfg->prog, max);
				exit(2);
			}
			chans[(*nchans)++] = ch;
		}
	}
}

/**
 * cc_callrun_template_is_valid() - only digits and X, at most @max_digits?
 */
bool cc_callrun_template_is_valid(const char *tmpl, size_t max_digits)
{
	size_t l = strlen(tmpl);

	return l <= max_digits && strspn(tmpl, "0123456789X") == l;
}

/**
 * cc_callrun_expand() - a template with its Xs replaced by the digits of @n
 * @dst: output, truncated to @len - 1 characters
 * @len: size of @dst, at least 1
 * @tmpl: digits and Xs
 * @n: call sequence number
 *
 * The last X takes the units, the one before the tens, and so on
 * ("1380013XXXX", 7 -> "13800130007").
 */
void cc_callrun_expand(char *dst, size_t len, const char *tmpl, int n)
{
	size_t i = strlen(tmpl);

	snprintf(dst, len, "%s", tmpl);
	while (i-- > 0) {
		if (i < len - 1 && dst[i] == 'X') {
			dst[i] = (char)('0' + n % 10);
			n /= 10;
		}
	}
}

/**
 * cc_callrun_matches() - does @num match @tmpl (X = any digit)?
 */
bool cc_callrun_matches(const char *tmpl, const char *num)
{
	if (strlen(tmpl) != strlen(num))
		return false;
	for (; *tmpl; tmpl++, num++)
		if (*tmpl == 'X' ? (*num < '0' || *num > '9') : *tmpl != *num)
			return false;
	return true;
}

/**
 * cc_callrun_or_dash() - @num, or "-" if it is empty (result line fields)
 */
const char *cc_callrun_or_dash(const char *num)
{
	return num[0] ? num : "-";
}

/**
 * cc_callrun_call_start() - number a new call and start its clock
 * @r: the run: @r->started counts it
 * @c: the call, zeroed by the caller
 * @now_ms: the call's start
 */
void cc_callrun_call_start(struct cc_callrun *r, struct cc_callrun_call *c, uint64_t now_ms)
{
	c->n = ++r->started;
	c->t_start_ms = now_ms;
}

/**
 * cc_callrun_call_fail() - record why @c failed, unless it failed before
 * @why: a result word, static or living as long as the call
 */
void cc_callrun_call_fail(struct cc_callrun_call *c, const char *why)
{
	if (!c->fail)
		c->fail = why;
}

/**
 * cc_callrun_call_answered() - the local side may clear after the hold time
 */
void cc_callrun_call_answered(const struct cc_callrun *r, struct cc_callrun_call *c,
			      uint64_t now_ms)
{
	c->t_hangup_ms = now_ms + (uint64_t)r->hold_ms;
}

/**
 * cc_callrun_call_is_hangup_due() - is it this side's turn to clear @c?
 *
 * Only meaningful once @c is answered (cc_callrun_call_answered()).
 */
bool cc_callrun_call_is_hangup_due(const struct cc_callrun *r, const struct cc_callrun_call *c,
				   uint64_t now_ms)
{
	return cc_callrun_is_local_hangup(r) && now_ms >= c->t_hangup_ms;
}

/**
 * cc_callrun_call_end() - print the call's result line and count it
 * @r: the run: completed, and ok or failed, count the call
 * @c: the call (not cleared: the caller resets its own state)
 * @now_ms: the call's end, for ms=
 * @result: the result if the call has no failure recorded
 * @fmt: the program's fields between "call n=<i> " and " ms="
 *
 * Return: true if the call ended with @r->expect_result.
 */
bool cc_callrun_call_end(struct cc_callrun *r, const struct cc_callrun_call *c, uint64_t now_ms,
			 const char *result, const char *fmt, ...)
{
	const char *res = c->fail ? c->fail : result;
	bool good = !strcmp(res, r->expect_result);
	va_list ap;

	printf("call n=%d ", c->n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" ms=%llu result=%s\n",
	       (unsigned long long)cc_callrun_ms_since(now_ms, c->t_start_ms), res);
	r->completed++;
	if (good)
		r->ok++;
	else
		r->failed++;
	return good;
}
