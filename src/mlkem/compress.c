/* Compression with multiply-and-shift instead of division by q: dividing a secret by a
 * constant with a div instruction is variable time on many CPUs (the "KyberSlash"
 * timing leak). */
#include "compress.h"

#include "encode.h"
#include "reduce.h"

/* Compress_d(x) = round(2^d x / q) mod 2^d for x in [0, q). Since q is odd, round(y/q)
 * = floor((y + 1664) / q), and floor(t / q) = (t * 161271) >> 29 exactly for every
 * t < 2^23 (161271 = ceil(2^29 / q); checked exhaustively for d = 1, 4, 5, 10, 11). */
static inline uint16_t compress_coeff(int16_t x, unsigned d)
{
    uint64_t t = ((uint64_t)(uint16_t)x << d) + PQS_MLKEM_Q / 2;
    return (uint16_t)(((t * 161271u) >> 29) & ((1u << d) - 1));
}

/* Decompress_d(y) = round(q y / 2^d) = floor((q y + 2^(d-1)) / 2^d): a shift. */
static inline int16_t decompress_coeff(uint16_t y, unsigned d)
{
    return (int16_t)(((uint32_t)y * PQS_MLKEM_Q + (1u << (d - 1))) >> d);
}

/* One body per d, so that d is a constant in the inlined loops. */
static inline void compress_d(uint8_t *r, const pqs_mlkem_poly *a, unsigned d)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 8; i++) {
        uint16_t v[8];
        for (unsigned j = 0; j < 8; j++)
            v[j] = compress_coeff(pqs_mlkem_caddq(a->c[8 * i + j]), d);
        pqs_mlkem_pack8(r + d * i, v, d);
    }
}

static inline void decompress_d(pqs_mlkem_poly *r, const uint8_t *a, unsigned d)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 8; i++) {
        uint16_t v[8];
        pqs_mlkem_unpack8(v, a + d * i, d);
        for (unsigned j = 0; j < 8; j++)
            r->c[8 * i + j] = decompress_coeff(v[j], d);
    }
}

void pqs_mlkem_poly_compress(uint8_t *r, const pqs_mlkem_poly *a, unsigned d)
{
    switch (d) {
    case 4: compress_d(r, a, 4); break;
    case 5: compress_d(r, a, 5); break;
    case 10: compress_d(r, a, 10); break;
    default: compress_d(r, a, 11); break;
    }
}

void pqs_mlkem_poly_decompress(pqs_mlkem_poly *r, const uint8_t *a, unsigned d)
{
    switch (d) {
    case 4: decompress_d(r, a, 4); break;
    case 5: decompress_d(r, a, 5); break;
    case 10: decompress_d(r, a, 10); break;
    default: decompress_d(r, a, 11); break;
    }
}

void pqs_mlkem_poly_frommsg(pqs_mlkem_poly *r, const uint8_t m[PQS_MLKEM_SYM_BYTES])
{
    for (unsigned i = 0; i < PQS_MLKEM_SYM_BYTES; i++) {
        for (unsigned j = 0; j < 8; j++) {
            /* mask = 0 or 0xFFFF from the bit, then 1665 = round(q/2) under the mask. */
            int16_t mask = (int16_t)-(int16_t)((m[i] >> j) & 1);
            r->c[8 * i + j] = (int16_t)(mask & ((PQS_MLKEM_Q + 1) / 2));
        }
    }
}

void pqs_mlkem_poly_tomsg(uint8_t m[PQS_MLKEM_SYM_BYTES], const pqs_mlkem_poly *a)
{
    for (unsigned i = 0; i < PQS_MLKEM_SYM_BYTES; i++) {
        uint8_t byte = 0;
        for (unsigned j = 0; j < 8; j++)
            byte |= (uint8_t)(compress_coeff(pqs_mlkem_caddq(a->c[8 * i + j]), 1) << j);
        m[i] = byte;
    }
}
