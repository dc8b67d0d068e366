/* Multi-lane SHA-256 (8 lanes) and SHA-512 (4 lanes) with AVX2: one independent state per
 * 32- or 64-bit lane of a __m256i. AVX2 has no vector rotation, so ROR is two shifts and
 * an OR; Ch is g ^ (e & (f ^ g)) and Maj (a & b) | (c & (a | b)). Only these functions
 * are compiled for AVX2; the dispatch points in src/hash/sha256.c and sha512.c check
 * CPUID first. No data-dependent branch or index. */
#include "hash/native/x86_64/sha2_lanes.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx2")))

#define ROR32(x, n) _mm256_or_si256(_mm256_srli_epi32((x), (n)), _mm256_slli_epi32((x), 32 - (n)))
#define ROR64(x, n) _mm256_or_si256(_mm256_srli_epi64((x), (n)), _mm256_slli_epi64((x), 64 - (n)))
#define XOR3(x, y, z) _mm256_xor_si256(_mm256_xor_si256((x), (y)), (z))

#define SX_ATTR AVX2_TARGET
#define SV __m256i
#define SV_LOAD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define SV_STORE(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define SV_CH(x, y, z) _mm256_xor_si256((z), _mm256_and_si256((x), _mm256_xor_si256((y), (z))))
#define SV_MAJ(x, y, z) \
    _mm256_or_si256(_mm256_and_si256((x), (y)), _mm256_and_si256((z), _mm256_or_si256((x), (y))))

/* SHA-256, 8 lanes: FIPS 180-4 section 4.1.2. */
#define SX_FN pqs_sha256_x8_avx2
#define SX_WORD uint32_t
#define SX_ROUNDS 64
#define SN 8
#define SV_BCAST(x) _mm256_set1_epi32((int)(x))
#define SV_ADD(a, b) _mm256_add_epi32((a), (b))
#define SV_BSIG0(x) XOR3(ROR32((x), 2), ROR32((x), 13), ROR32((x), 22))
#define SV_BSIG1(x) XOR3(ROR32((x), 6), ROR32((x), 11), ROR32((x), 25))
#define SV_SSIG0(x) XOR3(ROR32((x), 7), ROR32((x), 18), _mm256_srli_epi32((x), 3))
#define SV_SSIG1(x) XOR3(ROR32((x), 17), ROR32((x), 19), _mm256_srli_epi32((x), 10))
#include "sha2_lanes_body.h"
#undef SX_FN
#undef SX_WORD
#undef SX_ROUNDS
#undef SN
#undef SV_BCAST
#undef SV_ADD
#undef SV_BSIG0
#undef SV_BSIG1
#undef SV_SSIG0
#undef SV_SSIG1

/* SHA-512, 4 lanes: FIPS 180-4 section 4.1.3. */
#define SX_FN pqs_sha512_x4_avx2
#define SX_WORD uint64_t
#define SX_ROUNDS 80
#define SN 4
#define SV_BCAST(x) _mm256_set1_epi64x((long long)(x))
#define SV_ADD(a, b) _mm256_add_epi64((a), (b))
#define SV_BSIG0(x) XOR3(ROR64((x), 28), ROR64((x), 34), ROR64((x), 39))
#define SV_BSIG1(x) XOR3(ROR64((x), 14), ROR64((x), 18), ROR64((x), 41))
#define SV_SSIG0(x) XOR3(ROR64((x), 1), ROR64((x), 8), _mm256_srli_epi64((x), 7))
#define SV_SSIG1(x) XOR3(ROR64((x), 19), ROR64((x), 61), _mm256_srli_epi64((x), 6))
#include "sha2_lanes_body.h"

int pqs_sha2_lanes_avx2_available(void)
{
    return 1;
}
#else
void pqs_sha256_x8_avx2(uint32_t st[8 * 8], const uint32_t *w, size_t nblocks,
                        const uint32_t k[64])
{
    (void)st, (void)w, (void)nblocks, (void)k;
}

void pqs_sha512_x4_avx2(uint64_t st[8 * 4], const uint64_t *w, size_t nblocks,
                        const uint64_t k[80])
{
    (void)st, (void)w, (void)nblocks, (void)k;
}

int pqs_sha2_lanes_avx2_available(void)
{
    return 0;
}
#endif
