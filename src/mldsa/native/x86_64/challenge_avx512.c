/* Multiplication by the sparse challenge c (see mldsa/challenge.h) with AVX-512, and the
 * checks of FIPS 204 Algorithm 7 built on it (response, low_check) with the product
 * kept in registers. Each term of c, whatever its sign, adds one unaligned run of an
 * [s | -s | s] array (X^256 = -1, see pqs_mldsa_spoly). The positions are public (c is),
 * the values secret; exact integer sums, as in the portable code. */
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512)
#include "core/ct.h"
#include "pqsafe/common.h"

#define N PQS_MLDSA_N

/* c s for |s_i| <= eta <= 4, summed in 8-bit lanes: the whole product is 4 registers,
 * each term 4 loads. The terms are summed in two groups of at most 31, so a partial sum
 * stays within 31 * 4 < 128 and is exact in 8 bits; the groups are widened to 32 bits
 * and added as the caller consumes the product, 16 coefficients at a time. Everything
 * stays in registers (no product array to clear or spill). */
#define GROUP 31
_Static_assert(PQS_MLDSA_TAU_MAX <= 2 * GROUP, "two groups of terms");

PQS_AVX512_INLINE void sum_terms(__m512i acc[4], const pqs_mldsa_challenge *c,
                                 const pqs_mldsa_spoly *s, unsigned from, unsigned to)
{
    __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
    for (unsigned k = from; k < to; k++) {
        const int8_t *src = s->e + pqs_mldsa_challenge_offset(c, k);
        a0 = _mm512_add_epi8(a0, _mm512_loadu_si512((const void *)src));
        a1 = _mm512_add_epi8(a1, _mm512_loadu_si512((const void *)(src + 64)));
        a2 = _mm512_add_epi8(a2, _mm512_loadu_si512((const void *)(src + 128)));
        a3 = _mm512_add_epi8(a3, _mm512_loadu_si512((const void *)(src + 192)));
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* The two groups' sums of c s: lo[b], hi[b] hold coefficients 64b .. 64b+63. */
PQS_AVX512_INLINE void product_small(__m512i lo[4], __m512i hi[4],
                                     const pqs_mldsa_challenge *c, const pqs_mldsa_spoly *s)
{
    unsigned split = c->n < GROUP ? c->n : GROUP;
    sum_terms(lo, c, s, 0, split);
    sum_terms(hi, c, s, split, c->n);
}

/* Coefficients 64b + 16q .. 64b + 16q + 15 of the product, in 32 bits (o[q], q < 4). */
PQS_AVX512_INLINE void widen(__m512i o[4], __m512i lo, __m512i hi)
{
    o[0] = _mm512_add_epi32(_mm512_cvtepi8_epi32(_mm512_castsi512_si128(lo)),
                            _mm512_cvtepi8_epi32(_mm512_castsi512_si128(hi)));
    o[1] = _mm512_add_epi32(_mm512_cvtepi8_epi32(_mm512_extracti32x4_epi32(lo, 1)),
                            _mm512_cvtepi8_epi32(_mm512_extracti32x4_epi32(hi, 1)));
    o[2] = _mm512_add_epi32(_mm512_cvtepi8_epi32(_mm512_extracti32x4_epi32(lo, 2)),
                            _mm512_cvtepi8_epi32(_mm512_extracti32x4_epi32(hi, 2)));
    o[3] = _mm512_add_epi32(_mm512_cvtepi8_epi32(_mm512_extracti32x4_epi32(lo, 3)),
                            _mm512_cvtepi8_epi32(_mm512_extracti32x4_epi32(hi, 3)));
}

PQS_AVX512_FN void pqs_mldsa_challenge_mul_small_avx512(pqs_mldsa_poly *r,
                                                        const pqs_mldsa_challenge *c,
                                                        const pqs_mldsa_spoly *s)
{
    __m512i lo[4], hi[4];
    product_small(lo, hi, c, s);
    for (unsigned b = 0; b < 4; b++) {
        __m512i o[4];
        widen(o, lo[b], hi[b]);
        for (unsigned q = 0; q < 4; q++)
            pqs_z_store(r->c + 64 * b + 16 * q, o[q]);
    }
}

/* z = y + c s1 and the sign of (bound - 1) - |z| in any lane (pqs_mldsa_poly_exceeds). */
PQS_AVX512_FN uint32_t pqs_mldsa_response_avx512(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                                                 const pqs_mldsa_spoly *s1,
                                                 const pqs_mldsa_poly *y, int32_t bound)
{
    __m512i lo[4], hi[4], acc = _mm512_setzero_si512();
    const __m512i b1 = Z32(bound - 1);
    product_small(lo, hi, c, s1);
    for (unsigned b = 0; b < 4; b++) {
        __m512i o[4];
        widen(o, lo[b], hi[b]);
        for (unsigned q = 0; q < 4; q++) {
            unsigned i = 64 * b + 16 * q;
            __m512i v = _mm512_add_epi32(o[q], pqs_z_load(y->c + i));
            pqs_z_store(z->c + i, v);
            acc = _mm512_or_si512(acc, _mm512_sub_epi32(b1, _mm512_abs_epi32(v)));
        }
    }
    uint32_t bad = (uint32_t)_mm512_cmplt_epi32_mask(acc, _mm512_setzero_si512());
    return pqs_ct_mask_nonzero_u32(bad);
}

/* r = freeze(w - c s2), r0 = LowBits(r) (Decompose), and the norm check of r0. */
PQS_AVX512_FN uint32_t pqs_mldsa_low_check_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                                                  const pqs_mldsa_challenge *c,
                                                  const pqs_mldsa_spoly *s2,
                                                  const pqs_mldsa_poly *w, int32_t bound)
{
    pqs_z_decompose_consts k = pqs_z_consts_of(p);
    __m512i lo[4], hi[4], acc = _mm512_setzero_si512(), r0;
    const __m512i b1 = Z32(bound - 1);
    product_small(lo, hi, c, s2);
    for (unsigned b = 0; b < 4; b++) {
        __m512i o[4];
        widen(o, lo[b], hi[b]);
        for (unsigned q = 0; q < 4; q++) {
            unsigned i = 64 * b + 16 * q;
            __m512i v = pqs_z_freeze(_mm512_sub_epi32(pqs_z_load(w->c + i), o[q]));
            pqs_z_store(r->c + i, v);
            (void)pqs_z_decompose(&k, v, &r0);
            acc = _mm512_or_si512(acc, _mm512_sub_epi32(b1, _mm512_abs_epi32(r0)));
        }
    }
    uint32_t bad = (uint32_t)_mm512_cmplt_epi32_mask(acc, _mm512_setzero_si512());
    return pqs_ct_mask_nonzero_u32(bad);
}

/* c t for |t_i| <= 2^24 in 32-bit lanes: 16 accumulators, 16 loads per term from
 * e = [t | -t | t]. */
PQS_AVX512_FN void pqs_mldsa_challenge_mul_avx512(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                                  const pqs_mldsa_poly *t)
{
    int32_t e[3 * N] __attribute__((aligned(64)));
    for (unsigned i = 0; i < N; i += 16) {
        __m512i v = pqs_z_load(t->c + i);
        pqs_z_store(e + i, v);
        pqs_z_store(e + N + i, _mm512_sub_epi32(_mm512_setzero_si512(), v));
        pqs_z_store(e + 2 * N + i, v);
    }
    __m512i acc[16];
    for (unsigned b = 0; b < 16; b++)
        acc[b] = _mm512_setzero_si512();
    for (unsigned k = 0; k < c->n; k++) {
        const int32_t *src = e + pqs_mldsa_challenge_offset(c, k);
        for (unsigned b = 0; b < 16; b++)
            acc[b] = _mm512_add_epi32(acc[b], pqs_z_load(src + 16 * b));
    }
    for (unsigned b = 0; b < 16; b++)
        pqs_z_store(r->c + 16 * b, acc[b]);
    pqs_wipe(e, sizeof e);
}

#endif
