// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: an R2 channel (line signalling + MFC register) under random
 * received ABCD bits, MF signals, time steps and application commands.
 *
 * Input: byte 0 picks the variant and the incoming-register options; then
 * pairs (op, arg).  Invariants: cc_r2_chan_check() holds after every input,
 * and once the far end goes idle (ABCD idle, no tone) and our side unblocks,
 * the channel is back in IDLE within the longest timer, whatever came before.
 * A violation aborts (libFuzzer reports it; the gcc replay crashes).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <callcenter/r2.h>

/* Commands may legitimately fail (wrong state): the result is ignored on purpose. */
static void ignore(int ret)
{
	(void)ret;
}

static uint8_t last_abcd;
static int mf_on;

static void tx_abcd(void *p, uint8_t abcd)
{
	(void)p;
	last_abcd = abcd;
}

static void tx_mf(void *p, int sig, int pulse)
{
	(void)p;
	mf_on = sig && !pulse;
}

static void ev(void *p, struct cc_r2_chan *ch, const struct cc_r2_ev *e)
{
	(void)p;
	/* exercise re-entry: sometimes accept inside the callback */
	if (e->type == CC_R2_EV_OFFERED && (e->info->called[0] & 1))
		ignore(cc_r2_chan_accept(ch, CC_R2_B_FREE_CHARGE, 0));
}

static void check(const struct cc_r2_chan *ch, const char *where)
{
	if (!cc_r2_chan_check(ch)) {
		fprintf(stderr, "fuzz_r2: invariant broken after %s in %s/%s\n", where,
			cc_r2_st_name(ch->st), cc_r2_mf_st_name(ch->mf));
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const struct cc_r2_ops ops = { .tx_abcd = tx_abcd, .tx_mf = tx_mf, .event = ev };
	struct cc_r2_cfg cfg = { 0 };
	struct cc_r2_chan ch;
	uint64_t now = 0;
	uint8_t idle;

	if (n < 1)
		return 0;
	cfg.variant = d[0] & 1 ? CC_R2_VAR_CHINA : CC_R2_VAR_ITU;
	cfg.want_calling = d[0] & 2;
	cfg.called_len = (d[0] >> 2) & 7;
	cfg.calling_after = (d[0] >> 5) & 3;
	if (cc_r2_chan_init(&ch, &cfg, &ops, NULL, now) != 0)
		abort();
	idle = (uint8_t)(0x8 | ch.var->cd_bits);
	for (size_t i = 1; i + 1 < n; i += 2) {
		uint8_t op = d[i], a = d[i + 1];

		switch (op % 12) {
		case 0:
		case 1:
			(void)cc_r2_chan_rx_abcd(&ch, a & 0xF, now);
			break;
		case 2:
		case 3:
		case 4:
			(void)cc_r2_chan_rx_mf(&ch, a % 17, now);
			break;
		case 5:
		case 6:
			now += (uint64_t)a * (op & 0x80 ? 100 : 1);
			cc_r2_chan_tick(&ch, now);
			break;
		case 7:
			ignore(cc_r2_chan_make_call(&ch, a & 1 ? "12345" : "110",
						    a & 2 ? "139" : NULL, a >> 4, a & 0xC, now));
			break;
		case 8:
			ignore(cc_r2_chan_accept(&ch, (enum cc_r2_b)(a % 8), now));
			break;
		case 9:
			ignore(cc_r2_chan_answer(&ch, now));
			break;
		case 10:
			ignore(cc_r2_chan_hangup(&ch, now));
			break;
		case 11:
			ignore(a & 1 ? cc_r2_chan_block(&ch, now) : cc_r2_chan_unblock(&ch, now));
			break;
		}
		check(&ch, "input");
	}
	/* The far end goes idle and stays so; we unblock. */
	(void)cc_r2_chan_rx_mf(&ch, 0, now);
	(void)cc_r2_chan_rx_abcd(&ch, idle, now);
	ignore(cc_r2_chan_unblock(&ch, now));
	uint64_t limit = now + 2 * 600000ULL; /* twice the longest timer (T_ANSWER max) */

	while (ch.st != CC_R2_ST_IDLE && now < limit) {
		uint64_t dl = cc_r2_chan_next_deadline(&ch);

		now = dl == UINT64_MAX || dl > limit ? limit : (dl > now ? dl : now + 1);
		cc_r2_chan_tick(&ch, now);
		check(&ch, "drain");
	}
	if (ch.st != CC_R2_ST_IDLE || last_abcd != idle || mf_on) {
		fprintf(stderr, "fuzz_r2: channel wedged in %s/%s, tx %x, tone %d\n",
			cc_r2_st_name(ch.st), cc_r2_mf_st_name(ch.mf), last_abcd, mf_on);
		abort();
	}
	return 0;
}
