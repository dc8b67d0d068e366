/* Rounding and hints (FIPS 204 section 7.4, Algorithms 35-40), constant time. */
#ifndef PQS_MLDSA_ROUNDING_H
#define PQS_MLDSA_ROUNDING_H

#include <stdint.h>

#include "mldsa/params.h"

/* Algorithm 35 on a polynomial with coefficients in [0, q):
 * t = t1 * 2^13 + t0 with t0 in (-2^12, 2^12]. */
void pqs_mldsa_power2round(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0, const pqs_mldsa_poly *t);

/* Algorithm 36 for r in [0, q): returns r1 and sets *r0 so that
 * r = r1 * 2 gamma2 + r0 (mod q), r0 in (-gamma2, gamma2]. No division. */
int32_t pqs_mldsa_decompose(const pqs_mldsa_params *p, int32_t *r0, int32_t r);

/* Algorithm 37 (HighBits) and 38 (LowBits) on polynomials with coefficients in [0, q). */
void pqs_mldsa_highbits(const pqs_mldsa_params *p, pqs_mldsa_poly *r1, const pqs_mldsa_poly *r);
void pqs_mldsa_lowbits(const pqs_mldsa_params *p, pqs_mldsa_poly *r0, const pqs_mldsa_poly *r);

/* Algorithm 39 coefficient-wise: h_i = [HighBits(r_i) != HighBits(r_i + z_i)], for
 * r in [0, q) and small centred z. Returns the number of ones (constant time). */
unsigned pqs_mldsa_make_hint(const pqs_mldsa_params *p, pqs_mldsa_poly *h,
                             const pqs_mldsa_poly *z, const pqs_mldsa_poly *r);

/* Algorithm 40 coefficient-wise, for h in {0, 1} and r in [0, q). Public data only. */
void pqs_mldsa_use_hint(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                        const pqs_mldsa_poly *h, const pqs_mldsa_poly *r);

#endif
