/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/proto/q763_isup.h - ISUP message codec (ITU-T Q.763, China YDN 038).
 *
 * An ISUP message, as carried after the MTP3 routing label, is
 *   CIC (2 octets, 12 bits) | message type | mandatory fixed part |
 *   pointers | mandatory variable part | optional part (name, length, value
 *   ..., 0x00).
 * China uses the same layout with a 24-bit MTP3 label; the 12-bit CIC and
 * every parameter are ITU-coded, and three national messages exist (CCL 0xFC,
 * MPM 0xFD, OPR 0xFE).
 *
 * cc_isup_decode() fills a struct cc_isup_msg: every parameter it knows is
 * decoded into a field and marked present (cc_isup_has()); unknown optional
 * parameters are kept raw (borrowed pointers into the input).  cc_isup_encode()
 * writes the mandatory parameters the message type requires (all must be
 * present) and every present optional parameter, known ones in ascending code
 * order, then the raw ones.
 *
 * Digits are ASCII: '0'-'9', 'A' (code 10, spare), 'B' (code 11), 'C' (code
 * 12), 'D', 'E' (spare), 'F' (ST, end of pulsing).
 *
 * Context: portable core (lib/core), any context, no allocation.
 */
#ifndef CALLCENTER_PROTO_Q763_ISUP_H
#define CALLCENTER_PROTO_Q763_ISUP_H

#include <callcenter/core.h>

/* Message types (Q.763 Table 4; China national: YDN 038 via the Dialogic manual) */
enum {
	CC_ISUP_IAM = 0x01,
	CC_ISUP_SAM = 0x02,
	CC_ISUP_INR = 0x03,
	CC_ISUP_INF = 0x04,
	CC_ISUP_COT = 0x05,
	CC_ISUP_ACM = 0x06,
	CC_ISUP_CON = 0x07,
	CC_ISUP_FOT = 0x08,
	CC_ISUP_ANM = 0x09,
	CC_ISUP_REL = 0x0C,
	CC_ISUP_SUS = 0x0D,
	CC_ISUP_RES = 0x0E,
	CC_ISUP_RLC = 0x10,
	CC_ISUP_CCR = 0x11,
	CC_ISUP_RSC = 0x12,
	CC_ISUP_BLO = 0x13,
	CC_ISUP_UBL = 0x14,
	CC_ISUP_BLA = 0x15,
	CC_ISUP_UBA = 0x16,
	CC_ISUP_GRS = 0x17,
	CC_ISUP_CGB = 0x18,
	CC_ISUP_CGU = 0x19,
	CC_ISUP_CGBA = 0x1A,
	CC_ISUP_CGUA = 0x1B,
	CC_ISUP_LPA = 0x24,
	CC_ISUP_GRA = 0x29,
	CC_ISUP_CPG = 0x2C,
	CC_ISUP_UCIC = 0x2E,
	CC_ISUP_CFN = 0x2F,
	CC_ISUP_CCL = 0xFC, /* China: calling party clearing */
	CC_ISUP_MPM = 0xFD, /* China: metering pulse */
	CC_ISUP_OPR = 0xFE, /* China: operator */
};

/* Parameter codes (Q.763 Table 5; 0xFD China charge information) */
enum {
	CC_ISUP_P_END = 0x00,
	CC_ISUP_P_TMR = 0x02,
	CC_ISUP_P_CALLED = 0x04,
	CC_ISUP_P_SUBSEQUENT = 0x05,
	CC_ISUP_P_NCI = 0x06,
	CC_ISUP_P_FCI = 0x07,
	CC_ISUP_P_OFCI = 0x08,
	CC_ISUP_P_CPC = 0x09,
	CC_ISUP_P_CALLING = 0x0A,
	CC_ISUP_P_REDIRECTING = 0x0B,
	CC_ISUP_P_REDIRECTION_NUMBER = 0x0C,
	CC_ISUP_P_INR_IND = 0x0E,
	CC_ISUP_P_INF_IND = 0x0F,
	CC_ISUP_P_CONTINUITY = 0x10,
	CC_ISUP_P_BCI = 0x11,
	CC_ISUP_P_CAUSE = 0x12,
	CC_ISUP_P_CGSMT = 0x15,
	CC_ISUP_P_RANGE_STATUS = 0x16,
	CC_ISUP_P_SUSRES_IND = 0x22,
	CC_ISUP_P_CONNECTED = 0x21,
	CC_ISUP_P_EVENT = 0x24,
	CC_ISUP_P_ORIGINAL_CALLED = 0x28,
	CC_ISUP_P_OBCI = 0x29,
	CC_ISUP_P_CHARGE_INFO = 0xFD, /* China, MPM */
};

/* Nature of address indicator (Q.763 §3.9 / 3.10) */
enum {
	CC_ISUP_NAI_SUBSCRIBER = 1,
	CC_ISUP_NAI_UNKNOWN = 2,
	CC_ISUP_NAI_NATIONAL = 3,
	CC_ISUP_NAI_INTERNATIONAL = 4,
};

enum {
	CC_ISUP_NPI_E164 = 1,
};

enum {
	CC_ISUP_PRES_ALLOWED = 0,
	CC_ISUP_PRES_RESTRICTED = 1,
	CC_ISUP_PRES_NOT_AVAILABLE = 2,
};

enum {
	CC_ISUP_SCREEN_USER_NOT_VERIFIED = 0,
	CC_ISUP_SCREEN_USER_PASSED = 1,
	CC_ISUP_SCREEN_USER_FAILED = 2,
	CC_ISUP_SCREEN_NETWORK = 3,
};

/* Calling party's category (Q.763 §3.11) */
enum {
	CC_ISUP_CPC_UNKNOWN = 0x00,
	CC_ISUP_CPC_OPERATOR_NATIONAL = 0x09,
	CC_ISUP_CPC_ORDINARY = 0x0A,
	CC_ISUP_CPC_PRIORITY = 0x0B,
	CC_ISUP_CPC_DATA = 0x0C,
	CC_ISUP_CPC_TEST = 0x0D,
	CC_ISUP_CPC_PAYPHONE = 0x0F,
};

/* Cause values (Q.850) used by call control */
enum {
	CC_ISUP_CAUSE_UNALLOCATED = 1,
	CC_ISUP_CAUSE_NORMAL_CLEARING = 16,
	CC_ISUP_CAUSE_USER_BUSY = 17,
	CC_ISUP_CAUSE_NO_USER_RESPONDING = 18,
	CC_ISUP_CAUSE_NO_ANSWER = 19,
	CC_ISUP_CAUSE_CALL_REJECTED = 21,
	CC_ISUP_CAUSE_NORMAL_UNSPECIFIED = 31,
	CC_ISUP_CAUSE_NO_CIRCUIT = 34,
	CC_ISUP_CAUSE_NETWORK_OUT_OF_ORDER = 38,
	CC_ISUP_CAUSE_TEMPORARY_FAILURE = 41,
	CC_ISUP_CAUSE_SWITCH_CONGESTION = 42,
	CC_ISUP_CAUSE_CIRCUIT_NOT_AVAILABLE = 44,
	CC_ISUP_CAUSE_RECOVERY_ON_TIMER = 102,
	CC_ISUP_CAUSE_PROTOCOL_ERROR = 111,
	CC_ISUP_CAUSE_INTERWORKING = 127,
};

/* Cause location (Q.850 §2.2.5) */
enum {
	CC_ISUP_LOC_USER = 0,
	CC_ISUP_LOC_PRIVATE_LOCAL = 1,
	CC_ISUP_LOC_PUBLIC_LOCAL = 2,
	CC_ISUP_LOC_TRANSIT = 3,
	CC_ISUP_LOC_PUBLIC_REMOTE = 4,
	CC_ISUP_LOC_PRIVATE_REMOTE = 5,
	CC_ISUP_LOC_INTERNATIONAL = 7,
	CC_ISUP_LOC_BEYOND_INTERWORKING = 10,
};

/* CPG event information (Q.763 §3.21) */
enum {
	CC_ISUP_EVENT_ALERTING = 1,
	CC_ISUP_EVENT_PROGRESS = 2,
	CC_ISUP_EVENT_INBAND = 3,
};

/* BCI octet 1 fields (Q.763 §3.5): charge indicator BA, called party status DC */
#define CC_ISUP_BCI_CHARGE_NONE	     (1u << 0)
#define CC_ISUP_BCI_CHARGE	     (2u << 0)
#define CC_ISUP_BCI_SUBSCRIBER_FREE  (1u << 2)
#define CC_ISUP_BCI_ORDINARY	     (1u << 4)
#define CC_ISUP_BCI_ISUP_ALL_THE_WAY (1u << 10) /* octet 2 bit K */
#define CC_ISUP_BCI_ISDN_ACCESS	     (1u << 12) /* octet 2 bit M */

/* FCI (Q.763 §3.23): octet 1 bit F ISUP used all the way, HG preference; octet 2 bit I */
#define CC_ISUP_FCI_INTERNATIONAL     (1u << 0)
#define CC_ISUP_FCI_ISUP_ALL_THE_WAY  (1u << 5)
#define CC_ISUP_FCI_ISUP_NOT_REQUIRED (1u << 6)
#define CC_ISUP_FCI_ISDN_ORIG_ACCESS  (1u << 8)

#define CC_ISUP_MAX_DIGITS 32
#define CC_ISUP_MAX_RAW	   16
#define CC_ISUP_CIC_MAX	   0x0FFFu
#define CC_ISUP_MAX_LEN	   272u /* longest SIF (Q.703 §2.3.8); an ISUP message is shorter */

struct cc_isup_number {
	uint8_t nai;	/* nature of address (7 bits) */
	uint8_t npi;	/* numbering plan (3 bits) */
	uint8_t pres;	/* presentation restriction (calling/connected/redirecting) */
	uint8_t screen; /* screening (calling/connected) */
	uint8_t ni;	/* calling: number incomplete; called/redirection: INN */
	uint8_t ndigits;
	char digits[CC_ISUP_MAX_DIGITS + 1];
};

struct cc_isup_cause {
	uint8_t coding;	  /* coding standard (2 bits), 0 = ITU */
	uint8_t location; /* 4 bits */
	uint8_t value;	  /* Q.850 cause (7 bits) */
	uint8_t ndiag;
	uint8_t diag[8];
};

struct cc_isup_range {
	uint8_t range;	 /* number of circuits - 1 */
	bool has_status; /* GRS: no status */
	uint8_t status[32];
};

struct cc_isup_raw {
	uint8_t code;
	uint8_t len;
	const uint8_t *val; /* borrowed: points into the decoded buffer */
};

struct cc_isup_msg {
	uint16_t cic;
	uint8_t type;
	uint32_t present[8]; /* bit per parameter code */
	uint8_t nci;
	uint16_t fci;
	uint8_t cpc;
	uint8_t tmr;
	uint16_t bci;
	uint8_t obci;
	uint8_t ofci;
	uint8_t event;
	uint8_t susres;
	uint8_t cgsmt;
	uint8_t continuity;
	uint16_t inr_ind;
	uint16_t inf_ind;
	uint16_t charge_info;
	struct cc_isup_number called;
	struct cc_isup_number subsequent;
	struct cc_isup_number calling;
	struct cc_isup_number redirecting;
	struct cc_isup_number redirection_number;
	struct cc_isup_number connected;
	struct cc_isup_number original_called;
	struct cc_isup_cause cause;
	struct cc_isup_range range;
	uint8_t nraw;
	struct cc_isup_raw raw[CC_ISUP_MAX_RAW]; /* last; entries from nraw on are undefined */
};

static inline bool cc_isup_has(const struct cc_isup_msg *m, uint8_t code)
{
	return (m->present[code >> 5] >> (code & 31)) & 1u;
}

static inline void cc_isup_set(struct cc_isup_msg *m, uint8_t code)
{
	m->present[code >> 5] |= 1u << (code & 31);
}

static inline void cc_isup_clear(struct cc_isup_msg *m, uint8_t code)
{
	m->present[code >> 5] &= ~(1u << (code & 31));
}

/** cc_isup_msg_name() - "IAM", "ACM", ...; "?" for unknown types */
CC_API const char *cc_isup_msg_name(uint8_t type);
/** cc_isup_param_name() - "called party number", ...; "?" for unknown codes */
CC_API const char *cc_isup_param_name(uint8_t code);
/** cc_isup_msg_known() - does the codec know message @type? */
CC_API bool cc_isup_msg_known(uint8_t type);

/**
 * cc_isup_msg_init() - zero @m and set CIC and type
 */
CC_API void cc_isup_msg_init(struct cc_isup_msg *m, uint8_t type, uint16_t cic);

/**
 * cc_isup_number_set() - fill a number from an ASCII digit string
 * @digits: '0'-'9', 'A'-'F' (see header comment), or "" (no digits)
 * Return: 0, or -EINVAL for a bad digit or more than CC_ISUP_MAX_DIGITS.
 */
CC_API CC_MUST_CHECK int cc_isup_number_set(struct cc_isup_number *n, const char *digits,
					    uint8_t nai, uint8_t npi);

/**
 * cc_isup_decode() - decode an ISUP message (from the CIC on)
 * @buf: message octets (borrowed; raw parameters in @out point into it)
 * @len: octets
 * @out: decoded message
 *
 * Return: 0; -EBADMSG for malformed data (truncated, longer than
 * CC_ISUP_MAX_LEN, pointer out of range, a known parameter with a bad length); -ENOTSUP for an unknown message type
 * (@out->cic and @out->type are still set so the caller can answer with CFN).
 */
CC_API CC_MUST_CHECK int cc_isup_decode(const uint8_t *buf, size_t len, struct cc_isup_msg *out);

/**
 * cc_isup_encode() - encode @m (from the CIC on)
 * Return: octets written; -EINVAL for an unknown type, a missing mandatory
 * parameter or an out-of-range value; -ENOSPC if @cap is too small.
 */
CC_API CC_MUST_CHECK int cc_isup_encode(const struct cc_isup_msg *m, uint8_t *buf, size_t cap);

#endif /* CALLCENTER_PROTO_Q763_ISUP_H */
