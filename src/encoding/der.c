/* Strict DER reading (X.690 §8.1.3, §10.1: definite, minimal lengths) and writing. */
#include "der.h"

#include "core/error.h"
#include "pqsafe/common.h"

int pqs_der_peek(const pqs_der_span *in)
{
    return in->len > 0 ? in->p[0] : -1;
}

int pqs_der_read(pqs_der_span *in, uint8_t tag, pqs_der_span *content, const char *what)
{
    if (in->len < 2)
        return pqs_error_set(PQS_E_DECODE, "%s: truncated", what);
    if (in->p[0] != tag)
        return pqs_error_set(PQS_E_DECODE, "%s: expected tag 0x%02x, found 0x%02x", what, tag, in->p[0]);
    size_t len, hdr;
    uint8_t first = in->p[1];
    if (first < 0x80) {
        len = first;
        hdr = 2;
    } else {
        size_t nbytes = first & 0x7f;
        if (nbytes == 0 || nbytes > 4)
            return pqs_error_set(PQS_E_DECODE, "%s: unsupported length encoding", what);
        if (in->len < 2 + nbytes)
            return pqs_error_set(PQS_E_DECODE, "%s: truncated length", what);
        len = 0;
        for (size_t i = 0; i < nbytes; i++)
            len = (len << 8) | in->p[2 + i];
        /* Minimal form: no leading zero byte, and long form only for lengths >= 128. */
        if (in->p[2] == 0 || len < 0x80)
            return pqs_error_set(PQS_E_DECODE, "%s: length not in minimal DER form", what);
        hdr = 2 + nbytes;
    }
    if (len > in->len - hdr)
        return pqs_error_set(PQS_E_DECODE, "%s: length %zu runs past the end of the input", what, len);
    content->p = in->p + hdr;
    content->len = len;
    in->p += hdr + len;
    in->len -= hdr + len;
    return PQS_OK;
}

size_t pqs_der_header_len(size_t len)
{
    if (len < 0x80)
        return 2;
    if (len < 0x100)
        return 3;
    if (len < 0x10000)
        return 4;
    return 5;
}

size_t pqs_der_put_header(uint8_t *out, uint8_t tag, size_t len)
{
    size_t n = pqs_der_header_len(len);
    out[0] = tag;
    if (n == 2) {
        out[1] = (uint8_t)len;
        return 2;
    }
    out[1] = (uint8_t)(0x80 | (n - 2));
    for (size_t i = 0; i < n - 2; i++)
        out[2 + i] = (uint8_t)(len >> (8 * (n - 3 - i)));
    return n;
}
