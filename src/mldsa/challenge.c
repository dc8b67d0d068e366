/* Multiplication by the sparse challenge c (see challenge.h). In Z[X]/(X^256 + 1),
 * c * s = sum over nonzero c_p of +-X^p * s; X^p * s is s shifted up by p with the
 * coefficients that pass X^256 coming back negated. For short s, each term adds a run
 * of the prepared [s | -s | s] (pqs_mldsa_spoly); for c t0, each term is accumulated into
 * a 512-entry buffer at offset p, and the upper half is subtracted from the lower at
 * the end. Plain additions the compiler vectorises. */
#include "mldsa/challenge.h"

#include <string.h>

#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "pqsafe/common.h"

void pqs_mldsa_challenge_from_poly(pqs_mldsa_challenge *c, const pqs_mldsa_poly *p)
{
    c->n = 0;
    for (unsigned i = 0; i < PQS_MLDSA_N && c->n < PQS_MLDSA_TAU_MAX; i++) {
        if (p->c[i] != 0) {
            c->pos[c->n] = (uint8_t)i;
            c->neg[c->n] = p->c[i] < 0;
            c->n++;
        }
    }
}

void pqs_mldsa_spoly_from_poly(pqs_mldsa_spoly *r, const pqs_mldsa_poly *a)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        int8_t v = (int8_t)a->c[i];
        r->e[i] = v;
        r->e[PQS_MLDSA_N + i] = (int8_t)-v;
        r->e[2 * PQS_MLDSA_N + i] = v;
    }
}

/* GCC's unroll-and-jam (-O3) fuses two terms' passes of the loop below into one that it
 * then does not vectorise (8-bit loads, 16-bit sums): 3x slower. */
#if defined(__GNUC__) && !defined(__clang__)
#define NO_JAM __attribute__((optimize("no-loop-unroll-and-jam")))
#else
#define NO_JAM
#endif

/* 16-bit lanes suffice: every partial sum is bounded by tau * eta <= 196. */
NO_JAM void pqs_mldsa_challenge_mul_small(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                          const pqs_mldsa_spoly *s)
{
    int16_t acc[PQS_MLDSA_N];
    unsigned n = c->n;
    memset(acc, 0, sizeof acc);
    for (unsigned k = 0; k < n; k++) {
        const int8_t *src = s->e + pqs_mldsa_challenge_offset(c, k);
        for (unsigned i = 0; i < PQS_MLDSA_N; i++)
            acc[i] = (int16_t)(acc[i] + src[i]);
    }
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = acc[i];
    pqs_wipe(acc, sizeof acc);
}

uint32_t pqs_mldsa_response(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                            const pqs_mldsa_spoly *s1, const pqs_mldsa_poly *y, int32_t bound)
{
    pqs_mldsa_challenge_mul_small(z, c, s1);
    pqs_mldsa_poly_add(z, z, y);
    return pqs_mldsa_poly_exceeds(z, bound);
}

uint32_t pqs_mldsa_low_check(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                             const pqs_mldsa_challenge *c, const pqs_mldsa_spoly *s2,
                             const pqs_mldsa_poly *w, int32_t bound)
{
    pqs_mldsa_poly r0;
    pqs_mldsa_challenge_mul_small(r, c, s2);
    pqs_mldsa_poly_sub(r, w, r);
    pqs_mldsa_poly_freeze(r);
    pqs_mldsa_lowbits(p, &r0, r);
    uint32_t bad = pqs_mldsa_poly_exceeds(&r0, bound);
    pqs_wipe(&r0, sizeof r0);
    return bad;
}

void pqs_mldsa_challenge_mul(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                             const pqs_mldsa_poly *t)
{
    int32_t acc[2 * PQS_MLDSA_N];
    memset(acc, 0, sizeof acc);
    for (unsigned k = 0; k < c->n; k++) {
        int32_t *d = acc + c->pos[k];
        if (c->neg[k]) {
            for (unsigned i = 0; i < PQS_MLDSA_N; i++)
                d[i] -= t->c[i];
        } else {
            for (unsigned i = 0; i < PQS_MLDSA_N; i++)
                d[i] += t->c[i];
        }
    }
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = acc[i] - acc[i + PQS_MLDSA_N];
    pqs_wipe(acc, sizeof acc);
}
