/* Bit packing of ML-DSA (FIPS 204 Algorithms 16-19) with AVX-512; results identical to
 * pqs_mldsa_pack_bits / pqs_mldsa_unpack_bits (mldsa/pack.c).
 *
 * Unpacking, any width w up to 24: 16 coefficients are 2w bytes, read by one masked load
 * (no access past them, so no bounce buffer at the end of the input). 128-bit lane i
 * takes coefficients 4i .. 4i+3, which start in byte floor(w i / 2): vpermd gives the lane
 * the 16 bytes from the dword holding that byte, vpshufb gives each coefficient the 4
 * bytes around its first bit, vpsrlvd and a mask finish it. The controls of each width
 * are laid out once, at start-up.
 * Packing, w = 4 (w1Encode of ML-DSA-65, once per attempt and polynomial): coefficients
 * narrowed to bytes (vpmovdb), pairs of bytes joined into one (vpmovwb); fused with the
 * freeze and HighBits before it in pqs_mldsa_w1_pack_avx512. Other widths go to the AVX2
 * packer. */
#include "avx2_internal.h"
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512) && defined(PQS_MLDSA_AVX2)
#include "pqsafe/common.h"

#define N PQS_MLDSA_N
#define MAX_BITS 24

static struct {
    int32_t perm[MAX_BITS + 1][16];
    uint8_t ctl[MAX_BITS + 1][64];
    int32_t shift[MAX_BITS + 1][16];
} g_unpack __attribute__((aligned(64)));

void pqs_mldsa_avx512_pack_init(void)
{
    for (unsigned w = 1; w <= MAX_BITS; w++) {
        for (unsigned lane = 0; lane < 4; lane++) {
            unsigned first = 4 * w * lane;           /* first bit of the lane's coefficients */
            unsigned dword = first / 32;
            for (unsigned d = 0; d < 4; d++)
                g_unpack.perm[w][4 * lane + d] = (int32_t)(dword + d);
            for (unsigned j = 0; j < 4; j++) {
                unsigned bit = first + j * w - 32 * dword;   /* within the lane's 16 bytes */
                for (unsigned t = 0; t < 4; t++)
                    g_unpack.ctl[w][16 * lane + 4 * j + t] = (uint8_t)(bit / 8 + t);
                g_unpack.shift[w][4 * lane + j] = (int32_t)(bit % 8);
            }
        }
    }
}

PQS_AVX512_FN void pqs_mldsa_unpack_bits_avx512(pqs_mldsa_poly *a, const uint8_t *in,
                                                unsigned bits, int32_t add, int32_t mul)
{
    const __m512i perm = _mm512_load_si512((const void *)g_unpack.perm[bits]);
    const __m512i ctl = _mm512_load_si512((const void *)g_unpack.ctl[bits]);
    const __m512i shift = _mm512_load_si512((const void *)g_unpack.shift[bits]);
    const __m512i mask = Z32((1u << bits) - 1), vadd = Z32(add);
    const __m512i neg = Z32(mul < 0 ? -1 : 0);   /* add + mul v = add + ((v ^ neg) - neg) */
    const __mmask64 bytes = ((__mmask64)1 << (2 * bits)) - 1;
    for (unsigned i = 0; i < N / 16; i++) {
        __m512i v = _mm512_maskz_loadu_epi8(bytes, in + 2 * bits * i);
        v = _mm512_shuffle_epi8(_mm512_permutexvar_epi32(perm, v), ctl);
        v = _mm512_and_si512(_mm512_srlv_epi32(v, shift), mask);
        v = _mm512_sub_epi32(_mm512_xor_si512(v, neg), neg);
        pqs_z_store(a->c + 16 * i, _mm512_add_epi32(vadd, v));
    }
}

/* 64 values of 4 bits (the low 4 bits of each lane of x[0..3]) to 32 bytes at out. */
PQS_AVX512_INLINE void pack64_4(uint8_t *out, const __m512i x[4])
{
    __m512i b = _mm512_setzero_si512();
    for (unsigned q = 0; q < 4; q++) {
        __m512i n = _mm512_castsi128_si512(_mm512_cvtepi32_epi8(x[q]));
        b = _mm512_mask_blend_epi64((__mmask8)(3u << (2 * q)), b, _mm512_shuffle_i64x2(n, n, 0));
    }
    /* byte 2k | byte 2k+1 << 4 in each 16-bit lane, narrowed to its low byte */
    b = _mm512_and_si512(b, _mm512_set1_epi8(0x0F));
    __m512i pairs = _mm512_or_si512(b, _mm512_srli_epi16(b, 4));
    _mm256_storeu_si256((__m256i *)out, _mm512_cvtepi16_epi8(pairs));
}

PQS_AVX512_FN void pqs_mldsa_pack_bits_avx512(uint8_t *out, const pqs_mldsa_poly *a,
                                              unsigned bits, int32_t add, int32_t mul)
{
    if (bits != 4) {
        pqs_mldsa_pack_bits_avx2(out, a, bits, add, mul);
        return;
    }
    const __m512i vadd = Z32(add), neg = Z32(mul < 0 ? -1 : 0);
    for (unsigned i = 0; i < N; i += 64) {
        __m512i x[4];
        for (unsigned q = 0; q < 4; q++) {
            x[q] = pqs_z_load(a->c + i + 16 * q);
            x[q] = _mm512_add_epi32(vadd, _mm512_sub_epi32(_mm512_xor_si512(x[q], neg), neg));
        }
        pack64_4(out + i / 2, x);
    }
}

/* The commitment tail (mldsa/pack.h) in one pass where w1 has 4 bits (ML-DSA-65): freeze,
 * Decompose, pack; other widths from the pieces. */
PQS_AVX512_FN void pqs_mldsa_w1_pack_avx512(const pqs_mldsa_params *p, uint8_t *out,
                                            pqs_mldsa_poly *w)
{
    if (p->w1_bits != 4) {
        pqs_mldsa_poly w1;
        pqs_mldsa_poly_freeze_avx512(w);
        pqs_mldsa_highbits_avx512(p, &w1, w);
        pqs_mldsa_pack_bits_avx2(out, &w1, p->w1_bits, 0, 1);
        pqs_wipe(&w1, sizeof w1);
        return;
    }
    pqs_z_decompose_consts k = pqs_z_consts_of(p);
    for (unsigned i = 0; i < N; i += 64) {
        __m512i x[4], lo;
        for (unsigned q = 0; q < 4; q++) {
            __m512i v = pqs_z_freeze(pqs_z_load(w->c + i + 16 * q));
            pqs_z_store(w->c + i + 16 * q, v);
            x[q] = pqs_z_decompose(&k, v, &lo);
        }
        pack64_4(out + i / 2, x);
    }
}

#endif
