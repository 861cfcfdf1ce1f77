// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ISUP call rate: complete call flows (IAM -> ACM -> ANM -> REL -> RLC, both
 * ends) per second on one core, our stack against our stack and libss7 2.0
 * against libss7, in the same run.
 *
 * Each pair talks over a socketpair(AF_UNIX, SOCK_SEQPACKET) with the framing
 * libss7's DAHDI MTP2 transport expects: one signal unit plus two dummy
 * checksum octets per read()/write(); HDLC is excluded for both (DAHDI does it
 * for libss7).  Both ends of a pair run in this one thread, driven by poll()
 * the same way (libss7's ss7linktest loop; ours with cc_ss7_next_timeout_ms()).
 * ITU variant, 14-bit point codes 1 and 2, 30 circuits kept busy: each RLC
 * starts the next call on that circuit.  Alignment and the link test are not
 * timed.  The figure is calls per CPU second of this process (wall rate also
 * printed); the ratio ours/libss7 is the result.
 *
 * Usage: ss7_callrate [SECONDS_PER_STACK [libss7|ours]]   (default 3, both)
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <libss7.h>

#include <callcenter/ss7.h>

#define NCICS 30

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* user-mode CPU only: the protocol stacks' own work, without the kernel's
 * socket and poll costs that both pay alike */
static double user_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
}

static double wall_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t now_ms(void)
{
	return (uint64_t)(wall_s() * 1000.0);
}

/* ------------------------------------------------------------------ libss7 */

static void quiet(struct ss7 *ss7, char *msg)
{
	(void)ss7;
	(void)msg;
}

struct lpeer {
	struct ss7 *ss7;
	int fd;
	bool up;
};

static unsigned long l_done;

static void l_call(struct lpeer *p, int cic)
{
	struct isup_call *c = isup_new_call(p->ss7, cic, 2, 1);

	if (!c) {
		fprintf(stderr, "libss7: isup_new_call failed\n");
		exit(1);
	}
	isup_set_called(c, "12345", SS7_NAI_NATIONAL, p->ss7);
	isup_set_calling(c, "13800138000", SS7_NAI_NATIONAL, SS7_PRESENTATION_ALLOWED,
			 SS7_SCREENING_NETWORK_PROVIDED);
	isup_set_calling_party_category(c, 10);
	isup_iam(p->ss7, c);
}

static void l_events(struct lpeer *p, bool caller, bool calling_phase)
{
	ss7_event *e;

	while ((e = ss7_check_event(p->ss7))) {
		switch (e->e) {
		case SS7_EVENT_UP:
			p->up = true;
			break;
		case ISUP_EVENT_IAM:
			isup_acm(p->ss7, e->iam.call);
			isup_anm(p->ss7, e->iam.call);
			break;
		case ISUP_EVENT_ANM:
			isup_rel(p->ss7, e->anm.call, 16);
			break;
		case ISUP_EVENT_REL:
			isup_rlc(p->ss7, e->rel.call);
			isup_free_call_if_clear(p->ss7, e->rel.call);
			break;
		case ISUP_EVENT_RLC:
			isup_free_call_if_clear(p->ss7, e->rlc.call);
			if (caller) {
				l_done++;
				if (calling_phase)
					l_call(p, e->rlc.cic);
			}
			break;
		default:
			break;
		}
	}
}

static void l_step(struct lpeer *p, int n, bool calling_phase)
{
	struct pollfd pfd[2];
	struct timeval *tv;
	int timeout = 10, i;

	for (i = 0; i < n; i++) {
		pfd[i].fd = p[i].fd;
		pfd[i].events = (short)ss7_pollflags(p[i].ss7, p[i].fd);
		pfd[i].revents = 0;
		tv = ss7_schedule_next(p[i].ss7);
		if (tv) {
			struct timeval now;
			long ms;

			gettimeofday(&now, NULL);
			ms = (tv->tv_sec - now.tv_sec) * 1000 + (tv->tv_usec - now.tv_usec) / 1000;
			if (ms < 0)
				ms = 0;
			if (ms < timeout)
				timeout = (int)ms;
		}
	}
	if (poll(pfd, (nfds_t)n, timeout) < 0 && errno != EINTR) {
		perror("poll");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		ss7_schedule_run(p[i].ss7);
		if (pfd[i].revents & POLLIN)
			ss7_read(p[i].ss7, p[i].fd);
		if (pfd[i].revents & POLLOUT)
			ss7_write(p[i].ss7, p[i].fd);
		l_events(&p[i], i == 0, calling_phase);
	}
}

static double bench_libss7(double seconds, double *wall_rate, double *user_rate)
{
	struct lpeer p[2];
	int sv[2], i;
	double t0, c0, u0, deadline;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0) {
		perror("socketpair");
		exit(1);
	}
	ss7_set_message(quiet);
	ss7_set_error(quiet);
	for (i = 0; i < 2; i++) {
		p[i].ss7 = ss7_new(SS7_ITU);
		p[i].fd = sv[i];
		p[i].up = false;
		ss7_set_network_ind(p[i].ss7, SS7_NI_NAT);
		ss7_set_pc(p[i].ss7, (unsigned int)(i + 1));
		if (ss7_add_link(p[i].ss7, SS7_TRANSPORT_DAHDIMTP2, sv[i], 0,
				 (unsigned int)(2 - i)) < 0) {
			fprintf(stderr, "libss7: ss7_add_link failed\n");
			exit(1);
		}
		ss7_start(p[i].ss7);
	}
	deadline = wall_s() + 30;
	while (!(p[0].up && p[1].up)) {
		if (wall_s() > deadline) {
			fprintf(stderr, "libss7: link did not come up\n");
			exit(1);
		}
		l_step(p, 2, false);
	}
	for (i = 1; i <= NCICS; i++)
		l_call(&p[0], i);
	t0 = wall_s();
	c0 = cpu_s();
	u0 = user_s();
	l_done = 0;
	while (wall_s() - t0 < seconds)
		l_step(p, 2, true);
	{
		double cpu = cpu_s() - c0, wall = wall_s() - t0, user = user_s() - u0;
		unsigned long done = l_done;

		*wall_rate = (double)done / wall;
		*user_rate = (double)done / user;
		printf("libss7 %s: %lu calls in %.2f s wall, %.2f s CPU (%.2f s user)\n",
		       ss7_get_version(), done, wall, cpu, user);
		/* let the calls in flight finish so the peers stay consistent */
		for (double end = wall_s() + 0.3; wall_s() < end;)
			l_step(p, 2, false);
		ss7_destroy(p[0].ss7);
		ss7_destroy(p[1].ss7);
		close(sv[0]);
		close(sv[1]);
		return (double)done / cpu;
	}
}

/* ------------------------------------------------------------------ ours */

struct opeer {
	struct cc_ss7 *s;
	int fd;
	bool caller;
};

static unsigned long o_done;
static bool o_calling;
static struct opeer *o_peers;

static void o_event(void *priv, const struct cc_ss7_event *ev)
{
	struct opeer *p = priv;
	uint64_t now = now_ms();

	switch (ev->type) {
	case CC_SS7_EV_INCOMING:
		if (cc_ss7_accept(p->s, now, ev->cic) || cc_ss7_answer(p->s, now, ev->cic))
			exit(1);
		break;
	case CC_SS7_EV_ANSWERED:
		if (cc_ss7_release(p->s, now, ev->cic, 16))
			exit(1);
		break;
	case CC_SS7_EV_IDLE:
		if (p->caller) {
			o_done++;
			if (o_calling &&
			    cc_ss7_call(p->s, now, ev->cic, "13800138000", "12345", 10, NULL))
				exit(1);
		}
		break;
	default:
		break;
	}
}

static const struct cc_ss7_ops o_ops = { .event = o_event };

static void o_flush(struct opeer *p)
{
	uint8_t buf[CC_MTP2_MAX_SU + 2];

	while (cc_ss7_link_tx_pending(p->s, 0)) {
		int n = cc_ss7_link_tx_next(p->s, 0, now_ms(), buf, sizeof(buf));

		if (n < 0)
			exit(1);
		buf[n] = buf[n + 1] = 0; /* dummy FCS, as DAHDI's framing has it */
		if (write(p->fd, buf, (size_t)n + 2) < 0) {
			perror("write");
			exit(1);
		}
	}
}

static void o_step(struct opeer *p, int n)
{
	struct pollfd pfd[2];
	uint64_t now = now_ms(), t = UINT64_MAX;
	int timeout, i;

	for (i = 0; i < n; i++) {
		uint64_t x = cc_ss7_next_timeout_ms(p[i].s);

		o_flush(&p[i]);
		pfd[i].fd = p[i].fd;
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
		if (x < t)
			t = x;
	}
	timeout = t <= now ? 0 : (t - now > 10 ? 10 : (int)(t - now));
	if (poll(pfd, (nfds_t)n, timeout) < 0 && errno != EINTR) {
		perror("poll");
		exit(1);
	}
	now = now_ms();
	for (i = 0; i < n; i++) {
		uint8_t buf[CC_MTP2_MAX_SU + 8];

		cc_ss7_tick(p[i].s, now);
		if (pfd[i].revents & POLLIN) {
			ssize_t r = read(p[i].fd, buf, sizeof(buf));

			if (r >= 5)
				(void)cc_ss7_link_rx(p[i].s, 0, now, buf, (size_t)r - 2);
		}
		o_flush(&p[i]);
	}
}

static double bench_ours(double seconds, uint16_t ack_delay_ms, double *wall_rate,
			 double *user_rate)
{
	struct opeer p[2];
	struct cc_ss7_cfg cfg;
	int sv[2], i;
	double t0, c0, u0, deadline;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0) {
		perror("socketpair");
		exit(1);
	}
	o_peers = p;
	for (i = 0; i < 2; i++) {
		memset(&cfg, 0, sizeof(cfg));
		cfg.user_part = CC_SS7_ISUP;
		cfg.variant = CC_MTP3_ITU;
		cfg.ni = CC_MTP3_NI_NAT;
		cfg.opc = (uint32_t)(i + 1);
		cfg.dpc = (uint32_t)(2 - i);
		cfg.cic_first = 1;
		cfg.ncics = NCICS;
		cfg.nlinks = 1;
		cfg.mtp2.emergency = true; /* alignment is not timed; do not wait 8 s */
		cfg.mtp2.ack_delay_ms = ack_delay_ms;
		p[i].fd = sv[i];
		p[i].caller = i == 0;
		if (cc_ss7_alloc(&cfg, &o_ops, &p[i], &p[i].s)) {
			fprintf(stderr, "cc_ss7_alloc failed\n");
			exit(1);
		}
		cc_ss7_start(p[i].s, now_ms());
	}
	deadline = wall_s() + 30;
	while (!(cc_ss7_is_up(p[0].s) && cc_ss7_is_up(p[1].s))) {
		if (wall_s() > deadline) {
			fprintf(stderr, "ours: link did not come up\n");
			exit(1);
		}
		o_step(p, 2);
	}
	for (double end = wall_s() + 0.2; wall_s() < end;)
		o_step(p, 2); /* group reset exchange */
	o_calling = true;
	for (i = 1; i <= NCICS; i++)
		if (cc_ss7_call(p[0].s, now_ms(), (uint16_t)i, "13800138000", "12345", 10, NULL)) {
			fprintf(stderr, "ours: call failed\n");
			exit(1);
		}
	t0 = wall_s();
	c0 = cpu_s();
	u0 = user_s();
	o_done = 0;
	while (wall_s() - t0 < seconds)
		o_step(p, 2);
	{
		double cpu = cpu_s() - c0, wall = wall_s() - t0, user = user_s() - u0;
		unsigned long done = o_done;

		o_calling = false;
		*wall_rate = (double)done / wall;
		*user_rate = (double)done / user;
		printf("callcenter (ack delay %u ms): %lu calls in %.2f s wall, %.2f s CPU (%.2f s "
		       "user; unexpected msgs %u/%u)\n",
		       ack_delay_ms, done, wall, cpu, user, cc_ss7_stats_get(p[0].s)->unexpected,
		       cc_ss7_stats_get(p[1].s)->unexpected);
		for (double end = wall_s() + 0.3; wall_s() < end;)
			o_step(p, 2);
		cc_ss7_free(p[0].s);
		cc_ss7_free(p[1].s);
		close(sv[0]);
		close(sv[1]);
		return (double)done / cpu;
	}
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 3.0, lw = 1, ow = 1, l = 1, o = 1, lu = 1, ou = 1;
	double dw = 1, d = 1, du = 1;
	const char *only = argc > 2 ? argv[2] : "";

	if (secs <= 0)
		secs = 3.0;
	/* "libss7" or "ours" as a second argument runs one side (for profiling) */
	if (strcmp(only, "ours"))
		l = bench_libss7(secs, &lw, &lu);
	if (strcmp(only, "libss7")) {
		o = bench_ours(secs, 0, &ow, &ou);
		/* option: pure acknowledgements deferred 20 ms (cc_mtp2_cfg.ack_delay_ms) */
		d = bench_ours(secs, 20, &dw, &du);
	}
	printf("ss7_callrate: libss7 %.0f calls/CPU-s (%.0f/s wall), callcenter %.0f calls/CPU-s "
	       "(%.0f/s wall)\n",
	       l, lw, o, ow);
	printf("ss7_callrate: ratio callcenter/libss7 = %.2f (CPU), %.2f (wall), %.2f (user-mode "
	       "CPU: %.0f vs %.0f calls/user-s)\n",
	       o / l, ow / lw, ou / lu, ou, lu);
	printf("ss7_callrate: with 20 ms deferred acks: %.0f calls/CPU-s, ratio %.2f (CPU), %.2f "
	       "(wall), %.2f (user-mode CPU)\n",
	       d, d / l, dw / lw, du / lu);
	return 0;
}
