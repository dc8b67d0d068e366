/* Test fixture for model signing: temporary model directories, keys made with
 * pqs_sig_keypair (and Ed25519 through OpenSSL), and hand-crafted bundles. */
#ifndef PQS_TEST_MODELSIGN_FIXTURE_H
#define PQS_TEST_MODELSIGN_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "pqsafe/modelsign.h"

typedef struct {
    const pqs_sig *alg;
    uint8_t *pk, *sk;
} fx_key;

void fx_key_new(fx_key *k, const char *alg);
void fx_key_free(fx_key *k);
/* The library's view of the key: private (to sign) or public only. */
pqs_model_key fx_model_key(const fx_key *k, int with_private);

typedef struct {
    uint8_t *priv_pem, *pub_pem;
    size_t priv_len, pub_len;
} fx_ed25519;

void fx_ed25519_new(fx_ed25519 *k);
void fx_ed25519_free(fx_ed25519 *k);

/* A fresh directory under $TMPDIR (or /tmp); caller frees the string. */
char *fx_tmpdir(const char *tag);
/* dir/rel in a static buffer (valid until the next call). */
const char *fx_path(const char *dir, const char *rel);
/* Write a file, creating parent directories. */
void fx_write(const char *dir, const char *rel, const void *data, size_t len);
void fx_write_random(const char *dir, const char *rel, size_t len);
/* Flip every bit of the byte at offset. */
void fx_flip(const char *dir, const char *rel, long offset);
void fx_rm_rf(const char *dir);
/* Whole file into a fresh NUL-terminated buffer. */
char *fx_read(const char *path, size_t *len);

/* Sign payload (any bytes) as a DSSE envelope and write a bundle to path, with the given
 * keyid and hint (NULL: omitted / the key's own hint). */
void fx_craft_bundle(const char *path, const fx_key *k, const char *payload, const char *keyid,
                     const char *hint);
/* The payload of the bundle at path, decoded; caller frees. */
char *fx_bundle_payload(const char *path);

#endif
