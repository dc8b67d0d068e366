/* Coefficient-wise ML-DSA arithmetic with AVX-512: pointwise and matrix products in the
 * NTT domain, freezing, the infinity-norm check and Power2Round (FIPS 204 Algorithm 35).
 * The operations of mldsa/poly.c and mldsa/rounding.c lane by lane, so the results are
 * identical; no branch, no division, no secret-dependent index. */
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512)
#include "core/ct.h"

#define N PQS_MLDSA_N

PQS_AVX512_FN void pqs_mldsa_poly_pointwise_avx512(pqs_mldsa_poly *r, const pqs_mldsa_poly *a,
                                                   const pqs_mldsa_poly *b)
{
    for (unsigned i = 0; i < N; i += 16)
        pqs_z_store(r->c + i, pqs_z_montmul(pqs_z_load(a->c + i), pqs_z_load(b->c + i)));
}

/* As the portable code: l products summed in 64 bits (vpmuldq on the even and on the
 * odd lanes), one Montgomery reduction per output coefficient. The 16 coefficients of
 * v[j] (and their odd lanes) are loaded once for all k rows. */
PQS_AVX512_FN void pqs_mldsa_matrix_mul_avx512(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                                               const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                                               const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k,
                                               unsigned l)
{
    for (unsigned n = 0; n < N; n += 16) {
        __m512i ve[PQS_MLDSA_LMAX], vo[PQS_MLDSA_LMAX];
        for (unsigned j = 0; j < l; j++) {
            ve[j] = pqs_z_load(v[j].c + n);
            vo[j] = pqs_z_odd(ve[j]);
        }
        for (unsigned i = 0; i < k; i++) {
            __m512i even = _mm512_setzero_si512(), odd = _mm512_setzero_si512();
            for (unsigned j = 0; j < l; j++) {
                __m512i x = pqs_z_load(a[i][j].c + n);
                even = _mm512_add_epi64(even, _mm512_mul_epi32(x, ve[j]));
                odd = _mm512_add_epi64(odd, _mm512_mul_epi32(pqs_z_odd(x), vo[j]));
            }
            pqs_z_store(w[i].c + n, pqs_z_mont_reduce(even, odd));
        }
    }
}

PQS_AVX512_FN void pqs_mldsa_poly_freeze_avx512(pqs_mldsa_poly *a)
{
    for (unsigned i = 0; i < N; i += 16)
        pqs_z_store(a->c + i, pqs_z_freeze(pqs_z_load(a->c + i)));
}

/* The sign bit of (bound - 1) - |x| in any lane, as pqs_mldsa_poly_exceeds computes it
 * (for x = INT32_MIN, |x| stays INT32_MIN in both). */
PQS_AVX512_FN uint32_t pqs_mldsa_poly_exceeds_avx512(const pqs_mldsa_poly *a, int32_t bound)
{
    __m512i acc = _mm512_setzero_si512();
    const __m512i b1 = Z32(bound - 1);
    for (unsigned i = 0; i < N; i += 16)
        acc = _mm512_or_si512(acc, _mm512_sub_epi32(b1, _mm512_abs_epi32(pqs_z_load(a->c + i))));
    uint32_t bad = (uint32_t)_mm512_cmplt_epi32_mask(acc, _mm512_setzero_si512());
    return pqs_ct_mask_nonzero_u32(bad);
}

PQS_AVX512_FN void pqs_mldsa_power2round_avx512(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0,
                                                const pqs_mldsa_poly *t)
{
    for (unsigned i = 0; i < N; i += 16) {
        __m512i r = pqs_z_load(t->c + i);
        __m512i hi = _mm512_srai_epi32(_mm512_add_epi32(r, Z32((1 << (PQS_MLDSA_D - 1)) - 1)),
                                       PQS_MLDSA_D);
        pqs_z_store(t1->c + i, hi);
        pqs_z_store(t0->c + i, _mm512_sub_epi32(r, _mm512_slli_epi32(hi, PQS_MLDSA_D)));
    }
}

#endif
