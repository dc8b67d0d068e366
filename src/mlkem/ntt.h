/* The number-theoretic transform of R_q (FIPS 203 §4.3): NTT (Alg. 9), NTT^-1 (Alg. 10)
 * and the product in T_q (MultiplyNTTs, Alg. 11, over BaseCaseMultiply, Alg. 12). */
#ifndef PQS_MLKEM_NTT_H
#define PQS_MLKEM_NTT_H

#include "poly.h"

/* b[2i+1] * gamma_i for the 128 degree-one factors X^2 - gamma_i of Alg. 11: the part of
 * BaseCaseMultiply that depends only on b, computed once for a vector reused over a
 * matrix (mlkem-native calls this a "mulcache"). */
typedef struct {
    int16_t c[PQS_MLKEM_N / 2];
} pqs_mlkem_mulcache;

/* In place: coefficients of magnitude < q in; NTT representation out, reduced to
 * [-(q-1)/2, (q-1)/2]. */
void pqs_mlkem_ntt(pqs_mlkem_poly *r);
/* In place: NTT^-1 of an input whose coefficients are < q in magnitude and carry a
 * factor 2^-16 from a Montgomery product; the output has that factor removed and is
 * in (-q, q). */
void pqs_mlkem_invntt_frommont(pqs_mlkem_poly *r);

/* 2^32 / 128 mod q: the 1/128 of Alg. 10 step 14 (written 3303 there), combined with the
 * 2^16 that cancels the Montgomery factor of the preceding products. */
#define PQS_MLKEM_INVNTT_F 1441
/* PQS_MLKEM_INVNTT_F times zeta^BitRev7(1) = 1729: the last layer of Alg. 10 and the
 * scaling of step 14 in one multiplication. */
#define PQS_MLKEM_INVNTT_F_ZETA1 1397

/* zeta^BitRev7(i) * 2^16 mod q (centred), i = 0..127: the twiddle factors of Alg. 9 and
 * 10 in Montgomery form, for native backends that lay them out for their registers. */
extern const int16_t *const pqs_mlkem_zetas;

void pqs_mlkem_mulcache_compute(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b);

/* r = sum_{j<k} a[j] x b[j] in T_q, times 2^-16 (one Montgomery reduction for the whole
 * sum, FIPS 203 Alg. 11/12 accumulated); inputs of magnitude <= q, output in (-q, q). */
void pqs_mlkem_basemul_acc(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b,
                           const pqs_mlkem_mulcache *bx, unsigned k);

#endif
