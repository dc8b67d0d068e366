/* The symmetric and X25519 primitives age needs, all from OpenSSL 3.0 libcrypto:
 * HMAC-SHA-256 and HKDF-SHA-256 (c2sp.org/age "Conventions"), ChaCha20-Poly1305
 * (RFC 7539), X25519 (RFC 7748) and scrypt (RFC 7914). Algorithms are fetched once. */
#include <pthread.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "age_impl.h"
#include "core/error.h"
#include "hybrid/x25519.h"

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static EVP_MAC *g_hmac;
static EVP_CIPHER *g_chacha;
static EVP_KDF *g_scrypt;

static void fetch_algorithms(void)
{
    g_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    g_chacha = EVP_CIPHER_fetch(NULL, "ChaCha20-Poly1305", NULL);
    g_scrypt = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
}

const EVP_CIPHER *age_chacha_cipher(void)
{
    pthread_once(&g_once, fetch_algorithms);
    return g_chacha;
}

int age_hmac_sha256(uint8_t out[32], const uint8_t *key, size_t key_len, const uint8_t *msg,
                    size_t msg_len)
{
    pthread_once(&g_once, fetch_algorithms);
    if (g_hmac == NULL)
        return pqs_error_set(PQS_E_UNSUPPORTED, "OpenSSL has no HMAC");
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(g_hmac);
    if (c == NULL)
        return PQS_E_NOMEM;
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    /* HMAC accepts an empty key (RFC 2104); OpenSSL wants a non-NULL pointer for it. */
    static const uint8_t empty[1] = {0};
    size_t outl = 0;
    int ok = EVP_MAC_init(c, key_len ? key : empty, key_len, params) == 1 &&
             EVP_MAC_update(c, msg, msg_len) == 1 && EVP_MAC_final(c, out, &outl, 32) == 1 &&
             outl == 32;
    EVP_MAC_CTX_free(c);
    return ok ? PQS_OK : pqs_error_set(PQS_E_INTERNAL, "HMAC-SHA-256 failed");
}

/* RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an absent salt is HashLen zeros, and HMAC
 * pads a short key with zeros, so the empty salt gives the same PRK. */
int age_hkdf_extract(uint8_t prk[32], const uint8_t *salt, size_t salt_len, const uint8_t *ikm,
                     size_t ikm_len)
{
    return age_hmac_sha256(prk, salt, salt_len, ikm, ikm_len);
}

/* RFC 5869 §2.3 for L <= HashLen: OKM = T(1) = HMAC-Hash(PRK, info || 0x01). */
int age_hkdf_expand(uint8_t *out, size_t out_len, const uint8_t prk[32], const uint8_t *info,
                    size_t info_len)
{
    if (out_len > 32 || info_len > 1024)
        return PQS_E_INVALID_ARG;
    uint8_t msg[1025], t[32];
    memcpy(msg, info, info_len);
    msg[info_len] = 0x01;
    int rc = age_hmac_sha256(t, prk, 32, msg, info_len + 1);
    if (rc == PQS_OK)
        memcpy(out, t, out_len);
    pqs_wipe(t, sizeof t);
    return rc;
}

int age_hkdf(uint8_t out[32], const uint8_t *ikm, size_t ikm_len, const uint8_t *salt,
             size_t salt_len, const char *info)
{
    uint8_t prk[32];
    int rc = age_hkdf_extract(prk, salt, salt_len, ikm, ikm_len);
    if (rc == PQS_OK)
        rc = age_hkdf_expand(out, 32, prk, (const uint8_t *)info, strlen(info));
    pqs_wipe(prk, sizeof prk);
    return rc;
}

static EVP_CIPHER_CTX *aead_ctx(const uint8_t key[32], const uint8_t nonce[12], int enc)
{
    const EVP_CIPHER *cipher = age_chacha_cipher();
    if (cipher == NULL)
        return NULL;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (c != NULL && EVP_CipherInit_ex2(c, cipher, key, nonce, enc, NULL) != 1) {
        EVP_CIPHER_CTX_free(c);
        c = NULL;
    }
    return c;
}

int age_aead_seal(uint8_t *out, const uint8_t key[32], const uint8_t nonce[12], const uint8_t *pt,
                  size_t len)
{
    EVP_CIPHER_CTX *c = aead_ctx(key, nonce, 1);
    if (c == NULL)
        return pqs_error_set(PQS_E_INTERNAL, "ChaCha20-Poly1305 unavailable");
    int outl = 0, finl = 0;
    int ok = len <= 4096 && EVP_CipherUpdate(c, out, &outl, pt, (int)len) == 1 &&
             EVP_CipherFinal_ex(c, out + outl, &finl) == 1 &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, out + len) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? PQS_OK : pqs_error_set(PQS_E_INTERNAL, "ChaCha20-Poly1305 seal failed");
}

int age_aead_open(uint8_t *out, const uint8_t key[32], const uint8_t nonce[12], const uint8_t *ct,
                  size_t ct_len)
{
    if (ct_len < 16 || ct_len > 4096 + 16)
        return PQS_E_VERIFY;
    EVP_CIPHER_CTX *c = aead_ctx(key, nonce, 0);
    if (c == NULL)
        return pqs_error_set(PQS_E_INTERNAL, "ChaCha20-Poly1305 unavailable");
    size_t len = ct_len - 16;
    int outl = 0, finl = 0;
    int ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16, (void *)(ct + len)) == 1 &&
             EVP_CipherUpdate(c, out, &outl, ct, (int)len) == 1 &&
             EVP_CipherFinal_ex(c, out + outl, &finl) == 1;
    EVP_CIPHER_CTX_free(c);
    if (!ok) {
        pqs_wipe(out, len);
        return PQS_E_VERIFY;
    }
    return PQS_OK;
}

int age_x25519_base(uint8_t pub[32], const uint8_t sk[32])
{
    return pqs_x25519_public(pub, sk) == PQS_OK
               ? PQS_OK
               : pqs_error_set(PQS_E_INTERNAL, "X25519 key generation failed");
}

int age_x25519_dh(uint8_t out[32], const uint8_t sk[32], const uint8_t pub[32],
                  const uint8_t peer[32])
{
    static const uint8_t zero[32];
    if (pqs_x25519(out, sk, pub, peer) != PQS_OK)
        return pqs_error_set(PQS_E_INTERNAL, "X25519 failed");
    /* An all-zero shared secret (a low-order share, RFC 7748 §6.1) is exactly what
     * c2sp.org/age requires an identity to abort on. */
    if (CRYPTO_memcmp(out, zero, 32) == 0)
        return pqs_error_set(PQS_E_DECODE, "X25519 share is a low-order point");
    return PQS_OK;
}

/* One scrypt at a time in the process: each takes 128 * r * N bytes (256 MiB at age's
 * default work factor 18), so threads sealing or opening passphrase files side by side
 * (a directory, a server) must not multiply that. */
static pthread_mutex_t g_scrypt_mu = PTHREAD_MUTEX_INITIALIZER;

int age_scrypt(uint8_t out[32], const char *pass, size_t pass_len, const uint8_t *salt,
               size_t salt_len, unsigned log2_n)
{
    pthread_once(&g_once, fetch_algorithms);
    if (g_scrypt == NULL)
        return pqs_error_set(PQS_E_UNSUPPORTED, "OpenSSL has no scrypt");
    if (log2_n < 1 || log2_n > 30)
        return PQS_E_INVALID_ARG;
    EVP_KDF_CTX *c = EVP_KDF_CTX_new(g_scrypt);
    if (c == NULL)
        return PQS_E_NOMEM;
    uint64_t n = (uint64_t)1 << log2_n;
    uint32_t r = 8, p = 1;
    /* RFC 7914 §2: scrypt needs 128 * r * N bytes; allow that plus slack. */
    uint64_t maxmem = 128u * r * n + (64u << 20);
    OSSL_PARAM params[7];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)pass, pass_len);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len);
    params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
    params[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
    params[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p);
    params[5] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem);
    params[6] = OSSL_PARAM_construct_end();
    pthread_mutex_lock(&g_scrypt_mu);
    int ok = EVP_KDF_derive(c, out, 32, params) == 1;
    pthread_mutex_unlock(&g_scrypt_mu);
    EVP_KDF_CTX_free(c);
    return ok ? PQS_OK : pqs_error_set(PQS_E_NOMEM, "scrypt failed (not enough memory?)");
}
