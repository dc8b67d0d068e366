/* X25519 from OpenSSL (constant time there), wrapped for raw keys. */
#include <openssl/evp.h>
#include <string.h>

#include "pqsafe/common.h"
#include "x25519.h"

int pqs_x25519_public(uint8_t pub[32], const uint8_t priv[32])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, 32);
    size_t len = 32;
    int ok = k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &len) == 1 && len == 32;
    EVP_PKEY_free(k);
    return ok ? PQS_OK : PQS_E_INTERNAL;
}

int pqs_x25519(uint8_t shared[32], const uint8_t priv[32], const uint8_t peer[32])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, 32);
    EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, 32);
    EVP_PKEY_CTX *c = k ? EVP_PKEY_CTX_new(k, NULL) : NULL;
    size_t len = 32;
    int rc = PQS_E_INTERNAL;
    if (c != NULL && p != NULL && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, p) == 1) {
        /* The only derive failure left is OpenSSL's all-zero-output refusal, which
         * depends on the public peer point alone (it is of low order). */
        if (EVP_PKEY_derive(c, shared, &len) != 1 || len != 32)
            memset(shared, 0, 32);
        rc = PQS_OK;
    }
    EVP_PKEY_CTX_free(c);
    EVP_PKEY_free(p);
    EVP_PKEY_free(k);
    return rc;
}
