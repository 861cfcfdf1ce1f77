// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cid_test - behaviour of /dev/callcenter/callerid that users rely on.
 *
 * Usage: cid_test all | readers | overrun | poll | unpriv | malformed | filter | backlog
 * Each check prints "ok: ..." lines and exits non-zero on the first failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <uapi/callcenter/cid.h>

#define REC sizeof(struct cc_cid_record)

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "FAIL %s:%d: ", __func__, __LINE__);                       \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

static int xopen(int flags)
{
	int fd = open(CC_CID_DEVICE, flags);

	CHECK(fd >= 0, "open %s: %s", CC_CID_DEVICE, strerror(errno));
	return fd;
}

static struct cc_cid_record mkrec(unsigned int i, int span, int source)
{
	struct cc_cid_record r;

	memset(&r, 0, sizeof(r));
	r.version = CC_CID_ABI_VERSION;
	r.size = REC;
	r.span = (__u16)span;
	r.channel = (__u16)(1 + i % 31);
	r.source = (__u8)source;
	r.category = 10;
	r.presentation = CC_CID_PRES_ALLOWED;
	r.screening = CC_CID_SCREEN_NETWORK;
	r.flags = CC_CID_F_CALLING | CC_CID_F_CALLED;
	snprintf(r.calling, sizeof(r.calling), "1380013%04u", i % 10000);
	snprintf(r.called, sizeof(r.called), "%s", (i & 1) ? "120" : "12345");
	return r;
}

static void publish(int wfd, const struct cc_cid_record *r)
{
	ssize_t n = write(wfd, r, REC);

	CHECK(n == (ssize_t)REC, "publish: %zd (%s)", n, strerror(errno));
}

static struct cc_cid_stats stats(int fd)
{
	struct cc_cid_stats st;

	CHECK(!ioctl(fd, CC_CID_IOC_GET_STATS, &st), "GET_STATS: %s", strerror(errno));
	return st;
}

static void readers(void)
{
	int r1 = xopen(O_RDONLY | O_NONBLOCK), r2 = xopen(O_RDONLY | O_NONBLOCK);
	int w = xopen(O_WRONLY), i, k;
	struct cc_cid_record rec[64], out;
	struct timespec now;
	__u64 first = 0;

	for (i = 0; i < 64; i++) {
		rec[i] = mkrec((unsigned int)i, 1, CC_CID_SRC_SS7_ISUP);
		publish(w, &rec[i]);
	}
	clock_gettime(CLOCK_REALTIME, &now);
	for (k = 0; k < 2; k++) {
		int fd = k ? r2 : r1;

		for (i = 0; i < 64; i++) {
			CHECK(read(fd, &out, REC) == (ssize_t)REC, "reader %d record %d", k, i);
			if (!i)
				first = out.seq;
			CHECK(out.seq == first + (unsigned int)i, "reader %d: seq %llu after %llu",
			      k, (unsigned long long)out.seq, (unsigned long long)first);
			CHECK(!strcmp(out.calling, rec[i].calling) && out.channel == rec[i].channel,
			      "reader %d record %d differs", k, i);
			CHECK(out.ts_sec <= now.tv_sec && out.ts_sec > now.tv_sec - 60 &&
				      out.ts_nsec < 1000000000u,
			      "timestamp %lld.%09u not CLOCK_REALTIME", (long long)out.ts_sec,
			      out.ts_nsec);
		}
		CHECK(read(fd, &out, REC) < 0 && errno == EAGAIN, "reader %d: more than published",
		      k);
	}
	/* a buffer for several records gets several; a too small one -EINVAL */
	for (i = 0; i < 3; i++)
		publish(w, &rec[i]);
	CHECK(read(r1, rec, 10 * REC) == 3 * REC, "batched read");
	CHECK(read(r2, &out, REC - 1) < 0 && errno == EINVAL, "short buffer not refused");
	printf("ok: two readers got the same 64 records in order with CLOCK_REALTIME stamps\n");
	close(r1);
	close(r2);
	close(w);
}

static void overrun(void)
{
	int r = xopen(O_RDONLY | O_NONBLOCK), w = xopen(O_WRONLY), i;
	struct cc_cid_record rec = mkrec(0, 2, CC_CID_SRC_R2), out;
	struct cc_cid_stats st = stats(r);
	struct pollfd p = { .fd = r, .events = POLLIN };
	unsigned int n = st.ring_size + 100;
	__u64 start = st.next_seq;

	CHECK(st.ring_size >= CC_CID_RING_MIN, "ring holds %u records", st.ring_size);
	for (i = 0; i < (int)n; i++) {
		rec = mkrec((unsigned int)i, 2, CC_CID_SRC_R2);
		publish(w, &rec);
	}
	CHECK(poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLPRI)) && (p.revents & POLLIN),
	      "poll does not report the overrun (revents %x)", p.revents);
	CHECK(read(r, &out, REC) < 0 && errno == EPIPE, "no EPIPE after overrun");
	st = stats(r);
	CHECK(st.lost == 100, "lost %llu, expected 100", (unsigned long long)st.lost);
	CHECK(read(r, &out, REC) == (ssize_t)REC, "read after EPIPE");
	CHECK(out.seq == start + 100, "resumed at seq %llu, expected %llu",
	      (unsigned long long)out.seq, (unsigned long long)(start + 100));
	for (i = 1; i < (int)st.ring_size; i++)
		CHECK(read(r, &out, REC) == (ssize_t)REC &&
			      out.seq == start + 100 + (unsigned int)i,
		      "record %d after overrun", i);
	CHECK(read(r, &out, REC) < 0 && errno == EAGAIN, "extra records after overrun");
	printf("ok: slow reader told once (EPIPE, POLLERR), lost=%llu, then continues in order\n",
	       (unsigned long long)st.lost);
	close(r);
	close(w);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void poll_wake(void)
{
	int r = xopen(O_RDONLY), w, ret;
	struct cc_cid_record rec = mkrec(7, 3, CC_CID_SRC_ANALOG_FSK), out;
	struct pollfd p = { .fd = r, .events = POLLIN };
	struct sigaction sa = { .sa_handler = on_alarm };
	struct timespec t0, t1;
	pid_t pid;

	CHECK(poll(&p, 1, 0) == 0, "poll ready on an empty cursor");
	pid = fork();
	if (!pid) {
		usleep(300000);
		w = xopen(O_WRONLY);
		publish(w, &rec);
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = poll(&p, 1, 5000);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	waitpid(pid, NULL, 0);
	CHECK(ret == 1 && (p.revents & POLLIN), "poll did not wake on a new record");
	CHECK(t1.tv_sec - t0.tv_sec < 3, "poll woke late");
	CHECK(read(r, &out, REC) == (ssize_t)REC && !strcmp(out.calling, rec.calling), "read");
	/* blocking read: a signal interrupts it */
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	ret = (int)read(r, &out, REC);
	CHECK(ret < 0 && errno == EINTR, "blocking read not interrupted by a signal (%d)", ret);
	/* blocking read wakes on a record */
	pid = fork();
	if (!pid) {
		usleep(300000);
		w = xopen(O_WRONLY);
		publish(w, &rec);
		_exit(0);
	}
	ret = (int)read(r, &out, REC);
	waitpid(pid, NULL, 0);
	CHECK(ret == (int)REC, "blocking read did not wake on a record");
	printf("ok: poll and blocking read wake on records, read wakes on signals\n");
	close(r);
}

static int child_open(int flags, gid_t gid)
{
	pid_t pid = fork();
	int st;

	if (!pid) {
		if (setgroups(0, NULL) || setgid(gid) || setuid(65534))
			_exit(3);
		int fd = open(CC_CID_DEVICE, flags);

		_exit(fd >= 0 ? 0 : errno == EPERM ? 1 : 2);
	}
	waitpid(pid, &st, 0);
	return WEXITSTATUS(st);
}

static void set_writer_gid(int gid)
{
	FILE *f = fopen("/sys/module/cctrunk/parameters/cid_writer_gid", "w");

	CHECK(f && fprintf(f, "%d\n", gid) > 0 && !fclose(f), "cid_writer_gid");
}

static void unpriv(void)
{
	int before, after, fd, w;
	struct cc_cid_record rec = mkrec(1, 1, CC_CID_SRC_SS7_TUP);
	pid_t pid;
	int st;

	CHECK(!chmod(CC_CID_DEVICE, 0666), "chmod: %s", strerror(errno));
	fd = xopen(O_RDONLY);
	before = (int)stats(fd).published;
	CHECK(child_open(O_WRONLY, 65534) == 1, "unprivileged writer not refused with EPERM");
	CHECK(child_open(O_RDWR, 65534) == 1, "unprivileged O_RDWR not refused with EPERM");
	CHECK(child_open(O_RDONLY, 65534) == 0, "unprivileged reader refused");
	set_writer_gid(65534);
	CHECK(child_open(O_WRONLY, 65534) == 0, "member of cid_writer_gid refused");
	CHECK(child_open(O_WRONLY, 1000) == 1, "non-member accepted");
	set_writer_gid(-1);
	CHECK(child_open(O_WRONLY, 65534) == 1, "cid_writer_gid=-1 still lets the group write");
	/* a descriptor opened by a privileged process keeps its right (Unix semantics) */
	w = xopen(O_WRONLY);
	pid = fork();
	if (!pid) {
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(3);
		_exit(write(w, &rec, REC) == (ssize_t)REC ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK(WEXITSTATUS(st) == 0, "inherited writer descriptor refused");
	after = (int)stats(fd).published;
	CHECK(after == before + 1, "published %d, expected %d", after, before + 1);
	CHECK(!chmod(CC_CID_DEVICE, 0660), "chmod back");
	printf("ok: unprivileged writers refused (EPERM), cid_writer_gid honoured\n");
	close(w);
	close(fd);
}

static void malformed(void)
{
	int w = xopen(O_WRONLY), r = xopen(O_RDONLY | O_NONBLOCK), i, nbad = 0;
	struct cc_cid_record good = mkrec(3, 5, CC_CID_SRC_SS7_ISUP), b[3], out;
	struct cc_cid_stats st0 = stats(r), st1;
	char junk[REC + 1];

	for (i = 0;; i++) {
		struct cc_cid_record x = good;

		switch (i) {
		case 0:
			x.version = 2;
			break;
		case 1:
			x.size = 64;
			break;
		case 2:
			x.seq = 5;
			break;
		case 3:
			x.ts_sec = 1;
			break;
		case 4:
			x.source = CC_CID_SRC_NONE;
			break;
		case 5:
			x.source = CC_CID_SRC_COUNT;
			break;
		case 6:
			x.span = CC_CID_SPAN_MAX + 1;
			break;
		case 7:
			x.channel = CC_CID_CHANNEL_MAX + 1;
			break;
		case 8:
			x.presentation = 3;
			break;
		case 9:
			x.screening = 4;
			break;
		case 10:
			x.flags |= 1u << 9;
			break;
		case 11:
			x.reserved[5] = 1;
			break;
		case 12:
			x.calling[3] = 'x';
			break;
		case 13:
			memset(x.calling, '1', sizeof(x.calling));
			break; /* no NUL */
		case 14:
			x.calling[20] = '7';
			break; /* garbage after NUL */
		case 15:
			x.called[0] = 'a';
			break; /* lower case hex */
		case 16:
			x.flags &= ~CC_CID_F_CALLING;
			break;
		case 17:
			memset(x.called, 0, sizeof(x.called));
			break; /* flag without number */
		case 18:
			x.ts_nsec = 1;
			break;
		case 19:
			x.calling[2] = ' ';
			break;
		default:
			goto done;
		}
		errno = 0;
		CHECK(write(w, &x, REC) < 0 && errno == EINVAL, "bad record %d accepted", i);
		nbad++;
	}
done:
	memset(junk, '9', sizeof(junk));
	CHECK(write(w, junk, sizeof(junk)) < 0 && errno == EINVAL, "odd length accepted");
	CHECK(write(w, junk, 3) < 0 && errno == EINVAL, "short write accepted");
	nbad += 2;
	/* good, bad, good in one write: the first is published, the rest not */
	b[0] = good;
	b[1] = good;
	b[1].calling[0] = 'Z';
	b[2] = good;
	CHECK(write(w, b, sizeof(b)) == (ssize_t)REC, "partial batch");
	nbad++;
	good.calling[0] = '*';
	good.called[1] = '#';
	good.called[2] = 'F';
	publish(w, &good);
	st1 = stats(r);
	CHECK(st1.rejected - st0.rejected == (unsigned int)nbad, "rejected %llu, expected %d",
	      (unsigned long long)(st1.rejected - st0.rejected), nbad);
	CHECK(st1.published - st0.published == 2, "published %llu, expected 2",
	      (unsigned long long)(st1.published - st0.published));
	CHECK(read(r, &out, REC) == (ssize_t)REC && out.calling[0] != '*', "first of batch");
	CHECK(read(r, &out, REC) == (ssize_t)REC && !strcmp(out.calling, good.calling), "* # F");
	CHECK(read(r, &out, REC) < 0 && errno == EAGAIN, "a bad record reached a reader");
	printf("ok: %d malformed writes refused with EINVAL and counted; readers never see them\n",
	       nbad);
	close(w);
	close(r);
}

static void filter(void)
{
	int w = xopen(O_WRONLY), r = xopen(O_RDONLY | O_NONBLOCK), i, got = 0;
	struct cc_cid_filter f = { .span_min = 3,
				   .span_max = 4,
				   .sources = 1u << CC_CID_SRC_SS7_ISUP | 1u << CC_CID_SRC_R2 };
	struct cc_cid_filter bad = f;
	struct cc_cid_record rec, out;

	bad.reserved[0] = 1;
	CHECK(ioctl(r, CC_CID_IOC_SET_FILTER, &bad) < 0 && errno == EINVAL, "bad filter");
	bad = f;
	bad.sources |= 1;
	CHECK(ioctl(r, CC_CID_IOC_SET_FILTER, &bad) < 0 && errno == EINVAL, "source NONE");
	bad = f;
	bad.span_min = 5;
	CHECK(ioctl(r, CC_CID_IOC_SET_FILTER, &bad) < 0 && errno == EINVAL, "min > max");
	CHECK(!ioctl(r, CC_CID_IOC_SET_FILTER, &f), "SET_FILTER: %s", strerror(errno));
	for (i = 0; i < 60; i++) {
		rec = mkrec((unsigned int)i, 1 + i % 6, 1 + i % 6);
		publish(w, &rec);
	}
	while (read(r, &out, REC) == (ssize_t)REC) {
		CHECK(out.span >= 3 && out.span <= 4, "span %u passed the filter", out.span);
		CHECK(out.source == CC_CID_SRC_SS7_ISUP || out.source == CC_CID_SRC_R2,
		      "source %u passed the filter", out.source);
		got++;
	}
	/* spans 3..4 with source == span: only span 3 (R2); ISUP has span 1 */
	CHECK(got == 10, "filter passed %d records, expected 10", got);
	printf("ok: filter by span range and source\n");
	close(w);
	close(r);
}

static void backlog(void)
{
	int w = xopen(O_WRONLY), r, i;
	struct cc_cid_record rec, out;
	__u64 next;

	for (i = 0; i < 10; i++) {
		rec = mkrec((unsigned int)i, 7, CC_CID_SRC_OTHER);
		publish(w, &rec);
	}
	r = xopen(O_RDONLY | O_NONBLOCK);
	CHECK(read(r, &out, REC) < 0 && errno == EAGAIN, "new reader saw old records");
	next = stats(r).next_seq;
	CHECK(!ioctl(r, CC_CID_IOC_SEEK_OLDEST), "SEEK_OLDEST");
	CHECK(read(r, &out, REC) == (ssize_t)REC && out.seq == stats(r).oldest_seq,
	      "backlog does not start at the oldest record");
	CHECK(lseek(r, 0, SEEK_END) == 0, "lseek SEEK_END");
	CHECK(read(r, &out, REC) < 0 && errno == EAGAIN, "SEEK_END");
	CHECK(lseek(r, 0, SEEK_SET) == 0, "lseek SEEK_SET");
	CHECK(read(r, &out, REC) == (ssize_t)REC, "lseek SEEK_SET");
	CHECK(next >= 10, "next_seq");
	printf("ok: backlog on request (ioctl, lseek), new readers start at the end\n");
	close(w);
	close(r);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";
	int all = !strcmp(what, "all");

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (all || !strcmp(what, "readers"))
		readers();
	if (all || !strcmp(what, "malformed"))
		malformed();
	if (all || !strcmp(what, "filter"))
		filter();
	if (all || !strcmp(what, "backlog"))
		backlog();
	if (all || !strcmp(what, "poll"))
		poll_wake();
	if (all || !strcmp(what, "unpriv"))
		unpriv();
	if (all || !strcmp(what, "overrun"))
		overrun();
	return 0;
}
