/* pqsafe demo: protect a synthetic model end to end with the library's primitives.
 * A publisher signs the weights with ML-DSA-65 and seals them to a recipient's
 * ML-KEM-768 key (shared secret -> HKDF-SHA-256 -> ChaCha20-Poly1305); the recipient
 * decapsulates, decrypts, verifies and compares. A tampered copy must be refused. */
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "demo_model.h"
#include "pqsafe/pqsafe.h"

#define DEMO_MODEL_BYTES (16u << 20)
#define TAG_BYTES 16

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void step(const char *what, const char *alg, double ms)
{
    printf("  %-34s %-22s %9.3f ms\n", what, alg, ms);
}

/* HKDF-SHA-256 (RFC 5869) from the KEM shared secret to a 32-byte AEAD key. */
static int derive_key(uint8_t key[32], const uint8_t *ss, size_t ss_len)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    EVP_KDF_CTX *kc = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)ss, ss_len),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)"pqsafe demo v1", 14),
        OSSL_PARAM_construct_end(),
    };
    int ok = kc != NULL && EVP_KDF_derive(kc, key, 32, p) == 1;
    EVP_KDF_CTX_free(kc);
    EVP_KDF_free(kdf);
    return ok ? 0 : -1;
}

/* ChaCha20-Poly1305 with a zero nonce: each key is used for exactly one message. */
static int aead(int enc, uint8_t *out, const uint8_t *in, size_t len, const uint8_t key[32],
                uint8_t tag[TAG_BYTES])
{
    static const uint8_t nonce[12] = {0};
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0, ok = c != NULL && EVP_CipherInit_ex(c, EVP_chacha20_poly1305(), NULL, key, nonce, enc) == 1;
    if (ok && !enc)
        ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, TAG_BYTES, tag) == 1;
    ok = ok && EVP_CipherUpdate(c, out, &n, in, (int)len) == 1;
    ok = ok && EVP_CipherFinal_ex(c, out + n, &n) == 1;
    if (ok && enc)
        ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, TAG_BYTES, tag) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

typedef struct {
    const pqs_kem *kem;
    const pqs_sig *sig;
    uint8_t *model, *sealed, *opened;
    uint8_t *ek, *dk, *ct, *pk, *sk, *signature;
    uint8_t tag[TAG_BYTES];
    size_t sig_len;
} demo;

static int publish(demo *d)
{
    uint8_t ss[PQS_KEM_SS_BYTES], key[32];
    double t = now_ms();
    if (pqs_sig_sign(d->sig, d->signature, &d->sig_len, d->model, DEMO_MODEL_BYTES,
                     (const uint8_t *)"model", 5, d->sk, NULL) != 0)
        return -1;
    step("sign the weights", d->sig->name, now_ms() - t);
    t = now_ms();
    if (pqs_kem_encaps(d->kem, d->ct, ss, d->ek, NULL) != 0 || derive_key(key, ss, sizeof ss) != 0)
        return -1;
    step("encapsulate to the recipient", d->kem->name, now_ms() - t);
    t = now_ms();
    int rc = aead(1, d->sealed, d->model, DEMO_MODEL_BYTES, key, d->tag);
    step("seal 16 MiB of weights", "ChaCha20-Poly1305", now_ms() - t);
    pqs_wipe(ss, sizeof ss);
    pqs_wipe(key, sizeof key);
    return rc;
}

static int receive(demo *d, const uint8_t *sealed)
{
    uint8_t ss[PQS_KEM_SS_BYTES], key[32];
    double t = now_ms();
    if (pqs_kem_decaps(d->kem, ss, d->ct, d->dk) != 0 || derive_key(key, ss, sizeof ss) != 0)
        return -1;
    step("decapsulate", d->kem->name, now_ms() - t);
    t = now_ms();
    int rc = aead(0, d->opened, sealed, DEMO_MODEL_BYTES, key, d->tag);
    pqs_wipe(ss, sizeof ss);
    pqs_wipe(key, sizeof key);
    if (rc != 0)
        return -1;
    step("open and authenticate", "ChaCha20-Poly1305", now_ms() - t);
    t = now_ms();
    if (pqs_sig_verify(d->sig, d->signature, d->sig_len, d->opened, DEMO_MODEL_BYTES,
                       (const uint8_t *)"model", 5, d->pk) != 0)
        return -1;
    step("verify the publisher's signature", d->sig->name, now_ms() - t);
    return memcmp(d->opened, d->model, DEMO_MODEL_BYTES) == 0 ? 0 : -1;
}

static int run(demo *d)
{
    double t = now_ms();
    if (pqs_randombytes(d->model, DEMO_MODEL_BYTES) != 0)
        return -1;
    step("make a synthetic 16 MiB model", "getrandom", now_ms() - t);
    t = now_ms();
    if (pqs_kem_keypair(d->kem, d->ek, d->dk, NULL) != 0 || pqs_sig_keypair(d->sig, d->pk, d->sk, NULL) != 0)
        return -1;
    step("generate recipient and signer keys", "ML-KEM-768, ML-DSA-65", now_ms() - t);
    printf("publisher:\n");
    if (publish(d) != 0)
        return -1;
    printf("recipient:\n");
    if (receive(d, d->sealed) != 0)
        return -1;
    printf("attacker flips one byte of the sealed weights:\n");
    d->sealed[DEMO_MODEL_BYTES / 2] ^= 1;
    if (receive(d, d->sealed) == 0)
        return -1;
    printf("  refused: authentication failed, nothing released\n");
    return 0;
}

int pqs_cmd_demo(int argc, char **argv)
{
    if (pqs_cli_wants_help(argc, argv)) {
        puts("usage: pqsafe demo [--make-model DIR [--size-mib N]]\n\n"
             "--make-model writes a synthetic model (safetensors shards of random tensors,\n"
             "config.json, tokenizer.json; 256 MiB by default) for trying the commands.\n\n"
             "Without options: protects a synthetic 16 MiB model end to end: ML-DSA-65 signature,\n"
             "ML-KEM-768 key encapsulation, ChaCha20-Poly1305 sealing; the recipient opens,\n"
             "verifies and compares, and a tampered copy is refused. Exits non-zero on failure.");
        return PQS_EXIT_OK;
    }
    if (argc >= 3 && strcmp(argv[1], "--make-model") == 0) {
        unsigned mib = 256;
        if (argc == 5 && strcmp(argv[3], "--size-mib") == 0)
            mib = (unsigned)strtoul(argv[4], NULL, 10);
        else if (argc != 3)
            mib = 0;
        if (mib == 0 || mib > 65536) {
            pqs_cli_error("usage: pqsafe demo --make-model DIR [--size-mib N] (1 to 65536)");
            return PQS_EXIT_USAGE;
        }
        return pqs_demo_make_model(argv[2], mib);
    }
    if (argc > 1) {
        pqs_cli_error("demo: unexpected argument '%s' (see 'pqsafe demo --help')", argv[1]);
        return PQS_EXIT_USAGE;
    }
    demo d = {.kem = pqs_kem_find("ML-KEM-768"), .sig = pqs_sig_find("ML-DSA-65")};
    if (d.kem == NULL || d.sig == NULL) {
        pqs_cli_error("demo needs ML-KEM-768 and ML-DSA-65");
        return PQS_EXIT_USAGE;
    }
    d.model = malloc(DEMO_MODEL_BYTES);
    d.sealed = malloc(DEMO_MODEL_BYTES);
    d.opened = malloc(DEMO_MODEL_BYTES);
    d.ek = malloc(d.kem->ek_bytes);
    d.dk = malloc(d.kem->dk_bytes);
    d.ct = malloc(d.kem->ct_bytes);
    d.pk = malloc(d.sig->pk_bytes);
    d.sk = malloc(d.sig->sk_bytes);
    d.signature = malloc(d.sig->sig_bytes);
    printf("pqsafe %s demo: protect a model (cpu: %s)\n", pqs_version(), pqs_cpu_features());
    int rc = (d.model && d.sealed && d.opened && d.ek && d.dk && d.ct && d.pk && d.sk && d.signature)
                 ? run(&d) : -1;
    printf(rc == 0 ? "demo: all steps passed\n" : "demo: FAILED\n");
    if (d.dk)
        pqs_wipe(d.dk, d.kem->dk_bytes);
    if (d.sk)
        pqs_wipe(d.sk, d.sig->sk_bytes);
    free(d.model); free(d.sealed); free(d.opened); free(d.ek); free(d.dk);
    free(d.ct); free(d.pk); free(d.sk); free(d.signature);
    return rc == 0 ? PQS_EXIT_OK : PQS_EXIT_INVALID;
}
