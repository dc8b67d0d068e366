/* pqs_key: creation, expansion from seeds, accessors, and the parse/encode entry points
 * that pick between PEM and DER and between SPKI and PKCS#8. */
#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
#include "core/error.h"
#include "core/file.h"
#include "key.h"
#include "der.h"
#include "pem.h"

int pqs_key_new(pqs_key **key, const pqs_keyfile_alg *alg, int with_private)
{
    pqs_key *k = calloc(1, sizeof *k);
    if (k == NULL)
        return PQS_E_NOMEM;
    k->alg = alg;
    if (alg->is_kem)
        k->kem = pqs_kem_find(alg->name);
    else
        k->sig = pqs_sig_find(alg->name);
    if (k->kem == NULL && k->sig == NULL) {
        free(k);
        return pqs_error_set(PQS_E_UNSUPPORTED, "%s is not available in this build", alg->name);
    }
    k->pub_len = k->kem ? k->kem->ek_bytes : k->sig->pk_bytes;
    k->pub = malloc(k->pub_len);
    if (with_private) {
        k->priv_len = k->kem ? k->kem->dk_bytes : k->sig->sk_bytes;
        k->priv = malloc(k->priv_len);
    }
    if (k->pub == NULL || (with_private && k->priv == NULL)) {
        pqs_key_free(k);
        return PQS_E_NOMEM;
    }
    *key = k;
    return PQS_OK;
}

void pqs_key_free(pqs_key *key)
{
    if (key == NULL)
        return;
    if (key->priv != NULL)
        pqs_wipe(key->priv, key->priv_len);
    free(key->priv);
    free(key->pub);
    pqs_wipe(key, sizeof *key);
    free(key);
}

static size_t keygen_seed_bytes(const pqs_key *key)
{
    return key->kem ? key->kem->keygen_seed_bytes : key->sig->keygen_seed_bytes;
}

int pqs_key_expand_seed(pqs_key *key, const uint8_t *seed, size_t seed_len)
{
    if (seed_len != keygen_seed_bytes(key) || seed_len > PQS_KEY_MAX_SEED)
        return pqs_error_set(PQS_E_DECODE, "%s seed must be %zu bytes, not %zu", key->alg->name,
                             keygen_seed_bytes(key), seed_len);
    int rc = key->kem ? pqs_kem_keypair(key->kem, key->pub, key->priv, seed)
                      : pqs_sig_keypair(key->sig, key->pub, key->priv, seed);
    if (rc != PQS_OK)
        return rc;
    memcpy(key->seed, seed, seed_len);
    key->seed_len = seed_len;
    return PQS_OK;
}

int pqs_key_generate(pqs_key **key, const char *alg_name)
{
    uint8_t seed[PQS_KEY_MAX_SEED];
    const pqs_keyfile_alg *alg = pqs_key_alg_by_name(alg_name);
    if (key == NULL)
        return PQS_E_INVALID_ARG;
    if (alg == NULL)
        return pqs_error_set(PQS_E_UNSUPPORTED, "unknown algorithm '%s' (see 'pqsafe list')",
                             alg_name ? alg_name : "(null)");
    int rc = pqs_key_new(key, alg, 1);
    if (rc != PQS_OK)
        return rc;
    size_t n = keygen_seed_bytes(*key);
    rc = pqs_randombytes(seed, n);
    if (rc == PQS_OK)
        rc = pqs_key_expand_seed(*key, seed, n);
    pqs_wipe(seed, sizeof seed);
    if (rc != PQS_OK) {
        pqs_key_free(*key);
        *key = NULL;
    }
    return rc;
}

int pqs_key_parse(pqs_key **key, const uint8_t *in, size_t len)
{
    if (key == NULL || (in == NULL && len > 0))
        return PQS_E_INVALID_ARG;
    pqs_error_clear();
    *key = NULL;
    if (len > 0 && in[0] == PQS_DER_SEQUENCE) {
        /* DER: inside the outer SEQUENCE, PKCS#8 starts with its INTEGER version and
         * SubjectPublicKeyInfo with the AlgorithmIdentifier SEQUENCE. */
        pqs_der_span all = {in, len}, body;
        int is_pkcs8 = pqs_der_read(&all, PQS_DER_SEQUENCE, &body, "key") == PQS_OK &&
                       pqs_der_peek(&body) == PQS_DER_INTEGER;
        return is_pkcs8 ? pqs_pkcs8_decode(key, in, len) : pqs_spki_decode(key, in, len);
    }
    char label[PQS_PEM_MAX_LABEL];
    uint8_t *der = NULL;
    size_t der_len = 0;
    int rc = pqs_pem_decode(in, len, label, &der, &der_len);
    if (rc != PQS_OK)
        return rc;
    if (strcmp(label, "PUBLIC KEY") == 0)
        rc = pqs_spki_decode(key, der, der_len);
    else if (strcmp(label, "PRIVATE KEY") == 0)
        rc = pqs_pkcs8_decode(key, der, der_len);
    else
        rc = pqs_error_set(PQS_E_DECODE, "PEM label '%s' is not PUBLIC KEY or PRIVATE KEY", label);
    pqs_wipe(der, der_len);
    free(der);
    return rc;
}

int pqs_key_load(pqs_key **key, const char *path)
{
    uint8_t *buf;
    size_t len;
    int rc = pqs_read_file(path, 1u << 20, &buf, &len);
    if (rc != PQS_OK)
        return rc;
    rc = pqs_key_parse(key, buf, len);
    pqs_wipe(buf, len);
    free(buf);
    return rc;
}

static int to_format(int format, const char *label, uint8_t *der, size_t der_len,
                     uint8_t **out, size_t *out_len)
{
    if (format == PQS_KEY_DER) {
        *out = der;
        *out_len = der_len;
        return PQS_OK;
    }
    int rc = format == PQS_KEY_PEM ? pqs_pem_encode(label, der, der_len, out, out_len)
                                   : PQS_E_INVALID_ARG;
    pqs_wipe(der, der_len);
    free(der);
    return rc;
}

int pqs_key_encode_public(const pqs_key *key, int format, uint8_t **out, size_t *out_len)
{
    uint8_t *der;
    size_t der_len;
    if (key == NULL || out == NULL || out_len == NULL)
        return PQS_E_INVALID_ARG;
    int rc = pqs_spki_encode(key, &der, &der_len);
    return rc != PQS_OK ? rc : to_format(format, "PUBLIC KEY", der, der_len, out, out_len);
}

int pqs_key_encode_private(const pqs_key *key, int format, int form, uint8_t **out, size_t *out_len)
{
    uint8_t *der;
    size_t der_len;
    if (key == NULL || out == NULL || out_len == NULL)
        return PQS_E_INVALID_ARG;
    if (key->priv == NULL)
        return pqs_error_set(PQS_E_INVALID_KEY, "this is a public key; it has no private part");
    int rc = pqs_pkcs8_encode(key, form, &der, &der_len);
    return rc != PQS_OK ? rc : to_format(format, "PRIVATE KEY", der, der_len, out, out_len);
}

void pqs_key_buffer_free(uint8_t *buf, size_t len)
{
    if (buf != NULL)
        pqs_wipe(buf, len);
    free(buf);
}

const char *pqs_key_alg(const pqs_key *key) { return key ? key->alg->name : NULL; }
const pqs_kem *pqs_key_kem(const pqs_key *key) { return key ? key->kem : NULL; }
const pqs_sig *pqs_key_sig(const pqs_key *key) { return key ? key->sig : NULL; }
int pqs_key_is_private(const pqs_key *key) { return key != NULL && key->priv != NULL; }

const uint8_t *pqs_key_public_bytes(const pqs_key *key, size_t *len)
{
    if (len)
        *len = key ? key->pub_len : 0;
    return key ? key->pub : NULL;
}

const uint8_t *pqs_key_private_bytes(const pqs_key *key, size_t *len)
{
    if (len)
        *len = key && key->priv ? key->priv_len : 0;
    return key ? key->priv : NULL;
}

int pqs_key_from_raw(pqs_key **key, const char *alg_name, const uint8_t *pub, size_t pub_len,
                     const uint8_t *priv, size_t priv_len)
{
    const pqs_keyfile_alg *alg = pqs_key_alg_by_name(alg_name);
    if (key == NULL || pub == NULL)
        return PQS_E_INVALID_ARG;
    if (alg == NULL)
        return pqs_error_set(PQS_E_UNSUPPORTED, "unknown algorithm '%s'", alg_name ? alg_name : "");
    pqs_key *k;
    int rc = pqs_key_new(&k, alg, priv != NULL);
    if (rc != PQS_OK)
        return rc;
    if (pub_len != k->pub_len || (priv != NULL && priv_len != k->priv_len)) {
        pqs_key_free(k);
        return pqs_error_set(PQS_E_INVALID_ARG, "wrong key length for %s", alg->name);
    }
    memcpy(k->pub, pub, pub_len);
    if (priv != NULL)
        memcpy(k->priv, priv, priv_len);
    *key = k;
    return PQS_OK;
}
