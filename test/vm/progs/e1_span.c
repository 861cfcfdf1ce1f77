// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * e1_span - DAHDI span status and channel events, for the cctrunk VM tests.
 *
 * Usage:
 *   e1_span stat SPAN           one line: alarms (DAHDI_SPANSTAT) and counters
 *   e1_span reset SPAN          DAHDI_MAINT DAHDI_RESET_COUNTERS
 *   e1_span events SPAN/CHAN S  print every event of that channel for S seconds
 *                               ("event=ALARM t=1.234"), via poll(POLLPRI)
 *   e1_span rate S PPM          frames each cctrunk span delivered to DAHDI in S
 *                               seconds (sysfs rx_frames / 8 per tick) against
 *                               CLOCK_MONOTONIC; fails beyond +-PPM
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <dahdi/user.h>

static const char *const ev_names[] = {
	[DAHDI_EVENT_ALARM] = "ALARM",
	[DAHDI_EVENT_NOALARM] = "NOALARM",
	[DAHDI_EVENT_BITSCHANGED] = "BITSCHANGED",
	[DAHDI_EVENT_REMOVED] = "REMOVED",
	[DAHDI_EVENT_BADFCS] = "BADFCS",
	[DAHDI_EVENT_ABORT] = "ABORT",
	[DAHDI_EVENT_OVERRUN] = "OVERRUN",
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int stat_span(int span)
{
	struct dahdi_spaninfo si = { .spanno = span };
	int fd = open("/dev/dahdi/ctl", O_RDWR);

	if (fd < 0 || ioctl(fd, DAHDI_SPANSTAT, &si)) {
		perror("e1_span: DAHDI_SPANSTAT");
		return 1;
	}
	printf("span=%d alarms=%d red=%d yellow=%d blue=%d recover=%d bpv=%d crc4=%d ebit=%d "
	       "fas=%d fe=%d errsec=%d\n",
	       span, si.alarms, !!(si.alarms & DAHDI_ALARM_RED), !!(si.alarms & DAHDI_ALARM_YELLOW),
	       !!(si.alarms & DAHDI_ALARM_BLUE), !!(si.alarms & DAHDI_ALARM_RECOVER), si.bpvcount,
	       si.crc4count, si.ebitcount, si.fascount, si.fecount, si.errsec);
	return 0;
}

static int reset_span(int span)
{
	struct dahdi_maintinfo m = { .spanno = span, .command = DAHDI_RESET_COUNTERS };
	int fd = open("/dev/dahdi/ctl", O_RDWR);

	if (fd < 0 || ioctl(fd, DAHDI_MAINT, &m)) {
		perror("e1_span: DAHDI_MAINT");
		return 1;
	}
	return 0;
}

static int events(const char *spec, double secs)
{
	int span, pos, fd;
	char path[64];
	double t0 = now_s();

	if (sscanf(spec, "%d/%d", &span, &pos) != 2)
		return 2;
	snprintf(path, sizeof(path), "/dev/dahdi/chan/%03d/%03d", span, pos);
	fd = open(path, O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "e1_span: %s: %s\n", path, strerror(errno));
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready\n");
	while (now_s() - t0 < secs) {
		struct pollfd p = { .fd = fd, .events = POLLPRI };
		int ev;

		poll(&p, 1, 100);
		for (;;) {
			ev = 0;
			if (ioctl(fd, DAHDI_GETEVENT, &ev) || !ev)
				break;
			if (ev > 0 && ev < (int)(sizeof(ev_names) / sizeof(ev_names[0])) &&
			    ev_names[ev])
				printf("event=%s t=%.3f\n", ev_names[ev], now_s() - t0);
			else
				printf("event=%d t=%.3f\n", ev, now_s() - t0);
		}
	}
	return 0;
}

struct snap {
	unsigned long long mono_ns, debt, ticks, frames[32];
	int n;
};

/* one consistent snapshot of the driver's tick and frame counters, kernel-stamped */
static int read_snap(struct snap *sn)
{
	FILE *f = fopen("/sys/devices/cctrunk/frames", "r");
	int ok, i;

	if (!f)
		return -1;
	ok = fscanf(f, "%llu %llu %llu %d", &sn->mono_ns, &sn->debt, &sn->ticks, &sn->n) == 4 &&
	     sn->n > 0 && sn->n <= 32;
	for (i = 0; ok && i < sn->n; i++)
		ok = fscanf(f, "%llu", &sn->frames[i]) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

static long long read_ull(const char *path)
{
	unsigned long long v;
	FILE *f = fopen(path, "r");
	int ok = f && fscanf(f, "%llu", &v) == 1;

	if (f)
		fclose(f);
	return ok ? (long long)v : -1;
}

/*
 * Every elapsed millisecond is owed one tick of 8 frames per span.  A late timer
 * is caught up over the following expiries, so frames delivered plus the ticks
 * still owed (tick_debt) must equal the elapsed milliseconds.  Both ends of the
 * window are snapshots the driver takes itself (counters and CLOCK_MONOTONIC
 * together), so scheduling delays of this program do not enter the figure.
 */
static int rate(double secs, double tol)
{
	struct snap a, b;
	int i, ret = 0;

	if (read_snap(&a))
		return 1;
	usleep((useconds_t)(secs * 1e6));
	if (read_snap(&b) || b.n != a.n)
		return 1;
	for (i = 0; i < a.n; i++) {
		double ms = (double)(b.mono_ns - a.mono_ns) / 1e6;
		double got = (double)(b.frames[i] - a.frames[i]) / 8;
		double owed = (double)b.debt - (double)a.debt;
		double ppm = (got + owed - ms) / ms * 1e6, raw = (got - ms) / ms * 1e6;

		printf("pair%d/%c frames_per_chan=%.0f elapsed_ms=%.3f owed_ms=%llu..%llu ppm=%.0f "
		       "(without owed %.0f)\n",
		       i / 2, 'a' + i % 2, got, ms, a.debt, b.debt, ppm, raw);
		if (ppm > tol || ppm < -tol)
			ret = 1;
	}
	printf("ticks=%llu max_tick_debt=%lld ms\n", b.ticks - a.ticks,
	       read_ull("/sys/devices/cctrunk/max_tick_debt"));
	return ret;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "stat"))
		return stat_span(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "reset"))
		return reset_span(atoi(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "events"))
		return events(argv[2], atof(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "rate"))
		return rate(atof(argv[2]), atof(argv[3]));
	fprintf(stderr, "usage: e1_span stat SPAN | reset SPAN | events SPAN/CHAN SECONDS | "
			"rate SECONDS PPM\n");
	return 2;
}
