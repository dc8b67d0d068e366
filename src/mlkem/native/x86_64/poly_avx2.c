/* ByteEncode_d / ByteDecode_d, Compress_d / Decompress_d and the message conversions
 * (FIPS 203 §4.2.1, Alg. 5 and 6) with AVX2, 16 coefficients per step. Results are
 * exactly those of mlkem/poly.c and mlkem/compress.c: these are functions of the
 * coefficients, computed exactly (no division, no secret-dependent branch or index).
 *
 * Bit packing of 16 values of d bits: pmaddwd joins pairs (2d bits per 32-bit lane),
 * shifts join those pairs (4d bits per 64-bit lane) and then the two halves of each
 * 128-bit lane, which then holds its d bytes from byte 0; unpacking gathers the two
 * bytes around each value with pshufb and shifts it into place with a multiplication.
 * Where a 16-byte access would pass the end of the buffer (the last one or two blocks),
 * stores are cut to the exact size and loads go through a small local buffer. */
#include "avx2_internal.h"

#if defined(PQS_MLKEM_AVX2)
#include <string.h>

PQS_AVX2_FN void pqs_mlkem_poly_tobytes_avx2(uint8_t r[PQS_MLKEM_POLY_BYTES],
                                             const pqs_mlkem_poly *a)
{
    /* Pairs joined to 24 bits in 32-bit lanes, their 3 low bytes gathered per lane, the
     * two lanes' 12 bytes joined: 24 bytes. */
    const __m256i ctl = _mm256_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1,
                                         0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    const __m256i join = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        __m256i v = pqs_avx2_caddq(pqs_avx2_load16(a->c + 16 * i));
        v = _mm256_madd_epi16(v, _mm256_set1_epi32((1 << 12) << 16 | 1));
        v = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(v, ctl), join);
        _mm_storeu_si128((__m128i *)(r + 24 * i), _mm256_castsi256_si128(v));
        _mm_storel_epi64((__m128i *)(r + 24 * i + 16), _mm256_extracti128_si256(v, 1));
    }
}

PQS_AVX2_FN void pqs_mlkem_poly_frombytes_avx2(pqs_mlkem_poly *r,
                                               const uint8_t a[PQS_MLKEM_POLY_BYTES])
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        /* Values are < 2^12 < 2q: one conditional subtraction of q reduces them. */
        __m256i v = _mm256_sub_epi16(pqs_avx2_decode12(a + 24 * i), V16(PQS_MLKEM_Q));
        pqs_avx2_store16(r->c + 16 * i, pqs_avx2_caddq(v));
    }
}

PQS_AVX2_FN int pqs_mlkem_poly_bytes_canonical_avx2(const uint8_t a[PQS_MLKEM_POLY_BYTES])
{
    __m256i bad = _mm256_setzero_si256();
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++)
        bad = _mm256_or_si256(bad, _mm256_cmpgt_epi16(pqs_avx2_decode12(a + 24 * i),
                                                      V16(PQS_MLKEM_Q - 1)));
    return _mm256_testz_si256(bad, bad);
}

/* Compress_d(x) = round(2^d x / q) mod 2^d for a in (-q, q), x = a mod q. The estimate
 * t = hi(8 x * M) with M = round(2^(d+13) / q) is within 0.21 of 2^d x / q, so it is
 * round(2^d x / q) or one less; the remainder r = 2^d x - t q, exact in 16 bits (it lies
 * in (-q/2, 3q/2)), tells which: t is one short exactly when r > q/2. */
PQS_AVX2_INLINE __m256i compress_d(__m256i a, unsigned d)
{
    const int16_t m = (int16_t)(((1 << (d + 13)) + PQS_MLKEM_Q / 2) / PQS_MLKEM_Q);
    __m256i x = pqs_avx2_caddq(a);
    __m256i t = _mm256_mulhi_epi16(_mm256_slli_epi16(x, 3), V16(m));
    __m256i rem = _mm256_sub_epi16(_mm256_slli_epi16(x, (int)d),
                                   _mm256_mullo_epi16(t, V16(PQS_MLKEM_Q)));
    t = _mm256_sub_epi16(t, _mm256_cmpgt_epi16(rem, V16(PQS_MLKEM_Q / 2)));
    return _mm256_and_si256(t, V16((1 << d) - 1));
}

/* ByteEncode_d of 16 values below 2^d: lane 0 holds bytes 0 .. d-1 of the output and
 * lane 1 bytes d .. 2d-1, each from byte 0 of its lane. */
PQS_AVX2_INLINE __m256i pack_d(__m256i c, unsigned d)
{
    __m256i w = _mm256_madd_epi16(c, _mm256_set1_epi32((1 << d) << 16 | 1));
    __m256i q = _mm256_or_si256(_mm256_and_si256(w, _mm256_set1_epi64x(0xFFFFFFFF)),
                                _mm256_slli_epi64(_mm256_srli_epi64(w, 32), (int)(2 * d)));
    /* 128-bit lanes: lo + hi 2^(4d), split over the two 64-bit halves. */
    __m256i s = _mm256_sllv_epi64(q, _mm256_set_epi64x(4 * d, 0, 4 * d, 0));
    __m256i u = _mm256_srlv_epi64(q, _mm256_set_epi64x(64 - 4 * d, 64, 64 - 4 * d, 64));
    return _mm256_blend_epi32(_mm256_or_si256(s, _mm256_bsrli_epi128(s, 8)), u, 0xCC);
}

PQS_AVX2_INLINE void compress_poly(uint8_t *r, const pqs_mlkem_poly *a, unsigned d)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        __m256i v = pack_d(compress_d(pqs_avx2_load16(a->c + 16 * i), d), d);
        __m128i lo = _mm256_castsi256_si128(v), hi = _mm256_extracti128_si256(v, 1);
        uint8_t *out = r + 2 * d * i;
        if (2 * d * i + d + 16 <= 32 * d) {
            /* Two 16-byte stores; the garbage past 2d bytes is overwritten next. */
            _mm_storeu_si128((__m128i *)out, lo);
            _mm_storeu_si128((__m128i *)(out + d), hi);
        } else {
            pqs_avx2_store_bytes(out, lo, d);
            pqs_avx2_store_bytes(out + d, hi, d);
        }
    }
}

PQS_AVX2_FN void pqs_mlkem_poly_compress_avx2(uint8_t *r, const pqs_mlkem_poly *a, unsigned d)
{
    switch (d) {
    case 4: compress_poly(r, a, 4); break;
    case 5: compress_poly(r, a, 5); break;
    case 10: compress_poly(r, a, 10); break;
    default: compress_poly(r, a, 11); break;
    }
}

/* ByteDecode_d of 2d bytes into 16-bit lanes, for d <= 10: value j of a lane starts at
 * bit d j, in bytes b = d j / 8 and b + 1 (s = d j mod 8 and s + d <= 16); multiplying
 * by 2^(16 - d - s) moves it to the top bits, and a shift brings it down. The pshufb
 * controls and multipliers are the constants of each d below. */
PQS_AVX2_INLINE __m256i unpack_d(__m256i v, unsigned d)
{
    __m256i ctl, mul;
    switch (d) {
    case 4:
        ctl = _mm256_setr_epi8(0, 1, 0, 1, 1, 2, 1, 2, 2, 3, 2, 3, 3, 4, 3, 4,
                               0, 1, 0, 1, 1, 2, 1, 2, 2, 3, 2, 3, 3, 4, 3, 4);
        mul = _mm256_setr_epi16(1 << 12, 1 << 8, 1 << 12, 1 << 8, 1 << 12, 1 << 8, 1 << 12,
                                1 << 8, 1 << 12, 1 << 8, 1 << 12, 1 << 8, 1 << 12, 1 << 8,
                                1 << 12, 1 << 8);
        break;
    case 5:
        /* offsets 0, 5, 10, ..., 35: bytes 0 0 1 1 2 3 3 4, shifts 0 5 2 7 4 1 6 3 */
        ctl = _mm256_setr_epi8(0, 1, 0, 1, 1, 2, 1, 2, 2, 3, 3, 4, 3, 4, 4, 5,
                               0, 1, 0, 1, 1, 2, 1, 2, 2, 3, 3, 4, 3, 4, 4, 5);
        mul = _mm256_setr_epi16(1 << 11, 1 << 6, 1 << 9, 1 << 4, 1 << 7, 1 << 10, 1 << 5,
                                1 << 8, 1 << 11, 1 << 6, 1 << 9, 1 << 4, 1 << 7, 1 << 10,
                                1 << 5, 1 << 8);
        break;
    default:
        /* d = 10: offsets 0, 10, ..., 70: bytes 0 1 2 3 5 6 7 8, shifts 0 2 4 6 0 2 4 6 */
        ctl = _mm256_setr_epi8(0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9,
                               0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9);
        mul = _mm256_setr_epi16(1 << 6, 1 << 4, 1 << 2, 1 << 0, 1 << 6, 1 << 4, 1 << 2, 1 << 0,
                                1 << 6, 1 << 4, 1 << 2, 1 << 0, 1 << 6, 1 << 4, 1 << 2, 1 << 0);
        break;
    }
    __m256i x = _mm256_mullo_epi16(_mm256_shuffle_epi8(v, ctl), mul);
    return _mm256_srli_epi16(x, (int)(16 - d));
}

/* ByteDecode_11 in 32-bit lanes (a value may span three bytes): value j of a lane
 * starts at bit 11 j, in the 4 bytes from 11 j / 8; shifted by 11 j mod 8 and masked.
 * packus puts values 0-3 and 4-7 of each lane back in order. */
PQS_AVX2_INLINE __m256i unpack_11(__m256i v)
{
    const __m256i ctl_a = _mm256_setr_epi8(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 4, 5, 6, 7,
                                           0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 4, 5, 6, 7);
    const __m256i ctl_b = _mm256_setr_epi8(5, 6, 7, 8, 6, 7, 8, 9, 8, 9, 10, 11, 9, 10, 11, 12,
                                           5, 6, 7, 8, 6, 7, 8, 9, 8, 9, 10, 11, 9, 10, 11, 12);
    const __m256i mask = _mm256_set1_epi32(0x7FF);
    __m256i a = _mm256_srlv_epi32(_mm256_shuffle_epi8(v, ctl_a),
                                  _mm256_setr_epi32(0, 3, 6, 1, 0, 3, 6, 1));
    __m256i b = _mm256_srlv_epi32(_mm256_shuffle_epi8(v, ctl_b),
                                  _mm256_setr_epi32(4, 7, 2, 5, 4, 7, 2, 5));
    return _mm256_packus_epi32(_mm256_and_si256(a, mask), _mm256_and_si256(b, mask));
}

PQS_AVX2_INLINE void decompress_poly(pqs_mlkem_poly *r, const uint8_t *a, unsigned d)
{
    uint8_t tmp[48];
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        const uint8_t *p = a + 2 * d * i;
        if (2 * d * i + d + 16 > 32 * d) {   /* the loads would pass the end */
            memset(tmp, 0, sizeof tmp);
            memcpy(tmp, p, 2 * d);
            p = tmp;
        }
        __m256i v = pqs_avx2_load_lanes(p, d);
        __m256i y = d == 11 ? unpack_11(v) : unpack_d(v, d);
        /* Decompress_d(y) = (q y + 2^(d-1)) >> d = pmulhrsw(y 2^(15-d), q). */
        pqs_avx2_store16(r->c + 16 * i,
                _mm256_mulhrs_epi16(_mm256_slli_epi16(y, (int)(15 - d)), V16(PQS_MLKEM_Q)));
    }
}

PQS_AVX2_FN void pqs_mlkem_poly_decompress_avx2(pqs_mlkem_poly *r, const uint8_t *a, unsigned d)
{
    switch (d) {
    case 4: decompress_poly(r, a, 4); break;
    case 5: decompress_poly(r, a, 5); break;
    case 10: decompress_poly(r, a, 10); break;
    default: decompress_poly(r, a, 11); break;
    }
}

PQS_AVX2_FN void pqs_mlkem_poly_frommsg_avx2(pqs_mlkem_poly *r,
                                             const uint8_t m[PQS_MLKEM_SYM_BYTES])
{
    const __m256i bit = _mm256_setr_epi16(1 << 0, 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 5,
                                          1 << 6, 1 << 7, 1 << 8, 1 << 9, 1 << 10, 1 << 11,
                                          1 << 12, 1 << 13, 1 << 14, (int16_t)0x8000);
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        /* 16 message bits in every lane; lane j keeps bit j as a mask, then 1665. */
        __m256i w = _mm256_set1_epi16((int16_t)(m[2 * i] | m[2 * i + 1] << 8));
        __m256i on = _mm256_cmpeq_epi16(_mm256_and_si256(w, bit), bit);
        pqs_avx2_store16(r->c + 16 * i, _mm256_and_si256(on, V16((PQS_MLKEM_Q + 1) / 2)));
    }
}

PQS_AVX2_FN void pqs_mlkem_poly_tomsg_avx2(uint8_t m[PQS_MLKEM_SYM_BYTES], const pqs_mlkem_poly *a)
{
    /* Compress_1(x) = 1 exactly for x in [833, 2496] (q/4 < x < 3q/4). The masks of 32
     * coefficients are packed to bytes and their sign bits collected by pmovmskb. */
    for (unsigned i = 0; i < PQS_MLKEM_N / 32; i++) {
        __m256i x0 = pqs_avx2_caddq(pqs_avx2_load16(a->c + 32 * i));
        __m256i x1 = pqs_avx2_caddq(pqs_avx2_load16(a->c + 32 * i + 16));
        __m256i b0 = _mm256_and_si256(_mm256_cmpgt_epi16(x0, V16(832)),
                                      _mm256_cmpgt_epi16(V16(2497), x0));
        __m256i b1 = _mm256_and_si256(_mm256_cmpgt_epi16(x1, V16(832)),
                                      _mm256_cmpgt_epi16(V16(2497), x1));
        __m256i p = _mm256_permute4x64_epi64(_mm256_packs_epi16(b0, b1), 0xD8);
        uint32_t bits = (uint32_t)_mm256_movemask_epi8(p);
        m[4 * i] = (uint8_t)bits;
        m[4 * i + 1] = (uint8_t)(bits >> 8);
        m[4 * i + 2] = (uint8_t)(bits >> 16);
        m[4 * i + 3] = (uint8_t)(bits >> 24);
    }
}

#endif
