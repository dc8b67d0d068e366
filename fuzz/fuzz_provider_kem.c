/* libFuzzer target: the pqsafe OpenSSL provider's hostile-input surfaces, the way libssl
 * and the key-file tools reach them:
 *   - a TLS client key share set into a server key (OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY),
 *     then encapsulation when it was accepted;
 *   - a TLS server key share (ciphertext) decapsulated by a fixed client key;
 *   - a DER key file through the provider's SPKI / PKCS#8 decoders.
 * The first byte picks the algorithm and the surface; the rest is the input. The provider
 * is compiled into this binary (its sources are included below, so they carry the
 * fuzzer's coverage instrumentation) and registered as a built-in provider.
 * Anything accepted must behave: an accepted share encapsulates, a decoded key
 * re-encodes. Crashes, leaks and sanitizer reports are the findings. */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

#include "provider/algs.c"
#include "provider/codec.c"
#include "provider/ecdh.c"
#include "provider/kem.c"
#include "provider/keymgmt.c"
#include "provider/prov.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const g_names[] = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024",
                                      "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"};
#define N_NAMES (sizeof g_names / sizeof g_names[0])

static OSSL_LIB_CTX *g_libctx;
static EVP_PKEY *g_client[N_NAMES];   /* one client key per algorithm, made once */

static void fuzz_init(void)
{
    g_libctx = OSSL_LIB_CTX_new();
    if (g_libctx == NULL || !OSSL_PROVIDER_add_builtin(g_libctx, "pqsafe", OSSL_provider_init) ||
        OSSL_PROVIDER_load(g_libctx, "default") == NULL ||
        OSSL_PROVIDER_load(g_libctx, "pqsafe") == NULL)
        abort();
    for (size_t i = 0; i < N_NAMES; i++) {
        EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(g_libctx, g_names[i], "provider=pqsafe");
        if (c == NULL || EVP_PKEY_keygen_init(c) <= 0 || EVP_PKEY_keygen(c, &g_client[i]) <= 0)
            abort();
        EVP_PKEY_CTX_free(c);
    }
}

static void fuzz_client_share(size_t alg, const uint8_t *in, size_t len)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(g_libctx, g_names[alg], "provider=pqsafe");
    if (c == NULL || EVP_PKEY_paramgen_init(c) <= 0 || EVP_PKEY_paramgen(c, &k) <= 0)
        abort();
    EVP_PKEY_CTX_free(c);
    if (EVP_PKEY_set1_encoded_public_key(k, in, len) > 0) {
        /* Accepted: it has the right length and a valid ek; encapsulation may still fail
         * only for a degenerate EC share (X25519 giving the zero secret). */
        uint8_t ct[PQS_PROV_SHARE_MAX], ss[PQS_PROV_SS_MAX];
        size_t ct_len = sizeof ct, ss_len = sizeof ss;
        EVP_PKEY_CTX *e = EVP_PKEY_CTX_new_from_pkey(g_libctx, k, NULL);
        if (e == NULL || EVP_PKEY_encapsulate_init(e, NULL) <= 0)
            abort();
        if (EVP_PKEY_encapsulate(e, ct, &ct_len, ss, &ss_len) > 0 &&
            (ct_len != pqs_prov_ct_bytes(&pqs_prov_algs[alg]) ||
             ss_len != pqs_prov_ss_bytes(&pqs_prov_algs[alg])))
            abort();
        EVP_PKEY_CTX_free(e);
    }
    EVP_PKEY_free(k);
}

static void fuzz_server_share(size_t alg, const uint8_t *in, size_t len)
{
    uint8_t ss[PQS_PROV_SS_MAX];
    size_t ss_len = sizeof ss;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(g_libctx, g_client[alg], NULL);
    if (c == NULL || EVP_PKEY_decapsulate_init(c, NULL) <= 0)
        abort();
    int ok = EVP_PKEY_decapsulate(c, ss, &ss_len, in, len) > 0;
    /* ML-KEM never refuses a ciphertext of the right length (implicit rejection). */
    if (alg < 3 && len == pqs_prov_ct_bytes(&pqs_prov_algs[alg]) && !ok)
        abort();
    EVP_PKEY_CTX_free(c);
}

static int is_pqsafe_key(const EVP_PKEY *k)
{
    const OSSL_PROVIDER *prov = EVP_PKEY_get0_provider(k);
    return prov != NULL && strcmp(OSSL_PROVIDER_get0_name(prov), "pqsafe") == 0;
}

static void fuzz_key_file(const uint8_t *in, size_t len)
{
    EVP_PKEY *k = NULL;
    OSSL_DECODER_CTX *d = OSSL_DECODER_CTX_new_for_pkey(&k, "DER", NULL, NULL, 0, g_libctx,
                                                        "provider=pqsafe");
    const unsigned char *p = in;
    if (d == NULL)
        abort();
    /* Only the pqsafe provider's own keys are held to re-encoding: the DER decoders of
     * the default provider take part in the chain too, and one of them yields, say, DHX
     * domain parameters without a public key, which OpenSSL itself will not encode. */
    if (OSSL_DECODER_from_data(d, &p, &len) && k != NULL && is_pqsafe_key(k)) {
        OSSL_ENCODER_CTX *e = OSSL_ENCODER_CTX_new_for_pkey(k, EVP_PKEY_PUBLIC_KEY, "DER",
                                                            "SubjectPublicKeyInfo", "provider=pqsafe");
        unsigned char *out = NULL;
        size_t out_len = 0;
        if (e == NULL || !OSSL_ENCODER_to_data(e, &out, &out_len))
            abort();
        OPENSSL_free(out);
        OSSL_ENCODER_CTX_free(e);
    }
    EVP_PKEY_free(k);
    OSSL_DECODER_CTX_free(d);
}

/* Shares have exact lengths that random inputs seldom hit: the second byte chooses the
 * length (the exact one, plus or minus up to 3, or the input's own) and the input fills
 * it cyclically, so most runs reach the modulus check, the EC point and the KEM. */
static size_t shape(uint8_t *out, size_t exact, uint8_t how, const uint8_t *in, size_t len)
{
    int delta = (int)(how & 7) - 3;
    size_t n = (how & 8) ? len : (size_t)((long)exact + delta);
    if (n > PQS_PROV_SHARE_MAX + 16)
        n = PQS_PROV_SHARE_MAX + 16;
    for (size_t i = 0; i < n; i++)
        out[i] = len ? in[i % len] : 0;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t buf[PQS_PROV_SHARE_MAX + 16];
    if (g_libctx == NULL)
        fuzz_init();
    if (size < 2)
        return 0;
    size_t alg = (size_t)(data[0] & 0x0f) % N_NAMES;
    const pqs_prov_alg *a = &pqs_prov_algs[alg];
    const uint8_t *in = data + 2;
    size_t len = size - 2, n;
    switch (data[0] >> 6) {
    case 0:
        n = shape(buf, pqs_prov_pub_bytes(a), data[1], in, len);
        fuzz_client_share(alg, buf, n);
        break;
    case 1:
        n = shape(buf, pqs_prov_ct_bytes(a), data[1], in, len);
        fuzz_server_share(alg, buf, n);
        break;
    default:
        fuzz_key_file(data + 1, size - 1);
        break;
    }
    ERR_clear_error();
    return 0;
}
