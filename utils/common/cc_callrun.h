/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cc_callrun - what the call-running programs have in common: cc-ss7, cc-r2
 * and the VM test peers libss7_peer (libss7) and openr2_peer (OpenR2).
 *
 * Each of them originates or terminates N calls over some stack, checks what
 * arrives against number templates, prints one line per finished call
 *
 *   call n=<i> <program's fields> ms=<ms> result=<ok|reason>
 *
 * and a final line
 *
 *   summary mode=<m> [variant=<v>] requested= started= completed= ok= failed=
 *           <program's counters> elapsed_ms=<ms>[ stopped=<why>]
 *
 * and exits 0 only if every requested call ended as expected, 1 if not, 2 on
 * usage or setup errors.  The stack, the per-call fields and the counters stay
 * in the program; the run (options every program has, the counters above,
 * the stop conditions) and the per-call bookkeeping live here.
 *
 * Number templates: each 'X' stands for one digit.  Originating, the Xs take
 * the digits of the call's sequence number, right-aligned and zero-padded
 * ("1380013XXXX", call 7 -> "13800130007"); checking, an X matches any digit.
 *
 * Not thread-safe: one run per process (the signal handler is global).  Usage
 * errors print "<prog>: ..." on stderr and exit(2), as the programs always did.
 */
#ifndef CC_CALLRUN_H
#define CC_CALLRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* after the last call, keep the line running so the far end sees it clear */
#define CC_CALLRUN_LINGER_MS 500

enum cc_callrun_mode {
	CC_CALLRUN_ORIGINATE,
	CC_CALLRUN_TERMINATE,
	CC_CALLRUN_NONE, /* not chosen (yet) */
};

enum cc_callrun_hangup {
	CC_CALLRUN_HANGUP_DEFAULT, /* the originating side clears */
	CC_CALLRUN_HANGUP_LOCAL,
	CC_CALLRUN_HANGUP_REMOTE,
};

/*
 * getopt_long() entries of the options every program has: -o/--originate N,
 * -T/--terminate N, --hangup local|remote, --hold-ms MS, --call-timeout MS,
 * --timeout S, -v/--verbose.  cc_callrun_opt() takes their values.
 */
#define CC_CALLRUN_OPT_HANGUP	   0x1000
#define CC_CALLRUN_OPT_HOLD	   0x1001
#define CC_CALLRUN_OPT_CALLTIMEOUT 0x1002
#define CC_CALLRUN_OPT_TIMEOUT	   0x1003
/* clang-format off */
#define CC_CALLRUN_LONGOPTS							\
	{ "originate", required_argument, NULL, 'o' },				\
	{ "terminate", required_argument, NULL, 'T' },				\
	{ "hangup", required_argument, NULL, CC_CALLRUN_OPT_HANGUP },		\
	{ "hold-ms", required_argument, NULL, CC_CALLRUN_OPT_HOLD },		\
	{ "call-timeout", required_argument, NULL, CC_CALLRUN_OPT_CALLTIMEOUT }, \
	{ "timeout", required_argument, NULL, CC_CALLRUN_OPT_TIMEOUT },		\
	{ "verbose", no_argument, NULL, 'v' }
/* clang-format on */

/**
 * struct cc_callrun_cfg - what differs between the programs' common options
 * @prog: prefix of error messages ("cc-ss7")
 * @num_base: strtol() base of numeric option values: 10, or 0 for C prefixes
 * @calls_max: largest N of -o N / -T N
 * @ms_max: largest --hold-ms and --call-timeout
 * @timeout_s_max: largest --timeout
 * @call_timeout_ms: default --call-timeout
 */
struct cc_callrun_cfg {
	const char *prog;
	int num_base;
	long calls_max, ms_max, timeout_s_max;
	int call_timeout_ms;
};

/**
 * struct cc_callrun - one program run
 * @cfg: the program's (borrowed)
 * @mode: originate or terminate (options -o N / -T N)
 * @hangup: who clears (option --hangup)
 * @calls: calls requested
 * @hold_ms: answer -> local clearing (option --hold-ms)
 * @call_timeout_ms: per call (option --call-timeout); what it covers is the
 *                   program's
 * @timeout_s: whole run (option --timeout)
 * @verbose: cc_callrun_log() level (option -v, repeated)
 * @expect_result: the result that counts as ok ("ok")
 * @t0_ms: start of the run, base of elapsed times, on the clock the program
 *         passes as now_ms: CLOCK_MONOTONIC ms (set so by cc_callrun_init()),
 *         unless the program runs on another clock (cc-r2: its group's, which
 *         the loopback back-end may drive); cc_callrun_log() assumes the former
 * @linger_until_ms: 0, or when the run ends after its last call
 * @started: calls begun (the next call's number is @started + 1)
 * @completed: calls ended, = @ok + @failed
 * @ok: calls ended with @expect_result
 * @failed: calls ended otherwise
 * @unexpected: messages or calls the program did not expect
 */
struct cc_callrun {
	const struct cc_callrun_cfg *cfg;
	enum cc_callrun_mode mode;
	enum cc_callrun_hangup hangup;
	int calls;
	int hold_ms;
	int call_timeout_ms;
	int timeout_s;
	int verbose;
	const char *expect_result;
	uint64_t t0_ms;
	uint64_t linger_until_ms;
	int started, completed, ok, failed, unexpected;
};

/**
 * struct cc_callrun_call - bookkeeping of one call, embedded in the program's
 * per-circuit or per-channel state (all zero: no call)
 * @n: sequence number, 1-based; 0 = no call
 * @t_start_ms: when the call began (or its timeout was restarted)
 * @t_hangup_ms: answered + hold: when the local side clears
 * @fail: first failure reason, NULL while the call is fine
 */
struct cc_callrun_call {
	int n;
	uint64_t t_start_ms;
	uint64_t t_hangup_ms;
	const char *fail;
};

/* ---- the run ---- */

void cc_callrun_init(struct cc_callrun *r, const struct cc_callrun_cfg *cfg);
void cc_callrun_start(void);
uint64_t cc_callrun_now_ms(void);
uint64_t cc_callrun_ms_since(uint64_t now_ms, uint64_t then_ms);
void cc_callrun_log(const struct cc_callrun *r, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *cc_callrun_mode_name(const struct cc_callrun *r);
bool cc_callrun_is_local_hangup(const struct cc_callrun *r);
void cc_callrun_linger(struct cc_callrun *r, uint64_t now_ms);
bool cc_callrun_is_over(const struct cc_callrun *r, uint64_t now_ms, const char **out_why);
void cc_callrun_summary_begin(const struct cc_callrun *r, const char *variant);
void cc_callrun_summary_end(const struct cc_callrun *r, uint64_t now_ms, const char *why);
int cc_callrun_exit_status(const struct cc_callrun *r, const char *why);

/* ---- option values (usage errors exit 2) ---- */

bool cc_callrun_opt(struct cc_callrun *r, int opt, const char *arg);
long cc_callrun_num(const struct cc_callrun *r, const char *s, const char *what, long lo, long hi);
void cc_callrun_chans_parse(const struct cc_callrun *r, char *list, int *chans, int max,
			    int *nchans);
bool cc_callrun_template_is_valid(const char *tmpl, size_t max_digits);

/* ---- numbers ---- */

void cc_callrun_expand(char *dst, size_t len, const char *tmpl, int n);
bool cc_callrun_matches(const char *tmpl, const char *num);
const char *cc_callrun_or_dash(const char *num);

/* ---- calls ---- */

void cc_callrun_call_start(struct cc_callrun *r, struct cc_callrun_call *c, uint64_t now_ms);
void cc_callrun_call_fail(struct cc_callrun_call *c, const char *why);
void cc_callrun_call_answered(const struct cc_callrun *r, struct cc_callrun_call *c,
			      uint64_t now_ms);
bool cc_callrun_call_is_hangup_due(const struct cc_callrun *r, const struct cc_callrun_call *c,
				   uint64_t now_ms);
bool cc_callrun_call_end(struct cc_callrun *r, const struct cc_callrun_call *c, uint64_t now_ms,
			 const char *result, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif /* CC_CALLRUN_H */
