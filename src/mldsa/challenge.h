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

/* A secret polynomial s with coefficients in [-eta, eta], in the form the sparse
 * products read: e = [s | -s | s] in 8 bits. In Z[X]/(X^256 + 1), X^256 = -1, so a term
 * -X^p of c is X^(p + 256), and coefficient j of X^p s is e[512 + j - p] for every
 * p < 512: each term of c, whatever its sign, adds the run of e that starts at
 * pqs_mldsa_challenge_offset(c, k). Built once per key, not once per product. */
typedef struct {
    _Alignas(64) int8_t e[3 * PQS_MLDSA_N];
} pqs_mldsa_spoly;

/* The list of c's terms, in position order. (Any order gives the same products: the
 * sums are exact. SampleInBall can also build the list as it goes, see sample.h.) */
void pqs_mldsa_challenge_from_poly(pqs_mldsa_challenge *c, const pqs_mldsa_poly *p);
/* For |a_i| <= 127 (s1, s2: |a_i| <= eta). */
void pqs_mldsa_spoly_from_poly(pqs_mldsa_spoly *r, const pqs_mldsa_poly *a);

/* Where the run of term k of c starts in an [s | -s | s] array: 2N - p, or N - p for a
 * -1 coefficient (see pqs_mldsa_spoly). */
static inline unsigned pqs_mldsa_challenge_offset(const pqs_mldsa_challenge *c, unsigned k)
{
    return 2 * PQS_MLDSA_N - c->pos[k] - (c->neg[k] ? PQS_MLDSA_N : 0);
}

/* r = c * s in Z[X]/(X^256 + 1), exactly: |r_i| <= tau * eta. */
void pqs_mldsa_challenge_mul_small(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                                   const pqs_mldsa_spoly *s);
/* The checks of FIPS 204 Algorithm 7 around c s1 and c s2, fused (backends compute
 * them in registers):
 * response: z = y + c s1 (steps 18, 20); 0 when ||z||inf < bound, else 0xFFFFFFFF.
 * low_check: r = w - c s2 (step 19) in [0, q), for w in [0, q); 0 when
 * ||LowBits(r)||inf < bound (step 21, r0 of step 23), else 0xFFFFFFFF. Constant time. */
uint32_t pqs_mldsa_response(pqs_mldsa_poly *z, const pqs_mldsa_challenge *c,
                            const pqs_mldsa_spoly *s1, const pqs_mldsa_poly *y, int32_t bound);
uint32_t pqs_mldsa_low_check(const pqs_mldsa_params *p, pqs_mldsa_poly *r,
                             const pqs_mldsa_challenge *c, const pqs_mldsa_spoly *s2,
                             const pqs_mldsa_poly *w, int32_t bound);
/* r = c * t exactly, for |t_i| <= 2^24 (so |r_i| < 2^31): t0, t1. */
void pqs_mldsa_challenge_mul(pqs_mldsa_poly *r, const pqs_mldsa_challenge *c,
                             const pqs_mldsa_poly *t);

#endif
