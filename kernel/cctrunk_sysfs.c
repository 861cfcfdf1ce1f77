// SPDX-License-Identifier: GPL-2.0-only
/*
 * cctrunk_sysfs.c - impairment knobs and line statistics in sysfs.
 *
 * /sys/devices/cctrunk/                 root device (parent of the DAHDI devices)
 *     ticks, lost_ticks                 1 ms ticks run / written off (catch-up limit)
 *     tick_debt, max_tick_debt          ticks owed right now / at most (timer late)
 *     frames                            snapshot: MONO_NS DEBT TICKS NSPANS RX_FRAMES...
 *     pair<N>/a/, pair<N>/b/            receive side of span A / B of pair N:
 *         cut               0|1         loss of signal (LOS)
 *         ais               0|1         all ones received (AIS)
 *         ber               0|<m>e-<k>  bit error rate, 1e-7 .. 1e-3
 *         slip_interval_ms  0|10..3600000  one controlled slip every N ms
 *         delay_ms          0..500      extra one-way delay
 *         name, spanno, alarms, defects, bit_errors, slips, rx_frames  (read-only)
 *
 * Every store validates its input and returns -EINVAL otherwise; clearing a
 * knob (writing 0) restores the line.  Values are picked up by the next tick.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/sysfs.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include "cctrunk.h"

static struct device *root_dev;

struct span_kobj {
	struct kobject kobj;
	struct cct_span *s;
};

static inline struct cct_span *to_span(struct kobject *kobj)
{
	return container_of(kobj, struct span_kobj, kobj)->s;
}

static ssize_t store_bool(struct kobject *kobj, const char *buf, size_t len, size_t off)
{
	struct cct_span *s = to_span(kobj);
	bool v;

	if (kstrtobool(buf, &v))
		return -EINVAL;
	WRITE_ONCE(*(u32 *)((char *)&s->imp + off), v);
	return len;
}

static ssize_t cut_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_span(kobj)->imp.cut));
}

static ssize_t cut_store(struct kobject *kobj, struct kobj_attribute *a, const char *buf,
			 size_t len)
{
	return store_bool(kobj, buf, len, offsetof(struct cct_imp, cut));
}

static ssize_t ais_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_span(kobj)->imp.ais));
}

static ssize_t ais_store(struct kobject *kobj, struct kobj_attribute *a, const char *buf,
			 size_t len)
{
	return store_bool(kobj, buf, len, offsetof(struct cct_imp, ais));
}

static ssize_t ber_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	struct cct_span *s = to_span(kobj);
	u32 m = READ_ONCE(s->imp.ber_mant), e = READ_ONCE(s->imp.ber_exp);

	if (!m)
		return sysfs_emit(buf, "0\n");
	return sysfs_emit(buf, "%ue-%u\n", m, e);
}

static ssize_t ber_store(struct kobject *kobj, struct kobj_attribute *a, const char *buf,
			 size_t len)
{
	struct cct_span *s = to_span(kobj);
	u32 m, e;

	if (cct_ber_parse(buf, &m, &e))
		return -EINVAL;
	/* exponent first: the tick only acts on a non-zero mantissa */
	WRITE_ONCE(s->imp.ber_mant, 0);
	WRITE_ONCE(s->imp.ber_exp, e);
	WRITE_ONCE(s->imp.ber_mant, m);
	return len;
}

static ssize_t slip_interval_ms_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_span(kobj)->imp.slip_interval_ms));
}

static ssize_t slip_interval_ms_store(struct kobject *kobj, struct kobj_attribute *a,
				      const char *buf, size_t len)
{
	struct cct_span *s = to_span(kobj);
	unsigned int v;

	if (kstrtouint(buf, 10, &v) || (v && (v < 10 || v > 3600000)))
		return -EINVAL;
	WRITE_ONCE(s->imp.slip_interval_ms, v);
	return len;
}

static ssize_t delay_ms_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_span(kobj)->imp.delay_ms));
}

static ssize_t delay_ms_store(struct kobject *kobj, struct kobj_attribute *a, const char *buf,
			      size_t len)
{
	struct cct_span *s = to_span(kobj);
	unsigned int v;

	if (kstrtouint(buf, 10, &v) || v > CCT_MAX_DELAY_MS)
		return -EINVAL;
	WRITE_ONCE(s->imp.delay_ms, v);
	return len;
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_span(kobj)->span.name);
}

static ssize_t spanno_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(to_span(kobj)->span.spanno));
}

static const struct {
	int bit;
	const char *name;
} alarm_names[] = {
	{ DAHDI_ALARM_RED, "RED" },	      { DAHDI_ALARM_BLUE, "BLUE" },
	{ DAHDI_ALARM_YELLOW, "YELLOW" },     { DAHDI_ALARM_RECOVER, "RECOVER" },
	{ DAHDI_ALARM_LOOPBACK, "LOOPBACK" }, { DAHDI_ALARM_NOTOPEN, "NOTOPEN" },
	{ DAHDI_ALARM_LOS, "LOS" },	      { DAHDI_ALARM_LFA, "LFA" },
	{ DAHDI_ALARM_LMFA, "LMFA" },
};

static ssize_t alarms_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	int al = READ_ONCE(to_span(kobj)->span.alarms);
	ssize_t n = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(alarm_names); i++)
		if (al & alarm_names[i].bit)
			n += sysfs_emit_at(buf, n, "%s%s", n ? " " : "", alarm_names[i].name);
	if (!n)
		n = sysfs_emit(buf, "OK");
	return n + sysfs_emit_at(buf, n, "\n");
}

static ssize_t defects_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	struct cct_span *s = to_span(kobj);
	ssize_t n = 0;

	if (READ_ONCE(s->rx.los))
		n += sysfs_emit_at(buf, n, "%sLOS", n ? " " : "");
	if (READ_ONCE(s->rx.lfa))
		n += sysfs_emit_at(buf, n, "%sLFA", n ? " " : "");
	if (READ_ONCE(s->rx.ais))
		n += sysfs_emit_at(buf, n, "%sAIS", n ? " " : "");
	if (READ_ONCE(s->rx.rai))
		n += sysfs_emit_at(buf, n, "%sRAI", n ? " " : "");
	if (!READ_ONCE(s->rx.los) && (READ_ONCE(s->span.lineconfig) & DAHDI_CONFIG_CRC4) &&
	    READ_ONCE(s->rx.fa) && !READ_ONCE(s->rx.mfa))
		n += sysfs_emit_at(buf, n, "%sLMFA", n ? " " : "");
	if (!n)
		n = sysfs_emit(buf, "none");
	return n + sysfs_emit_at(buf, n, "\n");
}

static ssize_t bit_errors_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(to_span(kobj)->bit_errors));
}

static ssize_t slips_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(to_span(kobj)->slips));
}

static ssize_t rx_frames_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(to_span(kobj)->rx_frames));
}

static struct kobj_attribute cut_attr = __ATTR_RW(cut);
static struct kobj_attribute ais_attr = __ATTR_RW(ais);
static struct kobj_attribute ber_attr = __ATTR_RW(ber);
static struct kobj_attribute slip_interval_ms_attr = __ATTR_RW(slip_interval_ms);
static struct kobj_attribute delay_ms_attr = __ATTR_RW(delay_ms);
static struct kobj_attribute name_attr = __ATTR_RO(name);
static struct kobj_attribute spanno_attr = __ATTR_RO(spanno);
static struct kobj_attribute alarms_attr = __ATTR_RO(alarms);
static struct kobj_attribute defects_attr = __ATTR_RO(defects);
static struct kobj_attribute bit_errors_attr = __ATTR_RO(bit_errors);
static struct kobj_attribute slips_attr = __ATTR_RO(slips);
static struct kobj_attribute rx_frames_attr = __ATTR_RO(rx_frames);

static struct attribute *span_attrs[] = {
	&cut_attr.attr,
	&ais_attr.attr,
	&ber_attr.attr,
	&slip_interval_ms_attr.attr,
	&delay_ms_attr.attr,
	&name_attr.attr,
	&spanno_attr.attr,
	&alarms_attr.attr,
	&defects_attr.attr,
	&bit_errors_attr.attr,
	&slips_attr.attr,
	&rx_frames_attr.attr,
	NULL,
};

ATTRIBUTE_GROUPS(span);

static void span_kobj_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct span_kobj, kobj));
}

static const struct kobj_type span_ktype = {
	.release = span_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = span_groups,
};

static ssize_t ticks_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(cct_ticks));
}

static ssize_t lost_ticks_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(cct_lost_ticks));
}

static ssize_t tick_debt_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(cct_debt));
}

static ssize_t max_tick_debt_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(cct_max_debt));
}

/*
 * One consistent snapshot for rate measurements, taken in the kernel so that
 * a reader that is descheduled cannot skew it:
 * "MONO_NS DEBT TICKS NSPANS RX_FRAMES..." (rx_frames in span order 0a 0b 1a ...).
 */
static ssize_t frames_show(struct device *dev, struct device_attribute *a, char *buf)
{
	u64 f[2 * CCT_MAX_PAIRS], now, debt, ticks;
	unsigned int seq;
	int i, n, len;

	do {
		seq = read_seqcount_begin(&cct_tick_seq);
		now = ktime_get_ns();
		debt = READ_ONCE(cct_debt);
		ticks = READ_ONCE(cct_ticks);
		n = 2 * cct_npairs;
		for (i = 0; i < n; i++)
			f[i] = READ_ONCE(cct_pairs[i / 2]->spans[i % 2].rx_frames);
	} while (read_seqcount_retry(&cct_tick_seq, seq));
	len = sysfs_emit(buf, "%llu %llu %llu %d", now, debt, ticks, n);
	for (i = 0; i < n; i++)
		len += sysfs_emit_at(buf, len, " %llu", f[i]);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static DEVICE_ATTR_RO(ticks);
static DEVICE_ATTR_RO(frames);
static DEVICE_ATTR_RO(lost_ticks);
static DEVICE_ATTR_RO(tick_debt);
static DEVICE_ATTR_RO(max_tick_debt);

static struct attribute *root_attrs[] = {
	&dev_attr_ticks.attr,
	&dev_attr_frames.attr,
	&dev_attr_lost_ticks.attr,
	&dev_attr_tick_debt.attr,
	&dev_attr_max_tick_debt.attr,
	NULL,
};

static const struct attribute_group root_group = {
	.attrs = root_attrs,
};

void cct_sysfs_fini(void)
{
	int i, j;

	for (i = 0; i < cct_npairs; i++) {
		struct cct_pair *p = cct_pairs[i];

		for (j = 0; j < 2; j++) {
			kobject_put(p->spans[j].kobj);
			p->spans[j].kobj = NULL;
		}
		kobject_put(p->kobj);
		p->kobj = NULL;
	}
	if (root_dev)
		sysfs_remove_group(&root_dev->kobj, &root_group);
	root_dev = NULL;
}

static struct kobject *span_kobj_create(struct cct_span *s, struct kobject *parent)
{
	struct span_kobj *sk = kzalloc(sizeof(*sk), GFP_KERNEL);

	if (!sk)
		return NULL;
	sk->s = s;
	if (kobject_init_and_add(&sk->kobj, &span_ktype, parent, "%c", 'a' + s->idx)) {
		kobject_put(&sk->kobj);
		return NULL;
	}
	return &sk->kobj;
}

int cct_sysfs_init(struct device *root)
{
	char name[16];
	int i, j, ret;

	ret = sysfs_create_group(&root->kobj, &root_group);
	if (ret)
		return ret;
	root_dev = root;
	for (i = 0; i < cct_npairs; i++) {
		struct cct_pair *p = cct_pairs[i];

		snprintf(name, sizeof(name), "pair%d", p->num);
		p->kobj = kobject_create_and_add(name, &root->kobj);
		if (!p->kobj)
			goto err;
		for (j = 0; j < 2; j++) {
			p->spans[j].kobj = span_kobj_create(&p->spans[j], p->kobj);
			if (!p->spans[j].kobj)
				goto err;
		}
	}
	return 0;

err:
	cct_sysfs_fini();
	return -ENOMEM;
}
