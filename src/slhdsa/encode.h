/* Byte-string conversions of FIPS 205 §4.4: toInt (Alg. 2) and base_2b (Alg. 4). */
#ifndef PQS_SLHDSA_ENCODE_H
#define PQS_SLHDSA_ENCODE_H

#include <stddef.h>
#include <stdint.h>

/* Alg. 2 toInt: the big-endian integer of len <= 8 bytes. */
static inline uint64_t pqs_slhdsa_to_int(const uint8_t *x, size_t len)
{
    uint64_t t = 0;
    for (size_t i = 0; i < len; i++)
        t = t << 8 | x[i];
    return t;
}

/* Alg. 4 base_2b: the first out_len b-bit digits of x, most significant bit first
 * (b <= 24). Only the low bits + 8 bits of the accumulator matter, so unsigned
 * wrap-around of the high bits is harmless. */
static inline void pqs_slhdsa_base_2b(uint32_t *out, const uint8_t *x, unsigned b,
                                      unsigned out_len)
{
    uint32_t total = 0;
    unsigned bits = 0;
    for (unsigned i = 0; i < out_len; i++) {
        while (bits < b) {
            total = total << 8 | *x++;
            bits += 8;
        }
        bits -= b;
        out[i] = (total >> bits) & (((uint32_t)1 << b) - 1);
    }
}

#endif
