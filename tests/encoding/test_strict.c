/* Strict reading: every malformed key file gets a clear error, never a crash or a
 * half-read key. */
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"
#include "pqsafe/keys.h"

static int parse_fails(const uint8_t *buf, size_t len, int want, const char *detail_part)
{
    pqs_key *k = NULL;
    int rc = pqs_key_parse(&k, buf, len);
    if (rc == 0) {
        pqs_key_free(k);
        return 0;
    }
    if (want != 0 && rc != want)
        return 0;
    return detail_part == NULL || strstr(pqs_error_detail(), detail_part) != NULL;
}

static uint8_t *encode(pqs_key *key, int private_form, int format, size_t *len)
{
    uint8_t *buf;
    int rc = private_form < 0 ? pqs_key_encode_public(key, format, &buf, len)
                              : pqs_key_encode_private(key, format, private_form, &buf, len);
    return rc == 0 ? buf : NULL;
}

static void der_cases(pqs_key *key, int private_form, const char *what)
{
    size_t len;
    uint8_t *der = encode(key, private_form, PQS_KEY_DER, &len);
    uint8_t *buf = malloc(len + 1);
    int bad = 0;
    for (size_t cut = 0; cut < len; cut++)
        bad += !parse_fails(der, cut, 0, NULL);
    CHECK(bad == 0, "%s: %d truncations accepted", what, bad);
    memcpy(buf, der, len);
    buf[len] = 0;
    CHECK(parse_fails(buf, len + 1, PQS_E_DECODE, "trailing"), "%s: trailing byte (%s)", what,
          pqs_error_detail());
    /* The OID's last arc: 2.16.840.1.101.3.4.x.127 is nobody's. */
    size_t oid_at = 0;
    while (oid_at + 9 < len && memcmp(der + oid_at, "\x60\x86\x48\x01\x65\x03\x04", 7) != 0)
        oid_at++;
    oid_at += 8;
    memcpy(buf, der, len);
    buf[oid_at] = 0x7f;
    CHECK(parse_fails(buf, len, PQS_E_DECODE, "unknown algorithm OID"), "%s: unknown OID (%s)", what,
          pqs_error_detail());
    /* Every single-byte corruption is either refused or yields a well-formed key. */
    for (size_t i = 0; i < len; i++) {
        pqs_key *k = NULL;
        memcpy(buf, der, len);
        buf[i] ^= 0x5a;
        if (pqs_key_parse(&k, buf, len) == 0)
            pqs_key_free(k);
    }
    free(buf);
    pqs_key_buffer_free(der, len);
}

static void wrong_lengths(void)
{
    /* A hand-made SPKI for ML-DSA-44 whose key is one byte short. */
    uint8_t spki[1400];
    size_t key_len = 1311, body = 13 + 4 + 1 + key_len;
    size_t n = 0;
    spki[n++] = 0x30, spki[n++] = 0x82, spki[n++] = (uint8_t)(body >> 8), spki[n++] = (uint8_t)body;
    memcpy(spki + n, "\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x03\x11", 13);
    n += 13;
    spki[n++] = 0x03, spki[n++] = 0x82, spki[n++] = (uint8_t)((key_len + 1) >> 8),
    spki[n++] = (uint8_t)(key_len + 1), spki[n++] = 0;
    memset(spki + n, 7, key_len);
    n += key_len;
    CHECK(parse_fails(spki, n, PQS_E_DECODE, "must be 1312 bytes"), "short key (%s)", pqs_error_detail());
    /* Parameters present (NULL) in the AlgorithmIdentifier. */
    uint8_t withnull[] = {0x30, 0x13, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
                          0x04, 0x03, 0x11, 0x05, 0x00, 0x03, 0x02, 0x00, 0x01};
    CHECK(parse_fails(withnull, sizeof withnull, PQS_E_DECODE, "parameters must be absent"),
          "parameters refused (%s)", pqs_error_detail());
    /* A non-minimal length (long form for a short length). */
    uint8_t longform[] = {0x30, 0x81, 0x05, 0x30, 0x03, 0x06, 0x01, 0x00};
    CHECK(parse_fails(longform, sizeof longform, PQS_E_DECODE, "minimal"), "non-minimal length (%s)",
          pqs_error_detail());
}

static void inconsistent_private(void)
{
    pqs_key *key;
    size_t len;
    if (pqs_key_generate(&key, "ML-KEM-512") != 0)
        return;
    /* both = SEQUENCE { seed, expanded }: change a byte of the expanded key. */
    uint8_t *der = encode(key, PQS_KEY_FORM_BOTH, PQS_KEY_DER, &len);
    der[len - 100] ^= 1;
    CHECK(parse_fails(der, len, PQS_E_INVALID_KEY, "do not match"), "seed/expanded mismatch (%s)",
          pqs_error_detail());
    pqs_key_buffer_free(der, len);
    /* expanded only, with H(ek) altered: the FIPS 203 §7.3 hash check refuses it. */
    der = encode(key, PQS_KEY_FORM_EXPANDED, PQS_KEY_DER, &len);
    der[len - 40] ^= 1;
    CHECK(parse_fails(der, len, PQS_E_INVALID_KEY, "hash check"), "modified H refused (%s)",
          pqs_error_detail());
    pqs_key_buffer_free(der, len);
    /* A public key with a coefficient >= q fails the §7.2 modulus check. */
    der = encode(key, -1, PQS_KEY_DER, &len);
    memset(der + 22, 0xff, 3);
    CHECK(parse_fails(der, len, PQS_E_INVALID_KEY, "modulus check"), "ek modulus check (%s)",
          pqs_error_detail());
    pqs_key_buffer_free(der, len);
    pqs_key_free(key);
}

static void pem_cases(pqs_key *key)
{
    size_t len;
    uint8_t *pem = encode(key, -1, PQS_KEY_PEM, &len);
    char *t = malloc(len + 64);
    struct { const char *what, *from, *to, *detail; } cases[] = {
        {"label", "BEGIN PUBLIC KEY", "BEGIN PUBLIC KEX", "does not match"},
        {"end label", "END PUBLIC KEY", "END PRIVATE KEY", "does not match"},
        {"unknown label", "PUBLIC KEY-----\n", "CERTIFICATE-----\n", NULL},
        {"bad character", "\n", "\n*", "invalid base64"},
        {"no END", "-----END", "-----FIN", "END"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        memcpy(t, pem, len + 1);
        char *at = strstr(t, cases[c].from);
        if (cases[c].detail == NULL) {   /* replace both labels */
            char *end = strstr(t, "END PUBLIC KEY-----");
            memcpy(end + 4, "CERTIFICATE-", 12);
            memmove(end + 16, end + 18, strlen(end + 18) + 1);
            at = strstr(t, "PUBLIC KEY-----\n");
        }
        size_t fl = strlen(cases[c].from), tl = strlen(cases[c].to);
        memmove(at + tl, at + fl, strlen(at + fl) + 1);
        memcpy(at, cases[c].to, tl);
        CHECK(parse_fails((uint8_t *)t, strlen(t), PQS_E_DECODE, cases[c].detail), "PEM %s (%s)",
              cases[c].what, pqs_error_detail());
    }
    memcpy(t, pem, len + 1);
    strcat(t, "junk\n");
    CHECK(parse_fails((uint8_t *)t, strlen(t), PQS_E_DECODE, "after the END"), "PEM trailing data (%s)",
          pqs_error_detail());
    /* Whitespace around the block is fine. */
    snprintf(t, len + 64, "\n  %s\n\n", (char *)pem);
    pqs_key *k = NULL;
    CHECK(pqs_key_parse(&k, (uint8_t *)t, strlen(t)) == 0, "PEM with surrounding blank lines");
    pqs_key_free(k);
    free(t);
    pqs_key_buffer_free(pem, len);
    /* Non-canonical padding: "AB==" has non-zero dropped bits. */
    const char *np = "-----BEGIN PUBLIC KEY-----\nAB==\n-----END PUBLIC KEY-----\n";
    CHECK(parse_fails((const uint8_t *)np, strlen(np), PQS_E_DECODE, "non-canonical"), "padding (%s)",
          pqs_error_detail());
}

int main(void)
{
    pqs_key *mldsa, *slh;
    if (!CHECK(pqs_key_generate(&mldsa, "ML-DSA-44") == 0 &&
                   pqs_key_generate(&slh, "SLH-DSA-SHAKE-128f") == 0, "generate"))
        return pqs_test_done("test_encoding_strict");
    der_cases(mldsa, -1, "ML-DSA-44 SPKI");
    der_cases(mldsa, PQS_KEY_FORM_SEED, "ML-DSA-44 PKCS#8 seed");
    der_cases(slh, -1, "SLH-DSA SPKI");
    wrong_lengths();
    inconsistent_private();
    pem_cases(mldsa);
    pqs_key_free(mldsa);
    pqs_key_free(slh);
    return pqs_test_done("test_encoding_strict");
}
