/* Keccak-f[1600] on 4 states with AVX2: state j in 64-bit lane j of a __m256i. AVX2 has
 * no 64-bit rotation, so ROL is two shifts and an OR, except by 8 and 56 bits, which move
 * whole bytes (one VPSHUFB); chi is VPANDN + VPXOR. Only this function is compiled for
 * AVX2; the dispatch in src/hash/keccak_x4.c checks CPUID first. No data-dependent
 * branch or index: constant time like the scalar code. */
#include "hash/native/x86_64/keccakf1600_xn.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx2")))

AVX2_TARGET static inline __m256i rol64_avx2(__m256i v, int n)
{
    /* Byte shuffles for the rotations by one byte: dest byte k of each word takes source
     * byte k - 1 (ROL 8) or k + 1 (ROL 56), within each 128-bit half. */
    if (n == 8)
        return _mm256_shuffle_epi8(v, _mm256_setr_epi8(7, 0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11,
                                                       12, 13, 14, 7, 0, 1, 2, 3, 4, 5, 6, 15,
                                                       8, 9, 10, 11, 12, 13, 14));
    if (n == 56)
        return _mm256_shuffle_epi8(v, _mm256_setr_epi8(1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13,
                                                       14, 15, 8, 1, 2, 3, 4, 5, 6, 7, 0, 9, 10,
                                                       11, 12, 13, 14, 15, 8));
    return _mm256_or_si256(_mm256_slli_epi64(v, n), _mm256_srli_epi64(v, 64 - n));
}

#define KX_FN pqs_keccakf1600_x4_avx2
#define KX_ATTR AVX2_TARGET
#define KN 4
#define KV __m256i
#define KV_LOAD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define KV_STORE(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define KV_BCAST(x) _mm256_set1_epi64x((long long)(x))
#define KV_XOR(a, b) _mm256_xor_si256((a), (b))
#define KV_XOR5(a, b, c, d, e) \
    _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256((a), (b)), _mm256_xor_si256((c), (d))), (e))
#define KV_ROL(v, n) rol64_avx2((v), (n))
#define KV_CHI(a, b, c) _mm256_xor_si256((a), _mm256_andnot_si256((b), (c)))
#include "keccakf1600_xn_body.h"

int pqs_keccakf1600_avx2_available(void)
{
    return 1;
}
#else
void pqs_keccakf1600_x4_avx2(uint64_t s[25 * 4])
{
    (void)s;
}

int pqs_keccakf1600_avx2_available(void)
{
    return 0;
}
#endif
