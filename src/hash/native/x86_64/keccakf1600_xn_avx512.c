/* Keccak-f[1600] with AVX-512: 8 states in the 64-bit lanes of a __m512i, and 4 states
 * in a __m256i with the AVX-512VL forms of the same instructions. VPROLQ rotates each
 * word in one instruction; VPTERNLOGQ computes any three-input boolean function, so a
 * column parity a^b^c^d^e takes two (truth table 0x96 = a ^ b ^ c) and chi's
 * a ^ (~b & c) one (truth table 0xD2). Only these functions are compiled for AVX-512;
 * the dispatch in src/hash/keccak_x4.c checks CPUID (and OS support of the ZMM state)
 * first. No data-dependent branch or index. */
#include "hash/native/x86_64/keccakf1600_xn.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512vl,avx512bw")))

/* Truth tables of VPTERNLOG for inputs (a, b, c) = (0xF0, 0xCC, 0xAA). */
#define TL_XOR3 0x96   /* a ^ b ^ c */
#define TL_CHI 0xD2    /* a ^ (~b & c) */

/* 8 states in a ZMM register. */
#define KX_FN pqs_keccakf1600_x8_avx512
#define KX_ATTR AVX512_TARGET
#define KN 8
#define KV __m512i
#define KV_LOAD(p) _mm512_loadu_si512((const void *)(p))
#define KV_STORE(p, v) _mm512_storeu_si512((void *)(p), (v))
#define KV_BCAST(x) _mm512_set1_epi64((long long)(x))
#define KV_XOR(a, b) _mm512_xor_si512((a), (b))
#define KV_XOR5(a, b, c, d, e) \
    _mm512_ternarylogic_epi64(_mm512_ternarylogic_epi64((a), (b), (c), TL_XOR3), (d), (e), TL_XOR3)
#define KV_ROL(v, n) _mm512_rol_epi64((v), (n))
#define KV_CHI(a, b, c) _mm512_ternarylogic_epi64((a), (b), (c), TL_CHI)
#include "keccakf1600_xn_body.h"
#undef KX_FN
#undef KN
#undef KV
#undef KV_LOAD
#undef KV_STORE
#undef KV_BCAST
#undef KV_XOR
#undef KV_XOR5
#undef KV_ROL
#undef KV_CHI

/* 4 states in a YMM register (AVX-512VL). */
#define KX_FN pqs_keccakf1600_x4_avx512vl
#define KN 4
#define KV __m256i
#define KV_LOAD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define KV_STORE(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define KV_BCAST(x) _mm256_set1_epi64x((long long)(x))
#define KV_XOR(a, b) _mm256_xor_si256((a), (b))
#define KV_XOR5(a, b, c, d, e) \
    _mm256_ternarylogic_epi64(_mm256_ternarylogic_epi64((a), (b), (c), TL_XOR3), (d), (e), TL_XOR3)
#define KV_ROL(v, n) _mm256_rol_epi64((v), (n))
#define KV_CHI(a, b, c) _mm256_ternarylogic_epi64((a), (b), (c), TL_CHI)
#include "keccakf1600_xn_body.h"

int pqs_keccakf1600_avx512_available(void)
{
    return 1;
}
#else
void pqs_keccakf1600_x8_avx512(uint64_t s[25 * 8])
{
    (void)s;
}

void pqs_keccakf1600_x4_avx512vl(uint64_t s[25 * 4])
{
    (void)s;
}

int pqs_keccakf1600_avx512_available(void)
{
    return 0;
}
#endif
