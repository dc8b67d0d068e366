/* Number-theoretic transform for ML-DSA (FIPS 204 section 7.5). */
#ifndef PQS_MLDSA_NTT_H
#define PQS_MLDSA_NTT_H

#include "mldsa/params.h"

/* Forward NTT in place (Algorithm 41). Input |a| < q; output |a| < 9q, standard
 * (not Montgomery) domain. */
void pqs_mldsa_ntt(pqs_mldsa_poly *a);

/* Inverse NTT in place (Algorithm 42), multiplied by 2^32: applied to a Montgomery
 * pointwise product (which carries 2^-32) it gives the plain product.
 * Input |a| < q; output |a| < q. */
void pqs_mldsa_invntt_tomont(pqs_mldsa_poly *a);

#endif
