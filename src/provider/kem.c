/* KEM (provider-kem(7)) for pure ML-KEM and the draft-ietf-tls-ecdhe-mlkem hybrids.
 *
 * In TLS 1.3 the server encapsulates to the client's share: the server's key share is
 * the ciphertext (with its own ephemeral EC point for a hybrid) and the client
 * decapsulates it. The hybrid secret is the concatenation of draft-ietf-tls-ecdhe-mlkem
 * §3: ML-KEM's K first for X25519MLKEM768, the ECDH secret first for SecP*MLKEM*.
 * A ciphertext of the wrong length or a bad EC point is an error (libssl answers with an
 * alert); an ML-KEM ciphertext of the right length is never an error (FIPS 203 implicit
 * rejection). */
#include <string.h>

#include <openssl/crypto.h>

#include "pqsafe/common.h"
#include "prov.h"

typedef struct {
    pqs_prov_ctx *prov;
    pqs_prov_key *key;   /* borrowed from the EVP_PKEY */
} kem_ctx;

static void *kem_newctx(void *provctx)
{
    kem_ctx *c = OPENSSL_zalloc(sizeof *c);
    if (c != NULL)
        c->prov = provctx;
    return c;
}

static void kem_freectx(void *vctx) { OPENSSL_free(vctx); }

static void *kem_dupctx(void *vctx)
{
    kem_ctx *c = OPENSSL_malloc(sizeof *c);
    if (c != NULL)
        memcpy(c, vctx, sizeof *c);
    return c;
}

static int kem_encapsulate_init(void *vctx, void *vkey, const OSSL_PARAM params[])
{
    kem_ctx *c = vctx;
    pqs_prov_key *key = vkey;
    (void)params;
    if (key == NULL || !key->has_pub || (key->alg->ec != PQS_EC_NONE && key->ec == NULL)) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_NO_KEY, "encapsulation needs a public key");
        return 0;
    }
    c->key = key;
    return 1;
}

static int kem_decapsulate_init(void *vctx, void *vkey, const OSSL_PARAM params[])
{
    kem_ctx *c = vctx;
    pqs_prov_key *key = vkey;
    (void)params;
    if (key == NULL || !key->has_priv || (key->alg->ec != PQS_EC_NONE && key->ec == NULL)) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_NO_KEY, "decapsulation needs a private key");
        return 0;
    }
    c->key = key;
    return 1;
}

/* out = first || second, for the share and the secret alike. */
static void concat(uint8_t *out, int ec_first, const uint8_t *kem, size_t kem_len,
                   const uint8_t *ec, size_t ec_len)
{
    if (ec_first) {
        memcpy(out, ec, ec_len);
        memcpy(out + ec_len, kem, kem_len);
    } else {
        memcpy(out, kem, kem_len);
        memcpy(out + kem_len, ec, ec_len);
    }
}

static int kem_encapsulate(void *vctx, unsigned char *out, size_t *outlen,
                           unsigned char *secret, size_t *secretlen)
{
    kem_ctx *c = vctx;
    if (c->key == NULL)
        return 0;
    const pqs_prov_alg *a = c->key->alg;
    size_t ct_len = pqs_prov_ct_bytes(a), ss_len = pqs_prov_ss_bytes(a);
    if (out == NULL || secret == NULL) {   /* a size query */
        if (outlen != NULL)
            *outlen = ct_len;
        if (secretlen != NULL)
            *secretlen = ss_len;
        return outlen != NULL || secretlen != NULL;
    }
    if (outlen == NULL || secretlen == NULL || *outlen < ct_len || *secretlen < ss_len) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_BAD_LENGTH, "output buffers too small for %s", a->name);
        return 0;
    }
    uint8_t m[PQS_MLKEM_SYM_BYTES], ct[PQS_MLKEM_CT_MAX], k[PQS_MLKEM_SS_BYTES];
    uint8_t ec_ss[PQS_PROV_EC_SS_MAX], ec_pub[PQS_PROV_EC_PUB_MAX];
    EVP_PKEY *eph = NULL;
    int ok = 0;
    if (pqs_randombytes(m, sizeof m) != PQS_OK) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_RANDOM, "the system random source failed");
        goto done;
    }
    /* FIPS 203 Algorithm 17 after the §7.2 check (done again inside). */
    if (pqs_mlkem_encaps_derand(a->mlkem, ct, k, c->key->ek, m) != 0) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_INVALID_KEY, "%s encapsulation key is invalid", a->name);
        goto done;
    }
    if (a->ec != PQS_EC_NONE &&
        (!pqs_prov_ec_keygen(c->prov, a, &eph, ec_pub) ||
         !pqs_prov_ec_derive(c->prov, a, eph, c->key->ec, ec_ss)))
        goto done;
    concat(out, a->ec_first, ct, a->mlkem->ct_bytes, ec_pub, a->ec_pub_bytes);
    concat(secret, a->ec_first, k, sizeof k, ec_ss, a->ec_ss_bytes);
    *outlen = ct_len;
    *secretlen = ss_len;
    ok = 1;
done:
    EVP_PKEY_free(eph);
    pqs_wipe(m, sizeof m);
    pqs_wipe(k, sizeof k);
    pqs_wipe(ec_ss, sizeof ec_ss);
    return ok;
}

static int kem_decapsulate(void *vctx, unsigned char *out, size_t *outlen,
                           const unsigned char *in, size_t inlen)
{
    kem_ctx *c = vctx;
    if (c->key == NULL || outlen == NULL)
        return 0;
    const pqs_prov_alg *a = c->key->alg;
    size_t ct_len = pqs_prov_ct_bytes(a), ss_len = pqs_prov_ss_bytes(a);
    if (out == NULL) {   /* a size query */
        *outlen = ss_len;
        return 1;
    }
    if (in == NULL || inlen != ct_len) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_BAD_LENGTH, "%s ciphertext must be %zu bytes, not %zu",
                     a->name, ct_len, inlen);
        return 0;
    }
    if (*outlen < ss_len) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_BAD_LENGTH, "output buffer too small for %s", a->name);
        return 0;
    }
    const uint8_t *ct = a->ec_first ? in + a->ec_pub_bytes : in;
    const uint8_t *ec = a->ec_first ? in : in + a->mlkem->ct_bytes;
    uint8_t k[PQS_MLKEM_SS_BYTES], ec_ss[PQS_PROV_EC_SS_MAX];
    EVP_PKEY *peer = NULL;
    int ok = 0;
    /* FIPS 203 Algorithm 18 after the §7.3 check of dk; implicit rejection inside. */
    if (pqs_mlkem_decaps(a->mlkem, k, ct, c->key->dk) != 0) {
        PQS_PROV_ERR(c->prov, PQS_PROV_R_INVALID_KEY, "%s decapsulation key is invalid", a->name);
        goto done;
    }
    if (a->ec != PQS_EC_NONE &&
        (!pqs_prov_ec_peer(c->prov, a, ec, &peer) ||
         !pqs_prov_ec_derive(c->prov, a, c->key->ec, peer, ec_ss)))
        goto done;
    concat(out, a->ec_first, k, sizeof k, ec_ss, a->ec_ss_bytes);
    *outlen = ss_len;
    ok = 1;
done:
    EVP_PKEY_free(peer);
    pqs_wipe(k, sizeof k);
    pqs_wipe(ec_ss, sizeof ec_ss);
    return ok;
}

static int kem_set_ctx_params(void *vctx, const OSSL_PARAM params[])
{
    (void)vctx;
    (void)params;
    return 1;
}

static const OSSL_PARAM *kem_settable_ctx_params(void *vctx, void *provctx)
{
    static const OSSL_PARAM none[] = {OSSL_PARAM_END};
    (void)vctx;
    (void)provctx;
    return none;
}

const OSSL_DISPATCH pqs_prov_kem_functions[] = {
    {OSSL_FUNC_KEM_NEWCTX, (void (*)(void))kem_newctx},
    {OSSL_FUNC_KEM_FREECTX, (void (*)(void))kem_freectx},
    {OSSL_FUNC_KEM_DUPCTX, (void (*)(void))kem_dupctx},
    {OSSL_FUNC_KEM_ENCAPSULATE_INIT, (void (*)(void))kem_encapsulate_init},
    {OSSL_FUNC_KEM_ENCAPSULATE, (void (*)(void))kem_encapsulate},
    {OSSL_FUNC_KEM_DECAPSULATE_INIT, (void (*)(void))kem_decapsulate_init},
    {OSSL_FUNC_KEM_DECAPSULATE, (void (*)(void))kem_decapsulate},
    {OSSL_FUNC_KEM_SET_CTX_PARAMS, (void (*)(void))kem_set_ctx_params},
    {OSSL_FUNC_KEM_SETTABLE_CTX_PARAMS, (void (*)(void))kem_settable_ctx_params},
    {0, NULL}};
