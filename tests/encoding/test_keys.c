/* Key files round-trip for every algorithm, in DER and PEM, as seed, expanded and both,
 * and the known DER prefixes match what OpenSSL 3.5 writes. */
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"
#include "pqsafe/keys.h"

static void same_key(const pqs_key *a, const pqs_key *b, const char *what)
{
    size_t la, lb;
    const uint8_t *pa = pqs_key_public_bytes(a, &la), *pb = pqs_key_public_bytes(b, &lb);
    CHECK(la == lb && memcmp(pa, pb, la) == 0, "%s %s: public key survives", pqs_key_alg(a), what);
    if (pqs_key_is_private(a) && pqs_key_is_private(b)) {
        pa = pqs_key_private_bytes(a, &la);
        pb = pqs_key_private_bytes(b, &lb);
        CHECK(la == lb && memcmp(pa, pb, la) == 0, "%s %s: private key survives", pqs_key_alg(a), what);
    }
}

static void round_trip(const char *alg)
{
    pqs_key *key, *back;
    uint8_t *buf;
    size_t len;
    if (!CHECK(pqs_key_generate(&key, alg) == 0, "generate %s", alg))
        return;
    CHECK(strcmp(pqs_key_alg(key), alg) == 0 && pqs_key_is_private(key), "%s: name", alg);
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        CHECK(pqs_key_encode_public(key, format, &buf, &len) == 0, "%s: encode public", alg);
        if (format == PQS_KEY_PEM)
            CHECK(memcmp(buf, "-----BEGIN PUBLIC KEY-----\n", 27) == 0, "%s: PEM label", alg);
        CHECK(pqs_key_parse(&back, buf, len) == 0, "%s: parse public (%s)", alg, pqs_error_detail());
        CHECK(!pqs_key_is_private(back), "%s: public key has no private part", alg);
        same_key(key, back, "public");
        pqs_key_free(back);
        pqs_key_buffer_free(buf, len);
        for (int form = PQS_KEY_FORM_SEED; form <= PQS_KEY_FORM_BOTH; form++) {
            CHECK(pqs_key_encode_private(key, format, form, &buf, &len) == 0, "%s: encode private form %d (%s)",
                  alg, form, pqs_error_detail());
            CHECK(pqs_key_parse(&back, buf, len) == 0, "%s: parse private form %d (%s)", alg, form,
                  pqs_error_detail());
            same_key(key, back, "private");
            pqs_key_free(back);
            pqs_key_buffer_free(buf, len);
        }
    }
    pqs_key_free(key);
}

/* OpenSSL 3.5 writes SPKI as 30 82 .. 30 0b 06 09 <OID> 03 82 .. 00 <key> and the
 * ML-KEM seed form as 80 40 <d||z>: check our bytes against those layouts. */
static void known_layouts(void)
{
    pqs_key *key;
    uint8_t *buf;
    size_t len;
    if (pqs_key_generate(&key, "ML-KEM-768") != 0)
        return;
    CHECK(pqs_key_encode_public(key, PQS_KEY_DER, &buf, &len) == 0, "DER public");
    CHECK(len == 1206 && memcmp(buf, "\x30\x82\x04\xb2\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x04\x02\x03\x82\x04\xa1\x00", 22) == 0,
          "ML-KEM-768 SPKI layout");
    pqs_key_buffer_free(buf, len);
    CHECK(pqs_key_encode_private(key, PQS_KEY_DER, PQS_KEY_FORM_SEED, &buf, &len) == 0, "DER seed");
    CHECK(len == 86 && memcmp(buf, "\x30\x54\x02\x01\x00\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x04\x02\x04\x42\x80\x40", 22) == 0,
          "ML-KEM-768 PKCS#8 seed layout");
    pqs_key_buffer_free(buf, len);
    pqs_key_free(key);
}

int main(void)
{
    const pqs_kem *k;
    const pqs_sig *s;
    for (size_t i = 0; (k = pqs_kem_at(i)) != NULL; i++)
        round_trip(k->name);
    for (size_t i = 0; (s = pqs_sig_at(i)) != NULL; i++)
        round_trip(s->name);
    known_layouts();
    pqs_key *key;
    CHECK(pqs_key_generate(&key, "RSA-2048") == PQS_E_UNSUPPORTED, "unknown algorithm refused");
    return pqs_test_done("test_encoding_keys");
}
