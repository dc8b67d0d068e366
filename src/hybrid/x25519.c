/* X25519 from OpenSSL (constant time there), wrapped for raw keys.
 *
 * OpenSSL derives the public key of every private key it is handed on its own (one scalar
 * multiplication, as costly as the DH itself) unless it is given both halves, so callers
 * that already hold the public key pass it along. The DH uses the private half only. */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string.h>

#include "pqsafe/common.h"
#include "x25519.h"

static EVP_PKEY *private_key(const uint8_t priv[32], const uint8_t pub[32])
{
    if (pub == NULL)
        return EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, 32);
    OSSL_PARAM params[] = {
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, (void *)priv, 32),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)pub, 32),
        OSSL_PARAM_END,
    };
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL);
    EVP_PKEY *k = NULL;
    if (c == NULL || EVP_PKEY_fromdata_init(c) != 1 ||
        EVP_PKEY_fromdata(c, &k, EVP_PKEY_KEYPAIR, params) != 1)
        k = NULL;
    EVP_PKEY_CTX_free(c);
    return k;
}

int pqs_x25519_public(uint8_t pub[32], const uint8_t priv[32])
{
    EVP_PKEY *k = private_key(priv, NULL);
    size_t len = 32;
    int ok = k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &len) == 1 && len == 32;
    EVP_PKEY_free(k);
    return ok ? PQS_OK : PQS_E_INTERNAL;
}

int pqs_x25519(uint8_t shared[32], const uint8_t priv[32], const uint8_t pub[32],
               const uint8_t peer[32])
{
    EVP_PKEY *k = private_key(priv, pub);
    EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, 32);
    EVP_PKEY_CTX *c = k ? EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL) : NULL;
    size_t len = 32;
    int rc = PQS_E_INTERNAL;
    if (c != NULL && p != NULL && EVP_PKEY_derive_init(c) == 1 &&
        EVP_PKEY_derive_set_peer_ex(c, p, 0) == 1) {
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
