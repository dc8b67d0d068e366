/* pqsafe — key files other tools can read: SubjectPublicKeyInfo and PKCS#8 (DER or PEM)
 * for ML-KEM, ML-DSA and SLH-DSA with the NIST OIDs, as the IETF LAMPS drafts define
 * them and OpenSSL 3.5 writes them. Private keys as seed, expanded key, or both. */
#ifndef PQSAFE_KEYS_H
#define PQSAFE_KEYS_H

#include "common.h"
#include "kem.h"
#include "sig.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pqs_key pqs_key;   /* opaque; heap-allocated; secrets wiped on free */

enum { PQS_KEY_PEM = 0, PQS_KEY_DER = 1 };
/* Private-key forms of draft-ietf-lamps-kyber-certificates / -dilithium-certificates.
 * SLH-DSA has a single form (the 4n-byte key); the form is ignored for it. */
enum { PQS_KEY_FORM_SEED = 0, PQS_KEY_FORM_EXPANDED = 1, PQS_KEY_FORM_BOTH = 2 };

/* A fresh key pair for any KEM or signature algorithm by name. */
PQS_EXPORT PQS_MUST_CHECK int pqs_key_generate(pqs_key **key, const char *alg);
/* Parse a public (SPKI) or private (PKCS#8) key, PEM or DER (detected). Strict: unknown
 * OID, wrong length, trailing bytes, a seed inconsistent with the expanded key, or bad
 * PEM armour give PQS_E_DECODE / PQS_E_INVALID_KEY; pqs_error_detail() says which. */
PQS_EXPORT PQS_MUST_CHECK int pqs_key_parse(pqs_key **key, const uint8_t *in, size_t len);
/* Read and parse a key file (at most 1 MiB). */
PQS_EXPORT PQS_MUST_CHECK int pqs_key_load(pqs_key **key, const char *path);
/* Encode into a fresh malloc'd buffer (*out; free with pqs_key_buffer_free). */
PQS_EXPORT PQS_MUST_CHECK int pqs_key_encode_public(const pqs_key *key, int format,
                                                    uint8_t **out, size_t *out_len);
PQS_EXPORT PQS_MUST_CHECK int pqs_key_encode_private(const pqs_key *key, int format, int form,
                                                     uint8_t **out, size_t *out_len);
/* Wipes and frees a buffer returned by the encoders. */
PQS_EXPORT void pqs_key_buffer_free(uint8_t *buf, size_t len);

PQS_EXPORT const char *pqs_key_alg(const pqs_key *key);       /* "ML-DSA-65" */
PQS_EXPORT const pqs_kem *pqs_key_kem(const pqs_key *key);    /* NULL for signature keys */
PQS_EXPORT const pqs_sig *pqs_key_sig(const pqs_key *key);    /* NULL for KEM keys */
PQS_EXPORT int pqs_key_is_private(const pqs_key *key);
/* Raw FIPS encodings: ek / pk, and the expanded dk / sk (NULL for a public key). */
PQS_EXPORT const uint8_t *pqs_key_public_bytes(const pqs_key *key, size_t *len);
PQS_EXPORT const uint8_t *pqs_key_private_bytes(const pqs_key *key, size_t *len);
/* Build a key from raw bytes: pub (required) and priv (expanded, or NULL for public). */
PQS_EXPORT PQS_MUST_CHECK int pqs_key_from_raw(pqs_key **key, const char *alg,
                                               const uint8_t *pub, size_t pub_len,
                                               const uint8_t *priv, size_t priv_len);
PQS_EXPORT void pqs_key_free(pqs_key *key);

#ifdef __cplusplus
}
#endif
#endif
