/* PEM (RFC 7468 §3, strict) over the constant-time base64 of base64.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "core/error.h"
#include "pem.h"
#include "pqsafe/common.h"

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
    pqs_base64_encode(b64, der, der_len, PQS_B64_PAD);
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
    char *text = malloc(len + 1);
    size_t n = 0;
    if (text == NULL)
        return PQS_E_NOMEM;
    for (size_t i = 0; i < len; i++) {
        if (!is_space(p[i]))
            text[n++] = (char)p[i];
    }
    int rc = pqs_base64_decode(der, der_len, text, n, PQS_B64_PAD);
    pqs_wipe(text, len + 1);
    free(text);
    if (rc != PQS_OK) {
        char detail[160];
        snprintf(detail, sizeof detail, "%s", pqs_error_detail());
        return pqs_error_set(PQS_E_DECODE, "PEM: %s", detail);
    }
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
