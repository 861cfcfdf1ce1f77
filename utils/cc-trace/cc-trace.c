// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cc-trace - decode SS7 signalling traces (pcap, link type MTP2_WITH_PHDR or
 * MTP2, optionally gzip-compressed) with libcallcenter's own decoders,
 * including China TUP, which Wireshark cannot decode.
 *
 *   cc-trace decode [-v china|itu] [-a] FILE
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>
#include <zlib.h>

#include <callcenter/proto/gf001_tup.h>
#include <callcenter/proto/q704_mtp3.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/rd.h>
#include <callcenter/ss7.h>

static enum cc_mtp3_variant variant = CC_MTP3_CHINA;
static bool show_all; /* FISUs and LSSUs too */

static ssize_t gz_read(void *cookie, char *buf, size_t size)
{
	return gzread((gzFile)cookie, buf, (unsigned int)size);
}

static int gz_close(void *cookie)
{
	return gzclose((gzFile)cookie) == Z_OK ? 0 : -1;
}

static void print_number(const char *what, const struct cc_isup_number *n)
{
	printf(" %s=%s(nai=%u,pres=%u,scr=%u)", what, n->ndigits ? n->digits : "-", n->nai, n->pres,
	       n->screen);
}

static void print_isup(const uint8_t *p, size_t len)
{
	struct cc_isup_msg m;
	int ret = cc_isup_decode(p, len, &m);

	if (ret == -ENOTSUP) {
		printf(" ISUP type=0x%02x cic=%u (unknown)", m.type, m.cic);
		return;
	}
	if (ret < 0) {
		printf(" ISUP malformed");
		return;
	}
	printf(" ISUP %s cic=%u", cc_isup_msg_name(m.type), m.cic);
	if (cc_isup_has(&m, CC_ISUP_P_CALLING))
		print_number("calling", &m.calling);
	if (cc_isup_has(&m, CC_ISUP_P_CALLED))
		printf(" called=%s", m.called.digits);
	if (cc_isup_has(&m, CC_ISUP_P_CPC))
		printf(" cpc=%u", m.cpc);
	if (cc_isup_has(&m, CC_ISUP_P_CAUSE))
		printf(" cause=%u loc=%u", m.cause.value, m.cause.location);
	if (cc_isup_has(&m, CC_ISUP_P_RANGE_STATUS))
		printf(" range=%u", m.range.range);
}

static void print_tup(const uint8_t *p, size_t len)
{
	struct cc_tup_msg m;
	int ret = cc_tup_decode(variant, p, len, &m);

	if (ret == -ENOTSUP) {
		printf(" TUP heading=0x%02x cic=%u (unknown)", m.heading, m.cic);
		return;
	}
	if (ret < 0) {
		printf(" TUP malformed");
		return;
	}
	printf(" TUP %s cic=%u", cc_tup_msg_name(m.heading), m.cic);
	if (m.heading == CC_TUP_IAM || m.heading == CC_TUP_IAI)
		printf(" cpc=%u called=%s", m.cpc, m.addr.d);
	if ((m.heading == CC_TUP_IAI && (m.iai_ind & CC_TUP_IAI_CLI)) ||
	    (m.heading == CC_TUP_GSM && (m.gsm_ind & CC_TUP_GSM_CLI)))
		printf(" calling=%s%s", m.cli.digits.d, m.cli.restricted ? "(restricted)" : "");
	if (m.heading == CC_TUP_GRQ)
		printf(" request=0x%02x", m.grq_ind);
	if (m.heading == CC_TUP_ACM)
		printf(" ind=0x%02x", m.acm_ind);
}

static void print_msu(const uint8_t *msu, size_t len)
{
	struct cc_mtp3_hdr h;
	struct cc_rd rd;
	char dpc[16], opc[16];

	cc_rd_init(&rd, msu, len);
	if (cc_mtp3_hdr_decode(variant, &rd, &h) < 0) {
		printf(" MSU malformed label");
		return;
	}
	if (cc_mtp3_pc_fmt_buf(variant, h.rl.opc, opc, sizeof(opc)) < 0 ||
	    cc_mtp3_pc_fmt_buf(variant, h.rl.dpc, dpc, sizeof(dpc)) < 0)
		return;
	printf(" %s->%s ni=%u sls=%u", opc, dpc, h.ni, h.rl.sls);
	switch (h.si) {
	case CC_MTP3_SI_ISUP:
		print_isup(msu + rd.pos, len - rd.pos);
		break;
	case CC_MTP3_SI_TUP:
		print_tup(msu + 1, len - 1);
		break;
	case CC_MTP3_SI_SNM: {
		struct cc_mtp3_snm m;

		if (cc_mtp3_snm_decode(variant, &rd, &m) == 0)
			printf(" SNM %s", cc_mtp3_snm_name(m.heading));
		else
			printf(" SNM malformed");
		break;
	}
	case CC_MTP3_SI_MTN: {
		struct cc_mtp3_sltm m;

		if (cc_mtp3_sltm_decode(&rd, &m) == 0)
			printf(" MTN %s len=%u", m.heading == CC_MTP3_MTN_SLTM ? "SLTM" : "SLTA",
			       m.len);
		else
			printf(" MTN malformed");
		break;
	}
	default:
		printf(" SI=%u", h.si);
		break;
	}
}

static int decode(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *ph;
	const u_char *data;
	unsigned long n = 0;
	pcap_t *pc;
	gzFile gz;
	FILE *fp;
	int dlt, ret;
	cookie_io_functions_t io = { .read = gz_read, .close = gz_close };

	gz = gzopen(path, "rb"); /* reads plain files too */
	if (!gz) {
		fprintf(stderr, "cc-trace: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fp = fopencookie(gz, "r", io);
	if (!fp) {
		gzclose(gz);
		return 1;
	}
	pc = pcap_fopen_offline(fp, err);
	if (!pc) {
		fprintf(stderr, "cc-trace: %s: %s\n", path, err);
		fclose(fp);
		return 1;
	}
	dlt = pcap_datalink(pc);
	if (dlt != DLT_MTP2_WITH_PHDR && dlt != DLT_MTP2) {
		fprintf(stderr, "cc-trace: %s: link type %d is not MTP2\n", path, dlt);
		pcap_close(pc);
		return 1;
	}
	while ((ret = pcap_next_ex(pc, &ph, &data)) == 1) {
		const uint8_t *su = data;
		size_t len = ph->caplen;
		struct cc_mtp2_su s;
		const char *dir = "";
		unsigned int link = 0;

		n++;
		if (dlt == DLT_MTP2_WITH_PHDR) {
			if (len < 4)
				continue;
			dir = su[0] ? "tx" : "rx";
			link = (unsigned int)su[2] << 8 | su[3];
			su += 4;
			len -= 4;
		}
		if (cc_mtp2_su_decode(su, len, &s) < 0) {
			printf("%lu %ld.%06ld %s link=%u malformed SU (%zu octets)\n", n,
			       (long)ph->ts.tv_sec, (long)ph->ts.tv_usec, dir, link, len);
			continue;
		}
		if (s.type != CC_MTP2_MSU && !show_all)
			continue;
		printf("%lu %ld.%06ld %s link=%u bsn=%u fsn=%u", n, (long)ph->ts.tv_sec,
		       (long)ph->ts.tv_usec, dir, link, s.bsn, s.fsn);
		if (s.type == CC_MTP2_FISU)
			printf(" FISU");
		else if (s.type == CC_MTP2_LSSU)
			printf(" LSSU %s", cc_mtp2_status_name((enum cc_mtp2_status)s.status));
		else
			print_msu(s.msu, s.msu_len);
		printf("\n");
	}
	if (ret == PCAP_ERROR)
		fprintf(stderr, "cc-trace: %s: %s\n", path, pcap_geterr(pc));
	pcap_close(pc);
	return ret == PCAP_ERROR ? 1 : 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: cc-trace decode [-v china|itu] [-a] FILE\n"
		   "  -v, --variant  point code variant of the trace (default china)\n"
		   "  -a, --all      show FISUs and LSSUs too\n");
}

static int cmd_decode(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "variant", required_argument, NULL, 'v' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "v:ah", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			if (!strcmp(optarg, "china"))
				variant = CC_MTP3_CHINA;
			else if (!strcmp(optarg, "itu"))
				variant = CC_MTP3_ITU;
			else {
				usage(stderr);
				return 2;
			}
			break;
		case 'a':
			show_all = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	return decode(argv[optind]);
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "decode", cmd_decode },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	usage(stderr);
	return 2;
}
