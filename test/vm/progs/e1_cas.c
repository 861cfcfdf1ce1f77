// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * e1_cas - CAS (ABCD) bits cross a virtual E1 pair and raise BITSCHANGED.
 *
 * Usage: e1_cas [-r ROUNDS] [-i IDLE] [-c SPAN:FIRST-LAST] A B
 * All channels 1-15,17-31 of spans A and B must be cas= channels.  Checks:
 *   1. with nobody transmitting, each side receives the far end's idle bits;
 *   2. ROUNDS times in each direction: every channel of the sending span sets a
 *      new nibble (DAHDI_SETTXBITS); every channel of the receiving span gets
 *      DAHDI_EVENT_BITSCHANGED and DAHDI_GETRXBITS returns exactly that nibble
 *      (within 2 s; the slowest arrival is reported), no other channel changes;
 *   3. with -c: after closing B's channels and `dahdi_cfg -f -S SPAN -C RANGE` (B
 *      reconfigured, DAHDI presets its received bits to idle), B again reports
 *      the bits A is still sending: the driver re-sends current bits.
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

#define NCH 30

static int pos_of(int i)
{
	return i < 15 ? i + 1 : i + 2;
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int open_chan(int span, int pos)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/dahdi/chan/%03d/%03d", span, pos);
	fd = open(path, O_RDWR | O_NONBLOCK);
	if (fd < 0)
		fprintf(stderr, "e1_cas: %s: %s\n", path, strerror(errno));
	return fd;
}

static int rxbits(int fd)
{
	int b = -1;

	if (ioctl(fd, DAHDI_GETRXBITS, &b))
		return -1;
	return b;
}

/* count BITSCHANGED events pending on fd */
static int changed(int fd)
{
	int ev, n = 0;

	for (;;) {
		ev = 0;
		if (ioctl(fd, DAHDI_GETEVENT, &ev) || !ev)
			return n;
		if (ev == DAHDI_EVENT_BITSCHANGED)
			n++;
	}
}

static int open_span(int span, int *fd)
{
	int i;

	for (i = 0; i < NCH; i++) {
		fd[i] = open_chan(span, pos_of(i));
		if (fd[i] < 0)
			return -1;
		changed(fd[i]);
	}
	return 0;
}

/* tx sets nibbles val[], rx must see them; returns slowest arrival in ms or -1 */
static double cross(int *tx, int *rx, const int *val)
{
	int seen[NCH] = { 0 }, left = NCH, i;
	double t0 = now_ms(), worst = 0;

	for (i = 0; i < NCH; i++) {
		if (rxbits(rx[i]) == val[i]) {
			seen[i] = 1; /* no change, no event expected */
			left--;
		}
		if (ioctl(tx[i], DAHDI_SETTXBITS, &val[i])) {
			perror("e1_cas: DAHDI_SETTXBITS");
			return -1;
		}
	}
	while (left && now_ms() - t0 < 2000) {
		struct pollfd p[NCH];

		for (i = 0; i < NCH; i++)
			p[i] = (struct pollfd){ .fd = rx[i], .events = POLLPRI };
		poll(p, NCH, 50);
		for (i = 0; i < NCH; i++) {
			if (!(p[i].revents & POLLPRI) || !changed(rx[i]))
				continue;
			if (rxbits(rx[i]) == val[i] && !seen[i]) {
				seen[i] = 1;
				left--;
				if (now_ms() - t0 > worst)
					worst = now_ms() - t0;
			}
		}
	}
	for (i = 0; i < NCH; i++) {
		if (!seen[i] || rxbits(rx[i]) != val[i]) {
			fprintf(stderr, "e1_cas: channel %d: sent %x, received %x%s\n", pos_of(i),
				val[i], rxbits(rx[i]), seen[i] ? "" : " (no BITSCHANGED)");
			return -1;
		}
	}
	return worst;
}

int main(int argc, char **argv)
{
	int a[NCH], b[NCH], val[NCH], rounds = 16, idle = 0xd, cfg_span = 0, opt, r, i, d;
	const char *cfg_chans = "";
	double worst[2] = { 0, 0 };

	while ((opt = getopt(argc, argv, "r:i:c:")) != -1) {
		if (opt == 'r')
			rounds = atoi(optarg);
		else if (opt == 'i')
			idle = (int)strtol(optarg, NULL, 2);
		else if (opt == 'c') {
			cfg_span = atoi(optarg);
			cfg_chans = strchr(optarg, ':') ? strchr(optarg, ':') + 1 : "";
		} else
			return 2;
	}
	if (argc - optind != 2)
		return 2;
	if (open_span(atoi(argv[optind]), a) || open_span(atoi(argv[optind + 1]), b))
		return 1;
	for (i = 0; i < NCH; i++) {
		if (rxbits(a[i]) != idle || rxbits(b[i]) != idle) {
			fprintf(stderr, "e1_cas: channel %d: idle bits %x/%x, expected %x\n",
				pos_of(i), rxbits(a[i]), rxbits(b[i]), idle);
			return 1;
		}
	}
	printf("idle bits %x received on all %d channels of both spans\n", idle, 2 * NCH);
	for (r = 0; r < rounds; r++) {
		for (d = 0; d < 2; d++) {
			double w;

			for (i = 0; i < NCH; i++)
				val[i] = (r + i + d) & 0xf;
			w = cross(d ? b : a, d ? a : b, val);
			if (w < 0)
				return 1;
			if (w > worst[d])
				worst[d] = w;
		}
	}
	printf("CAS: %d rounds x %d channels each way, slowest arrival A>B %.1f ms, B>A %.1f ms\n",
	       rounds, NCH, worst[0], worst[1]);
	if (cfg_span) {
		char cmd[128];

		for (i = 0; i < NCH; i++)
			val[i] = 0x5 ^ (i & 0xa);
		if (cross(a, b, val) < 0)
			return 1;
		for (i = 0; i < NCH; i++)
			close(b[i]);
		snprintf(cmd, sizeof(cmd), "dahdi_cfg -f -S %d -C %s >/dev/null 2>&1", cfg_span,
			 cfg_chans);
		if (system(cmd)) {
			fprintf(stderr, "e1_cas: %s failed\n", cmd);
			return 1;
		}
		usleep(100000);
		if (open_span(atoi(argv[optind + 1]), b))
			return 1;
		for (i = 0; i < NCH; i++) {
			if (rxbits(b[i]) != val[i]) {
				fprintf(stderr,
					"e1_cas: after reconfiguration channel %d reports %x, far "
					"end sends %x\n",
					pos_of(i), rxbits(b[i]), val[i]);
				return 1;
			}
		}
		printf("after reconfiguration of span %d the current bits were re-sent\n",
		       cfg_span);
	}
	return 0;
}
