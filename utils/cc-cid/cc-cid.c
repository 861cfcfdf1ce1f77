// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc-cid - read, filter and publish caller-ID records of /dev/callcenter/callerid.
 *
 * Text and JSON (-j) come from the same print calls.  See cc-cid(8).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <uapi/callcenter/cid.h>

static const char *const src_names[CC_CID_SRC_COUNT] = {
	[CC_CID_SRC_NONE] = "none",	 [CC_CID_SRC_SS7_ISUP] = "isup",
	[CC_CID_SRC_SS7_TUP] = "tup",	 [CC_CID_SRC_R2] = "r2",
	[CC_CID_SRC_ANALOG_FSK] = "fsk", [CC_CID_SRC_ANALOG_DTMF] = "dtmf",
	[CC_CID_SRC_OTHER] = "other",
};
static const char *const pres_names[] = { "allowed", "restricted", "unavailable" };
static const char *const screen_names[] = { "user-unverified", "user-passed", "user-failed",
					    "network" };
static const char *const flag_names[] = { "calling", "called", "incomplete", "international",
					  "test" };

static int json;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cc-cid [read] [-j] [-b] [-n COUNT] [-t SECONDS] [-s SPAN[-SPAN]] [-S "
		"SRC[,SRC...]]\n"
		"       cc-cid publish --source SRC [--span N] [--channel N] [--calling NUM]\n"
		"              [--called NUM] [--category N] [--presentation "
		"allowed|restricted|unavailable]\n"
		"              [--screening user-unverified|user-passed|user-failed|network]\n"
		"              [--incomplete] [--international] [--test]\n"
		"       cc-cid stats [-j]\n"
		"Read caller-ID records from %s (from now on, or with -b the retained\n"
		"backlog first), filtered by span range (-s) and sources (-S: isup, tup, r2, fsk,\n"
		"dtmf, other); publish one record (needs CAP_NET_ADMIN or the writer group);\n"
		"show the device counters.  -j prints JSON, one object per line.\n"
		"Exit status: 0 success, 1 error (device, refused record, overrun), 2 usage.\n",
		CC_CID_DEVICE);
}

/* one "key=value" (text) or "\"key\":value" (JSON) field */
static void field(int *first, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (json)
		printf("%s\"%s\":", *first ? "{" : ",", key);
	else
		printf("%s%s=", *first ? "" : " ", key);
	*first = 0;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static const char *q(void)
{
	return json ? "\"" : "";
}

static void print_record(const struct cc_cid_record *r)
{
	char tbuf[32];
	struct tm tm;
	time_t t = (time_t)r->ts_sec;
	int first = 1;
	unsigned int i, n = 0;

	gmtime_r(&t, &tm);
	strftime(tbuf, sizeof(tbuf), "%Y-%m-%dT%H:%M:%S", &tm);
	field(&first, "seq", "%llu", (unsigned long long)r->seq);
	field(&first, "time", "%s%s.%03uZ%s", q(), tbuf, r->ts_nsec / 1000000u, q());
	field(&first, "span", "%u", r->span);
	field(&first, json ? "channel" : "chan", "%u", r->channel);
	field(&first, "source", "%s%s%s", q(),
	      r->source < CC_CID_SRC_COUNT ? src_names[r->source] : "?", q());
	field(&first, "calling", "%s%s%s", q(), r->calling, q());
	field(&first, "called", "%s%s%s", q(), r->called, q());
	field(&first, "category", "%u", r->category);
	field(&first, "presentation", "%s%s%s", q(),
	      r->presentation < 3 ? pres_names[r->presentation] : "?", q());
	field(&first, "screening", "%s%s%s", q(),
	      r->screening < 4 ? screen_names[r->screening] : "?", q());
	field(&first, "flags", "%s", json ? "[" : "");
	for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (r->flags & (1u << i))
			printf("%s%s%s%s", n++ ? "," : "", q(), flag_names[i], q());
	printf("%s\n", json ? "]}" : "");
}

static int source_by_name(const char *s)
{
	int i;

	for (i = 1; i < CC_CID_SRC_COUNT; i++)
		if (!strcmp(s, src_names[i]))
			return i;
	return -1;
}

static int name_index(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

static int cmd_read(int argc, char **argv)
{
	struct cc_cid_filter f = { 0 };
	long count = -1, seen = 0;
	double secs = -1;
	int backlog = 0, opt, fd;
	struct timespec t0, t;
	char *tok, *save;

	while ((opt = getopt(argc, argv, "jbn:t:s:S:h")) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'b':
			backlog = 1;
			break;
		case 'n':
			count = atol(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		case 's':
			if (sscanf(optarg, "%hu-%hu", &f.span_min, &f.span_max) == 1)
				f.span_max = f.span_min;
			else if (sscanf(optarg, "%hu-%hu", &f.span_min, &f.span_max) != 2)
				return usage(stderr), 2;
			break;
		case 'S':
			for (tok = strtok_r(optarg, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				int s = source_by_name(tok);

				if (s < 0) {
					fprintf(stderr, "cc-cid: unknown source '%s'\n", tok);
					return 2;
				}
				f.sources |= 1u << s;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	fd = open(CC_CID_DEVICE, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "cc-cid: %s: %s\n", CC_CID_DEVICE, strerror(errno));
		return 1;
	}
	if (ioctl(fd, CC_CID_IOC_SET_FILTER, &f)) {
		fprintf(stderr, "cc-cid: filter: %s\n", strerror(errno));
		return 2;
	}
	if (backlog && ioctl(fd, CC_CID_IOC_SEEK_OLDEST)) {
		fprintf(stderr, "cc-cid: backlog: %s\n", strerror(errno));
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (count < 0 || seen < count) {
		struct cc_cid_record r[16];
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int to = -1;
		ssize_t n;
		int i;

		if (secs >= 0) {
			double left;

			clock_gettime(CLOCK_MONOTONIC, &t);
			left = secs -
			       ((double)(t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9);
			if (left <= 0)
				break;
			to = (int)(left * 1000) + 1;
		}
		if (poll(&p, 1, to) < 0 && errno != EINTR)
			return 1;
		n = read(fd, r, sizeof(r));
		if (n < 0 && errno == EPIPE) {
			struct cc_cid_stats st;

			ioctl(fd, CC_CID_IOC_GET_STATS, &st);
			fprintf(stderr, "cc-cid: overrun: %llu records lost so far\n",
				(unsigned long long)st.lost);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			fprintf(stderr, "cc-cid: read: %s\n", strerror(errno));
			return 1;
		}
		for (i = 0; i < n / (ssize_t)sizeof(r[0]) && (count < 0 || seen < count);
		     i++, seen++)
			print_record(&r[i]);
	}
	return 0;
}

/* @s as a decimal number in [0, @max]; -1 (with a message) if it is not one */
static long parse_num(const char *what, const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max) {
		fprintf(stderr, "cc-cid: bad %s '%s' (0..%ld)\n", what, s, max);
		return -1;
	}
	return v;
}

static int cmd_publish(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "source", required_argument, NULL, 'o' },
		{ "span", required_argument, NULL, 's' },
		{ "channel", required_argument, NULL, 'c' },
		{ "calling", required_argument, NULL, 'a' },
		{ "called", required_argument, NULL, 'b' },
		{ "category", required_argument, NULL, 'k' },
		{ "presentation", required_argument, NULL, 'p' },
		{ "screening", required_argument, NULL, 'r' },
		{ "incomplete", no_argument, NULL, 'I' },
		{ "international", no_argument, NULL, 'N' },
		{ "test", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cc_cid_record r;
	int opt, fd, v;

	memset(&r, 0, sizeof(r));
	r.version = CC_CID_ABI_VERSION;
	r.size = sizeof(r);
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			v = source_by_name(optarg);
			if (v < 0)
				return usage(stderr), 2;
			r.source = (__u8)v;
			break;
		case 's':
		case 'c': {
			long n = parse_num(opt == 's' ? "span" : "channel", optarg, 65535);

			if (n < 0)
				return 2;
			if (opt == 's')
				r.span = (__u16)n;
			else
				r.channel = (__u16)n;
			break;
		}
		case 'a':
			if (strlen(optarg) >= CC_CID_NUM_LEN)
				return usage(stderr), 2;
			strncpy(r.calling, optarg, sizeof(r.calling) - 1);
			r.flags |= *optarg ? CC_CID_F_CALLING : 0;
			break;
		case 'b':
			if (strlen(optarg) >= CC_CID_NUM_LEN)
				return usage(stderr), 2;
			strncpy(r.called, optarg, sizeof(r.called) - 1);
			r.flags |= *optarg ? CC_CID_F_CALLED : 0;
			break;
		case 'k': {
			long n = parse_num("category", optarg, 255);

			if (n < 0)
				return 2;
			r.category = (__u8)n;
			break;
		}
		case 'p':
			v = name_index(optarg, pres_names, 3);
			if (v < 0)
				return usage(stderr), 2;
			r.presentation = (__u8)v;
			break;
		case 'r':
			v = name_index(optarg, screen_names, 4);
			if (v < 0)
				return usage(stderr), 2;
			r.screening = (__u8)v;
			break;
		case 'I':
			r.flags |= CC_CID_F_INCOMPLETE;
			break;
		case 'N':
			r.flags |= CC_CID_F_INTERNATIONAL;
			break;
		case 'T':
			r.flags |= CC_CID_F_TEST;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!r.source) {
		fprintf(stderr, "cc-cid: publish needs --source\n");
		return 2;
	}
	fd = open(CC_CID_DEVICE, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "cc-cid: %s: %s\n", CC_CID_DEVICE, strerror(errno));
		return 1;
	}
	if (write(fd, &r, sizeof(r)) != (ssize_t)sizeof(r)) {
		fprintf(stderr, "cc-cid: publish: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

static int cmd_stats(int argc, char **argv)
{
	struct cc_cid_stats st;
	int fd, first = 1;

	if (argc > 1 && !strcmp(argv[1], "-j"))
		json = 1;
	fd = open(CC_CID_DEVICE, O_RDONLY);
	if (fd < 0 || ioctl(fd, CC_CID_IOC_GET_STATS, &st)) {
		fprintf(stderr, "cc-cid: %s: %s\n", CC_CID_DEVICE, strerror(errno));
		return 1;
	}
	field(&first, "next_seq", "%llu", (unsigned long long)st.next_seq);
	field(&first, "oldest_seq", "%llu", (unsigned long long)st.oldest_seq);
	field(&first, "published", "%llu", (unsigned long long)st.published);
	field(&first, "rejected", "%llu", (unsigned long long)st.rejected);
	field(&first, "ring_size", "%u", st.ring_size);
	field(&first, "open_files", "%u", st.readers);
	printf("%s\n", json ? "}" : "");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "publish"))
		return cmd_publish(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "stats"))
		return cmd_stats(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "read"))
		return cmd_read(argc - 1, argv + 1);
	return cmd_read(argc, argv);
}
