/* Shared pieces of the ML-KEM AVX2 backend: the vector forms of the reductions of
 * mlkem/reduce.h (same operations, lane by lane, so results are bit-identical) and the
 * functions each file contributes to the backend table. Include only from files that
 * test PQS_MLKEM_AVX2. */
#ifndef PQS_MLKEM_NATIVE_X86_64_AVX2_INTERNAL_H
#define PQS_MLKEM_NATIVE_X86_64_AVX2_INTERNAL_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQS_MLKEM_AVX2 1

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "core/avx2_common.h"
#include "mlkem/ntt.h"
#include "mlkem/poly.h"
#include "mlkem/reduce.h"


/* 16 int16 lanes of one constant. */
#define V16(x) _mm256_set1_epi16((int16_t)(x))

PQS_AVX2_INLINE __m256i pqs_avx2_load16(const int16_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}

PQS_AVX2_INLINE void pqs_avx2_store16(int16_t *p, __m256i v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}

/* ByteDecode_12 of 24 bytes (16 values, not reduced): value 2j of a lane from bytes 3j
 * and 3j+1 (low 12 bits), value 2j+1 from bytes 3j+1 and 3j+2 (high 12 bits). Lane 1
 * reads bytes 12..23, which are bytes 4..15 of the load at p + 8. Reads p[0 .. 23]. */
PQS_AVX2_INLINE __m256i pqs_avx2_decode12(const uint8_t *p)
{
    const __m256i ctl = _mm256_setr_epi8(0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 11,
                                         4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 11, 12, 13, 14, 14, 15);
    __m256i x = _mm256_shuffle_epi8(pqs_avx2_load_lanes(p, 8), ctl);
    return _mm256_blend_epi16(_mm256_and_si256(x, _mm256_set1_epi16(0x0FFF)),
                              _mm256_srli_epi16(x, 4), 0xAA);
}

/* pqs_mlkem_fqmul_tw lane by lane: a * z * 2^-16 mod q for z with twist z_tw. */
PQS_AVX2_INLINE __m256i pqs_avx2_fqmul(__m256i a, __m256i z, __m256i z_tw)
{
    __m256i hi = _mm256_mulhi_epi16(a, z);
    __m256i t = _mm256_mullo_epi16(a, z_tw);
    t = _mm256_mulhi_epi16(t, V16(PQS_MLKEM_Q));
    return _mm256_sub_epi16(hi, t);
}

/* pqs_mlkem_barrett_reduce lane by lane: centred representative in [-(q-1)/2, (q-1)/2]. */
PQS_AVX2_INLINE __m256i pqs_avx2_barrett(__m256i a)
{
    __m256i t = _mm256_mulhi_epi16(a, V16(((1 << 26) + PQS_MLKEM_Q / 2) / PQS_MLKEM_Q));
    t = _mm256_srai_epi16(_mm256_add_epi16(t, V16(1 << 9)), 10);
    return _mm256_sub_epi16(a, _mm256_mullo_epi16(t, V16(PQS_MLKEM_Q)));
}

/* pqs_mlkem_caddq lane by lane: (-q, q) to [0, q). */
PQS_AVX2_INLINE __m256i pqs_avx2_caddq(__m256i a)
{
    return _mm256_add_epi16(a, _mm256_and_si256(_mm256_srai_epi16(a, 15), V16(PQS_MLKEM_Q)));
}

/* Stores the low n bytes of v at p (n a constant after inlining, n <= 16), with no
 * access past p + n. */
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

/* ntt_avx2.c */
void pqs_mlkem_avx2_ntt_init(void);
void pqs_mlkem_ntt_avx2(pqs_mlkem_poly *r);
void pqs_mlkem_invntt_frommont_avx2(pqs_mlkem_poly *r);
void pqs_mlkem_mulcache_compute_avx2(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b);
void pqs_mlkem_basemul_acc_avx2(pqs_mlkem_poly *r, const pqs_mlkem_poly *a,
                                const pqs_mlkem_poly *b, const pqs_mlkem_mulcache *bx,
                                unsigned k);
void pqs_mlkem_poly_reduce_avx2(pqs_mlkem_poly *r);
void pqs_mlkem_poly_tomont_avx2(pqs_mlkem_poly *r);

/* poly_avx2.c */
void pqs_mlkem_poly_tobytes_avx2(uint8_t r[PQS_MLKEM_POLY_BYTES], const pqs_mlkem_poly *a);
void pqs_mlkem_poly_frombytes_avx2(pqs_mlkem_poly *r, const uint8_t a[PQS_MLKEM_POLY_BYTES]);
int pqs_mlkem_poly_bytes_canonical_avx2(const uint8_t a[PQS_MLKEM_POLY_BYTES]);
void pqs_mlkem_poly_compress_avx2(uint8_t *r, const pqs_mlkem_poly *a, unsigned d);
void pqs_mlkem_poly_decompress_avx2(pqs_mlkem_poly *r, const uint8_t *a, unsigned d);
void pqs_mlkem_poly_frommsg_avx2(pqs_mlkem_poly *r, const uint8_t m[PQS_MLKEM_SYM_BYTES]);
void pqs_mlkem_poly_tomsg_avx2(uint8_t m[PQS_MLKEM_SYM_BYTES], const pqs_mlkem_poly *a);

/* sampling_avx2.c */
void pqs_mlkem_avx2_sampling_init(void);
void pqs_mlkem_cbd_avx2(pqs_mlkem_poly *r, const uint8_t *buf, unsigned eta);
unsigned pqs_mlkem_rej_uniform_avx2(int16_t *a, unsigned ctr, const uint8_t *buf, size_t len);

/* ntt_avx512.c (AVX-512 F/VL/BW; the init only on CPUs with it) */
void pqs_mlkem_avx512_ntt_init(void);
void pqs_mlkem_ntt_avx512(pqs_mlkem_poly *r);
void pqs_mlkem_invntt_frommont_avx512(pqs_mlkem_poly *r);
void pqs_mlkem_mulcache_compute_avx512(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b);
void pqs_mlkem_basemul_acc_avx512(pqs_mlkem_poly *r, const pqs_mlkem_poly *a,
                                  const pqs_mlkem_poly *b, const pqs_mlkem_mulcache *bx,
                                  unsigned k);

/* sampling_avx512.c (AVX-512 F/VL/BW) */
unsigned pqs_mlkem_rej_uniform_avx512(int16_t *a, unsigned ctr, const uint8_t *buf,
                                      size_t len);
/* the same with AVX-512 VBMI2 */
unsigned pqs_mlkem_rej_uniform_avx512vbmi2(int16_t *a, unsigned ctr, const uint8_t *buf,
                                           size_t len);

#endif
#endif
