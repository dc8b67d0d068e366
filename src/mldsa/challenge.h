/* The challenge c of FIPS 204 (tau coefficients equal to +-1, Algorithm 29) as a list
 * of positions, to multiply it by s1, s2 and t0 with shifted additions: exact, and
 * cheaper than NTT, pointwise product and inverse NTT when the other factor is short.
 * c is public (derived from the declassified c~), so its positions may be used as
 * indices; the other factor stays secret and is only added. */
#ifndef PQS_MLDSA_CHALLENGE_H
#define PQS_MLDSA_CHALLENGE_H

#include <stdint.h>

#include "mldsa/params.h"

#define PQS_MLDSA_TAU_MAX 60

typedef struct {
    unsigned n;                          /* tau */
    uint8_t pos[PQS_MLDSA_TAU_MAX];      /* positions of the nonzero coefficients */
    uint8_t neg[PQS_MLDSA_TAU_MAX];      /* 1 where the coefficient is -1 */
} pqs_mldsa_challenge;

/* A secret polynomial with coefficients in [-eta, eta], packed small. */
typedef struct {
    int16_t c[PQS_MLDSA_N];
} pqs_mldsa_spoly;

/* The list of c's terms, in position order. (Any order gives the same products: the
 * sums are exact. SampleInBall can also build the list as it goes, see sample.h.) */
void pqs_mldsa_challenge_from_poly(pqs_mldsa_challenge *c, const pqs_mldsa_poly *p);
void pqs_mldsa_spoly_from_poly(pqs_mldsa_spoly *r, const pqs_mldsa_poly *a);

/* r = c * s in Z[X]/(X^256 + 1), exactly: |r_i| <= tau * eta. */
void pqs_mldsa_challenge_mul_small(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                   const pqs_mldsa_spoly *s);
/* r = c * t exactly, for |t_i| <= 2^24 (so |r_i| < 2^31): t0, t1. */
void pqs_mldsa_challenge_mul(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                             const pqs_mldsa_poly *t);

#endif
