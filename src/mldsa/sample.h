/* Pseudorandom sampling for ML-DSA (FIPS 204 section 7.3, Algorithms 29-34). */
#ifndef PQS_MLDSA_SAMPLE_H
#define PQS_MLDSA_SAMPLE_H

#include <stdint.h>

#include "mldsa/params.h"

/* Algorithm 32 (ExpandA, with RejNTTPoly, Algorithm 30): A-hat in the NTT domain,
 * coefficients in [0, q). rho is public. */
void pqs_mldsa_expand_a(const pqs_mldsa_params *p,
                        pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                        const uint8_t rho[PQS_MLDSA_SEED_BYTES]);

/* Algorithm 33 (ExpandS, with RejBoundedPoly, Algorithm 31): s1 (l) and s2 (k) with
 * coefficients in [-eta, eta]. rho' is secret; only accept/reject decisions leak. */
void pqs_mldsa_expand_s(const pqs_mldsa_params *p, pqs_mldsa_poly s1[PQS_MLDSA_LMAX],
                        pqs_mldsa_poly s2[PQS_MLDSA_KMAX],
                        const uint8_t rhop[PQS_MLDSA_RHOPP_BYTES]);

/* Algorithm 34 (ExpandMask): y with coefficients in (-gamma1, gamma1], from rho'' and
 * the counter kappa. Constant time. */
void pqs_mldsa_expand_mask(const pqs_mldsa_params *p, pqs_mldsa_poly y[PQS_MLDSA_LMAX],
                           const uint8_t rhopp[PQS_MLDSA_RHOPP_BYTES], uint16_t kappa);

/* Algorithm 29 (SampleInBall): c with tau coefficients +-1, from ctilde_bytes of c~.
 * c~ must be public (declassified): the sampler branches on it. */
void pqs_mldsa_sample_in_ball(const pqs_mldsa_params *p, pqs_mldsa_poly *c,
                              const uint8_t *ctilde);

#endif
