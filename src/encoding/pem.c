/* PEM (RFC 7468 §3, strict) over constant-time base64 (RFC 4648 §4): characters are
 * mapped with mask arithmetic instead of table lookups, so the timing and the cache
 * footprint do not depend on the (possibly secret) bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "pem.h"
#include "pqsafe/common.h"

/* 1 when lo <= c <= hi, else 0, without a branch. */
static uint32_t in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
    return ((lo - 1 - c) & (c - hi - 1)) >> 31;
}

/* The base64 character of a 6-bit value: 'A'+v, shifted into the next range of the
 * alphabet by adding each range's offset under a mask. */
static uint8_t b64_char(uint32_t v)
{
    uint32_t c = 'A' + v;
    c += in_range(v, 26, 63) * 6;    /* 'a' - 'A' - 26 */
    c -= in_range(v, 52, 63) * 75;   /* to '0' */
    c -= in_range(v, 62, 62) * 15;   /* to '+' */
    c -= in_range(v, 63, 63) * 12;   /* to '/' */
    return (uint8_t)c;
}

/* The 6-bit value of c, or 0xff when c is not in the alphabet. */
static uint32_t b64_value(uint32_t c)
{
    uint32_t v = 0, ok = 0, m;
    m = in_range(c, 'A', 'Z'); v |= m * (c - 'A'); ok |= m;
    m = in_range(c, 'a', 'z'); v |= m * (c - 'a' + 26); ok |= m;
    m = in_range(c, '0', '9'); v |= m * (c - '0' + 52); ok |= m;
    m = in_range(c, '+', '+'); v |= m * 62; ok |= m;
    m = in_range(c, '/', '/'); v |= m * 63; ok |= m;
    return v | ((ok - 1) & 0xff);
}

size_t pqs_base64_encode(char *out, const uint8_t *in, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t b0 = in[i], b1 = i + 1 < len ? in[i + 1] : 0, b2 = i + 2 < len ? in[i + 2] : 0;
        uint32_t w = b0 << 16 | b1 << 8 | b2;
        out[o++] = (char)b64_char(w >> 18);
        out[o++] = (char)b64_char((w >> 12) & 63);
        out[o++] = i + 1 < len ? (char)b64_char((w >> 6) & 63) : '=';
        out[o++] = i + 2 < len ? (char)b64_char(w & 63) : '=';
    }
    return o;
}

int pqs_pem_encode(const char *label, const uint8_t *der, size_t der_len,
                   uint8_t **out, size_t *out_len)
{
    size_t b64_len = 4 * ((der_len + 2) / 3);
    size_t cap = 2 * (strlen(label) + 32) + b64_len + b64_len / 64 + 2;
    char *buf = malloc(cap), *b64 = malloc(b64_len + 1);
    if (buf == NULL || b64 == NULL) {
        free(buf);
        free(b64);
        return PQS_E_NOMEM;
    }
    pqs_base64_encode(b64, der, der_len);
    size_t n = (size_t)snprintf(buf, cap, "-----BEGIN %s-----\n", label);
    for (size_t i = 0; i < b64_len; i += 64) {
        size_t line = b64_len - i < 64 ? b64_len - i : 64;
        memcpy(buf + n, b64 + i, line);
        n += line;
        buf[n++] = '\n';
    }
    n += (size_t)snprintf(buf + n, cap - n, "-----END %s-----\n", label);
    pqs_wipe(b64, b64_len);
    free(b64);
    *out = (uint8_t *)buf;
    *out_len = n;
    return PQS_OK;
}

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Parse "-----BEGIN label-----" or END at *p; returns the label length or -1. */
static int boundary(const uint8_t *p, size_t len, const char *kind, char label[PQS_PEM_MAX_LABEL])
{
    size_t klen = strlen(kind);
    if (len < 5 + klen + 1 || memcmp(p, "-----", 5) != 0 || memcmp(p + 5, kind, klen) != 0 ||
        p[5 + klen] != ' ')
        return -1;
    size_t start = 6 + klen, i = start;
    while (i < len && p[i] != '-' && i - start < PQS_PEM_MAX_LABEL - 1) {
        if (p[i] < 0x20 || p[i] > 0x7e)
            return -1;
        i++;
    }
    if (i - start == 0 || len - i < 5 || memcmp(p + i, "-----", 5) != 0)
        return -1;
    memcpy(label, p + start, i - start);
    label[i - start] = 0;
    return (int)(i + 5);
}

/* Decode the base64 body between the boundaries; whitespace separates lines. */
static int decode_body(const uint8_t *p, size_t len, uint8_t *der, size_t *der_len)
{
    uint32_t acc = 0, bad = 0;
    size_t nchars = 0, pad = 0, o = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        if (is_space(c))
            continue;
        if (c == '=') {
            pad++;
            nchars++;
            continue;
        }
        if (pad > 0)   /* data after padding */
            return pqs_error_set(PQS_E_DECODE, "PEM: base64 data after padding");
        uint32_t v = b64_value(c);
        bad |= v >> 6;
        acc = (acc << 6) | (v & 63);
        nchars++;
        if (nchars % 4 == 0) {
            der[o++] = (uint8_t)(acc >> 16);
            der[o++] = (uint8_t)(acc >> 8);
            der[o++] = (uint8_t)acc;
            acc = 0;
        }
    }
    if (bad)
        return pqs_error_set(PQS_E_DECODE, "PEM: invalid base64 character");
    if (nchars % 4 != 0 || pad > 2)
        return pqs_error_set(PQS_E_DECODE, "PEM: base64 length is not a multiple of 4");
    /* Canonical padding: the bits that padding drops must be zero (RFC 4648 §3.5). */
    if (pad == 1) {
        if (acc & 0x3)
            return pqs_error_set(PQS_E_DECODE, "PEM: non-canonical base64 padding");
        der[o++] = (uint8_t)(acc >> 10);
        der[o++] = (uint8_t)(acc >> 2);
    } else if (pad == 2) {
        if (acc & 0xf)
            return pqs_error_set(PQS_E_DECODE, "PEM: non-canonical base64 padding");
        der[o++] = (uint8_t)(acc >> 4);
    }
    *der_len = o;
    return PQS_OK;
}

int pqs_pem_decode(const uint8_t *in, size_t len, char label[PQS_PEM_MAX_LABEL],
                   uint8_t **der, size_t *der_len)
{
    char end_label[PQS_PEM_MAX_LABEL];
    size_t i = 0;
    while (i < len && is_space(in[i]))
        i++;
    int b = boundary(in + i, len - i, "BEGIN", label);
    if (b < 0)
        return pqs_error_set(PQS_E_DECODE, "not a PEM file: no -----BEGIN ...----- line");
    i += (size_t)b;
    if (i >= len || (in[i] != '\n' && in[i] != '\r'))
        return pqs_error_set(PQS_E_DECODE, "PEM: text after the BEGIN line");
    size_t body = i, end = i;
    while (end < len && in[end] != '-')
        end++;
    int e = boundary(in + end, len - end, "END", end_label);
    if (e < 0)
        return pqs_error_set(PQS_E_DECODE, "PEM: missing or malformed -----END ...----- line");
    if (strcmp(label, end_label) != 0)
        return pqs_error_set(PQS_E_DECODE, "PEM: BEGIN %s does not match END %s", label, end_label);
    for (size_t j = end + (size_t)e; j < len; j++) {
        if (!is_space(in[j]))
            return pqs_error_set(PQS_E_DECODE, "PEM: unexpected data after the END line");
    }
    uint8_t *buf = malloc((end - body) / 4 * 3 + 3);
    if (buf == NULL)
        return PQS_E_NOMEM;
    int rc = decode_body(in + body, end - body, buf, der_len);
    if (rc != PQS_OK) {
        pqs_wipe(buf, (end - body) / 4 * 3 + 3);
        free(buf);
        return rc;
    }
    *der = buf;
    return PQS_OK;
}
