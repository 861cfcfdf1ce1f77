/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cc_hdlc_int.h - HDLC internals exposed to the table checks in
 * test/unit/hdlc_test.c (not part of the public API): the decoder's octet
 * table, the encoder's stuffing of one octet in table-entry form, the sliced CRC.
 */
#ifndef CC_HDLC_INT_H
#define CC_HDLC_INT_H

#include <callcenter/core.h>

uint16_t cc_hdlc_dec_tab_entry(unsigned int ones, unsigned int octet);
uint32_t cc_hdlc_enc_tab_entry(unsigned int ones, unsigned int octet);
uint16_t cc_hdlc_crc_fast(const uint8_t *p, size_t n);

#endif /* CC_HDLC_INT_H */
