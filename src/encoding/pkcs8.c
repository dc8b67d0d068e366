/* PKCS#8 OneAsymmetricKey v1 (RFC 5958) for the NIST PQC algorithms. The privateKey
 * OCTET STRING holds, for ML-KEM and ML-DSA, the CHOICE of the LAMPS drafts
 *   seed [0] IMPLICIT OCTET STRING | expandedKey OCTET STRING |
 *   both SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }
 * and for SLH-DSA (and X-Wing) the raw private key. Reading checks that a seed and an
 * expanded key given together agree, and that an expanded key passes its FIPS check. */
#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
#include "core/error.h"
#include "der.h"
#include "key.h"

int pqs_der_read_algid(pqs_der_span *in, const pqs_keyfile_alg **alg);

/* The privateKey content for the requested form; *len set. Returns a malloc'd buffer. */
static uint8_t *private_content(const pqs_key *key, int form, size_t *len, int *rc)
{
    const pqs_keyfile_alg *alg = key->alg;
    size_t seed_tlv = pqs_der_header_len(key->seed_len) + key->seed_len;
    size_t exp_tlv = pqs_der_header_len(key->priv_len) + key->priv_len;
    uint8_t *buf, *p;
    *rc = PQS_OK;
    if (alg->private_form == PQS_KEYFORM_RAW) {
        *len = key->priv_len;
    } else if (form == PQS_KEY_FORM_SEED || form == PQS_KEY_FORM_BOTH) {
        if (key->seed_len == 0) {
            *rc = pqs_error_set(PQS_E_UNSUPPORTED,
                                "this %s key was read without its seed; write it as expanded", alg->name);
            return NULL;
        }
        *len = form == PQS_KEY_FORM_SEED ? seed_tlv
                                         : pqs_der_header_len(seed_tlv + exp_tlv) + seed_tlv + exp_tlv;
    } else if (form == PQS_KEY_FORM_EXPANDED) {
        *len = exp_tlv;
    } else {
        *rc = PQS_E_INVALID_ARG;
        return NULL;
    }
    p = buf = malloc(*len);
    if (buf == NULL) {
        *rc = PQS_E_NOMEM;
        return NULL;
    }
    if (alg->private_form == PQS_KEYFORM_RAW) {
        memcpy(p, key->priv, key->priv_len);
        return buf;
    }
    if (form == PQS_KEY_FORM_BOTH)
        p += pqs_der_put_header(p, PQS_DER_SEQUENCE, seed_tlv + exp_tlv);
    if (form != PQS_KEY_FORM_EXPANDED) {
        p += pqs_der_put_header(p, form == PQS_KEY_FORM_SEED ? PQS_DER_CONTEXT0 : PQS_DER_OCTET_STRING,
                                key->seed_len);
        memcpy(p, key->seed, key->seed_len);
        p += key->seed_len;
    }
    if (form != PQS_KEY_FORM_SEED) {
        p += pqs_der_put_header(p, PQS_DER_OCTET_STRING, key->priv_len);
        memcpy(p, key->priv, key->priv_len);
    }
    return buf;
}

/* 30 len { 02 01 00, 30 len { 06 len OID }, 04 len privateKey } */
int pqs_pkcs8_encode(const pqs_key *key, int form, uint8_t **out, size_t *out_len)
{
    int rc;
    size_t content_len;
    uint8_t *content = private_content(key, form, &content_len, &rc);
    if (content == NULL)
        return rc;
    size_t algid = 2 + 2 + key->alg->oid_len;
    size_t body = 3 + algid + pqs_der_header_len(content_len) + content_len;
    size_t total = pqs_der_header_len(body) + body;
    uint8_t *der = malloc(total), *p = der;
    if (der != NULL) {
        p += pqs_der_put_header(p, PQS_DER_SEQUENCE, body);
        *p++ = PQS_DER_INTEGER, *p++ = 1, *p++ = 0;
        p += pqs_der_put_header(p, PQS_DER_SEQUENCE, 2 + key->alg->oid_len);
        p += pqs_der_put_header(p, PQS_DER_OID, key->alg->oid_len);
        memcpy(p, key->alg->oid, key->alg->oid_len);
        p += key->alg->oid_len;
        p += pqs_der_put_header(p, PQS_DER_OCTET_STRING, content_len);
        memcpy(p, content, content_len);
    }
    pqs_wipe(content, content_len);
    free(content);
    if (der == NULL)
        return PQS_E_NOMEM;
    *out = der;
    *out_len = total;
    return PQS_OK;
}

/* An expanded key given with its seed must be the one the seed expands to. */
static int check_against_seed(pqs_key *k, const uint8_t *expanded, size_t len)
{
    if (len != k->priv_len)
        return pqs_error_set(PQS_E_DECODE, "%s expanded private key must be %zu bytes, not %zu",
                             k->alg->name, k->priv_len, len);
    uint8_t differ = pqs_ct_memneq(k->priv, expanded, len);
    PQS_CT_DECLASSIFY(&differ, sizeof differ);   /* the verdict on the file is public */
    if (differ)
        return pqs_error_set(PQS_E_INVALID_KEY, "%s private key: the seed and the expanded key do not match",
                             k->alg->name);
    return PQS_OK;
}

static int read_expanded(pqs_key *k, const uint8_t *p, size_t len)
{
    if (len != k->priv_len)
        return pqs_error_set(PQS_E_DECODE, "%s expanded private key must be %zu bytes, not %zu",
                             k->alg->name, k->priv_len, len);
    memcpy(k->priv, p, len);
    return pqs_key_public_from_private(k);
}

static int read_seed(pqs_key *k, const uint8_t *p, size_t len)
{
    if (len != k->alg->seed_bytes)
        return pqs_error_set(PQS_E_DECODE, "%s seed must be %u bytes, not %zu", k->alg->name,
                             k->alg->seed_bytes, len);
    return pqs_key_expand_seed(k, p, len);
}

/* The CHOICE of the LAMPS drafts, distinguished by its tag. */
static int read_choice(pqs_key *k, pqs_der_span pk)
{
    pqs_der_span a, b, both;
    int rc, tag = pqs_der_peek(&pk);
    if (tag == PQS_DER_CONTEXT0) {
        rc = pqs_der_read(&pk, PQS_DER_CONTEXT0, &a, "seed");
        rc = rc ? rc : read_seed(k, a.p, a.len);
    } else if (tag == PQS_DER_OCTET_STRING) {
        rc = pqs_der_read(&pk, PQS_DER_OCTET_STRING, &a, "expandedKey");
        rc = rc ? rc : read_expanded(k, a.p, a.len);
    } else if (tag == PQS_DER_SEQUENCE) {
        rc = pqs_der_read(&pk, PQS_DER_SEQUENCE, &both, "both");
        rc = rc ? rc : pqs_der_read(&both, PQS_DER_OCTET_STRING, &a, "seed");
        rc = rc ? rc : pqs_der_read(&both, PQS_DER_OCTET_STRING, &b, "expandedKey");
        if (rc == PQS_OK && both.len != 0)
            rc = pqs_error_set(PQS_E_DECODE, "trailing bytes inside the seed/expandedKey pair");
        rc = rc ? rc : read_seed(k, a.p, a.len);
        rc = rc ? rc : check_against_seed(k, b.p, b.len);
    } else {
        rc = pqs_error_set(PQS_E_DECODE, "%s private key is neither seed, expandedKey nor both",
                           k->alg->name);
    }
    if (rc == PQS_OK && pk.len != 0)
        rc = pqs_error_set(PQS_E_DECODE, "trailing bytes after the %s private key", k->alg->name);
    return rc;
}

static int read_raw(pqs_key *k, pqs_der_span pk)
{
    if (pk.len != k->priv_len)
        return pqs_error_set(PQS_E_DECODE, "%s private key must be %zu bytes, not %zu", k->alg->name,
                             k->priv_len, pk.len);
    memcpy(k->priv, pk.p, pk.len);
    return pqs_key_public_from_private(k);
}

int pqs_pkcs8_decode(pqs_key **key, const uint8_t *der, size_t len)
{
    pqs_der_span in = {der, len}, body, version, pk;
    const pqs_keyfile_alg *alg = NULL;
    int rc = pqs_der_read(&in, PQS_DER_SEQUENCE, &body, "PrivateKeyInfo");
    if (rc == PQS_OK && in.len != 0)
        rc = pqs_error_set(PQS_E_DECODE, "%zu trailing bytes after the private key", in.len);
    rc = rc ? rc : pqs_der_read(&body, PQS_DER_INTEGER, &version, "version");
    if (rc == PQS_OK && (version.len != 1 || version.p[0] != 0))
        rc = pqs_error_set(PQS_E_DECODE, "unsupported PKCS#8 version (only v1, value 0)");
    rc = rc ? rc : pqs_der_read_algid(&body, &alg);
    rc = rc ? rc : pqs_der_read(&body, PQS_DER_OCTET_STRING, &pk, "privateKey");
    if (rc == PQS_OK && body.len != 0)
        rc = pqs_error_set(PQS_E_DECODE, "PKCS#8 attributes or public key fields are not supported");
    if (rc != PQS_OK)
        return rc;
    pqs_key *k;
    rc = pqs_key_new(&k, alg, 1);
    if (rc != PQS_OK)
        return rc;
    rc = alg->private_form == PQS_KEYFORM_RAW ? read_raw(k, pk) : read_choice(k, pk);
    if (rc != PQS_OK) {
        pqs_key_free(k);
        return rc;
    }
    *key = k;
    return PQS_OK;
}
