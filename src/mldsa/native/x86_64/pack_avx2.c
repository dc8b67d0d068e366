/* Bit packing of ML-DSA (FIPS 204 Algorithms 16-19, the engine of every key and
 * signature encoding and of w1Encode) with AVX2, 8 coefficients per step; results
 * identical to pqs_mldsa_pack_bits / pqs_mldsa_unpack_bits (mldsa/pack.c).
 *
 * Unpacking, any width up to 24: 8 coefficients of w bits are w bytes; coefficients
 * 0-3 are read from a load at the first byte, 4-7 from a load at byte 4w/8 (lane 1),
 * each coefficient from the 4 bytes around its first bit (pshufb), shifted (vpsrlvd)
 * and masked. The controls of each width are computed once at start-up.
 * Packing, even widths: pairs of coefficients are joined in 64-bit lanes (2w bits),
 * then the two halves of each 128-bit lane (4w bits = w/2 whole bytes), which are
 * stored from byte 0. Odd widths (3 and 13, key generation only) use the portable code.
 * Where a 16-byte access would pass the end of the buffer (the last groups), stores are
 * cut to the exact size and loads go through a small local buffer, wiped after use
 * (keys and masks are secret). */
#include "avx2_internal.h"

#if defined(PQS_MLDSA_AVX2)
#include <string.h>

#include "mldsa/pack.h"
#include "pqsafe/common.h"

#define N PQS_MLDSA_N
#define MAX_BITS 24

static struct {
    uint8_t ctl[MAX_BITS + 1][32];
    int32_t shift[MAX_BITS + 1][8];
} g_unpack __attribute__((aligned(32)));

void pqs_mldsa_avx2_pack_init(void)
{
    for (unsigned w = 1; w <= MAX_BITS; w++) {
        for (unsigned lane = 0; lane < 2; lane++) {
            /* lane 1 starts at byte 4w/8, bit 4w mod 8 of it */
            unsigned base = lane ? 4 * w - 8 * (4 * w / 8) : 0;
            for (unsigned j = 0; j < 4; j++) {
                unsigned bit = base + j * w;
                for (unsigned t = 0; t < 4; t++)
                    g_unpack.ctl[w][16 * lane + 4 * j + t] = (uint8_t)(bit / 8 + t);
                g_unpack.shift[w][4 * lane + j] = (int32_t)(bit % 8);
            }
        }
    }
}

PQS_AVX2_FN void pqs_mldsa_unpack_bits_avx2(pqs_mldsa_poly *a, const uint8_t *in,
                                            unsigned bits, int32_t add, int32_t mul)
{
    const __m256i ctl = _mm256_load_si256((const __m256i *)g_unpack.ctl[bits]);
    const __m256i shift = _mm256_load_si256((const __m256i *)g_unpack.shift[bits]);
    const __m256i mask = V32((1u << bits) - 1), vadd = V32(add), vmul = V32(mul);
    const size_t off1 = 4 * bits / 8;
    uint8_t tmp[48];
    int bounced = 0;
    for (unsigned i = 0; i < N / 8; i++) {
        const uint8_t *p = in + bits * i;
        if (bits * i + off1 + 16 > 32 * bits) {   /* the loads would pass the end */
            memset(tmp, 0, sizeof tmp);
            memcpy(tmp, p, bits);
            p = tmp;
            bounced = 1;
        }
        __m256i v = _mm256_shuffle_epi8(pqs_avx2_load_lanes(p, off1), ctl);
        v = _mm256_and_si256(_mm256_srlv_epi32(v, shift), mask);
        pqs_avx2_store(a->c + 8 * i, _mm256_add_epi32(vadd, _mm256_sign_epi32(v, vmul)));
    }
    if (bounced)
        pqs_wipe(tmp, sizeof tmp);
}

/* 8 values of w bits (w even) to w bytes: lane 0 holds bytes 0 .. w/2 - 1, lane 1 the
 * next w/2, each from byte 0 of its lane. */
PQS_AVX2_INLINE __m256i pack8(__m256i x, unsigned w)
{
    __m256i odd = _mm256_sll_epi64(_mm256_srli_epi64(x, 32), _mm_cvtsi32_si128((int)w));
    __m256i q = _mm256_or_si256(_mm256_and_si256(x, _mm256_set1_epi64x(0xFFFFFFFF)), odd);
    __m256i s = _mm256_sllv_epi64(q, _mm256_set_epi64x(2 * w, 0, 2 * w, 0));
    __m256i u = _mm256_srlv_epi64(q, _mm256_set_epi64x(64 - 2 * w, 64, 64 - 2 * w, 64));
    return _mm256_blend_epi32(_mm256_or_si256(s, _mm256_bsrli_epi128(s, 8)), u, 0xCC);
}

PQS_AVX2_FN void pqs_mldsa_pack_bits_avx2(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits,
                                          int32_t add, int32_t mul)
{
    if (bits % 2 != 0) {
        pqs_mldsa_pack_bits(out, a, bits, add, mul);
        return;
    }
    const __m256i mask = V32((1u << bits) - 1), vadd = V32(add), vmul = V32(mul);
    const unsigned half = bits / 2;
    for (unsigned i = 0; i < N / 8; i++) {
        __m256i x = _mm256_add_epi32(vadd, _mm256_sign_epi32(pqs_avx2_load(a->c + 8 * i), vmul));
        __m256i v = pack8(_mm256_and_si256(x, mask), bits);
        __m128i lo = _mm256_castsi256_si128(v), hi = _mm256_extracti128_si256(v, 1);
        uint8_t *p = out + bits * i;
        if (bits * i + half + 16 <= 32 * bits) {
            /* Two 16-byte stores; the bytes past the w written are overwritten next. */
            _mm_storeu_si128((__m128i *)p, lo);
            _mm_storeu_si128((__m128i *)(p + half), hi);
        } else {
            pqs_avx2_store_bytes(p, lo, half);
            pqs_avx2_store_bytes(p + half, hi, half);
        }
    }
}

/* The commitment tail from this backend's pieces (see mldsa/pack.h). */
PQS_AVX2_FN void pqs_mldsa_w1_pack_avx2(const pqs_mldsa_params *p, uint8_t *out,
                                        pqs_mldsa_poly *w)
{
    pqs_mldsa_poly w1;
    pqs_mldsa_poly_freeze_avx2(w);
    pqs_mldsa_highbits_avx2(p, &w1, w);
    pqs_mldsa_pack_bits_avx2(out, &w1, p->w1_bits, 0, 1);
    pqs_wipe(&w1, sizeof w1);
}

#endif
