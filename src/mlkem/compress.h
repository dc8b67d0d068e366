/* Compress_d / Decompress_d (FIPS 203 §4.2.1, eq. 4.7 and 4.8) fused with ByteEncode_d /
 * ByteDecode_d, for the ciphertext (d = du, dv) and the message (d = 1). */
#ifndef PQS_MLKEM_COMPRESS_H
#define PQS_MLKEM_COMPRESS_H

#include <stdint.h>

#include "poly.h"

/* r = ByteEncode_d(Compress_d(a)), 32 d bytes; a in (-q, q); d in {4, 5, 10, 11}.
 * Constant time: no division (the coefficients are secret during Encrypt). */
void pqs_mlkem_poly_compress(uint8_t *r, const pqs_mlkem_poly *a, unsigned d);
/* r = Decompress_d(ByteDecode_d(a)), coefficients in [0, q); d in {4, 5, 10, 11}. */
void pqs_mlkem_poly_decompress(pqs_mlkem_poly *r, const uint8_t *a, unsigned d);

/* r = Decompress_1(ByteDecode_1(m)): bit b becomes b * 1665 (Alg. 14 step 20). */
void pqs_mlkem_poly_frommsg(pqs_mlkem_poly *r, const uint8_t m[PQS_MLKEM_SYM_BYTES]);
/* m = ByteEncode_1(Compress_1(a)), a in (-q, q) (Alg. 15 step 7). */
void pqs_mlkem_poly_tomsg(uint8_t m[PQS_MLKEM_SYM_BYTES], const pqs_mlkem_poly *a);

#endif
