/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/crc.h - frame check sequences used on the line.
 *
 * CRC-16/X.25 is the HDLC frame check sequence of ISO/IEC 13239 and ITU-T Q.703
 * (MTP2): polynomial x^16 + x^12 + x^5 + 1, processed LSB first (reflected
 * polynomial 0x8408), preset 0xFFFF, ones' complement on output, transmitted
 * low octet first.  Running the CRC over a frame *including* its received FCS
 * yields the constant residue CC_CRC16_X25_GOOD (0xF0B8) when the frame is intact.
 */
#ifndef CALLCENTER_CRC_H
#define CALLCENTER_CRC_H

#include <callcenter/core.h>

#define CC_CRC16_X25_INIT 0xFFFFu
#define CC_CRC16_X25_GOOD 0xF0B8u

/**
 * cc_crc16_x25_update() - feed octets into a running CRC-16/X.25
 * @crc: running value; start with CC_CRC16_X25_INIT
 * @buf: octets (borrowed)
 * @len: number of octets
 *
 * Context: any, no allocation.
 * Return: the updated running value (not complemented).
 */
CC_API uint16_t cc_crc16_x25_update(uint16_t crc, const uint8_t *buf, size_t len);

/**
 * cc_crc16_x25() - the FCS to transmit after @len octets of @buf
 *
 * Return: the complemented CRC; send the low octet first.
 */
CC_API uint16_t cc_crc16_x25(const uint8_t *buf, size_t len);

/**
 * cc_crc16_x25_check() - is a received frame (data followed by its 2 FCS octets) intact?
 *
 * Return: true if @len >= 2 and the residue is CC_CRC16_X25_GOOD.
 */
CC_API bool cc_crc16_x25_check(const uint8_t *buf, size_t len);

#endif /* CALLCENTER_CRC_H */
