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
	assert_int_equal(cc_isup_number_set(&m[k].calling, "13800138000", CC_ISUP_NAI_NATIONAL, 1),
			 0);
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
		assert_int_equal(
			cc_ss7_pcap_write(p, 1700000000000000ull + i * 1000, fwd, 3, su, sl), 0);
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
			 sent[i].opc, sent[i].cic, sent[i].type, sent[i].calling, sent[i].called);
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
	assert_int_equal(
		run_tshark(path, "Chinese ITU", "-e isup.cic -e isup.message_type", lines, 64), n);
	for (size_t i = 0; i < n; i++) {
		char want[64];

		snprintf(want, sizeof(want), "%u\t%u", cics[i], types[i]);
		assert_string_equal(lines[i], want);
	}
	/* and the IAM's numbers */
	assert_int_equal(run_tshark(path, "Chinese ITU",
				    "-e isup.calling -e isup.called "
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

/* ======================================================================== */
/* Full call flows: two stacks over in-process loopback trunks               */
/* ======================================================================== */

#include <callcenter/trunk.h>

#define MAXEV 4096

struct side {
	struct cc_ss7 *s;
	unsigned int nev;
	struct cc_ss7_event ev[MAXEV];
	bool auto_answer; /* accept + answer every incoming call */
};

struct net {
	struct side a, b; /* a: the call centre, b: the exchange */
	struct cc_trunk_chan *ca[4], *cb[4];
	unsigned int nlinks;
	uint64_t now;
	struct cc_ss7_pcap *pcap; /* optional trace of a's link 0 */
};

static struct net *cur_net;

static void side_ev(void *priv, const struct cc_ss7_event *ev)
{
	struct side *sd = priv;

	if (sd->nev < MAXEV)
		sd->ev[sd->nev] = *ev;
	sd->nev++;
	if (ev->type == CC_SS7_EV_INCOMING && sd->auto_answer) {
		assert_int_equal(cc_ss7_accept(sd->s, cur_net->now, ev->cic), 0);
		assert_int_equal(cc_ss7_answer(sd->s, cur_net->now, ev->cic), 0);
	}
}

static const struct cc_ss7_ops side_ops = { .event = side_ev };

static void net_init(struct net *n, const struct cc_ss7_cfg *base, unsigned int nlinks)
{
	struct cc_ss7_cfg ca = *base, cb = *base;

	memset(n, 0, sizeof(*n));
	cur_net = n;
	n->now = 1000;
	n->nlinks = nlinks;
	ca.nlinks = cb.nlinks = (uint8_t)nlinks;
	cb.opc = base->dpc;
	cb.dpc = base->opc;
	assert_int_equal(cc_ss7_alloc(&ca, &side_ops, &n->a, &n->a.s), 0);
	assert_int_equal(cc_ss7_alloc(&cb, &side_ops, &n->b, &n->b.s), 0);
	for (unsigned int i = 0; i < nlinks; i++)
		assert_int_equal(cc_trunk_loop_pair(512, &n->ca[i], &n->cb[i]), 0);
}

static void net_fini(struct net *n)
{
	cc_ss7_free(n->a.s);
	cc_ss7_free(n->b.s);
	for (unsigned int i = 0; i < n->nlinks; i++) {
		cc_trunk_close(n->ca[i]);
		cc_trunk_close(n->cb[i]);
	}
	if (n->pcap)
		assert_int_equal(cc_ss7_pcap_close(n->pcap), 0);
}

/* Pump with optional tracing of a's link 0 (both directions). */
static void net_pump(struct net *n)
{
	for (int guard = 0; guard < 10000; guard++) {
		int moved = 0;

		for (unsigned int i = 0; i < n->nlinks; i++) {
			if (n->pcap && i == 0) {
				uint8_t buf[CC_MTP2_MAX_SU];
				int len;

				while (cc_ss7_link_tx_pending(n->a.s, 0)) {
					len = cc_ss7_link_tx_next(n->a.s, 0, n->now, buf,
								  sizeof(buf));
					assert_true(len > 0);
					if (len > 4)
						assert_int_equal(cc_ss7_pcap_write(
									 n->pcap, n->now * 1000,
									 true, 0, buf, (size_t)len),
								 0);
					(void)cc_trunk_write(n->ca[0], buf, (size_t)len);
					moved++;
				}
			}
			moved += cc_ss7_trunk_pump(n->a.s, i, n->ca[i], n->now);
			moved += cc_ss7_trunk_pump(n->b.s, i, n->cb[i], n->now);
		}
		if (!moved)
			return;
	}
	fail_msg("network did not settle");
}

static void net_run(struct net *n, uint64_t ms)
{
	uint64_t end = n->now + ms;

	net_pump(n);
	while (n->now < end) {
		uint64_t t = cc_ss7_next_timeout_ms(n->a.s), tb = cc_ss7_next_timeout_ms(n->b.s);

		if (tb < t)
			t = tb;
		/* 10 ms steps keep loss-of-signal octet counting realistic */
		if (t > n->now + 10)
			t = n->now + 10;
		if (t > end)
			t = end;
		if (t <= n->now)
			t = n->now + 1;
		n->now = t;
		cc_ss7_tick(n->a.s, n->now);
		cc_ss7_tick(n->b.s, n->now);
		net_pump(n);
		assert_true(cc_ss7_check(n->a.s));
		assert_true(cc_ss7_check(n->b.s));
	}
}

static unsigned int count_ev(const struct side *sd, enum cc_ss7_ev_type t)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < sd->nev && i < MAXEV; i++)
		k += sd->ev[i].type == t;
	return k;
}

static const struct cc_ss7_event *last_ev(const struct side *sd, enum cc_ss7_ev_type t)
{
	for (unsigned int i = sd->nev < MAXEV ? sd->nev : MAXEV; i-- > 0;)
		if (sd->ev[i].type == t)
			return &sd->ev[i];
	return NULL;
}

static void net_up(struct net *n)
{
	cc_ss7_start(n->a.s, n->now);
	cc_ss7_start(n->b.s, n->now);
	net_run(n, 10000);
	assert_true(cc_ss7_is_up(n->a.s));
	assert_true(cc_ss7_is_up(n->b.s));
	net_run(n, 100);
}

static struct cc_ss7_cfg base_cfg(enum cc_ss7_user_part up, enum cc_mtp3_variant v)
{
	struct cc_ss7_cfg c;

	memset(&c, 0, sizeof(c));
	c.user_part = up;
	c.variant = v;
	c.ni = CC_MTP3_NI_NAT;
	c.opc = v == CC_MTP3_CHINA ? 0x010203 : 100;
	c.dpc = v == CC_MTP3_CHINA ? 0x040506 : 200;
	c.cic_first = 1;
	c.ncics = 30;
	return c;
}

/* One call from @from to @to: answer, then @rel releases with @cause. */
static void one_call(struct net *n, struct side *from, struct side *to, const char *calling,
		     const char *called, struct side *rel, uint8_t cause)
{
	unsigned int in0 = count_ev(to, CC_SS7_EV_INCOMING),
		     ans0 = count_ev(from, CC_SS7_EV_ANSWERED);
	unsigned int idle_from = count_ev(from, CC_SS7_EV_IDLE),
		     idle_to = count_ev(to, CC_SS7_EV_IDLE);
	struct side *other = rel == from ? to : from;
	const struct cc_ss7_event *ev;
	uint16_t cic;

	assert_int_equal(
		cc_ss7_call(from->s, n->now, 0, calling, called, CC_ISUP_CPC_ORDINARY, &cic), 0);
	net_run(n, 20);
	assert_int_equal(count_ev(to, CC_SS7_EV_INCOMING), in0 + 1);
	ev = last_ev(to, CC_SS7_EV_INCOMING);
	assert_int_equal(ev->cic, cic);
	assert_string_equal(ev->called.digits, called);
	assert_int_equal(ev->calling.present, calling && *calling);
	if (calling && *calling)
		assert_string_equal(ev->calling.digits, calling);
	assert_int_equal(ev->category, CC_ISUP_CPC_ORDINARY);
	if (!to->auto_answer) {
		assert_int_equal(cc_ss7_accept(to->s, n->now, cic), 0);
		net_run(n, 20);
		assert_int_equal(cc_ss7_answer(to->s, n->now, cic), 0);
	}
	net_run(n, 20);
	assert_int_equal(count_ev(from, CC_SS7_EV_ANSWERED), ans0 + 1);
	assert_int_equal(cc_ss7_circuit_state(from->s, cic), CC_SS7_CS_ANSWERED);
	assert_int_equal(cc_ss7_circuit_state(to->s, cic), CC_SS7_CS_ANSWERED);
	assert_int_equal(cc_ss7_release(rel->s, n->now, cic, cause), 0);
	net_run(n, 20);
	ev = last_ev(other, CC_SS7_EV_RELEASED);
	assert_non_null(ev);
	assert_int_equal(ev->cic, cic);
	assert_int_equal(ev->cause, cause);
	assert_int_equal(count_ev(from, CC_SS7_EV_IDLE), idle_from + 1);
	assert_int_equal(count_ev(to, CC_SS7_EV_IDLE), idle_to + 1);
	assert_int_equal(cc_ss7_circuit_state(from->s, cic), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_circuit_state(to->s, cic), CC_SS7_CS_IDLE);
}

static void ss7_isup_itu_call_flows_both_directions(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_ITU);
	static struct net n;

	(void)state;
	net_init(&n, &c, 1);
	net_up(&n);
	/* start-up circuit group reset, both ends */
	assert_int_equal(count_ev(&n.a, CC_SS7_EV_GROUP_RESET_DONE), 1);
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_GROUP_RESET_DONE), 1);
	assert_true(cc_ss7_stats_get(n.a.s)->sltm_tx >= 1);
	one_call(&n, &n.b, &n.a, "13800138000", "120", &n.b, CC_ISUP_CAUSE_NORMAL_CLEARING);
	one_call(&n, &n.a, &n.b, "12345", "075512345678", &n.b, CC_ISUP_CAUSE_USER_BUSY);
	one_call(&n, &n.a, &n.b, "", "12345", &n.a, CC_ISUP_CAUSE_NORMAL_CLEARING);
	/* the alerting indication reaches the caller through ACM's BCI */
	assert_true(count_ev(&n.b, CC_SS7_EV_ALERTING) >= 1);
	assert_int_equal(cc_ss7_stats_get(n.a.s)->unexpected, 0);
	assert_int_equal(cc_ss7_stats_get(n.b.s)->unexpected, 0);
	net_fini(&n);
}

static void calls_each_way(struct net *n, unsigned int count)
{
	n->a.auto_answer = true;
	n->b.auto_answer = true;
	for (unsigned int i = 0; i < count; i++) {
		char calling[16], called[16];

		snprintf(calling, sizeof(calling), "138%08u", i);
		snprintf(called, sizeof(called), "12%03u", i % 1000);
		one_call(n, &n->b, &n->a, calling, called, i % 2 ? &n->a : &n->b,
			 CC_ISUP_CAUSE_NORMAL_CLEARING);
		one_call(n, &n->a, &n->b, called, calling, i % 3 ? &n->a : &n->b,
			 CC_ISUP_CAUSE_NORMAL_CLEARING);
	}
}

static void ss7_isup_china_100_calls_each_way_traced(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_CHINA);
	static char lines[1024][512];
	static struct net n;
	char path[300];
	size_t got, iams = 0;

	(void)state;
	net_init(&n, &c, 1);
	snprintf(path, sizeof(path), "%s/china-calls.pcap", tmpdir);
	assert_int_equal(cc_ss7_pcap_open(path, false, &n.pcap), 0);
	net_up(&n);
	calls_each_way(&n, 100);
	assert_int_equal(count_ev(&n.a, CC_SS7_EV_INCOMING), 100);
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_INCOMING), 100);
	assert_int_equal(cc_ss7_stats_get(n.a.s)->calls_answered, 200);
	net_fini(&n);
	n.pcap = NULL;
	if (!have_tshark())
		return;
	/* what we sent on the wire, as tshark decodes it: the IAMs from the call centre */
	got = run_tshark(path, "Chinese ITU",
			 "-Y isup.message_type==1 -e mtp3.opc -e mtp3.dpc -e isup.calling "
			 "-e isup.called",
			 lines, 1024);
	assert_int_equal(got, 100);
	for (size_t i = 0; i < got; i++) {
		char want[128];

		snprintf(want, sizeof(want), "%u\t%u\t12%03zu\t138%08zu", 0x010203, 0x040506, i, i);
		assert_string_equal(lines[i], want);
		iams++;
	}
	assert_int_equal(iams, 100);
}

static void ss7_tup_china_calls_with_iai_and_grq_gsm(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_TUP, CC_MTP3_CHINA);
	static struct net n;
	const struct cc_ss7_event *ev;
	uint16_t cic;

	(void)state;
	c.tup_request_cli = true;
	net_init(&n, &c, 1);
	net_up(&n);
	assert_int_equal(count_ev(&n.a, CC_SS7_EV_GROUP_RESET_DONE), 1);
	/* IAI with CLI; caller clears (CLF/RLG), then called side clears (CBK/CLF/RLG) */
	one_call(&n, &n.b, &n.a, "13800138000", "120", &n.b, CC_ISUP_CAUSE_NORMAL_CLEARING);
	ev = last_ev(&n.a, CC_SS7_EV_INCOMING);
	assert_int_equal(ev->cli_source, CC_SS7_CLI_TUP_IAI);
	one_call(&n, &n.b, &n.a, "13800138001", "120", &n.a, CC_ISUP_CAUSE_NORMAL_CLEARING);
	/* IAM without CLI: the call centre asks with GRQ and gets it from GSM */
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 0, "", "12345", 10, &cic), 0);
	net_run(&n, 20);
	ev = last_ev(&n.a, CC_SS7_EV_INCOMING);
	assert_int_equal(ev->cic, cic);
	assert_false(ev->calling.present); /* the exchange had no number to give */
	assert_int_equal(cc_ss7_release(n.a.s, n.now, cic, CC_ISUP_CAUSE_USER_BUSY), 0);
	net_run(&n, 20);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_USER_BUSY);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_circuit_state(n.b.s, cic), CC_SS7_CS_IDLE);
	/* 100 calls each way */
	calls_each_way(&n, 100);
	assert_int_equal(cc_ss7_stats_get(n.a.s)->unexpected, 0);
	assert_int_equal(cc_ss7_stats_get(n.b.s)->unexpected, 0);
	net_fini(&n);
}

static void ss7_tup_gsm_supplies_cli(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_TUP, CC_MTP3_CHINA);
	static struct net n;
	const struct cc_ss7_event *ev;

	(void)state;
	c.tup_request_cli = true;
	c.tup_cli_on_request = true; /* the exchange sends a bare IAM, CLI only on GRQ */
	net_init(&n, &c, 1);
	net_up(&n);
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 7, "13912345678", "120", 10, NULL), 0);
	net_run(&n, 5);
	/* one round trip later: IAM -> GRQ -> GSM -> incoming with the GSM's CLI */
	ev = last_ev(&n.a, CC_SS7_EV_INCOMING);
	assert_non_null(ev);
	assert_int_equal(ev->cic, 7);
	assert_int_equal(ev->cli_source, CC_SS7_CLI_TUP_GSM);
	assert_true(ev->calling.present);
	assert_string_equal(ev->calling.digits, "13912345678");
	assert_string_equal(ev->called.digits, "120");
	assert_int_equal(ev->category, 10);
	assert_int_equal(cc_ss7_answer(n.a.s, n.now, 7), 0);
	net_run(&n, 20);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_ANSWERED)->cic, 7);
	assert_int_equal(cc_ss7_release(n.b.s, n.now, 7, 16), 0);
	net_run(&n, 20);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, 7), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_circuit_state(n.b.s, 7), CC_SS7_CS_IDLE);
	net_fini(&n);
}

static void ss7_isup_dual_seizure_resolved_by_point_codes(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_ITU);
	static struct net n;
	const struct cc_ss7_event *ev;

	(void)state;
	net_init(&n, &c, 1);
	net_up(&n);
	/* a (PC 100) < b (PC 200): b controls even CICs, a controls odd ones */
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 4, "111", "222", 10, NULL), 0);
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 4, "333", "444", 10, NULL), 0);
	net_run(&n, 20);
	assert_int_equal(count_ev(&n.a, CC_SS7_EV_DUAL_SEIZURE), 1);
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_DUAL_SEIZURE), 0);
	ev = last_ev(&n.a, CC_SS7_EV_INCOMING);
	assert_non_null(ev);
	assert_int_equal(ev->cic, 4);
	assert_string_equal(ev->calling.digits, "333");
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_INCOMING), 0);
	assert_int_equal(cc_ss7_stats_get(n.a.s)->dual_seizures, 1);
	assert_int_equal(cc_ss7_stats_get(n.b.s)->dual_seizures, 1);
	/* odd CIC: a wins */
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 5, "111", "222", 10, NULL), 0);
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 5, "333", "444", 10, NULL), 0);
	net_run(&n, 20);
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_DUAL_SEIZURE), 1);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_INCOMING)->cic, 5);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, 5), CC_SS7_CS_OUT_SETUP);
	net_fini(&n);
}

static void ss7_isup_t7_expiry_releases_call(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_ITU);
	static struct net n;
	uint16_t cic;

	(void)state;
	net_init(&n, &c, 1);
	net_up(&n);
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 0, "1", "2", 10, &cic), 0);
	net_run(&n, 24900); /* b never accepts: no ACM */
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_OUT_SETUP);
	net_run(&n, 200);
	assert_int_equal(cc_ss7_stats_get(n.a.s)->t7_expiries, 1);
	assert_int_equal(last_ev(&n.a, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_RELEASED)->cause, CC_ISUP_CAUSE_RECOVERY_ON_TIMER);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_circuit_state(n.b.s, cic), CC_SS7_CS_IDLE);
	net_fini(&n);
}

static void ss7_isup_blocking_reset_and_grs(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_CHINA);
	static struct net n;
	uint16_t cic;

	(void)state;
	net_init(&n, &c, 1);
	net_up(&n);
	assert_int_equal(cc_ss7_block(n.a.s, n.now, 5), 0);
	net_run(&n, 20);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_BLOCKED)->cic, 5);
	assert_int_equal(cc_ss7_circuit_blocked(n.a.s, 5), 1);
	assert_int_equal(cc_ss7_circuit_blocked(n.b.s, 5), 2);
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 5, "1", "2", 10, NULL), -EBUSY);
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 5, "1", "2", 10, NULL), -EBUSY);
	/* a GRS from b reports the block back in GRA's status */
	assert_int_equal(cc_ss7_group_reset(n.b.s, n.now, 1, 30), 0);
	net_run(&n, 20);
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_GROUP_RESET_DONE), 2);
	assert_int_equal(cc_ss7_circuit_blocked(n.b.s, 5), 2);
	assert_int_equal(cc_ss7_circuit_blocked(n.b.s, 6), 0);
	assert_int_equal(cc_ss7_unblock(n.a.s, n.now, 5), 0);
	net_run(&n, 20);
	assert_int_equal(count_ev(&n.b, CC_SS7_EV_UNBLOCKED), 1);
	assert_int_equal(cc_ss7_circuit_blocked(n.b.s, 5), 0);
	/* reset a circuit in a call: both ends idle, the far end sees RESET */
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 9, "1", "2", 10, &cic), 0);
	net_run(&n, 20);
	assert_int_equal(cc_ss7_reset(n.a.s, n.now, 9), 0);
	net_run(&n, 20);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_RESET)->cic, 9);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, 9), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_circuit_state(n.b.s, 9), CC_SS7_CS_IDLE);
	/* API misuse */
	assert_int_equal(cc_ss7_release(n.a.s, n.now, 9, 16), -EPROTO);
	assert_int_equal(cc_ss7_block(n.a.s, n.now, 99), -ENODEV);
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 0, "1", "2x", 10, NULL), -EINVAL);
	assert_int_equal(cc_ss7_group_reset(n.a.s, n.now, 1, 33), -EINVAL);
	net_fini(&n);
}

static void ss7_isup_unequipped_cic_answered_with_ucic(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_ITU);
	struct cc_ss7_cfg cb;
	static struct net n;

	(void)state;
	net_init(&n, &c, 1);
	/* b believes in 31 circuits, a has 30 */
	cc_ss7_free(n.b.s);
	cb = c;
	cb.opc = c.dpc;
	cb.dpc = c.opc;
	cb.nlinks = 1;
	cb.ncics = 31;
	cb.no_grs = true;
	assert_int_equal(cc_ss7_alloc(&cb, &side_ops, &n.b, &n.b.s), 0);
	net_up(&n);
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 31, "1", "2", 10, NULL), 0);
	net_run(&n, 20);
	assert_int_equal(cc_ss7_stats_get(n.a.s)->ucic_tx, 1);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_RELEASED)->cause,
			 CC_ISUP_CAUSE_CIRCUIT_NOT_AVAILABLE);
	assert_int_equal(cc_ss7_circuit_blocked(n.b.s, 31), 2);
	net_fini(&n);
}

static void ss7_line_cut_mid_call_releases_and_recovers(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_CHINA);
	struct cc_trunk_impair cut = { .cut = true }, ok = { 0 };
	static struct net n;
	uint16_t cic;

	(void)state;
	net_init(&n, &c, 1);
	net_up(&n);
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 0, "13800138000", "120", 10, &cic), 0);
	net_run(&n, 20);
	assert_int_equal(cc_ss7_answer(n.a.s, n.now, cic), 0);
	net_run(&n, 20);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_ANSWERED);
	cc_trunk_impair_set(n.ca[0], &cut);
	cc_trunk_impair_set(n.cb[0], &cut);
	net_run(&n, 300); /* SUERM in octet counting: 64 x 16 octets = 128 ms */
	assert_false(cc_ss7_is_up(n.a.s));
	assert_false(cc_ss7_is_up(n.b.s));
	assert_int_equal(cc_mtp2_stats_get(cc_ss7_link_mtp2(n.a.s, 0))->suerm_trips, 1);
	assert_int_equal(last_ev(&n.a, CC_SS7_EV_RELEASED)->cause,
			 CC_ISUP_CAUSE_NETWORK_OUT_OF_ORDER);
	assert_int_equal(last_ev(&n.b, CC_SS7_EV_RELEASED)->cause,
			 CC_ISUP_CAUSE_NETWORK_OUT_OF_ORDER);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_IDLE);
	assert_int_equal(cc_ss7_call(n.a.s, n.now, 0, "1", "2", 10, NULL), -EAGAIN);
	/* restore: re-alignment, link test, group reset, then calls work again */
	cc_trunk_impair_set(n.ca[0], &ok);
	cc_trunk_impair_set(n.cb[0], &ok);
	net_run(&n, 60000);
	assert_true(cc_ss7_is_up(n.a.s));
	assert_true(cc_ss7_is_up(n.b.s));
	assert_int_equal(count_ev(&n.a, CC_SS7_EV_GROUP_RESET_DONE), 2);
	n.a.auto_answer = true;
	one_call(&n, &n.b, &n.a, "13800138000", "120", &n.b, CC_ISUP_CAUSE_NORMAL_CLEARING);
	net_fini(&n);
}

static void ss7_bit_errors_move_counters_not_calls(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_ITU);
	struct cc_trunk_impair ber = { .corrupt_every = 50, .drop_every = 77 };
	static struct net n;

	(void)state;
	net_init(&n, &c, 1);
	net_up(&n);
	cc_trunk_impair_set(n.ca[0], &ber);
	cc_trunk_impair_set(n.cb[0], &ber);
	n.a.auto_answer = n.b.auto_answer = true;
	for (int i = 0; i < 40; i++) {
		uint16_t cic;

		assert_int_equal(cc_ss7_call(n.b.s, n.now, 0, "13800138000", "120", 10, &cic), 0);
		net_run(&n, 2000);
		assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_ANSWERED);
		assert_int_equal(cc_ss7_release(n.b.s, n.now, cic, 16), 0);
		net_run(&n, 2000);
		assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_IDLE);
		assert_int_equal(cc_ss7_circuit_state(n.b.s, cic), CC_SS7_CS_IDLE);
	}
	assert_true(cc_ss7_is_up(n.a.s));
	assert_true(cc_mtp2_stats_get(cc_ss7_link_mtp2(n.a.s, 0))->rx_errors > 0);
	assert_true(cc_mtp2_stats_get(cc_ss7_link_mtp2(n.b.s, 0))->retransmitted +
			    cc_mtp2_stats_get(cc_ss7_link_mtp2(n.a.s, 0))->retransmitted >
		    0);
	net_fini(&n);
}

static void ss7_two_links_changeover_keeps_calls(void **state)
{
	struct cc_ss7_cfg c = base_cfg(CC_SS7_ISUP, CC_MTP3_CHINA);
	struct cc_trunk_impair cut = { .cut = true }, ok = { 0 };
	static struct net n;
	uint16_t cic;

	(void)state;
	net_init(&n, &c, 2);
	net_up(&n);
	assert_true(cc_ss7_link_is_available(n.a.s, 0));
	assert_true(cc_ss7_link_is_available(n.a.s, 1));
	n.a.auto_answer = n.b.auto_answer = true;
	assert_int_equal(cc_ss7_call(n.b.s, n.now, 0, "13800138000", "120", 10, &cic), 0);
	net_run(&n, 50);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_ANSWERED);
	cc_trunk_impair_set(n.ca[0], &cut);
	cc_trunk_impair_set(n.cb[0], &cut);
	net_run(&n, 2000);
	assert_false(cc_ss7_link_is_available(n.a.s, 0));
	assert_true(cc_ss7_is_up(n.a.s));
	assert_true(cc_ss7_stats_get(n.a.s)->changeovers + cc_ss7_stats_get(n.b.s)->changeovers >=
		    1);
	/* the call survived and can be released over link 1; new calls work on every CIC */
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_ANSWERED);
	assert_int_equal(cc_ss7_release(n.b.s, n.now, cic, 16), 0);
	net_run(&n, 50);
	assert_int_equal(cc_ss7_circuit_state(n.a.s, cic), CC_SS7_CS_IDLE);
	for (int i = 0; i < 30; i++)
		one_call(&n, &n.b, &n.a, "13800138000", "120", &n.b, 16);
	/* link 0 comes back: changeback */
	cc_trunk_impair_set(n.ca[0], &ok);
	cc_trunk_impair_set(n.cb[0], &ok);
	net_run(&n, 60000);
	assert_true(cc_ss7_link_is_available(n.a.s, 0));
	assert_true(cc_ss7_stats_get(n.a.s)->changebacks >= 1);
	one_call(&n, &n.b, &n.a, "13800138000", "120", &n.b, 16);
	net_fini(&n);
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
		cmocka_unit_test(ss7_isup_itu_call_flows_both_directions),
		cmocka_unit_test(ss7_isup_china_100_calls_each_way_traced),
		cmocka_unit_test(ss7_tup_china_calls_with_iai_and_grq_gsm),
		cmocka_unit_test(ss7_tup_gsm_supplies_cli),
		cmocka_unit_test(ss7_isup_dual_seizure_resolved_by_point_codes),
		cmocka_unit_test(ss7_isup_t7_expiry_releases_call),
		cmocka_unit_test(ss7_isup_blocking_reset_and_grs),
		cmocka_unit_test(ss7_isup_unequipped_cic_answered_with_ucic),
		cmocka_unit_test(ss7_line_cut_mid_call_releases_and_recovers),
		cmocka_unit_test(ss7_bit_errors_move_counters_not_calls),
		cmocka_unit_test(ss7_two_links_changeover_keeps_calls),
	};

	return cmocka_run_group_tests_name("ss7", tests, setup, teardown);
}
