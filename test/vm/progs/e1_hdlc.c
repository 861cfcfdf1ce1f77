// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * e1_hdlc - HDLC frames cross a D-channel pair intact, with a correct FCS.
 *
 * Usage: e1_hdlc [-n FRAMES] [-t TIMEOUT_S] SPAN/CHAN SPAN/CHAN
 * Both channels must be configured as dchan= (DAHDI_SIG_HDLCFCS).  Each side
 * writes FRAMES frames (random length 4..260, a sequence number in the first 4
 * octets, a payload derived from side and sequence number, 2 placeholder
 * octets that DAHDI replaces with the FCS); the other side must read every
 * frame, in order, byte-identical, and its last two octets must be the
 * CRC-16/X.25 FCS (checked with libcallcenter's cc_crc16_x25_check).  Lost
 * frames are recognised by their sequence number and reported (lost=), so one
 * loss does not count every later frame as corrupt.  Writing starts 200 ms
 * after both channels are open: a frame written right after open() was seen
 * lost in both directions in some VM runs (DAHDI resets the channel's HDLC
 * state on open; cause not yet pinned down, see doc/kernel.md).  Exit 0 on
 * success.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <dahdi/user.h>
#include <callcenter/crc.h>

#define ELAST_DAHDI 500

struct side {
	const char *name;
	int fd, id;
	unsigned int sent, rcvd, bad_fcs, mismatch, aborts, events, lost, next;
};

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* frame @seq of side @id: length 4..260, sequence number first */
static size_t make_frame(int id, unsigned int seq, uint8_t *buf)
{
	uint32_t seed = seq * 2654435761u + (uint32_t)id * 40503u + 1;
	size_t len = 4 + rnd(&seed) % 257, i;

	buf[0] = (uint8_t)(seq >> 24);
	buf[1] = (uint8_t)(seq >> 16);
	buf[2] = (uint8_t)(seq >> 8);
	buf[3] = (uint8_t)seq;
	for (i = 4; i < len; i++)
		buf[i] = (uint8_t)rnd(&seed);
	return len;
}

static void events(struct side *s)
{
	int ev;

	for (;;) {
		ev = 0;
		if (ioctl(s->fd, DAHDI_GETEVENT, &ev) || !ev)
			break;
		s->events++;
		if (ev == DAHDI_EVENT_BADFCS)
			s->bad_fcs++;
		if (ev == DAHDI_EVENT_ABORT)
			s->aborts++;
	}
}

static int open_side(struct side *s, const char *spec)
{
	int span, pos;
	char path[64];
	struct dahdi_bufferinfo bi = { .txbufpolicy = DAHDI_POLICY_IMMEDIATE,
				       .rxbufpolicy = DAHDI_POLICY_IMMEDIATE,
				       .numbufs = 16,
				       .bufsize = 512 };

	if (sscanf(spec, "%d/%d", &span, &pos) != 2)
		return -1;
	snprintf(path, sizeof(path), "/dev/dahdi/chan/%03d/%03d", span, pos);
	s->name = spec;
	s->fd = open(path, O_RDWR | O_NONBLOCK);
	if (s->fd < 0 || ioctl(s->fd, DAHDI_SET_BUFINFO, &bi)) {
		fprintf(stderr, "e1_hdlc: %s: %s\n", path, strerror(errno));
		return -1;
	}
	events(s);
	return 0;
}

static void on_read(struct side *rx, int far_id)
{
	uint8_t buf[1024], exp[1024];
	ssize_t n = read(rx->fd, buf, sizeof(buf));
	unsigned int seq;
	size_t len;

	if (n < 0) {
		if (errno == ELAST_DAHDI)
			events(rx);
		return;
	}
	if (n == 0)
		return;
	rx->rcvd++;
	seq = n >= 4 ? (unsigned int)buf[0] << 24 | buf[1] << 16 | buf[2] << 8 | buf[3] : ~0u;
	if (seq >= rx->next && seq < rx->next + 1000000) {
		if (seq != rx->next)
			fprintf(stderr, "e1_hdlc: %s: frames %u..%u lost\n", rx->name, rx->next,
				seq - 1);
		rx->lost += seq - rx->next;
		rx->next = seq + 1;
	} else {
		seq = rx->next++; /* corrupt header: compare with the expected frame */
	}
	len = make_frame(far_id, seq, exp);
	if ((size_t)n != len + 2 || memcmp(buf, exp, len) || !cc_crc16_x25_check(buf, (size_t)n)) {
		if (rx->mismatch++ < 5)
			fprintf(stderr, "e1_hdlc: %s: frame %u: got %zd octets, expected %zu+2%s\n",
				rx->name, seq, n, len,
				cc_crc16_x25_check(buf, (size_t)n) ? "" : ", bad FCS");
	}
}

int main(int argc, char **argv)
{
	struct side s[2] = { { .id = 0 }, { .id = 1 } };
	unsigned int frames = 500;
	double timeout = 60;
	struct timespec t0, t;
	int opt, i;

	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		if (opt == 'n')
			frames = (unsigned int)atoi(optarg);
		else if (opt == 't')
			timeout = atof(optarg);
		else
			return 2;
	}
	if (argc - optind != 2 || open_side(&s[0], argv[optind]) ||
	    open_side(&s[1], argv[optind + 1]))
		return 2;
	/* let both receivers see idle flags after open() reset their HDLC state */
	usleep(200000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (s[0].next < frames || s[1].next < frames) {
		struct pollfd p[2];

		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((double)(t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 > timeout)
			break;
		for (i = 0; i < 2; i++) {
			p[i].fd = s[i].fd;
			p[i].events = POLLIN | POLLPRI | (s[i].sent < frames ? POLLOUT : 0);
		}
		if (poll(p, 2, 200) < 0 && errno != EINTR)
			return 1;
		for (i = 0; i < 2; i++) {
			if (p[i].revents & POLLPRI)
				events(&s[i]);
			if (p[i].revents & POLLIN)
				on_read(&s[i], s[!i].id);
			if ((p[i].revents & POLLOUT) && s[i].sent < frames) {
				uint8_t buf[1024];
				size_t len = make_frame(s[i].id, s[i].sent, buf);
				ssize_t n = write(s[i].fd, buf, len + 2);

				if (n == (ssize_t)len + 2) {
					s[i].sent++;
				} else if (n < 0 && errno == ELAST_DAHDI) {
					events(&s[i]);
				}
			}
		}
	}
	for (i = 0; i < 2; i++)
		printf("dir=%s>%s sent=%u received=%u lost=%u mismatched=%u bad_fcs=%u aborts=%u "
		       "events=%u\n",
		       s[i].name, s[!i].name, s[i].sent, s[!i].rcvd, s[!i].lost, s[!i].mismatch,
		       s[!i].bad_fcs, s[!i].aborts, s[!i].events);
	for (i = 0; i < 2; i++)
		if (s[i].rcvd != frames || s[i].lost || s[i].mismatch || s[i].bad_fcs ||
		    s[i].aborts)
			return 1;
	return 0;
}
