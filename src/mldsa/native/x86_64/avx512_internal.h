/* Shared pieces of the ML-DSA AVX-512 backend: 16 coefficients (int32) per register, the
 * vector forms of mldsa/reduce.h (the same operations lane by lane as the portable code,
 * so results are bit-identical), and the functions each file contributes to the backend
 * table. Only AVX-512 F, BW and VL are used: what PQS_CPU_AVX512 (src/core/cpu.h)
 * promises. Constant time as the AVX2 backend: lane masks and selections, never a
 * branch or an index on secret data. Include only from files that test PQS_MLDSA_AVX512. */
#ifndef PQS_MLDSA_NATIVE_X86_64_AVX512_INTERNAL_H
#define PQS_MLDSA_NATIVE_X86_64_AVX512_INTERNAL_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQS_MLDSA_AVX512 1

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "mldsa/challenge.h"
#include "mldsa/params.h"
#include "mldsa/reduce.h"

#define PQS_AVX512_TARGET "avx2,avx512f,avx512vl,avx512bw"
#define PQS_AVX512_FN __attribute__((target(PQS_AVX512_TARGET)))
#define PQS_AVX512_INLINE static inline __attribute__((target(PQS_AVX512_TARGET), always_inline))

#define Z32(x) _mm512_set1_epi32((int32_t)(x))

PQS_AVX512_INLINE __m512i pqs_z_load(const int32_t *p)
{
    return _mm512_loadu_si512((const void *)p);
}

PQS_AVX512_INLINE void pqs_z_store(int32_t *p, __m512i v)
{
    _mm512_storeu_si512((void *)p, v);
}

/* The odd 32-bit lanes moved down to the even ones (the lanes vpmuldq reads; the upper
 * halves it ignores). */
PQS_AVX512_INLINE __m512i pqs_z_odd(__m512i a)
{
    return _mm512_srli_epi64(a, 32);
}

/* pqs_mldsa_montgomery_reduce of 64-bit products in the even lanes of pe and po (the
 * products of the even and of the odd coefficients): t = lo(p) q^-1 mod 2^32, and the
 * high half of p - t q is the result. One vpshufd puts the even results' high halves
 * in place under a mask that keeps the odd results where they already are. */
PQS_AVX512_INLINE __m512i pqs_z_mont_reduce(__m512i pe, __m512i po)
{
    const __m512i q = Z32(PQS_MLDSA_Q), qinv = Z32(PQS_MLDSA_QINV);
    __m512i te = _mm512_mul_epi32(_mm512_mul_epi32(pe, qinv), q);
    __m512i to = _mm512_mul_epi32(_mm512_mul_epi32(po, qinv), q);
    __m512i re = _mm512_sub_epi64(pe, te), ro = _mm512_sub_epi64(po, to);
    return _mm512_mask_shuffle_epi32(ro, 0x5555, re, _MM_PERM_DDBB);
}

/* Lane-wise pqs_mldsa_montgomery_reduce((int64_t)a * b). */
PQS_AVX512_INLINE __m512i pqs_z_montmul(__m512i a, __m512i b)
{
    __m512i pe = _mm512_mul_epi32(a, b);
    __m512i po = _mm512_mul_epi32(pqs_z_odd(a), pqs_z_odd(b));
    return pqs_z_mont_reduce(pe, po);
}

/* pqs_mldsa_reduce32, pqs_mldsa_caddq and pqs_mldsa_freeze lane by lane (t q as shifts:
 * q = 2^23 - 2^13 + 1). */
PQS_AVX512_INLINE __m512i pqs_z_reduce32(__m512i a)
{
    __m512i t = _mm512_srai_epi32(_mm512_add_epi32(a, Z32(1 << 22)), 23);
    __m512i tq = _mm512_add_epi32(_mm512_sub_epi32(_mm512_slli_epi32(t, 23),
                                                   _mm512_slli_epi32(t, 13)), t);
    return _mm512_sub_epi32(a, tq);
}

PQS_AVX512_INLINE __m512i pqs_z_caddq(__m512i a)
{
    return _mm512_add_epi32(a, _mm512_and_si512(_mm512_srai_epi32(a, 31), Z32(PQS_MLDSA_Q)));
}

PQS_AVX512_INLINE __m512i pqs_z_freeze(__m512i a)
{
    return pqs_z_caddq(pqs_z_reduce32(a));
}

/* pqs_mldsa_decompose lane by lane: r1 = floor((r + gamma2 - 1) M / 2^48) with the 64-bit
 * products of vpmuludq, r0 = r - r1 2 gamma2, and the wrap r1 = m to (0, r0 - 1). */
typedef struct {
    __m512i g2m1, mul, two_g2, m;
} pqs_z_decompose_consts;

PQS_AVX512_INLINE pqs_z_decompose_consts pqs_z_consts_of(const pqs_mldsa_params *p)
{
    return (pqs_z_decompose_consts){Z32(p->gamma2 - 1), Z32((uint32_t)p->decompose_mul),
                              Z32(2 * p->gamma2), Z32(p->w1_max)};
}

PQS_AVX512_INLINE __m512i pqs_z_decompose(const pqs_z_decompose_consts *k, __m512i r, __m512i *r0)
{
    __m512i x = _mm512_add_epi32(r, k->g2m1);
    __m512i pe = _mm512_mul_epu32(x, k->mul);
    __m512i po = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), k->mul);
    __m512i r1 = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(pe, 48),
                                         _mm512_srli_epi64(po, 16));
    __m512i lo = _mm512_sub_epi32(r, _mm512_mullo_epi32(r1, k->two_g2));
    __mmask16 wrap = _mm512_cmpeq_epi32_mask(r1, k->m);
    *r0 = _mm512_mask_sub_epi32(lo, wrap, lo, Z32(1));
    return _mm512_maskz_mov_epi32((__mmask16)~wrap, r1);
}

/* ntt_avx512.c */
void pqs_mldsa_avx512_ntt_init(void);
void pqs_mldsa_ntt_avx512(pqs_mldsa_poly *a);
void pqs_mldsa_invntt_tomont_avx512(pqs_mldsa_poly *a);

/* poly_avx512.c */
void pqs_mldsa_poly_pointwise_avx512(pqs_mldsa_poly *r, const pqs_mldsa_poly *a,
                                     const pqs_mldsa_poly *b);
void pqs_mldsa_matrix_mul_avx512(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                                 const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                                 const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k,
                                 unsigned l);
void pqs_mldsa_poly_freeze_avx512(pqs_mldsa_poly *a);
uint32_t pqs_mldsa_poly_exceeds_avx512(const pqs_mldsa_poly *a, int32_t bound);
void pqs_mldsa_power2round_avx512(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0,
                                  const pqs_mldsa_poly *t);

/* rounding_avx512.c */
void pqs_mldsa_highbits_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                               const pqs_mldsa_poly *r);
void pqs_mldsa_lowbits_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r0,
                              const pqs_mldsa_poly *r);
unsigned pqs_mldsa_make_hint_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *h,
                                    const pqs_mldsa_poly *z, const pqs_mldsa_poly *r);
void pqs_mldsa_use_hint_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                               const pqs_mldsa_poly *h, const pqs_mldsa_poly *r);

/* sample_avx512.c */
unsigned pqs_mldsa_rej_uniform_avx512(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len);

/* pack_avx512.c */
void pqs_mldsa_avx512_pack_init(void);
void pqs_mldsa_pack_bits_avx512(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits,
                                int32_t add, int32_t mul);
void pqs_mldsa_unpack_bits_avx512(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits,
                                  int32_t add, int32_t mul);
void pqs_mldsa_w1_pack_avx512(const pqs_mldsa_params *p, uint8_t *out, pqs_mldsa_poly *w);

/* challenge_avx512.c */
void pqs_mldsa_challenge_mul_small_avx512(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                          const pqs_mldsa_spoly *s);
void pqs_mldsa_challenge_mul_avx512(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                    const pqs_mldsa_poly *t);
uint32_t pqs_mldsa_response_avx512(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                               const pqs_mldsa_spoly *s1, const pqs_mldsa_poly *y,
                               int32_t bound);
uint32_t pqs_mldsa_low_check_avx512(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                                const pqs_mldsa_challenge *c, const pqs_mldsa_spoly *s2,
                                const pqs_mldsa_poly *w, int32_t bound);

#endif
#endif
