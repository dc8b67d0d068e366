/* ML-KEM (FIPS 203) internal interface: the derandomised algorithms of §6 and the input
 * checks of §7, for the name-based API (src/api/kem.c) and for other modules built on
 * ML-KEM (X-Wing hybrid, OpenSSL provider). Buffer sizes are those of the params:
 * ek_bytes, dk_bytes, ct_bytes; shared secrets are 32 bytes. All functions are
 * constant time in their secret inputs and use no heap. */
#ifndef PQS_MLKEM_MLKEM_H
#define PQS_MLKEM_MLKEM_H

#include <stdint.h>

#include "params.h"

#define PQS_MLKEM_SS_BYTES 32

/* ML-KEM.KeyGen_internal(d, z) (Alg. 16). Always returns 0. */
int pqs_mlkem_keypair_derand(const pqs_mlkem_params *p, uint8_t *ek, uint8_t *dk,
                             const uint8_t d[PQS_MLKEM_SYM_BYTES],
                             const uint8_t z[PQS_MLKEM_SYM_BYTES]);

/* ML-KEM.Encaps_internal(ek, m) (Alg. 17), after the §7.2 check of ek.
 * Returns 0, or PQS_E_INVALID_KEY with ct and ss zeroed. */
int pqs_mlkem_encaps_derand(const pqs_mlkem_params *p, uint8_t *ct,
                            uint8_t ss[PQS_MLKEM_SS_BYTES], const uint8_t *ek,
                            const uint8_t m[PQS_MLKEM_SYM_BYTES]);

/* ML-KEM.Decaps_internal(dk, c) (Alg. 18), after the §7.3 check of dk. An invalid
 * ciphertext is not an error: ss is then J(z || c) (implicit rejection) and 0 returned.
 * Returns PQS_E_INVALID_KEY with ss zeroed when dk fails its check. */
int pqs_mlkem_decaps(const pqs_mlkem_params *p, uint8_t ss[PQS_MLKEM_SS_BYTES],
                     const uint8_t *ct, const uint8_t *dk);

/* §7.2 encapsulation key check (modulus check): 0 or PQS_E_INVALID_KEY. */
int pqs_mlkem_check_ek(const pqs_mlkem_params *p, const uint8_t *ek);
/* §7.3 decapsulation key check (hash check H(ek) == h): 0 or PQS_E_INVALID_KEY. */
int pqs_mlkem_check_dk(const pqs_mlkem_params *p, const uint8_t *dk);

#endif
