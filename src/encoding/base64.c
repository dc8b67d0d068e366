/* Constant-time base64 (RFC 4648 §4, §5). */
#include "base64.h"

#include "core/error.h"
#include "pqsafe/common.h"

/* 1 when lo <= c <= hi, else 0, without a branch. */
static uint32_t in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
    return ((lo - 1 - c) & (c - hi - 1)) >> 31;
}

/* The character of a 6-bit value: 'A'+v, moved into the next range of the alphabet by
 * adding each range's offset under a mask. */
static char b64_char(uint32_t v)
{
    uint32_t c = 'A' + v;
    c += in_range(v, 26, 63) * 6;    /* 'a' - 'A' - 26 */
    c -= in_range(v, 52, 63) * 75;   /* to '0' */
    c -= in_range(v, 62, 62) * 15;   /* to '+' */
    c -= in_range(v, 63, 63) * 12;   /* to '/' */
    return (char)c;
}

/* The 6-bit value of c, or a value with bit 8 set when c is not in the alphabet. */
static uint32_t b64_value(uint32_t c, int urlsafe)
{
    uint32_t v = 0, ok = 0, m;
    m = in_range(c, 'A', 'Z'); v |= m * (c - 'A'); ok |= m;
    m = in_range(c, 'a', 'z'); v |= m * (c - 'a' + 26); ok |= m;
    m = in_range(c, '0', '9'); v |= m * (c - '0' + 52); ok |= m;
    m = in_range(c, '+', '+') | (in_range(c, '-', '-') & (uint32_t)urlsafe); v |= m * 62; ok |= m;
    m = in_range(c, '/', '/') | (in_range(c, '_', '_') & (uint32_t)urlsafe); v |= m * 63; ok |= m;
    return v | ((ok ^ 1) << 8);
}

size_t pqs_base64_encoded_len(size_t len, int flags)
{
    return (flags & PQS_B64_PAD) ? (len + 2) / 3 * 4 : (len * 4 + 2) / 3;
}

size_t pqs_base64_encode(char *out, const uint8_t *in, size_t len, int flags)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t b1 = i + 1 < len ? in[i + 1] : 0, b2 = i + 2 < len ? in[i + 2] : 0;
        uint32_t w = (uint32_t)in[i] << 16 | b1 << 8 | b2;
        out[o++] = b64_char(w >> 18);
        out[o++] = b64_char((w >> 12) & 63);
        if (i + 1 < len)
            out[o++] = b64_char((w >> 6) & 63);
        else if (flags & PQS_B64_PAD)
            out[o++] = '=';
        if (i + 2 < len)
            out[o++] = b64_char(w & 63);
        else if (flags & PQS_B64_PAD)
            out[o++] = '=';
    }
    out[o] = '\0';
    return o;
}

int pqs_base64_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int flags)
{
    size_t data = len;
    uint32_t invalid = 0;
    /* Alphabet first, so a stray character is reported as such whatever the length. */
    for (size_t i = 0; i < len; i++) {
        uint32_t c = (unsigned char)in[i];
        invalid |= (b64_value(c, (flags & PQS_B64_URLSAFE) != 0) >> 8) & (in_range(c, '=', '=') ^ 1);
    }
    if (invalid)
        return pqs_error_set(PQS_E_DECODE, "invalid base64 character");
    if (flags & PQS_B64_PAD) {
        if (len % 4 != 0)
            return pqs_error_set(PQS_E_DECODE, "base64 length is not a multiple of 4");
        while (data > 0 && len - data < 2 && in[data - 1] == '=')
            data--;
    }
    if (data % 4 == 1)
        return pqs_error_set(PQS_E_DECODE, "base64 has a dangling character");
    uint32_t acc = 0, bad = 0;
    unsigned bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < data; i++) {
        uint32_t v = b64_value((unsigned char)in[i], (flags & PQS_B64_URLSAFE) != 0);
        bad |= v >> 8;
        acc = (acc << 6) | (v & 63);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (bad)
        return pqs_error_set(PQS_E_DECODE, "invalid base64 character");
    /* RFC 4648 §3.5: the bits left over after the last whole byte must be zero. */
    if (acc != 0)
        return pqs_error_set(PQS_E_DECODE, "non-canonical base64 (non-zero padding bits)");
    *out_len = o;
    return PQS_OK;
}
