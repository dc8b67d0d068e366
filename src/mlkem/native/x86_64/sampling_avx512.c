/* Rejection sampling of SampleNTT (FIPS 203 Alg. 7, steps 4-14) with AVX-512 F/VL/BW;
 * results identical to mlkem/sampling.c.
 *
 * 48 bytes of public XOF output give 32 candidates of 12 bits in one register; one
 * comparison gives a 32-bit mask of the accepted ones, and vpcompressd (AVX-512F)
 * moves the accepted ones of each half to the front, widened to 32 bits and narrowed
 * back (with VBMI2, vpcompressw does it for all 32 at once: the second version). A
 * masked store appends them and never writes past the 256 coefficients, so the last
 * block needs no scalar tail: a short step loads only the bytes that exist and masks
 * off the candidates beyond them. */
#include "avx2_internal.h"

#if defined(PQS_MLKEM_AVX2)
#include "mlkem/sampling.h"

#define AVX512_FN __attribute__((target("avx2,avx512f,avx512vl,avx512bw")))
#define AVX512_INLINE static inline __attribute__((target("avx2,avx512f,avx512vl,avx512bw"), \
                                                          always_inline))

/* ByteDecode_12 of nb <= 48 bytes (Alg. 7 steps 5-6: d1 from bytes 3j, 3j+1; d2 from
 * 3j+1, 3j+2): 128-bit lane k takes bytes 12k .. 12k+11 (dwords 3k .. 3k+2), then the
 * byte shuffle and shifts of pqs_avx2_decode12 within each lane. Reads p[0 .. nb-1]. */
AVX512_INLINE __m512i decode12_x32(const uint8_t *p, unsigned nb)
{
    const __m512i idx = _mm512_setr_epi32(0, 1, 2, 0, 3, 4, 5, 0, 6, 7, 8, 0, 9, 10, 11, 0);
    const __m512i ctl = _mm512_broadcast_i32x4(
        _mm_setr_epi8(0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 11));
    __m512i x = _mm512_maskz_loadu_epi8((__mmask64)((1ull << nb) - 1), p);
    x = _mm512_shuffle_epi8(_mm512_permutexvar_epi32(idx, x), ctl);
    return _mm512_mask_blend_epi16(0xAAAAAAAAu, _mm512_and_si512(x, _mm512_set1_epi16(0x0FFF)),
                                   _mm512_srli_epi16(x, 4));
}

/* The accepted candidates of v (16 values, selected by ok) moved to the front. */
AVX512_INLINE __m256i compress16(__m256i v, __mmask16 ok)
{
    return _mm512_cvtepi32_epi16(_mm512_maskz_compress_epi32(ok, _mm512_cvtepu16_epi32(v)));
}

/* Appends the candidates of v selected by ok, in order, to a[ctr ..], stopping at 256
 * (a masked store: nothing past a[255] is written); returns the new count. */
AVX512_INLINE unsigned append16(int16_t *a, unsigned ctr, __m256i v, __mmask16 ok)
{
    unsigned n = (unsigned)__builtin_popcount(ok);
    unsigned room = PQS_MLKEM_N - ctr;
    n = n < room ? n : room;
    _mm256_mask_storeu_epi16(a + ctr, (__mmask16)((1u << n) - 1), compress16(v, ok));
    return ctr + n;
}

/* The accepted candidates of 48 bytes (public XOF output). */
AVX512_INLINE __mmask32 accepted(__m512i v)
{
    return _mm512_cmplt_epu16_mask(v, _mm512_set1_epi16(PQS_MLKEM_Q));
}

/* One step on nb <= 48 bytes (a multiple of 3 is used; a partial group is ignored, as
 * in the portable loop). */
AVX512_INLINE unsigned step(int16_t *a, unsigned ctr, const uint8_t *p, unsigned nb)
{
    __m512i v = decode12_x32(p, nb);
    __mmask32 ok = accepted(v) & (__mmask32)((1ull << (2 * (nb / 3))) - 1);
    ctr = append16(a, ctr, _mm512_castsi512_si256(v), (__mmask16)ok);
    return append16(a, ctr, _mm512_extracti64x4_epi64(v, 1), (__mmask16)(ok >> 16));
}

/* With VBMI2, vpcompressw moves the accepted 16-bit candidates of all 32 lanes to the
 * front at once: one compress and one store per 48 bytes. */
#define VBMI2_FN __attribute__((target("avx2,avx512f,avx512vl,avx512bw,avx512vbmi2")))

VBMI2_FN unsigned pqs_mlkem_rej_uniform_avx512vbmi2(int16_t *a, unsigned ctr,
                                                    const uint8_t *buf, size_t len)
{
    size_t pos = 0;
    /* While 32 slots are free, whole stores (the lanes past the accepted ones are
     * overwritten later); then masked stores that stop at a[255]. */
    for (; pos + 48 <= len && ctr + 32 <= PQS_MLKEM_N; pos += 48) {
        __m512i v = decode12_x32(buf + pos, 48);
        __mmask32 ok = accepted(v);
        _mm512_storeu_si512((void *)(a + ctr), _mm512_maskz_compress_epi16(ok, v));
        ctr += (unsigned)__builtin_popcount(ok);
    }
    for (; pos < len && ctr < PQS_MLKEM_N; pos += 48) {
        unsigned nb = len - pos < 48 ? (unsigned)(len - pos) : 48;
        __m512i v = decode12_x32(buf + pos, nb);
        __mmask32 ok = accepted(v) & (__mmask32)((1ull << (2 * (nb / 3))) - 1);
        unsigned n = (unsigned)__builtin_popcount(ok), room = PQS_MLKEM_N - ctr;
        n = n < room ? n : room;
        _mm512_mask_storeu_epi16(a + ctr, (__mmask32)((1ull << n) - 1),
                                 _mm512_maskz_compress_epi16(ok, v));
        ctr += n;
    }
    return ctr;
}

AVX512_FN unsigned pqs_mlkem_rej_uniform_avx512(int16_t *a, unsigned ctr, const uint8_t *buf,
                                                size_t len)
{
    size_t pos = 0;
    /* While 32 slots are free, whole 16-lane stores (the lanes past the accepted ones
     * are overwritten later): the count then only adds popcounts. */
    for (; pos + 48 <= len && ctr + 32 <= PQS_MLKEM_N; pos += 48) {
        __m512i v = decode12_x32(buf + pos, 48);
        __mmask32 ok = accepted(v);
        __m256i lo = compress16(_mm512_castsi512_si256(v), (__mmask16)ok);
        __m256i hi = compress16(_mm512_extracti64x4_epi64(v, 1), (__mmask16)(ok >> 16));
        unsigned nlo = (unsigned)__builtin_popcount(ok & 0xFFFFu);
        _mm256_storeu_si256((__m256i *)(a + ctr), lo);
        _mm256_storeu_si256((__m256i *)(a + ctr + nlo), hi);
        ctr += (unsigned)__builtin_popcount(ok);
    }
    for (; pos + 48 <= len && ctr < PQS_MLKEM_N; pos += 48)
        ctr = step(a, ctr, buf + pos, 48);
    if (pos < len && ctr < PQS_MLKEM_N)
        ctr = step(a, ctr, buf + pos, (unsigned)(len - pos));
    return ctr;
}

#endif
