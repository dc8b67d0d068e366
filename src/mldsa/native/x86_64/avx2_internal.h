/* Shared pieces of the ML-DSA AVX2 backend: 8 coefficients (int32) per register, the
 * vector forms of mldsa/reduce.h (same operations lane by lane, so results are
 * bit-identical), and the functions each file contributes to the backend table.
 * Include only from files that test PQS_MLDSA_AVX2. */
#ifndef PQS_MLDSA_NATIVE_X86_64_AVX2_INTERNAL_H
#define PQS_MLDSA_NATIVE_X86_64_AVX2_INTERNAL_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQS_MLDSA_AVX2 1

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "core/avx2_common.h"
#include "mldsa/challenge.h"
#include "mldsa/params.h"
#include "mldsa/reduce.h"


#define V32(x) _mm256_set1_epi32((int32_t)(x))

PQS_AVX2_INLINE __m256i pqs_avx2_load(const int32_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}

PQS_AVX2_INLINE void pqs_avx2_store(int32_t *p, __m256i v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}

/* Stores the low n bytes of v at p (n <= 16), with no access past p + n. */
PQS_AVX2_INLINE void pqs_avx2_store_bytes(uint8_t *p, __m128i v, unsigned n)
{
    if (n >= 8) {
        _mm_storel_epi64((__m128i *)p, v);
        v = _mm_srli_si128(v, 8);
        p += 8;
        n -= 8;
    }
    if (n >= 4) {
        uint32_t w = (uint32_t)_mm_cvtsi128_si32(v);
        __builtin_memcpy(p, &w, 4);
        v = _mm_srli_si128(v, 4);
        p += 4;
        n -= 4;
    }
    if (n >= 2) {
        uint16_t w = (uint16_t)_mm_extract_epi16(v, 0);
        __builtin_memcpy(p, &w, 2);
        v = _mm_srli_si128(v, 2);
        p += 2;
        n -= 2;
    }
    if (n >= 1)
        *p = (uint8_t)_mm_extract_epi8(v, 0);
}

/* The odd 32-bit lanes moved down to the even ones (the lanes pmuldq reads). */
PQS_AVX2_INLINE __m256i pqs_avx2_odd(__m256i a)
{
    return _mm256_castps_si256(_mm256_movehdup_ps(_mm256_castsi256_ps(a)));
}

/* pqs_mldsa_montgomery_reduce of 64-bit products in the even lanes of pe and po (the
 * products of the even and of the odd coefficients): t = lo(p) q^-1 mod 2^32, and the
 * high half of p - t q is the result. Returns the 8 results in lane order. */
PQS_AVX2_INLINE __m256i pqs_avx2_mont_reduce(__m256i pe, __m256i po)
{
    const __m256i q = V32(PQS_MLDSA_Q), qinv = V32(PQS_MLDSA_QINV);
    __m256i te = _mm256_mul_epi32(_mm256_mul_epi32(pe, qinv), q);
    __m256i to = _mm256_mul_epi32(_mm256_mul_epi32(po, qinv), q);
    __m256i re = _mm256_sub_epi64(pe, te), ro = _mm256_sub_epi64(po, to);
    return _mm256_blend_epi32(_mm256_srli_epi64(re, 32), ro, 0xAA);
}

/* Lane-wise pqs_mldsa_montgomery_reduce((int64_t)a * b). */
PQS_AVX2_INLINE __m256i pqs_avx2_montmul(__m256i a, __m256i b)
{
    __m256i pe = _mm256_mul_epi32(a, b);
    __m256i po = _mm256_mul_epi32(pqs_avx2_odd(a), pqs_avx2_odd(b));
    return pqs_avx2_mont_reduce(pe, po);
}

/* pqs_mldsa_reduce32 and pqs_mldsa_caddq lane by lane (t q as shifts: q = 2^23 - 2^13 + 1). */
PQS_AVX2_INLINE __m256i pqs_avx2_reduce32(__m256i a)
{
    __m256i t = _mm256_srai_epi32(_mm256_add_epi32(a, V32(1 << 22)), 23);
    __m256i tq = _mm256_add_epi32(_mm256_sub_epi32(_mm256_slli_epi32(t, 23),
                                                   _mm256_slli_epi32(t, 13)), t);
    return _mm256_sub_epi32(a, tq);
}

PQS_AVX2_INLINE __m256i pqs_avx2_caddq(__m256i a)
{
    return _mm256_add_epi32(a, _mm256_and_si256(_mm256_srai_epi32(a, 31), V32(PQS_MLDSA_Q)));
}

PQS_AVX2_INLINE __m256i pqs_avx2_freeze(__m256i a)
{
    return pqs_avx2_caddq(pqs_avx2_reduce32(a));
}

/* ntt_avx2.c */
void pqs_mldsa_avx2_ntt_init(void);
void pqs_mldsa_ntt_avx2(pqs_mldsa_poly *a);
void pqs_mldsa_invntt_tomont_avx2(pqs_mldsa_poly *a);

/* poly_avx2.c */
void pqs_mldsa_poly_pointwise_avx2(pqs_mldsa_poly *r, const pqs_mldsa_poly *a,
                                   const pqs_mldsa_poly *b);
void pqs_mldsa_matrix_mul_avx2(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                               const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                               const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k, unsigned l);
void pqs_mldsa_poly_freeze_avx2(pqs_mldsa_poly *a);
uint32_t pqs_mldsa_poly_exceeds_avx2(const pqs_mldsa_poly *a, int32_t bound);
void pqs_mldsa_power2round_avx2(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0, const pqs_mldsa_poly *t);
void pqs_mldsa_highbits_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                             const pqs_mldsa_poly *r);
void pqs_mldsa_lowbits_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r0,
                            const pqs_mldsa_poly *r);
unsigned pqs_mldsa_make_hint_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *h,
                                  const pqs_mldsa_poly *z, const pqs_mldsa_poly *r);
void pqs_mldsa_use_hint_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                             const pqs_mldsa_poly *h, const pqs_mldsa_poly *r);

/* challenge_avx2.c */
void pqs_mldsa_challenge_mul_small_avx2(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                        const pqs_mldsa_spoly *s);
void pqs_mldsa_challenge_mul_avx2(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                  const pqs_mldsa_poly *t);
uint32_t pqs_mldsa_response_avx2(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                               const pqs_mldsa_spoly *s1, const pqs_mldsa_poly *y,
                               int32_t bound);
uint32_t pqs_mldsa_low_check_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                                const pqs_mldsa_challenge *c, const pqs_mldsa_spoly *s2,
                                const pqs_mldsa_poly *w, int32_t bound);

/* sample_avx2.c */
void pqs_mldsa_avx2_sample_init(void);
unsigned pqs_mldsa_rej_uniform_avx2(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len);
unsigned pqs_mldsa_rej_eta_avx2(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len,
                                unsigned eta);
/* pack_avx2.c */
void pqs_mldsa_avx2_pack_init(void);
void pqs_mldsa_pack_bits_avx2(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits,
                              int32_t add, int32_t mul);
void pqs_mldsa_unpack_bits_avx2(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits,
                                int32_t add, int32_t mul);
void pqs_mldsa_w1_pack_avx2(const pqs_mldsa_params *p, uint8_t *out, pqs_mldsa_poly *w);

#endif
#endif
