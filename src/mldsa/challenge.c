/* Multiplication by the sparse challenge c (see challenge.h). In Z[X]/(X^256 + 1),
 * c * s = sum over nonzero c_p of +-X^p * s; X^p * s is s shifted up by p with the
 * coefficients that pass X^256 coming back negated. Each term is accumulated into a
 * 512-entry buffer at offset p, and the upper half is subtracted from the lower at
 * the end: one pass of plain additions the compiler vectorises. */
#include "mldsa/challenge.h"

#include <string.h>

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
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = (int16_t)a->c[i];
}

/* 16-bit lanes suffice: every partial sum is bounded by tau * eta <= 196. */
void pqs_mldsa_challenge_mul_small(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                   const pqs_mldsa_spoly *s)
{
    int16_t acc[2 * PQS_MLDSA_N];
    memset(acc, 0, sizeof acc);
    for (unsigned k = 0; k < c->n; k++) {
        int16_t *d = acc + c->pos[k];
        if (c->neg[k]) {
            for (unsigned i = 0; i < PQS_MLDSA_N; i++)
                d[i] = (int16_t)(d[i] - s->c[i]);
        } else {
            for (unsigned i = 0; i < PQS_MLDSA_N; i++)
                d[i] = (int16_t)(d[i] + s->c[i]);
        }
    }
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = (int32_t)acc[i] - acc[i + PQS_MLDSA_N];
    pqs_wipe(acc, sizeof acc);
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
