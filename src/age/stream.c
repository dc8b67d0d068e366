/* STREAM (c2sp.org/age "Payload"): 64 KiB chunks sealed with ChaCha20-Poly1305 under the
 * payload key, nonce = 11-byte big-endian chunk counter || 0x01 for the final chunk,
 * 0x00 otherwise. */
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

/* payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload"). */
int age_payload_key(uint8_t key[32], const uint8_t fk[16], const uint8_t nonce[16])
{
    return age_hkdf(key, fk, AGE_FILE_KEY_BYTES, nonce, AGE_NONCE_BYTES, "payload");
}

EVP_CIPHER_CTX *age_chunk_ctx(const uint8_t key[32], int enc)
{
    const EVP_CIPHER *cipher = age_chacha_cipher();
    EVP_CIPHER_CTX *c = cipher ? EVP_CIPHER_CTX_new() : NULL;
    if (c != NULL && EVP_CipherInit_ex2(c, cipher, key, NULL, enc, NULL) != 1) {
        EVP_CIPHER_CTX_free(c);
        c = NULL;
    }
    return c;
}

static void chunk_nonce(uint8_t nonce[12], uint64_t index, int final)
{
    memset(nonce, 0, 12);
    for (int i = 0; i < 8; i++)
        nonce[10 - i] = (uint8_t)(index >> (8 * i));
    nonce[11] = final ? 0x01 : 0x00;
}

int age_chunk_seal(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *pt, size_t len, uint64_t index,
                   int final)
{
    uint8_t nonce[12];
    chunk_nonce(nonce, index, final);
    int outl = 0, finl = 0;
    int ok = len <= AGE_CHUNK_BYTES && EVP_CipherInit_ex2(c, NULL, NULL, nonce, 1, NULL) == 1 &&
             EVP_CipherUpdate(c, out, &outl, pt, (int)len) == 1 &&
             EVP_CipherFinal_ex(c, out + outl, &finl) == 1 &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, AGE_TAG_BYTES, out + len) == 1;
    return ok ? PQS_OK : pqs_error_set(PQS_E_INTERNAL, "ChaCha20-Poly1305 seal failed");
}

int age_chunk_open(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *ct, size_t ct_len,
                   uint64_t index, int final)
{
    if (ct_len < AGE_TAG_BYTES || ct_len > AGE_CT_CHUNK_BYTES)
        return PQS_E_VERIFY;
    size_t len = ct_len - AGE_TAG_BYTES;
    uint8_t nonce[12];
    chunk_nonce(nonce, index, final);
    int outl = 0, finl = 0;
    int ok = EVP_CipherInit_ex2(c, NULL, NULL, nonce, 0, NULL) == 1 &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, AGE_TAG_BYTES, (void *)(ct + len)) == 1 &&
             EVP_CipherUpdate(c, out, &outl, ct, (int)len) == 1 &&
             EVP_CipherFinal_ex(c, out + outl, &finl) == 1;
    if (!ok) {
        /* Unauthenticated plaintext never leaves this function. */
        pqs_wipe(out, len);
        return PQS_E_VERIFY;
    }
    return PQS_OK;
}
