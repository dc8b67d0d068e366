/* Modular reduction mod q = 8380417 = 2^23 - 2^13 + 1 without division: Montgomery
 * (R = 2^32) for products, a shift-based reduction for sums. Constant time. */
#ifndef PQS_MLDSA_REDUCE_H
#define PQS_MLDSA_REDUCE_H

#include <stdint.h>

#include "mldsa/params.h"

#define PQS_MLDSA_QINV 58728449   /* q^-1 mod 2^32 */

/* For |a| < q * 2^31, returns r = a * 2^-32 mod q with |r| < q. */
static inline int32_t pqs_mldsa_montgomery_reduce(int64_t a)
{
    int32_t t = (int32_t)((uint32_t)a * (uint32_t)PQS_MLDSA_QINV);
    return (int32_t)((a - (int64_t)t * PQS_MLDSA_Q) >> 32);
}

/* For a <= 2^31 - 2^22 - 1, returns r = a mod q with |r| <= 6283008. Because
 * 2^23 = q + 2^13 - 1, subtracting round(a / 2^23) * q removes almost all of a. */
static inline int32_t pqs_mldsa_reduce32(int32_t a)
{
    int32_t t = (a + (1 << 22)) >> 23;
    return a - t * PQS_MLDSA_Q;
}

/* Adds q when a is negative (a mask, not a branch). */
static inline int32_t pqs_mldsa_caddq(int32_t a)
{
    return a + ((a >> 31) & PQS_MLDSA_Q);
}

/* The standard representative in [0, q) of any a <= 2^31 - 2^22 - 1. */
static inline int32_t pqs_mldsa_freeze(int32_t a)
{
    return pqs_mldsa_caddq(pqs_mldsa_reduce32(a));
}

#endif
