/* Base64 (RFC 4648 §4). The age header uses it without '=' padding and decoders must
 * reject non-canonical encodings (c2sp.org/age "Conventions"); the armor uses it with
 * padding, equally strictly (RFC 7468 §3). Only public data (wrapped keys, ciphertext)
 * passes through here, so table lookups are fine. */
#include <string.h>

#include "age_impl.h"
#include "core/error.h"

static const char k_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t age_b64_encoded_len(size_t len, int pad)
{
    return pad ? (len + 2) / 3 * 4 : (len * 4 + 2) / 3;
}

size_t age_b64_encode(char *out, const uint8_t *in, size_t len, int pad)
{
    size_t o = 0, i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = k_alphabet[v >> 18];
        out[o++] = k_alphabet[(v >> 12) & 63];
        out[o++] = k_alphabet[(v >> 6) & 63];
        out[o++] = k_alphabet[v & 63];
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[o++] = k_alphabet[v >> 18];
        out[o++] = k_alphabet[(v >> 12) & 63];
        if (pad) {
            out[o++] = '=';
            out[o++] = '=';
        }
    } else if (len - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[o++] = k_alphabet[v >> 18];
        out[o++] = k_alphabet[(v >> 12) & 63];
        out[o++] = k_alphabet[(v >> 6) & 63];
        if (pad)
            out[o++] = '=';
    }
    out[o] = '\0';
    return o;
}

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int age_b64_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int pad)
{
    size_t data_len = len;
    if (pad) {
        if (len % 4 != 0)
            return pqs_error_set(PQS_E_DECODE, "base64 length is not a multiple of 4");
        if (len >= 1 && in[len - 1] == '=')
            data_len--;
        if (len >= 2 && in[len - 2] == '=')
            data_len--;
    }
    if (data_len % 4 == 1)
        return pqs_error_set(PQS_E_DECODE, "base64 has a dangling character");
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < data_len; i++) {
        int v = b64_value((unsigned char)in[i]);
        if (v < 0)
            return pqs_error_set(PQS_E_DECODE, in[i] == '=' ? "unexpected base64 padding"
                                                            : "invalid base64 character");
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    /* RFC 4648 §3.5: the bits left over after the last whole byte must be zero. */
    if (acc != 0)
        return pqs_error_set(PQS_E_DECODE, "base64 is not canonical");
    *out_len = o;
    return PQS_OK;
}
