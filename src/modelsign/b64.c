/* Base64 (RFC 4648 section 4, and the URL-safe alphabet of section 5 that DSSE also
 * allows), hex, and the DSSE v1.0 pre-authentication encoding. Strict decoding: a
 * signature file is attacker-controlled input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "ms_int.h"

static const char g_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *ms_b64_encode(const uint8_t *in, size_t len)
{
    size_t n = 4 * ((len + 2) / 3);
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < len)
            v |= in[i + 2];
        out[o++] = g_b64[(v >> 18) & 63];
        out[o++] = g_b64[(v >> 12) & 63];
        out[o++] = i + 1 < len ? g_b64[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? g_b64[v & 63] : '=';
    }
    out[o] = '\0';
    return out;
}

static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

int ms_b64_decode(const char *in, size_t len, uint8_t **out, size_t *out_len)
{
    size_t pad = 0;
    while (pad < 2 && len > pad && in[len - 1 - pad] == '=')
        pad++;
    size_t body = len - pad;
    /* With padding the length is a multiple of 4; without, a remainder of 1 is impossible. */
    if ((pad > 0 && len % 4 != 0) || body % 4 == 1)
        return pqs_error_set(PQS_E_DECODE, "base64 text has a wrong length (%zu)", len);
    uint8_t *buf = malloc(body / 4 * 3 + 3);
    if (buf == NULL)
        return PQS_E_NOMEM;
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < body; i++) {
        int v = b64_value(in[i]);
        if (v < 0) {
            free(buf);
            return pqs_error_set(PQS_E_DECODE, "invalid base64 character at offset %zu", i);
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    /* RFC 4648 section 3.5: the unused bits of the last character must be zero. */
    if (acc != 0) {
        free(buf);
        return pqs_error_set(PQS_E_DECODE, "base64 text has non-zero padding bits");
    }
    *out = buf;
    *out_len = o;
    return PQS_OK;
}

void ms_hex(const uint8_t *in, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * len] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int ms_unhex(const char *hex, uint8_t *out, size_t len)
{
    if (strlen(hex) != 2 * len)
        return PQS_E_DECODE;
    for (size_t i = 0; i < len; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return PQS_E_DECODE;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return PQS_OK;
}

/* DSSE protocol v1.0: PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP
 * body, LEN as ASCII decimal without leading zeros. */
int ms_pae(const uint8_t *payload, size_t len, uint8_t **out, size_t *out_len)
{
    char head[128];
    int n = snprintf(head, sizeof head, "DSSEv1 %zu %s %zu ", strlen(MS_PAYLOAD_TYPE),
                     MS_PAYLOAD_TYPE, len);
    if (n < 0 || (size_t)n >= sizeof head)
        return PQS_E_INTERNAL;
    uint8_t *buf = malloc((size_t)n + len + 1);
    if (buf == NULL)
        return PQS_E_NOMEM;
    memcpy(buf, head, (size_t)n);
    if (len > 0)
        memcpy(buf + n, payload, len);
    *out = buf;
    *out_len = (size_t)n + len;
    return PQS_OK;
}
