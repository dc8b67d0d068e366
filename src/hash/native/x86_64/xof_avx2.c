/* Lane-sliced to contiguous: see xof_avx2.h. A 4 x 4 block of words (4 words of 4
 * lanes) is 4 loads, a transpose of 64-bit elements (unpack, then swap 128-bit halves)
 * and 4 stores; the last words (fewer than 4) are copied one by one. */
#include "xof_avx2.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#include <string.h>

int pqs_xof_extract_avx2_available(void)
{
    return 1;
}

__attribute__((target("avx2"))) void pqs_xof_extract_avx2(uint8_t (*out)[PQS_XOF_BLOCK_MAX],
                                                           const uint64_t *s, unsigned lanes,
                                                           unsigned words)
{
    unsigned i = 0;
    for (; i + 4 <= words; i += 4) {
        __m256i r0 = _mm256_loadu_si256((const __m256i *)(s + (i + 0) * lanes));
        __m256i r1 = _mm256_loadu_si256((const __m256i *)(s + (i + 1) * lanes));
        __m256i r2 = _mm256_loadu_si256((const __m256i *)(s + (i + 2) * lanes));
        __m256i r3 = _mm256_loadu_si256((const __m256i *)(s + (i + 3) * lanes));
        __m256i t0 = _mm256_unpacklo_epi64(r0, r1), t1 = _mm256_unpackhi_epi64(r0, r1);
        __m256i t2 = _mm256_unpacklo_epi64(r2, r3), t3 = _mm256_unpackhi_epi64(r2, r3);
        _mm256_storeu_si256((__m256i *)(out[0] + 8 * i), _mm256_permute2x128_si256(t0, t2, 0x20));
        _mm256_storeu_si256((__m256i *)(out[1] + 8 * i), _mm256_permute2x128_si256(t1, t3, 0x20));
        _mm256_storeu_si256((__m256i *)(out[2] + 8 * i), _mm256_permute2x128_si256(t0, t2, 0x31));
        _mm256_storeu_si256((__m256i *)(out[3] + 8 * i), _mm256_permute2x128_si256(t1, t3, 0x31));
    }
    for (; i < words; i++) {
        for (unsigned l = 0; l < 4; l++)
            memcpy(out[l] + 8 * i, &s[i * lanes + l], 8);
    }
}
#else
int pqs_xof_extract_avx2_available(void)
{
    return 0;
}

void pqs_xof_extract_avx2(uint8_t (*out)[PQS_XOF_BLOCK_MAX], const uint64_t *s, unsigned lanes,
                          unsigned words)
{
    (void)out, (void)s, (void)lanes, (void)words;
}
#endif
