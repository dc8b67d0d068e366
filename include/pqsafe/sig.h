/* pqsafe — signatures by name: ML-DSA (FIPS 204) and SLH-DSA (FIPS 205). */
#ifndef PQSAFE_SIG_H
#define PQSAFE_SIG_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PQS_MLDSA44_PK_BYTES 1312
#define PQS_MLDSA44_SK_BYTES 2560
#define PQS_MLDSA44_SIG_BYTES 2420
#define PQS_MLDSA65_PK_BYTES 1952
#define PQS_MLDSA65_SK_BYTES 4032
#define PQS_MLDSA65_SIG_BYTES 3309
#define PQS_MLDSA87_PK_BYTES 2592
#define PQS_MLDSA87_SK_BYTES 4896
#define PQS_MLDSA87_SIG_BYTES 4627
#define PQS_SIG_MAX_CTX_BYTES 255

typedef struct pqs_sig {
    const char *name;                 /* "ML-DSA-65" */
    size_t pk_bytes, sk_bytes, sig_bytes;
    size_t keygen_seed_bytes;         /* ML-DSA: 32 = xi; SLH-DSA: 3n */
    size_t sign_rand_bytes;           /* ML-DSA: 32 = rnd; SLH-DSA: n */
    int security_category;            /* NIST category 1, 2, 3 or 5 */
    /* private members follow */
    const void *impl_;
} pqs_sig;

PQS_EXPORT const pqs_sig *pqs_sig_find(const char *name);   /* NULL when unknown */
PQS_EXPORT const pqs_sig *pqs_sig_at(size_t i);             /* NULL past the end */

/* seed NULL: fresh randomness. */
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_keypair(const pqs_sig *alg, uint8_t *pk, uint8_t *sk,
                                              const uint8_t *seed);
/* rnd NULL: hedged with fresh randomness. ML-DSA: 32 zero bytes = deterministic.
 * SLH-DSA: rnd = PK.seed gives the deterministic variant. */
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_sign(const pqs_sig *alg, uint8_t *sig, size_t *sig_len,
                                           const uint8_t *msg, size_t msg_len,
                                           const uint8_t *ctx, size_t ctx_len,
                                           const uint8_t *sk, const uint8_t *rnd);
/* 0 valid, PQS_E_VERIFY invalid, other codes for malformed arguments. */
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_verify(const pqs_sig *alg, const uint8_t *sig, size_t sig_len,
                                             const uint8_t *msg, size_t msg_len,
                                             const uint8_t *ctx, size_t ctx_len,
                                             const uint8_t *pk);
/* Pre-hash variants (HashML-DSA, HashSLH-DSA). hash: "SHA2-224", "SHA2-256", "SHA2-384",
 * "SHA2-512", "SHA2-512/224", "SHA2-512/256", "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512",
 * "SHAKE-128", "SHAKE-256"; msg is hashed inside. */
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_sign_prehash(const pqs_sig *alg, uint8_t *sig, size_t *sig_len,
                                                   const char *hash,
                                                   const uint8_t *msg, size_t msg_len,
                                                   const uint8_t *ctx, size_t ctx_len,
                                                   const uint8_t *sk, const uint8_t *rnd);
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_verify_prehash(const pqs_sig *alg, const uint8_t *sig,
                                                     size_t sig_len, const char *hash,
                                                     const uint8_t *msg, size_t msg_len,
                                                     const uint8_t *ctx, size_t ctx_len,
                                                     const uint8_t *pk);

/* Pre-hash variants for a message the caller has already hashed (e.g. a file streamed
 * through the same hash): digest = PH(M) with the named hash, of its exact length. */
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_sign_digest(const pqs_sig *alg, uint8_t *sig, size_t *sig_len,
                                                  const char *hash,
                                                  const uint8_t *digest, size_t digest_len,
                                                  const uint8_t *ctx, size_t ctx_len,
                                                  const uint8_t *sk, const uint8_t *rnd);
PQS_EXPORT PQS_MUST_CHECK int pqs_sig_verify_digest(const pqs_sig *alg, const uint8_t *sig,
                                                    size_t sig_len, const char *hash,
                                                    const uint8_t *digest, size_t digest_len,
                                                    const uint8_t *ctx, size_t ctx_len,
                                                    const uint8_t *pk);

#ifdef __cplusplus
}
#endif
#endif
