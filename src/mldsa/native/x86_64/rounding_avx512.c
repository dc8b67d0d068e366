/* Decompose, HighBits, LowBits and the hints (FIPS 204 Algorithms 36-40) with AVX-512,
 * lane by lane the operations of mldsa/rounding.c, so the results are identical: a
 * multiply-shift for the division, selections by lane mask for the special cases, no
 * branch on the (secret) coefficients. */
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512)

#define N PQS_MLDSA_N

PQS_AVX512_FN void pqs_mldsa_highbits_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                                             const pqs_mldsa_poly *r)
{
    pqs_z_decompose_consts k = pqs_z_consts_of(p);
    __m512i lo;
    for (unsigned i = 0; i < N; i += 16)
        pqs_z_store(r1->c + i, pqs_z_decompose(&k, pqs_z_load(r->c + i), &lo));
}

PQS_AVX512_FN void pqs_mldsa_lowbits_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r0,
                                            const pqs_mldsa_poly *r)
{
    pqs_z_decompose_consts k = pqs_z_consts_of(p);
    __m512i lo;
    for (unsigned i = 0; i < N; i += 16) {
        (void)pqs_z_decompose(&k, pqs_z_load(r->c + i), &lo);
        pqs_z_store(r0->c + i, lo);
    }
}

/* The count of ones is summed lane-wise and reduced at the end (no mask popcount). */
PQS_AVX512_FN unsigned pqs_mldsa_make_hint_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *h,
                                                  const pqs_mldsa_poly *z,
                                                  const pqs_mldsa_poly *r)
{
    pqs_z_decompose_consts k = pqs_z_consts_of(p);
    __m512i lo, count = _mm512_setzero_si512();
    for (unsigned i = 0; i < N; i += 16) {
        __m512i x = pqs_z_load(r->c + i);
        __m512i r1 = pqs_z_decompose(&k, x, &lo);
        __m512i v1 = pqs_z_decompose(&k, pqs_z_freeze(_mm512_add_epi32(x, pqs_z_load(z->c + i))), &lo);
        __m512i bit = _mm512_maskz_mov_epi32(_mm512_cmpneq_epi32_mask(r1, v1), Z32(1));
        pqs_z_store(h->c + i, bit);
        count = _mm512_add_epi32(count, bit);
    }
    return (unsigned)_mm512_reduce_add_epi32(count);
}

/* Algorithm 40 with selections: r1 + 1 where h and r0 > 0, r1 - 1 where h and r0 <= 0,
 * modulo m = (q-1)/(2 gamma2). (Verification: public data.) */
PQS_AVX512_FN void pqs_mldsa_use_hint_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                                             const pqs_mldsa_poly *h, const pqs_mldsa_poly *r)
{
    pqs_z_decompose_consts k = pqs_z_consts_of(p);
    const __m512i zero = _mm512_setzero_si512();
    for (unsigned i = 0; i < N; i += 16) {
        __m512i lo;
        __m512i hi = pqs_z_decompose(&k, pqs_z_load(r->c + i), &lo);
        __mmask16 on = _mm512_cmpneq_epi32_mask(pqs_z_load(h->c + i), zero);
        __mmask16 up = _mm512_cmpgt_epi32_mask(lo, zero);
        hi = _mm512_mask_add_epi32(hi, on & up, hi, Z32(1));
        hi = _mm512_mask_sub_epi32(hi, on & (__mmask16)~up, hi, Z32(1));
        hi = _mm512_mask_add_epi32(hi, _mm512_cmplt_epi32_mask(hi, zero), hi, k.m);
        hi = _mm512_mask_sub_epi32(hi, _mm512_cmpeq_epi32_mask(hi, k.m), hi, k.m);
        pqs_z_store(r1->c + i, hi);
    }
}

#endif
