/* SPDX-License-Identifier: LGPL-2.1-or-later WITH Linux-syscall-note */
/*
 * callcenter/cid.h - kernel <-> user ABI of /dev/callcenter/callerid (cctrunk.ko)
 *
 * ABI version 1.  Everything in this file is a stable interface between the
 * cctrunk kernel module and userspace; it only grows by using reserved space
 * and bumping CC_CID_ABI_VERSION.
 *
 * The device is a stream of fixed-size caller-ID records (struct cc_cid_record,
 * 128 octets, no implicit padding, little-endian host order like every ioctl
 * ABI, identical for 32- and 64-bit processes).
 *
 * Reading:
 *   - Every open file has its own cursor.  A new file starts at the end of the
 *     ring: it receives every record published after open(), in order.
 *     CC_CID_IOC_SEEK_OLDEST (or lseek(fd, 0, SEEK_SET)) moves the cursor to the
 *     oldest record still retained, i.e. asks for the backlog; lseek(fd, 0,
 *     SEEK_END) skips to the newest.
 *   - read() returns as many whole records as fit in the buffer (at least one;
 *     a buffer smaller than one record gets -EINVAL).  It blocks until a record
 *     is available unless O_NONBLOCK is set (-EAGAIN); a signal interrupts it
 *     (-EINTR / restart).
 *   - The ring keeps the last CC_CID_RING_MIN (4096) or more records.  A reader
 *     that falls further behind gets -EPIPE from one read(), its cursor jumps to
 *     the oldest retained record, and the number of records it lost is added to
 *     cc_cid_stats.lost (CC_CID_IOC_GET_STATS).  The next read() continues
 *     normally.  Record sequence numbers are consecutive, so gaps are visible.
 *   - poll()/epoll: EPOLLIN | EPOLLRDNORM when a record passing the filter is
 *     ready, plus EPOLLERR | EPOLLPRI while an overrun is pending.
 *   - CC_CID_IOC_SET_FILTER restricts what this file receives to a span range
 *     and a set of sources; records that do not pass are skipped (not lost).
 *
 * Writing (publishing):
 *   - Only a privileged opener may open the device for writing: CAP_NET_ADMIN,
 *     or membership of the group given by the module parameter cid_writer_gid.
 *     Others get -EPERM from open().
 *   - write() takes one or more whole records (a length that is not a multiple
 *     of the record size gets -EINVAL).  Each record is validated completely
 *     before anything is published; an invalid record gets -EINVAL, is counted
 *     in cc_cid_stats.rejected, and nothing of that write() call from the bad
 *     record on is published (the records before it are, and write() returns
 *     their total length).
 *   - The kernel assigns seq and the CLOCK_REALTIME timestamp; writers must
 *     leave seq, ts_sec, ts_nsec and reserved[] zero.
 *
 * Validation rules for a written record:
 *   - version == CC_CID_ABI_VERSION, size == sizeof(struct cc_cid_record);
 *   - source is one of enum cc_cid_source (not CC_CID_SRC_NONE);
 *   - span <= CC_CID_SPAN_MAX, channel <= CC_CID_CHANNEL_MAX (0 = unknown);
 *   - presentation <= CC_CID_PRES_NOT_AVAILABLE, screening <= CC_CID_SCREEN_NETWORK;
 *   - no flag bits outside CC_CID_F_ALL;
 *   - calling[] and called[] are NUL-terminated within their CC_CID_NUM_LEN
 *     octets, contain only '0'-'9', '*', '#' and 'A'-'F' before the NUL, and
 *     only zero octets after it;
 *   - CC_CID_F_CALLING is set if and only if calling[] is not empty, likewise
 *     CC_CID_F_CALLED for called[].
 */
#ifndef _UAPI_CALLCENTER_CID_H
#define _UAPI_CALLCENTER_CID_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define CC_CID_ABI_VERSION 1
#define CC_CID_DEVICE	   "/dev/callcenter/callerid"

/* Minimum number of records the ring retains (module parameter cid_ring). */
#define CC_CID_RING_MIN 4096

/* Digits + terminating NUL. */
#define CC_CID_NUM_LEN 32

/* Highest DAHDI span number (DAHDI_MAX_SPANS) and channel position we accept. */
#define CC_CID_SPAN_MAX	   128
#define CC_CID_CHANNEL_MAX 1024

/* Where the caller ID came from. */
enum cc_cid_source {
	CC_CID_SRC_NONE = 0,	    /* invalid on write */
	CC_CID_SRC_SS7_ISUP = 1,    /* ITU-T Q.763 / China ISUP IAM */
	CC_CID_SRC_SS7_TUP = 2,	    /* China TUP (GB/T 15123) IAM/IAI */
	CC_CID_SRC_R2 = 3,	    /* R2 MFC (China No.1 / ITU-T Q.441) ANI */
	CC_CID_SRC_ANALOG_FSK = 4,  /* ETSI EN 300 659 / Bellcore FSK */
	CC_CID_SRC_ANALOG_DTMF = 5, /* ETSI ES 200 778-1 DTMF CLIP */
	CC_CID_SRC_OTHER = 6,
	CC_CID_SRC_COUNT
};

/* Address presentation restricted indicator (ITU-T Q.763 3.10 e). */
enum cc_cid_presentation {
	CC_CID_PRES_ALLOWED = 0,
	CC_CID_PRES_RESTRICTED = 1,
	CC_CID_PRES_NOT_AVAILABLE = 2,
};

/* Screening indicator (ITU-T Q.763 3.10 f). */
enum cc_cid_screening {
	CC_CID_SCREEN_USER_NOT_VERIFIED = 0,
	CC_CID_SCREEN_USER_PASSED = 1,
	CC_CID_SCREEN_USER_FAILED = 2,
	CC_CID_SCREEN_NETWORK = 3,
};

/* cc_cid_record.flags */
#define CC_CID_F_CALLING       (1u << 0) /* calling[] holds a number */
#define CC_CID_F_CALLED	       (1u << 1) /* called[] holds a number */
#define CC_CID_F_INCOMPLETE    (1u << 2) /* calling number incomplete (Q.763 3.10 c) */
#define CC_CID_F_INTERNATIONAL (1u << 3) /* calling number is international */
#define CC_CID_F_TEST	       (1u << 4) /* test call (Q.763 3.11 category 0x0d) */
#define CC_CID_F_ALL	       0x1fu

/**
 * struct cc_cid_record - one caller-ID event (128 octets)
 * @version:      CC_CID_ABI_VERSION
 * @size:         sizeof(struct cc_cid_record)
 * @seq:          sequence number assigned by the kernel, consecutive, from 0
 * @ts_sec:       CLOCK_REALTIME of publication, seconds (kernel)
 * @ts_nsec:      nanoseconds (kernel)
 * @span:         DAHDI span number, 0 = unknown / not on a span
 * @channel:      channel position within the span (E1 timeslot), 0 = unknown
 * @source:       enum cc_cid_source
 * @category:     calling party's category as received (Q.763 3.11, TUP KA)
 * @presentation: enum cc_cid_presentation
 * @screening:    enum cc_cid_screening
 * @flags:        CC_CID_F_*
 * @calling:      calling number, NUL-terminated, zero-filled
 * @called:       called number, NUL-terminated, zero-filled
 * @reserved:     must be zero
 */
struct cc_cid_record {
	__u32 version;
	__u32 size;
	__u64 seq;
	__s64 ts_sec;
	__u32 ts_nsec;
	__u16 span;
	__u16 channel;
	__u8 source;
	__u8 category;
	__u8 presentation;
	__u8 screening;
	__u32 flags;
	char calling[CC_CID_NUM_LEN];
	char called[CC_CID_NUM_LEN];
	__u8 reserved[24];
};

/**
 * struct cc_cid_filter - what one open file receives (CC_CID_IOC_SET_FILTER)
 * @span_min:  lowest span number passed (inclusive)
 * @span_max:  highest span number passed (inclusive); 0/0 = all spans
 * @sources:   bit mask of (1 << enum cc_cid_source); 0 = all sources
 * @reserved:  must be zero
 */
struct cc_cid_filter {
	__u16 span_min;
	__u16 span_max;
	__u32 sources;
	__u32 reserved[2];
};

/**
 * struct cc_cid_stats - ring and per-file counters (CC_CID_IOC_GET_STATS)
 * @next_seq:   sequence number the next published record gets
 * @oldest_seq: oldest sequence number still retained
 * @cursor:     this file's cursor (next sequence number it reads)
 * @lost:       records this file missed through overruns
 * @published:  records published since the module was loaded
 * @rejected:   written records refused as invalid since load
 * @ring_size:  records the ring retains
 * @readers:    files currently open
 */
struct cc_cid_stats {
	__u64 next_seq;
	__u64 oldest_seq;
	__u64 cursor;
	__u64 lost;
	__u64 published;
	__u64 rejected;
	__u32 ring_size;
	__u32 readers;
};

#define CC_CID_IOC_MAGIC       0xCC
#define CC_CID_IOC_SET_FILTER  _IOW(CC_CID_IOC_MAGIC, 1, struct cc_cid_filter)
#define CC_CID_IOC_GET_FILTER  _IOR(CC_CID_IOC_MAGIC, 2, struct cc_cid_filter)
#define CC_CID_IOC_GET_STATS   _IOR(CC_CID_IOC_MAGIC, 3, struct cc_cid_stats)
#define CC_CID_IOC_SEEK_OLDEST _IO(CC_CID_IOC_MAGIC, 4)
#define CC_CID_IOC_SEEK_END    _IO(CC_CID_IOC_MAGIC, 5)

#endif /* _UAPI_CALLCENTER_CID_H */
