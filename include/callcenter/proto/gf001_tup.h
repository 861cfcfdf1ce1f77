/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/proto/gf001_tup.h - China TUP (GF 001-9001, "CTUP") and ITU TUP
 * (Q.723) message codec.
 *
 * A TUP message follows the SIO directly; the routing label includes the CIC:
 *   China: DPC 3 octets LE | OPC 3 octets LE | CIC bits 1-8 | CIC bits 9-12 in
 *          the low nibble (8 octets; MTP3 reads the CIC's low nibble as SLS)
 *   ITU:   DPC 14 | OPC 14 | CIC 12, LSB first (5 octets)
 * then the heading octet (H1 << 4) | H0 and the message's fields, packed from
 * the least significant bit (reference notes §4, after the G3O CTUP table).
 *
 * Digits are ASCII as in q763_isup.h ('0'-'9', 'B', 'C', 'F' = ST ...).
 *
 * Context: portable core (lib/core), any context, no allocation.
 */
#ifndef CALLCENTER_PROTO_GF001_TUP_H
#define CALLCENTER_PROTO_GF001_TUP_H

#include <callcenter/core.h>
#include <callcenter/proto/q704_mtp3.h>

/* Headings (H1 << 4 | H0) */
enum {
	CC_TUP_IAM = 0x11,
	CC_TUP_IAI = 0x21,
	CC_TUP_SAM = 0x31,
	CC_TUP_SAO = 0x41,
	CC_TUP_GSM = 0x12,
	CC_TUP_COT = 0x32,
	CC_TUP_CCF = 0x42,
	CC_TUP_GRQ = 0x13,
	CC_TUP_ACM = 0x14,
	CC_TUP_CHG = 0x24,
	CC_TUP_SEC = 0x15,
	CC_TUP_CGC = 0x25,
	CC_TUP_NNC = 0x35,
	CC_TUP_ADI = 0x45,
	CC_TUP_CFL = 0x55,
	CC_TUP_SSB = 0x65,
	CC_TUP_UNN = 0x75,
	CC_TUP_LOS = 0x85,
	CC_TUP_SST = 0x95,
	CC_TUP_ACB = 0xA5,
	CC_TUP_DPN = 0xB5,
	CC_TUP_EUM = 0xF5,
	CC_TUP_ANU = 0x06,
	CC_TUP_ANC = 0x16,
	CC_TUP_ANN = 0x26,
	CC_TUP_CBK = 0x36,
	CC_TUP_CLF = 0x46,
	CC_TUP_RAN = 0x56,
	CC_TUP_FOT = 0x66,
	CC_TUP_CCL = 0x76,
	CC_TUP_RLG = 0x17,
	CC_TUP_BLO = 0x27,
	CC_TUP_BLA = 0x37,
	CC_TUP_UBL = 0x47,
	CC_TUP_UBA = 0x57,
	CC_TUP_CCR = 0x67,
	CC_TUP_RSC = 0x77,
	CC_TUP_MGB = 0x18,
	CC_TUP_MBA = 0x28,
	CC_TUP_MGU = 0x38,
	CC_TUP_MUA = 0x48,
	CC_TUP_HGB = 0x58,
	CC_TUP_HBA = 0x68,
	CC_TUP_HGU = 0x78,
	CC_TUP_HUA = 0x88,
	CC_TUP_GRS = 0x98,
	CC_TUP_GRA = 0xA8,
	CC_TUP_SGB = 0xB8,
	CC_TUP_SBA = 0xC8,
	CC_TUP_SGU = 0xD8,
	CC_TUP_SUA = 0xE8,
	CC_TUP_ACC = 0x1A,
	CC_TUP_MPM = 0x2C, /* China national: metering pulse */
	CC_TUP_OPR = 0x1D, /* China national: operator */
	CC_TUP_SLB = 0x1E, /* China national: subscriber local busy */
	CC_TUP_STB = 0x2E, /* China national: subscriber toll busy */
	CC_TUP_MAL = 0x1F, /* China national: malicious call identification */
};

/* IAI first indicator octet */
#define CC_TUP_IAI_NETCAP   0x01u
#define CC_TUP_IAI_CUG	    0x02u
#define CC_TUP_IAI_ADDCALL  0x04u
#define CC_TUP_IAI_ADDROUTE 0x08u
#define CC_TUP_IAI_CLI	    0x10u
#define CC_TUP_IAI_OCA	    0x20u
#define CC_TUP_IAI_CHARGE   0x40u

/* GRQ request indicators */
#define CC_TUP_GRQ_CPC	0x01u
#define CC_TUP_GRQ_CLI	0x02u
#define CC_TUP_GRQ_OCA	0x04u
#define CC_TUP_GRQ_MAL	0x08u
#define CC_TUP_GRQ_HOLD 0x10u
#define CC_TUP_GRQ_ECHO 0x20u

/* GSM response type indicators */
#define CC_TUP_GSM_CPC	 0x01u
#define CC_TUP_GSM_CLI	 0x02u
#define CC_TUP_GSM_TRUNK 0x04u
#define CC_TUP_GSM_OCA	 0x08u

/* ACM indicators */
#define CC_TUP_ACM_TYPE_ACM	   0u
#define CC_TUP_ACM_TYPE_ADC	   1u /* address complete, charge */
#define CC_TUP_ACM_TYPE_ADN	   2u /* address complete, no charge */
#define CC_TUP_ACM_TYPE_ADX	   3u /* address complete, coinbox */
#define CC_TUP_ACM_SUBSCRIBER_FREE 0x04u

/* NOAI of the called address (IAM message indicators bits 0-1) and of the CLI */
enum {
	CC_TUP_NOAI_SUBSCRIBER = 0,
	CC_TUP_NOAI_NATIONAL_SPARE = 1,
	CC_TUP_NOAI_NATIONAL = 2,
	CC_TUP_NOAI_INTERNATIONAL = 3,
};

/* Calling party's category (Q.723 plus China national values, reference §4.4) */
enum {
	CC_TUP_CPC_OPERATOR_CHINESE = 6,
	CC_TUP_CPC_ORDINARY = 10,
	CC_TUP_CPC_PRIORITY = 11,
	CC_TUP_CPC_DATA = 12,
	CC_TUP_CPC_TEST = 13,
	CC_TUP_CPC_ORDINARY_FREE = 16,
	CC_TUP_CPC_ORDINARY_PERIODIC = 17,
	CC_TUP_CPC_ORDINARY_METER = 18,
	CC_TUP_CPC_ORDINARY_PRINTER = 19,
	CC_TUP_CPC_PRIORITY_FREE = 20,
	CC_TUP_CPC_PRIORITY_PERIODIC = 21,
	CC_TUP_CPC_ORDINARY_LOCAL = 24,
};

#define CC_TUP_MAX_DIGITS 15 /* 4-bit counts */
#define CC_TUP_CIC_MAX	  0x0FFFu
#define CC_TUP_MAX_LEN	  272u /* label + message fit a SIF (Q.703 §2.3.8) */

struct cc_tup_digits {
	uint8_t n;
	char d[CC_TUP_MAX_DIGITS + 1];
};

struct cc_tup_cli {
	uint8_t noai;	 /* 2 bits */
	bool restricted; /* presentation restricted */
	bool incomplete;
	struct cc_tup_digits digits;
};

struct cc_tup_msg {
	uint32_t dpc;
	uint32_t opc;
	uint16_t cic;
	uint8_t heading;
	/* IAM / IAI */
	uint8_t cpc;		   /* 6 bits (IAM/IAI, GSM if CC_TUP_GSM_CPC) */
	uint16_t msg_ind;	   /* 12 bits; NOAI of the called address in bits 0-1 */
	struct cc_tup_digits addr; /* IAM/IAI called address, SAM digits, SAO digit */
	/* IAI */
	uint8_t iai_ind;
	uint8_t netcap, addcall, addroute, charge; /* one octet each, when flagged */
	uint8_t cug[4];
	struct cc_tup_cli cli; /* IAI with CC_TUP_IAI_CLI, GSM with CC_TUP_GSM_CLI */
	struct cc_tup_cli oca; /* original called address (noai, digits) */
	/* GRQ / GSM / ACM */
	uint8_t grq_ind;
	uint8_t gsm_ind;
	uint8_t acm_ind;
	/* group supervision (GRS..SUA): range; status unless GRS */
	uint8_t range;
	bool has_status;
	uint8_t status[32];
	/* MPM */
	uint16_t pulses;
	/* any other heading: the octets after it, borrowed */
	const uint8_t *rest;
	uint8_t nrest;
};

CC_API const char *cc_tup_msg_name(uint8_t heading);
CC_API bool cc_tup_msg_known(uint8_t heading);
CC_API size_t cc_tup_label_octets(enum cc_mtp3_variant v);

CC_API void cc_tup_msg_init(struct cc_tup_msg *m, uint8_t heading, uint32_t dpc, uint32_t opc,
			    uint16_t cic);

/** cc_tup_digits_set() - ASCII digits into @d; -EINVAL on a bad digit or > 15 digits */
CC_API CC_MUST_CHECK int cc_tup_digits_set(struct cc_tup_digits *d, const char *digits);

/**
 * cc_tup_decode() - decode a TUP message starting at the routing label (after the SIO)
 * Return: 0, -EBADMSG (truncated/malformed/longer than CC_TUP_MAX_LEN), -ENOTSUP
 * (unknown heading; label
 * and heading are still set in @out).
 */
CC_API CC_MUST_CHECK int cc_tup_decode(enum cc_mtp3_variant v, const uint8_t *buf, size_t len,
				       struct cc_tup_msg *out);

/**
 * cc_tup_encode() - encode label, heading and fields
 * Return: octets written, -EINVAL (bad value/heading), -ENOSPC.
 */
CC_API CC_MUST_CHECK int cc_tup_encode(enum cc_mtp3_variant v, const struct cc_tup_msg *m,
				       uint8_t *buf, size_t cap);

#endif /* CALLCENTER_PROTO_GF001_TUP_H */
