/* Multiplication by the sparse challenge c (see mldsa/challenge.h) with AVX2, and the
 * checks of FIPS 204 Algorithm 7 built on it. In Z[X]/(X^256 + 1), coefficient j of
 * X^p s is s[j - p] for j >= p and -s[j - p + 256] below. For short s, each term of c
 * adds one unaligned run of the prepared [s | -s | s] (pqs_mldsa_spoly); for c t0, with
 * e = [-t | t] (512 entries) the coefficient is e[256 + j - p], and each term adds or
 * subtracts one run of e. Output blocks are accumulated in registers over all tau terms.
 * The positions are public (c is), the values secret; exact integer sums, as in the
 * portable code. */
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

/* c s for |s_i| <= eta <= 4, in 8-bit lanes from the prepared [s | -s | s] of s (every
 * term an addition, see mldsa/challenge.h): the whole product is 8 registers, and each
 * term of c is 8 loads. The terms are summed in groups of at most 31, so a partial sum
 * stays within 31 * 4 < 128 and is exact in 8 bits; the groups are added in 32 bits
 * into r. */
#define GROUP 31

PQS_AVX2_FN void pqs_mldsa_challenge_mul_small_avx2(pqs_mldsa_poly *r,
                                                    const pqs_mldsa_challenge *c,
                                                    const pqs_mldsa_spoly *s)
{
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(r->c + i, _mm256_setzero_si256());
    for (unsigned done = 0; done < c->n; done += GROUP) {
        unsigned end = done + GROUP < c->n ? done + GROUP : c->n;
        __m256i acc[8];
        for (unsigned b = 0; b < 8; b++)
            acc[b] = _mm256_setzero_si256();
        for (unsigned k = done; k < end; k++) {
            const int8_t *src = s->e + pqs_mldsa_challenge_offset(c, k);
            for (unsigned b = 0; b < 8; b++)
                acc[b] = _mm256_add_epi8(acc[b],
                                         _mm256_loadu_si256((const __m256i *)(src + 32 * b)));
        }
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
}

/* The checks of mldsa/challenge.h from this backend's pieces. */
PQS_AVX2_FN uint32_t pqs_mldsa_response_avx2(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                                             const pqs_mldsa_spoly *s1,
                                             const pqs_mldsa_poly *y, int32_t bound)
{
    pqs_mldsa_challenge_mul_small_avx2(z, c, s1);
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(z->c + i, _mm256_add_epi32(pqs_avx2_load(z->c + i),
                                                  pqs_avx2_load(y->c + i)));
    return pqs_mldsa_poly_exceeds_avx2(z, bound);
}

PQS_AVX2_FN uint32_t pqs_mldsa_low_check_avx2(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                                              const pqs_mldsa_challenge *c,
                                              const pqs_mldsa_spoly *s2,
                                              const pqs_mldsa_poly *w, int32_t bound)
{
    pqs_mldsa_poly r0;
    pqs_mldsa_challenge_mul_small_avx2(r, c, s2);
    for (unsigned i = 0; i < N; i += 8)
        pqs_avx2_store(r->c + i, pqs_avx2_freeze(_mm256_sub_epi32(pqs_avx2_load(w->c + i),
                                                                  pqs_avx2_load(r->c + i))));
    pqs_mldsa_lowbits_avx2(p, &r0, r);
    uint32_t bad = pqs_mldsa_poly_exceeds_avx2(&r0, bound);
    pqs_wipe(&r0, sizeof r0);
    return bad;
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
