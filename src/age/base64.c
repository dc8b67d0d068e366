/* Base64 (RFC 4648 §4) for age. The header uses it without '=' padding and decoders must
 * reject non-canonical encodings (c2sp.org/age "Conventions"); the armor uses it with
 * padding, equally strictly (RFC 7468 §3). The codec itself is the project's one
 * constant-time base64 (src/encoding/base64.c). */
#include "age_impl.h"
#include "encoding/base64.h"

size_t age_b64_encoded_len(size_t len, int pad)
{
    return pqs_base64_encoded_len(len, pad ? PQS_B64_PAD : 0);
}

size_t age_b64_encode(char *out, const uint8_t *in, size_t len, int pad)
{
    return pqs_base64_encode(out, in, len, pad ? PQS_B64_PAD : 0);
}

int age_b64_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int pad)
{
    return pqs_base64_decode(out, out_len, in, len, pad ? PQS_B64_PAD : 0);
}
