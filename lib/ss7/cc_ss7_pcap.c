// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * SS7 trace writer: pcap files with link type MTP2_WITH_PHDR (139), written
 * through libpcap's dump API, optionally gzip-compressed with zlib.
 *
 * Each record is the 4-octet pseudo-header (sent, annex_a_used, link_number)
 * followed by the signal unit without its FCS, which is what Wireshark's
 * "mtp2" dissector expects with mtp2.capture_contains_frame_check_sequence
 * FALSE (its default).  tshark 4.0 reads link_number big-endian (checked,
 * reference notes §7.4), so it is written that way.
 *
 * For gzip, libpcap writes into a stdio stream created by fopencookie() whose
 * write function feeds gzwrite(); libpcap never sees zlib.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>
#include <zlib.h>

#include <callcenter/ss7.h>

struct cc_ss7_pcap {
	pcap_t *dead;
	pcap_dumper_t *dumper;
	FILE *fp;
	gzFile gz;
	bool error;
};

static ssize_t gz_cookie_write(void *cookie, const char *buf, size_t size)
{
	struct cc_ss7_pcap *p = cookie;
	int n;

	if (size == 0)
		return 0;
	n = gzwrite(p->gz, buf, (unsigned int)size);
	if (n <= 0) {
		p->error = true;
		return -1;
	}
	return n;
}

static int gz_cookie_close(void *cookie)
{
	struct cc_ss7_pcap *p = cookie;
	int ret = gzclose(p->gz);

	p->gz = NULL;
	return ret == Z_OK ? 0 : -1;
}

int cc_ss7_pcap_open(const char *path, bool gzip, struct cc_ss7_pcap **out_p)
{
	struct cc_ss7_pcap *p;
	int ret;

	if (!path || !out_p)
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->dead = pcap_open_dead(DLT_MTP2_WITH_PHDR, 65535);
	if (!p->dead) {
		ret = -ENOMEM;
		goto err_free;
	}
	if (gzip) {
		cookie_io_functions_t io = { .write = gz_cookie_write, .close = gz_cookie_close };

		p->gz = gzopen(path, "wb");
		if (!p->gz) {
			ret = errno ? -errno : -EIO;
			goto err_dead;
		}
		p->fp = fopencookie(p, "w", io);
		if (!p->fp) {
			ret = -errno;
			gzclose(p->gz);
			goto err_dead;
		}
	} else {
		p->fp = fopen(path, "wb");
		if (!p->fp) {
			ret = -errno;
			goto err_dead;
		}
	}
	p->dumper = pcap_dump_fopen(p->dead, p->fp);
	if (!p->dumper) {
		ret = -EIO;
		fclose(p->fp);
		goto err_dead;
	}
	*out_p = p;
	return 0;

err_dead:
	pcap_close(p->dead);
err_free:
	free(p);
	return ret;
}

int cc_ss7_pcap_write(struct cc_ss7_pcap *p, uint64_t ts_us, bool sent, uint16_t link,
		      const uint8_t *su, size_t len)
{
	uint8_t rec[4 + CC_MTP2_MAX_SU + 2];
	struct pcap_pkthdr h;

	if (!p || (len && !su) || len > CC_MTP2_MAX_SU + 2)
		return -EINVAL;
	rec[0] = sent ? 1 : 0;
	rec[1] = 0; /* basic (not Annex A) sequence numbers */
	rec[2] = (uint8_t)(link >> 8);
	rec[3] = (uint8_t)link;
	memcpy(rec + 4, su, len);
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(ts_us / 1000000u);
	h.ts.tv_usec = (suseconds_t)(ts_us % 1000000u);
	h.caplen = h.len = (bpf_u_int32)(len + 4);
	pcap_dump((u_char *)p->dumper, &h, rec);
	return p->error ? -EIO : 0;
}

int cc_ss7_pcap_close(struct cc_ss7_pcap *p)
{
	int ret = 0;

	if (!p)
		return 0;
	if (pcap_dump_flush(p->dumper) != 0 || p->error)
		ret = -EIO;
	pcap_dump_close(p->dumper); /* closes p->fp, and through it the gzFile */
	pcap_close(p->dead);
	free(p);
	return ret;
}
