// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SS7 integration tests: pcap traces decoded by tshark as an independent
 * decoder (ITU 14-bit and China 24-bit ISUP), and the golden ISUP/TUP vectors
 * cross-checked by it.
 *
 * tshark (Debian package tshark, 4.0) is run with -o mtp3.standard:... ; if it
 * is missing the tshark tests are skipped (cmocka skip), never passed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <callcenter/proto/gf001_tup.h>
#include <callcenter/proto/q704_mtp3.h>
#include <callcenter/proto/q763_isup.h>
#include <callcenter/rd.h>
#include <callcenter/ss7.h>

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cc-ss7-test.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static bool have_tshark(void)
{
	return system("command -v tshark >/dev/null 2>&1") == 0;
}

/* Build an MTP2 MSU: header + SIO + label + @payload. */
static size_t build_su(enum cc_mtp3_variant v, uint8_t si, uint32_t dpc, uint32_t opc, uint8_t sls,
		       const uint8_t *payload, size_t plen, uint8_t fsn, uint8_t *out)
{
	struct cc_mtp3_hdr h = { .si = si, .ni = CC_MTP3_NI_NAT, .rl = { dpc, opc, sls } };
	uint8_t msu[CC_MTP2_MAX_SIF + 1];
	struct cc_mtp2_su su = { .bsn = 0, .bib = 1, .fsn = fsn, .fib = 1, .type = CC_MTP2_MSU };
	struct cc_wr wr;
	int n;

	cc_wr_init(&wr, msu, sizeof(msu));
	assert_int_equal(cc_mtp3_hdr_encode(v, &h, &wr), 0);
	assert_int_equal(cc_wr_bytes(&wr, payload, plen), 0);
	su.msu = msu;
	su.msu_len = cc_wr_len(&wr);
	n = cc_mtp2_su_encode(&su, out, CC_MTP2_MAX_SU);
	assert_true(n > 0);
	return (size_t)n;
}

struct sent {
	uint32_t dpc, opc;
	uint16_t cic;
	uint8_t type;
	char calling[40], called[40];
};

/* Run tshark and read one line of tab-separated fields per frame. */
static size_t run_tshark(const char *path, const char *standard, const char *fields,
			 char lines[][512], size_t max)
{
	char cmd[1024];
	size_t n = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd),
		 "tshark -r '%s' -o 'mtp3.standard:%s' -o mtp3.addr_format:Decimal "
		 "-T fields -E separator=/t -E occurrence=f %s 2>/dev/null",
		 path, standard, fields);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n < max && fgets(lines[n], 512, p)) {
		lines[n][strcspn(lines[n], "\n")] = '\0';
		n++;
	}
	assert_int_equal(pclose(p), 0);
	return n;
}

static void make_call_messages(struct cc_isup_msg *m, size_t *n, uint16_t cic)
{
	size_t k = 0;

	cc_isup_msg_init(&m[k], CC_ISUP_IAM, cic);
	m[k].fci = CC_ISUP_FCI_ISUP_ALL_THE_WAY | CC_ISUP_FCI_ISDN_ORIG_ACCESS;
	m[k].cpc = CC_ISUP_CPC_ORDINARY;
	cc_isup_set(&m[k], CC_ISUP_P_NCI);
	cc_isup_set(&m[k], CC_ISUP_P_FCI);
	cc_isup_set(&m[k], CC_ISUP_P_CPC);
	cc_isup_set(&m[k], CC_ISUP_P_TMR);
	assert_int_equal(cc_isup_number_set(&m[k].called, "12345", CC_ISUP_NAI_NATIONAL, 1), 0);
	cc_isup_set(&m[k], CC_ISUP_P_CALLED);
	assert_int_equal(
		cc_isup_number_set(&m[k].calling, "13800138000", CC_ISUP_NAI_NATIONAL, 1), 0);
	m[k].calling.screen = CC_ISUP_SCREEN_NETWORK;
	cc_isup_set(&m[k], CC_ISUP_P_CALLING);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_ACM, cic);
	m[k].bci = CC_ISUP_BCI_CHARGE_NONE | CC_ISUP_BCI_SUBSCRIBER_FREE | CC_ISUP_BCI_ORDINARY;
	cc_isup_set(&m[k], CC_ISUP_P_BCI);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_CPG, cic);
	m[k].event = CC_ISUP_EVENT_ALERTING;
	cc_isup_set(&m[k], CC_ISUP_P_EVENT);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_ANM, cic);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_REL, cic);
	m[k].cause.location = CC_ISUP_LOC_PUBLIC_LOCAL;
	m[k].cause.value = CC_ISUP_CAUSE_NORMAL_CLEARING;
	cc_isup_set(&m[k], CC_ISUP_P_CAUSE);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_RLC, cic);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_GRS, cic);
	m[k].range.range = 29;
	cc_isup_set(&m[k], CC_ISUP_P_RANGE_STATUS);
	k++;
	cc_isup_msg_init(&m[k], CC_ISUP_BLO, cic);
	k++;
	*n = k;
}

static void trace_decoded_by_tshark(enum cc_mtp3_variant v, bool gzip)
{
	static char lines[64][512];
	struct cc_isup_msg m[16];
	struct sent sent[16];
	struct cc_ss7_pcap *p;
	char path[300];
	size_t n, got;
	uint32_t dpc = v == CC_MTP3_CHINA ? 0x010203 : 1234;
	uint32_t opc = v == CC_MTP3_CHINA ? 0x7f0a0b : 16000;

	snprintf(path, sizeof(path), "%s/%s.pcap%s", tmpdir, cc_mtp3_variant_name(v),
		 gzip ? ".gz" : "");
	assert_int_equal(cc_ss7_pcap_open(path, gzip, &p), 0);
	make_call_messages(m, &n, v == CC_MTP3_CHINA ? 0x9ab : 17);
	for (size_t i = 0; i < n; i++) {
		uint8_t isup[300], su[CC_MTP2_MAX_SU];
		int len = cc_isup_encode(&m[i], isup, sizeof(isup));
		bool fwd = i % 2 == 0;
		size_t sl;

		assert_true(len > 0);
		sent[i].dpc = fwd ? dpc : opc;
		sent[i].opc = fwd ? opc : dpc;
		sent[i].cic = m[i].cic;
		sent[i].type = m[i].type;
		snprintf(sent[i].calling, sizeof(sent[i].calling), "%s",
			 cc_isup_has(&m[i], CC_ISUP_P_CALLING) ? m[i].calling.digits : "");
		snprintf(sent[i].called, sizeof(sent[i].called), "%s",
			 cc_isup_has(&m[i], CC_ISUP_P_CALLED) ? m[i].called.digits : "");
		sl = build_su(v, CC_MTP3_SI_ISUP, sent[i].dpc, sent[i].opc, m[i].cic & 15, isup,
			      (size_t)len, (uint8_t)i, su);
		assert_int_equal(cc_ss7_pcap_write(p, 1700000000000000ull + i * 1000, fwd, 3, su, sl),
				 0);
	}
	assert_int_equal(cc_ss7_pcap_close(p), 0);
	got = run_tshark(path, v == CC_MTP3_CHINA ? "Chinese ITU" : "ITU",
			 "-e mtp3.dpc -e mtp3.opc -e isup.cic -e isup.message_type "
			 "-e isup.calling -e isup.called -e mtp3.service_indicator",
			 lines, 64);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++) {
		char want[512];

		snprintf(want, sizeof(want), "%u\t%u\t%u\t%u\t%s\t%s\t0x05", sent[i].dpc,
			 sent[i].opc, sent[i].cic, sent[i].type, sent[i].calling,
			 sent[i].called);
		assert_string_equal(lines[i], want);
	}
}

static void ss7_itu_trace_decoded_by_tshark(void **state)
{
	(void)state;
	if (!have_tshark())
		skip();
	trace_decoded_by_tshark(CC_MTP3_ITU, false);
}

static void ss7_china_trace_decoded_by_tshark(void **state)
{
	(void)state;
	if (!have_tshark())
		skip();
	trace_decoded_by_tshark(CC_MTP3_CHINA, false);
}

static void ss7_china_gzip_trace_decoded_by_tshark(void **state)
{
	(void)state;
	if (!have_tshark())
		skip();
	trace_decoded_by_tshark(CC_MTP3_CHINA, true);
}

static uint8_t unhex1(char c)
{
	return (uint8_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
}

/* Cross-check: every golden ISUP vector decodes in tshark to the CIC and type we decode. */
static void ss7_golden_isup_vectors_agree_with_tshark(void **state)
{
	static char lines[64][512];
	const char *dir = getenv("CC_SRCDIR");
	char path[512], line[1024], hex[700], name[64];
	uint16_t cics[64];
	uint8_t types[64];
	struct cc_ss7_pcap *p;
	size_t n = 0;
	FILE *fp;

	(void)state;
	if (!have_tshark())
		skip();
	snprintf(path, sizeof(path), "%s/test/vectors/q763/isup_messages.txt", dir ? dir : ".");
	fp = fopen(path, "r");
	assert_non_null(fp);
	snprintf(path, sizeof(path), "%s/vectors.pcap", tmpdir);
	assert_int_equal(cc_ss7_pcap_open(path, false, &p), 0);
	while (n < 64 && fgets(line, sizeof(line), fp)) {
		uint8_t b[300], su[CC_MTP2_MAX_SU];
		struct cc_isup_msg m;
		size_t len, sl;

		if (line[0] == '#')
			continue;
		assert_int_equal(sscanf(line, "%63s %699s", name, hex), 2);
		len = strlen(hex) / 2;
		for (size_t i = 0; i < len; i++)
			b[i] = (uint8_t)(unhex1(hex[2 * i]) << 4 | unhex1(hex[2 * i + 1]));
		assert_int_equal(cc_isup_decode(b, len, &m), 0);
		cics[n] = m.cic;
		types[n] = m.type;
		sl = build_su(CC_MTP3_CHINA, CC_MTP3_SI_ISUP, 0x010203, 0x040506, 1, b, len,
			      (uint8_t)n, su);
		assert_int_equal(cc_ss7_pcap_write(p, 1000000 * n, false, 0, su, sl), 0);
		n++;
	}
	fclose(fp);
	assert_int_equal(cc_ss7_pcap_close(p), 0);
	assert_int_equal(run_tshark(path, "Chinese ITU", "-e isup.cic -e isup.message_type", lines,
				    64),
			 n);
	for (size_t i = 0; i < n; i++) {
		char want[64];

		snprintf(want, sizeof(want), "%u\t%u", cics[i], types[i]);
		assert_string_equal(lines[i], want);
	}
	/* and the IAM's numbers */
	assert_int_equal(run_tshark(path, "Chinese ITU", "-e isup.calling -e isup.called "
					 "-Y isup.message_type==1",
				    lines, 64),
			 1);
	assert_string_equal(lines[0], "13800138000\t12345");
}

/* TUP: tshark 4.0 has no TUP dissector; it must still agree on the MTP3 level. */
static void ss7_china_tup_label_agrees_with_tshark(void **state)
{
	static char lines[8][512];
	struct cc_tup_msg t;
	struct cc_ss7_pcap *p;
	uint8_t b[64], su[CC_MTP2_MAX_SU], msu[80];
	char path[300];
	int len;
	size_t sl;
	struct cc_mtp2_su s = { .bib = 1, .fib = 1, .type = CC_MTP2_MSU };

	(void)state;
	if (!have_tshark())
		skip();
	cc_tup_msg_init(&t, CC_TUP_IAI, 0x010203, 0x040506, 0x125);
	t.cpc = CC_TUP_CPC_ORDINARY;
	t.msg_ind = CC_TUP_NOAI_NATIONAL;
	assert_int_equal(cc_tup_digits_set(&t.addr, "120"), 0);
	t.iai_ind = CC_TUP_IAI_CLI;
	assert_int_equal(cc_tup_digits_set(&t.cli.digits, "13800138000"), 0);
	len = cc_tup_encode(CC_MTP3_CHINA, &t, b, sizeof(b));
	assert_true(len > 0);
	msu[0] = 0x84; /* SIO: national, TUP */
	memcpy(msu + 1, b, (size_t)len);
	s.msu = msu;
	s.msu_len = (size_t)len + 1;
	sl = (size_t)cc_mtp2_su_encode(&s, su, sizeof(su));
	snprintf(path, sizeof(path), "%s/tup.pcap", tmpdir);
	assert_int_equal(cc_ss7_pcap_open(path, false, &p), 0);
	assert_int_equal(cc_ss7_pcap_write(p, 0, true, 1, su, sl), 0);
	assert_int_equal(cc_ss7_pcap_close(p), 0);
	assert_int_equal(run_tshark(path, "Chinese ITU",
				    "-e mtp3.service_indicator -e mtp3.dpc -e mtp3.opc -e mtp3.sls",
				    lines, 8),
			 1);
	/* MTP3 reads the CIC's low nibble (5) as the SLS */
	assert_string_equal(lines[0], "0x04\t66051\t263430\t5");
}

static void ss7_pcap_open_failure_reports_errno(void **state)
{
	struct cc_ss7_pcap *p;

	(void)state;
	assert_int_equal(cc_ss7_pcap_open("/nonexistent-dir/x.pcap", false, &p), -ENOENT);
	assert_true(cc_ss7_pcap_open("/nonexistent-dir/x.pcap.gz", true, &p) < 0);
	assert_int_equal(cc_ss7_pcap_close(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ss7_itu_trace_decoded_by_tshark),
		cmocka_unit_test(ss7_china_trace_decoded_by_tshark),
		cmocka_unit_test(ss7_china_gzip_trace_decoded_by_tshark),
		cmocka_unit_test(ss7_golden_isup_vectors_agree_with_tshark),
		cmocka_unit_test(ss7_china_tup_label_agrees_with_tshark),
		cmocka_unit_test(ss7_pcap_open_failure_reports_errno),
	};

	return cmocka_run_group_tests_name("ss7", tests, setup, teardown);
}
