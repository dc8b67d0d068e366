/* X-Wing: the hybrid KEM of ML-KEM-768 and X25519 with the SHA3-256 combiner
 * (draft-connolly-cfrg-xwing-kem). Also the HPKE KEM "MLKEM768-X25519" that age's
 * mlkem768x25519 recipients use. X25519 comes from OpenSSL. */
#ifndef PQS_HYBRID_XWING_H
#define PQS_HYBRID_XWING_H

#include <stddef.h>
#include <stdint.h>

#define PQS_XWING_PK_BYTES 1216     /* ML-KEM-768 ek || X25519 public key */
#define PQS_XWING_SK_BYTES 32       /* the seed: the decapsulation key is expanded from it */
#define PQS_XWING_CT_BYTES 1120     /* ML-KEM-768 ciphertext || X25519 ephemeral public key */
#define PQS_XWING_SS_BYTES 32
#define PQS_XWING_ESEED_BYTES 64    /* m (32) || ephemeral X25519 private key (32) */

/* GenerateKeyPairDerand (draft §5.2): sk = seed; pk from SHAKE256(seed, 96). */
int pqs_xwing_keypair_derand(uint8_t pk[PQS_XWING_PK_BYTES], uint8_t sk[PQS_XWING_SK_BYTES],
                             const uint8_t seed[32]);
/* EncapsulateDerand (draft §5.4). PQS_E_INVALID_KEY when the ML-KEM part fails its check. */
int pqs_xwing_encaps_derand(uint8_t ct[PQS_XWING_CT_BYTES], uint8_t ss[PQS_XWING_SS_BYTES],
                            const uint8_t pk[PQS_XWING_PK_BYTES],
                            const uint8_t eseed[PQS_XWING_ESEED_BYTES]);
/* Decapsulate (draft §5.5). */
int pqs_xwing_decaps(uint8_t ss[PQS_XWING_SS_BYTES], const uint8_t ct[PQS_XWING_CT_BYTES],
                     const uint8_t sk[PQS_XWING_SK_BYTES]);
/* Decapsulate for a caller that holds pk_X (the X25519 public key of sk's expansion: it
 * saves deriving it again, one scalar multiplication; NULL derives it) and that must
 * refuse an all-zero X25519 shared secret, as age does: *x_zero is set to 1 when ss_X is
 * all zeros (ct_X is a low-order point: public, X-Wing itself does not check), else 0. */
int pqs_xwing_decaps_ex(uint8_t ss[PQS_XWING_SS_BYTES], const uint8_t ct[PQS_XWING_CT_BYTES],
                        const uint8_t sk[PQS_XWING_SK_BYTES], const uint8_t pk_x[32],
                        int *x_zero);

#endif
