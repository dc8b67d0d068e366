/* ML-DSA (FIPS 204) internal interface: the derandomised *_internal algorithms and
 * the external-mu variants, for the signature API (mldsa_algs.c), tests, the key-file
 * layer and providers. Buffers are sized by the parameter set (p->pk_bytes, ...).
 * No function allocates (working state lives on the stack: about 150 KB for Sign,
 * sized for ML-DSA-87, A-hat being 56 KB of it); secrets are wiped before return. */
#ifndef PQS_MLDSA_MLDSA_H
#define PQS_MLDSA_MLDSA_H

#include <stddef.h>
#include <stdint.h>

#include "mldsa/params.h"

/* Algorithm 6 (ML-DSA.KeyGen_internal) from the 32-byte seed xi. Returns 0. */
int pqs_mldsa_keypair_internal(const pqs_mldsa_params *p, uint8_t *pk, uint8_t *sk,
                               const uint8_t xi[PQS_MLDSA_SEED_BYTES]);

/* The public key of an expanded private key (Algorithm 6 steps 3-8 from the rho, s1
 * and s2 of sk), for key files that hold only the expanded form. Returns 0, or
 * PQS_E_INVALID_KEY (pk zeroed) when sk is inconsistent: s1 or s2 out of range, t0 not
 * the one KeyGen derives, or tr != H(pk). */
int pqs_mldsa_pk_from_sk(const pqs_mldsa_params *p, uint8_t *pk, const uint8_t *sk);

/* Algorithm 7 (ML-DSA.Sign_internal) on M' = prefix || msg (either may be empty).
 * rnd: 32 bytes, all zero for the deterministic variant. Returns 0,
 * PQS_E_INVALID_KEY when s1 or s2 of sk is out of range (sig is then zeroed), or
 * PQS_E_INTERNAL if the FIPS 204 Appendix C iteration bound is ever reached. */
int pqs_mldsa_sign_internal(const pqs_mldsa_params *p, uint8_t *sig,
                            const uint8_t *prefix, size_t prefix_len,
                            const uint8_t *msg, size_t msg_len, const uint8_t *sk,
                            const uint8_t rnd[PQS_MLDSA_RND_BYTES]);

/* Algorithm 7 from step 7, with mu = H(tr || M', 64) computed by the caller
 * ("external mu"). Same results as pqs_mldsa_sign_internal. */
int pqs_mldsa_sign_mu(const pqs_mldsa_params *p, uint8_t *sig,
                      const uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t *sk,
                      const uint8_t rnd[PQS_MLDSA_RND_BYTES]);

/* Algorithm 8 (ML-DSA.Verify_internal) on M' = prefix || msg; sig is p->sig_bytes.
 * Returns 0 when valid, PQS_E_VERIFY otherwise (including non-canonical hints). */
int pqs_mldsa_verify_internal(const pqs_mldsa_params *p, const uint8_t *sig,
                              const uint8_t *prefix, size_t prefix_len,
                              const uint8_t *msg, size_t msg_len, const uint8_t *pk);

/* Algorithm 8 from step 8, with mu supplied. 0 or PQS_E_VERIFY. */
int pqs_mldsa_verify_mu(const pqs_mldsa_params *p, const uint8_t *sig,
                        const uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t *pk);

/* mu = H(H(pk, 64) || prefix || msg, 64) (Algorithm 7 steps 6, Algorithm 8 steps 6-7):
 * what an external-mu signer receives. */
void pqs_mldsa_compute_mu(const pqs_mldsa_params *p, uint8_t mu[PQS_MLDSA_MU_BYTES],
                          const uint8_t *pk, const uint8_t *prefix, size_t prefix_len,
                          const uint8_t *msg, size_t msg_len);

#endif
