/* The classical half of a hybrid signature: Ed25519 (RFC 8032, pure) through OpenSSL,
 * keys read from PEM (PKCS#8 private or SubjectPublicKeyInfo public). */
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "core/error.h"
#include "ms_int.h"

/* Encrypted PEM is not supported: never let OpenSSL prompt on the terminal. */
static int no_password(char *buf, int size, int rwflag, void *u)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)u;
    return 0;
}

static EVP_PKEY *load_key(const uint8_t *pem, size_t len, int want_private)
{
    if (pem == NULL || len == 0 || len > (1u << 20))
        return NULL;
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    EVP_PKEY *k = bio ? PEM_read_bio_PrivateKey(bio, NULL, no_password, NULL) : NULL;
    BIO_free(bio);
    if (k == NULL && !want_private) {
        bio = BIO_new_mem_buf(pem, (int)len);
        k = bio ? PEM_read_bio_PUBKEY(bio, NULL, no_password, NULL) : NULL;
        BIO_free(bio);
    }
    ERR_clear_error();
    if (k != NULL && EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

int ms_ed25519_sign(const uint8_t *pem, size_t pem_len, const uint8_t *msg, size_t len,
                    uint8_t sig[MS_ED25519_SIG_BYTES])
{
    EVP_PKEY *k = load_key(pem, pem_len, 1);
    if (k == NULL)
        return pqs_error_set(PQS_E_INVALID_KEY, "the hybrid key is not an Ed25519 private key (PEM)");
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    size_t sig_len = MS_ED25519_SIG_BYTES;
    int ok = c != NULL && EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
             EVP_DigestSign(c, sig, &sig_len, msg, len) == 1 && sig_len == MS_ED25519_SIG_BYTES;
    EVP_MD_CTX_free(c);
    EVP_PKEY_free(k);
    return ok ? PQS_OK : pqs_error_set(PQS_E_INTERNAL, "Ed25519 signing failed");
}

int ms_ed25519_verify(const uint8_t *pem, size_t pem_len, const uint8_t *msg, size_t len,
                      const uint8_t *sig, size_t sig_len)
{
    EVP_PKEY *k = load_key(pem, pem_len, 0);
    if (k == NULL)
        return pqs_error_set(PQS_E_INVALID_KEY, "the hybrid key is not an Ed25519 key (PEM)");
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c != NULL && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
             sig_len == MS_ED25519_SIG_BYTES && EVP_DigestVerify(c, sig, sig_len, msg, len) == 1;
    EVP_MD_CTX_free(c);
    EVP_PKEY_free(k);
    return ok ? PQS_OK : PQS_E_VERIFY;
}
