/* The arithmetic of RejNTTPoly (FIPS 204 Algorithm 30, with CoeffFromThreeBytes,
 * Algorithm 14) with AVX-512; results identical to mldsa/sample.c. 16 candidates of 3
 * bytes per step: one masked load of 48 bytes, vpermd and vpshufb give each 32-bit lane
 * its 3 bytes, the top bit is cleared, and vpcompressd moves the candidates below q to
 * the front. The samples and the acceptance mask are public (A-hat is derived from rho);
 * the tail goes to the AVX2 code. */
#include "avx2_internal.h"
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512) && defined(PQS_MLDSA_AVX2)

#define N PQS_MLDSA_N

static unsigned count16(unsigned m)
{
    m = m - ((m >> 1) & 0x5555);
    m = (m & 0x3333) + ((m >> 2) & 0x3333);
    m = (m + (m >> 4)) & 0x0F0F;
    return (m + (m >> 8)) & 0x1F;
}

PQS_AVX512_FN unsigned pqs_mldsa_rej_uniform_avx512(int32_t *a, unsigned ctr, const uint8_t *buf,
                                                    size_t len)
{
    /* 128-bit lane i holds candidates 4i .. 4i+3, bytes 12i .. 12i+11: dwords 3i .. 3i+3. */
    const __m512i perm = _mm512_setr_epi32(0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12);
    const __m512i ctl = _mm512_broadcast_i32x4(
        _mm_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1));
    const __m512i low23 = Z32(0x7FFFFF), q = Z32(PQS_MLDSA_Q);
    size_t pos = 0;
    for (; pos + 48 <= len && ctr + 16 <= N; pos += 48) {
        __m512i v = _mm512_maskz_loadu_epi8(((__mmask64)1 << 48) - 1, buf + pos);
        v = _mm512_and_si512(_mm512_shuffle_epi8(_mm512_permutexvar_epi32(perm, v), ctl), low23);
        __mmask16 ok = _mm512_cmplt_epi32_mask(v, q);
        pqs_z_store(a + ctr, _mm512_maskz_compress_epi32(ok, v));
        ctr += count16(ok);
    }
    return pqs_mldsa_rej_uniform_avx2(a, ctr, buf + pos, len - pos);
}

#endif
