/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/proto/q704_mtp3.h - MTP3 wire formats: service information octet,
 * routing label (ITU-T Q.704 §2.2 14-bit and China GF 001-9001 24-bit point
 * codes), signalling network management messages (Q.704 §15) and signalling
 * link test messages (Q.707 §5).
 *
 * Layouts (reference notes §2):
 *   ITU label, 4 octets, LSB first: DPC 14 | OPC 14 | SLS 4.
 *   China label, 7 octets: DPC 3 octets LE | OPC 3 octets LE | SLS in bits 0-3.
 * A China point code is written network-cluster-member (8-8-8): "1-2-3" is
 * 0x010203, transmitted 03 02 01.
 *
 * Decoders read through struct cc_rd and return 0 or -EBADMSG; encoders write
 * through struct cc_wr and return 0, -ENOSPC or -EINVAL for values that do not
 * fit the variant (point code too wide, SLS > 15).
 *
 * Context: portable core (lib/core), any context, no allocation.
 */
#ifndef CALLCENTER_PROTO_Q704_MTP3_H
#define CALLCENTER_PROTO_Q704_MTP3_H

#include <callcenter/core.h>
#include <callcenter/rd.h>

enum cc_mtp3_variant {
	CC_MTP3_ITU,   /* Q.704: 14-bit point codes, 4-octet label */
	CC_MTP3_CHINA, /* GF 001-9001: 24-bit point codes, 7-octet label, 4-bit SLS */
	CC_MTP3_VARIANT__COUNT
};

/* Service indicator (Q.704 §14.2.1) */
enum {
	CC_MTP3_SI_SNM = 0,
	CC_MTP3_SI_MTN = 1, /* signalling network testing and maintenance (SLTM/SLTA) */
	CC_MTP3_SI_MTNS = 2,
	CC_MTP3_SI_SCCP = 3,
	CC_MTP3_SI_TUP = 4,
	CC_MTP3_SI_ISUP = 5,
};

/* Network indicator (Q.704 §14.2.2) */
enum {
	CC_MTP3_NI_INT = 0,
	CC_MTP3_NI_INT_SPARE = 1,
	CC_MTP3_NI_NAT = 2,
	CC_MTP3_NI_NAT_SPARE = 3,
};

#define CC_MTP3_ITU_PC_MAX   0x3FFFu
#define CC_MTP3_CHINA_PC_MAX 0xFFFFFFu
#define CC_MTP3_SLS_MAX	     15u
#define CC_MTP3_MAX_SIF	     272u /* Q.703 §2.3.8: routing label + user data */

struct cc_mtp3_label {
	uint32_t dpc;
	uint32_t opc;
	uint8_t sls; /* SLS, or the SLC in SNM/MTN messages */
};

/* SIO + routing label: everything MTP3 reads in front of the user part. */
struct cc_mtp3_hdr {
	uint8_t si;   /* service indicator (4 bits) */
	uint8_t ni;   /* network indicator (2 bits) */
	uint8_t prio; /* SIO bits 4-5 (spare in ITU, priority in some national options) */
	struct cc_mtp3_label rl;
};

/* SNM heading codes, (H1 << 4) | H0 (Q.704 §15.2) */
enum {
	CC_MTP3_SNM_COO = 0x11,
	CC_MTP3_SNM_COA = 0x21,
	CC_MTP3_SNM_CBD = 0x51,
	CC_MTP3_SNM_CBA = 0x61,
	CC_MTP3_SNM_ECO = 0x12,
	CC_MTP3_SNM_ECA = 0x22,
	CC_MTP3_SNM_RCT = 0x13,
	CC_MTP3_SNM_TFC = 0x23,
	CC_MTP3_SNM_TFP = 0x14,
	CC_MTP3_SNM_TFR = 0x34,
	CC_MTP3_SNM_TFA = 0x54,
	CC_MTP3_SNM_RST = 0x15,
	CC_MTP3_SNM_RSR = 0x25,
	CC_MTP3_SNM_LIN = 0x16,
	CC_MTP3_SNM_LUN = 0x26,
	CC_MTP3_SNM_LIA = 0x36,
	CC_MTP3_SNM_LUA = 0x46,
	CC_MTP3_SNM_LID = 0x56,
	CC_MTP3_SNM_LFU = 0x66,
	CC_MTP3_SNM_LLT = 0x76,
	CC_MTP3_SNM_LRT = 0x86,
	CC_MTP3_SNM_TRA = 0x17,
	CC_MTP3_SNM_DLC = 0x18,
	CC_MTP3_SNM_CSS = 0x28,
	CC_MTP3_SNM_CNS = 0x38,
	CC_MTP3_SNM_CNP = 0x48,
	CC_MTP3_SNM_UPU = 0x1A,
};

/* MTN heading codes (Q.707 §5.2) */
enum {
	CC_MTP3_MTN_SLTM = 0x11,
	CC_MTP3_MTN_SLTA = 0x21,
};

/* Body layout of an SNM message, by heading. */
enum cc_mtp3_snm_body {
	CC_MTP3_SNM_BODY_NONE, /* heading only (TRA, ECO, LIN, ...) */
	CC_MTP3_SNM_BODY_FSN,  /* COO/COA: FSN of last accepted MSU (7 bits) */
	CC_MTP3_SNM_BODY_CBC,  /* CBD/CBA: changeback code (8 bits) */
	CC_MTP3_SNM_BODY_DEST, /* TFP/TFR/TFA/RST/RSR/TFC: a destination point code */
	CC_MTP3_SNM_BODY_UPU,  /* UPU: destination + user part id + cause */
	CC_MTP3_SNM_BODY_RAW,  /* anything else: octets kept as received */
};

struct cc_mtp3_snm {
	uint8_t heading;
	uint8_t fsn;	/* COO/COA */
	uint8_t cbc;	/* CBD/CBA */
	uint32_t dest;	/* TFP/TFA/TFR/RST/RSR/TFC/UPU */
	uint8_t upu_up; /* UPU: user part (SI) */
	uint8_t upu_cause;
	uint8_t tfc_status; /* TFC: congestion status (2 bits, national) */
	uint8_t nraw;
	uint8_t raw[16];
};

struct cc_mtp3_sltm {
	uint8_t heading; /* CC_MTP3_MTN_SLTM or _SLTA */
	uint8_t len;	 /* test pattern length, 0..15 */
	uint8_t pattern[15];
};

CC_API const char *cc_mtp3_variant_name(enum cc_mtp3_variant v);
CC_API const char *cc_mtp3_snm_name(uint8_t heading);
CC_API enum cc_mtp3_snm_body cc_mtp3_snm_body(uint8_t heading);

/** cc_mtp3_label_octets() - routing label size: 4 (ITU) or 7 (China); 0 if unknown. */
CC_API size_t cc_mtp3_label_octets(enum cc_mtp3_variant v);

/** cc_mtp3_pc_valid() - does @pc fit the variant's point code width? */
CC_API bool cc_mtp3_pc_valid(enum cc_mtp3_variant v, uint32_t pc);

/**
 * cc_mtp3_pc_fmt_buf() - print a point code: China "n-c-m", ITU decimal
 * @buf: output, NUL-terminated; 12 octets are always enough
 * Return: characters written (without the NUL), or -ENOSPC.
 */
CC_API int cc_mtp3_pc_fmt_buf(enum cc_mtp3_variant v, uint32_t pc, char *buf, size_t len);

/**
 * cc_mtp3_pc_parse() - parse "n-c-m" (China, 0..255 each) or decimal
 * Return: 0 and *out_pc, or -EINVAL.
 */
CC_API CC_MUST_CHECK int cc_mtp3_pc_parse(enum cc_mtp3_variant v, const char *s, uint32_t *out_pc);

CC_API CC_MUST_CHECK int cc_mtp3_label_decode(enum cc_mtp3_variant v, struct cc_rd *rd,
					      struct cc_mtp3_label *out);
CC_API CC_MUST_CHECK int cc_mtp3_label_encode(enum cc_mtp3_variant v,
					      const struct cc_mtp3_label *rl, struct cc_wr *wr);

/** cc_mtp3_hdr_decode() - SIO and routing label from the start of an MSU's SIO. */
CC_API CC_MUST_CHECK int cc_mtp3_hdr_decode(enum cc_mtp3_variant v, struct cc_rd *rd,
					    struct cc_mtp3_hdr *out);
CC_API CC_MUST_CHECK int cc_mtp3_hdr_encode(enum cc_mtp3_variant v, const struct cc_mtp3_hdr *h,
					    struct cc_wr *wr);

/** cc_mtp3_snm_decode() - SNM message after the routing label (heading first). */
CC_API CC_MUST_CHECK int cc_mtp3_snm_decode(enum cc_mtp3_variant v, struct cc_rd *rd,
					    struct cc_mtp3_snm *out);
CC_API CC_MUST_CHECK int cc_mtp3_snm_encode(enum cc_mtp3_variant v, const struct cc_mtp3_snm *m,
					    struct cc_wr *wr);

/** cc_mtp3_sltm_decode() - SLTM/SLTA after the routing label; -EBADMSG on other headings. */
CC_API CC_MUST_CHECK int cc_mtp3_sltm_decode(struct cc_rd *rd, struct cc_mtp3_sltm *out);
CC_API CC_MUST_CHECK int cc_mtp3_sltm_encode(const struct cc_mtp3_sltm *m, struct cc_wr *wr);

#endif /* CALLCENTER_PROTO_Q704_MTP3_H */
