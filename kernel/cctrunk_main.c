// SPDX-License-Identifier: GPL-2.0-only
/*
 * cctrunk_main.c - virtual E1 span pairs on DAHDI, clocked by a 1 ms hrtimer.
 *
 * Design notes
 * ------------
 * Module parameter pairs=N creates N DAHDI devices "cctrunk:<n>", each with two
 * E1 spans (local span 1 = A, 2 = B, 31 channels, chanpos n = timeslot n)
 * wired back to back through the line model of cctrunk_line.c: what A sends
 * on TSn, B receives on TSn, and the reverse.
 *
 * Timing: one CLOCK_MONOTONIC hrtimer in hard-IRQ mode fires every 1 ms
 * (DAHDI_CHUNKSIZE = 8 samples) and runs a tick for every pair; overruns
 * reported by hrtimer_forward_now() are caught up over the next expiries (see
 * cct_timer_fn()), so the number of ticks equals elapsed milliseconds.  The
 * spans can provide timing: the one DAHDI elects master runs DAHDI's master
 * processing inside our tick.
 *
 * Per tick and pair: both running spans _dahdi_transmit(), their transmitters
 * build one block each, each block is written through the receiving span's
 * impairments into its ring, then each receiver runs, fills readchunk[],
 * delivers changed CAS bits with dahdi_rbsbits() (no other channel lock held:
 * rbsbits() only latched the nibble), _dahdi_ec_span() and _dahdi_receive().
 * Delay A->B on a clean line: samples written by DAHDI into A's writechunk in
 * tick t are in B's readchunk in the same tick t (0 ms in the driver), plus
 * delay_ms, plus one frame while the elastic store is in its repeated-frame
 * half of a slip cycle.
 *
 * Lifetime: the hrtimer starts after every device is registered and is
 * cancelled before any is unregistered.  A DAHDI channel open holds a module
 * reference (span ops owner), so the module cannot be removed while any
 * channel is open; caller-ID files hold one through their fops.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/hrtimer.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/device.h>
#include "cctrunk.h"

/* ticks run per timer expiry while catching up, and the debt we give up on */
#define CCT_MAX_PER_EXPIRY 8
#define CCT_MAX_DEBT	   2000

static int pairs = 1;
module_param(pairs, int, 0444);
MODULE_PARM_DESC(pairs, "number of virtual E1 span pairs (1..16)");

unsigned int cct_red_debounce_ms = 2500;
module_param_named(red_debounce_ms, cct_red_debounce_ms, uint, 0644);
MODULE_PARM_DESC(red_debounce_ms, "LOS/LFA persistence before RED (ms, AT&T TR 54016: 2500)");
unsigned int cct_ais_debounce_ms = 2500;
module_param_named(ais_debounce_ms, cct_ais_debounce_ms, uint, 0644);
MODULE_PARM_DESC(ais_debounce_ms, "AIS persistence before BLUE (ms, default 2500)");
unsigned int cct_yellow_debounce_ms = 500;
module_param_named(yellow_debounce_ms, cct_yellow_debounce_ms, uint, 0644);
MODULE_PARM_DESC(yellow_debounce_ms, "RAI persistence before YELLOW (ms, default 500)");
unsigned int cct_recover_ms = DAHDI_ALARMSETTLE_TIME;
module_param_named(recover_ms, cct_recover_ms, uint, 0644);
MODULE_PARM_DESC(recover_ms, "RECOVER time after RED/BLUE clears (ms, default 5000)");

int cct_npairs;
struct cct_pair *cct_pairs[CCT_MAX_PAIRS];
static struct device *cct_root;
static struct hrtimer cct_timer;

/* E1 channel capabilities (as the reference E1 driver wct4xxp offers them) */
#define CCT_SIGCAP_CCS (DAHDI_SIG_CLEAR | DAHDI_SIG_MTP2 | DAHDI_SIG_SF)
#define CCT_SIGCAP_CAS (DAHDI_SIG_CLEAR | DAHDI_SIG_EM_E1 | DAHDI_SIG_FXSLS | DAHDI_SIG_FXSGS | \
			DAHDI_SIG_FXSKS | DAHDI_SIG_FXOLS | DAHDI_SIG_FXOGS | DAHDI_SIG_FXOKS | \
			DAHDI_SIG_SF | DAHDI_SIG_CAS | DAHDI_SIG_DACS_RBS | DAHDI_SIG_EM)

static inline struct cct_span *to_cct(struct dahdi_span *span)
{
	return container_of(span, struct cct_span, span);
}

static void set_sigcaps(struct cct_span *s, int lineconfig)
{
	bool cas = !(lineconfig & DAHDI_CONFIG_CCS);
	int c;

	for (c = 0; c < CCT_CHANS; c++) {
		/* TS16 carries the CAS multiframe: nothing to configure there */
		if (cas && c + 1 == 16)
			s->chans[c]->sigcap = 0;
		else
			s->chans[c]->sigcap = cas ? CCT_SIGCAP_CAS : CCT_SIGCAP_CCS;
	}
}

/* ------------------------------------------------------------- span ops */

static int cct_spanconfig(struct file *file, struct dahdi_span *span, struct dahdi_lineconfig *lc)
{
	struct cct_span *s = to_cct(span);
	int coding = lc->lineconfig & (DAHDI_CONFIG_AMI | DAHDI_CONFIG_HDB3);

	if (coding != DAHDI_CONFIG_AMI && coding != DAHDI_CONFIG_HDB3) {
		dev_notice(&s->pair->ddev->dev, "%s: E1 needs exactly one of hdb3 or ami\n",
			   span->name);
		return -EINVAL;
	}
	if (lc->sync < 0)
		return -EINVAL;
	s->lc_sync = lc->sync;
	set_sigcaps(s, lc->lineconfig);
	return 0;
}

static int cct_chanconfig(struct file *file, struct dahdi_chan *chan, int sigtype)
{
	return 0;
}

static int cct_startup(struct file *file, struct dahdi_span *span)
{
	return 0;
}

static int cct_shutdown(struct dahdi_span *span)
{
	return 0;
}

/* Context: span->lock held by DAHDI */
static int cct_maint(struct dahdi_span *span, int cmd)
{
	struct cct_span *s = to_cct(span);

	switch (cmd) {
	case DAHDI_MAINT_NONE:
	case DAHDI_MAINT_LOCALLOOP:
	case DAHDI_MAINT_NETWORKLINELOOP:
		WRITE_ONCE(s->maint, cmd);
		return 0;
	case DAHDI_RESET_COUNTERS:
		memset(&span->count, 0, sizeof(span->count));
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* Context: any, the channel's lock may be held: only latch the bits. */
static int cct_rbsbits(struct dahdi_chan *chan, int bits)
{
	struct cct_span *s = chan->pvt;

	if (chan->chanpos < 1 || chan->chanpos >= CCT_TS)
		return -EINVAL;
	WRITE_ONCE(s->tx.cas[chan->chanpos], bits & 0xf);
	return 0;
}

static const struct dahdi_span_ops cct_span_ops = {
	.owner = THIS_MODULE,
	.spanconfig = cct_spanconfig,
	.chanconfig = cct_chanconfig,
	.startup = cct_startup,
	.shutdown = cct_shutdown,
	.maint = cct_maint,
	.rbsbits = cct_rbsbits,
};

/* ------------------------------------------------------------- the tick */

static inline bool span_running(const struct cct_span *s)
{
	return test_bit(DAHDI_FLAGBIT_REGISTERED, &s->span.flags) &&
	       test_bit(DAHDI_FLAGBIT_RUNNING, &s->span.flags);
}

static void deliver_cas(struct cct_span *s)
{
	int c;

	if ((READ_ONCE(s->span.lineconfig) & DAHDI_CONFIG_CCS) || !s->rx.fa)
		return;
	for (c = 0; c < CCT_CHANS; c++) {
		struct dahdi_chan *chan = s->chans[c];
		int sig = READ_ONCE(chan->sig);
		u8 bits = s->rx.cas[c + 1];

		if (c + 1 == 16 || !sig || (sig & DAHDI_SIG_CLEAR))
			continue;
		if (READ_ONCE(chan->rxsig) != bits)
			dahdi_rbsbits(chan, bits);
	}
}

/* Which block reaches @rx's receiver: normally the far end's, unless a loop. */
static const struct cct_blk *line_source(struct cct_span *rx)
{
	struct cct_span *far = rx->peer;

	if (READ_ONCE(rx->maint) == DAHDI_MAINT_LOCALLOOP)
		return &rx->txblk;
	if (READ_ONCE(far->maint) == DAHDI_MAINT_NETWORKLINELOOP)
		return &far->ring[(far->wr_tick + CCT_RING_TICKS - 1) % CCT_RING_TICKS];
	return &far->txblk;
}

static void cct_tick_pair(struct cct_pair *p)
{
	bool run[2];
	int i;

	for (i = 0; i < 2; i++) {
		struct cct_span *s = &p->spans[i];

		run[i] = span_running(s);
		if (run[i])
			_dahdi_transmit(&s->span);
		cct_line_tx(s, run[i]);
	}
	for (i = 0; i < 2; i++)
		cct_line_put(&p->spans[i], line_source(&p->spans[i]));
	for (i = 0; i < 2; i++) {
		struct cct_span *s = &p->spans[i];

		cct_line_rx(s, run[i]);
		if (!run[i])
			continue;
		deliver_cas(s);
		_dahdi_ec_span(&s->span);
		_dahdi_receive(&s->span);
	}
}

u64 cct_ticks;
u64 cct_lost_ticks;
u64 cct_debt;
u64 cct_max_debt;
seqcount_t cct_tick_seq = SEQCNT_ZERO(cct_tick_seq);

/*
 * Every elapsed millisecond is owed one tick.  A late expiry pays its debt over
 * the following expiries, at most CCT_MAX_PER_EXPIRY ticks each, so that a
 * stall of the host (or of a virtual machine) does not turn into a long
 * hard-IRQ burst; a debt beyond CCT_MAX_DEBT ms is written off and counted.
 */
static enum hrtimer_restart cct_timer_fn(struct hrtimer *t)
{
	u64 n;
	int i;

	/* single writer: the timer callback never runs concurrently with itself */
	write_seqcount_begin(&cct_tick_seq);
	cct_debt += hrtimer_forward_now(t, ms_to_ktime(1));
	if (cct_debt > cct_max_debt)
		cct_max_debt = cct_debt;
	if (cct_debt > CCT_MAX_DEBT) {
		cct_lost_ticks += cct_debt - 1;
		for (i = 0; i < cct_npairs; i++)
			cct_pairs[i]->ddev->irqmisses += cct_debt - 1;
		cct_debt = 1;
	}
	n = min_t(u64, cct_debt, CCT_MAX_PER_EXPIRY);
	cct_debt -= n;
	while (n--) {
		for (i = 0; i < cct_npairs; i++)
			cct_tick_pair(cct_pairs[i]);
		cct_ticks++;
	}
	write_seqcount_end(&cct_tick_seq);
	return HRTIMER_RESTART;
}

/* ------------------------------------------------------------- pairs */

static void span_free(struct cct_span *s)
{
	int c;

	for (c = 0; c < CCT_CHANS; c++)
		kfree(s->chans[c]);
	kvfree(s->ring);
}

static int span_setup(struct cct_pair *p, int idx)
{
	struct cct_span *s = &p->spans[idx];
	struct dahdi_span *span = &s->span;
	char side = 'A' + idx;
	int c;

	s->pair = p;
	s->idx = idx;
	s->peer = &p->spans[!idx];
	s->ring = kvcalloc(CCT_RING_TICKS, sizeof(*s->ring), GFP_KERNEL);
	if (!s->ring)
		return -ENOMEM;
	prandom_seed_state(&s->rnd, get_random_u64());
	cct_line_reset(s);

	for (c = 0; c < CCT_CHANS; c++) {
		struct dahdi_chan *chan = kzalloc(sizeof(*chan), GFP_KERNEL);

		if (!chan)
			return -ENOMEM;
		snprintf(chan->name, sizeof(chan->name), "CCT/%d/%c/%d", p->num, side, c + 1);
		chan->chanpos = c + 1;
		chan->pvt = s;
		s->chans[c] = chan;
	}
	snprintf(span->name, sizeof(span->name), "CCT/%d/%c", p->num, side);
	/* DAHDI_SPANSTAT (dahdi_scan) shows 39 characters of it */
	snprintf(span->desc, sizeof(span->desc), "cctrunk E1 pair %d span %c", p->num, side);
	span->spantype = SPANTYPE_DIGITAL_E1;
	span->deflaw = DAHDI_LAW_ALAW;
	span->linecompat = DAHDI_CONFIG_AMI | DAHDI_CONFIG_HDB3 | DAHDI_CONFIG_CCS |
			   DAHDI_CONFIG_CRC4;
	span->lineconfig = DAHDI_CONFIG_CCS | DAHDI_CONFIG_HDB3;
	span->flags = DAHDI_FLAG_RBS;
	span->channels = CCT_CHANS;
	span->chans = s->chans;
	span->offset = idx;
	span->ops = &cct_span_ops;
	set_sigcaps(s, span->lineconfig);
	list_add_tail(&span->device_node, &p->ddev->spans);
	return 0;
}

static void pair_destroy(struct cct_pair *p, bool registered)
{
	int i;

	if (registered)
		dahdi_unregister_device(p->ddev);
	dahdi_free_device(p->ddev);
	for (i = 0; i < 2; i++)
		span_free(&p->spans[i]);
	kfree(p);
}

static struct cct_pair *pair_create(int num)
{
	struct cct_pair *p;
	int ret, i;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->num = num;
	p->ddev = dahdi_create_device();
	if (!p->ddev) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	snprintf(p->hwid, sizeof(p->hwid), "cctrunk-%d", num);
	snprintf(p->location, sizeof(p->location), "cctrunk/pair%d", num);
	p->ddev->manufacturer = "callcenter";
	p->ddev->devicetype = "cctrunk virtual E1 pair";
	p->ddev->location = p->location;
	p->ddev->hardware_id = p->hwid;
	dev_set_name(&p->ddev->dev, "cctrunk:%d", num);
	for (i = 0; i < 2; i++) {
		ret = span_setup(p, i);
		if (ret)
			goto err_destroy;
	}
	ret = dahdi_register_device(p->ddev, cct_root);
	if (ret)
		goto err_destroy;
	return p;

err_destroy:
	pair_destroy(p, false);
	return ERR_PTR(ret);
}

static void pairs_destroy(void)
{
	while (cct_npairs > 0)
		pair_destroy(cct_pairs[--cct_npairs], true);
}

static int __init cct_init(void)
{
	int ret, i;

	if (pairs < 1 || pairs > CCT_MAX_PAIRS) {
		pr_err("pairs=%d out of range 1..%d\n", pairs, CCT_MAX_PAIRS);
		return -EINVAL;
	}
	cct_line_init();
	cct_root = root_device_register("cctrunk");
	if (IS_ERR(cct_root))
		return PTR_ERR(cct_root);
	for (i = 0; i < pairs; i++) {
		struct cct_pair *p = pair_create(i);

		if (IS_ERR(p)) {
			ret = PTR_ERR(p);
			goto err_pairs;
		}
		cct_pairs[cct_npairs++] = p;
	}
	ret = cct_sysfs_init(cct_root);
	if (ret)
		goto err_pairs;
	ret = cct_cid_init();
	if (ret)
		goto err_sysfs;

	hrtimer_init(&cct_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	cct_timer.function = cct_timer_fn;
	hrtimer_start(&cct_timer, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);
	pr_info("%d virtual E1 pair(s), %d spans, 1 ms hrtimer\n", pairs, 2 * pairs);
	return 0;

err_sysfs:
	cct_sysfs_fini();
err_pairs:
	pairs_destroy();
	root_device_unregister(cct_root);
	return ret;
}

static void __exit cct_exit(void)
{
	hrtimer_cancel(&cct_timer);
	cct_cid_fini();
	cct_sysfs_fini();
	pairs_destroy();
	root_device_unregister(cct_root);
	pr_info("unloaded after %llu ticks (%llu lost)\n", cct_ticks, cct_lost_ticks);
}

module_init(cct_init);
module_exit(cct_exit);

MODULE_DESCRIPTION("callcenter virtual E1 span pairs for DAHDI and caller-ID stream");
MODULE_AUTHOR("callcenter project");
MODULE_LICENSE("GPL");
