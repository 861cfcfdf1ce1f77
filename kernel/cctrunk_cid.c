// SPDX-License-Identifier: GPL-2.0-only
/*
 * cctrunk_cid.c - /dev/callcenter/callerid: caller-ID records, one cursor per file.
 *
 * Design notes
 * ------------
 * The ABI (record layout, ioctls, semantics) is documented in
 * include/uapi/callcenter/cid.h.  One global ring of cid_ring (power of two,
 * >= 4096) records; sequence number n lives in slot n & (size - 1).  The ring
 * never blocks a writer: the newest record overwrites the oldest.  Each open
 * file has a cursor (next sequence number to read); a cursor older than the
 * oldest retained record is an overrun: the file's lost counter grows by the
 * gap, the cursor jumps to the oldest record and the next read() returns
 * -EPIPE once (the /dev/kmsg model).
 *
 * Locking: cid.lock (spinlock, IRQ-safe so that kernel producers may publish
 * from any context later) protects the ring, the global counters and every
 * file's cursor, filter and overrun state.  A file's read() is serialised by
 * its own mutex; copy_to_user/copy_from_user run without the spinlock on a
 * stack copy of one record.  Readers sleep on cid.wq.
 *
 * Privilege: opening for writing needs CAP_NET_ADMIN or membership of
 * cid_writer_gid, checked once at open() with the opener's credentials (so a
 * privileged opener may hand the descriptor to a less privileged helper, as
 * with any Unix file).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/timekeeping.h>
#include <linux/build_bug.h>
#include <uapi/callcenter/cid.h>
#include "cctrunk.h"

static unsigned int cid_ring = CC_CID_RING_MIN;
module_param(cid_ring, uint, 0444);
MODULE_PARM_DESC(cid_ring, "caller-ID records retained (power of two, 4096..1048576)");

static int cid_writer_gid = -1;
module_param(cid_writer_gid, int, 0644);
MODULE_PARM_DESC(cid_writer_gid, "group allowed to publish caller IDs besides CAP_NET_ADMIN (-1: none)");

static ushort cid_mode = 0660;
module_param(cid_mode, ushort, 0444);
MODULE_PARM_DESC(cid_mode, "permissions of /dev/callcenter/callerid (default 0660)");

static struct {
	spinlock_t lock;	/* ring, counters, every file's cursor state */
	wait_queue_head_t wq;
	struct cc_cid_record *rec;
	u32 mask;
	u64 next_seq;
	u64 published;
	u64 rejected;
	u32 files;
} cid;

/* filter bits of the real sources (CC_CID_SRC_NONE excluded) */
#define CID_SOURCES_VALID (((1u << CC_CID_SRC_COUNT) - 1) & ~1u)

struct cid_file {
	struct mutex read_lock;	/* one read() at a time per file */
	u64 cursor;
	u64 lost;
	bool overrun;		/* -EPIPE pending */
	bool may_write;
	struct cc_cid_filter filter;
};

static inline u64 oldest_seq(void)
{
	return cid.next_seq > cid.mask ? cid.next_seq - cid.mask - 1 : 0;
}

static bool filter_pass(const struct cc_cid_filter *f, const struct cc_cid_record *r)
{
	if ((f->span_min || f->span_max) && (r->span < f->span_min || r->span > f->span_max))
		return false;
	if (f->sources && !(f->sources & (1u << r->source)))
		return false;
	return true;
}

/* Context: cid.lock held.  Detect overrun and skip records the filter rejects. */
static void cursor_update(struct cid_file *cf)
{
	u64 oldest = oldest_seq();

	if (cf->cursor < oldest) {
		cf->lost += oldest - cf->cursor;
		cf->cursor = oldest;
		cf->overrun = true;
	}
	while (cf->cursor < cid.next_seq &&
	       !filter_pass(&cf->filter, &cid.rec[cf->cursor & cid.mask]))
		cf->cursor++;
}

/* Return 1 and a copy of the next record, 0 if none, -EPIPE once after an overrun. */
static int next_record(struct cid_file *cf, struct cc_cid_record *out)
{
	int ret = 0;

	spin_lock_irq(&cid.lock);
	cursor_update(cf);
	if (cf->overrun) {
		cf->overrun = false;
		ret = -EPIPE;
	} else if (cf->cursor < cid.next_seq) {
		*out = cid.rec[cf->cursor & cid.mask];
		ret = 1;
	}
	spin_unlock_irq(&cid.lock);
	return ret;
}

static bool cid_ready(struct cid_file *cf)
{
	return READ_ONCE(cid.next_seq) > READ_ONCE(cf->cursor);
}

static ssize_t cid_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct cid_file *cf = file->private_data;
	struct cc_cid_record r;
	size_t done = 0;
	ssize_t ret = 0;

	if (count < sizeof(r))
		return -EINVAL;
	if (mutex_lock_interruptible(&cf->read_lock))
		return -ERESTARTSYS;
	while (done + sizeof(r) <= count) {
		ret = next_record(cf, &r);
		if (ret < 0) {
			if (done) {
				/* report the overrun on the next read() */
				spin_lock_irq(&cid.lock);
				cf->overrun = true;
				spin_unlock_irq(&cid.lock);
			}
			break;
		}
		if (ret == 0) {
			if (done)
				break;
			if (file->f_flags & O_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			ret = wait_event_interruptible(cid.wq, cid_ready(cf));
			if (ret)
				break;
			continue;
		}
		if (copy_to_user(buf + done, &r, sizeof(r))) {
			ret = -EFAULT;
			break;
		}
		spin_lock_irq(&cid.lock);
		if (cf->cursor <= r.seq)
			cf->cursor = r.seq + 1;
		spin_unlock_irq(&cid.lock);
		done += sizeof(r);
	}
	mutex_unlock(&cf->read_lock);
	return done ? done : ret;
}

static int num_check(const char *n)
{
	int i;

	for (i = 0; i < CC_CID_NUM_LEN && n[i]; i++) {
		char c = n[i];

		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || c == '*' || c == '#'))
			return -EINVAL;
	}
	if (i == CC_CID_NUM_LEN)
		return -EINVAL;		/* not NUL-terminated */
	if (memchr_inv(n + i, 0, CC_CID_NUM_LEN - i))
		return -EINVAL;		/* garbage after the NUL */
	return i;
}

static int cid_validate(const struct cc_cid_record *r)
{
	int calling, called;

	if (r->version != CC_CID_ABI_VERSION || r->size != sizeof(*r))
		return -EINVAL;
	if (r->seq || r->ts_sec || r->ts_nsec)
		return -EINVAL;
	if (r->source == CC_CID_SRC_NONE || r->source >= CC_CID_SRC_COUNT)
		return -EINVAL;
	if (r->span > CC_CID_SPAN_MAX || r->channel > CC_CID_CHANNEL_MAX)
		return -EINVAL;
	if (r->presentation > CC_CID_PRES_NOT_AVAILABLE || r->screening > CC_CID_SCREEN_NETWORK)
		return -EINVAL;
	if (r->flags & ~CC_CID_F_ALL)
		return -EINVAL;
	if (memchr_inv(r->reserved, 0, sizeof(r->reserved)))
		return -EINVAL;
	calling = num_check(r->calling);
	called = num_check(r->called);
	if (calling < 0 || called < 0)
		return -EINVAL;
	if (!calling != !(r->flags & CC_CID_F_CALLING) || !called != !(r->flags & CC_CID_F_CALLED))
		return -EINVAL;
	return 0;
}

static void cid_publish(struct cc_cid_record *r)
{
	struct timespec64 ts;
	unsigned long flags;

	spin_lock_irqsave(&cid.lock, flags);
	ktime_get_real_ts64(&ts);
	r->seq = cid.next_seq;
	r->ts_sec = ts.tv_sec;
	r->ts_nsec = ts.tv_nsec;
	cid.rec[cid.next_seq & cid.mask] = *r;
	cid.next_seq++;
	cid.published++;
	spin_unlock_irqrestore(&cid.lock, flags);
	wake_up_interruptible(&cid.wq);
}

static void count_rejected(void)
{
	spin_lock_irq(&cid.lock);
	cid.rejected++;
	spin_unlock_irq(&cid.lock);
}

static ssize_t cid_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct cid_file *cf = file->private_data;
	struct cc_cid_record r;
	size_t done = 0;

	if (!cf->may_write)
		return -EPERM;
	if (count % sizeof(r)) {
		count_rejected();
		return -EINVAL;
	}
	while (done < count) {
		if (copy_from_user(&r, buf + done, sizeof(r)))
			return done ? done : -EFAULT;
		if (cid_validate(&r)) {
			count_rejected();
			return done ? done : -EINVAL;
		}
		cid_publish(&r);
		done += sizeof(r);
	}
	return done;
}

static __poll_t cid_poll(struct file *file, poll_table *wait)
{
	struct cid_file *cf = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &cid.wq, wait);
	spin_lock_irq(&cid.lock);
	cursor_update(cf);
	if (cf->overrun)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLERR | EPOLLPRI;
	else if (cf->cursor < cid.next_seq)
		mask |= EPOLLIN | EPOLLRDNORM;
	spin_unlock_irq(&cid.lock);
	if (cf->may_write)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static void seek(struct cid_file *cf, bool oldest)
{
	spin_lock_irq(&cid.lock);
	cf->cursor = oldest ? oldest_seq() : cid.next_seq;
	cf->overrun = false;
	spin_unlock_irq(&cid.lock);
}

static loff_t cid_llseek(struct file *file, loff_t offset, int whence)
{
	if (offset)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		seek(file->private_data, true);
		return 0;
	case SEEK_END:
		seek(file->private_data, false);
		return 0;
	default:
		return -EINVAL;
	}
}

static long cid_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cid_file *cf = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct cc_cid_filter f;
	struct cc_cid_stats st;

	switch (cmd) {
	case CC_CID_IOC_SET_FILTER:
		if (copy_from_user(&f, uarg, sizeof(f)))
			return -EFAULT;
		if (f.reserved[0] || f.reserved[1] || f.span_min > f.span_max ||
		    f.span_max > CC_CID_SPAN_MAX || (f.sources & ~CID_SOURCES_VALID))
			return -EINVAL;
		spin_lock_irq(&cid.lock);
		cf->filter = f;
		spin_unlock_irq(&cid.lock);
		return 0;
	case CC_CID_IOC_GET_FILTER:
		spin_lock_irq(&cid.lock);
		f = cf->filter;
		spin_unlock_irq(&cid.lock);
		return copy_to_user(uarg, &f, sizeof(f)) ? -EFAULT : 0;
	case CC_CID_IOC_GET_STATS:
		memset(&st, 0, sizeof(st));
		spin_lock_irq(&cid.lock);
		st.next_seq = cid.next_seq;
		st.oldest_seq = oldest_seq();
		st.cursor = cf->cursor;
		st.lost = cf->lost;
		st.published = cid.published;
		st.rejected = cid.rejected;
		st.ring_size = cid.mask + 1;
		st.readers = cid.files;
		spin_unlock_irq(&cid.lock);
		return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
	case CC_CID_IOC_SEEK_OLDEST:
		seek(cf, true);
		return 0;
	case CC_CID_IOC_SEEK_END:
		seek(cf, false);
		return 0;
	default:
		return -ENOTTY;
	}
}

static bool may_publish(void)
{
	int gid = READ_ONCE(cid_writer_gid);

	if (capable(CAP_NET_ADMIN))
		return true;
	return gid >= 0 && in_group_p(make_kgid(&init_user_ns, gid));
}

static int cid_open(struct inode *inode, struct file *file)
{
	struct cid_file *cf;

	if ((file->f_mode & FMODE_WRITE) && !may_publish())
		return -EPERM;
	cf = kzalloc(sizeof(*cf), GFP_KERNEL);
	if (!cf)
		return -ENOMEM;
	mutex_init(&cf->read_lock);
	cf->may_write = file->f_mode & FMODE_WRITE;
	spin_lock_irq(&cid.lock);
	cf->cursor = cid.next_seq;
	cid.files++;
	spin_unlock_irq(&cid.lock);
	file->private_data = cf;
	return 0;
}

static int cid_release(struct inode *inode, struct file *file)
{
	struct cid_file *cf = file->private_data;

	spin_lock_irq(&cid.lock);
	cid.files--;
	spin_unlock_irq(&cid.lock);
	mutex_destroy(&cf->read_lock);
	kfree(cf);
	return 0;
}

static const struct file_operations cid_fops = {
	.owner = THIS_MODULE,
	.open = cid_open,
	.release = cid_release,
	.read = cid_read,
	.write = cid_write,
	.poll = cid_poll,
	.llseek = cid_llseek,
	.unlocked_ioctl = cid_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static ssize_t published_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(cid.published));
}

static ssize_t rejected_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(cid.rejected));
}

static ssize_t ring_size_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", cid.mask + 1);
}

static DEVICE_ATTR_RO(published);
static DEVICE_ATTR_RO(rejected);
static DEVICE_ATTR_RO(ring_size);

static struct attribute *cid_attrs[] = {
	&dev_attr_published.attr,
	&dev_attr_rejected.attr,
	&dev_attr_ring_size.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cid);

static struct miscdevice cid_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "cc_callerid",
	.nodename = "callcenter/callerid",
	.fops = &cid_fops,
	.groups = cid_groups,
};

int cct_cid_init(void)
{
	int ret;

	BUILD_BUG_ON(sizeof(struct cc_cid_record) != 128);
	BUILD_BUG_ON(sizeof(struct cc_cid_filter) != 16);
	BUILD_BUG_ON(sizeof(struct cc_cid_stats) != 56);
	BUILD_BUG_ON(CC_CID_SRC_COUNT > 32);

	if (cid_ring < CC_CID_RING_MIN || cid_ring > (1u << 20) || (cid_ring & (cid_ring - 1))) {
		pr_err("cid_ring=%u: need a power of two in %u..%u\n", cid_ring, CC_CID_RING_MIN,
		       1u << 20);
		return -EINVAL;
	}
	spin_lock_init(&cid.lock);
	init_waitqueue_head(&cid.wq);
	cid.rec = vzalloc(array_size(cid_ring, sizeof(*cid.rec)));
	if (!cid.rec)
		return -ENOMEM;
	cid.mask = cid_ring - 1;
	cid_misc.mode = cid_mode & 0777;
	ret = misc_register(&cid_misc);
	if (ret) {
		vfree(cid.rec);
		cid.rec = NULL;
	}
	return ret;
}

void cct_cid_fini(void)
{
	misc_deregister(&cid_misc);
	vfree(cid.rec);
	cid.rec = NULL;
}
