/* SHA-256 compression with the x86 SHA extensions (Intel SHA-NI: SHA256RNDS2,
 * SHA256MSG1, SHA256MSG2). The state is kept as the register pair ABEF / CDGH the
 * round instruction expects; each 4-word group of the message schedule is
 * W[t..t+3] = MSG2(MSG1(W[t-16..], W[t-12..]) + W[t-7..t-4], W[t-4..t-1])
 * (FIPS 180-4 section 6.2.2 step 1, four words at a time). Compiled for the SHA
 * target only inside this function; callers reach it through the dispatch in
 * sha256.c, which checks CPUID first. Data-independent timing like the portable code. */
#include "hash/native/x86_64/sha256_shani.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

SHANI_TARGET
void pqs_sha256_compress_shani(uint32_t h[8], const uint8_t *blocks, size_t nblocks,
                               const uint32_t k[64])
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    while (nblocks-- > 0) {
        __m128i abef_in = abef, cdgh_in = cdgh, m[4];
        for (int g = 0; g < 16; g++) {
            if (g < 4) {
                m[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * g)), bswap);
            } else {
                __m128i w7 = _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4);
                __m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]), w7);
                m[g & 3] = _mm_sha256msg2_epu32(t, m[(g + 3) & 3]);
            }
            __m128i wk = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&k[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
        blocks += 64;
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

int pqs_sha256_shani_available(void)
{
    return 1;
}
#else
void pqs_sha256_compress_shani(uint32_t h[8], const uint8_t *blocks, size_t nblocks,
                               const uint32_t k[64])
{
    (void)h, (void)blocks, (void)nblocks, (void)k;
}

int pqs_sha256_shani_available(void)
{
    return 0;
}
#endif
