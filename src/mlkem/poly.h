/* Polynomials of R_q = Z_q[X]/(X^256 + 1) (FIPS 203 §2.4.4) and their 12-bit encoding.
 * Coefficients are int16 kept in a documented range; reductions are lazy. */
#ifndef PQS_MLKEM_POLY_H
#define PQS_MLKEM_POLY_H

#include <stdint.h>

#include "params.h"

typedef struct {
    int16_t c[PQS_MLKEM_N];
} pqs_mlkem_poly;

/* r = a + b and r = a - b, coefficient-wise, without reduction (callers bound the inputs). */
void pqs_mlkem_poly_add(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b);
void pqs_mlkem_poly_sub(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b);
/* Barrett-reduce every coefficient into [-(q-1)/2, (q-1)/2]. */
void pqs_mlkem_poly_reduce(pqs_mlkem_poly *r);
/* Multiply every coefficient by 2^16 mod q (undoes the 2^-16 of a Montgomery product);
 * output in (-q, q). */
void pqs_mlkem_poly_tomont(pqs_mlkem_poly *r);

/* ByteEncode_12 (Alg. 5, d = 12) of coefficients in (-q, q), written as [0, q). */
void pqs_mlkem_poly_tobytes(uint8_t r[PQS_MLKEM_POLY_BYTES], const pqs_mlkem_poly *a);
/* ByteDecode_12 (Alg. 6, d = 12): values of 12 bits reduced mod q into [0, q). */
void pqs_mlkem_poly_frombytes(pqs_mlkem_poly *r, const uint8_t a[PQS_MLKEM_POLY_BYTES]);
/* The §7.2 modulus check for one polynomial: 1 when every 12-bit value is < q. Public data. */
int pqs_mlkem_poly_bytes_canonical(const uint8_t a[PQS_MLKEM_POLY_BYTES]);

#endif
