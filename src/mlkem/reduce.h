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

/* High and low 16 bits of a signed 16 x 16-bit product: the operations SIMD units have
 * (compilers turn loops of these into pmulhw / pmullw). */
static inline int16_t pqs_mlkem_mulhi(int16_t a, int16_t b)
{
    return (int16_t)(((int32_t)a * b) >> 16);
}

static inline int16_t pqs_mlkem_mullo(int16_t a, int16_t b)
{
    return (int16_t)(uint16_t)((uint32_t)(uint16_t)a * (uint16_t)b);
}

/* b q^-1 mod 2^16, the "twisted" companion of a constant b (a constant expression). */
#define PQS_MLKEM_TWIST(b)                                                                  \
    ((int16_t)(uint16_t)((uint32_t)(uint16_t)(b) * (uint32_t)(uint16_t)PQS_MLKEM_QINV))

/* The same Montgomery product as pqs_mlkem_fqmul(a, b), for a constant b given with
 * b_tw = PQS_MLKEM_TWIST(b), in 16-bit operations only: the low halves of a b and t q
 * agree (t = a b_tw mod 2^16), so (a b - t q) / 2^16 = hi(a b) - hi(t q). For |b| <= q/2
 * the result is in (-q, q) for every int16 a. */
static inline int16_t pqs_mlkem_fqmul_tw(int16_t a, int16_t b, int16_t b_tw)
{
    return (int16_t)(pqs_mlkem_mulhi(a, b) -
                     pqs_mlkem_mulhi(pqs_mlkem_mullo(a, b_tw), PQS_MLKEM_Q));
}

/* Centered representative of a mod q, in [-(q-1)/2, (q-1)/2], for any int16 a.
 * t = round(a v / 2^26) with v = 20159 = round(2^26 / q) estimates a / q within one;
 * computed as (hi(a v) + 2^9) >> 10, which equals (a v + 2^25) >> 26 exactly. */
static inline int16_t pqs_mlkem_barrett_reduce(int16_t a)
{
    const int16_t v = ((1 << 26) + PQS_MLKEM_Q / 2) / PQS_MLKEM_Q;
    int16_t t = (int16_t)((pqs_mlkem_mulhi(a, v) + (1 << 9)) >> 10);
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
