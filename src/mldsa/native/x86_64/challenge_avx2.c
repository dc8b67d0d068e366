/* Multiplication by the sparse challenge c (see mldsa/challenge.h) with AVX2. In
 * Z[X]/(X^256 + 1), coefficient j of X^p s is s[j - p] for j >= p and -s[j - p + 256]
 * below: with e = [-s | s] (512 entries) it is e[256 + j - p], so each term of c adds
 * (or subtracts) one unaligned run of e to the output. Output blocks are accumulated in
 * registers over all tau terms, then stored once. The positions are public (c is), the
 * values secret; exact integer sums, as in the portable code. */
#include "avx2_internal.h"

#if defined(PQS_MLDSA_AVX2)
#include "pqsafe/common.h"

#define N PQS_MLDSA_N

/* The challenge's positions split by sign. */
typedef struct {
    unsigned np, nm;
    unsigned plus[PQS_MLDSA_TAU_MAX], minus[PQS_MLDSA_TAU_MAX];
} split_terms;

static void split(split_terms *t, const pqs_mldsa_challenge *c)
{
    t->np = t->nm = 0;
    for (unsigned k = 0; k < c->n; k++) {
        if (c->neg[k])
            t->minus[t->nm++] = c->pos[k];
        else
            t->plus[t->np++] = c->pos[k];
    }
}

/* c s for |s_i| <= eta <= 4, in 8-bit lanes: the whole product is 8 registers, and
 * each term of c is 8 loads. The terms are summed in groups of at most 31, so a
 * partial sum stays within 31 * 4 < 128 and is exact in 8 bits; the groups are added
 * in 32 bits into r. */
#define GROUP 31

PQS_AVX2_INLINE void acc_terms(__m256i acc[8], const int8_t *e, const unsigned *pos, unsigned n,
                               int sub)
{
    for (unsigned k = 0; k < n; k++) {
        const int8_t *src = e + N - pos[k];
        for (unsigned b = 0; b < 8; b++) {
            __m256i v = _mm256_loadu_si256((const __m256i *)(src + 32 * b));
            acc[b] = sub ? _mm256_sub_epi8(acc[b], v) : _mm256_add_epi8(acc[b], v);
        }
    }
}

PQS_AVX2_FN void pqs_mldsa_challenge_mul_small_avx2(pqs_mldsa_poly *r,
                                                    const pqs_mldsa_challenge *c,
                                                    const pqs_mldsa_spoly *s)
{
    int8_t e[2 * N];
    split_terms t;
    split(&t, c);
    for (unsigned i = 0; i < N; i += 32) {
        __m256i lo = _mm256_loadu_si256((const __m256i *)(s->c + i));
        __m256i hi = _mm256_loadu_si256((const __m256i *)(s->c + i + 16));
        __m256i v = _mm256_permute4x64_epi64(_mm256_packs_epi16(lo, hi), 0xD8);
        _mm256_storeu_si256((__m256i *)(e + N + i), v);
        _mm256_storeu_si256((__m256i *)(e + i), _mm256_sub_epi8(_mm256_setzero_si256(), v));
    }
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(r->c + i, _mm256_setzero_si256());
    for (unsigned done = 0; done < t.np + t.nm; done += GROUP) {
        /* terms [done, done + GROUP) of plus followed by minus */
        __m256i acc[8];
        for (unsigned b = 0; b < 8; b++)
            acc[b] = _mm256_setzero_si256();
        unsigned end = done + GROUP < t.np + t.nm ? done + GROUP : t.np + t.nm;
        unsigned p0 = done < t.np ? done : t.np, p1 = end < t.np ? end : t.np;
        acc_terms(acc, e, t.plus + p0, p1 - p0, 0);
        unsigned m0 = done > t.np ? done - t.np : 0, m1 = end > t.np ? end - t.np : 0;
        acc_terms(acc, e, t.minus + m0, m1 - m0, 1);
        for (unsigned b = 0; b < 8; b++) {
            for (unsigned q = 0; q < 4; q++) {
                __m128i part = q < 2 ? _mm256_castsi256_si128(acc[b])
                                     : _mm256_extracti128_si256(acc[b], 1);
                __m256i w = _mm256_cvtepi8_epi32(q % 2 ? _mm_srli_si128(part, 8) : part);
                int32_t *out = r->c + 32 * b + 8 * q;
                pqs_avx2_store(out, _mm256_add_epi32(pqs_avx2_load(out), w));
            }
        }
    }
    pqs_wipe(e, sizeof e);
}

PQS_AVX2_FN void pqs_mldsa_challenge_mul_avx2(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                              const pqs_mldsa_poly *a)
{
    int32_t e[2 * N];
    split_terms t;
    split(&t, c);
    for (unsigned i = 0; i < N; i += 8) {
        __m256i v = pqs_avx2_load(a->c + i);
        pqs_avx2_store(e + N + i, v);
        pqs_avx2_store(e + i, _mm256_sub_epi32(_mm256_setzero_si256(), v));
    }
    for (unsigned h = 0; h < N; h += 64) {    /* 8 blocks of 8 in registers */
        __m256i acc[8];
        for (unsigned b = 0; b < 8; b++)
            acc[b] = _mm256_setzero_si256();
        for (unsigned k = 0; k < t.np; k++) {
            const int32_t *src = e + N + h - t.plus[k];
            for (unsigned b = 0; b < 8; b++)
                acc[b] = _mm256_add_epi32(acc[b], pqs_avx2_load(src + 8 * b));
        }
        for (unsigned k = 0; k < t.nm; k++) {
            const int32_t *src = e + N + h - t.minus[k];
            for (unsigned b = 0; b < 8; b++)
                acc[b] = _mm256_sub_epi32(acc[b], pqs_avx2_load(src + 8 * b));
        }
        for (unsigned b = 0; b < 8; b++)
            pqs_avx2_store(r->c + h + 8 * b, acc[b]);
    }
    pqs_wipe(e, sizeof e);
}

#endif
