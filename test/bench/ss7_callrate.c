// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ISUP call rate: complete call flows (IAM -> ACM -> ANM -> REL -> RLC, both
 * ends) per second on one core, our stack against our stack and libss7 2.0
 * against libss7, in the same run.
 *
 * Each pair talks over a socketpair(AF_UNIX, SOCK_SEQPACKET) with the framing
 * libss7's DAHDI MTP2 transport expects: one signal unit plus two dummy
 * checksum octets per read()/write(); HDLC is excluded for both (DAHDI does it
 * for libss7).  Both ends of a pair run in this one thread.  libss7 is driven
 * the way its own ss7linktest and chan_dahdi drive it (poll() with
 * ss7_pollflags(), then ss7_read()/ss7_write() on the events); ours the way
 * cc_ss7_trunk_pump() drives a trunk channel (non-blocking: read until EAGAIN,
 * write what is pending, poll() only when nothing moved).  ITU variant, 14-bit
 * point codes 1 and 2, 30 circuits kept busy: each RLC starts the next call on
 * that circuit.  Alignment and the link test are not timed.  The figure is
 * calls per CPU second of this process (wall rate also printed); the ratio
 * ours/libss7 is the result.
 *
 * Two more figures put it in proportion:
 *  - the framing floor: no stack at all, the five MSUs of a call (their real
 *    lengths) each written once and read once over the same socketpair.  No
 *    stack can complete calls faster with this framing, so floor/libss7 is the
 *    largest ratio any stack can reach on this machine.
 *  - the stacks' own cost: both pairs again over an in-memory wire (a ring per
 *    direction behind read()/write(), which this program defines so that
 *    libss7's own calls reach it too) and no poll(), i.e. without the kernel's
 *    socket and syscall costs that both pay alike.
 * System calls per call are counted for every run.
 *
 * Usage: ss7_callrate [SECONDS_PER_RUN [libss7|ours|floor|kernel|memory|memory-ours]]
 *        (default 3 s, everything)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
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

/* ------------------------------------------------------------------ wire */

/*
 * read() and write() of this process, libss7's included: the kernel's, or an
 * in-memory ring per direction between the two descriptors of the pair under
 * test (one message per read/write, as SOCK_SEQPACKET; EAGAIN when empty).
 * Every call is counted.
 */
#define RING	4096
#define MSG_MAX 300

struct ring {
	unsigned int head, tail;
	uint16_t len[RING];
	uint8_t data[RING][MSG_MAX];
};

static bool mem_wire;
static int wire_fd[2] = { -1, -1 };
static struct ring *wire_ring[2]; /* [i]: messages waiting to be read on wire_fd[i] */
static unsigned long n_read, n_write, n_poll;

static int wire_side(int fd)
{
	return fd == wire_fd[0] ? 0 : fd == wire_fd[1] ? 1 : -1;
}

static ssize_t wire_read(int fd, void *buf, size_t cap)
{
	int i = mem_wire ? wire_side(fd) : -1;
	struct ring *r;
	size_t n;

	n_read++;
	if (i < 0)
		return syscall(SYS_read, fd, buf, cap);
	r = wire_ring[i];
	if (r->head == r->tail) {
		errno = EAGAIN;
		return -1;
	}
	n = r->len[r->tail % RING];
	if (n > cap)
		n = cap;
	memcpy(buf, r->data[r->tail % RING], n);
	r->tail++;
	return (ssize_t)n;
}

static ssize_t wire_write(int fd, const void *buf, size_t len)
{
	int i = mem_wire ? wire_side(fd) : -1;
	struct ring *r;

	n_write++;
	if (i < 0)
		return syscall(SYS_write, fd, buf, len);
	r = wire_ring[!i];
	if (len > MSG_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (r->head - r->tail == RING) {
		errno = EAGAIN;
		return -1;
	}
	r->len[r->head % RING] = (uint16_t)len;
	memcpy(r->data[r->head % RING], buf, len);
	r->head++;
	return (ssize_t)len;
}

/* libss7.so calls read() and write() through the PLT: these definitions
 * (exported because libss7 references them) take those calls */
#define EXPORTED __attribute__((visibility("default")))
EXPORTED ssize_t bench_read_sym(int fd, void *buf, size_t cap) __asm__("read");
EXPORTED ssize_t bench_write_sym(int fd, const void *buf, size_t len) __asm__("write");

ssize_t bench_read_sym(int fd, void *buf, size_t cap)
{
	return wire_read(fd, buf, cap);
}

ssize_t bench_write_sym(int fd, const void *buf, size_t len)
{
	return wire_write(fd, buf, len);
}

/* poll() over the pair: the kernel's, or the rings' state (always writable) */
static int wire_poll(struct pollfd *pfd, nfds_t n, int timeout)
{
	int ready = 0;

	n_poll++;
	if (!mem_wire)
		return poll(pfd, n, timeout);
	for (nfds_t k = 0; k < n; k++) {
		int i = wire_side(pfd[k].fd);

		pfd[k].revents = 0;
		if (i >= 0 && (pfd[k].events & POLLIN) && wire_ring[i]->head != wire_ring[i]->tail)
			pfd[k].revents |= POLLIN;
		if (pfd[k].events & POLLOUT)
			pfd[k].revents |= POLLOUT;
		ready += pfd[k].revents != 0;
	}
	return ready;
}

static void wire_open(int sv[2], bool mem)
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0) {
		perror("socketpair");
		exit(1);
	}
	mem_wire = mem;
	wire_fd[0] = sv[0];
	wire_fd[1] = sv[1];
	for (int i = 0; i < 2; i++) {
		if (!wire_ring[i])
			wire_ring[i] = malloc(sizeof(struct ring));
		if (!wire_ring[i]) {
			perror("malloc");
			exit(1);
		}
		wire_ring[i]->head = wire_ring[i]->tail = 0;
	}
}

static void wire_close(int sv[2])
{
	close(sv[0]);
	close(sv[1]);
	wire_fd[0] = wire_fd[1] = -1;
	mem_wire = false;
}

struct result {
	double cpu_rate, wall_rate, user_rate; /* calls per CPU / wall / user-mode s */
	double reads, writes, polls;	       /* per call */
};

/* the start of a timed run: clocks and system-call counters */
struct mark {
	double wall, cpu, user;
	unsigned long reads, writes, polls;
};

static void mark_start(struct mark *m)
{
	m->wall = wall_s();
	m->cpu = cpu_s();
	m->user = user_s();
	m->reads = n_read;
	m->writes = n_write;
	m->polls = n_poll;
}

/* rates and per-call system calls of @done calls since @m; printed as @what */
static void result_set(struct result *res, const char *what, unsigned long done,
		       const struct mark *m)
{
	double cpu = cpu_s() - m->cpu, wall = wall_s() - m->wall, user = user_s() - m->user;

	if (!done)
		done = 1;
	res->cpu_rate = (double)done / cpu;
	res->wall_rate = (double)done / wall;
	res->user_rate = (double)done / user;
	res->reads = (double)(n_read - m->reads) / (double)done;
	res->writes = (double)(n_write - m->writes) / (double)done;
	res->polls = (double)(n_poll - m->polls) / (double)done;
	printf("%-34s %8lu calls in %.2f s wall, %.2f s CPU (%.2f s user); per call %.2f reads, "
	       "%.2f writes, %.2f polls\n",
	       what, done, wall, cpu, user, res->reads, res->writes, res->polls);
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
	if (wire_poll(pfd, (nfds_t)n, timeout) < 0 && errno != EINTR) {
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

/*
 * The same, driven like our pump: non-blocking descriptors, ss7_read() until
 * EAGAIN (taking the events after each read, as libss7's 16-entry event
 * queue requires), ss7_write() while libss7 asks for POLLOUT, poll() only when
 * nothing moved.  Saves libss7 its polls; it still writes a FISU after each burst of
 * MSUs (its DAHDI MTP2 transport clears the write flag only after a non-MSU).
 */
static void l_step_pump(struct lpeer *p, int n, bool calling_phase)
{
	int moved = 0, i;

	for (i = 0; i < n; i++) {
		ss7_schedule_run(p[i].ss7);
		for (;;) {
			int r;

			errno = 0;
			r = ss7_read(p[i].ss7, p[i].fd);
			if (r < 0 && errno == EAGAIN)
				break;
			if (r < 0 && errno) {
				perror("libss7 read");
				exit(1);
			}
			moved++;
			/* libss7 queues at most 16 events: take them after every read */
			l_events(&p[i], i == 0, calling_phase);
		}
		while (ss7_pollflags(p[i].ss7, p[i].fd) & POLLOUT) {
			if (ss7_write(p[i].ss7, p[i].fd) <= 0) {
				perror("libss7 write");
				exit(1);
			}
			moved++;
		}
		l_events(&p[i], i == 0, calling_phase);
	}
	if (!moved && !mem_wire) {
		struct pollfd pfd[2];
		int timeout = 10;

		for (i = 0; i < n; i++) {
			struct timeval *tv = ss7_schedule_next(p[i].ss7);

			pfd[i].fd = p[i].fd;
			pfd[i].events = (short)ss7_pollflags(p[i].ss7, p[i].fd);
			pfd[i].revents = 0;
			if (tv) {
				struct timeval now;
				long ms;

				gettimeofday(&now, NULL);
				ms = (tv->tv_sec - now.tv_sec) * 1000 +
				     (tv->tv_usec - now.tv_usec) / 1000;
				if (ms < timeout)
					timeout = ms < 0 ? 0 : (int)ms;
			}
		}
		if (wire_poll(pfd, (nfds_t)n, timeout) < 0 && errno != EINTR) {
			perror("poll");
			exit(1);
		}
	}
}

static void bench_libss7(double seconds, bool mem, bool pump, struct result *res)
{
	void (*step)(struct lpeer *, int, bool) = pump ? l_step_pump : l_step;
	struct lpeer p[2];
	int sv[2], i;
	struct mark mk;
	double deadline;

	wire_open(sv, mem);
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
		if (pump && fcntl(sv[i], F_SETFL, O_NONBLOCK) < 0) {
			perror("fcntl");
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
		step(p, 2, false);
	}
	for (i = 1; i <= NCICS; i++)
		l_call(&p[0], i);
	mark_start(&mk);
	l_done = 0;
	while (wall_s() - mk.wall < seconds)
		for (i = 0; i < 64; i++) /* the clock is read every 64 steps */
			step(p, 2, true);
	result_set(res,
		   mem	  ? "libss7, in-memory wire:"
		   : pump ? "libss7 (pump driver), socketpair:"
			  : "libss7, socketpair:",
		   l_done, &mk);
	/* let the calls in flight finish so the peers stay consistent */
	for (double end = wall_s() + 0.3; wall_s() < end;)
		step(p, 2, false);
	ss7_destroy(p[0].ss7);
	ss7_destroy(p[1].ss7);
	wire_close(sv);
}

/* ------------------------------------------------------------------ ours */

struct opeer {
	struct cc_ss7 *s;
	int fd;
	bool caller;
};

static unsigned long o_done;
static bool o_calling;
static uint64_t o_now;	      /* read once per round, like a trunk pump's caller */
static uint16_t o_msu_len[5]; /* octets of IAM, ACM, ANM, REL, RLC as sent (floor) */

static void o_msu_note(uint8_t type, uint16_t len)
{
	static const uint8_t types[5] = { 0x01, 0x06, 0x09, 0x0c, 0x10 };

	for (int k = 0; k < 5; k++)
		if (types[k] == type)
			o_msu_len[k] = len;
}

static void o_event(void *priv, const struct cc_ss7_event *ev)
{
	struct opeer *p = priv;

	switch (ev->type) {
	case CC_SS7_EV_INCOMING:
		if (cc_ss7_accept(p->s, o_now, ev->cic) || cc_ss7_answer(p->s, o_now, ev->cic))
			exit(1);
		break;
	case CC_SS7_EV_ANSWERED:
		if (cc_ss7_release(p->s, o_now, ev->cic, 16))
			exit(1);
		break;
	case CC_SS7_EV_IDLE:
		if (p->caller) {
			o_done++;
			if (o_calling &&
			    cc_ss7_call(p->s, o_now, ev->cic, "13800138000", "12345", 10, NULL))
				exit(1);
		}
		break;
	default:
		break;
	}
}

static const struct cc_ss7_ops o_ops = { .event = o_event };

/* write every pending signal unit; Return: units written */
static int o_flush(struct opeer *p)
{
	uint8_t buf[CC_MTP2_MAX_SU + 2];
	int moved = 0;

	while (cc_ss7_link_tx_pending(p->s, 0)) {
		int n = cc_ss7_link_tx_next(p->s, 0, o_now, buf, sizeof(buf));

		if (n < 0)
			exit(1);
		buf[n] = buf[n + 1] = 0; /* dummy FCS, as DAHDI's framing has it */
		if (wire_write(p->fd, buf, (size_t)n + 2) < 0) {
			perror("write");
			exit(1);
		}
		/* MSUs (LI > 2) of a call, by ISUP message type after BSN, FSN, LI,
		 * SIO, ITU routing label and CIC: their lengths for the floor */
		if (n > 10 && (buf[2] & 0x3f) > 2)
			o_msu_note(buf[10], (uint16_t)(n + 2));
		moved++;
	}
	return moved;
}

/* one side: everything received, then everything to send (cc_ss7_trunk_pump()) */
static int o_pump(struct opeer *p)
{
	uint8_t buf[CC_MTP2_MAX_SU + 8];
	int moved = 0;

	for (;;) {
		ssize_t r = wire_read(p->fd, buf, sizeof(buf));

		if (r < 0) {
			if (errno == EAGAIN)
				break;
			perror("read");
			exit(1);
		}
		if (r >= 5)
			(void)cc_ss7_link_rx(p->s, 0, o_now, buf, (size_t)r - 2);
		moved++;
	}
	return moved + o_flush(p);
}

static void o_step(struct opeer *p, int n)
{
	uint64_t t = UINT64_MAX;
	int moved = 0, i;

	o_now = now_ms();
	for (i = 0; i < n; i++) {
		if (cc_ss7_next_timeout_ms(p[i].s) <= o_now)
			cc_ss7_tick(p[i].s, o_now);
		moved += o_pump(&p[i]);
	}
	if (moved || mem_wire)
		return;
	/* nothing moved: sleep until a descriptor is readable or a timer is due */
	{
		struct pollfd pfd[2];

		for (i = 0; i < n; i++) {
			uint64_t x = cc_ss7_next_timeout_ms(p[i].s);

			pfd[i].fd = p[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
			if (x < t)
				t = x;
		}
		if (wire_poll(pfd, (nfds_t)n,
			      t <= o_now ? 0 : (t - o_now > 10 ? 10 : (int)(t - o_now))) < 0 &&
		    errno != EINTR) {
			perror("poll");
			exit(1);
		}
	}
}

static void bench_ours(double seconds, bool mem, uint16_t ack_delay_ms, struct result *res)
{
	struct opeer p[2];
	struct cc_ss7_cfg cfg;
	int sv[2], i;
	struct mark mk;
	double deadline;
	char what[64];

	wire_open(sv, mem);
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
		if (fcntl(sv[i], F_SETFL, O_NONBLOCK) < 0) {
			perror("fcntl");
			exit(1);
		}
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
	o_now = now_ms();
	for (i = 1; i <= NCICS; i++)
		if (cc_ss7_call(p[0].s, o_now, (uint16_t)i, "13800138000", "12345", 10, NULL)) {
			fprintf(stderr, "ours: call failed\n");
			exit(1);
		}
	mark_start(&mk);
	o_done = 0;
	while (wall_s() - mk.wall < seconds)
		for (i = 0; i < 64; i++) /* the clock is read every 64 steps */
			o_step(p, 2);
	snprintf(what, sizeof(what), "callcenter%s, %s:", ack_delay_ms ? " (acks +20 ms)" : "",
		 mem ? "in-memory wire" : "socketpair");
	result_set(res, what, o_done, &mk);
	if (cc_ss7_stats_get(p[0].s)->unexpected || cc_ss7_stats_get(p[1].s)->unexpected) {
		fprintf(stderr, "ours: unexpected messages %u/%u\n",
			cc_ss7_stats_get(p[0].s)->unexpected, cc_ss7_stats_get(p[1].s)->unexpected);
		exit(1);
	}
	o_calling = false;
	for (double end = wall_s() + 0.3; wall_s() < end;)
		o_step(p, 2);
	cc_ss7_free(p[0].s);
	cc_ss7_free(p[1].s);
	wire_close(sv);
}

/* ------------------------------------------------------------------ floor */

/* no stack: each MSU of a call written once and read once, nothing else */
static void bench_floor(double seconds, struct result *res)
{
	static const uint16_t fallback[5] = { 45, 19, 15, 19, 15 };
	const uint16_t *len = o_msu_len[0] && o_msu_len[4] ? o_msu_len : fallback;
	uint8_t su[5][MSG_MAX], buf[MSG_MAX];
	unsigned long done = 0;
	struct mark mk;
	int sv[2];

	memset(su, 0x5a, sizeof(su));
	wire_open(sv, false);
	mark_start(&mk);
	while (wall_s() - mk.wall < seconds) {
		for (int k = 0; k < 100; k++, done++)
			for (int m = 0; m < 5; m++) {
				int from = m == 1 || m == 2 ? 1 : 0; /* ACM, ANM backwards */

				if (wire_write(sv[from], su[m], len[m]) != len[m] ||
				    wire_read(sv[!from], buf, sizeof(buf)) != len[m]) {
					perror("floor");
					exit(1);
				}
			}
	}
	result_set(res, "framing floor (no stack), socketpair:", done, &mk);
	wire_close(sv);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 3.0;
	const char *only = argc > 2 ? argv[2] : "";
	bool all = !*only, kern = all || !strcmp(only, "kernel"),
	     mem = all || !strcmp(only, "memory") || !strcmp(only, "memory-ours"),
	     mem_l = mem && strcmp(only, "memory-ours");
	struct result l = { 1, 1, 1, 0, 0, 0 }, lp = l, o = l, d = l, f = l, lm = l, om = l;
	const struct result *best;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (secs <= 0)
		secs = 3.0;
	/* a single part ("libss7", "ours", "floor") is for profiling */
	if (kern || !strcmp(only, "libss7")) {
		bench_libss7(secs, false, false, &l);
		bench_libss7(secs, false, true, &lp);
	}
	if (kern || !strcmp(only, "ours")) {
		bench_ours(secs, false, 0, &o);
		/* option: pure acknowledgements deferred 20 ms (cc_mtp2_cfg.ack_delay_ms) */
		if (kern)
			bench_ours(secs, false, 20, &d);
	}
	if (kern || !strcmp(only, "floor"))
		bench_floor(secs, &f);
	if (mem_l)
		bench_libss7(secs, true, true, &lm);
	if (mem) {
		bench_ours(secs, true, 0, &om);
	}
	/* the ratio is taken against libss7's better driver */
	best = lp.cpu_rate > l.cpu_rate ? &lp : &l;
	if (kern) {
		printf("ss7_callrate: socketpair: libss7 %.0f calls/CPU-s (%.0f with the pump "
		       "driver), "
		       "callcenter %.0f calls/CPU-s (%.0f/s wall), framing floor %.0f "
		       "calls/CPU-s\n",
		       l.cpu_rate, lp.cpu_rate, o.cpu_rate, o.wall_rate, f.cpu_rate);
		printf("ss7_callrate: ratio callcenter/libss7 = %.2f (CPU), %.2f (wall); with acks "
		       "deferred 20 ms %.2f; largest ratio this framing allows (floor/libss7) = "
		       "%.2f\n",
		       o.cpu_rate / best->cpu_rate, o.wall_rate / best->wall_rate,
		       d.cpu_rate / best->cpu_rate, f.cpu_rate / best->cpu_rate);
	}
	if (mem)
		printf("ss7_callrate: stacks' own cost (in-memory wire): libss7 %.0f calls/CPU-s, "
		       "callcenter %.0f calls/CPU-s, ratio %.2f\n",
		       lm.cpu_rate, om.cpu_rate, om.cpu_rate / lm.cpu_rate);
	return 0;
}
