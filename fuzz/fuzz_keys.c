/* libFuzzer target: the key-file readers (PEM armour, SPKI and PKCS#8 DER). Anything
 * accepted must re-encode and parse back to the same public key. */
#include <stdlib.h>
#include <string.h>

#include "pqsafe/keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pqs_key *key = NULL, *back = NULL;
    if (pqs_key_parse(&key, data, size) != PQS_OK)
        return 0;
    uint8_t *der;
    size_t len, a_len, b_len;
    if (pqs_key_encode_public(key, PQS_KEY_DER, &der, &len) != PQS_OK)
        abort();
    if (pqs_key_parse(&back, der, len) != PQS_OK)
        abort();
    const uint8_t *a = pqs_key_public_bytes(key, &a_len), *b = pqs_key_public_bytes(back, &b_len);
    if (a_len != b_len || memcmp(a, b, a_len) != 0)
        abort();
    pqs_key_buffer_free(der, len);
    pqs_key_free(back);
    pqs_key_free(key);
    return 0;
}
