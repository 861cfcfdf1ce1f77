/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cc_bcd_int.h - address digits as ISUP and TUP carry them (internal to lib/core)
 *
 * Digits are kept as text, one character per digit: '0'-'9' and 'A'-'F' for
 * the codes 10-15 (code 11 '*', 12 '#', 15 ST in Q.763 §3.9 terms); on the
 * wire they are packed two per octet, the first digit in the low nibble.
 */
#ifndef CC_CORE_BCD_INT_H
#define CC_CORE_BCD_INT_H

#include <callcenter/core.h> /* errno names, integer types */
#include <callcenter/rd.h>

static const char cc_bcd_chars[] = "0123456789ABCDEF";

/* the code (0-15) of digit @c, either case; -1 if @c is not a digit */
static inline int cc_bcd_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * cc_bcd_set() - copy the digit string @in (NULL: none) into @out (room for
 * @max digits and a NUL), normalised to upper case.
 * Return: number of digits, -EINVAL for a non-digit or more than @max.
 */
static inline int cc_bcd_set(char *out, size_t max, const char *in)
{
	size_t i;

	for (i = 0; in && in[i]; i++) {
		if (i >= max || cc_bcd_val(in[i]) < 0) {
			out[0] = '\0';
			return -EINVAL;
		}
		out[i] = cc_bcd_chars[cc_bcd_val(in[i])];
	}
	out[i] = '\0';
	return (int)i;
}

/* cc_bcd_unpack() - @nd digits from the packed octets @p into @out, NUL-terminated */
static inline void cc_bcd_unpack(char *out, const uint8_t *p, size_t nd)
{
	size_t i;

	for (i = 0; i < nd; i++)
		out[i] = cc_bcd_chars[(p[i / 2] >> ((i & 1) * 4)) & 0xf];
	out[nd] = '\0';
}

/*
 * cc_bcd_pack() - write @n digits of @d packed two per octet (an odd last
 * digit with a 0 filler in the high nibble).
 * Return: 0, -EINVAL for a non-digit, -ENOSPC when @wr is full.
 */
static inline int cc_bcd_pack(struct cc_wr *wr, const char *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 2) {
		int lo = cc_bcd_val(d[i]);
		int hi = i + 1 < n ? cc_bcd_val(d[i + 1]) : 0;

		if (lo < 0 || hi < 0)
			return -EINVAL;
		if (cc_wr_u8(wr, (uint8_t)(lo | hi << 4)) < 0)
			return -ENOSPC;
	}
	return 0;
}

#endif
