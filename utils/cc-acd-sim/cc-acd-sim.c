// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc-acd-sim - run the ACD engine under a simulated call load and print its KPIs next
 * to the Erlang C / Erlang A predictions.  See cc-acd-sim(8).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/acd.h>
#include <callcenter/erlang.h>

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cc-acd-sim [OPTION]...\n"
		"Simulate one ACD queue (Poisson arrivals) driving the real engine; print KPIs\n"
		"and the Erlang C / Erlang A predictions for the same load.\n"
		"\n"
		"  -n, --calls=N          calls to simulate (default 100000)\n"
		"  -r, --rate=PER_HOUR    arrival rate in calls per hour (default 200)\n"
		"  -a, --agents=N         agents (default 13)\n"
		"  -t, --aht=SECONDS      mean handle (talk) time (default 180)\n"
		"  -d, --dist=exp|lognormal  handle time distribution (default exp)\n"
		"      --cv=X             lognormal coefficient of variation (default 1)\n"
		"  -p, --patience=SECONDS mean caller patience, 0 = never abandon (default 0)\n"
		"  -T, --threshold=SECONDS  service-level threshold (default 20)\n"
		"      --short-abandon=SECONDS  (default 5)\n"
		"  -s, --strategy=NAME    ring-all, longest-idle (default), round-robin, linear,\n"
		"                         fewest-calls, least-talk, best-skill, weighted-random,\n"
		"                         preferred\n"
		"  -w, --wrapup=SECONDS   after-call work per call (default 0)\n"
		"      --answer-delay=SECONDS  ring time before an agent answers (default 0)\n"
		"      --breaks=EVERY:LEN mean seconds between not-ready breaks and their length\n"
		"      --shift=SECONDS    agents work shifts of this length (two staggered "
		"groups)\n"
		"  -S, --seed=N           random seed (default 1)\n"
		"  -h, --help             this text\n"
		"\n"
		"Output: one \"key value\" line per figure.  Exit status 0, 1 on a bad option,\n"
		"2 if the engine reported an error.\n");
}

static int parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (errno || end == s || *end || !isfinite(*out) || *out < 0) ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "calls", required_argument, NULL, 'n' },
		{ "rate", required_argument, NULL, 'r' },
		{ "agents", required_argument, NULL, 'a' },
		{ "aht", required_argument, NULL, 't' },
		{ "dist", required_argument, NULL, 'd' },
		{ "cv", required_argument, NULL, 'c' },
		{ "patience", required_argument, NULL, 'p' },
		{ "threshold", required_argument, NULL, 'T' },
		{ "short-abandon", required_argument, NULL, 'A' },
		{ "strategy", required_argument, NULL, 's' },
		{ "wrapup", required_argument, NULL, 'w' },
		{ "answer-delay", required_argument, NULL, 'D' },
		{ "breaks", required_argument, NULL, 'b' },
		{ "shift", required_argument, NULL, 'H' },
		{ "seed", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cc_acd_sim_params p;
	struct cc_acd_sim_result r;
	struct cc_erlang_a_result ea;
	double v, rate_h = 200.0, thr = 20.0;
	int c, ret;

	cc_acd_sim_params_init(&p);
	p.arrivals_per_s = rate_h / 3600.0;
	while ((c = getopt_long(argc, argv, "n:r:a:t:d:p:T:s:w:S:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_double(optarg, &v) || v < 1 || v > 1e8)
				goto bad;
			p.calls = (uint32_t)v;
			break;
		case 'r':
			if (parse_double(optarg, &rate_h) || rate_h <= 0)
				goto bad;
			p.arrivals_per_s = rate_h / 3600.0;
			break;
		case 'a':
			if (parse_double(optarg, &v) || v < 1 || v > 100000)
				goto bad;
			p.agents = (uint32_t)v;
			break;
		case 't':
			if (parse_double(optarg, &p.aht_s) || p.aht_s <= 0)
				goto bad;
			break;
		case 'd':
			if (strcmp(optarg, "exp") == 0)
				p.handle_dist = CC_ACD_SIM_EXP;
			else if (strcmp(optarg, "lognormal") == 0)
				p.handle_dist = CC_ACD_SIM_LOGNORMAL;
			else
				goto bad;
			break;
		case 'c':
			if (parse_double(optarg, &p.handle_cv) || p.handle_cv <= 0)
				goto bad;
			break;
		case 'p':
			if (parse_double(optarg, &p.patience_s))
				goto bad;
			break;
		case 'T':
			if (parse_double(optarg, &thr) || thr > 86400)
				goto bad;
			p.sl_threshold_ms = (uint32_t)(thr * 1000);
			break;
		case 'A':
			if (parse_double(optarg, &v) || v > 86400)
				goto bad;
			p.short_abandon_ms = (uint32_t)(v * 1000);
			break;
		case 's':
			ret = cc_acd_strategy_parse(optarg);
			if (ret < 0)
				goto bad;
			p.strategy = (enum cc_acd_strategy)ret;
			break;
		case 'w':
			if (parse_double(optarg, &v) || v > 86400)
				goto bad;
			p.wrapup_ms = (uint32_t)(v * 1000);
			break;
		case 'D':
			if (parse_double(optarg, &v) || v > 3600)
				goto bad;
			p.answer_delay_ms = (uint32_t)(v * 1000);
			break;
		case 'b': {
			char *colon = strchr(optarg, ':');

			if (!colon)
				goto bad;
			*colon = 0;
			if (parse_double(optarg, &p.break_every_s) ||
			    parse_double(colon + 1, &p.break_len_s))
				goto bad;
			break;
		}
		case 'H':
			if (parse_double(optarg, &p.shift_s))
				goto bad;
			break;
		case 'S':
			if (parse_double(optarg, &v))
				goto bad;
			p.seed = (uint64_t)v;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind != argc)
		goto bad_usage;
	ret = cc_acd_sim_run(&p, &r);
	if (ret < 0) {
		fprintf(stderr, "cc-acd-sim: simulation failed: %s\n", strerror(-ret));
		return 2;
	}
	printf("calls_offered %u\n", r.q.offered);
	printf("calls_answered %u\n", r.q.answered);
	printf("calls_abandoned %u\n", r.q.abandoned);
	printf("short_abandoned %u\n", r.q.short_abandoned);
	printf("offered_load_erlangs %.4f\n", p.arrivals_per_s * p.aht_s);
	printf("service_level %.4f\n", r.sl);
	printf("service_level_answered %.4f\n", cc_acd_kpi_sl(&r.q, CC_ACD_SL_ANSWERED));
	printf("service_level_no_short %.4f\n", cc_acd_kpi_sl(&r.q, CC_ACD_SL_NO_SHORT));
	printf("answer_rate %.4f\n", cc_acd_kpi_answer_rate(&r.q));
	printf("asa_s %.3f\n", r.asa_s);
	printf("aht_s %.3f\n", cc_acd_kpi_aht_ms(&r.q) / 1000.0);
	printf("longest_wait_s %.3f\n", r.q.longest_wait_ms / 1000.0);
	printf("p_wait %.4f\n", r.p_wait);
	printf("p_abandon %.4f\n", r.p_abandon);
	printf("occupancy %.4f\n", r.occupancy);
	printf("simulated_time_s %.0f\n", r.sim_time_s);
	printf("events %llu\n", (unsigned long long)r.events);
	if (p.patience_s == 0.0) {
		double a = p.arrivals_per_s * p.aht_s;

		if ((double)p.agents > a) {
			printf("erlang_c_service_level %.4f\n",
			       cc_erlang_c_sl(p.agents, a, p.aht_s, thr));
			printf("erlang_c_asa_s %.3f\n", cc_erlang_c_asa(p.agents, a, p.aht_s));
			printf("erlang_c_p_wait %.4f\n", cc_erlang_c(p.agents, a));
		} else {
			printf("erlang_c unstable (agents <= offered load)\n");
		}
	} else if (cc_erlang_a(p.agents, p.arrivals_per_s, p.aht_s, p.patience_s, thr, &ea) == 0) {
		printf("erlang_a_service_level %.4f\n", ea.sl);
		printf("erlang_a_asa_s %.3f\n", ea.asa_s);
		printf("erlang_a_p_wait %.4f\n", ea.p_wait);
		printf("erlang_a_p_abandon %.4f\n", ea.p_abandon);
	}
	return 0;
bad:
	fprintf(stderr, "cc-acd-sim: bad value for option -%c: '%s'\n", c, optarg);
	return 1;
bad_usage:
	usage(stderr);
	return 1;
}
