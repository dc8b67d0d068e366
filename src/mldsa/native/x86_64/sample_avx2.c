/* The arithmetic of RejNTTPoly and RejBoundedPoly (FIPS 204 Algorithms 30, 31) with
 * AVX2; results identical to mldsa/sample.c.
 *
 * Rejection: 8 candidates per register, their acceptance as an 8-bit mask, and a table
 * indexed by that mask (public: FIPS 204 section 3.6.3) gives the vpermd indices that
 * move the accepted ones to the front; one store appends them. */
#include "avx2_internal.h"

#if defined(PQS_MLDSA_AVX2)
#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "mldsa/sample.h"
#include "pqsafe/common.h"

#define N PQS_MLDSA_N

/* For each 8-bit mask: the lanes whose bit is set, in order, and how many. */
static struct {
    uint8_t idx[256][8];
    uint8_t count[256];
} g_rej __attribute__((aligned(16)));

void pqs_mldsa_avx2_sample_init(void)
{
    for (unsigned m = 0; m < 256; m++) {
        unsigned k = 0;
        memset(g_rej.idx[m], 0, 8);
        for (unsigned j = 0; j < 8; j++) {
            if ((m >> j) & 1)
                g_rej.idx[m][k++] = (uint8_t)j;
        }
        g_rej.count[m] = (uint8_t)k;
    }
}

/* The accepted lanes of v (mask m) appended at a + ctr; 8 lanes are written. */
PQS_AVX2_INLINE unsigned append(int32_t *a, unsigned ctr, __m256i v, unsigned m)
{
    __m256i idx = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)g_rej.idx[m]));
    pqs_avx2_store(a + ctr, _mm256_permutevar8x32_epi32(v, idx));
    return ctr + g_rej.count[m];
}

PQS_AVX2_FN unsigned pqs_mldsa_rej_uniform_avx2(int32_t *a, unsigned ctr, const uint8_t *buf,
                                                size_t len)
{
    /* 24 bytes: candidates 0-3 from bytes 0-11 (lane 0), 4-7 from bytes 12-23, which are
     * bytes 4-15 of the load at p + 8; 3 bytes each, top bit cleared (Algorithm 14). */
    const __m256i ctl = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1,
                                         4, 5, 6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15, -1);
    size_t pos = 0;
    for (; pos + 24 <= len && ctr + 8 <= N; pos += 24) {
        __m256i v = _mm256_and_si256(_mm256_shuffle_epi8(pqs_avx2_load_lanes(buf + pos, 8), ctl),
                                     V32(0x7FFFFF));
        __m256i ok = _mm256_cmpgt_epi32(V32(PQS_MLDSA_Q), v);
        ctr = append(a, ctr, v, (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(ok)));
    }
    return pqs_mldsa_rej_uniform(a, ctr, buf + pos, len - pos);
}

/* 16 nibbles of 8 bytes in stream order (low nibble first) as bytes. */
PQS_AVX2_INLINE __m128i nibbles(const uint8_t *p)
{
    const __m128i m = _mm_set1_epi8(0x0F);
    __m128i t = _mm_loadl_epi64((const __m128i *)p);
    return _mm_unpacklo_epi8(_mm_and_si128(t, m), _mm_and_si128(_mm_srli_epi16(t, 4), m));
}

/* Algorithm 31 on up to 136 bytes. As in the portable code, the accept bits of the
 * whole block are computed first and declassified together; then the values (secret,
 * from a pshufb table of CoeffFromHalfByte, Algorithm 15) are compacted 8 at a time. */
PQS_AVX2_FN unsigned pqs_mldsa_rej_eta_avx2(int32_t *a, unsigned ctr, const uint8_t *buf,
                                            size_t len, unsigned eta)
{
    const __m128i bound = _mm_set1_epi8(eta == 2 ? 15 : 9);
    const __m128i lut = eta == 2
        ? _mm_setr_epi8(2, 1, 0, -1, -2, 2, 1, 0, -1, -2, 2, 1, 0, -1, -2, 0)
        : _mm_setr_epi8(4, 3, 2, 1, 0, -1, -2, -3, -4, 0, 0, 0, 0, 0, 0, 0);
    uint16_t ok[PQS_SHAKE256_RATE / 8];
    size_t groups = len / 8, g = 0;
    for (size_t i = 0; i < groups; i++)
        ok[i] = (uint16_t)_mm_movemask_epi8(_mm_cmpgt_epi8(bound, nibbles(buf + 8 * i)));
    PQS_CT_DECLASSIFY(ok, sizeof ok[0] * groups);
    for (; g < groups && ctr + 16 <= N; g++) {
        __m128i v = _mm_shuffle_epi8(lut, nibbles(buf + 8 * g));
        ctr = append(a, ctr, _mm256_cvtepi8_epi32(v), ok[g] & 0xFF);
        ctr = append(a, ctr, _mm256_cvtepi8_epi32(_mm_srli_si128(v, 8)), ok[g] >> 8);
    }
    /* The rest (the last few coefficients, or a tail under 8 bytes) as the portable
     * code does it. */
    return pqs_mldsa_rej_eta(a, ctr, buf + 8 * g, len - 8 * g, eta);
}

#endif
