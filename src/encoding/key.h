/* The in-memory key behind the opaque pqs_key of include/pqsafe/keys.h. */
#ifndef PQS_ENCODING_KEY_H
#define PQS_ENCODING_KEY_H

#include "key_algs.h"
#include "pqsafe/keys.h"

#define PQS_KEY_MAX_SEED 96

struct pqs_key {
    const pqs_keyfile_alg *alg;
    const pqs_kem *kem;        /* exactly one of kem, sig is set */
    const pqs_sig *sig;
    uint8_t *pub;
    size_t pub_len;
    uint8_t *priv;             /* expanded private key; NULL for a public key */
    size_t priv_len;
    uint8_t seed[PQS_KEY_MAX_SEED];
    size_t seed_len;           /* 0 when the key came without its seed */
};

/* A key of alg with buffers allocated for a public (with_private 0) or private key. */
int pqs_key_new(pqs_key **key, const pqs_keyfile_alg *alg, int with_private);
/* Expand a seed into the key pair (FIPS KeyGen_internal) and keep the seed. */
int pqs_key_expand_seed(pqs_key *key, const uint8_t *seed, size_t seed_len);
/* Fill in the public key from the expanded private key, checking what can be checked. */
int pqs_key_public_from_private(pqs_key *key);
/* ML-DSA needs the algorithm itself to recompute t1 (src/encoding/key_mldsa.c). */
int pqs_mldsa_public_from_private(pqs_key *key);

/* DER bodies (src/encoding/spki.c, pkcs8.c). */
int pqs_spki_encode(const pqs_key *key, uint8_t **out, size_t *out_len);
int pqs_spki_decode(pqs_key **key, const uint8_t *der, size_t len);
int pqs_pkcs8_encode(const pqs_key *key, int form, uint8_t **out, size_t *out_len);
int pqs_pkcs8_decode(pqs_key **key, const uint8_t *der, size_t len);

#endif
