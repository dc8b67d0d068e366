/* Base64 (RFC 4648 §4), the one implementation every format uses (PEM key files, age
 * headers and armour, DSSE envelopes). Constant time: characters are mapped with mask
 * arithmetic, not table lookups, since PEM bodies are often private keys. Decoding is
 * strict: the bits dropped at the end must be zero (RFC 4648 §3.5). */
#ifndef PQS_ENCODING_BASE64_H
#define PQS_ENCODING_BASE64_H

#include <stddef.h>
#include <stdint.h>

enum {
    PQS_B64_PAD = 1,        /* encode with '='; decode requires canonical '=' padding */
    PQS_B64_URLSAFE = 2     /* decode also accepts '-' and '_' (RFC 4648 §5) */
};

/* Characters of the encoding of len bytes (without the NUL). */
size_t pqs_base64_encoded_len(size_t len, int flags);
/* Writes the encoding and a NUL (out holds encoded_len + 1); returns encoded_len. */
size_t pqs_base64_encode(char *out, const uint8_t *in, size_t len, int flags);
/* Decodes len characters (no whitespace) into out, which holds len / 4 * 3 + 3 bytes.
 * PQS_E_DECODE with a detail for a bad character, length or padding. */
int pqs_base64_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int flags);

#endif
