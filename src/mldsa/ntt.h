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

/* zetas[m] = 1753^BitRev8(m) * 2^32 mod q, centred (FIPS 204 Appendix B, in Montgomery
 * form), m < 256: the twiddle factors, for native backends that lay them out for their
 * registers. */
extern const int32_t *const pqs_mldsa_zetas;
/* 2^64 / 256 mod q: the 1/256 of Algorithm 42 step 21, times 2^32 so the result leaves
 * in Montgomery form. */
#define PQS_MLDSA_INV256_MONT 41978
/* -zeta_1 / 256 * 2^64 mod q (centred): the last layer's twiddle with the scaling of
 * step 21 folded in, so the final pass costs no extra multiplication. */
#define PQS_MLDSA_LAST_TWIDDLE_INV256 3975713

#endif
