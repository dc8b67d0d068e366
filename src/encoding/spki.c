/* SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for the NIST PQC algorithms: the
 * AlgorithmIdentifier carries only the OID (parameters absent, as every LAMPS draft
 * requires) and the BIT STRING holds the raw FIPS public key. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "der.h"
#include "key.h"

/* 30 len { 30 len { 06 len OID } 03 len 00 key } */
int pqs_spki_encode(const pqs_key *key, uint8_t **out, size_t *out_len)
{
    size_t oid_tlv = 2 + key->alg->oid_len;
    size_t algid = 2 + oid_tlv;
    size_t bits = 1 + key->pub_len;
    size_t body = algid + pqs_der_header_len(bits) + bits;
    size_t total = pqs_der_header_len(body) + body;
    uint8_t *der = malloc(total), *p = der;
    if (der == NULL)
        return PQS_E_NOMEM;
    p += pqs_der_put_header(p, PQS_DER_SEQUENCE, body);
    p += pqs_der_put_header(p, PQS_DER_SEQUENCE, oid_tlv);
    p += pqs_der_put_header(p, PQS_DER_OID, key->alg->oid_len);
    memcpy(p, key->alg->oid, key->alg->oid_len);
    p += key->alg->oid_len;
    p += pqs_der_put_header(p, PQS_DER_BIT_STRING, bits);
    *p++ = 0;   /* no unused bits */
    memcpy(p, key->pub, key->pub_len);
    *out = der;
    *out_len = total;
    return PQS_OK;
}

/* Read "SEQUENCE { OID }" and find the algorithm; shared with PKCS#8. */
int pqs_der_read_algid(pqs_der_span *in, const pqs_keyfile_alg **alg);

int pqs_der_read_algid(pqs_der_span *in, const pqs_keyfile_alg **alg)
{
    pqs_der_span algid, oid;
    int rc = pqs_der_read(in, PQS_DER_SEQUENCE, &algid, "AlgorithmIdentifier");
    if (rc == PQS_OK)
        rc = pqs_der_read(&algid, PQS_DER_OID, &oid, "algorithm OID");
    if (rc != PQS_OK)
        return rc;
    if (algid.len != 0)
        return pqs_error_set(PQS_E_DECODE, "AlgorithmIdentifier parameters must be absent");
    *alg = pqs_key_alg_by_oid(oid.p, oid.len);
    if (*alg == NULL) {
        char text[96];
        pqs_oid_to_text(text, sizeof text, oid.p, oid.len);
        return pqs_error_set(PQS_E_DECODE, "unknown algorithm OID %s", text);
    }
    return PQS_OK;
}

int pqs_spki_decode(pqs_key **key, const uint8_t *der, size_t len)
{
    pqs_der_span in = {der, len}, spki, bits;
    const pqs_keyfile_alg *alg;
    int rc = pqs_der_read(&in, PQS_DER_SEQUENCE, &spki, "SubjectPublicKeyInfo");
    if (rc == PQS_OK && in.len != 0)
        rc = pqs_error_set(PQS_E_DECODE, "%zu trailing bytes after the public key", in.len);
    if (rc == PQS_OK)
        rc = pqs_der_read_algid(&spki, &alg);
    if (rc == PQS_OK)
        rc = pqs_der_read(&spki, PQS_DER_BIT_STRING, &bits, "subjectPublicKey");
    if (rc == PQS_OK && spki.len != 0)
        rc = pqs_error_set(PQS_E_DECODE, "unexpected data after subjectPublicKey");
    if (rc == PQS_OK && (bits.len == 0 || bits.p[0] != 0))
        rc = pqs_error_set(PQS_E_DECODE, "subjectPublicKey must have no unused bits");
    if (rc != PQS_OK)
        return rc;
    pqs_key *k;
    rc = pqs_key_new(&k, alg, 0);
    if (rc != PQS_OK)
        return rc;
    if (bits.len - 1 != k->pub_len) {
        rc = pqs_error_set(PQS_E_DECODE, "%s public key must be %zu bytes, not %zu", alg->name,
                           k->pub_len, bits.len - 1);
    } else {
        memcpy(k->pub, bits.p + 1, k->pub_len);
        /* FIPS 203 §7.2: an encapsulation key must pass the modulus check before use. */
        if (k->kem != NULL && pqs_kem_check_ek(k->kem, k->pub) != PQS_OK)
            rc = pqs_error_set(PQS_E_INVALID_KEY, "%s public key fails the FIPS 203 modulus check",
                               alg->name);
    }
    if (rc != PQS_OK) {
        pqs_key_free(k);
        return rc;
    }
    *key = k;
    return PQS_OK;
}
