// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc-span - show E1 spans, their alarms and line counters (DAHDI_SPANSTAT).
 *
 * For technicians: the same facts as /proc/dahdi and dahdi_scan, one line per
 * span or one span in detail, as text or JSON (-j) from the same print calls,
 * and a `check` command for monitoring that exits 3 when any span is in alarm.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <dahdi/user.h>

#include <callcenter/version.h>

enum { EXIT_USAGE = 2, EXIT_ALARM = 3 };

static bool json;
static const char *ctl_path = "/dev/dahdi/ctl";

/* ---- one emitter for text and JSON ------------------------------------ */
static int depth_fields;

static void out_begin(void)
{
	depth_fields = 0;
	if (json)
		fputs("{", stdout);
}

static void out_end(void)
{
	fputs(json ? "}\n" : "\n", stdout);
}

static void out_str(const char *key, const char *val)
{
	if (json) {
		printf("%s\"%s\":\"", depth_fields++ ? "," : "", key);
		for (const char *p = val; *p; p++) {
			if (*p == '"' || *p == '\\')
				printf("\\%c", *p);
			else if ((unsigned char)*p < 0x20)
				printf("\\u%04x", (unsigned char)*p);
			else
				putchar(*p);
		}
		putchar('"');
	} else {
		printf("%s%s=%s", depth_fields++ ? " " : "", key, *val ? val : "-");
	}
}

static void out_int(const char *key, long long val)
{
	if (json)
		printf("%s\"%s\":%lld", depth_fields++ ? "," : "", key, val);
	else
		printf("%s%s=%lld", depth_fields++ ? " " : "", key, val);
}

/* ---- DAHDI ------------------------------------------------------------- */
static void alarms_str(int alarms, char *buf, size_t len)
{
	static const struct {
		int bit;
		const char *name;
	} names[] = {
		{ DAHDI_ALARM_RED, "RED" },	      { DAHDI_ALARM_BLUE, "BLUE" },
		{ DAHDI_ALARM_YELLOW, "YELLOW" },     { DAHDI_ALARM_RECOVER, "RECOVER" },
		{ DAHDI_ALARM_LOOPBACK, "LOOPBACK" }, { DAHDI_ALARM_NOTOPEN, "NOTOPEN" },
		{ DAHDI_ALARM_LOS, "LOS" },	      { DAHDI_ALARM_LFA, "LFA" },
		{ DAHDI_ALARM_LMFA, "LMFA" },
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (alarms & names[i].bit)
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? "," : "",
					      names[i].name);
	if (!alarms)
		snprintf(buf, len, "OK");
}

static void lineconfig_str(int lc, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s%s", lc & DAHDI_CONFIG_CCS ? "CCS" : "CAS",
		 lc & DAHDI_CONFIG_HDB3 ? "HDB3" : (lc & DAHDI_CONFIG_AMI ? "AMI" : "-"),
		 lc & DAHDI_CONFIG_CRC4 ? "/CRC4" : "");
}

static int open_ctl(void)
{
	int fd = open(ctl_path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "cc-span: cannot open %s: %s (is the dahdi module loaded?)\n",
			ctl_path, strerror(errno));
	return fd;
}

static int span_stat(int fd, int spanno, struct dahdi_spaninfo *si)
{
	memset(si, 0, sizeof(*si));
	si->spanno = spanno;
	return ioctl(fd, DAHDI_SPANSTAT, si) < 0 ? -errno : 0;
}

static void print_span(const struct dahdi_spaninfo *si, bool detail)
{
	char alarms[96], lc[32];

	alarms_str(si->alarms, alarms, sizeof(alarms));
	lineconfig_str(si->lineconfig, lc, sizeof(lc));
	out_begin();
	out_int("span", si->spanno);
	out_str("name", si->name);
	out_str("type", si->spantype);
	out_str("alarms", alarms);
	out_str("line", lc);
	out_int("channels", si->totalchans);
	out_int("configured", si->numchans);
	out_int("syncsrc", si->syncsrc);
	if (detail) {
		out_str("desc", si->desc);
		out_str("manufacturer", si->manufacturer);
		out_str("devicetype", si->devicetype);
		out_str("location", si->location);
		out_int("bpv", si->bpvcount);
		out_int("crc4", si->crc4count);
		out_int("ebit", si->ebitcount);
		out_int("fas", si->fascount);
		out_int("fe", si->fecount);
		out_int("cv", si->cvcount);
		out_int("be", si->becount);
		out_int("prbs", si->prbs);
		out_int("errsec", si->errsec);
		out_int("irqmisses", si->irqmisses);
	}
	out_end();
}

/* Print every span whose alarms match @mask (0: all); return how many spans exist. */
static int print_spans(int fd, int mask, int *out_matched)
{
	struct dahdi_spaninfo si;
	int found = 0;

	*out_matched = 0;
	for (int s = 1; s < DAHDI_MAX_SPANS; s++) {
		if (span_stat(fd, s, &si) < 0)
			continue;
		found++;
		if (!mask || (si.alarms & mask)) {
			(*out_matched)++;
			print_span(&si, false);
		}
	}
	return found;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cc-span [OPTIONS] [COMMAND]\n"
		"Show DAHDI E1 spans, their alarms and line counters.\n\n"
		"Commands:\n"
		"  list            one line per span (default)\n"
		"  show SPAN       one span with all counters\n"
		"  check           print spans in alarm; exit 3 if any, 0 if none\n\n"
		"Options:\n"
		"  -j, --json      JSON lines instead of text\n"
		"  -d, --dev PATH  DAHDI control device (default /dev/dahdi/ctl)\n"
		"  -h, --help      this help\n"
		"  -V, --version   print the version\n\n"
		"Exit status: 0 ok, 1 error (no DAHDI, no such span), 2 usage, 3 span in alarm.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "dev", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd;
	long show_span = 0;
	int c, fd, alarmed = 0, ret = EXIT_SUCCESS;

	while ((c = getopt_long(argc, argv, "jd:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'd':
			ctl_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		case 'V':
			printf("cc-span (callcenter) %s\n", cc_version());
			return EXIT_SUCCESS;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	cmd = optind < argc ? argv[optind++] : "list";
	if (strcmp(cmd, "list") && strcmp(cmd, "show") && strcmp(cmd, "check")) {
		fprintf(stderr, "cc-span: unknown command '%s' (try --help)\n", cmd);
		return EXIT_USAGE;
	}
	if (!strcmp(cmd, "show")) {
		char *end;

		if (optind >= argc) {
			fprintf(stderr, "cc-span: show needs a span number\n");
			return EXIT_USAGE;
		}
		show_span = strtol(argv[optind], &end, 10);
		if (*end || show_span < 1 || show_span >= DAHDI_MAX_SPANS) {
			fprintf(stderr, "cc-span: '%s' is not a span number (1-%d)\n", argv[optind],
				DAHDI_MAX_SPANS - 1);
			return EXIT_USAGE;
		}
	}
	fd = open_ctl();
	if (fd < 0)
		return EXIT_FAILURE;

	if (!strcmp(cmd, "show")) {
		struct dahdi_spaninfo si;
		int err = span_stat(fd, (int)show_span, &si);

		if (err < 0) {
			fprintf(stderr, "cc-span: span %ld: %s\n", show_span, strerror(-err));
			ret = EXIT_FAILURE;
		} else {
			print_span(&si, true);
		}
	} else if (!strcmp(cmd, "list")) {
		if (print_spans(fd, 0, &alarmed) == 0 && !json)
			fprintf(stderr, "cc-span: no spans (none registered or assigned)\n");
	} else { /* check: any alarm but "not open" counts */
		int found = print_spans(fd, ~DAHDI_ALARM_NOTOPEN, &alarmed);

		if (!json)
			printf("%d span(s), %d in alarm\n", found, alarmed);
		ret = alarmed ? EXIT_ALARM : EXIT_SUCCESS;
	}
	close(fd);
	return ret;
}
