/* The arithmetic of SampleNTT and SamplePolyCBD (FIPS 203 Alg. 7 and 8) with AVX2;
 * results identical to mlkem/sampling.c.
 *
 * Rejection sampling (Alg. 7) on public XOF output: 24 bytes give 16 candidates of 12
 * bits; the comparison with q gives one 8-bit mask per 128-bit lane, and that mask
 * (public) indexes a table of pshufb controls that move the accepted candidates to the
 * front, which one store then appends. */
#include "avx2_internal.h"

#if defined(PQS_MLKEM_AVX2)
#include <string.h>

#include "mlkem/sampling.h"
#include "pqsafe/common.h"

/* For each 8-bit mask: the pshufb control gathering the 16-bit lanes whose bit is set,
 * in order, and how many there are. */
static struct {
    uint8_t shuf[256][16];
    uint8_t count[256];
} g_rej __attribute__((aligned(16)));

void pqs_mlkem_avx2_sampling_init(void)
{
    for (unsigned m = 0; m < 256; m++) {
        unsigned k = 0;
        memset(g_rej.shuf[m], 0x80, 16);
        for (unsigned j = 0; j < 8; j++) {
            if ((m >> j) & 1) {
                g_rej.shuf[m][2 * k] = (uint8_t)(2 * j);
                g_rej.shuf[m][2 * k + 1] = (uint8_t)(2 * j + 1);
                k++;
            }
        }
        g_rej.count[m] = (uint8_t)k;
    }
}

/* Appends the lanes of v selected by mask (in order) to a[ctr ..], at most 256 in all.
 * Away from the end one 16-byte store writes them (and junk after them, overwritten
 * later); near the end they go through a buffer, so nothing is written past a[255]. */
PQS_AVX2_INLINE unsigned append(int16_t *a, unsigned ctr, __m128i v, unsigned mask)
{
    __m128i ctl = _mm_load_si128((const __m128i *)g_rej.shuf[mask]);
    unsigned n = g_rej.count[mask];
    if (ctr + 8 <= PQS_MLKEM_N) {
        _mm_storeu_si128((__m128i *)(a + ctr), _mm_shuffle_epi8(v, ctl));
        return ctr + n;
    }
    int16_t tmp[8];
    unsigned room = PQS_MLKEM_N - ctr;
    n = n < room ? n : room;
    _mm_storeu_si128((__m128i *)tmp, _mm_shuffle_epi8(v, ctl));
    memcpy(a + ctr, tmp, n * sizeof tmp[0]);
    return ctr + n;
}

PQS_AVX2_FN unsigned pqs_mlkem_rej_uniform_avx2(int16_t *a, unsigned ctr, const uint8_t *buf,
                                                size_t len)
{
    size_t pos = 0;
    for (; pos + 24 <= len && ctr < PQS_MLKEM_N; pos += 24) {
        __m256i v = pqs_avx2_decode12(buf + pos);
        __m256i ok = _mm256_cmpgt_epi16(V16(PQS_MLKEM_Q), v);
        unsigned bits = (unsigned)_mm256_movemask_epi8(_mm256_packs_epi16(ok, ok));
        ctr = append(a, ctr, _mm256_castsi256_si128(v), bits & 0xFF);
        ctr = append(a, ctr, _mm256_extracti128_si256(v, 1), (bits >> 16) & 0xFF);
    }
    /* A last partial step (len not a multiple of 24), 3 bytes at a time as the portable
     * code does it; SHAKE128 blocks (168 bytes) never have one. */
    return pqs_mlkem_rej_uniform(a, ctr, buf + pos, len - pos);
}

/* Alg. 8, eta = 2: per byte, the 2-bit fields of d = (t & 0x55) + ((t >> 1) & 0x55) are
 * the sums of bit pairs; coefficient 2i is field 0 minus field 1 of byte i, 2i+1 is
 * field 2 minus field 3. 16 bytes give 32 coefficients. */
PQS_AVX2_INLINE void cbd2(pqs_mlkem_poly *r, const uint8_t *buf)
{
    const __m128i m55 = _mm_set1_epi8(0x55), m3 = _mm_set1_epi8(3);
    for (unsigned i = 0; i < 8; i++) {
        __m128i t = _mm_loadu_si128((const __m128i *)(buf + 16 * i));
        __m128i d = _mm_add_epi8(_mm_and_si128(t, m55), _mm_and_si128(_mm_srli_epi16(t, 1), m55));
        __m128i lo = _mm_sub_epi8(_mm_and_si128(d, m3), _mm_and_si128(_mm_srli_epi16(d, 2), m3));
        __m128i hi = _mm_sub_epi8(_mm_and_si128(_mm_srli_epi16(d, 4), m3),
                                  _mm_and_si128(_mm_srli_epi16(d, 6), m3));
        _mm256_storeu_si256((__m256i *)(r->c + 32 * i),
                            _mm256_cvtepi8_epi16(_mm_unpacklo_epi8(lo, hi)));
        _mm256_storeu_si256((__m256i *)(r->c + 32 * i + 16),
                            _mm256_cvtepi8_epi16(_mm_unpackhi_epi8(lo, hi)));
    }
}

/* Alg. 8, eta = 3: every 3 bytes give 4 coefficients of 6 bits (3 bits for x, 3 for y).
 * 16-bit lane j of 8 takes the two bytes around bit 6j of its 6-byte half, a multiply
 * moves the 6 bits to the top and a shift brings them down; then the bits of x and y
 * are summed in place as in the portable code. 12 bytes give 16 coefficients. */
PQS_AVX2_INLINE void cbd3(pqs_mlkem_poly *r, const uint8_t *buf)
{
    const __m256i ctl = _mm256_setr_epi8(0, 1, 0, 1, 1, 2, 2, 3, 3, 4, 3, 4, 4, 5, 5, 6,
                                         0, 1, 0, 1, 1, 2, 2, 3, 3, 4, 3, 4, 4, 5, 5, 6);
    const __m256i mul = _mm256_setr_epi16(1 << 10, 1 << 4, 1 << 6, 1 << 8, 1 << 10, 1 << 4,
                                          1 << 6, 1 << 8, 1 << 10, 1 << 4, 1 << 6, 1 << 8,
                                          1 << 10, 1 << 4, 1 << 6, 1 << 8);
    uint8_t tmp[32];
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        const uint8_t *p = buf + 12 * i;
        if (12 * i + 6 + 16 > 64 * 3) {   /* the loads would pass the end */
            memset(tmp, 0, sizeof tmp);
            memcpy(tmp, p, 12);
            p = tmp;
        }
        __m128i lo = _mm_loadu_si128((const __m128i *)p);
        __m128i hi = _mm_loadu_si128((const __m128i *)(p + 6));
        __m256i x = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
        __m256i f = _mm256_srli_epi16(_mm256_mullo_epi16(_mm256_shuffle_epi8(x, ctl), mul), 10);
        __m256i d = _mm256_and_si256(f, V16(0x9));
        d = _mm256_add_epi16(d, _mm256_and_si256(_mm256_srli_epi16(f, 1), V16(0x9)));
        d = _mm256_add_epi16(d, _mm256_and_si256(_mm256_srli_epi16(f, 2), V16(0x9)));
        __m256i c = _mm256_sub_epi16(_mm256_and_si256(d, V16(3)), _mm256_srli_epi16(d, 3));
        _mm256_storeu_si256((__m256i *)(r->c + 16 * i), c);
    }
    pqs_wipe(tmp, sizeof tmp);
}

PQS_AVX2_FN void pqs_mlkem_cbd_avx2(pqs_mlkem_poly *r, const uint8_t *buf, unsigned eta)
{
    if (eta == 2)
        cbd2(r, buf);
    else
        cbd3(r, buf);
}

#endif
