/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/r2_dahdi.h - R2 channels on a trunk: the binding of the sans-I/O
 * R2 core (<callcenter/r2.h>) to DAHDI CAS channels, and an in-process
 * loopback backend with the same interface for full call flows in unit tests.
 *
 * A group is a set of R2 channels of one trunk (one variant, one config).
 * Backends:
 *   - DAHDI: each channel is a cas= channel opened through /dev/dahdi/channel
 *     (DAHDI_SPECIFY), A-law, 20 ms buffers.  ABCD bits go out with
 *     DAHDI_SETTXBITS; DAHDI_EVENT_BITSCHANGED -> DAHDI_GETRXBITS (masked with
 *     0xf) -> the core; DAHDI_EVENT_ALARM / NOALARM -> cc_r2_chan_alarm().
 *     MF tones are generated and detected with lib/dsp (cc_r2mf_tx/_rx).
 *     Time is CLOCK_MONOTONIC, read here and nowhere in the core.
 *   - loopback: two groups of n channels wired back to back in this process
 *     (ABCD and A-law audio, 1 ms steps), with injected time and a cut line
 *     that raises an alarm on both ends.
 *
 * Event loop integration (DAHDI): fill pollfds with cc_r2_group_pollfds(),
 * poll() for at most cc_r2_group_timeout_ms(), then cc_r2_group_process();
 * or just call cc_r2_group_run().  Idle channels only wait for DAHDI events
 * (POLLPRI); channels in register signalling also read audio (POLLIN).
 *
 * Calls are reported as struct cc_r2_group_ev: the same call events as the
 * SS7 stack (incoming/offered, proceeding, answered, released with a Q.850
 * cause, idle, blocked), per channel index.  Every incoming call's calling
 * number and category are published to the caller-ID stream
 * (/dev/callcenter/callerid, source R2) when cfg.cid_path is set; a failed
 * publication is counted and never affects the call.
 *
 * Context: single-threaded; callbacks run inside the call that caused them
 * and may call the command functions (not cc_r2_group_free()).
 */
#ifndef CALLCENTER_R2_DAHDI_H
#define CALLCENTER_R2_DAHDI_H

#include <poll.h>

#include <callcenter/call.h>
#include <callcenter/r2.h>

#define CC_R2_DAHDI_DEV	     "/dev/dahdi/channel"
#define CC_R2_GROUP_MAX_CHAN 1024u

struct cc_r2_group;
struct cc_r2_loop;

struct cc_r2_group_cfg {
	struct cc_r2_cfg r2;	  /* protocol configuration of every channel */
	int mf_level_ddbm0;	  /* MF level per tone, dBm0 x 10; 0 = -115 (Q.441) */
	unsigned int numbufs;	  /* DAHDI 20 ms buffers per direction, 2..32; 0 = 32 */
	unsigned int lead_chunks; /* 20 ms chunks of a steady tone kept queued, 1..16; 0 = 10 */
	const char *cid_path;	  /* caller-ID sink (CC_CID_DEVICE, or a file); NULL = none */
	const char *dahdi_dev;	  /* NULL = CC_R2_DAHDI_DEV */
};

struct cc_r2_group_ev {
	enum cc_r2_ev_type type;
	unsigned int chan;	   /* channel index in the group (what a CIC is to SS7) */
	int channo;		   /* DAHDI channel number; 0 on a loopback */
	uint16_t span, ts;	   /* DAHDI span and position in it; loopback: 0, index + 1 */
	enum cc_r2_cause r2_cause; /* RELEASED: R2 cause */
	uint8_t cause;		   /* RELEASED: the same as a Q.850 cause (cc_ss7_event.cause) */
	const struct cc_r2_call_info *info; /* OFFERED, RELEASED (borrowed) */
};

struct cc_r2_group_ops {
	void (*event)(void *priv, struct cc_r2_group *g, const struct cc_r2_group_ev *ev);
};

struct cc_r2_group_stats {
	uint64_t rx_samples, tx_samples;
	uint32_t rx_errors;  /* read() failures other than EAGAIN */
	uint32_t tx_errors;  /* write() failures other than EAGAIN/ELAST */
	uint32_t tx_elast;   /* write() refused while a DAHDI event was pending (kept, retried) */
	uint32_t tx_full;    /* DAHDI transmit buffers full (audio kept for later) */
	uint32_t tx_dropped; /* samples dropped: our queue overflowed */
	uint32_t ev_bits, ev_alarm, ev_noalarm, ev_other;
	uint32_t ioctl_errors;
	uint32_t mf_signals; /* MF signals recognised */
	uint32_t cid_published, cid_failed;
	int cid_last_error; /* -errno of the last failed publication, 0 if none */
};

/**
 * cc_r2_group_open_dahdi() - open DAHDI cas= channels as one R2 group
 * @cfg:     configuration (copied; strings must stay valid while the group lives)
 * @channos: DAHDI channel numbers (borrowed), @n of them (1..CC_R2_GROUP_MAX_CHAN)
 * @ops:     callbacks (copied)
 * Channels start idle (idle ABCD sent); a channel whose span is in alarm starts
 * in ALARM.  Return: 0 and *out_g; -EINVAL (bad config, or a channel that is
 * not cas=), -ENOMEM, or the -errno of open()/ioctl() (e.g. -ENOENT without
 * DAHDI, -EBUSY).
 */
CC_API CC_MUST_CHECK int cc_r2_group_open_dahdi(const struct cc_r2_group_cfg *cfg,
						const int *channos, size_t n,
						const struct cc_r2_group_ops *ops, void *priv,
						struct cc_r2_group **out_g);

/**
 * cc_r2_loop_alloc() - two groups of @n channels wired back to back in-process
 * @cfg_a, @cfg_b: configurations of the two ends (copied)
 * @now_ms: start time; time then only moves through cc_r2_loop_run()
 * Return: 0 and *out_l, -EINVAL, -ENOMEM.
 */
CC_API CC_MUST_CHECK int cc_r2_loop_alloc(const struct cc_r2_group_cfg *cfg_a,
					  const struct cc_r2_group_cfg *cfg_b, size_t n,
					  const struct cc_r2_group_ops *ops, void *priv_a,
					  void *priv_b, uint64_t now_ms, struct cc_r2_loop **out_l);
/** cc_r2_loop_group() - end 0 (A) or 1 (B) of a loopback */
CC_API struct cc_r2_group *cc_r2_loop_group(struct cc_r2_loop *l, int end);
/** cc_r2_loop_run() - advance both ends to @until_ms in 1 ms steps (line, audio, timers) */
CC_API void cc_r2_loop_run(struct cc_r2_loop *l, uint64_t until_ms);
/** cc_r2_loop_now() - the loopback's current time */
CC_API uint64_t cc_r2_loop_now(const struct cc_r2_loop *l);
/**
 * cc_r2_loop_cut() - cut (@cut) or restore the line: nothing crosses while it
 * is cut and both ends see an E1 alarm (as RED at one end, YELLOW at the
 * other); restoring clears the alarm on both ends.
 */
CC_API void cc_r2_loop_cut(struct cc_r2_loop *l, bool cut);
/** cc_r2_loop_free() - free both groups; NULL is a no-op */
CC_API void cc_r2_loop_free(struct cc_r2_loop *l);

/** cc_r2_group_free() - close a DAHDI group (sends idle first); NULL is a no-op */
CC_API void cc_r2_group_free(struct cc_r2_group *g);

CC_API size_t cc_r2_group_size(const struct cc_r2_group *g);
/** cc_r2_group_chan() - the protocol state of channel @i (borrowed, read-only use) */
CC_API const struct cc_r2_chan *cc_r2_group_chan(const struct cc_r2_group *g, unsigned int i);
/** cc_r2_group_channo() - DAHDI channel number of channel @i (0 on a loopback) */
CC_API int cc_r2_group_channo(const struct cc_r2_group *g, unsigned int i);
CC_API const struct cc_r2_group_stats *cc_r2_group_stats_get(const struct cc_r2_group *g);
/** cc_r2_group_now() - the group's clock (CLOCK_MONOTONIC ms, or loopback time) */
CC_API uint64_t cc_r2_group_now(const struct cc_r2_group *g);

/* Commands: as the cc_r2_chan_*() functions, on channel @i, at the group's clock. */
CC_API CC_MUST_CHECK int cc_r2_group_make_call(struct cc_r2_group *g, unsigned int i,
					       const char *called, const char *calling,
					       int category, int kd);
CC_API CC_MUST_CHECK int cc_r2_group_accept(struct cc_r2_group *g, unsigned int i,
					    enum cc_r2_b result);
CC_API CC_MUST_CHECK int cc_r2_group_answer(struct cc_r2_group *g, unsigned int i);
CC_API CC_MUST_CHECK int cc_r2_group_hangup(struct cc_r2_group *g, unsigned int i);
CC_API CC_MUST_CHECK int cc_r2_group_block(struct cc_r2_group *g, unsigned int i);
CC_API CC_MUST_CHECK int cc_r2_group_unblock(struct cc_r2_group *g, unsigned int i);

/**
 * cc_r2_group_set_call_ev_fn() - also report every call event of @g as a
 * signalling-neutral struct cc_call_ev (<callcenter/call.h>, the same events
 * the SS7 stack gives with cc_ss7_set_call_ev_fn()) to @fn (NULL stops),
 * after ops.event has seen the native one.  OFFERED is INCOMING; B free is
 * PROCEEDING + ALERTING; a double seizure is RELEASED (cause 44); the far
 * end's unblock is UNBLOCKED; ALARM is TRUNK_DOWN (per channel) and its end
 * TRUNK_UP; a call's RELEASED is followed by IDLE once the channel is idle.
 */
CC_API void cc_r2_group_set_call_ev_fn(struct cc_r2_group *g, cc_call_ev_fn fn, void *priv);

/**
 * cc_r2_group_pollfds() - the descriptors to poll (DAHDI groups)
 * Fills @pfd with one entry per channel (fd, events); Return: the number of
 * entries, -ENOSPC if @cap is smaller than the group, 0 for a loopback group.
 */
CC_API int cc_r2_group_pollfds(const struct cc_r2_group *g, struct pollfd *pfd, size_t cap);
/** cc_r2_group_timeout_ms() - ms until the next timer (-1: none), for poll() */
CC_API int cc_r2_group_timeout_ms(const struct cc_r2_group *g);
/**
 * cc_r2_group_process() - handle what poll() reported in @pfd (as filled by
 * cc_r2_group_pollfds(), with revents) and run due timers.  @pfd may be NULL
 * to run timers only.  Return: 0, or -EINVAL (loopback group, bad @n).
 */
CC_API int cc_r2_group_process(struct cc_r2_group *g, const struct pollfd *pfd, size_t n);
/**
 * cc_r2_group_run() - poll and process for at most @max_ms (one round)
 * Return: 0, -EINTR (a signal arrived), or another -errno from poll().
 */
CC_API int cc_r2_group_run(struct cc_r2_group *g, int max_ms);

#endif /* CALLCENTER_R2_DAHDI_H */
