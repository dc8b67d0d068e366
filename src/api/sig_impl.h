/* The contract between the name-based signature API (src/api/sig.c) and each signature
 * family (src/mldsa, src/slhdsa). The API layer validates arguments, draws randomness,
 * and builds the message prefix; a family only sees the internal functions of its
 * standard, fed M' in two pieces (prefix, message) so nothing is copied or allocated. */
#ifndef PQS_API_SIG_IMPL_H
#define PQS_API_SIG_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "pqsafe/sig.h"

typedef struct pqs_sig_impl {
    /* KeyGen_internal from keygen_seed_bytes of seed (ML-DSA: xi; SLH-DSA: SK.seed||SK.prf||PK.seed). */
    int (*keypair)(const void *params, uint8_t *pk, uint8_t *sk, const uint8_t *seed);
    /* Sign_internal on M' = prefix || msg with sign_rand_bytes of rnd; writes sig_bytes. */
    int (*sign)(const void *params, uint8_t *sig, const uint8_t *prefix, size_t prefix_len,
                const uint8_t *msg, size_t msg_len, const uint8_t *sk, const uint8_t *rnd);
    /* Verify_internal on M' = prefix || msg: 0 or PQS_E_VERIFY. sig_len is already checked. */
    int (*verify)(const void *params, const uint8_t *sig, const uint8_t *prefix, size_t prefix_len,
                  const uint8_t *msg, size_t msg_len, const uint8_t *pk);
    const void *params;
} pqs_sig_impl;

/* Each family's table of algorithms, terminated by an entry with name NULL. */
extern const pqs_sig pqs_mldsa_algs[];
extern const pqs_sig pqs_slhdsa_algs[];

#endif
