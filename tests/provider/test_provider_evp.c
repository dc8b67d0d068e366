/* The provider through EVP, in a library context of its own: ML-KEM keys generated from a
 * seed equal pqsafe's, EVP encapsulation and pqsafe decapsulation agree both ways, the
 * hybrids run the TLS 1.3 flow (client keygen, server key from the share, encapsulate,
 * decapsulate) with the sizes of draft-ietf-tls-ecdhe-mlkem, hostile shares and
 * ciphertexts are refused with an error on the queue, and key files go through the
 * provider's decoders and encoders byte-identically to pqsafe's own encoding.
 * argv[1]: the folder holding pqsafe.so. */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

#include "pqs_test.h"
#include "pqsafe/keys.h"

static OSSL_LIB_CTX *g_ctx;

typedef struct {
    const char *name;
    size_t pub, ct, ss;
    int ec_first;
    size_t ec_len;
} alg_info;

static const alg_info g_algs[] = {
    {"ML-KEM-512", 800, 768, 32, 0, 0},
    {"ML-KEM-768", 1184, 1088, 32, 0, 0},
    {"ML-KEM-1024", 1568, 1568, 32, 0, 0},
    {"X25519MLKEM768", 1184 + 32, 1088 + 32, 64, 0, 32},
    {"SecP256r1MLKEM768", 65 + 1184, 65 + 1088, 64, 1, 65},
    {"SecP384r1MLKEM1024", 97 + 1568, 97 + 1568, 80, 1, 97},
};

static EVP_PKEY *keygen(const char *alg, const uint8_t *seed)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(g_ctx, alg, NULL);
    if (c == NULL || EVP_PKEY_keygen_init(c) <= 0)
        goto out;
    if (seed != NULL) {
        OSSL_PARAM p[2] = {OSSL_PARAM_construct_octet_string("seed", (void *)seed, 64),
                           OSSL_PARAM_construct_end()};
        if (EVP_PKEY_CTX_set_params(c, p) <= 0)
            goto out;
    }
    EVP_PKEY_keygen(c, &k);
out:
    EVP_PKEY_CTX_free(c);
    return k;
}

/* The server's view: an empty key of the group (libssl uses paramgen), then the share. */
static EVP_PKEY *server_key(const char *alg, const uint8_t *share, size_t len)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(g_ctx, alg, NULL);
    if (c == NULL || EVP_PKEY_paramgen_init(c) <= 0 || EVP_PKEY_paramgen(c, &k) <= 0) {
        EVP_PKEY_CTX_free(c);
        return NULL;
    }
    EVP_PKEY_CTX_free(c);
    if (EVP_PKEY_set1_encoded_public_key(k, share, len) <= 0) {
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

static int encaps(EVP_PKEY *pub, uint8_t *ct, size_t *ct_len, uint8_t *ss, size_t *ss_len)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(g_ctx, pub, NULL);
    int ok = c != NULL && EVP_PKEY_encapsulate_init(c, NULL) > 0 &&
             EVP_PKEY_encapsulate(c, ct, ct_len, ss, ss_len) > 0;
    EVP_PKEY_CTX_free(c);
    return ok;
}

static int decaps(EVP_PKEY *priv, uint8_t *ss, size_t *ss_len, const uint8_t *ct, size_t ct_len)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(g_ctx, priv, NULL);
    int ok = c != NULL && EVP_PKEY_decapsulate_init(c, NULL) > 0 &&
             EVP_PKEY_decapsulate(c, ss, ss_len, ct, ct_len) > 0;
    EVP_PKEY_CTX_free(c);
    return ok;
}

/* An operation that must fail must also leave an error on the queue. */
static void expect_error(int ok, const char *what)
{
    CHECK(!ok, "%s was accepted", what);
    CHECK(ERR_peek_error() != 0, "%s failed without an error on the queue", what);
    ERR_clear_error();
}

/* Pure ML-KEM: the provider equals pqsafe's own API (same seed, crossed KEM). */
static void test_pure(const alg_info *a)
{
    const pqs_kem *kem = pqs_kem_find(a->name);
    uint8_t seed[64], ek[1568], dk[3168], ct[1568], ss[32], ss2[32], share[1568];
    uint8_t pub[1568], priv[3168];
    size_t len, pub_len = 0, priv_len = 0, ct_len, ss_len;
    pqs_test_rand(seed, sizeof seed);
    EVP_PKEY *k = keygen(a->name, seed);
    if (!CHECK(k != NULL && kem != NULL, "%s keygen", a->name))
        return;
    CHECK(pqs_kem_keypair(kem, ek, dk, seed) == 0, "pqs keypair");
    CHECK(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pub_len) &&
              pub_len == a->pub && memcmp(pub, ek, pub_len) == 0,
          "%s: ek from the seed differs from pqsafe's", a->name);
    CHECK(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PRIV_KEY, priv, sizeof priv, &priv_len) &&
              priv_len == kem->dk_bytes && memcmp(priv, dk, priv_len) == 0,
          "%s: dk from the seed differs from pqsafe's", a->name);
    CHECK(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, share,
                                          sizeof share, &len) && len == a->pub,
          "%s encoded public key", a->name);
    /* EVP encapsulates, pqsafe decapsulates. */
    ct_len = sizeof ct, ss_len = sizeof ss;
    CHECK(encaps(k, ct, &ct_len, ss, &ss_len) && ct_len == a->ct && ss_len == 32, "%s encaps", a->name);
    CHECK(pqs_kem_decaps(kem, ss2, ct, dk) == 0 && memcmp(ss, ss2, 32) == 0,
          "%s: pqsafe decapsulates the EVP ciphertext to another secret", a->name);
    /* pqsafe encapsulates, EVP decapsulates. */
    CHECK(pqs_kem_encaps(kem, ct, ss, ek, NULL) == 0, "pqs encaps");
    ss_len = sizeof ss2;
    CHECK(decaps(k, ss2, &ss_len, ct, a->ct) && ss_len == 32 && memcmp(ss, ss2, 32) == 0,
          "%s: EVP decapsulates the pqsafe ciphertext to another secret", a->name);
    /* An altered ciphertext of the right length is implicit rejection, not an error. */
    ct[5] ^= 1;
    ss_len = sizeof ss2;
    CHECK(decaps(k, ss2, &ss_len, ct, a->ct) && memcmp(ss, ss2, 32) != 0,
          "%s implicit rejection", a->name);
    EVP_PKEY_free(k);
}

/* The TLS 1.3 flow for any group, then hostile inputs on both sides. */
static void test_flow(const alg_info *a)
{
    uint8_t share[1700], ct[1700], ss_s[80], ss_c[80], bad[1800];
    size_t share_len = 0, ct_len = sizeof ct, ss_s_len = sizeof ss_s, ss_c_len = sizeof ss_c;
    EVP_PKEY *client = keygen(a->name, NULL);
    if (!CHECK(client != NULL, "%s client keygen", a->name))
        return;
    unsigned char *enc = NULL;
    share_len = EVP_PKEY_get1_encoded_public_key(client, &enc);
    CHECK(share_len == a->pub, "%s client share is %zu bytes, want %zu", a->name, share_len, a->pub);
    if (share_len > sizeof share)
        share_len = sizeof share;
    memcpy(share, enc, share_len);
    OPENSSL_free(enc);
    if (a->ec_len == 65 || a->ec_len == 97)
        CHECK(share[0] == 0x04, "%s: the EC point must come first, uncompressed", a->name);

    EVP_PKEY *server = server_key(a->name, share, share_len);
    if (!CHECK(server != NULL, "%s server key from the share", a->name)) {
        EVP_PKEY_free(client);
        return;
    }
    CHECK(encaps(server, ct, &ct_len, ss_s, &ss_s_len) && ct_len == a->ct && ss_s_len == a->ss,
          "%s encapsulate (%zu, %zu)", a->name, ct_len, ss_s_len);
    CHECK(decaps(client, ss_c, &ss_c_len, ct, ct_len) && ss_c_len == a->ss &&
              memcmp(ss_s, ss_c, a->ss) == 0,
          "%s: client and server secrets differ", a->name);
    if (a->ec_len == 65 || a->ec_len == 97)
        CHECK(ct[0] == 0x04, "%s: the server's EC point must come first", a->name);

    /* Hostile client shares: every one refused when the server sets it. */
    memcpy(bad, share, share_len);
    expect_error(server_key(a->name, bad, share_len - 1) != NULL, "a truncated share");
    expect_error(server_key(a->name, bad, share_len + 1) != NULL, "an oversized share");
    expect_error(server_key(a->name, bad, 0) != NULL, "an empty share");
    /* FIPS 203 §7.2: first coefficient of ek set to 4095 >= q. */
    size_t ek_off = a->ec_first ? a->ec_len : 0;
    bad[ek_off] = 0xff;
    bad[ek_off + 1] |= 0x0f;
    expect_error(server_key(a->name, bad, share_len) != NULL, "an ek failing the modulus check");
    memcpy(bad, share, share_len);
    if (a->ec_len == 65 || a->ec_len == 97) {
        bad[0] = 0x02;   /* compressed prefix */
        expect_error(server_key(a->name, bad, share_len) != NULL, "a compressed EC point");
        bad[0] = 0x04;
        bad[a->ec_len - 1] ^= 0x01;   /* y no longer matches x: off the curve */
        expect_error(server_key(a->name, bad, share_len) != NULL, "an EC point off the curve");
        memset(bad + 1, 0, a->ec_len - 1);   /* (0, 0) */
        expect_error(server_key(a->name, bad, share_len) != NULL, "the EC point (0, 0)");
    } else if (a->ec_len == 32) {
        /* The all-zero X25519 point is accepted as a key but gives the all-zero secret,
         * which OpenSSL refuses: encapsulation fails. */
        memset(bad + share_len - 32, 0, 32);
        EVP_PKEY *z = server_key(a->name, bad, share_len);
        CHECK(z != NULL, "a zero X25519 point as a key");
        ct_len = sizeof ct, ss_s_len = sizeof ss_s;
        expect_error(z != NULL && encaps(z, ct, &ct_len, ss_s, &ss_s_len), "encapsulation to a zero X25519 point");
        EVP_PKEY_free(z);
    }

    /* Hostile server ciphertexts: wrong lengths, and bad EC points. */
    ss_c_len = sizeof ss_c;
    expect_error(decaps(client, ss_c, &ss_c_len, ct, a->ct - 1), "a truncated ciphertext");
    ss_c_len = sizeof ss_c;
    expect_error(decaps(client, ss_c, &ss_c_len, ct, a->ct + 1), "an oversized ciphertext");
    /* EVP itself refuses an empty input (with no error code in 3.0); libssl never passes
     * one (an empty key share is a decode_error there). */
    ss_c_len = sizeof ss_c;
    CHECK(!decaps(client, ss_c, &ss_c_len, ct, 0), "an empty ciphertext was accepted");
    ERR_clear_error();
    if (a->ec_len == 65 || a->ec_len == 97) {
        memcpy(bad, ct, a->ct);
        bad[a->ec_len - 1] ^= 0x01;
        ss_c_len = sizeof ss_c;
        expect_error(decaps(client, ss_c, &ss_c_len, bad, a->ct), "a server EC point off the curve");
    }
    EVP_PKEY_free(server);
    EVP_PKEY_free(client);
}

/* ---- key files ---- */

static EVP_PKEY *decode(const uint8_t *in, size_t len, int selection)
{
    EVP_PKEY *k = NULL;
    OSSL_DECODER_CTX *d = OSSL_DECODER_CTX_new_for_pkey(&k, NULL, NULL, NULL, selection, g_ctx, NULL);
    const unsigned char *p = in;
    if (d == NULL || !OSSL_DECODER_from_data(d, &p, &len)) {
        EVP_PKEY_free(k);
        k = NULL;
    }
    OSSL_DECODER_CTX_free(d);
    return k;
}

static int encode(EVP_PKEY *k, int selection, const char *type, const char *structure,
                  unsigned char **out, size_t *len)
{
    OSSL_ENCODER_CTX *e = OSSL_ENCODER_CTX_new_for_pkey(k, selection, type, structure, NULL);
    *out = NULL;
    int ok = e != NULL && OSSL_ENCODER_CTX_get_num_encoders(e) > 0 && OSSL_ENCODER_to_data(e, out, len);
    OSSL_ENCODER_CTX_free(e);
    return ok;
}

static void roundtrip(const char *alg, pqs_key *key, int form, int format)
{
    const char *type = format == PQS_KEY_PEM ? "PEM" : "DER";
    uint8_t *priv, *pub;
    size_t priv_len, pub_len;
    if (!CHECK(pqs_key_encode_private(key, format, form, &priv, &priv_len) == 0 &&
                   pqs_key_encode_public(key, format, &pub, &pub_len) == 0,
               "pqs encode %s", alg))
        return;
    EVP_PKEY *k = decode(priv, priv_len, EVP_PKEY_KEYPAIR);
    if (CHECK(k != NULL, "%s %s PKCS#8 (form %d) does not decode through the provider", alg, type, form)) {
        CHECK(EVP_PKEY_is_a(k, alg), "decoded key is not %s", alg);
        unsigned char *out = NULL;
        size_t out_len = 0;
        /* Seed and expanded forms come back as they were; "both" is written as the seed. */
        if (form != PQS_KEY_FORM_BOTH) {
            CHECK(encode(k, EVP_PKEY_KEYPAIR, type, "PrivateKeyInfo", &out, &out_len) &&
                      out_len == priv_len && memcmp(out, priv, priv_len) == 0,
                  "%s %s PKCS#8 (form %d) is not re-encoded byte-identically", alg, type, form);
            OPENSSL_free(out);
        }
        CHECK(encode(k, EVP_PKEY_PUBLIC_KEY, type, "SubjectPublicKeyInfo", &out, &out_len) &&
                  out_len == pub_len && memcmp(out, pub, pub_len) == 0,
              "%s %s SPKI from the private key differs from pqsafe's", alg, type);
        OPENSSL_free(out);
        /* The decoded key works: EVP encapsulates to the SPKI key, decapsulates with it. */
        EVP_PKEY *pk = decode(pub, pub_len, EVP_PKEY_PUBLIC_KEY);
        uint8_t ct[1568], ss[32], ss2[32];
        size_t ct_len = sizeof ct, ss_len = sizeof ss, ss2_len = sizeof ss2;
        CHECK(pk != NULL && encaps(pk, ct, &ct_len, ss, &ss_len) &&
                  decaps(k, ss2, &ss2_len, ct, ct_len) && memcmp(ss, ss2, 32) == 0,
              "%s: decoded keys do not work", alg);
        CHECK(pk != NULL && EVP_PKEY_eq(k, pk) == 1, "%s: the SPKI key does not match the private key", alg);
        EVP_PKEY_free(pk);
        EVP_PKEY_free(k);
    }
    pqs_key_buffer_free(priv, priv_len);
    pqs_key_buffer_free(pub, pub_len);
}

static void test_files(const char *alg)
{
    pqs_key *key;
    if (!CHECK(pqs_key_generate(&key, alg) == 0, "pqs_key_generate %s", alg))
        return;
    for (int format = PQS_KEY_PEM; format <= PQS_KEY_DER; format++) {
        roundtrip(alg, key, PQS_KEY_FORM_SEED, format);
        roundtrip(alg, key, PQS_KEY_FORM_EXPANDED, format);
        roundtrip(alg, key, PQS_KEY_FORM_BOTH, format);
    }
    pqs_key_free(key);

    /* The other way: a key made by the provider, read by pqsafe. */
    EVP_PKEY *k = keygen(alg, NULL);
    unsigned char *der = NULL;
    size_t der_len = 0;
    uint8_t ek[1568];
    size_t ek_len = 0;
    if (CHECK(k != NULL && encode(k, EVP_PKEY_KEYPAIR, "DER", "PrivateKeyInfo", &der, &der_len),
              "provider %s key encodes", alg)) {
        pqs_key *back = NULL;
        size_t pub_len;
        const uint8_t *pub;
        CHECK(pqs_key_parse(&back, der, der_len) == 0, "pqsafe cannot read the provider's %s key: %s", alg,
              pqs_error_detail());
        CHECK(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, ek, sizeof ek, &ek_len) &&
                  back != NULL && (pub = pqs_key_public_bytes(back, &pub_len)) != NULL &&
                  pub_len == ek_len && memcmp(pub, ek, ek_len) == 0,
              "%s: pqsafe reads another public key", alg);
        pqs_key_free(back);
    }
    OPENSSL_clear_free(der, der_len);
    EVP_PKEY_free(k);

    /* Garbage and truncated files are refused, without a crash. */
    uint8_t junk[64];
    pqs_test_rand(junk, sizeof junk);
    junk[0] = 0x30;
    CHECK(decode(junk, sizeof junk, EVP_PKEY_KEYPAIR) == NULL, "junk decoded as a key");
    ERR_clear_error();
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PROVIDER_DIR\n", argv[0]);
        return 2;
    }
    g_ctx = OSSL_LIB_CTX_new();
    OSSL_PROVIDER_set_default_search_path(g_ctx, argv[1]);
    OSSL_PROVIDER *deflt = OSSL_PROVIDER_load(g_ctx, "default");
    OSSL_PROVIDER *prov = OSSL_PROVIDER_load(g_ctx, "pqsafe");
    if (!CHECK(deflt != NULL && prov != NULL, "cannot load the providers from %s", argv[1])) {
        ERR_print_errors_fp(stderr);
        return pqs_test_done("test_provider_evp");
    }
    for (size_t i = 0; i < sizeof g_algs / sizeof g_algs[0]; i++) {
        if (g_algs[i].ec_len == 0)
            test_pure(&g_algs[i]);
        for (int n = 0; n < 3; n++)
            test_flow(&g_algs[i]);
    }
    test_files("ML-KEM-512");
    test_files("ML-KEM-768");
    test_files("ML-KEM-1024");
    OSSL_PROVIDER_unload(prov);
    OSSL_PROVIDER_unload(deflt);
    OSSL_LIB_CTX_free(g_ctx);
    return pqs_test_done("test_provider_evp");
}
