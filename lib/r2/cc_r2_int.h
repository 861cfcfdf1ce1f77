/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private to lib/r2: a group of R2 channels (cc_r2_group.c) and its two
 * backends, DAHDI (cc_r2_dahdi.c) and the in-process loopback (cc_r2_loop.c),
 * plus the caller-ID publisher (cc_r2_cid.c).
 */
#ifndef CC_R2_INT_H
#define CC_R2_INT_H

#include <callcenter/dsp.h>
#include <callcenter/r2_dahdi.h>

#define R2G_CHUNK    160u  /* samples per DAHDI buffer: 20 ms at 8 kHz */
#define R2G_TXQ	     4096u /* A-law samples staged for write() per channel */
#define R2G_LEAD_DEF 10u
#define R2G_BUFS_DEF 32u

enum r2g_role {
	R2G_ROLE_NONE, /* no register signalling: audio is not read */
	R2G_ROLE_OUT,  /* we originate: send forward tones, detect backward ones */
	R2G_ROLE_IN,   /* we terminate: send backward tones, detect forward ones */
};

struct cc_r2_group;

struct r2g_chan {
	struct cc_r2_group *g;
	unsigned int idx;
	int fd; /* DAHDI; -1 on a loopback */
	int channo;
	uint16_t span, ts;
	struct cc_r2_chan ch;
	enum r2g_role role;
	struct cc_r2mf_rx rx;	 /* detector of the current role */
	struct cc_r2mf_tx tx[2]; /* [CC_R2MF_FWD], [CC_R2MF_BWD] */
	struct cc_r2mf_tx *txg;	 /* the generator in use, NULL when silent */
	bool tx_steady;		 /* a continuous tone is on (DAHDI: keep feeding it) */
	uint8_t txq[R2G_TXQ];	 /* DAHDI: A-law not yet accepted by write() */
	size_t txq_len;
	uint8_t tx_abcd; /* what we send */
	/* loopback */
	uint8_t seen_abcd; /* the far end's bits as last delivered to us */
	bool in_alarm;
	/* neutral call events (<callcenter/call.h>) */
	uint8_t ev_dir;	  /* enum cc_call_dir of the call reported, NONE when none */
	bool ev_released; /* its RELEASED was reported */
	bool ev_local;	  /* we hung up first */
	bool ev_blocked;  /* BLOCKED reported, UNBLOCKED due when it idles */
	bool ev_alarm;	  /* TRUNK_DOWN reported, TRUNK_UP due when it idles */
};

struct r2g_backend {
	/* the core changed our ABCD */
	void (*tx_abcd)(struct r2g_chan *c, uint8_t abcd);
	/* the core started (signal, pulse_ms) or stopped (0) a tone; c->txg is set */
	void (*tx_mf)(struct r2g_chan *c, int signal, int pulse_ms);
	/* the channel's role changed (after an input was handled) */
	void (*role_chg)(struct cc_r2_group *g, struct r2g_chan *c, enum r2g_role old);
	uint64_t (*now)(const struct cc_r2_group *g);
	void (*fini)(struct cc_r2_group *g);
};

struct cc_r2_group {
	struct cc_r2_group_cfg cfg;
	struct cc_r2_group_ops ops;
	void *priv;
	const struct r2g_backend *be;
	struct cc_r2_loop *loop; /* loopback backend */
	struct r2g_chan *chans;
	size_t n;
	uint64_t now;	       /* time of the input being handled */
	int cid_fd;	       /* caller-ID sink, -1 when closed */
	cc_call_ev_fn call_fn; /* neutral call events, or NULL */
	void *call_priv;
	struct cc_r2_group_stats stats;
};

/* cc_r2_group.c */
int r2g_alloc(const struct cc_r2_group_cfg *cfg, size_t n, const struct cc_r2_group_ops *ops,
	      void *priv, const struct r2g_backend *be, struct cc_r2_group **out_g);
int r2g_chan_start(struct r2g_chan *c, uint64_t now);
void r2g_free_mem(struct cc_r2_group *g);
void r2g_feed(struct r2g_chan *c, const int16_t *x, size_t n);
void r2g_after_input(struct r2g_chan *c);
void r2g_tick_all(struct cc_r2_group *g, uint64_t now);

/* cc_r2_cid.c */
void r2g_cid_publish(struct cc_r2_group *g, const struct r2g_chan *c,
		     const struct cc_r2_call_info *info);
void r2g_cid_close(struct cc_r2_group *g);

#endif /* CC_R2_INT_H */
