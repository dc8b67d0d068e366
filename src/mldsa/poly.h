/* Polynomial and vector arithmetic mod q for ML-DSA (FIPS 204 section 2.4). Vectors
 * are plain arrays of polynomials whose length (k or l) comes from the parameters. */
#ifndef PQS_MLDSA_POLY_H
#define PQS_MLDSA_POLY_H

#include <stdint.h>

#include "mldsa/params.h"

void pqs_mldsa_poly_add(pqs_mldsa_poly *r, const pqs_mldsa_poly *a, const pqs_mldsa_poly *b);
void pqs_mldsa_poly_sub(pqs_mldsa_poly *r, const pqs_mldsa_poly *a, const pqs_mldsa_poly *b);
/* Coefficient-wise reduce32: |r| <= 6283008; exact centred value when |a mod+- q| < 2^21. */
void pqs_mldsa_poly_reduce(pqs_mldsa_poly *a);
/* Standard representatives in [0, q). */
void pqs_mldsa_poly_freeze(pqs_mldsa_poly *a);
/* Pointwise Montgomery product of NTT-domain polynomials: r = a o b * 2^-32. */
void pqs_mldsa_poly_pointwise(pqs_mldsa_poly *r, const pqs_mldsa_poly *a,
                              const pqs_mldsa_poly *b);
/* 0 when every centred coefficient has |a_i| < bound, else 0xFFFFFFFF; constant time. */
uint32_t pqs_mldsa_poly_exceeds(const pqs_mldsa_poly *a, int32_t bound);

/* NTT or inverse NTT of each of the n polynomials of v, through the backend. */
void pqs_mldsa_vec_ntt(pqs_mldsa_poly *v, unsigned n);
void pqs_mldsa_vec_invntt(pqs_mldsa_poly *v, unsigned n);

/* w = A o v (NTT domain, Montgomery): each output coefficient sums l products in 64
 * bits and is reduced once. Needs A in [0, q) and |v| < 9q; gives |w| < q. */
void pqs_mldsa_matrix_mul(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                          const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                          const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k, unsigned l);

#endif
