/* ByteEncode_d / ByteDecode_d (FIPS 203 Alg. 5 and 6) on groups of 8 coefficients:
 * 8 values of d bits are exactly d bytes, least significant bit first. The functions
 * are inline so each call site, with its constant d, unrolls into straight-line code;
 * the loops depend only on d, never on the data. */
#ifndef PQS_MLKEM_ENCODE_H
#define PQS_MLKEM_ENCODE_H

#include <stdint.h>

/* r[0 .. d-1] = ByteEncode_d(v[0 .. 7]), each v[i] < 2^d, 1 <= d <= 12. */
static inline void pqs_mlkem_pack8(uint8_t *r, const uint16_t v[8], unsigned d)
{
    uint32_t acc = 0;
    unsigned nbits = 0;
    for (unsigned i = 0; i < 8; i++) {
        acc |= (uint32_t)v[i] << nbits;
        nbits += d;
        while (nbits >= 8) {
            *r++ = (uint8_t)acc;
            acc >>= 8;
            nbits -= 8;
        }
    }
}

/* v[0 .. 7] = ByteDecode_d(a[0 .. d-1]) without the reduction mod q (callers do it). */
static inline void pqs_mlkem_unpack8(uint16_t v[8], const uint8_t *a, unsigned d)
{
    uint32_t acc = 0;
    unsigned nbits = 0;
    for (unsigned i = 0; i < 8; i++) {
        while (nbits < d) {
            acc |= (uint32_t)*a++ << nbits;
            nbits += 8;
        }
        v[i] = (uint16_t)(acc & ((1u << d) - 1));
        acc >>= d;
        nbits -= d;
    }
}

#endif
