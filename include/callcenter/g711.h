/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/g711.h - ITU-T G.711 A-law and mu-law companding.
 *
 * Bit-exact with the ITU-T G.191 (STL) reference functions alaw_compress(),
 * alaw_expand(), ulaw_compress() and ulaw_expand(): 16-bit linear input is
 * truncated to its 13 (A-law) or 14 (mu-law) most significant bits, negative
 * values by one's complement; expanded values are the interval mid-points of
 * G.711 Tables 1 and 2, left-justified in 16 bits.  Transmitted A-law octets
 * carry the even-bit inversion (XOR 0x55); mu-law octets are complemented.
 *
 * Context: any (portable core, compiles freestanding and in the kernel).
 */
#ifndef CALLCENTER_G711_H
#define CALLCENTER_G711_H

#include <callcenter/core.h>

/* Expansion tables, indexed by the transmitted octet. */
CC_API extern const int16_t cc_g711_alaw_tab[256];
CC_API extern const int16_t cc_g711_ulaw_tab[256];

/* G.711 idle (silence) octets: positive zero. */
#define CC_G711_ALAW_SILENCE 0xD5
#define CC_G711_ULAW_SILENCE 0xFF

/**
 * cc_g711_alaw_encode() - compress one 16-bit linear sample to an A-law octet
 * @lin: linear sample
 * Return: the A-law octet (even bits inverted, as sent on the line).
 */
CC_API uint8_t cc_g711_alaw_encode(int16_t lin);
/** cc_g711_ulaw_encode() - compress one 16-bit linear sample to a mu-law octet */
CC_API uint8_t cc_g711_ulaw_encode(int16_t lin);

/** cc_g711_alaw_decode() - expand one A-law octet to 16-bit linear */
static inline int16_t cc_g711_alaw_decode(uint8_t a)
{
	return cc_g711_alaw_tab[a];
}

/** cc_g711_ulaw_decode() - expand one mu-law octet to 16-bit linear */
static inline int16_t cc_g711_ulaw_decode(uint8_t u)
{
	return cc_g711_ulaw_tab[u];
}

/* Buffer forms: @n samples from @in to caller memory @out (may not overlap). */
CC_API void cc_g711_alaw_encode_buf(const int16_t *in, uint8_t *out, size_t n);
CC_API void cc_g711_ulaw_encode_buf(const int16_t *in, uint8_t *out, size_t n);
CC_API void cc_g711_alaw_decode_buf(const uint8_t *in, int16_t *out, size_t n);
CC_API void cc_g711_ulaw_decode_buf(const uint8_t *in, int16_t *out, size_t n);

#endif /* CALLCENTER_G711_H */
