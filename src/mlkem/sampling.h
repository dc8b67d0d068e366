/* Sampling polynomials (FIPS 203 §4.2.2): SampleNTT (Alg. 7) for the public matrix and
 * SamplePolyCBD (Alg. 8) over PRF (eq. 4.3) for the secret and error vectors. */
#ifndef PQS_MLKEM_SAMPLING_H
#define PQS_MLKEM_SAMPLING_H

#include <stdint.h>

#include "poly.h"

/* a = SampleNTT(rho || j || i) with seed = rho || j || i (34 bytes). Rejection sampling
 * on SHAKE128: the loop count depends on the public seed only. Output in [0, q). */
void pqs_mlkem_sample_ntt(pqs_mlkem_poly *a, const uint8_t seed[PQS_MLKEM_SYM_BYTES + 2]);

/* r = SamplePolyCBD_eta(PRF_eta(sigma, nonce)), eta in {2, 3}; output in [-eta, eta].
 * Constant time in sigma. */
void pqs_mlkem_sample_cbd(pqs_mlkem_poly *r, const uint8_t sigma[PQS_MLKEM_SYM_BYTES],
                          uint8_t nonce, unsigned eta);

#endif
