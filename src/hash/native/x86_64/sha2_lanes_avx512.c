/* Multi-lane SHA-256 (16 lanes) and SHA-512 (8 lanes) with AVX-512: one independent state
 * per 32- or 64-bit lane of a __m512i. VPRORD/VPRORQ rotate in one instruction and
 * VPTERNLOG evaluates each three-input function in one: x ^ y ^ z (truth table 0x96),
 * Ch (0xCA) and Maj (0xE8). Only these functions are compiled for AVX-512; the dispatch
 * points in src/hash/sha256.c and sha512.c check CPUID first. No data-dependent branch
 * or index. */
#include "hash/native/x86_64/sha2_lanes.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512vl,avx512bw")))

/* Truth tables of VPTERNLOG for inputs (x, y, z) = (0xF0, 0xCC, 0xAA). */
#define TL_XOR3 0x96   /* x ^ y ^ z */
#define TL_CH 0xCA     /* (x & y) ^ (~x & z) */
#define TL_MAJ 0xE8    /* (x & y) ^ (x & z) ^ (y & z) */

/* SHA-256, 16 lanes: FIPS 180-4 section 4.1.2. */
#define SX_FN pqs_sha256_x16_avx512
#define SX_ATTR AVX512_TARGET
#define SX_WORD uint32_t
#define SX_ROUNDS 64
#define SN 16
#define SV __m512i
#define SV_LOAD(p) _mm512_loadu_si512((const void *)(p))
#define SV_STORE(p, v) _mm512_storeu_si512((void *)(p), (v))
#define SV_BCAST(x) _mm512_set1_epi32((int)(x))
#define SV_ADD(a, b) _mm512_add_epi32((a), (b))
#define SV_XOR3(x, y, z) _mm512_ternarylogic_epi32((x), (y), (z), TL_XOR3)
#define SV_BSIG0(x) SV_XOR3(_mm512_ror_epi32((x), 2), _mm512_ror_epi32((x), 13), _mm512_ror_epi32((x), 22))
#define SV_BSIG1(x) SV_XOR3(_mm512_ror_epi32((x), 6), _mm512_ror_epi32((x), 11), _mm512_ror_epi32((x), 25))
#define SV_SSIG0(x) SV_XOR3(_mm512_ror_epi32((x), 7), _mm512_ror_epi32((x), 18), _mm512_srli_epi32((x), 3))
#define SV_SSIG1(x) SV_XOR3(_mm512_ror_epi32((x), 17), _mm512_ror_epi32((x), 19), _mm512_srli_epi32((x), 10))
#define SV_CH(x, y, z) _mm512_ternarylogic_epi32((x), (y), (z), TL_CH)
#define SV_MAJ(x, y, z) _mm512_ternarylogic_epi32((x), (y), (z), TL_MAJ)
#include "sha2_lanes_body.h"
#undef SX_FN
#undef SX_WORD
#undef SX_ROUNDS
#undef SN
#undef SV_BCAST
#undef SV_ADD
#undef SV_XOR3
#undef SV_BSIG0
#undef SV_BSIG1
#undef SV_SSIG0
#undef SV_SSIG1
#undef SV_CH
#undef SV_MAJ

/* SHA-512, 8 lanes: FIPS 180-4 section 4.1.3. */
#define SX_FN pqs_sha512_x8_avx512
#define SX_WORD uint64_t
#define SX_ROUNDS 80
#define SN 8
#define SV_BCAST(x) _mm512_set1_epi64((long long)(x))
#define SV_ADD(a, b) _mm512_add_epi64((a), (b))
#define SV_XOR3(x, y, z) _mm512_ternarylogic_epi64((x), (y), (z), TL_XOR3)
#define SV_BSIG0(x) SV_XOR3(_mm512_ror_epi64((x), 28), _mm512_ror_epi64((x), 34), _mm512_ror_epi64((x), 39))
#define SV_BSIG1(x) SV_XOR3(_mm512_ror_epi64((x), 14), _mm512_ror_epi64((x), 18), _mm512_ror_epi64((x), 41))
#define SV_SSIG0(x) SV_XOR3(_mm512_ror_epi64((x), 1), _mm512_ror_epi64((x), 8), _mm512_srli_epi64((x), 7))
#define SV_SSIG1(x) SV_XOR3(_mm512_ror_epi64((x), 19), _mm512_ror_epi64((x), 61), _mm512_srli_epi64((x), 6))
#define SV_CH(x, y, z) _mm512_ternarylogic_epi64((x), (y), (z), TL_CH)
#define SV_MAJ(x, y, z) _mm512_ternarylogic_epi64((x), (y), (z), TL_MAJ)
#include "sha2_lanes_body.h"

int pqs_sha2_lanes_avx512_available(void)
{
    return 1;
}
#else
void pqs_sha256_x16_avx512(uint32_t st[8 * 16], const uint32_t *w, size_t nblocks,
                           const uint32_t k[64])
{
    (void)st, (void)w, (void)nblocks, (void)k;
}

void pqs_sha512_x8_avx512(uint64_t st[8 * 8], const uint64_t *w, size_t nblocks,
                          const uint64_t k[80])
{
    (void)st, (void)w, (void)nblocks, (void)k;
}

int pqs_sha2_lanes_avx512_available(void)
{
    return 0;
}
#endif
