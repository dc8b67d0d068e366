/* Modular arithmetic mod q = 3329 on int16 coefficients, without division:
 * Montgomery reduction (R = 2^16) for products, Barrett reduction for sums.
 * Every function is branch-free, so it is safe on secret coefficients. */
#ifndef PQS_MLKEM_REDUCE_H
#define PQS_MLKEM_REDUCE_H

#include <stdint.h>

#include "params.h"

#define PQS_MLKEM_QINV (-3327)   /* q^-1 mod 2^16, as a signed 16-bit value */
#define PQS_MLKEM_MONT_R2 1353   /* 2^32 mod q: fqmul by it enters the Montgomery domain */

/* a * 2^-16 mod q for |a| <= 2^15 q; result in (-q, q). Computes t = a q^-1 mod 2^16,
 * then (a - t q) is divisible by 2^16 exactly. */
static inline int16_t pqs_mlkem_montgomery_reduce(int32_t a)
{
    int16_t t = (int16_t)((uint32_t)a * (uint32_t)(int32_t)PQS_MLKEM_QINV);
    return (int16_t)((a - (int32_t)t * PQS_MLKEM_Q) >> 16);
}

/* a * b * 2^-16 mod q; with b in Montgomery form this is the plain product a * b'. */
static inline int16_t pqs_mlkem_fqmul(int16_t a, int16_t b)
{
    return pqs_mlkem_montgomery_reduce((int32_t)a * b);
}

/* Centered representative of a mod q, in [-(q-1)/2, (q-1)/2], for any int16 a.
 * 20159 = round(2^26 / q); the error of the quotient estimate is at most one. */
static inline int16_t pqs_mlkem_barrett_reduce(int16_t a)
{
    const int32_t v = ((1 << 26) + PQS_MLKEM_Q / 2) / PQS_MLKEM_Q;
    int16_t t = (int16_t)((v * a + (1 << 25)) >> 26);
    return (int16_t)(a - t * PQS_MLKEM_Q);
}

/* Map (-q, q) to [0, q) by adding q to negative values, with a sign mask. */
static inline int16_t pqs_mlkem_caddq(int16_t a)
{
    return (int16_t)(a + ((a >> 15) & PQS_MLKEM_Q));
}

/* Map [0, 2q) to [0, q) by subtracting q when a >= q, with a sign mask. */
static inline int16_t pqs_mlkem_csubq(int16_t a)
{
    return pqs_mlkem_caddq((int16_t)(a - PQS_MLKEM_Q));
}

#endif
