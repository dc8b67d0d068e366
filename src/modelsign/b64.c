/* Base64 (RFC 4648 section 4, and the URL-safe alphabet of section 5 that DSSE also
 * allows), hex, and the DSSE v1.0 pre-authentication encoding. Strict decoding: a
 * signature file is attacker-controlled input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "encoding/base64.h"
#include "ms_int.h"

char *ms_b64_encode(const uint8_t *in, size_t len)
{
    char *out = malloc(pqs_base64_encoded_len(len, PQS_B64_PAD) + 1);
    if (out != NULL)
        pqs_base64_encode(out, in, len, PQS_B64_PAD);
    return out;
}

/* Padded or unpadded, standard or URL-safe alphabet, canonical in every case. */
int ms_b64_decode(const char *in, size_t len, uint8_t **out, size_t *out_len)
{
    int flags = PQS_B64_URLSAFE | (len > 0 && in[len - 1] == '=' ? PQS_B64_PAD : 0);
    uint8_t *buf = malloc(len / 4 * 3 + 3);
    if (buf == NULL)
        return PQS_E_NOMEM;
    int rc = pqs_base64_decode(buf, out_len, in, len, flags);
    if (rc != PQS_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
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
