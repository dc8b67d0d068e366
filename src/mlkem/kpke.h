/* K-PKE, the CPA-secure encryption scheme inside ML-KEM (FIPS 203 §5). Not for direct
 * use: only the ML-KEM algorithms of kem.c call it. Buffer sizes follow the params. */
#ifndef PQS_MLKEM_KPKE_H
#define PQS_MLKEM_KPKE_H

#include <stdint.h>

#include "params.h"

/* Alg. 13: ek_PKE (384k + 32 bytes) and dk_PKE (384k bytes) from the 32-byte seed d. */
void pqs_mlkem_kpke_keygen(const pqs_mlkem_params *p, uint8_t *ek, uint8_t *dk,
                           const uint8_t d[PQS_MLKEM_SYM_BYTES]);
/* Alg. 14: c (ct_bytes) = Encrypt(ek_PKE, m, r). ek may be any bytes (ByteDecode_12
 * reduces mod q); the §7.2 check is the caller's. */
void pqs_mlkem_kpke_encrypt(const pqs_mlkem_params *p, uint8_t *c, const uint8_t *ek,
                            const uint8_t m[PQS_MLKEM_SYM_BYTES],
                            const uint8_t r[PQS_MLKEM_SYM_BYTES]);
/* Alg. 15: m = Decrypt(dk_PKE, c). */
void pqs_mlkem_kpke_decrypt(const pqs_mlkem_params *p, uint8_t m[PQS_MLKEM_SYM_BYTES],
                            const uint8_t *dk, const uint8_t *c);

#endif
