/* The classical halves of the hybrids: X25519 (RFC 7748) and ECDH over P-256 / P-384
 * (SEC 1, uncompressed points), done by OpenSSL's default provider through EVP in the
 * provider's child library context. The property query names the default provider, so a
 * fetch can never come back into this provider. A peer's share is validated here: a
 * P-256/P-384 point must be uncompressed and on the curve; an X25519 share that gives the
 * all-zero secret is refused by OpenSSL's derive (RFC 7748 §6.1). */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/params.h>

#include "pqsafe/common.h"
#include "prov.h"

static const char *ec_keytype(const pqs_prov_alg *alg)
{
    return alg->ec == PQS_EC_X25519 ? "X25519" : "EC";
}

int pqs_prov_ec_keygen(pqs_prov_ctx *prov, const pqs_prov_alg *alg, EVP_PKEY **key,
                       uint8_t *pub)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(prov->libctx, ec_keytype(alg),
                                                   PQS_PROV_CLASSICAL_PROPQ);
    EVP_PKEY *k = NULL;
    size_t len = 0;
    int ok = ctx != NULL && EVP_PKEY_keygen_init(ctx) > 0;
    if (ok && alg->ec_group != NULL) {
        OSSL_PARAM params[2] = {
            OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)alg->ec_group, 0),
            OSSL_PARAM_END};
        ok = EVP_PKEY_CTX_set_params(ctx, params) > 0;
    }
    ok = ok && EVP_PKEY_keygen(ctx, &k) > 0;
    /* X25519: the 32 raw bytes; EC: the uncompressed point (the default format). */
    ok = ok && EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pub,
                                               alg->ec_pub_bytes, &len) &&
         len == alg->ec_pub_bytes && (alg->ec == PQS_EC_X25519 || pub[0] == 0x04);
    EVP_PKEY_CTX_free(ctx);
    if (!ok) {
        EVP_PKEY_free(k);
        PQS_PROV_ERR(prov, PQS_PROV_R_CLASSICAL, "%s key generation failed",
                     alg->ec_group ? alg->ec_group : "X25519");
        return 0;
    }
    *key = k;
    return 1;
}

int pqs_prov_ec_peer(pqs_prov_ctx *prov, const pqs_prov_alg *alg, const uint8_t *pub,
                     EVP_PKEY **peer)
{
    EVP_PKEY *k = NULL;
    if (alg->ec == PQS_EC_X25519) {
        k = EVP_PKEY_new_raw_public_key_ex(prov->libctx, "X25519", PQS_PROV_CLASSICAL_PROPQ,
                                           pub, alg->ec_pub_bytes);
    } else if (pub[0] == 0x04) {   /* the draft allows only the uncompressed form */
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(prov->libctx, "EC",
                                                       PQS_PROV_CLASSICAL_PROPQ);
        OSSL_PARAM params[3] = {
            OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)alg->ec_group, 0),
            OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)pub, alg->ec_pub_bytes),
            OSSL_PARAM_END};
        /* fromdata decodes the point and refuses one that is not on the curve. */
        if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) <= 0 ||
            EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
            EVP_PKEY_free(k);
            k = NULL;
        }
        EVP_PKEY_CTX_free(ctx);
        if (k != NULL) {
            /* And the quick public check again (not the point at infinity, on the curve). */
            ctx = EVP_PKEY_CTX_new_from_pkey(prov->libctx, k, PQS_PROV_CLASSICAL_PROPQ);
            if (ctx == NULL || EVP_PKEY_public_check_quick(ctx) <= 0) {
                EVP_PKEY_free(k);
                k = NULL;
            }
            EVP_PKEY_CTX_free(ctx);
        }
    }
    if (k == NULL) {
        PQS_PROV_ERR(prov, PQS_PROV_R_BAD_EC_POINT, "invalid %s public key in the key share",
                     alg->ec_group ? alg->ec_group : "X25519");
        return 0;
    }
    *peer = k;
    return 1;
}

int pqs_prov_ec_derive(pqs_prov_ctx *prov, const pqs_prov_alg *alg, EVP_PKEY *own,
                       EVP_PKEY *peer, uint8_t *ss)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(prov->libctx, own, PQS_PROV_CLASSICAL_PROPQ);
    size_t len = alg->ec_ss_bytes;
    /* The peer was validated by pqs_prov_ec_peer: skip the slow full check here. */
    int ok = ctx != NULL && EVP_PKEY_derive_init(ctx) > 0 &&
             EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) > 0 &&
             EVP_PKEY_derive(ctx, ss, &len) > 0 && len == alg->ec_ss_bytes;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) {
        pqs_wipe(ss, alg->ec_ss_bytes);
        PQS_PROV_ERR(prov, PQS_PROV_R_CLASSICAL, "%s key agreement failed",
                     alg->ec_group ? alg->ec_group : "X25519");
    }
    return ok;
}
