/* Coefficient-wise ML-DSA arithmetic with AVX2: pointwise and matrix products in the
 * NTT domain, freezing, the infinity-norm check, Power2Round, Decompose and the hints
 * (FIPS 204 sections 7.4, Algorithms 35-40). The same operations as mldsa/poly.c and
 * mldsa/rounding.c lane by lane, so the results are identical; no branch, no division,
 * no secret-dependent index. */
#include "avx2_internal.h"

#if defined(PQS_MLDSA_AVX2)
#include "core/ct.h"

#define N PQS_MLDSA_N

PQS_AVX2_FN void pqs_mldsa_poly_pointwise_avx2(pqs_mldsa_poly *r, const pqs_mldsa_poly *a,
                                               const pqs_mldsa_poly *b)
{
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(r->c + i, pqs_avx2_montmul(pqs_avx2_load(a->c + i),
                                                  pqs_avx2_load(b->c + i)));
}

/* As the portable code: l products summed in 64 bits (pmuldq on the even and on the odd
 * lanes), one Montgomery reduction per output coefficient. */
PQS_AVX2_FN void pqs_mldsa_matrix_mul_avx2(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                                           const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                                           const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k,
                                           unsigned l)
{
    for (unsigned i = 0; i < k; i++) {
        for (unsigned n = 0; n < N; n += 8) {
            __m256i even = _mm256_setzero_si256(), odd = _mm256_setzero_si256();
            for (unsigned j = 0; j < l; j++) {
                __m256i x = pqs_avx2_load(a[i][j].c + n), y = pqs_avx2_load(v[j].c + n);
                even = _mm256_add_epi64(even, _mm256_mul_epi32(x, y));
                odd = _mm256_add_epi64(odd, _mm256_mul_epi32(pqs_avx2_odd(x), pqs_avx2_odd(y)));
            }
            pqs_avx2_store(w[i].c + n, pqs_avx2_mont_reduce(even, odd));
        }
    }
}

PQS_AVX2_FN void pqs_mldsa_poly_freeze_avx2(pqs_mldsa_poly *a)
{
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(a->c + i, pqs_avx2_freeze(pqs_avx2_load(a->c + i)));
}

/* The sign bit of (bound - 1) - |x| in any lane, as pqs_mldsa_poly_exceeds computes it. */
PQS_AVX2_FN uint32_t pqs_mldsa_poly_exceeds_avx2(const pqs_mldsa_poly *a, int32_t bound)
{
    __m256i acc = _mm256_setzero_si256();
    for (unsigned i = 0; i < N; i += 8) {
        __m256i x = pqs_avx2_load(a->c + i);
        __m256i s = _mm256_srai_epi32(x, 31);
        __m256i abs = _mm256_sub_epi32(_mm256_xor_si256(x, s), s);
        acc = _mm256_or_si256(acc, _mm256_sub_epi32(V32(bound - 1), abs));
    }
    uint32_t bad = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(acc));
    return pqs_ct_mask_nonzero_u32(bad);
}

PQS_AVX2_FN void pqs_mldsa_power2round_avx2(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0,
                                            const pqs_mldsa_poly *t)
{
    for (unsigned i = 0; i < N; i += 8) {
        __m256i r = pqs_avx2_load(t->c + i);
        __m256i hi = _mm256_srai_epi32(_mm256_add_epi32(r, V32((1 << (PQS_MLDSA_D - 1)) - 1)),
                                       PQS_MLDSA_D);
        pqs_avx2_store(t1->c + i, hi);
        pqs_avx2_store(t0->c + i, _mm256_sub_epi32(r, _mm256_slli_epi32(hi, PQS_MLDSA_D)));
    }
}

/* pqs_mldsa_decompose lane by lane: r1 = floor((r + gamma2 - 1) M / 2^48) with the 64-bit
 * products of pmuludq, r0 = r - r1 2 gamma2, and the wrap r1 = m to (0, r0 - 1). */
typedef struct {
    __m256i g2m1, mul, two_g2, m;
} decompose_consts;

PQS_AVX2_INLINE decompose_consts consts_of(const pqs_mldsa_params *p)
{
    return (decompose_consts){V32(p->gamma2 - 1), V32((uint32_t)p->decompose_mul),
                              V32(2 * p->gamma2), V32(p->w1_max)};
}

PQS_AVX2_INLINE __m256i decompose(const decompose_consts *k, __m256i r, __m256i *r0)
{
    __m256i x = _mm256_add_epi32(r, k->g2m1);
    __m256i pe = _mm256_mul_epu32(x, k->mul);
    __m256i po = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), k->mul);
    __m256i r1 = _mm256_blend_epi32(_mm256_srli_epi64(pe, 48), _mm256_srli_epi64(po, 16), 0xAA);
    __m256i lo = _mm256_sub_epi32(r, _mm256_mullo_epi32(r1, k->two_g2));
    __m256i wrap = _mm256_cmpeq_epi32(r1, k->m);
    *r0 = _mm256_add_epi32(lo, wrap);
    return _mm256_andnot_si256(wrap, r1);
}

PQS_AVX2_FN void pqs_mldsa_highbits_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                                         const pqs_mldsa_poly *r)
{
    decompose_consts k = consts_of(p);
    __m256i lo;
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(r1->c + i, decompose(&k, pqs_avx2_load(r->c + i), &lo));
}

PQS_AVX2_FN void pqs_mldsa_lowbits_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r0,
                                        const pqs_mldsa_poly *r)
{
    decompose_consts k = consts_of(p);
    __m256i lo;
    for (unsigned i = 0; i < N; i += 8) {
        (void)decompose(&k, pqs_avx2_load(r->c + i), &lo);
        pqs_avx2_store(r0->c + i, lo);
    }
}

PQS_AVX2_FN unsigned pqs_mldsa_make_hint_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *h,
                                              const pqs_mldsa_poly *z, const pqs_mldsa_poly *r)
{
    decompose_consts k = consts_of(p);
    __m256i lo, count = _mm256_setzero_si256();
    for (unsigned i = 0; i < N; i += 8) {
        __m256i x = pqs_avx2_load(r->c + i);
        __m256i r1 = decompose(&k, x, &lo);
        __m256i v1 = decompose(&k, pqs_avx2_freeze(_mm256_add_epi32(x, pqs_avx2_load(z->c + i))),
                               &lo);
        __m256i bit = _mm256_andnot_si256(_mm256_cmpeq_epi32(r1, v1), V32(1));
        pqs_avx2_store(h->c + i, bit);
        count = _mm256_add_epi32(count, bit);
    }
    /* Horizontal sum of the 8 lane counts. */
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(count), _mm256_extracti128_si256(count, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return (unsigned)_mm_cvtsi128_si32(s);
}

/* Algorithm 40 with selections: r1 + 1 where h and r0 > 0, r1 - 1 where h and r0 <= 0,
 * modulo m = (q-1)/(2 gamma2). */
PQS_AVX2_FN void pqs_mldsa_use_hint_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                                         const pqs_mldsa_poly *h, const pqs_mldsa_poly *r)
{
    decompose_consts k = consts_of(p);
    const __m256i zero = _mm256_setzero_si256();
    for (unsigned i = 0; i < N; i += 8) {
        __m256i lo;
        __m256i hi = decompose(&k, pqs_avx2_load(r->c + i), &lo);
        __m256i on = _mm256_xor_si256(_mm256_cmpeq_epi32(pqs_avx2_load(h->c + i), zero),
                                      V32(-1));
        __m256i step = _mm256_add_epi32(_mm256_and_si256(_mm256_cmpgt_epi32(lo, zero), V32(2)),
                                        V32(-1));
        hi = _mm256_add_epi32(hi, _mm256_and_si256(step, on));
        hi = _mm256_add_epi32(hi, _mm256_and_si256(_mm256_cmpgt_epi32(zero, hi), k.m));
        hi = _mm256_sub_epi32(hi, _mm256_and_si256(_mm256_cmpeq_epi32(hi, k.m), k.m));
        pqs_avx2_store(r1->c + i, hi);
    }
}

#endif
